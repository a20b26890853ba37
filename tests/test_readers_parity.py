"""The same protocol saved in another format gives the same facts: a Word protocol (built here with
python-docx) converted by LibreOffice to RTF, OpenDocument and HTML reads into the same participants,
statuses and tasks as the .docx itself. A difference is a reader gap (a name or date broken by the HTML
source's line wrapping, a name struck with tracked changes counted, the date only in the page header,
headings and list bullets lost), never a parser rule. All names fictional."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from etl.build.preview import parse_one

FORMATS = ("rtf", "odt", "htm:HTML (StarWriter)")

# Three LibreOffice starts, about 8 s on the shared machine: slow.
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) fehlt: keine Konvertierung")


def _word_protocol(path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_heading("Protokoll Koordinierungsteam", level=1)
    doc.sections[0].header.paragraphs[0].text = "Koordinierungsteam | Protokoll der Sitzung vom 12.03.2025"
    doc.add_paragraph("Videokonferenz (MS Teams), 10:00–12:00 Uhr")
    doc.add_heading("Teilnehmende", level=2)
    table = doc.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Name", "Organisation", "Status"), strict=True):
        cell.text = text
    for row in (("Dr. Wiebke Osterkamp-Lindqvist", "Bundesanstalt für Arbeitsschutz und Arbeitsmedizin",
                 "anwesend"),
                ("Torben Achterberg", "Zentralverband des Deutschen Handwerks", "anwesend"),
                ("Friederike Sandhagen", "Deutsche Industrie- und Handelskammer", "entschuldigt")):
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    _tracked_deletion(table.rows[3].cells[0].paragraphs[0], "Gesine Brakelmann")
    doc.add_heading("1. Jahresplanung", level=2)
    doc.add_paragraph("Das Koordinierungsteam bespricht den Entwurf der Jahresplanung für das kommende Jahr "
                      "ausführlich und mit vielen Anmerkungen aus den Fachgruppen und Regionalnetzwerken.")
    doc.add_paragraph("Herr Achterberg verschickt die Terminabfrage bis 28.03.2025.")
    doc.add_heading("Aufgaben", level=2)
    doc.add_paragraph("Entwurf der Jahresplanung an die Fachgruppen senden – Osterkamp-Lindqvist, bis 04.04.2025",
                      style="List Bullet")
    doc.add_paragraph("Raum für die Herbstsitzung buchen – Achterberg, bis 30.04.2025", style="List Bullet")
    doc.save(str(path))


def _tracked_deletion(paragraph: Any, text: str) -> None:
    """A name struck with tracked changes before the cell's own text: deleted text never counts."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    paragraph._p.insert(1, parse_xml(
        f'<w:del {nsdecls("w")} w:id="1" w:author="Büro" w:date="2025-03-13T09:00:00Z">'
        f'<w:r><w:delText>{text}</w:delText></w:r></w:del>'))


def _facts(path: Path, source: Path) -> dict[str, Any]:
    result, _ = parse_one(path, source)
    return {
        "date": result["date"],
        "participants": sorted((p["name"], p["organisation"], p["status"]) for p in result["participants"]),
        "tasks": sorted((t["owner"] or "", t["due"] or "") for t in result["action_items"]),
    }


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("parity")
    original = folder / "protokoll.docx"
    _word_protocol(original)
    files = {"docx": original}
    for target in FORMATS:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/lo-profile", "--headless",
                        "--convert-to", target, "--outdir", str(folder / "out"), str(original)],
                       check=True, capture_output=True, timeout=120)
        suffix = target.split(":")[0]
        files[suffix] = folder / "out" / f"protokoll.{suffix}"
    return files


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("quelle")
    (folder / "organisations.csv").write_text(
        "name,short_name,aliases\n"
        "Bundesanstalt für Arbeitsschutz und Arbeitsmedizin,BAuA,\n"
        "Zentralverband des Deutschen Handwerks,ZDH,\n"
        "Deutsche Industrie- und Handelskammer,DIHK,\n", encoding="utf-8")
    (folder / "groups.csv").write_text("name,kind\nKoordinierungsteam,gremium\n", encoding="utf-8")
    return folder


