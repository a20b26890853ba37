"""Staging: rename, trim and cast the rows of one master-data file at a time.

No business rules here (those live in `etl.resolve.master_data`): a row either becomes a typed record
or a reject that names the file, the line and what is wrong with it, in German.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from etl.errors import BuildError
from etl.extract.cells import parse_date, parse_time, split_list
from etl.extract.sources import RawTable
from vocab.keys import clean
from vocab.terms import (
    ATTENDANCE_SPELLINGS,
    EVENT_KIND_SPELLINGS,
    GROUP_KIND_SPELLINGS,
    MEMBER_ROLE_SPELLINGS,
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

# Per file: column -> (caster, required). Column names are the DESIGN.md contract.
SPECS: dict[str, dict[str, tuple[Callable[[object], object], bool]]] = {
    "organisations": {"name": (clean, True), "short_name": (clean, False), "type": (clean, False),
                      "region": (clean, False), "aliases": (split_list, False),
                      "partner_since": (parse_date, False)},
    "people": {"name": (clean, True), "title": (clean, False), "organisation": (clean, False),
               "role": (clean, False)},
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
}

COLUMN_LABELS = {"name": "Name", "group": "Gruppe", "organisation": "Organisation", "date": "Datum",
                 "project": "Projekt", "kind": "Art", "year": "Jahr", "person": "Person"}


def stage(table: RawTable) -> Staged:
    """Cast every row of one file; rows with a missing or malformed value become rejects."""
    spec = SPECS[table.name]
    if table.rows:
        missing = [col for col, (_, required) in spec.items() if required and col not in table.columns]
        if table.name == "attendance" and not {"person", "organisation"} & set(table.columns):
            missing.append("person/organisation")
        if missing:
            raise BuildError(f"{table.path}: Pflichtspalte fehlt: {', '.join(missing)} "
                             f"(vorhanden: {', '.join(c for c in table.columns if c)}).")
    staged = Staged(table.name, table.path)
    for row in table.rows:
        record: dict = {"_file": table.path, "_line": row.line, "_raw": row.raw}
        problems: list[str] = []
        for column, (cast, required) in spec.items():
            try:
                value = cast(row.values.get(column))
            except ValueError as exc:
                problems.append(f"Spalte „{column}“: {exc}")
                continue
            if required and value in (None, "", []):
                problems.append(f"Pflichtfeld „{column}“ ({COLUMN_LABELS.get(column, column)}) ist leer")
            record[column] = value
        if table.name == "attendance" and not (record.get("person") or record.get("organisation")):
            problems.append("weder Person noch Organisation angegeben")
        if problems:
            staged.rejects.append(Reject(table.path, row.line, "; ".join(problems), row.raw))
        else:
            staged.records.append(record)
    return staged
