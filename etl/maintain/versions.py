"""Versions of source files: every file the app replaces or deletes is kept first, so it can be restored.

Versions live in `.versionen/` inside the source folder (the build never reads dot folders). Each
version is a directory `<stamp>-<token>/` holding `meta.json` (path, when, who, why, whether the file
existed) and, if it existed, the old content as `inhalt`. Writes are atomic (temp file, fsync,
`os.replace`), so a build never reads half a file.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from etl.resolve.exclusions import erased_hashes, redact
from etl.resolve.scrub import scrub_file

VERSIONS_DIR = ".versionen"
_CONTENT = "inhalt"
_META = "meta.json"
# A version id as `keep` makes it; the id names a folder, so nothing else (no "..", no "/") is ever accepted.
VERSION_ID = re.compile(r"^\d{8}T\d{12}-[0-9a-f]{6}$")


@dataclass(frozen=True)
class Version:
    """One kept state of a source file (or the fact that it did not exist yet)."""

    id: str
    path: str  # relative to the source folder, posix
    saved: str  # ISO time (UTC) the version was taken
    who: str
    reason: str
    existed: bool
    size: int


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def relative(source: Path, path: Path | str) -> str:
    """`path` (absolute or relative to `source`) as a posix path inside `source`; refuses anything outside."""
    candidate = Path(path)
    full = candidate if candidate.is_absolute() else source / candidate
    rel = full.resolve().relative_to(source.resolve())  # ValueError outside the folder
    if not rel.parts or rel.parts[0] == VERSIONS_DIR:
        raise ValueError(f"{path}: keine Quelldatei")
    return PurePosixPath(*rel.parts).as_posix()


def keep(source: Path, path: str, who: str, reason: str) -> Version:
    """Save the current state of `path` (its content, or that it is missing) as a new version."""
    rel = relative(source, path)
    current = source / rel
    if (source / VERSIONS_DIR).is_symlink():
        raise ValueError(f"{VERSIONS_DIR} ist eine Verknüpfung – Versionen werden nur im Quellordner selbst "
                         "gespeichert")
    vid = f"{datetime.now(UTC):%Y%m%dT%H%M%S%f}-{secrets.token_hex(3)}"
    folder = source / VERSIONS_DIR / vid
    folder.mkdir(parents=True)
    existed = current.is_file()
    size = 0
    excluded = erased_hashes(source)
    if existed and excluded:  # after an erasure no kept copy names the person again
        data = scrub_file(rel, current.read_bytes(), excluded).data
        write_bytes(folder / _CONTENT, data)
        size = len(data)
    elif existed:
        shutil.copy2(current, folder / _CONTENT)
        size = current.stat().st_size
    if excluded:
        who, reason = redact(who, excluded) or "", redact(reason, excluded) or ""
    version = Version(vid, rel, now(), who, reason, existed, size)
    write_bytes(folder / _META, json.dumps(version.__dict__, ensure_ascii=False, indent=1).encode())
    return version


def write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically: a hidden temp file, flushed to disk, then renamed over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.write-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        with open(tmp, "xb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def replace_file(source: Path, path: str, data: bytes, who: str, reason: str) -> Version:
    """Keep a version of `path`, then write `data` there atomically. Returns the kept version."""
    version = keep(source, path, who, reason)
    write_bytes(source / version.path, data)
    return version


def remove_file(source: Path, path: str, who: str, reason: str) -> Version:
    """Keep a version of `path`, then delete it from the source folder."""
    version = keep(source, path, who, reason)
    (source / version.path).unlink(missing_ok=True)
    return version


class DamagedVersion(ValueError):
    """A kept version whose metadata cannot be trusted: it is listed, never restored."""


def _load(source: Path, folder: Path) -> Version:
    """The version kept in `folder`, checked: its id is its folder's name, its path lies inside the source
    folder, its content is a plain file in the folder (no link). Raises DamagedVersion (German reason)."""
    if folder.is_symlink() or not folder.is_dir():
        raise DamagedVersion("kein Versionsordner (Verknüpfung oder Datei)")
    meta = folder / _META
    if meta.is_symlink() or not meta.is_file():
        raise DamagedVersion("meta.json fehlt")
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DamagedVersion(f"meta.json nicht lesbar ({exc.__class__.__name__})") from exc
    fields = {f: type_ for f, type_ in Version.__annotations__.items()}
    if not isinstance(data, dict) or set(data) != set(fields):
        raise DamagedVersion(f"meta.json hat nicht die Felder {', '.join(fields)}")
    types = {"str": str, "bool": bool, "int": int}
    for name, type_ in fields.items():
        if type(data[name]) is not types[str(type_)]:
            raise DamagedVersion(f"meta.json: Feld „{name}“ hat den falschen Typ")
    if not VERSION_ID.fullmatch(data["id"]) or data["id"] != folder.name:
        raise DamagedVersion("meta.json: ungültige Versionskennung (sie muss der Ordnername sein)")
    try:
        if relative(source, data["path"]) != data["path"] or Path(data["path"]).is_absolute():
            raise ValueError(data["path"])
    except (ValueError, OSError) as exc:
        raise DamagedVersion("meta.json: Pfad liegt nicht im Quellordner") from exc
    content = folder / _CONTENT
    if data["existed"] and (content.is_symlink() or not content.is_file()):
        raise DamagedVersion("gespeicherter Inhalt fehlt oder ist eine Verknüpfung")
    return Version(**data)


def _folders(source: Path) -> list[Path]:
    folder = source / VERSIONS_DIR
    if folder.is_symlink() or not folder.is_dir():
        return []
    return sorted(folder.iterdir())


def versions(source: Path, path: str | None = None) -> list[Version]:
    """Kept versions, newest first; only those of `path` when given. Damaged entries are left out (`damaged`)."""
    found = []
    for folder in _folders(source):
        try:
            version = _load(source, folder)
        except DamagedVersion:
            continue
        if path is None or version.path == path:
            found.append(version)
    return sorted(found, key=lambda v: v.id, reverse=True)


def damaged(source: Path) -> list[tuple[str, str]]:
    """(folder relative to the source folder, German reason) of every kept version that cannot be trusted."""
    found = []
    for folder in _folders(source):
        if folder.name.startswith(".") and not folder.is_dir():
            continue  # a temp file of an interrupted write
        try:
            _load(source, folder)
        except DamagedVersion as exc:
            found.append((f"{VERSIONS_DIR}/{folder.name}", str(exc)))
    return found


def content_path(source: Path, version: Version) -> Path:
    """Where the kept content of a (checked) version lies."""
    return source / VERSIONS_DIR / version.id / _CONTENT


def get(source: Path, version_id: str) -> Version:
    if not isinstance(version_id, str) or not VERSION_ID.fullmatch(version_id):
        raise KeyError(f"Version {version_id!r} ist keine gültige Versionskennung")
    try:
        return _load(source, source / VERSIONS_DIR / version_id)
    except DamagedVersion as exc:
        raise KeyError(f"Version {version_id} nicht gefunden oder beschädigt ({exc})") from exc


def restore(source: Path, version_id: str, who: str, reason: str = "Rückgängig") -> Version:
    """Put a version back (or delete the file if it did not exist then); the state replaced is kept too."""
    version = get(source, version_id)
    kept = keep(source, version.path, who, reason)
    target = source / version.path
    if version.existed:
        write_bytes(target, content_path(source, version).read_bytes())
    else:
        target.unlink(missing_ok=True)
    return kept


def take_back(source: Path, version: Version) -> None:
    """Put a version back as if the change had never happened: no new version, and this one removed.

    For a change that never took effect (an upload the guard held back): restoring it through `restore`
    would keep the refused file as a version inside the source folder.
    """
    target = source / version.path
    folder = source / VERSIONS_DIR / version.id
    if version.existed:
        write_bytes(target, (folder / _CONTENT).read_bytes())
    else:
        target.unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)
