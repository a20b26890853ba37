"""The review queue („Prüfen“): what the last build could not decide alone, worst first.

1. protocols that were not loaded at all (rejected on every build),
2. groups, 3. organisations and 4. people that only protocols know ("neu angelegt"), each with the
   most similar known names (rapidfuzz), most used first,
5. participant lines the parser could not read,
6. protocols with low confidence or parser warnings (`protocols.confidence`, `protocols.warnings_json`).
Read-only: SQL in, plain items out; what a user decides is written as a correction by the ETL.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Final

import pandas as pd
from rapidfuzz import fuzz, process

from analysis.db import query
from vocab.formats import german_percent
from vocab.paths import CAPTURE_FILE
from vocab.periods import german_date
from vocab.terms import ATTENDANCE_LABELS

LOW_CONFIDENCE = 0.8
SIMILAR_MIN = 60.0
SHORT_LABELS = {"protocol_failed": "nicht geladen", "group": "Gruppen", "organisation": "Organisationen",
                "person": "Personen", "line": "unklare Zeilen", "protocol": "Protokolle"}
KIND_LABELS = {"protocol_failed": "Protokoll nicht geladen", "group": "Gruppe", "organisation": "Organisation",
               "person": "Person", "line": "Teilnehmerzeile nicht lesbar", "protocol": "Protokoll prüfen"}


@dataclass(frozen=True)
class Similar:
    name: str
    score: float


@dataclass
class ReviewItem:
    """One thing a person must decide. `key` is what a correction names as its target."""

    kind: str
    key: str
    title: str
    detail: str
    source_file: str | None
    line: int | None
    uses: int = 0
    similar: list[Similar] = field(default_factory=list)
    raw: str | None = None
    organisation: str | None = None  # a person's organisation as the protocol lines name it (most often)

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


def queue(conn: sqlite3.Connection) -> list[ReviewItem]:
    """Every open item, worst first."""
    return (failed_protocols(conn) + created(conn, "group") + created(conn, "organisation")
            + created(conn, "person") + unreadable_lines(conn) + doubtful_protocols(conn))


def _latest_run(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT MAX(id) FROM load_runs").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def failed_protocols(conn: sqlite3.Connection) -> list[ReviewItem]:
    frame = query(conn, """SELECT file, line, reason FROM rejects WHERE run_id = ? AND file LIKE 'protokolle/%'
                           AND reason LIKE 'Protokoll nicht geladen%' ORDER BY file""", (_latest_run(conn),))
    return [ReviewItem("protocol_failed", r["file"], r["file"], r["reason"], r["file"], _int(r["line"]))
            for r in frame.to_dict("records")]


_CREATED = {
    "group": """SELECT g.id, g.name, g.source_file, g.source_line,
                       (SELECT COUNT(*) FROM meetings m WHERE m.group_id = g.id) AS uses
                FROM groups g WHERE g.origin = 'protokoll'""",
    "organisation": """SELECT o.id, o.name, o.source_file, o.source_line,
                              (SELECT COUNT(*) FROM attendance a WHERE a.org_id = o.id) AS uses
                       FROM organisations o WHERE o.origin = 'protokoll'""",
    "person": """SELECT p.id, p.name, p.source_file, p.source_line,
                        (SELECT COUNT(*) FROM attendance a WHERE a.person_id = p.id) AS uses,
                        (SELECT o.name FROM attendance a JOIN organisations o ON o.id = a.org_id
                         WHERE a.person_id = p.id GROUP BY o.id ORDER BY COUNT(*) DESC, o.name LIMIT 1)
                          AS organisation
                 FROM people p WHERE p.origin = 'protokoll'""",
}
_USES = {"group": "Sitzung(en)", "organisation": "Teilnahme(n)", "person": "Teilnahme(n)"}


def created(conn: sqlite3.Connection, kind: str) -> list[ReviewItem]:
    """Entities of one kind that only protocols know, most used first, with the most similar known names."""
    frame = query(conn, _CREATED[kind] + " ORDER BY uses DESC, name")
    names = known_names(conn, kind)
    items = []
    for r in frame.to_dict("records"):
        # A guest typed on „Anwesenheit erfassen“ is new too, but no protocol names it: say where it came from.
        captured = r["source_file"] == CAPTURE_FILE
        known = "aus der in der Sitzung erfassten Anwesenheit" if captured else "aus Protokollen"
        detail = f"nur {known} bekannt, {int(r['uses'])} {_USES[kind]}"
        items.append(ReviewItem(kind, r["name"], r["name"], detail, r["source_file"], _int(r["source_line"]),
                                int(r["uses"]), similar(r["name"], names), organisation=r.get("organisation")))
    return items


def known_names(conn: sqlite3.Connection, kind: str) -> dict[str, str]:
    """Spelling -> the known entity's name, for entities from the master data (with short names and aliases)."""
    if kind == "organisation":
        rows = conn.execute("""SELECT name, name FROM organisations WHERE origin != 'protokoll'
                               UNION SELECT short_name, name FROM organisations
                                     WHERE origin != 'protokoll' AND short_name IS NOT NULL
                               UNION SELECT a.alias, o.name FROM org_aliases a JOIN organisations o ON o.id = a.org_id
                                     WHERE o.origin != 'protokoll'""").fetchall()
    else:
        table = {"group": "groups", "person": "people"}[kind]
        rows = conn.execute(_KNOWN[table]).fetchall()
    return {spelling: name for spelling, name in rows if spelling}


