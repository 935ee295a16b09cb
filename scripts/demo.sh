#!/usr/bin/env bash
# The main job on a bundled fixture, for a first look at what RayKit does.
set -euo pipefail
raykit=${1:-.build/release/raykit}
cd "$(dirname "$0")/.."
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

say "Probe a phone clip (rotated 90°) and an anamorphic DV-style clip: display size, nearest Ray ratio"
"$raykit" probe fixtures/rotated90.mp4 fixtures/anamorphic.mkv

say "Probe a 10-bit HLG clip as JSON (what a script would read)"
"$raykit" probe --json fixtures/hevc10_hlg_opengop.mp4

say "A bad file gets one line naming it, and a non-zero exit"
"$raykit" probe fixtures/truncated.mp4 || echo "(exit status $?)"

say "Edit guide frames by exact index from the rotated clip, with keyframes.json and a contact sheet"
out=$(mktemp -d)
"$raykit" keyframes fixtures/rotated90.mp4 --at start,15,30,45,end --out "$out" --sheet "$out/sheet.png"
echo "keyframes.json:"; cat "$out/keyframes.json"
