"""Regelcheck: the checkable rules of the network's Grundprinzipien §6 for Fachgruppen, as data.

Each `Rule` carries its clause, a check function and its threshold, so a new rule is a new entry in
`RULES`. A check returns a `Verdict`: ok, borderline (🟡: met just barely, not provable by date, or
not due yet for a young group) and a German evidence text naming the meetings, report or organisations.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from analysis.db import query
from vocab.periods import Period, last_months
from vocab.periods import german_date as _de
from vocab.terms import AG_TRANSFER_ID, FACHGRUPPE, LIFECYCLE_LABELS, LIGHT_LABELS


@dataclass(frozen=True)
class GroupInfo:
    """What a check needs to know about a group."""

    id: str
    name: str
    kind: str
    founded: str | None
    dissolved: str | None


@dataclass(frozen=True)
class Verdict:
    """Outcome of one rule for one group."""

    ok: bool
    evidence: str
    borderline: bool = False

    @property
    def light(self) -> str:
        """green / yellow / red: borderline wins, so a barely met or not-yet-due rule is yellow."""
        if self.borderline:
            return "yellow"
        return "green" if self.ok else "red"


Check = Callable[[sqlite3.Connection, GroupInfo, date, "Rule"], Verdict]


@dataclass(frozen=True)
class Rule:
    """One rule of the Grundprinzipien: id (clause number), quoted clause, short title, check, threshold.

    `threshold` is the count the check needs within the last `months`: present organisations (6.3),
    reports (6.4), meetings for a clear green (6.6: one meeting keeps the group active, but only just).
    """

    id: str
    clause: str
    title: str
    check: Check
    threshold: int
    months: int = 12


def _dates(dates: list[str], limit: int = 12) -> str:
    shown = ", ".join(_de(d) for d in dates[:limit])
    return shown + (f" und {len(dates) - limit} weitere" if len(dates) > limit else "")


def _window(as_of: date, months: int) -> Period:
    return last_months(as_of, months)


def _young(group: GroupInfo, window: Period) -> bool:
    """Founded inside the window: a rule that needs a whole window of history is not due yet."""
    return bool(group.founded and group.founded > window.start)


def _not_due(group: GroupInfo, verdict: Verdict, window: Period) -> Verdict:
    if verdict.ok or not _young(group, window):
        return verdict
    return Verdict(False, f"{verdict.evidence} Noch nicht fällig: Gruppe erst am {_de(group.founded or '')} "
                          "gegründet.", borderline=True)


def _meetings(conn: sqlite3.Connection, group_id: str, window: Period) -> list[str]:
    rows = conn.execute("SELECT date FROM meetings WHERE group_id = ? AND date BETWEEN ? AND ? ORDER BY date",
                        (group_id, window.start, window.end))
    return [r[0] for r in rows]


def present_partners(conn: sqlite3.Connection, group_id: str, start: str, end: str) -> pd.DataFrame:
    """The organisations 6.3 counts: present (not as guests) in the group's meetings in [start, end].

    Columns: org_id, name (short name), organisation, meetings; most meetings first.
    """
    # Same counting as v_org_attendance (an organisation once per meeting), but starting from the
    # group's meetings so the index is used instead of aggregating all attendance for every group.
    return query(conn, """
        SELECT org.id AS org_id, COALESCE(org.short_name, org.name) AS name, org.name AS organisation,
               COUNT(DISTINCT m.id) AS meetings
        FROM meetings m
        JOIN attendance a ON a.meeting_id = m.id
        LEFT JOIN people p ON p.id = a.person_id
        JOIN organisations org ON org.id = COALESCE(a.org_id, p.org_id)
        WHERE m.group_id = ? AND m.date BETWEEN ? AND ? AND a.status = 'present'
        GROUP BY org.id ORDER BY meetings DESC, name""", (group_id, start, end))


def partner_evidence(conn: sqlite3.Connection, group_id: str, as_of: date, months: int = 12) -> pd.DataFrame:
    """The table behind 6.3's evidence for the page (each row opens the organisation's profile)."""
    window = _window(as_of, months)
    return present_partners(conn, group_id, window.start, window.end)


def check_partners(conn: sqlite3.Connection, group: GroupInfo, as_of: date, rule: Rule) -> Verdict:
    """6.3: at least `threshold` organisations present (guests do not count) in the window's meetings."""
    window = _window(as_of, rule.months)
    orgs = present_partners(conn, group.id, window.start, window.end)
    count = len(orgs)
    if count == 0:
        evidence = f"Keine Partnerorganisation in Sitzungen seit {_de(window.start)} anwesend."
    else:
        listed = ", ".join(f"{r.name} ({r.meetings}×)" for r in orgs.itertuples())
        evidence = f"{count} Organisationen seit {_de(window.start)} anwesend: {listed}."
    verdict = Verdict(count >= rule.threshold, evidence, borderline=count == rule.threshold)
    return _not_due(group, verdict, window)


