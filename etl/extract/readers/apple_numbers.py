"""Apple Numbers attendance lists (.numbers) -> blocks, through the same sheet path as .xlsx.

Offices on Macs keep the sign-in list in Numbers. numbers-parser (the maintained reader of Apple's
IWA format) gives every table of every sheet; each table's rows go, one table after the other, to
the sheet path (etl.extract.readers.sheet): title and "Datum" rows above the table, marks, a meeting
tool's report recognised. A checkbox cell counts as a mark ("x"), a date cell as "12.05.2025".

Limits before numbers-parser unpacks anything: the ZIP limits of office packages, and the IWA parts
together at most 20 MB (they are snappy-compressed protobuf: a few KB for a real list); rows as for
every sheet; the read deadline while rows are walked. Numbers wants a file, so the bytes go to a
temporary file that is removed at once.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from etl.core.errors import ProtocolError
from etl.extract.document import Document
from etl.extract.limits import MAX_CSV_ROWS, Deadline
from etl.extract.readers.encoding import wrong_content
from etl.extract.readers.sheet import Row, _cell, _list_document
from etl.extract.safe_zip import DOCUMENT_LIMITS, check_zip

MAX_IWA_BYTES = 20 * 1024 * 1024
_WHAT = "Apple-Numbers-Tabelle (.numbers)"


def read_numbers_list(data: bytes, source: str) -> Document:
    """A .numbers file's bytes -> Document; ProtocolError (German) for anything that is not a readable table."""
    if not data.startswith(b"PK"):
        raise ProtocolError(f"keine gültige {_WHAT}: Inhalt ist {wrong_content(data) or 'kein ZIP'} – bitte in "
                            "Numbers als .xlsx oder CSV exportieren", source)
    check_zip(data, lambda message: ProtocolError(f"{_WHAT} abgelehnt: {message}", source), DOCUMENT_LIMITS)
    check_iwa(data, source)
    from numbers_parser import Document as NumbersDocument

    deadline = Deadline(source, "Numbers-Datei")
    rows: list[Row] = []
    number = 0
    with tempfile.TemporaryDirectory(prefix="netzwerkradar-numbers-") as folder:
        path = Path(folder) / "liste.numbers"
        path.write_bytes(data)
        try:
            book = NumbersDocument(path)
            for sheet in book.sheets:
                for table in sheet.tables:
                    deadline.check()
                    if number + table.num_rows > MAX_CSV_ROWS:
                        raise ProtocolError(f"Numbers-Tabelle hat über {MAX_CSV_ROWS} Zeilen – keine Teilnehmerliste",
                                            source)
                    for cells in table.iter_rows():
                        number += 1
                        if number % 1000 == 0:
                            deadline.check()
                        rows.append((number, [_cell(cell.value) for cell in cells]))
                    number += 1
                    rows.append((number, []))
        except ProtocolError:
            raise
        except Exception as exc:  # noqa: BLE001 - numbers-parser/protobuf raise many types for broken files
            raise ProtocolError(f"{_WHAT} nicht lesbar: {type(exc).__name__}: {exc} – bitte in Numbers als .xlsx oder "
                                "CSV exportieren", source) from None
    from etl.extract.readers.attendance import read_report

    return read_report(rows, source, fmt="numbers") or _list_document(rows, source, "numbers")


def check_iwa(data: bytes, source: str) -> None:
    """Refuse a package without Numbers data or with more IWA data than a list has (from the ZIP directory)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [entry for entry in archive.infolist() if entry.filename.endswith(".iwa")]
    if not parts:
        raise ProtocolError(f"keine gültige {_WHAT}: keine Numbers-Daten (Index/*.iwa) im Paket – bitte in Numbers "
                            "als .xlsx oder CSV exportieren", source)
    if (size := sum(entry.file_size for entry in parts)) > MAX_IWA_BYTES:
        raise ProtocolError(f"{_WHAT} enthält {size // (1024 * 1024)} MB Tabellendaten (höchstens "
                            f"{MAX_IWA_BYTES // (1024 * 1024)} MB) – keine Teilnehmerliste; bitte als .xlsx oder CSV "
                            "exportieren", source)
