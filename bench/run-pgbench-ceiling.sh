#!/usr/bin/env bash
# The store's ceiling for durable appends (issue 17), one command:
#
#   bench/run-pgbench-ceiling.sh [--clients 8] [--duration 30] [--keep-db]
#
# On a fresh throwaway database of the configured PostgreSQL server (bench/lib.sh), pgbench runs the custom script
# bench/pgbench-append.sql with prepared statements (-M prepared): one single-row INSERT of a 300-byte bytea under a
# unique key (bigserial primary key, random uuid under a unique index) per transaction, committed durably (the
# server's synchronous_commit, default on). It runs --clients clients, then 1 client, --duration seconds each (a
# CHECKPOINT before each), and prints appends/s (pgbench's tps: one transaction is one append) for both and the
# machine. Then, as the ceiling of round trips, --clients clients run bench/pgbench-round-trip.sql (a prepared
# SELECT 1 per transaction, nothing written). The database is dropped afterwards (--keep-db keeps it).
#
# pgbench comes with the PostgreSQL client tools (on PATH or in $(pg_config --bindir); on Debian the package
# postgresql-client or postgresql-contrib). The server is reached as bench/run-lifecycle.sh reaches it: BENCH_PGHOST,
# BENCH_PGPORT, BENCH_PGUSER, or BENCH_OWN_PG_SHARED_BUFFERS=4GB for a throwaway cluster of its own. Nothing here
# asserts a figure.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

COMMON_OPTIONS="--keep-db -h --help" parse_options --clients CLIENTS=8 --duration DURATION=30 -- "$@"
require_positive "$CLIENTS" "$DURATION"

PGBENCH="$(command -v pgbench || true)"
[[ -n "$PGBENCH" ]] || PGBENCH="$(pg_config --bindir 2>/dev/null || true)/pgbench"
[[ -x "$PGBENCH" ]] || {
    echo "pgbench not found on PATH nor in \$(pg_config --bindir); on Debian: apt-get install postgresql-client" >&2
    exit 1
}

run_names pgbench "" pgbench-

install_cleanup
start_own_postgres_if_asked
create_database
psql_db -c \
    "CREATE TABLE append_ceiling (id bigserial PRIMARY KEY, event_id uuid NOT NULL UNIQUE, payload bytea NOT NULL)"

# One pgbench run of script $2 with $3 clients; prints its line "$1/s", one transaction being one of $1.
ceiling() {
    local what="$1" script="$2" clients="$3" output tps count latency
    psql_admin -c CHECKPOINT
    output="$("$PGBENCH" -n -M prepared -c "$clients" -j "$(( clients < $(nproc) ? clients : $(nproc) ))" \
        -T "$DURATION" -f "$ROOT/bench/$script" -h "$PGHOST_" -p "$PGPORT_" -U "$PGUSER_" "$DB" 2>&1)" || {
        echo "pgbench failed:" >&2
        echo "$output" >&2
        exit 1
    }
    tps="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$output" | head -n 1)"
    count="$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' <<<"$output")"
    latency="$(sed -n 's/^latency average = \(.*\)$/\1/p' <<<"$output")"
    [[ -n "$tps" ]] || { echo "no tps in pgbench's output:" >&2; echo "$output" >&2; exit 1; }
    printf '%s/s %3d client%s %10.1f  (%s %s in %s s, latency average %s)\n' "$what" "$clients" \
        "$( (( clients == 1 )) && echo ' ' || echo s)" "$tps" "$count" "$what" "$DURATION" "$latency"
}

{
    echo "=== machine ==="
    print_machine "bench/run-pgbench-ceiling.sh --clients $CLIENTS --duration $DURATION"
    echo "wal sync:    $(psql_admin -At -c 'SHOW wal_sync_method')"
    echo "pgbench:     $("$PGBENCH" --version)"
    echo
    echo "=== pgbench ceiling: durable single-row appends (bench/pgbench-append.sql, -M prepared) ==="
} | tee "$RESULT"
ceiling appends pgbench-append.sql "$CLIENTS" | tee -a "$RESULT"
(( CLIENTS == 1 )) || ceiling appends pgbench-append.sql 1 | tee -a "$RESULT"
echo "=== pgbench ceiling: round trips (bench/pgbench-round-trip.sql, SELECT 1, -M prepared) ===" | tee -a "$RESULT"
ceiling "round trips" pgbench-round-trip.sql "$CLIENTS" | tee -a "$RESULT"
echo "result saved in $RESULT"
