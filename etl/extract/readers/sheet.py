"""Attendance lists kept as spreadsheets (.csv, .xlsx, .ods) -> blocks.

An office's "Teilnehmerliste" is a sheet: a few lines on top ("Teilnehmerliste Fachgruppe Handwerk",
"Datum | 12.03.2025"), then a table (Name, Organisation, and a column of marks "x", "✓",
"entschuldigt"). Rows with one filled cell, or a label and its value, become paragraphs ("Datum:
12.03.2025"); the first row with several filled cells starts a table that runs to the next empty row;
its first row is the header when it looks like one. Each row's line is its row number in the sheet
(CSV: the line in the file). Meeting-tool exports (Teams, Zoom, Webex) are recognised first and read
by etl.extract.readers.attendance. `Document.kind` is "attendance_list".
"""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile
from collections.abc import Iterable
from typing import Any

from etl.core.errors import ProtocolError
from etl.extract.document import Document
from etl.extract.limits import MAX_CSV_ROWS, Deadline, check_xml_package
from etl.extract.readers.encoding import wrong_content
from etl.extract.readers.inline import clean
from etl.extract.readers.labels import looks_like_header
from etl.extract.readers.layout import SourceLine
from etl.extract.readers.plain import classify, structure
from etl.extract.safe_zip import DOCUMENT_LIMITS, check_zip

Row = tuple[int, list[str]]  # (line or row number, cell texts)


def decode_text(data: bytes) -> str:
    """Text of a CSV export: UTF-16 (Teams) or UTF-8 with BOM, else UTF-8, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    if len(data) > 3 and data[1:4:2] == b"\x00\x00" and data[0] != 0:
        return data.decode("utf-16-le", "replace")  # UTF-16 LE without BOM
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def csv_rows(text: str, source: str) -> list[Row]:
    """Rows of a CSV text with their line numbers; the separator (tab, ';' or ',') is judged per block of
    lines, because a Zoom export has a comma-separated header block above its participant table."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > MAX_CSV_ROWS:
        raise ProtocolError(f"CSV-Datei hat {len(lines)} Zeilen (höchstens {MAX_CSV_ROWS}) – keine Teilnehmerliste",
                            source)
    rows: list[Row] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            rows.append((number, []))
            continue
        counts = {sep: line.count(sep) for sep in ("\t", ";", ",")}
        separator = max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","
        if counts["\t"]:
            separator = "\t"
        cells = next(csv.reader([line], delimiter=separator), [])
        rows.append((number, [clean(cell) for cell in cells]))
    return rows


def sheet_lines(rows: Iterable[Row]) -> list[SourceLine]:
    """A sheet's rows as lines: paragraphs above and between tables, tables with header rows."""
    lines: list[SourceLine] = []
    in_table = False
    width = 0
    for number, cells in rows:
        filled = [cell for cell in cells if cell]
        if not filled:
            if lines and lines[-1].kind != "blank":
                lines.append(SourceLine("", number, kind="blank"))
            in_table = False
            continue
        label_value = len(filled) == 2 and not in_table and filled[0].rstrip(":").replace(" ", "").isalpha() \
            and len(filled[0]) <= 30 and not looks_like_header(filled)
        if len(filled) == 1 or label_value:
            if in_table and len(filled) == 1 and cells and cells[0]:
                pass  # a row of a table with only the name filled: still a table row
            else:
                text = f"{filled[0].rstrip(':')}: {filled[1]}" if label_value else filled[0]
                if in_table:
                    lines.append(SourceLine("", number, kind="blank"))
                    in_table = False
                classify(text, number, lines, markdown=False)
                continue
        if not in_table:
            last = max(index for index, cell in enumerate(cells) if cell) + 1
            width = last
            header = looks_like_header(cells[:last])
            if lines and lines[-1].kind != "blank":
                lines.append(SourceLine("", number, kind="blank"))
            in_table = True
        else:
            header = False
        row = tuple((cells + [""] * width)[:max(width, len(cells))])
        while len(row) > width and not row[-1]:
            row = row[:-1]
        lines.append(SourceLine("\t".join(row), number, kind="row", cells=row, header=header))
    return lines


