"""Distributions of the shot detector's measures on the labelled set, and the thresholds they give (issue #18).

Usage:

    python3 bench/shot_eval/thresholds.py [--set bench/work/shot_eval] [--half even|odd|all]

Recomputes, with PyAV, the measures `ShotDetector` reads (distances between 64x36 block means of Y, U and V,
0-255; 16x9 Y layouts) on the clips of one half of the set (default: even clip numbers, where the thresholds
were chosen; odd ones are the hold-out), and prints for each test the closest values on its two sides: true
transitions against everything else. Each threshold in `ShotDetector.Options` is the geometric mean of those
two values, rounded (see bench/shot_eval/README.md). PyAV's area scaling stands in for raykit's sampled block
means: the two differ by a small fraction of these margins.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
EXCURSION = 6  # frames (Options.excursionFrames)
REACH = 36  # frames (Options.reach)


def thumbnails(path: Path) -> np.ndarray:
    """(frames, 36, 64, 3) Y, U, V block means as float32."""
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        frames = [f.reformat(width=64, height=36, format="yuv444p", interpolation="AREA").to_ndarray() for f in container.decode(stream)]
    return np.stack(frames).astype(np.float32)


def distance(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.abs(a - b).mean())


def layout_correlation(a: np.ndarray, b: np.ndarray) -> float:
    x, y = (t[0].reshape(9, 4, 16, 4).mean(axis=(1, 3)).ravel() for t in (a, b))
    return float(np.corrcoef(x, y)[0, 1]) if x.std() > 0 and y.std() > 0 else 0.0


def efficiency(t: np.ndarray, a: int, b: int) -> float:
    """Straight distance through the best quarter point over the road through all of them."""
    points = [a + ((b - a) * j + 2) // 4 for j in range(5)]
    road = sum(distance(t[p], t[q]) for p, q in zip(points, points[1:]))
    straight = max(distance(t[a], t[k]) + distance(t[k], t[b]) for k in points[1:4])
    return straight / road if road > 0 else 0.0


def balance(t: np.ndarray, a: int, b: int) -> float:
    """How evenly the middle frame splits the way from a to b: the shorter of its distances to the two ends over theirs."""
    m = a + ((b - a) * 2 + 2) // 4
    apart = distance(t[a], t[b])
    return min(distance(t[a], t[m]), distance(t[m], t[b])) / apart if apart > 0 else 0.0


def rise(steps: np.ndarray, i: int) -> float:
    """A jump's step over the largest step into the EXCURSION frames before it."""
    return float(steps[i] / max(steps[max(1, i - EXCURSION):i].max(), 1e-3))


def jump_measures(t: np.ndarray, i: int, steps: np.ndarray) -> tuple[float, float]:
    """(contrast: the step over the larger step either side, return: how near the pictures come back, over the step)."""
    around = max(steps[i - 1], steps[i + 1] if i + 1 < len(steps) else 0)
    back = [distance(t[i + k], t[i - 1]) for k in range(1, EXCURSION + 1) if i + k < len(t)]
    back += [distance(t[i], t[i - 1 - k]) for k in range(1, EXCURSION + 1) if i - 1 - k >= 0]
    return steps[i] / max(around, 1e-3), min(back) / steps[i]


def peak_steps(t: np.ndarray) -> np.ndarray:
    """Each frame's peak change from the frame before: the largest of its blocks' mean Y, U, V differences."""
    return np.array([0.0] + [float(np.abs(t[i] - t[i - 1]).mean(axis=0).max()) for i in range(1, len(t))])


def edge_measures(t: np.ndarray, clip: dict) -> tuple[list[float], list[float]]:
    """(a labelled wipe's first and last steps' peak change over the larger of the two beyond each, the same
    ratio for the frames up to EXCURSION beyond each labelled transition, outside any event): what
    `edgeContrast` separates. Peaks under 1 level count as 1, as in `Transitions.carriedToEdges`."""
    peak, n = peak_steps(t), len(t)
    busy = {i for c in clip["cuts"] for i in range(c["frame"] - 1, c["frame"] + 2)}
    busy |= {i for g in clip["gradual"] for i in range(g["first"] - 1, g["last"] + 3)}
    busy |= {i for e in clip["negatives"] if e["type"] == "flash" for i in range(e["first"] - 1, e["last"] + 3)}
    before = lambda i: peak[i] / max(1.0, peak[i - 1], peak[i - 2])  # noqa: E731
    after = lambda i: peak[i] / max(1.0, peak[i + 1], peak[i + 2])  # noqa: E731
    edges, beyond = [], []
    for g in clip["gradual"]:
        first, last = g["first"], g["last"]
        if g["type"] == "wipe":
            edges += [before(first)] + ([after(last + 1)] if last + 3 < n else [])
        beyond += [before(j) for j in range(first - EXCURSION, first) if j >= 2 and j not in busy]
        beyond += [after(j) for j in range(last + 2, last + 2 + EXCURSION) if j + 2 < n and j not in busy]
    return edges, beyond


def straight_windows_leaving(t: np.ndarray, negative: dict) -> list[float]:
    """The balance of each window from inside a move to the calm after it (up to 8 frames past its end: each
    negative has 8 frames of its shot after it) that the other blend tests pass: 8+ apart and straight."""
    found = []
    for a in range(max(1, negative["first"] - 1), negative["last"] + 1):
        for b in range(negative["last"] + 1, min(len(t), negative["last"] + 9)):
            if 4 <= b - a <= REACH and distance(t[a], t[b]) >= 8 and efficiency(t, a, b) >= 0.92:
                found.append(balance(t, a, b))
    return found


