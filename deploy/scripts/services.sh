#!/usr/bin/env bash
# services.sh up [STATEFILE]   start PostgreSQL, Redis and the Temporal dev server where they are not
#                              running, and prepare the aithena role and databases;
#                              the names of the services it started are written to STATEFILE.
# services.sh down STATEFILE   stop exactly the services listed in STATEFILE.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tools="$root/.tools"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
PGVER=15
temporal="$tools/bin/temporal"
TEMPORAL_PORT=${TEMPORAL_PORT:-7233}
TEMPORAL_UI_PORT=${TEMPORAL_UI_PORT:-8233}

as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
pg_up() { pg_isready -q -h 127.0.0.1 -p 5432; }
redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; }
temporal_up() { "$temporal" operator cluster health --address "127.0.0.1:$TEMPORAL_PORT" >/dev/null 2>&1; }

wait_for() { # name check-function seconds
  local i; for ((i = 0; i < $3 * 5; i++)); do "$2" && return 0; sleep 0.2; done
  echo "$1 did not become ready in $3 s" >&2; return 1
}

up() {
  local state=${1:-/dev/null}; : > "$state"
  if ! pg_up; then
    echo "==> starting PostgreSQL $PGVER"
    [ -d "/etc/postgresql/$PGVER/main" ] || $SUDO pg_createcluster "$PGVER" main >/dev/null
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$PGVER" main start
    wait_for PostgreSQL pg_up 30; echo postgres >> "$state"
  fi
  # A password role works with both trust and scram auth on 127.0.0.1. The extensions are
  # created here by the superuser, so the application role needs no superuser rights.
  as_postgres psql -q -v ON_ERROR_STOP=1 -d postgres <<'SQL'
SELECT 'CREATE ROLE aithena LOGIN PASSWORD ''aithena'''
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aithena') \gexec
-- CREATEROLE lets the migrations create the read-only role that the ask SQL tool runs as.
ALTER ROLE aithena CREATEROLE;
SELECT 'CREATE DATABASE aithena OWNER aithena'
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'aithena') \gexec
SELECT 'CREATE DATABASE aithena_test OWNER aithena'
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'aithena_test') \gexec
SQL
  for db in aithena aithena_test; do
    as_postgres psql -q -v ON_ERROR_STOP=1 -d "$db" \
      -c 'CREATE EXTENSION IF NOT EXISTS vector' -c 'CREATE EXTENSION IF NOT EXISTS pgcrypto' 2>&1 | grep -v NOTICE || true
  done

  if ! redis_up; then
    echo "==> starting Redis"
    mkdir -p "$tools/redis"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
      --dir "$tools/redis" --logfile "$tools/redis/redis.log" --pidfile "$tools/redis/redis.pid"
    wait_for Redis redis_up 10; echo redis >> "$state"
  fi

  if ! temporal_up; then
    echo "==> starting the Temporal dev server (UI on :$TEMPORAL_UI_PORT)"
    mkdir -p "$tools/temporal"
    nohup "$temporal" server start-dev --ip 127.0.0.1 --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT" \
      --db-filename "$tools/temporal/dev.db" --log-level warn \
      > "$tools/temporal/server.log" 2>&1 &
    echo $! > "$tools/temporal/server.pid"
    wait_for Temporal temporal_up 60; echo temporal >> "$state"
  fi
}

down() {
  local state=$1; [ -f "$state" ] || return 0
  while read -r svc; do
    case "$svc" in
      temporal) kill "$(cat "$tools/temporal/server.pid")" 2>/dev/null || true ;;
      redis) redis-cli -h 127.0.0.1 -p 6379 shutdown nosave >/dev/null 2>&1 || true ;;
      postgres) $SUDO pg_ctlcluster --skip-systemctl-redirect "$PGVER" main stop || true ;;
    esac
    echo "==> stopped $svc"
  done < "$state"
  rm -f "$state"
}

case "${1:-}" in
  up) up "${2:-}" ;;
  down) down "${2:?state file}" ;;
  *) echo "usage: $0 up [STATEFILE] | down STATEFILE" >&2; exit 2 ;;
esac
