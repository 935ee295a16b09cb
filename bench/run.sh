#!/usr/bin/env bash
# RayKit vs the ffmpeg CLI (and PyAV): `bash bench/run.sh [RAYKIT] [bench.py options...]`.
# Prints a table and rewrites bench/results.md. See bench/bench.py for the benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
raykit=${1:-.build/release/raykit}
shift $(( $# > 0 ? 1 : 0 ))
exec python3 bench/bench.py --raykit "$raykit" "$@"
