"""Inaktive Partner: which member organisations of a group stop coming, so the group lead can follow up.

Read from the build's attendance facts (`org_attendance`, etl/derive/attendance.py): "expected at a
meeting", "attended", the meetings missed in a row and the last attendance mean the same on every page.
Statuses (thresholds in `InactivityRules`):
- inactive: missed at least the group's last `last_meetings` meetings *and* no attendance in `months`;
- fading: the weighted rate of the last `months` is at most `fading_ratio` × the weighted rate of the
  `months` before — an excused absence counts as `excused_weight` of an attendance there, because
  an organisation that sends apologies is still in touch, unlike one that silently stays away;
- active: everything else (also members without any meeting to judge yet).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

import pandas as pd

from analysis.db import query
from vocab.periods import Period, last_months
from vocab.periods import german_date as _de
from vocab.terms import ACTIVE, EXCUSED, FACHGRUPPE, FADING, INACTIVE, IS_MEMBER

_STATUS_ORDER = {INACTIVE: 0, FADING: 1, ACTIVE: 2}

COLUMNS = ["org_id", "organisation", "short_name", "role", "status", "last_attended", "missed_in_row",
           "meetings_12m", "attended_12m", "excused_12m", "rate_12m", "meetings_prev_12m", "attended_prev_12m",
           "excused_prev_12m", "rate_prev_12m", "reason"]


@dataclass(frozen=True)
class InactivityRules:
    """Thresholds of the status rules; the defaults are the ones agreed in issue 4.

    last_meetings: meetings in a row without attendance before a partner can be inactive.
    months: length of the recent window (and of the comparison window before it).
    fading_ratio: fading when the recent weighted rate is at most this share of the earlier one.
    excused_weight: how much an excused absence counts as attendance in the fading rule (0 … 1).
    """

    last_meetings: int = 3
    months: int = 12
    fading_ratio: float = 0.5
    excused_weight: float = 0.5

    def __post_init__(self) -> None:
        if self.last_meetings < 1 or self.months < 1:
            raise ValueError("Sitzungen in Folge und Monate müssen mindestens 1 sein.")
        if not (0 < self.fading_ratio <= 1 and 0 <= self.excused_weight <= 1):
            raise ValueError("Anteil für „nachlassend“ muss in (0, 1], Gewicht einer Entschuldigung in [0, 1] liegen.")


def windows(as_of: date, months: int) -> tuple[Period, Period]:
    """The recent window (as_of - months, as_of] and the window of the same months before it."""
    recent = last_months(as_of, months)
    before = last_months(date.fromisoformat(recent.start) - timedelta(days=1), months)
    return recent, Period(before.start, before.end, "Vorperiode")


# The columns `candidate_groups` returns, in order (tests/test_analysis_columns.py holds it to this).
CANDIDATE_GROUP_COLUMNS: Final = ("id", "name", "kind")


def candidate_groups(conn: sqlite3.Connection, as_of: date) -> pd.DataFrame:
    """Groups worth checking at as_of (not dissolved, with members or meetings): id, name, kind; Fachgruppen first."""
    return query(conn, """
        SELECT g.id, g.name, g.kind FROM groups g
        WHERE (g.dissolved IS NULL OR g.dissolved > :as_of)
          AND (EXISTS (SELECT 1 FROM memberships ms WHERE ms.group_id = g.id)
               OR EXISTS (SELECT 1 FROM meetings m WHERE m.group_id = g.id AND m.date <= :as_of))
        ORDER BY g.kind = :fachgruppe DESC, g.name""", {"as_of": as_of.isoformat(), "fachgruppe": FACHGRUPPE})


def _members(conn: sqlite3.Connection, group_ids: list[str], as_of: str) -> pd.DataFrame:
    """Member organisations of each group at as_of: its membership list, or past attendance where it has none.

    Columns: group_id, org_id, role, organisation, short_name.
    """
    params = {"ids": json.dumps(group_ids), "as_of": as_of, "member": IS_MEMBER}
    sql = """
        SELECT ms.group_id, ms.org_id, ms.role FROM memberships ms
        WHERE ms.group_id IN (SELECT value FROM json_each(:ids))
          AND (ms.since IS NULL OR ms.since <= :as_of) AND (ms.until IS NULL OR ms.until >= :as_of)
        UNION ALL
        SELECT DISTINCT o.group_id, o.org_id, NULL AS role FROM org_attendance o
        WHERE o.group_id IN (SELECT value FROM json_each(:ids))
          AND o.group_id NOT IN (SELECT group_id FROM memberships)
          AND o.date <= :as_of AND o.membership = :member"""
    rows = [tuple(r) for r in conn.execute(sql, params)]
    members = pd.DataFrame(rows, columns=["group_id", "org_id", "role"])
    members["role"] = pd.Series([r[2] for r in rows], dtype=object)  # None stays None (not NaN) for every group
    names = pd.DataFrame([tuple(r) for r in conn.execute("SELECT id, name, short_name FROM organisations")],
                         columns=["org_id", "organisation", "short_name"])
    return members.merge(names, on="org_id", how="inner")


def _rate(attended: int, excused: int, meetings: int, excused_weight: float = 0.0) -> float | None:
    return None if meetings == 0 else (attended + excused_weight * excused) / meetings


_NO_CELLS = {"missed": 0, "meetings_12m": 0, "attended_12m": 0, "excused_12m": 0, "meetings_prev_12m": 0,
             "attended_prev_12m": 0, "excused_prev_12m": 0, "last": None}

# Per (group, organisation): the facts of its newest cell up to as_of, and the window counts. One query
# for all groups: the Übersicht judges every member of every group.
_FIGURES_SQL = """
WITH f AS (
    SELECT o.group_id, o.org_id, o.date, o.counted, o.attended, o.status = :excused_status AS excused,
           o.last_attended, o.missed_in_row,
           ROW_NUMBER() OVER (PARTITION BY o.group_id, o.org_id ORDER BY o.date DESC, o.meeting_id DESC) AS newest
    FROM org_attendance o
    WHERE o.group_id IN (SELECT value FROM json_each(:ids)) AND o.date <= :as_of
)
SELECT group_id, org_id,
       SUM(counted AND date BETWEEN :r0 AND :r1) AS meetings_12m,
       SUM(attended AND date BETWEEN :r0 AND :r1) AS attended_12m,
       SUM(excused AND date BETWEEN :r0 AND :r1) AS excused_12m,
       SUM(counted AND date BETWEEN :p0 AND :p1) AS meetings_prev_12m,
       SUM(attended AND date BETWEEN :p0 AND :p1) AS attended_prev_12m,
       SUM(excused AND date BETWEEN :p0 AND :p1) AS excused_prev_12m,
       MAX(CASE WHEN newest = 1 THEN missed_in_row END) AS missed,
       MAX(CASE WHEN newest = 1 THEN last_attended END) AS last
