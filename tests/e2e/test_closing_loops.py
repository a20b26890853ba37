"""Closing the loops in Chromium: attendance tapped on a tablet, outreach recorded and flagged when due, the
briefing opened and its PDF downloaded — on a writable copy of the demo, as an editor on localhost.

Screenshots (768×1024 and 1280×720) land in tests/artifacts/screenshots/loops-*.png.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from etl.build.pipeline import build
from tests.conftest import DEMO
from tests.e2e.browser import AppServer, open_page, playwright_expect, screenshot, start_server, wait_idle

pytestmark = pytest.mark.browser
expect = playwright_expect()
GROUP = "gruppe=fachgruppe-handwerk"
TABLET = {"width": 768, "height": 1024}
LAPTOP = {"width": 1280, "height": 720}
WAIT = 30_000  # ms for what appears after a rerun: the shared 2-core machine is often busy


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("loops") / "quelle"
    shutil.copytree(DEMO, folder)
    return folder


@pytest.fixture(scope="module")
def editor_server(browser, source: Path) -> Iterator[AppServer]:
    """The app on its own writable demo copy, bound to localhost: editing is on (no [auth])."""
    db = source.parent / "netz.db"
    build(source, db)
    server = start_server(db, source.parent / "streamlit.log", env={"NETZWERKRADAR_SOURCE": str(source)})
    try:
        context = browser.new_context()
        open_page(context.new_page(), server.url, "")
        context.close()
        yield server
    finally:
        server.stop()


@pytest.fixture
def tablet(browser) -> Iterator[object]:
    context = browser.new_context(viewport=TABLET, locale="de-DE", has_touch=True, is_mobile=False)
    context.set_default_timeout(60_000)
    tab = context.new_page()
    try:
        yield tab
    finally:
        context.close()


def _drawn(page) -> None:
    """Every table and button of the briefing drawn (Streamlit loads their components lazily)."""
    expect(page.get_by_role("button", name="Als PDF (A4)")).to_be_visible()
    expect(page.get_by_test_id("stDataFrame").nth(3)).to_be_attached()  # tasks, partners, rules, projects
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=60_000)
    expect(page.get_by_test_id("stDateInput").get_by_role("group")).to_be_visible()


def _saved(page) -> None:
    wait_idle(page, timeout=120_000)
    expect(page.get_by_test_id("stAlertContentSuccess").filter(has_text="gespeichert")).to_be_visible(timeout=120_000)


def test_attendance_is_captured_on_a_tablet_by_tapping(tablet, editor_server, source, screenshots):
    open_page(tablet, editor_server.url, f"anwesenheit?{GROUP}")
    expect(tablet.locator("h1").first).to_have_text("Anwesenheit erfassen")
    rows = tablet.get_by_test_id("stButtonGroup")
    expect(rows.first).to_be_visible(timeout=60_000)  # the button component loads lazily
    first_button = rows.nth(0).get_by_role("radio", name="anwesend")
    box = first_button.bounding_box()
    assert box is not None and box["height"] >= 44 and box["width"] >= 88  # a finger, not a mouse pointer
    first_button.tap()
    rows.nth(1).get_by_role("radio", name="entschuldigt").tap()
    rows.nth(2).get_by_role("radio", name="fehlt").tap()
    expect(first_button).to_have_attribute("aria-checked", "true", timeout=WAIT)
    guest = tablet.get_by_test_id("stSelectbox").filter(has_text="Gast (Name tippen)").get_by_role("combobox")
    guest.tap()
    guest.fill("Erika Gastmann")
    guest.press("Enter")
    organisation = tablet.get_by_test_id("stSelectbox").filter(has_text="Organisation (bei neuen Personen)")
    organisation.get_by_role("combobox").tap()
    organisation.get_by_role("combobox").fill("Beratung Gastmann GmbH")
    organisation.get_by_role("combobox").press("Enter")
    tablet.get_by_role("button", name="Gast hinzufügen").tap()
    wait_idle(tablet)
    expect(tablet.get_by_text("Erika Gastmann · Beratung Gastmann GmbH · Gast")).to_be_visible(timeout=WAIT)
    expect(guest).to_have_value("", timeout=WAIT)  # the fields are empty for the next guest
    screenshot(tablet, screenshots / "loops-anwesenheit-768.png")
    tablet.get_by_role("button", name="Anwesenheit speichern").tap()
    _saved(tablet)
    tablet.set_viewport_size(LAPTOP)
    wait_idle(tablet)
    screenshot(tablet, screenshots / "loops-anwesenheit-1280.png")
    written = list(csv.DictReader(io.StringIO((source / "erfasste_anwesenheit.csv").read_text(encoding="utf-8"))))
    assert [(r["group"], r["date"], r["status"]) for r in written] == [
        ("Fachgruppe Handwerk", "2026-11-28", "present"), ("Fachgruppe Handwerk", "2026-11-28", "excused"),
        ("Fachgruppe Handwerk", "2026-11-28", "absent"), ("Fachgruppe Handwerk", "2026-11-28", "guest")]
    assert written[-1]["person"] == "Erika Gastmann" and written[-1]["organisation"] == "Beratung Gastmann GmbH"
    expect(tablet.get_by_test_id("stSelectbox").filter(has_text="Sitzung").get_by_role("combobox")).to_have_value(
        "28.11.2026 · 4 erfasst", timeout=WAIT)


def test_an_outreach_is_recorded_and_highlighted_when_due(page, editor_server, screenshots):
    page.set_viewport_size(LAPTOP)
    open_page(page, editor_server.url, f"inaktive-partner?{GROUP}")
    page.get_by_role("heading", name="Ansprache").wait_for()
    organisation = page.get_by_test_id("stSelectbox").filter(has_text="Organisation").get_by_role("combobox")
    chosen = organisation.input_value()
    mail = page.get_by_role("link", name="E-Mail-Entwurf")
    expect(mail).to_have_attribute("href", __import__("re").compile(r"^mailto:.*subject=Fachgruppe%20Handwerk"))
    page.get_by_label("Wer hat Kontakt aufgenommen?").fill("Leitung der Fachgruppe")
    page.get_by_label("Ergebnis").fill("Rückruf vereinbart")
    # a contact of 01.11.2026 whose Wiedervorlage (20.11.2026) has come: a Wiedervorlage before the contact is refused
    page.get_by_role("spinbutton", name="day, Datum").click()
    page.keyboard.type("01112026")
    page.get_by_role("spinbutton", name="day, Wiedervorlage (optional)").click()
    page.keyboard.type("20112026")
    page.get_by_role("button", name="Kontakt speichern").click()
    _saved(page)
    due = page.get_by_test_id("stAlertContentWarning").filter(has_text="Wiedervorlage fällig")
    expect(due).to_contain_text(f"{chosen} (20.11.2026)", timeout=WAIT)
    screenshot(page, screenshots / "loops-ansprache-1280.png")


def test_the_briefing_opens_and_its_pdf_downloads(page, editor_server, tmp_path, screenshots):
    page.set_viewport_size(LAPTOP)
    open_page(page, editor_server.url, f"sitzungsvorbereitung?{GROUP}")
    for heading in ("Offene Aufgaben", "Beschlüsse", "Partner, die nachlassen", "Regeln (Grundprinzipien § 6)",
                    "Projekte"):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    _drawn(page)
    screenshot(page, screenshots / "loops-sitzungsvorbereitung-1280.png")
    page.set_viewport_size(TABLET)
    wait_idle(page)
    _drawn(page)
    screenshot(page, screenshots / "loops-sitzungsvorbereitung-768.png")
    with page.expect_download() as info:
        page.get_by_role("button", name="Als PDF (A4)").click()
    pdf = tmp_path / info.value.suggested_filename
    info.value.save_as(pdf)
    assert pdf.name == "sitzungsvorbereitung_fachgruppe-handwerk_2026-11-28.pdf"
    reader = PdfReader(pdf)
    assert 1 <= len(reader.pages) <= 2
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Sitzungsvorbereitung – Fachgruppe Handwerk" in text and "Partner, die nachlassen" in text
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(screenshots / "loops-briefing-pdf")],
                       check=True)


def test_a_task_ticked_done_stays_done_after_a_reload(page, editor_server, screenshots):
    """The editor ticks the first task „erledigt“, saves and reloads: the box is still ticked and the task has left
    the open tasks. The grid is a canvas: a click selects the cell, Space on the focused grid ticks it."""
    page.set_viewport_size(LAPTOP)
    open_page(page, editor_server.url, f"sitzungsvorbereitung?{GROUP}")
    _drawn(page)
    summary = page.get_by_text(re.compile(r"^\d+ offene Aufgaben, davon"))
    before = int(summary.inner_text().split()[0])
    page.get_by_text("Aufgabenstatus setzen (offen / erledigt)").click()
    wait_idle(page)
    ticks = page.get_by_test_id("glide-cell-0-0").filter(has_text=re.compile(r"^(true|false)$"))
    grid = page.get_by_test_id("stDataFrame").filter(has=ticks)  # the editor: its first column holds the ticks
    expect(grid.get_by_test_id("glide-cell-0-0")).to_have_text("false", timeout=WAIT)
    task = grid.get_by_test_id("glide-cell-1-0").inner_text()
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 12, box["y"] + 35 + 17)  # first row, left of the checkbox: selects the cell
    grid.get_by_test_id("data-grid-canvas").focus()
    page.keyboard.press("Space")
    save = page.get_by_role("button", name="Status speichern (1 Änderung)")
    expect(save).to_be_enabled(timeout=WAIT)
    save.click()
    wait_idle(page, timeout=120_000)
    page.reload()
    page.locator("h1").first.wait_for(timeout=60_000)
    wait_idle(page)
    _drawn(page)
    expect(summary).to_have_text(re.compile(rf"^{before - 1} offene Aufgaben"), timeout=WAIT)
    page.get_by_text("Aufgabenstatus setzen (offen / erledigt)").click()
    wait_idle(page)
    expect(ticks).to_be_attached(timeout=WAIT)
    grid = page.get_by_test_id("stDataFrame").nth(1)  # the editor, after the open tasks (found by its ticks above)
    expect(grid.get_by_test_id("glide-cell-0-0")).to_have_text(re.compile(r"^(true|false)$"))
    grid.hover()
    page.mouse.wheel(0, 5000)  # done tasks are listed last, and the grid draws only the rows in sight
    ticked = grid.locator("td[role=gridcell]").filter(has_text=re.compile(rf"^{re.escape(task)}\s*$")).last
    expect(ticked).to_be_attached(timeout=WAIT)
    row = (ticked.get_attribute("data-testid") or "").rsplit("-", 1)[-1]
    expect(grid.get_by_test_id(f"glide-cell-0-{row}")).to_have_text("true", timeout=WAIT)
    screenshot(page, screenshots / "loops-aufgabenstatus-1280.png")
