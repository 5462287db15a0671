#!/usr/bin/env bash
# The test command: installs what the build needs, builds, checks the protocol contract against the
# real server, runs every Swift test suite (the server's store suites on SQLite and on PostgreSQL), then the office app's and the central office's browser tests.
# More random histories: FARELEGAMI_HISTORIES=20000 scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
export PATH="/opt/swift/usr/bin:$PATH"
swift build --build-tests
python3 scripts/check-contract.py "$(swift build --show-bin-path)"
scripts/fuzz-api.sh "$(swift build --show-bin-path)"   # quick; FUZZ_EXAMPLES=1000 for a longer run
swift test --skip-build "$@"
# The server's store suites again on PostgreSQL (one behavioural suite, both stores), and three server
# processes on one database under kill -9, in a throwaway cluster (scripts/postgres-cluster.sh).
postgres_dir="$(mktemp -d)/postgres"
trap 'scripts/postgres-cluster.sh stop "$postgres_dir"' EXIT
postgres_url="$(scripts/postgres-cluster.sh start "$postgres_dir")"
FARELEGAMI_TEST_POSTGRES="$postgres_url" swift test --skip-build --filter 'MergeServerTests|PostgresMultiServerFaultTests|PostgresMigrationTests' "$@"
# The office app in real headless Chromium against real processes (Tests/Browser).
python3 Tests/Browser/office_app_test.py --bin "$(swift build --show-bin-path)"
python3 Tests/Browser/central_office_test.py --bin "$(swift build --show-bin-path)"
