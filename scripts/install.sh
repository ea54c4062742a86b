#!/usr/bin/env bash
# Installs everything evs-workbench needs on a Debian bookworm machine, as root.
# Idempotent: does nothing when the system packages and node_modules are already in place.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -e /usr/lib/softhsm/libsofthsm2.so ] || need_apt+=(softhsm2)
python3 -c 'import cryptography.hazmat.primitives.ciphers' >/dev/null 2>&1 || need_apt+=(python3-cryptography)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "install.sh: missing system packages: ${need_apt[*]}; run as root or: sudo apt-get install -y ${need_apt[*]}" >&2
    exit 1
  fi
  echo "install.sh: installing Debian packages: ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# node_modules: reinstall only when package-lock.json changed since the last install.
stamp=node_modules/.install-stamp
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  echo "install.sh: npm ci (better-sqlite3 builds from source; this takes a couple of minutes)"
  npm ci --no-audit --no-fund
  echo "$lock_sum" > "$stamp"
fi
