"""Profiles: everything known about one organisation, group or person, up to a date, in one object.

An organisation's profile answers "who is this, since when, who do we call?": its groups and roles
with since/until, its attendance per group (one row per group, one cell per meeting), last attendance
and current streak, contact people (master data and protocols), projects with phases, the
organisations it meets most often and the protocols it appears in (file and line, to open the text
there). Groups and people get a profile of the same shape. With `hide_names` every person's name is
replaced by their stable pseudonym (analysis.pseudonymise), as everywhere else.

The attendance cells, last attendance and streaks are the build's attendance facts (`org_attendance`,
`person_attendance`, see etl/derive/attendance.py), the same the Beteiligung, the Inaktive Partner and the
Regelcheck read: an organisation is expected at a meeting of a group with a membership list while its
membership is valid, and in a group without one from its first appearance on; before that the cell says
"noch nicht Mitglied", after a membership ended "nicht mehr Mitglied".
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import pandas as pd

from analysis.db import query
from analysis.projects import PROJECT_SPANS, phases_of
from analysis.pseudonymise import pseudonyms
from vocab.periods import german_date, today
from vocab.terms import (
    EXCUSED,
    FACHGRUPPE,
    GROUP_KIND_LABELS,
    HEATMAP_LABELS,
    LEFT,
    MEMBER_ROLES,
    MISSING,
    NONE,
    NOT_YET,
    PHASE_LABELS,
    PRESENT,
    ROLE_LABELS,
    UNRECORDED,
)

Kind = Literal["organisation", "group", "person"]
KINDS: dict[str, str] = {"organisation": "Organisation", "group": "Gruppe", "person": "Person"}

# The German words of the attendance cells (vocab.terms): attended, excused, missed, no record, no member.
ATTENDED_CELL, EXCUSED_CELL, MISSED_CELL = HEATMAP_LABELS[PRESENT], HEATMAP_LABELS[EXCUSED], HEATMAP_LABELS[MISSING]
UNRECORDED_CELL = HEATMAP_LABELS[UNRECORDED]
CELLS = (ATTENDED_CELL, EXCUSED_CELL, MISSED_CELL, UNRECORDED_CELL, PHASE_LABELS[NOT_YET], PHASE_LABELS[LEFT])
ATTENDANCE_COLUMNS = ["row", "group", "meeting_id", "date", "title", "cell"]
# Per group: the facts of the subject's newest meeting there up to as_of (labels: vocab.terms.FACT_LABELS).
PER_GROUP_COLUMNS = ["group_id", "group", "last_attended", "last_listed", "missed_in_row"]


@dataclass(frozen=True)
class Profile:
    """One profile; tables are empty (with their columns) when there is nothing to show."""

    kind: Kind
    id: str
    name: str
    as_of: str
    facts: pd.DataFrame  # Angabe, Wert
    groups: pd.DataFrame  # group_id, group, role, since, until (for a group: its member organisations)
    attendance: pd.DataFrame  # ATTENDANCE_COLUMNS, one row per row label (group / organisation) and meeting
    last_attended: str | None
    streak: str | None  # "3 Sitzungen in Folge anwesend"
    contacts: pd.DataFrame  # person_id, name, role, source, meetings, last_attended
    projects: pd.DataFrame  # project_id, project, role, status, phase, start, end
    partners: pd.DataFrame  # org_id, organisation, meetings (met most often)
    protocols: pd.DataFrame  # meeting_id, date, group, title, source_file, line, how
    notes: list[str] = field(default_factory=list)
    per_group: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PER_GROUP_COLUMNS))

    def attendance_matrix(self) -> pd.DataFrame:
        """The attendance as a table: one row per group (or organisation), one column per meeting date."""
        if self.attendance.empty:
            return pd.DataFrame()
        cells = self.attendance.assign(column=[german_date(d) for d in self.attendance["date"]])
        table = cells.pivot_table(index="row", columns="column", values="cell", aggfunc="first", sort=False)
        ordered = list(dict.fromkeys(cells.sort_values("date")["column"]))
        return table.reindex(columns=ordered).fillna("")


def _iso(value: date | str | None) -> str:
    return str(value or today().isoformat())[:10]  # NETZWERKRADAR_AS_OF's 'today', like every other view


def _records(frame: pd.DataFrame) -> list[dict]:
    """The rows as dicts of plain Python values, a missing one (NaN, NaT) as None; in one pass, since a profile
    reads several small frames and pandas' `astype(object).where(...)` cost more than the queries."""
    return [{key: None if value is None or value is pd.NaT or (isinstance(value, float) and value != value)
             else value for key, value in row.items()} for row in frame.to_dict("records")]


