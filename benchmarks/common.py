"""What every benchmark shares: repeated timing (median, min, max), the demo folders and databases
per scale, the machine description, and the JSON results that `RESULTS.md` is rendered from.

Each benchmark module writes one JSON file under `benchmarks/results/`; RESULTS.md is rendered from
all of them, so `python -m benchmarks --only pages` refreshes one section and keeps the others.
"""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
RESULTS_DIR = BENCH / "results"
RESULTS_MD = BENCH / "RESULTS.md"
WORK = BENCH / "work"  # gitignored: demo folders and databases per scale
SEED = 42


@dataclass
class Context:
    """The options of one benchmark run, passed to every module."""

    scales: list[int]
    runs: int  # repetitions per figure
    quick: bool
    command: str
    log: Callable[[str], None] = print
    work: Path = WORK
    results: Path = RESULTS_DIR
    notes: list[str] = field(default_factory=list)
    load_at_start: str = ""  # /proc/loadavg when this module started
    presets: list[str] = field(default_factory=list)  # named sizes (demo.PRESETS) measured besides the scales

    @property
    def sizes(self) -> list[int | str]:
        """Presets first (the real network's size), then the scales."""
        return [*self.presets, *self.scales]


def stats(values: Iterable[float], unit: str = "s", digits: int = 3) -> dict:
    """Median, min, max and count of a list of measurements."""
    values = list(values)
    return {"median": round(statistics.median(values), digits), "min": round(min(values), digits),
            "max": round(max(values), digits), "runs": len(values), "unit": unit}


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    """Seconds one call takes, and its result."""
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def repeat(fn: Callable[[], object], runs: int, setup: Callable[[], object] | None = None) -> list[float]:
    """Time `fn` `runs` times; `setup` runs untimed before each call."""
    seconds = []
    for _ in range(runs):
        if setup is not None:
            setup()
        seconds.append(timed(fn)[0])
    return seconds


def machine() -> dict:
    """Where the figures were measured: they only compare on the same machine (and under similar load)."""
    return {"nproc": os.cpu_count(), "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
            "platform": platform.platform(), "processor": platform.machine(), "loadavg": loadavg()}


def loadavg() -> str:
    """The machine's load (1, 5, 15 minutes) now: on a shared machine a figure means little without it."""
    try:
        return " ".join(Path("/proc/loadavg").read_text(encoding="utf-8").split()[:3])
    except OSError:
        return "unbekannt"


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def demo_source(scale: int | str, work: Path = WORK) -> Path:
    """The demo source folder of a scale or preset (`"netzwerk"`), generated once (same size and seed, same
    bytes)."""
    from demo import write_demo

    out = work / f"demo-{scale}"
    marker = out / ".complete"
    stamp = f"{scale} {SEED} {_generator_digest()}\n"  # a changed generator writes the folder again
    if not marker.exists() or marker.read_text(encoding="utf-8") != stamp:
        if isinstance(scale, str):
            write_demo(out, seed=SEED, preset=scale)
        else:
            write_demo(out, scale=scale, seed=SEED)
        marker.write_text(stamp, encoding="utf-8")
    return out


def size_label(size: int | str) -> str:
    """'scale 50' or 'netzwerk' (a preset) for tables and logs."""
    return size if isinstance(size, str) else f"scale {size}"


def _generator_digest() -> str:
    import hashlib

    digest = hashlib.sha256()
    for path in sorted((ROOT / "demo").glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def demo_db(scale: int | str, work: Path = WORK) -> Path:
    """The built database of a scale's demo; an up-to-date one is kept (the build's fingerprint fast path)."""
    from etl.build.pipeline import build

    db = work / f"demo-{scale}.db"
    build(demo_source(scale, work), db)
    return db


def as_of() -> str:
    """'Today' of the demo world, so every page shows the same periods on every run."""
    from demo import AS_OF

    return AS_OF.isoformat()


def quote_identifier(name: str) -> str:
    """A table name as a quoted SQL identifier (doubling embedded quotes)."""
    return '"' + name.replace('"', '""') + '"'


def table_rows(db: Path) -> int:
    """Rows in every table of a database, the FTS shadow tables excluded."""
    conn = sqlite3.connect(db)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                            "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'")]
        # Table names are identifiers, which SQL cannot bind: quote them, build the statements, then run.
        counts = [f"SELECT COUNT(*) FROM {quote_identifier(name)}" for name in names]
        return sum(conn.execute(statement).fetchone()[0] for statement in counts)
    finally:
        conn.close()


