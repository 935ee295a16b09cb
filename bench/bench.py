"""RayKit benchmarks: each job timed with RayKit and with the ffmpeg CLI, in the same run.

Usage (normally through `make bench`, i.e. `bash bench/run.sh .build/release/raykit`):

    python3 bench/bench.py --raykit .build/release/raykit [--only NAME ...] [--list]
                           [--min-seconds S] [--max-seconds S]

Prints a table (job, RayKit seconds, baseline seconds, ratio baseline/RayKit = "x faster")
and rewrites bench/results.md with the date, the machine and the table. A run limited
with --only prints its table but leaves results.md alone, so the file always holds a
full run.

Each benchmark is one function registered with @benchmark("name"). It receives a Context
and returns one Row per job. The rules every benchmark keeps:

  * both sides do the same job, on the same input, in the same run;
  * every command's exit status is checked (run() raises BenchError), and RayKit's
    answers are checked against the baseline's where there is one to compare, so a
    broken raykit cannot look fast; any failure aborts the run and results.md is kept;
  * the faster side runs --min-seconds (default 5) or more in total, unless the slower
    side would then pass --max-seconds (default 60): alternate() repeats two commands
    until then; a job that must fix its size up front times a short pass and sizes it
    with repetitions();
  * big inputs are generated with ffmpeg into bench/work/ (gitignored) by ensure_clip(),
    only when missing; delete a file there to regenerate it.

To add a benchmark (frame extraction, crop, ...), write one function:

    @benchmark("frame-extract")
    def frame_extract(ctx: Context) -> list[Row]:
        \"\"\"One line on what is compared and how it is timed (copied into results.md).\"\"\"
        clip = ensure_clip(H264_1080P_10S)
        ...check both sides agree, then time them with alternate()...
        return [Row(job=..., raykit_seconds=..., baseline_seconds=..., target=1.0, timing=...)]

Standard library only.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import re
import shlex
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
WORK_DIR = REPO / "bench" / "work"
RESULTS = REPO / "bench" / "results.md"


# ---------------------------------------------------------------------------
# The model: what a benchmark gets and what it returns.


@dataclass(frozen=True)
class Context:
    """What every benchmark gets."""

    raykit: str  # path of the raykit binary under test
    min_seconds: float  # the faster side of a job runs at least this long ...
    max_seconds: float  # ... unless the slower side would then run longer than this


@dataclass(frozen=True)
class Row:
    """One job's result: one line of the table."""

    job: str
    raykit_seconds: float
    baseline_seconds: float
    target: float  # the ratio baseline/RayKit this job should reach
    timing: str  # how the seconds were obtained, e.g. "median of 12 runs"

    @property
    def ratio(self) -> float:
        return self.baseline_seconds / self.raykit_seconds

    @property
    def meets_target(self) -> bool:
        return self.ratio >= self.target


Benchmark = Callable[[Context], "list[Row]"]
BENCHMARKS: dict[str, Benchmark] = {}


def benchmark(name: str) -> Callable[[Benchmark], Benchmark]:
    """Registers a benchmark under `name`; they run in the order they are defined."""

    def register(function: Benchmark) -> Benchmark:
        BENCHMARKS[name] = function
        return function

    return register


class BenchError(RuntimeError):
    """A command failed or gave a wrong answer: the run stops."""


# ---------------------------------------------------------------------------
# Helpers for running and timing commands.


def describe(cmd: Sequence[str], limit: int = 8) -> str:
    """A command line for messages, shortened when it has thousands of arguments."""
    shown = shlex.join(cmd[:limit])
    return shown if len(cmd) <= limit else f"{shown} ... ({len(cmd) - limit} more arguments)"


