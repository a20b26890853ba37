"""Exploring in Chromium: a click on a network dot opens that organisation's profile; labels are legible
(≥ 14 px on screen, none overlapping) on the Partnernetz and the slide at 1280×720 and 1024×768."""

from __future__ import annotations

import re

import pytest

from tests.e2e.browser import NETWORK_CHART, SCREENSHOTS, network_chart, open_page, playwright_expect, wait_idle

pytestmark = pytest.mark.browser
expect = playwright_expect()

LABEL_BOXES = """() => [...document.querySelectorAll('.js-plotly-plot .textpoint text')]
  .filter(t => t.textContent.trim()).map(t => { const r = t.getBoundingClientRect();
    return {text: t.textContent, x: r.x, y: r.y, w: r.width, h: r.height,
            size: parseFloat(getComputedStyle(t).fontSize)}; })"""


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    return [(a["text"], b["text"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"]
            and b["y"] < a["y"] + a["h"]]


def test_clicking_a_dot_opens_its_profile(page, demo_server):
    open_page(page, demo_server.url, "partnernetz")
    page.get_by_text("Jahre", exact=True).click()
    wait_idle(page, 90_000)
    chart = network_chart(page)
    # No scroll here: a rerun may redraw the chart; the locators below re-resolve and click scrolls itself.
    dots = chart.locator(".scatterlayer .trace .points path.point")
    expect(dots.first).to_be_attached()
    name = chart.evaluate("""e => { const data = e.data;
        const t = data[data.length - 2]; return t.customdata[t.customdata.length - 1][5]; }""")
    dot = chart.locator(".scatterlayer .trace").nth(-2).locator("path.point").last
    dot.click(force=True)
    # The link keeps the sidebar's group and period (…&gruppe=…&zeitraum=…).
    page.wait_for_url(re.compile(rf"/profil\?organisation={re.escape(name)}(&|$)"), timeout=60_000)
    wait_idle(page, 60_000)
    expect(page.get_by_role("heading", name="Profil", exact=True)).to_be_visible()
    expect(page.get_by_text("Anwesenheit je Gruppe")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "profil_1400.png"))


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1024, 768)])
def test_labels_are_large_and_never_overlap(page, demo_server, width, height):
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, demo_server.url, "partnernetz")
    page.locator(NETWORK_CHART).scroll_into_view_if_needed()
    wait_idle(page)
    boxes = network_chart(page).evaluate(f"e => ({LABEL_BOXES})()")
    assert len(boxes) >= 5
    assert min(b["size"] for b in boxes) >= 14 and min(b["h"] for b in boxes) >= 14
    assert overlapping(boxes) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"partnernetz_{width}x{height}.png"))
    open_page(page, demo_server.url, "praesentation")
    for _ in range(2):
        page.get_by_role("button", name="Weiter ▶").click()
        wait_idle(page)
    boxes = page.evaluate(LABEL_BOXES)
    assert len(boxes) >= 5 and min(b["size"] for b in boxes) >= 14 and overlapping(boxes) == []
    page.screenshot(path=str(SCREENSHOTS / f"folie-partnernetz_{width}x{height}.png"))


def test_play_steps_through_the_years(page, demo_server):
    open_page(page, demo_server.url, "partnernetz")
    page.get_by_text("Jahre", exact=True).click()
    wait_idle(page, 90_000)
    period = page.locator("h2").filter(has_text="20").first
    start = period.inner_text()
    page.get_by_test_id("stCheckbox").filter(has_text="Abspielen").locator("label").click()
    # the slider wraps from the last year to the first, then goes on year by year
    page.wait_for_function("(start) => [...document.querySelectorAll('h2')].some(h => /^20\\d\\d$/.test("
                           "h.innerText.trim()) && h.innerText.trim() !== start)", arg=start, timeout=20_000)
    page.get_by_test_id("stCheckbox").filter(has_text="Abspielen").locator("label").click()
    wait_idle(page)


def test_a_slider_step_redraws_the_same_chart_with_that_year(page, demo_server):
    open_page(page, demo_server.url, "partnernetz")
    page.get_by_text("Jahre", exact=True).click()
    wait_idle(page, 90_000)
    chart = network_chart(page)
    heading = page.locator("h2").filter(has_text=re.compile(r"^20\d\d$")).first
    latest = heading.inner_text().strip()
    expect(chart).to_have_attribute("data-period", latest)
    chart.evaluate("e => { e.dataset.kept = 'ja'; }")  # marks this plot: a step must update it, not replace it
    links = chart.evaluate("e => JSON.stringify(e.data.map(t => t.x))")
    page.get_by_test_id("stSlider").filter(has_text="Zeitpunkt").get_by_role("slider").focus()
    page.keyboard.press("ArrowLeft")
    earlier = str(int(latest) - 1)
    expect(chart).to_have_attribute("data-period", earlier)  # the chart follows the step
    wait_idle(page, 90_000)
    expect(heading).to_have_text(earlier)  # and the figures and tables of the page with it
    assert chart.evaluate("e => e.layout.annotations.map(a => a.text)") == [earlier]
    assert chart.evaluate("e => JSON.stringify(e.data.map(t => t.x))") != links
    expect(chart).to_have_attribute("data-kept", "ja")
