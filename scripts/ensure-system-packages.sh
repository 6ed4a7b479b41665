#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing (run by `npm test` before jest):
# chromium for the UI tests (driven by playwright-core; no downloaded browser), libsqlite3-dev for @keyv/sqlite's build,
# redis-server for the web-farm tests (each test starts its own on a free port; never the system service).
# With package names as arguments it checks and installs only those: `npm run farm` runs it with redis-server.
set -euo pipefail
if [ $# -gt 0 ]; then wanted=("$@"); else wanted=(chromium redis-server libsqlite3-dev); fi
missing=()
for package in "${wanted[@]}"; do
  case "$package" in
    chromium) [ -x /usr/bin/chromium ] || missing+=(chromium) ;;
    redis-server) command -v redis-server >/dev/null 2>&1 || missing+=(redis-server) ;;
    *) dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package") ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "These Debian packages are needed: ${missing[*]} — install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]} (about a minute)…" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
