"""Generates issue #18's labelled shot-detection set from real photographs, with its ground truth.

Usage (normally through `make eval-shots`):

    python3 bench/shot_eval/generate.py [OUT] [--seed S] [--clips N] [--only I ...] [--shots N] [--jobs J]

OUT (default bench/work/shot_eval/, git-ignored) receives one video per clip and manifest.json,
which holds, per clip, every labelled event in frame numbers (0-based, in presentation order):

  * "cuts": hard cuts, each the first frame of the new shot, with its kind: "cut" (another photograph)
    or "cut_same" (another crop and scale of the same photograph: the "same scene, other angle" cut);
  * "gradual": dissolves, dips to black and wipes, each [first, last]: every frame in the span shows
    a mix (or black), the frames either side show one shot alone;
  * "negatives": spans where nothing must be reported: pan, whip (whip pan with motion blur), zoom,
    shake (handheld), skew (fast pan with a rolling-shutter skew), crossing (a block of another photo
    sliding through the foreground, motion blurred), flash (a few over-exposed frames), light (a slow
    change of exposure and colour);
  * "shots": each shot's [first, last] frames and the photograph it shows.

The pictures are scikit-image's bundled sample photographs (in the wheel; nothing is downloaded): see
IMAGES and bench/shot_eval/README.md for their licences. Frames are made with numpy (a camera moving
over the photograph, bilinear sampling, motion blur from sub-frame samples, sensor noise) and piped as
raw rgb24 into the ffmpeg CLI (libx264 / libx265, CRF 20-26, 2-second GOPs, B-frames, one clip 10-bit
HLG HEVC). Everything is drawn from --seed: the same seed gives the same clips and labels. The whole
plan is drawn first, so --only or --jobs never change a clip.
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
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO / "bench" / "work" / "shot_eval"
MANIFEST_VERSION = 1
RENDER_VERSION = 3  # bump when rendering changes, so clips made before are made again


# ---------------------------------------------------------------------------
# The photographs: scikit-image's bundled sample data, with the licence its docs give.


@dataclass(frozen=True)
class Photo:
    name: str  # scikit-image's loader, e.g. skimage.data.astronaut
    file: str  # in skimage/data/ of the wheel
    licence: str  # as the loader's docstring states it
    weight: float = 1.0  # how often it is picked


IMAGES = (
    Photo("astronaut", "astronaut.png", "public domain (NASA Great Images: 'No known copyright restrictions, released into the public domain')"),
    Photo("camera", "camera.png", "CC0 (photographer Lav Varshney)"),
    Photo("chelsea", "chelsea.png", "CC0 (photographer Stefan van der Walt)"),
    Photo("coffee", "coffee.png", "CC0 (photographer Rachel Michetti)"),
    Photo("rocket", "rocket.jpg", "public domain (SpaceX photos)"),
    Photo("hubble_deep_field", "hubble_deep_field.jpg", "public domain (NASA / HubbleSite)", weight=0.5),
    Photo("retina", "retina.jpg", "CC0 1.0 (Mikael Häggström, Wikimedia Commons)", weight=0.5),
    Photo("immunohistochemistry", "ihc.png", "'No known copyright restrictions' (CMMI microscopy)", weight=0.7),
    Photo("coins", "coins.png", "'No known copyright restrictions' (Brooklyn Museum Collection)"),
    Photo("clock", "clock_motion.png", "public domain (photographer Stefan van der Walt)", weight=0.7),
    Photo("brick", "brick.png", "CC0 (CC0Textures, Bricks25)"),
    Photo("grass", "grass.png", "CC0 (linolafett, Grass-01, DeviantArt)"),
    Photo("gravel", "gravel.png", "CC0 (CC0Textures, Gravel04)"),
)

NEGATIVE_TYPES = ("pan", "whip", "zoom", "shake", "skew", "crossing", "flash", "light")
# Hard cut kinds and gradual transition types, with how often each is drawn.
TRANSITION_WEIGHTS = {"cut": 0.34, "cut_same": 0.17, "dissolve": 0.25, "dip": 0.12, "wipe": 0.12}
# Frames kept clear of any other labelled event around a negative and at each side of a shot's core.
MARGIN = 8
# A labelled transition must be visible: the two sides' pictures (each shot's picture at the transition, without
# noise, as 16x9 block means of 0-255 RGB) differ by at least this mean absolute difference, and a dip's outgoing
# picture is at least this far from black. Content is drawn again (up to VISIBILITY_TRIES times) until it does.
VISIBLE_CHANGE = 12.0
VISIBILITY_TRIES = 30


def skimage_data_dir() -> Path:
    import skimage.data

    return Path(skimage.data.__file__).parent


def load_photo(photo: Photo) -> np.ndarray:
    """The bundled file as float32 RGB (grey photographs repeated on three channels); never fetches."""
    from skimage.io import imread

    path = skimage_data_dir() / photo.file
    if not path.is_file():
        raise SystemExit(f"generate: {path} is not in the installed scikit-image wheel; install scikit-image >= 0.19")
    image = imread(path)
    if image.ndim == 2:
        image = np.repeat(image[:, :, None], 3, axis=2)
    return np.ascontiguousarray(image[:, :, :3]).astype(np.float32)


# ---------------------------------------------------------------------------
# The plan: pure data, drawn in the main process from the seed.


@dataclass
class Event:
    """A hard negative inside a shot; `start` is in the shot's local frames."""

    kind: str
    start: int
    length: int
    params: dict = field(default_factory=dict)