def save(module: str, ctx: Context, data: dict) -> Path:
    """Write one module's results as JSON, with the command, the date and the machine."""
    ctx.results.mkdir(parents=True, exist_ok=True)
    path = ctx.results / f"{module}.json"
    payload = {"module": module, "command": ctx.command, "date": now(), "machine": machine(),
               "load_at_start": ctx.load_at_start,
               "runs": ctx.runs, "notes": ctx.notes, "data": data}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def load(module: str, results: Path = RESULTS_DIR) -> dict | None:
    path = results / f"{module}.json"
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def fmt(figure: dict | None, digits: int = 2) -> str:
    """'median (min–max, n=runs) unit' for a table cell."""
    if not figure:
        return "–"
    unit = figure.get("unit", "")
    med, low, high = (f"{figure[k]:.{digits}f}" for k in ("median", "min", "max"))
    return f"{med} {unit} ({low}–{high}, n={figure['runs']})"


def verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("**pass**" if ok else "**FAIL**")


Targets = Callable[[dict], list[tuple[str, str, bool | None]]]


def render(sections: list[tuple[str, Callable[[dict], list[str]], Targets]], results: Path = RESULTS_DIR) -> str:
    """RESULTS.md from the saved JSON of every module: header with machine and date, a summary of the
    targets, one section each."""
    loaded = [(name, load(name, results), markdown, targets) for name, markdown, targets in sections]
    # A file of the same name in another shape (bench_accuracy's per-file accuracy.json) is not this runner's.
    loaded = [(name, r if r and "date" in r and "data" in r else None, markdown, targets)
              for name, r, markdown, targets in loaded]
    dates = [r["date"] for _, r, _, _ in loaded if r]
    first = next((r for _, r, _, _ in loaded if r), None)
    lines = ["# Benchmark results", "",
             "Written by `python -m benchmarks` (`make bench`); do not edit by hand. Every figure is the median of "
             "several runs with min–max and the number of runs (n). Each section names the exact command that "
             "produced it. Figures only compare on the same machine; this one is shared with other jobs, so "
             "single runs are noisy.", ""]
    if first:
        m = first["machine"]
        lines += [f"- Machine: {m['nproc']} CPUs (nproc), {m['processor']}, {m['platform']}",
                  f"- Python {m['python']}, SQLite {m['sqlite']}",
                  f"- Measured: {min(dates)} – {max(dates)} (UTC)", ""]
    summary = [row for _, result, _, targets in loaded if result for row in targets(result)]
    if summary:
        lines += ["## Targets", "", "| target | measured (median) | verdict |", "|---|---|---|"]
        lines += [f"| {target} | {measured} | {verdict(ok)} |" for target, measured, ok in summary]
        lines.append("")
    for _name, result, markdown, _targets in loaded:
        if result is None:
            continue
        lines += markdown(result)
        under = ""
        if result["machine"].get("loadavg"):
            start, end = result.get("load_at_start") or "?", result["machine"]["loadavg"]
            under = f" · load average {start} at start, {end} at end"
        lines += [f"Command: `{result['command']}` · {result['date']} · repetitions: {result['runs']}{under}", ""]
        lines += [f"> {note}" for note in result.get("notes", [])]
        if result.get("notes"):
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def pages_of_app() -> list[dict]:
    """The pages the app registers (file, title, url path) from ui.navigation, so new pages are measured too."""
    from ui.navigation import PAGES

    return [{"file": p.script, "title": p.title, "url_path": p.url_path, "default": i == 0}
            for i, p in enumerate(PAGES)]


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium_path() -> str | None:
    """The system Chromium (Debian package `chromium`); nothing is downloaded."""
    import shutil

    for candidate in (os.environ.get("BROWSER_PATH"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def launch_chromium(playwright):
    """A headless Chromium through Playwright, launched from the system binary."""
    path = chromium_path()
    if path is None:
        raise RuntimeError("Chromium nicht gefunden (/usr/bin/chromium; Debian-Paket chromium)")
    return playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
