"""Scores `raykit shots` and PySceneDetect on the labelled set that generate.py made (issue #18).

Usage (normally through `make eval-shots`):

    python3 bench/shot_eval/score.py [--raykit .build/release/raykit] [--set bench/work/shot_eval]
                                     [--out bench/work/shot_eval/scores.md] [--jobs 2]

Runs, on every clip of SET/manifest.json, `raykit shots CLIP --json` and PySceneDetect's ContentDetector
and AdaptiveDetector with their default settings (its Python API, OpenCV decoding), then scores:

  * hard cuts, frame-exact (+-0): a reported cut is a hit only on the labelled frame, the first frame of
    the new shot. PySceneDetect's cut is the first frame of each scene after the first (its start
    FrameTimecode's frame number, 0-based), raykit's is an entry of `cuts`. A reported cut inside a labelled
    gradual transition (or on the frame either side of it) is neither a hit nor a false positive: it is
    counted apart ("at gradual"), since PySceneDetect reports every transition as a cut;
  * gradual transitions (dissolves, dips to black, wipes), raykit only (PySceneDetect reports cuts only):
    a labelled span is found when a reported dissolve's middle lies within 3 frames of the span's middle
    (one report per span); reported dissolves overlapping a hard-negative span; reported transitions
    overlapping one another (two dissolves, or a cut inside a dissolve); shots shorter than 3 frames
    (every labelled shot is longer, so each is false);
  * false positives by what was on screen: each false cut or dissolve is put under the hard-negative type
    whose span (widened by 2 frames each side) it falls in or overlaps, else "elsewhere";
  * `raykit keyframes CLIP --suggest N` with N = the clip's labelled shots + 3: every real shot start must be
    suggested (a cut's frame exactly; after a gradual transition its first frame alone or one of the 2 after
    it) and no suggested frame may lie inside a labelled gradual transition or a flash;
  * every figure for the whole set and for its two halves: even clip numbers (where the detector's thresholds
    were chosen) and odd ones (the hold-out).

Prints a markdown report and writes it to --out; per-clip misses and false reports go to --details.
Before scoring, it checks frame numbering on fixtures/shots.mp4 (cuts at 30 and 60): raykit and both
PySceneDetect detectors must report those exact frames, or the run stops.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SET = REPO / "bench" / "work" / "shot_eval"
FIXTURE = REPO / "fixtures" / "shots.mp4"
FIXTURE_CUTS = (30, 60)
NEGATIVE_TYPES = ("pan", "whip", "zoom", "shake", "skew", "crossing", "flash", "light")
GRADUAL_TYPES = ("dissolve", "dip", "wipe")
DETECTORS = ("raykit", "content", "adaptive")
LABELS = {"raykit": "raykit shots", "content": "PySceneDetect ContentDetector", "adaptive": "PySceneDetect AdaptiveDetector"}
MIDDLE_TOLERANCE = 3  # frames between a reported and a labelled gradual transition's middles
WIDEN = 2  # frames a negative span is widened by when a false report is attributed to it
SHORTEST_SHOT = 3  # frames
EXTRA_KEYFRAMES = 3  # guide frames asked for beyond the clip's labelled shots
GRADUAL_START_SLACK = 2  # frames after a gradual transition's end a suggested shot start may lie
HALVES = (("all", lambda n: True), ("even clips (tuning)", lambda n: n % 2 == 0), ("odd clips (hold-out)", lambda n: n % 2 == 1))


# ---------------------------------------------------------------------------
# Running the detectors.


def run_raykit(raykit: str, clip: Path) -> dict:
    started = time.perf_counter()
    done = subprocess.run([raykit, "shots", str(clip), "--json"], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"score: raykit shots {clip} exited {done.returncode}: {done.stderr.strip()[-400:]}")
    report = json.loads(done.stdout)
    return {
        "seconds": time.perf_counter() - started,
        "frameCount": report["frameCount"],
        "cuts": sorted(report["cuts"]),
        "dissolves": [(d["firstFrame"], d["lastFrame"]) for d in report["dissolves"]],
        "shots": [(s["firstFrame"], s["lastFrame"]) for s in report["shots"]],
        "flashes": [(f["firstFrame"], f["lastFrame"]) for f in report["flashes"]],
    }


def run_keyframes(raykit: str, clip: Path, count: int) -> list[int]:
    """The frames `raykit keyframes --suggest count` picks (stills written small, to a scratch folder)."""
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        done = subprocess.run([raykit, "keyframes", str(clip), "--suggest", str(count), "--out", scratch, "--format", "jpeg",
                               "--max-side", "64", "--json"], capture_output=True, text=True)  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"score: raykit keyframes {clip} exited {done.returncode}: {done.stderr.strip()[-400:]}")
    return sorted(k["keyframeIndex"] for k in json.loads(done.stdout)["keyframes"])


def run_scenedetect(kind: str, clip: str) -> dict:
    """PySceneDetect with default settings; cuts are the first frames of the scenes after the first."""
    import logging

    from scenedetect import AdaptiveDetector, ContentDetector, detect

    logging.getLogger("pyscenedetect").setLevel(logging.ERROR)
    started = time.perf_counter()
    detector = ContentDetector() if kind == "content" else AdaptiveDetector()
    scenes = detect(clip, detector, show_progress=False)

    def frame(timecode) -> int:
        return int(timecode.frame_num) if hasattr(timecode, "frame_num") else int(timecode.get_frames())

    return {"seconds": time.perf_counter() - started, "cuts": sorted(frame(start) for start, _ in scenes[1:])}


def check_numbering(raykit: str) -> None:
    """Every detector must put the fixture's two cuts on their exact frames, or scoring means nothing."""
    found = {"raykit": run_raykit(raykit, FIXTURE)["cuts"]}
    for kind in ("content", "adaptive"):
        found[kind] = run_scenedetect(kind, str(FIXTURE))["cuts"]
    for kind, cuts in found.items():
        if not set(FIXTURE_CUTS) <= set(cuts):
            raise SystemExit(f"score: {LABELS[kind]} reports cuts {cuts} on {FIXTURE.name}, whose cuts are {list(FIXTURE_CUTS)}: "
                             "frame numbering differs, scores would be wrong")  # fmt: skip


