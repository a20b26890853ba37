"""Word 97–2003 protocols (.doc) -> blocks: the text of the main document from its piece table (olefile).

Older templates and archives in public offices are still .doc. No maintained Python library reads
them (antiword and LibreOffice are programs, not dependencies we can ship), but the text itself is
simple to reach: the FIB names the piece table (Clx) in the table stream, each piece points at its
characters (cp1252 or UTF-16) in the WordDocument stream. Of Word's special characters, paragraph
marks end lines, cell marks (0x07) end table cells, the mark after a row's last cell ends the row,
a field shows its result and not its code. Styles are not read: headings, lists and fields are
recognised from the text like in a plain-text protocol, tables keep their rows and header row.

A .doc that is really RTF, HTML, a web page saved as one MIME file (Confluence's export to Word), Word 2003 XML or a
.docx (programs and web apps save those under .doc) is read as what it is. An encrypted file is refused. Line
numbers count paragraphs and table rows.
"""

from __future__ import annotations

import io
import re
import struct

from etl.core.errors import ProtocolError
from etl.extract.document import Document
from etl.extract.limits import Deadline, check_ole_entries
from etl.extract.readers.encoding import wrong_content
from etl.extract.readers.inline import clean
from etl.extract.readers.labels import looks_like_header
from etl.extract.readers.layout import SourceLine
from etl.extract.readers.plain import classify, structure

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ADVICE = "bitte in Word als .docx oder als PDF speichern"


def read_doc(data: bytes, source: str) -> Document:
    """A .doc file's bytes -> Document; ProtocolError (German) for anything it cannot read."""
    head = data[:2048].lstrip().lower()
    if head.startswith(b"{\\rtf"):
        from etl.extract.readers.rtf import read_rtf

        return read_rtf(data, source)
    if head.startswith((b"<html", b"<!doctype html", b"<?xml")) and b"<html" in data[:4096].lower():
        from etl.extract.readers.web import read_html

        return read_html(data, source)
    if b"mime-version:" in head and b"multipart/related" in head:
        # a wiki page exported 'to Word' (Confluence): a web page saved as one MIME file under .doc
        from etl.extract.readers.web import read_mhtml

        document = read_mhtml(data, source)
        document.format = "doc"
        return document
    from etl.extract.readers.office_xml import looks_like_office_xml, read_office_xml

    if looks_like_office_xml(data):  # Word 2003 XML saved as .doc (templates, document systems)
        return read_office_xml(data, source, ".doc")
    if data.startswith(b"PK"):
        from etl.extract.readers.docx import read_docx

        return read_docx(data, source)
    if not data.startswith(_OLE[:4]):
        what = wrong_content(data) or "kein Word-Dokument"
        raise ProtocolError(f"keine gültige Word-97–2003-Datei (.doc): Inhalt ist {what}", source)
    check_ole_entries(data, "Word-97–2003-Datei (.doc)", source)
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - olefile raises many types for broken files
        raise ProtocolError(f"beschädigte Word-97–2003-Datei (.doc): {exc} – {_ADVICE}", source) from None
    try:
        if not ole.exists("WordDocument"):
            raise ProtocolError(f"keine Word-97–2003-Datei (.doc): der Teil „WordDocument“ fehlt – {_ADVICE}",
                                source)
        word = ole.openstream("WordDocument").read()
        text = _main_text(ole, word, source)
    finally:
        ole.close()
    document = Document(source=source, format="doc")
    document.blocks = structure(_lines(text, Deadline(source, "Word-97–2003-Datei")))
    return document


