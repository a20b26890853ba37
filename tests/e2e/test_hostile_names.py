"""Hostile names in a real browser: no script from the data runs, and the names show as written.

The app runs on tests/fixtures/feindlich, whose organisations, people, groups and projects are named
like HTML, scripts, markdown, LaTeX and links. A script that ran would set `parent.document.title`
to "XSS" or open a dialog; markup that was interpreted would leave an <img>, a link, bold text or a
typeset formula in the page. Every page is opened, with hostile groups chosen in the sidebar.
"""

from __future__ import annotations

import pytest

from tests import hostile
from tests.e2e.browser import (
    INTERNAL_ERROR,
    PAGES,
    choose,
    navigate,
    network_chart,
    open_page,
    playwright_expect,
    screenshot,
    wait_idle,
)

pytestmark = pytest.mark.browser
expect = playwright_expect()

G_IMG, G_MARKDOWN, G_PRICE = hostile.GROUPS["img"], hostile.GROUPS["markdown"], hostile.GROUPS["price"]
TITLES = list(PAGES.values())
# Anything markup from the data would have created, in the page or in any of its frames.
CREATED = ('img[src="x"]', "[onerror]", 'a[href^="javascript:"]', "a:text-is('Klick')", ".katex",
           "strong:text-is('fett')", "span:text-is('rot')", "span:text-is('Rosa')")
_RAW_SCRIPT = "() => [...document.scripts].some(s => s.text.includes(\"parent.document.title='XSS'\"))"


def assert_inert(page, where: str) -> None:
    """Title unchanged, no dialog, no element that markup from the data would have made, no error shown."""
    assert page.title() == "Netzwerkradar", f"{where}: Titel geändert auf {page.title()!r}"
    assert page.dialogs == [], f"{where}: Dialog geöffnet: {page.dialogs}"
    for frame in page.frames:
        for selector in CREATED:
            assert frame.locator(selector).count() == 0, f"{where}: {selector} in {frame.url}"
        assert not frame.evaluate(_RAW_SCRIPT), f"{where}: Script aus den Daten in {frame.url}"
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_text(INTERNAL_ERROR)).to_have_count(0)


def texts(page, selector: str) -> list[str]:
    """Text of every element matching `selector` (plotly SVG text), once the first one is drawn."""
    page.locator(selector).first.wait_for()
    return page.locator(selector).all_text_contents()


def tick_texts(page) -> list[str]:
    """The y tick labels as read: a label plotly draws over two lines (tspans) joined with a space."""
    page.locator(".js-plotly-plot .ytick text").first.wait_for()
    return page.locator(".js-plotly-plot .ytick text").evaluate_all(
        "els => els.map(e => { const lines = [...e.querySelectorAll('tspan.line')];"
        " return lines.length ? lines.map(t => t.textContent).join(' ') : e.textContent; })")


def caption(page):
    return page.get_by_test_id("stMain").get_by_test_id("stCaptionContainer").first


