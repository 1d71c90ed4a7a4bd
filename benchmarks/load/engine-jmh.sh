#!/usr/bin/env bash
# The engine hot-path benchmark of issue #3 (RequestObservationBenchmark), run RUNS times in a row. Each run measures
# every benchmark (the engine, the naive composition, the baseline) once, so that the ratios of a run compare
# measurements taken minutes apart at most; the summary gives per-run ratios and their median. On a shared, noisy
# machine the absolute times move from run to run; the ratios and the bytes per request much less.
#
#   benchmarks/load/engine-jmh.sh                 # 5 runs, about 9 minutes
#   RUNS=1 JMH_OPTS='-wi 1 -w 1s -i 2 -r 1s' benchmarks/load/engine-jmh.sh    # a quick look
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java benchmarks/load/engine-jmh.sh
#
# Build first: mvn -B -ntp -pl benchmarks -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-5}
JAVA=${JAVA:-java}
OUT=${OUT:-benchmarks/target/engine-jmh}
JMH_OPTS=${JMH_OPTS:--wi 3 -w 1s -i 5 -r 1s}
mkdir -p "$OUT"
rm -f "$OUT"/run-*.json "$OUT"/run-*.log
for i in $(seq 1 "$RUNS"); do
  echo "run $i/$RUNS (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  # shellcheck disable=SC2086
  "$JAVA" -jar benchmarks/target/benchmarks.jar 'io.scanium.telemetry.benchmarks.engine.RequestObservationBenchmark' \
    -prof gc -f 1 $JMH_OPTS -rf json -rff "$OUT/run-$i.json" > "$OUT/run-$i.log" 2>&1
done
python3 benchmarks/load/engine-jmh-summary.py "$OUT"
