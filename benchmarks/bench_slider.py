"""A step of the Partnernetz time slider in Chromium, as a user feels it (issue 19: ≤ 0.5 s).

The app runs as `streamlit run app.py` on the demo database of each size (the presets, e.g. `netzwerk`,
and the largest scale); Playwright drives the Debian Chromium. On /partnernetz the time axis „Jahre“ is
chosen (the timeline is computed once, not timed), then the slider's thumb gets one arrow key per step:
first back to the first year (every year shown for the first time: its layout slice and brokers are
computed), then forward again (every year shown before: warm). A step is timed from the key press until
the period heading shows the new year and the script is idle (no stale element left). CPU = seconds the
app server process computed during the step (less sensitive to the load of a shared machine).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.common import Context, as_of, demo_db, launch_chromium, save, size_label, stats, verdict

STEP_MAX_S = 0.5
TIMEOUT_MS = 180_000

IDLE_WITH = """(old) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const idle = !!app && app.dataset.testScriptState === "notRunning" && !document.querySelector('[data-stale="true"]');
  const year = [...document.querySelectorAll('h2')].map(h => h.innerText.trim()).find(t => /^\\d{4}$/.test(t));
  return idle && year !== undefined && year !== old ? year : false;
}"""
YEAR = """() => [...document.querySelectorAll('h2')].map(h => h.innerText.trim()).find(t => /^\\d{4}$/.test(t)) || ''"""


def server_cpu(pid: int) -> float:
    """CPU seconds (user + system) the app server process has used so far (Linux /proc)."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _steps(page, key: str, count: int, pid: int) -> tuple[list[float], list[float]]:
    """Wall seconds per step and the app server's CPU seconds per step."""
    thumb = page.get_by_test_id("stSlider").filter(has_text="Zeitpunkt").get_by_role("slider")
    seconds, cpu = [], []
    for _ in range(count):
        before = page.evaluate(YEAR)
        thumb.focus()
        used = server_cpu(pid)
        started = time.perf_counter()
        page.keyboard.press(key)
        page.wait_for_function(IDLE_WITH, arg=before, timeout=TIMEOUT_MS, polling=10)
        seconds.append(time.perf_counter() - started)
        cpu.append(server_cpu(pid) - used)
    return seconds, cpu


def measure(browser, db: Path, runs: int) -> dict:
    from tests.e2e.browser import open_page, start_server, wait_idle

    with tempfile.TemporaryDirectory() as tmp:
        server = start_server(db, Path(tmp) / "streamlit.log", env={"NETZWERKRADAR_AS_OF": as_of()})
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="de-DE")
            page = context.new_page()
            open_page(page, server.url, "partnernetz")
            started = time.perf_counter()
            page.get_by_text("Jahre", exact=True).click()
            wait_idle(page, TIMEOUT_MS)
            page.wait_for_function(YEAR, timeout=TIMEOUT_MS)
            timeline = time.perf_counter() - started
            years = int(page.get_by_test_id("stSlider").filter(has_text="Zeitpunkt").get_by_role("slider")
                        .get_attribute("max") or 0) + 1
            back = min(years - 1, max(runs, 6))
            first, first_cpu = _steps(page, "ArrowLeft", back, server.process.pid)
            warm, warm_cpu = _steps(page, "ArrowRight", back, server.process.pid)
            context.close()
        finally:
            server.stop()
    found = stats(warm)
    return {"years": years, "timeline_s": round(timeline, 3), "first_visit": stats(first), "step": found,
            "first_visit_cpu": stats(first_cpu), "step_cpu": stats(warm_cpu), "ok": found["median"] <= STEP_MAX_S}


def run(ctx: Context) -> dict:
    from playwright.sync_api import sync_playwright

    sizes = [*ctx.presets, max(ctx.scales)] if ctx.scales else list(ctx.presets)
    data: dict = {"sizes": {}}
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for size in sizes:
                data["sizes"][str(size)] = found = measure(browser, demo_db(size, ctx.work), ctx.runs)
                ctx.log(f"  slider {size_label(size)}: step {found['step']['median']:.2f} s warm, "
                        f"{found['first_visit']['median']:.2f} s first visit")
        finally:
            browser.close()
    save("slider", ctx, data)
    return data


def _label(size: str) -> str:
    return f"scale {size}" if size.isdigit() else size


def targets(result: dict) -> list[tuple[str, str, bool | None]]:
    found = []
    for size, step in result["data"]["sizes"].items():
        found.append((f"Partnernetz slider step in Chromium, warm, {_label(size)} ≤ {STEP_MAX_S} s",
                      f"{step['step']['median']:.2f} s", step["ok"]))
        if "step_cpu" in step:
            cpu = step["step_cpu"]["median"]
            found.append((f"… CPU time of the app server per step, {_label(size)} ≤ {STEP_MAX_S} s", f"{cpu:.2f} s",
                          cpu <= STEP_MAX_S))
    return found


def markdown(result: dict) -> list[str]:
    from benchmarks.common import fmt

    lines = ["## Partnernetz time slider in Chromium", "", __doc__.split("\n\n", 1)[1].strip(), "",
             "| size | years | „Jahre“ chosen (timeline computed) | step to a year not shown before | step, warm "
             "| server CPU per warm step | target |",
             "|---|---|---|---|---|---|---|"]
    for size, found in result["data"]["sizes"].items():
        lines.append(f"| {_label(size)} | {found['years']} | {found['timeline_s']:.2f} s | {fmt(found['first_visit'])} "
                     f"| {fmt(found['step'])} | {fmt(found.get('step_cpu'))} | ≤ {STEP_MAX_S} s "
                     f"{verdict(found['ok'])} |")
    lines.append("")
    return lines
