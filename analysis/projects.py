"""Project lifecycles: phases for the Gantt chart, presentation markers, counts, one project's detail.

A project's phases run between its milestones (applied -> approved -> start -> end -> final report
-> transfer); milestone dates come from `projects` and, where a column is empty, from
`project_events`. A phase without an end that is still running ends at `as_of` and is marked open.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final

import pandas as pd

from analysis.db import query
from vocab.periods import Period, today
from vocab.terms import EVENT_LABELS

PHASES: tuple[str, ...] = ("Antrag", "Bewilligung", "Laufzeit", "Abschluss", "Transfer")
NO_PROGRAMME = "ohne Programm"
NO_STATUS = "unbekannt"
MENTION = "Erwähnung"
# Statuses (as people write them, lower case) of an application that was turned down: its lifecycle ended.
REJECTED: frozenset[str] = frozenset({"abgelehnt", "rejected", "nicht bewilligt", "zurückgezogen"})
REJECTED_MIN_DAYS = 30
_REJECTED_SQL = "('abgelehnt', 'rejected', 'nicht bewilligt', 'zurückgezogen')"

# Milestones per project, with the dates of `projects` preferred over those of `project_events`.
# `span_start`/`span_end` bound the whole lifecycle; an open end (no planned end) stays NULL.
PROJECT_SPANS = f"""
    ev AS (
        SELECT project_id,
               MIN(date) AS first_event, MAX(date) AS last_event,
               MIN(CASE WHEN kind = 'antrag' THEN date END) AS antrag,
               MIN(CASE WHEN kind = 'bewilligung' THEN date END) AS bewilligung,
               MIN(CASE WHEN kind = 'start' THEN date END) AS start_event,
               MAX(CASE WHEN kind = 'abschluss' THEN date END) AS abschluss,
               MAX(CASE WHEN kind = 'transfer' THEN date END) AS transfer
        FROM project_events GROUP BY project_id
    ),
    spans AS (
        SELECT p.id AS project_id,
               COALESCE(p.applied, ev.antrag) AS applied,
               COALESCE(p.approved, ev.bewilligung) AS approved,
               COALESCE(p.start, ev.start_event) AS start,
               p."end" AS "end", ev.abschluss, ev.transfer,
               NULLIF(MIN(COALESCE(p.applied, '9999'), COALESCE(p.approved, '9999'), COALESCE(p.start, '9999'),
                          COALESCE(p."end", '9999'), COALESCE(ev.first_event, '9999')), '9999') AS span_start,
               CASE WHEN p."end" IS NOT NULL THEN MAX(p."end", COALESCE(ev.last_event, ''))
                    WHEN lower(p.status) IN {_REJECTED_SQL}
                    THEN MAX(COALESCE(p.applied, ev.antrag, ''), COALESCE(ev.last_event, '')) END AS span_end
        FROM projects p LEFT JOIN ev ON ev.project_id = p.id
    )