def check_report(conn: sqlite3.Connection, group: GroupInfo, as_of: date, rule: Rule) -> Verdict:
    """6.4: a report to the AG Transfer within the window; a report known only by its year is borderline."""
    window = _window(as_of, rule.months)
    reports = query(conn, """
        SELECT year, submitted, evidence FROM reports
        WHERE group_id = :group_id
          AND (recipient_id IS NULL OR recipient_id IN (
               SELECT id FROM groups WHERE id = :ag OR (kind != 'fachgruppe' AND lower(name) LIKE '%transfer%')))
          AND ((submitted IS NOT NULL AND submitted BETWEEN :start AND :end)
               OR (submitted IS NULL AND year BETWEEN :first_year AND :last_year))
        ORDER BY submitted IS NULL, submitted DESC, year DESC""",
        {"group_id": group.id, "ag": AG_TRANSFER_ID, "start": window.start, "end": window.end,
         "first_year": int(window.start[:4]), "last_year": as_of.year})
    if len(reports) < rule.threshold:
        last = conn.execute("""SELECT year, submitted FROM reports WHERE group_id = ?
                               AND (submitted <= ? OR submitted IS NULL AND year <= ?)
                               ORDER BY COALESCE(submitted, year || '-12-31') DESC LIMIT 1""",
                            (group.id, as_of.isoformat(), as_of.year)).fetchone()
        before = ""
        if last:
            before = f" Letzter Bericht: {last[0]}" + (f", eingereicht am {_de(last[1])}." if last[1] else ".")
        verdict = Verdict(False, f"Kein Bericht an die AG Transfer seit {_de(window.start)}.{before}")
        return _not_due(group, verdict, window)
    best = reports.iloc[0]
    source = f" (Nachweis: {best['evidence']})" if best["evidence"] else ""
    if best["submitted"]:
        return Verdict(True, f"Bericht {best['year']} am {_de(best['submitted'])} an die AG Transfer{source}.")
    return Verdict(True, f"Bericht {best['year']} an die AG Transfer, ohne Datum – bitte Eingang prüfen{source}.",
                   borderline=True)


def check_active(conn: sqlite3.Connection, group: GroupInfo, as_of: date, rule: Rule) -> Verdict:
    """6.6: the group met within the window; a single meeting is borderline."""
    window = _window(as_of, rule.months)
    dates = _meetings(conn, group.id, window)
    if not dates:
        last = conn.execute("SELECT MAX(date) FROM meetings WHERE group_id = ? AND date <= ?",
                            (group.id, as_of.isoformat())).fetchone()[0]
        tail = f" Letzte Sitzung am {_de(last)}." if last else " Noch keine Sitzung."
        return _not_due(group, Verdict(False, f"Keine Sitzung seit {_de(window.start)}.{tail}"), window)
    evidence = f"{len(dates)} Sitzung{'en' if len(dates) > 1 else ''} seit {_de(window.start)}: {_dates(dates)}."
    return Verdict(True, evidence, borderline=len(dates) < rule.threshold)


