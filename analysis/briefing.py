"""Sitzungsvorbereitung: what a group lead needs on one page before the group's next meeting.

Open and overdue tasks by owner, decisions since the previous meeting, partners that fade (contact person,
last attended, last outreach), the rules of the Grundprinzipien with what is due, and projects recently
presented or still waiting to be. Partners and rules come from `analysis.inactivity`, `analysis.rules`,
`analysis.contacts` and `analysis.outreach` (nothing is recounted here), so the briefing says what those
pages say. The same `Briefing` becomes JSON, the page, and (as a `Report`) a 1–2 page A4 PDF and a DOCX.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from analysis import contacts, inactivity, outreach, projects, rules
from analysis.db import query
from analysis.pseudonymise import Pseudonyms, pseudonyms
from analysis.report.model import Bullets, Paragraph, Report, Section, Table
from vocab.periods import Period, last_months, today
from vocab.periods import german_date as de
from vocab.terms import ACTIVE, ACTIVITY_LABELS, LIGHT_LABELS

FORMATS = ("json", "pdf", "docx")
LIMIT = 12  # rows per table in the printed briefing (1–2 A4 pages); the rest is counted
NO_OWNER = "ohne Verantwortliche"
# What is due when a rule is not (clearly) met, in the words of a group lead.
RULE_TODO = {"6.3": "Partner gewinnen oder zurückholen: mindestens drei aktive Partner",
             "6.4": "Jahresbericht an die AG Transfer fällig",
             "6.6": "Sitzungen ansetzen: die Gruppe muss aktiv tagen"}


@dataclass(frozen=True)
class Briefing:
    """The briefing for one meeting of one group; dates ISO, texts finished German (names hidden on request)."""

    group_id: str
    group: str
    meeting_date: str
    meeting_title: str | None
    planned: bool  # the meeting is in meetings.csv (else: the date asked for)
    as_of: str
    previous_meeting: str | None
    tasks: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)
    fading: list[dict[str, Any]] = field(default_factory=list)
    rules: list[dict[str, Any]] = field(default_factory=list)
    rules_note: str | None = None
    presented: list[dict[str, Any]] = field(default_factory=list)
    waiting: list[dict[str, Any]] = field(default_factory=list)
    names_hidden: bool = False

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _iso(value: date | str) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def next_meeting(conn: sqlite3.Connection, group_id: str, as_of: date | str) -> tuple[str, str | None] | None:
    """(date, title) of the group's first meeting on or after `as_of`, None when none is planned."""
    row = conn.execute("SELECT date, title FROM meetings WHERE group_id = ? AND date >= ? ORDER BY date LIMIT 1",
                       (group_id, _iso(as_of))).fetchone()
    return (str(row[0]), row[1]) if row else None


def tasks(conn: sqlite3.Connection, group_id: str, reference: date | str, include_done: bool = False) -> list[dict]:
    """The group's tasks from meetings up to `reference`: id, text, owner, due, done, overdue (due before the
    reference), meeting date, source; open ones by owner, overdue first."""
    frame = query(conn, """
        SELECT ai.id, ai.text, COALESCE(p.name, ai.owner_name) AS owner, ai.due, ai.done, m.date AS meeting_date,
               ai.source_file, ai.source_line
        FROM action_items ai JOIN meetings m ON m.id = ai.meeting_id
        LEFT JOIN people p ON p.id = ai.owner_person_id
        WHERE m.group_id = :group_id AND m.date <= :ref AND (:all OR ai.done = 0)
        ORDER BY ai.done, COALESCE(p.name, ai.owner_name) IS NULL, COALESCE(p.name, ai.owner_name),
                 COALESCE(ai.due, '9999'), m.date, ai.source_line""",
                  {"group_id": group_id, "ref": _iso(reference), "all": int(include_done)})
    out = []
    for r in frame.astype(object).where(frame.notna(), None).to_dict("records"):
        due = r["due"]
        out.append({"id": r["id"], "text": r["text"], "owner": r["owner"] or NO_OWNER, "due": due,
                    "done": bool(r["done"]), "overdue": bool(not r["done"] and due and due < _iso(reference)),
                    "meeting_date": r["meeting_date"], "source_file": r["source_file"],
                    "source_line": None if r["source_line"] is None else int(r["source_line"])})
    return out