def _cell(status: str, membership: str | None) -> str | None:
    """The German cell of one fact row (None: not expected and not there)."""
    if status == NONE:
        return PHASE_LABELS.get(membership or "")
    return HEATMAP_LABELS[status]


def _cells(rows: pd.DataFrame, row_column: str) -> pd.DataFrame:
    """ATTENDANCE_COLUMNS from fact rows (columns group, meeting_id, date, title, status, membership)."""
    out = [{"row": r[row_column], "group": r["group"], "meeting_id": r["meeting_id"], "date": r["date"],
            "title": r["title"], "cell": cell} for r in _records(rows)
           if (cell := _cell(r["status"], r["membership"])) is not None]
    return pd.DataFrame(out, columns=ATTENDANCE_COLUMNS)


def _per_group(conn: sqlite3.Connection, table: str, column: str, subject: str, as_of: str) -> pd.DataFrame:
    """PER_GROUP_COLUMNS of one organisation or person: the running facts of its newest row per group. A date
    never reached (listed, never there) is None, as the other pages say it, not pandas' NaN of an empty column."""
    found = query(conn, f"""
        SELECT f.group_id, g.name AS "group", MAX(f.last_attended) AS last_attended,
               MAX(f.last_listed) AS last_listed,
               (SELECT x.missed_in_row FROM {table} x WHERE x.group_id = f.group_id AND x.{column} = :s
                  AND x.date <= :as_of ORDER BY x.date DESC, x.meeting_id DESC LIMIT 1) AS missed_in_row
        FROM {table} f JOIN groups g ON g.id = f.group_id
        WHERE f.{column} = :s AND f.date <= :as_of
        GROUP BY f.group_id ORDER BY g.kind != :fachgruppe, g.name""",
        {"s": subject, "as_of": as_of, "fachgruppe": FACHGRUPPE})  # sql-ok: table and column from constants
    for day in ("last_attended", "last_listed"):
        found[day] = found[day].astype(object).where(found[day].notna(), None)
    return found


def streak(cells: list[str]) -> str | None:
    """The current run of the latest outcomes ("anwesend" vs. not), newest last; None without meetings."""
    outcomes = [c for c in cells if c in (ATTENDED_CELL, EXCUSED_CELL, MISSED_CELL)]
    if not outcomes:
        return None
    attended = outcomes[-1] == ATTENDED_CELL
    run = 0
    excused = 0
    for cell in reversed(outcomes):
        if (cell == ATTENDED_CELL) != attended:
            break
        run += 1
        excused += cell == EXCUSED_CELL
    word = "Sitzung" if run == 1 else "Sitzungen in Folge"
    if attended:
        return f"{run} {word} {ATTENDED_CELL}"
    return f"{run} {word} nicht anwesend" + (f" (davon {excused} entschuldigt)" if excused else "")


# --- organisation -----------------------------------------------------------------------------------------
def organisation_id(conn: sqlite3.Connection, name_or_id: str) -> str | None:
    """The id of an organisation given by id, name, short name or alias (case-insensitive); None if unknown."""
    row = conn.execute("""
        SELECT id FROM organisations WHERE id = :v OR lower(name) = lower(:v) OR lower(short_name) = lower(:v)
        UNION ALL SELECT org_id FROM org_aliases WHERE lower(alias) = lower(:v)
        LIMIT 1""", {"v": name_or_id.strip()}).fetchone()
    return str(row[0]) if row else None


