"""Logical lines and running text taken from blocks, each offset mapped back to its source line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.extract.document import Block


@dataclass(frozen=True, slots=True)
class TextLine:
    """One logical line of a block (a wrapped line already re-joined by the reader)."""

    text: str
    line: int
    page: int | None = None


@dataclass
class Span:
    """A piece of running text (a paragraph, list item, heading or table row) with the source line at
    each offset, so a fact found inside it can name its line."""

    text: str
    kind: str  # text, item, heading, row
    section: str | None  # the role of the section it stands in (tasks, decisions, …)
    starts: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, line number)
    page: int | None = None
    cells: tuple[str, ...] | None = None
    marker: str = ""
    header: tuple[str, ...] = ()  # a table row's header cells, when the table has a header

    def line_at(self, offset: int) -> int:
        line = self.starts[0][1]
        for start, no in self.starts:
            if start > offset:
                break
            line = no
        return line

    @property
    def line(self) -> int:
        return self.starts[0][1]


# Runs of spaces, tabs and non-breaking spaces, to be written as one space. A single plain space is left out of
# the pattern (replacing it by itself changes nothing and costs a replacement per word).
_SPACES = re.compile(r" [ \t\u00a0\u2007\u202f]+|[\t\u00a0\u2007\u202f][ \t\u00a0\u2007\u202f]*")


# Memoised per block object: structure, header and participants each read the same blocks' lines. Keyed by
# identity, not by the block's value: hashing a block hashes all its rows and cells on every call. The entry keeps
# its block, so an id is not reused while it is cached.
_LINES: dict[int, tuple[Block, tuple[TextLine, ...]]] = {}


def logical_lines(block: Block) -> list[TextLine]:
    """The block's text split into its logical lines, each with its source line (tables: one per row)."""
    hit = _LINES.get(id(block))
    if hit is None or hit[0] is not block:
        if len(_LINES) >= 4096:
            _LINES.clear()
        hit = _LINES[id(block)] = (block, tuple(_split_lines(block)))
    return list(hit[1])


def _split_lines(block: Block) -> list[TextLine]:
    if block.kind == "table":
        rows = block.rows
        lines = block.row_lines or tuple(block.line + i for i in range(len(rows)))
        return [TextLine(" | ".join(c for c in row if c), lines[i] if i < len(lines) else block.line, block.page)
                for i, row in enumerate(rows)]
    parts = block.text.split("\n")
    result: list[TextLine] = []
    for i, part in enumerate(parts):
        no = block.lines[i] if i < len(block.lines) else block.line + (i if not block.lines else 0)
        text = _SPACES.sub(" ", part).strip()
        if text:
            result.append(TextLine(text, no, block.page))
    return result


def join(lines: list[TextLine], kind: str, section: str | None, marker: str = "") -> Span | None:
    """Lines read as one text: wrapped sentences meet again, a hyphen at a line end joins the word."""
    if not lines:
        return None
    span = Span(lines[0].text, kind, section, [(0, lines[0].line)], lines[0].page, marker=marker)
    for line in lines[1:]:
        text = span.text
        if re.search(r"[a-zäöüß]-$", text) and line.text[:1].islower():
            span.text = text[:-1] + line.text
            span.starts.append((len(text) - 1, line.line))
        elif re.search(r"\w-$", text) and line.text[:1].isupper():
            span.text = text + line.text  # 'Hans-' + 'Peter': a compound broken at its hyphen
            span.starts.append((len(text), line.line))
        else:
            span.text = f"{text} {line.text}"
            span.starts.append((len(text) + 1, line.line))
    return span
