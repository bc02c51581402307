#!/usr/bin/env bash
# Statements and transactions per lifecycle, counted by PostgreSQL, one command:
#
#   bench/count-statements.sh [--clients 16] [--duration 30] [--warmup 15] [--steps lifecycle|issue] [--top 40]
#                             [--build] [--app-arg --some.property=value]...
#
# Starts a throwaway PostgreSQL cluster with pg_stat_statements (bench/lib.sh start_own_postgres_if_asked), the
# exchange against a fresh database on it, runs the lifecycle load (bench.jar lifecycle) once for --warmup seconds
# (unmeasured), resets the counters, runs it again for --duration seconds, and prints what the server executed per
# lifecycle (or per issue with --steps issue): every statement with its calls per lifecycle, the round trips in all,
# and the commits. Counts do not depend on how busy the machine is, so this may run beside other work; the more
# commands run at once, the more of them share a projection batch (--clients sets it). Nothing here asserts a figure.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

parse_options --clients CLIENTS=16 --duration DURATION=30 --warmup WARMUP=15 --steps STEPS=lifecycle --top TOP=60 \
    -- "$@"
require_one_of --steps "$STEPS" lifecycle issue
require_positive "$CLIENTS" "$DURATION" "$WARMUP" "$TOP"

run_names stmt app- statements-
export BENCH_OWN_PG_SHARED_BUFFERS="${BENCH_OWN_PG_SHARED_BUFFERS:-256MB}"
export BENCH_OWN_PG_OPTIONS="${BENCH_OWN_PG_OPTIONS:-} -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all -c pg_stat_statements.track_planning=on"

install_cleanup
build_jar_if_needed
start_own_postgres_if_asked
create_database
psql_db -c "CREATE EXTENSION pg_stat_statements"
start_exchange "bench-stmt-$TS.jar" "${APP_ARGS[@]+"${APP_ARGS[@]}"}"

load() {
    bench_client 512m lifecycle --url "$BASE" --clients "$CLIENTS" --duration-seconds "$1" --warmup-seconds 0 \
        --steps "$STEPS" --label "statements"
}
echo "warming up for $WARMUP s (not counted)"
load "$WARMUP" >"$OUT/statements-warmup-$TS.txt"
commits_before="$(psql_db -At -c "select xact_commit from pg_stat_database where datname = current_database()")"
psql_db -c "select pg_stat_statements_reset()" >/dev/null
load "$DURATION" >"$OUT/statements-load-$TS.txt"
commits_after="$(psql_db -At -c "select xact_commit from pg_stat_database where datname = current_database()")"

if [[ "$STEPS" == lifecycle ]]; then
    UNIT=lifecycle
    COUNT="$(awk '/^lifecycles  / { print $2 }' "$OUT/statements-load-$TS.txt")"
else
    UNIT=issue
    COUNT="$(awk '/^issues  / { print $2 }' "$OUT/statements-load-$TS.txt")"
fi
[[ -n "$COUNT" && "$COUNT" -gt 0 ]] || { echo "the load completed no $UNIT:" >&2; cat "$OUT/statements-load-$TS.txt" >&2; exit 1; }

# The statements of this database, without pg_stat_statements' own reset and these queries.
OURS="dbid = (select oid from pg_database where datname = current_database()) and query not like '%pg_stat_statements%'"

{
    echo "=== machine ==="
    print_machine "bench/count-statements.sh --clients $CLIENTS --duration $DURATION --warmup $WARMUP --steps $STEPS"
    echo
    grep -E '^(clients|lifecycles|lifecycles/s|commands/s|issues|issues/s|errors) ' "$OUT/statements-load-$TS.txt" || true
    echo
    echo "=== per $UNIT, over $COUNT of them ==="
    # pg_stat_statements counts this query and the reset too; the commits include psql's own few.
    psql_db -At -F $'\t' -c "
        select round(sum(calls)::numeric / $COUNT, 2)
          from pg_stat_statements
         where $OURS" | sed "s/^/statements per $UNIT  /"
    echo "commits per $UNIT     $(awk -v a="$commits_before" -v b="$commits_after" -v n="$COUNT" 'BEGIN { printf "%.2f", (b - a) / n }')"
    echo
    psql_db -At -F $'\t' -c "
        select round((sum(total_exec_time + total_plan_time) / $COUNT)::numeric, 3)
          from pg_stat_statements
         where $OURS" | sed "s/^/server ms per $UNIT  /"
    echo "(planning and execution as pg_stat_statements times them; parsing, commits and WAL flushes are not in it)"
    echo
    echo "(blocks/call: shared buffers each call touched, hit or read; a scan of a growing table shows as a large"
    echo " or growing figure)"
    echo "(rows/call: rows the statement returned or changed, e.g. the events an aggregate read brought back)"
    printf '%8s  %8s  %11s  %9s  %s\n' "per $UNIT" "ms" "blocks/call" "rows/call" \
        "statement (normalised, first 160 characters)"
    psql_db -At -F $'\t' -c "
        select round(calls::numeric / $COUNT, 2), round(((total_exec_time + total_plan_time) / $COUNT)::numeric, 3),
               round((shared_blks_hit + shared_blks_read)::numeric / greatest(calls, 1), 1),
               round(rows::numeric / greatest(calls, 1), 2),
               regexp_replace(left(query, 160), '\s+', ' ', 'g')
          from pg_stat_statements
         where $OURS
         order by calls desc
         limit $TOP" | awk -F'\t' '{ printf "%8s  %8s  %11s  %9s  %s\n", $1, $2, $3, $4, $5 }'
} | tee "$RESULT"
print_exchange_log | tee -a "$RESULT"
echo "result saved in $RESULT"
