#!/usr/bin/env bash
# Installs what slipstream needs on this machine, and stops naming whatever it cannot install.
#   (no option)  what `npm start` and `npm run bench` need: Node.js, npm packages, nats-server
#   --test       also everything the test suite needs (the whole SYSTEM_PACKAGES list below)
#   --check      only report what is missing; install nothing (exit 1 when something is)
# --browser and --python are accepted as older spellings of --test.
set -euo pipefail
cd "$(dirname "$0")/.."

# The one list of system packages (Debian names) the project needs. Each line:
#   <package> <needed for: run|test> <how to tell it is present>
# A test never skips on a missing package: `npm test` installs them all first, or stops here.
SYSTEM_PACKAGES=$(
  cat <<'EOF'
nats-server       run   deb_installed nats-server || command -v nats-server || [ -n "${NATS_SERVER_BIN:-}" ]
chromium          test  deb_installed chromium && [ -x /usr/bin/chromium ]
python3-socketio  test  "$(python_for_examples)" -c 'import socketio'
python3-websocket test  "$(python_for_examples)" -c 'import websocket'
EOF
)

want=run
check_only=0
for arg in "$@"; do
  case "$arg" in
    --test | --browser | --python) want=test ;;
    --check) check_only=1 ;;
    -h | --help)
      sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "ensure-prerequisites: unknown option $arg (see --help)" >&2
      exit 2
      ;;
  esac
done

say() { printf '\033[1;34m[slipstream]\033[0m %s\n' "$*" >&2; }

# Debian's python3 packages land in /usr/bin/python3's path; a python3 earlier on PATH (pyenv, a venv)
# does not see them. The Python example test uses the same interpreter (SLIPSTREAM_PYTHON).
python_for_examples() {
  if [ -n "${SLIPSTREAM_PYTHON:-}" ]; then echo "$SLIPSTREAM_PYTHON"; elif [ -x /usr/bin/python3 ]; then echo /usr/bin/python3; else echo python3; fi
}

node_version=$(node -p 'process.versions.node' 2>/dev/null || echo 0)
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null; then
  say "Node.js >= 20.19 is required (found ${node_version}). Install a current LTS from https://nodejs.org/."
  exit 1
fi

# npm dependencies: install when missing or when the lockfile changed since the last install.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.slipstream-lock-hash
if [ "$check_only" = 0 ] && { [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; }; then
  say "installing npm dependencies (npm ci, exactly as package-lock.json pins them)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" >"$stamp"
fi

# Installed as dpkg sees it (`dpkg -s` also answers for a package removed but for its config files).
deb_installed() {
  command -v dpkg-query >/dev/null 2>&1 && [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

is_present() { bash -c "$(declare -f python_for_examples deb_installed); $1" >/dev/null 2>&1; }

# The packages of the list, for what was asked (run or test), that are not present now.
missing_packages() {
  while read -r package scope check; do
    [ -z "$package" ] && continue
    if [ "$scope" = test ] && [ "$want" != test ]; then continue; fi
    is_present "$check" || echo "$package"
  done <<<"$SYSTEM_PACKAGES"
}

mapfile -t missing < <(missing_packages)

[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$check_only" = 1 ]; then
  say "missing system packages: ${missing[*]}"
  exit 1
fi

sudo=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; }; then
  say "installing ${missing[*]} with apt-get"
  # The package lists of a new machine may be empty or stale: update once when the first try fails.
  $sudo apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
    $sudo apt-get update >/dev/null 2>&1 || true
    $sudo apt-get install -y --no-install-recommends "${missing[@]}" >&2 || true
  }
fi

mapfile -t still_missing < <(missing_packages)

if [ "${#still_missing[@]}" -gt 0 ]; then
  say "cannot continue: these system packages are missing and could not be installed: ${still_missing[*]}"
  say "Debian/Ubuntu: sudo apt-get install -y ${still_missing[*]}"
  for package in "${still_missing[@]}"; do
    case "$package" in
      nats-server) say "  nats-server elsewhere: brew install nats-server, or a release binary with NATS_SERVER_BIN=/path/to/nats-server" ;;
      python3-*) say "  ${package} elsewhere: pip install \"python-socketio[client]\" websocket-client, then SLIPSTREAM_PYTHON=/path/to/python3" ;;
      chromium) say "  chromium elsewhere: any Chromium at /usr/bin/chromium (the browser tests launch that path)" ;;
    esac
  done
  exit 1
fi
say "installed: ${missing[*]}"