def detect_all(raykit: str, clips: list[dict], folder: Path, jobs: int) -> dict[str, list[dict]]:
    paths = [folder / clip["file"] for clip in clips]
    results: dict[str, list[dict]] = {}
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results["raykit"] = list(pool.map(lambda p: run_raykit(raykit, p), paths))
        counts = [len(clip["shots"]) + EXTRA_KEYFRAMES for clip in clips]
        for found, keyframes in zip(results["raykit"], pool.map(lambda p, n: run_keyframes(raykit, p, n), paths, counts)):
            found["keyframes"] = keyframes
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for kind in ("content", "adaptive"):
            results[kind] = list(pool.map(run_scenedetect, [kind] * len(paths), [str(p) for p in paths]))
    for clip, found in zip(clips, results["raykit"]):
        if found["frameCount"] != clip["frameCount"]:
            raise SystemExit(f"score: raykit counts {found['frameCount']} frames in {clip['file']}, the generator wrote {clip['frameCount']}")
    return results


# ---------------------------------------------------------------------------
# Scoring.


def negative_at(clip: dict, first: int, last: int) -> str:
    """The hard-negative type whose span (widened) overlaps [first, last], else "elsewhere"."""
    for span in clip["negatives"]:
        if first <= span["last"] + WIDEN and last >= span["first"] - WIDEN:
            return span["type"]
    return "elsewhere"


def at_gradual(clip: dict, frame: int) -> bool:
    return any(g["first"] - 1 <= frame <= g["last"] + 1 for g in clip["gradual"])


def score_cuts(clips: list[dict], found: list[dict]) -> dict:
    labelled = hits = at_grad = 0
    by_kind: Counter = Counter()
    kinds: Counter = Counter()
    false: Counter = Counter()
    details = []
    for clip, result in zip(clips, found):
        truth = {c["frame"]: c["kind"] for c in clip["cuts"]}
        reported = set(result["cuts"])
        labelled += len(truth)
        kinds.update(truth.values())
        for frame, kind in truth.items():
            if frame in reported:
                hits += 1
                by_kind[kind] += 1
        misses = sorted(set(truth) - reported)
        wrong = []
        for frame in sorted(reported - set(truth)):
            if at_gradual(clip, frame):
                at_grad += 1
                continue
            where = negative_at(clip, frame, frame)
            if where == "elsewhere" and any(abs(frame - t) <= 3 for t in truth):
                where = "off by 1-3 frames"
            false[where] += 1
            wrong.append((frame, where))
        details.append({"file": clip["file"], "missed": misses, "false": wrong})
    fp = sum(false.values())
    return {
        "labelled": labelled, "hits": hits, "false": fp, "atGradual": at_grad, "falseBy": false, "details": details,
        "precision": hits / (hits + fp) if hits + fp else 1.0, "recall": hits / labelled if labelled else 1.0,
        "recallBy": {k: (by_kind[k], kinds[k]) for k in kinds},
    }  # fmt: skip


