"""The document model every protocol reader produces, whatever the file format.

A reader turns a .md/.txt/.docx/.pdf/.odt/.eml/.msg file into one `Document`: an ordered sequence
of `Block`s (heading, paragraph, list item, table) with the line (and page, for PDF) each came from,
running page headers/footers removed and hard-wrapped lines re-joined. The protocol parser works on
blocks only, never on a file format.
"""

from __future__ import annotations

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

    @property
    def header(self) -> tuple[str, ...]:
        """The (last) header row of a table, or () when none is known."""
        return self.rows[self.header_rows - 1] if self.header_rows else ()

    @property
    def body_rows(self) -> tuple[tuple[str, ...], ...]:
        return self.rows[self.header_rows:]


@dataclass(slots=True)
class Document:
    """A protocol file as blocks plus the metadata the format carries (front matter, e-mail headers)."""

    source: str
    blocks: list[Block] = field(default_factory=list)
    # YAML front matter keys, e-mail headers ("from", "to", "cc", "subject", "date"), document
    # properties ("title", "created"): lower-case keys, plain string values.
    meta: dict[str, str] = field(default_factory=dict)
    format: str = ""  # "md", "txt", "docx", "pdf", "odt", "eml", "msg"
    warnings: list[str] = field(default_factory=list)  # reader-level notes, e.g. "Seite 2: per OCR gelesen"
