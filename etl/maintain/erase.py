"""Right to erasure (`python -m etl forget`): resolve the name to one known person, erase them from a
copy of the database, verify that no spelling is left anywhere, and move the copy into place; then
rewrite every file the app wrote into the source folder and verify those and the downloads too.

Exact: the argument must name one known person in full (any spelling `vocab.keys.person_key` folds);
a first name alone or an ambiguous name lists the candidates and changes nothing.
Final: the exclusion list keeps the hash of the person's name key (never the name), in the database and
in the source folder (`.loeschliste`); every build applies it where rows are read (`etl.resolve.redaction`),
so a rebuild gives the erased database again, and every writer of the app refuses the name.
Everywhere: app-written files (`MAINTENANCE_FILES`, `.versionen/`) are rewritten by `etl.resolve.scrub`;
the master-data files and protocols themselves stay as the user keeps them.
Safe: the copy is written under the build lock, fsynced and moved with os.replace, like a build; the
source folder is rewritten under the app's write lock, file by file atomically.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import sqlite3
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from etl.build import cache
from etl.build.lock import build_lock
from etl.core.errors import BuildError
from etl.maintain import versions
from etl.resolve.exclusions import (
    REDACTED,
    add_to_erasure_list,
    exclusion_hash,
    find_names,
    names_erased,
    person_tokens,
    redact,
    variant_keys,
)
from etl.resolve.scrub import Scrubbed, scrub_csv, scrub_file
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
    source: Path | None = None  # the source folder whose app-written files were rewritten
    source_changes: list[str] = field(default_factory=list)  # German, one line per file (no clear names)


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


def source_of(db: Path) -> Path | None:
    """The source folder of the database's last build (`load_runs.source`), when it is still there."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
            row = conn.execute("SELECT source FROM load_runs ORDER BY id DESC LIMIT 1").fetchone()
    except sqlite3.Error:
        return None
    folder = Path(row[0]) if row and row[0] else None
    return folder if folder is not None and folder.is_dir() else None


def forget(db: Path, name: str, today: str, source: Path | None = None) -> Erasure:
    """Erase one person from `db` and from every file the app wrote into `source` (default: the folder
    of the last build) for good; raises BuildError (nothing changed) when it cannot."""
    from etl.maintain.maintenance import lock

    db = Path(db)
    if not db.is_file():
        raise BuildError(f"{db}: Datenbank nicht gefunden.")
    source = Path(source) if source is not None else source_of(db)
    if source is not None and not source.is_dir():
        raise BuildError(f"{source}: Quellordner nicht gefunden. Es wurde nichts geändert.")
    with lock(db):  # no upload, correction or edit of the app writes while the files are rewritten
        return _forget(db, name, today, source)


def _forget(db: Path, name: str, today: str, source: Path | None) -> Erasure:
    from etl.build.load import erase_into_copy, recover, remove_stale_temp_files, replace_database

    started = time.perf_counter()
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
        cache.drop(db)  # the master-data snapshot of the last build holds the name
        _redact_file(Path(f"{db}-fehler.log"), excluded)  # a crash's traceback may quote a row
        problems += traces_in_folder(db, shown)
        source_changes: list[str] = []
        if source is not None:
            add_to_erasure_list(source, hashes, today)
            source_changes = scrub_source(source, excluded, shown)
            problems += traces_in_source(source, shown) + traces_in_downloads(source, shown)
    return Erasure(shown, changed, problems, time.perf_counter() - started, source, source_changes)


def _redact_file(path: Path, excluded: frozenset[str]) -> None:
    if path.is_file() and not path.is_symlink():
        text = path.read_text(encoding="utf-8", errors="replace")
        new = redact(text, excluded) or ""
        if new != text:
            versions.write_bytes(path, new.encode("utf-8"))


def _counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _describe(result: Scrubbed) -> str:
    parts = [_counted(result.dropped, "Zeile", "Zeilen") + " entfernt" if result.dropped else "",
             _counted(result.redacted, "Zelle", "Zellen") + " geschwärzt" if result.redacted else ""]
    return ", ".join(p for p in parts if p)


def scrub_source(source: Path, excluded: frozenset[str], name: str) -> list[str]:
    """Rewrite every file the app wrote into the source folder so none names an erased person: the files in
    `MAINTENANCE_FILES` cell by cell, kept versions rewritten (or dropped when their content cannot be
    rewritten and names the person). Returns one German line per changed file; never a name."""
    from etl.extract import sources  # looked up at call time: features add their files to the tuple

    changes = []
    for file in sources.MAINTENANCE_FILES:
        path = source / file
        if path.is_symlink() or not path.is_file():
            continue
        result = scrub_csv(path.read_bytes(), excluded)
        if result.changed:
            versions.write_bytes(path, result.data)
            changes.append(f"{file}: {_describe(result)}")
    rewritten, dropped = _scrub_versions(source, excluded, name)
    if rewritten or dropped:
        changes.append(f"Versionen: {rewritten} bereinigt, {dropped} entfernt (kein „Rückgängig“ bringt die Person "
                       "zurück)")
    held = _scrub_held_back(source, excluded, name)
    if held:
        changes.append(f"Zurückgehaltene Uploads: {held} bereinigt oder verworfen")
    return changes


def _held_back_folder(source: Path) -> Path:
    from etl.maintain.upload import pending_folder  # upload imports the build; erase is imported by the CLI only

    return pending_folder(source)


