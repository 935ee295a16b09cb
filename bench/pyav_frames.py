"""The PyAV baseline of bench.py's frames-64 benchmark: exact frames of a clip as PNG stills.

    python3 bench/pyav_frames.py CLIP OUT_DIR I1,I2,...

Writes OUT_DIR/f_NNNNNN.png for each frame index (presentation order, counted from 0, at
30 fps: index = round(pts * time_base * 30)). Done the way a careful PyAV user would:

  * one packet scan (demux, no decoding) lists the keyframes;
  * for the sorted indexes, it seeks (container.seek to the keyframe before the target,
    any_frame=False, backward=True, stream=the video stream) only when the target is not
    reachable by decoding on from where the decoder already is, i.e. when it lies behind
    the decoder or past the next keyframe; then it decodes forward to the exact index;
  * the decoder uses FFmpeg's frame+slice threads (thread_type "AUTO");
  * each still is saved with frame.to_image().save(path) (Pillow).

Exits with status 1 if any index was not found. Needs `av` and `pillow` (bench.py installs them).
"""

from __future__ import annotations

import bisect
import os
import sys

import av

RATE = 30


def main(argv: list[str]) -> int:
    clip, out_dir, at = argv
    targets = sorted({int(text) for text in at.split(",")})
    os.makedirs(out_dir, exist_ok=True)

    with av.open(clip) as container:
        stream = container.streams.video[0]
        time_base = stream.time_base

        def index_of(pts: int) -> int:
            return round(pts * time_base * RATE)

        # Packet scan: the keyframes' indexes, to know when decoding on beats seeking.
        keyframes = sorted(index_of(packet.pts) for packet in container.demux(stream) if packet.is_keyframe and packet.pts is not None)

        stream.thread_type = "AUTO"
        frames = None  # the decoder's frame iterator, positioned after `position`
        position = None  # index of the last frame decoded, or None before the first seek
        written = 0
        for target in targets:
            # The keyframe at or before the target, and whether the decoder can just go on to it.
            keyframe = keyframes[max(bisect.bisect_right(keyframes, target) - 1, 0)]
            if frames is None or position is None or position >= target or position < keyframe:
                seconds = keyframe / RATE
                container.seek(round(seconds / time_base), any_frame=False, backward=True, stream=stream)
                frames = container.decode(stream)
                position = None
            for frame in frames:
                if frame.pts is None:
                    continue
                position = index_of(frame.pts)
                if position == target:
                    frame.to_image().save(os.path.join(out_dir, f"f_{target:06d}.png"))
                    written += 1
                    break
                if position > target:
                    break  # overshot: the frame is missing; reported below
    if written != len(targets):
        print(f"pyav_frames: wrote {written} of {len(targets)} frames", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
