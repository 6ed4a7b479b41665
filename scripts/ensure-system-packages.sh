#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing (run by `npm test` before jest):
# chromium for the UI tests (driven by playwright-core; no downloaded browser), libsqlite3-dev for @keyv/sqlite's build,
# redis-server for the web-farm tests (each test starts its own on a free port; never the system service).
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
dpkg -s libsqlite3-dev >/dev/null 2>&1 || missing+=(libsqlite3-dev)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "The tests need these Debian packages: ${missing[*]} — install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages the tests need: ${missing[*]} (about a minute)…" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
