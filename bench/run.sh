#!/usr/bin/env bash
# Benchmarks. `bench/run.sh intake` measures event intake on this machine:
#   push: wrk posts ~4 KB NewFileUpload events, each with its own FileId, over 64 connections to
#         nginx answering a static 200 (the ceiling), then to `vodhook serve` on SQLite (also with
#         --sign-key, every callback carrying a valid Sign/T, to show the cost of checking it), then on
#         PostgreSQL (Debian's, fsync on): events/s, p50/p99 latency, receiver RSS, start to ready,
#         and a check that every event answered 200 is stored;
#   pull: the local VOD in PULL mode holds N events; `vodhook serve --intake pull` pulls, commits
#         and confirms them all: events/s.
#   Needs wrk, nginx, curl, bc and postgresql (installed with apt-get when missing and run as root).
#   DURATION (seconds per push run, default 20), CONNECTIONS (64), PULL_EVENTS (100000) tune it.
# `bench/run.sh processing` measures event processing (bench/ProcessingBench.java):
#   throughput: the inbox holds PROCESSING_EVENTS (20000) distinct ProcedureStateChanged FINISH events
#         with two outputs each; the receiver's processor handles them all: events/s, on SQLite, then
#         on PostgreSQL (Debian's, fsync on);
#   latency: `vodhook serve` calling the local VOD, idle; a NewFileUpload of a real upload is posted,
#         and the time from its 200 to the local VOD receiving ProcessMedia is taken, LATENCY_SAMPLES
#         (100) times after 30 warm-up ones, each when the last transcode is done: p50/p90/p99, on
#         SQLite and on PostgreSQL.
#   Needs postgresql (installed with apt-get when missing and run as root).
# `bench/run.sh store` measures the inbox's append path alone (bench/StoreBench.java): one thread appending
#   STORE_EVENTS (100000) ~4 KB events in durable batches of 20 and of 64, on SQLite, then on PostgreSQL:
#   the ceiling the store puts on push intake before HTTP shares the cores with it.
#   Needs postgresql (installed with apt-get when missing and run as root).
# `bench/run.sh notify` measures vodhook's notifications to the application (bench/NotifyBench.java), to an
#   endpoint in the same JVM answering 204 at once:
#   throughput: NOTIFY_EVENTS (20000) media.ready notifications in the outbox, delivered by the deliverer:
#         notifications/s, on SQLite, then on PostgreSQL (Debian's, fsync on);
#   latency: a receiver in that JVM, idle; a ProcedureStateChanged FINISH is posted, and the time from its 200
#         to its media.ready arriving at the endpoint is taken, LATENCY_SAMPLES (100) times after 30 warm-up
#         ones: p50/p90/p99, on SQLite and on PostgreSQL.
#   Needs postgresql (installed with apt-get when missing and run as root).
# `bench/run.sh console` times the console's pages over a full store (bench/ConsoleBench.java): a SQLite database
#   filled with CONSOLE_EVENTS (100000) events and CONSOLE_MEDIA (10000) media with their notifications' deliveries
#   to two endpoints (4 per media: 40000, 1 % DEAD; each with its attempt), the console served as the admin
#   listener serves it, each page asked for CONSOLE_ROUNDS (50) times after a warm-up: the server's time in its
#   handler (p50, p95, max) and the loopback round trip.
# `bench/run.sh small` is the smallest deployment: the receiver pinned to one core (taskset -c SMALL_CORE, 0) with
#   a SMALL_HEAP (256m) heap, wrk on the other core with SMALL_CONNECTIONS (16) connections posting unique ~4 KB
#   ProcedureStateChanged FINISH events (bench/procedure.lua): the full workload (intake and processing, as in
#   production) and intake alone (--intake-only), on SQLite and on PostgreSQL (its server on the other core, as
#   a database on another machine would be), beside nginx pinned to the same core as the ceiling. Reports
#   events/s answered, p50/p99, events processed during the run (full workload), peak RSS, start to ready.
#   SMALL_JFR=1 also records a JFR profile of each run into BENCH_DIR (jfr print / jfr summary read them).
#   Needs wrk, nginx, curl, bc and postgresql, as intake does.
# `bench/run.sh floor` measures the floor of the storage work per ProcedureStateChanged FINISH event on SQLite
#   (bench/RowFloorBench.java): the rows the schema needs per event (inbox append, claim and DONE; media, task,
#   seven outputs, a notification) written with plain JDBC in the fewest statements, FLOOR_EVENTS (30000) events
#   in transactions of 64 and of 4 events, pinned to one core as `small` pins the receiver: CPU ms/event, events/s
#   and KB written per event for the schema as it is and for variants (per-event statements, the body in a table
#   of its own, no console indexes, claim+handle+mark in one transaction).
# Every part runs with the JDK ./vodhook finds (scripts/java.sh: JAVA_HOME, PATH, /usr/lib/jvm; 21 or newer).
# BENCH_DIR (/tmp/vodhook-bench), RECEIVER_PORT (18081), NGINX_PORT (18080) and PG_PORT (15432) move
# it out of another run's way. Not part of ./vodhook test; do not run it beside a long build (2 cores
# are shared).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
what=${1:-intake}
duration=${DURATION:-20}
connections=${CONNECTIONS:-64}
pull_events=${PULL_EVENTS:-100000}
processing_events=${PROCESSING_EVENTS:-20000}
latency_samples=${LATENCY_SAMPLES:-100}
store_events=${STORE_EVENTS:-100000}
notify_events=${NOTIFY_EVENTS:-20000}
console_events=${CONSOLE_EVENTS:-100000}
console_media=${CONSOLE_MEDIA:-10000}
console_rounds=${CONSOLE_ROUNDS:-50}
work=${BENCH_DIR:-/tmp/vodhook-bench}
jar="$here/cli/target/vodhook.jar"
nginx_port=${NGINX_PORT:-18080}
receiver_port=${RECEIVER_PORT:-18081}
pg_port=${PG_PORT:-15432}
pids=()

