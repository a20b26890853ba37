"""Contact persons of a group's member organisations: whom a group lead calls when a partner fades away.

First the people of the organisation recorded at the group's meetings (protocols and attendance lists),
the most recently attended first (facts from the build's `person_attendance`), then the organisation's
other people from the master data. Each with the role the master data gives them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass
from datetime import date

import pandas as pd

from vocab.periods import german_date
from vocab.terms import FACT_LABELS, heading

PER_ORGANISATION = 3


@dataclass(frozen=True)
class Contact:
    """One contact person and their facts in this group (ISO dates, from the build's person facts):
    `last_attended` the last meeting they attended, `last_listed` the last one listing them at all
    (also excused or absent)."""

    name: str
    role: str | None
    last_attended: str | None
    last_listed: str | None = None

    def text(self) -> str:
        """'Jonas Weber (Referent, zuletzt anwesend 01.11.2024)'; a later listing without attendance is added."""
        details = [self.role] if self.role else []
        if self.last_attended:
            details.append(f"{FACT_LABELS['last_attended']} {german_date(self.last_attended)}")
        if self.last_listed and self.last_listed != self.last_attended:
            details.append(f"{FACT_LABELS['last_listed']} {german_date(self.last_listed)}")
        return f"{self.name} ({', '.join(details)})" if details else self.name


_SQL = """
    WITH seen AS (
        SELECT f.org_id, f.person_id, MAX(f.last_attended) AS last_attended, MAX(f.last_listed) AS last_listed
        FROM person_attendance f
        WHERE f.group_id = :group_id AND f.date <= :as_of AND f.org_id IS NOT NULL
        GROUP BY 1, 2 HAVING MAX(f.last_listed) IS NOT NULL)
    SELECT s.org_id, p.name, p.role, s.last_attended, s.last_listed, 0 AS rank
    FROM seen s JOIN people p ON p.id = s.person_id
    UNION ALL
    SELECT p.org_id, p.name, p.role, NULL, NULL, 1 FROM people p
    WHERE p.org_id IS NOT NULL AND p.origin = 'stammdaten'
      AND NOT EXISTS (SELECT 1 FROM seen s WHERE s.person_id = p.id AND s.org_id = p.org_id)
    ORDER BY 1, rank, 4 DESC NULLS LAST, 5 DESC, 2"""


def group_contacts(conn: sqlite3.Connection, group_id: str, as_of: date | str,
                   per_organisation: int = PER_ORGANISATION) -> dict[str, list[Contact]]:
    """org_id -> up to `per_organisation` contacts for the group at as_of (see module doc)."""
    as_of_iso = as_of.isoformat() if isinstance(as_of, date) else str(as_of)
    out: dict[str, list[Contact]] = {}
    for org_id, name, role, last_attended, last_listed, _ in conn.execute(
            _SQL, {"group_id": group_id, "as_of": as_of_iso}):
        found = out.setdefault(org_id, [])
        if len(found) < per_organisation:
            found.append(Contact(name, role or None, last_attended, last_listed))
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
    """The contacts as JSON objects: name, role, last_attended, last_listed."""
    return [asdict(c) for c in contacts]


# The column of contact_rows that holds the last meeting attended in this group.
CONTACT_LAST_ATTENDED = heading(FACT_LABELS["last_attended"])


def contact_rows(partners: pd.DataFrame) -> pd.DataFrame:
    """One row per contact person (Organisation, Name, Funktion, Zuletzt anwesend) from `partners` with `contacts`.

    The screen's detail view beside the Ansprache-Liste: a person per row never needs a cut cell, however
    many contacts an organisation has (the list itself keeps them on one line for files).
    """
    last = CONTACT_LAST_ATTENDED
    rows = [{"Organisation": org, "Name": c.name, "Funktion": c.role or "–",
             last: german_date(c.last_attended) if c.last_attended else "–"}
            for org, people in zip(partners["organisation"], partners["contacts"], strict=True) for c in people]
    return pd.DataFrame(rows, columns=["Organisation", "Name", "Funktion", last])
