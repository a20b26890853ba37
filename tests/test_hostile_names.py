"""Hostile names are inert: through the ETL unchanged, and in every figure, export, report and page only as text.

Built from tests/fixtures/feindlich (names in tests/hostile.py). The browser test in tests/e2e proves
the same in Chromium; these run without a browser and check what each renderer is handed.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from analysis import downloads, inactivity, network, network_html, overview, participation, projects, report
from analysis.charts import overview as overview_charts
from analysis.charts import participation as participation_charts
from analysis.charts import plotly_text
from analysis.charts import projects as project_charts
from analysis.charts.network import network_figure
from analysis.db import connect
from analysis.tables import csv_bytes, outreach_list, plain_markdown, xlsx_bytes
from etl.build.pipeline import build
from tests import hostile
from tests.conftest import ROOT
from ui.format import ACTIVITY_MARKS, LIGHT_MARKS
from vocab.keys import name_key
from vocab.periods import Period

AS_OF = "2026-11-28"
PERIOD = Period("2025-01-01", AS_OF, "Testzeitraum")
G_IMG = name_key(hostile.GROUPS["img"])
NAMES = [*hostile.ORGANISATIONS.values(), *hostile.PEOPLE.values(), *hostile.GROUPS.values(),
         *hostile.PROJECTS.values(), hostile.PROGRAMME, hostile.ORG_TYPE]
FORMULA_START = ("=", "+", "-", "@")
# In text handed to a markdown renderer, these characters from data must carry a backslash.
UNESCAPED = re.compile(r"(?<!\\)[<>$\[&]")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("feindlich") / "feindlich.db"
    result = build(hostile.SOURCE, path)
    assert result.totals["loaded"] > 100
    return path


@pytest.fixture(scope="module")
def conn(db):
    connection = connect(db)
    yield connection
    connection.close()


def source_column(table: str, column: str = "name") -> set[str]:
    with open(hostile.SOURCE / f"{table}.csv", encoding="utf-8", newline="") as f:
        return {row[column] for row in csv.DictReader(f) if row[column]}


@pytest.mark.parametrize(("table", "column", "expected"), [
    ("organisations", "name", hostile.ORGANISATIONS), ("people", "name", hostile.PEOPLE),
    ("groups", "name", hostile.GROUPS), ("projects", "name", hostile.PROJECTS),
    ("organisations", "type", {"type": hostile.ORG_TYPE}), ("projects", "programme", {"p": hostile.PROGRAMME}),
])
def test_etl_stores_every_hostile_name_exactly_as_written(conn, table, column, expected):
    written = source_column(table, column)
    assert set(expected.values()) <= written  # the fixture has them all
    stored = {r[0] for r in conn.execute(f"SELECT {column} FROM {table}")}  # names from the list above
    assert written <= stored


# --- plotly -----------------------------------------------------------------------------------------
def figures(conn) -> dict[str, object]:
    """Every chart the app draws, from the hostile database."""
    over_time = overview.meetings_over_time(conn, PERIOD, None)
    view = network.network_view(conn, PERIOD, "both", None)
    return {
        "meetings_over_time": overview_charts.meetings_over_time(over_time),
        "heatmap": participation_charts.attendance_heatmap(participation.attendance_matrix(conn, PERIOD, G_IMG)),
        "org_rates": participation_charts.org_rates(participation.org_rates(conn, PERIOD, None)),
        "turnout": participation_charts.participants_over_time(participation.participants_per_meeting(conn, PERIOD)),
        "gantt": project_charts.gantt(projects.lifecycle(conn, PERIOD, None, AS_OF),
                                      projects.presentations(conn, PERIOD, None), PERIOD),
        "counts": project_charts.counts(projects.counts(conn, PERIOD, None)),
        "network": network_figure(view, title=f"Partnernetz – {hostile.GROUPS['img']}"),
    }


@pytest.fixture(scope="module")
def charts(conn) -> dict[str, object]:
    """The charts drawn once for the module: the tests below only read them."""
    return figures(conn)


def strings(value) -> list[str]:
    """Every string in a figure's JSON (names, labels, hover texts, custom data)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def test_plotly_text_shows_markup_and_formulas_literally():
    assert plotly_text("<b>INQA</b> $\\alpha$ & Co") == "&lt;b&gt;INQA&lt;/b&gt; &#36;\\alpha&#36; &amp; Co"
    assert plotly_text("Müller &amp; Söhne") == "Müller &amp;amp; Söhne"
    assert plotly_text(None) is None and plotly_text(3) == 3