@dataclass
class ShotPlan:
    photo: str
    start: int  # first global frame it is visible (inside an incoming transition too)
    end: int  # last global frame it is visible
    cx: float  # view centre in photo pixels
    cy: float
    scale: float  # output pixels per photo pixel
    drift: tuple[float, float]  # screen pixels per frame
    events: list[Event] = field(default_factory=list)
    core_start: int = 0  # first global frame it is shown alone


@dataclass
class TransitionPlan:
    kind: str  # cut, cut_same, dissolve, dip, wipe
    first: int  # cut: the first frame of the new shot; gradual: the span's first frame
    last: int
    params: dict = field(default_factory=dict)


@dataclass
class ClipPlan:
    index: int
    name: str
    fps: int
    width: int
    height: int
    encoding: str  # h264, hevc, hevc10_hlg
    crf: int
    seed: int
    frames: int = 0
    shots: list[ShotPlan] = field(default_factory=list)
    transitions: list[TransitionPlan] = field(default_factory=list)


def encoding_for(index: int) -> str:
    if index == 7:
        return "hevc10_hlg"
    return "h264" if index % 5 < 3 else "hevc"


def pick_photo(rng: np.random.Generator, avoid: str | None) -> str:
    names = [p.name for p in IMAGES if p.name != avoid]
    weights = np.array([p.weight for p in IMAGES if p.name != avoid])
    return str(rng.choice(names, p=weights / weights.sum()))


def place_view(rng, size, width, height, scale=None):
    """A scale covering the frame and a centre keeping the view inside the photograph."""
    h, w = size
    cover = max(width / w, height / h)
    scale = scale or cover * float(rng.uniform(1.0, 1.6))
    half_w, half_h = width / (2 * scale), height / (2 * scale)
    cx = float(rng.uniform(half_w, max(half_w, w - half_w)))
    cy = float(rng.uniform(half_h, max(half_h, h - half_h)))
    return cx, cy, scale


def other_crop(rng, size, width, height, previous: ShotPlan):
    """Another crop of the same photograph: rescaled by 1.5-2.3x and moved as far as the photo allows."""
    h, w = size
    cover = max(width / w, height / h)
    factor = float(rng.uniform(1.5, 2.3))
    scale = previous.scale * factor if previous.scale < cover * 1.5 or rng.random() < 0.5 else previous.scale / factor
    scale = max(scale, cover)
    if abs(math.log(scale / previous.scale)) < math.log(1.4):
        scale = previous.scale * factor
    candidates = [place_view(rng, size, width, height, scale) for _ in range(24)]
    return max(candidates, key=lambda c: math.hypot(c[0] - previous.cx, c[1] - previous.cy))


