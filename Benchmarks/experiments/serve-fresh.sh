# Sourced by the experiments: serve_fresh BIN starts BIN's farelegami-server on a fresh store in the
# current folder (site crema, its token in ./token) on a free loopback port; sets $url and $server.
serve_fresh() {
  "$1/farelegami-server" init --db server.sqlite >/dev/null 2>&1
  "$1/farelegami-server" site add crema --db server.sqlite > token 2>/dev/null
  local port=$((20000 + RANDOM % 20000))
  "$1/farelegami-server" serve --db server.sqlite --host 127.0.0.1 --port $port > server.log 2>&1 &
  server=$!
  url=http://127.0.0.1:$port
  until curl -s -o /dev/null "$url/"; do sleep 0.1; done
}
