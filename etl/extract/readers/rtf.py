"""Rich Text Format (.rtf, WordPad and Word "RTF") -> blocks, with striprtf.

striprtf turns the control words into text: paragraphs become lines, a table cell ends with "|" and
a table row with a line break. A cell with several paragraphs would break its row apart, so inside
table rows (`\\trowd … \\row`, or `\\intbl … \\row` where a writer left out \\trowd) paragraph
and line marks become a line separator first, and come back as line
breaks inside the cell. Lines ending in "|" are table rows (the first one a header row when it
looks like one); the rest is classified like a plain text protocol. Line numbers count the lines
of the converted text.

What striprtf forgets is put back as the Word reader gives it, so that a .docx saved as RTF reads the
same: tracked deletions are dropped, page header and footer go to `meta`, paragraphs in a heading style
are headings, and list markers (`\\listtext`, `\\pntext`, a typed bullet before a tab) make list items.
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
from etl.extract.readers.running import is_page_number

_ROW = re.compile(rb"(?:\\trowd|\\intbl)(?![a-z]).*?\\row(?![a-z])", re.DOTALL)  # also rows without their own \\trowd
_PAR = re.compile(rb"\\(?:par|line)(?![a-z])")
_CELL_BREAK = "\u2028"
_GROUP_TOKEN = re.compile(rb"\\deleted(?![a-z])|\\[\\{}]|[{}]")
_LISTTEXT = re.compile(rb"\{\\(?:listtext|pntext)[^{}]*\}")
_MARKER_TAB = re.compile(r"^([ \t]*(?:[•·\uf0b7\uf0a7▪◦‣–-]|\(?\w{1,3}[.)]))\t+(?=[^\t\n]*$)", re.MULTILINE)
_CONTROL = re.compile(rb"\\'[0-9a-f]{2}|\\u-?\d+\??|\\[a-z]+-?\d* ?|[{}]", re.IGNORECASE)
_NUMBER = re.compile(rb"\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})(?:\.\d{1,3})*[.)]?")
_STYLE = re.compile(rb"\\s(\d+)(?![0-9])")
_STYLE_DEF = re.compile(rb"\{[^{}]*?\\s(\d+)(?![0-9])[^{}]*\}")
_HEADING_NAME = re.compile(rb"(?:heading|berschrift)\s*([1-6])\s*;|\\outlinelevel([0-5])(?![0-9])", re.IGNORECASE)
_HEADING = "\ue000"  # private-use mark + level digit: the paragraph's style is a heading style
_PAGE_PART = re.compile(rb"\{\\(header|footer)[lrf]?(?![a-z])")


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
    document.meta.update(_page_parts(data))
    return document


def _list_marker(match: re.Match[bytes]) -> bytes:
    """A list paragraph's marker group (`{\\listtext 1.\\tab}`, `{\\listtext \\'b7\\tab}`) as the text the
    plain reader knows as a list marker: the number as written, any symbol-font glyph a bullet '•'."""
    visible = _CONTROL.sub(b"", match.group(0)).strip()
    return b"{" + visible + b" }" if _NUMBER.fullmatch(visible) else b"{\\u8226? }"


def _headings_marked(data: bytes) -> bytes:
    """Paragraphs in a heading style ('heading 2', 'Überschrift 2' or an outline level in the stylesheet)
    start with a private mark and their level: striprtf forgets styles, the Word reader keeps headings."""
    sheet = data.find(b"{\\stylesheet")
    if sheet < 0:
        return data
    end = _group_end(data, sheet)
    levels: dict[bytes, int] = {}
    for style in _STYLE_DEF.finditer(data, sheet, end):
        if name := _HEADING_NAME.search(style.group(0)):
            levels[style.group(1)] = int(name.group(1)) if name.group(1) else int(name.group(2)) + 1
    if not levels:
        return data

    def mark(match: re.Match[bytes]) -> bytes:
        level = levels.get(match.group(1))
        return match.group(0) + b"\\u57344?" + str(level).encode() if level else match.group(0)

    return data[:end] + _STYLE.sub(mark, data[end:])


def _page_parts(data: bytes) -> dict[str, str]:
    """The page header and footer texts (`{\\header …}`, `{\\footerf …}`) as the Word reader keeps them in
    `meta`: striprtf drops these groups, and a protocol's date often stands only in its page header."""
    from striprtf.striprtf import rtf_to_text

    texts: dict[str, list[str]] = {}
    for match in _PAGE_PART.finditer(data):
        end = _group_end(data, match.start())
        group = data[match.end():end - 1]
        try:
            text = str(rtf_to_text("{\\rtf1 " + group.decode("latin-1") + "}", errors="replace"))
        except Exception:  # noqa: BLE001 - a broken header group is no reason to lose the body
            continue
        kind = match.group(1).decode()
        for line in text.replace("\r", "\n").split("\n"):
            line = clean(line.replace(_CELL_BREAK, " ").strip().rstrip("|"))
            if line and not is_page_number(line, at_edge=True) and line not in texts.setdefault(kind, []):
                texts[kind].append(line)
    return {kind: "\n".join(lines) for kind, lines in texts.items() if lines}


def _group_end(data: bytes, start: int) -> int:
    """The position after the brace that closes the group opened at `start`."""
    depth = 0
    for token in _GROUP_TOKEN.finditer(data, start):
        if token.group(0) == b"{":
            depth += 1
        elif token.group(0) == b"}":
            depth -= 1
            if depth == 0:
                return token.end()
    return len(data)


def rtf_text(data: bytes) -> str:
    """The text of RTF bytes (also an Outlook message's rich-text body); striprtf's errors pass through."""
    from striprtf.striprtf import rtf_to_text

    data = _LISTTEXT.sub(_list_marker, _headings_marked(_without_deleted(data)))
    marked = _ROW.sub(lambda m: _PAR.sub(rb"\\u8232?", m.group(0)), data)
    # '\\bullet\\tab Text' or '1.\\tab Text' typed by hand: a list item, not a two-column row
    return _MARKER_TAB.sub(r"\1 ", str(rtf_to_text(marked.decode("latin-1"), errors="replace")))


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
                if lines and lines[-1].kind != "blank":  # a table is its own block, as in Word
                    lines.append(SourceLine("", number, kind="blank"))
            cells = tuple("\n".join(c for piece in cell.split(_CELL_BREAK) if (c := clean(piece)))
                          for cell in line.rstrip()[:-1].split("|"))
            header = table_rows == 0 and looks_like_header(cells)
            lines.append(SourceLine("\t".join(cells), number, kind="row", cells=cells, header=header))
            table_rows += 1
            continue
        if table_rows:
            lines.append(SourceLine("", number, kind="blank"))
            table_rows = 0
        if line.startswith(_HEADING) and (text := clean(line[2:].replace(_CELL_BREAK, " "))):
            flush_prose()
            lines.append(SourceLine(text, number, kind="heading", level=int(line[1])))
            continue
        if not prose:
            prose_start = number
        prose.append(line.replace(_CELL_BREAK, " ").replace(_HEADING, ""))
    flush_prose()
    return lines
