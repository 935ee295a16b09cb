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

say "Reframe canvases for all six Ray ratios, and what to ask for when you want 2.39:1 scope"
"$raykit" canvas fixtures/h264_bframes_aac.mp4 --all
"$raykit" canvas fixtures/h264_bframes_aac.mp4 --to 2.39:1 --resolution 720p

say "Crop the phone clip to a 4:5 feed post (display space: rotation applied first), then probe the result"
"$raykit" crop fixtures/rotated90.mp4 --to 4:5 -o "$out/feed_4x5.mp4"
"$raykit" probe "$out/feed_4x5.mp4"

say "Hand-off: the Reframe request for the phone clip exactly as it would be sent (no network, no key needed)"
"$raykit" plan reframe --video fixtures/rotated90.mp4 --aspect-ratio 1:1 --resolution 720p \
  --prompt "Extend the scene to the left and right, same light and colours, nothing new in frame" --out "$out/plan"
echo "(with SCENARIO_SDK_API_KEY and SCENARIO_SDK_API_SECRET set, 'raykit reframe … --crop-to 4:5 -o feed.mp4' uploads, submits, polls, downloads, crops and puts the audio back)"