def run(cmd: Sequence[str], capture: bool = False) -> tuple[float, str]:
    """Runs `cmd` to completion; returns (wall seconds, stdout if `capture` else "").

    Raises BenchError on a non-zero exit status, with the end of stderr.
    """
    start = time.perf_counter()
    done = subprocess.run(
        cmd,
        cwd=REPO,  # fixture and clip paths are relative to the repo root
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        stderr = done.stderr.decode(errors="replace").strip().splitlines()
        tail = "".join(f"\n  {line}" for line in stderr[-5:])
        raise BenchError(f"exit status {done.returncode} from {describe(cmd)}{tail}")
    return seconds, done.stdout.decode() if capture else ""


def run_each(cmds: Sequence[Sequence[str]]) -> float:
    """Runs the commands one after the other; returns the total wall seconds."""
    return sum(run(cmd)[0] for cmd in cmds)


def repetitions(ctx: Context, faster: float, slower: float, cap: int) -> int:
    """How many runs per side, given one run's seconds on the faster and the slower side,
    for a job whose repetitions must be chosen up front (else use alternate()).

    Enough for the faster side to total ctx.min_seconds, but no more than keeps the slower
    side within ctx.max_seconds, nor more than `cap`; at least 1.
    """
    wanted = math.ceil(ctx.min_seconds / max(faster, 1e-6))
    budget = math.floor(ctx.max_seconds / max(slower, 1e-6))
    return max(1, min(wanted, budget, cap))


def short_note(ctx: Context, raykit_total: float) -> str:
    """A timing remark when RayKit's side ran under ctx.min_seconds in total (a cap was hit)."""
    if raykit_total >= ctx.min_seconds:
        return ""
    return f"; RayKit side only {raykit_total:.1f} s in all"


def alternate(
    ctx: Context, raykit_cmd: Sequence[str], baseline_cmd: Sequence[str], cap: int
) -> tuple[list[float], list[float]]:
    """Times runs of each command, interleaved so both sides share the machine's noise.

    Stops once both sides total ctx.min_seconds, or either totals ctx.max_seconds, or
    after `cap` runs each; returns each side's per-run seconds (equally many).
    """
    raykit_times: list[float] = []
    baseline_times: list[float] = []
    while len(raykit_times) < cap:
        raykit_times.append(run(raykit_cmd)[0])
        baseline_times.append(run(baseline_cmd)[0])
        totals = (sum(raykit_times), sum(baseline_times))
        if min(totals) >= ctx.min_seconds or max(totals) >= ctx.max_seconds:
            break
    return raykit_times, baseline_times


def progress(message: str) -> None:
    """A progress line on stderr (stdout carries only the table)."""
    print(f"  {message}", file=sys.stderr, flush=True)


def raykit_probe_json(stdout: str) -> list[dict]:
    """`raykit probe --json` output as a list: one file gives an object, several an array."""
    try:
        parsed = json.loads(stdout)
    except json.JSONDecodeError as error:
        raise BenchError(f"raykit probe --json printed no valid JSON ({error}): {stdout[:200]!r}") from None
    return parsed if isinstance(parsed, list) else [parsed]


# ---------------------------------------------------------------------------
# Inputs: committed fixtures and big clips generated into bench/work/.


@dataclass(frozen=True)
class Clip:
    """A synthetic clip made with ffmpeg's lavfi sources: testsrc2 video plus a sine tone."""

    name: str  # file name in bench/work/
    seconds: int
    size: str = "1920x1080"
    rate: int = 30
    video_args: tuple[str, ...] = (
        "-c:v", "libx264", "-preset", "veryfast",
        "-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-bf", "3",
        "-pix_fmt", "yuv420p",
    )  # fmt: skip

    @property
    def path(self) -> Path:
        return WORK_DIR / self.name

    @property
    def frames(self) -> int:
        return self.seconds * self.rate


H264_1080P_10S = Clip("h264_1080p_10s.mp4", seconds=10)
H264_1080P_60S = Clip("h264_1080p_60s.mp4", seconds=60)


def ensure_clip(clip: Clip) -> str:
    """Makes `clip` with ffmpeg unless it exists; returns its path relative to the repo root."""
    if not clip.path.exists():
        WORK_DIR.mkdir(parents=True, exist_ok=True)
        partial = clip.path.with_name(f"partial-{clip.name}")  # renamed only once complete
        progress(f"generating {clip.path.relative_to(REPO)} (once; delete it to regenerate)")
        run([
            "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", f"testsrc2=size={clip.size}:rate={clip.rate}",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-map", "0:v", "-map", "1:a", "-t", str(clip.seconds),
            *clip.video_args, "-c:a", "aac", "-b:a", "128k",
            str(partial),
        ])  # fmt: skip
        partial.rename(clip.path)
    return str(clip.path.relative_to(REPO))


def fixture_paths(names: Sequence[str]) -> list[str]:
    """Paths of committed fixtures, relative to the repo root (short argv); all must exist."""
    missing = [name for name in names if not (FIXTURES / name).is_file()]
    if missing:
        raise BenchError(f"missing fixtures: {', '.join(missing)} (see fixtures/make.sh)")
    return [f"fixtures/{name}" for name in names]


# ---------------------------------------------------------------------------
# Benchmarks. Each docstring's first paragraph goes into results.md.

# The fixtures that probe cleanly (the deliberately broken ones and the audio-only one are left out).
PROBE_FIXTURES = (
    "h264_bframes_aac.mp4", "hevc10_hlg_opengop.mp4", "vfr.mp4", "rotated90.mp4", "anamorphic.mkv",
    "ts_offset.ts", "editlist.mp4", "scope239.mp4", "long35s.mp4",
)  # fmt: skip
# At most this many passes over PROBE_FIXTURES in one raykit argv (18,000 short paths, well under ARG_MAX).
MAX_PROBE_PASSES = 2000


def ffprobe_streams_cmd(path: str) -> list[str]:
    return ["ffprobe", "-v", "error", "-show_streams", "-show_format", path]


def raykit_probe_cmd(ctx: Context, paths: Sequence[str]) -> list[str]:
    return [ctx.raykit, "probe", "--json", *paths]


def check_probe_batch(stdout: str, paths: Sequence[str]) -> None:
    """RayKit's batch answer names every file, in order, each with a counted video stream."""
    results = raykit_probe_json(stdout)
    if [result.get("file") for result in results] != list(paths):
        raise BenchError(f"raykit probe answered for {len(results)} files, asked {len(paths)}")
    if not all(result["video"]["frameCount"] > 0 for result in results):
        raise BenchError("raykit probe reported a video stream with no frames")


def raykit_seconds_per_pass(ctx: Context, files: list[str], at_least: float = 0.5) -> float:
    """Seconds per pass over `files` in one raykit process, startup cost amortised.

    Doubles the passes in one process until it takes `at_least` seconds; the first,
    single pass is checked for correct output.
    """
    seconds, stdout = run(raykit_probe_cmd(ctx, files), capture=True)
    check_probe_batch(stdout, files)
    passes = 1
    while seconds < at_least and passes < MAX_PROBE_PASSES:
        passes = min(passes * 2, MAX_PROBE_PASSES)
        seconds, _ = run(raykit_probe_cmd(ctx, files * passes))
    return seconds / passes


@benchmark("probe-batch")
def probe_batch(ctx: Context) -> list[Row]:
    """Probe the committed fixtures, the list repeated N times: ONE `raykit probe --json` process
    given all N x 9 paths (it probes concurrently and counts every packet) vs one
    `ffprobe -v error -show_streams -show_format FILE` process per file, sequentially. Output goes
    to /dev/null. Total wall time of each side; N is sized as described above.
    """
    files = fixture_paths(PROBE_FIXTURES)
    progress("probe-batch: calibrating")
    raykit_pass = raykit_seconds_per_pass(ctx, files)
    baseline_pass = run_each([ffprobe_streams_cmd(path) for path in files])
    passes = repetitions(ctx, min(raykit_pass, baseline_pass), max(raykit_pass, baseline_pass), MAX_PROBE_PASSES)
    batch = files * passes

    progress(f"probe-batch: {len(batch)} probes per side (~{passes * baseline_pass:.0f} s for ffprobe)")
    raykit_total, _ = run(raykit_probe_cmd(ctx, batch))
    baseline_total = run_each([ffprobe_streams_cmd(path) for path in batch])
    return [Row(
        job=f"probe-batch: {len(files)} fixtures x {passes} = {len(batch)} files",
        raykit_seconds=raykit_total,
        baseline_seconds=baseline_total,
        target=5.0,
        timing="total" + short_note(ctx, raykit_total),
    )]  # fmt: skip


# Clips whose exact frame count is benchmarked, and a cap on repetitions per side.
FRAME_COUNT_CLIPS = (H264_1080P_10S, H264_1080P_60S)
MAX_FRAME_COUNT_RUNS = 200


def ffprobe_count_cmd(path: str) -> list[str]:
    return [
        "ffprobe", "-v", "error", "-count_packets", "-select_streams", "v:0",
        "-show_entries", "stream=nb_read_packets", path,
    ]  # fmt: skip


def ffprobe_packet_count(stdout: str) -> int:
    """The `nb_read_packets=N` line of ffprobe's default output."""
    match = re.search(r"^nb_read_packets=(\d+)\s*$", stdout, re.MULTILINE)
    if not match:
        raise BenchError(f"no nb_read_packets in ffprobe output: {stdout!r}")
    return int(match.group(1))


def raykit_frame_count(stdout: str) -> int:
    """`.video.frameCount` of a one-file `raykit probe --json`; it must be exact, not estimated."""
    results = raykit_probe_json(stdout)
    if len(results) != 1:
        raise BenchError(f"raykit probe answered {len(results)} results for one file")
    result = results[0]
    if result["video"]["frameCountEstimated"]:
        raise BenchError("raykit probe estimated the frame count instead of counting packets")
    return result["video"]["frameCount"]


@benchmark("frame-count")
def frame_count(ctx: Context) -> list[Row]:
    """Exact frame count of a 1080p30 H.264 clip (bench/work/, B-frames, 2 s GOP, AAC audio):
    `raykit probe --json CLIP` (one process; it scans every packet) vs
    `ffprobe -v error -count_packets -select_streams v:0 -show_entries stream=nb_read_packets CLIP`.
    Both must report the clip's frame count. Median of R runs per side, the two sides
    alternating; R as described above.
    """
    return [frame_count_row(ctx, clip) for clip in FRAME_COUNT_CLIPS]


def frame_count_row(ctx: Context, clip: Clip) -> Row:
    path = ensure_clip(clip)
    raykit_cmd = raykit_probe_cmd(ctx, [path])
    baseline_cmd = ffprobe_count_cmd(path)

    _, raykit_out = run(raykit_cmd, capture=True)
    _, baseline_out = run(baseline_cmd, capture=True)
    counts = {"raykit": raykit_frame_count(raykit_out), "ffprobe": ffprobe_packet_count(baseline_out)}
    if set(counts.values()) != {clip.frames}:
        raise BenchError(f"{path}: frame counts {counts}, expected {clip.frames}")

    progress(f"frame-count: {path}: both count {clip.frames} frames; timing")
    raykit_times, baseline_times = alternate(ctx, raykit_cmd, baseline_cmd, MAX_FRAME_COUNT_RUNS)
    runs = len(raykit_times)
    return Row(
        job=f"frame-count: {clip.seconds} s {clip.size} H.264 ({clip.frames} frames)",
        raykit_seconds=statistics.median(raykit_times),
        baseline_seconds=statistics.median(baseline_times),
        target=1.0,
        timing=f"median of {runs}" + short_note(ctx, sum(raykit_times)),
    )


# ---------------------------------------------------------------------------
# Reporting.

HEADER = ("Job", "RayKit (s)", "ffmpeg CLI (s)", "x faster", "Target", "Met", "Timing")


def cells(row: Row) -> tuple[str, ...]:
    return (
        row.job,
        f"{row.raykit_seconds:.3f}",
        f"{row.baseline_seconds:.3f}",
        f"{row.ratio:.2f}x",
        f">= {row.target:g}x",
        "yes" if row.meets_target else "NO",
        row.timing,
    )


def text_table(rows: Sequence[Row]) -> str:
    """The table for the terminal: aligned columns, numbers right-aligned."""
    lines = [HEADER, *(cells(row) for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER))]
    numeric = {1, 2, 3}

    def fmt(line: Sequence[str]) -> str:
        return "  ".join(c.rjust(w) if i in numeric else c.ljust(w) for i, (c, w) in enumerate(zip(line, widths))).rstrip()

    return "\n".join([fmt(HEADER), "  ".join("-" * w for w in widths), *(fmt(cells(row)) for row in rows)])


