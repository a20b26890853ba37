"""Regelcheck: the checkable rules of the network's Grundprinzipien §6 for Fachgruppen, as data.

Each `Rule` carries its clause, a check function and its threshold, so a new rule is a new entry in
`RULES`. A check returns a `Verdict`: ok, borderline (🟡: met just barely, not provable by date, or
not due yet for a young group) and a German evidence text naming the meetings, report or organisations.

6.3 counts from the build's attendance facts (`org_attendance`), like the Beteiligung and the profiles.
`check_rules` reads what every check needs for all groups at once (`Facts`), so the number of queries does
not grow with the number of groups; a check called on its own reads the facts of its one group.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

import pandas as pd

from analysis.db import query
from vocab.periods import Period, last_months
from vocab.periods import german_date as _de
from vocab.terms import AG_TRANSFER_ID, FACHGRUPPE, LIFECYCLE_LABELS, LIGHT_LABELS, PARTNER_STATUSES

_PARTNERS_COLUMNS = ["org_id", "name", "organisation", "meetings"]


@dataclass
class Facts:
    """The data behind the checks of several groups at one date, each read once for all of them."""

    conn: sqlite3.Connection
    group_ids: list[str]
    as_of: date
    _cache: dict = field(default_factory=dict)

    def _ids(self) -> str:
        return json.dumps(self.group_ids)

    def _once(self, key: tuple, load: Callable[[], object]) -> object:
        if key not in self._cache:
            self._cache[key] = load()
        return self._cache[key]

    def partners(self, window: Period) -> dict[str, list[tuple]]:
        """Per group: the organisations present as partners (§6.3, not as guests) in the window's meetings, as
        rows (org_id, name, organisation, meetings), most meetings first; plain tuples, since a frame per group
        costs more than the query with hundreds of groups."""
        def load() -> dict[str, list[tuple]]:
            out: dict[str, list[tuple]] = {}
            for gid, *row in self.conn.execute("""
                    SELECT o.group_id, org.id AS org_id, COALESCE(org.short_name, org.name) AS name,
                           org.name AS organisation, COUNT(*) AS meetings
                    FROM org_attendance o JOIN organisations org ON org.id = o.org_id
                    WHERE o.group_id IN (SELECT value FROM json_each(:ids)) AND o.date BETWEEN :start AND :end
                      AND o.status IN (SELECT value FROM json_each(:partner))
                    GROUP BY o.group_id, org.id ORDER BY o.group_id, meetings DESC, name""",
                    {"ids": self._ids(), "start": window.start, "end": window.end,
                     "partner": json.dumps(PARTNER_STATUSES)}):
                out.setdefault(str(gid), []).append(tuple(row))
            return out
        return self._once(("partners", window), load)  # type: ignore[return-value]

    def meetings(self, window: Period) -> dict[str, list[str]]:
        """Per group: the dates of its meetings in the window, oldest first."""
        def load() -> dict[str, list[str]]:
            out: dict[str, list[str]] = {}
            for gid, day in self.conn.execute(
                    "SELECT group_id, date FROM meetings WHERE group_id IN (SELECT value FROM json_each(?)) "
                    "AND date BETWEEN ? AND ? ORDER BY group_id, date", (self._ids(), window.start, window.end)):
                out.setdefault(gid, []).append(day)
            return out
        return self._once(("meetings", window), load)  # type: ignore[return-value]

    def last_meeting(self) -> dict[str, str]:
        """Per group: the date of its last meeting up to as_of."""
        def load() -> dict[str, str]:
            return {gid: day for gid, day in self.conn.execute(
                "SELECT group_id, MAX(date) FROM meetings WHERE group_id IN (SELECT value FROM json_each(?)) "
                "AND date <= ? GROUP BY group_id", (self._ids(), self.as_of.isoformat()))}
        return self._once(("last",), load)  # type: ignore[return-value]

    def reports(self) -> dict[str, list[dict]]:
        """Per group: its reports, each with `to_ag` (sent to the AG Transfer or to no named body)."""
        def load() -> dict[str, list[dict]]:
            found = query(self.conn, """
                SELECT group_id, year, submitted, evidence,
                       recipient_id IS NULL OR recipient_id IN (
                           SELECT id FROM groups WHERE id = :ag OR (kind != :fachgruppe AND lower(name) LIKE :transfer))
                       AS to_ag
                FROM reports WHERE group_id IN (SELECT value FROM json_each(:ids))""",
                {"ids": self._ids(), "ag": AG_TRANSFER_ID, "fachgruppe": FACHGRUPPE, "transfer": "%transfer%"})
            out: dict[str, list[dict]] = {}
            for row in found.astype(object).where(found.notna(), None).to_dict("records"):
                out.setdefault(str(row["group_id"]), []).append(row)
            return out
        return self._once(("reports",), load)  # type: ignore[return-value]


@dataclass(frozen=True)
class GroupInfo:
    """What a check needs to know about a group; `facts` holds the data of all checked groups (optional)."""

    id: str
    name: str
    kind: str
    founded: str | None
    dissolved: str | None
    facts: Facts | None = field(default=None, compare=False, repr=False)

    def data(self, conn: sqlite3.Connection, as_of: date) -> Facts:
        """The facts to check this group with: the shared ones, or this group's own."""
        if self.facts is not None and self.facts.as_of == as_of:
            return self.facts
        return Facts(conn, [self.id], as_of)


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


