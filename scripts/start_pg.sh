#!/usr/bin/env bash
# Start Debian's PostgreSQL cluster (as root) and make a test role and database; print its URL.
# Used by test.sh so that the web app's API tests also run on a real PostgreSQL server. The
# tests only connect to that database: each run creates a database of its own beside it
# (juesuan/web/conftest.py) and drops it at the end, so the role may create databases.
set -eu
read -r version name < <(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
[ -n "${version:-}" ] || exit 1
pg_ctlcluster "$version" "$name" start >/dev/null 2>&1 || true
pg_ctlcluster "$version" "$name" status >/dev/null
port=$(pg_lsclusters -h | awk 'NR==1 {print $3}')
as_pg() { su postgres -c "$1"; }
as_pg "psql -p $port -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='juesuan'\"" | grep -q 1 ||
  as_pg "psql -p $port -qc \"CREATE ROLE juesuan LOGIN PASSWORD 'juesuan'\"" >/dev/null
as_pg "psql -p $port -qc \"ALTER ROLE juesuan CREATEDB\"" >/dev/null
as_pg "psql -p $port -qtAc \"SELECT 1 FROM pg_database WHERE datname='juesuan_test'\"" | grep -q 1 ||
  as_pg "createdb -p $port -O juesuan juesuan_test"
echo "postgresql+psycopg://juesuan:juesuan@127.0.0.1:$port/juesuan_test"
