"""Peak memory of the app: `streamlit run app.py` against the largest demo database, every page
visited in headless Chromium through the sidebar navigation, the Zeitraum filter changed, then the
server's peak resident set (VmHWM from /proc, summed over the process and its children).

Target (issue 7): peak memory ≤ 600 MB.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from benchmarks.common import (
    ROOT,
    Context,
    as_of,
    demo_db,
    demo_source,
    fmt,
    launch_chromium,
    pages_of_app,
    save,
    stats,
    verdict,
)

PEAK_MAX_MB = 600.0
START_TIMEOUT_S = 90
PAGE_TIMEOUT_MS = 180_000
FILTER_CHOICE = "Gesamter Zeitraum"
FILTER_PAGE = "partnernetz"  # the filter is changed there: the largest network is the heaviest view


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _status(pid: int) -> dict[str, int]:
    """VmHWM and VmRSS of a process in kB (0 when it is gone)."""
    found = {"VmHWM": 0, "VmRSS": 0}
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in found:
                found[key] = int(value.split()[0])
    return found


def process_tree(pid: int) -> list[int]:
    """The process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo += children.get(current, [])
    return tree


def peak_kb(pid: int) -> tuple[int, int]:
    """Summed peak (VmHWM) and current (VmRSS) resident memory of a process tree, in kB."""
    statuses = [_status(p) for p in process_tree(pid)]
    return sum(s["VmHWM"] for s in statuses), sum(s["VmRSS"] for s in statuses)


def wait_healthy(port: int, proc: subprocess.Popen, timeout: float = START_TIMEOUT_S) -> float:
    """Seconds until /_stcore/health answers ok."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit beendet mit Code {proc.returncode}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return time.perf_counter() - started
        time.sleep(0.2)
    raise TimeoutError("streamlit antwortet nicht auf /_stcore/health")


def wait_idle(page) -> None:
    """Until the app's script run has finished (Streamlit marks the app root)."""
    page.wait_for_timeout(300)  # a rerun that was just triggered may not have started yet
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=PAGE_TIMEOUT_MS)


def open_page(page, port: int, entry: dict) -> None:
    """Through the sidebar navigation (same session) when it is shown, else by URL (a page may hide the sidebar)."""
    link = page.locator('[data-testid="stSidebarNav"] a', has_text=entry["title"]).first
    if link.count() and link.is_visible():
        link.click()
    else:
        page.goto(f"http://127.0.0.1:{port}/{entry['url_path']}", timeout=PAGE_TIMEOUT_MS)
    wait_idle(page)


