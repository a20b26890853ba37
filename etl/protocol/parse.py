"""One protocol's lines -> the JSON-like dict of DESIGN.md ("One parsed protocol"). Pure."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from etl.protocol import actions as action_mod
from etl.protocol import agenda as agenda_mod
from etl.protocol import groups as group_mod
from etl.protocol import mentions as mention_mod
from etl.protocol import participants as participant_mod
from etl.protocol.errors import ProtocolError
from etl.protocol.extract import read_lines
from etl.protocol.header import parse_header
from etl.protocol.headings import AGENDA, PARTICIPANT_KINDS, top_heading
from etl.protocol.markup import Line, prepare
from etl.protocol.names import People
from etl.protocol.sections import Block, Paragraph, noise_lines, paragraphs, scan
from etl.resolve.registry import Registry
from vocab.keys import name_key

_LETTER = re.compile(r"[^\W\d_]")
_STATUS_DE = {"present": "anwesend", "excused": "entschuldigt", "absent": "abwesend", "guest": "Gast"}


def parse_file(path: Path, source: str | None = None, *, groups: Registry | None = None,
               organisations: Registry | None = None, projects: Registry | None = None,
               folder_hint: str | None = None) -> dict[str, Any]:
    """Read and parse one protocol file; the folder name serves as group hint."""
    path = Path(path)
    try:
        lines = read_lines(path)
    except ProtocolError as exc:
        raise ProtocolError(exc.message, source or exc.source, exc.line) from None
    hint = folder_hint if folder_hint is not None else path.parent.name
    return parse_protocol(lines, source or str(path), groups=groups, organisations=organisations,
                          projects=projects, folder_hint=hint)


def parse_protocol(lines: list[str], source: str, *, groups: Registry | None = None,
                   organisations: Registry | None = None, projects: Registry | None = None,
                   folder_hint: str | None = None) -> dict[str, Any]:
    """Parse protocol lines; raises only ProtocolError (German message), e.g. when no date is found."""
    if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
        raise ProtocolError("Eingabe ist keine Liste von Textzeilen", source)
    if not _has_letters(lines, 10):
        raise ProtocolError("enthält keinen lesbaren Text", source)
    try:
        return _parse(lines, source, groups, organisations, projects, folder_hint)
    except ProtocolError:
        raise
    except RecursionError as exc:  # pragma: no cover - defensive, keeps the one-exception contract
        raise ProtocolError("Protokoll zu tief verschachtelt", source, internal=True) from exc
    except Exception as exc:  # noqa: BLE001 - a parser bug must still reach the caller as ProtocolError
        raise ProtocolError(f"interner Fehler beim Auswerten ({type(exc).__name__}: {exc})", source,
                            internal=True) from exc


def _listed(blocks: list[Block]) -> set[int]:
    """Line indices of participant and agenda lists, which are not running text."""
    listed: set[int] = set()
    for block in blocks:
        if block.kind in PARTICIPANT_KINDS or block.kind == AGENDA:
            listed.update(range(block.start, block.end))
    return listed


def _mark_item_headings(lines: list[Line], body: list[int], items: list[agenda_mod.AgendaItem]) -> bool:
    """A body line that repeats an agenda item is that item's section heading, even without markup
    (PDF and plain-text protocols): it must not run into the paragraph below it."""
    keys = {name_key(item.text) for item in items} - {""}
    changed = False
    for i in body:
        line = lines[i]
        if not line.level and line.cells is None and len(line.body) <= 200 and name_key(line.body) in keys:
            lines[i] = replace(line, level=2)
            changed = True
    return changed


def _has_letters(lines: list[str], needed: int) -> bool:
    count = 0
    for line in lines:
        count += len(_LETTER.findall(line))
        if count >= needed:
            return True
    return False


def _header_end(lines: list[Line], blocks: list[Block], noise: set[int]) -> int:
    candidates = [b.start for b in blocks]
    candidates += [i for i, line in enumerate(lines[:80]) if i not in noise and top_heading(line)][:1]
    return min(candidates) if candidates else min(len(lines), 15)


def _parse(lines: list[str], source: str, groups: Registry | None, organisations: Registry | None,
           projects: Registry | None, folder_hint: str | None) -> dict[str, Any]:
    prepared = prepare(lines)
    noise = noise_lines(prepared)
    blocks = scan(prepared, noise, organisations)
    header_end = _header_end(prepared, blocks, noise)
    header = parse_header(prepared, header_end, noise, source)
    if header.date is None:
        raise ProtocolError("kein Datum gefunden (erwartet z. B. „Datum: 08.06.2021“ im Kopf des Protokolls)",
                            source)
    warnings = list(header.warnings)

    people_rows, unresolved, org_suggestions = _participants(prepared, blocks, noise, organisations, warnings)
    people = People([p["name"] for p in people_rows])
    _role_notes(people_rows, people, header.roles)

    title = {header.title_line - 1} if header.title_line else set()
    skip = noise | _listed(blocks) | header.labelled | title
    body = [i for i in range(len(prepared)) if i not in skip]
    agenda_block = next((b for b in blocks if b.kind == AGENDA), None)
    if agenda_block is not None:
        items = agenda_mod.collect(prepared, agenda_block.start, noise)[0]
    else:
        items = agenda_mod.from_headings(prepared, body, noise)
    if _mark_item_headings(prepared, body, items):
        blocks = scan(prepared, noise, organisations)  # sections may now end at those headings
    paras = paragraphs(prepared, body, blocks)
    if not items:
        warnings.append("keine Tagesordnung gefunden")
    if not people_rows:
        warnings.append("keine Teilnehmerliste gefunden")

    group = group_mod.detect(header.title, header.group_label, folder_hint, groups)
    if group is None:
        warnings.append("keine Gruppe erkannt (weder im Titel noch im Ordnernamen)")
    elif groups is not None and not group.known:
        hint = f" (ähnlich: „{group.suggestion}“)" if group.suggestion else ""
        warnings.append(f"Gruppe „{group.name}“ unbekannt – wird neu angelegt{hint}")

    decisions = action_mod.decisions(paras)
    tasks = action_mod.actions(paras, people, header.date)
    for task in tasks:
        if task.owner and not task.owner_known:
            unknown = [n for n in task.owners if n not in people.names]
            warnings.append(f"Zeile {task.line}: Verantwortlich „{', '.join(unknown)}“ steht nicht in der "
                            "Teilnehmerliste")

    agenda_paras = [Paragraph(item.text, "item", None, [(0, item.line)]) for item in items]
    found = mention_mod.find(agenda_paras + paras, people, organisations, projects)
    for raw, line in found.unknown_projects:
        warnings.append(f"Zeile {line}: Projekt „{raw}“ unbekannt – wird neu angelegt")

    reports: list[dict[str, Any]] = []
    own = name_key(group.name) if group else ""
    for para in paras:
        for name, offset in group_mod.reports(para.text, groups):
            if name_key(name) != own and all(r["group"] != name for r in reports):
                reports.append({"group": name, "line": para.line_at(offset)})

    return {
        "source": source,
        "title": header.title,
        "group": group.name if group else None,
        "group_known": bool(group and group.known),
        "date": header.date.isoformat(),
        "start": header.start,
        "end": header.end,
        "location": header.location,
        "format": header.format,
        "participants": people_rows,
        "agenda": [item.text for item in items],
        "agenda_lines": [item.line for item in items],
        "decisions": [{"text": d.text, "line": d.line} for d in decisions],
        "action_items": [{"text": t.text, "owner": t.owner, "due": t.due, "line": t.line, "owners": t.owners,
                          "sentence": t.sentence} for t in tasks],
        "mentions": {"organisations": found.organisations, "projects": found.projects,
                     "people": found.people},
        "mention_lines": sorted(found.lines, key=lambda m: m["line"]),
        "reports": reports,
        "unresolved": unresolved,
        "org_suggestions": org_suggestions,
        "warnings": warnings,
    }


Rows = list[dict[str, Any]]


def _role_notes(rows: Rows, people: People, roles: dict[str, str]) -> None:
    """'Protokoll: Kristina Mangold' in the head becomes the note of that participant."""
    for role, value in roles.items():
        for part in re.split(r"\s*(?:,|;|/|\bund\b)\s*", re.sub(r"\([^()]*\)", "", value)):
            name = people.resolve(part)
            row = next((r for r in rows if r["name"] == name), None) if name else None
            if row is not None and role.lower() not in (row["note"] or "").lower():
                row["note"] = f"{row['note']}; {role}" if row["note"] else role


def _participants(lines: list[Line], blocks: list[Block], noise: set[int], organisations: Registry | None,
                  warnings: list[str]) -> tuple[Rows, Rows, Rows]:
    """Participant rows with resolved organisations, unreadable lines and fuzzy org suggestions."""
    rows: Rows = []
    unresolved: Rows = []
    suggestions: Rows = []
    seen: dict[str, dict[str, Any]] = {}
    for block in blocks:
        if block.kind not in PARTICIPANT_KINDS:
            continue
        entries, unreadable = participant_mod.parse_block(lines, block.start, block.end, noise, organisations)
        for bad in unreadable:
            unresolved.append({"line": bad.line, "raw": bad.raw, "reason": bad.reason,
                               "organisation": bad.organisation_raw})
        for entry in entries:
            key = name_key(entry.name)
            if key in seen:
                first = seen[key]
                what = "doppelt aufgeführt" if first["status"] == entry.status else (
                    f"schon als {_STATUS_DE[first['status']]} aufgeführt")
                warnings.append(f"Zeile {entry.line}: {entry.name} {what} (Zeile {first['line']}) "
                                "– ignoriert")
                continue
            if len(entry.name.split()) == 1:
                warnings.append(f"Zeile {entry.line}: nur Nachname „{entry.name}“ – Vorname fehlt")
            organisation, org_id = entry.organisation_raw, None
            if organisations is not None and entry.organisation_raw:
                match = organisations.resolve(entry.organisation_raw)
                if match.id:
                    organisation, org_id = match.name or entry.organisation_raw, match.id
                else:
                    hint = ""
                    if match.suggestion_id:
                        suggestions.append({"raw": entry.organisation_raw,
                                            "suggestion": match.suggestion_name,
                                            "suggestion_id": match.suggestion_id, "score": match.score,
                                            "line": entry.line})
                        hint = f" (ähnlich: „{match.suggestion_name}“)"
                    warnings.append(f"Zeile {entry.line}: Organisation „{entry.organisation_raw}“ "
                                    f"unbekannt – wird neu angelegt{hint}")
            row = {"name": entry.name, "title": entry.title, "organisation": organisation,
                   "organisation_raw": entry.organisation_raw, "organisation_id": org_id,
                   "status": entry.status, "note": entry.note, "line": entry.line}
            seen[key] = row
            rows.append(row)
    return rows, unresolved, suggestions
