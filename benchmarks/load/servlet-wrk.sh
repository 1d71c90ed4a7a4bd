#!/usr/bin/env bash
# Load run of the servlet filter on Jetty 12: throughput and server CPU per request, uninstrumented against
# instrumented, measured interleaved in the same run.
#
#   benchmarks/load/servlet-wrk.sh            (from anywhere; builds nothing)
#
# Needs benchmarks/target/benchmarks.jar (mvn -pl benchmarks -am package) and wrk. Three servers run side by side
# on 127.0.0.1 (io.scanium.telemetry.benchmarks.servlet.ServletLoadServer):
#   none  no instrumentation (the baseline)
#   noop  the filter; spans created and sampled, exported nowhere (OTEL_TRACES_EXPORTER=none)
#   otlp  the filter; every span exported over OTLP/HTTP to an OtlpReceiver in another process (OtlpSink)
# Each is warmed up, then RUNS rounds run one wrk per server, the order rotating each round. Server CPU comes from
# /proc/<pid>/stat (utime+stime) before and after each wrk run, divided by the requests wrk saw completed.
#
# Settings (environment): RUNS=5 DURATION=10 (s) WARMUP=10 (s) CONNECTIONS=16 JAVA=java PIN=0
#   PIN=1 pins each server JVM to CPU 0 and wrk and the receiver to CPU 1 (2-core machines), so that the
#   load generator never takes the server's core.
#   OTEL_BSP_* (e.g. OTEL_BSP_MAX_QUEUE_SIZE=16384 OTEL_BSP_MAX_EXPORT_BATCH_SIZE=2048) reach the otlp server's
#   batch span processor; the SDK's defaults otherwise.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$ROOT/benchmarks/target/benchmarks.jar
JAVA=${JAVA:-java}
RUNS=${RUNS:-5}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-10}
CONNECTIONS=${CONNECTIONS:-16}
PIN=${PIN:-0}
HEAP="-Xms256m -Xmx256m"
MODES=(none noop otlp)
declare -A PORT=([none]=18081 [noop]=18082 [otlp]=18083)
SINK_PORT=18317

[ -f "$JAR" ] || { echo "missing $JAR: build it first (mvn -B -q -pl benchmarks -am package -DskipTests)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk not found" >&2; exit 2; }

WORK=$(mktemp -d)
CLK_TCK=$(getconf CLK_TCK)
STARTED=()
cleanup() {
  for pid in "${STARTED[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

pin() { # cpu -> command prefix
  if [ "$PIN" = 1 ]; then echo "taskset -c $1"; fi
}

await_ready() { # log file, what
  for _ in $(seq 1 600); do
    grep -q '^READY' "$1" && return 0
    sleep 0.1
  done
  echo "$2 did not start; its output:" >&2
  cat "$1" >&2
  exit 1
}

cpu_ticks() { # pid -> utime+stime in clock ticks
  awk '{print $14 + $15}' "/proc/$1/stat"
}

# shellcheck disable=SC2046
$(pin 1) "$JAVA" $HEAP -cp "$JAR" io.scanium.telemetry.benchmarks.OtlpSink "$SINK_PORT" \
  >"$WORK/sink.log" 2>&1 &
STARTED+=($!)
await_ready "$WORK/sink.log" "the OTLP receiver"

declare -A PID
for mode in "${MODES[@]}"; do
  # shellcheck disable=SC2046
  $(pin 0) "$JAVA" $HEAP -cp "$JAR" io.scanium.telemetry.benchmarks.servlet.ServletLoadServer \
    "$mode" "${PORT[$mode]}" "http://127.0.0.1:$SINK_PORT" >"$WORK/$mode.log" 2>&1 &
  PID[$mode]=$!
  STARTED+=($!)
done
for mode in "${MODES[@]}"; do
  await_ready "$WORK/$mode.log" "the $mode server"
done

run_wrk() { # mode seconds -> "requests cpu_ticks req_per_s"
  local mode=$1 seconds=$2 before after out requests rps
  before=$(cpu_ticks "${PID[$mode]}")
  # shellcheck disable=SC2046
  out=$($(pin 1) wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" "http://127.0.0.1:${PORT[$mode]}/hello")
  after=$(cpu_ticks "${PID[$mode]}")
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  rps=$(echo "$out" | awk '/^Requests\/sec:/ {print $2}')
  if echo "$out" | grep -q 'Non-2xx\|Socket errors'; then
    echo "wrk reported errors for $mode:" >&2
    echo "$out" >&2
  fi
  echo "$requests $((after - before)) $rps"
}

echo "warm-up: ${WARMUP}s per server"
for mode in "${MODES[@]}"; do
  run_wrk "$mode" "$WARMUP" >/dev/null
done

RESULTS=$WORK/results.tsv
printf 'round\tmode\trequests\treq_per_s\tcpu_us_per_req\n' >"$RESULTS"
for round in $(seq 1 "$RUNS"); do
  for i in 0 1 2; do
    mode=${MODES[$(( (i + round) % 3 ))]}
    read -r requests ticks rps < <(run_wrk "$mode" "$DURATION")
    cpu=$(awk -v t="$ticks" -v hz="$CLK_TCK" -v n="$requests" 'BEGIN {printf "%.2f", t * 1e6 / hz / n}')
    printf '%s\t%s\t%s\t%s\t%s\n' "$round" "$mode" "$requests" "$rps" "$cpu" | tee -a "$RESULTS"
  done
done

median() { # mode column -> median
  awk -F'\t' -v m="$1" -v c="$2" 'NR > 1 && $2 == m {print $c}' "$RESULTS" | sort -g \
    | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

echo
echo "median of $RUNS runs each (wrk -t1 -c$CONNECTIONS -d${DURATION}s, interleaved; PIN=$PIN)"
printf '%-5s %12s %16s\n' mode req/s 'cpu us/req'
for mode in "${MODES[@]}"; do
  printf '%-5s %12s %16s\n' "$mode" "$(median "$mode" 4)" "$(median "$mode" 5)"
done
base_rps=$(median none 4)
base_cpu=$(median none 5)
for mode in noop otlp; do
  awk -v r="$(median "$mode" 4)" -v b="$base_rps" -v c="$(median "$mode" 5)" -v bc="$base_cpu" -v m="$mode" \
    'BEGIN {printf "%s: throughput %.3fx of none, server CPU %+.2f us/request\n", m, r / b, c - bc}'
done

kill "${PID[otlp]}"
wait "${PID[otlp]}" 2>/dev/null || true
echo "otlp server: $(grep -h 'dropped spans' "$WORK/otlp.log" || echo 'dropped spans: unknown')"
echo "receiver: $(tail -n 1 "$WORK/sink.log")"
rm -rf "$WORK"