def markdown_table(rows: Sequence[Row]) -> str:
    aligns = ["---", "---:", "---:", "---:", "---", "---", "---"]
    lines = [HEADER, aligns, *(cells(row) for row in rows)]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def command_output(cmd: Sequence[str]) -> str:
    """First line of a command's stdout, or "unknown" if it cannot run."""
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
        return done.stdout.strip().splitlines()[0] if done.returncode == 0 and done.stdout.strip() else "unknown"
    except OSError:
        return "unknown"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def raykit_revision() -> str:
    """The commit measured, flagged when tracked files have uncommitted changes."""
    revision = command_output(["git", "rev-parse", "--short", "HEAD"])
    changes = subprocess.run(["git", "diff", "--quiet", "HEAD"], cwd=REPO, capture_output=True)
    return f"{revision} (with uncommitted changes)" if changes.returncode == 1 else revision


def machine() -> dict[str, str]:
    return {
        "CPUs (nproc)": command_output(["nproc"]),
        "CPU": cpu_model(),
        "ffmpeg": command_output(["ffmpeg", "-version"]),
        "RayKit commit": raykit_revision(),
    }


def summary(function: Benchmark) -> str:
    """A benchmark docstring's first paragraph on one line."""
    paragraph = (function.__doc__ or "").strip().split("\n\n")[0]
    return " ".join(paragraph.split())


