#!/usr/bin/env bash
# Load run of an HTTP adapter: throughput and server CPU per request, uninstrumented against instrumented, measured
# interleaved in the same run.
#
#   benchmarks/load/http-wrk.sh servlet     # Jetty 12 hello-world servlet (benchmarks.servlet.ServletLoadServer)
#   benchmarks/load/http-wrk.sh vertx       # Vert.x 5 hello-world router (benchmarks.vertx.VertxLoadServer)
#
# Needs benchmarks/target/benchmarks.jar (mvn -B -q install -DskipTests) and wrk. One server per mode runs on
# 127.0.0.1 (io.scanium.telemetry.benchmarks.LoadModes):
#   none  no instrumentation (the baseline)
#   off   the adapter with OTEL_TRACES_EXPORTER=none: metrics, trace context propagated, no span created
#   noop  the adapter, every span created and sampled, through a batch span processor into an exporter that
#         discards it
#   otlp  the adapter, every span exported over OTLP/HTTP to a receiver in another process (OtlpSink)
# Each server is warmed up (the otlp one longer: its export path runs once per batch of spans, so the JIT reaches
# it last), then RUNS rounds run one wrk per server, the order rotating each round. Server CPU comes from
# /proc/<pid>/stat (utime+stime, the JIT and GC threads included) before and after each wrk run, divided by the
# requests wrk saw completed. The summary gives medians and, per mode, the ratio of medians to none's.
#
# Settings (environment): RUNS=15 DURATION=5 (s) WARMUP=30 (s) WARMUP_OTLP=120 (s) CONNECTIONS=16 JAVA=java
#   MODES="none off noop otlp"  SINK=discard (or decode: the receiver decodes every export with the OTLP protobuf
#   classes, taking CPU from the server on a 2-core machine)  PIN=0 (1: each server JVM on CPU 0, wrk and the
#   receiver on CPU 1, so that the load generator never takes the server's core)  JAR=benchmarks/target/benchmarks.jar
#   OTEL_BSP_* (e.g. OTEL_BSP_MAX_QUEUE_SIZE=16384) reach the servers' batch span processors.
set -euo pipefail

ADAPTER=${1:-}
case "$ADAPTER" in
  servlet) MAIN=io.scanium.telemetry.benchmarks.servlet.ServletLoadServer; BASE_PORT=18080; EXTRA_OPTS="" ;;
  vertx)
    MAIN=io.scanium.telemetry.benchmarks.vertx.VertxLoadServer; BASE_PORT=18090
    # An application with a second ContextStorageProvider on its class path (this jar has the SDK testing
    # module's) must name the adapter's, or OpenTelemetry falls back to thread-locals.
    EXTRA_OPTS="-Dio.opentelemetry.context.contextStorageProvider=io.scanium.telemetry.vertx.ScaniumVertxContextStorageProvider"
    ;;
  *) echo "usage: $0 servlet|vertx" >&2; exit 2 ;;
esac

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=${JAR:-$ROOT/benchmarks/target/benchmarks.jar}
JAVA=${JAVA:-java}
RUNS=${RUNS:-15}
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-30}
WARMUP_OTLP=${WARMUP_OTLP:-120}
CONNECTIONS=${CONNECTIONS:-16}
PIN=${PIN:-0}
SINK=${SINK:-discard}
read -r -a MODES <<<"${MODES:-none off noop otlp}"
HEAP="-Xms256m -Xmx256m"
SINK_PORT=$((BASE_PORT + 9))

[ -f "$JAR" ] || { echo "missing $JAR: build it first (mvn -B -q install -DskipTests)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk not found (Debian package wrk)" >&2; exit 2; }
[ "${MODES[0]}" = none ] || { echo "MODES must start with none, the baseline" >&2; exit 2; }