def _decisions(conn: sqlite3.Connection, group_id: str, since: str | None, before: str) -> list[dict]:
    frame = query(conn, """
        SELECT m.date, d.text, d.source_file, d.source_line FROM decisions d JOIN meetings m ON m.id = d.meeting_id
        WHERE m.group_id = :group_id AND m.date >= :since AND m.date < :before
        ORDER BY m.date, COALESCE(d.source_line, 0), d.id""",
                  {"group_id": group_id, "since": since or "0000", "before": before})
    return [{"date": r["date"], "text": r["text"], "source_file": r["source_file"],
             "source_line": None if r["source_line"] != r["source_line"] or r["source_line"] is None
             else int(r["source_line"])} for r in frame.to_dict("records")]


def _fading(conn: sqlite3.Connection, group_id: str, as_of: date, names: _Names) -> list[dict]:
    partners = inactivity.inactive_partners(conn, group_id, as_of)
    if partners.empty:
        return []
    partners = partners[partners["status"] != ACTIVE]
    people = contacts.group_contacts(conn, group_id, as_of)
    last = {r["org_id"]: r for r in outreach.last_contacts(conn, as_of, group_id).to_dict("records")}
    out = []
    for r in partners.to_dict("records"):
        contact = last.get(r["org_id"])
        summary = outreach.contact_summary(contact) if contact else ""
        out.append({"org_id": r["org_id"], "organisation": r["organisation"], "status": r["status"],
                    "status_label": ACTIVITY_LABELS[r["status"]], "last_attended": r["last_attended"],
                    "reason": r["reason"],
                    "contacts": [names.person(c.name) for c in people.get(r["org_id"], [])],
                    "last_outreach": names.text(summary) or None,
                    "follow_up": contact["follow_up"] if contact else None,
                    "follow_up_due": bool(contact["due"]) if contact else False})
    return out


def _rules(conn: sqlite3.Connection, group_id: str, as_of: date) -> tuple[list[dict], str | None]:
    if rules.checked_group(conn, group_id) is None:
        return [], "Die Grundprinzipien (§ 6) gelten für Fachgruppen; für diese Gruppe wird nichts geprüft."
    results = rules.check_rules(conn, as_of, group_id)
    return [{"rule": r["rule"], "title": r["title"], "light": r["light"], "light_label": LIGHT_LABELS[r["light"]],
             "evidence": r["evidence"], "due": RULE_TODO.get(r["rule"]) if r["light"] != "green" else None}
            for r in results.to_dict("records")], None


def _projects(conn: sqlite3.Connection, group_id: str, as_of: date) -> tuple[list[dict], list[dict]]:
    period: Period = last_months(as_of, 12)
    shown = projects.projects(conn, period, group_id)
    appearances = projects.presentations(conn, period, group_id)
    talks = appearances[appearances["kind"] == "Vorstellung"] if not appearances.empty else appearances
    presented = [{"project": r["project"], "date": r["date"]} for r in talks.to_dict("records")
                 if period.start <= str(r["date"]) <= period.end]
    ever = set(talks["project_id"]) if not talks.empty else set()
    waiting = [{"project": r["project"], "lead": r["lead"] if isinstance(r["lead"], str) else None,
                "status": r["status"]} for r in shown.to_dict("records")
               if r["project_id"] not in ever and str(r["status"]).lower() not in projects.REJECTED]
    return presented, waiting


class _Names:
    """People as pseudonyms when names are hidden; texts with the names in them replaced."""

    def __init__(self, pseudo: Pseudonyms | None) -> None:
        self.pseudo = pseudo

    def person(self, value: str) -> str:
        return str(self.pseudo.name(value)) if self.pseudo and value != NO_OWNER else value

    def text(self, value: str) -> str:
        return str(self.pseudo.text(value)) if self.pseudo and value else value


