#!/usr/bin/env bash
# make dist-check: the release tarball on a clean Debian 12 root holding only RayKit's runtime packages.
#
# The root (debootstrap minbase + the runtime packages) is made once under .build-dist/ and reused while
# the package list is the same; every check runs in a fresh copy of it, with the tarball unpacked in /opt
# and a fixture in /tmp, through chroot. Mounts live in a mount namespace of their own (unshare), so
# nothing stays mounted under the build folder, whatever happens.
# Usage: scripts/dist-check.sh TARBALL (as root; installs debootstrap if it is missing)
set -euo pipefail
cd "$(dirname "$0")/.."
tarball=$(realpath "$1")
name=$(basename "$tarball" .tar.gz)
version=$(sed -n 's/.*static let current = "\(.*\)"/\1/p' Sources/RayVersion/RayKitVersion.swift)
runtime="libavformat59 libavcodec59 libswscale6 libswresample4 libavutil57 libcurl4"
cache=.build-dist/debian-12
root=.build-dist/check-root
fixture=fixtures/h264_bframes_aac.mp4

say() { printf 'dist-check: %s\n' "$*"; }
fail() { printf 'dist-check: FAIL: %s\n' "$*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "needs root (debootstrap and chroot)"

# The Debian mirror apt uses on this machine (deb822 or one-line sources), else Debian's own.
mirror_for() {
  { grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}'
    grep -hs '^deb ' /etc/apt/sources.list | awk '{print $2}'; } | grep -E "/$1/?\$" | head -1 || true
}
mirror=$(mirror_for debian); mirror=${mirror:-http://deb.debian.org/debian}
security=$(mirror_for debian-security); security=${security:-http://deb.debian.org/debian-security}

# Runs a command in a mount namespace of its own with /proc mounted in ROOT: the mount ends with it.
in_root() {
  local dir=$1; shift
  unshare --mount --propagation private -- sh -c 'mount -t proc proc "$0/proc" && exec chroot "$0" "$@"' "$dir" "$@"
}

if [ "$(cat "$cache/.raykit-runtime" 2>/dev/null)" != "$runtime" ]; then
  command -v debootstrap >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
  say "making a Debian 12 root from $mirror (once; cached in $cache)"
  rm -rf "$cache" "$cache.tmp"
  unshare --mount --propagation private -- debootstrap --variant=minbase bookworm "$cache.tmp" "$mirror" > .build-dist/debootstrap.log 2>&1 \
    || fail "debootstrap failed: see .build-dist/debootstrap.log"
  printf 'deb %s bookworm main\ndeb %s bookworm-updates main\ndeb %s bookworm-security main\n' "$mirror" "$mirror" "$security" \
    > "$cache.tmp/etc/apt/sources.list"
  in_root "$cache.tmp" sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $runtime && apt-get clean" \
    > .build-dist/apt.log 2>&1 || fail "installing $runtime in the root failed: see .build-dist/apt.log"
  echo "$runtime" > "$cache.tmp/.raykit-runtime"
  mv "$cache.tmp" "$cache"
fi
say "root: Debian $(cat "$cache/etc/debian_version"), $(in_root "$cache" dpkg-query -W -f='.\n' | wc -l) packages; runtime:" \
  "$(in_root "$cache" dpkg-query -W -f='${Package} ${Version}, ' $runtime | sed 's/, $//')"

# A fresh copy for this run: the tarball in /opt, the fixture in /tmp.
rm -rf "$root"
cp -a "$cache" "$root"
tar -xzf "$tarball" -C "$root/opt"
for f in bin/raykit share/man/man1/raykit.1 share/bash-completion/completions/raykit share/zsh/site-functions/_raykit \
         share/fish/vendor_completions.d/raykit.fish README.md LICENSE; do
  [ -s "$root/opt/$name/$f" ] || fail "the tarball has no $name/$f"
done
cp "$fixture" "$root/tmp/clip.mp4"
raykit() { in_root "$root" env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 "/opt/$name/bin/raykit" "$@"; }

in_root "$root" ldd "/opt/$name/bin/raykit" > "$root/tmp/ldd.txt" || fail "ldd failed in the root"
! grep 'not found' "$root/tmp/ldd.txt" || fail "libraries missing in the root"
! grep -i swift "$root/tmp/ldd.txt" || fail "the binary needs a shared Swift library"
say "ldd in the root: $(grep -c '=> /' "$root/tmp/ldd.txt") libraries resolved, none missing, none of Swift's; the binary's own (NEEDED):"
readelf -d "$root/opt/$name/bin/raykit" | awk '/NEEDED/ {print "  " $NF}' | tr -d '[]'

say "raykit --version:"
out=$(raykit --version) || fail "raykit --version exited $?"
printf '%s\n' "$out" | sed 's/^/  /'
[ "$(printf '%s\n' "$out" | head -1)" = "raykit $version" ] || fail "--version does not start with 'raykit $version'"
printf '%s\n' "$out" | grep -q '^FFmpeg 5\.1' || fail "--version names no FFmpeg 5.1"
printf '%s\n' "$out" | grep -q '^libcurl ' || fail "--version names no libcurl"

say "raykit probe $fixture:"
out=$(raykit probe /tmp/clip.mp4) || fail "raykit probe exited $?"
printf '%s\n' "$out" | sed 's/^/  /'
printf '%s\n' "$out" | grep -q 'frames      90 at 30.000 fps' || fail "probe did not count 90 frames at 30 fps"
printf '%s\n' "$out" | grep -q 'audio       #1 aac' || fail "probe found no AAC audio"

say "raykit frames $fixture --at start,45,end:"
out=$(raykit frames /tmp/clip.mp4 --at start,45,end --out /tmp/stills) || fail "raykit frames exited $?"
printf '%s\n' "$out" | sed 's/^/  /'
for n in 000000 000045 000089; do
  still="$root/tmp/stills/frame_$n.png"
  [ "$(head -c 8 "$still" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "frame_$n.png is not a PNG"
  # IHDR: width and height, 4 bytes each, big-endian, from byte 16.
  [ "$(od -An -tu1 -j16 -N8 "$still" | awk '{print $3 * 256 + $4 "x" $7 * 256 + $8}')" = 640x360 ] || fail "frame_$n.png is not 640x360"
done

say "raykit crop $fixture --to 4:5 (libx264 at run time):"
out=$(raykit crop /tmp/clip.mp4 --to 4:5 -o /tmp/feed.mp4) || fail "raykit crop exited $?"
printf '%s\n' "$out" | sed 's/^/  /'
raykit probe /tmp/feed.mp4 | grep -q 'coded 288x360' || fail "the crop is not 288x360"

rm -rf "$root"
say "PASS: $name runs on a clean Debian 12 root with only $runtime"