def visit(port: int, pages: list[dict], browser) -> dict[str, float]:
    """Every page through the sidebar navigation, then the Zeitraum filter changed; seconds per step."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    steps: dict[str, float] = {}
    started = time.perf_counter()
    page.goto(f"http://127.0.0.1:{port}/", timeout=PAGE_TIMEOUT_MS)
    wait_idle(page)
    steps["start"] = time.perf_counter() - started
    for entry in pages:
        started = time.perf_counter()
        open_page(page, port, entry)
        steps[entry["title"]] = time.perf_counter() - started
    filtered = next((p for p in pages if p["url_path"] == FILTER_PAGE), pages[0])
    open_page(page, port, filtered)
    started = time.perf_counter()
    box = page.locator('[data-testid="stSelectbox"]', has_text="Zeitraum").first
    box.click()
    page.locator('[role="option"]', has_text=FILTER_CHOICE).first.click()
    wait_idle(page)
    steps[f"{filtered['title']}: Zeitraum → {FILTER_CHOICE}"] = time.perf_counter() - started
    context.close()
    return steps


def measure_once(db: Path, source: Path, pages: list[dict], browser, log_path: Path) -> dict:
    port = free_port()
    env = dict(os.environ, NETZWERKRADAR_DB=str(db), NETZWERKRADAR_AS_OF=as_of(), NETZWERKRADAR_SOURCE=str(source),
               PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.address",
               "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none"]
    with log_path.open("w") as log:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            startup = wait_healthy(port, proc)
            idle_kb = peak_kb(proc.pid)[1]
            steps = visit(port, pages, browser)
            peak, current = peak_kb(proc.pid)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    failed = sorted({line.split("Seite ", 1)[1].rsplit(" fehlgeschlagen", 1)[0]
                     for line in log_path.read_text(encoding="utf-8", errors="replace").splitlines()
                     if line.startswith("Seite ") and "fehlgeschlagen" in line})
    return {"startup_s": round(startup, 2), "idle_mb": round(idle_kb / 1024, 1), "peak_mb": round(peak / 1024, 1),
            "rss_after_mb": round(current / 1024, 1), "steps_s": {k: round(v, 2) for k, v in steps.items()},
            "failed_pages": failed}


def run(ctx: Context) -> dict:
    from playwright.sync_api import sync_playwright

    scale = max(ctx.scales)
    db, source = demo_db(scale, ctx.work), demo_source(scale, ctx.work)
    pages = pages_of_app()
    runs = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for number in range(ctx.runs):
                found = measure_once(db, source, pages, browser, ctx.work / f"streamlit-{number}.log")
                runs.append(found)
                ctx.log(f"  memory scale {scale}: peak {found['peak_mb']} MB (idle {found['idle_mb']} MB)")
        finally:
            browser.close()
    peak = stats((r["peak_mb"] for r in runs), unit="MB", digits=1)
    steps = {k: stats((r["steps_s"][k] for r in runs), digits=2) for k in runs[0]["steps_s"]}
    data = {"scale": scale, "pages": [p["title"] for p in pages], "peak": peak,
            "idle": stats((r["idle_mb"] for r in runs), unit="MB", digits=1),
            "after": stats((r["rss_after_mb"] for r in runs), unit="MB", digits=1),
            "startup": stats(r["startup_s"] for r in runs), "steps": steps, "ok": peak["median"] <= PEAK_MAX_MB,
            "failed_pages": sorted({page for r in runs for page in r["failed_pages"]})}
    save("memory", ctx, data)
    return data


def targets(result: dict) -> list[tuple[str, str, bool | None]]:
    d = result["data"]
    return [(f"peak memory of the app ≤ {PEAK_MAX_MB:.0f} MB (scale {d['scale']})", f"{d['peak']['median']:.1f} MB",
             d["ok"])]


def markdown(result: dict) -> list[str]:
    d = result["data"]
    lines = ["## App memory (streamlit run, headless Chromium)", "",
             f"`streamlit run app.py` against the scale-{d['scale']} demo database; one browser session opens the app, "
             "visits every page through the sidebar navigation, then changes the Zeitraum filter to "
             f"„{FILTER_CHOICE}“ on the Partnernetz page. Peak = VmHWM of the server process and its children "
             "from /proc. "
             f"Target: peak ≤ {PEAK_MAX_MB:.0f} MB.", "",
             "| figure | value | target |", "|---|---|---|",
             f"| server ready (/_stcore/health) | {fmt(d['startup'])} | |",
             f"| resident after start | {fmt(d['idle'], 1)} | |",
             f"| **peak resident (VmHWM)** | {fmt(d['peak'], 1)} | ≤ {PEAK_MAX_MB:.0f} MB {verdict(d['ok'])} |",
             f"| resident at the end | {fmt(d['after'], 1)} | |", "",
             "Seconds per step in the browser (until Streamlit reports the script run finished; informational):", "",
             "| step | seconds |", "|---|---|"]
    lines += [f"| {step} | {fmt(v)} |" for step, v in d["steps"].items()]
    lines.append("")
    if d.get("failed_pages"):
        lines += ["Pages that failed with an exception in the server log while measured (app.py's catch-all shows "
                  f"an error instead; their memory use is not representative): {', '.join(d['failed_pages'])}.", ""]
    return lines
