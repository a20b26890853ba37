"""Meetings: the list, one meeting's detail with the source of every fact, action items, protocol search.

`open_action_items` also feeds the alerts of the Übersicht page.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Final

import pandas as pd

from analysis import search
from analysis.db import query
from vocab.periods import Period
from vocab.terms import ATTENDANCE_LABELS, ATTENDED, STATUS_RANK


def split_by_attendance(participants: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(there, not there) of a meeting's participants: present and guests, then excused and absent.

    The status column comes back as its German label (anwesend, Gast, entschuldigt, fehlt).
    """
    there = participants["status"].isin(ATTENDED)
    labelled = participants.assign(status=participants["status"].map(lambda s: ATTENDANCE_LABELS.get(s, s)))
    return labelled[there], labelled[~there]


DONE, OPEN, OVERDUE = "erledigt", "offen", "überfällig"
SNIPPET_START, SNIPPET_END = search.SNIPPET_START, search.SNIPPET_END


def _iso(value: date | str) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


# The columns `meeting_list` returns, in order (tests/test_analysis_columns.py holds it to this).
MEETING_LIST_COLUMNS: Final = ("meeting_id", "date", "group", "start", "end", "title", "format", "participants",
                               "organisations", "excused", "recorded", "protocol")


def meeting_list(conn: sqlite3.Connection, period: Period, group_id: str | None = None) -> pd.DataFrame:
    """Meetings of the period, newest first: date, group, title, format, participants, protocol yes/no.

    Without any attendance record the counts are None (not 0) and `recorded` is False.
    """
    frame = query(conn, """
        SELECT s.meeting_id, s.date, s.group_name AS "group", m.start, m."end", s.title, s.format,
               CASE WHEN r.recorded THEN s.people_present END AS participants,
               CASE WHEN r.recorded THEN s.orgs_present END AS organisations,
               CASE WHEN r.recorded THEN s.people_excused END AS excused, r.recorded IS NOT NULL AS recorded,
               (s.has_protocol = 1 OR EXISTS (SELECT 1 FROM protocols p WHERE p.meeting_id = s.meeting_id))
                 AS protocol
        FROM v_meeting_stats s JOIN meetings m ON m.id = s.meeting_id
        LEFT JOIN (SELECT DISTINCT meeting_id, 1 AS recorded FROM attendance) r ON r.meeting_id = s.meeting_id
        WHERE s.date BETWEEN :start AND :end AND (:group_id IS NULL OR s.group_id = :group_id)
        ORDER BY s.date DESC, s.group_name""", {"start": period.start, "end": period.end, "group_id": group_id})
    frame["protocol"] = frame["protocol"].astype(bool)
    frame["recorded"] = frame["recorded"].astype(bool)
    return frame


@dataclass(frozen=True)
class MeetingDetail:
    """Everything known about one meeting; every fact with the file and line it came from."""

    header: dict[str, object]  # meeting_id, date, start, end, location, format, title, group, source_file/line
    participants: pd.DataFrame  # name, organisation, status, note, source_file, source_line, person_id, org_id
    agenda: pd.DataFrame  # position, text, source_file, source_line
    decisions: pd.DataFrame  # text, source_file, source_line
    action_items: pd.DataFrame  # text, owner, due, state, source_file, source_line
    protocols: pd.DataFrame  # source_file, title


def action_state(done: object, due: object, as_of: str) -> str:
    """erledigt / überfällig (due date before as_of) / offen. Pure."""
    if done:
        return DONE
    if isinstance(due, str) and due and due < as_of:
        return OVERDUE
    return OPEN


