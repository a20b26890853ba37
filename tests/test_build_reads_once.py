"""A build scans the source folder once and reads and hashes each file once.

The one read and hash is `etl.build.fingerprint.read_sources`: its digests decide whether anything changed and
key the parse cache, and the bytes of the tables the build parses itself go on from there. A protocol that is
not in the parse cache goes to its reader with those bytes (`read_document(path, source, data)`), so it is not
read again.
"""

from __future__ import annotations

import hashlib
import shutil
from collections import Counter
from pathlib import Path

import pytest

from etl.build.pipeline import build
from etl.maintain.correction_files import CORRECTION_COLUMNS, CORRECTIONS_FILE
from tests.conftest import FIXTURES, MASTER, copy_source

PROTOCOLS = ("fachgruppe-handwerk/2023-05-04_sitzung.md", "fachgruppe-digitalisierung/2022-03-22_protokoll.docx")


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """The small master data, two protocols (Markdown, Word) and a korrekturen.csv with its header only."""
    root = copy_source(MASTER, tmp_path / "quelle")
    for name in PROTOCOLS:
        (root / "protokolle" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURES / "protokolle" / name, root / "protokolle" / name)
    (root / CORRECTIONS_FILE).write_text(",".join(CORRECTION_COLUMNS) + "\n", encoding="utf-8")
    return root


class Counts:
    """How often a build lists the source folder, reads each of its files and hashes each file's bytes."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
        self.scans = 0
        self.reads: Counter[str] = Counter()
        self.hashes: Counter[str] = Counter()
        contents = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
        real_iterdir, real_read, real_sha256 = Path.iterdir, Path.read_bytes, hashlib.sha256

        def iterdir(path: Path):
            if path == root:
                self.scans += 1
            return real_iterdir(path)

        def read_bytes(path: Path) -> bytes:
            if root in path.parents:
                self.reads[path.relative_to(root).as_posix()] += 1
            return real_read(path)

        def sha256(data: bytes = b"", **kwargs):
            self.hashes.update(name for name, content in contents.items() if content and content in data)
            return real_sha256(data, **kwargs)

        monkeypatch.setattr(Path, "iterdir", iterdir)
        monkeypatch.setattr(Path, "read_bytes", read_bytes)
        monkeypatch.setattr(hashlib, "sha256", sha256)
        self.files = sorted(contents)

    def reset(self) -> None:
        self.scans = 0
        self.reads.clear()
        self.hashes.clear()


def test_a_first_build_reads_every_file_once_also_the_protocols_it_parses(source, tmp_path, monkeypatch):
    counts = Counts(monkeypatch, source)

    result = build(source, tmp_path / "netz.db")

    assert {f"protokolle/{name}" for name in PROTOCOLS} <= set(result.per_file)
    assert counts.scans == 1
    assert counts.hashes == Counter(counts.files)
    assert counts.reads == Counter(counts.files)


def test_a_rebuild_reads_and_hashes_every_file_once(source, tmp_path, monkeypatch):
    """Forced (master data staged again, protocols from the parse cache) or with nothing changed: one of each."""
    db = tmp_path / "netz.db"
    build(source, db)
    counts = Counts(monkeypatch, source)

    forced = build(source, db, force=True)

    assert not forced.unchanged
    assert (counts.scans, counts.reads, counts.hashes) == (1, Counter(counts.files), Counter(counts.files))

    counts.reset()
    unchanged = build(source, db)

    assert unchanged.unchanged
    assert (counts.scans, counts.reads, counts.hashes) == (1, Counter(counts.files), Counter(counts.files))
