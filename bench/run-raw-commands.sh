#!/usr/bin/env bash
# The raw Axon command rate on this store (issue 17's second ceiling), one command:
#
#   bench/run-raw-commands.sh [--clients 16] [--warmup 30] [--duration 60] [--build] [--keep-db]
#                             [--app-arg --some.property=value]...
#
# Builds api/target/prescription-exchange.jar (and with it the api module's test classes) if it is missing or with
# --build, creates a fresh database on the local PostgreSQL server, and runs the exchange's own Spring context
# against it from a copy of that jar, with the test class org.eprescription.api.bench.RawCommandRate as main class
# (Spring Boot's PropertiesLauncher: -Dloader.main, the bench classes on -Dloader.path; they never enter the jar).
# --clients threads loop issue -> accept -> dispense through Axon's CommandGateway in-process: the real Prescription
# aggregate, command bus, JDBC event store, subscribing processors and both projections; no HTTP request, no token,
# no idempotency record, no access log, no read-your-writes wait. Prints lifecycles/s, commands/s, the events
# appended in the window, and the JVM's process CPU time per lifecycle; stops and drops the database afterwards,
# also when something fails. The JVM's log goes to target/bench/raw-app-<timestamp>.log.
#
# The PostgreSQL server: as bench/run-lifecycle.sh (BENCH_PGHOST, BENCH_PGPORT, BENCH_PGUSER, or
# BENCH_OWN_PG_SHARED_BUFFERS for a throwaway cluster). BENCH_APP_JAVA_OPTS: extra JVM options. Nothing here asserts a
# figure.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MAIN=org.eprescription.api.bench.RawCommandRate
CLASSES="$ROOT/api/target/test-classes"

parse_options --clients CLIENTS=16 --warmup WARMUP=30 --duration DURATION=60 -- "$@"
require_positive "$CLIENTS" "$DURATION"
require_whole "$WARMUP"

run_names raw raw-app- raw-
RUN_CLASSES=""

# The copy of the bench classes, then lib.sh's cleanup with the script's exit status (set +e: a failed run's status
# must not end the trap before the database is dropped).
cleanup_raw() {
    local rc=$?
    set +e
    [[ -z "$RUN_CLASSES" ]] || rm -rf "$RUN_CLASSES"
    (exit "$rc")
    cleanup
}
install_cleanup
trap cleanup_raw EXIT

[[ -f "$CLASSES/${MAIN//.//}.class" ]] || BUILD=1
build_jar_if_needed
start_own_postgres_if_asked
create_database

# A copy of the jar and of the bench classes only (not the tests' configuration): a rebuild during the run cannot
# change what runs.
RUN_JAR="$OUT/raw-app-$TS.jar"
cp "$JAR" "$RUN_JAR"
RUN_CLASSES="$OUT/raw-classes-$TS"
mkdir -p "$RUN_CLASSES/$(dirname "${MAIN//.//}")"
cp "$CLASSES/$(dirname "${MAIN//.//}")"/*.class "$RUN_CLASSES/$(dirname "${MAIN//.//}")/"

{
    echo "=== machine ==="
    print_machine "bench/run-raw-commands.sh --clients $CLIENTS --warmup $WARMUP --duration $DURATION$(app_arg_words)"
    echo "note: the exchange's JVM (with its $CLIENTS calling threads) and PostgreSQL share these CPUs"
    echo
} | tee "$RESULT"

echo "starting the exchange's context in-process with $MAIN (log: $APP_LOG)"
# shellcheck disable=SC2086
AXONIQ_UPDATE_CHECKER_DISABLED=true java -Xmx1g ${BENCH_APP_JAVA_OPTS:-} \
    -Dloader.path="$RUN_CLASSES" -Dloader.main="$MAIN" \
    -cp "$RUN_JAR" org.springframework.boot.loader.launch.PropertiesLauncher \
    --clients "$CLIENTS" --warmup "$WARMUP" --duration "$DURATION" --report "$OUT/raw-report-$TS.txt" \
    --server.port=0 \
    --server.address=127.0.0.1 \
    --spring.datasource.url="jdbc:postgresql://$PGHOST_:$PGPORT_/$DB" \
    --spring.datasource.username="$PGUSER_" \
    --exchange.exchange-code-key=benchmark-key-0123456789abcdef0123 \
    --exchange.security.local-tokens.enabled=true \
    --exchange.security.local-tokens.allow-with-external-database=true \
    "${APP_ARGS[@]+"${APP_ARGS[@]}"}" \
    >"$APP_LOG" 2>&1 &
APP_PID=$!
if ! wait "$APP_PID"; then
    APP_PID=""
    echo "the raw command rate failed; last log lines:" >&2
    tail -n 40 "$APP_LOG" >&2
    exit 1
fi
APP_PID=""
{
    cat "$OUT/raw-report-$TS.txt"
    print_exchange_log
} | tee -a "$RESULT"
rm -f "$OUT/raw-report-$TS.txt"
echo "result saved in $RESULT"
