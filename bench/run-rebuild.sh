#!/usr/bin/env bash
# Projection rebuild benchmark, one command:
#
#   bench/run-rebuild.sh [--events 5000000] [--projections prescription-view,medication-alerts]
#                        [--live head|catch-up] [--verify yes|no] [--together yes|no] [--step-hours 12] [--days 365]
#                        [--patients-per 4] [--probe-ms 100] [--build] [--keep-db] [--app-arg --x=y]...
#
# 1. Creates a fresh database on the local PostgreSQL server, starts the exchange against it (bench/lib.sh) and
#    runs a dozen real lifecycles through the API (the bench module's rebuild templates: issue, accept, dispense, with
#    refills, partial dispensing, generic substitution, cancellations, a release, an interaction alert acknowledged,
#    and a consent).
# 2. Stops the exchange and clones those lifecycles in SQL (bench/rebuild-load.sql) until the store holds --events
#    events: new prescription ids, exchange code hashes, event ids and alert ids, patients drawn from a pool of
#    (lifecycles / --patients-per) so that duplicate alerts are computed, institutions and pharmacies spread, dates
#    moved across --days, each lifecycle's steps --step-hours apart in global order (interleaved with the others).
# 3. --live head (default): the live processors' tokens are set to the head, so they do not process the clones at
#    startup (the live views hold the templates only until a replay swaps the rebuilt tables in).
#    --live catch-up: the tokens stay where they were; the exchange starts and the live processors process every
#    clone first (timed), and (with --verify yes) a verify before the replays compares those live tables, built
#    event by event, with a rebuild.
# 4. Measures reading the store: GET /api/v1/audit/events (NDJSON) and a plain COPY of the table by psql.
# 5. For each projection: POST /admin/projections/{name}/replay, polls GET /admin/projections until done, while a
#    probe reads GET /prescriptions/{id} (a template prescription) every --probe-ms as an auditor; reports events/s,
#    the time, the probe's p50/p99/max and any non-200. Then (--verify yes, the default) POST
#    /admin/projections/{name}/verify, which must report 0 differences.
#    --together yes: every projection is rebuilt in one operation instead (POST /admin/projections/replay: one pass
#    over the store, one swap; it rebuilds all projections, --projections names those followed and verified), and
#    the time until the last is done gives the store's events per second for all projections.
# Stops the exchange and drops the database at the end, also on failure (--keep-db keeps it). Prints uptime (load
# average) before each measured step; the whole output is kept in target/bench/rebuild-<timestamp>.txt.
# Nothing here asserts a figure.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CONSENT_EVERY=10
STARTUP_TIMEOUT=300

parse_options --events EVENTS=5000000 --projections PROJECTIONS=prescription-view,medication-alerts --live LIVE=head \
    --verify VERIFY=yes --together TOGETHER=no --step-hours STEP_HOURS=12 --days DAYS=365 \
    --patients-per PATIENTS_PER=4 --probe-ms PROBE_MS=100 -- "$@"
require_one_of --live "$LIVE" head catch-up
require_one_of --verify "$VERIFY" yes no
require_positive "$EVENTS" "$STEP_HOURS" "$DAYS" "$PATIENTS_PER" "$PROBE_MS"

run_names rebuild app-rebuild- rebuild-
TEMPLATES="$OUT/rebuild-templates-$TS.tsv"

install_cleanup
exec > >(tee "$RESULT") 2>&1

load() { echo "uptime: $(uptime | sed 's/^ *//')"; }
projections_json() {
    curl -s --max-time 30 -H "Authorization: Bearer $AUDITOR" "$BASE/admin/projections"
}

command_line="bench/run-rebuild.sh --events $EVENTS --projections $PROJECTIONS --live $LIVE --verify $VERIFY --together $TOGETHER"
[[ "$STEP_HOURS" == 12 && "$DAYS" == 365 && "$PATIENTS_PER" == 4 ]] \
    || command_line+=" --step-hours $STEP_HOURS --days $DAYS --patients-per $PATIENTS_PER"
[[ "$PROBE_MS" == 100 ]] || command_line+=" --probe-ms $PROBE_MS"
command_line+="$(app_arg_words)"

