"""Checks that `raykit shots` finds the same cuts, dissolves and flashes with its sparse decode as with a full decode (issue #18).

Usage:

    python3 bench/shot_eval/compare_paths.py [--raykit .build/release/raykit] [--set bench/work/shot_eval] [--jobs 2] [--out FILE]

Runs `raykit shots CLIP --json --verbose` on every clip of SET/manifest.json (made by generate.py) twice, with
`--decode full` and `--decode sparse`, and compares the cuts, dissolves, flashes, frame count and each shot's
span and how it begins (representative frames may differ: the sparse decode estimates the changes between the
reference pictures where it skipped frames). Prints one line per clip with the frames each decode took (from
the `--verbose` read counts) and every difference, and writes the same to FILE when asked; exits 1 when any
clip differs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from score import opened_set, scoring_parser

DEFAULT_SET = Path(__file__).resolve().parents[1] / "work" / "shot_eval"


def shots(raykit: str, clip: Path, decode: str) -> tuple[dict, int]:
    """What `raykit shots --decode DECODE` reports for `clip` that must not depend on the decode, and the frames it decoded."""
    done = subprocess.run([raykit, "shots", str(clip), "--json", "--verbose", "--decode", decode],
                          capture_output=True, text=True, check=True)
    report = json.loads(done.stdout)
    found = {
        "frameCount": report["frameCount"],
        "cuts": report["cuts"],
        "dissolves": [(d["firstFrame"], d["lastFrame"]) for d in report["dissolves"]],
        "flashes": [(f["firstFrame"], f["lastFrame"]) for f in report["flashes"]],
        "shots": [(s["firstFrame"], s["lastFrame"], s["begins"]) for s in report["shots"]],
    }
    read = next(line for line in done.stderr.splitlines() if line.startswith(f"raykit: read {clip}: "))
    decoded = int(read.split(" frames decoded")[0].rsplit(" ", 1)[1])
    return found, decoded


def compare(raykit: str, clip: Path) -> tuple[str, list[str], int, int]:
    """The clip's name, each difference between the two decodes, and the frames each decoded."""
    full, full_frames = shots(raykit, clip, "full")
    sparse, sparse_frames = shots(raykit, clip, "sparse")
    differences = [f"{key}: full {full[key]}, sparse {sparse[key]}" for key in full if full[key] != sparse[key]]
    return clip.name, differences, full_frames, sparse_frames


def main() -> int:
    parser = scoring_parser(__doc__.split("\n\n")[0], DEFAULT_SET, "clips")
    args = parser.parse_args()
    opened = opened_set(args)
    if opened is None:
        return 2
    raykit, manifest = opened
    clips = [Path(args.set) / entry["file"] for entry in manifest["clips"]]
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(lambda clip: compare(raykit, clip), clips))
    lines = []
    for name, differences, full_frames, sparse_frames in results:
        lines.append(f"{name}: {'DIFFERENT' if differences else 'same'}, frames decoded {full_frames} full, {sparse_frames} sparse")
        lines += [f"    {difference}" for difference in differences]
    full_total, sparse_total = sum(r[2] for r in results), sum(r[3] for r in results)
    differing = sum(1 for r in results if r[1])
    lines.append(f"{len(results)} clips, {differing} differing; frames decoded {full_total} full, {sparse_total} sparse "
                 f"({sparse_total / max(1, full_total):.0%})")
    print("\n".join(lines))
    if args.out:
        Path(args.out).write_text("\n".join(lines) + "\n")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
