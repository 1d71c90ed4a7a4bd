#!/usr/bin/env bash
# Runs one JMH benchmark class RUNS times in a row with -prof gc, each run into OUT/run-N.json and run-N.log, then
# summarises the runs with a script given the output folder. Used by engine-jmh.sh and adapters-jmh.sh: every run
# measures every benchmark of the class once, so that the ratios of a run compare measurements minutes apart at most.
#
#   benchmarks/load/jmh-runs.sh <benchmark class> <summary script> <default output folder>
#
# RUNS, JAVA, OUT and JMH_OPTS as the calling scripts describe; JAR, another build's benchmarks.jar (a copy kept from
# before a change, for a before/after comparison). Run from anywhere; paths are the repository's.
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCHMARK=$1
SUMMARY=$2
RUNS=${RUNS:-5}
JAVA=${JAVA:-java}
OUT=${OUT:-$3}
JMH_OPTS=${JMH_OPTS:--wi 3 -w 1s -i 5 -r 1s}
JAR=${JAR:-benchmarks/target/benchmarks.jar}
mkdir -p "$OUT"
rm -f "$OUT"/run-*.json "$OUT"/run-*.log
for i in $(seq 1 "$RUNS"); do
  echo "run $i/$RUNS (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  # shellcheck disable=SC2086
  "$JAVA" -jar "$JAR" "$BENCHMARK" \
    -prof gc -f 1 $JMH_OPTS -rf json -rff "$OUT/run-$i.json" > "$OUT/run-$i.log" 2>&1
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$SUMMARY" "$OUT"
