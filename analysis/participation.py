"""Beteiligung: who attended which meeting, attendance rates per organisation and person, turnout over time.

Every count here is read from the attendance facts the build derived (`etl/derive/attendance.py`,
table `org_attendance` / `person_attendance`); nothing is recounted. An organisation counts once per
meeting however many people it sent. Who is *expected* at a meeting, so that a missing row counts as "fehlt":
- groups with a membership list: the organisations whose membership is valid on the meeting date;
- groups without one: every organisation that appeared in the group (other than only as a guest),
  from its first appearance on — nobody is blamed for meetings before they joined.
A meeting without a single attendance record (known from the meetings list only) is "keine Anwesenheit
erfasst" for everyone: it counts for nobody's rate, and nobody missed it.
`inactivity`, `rules`, `profile` and the report read the same facts, so all pages agree on every count.
"""

from __future__ import annotations

import sqlite3
from typing import Final

import pandas as pd

from analysis.db import query
from analysis.pseudonymise import pseudonyms
from vocab.periods import Period
from vocab.terms import EXCUSED, FACHGRUPPE, HEATMAP_LABELS, IS_MEMBER, NONE, NOT_RECORDED_LABEL
from vocab.terms import UNRECORDED as UNRECORDED

# A meeting without a single attendance record: its cells are "keine Anwesenheit erfasst".
NOT_RECORDED = NOT_RECORDED_LABEL
STATUS_LABELS = HEATMAP_LABELS

# The cells are the build's attendance facts (etl/derive/attendance.py); only the labels are added here.
_CELLS_SQL = """
SELECT o.group_id, g.name AS group_name, o.meeting_id, o.date, m.title,
       o.org_id, org.name AS organisation, COALESCE(org.short_name, org.name) AS label, o.status,
       o.membership = :member AND o.status != :unrecorded AS expected, o.attended, o.counted
FROM org_attendance o
JOIN meetings m ON m.id = o.meeting_id
JOIN groups g ON g.id = o.group_id
JOIN organisations org ON org.id = o.org_id
WHERE o.date BETWEEN :start AND :end AND (:group_id IS NULL OR o.group_id = :group_id) AND o.status != :none
ORDER BY o.date, o.group_id, org.name
"""


# The columns `org_cells` returns, in order (tests/test_analysis_columns.py holds it to this).
ORG_CELLS_COLUMNS: Final = ("group_id", "group_name", "meeting_id", "date", "title", "org_id", "organisation", "label",
                            "status", "expected", "attended", "counted")


def org_cells(conn: sqlite3.Connection, start: str, end: str, group_id: str | None = None) -> pd.DataFrame:
    """One row per meeting in [start, end] and organisation that was expected there or has a row.

    Columns: group_id, group_name, meeting_id, date, title, org_id, organisation, label (short name),
    status (present / guest / excused / absent / missing, or unrecorded for a meeting without any attendance
    record), expected (bool; never for an unrecorded meeting), attended (bool: `vocab.terms.ATTENDED`),
    counted (bool: the cell counts for rates and streaks).
    """
    df = query(conn, _CELLS_SQL, {"start": start, "end": end, "group_id": group_id, "member": IS_MEMBER,
                                  "unrecorded": UNRECORDED, "none": NONE})
    return df.astype({"expected": bool, "attended": bool, "counted": bool})


# The columns `heatmap_groups` returns, in order (tests/test_analysis_columns.py holds it to this).
HEATMAP_GROUPS_COLUMNS: Final = ("id", "name", "kind", "meetings", "dissolved")


def heatmap_groups(conn: sqlite3.Connection, period: Period) -> pd.DataFrame:
    """Groups that met in the period (Fachgruppen first, then by name): id, name, kind, meetings, dissolved.

    `dissolved` is the dissolution date if the group was dissolved by the end of the period, else None.
    """
    return query(conn, """
        SELECT g.id, g.name, g.kind, COUNT(m.id) AS meetings,
               CASE WHEN g.dissolved <= :end THEN g.dissolved END AS dissolved
        FROM groups g JOIN meetings m ON m.group_id = g.id
        WHERE m.date BETWEEN :start AND :end
        GROUP BY g.id ORDER BY g.kind = :fachgruppe DESC, g.name""",
        {"start": period.start, "end": period.end, "fachgruppe": FACHGRUPPE})