echo "=== machine ==="
print_machine "$command_line"
echo "disk:        $(df -h "$ROOT" | awk 'NR == 2 {print $4 " free of " $2 " on " $6}')"
load
echo "note: the exchange, PostgreSQL and the benchmark client share these CPUs"
echo

# ---------------------------------------------------------------- templates
build_jar_if_needed
create_database
start_exchange "bench-rebuild-app-$TS.jar" "${APP_ARGS[@]+"${APP_ARGS[@]}"}"
echo
echo "=== templates: real lifecycles through the API ==="
store_templates "$TEMPLATES"

# ---------------------------------------------------------------- load
echo
echo "=== load: cloning the templates in SQL up to $EVENTS events ==="
load
clone_templates "$TEMPLATES" "$EVENTS" "$STEP_HOURS" "$DAYS" "$PATIENTS_PER" "$CONSENT_EVERY"
HEAD="$STORE_HEAD"
COUNT="$STORE_COUNT"

[[ "$LIVE" != head ]] || tokens_to_head

start_exchange "bench-rebuild-app-$TS.jar" "${APP_ARGS[@]+"${APP_ARGS[@]}"}"
AUDITOR="$(local_token '{"role":"AUDITOR","subject":"AUD-1"}')"

if [[ "$LIVE" == catch-up ]]; then
    echo
    echo "=== live processors catching up with $COUNT events ==="
    load
    catch_started="$(now)"
    while true; do
        lags="$(projections_json | grep -o '"name":"[^"]*","state":"[^"]*","position":[0-9null]*,"head":[0-9]*,"lag":[0-9null]*' \
            | sed 's/"name":"\([^"]*\)".*"lag":\([0-9null]*\)/\1=\2/' | tr '\n' ' ')"
        if [[ -n "$lags" && ! "$lags" =~ =([1-9]|null) ]]; then break; fi
        sleep 5
        [[ $(( $(date +%s) % 60 )) -lt 5 ]] && echo "  $(since "$catch_started") s: lag $lags"
    done
    catch_seconds="$(since "$catch_started")"
    echo "live processors caught up in $catch_seconds s ($(awk -v n="$COUNT" -v s="$catch_seconds" 'BEGIN { printf "%.0f", n / s }') events/s, both processors at once)"
fi

if [[ "$LIVE" == catch-up && "$VERIFY" == yes ]]; then
    # the live tables, built event by event by the live processors, against a rebuild through the replay's path
    echo
    echo "=== verify before the replays: live tables (built event by event) against a rebuild ==="
    bench_client 256m rebuild verify --url "$BASE" --projections "$PROJECTIONS"
fi

# ---------------------------------------------------------------- reading alone
echo
echo "=== reading the store alone ==="
load
bench_client 256m rebuild read --url "$BASE"
copy_started="$(now)"
psql_db -c "\\copy (SELECT globalindex, aggregateidentifier, sequencenumber, type, eventidentifier, metadata, payload,
                          payloadrevision, payloadtype, timestamp FROM domainevententry ORDER BY globalindex) TO '/dev/null'"
copy_seconds="$(since "$copy_started")"
echo "psql COPY of the table (ORDER BY globalindex) to /dev/null: $COUNT events in $copy_seconds s = $(awk -v n="$COUNT" -v s="$copy_seconds" 'BEGIN { printf "%.0f", n / s }') events/s"

# ---------------------------------------------------------------- replays
echo
echo "=== replays ==="
load
bench_client 256m rebuild replay --url "$BASE" --projections "$PROJECTIONS" \
    --probe-id "$PROBE_ID" --probe-ms "$PROBE_MS" --verify "$VERIFY" --together "$TOGETHER"
echo
load
psql_db -At -c "SELECT 'rows after the replays: prescription_view ' || (SELECT count(*) FROM prescription_view)
                       || ', medication_course ' || (SELECT count(*) FROM medication_course)
                       || ', medication_alert ' || (SELECT count(*) FROM medication_alert)
                       || ' (' || (SELECT count(*) FROM medication_alert WHERE status = 'OPEN') || ' open)'
                       || ', patient_consent ' || (SELECT count(*) FROM patient_consent)"

print_exchange_log 'LocalTokenConfiguration|SpringDocAppInitializer|AnnotationTypeMapping|already registered'
echo "result saved in $RESULT"
