# Sourced by the PostgreSQL tests and the benchmark: start a private PostgreSQL
# server in a temporary directory (initdb as an unprivileged user, since the
# server refuses to run as root; a unix socket in that directory; a free port),
# stopped and removed by an EXIT trap, also on failure. Sets PGHOST, PGPORT,
# PGUSER, PGDATABASE for psql and libpq, and $pgtmp (the directory).
pg_bindir=$(pg_config --bindir 2>/dev/null || true)
if [ ! -x "$pg_bindir/initdb" ]; then
    pg_bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
fi
if [ ! -x "$pg_bindir/initdb" ]; then
    echo "PostgreSQL server binaries not found (install postgresql)" >&2
    exit 1
fi
# Under /tmp, not $TMPDIR: the server's user must be able to reach the directory.
pgtmp=$(mktemp -d /tmp/fxpg.XXXXXX)
chmod 755 "$pgtmp"
pg_user=()
if [ "$(id -u)" -eq 0 ]; then
    id fxtest >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin fxtest 2>/dev/null \
        || true
    if id fxtest >/dev/null 2>&1; then pg_owner=fxtest; else pg_owner=nobody; fi
    pg_user=(runuser -u "$pg_owner" --)
fi
mkdir -p "$pgtmp/data" "$pgtmp/sock"
[ ${#pg_user[@]} -gt 0 ] && chown "$pg_owner" "$pgtmp/data" "$pgtmp/sock"
pg_stop() {
    "${pg_user[@]}" "$pg_bindir/pg_ctl" -D "$pgtmp/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pgtmp"
}
trap pg_stop EXIT
if ! "${pg_user[@]}" "$pg_bindir/initdb" -D "$pgtmp/data" -U fxtest -A trust -E UTF8 --locale=C \
    >"$pgtmp/initdb.log" 2>&1; then
    cat "$pgtmp/initdb.log" >&2
    exit 1
fi
pg_port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
if ! "${pg_user[@]}" "$pg_bindir/pg_ctl" -D "$pgtmp/data" -l "$pgtmp/data/server.log" -w -t 60 \
    -o "-k $pgtmp/sock -p $pg_port -c listen_addresses='' -c fsync=off -c max_connections=20" start \
    >"$pgtmp/start.log" 2>&1; then
    cat "$pgtmp/start.log" "$pgtmp/data/server.log" >&2
    exit 1
fi
export PGHOST="$pgtmp/sock" PGPORT="$pg_port" PGUSER=fxtest PGDATABASE=postgres
unset PGSERVICE PGPASSWORD PGOPTIONS
