#!/usr/bin/env bash
# The lifecycle load beside its two ceilings, one table, one command (issue 17):
#
#   bench/run-table.sh [--clients 16] [--duration 30] [--warmup 10] [--pgbench-clients 8] [--build]
#                      [--app-arg --some.property=value]...
#
# Runs, one after the other, each on a fresh database of its own:
#   1. bench/run-pgbench-ceiling.sh --clients <pgbench-clients> --duration <duration>   (the store's durable appends)
#   2. bench/run-raw-commands.sh --clients <clients> --warmup <warmup> --duration <duration>   (the raw Axon rate)
#   3. bench/run-lifecycle.sh --clients <clients> --warmup <warmup> --duration <duration> --keep-db   (over HTTP)
# then counts the events per completed lifecycle in the third run's event table (and drops its database), and prints
# one Markdown table (java -jar bench/target/bench.jar table): lifecycles/s, commands/s, events appended/s and the
# exchange's CPU ms per lifecycle of the HTTP run and of the raw rate, pgbench's appends/s, and each figure as a
# ratio of the raw rate and of pgbench. --app-arg goes to the exchange of runs 2 and 3. Each run's whole output,
# and the table, are kept under target/bench/table-<timestamp>-*.txt.
#
# The PostgreSQL server: BENCH_PGHOST, BENCH_PGPORT, BENCH_PGUSER, or BENCH_OWN_PG_SHARED_BUFFERS (then each run has
# a throwaway cluster of its own, the HTTP run's store cannot be kept, and the table takes the raw run's count of
# events per lifecycle: the same commands). Nothing here asserts a figure.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

COMMON_OPTIONS="--build --app-arg -h --help" parse_options --clients CLIENTS=16 --duration DURATION=30 \
    --warmup WARMUP=10 --pgbench-clients PGBENCH_CLIENTS=8 -- "$@"
require_positive "$CLIENTS" "$DURATION" "$PGBENCH_CLIENTS"
require_whole "$WARMUP"

run_names
PREFIX="$OUT/table-$TS"
KEPT_DB=""

# The lifecycle run's database, kept for counting, is dropped whatever happens.
drop_kept_db() {
    local rc=$?
    if [[ -n "$KEPT_DB" ]]; then
        psql_admin -c "DROP DATABASE IF EXISTS $KEPT_DB WITH (FORCE)" || echo "warning: could not drop $KEPT_DB" >&2
        echo "dropped database $KEPT_DB"
    fi
    exit "$rc"
}
trap drop_kept_db EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

APP=()
for a in "${APP_ARGS[@]+"${APP_ARGS[@]}"}"; do APP+=(--app-arg "$a"); done

# one build for all three runs (the raw rate also needs the api module's test classes)
[[ -f "$ROOT/api/target/test-classes/org/eprescription/api/bench/RawCommandRate.class" ]] || BUILD=1
build_jar_if_needed

echo "=== 1/3 pgbench ceiling ==="
"$ROOT/bench/run-pgbench-ceiling.sh" --clients "$PGBENCH_CLIENTS" --duration "$DURATION" | tee "$PREFIX-pgbench.txt"
echo
echo "=== 2/3 raw Axon command rate ==="
"$ROOT/bench/run-raw-commands.sh" --clients "$CLIENTS" --warmup "$WARMUP" --duration "$DURATION" \
    "${APP[@]+"${APP[@]}"}" | tee "$PREFIX-raw.txt"
echo
echo "=== 3/3 lifecycle load over HTTP ==="
KEEP=(--keep-db)
[[ -z "${BENCH_OWN_PG_SHARED_BUFFERS:-}" ]] || KEEP=()
"$ROOT/bench/run-lifecycle.sh" --clients "$CLIENTS" --warmup "$WARMUP" --duration "$DURATION" \
    "${KEEP[@]+"${KEEP[@]}"}" "${APP[@]+"${APP[@]}"}" | tee "$PREFIX-http.txt"

# Events per completed lifecycle in the HTTP run's store: every event of the prescriptions that completed.
EVENTS=()
KEPT_DB="$(sed -n 's/^keeping database \([A-Za-z0-9_]*\) .*/\1/p' "$PREFIX-http.txt" | head -n 1)"
if [[ -n "$KEPT_DB" ]]; then
    per_lifecycle="$(psql_on "$KEPT_DB" -At -c "
        SELECT round(count(*)::numeric / nullif(count(DISTINCT aggregateidentifier), 0), 2)
          FROM domainevententry
         WHERE aggregateidentifier IN (SELECT aggregateidentifier FROM domainevententry
                                        WHERE payloadtype = 'org.eprescription.core.prescription.event.PrescriptionCompleted')")"
    echo "events per completed lifecycle in the HTTP run's store: ${per_lifecycle:-none}"
    [[ -z "$per_lifecycle" ]] || EVENTS=(--http-events-per-lifecycle "$per_lifecycle")
fi

echo
{
    echo "=== machine ==="
    print_machine "bench/run-table.sh --clients $CLIENTS --duration $DURATION --warmup $WARMUP --pgbench-clients $PGBENCH_CLIENTS${APP[*]:+ ${APP[*]}}"
    echo "runs:        $PREFIX-{pgbench,raw,http}.txt"
    echo
    java -jar "$BENCH_JAR" table --pgbench "$PREFIX-pgbench.txt" --raw "$PREFIX-raw.txt" --http "$PREFIX-http.txt" \
        "${EVENTS[@]+"${EVENTS[@]}"}"
} | tee "$PREFIX.txt"
echo "table saved in $PREFIX.txt"
