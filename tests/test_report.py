"""Jahresbericht: `python -m analysis report` on fixture data with known meetings, read back from each format.

Fixture: `tests/fixtures/projekte` (with its protocols) plus `tests/fixtures/jahresbericht` (a protocol of
10.10.2024 that names people everywhere). Fachgruppe Handwerk in 2024, worked out from the files:
- members: HWK Musterstadt (lead), itb, PSG, SHK-Innung Nordstadt (never attended -> inaktiv);
- meetings (people present / organisations present / people excused): 08.02.2024 Auftakt 2024 4/3/0,
  14.03.2024 (protocol) 3/3/1, 20.06.2024 Sommersitzung 2/2/1, 12.09.2024 Herbstsitzung 4/4/0,
  10.10.2024 (protocol) 3/3/1;
- projects: Fachkräftezentren Handwerk presented 14.03. and 12.09., Gesund im Handwerk mentioned 14.03.;
- decisions: "Die Jahrestagung findet am 12.09.2024 …" (14.03.) and one naming Frau Sommer (10.10.);
- rules at 31.12.2024: 6.3 prüfen (exactly three organisations), 6.4 nicht erfüllt, 6.6 erfüllt.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
import pptx
import pytest
from pypdf import PdfReader

from analysis import cli, report
from analysis.db import connect
from analysis.report import markdown, pdf
from etl.build.pipeline import build
from tests.conftest import FIXTURES
from tests.test_exports import require_browser

GROUP, YEAR = "Fachgruppe Handwerk", 2024
MEETINGS = [("08.02.2024", "Auftakt 2024", "4", "3", "0"),
            ("14.03.2024", "Protokoll Fachgruppe Handwerk", "3", "3", "1"),
            ("20.06.2024", "Sommersitzung", "2", "2", "1"),
            ("12.09.2024", "Herbstsitzung", "4", "4", "0"),
            ("10.10.2024", "Protokoll Fachgruppe Handwerk", "3", "3", "1")]
RULES = [("6.3", "Mindestens drei aktive Partner", "prüfen",
          "3 Organisationen seit 01.01.2024 anwesend: HWK Musterstadt (5×), itb (5×), PSG (4×)."),
         ("6.4", "Jährlicher Bericht an die AG Transfer", "nicht erfüllt",
          "Kein Bericht an die AG Transfer seit 01.01.2024."),
         ("6.6", "Aktiv: Sitzungen in den letzten zwölf Monaten", "erfüllt",
          "5 Sitzungen seit 01.01.2024: 08.02.2024, 14.03.2024, 20.06.2024, 12.09.2024, 10.10.2024.")]


def build_report_fixture(tmp: Path) -> Path:
    """The projekte fixture with its protocols plus the name-rich protocol of 10.10.2024, built by the real ETL."""
    source = tmp / "quelle"
    shutil.copytree(FIXTURES / "projekte", source)
    for protocol in (FIXTURES / "jahresbericht").glob("*.md"):
        if protocol.name != "README.md":
            shutil.copy(protocol, source / "protokolle" / protocol.name)
    db = tmp / "netz.db"
    assert build(source, db).status == "ok"
    return db


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_report_fixture(tmp_path_factory.mktemp("bericht"))


@pytest.fixture(scope="module")
def model(db):
    conn = connect(db)
    try:
        return report.build_report(conn, "fachgruppe-handwerk", YEAR, charts=False)
    finally:
        conn.close()


def section(model, title: str):
    return next(s for s in model.sections if s.title.startswith(title))


def table(part, first_column: str):
    return next(b for b in part.blocks if isinstance(b, report.model.Table) and b.columns[0] == first_column)


def test_model_has_every_part_of_the_report_in_order(model):
    assert [s.title for s in model.sections] == [
        "Die Gruppe", "Sitzungen 2024", "Partner: aktiv, neu, nachlassend, inaktiv", "Partnernetz",
        "Vorgestellte Projekte", "Beschlüsse", "Offene Aufgaben", "Regelcheck (Grundprinzipien §6)"]
    assert model.title == "Jahresbericht 2024" and model.group == GROUP and not model.pseudonymised
    assert table(section(model, "Sitzungen"), "Datum").rows == tuple(MEETINGS)
    rules_table = table(section(model, "Regelcheck"), "§")
    assert rules_table.rows == tuple(RULES)
    assert rules_table.lights == ("yellow", "red", "green")


def test_model_lists_lead_partners_statuses_projects_decisions_and_open_tasks(model):
    group = section(model, "Die Gruppe")
    assert "Leitung: Handwerkskammer Musterstadt." in [b.text for b in group.blocks if hasattr(b, "text")]
    assert [r[:2] for r in table(group, "Organisation").rows] == [
        ("Handwerkskammer Musterstadt", "Leitung"), ("Innung Sanitär Heizung Klima Nordstadt", "Mitglied"),
        ("Institut für Technik der Betriebsführung", "Mitglied"), ("Projektgesellschaft Handwerk", "Mitglied")]
    partners = section(model, "Partner")
    assert partners.blocks[0].text == "Stand 31.12.2024: 3 aktiv, 0 neu, 0 nachlassend, 1 inaktiv."
    assert {r[0]: r[1] for r in table(partners, "Organisation").rows}["Innung Sanitär Heizung Klima Nordstadt"] \
        == "inaktiv"
    assert table(section(model, "Vorgestellte Projekte"), "Datum").rows == (
        ("14.03.2024", "Fachkräftezentren Handwerk", "Vorstellung", "laut Protokoll"),
        ("14.03.2024", "Gesund im Handwerk", "Erwähnung", "–"),
        ("12.09.2024", "Fachkräftezentren Handwerk", "Vorstellung", "Zwischenstand"))
    assert table(section(model, "Beschlüsse"), "Datum").rows == (
        ("14.03.2024", "Die Jahrestagung findet am 12.09.2024 in Musterstadt statt."),
        ("10.10.2024", "Frau Sommer und Dr. Anna Becker stellen den Bericht in der AG Transfer vor."))
    assert table(section(model, "Offene Aufgaben"), "Sitzung").rows == (
        ("14.03.2024", "Einladung verschicken", "Anna Becker", "01.04.2024", "überfällig"),
        ("10.10.2024", "Fotos an Herrn Weber schicken", "Petra Sommer", "15.11.2024", "überfällig"),
        ("10.10.2024", "Bericht mit Frau Vogt abstimmen", "Jonas Weber", "30.11.2024", "überfällig"),
        ("14.03.2024", "Tagungsbericht erstellen", "Jonas Weber", "28.02.2025", "offen"))


def test_a_year_without_meetings_says_so(db):
    conn = connect(db)
    try:
        empty = report.build_report(conn, "fachgruppe-handwerk", 2023, charts=False)
    finally:
        conn.close()
    assert section(empty, "Sitzungen").blocks[0].text == "Im Jahr 2023 hat die Gruppe nicht getagt."
    assert section(empty, "Beschlüsse").blocks[0].text == "Keine Beschlüsse in den Protokollen 2023."


# --- reading the files back ----------------------------------------------------------------------
def docx_text(path: Path) -> tuple[str, list[list[str]]]:
    document = docx.Document(str(path))
    rows = [[cell.text for cell in row.cells] for grid in document.tables for row in grid.rows]
    return "\n".join(p.text for p in document.paragraphs), rows


def pptx_text(path: Path) -> tuple[str, list[list[str]]]:
    deck = pptx.Presentation(str(path))
    texts, rows = [], []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_table:
                rows += [[cell.text for cell in row.cells] for row in shape.table.rows]
            elif shape.has_text_frame:
                texts.append(shape.text_frame.text)
    return "\n".join(texts), rows


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def run_cli(capsys, db: Path, out: Path, *extra: str) -> str:
    code = cli.main(["report", "--db", str(db), "--group", "FG Handwerk", "--year", str(YEAR), "--out", str(out),
                     *extra])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


def test_docx_report(db, tmp_path, capsys):
    out = tmp_path / "bericht.docx"
    assert str(out) in run_cli(capsys, db, out, "--no-charts")
    text, rows = docx_text(out)
    assert "Jahresbericht 2024 – Fachgruppe Handwerk" in text
    assert "Leitung: Handwerkskammer Musterstadt." in text
    for meeting in MEETINGS:
        assert list(meeting) in rows
    for rule in RULES:
        assert list(rule) in rows
    assert ["10.10.2024", "Bericht mit Frau Vogt abstimmen", "Jonas Weber", "30.11.2024", "überfällig"] in rows


def test_pptx_report_is_an_editable_deck(db, tmp_path, capsys):
    out = tmp_path / "bericht.pptx"
    run_cli(capsys, db, out, "--no-charts")
    deck = pptx.Presentation(str(out))
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    assert titles[0] == "Jahresbericht 2024 – Fachgruppe Handwerk"
    assert {"Die Gruppe", "Sitzungen 2024", "Regelcheck (Grundprinzipien §6)", "Offene Aufgaben"} <= set(titles)
    text, rows = pptx_text(out)
    assert ["Datum", "Sitzung", "Personen anwesend", "Organisationen anwesend", "Personen entschuldigt"] in rows
    for meeting in MEETINGS:
        assert list(meeting) in rows
    for rule in RULES:
        assert list(rule) in rows
    assert "Stand 31.12.2024: 3 aktiv, 0 neu, 0 nachlassend, 1 inaktiv." in text


def test_pdf_report(db, tmp_path, capsys):
    out = tmp_path / "bericht.pdf"
    run_cli(capsys, db, out, "--no-charts")
    text = " ".join(pdf_text(out).split())
    assert "Jahresbericht 2024 – Fachgruppe Handwerk" in text
    for date, title, people, orgs, excused in MEETINGS:
        assert f"{date} {title} {people} {orgs} {excused}" in text
    for number, title, light, _ in RULES:
        assert f"{number} {title} {light}" in text
    assert "Kein Bericht an die AG Transfer seit 01.01.2024." in text
    assert "Seite 1/" in text


def test_pdf_without_the_unicode_font_falls_back_to_latin1(model):
    text = " ".join(PdfReader(io.BytesIO(pdf.render(model, unicode_font=False))).pages[0].extract_text().split())
    assert "Jahresbericht 2024 - Fachgruppe Handwerk" in text and "Betriebsführung" in text


def test_markdown_report(db, tmp_path, capsys):
    out = tmp_path / "bericht.md"
    run_cli(capsys, db, out, "--no-charts")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Jahresbericht 2024 – Fachgruppe Handwerk\n")
    for meeting in MEETINGS:
        assert "| " + " | ".join(meeting) + " |" in text
    assert "| 6.4 | Jährlicher Bericht an die AG Transfer | nicht erfüllt | Kein Bericht an die AG Transfer seit " \
           "01.01.2024. |" in text
    assert not (tmp_path / "bericht_abbildungen").exists()


def test_charts_are_embedded_in_every_format(db, tmp_path, capsys):
    require_browser()
    conn = connect(db)
    try:
        model = report.build_report(conn, "fachgruppe-handwerk", YEAR, charts=True)
    finally:
        conn.close()
    names = [c.name for c in model.charts]
    assert names == ["01-teilnehmende", "02-anwesenheit", "03-beteiligungsquote", "04-partnernetz", "05-projekte"]
    assert all(c.png.startswith(b"\x89PNG") for c in model.charts)
    with zipfile.ZipFile(io.BytesIO(report.render(model, "docx"))) as archive:
        assert len([n for n in archive.namelist() if n.startswith("word/media/")]) == len(names)
    deck = pptx.Presentation(io.BytesIO(report.render(model, "pptx")))
    assert sum(1 for s in deck.slides for shape in s.shapes if shape.shape_type == 13) == len(names)  # pictures
    assert sum(len(page.images) for page in PdfReader(io.BytesIO(report.render(model, "pdf"))).pages) == len(names)
    written = report.write(model, tmp_path / "bericht.md")
    assert [p.name for p in written[1:]] == [f"{n}.png" for n in names]
    assert "![Partnernetz](bericht_abbildungen/04-partnernetz.png)" in written[0].read_text(encoding="utf-8")
    with zipfile.ZipFile(io.BytesIO(markdown.zip_bytes(model))) as archive:
        assert sorted(archive.namelist()) == sorted(["jahresbericht.md"] + [f"jahresbericht_abbildungen/{n}.png"
                                                                           for n in names])


@pytest.mark.parametrize(("argv", "message"), [
    (["--group", "Unbekannt", "--year", "2024", "--out", "x.docx"], "Gruppe „Unbekannt“ nicht gefunden"),
    (["--group", "FG Handwerk", "--year", "2024", "--out", "x.odt"], "Unbekanntes Format „.odt“"),
])
def test_cli_errors_are_german(db, tmp_path, capsys, argv, message):
    argv = [a if a not in ("x.docx", "x.odt") else str(tmp_path / a) for a in argv]
    assert cli.main(["report", "--db", str(db), *argv]) == 2
    assert message in capsys.readouterr().err


def test_without_a_browser_the_report_says_why_the_charts_are_missing(db, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "kein-browser"))
    out = tmp_path / "bericht.docx"
    assert cli.main(["report", "--db", str(db), "--group", "FG Handwerk", "--year", "2024", "--out", str(out)]) == 0
    assert "Debian-Paket `chromium`" in capsys.readouterr().err
    text, _ = docx_text(out)
    assert "Diagramme fehlen: Für PNG-Bilder wird ein Chromium-Browser benötigt" in text
