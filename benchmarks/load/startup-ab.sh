#!/usr/bin/env bash
# Startup of two builds of the load servers, A/B: PAIRS interleaved starts of one server mode from each build
# (first-200.py: milliseconds from the JVM's launch to its first 200, CPU by then, RSS IDLE seconds later, live heap),
# then the medians and the per-pair differences (B - A). Used to measure a change to what install does.
#
#   cp benchmarks/target/benchmarks.jar /tmp/before.jar      # before the change
#   mvn -B -ntp -pl benchmarks -am package -DskipTests       # after it
#   benchmarks/load/startup-ab.sh /tmp/before.jar benchmarks/target/benchmarks.jar            # servlet otlp, 8 pairs
#   PAIRS=12 benchmarks/load/startup-ab.sh A.jar B.jar vertx off
#
# Settings (environment): PAIRS=8 IDLE=1 (s) JAVA=java. The servers are configured as in http-wrk.sh (every span
# sampled, logs not exported, the OTLP receiver of build B on 127.0.0.1).
set -euo pipefail
A=${1:?usage: $0 A.jar B.jar [servlet|vertx] [none|off|noop|otlp]}
B=${2:?usage: $0 A.jar B.jar [servlet|vertx] [none|off|noop|otlp]}
ADAPTER=${3:-servlet}
MODE=${4:-otlp}
PAIRS=${PAIRS:-8}
IDLE=${IDLE:-1}
JAVA=${JAVA:-java}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
case "$ADAPTER" in
  servlet) MAIN=io.scanium.telemetry.benchmarks.servlet.ServletLoadServer; EXTRA_OPTS="" ;;
  vertx)
    MAIN=io.scanium.telemetry.benchmarks.vertx.VertxLoadServer
    EXTRA_OPTS="-Dio.opentelemetry.context.contextStorageProvider=io.scanium.telemetry.vertx.ScaniumVertxContextStorageProvider"
    ;;
  *) echo "unknown adapter $ADAPTER (servlet or vertx)" >&2; exit 2 ;;
esac
PORT=18070
SINK_PORT=18079
WORK=$(mktemp -d)
"$JAVA" -Xmx128m -cp "$B" io.scanium.telemetry.benchmarks.OtlpSink "$SINK_PORT" discard >"$WORK/sink.log" 2>&1 &
SINK=$!
trap 'kill $SINK 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do grep -q '^READY' "$WORK/sink.log" 2>/dev/null && break; sleep 0.1; done
env_for_mode=(OTEL_SERVICE_NAME="$ADAPTER-startup-$MODE" OTEL_TRACES_SAMPLER=always_on OTEL_LOGS_EXPORTER=none
  OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$SINK_PORT" SCANIUM_METRICS_PORT=$((PORT + 100)))
if [ "$MODE" = off ] || [ "$MODE" = noop ]; then
  env_for_mode+=(OTEL_TRACES_EXPORTER=none)
fi
printf 'pair\tbuild\tfirst_200_ms\tidle_rss_mb\tcpu_to_first_200_ms\tlive_heap_mb\n' >"$WORK/rows.tsv"
echo "startup A/B: $ADAPTER $MODE, $PAIRS pairs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for pair in $(seq 1 "$PAIRS"); do
  for build in A B; do
    jar=$A; [ "$build" = B ] && jar=$B
    # shellcheck disable=SC2086
    read -r ms rss cpu heap < <(env "${env_for_mode[@]}" python3 "$ROOT/benchmarks/load/first-200.py" "$PORT" \
      "$WORK/server.log" "$IDLE" "$JAVA" -Xms256m -Xmx256m $EXTRA_OPTS -cp "$jar" "$MAIN" "$MODE" "$PORT")
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$pair" "$build" "$ms" "$rss" "$cpu" "$heap" | tee -a "$WORK/rows.tsv"
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$WORK/rows.tsv" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
cols = ["first_200_ms", "cpu_to_first_200_ms", "idle_rss_mb", "live_heap_mb"]
by = {b: [r for r in rows if r["build"] == b] for b in ("A", "B")}
print("| | " + " | ".join(cols) + " |")
print("|---|" + "---|" * len(cols))
for b in ("A", "B"):
    print(f"| {b} | " + " | ".join(f"{statistics.median(float(r[c]) for r in by[b]):,.1f}" for c in cols) + " |")
diffs = {c: [float(b[c]) - float(a[c]) for a, b in zip(by["A"], by["B"])] for c in cols}
print("| B - A, median per pair | " + " | ".join(f"{statistics.median(diffs[c]):+,.1f}" for c in cols) + " |")
print("| pairs where B is lower | " + " | ".join(f"{sum(d < 0 for d in diffs[c])} of {len(diffs[c])}" for c in cols) + " |")
PY