_KNOWN = {"groups": "SELECT name, name FROM groups WHERE origin != 'protokoll'",
          "people": "SELECT name, name FROM people WHERE origin != 'protokoll'"}


def similar(name: str, known: dict[str, str], limit: int = 3) -> list[Similar]:
    """The known entities whose spellings come closest to `name` (best spelling per entity), best first."""
    found: dict[str, float] = {}
    for spelling, score, _ in process.extract(name, list(known), scorer=fuzz.ratio, processor=str.lower,
                                              limit=limit * 4, score_cutoff=SIMILAR_MIN):
        entity = known[spelling]
        found[entity] = max(found.get(entity, 0.0), round(float(score), 1))
    ranked = sorted(found.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [Similar(n, s) for n, s in ranked]


def unreadable_lines(conn: sqlite3.Connection) -> list[ReviewItem]:
    frame = query(conn, """SELECT file, line, reason, raw FROM rejects WHERE run_id = ?
                           AND reason LIKE 'Teilnehmerzeile nicht lesbar%' ORDER BY file, line""", (_latest_run(conn),))
    return [ReviewItem("line", f"{r['file']}|{_int(r['line'])}", r["raw"] or "", r["reason"], r["file"],
                       _int(r["line"]), raw=r["raw"]) for r in frame.to_dict("records")]


def doubtful_protocols(conn: sqlite3.Connection) -> list[ReviewItem]:
    """Protocols whose parse was uncertain (confidence below 0.8) or left warnings, not yet marked as checked."""
    frame = query(conn, """
        SELECT p.source_file, p.confidence, p.warnings_json, m.date, g.name AS group_name
        FROM protocols p JOIN meetings m ON m.id = p.meeting_id JOIN groups g ON g.id = m.group_id
        WHERE p.source_file NOT IN (SELECT target FROM corrections WHERE kind = 'checked' AND status = 'angewendet')
        ORDER BY COALESCE(p.confidence, 1), p.source_file""")
    items = []
    for r in frame.to_dict("records"):
        warnings = json.loads(r["warnings_json"] or "[]")
        confidence = None if pd.isna(r["confidence"]) else float(r["confidence"])
        if not warnings and (confidence is None or confidence >= LOW_CONFIDENCE):
            continue
        parts = [f"Sicherheit {german_percent(confidence)}"] if confidence is not None else []
        parts += warnings
        title = f"{r['group_name']}, {german_date(r['date'])}"
        items.append(ReviewItem("protocol", r["source_file"], title, "; ".join(parts),
                                r["source_file"], _first_line(warnings), len(warnings)))
    return items


def _first_line(warnings: list[str]) -> int | None:
    for warning in warnings:
        head = warning.split(":", 1)[0]
        if head.startswith("Zeile ") and head[6:].strip().isdigit():
            return int(head[6:])
    return None


def _int(value: object) -> int | None:
    """An int from a cell that may be NULL (None, or NaN once pandas made the column float)."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    return int(str(value)) if not isinstance(value, (int, float)) else int(value)


def context(conn: sqlite3.Connection, source_file: str | None, line: int | None,
            radius: int = 4) -> list[tuple[int, str]]:
    """(line number, text) around `line` of a loaded protocol; the head of it when no line is known."""
    return contexts(conn, ((source_file, line),), radius)[(source_file, line)]


def contexts(conn: sqlite3.Connection, places: tuple[tuple[str | None, int | None], ...],
             radius: int = 4) -> dict[tuple[str | None, int | None], list[tuple[int, str]]]:
    """`context` of several places from one query: the Prüfen page shows a protocol excerpt per item."""
    files = sorted({f for f, _ in places if f})
    texts = dict(conn.execute("SELECT source_file, text FROM protocols WHERE source_file IN "
                              "(SELECT value FROM json_each(?))", (json.dumps(files),)).fetchall()) if files else {}
    found: dict[tuple[str | None, int | None], list[tuple[int, str]]] = {}
    for source_file, line in places:
        text = texts.get(source_file) if source_file else None
        if text is None:
            found[(source_file, line)] = []
            continue
        lines = text.split("\n")
        centre = line or 1
        start, end = max(1, centre - radius), min(len(lines), centre + radius)
        if not line:
            end = min(len(lines), 2 * radius + 1)
        found[(source_file, line)] = [(n, lines[n - 1]) for n in range(start, end + 1)]
    return found


def participants(conn: sqlite3.Connection, source_file: str) -> pd.DataFrame:
    """Who a loaded protocol's meeting lists, with status: the rows a status correction picks from."""
    return participants_of(conn, (source_file,))[source_file]


def participants_of(conn: sqlite3.Connection, source_files: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    """`participants` of several protocols from one query (columns name, organisation, status)."""
    found = query(conn, """
        SELECT p.source_file, pe.name, o.name AS organisation, a.status
        FROM protocols p JOIN attendance a ON a.meeting_id = p.meeting_id
        JOIN people pe ON pe.id = a.person_id LEFT JOIN organisations o ON o.id = a.org_id
        WHERE p.source_file IN (SELECT value FROM json_each(?)) ORDER BY p.source_file, pe.name""",
        (json.dumps(sorted(set(source_files))),))
    parts = {str(f): rows for f, rows in found.groupby("source_file", sort=False)}
    return {f: (parts[f] if f in parts else found.iloc[0:0]).drop(columns="source_file").reset_index(drop=True)
            for f in source_files}


def names(conn: sqlite3.Connection, kind: str) -> list[str]:
    """Known names of one kind (from the master data), sorted: the choices of a merge or an added participant."""
    return sorted(set(known_names(conn, kind).values()))


# The columns `capture_conflicts` returns, in order (tests/test_analysis_columns.py holds it to this).
CAPTURE_CONFLICT_COLUMNS: Final = ("Sitzung", "Gruppe", "Person", "Organisation", "erfasst", "laut Quelle", "Quelle")


def capture_conflicts(conn: sqlite3.Connection) -> pd.DataFrame:
    """Where attendance captured in the meeting and a protocol (or attendance.csv) disagree, in German columns.

    The capture won in the database; this says what the other source claims, with its file and line.
    """
    labels = ATTENDANCE_LABELS
    frame = query(conn, """
        SELECT m.date, g.name AS "group", p.name AS person, COALESCE(o.name, '') AS organisation,
               c.captured_status, c.other_status, c.other_file, c.other_line, c.capture_line
        FROM attendance_conflicts c JOIN meetings m ON m.id = c.meeting_id JOIN groups g ON g.id = m.group_id
        JOIN people p ON p.id = c.person_id LEFT JOIN organisations o ON o.id = p.org_id
        ORDER BY m.date DESC, g.name, p.name""")
    return pd.DataFrame({
        "Sitzung": [german_date(d) for d in frame["date"]], "Gruppe": frame["group"],
        "Person": frame["person"], "Organisation": frame["organisation"],
        "erfasst": [labels.get(s, "nicht erfasst") if isinstance(s, str) else "nicht erfasst"
                    for s in frame["captured_status"]],
        "laut Quelle": [labels.get(s, "nicht genannt") if isinstance(s, str) else "nicht genannt"
                        for s in frame["other_status"]],
        "Quelle": [f"{f}, Zeile {int(n)}" if isinstance(f, str) and n == n and n is not None else (f or "–")
                   for f, n in zip(frame["other_file"], frame["other_line"], strict=True)]})


# The columns `corrections` returns, in order (tests/test_analysis_columns.py holds it to this).
CORRECTION_COLUMNS: Final = ("line", "created", "who", "kind", "target", "old_value", "new_value", "reason", "status",
                             "note")


def corrections(conn: sqlite3.Connection) -> pd.DataFrame:
    """korrekturen.csv as the last build applied it."""
    return query(conn, """SELECT line, created, who, kind, target, old_value, new_value, reason, status, note
                          FROM corrections ORDER BY line""")


# The columns `change_log` returns, in order (tests/test_analysis_columns.py holds it to this).
CHANGE_LOG_COLUMNS: Final = ("changed_at", "who", "action", "file", "detail")


def change_log(conn: sqlite3.Connection, limit: int = 200) -> pd.DataFrame:
    return query(conn, "SELECT changed_at, who, action, file, detail FROM change_log ORDER BY id DESC LIMIT ?",
                 (limit,))
