#!/usr/bin/env bash
# Builds every distribution and tries each as a user would, on this machine:
#   tar    unpacked where no Java is on PATH, bin/vodhook demo passes
#   deb    installed; the unit's ExecStart run by hand as the vodhook user (no systemd runs here) against a local
#          VOD takes an upload to FINISHED; systemd-analyze verify; removed (data kept), purged (data gone)
#   image  built with podman on a base made here with debootstrap (no registry is reachable), run, /healthz answers
#   scf    the zip holds scf_bootstrap at its root, which refuses to start without a PostgreSQL database
# Runs as root (dpkg, runuser, podman). PACKAGING_TESTS="tar deb image scf" chooses; VODHOOK_REQUIRE_PODMAN=1 fails
# instead of skipping the image when podman is missing. Needs JAVA_HOME (a JDK 21+ with jlink): ./vodhook sets it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(dirname "$here")"
tests="${PACKAGING_TESTS:-tar deb image scf}"
work="$(mktemp -d /tmp/vodhook-packaging.XXXXXX)"
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  podman rm -f -v vodhook-packaging-test >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
step() { printf '\n== packaging: %s\n' "$*"; }
fail() { printf 'packaging test FAILED: %s\n' "$*" >&2; exit 1; }
elapsed() { printf '%s s' "$(( $(date +%s) - $1 ))"; }

free_port() {
  local p
  while :; do
    p=$(( 20000 + RANDOM % 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
}

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local until=$(( $(date +%s) + $1 )) what="$2"
  shift 2
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$until" ] || fail "timed out waiting for $what"
    sleep 0.5
  done
}

http_get() { # http_get URL: the body, fails on a status other than 200
  local out
  out="$("$work/http" "$1")" || return 1
  printf '%s' "$out"
}

# A tiny HTTP client on the JDK (curl is not on every machine).
cat > "$work/Http.java" <<'EOF'
public class Http {
    public static void main(String[] a) throws Exception {
        var r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(a[0])).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        System.out.print(r.body());
        System.exit(r.statusCode() == 200 ? 0 : 1);
    }
}
EOF
printf '#!/bin/sh\nexec "%s/bin/java" "%s/Http.java" "$@"\n' "$JAVA_HOME" "$work" > "$work/http"
chmod +x "$work/http"

version="$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$top/pom.xml")"
name="vodhook-$version-linux-x64"
started=$(date +%s)
step "build ($tests)"
builds="$(printf '%s\n' $tests | grep -v '^image$' || true)" # the image is built in its own step
# shellcheck disable=SC2086
[ -z "$builds" ] || "$here/package.sh" $builds
ls -la "$top/dist"

if [[ " $tests " == *" tar "* ]]; then
  step "tar: bin/vodhook demo with no Java on PATH"
  t=$(date +%s)
  mkdir -p "$work/tar/path"
  tar -C "$work/tar" -xzf "$top/dist/$name.tar.gz"
  for tool in bash sh env dirname readlink basename mkdir rm cut tr printf cat sed head uname id; do
    ln -s "$(command -v "$tool")" "$work/tar/path/$tool"
  done
  (cd "$work/tar" && env -i HOME="$work/tar" PATH="$work/tar/path" "./$name/bin/vodhook" demo) \
    > "$work/tar-demo.log" 2>&1 || { cat "$work/tar-demo.log"; fail "the tarball's demo"; }
  tail -4 "$work/tar-demo.log"
  # a clip for the installed service, made by the ffmpeg the demo unpacked from the jar (or one on PATH)
  # (javacpp's cache is under the JVM's user.home, which comes from the password file, not HOME)
  ffmpeg_bin="$(find "$work/tar/.javacpp" "$(getent passwd "$(id -u)" | cut -d: -f6)/.javacpp" -type f -name ffmpeg \
    -path '*vodhook.jar*' 2>/dev/null | head -1 || true)"
  [ -n "$ffmpeg_bin" ] || ffmpeg_bin="$(command -v ffmpeg || true)"
  if [ -n "$ffmpeg_bin" ]; then
    "$ffmpeg_bin" -v error -f lavfi -i testsrc=size=320x180:rate=25 -f lavfi -i sine=frequency=440 -t 1 \
      -c:v libopenh264 -c:a aac -pix_fmt yuv420p "$work/demo-clip.mp4" && clip="$work/demo-clip.mp4"
  fi
  echo "tar ok: $(du -h "$top/dist/$name.tar.gz" | cut -f1) packed, $(du -sh "$work/tar/$name" | cut -f1) unpacked ($(elapsed "$t"))"