def present_partners(conn: sqlite3.Connection, group_id: str, start: str, end: str) -> pd.DataFrame:
    """The organisations 6.3 counts: present (not as guests) in the group's meetings in [start, end].

    Columns: org_id, name (short name), organisation, meetings; most meetings first.
    """
    found = Facts(conn, [group_id], date.fromisoformat(end)).partners(Period(start, end, "")).get(group_id)
    return pd.DataFrame(found, columns=_PARTNERS_COLUMNS) if found else pd.DataFrame(columns=_PARTNERS_COLUMNS)


def partner_evidence(conn: sqlite3.Connection, group_id: str, as_of: date, months: int = 12) -> pd.DataFrame:
    """The table behind 6.3's evidence for the page (each row opens the organisation's profile)."""
    window = _window(as_of, months)
    return present_partners(conn, group_id, window.start, window.end)


def check_partners(conn: sqlite3.Connection, group: GroupInfo, as_of: date, rule: Rule) -> Verdict:
    """6.3: at least `threshold` organisations present (guests do not count) in the window's meetings."""
    window = _window(as_of, rule.months)
    orgs = group.data(conn, as_of).partners(window).get(group.id, [])
    count = len(orgs)
    if count == 0:
        evidence = f"Keine Partnerorganisation in Sitzungen seit {_de(window.start)} anwesend."
    else:
        listed = ", ".join(f"{name} ({meetings}×)" for _, name, _, meetings in orgs)
        evidence = f"{count} Organisationen seit {_de(window.start)} anwesend: {listed}."
    verdict = Verdict(count >= rule.threshold, evidence, borderline=count == rule.threshold)
    return _not_due(group, verdict, window)


def check_report(conn: sqlite3.Connection, group: GroupInfo, as_of: date, rule: Rule) -> Verdict:
    """6.4: a report to the AG Transfer within the window; a report known only by its year is borderline."""
    window = _window(as_of, rule.months)
    first_year, last_year = int(window.start[:4]), as_of.year
    known = group.data(conn, as_of).reports().get(group.id, [])
    reports = [r for r in known if r["to_ag"] and (
        window.start <= r["submitted"] <= window.end if r["submitted"] else first_year <= r["year"] <= last_year)]
    reports.sort(key=lambda r: (r["submitted"] or "", r["year"]), reverse=True)  # dated first, newest first
    reports.sort(key=lambda r: r["submitted"] is None)
    if len(reports) < rule.threshold:
        earlier = [r for r in known if (r["submitted"] <= as_of.isoformat() if r["submitted"]
                                        else r["year"] <= as_of.year)]
        last = max(earlier, key=lambda r: r["submitted"] or f"{r['year']}-12-31", default=None)
        before = ""
        if last:
            before = f" Letzter Bericht: {last['year']}" + (
                f", eingereicht am {_de(last['submitted'])}." if last["submitted"] else ".")
        verdict = Verdict(False, f"Kein Bericht an die AG Transfer seit {_de(window.start)}.{before}")
        return _not_due(group, verdict, window)
    best = reports[0]
    source = f" (Nachweis: {best['evidence']})" if best["evidence"] else ""
    if best["submitted"]:
        return Verdict(True, f"Bericht {best['year']} am {_de(best['submitted'])} an die AG Transfer{source}.")
    return Verdict(True, f"Bericht {best['year']} an die AG Transfer, ohne Datum – bitte Eingang prüfen{source}.",
                   borderline=True)


def check_active(conn: sqlite3.Connection, group: GroupInfo, as_of: date, rule: Rule) -> Verdict:
    """6.6: the group met within the window; a single meeting is borderline."""
    window = _window(as_of, rule.months)
    facts = group.data(conn, as_of)
    dates = facts.meetings(window).get(group.id, [])
    if not dates:
        last = facts.last_meeting().get(group.id)
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
    last = group.data(conn, as_of).last_meeting().get(group.id)
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
        WHERE (:group_id IS NULL AND kind = :fachgruppe OR id = :group_id)
          AND (founded IS NULL OR founded <= :end)
          AND (dissolved IS NULL OR dissolved >= :start)
        ORDER BY name""", {"group_id": group_id, "start": window.start, "end": window.end, "fachgruppe": FACHGRUPPE})
    return [GroupInfo(*tuple(r)) for r in rows]


def checked_group(conn: sqlite3.Connection, group_id: str | None) -> str | None:
    """The group a rule check is about: §6 applies only to Fachgruppen, so any other group means all of them."""
    if group_id is None:
        return None
    row = conn.execute("SELECT kind FROM groups WHERE id = ?", (group_id,)).fetchone()
    return group_id if row is not None and row[0] == FACHGRUPPE else None


# Groups the Regelcheck page details at first: the real network has about ten Fachgruppen, all shown; a larger one
# shows those with the most breaches and the rest on request (every group stays in the summary table).
GROUPS_DETAILED = 20
RESULT_COLUMNS = ["group_id", "group", "lifecycle", "rule", "title", "clause", "ok", "borderline", "light",
                  "evidence"]


def check_rules(conn: sqlite3.Connection, as_of: date, group_id: str | None = None,
                rules: tuple[Rule, ...] = RULES) -> pd.DataFrame:
    """One row per group and rule: group_id, group, lifecycle, rule, title, clause, ok, borderline, light, evidence."""
    months = max((r.months for r in rules), default=12)
    out = []
    groups = checked_groups(conn, as_of, group_id, months)
    facts = Facts(conn, [g.id for g in groups], as_of)  # every check reads the facts of all groups at once
    for group in (replace(g, facts=facts) for g in groups):
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