def read_csv_list(data: bytes, source: str) -> Document:
    """A .csv under protokolle/: a meeting tool's attendance report, or an attendance list."""
    if data[:4] in (b"PK\x03\x04", b"%PDF") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ProtocolError(f"keine CSV-Datei, sondern {wrong_content(data) or 'eine Binärdatei'}", source)
    rows = csv_rows(decode_text(data), source)
    from etl.extract.readers.attendance import read_report

    report = read_report(rows, source)
    if report is not None:
        return report
    return _list_document(rows, source, "csv")


def _list_document(rows: list[Row], source: str, fmt: str) -> Document:
    document = Document(source=source, format=fmt, kind="attendance_list")
    document.blocks = structure(sheet_lines(rows))
    return document


def read_xlsx_list(data: bytes, source: str) -> Document:
    """An Excel attendance list (.xlsx): every visible sheet, one after the other (openpyxl, read-only)."""
    if not data.startswith(b"PK"):
        raise ProtocolError(f"keine gültige Excel-Datei (.xlsx): Inhalt ist {wrong_content(data) or 'kein ZIP'}",
                            source)
    check_zip(data, lambda message: ProtocolError(f"Excel-Datei (.xlsx) abgelehnt: {message}", source),
              DOCUMENT_LIMITS)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        check_xml_package(archive, "Excel-Datei (.xlsx)", source)
        from etl.extract.readers.docx import _core_properties

        properties = _core_properties(archive, set(archive.namelist()))
        printed = _print_headers(archive)
    import openpyxl

    deadline = Deadline(source, "Excel-Datei")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for broken files
        raise ProtocolError(f"Excel-Datei (.xlsx) nicht lesbar: {type(exc).__name__}: {exc}", source) from None
    rows: list[Row] = []
    hidden: list[str] = []
    try:
        number = 0
        named: list[str] = []
        for sheet in workbook.worksheets:
            if sheet.sheet_state != "visible":
                hidden.append(sheet.title)
                continue
            if not _DEFAULT_SHEET.match(sheet.title.strip()):
                named.append(sheet.title.strip())
            for values in sheet.iter_rows(values_only=True):
                number += 1
                if number % 1000 == 0:
                    deadline.check()
                if number > MAX_CSV_ROWS:
                    raise ProtocolError(f"Excel-Datei hat über {MAX_CSV_ROWS} Zeilen – keine Teilnehmerliste",
                                        source)
                rows.append((number, [_cell(value) for value in values]))
            number += 1
            rows.append((number, []))
    finally:
        workbook.close()
    from etl.extract.readers.attendance import read_report

    document = read_report(rows, source, fmt="xlsx") or _list_document(rows, source, "xlsx")
    document.warnings += [f"ausgeblendetes Blatt „{title}“ nicht gelesen" for title in hidden]
    _sheet_meta(document, properties, printed, named)
    return document


# Sheet names Excel and Calc give by themselves: they say nothing about the meeting.
_DEFAULT_SHEET = re.compile(r"(?i)^(?:tabelle|sheet|blatt|feuille|hoja|foglio|table)\s*\d*$")
# Codes of an Excel print header: '&L', '&C', '&R' (sections), '&"Arial,Fett"' (font), '&12' (size), '&D' (date).
_HEADER_CODE = re.compile(r'&(?:"[^"]*"|\d+|[LCR]|[A-Za-z])')


def _print_headers(archive: zipfile.ZipFile) -> list[str]:
    """The texts of the sheets' print headers and footers ('AG Transfer – Sitzung am 14.01.2025'), codes removed."""
    found: list[str] = []
    for name in sorted(archive.namelist()):
        if not re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name):
            continue
        with archive.open(name) as handle:
            head = handle.read(4_000_000)  # the header block stands at the end of a sheet's part
        for m in re.finditer(rb"<(?:odd|even|first)(?:Header|Footer)>([^<]{1,500})</", head):
            text = html.unescape(m.group(1).decode("utf-8", "replace"))
            parts = [clean(part) for part in _HEADER_CODE.split(text)]
            if line := " · ".join(part for part in parts if part):
                found.append(line)
    return list(dict.fromkeys(found))