fi

if [[ " $tests " == *" deb "* ]]; then
  step "deb: install, demo as the vodhook user, the service's command line, remove, purge"
  t=$(date +%s)
  deb="$(ls "$top"/dist/vodhook_*_amd64.deb)"
  dpkg -i "$deb"
  [ "$(stat -c '%U %a' /etc/vodhook/vodhook.yaml)" = "vodhook 600" ] || fail "/etc/vodhook/vodhook.yaml is not vodhook's, 0600"
  [ -d /var/lib/vodhook ] && [ "$(stat -c %U /var/lib/vodhook)" = vodhook ] || fail "/var/lib/vodhook"
  systemd-analyze verify /lib/systemd/system/vodhook.service || fail "systemd-analyze verify vodhook.service"

  # The unit's ExecStart, by hand: these machines run no systemd. Against a local VOD started here.
  vod_port=$(free_port)
  port=$(free_port)
  admin_port=$(free_port)
  /usr/bin/vodhook emulator --port "$vod_port" --notification-url "http://127.0.0.1:$port/callback" \
    > "$work/local-vod.log" 2>&1 &
  pids+=($!)
  cp /etc/vodhook/vodhook.yaml "$work/vodhook.yaml.orig"
  cat > /etc/vodhook/vodhook.yaml <<EOF
secret-id: AKIDLocalVodExampleSecretId0000
secret-key: LocalVodExampleSecretKey00000000
vod-endpoint: http://127.0.0.1:$vod_port
database: jdbc:sqlite:/var/lib/vodhook/vodhook.db
host: 127.0.0.1
port: $port
admin-port: $admin_port
EOF
  exec_start="$(sed -n 's/^ExecStart=//p' /lib/systemd/system/vodhook.service)"
  (cd /var/lib/vodhook && runuser -u vodhook -- env VODHOOK_CACHE_DIR=/var/cache/vodhook $exec_start) \
    > "$work/service.log" 2>&1 &
  pids+=($!)
  wait_for 60 "the receiver's /healthz" http_get "http://127.0.0.1:$port/healthz"
  wait_for 60 "the local VOD" http_get "http://127.0.0.1:$vod_port/_emulator/calls"
  [ -f "${clip:-}" ] || fail "no clip to upload: run the tar test first (its demo unpacks ffmpeg), or put ffmpeg on PATH"
  cp "$clip" "$work/clip.mp4"
  file_id="$(/usr/bin/vodhook upload "$work/clip.mp4" --vod-endpoint "http://127.0.0.1:$vod_port" \
    --secret-id AKIDLocalVodExampleSecretId0000 --secret-key LocalVodExampleSecretKey00000000 \
    | sed -n 's/^FileId: *//p')"
  [ -n "$file_id" ] || fail "upload to the local VOD"
  finished() { http_get "http://127.0.0.1:$admin_port/api/media/$file_id" | grep -q '"state":"FINISHED"'; }
  wait_for 120 "media $file_id FINISHED in the installed service" finished
  echo "the installed service took FileId $file_id to FINISHED"
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  pids=()
  cp "$work/vodhook.yaml.orig" /etc/vodhook/vodhook.yaml

  dpkg -r vodhook
  [ ! -e /usr/bin/vodhook ] || fail "/usr/bin/vodhook is still there after dpkg -r"
  [ -f /var/lib/vodhook/vodhook.db ] || fail "dpkg -r removed the data"
  [ -f /etc/vodhook/vodhook.yaml ] || fail "dpkg -r removed the config"
  dpkg -P vodhook
  [ ! -e /var/lib/vodhook ] && [ ! -e /etc/vodhook ] || fail "dpkg -P left data or config"
  ! getent passwd vodhook >/dev/null || fail "dpkg -P left the vodhook user"
  echo "deb ok: $(du -h "$deb" | cut -f1) ($(elapsed "$t"))"
fi

