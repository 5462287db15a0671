#!/usr/bin/env bash
# What moving to a published schema version costs an office with N rows, end to end (release build):
# the replica pushes its N rows (household, partner, need_report, written by the sqlite3 shell through
# the capture triggers); a fresh replica's initial sync of them is timed for reference; the central
# office publishes version 2 (a column on household); then the next sync of the replica that pulled is
# timed: it moves the replica (one transaction) and pulls everything again for what is new (rows it
# holds merge to no change), then the sync after it (nothing to do), then the office's own move.
# usage: Benchmarks/experiments/schema-move.sh BIN_DIR   (release farelegami and farelegami-server;
#        N=200000 by default). Needs sqlite3, curl, python3.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 BIN_DIR" >&2; exit 2; }
bin=$1; N=${N:-200000}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d); cd "$work"
server=""
trap '[ -z "$server" ] || kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
. "$here/serve-fresh.sh"
serve_fresh "$bin"
"$bin/farelegami" init --db office.sqlite --site crema --server "$url" --token-file token >/dev/null
third=$((N / 3))
for spec in \
  "household (id, site_id, code, municipality, adults, minors, over65, vulnerability, referral_source)|0190|'crema', printf('HH-%05d', i), 'Crema', 2, 1, 0, 'economic hardship', 'civic center'" \
  "partner (id, site_id, name, legal_form, tax_code, role)|0191|'crema', printf('Cooperativa Sociale %d', i), 'cooperativa sociale', printf('%011d', i), 'partner'" \
  "need_report (id, site_id, reported_on, category, urgency, status, description)|0192|'crema', '2026-11-02', 'housing', 'high', 'new', 'Famiglia con due minori in cerca di alloggio temporaneo'"; do
  IFS='|' read -r target prefix values <<< "$spec"
  sqlite3 office.sqlite "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $third - 1)
    INSERT INTO $target SELECT printf('${prefix}%04x-%04x-7%03x-8%03x-%012x', i / 65536, i % 65536,
      abs(random()) % 4096, abs(random()) % 4096, abs(random()) % 281474976710656), $values FROM n;"
done
timed() { /usr/bin/time -f "$1: %e s wall, %U s user" "$bin/farelegami" sync --db "$2" 2>&1 >/dev/null | tail -1; }
timed "push of $N rows" office.sqlite
"$bin/farelegami" init --db fresh.sqlite --site crema --server "$url" --token-file token >/dev/null
timed "initial sync of $N rows (reference)" fresh.sqlite
python3 - "$here/../../protocol/catalog.json" <<'PY'
import json, sys
catalog = json.load(open(sys.argv[1]))
catalog["version"] = 2
next(t for t in catalog["tables"] if t["name"] == "household")["columns"].append({"name": "housing"})
json.dump(catalog, open("catalog-v2.json", "w"))
PY
"$bin/farelegami-server" schema publish catalog-v2.json --db server.sqlite >/dev/null
timed "sync that moves to version 2 and pulls the $N rows (another replica's) again" fresh.sqlite
timed "the sync after it" fresh.sqlite
timed "the office's own sync that moves (its own rows are not sent back)" office.sqlite
for db in fresh office; do
  [ "$(sqlite3 $db.sqlite 'PRAGMA user_version')" = 2 ] || { echo "$0: replica $db did not move" >&2; exit 1; }
done
