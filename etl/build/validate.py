"""Declared data checks that run after every build (dbt-style: unique, not null, accepted values,
relationships) plus a few business expectations. Each failing row becomes a reject-like finding.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from etl.build.schema import ACCEPTED_VALUES


@dataclass(frozen=True)
class Check:
    """One check: a query returning offending rows as (file, line, raw) and the German reason."""

    name: str
    reason: str
    sql: str


def _unique(table: str, column: str) -> Check:
    return Check(f"unique:{table}.{column}", f"{table}.{column} ist nicht eindeutig",
                 f"SELECT source_file, source_line, {column} FROM {table} WHERE {column} IN "
                 f"(SELECT {column} FROM {table} GROUP BY {column} HAVING COUNT(*) > 1)")


def _not_null(table: str, column: str) -> Check:
    return Check(f"not_null:{table}.{column}", f"{table}.{column} ist leer",
                 f"SELECT source_file, source_line, id FROM {table} WHERE {column} IS NULL OR {column} = ''")


def _accepted(table: str, column: str, values: tuple[str, ...]) -> Check:
    allowed = ", ".join(f"'{v}'" for v in values)
    return Check(f"accepted:{table}.{column}", f"{table}.{column} hat einen unzulässigen Wert",
                 f"SELECT source_file, source_line, {column} FROM {table} "
                 f"WHERE {column} IS NOT NULL AND {column} NOT IN ({allowed})")


def _date_order(table: str, first: str, second: str, label: str) -> Check:
    return Check(f"order:{table}.{first}<={second}", label,
                 f'SELECT source_file, source_line, id FROM {table} '
                 f'WHERE "{first}" IS NOT NULL AND "{second}" IS NOT NULL AND "{second}" < "{first}"')


CHECKS: tuple[Check, ...] = (
    _unique("organisations", "name"),
    _not_null("organisations", "name"),
    _not_null("people", "name"),
    _not_null("meetings", "date"),
    *(_accepted(t, c, v) for (t, c), v in ACCEPTED_VALUES.items()),
    _date_order("projects", "start", "end", "Projektende liegt vor dem Projektstart"),
    _date_order("groups", "founded", "dissolved", "Gruppe aufgelöst vor ihrer Gründung"),
    Check("relationships:foreign_keys", "Verweis auf einen nicht vorhandenen Datensatz",
          "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check"),
    Check("meetings_in_group_lifetime", "Sitzung nach Auflösung der Gruppe",
          "SELECT m.source_file, m.source_line, m.id FROM meetings m JOIN groups g ON g.id = m.group_id "
          "WHERE g.dissolved IS NOT NULL AND m.date > g.dissolved"),
)


@dataclass(frozen=True)
class Finding:
    check: str
    file: str
    line: int | None
    reason: str
    raw: str | None


def run_checks(conn: sqlite3.Connection) -> list[Finding]:
    """Run every declared check; returns one finding per offending row."""
    findings: list[Finding] = []
    for check in CHECKS:
        for file, line, raw in conn.execute(check.sql).fetchall():
            findings.append(Finding(check.name, str(file or "(Datenprüfung)"),
                                    line if isinstance(line, int) else None,
                                    f"Datenprüfung {check.name}: {check.reason}", None if raw is None else str(raw)))
    return findings