@pytest.mark.parametrize("name", ["meetings_over_time", "heatmap", "org_rates", "turnout", "gantt", "counts",
                                  "network"])
def test_every_chart_gets_names_only_in_inert_form(charts, name):
    fig = charts[name]
    texts = strings(json.loads(fig.to_json()))
    joined = "\n".join(texts)
    for raw in ("<img", "<script", "</script", "<b>INQA", "<u>Typ", "$"):
        assert raw not in joined, raw  # plotly would draw tags as markup and $…$ as LaTeX
    assert any(plotly_text(n) in t for n in NAMES for t in texts), "the chart shows hostile names"


def test_chart_html_export_holds_names_only_as_escaped_json_strings(charts):
    page = downloads.figure_html(charts["gantt"], f"Projekte – {hostile.GROUPS['img']}").decode("utf-8")
    assert "<img src=x" not in page and "\\u003cimg src=x" not in page  # neither raw nor JSON-escaped markup
    assert "<title>Projekte – Fachgruppe &lt;img src=x" in page  # the title, HTML-escaped
    assert "&lt;b&gt;INQA&lt;\\u002fb&gt; &#36;\\\\alpha&#36;" in page  # plotly's JSON of the plotly text


def test_network_page_escapes_every_name_and_keeps_string_tooltips(conn):
    view = network.network_view(conn, PERIOD, "both", None)
    page = downloads.network_page(view, f"Partnernetz – {hostile.GROUPS['img']}").decode("utf-8")
    for raw in (hostile.IMG, hostile.SCRIPT, "<script>parent", "<u>Typ</u>", hostile.ORGANISATIONS["href"]):
        assert raw not in page, raw
    assert "popup.innerHTML" not in page  # pyvis' raw-HTML tooltip template (chosen when a title says "href")
    nodes = json.loads(re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", page).group(1))
    titles = " ".join(n["title"] for n in nodes)
    assert "href" not in titles.lower()
    assert network_html.esc(hostile.ORGANISATIONS["href"]) in titles
    assert network_html.esc(hostile.IMG) in {n["label"] for n in nodes}


# --- tables -----------------------------------------------------------------------------------------
def tables(conn) -> dict[str, pd.DataFrame]:
    partners = inactivity.inactive_partners(conn, name_key(hostile.GROUPS["img"]), date.fromisoformat(AS_OF))
    return {
        "ansprache": outreach_list(partners),
        "personen": participation.person_rates(conn, PERIOD, None, False),
        "kennzahlen": network.network_view(conn, PERIOD, "both", None).metrics,
        "projekte": projects.lifecycle(conn, PERIOD, None, AS_OF),
    }


@pytest.fixture(scope="module")
def frames(conn) -> dict[str, pd.DataFrame]:
    """The tables computed once for the module (the exports below copy a frame before they change it)."""
    return tables(conn)


@pytest.mark.parametrize("name", ["ansprache", "personen", "kennzahlen", "projekte"])
def test_csv_cells_never_start_a_formula(frames, name):
    frame = frames[name]
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8-sig")), delimiter=";"))[1:]
    cells = [c for row in rows for c in row]
    assert not [c for c in cells if c.startswith(FORMULA_START)]
    texts = [v for v in frame.to_numpy().ravel() if isinstance(v, str)]
    for value in texts:  # every text cell is there as written, with a `'` only before a formula character
        assert ("'" + value if value.startswith(FORMULA_START) else value) in cells


def test_csv_keeps_the_formula_names_readable(frames):
    text = csv_bytes(frames["personen"]).decode("utf-8-sig")
    for name in ("@Max Mustermann", "+Paula Plus", "-Jana Minus"):
        assert f"'{name}" in text
    assert "'=HYPERLINK(\"\"https://example.invalid\"\",\"\"Kammer\"\")" in text


@pytest.mark.parametrize("name", ["ansprache", "personen", "kennzahlen", "projekte"])
def test_xlsx_cells_are_text_not_formulas(frames, name):
    frame = frames[name]
    data = xlsx_bytes(frame, "Tabelle")
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    cells = [c for row in workbook.active.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert all(c.data_type == "s" for c in cells)
    dates = re.compile(r"\d{4}-\d{2}-\d{2}|\d{2}\.\d{2}\.\d{4}")  # date columns are Excel dates now
    assert {c.value for c in cells} >= {v for v in frame.to_numpy().ravel()
                                        if isinstance(v, str) and v and not dates.fullmatch(v)}


def test_xlsx_survives_control_characters_from_the_data():
    data = xlsx_bytes(pd.DataFrame({"Organisation": ["Firma\x01Kontroll"]}))
    assert openpyxl.load_workbook(io.BytesIO(data)).active["A2"].value == "Firma\ufffdKontroll"


def test_markdown_escape_covers_every_directive():
    assert plain_markdown(hostile.GROUPS["markdown"]) == "Fachgruppe \\*\\*fett\\*\\* und \\:red\\[rot\\]"
    assert plain_markdown("Müller &amp; Söhne $5") == "Müller \\&amp; Söhne \\$5"
    assert plain_markdown(hostile.MD_LINK) == "\\[Klick\\]\\(javascript\\:alert\\(1\\)\\)"
    assert not UNESCAPED.search(plain_markdown(hostile.IMG))


def test_no_raw_html_from_data_reaches_streamlit():
    """No `unsafe_allow_html` at all; st.html only with a constant stylesheet; no st.iframe (the network is plotly,
    drawn by the component of ui.network_chart: a fixed HTML file that gets names only as plotly text, as data)."""
    calls = []
    for path in [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").glob("*.py")),
                 *sorted((ROOT / "analysis").rglob("*.py"))]:
        text = path.read_text(encoding="utf-8")
        assert "unsafe_allow_html" not in text, path
        calls += [(path.name, m.group(0)) for m in re.finditer(r"st\.(?:html|iframe)\([^,)]*", text)]
    assert sorted(calls) == [("capture.py", "st.html(TOUCH_CSS"), ("guard.py", "st.html(NO_DIALOGS"),
                             ("praesentation.py", "st.html(STYLE"),
                             ("upload.py", "st.html(uploader_style(limit_mb")]


# --- the Jahresbericht --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def yearly(conn):
    return report.build_report(conn, G_IMG, 2026, charts=False)


def test_markdown_report_escapes_names(yearly):
    text = report.render(yearly, "md").decode("utf-8")
    assert hostile.IMG not in text and "<img" not in text and "<u>" not in text
    assert "&lt;img src=x" in text
    for raw in ("**fett**", ":red[", "[Klick](", "$5 und $6", "$\\alpha$"):
        assert raw not in text, raw
    assert "\\$5 und \\$6" in text


def test_word_and_powerpoint_hold_names_as_plain_runs(yearly):
    for fmt, part in (("docx", "word/document.xml"), ("pptx", None)):
        archive = zipfile.ZipFile(io.BytesIO(report.render(yearly, fmt)))
        names = [part] if part else [n for n in archive.namelist() if re.match(r"ppt/slides/slide\d+\.xml$", n)]
        xml = "".join(archive.read(n).decode("utf-8") for n in names)
        assert "&lt;img src=x onerror=" in xml and "<img" not in xml
        assert "<w:hyperlink" not in xml and "hlinkClick" not in xml  # "=HYPERLINK(…)" stays text


def test_pdf_report_has_the_names_as_text_and_no_links_or_scripts(yearly):
    data = report.render(yearly, "pdf")
    assert b"/JavaScript" not in data and b"/URI" not in data and b"/Launch" not in data
    text = " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(data)).pages)
    assert "<img src=x" in " ".join(text.split())


# --- the pages (AppTest) ------------------------------------------------------------------------------
PAGES = ["pages/uebersicht.py", "pages/beteiligung.py", "pages/inaktive-partner.py", "pages/regelcheck.py",
         "pages/projekte.py", "pages/partnernetz.py", "pages/sitzungen.py", "pages/daten.py",
         "pages/praesentation.py", "pages/sitzungsvorbereitung.py", "pages/anwesenheit.py"]
SIDEBAR_GROUPS = [None, *(name_key(g) for g in hostile.GROUPS.values())]
MARKUP_NAMES = [n for n in NAMES if plain_markdown(n) != n]  # "Kanzlei href Müller" is plain in markdown


def without_marks(text: str) -> str:
    """The text without the app's own status marks (coloured Material icons, Markdown by design)."""
    for mark in {*LIGHT_MARKS.values(), *ACTIVITY_MARKS.values()}:
        text = text.replace(mark, "")
    return text


def markdown_texts(at: AppTest) -> list[str]:
    """Every text the page hands to Streamlit's markdown renderer."""
    found = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                                  "error", "success") for e in getattr(at, kind)]
    found += [m.label for m in at.metric] + [str(m.value) for m in at.metric]
    found += [e.label for e in at.expander]
    return [str(t) for t in found]