def _org_attendance(conn: sqlite3.Connection, org_id: str, as_of: str) -> pd.DataFrame:
    """The organisation's cells in the groups it belongs to or attended (as_of), from the build's facts."""
    rows = query(conn, """
        WITH mine AS (SELECT group_id FROM memberships WHERE org_id = :org
                      UNION SELECT group_id FROM v_org_attendance WHERE org_id = :org AND date <= :as_of)
        SELECT g.name AS "group", o.meeting_id, o.date, m.title, o.status, o.membership
        FROM mine JOIN groups g ON g.id = mine.group_id
        JOIN org_attendance o ON o.group_id = g.id AND o.org_id = :org AND o.date <= :as_of
        JOIN meetings m ON m.id = o.meeting_id
        ORDER BY g.kind != :fachgruppe, g.name, o.date, o.meeting_id""",
        {"org": org_id, "as_of": as_of, "fachgruppe": FACHGRUPPE})
    return _cells(rows, "group")


def _org_projects(conn: sqlite3.Connection, org_id: str, as_of: str) -> pd.DataFrame:
    rows = query(conn, f"""
        WITH {PROJECT_SPANS},
        mine AS (SELECT id AS project_id, 'Leitung' AS role FROM projects WHERE lead_org_id = :org
                 UNION SELECT project_id, COALESCE(role, 'Partner') FROM project_partners WHERE org_id = :org
                   AND project_id NOT IN (SELECT id FROM projects WHERE lead_org_id = :org))
        SELECT p.id AS project_id, p.name AS project, mine.role, p.status, s.applied, s.approved, s.start,
               s."end", s.abschluss, s.transfer
        FROM mine JOIN projects p ON p.id = mine.project_id JOIN spans s ON s.project_id = p.id
        ORDER BY COALESCE(s.span_start, '9999'), p.name""", {"org": org_id})
    return _phases(rows, as_of)


def _phases(rows: pd.DataFrame, as_of: str) -> pd.DataFrame:
    """One row per project and phase (a project without dated phases keeps one row without a phase)."""
    out = []
    for r in _records(rows):
        phases: list[tuple[str | None, str | None, str | None, bool]] = list(phases_of(r, as_of))
        for phase, start, end, is_open in phases or [(None, None, None, False)]:
            out.append({"project_id": r["project_id"], "project": r["project"], "role": r["role"],
                        "status": r["status"], "phase": phase, "start": start,
                        "end": None if is_open else end})
    return pd.DataFrame(out, columns=["project_id", "project", "role", "status", "phase", "start", "end"])


def _contacts(conn: sqlite3.Connection, where: str, params: dict, as_of: str) -> pd.DataFrame:
    """People with the meetings they attended and their last attended one (person facts, all groups)."""
    return query(conn, f"""
        WITH seen AS (
            SELECT f.person_id, SUM(f.attended) AS meetings, MAX(f.last_attended) AS last_attended
            FROM person_attendance f WHERE f.date <= :as_of
            GROUP BY f.person_id)
        SELECT p.id AS person_id, TRIM(COALESCE(p.title || ' ', '') || p.name) AS name, COALESCE(p.role, '–') AS role,
               CASE p.origin WHEN 'stammdaten' THEN 'Stammdaten' ELSE 'Protokoll' END AS source,
               COALESCE(s.meetings, 0) AS meetings, s.last_attended
        FROM people p LEFT JOIN seen s ON s.person_id = p.id
        WHERE {where}
        ORDER BY p.origin != 'stammdaten', COALESCE(s.meetings, 0) DESC, p.name""", params | {"as_of": as_of})