def results_markdown(rows: Sequence[Row], names: Sequence[str], ctx: Context) -> str:
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# RayKit benchmarks",
        "",
        f"Written by `make bench` (bench/bench.py) on {now}; rerun it rather than editing this file.",
        'Ratio = baseline seconds / RayKit seconds ("x faster"). Repetitions are sized so the faster side',
        f"runs >= {ctx.min_seconds:g} s in total, unless the slower side would then exceed {ctx.max_seconds:g} s",
        "(the Timing column says when RayKit's side ran less).",
        "",
        "| Machine | |",
        "|---|---|",
        *(f"| {key} | {value} |" for key, value in machine().items()),
        "",
        markdown_table(rows),
        "",
        "## What each benchmark measures",
        "",
        *(f"- **{name}**: {summary(BENCHMARKS[name])}" for name in names),
        "",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Command line.


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raykit", default=".build/release/raykit", help="raykit binary (default: %(default)s)")
    parser.add_argument("--only", nargs="+", choices=list(BENCHMARKS), metavar="NAME", help="run only these benchmarks")
    parser.add_argument("--min-seconds", type=float, default=5.0, help="least time for the faster side of a job (default: %(default)s)")
    parser.add_argument("--max-seconds", type=float, default=60.0, help="most time for the slower side; wins over --min-seconds (default: %(default)s)")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    return parser.parse_args(argv)


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    if args.list:
        for name, function in BENCHMARKS.items():
            print(f"{name}: {summary(function)}")
        return 0

    raykit = Path(args.raykit)
    raykit = raykit if raykit.is_absolute() else REPO / raykit
    if not raykit.is_file():
        print(f"bench: no raykit at {raykit}; build it with `swift build -c release --product raykit`", file=sys.stderr)
        return 2
    ctx = Context(raykit=str(raykit), min_seconds=args.min_seconds, max_seconds=args.max_seconds)

    names = args.only or list(BENCHMARKS)
    rows: list[Row] = []
    try:
        for name in names:
            print(f"{name}:", file=sys.stderr, flush=True)
            rows += BENCHMARKS[name](ctx)
    except BenchError as error:
        print(f"bench: {name} failed: {error}\nbench: {RESULTS.relative_to(REPO)} left unchanged", file=sys.stderr)
        return 1

    print(text_table(rows))
    if args.only:
        print(f"(partial run: {RESULTS.relative_to(REPO)} left unchanged)")
    else:
        RESULTS.write_text(results_markdown(rows, names, ctx))
        print(f"(written to {RESULTS.relative_to(REPO)})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
