#!/usr/bin/env bash
# `npm test`: the whole suite. Uses the PostgreSQL in DATABASE_URL when set (creating and
# dropping its own databases there), otherwise an embedded one in a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n\033[1m== %s\033[0m\n' "$1"; }

step "typecheck (tsc)"
# Not incremental: TypeScript 7's build info once kept a changed signature's callers passing.
node node_modules/typescript/bin/tsc --noEmit --incremental false

step "lint and format (biome)"
node node_modules/@biomejs/biome/bin/biome check .

step "unit and database tests (vitest)"
node node_modules/vitest/vitest.mjs run

step "browser tests (playwright + chromium, production build)"
node node_modules/tsx/dist/cli.mjs scripts/e2e.ts

step "all tests passed"
