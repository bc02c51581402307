#!/usr/bin/env bash
# Live-stream latency benchmark, one command:
#
#   bench/run-live-latency.sh [--streams 1000] [--rate 200] [--duration 60] [--warmup 10] [--workers N]
#                             [--miss-timeout 5] [--idempotency-keys yes|no] [--build] [--keep-db]
#                             [--app-arg --some.property=value]...
#
# Builds the exchange's jar and bench/target/bench.jar if missing (or with --build), creates a fresh database on the
# local PostgreSQL server, starts the exchange on a free loopback port against it (bench/lib.sh, local tokens on),
# then runs the bench module's live-latency load: it opens --streams Server-Sent Event streams (institutions'
# prescriptions and pharmacies' dispensing views, spread round robin over 50 + 50, each watched by several streams)
# and waits for their snapshots, then starts lifecycles (issue -> accept -> dispense) open loop at --rate per second
# for --warmup + --duration seconds, and measures, for every command answered inside the window, the time from the
# answer (acknowledgement) to the change event for that prescription (version >= the answered one) at the first and at
# the last subscribed stream. Events that do not come within --miss-timeout seconds are counted as missed.
# Stops the exchange and drops the database at the end, also when something fails (--keep-db keeps it).
# Prints the machine, the load average before and after, the results and a Markdown block for docs/benchmarks.md.
# --idempotency-keys no: commands go without an Idempotency-Key (by default each has a fresh one, as real clients send).
# --app-arg passes one more argument to the exchange (repeatable), e.g. --app-arg --server.tomcat.threads.max=400.
#
# BENCH_PGHOST (127.0.0.1), BENCH_PGPORT (5432), BENCH_PGUSER (postgres), trust auth. BENCH_LABEL names the run;
# BENCH_APP_JAVA_OPTS adds JVM options to the exchange. Nothing here asserts a figure.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

parse_options --streams STREAMS=1000 --rate RATE=200 --duration DURATION=60 --warmup WARMUP=10 --workers WORKERS= \
    --miss-timeout MISS_TIMEOUT=5 --idempotency-keys IDEMPOTENCY_KEYS=yes -- "$@"
require_one_of --idempotency-keys "$IDEMPOTENCY_KEYS" yes no
require_whole "$STREAMS" "$DURATION" "$WARMUP" "$MISS_TIMEOUT" ${WORKERS:+"$WORKERS"}
[[ "$RATE" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "--rate needs a number, not $RATE" >&2; exit 2; }

run_names live app-live- result-live-

install_cleanup

# ---------------------------------------------------------------- machine
machine() {
    local extra=""
    [[ -z "$WORKERS" ]] || extra+=" --workers $WORKERS"
    [[ "$MISS_TIMEOUT" == 5 ]] || extra+=" --miss-timeout $MISS_TIMEOUT"
    [[ "$IDEMPOTENCY_KEYS" == yes ]] || extra+=" --idempotency-keys no"
    extra+="$(app_arg_words)"
    print_machine "bench/run-live-latency.sh --streams $STREAMS --rate $RATE --duration $DURATION --warmup $WARMUP$extra"
    echo "open files:  $(ulimit -n) (per process limit)"
}

# What else uses the machine: the load average and the busiest processes that are not this benchmark's.
others() {
    echo "uptime:      $(uptime)"
    echo "busiest other processes (ps: CPU share since each started; not this run's exchange):"
    # awk reads everything (no head): an early exit would end ps with SIGPIPE, and pipefail the script
    ps -eo pid,pcpu,etime,args --sort=-pcpu | awk -v app="$APP_PID" '(NR == 1 || $1 != app) && n++ < 7' \
        | cut -c1-150 | sed 's/^/    /'
}

# ---------------------------------------------------------------- build, database, exchange
build_jar_if_needed
create_database
start_exchange "bench-live-app-$TS.jar" "${APP_ARGS[@]+"${APP_ARGS[@]}"}"

# ---------------------------------------------------------------- load
{
    echo "=== machine ==="
    machine
    echo "note: the exchange, PostgreSQL and the load client share these CPUs"
    echo "=== before the load ==="
    others
    echo
} | tee "$RESULT"

LOAD_ARGS=(--url "$BASE" --streams "$STREAMS" --rate "$RATE" --duration-seconds "$DURATION"
           --warmup-seconds "$WARMUP" --miss-timeout-seconds "$MISS_TIMEOUT" --app-pid "$APP_PID" --database "$DB"
           --label "${BENCH_LABEL:-$STREAMS streams, $RATE/s}")
[[ -z "$WORKERS" ]] || LOAD_ARGS+=(--workers "$WORKERS")
LOAD_ARGS+=(--idempotency-keys "$IDEMPOTENCY_KEYS")
bench_client 768m live-latency "${LOAD_ARGS[@]}" | tee -a "$RESULT"

{
    echo
    echo "=== after the load ==="
    echo "uptime:      $(uptime)"
    print_exchange_log
} | tee -a "$RESULT"
echo "result saved in $RESULT"