@needs_soffice
@pytest.mark.slow
def test_the_word_protocol_itself_gives_the_expected_facts(converted: dict[str, Path], source: Path) -> None:
    assert _facts(converted["docx"], source) == {
        "date": "2025-03-12",
        "participants": [("Friederike Sandhagen", "DIHK", "excused"),
                         ("Torben Achterberg", "ZDH", "present"),
                         ("Wiebke Osterkamp-Lindqvist", "BAuA", "present")],
        "tasks": [("Torben Achterberg", "2025-03-28"), ("Torben Achterberg", "2025-04-30"),
                  ("Wiebke Osterkamp-Lindqvist", "2025-04-04")],
    }


@needs_soffice
@pytest.mark.slow
@pytest.mark.parametrize("suffix", ["rtf", "odt"])
def test_the_same_protocol_in_another_format_gives_the_same_facts(
        converted: dict[str, Path], source: Path, suffix: str) -> None:
    assert _facts(converted[suffix], source) == _facts(converted["docx"], source)


@needs_soffice
@pytest.mark.slow
def test_the_protocol_saved_as_html_gives_the_same_facts_but_the_struck_cell(
        converted: dict[str, Path], source: Path) -> None:
    """LibreOffice's HTML export writes tracked deletions as plain text (no <del>, nothing left to read), so
    only the struck cell may differ; the source's wrapped lines must not break a name, a date or a task."""
    html, word = _facts(converted["htm"], source), _facts(converted["docx"], source)

    def unstruck(facts: dict[str, Any]) -> dict[str, Any]:
        return {**facts, "participants": [p for p in facts["participants"]
                                          if "Sandhagen" not in p[0] and "Brakelmann" not in p[0]]}

    assert unstruck(html) == unstruck(word)
    assert len(unstruck(html)["participants"]) == 2


HAND_WRITTEN_RTF = rb"""{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}{\f1 Symbol;}}
{\b\fs28 Protokoll Koordinierungsteam\par}
Sitzung am 12.03.2025, 10:00 - 12:00 Uhr, Videokonferenz\par
\pard\b Anwesend:\b0\par
\pard{\pntext\f1\'B7\tab}{\*\pn\pnlvlblt\pnf1\pnindent0{\pntxtb\'B7}}\fi-360\li720 Torben Achterberg (ZDH)\par
{\pntext\f1\'B7\tab}Wiebke Osterkamp-Lindqvist (BAuA)\par
\pard\b Aufgaben:\b0\par
\bullet\tab Raum f\'fcr die Herbstsitzung buchen \endash  Achterberg, bis 30.04.2025\par
}"""


def test_hand_written_rtf_list_markers_are_list_items() -> None:
    """Word 95's '{\\pntext \\'B7\\tab}' and a typed '\\bullet\\tab' mark list items, not two-column rows."""
    from etl.extract.readers.rtf import read_rtf

    items = [b.text for b in read_rtf(HAND_WRITTEN_RTF, "notiz.rtf").blocks if b.kind == "list_item"]
    assert items == ["Torben Achterberg (ZDH)", "Wiebke Osterkamp-Lindqvist (BAuA)",
                     "Raum für die Herbstsitzung buchen – Achterberg, bis 30.04.2025"]


def test_rtf_rows_without_their_own_trowd_keep_a_cell_with_several_lines() -> None:
    """WordPad-like writers start only the first row with \\trowd; a \\line inside a cell stays in that cell."""
    from etl.extract.readers.rtf import read_rtf

    data = (rb"{\rtf1\ansi\deff0 Teilnehmende\par"
            rb"\trowd\cellx3000\cellx6000\pard\intbl Name\cell Organisation\cell\row"
            rb"\pard\intbl Ole Brink\line Mara Lenz\cell BAuA\cell\row\pard\par}")
    tables = [b for b in read_rtf(data, "liste.rtf").blocks if b.kind == "table"]
    assert [t.rows for t in tables] == [(("Name", "Organisation"), ("Ole Brink\nMara Lenz", "BAuA"))]
