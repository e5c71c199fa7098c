#!/usr/bin/env bash
# Benchmarks of the local VOD; not part of the test suite.
#
#   emulator/bench/run.sh transcode [rounds]   a 10 s 720p clip to 100020: through the local VOD vs bare ffmpeg
#   emulator/bench/run.sh api [seconds] [connections]
#                                              signed DescribeMediaInfos requests per second, client on this machine
#
# Builds the emulator and its test classes offline with the JDK ./vodhook finds (scripts/java.sh: JAVA_HOME, PATH,
# /usr/lib/jvm; 21 or newer), then runs the benchmark's main on the test classpath.
set -euo pipefail
cd "$(dirname "$0")/../.."

usage() { echo "usage: emulator/bench/run.sh transcode [rounds] | api [seconds] [connections]" >&2; exit 2; }
case "${1:-}" in
  transcode) main=dev.vodhook.emulator.internal.processing.TranscodeBenchmark ;;
  api) main=dev.vodhook.emulator.ApiBenchmark ;;
  *) usage ;;
esac
shift

# shellcheck source=scripts/java.sh
. scripts/java.sh
use_java # java_bin, JAVA_HOME for ./mvnw

cp_file="$(mktemp)"
build_log="$(mktemp)"
trap 'rm -f "$cp_file" "$build_log"' EXIT
if ! ./mvnw -B -q -o -pl emulator -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >"$build_log" 2>&1; then
  cat "$build_log" >&2
  exit 1
fi
exec "$java_bin" -cp "emulator/target/test-classes:emulator/target/classes:$(cat "$cp_file")" "$main" "$@"
