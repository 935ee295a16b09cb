"""RayKit benchmarks: each job timed with RayKit and with a baseline (the ffmpeg CLI, or PyAV), in the same run.

Usage (normally through `make bench`, i.e. `bash bench/run.sh .build/release/raykit`):

    python3 bench/bench.py --raykit .build/release/raykit [--only NAME ...] [--list]
                           [--min-seconds S] [--max-seconds S]

Prints a table (job, RayKit seconds, baseline seconds, ratio baseline/RayKit = "x faster";
a MemoryRow shows RayKit's peak memory on a short and a long input instead) and rewrites
bench/results.md with the date, the machine and the table. A full run then runs `make eval-shots` and
`make eval-checks` (issue #18's labelled sets: clips already made are kept), untimed; their reports
follow the table in results.md. A run limited with --only prints its table
but leaves results.md alone, so the file always holds a full run.

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
    only when missing; delete a file there to regenerate it;
  * jobs that write files (the frames benchmarks) write into a folder emptied before each
    run, untimed (interleave() with into_fresh_dir()), and run at least 3 or 5 times a side.

To add a benchmark (frame extraction, crop, ...), write one function:

    @benchmark("frame-extract")
    def frame_extract(ctx: Context) -> list[Row]:
        \"\"\"One line on what is compared and how it is timed (copied into results.md).\"\"\"
        clip = ensure_clip(H264_1080P_10S)
        ...check both sides agree, then time them with alternate()...
        return [Row(job=..., raykit_seconds=..., baseline_seconds=..., target=1.0, timing=...)]

Standard library only. The frames-64 benchmark's PyAV baseline (bench/pyav_frames.py) needs
the `av` and `pillow` packages; ensure_pyav() installs them with pip when they are missing.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import json
import math
import random
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence, Union

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
WORK_DIR = REPO / "bench" / "work"
RESULTS = REPO / "bench" / "results.md"
# Figures from make fuzz / test-asan / test-tsan / soak (issue #10), appended to results.md as they stand.
HARDENING = REPO / "bench" / "hardening.md"
# Issue #18's labelled sets: (folder under bench/work/, `make eval-…` target suffix), scored after the timings.
LABELLED_SETS = (("shot_eval", "shots"), ("check_eval", "checks"))


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

    def cells(self) -> tuple[str, ...]:
        return (
            self.job,
            f"{self.raykit_seconds:.3f}",
            f"{self.baseline_seconds:.3f}",
            f"{self.ratio:.2f}x",
            f">= {self.target:g}x",
            "yes" if self.meets_target else "NO",
            self.timing,
        )


@dataclass(frozen=True)
class MemoryRow:
    """A memory job's result: RayKit's peak RSS on a short and a long input, side by side.

    Its cells say their unit (MB) in the seconds columns; the ratio is long/short, and the
    target is met when it stays at or under `limit` (memory must not grow with the input).
    """

    job: str
    short_label: str  # e.g. "10 s clip"
    short_kb: int
    long_label: str
    long_kb: int
    limit: float
    timing: str

    @property
    def ratio(self) -> float:
        return self.long_kb / self.short_kb

    @property
    def meets_target(self) -> bool:
        return self.ratio <= self.limit

    def cells(self) -> tuple[str, ...]:
        return (
            self.job,
            f"{self.short_label}: {self.short_kb / 1024:.0f} MB",
            f"{self.long_label}: {self.long_kb / 1024:.0f} MB",
            f"{self.ratio:.2f}x (long/short)",
            f"<= {self.limit:g}x",
            "yes" if self.meets_target else "NO",
            self.timing,
        )


AnyRow = Union[Row, MemoryRow]
Benchmark = Callable[[Context], "list[AnyRow]"]
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


def interleave(ctx: Context, jobs: dict[str, Callable[[], float]], min_runs: int, cap: int) -> dict[str, list[float]]:
    """alternate() for any number of sides, each a function that does one run and returns its
    seconds (so it can empty an output folder first, untimed).

    Runs rounds of every job in turn; stops after at least `min_runs` rounds once every side
    totals ctx.min_seconds or any side totals ctx.max_seconds, or after `cap` rounds.
    """
    times: dict[str, list[float]] = {name: [] for name in jobs}
    for round_number in range(1, cap + 1):
        for name, job in jobs.items():
            times[name].append(job())
        totals = [sum(seconds) for seconds in times.values()]
        if round_number >= min_runs and (min(totals) >= ctx.min_seconds or max(totals) >= ctx.max_seconds):
            break
    return times


def fresh_dir(path: Path) -> Path:
    """`path` as an empty folder (its old contents deleted)."""
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def into_fresh_dir(out: Path, cmds: Sequence[Sequence[str]]) -> Callable[[], float]:
    """A job for interleave(): empties `out` (untimed), then runs `cmds` one after the other."""

    def job() -> float:
        fresh_dir(out)
        return run_each(cmds)

    return job


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
    """A synthetic clip made with ffmpeg's lavfi sources: testsrc2 video (or `source`) plus a sine tone."""

    name: str  # file name in bench/work/
    seconds: int
    size: str = "1920x1080"
    rate: int = 30
    source: str | None = None  # a lavfi video source graph instead of testsrc2 at `size` and `rate`
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
# The camera panning back and forth over a picture twice as wide, so every frame moves and no two keyframes are alike.
PAN_1080P_60S = Clip("h264_1080p_60s_pan.mp4", seconds=60,
                     source="testsrc2=size=3840x1080:rate=30,crop=1920:1080:x='960*(1-cos(t/2))':y=0")
