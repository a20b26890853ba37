"""Raw protocol lines -> `Line` records with Markdown/Word markup stripped.

The later steps match words, not markup: `**Datum:**`, `Teilnehmer\\*innen` and
`## 1. Begrüßung` must look like `Datum:`, `Teilnehmer*innen` and an item numbered 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
# Escaped characters hide in private-use code points while emphasis markers are removed.
_HIDE = {"*": "\ue000", "_": "\ue001", "#": "\ue002", "|": "\ue003", "-": "\ue004", "+": "\ue005"}
_UNHIDE = str.maketrans({v: k for k, v in _HIDE.items()})
_IMAGE = re.compile(r"!\[([^\]]{0,200})\]\([^)]{0,500}\)")
_LINK = re.compile(r"\[([^\]]{0,300})\]\([^)]{0,500}\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]{1,500})>")
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,10}(?:\s[^<>]{0,200})?/?>")
_STRONG = re.compile(r"\*\*|__|~~|`")
_EM_OPEN = re.compile(r"(?<![\w*])[*_](?=\S)")
_EM_CLOSE = re.compile(r"(?<=\S)[*_](?![\w*])")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})(?:\s+|$)")
_CLOSING_HASHES = re.compile(r"\s+#+\s*$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_RULE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|(?:=\s*){3,})$")
_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_PIPE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")
_BULLET = re.compile(r"^(\s*)(?:[-*+•·▪◦‣–—]|[a-h]\))\s+")
_NUMBERED = re.compile(r"^(\s*)(\d{1,2})[.)](?:\s+(?=\S)|(?=[A-ZÄÖÜ]))")
_WHOLE_BOLD = re.compile(r"^\s*(?:\*\*|__)(?P<inner>[^*_].{0,120}?)(?:\*\*|__)\s*:?\s*$")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")


@dataclass(frozen=True, slots=True)
class Line:
    """One input line; `text` is the markup-free content, `body` without list/heading markers."""

    no: int  # 1-based line number in the extracted line list
    raw: str
    text: str
    body: str
    level: int = 0  # heading level: Markdown '#', Word heading style, or 6 for a whole-bold line
    bullet: bool = False
    number: int | None = None  # list number of '1.' / '1)' items
    indent: int = 0
    cells: tuple[str, ...] | None = None  # table row: TAB- or pipe-separated cells
    rule: bool = False  # horizontal rule or table separator row, carries no content

    @property
    def blank(self) -> bool:
        return not self.text and self.cells is None


def strip_inline(text: str) -> str:
    """Remove emphasis, links, tags and escapes from one piece of text; fold spaces."""
    text = _ESCAPED.sub(lambda m: _HIDE.get(m.group(1), m.group(1)), text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    text = _STRONG.sub("", text)
    text = _EM_OPEN.sub("", text)
    text = _EM_CLOSE.sub("", text)
    text = text.translate(_UNHIDE)
    return _SPACES.sub(" ", text).strip()


def prepare(lines: list[str]) -> list[Line]:
    """All lines as `Line` records, numbered from 1; 'Titel' over '====' or '----' is a heading."""
    prepared = [prepare_line(no, raw) for no, raw in enumerate(lines, start=1)]
    for i in range(1, len(prepared)):
        line, above = prepared[i], prepared[i - 1]
        if line.rule and _SETEXT.match(line.raw) and above.text and above.cells is None and not (
                above.level or above.bullet or above.number is not None):
            prepared[i - 1] = replace(above, level=1 if "=" in line.raw else 2)
    return prepared


def prepare_line(no: int, raw: str) -> Line:
    """One raw line -> Line: heading level, list marker and table cells recognised."""
    line = raw.replace("\r", "").replace("\ufeff", "")
    if not line.strip():
        return Line(no, raw, "", "")
    if _RULE.match(line) or (line.lstrip().startswith("|") and _PIPE_RULE.match(line.strip())):
        return Line(no, raw, "", "", rule=True)
    level = 0
    if m := _WHOLE_BOLD.match(line):
        level = 6
    line = _QUOTE.sub("", line)
    if m := _HEADING.match(line):
        level = len(m.group(1))
        line = _CLOSING_HASHES.sub("", line[m.end():])
    cells = _cells(line)
    if cells is not None:
        text = "\t".join(cells)
        return Line(no, raw, text, text, level=level, cells=cells)
    indent = len(line) - len(line.lstrip(" \t"))
    bullet, number = False, None
    body_raw = line
    if m := _NUMBERED.match(line):
        number = int(m.group(2))
        body_raw = line[m.end():]
    elif m := _BULLET.match(line):
        bullet = True
        body_raw = line[m.end():]
    text = strip_inline(line)
    body = strip_inline(body_raw)
    if number is not None and not body:
        number = None
        body = text
    return Line(no, raw, text, body, level=level, bullet=bullet, number=number, indent=indent)


def _cells(line: str) -> tuple[str, ...] | None:
    """Cells of a TAB-separated row (Word tables) or a Markdown pipe-table row, else None."""
    stripped = line.strip()
    if "\t" in stripped:
        parts = stripped.split("\t")
    elif stripped.startswith("|") and stripped.count("|") >= 2:
        parts = _split_pipes(stripped.strip("|"))
    else:
        return None
    cells = tuple(strip_inline(part) for part in parts)
    if sum(1 for cell in cells if cell) < 2 and "\t" in stripped:
        return None  # TABs used for indentation or a one-cell row: an ordinary line
    if not any(cells):
        return None
    return cells


def _split_pipes(text: str) -> list[str]:
    # An escaped pipe (\|) belongs to the cell.
    return [part.replace("\ue003", "|") for part in text.replace("\\|", "\ue003").split("|")]
