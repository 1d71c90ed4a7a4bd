#!/usr/bin/env bash
# The race: a hello-world server without telemetry, with the OpenTelemetry Java agent, and with this library, measured
# interleaved in one run: throughput and server CPU per request under wrk, time from launch to the first 200, idle
# RSS and RSS under load. Every figure the summary prints is a ratio to none (plain) or to agent, taken within a
# round (the runs of a round are seconds apart), then the median over the rounds.
#
#   benchmarks/load/http-wrk.sh servlet     # Jetty 12 hello-world servlet (benchmarks.servlet.ServletLoadServer)
#   benchmarks/load/http-wrk.sh vertx       # Vert.x 5 hello-world router (benchmarks.vertx.VertxLoadServer)
#
# Needs benchmarks/target/benchmarks.jar and benchmarks/target/agent/opentelemetry-javaagent.jar
# (mvn -B -ntp -pl benchmarks -am package -DskipTests), wrk (Debian package wrk) and python3. One server per mode
# runs on 127.0.0.1, configured as a service is, by environment variables (io.scanium.telemetry.benchmarks.LoadModes);
# every span is sampled (OTEL_TRACES_SAMPLER=always_on) and logs are not exported (OTEL_LOGS_EXPORTER=none):
#   none   no instrumentation (the baseline, "plain")
#   agent  the OpenTelemetry Java agent (-javaagent, the version the agent tests pin) alone: every span exported over
#          OTLP/HTTP to the same receiver as otlp; its metrics exported there too, every 60 s (its defaults)
#   off    the library with OTEL_TRACES_EXPORTER=none: metrics, trace context propagated, no span created
#   noop   the library, every span created and sampled, through a batch span processor into an exporter that
#          discards it
#   otlp   the library, every span exported over OTLP/HTTP to a receiver in another process (OtlpSink)
# The library's modes run with its defaults otherwise: scrape server on (each on a port of its own), startup report
# printed, startup probe of the collector.
# First STARTS rounds start each server alone, in rotating order: milliseconds from the JVM's launch to its first 200 on
# /hello (polled every 5 ms), the CPU the JVM had used by then (all its threads: on a machine shared with other work,
# the steadier figure), its RSS IDLE seconds later and then its live heap (after a full GC; first-200.py; the default 6
# s is past the batch span processor's 5 s schedule, so the first span has been exported and the exporter's HTTP client
# built). Then all servers run side by side, are warmed up (the exporting ones longer: their export path runs once per
# batch of spans, so the JIT reaches it last), and RUNS rounds run one wrk per server, the order rotating each round.
# Server CPU comes from /proc/<pid>/stat (utime+stime, the JIT, GC and exporter threads included) before and after each
# wrk run, divided by the requests wrk saw completed; RSS under load is VmRSS right after each run. Each server's
# threads' CPU is read before the first round and after the last, and summed by kind (request threads, span export, JIT,
# GC: thread-cpu.py).
# Settings (environment): RUNS=11 (0: the starts only) STARTS=3 IDLE=6 (s) DURATION=5 (s) WARMUP=30 (s) WARMUP_EXPORT=120 (s)
#   CONNECTIONS=16 JAVA=java MODES="none agent off noop otlp"  SINK=discard (or decode: the receiver decodes every
#   export with the OTLP protobuf classes, taking CPU from the server on a 2-core machine)  PIN=0 (1: each server JVM
#   on CPU 0, wrk and the receiver on CPU 1)  JAR=benchmarks/target/benchmarks.jar
#   AGENT=benchmarks/target/agent/opentelemetry-javaagent.jar. Any other OTEL_* or SCANIUM_* variable, and
#   JAVA_TOOL_OPTIONS (system properties), reach every server as they would reach a service, e.g.
#   OTEL_BSP_MAX_EXPORT_BATCH_SIZE=2048 OTEL_BSP_MAX_QUEUE_SIZE=8192; the mode's own settings above win.
set -euo pipefail