def middle(first: int, last: int) -> float:
    return (first + last) / 2


def score_gradual(clips: list[dict], found: list[dict]) -> dict:
    # found, labelled, reported as a cut instead, reported split in parts
    per_type: dict[str, list[int]] = {t: [0, 0, 0, 0] for t in GRADUAL_TYPES}
    false: Counter = Counter()
    overlaps = short = reported = parts = 0
    short_where: Counter = Counter()
    details = []
    for clip, result in zip(clips, found):
        dissolves = list(result["dissolves"])
        reported += len(dissolves)
        used: set[int] = set()
        split_parts: set[int] = set()
        missed = []
        for g in clip["gradual"]:
            per_type[g["type"]][1] += 1
            want = middle(g["first"], g["last"])
            near = [(abs(middle(*d) - want), i) for i, d in enumerate(dissolves) if i not in used and abs(middle(*d) - want) <= MIDDLE_TOLERANCE]
            if near:
                used.add(min(near)[1])
                per_type[g["type"]][0] += 1
            else:
                as_cut = any(g["first"] - 1 <= c <= g["last"] + 1 for c in result["cuts"])
                per_type[g["type"]][2] += as_cut
                # Two or more reports inside the span whose union is centred on it (a dip reported as a fade
                # out, a black shot and a fade in): not found, counted apart, and its parts are not "false".
                pieces = [i for i, d in enumerate(dissolves) if i not in used and g["first"] - 1 <= d[0] and d[1] <= g["last"] + 1]
                union = (min(dissolves[i][0] for i in pieces), max(dissolves[i][1] for i in pieces)) if len(pieces) > 1 else None
                split = union is not None and abs(middle(*union) - want) <= MIDDLE_TOLERANCE
                if split:
                    per_type[g["type"]][3] += 1
                    split_parts.update(pieces)
                missed.append({**g, "foundAsCut": as_cut, "foundSplit": split})
        parts += len(split_parts)
        wrong = []
        for i, d in enumerate(dissolves):
            if i in used or i in split_parts:
                continue
            where = negative_at(clip, *d)
            if where == "elsewhere":
                if any(g["first"] - 1 <= d[1] and d[0] <= g["last"] + 1 for g in clip["gradual"]):
                    where = "gradual, middle off by > 3"
                elif any(d[0] - 3 <= c["frame"] <= d[1] + 3 for c in clip["cuts"]):
                    where = "at a hard cut"
            false[where] += 1
            wrong.append((d, where))
        ordered = sorted(dissolves)
        overlaps += sum(1 for a, b in zip(ordered, ordered[1:]) if b[0] <= a[1])
        overlaps += sum(1 for c in result["cuts"] for d in dissolves if d[0] < c <= d[1])
        for first, last in result["shots"]:
            if last - first + 1 < SHORTEST_SHOT:
                short += 1
                short_where[negative_at(clip, first, last)] += 1
        details.append({"file": clip["file"], "missed": missed, "false": wrong})
    hits = sum(v[0] for v in per_type.values())
    labelled = sum(v[1] for v in per_type.values())
    return {
        "perType": per_type, "hits": hits, "labelled": labelled, "reported": reported, "false": false, "parts": parts,
        "inNegatives": sum(n for where, n in false.items() if where in NEGATIVE_TYPES),
        "overlaps": overlaps, "short": short, "shortWhere": short_where, "details": details,
    }  # fmt: skip


