"""Anwesenheit erfassen: which meetings to capture, whom to expect there, what was captured already.

Expected at a group's meeting: the contact persons of its member organisations (people.csv) and everyone who
attended the group in the 12 months before. Each with the status already recorded for that meeting (the
capture, else a protocol or attendance.csv), so reopening a meeting shows what was tapped.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from typing import Final

import pandas as pd

from analysis.db import query
from vocab.keys import meeting_id
from vocab.paths import CAPTURE_FILE
from vocab.periods import german_date
from vocab.terms import ATTENDANCE_LABELS, ATTENDED, GUEST

# `reason` of a person recorded for the meeting who is neither a member's contact nor a recent attendee.
GUEST_REASON = ATTENDANCE_LABELS[GUEST]

EXPECTED_COLUMNS = ["person_id", "name", "organisation", "org_short", "reason", "status", "captured"]


def _iso(value: date | str) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def meetings_to_capture(conn: sqlite3.Connection, group_id: str, as_of: date | str,
                        days_back: int = 60, days_ahead: int = 120) -> pd.DataFrame:
    """The group's meetings around `as_of` (planned ones from meetings.csv included), nearest first.

    Columns: meeting_id, date, title, has_protocol, captured (people already captured), label.
    """
    day = date.fromisoformat(_iso(as_of))
    frame = query(conn, """
        SELECT m.id AS meeting_id, m.date, m.title, m.has_protocol,
               (SELECT COUNT(*) FROM attendance a WHERE a.meeting_id = m.id AND a.source_file = :capture) AS captured
        FROM meetings m WHERE m.group_id = :group_id AND m.date BETWEEN :start AND :end
        ORDER BY ABS(julianday(m.date) - julianday(:as_of)), m.date""",
                  {"group_id": group_id, "start": (day - timedelta(days=days_back)).isoformat(),
                   "end": (day + timedelta(days=days_ahead)).isoformat(), "as_of": day.isoformat(),
                   "capture": CAPTURE_FILE, "attended": json.dumps(ATTENDED), "guest_reason": GUEST_REASON})
    frame["label"] = [_label(r) for r in frame.to_dict("records")]
    return frame


def _label(row: dict) -> str:
    parts = [german_date(row["date"])]
    if isinstance(row.get("title"), str) and row["title"]:
        parts.append(row["title"])
    if row.get("captured"):
        parts.append(f"{int(row['captured'])} erfasst")
    elif row.get("has_protocol"):
        parts.append("Protokoll liegt vor")
    return " · ".join(parts)


def expected_people(conn: sqlite3.Connection, group_id: str, day: date | str) -> pd.DataFrame:
    """Who is expected at the group's meeting on `day`, with the status recorded for it (None: not yet).

    Columns: see EXPECTED_COLUMNS (`captured`: the status comes from the capture). Sorted by organisation, name;
    people recorded for the meeting who are neither member contacts nor recent attendees come last (guests).
    """
    day_iso = _iso(day)
    start = (date.fromisoformat(day_iso) - timedelta(days=365)).isoformat()
    frame = query(conn, """
        WITH members AS (
            SELECT org_id FROM memberships WHERE group_id = :group_id
              AND (since IS NULL OR since <= :day) AND (until IS NULL OR until >= :day)),
        contacts AS (
            SELECT p.id AS person_id, 0 AS rank FROM people p
            WHERE p.org_id IN (SELECT org_id FROM members) AND p.origin = 'stammdaten'),
        recent AS (
            SELECT DISTINCT a.person_id, 1 AS rank
            FROM attendance a JOIN meetings m ON m.id = a.meeting_id
            WHERE m.group_id = :group_id AND m.date >= :start AND m.date < :day
              AND a.status IN (SELECT value FROM json_each(:attended)) AND a.person_id IS NOT NULL),
        recorded AS (
            SELECT person_id, 2 AS rank FROM attendance
            WHERE meeting_id = :meeting AND person_id IS NOT NULL),
        everyone AS (
            SELECT person_id, MIN(rank) AS rank FROM (SELECT * FROM contacts UNION ALL SELECT * FROM recent
                                                      UNION ALL SELECT * FROM recorded) GROUP BY person_id)
        SELECT p.id AS person_id, p.name, COALESCE(o.name, '') AS organisation,
               COALESCE(o.short_name, o.name, '') AS org_short,
               CASE e.rank WHEN 0 THEN 'Ansprechperson' WHEN 1 THEN 'in den letzten 12 Monaten dabei'
                           ELSE :guest_reason END AS reason,
               a.status, COALESCE(a.source_file = :capture, 0) AS captured
        FROM everyone e JOIN people p ON p.id = e.person_id
        LEFT JOIN organisations o ON o.id = p.org_id
        LEFT JOIN attendance a ON a.meeting_id = :meeting AND a.person_id = p.id
        ORDER BY e.rank = 2, COALESCE(o.short_name, o.name, 'zzz'), p.name""",
                  {"group_id": group_id, "day": day_iso, "start": start, "meeting": meeting_id(group_id, day_iso),
                   "capture": CAPTURE_FILE, "attended": json.dumps(ATTENDED), "guest_reason": GUEST_REASON})
    frame["captured"] = frame["captured"].astype(bool)
    frame["status"] = frame["status"].astype(object).where(frame["status"].notna(), None)
    return frame[EXPECTED_COLUMNS]


# The columns `known_people` returns, in order (tests/test_analysis_columns.py holds it to this).
KNOWN_PEOPLE_COLUMNS: Final = ("person_id", "name", "organisation")


def known_people(conn: sqlite3.Connection) -> pd.DataFrame:
    """Everyone known (master data and protocols) with their organisation: the suggestions for a guest.

    Columns: person_id, name, organisation.
    """
    return query(conn, """SELECT p.id AS person_id, p.name, COALESCE(o.name, '') AS organisation
                          FROM people p LEFT JOIN organisations o ON o.id = p.org_id ORDER BY p.name""")


def organisation_names(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM organisations ORDER BY name")]