RULES: tuple[Rule, ...] = (
    Rule("6.3", "„Eine OM-Fachgruppe besteht aus mindestens drei Partnern und ist für alle Partner offen.“",
         "Mindestens drei aktive Partner", check_partners, threshold=3),
    Rule("6.4", "„Eine OM-Fachgruppe berichtet regelmäßig in der AG Transfer über ihre Arbeit (einmal jährlich) "
         "bzw. nimmt an dem entsprechenden Informationsverfahren teil (persönlich durch Partner oder schriftlich).“",
         "Jährlicher Bericht an die AG Transfer", check_report, threshold=1),
    Rule("6.6", "„Eine OM-Fachgruppe, die nicht aktiv ist und / oder den Grundlagen der Zusammenarbeit nicht "
         "entspricht, wird durch den Strategiekreis als OM-Fachgruppe aufgelöst.“",
         "Aktiv: Sitzungen in den letzten zwölf Monaten", check_active, threshold=2),
)


def lifecycle(conn: sqlite3.Connection, group: GroupInfo, as_of: date, months: int = 12) -> str:
    """founded (no meeting yet), active, dormant (no meeting in `months`) or dissolved (by as_of)."""
    if group.dissolved and group.dissolved <= as_of.isoformat():
        return "dissolved"
    last = conn.execute("SELECT MAX(date) FROM meetings WHERE group_id = ? AND date <= ?",
                        (group.id, as_of.isoformat())).fetchone()[0]
    if last is None:
        return "founded"
    return "active" if last >= _window(as_of, months).start else "dormant"


def checked_groups(conn: sqlite3.Connection, as_of: date, group_id: str | None = None,
                   months: int = 12) -> list[GroupInfo]:
    """Fachgruppen that existed during the window: founded by as_of, not dissolved before it began.

    An explicitly chosen group is checked whatever its kind.
    """
    window = _window(as_of, months)
    rows = conn.execute("""
        SELECT id, name, kind, founded, dissolved FROM groups
        WHERE (:group_id IS NULL AND kind = 'fachgruppe' OR id = :group_id)
          AND (founded IS NULL OR founded <= :end)
          AND (dissolved IS NULL OR dissolved >= :start)
        ORDER BY name""", {"group_id": group_id, "start": window.start, "end": window.end})
    return [GroupInfo(*tuple(r)) for r in rows]


def checked_group(conn: sqlite3.Connection, group_id: str | None) -> str | None:
    """The group a rule check is about: §6 applies only to Fachgruppen, so any other group means all of them."""
    if group_id is None:
        return None
    row = conn.execute("SELECT kind FROM groups WHERE id = ?", (group_id,)).fetchone()
    return group_id if row is not None and row[0] == FACHGRUPPE else None


RESULT_COLUMNS = ["group_id", "group", "lifecycle", "rule", "title", "clause", "ok", "borderline", "light",
                  "evidence"]


def check_rules(conn: sqlite3.Connection, as_of: date, group_id: str | None = None,
                rules: tuple[Rule, ...] = RULES) -> pd.DataFrame:
    """One row per group and rule: group_id, group, lifecycle, rule, title, clause, ok, borderline, light, evidence."""
    months = max((r.months for r in rules), default=12)
    out = []
    for group in checked_groups(conn, as_of, group_id, months):
        stage = lifecycle(conn, group, as_of)
        for rule in rules:
            verdict = rule.check(conn, group, as_of, rule)
            out.append({"group_id": group.id, "group": group.name, "lifecycle": stage, "rule": rule.id,
                        "title": rule.title, "clause": rule.clause, "ok": verdict.ok,
                        "borderline": verdict.borderline, "light": verdict.light, "evidence": verdict.evidence})
    return pd.DataFrame(out, columns=RESULT_COLUMNS)


def summary(results: pd.DataFrame) -> pd.DataFrame:
    """One row per group for the overview table: Gruppe, Status and one traffic light per rule (German)."""
    if results.empty:
        return pd.DataFrame(columns=["Gruppe", "Status"])
    lights = results.assign(mark=results["light"].map(LIGHT_LABELS))  # words: no emoji font needed
    table = lights.pivot(index=["group", "lifecycle"], columns="rule", values="mark").reset_index()
    table.columns.name = None
    table["lifecycle"] = table["lifecycle"].map(LIFECYCLE_LABELS)
    breaches = results[results["light"] == "red"].groupby("group").size()
    table["Verstöße"] = table["group"].map(breaches).fillna(0).astype(int)
    table = table.rename(columns={"group": "Gruppe", "lifecycle": "Status"})
    return table.rename(columns={r: f"§ {r}" for r in results["rule"].unique()})
