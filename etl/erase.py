"""Right to erasure: which spellings of a person to remove, how to redact them, and `forget`.

`spellings` and `redact` are pure; `forget` orchestrates, and the writes happen in etl.load.

The exclusion list stores only a hash of the person's key, so the list itself keeps no trace
of the name, and later builds can still recognise and drop the person.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from pathlib import Path

from etl.errors import BuildError
from etl.normalize import clean, name_key, split_title

REDACTED = "[entfernt]"


def exclusion_hash(person_key: str) -> str:
    """Hash of a person's stable key, as stored in `excluded_people`."""
    return hashlib.sha256(f"netzwerkradar:{person_key}".encode()).hexdigest()


def person_key(name: str) -> str:
    """The stable key of a person's name, academic titles ignored."""
    return name_key(split_title(name)[1])


def spellings(name: str, title: str | None, surname_is_unique: bool) -> list[str]:
    """Every way the person may be written in protocols, longest first (so replacements nest)."""
    bare = clean(split_title(name)[1]) or ""
    parts = bare.split(" ")
    surname = parts[-1] if len(parts) > 1 else bare
    found = {bare}
    if title:
        found.add(f"{title} {bare}")
    if surname and len(surname) > 2:
        found |= {f"{salutation} {surname}" for salutation in ("Herr", "Frau", "Hr.", "Fr.", "Herrn")}
        if surname_is_unique:
            found.add(surname)
    return sorted((s for s in found if s), key=len, reverse=True)


def redact(text: str | None, names: list[str]) -> str | None:
    """Replace every whole-word occurrence of the given spellings (any case) by a marker."""
    if not text or not names:
        return text
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in names), re.IGNORECASE)
    return pattern.sub(REDACTED, text)


def forget(db: Path, name: str, today: str) -> dict[str, object]:
    """Erase a person from a built database and keep them out of later builds.

    Returns what was done: the person found (or not), rows changed per table, and whether any
    byte sequence of the name is still in the database file or its WAL.
    """
    from etl import build_cache
    from etl.load import apply_erasure

    if not db.exists():
        raise BuildError(f"{db}: Datenbank nicht gefunden.")
    key = person_key(name)
    if not key:
        raise BuildError("Kein Name angegeben.")
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        found = conn.execute("SELECT id, name, title FROM people WHERE id = ?", (key,)).fetchone()
        surname = (found[1] if found else clean(split_title(name)[1]) or "").split(" ")[-1]
        others = conn.execute("SELECT COUNT(*) FROM people WHERE id != ? AND (name LIKE ? OR name = ?)",
                              (key, f"% {surname}", surname)).fetchone()[0]
    finally:
        conn.close()
    shown_name = found[1] if found else clean(split_title(name)[1]) or name
    names = spellings(shown_name, found[2] if found else None, surname_is_unique=others == 0)
    if clean(name) and clean(name) not in names:
        names.insert(0, clean(name) or "")
    build_cache.drop(db)  # the master-data snapshot of the last build may hold the name as well
    changed = apply_erasure(db, found[0] if found else None, exclusion_hash(key), today,
                            lambda text: redact(text, names))
    traces = [p.name for p in (db, Path(f"{db}-wal")) if p.exists() and _contains(p, shown_name)]
    return {"found": bool(found), "name": shown_name, "changed": changed, "traces": traces}


def _contains(path: Path, name: str) -> bool:
    data = path.read_bytes().lower()
    return any(variant.lower() in data for variant in (name.encode("utf-8"), name.encode("utf-16-le")))
