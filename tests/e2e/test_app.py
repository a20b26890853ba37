"""The app in a real browser on the demo network, used the way people use it.

One server for the whole session (see conftest.py); each test opens its own browser context.
Screenshots of every page land in tests/artifacts/screenshots/.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from pathlib import Path

import pytest

from tests.e2e.browser import (
    INTERNAL_ERROR,
    NETWORK_CHART,
    PAGES,
    choose,
    network_chart,
    open_page,
    options,
    playwright_expect,
    screenshot,
    selectbox,
    wait_idle,
)

pytestmark = pytest.mark.browser
expect = playwright_expect()

SEARCH_WORD = "Nachfolge"  # in several demo protocols (Fachgruppe Handwerk, 2025 and earlier)
SLIDES = ("Übersicht", "Beteiligung", "Partnernetz", "Projekte", "Regelcheck")
PLOT_NAMES = ("() => { const g = document.querySelector('.js-plotly-plot'); "
              "return g && g.data ? g.data.map(t => t.name) : null; }")
PLOT_X = "() => document.querySelector('.js-plotly-plot').data.flatMap(t => Array.from(t.x))"


def no_error(page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_text(INTERNAL_ERROR)).to_have_count(0)
    expect(page.get_by_text("Page not found")).to_have_count(0)


def download_text(page, button) -> tuple[str, str]:
    """Click a download button; (suggested file name, content decoded from UTF-8 with BOM)."""
    with page.expect_download() as info:
        button.click()
    download = info.value
    data = Path(download.path()).read_bytes()  # Playwright keeps the file until the context closes
    assert data.startswith(b"\xef\xbb\xbf"), "CSV für Excel beginnt mit BOM"
    return download.suggested_filename, data.decode("utf-8-sig")


def test_every_page_opens_with_its_german_title(page, demo_server, screenshots):
    for path, title in PAGES.items():
        open_page(page, demo_server.url, path)
        heading = page.locator("h1").first
        if path == "praesentation":  # the slide deck's heading is its first slide
            expect(heading).to_have_text("Übersicht – alle Gruppen")
            expect(page.get_by_role("button", name="Weiter ▶")).to_be_visible()
        else:
            expect(heading).to_have_text(title)
        no_error(page)
        assert page.title() == "Netzwerkradar"
        screenshot(page, screenshots / f"{path or 'uebersicht'}.png")
    assert page.dialogs == []


def test_group_and_period_change_the_chart(page, demo_server):
    open_page(page, demo_server.url, "")
    page.wait_for_function(PLOT_NAMES)
    all_groups = page.evaluate(PLOT_NAMES)
    assert len(all_groups) > 1 and "Fachgruppe Handwerk" in all_groups

    sidebar = page.get_by_test_id("stSidebar")
    choose(page, sidebar, "Gruppe", "Fachgruppe Handwerk")
    page.wait_for_function(f"() => JSON.stringify(({PLOT_NAMES})()) === JSON.stringify(['Fachgruppe Handwerk'])")
    expect(page.get_by_test_id("stMain").get_by_test_id("stCaptionContainer").first).to_contain_text(
        "Letzte 12 Monate (29.11.2025 – 28.11.2026) · Fachgruppe Handwerk")
    recent = set(page.evaluate(PLOT_X))

    choose(page, sidebar, "Zeitraum", "Jahr 2024")
    page.wait_for_function(f"() => ({PLOT_X})().every(x => String(x).startsWith('2024'))")
    older = set(page.evaluate(PLOT_X))
    assert older and older != recent
    assert page.evaluate(PLOT_NAMES) == ["Fachgruppe Handwerk"]
    no_error(page)


def test_network_is_drawn_as_a_clickable_plotly_chart(page, demo_server):
    open_page(page, demo_server.url, "partnernetz")
    chart = network_chart(page)
    expect(page.locator(NETWORK_CHART)).to_be_visible()
    expect(chart.locator(".scatterlayer .trace .points path.point").first).to_be_attached()
    expect(page.get_by_text(" Organisationen, ", exact=False).first).to_be_visible()
    no_error(page)


def test_protocol_search_finds_a_word(page, demo_server):
    open_page(page, demo_server.url, "sitzungen")
    page.get_by_text("In allen Protokollen suchen (Zeitraum und Gruppe ignorieren)").click()
    wait_idle(page)
    field = page.get_by_role("textbox", name="Suchbegriff")
    field.fill(SEARCH_WORD)
    field.press("Enter")
    wait_idle(page)
    hits = page.get_by_text(re.compile(r"^\d+ Treffer; »…« markiert die Fundstelle\.$"))
    expect(hits).to_be_visible()
    assert int(hits.inner_text().split()[0]) >= 1
    main = page.get_by_test_id("stMain")
    first_hit = next(o for o in options(page, main, "Treffer öffnen") if o != "Sitzung wählen …")
    choose(page, main, "Treffer öffnen", first_hit)
    expect(selectbox(main, "Sitzung").get_by_role("combobox")).to_have_value(first_hit)  # opened below
    no_error(page)


def test_downloads_contain_what_the_page_shows(page, demo_server, demo_db):
    organisations = {r[0] for r in sqlite3.connect(demo_db).execute("SELECT name FROM organisations")}
    open_page(page, demo_server.url, "inaktive-partner")
    name, text = download_text(page, page.get_by_role("button", name="Ansprache-Liste als CSV"))
    assert name.startswith("ansprache-liste_") and name.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert rows and list(rows[0])[:4] == ["Organisation", "Kurzname", "Rolle", "Status"]
    assert {r["Organisation"] for r in rows} <= organisations
    assert {r["Status"] for r in rows} <= {"aktiv", "nachlassend", "inaktiv"}

    open_page(page, demo_server.url, "")  # a table behind a chart, from the „Herunterladen“ menu
    page.get_by_role("button", name="Herunterladen").first.click()
    name, text = download_text(page, page.get_by_role("button", name="Tabelle (CSV)"))
    assert name == "sitzungen-im-zeitverlauf_alle-gruppen_2025-11-29_2026-11-28.csv"
    table = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert table and list(table[0]) == ["Quartal", "Gruppe", "Sitzungen", "Teilnahmen"]
    assert sum(int(r["Sitzungen"]) for r in table) == int(
        page.get_by_test_id("stMetric").filter(has_text="Sitzungen").get_by_test_id("stMetricValue").inner_text())


def test_presentation_steps_through_the_slides(page, demo_server, screenshots):
    open_page(page, demo_server.url, "praesentation")
    forward, back = page.get_by_role("button", name="Weiter ▶"), page.get_by_role("button", name="◀ Zurück")
    expect(back).to_be_disabled()
    for number, slide in enumerate(SLIDES, start=1):
        expect(page.locator("h1").first).to_have_text(f"{slide} – alle Gruppen")
        no_error(page)
        screenshot(page, screenshots / f"praesentation-folie-{number}.png")
        if number < len(SLIDES):
            forward.click()
            wait_idle(page)
    expect(forward).to_be_disabled()
    page.keyboard.press("ArrowLeft")  # the arrow keys step as well
    expect(page.locator("h1").first).to_have_text("Projekte – alle Gruppen")


def test_names_off_hides_people_on_the_page_and_in_its_download(page, demo_server, demo_db):
    people = {r[0] for r in sqlite3.connect(demo_db).execute("SELECT name FROM people")}
    page.set_viewport_size({"width": 1400, "height": 1800})  # the download menu opens below the person table
    open_page(page, demo_server.url, "beteiligung")
    column = page.get_by_test_id("stColumn").filter(has_text="Beteiligungsquote je Person")

    def person_table() -> list[dict]:
        column.get_by_role("button", name="Herunterladen").click()
        _, text = download_text(page, page.locator(".st-key-dl_participation_people_csv").get_by_role("button"))
        page.keyboard.press("Escape")
        return list(csv.DictReader(io.StringIO(text), delimiter=";"))

    shown = person_table()
    known = shown[0]["Person"]
    assert known in people  # a real name from the database, as the table shows it

    page.get_by_test_id("stSidebar").get_by_text("Namen ausblenden").click()
    wait_idle(page)
    expect(column.get_by_text("Namen ausgeblendet (Schalter links): Personen erscheinen als Pseudonym.")
           ).to_be_visible()
    hidden = person_table()
    assert len(hidden) == len(shown)
    assert not {r["Person"] for r in hidden} & people
    assert all(re.fullmatch(r"Person [A-Z]+", r["Person"]) for r in hidden)
    page_text = page.get_by_test_id("stMain").inner_text()
    assert known not in page_text and known.split()[-1] not in page_text
    no_error(page)
