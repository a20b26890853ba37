"""Beteiligung: who attended which meeting, attendance rates per organisation and person, turnout over time.

An organisation counts once per meeting however many people it sent (`v_org_attendance`).
Who is *expected* at a meeting, so that a missing row counts as "fehlt":
- groups with a membership list: the organisations whose membership is valid on the meeting date;
- groups without one: every organisation that appeared in the group (other than only as a guest),
  from its first appearance on — nobody is blamed for meetings before they joined.
`inactivity` builds on the same cells, so both pages agree on every count.
"""

from __future__ import annotations

import sqlite3

import pandas as pd

from analysis.db import query
from analysis.pseudonymise import pseudonyms
from vocab.periods import Period
from vocab.terms import ATTENDED, EXCUSED, HEATMAP_LABELS

_CELLS_SQL = """
WITH mt AS MATERIALIZED (
    SELECT m.id AS meeting_id, m.group_id, m.date, m.title
    FROM meetings m
    WHERE m.date BETWEEN :start AND :end AND (:group_id IS NULL OR m.group_id = :group_id)
),
oa AS MATERIALIZED (
    SELECT o.meeting_id, o.group_id, o.date, o.org_id, o.status
    FROM v_org_attendance o
    WHERE (:group_id IS NULL OR o.group_id = :group_id) AND o.date <= :end
),
defacto AS (
    SELECT oa.group_id, oa.org_id, MIN(oa.date) AS since
    FROM oa
    WHERE oa.status != 'guest' AND oa.group_id NOT IN (SELECT group_id FROM memberships)
    GROUP BY oa.group_id, oa.org_id
),
expected AS (
    SELECT mt.meeting_id, ms.org_id
    FROM mt JOIN memberships ms ON ms.group_id = mt.group_id
     AND (ms.since IS NULL OR ms.since <= mt.date) AND (ms.until IS NULL OR ms.until >= mt.date)
    UNION
    SELECT mt.meeting_id, d.org_id
    FROM mt JOIN defacto d ON d.group_id = mt.group_id AND d.since <= mt.date
),
cells AS (
    SELECT meeting_id, org_id FROM expected
    UNION
    SELECT oa.meeting_id, oa.org_id FROM oa JOIN mt ON mt.meeting_id = oa.meeting_id
)
SELECT mt.group_id, g.name AS group_name, mt.meeting_id, mt.date, mt.title,
       c.org_id, org.name AS organisation, COALESCE(org.short_name, org.name) AS label,
       COALESCE(oa.status, 'missing') AS status, e.org_id IS NOT NULL AS expected
FROM cells c
JOIN mt ON mt.meeting_id = c.meeting_id
JOIN groups g ON g.id = mt.group_id
JOIN organisations org ON org.id = c.org_id
LEFT JOIN oa ON oa.meeting_id = c.meeting_id AND oa.org_id = c.org_id
LEFT JOIN expected e ON e.meeting_id = c.meeting_id AND e.org_id = c.org_id
ORDER BY mt.date, mt.group_id, org.name
"""


def org_cells(conn: sqlite3.Connection, start: str, end: str, group_id: str | None = None) -> pd.DataFrame:
    """One row per meeting in [start, end] and organisation that was expected there or has a row.

    Columns: group_id, group_name, meeting_id, date, title, org_id, organisation, label (short name),
    status (present / guest / excused / absent / missing), expected (bool).
    """
    df = query(conn, _CELLS_SQL, {"start": start, "end": end, "group_id": group_id})
    df["expected"] = df["expected"].astype(bool)
    return df


def heatmap_groups(conn: sqlite3.Connection, period: Period) -> pd.DataFrame:
    """Groups that met in the period (Fachgruppen first, then by name): id, name, kind, meetings."""
    return query(conn, """
        SELECT g.id, g.name, g.kind, COUNT(m.id) AS meetings
        FROM groups g JOIN meetings m ON m.group_id = g.id
        WHERE m.date BETWEEN :start AND :end
        GROUP BY g.id ORDER BY g.kind = 'fachgruppe' DESC, g.name""",
        {"start": period.start, "end": period.end})


