#!/usr/bin/env bash
# Benchmarks of the local VOD; not part of the test suite.
#
#   emulator/bench/run.sh transcode [rounds]   a 10 s 720p clip to 100020: through the local VOD vs bare ffmpeg
#   emulator/bench/run.sh api [seconds] [connections]
#                                              signed DescribeMediaInfos requests per second, client on this machine
#
# Builds the emulator and its test classes offline with a JDK 21 or newer (JAVA_HOME, else the newest under
# /usr/lib/jvm), then runs the benchmark's main on the test classpath.
set -euo pipefail
cd "$(dirname "$0")/../.."

usage() { echo "usage: emulator/bench/run.sh transcode [rounds] | api [seconds] [connections]" >&2; exit 2; }
case "${1:-}" in
  transcode) main=dev.vodhook.emulator.internal.processing.TranscodeBenchmark ;;
  api) main=dev.vodhook.emulator.ApiBenchmark ;;
  *) usage ;;
esac
shift

feature() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1; }
ok() { [ -x "$1/bin/java" ] && [ "$(feature "$1")" -ge 21 ] 2>/dev/null; }
if ! ok "${JAVA_HOME:-/nonexistent}"; then
  JAVA_HOME=""
  for home in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r); do
    if ok "${home%/}"; then JAVA_HOME="${home%/}"; break; fi
  done
  [ -n "$JAVA_HOME" ] || { echo "bench: no JDK 21 or newer found; set JAVA_HOME" >&2; exit 1; }
fi
export JAVA_HOME

cp_file="$(mktemp)"
build_log="$(mktemp)"
trap 'rm -f "$cp_file" "$build_log"' EXIT
if ! ./mvnw -B -q -o -pl emulator -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >"$build_log" 2>&1; then
  cat "$build_log" >&2
  exit 1
fi
exec "$JAVA_HOME/bin/java" -cp "emulator/target/test-classes:emulator/target/classes:$(cat "$cp_file")" "$main" "$@"