ADAPTER=${1:-}
case "$ADAPTER" in
  servlet) MAIN=io.scanium.telemetry.benchmarks.servlet.ServletLoadServer; BASE_PORT=18080; EXTRA_OPTS="" ;;
  vertx)
    MAIN=io.scanium.telemetry.benchmarks.vertx.VertxLoadServer; BASE_PORT=18090
    # An application with a second ContextStorageProvider on its class path (this jar has the SDK testing
    # module's) must name the adapter's, or OpenTelemetry falls back to thread-locals. (Under the agent, the
    # application's OpenTelemetry API is the agent's bridge: the property changes nothing there.)
    EXTRA_OPTS="-Dio.opentelemetry.context.contextStorageProvider=io.scanium.telemetry.vertx.ScaniumVertxContextStorageProvider"
    ;;
  *) echo "usage: $0 servlet|vertx" >&2; exit 2 ;;
esac

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=${JAR:-$ROOT/benchmarks/target/benchmarks.jar}
AGENT=${AGENT:-$ROOT/benchmarks/target/agent/opentelemetry-javaagent.jar}
JAVA=${JAVA:-java}
RUNS=${RUNS:-11}
STARTS=${STARTS:-3}
IDLE=${IDLE:-6}
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-30}
WARMUP_EXPORT=${WARMUP_EXPORT:-120}
CONNECTIONS=${CONNECTIONS:-16}
PIN=${PIN:-0}
SINK=${SINK:-discard}
read -r -a MODES <<<"${MODES:-none agent off noop otlp}"
HEAP="-Xms256m -Xmx256m"
SINK_PORT=$((BASE_PORT + 9))
BUILD="mvn -B -ntp -pl benchmarks -am package -DskipTests"

[ -f "$JAR" ] || { echo "missing $JAR: build it first ($BUILD)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk not found (Debian package wrk)" >&2; exit 2; }
[ "${MODES[0]}" = none ] || { echo "MODES must start with none, the baseline" >&2; exit 2; }
for mode in "${MODES[@]}"; do
  case "$mode" in
    none|off|noop|otlp) ;;
    agent) [ -f "$AGENT" ] || { echo "missing $AGENT: build it first ($BUILD)" >&2; exit 2; } ;;
    *) echo "unknown mode $mode" >&2; exit 2 ;;
  esac
done

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

rss_mb() { # pid -> resident set in MB
  awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"
}

declare -A PORT
i=0
for mode in "${MODES[@]}"; do
  PORT[$mode]=$((BASE_PORT + i))
  i=$((i + 1))
done

# What a deployment of each mode sets: environment variables (and -javaagent for the agent). The caller's own
# OTEL_*/SCANIUM_* variables are inherited; these win.
server_cmd() { # mode -> the env + java command line of its server
  local mode=$1 opts="$HEAP $EXTRA_OPTS"
  local -a env=(OTEL_SERVICE_NAME="$ADAPTER-load-$mode" OTEL_TRACES_SAMPLER=always_on OTEL_LOGS_EXPORTER=none
    OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$SINK_PORT")
  case "$mode" in
    agent) opts="$opts -javaagent:$AGENT" ;;
    off|noop) env+=(OTEL_TRACES_EXPORTER=none SCANIUM_METRICS_PORT=$((PORT[$mode] + 100))) ;;
    otlp) env+=(SCANIUM_METRICS_PORT=$((PORT[$mode] + 100))) ;;
  esac
  # shellcheck disable=SC2086
  echo env "${env[@]}" $(pin 0) "$JAVA" $opts -cp "$JAR" "$MAIN" "$mode" "${PORT[$mode]}"
}

# shellcheck disable=SC2046
$(pin 1) "$JAVA" $HEAP -cp "$JAR" io.scanium.telemetry.benchmarks.OtlpSink "$SINK_PORT" "$SINK" \
  >"$WORK/sink.log" 2>&1 &
STARTED+=($!)
await_ready "$WORK/sink.log" "the OTLP receiver"

