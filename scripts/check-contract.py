#!/usr/bin/env python3
"""Checks protocol/openapi.yaml and that the real server's answers conform to it.

Usage: scripts/check-contract.py BIN_DIR
Validates the OpenAPI 3.1 document, starts the real farelegami-server on a free loopback port,
sends good and bad requests, and checks every answer: its status is one the contract lists for
that operation, and its JSON body validates against the schema the contract gives for it.
Ends with the line 'N passed, M failed'.
"""
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

import yaml
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate as validate_spec

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def resolve(node, spec):
    """Inlines every local $ref, so schemas validate on their own."""
    if isinstance(node, dict):
        if "$ref" in node and node["$ref"].startswith("#/"):
            target = spec
            for part in node["$ref"][2:].split("/"):
                target = target[part]
            merged = dict(resolve(target, spec))
            merged.update({k: resolve(v, spec) for k, v in node.items() if k != "$ref"})
            return merged
        return {k: resolve(v, spec) for k, v in node.items()}
    if isinstance(node, list):
        return [resolve(v, spec) for v in node]
    return node


class Server:
    def __init__(self, bin_dir, work):
        self.bin = os.path.join(bin_dir, "farelegami-server")
        self.db = os.path.join(work, "central.sqlite")
        subprocess.run([self.bin, "init", "--db", self.db], check=True, capture_output=True)
        self.tokens = {}
        for site in ["crema", "cremona", "hq"]:
            extra = ["--central"] if site == "hq" else []
            out = subprocess.run([self.bin, "site", "add", site, "--db", self.db] + extra,
                                 check=True, capture_output=True, text=True)
            self.tokens[site] = out.stdout.strip()
        self.process = subprocess.Popen(
            [self.bin, "serve", "--db", self.db, "--host", "127.0.0.1", "--port", "0", "--max-body-mb", "1"],
            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        for line in self.process.stderr:
            match = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
            if match:
                self.url = match.group(1)
                break
        else:
            raise SystemExit("the server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def change_set(replica, site, table="partner", columns=None, origin=None):
    columns = columns or {"site_id": site, "name": "CISVOL", "role": "partner"}
    return {
        "format": "farelegami-changeset", "protocolVersion": 1, "schemaVersion": 1,
        "origin": origin or replica, "site": site, "since": 0, "through": 1,
        "rows": [{
            "table": table, "id": f"row-{replica}", "clock": {replica: 1}, "live": [[replica, 1, 1]],
            "fields": {name: [[replica, 1, value]] for name, value in columns.items()},
        }],
    }


def main():
    bin_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug")
    with open(os.path.join(ROOT, "protocol", "openapi.yaml")) as handle:
        spec = yaml.safe_load(handle)
    passed, failed = 0, 0
    try:
        validate_spec(spec)
        print("ok   protocol/openapi.yaml is a valid OpenAPI 3.1 document")
        passed += 1
    except Exception as error:  # noqa: BLE001 - report any validation failure
        print(f"FAIL protocol/openapi.yaml is not valid: {error}")
        failed += 1
    resolved = resolve(spec, spec)

    work = tempfile.mkdtemp(prefix="fl-contract-")
    server = Server(bin_dir, work)
    crema, cremona, hq = server.tokens["crema"], server.tokens["cremona"], server.tokens["hq"]
    hello = {"protocolVersion": 1, "schemaVersion": 1, "replica": "r-crema"}
    cases = [
        ("health", "GET", "/health", None, None, {}, 200),
        ("metrics without a token", "GET", "/metrics", None, None, {}, 401),
        ("metrics with a site's token", "GET", "/metrics", crema, None, {}, 403),
        ("metrics with the central token", "GET", "/metrics", hq, None, {}, 200),
        ("handshake", "POST", "/v1/handshake", crema, hello, {}, 200),
        ("handshake of cremona", "POST", "/v1/handshake", cremona,
         {"protocolVersion": 1, "schemaVersion": 1, "replica": "r-cremona"}, {}, 200),
        ("push", "POST", "/v1/push", crema, change_set("r-crema", "crema"), {}, 200),
        ("push replayed", "POST", "/v1/push", crema, change_set("r-crema", "crema"), {}, 200),
        ("pull", "GET", "/v1/pull?replica=r-cremona&since=0&limit=10", cremona, None, {}, 200),
        ("pull gzip", "GET", "/v1/pull?replica=r-cremona&since=0", cremona, None, {"Accept-Encoding": "gzip"}, 200),
        ("snapshot", "GET", "/v1/snapshot?replica=r-cremona&table=partner&limit=10", cremona, None, {}, 200),
        ("snapshot page", "GET", "/v1/snapshot?replica=r-cremona&table=partner&after=p1&upTo=1&limit=1", cremona, None, {}, 200),
        ("snapshot of a local table", "GET", "/v1/snapshot?replica=r-cremona&table=person_identity", cremona, None, {}, 400),
        ("snapshot without a table", "GET", "/v1/snapshot?replica=r-cremona", cremona, None, {}, 400),
        ("status", "GET", "/v1/status", crema, None, {}, 200),
        ("catalog", "GET", "/v1/catalog", crema, None, {}, 200),
        ("catalog version 1", "GET", "/v1/catalog?version=1", hq, None, {}, 200),
        ("catalog unknown version", "GET", "/v1/catalog?version=7", crema, None, {}, 400),
        ("catalog no token", "GET", "/v1/catalog", None, None, {}, 401),
        ("replicas", "GET", "/v1/replicas?since=0", cremona, None, {}, 200),
        ("replicas paged", "GET", "/v1/replicas?since=0&limit=1", hq, None, {}, 200),
        ("replicas bad since", "GET", "/v1/replicas?since=-1", crema, None, {}, 400),
        ("replicas by dot", "GET", "/v1/replicas?dots=r-crema:1,r-cremona:5", hq, None, {}, 200),
        ("replicas bad dots", "GET", "/v1/replicas?dots=r-crema", hq, None, {}, 400),
        ("replicas no token", "GET", "/v1/replicas", None, None, {}, 401),
        ("status central", "GET", "/v1/status", hq, None, {}, 200),
        ("retire by a site", "POST", "/v1/replicas/r-cremona/retire", crema, None, {}, 403),
        ("retire unknown", "POST", "/v1/replicas/r-nobody/retire", hq, None, {}, 404),
        ("retire", "POST", "/v1/replicas/r-cremona/retire", hq, None, {}, 200),
        ("retire again", "POST", "/v1/replicas/r-cremona/retire", hq, None, {}, 200),
        ("status after retire", "GET", "/v1/status", hq, None, {}, 200),
        ("no token", "POST", "/v1/handshake", None, hello, {}, 401),
        ("wrong token", "POST", "/v1/handshake", "not-a-token", hello, {}, 401),
        ("malformed JSON", "POST", "/v1/push", crema, b"{not json", {}, 400),
        ("truncated JSON", "POST", "/v1/push", crema, json.dumps(change_set("r-crema", "crema")).encode()[:60], {}, 400),
        ("unknown table", "POST", "/v1/push", crema, change_set("r-crema", "crema", table="nope"), {}, 400),
        ("unknown column", "POST", "/v1/push", crema,
         change_set("r-crema", "crema", columns={"site_id": "crema", "colour": "red"}), {}, 400),
        ("another site's replica", "POST", "/v1/push", cremona, change_set("r-crema", "cremona"), {}, 403),
        ("another site's household", "POST", "/v1/push", cremona,
         change_set("r-cremona", "cremona", table="household", columns={"site_id": "crema", "code": "X"}), {}, 403),
        ("wrong protocol version", "POST", "/v1/handshake", crema, dict(hello, protocolVersion=99), {}, 409),
        ("wrong schema version", "POST", "/v1/handshake", crema, dict(hello, schemaVersion=99), {}, 409),
        ("bad limit", "GET", "/v1/pull?replica=r-crema&limit=abc", crema, None, {}, 400),
        ("oversized body", "POST", "/v1/push", crema, b"x" * (2 * 1024 * 1024), {}, 413),
        ("unsupported encoding", "POST", "/v1/push", crema, b"{}", {"Content-Encoding": "br"}, 415),
    ]
    try:
        for name, method, path, token, body, headers, expected in cases:
            ok, detail = check(server.url, resolved, method, path, token, body, headers, expected)
            print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}")
            passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)
    finally:
        server.stop()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def operation_for(spec, method, path):
    """The contract's operation for `method` `path`, matching templated paths (`/v1/replicas/{replica}/retire`)."""
    for template, item in spec["paths"].items():
        pattern = "^" + re.sub(r"\\{[^/]+\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, path) and method.lower() in item:
            return item[method.lower()]
    return None


def check(base, spec, method, path, token, body, headers, expected):
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method, headers=dict(headers))
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, raw, encoding = response.status, response.read(), response.headers.get("Content-Encoding")
    except urllib.error.HTTPError as error:
        status, raw, encoding = error.code, error.read(), error.headers.get("Content-Encoding")
    if encoding == "gzip":
        raw = gzip.decompress(raw)
    if status != expected:
        return False, f"expected HTTP {expected}, got {status}: {raw[:200]!r}"
    operation = operation_for(spec, method, path.split("?")[0])
    if operation is None:
        return False, f"{method} {path} is not in the contract"
    answer = operation["responses"].get(str(status))
    if answer is None:
        return False, f"HTTP {status} is not a response the contract lists for {method} {path}"
    schema = answer.get("content", {}).get("application/json", {}).get("schema")
    if schema is None:
        return True, f"HTTP {status} (no JSON body in the contract)"
    try:
        OAS31Validator(schema).validate(json.loads(raw))
    except Exception as error:  # noqa: BLE001 - any mismatch is a failure
        return False, f"HTTP {status} body does not match the contract: {str(error).splitlines()[0]}"
    return True, f"HTTP {status}, body conforms" + (" (gzip)" if encoding == "gzip" else "")


if __name__ == "__main__":
    sys.exit(main())
