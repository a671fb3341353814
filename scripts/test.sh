#!/usr/bin/env bash
# The whole test suite, as CI runs it: install what is missing, build, lint, typecheck, test.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-prerequisites.sh --test

step() { printf '\n\033[1;34m== %s\033[0m\n' "$*"; }

step "build (tsc -b)"
npx tsc -b tsconfig.build.json
step "lint (eslint, with the Nx project graph for module boundaries)"
npx nx show projects >/dev/null
npx eslint . --max-warnings=0
step "format (prettier --check)"
npx prettier --check . --log-level=warn
step "typecheck (tsc, sources and tests)"
npx tsc -p tsconfig.json
step "tests (vitest: unit, integration with nats-server and chDB, end to end)"
npx vitest run "$@"