def attendance_matrix(conn: sqlite3.Connection, period: Period, group_id: str) -> pd.DataFrame:
    """Heatmap cells of one group: meeting_id, date, title, org_id, organisation, label, status, cell.

    `cell` is the German label (anwesend / entschuldigt / fehlt); organisations are sorted by
    attendance so the regulars are on top and the fading ones collect at the bottom.
    """
    df = org_cells(conn, period.start, period.end, group_id)
    df["cell"] = df["status"].map(STATUS_LABELS)
    attended = df.groupby("org_id")["attended"].sum()
    df["order"] = df["org_id"].map(attended)
    df = df.sort_values(["order", "label", "date"], ascending=[False, True, True], kind="stable")
    columns = ["meeting_id", "date", "title", "org_id", "organisation", "label", "status", "cell"]
    return df[columns].reset_index(drop=True)


def _rates(cells: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Meetings, attended and excused per key over the cells that count (`vocab.terms.COUNTED`)."""
    counted = cells.assign(attended=cells["attended"].astype(int),
                           excused=(cells["status"] == EXCUSED).astype(int), meetings=1)
    out = counted.groupby(keys, as_index=False)[["meetings", "attended", "excused"]].sum()
    out["rate"] = out["attended"] / out["meetings"]
    return out


# The columns `org_rates` returns, in order (tests/test_analysis_columns.py holds it to this).
ORG_RATES_COLUMNS: Final = ("org_id", "organisation", "label", "meetings", "attended", "excused", "rate")


def org_rates(conn: sqlite3.Connection, period: Period, group_id: str | None = None) -> pd.DataFrame:
    """Attendance rate per organisation over its expected (or attended) meetings in the period.

    Columns: org_id, organisation, label, meetings, attended, excused, rate; highest rate first.
    """
    cells = org_cells(conn, period.start, period.end, group_id)
    if cells.empty:
        return pd.DataFrame(columns=["org_id", "organisation", "label", "meetings", "attended", "excused", "rate"])
    out = _rates(cells[cells["counted"]], ["org_id", "organisation", "label"])
    if out.empty:
        return pd.DataFrame(columns=["org_id", "organisation", "label", "meetings", "attended", "excused", "rate"])
    return out.sort_values(["rate", "meetings", "organisation"], ascending=[False, False, True],
                           kind="stable").reset_index(drop=True)


def person_rates(conn: sqlite3.Connection, period: Period, group_id: str | None = None,
                 hide_names: bool = False) -> pd.DataFrame:
    """Attendance rate per person: recorded meetings of the groups a person appeared in, from the first
    appearance on (the build's person facts: a meeting without any record counts for nobody).

    Columns: person_id, person, organisation, meetings, attended, excused, rate; highest rate first.
    `hide_names` replaces names (and the ids, which are name keys) by the person's stable pseudonym
    ("Person K", see analysis.pseudonymise), the same as in every other view and export.
    """
    df = query(conn, """
        SELECT p.id AS person_id, p.name AS person, COALESCE(org.short_name, org.name) AS organisation,
               SUM(f.counted) AS meetings, SUM(f.attended) AS attended, SUM(f.status = :excused_status) AS excused
        FROM person_attendance f
        JOIN people p ON p.id = f.person_id
        LEFT JOIN organisations org ON org.id = p.org_id
        WHERE f.date BETWEEN :start AND :end AND (:group_id IS NULL OR f.group_id = :group_id) AND f.counted = 1
        GROUP BY p.id
        ORDER BY 1.0 * SUM(f.attended) / SUM(f.counted) DESC, meetings DESC, p.name""",
        {"start": period.start, "end": period.end, "group_id": group_id, "excused_status": EXCUSED})
    df["rate"] = (df["attended"] / df["meetings"]).astype(float)
    if hide_names:
        df = pseudonyms(conn).frame(df, persons=["person"], ids=["person_id"])
    return df


# The columns `participants_per_meeting` returns, in order (tests/test_analysis_columns.py holds it to this).
PER_MEETING_COLUMNS: Final = ("meeting_id", "date", "group", "title", "people_present", "orgs_present",
                              "people_excused", "recorded")


def participants_per_meeting(conn: sqlite3.Connection, period: Period, group_id: str | None = None) -> pd.DataFrame:
    """Turnout per meeting: meeting_id, date, group, title, people_present, orgs_present, people_excused, recorded.

    `recorded` is False for a meeting without any attendance record: its zeros mean "not known", not "nobody".
    """
    frame = query(conn, """
        SELECT s.meeting_id, s.date, s.group_name AS "group", s.title, s.people_present, s.orgs_present,
               s.people_excused, EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = s.meeting_id) AS recorded
        FROM v_meeting_stats s
        WHERE s.date BETWEEN :start AND :end AND (:group_id IS NULL OR s.group_id = :group_id)
        ORDER BY s.date, s.group_name""", {"start": period.start, "end": period.end, "group_id": group_id})
    frame["recorded"] = frame["recorded"].astype(bool)
    return frame