if [[ " $tests " == *" image "* ]]; then
  step "image: podman build on a locally made base, run, /healthz"
  t=$(date +%s)
  if ! command -v podman >/dev/null; then
    [ "${VODHOOK_REQUIRE_PODMAN:-0}" = 1 ] && fail "podman is not installed (apt-get install podman runc debootstrap)"
    echo "image SKIPPED: podman is not installed"
  else
    podman=(podman --runtime /usr/sbin/runc --cgroup-manager cgroupfs)
    base="localhost/vodhook-base:bookworm"
    if ! "${podman[@]}" image exists "$base"; then
      cache="/tmp/vodhook-base-bookworm.tar"
      if [ ! -f "$cache" ]; then
        debootstrap --variant=minbase bookworm "$work/rootfs" http://deb.debian.org/debian > "$work/debootstrap.log" \
          || { tail -20 "$work/debootstrap.log"; fail "debootstrap"; }
        tar -C "$work/rootfs" -cf "$cache.part" . && mv "$cache.part" "$cache"
      fi
      "${podman[@]}" import "$cache" "$base" >/dev/null
    fi
    CONTAINER_ENGINE_FLAGS="--runtime /usr/sbin/runc --cgroup-manager cgroupfs" IMAGE_BASE="$base" \
      "$here/package.sh" image
    port=$(free_port)
    "${podman[@]}" run -d --name vodhook-packaging-test --network host \
      --ulimit nofile=1024:1024 --ulimit nproc=1000:1000 -e VODHOOK_PORT="$port" -e VODHOOK_ADMIN_PORT="$(free_port)" \
      -e SECRET_ID=AKIDLocalVodExampleSecretId0000 -e SECRET_KEY=LocalVodExampleSecretKey00000000 \
      "vodhook:$version" >/dev/null
    wait_for 90 "the container's /healthz" http_get "http://127.0.0.1:$port/healthz" \
      || { "${podman[@]}" logs vodhook-packaging-test; exit 1; }
    user="$("${podman[@]}" exec vodhook-packaging-test id -un)"
    [ "$user" = vodhook ] || fail "the container runs as $user, not vodhook"
    "${podman[@]}" healthcheck run vodhook-packaging-test || fail "the image's HEALTHCHECK"
    "${podman[@]}" rm -f -v vodhook-packaging-test >/dev/null
    echo "image ok: $("${podman[@]}" image inspect "vodhook:$version" --format '{{.Size}}' | awk '{printf "%d MB", $1/1e6}') ($(elapsed "$t"))"
  fi
  if command -v docker >/dev/null && docker compose version >/dev/null 2>&1; then
    docker compose -f "$here/container/compose.yaml" config -q && echo "compose.yaml ok (docker compose config)"
  elif command -v podman-compose >/dev/null; then
    # podman-compose 1.0 has no `config`; --dry-run parses the file and prints the commands (it still creates the
    # project's volumes and network, removed after)
    podman-compose -p vodhook-compose-check -f "$here/container/compose.yaml" --dry-run up > "$work/compose.log" 2>&1 \
      || { cat "$work/compose.log"; fail "podman-compose could not read compose.yaml"; }
    grep -q 'vodhook:latest' "$work/compose.log" || fail "compose.yaml has no vodhook service"
    podman volume ls -q | grep '^vodhook-compose-check_' | xargs -r podman volume rm -f >/dev/null
    podman network rm -f vodhook-compose-check_default >/dev/null 2>&1 || true
    echo "compose.yaml ok (podman-compose --dry-run up)"
  else
    echo "compose.yaml NOT VALIDATED: neither docker compose nor podman-compose is installed"
  fi
fi

if [[ " $tests " == *" scf "* ]]; then
  step "scf: the zip's layout and its bootstrap's refusal without PostgreSQL"
  zip="$top/dist/vodhook-$version-scf.zip"
  unzip -l "$zip" | grep -q ' scf_bootstrap$' || fail "scf_bootstrap is not at the zip's root"
  mkdir -p "$work/scf" && unzip -q "$zip" -d "$work/scf"
  [ -x "$work/scf/scf_bootstrap" ] && [ -x "$work/scf/runtime/bin/java" ] || fail "the zip lost its executable bits"
  if env -u VODHOOK_DATABASE "$work/scf/scf_bootstrap" > "$work/scf.log" 2>&1; then fail "scf_bootstrap started without a database"; fi
  grep -q 'jdbc:postgresql' "$work/scf.log" || fail "scf_bootstrap's refusal does not say what to set"
  echo "scf ok: $(du -h "$zip" | cut -f1) (not tested against Tencent SCF itself: no account or network here)"
fi

printf '\npackaging tests passed (%s)\n' "$(elapsed "$started")"