def plan_event(rng, kind: str, width: int, height: int, fps: int) -> Event:
    """One hard negative's length and parameters (screen pixels, factors)."""
    sign = lambda: float(rng.choice([-1.0, 1.0]))  # noqa: E731
    if kind == "pan":
        length = int(rng.integers(20, 46))
        angle = float(rng.uniform(-0.35, 0.35)) + (0 if rng.random() < 0.75 else math.pi / 2)
        distance = sign() * float(rng.uniform(8, 20)) * length / 1.5
        return Event(kind, 0, length, {"dx": distance * math.cos(angle), "dy": distance * math.sin(angle)})
    if kind == "whip":
        length = int(rng.integers(6, 13))
        distance = sign() * float(rng.uniform(1.0, 2.2)) * width
        return Event(kind, 0, length, {"dx": distance, "dy": float(rng.uniform(-0.08, 0.08)) * distance})
    if kind == "zoom":
        length = int(rng.integers(15, 46))
        return Event(kind, 0, length, {"factor": float(rng.uniform(1.5, 2.3)) ** sign()})
    if kind == "shake":
        length = int(rng.integers(30, 61))
        waves = [(float(rng.uniform(2, 9)) / fps, float(rng.uniform(0, 2 * math.pi)), float(rng.uniform(0, 2 * math.pi)))
                 for _ in range(3)]  # fmt: skip
        return Event(kind, 0, length, {"amplitude": float(rng.uniform(0.01, 0.03)) * width, "waves": waves})
    if kind == "skew":
        length = int(rng.integers(12, 25))
        speed = sign() * float(rng.uniform(25, 50))
        return Event(kind, 0, length, {"dx": speed * length / 1.5, "readout": float(rng.uniform(0.6, 0.9))})
    if kind == "crossing":
        length = int(rng.integers(10, 31))
        return Event(kind, 0, length, {
            "photo": None,  # drawn by the caller (another photograph than the shot's)
            "height": float(rng.uniform(0.5, 0.95)), "width": float(rng.uniform(0.25, 0.6)),
            "bottom": float(rng.uniform(0.0, 0.1)), "direction": sign(), "shade": float(rng.uniform(0.45, 0.9)),
            "cx": float(rng.uniform(0.2, 0.8)), "cy": float(rng.uniform(0.2, 0.8)),
        })  # fmt: skip
    if kind == "flash":
        length = int(rng.integers(1, 5))
        return Event(kind, 0, length, {"gain": float(rng.uniform(1.6, 3.0)), "lift": float(rng.uniform(40, 110)),
                                       "decay": float(rng.uniform(0.35, 0.7))})  # fmt: skip
    if kind == "light":
        length = int(rng.integers(40, 91))
        level = float(rng.uniform(0.5, 0.72)) if rng.random() < 0.6 else float(rng.uniform(1.25, 1.45))
        tint = [float(rng.uniform(0.9, 1.1)) for _ in range(3)]
        return Event(kind, 0, length, {"gains": [level * t for t in tint]})
    raise ValueError(kind)


class Deck:
    """Draws items in shuffled rounds so every kind comes up about as often as its weight says."""

    def __init__(self, rng: np.random.Generator, weights: dict[str, float], round_size: int = 40):
        self.rng, self.weights, self.round_size, self.cards = rng, weights, round_size, []

    def draw(self) -> str:
        if not self.cards:
            total = sum(self.weights.values())
            for kind, weight in self.weights.items():
                self.cards += [kind] * max(1, round(self.round_size * weight / total))
            self.rng.shuffle(self.cards)
        return self.cards.pop()


def plan_clips(seed: int, count: int, shots_override: int | None, photos: dict[str, np.ndarray]) -> list[ClipPlan]:
    sizes = {name: image.shape[:2] for name, image in photos.items()}
    master = np.random.default_rng(seed)
    transitions = Deck(master, TRANSITION_WEIGHTS)
    negatives = Deck(master, {kind: 1.0 for kind in NEGATIVE_TYPES}, round_size=len(NEGATIVE_TYPES))
    clips = []
    for index in range(count):
        fps = (24, 25, 30)[index % 3]
        width, height = (1280, 720) if index % 6 == 5 else (960, 540)
        encoding = encoding_for(index)
        clip_seed = int(master.integers(2**31))
        rng = np.random.default_rng(clip_seed)
        crf = int(rng.integers(20, 27))
        name = f"clip{index:02d}_{encoding}_{height}p{fps}.mp4"
        clip = ClipPlan(index, name, fps, width, height, encoding, crf, clip_seed)
        shot_count = shots_override or int(rng.integers(4, 7))
        cursor = 0
        previous: ShotPlan | None = None
        for k in range(shot_count):
            if previous is None:
                photo = pick_photo(rng, None)
                cx, cy, scale = place_view(rng, sizes[photo], width, height)
                start = core_start = 0
            else:
                before = still(photos[previous.photo], previous, cursor - 1 - previous.start, width, height)
                kind, photo, (cx, cy, scale) = visible_next(rng, transitions.draw(), previous, before, photos, width, height)
                if kind in ("cut", "cut_same"):
                    clip.transitions.append(TransitionPlan(kind, cursor, cursor))
                    previous.end, start, core_start = cursor - 1, cursor, cursor
                elif kind in ("dissolve", "wipe"):
                    n = int(rng.integers(5, 31)) if kind == "dissolve" else int(rng.integers(8, 25))
                    params = {} if kind == "dissolve" else {"direction": str(rng.choice(["left", "right", "down", "up", "diagonal"]))}
                    clip.transitions.append(TransitionPlan(kind, cursor, cursor + n - 1, params))
                    previous.end, start, core_start = cursor + n - 1, cursor, cursor + n
                else:  # dip to black: fade out, hold black, fade in
                    out_n, hold, in_n = int(rng.integers(4, 16)), int(rng.integers(0, 9)), int(rng.integers(4, 16))
                    last = cursor + out_n + hold + in_n - 1
                    clip.transitions.append(TransitionPlan(kind, cursor, last, {"out": out_n, "hold": hold, "in": in_n}))
                    previous.end, start, core_start = cursor + out_n - 1, cursor + out_n + hold, last + 1
            drift = (float(rng.uniform(-0.8, 0.8)), float(rng.uniform(-0.5, 0.5)))
            shot = ShotPlan(photo, start, -1, cx, cy, scale, drift, core_start=core_start)
            # The shot's core (shown alone): events with margins, or 18-50 plain frames.
            event_count = int(rng.choice([0, 1, 1, 2], p=[0.3, 0.3, 0.2, 0.2]))
            local = core_start - start + MARGIN
            for _ in range(event_count):
                event = plan_event(rng, negatives.draw(), width, height, fps)
                if event.kind == "crossing":
                    event.params["photo"] = pick_photo(rng, photo)
                event.start = local
                shot.events.append(event)
                local += event.length + MARGIN + int(rng.integers(0, 10))
            core = (local - (core_start - start)) if shot.events else int(rng.integers(18, 51))
            cursor = core_start + max(core, 18)
            clip.shots.append(shot)
            previous = shot
        previous.end = cursor - 1
        clip.frames = cursor
        clips.append(clip)
    return clips


