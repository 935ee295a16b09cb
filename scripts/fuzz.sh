#!/usr/bin/env bash
# `make fuzz`: runs each libFuzzer target for a bounded time on one core and prints what it did.
#
#   scripts/fuzz.sh SECONDS TARGET...        (targets built by `make fuzz-build` into .build-fuzz)
#   FUZZ_MEDIA_MAX_LEN=4096 scripts/fuzz.sh …  (media inputs cut to 4 kB: headers only, many more exec/s)
#
# Media targets are seeded with the committed fixtures plus tiny clips made here with ffmpeg (fast to
# mutate); FuzzAPI with Fuzz/seeds/api. The corpus each run grows is kept in .build-fuzz/corpus/TARGET
# and reused by the next run. A crash or timeout stops the target and is left in
# .build-fuzz/artifacts/TARGET/: copy it to fixtures/fuzz/ and add a regression test.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:?seconds per target}; shift
work=.build-fuzz
bin=$work/${FUZZ_CONFIG:-release}
summary=$work/fuzz-summary.txt

make_media_seeds() {
    local seeds=$work/seeds/media
    [ -f "$seeds/.done" ] && return
    mkdir -p "$seeds"
    for f in fixtures/*; do
        case "$f" in *.md|*.sh|*.json) continue ;; esac
        [ -s "$f" ] && cp "$f" "$seeds/"
    done
    if command -v ffmpeg >/dev/null; then
        # Tiny clips (32x16, 6 frames) in the shapes RayKit reads: quick to probe, so many mutations a second.
        local src=(-f lavfi -i "testsrc2=size=32x16:rate=6:duration=1" -frames:v 6)
        ffmpeg -v error -y "${src[@]}" -c:v libx264 -g 3 -bf 1 "$seeds/tiny.mp4"
        ffmpeg -v error -y "${src[@]}" -c:v libx264 -g 3 -bf 1 -f mpegts "$seeds/tiny.ts"
        ffmpeg -v error -y "${src[@]}" -c:v libx264 -g 3 "$seeds/tiny.mkv"
        ffmpeg -v error -y "${src[@]}" -c:v libx264 -bf 2 -f h264 "$seeds/tiny.h264"
        ffmpeg -v error -y "${src[@]}" -c:v libx265 -x265-params log-level=none -pix_fmt yuv420p10le -tag:v hvc1 "$seeds/tiny_hevc10.mp4"
        ffmpeg -v error -y "${src[@]}" -c:v libvpx-vp9 "$seeds/tiny.webm"
        ffmpeg -v error -y "${src[@]}" -c:v mjpeg -f avi "$seeds/tiny.avi"
        ffmpeg -v error -y "${src[@]}" -c:v mpeg2video -f mpeg "$seeds/tiny.mpg"
        ffmpeg -v error -y "${src[@]}" -c:v libx264 -movflags +frag_keyframe+empty_moov "$seeds/tiny_frag.mp4"
    fi
    touch "$seeds/.done"
}

: > "$summary"
status=0
for target in "$@"; do
    case "$target" in
        FuzzAPI) seeds=Fuzz/seeds/api; extra=(-max_len=4096 -rss_limit_mb=2560) ;;
        # libavformat's MP4 reader builds its index from the sizes a header declares before reading a frame
        # (one of 3.7 kB declaring 84 million frames costs it 2 GB, the ffprobe program too): room for that.
        *) make_media_seeds; seeds=$work/seeds/media
           extra=(-max_len=${FUZZ_MEDIA_MAX_LEN:-200000} -rss_limit_mb=8192 -malloc_limit_mb=4500) ;;
    esac
    # FFmpeg's libraries have no frame pointers: only the slow unwinder sees the libavformat frames
    # Fuzz/lsan.supp names (av_write_trailer). The crop target is the one that writes files.
    unwind=1; [ "$target" = FuzzCrop ] && unwind=0
    corpus=$work/corpus/$target
    artifacts=$work/artifacts/$target
    log=$work/fuzz-$target.log
    mkdir -p "$corpus" "$artifacts"
    stamp=$work/.started-$target
    touch "$stamp"
    echo "== $target: ${seconds}s, log $log"
    # One process, one core (no -jobs/-workers: libFuzzer runs in this very process, which is one
    # core; -jobs=1 would only move it into a child writing fuzz-0.log). Leaks are checked per input.
    # The Swift runtime's own backtracer is off: under ASan its memory reader trips a false report.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1:fast_unwind_on_malloc=$unwind} \
    LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/Fuzz/lsan.supp:print_suppressions=0} \
    "$bin/$target" "$corpus" "$seeds" -max_total_time="$seconds" -timeout=20 \
        -artifact_prefix="$artifacts/" -print_final_stats=1 "${extra[@]}" >"$log" 2>&1
    code=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    # Only what this run found (earlier runs' findings stay in the folder until copied away).
    found=$(find "$artifacts" -type f -newer "$stamp" \( -name 'crash-*' -o -name 'timeout-*' -o -name 'leak-*' -o -name 'oom-*' \) | wc -l)
    line="$target: ${runs:-?} executions, ${rate:-?} exec/s, ${found} crashes/hangs/leaks found, exit $code"
    echo "$line" | tee -a "$summary"
    [ "$code" -ne 0 ] && status=1
done
echo "summary in $summary"
exit $status
