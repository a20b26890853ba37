"""Redact erased people from table rows: the one pass both the build and `forget` run before storing.

Rows are plain dicts (the build's dataset, or a database read by `forget`). A row belongs to the
scope of its meeting (protocol text, agenda, decisions, tasks, attendance notes, the meeting's
title and place, rejects of its protocol file); rows without a meeting are their own scope.
"Herr/Frau Nachname" is redacted in a scope only when the erased person is named there in full
and no other known person of that scope has the same surname; otherwise only full-name forms.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from etl.parse.model import ParsedProtocol
from etl.resolve.exclusions import exclusion_hash, find_names, redact
from vocab.keys import person_key, word_key

# Never redacted: keys and references (rows are removed by id instead), organisations (an
# organisation is not a person, even when it bears a name), other people's own names, and
# tables that are recomputed or hold no text of their own.
SKIP_TABLES = frozenset({"organisations", "org_aliases", "org_suggestions", "excluded_people", "table_digests",
                         "source_files", "org_attendance", "person_attendance", "meeting_stats",
                         "load_runs"})
SKIP_COLUMNS = frozenset({"id", "source_file", "file", "path", "sha256", "cache_key", "key_hash", "alias_key",
                          "status", "kind", "origin", "format", "date", "start", "end", "due", "since", "until"})
SKIP_TABLE_COLUMNS = frozenset({("people", "name"), ("people", "title")})


def is_excluded(person_id: str | None, excluded: frozenset[str]) -> bool:
    return bool(person_id and excluded) and exclusion_hash(person_id or "") in excluded


def text_columns(table: str, row: dict) -> list[str]:
    """The columns of `row` holding free text that may name a person."""
    return [c for c in _text_columns(table, tuple(row)) if isinstance(row[c], str)]


@lru_cache(maxsize=256)
def _text_columns(table: str, columns: tuple[str, ...]) -> tuple[str, ...]:
    """The columns of a table that may hold free text (all rows of a table share their keys: computed once)."""
    return tuple(c for c in columns if c not in SKIP_COLUMNS and not c.endswith("_id")
                 and (table, c) not in SKIP_TABLE_COLUMNS)


def drop_participants(parsed: ParsedProtocol, excluded: frozenset[str]) -> ParsedProtocol:
    """A parsed protocol without the participant entries of erased people (no ghost person, no attendance)."""
    kept = [p for p in parsed["participants"] if not _erased(p["name"], excluded)]
    if len(kept) == len(parsed["participants"]):
        return parsed
    redacted = parsed.copy()
    redacted["participants"] = kept
    return redacted


def _erased(name: object, excluded: frozenset[str]) -> bool:
    return isinstance(name, str) and is_excluded(person_key(name), excluded)


def _parsed_json(value: str, excluded: frozenset[str]) -> str:
    """A stored parse without erased participants. Read as plain JSON, not as a `ParsedProtocol`: a database
    built by an older version may lack newer keys, and an erasure must still reach its participants."""
    try:
        parsed = json.loads(value)
    except ValueError:
        return value
    if not isinstance(parsed, dict) or not isinstance(parsed.get("participants"), list):
        return value
    kept = [p for p in parsed["participants"] if not (isinstance(p, dict) and _erased(p.get("name"), excluded))]
    if len(kept) == len(parsed["participants"]):
        return value
    return json.dumps({**parsed, "participants": kept}, ensure_ascii=False, sort_keys=True)


def _surname_key(name: str | None) -> str:
    parts = (name or "").split()
    return word_key(parts[-1]) if parts else ""


def erase_rows(tables: dict[str, list[dict]], excluded: frozenset[str]) -> dict[str, int]:
    """Redact every erased person from the text of `tables` (rows changed in place). Returns changed rows per table.

    `tables` needs no particular completeness: scopes use whatever meetings, protocols, attendance,
    mentions, action items and people it holds.
    """
    changed: dict[str, int] = defaultdict(int)
    if not excluded:
        return changed
    for row in tables.get("protocols", []):
        if isinstance(row.get("parsed_json"), str):
            new = _parsed_json(row["parsed_json"], excluded)
            if new != row["parsed_json"]:
                row["parsed_json"] = new
                changed["protocols"] += 1
    people = {r["id"]: r.get("name") for r in tables.get("people", []) if not is_excluded(r["id"], excluded)}
    all_surnames = {_surname_key(n) for n in people.values()}
    file_meeting = {r.get("source_file"): r.get("meeting_id") for r in tables.get("protocols", [])}
    scoped: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    alone: list[tuple[str, dict]] = []
    others: dict[str, set[str]] = defaultdict(set)
    for table, rows in tables.items():
        if table in SKIP_TABLES:
            continue
        for row in rows:
            scope = _scope(table, row, file_meeting)
            (scoped[scope] if scope else alone).append((table, row))
            for column in ("person_id", "owner_person_id"):
                if row.get(column) in people:
                    others[scope or ""].add(_surname_key(people[row[column]]))
            if table == "mentions" and row.get("entity_type") == "person" and row.get("entity_id") in people:
                others[scope or ""].add(_surname_key(people[row["entity_id"]]))
    for scope, members in scoped.items():
        _redact_scope(members, excluded, others[scope], changed)
    for member in alone:
        _redact_scope([member], excluded, all_surnames, changed)
    return changed


def _redact_scope(members: list[tuple[str, dict]], excluded: frozenset[str], others: set[str],
                  changed: dict[str, int]) -> None:
    """Redact the rows of one scope: full names where found; salutations only for surnames it alone has."""
    hits: list[tuple[str, dict]] = []
    surnames: set[str] = set()
    for table, row in members:
        found = [f for c in text_columns(table, row) for f in find_names(row[c], excluded)]
        if found:
            hits.append((table, row))
            surnames.update(word_key(f.surname) for f in found)
    allowed = surnames - others
    for table, row in (members if allowed else hits):
        changed[table] += _redact_row(table, row, excluded, allowed)


def _scope(table: str, row: dict, file_meeting: dict) -> str | None:
    if table == "meetings":
        return row.get("id")
    if row.get("meeting_id"):
        return row["meeting_id"]
    return file_meeting.get(row.get("file")) if "file" in row else None


def _redact_row(table: str, row: dict, excluded: frozenset[str], allowed: Iterable[str]) -> int:
    hit = False
    for column in text_columns(table, row):
        new = redact(row[column], excluded, allowed)
        if new != row[column]:
            row[column], hit = new, True
    return int(hit)


def redact_free_text(text: str | None, excluded: frozenset[str]) -> str | None:
    """Text outside any table scope (build warnings, load-run summaries): full-name forms only."""
    return redact(text, excluded)
