#!/usr/bin/env bash
# Duplicate-check benchmark at national scale, one command:
#
#   bench/run-duplicate-checks.sh [--patients 1000000] [--courses-per-patient 10] [--clients 8] [--duration 60]
#                                 [--warmup 15] [--lines 5] [--build] [--keep-db] [--app-arg --x=y]...
#
# Creates a fresh database on the local PostgreSQL server, starts the exchange against it once so that Flyway
# creates its tables, then bulk-loads PATIENTS x COURSES rows straight into the checks' table
# course_record (and medication_course) with one INSERT ... SELECT ... FROM generate_series(...) (drug codes from the sample catalogue,
# periods around today, several institutions, PLANNED or DISPENSED; bench/lib.sh load_courses), vacuums and analyses it, prints the load time and the
# table and index sizes and EXPLAIN ANALYZE of the queries a duplicate check runs, then runs the bench module's
# duplicate-checks load (N clients posting LINES-line drafts for random loaded patients, no think time).
# The exchange runs with local tokens (bench/lib.sh): every request sends a PRESCRIBER bearer token from
# POST /api/v1/local-tokens, one per client (DOC-001-1 of HOSP-001, ...), fetched before the warmup.
# Stops the exchange and drops the database at the end, also when something fails (--keep-db keeps it).
#
# Loading the projection table directly (not through events) is deliberate: this is a read benchmark, and the
# duplicate check reads only course_record and patient_consent. The event store stays empty.
#
# BENCH_PGHOST (127.0.0.1), BENCH_PGPORT (5432), BENCH_PGUSER (postgres), trust auth; or BENCH_OWN_PG_SHARED_BUFFERS=4GB
# runs a throwaway cluster of its own with that buffer pool and PostgreSQL's defaults otherwise (bench/lib.sh).
# BENCH_LABEL names the run; BENCH_APP_JAVA_OPTS adds JVM options to the exchange.
# Nothing here asserts a figure.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
CATALOGUE="$ROOT/prescription-core/src/main/resources/catalogue/drug-catalogue-sample.csv"

parse_options --patients PATIENTS=1000000 --courses-per-patient COURSES=10 --clients CLIENTS=8 --duration DURATION=60 \
    --warmup WARMUP=15 --lines LINES=5 -- "$@"
require_positive "$PATIENTS" "$COURSES" "$CLIENTS" "$DURATION" "$WARMUP" "$LINES"

run_names dup app-dup- result-dup-


install_cleanup
start_own_postgres_if_asked   # before the machine and the disk are described: they are this cluster's

log() { echo "$@" | tee -a "$RESULT"; }

# ---------------------------------------------------------------- machine
{
    echo "=== machine ==="
    print_machine "bench/run-duplicate-checks.sh --patients $PATIENTS --courses-per-patient $COURSES --clients $CLIENTS --duration $DURATION --warmup $WARMUP --lines $LINES$(app_arg_words)"
    echo "pg memory:   $(psql_admin -At -c "select string_agg(name || '=' || current_setting(name), ' ') from pg_settings where name in ('work_mem','maintenance_work_mem','effective_cache_size','max_wal_size')")"
    echo "note: the exchange, PostgreSQL and the load client share these CPUs"
    echo
} | tee "$RESULT"

# ---------------------------------------------------------------- disk
DATA_DIR="$(psql_admin -At -c 'SHOW data_directory' 2>/dev/null || true)"
DF_PATH="${DATA_DIR:-/}"
[[ -d "$DF_PATH" ]] || DF_PATH=/
# about 200 bytes of heap and 120 bytes of index per course, doubled for WAL and slack
NEED_KB=$(( PATIENTS * COURSES * 640 / 1024 ))
AVAIL_KB=$(df -Pk "$DF_PATH" | awk 'NR == 2 { print $4 }')
log "disk:        $(df -h "$DF_PATH" | awk 'NR == 2 { print $4 " free of " $2 " on " $6 }') (needs about $(( NEED_KB / 1048576 + 1 )) GiB)"
if (( AVAIL_KB < NEED_KB )); then
    echo "not enough free disk for $PATIENTS x $COURSES courses" >&2
    exit 1
fi

# ---------------------------------------------------------------- build, database, exchange (Flyway creates the tables)
build_jar_if_needed
create_database
start_exchange "bench-app-dup-$TS.jar" "${APP_ARGS[@]+"${APP_ARGS[@]}"}"

