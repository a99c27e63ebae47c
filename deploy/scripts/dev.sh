#!/usr/bin/env bash
# Starts the services that are not running, then the whole of Aithena in one process with demo
# data. Ctrl-C stops Aithena and exactly the services this script started.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
state="$root/.tools/run/dev-services"
mkdir -p "$(dirname "$state")"
cleanup() { bash "$root/deploy/scripts/services.sh" down "$state"; }
trap cleanup EXIT
bash "$root/deploy/scripts/services.sh" up "$state"
# Ctrl-C reaches aithena too (same process group); it shuts down gracefully, then the trap runs.
trap '' INT
"$root/bin/aithena" dev
