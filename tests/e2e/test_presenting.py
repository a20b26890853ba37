"""In Chromium at 1024×768: an editor on localhost sees Prüfen in the whole menu; the meeting's heading line is not
cut; Inaktive Partner lists contact persons one per row; Partnernetz offers its time-course exports at once. On a
768 px tablet the presentation's buttons, slides and figure labels are whole."""

from __future__ import annotations

import pytest

from tests.e2e.browser import open_page, playwright_expect, screenshot
from ui.navigation import PAGES

pytestmark = pytest.mark.browser
expect = playwright_expect()

NARROW = {"width": 1024, "height": 768}


def test_an_editor_on_localhost_finds_pruefen_in_the_whole_menu(demo_server, page, screenshots):
    page.set_viewport_size(NARROW)
    open_page(page, demo_server.url, "daten")
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav.get_by_text("Prüfen", exact=True)).to_be_visible()
    expect(page.get_by_test_id("stSidebarNavViewButton")).to_have_count(0)  # never „View 1 more“
    assert nav.locator("a").count() == len(PAGES)  # every page, Prüfen and the editors' pages included
    screenshot(page, screenshots / "menue-bearbeiter-1024.png")


def test_the_meeting_heading_line_wraps_instead_of_cutting(demo_server, page, screenshots):
    page.set_viewport_size(NARROW)
    open_page(page, demo_server.url, "sitzungen?zeitraum=Gesamter+Zeitraum")
    heading = page.get_by_test_id("stMain").locator("h4").first
    heading.scroll_into_view_if_needed()
    expect(heading).to_contain_text("25.11.2026")
    expect(heading).to_contain_text("Fachgruppe Handwerk")
    assert heading.evaluate("e => e.scrollWidth <= e.clientWidth")  # nothing cut off to the right
    assert page.get_by_test_id("stMetric").count() == 0
    screenshot(page, screenshots / "sitzung-im-detail-1024.png")


def test_contacts_have_their_own_table_and_exports_need_no_zeitachse(demo_server, page, screenshots):
    page.set_viewport_size(NARROW)
    open_page(page, demo_server.url, "inaktive-partner?zeitraum=Gesamter+Zeitraum")
    expect(page.get_by_role("heading", name="Ansprechpersonen")).to_be_visible()
    screenshot(page, screenshots / "inaktive-partner-1024.png")
    open_page(page, demo_server.url, "partnernetz?zeitraum=Gesamter+Zeitraum")
    expect(page.get_by_text("Zeitverlauf exportieren (Gephi, Animation)")).to_be_visible()


def test_the_presentation_controls_are_whole_on_a_768_px_tablet(demo_server, page, screenshots):
    page.set_viewport_size({"width": 768, "height": 1024})
    open_page(page, demo_server.url, "praesentation")
    expect(page.get_by_role("radiogroup", name="Folie")).to_be_visible(timeout=30_000)  # a cold first run is slow
    back, forward = page.get_by_role("button", name="Zurück"), page.get_by_role("button", name="Weiter")
    boxes = []
    for control in (back, forward, *(page.get_by_role("radio", name=s, exact=True) for s in
                                     ("Übersicht", "Beteiligung", "Partnernetz", "Projekte", "Regelcheck"))):
        expect(control).to_be_visible()
        box = control.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 768  # inside the window
        label = control.locator("p").first
        assert label.evaluate("e => e.scrollWidth <= e.clientWidth"), label.inner_text()  # not cut („Wei…“)
        boxes.append(box)
    for i, a in enumerate(boxes):  # no control hidden under another (a slide clipped behind „Weiter“)
        for b in boxes[i + 1:]:
            apart = (a["x"] + a["width"] <= b["x"] + 1 or b["x"] + b["width"] <= a["x"] + 1
                     or a["y"] + a["height"] <= b["y"] + 1 or b["y"] + b["height"] <= a["y"] + 1)
            assert apart, (a, b)
    labels = page.get_by_test_id("stMetricLabel").locator("[data-testid=stMarkdownContainer]")
    expect(labels).to_have_count(4)
    for label in labels.all():  # the figures' labels wrap instead of ending in „Beteiligte Orga…“
        assert label.evaluate("e => e.scrollWidth <= e.clientWidth"), label.inner_text()
    screenshot(page, screenshots / "praesentation-768.png")
