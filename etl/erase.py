"""Right to erasure (`python -m etl forget`): resolve the name to one known person, erase them from a
copy of the database, verify that no spelling is left anywhere, and move the copy into place.

Exact: the argument must name one known person in full (any case, ü/ue, ß/ss, "Nachname, Vorname",
titles); a first name alone or an ambiguous name lists the candidates and changes nothing.
Final: the exclusion list keeps the hash of the person's name key (never the name), and every build
applies it where protocols are read (`etl.resolve.redaction`), so a rebuild gives the erased database again.
Safe: the copy is written under the build lock, fsynced and moved with os.replace, like a build.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from etl import build_cache
from etl.build_lock import build_lock
from etl.errors import BuildError
from etl.resolve.exclusions import REDACTED, exclusion_hash, find_names, person_tokens, variant_keys
from vocab.keys import name_key, person_key, person_words, word_key

__all__ = ["REDACTED", "Ambiguous", "Erasure", "NotFound", "exclusion_hash", "forget"]


class Ambiguous(BuildError):
    """The name fits several known people, or only part of one: nothing was changed."""

    def __init__(self, name: str, candidates: list[str]) -> None:
        self.candidates = candidates
        super().__init__(f"„{name}“ bezeichnet keine Person eindeutig. In Frage kommen: {', '.join(candidates)}. "
                         "Bitte den vollständigen Namen angeben. Es wurde nichts geändert.")


class NotFound(BuildError):
    """No known person has this name: nothing was changed."""


@dataclass(frozen=True)
class Erasure:
    """What `forget` did: the person erased, rows changed per table, where a spelling was still found."""

    name: str
    changed: dict[str, int]
    problems: list[str] = field(default_factory=list)  # where a spelling was still found (no clear names)
    seconds: float = 0.0


def known_people(conn: sqlite3.Connection) -> dict[str, str]:
    """Person id -> name of everyone the database knows: the people table and protocol participants
    (a participant the people table does not know under its `person_key`)."""
    people = {pid: name for pid, name in conn.execute("SELECT id, name FROM people")}
    known = {person_key(name) for name in people.values()}
    for (parsed,) in conn.execute("SELECT parsed_json FROM protocols"):
        try:
            participants = json.loads(parsed or "{}").get("participants", [])
        except (ValueError, AttributeError):
            continue
        for p in participants:
            if isinstance(p, dict) and isinstance(p.get("name"), str) and person_key(p["name"]) not in known:
                known.add(person_key(p["name"]))
                people.setdefault(name_key(person_words(p["name"], keep_apostrophes=True)), p["name"])
    return people


def resolve_person(people: dict[str, str], name: str) -> tuple[str, str]:
    """(key, name) of the one person `name` means; raises Ambiguous or NotFound.

    Keys are compared in every form an apostrophe spelling yields ("O'Brien" / "O’Brien").
    """
    if not person_key(name):
        raise NotFound("Kein Name angegeben. Es wurde nichts geändert.")
    by_variant = {variant: pid for pid, shown in people.items() for variant in {pid, *variant_keys(shown)}}
    matches = {by_variant[k] for k in variant_keys(name) if k in by_variant}
    if len(matches) == 1:
        key = matches.pop()
        return key, people[key]
    wanted = {_word_key(t) for t in person_tokens(name)}
    partial = sorted({people[pid] for pid in matches} | {
        shown for shown in people.values() if wanted <= {_word_key(t) for t in person_tokens(shown)}})
    if partial:
        raise Ambiguous(name, partial)
    raise NotFound(f"„{name}“ ist keine bekannte Person in dieser Datenbank (weder in den Stammdaten noch in "
                   "einem Protokoll). Es wurde nichts geändert.")


def _word_key(word: str) -> str:
    return word_key(word.translate(_FOLD))


def forget(db: Path, name: str, today: str) -> Erasure:
    """Erase one person from `db` for good; raises BuildError (nothing changed) when it cannot."""
    from etl.load import erase_into_copy, recover, remove_stale_temp_files, replace_database

    started = time.perf_counter()
    db = Path(db)
    if not db.is_file():
        raise BuildError(f"{db}: Datenbank nicht gefunden.")
    with build_lock(db):
        recover(db)
        remove_stale_temp_files(db)
        try:
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            try:
                people = known_people(conn)
            finally:
                conn.close()
        except sqlite3.Error as exc:
            raise BuildError(f"{db}: keine lesbare Netzwerkradar-Datenbank ({exc}).") from exc
        key, shown = resolve_person(people, name)
        hashes = sorted({exclusion_hash(k) for k in {key, *variant_keys(shown)}})
        try:
            tmp, changed, excluded = erase_into_copy(db, key, hashes, today)
        except (sqlite3.Error, OSError) as exc:
            raise BuildError(f"{db}: Löschen nicht möglich ({exc}). Die Datenbank ist unverändert.") from exc
        problems = traces_in_database(tmp, excluded, shown)
        replace_database(tmp, db)
        build_cache.drop(db)  # the master-data snapshot of the last build holds the name
        problems += traces_in_folder(db, shown)
    return Erasure(shown, changed, problems, time.perf_counter() - started)


_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "’": "'"})


def byte_variants(name: str) -> set[bytes]:
    """The byte strings a stored spelling of `name` would contain: both orders, case, ü/ue, ß/ss, NFC/NFD."""
    tokens = person_words(name, keep_apostrophes=True).split()
    if len(tokens) < 2:
        return set()
    first, last = " ".join(tokens[:-1]), tokens[-1]
    forms = {f"{first} {last}", f"{last}, {first}", f"{last},{first}"}
    folded = {f.translate(_FOLD) for f in forms}
    umlauts = {f.replace("ae", "ä").replace("oe", "ö").replace("ue", "ü").replace("Ae", "Ä").replace(
        "Oe", "Ö").replace("Ue", "Ü") for f in folded}
    typographic = {f.replace("'", "’") for f in folded | umlauts} | {f.replace("'", "") for f in folded | umlauts}
    variants: set[str] = set()
    for form in forms | folded | umlauts | typographic:
        for cased in (form, form.lower(), form.upper(), form.title()):
            variants |= {unicodedata.normalize("NFC", cased), unicodedata.normalize("NFD", cased)}
    return {v.encode() for v in variants} | {k.encode() for k in variant_keys(name)}


def traces_in_database(db: Path, excluded: frozenset[str], name: str) -> list[str]:
    """Where an erased person is still named in full: per table.column, the full-text index and the file bytes."""
    problems: list[str] = []
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        kept_org_text = _organisation_text(conn)
        tables = [t for (t,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'protocols_fts%' "
            "AND name NOT IN ('organisations', 'org_aliases', 'org_suggestions') ORDER BY name")]
        for table in tables:
            cursor = conn.execute(f'SELECT * FROM "{table}"')  # table names from sqlite_master, not from input
            columns = [d[0] for d in cursor.description]
            for row in cursor:
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, str) and find_names(value, excluded):
                        problems.append(f"{table}.{column}")
        for phrase in {" ".join(person_tokens(name)), " ".join(reversed(person_tokens(name)))}:
            query = '"' + phrase.replace('"', "") + '"'
            if conn.execute("SELECT COUNT(*) FROM protocols_fts WHERE protocols_fts MATCH ?", (query,)).fetchone()[0]:
                problems.append("protocols_fts")
    finally:
        conn.close()
    variants = {v for v in byte_variants(name) if v.lower() not in kept_org_text}
    if _holds(db.read_bytes(), variants):
        problems.append(db.name)
    return sorted(set(problems))


def _holds(data: bytes, variants: set[bytes]) -> bool:
    """True when `data` holds one of the byte strings as whole words ("Till Hesse" is not in "Till Hessel")."""
    if not variants:
        return False
    pattern = re.compile(rb"(?<![A-Za-z0-9\x80-\xff])(?:" + b"|".join(re.escape(v) for v in variants)
                         + rb")(?![A-Za-z0-9\x80-\xff])")
    return pattern.search(data) is not None


def _organisation_text(conn: sqlite3.Connection) -> bytes:
    """Organisation names, kept on erasure even when they contain a person's name (lower-cased bytes)."""
    parts = [v for row in conn.execute("SELECT name, short_name FROM organisations") for v in row if v]
    parts += [a for (a,) in conn.execute("SELECT alias FROM org_aliases")]
    return "\n".join(parts).encode().lower()


def traces_in_folder(db: Path, name: str) -> list[str]:
    """Files next to the database that belong to it (journal, WAL, caches, temp copies) and still hold the name."""
    variants = byte_variants(name)
    found = []
    for path in sorted(db.parent.iterdir()):
        if path == db or not path.is_file() or not path.name.lstrip(".").startswith(db.name):
            continue
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if _holds(data, variants):
            found.append(path.name)
    return found
