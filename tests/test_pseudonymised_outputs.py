"""Namen ausblenden end to end: with the switch on, no name of the `people` table is in any output.

Searched are the bytes of every export format – CSV, XLSX (unzipped XML), chart HTML, network HTML,
DOCX and PPTX (unzipped), PDF (text via pypdf and raw bytes), Markdown – and what the pages show.
A name counts as found in any spelling a format may use: UTF-8, HTML/XML character references, JSON
escapes. Each check also runs once with the switch off and must then find names, so it cannot pass
by looking in the wrong place. Fixture: see tests/test_report.py (a protocol naming people everywhere).
"""

from __future__ import annotations

import html
import io
import json
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import plotly.io as pio
import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from analysis import cli, downloads, network
from analysis.db import connect
from tests.conftest import ROOT, rows
from tests.test_report import build_report_fixture
from ui.network_chart import chart_args
from vocab.periods import calendar_year

APP = str(ROOT / "app.py")
MEETING = "fachgruppe-handwerk-2024-10-10"  # the protocol that names people in every field


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_report_fixture(tmp_path_factory.mktemp("pseudonym"))


@pytest.fixture(scope="module")
def names(db) -> list[str]:
    """Every person's name, and the "Frau/Herr Surname" forms the protocol uses."""
    people = [r[0] for r in rows(db, "SELECT name FROM people")]
    assert {"Anna Becker", "Jonas Weber", "Petra Sommer", "Karin Vogt"} <= set(people)
    surnames = {name.split()[-1] for name in people}
    return people + [f"{salutation} {s}" for s in surnames for salutation in ("Frau", "Herr", "Herrn")]


def spellings(name: str) -> set[bytes]:
    xml_refs = "".join(c if ord(c) < 128 else f"&#{ord(c)};" for c in name)
    return {name.encode(), html.escape(name).encode(), xml_refs.encode(), json.dumps(name)[1:-1].encode()}


def found(data: bytes, names: list[str]) -> list[str]:
    return [name for name in names if any(form in data for form in spellings(name))]


def unzipped(data: bytes) -> bytes:
    """Every part of an Office file, raw and (for XML) as its text, so split runs are joined too."""
    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.namelist():
            raw = archive.read(member)
            parts.append(raw)
            if member.endswith(".xml"):
                parts.append("".join(ElementTree.fromstring(raw).itertext()).encode())
    return b"\n".join(parts)


# --- pages: everything shown and every table's CSV/XLSX/chart HTML ------------------------------------------


def app(monkeypatch, db: Path, page: str, hidden: bool) -> AppTest:
    monkeypatch.setenv("NETZWERKRADAR_DB", str(db))
    monkeypatch.setenv("NETZWERKRADAR_AS_OF", "2024-12-31")
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.toggle(key="hide_names").set_value(hidden).run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown(at: AppTest) -> bytes:
    """All text on the page, every table as CSV and XLSX, and every chart as its HTML export."""
    texts = [e.value for kind in ("title", "subheader", "markdown", "caption", "info", "warning", "success", "error")
             for e in getattr(at, kind)]
    texts += [f"{m.label} {m.value}" for m in at.metric]
    texts += [str(o) for box in at.selectbox for o in box.options]
    data = ["\n".join(str(t) for t in texts).encode()]
    for frame in at.dataframe:
        table = frame.value
        data += [table.to_csv().encode(), downloads.table_csv(table), unzipped(downloads.table_xlsx(table))]
    for chart in at.get("plotly_chart"):
        data.append(downloads.figure_html(pio.from_json(chart.proto.spec)))
    for component in at.get("component_instance"):  # the Partnernetz chart: every figure it is given
        for figure in chart_args(component)["figures"].values():
            data.append(downloads.figure_html(pio.from_json(figure)))
    return b"\n".join(data)


def meetings_page(monkeypatch, db: Path, hidden: bool) -> AppTest:
    at = app(monkeypatch, db, "pages/sitzungen.py", hidden)
    at.selectbox(key="meeting_select").select(MEETING).run()
    at.text_input(key="search_text").input("Weber").run()  # hits whose snippet may start at the surname
    assert not at.exception, [e.value for e in at.exception]
    return at


def in_url(at: AppTest) -> bytes:
    """The page's query parameters as the address bar shows them (names and values)."""
    return "&".join(f"{k}={at.query_params[k]}" for k in at.query_params).encode()


def slugs(db: Path) -> list[str]:
    """Every person id: a slug of the name (petra-sommer), which must not reach a URL either."""
    return [r[0] for r in rows(db, "SELECT id FROM people")]


