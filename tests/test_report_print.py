"""Jahresbericht in print: figures laid out for A4, heatmaps split, labels apart, pages checked as images.

Fixture: the report fixture of tests/test_report.py (Fachgruppe Handwerk 2024) plus a protocol of
15.05.2023 with two tasks: one without a due date (left out of the 2024 report: not of the year, not
overdue) and one due 30.06.2023 (listed: still overdue at 31.12.2024).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pandas as pd
import pdfplumber
import pytest
from PIL import Image

from analysis import network, participation, projects, report
from analysis.charts import participation as participation_charts
from analysis.charts import projects as project_charts
from analysis.charts import wrap_label
from analysis.db import connect
from analysis.report import figures
from analysis.report import model as report_model
from analysis.report import pdf as pdf_renderer
from tests.test_exports import require_browser
from tests.test_report import build_report_fixture
from vocab.periods import calendar_year

PROTOCOL_2023 = """# Protokoll Fachgruppe Handwerk

Datum: 15.05.2023

Teilnehmende:

Dr. Anna Becker	HWK Musterstadt
Jonas Weber	itb

## Verschiedenes

Aufgaben:

- Jonas Weber sammelt Ideen für das Jahresprogramm
- Dr. Anna Becker schickt bis zum 30.06.2023 die Liste der Innungen
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("druck")
    built = build_report_fixture(tmp)
    source = tmp / "quelle"
    (source / "protokolle" / "2023-05-15_fachgruppe-handwerk.md").write_text(PROTOCOL_2023, encoding="utf-8")
    from etl.build.pipeline import build

    assert build(source, built).status == "ok"
    return built


@pytest.fixture(scope="module")
def printed(db, tmp_path_factory) -> tuple[report.Report, Path]:
    """The 2024 report with charts as PDF (needs Chromium for the charts)."""
    require_browser()
    conn = connect(db)
    try:
        model = report.build_report(conn, "fachgruppe-handwerk", 2024, charts=True)
    finally:
        conn.close()
    out = tmp_path_factory.mktemp("pdf") / "bericht.pdf"
    out.write_bytes(report.render(model, "pdf"))
    return model, out


# --- labels and splitting ------------------------------------------------------------------------

def test_long_names_wrap_at_word_boundaries_and_are_never_cut_to_letters():
    assert wrap_label("Institut für Technik der Betriebsführung") == "Institut für Technik der<br>Betriebsführung"
    assert wrap_label("itb") == "itb"
    assert wrap_label("Landesinnungsverband des Kfz-Gewerbes Niedersachsen und Bremen e. V.") == \
        "Landesinnungsverband des<br>Kfz-Gewerbes Niedersachsen …"


def test_a_large_heatmap_is_split_into_even_parts_of_at_most_12_organisations_and_24_meetings():
    cells = pd.DataFrame([{"org_id": f"o{o:02d}", "meeting_id": f"m{m:02d}", "date": f"2024-01-{m + 1:02d}"}
                          for o in range(30) for m in range(30)])
    parts = list(figures.heatmap_parts(cells))
    # 30 organisations: 10 + 10 + 10 (not 12 + 12 + 6); 30 meetings: 15 + 15 (not 24 + 6)
    assert [(p["org_id"].nunique(), p["meeting_id"].nunique()) for p in parts] == [(10, 15)] * 6
    assert list(dict.fromkeys(parts[1]["org_id"]))[:2] == ["o10", "o11"]  # display order kept
    assert sorted(parts[3]["meeting_id"].unique()) == [f"m{m}" for m in range(15, 30)]


# --- figures for print --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def print_figures(db):
    conn = connect(db)
    period = calendar_year(2024)
    try:
        turnout = participation.participants_per_meeting(conn, period, "fachgruppe-handwerk")
        cells = participation.attendance_matrix(conn, period, "fachgruppe-handwerk")
        rates = participation.org_rates(conn, period, "fachgruppe-handwerk")
        view = network.network_view(conn, period, "both", "fachgruppe-handwerk")
        phases = projects.lifecycle(conn, period, "fachgruppe-handwerk", "2024-12-31")
        markers = projects.presentations(conn, period, "fachgruppe-handwerk")
    finally:
        conn.close()
    return {
        "teilnehmende": figures.for_print(participation_charts.participants_over_time(turnout), 95),
        "anwesenheit": figures.for_print(report_model._print_heatmap(cells), figures.heatmap_height_mm(4)),
        "quote": figures.for_print(participation_charts.org_rates(rates, full_names=True), 60),
        "netz": figures.for_print(report_model._print_network(view, {}), report_model.NETWORK_MM, legend_below=False),
        "projekte": figures.for_print(project_charts.gantt(phases, markers, period), 60),
    }


