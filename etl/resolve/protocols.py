"""Protocols become rows: parse each protocol file and merge what it says into the dataset.

A protocol and a meetings.csv row for the same group and date are one meeting; the protocol
adds to it. Unknown organisations and groups are created and reported (never merged on a
fuzzy match); a participant line the parser cannot read becomes a reject with its line.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from etl.build.fingerprint import code_digest
from etl.build.schema import AttendanceRow
from etl.core.errors import ProtocolError
from etl.core.registry import KnownPeople, KnownPerson
from etl.extract.cells import infer_format
from etl.extract.document import Document
from etl.extract.readers import read_document
from etl.parse import ParsedProtocol, parse_document
from etl.parse.model import CachedParse
from etl.resolve.master_data import Dataset, ensure_meeting, group_kind, person_record
from etl.resolve.redaction import drop_participants
from vocab.keys import meeting_id, name_key

if TYPE_CHECKING:
    from etl.build.apply_corrections import Corrector

Progress = Callable[[str, int, int], None]
ParseCache = dict[str, CachedParse]  # cache key -> the text and parse an earlier build stored

_PRESENTED = re.compile(r"vorgestellt|stellt\b.*\bvor\b|vorstellung|präsentiert|praesentiert|berichtet", re.I)


# 2: cached parses depend on the exclusion list; older ones may hold erased names. 3: keyed on the file's sha256.
PARSE_CACHE_VERSION = "4"  # 4: participants carry known_name


def cache_key(sha256: str, fingerprint: str) -> str:
    """Parsed results depend on the file (its content hash, as the build computed it once), the cache format,
    the master data and exclusion list the names were resolved against and the code of the readers and the
    parser (`registry_fingerprint`)."""
    return hashlib.sha256(f"v{PARSE_CACHE_VERSION}\0{fingerprint}\0{sha256}".encode()).hexdigest()


def known_people(ds: Dataset) -> KnownPeople:
    """The people of the master data (people.csv, attendance.csv) with their organisation's name: evidence the
    parser uses to find a known name in any layout. Taken before any protocol is merged, so what one protocol
    adds never changes how another is read."""
    organisations = ds.rows("organisations")
    return KnownPeople([KnownPerson(row["name"], organisations[row["org_id"]]["name"] if row["org_id"] in organisations
                                    else None)
                        for row in ds.rows("people").values() if row["origin"] in ("stammdaten", "referenz")])


def registry_fingerprint(ds: Dataset, people: KnownPeople | None = None) -> str:
    """A digest of every known spelling, the known people with their organisations, the exclusion list and
    the ETL code, so a changed alias list, an erasure or a new parser version invalidates cached parses."""
    parts = [ds.organisations.keys, ds.groups.keys, ds.projects.keys, ds.people.keys, sorted(ds.excluded),
             code_digest(), (people or known_people(ds)).fingerprint()]
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def document_text(document: Document) -> str:
    """The protocol's text for search and context: every line at its source line number, so that line
    N of the text is line N of the file; pages of a PDF are separated by form feeds."""
    pages: dict[int, list[str]] = {}
    for block in document.blocks:
        rows = pages.setdefault(block.page or 0, [])
        for line, text in zip(block.source_lines, block.text.split("\n"), strict=False):
            while len(rows) < line:
                rows.append("")
            rows[line - 1] = f"{rows[line - 1]} {text}".strip() if rows[line - 1] else text
    return "\f".join("\n".join(pages[page]) for page in sorted(pages))


def _context(text: str, line: int | None) -> str:
    """The text of source line `line` (on the first page that has it)."""
    if not line or line < 1:
        return ""
    for page in text.split("\f"):
        rows = page.split("\n")
        if line <= len(rows) and rows[line - 1]:
            return rows[line - 1]
    return ""


def merge_protocols(ds: Dataset, files: list[Path], root: Path, hashes: Mapping[str, str],
                    progress: Progress | None = None, cache: ParseCache | None = None,
                    corrector: Corrector | None = None, contents: Mapping[Path, bytes] | None = None) -> list[str]:
    """Parse and merge every protocol file; returns German notices (new groups, organisations).

    `hashes`: each file's sha256 by its path relative to `root`, as the build read it (`etl.build.fingerprint`):
    a protocol found in the parse cache is not read again, one that is not goes to its reader with the bytes
    the build read (`contents`), or is read by it when the build did not keep them.
    A protocol's date and group are merged as corrected (`corrector`); the parse is stored as read,
    so a withdrawn correction takes effect without parsing again.
    """
    warnings: list[str] = []
    people = known_people(ds)
    fingerprint = registry_fingerprint(ds, people)
    cache = cache or {}
    for done, path in enumerate(files, start=1):
        source = path.relative_to(root).as_posix()
        counts = ds.count(source)
        sha = hashes[source]
        try:
            key = cache_key(sha, fingerprint)
            hit = cache.get(key)
            if hit is not None:
                text, parsed = hit["text"], hit["parsed"]
            else:
                document = read_document(path, source, (contents or {}).get(path))
                parsed = parse_document(document, groups=ds.groups, organisations=ds.organisations,
                                        projects=ds.projects, folder_hint=path.parent.name, people=people)
                text = document_text(document)
        except OSError as exc:
            counts.read += 1
            counts.rejected += 1
            ds.reject_fact(source, None, f"Datei nicht lesbar ({exc.strerror})", None)
            continue
        except ProtocolError as exc:
            counts.read += 1
            counts.rejected += 1
            ds.reject_fact(source, exc.line, f"Protokoll nicht geladen: {exc.message}", None)
            continue
        if ds.excluded:  # text is redacted with all other rows before storing (etl.resolve.redaction)
            parsed = drop_participants(parsed, frozenset(ds.excluded))
        effective = corrector.override(parsed, source, ds.groups) if corrector else parsed
        warnings += _merge_one(ds, effective, source, text, sha, key, stored=parsed)
        if progress:
            progress("Protokolle", done, len(files))
    return warnings


def _merge_one(ds: Dataset, parsed: ParsedProtocol, source: str, text: str, sha: str, key: str,
               stored: ParsedProtocol | None = None) -> list[str]:
    warnings: list[str] = []
    counts = ds.count(source)
    gid = _group(ds, parsed, source, warnings)
    if gid is None:
        counts.read += 1
        counts.rejected += 1
        ds.reject_fact(source, None, "Protokoll nicht geladen: keine Gruppe erkennbar (weder im Titel noch im Ordner)",
                       None)
        return warnings
    date = parsed["date"]
    mid = meeting_id(gid, date)
    existing = ds.rows("meetings").get(mid)
    if existing and existing["has_protocol"]:
        counts.read += 1
        counts.rejected += 1
        ds.reject_fact(source, None, f"zweites Protokoll für dieselbe Sitzung (bereits {existing['source_file']})",
                       None)
        return warnings
    ensure_meeting(ds, gid, date, source, None)
    meeting = ds.rows("meetings")[mid]
    if parsed["start"] and not meeting["start"]:
        meeting["start"] = parsed["start"]
    if parsed["end"] and not meeting["end"]:
        meeting["end"] = parsed["end"]
    if parsed["location"] and not meeting["location"]:
        meeting["location"] = parsed["location"]
    if parsed["title"] and not meeting["title"]:
        meeting["title"] = parsed["title"]
    meeting["format"] = meeting["format"] or parsed["format"] or infer_format(meeting["location"])
    meeting["has_protocol"] = 1
    if not existing:
        meeting["source_file"], meeting["source_line"] = source, None
    ds.rows("protocols")[source] = {"id": source, "meeting_id": mid, "source_file": source, "sha256": sha,
                                    "title": parsed["title"], "text": text,
                                    "parsed_json": json.dumps(stored or parsed, ensure_ascii=False, sort_keys=True),
                                    "cache_key": key, "confidence": parsed["confidence"],
                                    "warnings_json": json.dumps(parsed["warnings"], ensure_ascii=False)}
    warnings += _participants(ds, parsed, source, mid)
    _agenda(ds, parsed, source, mid)
    _decisions_and_actions(ds, parsed, source, mid)
    _mentions(ds, parsed, source, mid, gid, date, text)
    _reports(ds, parsed, source, date, gid)
    for warning in parsed["warnings"]:
        if "unbekannt" not in warning:  # new organisations are reported once, below
            warnings.append(f"{source}: {warning}")
    return warnings


def _group(ds: Dataset, parsed: ParsedProtocol, source: str, warnings: list[str]) -> str | None:
    name = parsed["group"]
    if not name:
        return None
    gid = ds.groups.lookup(name)
    if gid:
        return gid
    gid = name_key(name)
    ds.rows("groups")[gid] = {"id": gid, "name": name, "kind": group_kind(name), "topic": None, "founded": None,
                              "dissolved": None, "parent_id": None, "origin": "protokoll", "source_file": source,
                              "source_line": None}
    ds.groups.add(name, entity_id=gid, origin="protokoll")
    warnings.append(f"{source}: Gruppe „{name}“ ist nicht in den Stammdaten – neu angelegt.")
    return gid


def _organisation(ds: Dataset, raw: str | None, source: str, line: int | None, warnings: list[str]) -> str | None:
    """Resolve an organisation as written in a protocol; unknown ones are created and reported."""
    if not raw:
        return None
    match = ds.organisations.resolve(raw)
    if match.id:
        return match.id
    oid = name_key(raw)
    if not oid:
        return None
    ds.rows("organisations")[oid] = {"id": oid, "name": raw, "short_name": None, "type": None, "region": None,
                                     "partner_since": None, "origin": "protokoll", "source_file": source,
                                     "source_line": line}
    ds.organisations.add(raw, entity_id=oid, origin="protokoll")
    note = f"{source}, Zeile {line}: Organisation „{raw}“ unbekannt – neu angelegt."
    if match.suggestion_id and match.suggestion_name:
        ds.rows("org_suggestions")[(oid, match.suggestion_id)] = {
            "raw": raw, "org_id": oid, "suggestion": match.suggestion_name, "score": match.score,
            "file": source, "line": line}
        note += f" Ähnlich: „{match.suggestion_name}“ ({match.score:.0f} %) – bitte prüfen, ggf. als Alias eintragen."
    warnings.append(note)
    return oid


def _participants(ds: Dataset, parsed: ParsedProtocol, source: str, mid: str) -> list[str]:
    warnings: list[str] = []
    counts = ds.count(source)
    for item in parsed["unresolved"]:
        counts.read += 1
        counts.rejected += 1
        ds.reject_fact(source, item["line"], f"Teilnehmerzeile nicht lesbar: {item['reason']}", item["raw"])
    for p in parsed["participants"]:
        counts.read += 1
        pid, name, title = person_record(p["name"], p["title"])
        if not pid:
            counts.rejected += 1
            ds.reject_fact(source, p["line"], "Teilnehmer ohne Namen", p["name"])
            continue
        if ds.is_excluded(pid):
            counts.read -= 1  # erased on request: neither loaded nor a reject
            continue
        oid = _organisation(ds, p["organisation_raw"], source, p["line"], warnings)
        known_name = p.get("known_name")  # 'Frau Schmidt' whom the master data knows as 'Anna Schmidt'
        known = ds.people.lookup(name) or (ds.people.lookup(person_record(known_name)[1]) if known_name else None)
        if known:
            pid = known
            oid = oid or ds.rows("people")[pid]["org_id"]
        else:
            ds.rows("people")[pid] = {"id": pid, "name": name, "title": title, "org_id": oid, "role": None,
                                      "origin": "protokoll", "source_file": source, "source_line": p["line"]}
            ds.people.add(name, entity_id=pid)
        aid = f"{mid}|{pid}"
        row: AttendanceRow = {"id": aid, "meeting_id": mid, "person_id": pid, "org_id": oid,
                              "status": p["status"], "note": p["note"], "source_file": source,
                              "source_line": p["line"]}
        if aid in ds.rows("attendance"):
            counts.rejected += 1
            ds.reject_fact(source, p["line"], f"{name} ist für diese Sitzung bereits erfasst", p["name"])
            continue
        ds.rows("attendance")[aid] = row
        counts.loaded += 1
    return warnings


def _agenda(ds: Dataset, parsed: ParsedProtocol, source: str, mid: str) -> None:
    lines = parsed["agenda_lines"]
    for position, text in enumerate(parsed["agenda"], start=1):
        line = lines[position - 1] if position - 1 < len(lines) else None
        ds.rows("agenda_items")[(mid, position)] = {"meeting_id": mid, "position": position, "text": text,
                                                    "source_file": source, "source_line": line}


def _decisions_and_actions(ds: Dataset, parsed: ParsedProtocol, source: str, mid: str) -> None:
    for number, item in enumerate(parsed["decisions"], start=1):
        did = f"{mid}|b{number}"
        ds.rows("decisions")[did] = {"id": did, "meeting_id": mid, "text": item["text"], "source_file": source,
                                     "source_line": item["line"]}
    for number, task in enumerate(parsed["action_items"], start=1):
        aid = f"{mid}|a{number}"
        owners = task["owners"] or ([task["owner"]] if task["owner"] else [])
        ids = [_person_id(ds, name) for name in owners]
        ds.rows("action_items")[aid] = {"id": aid, "meeting_id": mid, "text": task["text"],
                                        "owner_person_id": ids[0] if ids else None,
                                        "owner_name": owners[0] if owners else None, "due": task["due"],
                                        "done": 0, "source_file": source, "source_line": task["line"]}
        for position, (name, pid) in enumerate(zip(owners, ids, strict=True), start=1):
            ds.rows("task_owners")[(aid, position)] = {
                "action_item_id": aid, "position": position, "person_id": pid, "name": name,
                "source_file": source, "source_line": task["line"]}


def _person_id(ds: Dataset, name: str) -> str | None:
    """The id of a loaded person named as a task owner, else None (the name is kept as written)."""
    pid = ds.people.lookup(person_record(name)[1])
    return pid if pid and pid in ds.rows("people") else None


def _mentions(ds: Dataset, parsed: ParsedProtocol, source: str, mid: str, gid: str, date: str, text: str) -> None:
    registries = {"organisation": ds.organisations, "project": ds.projects, "person": ds.people}
    for entry in parsed["mention_lines"]:
        kind = entry["type"]
        if not entry["name"]:
            continue
        if kind == "person" and ds.is_excluded(person_record(entry["name"])[0]):
            continue
        entity = registries[kind].lookup(entry["name"]) or name_key(entry["name"])
        if kind == "person" and entity not in ds.rows("people"):
            continue
        ds.rows("mentions").setdefault((mid, kind, entity), {
            "meeting_id": mid, "entity_type": kind, "entity_id": entity, "name": entry["name"],
            "source_file": source, "source_line": entry["line"]})
        line_no = entry["line"]
        context = _context(text, line_no)
        if kind == "project" and entity in ds.rows("projects") and _PRESENTED.search(context):
            eid = f"{entity}|{date}|vorstellung"
            ds.rows("project_events").setdefault(eid, {
                "id": eid, "project_id": entity, "date": date, "kind": "vorstellung", "group_id": gid,
                "meeting_id": mid, "note": "laut Protokoll", "source_file": source, "source_line": line_no})


def _reports(ds: Dataset, parsed: ParsedProtocol, source: str, date: str, recipient: str) -> None:
    """An AG Transfer protocol that records a group's report counts as a report (rule 6.4).

    Filed under the meeting's year unless reports.csv already lists a report of that group
    submitted on that day (then the list's reporting year stands and the protocol adds nothing).
    """
    reports = ds.rows("reports")
    for item in parsed["reports"]:
        gid = ds.groups.lookup(item["group"])
        if not gid or gid == recipient:
            continue
        if any(r["group_id"] == gid and r["submitted"] == date for r in reports.values()):
            continue
        reports.setdefault((gid, int(date[:4])), {
            "group_id": gid, "year": int(date[:4]), "submitted": date, "recipient_id": recipient,
            "evidence": f"Protokoll {source}, Zeile {item['line']}", "source_file": source,
            "source_line": item["line"]})
