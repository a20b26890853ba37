"""The agenda: an 'Agenda'/'Tagesordnung' list, else the 'TOP n' or numbered section headings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.protocol.headings import is_heading, section_heading, top_heading
from etl.protocol.markup import Line
from vocab.keys import clean, name_key

_HEADER_CELLS = {"top", "nr", "nr.", "#", "thema", "themen", "tagesordnungspunkt", "inhalt", "zeit",
                 "uhrzeit", "verantwortlich", "wer", "referent", "referentin", "referent*in", "punkt",
                 "dauer", "gegenstand"}
# Cells that hold a number, a time or a duration, not the topic of an agenda row.
_CELL_SKIP = re.compile(r"^(?:TOP\s*)?\d{1,2}[a-z]?[.)]?$"
                        r"|^\d{1,2}[:.]\d{2}(?:\s*(?:-|–|bis)\s*\d{1,2}[:.]\d{2})?(?:\s*Uhr)?$"
                        r"|^\d{1,3}\s*(?:min\.?|minuten)$", re.IGNORECASE)


@dataclass
class AgendaItem:
    text: str
    line: int
    number: int | None = None


def _number(line: Line) -> int | None:
    if line.number is not None:
        return line.number
    top = top_heading(line)
    if top and (m := re.match(r"\d+", top[0])):
        return int(m.group(0))
    return None


def _item_text(line: Line) -> str:
    top = top_heading(line)
    text = top[1] if top else line.body
    return (clean(text) or "").rstrip(":").strip() or (f"TOP {top[0]}" if top else "")


def collect(lines: list[Line], start: int, noise: set[int]) -> tuple[list[AgendaItem], int]:
    """Items of the agenda list opened at `start`, and the index just after the list.

    A line without a list marker continues the previous item (wrapped text); a blank line
    ends the list unless the numbering goes on after it.
    """
    items: list[AgendaItem] = []
    heading = section_heading(lines[start])
    rest = heading[1] if heading else ""
    for part in re.split(r"\s*;\s*|\s+(?=\d{1,2}\.\s)", rest):
        if text := clean(re.sub(r"^\d{1,2}[.)]\s*", "", part)):
            items.append(AgendaItem(text, lines[start].no))
    mode: str | None = None
    base_indent = 0
    pending_blank = False
    end = start + 1
    i = start + 1
    while i < len(lines):
        line = lines[i]
        if i in noise or line.rule:
            i += 1
            continue
        if line.blank:
            pending_blank = True
            i += 1
            continue
        if line.level:
            break
        number = _number(line)
        if line.cells is not None:
            if pending_blank and mode not in (None, "table"):
                break
            cells = [c for c in line.cells if c]
            if {c.lower().rstrip(":") for c in cells} <= _HEADER_CELLS:
                mode = "table"
            else:
                texts = [c for c in cells if not _CELL_SKIP.match(c)]
                if texts:
                    items.append(AgendaItem(texts[0], line.no, number))
                    mode = "table"
        elif number is not None or line.bullet:
            if mode is None:
                mode = "numbered" if number is not None else "bullet"
                base_indent = line.indent
            main = (number is not None) if mode == "numbered" else line.bullet
            if main and line.indent > base_indent + 1:
                main = False  # deeper indentation: a sub-item
            if mode in ("plain", "table"):
                main = True
            last = items[-1].number if items else None
            if main and mode == "numbered" and number is not None and last is not None and number <= last:
                break  # numbering starts again: the sections below repeat the agenda as headings
            if pending_blank and items and (not main or (mode == "numbered" and last is not None
                                                         and number != last + 1)):
                break
            if main:
                items.append(AgendaItem(_item_text(line), line.no, number))
            elif items:
                items[-1].text = f"{items[-1].text}; {_item_text(line)}"
        elif is_heading(line):
            break
        else:
            if pending_blank and items:
                break
            if name_key(line.body) in {name_key(item.text) for item in items}:
                break  # an item repeated as the heading of its section (PDFs have no blank lines)
            if mode in ("numbered", "bullet") and items:
                items[-1].text = f"{items[-1].text} {line.body}".strip()
            else:
                mode = "plain"
                items.append(AgendaItem(line.body, line.no))
        pending_blank = False
        end = i + 1
        i += 1
    return [item for item in items if item.text], end


def from_headings(lines: list[Line], body: list[int], noise: set[int]) -> list[AgendaItem]:
    """Without an agenda list: 'TOP n' headings, else numbered headings (Markdown/Word or '1. …' lines)."""
    tops: list[AgendaItem] = []
    seen: set[str] = set()
    for i in body:
        top = top_heading(lines[i])
        if top and top[0].lower() not in seen:
            seen.add(top[0].lower())
            tops.append(AgendaItem(_item_text(lines[i]), lines[i].no, _number(lines[i])))
    if tops:
        return tops
    numbered = [AgendaItem(lines[i].body, lines[i].no, lines[i].number) for i in body
                if lines[i].level and lines[i].number is not None]
    if numbered:
        return numbered
    return _numbered_paragraph_heads(lines, body, noise)


def _numbered_paragraph_heads(lines: list[Line], body: list[int], noise: set[int]) -> list[AgendaItem]:
    """'1. Begrüßung' lines that head a paragraph (not a run of list items), numbered 1, 2, 3 …"""
    body_set = set(body)
    heads: list[AgendaItem] = []
    for i in body:
        line = lines[i]
        if line.number != len(heads) + 1 or len(line.body) > 100 or line.body.endswith((".", ",", ";")):
            continue
        j = i + 1
        while j < len(lines) and (lines[j].blank or j in noise):
            j += 1
        if j < len(lines) and j in body_set and lines[j].number is None and not lines[j].bullet:
            heads.append(AgendaItem(line.body, line.no, line.number))
    return heads if len(heads) >= 2 else []
