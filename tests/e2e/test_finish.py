"""What a user sees in Chromium after the finish pass: links keep their group, no emoji, no external requests,
bare URLs stay text, phone-sized charts without the Plotly toolbar.

Screenshots (1280×720 and 390×844) land in tests/artifacts/screenshots/finish-*.png.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from etl.build.pipeline import build
from tests.conftest import FIXTURES
from tests.e2e.browser import AppServer, open_page, playwright_expect, screenshot, start_server, wait_idle
from tests.e2e.conftest import _serve

expect = playwright_expect()
EMOJI = ("🔴", "🟡", "🟢")


@pytest.fixture(scope="module")
def url_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/beteiligung plus a group and an organisation whose names are web addresses."""
    source = tmp_path_factory.mktemp("adressen") / "quelle"
    shutil.copytree(FIXTURES / "beteiligung", source)
    with (source / "groups.csv").open("a", encoding="utf-8") as handle:
        handle.write("Fachgruppe www.beispiel.de,fachgruppe,Adressen,2020-01-01,,\n")
    with (source / "organisations.csv").open("a", encoding="utf-8") as handle:
        handle.write("Kanzlei https://beispiel.de,,Beratung,Berlin,,2020-01-01\n")
    with (source / "attendance.csv").open("a", encoding="utf-8") as handle:
        handle.write("Fachgruppe Handwerk,2024-11-01,,Kanzlei https://beispiel.de,present\n")
    db = source.parent / "netz.db"
    assert build(source, db).status == "ok"
    return db


@pytest.fixture(scope="module")
def url_server(browser, url_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    yield from _serve(browser, url_db, tmp_path_factory.mktemp("app-adressen") / "streamlit.log")


def test_alert_link_opens_the_page_on_the_alerts_group(page, demo_server, screenshots):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, demo_server.url, "")
    alert = page.get_by_test_id("stAlertContentError").filter(has_text="Fachgruppe Handwerk: 3 inaktive Partner")
    expect(alert).to_have_count(1)
    link = page.locator('a[href*="gruppe=fachgruppe-handwerk"]').first
    expect(link).to_have_attribute("href", "inaktive-partner?gruppe=fachgruppe-handwerk&zeitraum=Letzte+12+Monate")
    link.click()
    wait_idle(page)
    expect(page.locator("h1").first).to_have_text("Inaktive Partner")
    page.get_by_test_id("stMetric").first.wait_for()
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("combobox").first).to_have_value("Fachgruppe Handwerk")
    inactive = page.get_by_test_id("stMetric").filter(has_text="inaktiv").first
    expect(inactive.get_by_test_id("stMetricValue")).to_have_text("3")
    page.get_by_test_id("stDataFrame").first.wait_for()
    page.wait_for_timeout(500)  # the table draws its cells after it is attached
    screenshot(page, screenshots / "finish-inaktive-partner-1280.png")


def test_no_request_leaves_the_server_and_no_status_emoji_is_drawn(page, demo_server, screenshots):
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")) else None)
    page.set_viewport_size({"width": 1280, "height": 720})
    for path in ("", "regelcheck", "inaktive-partner"):
        open_page(page, demo_server.url, path)
        text = page.locator("body").inner_text()
        assert not any(e in text for e in EMOJI), path
    assert outside == []
    screenshot(page, screenshots / "finish-inaktive-partner-marks-1280.png")


@pytest.mark.parametrize("path", ["", "regelcheck"])
def test_bare_urls_in_names_are_text_not_links(page, url_server, screenshots, path):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, url_server.url, f"{path}?gruppe=alle&zeitraum=Jahr+2024")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("beispiel", exact=False).filter(visible=True).first).to_be_visible()
    assert page.locator('a[href*="beispiel.de"]').count() == 0  # page links carry the group id, no address
    assert page.locator('a[href^="mailto:"]').count() == 0
    screenshot(page, screenshots / f"finish-adressen-{path or 'uebersicht'}-1280.png")


@pytest.mark.parametrize("path", ["", "beteiligung"])
def test_phone_charts_have_no_toolbar_and_a_legend_below(page, demo_server, screenshots, path):
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, demo_server.url, f"{path}?zeitraum=Gesamter+Zeitraum")
    page.locator(".js-plotly-plot").first.wait_for()
    plot = page.locator(".js-plotly-plot").filter(has=page.locator(".legend")).last  # the time chart
    plot.scroll_into_view_if_needed()
    page.wait_for_timeout(500)  # plotly draws after the element is attached
    assert page.locator(".modebar-container .modebar-btn").count() == 0
    legend = plot.locator(".legend").first
    area = plot.locator(".nsewdrag").first
    legend_box, area_box = legend.bounding_box(), area.bounding_box()
    assert legend_box and area_box and legend_box["y"] >= area_box["y"] + area_box["height"] - 1
    assert area_box["width"] > 250  # the bars keep most of the phone's width
    screenshot(page, screenshots / f"finish-{path or 'uebersicht'}-390.png")


def test_a_deep_link_to_a_fresh_server_shows_no_english_dialog(page, browser, demo_db, tmp_path, screenshots):
    server = start_server(demo_db, tmp_path / "streamlit.log")
    try:
        page.set_viewport_size({"width": 1280, "height": 720})
        open_page(page, server.url, "beteiligung")
        expect(page.locator("h1").first).to_have_text("Beteiligung")
        expect(page.get_by_text("Page not found")).to_be_hidden()
        screenshot(page, screenshots / "finish-deep-link-1280.png")
    finally:
        server.stop()


def test_the_uploader_speaks_german(page, demo_server):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, demo_server.url, "daten")
    # The Daten page has two uploaders (source files, and the edited master-data workbook): the first one.
    zone = page.locator('[data-testid="stFileUploaderDropzone"][aria-label="Dateien auswählen"]')
    zone.wait_for()
    after = """(e) => getComputedStyle(e, '::after').content"""
    assert zone.locator("button span[data-has-shortcut]").first.evaluate(after) == '"Dateien wählen"'
    assert zone.get_by_test_id("stFileUploaderDropzoneInstructions").locator("div").first.evaluate(after) == \
        '"höchstens 20 MB je Datei"'
    assert "Upload" not in zone.inner_text() and "20MB" not in zone.inner_text()  # English texts out of the page
