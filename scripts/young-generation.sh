# shellcheck shell=bash
# A young generation sized from the heap's maximum; sourced by ./vodhook and packaging/bin/vodhook (source it, do
# not copy it; packaging/package.sh installs it into the distribution's lib/).
#   young_generation_options OPTS   sets the array young_generation: -XX:NewSize= a fifth of the -Xmx in OPTS, or
#                                   nothing when OPTS has no -Xmx, sizes the young generation or picks a collector
# The heap starts small (-XX:InitialRAMPercentage), and the serial collector, which the JVM picks on one CPU, sizes
# the young generation from the heap it starts with and grows it only at a full collection: a 10 MB young
# generation, whose 1 MB survivor spaces overflow under load, so that short-lived objects go to the old generation,
# which the collector grows to the maximum rather than collect it (PostgreSQL under load: 150 MB of garbage, 310 MiB
# of RSS with -Xmx256m, 20 MB live). With a fifth of the heap young from the start the old generation holds what
# lives (18 MB) and RSS stays at 220 MiB. On G1 (several CPUs) it is the young generation's least size.
young_generation_options() {
  local o max="" mib
  young_generation=()
  for o in $1; do
    case "$o" in
      -Xmn* | -XX:NewSize=* | -XX:MaxNewSize=* | -XX:NewRatio=* | -XX:+Use*GC) return 0 ;;
      -Xmx*) max="${o#-Xmx}" ;;
      -XX:MaxHeapSize=*) max="${o#-XX:MaxHeapSize=}" ;;
    esac
  done
  case "$max" in
    *[!0-9gGmMkK]* | [!0-9]* | *[0-9][!0-9]?*) return 0 ;; # not a whole number with one unit: the JVM says so
    *[gG]) mib=$(( ${max%?} * 1024 )) ;;
    *[mM]) mib=${max%?} ;;
    *[kK]) mib=$(( ${max%?} / 1024 )) ;;
    *[0-9]) mib=$(( max / 1048576 )) ;;
    *) return 0 ;;
  esac
  [ "$mib" -ge 20 ] 2>/dev/null || return 0
  young_generation=(-XX:NewSize=$(( mib / 5 ))m)
}
