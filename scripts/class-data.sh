# shellcheck shell=bash
# The JVM options that make a class-data archive at ARCHIVE on a first run and start from it on later ones;
# sourced by ./vodhook and packaging/bin/vodhook (source it, do not copy it; packaging/package.sh installs it and
# scripts/java.sh, whose java_version it uses, into the distribution's lib/).
#   class_data_options JAVA BASE   sets the array class_data, and archive: BASE.aot (Java 25+) or BASE.jsa
# Java 25 and newer: an AOT cache (JEP 483, 514, 515: classes loaded and linked, method profiles), started from
# when it exists, else recorded by this run and assembled by a child JVM when it exits. That child's messages would
# go to stdout, where the output of a command is read by scripts: the recording run has the VM's own output
# (tty: AOT progress, -XX:+Print* flags, a thread dump on SIGQUIT; not warnings or crash reports) turned off.
# Before 25: a dynamic class-data-sharing archive (JEP 350), written at exit when missing or of another jar.
class_data_options() {
  local v
  v="$(java_version "$1")"
  if [ -n "$v" ] && [ "$v" -ge 25 ] 2>/dev/null; then
    archive="$2.aot"
    if [ -f "$archive" ]; then
      class_data=(-XX:AOTCache="$archive" -Xlog:aot=off -Xlog:cds=off)
    else
      class_data=(-XX:AOTCacheOutput="$archive" -XX:+UnlockDiagnosticVMOptions -XX:-DisplayVMOutput -Xlog:aot=off
        -Xlog:cds=off)
    fi
  else
    archive="$2.jsa"
    class_data=(-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
  fi
}
