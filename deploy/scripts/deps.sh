#!/usr/bin/env bash
# Installs what Aithena needs on Debian 12 when it is missing: PostgreSQL 15, Redis,
# pgvector (built from Debian's own source package) and the Temporal CLI v1.5.1.
# Safe to run again: every step checks first.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tools="$root/.tools"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
PGVER=15
pgbin=/usr/lib/postgresql/$PGVER/bin

apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { $SUDO apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@"
}

missing=()
[ -x "$pgbin/postgres" ] || missing+=("postgresql-$PGVER")
command -v redis-server >/dev/null || missing+=(redis-server)
vector_ctl=/usr/share/postgresql/$PGVER/extension/vector.control
if [ ! -f "$vector_ctl" ]; then
  [ -x /usr/lib/postgresql/$PGVER/bin/pg_config ] && [ -d /usr/include/postgresql/$PGVER/server ] || missing+=("postgresql-server-dev-$PGVER")
  command -v make >/dev/null || missing+=(make)
  command -v gcc >/dev/null || missing+=(gcc)
fi
command -v curl >/dev/null || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing ${missing[*]}"
  apt_install "${missing[@]}" ca-certificates
fi

if [ ! -f "$vector_ctl" ]; then
  echo "==> building pgvector from Debian's source package"
  uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$uri" ] || uri=$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list)
  d=$(mktemp -d); mkdir -p "$d/lists/partial"
  printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" > "$d/src.sources"
  o="-o Dir::Etc::SourceList=$d/src.sources -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists=$d/lists"
  # shellcheck disable=SC2086
  $SUDO apt-get $o update -qq && (cd "$d" && $SUDO apt-get $o source --download-only pgvector >/dev/null)
  tar -C "$d" -xzf "$d"/pgvector_*.orig.tar.gz
  src=$(find "$d" -maxdepth 1 -type d -name 'pgvector-*' | head -n1)
  make -s -C "$src" PG_CONFIG=$pgbin/pg_config >/dev/null
  $SUDO make -s -C "$src" PG_CONFIG=$pgbin/pg_config install >/dev/null
  rm -rf "$d"
fi

if [ ! -x "$tools/bin/temporal" ]; then
  echo "==> installing the Temporal CLI v1.5.1 (about 3 minutes the first time)"
  mkdir -p "$tools/bin"
  GOBIN="$tools/bin" go install github.com/temporalio/cli/cmd/temporal@v1.5.1
fi
echo "==> dependencies ready"