def briefing(conn: sqlite3.Connection, group_id: str, as_of: date | str | None = None,
             meeting_date: date | str | None = None, hide_names: bool = False) -> Briefing:
    """The briefing for the group's next meeting on or after `as_of` (today), or for `meeting_date`.

    Tasks are judged at the meeting (due before it: überfällig); as in the Jahresbericht, an open task without a
    due date counts only from the last 12 months (older ones were mostly never marked done). Partners, rules and
    projects are judged at `as_of`. ValueError (German) for an unknown group.
    """
    row = conn.execute("SELECT name FROM groups WHERE id = ?", (group_id,)).fetchone()
    if row is None:
        raise ValueError(f"Gruppe „{group_id}“ ist nicht bekannt.")
    day = date.fromisoformat(_iso(as_of)) if as_of else today()
    title: str | None = None
    planned = False
    if meeting_date:
        meeting = _iso(meeting_date)
        found = conn.execute("SELECT title FROM meetings WHERE group_id = ? AND date = ?",
                             (group_id, meeting)).fetchone()
        planned, title = found is not None, found[0] if found else None
    elif (upcoming := next_meeting(conn, group_id, day)) is not None:
        meeting, title = upcoming
        planned = True
    else:
        meeting = day.isoformat()
    judged = min(day, date.fromisoformat(meeting))
    previous = conn.execute("SELECT MAX(date) FROM meetings WHERE group_id = ? AND date < ?",
                            (group_id, meeting)).fetchone()[0]
    names = _Names(pseudonyms(conn) if hide_names else None)
    recent = last_months(date.fromisoformat(meeting), 12).start
    open_tasks = [dict(t, owner=names.person(t["owner"]), text=names.text(t["text"]))
                  for t in tasks(conn, group_id, meeting) if t["due"] or t["meeting_date"] >= recent]
    decisions = [dict(d, text=names.text(d["text"])) for d in _decisions(conn, group_id, previous, meeting)]
    rule_rows, rules_note = _rules(conn, group_id, judged)
    presented, waiting = _projects(conn, group_id, judged)
    return Briefing(group_id, str(row[0]), meeting, names.text(title) if title else None, planned, day.isoformat(),
                    previous, open_tasks, decisions, _fading(conn, group_id, judged, names), rule_rows, rules_note,
                    presented, waiting, hide_names)


# --- as a printed document ---------------------------------------------------------------------------------


def _more(rows: list, noun: str) -> list[Paragraph]:
    return [Paragraph(f"… und {len(rows) - LIMIT} weitere {noun} (siehe Netzwerkradar).")] if len(rows) > LIMIT else []


