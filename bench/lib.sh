# Shared by the benchmark scripts (sourced first thing, not run): the options every script takes, a database of its
# own on the local PostgreSQL server, the exchange started from a copy of the packaged jar against it, the load
# clients of the bench module (bench/target/bench.jar), the machine and the exchange's log in the result, and the
# clean-up that stops the exchange and drops the database whatever happens. It sets ROOT (the repository, this file's
# folder's parent); the sourcing script sets OUT, TS, DB, APP_LOG (run_names) and STARTUP_TIMEOUT before calling these
# functions.
#
# Every /api/v1 request needs a bearer token. The exchange is started with local tokens on (it signs them itself,
# POST /api/v1/local-tokens; allowed here with the external database because that database is a throwaway one made
# for the run and dropped after it), and the load clients ask it for a token per identity they act as.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# BENCH_APP_JAR runs another build of the exchange (e.g. an earlier commit's, to compare in one session).
JAR="${BENCH_APP_JAR:-$ROOT/api/target/prescription-exchange.jar}"
BENCH_JAR="$ROOT/bench/target/bench.jar"
PGHOST_="${BENCH_PGHOST:-127.0.0.1}"
PGPORT_="${BENCH_PGPORT:-5432}"
PGUSER_="${BENCH_PGUSER:-postgres}"
BUILD=0
KEEP_DB=0
STARTUP_TIMEOUT=180
APP_ARGS=()

# The script's opening comment, from its second line to `set -euo pipefail`, as its usage; exits with $1.
usage() {
    awk 'NR > 1 && /^set -euo pipefail/ { exit } NR > 1' "$0" | sed 's/^# \{0,1\}//'
    exit "${1:-0}"
}

# One of the options every script takes (--build, --keep-db, --app-arg X, -h); sets SHIFT to the words it used.
# Anything else is an unknown option.
common_option() {
    case "$1" in
        --build) BUILD=1; SHIFT=1 ;;
        --keep-db) KEEP_DB=1; SHIFT=1 ;;
        --app-arg) APP_ARGS+=("$2"); SHIFT=2 ;;
        -h|--help) usage 0 ;;
        *) echo "unknown option: $1" >&2; usage 2 ;;
    esac
}