def test_every_print_figure_is_laid_out_at_a4_text_width_with_text_of_at_least_8_pt(print_figures):
    for name, fig in print_figures.items():
        assert fig.layout.width == figures.css_px(160) == 605, name
        assert min(figures.font_sizes_pt(fig)) >= 8.0, name


def test_print_figures_name_organisations_in_full(print_figures):
    # Full names over two lines; one too long for two lines becomes its short name, not a stub.
    assert list(print_figures["anwesenheit"].data[0].y) == [
        "Handwerkskammer Musterstadt", "Institut für Technik der<br>Betriebsführung",
        "Projektgesellschaft Handwerk", "&lt;img src=x<br>onerror=alert(1)&gt;", "BAuA",
        "Innung Sanitär Heizung Klima<br>Nordstadt", "Stiftung Mittelstand"]
    assert list(print_figures["anwesenheit"].data[0].x) == [
        "08.02.2024", "14.03.2024", "20.06.2024", "12.09.2024", "10.10.2024"]
    assert sorted(print_figures["quote"].data[0].y) == sorted(print_figures["anwesenheit"].data[0].y)


def test_the_printed_network_names_every_organisation_apart_and_has_a_colour_legend(print_figures):
    fig = print_figures["netz"]
    labelled = [(t.strip(), x, y, trace.textposition) for trace in fig.data if trace.mode == "text"
                for t, x, y in zip(trace.text, trace.x, trace.y, strict=True) if t]
    # Every linked organisation is named at 9 pt (spread layout: names beside their dots, outward) ...
    assert sorted(t for t, *_ in labelled) == [
        "&lt;img src=x onerror=alert(1)&gt;", "BAuA", "HWK Musterstadt", "PSG", "Stiftung MGV", "itb"]
    [dots] = [t for t in fig.data if t.mode == "markers" and t.x and t.x[0] is not None]
    assert len(dots.x) == len(labelled)  # as many names as dots
    # ... on two sides, one name per row: no two names on a side are closer than a line of text.
    for side in ("middle right", "middle left"):
        ys = sorted(y for *_, y, position in labelled if position == side)
        assert all(b - a >= 1.3 * figures.BASE_PX for a, b in zip(ys, ys[1:], strict=False)), side
    legend = [t.name for t in fig.data if t.showlegend is not False and t.name and t.mode == "markers"]
    assert legend and fig.layout.showlegend


# --- open tasks ----------------------------------------------------------------------------------

def test_open_tasks_are_those_of_the_year_plus_the_still_overdue(db):
    conn = connect(db)
    try:
        todo = report_model.report_tasks(conn, "fachgruppe-handwerk", 2024)
        model = report.build_report(conn, "fachgruppe-handwerk", 2024, charts=False)
    finally:
        conn.close()
    assert todo[["date", "text", "due", "overdue"]].to_dict("records") == [
        {"date": "2023-05-15", "text": "Dr. Anna Becker schickt die Liste der Innungen", "due": "2023-06-30",
         "overdue": True},
        {"date": "2024-03-14", "text": "Einladung verschicken", "due": "2024-04-01", "overdue": True},
        {"date": "2024-10-10", "text": "Fotos an Herrn Weber schicken", "due": "2024-11-15", "overdue": True},
        {"date": "2024-10-10", "text": "Bericht mit Frau Vogt abstimmen", "due": "2024-11-30", "overdue": True},
        {"date": "2024-03-14", "text": "Tagungsbericht erstellen", "due": "2025-02-28", "overdue": False}]
    part = next(s for s in model.sections if s.title == "Offene Aufgaben")
    assert part.blocks[0].text == ("5 offene Aufgaben zum 31.12.2024, davon 4 überfällig (1 aus früheren Jahren, "
                                   "noch überfällig) (Protokolle vermerken selten, wann eine Aufgabe erledigt "
                                   "wurde).")


# --- DOCX --------------------------------------------------------------------------------------------

def test_docx_is_a4_german_with_page_numbers_in_the_footer(db):
    conn = connect(db)
    try:
        model = report.build_report(conn, "fachgruppe-handwerk", 2024, charts=False)
    finally:
        conn.close()
    with zipfile.ZipFile(io.BytesIO(report.render(model, "docx"))) as archive:
        document = archive.read("word/document.xml").decode()
        styles = archive.read("word/styles.xml").decode()
        footer = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer"))
    assert re.search(r'<w:pgSz w:w="11906" w:h="16838"', document)  # A4 in twentieths of a point
    docdefaults = styles[styles.index("<w:docDefaults>"):styles.index("</w:docDefaults>")]
    assert '<w:lang w:val="de-DE"' in docdefaults
    assert "Jahresbericht 2024 – Fachgruppe Handwerk · Seite " in footer
    assert re.findall(r"<w:instrText[^>]*> (\w+) </w:instrText>", footer) == ["PAGE", "NUMPAGES"]
    assert '<w:tblHeader w:val="true"/>' in document


