"""Inaktive Partner: which member organisations of a group stop coming, so the group lead can follow up.

Built on `participation.org_cells`, so "expected at a meeting" means the same on every page.
Statuses (thresholds in `InactivityRules`):
- inactive: missed at least the group's last `last_meetings` meetings *and* no attendance in `months`;
- fading: the weighted rate of the last `months` is at most `fading_ratio` × the weighted rate of the
  `months` before — an excused absence counts as `excused_weight` of an attendance there, because
  an organisation that sends apologies is still in touch, unlike one that silently stays away;
- active: everything else (also members without any meeting to judge yet).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from analysis.db import query
from analysis.participation import ATTENDED, org_cells
from analysis.period import Period, last_months

ACTIVE, FADING, INACTIVE = "active", "fading", "inactive"
STATUS_LABELS = {ACTIVE: "aktiv", FADING: "nachlassend", INACTIVE: "inaktiv"}
STATUS_ICONS = {ACTIVE: "🟢", FADING: "🟡", INACTIVE: "🔴"}
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


def candidate_groups(conn: sqlite3.Connection, as_of: date) -> pd.DataFrame:
    """Groups worth checking at as_of (not dissolved, with members or meetings): id, name, kind; Fachgruppen first."""
    return query(conn, """
        SELECT g.id, g.name, g.kind FROM groups g
        WHERE (g.dissolved IS NULL OR g.dissolved > :as_of)
          AND (EXISTS (SELECT 1 FROM memberships ms WHERE ms.group_id = g.id)
               OR EXISTS (SELECT 1 FROM meetings m WHERE m.group_id = g.id AND m.date <= :as_of))
        ORDER BY g.kind = 'fachgruppe' DESC, g.name""", {"as_of": as_of.isoformat()})


def _members(conn: sqlite3.Connection, group_id: str, as_of: str) -> pd.DataFrame:
    """Member organisations at as_of: the membership list, or past attendance where there is none."""
    params = {"group_id": group_id, "as_of": as_of}
    has_list = conn.execute("SELECT 1 FROM memberships WHERE group_id = ? LIMIT 1", (group_id,)).fetchone()
    if has_list:
        sql = """SELECT ms.org_id, ms.role FROM memberships ms
                 WHERE ms.group_id = :group_id AND (ms.since IS NULL OR ms.since <= :as_of)
                   AND (ms.until IS NULL OR ms.until >= :as_of)"""
    else:
        sql = """SELECT DISTINCT o.org_id, NULL AS role FROM v_org_attendance o
                 WHERE o.group_id = :group_id AND o.date <= :as_of AND o.status != 'guest'"""
    members = pd.DataFrame([tuple(r) for r in conn.execute(sql, params)], columns=["org_id", "role"])
    names = pd.DataFrame([tuple(r) for r in conn.execute("SELECT id, name, short_name FROM organisations")],
                         columns=["org_id", "organisation", "short_name"])
    return members.merge(names, on="org_id", how="inner")


def _rate(attended: int, excused: int, meetings: int, excused_weight: float = 0.0) -> float | None:
    return None if meetings == 0 else (attended + excused_weight * excused) / meetings


def _de(iso: str) -> str:
    return f"{iso[8:10]}.{iso[5:7]}.{iso[0:4]}"


def _judge(org: pd.DataFrame, recent: Period, before: Period, rules: InactivityRules) -> dict:
    """Figures and status of one organisation from its cells (expected or attended meetings, newest first)."""
    attended = org["status"].isin(ATTENDED)
    excused = org["status"] == "excused"
    missed = 0
    for hit in attended:
        if hit:
            break
        missed += 1
    in_recent = (org["date"] >= recent.start) & (org["date"] <= recent.end)
    in_before = (org["date"] >= before.start) & (org["date"] <= before.end)
    counts = {
        "meetings_12m": int(in_recent.sum()), "attended_12m": int((attended & in_recent).sum()),
        "excused_12m": int((excused & in_recent).sum()), "meetings_prev_12m": int(in_before.sum()),
        "attended_prev_12m": int((attended & in_before).sum()), "excused_prev_12m": int((excused & in_before).sum()),
    }
    last = org.loc[attended, "date"].max() if attended.any() else None
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
    recent, before = windows(as_of, rules.months)
    members = _members(conn, group_id, as_of.isoformat())
    if members.empty:
        return pd.DataFrame(columns=COLUMNS)
    cells = org_cells(conn, "0000-01-01", as_of.isoformat(), group_id)
    cells = cells[cells["expected"] | (cells["status"] != "missing")]
    cells = cells.sort_values("date", ascending=False, kind="stable")
    by_org = dict(tuple(cells.groupby("org_id", sort=False)))
    empty = cells.iloc[0:0]
    judged = [{**member, **_judge(by_org.get(member["org_id"], empty), recent, before, rules)}
              for member in members.to_dict("records")]
    out = pd.DataFrame(judged)
    out = out.assign(_order=out["status"].map(_STATUS_ORDER))
    out = out.sort_values(["_order", "missed_in_row", "organisation"], ascending=[True, False, True], kind="stable")
    return out[COLUMNS].reset_index(drop=True)