def as_report(b: Briefing, created: date | None = None) -> Report:
    """The briefing as a `Report` for the PDF and DOCX renderers of the Jahresbericht (A4, DejaVu, German)."""
    meeting = f"Sitzung am {de(b.meeting_date)}" + (f" – {b.meeting_title}" if b.meeting_title else "")
    if not b.planned:
        meeting += " (kein Termin in der Sitzungsliste)"
    sections: list[Section] = []
    overdue = [t for t in b.tasks if t["overdue"]]
    task_blocks: list[Any] = [Paragraph(f"{len(b.tasks)} offene Aufgaben, davon {len(overdue)} überfällig "
                                        f"(fällig vor dem {de(b.meeting_date)}).") if b.tasks
                              else Paragraph("Keine offenen Aufgaben.")]
    if b.tasks:
        task_blocks.append(Table(("Verantwortlich", "Aufgabe", "Fällig", "aus Sitzung"),
                                 tuple((t["owner"], t["text"], de(t["due"]) + (" (überfällig)" if t["overdue"] else ""),
                                        de(t["meeting_date"])) for t in b.tasks[:LIMIT]),
                                 widths=(3, 7, 2.6, 2),
                                 lights=tuple("red" if t["overdue"] else None for t in b.tasks[:LIMIT]),
                                 light_column=2))
        task_blocks += _more(b.tasks, "Aufgaben")
    sections.append(Section("Offene Aufgaben", tuple(task_blocks)))
    since = f"seit der letzten Sitzung am {de(b.previous_meeting)}" if b.previous_meeting else "bisher"
    sections.append(Section("Beschlüsse", (
        Bullets(tuple(f"{de(d['date'])}: {d['text']}" for d in b.decisions[:LIMIT])),
        *_more(b.decisions, "Beschlüsse")) if b.decisions else (Paragraph(f"Keine Beschlüsse {since} erfasst."),)))
    if b.fading:
        fading: tuple[Any, ...] = (Table(
            ("Organisation", "Status", "Ansprechperson", "Zuletzt da", "Letzte Ansprache"),
            tuple((f["organisation"], f["status_label"], ", ".join(f["contacts"]) or "–", de(f["last_attended"]),
                   (f["last_outreach"] or "–") + (f" · Wiedervorlage {de(f['follow_up'])}" if f["follow_up"] else ""))
                  for f in b.fading[:LIMIT]), widths=(4, 2, 3.5, 2, 4.5),
            lights=tuple("red" if f["status"] == "inactive" else "yellow" for f in b.fading[:LIMIT]),
            light_column=1), *_more(b.fading, "Partner"))
    else:
        fading = (Paragraph("Keine Partner lassen nach."),)
    sections.append(Section("Partner, die nachlassen", fading))
    if b.rules:
        rule_rows = tuple((f"§ {r['rule']} {r['title']}", r["light_label"], r["due"] or "–", r["evidence"])
                          for r in b.rules)
        sections.append(Section("Regeln (Grundprinzipien § 6)", (Table(
            ("Regel", "Stand", "Fällig", "Nachweis"), rule_rows, widths=(4, 1.6, 3.4, 6),
            lights=tuple(r["light"] for r in b.rules), light_column=1),)))
    elif b.rules_note:
        sections.append(Section("Regeln (Grundprinzipien § 6)", (Paragraph(b.rules_note),)))
    project_blocks: list[Any] = []
    if b.presented:
        project_blocks.append(Paragraph("Vorgestellt in den letzten 12 Monaten:", bold=True))
        project_blocks.append(Bullets(tuple(f"{p['project']} ({de(p['date'])})" for p in b.presented[:LIMIT])))
    if b.waiting:
        project_blocks.append(Paragraph("Noch nicht in der Gruppe vorgestellt:", bold=True))
        project_blocks.append(Bullets(tuple(p["project"] + (f" ({p['lead']})" if p["lead"] else "")
                                            for p in b.waiting[:LIMIT])))
    sections.append(Section("Projekte", tuple(project_blocks) or (Paragraph("Keine Projekte der Gruppe."),)))
    notes = ("Namen ausgeblendet: Personen erscheinen als Pseudonyme.",) if b.names_hidden else ()
    return Report("Sitzungsvorbereitung", b.group, int(b.meeting_date[:4]), f"{meeting} · Stand {de(b.as_of)}",
                  de((created or today()).isoformat()), b.names_hidden, tuple(sections), notes)


def render(b: Briefing, fmt: str) -> bytes:
    """The briefing as a file: 'json', 'pdf' (A4) or 'docx'."""
    if fmt == "json":
        import json

        return json.dumps(b.to_json(), ensure_ascii=False, indent=2).encode("utf-8")
    if fmt not in FORMATS:
        raise ValueError(f"Unbekanntes Format „{fmt}“: erlaubt sind {', '.join(FORMATS)}.")
    from analysis import report

    return report.render(as_report(b), fmt)


def file_name(b: Briefing, fmt: str) -> str:
    return f"sitzungsvorbereitung_{b.group_id}_{b.meeting_date}.{fmt}"


def days_until(b: Briefing) -> int:
    return (date.fromisoformat(b.meeting_date) - date.fromisoformat(b.as_of)).days

