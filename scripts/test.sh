#!/usr/bin/env bash
# The test command: installs what the build needs, builds, checks the protocol contract against the
# real server, runs every Swift test suite, then the office app's and the central office's browser tests.
# More random histories: FARELEGAMI_HISTORIES=20000 scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
export PATH="/opt/swift/usr/bin:$PATH"
swift build --build-tests
python3 scripts/check-contract.py "$(swift build --show-bin-path)"
scripts/fuzz-api.sh "$(swift build --show-bin-path)"   # quick; FUZZ_EXAMPLES=1000 for a longer run
swift test --skip-build "$@"
# The office app in real headless Chromium against real processes (Tests/Browser).
python3 Tests/Browser/office_app_test.py --bin "$(swift build --show-bin-path)"
python3 Tests/Browser/central_office_test.py --bin "$(swift build --show-bin-path)"
