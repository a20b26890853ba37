"""Alerts for the Übersicht page: what needs attention, each naming the view that explains it.

An alert names a `Destination` (what to look at), not a page file: ui.navigation maps it to a page.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from textwrap import shorten
from typing import Literal

from analysis import inactivity, meetings, outreach, rules
from vocab.periods import german_date as _de
from vocab.terms import ALERT_KIND_LABELS, FADING, INACTIVE

OVERDUE_DAYS = 180
SHOWN = 20  # alerts the Übersicht shows at first: the real network has about 15–20, a larger one shows more on request

# The views an alert can point to: inactive partners, the rule check, the meetings with their tasks.
Destination = Literal["inactive", "rules", "meetings"]


@dataclass(frozen=True)
class Alert:
    """One alert: German text, severity ('error' or 'warning'), the view that explains it, and the group it
    is about (None: all groups), so the link opens that view on that group."""

    kind: str
    severity: str
    text: str
    destination: Destination
    group_id: str | None = None


def alerts(conn: sqlite3.Connection, as_of: date, group_id: str | None = None) -> list[Alert]:
    """Inactive or fading partners, due follow-ups, breached rules and overdue action items at `as_of`."""
    found: list[Alert] = []
    groups = inactivity.candidate_groups(conn, as_of)
    if group_id is not None:
        groups = groups[groups["id"] == group_id]
    judged = inactivity.judged_partners(conn, groups["id"].tolist(), as_of)  # one query for all groups
    # What Inaktive Partner flags as „Wiedervorlage fällig“, for all groups at once.
    follow_ups = list(outreach.due_follow_ups(conn, as_of, groups["id"].tolist()).itertuples(index=False))
    for group in groups.to_dict("records"):
        partners = judged[group["id"]]
        inactive = [p["organisation"] for p in partners if p["status"] == INACTIVE]
        fading = [p["organisation"] for p in partners if p["status"] == FADING]
        if inactive:
            found.append(Alert("inactive", "error",
                               f"{group['name']}: {_partners(len(inactive), 'inaktive')} ({_names(inactive)})",
                               "inactive", group["id"]))
        if fading:
            found.append(Alert("fading", "warning",
                               f"{group['name']}: {_partners(len(fading), 'nachlassende')} ({_names(fading)})",
                               "inactive", group["id"]))
        # The link leads to the group's Inaktive Partner, where these rows say „Wiedervorlage fällig“.
        names = {p["org_id"]: p["organisation"] for p in partners}
        waiting = [f"{names[o]} (seit {_de(d)})" for g, o, d in follow_ups if g == group["id"] and o in names]
        if waiting:
            found.append(Alert("follow_up", "warning", f"{group['name']}: Wiedervorlage fällig für {_names(waiting)}",
                               "inactive", group["id"]))
    checks = rules.check_rules(conn, as_of, rules.checked_group(conn, group_id))
    for row in checks[checks["light"] == "red"].to_dict("records"):
        found.append(Alert("rule", "error", f"{row['group']}: § {row['rule']} {row['title']} nicht erfüllt",
                           "rules", row["group_id"]))
    # Protocols never say when a task was done, so only recently overdue tasks are worth an alert;
    # older ones are listed on the Sitzungen page.
    items = meetings.open_action_items(conn, as_of, group_id)
    recent = (as_of - timedelta(days=OVERDUE_DAYS)).isoformat()
    overdue = items[items["overdue"] & (items["due"] >= recent)]
    if not overdue.empty:
        oldest = overdue.sort_values("due").iloc[0]
        # Cut at a word boundary: a name cut into a fragment could not be pseudonymised („Namen ausblenden“).
        task = shorten(oldest["text"], 60, placeholder=" …")
        one = len(overdue) == 1
        count = "1 überfällige Aufgabe" if one else f"{len(overdue)} überfällige Aufgaben"
        found.append(Alert("overdue", "warning",
                           f"{count} aus Protokollen der letzten {OVERDUE_DAYS} Tage "
                           f"({'' if one else 'älteste '}fällig seit {_de(oldest['due'])}: „{task}“)",
                           "meetings", group_id))
    return found


def most_urgent(found: list[Alert], limit: int) -> list[Alert]:
    """The first `limit` alerts, errors before warnings, otherwise in their order (by group, then rules, tasks)."""
    return sorted(found, key=lambda alert: alert.severity != "error")[:limit]


def count_by_kind(found: list[Alert]) -> str:
    """„259 Regelverstöße, 111 Gruppen mit inaktiven Partnern, …“, in the order the kinds first appear."""
    counts = Counter(alert.kind for alert in found)
    return ", ".join(f"{n} {ALERT_KIND_LABELS[kind][n != 1]}" for kind, n in counts.items())


def _partners(count: int, adjective: str) -> str:
    """'1 inaktiver Partner' / '3 inaktive Partner' (the adjective as written for the plural)."""
    return f"1 {adjective}r Partner" if count == 1 else f"{count} {adjective} Partner"


def _names(names: list[str], limit: int = 3) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" und {len(names) - limit} weitere" if len(names) > limit else "")