case "$what" in
  intake | processing | store | notify | console | small | floor) ;;
  *) echo "usage: bench/run.sh intake | processing | store | notify | console | small | floor" >&2; exit 2 ;;
esac

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -f "$work/pg/postmaster.pid" ]; then su postgres -c "${pg_bin:-}/pg_ctl -D $work/pg -m fast stop" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

say() { printf '%s\n' "$*" >&2; }

# shellcheck source=scripts/java.sh
. "$here/scripts/java.sh" # the JDK ./vodhook finds: java_bin, JAVA_HOME

ensure_tools() { # the benchmark: intake needs wrk, nginx, curl, bc and postgresql; processing postgresql
  local missing=()
  if [ "$1" = console ] || [ "$1" = floor ]; then return; fi # the JDK alone
  if [ "$1" = intake ] || [ "$1" = small ]; then
    command -v wrk >/dev/null || missing+=(wrk)
    command -v nginx >/dev/null || missing+=(nginx-light)
    command -v curl >/dev/null || missing+=(curl)
    command -v bc >/dev/null || missing+=(bc)
  fi
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} (apt-get)"
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
  fi
  pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
}

build() { # the launcher rebuilds the jar if a source changed; the serve class-data archive is written afresh
  rm -f "$here"/cli/target/vodhook-*.jsa
  "$here/vodhook" --version >/dev/null
}

wait_http() { # url, timeout seconds
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || { say "no answer from $1"; return 1; }
    sleep 0.01
  done
}

# wrk against URL for SECONDS; prints the RESULT line of callback.lua
load() {
  wrk -t2 -c"$connections" -d"$2"s --timeout 10s -s "$here/bench/callback.lua" "$1" | grep '^RESULT'
}

