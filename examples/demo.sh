#!/usr/bin/env bash
# The telemetry proof in one command: builds what it needs, starts an example service (plain-jdk unless
# --example servlet-jetty|vertx-web) configured by environment variables only, sends traffic with errors, and
# prints PASS/FAIL for metrics, traces and logs. Exit code 0 only when every signal passed.
# Needs a JDK 17+ and Maven 3.8+. Options are passed to the proof: examples/demo.sh --help
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# --help answers at once, before a build that can take minutes; the text is the proof's own usage resource (the
# proof prints the same file), so there is one usage text, and it needs no build to be read.
for arg in "$@"; do
  case "$arg" in
    -h | --help)
      cat examples/proof/src/main/resources/io/scanium/telemetry/examples/proof/usage.txt
      exit 0
      ;;
  esac
done
if [ "${SKIP_BUILD:-}" != "true" ]; then
  echo "Building the library and the examples (mvn install -DskipTests; the first build downloads dependencies)..." >&2
  mvn -B -q install -DskipTests -pl examples/proof -am
fi
exec java -jar examples/proof/target/proof.jar "$@"
