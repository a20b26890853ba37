"""Fixtures of the browser tests: one Chromium and one app server per database for the whole session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from etl.build.pipeline import build
from tests import hostile
from tests.e2e.browser import CHROMIUM_ARGS, SCREENSHOTS, AppServer, open_page, require_browser, start_server


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = require_browser()
    from playwright.sync_api import expect, sync_playwright

    # Assertions wait as long as actions do: with the machine busy (CI beside other work) a rerun can take
    # longer than Playwright's 5 s default, and a slow page is not a wrong one.
    expect.set_options(timeout=30_000)

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A fresh browser context (German, desktop size, downloads allowed); every dialog is recorded."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="de-DE", accept_downloads=True)
    context.set_default_timeout(30_000)
    tab = context.new_page()
    tab.dialogs = []  # a script from the data would show itself here (alert/confirm/prompt)

    def record(dialog) -> None:
        tab.dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", record)
    try:
        yield tab
    finally:
        context.close()


def _serve(browser, db: Path, log: Path) -> Iterator[AppServer]:
    """Start the app, open it once, and stop it at the end of the session whatever happened.

    The first visit of a fresh server is made here: until its first script run has registered the
    pages of st.navigation, Streamlit answers a deep link such as /beteiligung with „Page not found“.
    """
    server = start_server(db, log)
    try:
        context = browser.new_context()
        try:
            open_page(context.new_page(), server.url, "")
        finally:
            context.close()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def demo_server(browser, demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The app on the committed demo network (requesting `browser` first: no server without a browser)."""
    yield from _serve(browser, demo_db, tmp_path_factory.mktemp("app-demo") / "streamlit.log")


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/feindlich built by the real ETL: names made of HTML, scripts, markdown and formulas."""
    db = tmp_path_factory.mktemp("feindlich") / "feindlich.db"
    build(hostile.SOURCE, db)
    return db


@pytest.fixture(scope="session")
def hostile_server(browser, hostile_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    yield from _serve(browser, hostile_db, tmp_path_factory.mktemp("app-feindlich") / "streamlit.log")


@pytest.fixture
def screenshots(request: pytest.FixtureRequest) -> Path:
    """The folder for this run's screenshots (tests/artifacts/screenshots, gitignored); named in the summary."""
    request.config._netzwerkradar_screenshots = True
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    print(f"Screenshots: {SCREENSHOTS}")
    return SCREENSHOTS


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Say where the screenshots of this run are (only when a browser test wrote some)."""
    if getattr(config, "_netzwerkradar_screenshots", False):
        terminalreporter.write_line(f"Screenshots der Browser-Tests: {SCREENSHOTS}")
