#!/usr/bin/env bash
# `npm test`: the whole suite. Uses the PostgreSQL in DATABASE_URL when set (creating and
# dropping its own databases there), otherwise an embedded one in a temporary folder.
# Every phase runs even when one before it failed, so that one run reports every failure; the
# end prints how long each phase took and how it ended.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

phases=()
failed=0
run_started=$SECONDS

# phase <name> <command…>: runs the command as one timed phase of the summary.
phase() {
  local name=$1
  shift
  printf '\n\033[1m== %s\033[0m\n' "$name"
  local started=$SECONDS
  "$@"
  local code=$?
  local outcome=passed
  if [ "$code" -ne 0 ]; then
    outcome="FAILED (exit code $code)"
    failed=1
  fi
  phases+=("$(printf '%-40s %6ss  %s' "$name" $((SECONDS - started)) "$outcome")")
  printf '\033[1m== %s: %ss, %s\033[0m\n' "$name" $((SECONDS - started)) "$outcome"
}

summary() {
  printf '\n\033[1m== phase times\033[0m (load average now: %s)\n' "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
  local line
  for line in "${phases[@]}"; do printf '  %s\n' "$line"; done
  printf '  %-40s %6ss\n' "total" $((SECONDS - run_started))
}
# Also when the run is interrupted.
trap 'summary; exit 130' INT TERM

# Not incremental: TypeScript 7's build info once kept a changed signature's callers passing.
phase "typecheck (tsc)" node node_modules/typescript/bin/tsc --noEmit --incremental false
phase "lint and format (biome)" node node_modules/@biomejs/biome/bin/biome check .
phase "unit and database tests (vitest)" node node_modules/vitest/vitest.mjs run
# scripts/e2e.ts times its own steps (builds, main run, base-path run) and writes them here.
e2e_times=$(mktemp)
E2E_PHASE_TIMES_FILE=$e2e_times phase "browser tests (playwright + chromium)" node node_modules/tsx/dist/cli.mjs scripts/e2e.ts
while IFS= read -r line; do phases+=("  $line"); done <"$e2e_times"
rm -f "$e2e_times"

trap - INT TERM
summary
if [ "$failed" -ne 0 ]; then
  printf '\n\033[1;31m== some tests failed\033[0m\n'
  exit 1
fi
printf '\n\033[1m== all tests passed\033[0m\n'
