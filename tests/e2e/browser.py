"""What the end-to-end tests share: the Streamlit server they start, the Chromium they drive, waits and screenshots.

The app runs as `streamlit run app.py` on a free 127.0.0.1 port, exactly as a user starts it, and
Playwright drives the Debian Chromium (never a downloaded browser). Streamlit draws a page in several
messages and reruns the script after each interaction, so tests wait for the script to be idle and
then for the element they expect, instead of sleeping.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

AS_OF = "2026-11-28"
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
CHROMIUM_HINT = "Chromium fehlt: apt-get install chromium"
PLAYWRIGHT_HINT = "Das Python-Paket playwright fehlt: pip install -r requirements-dev.txt"
HEALTH_TIMEOUT_S = 60

# url path (as in app.py) -> the page's German title; the default page lives at the root.
PAGES = {"": "Übersicht", "beteiligung": "Beteiligung", "inaktive-partner": "Inaktive Partner",
         "regelcheck": "Regelcheck", "projekte": "Projekte", "partnernetz": "Partnernetz", "sitzungen": "Sitzungen",
         "daten": "Daten", "praesentation": "Präsentation"}
INTERNAL_ERROR = "Diese Seite konnte wegen eines internen Fehlers nicht vollständig angezeigt werden."

_IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.dataset.testScriptState === "notRunning" && !document.querySelector('[data-stale="true"]');
}"""


def chromium_path() -> str | None:
    """The system Chromium: /usr/bin/chromium (Debian) or a `chromium` on PATH."""
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _missing(problem: str) -> None:
    """Fail on CI (CI=true), where the browser tests must run; skip with the German hint elsewhere."""
    if os.environ.get("CI", "").strip().lower() in ("true", "1", "yes"):
        pytest.fail(f"Browser-Tests auf CI nicht ausführbar: {problem}", pytrace=False)
    pytest.skip(problem, allow_module_level=True)


def require_browser() -> str:
    """The Chromium to launch; without one (or without playwright) the test fails on CI and skips elsewhere."""
    playwright_expect()
    executable = chromium_path()
    if executable is None:
        _missing(CHROMIUM_HINT)
    return executable


def playwright_expect():
    """Playwright's `expect`, imported at module level by the tests (skips or fails them without playwright)."""
    try:
        from playwright.sync_api import expect
    except ImportError:
        _missing(PLAYWRIGHT_HINT)
    return expect


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class AppServer:
    """One running `streamlit run app.py` on a database; `stop()` always ends it (and its children)."""

    url: str
    db: Path
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)  # its own process group: kaleido's browser ends too
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=15)

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def start_server(db: Path, log: Path, app_dir: Path = ROOT, address: str = "127.0.0.1",
                 env: dict[str, str] | None = None) -> AppServer:
    """Start the app in `app_dir` on `db` with the fixed 'today' and wait until /_stcore/health answers "ok".

    `app_dir` is the working directory (its .streamlit/ holds config and secrets) and holds app.py.
    `address` is what the server binds to (the app reads it to decide whether editing is allowed);
    it is always reached through 127.0.0.1. `env` adds environment variables (e.g. the source folder).
    """
    port = free_port()
    env = {**os.environ, "NETZWERKRADAR_DB": str(db), "NETZWERKRADAR_AS_OF": AS_OF, **(env or {})}
    command = [sys.executable, "-m", "streamlit", "run", str(app_dir / "app.py"), "--server.port", str(port),
               "--server.address", address, "--server.headless", "true", "--server.fileWatcherType", "none",
               "--browser.gatherUsageStats", "false"]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=app_dir, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    server = AppServer(f"http://127.0.0.1:{port}", db, process, log)
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit run endete vorzeitig (Exit-Code {process.returncode}):\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as answer:
                if answer.read().decode().strip() == "ok":
                    return server
        except OSError:
            pass
        time.sleep(0.25)  # polling a server that is still starting: nothing to wait on but time
    server.stop()
    pytest.fail(f"Die App antwortete nicht innerhalb von {HEALTH_TIMEOUT_S} s auf /_stcore/health:\n"
                f"{server.log_tail()}")


def wait_idle(page, timeout: float = 45_000) -> None:
    """Wait until Streamlit has finished the current script run and no element is stale.

    A short grace period first: a click's rerun request takes a moment to reach the server, and until
    then the app still looks idle from the last run.
    """
    page.wait_for_timeout(150)
    page.wait_for_function(_IDLE, timeout=timeout)


NETWORK_CHART = 'iframe[src*="netzwerkradar_network_chart"]'  # the Partnernetz chart: a component, its own frame


def network_chart(page, timeout: float = 60_000):
    """The Partnernetz's plot (inside the chart component's frame), once it has drawn a figure."""
    plot = page.frame_locator(NETWORK_CHART).first.locator("#chart[data-painted]")
    plot.wait_for(state="attached", timeout=timeout)
    return plot


def frames_text(page, script: str) -> str:
    """What `script` returns in the page and in each of its frames (the chart component's among them), joined."""
    return "\n".join(str(frame.evaluate(script)) for frame in page.frames if not frame.is_detached())


def open_page(page, base: str, path: str) -> None:
    """Load one page by its URL (a new session) and wait until it is drawn."""
    page.goto(f"{base}/{path}")
    page.locator("h1").first.wait_for(timeout=60_000)
    wait_idle(page)


def navigate(page, title: str) -> None:
    """Go to a page through the sidebar navigation (keeps the session and its filters)."""
    page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()
    wait_idle(page)


def selectbox(scope, label: str):
    """The selectbox labelled exactly `label` inside `scope` (a locator, e.g. the sidebar)."""
    return scope.get_by_test_id("stSelectbox").filter(has=scope.page.get_by_text(label, exact=True)).first


def open_list(box) -> None:
    """Open a selectbox's list from the keyboard: a click on its field sometimes only focuses it."""
    field = box.get_by_role("combobox")
    field.focus()
    field.press("ArrowDown")


def options(page, scope, label: str) -> list[str]:
    """The choices a selectbox offers, read from its open list (closed again afterwards)."""
    open_list(selectbox(scope, label))
    page.get_by_role("option").first.wait_for()
    found = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    return found


def choose(page, scope, label: str, option: str) -> None:
    """Pick `option` in the selectbox labelled `label` inside `scope`, and wait until the app has rerun."""
    box = selectbox(scope, label)
    open_list(box)
    page.get_by_role("option", name=option, exact=True).click()
    wait_idle(page)
    playwright_expect()(box.get_by_role("combobox")).to_have_value(option)


def screenshot(page, path: Path) -> Path:
    """The whole page: Streamlit scrolls inside its main area, so the viewport grows to the content first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size or {"width": 1400, "height": 1000}
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight || 0")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], min(int(height) + 40, 8000))})
    try:
        wait_idle(page)  # a taller viewport may lazily draw charts further down
        page.screenshot(path=str(path))
    finally:
        page.set_viewport_size(size)
    return path