"""

# Projects overlapping [:start, :end]; a project without any date cannot be excluded and is kept.
IN_PERIOD = "(s.span_start IS NULL OR (s.span_start <= :end AND (s.span_end IS NULL OR s.span_end >= :start)))"

# Group filter: presented in (or reported to) the group, mentioned in its meetings, or with the lead or a
# partner among its members.
IN_GROUP = """(:group_id IS NULL OR p.id IN (
        SELECT e.project_id FROM project_events e LEFT JOIN meetings m ON m.id = e.meeting_id
         WHERE COALESCE(e.group_id, m.group_id) = :group_id
        UNION SELECT mn.entity_id FROM mentions mn JOIN meetings m ON m.id = mn.meeting_id
         WHERE mn.entity_type = 'project' AND m.group_id = :group_id
        UNION SELECT pp.project_id FROM project_partners pp JOIN memberships ms ON ms.org_id = pp.org_id
         WHERE ms.group_id = :group_id
        UNION SELECT p2.id FROM projects p2 JOIN memberships ms ON ms.org_id = p2.lead_org_id
         WHERE ms.group_id = :group_id))"""


def _params(period: Period, group_id: str | None) -> dict[str, object]:
    return {"start": period.start, "end": period.end, "group_id": group_id}


# The columns `projects` returns, in order (tests/test_analysis_columns.py holds it to this).
PROJECT_COLUMNS: Final = ("project_id", "project", "programme", "status", "lead", "applied", "approved", "start",
                          "end", "abschluss", "transfer", "span_start", "span_end", "partners")


def projects(conn: sqlite3.Connection, period: Period, group_id: str | None = None) -> pd.DataFrame:
    """Projects active in the period (and linked to the group): milestones, lead, partner count."""
    return query(conn, f"""
        WITH {PROJECT_SPANS}
        SELECT p.id AS project_id, p.name AS project, COALESCE(p.programme, '{NO_PROGRAMME}') AS programme,
               COALESCE(p.status, '{NO_STATUS}') AS status, o.name AS lead, s.applied, s.approved, s.start,
               s."end", s.abschluss, s.transfer, s.span_start, s.span_end,
               (SELECT COUNT(*) FROM project_partners pp WHERE pp.project_id = p.id) AS partners
        FROM projects p JOIN spans s ON s.project_id = p.id
        LEFT JOIN organisations o ON o.id = p.lead_org_id
        WHERE {IN_PERIOD} AND {IN_GROUP}
        ORDER BY COALESCE(s.span_start, '9999'), p.name""", _params(period, group_id))


def phases_of(milestones: Mapping[str, Any], as_of: str) -> list[tuple[str, str, str, bool]]:
    """(phase, start, end, open) of one project from its milestone dates. Pure.

    A phase needs both its boundaries; a missing next milestone falls back to the one after it
    (approved missing: Antrag ends at start). A phase still running ends at `as_of` and is open.
    A rejected application (status in REJECTED) has ended: its Antrag runs to the project's last recorded
    date (`span_end`) and at least `REJECTED_MIN_DAYS`, so the bar stays visible, and is never open.
    Inverted ranges (end before start, a data error the ETL reports) are left out.
    """
    applied, approved, start = milestones.get("applied"), milestones.get("approved"), milestones.get("start")
    end, final, transfer = milestones.get("end"), milestones.get("abschluss"), milestones.get("transfer")
    out: list[tuple[str, str, str, bool]] = []

    def add(name: str, first: str | None, last: str | None, is_open: bool = False) -> None:
        if first and last and first < last:
            out.append((name, first, last, is_open))

    later = final or transfer
    if str(milestones.get("status") or "").strip().lower() in REJECTED and applied and not (approved or start):
        last = str(milestones.get("span_end") or applied)
        floor = (date.fromisoformat(applied[:10]) + timedelta(days=REJECTED_MIN_DAYS)).isoformat()
        add("Antrag", applied, max(last, floor))
        return out
    if applied:
        if nxt := approved or start or end:
            add("Antrag", applied, nxt)
        elif not later and applied < as_of:
            add("Antrag", applied, as_of, True)
    if approved:
        add("Bewilligung", approved, start or end)
    if start:
        if stop := end or later:
            add("Laufzeit", start, stop)
        elif start < as_of:
            add("Laufzeit", start, as_of, True)
    if final and end:
        add("Abschluss", end, final)
    if transfer:
        add("Transfer", final or end, transfer)
    return out


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts with missing values as None (pandas 3 turns NULL text into NaN, which is truthy)."""
    return [{str(k): v for k, v in row.items()} for row in frame.astype(object).where(frame.notna(), None)
            .to_dict("records")]


def lifecycle(conn: sqlite3.Connection, period: Period, group_id: str | None = None,
              as_of: date | str | None = None) -> pd.DataFrame:
    """Gantt rows: one per project and phase (project_id, project, programme, status, phase, start, end, open)."""
    as_of_iso = str(as_of or today())
    rows = []
    for record in _records(projects(conn, period, group_id)):
        for phase, first, last, is_open in phases_of(record, as_of_iso):
            rows.append({"project_id": record["project_id"], "project": record["project"],
                         "programme": record["programme"], "status": record["status"], "phase": phase,
                         "start": first, "end": last, "open": is_open})
    return pd.DataFrame(rows, columns=["project_id", "project", "programme", "status", "phase", "start", "end",
                                       "open"])


_MARKER_COLUMNS = ["project_id", "project", "date", "kind", "group", "meeting_id", "meeting_title", "note",
                   "source_file", "source_line"]


