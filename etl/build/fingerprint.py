"""Content hashes of a build's inputs: the source files and the ETL code that reads them.

Two builds with the same fingerprint produce the same database, so the second can be skipped.
A build reads and hashes every source file once, here (`read_sources`): the digests decide whether anything
changed, key the master-data snapshot and the parse cache, and the bytes of the tables the build parses
itself go on to `etl.extract.sources`, so no file is read twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from etl.build.schema import ExcludedPeopleRow
from etl.core.errors import BuildError
from etl.extract.sources import SourceFiles

ETL_PACKAGE = Path(__file__).resolve().parents[1]
# The code a build runs: the ETL and the shared vocabulary it folds names with.
CODE_PACKAGES = (ETL_PACKAGE, ETL_PACKAGE.parent / "vocab")


PROTOCOL_BYTES_KEPT = 64 * 1024 * 1024  # protocols a build keeps after hashing, so their readers need no second read


def read_sources(root: Path, files: SourceFiles) -> tuple[dict[str, dict], dict[Path, bytes]]:
    """Read and hash every file of one scan of `root` once: relative path -> sha256, size and modification time,
    and the bytes of the tables the build parses itself (master data, workbooks, the files the app writes) and
    of the protocols, which go to their readers when they must be parsed (a cached parse needs none), up to
    PROTOCOL_BYTES_KEPT in all: beyond that a reader reads its file once more rather than the build holding a
    folder of scans in memory. BuildError if a file is unreadable."""
    digests: dict[str, dict] = {}
    contents: dict[Path, bytes] = {}
    tables = {*files.master.values(), *files.workbooks, *files.maintenance}
    kept = 0
    for path in files.all():
        shown = path.relative_to(root).as_posix()
        try:
            data = path.read_bytes()
            stat = path.stat()
        except OSError as exc:
            raise BuildError(f"{shown}: Datei nicht lesbar ({exc.strerror or exc}).") from exc
        digests[shown] = {"sha256": hashlib.sha256(data).hexdigest(), "size": stat.st_size,
                          "mtime": int(stat.st_mtime)}
        if path in tables:
            contents[path] = data
        elif kept + len(data) <= PROTOCOL_BYTES_KEPT:
            contents[path] = data
            kept += len(data)
    return digests, contents


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Digest of the code a build runs: a new parser version invalidates earlier fingerprints."""
    digest = hashlib.sha256()
    for package in CODE_PACKAGES:
        for path in sorted(package.rglob("*.py")):
            digest.update(path.relative_to(package.parent).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(digests: dict[str, dict], excluded: list[ExcludedPeopleRow],
                skipped: Sequence[tuple[str, str]] = ()) -> str:
    """One digest for everything a build depends on (and the files it skips, which its summary lists)."""
    digest = hashlib.sha256(code_digest().encode())
    for path, info in sorted(digests.items()):
        digest.update(f"{path}\0{info['sha256']}\n".encode())
    for row in sorted(excluded, key=lambda r: r["key_hash"]):
        digest.update(row["key_hash"].encode())
    for path, reason in skipped:
        digest.update(f"skipped\0{path}\0{reason}\n".encode())
    return digest.hexdigest()