def score_keyframes(clips: list[dict], found: list[dict]) -> dict:
    """Suggested guide frames against the labelled shots: real starts suggested, none in a transition or flash."""
    starts = missed = suggested = 0
    bad: Counter = Counter()
    good_clips = 0
    details = []
    for clip, result in zip(clips, found):
        picks = set(result["keyframes"])
        suggested += len(picks)
        wanted = [(0, 0)] + [(c["frame"], 0) for c in clip["cuts"]] + [(g["last"] + 1, GRADUAL_START_SLACK) for g in clip["gradual"]]
        lost = [frame for frame, slack in wanted if not any(frame <= p <= frame + slack for p in picks)]
        wrong = [(p, "inside a gradual transition") for p in picks if any(g["first"] <= p <= g["last"] for g in clip["gradual"])]
        wrong += [(p, "in a flash") for p in picks if any(n["type"] == "flash" and n["first"] <= p <= n["last"] for n in clip["negatives"])]
        starts += len(wanted)
        missed += len(lost)
        bad.update(where for _, where in wrong)
        good_clips += not lost and not wrong
        details.append({"file": clip["file"], "suggested": sorted(picks), "startsMissed": lost, "badFrames": wrong})
    return {"clips": len(clips), "goodClips": good_clips, "starts": starts, "missed": missed, "suggested": suggested,
            "bad": bad, "details": details}  # fmt: skip


def score_flashes(clips: list[dict], found: list[dict]) -> dict:
    """raykit's reported flashes against the labelled ones: each labelled flash found when a report overlaps it,
    each report overlapping none false."""
    labelled = hits = false = 0
    for clip, result in zip(clips, found):
        spans = [(n["first"], n["last"]) for n in clip["negatives"] if n["type"] == "flash"]
        overlap = lambda a, b: a[0] <= b[1] and b[0] <= a[1]  # noqa: E731
        labelled += len(spans)
        hits += sum(any(overlap(span, f) for f in result["flashes"]) for span in spans)
        false += sum(not any(overlap(span, f) for span in spans) for f in result["flashes"])
    return {"labelled": labelled, "hits": hits, "false": false}


def clip_number(clip: dict) -> int:
    return int(clip["file"][4:6])


def score_all(clips: list[dict], results: dict) -> dict:
    """Cuts (every detector), gradual transitions and guide frames (raykit) on these clips."""
    return {
        "cuts": {kind: score_cuts(clips, results[kind]) for kind in DETECTORS},
        "gradual": score_gradual(clips, results["raykit"]),
        "keyframes": score_keyframes(clips, results["raykit"]),
        "flashes": score_flashes(clips, results["raykit"]),
    }


def halves(clips: list[dict], results: dict) -> dict[str, dict]:
    """score_all on the whole set and on each half (even and odd clip numbers)."""
    scores = {}
    for name, keep in HALVES:
        chosen = [i for i, clip in enumerate(clips) if keep(clip_number(clip))]
        subset = {kind: [results[kind][i] for i in chosen] for kind in results}
        scores[name] = score_all([clips[i] for i in chosen], subset)
    return scores


# ---------------------------------------------------------------------------
# Reporting.


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|", *("| " + " | ".join(r) + " |" for r in rows)]


def pct(hits: int, total: int) -> str:
    return f"{hits / total:.3f} ({hits}/{total})" if total else "-"


def summary(scores: dict[str, dict]) -> list[str]:
    """One row per half: cuts for every detector, and raykit's gradual, false-report and guide-frame figures."""
    rows = []
    for name, s in scores.items():
        c, g, k = s["cuts"], s["gradual"], s["keyframes"]
        rows.append([name, *(f"{c[kind]['precision']:.3f} / {c[kind]['recall']:.3f}" for kind in DETECTORS),
                     pct(g["hits"], g["labelled"]), str(g["inNegatives"]), str(g["overlaps"]), str(g["short"]),
                     f"{k['goodClips']}/{k['clips']}"])  # fmt: skip
    return table(["Clips", *(f"{LABELS[kind]} cut P / R" for kind in DETECTORS), "raykit gradual recall",
                  "raykit dissolves in negatives", "Overlaps", "Shots < 3 frames", "Clips with right guide frames"], rows)  # fmt: skip


