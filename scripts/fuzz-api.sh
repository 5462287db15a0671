#!/usr/bin/env bash
# Fuzzes the real merge server against its contract (protocol/openapi.yaml) with schemathesis: every
# operation gets generated valid and invalid requests (bad types, missing parameters, odd strings,
# wrong methods, bad auth); the check fails on any 5xx, any status the contract does not list, or any body
# that does not match the contract's schema.
#
# Usage: scripts/fuzz-api.sh [BIN_DIR]            quick (CI): 30 examples per operation
#        FUZZ_EXAMPLES=1000 scripts/fuzz-api.sh   longer, on demand
#        FUZZ_SEED=7 scripts/fuzz-api.sh          replay one run
# Installs schemathesis with pip when missing. Loopback only; the store is a throw-away temp file.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-$(/opt/swift/usr/bin/swift build --show-bin-path)}"
EXAMPLES="${FUZZ_EXAMPLES:-30}"
SEED="${FUZZ_SEED:-1}"
command -v schemathesis >/dev/null || python3 -m pip install --quiet schemathesis

work="$(mktemp -d)"
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

"$BIN/farelegami-server" init --db "$work/central.sqlite" >/dev/null
"$BIN/farelegami-server" site add hq --central --db "$work/central.sqlite" >"$work/hq.token" 2>/dev/null
"$BIN/farelegami-server" serve --db "$work/central.sqlite" --host 127.0.0.1 --port 0 --max-body-mb 1 \
    2>"$work/server.log" >/dev/null &
server_pid=$!
for _ in $(seq 1 100); do
    url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/server.log" | head -1 || true)"
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { echo "the server did not start: $(cat "$work/server.log")" >&2; exit 1; }
token="$(cat "$work/hq.token")"
# Register a replica so pulls with it reach the store, not only the parameter checks.
curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"protocolVersion":1,"schemaVersion":1,"replica":"fuzzreplica0000000001"}' "$url/v1/handshake" >/dev/null

status=0
schemathesis run protocol/openapi.yaml --url "$url" -H "Authorization: Bearer $token" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
    --max-examples "$EXAMPLES" --seed "$SEED" --workers 1 --request-timeout 10 || status=$?
if grep -q 'error' "$work/server.log"; then
    echo "server log errors:" >&2
    grep 'error' "$work/server.log" | head -20 >&2
fi
exit $status
