"""Snapshot of the assembled master data between builds, so a rebuild after a changed protocol
does not parse, stage and resolve tens of thousands of unchanged CSV rows again (their files are still read
once, for their content hash).

The snapshot is the `Dataset` right after `assemble` (before protocols are merged into it), keyed
on the ETL code, the content hashes of the master-data files and the erasure list: same key, same
dataset. It lives next to the database (`<db>-build-cache`) and is written with `marshal` from
plain values only, so reading it can never run code (unlike pickle). A missing, stale or damaged
snapshot only means the master data is parsed again. Erasure deletes it (it holds names).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import secrets
from dataclasses import fields
from pathlib import Path

from etl.build.fingerprint import code_digest
from etl.build.schema import ExcludedPeopleRow
from etl.core.registry import Registry
from etl.extract.rows import Reject
from etl.resolve.master_data import Dataset, FileCount

FORMAT = b"netzwerkradar-master-v2\n"  # v2: erased people redacted before the snapshot
_REGISTRIES = ("organisations", "people", "groups", "projects")


def cache_path(db: Path) -> Path:
    return Path(f"{db}-build-cache")


def master_key(digests: dict[str, dict], excluded: list[ExcludedPeopleRow]) -> str:
    """What the assembled master data depends on: ETL code, master-data files, erased people."""
    digest = hashlib.sha256(code_digest().encode())
    for path, info in sorted(digests.items()):
        if not path.startswith("protokolle/"):
            digest.update(f"{path}\0{info['sha256']}\n".encode())
    for key_hash in sorted(row["key_hash"] for row in excluded):
        digest.update(key_hash.encode())
    return digest.hexdigest()


def snapshot(ds: Dataset) -> bytes | None:
    """The dataset as bytes, taken before protocols change it; None if it holds a value marshal cannot write."""
    known = {"tables", "rejects", "counts", "excluded", *_REGISTRIES}
    if {f.name for f in fields(ds)} != known:
        return None  # Dataset grew a field this format does not know: do not cache rather than lose it
    plain = {
        "tables": ds.tables,
        "rejects": [(r.file, r.line, r.reason, r.raw) for r in ds.rejects],
        "counts": {f: (c.read, c.loaded, c.rejected) for f, c in ds.counts.items()},
        "excluded": ds.excluded,
        **{name: {f.name: getattr(getattr(ds, name), f.name) for f in fields(Registry)} for name in _REGISTRIES},
    }
    try:
        return marshal.dumps(plain)
    except ValueError:
        return None


def load(db: Path, key: str) -> Dataset | None:
    """The cached master dataset for `key`, as fresh objects the build may change; None on any mismatch."""
    try:
        data = cache_path(db).read_bytes()
    except OSError:
        return None
    header = FORMAT + key.encode() + b"\n"
    if not data.startswith(header):
        return None
    try:
        plain = marshal.loads(data[len(header):])
        return Dataset(
            tables=plain["tables"],
            rejects=[Reject(*r) for r in plain["rejects"]],
            counts={f: FileCount(*c) for f, c in plain["counts"].items()},
            excluded=plain["excluded"],
            **{name: Registry(**plain[name]) for name in _REGISTRIES},
        )
    except (EOFError, ValueError, TypeError, KeyError):
        return None


def save(db: Path, key: str, blob: bytes) -> None:
    """Write the snapshot atomically (temp file + replace), readable by the owner only; failures are ignored."""
    target = cache_path(db)
    tmp = target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(FORMAT + key.encode() + b"\n")
            out.write(blob)
        os.replace(tmp, target)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


def drop(db: Path) -> None:
    """Delete the snapshot (erasure: it may hold the erased person's name)."""
    with contextlib.suppress(OSError):
        cache_path(db).unlink()
