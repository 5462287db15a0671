#!/usr/bin/env python3
"""The office app in real headless Chromium, against real processes: the merge server, two
replicas (crema and hq) and `farelegami office` on crema's replica, each on a free loopback port.

A social worker's day: sign in, add a household with two people and their identities, open a pact
with two commitments and review it, log a lab session, find the household by a person's real name,
correct a typo, delete a record entered by mistake, export the filtered list as CSV, sync and see the
rows at hq; bad input gets a message beside its field and changes nothing; forms without the
anti-forgery token or after logout are refused; no identity ever leaves the office.

Usage: office_app_test.py [--bin .build/debug] [--screenshots DIR]
"""
import argparse
import json
import os
import shutil
import socket
import sqlite3
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

PASSWORD = "passwordmaria1"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*args, stdin=None):
    result = subprocess.run(args, input=stdin, capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed ({result.returncode}): {result.stderr}{result.stdout}")
    return result.stdout


def wait_for_port(port, process, what):
    for _ in range(200):
        if process.poll() is not None:
            raise AssertionError(f"{what} exited early with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"{what} did not listen on port {port}")


class Office:
    """The browser on the office app."""

    def __init__(self, base, shots):
        options = webdriver.ChromeOptions()
        for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=it-IT",
                     "--window-size=1280,900"]:
            options.add_argument(flag)
        service = webdriver.ChromeService(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
        self.driver = webdriver.Chrome(options=options, service=service)
        self.base = base
        self.shots = shots

    def open(self, path):
        self.driver.get(self.base + path)

    def fill(self, fields):
        for name, value in fields.items():
            element = self.driver.find_element(By.NAME, name)
            if element.tag_name == "select":
                select = Select(element)
                matches = [o for o in select.options if value in o.text]
                assert matches, f"no option containing {value!r} in {name}: {[o.text for o in select.options]}"
                select.select_by_visible_text(matches[0].text)
            else:
                element.clear()
                element.send_keys(value)

    def save(self):
        self.click("save")

    def click(self, element_id):
        self.press(self.driver.find_element(By.ID, element_id))

    def press(self, element):
        """Clicks `element` and waits for the page it leads to."""
        # A mark on the old page's window: gone once the browser shows the next page.
        self.driver.execute_script("window.__leaving = true")
        element.click()
        WebDriverWait(self.driver, 15).until(lambda driver: driver.execute_script(
            "return window.__leaving !== true && document.readyState === 'complete'"))

    def submit_login(self):
        self.press(self.driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def h1(self):
        return self.driver.find_element(By.TAG_NAME, "h1").text

    def flash(self):
        found = self.driver.find_elements(By.ID, "flash")
        return found[0].text if found else ""

    def field_error(self, name):
        found = self.driver.find_elements(By.ID, f"e-{name}")
        return found[0].text if found else ""

    def cookie(self, name):
        cookie = self.driver.get_cookie(name)
        return cookie["value"] if cookie else None

    def shoot(self, name):
        if not self.shots:
            return
        for width, label in [(1280, "desktop"), (390, "phone")]:
            self.driver.set_window_size(width, 900)
            height = self.driver.execute_script("return document.body.scrollHeight")
            self.driver.set_window_size(width, min(max(height, 600), 3000))
            self.driver.save_screenshot(os.path.join(self.shots, f"{name}-{label}.png"))
        self.driver.set_window_size(1280, 900)


def prepare(prefix):
    """The command line (`--bin`, `--screenshots`), the two binaries' paths and a fresh work folder."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=".build/debug")
    parser.add_argument("--screenshots", default=None)
    args = parser.parse_args()
    if args.screenshots:
        os.makedirs(args.screenshots, exist_ok=True)
    binary = lambda name: os.path.abspath(os.path.join(args.bin, name))
    return args, binary("farelegami"), binary("farelegami-server"), tempfile.mkdtemp(prefix=prefix)


def stop(browser, processes):
    """Closes the browser and stops every process started, killing one that does not stop in 10 s."""
    if browser:
        browser.driver.quit()
    for process in processes:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def post(url, fields, cookie):
    data = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(url, data=data, method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def get(url, cookie):
    request = urllib.request.Request(url)
    request.add_header("Cookie", cookie)
    with urllib.request.urlopen(request) as response:
        return response.status, response.headers, response.read()


def count(db, sql):
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchone()[0]


def main():
    args, client, server, work = prepare("office-app-test-")
    processes = []
    browser = None
    try:
        store = os.path.join(work, "central.sqlite")
        run(server, "init", "--db", store)
        tokens = {}
        for site in ["crema", "hq"]:
            extra = ["--central"] if site == "hq" else []
            tokens[site] = run(server, "site", "add", site, *extra, "--db", store).strip().splitlines()[-1]
            with open(os.path.join(work, f"{site}.token"), "w") as f:
                f.write(tokens[site])
        server_port = free_port()
        processes.append(subprocess.Popen(
            [server, "serve", "--db", store, "--port", str(server_port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_for_port(server_port, processes[-1], "the merge server")
        replicas = {}
        for site in ["crema", "hq"]:
            replicas[site] = os.path.join(work, f"{site}.sqlite")
            run(client, "init", "--db", replicas[site], "--site", site, "--server", f"http://127.0.0.1:{server_port}",
                "--token-file", os.path.join(work, f"{site}.token"))
        crema = replicas["crema"]
        run(client, "office", "user", "add", "maria", "--role", "coordinator", "--password-stdin", "--db", crema,
            stdin=PASSWORD + "\n")
        app_port = free_port()
        processes.append(subprocess.Popen(
            [client, "office", "--db", crema, "--listen", f"127.0.0.1:{app_port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_for_port(app_port, processes[-1], "the office app")
        base = f"http://127.0.0.1:{app_port}"
        browser = Office(base, args.screenshots)
        step = lambda text: print(f"ok   {text}", flush=True)

        # Sign in: a wrong password is refused in words, the right one opens the home page.
        browser.open("/")
        assert "Accesso" in browser.h1(), browser.text()
        browser.shoot("login")
        browser.fill({"user": "maria", "password": "sbagliata-123"})
        browser.submit_login()
        assert "non corretti" in browser.flash(), browser.text()
        browser.fill({"user": "maria", "password": PASSWORD})
        browser.submit_login()
        assert "Cosa vuoi fare oggi?" in browser.h1(), browser.text()
        assert "Sincronizza ora" in browser.text()
        browser.shoot("home")
        step("sign in (a wrong password refused in words)")

        # Partners and staff the pact refers to, chosen by name later.
        for partner in ["Cooperativa Iride", "Partner sbagliato"]:
            browser.open("/r/partner/new")
            browser.fill({"name": partner, "role": "partner"})
            browser.save()
            assert browser.flash() == "Salvato.", browser.text()
        browser.open("/r/staff/new")
        browser.fill({"name": "Giulia Verdi", "role": "Community Maker"})
        browser.save()
        assert browser.flash() == "Salvato.", browser.text()

        # A household (with a typo), two people and their identities.
        browser.open("/r/household/new")
        browser.shoot("household-new")
        browser.fill({"municipality": "Crmea", "adults": "2", "minors": "1"})
        browser.save()
        heading = browser.h1()
        assert heading.startswith("Nucleo familiare: CR-"), heading
        code = heading.split(": ", 1)[1]
        household_url = browser.driver.current_url
        for relation, year, sex, name, tax in [("madre", "1985", "femmina", "Maria Bianchi", "BNCMRA85A41D142X"),
                                               ("figlio", "2015", "maschio", "Luca Bianchi", "BNCLCU15C10D142Y")]:
            browser.driver.get(household_url)
            browser.click("add-person")
            browser.fill({"relation": relation, "birth_year": year, "sex": sex})
            browser.save()
            assert browser.flash() == "Salvato.", browser.text()
            browser.click("add-person_identity")
            browser.fill({"full_name": name, "tax_code": tax, "consent_on": "01/03/2026"})
            browser.save()
            assert browser.flash() == "Salvato.", browser.text()
        browser.driver.get(household_url)
        assert "Persone (2)" in browser.text(), browser.text()
        browser.shoot("household")
        step(f"household {code} with two people and their identities")

        # A pact with two commitments, reviewed.
        browser.open("/r/pact/new")
        browser.fill({"household_id": code, "kind": "inclusione sociale", "partner_id": "Cooperativa Iride",
                      "maker_id": "Giulia Verdi", "status": "attivo", "signed_on": "10/03/2026"})
        browser.save()
        assert browser.flash() == "Salvato.", browser.text()
        pact_url = browser.driver.current_url
        for description in ["Partecipare al laboratorio di cucina", "Accompagnare ai colloqui di lavoro"]:
            browser.driver.get(pact_url)
            browser.click("add-pact_commitment")
            browser.fill({"party": "il nucleo", "kind": "azione", "description": description, "status": "da fare"})
            browser.save()
            assert browser.flash() == "Salvato.", browser.text()
        browser.driver.get(pact_url)
        browser.click("add-pact_review")
        browser.fill({"reviewed_on": "20/03/2026", "decision": "prosegue", "notes": "Buon avvio"})
        browser.save()
        assert browser.flash() == "Salvato.", browser.text()
        browser.driver.get(pact_url)
        assert "Impegni dei patti (2)" in browser.text() and "Verifiche dei patti (1)" in browser.text(), browser.text()
        assert "inclusione sociale" in browser.text()
        browser.shoot("pact")
        step("a pact with two commitments, reviewed")

        # A lab and one of its sessions.
        browser.open("/r/lab/new")
        browser.fill({"theme": "abitare", "title": "Abitare insieme", "status": "attivo"})
        browser.save()
        browser.click("add-lab_session")
        browser.fill({"held_on": "15/03/2026", "participants": "12", "minors": "3", "elderly": "2", "volunteers": "4"})
        browser.save()
        assert browser.flash() == "Salvato.", browser.text()
        step("a lab session logged")

        # Bad input: a message beside the field, nothing written.
        before = count(crema, "SELECT count(*) FROM funding")
        browser.open("/r/funding/new")
        browser.fill({"kind": "donazione", "partner_id": "Cooperativa Iride", "amount_cents": "12,3,4", "on_date": "31/02/2026"})
        browser.save()
        assert "non è un importo valido" in browser.field_error("amount_cents"), browser.text()
        assert "non è una data valida" in browser.field_error("on_date"), browser.text()
        assert count(crema, "SELECT count(*) FROM funding") == before
        browser.shoot("form-errors")
        browser.fill({"amount_cents": "1.234,50", "on_date": "31/03/2026"})
        browser.save()
        assert browser.flash() == "Salvato.", browser.text()
        assert "1.234,50 €" in browser.text(), browser.text()
        assert count(crema, "SELECT amount_cents FROM funding") == 123450
        step("a bad date and a bad amount refused beside their fields; 1.234,50 € stored as 123450 cents")

        # Find the household by a person's real name, and correct the typo.
        browser.open("/r/household")
        browser.fill({"q": "Bianchi"})
        browser.click("apply-filters")
        assert browser.driver.find_element(By.ID, "count").text.startswith("1 "), browser.text()
        assert code in browser.text()
        browser.shoot("household-list")
        browser.press(browser.driver.find_element(By.LINK_TEXT, code))
        browser.click("edit-record")
        browser.fill({"municipality": "Crema"})
        browser.save()
        assert browser.flash() == "Salvato.", browser.text()
        assert count(crema, f"SELECT count(*) FROM household WHERE code = '{code}' AND municipality = 'Crema'") == 1
        step("found by a person's real name; the typo corrected")

        # Delete the partner entered by mistake.
        browser.open("/r/partner")
        browser.press(browser.driver.find_element(By.LINK_TEXT, "Partner sbagliato"))
        browser.click("delete-record")
        browser.click("confirm-delete")
        assert browser.flash() == "Scheda eliminata.", browser.text()
        assert "Partner sbagliato" not in browser.text()
        assert count(crema, "SELECT count(*) FROM partner WHERE name = 'Partner sbagliato'") == 0
        step("a record entered by mistake deleted")

        # CSV of the filtered list, for an Italian spreadsheet.
        session = browser.cookie("fl_office_session")
        status, headers, body = get(base + "/csv/funding?q=Iride", f"fl_office_session={session}")
        text = body.decode("utf-8")
        assert status == 200 and text.startswith("\ufeff"), text[:80]
        assert "Cooperativa Iride" in text and "1234,50" in text and "31/03/2026" in text and ";" in text, text
        step("CSV export: BOM, ';', partner by name, decimal comma, dd/mm/yyyy")

        # Import: the exported list comes back with nothing new; a bad row is shown and nothing written.
        _, _, partners_csv = get(base + "/csv/partner", f"fl_office_session={session}")
        files = {}
        for name, content in [("partners.csv", partners_csv),
                              ("mixed.csv", "\ufeffNome;Ruolo\r\nAssociazione Sole;sostenitore\r\nAltro;capo\r\n".encode()),
                              ("good.csv", "\ufeffNome;Ruolo\r\nAssociazione Sole;sostenitore\r\n".encode())]:
            files[name] = os.path.join(work, name)
            with open(files[name], "wb") as f:
                f.write(content)
        partners = count(crema, "SELECT count(*) FROM partner")
        browser.open("/r/partner")
        browser.click("import-csv")
        browser.driver.find_element(By.ID, "file").send_keys(files["partners.csv"])
        browser.click("preview")
        assert "Nel file non c'è nulla di nuovo" in browser.text(), browser.text()
        browser.driver.find_element(By.ID, "file").send_keys(files["mixed.csv"])
        browser.click("preview")
        problems = browser.driver.find_element(By.ID, "import-problems").text
        assert "3" in problems and "Ruolo" in problems, problems
        assert not browser.driver.find_elements(By.ID, "confirm-import")
        browser.shoot("import-preview")
        assert count(crema, "SELECT count(*) FROM partner") == partners
        browser.driver.find_element(By.ID, "file").send_keys(files["good.csv"])
        browser.click("preview")
        browser.click("confirm-import")
        assert "Righe importate: 1" in browser.flash(), browser.text()
        assert count(crema, "SELECT count(*) FROM partner WHERE name = 'Associazione Sole' AND role = 'supporter'") == 1
        step("CSV import: the exported list adds nothing again, a bad row is shown by line, a good file is imported")

        # Forms without the token, or after logout, are refused and change nothing.
        csrf = browser.driver.find_element(By.NAME, "_csrf").get_attribute("value")
        partners = count(crema, "SELECT count(*) FROM partner")
        status, _ = post(base + "/r/partner/new", {"name": "Senza token", "role": "partner"}, f"fl_office_session={session}")
        assert status == 403, status
        status, _ = post(base + "/r/partner/new", {"name": "Token sbagliato", "role": "partner", "_csrf": "0" * 64},
                         f"fl_office_session={session}")
        assert status == 403, status
        assert count(crema, "SELECT count(*) FROM partner") == partners

        # Sync from the app; hq's replica gets the rows, never the identities.
        browser.click("sync-now")
        assert "Sincronizzazione completata" in browser.flash(), browser.text()
        run(client, "sync", "--db", replicas["hq"])
        hq = replicas["hq"]
        assert count(hq, f"SELECT count(*) FROM household WHERE code = '{code}' AND municipality = 'Crema'") == 1
        assert count(hq, "SELECT count(*) FROM pact_commitment") == 2
        assert count(hq, "SELECT count(*) FROM lab_session WHERE participants = 12") == 1
        assert count(hq, "SELECT count(*) FROM person_identity") == 0
        for path in [hq, store]:
            for suffix in ["", "-wal"]:
                if os.path.exists(path + suffix):
                    data = open(path + suffix, "rb").read()
                    for secret in [b"Bianchi", b"BNCMRA85A41D142X", b"maria", PASSWORD.encode()]:
                        assert secret not in data, f"{secret!r} left the office: found in {path + suffix}"
        step("synced from the app: hq holds the rows and no name, tax code or account")

        # A concurrent edit: hq and the office change the household's municipality; the office keeps one.
        connection = sqlite3.connect(hq)
        with connection:
            connection.execute(f"UPDATE household SET municipality = 'Crema centro' WHERE code = '{code}'")
        connection.close()
        run(client, "sync", "--db", hq)
        browser.driver.get(household_url)
        browser.click("edit-record")
        browser.fill({"municipality": "Crema (CR)"})
        browser.save()
        browser.click("sync-now")
        assert "1 conflitti aperti" in browser.flash(), browser.flash()
        browser.open("/conflicts")
        page = browser.text()
        assert "Crema centro" in page and "Crema (CR)" in page and code in page, page
        browser.shoot("conflicts")
        keep = [side for side in browser.driver.find_elements(By.CSS_SELECTOR, ".side") if "Crema centro" in side.text]
        browser.press(keep[0].find_element(By.TAG_NAME, "button"))
        assert "Conflitto risolto" in browser.flash(), browser.text()
        browser.click("sync-now")
        run(client, "sync", "--db", hq)
        for db in [crema, hq]:
            assert count(db, f"SELECT count(*) FROM household WHERE code = '{code}' AND municipality = 'Crema centro'") == 1, db
            assert count(db, "SELECT count(*) FROM _fl_conflict") == 0, db
        step("a conflict with hq shown with both values, resolved with one click, the same at hq after sync")

        # The central office publishes a new version of the data model: after a sync from the app, the
        # household form shows the new field (no new program), and what is typed in it is kept.
        catalog = json.load(open(os.path.join(ROOT, "protocol", "catalog.json")))
        catalog["version"] = 2
        household = next(table for table in catalog["tables"] if table["name"] == "household")
        household["columns"].append({
            "name": "housing", "type": "text", "allowed": ["affitto", "proprieta", "casa_popolare"],
            "label": {"it": "Situazione abitativa", "en": "Housing"},
            "valueLabels": {"affitto": {"it": "in affitto"}, "proprieta": {"it": "di proprietà"},
                            "casa_popolare": {"it": "casa popolare"}}})
        version2 = os.path.join(work, "catalog-v2.json")
        with open(version2, "w") as f:
            json.dump(catalog, f)
        run(server, "schema", "publish", version2, "--db", store)
        browser.click("sync-now")
        assert "completata" in browser.flash(), browser.flash()
        browser.open("/r/household/new")
        assert "Situazione abitativa" in browser.text(), browser.text()
        browser.fill({"municipality": "Crema", "adults": "1", "housing": "in affitto"})
        browser.shoot("household-new-schema-2")
        browser.save()
        assert browser.flash() == "Salvato.", browser.text()
        assert "Situazione abitativa" in browser.text() and "in affitto" in browser.text(), browser.text()
        assert count(crema, "SELECT count(*) FROM household WHERE housing = 'affitto'") == 1
        browser.click("sync-now")
        run(client, "sync", "--db", hq)
        assert count(hq, "SELECT count(*) FROM household WHERE housing = 'affitto'") == 1
        step("a published schema version: the form shows the new field after a sync, its value reaches hq")

        # The server down: the sync says so in words, and the status bar shows the office offline.
        processes[0].terminate()
        processes[0].wait(timeout=10)
        browser.click("sync-now")
        assert "non in linea" in browser.flash(), browser.flash()
        assert "non in linea" in browser.driver.find_element(By.CLASS_NAME, "statusbar").text
        step("server unreachable: 'non in linea' in the message and the status bar")
        browser.open("/audit")
        assert "Maria Bianchi" in browser.text() or code in browser.text(), browser.text()
        browser.shoot("audit")
        step("the read log lists who opened the household")

        # After logout the old session's forms are refused.
        browser.open("/")
        browser.press(browser.driver.find_element(By.CSS_SELECTOR, "header form button"))
        assert "Accesso" in browser.h1()
        status, _ = post(base + "/r/partner/new", {"name": "Dopo l'uscita", "role": "partner", "_csrf": csrf},
                         f"fl_office_session={session}")
        assert status == 403, status
        assert count(crema, "SELECT count(*) FROM partner WHERE name = 'Dopo l''uscita'") == 0
        step("forms without the token, with a wrong one or after logout: 403, nothing written")

        # Five wrong passwords lock the account.
        for _ in range(5):
            browser.fill({"user": "maria", "password": "ancora-sbagliata"})
            browser.submit_login()
        browser.fill({"user": "maria", "password": PASSWORD})
        browser.submit_login()
        assert "bloccato" in browser.flash(), browser.text()
        step("five wrong passwords lock the account")

        # Beyond loopback only with TLS (or --insecure-lan); over TLS the cookies are Secure.
        refused = subprocess.run([client, "office", "--db", crema, "--listen", f"0.0.0.0:{free_port()}"],
                                 capture_output=True, text=True, timeout=30)
        assert refused.returncode != 0 and "--tls-cert" in refused.stderr and "--insecure-lan" in refused.stderr, refused
        cert, key = os.path.join(work, "cert.pem"), os.path.join(work, "key.pem")
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-days", "1",
            "-keyout", key, "-out", cert)
        tls_port = free_port()
        processes.append(subprocess.Popen(
            [client, "office", "--db", crema, "--listen", f"127.0.0.1:{tls_port}", "--tls-cert", cert, "--tls-key", key],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_for_port(tls_port, processes[-1], "the office app over TLS")
        context = ssl.create_default_context(cafile=cert)
        context.check_hostname = False
        with urllib.request.urlopen(f"https://127.0.0.1:{tls_port}/login", context=context) as response:
            cookie = response.headers.get("Set-Cookie", "")
            assert response.status == 200 and "Secure" in cookie and "HttpOnly" in cookie, cookie
        step("beyond loopback refused without TLS; over TLS the app answers with Secure, HttpOnly cookies")
        print("office app browser test: all steps passed")
    finally:
        stop(browser, processes)
        if sys.exc_info()[0] is None or not os.environ.get("KEEP_FAILED"):
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}", file=sys.stderr)


if __name__ == "__main__":
    try:
        main()
    except AssertionError as error:
        print(f"FAIL {error}", file=sys.stderr)
        sys.exit(1)
