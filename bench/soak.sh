#!/usr/bin/env bash
# `make soak`: leaks and memory (issue #10).
#   1. Soak (release): probe + 64 stills + 60-frame crop, SOAK_ITERATIONS times in one process;
#      resident memory after a warm-up (the first tenth of the run) and at the end must stay within 10 %.
#   2. The same under AddressSanitizer with LeakSanitizer (SOAK_LSAN_ITERATIONS times): no leak may
#      come from RayKit (third-party noise suppressed in Fuzz/lsan.supp, with the reason).
#   3. Peak RSS of `raykit frames` on a 4K 10-bit HEVC clip (made here), /usr/bin/time -f %M: under 500 MB.
# Clips are generated into bench/work/ (gitignored); the figures go to bench/work/soak-*.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
work=bench/work
mkdir -p "$work"
iterations=${SOAK_ITERATIONS:-1000}
lsan_iterations=${SOAK_LSAN_ITERATIONS:-1000}

clip=$work/soak_320x180.mp4
if [ ! -s "$clip" ]; then
    # 96 frames (3.2 s at 30 fps), H.264 with B-frames and a 2 s GOP, AAC: small, and the shapes a crop copies.
    ffmpeg -v error -y -f lavfi -i "testsrc2=size=320x180:rate=30:duration=3.2" -f lavfi -i "sine=frequency=440:duration=3.2" \
        -c:v libx264 -g 60 -bf 2 -pix_fmt yuv420p -c:a aac -shortest "$clip"
fi

echo "== soak, release build, $iterations iterations"
swift build -c release --product Soak 2>&1 | tail -1
/usr/bin/time -f "soak: peak RSS %M KiB, %e s" .build/release/Soak "$clip" "$iterations" "$work/soak-release" 2>&1 | tee "$work/soak-release.txt"

echo "== soak under AddressSanitizer + LeakSanitizer, $lsan_iterations iterations"
swift build --sanitize=address --scratch-path .build-asan --product Soak 2>&1 | grep -v "Cannot export local symbol" | tail -1
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp:print_suppressions=1" \
    .build-asan/debug/Soak "$clip" "$lsan_iterations" "$work/soak-asan" > "$work/soak-asan.txt" 2>&1 || true
grep -E "^soak:|SUMMARY|Suppressions used|^ *[0-9]+ +[0-9]+ +leak:" "$work/soak-asan.txt" || true
if grep -q "ERROR: LeakSanitizer" "$work/soak-asan.txt"; then echo "soak: LeakSanitizer found leaks (see $work/soak-asan.txt)"; else echo "soak: LeakSanitizer: no leaks reported"; fi

echo "== peak RSS of raykit frames on 4K 10-bit HEVC"
uhd=$work/uhd_hevc10.mp4
if [ ! -s "$uhd" ]; then
    ffmpeg -v error -y -f lavfi -i "testsrc2=size=3840x2160:rate=30:duration=2" -c:v libx265 -preset ultrafast \
        -x265-params log-level=error -pix_fmt yuv420p10le -tag:v hvc1 "$uhd"
fi
swift build -c release --product raykit 2>&1 | tail -1
rm -rf "$work/uhd-frames"
/usr/bin/time -f "frames 4K: peak RSS %M KiB, %e s" .build/release/raykit frames "$uhd" --at start,middle,end,every:10 \
    --out "$work/uhd-frames" --force 2>&1 | tail -1 | tee "$work/soak-4k.txt"
