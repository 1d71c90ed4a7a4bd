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
exec "$(dirname "$0")/jmh-runs.sh" 'io.scanium.telemetry.benchmarks.engine.RequestObservationBenchmark' \
  benchmarks/load/engine-jmh-summary.py benchmarks/target/engine-jmh
