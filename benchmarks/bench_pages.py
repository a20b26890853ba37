"""Page benchmarks with Streamlit's AppTest: each page registered in app.py, cold and warm, per scale.

Cold = a new AppTest session with `st.cache_data` and `st.cache_resource` cleared (Python modules
already imported, as in a running server); warm = the same session run again. Every run executes
app.py (sidebar filters) and the page. The first view in a fresh process (imports included) is
measured separately in a subprocess. Targets (issues 4 and 7): warm ≤ 1 s, cold ≤ 3 s.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys

from benchmarks.common import ROOT, Context, as_of, demo_db, fmt, pages_of_app, save, stats, timed, verdict

WARM_MAX_S = 1.0
COLD_MAX_S = 3.0
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


def run_page(page: str, runs: int) -> dict:
    """Cold and warm run times of one page against the database in NETZWERKRADAR_DB."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    cold, warm, errors = [], [], []
    for _ in range(runs):
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)
        at.switch_page(page)
        seconds, _ = timed(at.run)
        cold.append(seconds)
        errors += [str(e.value).splitlines()[0] for e in at.exception]
        errors += [e.value for e in at.error if INTERNAL_ERROR in e.value]  # app.py's catch-all, not a page's alert
        seconds, _ = timed(at.run)
        warm.append(seconds)
    return {"cold": stats(cold), "warm": stats(warm), "errors": sorted(set(errors))[:3]}


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


def run(ctx: Context) -> dict:
    _quiet()
    pages = pages_of_app()
    os.environ["NETZWERKRADAR_AS_OF"] = as_of()
    data: dict = {"pages": pages, "scales": {}}
    for number, scale in enumerate(ctx.scales):
        db = demo_db(scale, ctx.work)
        os.environ["NETZWERKRADAR_DB"] = str(db)
        if number == 0:  # imports and first-use work of every page, not measured
            for page in pages:
                run_page(page["file"], 1)
        results = {}
        for page in pages:
            results[page["file"]] = found = run_page(page["file"], ctx.runs)
            found["ok"] = {"warm": found["warm"]["median"] <= WARM_MAX_S, "cold": found["cold"]["median"] <= COLD_MAX_S}
            ctx.log(f"  pages scale {scale}: {page['title']}: cold {found['cold']['median']:.2f} s, "
                    f"warm {found['warm']['median']:.2f} s" + (f" – {found['errors'][0]}" if found["errors"] else ""))
        data["scales"][str(scale)] = results
    first = min(ctx.scales)
    default = next((p["file"] for p in pages if p["default"]), pages[0]["file"])
    seconds = [first_view(str(demo_db(first, ctx.work)), default) for _ in range(min(ctx.runs, 3))]
    data["first_view"] = {"scale": first, "page": default, "seconds": stats(seconds)}
    save("pages", ctx, data)
    return data


def targets(result: dict) -> list[tuple[str, str, bool | None]]:
    """Worst page per scale against warm ≤ 1 s and cold ≤ 3 s (issue 4 asks at scale 20, issue 7 at 50)."""
    found = []
    for scale, pages in result["data"]["scales"].items():
        for kind, limit in (("warm", WARM_MAX_S), ("cold", COLD_MAX_S)):
            file, worst = max(((f, v[kind]["median"]) for f, v in pages.items()), key=lambda item: item[1])
            found.append((f"every page {kind} ≤ {limit:.0f} s at scale {scale}", f"slowest {worst:.2f} s ({file})",
                          worst <= limit))
    return found


def markdown(result: dict) -> list[str]:
    data = result["data"]
    scales = data["scales"]
    lines = ["## Pages (AppTest)", "",
             "Cold = new AppTest session with `st.cache_data`/`st.cache_resource` cleared (modules already imported, "
             "as in a running server); warm = the same session run again. Each run executes app.py (sidebar filters) "
             "and the page with its default widgets, against the demo database of the scale "
             f"(`NETZWERKRADAR_AS_OF={as_of()}`). Targets: warm ≤ {WARM_MAX_S:.0f} s, cold ≤ {COLD_MAX_S:.0f} s.", "",
             "| page | " + " | ".join(f"scale {s} cold | scale {s} warm" for s in scales) + " |",
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
