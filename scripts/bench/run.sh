#!/usr/bin/env bash
# `npm run bench`: build when the build is missing or out of date, then run scripts/bench/.
# The benchmarks start the production build on a PostgreSQL server, which (like every production
# instance, docs/deployment.md "Several instances") refuses to start without a deployment id and a
# server-action key. Loopback-only benchmark values unless the caller sets real ones.
set -euo pipefail
cd "$(dirname "$0")/../.."
export NEXT_DEPLOYMENT_ID="${NEXT_DEPLOYMENT_ID:-spor-bench}"
export NEXT_SERVER_ACTIONS_ENCRYPTION_KEY="${NEXT_SERVER_ACTIONS_ENCRYPTION_KEY:-c3Bvci10ZXN0LWtleS1ub3QtYS1zZWNyZXQtMDEyMzQ=}"
node scripts/build-stamp.mjs check || npm run --silent build
exec npx tsx --import ./lib/outside-next.mjs scripts/bench/index.ts
