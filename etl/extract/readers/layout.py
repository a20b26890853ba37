"""Classified source lines -> Blocks: the one algorithm every line-based format shares.

Text, Markdown, PDF and e-mail bodies arrive as lines; this module decides which lines belong to one
block. A blank line, a list marker, a field line ("Datum: …") or a heading starts a new block; a line
continues the open paragraph or list item only when the line before it was wrapped (by an editor
at ~70–80 columns, by a Markdown hard break, or — as the PDF reader measures — at the right margin),
when it is indented under a list item's text, or when a hyphen split a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from etl.extract.document import Block
from etl.extract.readers.labels import is_field_line, looks_like_header

LineKind = Literal["text", "heading", "item", "row", "blank", "rule"]
_HYPHEN_END = re.compile(r"[a-zäöüß]-$")
_SENTENCE_END = (".", ":", "!", "?", ";")


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One line of the source with what the format says about it."""

    text: str  # markup-free text (items: without the marker)
    line: int
    page: int | None = None
    kind: LineKind = "text"
    level: int = 0  # heading level
    marker: str = ""  # list marker as written
    indent: int = 0  # columns before the marker or text (PDF: character widths from the left margin)
    body_indent: int = 0  # items: the column where the item's text starts
    cells: tuple[str, ...] = ()  # table row cells
    header: bool = False  # row: known header row (before a Markdown separator, bold/shaded)
    hard_break: bool = False  # the next text line continues this block (Markdown "  ", Word soft break)
    wrapped: bool | None = None  # the reader measured whether the line runs to the margin (PDF); None: judge
    width: int = 0  # length of the raw line, for judging wrap
    field: bool = False  # a field line ("Datum: …"): always starts its own block
    spans: tuple[tuple[int, str], ...] = ()  # text: (column, piece) split at runs of ≥2 spaces, if ≥2 pieces


@dataclass
class _Open:
    kind: Literal["paragraph", "list_item"]
    first: SourceLine
    texts: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    last: SourceLine | None = None
    level: int = 0

    pages: list[int | None] = field(default_factory=list)

    def block(self) -> Block:
        crosses = len(set(self.pages)) > 1
        return Block(self.kind, "\n".join(self.texts), self.first.line, page=self.first.page, level=self.level,
                     marker=self.first.marker, lines=tuple(self.lines) if len(self.lines) > 1 else (),
                     pages=tuple(p or 0 for p in self.pages) if crosses else ())


