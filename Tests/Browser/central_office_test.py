#!/usr/bin/env python3
"""The central office in real headless Chromium, against real processes: the merge server, four
replicas (crema, cremona, casalmaggiore, hq) and `farelegami office` on hq's replica.

Two offices rename the same partner offline and a third deletes another partner crema edited; the
central admin resolves both conflicts in the browser (an hq operator sees them but cannot); after
the offices sync, every replica shows the resolutions and no conflict is open. The sites page shows
every computer; a computer retired there forks when it comes back, losing nothing. The report page
on seed data gives the same figures as `farelegami report all`, and its print to PDF has every chart.

Usage: central_office_test.py [--bin .build/debug] [--screenshots DIR]
"""
import base64
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys

from selenium.webdriver.common.by import By

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from office_app_test import Office, count, free_port, prepare, run, stop, wait_for_port  # noqa: E402

PASSWORD = "passwordanna12"


def number(text):
    """A page cell as a number (`1.234,50 €` → 1234.5, `45,0%` → 45.0), or the text (`<5`)."""
    cleaned = text.replace("€", "").replace("%", "").strip()
    if re.fullmatch(r"-?[\d.]+(,\d+)?", cleaned):
        return float(cleaned.replace(".", "").replace(",", "."))
    return text.strip()


def sign_in(browser, user):
    browser.open("/login")
    browser.fill({"user": user, "password": PASSWORD})
    browser.submit_login()
    assert "Cosa vuoi fare oggi?" in browser.h1(), browser.text()


