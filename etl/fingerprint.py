"""Content hashes of a build's inputs: the source files and the ETL code that reads them.

Two builds with the same fingerprint produce the same database, so the second can be skipped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from etl.errors import BuildError
from etl.extract.sources import scan_source
from etl.schema import ExcludedPeopleRow

ETL_PACKAGE = Path(__file__).resolve().parent
# The code a build runs: the ETL and the shared vocabulary it folds names with.
CODE_PACKAGES = (ETL_PACKAGE, ETL_PACKAGE.parent / "vocab")


def source_files(root: Path) -> list[Path]:
    """Every file a build of `root` reads: master data, protocols, corrections and the change log
    (`etl.extract.sources.scan_source`)."""
    return scan_source(root).all()


def file_digests(root: Path) -> dict[str, dict]:
    """Relative path -> sha256, size and modification time of every source file; BuildError if one is unreadable."""
    digests = {}
    for path in source_files(root):
        shown = path.relative_to(root).as_posix()
        try:
            data = path.read_bytes()
            stat = path.stat()
        except OSError as exc:
            raise BuildError(f"{shown}: Datei nicht lesbar ({exc.strerror or exc}).") from exc
        digests[shown] = {"sha256": hashlib.sha256(data).hexdigest(), "size": stat.st_size,
                          "mtime": int(stat.st_mtime)}
    return digests


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
