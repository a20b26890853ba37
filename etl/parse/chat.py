"""Chat exports (WhatsApp, Signal, the chat of a video conference, Zoom's saved chat) saved as text.

Each line of such an export opens with a time stamp and its author ('[12.03.25, 18:55:02] Anna Berg: …',
'12.03.25, 18:55 - Anna Berg: …', '[17:01] Anna Berg (HWK): …', '17:01:13 Von Anna Berg an Alle: …'). Who wrote
in the chat took part; 'ich' in a message is its author. A list of people written inside a message says more
than the authors (who may have written before or after the meeting), so the authors count only when no list
names who came.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from etl.extract.document import Document
from etl.parse.text import logical_lines

_STAMP = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:Uhr|[AaPp]\.?[Mm]\.?))?"
_DAY = r"\d{1,2}[./]\d{1,2}[./]\d{2,4}"
_AUTHOR = r"(?P<author>[^\W\d_][^:\[\]]{1,60}?)"
_LINES = tuple(re.compile(p) for p in (
    rf"^\[(?:{_DAY},?\s+)?{_STAMP}\]\s*(?:-\s*)?{_AUTHOR}:\s",  # '[12.03.25, 18:55:02] Anna Berg: '
    rf"^{_DAY},?\s+{_STAMP}\s+[-–]\s+{_AUTHOR}:\s",  # '12.03.25, 18:55 - Anna Berg: '
    rf"^{_STAMP}\s+(?:Von|From)\s+{_AUTHOR}\s+(?:an|to)\s+[^:]{{1,40}}:\s*",  # Zoom: '17:01:13 Von Anna Berg an Alle:'
))


def _match(text: str) -> re.Match[str] | None:
    return next((m for pattern in _LINES if (m := pattern.match(text))), None)


@dataclass(frozen=True)
class Chat:
    """The author of each line of a chat export (line -> author as written, maybe with an organisation)."""

    authors: dict[int, str]

    def author_at(self, line: int) -> str | None:
        """The author of the message a line belongs to (a message may run over several lines)."""
        before = [at for at in self.authors if at <= line]
        return self.authors[max(before)] if before else None


def message(text: str) -> str:
    """The words of one chat line without its time stamp and author."""
    m = _match(text)
    return text[m.end():].strip() if m else text


def read(document: Document) -> Chat | None:
    """The chat of a text export: at least three stamped lines by at least two authors, else None."""
    if document.format not in ("txt", "md", "", "eml", "msg"):  # a chat pasted into a mail too
        return None
    authors: dict[int, str] = {}
    for block in document.blocks:
        if block.kind not in ("paragraph", "list_item"):
            continue
        for line in logical_lines(block):
            if m := _match(line.text):
                authors[line.line] = m.group("author").strip()
    if len(authors) < 3 or len(set(authors.values())) < 2:
        return None
    return Chat(authors)


def as_text(document: Document, chat: Chat) -> tuple[Document, list[tuple[int, str, str]]]:
    """The export with each message that opens with a label of people ('Da waren: …') freed of its time stamp
    and author, so that the label opens a list as it would in a protocol; and (line, author, status) for each
    such list that names its writer as 'ich' (the list keeps 'ich', read as the writer's place in it)."""
    from etl.parse.entries import without_writer
    from etl.parse.roles import PARTICIPANT_ROLES, split_label

    blocks = []
    writers: list[tuple[int, str, str]] = []
    for block in document.blocks:
        parts = block.text.split("\n")
        if block.kind not in ("paragraph", "list_item"):
            blocks.append(block)
            continue
        texts = []
        for index, raw in enumerate(parts):
            line = block.lines[index] if index < len(block.lines) else block.line + (0 if block.lines else index)
            said = message(raw.strip())
            found = split_label(said)
            if found is not None and found[0] in PARTICIPANT_ROLES and (author := chat.author_at(line)):
                raw = said
                if without_writer(found[1])[1]:
                    writers.append((line, author, found[0]))
            texts.append(raw)
        blocks.append(replace(block, text="\n".join(texts)) if texts != parts else block)
    return replace(document, blocks=blocks), writers


def stamped(text: str) -> tuple[str, str] | None:
    """(author, message) of one stamped chat line ('[14:22] Aylin Korkmaz: Ich übernehme …'), else None."""
    m = _match(text)
    return (m.group("author").strip(), text[m.end():].strip()) if m else None
