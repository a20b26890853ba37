"""A readable German plain-text view of a parsed protocol (`python -m etl parse FILE`)."""

from __future__ import annotations

from etl.parse.model import ParsedProtocol, Participant
from vocab.terms import FORMAT_LABELS

_STATUS = {"present": "Teilnehmende", "guest": "Gäste", "excused": "Entschuldigt", "absent": "Abwesend"}
_FORMAT = FORMAT_LABELS  # one German word per meeting format (vocab.terms)


def _de_date(iso: str | None) -> str:
    if not iso or len(iso) != 10:
        return iso or "–"
    return f"{iso[8:10]}.{iso[5:7]}.{iso[0:4]}"


def _person(p: Participant) -> str:
    name = " ".join(x for x in (p["title"], p["name"]) if x)
    org = p["organisation"]
    raw = p["organisation_raw"]
    if org and raw and raw != org:
        org = f"{org} [{raw}]"
    parts = [name + (f" – {org}" if org else "")]
    if p["note"]:
        parts.append(f"({p['note']})")
    return " ".join(parts) + f"  (Zeile {p['line']})"


def format_summary(parsed: ParsedProtocol) -> str:
    """The parsed protocol as German plain text: head, people, agenda, decisions, tasks, hints."""
    out: list[str] = []
    title = parsed["title"] or "(ohne Titel)"
    out.append(f"Protokoll: {title}")
    out.append(f"Quelle:    {parsed['source'] or '–'}")
    group = parsed["group"]
    if group:
        known = "" if parsed["group_known"] else " (neu)"
        out.append(f"Gruppe:    {group}{known}")
    else:
        out.append("Gruppe:    – (nicht erkannt)")
    when = _de_date(parsed["date"])
    start, end = parsed["start"], parsed["end"]
    if start and end:
        when += f", {start}–{end} Uhr"
    elif start:
        when += f", ab {start} Uhr"
    out.append(f"Datum:     {when}")
    place = parsed["location"] or "–"
    fmt = _FORMAT.get(parsed["format"] or "")
    out.append(f"Ort:       {place}" + (f" ({fmt})" if fmt else ""))

    people = parsed["participants"]
    for status, heading in _STATUS.items():
        group_people = [p for p in people if p["status"] == status]
        if group_people or status == "present":
            out.append("")
            out.append(f"{heading} ({len(group_people)}):")
            out.extend(f"  - {_person(p)}" for p in group_people)
            if not group_people:
                out.append("  –")

    agenda = parsed["agenda"]
    out.append("")
    out.append(f"Tagesordnung ({len(agenda)}):")
    out.extend(f"  {i}. {item}" for i, item in enumerate(agenda, start=1))
    if not agenda:
        out.append("  –")

    decisions = parsed["decisions"]
    out.append("")
    out.append(f"Beschlüsse ({len(decisions)}):")
    out.extend(f"  - {d['text']}  (Zeile {d['line']})" for d in decisions)
    if not decisions:
        out.append("  –")

    tasks = parsed["action_items"]
    out.append("")
    out.append(f"Aufgaben ({len(tasks)}):")
    for task in tasks:
        who = ", ".join(task["owners"]) or task["owner"] or "offen"
        due = f", bis {_de_date(task['due'])}" if task["due"] else ""
        out.append(f"  - {task['text']} — {who}{due}  (Zeile {task['line']})")
    if not tasks:
        out.append("  –")

    mentions = parsed["mentions"]
    out.append("")
    out.append("Erwähnt:")
    kinds = ((mentions["organisations"], "Organisationen"), (mentions["projects"], "Projekte"),
             (mentions["people"], "Personen"))
    for names, heading in kinds:
        out.append(f"  {heading}: {', '.join(names) if names else '–'}")
    reports = parsed["reports"]
    if reports:
        out.append("")
        out.append("Berichte von Gruppen:")
        out.extend(f"  - {r['group']}  (Zeile {r['line']})" for r in reports)

    unresolved = parsed["unresolved"]
    if unresolved:
        out.append("")
        out.append(f"Nicht lesbare Teilnehmerzeilen ({len(unresolved)}):")
        out.extend(f"  Zeile {u['line']}: „{u['raw']}“ – {u['reason']}" for u in unresolved)
    warnings = parsed["warnings"]
    out.append("")
    out.append(f"Hinweise ({len(warnings)}):")
    out.extend(f"  {w}" for w in warnings)
    if not warnings:
        out.append("  keine")
    return "\n".join(out) + "\n"
