#!/usr/bin/env bash
# Runs every check and test against real PostgreSQL (+pgvector), Redis and the Temporal dev
# server, starting those that are not running and stopping them afterwards.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
state="$root/.tools/run/test-services"
mkdir -p "$(dirname "$state")"
trap 'bash deploy/scripts/services.sh down "$state"' EXIT
bash deploy/scripts/services.sh up "$state"

export DATABASE_URL=${TEST_DATABASE_URL:-postgres://aithena:aithena@127.0.0.1:5432/aithena_test?sslmode=disable}
export REDIS_URL=${TEST_REDIS_URL:-redis://127.0.0.1:6379/1}
export TEMPORAL_ADDRESS=${TEMPORAL_ADDRESS:-127.0.0.1:7233}
export AITHENA_BIN="$root/bin/aithena"
export AITHENA_INTEGRATION=1

# Every run starts from an empty test database, so runs never depend on each other.
"$AITHENA_BIN" migrate reset > /dev/null

echo "==> static checks"
make --no-print-directory check
echo "==> go test"
go test -count=1 -timeout 20m ./... 2>&1 | tee "$root/.tools/run/go-test.log"