N=${#MODES[@]}
STARTUP=$WORK/startup.tsv
printf 'round\tmode\tfirst_200_ms\tidle_rss_mb\tcpu_to_first_200_ms\tlive_heap_mb\n' >"$STARTUP"
for round in $(seq 1 "$STARTS"); do
  echo "start $round/$STARTS (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  for i in $(seq 0 $((N - 1))); do
    mode=${MODES[$(( (i + round) % N ))]}
    # shellcheck disable=SC2046
    read -r ms rss cpu heap < <(python3 "$ROOT/benchmarks/load/first-200.py" "${PORT[$mode]}" "$WORK/$mode-start.log" "$IDLE" \
      $(server_cmd "$mode"))
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$mode" "$ms" "$rss" "$cpu" "$heap" | tee -a "$STARTUP"
  done
done

if [ "$RUNS" = 0 ]; then
  echo
  echo "$ADAPTER, $(date -u +%F), $("$JAVA" -version 2>&1 | head -n 1), load average $(cut -d' ' -f1-3 /proc/loadavg)" \
    "at the end: $STARTS starts, no wrk rounds (RUNS=0)"
  python3 "$ROOT/benchmarks/load/race-summary.py" /dev/null "$STARTUP" "${MODES[@]}"
  mkdir -p "$ROOT/benchmarks/target"
  cp "$STARTUP" "$ROOT/benchmarks/target/http-wrk-$ADAPTER-startup.tsv"
  exit 0
fi

declare -A PID
for mode in "${MODES[@]}"; do
  # shellcheck disable=SC2046
  $(server_cmd "$mode") >"$WORK/$mode.log" 2>&1 &
  PID[$mode]=$!
  STARTED+=($!)
done
for mode in "${MODES[@]}"; do
  # The agent prints its own lines first; the server prints READY once it serves.
  await_ready "$WORK/$mode.log" "the $mode server"
  grep -h '^READY' "$WORK/$mode.log"
done

run_wrk() { # mode seconds -> "requests cpu_ticks req_per_s rss_mb"
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
  echo "$requests $((after - before)) $rps $(rss_mb "${PID[$mode]}")"
}

for mode in "${MODES[@]}"; do
  seconds=$WARMUP
  case "$mode" in agent|otlp) seconds=$WARMUP_EXPORT ;; esac
  echo "warm-up: $mode ${seconds}s"
  run_wrk "$mode" "$seconds" >/dev/null
done

for mode in "${MODES[@]}"; do
  python3 "$ROOT/benchmarks/load/thread-cpu.py" snapshot "${PID[$mode]}" >"$WORK/$mode-before.tsv"
done
RESULTS=$WORK/results.tsv
printf 'round\tmode\trequests\treq_per_s\tcpu_us_per_req\trss_mb\n' >"$RESULTS"
for round in $(seq 1 "$RUNS"); do
  echo "round $round/$RUNS (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  for i in $(seq 0 $((N - 1))); do
    mode=${MODES[$(( (i + round) % N ))]}
    read -r requests ticks rps rss < <(run_wrk "$mode" "$DURATION")
    cpu=$(awk -v t="$ticks" -v hz="$CLK_TCK" -v n="$requests" 'BEGIN {printf "%.2f", t * 1e6 / hz / n}')
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$mode" "$requests" "$rps" "$cpu" "$rss" | tee -a "$RESULTS"
  done
done

for mode in "${MODES[@]}"; do
  python3 "$ROOT/benchmarks/load/thread-cpu.py" snapshot "${PID[$mode]}" >"$WORK/$mode-after.tsv"
done
for mode in "${MODES[@]:1}"; do
  kill "${PID[$mode]}"
  wait "${PID[$mode]}" 2>/dev/null || true
  echo "$mode server: $(grep -h 'spans exported' "$WORK/$mode.log" || echo 'spans: not counted')"
done
echo "receiver: $(tail -n 1 "$WORK/sink.log")"
echo
echo "$ADAPTER, $(date -u +%F), $("$JAVA" -version 2>&1 | head -n 1), load average $(cut -d' ' -f1-3 /proc/loadavg)" \
  "at the end: $RUNS rounds of wrk -t1 -c$CONNECTIONS -d${DURATION}s, $STARTS starts (PIN=$PIN SINK=$SINK)"
python3 "$ROOT/benchmarks/load/race-summary.py" "$RESULTS" "$STARTUP" "${MODES[@]}"
echo
echo "server CPU by kind of thread over all rounds (thread-cpu.py):"
python3 "$ROOT/benchmarks/load/thread-cpu.py" table "$RESULTS" "$WORK" "${MODES[@]}"
mkdir -p "$ROOT/benchmarks/target"
cp "$RESULTS" "$ROOT/benchmarks/target/http-wrk-$ADAPTER.tsv"
cp "$STARTUP" "$ROOT/benchmarks/target/http-wrk-$ADAPTER-startup.tsv"
echo "per-run rows: benchmarks/target/http-wrk-$ADAPTER.tsv, benchmarks/target/http-wrk-$ADAPTER-startup.tsv"
