#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the sync server's tests (src-server), in a temporary
# folder, on 127.0.0.1 only, trust auth (nothing but this machine can reach it).
#   eval "$(bash scripts/test-postgres.sh start)"   # exports TIERLINE_TEST_DATABASE_URL, TIERLINE_TEST_PGDATA
#   bash scripts/test-postgres.sh stop "$TIERLINE_TEST_PGDATA"
# Needs Debian's postgresql package (initdb/pg_ctl under /usr/lib/postgresql/<v>/bin). As root
# the cluster runs as the postgres user, since PostgreSQL refuses to run as root.
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/tierline-pg.XXXXXX)
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
    port=${TIERLINE_TEST_PG_PORT:-0}
    if [ "$port" = 0 ]; then
      # A free loopback port: ask the kernel for one.
      port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
    fi
    as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >&2 ||
      { cat "$dir/server.log" >&2; exit 1; }
    echo "export TIERLINE_TEST_PGDATA=$dir"
    echo "export TIERLINE_TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    dir=${2:?usage: test-postgres.sh stop <dir>}
    case "$dir" in /tmp/tierline-pg.*) ;; *) echo "refusing to remove $dir" >&2; exit 1 ;; esac
    if [ -d "$dir/data" ]; then as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true; fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop <dir>" >&2
    exit 2
    ;;
esac
