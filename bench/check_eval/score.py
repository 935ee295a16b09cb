"""Scores `raykit check loop|edit|reframe` on the labelled set that generate.py made (issue #18), and chooses
the checks' thresholds from the score distributions.

Usage (normally through `make eval-checks`):

    python3 bench/check_eval/score.py [--raykit .build/release/raykit] [--set bench/work/check_eval]
                                      [--out bench/work/check_eval/scores.md] [--jobs 2]

Runs the check on every case of SET/manifest.json (`--json`) and on the repository's check fixtures, then:

  * verdicts: per check, half and case kind/strength, how many cases came out ok / warn / fail. On good
    cases a fail is a false fail (a warn a false alarm); on degraded cases meant to be caught an ok is a
    false pass. Cases meant "any" (too small to see) are shown but count as neither;
  * thresholds: for each threshold constant, the value this script's rule chooses from the calibration
    half's scores (see `choose`), beside the value in the code now, with its error rates on both halves.

Before scoring, every Reframe case's placement as the generator wrote it must agree with the check's own
prediction within 1 pixel, or the run stops (the set would not test what it claims).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from shot_eval.score import opened_set, scoring_parser  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SET = REPO / "bench" / "work" / "check_eval"
CHECKS = ("loop", "edit", "reframe")
HALVES = ("calibration", "held-out")
CAUGHT = {"warn": ("warn", "fail"), "fail": ("fail",)}
# The repository's check fixtures (fixtures/checks/make.sh says what each is), with what each is meant to get.
FIXTURES = [
    ("loop", "loop_seamless.mp4 (a cross-faded loop)", ["checks/loop_seamless.mp4"], "ok"),
    ("loop", "h264_bframes_aac.mp4 (not a loop)", ["h264_bframes_aac.mp4"], "fail"),
    ("edit", "edit_dropped.mp4 (frame 45 dropped)", ["h264_bframes_aac.mp4", "checks/edit_dropped.mp4"], "fail"),
    ("reframe", "reframe_result_9x16.mp4 (placed as predicted)", ["h264_bframes_aac.mp4", "reframe_result_9x16.mp4"], "ok"),
    ("reframe", "reframe_shifted.mp4 (2% larger, 4 px off)", ["h264_bframes_aac.mp4", "checks/reframe_shifted.mp4"], "warn"),
    ("reframe", "reframe_painted.mp4 (painted over in 15 of 90 frames)", ["h264_bframes_aac.mp4", "checks/reframe_painted.mp4"], "warn"),
]  # fmt: skip


# ---------------------------------------------------------------------------
# Running the checks and reading their scores.


def run_check(raykit: str, check: str, files: list[str], keyframes: str | None = None) -> dict:
    cmd = [raykit, "check", check, *files, "--json"] + (["--keyframes", keyframes] if keyframes else [])
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode not in (0, 1, 2) or not done.stdout.strip():
        raise SystemExit(f"score: {' '.join(cmd)} exited {done.returncode}: {done.stderr.strip()[-400:]}")
    return json.loads(done.stdout)


def case_files(case: dict, folder: Path) -> tuple[list[str], str | None]:
    files = [str(folder / case[k]) for k in ("source", "result") if k in case]
    return files, (str(folder / case["keyframes"]) if "keyframes" in case else None)


def scores(check: str, report: dict) -> dict[str, float]:
    """The continuous measures each threshold is compared with."""
    if check == "loop":
        return {"seamScore": report["seamScore"]}
    if check == "edit":
        ssims = [g["ssim"] for g in report["guides"]]
        return {"guideSSIM": min(ssims)} if ssims else {}
    predicted, found = report["predicted"], report["found"]
    offset = max(abs(found[k] - predicted[k]) for k in ("x", "y", "width")) / predicted["width"]
    peak = (report["worst"][0]["difference"] - 2) / max(report["medianDifference"], 1e-6)
    return {"placementOffset": offset, "differencePeak": peak, "medianSSIM": report["medianSSIM"]}


def check_placements(cases: list[dict], reports: list[dict]) -> None:
    for case, report in zip(cases, reports):
        if case["check"] != "reframe":
            continue
        p, q = case["placement"], report["predicted"]
        if any(abs(p[k] - q[k]) > 1 for k in ("x", "y", "width")):
            raise SystemExit(f"score: {case['result']} was placed at {p}, the check predicts {q}: the set does not test what it claims")


# ---------------------------------------------------------------------------
# Choosing thresholds.


@dataclass(frozen=True)
class Threshold:
    check: str
    constant: str  # as named in the check's Swift file
    file: str
    score: str  # a key of scores()
    higher_is_worse: bool
    level: str  # the verdict it gives beyond it: warn or fail
    kinds: tuple[str, ...]  # the degradations it is there to catch
    meaning: str


THRESHOLDS = (
    Threshold("loop", "warnAbove", "LoopCheck.swift", "seamScore", True, "warn", ("seam", "colour", "scale", "paint"),
              "seam score above it: warn"),
    Threshold("loop", "failAbove", "LoopCheck.swift", "seamScore", True, "fail", ("seam", "colour", "scale", "paint"),
              "seam score above it: fail"),
    Threshold("edit", "guideOK", "EditCheck.swift", "guideSSIM", False, "warn", ("offset", "shift", "scale", "paint", "colour"),
              "a guide's SSIM below it: warn"),
    Threshold("edit", "guideWarn", "EditCheck.swift", "guideSSIM", False, "fail", ("offset", "shift", "scale", "paint", "colour"),
              "a guide's SSIM below it: fail"),
    Threshold("reframe", "placementTolerance", "ReframeCheck.swift", "placementOffset", True, "warn", ("shift", "scale"),
              "the found placement off the prediction by more than this share of its width (and 4 px): warn"),
    Threshold("reframe", "flagRatio", "ReframeCheck.swift", "differencePeak", True, "warn", ("paint",),
              "a frame's difference above this times the clip's median (+2 levels): flagged, warn (fail over a quarter of the frames)"),
    Threshold("reframe", "failBelow", "ReframeCheck.swift", "medianSSIM", False, "fail", ("shift", "scale", "paint", "colour"),
              "median SSIM below it: fail"),
)  # fmt: skip


def sides(t: Threshold, rows: list[dict], half: str) -> tuple[list[float], list[float]]:
    """(good cases' scores, scores of the degradations of t's kinds meant to reach t's level or worse) on one half."""
    good, caught = [], []
    for r in rows:
        case = r["case"]
        if case["check"] != t.check or case["half"] != half or t.score not in r["scores"]:
            continue
        if case["kind"] == "good":
            good.append(r["scores"][t.score])
        elif case["kind"] in t.kinds and case["meant"] in CAUGHT[t.level]:
            caught.append(r["scores"][t.score])
    return good, caught


def worse(t: Threshold, a: float, b: float) -> bool:
    return a > b if t.higher_is_worse else a < b


def rates(t: Threshold, value: float, good: list[float], caught: list[float]) -> tuple[float, float]:
    """(share of `good` beyond value, share of `caught` not beyond it)."""
    return (sum(worse(t, s, value) for s in good) / max(1, len(good)), sum(not worse(t, s, value) for s in caught) / max(1, len(caught)))


def choose(t: Threshold, good: list[float], caught: list[float], fixtures: list[float]) -> float:
    """The rule. The edge of the good side: for a warn line the good cases' 95th percentile (at most 1 in 20 good
    results may warn), for a fail line the worst good case (none may fail); and never short of a repository
    fixture known to be good (`fixtures`). The threshold lies midway between that edge and the nearest case
    meant to be caught beyond it."""
    ordered = sorted(good, key=lambda v: v if t.higher_is_worse else -v)
    if t.level == "warn":
        rank = 0.95 * (len(ordered) - 1)
        low = ordered[int(rank)]
        edge = low + (ordered[min(int(rank) + 1, len(ordered) - 1)] - low) * (rank - int(rank))
    else:
        edge = ordered[-1]
    for value in fixtures:
        edge = value if worse(t, value, edge) else edge
    beyond = [v for v in caught if worse(t, v, edge)]
    nearest = min(beyond, key=lambda v: abs(v - edge), default=edge)
    return (edge + nearest) / 2


def code_value(t: Threshold) -> float | None:
    text = (REPO / "Sources" / "RayPipeline" / "Checks" / t.file).read_text()
    match = re.search(rf"\b{t.constant} = ([0-9.]+)", text)
    return float(match.group(1)) if match else None


# ---------------------------------------------------------------------------
# Reporting.


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|", *("| " + " | ".join(r) + " |" for r in rows)]


def pct(count: int, total: int) -> str:
    return f"{count / total:.2f} ({count}/{total})" if total else "-"


def verdict_rows(rows: list[dict], check: str, half: str | None) -> list[list[str]]:
    chosen = [r for r in rows if r["case"]["check"] == check and (half is None or r["case"]["half"] == half)]
    groups: dict[tuple[str, str, str], list[str]] = {}
    for r in chosen:
        case = r["case"]
        strength = "" if case["kind"] == "good" else case["strength"]
        groups.setdefault((case["kind"], strength, case["meant"]), []).append(r["verdict"])
    out = []
    order = {"good": 0}
    for (kind, strength, meant), verdicts in sorted(groups.items(), key=lambda g: (order.get(g[0][0], 1), g[0][0])):
        n = len(verdicts)
        counts = [verdicts.count(v) for v in ("ok", "warn", "fail")]
        if kind == "good":
            judged = f"false fail {pct(counts[2], n)}, warn {pct(counts[1], n)}"
        elif meant in ("warn", "fail"):
            judged = f"false pass {pct(counts[0], n)}" + (f", under-called (warn) {pct(counts[1], n)}" if meant == "fail" else "")
        else:
            judged = "may pass" if meant == "any" else "not what the check compares"
        out.append([kind, strength, meant, str(n), *map(str, counts), judged])
    totals = summary(chosen)
    out.append(["**all good**", "", "ok", str(totals["good"]), "", "", "", f"false fail {pct(totals['goodFail'], totals['good'])}, "
                f"not ok {pct(totals['goodNotOk'], totals['good'])}"])  # fmt: skip
    out.append(["**all meant to be caught**", "", "warn/fail", str(totals["bad"]), "", "", "",
                f"false pass {pct(totals['badOk'], totals['bad'])}"])  # fmt: skip
    return out


def summary(chosen: list[dict]) -> dict:
    good = [r for r in chosen if r["case"]["kind"] == "good"]
    bad = [r for r in chosen if r["case"]["kind"] != "good" and r["case"]["meant"] in ("warn", "fail")]
    return {"good": len(good), "goodFail": sum(r["verdict"] == "fail" for r in good), "goodNotOk": sum(r["verdict"] != "ok" for r in good),
            "bad": len(bad), "badOk": sum(r["verdict"] == "ok" for r in bad)}  # fmt: skip


def threshold_rows(rows: list[dict], fixtures: list[dict]) -> list[list[str]]:
    out = []
    for t in THRESHOLDS:
        good, caught = sides(t, rows, "calibration")
        known = [f["scores"][t.score] for f in fixtures if f["check"] == t.check and f["meant"] == "ok" and t.score in f["scores"]]
        chosen = choose(t, good, caught, known)
        current = code_value(t)
        cells = [f"`{t.check}` `{t.constant}`", t.meaning, f"{chosen:.3f}", f"{current}" if current is not None else "-"]
        for half in HALVES:
            g, c = sides(t, rows, half)
            beyond_good, missed = rates(t, current if current is not None else chosen, g, c)
            cells.append(f"{beyond_good:.2f} / {missed:.2f} ({len(g)} / {len(c)})")
        out.append(cells)
    return out


def distribution_rows(rows: list[dict]) -> list[list[str]]:
    """Each score's range per case group, over the whole set: where the thresholds sit between them."""
    out = []
    for t in THRESHOLDS:
        if t.level == "fail" and t.check != "reframe":
            continue  # the same score as the warn line above it
        groups: dict[tuple[str, str, str], list[float]] = {}
        for r in rows:
            case = r["case"]
            if case["check"] == t.check and t.score in r["scores"]:
                key = (case["kind"], "" if case["kind"] == "good" else case["strength"], case["meant"])
                groups.setdefault(key, []).append(r["scores"][t.score])
        for (kind, strength, meant), values in sorted(groups.items(), key=lambda g: (g[0][0] != "good", g[0][0])):
            values.sort()
            out.append([f"{t.check} {t.score}", kind, strength, meant, str(len(values)),
                        f"{values[0]:.3f}", f"{values[len(values) // 2]:.3f}", f"{values[-1]:.3f}"])  # fmt: skip
    return out


def report(manifest: dict, rows: list[dict], fixtures: list[dict], raykit: str) -> str:
    counts = {c: sum(r["case"]["check"] == c for r in rows) for c in CHECKS}
    photos = [p["photo"] for p in manifest["photos"]]
    lines = [
        "# Result checks on the labelled set (issue #18)",
        "",
        f"Written by bench/check_eval/score.py on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; raykit: `{raykit}`.",
        f"Set: {len(rows)} cases ({', '.join(f'{c} {n}' for c, n in counts.items())}) from {len(photos)} photographs, seed {manifest['seed']};",
        f"calibration half: {', '.join(photos[0::2])}; held out: {', '.join(photos[1::2])}.",
        "",
        "## Thresholds: chosen on the calibration half; the code's values on both halves",
        "",
        "Rule (score.py `choose`): the edge of the good side is, for a warn line, the good calibration cases' 95th percentile",
        "(at most 1 good result in 20 may warn) and, for a fail line, the worst good calibration case (none may fail), moved out",
        "to any repository fixture known to be good that lies beyond it; the threshold lies midway between that edge and the",
        "nearest calibration case beyond it that the threshold is there to catch (its kinds, meant to reach its level).",
        "Rates of the code's value: good cases beyond it (a warn line: false alarms; a fail line: false fails) / cases meant",
        "to be caught that are not beyond it (false passes at this line), counts in brackets.",
        "",
    ]  # fmt: skip
    lines += table(["Threshold", "Meaning", "Chosen", "In the code", "Calibration: good beyond / caught missed",
                    "Held out: good beyond / caught missed"], threshold_rows(rows, fixtures))  # fmt: skip
    header = ["Kind", "Strength", "Meant", "Cases", "ok", "warn", "fail", "Judged"]
    for check in CHECKS:
        for half, title in ((None, "whole set"), ("held-out", "held-out half")):
            lines += ["", f"## `check {check}`: {title}", ""]
            lines += table(header, verdict_rows(rows, check, half))
    lines += ["", "## The repository's check fixtures", ""]
    lines += table(["Check", "Fixture", "Meant", "Verdict", "Score"],
                   [[f["check"], f["label"], f["meant"], f["verdict"], ", ".join(f"{k} {v:.3f}" for k, v in f["scores"].items()) or "-"]
                    for f in fixtures])  # fmt: skip
    lines += ["", "## Score distributions (whole set): min / median / max", ""]
    lines += table(["Score", "Kind", "Strength", "Meant", "Cases", "Min", "Median", "Max"], distribution_rows(rows))
    return "\n".join(lines) + "\n"


def fixture_results(raykit: str) -> list[dict]:
    out = []
    for check, label, files, meant in FIXTURES:
        found = run_check(raykit, check, [str(REPO / "fixtures" / f) for f in files])
        out.append({"check": check, "label": label, "meant": meant, "verdict": found["verdict"], "scores": scores(check, found)})
    return out


def main(argv) -> int:
    args = scoring_parser(__doc__.splitlines()[0], DEFAULT_SET, "checks").parse_args(argv)
    if (opened := opened_set(args)) is None:
        return 2
    raykit, manifest = opened
    folder = Path(args.set)
    cases = [case for photo in manifest["photos"] for case in photo["cases"]]
    print(f"score: {len(cases)} cases", file=sys.stderr)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        reports = list(pool.map(lambda c: run_check(raykit, c["check"], *case_files(c, folder)), cases))
    check_placements(cases, reports)
    rows = [{"case": c, "verdict": r["verdict"], "scores": scores(c["check"], r)} for c, r in zip(cases, reports)]
    text = report(manifest, rows, fixture_results(raykit), args.raykit)
    print(text)
    out = Path(args.out) if args.out else folder / "scores.md"
    out.write_text(text)
    (folder / "score_details.json").write_text(json.dumps(rows, indent=1) + "\n")
    print(f"score: {len(cases)} checks in {time.perf_counter() - started:.0f} s, written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