def visible_next(rng, kind: str, previous: ShotPlan, before: np.ndarray, photos: dict[str, np.ndarray], width: int, height: int):
    """The transition's kind and the incoming shot's photograph and view, drawn until the change is visible
    (and, for a dip, the incoming picture is not near black).

    A dip out of a picture too dark to fade visibly becomes a dissolve; a same-photo cut whose crops all look
    alike after half the tries becomes a cut to another photograph.
    """
    if kind == "dip" and visible_change(before, np.zeros_like(before)) < VISIBLE_CHANGE:
        kind = "dissolve"
    for attempt in range(VISIBILITY_TRIES):
        if kind == "cut_same" and attempt == VISIBILITY_TRIES // 2:
            kind = "cut"
        if kind == "cut_same":
            photo = previous.photo
            view = other_crop(rng, photos[photo].shape[:2], width, height, previous)
        else:
            photo = pick_photo(rng, previous.photo)
            view = place_view(rng, photos[photo].shape[:2], width, height)
        after = block_means(sample(photos[photo], view[0], view[1], view[2] / 2, width // 2, height // 2))
        black = np.zeros_like(after)
        if visible_change(before, after) >= VISIBLE_CHANGE and (kind != "dip" or visible_change(after, black) >= VISIBLE_CHANGE):
            return kind, photo, view
    raise SystemExit(f"generate: no visible {kind} after {previous.photo} in {VISIBILITY_TRIES} tries; change the seed")


def block_means(picture: np.ndarray, rows: int = 9, columns: int = 16) -> np.ndarray:
    """The picture's mean colour in each of rows x columns blocks, clipped to 0-255 first."""
    h, w, _ = picture.shape
    bh, bw = h // rows, w // columns
    blocks = np.clip(picture[:bh * rows, :bw * columns], 0, 255).reshape(rows, bh, columns, bw, 3)
    return blocks.mean(axis=(1, 3))


def visible_change(a: np.ndarray, b: np.ndarray) -> float:
    """Mean absolute difference of two block-mean pictures, 0-255."""
    return float(np.abs(a - b).mean())


def still(photo: np.ndarray, shot: ShotPlan, t: float, width: int, height: int) -> np.ndarray:
    """Block means of `shot`'s picture at local time t: its camera and exposure, without blur or noise, at half size."""
    cx, cy, scale, _ = camera_at(shot, t)
    picture = sample(photo, cx, cy, scale / 2, width // 2, height // 2) * light_gains(shot, t)
    return block_means(picture)


# ---------------------------------------------------------------------------
# Rendering: a camera over a photograph.


def reflect(index: np.ndarray, n: int) -> np.ndarray:
    """Mirrors indexes outside 0..n-1 back in, so a camera may move past the photo's edge."""
    period = 2 * (n - 1)
    index = np.mod(index, period)
    return np.where(index >= n, period - index, index)


def sample(photo: np.ndarray, cx: float, cy: float, scale: float, width: int, height: int) -> np.ndarray:
    """The view of `photo` centred on (cx, cy) at `scale` output px per photo px, bilinear.

    Rows, then columns, are gathered with np.take on (rows, columns x 3 channels): twice as fast as
    fancy indexing on three axes.
    """
    h, w, _ = photo.shape
    xs = cx + (np.arange(width) + 0.5 - width / 2) / scale - 0.5
    ys = cy + (np.arange(height) + 0.5 - height / 2) / scale - 0.5
    y0 = np.floor(ys)
    fy = (ys - y0).astype(np.float32)[:, None]
    y0 = y0.astype(np.int64)
    # Only the columns the view can reach (after mirroring) go through the row gather.
    columns = reflect(np.arange(math.floor(xs[0]), math.floor(xs[-1]) + 2), w)
    lo, hi = int(columns.min()), int(columns.max()) + 1
    flat = photo.reshape(h, w * 3)[:, 3 * lo:3 * hi]
    rows = np.take(flat, reflect(y0, h), axis=0)
    below = np.take(flat, reflect(y0 + 1, h), axis=0)
    below -= rows
    below *= fy
    rows += below
    x0 = np.floor(xs)
    fx = np.repeat((xs - x0).astype(np.float32), 3)
    x0 = x0.astype(np.int64)
    channel = np.arange(3)
    left = np.take(rows, ((reflect(x0, w) - lo)[:, None] * 3 + channel).ravel(), axis=1)
    right = np.take(rows, ((reflect(x0 + 1, w) - lo)[:, None] * 3 + channel).ravel(), axis=1)
    right -= left
    right *= fx
    left += right
    return left.reshape(height, width, 3)


def ease(p: float) -> float:
    p = min(1.0, max(0.0, p))
    return p * p * (3 - 2 * p)


def camera_at(s: ShotPlan, t: float) -> tuple[float, float, float, float]:
    """(cx, cy, scale, skew speed in screen px/frame) of shot `s` at local time t (frames, may be fractional)."""
    dx, dy = s.drift[0] * t, s.drift[1] * t
    zoom, skew = 1.0, 0.0
    for e in s.events:
        p = (t - e.start) / e.length
        if e.kind in ("pan", "whip", "skew"):
            dx += e.params["dx"] * ease(p)
            dy += e.params.get("dy", 0.0) * ease(p)
            if e.kind == "skew" and 0 <= p <= 1:
                skew = e.params["dx"] * 6 * p * (1 - p) / e.length * e.params["readout"]
        elif e.kind == "zoom":
            zoom *= math.exp(math.log(e.params["factor"]) * ease(p))
        elif e.kind == "shake" and 0 <= p <= 1:
            envelope = math.sin(math.pi * p) ** 0.5
            a = e.params["amplitude"] * envelope
            for freq, phase_x, phase_y in e.params["waves"]:
                dx += a * math.sin(2 * math.pi * freq * (t - e.start) + phase_x)
                dy += 0.7 * a * math.sin(2 * math.pi * freq * (t - e.start) + phase_y)
    scale = s.scale * zoom
    return s.cx + dx / scale, s.cy + dy / scale, scale, skew


def light_gains(shot: ShotPlan, t: float) -> np.ndarray:
    """The RGB gains of the shot's slow light changes at local time t."""
    gains = np.ones(3, np.float32)
    for e in shot.events:
        if e.kind == "light":
            gains *= np.float32(1) + (np.array(e.params["gains"], np.float32) - 1) * np.float32(ease((t - e.start) / e.length))
    return gains


class ShotRenderer:
    """Renders one shot's frames (local index 0 = its first visible frame) as float32 RGB."""

    SHUTTER = 0.5  # of the frame interval: the motion blur's length

    def __init__(self, shot: ShotPlan, clip: ClipPlan, photos: dict[str, np.ndarray], noise: list[np.ndarray], rng):
        self.shot, self.clip, self.photo = shot, clip, photos[shot.photo]
        self.noise, self.rng = noise, rng
        self.crossings = {id(e): self.crossing_patch(e, photos) for e in shot.events if e.kind == "crossing"}

    def camera(self, t: float) -> tuple[float, float, float, float]:
        """See camera_at."""
        return camera_at(self.shot, t)

    def screen_speed(self, t: float) -> float:
        """How far a point near the frame's edge moves on screen in one frame, in pixels."""
        a, b = self.camera(t - 0.5), self.camera(t + 0.5)
        move = math.hypot((b[0] - a[0]) * a[2], (b[1] - a[1]) * a[2])
        zoom = abs(math.log(b[2] / a[2])) * self.clip.width / 2
        return move + zoom + abs(a[3])

    def view(self, t: float) -> np.ndarray:
        cx, cy, scale, skew = self.camera(t)
        W, H = self.clip.width, self.clip.height
        if not skew:
            return sample(self.photo, cx, cy, scale, W, H)
        # Rolling shutter: row r is read (r / H) * readout of a frame later, so it is shifted by that much
        # of the pan (whole pixels: a wider view, each row cut from it at its own offset).
        shift = np.rint((np.arange(H) / H - 0.5) * skew).astype(int)
        margin = int(np.abs(shift).max()) + 1
        wide = sample(self.photo, cx, cy, scale, W + 2 * margin, H)
        out = np.empty((H, W, 3), np.float32)
        for r in range(H):
            out[r] = wide[r, margin + shift[r]:margin + shift[r] + W]
        return out

    def crossing_patch(self, e: Event, photos) -> tuple[np.ndarray, np.ndarray, float]:
        """The foreground block, premultiplied and motion blurred, its alpha, and its speed (px/frame)."""
        W, H = self.clip.width, self.clip.height
        pw, ph = int(e.params["width"] * W), int(e.params["height"] * H)
        source = photos[e.params["photo"]]
        sh, sw, _ = source.shape
        scale = max(pw / sw, ph / sh) * 1.3
        patch = sample(source, e.params["cx"] * sw, e.params["cy"] * sh, scale, pw, ph) * e.params["shade"]
        blur = max(1, int((W + pw) / (e.length + 1) * self.SHUTTER))
        pad = np.zeros((ph, blur, 3), np.float32)
        colour = np.concatenate([pad, patch, pad], axis=1)
        alpha = np.concatenate([pad[:, :, :1], np.ones((ph, pw, 1), np.float32), pad[:, :, :1]], axis=1)
        def smear(a):
            c = np.cumsum(np.pad(a, ((0, 0), (1, 0), (0, 0))), axis=1)
            out = np.zeros_like(a)
            out[:, blur - 1:] = (c[:, blur:] - c[:, :-blur]) / blur
            return out

        return smear(colour), smear(alpha), (W + pw + 2 * blur) / (e.length + 1)

    def frame(self, i: int) -> np.ndarray:
        speed = self.screen_speed(i)
        samples = min(12, max(1, math.ceil(speed * self.SHUTTER / 3)))
        offsets = (np.arange(samples) + 0.5) / samples - 0.5
        image = self.view(i + offsets[0] * self.SHUTTER)
        for offset in offsets[1:]:
            image += self.view(i + offset * self.SHUTTER)
        if samples > 1:
            image *= np.float32(1 / samples)
        gains = light_gains(self.shot, i)
        for e in self.shot.events:
            if e.kind == "crossing" and 0 <= i - e.start < e.length:
                image = self.composite(image, e, i - e.start)
            elif e.kind == "flash" and 0 <= i - e.start < e.length:
                k = i - e.start
                g = 1 + (e.params["gain"] - 1) * e.params["decay"] ** k
                image = image * np.float32(g) + np.float32(e.params["lift"] * (g - 1) / (e.params["gain"] - 1))
        if not np.all(gains == 1):
            image *= gains
        image += self.noise[int(self.rng.integers(len(self.noise)))]
        return image

    def composite(self, image: np.ndarray, e: Event, k: int) -> np.ndarray:
        colour, alpha, speed = self.crossings[id(e)]
        ph, pw, _ = colour.shape
        W, H = self.clip.width, self.clip.height
        x = int(round(-pw + speed * (k + 1)))
        if e.params["direction"] < 0:
            x = W - pw - x
        y = max(0, H - ph - int(e.params["bottom"] * H))
        a, b = max(0, x), min(W, x + pw)
        if a >= b:
            return image
        region = image[y:y + ph, a:b]
        image[y:y + ph, a:b] = region * (1 - alpha[:, a - x:b - x]) + colour[:, a - x:b - x]
        return image


def wipe_mask(direction: str, progress: float, width: int, height: int) -> np.ndarray:
    """1 where the incoming shot shows; a soft edge 3 % of the frame wide."""
    u = (np.arange(width) + 0.5) / width
    v = (np.arange(height) + 0.5) / height
    if direction == "left":
        d = np.broadcast_to(u[None, :], (height, width))
    elif direction == "right":
        d = np.broadcast_to(1 - u[None, :], (height, width))
    elif direction == "down":
        d = np.broadcast_to(v[:, None], (height, width))
    elif direction == "up":
        d = np.broadcast_to(1 - v[:, None], (height, width))
    else:
        d = (u[None, :] + v[:, None]) / 2
    soft = 0.03
    edge = progress * (1 + 2 * soft) - soft
    return np.clip((edge - d) / soft + 0.5, 0, 1).astype(np.float32)[:, :, None]


def render_frame(t: int, clip: ClipPlan, renderers: list[ShotRenderer]) -> np.ndarray:
    shots = clip.shots
    transition = next((tr for tr in clip.transitions if tr.first <= t <= tr.last and tr.kind not in ("cut", "cut_same")), None)
    if transition is None:
        k = max(k for k, s in enumerate(shots) if s.start <= t)
        return renderers[k].frame(t - shots[k].start)
    k = clip.transitions.index(transition) + 1  # the incoming shot
    a_shot, b_shot = shots[k - 1], shots[k]
    a, b = renderers[k - 1], renderers[k]
    n = transition.last - transition.first + 1
    p = (t - transition.first + 1) / (n + 1)
    if transition.kind == "dissolve":
        return a.frame(t - a_shot.start) * np.float32(1 - p) + b.frame(t - b_shot.start) * np.float32(p)
    if transition.kind == "wipe":
        mask = wipe_mask(transition.params["direction"], p, clip.width, clip.height)
        return a.frame(t - a_shot.start) * (1 - mask) + b.frame(t - b_shot.start) * mask
    out_n, hold, in_n = (transition.params[key] for key in ("out", "hold", "in"))
    k_in = t - transition.first
    if k_in < out_n:
        return a.frame(t - a_shot.start) * np.float32(1 - (k_in + 1) / (out_n + 1))
    if k_in < out_n + hold:
        return np.maximum(a.noise[int(a.rng.integers(len(a.noise)))], 0)  # black, with a little sensor noise
    k_b = k_in - out_n - hold
    return b.frame(t - b_shot.start) * np.float32((k_b + 1) / (in_n + 1))


# ---------------------------------------------------------------------------
# Encoding.


def encoder_args(clip: ClipPlan) -> list[str]:
    gop = 2 * clip.fps
    if clip.encoding == "h264":
        return ["-vf", "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p",
                "-c:v", "libx264", "-preset", "medium", "-crf", str(clip.crf), "-g", str(gop), "-keyint_min", str(clip.fps),
                "-bf", "3", "-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709"]  # fmt: skip
    x265 = f"log-level=error:keyint={gop}:min-keyint={clip.fps}:bframes=4"
    if clip.encoding == "hevc":
        return ["-vf", "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p",
                "-c:v", "libx265", "-preset", "faster", "-crf", str(clip.crf), "-x265-params", x265, "-tag:v", "hvc1",
                "-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709"]  # fmt: skip
    # 10-bit HLG HEVC: the photographs' values carried as they are, tagged BT.2020 / HLG (the decode path is the test).
    return ["-vf", "scale=out_color_matrix=bt2020:out_range=tv,format=yuv420p10le",
            "-c:v", "libx265", "-preset", "faster", "-profile:v", "main10", "-crf", str(clip.crf),
            "-x265-params", f"{x265}:colorprim=bt2020:transfer=arib-std-b67:colormatrix=bt2020nc", "-tag:v", "hvc1",
            "-color_primaries", "bt2020", "-color_trc", "arib-std-b67", "-colorspace", "bt2020nc"]  # fmt: skip


def render_clip(clip: ClipPlan, out: Path) -> dict:
    """Renders and encodes one clip; returns its manifest entry."""
    started = time.perf_counter()
    names = {s.photo for s in clip.shots} | {e.params["photo"] for s in clip.shots for e in s.events if e.kind == "crossing"}
    photos = {photo.name: load_photo(photo) for photo in IMAGES if photo.name in names}
    rng = np.random.default_rng(clip.seed + 1)
    noise = [rng.normal(0, 2.0, (clip.height, clip.width, 3)).astype(np.float32) for _ in range(6)]
    renderers = [ShotRenderer(shot, clip, photos, noise, rng) for shot in clip.shots]
    partial = out / f"partial-{clip.name}"
    cmd = ["ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
           "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{clip.width}x{clip.height}", "-r", str(clip.fps), "-i", "-",
           *encoder_args(clip), "-an", "-movflags", "+faststart", str(partial)]  # fmt: skip
    encoder = subprocess.Popen(cmd, stdin=subprocess.PIPE)
    try:
        for t in range(clip.frames):
            frame = render_frame(t, clip, renderers)
            encoder.stdin.write(np.clip(frame + 0.5, 0, 255).astype(np.uint8).tobytes())
        encoder.stdin.close()
    except BrokenPipeError:
        pass
    if encoder.wait() != 0:
        raise RuntimeError(f"ffmpeg failed on {clip.name}: {' '.join(cmd)}")
    partial.rename(out / clip.name)
    size = (out / clip.name).stat().st_size
    seconds = clip.frames / clip.fps
    return manifest_entry(clip, bitrate_kbps=round(size * 8 / seconds / 1000), render_seconds=time.perf_counter() - started)


def plan_hash(clip: ClipPlan) -> str:
    """Identifies what a clip's file holds: its plan, its encoder settings and the renderer's version."""
    text = json.dumps([RENDER_VERSION, asdict(clip), encoder_args(clip)], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def manifest_entry(clip: ClipPlan, bitrate_kbps: int, render_seconds: float) -> dict:
    negatives = []
    for shot in clip.shots:
        for e in shot.events:
            negatives.append({"type": e.kind, "first": shot.start + e.start, "last": shot.start + e.start + e.length - 1})
    negatives.sort(key=lambda n: n["first"])
    return {
        "file": clip.name,
        "fps": clip.fps,
        "width": clip.width,
        "height": clip.height,
        "encoding": clip.encoding,
        "crf": clip.crf,
        "bitrateKbps": bitrate_kbps,
        "frameCount": clip.frames,
        "cuts": [{"frame": tr.first, "kind": tr.kind} for tr in clip.transitions if tr.kind in ("cut", "cut_same")],
        "gradual": [{"type": tr.kind, "first": tr.first, "last": tr.last, **tr.params}
                    for tr in clip.transitions if tr.kind not in ("cut", "cut_same")],  # fmt: skip
        "negatives": negatives,
        "shots": [{"first": s.start, "last": s.end, "photo": s.photo} for s in clip.shots],
        "renderSeconds": round(render_seconds, 1),
        "planHash": plan_hash(clip),
    }


# ---------------------------------------------------------------------------
# Command line.


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(DEFAULT_OUT), help="output folder (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=18, help="seed of the whole set (default: %(default)s)")
    parser.add_argument("--clips", type=int, default=44, help="number of clips (default: %(default)s)")
    parser.add_argument("--only", type=int, nargs="+", metavar="I", help="render only these clip indexes (the plan is the same)")
    parser.add_argument("--shots", type=int, help="shots per clip instead of 4-6 (a different, smaller plan, for trying the scripts)")
    parser.add_argument("--plan-only", action="store_true", help="print the plan's totals and render nothing")
    parser.add_argument("--jobs", type=int, default=2, help="clips rendered at once (default: %(default)s)")
    return parser.parse_args(argv)


def main(argv) -> int:
    args = parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    clips = plan_clips(args.seed, args.clips, args.shots, {photo.name: load_photo(photo) for photo in IMAGES})
    if args.plan_only:
        entries = [manifest_entry(c, 0, 0) for c in clips]
        frames = sum(c.frames for c in clips)
        seconds = sum(c.frames / c.fps for c in clips)
        print(f"plan: {len(clips)} clips, {frames} frames ({seconds:.0f} s), {summarize(entries)}")
        return 0
    chosen = [c for c in clips if args.only is None or c.index in args.only]
    started = time.perf_counter()
    entries = {}
    # A clip whose file is there and whose plan and settings are unchanged is kept as it is.
    try:
        before = {e["file"]: e for e in json.loads((out / "manifest.json").read_text())["clips"]}
    except (OSError, ValueError, KeyError):
        before = {}
    for clip in chosen:
        entry = before.get(clip.name)
        if entry and entry.get("planHash") == plan_hash(clip) and (out / clip.name).is_file():
            entries[clip.index] = entry
    if entries:
        print(f"generate: {len(entries)} clips already made with the same plan, kept (delete them to make them again)", file=sys.stderr)
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {pool.submit(render_clip, clip, out): clip for clip in chosen if clip.index not in entries}
        for future, clip in futures.items():
            entry = future.result()
            entries[clip.index] = entry
            write_manifest(out, args.seed, [entries[c.index] for c in chosen if c.index in entries])  # a stopped run keeps what it made
            print(f"generate: {clip.name}: {clip.frames} frames, {len(entry['cuts'])} cuts, {len(entry['gradual'])} gradual, "
                  f"{len(entry['negatives'])} negatives, {entry['bitrateKbps']} kb/s, {entry['renderSeconds']} s", file=sys.stderr)  # fmt: skip
    write_manifest(out, args.seed, [entries[c.index] for c in chosen])
    totals = summarize([entries[c.index] for c in chosen])
    print(f"generate: {len(chosen)} clips, {totals} in {time.perf_counter() - started:.0f} s -> {out / 'manifest.json'}", file=sys.stderr)
    return 0


def write_manifest(out: Path, seed: int, clips: list[dict]) -> None:
    manifest = {
        "version": MANIFEST_VERSION,
        "seed": seed,
        "generator": "bench/shot_eval/generate.py",
        "frameNumbers": "0-based, presentation order; a cut is the first frame of the new shot; spans are [first, last] inclusive",
        "photos": {p.name: {"file": f"skimage/data/{p.file}", "licence": p.licence} for p in IMAGES},
        "clips": clips,
    }
    partial = out / "partial-manifest.json"
    partial.write_text(json.dumps(manifest, indent=1) + "\n")
    partial.rename(out / "manifest.json")


def summarize(clips: list[dict]) -> str:
    count: dict[str, int] = {}
    for clip in clips:
        for c in clip["cuts"]:
            count[c["kind"]] = count.get(c["kind"], 0) + 1
        for g in clip["gradual"]:
            count[g["type"]] = count.get(g["type"], 0) + 1
    negatives: dict[str, int] = {}
    for clip in clips:
        for n in clip["negatives"]:
            negatives[n["type"]] = negatives.get(n["type"], 0) + 1
    transitions = sum(count.values())
    return (f"{transitions} transitions ({', '.join(f'{k} {v}' for k, v in sorted(count.items()))}), "
            f"{sum(negatives.values())} negatives ({', '.join(f'{k} {v}' for k, v in sorted(negatives.items()))})")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
