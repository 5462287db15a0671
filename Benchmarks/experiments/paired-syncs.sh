#!/usr/bin/env bash
# Two builds' big syncs, paired on one noisy machine, ROUNDS times build A then build B.
#   pull: one server (build B's) holds N rows pushed once; fresh replicas of each build pull them all.
#   push: each build's replica, filled with N rows, pushes them to a fresh server of its own build.
# The N rows (household, partner, need_report) are written by the sqlite3 shell through the capture
# triggers, with time-ordered random ids (UUIDv7 layout) as in the benchmark. Prints each timed sync
# and the means.
# usage: Benchmarks/experiments/paired-syncs.sh pull|push A_BIN_DIR B_BIN_DIR   (each with release
#        farelegami and farelegami-server; N=200000 ROUNDS=5 by default). Needs sqlite3.
set -euo pipefail
[ $# -eq 3 ] && { [ "$1" = pull ] || [ "$1" = push ]; } || { echo "usage: $0 pull|push A_BIN_DIR B_BIN_DIR" >&2; exit 2; }
mode=$1; A=$2; B=$3; N=${N:-200000}; ROUNDS=${ROUNDS:-5}
for dir in "$A" "$B"; do
  for program in farelegami farelegami-server; do
    [ -x "$dir/$program" ] || { echo "$0: no $program in $dir (give release build directories)" >&2; exit 2; }
  done
done
here=$(cd "$(dirname "$0")" && pwd)
. "$here/serve-fresh.sh"
work=$(mktemp -d); cd "$work"
server=""
trap 'stop_server; rm -rf "$work"' EXIT

stop_server() { [ -z "$server" ] || { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; server=""; }; }

# start_server BIN: a fresh store with site crema (token in ./token), served on a free port; sets $url.
start_server() {
  stop_server
  rm -f server.sqlite* token
  serve_fresh "$1"
}

# filled_replica BIN PATH: a replica of site crema holding N rows not yet pushed.
filled_replica() {
  rm -f "$2"*
  "$1/farelegami" init --db "$2" --site crema --server "$url" --token-file token >/dev/null
  local third=$((N / 3)) spec target prefix values
  for spec in \
    "household (id, site_id, code, municipality, adults, minors, over65, vulnerability, referral_source)|0190|'crema', printf('HH-%05d', i), 'Crema', 2, 1, 0, 'economic hardship', 'civic center'" \
    "partner (id, site_id, name, legal_form, tax_code, role)|0191|'crema', printf('Cooperativa Sociale %d', i), 'cooperativa sociale', printf('%011d', i), 'partner'" \
    "need_report (id, site_id, reported_on, category, urgency, status, description)|0192|'crema', '2026-11-02', 'housing', 'high', 'new', 'Famiglia con due minori in cerca di alloggio temporaneo'"; do
    IFS='|' read -r target prefix values <<< "$spec"
    sqlite3 "$2" "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $third - 1)
      INSERT INTO $target SELECT printf('${prefix}%04x-%04x-7%03x-8%03x-%012x', i / 65536, i % 65536,
        abs(random()) % 4096, abs(random()) % 4096, abs(random()) % 281474976710656), $values FROM n;"
  done
}

timed_sync() { /usr/bin/time -f "$1 %e s wall, %U s user" "$2/farelegami" sync --db "$3" 2>&1 >/dev/null | tail -1; }

if [ "$mode" = pull ]; then
  start_server "$B"
  filled_replica "$B" source.sqlite
  "$B/farelegami" sync --db source.sqlite >/dev/null
fi
for round in $(seq 1 "$ROUNDS"); do
  for build in A B; do
    bin=$A; [ $build = B ] && bin=$B
    if [ "$mode" = push ]; then
      start_server "$bin"
      filled_replica "$bin" source.sqlite
      timed_sync $build "$bin" source.sqlite
      stop_server  # this loop runs in a pipeline's subshell: its servers are stopped here, not by the trap
    else
      rm -f pull.sqlite*
      "$bin/farelegami" init --db pull.sqlite --site crema --server "$url" --token-file token >/dev/null
      timed_sync $build "$bin" pull.sqlite
    fi
  done
done | awk '{ print; wall[$1] += $2; user[$1] += $5; runs[$1]++ }
  END { for (b in wall) printf "%s: mean %.2f s wall, %.2f s user (%d syncs of '"$N"' rows)\n", b, wall[b] / runs[b], user[b] / runs[b], runs[b] }'
