"""A reader in Chromium: the app bound to the network without [auth] offers no Prüfen page and no editing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.browser import AppServer, open_page, playwright_expect, screenshot, start_server

pytestmark = pytest.mark.browser
expect = playwright_expect()


@pytest.fixture
def network_server(browser, demo_db, tmp_path) -> Iterator[AppServer]:
    """The demo app bound to all interfaces (0.0.0.0), reached through 127.0.0.1: editing must be off."""
    server = start_server(demo_db, tmp_path / "streamlit.log", address="0.0.0.0",
                          env={"NETZWERKRADAR_SOURCE": str(tmp_path / "quelle")})
    try:
        yield server
    finally:
        server.stop()


def test_a_reader_sees_no_review_page_and_no_editing_controls(network_server, page, screenshots):
    open_page(page, network_server.url, "")
    open_page(page, network_server.url, "daten")
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav.get_by_text("Daten", exact=True)).to_be_visible()
    expect(nav.get_by_text("Prüfen", exact=True)).to_have_count(0)
    expect(page.get_by_text("Ändern ist ausgeschaltet: Die App ist im Netz erreichbar")).to_be_visible()
    for label in ("Prüfen und speichern", "Rückgängig", "Hochladen und Datenbank neu bauen",
                  "Arbeitsmappe übernehmen", "Datei entfernen"):
        expect(page.get_by_role("button", name=label)).to_have_count(0)
    expect(page.get_by_test_id("stFileUploader")).to_have_count(0)
    expect(page.get_by_test_id("stDataFrameGlideDataEditor")).to_have_count(0)
    screenshot(page, screenshots / "daten-leser.png")
    page.goto(f"{network_server.url}/pruefen")
    page.locator("h1").first.wait_for(timeout=60_000)
    expect(page.get_by_role("heading", name="Prüfen")).to_have_count(0)
    expect(page.get_by_role("button", name="Übernehmen")).to_have_count(0)
