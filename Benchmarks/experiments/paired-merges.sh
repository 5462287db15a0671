#!/usr/bin/env bash
# Two builds' pulls that merge into rows the replica already holds, paired on one noisy machine:
#   updates: N/3 households updated elsewhere, pulled into a replica holding all N rows (the merge's
#            "remote dominates" path);
#   again:   every row pulled again from cursor 0 into a replica holding them (the "equal" path, as a
#            replica that moved to a new schema version does).
# One server (build B's) holds the rows; each round copies one replica file for each build.
# usage: Benchmarks/experiments/paired-merges.sh A_BIN_DIR B_BIN_DIR  (release builds; N=200000 ROUNDS=5)
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 A_BIN_DIR B_BIN_DIR" >&2; exit 2; }
A=$1; B=$2; N=${N:-200000}; ROUNDS=${ROUNDS:-5}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d); cd "$work"
server=""
trap '[ -z "$server" ] || kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
. "$here/serve-fresh.sh"
serve_fresh "$B"
for name in source base; do "$B/farelegami" init --db $name.sqlite --site crema --server "$url" --token-file token >/dev/null; done
sqlite3 source.sqlite "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $N / 3 - 1)
  INSERT INTO household (id, site_id, code, municipality, adults, minors, over65, vulnerability, referral_source)
  SELECT printf('0190%04x-%04x-7000-8000-%012x', i / 65536, i % 65536, i), 'crema', printf('HH-%05d', i), 'Crema', 2, 1, 0,
    'economic hardship', 'civic center' FROM n;
  WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $N * 2 / 3 - 1)
  INSERT INTO partner (id, site_id, name, legal_form, tax_code, role)
  SELECT printf('0191%04x-%04x-7000-8000-%012x', i / 65536, i % 65536, i), 'crema', printf('Cooperativa %d', i),
    'cooperativa sociale', printf('%011d', i), 'partner' FROM n;"
"$B/farelegami" sync --db source.sqlite >/dev/null
"$B/farelegami" sync --db base.sqlite >/dev/null
sqlite3 base.sqlite "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
sqlite3 source.sqlite "UPDATE household SET adults = adults + 1"
"$B/farelegami" sync --db source.sqlite >/dev/null
timed() { /usr/bin/time -f "$1 $2 %e s wall, %U s user" "$3/farelegami" sync --db r.sqlite 2>&1 >/dev/null | tail -1; }
for round in $(seq 1 "$ROUNDS"); do
  for build in A B; do
    bin=$A; [ $build = B ] && bin=$B
    rm -f r.sqlite*; cp base.sqlite r.sqlite
    timed updates $build "$bin"
    rm -f r.sqlite*; cp base.sqlite r.sqlite
    sqlite3 r.sqlite "UPDATE _fl_meta SET value = '0' WHERE key = 'cursor'"
    timed again $build "$bin"
  done
done | awk '{ print; key = $1 " " $2; wall[key] += $3; runs[key]++ }
  END { for (k in wall) printf "%s: mean %.3f s wall (%d syncs)\n", k, wall[k] / runs[k], runs[k] }' | sort
