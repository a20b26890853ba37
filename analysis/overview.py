"""Figures of the Übersicht page: KPI tiles with change against the previous period, meetings over time."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import pandas as pd

from analysis.db import query
from vocab.periods import Period

_COUNTS_SQL = """
    SELECT COUNT(DISTINCT m.group_id) AS groups, COUNT(*) AS meetings,
           COALESCE(SUM(s.people_present), 0) AS attendance
    FROM meetings m JOIN v_meeting_stats s ON s.meeting_id = m.id
    WHERE m.date BETWEEN :start AND :end AND (:group_id IS NULL OR m.group_id = :group_id)"""
_ORGS_SQL = """
    SELECT COUNT(DISTINCT o.org_id) FROM v_org_attendance o JOIN meetings m ON m.id = o.meeting_id
    WHERE m.date BETWEEN :start AND :end AND (:group_id IS NULL OR m.group_id = :group_id)
      AND o.status IN ('present', 'guest')"""
# Bucket expressions are fixed strings chosen by key, never user input.
_BUCKETS = {
    "quarter": "substr(m.date, 1, 4) || '-Q' || ((CAST(substr(m.date, 6, 2) AS INTEGER) + 2) / 3)",
    "year": "substr(m.date, 1, 4)",
}
_OVER_TIME_SQL = {freq: f"""
    SELECT {bucket} AS period, g.name AS "group", COUNT(*) AS meetings,
           COALESCE(SUM(s.people_present), 0) AS attendance
    FROM meetings m JOIN groups g ON g.id = m.group_id JOIN v_meeting_stats s ON s.meeting_id = m.id
    WHERE m.date BETWEEN :start AND :end AND (:group_id IS NULL OR m.group_id = :group_id)
    GROUP BY 1, 2 ORDER BY 1, 2""" for freq, bucket in _BUCKETS.items()}


@dataclass(frozen=True)
class Kpi:
    """One tile: German label, value in the period, value in the previous period."""

    label: str
    value: int
    previous: int

    @property
    def delta(self) -> int:
        return self.value - self.previous


def _counts(conn: sqlite3.Connection, period: Period, group_id: str | None) -> dict[str, int]:
    params = {"start": period.start, "end": period.end, "group_id": group_id}
    row = conn.execute(_COUNTS_SQL, params).fetchone()
    orgs = conn.execute(_ORGS_SQL, params).fetchone()[0]
    return {"groups": row["groups"], "meetings": row["meetings"], "attendance": row["attendance"], "orgs": orgs}


def kpis(conn: sqlite3.Connection, period: Period, group_id: str | None = None) -> list[Kpi]:
    """Active groups, partner organisations present, meetings and attendances, each against the period before."""
    now, before = _counts(conn, period, group_id), _counts(conn, period.previous(), group_id)
    labels = {"groups": "Aktive Gruppen", "orgs": "Beteiligte Organisationen", "meetings": "Sitzungen",
              "attendance": "Teilnahmen"}
    return [Kpi(label, int(now[key]), int(before[key])) for key, label in labels.items()]


def meetings_over_time(conn: sqlite3.Connection, period: Period, group_id: str | None = None,
                       freq: str = "quarter") -> pd.DataFrame:
    """Meetings per group and quarter (or year) within the period: columns period, group, meetings."""
    return query(conn, _OVER_TIME_SQL[freq], {"start": period.start, "end": period.end, "group_id": group_id})


def groups(conn: sqlite3.Connection) -> pd.DataFrame:
    """All groups for the sidebar filter: id, name, kind."""
    return query(conn, "SELECT id, name, kind FROM groups ORDER BY kind = 'fachgruppe' DESC, name")


def first_year(conn: sqlite3.Connection) -> int | None:
    row = conn.execute("SELECT MIN(date) FROM meetings").fetchone()
    return int(row[0][:4]) if row and row[0] else None
