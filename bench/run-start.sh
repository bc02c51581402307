#!/usr/bin/env bash
# How fast the exchange starts on its embedded database, and how much memory it holds then (issue 17's start figures).
#   bench/run-start.sh [--runs 3] [--cds both|yes|no] [--build]
#
# For each way of starting it, --runs times: a first start on an empty data directory (initdb included), then a
# start on that now initialised directory; each timed from the launch of `java -jar` to the first 200 of
# GET /actuator/health, with the process's resident memory (RSS) at that moment, then stopped with SIGTERM.
# The ways: `plain` (java -jar the packaged jar) and `cds` (the jar extracted, with a class-data-sharing archive made
# for it by a training start, as docs/operations.md "Faster start" describes). Prints the medians as a Markdown table.
# BENCH_APP_JAR times another build; BENCH_APP_JAVA_OPTS adds JVM options to every start. Nothing asserts a figure.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

parse_options --runs RUNS=3 --cds WAYS=both -- "$@"
require_positive "$RUNS"
require_one_of --cds "$WAYS" both yes no
case "$WAYS" in both) WAYS="plain cds" ;; yes) WAYS="cds" ;; no) WAYS="plain" ;; esac

TS="$(date -u +%Y%m%d%H%M%S)"
OUT="$ROOT/target/bench/start-$TS"
mkdir -p "$OUT"
RESULT="$OUT/result.txt"
build_jar_if_needed
cp "$JAR" "$OUT/exchange.jar"

# The class-data-sharing archive for the jar in $1 (extracted beside it): the classes a training start loads
# (spring.context.exit=onRefresh stops it once the context is up), dumped without lambda proxies, whose dump
# crashes JDK 17's VM (a static archive of the classes themselves is what saves the time).
make_cds_archive() {
    local dir="$1"
    java -Djarmode=tools -jar "$OUT/exchange.jar" extract --destination "$dir" >/dev/null
    java -XX:DumpLoadedClassList="$dir/classes.lst" -Dspring.context.exit=onRefresh -jar "$dir/exchange.jar" \
        --exchange.embedded-database.directory="$OUT/training/postgres" \
        --exchange.embedded-database.port=$(( 30000 + RANDOM % 10000 )) \
        --exchange.security.local-tokens.enabled=true >"$OUT/training.log" 2>&1 || true
    # a training start ends without closing the application, so its PostgreSQL is still up: stop it (fast shutdown)
    local postmaster="$OUT/training/postgres/postmaster.pid"
    [[ ! -f "$postmaster" ]] || kill -INT "$(head -n 1 "$postmaster")" 2>/dev/null || true
    [[ -s "$dir/classes.lst" ]] || { echo "the training start listed no classes; see $OUT/training.log" >&2; exit 1; }
    grep -v '^@lambda-proxy' "$dir/classes.lst" >"$dir/classes-without-lambdas.lst"
    java -Xshare:dump -XX:SharedClassListFile="$dir/classes-without-lambdas.lst" \
        -XX:SharedArchiveFile="$dir/exchange.jsa" -jar "$dir/exchange.jar" >"$OUT/dump.log" 2>&1
    [[ -f "$dir/exchange.jsa" ]] || { echo "no archive made; see $OUT/dump.log" >&2; exit 1; }
}

# One start: prints "<seconds to healthy> <RSS in MB>". $1 way, $2 data directory, $3 log.
start_once() {
    local way="$1" data="$2" log="$3" port pgport t0 pid rss opts=()
    port=$(( 20000 + RANDOM % 10000 )); pgport=$(( 30000 + RANDOM % 10000 ))
    read -r -a opts <<<"${BENCH_APP_JAVA_OPTS:-}"
    t0="$(now)"
    if [[ "$way" == cds ]]; then
        java "${opts[@]+"${opts[@]}"}" -XX:SharedArchiveFile="$OUT/cds/exchange.jsa" -jar "$OUT/cds/exchange.jar" \
            --server.port="$port" --exchange.embedded-database.directory="$data" \
            --exchange.embedded-database.port="$pgport" --exchange.security.local-tokens.enabled=true >"$log" 2>&1 &
    else
        java "${opts[@]+"${opts[@]}"}" -jar "$OUT/exchange.jar" \
            --server.port="$port" --exchange.embedded-database.directory="$data" \
            --exchange.embedded-database.port="$pgport" --exchange.security.local-tokens.enabled=true >"$log" 2>&1 &
    fi
    pid=$!
    until curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health"; do
        kill -0 "$pid" 2>/dev/null || { echo "the exchange exited during its start; see $log" >&2; exit 1; }
        sleep 0.05
    done
    rss="$(awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$pid/status")"
    echo "$(since "$t0") $rss"
    kill "$pid"; wait "$pid" 2>/dev/null || true
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

{
    echo "=== machine ==="
    print_machine "bench/run-start.sh --runs $RUNS --cds $(echo "$WAYS" | sed 's/plain cds/both/; s/^cds$/yes/; s/^plain$/no/')"
    echo "note: nothing else should run; the start is CPU-bound and two CPUs are shared"
    echo
} | tee "$RESULT"

[[ "$WAYS" != *cds* ]] || { make_cds_archive "$OUT/cds"; echo "archive: $(du -h "$OUT/cds/exchange.jsa" | cut -f1)" | tee -a "$RESULT"; }

for way in $WAYS; do
    for run in $(seq 1 "$RUNS"); do
        data="$OUT/data-$way-$run/postgres"
        read -r first first_rss < <(start_once "$way" "$data" "$OUT/$way-$run-first.log")
        read -r again again_rss < <(start_once "$way" "$data" "$OUT/$way-$run-again.log")
        echo "$way run $run: first start $first s (RSS $first_rss MB), initialised $again s (RSS $again_rss MB)" \
            | tee -a "$RESULT"
        echo "$way $first $first_rss $again $again_rss" >>"$OUT/rows.txt"
        rm -rf "$OUT/data-$way-$run"
    done
done

{
    echo
    echo "--- Markdown (paste into docs/benchmarks.md) ---"
    echo "| Start | Runs | First start (initdb), median s | Initialised, median s | RSS when healthy, median MB |"
    echo "|---|---:|---:|---:|---:|"
    for way in $WAYS; do
        rows="$(grep "^$way " "$OUT/rows.txt")"
        echo "| $way | $RUNS | $(awk '{print $2}' <<<"$rows" | median) | $(awk '{print $4}' <<<"$rows" | median)" \
            "| $(awk '{print $5}' <<<"$rows" | median) |"
    done
    echo "--- end Markdown ---"
} | tee -a "$RESULT"
echo "result saved in $RESULT"
