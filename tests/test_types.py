"""Types that hold at run time too: the parse speaks the vocabulary's values."""

from __future__ import annotations

import sqlite3
import typing

import pytest

from etl.build.schema import ROW_TYPES, TABLES
from etl.core.registry import Registry
from etl.extract.readers.plain import read_text_file
from etl.parse import parse_document
from etl.parse.model import MentionLine, ParsedProtocol, Participant
from vocab.terms import (
    ATTENDANCE_STATUSES,
    MEETING_FORMATS,
    MENTION_TYPES,
    AttendanceStatus,
    CellStatus,
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


def test_every_table_has_a_row_type_with_exactly_its_columns(built):
    """The row TypedDicts of etl/schema.py against the tables a real build wrote (no drift either way)."""
    conn = sqlite3.connect(built.db)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                  if not r[0].startswith(("sqlite_", "protocols_fts"))}
        assert set(ROW_TYPES) == set(TABLES) == tables
        for table, row_type in ROW_TYPES.items():
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]  # sql-ok: names from TABLES
            assert list(typing.get_type_hints(row_type)) == columns, table
    finally:
        conn.close()


def test_row_types_name_the_vocabulary_the_schema_checks():
    hints = {table: typing.get_type_hints(row) for table, row in ROW_TYPES.items()}
    assert hints["attendance"]["status"] is AttendanceStatus
    assert hints["meetings"]["format"] == MeetingFormat | None
    assert hints["mentions"]["entity_type"] is MentionType
    assert hints["org_attendance"]["status"] is CellStatus
    assert hints["people"]["source_line"] == int | None


def test_the_dataset_hands_out_every_table_typed_by_its_row_type():
    """`Dataset.rows("people")` is `dict[object, PeopleRow]`: one overload per table, none missing or crossed."""
    from etl.resolve import master_data

    typed = {}
    for overload in typing.get_overloads(master_data.Dataset.rows):
        hints = typing.get_type_hints(overload, vars(master_data))
        (table,) = typing.get_args(hints["table"])
        typed[table] = typing.get_args(hints["return"])[1]
    assert typed == ROW_TYPES
