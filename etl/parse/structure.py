"""A document's blocks grouped into sections with a role, the way a reader skims a protocol.

A section opens at a heading ("## Teilnehmende", "3. Aufgaben"), at a label line
("Entschuldigt: …", "**Ort:** Zoom") or at a key/value table row ("Datum | 22.03.2022"). A labelled
section keeps the blocks after it only while they look like what the label announces (a list of
people under "Teilnehmende:", not the prose that follows it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from etl.extract.document import Block, Document
from etl.parse import roles
from etl.parse.actions import sentences
from etl.parse.text import TextLine, logical_lines

HEAD = "head"  # the opening blocks before the first section


@dataclass
class Section:
    role: str | None  # a roles.* constant, HEAD, or None for a topic/plain section
    title: str  # the heading or label as written
    line: int
    page: int | None
    opener: str  # "heading", "label", "row" (key/value table row), "head", "continued"
    level: int = 0  # heading level of a "heading" section
    inline: list[TextLine] = field(default_factory=list)  # the label's value and its paragraph's further lines
    blocks: list[Block] = field(default_factory=list)
    parent_role: str | None = None  # role of the heading section a label section stands in
    outline: int | None = None  # the list level of an item that labels the items under it ('- Anwesend')

    @property
    def label_only(self) -> bool:
        return self.opener in ("label", "row")


Belongs = Callable[[Section, Block], bool]


_HEAD_FIELDS = (*roles.HEADER_ROLES, roles.WRITER, roles.CHAIR)


def _head_columns(block: Block) -> list[tuple[str, str, str, int]] | None:
    """(role, label, value, line) of a head written as a table with the labels on top ('Datum | Uhrzeit | Ort'
    over '28.01.2025 | 13:30 – 15:30 Uhr | Webex'): every header cell a head field, one or two rows of values."""
    rows = [r for r in block.rows if any(c.strip() for c in r)]
    if not 2 <= len(rows) <= 3:
        return None
    labels = [c.strip() for c in rows[0]]
    found_roles = [roles.role_of(c) if c else None for c in labels]
    if len([r for r in found_roles if r]) < 2 or any(c and r not in _HEAD_FIELDS for c, r in zip(labels, found_roles,
                                                                                                   strict=True)):
        return None
    lines = block.row_lines or tuple(block.line + i for i in range(len(block.rows)))
    line = lines[min(1, len(lines) - 1)]
    found = []
    for index, (label, role) in enumerate(zip(labels, found_roles, strict=True)):
        value = "\n".join(row[index].strip() for row in rows[1:] if index < len(row) and row[index].strip())
        if role and value:
            found.append((role, label, value, line))
    return found or None


def _kv_rows(block: Block) -> list[tuple[str, str, str, int]] | None:
    """(role, label, value, line) of a key/value table ('Datum | 22.03.2022'), or None for other tables."""
    rows = block.rows
    if rows and (columns := _head_columns(block)) is not None:
        return columns
    if not rows:
        return None
    filled = [[c for c in r if c.strip()] for r in rows]
    if max(len(r) for r in rows) > 3 and not (len(rows) <= 3 and all(
            not cells or roles.role_of(cells[0]) in _HEAD_FIELDS for cells in filled)):
        return None  # wider only as a few head rows: 'Sitzung: | 12.11.2025 | 14:00–15:30 | online (Teams)'
    lines = block.row_lines or tuple(block.line + i for i in range(len(rows)))
    found = []
    for i, row in enumerate(rows):
        cells = [c for c in row if c.strip()]
        if len(cells) < 2:
            continue
        role = roles.role_of(cells[0])
        if role in roles.PARTICIPANT_ROLES and all(roles.role_of(c) in roles.PARTICIPANT_ROLES for c in cells[1:]):
            continue  # 'Anwesend | Entschuldigt': the header of a column of people per status, not 'label | value'
        if role is not None:
            found.append((role, cells[0], "\n".join(cells[1:]), lines[i] if i < len(lines) else block.line))
    return found if found and len(found) * 2 >= len([r for r in rows if any(c.strip() for c in r)]) else None


def _label_in(block: Block, lines: list[TextLine], in_head: bool) -> tuple[str, str, list[TextLine]] | None:
    """(role, label text, inline lines) when the block's first line is a known label ('Ort: Zoom');
    in the head also a field without colon ('Sitzungsdatum 02.12.2022')."""
    if not lines:
        return None
    first = lines[0]
    found = roles.split_label(first.text)
    if found is None and in_head and block.kind == "paragraph" and len(lines) == 1:
        found = roles.bare_label(first.text)
    if found is None:
        bare = first.text.rstrip(":").strip()
        numbered = block.kind == "list_item" and block.marker[:1].isalnum()
        role = roles.heading_role(bare) if len(bare) <= 40 and (block.kind == "paragraph" or numbered) else None
        if role is None:
            return None
        # a lone 'Teilnehmende' line in a text file, or '3) Aufgaben' numbered like the topics, opens its section
        return role, bare, lines[1:]
    role, rest = found
    label = first.text.split(":", 1)[0] if ":" in first.text else first.text[: len(first.text) - len(rest)].strip()
    inline = ([TextLine(rest, first.line, first.page)] if rest else []) + lines[1:]
    return role, label, inline


_BODY_ROLES = (*roles.PARTICIPANT_ROLES, roles.AGENDA, roles.TASKS, roles.DECISIONS)
# Inside these sections the labels 'Termin:', 'Stand:', 'Status:' are fields of an entry, not new sections.
_FIELD_LABELS = {roles.TASKS: (roles.DATE, roles.OTHER, roles.END, roles.START, roles.TIME, roles.DECISIONS),
                 roles.DECISIONS: (roles.DATE, roles.OTHER)}


# Labels of people that inside a task or decision name who does it, not who attended ('Wer: Anna', 'Beteiligte: …').
_TASK_PEOPLE = ("wer", "beteiligte", "zugeschaltet")


def sections(document: Document, belongs: Belongs) -> list[Section]:
    """The document as sections in reading order; `belongs` decides whether a block stays in a labelled section."""
    first = document.blocks[0] if document.blocks else None
    result = [Section(HEAD, "", first.line if first else 1, first.page if first else None, "head")]
    heading_section = result[0]
    in_head = True
    checked = 1  # sections before this index were looked at for the end of the head
    parents = _outline_labels(document.blocks)
    for block in document.blocks:
        current = result[-1]
        if in_head and any(s.role in _BODY_ROLES or (s.opener == "heading" and s.role is None and s is not result[1])
                           for s in result[max(1, checked):]):
            in_head = False
        checked = len(result)
        if block.kind != "table" and (fields := _fields(block)):
            for field_role, label, value in fields:  # '**Wann:** … · **Wo:** Teams · **Wer:** A, B'
                if field_role in roles.PARTICIPANT_ROLES and label.strip().lower() in _TASK_PEOPLE \
                        and current.role in (roles.TASKS, roles.DECISIONS):
                    continue
                result.append(Section(field_role, label, block.line, block.page, "label",
                                      inline=[TextLine(value, block.line, block.page)] if value else [],
                                      parent_role=heading_section.role))
            continue
        if block.kind == "heading":
            text = block.text.replace("\n", " ").strip()
            role = roles.heading_role(text)
            if role is None and (found := roles.split_label(text)) and found[1]:
                role = found[0]  # '## Ort: Zoom' is a label written as a heading
                section = Section(role, text.split(":", 1)[0], block.line, block.page, "label",
                                  inline=[TextLine(found[1], block.line, block.page)],
                                  parent_role=heading_section.role)
                result.append(section)
                continue
            if role is None and current.label_only and current.role in roles.PARTICIPANT_ROLES and not current.inline \
                    and roles.top_heading(text) is None and belongs(current, block):
                current.blocks.append(block)  # 'Anwesend:' over '**HWK**' over its people: one list, by organisation
                continue
            inside = (heading_section.opener == "heading" and heading_section.role is not None
                      and role is None and block.level > heading_section.level and roles.top_heading(text) is None)
            if inside and current.label_only:
                current = _continue(result, heading_section, block)
            if inside:
                current.blocks.append(block)  # a sub-heading ('### PSG') inside a participant or task section
                continue
            section = Section(role, text, block.line, block.page, "heading", level=block.level)
            result.append(section)
            heading_section = section
            continue
        if block.kind == "table" and (rows := _kv_rows(block)) is not None:
            for role, label, value, line in rows:
                inline = [TextLine(part.strip(), line, block.page) for part in value.split("\n") if part.strip()]
                result.append(Section(role, label, line, block.page, "row", inline=inline,
                                      parent_role=heading_section.role))
            continue
        if id(block) in parents:
            role, label = parents[id(block)]
            result.append(Section(role, label, block.line, block.page, "label", parent_role=heading_section.role,
                                  outline=block.level))
            continue
        if current.outline is not None and (block.kind != "list_item" or block.level <= current.outline):
            current = _continue(result, heading_section, block)  # the items under '- Anwesend' end
        if block.kind in ("paragraph", "list_item"):
            lines = logical_lines(block)
            opened = _label_in(block, lines, in_head)
            context = current.role if current.opener != "head" else None
            if opened and (opened[0] in _FIELD_LABELS.get(context or "", ()) or (
                    opened[0] in roles.PARTICIPANT_ROLES and opened[1].strip(" *_").lower() in _TASK_PEOPLE
                    and context in (roles.TASKS, roles.DECISIONS))):
                opened = None  # 'Wer: Anna' in a task is its owner
            if opened and block.kind == "list_item" and ":" in lines[0].text and opened[0] not in \
                    roles.PARTICIPANT_ROLES + (roles.WRITER, roles.DECISIONS):
                opened = None  # '- Ort: …' in a list is an item, not a section
            if opened:
                role, label, inline = opened
                result.append(Section(role, label, block.line, block.page, "label", inline=inline,
                                      parent_role=heading_section.role))
                continue
        if current.label_only and not belongs(current, block):
            current = _continue(result, heading_section, block)
        elif current.opener == "heading" and current.role is not None and not belongs(current, block):
            current = _continue(result, heading_section, block)
        current.blocks.append(block)
    return result


_FIELD_SEP = re.compile(r"\s+[·•|]\s+|\s{3,}")


def _fields(block: Block) -> list[tuple[str, str, str]] | None:
    """(role, label, value) of each field of a one-line block that holds several ('Wann: … · Wo: Teams ·
    Wer: A, B'), when every piece starts with a known label; None otherwise."""
    if "\n" in block.text or ":" not in block.text:
        return None
    pieces = [p for p in _FIELD_SEP.split(block.text.strip()) if p.strip()]
    if len(pieces) < 2:
        return _sentence_fields(block.text.strip())
    found: list[tuple[str, str, str]] = []
    for piece in pieces:
        split = roles.split_label(piece)
        if split is None:
            if found and ":" not in piece:
                role, label, value = found[-1]  # 'Wer: A (X) | B (Y)': the list goes on
                found[-1] = (role, label, f"{value}, {piece.strip()}")
                continue
            return None
        found.append((split[0], piece.split(":", 1)[0].strip(), split[1]))
    return found if len(found) >= 2 else None


def _outline_labels(blocks: list[Block]) -> dict[int, tuple[str, str]]:
    """(role, label) of each list item that only says a status over the items nested under it, as an outline
    (Logseq, OneNote, nested bullets) writes '- Anwesend' over '  - Anna Berg (HWK)'; by the item's id."""
    found: dict[int, tuple[str, str]] = {}
    for block, after in zip(blocks, blocks[1:], strict=False):
        if block.kind != "list_item" or after.kind != "list_item" or after.level <= block.level:
            continue
        bare = block.text.strip().rstrip(":").strip()
        if len(bare) <= 40 and (role := roles.heading_role(bare)) in roles.PARTICIPANT_ROLES:
            found[id(block)] = (role, bare)
    return found


_SENTENCE_FIELDS = (*roles.PARTICIPANT_ROLES, *_HEAD_FIELDS)


def _sentence_fields(text: str) -> list[tuple[str, str, str]] | None:
    """(role, label, value) of each sentence of a paragraph that writes the head's fields one after another
    ('Vorsitz: Anna Berg. Niederschrift: Jan Ohm (HWK). Als Gast: Eva Kern.'), when every sentence opens with a
    label of the head or of people; None otherwise."""
    said = sentences(text)
    if len(said) < 2:
        return None
    found: list[tuple[str, str, str]] = []
    for sentence, _ in said:
        split = roles.split_label(sentence)
        if split is None or split[0] not in _SENTENCE_FIELDS or not split[1]:
            return None
        found.append((split[0], sentence.split(":", 1)[0].strip(), split[1]))
    return found if any(role in roles.PARTICIPANT_ROLES for role, _, _ in found) else None


def _continue(result: list[Section], heading_section: Section, block: Block) -> Section:
    """The text after a labelled section ends: it belongs to the heading section around it again."""
    role = HEAD if heading_section.opener == "head" else heading_section.role
    if role in roles.PARTICIPANT_ROLES or role in roles.QUIET_ROLES or role == roles.AGENDA:
        role = None  # prose after a list of people or an agenda is running text
    section = Section(role, heading_section.title, block.line, block.page, "continued",
                      level=heading_section.level, parent_role=heading_section.role)
    result.append(section)
    return section
