"""Content hashes of a build's inputs: the source files and the ETL code that reads them.

Two builds with the same fingerprint produce the same database, so the second can be skipped.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from etl.extract.sources import MASTER_FILES, PROTOCOL_SUFFIXES

ETL_PACKAGE = Path(__file__).resolve().parent
# The code a build runs: the ETL and the shared vocabulary it folds names with.
CODE_PACKAGES = (ETL_PACKAGE, ETL_PACKAGE.parent / "vocab")


def source_files(root: Path) -> list[Path]:
    """Every file a build of `root` reads: master data (CSV/XLSX) and protocols."""
    if not root.is_dir():
        return []
    files = [p for p in root.iterdir() if p.is_file() and (
        (p.suffix.lower() == ".csv" and p.stem.lower() in MASTER_FILES)
        or (p.suffix.lower() == ".xlsx" and not p.name.startswith("~$")))]
    protocols = root / "protokolle"
    if protocols.is_dir():
        files += [p for p in protocols.rglob("*") if p.is_file() and p.suffix.lower() in PROTOCOL_SUFFIXES]
    return sorted(files)


def file_digests(root: Path) -> dict[str, dict]:
    """Relative path -> sha256, size and modification time of every source file."""
    digests = {}
    for path in source_files(root):
        data = path.read_bytes()
        stat = path.stat()
        digests[path.relative_to(root).as_posix()] = {
            "sha256": hashlib.sha256(data).hexdigest(), "size": stat.st_size, "mtime": int(stat.st_mtime)}
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


def fingerprint(digests: dict[str, dict], excluded: list[dict]) -> str:
    """One digest for everything a build depends on."""
    digest = hashlib.sha256(code_digest().encode())
    for path, info in sorted(digests.items()):
        digest.update(f"{path}\0{info['sha256']}\n".encode())
    for row in sorted(excluded, key=lambda r: r["key_hash"]):
        digest.update(row["key_hash"].encode())
    return digest.hexdigest()