# Reads the script's arguments, given after "--": before it, pairs "--option VARIABLE=DEFAULT" name the script's own
# options, each setting VARIABLE to DEFAULT (may be empty), then to the option's one value where it is given; any other
# argument is one of common_option's. COMMON_OPTIONS, if set, names the only ones of those the script takes (e.g.
# COMMON_OPTIONS="--keep-db -h --help"); another is an unknown option.
#   parse_options --clients CLIENTS=8 --duration DURATION=60 -- "$@"
parse_options() {
    local -A takes=()
    while [[ "$1" != -- ]]; do
        takes["$1"]="${2%%=*}"
        printf -v "${2%%=*}" '%s' "${2#*=}"
        shift 2
    done
    shift
    while [[ $# -gt 0 ]]; do
        if [[ -n "$1" && -n "${takes[$1]+set}" ]]; then
            printf -v "${takes[$1]}" '%s' "$2"
            shift 2
        elif [[ -z "${COMMON_OPTIONS:-}" || " $COMMON_OPTIONS " == *" $1 "* ]]; then
            common_option "$@"
            shift "$SHIFT"
        else
            echo "unknown option: $1" >&2
            usage 2
        fi
    done
}

# The --app-arg options given, as they are written on a result's command line: " --app-arg X" each.
app_arg_words() {
    local a
    for a in "${APP_ARGS[@]+"${APP_ARGS[@]}"}"; do printf ' --app-arg %s' "$a"; done
}

# The names of a run: TS (when it started, UTC), OUT (target/bench, created), DB (bench_$1_TS_pid, or bench_TS_pid
# without $1), and where given APP_LOG ($OUT/$2TS.log) and RESULT ($OUT/$3TS.txt).
#   run_names live app-live- result-live-
run_names() {
    TS="$(date -u +%Y%m%d%H%M%S)"
    DB="bench_${1:+$1_}${TS}_$$"
    OUT="$ROOT/target/bench"
    mkdir -p "$OUT"
    [[ -z "${2:-}" ]] || APP_LOG="$OUT/$2$TS.log"
    [[ -z "${3:-}" ]] || RESULT="$OUT/$3$TS.txt"
}

# Exits with 2 unless the value $2 of the option $1 is one of the rest, e.g. require_one_of --api "$API" json fhir
# (whose message reads "--api is json or fhir, not xml").
require_one_of() {
    local option="$1" value="$2" choice choices
    shift 2
    for choice in "$@"; do
        [[ "$value" != "$choice" ]] || return 0
    done
    choices="$1"
    shift
    while [[ $# -gt 1 ]]; do choices+=", $1"; shift; done
    [[ $# == 0 ]] || choices+=" or $1"
    echo "$option is $choices, not $value" >&2
    exit 2
}

# Exits with 2 unless every argument is a whole number.
require_whole() {
    for n in "$@"; do
        [[ "$n" =~ ^[0-9]+$ ]] || { echo "not a whole number: $n" >&2; exit 2; }
    done
}

# Exits with 2 unless every argument is a whole number above 0.
require_positive() {
    for n in "$@"; do
        [[ "$n" =~ ^[0-9]+$ && "$n" -gt 0 ]] || { echo "not a positive whole number: $n" >&2; exit 2; }
    done
}

# psql on the database $1 of the benchmark's server, stopping at the first error.
psql_on() {
    local database="$1"
    shift
    psql -X -q -v ON_ERROR_STOP=1 -h "$PGHOST_" -p "$PGPORT_" -U "$PGUSER_" -d "$database" "$@"
}

psql_admin() { psql_on postgres "$@"; }

# psql on the run's database, $DB.
psql_db() { psql_on "$DB" "$@"; }

# Seconds since the epoch, and seconds (one decimal) elapsed since such a time $1.
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

APP_PID=""
DB_CREATED=0
RUN_JAR=""
OWN_PG_DIR=""

# With BENCH_OWN_PG_SHARED_BUFFERS set (e.g. 4GB): a throwaway PostgreSQL cluster for this run only, on a free
# port, with that buffer pool, so that a benchmark can run against a server sized for its working set instead of
# the local server's settings (PGHOST_/PGPORT_/PGUSER_ then point at it). BENCH_OWN_PG_OPTIONS adds server options
# (-c name=value ...). Removed again by cleanup. Needs initdb and pg_ctl (PostgreSQL's bin directory, found with
# pg_config); run as root, the cluster runs as the postgres user.
start_own_postgres_if_asked() {
    [[ -n "${BENCH_OWN_PG_SHARED_BUFFERS:-}" ]] || return 0
    local bin as=()
    bin="$(pg_config --bindir)"
    [[ "$(id -u)" != 0 ]] || as=(runuser -u postgres --)
    OWN_PG_DIR="$(mktemp -d /tmp/bench-pg-XXXXXX)"
    chmod 755 "$OWN_PG_DIR"
    [[ "$(id -u)" != 0 ]] || chown postgres "$OWN_PG_DIR"
    PGPORT_=$(( 40000 + RANDOM % 10000 ))
    PGHOST_=127.0.0.1
    PGUSER_=postgres
    "${as[@]}" "$bin/initdb" -A trust -U postgres -D "$OWN_PG_DIR/data" >/dev/null
    # shellcheck disable=SC2086
    "${as[@]}" "$bin/pg_ctl" -w -s -D "$OWN_PG_DIR/data" -l "$OWN_PG_DIR/server.log" start -o \
        "-p $PGPORT_ -k $OWN_PG_DIR -c listen_addresses=127.0.0.1 -c shared_buffers=$BENCH_OWN_PG_SHARED_BUFFERS ${BENCH_OWN_PG_OPTIONS:-}"
    echo "started an own PostgreSQL cluster for this run on 127.0.0.1:$PGPORT_ (shared_buffers=$BENCH_OWN_PG_SHARED_BUFFERS ${BENCH_OWN_PG_OPTIONS:-})"
}

# CPU time (ms, user + system) used so far by process $1 and its children (a postmaster's backends), from /proc.
cpu_ms_of_tree() {
    local root="$1" ticks
    ticks="$(awk -v root="$root" '
        FNR == 1 {
            line = $0; sub(/^[0-9]+ \(.*\) /, "", line); split(line, f, " ")
            pid = FILENAME; sub("/proc/", "", pid); sub("/stat", "", pid)
            if (pid == root || f[2] == root) total += f[12] + f[13]
        }
        END { print total + 0 }' /proc/[0-9]*/stat 2>/dev/null)"
    echo $(( ticks * 1000 / $(getconf CLK_TCK) ))
}

# CPU time (ms, user + system) used so far by the processes $@ together, from /proc (a process gone counts 0).
cpu_ms_of_processes() {
    local ticks=0 pid stats=()
    for pid in "$@"; do
        [[ ! -r "/proc/$pid/stat" ]] || stats+=("/proc/$pid/stat")
    done
    if (( ${#stats[@]} > 0 )); then
        ticks="$(awk 'FNR == 1 { line = $0; sub(/^[0-9]+ \(.*\) /, "", line); split(line, f, " "); total += f[12] + f[13] }
            END { print total + 0 }' "${stats[@]}" 2>/dev/null)"
    fi
    echo $(( ${ticks:-0} * 1000 / $(getconf CLK_TCK) ))
}

# CPU time (ms) used so far by process $1 alone.
cpu_ms_of_process() {
    cpu_ms_of_processes "$1"
}

# CPU time (ms) used so far by the server processes of database $1: the backends, whose process titles name their
# database (on a shared server, another database's backends are not counted).
cpu_ms_of_database() {
    # shellcheck disable=SC2046
    cpu_ms_of_processes $(pgrep -f "^postgres: .* $1 " || true)
}

# CPU time (ms) the whole machine has been busy so far (all CPUs, everything but idle and I/O wait), from /proc/stat.
cpu_ms_of_machine() {
    awk -v hz="$(getconf CLK_TCK)" '/^cpu / { print int(($2 + $3 + $4 + $7 + $8 + $9) * 1000 / hz); exit }' /proc/stat
}

# The own cluster's postmaster pid (empty without an own cluster).
own_postgres_pid() {
    [[ -n "$OWN_PG_DIR" && -f "$OWN_PG_DIR/data/postmaster.pid" ]] && head -n 1 "$OWN_PG_DIR/data/postmaster.pid" || true
}

stop_own_postgres() {
    [[ -n "$OWN_PG_DIR" ]] || return 0
    local as=()
    [[ "$(id -u)" != 0 ]] || as=(runuser -u postgres --)
    "${as[@]}" "$(pg_config --bindir)/pg_ctl" -w -s -D "$OWN_PG_DIR/data" stop -m fast || true
    rm -rf "$OWN_PG_DIR"
    echo "stopped and removed the own PostgreSQL cluster"
}

# Stops the exchange started by start_exchange (its pid only), if it still runs.
stop_exchange() {
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
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_exchange
    if [[ "$DB_CREATED" == 1 ]]; then
        if [[ "$KEEP_DB" == 1 ]]; then
            echo "keeping database $DB (drop it with: psql -h $PGHOST_ -U $PGUSER_ -d postgres -c 'DROP DATABASE $DB')"
        else
            echo "dropping database $DB"
            psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || echo "warning: could not drop $DB" >&2
        fi
    fi
    stop_own_postgres
    [[ -z "$RUN_JAR" ]] || rm -f "$RUN_JAR"
    [[ -z "$APP_PID" ]] || echo "application log: $APP_LOG"
    exit "$rc"
}

install_cleanup() {
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

# Builds the exchange's jar and the load clients' jar if either is missing (or with --build): one reactor build.
# The runnable jar is removed first, so that the build makes it anew: a package build has left the earlier one in
# place, with the earlier query-side inside, after a change only in query-side (Maven's jar plugin keeps a jar it
# judges up to date, and that one was already the runnable jar).
build_jar_if_needed() {
    if [[ "$BUILD" == 1 || ! -f "$JAR" || ! -f "$BENCH_JAR" ]]; then
        echo "building $JAR and $BENCH_JAR (./mvnw -q -DskipTests package)"
        rm -f "$ROOT/api/target/prescription-exchange.jar"
        (cd "$ROOT" && ./mvnw -q -DskipTests package)
    fi
    [[ -f "$JAR" ]] || { echo "no jar at $JAR after the build" >&2; exit 1; }
    [[ -f "$BENCH_JAR" ]] || { echo "no jar at $BENCH_JAR after the build" >&2; exit 1; }
}

# Runs a load client of the bench module with the heap $1, e.g. bench_client 512m lifecycle --url "$BASE" ...
bench_client() {
    local heap="$1"
    shift
    java "-Xmx$heap" -jar "$BENCH_JAR" "$@"
}

# The machine a result was measured on, and the command line $1 that measured it.
print_machine() {
    echo "date:        $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "command:     $1"
    echo "git:         $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
    [[ -z "${BENCH_APP_JAR:-}" ]] || echo "exchange:    $BENCH_APP_JAR (BENCH_APP_JAR)"
    echo "cpus:        $(nproc)"
    echo "cpu model:   $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "memory:      $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "kernel:      $(uname -sr)"
    echo "java:        $(java -version 2>&1 | head -2 | tr '\n' ' ')"
    echo "postgresql:  $(psql_admin -At -c 'SHOW server_version' 2>/dev/null || echo unknown)"
    local autovacuum
    autovacuum="$(psql_admin -At -c 'SHOW autovacuum' 2>/dev/null || echo unknown)"
    echo "pg settings: autovacuum $autovacuum, $(psql_admin -At -c "select 'shared_buffers '
        || current_setting('shared_buffers') || ', fsync ' || current_setting('fsync') || ', synchronous_commit '
        || current_setting('synchronous_commit')" 2>/dev/null || echo unknown)"
    if [[ "$autovacuum" == off ]]; then
        echo "!!! autovacuum is off on this server: the exchange's rewritten rows keep their dead versions and get no"
        echo "    statistics, so PostgreSQL's cost per command grows through the run (docs/operations.md, \"PostgreSQL"
        echo "    settings\"); BENCH_OWN_PG_SHARED_BUFFERS=128MB runs a cluster of its own with the defaults !!!"
    fi
}

# The end of a result: whether the exchange still ran, and the ERROR/WARN lines of its log, less those that match
# the extended regular expression $1 (if given), so that failures are seen, not hidden.
print_exchange_log() {
    local quiet="${1:-}"
    if [[ -n "$APP_PID" ]] && ! kill -0 "$APP_PID" 2>/dev/null; then
        echo
        echo "!!! the exchange was no longer running at the end of the run: these figures are not valid !!!"
        grep -E 'ShutdownHook|Commencing graceful shutdown' "$APP_LOG" | head -n 2 || true
    fi
    echo
    echo "=== exchange log: $(grep -c -E ' (ERROR|WARN) ' "$APP_LOG" || true) ERROR/WARN lines ==="
    grep -E ' (ERROR|WARN) ' "$APP_LOG" | grep -v -E "${quiet:-^\$}" | head -n 20 || true
}

create_database() {
    psql_admin -c "CREATE DATABASE $DB"
    DB_CREATED=1
    echo "created database $DB"
}

# A local token of the exchange at $BASE for the token request (JSON) in $1, e.g.
# '{"role":"AUDITOR","subject":"AUD-1"}', printed on stdout; fails with the answer on stderr.
local_token() {
    local answer token
    answer="$(curl -s --max-time 10 -X POST "$BASE/local-tokens" -H 'Content-Type: application/json' -d "$1" \
        -w '\n%{http_code}' || true)"
    token="$(sed -n 's/.*"accessToken" *: *"\([^"]*\)".*/\1/p' <<<"$answer" | head -n 1)"
    if [[ -z "$token" ]]; then
        echo "POST $BASE/local-tokens $1 gave no token: $(tr '\n' ' ' <<<"$answer" | cut -c1-500)" >&2
        return 1
    fi
    echo "$token"
}

# Starts the exchange on a free loopback port (sets PORT, APP_PID and BASE) with local tokens on, waits until it is
# ready (GET /actuator/health/readiness answers 200: /actuator needs no token), then checks once that a local token
# is accepted (an auditor's GET of an unknown prescription answers 404).
# Arguments: the run jar's name under $OUT, then any extra application arguments.
# BENCH_APP_JAVA_OPTS: extra JVM options for the exchange (e.g. -Xlog:gc:file=target/bench/gc.log).
start_exchange() {
    local run_jar_name="$1"
    shift
    port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
    PORT=""
    for _ in $(seq 1 50); do
        local candidate=$(( 20000 + RANDOM % 20000 ))
        if ! port_in_use "$candidate"; then PORT="$candidate"; break; fi
    done
    [[ -n "$PORT" ]] || { echo "no free port found" >&2; exit 1; }

    # The exchange runs from a copy of the jar: a rebuild during the run cannot change it, and a careless
    # "pkill -f prescription-exchange.jar" elsewhere on the machine does not end the benchmark half way.
    RUN_JAR="$OUT/$run_jar_name"
    cp "$JAR" "$RUN_JAR"
    echo "starting the exchange ($JAR, run as $RUN_JAR) on 127.0.0.1:$PORT (log: $APP_LOG)"
    # shellcheck disable=SC2086
    AXONIQ_UPDATE_CHECKER_DISABLED=true java -Xmx1g ${BENCH_APP_JAVA_OPTS:-} -jar "$RUN_JAR" \
        --server.port="$PORT" \
        --server.address=127.0.0.1 \
        --spring.datasource.url="jdbc:postgresql://$PGHOST_:$PGPORT_/$DB" \
        --spring.datasource.username="$PGUSER_" \
        --exchange.exchange-code-key=benchmark-key-0123456789abcdef0123 \
        --exchange.scheduling.enabled=false \
        --exchange.security.local-tokens.enabled=true \
        --exchange.security.local-tokens.allow-with-external-database=true \
        "$@" \
        >"$APP_LOG" 2>&1 &
    APP_PID=$!

    BASE="http://127.0.0.1:$PORT/api/v1"
    local started
    started=$(date +%s)
    until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
            "http://127.0.0.1:$PORT/actuator/health/readiness" || true)" == 200 ]]; do
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

    local probe_token status
    probe_token="$(local_token '{"role":"AUDITOR","subject":"BENCH-PROBE"}')" || exit 1
    status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "Authorization: Bearer $probe_token" \
        "$BASE/prescriptions/00000000-0000-0000-0000-000000000000" || true)"
    if [[ "$status" != 404 ]]; then
        echo "with a local token, GET of an unknown prescription answered $status, not 404; last log lines:" >&2
        tail -n 40 "$APP_LOG" >&2
        exit 1
    fi
    echo "local tokens work (an auditor's GET of an unknown prescription answers 404)"
}

# Bulk-loads $1 patients (PAT-1 ... PAT-$1) x $2 courses each straight into course_record of $DB (what interaction
# checks and draft checks read, docs/alerts.md) and the same rows into the alert projection's medication_course, with
# drug codes from the catalogue CSV $3, in one INSERT ... SELECT ... FROM generate_series(...) each: started 0 to 119
# days ago, 14 to 90 days long (about half still running today), 70 % DISPENSED, else PLANNED, 200 institutions.
# Without their indexes the tables take the rows as a plain append; the indexes are built once afterwards (one sort
# each instead of $1 x $2 random B-tree insertions). Then VACUUM (FREEZE, ANALYZE) and CHECKPOINT, so that the run
# that follows neither sets hint bits on first reads nor competes with the checkpoint writing the load out: what a
# long-running database looks like. The other tables and the event store stay as they are.
load_courses() {
    local patients="$1" courses="$2" catalogue="$3" codes ncodes
    codes="$(awk -F, 'NR > 1 && NF > 1 { printf "%s\x27%s\x27", (n++ ? "," : ""), $1 }' "$catalogue")"
    ncodes="$(awk -F, 'NR > 1 && NF > 1' "$catalogue" | wc -l)"
    echo "loading $patients patients x $courses courses ($ncodes drug codes of $catalogue)"
    psql_db <<SQL
\\timing on
SET maintenance_work_mem = '1GB';
DROP INDEX course_record_prescription_course;
DROP INDEX course_record_record_course;
DROP INDEX course_record_patient_idx;
DROP INDEX medication_course_prescription_course;
DROP INDEX medication_course_record_course;
DROP INDEX medication_course_patient_idx;
INSERT INTO course_record (prescription_id, line_number, use_number, patient_id, drug_code, start_date, end_date,
                           status, institution_id, prescriber_id)
SELECT md5('bench-' || x.p || '-' || x.c)::uuid, 1, 1, 'PAT-' || x.p, x.drug, x.start, x.start + x.days - 1,
       CASE WHEN x.r < 0.7 THEN 'DISPENSED' ELSE 'PLANNED' END,
       'HOSP-' || lpad(x.inst::text, 3, '0'), 'DOC-' || lpad(x.inst::text, 3, '0') || '-' || x.doc
  FROM (SELECT p, c,
               (ARRAY[$codes])[1 + floor(random() * $ncodes)::int] AS drug,
               (ARRAY[14, 28, 30, 56, 90])[1 + floor(random() * 5)::int] AS days,
               current_date - floor(random() * 120)::int AS start,
               random() AS r,
               1 + floor(random() * 200)::int AS inst,
               1 + floor(random() * 5)::int AS doc
          FROM generate_series(1, $patients) AS p, generate_series(1, $courses) AS c) AS x;
INSERT INTO medication_course (prescription_id, line_number, use_number, patient_id, drug_code, start_date, end_date,
                               status, institution_id, prescriber_id)
SELECT prescription_id, line_number, use_number, patient_id, drug_code, start_date, end_date, status, institution_id,
       prescriber_id
  FROM course_record;
CREATE UNIQUE INDEX course_record_prescription_course ON course_record (prescription_id, line_number, use_number);
CREATE UNIQUE INDEX course_record_record_course ON course_record (dispensing_record_id, line_number, use_number);
CREATE INDEX course_record_patient_idx ON course_record (patient_id, end_date);
CREATE UNIQUE INDEX medication_course_prescription_course
    ON medication_course (prescription_id, line_number, use_number);
CREATE UNIQUE INDEX medication_course_record_course
    ON medication_course (dispensing_record_id, line_number, use_number);
CREATE INDEX medication_course_patient_idx ON medication_course (patient_id);
VACUUM (FREEZE, ANALYZE) course_record;
VACUUM (FREEZE, ANALYZE) medication_course;
CHECKPOINT;
SQL
}

# A store with history, for bench/run-rebuild.sh and bench/run-lifecycle.sh --stored-events. With the exchange running
# against $DB: a dozen real lifecycles through the API (the bench module's rebuild templates: issue, accept, dispense,
# refills, partial dispensing, substitution, cancellations, a release, an acknowledged alert, a consent), written to
# the file $1; then the exchange is stopped. Sets PROBE_ID (a template prescription an auditor can read).
store_templates() {
    local templates="$1"
    bench_client 256m rebuild templates --url "$BASE" --out "$templates"
    PROBE_ID="$(awk -F'\t' '$2 == "complete-amlodipine" {print $4}' "$templates")"
    # the templates' alerts and views are in place before the exchange stops (the answers waited for them)
    echo "$(psql_db -At -c 'SELECT count(*) FROM domainevententry') template events; the probe reads prescription $PROBE_ID"
    stop_exchange
}

# Clones the templates of file $1 in SQL (bench/rebuild-load.sql) until the store holds $2 events: new prescription
# ids, code hashes, event ids and alert ids, patients from a pool of (lifecycles / $5), institutions and pharmacies
# spread, dates moved across $4 days, a lifecycle's steps $3 hours apart in global order, one patient in $6 giving
# consent. Sets STORE_HEAD and STORE_COUNT; prints the time it took, the event types and the database's size.
clone_templates() {
    local templates="$1" events="$2" step_hours="$3" days="$4" patients_per="$5" consent_every="$6" lag started
    psql_db -c "CREATE TABLE rb_template (tid int PRIMARY KEY, name text NOT NULL, weight int NOT NULL,
                                          aggregate text NOT NULL, patient text NOT NULL)"
    psql_db -c "\\copy rb_template FROM '$templates'"
    # lifecycles per step: a step comes step_hours after the one before, lifecycles spread evenly over the days
    lag="$(awk -v e="$events" -v h="$step_hours" -v d="$days" 'BEGIN { l = int(e / 4.1 * h / (24 * d)); print (l < 1 ? 1 : l) }')"
    started="$(now)"
    psql_db -v events="$events" -v lag="$lag" -v days="$days" -v patients_per="$patients_per" \
        -v consent_every="$consent_every" -f "$ROOT/bench/rebuild-load.sql" 2>&1 \
        | grep -E '^(clone events|store head|Time: [0-9]{4,}[.])' || true
    psql_db -c "DROP TABLE rb_template"
    STORE_HEAD="$(psql_db -At -c 'SELECT max(globalindex) FROM domainevententry')"
    STORE_COUNT="$(psql_db -At -c 'SELECT count(*) FROM domainevententry')"
    echo "loaded: $STORE_COUNT events (head $STORE_HEAD) in $(since "$started") s (step lag $lag lifecycles)"
    psql_db -At -c "SELECT 'event types: ' || string_agg(t || ' ' || n, ', ' ORDER BY n DESC)
                      FROM (SELECT substring(payloadtype FROM '[^.]*$') t, count(*) n FROM domainevententry GROUP BY 1) x"
    echo "database size: $(psql_db -At -c "SELECT pg_size_pretty(pg_database_size(current_database()))")"
    echo "disk:          $(df -h "$ROOT" | awk 'NR == 2 {print $4 " free of " $2}')"
}

# Every segment of every tracking processor (both projections run in one, `projections`) set to the store's head
# ($STORE_HEAD), so that the live processors do not process the clones at startup; none left behind, or it would
# replay the whole store beside what is measured.
tokens_to_head() {
    local set_tokens
    set_tokens="$(psql_db -At -c "UPDATE tokenentry SET token = convert_to('{\"index\":$STORE_HEAD,\"gaps\":[]}', 'UTF8'),
                       tokentype = 'org.axonframework.eventhandling.GapAwareTrackingToken', owner = NULL
                 RETURNING processorname || ' segment ' || segment" | sort | paste -sd, -)"
    [[ -n "$set_tokens" ]] || { echo "no live processor's token to set to the head" >&2; exit 1; }
    echo "live processors' tokens set to the head ($STORE_HEAD): they do not process the clones ($set_tokens)"
}