@pytest.mark.parametrize("page", PAGES)
def test_pages_render_hostile_names_only_escaped(monkeypatch, db, page):
    monkeypatch.setenv("NETZWERKRADAR_DB", str(db))
    monkeypatch.setenv("NETZWERKRADAR_AS_OF", AS_OF)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page(page).run()  # straight to the page: the Übersicht first would only cost time
    shown: list[str] = []
    for group in SIDEBAR_GROUPS:
        if at.selectbox(key="filter_group").value != group:  # the first run already shows all groups
            at.selectbox(key="filter_group").set_value(group).run()
        if page == "pages/sitzungen.py" and group is None:
            at.checkbox(key="search_everywhere").check().run()
            at.text_input(key="search_text").input("Sicherheitsprüfung").run()
        assert not at.exception, [e.value for e in at.exception]
        assert not [e.value for e in at.error if "internen Fehlers" in e.value]  # app.py's catch-all
        texts = markdown_texts(at)
        for text in texts:
            for name in MARKUP_NAMES:
                assert name not in text, (group, name, text)
            assert not UNESCAPED.search(without_marks(text)), (group, text)
        shown += texts
    at.toggle(key="hide_names").set_value(True).run()  # pseudonyms are built from hostile names, too
    assert not at.exception, [e.value for e in at.exception]
    escaped = {plain_markdown(n) for n in NAMES}
    if page not in ("pages/daten.py",):  # Daten shows names in tables only
        assert any(e in t for e in escaped for t in shown), "the page names a hostile group, org or project"


@pytest.mark.parametrize("text, expected", [
    ("Kanzlei https://beispiel.de", "Kanzlei https\u200b\\://beispiel\\.de"),
    ("www.beispiel.de", "www\u200b\\.beispiel\\.de"),
    ("info@beispiel.de", "info\u200b@beispiel\\.de"),
    ("Schwww.x", "Schwww\\.x"),  # only a word "www" starts an address
])
def test_bare_urls_and_addresses_stay_text_in_markdown(text, expected):
    assert plain_markdown(text) == expected


def test_the_markdown_report_does_not_link_bare_urls():
    from analysis.report import markdown as report_markdown

    assert report_markdown._text("Siehe https://beispiel.de oder www.beispiel.de") == \
        "Siehe https\u200b://beispiel.de oder www\u200b.beispiel.de"