def keyframe_lines(k: dict) -> list[str]:
    return [
        "",
        "## Guide frames (`raykit keyframes --suggest N`, N = labelled shots + 3)",
        "",
        f"A clip is right when every real shot start is suggested (a cut's frame; after a gradual transition, one of its",
        f"first {GRADUAL_START_SLACK + 1} frames alone) and no suggested frame lies inside a labelled gradual transition or a flash.",
        "",
        *table(["Measure", "raykit"], [
            ["Clips right", f"{k['goodClips']}/{k['clips']}"],
            ["Real shot starts not suggested", f"{k['missed']}/{k['starts']}"],
            ["Suggested frames in a transition or flash", f"{sum(k['bad'].values())}/{k['suggested']}" + (
                f" ({', '.join(f'{w}: {n}' for w, n in sorted(k['bad'].items()))})" if k["bad"] else "")],
        ]),
    ]  # fmt: skip


def report(manifest: dict, clips: list[dict], results: dict, scores: dict[str, dict], raykit: str) -> str:
    cuts, gradual = scores["all"]["cuts"], scores["all"]["gradual"]
    kinds = Counter(c["kind"] for clip in clips for c in clip["cuts"]) + Counter(g["type"] for clip in clips for g in clip["gradual"])
    negatives = Counter(n["type"] for clip in clips for n in clip["negatives"])
    encodings = Counter(clip["encoding"] for clip in clips)
    frames = sum(clip["frameCount"] for clip in clips)
    seconds = sum(clip["frameCount"] / clip["fps"] for clip in clips)
    lines = [
        "# Shot detection on the labelled set (issue #18)",
        "",
        f"Written by bench/shot_eval/score.py on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; raykit: `{raykit}`.",
        f"Set: {len(clips)} clips ({', '.join(f'{k} {v}' for k, v in sorted(encodings.items()))}; 24/25/30 fps; 960x540 and 1280x720), "
        f"{frames} frames ({seconds:.0f} s), seed {manifest.get('seed', '?')}.",
        f"Transitions: {sum(kinds.values())} ({', '.join(f'{k} {kinds[k]}' for k in ('cut', 'cut_same', 'dissolve', 'dip', 'wipe'))}; "
        "cut_same = two crops of the same photograph).",
        f"Hard negatives: {sum(negatives.values())} spans ({', '.join(f'{k} {negatives[k]}' for k in NEGATIVE_TYPES)}).",
        "",
        "## Summary: the whole set and its halves",
        "",
        "Even clip numbers are where raykit's thresholds were chosen; odd ones are the hold-out. Sections below: whole set.",
        "",
        *summary(scores),
        "",
        "## Hard cuts (frame-exact, +-0)",
        "",
    ]  # fmt: skip
    rows = []
    for kind in DETECTORS:
        c = cuts[kind]
        rows.append([LABELS[kind], f"{c['precision']:.3f}", f"{c['recall']:.3f}", str(c["hits"]), str(c["false"]),
                     str(c["labelled"] - c["hits"]), pct(*c["recallBy"].get("cut", (0, 0))), pct(*c["recallBy"].get("cut_same", (0, 0))),
                     str(c["atGradual"]), f"{sum(r['seconds'] for r in results[kind]):.0f}"])  # fmt: skip
    lines += table(["Detector", "Precision", "Recall", "Hits", "False", "Missed", "Recall: other photo", "Recall: same photo",
                    "Cuts at gradual (not scored)", "Seconds"], rows)  # fmt: skip
    g, f = gradual, scores["all"]["flashes"]
    lines += [
        "",
        "## Gradual transitions (raykit; PySceneDetect reports cuts only)",
        "",
        f"Found = a reported dissolve whose middle is within {MIDDLE_TOLERANCE} frames of the labelled span's middle.",
        "",
    ]
    rows = [[t, pct(v[0], v[1]), str(v[2]), str(v[3])] for t, v in g["perType"].items()]
    rows.append(["all", pct(g["hits"], g["labelled"]), *(str(sum(v[k] for v in g["perType"].values())) for k in (2, 3))])
    lines += table(["Type", "Recall", "Missed, a cut reported inside", "Missed, reported in parts (e.g. fade out + fade in)"], rows)
    false_other = {k: v for k, v in g["false"].items() if k not in NEGATIVE_TYPES}
    lines.append("")
    lines += table(["Measure", "raykit"], [
        ["Dissolves reported", f"{g['reported']} ({g['hits']} found a labelled span, {g['parts']} are parts of a split one)"],
        ["False dissolves in hard-negative spans (target 0)", str(g["inNegatives"])],
        ["False dissolves elsewhere", ", ".join(f"{k}: {v}" for k, v in sorted(false_other.items())) or "0"],
        ["Overlapping reported transitions (target 0)", str(g["overlaps"])],
        ["Labelled flashes reported as flashes (`flashes`, not shots)", pct(f["hits"], f["labelled"])],
        ["Flashes reported where none was", str(f["false"])],
        [f"Shots shorter than {SHORTEST_SHOT} frames (none is real)", f"{g['short']}" + (
            f" ({', '.join(f'{k}: {v}' for k, v in sorted(g['shortWhere'].items()))})" if g["short"] else "")],
    ])  # fmt: skip
    lines += [
        "",
        "## False positives by what was on screen",
        "",
        f"Each false report under the hard-negative type whose span (+-{WIDEN} frames) it falls in; cuts inside a gradual",
        "transition are not counted here (see above).",
        "",
    ]
    rows = []
    for where in [*NEGATIVE_TYPES, "off by 1-3 frames", "gradual, middle off by > 3", "at a hard cut", "elsewhere"]:
        spans = str(negatives[where]) if where in NEGATIVE_TYPES else ""
        cells = [str(cuts["raykit"]["falseBy"].get(where, 0)), str(g["false"].get(where, 0)),
                 str(cuts["content"]["falseBy"].get(where, 0)), str(cuts["adaptive"]["falseBy"].get(where, 0))]  # fmt: skip
        if where in NEGATIVE_TYPES or any(cell != "0" for cell in cells):
            rows.append([where, spans, *cells])
    lines += table(["On screen", "Spans", "raykit false cuts", "raykit false dissolves", "ContentDetector false cuts",
                    "AdaptiveDetector false cuts"], rows)  # fmt: skip
    lines += keyframe_lines(scores["all"]["keyframes"])
    return "\n".join(lines) + "\n"


