"""The parsed protocol as typed values: the JSON contract of DESIGN.md ("One parsed protocol").

`python -m etl parse FILE --json` prints a `ParsedProtocol`; the build merges it into the dataset.
Every fact keeps the line it came from, and `page` when the source has pages (PDF). Closed values (status,
format, mention type) are vocab's Literal types, so resolve reads them typed.
"""

from __future__ import annotations

from typing import TypedDict

from vocab.terms import AttendanceStatus, MeetingFormat, MentionType


class Participant(TypedDict):
    name: str
    title: str | None
    organisation: str | None  # the registry's display name when resolved, else as written
    organisation_raw: str | None  # as written in the protocol
    organisation_id: str | None
    status: AttendanceStatus
    note: str | None  # "online", "ab TOP 3", "in Vertretung für …", "Protokoll"
    line: int
    page: int | None
    # The master data's person a surname alone stands for ('Frau Schmidt' -> 'Anna Schmidt'): `name` stays as
    # written (what the protocol says), the build links the attendance to this known person.
    known_name: str | None


class Decision(TypedDict):
    text: str
    line: int
    page: int | None


class ActionItem(TypedDict):
    text: str
    owner: str | None  # the first of `owners`
    owners: list[str]
    due: str | None  # ISO date
    line: int
    page: int | None
    sentence: str  # the text the task was read from


class Mentions(TypedDict):
    organisations: list[str]
    projects: list[str]
    people: list[str]


class MentionLine(TypedDict):
    type: MentionType
    name: str
    line: int


class Report(TypedDict):
    group: str
    line: int


class Unresolved(TypedDict):
    """A line in a participant block that names no readable person (becomes a reject)."""

    line: int
    raw: str
    reason: str
    organisation: str | None


class OrgSuggestion(TypedDict):
    raw: str
    suggestion: str | None
    suggestion_id: str
    score: float | None
    line: int


class ParsedProtocol(TypedDict):
    source: str
    title: str | None
    group: str | None
    group_known: bool
    date: str
    start: str | None
    end: str | None
    location: str | None
    format: MeetingFormat | None
    participants: list[Participant]
    agenda: list[str]
    agenda_lines: list[int]
    decisions: list[Decision]
    action_items: list[ActionItem]
    mentions: Mentions
    mention_lines: list[MentionLine]
    reports: list[Report]
    unresolved: list[Unresolved]
    org_suggestions: list[OrgSuggestion]
    warnings: list[str]
    confidence: float  # share of participant and task block lines that were understood


class CachedParse(TypedDict):
    """A protocol parsed by an earlier build (its `protocols` row): reused while the file and the cache key match."""

    text: str
    parsed: ParsedProtocol

