"""The document model every protocol reader produces, whatever the file format.

A reader turns a protocol file (any format in etl.extract.readers.SUFFIXES) into one `Document`: an ordered sequence
of `Block`s (heading, paragraph, list item, table) with the line (and page, for PDF) each came from,
running page headers/footers removed and hard-wrapped lines re-joined. The protocol parser works on
blocks only, never on a file format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list_item", "table"]


@dataclass(frozen=True, slots=True)
class Block:
    """One structural unit of a protocol.

    `text` is the plain, markup-free text (for a table: one row per line, cells joined by " | ").
    `line` is the 1-based line of the block's first line in the source (in a PDF: on its `page`);
    `lines` holds the source line of each logical line of `text` when a block spans several.
    """

    kind: BlockKind
    text: str
    line: int
    page: int | None = None
    level: int = 0  # heading level (1 = top), or list nesting depth (0 = top level)
    marker: str = ""  # list marker as written: "-", "•", "1.", "a)", "[ ]", "[x]"
    rows: tuple[tuple[str, ...], ...] = ()  # table cells, header row(s) first
    header_rows: int = 0  # how many of `rows` are header rows (0 = no header known)
    row_lines: tuple[int, ...] = ()  # source line of each table row
    lines: tuple[int, ...] = ()  # source line of each line of `text` (empty: all on `line`)
    # PDF: the page of each entry of `lines` (or `row_lines`) when the block runs over a page break;
    # empty when everything is on `page`.
    pages: tuple[int, ...] = ()

    @property
    def header(self) -> tuple[str, ...]:
        """The (last) header row of a table, or () when none is known."""
        return self.rows[self.header_rows - 1] if self.header_rows else ()

    @property
    def body_rows(self) -> tuple[tuple[str, ...], ...]:
        return self.rows[self.header_rows:]

    @property
    def source_lines(self) -> tuple[int, ...]:
        """The source line of each line of `text` (also for one-line blocks and tables)."""
        if self.kind == "table" and self.row_lines:
            return self.row_lines
        return self.lines or (self.line,) * (self.text.count("\n") + 1)

    @property
    def joined(self) -> str:
        """`text` as one running text: wrapped lines re-joined with a space, 'Fach-' + 'kräfte' as one word.

        Offsets into this string map back to source lines with `line_at`.
        """
        return "".join(piece for piece, _ in _joined_pieces(self.text))

    def page_at(self, offset: int) -> int | None:
        """The page (PDF) of the character at `offset` in `joined`."""
        if not self.pages:
            return self.page
        position = 0
        for index, (piece, _) in enumerate(_joined_pieces(self.text)):
            position += len(piece)
            if offset < position:
                return self.pages[min(index, len(self.pages) - 1)]
        return self.pages[-1]

    def line_at(self, offset: int) -> int:
        """The source line of the character at `offset` in `joined`."""
        lines = self.source_lines
        position = 0
        for index, (piece, _) in enumerate(_joined_pieces(self.text)):
            position += len(piece)
            if offset < position:
                return lines[min(index, len(lines) - 1)]
        return lines[-1]


# A hyphen at a line end joins the word ("Fach-" + "kräfte") unless the next line starts a new word
# of its own ("Sicherheits-" + "und Gesundheitsschutz").
_HYPHENATED = re.compile(r"[a-zäöüß]-$")
_KEEP_HYPHEN = re.compile(r"^(?:und|oder|bzw|sowie|als|bis)\b")


def _joined_pieces(text: str) -> list[tuple[str, int]]:
    """(piece, line index) per line of `text`, each piece with the separator that joins it to the previous."""
    pieces: list[tuple[str, int]] = []
    previous = ""
    for index, line in enumerate(text.split("\n")):
        line = line.strip()
        if index == 0:
            piece = line
        elif _HYPHENATED.search(previous) and line[:1].islower() and not _KEEP_HYPHEN.match(line):
            pieces[-1] = (pieces[-1][0][:-1], pieces[-1][1])
            piece = line
        else:
            piece = " " + line if line and previous else line
        pieces.append((piece, index))
        previous = line or previous
    return pieces


@dataclass(slots=True)
class Document:
    """A protocol file as blocks plus the metadata the format carries (front matter, e-mail headers)."""

    source: str
    blocks: list[Block] = field(default_factory=list)
    # YAML front matter keys, e-mail headers ("from", "to", "cc", "subject", "date"), document
    # properties ("title", "created"): lower-case keys, plain string values.
    meta: dict[str, str] = field(default_factory=dict)
    format: str = ""  # the file type read: "md", "txt", "docx", "pdf", "odt", "eml", "msg", "html", "mht", "rtf",
    # "csv", "xlsx", "ods", "ics"
    warnings: list[str] = field(default_factory=list)  # reader-level notes, e.g. "Seite 2: per OCR gelesen"
    # What the file is: "protocol" (minutes), "attendance_report" (a meeting tool's export: participants,
    # date, start, end; no agenda), "attendance_list" (a spreadsheet list of who came), "invitation"
    # (a calendar invitation: invited, not present, people; date, times, agenda in the description).
    kind: str = "protocol"