def attendance_matrix(conn: sqlite3.Connection, period: Period, group_id: str) -> pd.DataFrame:
    """Heatmap cells of one group: meeting_id, date, title, org_id, organisation, label, status, cell.

    `cell` is the German label (anwesend / entschuldigt / fehlt); organisations are sorted by
    attendance so the regulars are on top and the fading ones collect at the bottom.
    """
    df = org_cells(conn, period.start, period.end, group_id)
    df["cell"] = df["status"].map(HEATMAP_LABELS)
    attended = df.assign(hit=df["status"].isin(ATTENDED)).groupby("org_id")["hit"].sum()
    df["order"] = df["org_id"].map(attended)
    df = df.sort_values(["order", "label", "date"], ascending=[False, True, True], kind="stable")
    columns = ["meeting_id", "date", "title", "org_id", "organisation", "label", "status", "cell"]
    return df[columns].reset_index(drop=True)


def _rates(cells: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    counted = cells.assign(attended=cells["status"].isin(ATTENDED).astype(int),
                           excused=(cells["status"] == EXCUSED).astype(int), meetings=1)
    out = counted.groupby(keys, as_index=False)[["meetings", "attended", "excused"]].sum()
    out["rate"] = out["attended"] / out["meetings"]
    return out


def org_rates(conn: sqlite3.Connection, period: Period, group_id: str | None = None) -> pd.DataFrame:
    """Attendance rate per organisation over its expected (or attended) meetings in the period.

    Columns: org_id, organisation, label, meetings, attended, excused, rate; highest rate first.
    """
    cells = org_cells(conn, period.start, period.end, group_id)
    if cells.empty:
        return pd.DataFrame(columns=["org_id", "organisation", "label", "meetings", "attended", "excused", "rate"])
    out = _rates(cells, ["org_id", "organisation", "label"])
    return out.sort_values(["rate", "meetings", "organisation"], ascending=[False, False, True],
                           kind="stable").reset_index(drop=True)


def person_rates(conn: sqlite3.Connection, period: Period, group_id: str | None = None,
                 hide_names: bool = False) -> pd.DataFrame:
    """Attendance rate per person: meetings of the groups a person appeared in, from the first appearance on.

    Columns: person_id, person, organisation, meetings, attended, excused, rate; highest rate first.
    `hide_names` replaces names (and the ids, which are name keys) by the person's stable pseudonym
    ("Person K", see analysis.pseudonymise), the same as in every other view and export.
    """
    df = query(conn, """
        WITH mt AS MATERIALIZED (
            SELECT m.id AS meeting_id, m.group_id, m.date FROM meetings m
            WHERE m.date BETWEEN :start AND :end AND (:group_id IS NULL OR m.group_id = :group_id)
        ),
        first AS (
            SELECT a.person_id, m.group_id, MIN(m.date) AS since
            FROM attendance a JOIN meetings m ON m.id = a.meeting_id
            WHERE a.person_id IS NOT NULL AND m.date <= :end AND (:group_id IS NULL OR m.group_id = :group_id)
            GROUP BY a.person_id, m.group_id
        )
        SELECT p.id AS person_id, p.name AS person, COALESCE(org.short_name, org.name) AS organisation,
               COUNT(*) AS meetings,
               COALESCE(SUM(a.status IN ('present', 'guest')), 0) AS attended,
               COALESCE(SUM(a.status = 'excused'), 0) AS excused
        FROM first f
        JOIN mt ON mt.group_id = f.group_id AND mt.date >= f.since
        JOIN people p ON p.id = f.person_id
        LEFT JOIN organisations org ON org.id = p.org_id
        LEFT JOIN attendance a ON a.meeting_id = mt.meeting_id AND a.person_id = f.person_id
        GROUP BY p.id
        ORDER BY 1.0 * attended / COUNT(*) DESC, meetings DESC, p.name""",
        {"start": period.start, "end": period.end, "group_id": group_id})
    df["rate"] = (df["attended"] / df["meetings"]).astype(float)
    if hide_names:
        df = pseudonyms(conn).frame(df, persons=["person"], ids=["person_id"])
    return df


def participants_per_meeting(conn: sqlite3.Connection, period: Period, group_id: str | None = None) -> pd.DataFrame:
    """Turnout per meeting: meeting_id, date, group, title, people_present, orgs_present, people_excused."""
    return query(conn, """
        SELECT meeting_id, date, group_name AS "group", title, people_present, orgs_present, people_excused
        FROM v_meeting_stats
        WHERE date BETWEEN :start AND :end AND (:group_id IS NULL OR group_id = :group_id)
        ORDER BY date, group_name""", {"start": period.start, "end": period.end, "group_id": group_id})
