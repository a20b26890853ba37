"""Contact persons of a group's member organisations: whom a group lead calls when a partner fades away.

First the people of the organisation recorded at the group's meetings (protocols and attendance lists),
the most recently recorded first, then the organisation's other people from the master data. Each with
the role the master data gives them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass
from datetime import date

import pandas as pd

from vocab.periods import german_date

PER_ORGANISATION = 3


@dataclass(frozen=True)
class Contact:
    """One contact person; `last_seen` is the date of the group's latest meeting that lists them (ISO)."""

    name: str
    role: str | None
    last_seen: str | None

    def text(self) -> str:
        """'Jonas Weber (Referent, zuletzt 01.11.2024)'."""
        details = [d for d in (self.role, f"zuletzt {german_date(self.last_seen)}" if self.last_seen else None) if d]
        return f"{self.name} ({', '.join(details)})" if details else self.name


_SQL = """
    WITH seen AS (
        SELECT COALESCE(a.org_id, p.org_id) AS org_id, p.id AS person_id, MAX(m.date) AS last_seen
        FROM attendance a JOIN people p ON p.id = a.person_id JOIN meetings m ON m.id = a.meeting_id
        WHERE m.group_id = :group_id AND m.date <= :as_of AND COALESCE(a.org_id, p.org_id) IS NOT NULL
        GROUP BY 1, 2)
    SELECT s.org_id, p.name, p.role, s.last_seen, 0 AS rank FROM seen s JOIN people p ON p.id = s.person_id
    UNION ALL
    SELECT p.org_id, p.name, p.role, NULL, 1 FROM people p
    WHERE p.org_id IS NOT NULL AND p.origin = 'stammdaten'
      AND NOT EXISTS (SELECT 1 FROM seen s WHERE s.person_id = p.id AND s.org_id = p.org_id)
    ORDER BY 1, rank, last_seen DESC, name"""


def group_contacts(conn: sqlite3.Connection, group_id: str, as_of: date | str,
                   per_organisation: int = PER_ORGANISATION) -> dict[str, list[Contact]]:
    """org_id -> up to `per_organisation` contacts for the group at as_of (see module doc)."""
    as_of_iso = as_of.isoformat() if isinstance(as_of, date) else str(as_of)
    out: dict[str, list[Contact]] = {}
    for org_id, name, role, last_seen, _ in conn.execute(_SQL, {"group_id": group_id, "as_of": as_of_iso}):
        found = out.setdefault(org_id, [])
        if len(found) < per_organisation:
            found.append(Contact(name, role or None, last_seen))
    return out


def with_contacts(conn: sqlite3.Connection, partners: pd.DataFrame, group_id: str, as_of: date | str) -> pd.DataFrame:
    """`partners` (one row per organisation, column org_id) plus `contacts`: a list of Contact per row."""
    found = group_contacts(conn, group_id, as_of)
    people = pd.Series([found.get(org, []) for org in partners["org_id"]], index=partners.index, dtype=object)
    return partners.assign(contacts=people)


def contacts_text(contacts: list[Contact]) -> str:
    """All contacts of one organisation on one line, '–' when none is known."""
    return "; ".join(c.text() for c in contacts) or "–"


def contacts_json(contacts: list[Contact]) -> list[dict[str, str | None]]:
    return [asdict(c) for c in contacts]


def contact_rows(partners: pd.DataFrame) -> pd.DataFrame:
    """One row per contact person (Organisation, Name, Funktion, Zuletzt dabei) from `partners` with `contacts`.

    The screen's detail view beside the Ansprache-Liste: a person per row never needs a cut cell, however
    many contacts an organisation has (the list itself keeps them on one line for files).
    """
    rows = [{"Organisation": org, "Name": c.name, "Funktion": c.role or "–",
             "Zuletzt dabei": german_date(c.last_seen) if c.last_seen else "–"}
            for org, people in zip(partners["organisation"], partners["contacts"], strict=True) for c in people]
    return pd.DataFrame(rows, columns=["Organisation", "Name", "Funktion", "Zuletzt dabei"])
