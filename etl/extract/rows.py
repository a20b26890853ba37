"""Staging: rename, trim and cast the rows of one master-data file at a time.

No business rules here (those live in `etl.resolve.master_data`): a row either becomes a typed record
or a reject that names the file, the line and what is wrong with it, in German.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from etl.core.errors import BuildError
from etl.extract.cells import parse_date, parse_time, split_list
from etl.extract.sources import RawTable
from vocab.keys import clean
from vocab.terms import (
    ATTENDANCE_SPELLINGS,
    EVENT_KIND_SPELLINGS,
    GROUP_KIND_SPELLINGS,
    MEMBER_ROLE_SPELLINGS,
    OUTREACH_CHANNEL_SPELLINGS,
    PRESENT,
)


@dataclass(frozen=True)
class Reject:
    """A row (or fact) that could not be loaded, and why."""

    file: str
    line: int | None
    reason: str
    raw: str | None


@dataclass
class Staged:
    """Typed records of one file, each carrying `_file`, `_line` and `_raw`, plus its rejects."""

    name: str
    path: str
    records: list[dict] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    notes: list[Reject] = field(default_factory=list)  # loaded rows whose cells had to be cleaned, and why

    @property
    def read(self) -> int:
        return len(self.records) + len(self.rejects)


def _enum(values: dict[str, str], default: str | None = None) -> Callable[[object], str | None]:
    """A caster accepting the English contract values and their usual German spellings."""

    def cast(text: object) -> str | None:
        value = clean(text)
        if value is None:
            return default
        key = value.lower()
        if key in values:
            return values[key]
        allowed = ", ".join(sorted(set(values.values())))
        raise ValueError(f"unbekannter Wert {value!r} (erlaubt: {allowed})")

    return cast


def _int(text: object) -> int | None:
    value = clean(text)
    if value is None:
        return None
    try:
        return int(float(value))
    except ValueError as exc:
        raise ValueError(f"keine ganze Zahl: {value!r}") from exc


STATUS = _enum(ATTENDANCE_SPELLINGS, default=PRESENT)
GROUP_KIND = _enum(GROUP_KIND_SPELLINGS)
MEMBER_ROLE = _enum(MEMBER_ROLE_SPELLINGS, default="member")
EVENT_KIND = _enum(EVENT_KIND_SPELLINGS)
CHANNEL = _enum(OUTREACH_CHANNEL_SPELLINGS)

# Per file: column -> (caster, required). Column names are the DESIGN.md contract.
SPECS: dict[str, dict[str, tuple[Callable[[object], object], bool]]] = {
    "organisations": {"name": (clean, True), "short_name": (clean, False), "type": (clean, False),
                      "region": (clean, False), "aliases": (split_list, False),
                      "partner_since": (parse_date, False)},
    "people": {"name": (clean, True), "title": (clean, False), "organisation": (clean, False),
               "role": (clean, False), "email": (clean, False)},
    "groups": {"name": (clean, True), "kind": (GROUP_KIND, False), "topic": (clean, False),
               "founded": (parse_date, False), "dissolved": (parse_date, False), "parent": (clean, False)},
    "memberships": {"group": (clean, True), "organisation": (clean, True), "role": (MEMBER_ROLE, False),
                    "since": (parse_date, False), "until": (parse_date, False)},
    "meetings": {"group": (clean, True), "date": (parse_date, True), "start": (parse_time, False),
                 "end": (parse_time, False), "location": (clean, False), "title": (clean, False)},
    "attendance": {"group": (clean, True), "date": (parse_date, True), "person": (clean, False),
                   "organisation": (clean, False), "status": (STATUS, False)},
    "projects": {"name": (clean, True), "programme": (clean, False), "lead": (clean, False),
                 "status": (clean, False), "applied": (parse_date, False), "approved": (parse_date, False),
                 "start": (parse_date, False), "end": (parse_date, False), "description": (clean, False)},
    "project_partners": {"project": (clean, True), "organisation": (clean, True), "role": (clean, False)},
    "project_events": {"project": (clean, True), "date": (parse_date, True), "kind": (EVENT_KIND, True),
                       "group": (clean, False), "note": (clean, False)},
    "reports": {"group": (clean, True), "year": (_int, True), "submitted": (parse_date, False),
                "to": (clean, False)},
    # Written by the app (etl.maintain.fieldwork); read like master data so a bad row is rejected with its line.
    "erfasste_anwesenheit": {"group": (clean, True), "date": (parse_date, True), "person": (clean, True),
                             "organisation": (clean, False), "status": (_enum(ATTENDANCE_SPELLINGS), True),
                             "captured_at": (clean, False), "captured_by": (clean, False)},
    "ansprache": {"date": (parse_date, True), "organisation": (clean, True), "group": (clean, False),
                  "who": (clean, False), "channel": (CHANNEL, False), "result": (clean, False),
                  "follow_up": (parse_date, False), "note": (clean, False), "recorded_by": (clean, False)},
}

# German (and other usual) header names -> contract column, per file. Lower case, as headers are read.
_COMMON = {"gruppe": "group", "organisation": "organisation", "org": "organisation", "datum": "date",
           "rolle": "role", "funktion": "role", "projekt": "project", "typ": "type", "art": "kind"}
HEADER_ALIASES: dict[str, dict[str, str]] = {
    "organisations": {"name": "name", "kurzname": "short_name", "kurz": "short_name", "kürzel": "short_name",
                      "abkürzung": "short_name", "typ": "type", "art": "type", "region": "region",
                      "aliase": "aliases", "alias": "aliases", "aliasse": "aliases", "partner seit": "partner_since",
                      "partner_seit": "partner_since"},
    "people": {"name": "name", "titel": "title", "organisation": "organisation", "rolle": "role",
               "funktion": "role", "e-mail": "email", "mail": "email", "e-mail-adresse": "email"},
    "groups": {"name": "name", "art": "kind", "typ": "kind", "thema": "topic", "gegründet": "founded",
               "gründung": "founded", "aufgelöst": "dissolved", "auflösung": "dissolved",
               "übergeordnet": "parent", "übergeordnete gruppe": "parent", "obergruppe": "parent"},
    "memberships": {**_COMMON, "seit": "since", "von": "since", "bis": "until"},
    "meetings": {**_COMMON, "beginn": "start", "von": "start", "ende": "end", "bis": "end", "ort": "location",
                 "titel": "title"},
    "attendance": {**_COMMON, "person": "person", "name": "person", "teilnehmer": "person"},
    "projects": {"name": "name", "programm": "programme", "förderprogramm": "programme", "leitung": "lead",
                 "federführung": "lead", "status": "status", "beantragt": "applied", "antrag": "applied",
                 "bewilligt": "approved", "bewilligung": "approved", "beginn": "start", "start": "start",
                 "ende": "end", "beschreibung": "description"},
    "project_partners": {**_COMMON},
    "project_events": {**_COMMON, "ereignis": "kind", "notiz": "note", "bemerkung": "note"},
    "reports": {**_COMMON, "jahr": "year", "eingereicht": "submitted", "abgegeben": "submitted",
                "an": "to", "empfänger": "to"},
    "erfasste_anwesenheit": {**_COMMON, "person": "person", "name": "person", "erfasst_am": "captured_at",
                             "erfasst_von": "captured_by"},
    "ansprache": {**_COMMON, "wer": "who", "kanal": "channel", "ergebnis": "result", "wiedervorlage": "follow_up",
                  "notiz": "note", "bemerkung": "note", "erfasst_von": "recorded_by"},
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def contract_columns(table: RawTable) -> dict[str, str]:
    """Header as written -> contract column; BuildError naming the file for a column given twice."""
    spec, aliases = SPECS[table.name], HEADER_ALIASES.get(table.name, {})
    mapped: dict[str, str] = {}
    for header in table.columns:
        if not header:
            continue
        column = header if header in spec else aliases.get(header, header)
        if header in mapped or column in mapped.values():
            first = next((h for h, c in mapped.items() if c == column), header)
            raise BuildError(f"{table.path}: Spalte „{column}“ steht doppelt in der Kopfzeile "
                             f"(„{first}“ und „{header}“) – Datei nicht geladen, bitte eine der Spalten umbenennen.")
        mapped[header] = column
    return mapped


COLUMN_LABELS = {"name": "Name", "group": "Gruppe", "organisation": "Organisation", "date": "Datum",
                 "project": "Projekt", "kind": "Art", "year": "Jahr", "person": "Person", "status": "Status"}


def stage(table: RawTable) -> Staged:
    """Cast every row of one file; rows with a missing or malformed value become rejects."""
    spec = SPECS[table.name]
    if table.hidden:
        return Staged(table.name, table.path, notes=[Reject(table.path, None, "Blatt ist ausgeblendet und wird "
                                                            "nicht gelesen (in Excel einblenden, um es zu laden)",
                                                            None)])
    mapped = contract_columns(table)
    header_of = {column: header for header, column in mapped.items()}
    if table.rows:
        present = set(mapped.values())
        missing = [col for col, (_, required) in spec.items() if required and col not in present]
        if table.name == "attendance" and not {"person", "organisation"} & present:
            missing.append("person/organisation")
        if missing:
            raise BuildError(f"{table.path}: Pflichtspalte fehlt: {', '.join(missing)} "
                             f"(vorhanden: {', '.join(c for c in table.columns if c)}).")
    staged = Staged(table.name, table.path)
    for row in table.rows:
        record: dict = {"_file": table.path, "_line": row.line, "_raw": row.raw}
        problems: list[str] = []
        if row.values.get("__extra__") is not None:
            extra = row.values["__extra__"]
            problems.append(f"mehr Felder als Spalten in der Kopfzeile (überzählig: {extra!r}) – vermutlich ein "
                            "Trennzeichen im Text ohne Anführungszeichen")
        if row.values.get("__formula__"):
            problems.append(f"Formel ohne gespeicherten Wert in Spalte „{row.values['__formula__']}“ (Arbeitsmappe in "
                            "Excel öffnen, neu berechnen und speichern)")
        cleaned = []
        for column, (cast, required) in spec.items():
            text = row.values.get(header_of.get(column, column))
            if isinstance(text, str) and _CONTROL.search(text):
                text = _CONTROL.sub("", text)
                cleaned.append(column)
            try:
                value = cast(text)
            except ValueError as exc:
                problems.append(f"Spalte „{column}“: {exc}")
                continue
            if required and value in (None, "", []):
                problems.append(f"Pflichtfeld „{column}“ ({COLUMN_LABELS.get(column, column)}) ist leer")
            record[column] = value
        if table.name == "attendance" and not (record.get("person") or record.get("organisation")):
            problems.append("weder Person noch Organisation angegeben")
        raw = _CONTROL.sub("\ufffd", row.raw) if row.raw else row.raw
        record["_raw"] = raw
        if problems:
            staged.rejects.append(Reject(table.path, row.line, "; ".join(problems), raw))
            continue
        staged.records.append(record)
        if cleaned:
            staged.notes.append(Reject(table.path, row.line, "Steuerzeichen (z. B. NUL, Escape) aus Spalte "
                                       f"{', '.join(f'„{c}“' for c in cleaned)} entfernt, Zeile geladen", raw))
    return staged