field() { sed -E "s/.*[ ]$1=([0-9]+).*/\\1/" <<<"$2"; }

report() { # name, RESULT line, extra
  local r=$2 n d
  n=$(field requests "$r"); d=$(field duration_us "$r")
  printf '%-34s %9.0f events/s   p50 %6.2f ms   p99 %6.2f ms   non-2xx %s  errors %s  %s\n' "$1" \
    "$(echo "$n * 1000000 / $d" | bc -l)" "$(echo "$(field p50_us "$r") / 1000" | bc -l)" \
    "$(echo "$(field p99_us "$r") / 1000" | bc -l)" "$(field non2xx "$r")" "$(field errors "$r")" "$3"
}

start_nginx() { # [core]: one worker pinned to that core, else a worker per core
  local workers=auto pin=()
  if [ -n "${1:-}" ]; then workers=1; pin=(taskset -c "$1"); fi
  mkdir -p "$work/nginx"
  cat >"$work/nginx/nginx.conf" <<EOF
worker_processes $workers;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx;
  client_body_buffer_size 64k;
  server {
    listen 127.0.0.1:$nginx_port;
    location / { default_type application/json; return 200 '{"code":0}'; }
  }
}
EOF
  "${pin[@]}" nginx -c "$work/nginx/nginx.conf" &
  pids+=($!)
  wait_http "http://127.0.0.1:$nginx_port/" 10
}

start_postgres() {
  if [ -f "$work/pg/postmaster.pid" ]; then # a server left by an earlier run: stop it before its files go
    su postgres -c "$pg_bin/pg_ctl -D $work/pg -m fast stop" >/dev/null 2>&1 || true
  fi
  rm -rf "$work/pg" && mkdir -p "$work/pg" && chown postgres "$work/pg" "$work"
  su postgres -c "$pg_bin/initdb -D $work/pg -A trust -U postgres" >"$work/pg-init.log"
  # min_wal_size 1GB and 1 GB of WAL written and checkpointed before anything is measured: the server reuses
  # its WAL segments as one that has been running does, instead of creating and zero-filling a new 16 MB
  # segment every few thousand events of the measured run
  su postgres -c "${pg_pin:-} $pg_bin/pg_ctl -D $work/pg -l $work/pg.log -w -o '-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c max_connections=50 -c min_wal_size=1GB' start" >/dev/null
  say "PostgreSQL: writing 1 GB of WAL once so that its segments are reused (about 20 s)"
  su postgres -c "$pg_bin/psql -h 127.0.0.1 -p $pg_port -U postgres -qc 'CREATE TABLE warm AS SELECT g, repeat(md5(g::text), 30) AS pad FROM generate_series(1, 900000) g' -c 'DROP TABLE warm' -c 'CHECKPOINT'" >/dev/null
  su postgres -c "$pg_bin/psql -h 127.0.0.1 -p $pg_port -U postgres -qc 'CREATE DATABASE vodhook'" >/dev/null
}

# Starts `./vodhook serve` (the launcher execs the JVM, so $! is the receiver); sets receiver_pid and ready_ms.
start_receiver() { # database url, extra args...
  local db=$1; shift
  local started
  started=$(date +%s%N)
  # the admin side on the same loopback port, so that /healthz and /metrics are where they were
  VODHOOK_LOG_LEVEL=warn "$here/vodhook" serve --port "$receiver_port" --admin-port "$receiver_port" \
    --database "$db" --secret-id AKIDbench --secret-key bench --vod-endpoint http://127.0.0.1:9 "$@" \
    >"$work/receiver.log" 2>&1 &
  receiver_pid=$!
  pids+=("$receiver_pid")
  wait_http "http://127.0.0.1:$receiver_port/healthz" 30
  ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
}

stop_receiver() {
  kill "$receiver_pid" && wait "$receiver_pid" 2>/dev/null || true
}

rss_mib() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

