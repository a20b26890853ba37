"""Head facts and refusals as outsiders write them: a meeting date without a 'Datum:' label (in a second
heading, in a free line over an attendance table), informal notes in a calendar file, a name followed by its
organisation without a separator, a first name from a greeting.

Each case is one kind of writing, built here as the file an office would send (Word, PDF, text, .ics).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document as WordDocument

from etl.core.errors import ProtocolError
from etl.core.registry import Registry
from etl.parse.file import parse_file


def groups() -> Registry:
    registry = Registry("group")
    for name in ("Fachgruppe Handwerk", "AG Transfer", "Regionales Netzwerk Nordheide"):
        registry.add(name)
    return registry


def parse(path: Path) -> dict[str, Any]:
    return dict(parse_file(path, path.name, groups=groups()))


def people(parsed: dict[str, Any]) -> list[tuple[str, str | None, str]]:
    return [(p["name"], p["organisation_raw"], p["status"]) for p in parsed["participants"]]


# --- 1. the meeting's date without a label ------------------------------------------------------------


def test_date_in_a_second_heading_under_the_groups_name(tmp_path: Path) -> None:
    doc = WordDocument()
    doc.add_heading("Regionales Netzwerk Nordheide", 1)
    doc.add_heading("Protokoll des Netzwerktreffens vom 24.6.2025", 2)
    doc.add_paragraph("Ort: Rathaus Buchholz")
    doc.add_heading("Teilnehmende", 3)
    doc.add_paragraph("Anna Weber (Handwerkskammer Lüneburg)", style="List Bullet")
    doc.add_paragraph("Jonas Klein (Stadt Buchholz)", style="List Bullet")
    doc.add_heading("TOP 1 Begrüßung", 3)
    doc.add_paragraph("Frau Weber begrüßt alle. Herr Klein erstellt die Liste bis 15.7.2025.")
    doc.sections[0].footer.paragraphs[0].text = "Stand: 30.06.2025"
    doc.core_properties.title = "Protokoll Netzwerktreffen 2.7.2024"  # a stale template's property
    doc.save(tmp_path / "protokoll.docx")
    parsed = parse(tmp_path / "protokoll.docx")
    assert (parsed["date"], parsed["group"], parsed["location"]) == (
        "2025-06-24", "Regionales Netzwerk Nordheide", "Rathaus Buchholz")
    assert people(parsed) == [("Anna Weber", "Handwerkskammer Lüneburg", "present"),
                              ("Jonas Klein", "Stadt Buchholz", "present")]


@pytest.mark.parametrize(("second", "expected"), [
    ("Sitzung am 3. März 2025", "2025-03-03"),
    ("Treffen vom 12.03.25", "2025-03-12"),
    ("Protokoll des Netzwerktreffens vom 24.6.2025", "2025-06-24"),
])
def test_date_in_a_second_markdown_heading(tmp_path: Path, second: str, expected: str) -> None:
    (tmp_path / "notiz.md").write_text(
        f"# Fachgruppe Handwerk\n\n## {second}\n\nTeilnehmende:\n\n- Anna Weber (Handwerkskammer Trier)\n"
        "- Lukas Brenner (Geschäftsstelle)\n\n## TOP 1 Bericht\n\nFrau Weber prüft die Zahlen bis 24.3.2025.\n",
        encoding="utf-8")
    parsed = parse(tmp_path / "notiz.md")
    assert (parsed["date"], parsed["group"]) == (expected, "Fachgruppe Handwerk")


def test_date_and_times_in_a_free_line_over_an_attendance_table(tmp_path: Path) -> None:
    doc = WordDocument()
    doc.add_heading("Teilnehmerliste", 1)
    doc.add_paragraph("Workshop „Digitalisierung im Betrieb“ der Fachgruppe Handwerk")
    doc.add_paragraph("Montag, 13.10.2025, 9:30 – 16:00 Uhr")
    doc.add_paragraph("Handwerkskammer Trier, Loebstraße 18")
    table = doc.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ("Name", "Vorname", "Organisation", "Anwesend"), strict=True):
        cell.text = text
    for row in (("Weber", "Anna", "Handwerkskammer Trier", "x"), ("Brenner", "Lukas", "Geschäftsstelle", "x"),
                ("Jablonski", "Kerstin", "Stadt Trier", "")):
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    doc.save(tmp_path / "teilnehmerliste.docx")
    parsed = parse(tmp_path / "teilnehmerliste.docx")
    assert (parsed["date"], parsed["start"], parsed["end"], parsed["location"], parsed["group"]) == (
        "2025-10-13", "09:30", "16:00", "Handwerkskammer Trier", "Fachgruppe Handwerk")
    assert people(parsed) == [("Anna Weber", "Handwerkskammer Trier", "present"),
                              ("Lukas Brenner", "Geschäftsstelle", "present"),
                              ("Kerstin Jablonski", "Stadt Trier", "absent")]
    assert not [w for w in parsed["warnings"] if "nicht verstanden" in w]


def test_no_meeting_date_from_a_print_date_a_footer_or_a_task(tmp_path: Path) -> None:
    doc = WordDocument()
    doc.add_heading("Fachgruppe Handwerk", 1)
    doc.add_heading("Protokoll", 2)
    doc.add_paragraph("Gedruckt am 30.6.2025")
    doc.add_heading("Teilnehmende", 3)
    doc.add_paragraph("Anna Weber (Handwerkskammer Lüneburg)", style="List Bullet")
    doc.add_heading("TOP 1 Begrüßung", 3)
    doc.add_paragraph("Herr Klein erstellt die Liste bis 24.6.2025.")
    doc.sections[0].footer.paragraphs[0].text = "Stand: 01.07.2025"
    doc.save(tmp_path / "protokoll.docx")
    with pytest.raises(ProtocolError, match="kein Datum gefunden"):
        parse(tmp_path / "protokoll.docx")
