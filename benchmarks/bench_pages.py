"""Page benchmarks with Streamlit's AppTest: each page registered in app.py, cold and warm, per size.

Sizes: the presets (`netzwerk`, the real network: about 400 organisations, 15 groups) and the scales.
Cold = a new AppTest session with `st.cache_data` and `st.cache_resource` cleared (Python modules
already imported, as in a running server); warm = the same session run again. Every run executes
app.py (sidebar filters) and the page. Queries = SQL statements the run sent to SQLite (every
connection opened during the run traced with `set_trace_callback`); they must not grow with the number
of groups, so they are compared between the smallest and the largest size. The first view in a fresh
process (imports included) is measured separately in a subprocess. Targets (issue 19): cold ≤ 1.5 s,
warm ≤ 0.5 s. A page that misses one is profiled once (cold) with pyinstrument; the profile is written to
benchmarks/results/profiles/.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

from benchmarks.common import (
    RESULTS_DIR,
    ROOT,
    Context,
    as_of,
    demo_db,
    fmt,
    pages_of_app,
    save,
    size_label,
    stats,
    timed,
    verdict,
)

WARM_MAX_S = 0.5
COLD_MAX_S = 1.5
PROFILES = RESULTS_DIR / "profiles"
TIMEOUT_S = 180
INTERNAL_ERROR = "internen Fehlers"


def _quiet() -> None:
    """AppTest runs the scripts in bare mode; its warnings are not results."""
    from streamlit import logger

    logger.set_log_level("error")
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)
    logging.getLogger("netzwerkradar").setLevel(logging.CRITICAL)


class QueryCounter:
    """Counts the SQL statements sent on every connection opened while it is installed."""

    def __init__(self) -> None:
        self.count = 0
        self._lock = threading.Lock()

    def _trace(self, statement: str) -> None:
        with self._lock:
            self.count += 1

    @contextlib.contextmanager
    def installed(self) -> Iterator[QueryCounter]:
        real = sqlite3.connect

        def connect(*args, **kwargs):
            conn = real(*args, **kwargs)
            conn.set_trace_callback(self._trace)
            return conn

        sqlite3.connect = connect  # type: ignore[assignment]
        try:
            yield self
        finally:
            sqlite3.connect = real  # type: ignore[assignment]

    def measure(self, fn) -> tuple[float, float, int]:
        """Wall seconds, CPU seconds of the process (all threads) and statements of one call.

        CPU time is what the page costs on an idle machine, and less noisy on a shared one."""
        before, cpu = self.count, time.process_time()
        seconds, _ = timed(fn)
        return seconds, time.process_time() - cpu, self.count - before


def run_page(page: str, runs: int) -> dict:
    """Cold and warm run times and SQL statements of one page against the database in NETZWERKRADAR_DB."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    cold, warm, cold_cpu, warm_cpu, errors, queries = [], [], [], [], [], {"cold": 0, "warm": 0}
    with QueryCounter().installed() as counter:
        for _ in range(runs):
            st.cache_data.clear()
            st.cache_resource.clear()
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)
            at.switch_page(page)
            seconds, cpu, queries["cold"] = counter.measure(at.run)
            cold.append(seconds)
            cold_cpu.append(cpu)
            errors += [str(e.value).splitlines()[0] for e in at.exception]
            errors += [e.value for e in at.error if INTERNAL_ERROR in e.value]  # app.py's catch-all, not a page's alert
            seconds, cpu, queries["warm"] = counter.measure(at.run)
            warm.append(seconds)
            warm_cpu.append(cpu)
    return {"cold": stats(cold), "warm": stats(warm), "cold_cpu": stats(cold_cpu), "warm_cpu": stats(warm_cpu),
            "queries": queries, "errors": sorted(set(errors))[:3]}


def profile_page(page: str, label: str) -> str:
    """One cold run of a page under pyinstrument; the text profile is saved and its path returned.

    AppTest runs the script in a thread of its own and pyinstrument samples one thread: the profiler is
    started and stopped inside the script runner's `_run_script`.
    """
    import streamlit as st
    from pyinstrument import Profiler
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)
    at.switch_page(page)
    profiler = Profiler(interval=0.002, async_mode="disabled")
    real = ScriptRunner._run_script

    def profiled(self, rerun_data):
        profiler.start()
        try:
            return real(self, rerun_data)
        finally:
            profiler.stop()

    ScriptRunner._run_script = profiled  # type: ignore[method-assign]
    try:
        at.run()
    finally:
        ScriptRunner._run_script = real  # type: ignore[method-assign]
    PROFILES.mkdir(parents=True, exist_ok=True)
    path = PROFILES / f"{label.replace(' ', '-')}_{page.removeprefix('pages/').removesuffix('.py')}.txt"
    path.write_text(profiler.output_text(unicode=True, color=False, show_all=False), encoding="utf-8")
    return str(path.relative_to(ROOT))


