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

# Each step's wall time and the CPU time its processes used (user + system, from bash's `times`:
# finished child processes only), printed as a table at the end (docs/benchmarks.md, "Test suite").
# CPU over wall says how many of the cores a step's own processes kept busy; it leaves out the
# PostgreSQL server's processes, which are not children of this script. The third column, "machine",
# is what the whole machine's cores did meanwhile (below): on a 2-core machine a step whose machine
# seconds are near twice its wall had no core to spare, and only less work makes it faster.
timings=()
step_name=""
step_start=0
step_cpu=0
step_busy=0
# The CPU seconds of this shell's finished children so far, in centiseconds, into $cpu_now. `times`
# runs in this shell (in a $(…) subshell it would count the subshell's children instead).
cpu_file=$(mktemp)
cpu_now=0
read_cpu() {
  times >"$cpu_file"
  # Last line "1m2.345s 0m3.210s": the children's user, then system time.
  cpu_now=$(tail -n 1 "$cpu_file" | awk '{ s = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]); s += p[1] * 60 + p[2] } printf "%d", s * 100 }')
}
# The whole machine's busy CPU seconds so far (all cores, every process: the PostgreSQL server's and
# the browsers' too, which `times` leaves out or counts late), in centiseconds, into $busy_now, from
# /proc/stat's first line (user nice system idle iowait irq softirq steal, in clock ticks). Busy over
# wall says how close a step came to the cores it had; on a machine without /proc/stat it stays 0.
ticks_per_second=$(getconf CLK_TCK 2>/dev/null || echo 100)
busy_now=0
read_busy() {
  if [ -r /proc/stat ]; then
    busy_now=$(awk -v hz="$ticks_per_second" 'NR == 1 { b = $2 + $3 + $4 + $7 + $8 + $9; printf "%.0f", b * 100 / hz; exit }' /proc/stat)
  fi
}
finish_step() {
  if [ -n "$step_name" ]; then
    read_cpu
    read_busy
    timings+=("$(printf '%5d s %6d s %7d s  %s' "$(( $(date +%s) - step_start ))" "$(( (cpu_now - step_cpu) / 100 ))" "$(( (busy_now - step_busy) / 100 ))" "$step_name")")
  fi
  step_name=""
}
step() {
  finish_step
  step_name="$*"
  step_start=$(date +%s)
  read_cpu
  step_cpu=$cpu_now
  read_busy
  step_busy=$busy_now
  printf '\n\033[1m== %s\033[0m\n' "$*"
}
suite_start=$(date +%s)
read_busy
suite_busy=$busy_now
print_timings() {
  finish_step
  printf '\n\033[1m== Step durations\033[0m\n'
  printf '%7s %8s %9s  %s\n' "wall" "CPU" "machine" "step"
  printf '%s\n' "${timings[@]}"
  read_cpu
  read_busy
  printf '%5d s %6d s %7d s  total\n' "$(( $(date +%s) - suite_start ))" "$(( cpu_now / 100 ))" "$(( (busy_now - suite_busy) / 100 ))"
}
trap 'status=$?; print_timings; rm -rf data/e2e-* "$cpu_file"; exit $status' EXIT

# The browser tests drive Debian's chromium-headless-shell (the same Chromium build without the
# desktop browser around it: about 0.6× the browser's CPU time, tests/e2e/browser.ts); the server's
# PDF in those tests is printed by chromium itself.
ensure_chromium() {
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromium-headless-shell ] && return 0
  step "Installing Debian's chromium and chromium-headless-shell for the browser tests"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-headless-shell >/dev/null
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

