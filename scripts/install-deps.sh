#!/usr/bin/env bash
# Installs the system packages FareLegami Sync builds against (Debian/Ubuntu), if any is missing.
set -euo pipefail
packages=(libsqlite3-dev libcurl4-openssl-dev zlib1g-dev sqlite3 python3 curl chromium chromium-driver poppler-utils faketime openssl e2fsprogs postgresql)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# The contract check (scripts/check-contract.py) validates with these Python packages.
if ! python3 -c "import openapi_spec_validator, openapi_schema_validator, yaml" 2>/dev/null; then
  echo "installing the Python packages of the contract check" >&2
  python3 -m pip install --quiet openapi-spec-validator openapi-schema-validator pyyaml
fi
# The office app's browser test (Tests/Browser) drives Chromium with selenium.
if ! python3 -c "import selenium" 2>/dev/null; then
  echo "installing selenium for the browser test" >&2
  python3 -m pip install --quiet selenium
fi