def _protocols(conn: sqlite3.Connection, attendance_where: str, mention_where: str, params: dict,
               as_of: str) -> pd.DataFrame:
    """Protocol lines naming the subject: participant lines and mentions, each with file and line."""
    return query(conn, f"""
        SELECT DISTINCT m.id AS meeting_id, m.date, g.name AS "group", m.title, x.source_file, x.line, x.how
        FROM (SELECT a.meeting_id, a.source_file, a.source_line AS line, 'Teilnahme' AS how FROM attendance a
              WHERE {attendance_where}
              UNION ALL SELECT mn.meeting_id, mn.source_file, mn.source_line, 'Erwähnung' FROM mentions mn
              WHERE {mention_where}) x
        JOIN protocols pr ON pr.source_file = x.source_file
        JOIN meetings m ON m.id = x.meeting_id JOIN groups g ON g.id = m.group_id
        WHERE m.date <= :as_of
        ORDER BY m.date DESC, x.source_file, x.line""", params | {"as_of": as_of})


def organisation_profile(conn: sqlite3.Connection, org_id: str, as_of: date | str | None = None,
                         hide_names: bool = False, partners: int = 10) -> Profile | None:
    """The profile of one organisation up to `as_of` (default today); None when the id is unknown."""
    at = _iso(as_of)
    info = query(conn, """SELECT id, name, short_name, type, region, partner_since FROM organisations
                          WHERE id = :org""", {"org": org_id})
    if info.empty:
        return None
    org = _records(info)[0]
    facts = pd.DataFrame({"Angabe": ["Kurzname", "Typ", "Region", "Partner seit"],
                          "Wert": [org["short_name"] or "–", org["type"] or "–", org["region"] or "–",
                                   german_date(org["partner_since"])]})
    groups = query(conn, """
        SELECT g.id AS group_id, g.name AS "group", ms.role, ms.since, ms.until
        FROM memberships ms JOIN groups g ON g.id = ms.group_id WHERE ms.org_id = :org
        ORDER BY g.kind != :fachgruppe, g.name""", {"org": org_id, "fachgruppe": FACHGRUPPE})
    groups["role"] = groups["role"].map(lambda r: ROLE_LABELS.get(r, r))
    attendance = _org_attendance(conn, org_id, at)
    per_group = _per_group(conn, "org_attendance", "org_id", org_id, at)
    last = per_group["last_attended"].dropna().max() if not per_group.empty else None
    params = {"org": org_id}
    contacts = _contacts(conn, "p.org_id = :org OR p.id IN (SELECT person_id FROM attendance WHERE org_id = :org)",
                         params, at)
    met = query(conn, """
        WITH mine AS (SELECT meeting_id FROM org_attendance WHERE org_id = :org AND attended = 1 AND date <= :as_of)
        SELECT o.org_id, org.name AS organisation, COUNT(*) AS meetings
        FROM org_attendance o JOIN mine ON mine.meeting_id = o.meeting_id JOIN organisations org ON org.id = o.org_id
        WHERE o.org_id != :org AND o.attended = 1
        GROUP BY o.org_id ORDER BY meetings DESC, org.name LIMIT :n""", params | {"as_of": at, "n": partners})
    protocols = _protocols(
        conn, "a.org_id = :org OR a.person_id IN (SELECT id FROM people WHERE org_id = :org)",
        "mn.entity_type = 'organisation' AND mn.entity_id = :org", params, at)
    profile = Profile("organisation", org_id, str(org["name"]), at, facts, groups, attendance,
                      None if last is None or pd.isna(last) else str(last),
                      streak(attendance.sort_values("date", kind="stable")["cell"].tolist()), contacts,
                      _org_projects(conn, org_id, at), met, protocols, per_group=per_group)
    return _hidden(conn, profile) if hide_names else profile


