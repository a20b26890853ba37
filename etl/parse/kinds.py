"""What the kind of a file (`Document.kind`, set by the reader) changes in reading its facts.

- "protocol": everything as written.
- "attendance_report" (a Teams/Zoom/Webex export) and "attendance_list" (a spreadsheet of who came):
  such a file has no agenda by nature, so its missing agenda is no warning. Date, start, end and place
  come from the text the reader writes, else from `meta` (the header reads meta keys as head fields).
  Everyone in its table was there, unless a status or mark column says otherwise (the report reader
  writes "anwesend"; the table parser reads any status column).
- "invitation" (.ics): an invitation is written before the meeting. Its attendees table says who was
  invited and how each replied, not who came: "zugesagt" is an intention, not proof of presence, and
  "keine Antwort" says nothing. So a careful reader takes from an invitation
  * no one as present from the invitees table, the organiser or an invitation text ("Teilnehmerkreis:
    …", "Frau X stellt … vor" in the description plans the meeting, it does not record it);
  * an invitee who declined ("abgesagt") as excused: they told the organiser they would not come,
    which is what "entschuldigt" records; the note "Einladung abgesagt" says where it comes from;
  * the participants list of a protocol in the description as written (a minute taker sometimes sends
    the minutes as an updated invitation): the description reads as a protocol when a block starts with
    "Protokoll", "Ergebnisprotokoll", "Niederschrift" … or a list is labelled "Anwesend"/"Anwesende" —
    words nobody writes before a meeting. Such a list wins over a reply ("abgesagt" but listed present).
  An invitation without such a protocol gives the meeting (title, date, times, place, agenda) and the
  excused; its warning says that the invited are not counted as participants.
"""

from __future__ import annotations

import re
from dataclasses import replace

from etl.core.registry import Registry
from etl.extract.document import Block, Document
from etl.extract.readers.ics import DECLINED, INVITED_COLUMNS, INVITED_HEADING
from etl.parse import roles
from etl.parse.entries import Entry, parse_entry
from etl.parse.model import Participant
from etl.parse.participants import Outcome
from vocab.keys import name_key

WITHOUT_AGENDA = ("attendance_report", "attendance_list")
_PROTOCOL = re.compile(r"^\W*(?:(?:ergebnis|sitzungs|kurz|besprechungs|gesprächs)?protokoll|niederschrift"
                       r"|gesprächsnotiz|aktennotiz|anwesend[e]?\b|teilgenommen\s+haben)", re.IGNORECASE)
_EARLIER = re.compile(r"letzt|vorig|vorherig|genehmig|vorangegangen", re.IGNORECASE)
NOT_PRESENT_NOTE = ("Einladung (.ics): Eingeladene und Zusagen gelten nicht als Teilnahme – keine Teilnehmerliste "
                    "in der Beschreibung gefunden")


def has_agenda(document: Document) -> bool:
    """Whether a file of this kind is expected to carry an agenda (a meeting tool's report never does)."""
    return document.kind not in WITHOUT_AGENDA


def split_invitation(document: Document) -> tuple[Document, list[tuple[str, int, int | None]]]:
    """The invitation without its invitees table, and (name, line, page) of each invitee who declined."""
    if document.kind != "invitation":
        return document, []
    declined: list[tuple[str, int, int | None]] = []
    blocks: list[Block] = []
    for block in document.blocks:
        if block.kind == "table" and block.header == INVITED_COLUMNS:
            lines = block.row_lines or (block.line,) * len(block.rows)
            for row, line in zip(block.body_rows, lines[block.header_rows:], strict=False):
                if len(row) > 2 and row[2] == DECLINED and row[0].strip() and "@" not in row[0]:
                    declined.append((row[0].strip(), line, block.page))
            if blocks and blocks[-1].kind == "heading" and blocks[-1].text == INVITED_HEADING:
                blocks.pop()
            continue
        blocks.append(block)
    return replace(document, blocks=blocks), declined


def reads_as_protocol(document: Document) -> bool:
    """An invitation's description that records the meeting ('Protokoll', 'Anwesend:'), not plans it; an
    agenda item about the last minutes ('Protokoll der letzten Sitzung', a list item) is no protocol."""
    return any(_PROTOCOL.match(block.text) and not _EARLIER.search(block.text.split("\n", 1)[0])
               for block in document.blocks if block.kind in ("heading", "paragraph"))


def invitation_people(outcome: Outcome, document: Document, declined: list[tuple[str, int, int | None]],
                      registry: Registry | None) -> None:
    """An invitation's people (see the module docstring): a protocol's list as written, the declined excused."""
    if document.kind != "invitation":
        return
    if not reads_as_protocol(document):
        outcome.entries, outcome.unreadable = [], []
        outcome.understood = outcome.total = 0
    listed = {name_key(entry.name) for entry in outcome.entries}
    for name, line, page in declined:
        entry = parse_entry(name, line, roles.EXCUSED, registry, None, page)
        if isinstance(entry, Entry) and name_key(entry.name) not in listed:
            entry.note = "; ".join(n for n in (entry.note, "Einladung abgesagt") if n)
            listed.add(name_key(entry.name))
            outcome.entries.append(entry)
            outcome.understood += 1
            outcome.total += 1
    outcome.entries.sort(key=lambda e: e.line)


def missing_people_warning(document: Document, rows: list[Participant]) -> str | None:
    """The warning when a file gives no participants (an invitation: also when it gives only the excused)."""
    if document.kind == "invitation":
        return None if any(r["status"] == roles.PRESENT for r in rows) else NOT_PRESENT_NOTE
    return None if rows else "keine Teilnehmerliste gefunden"
