"""Versions of source files: every file the app replaces or deletes is kept first, so it can be restored.

Versions live in `.versionen/` inside the source folder (the build never reads dot folders). Each
version is a directory `<stamp>-<token>/` holding `meta.json` (path, when, who, why, whether the file
existed) and, if it existed, the old content as `inhalt`. Writes are atomic (temp file, fsync,
`os.replace`), so a build never reads half a file.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

VERSIONS_DIR = ".versionen"
_CONTENT = "inhalt"
_META = "meta.json"


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
    vid = f"{datetime.now(UTC):%Y%m%dT%H%M%S%f}-{secrets.token_hex(3)}"
    folder = source / VERSIONS_DIR / vid
    folder.mkdir(parents=True)
    existed = current.is_file()
    if existed:
        shutil.copy2(current, folder / _CONTENT)
    version = Version(vid, rel, now(), who, reason, existed, current.stat().st_size if existed else 0)
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


def versions(source: Path, path: str | None = None) -> list[Version]:
    """Kept versions, newest first; only those of `path` when given. Damaged entries are skipped."""
    folder = source / VERSIONS_DIR
    if not folder.is_dir():
        return []
    found = []
    for meta in folder.glob(f"*/{_META}"):
        try:
            version = Version(**json.loads(meta.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            continue
        if path is None or version.path == path:
            found.append(version)
    return sorted(found, key=lambda v: v.id, reverse=True)


def get(source: Path, version_id: str) -> Version:
    match = [v for v in versions(source) if v.id == version_id]
    if not match:
        raise KeyError(f"Version {version_id} nicht gefunden")
    return match[0]


def restore(source: Path, version_id: str, who: str, reason: str = "Rückgängig") -> Version:
    """Put a version back (or delete the file if it did not exist then); the state replaced is kept too."""
    version = get(source, version_id)
    kept = keep(source, version.path, who, reason)
    target = source / version.path
    if version.existed:
        write_bytes(target, (source / VERSIONS_DIR / version.id / _CONTENT).read_bytes())
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