def scoring_parser(description: str, default_set: Path, scored: str) -> argparse.ArgumentParser:
    """The options every evaluation scorer takes: the binary, the set, the report, how many at once."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--raykit", default=".build/release/raykit", help="raykit binary (default: %(default)s)")
    parser.add_argument("--set", default=str(default_set), help="folder generate.py wrote (default: %(default)s)")
    parser.add_argument("--out", help="markdown report (default: SET/scores.md)")
    parser.add_argument("--jobs", type=int, default=2, help=f"{scored} scored at once (default: %(default)s)")
    return parser


def opened_set(args) -> tuple[str, dict] | None:
    """The raykit binary (absolute) and the set's manifest, or None (said on stderr) when the binary is missing."""
    raykit = Path(args.raykit) if Path(args.raykit).is_absolute() else Path.cwd() / args.raykit
    if not raykit.is_file():
        print(f"score: no raykit at {raykit}; build it with `swift build -c release --static-swift-stdlib --product raykit`", file=sys.stderr)
        return None
    return str(raykit), json.loads((Path(args.set) / "manifest.json").read_text())


def main(argv) -> int:
    parser = scoring_parser(__doc__.splitlines()[0], DEFAULT_SET, "clips")
    parser.add_argument("--details", help="per-clip misses and false reports, JSON (default: SET/score_details.json)")
    args = parser.parse_args(argv)
    if (opened := opened_set(args)) is None:
        return 2
    raykit, manifest = opened
    folder = Path(args.set)
    clips = manifest["clips"]
    check_numbering(raykit)
    print(f"score: {len(clips)} clips, running raykit, ContentDetector and AdaptiveDetector", file=sys.stderr)
    results = detect_all(raykit, clips, folder, args.jobs)
    scores = halves(clips, results)
    cuts, gradual = scores["all"]["cuts"], scores["all"]["gradual"]
    text = report(manifest, clips, results, scores, args.raykit)
    print(text)
    out = Path(args.out) if args.out else folder / "scores.md"
    out.write_text(text)
    details = {
        "cuts": {kind: cuts[kind]["details"] for kind in DETECTORS},
        "gradual": gradual["details"],
        "keyframes": scores["all"]["keyframes"]["details"],
        "reported": {kind: [{"file": c["file"], **r} for c, r in zip(clips, results[kind])] for kind in DETECTORS},
    }
    Path(args.details or folder / "score_details.json").write_text(json.dumps(details, indent=1, default=list) + "\n")
    print(f"score: written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