def wrap_width(lines: list[SourceLine]) -> int:
    """The column at which the text was hard-wrapped, or 0 when it was not (long lines, no evidence).

    The 90th percentile of line lengths, not the maximum: one over-long line typed by hand must not
    hide that the rest was wrapped at 72.
    """
    widths = sorted(sl.width for sl in lines if sl.kind in ("text", "item") and sl.wrapped is None)
    if len(widths) < 3 or sum(1 for w in widths if w > 100) > max(1, len(widths) // 50):
        return 0
    capped = [w for w in widths if w <= 100]
    width = capped[min(len(capped) - 1, int(len(capped) * 0.9))]
    if width < 50:
        return 0
    evidence = sum(1 for a, b in zip(lines, lines[1:], strict=False)
                   if a.kind in ("text", "item") and b.kind == "text" and a.width >= width - 15)
    return width if evidence >= 2 else 0



def assemble(lines: list[SourceLine]) -> list[Block]:
    """Blocks from classified lines: rows -> one table, wrapped lines -> one paragraph or item."""
    width = wrap_width(lines)
    blocks: list[Block] = []
    current: _Open | None = None
    rows: list[SourceLine] = []
    indents: list[int] = []  # list nesting: indent of each open level
    previous_heading: SourceLine | None = None

    def close() -> None:
        nonlocal current
        if current is not None:
            blocks.append(current.block())
            current = None

    for sl in lines:
        if sl.kind != "row" and rows:
            blocks += table_blocks(rows)
            rows = []
        if sl.kind in ("blank", "rule"):
            close()
            continue
        if sl.kind == "row":
            close()
            rows.append(sl)
            indents = []
            continue
        if sl.kind == "heading":
            close()
            indents = []
            if previous_heading is not None and previous_heading.hard_break and blocks[-1].kind == "heading":
                # a title wrapped over two lines ("Protokoll der Sitzung …" / "am 9. September 2025")
                top = blocks.pop()
                blocks.append(Block("heading", f"{top.text}\n{sl.text}", top.line, page=top.page, level=top.level,
                                    lines=(*(top.lines or (top.line,)), sl.line)))
            else:
                blocks.append(Block("heading", sl.text, sl.line, page=sl.page, level=max(1, sl.level)))
            previous_heading = sl
            continue
        previous_heading = None
        if sl.kind == "item":
            close()
            while indents and sl.indent < indents[-1] - 1:
                indents.pop()
            if not indents or sl.indent > indents[-1] + 1:
                indents.append(sl.indent)
            current = _Open("list_item", sl, [sl.text], [sl.line], sl, level=len(indents) - 1, pages=[sl.page])
            continue
        if current is not None and _continues(current, sl, width):
            current.texts.append(sl.text)
            current.lines.append(sl.line)
            current.pages.append(sl.page)
            current.last = sl
            continue
        close()
        if sl.indent == 0:
            indents = []
        current = _Open("paragraph", sl, [sl.text], [sl.line], sl, pages=[sl.page])
    close()
    if rows:
        blocks += table_blocks(rows)
    return blocks


def table_blocks(rows: list[SourceLine]) -> list[Block]:
    """A table — or, when every filled cell is a field ("Datum: 07.02.2024"), the fields as paragraphs:
    a layout table that only places the head fields side by side is not a table of data."""
    cells = [(sl, cell) for sl in rows for cell in sl.cells if cell.strip()]
    if cells and len(rows) <= 3 and all(is_field_line(cell) for _, cell in cells):
        return [Block("paragraph", cell, sl.line, page=sl.page) for sl, cell in cells]
    return [table_block(rows)]


# A line that ends on one of these words (or a comma) stops mid-sentence: the next line continues it.
_OPEN_END = re.compile(
    r"(?:[,(/&–-]|\b(?:der|die|das|des|dem|den|ein|eine|einer|eines|einem|einen|und|oder|sowie|bzw\.|mit|von|"
    r"vom|für|zu|zum|zur|bis|im|in|an|am|auf|aus|bei|nach|über|unter|durch|gegen|ohne|um|als|wie|dass|ob|"
    r"sich|nicht|auch|noch|Frau|Herr|Herrn|Dr\.|Prof\.|Dipl\.-Ing\.))$")
_CLOSED_END = (".", "!", "?", ":", ";", ")", "]", "“", '"')
# "BAuA: Dr. Peter Nowak" — a line that opens with a short label starts an entry of its own.
_ENTRY_START = re.compile(r"^[\w.&/ -]{1,40}:\s")


def _continues(current: _Open, sl: SourceLine, width: int) -> bool:
    """True when `sl` continues the open paragraph or list item (the line before it was wrapped)."""
    previous = current.last or current.first
    if sl.field or not sl.text:
        return False
    if previous.wrapped is not None:
        # a line the measure calls not full still runs on when the next starts in lower case mid-sentence
        # ('… war Frau Pietsch' + 'angemeldet, ist aber nicht gekommen.'): a verb or noun phrase never opens a line
        return previous.wrapped or (sl.text[:1].islower() and not previous.text.endswith(_CLOSED_END)
                                    and sl.kind == previous.kind == "text" and not _ENTRY_START.match(sl.text))
    if previous.hard_break:
        return True
    if current.kind == "list_item" and sl.indent > current.first.indent:
        return True
    text = previous.text
    if _HYPHEN_END.search(text) and sl.text[:1].islower():
        return True
    if (sl.text[:1].islower() or sl.text[:1] == "(") and not text.endswith(_CLOSED_END) \
            and not _ENTRY_START.match(sl.text):
        return True  # "Protokoll der Sitzung der AG Transfer" / "am 28. November 2023, …"
    if previous.width < max(40, (width or 85) - 25):
        return False  # a short line ends where its writer pressed Enter
    if _OPEN_END.search(text):
        return True
    if _ENTRY_START.match(sl.text):
        return False
    if text.endswith((".", "!", "?")):
        return False  # a finished sentence at a line end: the next line may as well be a new statement
    first_word = sl.text.split(" ", 1)[0]
    if width and previous.width + 1 + len(first_word) > width:
        return True
    return not text.endswith(_CLOSED_END) and (sl.text[:1].islower() or width > 0)


def table_block(rows: list[SourceLine]) -> Block:
    """Rows of equal or ragged length -> one table block, header rows first."""
    columns = max(len(sl.cells) for sl in rows)
    padded = [tuple(sl.cells) + ("",) * (columns - len(sl.cells)) for sl in rows]
    # Columns empty in every row come from doubled separators (two TABs for alignment), not from data.
    keep = [k for k in range(columns) if any(row[k] for row in padded)]
    cells = [tuple(row[k] for k in keep) for row in padded]
    header_rows = 0
    while header_rows < len(rows) and rows[header_rows].header:
        header_rows += 1
    if header_rows == 0 and len(rows) > 1 and looks_like_header(cells[0]):
        header_rows = 1
    # `text` keeps one row per line: line breaks inside a cell show as " / "
    text = "\n".join(" | ".join(cell.replace("\n", " / ") for cell in row) for row in cells)
    pages = tuple(sl.page or 0 for sl in rows) if len({sl.page for sl in rows}) > 1 else ()
    return Block("table", text, rows[0].line, page=rows[0].page, rows=tuple(cells), header_rows=header_rows,
                 row_lines=tuple(sl.line for sl in rows), pages=pages)