def meeting_detail(conn: sqlite3.Connection, meeting_id: str, as_of: date | str) -> MeetingDetail | None:
    """Header, participants, agenda, decisions and action items of one meeting; None if unknown."""
    params = {"id": meeting_id}
    header = query(conn, """
        SELECT m.id AS meeting_id, m.date, m.start, m."end", m.location, m.format, m.title, g.name AS "group",
               m.source_file, m.source_line
        FROM meetings m JOIN groups g ON g.id = m.group_id WHERE m.id = :id""", params)
    if header.empty:
        return None
    participants = query(conn, """
        SELECT COALESCE(p.name, '–') AS name, o.name AS organisation, a.status, a.note,
               a.source_file, a.source_line, a.person_id, o.id AS org_id
        FROM attendance a LEFT JOIN people p ON p.id = a.person_id
        LEFT JOIN organisations o ON o.id = COALESCE(a.org_id, p.org_id)
        WHERE a.meeting_id = :id
        ORDER BY COALESCE(json_extract(:rank, '$.' || a.status), 9), COALESCE(a.source_line, 0), name""",
        params | {"rank": json.dumps(STATUS_RANK)})
    agenda = query(conn, """SELECT position, text, source_file, source_line FROM agenda_items
                            WHERE meeting_id = :id ORDER BY position""", params)
    decisions = query(conn, """SELECT text, source_file, source_line FROM decisions
                               WHERE meeting_id = :id ORDER BY COALESCE(source_line, 0), id""", params)
    actions = query(conn, """
        SELECT ai.text, COALESCE(p.name, ai.owner_name) AS owner, ai.due, ai.done, ai.source_file, ai.source_line
        FROM action_items ai LEFT JOIN people p ON p.id = ai.owner_person_id
        WHERE ai.meeting_id = :id ORDER BY COALESCE(ai.source_line, 0), ai.id""", params)
    as_of_iso = _iso(as_of)
    actions.insert(3, "state", [action_state(d, due, as_of_iso)
                                for d, due in zip(actions["done"], actions["due"], strict=True)])
    protocols = query(conn, "SELECT source_file, title FROM protocols WHERE meeting_id = :id ORDER BY source_file",
                      params)
    record = {str(k): v for k, v in header.astype(object).where(header.notna(), None).to_dict("records")[0].items()}
    return MeetingDetail(record, participants, agenda, decisions, actions.drop(columns="done"), protocols)


def meeting_scope(conn: sqlite3.Connection, meeting_id: str) -> tuple[str, str] | None:
    """(group_id, date) of a meeting, to widen the filters so that a search hit shows inside them."""
    row = conn.execute("SELECT group_id, date FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
    return (str(row[0]), str(row[1])) if row else None


def meeting_label(conn: sqlite3.Connection, meeting_id: str) -> str | None:
    """'08.06.2021 · Fachgruppe Handwerk · Titel' for select boxes; None if the meeting is unknown."""
    row = conn.execute("""SELECT m.date, g.name, m.title FROM meetings m JOIN groups g ON g.id = m.group_id
                          WHERE m.id = ?""", (meeting_id,)).fetchone()
    if row is None:
        return None
    day, group, title = row
    return " · ".join(part for part in (f"{day[8:10]}.{day[5:7]}.{day[0:4]}", group, title) if part)


# The columns `open_action_items` returns, in order (tests/test_analysis_columns.py holds it to this).
OPEN_TASK_COLUMNS: Final = ("meeting_id", "date", "group", "text", "owner", "due", "overdue", "days_overdue",
                            "source_file", "source_line")


def open_action_items(conn: sqlite3.Connection, as_of: date | str, group_id: str | None = None) -> pd.DataFrame:
    """Action items not done, across meetings, overdue ones first (oldest due date first).

    Columns: meeting_id, date, group, text, owner, due, overdue, days_overdue, source_file, source_line.
    """
    as_of_iso = _iso(as_of)
    frame = query(conn, """
        SELECT ai.meeting_id, m.date, g.name AS "group", ai.text, COALESCE(p.name, ai.owner_name) AS owner, ai.due,
               (ai.due IS NOT NULL AND ai.due < :as_of) AS overdue,
               CASE WHEN ai.due IS NOT NULL AND ai.due < :as_of
                    THEN CAST(julianday(:as_of) - julianday(ai.due) AS INTEGER) ELSE 0 END AS days_overdue,
               ai.source_file, ai.source_line
        FROM action_items ai JOIN meetings m ON m.id = ai.meeting_id JOIN groups g ON g.id = m.group_id
        LEFT JOIN people p ON p.id = ai.owner_person_id
        WHERE ai.done = 0 AND m.date <= :as_of AND (:group_id IS NULL OR m.group_id = :group_id)
        ORDER BY overdue DESC, COALESCE(ai.due, '9999'), m.date, ai.source_line""",
                  {"as_of": as_of_iso, "group_id": group_id})
    frame["overdue"] = frame["overdue"].astype(bool)
    return frame


def fts_query(text: str | None) -> str | None:
    """The search text as a safe FTS5 expression (see `analysis.search.fts_query`)."""
    return search.fts_query(text)


def search_protocols(conn: sqlite3.Connection, text: str | None, period: Period | None = None,
                     group_id: str | None = None, limit: int = 50) -> pd.DataFrame:
    """Full-text hits in the protocols, best first: meeting_id, date, group, title, snippet, source_file.

    The snippet marks hits with » «. Period and group narrow the search when given; see `analysis.search`
    for word forms, spellings, abbreviations and limits (SearchError).
    """
    return search.search(conn, text, period, group_id, limit).hits


clean_snippet = search.clean_snippet