# --- group ------------------------------------------------------------------------------------------------
def group_profile(conn: sqlite3.Connection, group_id: str, as_of: date | str | None = None,
                  hide_names: bool = False) -> Profile | None:
    """A group's profile: its member organisations with roles, each one's attendance (one row per
    organisation), the people who attend, projects presented there and its protocols."""
    at = _iso(as_of)
    info = query(conn, """SELECT g.id, g.name, g.kind, g.topic, g.founded, g.dissolved, p.name AS parent
                          FROM groups g LEFT JOIN groups p ON p.id = g.parent_id WHERE g.id = :g""", {"g": group_id})
    if info.empty:
        return None
    grp = _records(info)[0]
    facts = pd.DataFrame({"Angabe": ["Art", "Thema", "Gegründet", "Aufgelöst", "Übergeordnet"],
                          "Wert": [GROUP_KIND_LABELS.get(grp["kind"], grp["kind"]), grp["topic"] or "–",
                                   german_date(grp["founded"]), german_date(grp["dissolved"]), grp["parent"] or "–"]})
    members = query(conn, """
        SELECT o.id AS group_id, o.name AS "group", ms.role, ms.since, ms.until
        FROM memberships ms JOIN organisations o ON o.id = ms.org_id WHERE ms.group_id = :g
        ORDER BY ms.role != :lead, o.name""", {"g": group_id, "lead": MEMBER_ROLES[0]})
    members["role"] = members["role"].map(lambda r: ROLE_LABELS.get(r, r))
    from analysis.participation import org_cells  # the heatmap's own cells: the same counts as Beteiligung

    cells = org_cells(conn, "0000-01-01", at, group_id)
    cells = cells[cells["expected"] | cells["attended"] | (cells["status"] == EXCUSED)]
    attendance = pd.DataFrame({"row": cells["organisation"], "group": cells["group_name"],
                               "meeting_id": cells["meeting_id"], "date": cells["date"], "title": cells["title"],
                               "cell": cells["status"].map(lambda s: HEATMAP_LABELS.get(s, MISSED_CELL))},
                              columns=ATTENDANCE_COLUMNS).reset_index(drop=True)
    last = conn.execute("SELECT MAX(date) FROM meetings WHERE group_id = ? AND date <= ?", (group_id, at)).fetchone()[0]
    params = {"g": group_id}
    contacts = _contacts(conn, """p.id IN (SELECT a.person_id FROM attendance a JOIN meetings m ON m.id = a.meeting_id
                                           WHERE m.group_id = :g)""", params, at)
    projects = query(conn, f"""
        WITH {PROJECT_SPANS},
        shown AS (SELECT DISTINCT e.project_id FROM project_events e LEFT JOIN meetings m ON m.id = e.meeting_id
                  WHERE COALESCE(e.group_id, m.group_id) = :g)
        SELECT p.id AS project_id, p.name AS project, 'vorgestellt' AS role, p.status, s.applied, s.approved,
               s.start, s."end", s.abschluss, s.transfer
        FROM shown JOIN projects p ON p.id = shown.project_id JOIN spans s ON s.project_id = p.id
        ORDER BY COALESCE(s.span_start, '9999'), p.name""", params)
    present = query(conn, """
        SELECT o.org_id, org.name AS organisation, COUNT(*) AS meetings FROM org_attendance o
        JOIN organisations org ON org.id = o.org_id
        WHERE o.group_id = :g AND o.attended = 1 AND o.date <= :as_of
        GROUP BY o.org_id ORDER BY meetings DESC, org.name LIMIT 10""", params | {"as_of": at})
    protocols = query(conn, """
        SELECT m.id AS meeting_id, m.date, g.name AS "group", m.title, pr.source_file, 1 AS line, 'Protokoll' AS how
        FROM protocols pr JOIN meetings m ON m.id = pr.meeting_id JOIN groups g ON g.id = m.group_id
        WHERE m.group_id = :g AND m.date <= :as_of ORDER BY m.date DESC, pr.source_file""", params | {"as_of": at})
    profile = Profile("group", group_id, str(grp["name"]), at, facts, members, attendance, last, None, contacts,
                      _phases(projects, at), present, protocols)
    return _hidden(conn, profile) if hide_names else profile