# --- PDF as the reader sees it --------------------------------------------------------------------

def test_pdf_text_is_at_least_8_pt_and_charts_print_at_300_dpi(printed):
    _, out = printed
    with pdfplumber.open(out) as document:
        sizes = [round(c["size"], 1) for page in document.pages for c in page.chars]
        images = [(img["srcsize"][0], img["x1"] - img["x0"]) for page in document.pages for img in page.images]
    assert min(sizes) >= 8.0
    assert len(images) == 5
    dpis = [round(px / (pt / 72)) for px, pt in images]
    assert all(dpi >= 295 for dpi in dpis), dpis


def test_pdf_title_is_not_justified_and_table_headers_keep_their_words(printed):
    model, out = printed
    with pdfplumber.open(out) as document:
        first = document.pages[0]
        title = [w for w in first.extract_words(extra_attrs=["size"]) if w["size"] == 20]
        words = {w["text"] for page in document.pages for w in page.extract_words()}
    gaps = [b["x0"] - a["x1"] for a, b in zip(title, title[1:], strict=False) if abs(a["top"] - b["top"]) < 1]
    assert gaps and max(gaps) < 8  # a plain space at 20 pt is about 6 pt; justified lines stretch it
    headers = {word for part in model.sections for block in part.blocks
               if isinstance(block, report_model.Table) for title in block.columns for word in title.split()}
    assert headers - words == set()  # every header word printed whole, none broken over two lines


def test_pdf_no_heading_ends_a_page(printed):
    model, out = printed
    headings = {part.title for part in model.sections}
    with pdfplumber.open(out) as document:
        for page in document.pages:
            lines = [line["text"] for line in page.extract_text_lines() if "Seite" not in line["text"]]
            assert lines and lines[-1] not in headings, (page.page_number, lines[-1])


def test_pdf_pages_render_as_images_with_readable_charts(printed, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) fehlt")
    _, out = printed
    subprocess.run(["pdftoppm", "-r", "100", "-png", str(out), str(tmp_path / "seite")], check=True)
    pages = sorted(tmp_path.glob("seite-*.png"))
    with pdfplumber.open(out) as document:
        assert len(pages) == len(document.pages)
    for path in pages:
        with Image.open(path) as image:
            assert image.size == (827, 1170)  # A4 at 100 dpi
            assert image.convert("L").getextrema()[0] < 100  # something dark is drawn on every page


def test_pdf_column_widths_fit_the_longest_word(db):
    conn = connect(db)
    try:
        model = report.build_report(conn, "fachgruppe-handwerk", 2024, charts=False)
    finally:
        conn.close()
    document = pdf_renderer._Document("x", True)
    document.add_page()
    meetings = next(b for b in model.sections[1].blocks if isinstance(b, report_model.Table))
    widths = pdf_renderer.column_widths(document, meetings)
    assert round(sum(widths), 1) == round(document.epw, 1)
    document.set_font(document.base_font, "B", pdf_renderer.TABLE_PT)
    for width, title in zip(widths, meetings.columns, strict=True):
        assert width >= max(document.get_string_width(word) for word in title.split()) + 2


def _page_flow(path: Path, headings: list[str]) -> list[tuple[list[str], int]]:
    """Per page: the section headings it starts, and how many pictures it holds."""
    with pdfplumber.open(path) as document:
        return [([line["text"] for line in page.extract_text_lines() if line["text"] in headings], len(page.images))
                for page in document.pages]


def test_pdf_page_flow_leaves_no_page_with_one_small_item(printed):
    model, path = printed
    headings = [s.title for s in model.sections]
    # A section that fits on a page is never split (Regelcheck starts a page instead of leaving its last
    # clause alone on the next), and the heatmap shares its page with the chart before it.
    assert _page_flow(path, headings) == PAGE_FLOW


PAGE_FLOW = [(["Die Gruppe"], 0), (["Sitzungen 2024"], 2), (["Partner: aktiv, neu, nachlassend, inaktiv"], 1),
             (["Partnernetz"], 1), (["Vorgestellte Projekte", "Beschlüsse", "Offene Aufgaben"], 1),
             (["Regelcheck (Grundprinzipien §6)"], 0)]
