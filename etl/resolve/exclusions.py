"""Who must not appear: the pure side of the right to erasure (DESIGN.md), used while resolving.

The exclusion list stores only a hash of the person's key, so the list itself keeps no trace
of the name, and later builds can still recognise and drop the person. `etl.erase.forget`
applies the same functions to an existing database.
"""

from __future__ import annotations

import hashlib
import re

from vocab.keys import clean, split_title

REDACTED = "[entfernt]"


def exclusion_hash(person_key: str) -> str:
    """Hash of a person's stable key, as stored in `excluded_people`."""
    return hashlib.sha256(f"netzwerkradar:{person_key}".encode()).hexdigest()


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