# ESLint, tsc, Prettier and knip each use one core: on two cores they run side by side in three
# streams, each into its own log (tsc, the longest, alone; Prettier and knip one after the other).
step "Lint, typecheck, formatting and unused code, side by side (route types from next typegen first, so tsc checks them too)"
names=()
pids=()
logs=()
side_by_side() {
  local log
  log=$(mktemp)
  names+=("$1")
  logs+=("$log")
  bash -c "$2" >"$log" 2>&1 &
  pids+=($!)
}
side_by_side "eslint" "npx eslint ."
side_by_side "next typegen && tsc" "npx next typegen && npx tsc --noEmit -p ."
# One formatting for all code (.prettierrc.json; `npm run format` applies it); dead files, exports and
# dependencies (knip.json).
side_by_side "prettier --check, then knip" "npm run --silent format:check; prettier=\$?; npx knip && exit \$prettier"
failed=0
for i in "${!pids[@]}"; do
  status=0
  wait "${pids[$i]}" || status=$?
  echo "-- ${names[$i]} (exit $status)"
  cat "${logs[$i]}"
  rm -f "${logs[$i]}"
  if [ "$status" -ne 0 ]; then failed=1; fi
done
if [ "$failed" -ne 0 ]; then exit 1; fi
# tsc passed over the app and Next's route types: the build below need not type-check again.
export SPOR_BUILD_TYPECHECKED=1

step "Unit tests"
npx vitest run --project unit

# Built as a production installation's instances are (docs/deployment.md, "Several instances"): with a
# deployment id and a server-action key, which the abuse suite's and the browser tests' servers then
# start with. Test values.
export NEXT_DEPLOYMENT_ID="${NEXT_DEPLOYMENT_ID:-spor-test}"
export NEXT_SERVER_ACTIONS_ENCRYPTION_KEY="${NEXT_SERVER_ACTIONS_ENCRYPTION_KEY:-c3Bvci10ZXN0LWtleS1ub3QtYS1zZWNyZXQtMDEyMzQ=}"

# Two pairs of steps run side by side, each pair into its own log, printed when both are done: the
# database tests leave gaps on the two cores (a file starting, a test waiting on a timer or a child
# process) that the build and the abuse suite fill (docs/benchmarks.md, "Test suite"). Neither of a
# pair reads what the other writes: the database tests never read .next, and the abuse suite's
# servers have databases of their own.
beside() {
  local log="$1"
  shift
  "$@" >"$log" 2>&1 &
  beside_pid=$!
}
finish_beside() {
  local name="$1" log="$2" status=0
  wait "$beside_pid" || status=$?
  printf '\n-- %s, beside the step above (exit %s)\n' "$name" "$status"
  cat "$log"
  rm -f "$log"
  return "$status"
}

step "Database tests on embedded PostgreSQL (PGlite, in memory), with the production build beside them"
build_log=$(mktemp)
beside "$build_log" npx next build
db_status=0
env -u TEST_DATABASE_URL npx vitest run --project db --project db-isolated || db_status=$?
finish_beside "Production build (next build)" "$build_log"
if [ "$db_status" -ne 0 ]; then exit "$db_status"; fi

ensure_nginx
server_url="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
abuse_title="the abuse suite (the production build on loopback: oversized bodies, uploads, sign-in abuse, kill -9, two instances behind nginx)"
if node -e "const c=new (require('pg').Client)({connectionString:process.argv[1],connectionTimeoutMillis:3000});c.connect().then(()=>c.end()).then(()=>process.exit(0),()=>process.exit(1))" "$server_url"; then
  step "Database tests on the PostgreSQL server ($server_url; a fresh database per test file), with $abuse_title beside them"
  abuse_log=$(mktemp)
  beside "$abuse_log" env TEST_DATABASE_URL="$server_url" npx vitest run --project abuse
  db_status=0
  TEST_DATABASE_URL="$server_url" npx vitest run --project db --project db-isolated || db_status=$?
  finish_beside "Abuse suite" "$abuse_log"
  if [ "$db_status" -ne 0 ]; then exit "$db_status"; fi
elif [ "${CI:-}" = "true" ]; then
  echo "CI needs the PostgreSQL server at $server_url, and it does not answer." >&2
  exit 1
else
  echo "No PostgreSQL server at $server_url: the server run of the database tests is skipped."
  step "Abuse suite: $abuse_title"
  npx vitest run --project abuse
fi

if [ "${SKIP_E2E:-}" = "1" ]; then
  echo "SKIP_E2E=1: browser tests skipped."
else
  ensure_chromium
  step "End-to-end tests (Playwright, Debian chromium)"
  npx playwright test
fi
