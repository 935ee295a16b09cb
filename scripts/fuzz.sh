#!/usr/bin/env bash
# `make fuzz`: runs each libFuzzer target for a bounded time on one core and prints what it did.
#
#   scripts/fuzz.sh SECONDS TARGET...        (targets built by `make fuzz-build` into .build-fuzz)
#   FUZZ_MEDIA_MAX_LEN=4096 scripts/fuzz.sh …  (media inputs cut to 4 kB: headers and first frames, many more exec/s)
#   FUZZ_RUNS=1000000 scripts/fuzz.sh …        (each target stops at that many executions, or at SECONDS)
#   FUZZ_INSTANCE=2 scripts/fuzz.sh …          (a second process on a target already being fuzzed, on another core)
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
summary=$work/fuzz-summary-$$.txt

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

# Whether the leak in input $2 is one Fuzz/lsan.supp suppresses: replayed with the slow unwinder,
# which sees FFmpeg's frames the suppressions name.
third_party_leak() {
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1:fast_unwind_on_malloc=0 \
    LSAN_OPTIONS=suppressions=$PWD/Fuzz/lsan.supp:print_suppressions=0 "$bin/$1" "$2" >/dev/null 2>&1
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
    [ -n "${FUZZ_RUNS:-}" ] && extra+=(-runs="$FUZZ_RUNS")
    corpus=$work/corpus/$target
    artifacts=$work/artifacts/$target
    # FUZZ_INSTANCE names a second process fuzzing the same target (same corpus, its own log).
    log=$work/fuzz-$target${FUZZ_INSTANCE:+-$FUZZ_INSTANCE}.log
    mkdir -p "$corpus" "$artifacts/suppressed"
    echo "== $target: ${seconds}s${FUZZ_RUNS:+ or $FUZZ_RUNS executions}, log $log"
    : > "$log"
    runs=0 suppressed=0 deadline=$((SECONDS + seconds))
    # One process, one core (no -jobs/-workers: libFuzzer runs in this very process, which is one
    # core; -jobs=1 would only move it into a child writing fuzz-0.log). Leaks are checked per input,
    # with the fast unwinder (the slow one, which sees through FFmpeg's frames, costs 3x). So a leak of
    # FFmpeg's own that Fuzz/lsan.supp names stops the fuzzer unsuppressed: the input is then replayed
    # with the slow unwinder, and when the suppressions cover it fuzzing goes on for the time left.
    # The Swift runtime's own backtracer is off: under ASan its memory reader trips a false report.
    while [ $((deadline - SECONDS)) -gt 0 ]; do
        SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1} \
        LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/Fuzz/lsan.supp:print_suppressions=0} \
        "$bin/$target" "$corpus" "$seeds" -max_total_time=$((deadline - SECONDS)) -timeout=20 \
            -artifact_prefix="$artifacts/" -print_final_stats=1 "${extra[@]}" >>"$log" 2>&1
        code=$?
        done_runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
        runs=$((runs + ${done_runs:-0}))
        # The leak this process just wrote (not a second instance's).
        leak=$(grep -ao 'Test unit written to [^ ]*/leak-[^ ]*' "$log" | tail -1 | cut -d' ' -f5)
        [ -f "$leak" ] || leak=
        [ "$code" -ne 0 ] && [ -n "$leak" ] && third_party_leak "$target" "$leak" || break
        # Out of the corpus and seeds too, or every restart would replay it first and stop again.
        sum=$(sha1sum < "$leak" | cut -d' ' -f1)
        for f in "$corpus"/* "$seeds"/*; do
            [ -f "$f" ] && [ "$(sha1sum < "$f" | cut -d' ' -f1)" = "$sum" ] && mv "$f" "$artifacts/suppressed/"
        done
        mv "$leak" "$artifacts/suppressed/"
        suppressed=$((suppressed + 1))
        code=0
        [ -n "${FUZZ_RUNS:-}" ] && [ "$runs" -ge "$FUZZ_RUNS" ] && break
        [ -n "${FUZZ_RUNS:-}" ] && extra[-1]=-runs=$((FUZZ_RUNS - runs))
    done
    elapsed=$((seconds - (deadline - SECONDS)))
    # What this process found and left in place (a second instance's findings are in its own log;
    # suppressed leaks were moved away).
    found=$(grep -ao 'Test unit written to [^ ]*' "$log" | cut -d' ' -f5 | while read -r f; do [ -f "$f" ] && echo "$f"; done | wc -l)
    line="$target: $runs executions in ${elapsed}s, $((runs / (elapsed > 0 ? elapsed : 1))) exec/s, ${found} crashes/hangs/leaks/OOMs found"
    line+=", ${suppressed} third-party leaks suppressed on replay, exit $code"
    echo "$line" | tee -a "$summary"
    [ "$code" -ne 0 ] && status=1
done
echo "summary in $summary"
exit $status
