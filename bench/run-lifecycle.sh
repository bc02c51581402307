#!/usr/bin/env bash
# Lifecycle load benchmark, one command:
#
#   bench/run-lifecycle.sh [--clients 8] [--duration 60] [--warmup 10] [--build] [--keep-db] [--api json|fhir]
#                          [--steps lifecycle|issue] [--patients 2000] [--seed-per-patient 2]
#                          [--loaded-patients 0] [--courses-per-patient 10] [--stored-events 0]
#                          [--idempotency-keys yes|no] [--app-arg --some.property=value]...
#
# Builds api/target/prescription-exchange.jar and bench/target/bench.jar if either is missing (or with --build),
# creates a fresh database on the local PostgreSQL server, starts the exchange on a free loopback port against it,
# runs the bench module's lifecycle load (N clients looping issue -> accept -> dispense), then stops the exchange
# and drops the database, also when something fails. Prints the machine, the date and the results (and Markdown).
# --api fhir: the same lifecycles (one line, accepted, dispensed whole) through the FHIR interface instead
# (Task/$create, Task/$accept, Task/{id}/$dispense completing the use; docs/fhir.md), with the same tokens and
# figures, the CPU per lifecycle included: run it both ways on the same machine for the FHIR/JSON ratio. Neither way
# sends an Idempotency-Key (the JSON issue names its own prescription id; the FHIR $create leaves it to the exchange).
# --steps issue: the clients only issue, for a pool of --patients patients who each get --seed-per-patient
# prescriptions first (unmeasured), with drugs that raise duplicate and contraindication alerts.
# --steps issue --loaded-patients N: the patients are instead PAT-1 ... PAT-N, whose --courses-per-patient courses are
# bulk-loaded into course_record and medication_course before the run (bench/lib.sh load_courses, as bench/run-duplicate-checks.sh
# does; timed), and nothing is seeded: the national-scale setting of the alerts issue (1,000,000 x 10).
# --stored-events N: before the run, the store gets N events of history (bench/lib.sh store_templates and
# clone_templates, as bench/run-rebuild.sh loads it), every projection is rebuilt from them in one replay, and the
# database is vacuumed: the run then measures whether a command costs more with history (issue 17, "scale of the
# store"). Setting up 5,000,000 events takes about 15 minutes.
# --idempotency-keys no: commands go without an Idempotency-Key; by default each has a fresh one, as real clients send
# them (the exchange then claims each key and keeps each answer in PostgreSQL).
# --app-arg passes one more argument to the exchange (repeatable), e.g. --app-arg --exchange.alerts.enabled=false.
# The exchange runs with local tokens (bench/lib.sh): before the warmup the client fetches one bearer token per
# prescriber and pharmacist from POST /api/v1/local-tokens and sends it with every request (bodies name the same).
#
# The PostgreSQL server is reached with trust auth: BENCH_PGHOST (127.0.0.1), BENCH_PGPORT (5432),
# BENCH_PGUSER (postgres); or BENCH_OWN_PG_SHARED_BUFFERS=4GB runs a throwaway cluster of its own with that buffer
# pool (bench/lib.sh start_own_postgres_if_asked), for a server sized for the --loaded-patients working set. BENCH_LABEL names the run in the Markdown rows. Nothing here asserts a figure.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

parse_options --clients CLIENTS=8 --duration DURATION=60 --warmup WARMUP=10 --steps STEPS=lifecycle --api API=json \
    --patients PATIENTS=2000 --seed-per-patient SEED_PER_PATIENT=2 --loaded-patients LOADED_PATIENTS=0 \
    --courses-per-patient COURSES_PER_PATIENT=10 --stored-events STORED_EVENTS=0 \
    --idempotency-keys IDEMPOTENCY_KEYS=yes -- "$@"