def _sheet_meta(document: Document, properties: dict[str, str], printed: list[str], named: list[str]) -> None:
    """A workbook's title property and print header (read as a Word file's properties and page header) and its own
    sheet names ('14.01.2025', 'AG Transfer Jan 25'; meta "sheets"): evidence when the cells name no meeting."""
    for key in ("title", "subject"):
        if properties.get(key) and key not in document.meta:
            document.meta[key] = properties[key]
    if printed and "header" not in document.meta:
        document.meta["header"] = " · ".join(printed)
    if named:
        document.meta["sheets"] = " · ".join(named)


def _cell(value: object) -> str:
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M") if (value.hour, value.minute) != (0, 0) else \
            value.strftime("%d.%m.%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean(str(value))


def read_ods_list(data: bytes, source: str) -> Document:
    """A LibreOffice Calc attendance list (.ods): every sheet's rows from content.xml (lxml)."""
    if not data.startswith(b"PK"):
        raise ProtocolError(f"keine gültige OpenDocument-Tabelle (.ods): Inhalt ist "
                            f"{wrong_content(data) or 'kein ZIP'}", source)
    check_zip(data, lambda message: ProtocolError(f"OpenDocument-Tabelle (.ods) abgelehnt: {message}", source),
              DOCUMENT_LIMITS)
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_xml_package(archive, "OpenDocument-Tabelle (.ods)", source)
            parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
            root = etree.fromstring(archive.read("content.xml"), parser)
    except ProtocolError:
        raise
    except Exception as exc:  # noqa: BLE001 - zipfile/lxml raise many types for broken files
        raise ProtocolError(f"OpenDocument-Tabelle (.ods) nicht lesbar: {type(exc).__name__}: {exc}", source) \
            from None
    return ods_document(root, source, "ods")


def ods_document(root: Any, source: str, fmt: str) -> Document:
    """Every sheet's rows of an office:spreadsheet (content.xml, or a flat .fods) as a report or a list."""
    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    rows: list[Row] = []
    number = 0
    named: list[str] = []
    for sheet in root.iter(f"{{{table}}}table"):
        title = (sheet.get(f"{{{table}}}name") or "").strip()
        if title and not _DEFAULT_SHEET.match(title):
            named.append(title)
        for row in sheet.iter(f"{{{table}}}table-row"):
            cells: list[str] = []
            for cell in row:
                if cell.tag not in (f"{{{table}}}table-cell", f"{{{table}}}covered-table-cell"):
                    continue
                value = "\n".join(clean("".join(p.itertext())) for p in cell.iter(f"{{{text}}}p"))
                repeat = min(_count(cell.get(f"{{{table}}}number-columns-repeated")), 64)
                cells.extend([value] * (repeat if value else min(repeat, 1)))
            repeat_rows = min(_count(row.get(f"{{{table}}}number-rows-repeated")), 2)
            for _ in range(repeat_rows if any(cells) else 1):
                number += 1
                rows.append((number, cells))
            if number > MAX_CSV_ROWS:
                raise ProtocolError(f"OpenDocument-Tabelle hat über {MAX_CSV_ROWS} Zeilen – keine Teilnehmerliste",
                                    source)
        number += 1
        rows.append((number, []))
    from etl.extract.readers.attendance import read_report

    document = read_report(rows, source, fmt=fmt) or _list_document(rows, source, fmt)
    _sheet_meta(document, {}, [], named)
    return document


def _count(value: str | None) -> int:
    """A repeat count from the file; anything but a positive number counts once."""
    return int(value) if value and value.isdigit() and int(value) > 0 else 1
