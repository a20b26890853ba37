"""The document's layout: repeated page headers (noise), list blocks, and body paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.protocol import agenda, participants
from etl.protocol.headings import (
    ACTIONS,
    AGENDA,
    DECISIONS,
    PARTICIPANT_KINDS,
    is_heading,
    label,
    section_heading,
)
from etl.protocol.markup import Line
from etl.resolve.registry import Registry
from vocab.keys import name_key

_PAGE_LINE = re.compile(r"^(?:-\s*)?(?:Seite|Page)\s*\d{1,4}(?:\s*(?:von|/|of)\s*\d{1,4})?(?:\s*-)?$", re.I)


@dataclass
class Block:
    kind: str  # present/excused/absent/guest, agenda, actions, decisions
    start: int  # index of the heading line
    end: int  # index after the last line


@dataclass
class Paragraph:
    """Consecutive body lines read as one text (wrapped sentences meet again), with line numbers."""

    text: str
    kind: str  # text, item, heading, row
    section: str | None  # actions/decisions when inside such a section
    starts: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, line number)
    cells: tuple[str, ...] | None = None
    level: int = 0

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


def title_block(lines: list[Line]) -> list[int]:
    """Indices of the opening heading lines (title, 'Protokoll'), which page headers repeat later."""
    block: list[int] = []
    for i, line in enumerate(lines[:15]):
        if line.blank or line.rule:
            continue
        if label(line) or section_heading(line) or line.cells is not None:
            break
        if line.level or not block:
            block.append(i)
            if len(block) == 3:
                break
            continue
        break
    return block


def noise_lines(lines: list[Line]) -> set[int]:
    """Repetitions of the title block further down (page headers pasted into the text) and 'Seite n'."""
    head = title_block(lines)
    keys = {name_key(lines[i].text) for i in head if name_key(lines[i].text)}
    last = head[-1] if head else -1
    noise: set[int] = set()
    for i, line in enumerate(lines):
        if line.blank:
            continue
        if _PAGE_LINE.match(line.text):
            noise.add(i)
        elif i > last and name_key(line.text) in keys and (line.level or line.text in
                                                            {lines[h].text for h in head}):
            noise.add(i)
    return noise


def scan(lines: list[Line], noise: set[int], organisations: Registry | None = None) -> list[Block]:
    """The participant, agenda, action and decision blocks in reading order."""
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        heading = None if (i in noise or line.blank or line.rule) else section_heading(line)
        if heading is None:
            i += 1
            continue
        kind = heading[0]
        if kind in PARTICIPANT_KINDS:
            end = participants.block_end(lines, i, noise, organisations)
        elif kind == AGENDA:
            end = agenda.collect(lines, i, noise)[1]
        elif heading[1]:
            end = i + 1  # 'Beschluss: …' / 'To-do: …' is one entry, not the head of a section
        else:
            end = _section_end(lines, i, noise)
        blocks.append(Block(kind, i, end))
        i = max(end, i + 1)
    return blocks


def _section_end(lines: list[Line], start: int, noise: set[int]) -> int:
    """Action/decision sections run to the next heading that is not a sub-heading of theirs."""
    level = lines[start].level
    i = start + 1
    while i < len(lines):
        line = lines[i]
        if i not in noise and not line.blank and is_heading(line):
            if not (level and line.level > level) and not _is_task_row_label(line):
                break
        i += 1
    return i


def _is_task_row_label(line: Line) -> bool:
    # 'Termin: 15.06.' or 'Verantwortlich: PSG' inside a task list are fields, not new sections
    found = label(line)
    return bool(found and found[0] in ("date", "other") and line.level == 0 and line.cells is None)


def paragraphs(lines: list[Line], body: list[int], blocks: list[Block]) -> list[Paragraph]:
    """Body lines grouped into paragraphs, list items and table rows, each knowing its section."""
    section_of: dict[int, str] = {}
    for block in blocks:
        if block.kind in (ACTIONS, DECISIONS):
            for i in range(block.start, block.end):
                section_of[i] = block.kind
    result: list[Paragraph] = []
    current: Paragraph | None = None
    for i in body:
        line = lines[i]
        section = section_of.get(i)
        if line.blank or line.rule:
            current = None
            continue
        if line.cells is not None:
            result.append(Paragraph(line.text, "row", section, [(0, line.no)], line.cells, line.level))
            current = None
            continue
        if line.level or is_heading(line):
            result.append(Paragraph(line.body, "heading", section, [(0, line.no)], level=line.level))
            current = None
            continue
        if line.number is not None or line.bullet:
            current = Paragraph(line.body, "item", section, [(0, line.no)])
            result.append(current)
            continue
        if current is not None and current.section == section and not _gap(lines, i, current):
            text = current.text
            if re.search(r"[a-zäöüß]-$", text) and line.body[:1].islower():
                current.text = text[:-1] + line.body  # 'Fach-' + 'kräfte' wrapped by a PDF
                current.starts.append((len(text) - 1, line.no))
            else:
                current.text = f"{text} {line.body}"
                current.starts.append((len(text) + 1, line.no))
            continue
        current = Paragraph(line.body, "text", section, [(0, line.no)])
        result.append(current)
    return result


def _gap(lines: list[Line], i: int, current: Paragraph) -> bool:
    """True when body line i does not continue the paragraph: it does not directly follow its last
    line, or that line was short and complete (an unmarked heading in PDF text) and a new sentence starts."""
    if lines[i].no != current.starts[-1][1] + 1:
        return True
    previous = current.text[current.starts[-1][0]:]
    return len(previous) < 50 and not previous.rstrip().endswith((",", ";", ":", "-")) and (
        lines[i].body[:1].isupper() or lines[i].body[:1] in "„\"")
