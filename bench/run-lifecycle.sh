#!/usr/bin/env bash
# Lifecycle load benchmark, one command:
#
#   bench/run-lifecycle.sh [--clients 8] [--duration 60] [--warmup 10] [--build] [--keep-db]
#                          [--steps lifecycle|issue] [--patients 2000] [--seed-per-patient 2]
#                          [--app-arg --some.property=value]...
#
# Builds api/target/prescription-exchange.jar if it is missing (or with --build), creates a fresh database on the
# local PostgreSQL server, starts the exchange on a free loopback port against it, runs bench/LifecycleLoad.java
# (N clients looping issue -> accept -> dispense), then stops the exchange and drops the database, also when
# something fails. Prints the machine, the date and the results (with a Markdown block for docs/benchmarks.md).
# --steps issue: the clients only issue, for a pool of --patients patients who each get --seed-per-patient
# prescriptions first (unmeasured), with drugs that raise duplicate and contraindication alerts.
# --app-arg passes one more argument to the exchange (repeatable), e.g. --app-arg --exchange.alerts.enabled=false.
#
# The PostgreSQL server is reached with trust auth: BENCH_PGHOST (127.0.0.1), BENCH_PGPORT (5432),
# BENCH_PGUSER (postgres). BENCH_LABEL names the run in the Markdown rows. Nothing here asserts a figure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/api/target/prescription-exchange.jar"
PGHOST_="${BENCH_PGHOST:-127.0.0.1}"
PGPORT_="${BENCH_PGPORT:-5432}"
PGUSER_="${BENCH_PGUSER:-postgres}"

CLIENTS=8
DURATION=60
WARMUP=10
BUILD=0
KEEP_DB=0
STARTUP_TIMEOUT=180
STEPS=lifecycle
PATIENTS=2000
SEED_PER_PATIENT=2
APP_ARGS=()

usage() {
    sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit "${1:-0}"
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --clients) CLIENTS="$2"; shift 2 ;;
        --duration) DURATION="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --build) BUILD=1; shift ;;
        --keep-db) KEEP_DB=1; shift ;;
        --steps) STEPS="$2"; shift 2 ;;
        --patients) PATIENTS="$2"; shift 2 ;;
        --seed-per-patient) SEED_PER_PATIENT="$2"; shift 2 ;;
        --app-arg) APP_ARGS+=("$2"); shift 2 ;;
        -h|--help) usage 0 ;;
        *) echo "unknown option: $1" >&2; usage 2 ;;
    esac
done
[[ "$STEPS" == lifecycle || "$STEPS" == issue ]] || { echo "--steps is lifecycle or issue, not $STEPS" >&2; exit 2; }
for n in "$CLIENTS" "$DURATION" "$WARMUP" "$PATIENTS" "$SEED_PER_PATIENT"; do
    [[ "$n" =~ ^[0-9]+$ ]] || { echo "not a whole number: $n" >&2; exit 2; }
done

TS="$(date -u +%Y%m%d%H%M%S)"
DB="bench_${TS}_$$"
OUT="$ROOT/target/bench"
mkdir -p "$OUT"
APP_LOG="$OUT/app-$TS.log"
RESULT="$OUT/result-$TS.txt"

psql_admin() {
    psql -X -q -v ON_ERROR_STOP=1 -h "$PGHOST_" -p "$PGPORT_" -U "$PGUSER_" -d postgres "$@"
}

# ---------------------------------------------------------------- cleanup (always)
APP_PID=""
DB_CREATED=0
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
        echo "stopping the exchange (pid $APP_PID)"
        kill "$APP_PID" 2>/dev/null || true
        # graceful shutdown may take up to spring.lifecycle.timeout-per-shutdown-phase (20 s)
        for _ in $(seq 1 60); do
            kill -0 "$APP_PID" 2>/dev/null || break
            sleep 0.5
        done
        if kill -0 "$APP_PID" 2>/dev/null; then
            echo "the exchange did not stop in 30 s: killing it"
            kill -9 "$APP_PID" 2>/dev/null || true
        fi
        wait "$APP_PID" 2>/dev/null || true
    fi
    if [[ "$DB_CREATED" == 1 ]]; then
        if [[ "$KEEP_DB" == 1 ]]; then
            echo "keeping database $DB (drop it with: psql -h $PGHOST_ -U $PGUSER_ -d postgres -c 'DROP DATABASE $DB')"
        else
            echo "dropping database $DB"
            psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || echo "warning: could not drop $DB" >&2
        fi
    fi
    [[ -z "${RUN_JAR:-}" ]] || rm -f "$RUN_JAR"
    [[ -z "$APP_PID" ]] || echo "application log: $APP_LOG"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- machine
