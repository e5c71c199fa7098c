# shellcheck shell=bash
# Finds a JDK 21 or newer for every script in the tree; sourced by ./vodhook, bench/run.sh,
# emulator/bench/run.sh and the installed launcher (packaging/bin/vodhook, for java_version); source it, do not
# copy it. Looks at JAVA_HOME, then java on PATH, then the newest JDK under /usr/lib/jvm (VODHOOK_JVM_DIR moves
# that, for the tests).
#   use_java          sets java_bin and exports JAVA_HOME (the real home of that java), or says what it
#                     looked at and exits 1
#   find_java         prints the java binary, or says what it looked at and returns 1
#   java_home_of BIN  prints the home of a java binary, symlinks resolved: /usr/bin/java -> /usr/lib/jvm/x

vodhook_min_java=21

java_say() { printf 'vodhook: %s\n' "$*" >&2; }

# The directory holding bin/java (and usually `release`), for a java binary reached through any symlinks.
java_home_of() {
  dirname "$(dirname "$(readlink -f "$1")")"
}

# The Java feature version of a java binary (17, 21, 25, ...), or nothing if it does not run. Read from the
# JDK's release file when there is one (JAVA_VERSION="25.0.1"; "1.8.0_x" for 8), which costs no JVM start:
# starting one per candidate made every command ~0.5 s slower to start.
java_version() {
  local home v
  [ -x "$1" ] || return 0
  home="$(java_home_of "$1")"
  if [ -f "$home/release" ]; then
    v="$(sed -n 's/^JAVA_VERSION="\([0-9.]*\).*/\1/p' "$home/release" | head -1)"
    case "$v" in
      1.*) v="${v#1.}" ;;
    esac
    v="${v%%.*}"
    if [ -n "$v" ]; then echo "$v"; return 0; fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

java_usable() {
  local v
  v="$(java_version "$1")"
  [ -n "$v" ] && [ "$v" -ge "$vodhook_min_java" ] 2>/dev/null
}

java_described() {
  local v
  v="$(java_version "$1")"
  if [ -n "$v" ]; then echo "Java $v"; elif [ -x "$1" ]; then echo "does not run"; else echo "no bin/java"; fi
}

find_java() {
  local seen=() candidate best="" best_v=0 v s
  if [ -n "${JAVA_HOME:-}" ]; then
    candidate="$JAVA_HOME/bin/java"
    if java_usable "$candidate"; then echo "$candidate"; return 0; fi
    seen+=("JAVA_HOME=$JAVA_HOME ($(java_described "$candidate"))")
  fi
  if candidate="$(command -v java 2>/dev/null)"; then
    if java_usable "$candidate"; then echo "$candidate"; return 0; fi
    seen+=("java on PATH: $candidate ($(java_described "$candidate"))")
  fi
  for candidate in "${VODHOOK_JVM_DIR:-/usr/lib/jvm}"/*/bin/java; do
    v="$(java_version "$candidate")"
    [ -n "$v" ] || continue
    if [ "$v" -ge "$vodhook_min_java" ] && [ "$v" -gt "$best_v" ]; then best="$candidate"; best_v="$v"; fi
    [ "$v" -ge "$vodhook_min_java" ] || seen+=("$candidate (Java $v)")
  done
  if [ -n "$best" ]; then echo "$best"; return 0; fi
  java_say "no JDK $vodhook_min_java or newer found. Looked at:"
  if [ ${#seen[@]} -eq 0 ]; then
    java_say "  (no JAVA_HOME, no java on PATH, nothing under ${VODHOOK_JVM_DIR:-/usr/lib/jvm})"
  fi
  for s in "${seen[@]}"; do java_say "  $s"; done
  java_say "install JDK $vodhook_min_java or newer (e.g. 'apt-get install openjdk-$vodhook_min_java-jdk', or Temurin)" \
    "or set JAVA_HOME to it."
  return 1
}

use_java() {
  java_bin="$(find_java)" || exit 1
  JAVA_HOME="$(java_home_of "$java_bin")"
  export JAVA_HOME
}