def _main_text(ole: object, word: bytes, source: str) -> str:
    if len(word) < 0x1AA or struct.unpack_from("<H", word, 0)[0] != 0xA5EC:
        raise ProtocolError(f"keine Word-97–2003-Datei (.doc): unbekannter Aufbau – {_ADVICE}", source)
    flags = struct.unpack_from("<H", word, 0x0A)[0]
    if flags & 0x0100:
        raise ProtocolError("Word-Datei ist verschlüsselt (Kennwortschutz) – bitte ohne Kennwort speichern", source)
    table_name = "1Table" if flags & 0x0200 else "0Table"
    if not ole.exists(table_name):  # type: ignore[attr-defined]
        raise ProtocolError(f"beschädigte Word-97–2003-Datei (.doc): „{table_name}“ fehlt – {_ADVICE}", source)
    table = ole.openstream(table_name).read()  # type: ignore[attr-defined]
    text_length = struct.unpack_from("<i", word, 0x4C)[0]
    fc_clx, lcb_clx = struct.unpack_from("<II", word, 0x1A2)
    clx = table[fc_clx:fc_clx + lcb_clx]
    position = 0
    while position < len(clx) and clx[position] == 0x01:  # Prc: property modifiers, skipped
        position += 3 + struct.unpack_from("<H", clx, position + 1)[0]
    if position + 5 > len(clx) or clx[position] != 0x02:
        raise ProtocolError(f"beschädigte Word-97–2003-Datei (.doc): keine Stückliste (Clx) – {_ADVICE}", source)
    size = struct.unpack_from("<I", clx, position + 1)[0]
    plc = clx[position + 5:position + 5 + size]
    count = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{count + 1}i", plc, 0)
    parts: list[str] = []
    for index in range(count):
        start, end = cps[index], min(cps[index + 1], text_length)
        if start >= end:
            continue
        fc = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * index + 2)[0]
        if fc & 0x40000000:
            offset = (fc & 0x3FFFFFFF) // 2
            parts.append(word[offset:offset + end - start].decode("cp1252", "replace"))
        else:
            parts.append(word[fc:fc + 2 * (end - start)].decode("utf-16-le", "replace"))
    return _fields("".join(parts))


_FIELD = re.compile("\x13[^\x13\x14\x15]*(?:\x14([^\x13\x14\x15]*))?\x15")


def _fields(text: str) -> str:
    """Fields show their result (the text between 0x14 and 0x15), never their code; innermost first."""
    for _ in range(20):
        replaced = _FIELD.sub(lambda m: m.group(1) or "", text)
        if replaced == text:
            break
        text = replaced
    text = text.replace("\x1e", "-").replace("\x1f", "").replace("\xa0", " ")
    return re.sub("[\x00-\x06\x08\x0e-\x12\x13-\x1d]", "", text)


def _lines(text: str, deadline: Deadline) -> list[SourceLine]:
    """Paragraphs (0x0D) and table rows (cells end with 0x07, then an empty paragraph marked 0x07 ends the row)."""
    lines: list[SourceLine] = []
    number = 0
    cells: list[str] = []
    cell_lines: list[str] = []
    rows: list[tuple[tuple[str, ...], int]] = []
    width = 0  # cells per row, learned from the table's first row (an empty cell there ends the row)
    pieces = re.split("([\r\x07\x0c])", text)
    for index in range(0, len(pieces) - 1, 2):
        if index % 2000 == 0:
            deadline.check()
        piece, mark = pieces[index], pieces[index + 1]
        if mark == "\x07":
            if piece == "" and not cell_lines and cells and (not width or len(cells) >= width):
                number += 1  # the row end mark after the last cell
                rows.append((tuple(cells), number))
                width = width or len(cells)
                cells = []
                continue
            cell_lines.append(clean(piece.replace("\x0b", " ")))
            cells.append("\n".join(line for line in cell_lines if line))
            cell_lines = []
            continue
        next_mark = pieces[index + 3] if index + 3 < len(pieces) else ""
        if cells or cell_lines or (rows and next_mark == "\x07"):
            # a paragraph inside a cell (also the first cell of a row): the cell continues
            cell_lines.append(clean(piece.replace("\x0b", " ")))
            continue
        if rows:
            _emit_table(rows, lines)
            rows, width = [], 0
        for part in piece.split("\x0b"):  # a manual line break starts a new line
            number += 1
            if clean(part):
                classify(part, number, lines, markdown=False)
            else:
                lines.append(SourceLine("", number, kind="blank"))
        lines.append(SourceLine("", number, kind="blank"))
    if cells:
        number += 1
        rows.append((tuple(cells), number))
    if rows:
        _emit_table(rows, lines)
    return lines


def _emit_table(rows: list[tuple[tuple[str, ...], int]], lines: list[SourceLine]) -> None:
    lines.append(SourceLine("", rows[0][1], kind="blank"))
    for index, (cells, number) in enumerate(rows):
        header = index == 0 and len(rows) > 1 and looks_like_header(cells)
        lines.append(SourceLine("\t".join(cells), number, kind="row", cells=cells, header=header))
    lines.append(SourceLine("", rows[-1][1], kind="blank"))
