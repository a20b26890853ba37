"""Rich Text Format (.rtf, WordPad and Word "RTF") -> blocks, with striprtf.

striprtf turns the control words into text: paragraphs become lines, a table cell ends with "|" and
a table row with a line break. A cell with several paragraphs would break its row apart, so inside
table rows (`\\trowd … \\row`) paragraph marks become a line separator first, and come back as line
breaks inside the cell. Lines ending in "|" are table rows (the first one a header row when it
looks like one); the rest is classified like a plain text protocol. Line numbers count the lines
of the converted text.
"""

from __future__ import annotations

import re

from etl.core.errors import ProtocolError
from etl.extract.document import Document
from etl.extract.readers.encoding import wrong_content
from etl.extract.readers.inline import clean
from etl.extract.readers.labels import looks_like_header
from etl.extract.readers.layout import SourceLine
from etl.extract.readers.plain import structure, text_lines

_ROW = re.compile(rb"\\trowd.*?\\row(?![a-z])", re.DOTALL)
_PAR = re.compile(rb"\\par(?![a-z])")
_CELL_BREAK = "\u2028"
_GROUP_TOKEN = re.compile(rb"\\deleted(?![a-z])|\\[\\{}]|[{}]")


def read_rtf(data: bytes, source: str) -> Document:
    """An .rtf file -> Document; ProtocolError (German) when it is not RTF."""
    if not data.lstrip().startswith(b"{\\rtf"):
        what = wrong_content(data) or "kein RTF (beginnt nicht mit „{\\rtf“)"
        raise ProtocolError(f"keine gültige RTF-Datei: Inhalt ist {what}", source)
    try:
        text = rtf_text(data)
    except Exception as exc:  # noqa: BLE001 - striprtf raises plain errors for broken groups
        raise ProtocolError(f"RTF-Datei nicht lesbar: {type(exc).__name__}: {exc}", source) from None
    document = Document(source=source, format="rtf")
    document.blocks = structure(_lines(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")))
    return document


def rtf_text(data: bytes) -> str:
    """The text of RTF bytes (also an Outlook message's rich-text body); striprtf's errors pass through."""
    from striprtf.striprtf import rtf_to_text

    marked = _ROW.sub(lambda m: _PAR.sub(rb"\\u8232?", m.group(0)), _without_deleted(data))
    return str(rtf_to_text(marked.decode("latin-1"), errors="replace"))


def _without_deleted(data: bytes) -> bytes:
    """RTF bytes without the groups of tracked deletions (`{\\deleted … struck text}`): as in Word,
    deleted text never counts; inserted text (`\\revised`) stays."""
    if b"\\deleted" not in data:
        return data
    starts: list[int] = []
    marked: set[int] = set()
    cuts: list[tuple[int, int]] = []
    for token in _GROUP_TOKEN.finditer(data):
        text = token.group(0)
        if text == b"{":
            starts.append(token.start())
        elif text == b"}" and starts:
            start = starts.pop()
            if start in marked and not any(start in marked for start in starts):
                cuts.append((start, token.end()))
        elif text.startswith(b"\\deleted") and starts:
            marked.add(starts[-1])
    if not cuts:
        return data
    kept, position = [], 0
    for start, end in cuts:
        kept.append(data[position:start])
        position = end
    kept.append(data[position:])
    return b"".join(kept)


def _lines(raw: list[str]) -> list[SourceLine]:
    lines: list[SourceLine] = []
    prose: list[str] = []
    prose_start = 1
    table_rows = 0

    def flush_prose() -> None:
        if prose:
            lines.extend(text_lines("\n".join(prose), markdown=False, first_line=prose_start))
            prose.clear()

    for number, line in enumerate(raw, start=1):
        if line.rstrip().endswith("|"):
            if not table_rows:
                flush_prose()
            cells = tuple("\n".join(c for piece in cell.split(_CELL_BREAK) if (c := clean(piece)))
                          for cell in line.rstrip()[:-1].split("|"))
            header = table_rows == 0 and looks_like_header(cells)
            lines.append(SourceLine("\t".join(cells), number, kind="row", cells=cells, header=header))
            table_rows += 1
            continue
        if table_rows:
            lines.append(SourceLine("", number, kind="blank"))
            table_rows = 0
        if not prose:
            prose_start = number
        prose.append(line.replace(_CELL_BREAK, " "))
    flush_prose()
    return lines
