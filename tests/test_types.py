"""Types that hold at run time too: the parse speaks the vocabulary's values."""

from __future__ import annotations

import typing

import pytest

from etl.extract.readers.plain import read_text_file
from etl.parse import parse_document
from etl.parse.model import MentionLine, ParsedProtocol, Participant
from etl.resolve.registry import Registry
from vocab.terms import (
    ATTENDANCE_STATUSES,
    MEETING_FORMATS,
    MENTION_TYPES,
    AttendanceStatus,
    MeetingFormat,
    MentionType,
    attendance_status,
)

PROTOCOL = """# Sitzung der Fachgruppe Handwerk

Datum: 04.05.2023
Ort: online per Zoom

## Teilnehmende
- Anna Schmidt (Zentralverband)
- Bernd Krüger (Zentralverband), Gast

## Entschuldigt
- Carla Weiß (Handwerkskammer)

## Aufgaben
- Anna Schmidt verschickt das Protokoll bis 12.05.2023.

Die Zentralverband stellt das Projekt „Digitale Werkstatt“ vor.
"""


def _parse() -> ParsedProtocol:
    organisations = Registry("organisation")
    organisations.add("Zentralverband", entity_id="zv")
    return parse_document(read_text_file(PROTOCOL.encode(), "p.md", "md"), organisations=organisations)


def test_the_parse_carries_the_vocabularys_literal_types():
    hints = typing.get_type_hints
    assert hints(Participant)["status"] is AttendanceStatus
    assert hints(MentionLine)["type"] is MentionType
    assert hints(ParsedProtocol)["format"] == MeetingFormat | None
    # the literal types and the value tuples the schema checks are the same words
    assert set(typing.get_args(AttendanceStatus)) == set(ATTENDANCE_STATUSES)
    assert set(typing.get_args(MeetingFormat)) == set(MEETING_FORMATS)
    assert set(typing.get_args(MentionType)) == set(MENTION_TYPES)


def test_a_parsed_protocol_holds_only_vocabulary_values():
    parsed = _parse()
    assert [(p["name"], p["status"]) for p in parsed["participants"]] == [
        ("Anna Schmidt", "present"), ("Bernd Krüger", "guest"), ("Carla Weiß", "excused")]
    assert parsed["format"] == "online"
    assert {m["type"] for m in parsed["mention_lines"]} <= set(MENTION_TYPES)
    assert set(parsed) == set(typing.get_type_hints(ParsedProtocol))


def test_attendance_status_narrows_a_word_or_refuses_it():
    assert attendance_status("guest") == "guest"
    with pytest.raises(ValueError, match="anwesend"):
        attendance_status("anwesend")
