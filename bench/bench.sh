#!/usr/bin/env bash
# npm run bench -- [--only <name>] [--scale <n>] [--help]: builds the services and the suite, then
# runs bench/dist/run.js. The suite is built on its own (tsc -b bench), outside `npm run build`.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  if [ -f bench/dist/run.js ]; then exec node bench/dist/run.js --help; fi
fi

bash scripts/ensure-prerequisites.sh >&2
echo "[bench] building" >&2
# A benchmark module that does not compile (one being written) must not stop the others: tsc -b
# still emits what compiles, and the runner skips a module that does not load.
if ! npx tsc -b bench/tsconfig.json >&2; then
  echo "[bench] the build reported errors (above); running what was emitted" >&2
fi
exec node bench/dist/run.js "$@"
