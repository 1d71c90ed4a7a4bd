#!/usr/bin/env bash
# The telemetry proof in one command: builds what it needs, starts an example service (plain-jdk unless
# --example servlet-jetty|vertx-web) configured by environment variables only, sends traffic with errors, and
# prints PASS/FAIL for metrics, traces and logs. Exit code 0 only when every signal passed.
# Needs a JDK 17+ and Maven 3.8+. Options are passed to the proof: examples/demo.sh --help
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ "${SKIP_BUILD:-}" != "true" ]; then
  echo "Building the library and the examples (mvn install -DskipTests; the first build downloads dependencies)..." >&2
  mvn -B -q install -DskipTests -pl examples/proof -am
fi
exec java -jar examples/proof/target/proof.jar "$@"