require_one_of --idempotency-keys "$IDEMPOTENCY_KEYS" yes no
require_one_of --steps "$STEPS" lifecycle issue
[[ "$LOADED_PATIENTS" == 0 || "$STEPS" == issue ]] || { echo "--loaded-patients needs --steps issue" >&2; exit 2; }
require_one_of --api "$API" json fhir
[[ "$API" == json || "$STEPS" == lifecycle ]] || { echo "--api fhir drives whole lifecycles only" >&2; exit 2; }
require_whole "$CLIENTS" "$DURATION" "$WARMUP" "$PATIENTS" "$SEED_PER_PATIENT" "$LOADED_PATIENTS" "$COURSES_PER_PATIENT" \
    "$STORED_EVENTS"
[[ "$STORED_EVENTS" == 0 || "$LOADED_PATIENTS" == 0 ]] \
    || { echo "--stored-events and --loaded-patients do not go together" >&2; exit 2; }

run_names "" app- result-

install_cleanup

# ---------------------------------------------------------------- machine
machine() {
    local extra=""
    [[ "$API" == json ]] || extra+=" --api $API"
    if (( LOADED_PATIENTS > 0 )); then
        extra+=" --steps $STEPS --loaded-patients $LOADED_PATIENTS --courses-per-patient $COURSES_PER_PATIENT"
    elif [[ "$STEPS" != lifecycle ]]; then
        extra+=" --steps $STEPS --patients $PATIENTS --seed-per-patient $SEED_PER_PATIENT"
    fi
    [[ "$STORED_EVENTS" == 0 ]] || extra+=" --stored-events $STORED_EVENTS"
    [[ "$IDEMPOTENCY_KEYS" == yes ]] || extra+=" --idempotency-keys no"
    extra+="$(app_arg_words)"
    print_machine "bench/run-lifecycle.sh --clients $CLIENTS --duration $DURATION --warmup $WARMUP$extra"
    echo "pg settings: shared_buffers $(psql_admin -At -c 'SHOW shared_buffers' 2>/dev/null || echo unknown)," \
        "autovacuum $(psql_admin -At -c 'SHOW autovacuum' 2>/dev/null || echo unknown)"
}

# ---------------------------------------------------------------- build, database, exchange
build_jar_if_needed
start_own_postgres_if_asked
create_database
start_exchange "bench-app-$TS.jar" "${APP_ARGS[@]+"${APP_ARGS[@]}"}"
LOAD_NOTE=""
if (( LOADED_PATIENTS > 0 )); then
    LOAD_START="$(now)"
    load_courses "$LOADED_PATIENTS" "$COURSES_PER_PATIENT" \
        "$ROOT/prescription-core/src/main/resources/catalogue/drug-catalogue-sample.csv"
    LOAD_NOTE="loaded $LOADED_PATIENTS patients x $COURSES_PER_PATIENT courses into course_record and medication_course in $(since "$LOAD_START") s"
    PATIENTS="$LOADED_PATIENTS"
    SEED_PER_PATIENT=0
fi
if (( STORED_EVENTS > 0 )); then
    STORE_START="$(now)"
    echo "=== a store with history: $STORED_EVENTS events, every projection rebuilt from them ==="
    store_templates "$OUT/lifecycle-templates-$TS.tsv"
    clone_templates "$OUT/lifecycle-templates-$TS.tsv" "$STORED_EVENTS" 12 365 4 10
    tokens_to_head
    start_exchange "bench-app-$TS.jar" "${APP_ARGS[@]+"${APP_ARGS[@]}"}"
    bench_client 256m rebuild replay --url "$BASE" --projections prescription-view,medication-alerts \
        --probe-id "$PROBE_ID" --probe-ms 1000 --verify no --together yes
    # what a long-running database looks like: vacuumed, analysed, the replay's writes checkpointed
    psql_db -q -c "VACUUM (ANALYZE)" -c "CHECKPOINT"
    LOAD_NOTE="the store held $STORE_COUNT events before the run, every projection rebuilt from them in one replay"
    LOAD_NOTE+=" (set up in $(since "$STORE_START") s)"
fi

