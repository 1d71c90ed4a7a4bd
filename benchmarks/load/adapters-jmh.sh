#!/usr/bin/env bash
# The adapters' own cost per request (issue #17, AdapterBenchmark), run RUNS times in a row: the servlet adapter's
# getter and filter on a real Jetty 12 request, the Vert.x adapter's getter, wrapped handler and instrumented router
# on a real Vert.x 5 request, each against its baseline of the same run (a getter reading plain fields, the bare
# filter chain, handler or router, the engine driven with that plain getter). The summary gives per-run ratios and
# differences and their medians; on a shared, noisy machine the absolute times move from run to run, the bytes per
# request much less.
#
#   benchmarks/load/adapters-jmh.sh                 # 5 runs, about 12 minutes
#   RUNS=1 JMH_OPTS='-wi 1 -w 1s -i 2 -r 1s' benchmarks/load/adapters-jmh.sh    # a quick look
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java benchmarks/load/adapters-jmh.sh
#
# Build first: mvn -B -ntp -pl benchmarks -am package -DskipTests
set -euo pipefail
exec "$(dirname "$0")/jmh-runs.sh" 'io.scanium.telemetry.benchmarks.adapters.AdapterBenchmark' \
  benchmarks/load/adapters-jmh-summary.py benchmarks/target/adapters-jmh
