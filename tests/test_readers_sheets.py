"""Attendance lists kept as spreadsheets (.csv, .xlsx, .ods) -> title and date lines, then the table."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl

from etl.extract.readers import read_document
from etl.parse.file import parse_file


def _blocks(document) -> list[tuple]:  # noqa: ANN001
    return [(b.kind, b.text, b.line, b.header_rows) for b in document.blocks]


EXPECTED = [
    ("heading", "Teilnehmerliste Fachgruppe Gesunde Arbeit", 1, 0),
    ("paragraph", "Datum: 09.04.2025", 2, 0),
    ("table", "Name | Organisation | anwesend | entschuldigt\nGesa Thiele | BAuA | x | \n"
              "Roland Fink | DGUV |  | x", 4, 1),
]


def test_csv_attendance_list_with_x_marks(tmp_path: Path) -> None:
    path = tmp_path / "liste.csv"
    path.write_bytes("Teilnehmerliste Fachgruppe Gesunde Arbeit;;;\nDatum;09.04.2025;;\n;;;\n"
                     "Name;Organisation;anwesend;entschuldigt\nGesa Thiele;BAuA;x;\nRoland Fink;DGUV;;x\n"
                     .encode("cp1252"))
    document = read_document(path, source="liste.csv")
    assert (document.kind, document.format) == ("attendance_list", "csv")
    assert _blocks(document) == EXPECTED


def test_xlsx_attendance_list_with_a_real_date_cell(tmp_path: Path) -> None:
    import datetime as dt

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in (["Teilnehmerliste Fachgruppe Gesunde Arbeit"], ["Datum", dt.datetime(2025, 4, 9)], [],
                ["Name", "Organisation", "anwesend", "entschuldigt"], ["Gesa Thiele", "BAuA", "x"],
                ["Roland Fink", "DGUV", None, "x"]):
        sheet.append(row)
    hidden = workbook.create_sheet("Vorlage")
    hidden.append(["nicht lesen"])
    hidden.sheet_state = "hidden"
    path = tmp_path / "liste.xlsx"
    workbook.save(path)
    document = read_document(path, source="liste.xlsx")
    assert (document.kind, document.format) == ("attendance_list", "xlsx")
    assert _blocks(document) == EXPECTED
    assert document.warnings == ["ausgeblendetes Blatt „Vorlage“ nicht gelesen"]
    parsed = parse_file(path)  # what the reader noticed reaches the parse, and so Prüfen
    assert parsed["warnings"][0] == "ausgeblendetes Blatt „Vorlage“ nicht gelesen"


def test_ods_attendance_list(tmp_path: Path) -> None:
    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

    def row(*cells: str) -> str:
        return "<table:table-row>" + "".join(
            f"<table:table-cell><text:p>{c}</text:p></table:table-cell>" if c else "<table:table-cell/>"
            for c in cells) + "</table:table-row>"

    content = (f'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               f'xmlns:table="{table}" xmlns:text="{text}"><office:body><office:spreadsheet>'
               '<table:table table:name="Liste">'
               + row("Teilnehmerliste Fachgruppe Gesunde Arbeit") + row("Datum", "09.04.2025")
               + '<table:table-row><table:table-cell table:number-columns-repeated="4"/></table:table-row>'
               + row("Name", "Organisation", "anwesend", "entschuldigt") + row("Gesa Thiele", "BAuA", "x")
               + row("Roland Fink", "DGUV", "", "x")
               + "</table:table></office:spreadsheet></office:body></office:document-content>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    path = tmp_path / "liste.ods"
    path.write_bytes(buffer.getvalue())
    document = read_document(path, source="liste.ods")
    assert (document.kind, document.format) == ("attendance_list", "ods")
    assert _blocks(document) == EXPECTED


def _signed_sheet(workbook: openpyxl.Workbook) -> openpyxl.worksheet.worksheet.Worksheet:
    sheet = workbook.active
    sheet.append(["Name", "Organisation", "Unterschrift"])
    sheet.append(["Gesa Thiele", "BAuA", "G. Thiele"])
    sheet.append(["Roland Fink", "DGUV", "R. Fink"])
    return sheet


def test_a_sign_in_sheet_dated_only_by_its_sheet_name_its_print_header_or_its_title_property(tmp_path: Path) -> None:
    """A list whose cells name no meeting is dated as a Word file's properties and page header date one."""
    found = []
    for name, setup in [
        ("blatt.xlsx", lambda book, sheet: setattr(sheet, "title", "Sitzung 09.04.2025")),
        ("druck.xlsx", lambda book, sheet: setattr(sheet.oddHeader.center, "text",
                                                   "&\"Arial,Fett\"Fachgruppe Gesunde Arbeit – 09.04.2025")),
        ("titel.xlsx", lambda book, sheet: setattr(book.properties, "title",
                                                   "Teilnehmerliste Fachgruppe Gesunde Arbeit 09.04.2025")),
    ]:
        workbook = openpyxl.Workbook()
        setup(workbook, _signed_sheet(workbook))
        workbook.save(tmp_path / name)
        parsed = parse_file(tmp_path / name, name)
        found.append((name, parsed["date"], [p["name"] for p in parsed["participants"]]))
    assert found == [(name, "2025-04-09", ["Gesa Thiele", "Roland Fink"])
                     for name in ("blatt.xlsx", "druck.xlsx", "titel.xlsx")]
    document = read_document(tmp_path / "druck.xlsx", source="druck.xlsx")
    assert document.meta["header"] == "Fachgruppe Gesunde Arbeit – 09.04.2025"


def test_default_sheet_names_say_nothing(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    _signed_sheet(workbook).title = "Tabelle1"
    workbook.save(tmp_path / "liste.xlsx")
    assert "sheets" not in read_document(tmp_path / "liste.xlsx", source="liste.xlsx").meta