# --- person -----------------------------------------------------------------------------------------------
def person_profile(conn: sqlite3.Connection, person_id: str, as_of: date | str | None = None,
                   hide_names: bool = False) -> Profile | None:
    """A person's profile: organisation and role, attendance per group (from their first meeting there),
    last attendance and streak, the people they meet most often and the protocols naming them."""
    at = _iso(as_of)
    info = query(conn, """SELECT p.id, TRIM(COALESCE(p.title || ' ', '') || p.name) AS name, p.role,
                                 o.id AS org_id, o.name AS organisation, p.origin
                          FROM people p LEFT JOIN organisations o ON o.id = p.org_id WHERE p.id = :p""",
                 {"p": person_id})
    if info.empty:
        return None
    person = _records(info)[0]
    facts = pd.DataFrame({"Angabe": ["Organisation", "Funktion", "Bekannt aus"],
                          "Wert": [person["organisation"] or "–", person["role"] or "–",
                                   "Stammdaten" if person["origin"] == "stammdaten" else "Protokollen"]})
    params = {"p": person_id, "as_of": at}
    rows = query(conn, """
        SELECT g.name AS "group", f.meeting_id, f.date, m.title, f.status, f.membership
        FROM person_attendance f JOIN groups g ON g.id = f.group_id JOIN meetings m ON m.id = f.meeting_id
        WHERE f.person_id = :p AND f.date <= :as_of
        ORDER BY g.kind != :fachgruppe, g.name, f.date, f.meeting_id""", params | {"fachgruppe": FACHGRUPPE})
    attendance = _cells(rows, "group")
    groups = query(conn, """
        SELECT f.group_id, g.name AS "group", 'Teilnahme' AS role, MIN(f.date) AS since, MAX(f.date) AS until
        FROM person_attendance f JOIN groups g ON g.id = f.group_id
        WHERE f.person_id = :p AND f.attended = 1 AND f.date <= :as_of
        GROUP BY f.group_id ORDER BY g.name""", params)
    per_group = _per_group(conn, "person_attendance", "person_id", person_id, at)
    last = per_group["last_attended"].dropna().max() if not per_group.empty else None
    met = query(conn, """
        WITH mine AS (SELECT meeting_id FROM person_attendance WHERE person_id = :p AND attended = 1 AND date <= :as_of)
        SELECT o.org_id, org.name AS organisation, COUNT(*) AS meetings
        FROM org_attendance o JOIN mine ON mine.meeting_id = o.meeting_id JOIN organisations org ON org.id = o.org_id
        WHERE o.attended = 1 AND o.org_id IS NOT :org
        GROUP BY o.org_id ORDER BY meetings DESC, org.name LIMIT 10""", params | {"org": person["org_id"]})
    protocols = _protocols(conn, "a.person_id = :p", "mn.entity_type = 'person' AND mn.entity_id = :p", params, at)
    contacts = pd.DataFrame(columns=["person_id", "name", "role", "source", "meetings", "last_attended"])
    projects = (_org_projects(conn, str(person["org_id"]), at) if person["org_id"]
                else _phases(pd.DataFrame(), at))
    profile = Profile("person", person_id, str(person["name"]), at, facts, groups, attendance,
                      None if last is None or pd.isna(last) else str(last),
                      streak(attendance.sort_values("date", kind="stable")["cell"].tolist()), contacts, projects, met,
                      protocols, per_group=per_group)
    return _hidden(conn, profile) if hide_names else profile


def profile(conn: sqlite3.Connection, kind: Kind, subject_id: str, as_of: date | str | None = None,
            hide_names: bool = False) -> Profile | None:
    """The profile of `kind` for the id (one cacheable entry point for the page)."""
    if kind == "organisation":
        return organisation_profile(conn, subject_id, as_of, hide_names=hide_names)
    if kind == "group":
        return group_profile(conn, subject_id, as_of, hide_names=hide_names)
    return person_profile(conn, subject_id, as_of, hide_names=hide_names)