WORK=$(mktemp -d)
CLK_TCK=$(getconf CLK_TCK)
STARTED=()
cleanup() {
  for pid in "${STARTED[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${STARTED[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

pin() { # cpu -> command prefix
  if [ "$PIN" = 1 ]; then echo "taskset -c $1"; fi
}

await_ready() { # log file, what
  for _ in $(seq 1 600); do
    grep -q '^READY' "$1" 2>/dev/null && return 0
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
$(pin 1) "$JAVA" $HEAP -cp "$JAR" io.scanium.telemetry.benchmarks.OtlpSink "$SINK_PORT" "$SINK" \
  >"$WORK/sink.log" 2>&1 &
STARTED+=($!)
await_ready "$WORK/sink.log" "the OTLP receiver"

declare -A PID PORT
i=0
for mode in "${MODES[@]}"; do
  PORT[$mode]=$((BASE_PORT + i))
  i=$((i + 1))
  # shellcheck disable=SC2046,SC2086
  $(pin 0) "$JAVA" $HEAP $EXTRA_OPTS -cp "$JAR" "$MAIN" "$mode" "${PORT[$mode]}" "http://127.0.0.1:$SINK_PORT" \
    >"$WORK/$mode.log" 2>&1 &
  PID[$mode]=$!
  STARTED+=($!)
done
for mode in "${MODES[@]}"; do
  await_ready "$WORK/$mode.log" "the $mode server"
  grep -h '^READY' "$WORK/$mode.log"
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

for mode in "${MODES[@]}"; do
  seconds=$WARMUP
  [ "$mode" = otlp ] && seconds=$WARMUP_OTLP
  echo "warm-up: $mode ${seconds}s"
  run_wrk "$mode" "$seconds" >/dev/null
done

N=${#MODES[@]}
RESULTS=$WORK/results.tsv
printf 'round\tmode\trequests\treq_per_s\tcpu_us_per_req\n' >"$RESULTS"
for round in $(seq 1 "$RUNS"); do
  echo "round $round/$RUNS (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  for i in $(seq 0 $((N - 1))); do
    mode=${MODES[$(( (i + round) % N ))]}
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
echo "$ADAPTER: median of $RUNS runs each (wrk -t1 -c$CONNECTIONS -d${DURATION}s, interleaved; PIN=$PIN SINK=$SINK)"
printf '%-5s %12s %16s\n' mode req/s 'cpu us/req'
for mode in "${MODES[@]}"; do
  printf '%-5s %12s %16s\n' "$mode" "$(median "$mode" 4)" "$(median "$mode" 5)"
done
base_rps=$(median none 4)
base_cpu=$(median none 5)
for mode in "${MODES[@]:1}"; do
  awk -v r="$(median "$mode" 4)" -v b="$base_rps" -v c="$(median "$mode" 5)" -v bc="$base_cpu" -v m="$mode" \
    'BEGIN {printf "%s: throughput %.3fx of none, server CPU %+.2f us/request (medians)\n", m, r / b, c - bc}'
done
# The same within each round (its runs are at most a few tens of seconds apart, so a machine that slows down for a
# while moves both sides of a ratio), then the median over the rounds: the steadier figure on a shared machine.
echo "per-round ratios, median over the rounds (min..max):"
python3 - "$RESULTS" "${MODES[@]:1}" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
by = {(r["round"], r["mode"]): r for r in rows}
for mode in sys.argv[2:]:
    ratios, deltas = [], []
    for (rnd, m), r in by.items():
        base = by.get((rnd, "none"))
        if m == mode and base:
            ratios.append(float(r["req_per_s"]) / float(base["req_per_s"]))
            deltas.append(float(r["cpu_us_per_req"]) - float(base["cpu_us_per_req"]))
    print(f"{mode}: throughput {statistics.median(ratios):.3f}x ({min(ratios):.3f}..{max(ratios):.3f}),"
          f" server CPU {statistics.median(deltas):+.2f} us/request ({min(deltas):+.2f}..{max(deltas):+.2f})")
PY

for mode in "${MODES[@]:1}"; do
  kill "${PID[$mode]}"
  wait "${PID[$mode]}" 2>/dev/null || true
  echo "$mode server: $(grep -h 'spans exported' "$WORK/$mode.log" || echo 'spans: unknown')"
done
echo "receiver: $(tail -n 1 "$WORK/sink.log")"
mkdir -p "$ROOT/benchmarks/target"
cp "$RESULTS" "$ROOT/benchmarks/target/http-wrk-$ADAPTER.tsv"
echo "per-run rows: benchmarks/target/http-wrk-$ADAPTER.tsv"
