#!/usr/bin/env bash
# Builds vodhook's distributions into dist/:
#   packaging/package.sh [tar|deb|image|scf ...]    (no argument: all four)
# tar   dist/vodhook-<version>-linux-x64.tar.gz: a jlink runtime, the jar, bin/vodhook, example config, unit, INSTALL
# deb   dist/vodhook_<version>_amd64.deb: the same under /opt/vodhook, a vodhook user, /etc/vodhook, the systemd unit
# image the container image vodhook:<version> (podman or docker), from the tarball's tree on a small base
# scf   dist/vodhook-<version>-scf.zip: the tarball's tree with scf_bootstrap, for a Tencent SCF web function
# Needs JAVA_HOME to be a JDK 21+ with jlink (./vodhook package sets it), and the jar built (it builds it otherwise).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(dirname "$here")"
dist="$top/dist"
say() { printf 'package: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jlink" ] \
  || die "JAVA_HOME must be a JDK 21 or newer with jlink (run it as './vodhook package', which finds one)"
version="$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$top/pom.xml")"
[ -n "$version" ] || die "cannot read the version from pom.xml"
name="vodhook-$version-linux-x64"
tree="$dist/$name"
jar="$top/cli/target/vodhook.jar"

# The JDK modules the jar needs (jdeps), and those it reaches only by reflection or service loading.
MODULES="java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,\
java.rmi,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.unsupported,jdk.charsets,\
jdk.localedata,jdk.naming.dns,jdk.zipfs"

build_jar() {
  if [ ! -f "$jar" ]; then
    say "building the jar"
    "$top/mvnw" -B -q -f "$top/pom.xml" -DskipTests -pl cli -am package
  fi
}

build_tree() {
  build_jar
  rm -rf "$tree"
  mkdir -p "$tree/lib" "$dist"
  local modules="$MODULES" m
  # jdk.crypto.ec is part of java.base from JDK 22 on; keep only the modules this JDK has
  modules="$(for m in ${MODULES//,/ }; do "$JAVA_HOME/bin/java" --list-modules | grep -q "^$m@" && printf '%s,' "$m"; done)"
  say "jlink runtime ($("$JAVA_HOME/bin/java" -version 2>&1 | head -1))"
  "$JAVA_HOME/bin/jlink" --add-modules "${modules%,}" --strip-debug --no-man-pages --no-header-files \
    --compress=zip-6 --output "$tree/runtime"
  cp "$jar" "$tree/lib/vodhook.jar"
  install -m 0755 -D "$here/bin/vodhook" "$tree/bin/vodhook"
  install -m 0644 "$top/scripts/java.sh" "$top/scripts/class-data.sh" "$top/scripts/young-generation.sh" \
    "$tree/lib/" # sourced by bin/vodhook
  install -m 0644 "$here/vodhook.yaml.example" "$here/systemd/vodhook.service" "$here/INSTALL.txt" "$tree/"
  printf '%s\n' "$version" > "$tree/VERSION"
}

package_tar() {
  build_tree
  tar -C "$dist" -czf "$dist/$name.tar.gz" "$name"
  say "wrote $dist/$name.tar.gz ($(du -h "$dist/$name.tar.gz" | cut -f1))"
}

package_deb() {
  [ -d "$tree/runtime" ] || build_tree
  command -v dpkg-deb >/dev/null || die "dpkg-deb is needed (apt-get install dpkg)"
  local root="$dist/deb-root" debver="${version//-SNAPSHOT/~snapshot}"
  rm -rf "$root"
  mkdir -p "$root/opt" "$root/usr/bin" "$root/lib/systemd/system" "$root/etc/vodhook" "$root/DEBIAN"
  cp -a "$tree" "$root/opt/vodhook"
  rm -f "$root/opt/vodhook/vodhook.service"
  ln -s /opt/vodhook/bin/vodhook "$root/usr/bin/vodhook"
  install -m 0644 "$here/systemd/vodhook.service" "$root/lib/systemd/system/vodhook.service"
  sed 's#^database:.*#database: jdbc:sqlite:/var/lib/vodhook/vodhook.db#' "$here/vodhook.yaml.example" \
    > "$root/etc/vodhook/vodhook.yaml"
  chmod 0600 "$root/etc/vodhook/vodhook.yaml"
  sed -e "s/@VERSION@/$debver/" -e "s/@SIZE@/$(du -sk "$root" | cut -f1)/" "$here/deb/control" > "$root/DEBIAN/control"
  install -m 0644 "$here/deb/conffiles" "$root/DEBIAN/conffiles"
  install -m 0755 "$here/deb/postinst" "$here/deb/prerm" "$here/deb/postrm" "$root/DEBIAN/"
  dpkg-deb --root-owner-group -Zxz --build "$root" "$dist/vodhook_${debver}_amd64.deb" >/dev/null
  rm -rf "$root"
  say "wrote $dist/vodhook_${debver}_amd64.deb ($(du -h "$dist/vodhook_${debver}_amd64.deb" | cut -f1))"
}

package_image() {
  [ -d "$tree/runtime" ] || build_tree
  local engine="${CONTAINER_ENGINE:-}"
  if [ -z "$engine" ]; then
    if command -v podman >/dev/null; then engine=podman; elif command -v docker >/dev/null; then engine=docker; fi
  fi
  [ -n "$engine" ] || die "podman or docker is needed to build the image"
  local args=()
  [ -n "${IMAGE_BASE:-}" ] && args+=(--build-arg "BASE=$IMAGE_BASE")
  [ "$engine" = podman ] && args+=(--format docker) # OCI images drop HEALTHCHECK
  # shellcheck disable=SC2086
  $engine ${CONTAINER_ENGINE_FLAGS:-} build "${args[@]}" --build-arg "DIST=dist/$name" \
    -f "$here/container/Dockerfile" -t "vodhook:$version" -t vodhook:latest "$top" >&2
  say "built image vodhook:$version with $engine"
}

package_scf() {
  [ -d "$tree/runtime" ] || build_tree
  command -v zip >/dev/null || die "zip is needed (apt-get install zip)"
  local stage="$dist/scf-stage"
  rm -rf "$stage" "$dist/vodhook-$version-scf.zip"
  cp -a "$tree" "$stage"
  install -m 0755 "$here/scf/scf_bootstrap" "$stage/scf_bootstrap"
  (cd "$stage" && zip -qry "$dist/vodhook-$version-scf.zip" .)
  rm -rf "$stage"
  say "wrote $dist/vodhook-$version-scf.zip ($(du -h "$dist/vodhook-$version-scf.zip" | cut -f1))"
}

[ $# -gt 0 ] || set -- tar deb image scf
for what in "$@"; do
  case "$what" in
    tar) package_tar ;;
    deb) package_deb ;;
    image) package_image ;;
    scf) package_scf ;;
    *) die "unknown distribution '$what': tar, deb, image or scf" ;;
  esac
done
