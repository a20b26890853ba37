"""Figures of the Übersicht page: KPI tiles with change against the previous period, meetings over time."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Final

import pandas as pd

from analysis.charts import palette
from analysis.db import query
from vocab.periods import Period
from vocab.terms import FACHGRUPPE

_COUNTS_SQL = """
    SELECT COUNT(DISTINCT m.group_id) AS groups, COUNT(*) AS meetings,
           COALESCE(SUM(s.people_present), 0) AS attendance
    FROM meetings m JOIN v_meeting_stats s ON s.meeting_id = m.id
    WHERE m.date BETWEEN :start AND :end AND (:group_id IS NULL OR m.group_id = :group_id)"""
_ORGS_SQL = """
    SELECT COUNT(DISTINCT o.org_id) FROM org_attendance o
    WHERE o.date BETWEEN :start AND :end AND (:group_id IS NULL OR o.group_id = :group_id) AND o.attended = 1"""
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


YEARLY_AFTER_DAYS = 2 * 366  # periods longer than two years are shown by year, shorter ones by quarter


@dataclass(frozen=True)
class Kpi:
    """One tile: German label, value in the period, value in the previous period (None: no data then)."""

    label: str
    value: int
    previous: int | None

    @property
    def delta(self) -> int | None:
        """Change against the previous period; None when that period has no data to compare with."""
        return None if self.previous is None else self.value - self.previous


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
    known = before["meetings"] > 0  # no meeting before: a delta would only repeat the value
    return [Kpi(label, int(now[key]), int(before[key]) if known else None) for key, label in labels.items()]


def frequency(period: Period) -> str:
    """'year' for long periods (more than two years), else 'quarter'."""
    days = (date.fromisoformat(period.end) - date.fromisoformat(period.start)).days
    return "year" if days > YEARLY_AFTER_DAYS else "quarter"


def buckets(period: Period, freq: str) -> list[str]:
    """Every year ('2024') or quarter ('2024-Q1') the period touches, in order."""
    start, end = date.fromisoformat(period.start), date.fromisoformat(period.end)
    if freq == "year":
        return [str(y) for y in range(start.year, end.year + 1)]
    out = []
    year, quarter = start.year, (start.month - 1) // 3 + 1
    while (year, quarter) <= (end.year, (end.month - 1) // 3 + 1):
        out.append(f"{year}-Q{quarter}")
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return out


def meetings_over_time(conn: sqlite3.Connection, period: Period, group_id: str | None = None,
                       freq: str | None = None) -> pd.DataFrame:
    """Meetings per group and quarter (or year: `frequency`) within the period: period, group, meetings, attendance.

    Every bucket of the period is there, with 0 for the groups that did not meet in it, so a quiet
    year shows as zero instead of vanishing from the axis.
    """
    freq = freq or frequency(period)
    found = query(conn, _OVER_TIME_SQL[freq], {"start": period.start, "end": period.end, "group_id": group_id})
    if found.empty:
        return found
    grid = pd.MultiIndex.from_product([buckets(period, freq), sorted(found["group"].unique())],
                                      names=["period", "group"])
    full = found.set_index(["period", "group"]).reindex(grid, fill_value=0).reset_index()
    return full.astype({"meetings": int, "attendance": int})


def group_colours(conn: sqlite3.Connection) -> dict[str, str]:
    """Group name -> colour over every group of the database (see analysis.charts.palette)."""
    return palette.group_colours(palette.group_order(conn))


# The columns `groups` returns, in order (tests/test_analysis_columns.py holds it to this).
GROUP_COLUMNS: Final = ("id", "name", "kind", "dissolved")


def groups(conn: sqlite3.Connection) -> pd.DataFrame:
    """All groups for the sidebar filter: id, name, kind, dissolved (date or None)."""
    return query(conn, "SELECT id, name, kind, dissolved FROM groups ORDER BY kind = :fachgruppe DESC, name",
                 {"fachgruppe": FACHGRUPPE})


def first_year(conn: sqlite3.Connection) -> int | None:
    row = conn.execute("SELECT MIN(date) FROM meetings").fetchone()
    return int(row[0][:4]) if row and row[0] else None
