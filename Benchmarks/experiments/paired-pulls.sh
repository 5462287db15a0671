#!/usr/bin/env bash
# Two builds' initial syncs, paired on one noisy machine: one server (build B's) holds N pushed rows
# (household, partner, need_report, filled by the sqlite3 shell through the capture triggers); then
# fresh replicas pull them all, build A and build B in turn, ROUNDS times. Prints each pull and the means.
# usage: Benchmarks/experiments/paired-pulls.sh A_BIN_DIR B_BIN_DIR   (each with release farelegami and
#        farelegami-server; N=200000 ROUNDS=5 by default). Needs sqlite3.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 A_BIN_DIR B_BIN_DIR" >&2; exit 2; }
A=$1; B=$2; N=${N:-200000}; ROUNDS=${ROUNDS:-5}
work=$(mktemp -d); cd "$work"
"$B/farelegami-server" init --db server.sqlite >/dev/null 2>&1
"$B/farelegami-server" site add crema --db server.sqlite > token 2>/dev/null
port=$((20000 + RANDOM % 20000))
"$B/farelegami-server" serve --db server.sqlite --host 127.0.0.1 --port $port > server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
url=http://127.0.0.1:$port
"$B/farelegami" init --db source.sqlite --site crema --server $url --token-file token >/dev/null
third=$((N / 3))
for spec in \
  "household (id, site_id, code, municipality, adults, minors, over65, vulnerability, referral_source)|0190|'crema', printf('HH-%05d', i), 'Crema', 2, 1, 0, 'economic hardship', 'civic center'" \
  "partner (id, site_id, name, legal_form, tax_code, role)|0191|'crema', printf('Cooperativa Sociale %d', i), 'cooperativa sociale', printf('%011d', i), 'partner'" \
  "need_report (id, site_id, reported_on, category, urgency, status, description)|0192|'crema', '2026-11-02', 'housing', 'high', 'new', 'Famiglia con due minori in cerca di alloggio temporaneo'"; do
  IFS='|' read -r target prefix values <<< "$spec"
  # Time-ordered random ids (UUIDv7 layout), as the benchmark's rows.
  sqlite3 source.sqlite "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $third - 1)
    INSERT INTO $target SELECT printf('${prefix}%04x-%04x-7%03x-8%03x-%012x', i / 65536, i % 65536,
      abs(random()) % 4096, abs(random()) % 4096, abs(random()) % 281474976710656), $values FROM n;"
done
"$B/farelegami" sync --db source.sqlite >/dev/null
for round in $(seq 1 "$ROUNDS"); do
  for build in A B; do
    bin=$A; [ $build = B ] && bin=$B
    "$bin/farelegami" init --db pull-$build.sqlite --site crema --server $url --token-file token >/dev/null
    /usr/bin/time -f "$build %e s wall, %U s user" "$bin/farelegami" sync --db pull-$build.sqlite 2>&1 >/dev/null | tail -1
    rm -f pull-$build.sqlite*
  done
done | awk '{ print; wall[$1] += $2; user[$1] += $5; runs[$1]++ }
  END { for (b in wall) printf "%s: mean %.2f s wall, %.2f s user (%d pulls of '"$N"' rows)\n", b, wall[b] / runs[b], user[b] / runs[b], runs[b] }'