machine() {
    echo "date:        $(date -u '+%Y-%m-%d %H:%M UTC')"
    local extra=""
    [[ "$STEPS" == lifecycle ]] || extra=" --steps $STEPS --patients $PATIENTS --seed-per-patient $SEED_PER_PATIENT"
    for a in "${APP_ARGS[@]+"${APP_ARGS[@]}"}"; do extra+=" --app-arg $a"; done
    echo "command:     bench/run-lifecycle.sh --clients $CLIENTS --duration $DURATION --warmup $WARMUP$extra"
    echo "git:         $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "cpus:        $(nproc)"
    echo "cpu model:   $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "memory:      $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "kernel:      $(uname -sr)"
    echo "java:        $(java -version 2>&1 | head -2 | tr '\n' ' ')"
    echo "postgresql:  $(psql_admin -At -c 'SHOW server_version' 2>/dev/null || echo unknown)"
}

# ---------------------------------------------------------------- build
if [[ "$BUILD" == 1 || ! -f "$JAR" ]]; then
    echo "building $JAR (mvn -q -DskipTests package)"
    (cd "$ROOT" && mvn -q -DskipTests package)
fi
[[ -f "$JAR" ]] || { echo "no jar at $JAR after the build" >&2; exit 1; }

# ---------------------------------------------------------------- database
psql_admin -c "CREATE DATABASE $DB"
DB_CREATED=1
echo "created database $DB"

# ---------------------------------------------------------------- free port
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=""
for _ in $(seq 1 50); do
    candidate=$(( 20000 + RANDOM % 20000 ))
    if ! port_in_use "$candidate"; then PORT="$candidate"; break; fi
done
[[ -n "$PORT" ]] || { echo "no free port found" >&2; exit 1; }

# ---------------------------------------------------------------- start the exchange
# The exchange runs from a copy of the jar: a rebuild during the run cannot change it, and a careless
# "pkill -f prescription-exchange.jar" elsewhere on the machine does not end the benchmark half way.
RUN_JAR="$OUT/bench-app-$TS.jar"
cp "$JAR" "$RUN_JAR"
echo "starting the exchange ($JAR, run as $RUN_JAR) on 127.0.0.1:$PORT (log: $APP_LOG)"
AXONIQ_UPDATE_CHECKER_DISABLED=true java -Xmx1g -jar "$RUN_JAR" \
    --server.port="$PORT" \
    --server.address=127.0.0.1 \
    --spring.datasource.url="jdbc:postgresql://$PGHOST_:$PGPORT_/$DB" \
    --spring.datasource.username="$PGUSER_" \
    --exchange.exchange-code-key=benchmark-key-0123456789abcdef0123 \
    --exchange.scheduling.enabled=false \
    "${APP_ARGS[@]+"${APP_ARGS[@]}"}" \
    >"$APP_LOG" 2>&1 &
APP_PID=$!

BASE="http://127.0.0.1:$PORT/api/v1"
started=$(date +%s)
until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
        "$BASE/prescriptions/00000000-0000-0000-0000-000000000000" || true)" == 404 ]]; do
    if ! kill -0 "$APP_PID" 2>/dev/null; then
        echo "the exchange exited during startup; last log lines:" >&2
        tail -n 40 "$APP_LOG" >&2
        exit 1
    fi
    if (( $(date +%s) - started > STARTUP_TIMEOUT )); then
        echo "the exchange did not answer within $STARTUP_TIMEOUT s; last log lines:" >&2
        tail -n 40 "$APP_LOG" >&2
        exit 1
    fi
    sleep 1
done
echo "the exchange answers after $(( $(date +%s) - started )) s"

# ---------------------------------------------------------------- load
{
    echo "=== machine ==="
    machine
    echo "note: the exchange, PostgreSQL and the load client share these CPUs"
    echo
} | tee "$RESULT"

java -Xmx512m "$ROOT/bench/LifecycleLoad.java" \
    --url "$BASE" \
    --clients "$CLIENTS" \
    --duration-seconds "$DURATION" \
    --warmup-seconds "$WARMUP" \
    --steps "$STEPS" \
    --patients "$PATIENTS" \
    --seed-per-patient "$SEED_PER_PATIENT" \
    --label "${BENCH_LABEL:-$CLIENTS clients}" | tee -a "$RESULT"

# Whatever the exchange itself complained about during the run, so that failures are seen, not hidden.
{
    if ! kill -0 "$APP_PID" 2>/dev/null; then
        echo
        echo "!!! the exchange was no longer running at the end of the load: these figures are not valid !!!"
        grep -E 'ShutdownHook|Commencing graceful shutdown' "$APP_LOG" | head -n 2 || true
    fi
    echo
    echo "=== exchange log: $(grep -c -E ' (ERROR|WARN) ' "$APP_LOG" || true) ERROR/WARN lines ==="
    grep -E ' (ERROR|WARN) ' "$APP_LOG" | head -n 20 || true
} | tee -a "$RESULT"
echo "result saved in $RESULT"
