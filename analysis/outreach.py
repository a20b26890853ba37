"""Ansprache verfolgen: the contacts editors recorded with partners (ansprache.csv), and the mail draft.

A follow-up (Wiedervorlage) is due when its date is on or before the day looked at and no later contact
with the organisation was recorded since. The „E-Mail-Entwurf“ is a `mailto:` link with a German subject
and body: the user's mail program opens it; the app itself sends nothing.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

import pandas as pd

from analysis.db import query
from vocab.periods import german_date
from vocab.terms import ATTENDED

LAST_COLUMNS = ["org_id", "last_contact", "last_channel", "last_result", "last_who", "follow_up", "due"]


def _iso(value: date | str) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def last_contacts(conn: sqlite3.Connection, as_of: date | str, group_id: str | None = None) -> pd.DataFrame:
    """Per organisation its latest recorded contact up to `as_of` (for the group, or without a group).

    Columns: see LAST_COLUMNS; `follow_up` is the Wiedervorlage of that latest contact, `due` whether it has come.
    """
    frame = query(conn, """
        WITH ranked AS (
            SELECT o.*, ROW_NUMBER() OVER (PARTITION BY o.org_id ORDER BY o.date DESC, o.id DESC) AS n
            FROM outreach o
            WHERE o.date <= :as_of AND (:group_id IS NULL OR o.group_id IS NULL OR o.group_id = :group_id))
        SELECT org_id, date AS last_contact, channel AS last_channel, result AS last_result, who AS last_who,
               follow_up, (follow_up IS NOT NULL AND follow_up <= :as_of) AS due
        FROM ranked WHERE n = 1 ORDER BY org_id""", {"as_of": _iso(as_of), "group_id": group_id})
    frame["due"] = frame["due"].astype(bool)
    return frame[LAST_COLUMNS]


DUE_COLUMNS = ["group_id", "org_id", "follow_up"]


def due_follow_ups(conn: sqlite3.Connection, as_of: date | str, group_ids: list[str]) -> pd.DataFrame:
    """Per group of `group_ids`, the organisations whose Wiedervorlage has come: the follow-up of their latest
    contact for that group (or without a group), as `last_contacts` judges it — in one query for all groups.

    Columns: DUE_COLUMNS, by group, soonest Wiedervorlage first.
    """
    return query(conn, """
        WITH chosen(id) AS (SELECT value FROM json_each(:groups)),
        ranked AS (
            SELECT c.id AS group_id, o.org_id, o.follow_up,
                   ROW_NUMBER() OVER (PARTITION BY c.id, o.org_id ORDER BY o.date DESC, o.id DESC) AS n
            FROM chosen c JOIN outreach o ON o.group_id IS NULL OR o.group_id = c.id
            WHERE o.date <= :as_of)
        SELECT group_id, org_id, follow_up FROM ranked
        WHERE n = 1 AND follow_up IS NOT NULL AND follow_up <= :as_of
        ORDER BY group_id, follow_up, org_id""",
        {"groups": json.dumps(group_ids), "as_of": _iso(as_of)})[DUE_COLUMNS]


def organisation_outreach(conn: sqlite3.Connection, org_id: str) -> pd.DataFrame:
    """Every recorded contact with one organisation, newest first (the profile's timeline).

    Columns: date, group, who, channel, result, follow_up, note, source_line.
    """
    return query(conn, """
        SELECT o.date, g.name AS "group", o.who, o.channel, o.result, o.follow_up, o.note, o.source_line
        FROM outreach o LEFT JOIN groups g ON g.id = o.group_id
        WHERE o.org_id = ? ORDER BY o.date DESC, o.id DESC""", (org_id,))


def contact_summary(row: dict) -> str:
    """'12.10.2026 Telefon (A. Meyer): kommt wieder' for a list cell; '' without a contact."""
    day = row.get("last_contact")
    if not isinstance(day, str) or not day:
        return ""
    channel = row.get("last_channel") if isinstance(row.get("last_channel"), str) else ""
    who = row.get("last_who") if isinstance(row.get("last_who"), str) else ""
    result = row.get("last_result") if isinstance(row.get("last_result"), str) else ""
    text = " ".join(p for p in (german_date(day), channel, f"({who})" if who else "") if p)
    return f"{text}: {result}" if result else text


@dataclass(frozen=True)
class MailDraft:
    """A German mail to an organisation's contact persons; `link` is the mailto: URL that opens it."""

    to: tuple[str, ...]
    subject: str
    body: str

    @property
    def link(self) -> str:
        recipients = ",".join(quote(a, safe="@.+-_") for a in self.to)
        return f"mailto:{recipients}?subject={quote(self.subject)}&body={quote(self.body)}"


def _attended(conn: sqlite3.Connection, group_id: str, org_id: str, as_of: str, limit: int = 3) -> list[str]:
    rows = conn.execute("""SELECT date FROM v_org_attendance WHERE group_id = ? AND org_id = ? AND date <= ?
                           AND status IN (SELECT value FROM json_each(?)) ORDER BY date DESC LIMIT ?""",
                        (group_id, org_id, as_of, json.dumps(ATTENDED), limit)).fetchall()
    return [german_date(r[0]) for r in rows]


def mail_draft(conn: sqlite3.Connection, group_id: str, org_id: str, as_of: date | str,
               contacts: list[str] | None = None) -> MailDraft:
    """The mail to the organisation's contact persons (their addresses from people.csv `email`, where known).

    `contacts`: the people to address by name (the page passes the contact persons it shows; pseudonyms when
    names are hidden — the addresses are then left out too, so no name leaks through the recipient line).
    """
    as_of_iso = _iso(as_of)
    group = conn.execute("SELECT name FROM groups WHERE id = ?", (group_id,)).fetchone()
    group_name = group[0] if group else group_id
    named = contacts or []
    addresses = [r[0] for r in conn.execute("""
        SELECT DISTINCT e.email FROM person_emails e JOIN people p ON p.id = e.person_id
        WHERE p.org_id = ? AND p.name IN (SELECT value FROM json_each(?)) ORDER BY e.email""",
                                            (org_id, _json(named)))]
    dates = _attended(conn, group_id, org_id, as_of_iso)
    attended = (f"Zuletzt waren Sie am {', '.join(dates)} dabei." if len(dates) > 1 else
                f"Zuletzt waren Sie am {dates[0]} dabei." if dates else "Wir haben Sie länger nicht gesehen.")
    greeting = "Guten Tag " + " und ".join(named) + "," if named else "Guten Tag,"
    body = (f"{greeting}\n\nbei den letzten Sitzungen von „{group_name}“ haben wir Sie vermisst. {attended}\n\n"
            "Uns liegt viel an Ihrer Sicht. Passt Ihnen der nächste Termin, oder gibt es etwas, das wir an unserer "
            "Arbeit ändern sollten, damit sich die Teilnahme für Sie lohnt?\n\nViele Grüße\n")
    return MailDraft(tuple(addresses), f"{group_name}: Wir würden uns freuen, Sie wiederzusehen", body)


def _json(values: list[str]) -> str:
    return json.dumps(values, ensure_ascii=False)