@pytest.mark.parametrize("page", ["pages/sitzungen.py", "pages/beteiligung.py", "pages/uebersicht.py",
                                  "pages/projekte.py", "pages/regelcheck.py", "pages/daten.py",
                                  "pages/inaktive-partner.py", "pages/partnernetz.py", "pages/profil.py",
                                  "pages/praesentation.py"])
def test_pages_show_no_name_when_names_are_hidden(monkeypatch, db, names, page):
    at = meetings_page(monkeypatch, db, True) if page == "pages/sitzungen.py" else app(monkeypatch, db, page, True)
    if page in ("pages/beteiligung.py", "pages/inaktive-partner.py"):
        at.selectbox(key="filter_group").select("fachgruppe-handwerk").run()
    if page == "pages/partnernetz.py":
        at.session_state["network_path_open"] = True  # „Wer verbindet A und B?“ lists its choices only while open
        at.run()
        assert at.selectbox(key="network_path_from").options, "the choices of „Wer verbindet“ are searched too"
        assert at.get("component_instance"), "the network chart's figures are among what is searched"
    assert found(shown(at) + in_url(at), names) == []
    assert at.query_params["namen"] == "aus"


@pytest.mark.parametrize("kind", ["person", "organisation"])
def test_a_picked_profile_shows_no_name_in_page_or_url(monkeypatch, db, names, kind):
    at = app(monkeypatch, db, "pages/profil.py", True)
    at.radio(key="profile_kind").set_value(kind).run()
    pick = "petra-sommer" if kind == "person" else "projektgesellschaft-handwerk"
    at.selectbox(key="profile_pick").set_value(pick).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.main.header[0].value.startswith("Person: Person " if kind == "person" else "Organisation: ")
    assert found(shown(at) + in_url(at), names + slugs(db)) == []


def test_the_switch_in_the_sidebar_hides_the_names_the_page_showed(monkeypatch, db, names):
    at = meetings_page(monkeypatch, db, False)
    visible = found(shown(at), names)
    assert {"Anna Becker", "Petra Sommer", "Jonas Weber", "Frau Sommer", "Herrn Weber"} <= set(visible)
    at.toggle(key="hide_names").set_value(True).run()
    assert not at.exception
    assert found(shown(at), names) == []
    participants = at.dataframe[next(i for i, d in enumerate(at.dataframe) if "Name" in d.value.columns)].value
    assert all(str(n).startswith("Person ") for n in participants["Name"])


# --- files -------------------------------------------------------------------------------------------------
def test_network_html_has_organisations_only(db, names):
    conn = connect(db)
    try:
        view = network.network_view(conn, calendar_year(2024), "both", None)
    finally:
        conn.close()
    page = downloads.network_page(view)
    assert b"Handwerkskammer Musterstadt" in page
    assert found(page, names) == []


def report_file(db: Path, tmp_path: Path, fmt: str, hidden: bool, capsys) -> Path:
    out = tmp_path / ("pseudonym" if hidden else "klar") / f"bericht.{fmt}"
    argv = ["report", "--db", str(db), "--group", "Fachgruppe Handwerk", "--year", "2024", "--out", str(out),
            "--no-charts"] + (["--pseudonymise"] if hidden else [])
    assert cli.main(argv) == 0
    capsys.readouterr()
    return out


def report_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix in (".docx", ".pptx"):
        return unzipped(data)
    if path.suffix == ".pdf":
        return data + "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).encode()
    return data


@pytest.mark.parametrize("fmt", ["docx", "pptx", "pdf", "md"])
def test_reports_contain_no_name_when_pseudonymised(db, tmp_path, capsys, names, fmt):
    plain = report_bytes(report_file(db, tmp_path, fmt, False, capsys))
    assert {"Anna Becker", "Jonas Weber", "Frau Sommer"} <= set(found(plain, names))
    hidden = report_bytes(report_file(db, tmp_path, fmt, True, capsys))
    assert found(hidden, names) == []
    assert b"Person " in hidden


def test_report_charts_and_page_charts_carry_no_names(db, names):
    """The report's charts come from the same pseudonymised frames; their HTML is checked here."""
    from analysis.charts import projects as project_charts
    from analysis.projects import lifecycle, presentations
    from analysis.pseudonymise import pseudonyms

    conn = connect(db)
    try:
        period = calendar_year(2024)
        markers = pseudonyms(conn).frame(presentations(conn, period, "fachgruppe-handwerk"),
                                         texts=["note", "meeting_title"])
        fig = project_charts.gantt(lifecycle(conn, period, "fachgruppe-handwerk", "2024-12-31"), markers, period)
    finally:
        conn.close()
    assert found(downloads.figure_html(fig), names) == []