def first_view(db: str, page: str) -> float:
    """Seconds for the first view of a page in a new Python process (imports included)."""
    code = ("import time, logging; t = time.perf_counter(); from streamlit.testing.v1 import AppTest; "
            "logging.getLogger('streamlit').setLevel(logging.ERROR); "
            f"at = AppTest.from_file({str(ROOT / 'app.py')!r}, default_timeout={TIMEOUT_S}); "
            f"at.switch_page({page!r}); at.run(); print(time.perf_counter() - t)")
    env = dict(os.environ, NETZWERKRADAR_DB=db, NETZWERKRADAR_AS_OF=as_of(), PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=TIMEOUT_S, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def groups_of(db) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM groups").fetchone()[0])
    finally:
        conn.close()


def run(ctx: Context) -> dict:
    _quiet()
    pages = pages_of_app()
    os.environ["NETZWERKRADAR_AS_OF"] = as_of()
    data: dict = {"pages": pages, "scales": {}, "groups": {}, "profiles": {}}
    for number, size in enumerate(ctx.sizes):
        db = demo_db(size, ctx.work)
        os.environ["NETZWERKRADAR_DB"] = str(db)
        data["groups"][str(size)] = groups_of(db)
        if number == 0:  # imports and first-use work of every page, not measured
            for page in pages:
                run_page(page["file"], 1)
        results = {}
        for page in pages:
            results[page["file"]] = found = run_page(page["file"], ctx.runs)
            found["ok"] = {"warm": found["warm"]["median"] <= WARM_MAX_S, "cold": found["cold"]["median"] <= COLD_MAX_S}
            ctx.log(f"  pages {size_label(size)}: {page['title']}: cold {found['cold']['median']:.2f} s "
                    f"(CPU {found['cold_cpu']['median']:.2f} s), warm {found['warm']['median']:.2f} s "
                    f"(CPU {found['warm_cpu']['median']:.2f} s), {found['queries']['cold']} queries"
                    + (f" – {found['errors'][0]}" if found["errors"] else ""))
            if not ctx.quick and not all(found["ok"].values()):
                data["profiles"][f"{size}|{page['file']}"] = profile_page(page["file"], size_label(size))
        data["scales"][str(size)] = results
    first = min(ctx.scales) if ctx.scales else ctx.sizes[0]
    default = next((p["file"] for p in pages if p["default"]), pages[0]["file"])
    seconds = [first_view(str(demo_db(first, ctx.work)), default) for _ in range(min(ctx.runs, 3))]
    data["first_view"] = {"scale": first, "page": default, "seconds": stats(seconds)}
    save("pages", ctx, data)
    return data


def _label(size: str) -> str:
    return f"scale {size}" if size.isdigit() else size


def query_growth(data: dict) -> list[tuple[str, int, int]]:
    """(page, cold queries at the size with the fewest groups, at the size with the most) for every page."""
    groups = data.get("groups") or {}
    sizes = [s for s in data["scales"] if s in groups]
    if len(sizes) < 2:
        return []
    low, high = min(sizes, key=groups.get), max(sizes, key=groups.get)
    return [(f, data["scales"][low][f]["queries"]["cold"], data["scales"][high][f]["queries"]["cold"])
            for f in data["scales"][low] if f in data["scales"][high] and "queries" in data["scales"][low][f]]


def targets(result: dict) -> list[tuple[str, str, bool | None]]:
    """Worst page per size against cold ≤ 1.5 s and warm ≤ 0.5 s; queries that grow with the groups."""
    found = []
    data = result["data"]
    for size, pages in data["scales"].items():
        for kind, limit in (("cold", COLD_MAX_S), ("warm", WARM_MAX_S)):
            slow = sorted(((v[kind]["median"], f) for f, v in pages.items() if v[kind]["median"] > limit), reverse=True)
            file, worst = max(((f, v[kind]["median"]) for f, v in pages.items()), key=lambda item: item[1])
            measured = f"slowest {worst:.2f} s ({file})"
            if slow:
                measured += f"; {len(slow)} of {len(pages)} pages above"
            found.append((f"every page {kind} ≤ {limit:g} s at {_label(size)}", measured, worst <= limit))
            if all(f"{kind}_cpu" in v for v in pages.values()):  # what the run costs on an idle machine
                file, worst = max(((f, v[f"{kind}_cpu"]["median"]) for f, v in pages.items()), key=lambda i: i[1])
                above = sum(v[f"{kind}_cpu"]["median"] > limit for v in pages.values())
                found.append((f"… CPU time of every page {kind} ≤ {limit:g} s at {_label(size)}",
                              f"slowest {worst:.2f} s ({file})" + (f"; {above} above" if above else ""),
                              worst <= limit))
    growth = query_growth(data)
    if growth:
        groups = data["groups"]
        low, high = min(groups.values()), max(groups.values())
        grows = [f"{f} {a}→{b}" for f, a, b in growth if b > a]
        found.append((f"SQL queries per page do not grow with the groups ({low} → {high} groups)",
                      "grow: " + ", ".join(grows) if grows else "none grows", not grows))
    return found


def markdown(result: dict) -> list[str]:
    data = result["data"]
    scales = data["scales"]
    lines = ["## Pages (AppTest)", "",
             "Cold = new AppTest session with `st.cache_data`/`st.cache_resource` cleared (modules already imported, "
             "as in a running server); warm = the same session run again. Each run executes app.py (sidebar filters) "
             "and the page with its default widgets, against the demo database of the size "
             f"(`NETZWERKRADAR_AS_OF={as_of()}`). Targets: cold ≤ {COLD_MAX_S:g} s, warm ≤ {WARM_MAX_S:g} s.", "",
             "| page | " + " | ".join(f"{_label(s)} cold | {_label(s)} warm" for s in scales) + " |",
             "|---|" + "---|---|" * len(scales)]
    for page in data["pages"]:
        cells = []
        for s in scales:
            found = scales[s].get(page["file"])
            if not found:
                cells += ["–", "–"]
                continue
            cells += [f"{fmt(found['cold'])} {verdict(found['ok']['cold'])}",
                      f"{fmt(found['warm'])} {verdict(found['ok']['warm'])}"]
        lines.append(f"| {page['title']} (`{page['file']}`) | " + " | ".join(cells) + " |")
    lines.append("")
    if any("cold_cpu" in v for pages in scales.values() for v in pages.values()):
        lines += ["CPU time of the same runs (user + system of the process, all threads; what a run costs on an idle "
                  "machine, less sensitive to the load of a shared one), median cold / warm:", "",
                  "| page | " + " | ".join(_label(s) for s in scales) + " |", "|---|" + "---|" * len(scales)]
        for page in data["pages"]:
            cells = [f"{v['cold_cpu']['median']:.2f} s / {v['warm_cpu']['median']:.2f} s"
                     if "cold_cpu" in (v := scales[s].get(page["file"], {})) else "–" for s in scales]
            lines.append(f"| {page['title']} | " + " | ".join(cells) + " |")
        lines.append("")
    groups = data.get("groups") or {}
    if groups:
        lines += ["SQL statements per run (cold / warm) and the groups of each database:", "",
                  "| page | " + " | ".join(f"{_label(s)} ({groups.get(s, '?')} groups)" for s in scales) + " |",
                  "|---|" + "---|" * len(scales)]
        for page in data["pages"]:
            cells = [f"{q['cold']} / {q['warm']}" if (q := scales[s].get(page["file"], {}).get("queries")) else "–"
                     for s in scales]
            lines.append(f"| {page['title']} | " + " | ".join(cells) + " |")
        lines.append("")
    profiles = data.get("profiles") or {}
    if profiles:
        lines += ["Pages that missed a target were profiled once, cold (pyinstrument):", ""]
        lines += [f"- {_label(key.split('|')[0])}, `{key.split('|')[1]}`: `{path}`" for key, path in profiles.items()]
        lines.append("")
    errors = [(s, f, e) for s, pages in scales.items() for f, v in pages.items() for e in v.get("errors", [])]
    if errors:
        lines += ["Pages that showed an error or exception while measured (their times are not meaningful):", ""]
        lines += [f"- scale {s}, `{f}`: {e}" for s, f, e in errors]
        lines.append("")
    first = data.get("first_view")
    if first:
        lines += [f"First view in a new Python process (imports included), `{first['page']}` at scale "
                  f"{first['scale']}: {fmt(first['seconds'])}.", ""]
    return lines