def _appearances(conn: sqlite3.Connection, project_ids: list[str], group_id: str | None = None) -> pd.DataFrame:
    """Presentations (events of kind vorstellung) and protocol mentions of projects, one row per meeting.

    A mention in a meeting where the project was also formally presented is dropped, so each meeting
    shows once, as a Vorstellung. With a group, only that group's meetings and events.
    """
    if not project_ids:
        return pd.DataFrame(columns=_MARKER_COLUMNS)
    params: dict[str, object] = {f"p{i}": pid for i, pid in enumerate(project_ids)} | {"group_id": group_id}
    ids = ", ".join(f":p{i}" for i in range(len(project_ids)))
    frame = query(conn, f"""
        SELECT p.id AS project_id, p.name AS project, e.date, 'Vorstellung' AS kind,
               g.name AS "group", e.meeting_id, m.title AS meeting_title, e.note, e.source_file, e.source_line
        FROM project_events e JOIN projects p ON p.id = e.project_id
        LEFT JOIN meetings m ON m.id = e.meeting_id
        LEFT JOIN groups g ON g.id = COALESCE(e.group_id, m.group_id)
        WHERE e.kind = 'vorstellung' AND p.id IN ({ids})
          AND (:group_id IS NULL OR COALESCE(e.group_id, m.group_id) = :group_id)
        UNION ALL
        SELECT p.id, p.name, m.date, '{MENTION}', g.name, m.id, m.title, NULL, mn.source_file, mn.source_line
        FROM mentions mn JOIN projects p ON p.id = mn.entity_id
        JOIN meetings m ON m.id = mn.meeting_id JOIN groups g ON g.id = m.group_id
        WHERE mn.entity_type = 'project' AND p.id IN ({ids})
          AND (:group_id IS NULL OR m.group_id = :group_id)
          AND NOT EXISTS (SELECT 1 FROM project_events e2 WHERE e2.project_id = p.id
                          AND e2.kind = 'vorstellung' AND e2.meeting_id = m.id)
        ORDER BY 3, 2""", params)
    return frame[_MARKER_COLUMNS] if not frame.empty else pd.DataFrame(columns=_MARKER_COLUMNS)


# The columns `presentations` returns, in order (tests/test_analysis_columns.py holds it to this).
PRESENTATION_COLUMNS: Final = ("project_id", "project", "date", "kind", "group", "meeting_id", "meeting_title", "note",
                               "source_file", "source_line")


def presentations(conn: sqlite3.Connection, period: Period, group_id: str | None = None) -> pd.DataFrame:
    """Markers for the Gantt chart: where the shown projects were presented or mentioned.

    Every appearance of a shown project is listed, not only those in the period, because the chart
    shows whole lifecycles; with a group chosen, only that group's meetings.
    """
    return _appearances(conn, projects(conn, period, group_id)["project_id"].tolist(), group_id)


# The columns `counts` returns, in order (tests/test_analysis_columns.py holds it to this).
COUNT_COLUMNS: Final = ("programme", "status", "projects")


def counts(conn: sqlite3.Connection, period: Period, group_id: str | None = None) -> pd.DataFrame:
    """Number of projects per programme and status in the period (columns programme, status, projects)."""
    frame = projects(conn, period, group_id)
    if frame.empty:
        return pd.DataFrame(columns=["programme", "status", "projects"])
    return (frame.groupby(["programme", "status"], as_index=False).size()
            .rename(columns={"size": "projects"}).sort_values(["programme", "status"], ignore_index=True))


@dataclass(frozen=True)
class ProjectDetail:
    """One project: its row, its partners (lead first) and the meetings where it appeared."""

    info: dict[str, object]
    partners: pd.DataFrame  # organisation, type, role
    meetings: pd.DataFrame  # date, group, kind, meeting_title, note, source_file, source_line
    events: pd.DataFrame  # date, kind, group, note, source_file, source_line


def project_detail(conn: sqlite3.Connection, project_id: str) -> ProjectDetail | None:
    """Partners, meetings and milestones of one project; None when the id is unknown."""
    info = query(conn, f"""
        WITH {PROJECT_SPANS}
        SELECT p.id AS project_id, p.name AS project, p.programme, p.status, p.description,
               o.name AS lead, s.applied, s.approved, s.start, s."end", s.abschluss, s.transfer,
               p.source_file, p.source_line
        FROM projects p JOIN spans s ON s.project_id = p.id LEFT JOIN organisations o ON o.id = p.lead_org_id
        WHERE p.id = :id""", {"id": project_id})
    if info.empty:
        return None
    partners = query(conn, """
        SELECT o.name AS organisation, o.type, 'Federführung' AS role, 0 AS lead_first
        FROM projects p JOIN organisations o ON o.id = p.lead_org_id WHERE p.id = :id
        UNION
        SELECT o.name, o.type, COALESCE(pp.role, 'Partner'), 1
        FROM project_partners pp JOIN organisations o ON o.id = pp.org_id
        WHERE pp.project_id = :id
          AND pp.org_id IS NOT (SELECT lead_org_id FROM projects WHERE id = :id)
        ORDER BY 4, 1""", {"id": project_id}).drop(columns="lead_first")
    meetings = _appearances(conn, [project_id])
    meetings = meetings[["date", "group", "kind", "meeting_title", "note", "source_file", "source_line"]]
    events = query(conn, """
        SELECT e.date, e.kind, g.name AS "group", e.note, e.source_file, e.source_line
        FROM project_events e LEFT JOIN groups g ON g.id = e.group_id
        WHERE e.project_id = :id ORDER BY e.date, e.kind""", {"id": project_id})
    events["kind"] = events["kind"].map(lambda k: EVENT_LABELS.get(k, k))
    return ProjectDetail(_records(info)[0], partners, meetings.reset_index(drop=True), events)