def test_no_script_from_the_data_runs_and_names_show_as_text(page, hostile_server, screenshots):
    shots = screenshots / "feindlich"
    open_page(page, hostile_server.url, "")
    assert_inert(page, "Übersicht")
    legend = texts(page, ".legendtext")  # plotly's legend: literal, entities decoded
    assert G_IMG in legend and G_PRICE in legend and G_MARKDOWN in legend

    sidebar = page.get_by_test_id("stSidebar")
    choose(page, sidebar, "Gruppe", G_IMG)
    for title in TITLES:
        if title != "Übersicht":
            navigate(page, title)
        heading = page.locator("h1").first
        expect(heading).to_have_text(f"Übersicht – {G_IMG}" if title == "Präsentation" else title)
        if title not in ("Inaktive Partner", "Regelcheck", "Daten", "Präsentation"):
            expect(caption(page)).to_contain_text(f"· {G_IMG}")
        assert_inert(page, title)
        screenshot(page, shots / f"{hostile_file_name(title)}.png")
        if title == "Präsentation":
            break
        check_page(page, title)
        assert_inert(page, title)

    open_page(page, hostile_server.url, "")
    choose(page, page.get_by_test_id("stSidebar"), "Gruppe", G_MARKDOWN)
    expect(caption(page)).to_contain_text(f"· {G_MARKDOWN}")
    navigate(page, "Regelcheck")
    expect(page.get_by_test_id("stExpander").get_by_text(f"{G_MARKDOWN} – aktiv", exact=False).first).to_be_visible()
    assert_inert(page, "Regelcheck (Markdown-Gruppe)")
    navigate(page, "Präsentation")
    expect(page.locator("h1").first).to_have_text(f"Übersicht – {G_MARKDOWN}")
    for _ in range(4):
        page.get_by_role("button", name="Weiter ▶").click()
        wait_idle(page)
        assert_inert(page, "Präsentation")
    expect(page.locator("h1").first).to_have_text(f"Regelcheck – {G_MARKDOWN}")
    screenshot(page, shots / "praesentation-regelcheck.png")

    open_page(page, hostile_server.url, "projekte")
    choose(page, page.get_by_test_id("stSidebar"), "Gruppe", G_PRICE)
    expect(caption(page)).to_contain_text(f"· {G_PRICE}")
    assert_inert(page, "Projekte ($-Gruppe)")


def hostile_file_name(title: str) -> str:
    return {v: k for k, v in PAGES.items()}[title] or "uebersicht"


def check_page(page, title: str) -> None:
    """Per page: a hostile name where that page shows names, as literal text."""
    main = page.get_by_test_id("stMain")
    if title == "Beteiligung":
        ticks = tick_texts(page)  # long short names are drawn over two lines (phones)
        assert hostile.ORGANISATIONS["img"] in ticks
        expect(main.get_by_text(f"{G_IMG}: „fehlt“ heißt Mitglied")).to_be_visible()
    elif title == "Inaktive Partner":
        expect(caption(page)).to_contain_text(f"{G_IMG} · Stichtag")
    elif title == "Regelcheck":
        expect(main.get_by_test_id("stExpander").get_by_text(G_IMG, exact=False).first).to_be_visible()
    elif title == "Projekte":
        legend = texts(page, ".legendtext")
        assert hostile.PROGRAMME in legend  # not "INQA" in bold
        assert page.locator(".legendtext tspan[style*='bold']").count() == 0
        ticks = texts(page, ".js-plotly-plot .ytick text")
        assert hostile.PROJECTS["link"] in ticks and hostile.PROJECTS["js"] in ticks
    elif title == "Partnernetz":
        check_network(page)
    elif title == "Sitzungen":
        # The detail's heading line: date · time · format · group, the group as literal text.
        expect(main.locator("h4").filter(has_text=G_IMG)).to_have_count(1)
        page.get_by_text("In allen Protokollen suchen (Zeitraum und Gruppe ignorieren)").click()
        wait_idle(page)
        field = page.get_by_role("textbox", name="Suchbegriff")
        field.fill("Sicherheitsprüfung")
        field.press("Enter")
        wait_idle(page)
        expect(main.get_by_text("1 Treffer; »…« markiert die Fundstelle.")).to_be_visible()


def check_network(page) -> None:
    """The network (plotly) draws names as text: no element from data inside the chart; the hostile
    organisations stand literally in its hover data and in the metrics table beside it."""
    chart = network_chart(page)
    expect(chart.locator(".scatterlayer .trace .points path.point").first).to_be_attached()
    assert chart.locator("img, script, iframe, a").count() == 0
    hover = chart.evaluate("e => JSON.stringify(e.data.map(t => t.customdata))")
    assert "<img" not in hover and "&lt;img" in hover  # entities in plotly's data: drawn as text, never parsed
