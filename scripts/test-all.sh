#!/usr/bin/env bash
# The whole test suite, the same on a laptop and in CI (`npm test`):
#   lint, typecheck, formatting, unit tests, database tests on in-memory PGlite and on a PostgreSQL server,
#   `next build`, and the Playwright journeys against the built app in Debian's Chromium.
# Environment:
#   TEST_DATABASE_URL  PostgreSQL server for the second database run
#                      (default postgres://postgres@127.0.0.1:5432/postgres when it answers)
#   SKIP_E2E=1         leave out the browser tests (e.g. on a machine without Chromium)
set -euo pipefail
cd "$(dirname "$0")/.."

# Each step's wall time, printed as a table at the end (docs/benchmarks.md, "Test suite").
timings=()
step_name=""
step_start=0
finish_step() {
  [ -n "$step_name" ] && timings+=("$(printf '%5d s  %s' "$(( $(date +%s) - step_start ))" "$step_name")")
  step_name=""
}
step() {
  finish_step
  step_name="$*"
  step_start=$(date +%s)
  printf '\n\033[1m== %s\033[0m\n' "$*"
}
suite_start=$(date +%s)
print_timings() {
  finish_step
  printf '\n\033[1m== Step durations\033[0m\n'
  printf '%s\n' "${timings[@]}"
  printf '%5d s  total\n' "$(( $(date +%s) - suite_start ))"
}
trap 'status=$?; print_timings; rm -rf data/e2e-*; exit $status' EXIT

ensure_chromium() {
  [ -x /usr/bin/chromium ] && return 0
  step "Installing Debian's chromium for the browser tests"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

ensure_nginx() {
  [ -x /usr/sbin/nginx ] && return 0
  step "Installing Debian's nginx for the two-instance test (tests/abuse/two-instances.test.ts)"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nginx >/dev/null
}

step "Prisma client"
npm run --silent generate

# ESLint and tsc each use one core: on two cores they run side by side, each into its own log.
step "Lint and typecheck, side by side (route types from next typegen first, so tsc checks them too)"
lint_log=$(mktemp)
tsc_log=$(mktemp)
npx eslint . >"$lint_log" 2>&1 &
lint_pid=$!
{ npx next typegen && npx tsc --noEmit -p .; } >"$tsc_log" 2>&1 &
tsc_pid=$!
lint_status=0
tsc_status=0
wait "$lint_pid" || lint_status=$?
wait "$tsc_pid" || tsc_status=$?
echo "-- eslint (exit $lint_status)"; cat "$lint_log"
echo "-- next typegen && tsc (exit $tsc_status)"; cat "$tsc_log"
rm -f "$lint_log" "$tsc_log"
if [ "$lint_status" -ne 0 ] || [ "$tsc_status" -ne 0 ]; then exit 1; fi
# tsc passed over the app and Next's route types: the build below need not type-check again.
export SPOR_BUILD_TYPECHECKED=1

# One formatting for all code (.prettierrc.json; `npm run format` applies it): a few seconds.
step "Formatting (Prettier)"
npm run --silent format:check

# Dead files, exports and dependencies (knip.json): a few seconds of CPU.
step "Unused code (knip)"
npx knip

step "Unit tests"
npx vitest run --project unit

step "Database tests on embedded PostgreSQL (PGlite, in memory)"
env -u TEST_DATABASE_URL npx vitest run --project db

server_url="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if node -e "const c=new (require('pg').Client)({connectionString:process.argv[1],connectionTimeoutMillis:3000});c.connect().then(()=>c.end()).then(()=>process.exit(0),()=>process.exit(1))" "$server_url"; then
  step "Database tests on the PostgreSQL server ($server_url; a fresh database per test file)"
  TEST_DATABASE_URL="$server_url" npx vitest run --project db
elif [ "${CI:-}" = "true" ]; then
  echo "CI needs the PostgreSQL server at $server_url, and it does not answer." >&2
  exit 1
else
  echo "No PostgreSQL server at $server_url: the server run of the database tests is skipped."
fi

step "Production build"
# Built as a production installation's instances are (docs/deployment.md, "Several instances"): with a
# deployment id and a server-action key, which the abuse suite's servers then start with. Test values.
export NEXT_DEPLOYMENT_ID="${NEXT_DEPLOYMENT_ID:-spor-test}"
export NEXT_SERVER_ACTIONS_ENCRYPTION_KEY="${NEXT_SERVER_ACTIONS_ENCRYPTION_KEY:-c3Bvci10ZXN0LWtleS1ub3QtYS1zZWNyZXQtMDEyMzQ=}"
npx next build

ensure_nginx
step "Abuse suite (the production build on loopback: oversized bodies, uploads, sign-in abuse, kill -9, two instances behind nginx)"
TEST_DATABASE_URL="$server_url" npx vitest run --project abuse

if [ "${SKIP_E2E:-}" = "1" ]; then
  echo "SKIP_E2E=1: browser tests skipped."
else
  ensure_chromium
  step "End-to-end tests (Playwright, Debian chromium)"
  npx playwright test
fi
