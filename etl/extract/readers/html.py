"""HTML (an e-mail body) -> classified lines, with html.parser from the standard library.

Headings h1–h6, paragraphs and line breaks, lists (ol numbered, ul bulleted, nested), tables (th or
thead rows as header rows) become the same `SourceLine`s the text reader makes; a definition list (dl: 'Datum'
over its value, as wikis write a page's properties) becomes a key/value table, one row per term; script, style
and quoted replies (<blockquote>) are dropped. Lines are counted as the text shows them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from etl.extract.readers.inline import clean
from etl.extract.readers.layout import SourceLine
from etl.extract.readers.plain import classify

_BLOCK = {"p", "div", "section", "article", "header", "footer", "main", "address", "pre", "center", "hr", "body",
          "html", "form", "fieldset", "figure", "figcaption", "caption"}
_SKIP = {"script", "style", "head", "title", "template", "noscript", "blockquote", "object", "svg", "iframe"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BOLD = {"b", "strong"}
_STRUCK = {"s", "strike", "del"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr", "source", "embed", "param",
         "track"}

_SPACE = re.compile(r"[ \t\r\n\f]+")
_PRE_STYLE = re.compile(r"white-space\s*:\s*pre", re.IGNORECASE)


@dataclass
class _Table:
    rows: list[tuple[list[str], list[bool]]] = field(default_factory=list)  # cells, [in thead or all th]
    cell: list[str] | None = None
    in_head: bool = False
    terms: bool = False  # a definition list: each dt starts a row, its dd are the value cell


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[SourceLine] = []
        self.buffer: list[str] = []
        self.heading = 0
        self.skip = 0
        self.lists: list[list[int | None]] = []  # per open list: [counter or None for bullets]
        self.item_marker: str | None = None
        self.item_depth = 0
        self.tables: list[_Table] = []
        self.bold_depth = 0
        self.bold_text = False
        self.plain_text = False
        self.number = 0
        self.pre: list[str] = []  # open elements that keep their line breaks (<pre>, white-space: pre…)

    # --- text collection --------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if not self.pre:  # a line break in the source is a space, as a browser shows it; <br> breaks lines
            data = _SPACE.sub(" ", data)
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.append(data)
            return
        self.buffer.append(data)
        if data.strip():
            if self.bold_depth:
                self.bold_text = True
            else:
                self.plain_text = True

    def _flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        bold_only = self.bold_text and not self.plain_text
        self.bold_text = self.plain_text = False
        for index, piece in enumerate(text.split("\n")):
            cleaned = clean(piece.replace("\t", " "))
            if not cleaned:
                continue
            self.number += 1
            if self.heading:
                self.lines.append(SourceLine(cleaned, self.number, kind="heading", level=self.heading))
            elif self.item_marker is not None and index == 0:
                indent = 4 * self.item_depth
                self.lines.append(SourceLine(cleaned, self.number, kind="item", marker=self.item_marker,
                                             indent=indent, body_indent=indent + 4, width=len(cleaned)))
                self.item_marker = None
            else:
                before = len(self.lines)
                classify(cleaned, self.number, self.lines, markdown=False)
                added = self.lines[before:]
                if bold_only and len(added) == 1 and added[0].kind == "text" and not added[0].field \
                        and len(cleaned) <= 100:
                    self.lines[-1] = SourceLine(cleaned, self.number, kind="heading", level=6)

    def _break_block(self) -> None:
        self._flush()
        if self.lines and self.lines[-1].kind != "blank":
            self.lines.append(SourceLine("", self.number, kind="blank"))

    # --- tags --------------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        if tag in _BOLD:
            self.bold_depth += 1
        if tag == "pre" or _PRE_STYLE.search(next((v or "" for n, v in attrs if n == "style"), "")):
            self.pre.append(tag)
        if tag == "br":
            if self.tables and self.tables[-1].cell is not None:
                self.tables[-1].cell.append("\n")
            else:
                self.buffer.append("\n")
            return
        if self.tables and self.tables[-1].terms and tag in ("dt", "dd"):
            table = self.tables[-1]
            if tag == "dt" or not table.rows:
                table.rows.append(([], [False]))
            if tag == "dd" and len(table.rows[-1][0]) >= 2:
                table.cell = [table.rows[-1][0].pop(), "\n"]  # a further value of the same term
            else:
                table.cell = []
            return
        if self.tables and self.tables[-1].cell is not None and tag in _BLOCK | {"li"}:
            self.tables[-1].cell.append("\n")  # a paragraph or list item inside a cell
            return
        if tag == "dl" and not (self.tables and self.tables[-1].cell is not None):
            self._break_block()
            self.tables.append(_Table(terms=True))
        elif tag in ("dl", "dt", "dd"):
            self._break_block()
        elif tag == "table":
            self._break_block()
            self.tables.append(_Table())
        elif tag == "thead" and self.tables:
            self.tables[-1].in_head = True
        elif tag == "tr" and self.tables:
            self.tables[-1].rows.append(([], [True]))
        elif tag in ("td", "th") and self.tables:
            table = self.tables[-1]
            if not table.rows:
                table.rows.append(([], [True]))
            table.cell = []
            if tag == "td" and not table.in_head:
                table.rows[-1][1][0] = False
            span = next((value for name, value in attrs if name == "colspan"), None)
            table.rows[-1][0].extend([""] * (min(int(span), 64) - 1 if span and span.isdigit() else 0))
        elif tag in _HEADINGS:
            self._break_block()
            self.heading = _HEADINGS[tag]
        elif tag in ("ul", "ol"):
            self._break_block()
            start = next((value for name, value in attrs if name == "start"), None)
            self.lists.append([int(start) - 1 if tag == "ol" and start and start.isdigit() else
                               (0 if tag == "ol" else None)])
        elif tag == "li":
            self._break_block()
            marker = "•"
            if self.lists and self.lists[-1][0] is not None:
                self.lists[-1][0] = (self.lists[-1][0] or 0) + 1
                marker = f"{self.lists[-1][0]}."
            self.item_marker = marker
            self.item_depth = max(0, len(self.lists) - 1)
        elif tag in _BLOCK:
            self._break_block()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag in _BOLD:
            self.bold_depth = max(0, self.bold_depth - 1)
        if self.pre and self.pre[-1] == tag:
            self.pre.pop()
        if tag in _STRUCK:  # '<s>Anna Berg</s>' struck from a list: did not come (as in Word, see docx.py)
            target = self.tables[-1].cell if self.tables and self.tables[-1].cell is not None else self.buffer
            if target and target[-1].strip():
                target.append(" (durchgestrichen)")
        if tag in ("dt", "dd") and self.tables and self.tables[-1].terms:
            table = self.tables[-1]
            if table.cell is not None and table.rows:
                text = "\n".join(c for piece in "".join(table.cell).split("\n") if (c := clean(piece)))
                table.rows[-1][0].append(text)
            table.cell = None
            return
        if tag == "dl" and self.tables and self.tables[-1].terms:
            self._emit_table(self.tables.pop())
            return
        if tag in ("td", "th") and self.tables and (cell := self.tables[-1].cell) is not None:
            table = self.tables[-1]
            text = "\n".join(c for piece in "".join(cell).split("\n") if (c := clean(piece)))
            table.rows[-1][0].append(text)
            table.cell = None
        elif tag == "thead" and self.tables:
            self.tables[-1].in_head = False
        elif tag == "table" and self.tables:
            self._emit_table(self.tables.pop())
        elif tag in _HEADINGS:
            self._flush()
            self.heading = 0
            self._break_block()
        elif tag in ("ul", "ol"):
            self._break_block()
            if self.lists:
                self.lists.pop()
        elif tag in ("li", "dl", "dt", "dd") or tag in _BLOCK:
            if self.tables and self.tables[-1].cell is not None:
                return  # the end of a paragraph inside a cell
            self._break_block()

    def _emit_table(self, table: _Table) -> None:
        rows = [(tuple(cells), header[0]) for cells, header in table.rows if any(cells)]
        header_count = 0
        while header_count < len(rows) - 1 and rows[header_count][1]:
            header_count += 1
        for index, (cells, _) in enumerate(rows):
            self.number += 1
            self.lines.append(SourceLine("\t".join(cells), self.number, kind="row", cells=cells,
                                         header=index < header_count))
        self.lines.append(SourceLine("", self.number, kind="blank"))

    def close(self) -> None:
        super().close()
        self._break_block()


def html_lines(html: str) -> list[SourceLine]:
    """Classified lines of an HTML document (an e-mail body)."""
    converter = _Converter()
    converter.feed(html)
    converter.close()
    return converter.lines
