#!/usr/bin/env bash
# The test command: installs what the build needs, then runs every test suite.
# More random histories: FARELEGAMI_HISTORIES=20000 scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
export PATH="/opt/swift/usr/bin:$PATH"
swift build --build-tests
swift test --skip-build "$@"