stored_events() {
  curl -fsS "http://127.0.0.1:$receiver_port/metrics" \
    | awk '/^vodhook_events_received_total/ { n += $NF } END { printf "%d", n }'
}

push_run() { # name, database url, extra serve args...
  local name=$1 db=$2 r stored answered cold
  shift 2
  start_receiver "$db" --intake-only "$@" # the first start of a new jar also writes its class-data archive on exit
  cold=$ready_ms
  stop_receiver
  start_receiver "$db" --intake-only "$@"
  load "http://127.0.0.1:$receiver_port/callback" 15 >/dev/null # warm-up: the JIT needs ~15 s under this load
  local before
  before=$(stored_events)
  r=$(load "http://127.0.0.1:$receiver_port/callback" "$duration")
  stored=$(( $(stored_events) - before ))
  answered=$(( $(field requests "$r") - $(field non2xx "$r") ))
  report "$name" "$r" "RSS $(rss_mib "$receiver_pid") MiB  start ${ready_ms} ms (first ${cold} ms)  stored ${stored}/${answered} answered"
  stop_receiver
}

intake() {
  say "push intake: ${connections} connections, ${duration} s per run, ~4 KB events; $(nproc) cores shared by wrk and the server"
  say "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine skews every figure)"

  start_nginx
  load "http://127.0.0.1:$nginx_port/callback" 3 >/dev/null
  report "nginx static 200 (ceiling)" "$(load "http://127.0.0.1:$nginx_port/callback" "$duration")" ""
  kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true; pids=()

  rm -f "$work"/sqlite.db*
  push_run "vodhook serve, SQLite" "jdbc:sqlite:$work/sqlite.db"

  # the same with VOD's signature checked: callback.lua sends Sign/T as headers, valid for 10 minutes
  rm -f "$work"/sqlite.db*
  local sign_key=BenchSignKey0123456789
  export BENCH_T=$(( $(date +%s) + 600 ))
  export BENCH_SIGN
  BENCH_SIGN=$(printf '%s%s' "$sign_key" "$BENCH_T" | md5sum | cut -d' ' -f1)
  push_run "vodhook serve, SQLite, signed" "jdbc:sqlite:$work/sqlite.db" --sign-key "$sign_key"
  unset BENCH_T BENCH_SIGN

  start_postgres
  push_run "vodhook serve, PostgreSQL" "jdbc:postgresql://127.0.0.1:$pg_port/vodhook?user=postgres"

  say "pull intake: ${pull_events} events queued in the local VOD"
  rm -f "$work"/pull.db*
  "$java_bin" --enable-native-access=ALL-UNNAMED -cp "$jar" "$here/bench/PullBench.java" "$here/vodhook" "$pull_events" \
    "jdbc:sqlite:$work/pull.db" "$receiver_port" "$work"
  say "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# java ... bench/ProcessingBench.java ARGS, with the fat jar; its log goes to $work/$1.log
processing_bench() { # log name, arguments...
  local log=$1; shift
  "$java_bin" --enable-native-access=ALL-UNNAMED -cp "$jar" "$here/bench/ProcessingBench.java" "$@" 2>"$work/$log.log"
}

processing() {
  say "processing: ${processing_events} ProcedureStateChanged events per database; NewFileUpload to ProcessMedia"
  say "latency over ${latency_samples} samples; $(nproc) cores"
  say "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine skews every figure)"
  rm -f "$work"/processing.db* "$work"/latency.db*
  processing_bench throughput-sqlite throughput "jdbc:sqlite:$work/processing.db" "$processing_events"
  start_postgres
  su postgres -c "$pg_bin/psql -h 127.0.0.1 -p $pg_port -U postgres -qc 'CREATE DATABASE latency'" >/dev/null
  processing_bench throughput-postgresql throughput "jdbc:postgresql://127.0.0.1:$pg_port/vodhook?user=postgres" \
    "$processing_events"
  processing_bench latency-sqlite latency "$here/vodhook" "jdbc:sqlite:$work/latency.db" "$receiver_port" "$work" \
    "$latency_samples"
  processing_bench latency-postgresql latency "$here/vodhook" \
    "jdbc:postgresql://127.0.0.1:$pg_port/latency?user=postgres" "$receiver_port" "$work" "$latency_samples"
  say "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

store() {
  say "store: ${store_events} ~4 KB events appended by one thread, no HTTP; $(nproc) cores"
  say "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine skews every figure)"
  start_postgres
  local batch
  for batch in 20 64; do
    rm -f "$work"/store.db*
    "$java_bin" --enable-native-access=ALL-UNNAMED -cp "$jar" "$here/bench/StoreBench.java" \
      "jdbc:sqlite:$work/store.db" "$store_events" "$batch" 2>"$work/store-sqlite.log"
    su postgres -c "PGOPTIONS='-c client_min_messages=warning' $pg_bin/psql -h 127.0.0.1 -p $pg_port -U postgres -qc 'DROP DATABASE IF EXISTS store' -c 'CREATE DATABASE store'" >/dev/null
    "$java_bin" --enable-native-access=ALL-UNNAMED -cp "$jar" "$here/bench/StoreBench.java" \
      "jdbc:postgresql://127.0.0.1:$pg_port/store?user=postgres" "$store_events" "$batch" 2>"$work/store-postgresql.log"
  done
  say "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# java ... bench/NotifyBench.java ARGS, with the fat jar; its log goes to $work/$1.log
notify_bench() { # log name, arguments...
  local log=$1; shift
  "$java_bin" --enable-native-access=ALL-UNNAMED -cp "$jar" "$here/bench/NotifyBench.java" "$@" 2>"$work/$log.log"
}

notify() {
  say "notify: ${notify_events} media.ready notifications per database; FINISH 200 to media.ready latency over"
  say "${latency_samples} samples; the endpoint answers 204 at once, in the same JVM; $(nproc) cores"
  say "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine skews every figure)"
  rm -f "$work"/notify.db* "$work"/notify-latency.db*
  notify_bench notify-throughput-sqlite throughput "jdbc:sqlite:$work/notify.db" "$notify_events"
  start_postgres
  su postgres -c "$pg_bin/psql -h 127.0.0.1 -p $pg_port -U postgres -qc 'CREATE DATABASE latency'" >/dev/null
  notify_bench notify-throughput-postgresql throughput "jdbc:postgresql://127.0.0.1:$pg_port/vodhook?user=postgres" \
    "$notify_events"
  notify_bench notify-latency-sqlite latency "jdbc:sqlite:$work/notify-latency.db" "$latency_samples"
  notify_bench notify-latency-postgresql latency "jdbc:postgresql://127.0.0.1:$pg_port/latency?user=postgres" \
    "$latency_samples"
  say "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

processed_events() {
  curl -fsS "http://127.0.0.1:$receiver_port/metrics" \
    | awk '/^vodhook_events_processed_total/ { n += $NF } END { printf "%d", n }'
}

small_run() { # name, database url, extra serve args...
  local name=$1 db=$2 r answered stored processed before_stored before_processed jfr=()
  shift 2
  local url="http://127.0.0.1:$receiver_port/callback"
  local opts="-Xmx${SMALL_HEAP:-256m}"
  if [ "${SMALL_JFR:-}" = 1 ]; then
    jfr=("-XX:StartFlightRecording=filename=$work/${name//[^a-zA-Z0-9]/-}.jfr,settings=profile")
  fi
  VODHOOK_JAVA_OPTS="$opts" start_small "$db" "$@" # a first start writes the class-data archive on exit
  stop_receiver
  VODHOOK_JAVA_OPTS="$opts ${jfr[*]}" start_small "$db" "$@"
  small_load "$url" 15 >/dev/null # warm-up
  before_stored=$(stored_events); before_processed=$(processed_events)
  r=$(small_load "$url" "$duration")
  stored=$(( $(stored_events) - before_stored )); processed=$(( $(processed_events) - before_processed ))
  answered=$(( $(field requests "$r") - $(field non2xx "$r") ))
  report "$name" "$r" "processed $((processed / duration))/s  RSS $(rss_mib "$receiver_pid") MiB  start ${ready_ms} ms  stored ${stored}/${answered} answered"
  stop_receiver
}

start_small() { # database url, extra args: start_receiver on the pinned core
  local db=$1 started; shift
  started=$(date +%s%N)
  VODHOOK_LOG_LEVEL=warn taskset -c "${SMALL_CORE:-0}" "$here/vodhook" serve --port "$receiver_port" \
    --admin-port "$receiver_port" --database "$db" --secret-id AKIDbench --secret-key bench \
    --vod-endpoint http://127.0.0.1:9 "$@" >"$work/receiver.log" 2>&1 &
  receiver_pid=$!
  pids+=("$receiver_pid")
  wait_http "http://127.0.0.1:$receiver_port/healthz" 30
  ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
}

small_load() { # url, seconds: wrk on the other core
  taskset -c "${SMALL_WRK_CORE:-1}" wrk -t1 -c"${SMALL_CONNECTIONS:-16}" -d"$2"s --timeout 10s \
    -s "$here/bench/procedure.lua" "$1" | grep '^RESULT'
}

small() {
  say "small: receiver on core ${SMALL_CORE:-0} with a ${SMALL_HEAP:-256m} heap; wrk on core ${SMALL_WRK_CORE:-1},"
  say "${SMALL_CONNECTIONS:-16} connections, ${duration} s per run, ~4 KB ProcedureStateChanged events"
  say "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine skews every figure)"
  start_nginx "${SMALL_CORE:-0}"
  small_load "http://127.0.0.1:$nginx_port/callback" 3 >/dev/null
  report "nginx static 200, one core (ceiling)" "$(small_load "http://127.0.0.1:$nginx_port/callback" "$duration")" ""
  kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true; pids=()

  rm -f "$work"/small.db*
  small_run "full workload, SQLite" "jdbc:sqlite:$work/small.db"
  rm -f "$work"/small.db*
  small_run "intake alone, SQLite" "jdbc:sqlite:$work/small.db" --intake-only

  pg_pin="taskset -c ${SMALL_WRK_CORE:-1}" start_postgres
  small_run "full workload, PostgreSQL" "jdbc:postgresql://127.0.0.1:$pg_port/vodhook?user=postgres"
  su postgres -c "$pg_bin/psql -h 127.0.0.1 -p $pg_port -U postgres -qc 'CREATE DATABASE intake'" >/dev/null
  small_run "intake alone, PostgreSQL" "jdbc:postgresql://127.0.0.1:$pg_port/intake?user=postgres" --intake-only
  say "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

floor() {
  say "floor: the storage work alone, one core (taskset -c ${SMALL_CORE:-0}), SQLite in $work"
  say "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine skews every figure)"
  for batch in 64 4; do
    taskset -c "${SMALL_CORE:-0}" "$java_bin" --enable-native-access=ALL-UNNAMED -cp "$jar" \
      "$here/bench/RowFloorBench.java" "$work/floor" "${FLOOR_EVENTS:-30000}" "$batch" 2>"$work/floor.log"
  done
  say "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

console() {
  say "console: page renders over ${console_events} events, ${console_media} media and $((console_media * 4))" \
    "deliveries (SQLite); $(nproc) cores"
  say "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine skews every figure)"
  "$java_bin" --enable-native-access=ALL-UNNAMED -cp "$jar" "$here/bench/ConsoleBench.java" \
    "$work/console" "$console_events" "$console_media" "$console_rounds" 2>"$work/console.log"
  say "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

mkdir -p "$work"
use_java
ensure_tools "$what"
build
"$what"
