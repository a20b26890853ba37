"""Protocols become rows: parse each protocol file and merge what it says into the dataset.

A protocol and a meetings.csv row for the same group and date are one meeting; the protocol
adds to it. Unknown organisations and groups are created and reported (never merged on a
fuzzy match); a participant line the parser cannot read becomes a reject with its line.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path

from etl.extract.cells import infer_format
from etl.protocol.errors import ProtocolError
from etl.protocol.extract import read_lines
from etl.protocol.parse import parse_protocol
from etl.resolve.exclusions import redact, spellings
from etl.resolve.master_data import Dataset, ensure_meeting, group_kind, person_record
from vocab.keys import meeting_id, name_key

Progress = Callable[[str, int, int], None]
ParseCache = dict[str, dict]  # cache key -> {"text": ..., "parsed": ...}

_PRESENTED = re.compile(r"vorgestellt|stellt\b.*\bvor\b|vorstellung|präsentiert|praesentiert|berichtet", re.I)


def cache_key(data: bytes, fingerprint: str) -> str:
    """Parsed results depend on the file and on the master data the names were resolved against."""
    return hashlib.sha256(fingerprint.encode() + b"\0" + data).hexdigest()


def registry_fingerprint(ds: Dataset) -> str:
    """A digest of every known spelling, so a changed alias list invalidates cached parses."""
    parts = [ds.organisations.keys, ds.groups.keys, ds.projects.keys, ds.people.keys]
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def merge_protocols(ds: Dataset, files: list[Path], root: Path, progress: Progress | None = None,
                    cache: ParseCache | None = None) -> list[str]:
    """Parse and merge every protocol file; returns German notices (new groups, organisations)."""
    warnings: list[str] = []
    fingerprint = registry_fingerprint(ds)
    cache = cache or {}
    for done, path in enumerate(files, start=1):
        source = path.relative_to(root).as_posix()
        counts = ds.count(source)
        try:
            data = path.read_bytes()
            key = cache_key(data, fingerprint)
            hit = cache.get(key)
            if hit is not None:
                text, parsed = hit["text"], hit["parsed"]
            else:
                lines = read_lines(path)
                parsed = parse_protocol(lines, source, groups=ds.groups, organisations=ds.organisations,
                                        projects=ds.projects, folder_hint=path.parent.name)
                text = "\n".join(lines)
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
        if ds.excluded:
            parsed, text = _without_excluded(ds, parsed, text)
        warnings += _merge_one(ds, parsed, source, text, hashlib.sha256(data).hexdigest(), key)
        if progress:
            progress("Protokolle", done, len(files))
    return warnings


def _without_excluded(ds: Dataset, parsed: dict, text: str) -> tuple[dict, str]:
    """Drop people erased on request and redact their names from the protocol's text and facts."""
    candidates = [(p["name"], p.get("title")) for p in parsed.get("participants", [])]
    candidates += [(a["owner"], None) for a in parsed.get("action_items", []) if a.get("owner")]
    candidates += [(n, None) for n in (parsed.get("mentions") or {}).get("people", [])]
    names: list[str] = []
    for name, title in candidates:
        if ds.is_excluded(person_record(name)[0]):
            names += spellings(name, title, surname_is_unique=True)
    if not names:
        return parsed, text
    kept = dict(parsed, participants=[p for p in parsed.get("participants", [])
                                      if not ds.is_excluded(person_record(p["name"])[0])])
    redacted = json.loads(redact(json.dumps(kept, ensure_ascii=False), sorted(set(names), key=len, reverse=True))
                          or "{}")
    return redacted, redact(text, names) or ""


def _merge_one(ds: Dataset, parsed: dict, source: str, text: str, sha: str, key: str) -> list[str]:
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
    for field, value in (("start", parsed.get("start")), ("end", parsed.get("end")),
                         ("location", parsed.get("location")), ("title", parsed.get("title"))):
        if value and not meeting.get(field):
            meeting[field] = value
    meeting["format"] = meeting.get("format") or parsed.get("format") or infer_format(meeting.get("location"))
    meeting["has_protocol"] = 1
    if not existing:
        meeting["source_file"], meeting["source_line"] = source, None
    ds.rows("protocols")[source] = {"id": source, "meeting_id": mid, "source_file": source, "sha256": sha,
                                    "title": parsed.get("title"), "text": text,
                                    "parsed_json": json.dumps(parsed, ensure_ascii=False, sort_keys=True),
                                    "cache_key": key}
    warnings += _participants(ds, parsed, source, mid)
    _agenda(ds, parsed, source, mid)
    _decisions_and_actions(ds, parsed, source, mid)
    _mentions(ds, parsed, source, mid, gid, date, text)
    _reports(ds, parsed, source, date, gid)
    for warning in parsed.get("warnings", []):
        if "unbekannt" not in warning:  # new organisations are reported once, below
            warnings.append(f"{source}: {warning}")
    return warnings


def _group(ds: Dataset, parsed: dict, source: str, warnings: list[str]) -> str | None:
    name = parsed.get("group")
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
    if match.suggestion_id:
        ds.rows("org_suggestions")[(oid, match.suggestion_id)] = {
            "raw": raw, "org_id": oid, "suggestion": match.suggestion_name, "score": match.score,
            "file": source, "line": line}
        note += f" Ähnlich: „{match.suggestion_name}“ ({match.score:.0f} %) – bitte prüfen, ggf. als Alias eintragen."
    warnings.append(note)
    return oid


