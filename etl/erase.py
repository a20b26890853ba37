"""Right to erasure: `forget` a person in a built database and keep them out of later builds.

Which spellings to remove and how to redact them is pure (etl.resolve.exclusions); the writes
happen in etl.load.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from etl import build_cache
from etl.errors import BuildError
from etl.load import apply_erasure
from etl.resolve.exclusions import exclusion_hash, redact, spellings
from vocab.keys import clean, person_key, split_title


@dataclass(frozen=True)
class Erasure:
    """What `forget` did: the person found (or not), rows changed per table, files still holding the name."""

    found: bool
    name: str
    changed: dict[str, int]
    traces: list[str]


def forget(db: Path, name: str, today: str) -> Erasure:
    """Erase a person from a built database and keep them out of later builds.

    Returns what was done: the person found (or not), rows changed per table, and whether any
    byte sequence of the name is still in the database file or its WAL.
    """
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
    return Erasure(bool(found), shown_name, changed, traces)


def _contains(path: Path, name: str) -> bool:
    data = path.read_bytes().lower()
    return any(variant.lower() in data for variant in (name.encode("utf-8"), name.encode("utf-16-le")))
