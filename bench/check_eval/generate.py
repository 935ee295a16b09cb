"""Generates issue #18's labelled set for `raykit check loop|edit|reframe`: good results and degraded ones.

Usage (normally through `make eval-checks`):

    python3 bench/check_eval/generate.py [OUT] [--seed S] [--jobs J]

OUT (default bench/work/check_eval/, git-ignored) receives loop/, edit/ and reframe/ with one video per case,
the edit guides (PNG stills and a keyframes.json per case), the edit and reframe sources, and manifest.json,
which holds every case: its check, source photograph, half ("calibration" or "held-out"), kind ("good" or a
degradation), strength, and what the check is meant to say (`meant`):

  * "ok": a good result; a warn is a false alarm and a fail a false fail;
  * "warn" / "fail": a degradation meant to be caught (at least warned about / failed);
  * "any": a degradation too small to see, which may honestly pass;
  * "unmeasured": a defect outside what the check compares (reported, never used to choose thresholds).

Each photograph (scikit-image's bundled ones, as bench/shot_eval uses: see its README for the licences) is
sampled once into a large "world" picture by bench/shot_eval's camera renderer (`sample`: bilinear, mirrored
past the photo's edges); every frame is then a camera view of that world (an affine warp with OpenCV: moves,
zooms), with sensor noise, piped as raw rgb24 into the ffmpeg CLI (libx264 `veryfast`, CRF 18-31, 2-second GOP,
3 B-frames; some good cases libx265). Everything is drawn from --seed: the same seed gives the same set.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from shot_eval.generate import IMAGES, load_photo, sample  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO / "bench" / "work" / "check_eval"
GENERATOR_VERSION = 1  # bump when what a case holds changes, so cases made before are made again
# Ten photographs: the even-numbered ones choose the thresholds, the odd-numbered ones are held out.
SOURCES = ("astronaut", "camera", "chelsea", "coffee", "rocket", "hubble_deep_field", "immunohistochemistry", "coins",
           "grass", "gravel")  # fmt: skip
WORLD = (1800, 1800)  # the sampled photograph's width and height, in source-frame pixels
FRAME = (480, 270)  # loop and edit clips, and 16:9 reframe sources (the checks measure at 128-160 pixels wide)
SECONDS = 2.0


# ---------------------------------------------------------------------------
# Pictures and encoding.


def view(world: np.ndarray, x: float, y: float, zoom: float, width: int, height: int) -> np.ndarray:
    """The width x height picture centred on world point (x, y) at `zoom` output pixels per world pixel."""
    m = np.float32([[1 / zoom, 0, x + (0.5 - width / 2) / zoom - 0.5], [0, 1 / zoom, y + (0.5 - height / 2) / zoom - 0.5]])
    return cv2.warpAffine(world, m, (width, height), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP, borderMode=cv2.BORDER_REFLECT)


class Noise:
    """Sensor noise: a few fields of it, drawn in turn."""

    def __init__(self, rng: np.random.Generator, width: int, height: int, sigma: float = 2.0):
        self.fields = [rng.normal(0, sigma, (height, width, 3)).astype(np.float32) for _ in range(5)]
        self.rng = rng

    def __call__(self, image: np.ndarray) -> np.ndarray:
        return image + self.fields[int(self.rng.integers(len(self.fields)))]


def encode(frames: list[np.ndarray], path: Path, fps: int, crf: int, codec: str = "h264") -> None:
    """H.264 (or HEVC) as a camera or a model delivers it: 4:2:0, BT.709, 2-second GOPs with B-frames."""
    height, width, _ = frames[0].shape
    codec_args = (["-c:v", "libx264", "-preset", "veryfast", "-crf", str(crf), "-g", str(2 * fps), "-bf", "3"] if codec == "h264" else
                  ["-c:v", "libx265", "-preset", "veryfast", "-crf", str(crf), "-x265-params", f"log-level=error:keyint={2 * fps}:bframes=4",
                   "-tag:v", "hvc1"])  # fmt: skip
    cmd = ["ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24",
           "-s", f"{width}x{height}", "-r", str(fps), "-i", "-", "-vf", "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p",
           *codec_args, "-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709", "-an", str(path)]  # fmt: skip
    data = b"".join(np.clip(f + 0.5, 0, 255).astype(np.uint8).tobytes() for f in frames)
    subprocess.run(cmd, input=data, check=True)


def write_png(image: np.ndarray, path: Path) -> None:
    cv2.imwrite(str(path), cv2.cvtColor(np.clip(image + 0.5, 0, 255).astype(np.uint8), cv2.COLOR_RGB2BGR))


def paint(image: np.ndarray, area: float, rect: tuple[float, float, float, float], where: tuple[float, float]) -> np.ndarray:
    """`image` with a box of `area` (a fraction of `rect` = x, y, w, h) filled with the rect's mean colour: a region
    painted over. `where` (0-1 each) places the box within the rect."""
    x, y, w, h = rect
    side_w, side_h = w * math.sqrt(area), h * math.sqrt(area)
    cx, cy = x + where[0] * (w - side_w) + side_w / 2, y + where[1] * (h - side_h) + side_h / 2
    x0, y0, x1, y1 = (int(round(v)) for v in (cx - side_w / 2, cy - side_h / 2, cx + side_w / 2, cy + side_h / 2))
    out = image.copy()
    out[y0:y1, x0:x1] = image[int(y):int(y + h), int(x):int(x + w)].mean(axis=(0, 1))
    return out


def zoomed(image: np.ndarray, factor: float, dx: float = 0, dy: float = 0) -> np.ndarray:
    """`image` enlarged by `factor` about its centre and moved by (dx, dy) pixels: a rescaled or shifted framing."""
    h, w, _ = image.shape
    return view(image, w / 2 - dx / factor, h / 2 - dy / factor, factor, w, h)


# ---------------------------------------------------------------------------
# Cases.


class Case(dict):
    """One manifest entry."""

    def __init__(self, check: str, photo: str, half: str, kind: str, strength: str, meant: str, **files):
        super().__init__(check=check, photo=photo, half=half, kind=kind, strength=strength, meant=meant, **files)


def loop_cases(out: Path, name: str, half: str, world: np.ndarray, rng: np.random.Generator, fps: int) -> list[Case]:
    """Seamless loops (a periodic camera path cut at its period; a pan whose end cross-fades into its start),
    then the first path's loop degraded: cut early (the seam jumps), an exposure drift or a zoom that does not
    come back, a region painted over in the last quarter."""
    width, height = FRAME
    period = round(SECONDS * fps)
    noise = Noise(rng, width, height)
    x0, y0 = WORLD[0] / 2, WORLD[1] / 2

    def periodic(motion: str, speed: float) -> list[np.ndarray]:
        angle = float(rng.uniform(0, 2 * math.pi))
        radius = speed * period / (2 * math.pi)  # screen px; the path's speed at its fastest is `speed` px/frame
        waves = [(int(rng.integers(2, 7)), float(rng.uniform(0, 2 * math.pi))) for _ in range(3)]
        depth = float(rng.uniform(0.03, 0.08))
        frames = []
        for t in range(period):
            phase = 2 * math.pi * t / period
            dx = dy = 0.0
            zoom = 1.0
            if motion == "circle":
                dx, dy = radius * (math.cos(phase + angle) - math.cos(angle)), radius * (math.sin(phase + angle) - math.sin(angle))
            elif motion == "pendulum":
                dx, dy = radius * math.sin(phase) * math.cos(angle), radius * math.sin(phase) * math.sin(angle)
            elif motion == "breath":
                zoom = math.exp(depth * math.sin(phase))
            else:  # shake: sinusoids with whole numbers of cycles per loop
                amplitude = speed * period / (2 * math.pi * 4)
                dx = sum(amplitude * math.sin(k * phase + p) for k, p in waves)
                dy = sum(0.7 * amplitude * math.cos(k * phase + p) for k, p in waves)
            frames.append(noise(view(world, x0 + dx, y0 + dy, zoom, width, height)))
        return frames

    def crossfade(speed: float) -> list[np.ndarray]:
        fade = period // 4
        angle = float(rng.uniform(0, 2 * math.pi))
        source = [view(world, x0 + speed * t * math.cos(angle), y0 + speed * t * math.sin(angle), 1.0, width, height)
                  for t in range(period + fade)]  # fmt: skip
        frames = source[fade:period]
        for m in range(fade):
            w = (m + 1) / (fade + 1)
            frames.append(source[period + m] * (1 - w) + source[m] * w)
        return [noise(f) for f in frames]

    first = periodic(str(rng.choice(["circle", "pendulum"])), float(rng.uniform(1, 5)))
    second_motion = str(rng.choice(["breath", "shake"]))
    good = [("a", first, int(rng.integers(20, 25))), ("b", first, int(rng.integers(27, 32))),
            (second_motion, periodic(second_motion, float(rng.uniform(1, 5))), int(rng.integers(20, 30))),
            ("crossfade", crossfade(float(rng.uniform(1, 5))), int(rng.integers(20, 30)))]  # fmt: skip
    cases = []
    for label, frames, crf in good:
        path = out / "loop" / f"{name}_good_{label}.mp4"
        encode(frames, path, fps, crf)
        cases.append(Case("loop", name, half, "good", f"{label}, CRF {crf}", "ok", result=rel(path, out)))
    crf = int(rng.integers(20, 28))
    rect = (0, 0, width, height)
    where = (float(rng.uniform(0.1, 0.9)), float(rng.uniform(0.1, 0.9)))
    degraded = [
        # The loop cut k frames before its period: the seam jumps k + 1 steps (k = 1: one frame dropped there).
        *[("seam", f"{k} frames", meant, first[:period - k]) for k, meant in ((1, "any"), (2, "warn"), (4, "fail"), (8, "fail"))],
        # Exposure drifting by `levels` over the loop and jumping back at the seam.
        *[("colour", f"{levels} levels", meant, [f + levels * t / (period - 1) for t, f in enumerate(first)])
          for levels, meant in ((3, "any"), (8, "warn"), (20, "fail"))],
        # A zoom reaching `s` by the last frame that does not come back.
        *[("scale", f"{s:.0%}", meant, [zoomed(f, 1 + s * t / (period - 1)) for t, f in enumerate(first)])
          for s, meant in ((0.01, "any"), (0.03, "warn"), (0.08, "fail"))],
        # A region painted over in the last quarter, gone at the seam.
        *[("paint", f"{a:.0%}", meant, [paint(f, a, rect, where) if t >= period * 3 // 4 else f for t, f in enumerate(first)])
          for a, meant in ((0.02, "warn"), (0.08, "fail"), (0.25, "fail"))],
    ]  # fmt: skip
    for kind, strength, meant, frames in degraded:
        path = out / "loop" / f"{name}_{kind}_{strength.replace(' ', '').replace('%', 'pc')}.mp4"
        encode(frames, path, fps, crf)
        cases.append(Case("loop", name, half, kind, strength, meant, result=rel(path, out)))
    return cases


# Restyles standing in for an Edit: what the guide stills and the result share. A real Edit re-generates every
# frame; a restyle applied with slightly different settings, its own grain, pixels moved by up to 1 px and its
# own encoding is the stand-in for "a result that really hits its guide frames".
STYLES = ("grade", "soft", "grain", "poster", "mono")


def style_params(rng: np.random.Generator, style: str) -> dict:
    return {"style": style, "gains": [float(g) for g in rng.uniform(0.8, 1.2, 3)], "contrast": float(rng.uniform(0.8, 1.3)),
            "lift": float(rng.uniform(-15, 15)), "sigma": float(rng.uniform(1.5, 2.5)), "levels": int(rng.integers(6, 9))}  # fmt: skip


def jitter(params: dict, rng: np.random.Generator) -> dict:
    """The same restyle as a model re-applies it: settings a few percent off."""
    return {**params, "gains": [g * float(rng.uniform(0.96, 1.04)) for g in params["gains"]],
            "contrast": params["contrast"] * float(rng.uniform(0.95, 1.05)), "lift": params["lift"] + float(rng.uniform(-4, 4)),
            "sigma": params["sigma"] * float(rng.uniform(0.85, 1.15))}  # fmt: skip


def wobble(image: np.ndarray, rng: np.random.Generator, amplitude: float = 1.0) -> np.ndarray:
    """`image` with its pixels moved by a smooth random field of up to `amplitude` pixels: a model re-draws a
    frame, it does not keep every pixel where it was."""
    h, w, _ = image.shape
    field = [cv2.resize(rng.uniform(-amplitude, amplitude, (4, 6)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC) for _ in range(2)]
    xs, ys = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    return cv2.remap(image, xs + field[0], ys + field[1], cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)


def restyle(image: np.ndarray, p: dict, rng: np.random.Generator) -> np.ndarray:
    style = p["style"]
    if style == "mono":
        luma = image @ np.float32([0.2126, 0.7152, 0.0722])
        image = luma[:, :, None] * np.float32([1.07, 0.98, 0.82])
    if style in ("soft", "poster"):
        image = cv2.GaussianBlur(image, (0, 0), p["sigma"] if style == "soft" else 1.0)
    if style == "poster":
        step = 255 / (p["levels"] - 1)
        image = np.round(image / step) * step
    image = ((image - 128) * p["contrast"] + 128 + p["lift"]) * np.float32(p["gains"])
    if style == "grain":
        image = image + rng.normal(0, 7, image.shape).astype(np.float32)
    return image.astype(np.float32)


def edit_cases(out: Path, name: str, half: str, world: np.ndarray, rng: np.random.Generator, fps: int) -> list[Case]:
    """A source clip (a pan with a slow zoom), four restyled results whose guide stills were made from the same
    frames, then the first restyle degraded: a frame dropped, the result running late, its framing shifted or
    rescaled, a region painted over, its grade off the guide's."""
    width, height = FRAME
    count = round(SECONDS * fps)
    noise = Noise(rng, width, height)
    speed, angle, zoom = float(rng.uniform(1.5, 4)), float(rng.uniform(0, 2 * math.pi)), float(rng.uniform(-0.04, 0.04))
    frames = [noise(view(world, WORLD[0] / 2 + speed * t * math.cos(angle), WORLD[1] / 2 + speed * t * math.sin(angle),
                         math.exp(zoom * t / count), width, height)) for t in range(count)]  # fmt: skip
    source = out / "edit" / f"{name}_source.mp4"
    encode(frames, source, fps, 18)
    indexes = [0, count // 2 + int(rng.integers(-5, 6)), count - 1 - int(rng.integers(0, 6))]
    styles = [str(s) for s in rng.permutation(STYLES)[:4]]
    cases = []
    first: tuple[dict, list[np.ndarray], str] | None = None
    for style in styles:
        params = style_params(rng, style)
        guides = []
        for index in indexes:
            still = out / "edit" / f"{name}_{style}_guide{index}.png"
            write_png(restyle(frames[index], params, rng), still)
            guides.append({"keyframeIndex": index, "file": str(still.resolve()), "timestamp": index / fps})
        keyframes = out / "edit" / f"{name}_{style}_keyframes.json"
        keyframes.write_text(json.dumps(guides, indent=1) + "\n")
        result = [wobble(restyle(f, jitter(params, rng), rng), rng) for f in frames]
        crf = int(rng.integers(20, 31))
        path = out / "edit" / f"{name}_good_{style}.mp4"
        encode(result, path, fps, crf, "hevc" if style == styles[-1] else "h264")
        cases.append(Case("edit", name, half, "good", f"{style}, CRF {crf}", "ok", source=rel(source, out), result=rel(path, out),
                          keyframes=rel(keyframes, out)))  # fmt: skip
        first = first or (params, result, rel(keyframes, out))
    params, result, keyframes = first
    crf = int(rng.integers(20, 28))
    rect = (0, 0, width, height)
    where = (float(rng.uniform(0.2, 0.8)), float(rng.uniform(0.2, 0.8)))
    direction = float(rng.uniform(0, 2 * math.pi))
    degraded = [
        ("drop", "1 frame", "fail", result[:count // 3] + result[count // 3 + 1:]),
        # The result running k frames late (its first frame held): the guides past frame 0 land k frames early.
        *[("offset", f"{k} frames", meant, [result[max(0, t - k)] for t in range(count)])
          for k, meant in ((1, "any"), (4, "warn"), (10, "fail"))],
        *[("shift", f"{d:.1%} of the width", meant, [zoomed(f, 1, d * width * math.cos(direction), d * width * math.sin(direction)) for f in result])
          for d, meant in ((0.006, "any"), (0.02, "warn"), (0.05, "fail"))],
        *[("scale", f"{s:.0%}", meant, [zoomed(f, 1 + s) for f in result]) for s, meant in ((0.03, "any"), (0.08, "warn"), (0.2, "fail"))],
        *[("paint", f"{a:.0%}", meant, [paint(f, a, rect, where) for f in result]) for a, meant in ((0.05, "any"), (0.15, "warn"), (0.35, "fail"))],
        ("colour", "+10 levels", "any", [f + 10 for f in result]),
        ("colour", "x0.75", "warn", [f * 0.75 for f in result]),
        ("colour", "x0.5 +40", "fail", [f * 0.5 + 40 for f in result]),
    ]  # fmt: skip
    for kind, strength, meant, frames in degraded:
        path = out / "edit" / f"{name}_{kind}_{slug(strength)}.mp4"
        encode(frames, path, fps, crf)
        cases.append(Case("edit", name, half, kind, strength, meant, source=rel(source, out), result=rel(path, out), keyframes=keyframes))
    return cases


# Reframe targets for a 16:9 and a 4:3 source: (ratio, delivered lines); the result's size follows RayKit's
# assumption (short side = lines, long side = lines x ratio, even).
TARGETS = {(16, 9): [((9, 16), 360), ((1, 1), 360), ((3, 4), 540), ((4, 3), 720)],
           (4, 3): [((16, 9), 360), ((21, 9), 360), ((9, 16), 540), ((1, 1), 720)]}  # fmt: skip


def delivered_size(ratio: tuple[int, int], lines: int) -> tuple[int, int]:
    long = 2 * round(lines * max(ratio) / min(ratio) / 2)
    return (long, lines) if ratio[0] >= ratio[1] else (lines, long)


def reframe_cases(out: Path, name: str, half: str, world: np.ndarray, rng: np.random.Generator, fps: int, shape: tuple[int, int]) -> list[Case]:
    """A source clip (a slow pan) and four Reframe results: the source kept exactly where a centred reframe puts
    it, the photograph's real surroundings (softened, as generated detail is) around it. Then the first result
    degraded: the source shifted or rescaled, painted over, graded, a frame dropped; and a visible seam
    (the surroundings brighter), which the check does not look at."""
    sw, sh = (480, 270) if shape == (16, 9) else (360, 270)
    count = round(SECONDS * fps)
    speed, angle = float(rng.uniform(0.3, 2)), float(rng.uniform(0, 2 * math.pi))
    centre = [(WORLD[0] / 2 + speed * t * math.cos(angle), WORLD[1] / 2 + speed * t * math.sin(angle)) for t in range(count)]
    source_noise = Noise(rng, sw, sh)
    source = out / "reframe" / f"{name}_source.mp4"
    encode([source_noise(view(world, x, y, 1.0, sw, sh)) for x, y in centre], source, fps, 18)

    def result(ratio, lines, shift=(0.0, 0.0), scale=1.0, seam=0.0) -> tuple[list[np.ndarray], dict, np.ndarray]:
        width, height = delivered_size(ratio, lines)
        k = width / sw if sw / sh >= width / height else height / sh  # the source fits the result's width or height
        pw, ph = sw * k, sh * k
        place = {"x": round((width - pw) / 2), "y": round((height - ph) / 2), "width": round(pw), "height": round(ph)}
        inside = np.zeros((height, width, 1), np.float32)
        inside[place["y"]:place["y"] + place["height"], place["x"]:place["x"] + place["width"]] = 1
        small = cv2.resize(world, None, fx=k, fy=k, interpolation=cv2.INTER_AREA if k < 1 else cv2.INTER_LINEAR)
        noise = Noise(rng, width, height)
        frames = []
        for x, y in centre:
            # The source's centre sits at the result's centre (moved by `shift`), the picture scaled by `scale` about it.
            picture = view(small, x * k - shift[0] / scale, y * k - shift[1] / scale, scale, width, height)
            around = cv2.GaussianBlur(picture, (0, 0), 1.2) * 0.96 + seam
            frames.append(noise(picture * inside + around * (1 - inside)))
        return frames, place, inside

    cases = []
    targets = TARGETS[shape]
    for i, (ratio, lines) in enumerate(targets):
        frames, place, _ = result(ratio, lines)
        crf = int(rng.integers(20, 31))
        path = out / "reframe" / f"{name}_good_{ratio[0]}x{ratio[1]}_{lines}.mp4"
        encode(frames, path, fps, crf, "hevc" if i == 3 else "h264")
        cases.append(Case("reframe", name, half, "good", f"{ratio[0]}:{ratio[1]} {lines}p, CRF {crf}", "ok",
                          source=rel(source, out), result=rel(path, out), placement=place))  # fmt: skip
    ratio, lines = targets[0]
    frames, place, inside = result(ratio, lines)
    rect = (place["x"], place["y"], place["width"], place["height"])
    where = (float(rng.uniform(0.2, 0.8)), float(rng.uniform(0.2, 0.8)))
    direction = float(rng.uniform(0, 2 * math.pi))
    span = range(count // 3, count // 3 + count // 6)
    degraded = [
        *[("shift", f"{f:.1%} of the width", meant,
           result(ratio, lines, shift=(f * place["width"] * math.cos(direction), f * place["width"] * math.sin(direction)))[0])
          for f, meant in ((0.005, "any"), (0.025, "warn"), (0.08, "fail"))],
        *[("scale", f"{s:.0%}", meant, result(ratio, lines, scale=1 + s)[0]) for s, meant in ((0.01, "any"), (0.03, "warn"), (0.08, "fail"))],
        ("paint", f"5% for {len(span)} frames", "any", [paint(f, 0.05, rect, where) if t in span else f for t, f in enumerate(frames)]),
        ("paint", f"25% for {len(span)} frames", "warn", [paint(f, 0.25, rect, where) if t in span else f for t, f in enumerate(frames)]),
        ("paint", "25% throughout", "fail", [paint(f, 0.25, rect, where) for f in frames]),
        ("colour", "+6 levels", "any", [f + 6 * inside for f in frames]),
        ("colour", "x0.8", "warn", [f * (1 - 0.2 * inside) for f in frames]),
        ("colour", "x0.55", "fail", [f * (1 - 0.45 * inside) for f in frames]),
        ("drop", "1 frame", "warn", frames[:count // 2] + frames[count // 2 + 1:]),
        ("drop", "4 frames", "fail", frames[:count // 2] + frames[count // 2 + 4:]),
        ("seam", "surroundings +25 levels", "unmeasured", result(ratio, lines, seam=25.0)[0]),
    ]  # fmt: skip
    crf = int(rng.integers(20, 28))
    for kind, strength, meant, frames in degraded:
        path = out / "reframe" / f"{name}_{kind}_{slug(strength)}.mp4"
        encode(frames, path, fps, crf)
        cases.append(Case("reframe", name, half, kind, strength, meant, source=rel(source, out), result=rel(path, out), placement=place))
    return cases


def slug(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in text.replace("%", "pc").replace("+", "p").replace(".", "_")).strip("_")


def rel(path: Path, out: Path) -> str:
    return str(path.relative_to(out))


# ---------------------------------------------------------------------------
# One source photograph: its three checks' cases.


def source_hash(seed: int, index: int) -> str:
    return hashlib.sha256(json.dumps([GENERATOR_VERSION, seed, index, SOURCES[index]]).encode()).hexdigest()[:16]


def make_source(out: Path, seed: int, index: int) -> dict:
    started = time.perf_counter()
    name = SOURCES[index]
    rng = np.random.default_rng([seed, index])
    photo = load_photo(next(p for p in IMAGES if p.name == name))
    h, w, _ = photo.shape
    scale = max(FRAME[0] / w, FRAME[1] / h) * float(rng.uniform(1.0, 1.4))
    cx, cy = float(rng.uniform(0.3, 0.7)) * w, float(rng.uniform(0.3, 0.7)) * h
    world = np.ascontiguousarray(sample(photo, cx, cy, scale, *WORLD), dtype=np.float32)
    half = "calibration" if index % 2 == 0 else "held-out"
    fps = (24, 25, 30)[index % 3]
    shape = (16, 9) if index % 4 < 2 else (4, 3)
    cases = (loop_cases(out, name, half, world, rng, fps) + edit_cases(out, name, half, world, rng, fps)
             + reframe_cases(out, name, half, world, rng, fps, shape))  # fmt: skip
    return {"photo": name, "hash": source_hash(seed, index), "fps": fps, "seconds": round(time.perf_counter() - started, 1), "cases": cases}


def main(argv) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(DEFAULT_OUT), help="output folder (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=18, help="seed of the whole set (default: %(default)s)")
    parser.add_argument("--jobs", type=int, default=2, help="photographs made at once (default: %(default)s)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    for check in ("loop", "edit", "reframe"):
        (out / check).mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    # A source whose cases are all there, made by this generator version from this seed, is kept as it is.
    try:
        before = {s["photo"]: s for s in json.loads((out / "manifest.json").read_text())["photos"]}
    except (OSError, ValueError, KeyError):
        before = {}
    sources: dict[int, dict] = {}
    for index, name in enumerate(SOURCES):
        entry = before.get(name)
        if entry and entry["hash"] == source_hash(args.seed, index) and all((out / c["result"]).is_file() for c in entry["cases"]):
            sources[index] = entry
    if sources:
        print(f"generate: {len(sources)} photographs already made from the same seed, kept", file=sys.stderr)
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {index: pool.submit(make_source, out, args.seed, index) for index in range(len(SOURCES)) if index not in sources}
        for index, future in futures.items():
            sources[index] = future.result()
            print(f"generate: {SOURCES[index]}: {len(sources[index]['cases'])} cases, {sources[index]['seconds']} s", file=sys.stderr)
    manifest = {"version": GENERATOR_VERSION, "seed": args.seed, "generator": "bench/check_eval/generate.py",
                "photos": [sources[i] for i in range(len(SOURCES))]}  # fmt: skip
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    counts: dict[str, int] = {}
    for s in manifest["photos"]:
        for c in s["cases"]:
            counts[c["check"]] = counts.get(c["check"], 0) + 1
    print(f"generate: {sum(counts.values())} cases ({', '.join(f'{k} {v}' for k, v in counts.items())}) "
          f"in {time.perf_counter() - started:.0f} s -> {out / 'manifest.json'}", file=sys.stderr)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