def _scrub_held_back(source: Path, excluded: frozenset[str], name: str) -> int:
    """Uploads held back by the guard wait next to the source folder: their CSV files are rewritten like the
    app's own files; one whose other files (a workbook) still name the person is discarded whole, so
    „Trotzdem übernehmen“ can never bring the person back."""
    root = _held_back_folder(source)
    if root.is_symlink() or not root.is_dir():
        return 0
    variants, touched = byte_variants(name), 0
    for entry in sorted(p for p in root.iterdir() if p.is_dir() and not p.is_symlink()):
        changed = False
        for path in _files(entry):
            if path.suffix.lower() == ".csv":
                result = scrub_csv(path.read_bytes(), excluded)
                if result.changed:
                    versions.write_bytes(path, result.data)
                    changed = True
        if any(_holds_any(path, variants) or _names_in_binary(path.name, path.read_bytes(), excluded, variants)
               for path in _files(entry)):
            _remove(entry)
            changed = True
        touched += changed
    return touched


def _scrub_versions(source: Path, excluded: frozenset[str], name: str) -> tuple[int, int]:
    """(rewritten, dropped) kept versions: metadata and content rewritten, or the version dropped when its
    content names the person in a format that cannot be rewritten (or its metadata is damaged)."""
    rewritten = dropped = 0
    folder = source / versions.VERSIONS_DIR
    if folder.is_symlink() or not folder.is_dir():
        return 0, 0
    variants = byte_variants(name)
    for entry in sorted(folder.iterdir()):
        try:
            version = versions.get(source, entry.name)
        except KeyError:
            if any(_holds_any(p, variants) for p in _files(entry)):
                _remove(entry)
                dropped += 1
            continue
        content = versions.content_path(source, version)
        data = content.read_bytes() if version.existed else b""
        result = scrub_file(version.path, data, excluded)
        if not result.changed and data and _names_in_binary(version.path, data, excluded, variants):
            _remove(entry)
            dropped += 1
            continue
        who, reason = redact(version.who, excluded) or "", redact(version.reason, excluded) or ""
        if not result.changed and (who, reason) == (version.who, version.reason):
            continue
        if result.changed:
            versions.write_bytes(content, result.data)
        meta = dict(version.__dict__, who=who, reason=reason, size=len(result.data) if version.existed else 0)
        versions.write_bytes(entry / "meta.json", json.dumps(meta, ensure_ascii=False, indent=1).encode())
        rewritten += 1
    return rewritten, dropped


def _names_in_binary(path: str, data: bytes, excluded: frozenset[str], variants: set[bytes]) -> bool:
    """True when a kept file that is neither CSV nor text (workbook, Word, PDF, e-mail) names the person."""
    if _holds(data, variants):
        return True
    return any(names_erased(text, excluded) for text in _document_texts(path, data))


def _document_texts(path: str, data: bytes) -> list[str]:
    """The texts of a workbook's cells or of a protocol document, read by the build's own readers."""
    import tempfile

    suffix = Path(path).suffix.lower()
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / f"inhalt{suffix}"
        copy.write_bytes(data)
        try:
            if suffix == ".xlsx":
                from etl.extract.sources import read_workbook

                return [v for table in read_workbook(copy, Path(folder)).values() for row in table.rows
                        for v in row.values.values() if isinstance(v, str)]
            from etl.extract.readers import read_document

            document = read_document(copy, path)
        except Exception:  # noqa: BLE001 - an unreadable copy is checked by its bytes only
            return []
    return [b.text for b in document.blocks] + [str(v) for v in document.meta.values()]


def _files(folder: Path) -> list[Path]:
    if folder.is_symlink():
        return []
    if folder.is_file():
        return [folder]
    return [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]


def _holds_any(path: Path, variants: set[bytes]) -> bool:
    try:
        return _holds(path.read_bytes(), variants)
    except OSError:
        return False


def _remove(entry: Path) -> None:
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry)
    else:
        entry.unlink(missing_ok=True)


def traces_in_downloads(source: Path, name: str) -> list[str]:
    """Downloads built from the source folder (not from the database) that still name the person: the
    master-data workbook of the Daten page (its sheets are XML inside a zip)."""
    import io
    import zipfile

    from etl.maintain.master_data_editor import workbook_bytes

    variants = byte_variants(name)
    with zipfile.ZipFile(io.BytesIO(workbook_bytes(source))) as book:
        if any(_holds(book.read(member), variants) for member in book.namelist()):
            return ["Download „Alle Stammdaten als Excel-Arbeitsmappe“"]
    return []


def traces_in_source(source: Path, name: str) -> list[str]:
    """Files the app wrote into the source folder (maintenance files, the erasure list, versions) that still
    hold a spelling of the name, relative to the folder."""
    from etl.extract import sources
    from etl.resolve.exclusions import ERASURE_LIST

    variants = byte_variants(name)
    candidates = [source / f for f in (*sources.MAINTENANCE_FILES, ERASURE_LIST)]
    candidates += _files(source / versions.VERSIONS_DIR) if (source / versions.VERSIONS_DIR).is_dir() else []
    found = [p.relative_to(source).as_posix() for p in candidates
             if p.is_file() and not p.is_symlink() and _holds_any(p, variants)]
    held = _held_back_folder(source)
    if held.is_dir() and not held.is_symlink():
        found += [f"../{held.name}/{p.relative_to(held).as_posix()}" for p in _files(held) if _holds_any(p, variants)]
    return found


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
            cursor = conn.execute(f'SELECT * FROM "{table}"')  # sql-ok: table names from sqlite_master, not from input
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