# ---------------------------------------------------------------- bulk load
log ""
log "=== load: $PATIENTS patients x $COURSES courses into course_record (and medication_course) ==="
T0=$(now)
load_courses "$PATIENTS" "$COURSES" "$CATALOGUE"
LOAD_SECONDS=$(since "$T0")
log "load time:   $LOAD_SECONDS s (drop indexes, INSERT ... SELECT, unique and patient indexes, VACUUM (FREEZE, ANALYZE), CHECKPOINT)"
psql_db -At -F ' ' -c "
    select 'rows:        ' || count(*) from course_record;" | tee -a "$RESULT"
psql_db -At -c "
    select 'table:       ' || pg_size_pretty(pg_relation_size('course_record'))
        || ' heap, ' || pg_size_pretty(pg_indexes_size('course_record')) || ' indexes ('
        || pg_size_pretty(pg_relation_size('course_record_prescription_course')) || ' prescription course, '
        || pg_size_pretty(pg_relation_size('course_record_patient_idx')) || ' patient_id, end_date), '
        || pg_size_pretty(pg_total_relation_size('course_record')) || ' total;  database '
        || pg_size_pretty(pg_database_size(current_database()))" | tee -a "$RESULT"
psql_db -At -c "
    select 'courses:     ' || round(100.0 * count(*) filter (where end_date >= current_date) / count(*), 1)
        || ' % still running today, ' || round(100.0 * count(*) filter (where status = 'DISPENSED') / count(*), 1)
        || ' % DISPENSED, ' || count(distinct institution_id) || ' institutions'
      from course_record" | tee -a "$RESULT"
log "disk after:  $(df -h "$DF_PATH" | awk 'NR == 2 { print $4 " free" }')"

# ---------------------------------------------------------------- the queries a duplicate check runs
SAMPLE_PATIENT="PAT-$(( (RANDOM * 32768 + RANDOM) % PATIENTS + 1 ))"
{
    echo
    echo "=== EXPLAIN (ANALYZE, BUFFERS) of the duplicate check's queries, patient $SAMPLE_PATIENT ==="
    psql_db -c "EXPLAIN (ANALYZE, BUFFERS)
        select prescription_id, line_number, use_number, patient_id, drug_code, start_date, end_date, status,
               institution_id, prescriber_id
          from course_record
         where patient_id = '$SAMPLE_PATIENT' and status <> 'STOPPED' and end_date >= current_date
         order by start_date, prescription_id, line_number, use_number"
    psql_db -c "EXPLAIN (ANALYZE, BUFFERS)
        select sharing_allowed from patient_consent where patient_id = '$SAMPLE_PATIENT'"
} 2>&1 | tee -a "$RESULT"

# ---------------------------------------------------------------- one request by hand
HAND_TOKEN="$(local_token '{"role":"PRESCRIBER","subject":"DOC-001-1","institutionId":"HOSP-001"}')" || exit 1
{
    echo "=== one request (as prescriber DOC-001-1 of HOSP-001, local bearer token) ==="
    body='{"patientId":"'"$SAMPLE_PATIENT"'","lines":[{"drugCode":"2171022F1021","days":28},{"drugCode":"1129009F1025","days":14},{"drugCode":"1124007F1024","days":14},{"drugCode":"2189015F1023","days":28},{"drugCode":"3962002F1024","days":28}]}'
    echo "POST /duplicate-checks $body"
    curl -s -w '\n-> HTTP %{http_code} in %{time_total} s\n' -X POST "$BASE/duplicate-checks" \
        -H "Authorization: Bearer $HAND_TOKEN" -H 'Content-Type: application/json' -d "$body" | cut -c1-1500
    echo
} | tee -a "$RESULT"

# ---------------------------------------------------------------- load
bench_client 512m duplicate-checks \
    --url "$BASE" \
    --clients "$CLIENTS" \
    --duration-seconds "$DURATION" \
    --warmup-seconds "$WARMUP" \
    --patients "$PATIENTS" \
    --lines "$LINES" \
    --catalogue "$CATALOGUE" \
    --label "${BENCH_LABEL:-$CLIENTS clients, $PATIENTS patients x $COURSES courses}" | tee -a "$RESULT"

{
    print_exchange_log 'AnnotationTypeMapping|SpringDocAppInitializer'
    echo "(startup deprecation warnings of AnnotationTypeMapping and SpringDocAppInitializer not shown)"
} | tee -a "$RESULT"
echo "result saved in $RESULT"
