#!/usr/bin/env bash
# Runs slipstream locally: a local nats-server, all five services in one process with embedded
# ClickHouse, replaying a bundled real session; the first run also imports the bundled history.
#   Environment: SLIPSTREAM_HOME (state, default .slipstream), HTTP_HOST (127.0.0.1), HTTP_PORT (3000), NATS_PORT (4222),
#   NATS_URL (existing server), REPLAY_AUTOSTART, REPLAY_SPEED, FIRST_START_IMPORT (true), any service variable.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

bash scripts/ensure-prerequisites.sh

say() { printf '\033[1;34m[slipstream]\033[0m %s\n' "$*" >&2; }

home="${SLIPSTREAM_HOME:-.slipstream}"
mkdir -p "$home"

say "building"
npx tsc -b tsconfig.build.json

nats_pid=""
cleanup() {
  if [ -n "${import_pid:-}" ] && kill -0 "$import_pid" 2>/dev/null; then
    kill -TERM "$import_pid" 2>/dev/null || true
    wait "$import_pid" 2>/dev/null || true
  fi
  if [ -n "${app_pid:-}" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill -TERM "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  if [ -n "$nats_pid" ] && kill -0 "$nats_pid" 2>/dev/null; then
    kill -TERM "$nats_pid" 2>/dev/null || true
    wait "$nats_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${NATS_URL:-}" ]; then
  nats_bin="${NATS_SERVER_BIN:-$(command -v nats-server || echo /usr/sbin/nats-server)}"
  nats_port="${NATS_PORT:-4222}"
  say "starting nats-server -js on 127.0.0.1:${nats_port} (store ${home}/nats)"
  "$nats_bin" -js -a 127.0.0.1 -p "$nats_port" -sd "${home}/nats" >"${home}/nats-server.log" 2>&1 &
  nats_pid=$!
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/${nats_port}") 2>/dev/null; then break; fi
    if ! kill -0 "$nats_pid" 2>/dev/null; then
      say "nats-server failed to start; see ${home}/nats-server.log (is port ${nats_port} taken? set NATS_PORT)"
      exit 1
    fi
    sleep 0.1
  done
  export NATS_URL="nats://127.0.0.1:${nats_port}"
fi

export CHDB_PATH="${CHDB_PATH:-${home}/chdb}"
export HTTP_PORT="${HTTP_PORT:-3000}"
# This machine only by default: the replay control routes are open without a token on loopback only.
# HTTP_HOST=0.0.0.0 with REPLAY_CONTROL_TOKEN set serves the network (docs/operations.md).
export HTTP_HOST="${HTTP_HOST:-127.0.0.1}"
export REPLAY_AUTOSTART="${REPLAY_AUTOSTART-2025-mexico-city-gp-qualifying}"
export REPLAY_SPEED="${REPLAY_SPEED:-10}"

say "starting all services on http://localhost:${HTTP_PORT} (dashboard /, analytics /analytics, query API /docs, health /health/ready)"
node apps/all-in-one/dist/main.js &
app_pid=$!

# The analytics pages need history: the first run imports the bundled seasons and session, with
# progress, and leaves a marker in $home so later runs skip it (docs/analytics.md).
if [ "${FIRST_START_IMPORT:-true}" = "true" ]; then
  SLIPSTREAM_HOME="$home" node apps/all-in-one/dist/first-start/first-start-cli.js &
  import_pid=$!
fi
wait "$app_pid"