FROM f GROUP BY group_id, org_id
"""
_COUNTED = ("meetings_12m", "attended_12m", "excused_12m", "meetings_prev_12m", "attended_prev_12m",
            "excused_prev_12m")


def _figures(conn: sqlite3.Connection, group_ids: list[str], as_of: str, recent: Period,
             before: Period) -> dict[tuple[str, str], dict]:
    """Per (group, organisation): meetings missed in a row up to as_of, window counts, last attendance."""
    params = {"ids": json.dumps(group_ids), "as_of": as_of, "excused_status": EXCUSED, "r0": recent.start,
              "r1": recent.end, "p0": before.start, "p1": before.end}
    figures: dict[tuple[str, str], dict] = {}
    for group_id, org_id, *counts, missed, last in conn.execute(_FIGURES_SQL, params):
        found: dict[str, int | str | None] = {name: int(n or 0) for name, n in zip(_COUNTED, counts, strict=True)}
        found["missed"], found["last"] = int(missed or 0), last
        figures[(group_id, org_id)] = found
    return figures


def _judge(figures: dict, rules: InactivityRules) -> dict:
    """Rates and status of one organisation from its figures (see `_figures`)."""
    counts = {k: v for k, v in figures.items() if k not in ("missed", "last")}
    missed, last = figures["missed"], figures["last"]
    rate_12m = _rate(counts["attended_12m"], 0, counts["meetings_12m"])
    rate_prev = _rate(counts["attended_prev_12m"], 0, counts["meetings_prev_12m"])
    score = _rate(counts["attended_12m"], counts["excused_12m"], counts["meetings_12m"], rules.excused_weight)
    score_prev = _rate(counts["attended_prev_12m"], counts["excused_prev_12m"], counts["meetings_prev_12m"],
                       rules.excused_weight)

    if missed >= rules.last_meetings and counts["attended_12m"] == 0:
        status = INACTIVE
        since = f"zuletzt am {_de(last)}" if last else "noch nie teilgenommen"
        reason = f"{missed} Sitzungen in Folge gefehlt, {since}"
    elif score is not None and score_prev and score <= rules.fading_ratio * score_prev:
        status = FADING
        reason = (f"Quote {counts['attended_12m']}/{counts['meetings_12m']} nach "
                  f"{counts['attended_prev_12m']}/{counts['meetings_prev_12m']} im Vorjahreszeitraum")
    else:
        status, reason = ACTIVE, ""
    if status != ACTIVE and counts["excused_12m"]:
        reason += f"; {counts['excused_12m']}× entschuldigt"
    return {"status": status, "last_attended": last, "missed_in_row": missed, **counts,
            "rate_12m": rate_12m, "rate_prev_12m": rate_prev, "reason": reason}


def inactive_partners(conn: sqlite3.Connection, group_id: str, as_of: date,
                      rules: InactivityRules = InactivityRules()) -> pd.DataFrame:
    """Every member organisation of the group with last attendance, missed meetings, rates and status.

    Columns: see COLUMNS (rates are attended / group meetings in the window, None without meetings;
    `*_12m` means the `rules.months` window). Sorted inactive, fading, active, then by missed meetings.
    """
    return inactive_partners_by_group(conn, [group_id], as_of, rules)[group_id]


def inactive_partners_by_group(conn: sqlite3.Connection, group_ids: list[str], as_of: date,
                               rules: InactivityRules = InactivityRules()) -> dict[str, pd.DataFrame]:
    """`inactive_partners` of several groups from one query: the Übersicht's alerts judge every group,
    and one cells query over all groups is many times faster than one per group."""
    return {gid: pd.DataFrame(rows, columns=COLUMNS)
            for gid, rows in judged_partners(conn, group_ids, as_of, rules).items()}


def judged_partners(conn: sqlite3.Connection, group_ids: list[str], as_of: date,
                    rules: InactivityRules = InactivityRules()) -> dict[str, list[dict]]:
    """The rows of `inactive_partners_by_group` as plain dicts (keys: COLUMNS), in the same order: for callers
    that only count or name them (the Übersicht's alerts), since a frame per group costs more than the query
    with hundreds of groups."""
    ids = list(dict.fromkeys(group_ids))
    result: dict[str, list[dict]] = {gid: [] for gid in ids}
    recent, before = windows(as_of, rules.months)
    members = _members(conn, ids, as_of.isoformat())
    if members.empty:
        return result
    figures = _figures(conn, ids, as_of.isoformat(), recent, before)
    for member in members.to_dict("records"):
        gid = member.pop("group_id")
        result[gid].append({**member, **_judge(figures.get((gid, member["org_id"]), _NO_CELLS), rules)})
    for rows in result.values():
        rows.sort(key=lambda r: (_STATUS_ORDER[r["status"]], -r["missed_in_row"], r["organisation"]))
    return result