def _participants(ds: Dataset, parsed: dict, source: str, mid: str) -> list[str]:
    warnings: list[str] = []
    counts = ds.count(source)
    for item in parsed.get("unresolved", []):
        counts.read += 1
        counts.rejected += 1
        ds.reject_fact(source, item.get("line"), f"Teilnehmerzeile nicht lesbar: {item.get('reason')}", item.get("raw"))
    for p in parsed.get("participants", []):
        counts.read += 1
        pid, name, title = person_record(p["name"], p.get("title"))
        if not pid:
            counts.rejected += 1
            ds.reject_fact(source, p.get("line"), "Teilnehmer ohne Namen", p.get("name"))
            continue
        if ds.is_excluded(pid):
            counts.read -= 1  # erased on request: neither loaded nor a reject
            continue
        oid = _organisation(ds, p.get("organisation_raw"), source, p.get("line"), warnings)
        known = ds.people.lookup(name)
        if known:
            pid = known
            oid = oid or ds.rows("people")[pid]["org_id"]
        else:
            ds.rows("people")[pid] = {"id": pid, "name": name, "title": title, "org_id": oid, "role": None,
                                      "origin": "protokoll", "source_file": source, "source_line": p.get("line")}
            ds.people.add(name, entity_id=pid)
        aid = f"{mid}|{pid}"
        row = {"id": aid, "meeting_id": mid, "person_id": pid, "org_id": oid, "status": p.get("status") or "present",
               "note": p.get("note"), "source_file": source, "source_line": p.get("line")}
        if aid in ds.rows("attendance"):
            counts.rejected += 1
            ds.reject_fact(source, p.get("line"), f"{name} ist für diese Sitzung bereits erfasst", p.get("name"))
            continue
        ds.rows("attendance")[aid] = row
        counts.loaded += 1
    return warnings


def _agenda(ds: Dataset, parsed: dict, source: str, mid: str) -> None:
    lines = parsed.get("agenda_lines") or []
    for position, text in enumerate(parsed.get("agenda", []), start=1):
        line = lines[position - 1] if position - 1 < len(lines) else None
        ds.rows("agenda_items")[(mid, position)] = {"meeting_id": mid, "position": position, "text": text,
                                                    "source_file": source, "source_line": line}


def _decisions_and_actions(ds: Dataset, parsed: dict, source: str, mid: str) -> None:
    for number, item in enumerate(parsed.get("decisions", []), start=1):
        did = f"{mid}|b{number}"
        ds.rows("decisions")[did] = {"id": did, "meeting_id": mid, "text": item["text"], "source_file": source,
                                     "source_line": item.get("line")}
    for number, item in enumerate(parsed.get("action_items", []), start=1):
        owner = item.get("owner")
        owner_id = ds.people.lookup(person_record(owner)[1]) if owner else None
        if owner_id and owner_id not in ds.rows("people"):
            owner_id = None
        aid = f"{mid}|a{number}"
        ds.rows("action_items")[aid] = {"id": aid, "meeting_id": mid, "text": item["text"],
                                        "owner_person_id": owner_id, "owner_name": owner, "due": item.get("due"),
                                        "done": 0, "source_file": source, "source_line": item.get("line")}


def _mentions(ds: Dataset, parsed: dict, source: str, mid: str, gid: str, date: str, text: str) -> None:
    registries = {"organisation": ds.organisations, "project": ds.projects, "person": ds.people}
    entries = parsed.get("mention_lines") or [
        {"type": kind.rstrip("s") if kind != "people" else "person", "name": name, "line": None}
        for kind, names in (parsed.get("mentions") or {}).items() for name in names]
    lines = text.split("\n")
    for entry in entries:
        kind = {"organisations": "organisation", "projects": "project", "people": "person"}.get(
            entry.get("type", ""), entry.get("type", ""))
        if kind not in registries or not entry.get("name"):
            continue
        if kind == "person" and ds.is_excluded(person_record(entry["name"])[0]):
            continue
        entity = registries[kind].lookup(entry["name"]) or name_key(entry["name"])
        if kind == "person" and entity not in ds.rows("people"):
            continue
        ds.rows("mentions").setdefault((mid, kind, entity), {
            "meeting_id": mid, "entity_type": kind, "entity_id": entity, "name": entry["name"],
            "source_file": source, "source_line": entry.get("line")})
        line_no = entry.get("line")
        context = lines[line_no - 1] if line_no and 0 < line_no <= len(lines) else ""
        if kind == "project" and entity in ds.rows("projects") and _PRESENTED.search(context):
            eid = f"{entity}|{date}|vorstellung"
            ds.rows("project_events").setdefault(eid, {
                "id": eid, "project_id": entity, "date": date, "kind": "vorstellung", "group_id": gid,
                "meeting_id": mid, "note": "laut Protokoll", "source_file": source, "source_line": line_no})


def _reports(ds: Dataset, parsed: dict, source: str, date: str, recipient: str) -> None:
    """An AG Transfer protocol that records a group's report counts as a report (rule 6.4).

    Filed under the meeting's year unless reports.csv already lists a report of that group
    submitted on that day (then the list's reporting year stands and the protocol adds nothing).
    """
    reports = ds.rows("reports")
    for item in parsed.get("reports", []):
        gid = ds.groups.lookup(item.get("group"))
        if not gid or gid == recipient:
            continue
        if any(r["group_id"] == gid and r["submitted"] == date for r in reports.values()):
            continue
        reports.setdefault((gid, int(date[:4])), {
            "group_id": gid, "year": int(date[:4]), "submitted": date, "recipient_id": recipient,
            "evidence": f"Protokoll {source}, Zeile {item.get('line')}", "source_file": source,
            "source_line": item.get("line")})