def gap(name: str, true: list[float], other: list[float], higher_is_true: bool) -> None:
    """Prints the closest values of the two sides and, where they do not overlap, their geometric mean; where
    they do, how many of the others lie past the true side's last value."""
    t = min(true) if higher_is_true else max(true)
    o = max(other) if higher_is_true else min(other)
    side = "above" if higher_is_true else "below"
    line = f"{name}: true transitions {side} {t:.3f} (n={len(true)}), others {'up to' if higher_is_true else 'from'} {o:.3f} (n={len(other)})"
    if (o < t) == higher_is_true:
        print(f"{line}; geometric mean {math.sqrt(max(t, 1e-6) * max(o, 1e-6)):.3f}")
    else:
        past = sum(1 for x in other if (x >= t) == higher_is_true)
        print(f"{line}; overlap: {past} others ({past / len(other):.1%}) lie past {t:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default=str(REPO / "bench" / "work" / "shot_eval"))
    parser.add_argument("--half", choices=("even", "odd", "all"), default="even")
    args = parser.parse_args()
    folder = Path(args.set)
    clips = json.loads((folder / "manifest.json").read_text())["clips"]
    keep = {"even": lambda n: n % 2 == 0, "odd": lambda n: n % 2 == 1, "all": lambda n: True}[args.half]
    clips = [c for c in clips if keep(int(c["file"][4:6]))]
    cut_step, cut_contrast, cut_return = [], [], []
    other_contrast, flash_return = [], []
    flash_rise, other_rise = [], []  # rise(): a returning jump's step over the largest of the steps before it
    blend_eff, other_eff, blend_layout, light_layout = [], [], [], []
    blend_balance, other_balance = [], []
    wipe_edges, beyond_edges = [], []
    for clip in clips:
        t = thumbnails(folder / clip["file"])
        steps = np.array([0.0] + [distance(t[i], t[i - 1]) for i in range(1, len(t))])
        cuts = {c["frame"] for c in clip["cuts"]}
        in_gradual = lambda i: any(g["first"] - 1 <= i <= g["last"] + 1 for g in clip["gradual"])  # noqa: E731
        flash_frames = {i for n in clip["negatives"] if n["type"] == "flash" for i in (n["first"], n["last"] + 1)}  # its two jumps
        flash_starts = {n["first"] for n in clip["negatives"] if n["type"] == "flash"}
        for i in range(1, len(t) - 1):
            if steps[i] < 2 or in_gradual(i):
                continue
            contrast, back = jump_measures(t, i, steps)
            if i in cuts:
                cut_step.append(steps[i])
                cut_contrast.append(contrast)
                cut_return.append(back)
            elif i in flash_frames:
                flash_return.append(back)
                if i in flash_starts:
                    flash_rise.append(rise(steps, i))
            elif back >= 0.3:  # a jump that comes back is a flash, whatever its contrast
                other_contrast.append(contrast)
            if back < 0.63 and i not in flash_frames:  # comes back as a flash does (returnFraction)
                other_rise.append(rise(steps, i))
        edges, beyond = edge_measures(t, clip)
        wipe_edges += edges
        beyond_edges += beyond
        for g in clip["gradual"]:
            parts = [(g["first"] - 1, g["last"] + 1)]
            if g["type"] == "dip":  # a fade out and a fade in, joined through black
                parts = [(g["first"] - 1, g["first"] + g["out"]), (g["last"] - g["in"], g["last"] + 1)]
            for a, b in parts:
                blend_eff.append(efficiency(t, a, b))
                blend_balance.append(balance(t, a, b))
            if g["type"] != "dip":
                blend_layout.append(layout_correlation(t[g["first"] - 1], t[g["last"] + 1]))
        for n in clip["negatives"]:
            if n["type"] == "flash":  # comes back: the return test's side
                continue
            for a in range(max(1, n["first"] - 1), n["last"] + 1, 2):
                for length in range(4, REACH - 1, 4):
                    b = a + length
                    if b >= len(t) or b > n["last"] + 2:
                        break
                    if distance(t[a], t[b]) < 8:
                        continue
                    if n["type"] == "light":
                        light_layout.append(layout_correlation(t[a], t[b]))
                    else:
                        other_eff.append(efficiency(t, a, b))
            if n["type"] != "light":
                other_balance += straight_windows_leaving(t, n)
    print(f"{len(clips)} clips ({args.half} clip numbers)")
    print(f"cut step (distance into the cut frame): smallest {min(cut_step):.3f} (n={len(cut_step)})")
    gap("cutContrast (step over the larger step either side)", cut_contrast, other_contrast, True)
    gap("returnFraction (nearest return over the step; flashes below)", cut_return, flash_return, True)
    gap("flashContrast (labelled flashes' jump over the steps before, vs other returning jumps)", flash_rise, other_rise, True)
    gap("mixEfficiency (labelled blends vs windows >= 8 apart inside pans, zooms, shakes, skews, crossings, whips)",
        blend_eff, other_eff, True)  # fmt: skip
    gap("blendBalance (labelled blends vs straight windows from inside a move to the calm after it)", blend_balance, other_balance, True)
    gap("sameLayout (labelled dissolves and wipes below; light changes >= 8 apart above)", blend_layout, light_layout, False)
    gap("edgeContrast (a wipe's first and last steps' peak change over the two beyond, vs frames beyond a transition)",
        wipe_edges, beyond_edges, True)  # fmt: skip


if __name__ == "__main__":
    main()