def _hidden(conn: sqlite3.Connection, p: Profile) -> Profile:
    """The profile with every person's name pseudonymised (contacts, titles, the person's own name)."""
    names = pseudonyms(conn)
    contacts = names.frame(p.contacts, ids=["person_id"]).assign(
        name=[names.of_id(i) for i in p.contacts["person_id"]])
    name = names.of_id(p.id) if p.kind == "person" else p.name
    return Profile(p.kind, p.id, str(name), p.as_of, p.facts, p.groups,
                   names.frame(p.attendance, texts=["title"]), p.last_attended, p.streak, contacts,
                   p.projects, p.partners, names.frame(p.protocols, texts=["title"]), p.notes, p.per_group)


# --- protocol text ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProtocolText:
    """A protocol's text as numbered lines, with the line to open it at."""

    source_file: str
    label: str
    lines: list[tuple[int, str]]
    line: int


def protocol_text(conn: sqlite3.Connection, source_file: str, line: int | None = None,
                  hide_names: bool = False) -> ProtocolText | None:
    """The stored text of one protocol (the lines the parser numbered), to show at `line`; None if unknown."""
    row = conn.execute("""SELECT pr.text, m.date, g.name, m.title FROM protocols pr
                          JOIN meetings m ON m.id = pr.meeting_id JOIN groups g ON g.id = m.group_id
                          WHERE pr.source_file = ?""", (source_file,)).fetchone()
    if row is None:
        return None
    text, day, group, title = row
    names = pseudonyms(conn) if hide_names else None
    lines = [(i, str(names.text(t)) if names else t) for i, t in enumerate(str(text).splitlines(), start=1)]
    label = " · ".join(p for p in (german_date(day), group, str(names.text(title)) if names and title else title) if p)
    return ProtocolText(source_file, label, lines, max(1, min(int(line or 1), len(lines) or 1)))


def as_rows(p: Profile) -> dict[str, list[dict]]:
    """The profile as plain rows per section (for JSON and tables on the command line)."""
    def rows(frame: pd.DataFrame) -> list[dict]:
        return _records(frame)

    return {"profile": [{"kind": p.kind, "id": p.id, "name": p.name, "as_of": p.as_of,
                         "last_attended": p.last_attended, "streak": p.streak}],
            "facts": rows(p.facts), "groups": rows(p.groups), "attendance": rows(p.attendance),
            "per_group": rows(p.per_group), "contacts": rows(p.contacts), "projects": rows(p.projects),
            "partners": rows(p.partners), "protocols": rows(p.protocols)}


# One fixed statement per kind: nothing of the caller's goes into the SQL.
_SUBJECTS_SQL = {"organisation": "SELECT id, name FROM organisations ORDER BY name, id",
                 "group": "SELECT id, name FROM groups ORDER BY name, id",
                 "person": "SELECT id, name FROM people ORDER BY name, id"}


def subjects(conn: sqlite3.Connection, kind: Kind, hide_names: bool = False) -> dict[str, str]:
    """id -> name of every organisation, group or person (pseudonyms when hidden), sorted by name."""
    rows = conn.execute(_SUBJECTS_SQL[kind]).fetchall()
    if kind == "person" and hide_names:
        names = pseudonyms(conn)
        return dict(sorted(((str(i), str(names.of_id(i))) for i, _ in rows), key=lambda item: item[1]))
    return {str(i): str(n) for i, n in rows}


def find_organisations(conn: sqlite3.Connection, text: str, limit: int = 20) -> pd.DataFrame:
    """Organisations whose name, short name or alias contains `text` (case-insensitive): org_id, organisation,
    short_name, type; for the search on the Sitzungen page, each row opening the profile."""
    needle = text.strip()[:200]
    if not needle:
        return pd.DataFrame(columns=["org_id", "organisation", "short_name", "type"])
    pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return query(conn, r"""
        SELECT o.id AS org_id, o.name AS organisation, o.short_name, o.type FROM organisations o
        WHERE o.name LIKE :p ESCAPE '\' OR o.short_name LIKE :p ESCAPE '\'
           OR o.id IN (SELECT org_id FROM org_aliases WHERE alias LIKE :p ESCAPE '\')
        ORDER BY o.name LIMIT :n""", {"p": pattern, "n": limit})
