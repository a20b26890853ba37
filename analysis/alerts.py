"""Alerts for the Übersicht page: what needs attention, each pointing to the page that explains it."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from textwrap import shorten

from analysis import inactivity, meetings, rules
from analysis.period import german_date as _de

OVERDUE_DAYS = 180


@dataclass(frozen=True)
class Alert:
    """One alert: German text, severity ('error' or 'warning'), and the page file that explains it."""

    kind: str
    severity: str
    text: str
    page: str
    link_label: str


def alerts(conn: sqlite3.Connection, as_of: date, group_id: str | None = None) -> list[Alert]:
    """Inactive or fading partners, breached rules and overdue action items at `as_of`."""
    found: list[Alert] = []
    groups = inactivity.candidate_groups(conn, as_of)
    if group_id is not None:
        groups = groups[groups["id"] == group_id]
    judged = inactivity.inactive_partners_by_group(conn, groups["id"].tolist(), as_of)  # one query for all groups
    for group in groups.to_dict("records"):
        partners = judged[group["id"]]
        inactive = partners[partners["status"] == inactivity.INACTIVE]["organisation"].tolist()
        fading = partners[partners["status"] == inactivity.FADING]["organisation"].tolist()
        if inactive:
            found.append(Alert("inactive", "error",
                               f"{group['name']}: {len(inactive)} inaktive Partner ({_names(inactive)})",
                               "pages/inactive_partners.py", "Inaktive Partner"))
        if fading:
            found.append(Alert("fading", "warning",
                               f"{group['name']}: {len(fading)} nachlassende Partner ({_names(fading)})",
                               "pages/inactive_partners.py", "Inaktive Partner"))
    checks = rules.check_rules(conn, as_of, group_id if _is_fachgruppe(conn, group_id) else None)
    for row in checks[checks["light"] == "red"].to_dict("records"):
        found.append(Alert("rule", "error", f"{row['group']}: § {row['rule']} {row['title']} nicht erfüllt",
                           "pages/rule_check.py", "Regelcheck"))
    # Protocols never say when a task was done, so only recently overdue tasks are worth an alert;
    # older ones are listed on the Sitzungen page.
    items = meetings.open_action_items(conn, as_of, group_id)
    recent = (as_of - timedelta(days=OVERDUE_DAYS)).isoformat()
    overdue = items[items["overdue"] & (items["due"] >= recent)]
    if not overdue.empty:
        oldest = overdue.sort_values("due").iloc[0]
        # Cut at a word boundary: a name cut into a fragment could not be pseudonymised („Namen ausblenden“).
        task = shorten(oldest["text"], 60, placeholder=" …")
        found.append(Alert("overdue", "warning",
                           f"{len(overdue)} überfällige Aufgaben aus Protokollen der letzten {OVERDUE_DAYS} Tage "
                           f"(älteste fällig seit {_de(oldest['due'])}: „{task}“)",
                           "pages/meetings.py", "Sitzungen"))
    return found


def _is_fachgruppe(conn: sqlite3.Connection, group_id: str | None) -> bool:
    if group_id is None:
        return True
    row = conn.execute("SELECT kind FROM groups WHERE id = ?", (group_id,)).fetchone()
    return bool(row) and row[0] == "fachgruppe"


def _names(names: list[str], limit: int = 3) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" und {len(names) - limit} weitere" if len(names) > limit else "")