def main():
    args, client, server, work = prepare("central-office-test-")
    processes, browser = [], None
    step = lambda text: print(f"ok   {text}", flush=True)
    try:
        store = os.path.join(work, "central.sqlite")
        run(server, "init", "--db", store)
        sites = ["crema", "cremona", "casalmaggiore", "hq"]
        for site in sites:
            token = run(server, "site", "add", site, *(["--central"] if site == "hq" else []), "--db", store).strip().splitlines()[-1]
            with open(os.path.join(work, f"{site}.token"), "w") as f:
                f.write(token)
        port = free_port()
        processes.append(subprocess.Popen([server, "serve", "--db", store, "--port", str(port)],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_for_port(port, processes[-1], "the merge server")
        db = {}
        for name, site in [(s, s) for s in sites] + [("crema-old", "crema")]:
            db[name] = os.path.join(work, f"{name}.sqlite")
            run(client, "init", "--db", db[name], "--site", site, "--server", f"http://127.0.0.1:{port}",
                "--token-file", os.path.join(work, f"{site}.token"))
        sync = lambda name: run(client, "sync", "--db", db[name])
        with sqlite3.connect(db["hq"]) as c:
            c.execute("INSERT INTO partner (id, name, role) VALUES ('p-iride', 'Cooperativa Iride', 'partner')")
            c.execute("INSERT INTO partner (id, name, role) VALUES ('p-sole', 'Associazione Sole', 'supporter')")
        sync("hq")
        for name in ["crema", "cremona", "casalmaggiore", "crema-old"]:
            sync(name)
        # Offline: two offices rename Iride; crema edits Sole while casalmaggiore deletes it.
        for name, sql in [("crema", "UPDATE partner SET name = 'Cooperativa Iride Crema' WHERE id = 'p-iride';"
                                    "UPDATE partner SET legal_form = 'APS' WHERE id = 'p-sole'"),
                          ("cremona", "UPDATE partner SET name = 'Coop. Iride' WHERE id = 'p-iride'"),
                          ("casalmaggiore", "DELETE FROM partner WHERE id = 'p-sole'")]:
            with sqlite3.connect(db[name]) as c:
                c.executescript(sql)
        for name in ["crema", "cremona", "casalmaggiore", "hq"]:
            sync(name)
        assert count(db["hq"], "SELECT count(*) FROM _fl_conflict") >= 2

        for user, role in [("anna", "central_admin"), ("ugo", "operator")]:
            run(client, "office", "user", "add", user, "--role", role, "--password-stdin", "--db", db["hq"], stdin=PASSWORD + "\n")
        app_port = free_port()
        processes.append(subprocess.Popen([client, "office", "--db", db["hq"], "--listen", f"127.0.0.1:{app_port}"],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_for_port(app_port, processes[-1], "the office app on hq")
        browser = Office(f"http://127.0.0.1:{app_port}", args.screenshots)

        # An operator at hq sees the conflicts but does not resolve them.
        sign_in(browser, "ugo")
        browser.open("/conflicts")
        page = browser.text()
        assert "Coop. Iride" in page and "Cooperativa Iride Crema" in page, page
        assert "Solo l'amministrazione centrale" in page, page
        assert not browser.driver.find_elements(By.CSS_SELECTOR, ".conflict form"), "an hq operator gets no resolve buttons"
        browser.press(browser.driver.find_element(By.CSS_SELECTOR, "header form button"))
        step("an hq operator sees the conflicts in words, without resolve buttons")

        # The central admin resolves both, each side by office and time.
        sign_in(browser, "anna")
        browser.open("/conflicts")
        page = browser.text()
        assert "Cremona" in page and "Crema" in page and "Casalmaggiore" in page, page
        assert "modificata da un ufficio ed eliminata da un altro" in page, page
        browser.shoot("central-conflicts")
        sides = [s for s in browser.driver.find_elements(By.CSS_SELECTOR, ".side") if "Coop. Iride" in s.text]
        browser.press(sides[0].find_element(By.TAG_NAME, "button"))
        assert "Conflitto risolto" in browser.flash(), browser.text()
        keep = [b for b in browser.driver.find_elements(By.CSS_SELECTOR, "button[name=action][value=keep]")]
        browser.press(keep[0])
        assert "Conflitto risolto" in browser.flash(), browser.text()
        assert "Nessun conflitto aperto" in browser.text(), browser.text()
        browser.click("sync-now")
        assert "Sincronizzazione completata" in browser.flash(), browser.flash()
        browser.open("/conflicts")
        recent = browser.driver.find_element(By.ID, "recent-resolutions").text
        assert recent.count("in attesa che lo ricevano") == 2 and "Cremona" in recent, recent
        for name in ["crema", "cremona", "casalmaggiore", "hq"]:
            sync(name)
        browser.open("/conflicts")
        recent = browser.driver.find_element(By.ID, "recent-resolutions").text
        assert "Cremona" not in recent and "Casalmaggiore" not in recent and "Crema" in recent, recent
        for name in ["crema", "cremona", "casalmaggiore", "hq"]:
            assert count(db[name], "SELECT count(*) FROM partner WHERE id = 'p-iride' AND name = 'Coop. Iride'") == 1, name
            assert count(db[name], "SELECT count(*) FROM partner WHERE id = 'p-sole' AND legal_form = 'APS'") == 1, name
            assert count(db[name], "SELECT count(*) FROM _fl_conflict") == 0, name
        step("the central admin resolved a rename and an edit-against-delete; every replica shows both, no conflict open")

        # Sites at a glance; a computer that will never come back is retired, and forks if it does.
        browser.open("/sites")
        table = browser.driver.find_element(By.ID, "computers").text
        assert "Casalmaggiore" in table and "computer 2 di Crema" in table, table
        browser.shoot("sites")
        links = [a for a in browser.driver.find_elements(By.LINK_TEXT, "Ritira")]
        old_id = json.loads(run(client, "status", "--db", db["crema-old"], "--json"))["replica"]
        target = [a for a in links if a.get_attribute("href").endswith(f"replica={old_id}")]
        assert len(target) == 1, [a.get_attribute("href") for a in links]
        browser.press(target[0])
        browser.click("confirm-retire")
        assert "Computer ritirato" in browser.flash(), browser.text()
        assert "ritirato il" in browser.driver.find_element(By.ID, "computers").text
        browser.open("/conflicts")
        recent = browser.driver.find_element(By.ID, "recent-resolutions").text
        assert recent.count("arrivato a tutti gli uffici") == 2, recent
        browser.shoot("central-resolutions")
        with sqlite3.connect(db["crema-old"]) as c:
            c.execute("INSERT INTO partner (id, name, role) VALUES ('p-late', 'Partner tardivo', 'partner')")
        out = run(client, "sync", "--db", db["crema-old"])
        assert "new identity" in out or "restored" in out or "identity" in out, out
        sync("hq")
        assert count(db["hq"], "SELECT count(*) FROM partner WHERE id = 'p-late'") == 1
        assert len(links) == 4, "every computer but hq's own can be retired"  # crema ×2, cremona, casalmaggiore
        step("the sites page lists every computer; resolutions show who still awaits them, then 'arrivato a tutti gli "
             "uffici'; a retired computer that comes back takes a new identity, losing nothing")

        # The report on seed data: the CLI's figures, with charts, printable.
        seeded = os.path.join(work, "seeded.sqlite")
        run(client, "init", "--db", seeded, "--site", "hq")
        run(client, "seed", "--db", seeded, "--scale", "2")
        run(client, "office", "user", "add", "anna", "--role", "central_admin", "--password-stdin", "--db", seeded, stdin=PASSWORD + "\n")
        report_port = free_port()
        processes.append(subprocess.Popen([client, "office", "--db", seeded, "--listen", f"127.0.0.1:{report_port}"],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_for_port(report_port, processes[-1], "the office app on the seeded replica")
        browser.base = f"http://127.0.0.1:{report_port}"
        sign_in(browser, "anna")
        cli = json.loads(run(client, "report", "all", "--db", seeded, "--period", "2026-H1", "--format", "json"))
        browser.open("/report?period=2026-H1")
        compared = 0
        for table in cli:
            section = browser.driver.find_element(By.ID, f"report-{table['report']}")
            rows = section.find_elements(By.CSS_SELECTOR, "table.list tbody tr")
            assert len(rows) == len(table["rows"]), (table["report"], len(rows), len(table["rows"]))
            for row, expected in zip(rows, table["rows"]):
                cells = [number(td.text) for td in row.find_elements(By.TAG_NAME, "td")]
                for index, column in enumerate(table["columns"]):
                    value = expected[column]
                    if isinstance(value, (int, float)):
                        assert abs(cells[index] - value) < 0.051, (table["report"], column, cells[index], value)
                        compared += 1
                    elif value == "<5":
                        assert cells[index] == "<5", (table["report"], column, cells[index])
                        compared += 1
        charts = browser.driver.find_elements(By.CSS_SELECTOR, "figure.chart svg")
        assert len(charts) == 4, len(charts)
        browser.shoot("report")
        step(f"the report page gives the CLI report's figures ({compared} numbers compared) with 4 charts")
        pdf = base64.b64decode(browser.driver.print_page())
        pdf_path = os.path.join(args.screenshots or work, "report.pdf")
        with open(pdf_path, "wb") as f:
            f.write(pdf)
        text = subprocess.run(["pdftotext", pdf_path, "-"], capture_output=True, text=True, check=True).stdout
        for title in ["Patti per tipo e stato, per sede", "Partecipanti ai laboratori, mese per mese",
                      "Cofinanziamento versato rispetto al promesso", "Spesa rispetto al budget"]:
            assert title in text, f"{title!r} not in the PDF"
        assert "Sincronizza ora" not in text, "the print leaves out the status bar and menus"
        if args.screenshots:
            subprocess.run(["pdftoppm", "-png", "-r", "50", pdf_path, os.path.join(args.screenshots, "report-pdf")], check=True)
        step("the report prints to PDF with every chart and without the app's menus")
        print("central office browser test: all steps passed")
    finally:
        stop(browser, processes)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    try:
        main()
    except AssertionError as error:
        print(f"FAIL {error}", file=sys.stderr)
        sys.exit(1)