# ---------------------------------------------------------------- load
{
    echo "=== machine ==="
    machine
    echo "note: the exchange, PostgreSQL and the load client share these CPUs"
    [[ -z "$LOAD_NOTE" ]] || echo "$LOAD_NOTE"
    echo
} | tee "$RESULT"

# CPU time over the measured window, sampled beside the load: the exchange's, PostgreSQL's (an own cluster's whole
# server, or on a shared server this database's backends), the load client's, and the whole machine's.
(
    sleep "$WARMUP"
    client="$(pgrep -f "bench.jar lifecycle --url $BASE " | head -n 1 || true)"
    start_ns="$(date +%s%N)"
    app0="$(cpu_ms_of_process "$APP_PID")"; pgpid="$(own_postgres_pid)"; machine0="$(cpu_ms_of_machine)"
    if [[ -n "$pgpid" ]]; then pg0="$(cpu_ms_of_tree "$pgpid")"; else pg0="$(cpu_ms_of_database "$DB")"; fi
    client0="$( [[ -z "$client" ]] || cpu_ms_of_process "$client")"
    sleep "$DURATION"
    app1="$(cpu_ms_of_process "$APP_PID")"
    if [[ -n "$pgpid" ]]; then pg1="$(cpu_ms_of_tree "$pgpid")"; else pg1="$(cpu_ms_of_database "$DB")"; fi
    {
        echo "cpu exchange ms $(( app1 - app0 ))"
        echo "cpu postgresql ms $(( pg1 - pg0 ))"
        [[ -z "$client" ]] || echo "cpu load-client ms $(( $(cpu_ms_of_process "$client") - client0 ))"
        echo "cpu machine ms $(( $(cpu_ms_of_machine) - machine0 ))"
        echo "elapsed ms $(( ($(date +%s%N) - start_ns) / 1000000 ))"
    } >"$OUT/cpu-$TS.txt"
) &
CPU_SAMPLER=$!

bench_client 512m lifecycle \
    --url "$BASE" \
    --clients "$CLIENTS" \
    --duration-seconds "$DURATION" \
    --warmup-seconds "$WARMUP" \
    --steps "$STEPS" \
    --api "$API" \
    --idempotency-keys "$IDEMPOTENCY_KEYS" \
    --patients "$PATIENTS" \
    --seed-per-patient "$SEED_PER_PATIENT" \
    --loaded-patients "$( (( LOADED_PATIENTS > 0 )) && echo yes || echo no)" \
    --label "${BENCH_LABEL:-$CLIENTS clients$([[ "$API" == json ]] || echo ", FHIR")}" | tee -a "$RESULT"

wait "$CPU_SAMPLER" || true
{
    echo
    echo "=== CPU over the measured window (from /proc; $(nproc) CPUs in all) ==="
    UNITS="$(awk '/^(lifecycles|issues) / { print $2; exit }' "$RESULT")"
    ELAPSED_MS="$(awk '/^elapsed ms / { print $3 }' "$OUT/cpu-$TS.txt")"
    grep '^cpu ' "$OUT/cpu-$TS.txt" | while read -r _ who _ ms; do
        if [[ -n "$UNITS" && "$UNITS" -gt 0 ]]; then
            awk -v who="$who" -v ms="$ms" -v n="$UNITS" -v e="${ELAPSED_MS:-$((DURATION * 1000))}" -v unit="$STEPS" 'BEGIN {
                printf "%-11s %8.1f s CPU, %5.2f ms per %s, %4.0f %% of one core\n", who, ms / 1000, ms / n,
                    (unit == "issue" ? "issue" : "lifecycle"), ms * 100 / e }'
        fi
    done
    [[ -n "$(own_postgres_pid)" ]] || echo "(postgresql: this database's backends on the shared server, not its background processes)"
    echo "exchange RSS at the end of the run: $(( $(ps -o rss= -p "$APP_PID") / 1024 )) MB"
} | tee -a "$RESULT"

print_exchange_log | tee -a "$RESULT"
echo "result saved in $RESULT"