HLG_1080P_10S = Clip(
    "hevc10_hlg_1080p_10s.mp4", seconds=10,
    video_args=(
        "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error:keyint=60:min-keyint=60:bframes=3",
        "-pix_fmt", "yuv420p10le", "-color_primaries", "bt2020", "-color_trc", "arib-std-b67", "-colorspace", "bt2020nc",
    ),
)  # fmt: skip


def ensure_clip(clip: Clip) -> str:
    """Makes `clip` with ffmpeg unless it exists; returns its path relative to the repo root."""
    if not clip.path.exists():
        WORK_DIR.mkdir(parents=True, exist_ok=True)
        partial = clip.path.with_name(f"partial-{clip.name}")  # renamed only once complete
        progress(f"generating {clip.path.relative_to(REPO)} (once; delete it to regenerate)")
        run([
            "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", clip.source or f"testsrc2=size={clip.size}:rate={clip.rate}",
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
# Frame extraction: `raykit frames` vs ffmpeg (a seek per frame, or one select pass) and PyAV.

FRAMES_SEED = 20261125  # fixed, so every run extracts the same frames
FRAMES_WANTED = 64
FRAMES_OUT = WORK_DIR / "frames-out"  # one folder per side, emptied before each run; holds the last run's stills
PYAV_SCRIPT = REPO / "bench" / "pyav_frames.py"
MAX_FRAMES_RUNS = 200
MEMORY_RUNS = 3
MEMORY_LIMIT = 1.25  # the long clip's peak RSS may be at most this many times the short one's


def rel(path: Path) -> str:
    """`path` relative to the repo root (the commands' working directory): shorter argv."""
    return str(path.relative_to(REPO))


def random_frames(clip: Clip, count: int = FRAMES_WANTED) -> list[int]:
    """`count` distinct frame indexes over all of `clip`, from the fixed seed, in drawn (unsorted) order."""
    return random.Random(FRAMES_SEED).sample(range(clip.frames), count)


def raykit_frames_cmd(ctx: Context, path: str, at: str, out: Path) -> list[str]:
    return [ctx.raykit, "frames", path, "--at", at, "--out", rel(out)]


def raykit_still_names(indexes: Sequence[int]) -> list[str]:
    return [f"frame_{index:06d}.png" for index in indexes]


def ffmpeg_select_cmd(path: str, indexes: Sequence[int], out: Path) -> list[str]:
    """One ffmpeg pass that decodes the whole clip and keeps the frames numbered `indexes`;
    it writes them in order as f_0001.png, f_0002.png, ..."""
    select = "+".join(f"eq(n\\,{index})" for index in sorted(indexes))
    return [
        "ffmpeg", "-v", "error", "-i", path, "-vf", f"select='{select}'",
        "-fps_mode", "passthrough", f"{rel(out)}/f_%04d.png",
    ]  # fmt: skip


def select_still_names(count: int) -> list[str]:
    return [f"f_{number:04d}.png" for number in range(1, count + 1)]


def ffmpeg_seek_cmds(clip: Clip, path: str, indexes: Sequence[int], out: Path) -> list[list[str]]:
    """One ffmpeg process per frame, each seeking to index/rate (an accurate seek: it decodes
    from the keyframe before and drops the frames before that time)."""
    return [
        ["ffmpeg", "-v", "error", "-ss", str(index / clip.rate), "-i", path, "-frames:v", "1", f"{rel(out)}/f_{index:06d}.png"]
        for index in sorted(indexes)
    ]  # fmt: skip


def index_still_names(indexes: Sequence[int]) -> list[str]:
    """The names the per-frame ffmpeg runs and bench/pyav_frames.py give their stills."""
    return [f"f_{index:06d}.png" for index in sorted(indexes)]


def check_stills(out: Path, names: Sequence[str], who: str) -> None:
    """`out` holds exactly the files `names`, none of them empty."""
    found = sorted(entry.name for entry in out.iterdir())
    if found != sorted(names):
        missing = sorted(set(names) - set(found))
        extra = sorted(set(found) - set(names))
        raise BenchError(f"{who} wrote {len(found)} stills in {rel(out)}, expected {len(names)} (missing {missing[:5]}, unexpected {extra[:5]})")
    empty = [name for name in names if (out / name).stat().st_size == 0]
    if empty:
        raise BenchError(f"{who} wrote empty stills in {rel(out)}: {empty[:5]}")


def psnr(a: Path, b: Path) -> float:
    """PSNR in dB between two same-size images (inf when identical), by ffmpeg's psnr filter."""
    cmd = ["ffmpeg", "-hide_banner", "-nostdin", "-nostats", "-i", str(a), "-i", str(b), "-lavfi", "psnr", "-f", "null", "-"]
    done = subprocess.run(cmd, cwd=REPO, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    match = re.search(r"PSNR .*average:(inf|[0-9.]+)", done.stderr)
    if done.returncode != 0 or not match:
        raise BenchError(f"could not compare {a} and {b}: {done.stderr.strip()[-300:]}")
    return float(match.group(1))


def check_exact_frames(clip: Clip, path: str, raykit_out: Path, samples: Sequence[int]) -> None:
    """RayKit's still of each sampled frame N is closer (PSNR) to ffmpeg's frame N than to its
    frames N-1 and N+1, i.e. RayKit picked the right frame.

    Not compared byte for byte: RayKit's RGB conversion is not the ffmpeg CLI's (untagged HD
    video is BT.709 to RayKit, BT.601 to the CLI), so even the right frame differs a little;
    testsrc2 moves every frame, so a neighbouring frame differs much more.
    """
    wanted = sorted({m for n in samples for m in (n - 1, n, n + 1) if 0 <= m < clip.frames})
    out = fresh_dir(FRAMES_OUT / "reference")
    run(ffmpeg_select_cmd(path, wanted, out))
    check_stills(out, select_still_names(len(wanted)), "ffmpeg (reference stills)")
    reference = {index: out / name for index, name in zip(wanted, select_still_names(len(wanted)))}
    for n in samples:
        still = raykit_out / f"frame_{n:06d}.png"
        scores = {m: psnr(still, reference[m]) for m in (n - 1, n, n + 1) if m in reference}
        best = max(scores, key=lambda m: scores[m])
        if best != n:
            shown = ", ".join(f"frame {m}: {score:.1f} dB" for m, score in scores.items())
            raise BenchError(f"raykit's still of frame {n} looks most like ffmpeg's frame {best} ({shown})")


def ensure_pyav() -> None:
    """Installs PyAV and Pillow with pip, for the PyAV baseline, if this Python lacks them."""
    if subprocess.run([sys.executable, "-c", "import av, PIL"], capture_output=True).returncode == 0:
        return
    progress("the PyAV baseline needs the Python packages `av` and `pillow`; installing them: python3 -m pip install --quiet av pillow")
    try:
        run([sys.executable, "-m", "pip", "install", "--quiet", "av", "pillow"])
    except BenchError as error:
        raise BenchError(f"could not install av and pillow ({error}); install them with `python3 -m pip install av pillow`") from None


@benchmark("frames-64")
def frames_64(ctx: Context) -> list[AnyRow]:
    """64 random distinct frames (fixed seed) of the 10 s 1080p30 H.264 clip as 1920x1080 PNG
    stills: ONE `raykit frames CLIP --at I1,...,I64 --out DIR` process vs (a) one
    `ffmpeg -v error -ss T -i CLIP -frames:v 1 OUT.png` process per frame (T = index/30),
    (b) one ffmpeg pass `ffmpeg -v error -i CLIP -vf "select='eq(n\\,I1)+...'" -fps_mode passthrough
    DIR/f_%04d.png`, (c) PyAV, bench/pyav_frames.py: one packet scan, then for the sorted indexes
    `container.seek` to the keyframe before a target (only when decoding on cannot reach it),
    decoding forward to the exact frame (frame threads on), `frame.to_image().save()` (Pillow).
    Each run writes into an emptied folder. Checked first: every side writes its 64 stills,
    (a)'s are byte-identical to (b)'s, and RayKit's stills of 3 of the frames are closer (PSNR) to
    ffmpeg's same frame than to its neighbours. RayKit, (b) and (c) alternate, median of R >= 3
    runs each (R as above); (a) takes ~35 s a run, so it runs once, twice if that stays within
    --max-seconds.
    """
    clip = H264_1080P_10S
    path = ensure_clip(clip)
    ensure_pyav()
    indexes = random_frames(clip)
    ordered = sorted(indexes)
    at = ",".join(map(str, indexes))
    dirs = {side: FRAMES_OUT / side for side in ("raykit", "select", "pyav", "seek")}
    jobs = {
        "raykit": into_fresh_dir(dirs["raykit"], [raykit_frames_cmd(ctx, path, at, dirs["raykit"])]),
        "select": into_fresh_dir(dirs["select"], [ffmpeg_select_cmd(path, indexes, dirs["select"])]),
        "pyav": into_fresh_dir(dirs["pyav"], [[sys.executable, rel(PYAV_SCRIPT), path, rel(dirs["pyav"]), at]]),
    }
    seek = into_fresh_dir(dirs["seek"], ffmpeg_seek_cmds(clip, path, indexes, dirs["seek"]))

    progress("frames-64: one untimed run of RayKit, the select pass and PyAV; checking their stills")
    for job in jobs.values():
        job()
    check_stills(dirs["raykit"], raykit_still_names(indexes), "raykit frames")
    check_stills(dirs["select"], select_still_names(len(indexes)), "ffmpeg select")
    check_stills(dirs["pyav"], index_still_names(indexes), "PyAV")
    check_exact_frames(clip, path, dirs["raykit"], [ordered[0], ordered[len(ordered) // 2], ordered[-1]])

    progress("frames-64: (a) one ffmpeg -ss process per frame (~35 s a run)")
    seek_times = [seek()]
    check_stills(dirs["seek"], index_still_names(indexes), "ffmpeg -ss per frame")
    for index, select_name in zip(ordered, select_still_names(len(ordered))):
        if (dirs["seek"] / f"f_{index:06d}.png").read_bytes() != (dirs["select"] / select_name).read_bytes():
            raise BenchError(f"frame {index}: ffmpeg -ss and ffmpeg select wrote different stills")
    if 2 * seek_times[0] <= ctx.max_seconds:
        seek_times.append(seek())

    progress("frames-64: timing RayKit, the select pass and PyAV, alternating")
    times = interleave(ctx, jobs, min_runs=3, cap=MAX_FRAMES_RUNS)
    runs = len(times["raykit"])
    raykit_median = statistics.median(times["raykit"])
    seek_timing = "1 run" if len(seek_times) == 1 else f"median of {len(seek_times)}"
    job = f"frames-64: 64 random frames of 10 s {clip.size} H.264 as PNG"
    return [
        Row(
            job=f"{job}, vs (a) one ffmpeg -ss process per frame",
            raykit_seconds=raykit_median,
            baseline_seconds=statistics.median(seek_times),
            target=10.0,
            timing=f"RayKit median of {runs}; ffmpeg {seek_timing} (slow: 64 processes a run)",
        ),
        Row(
            job=f"{job}, vs (b) one ffmpeg select pass",
            raykit_seconds=raykit_median,
            baseline_seconds=statistics.median(times["select"]),
            target=1.5,
            timing=f"median of {runs}",
        ),
        Row(
            job=f"{job}, vs (c) PyAV seek + decode + Pillow PNG",
            raykit_seconds=raykit_median,
            baseline_seconds=statistics.median(times["pyav"]),
            target=1.5,
            timing=f"median of {runs}",
        ),
    ]  # fmt: skip


def start_end_row(ctx: Context, clip: Clip, name: str) -> Row:
    """`raykit frames --at start,end` vs a select pass for the first and last frame of `clip`."""
    path = ensure_clip(clip)
    last = clip.frames - 1
    dirs = {side: FRAMES_OUT / side for side in ("raykit", "select")}
    jobs = {
        "raykit": into_fresh_dir(dirs["raykit"], [raykit_frames_cmd(ctx, path, "start,end", dirs["raykit"])]),
        "select": into_fresh_dir(dirs["select"], [ffmpeg_select_cmd(path, [0, last], dirs["select"])]),
    }
    progress(f"{name}: {path}: one untimed run each; checking their stills")
    for job in jobs.values():
        job()
    check_stills(dirs["raykit"], raykit_still_names([0, last]), "raykit frames --at start,end")
    check_stills(dirs["select"], select_still_names(2), "ffmpeg select")
    check_exact_frames(clip, path, dirs["raykit"], [0, last])

    progress(f"{name}: {path}: timing, alternating")
    times = interleave(ctx, jobs, min_runs=5, cap=MAX_FRAMES_RUNS)
    runs = len(times["raykit"])
    return Row(
        job=f"{name}: frames 0 and {last} (--at start,end) of {clip.seconds} s {clip.size} H.264 as PNG, vs one ffmpeg select pass",
        raykit_seconds=statistics.median(times["raykit"]),
        baseline_seconds=statistics.median(times["select"]),
        target=10.0,
        timing=f"median of {runs}" + short_note(ctx, sum(times["raykit"])),
    )  # fmt: skip


@benchmark("frames-start-end")
def frames_start_end(ctx: Context) -> list[AnyRow]:
    """The first and the last frame (0 and 299) of the 10 s 1080p30 H.264 clip as PNG stills:
    `raykit frames CLIP --at start,end --out DIR` (packet scan, then it decodes only the first
    and the last GOP) vs one ffmpeg pass with `-vf "select='eq(n\\,0)+eq(n\\,299)'" -fps_mode
    passthrough` (it decodes every frame). Checked first: both write their 2 stills, and RayKit's
    are closer (PSNR) to ffmpeg's same frames than to their neighbours. Alternating, median of
    R >= 5 runs each (R as above).
    """
    return [start_end_row(ctx, H264_1080P_10S, "frames-start-end")]


def raykit_peak_kb(ctx: Context, clip: Clip) -> int:
    """Highest peak RSS (kB) of MEMORY_RUNS `raykit frames` runs extracting random_frames(clip)."""
    path = ensure_clip(clip)
    indexes = random_frames(clip)
    out = FRAMES_OUT / "raykit"
    report = FRAMES_OUT / "time-report.txt"
    peaks = []
    for _ in range(MEMORY_RUNS):
        fresh_dir(out)
        run(["/usr/bin/time", "-f", "%M", "-o", str(report), *raykit_frames_cmd(ctx, path, ",".join(map(str, indexes)), out)])
        check_stills(out, raykit_still_names(indexes), "raykit frames")
        words = report.read_text().split()
        if not words or not words[-1].isdigit():
            raise BenchError(f"no peak RSS from /usr/bin/time: {report.read_text()!r}")
        peaks.append(int(words[-1]))
    return max(peaks)


@benchmark("frames-memory")
def frames_memory(ctx: Context) -> list[AnyRow]:
    """Whether `raykit frames` grows with the clip's length. Time: the frames-start-end job on the
    60 s 1080p30 H.264 clip (frames 0 and 1799; RayKit vs the ffmpeg select pass, same checks,
    median of R >= 5 runs each): RayKit's time should stay flat while the full pass grows with
    the clip. Memory: peak RSS (`/usr/bin/time -f %M`) of `raykit frames CLIP --at (64 random
    indexes) --out DIR` on the 10 s clip (frames-64's indexes) and on the 60 s clip (64 indexes
    drawn over all 1800 frames, same seed), the highest of 3 runs each, side by side (MB in the
    seconds columns); met when the 60 s peak is within 1.25x of the 10 s one.
    """
    if not Path("/usr/bin/time").is_file():
        raise BenchError("frames-memory needs GNU time at /usr/bin/time (Debian package `time`)")
    time_row = start_end_row(ctx, H264_1080P_60S, "frames-memory")
    progress(f"frames-memory: peak RSS of raykit frames, 64 stills, {MEMORY_RUNS} runs per clip")
    short, long = H264_1080P_10S, H264_1080P_60S
    memory_row = MemoryRow(
        job=f"frames-memory: peak RSS of raykit frames, 64 random frames as PNG, {short.seconds} s vs {long.seconds} s {long.size} H.264",
        short_label=f"{short.seconds} s clip",
        short_kb=raykit_peak_kb(ctx, short),
        long_label=f"{long.seconds} s clip",
        long_kb=raykit_peak_kb(ctx, long),
        limit=MEMORY_LIMIT,
        timing=f"highest of {MEMORY_RUNS} runs per clip (/usr/bin/time -f %M)",
    )  # fmt: skip
    return [time_row, memory_row]



CROP_WINDOW = "1920:804:0:138"  # what RayKit plans for 1920x1080 to 2.39:1: even height nearest 1920/2.39, centred
CROP_SETTINGS = (("preset", "veryfast"), ("crf", "23"), ("threads", "2"))  # same on both sides


@benchmark("crop")
def crop(ctx: Context) -> list[AnyRow]:
    """Crop the 10 s 1080p30 H.264 clip to 2.39:1 (a 1920x804 window at y=138) with the same encoder,
    preset, CRF and thread count on both sides, audio copied: `raykit crop CLIP --to 2.39:1 --preset
    veryfast --crf 23 --threads 2 -o OUT.mp4` vs `ffmpeg -i CLIP -vf crop=1920:804:0:138 -c:v libx264
    -preset veryfast -crf 23 -threads 2 -c:a copy -movflags +faststart OUT.mp4` (RayKit always writes the index
    first). Both are bound by libx264, so the target is
    parity: RayKit's time within 1.05x of ffmpeg's (ratio >= 0.95). Checked first: the two outputs'
    PSNR (ffmpeg's psnr filter over every frame) is at least 45 dB, or they are identical. Alternating,
    median of R >= 5 runs each (the encoder's own run-to-run spread is about 10%).
    """
    path = ensure_clip(H264_1080P_10S)
    out = fresh_dir(WORK_DIR / "crop-out")
    raykit_out, ffmpeg_out = out / "raykit.mp4", out / "ffmpeg.mp4"
    raykit_cmd = [ctx.raykit, "crop", path, "--to", "2.39:1", *(a for k, v in CROP_SETTINGS for a in (f"--{k}", v)),
                  "--quiet", "--force", "-o", str(raykit_out)]
    ffmpeg_cmd = ["ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", path, "-vf", f"crop={CROP_WINDOW}",
                  "-c:v", "libx264", *(a for k, v in CROP_SETTINGS for a in (f"-{k}", v)), "-c:a", "copy",
                  "-movflags", "+faststart", str(ffmpeg_out)]  # fmt: skip
    jobs = {"raykit": lambda: run(raykit_cmd)[0], "ffmpeg": lambda: run(ffmpeg_cmd)[0]}
    progress(f"crop: {path}: one untimed run each; comparing the outputs")
    for job in jobs.values():
        job()
    quality = psnr(raykit_out, ffmpeg_out)
    if quality < 45:
        raise BenchError(f"raykit crop and ffmpeg -vf crop differ: PSNR {quality:.1f} dB < 45 dB")
    progress(f"crop: {path}: timing, alternating")
    times = interleave(ctx, jobs, min_runs=5, cap=20)
    same = "identical video" if math.isinf(quality) else f"PSNR {quality:.1f} dB"
    return [
        Row(
            job=f"crop: 10 s 1920x1080 H.264 to 2.39:1 (1920x804), libx264 veryfast CRF 23, 2 threads, audio copied ({same})",
            raykit_seconds=statistics.median(times["raykit"]),
            baseline_seconds=statistics.median(times["ffmpeg"]),
            target=0.95,
            timing=f"median of {len(times['raykit'])}",
        )
    ]

HLG_FRAMES = 16
TONEMAP_CHAIN = "zscale=t=linear:npl=1000,format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=reinhard:desat=0,zscale=t=bt709:m=bt709:r=tv,format=rgb24"


@benchmark("frames-hlg")
def frames_hlg(ctx: Context) -> list[AnyRow]:
    """16 random distinct frames (fixed seed) of a 10 s 1080p30 HEVC 10-bit HLG clip (60-frame GOPs, 3
    B-frames) as tone-mapped 8-bit sRGB PNG stills: `raykit frames CLIP --at I1,...,I16 --out DIR` (its own
    HLG tone map, see README) vs one ffmpeg pass with the closest tone map Debian's ffmpeg has,
    `select='eq(n\,I1)+...',zscale=t=linear:npl=1000,format=gbrpf32le,zscale=p=bt709,tonemap=reinhard,
    zscale=t=bt709:m=bt709:r=tv,format=rgb24`. The two tone maps differ, so only the count of stills is
    checked. Alternating, median of R >= 3 runs each.
    """
    clip = HLG_1080P_10S
    path = ensure_clip(clip)
    indexes = random.Random(FRAMES_SEED).sample(range(clip.frames), HLG_FRAMES)
    select = "+".join(f"eq(n\\,{index})" for index in sorted(indexes))
    dirs = {side: FRAMES_OUT / f"hlg-{side}" for side in ("raykit", "ffmpeg")}
    ffmpeg_cmd = ["ffmpeg", "-v", "error", "-i", path, "-vf", f"select='{select}',{TONEMAP_CHAIN}",
                  "-fps_mode", "passthrough", f"{rel(dirs['ffmpeg'])}/f_%04d.png"]  # fmt: skip
    jobs = {
        "raykit": into_fresh_dir(dirs["raykit"], [raykit_frames_cmd(ctx, path, ",".join(map(str, indexes)), dirs["raykit"])]),
        "ffmpeg": into_fresh_dir(dirs["ffmpeg"], [ffmpeg_cmd]),
    }
    progress("frames-hlg: one untimed run each; checking the stills")
    for job in jobs.values():
        job()
    check_stills(dirs["raykit"], raykit_still_names(indexes), "raykit frames (HLG)")
    check_stills(dirs["ffmpeg"], select_still_names(len(indexes)), "ffmpeg select + tonemap")
    times = interleave(ctx, jobs, min_runs=3, cap=MAX_FRAMES_RUNS)
    return [
        Row(
            job=f"frames-hlg: {HLG_FRAMES} random frames of 10 s 1920x1080 HEVC 10-bit HLG as tone-mapped PNG, vs one ffmpeg select + zscale/tonemap pass",
            raykit_seconds=statistics.median(times["raykit"]),
            baseline_seconds=statistics.median(times["ffmpeg"]),
            target=1.0,
            timing=f"median of {len(times['raykit'])}",
        )
    ]


def ensure_scenedetect() -> None:
    """Installs PySceneDetect (headless OpenCV) with pip, for the shots baseline, if it is missing."""
    if shutil.which("scenedetect"):
        return
    progress("the shots baseline needs PySceneDetect; installing it: python3 -m pip install --quiet scenedetect-headless")
    try:
        run([sys.executable, "-m", "pip", "install", "--quiet", "scenedetect-headless"])
    except BenchError as error:
        raise BenchError(f"could not install scenedetect-headless ({error})") from None


def scenedetect_cmd(path: str) -> list[str]:
    return ["scenedetect", "-q", "-i", path, "detect-content", "list-scenes", "-n", "-q"]


@benchmark("shots")
def shots(ctx: Context) -> list[AnyRow]:
    """Shot detection on two 60 s 1080p30 H.264 clips with 2 s GOPs and B-frames: the calm one (testsrc2:
    still bars, a moving line and counters) and one panning in every frame: `raykit shots CLIP --json`
    (`--decode auto`: 64x36 thumbnails of the keyframes, then of the reference pictures between keyframes
    that are not alike or whose packets jump, decoded without deblocking, then every frame around
    candidates) vs PySceneDetect's content detector (`scenedetect -i CLIP detect-content list-scenes -n`,
    OpenCV decoding) and vs ffmpeg's scdet filter (`ffmpeg -i CLIP -vf scdet -f null -`). Checked first: on
    fixtures/shots.mp4 (two hard cuts, one cross-fade) RayKit finds exactly the cuts the fixture script
    recorded, and PySceneDetect finds those cuts too; on each 60 s clip (motion, no cut) RayKit finds one
    shot. Alternating, median of R >= 3 runs each.
    """
    ensure_scenedetect()
    fixture = json.loads((FIXTURES / "manifest.json").read_text())
    made = next(entry for entry in fixture["fixtures"] if entry["file"] == "shots.mp4")
    found = json.loads(run([ctx.raykit, "shots", "fixtures/shots.mp4", "--json"], capture=True)[1])
    if found["cuts"] != made["cuts"]:
        raise BenchError(f"raykit shots found cuts {found['cuts']}, the fixture has {made['cuts']}")
    listed = run(["scenedetect", "-i", "fixtures/shots.mp4", "detect-content", "list-scenes", "-n"], capture=True)[1]
    starts = {int(cells[2]) - 1 for cells in (line.split("|") for line in listed.splitlines()) if len(cells) > 3 and cells[2].strip().isdigit()}
    if not set(made["cuts"]) <= starts:
        raise BenchError(f"PySceneDetect's shots start at {sorted(starts)}, missing the cuts {made['cuts']}")
    return timed_shots(ctx, H264_1080P_60S, "") + timed_shots(ctx, PAN_1080P_60S, ", panning in every frame")


def timed_shots(ctx: Context, clip: Clip, kind: str) -> list[AnyRow]:
    """The shots rows for one 60 s clip with no cut (checked first: RayKit finds one shot)."""
    path = ensure_clip(clip)
    whole = json.loads(run([ctx.raykit, "shots", path, "--json"], capture=True)[1])
    if whole["cuts"] or len(whole["shots"]) != 1:
        raise BenchError(f"raykit shots cut the motion-only clip {path}: {whole['cuts']}")
    jobs = {
        "raykit": lambda: run([ctx.raykit, "shots", path, "--json"])[0],
        "pyscenedetect": lambda: run(scenedetect_cmd(path))[0],
        "scdet": lambda: run(["ffmpeg", "-v", "error", "-i", path, "-an", "-vf", "scdet", "-f", "null", "-"])[0],
    }
    progress(f"shots{kind}: timing RayKit, PySceneDetect and ffmpeg scdet, alternating")
    times = interleave(ctx, jobs, min_runs=3, cap=20)
    raykit_seconds = statistics.median(times["raykit"])
    return [
        Row(job=f"shots: 60 s 1920x1080 H.264{kind}, vs {name}", raykit_seconds=raykit_seconds,
            baseline_seconds=statistics.median(times[side]), target=target, timing=f"median of {len(times[side])}")
        for side, name, target in (("pyscenedetect", "PySceneDetect detect-content", 2.5), ("scdet", "ffmpeg -vf scdet", 2.0))
    ]


def read_counts(stderr: str, path: str) -> str:
    """The `--verbose` read line for `path`: `1 open, …, 118 frames decoded, 3 seeks`."""
    for line in stderr.splitlines():
        if line.startswith(f"raykit: read {path}: "):
            return line.split(": ", 2)[2]
    raise BenchError(f"no read counts for {path} in: {stderr[-400:]}")


def run_verbose(cmd: Sequence[str]) -> str:
    """Runs `cmd --verbose` once (untimed) and returns its stderr."""
    done = subprocess.run([*cmd, "--verbose"], capture_output=True, text=True, cwd=REPO)
    if done.returncode not in (0, 2):
        raise BenchError(f"{describe(cmd)} exited {done.returncode}: {done.stderr[-400:]}")
    return done.stderr


@benchmark("check-reframe")
def check_reframe(ctx: Context) -> list[AnyRow]:
    """`raykit check reframe` on the 10 s 1080p clip and a 720x1280 result made from it (the source scaled
    into the middle of a 9:16 canvas) vs ffmpeg decoding both files (`ffmpeg -i SRC -i RESULT -map 0:v -map
    1:v -f null -`), the floor any check that reads both must pay. The check must pass; its read counts
    (one open of each file) are printed with the row. Alternating, median of R >= 3 runs each.
    """
    source = ensure_clip(H264_1080P_10S)
    result = WORK_DIR / "reframe_result_720x1280.mp4"
    if not result.exists():
        run(["ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", source, "-an",
             "-vf", "scale=720:405,pad=720:1280:0:437:color=gray", "-c:v", "libx264", "-preset", "veryfast", str(result)])
    result_path = str(result.relative_to(REPO))
    check = [ctx.raykit, "check", "reframe", source, result_path]
    verdict = json.loads(run([*check, "--json"], capture=True)[1])
    if verdict["verdict"] == "fail":
        raise BenchError(f"check reframe failed its own stand-in: {verdict}")
    stderr = run_verbose(check)
    counts = f"source: {read_counts(stderr, source)}; result: {read_counts(stderr, result_path)}"
    progress(f"check-reframe: {counts}")
    jobs = {
        "raykit": lambda: run(check)[0],
        "ffmpeg": lambda: run(["ffmpeg", "-v", "error", "-i", source, "-i", result_path, "-map", "0:v", "-map", "1:v", "-f", "null", "-"])[0],
    }
    times = interleave(ctx, jobs, min_runs=3, cap=10)
    return [Row(job=f"check reframe: 10 s 1080p source + 720x1280 result, vs ffmpeg decoding both ({counts})",
                raykit_seconds=statistics.median(times["raykit"]), baseline_seconds=statistics.median(times["ffmpeg"]),
                target=0.8, timing=f"median of {len(times['raykit'])}")]


@benchmark("keyframes-suggest")
def keyframes_suggest(ctx: Context) -> list[AnyRow]:
    """`raykit keyframes CLIP --suggest 8` on the 60 s 1080p clip vs what it stands for done apart: `raykit
    shots CLIP` then `raykit frames CLIP --at` the same 8 frames. Suggesting must cost no more than one shots
    pass plus the stills (target 1.0: it reads the clip once for both). Alternating, median of R >= 3 runs each.
    """
    path = ensure_clip(H264_1080P_60S)
    out = WORK_DIR / "suggest"
    suggested = json.loads(run([ctx.raykit, "keyframes", path, "--suggest", "8", "--out", str(fresh_dir(out)), "--force", "--json"], capture=True)[1])
    frames = ",".join(str(k["keyframeIndex"]) for k in suggested["keyframes"])
    jobs = {
        "raykit": into_fresh_dir(out, [[ctx.raykit, "keyframes", path, "--suggest", "8", "--out", str(out)]]),
        "apart": into_fresh_dir(out, [[ctx.raykit, "shots", path, "--json"], [ctx.raykit, "frames", path, "--at", frames, "--out", str(out)]]),
    }
    times = interleave(ctx, jobs, min_runs=3, cap=10)
    return [Row(job="keyframes --suggest 8: 60 s 1080p, vs shots then frames at the same 8",
                raykit_seconds=statistics.median(times["raykit"]), baseline_seconds=statistics.median(times["apart"]),
                target=1.0, timing=f"median of {len(times['raykit'])}")]


# ---------------------------------------------------------------------------
# Reporting.

HEADER = ("Job", "RayKit (s)", "Baseline (s)", "x faster", "Target", "Met", "Timing")


def text_table(rows: Sequence[AnyRow]) -> str:
    """The table for the terminal: aligned columns, numbers right-aligned."""
    lines = [HEADER, *(row.cells() for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER))]
    numeric = {1, 2, 3}

    def fmt(line: Sequence[str]) -> str:
        return "  ".join(c.rjust(w) if i in numeric else c.ljust(w) for i, (c, w) in enumerate(zip(line, widths))).rstrip()

    return "\n".join([fmt(HEADER), "  ".join("-" * w for w in widths), *(fmt(row.cells()) for row in rows)])


def markdown_table(rows: Sequence[AnyRow]) -> str:
    aligns = ["---", "---:", "---:", "---:", "---", "---", "---"]
    lines = [HEADER, aligns, *(row.cells() for row in rows)]
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


def raykit_revision(at_start: str | None = None) -> str:
    """The commit measured, flagged when tracked files have uncommitted changes.

    Given the revision taken when the run started, says so if HEAD moved during the run
    (another session committing while the benchmarks ran).
    """
    revision = command_output(["git", "rev-parse", "--short", "HEAD"])
    changes = subprocess.run(["git", "diff", "--quiet", "HEAD"], cwd=REPO, capture_output=True)
    described = f"{revision} (with uncommitted changes)" if changes.returncode == 1 else revision
    if at_start is None or at_start == described:
        return described
    return f"{at_start} at the start of the run; {described} at its end"


def package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def machine(revision_at_start: str | None = None) -> dict[str, str]:
    return {
        "CPUs (nproc)": command_output(["nproc"]),
        "CPU": cpu_model(),
        "ffmpeg": command_output(["ffmpeg", "-version"]),
        "PyAV / Pillow": f"{package_version('av')} / {package_version('pillow')} (Python {sys.version.split()[0]})",
        "RayKit commit": raykit_revision(revision_at_start),
    }


def summary(function: Benchmark) -> str:
    """A benchmark docstring's first paragraph on one line."""
    paragraph = (function.__doc__ or "").strip().split("\n\n")[0]
    return " ".join(paragraph.split())


def results_markdown(rows: Sequence[AnyRow], names: Sequence[str], ctx: Context, revision_at_start: str, labelled: Sequence[str]) -> str:
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# RayKit benchmarks",
        "",
        f"Written by `make bench` (bench/bench.py) on {now}; rerun it rather than editing this file.",
        'Ratio = baseline seconds / RayKit seconds ("x faster"). Repetitions are sized so the faster side',
        f"runs >= {ctx.min_seconds:g} s in total, unless the slower side would then exceed {ctx.max_seconds:g} s",
        "(the Timing column says when RayKit's side ran less); the frames jobs also run at least 3 or 5",
        "times a side, as their Timing column says. The frames-memory peak-RSS row is not a time: its two",
        "middle cells are RayKit's peak memory on the short and on the long clip, and its ratio is long/short.",
        "",
        "| Machine | |",
        "|---|---|",
        *(f"| {key} | {value} |" for key, value in machine(revision_at_start).items()),
        "",
        markdown_table(rows),
        "",
        "## What each benchmark measures",
        "",
        *(f"- **{name}**: {summary(BENCHMARKS[name])}" for name in names),
        "",
        *labelled,
    ]
    if HARDENING.exists():
        # Not measured by this run: copied from bench/hardening.md, one level down under this title.
        hardening = HARDENING.read_text().strip().splitlines()
        lines += [("#" + line if line.startswith("#") else line) for line in hardening] + [""]
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Labelled sets (issue #18): scored, not timed.


def score_labelled_sets(ctx: Context) -> list[str]:
    """Runs `make eval-shots` and `make eval-checks` (each installs its Python packages when missing, generates its
    set, keeping clips already made with the same plan, and scores raykit on it; eval-shots also checks the sparse
    shot decode against the full one); returns their reports, headings one level down, for results.md."""
    sections: list[str] = []
    for folder, what in LABELLED_SETS:
        out = WORK_DIR / folder
        progress(f"labelled set ({what}): make eval-{what} into {rel(out)}")
        run(["make", "--no-print-directory", f"eval-{what}", f"RAYKIT={ctx.raykit}", f"EVAL_{what.upper()}_DIR={out}"])
        report = (out / "scores.md").read_text().strip().splitlines()
        sections += [("#" + line if line.startswith("#") else line) for line in report] + [""]
    return sections


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
    revision_at_start = raykit_revision()
    rows: list[AnyRow] = []
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
        return 0
    try:
        labelled = score_labelled_sets(ctx)
    except BenchError as error:
        print(f"bench: scoring the labelled sets failed: {error}\nbench: {RESULTS.relative_to(REPO)} left unchanged", file=sys.stderr)
        return 1
    RESULTS.write_text(results_markdown(rows, names, ctx, revision_at_start, labelled))
    print(f"(written to {RESULTS.relative_to(REPO)})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
