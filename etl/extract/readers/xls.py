"""Excel 97–2003 attendance lists (.xls) -> blocks, through the same sheet path as .xlsx.

Many offices still keep the sign-in list they made years ago as .xls. xlrd (the library made for
BIFF files; since 2.0 it reads nothing else) gives every visible sheet's rows; dates become
"12.05.2025" as in .xlsx; then a meeting tool's report or an attendance list is recognised as for
the other sheets (etl.extract.readers.sheet). A hidden sheet is not read and is named in a warning.

Limits before xlrd parses a sheet: the OLE directory's entries (as for .doc/.msg), the file size
(xlrd reads a sheet in one go, so a huge file cannot be cut short by the read deadline) and rows.
"""

from __future__ import annotations

from etl.core.errors import ProtocolError
from etl.extract.document import Document
from etl.extract.limits import MAX_CSV_ROWS, Deadline, check_ole_entries
from etl.extract.readers.encoding import wrong_content
from etl.extract.readers.sheet import Row, _cell, _list_document

# A sign-in list of 200 people is about 30 KB as .xls; 20 MB is already far more than any list.
MAX_XLS_BYTES = 20 * 1024 * 1024
_WHAT = "Excel-97–2003-Arbeitsmappe (.xls)"


def read_xls_list(data: bytes, source: str) -> Document:
    """An .xls file's bytes -> Document; ProtocolError (German) for anything that is not a readable workbook."""
    if not data.startswith(b"\xd0\xcf\x11\xe0"):
        from etl.extract.readers.office_xml import looks_like_office_xml, read_office_xml

        if looks_like_office_xml(data):  # Excel 2003 XML saved as .xls
            return read_office_xml(data, source, ".xls")
        head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if head.startswith((b"<html", b"<!doctype html", b"<table", b"<meta")):
            from etl.extract.readers.web import read_html  # a web application's export: an HTML table as .xls

            return read_html(data, source)
        if data.startswith(b"PK"):
            raise ProtocolError(f"keine {_WHAT}, sondern eine neuere Excel-Datei – bitte als .xlsx speichern "
                                "(Endung ändern)", source)
        raise ProtocolError(f"keine gültige {_WHAT}: Inhalt ist {wrong_content(data) or 'keine OLE-Datei'}", source)
    if len(data) > MAX_XLS_BYTES:
        raise ProtocolError(f"{_WHAT} ist größer als {MAX_XLS_BYTES // (1024 * 1024)} MB – keine Teilnehmerliste; "
                            "bitte als .xlsx oder CSV speichern", source)
    check_ole_entries(data, _WHAT, source)
    import xlrd

    deadline = Deadline(source, "Excel-Datei")
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True, formatting_info=False)
    except xlrd.XLRDError as exc:
        if "encrypted" in str(exc).lower():
            raise ProtocolError(f"{_WHAT} ist verschlüsselt (Kennwortschutz) – bitte ohne Kennwort speichern",
                                source) from None
        raise ProtocolError(f"{_WHAT} nicht lesbar: {exc}", source) from None
    except Exception as exc:  # noqa: BLE001 - xlrd raises many types for broken files
        raise ProtocolError(f"{_WHAT} nicht lesbar: {type(exc).__name__}: {exc}", source) from None
    rows: list[Row] = []
    hidden: list[str] = []
    number = 0
    try:
        for index in range(book.nsheets):
            deadline.check()
            sheet = book.sheet_by_index(index)
            if sheet.visibility != 0:
                hidden.append(sheet.name)
                continue
            if number + sheet.nrows > MAX_CSV_ROWS:
                raise ProtocolError(f"Excel-Datei hat über {MAX_CSV_ROWS} Zeilen – keine Teilnehmerliste", source)
            for row in range(sheet.nrows):
                number += 1
                rows.append((number, [_value(cell, book.datemode) for cell in sheet.row(row)]))
            number += 1
            rows.append((number, []))
            book.unload_sheet(index)
    except ProtocolError:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken sheet surfaces only when it is loaded
        raise ProtocolError(f"{_WHAT} nicht lesbar: {type(exc).__name__}: {exc}", source) from None
    finally:
        book.release_resources()
    from etl.extract.readers.attendance import read_report

    document = read_report(rows, source, fmt="xls") or _list_document(rows, source, "xls")
    document.warnings += [f"ausgeblendetes Blatt „{title}“ nicht gelesen" for title in hidden]
    return document


def _value(cell: object, datemode: int) -> str:
    """A cell as the .xlsx reader shows it: dates as 12.05.2025 (with a time when there is one), 1.0 as 1."""
    import xlrd

    kind, value = cell.ctype, cell.value  # type: ignore[attr-defined]
    if kind == xlrd.XL_CELL_DATE:
        try:
            moment = xlrd.xldate.xldate_as_datetime(value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return _cell(value)
        return _cell(moment.time() if value < 1 else moment)
    if kind == xlrd.XL_CELL_BOOLEAN:
        return _cell(bool(value))
    if kind in (xlrd.XL_CELL_ERROR, xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    return _cell(value)
