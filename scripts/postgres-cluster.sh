#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and benchmarks: its files in a temporary folder, trust
# authentication, listening on 127.0.0.1 only, on a free port.
#   scripts/postgres-cluster.sh start DIR   creates and starts it; prints postgres://farelegami@127.0.0.1:PORT/postgres
#   scripts/postgres-cluster.sh stop DIR    stops it and removes DIR
set -euo pipefail
command="${1:-}"
dir="${2:-}"
if [ -z "$command" ] || [ -z "$dir" ] || { [ "$command" != start ] && [ "$command" != stop ]; }; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL is not installed: run scripts/install-deps.sh" >&2
  exit 1
fi
# PostgreSQL refuses to run as root: the cluster then belongs to the postgres user.
as_owner=()
[ "$(id -u)" -ne 0 ] || as_owner=(runuser -u postgres --)
if [ "$command" = stop ]; then
  [ -d "$dir/data" ] && "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  exit 0
fi
mkdir -p "$dir"
# As root the postgres user owns the cluster's folder and must be able to reach it (mktemp -d makes
# its folder private to root).
[ "$(id -u)" -ne 0 ] || { chmod a+x "$(dirname "$dir")"; chown postgres "$dir"; }
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"${as_owner[@]}" "$bin/initdb" -D "$dir/data" --auth=trust --username=farelegami --encoding=UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
# Durable commits as in production (fsync on): the crash tests rely on it.
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=200" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }
echo "postgres://farelegami@127.0.0.1:$port/postgres"
