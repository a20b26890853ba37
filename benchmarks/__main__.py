"""`python -m benchmarks [--scales 1,10,50] [--presets netzwerk] [--quick] [--only build|pages|…|readers] [--runs N]`.

Measures, writes one JSON file per benchmark under benchmarks/results/ and renders benchmarks/RESULTS.md
from all of them (a module not run this time keeps its last figures).
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks import (
    bench_accuracy,
    bench_build,
    bench_explore,
    bench_memory,
    bench_network,
    bench_pages,
    bench_readers,
    bench_slider,
)
from benchmarks.common import RESULTS_MD, Context, loadavg, render

DEFAULT_SCALES = "1,10,20,50"
QUICK_SCALES = "1,10"


@dataclass(frozen=True)
class Benchmark:
    name: str
    run: Callable[[Context], dict]
    markdown: Callable[[dict], list[str]]
    targets: Callable[[dict], list[tuple[str, str, bool | None]]]


BENCHMARKS = (
    Benchmark("build", bench_build.run, bench_build.markdown, bench_build.targets),
    Benchmark("parse", bench_build.run_parse, bench_build.markdown_parse, bench_build.targets_parse),
    Benchmark("pages", bench_pages.run, bench_pages.markdown, bench_pages.targets),
    Benchmark("network", bench_network.run, bench_network.markdown, bench_network.targets),
    Benchmark("explore", bench_explore.run, bench_explore.markdown, bench_explore.targets),
    Benchmark("memory", bench_memory.run, bench_memory.markdown, bench_memory.targets),
    Benchmark("slider", bench_slider.run, bench_slider.markdown, bench_slider.targets),
    Benchmark("readers", bench_readers.run, bench_readers.markdown, bench_readers.targets),
    Benchmark("accuracy", bench_accuracy.run_sets, bench_accuracy.markdown_sets, bench_accuracy.targets_sets),
)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--scales", help=f"demo scales, comma-separated (default {DEFAULT_SCALES}; "
                                         f"--quick: {QUICK_SCALES})")
    parser.add_argument("--presets", default="netzwerk",
                        help="demo presets measured besides the scales by the page and slider benchmarks "
                             "(default netzwerk: the real network's size; empty: none)")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (1) and scales 1,10")
    parser.add_argument("--only", choices=[b.name for b in BENCHMARKS], action="append",
                        help="run only this benchmark (repeatable)")
    parser.add_argument("--runs", type=int, help="repetitions per figure (default 5, --quick 1)")
    parser.add_argument("--no-markdown", action="store_true", help="do not rewrite RESULTS.md")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    scales = sorted({int(s) for s in (args.scales or (QUICK_SCALES if args.quick else DEFAULT_SCALES)).split(",")})
    runs = args.runs or (1 if args.quick else 5)
    command = shlex.join(["python", "-m", "benchmarks", *argv])
    ctx = Context(scales=scales, runs=runs, quick=args.quick, command=command,
                  log=lambda text: print(text, flush=True),
                  presets=[p for p in args.presets.split(",") if p])
    chosen = [b for b in BENCHMARKS if not args.only or b.name in args.only]
    for bench in chosen:
        started = time.perf_counter()
        print(f"{bench.name}: scales {scales}, {runs} run(s) per figure", flush=True)
        ctx.notes = []
        ctx.load_at_start = loadavg()
        bench.run(ctx)
        print(f"{bench.name}: done in {time.perf_counter() - started:.0f} s", flush=True)
    if not args.no_markdown:
        RESULTS_MD.write_text(render([(b.name, b.markdown, b.targets) for b in BENCHMARKS]), encoding="utf-8")
        print(f"written: {RESULTS_MD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
