"""The agenda: an 'Agenda'/'Tagesordnung' section, else the 'TOP n' or numbered section headings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.extract.document import Block
from etl.parse import roles
from etl.parse.structure import Section
from etl.parse.text import logical_lines
from vocab.keys import clean, name_key

_HEADER_CELLS = {"top", "nr", "nr.", "#", "thema", "themen", "tagesordnungspunkt", "inhalt", "zeit",
                 "uhrzeit", "verantwortlich", "wer", "referent", "referentin", "referent*in", "punkt",
                 "dauer", "gegenstand", "tagesordnungspunkte", "beschreibung", "ziel", "vortragende"}
# Cells that hold a number, a time or a duration, not the topic of an agenda row.
_CELL_SKIP = re.compile(r"^(?:TOP\s*)?\d{1,2}[a-z]?[.)]?$"
                        r"|^\d{1,2}[:.]\d{2}(?:\s*(?:-|–|bis)\s*\d{1,2}[:.]\d{2})?(?:\s*Uhr)?$"
                        r"|^\d{1,3}\s*(?:min\.?|minuten|['‘’]|h)$", re.IGNORECASE)
_NUMBER = re.compile(r"^(?:TOP\s*)?(\d{1,2})[.)]?$", re.I)
_LEADING_NUMBER = re.compile(r"^(?:TOP\s*)?\d{1,2}[a-z]?\s*[.):–-]\s*|^TOP\s*\d{1,2}[a-z]?\s+", re.I)


@dataclass
class AgendaItem:
    text: str
    line: int
    number: int | None = None


def marker_number(block: Block) -> int | None:
    m = _NUMBER.match(block.marker.strip()) if block.marker else None
    return int(m.group(1)) if m else None


def continues_item(before: list[Block], block: Block) -> bool:
    """A paragraph right under a list item (no blank line) carries on that item's text."""
    last = before[-1] if before else None
    if last is None or last.kind != "list_item" or block.kind != "paragraph" or "\n" in block.text:
        return False
    if name_key(block.text) in {name_key(_item_text(b.text)) for b in before}:
        return False  # the first item repeated as its section's heading (PDF text without blank lines)
    end = last.lines[-1] if last.lines else last.line
    return block.line == end + 1 and not block.text.rstrip().endswith(".")


def _item_text(text: str) -> str:
    top = roles.top_heading(text)
    value = top[1] if top else _LEADING_NUMBER.sub("", text)
    return (clean(value) or "").rstrip(":").strip() or (f"TOP {top[0]}" if top else "")


def from_section(section: Section) -> list[AgendaItem]:
    """Items of an agenda section: inline ('Tagesordnung: A; B'), list items, table rows or lines."""
    items: list[AgendaItem] = []
    if section.inline:
        text = " ".join(line.text for line in section.inline)
        for part in re.split(r"\s*;\s*|\s+(?=(?:TOP\s*)?\d{1,2}[.)]\s)", text):
            if value := _item_text(part):
                items.append(AgendaItem(value, section.inline[0].line))
    for block in section.blocks:
        if block.kind == "heading":
            continue
        if block.kind == "table":
            items += _table_items(block)
            continue
        text = " ".join(line.text for line in logical_lines(block))
        if not text:
            continue
        if block.kind == "list_item" and block.level > 0 and items:
            items[-1].text = f"{items[-1].text}; {_item_text(text)}"
            continue
        if items and continues_item(section.blocks[:section.blocks.index(block)], block):
            items[-1].text = f"{items[-1].text} {text}"
            continue
        items.append(AgendaItem(_item_text(text), block.line, marker_number(block)))
    return [item for item in items if item.text]


def _table_items(block: Block) -> list[AgendaItem]:
    items: list[AgendaItem] = []
    lines = block.row_lines or tuple(block.line + i for i in range(len(block.rows)))
    for i, row in enumerate(block.rows):
        cells = [c.strip() for c in row if c.strip()]
        if i < block.header_rows or {c.lower().rstrip(":") for c in cells} <= _HEADER_CELLS:
            continue
        texts = [c for c in cells if not _CELL_SKIP.match(c)]
        if texts:
            number = next((int(m.group(1)) for c in cells if (m := _NUMBER.match(c))), None)
            items.append(AgendaItem(_item_text(texts[0]), lines[i] if i < len(lines) else block.line, number))
    return items


def from_headings(sections: list[Section]) -> list[AgendaItem]:
    """Without an agenda section: 'TOP n' headings, else numbered headings, else numbered paragraph heads."""
    tops: list[AgendaItem] = []
    seen: set[str] = set()
    numbered: list[AgendaItem] = []
    for section in sections:
        if section.opener == "heading":
            texts = [(section.title, section.line)]
        else:
            texts = []
        texts += [(b.text, b.line) for b in section.blocks if b.kind == "heading"]
        texts += [(b.text.split("\n")[0], b.line) for b in section.blocks
                  if b.kind == "paragraph" and roles.top_heading(b.text.split("\n")[0])
                  and len(b.text.split("\n")[0]) <= 120]
        for text, line in texts:
            top = roles.top_heading(text)
            if top and top[0].lower() not in seen:
                seen.add(top[0].lower())
                tops.append(AgendaItem(_item_text(text), line, int(re.match(r"\d+", top[0]).group(0))))  # type: ignore[union-attr]
            elif (m := re.match(r"^(\d{1,2})[.)]?\s+(?=\S)", text)) and section.opener == "heading":
                numbered.append(AgendaItem(_item_text(text), line, int(m.group(1))))
    if tops:
        return sorted(tops, key=lambda item: item.line)
    if len(numbered) >= 2:
        return numbered
    return _numbered_paragraph_heads(sections)


def _numbered_paragraph_heads(sections: list[Section]) -> list[AgendaItem]:
    """'1. Begrüßung' list items that head a paragraph (not a run of list items), numbered 1, 2, 3 …"""
    blocks = [b for s in sections if s.role not in roles.PARTICIPANT_ROLES for b in s.blocks]
    heads: list[AgendaItem] = []
    for i, block in enumerate(blocks):
        number = marker_number(block)
        if block.kind != "list_item" or number != len(heads) + 1 or len(block.text) > 100 \
                or block.text.rstrip().endswith((".", ",", ";")):
            continue
        follower = blocks[i + 1] if i + 1 < len(blocks) else None
        if follower is not None and follower.kind in ("paragraph", "table"):
            heads.append(AgendaItem(_item_text(block.text.replace("\n", " ")), block.line, number))
    return heads if len(heads) >= 2 else []


def item_keys(items: list[AgendaItem]) -> set[str]:
    return {name_key(item.text) for item in items} - {""}
