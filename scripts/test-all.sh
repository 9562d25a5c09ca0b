#!/usr/bin/env bash
# The whole test suite, the same on a laptop and in CI (`npm test`):
#   lint, typecheck, unit tests, database tests on in-memory PGlite and on a PostgreSQL server,
#   `next build`, and the Playwright journeys against the built app in Debian's Chromium.
# Environment:
#   TEST_DATABASE_URL  PostgreSQL server for the second database run
#                      (default postgres://postgres@127.0.0.1:5432/postgres when it answers)
#   SKIP_E2E=1         leave out the browser tests (e.g. on a machine without Chromium)
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

ensure_chromium() {
  [ -x /usr/bin/chromium ] && return 0
  step "Installing Debian's chromium for the browser tests"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

step "Prisma client"
npm run --silent generate

step "Lint"
npx eslint .

# Dead files, exports and dependencies (knip.json): a few seconds of CPU.
step "Unused code (knip)"
npx knip

step "Typecheck"
npx tsc --noEmit -p .

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
npx next build

step "Abuse suite (the production build on loopback: oversized bodies, uploads, sign-in abuse, kill -9)"
TEST_DATABASE_URL="$server_url" npx vitest run --project abuse

if [ "${SKIP_E2E:-}" = "1" ]; then
  echo "SKIP_E2E=1: browser tests skipped."
else
  ensure_chromium
  step "End-to-end tests (Playwright, Debian chromium)"
  trap 'rm -rf data/e2e-*' EXIT
  npx playwright test
fi
