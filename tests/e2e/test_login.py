"""No URL shows data before the login (issue #11, "Security first").

With [auth] in .streamlit/secrets.toml, a FRESH server is started for every page URL – the German
url_path and the file stem – because the bypass happened only on the first request to a server:
Streamlit runs pages/<stem>.py as a legacy multipage page until some session has executed
st.navigation. The app runs from a temporary folder (symlinks to the code) with its own
.streamlit/, so the repository never gets a secrets file.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.e2e.browser import SCREENSHOTS, playwright_expect, start_server, wait_idle
from ui.navigation import PAGES

expect = playwright_expect()
pytestmark = [pytest.mark.browser, pytest.mark.slow]

CODE = ("app.py", "pages", "ui", "analysis", "vocab", "etl")
# Dummy OIDC settings: enough for "auth" in st.secrets; nobody logs in here.
SECRETS = """[auth]
redirect_uri = "http://127.0.0.1:9/oauth2callback"
cookie_secret = "nur-fuer-tests"
client_id = "netzwerkradar-test"
client_secret = "nur-fuer-tests"
server_metadata_url = "http://127.0.0.1:9/.well-known/openid-configuration"
"""
LOGIN_TEXT = ["Netzwerkradar", "Dieses Dashboard enthält personenbezogene Daten. Bitte melden Sie sich an.",
              "Anmelden"]
URLS = ["", *[p.url_path for p in PAGES], "participation", "gibt-es-nicht"]  # old English stems, unknown


@pytest.fixture(scope="module")
def app_with_auth(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the app (symlinked code) whose .streamlit/secrets.toml configures [auth]."""
    folder = tmp_path_factory.mktemp("app-mit-login")
    for name in CODE:
        (folder / name).symlink_to(ROOT / name)
    (folder / ".streamlit").mkdir()
    shutil.copy(ROOT / ".streamlit" / "config.toml", folder / ".streamlit" / "config.toml")
    (folder / ".streamlit" / "secrets.toml").write_text(SECRETS, encoding="utf-8")
    return folder


@pytest.fixture
def fresh_server(app_with_auth: Path, demo_db: Path, tmp_path: Path) -> Iterator[str]:
    server = start_server(demo_db, tmp_path / "streamlit.log", app_dir=app_with_auth)
    try:
        yield server.url
    finally:
        server.stop()


@pytest.mark.parametrize("path", URLS, ids=lambda p: p or "root")
def test_first_request_to_any_url_shows_only_the_login(page, fresh_server, path, screenshots):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{fresh_server}/{path}")
    expect(page.get_by_role("button", name="Anmelden")).to_be_visible(timeout=60_000)
    wait_idle(page)
    page.wait_for_timeout(1000)  # a page that slipped through would draw after the login's run: give it time
    wait_idle(page)
    (SCREENSHOTS / "login").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "login" / f"{path or 'root'}.png"))
    main = page.get_by_test_id("stMain")
    assert [line for line in main.inner_text().splitlines() if line.strip()] == LOGIN_TEXT
    assert page.get_by_test_id("stSidebarNav").count() == 0  # neither the legacy page list nor the menu
    assert page.get_by_test_id("stSidebarUserContent").count() == 0  # no filters, no group names
    # Page files are named as their URLs: no English dialog. The default page (Übersicht) is the exception:
    # Streamlit serves it at "/" only and still reserves its path, so no forwarder can take /uebersicht (README).
    if path in {"", *(p.url_path for p in PAGES[1:])}:
        assert page.get_by_text("Page not found").count() == 0
