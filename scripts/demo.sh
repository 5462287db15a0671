#!/usr/bin/env bash
# The main job on one machine: a merge server on an embedded SQLite store, replicas for crema,
# cremona, casalmaggiore and hq, offline edits (a concurrent edit of one field and edits of
# different fields of one row among them), syncs in some order, then each replica's view and the
# conflict list, the central office resolving the conflict, and the resolution reaching everyone.
# Usage: scripts/demo.sh [WORKDIR]   (default: ./demo, recreated)
#        FARELEGAMI_BIN=DIR scripts/demo.sh   uses binaries already built in DIR
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
export PATH="/opt/swift/usr/bin:$PATH"
if [ -n "${FARELEGAMI_BIN:-}" ]; then
  bin="$FARELEGAMI_BIN"
else
  echo "building (the first build takes a few minutes)..." >&2
  swift build --product farelegami >&2
  swift build --product farelegami-server >&2
  bin="$(swift build --show-bin-path)"
fi
work="${1:-demo}"
rm -rf "$work" && mkdir -p "$work"
cd "$work"
fl() { "$bin/farelegami" "$@"; }
server() { "$bin/farelegami-server" "$@"; }
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "central office: a merge server store and one token per site"
server init --db central.sqlite
for site in crema cremona casalmaggiore; do server site add "$site" --db central.sqlite > "$site.token"; done
server site add hq --central --db central.sqlite > hq.token
chmod 600 ./*.token

"$bin/farelegami-server" serve --db central.sqlite --host 127.0.0.1 --port 0 > server.log 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true; wait $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q "listening on" server.log 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.]*:[0-9]*' server.log | head -1)
echo "server at $url"

step "one replica per office"
for site in crema cremona casalmaggiore hq; do
  fl init --db "$site.sqlite" --site "$site" --server "$url" --token-file "$site.token"
done

step "hq registers a partner and a lab; everyone syncs"
sqlite3 hq.sqlite "INSERT INTO partner (id, name, legal_form, role) VALUES ('p-cisvol', 'CISVOL', 'associazione', 'partner');
INSERT INTO lab (id, theme, title, area, promoter_partner_id, status)
  VALUES ('lab-1', 'loneliness', 'Caffè del giovedì', 'Crema centro', 'p-cisvol', 'planned');"
for site in hq crema cremona casalmaggiore; do fl sync --db "$site.sqlite"; done

step "offline edits"
sqlite3 crema.sqlite "UPDATE lab SET title = 'Caffè del giovedì - Crema' WHERE id = 'lab-1';
INSERT INTO household (code, municipality, adults, minors) VALUES ('CR-7Q2K', 'Crema', 1, 2);"
sqlite3 cremona.sqlite "UPDATE lab SET title = 'Caffè insieme' WHERE id = 'lab-1';
INSERT INTO household (code, municipality, adults, minors) VALUES ('CM-X81P', 'Cremona', 2, 1);"
sqlite3 casalmaggiore.sqlite "UPDATE lab SET status = 'active', area = 'Casalmaggiore' WHERE id = 'lab-1';"
echo "crema and cremona both retitled the lab (same field); casalmaggiore changed its status and area (other fields)"

step "syncs in some order"
for site in cremona casalmaggiore crema hq cremona casalmaggiore crema; do fl sync --db "$site.sqlite"; done

step "each replica's view"
for site in crema cremona casalmaggiore hq; do
  echo "-- $site: lab, and households it holds"
  sqlite3 -header -column "$site.sqlite" "SELECT title, area, status FROM lab; SELECT site_id, code FROM household ORDER BY code;"
done

step "the conflict, as the central office sees it"
fl conflicts list --db hq.sqlite
id=$(fl conflicts list --db hq.sqlite --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')

step "hq resolves it with its own title; everyone syncs"
fl conflicts resolve "$id" --value 'Caffè del giovedì (Crema e Cremona)' --db hq.sqlite
for site in hq crema cremona casalmaggiore; do fl sync --db "$site.sqlite"; done

step "after the resolution"
for site in crema cremona casalmaggiore hq; do
  printf '%-14s %s | open conflicts: %s\n' "$site" "$(sqlite3 "$site.sqlite" "SELECT title || ' / ' || area || ' / ' || status FROM lab")" \
    "$(fl status --db "$site.sqlite" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["openConflicts"])')"
done
echo
echo "every replica converged; cremona never received crema's household, hq holds both."
