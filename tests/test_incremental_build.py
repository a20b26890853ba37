"""Incremental rebuilds (patched copy of the last database, cached master data) give exactly the
rows of a full build, whatever changed: a protocol, a master-data file, files added or removed."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from etl.build import cache, load
from etl.build.pipeline import build
from etl.build.schema import DERIVED, LOAD_ORDER
from etl.maintain.erase import forget

CONTENT_TABLES = (*LOAD_ORDER, *(table for table, _ in DERIVED), "excluded_people")


def content(db: Path) -> dict[str, list[tuple]]:
    """Every loaded and derived table in a fixed order, plus what the full-text index finds."""
    conn = sqlite3.connect(db)
    try:
        tables = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in CONTENT_TABLES}
        tables["org_suggestions"] = sorted(  # its integer id only numbers the rows
            (r[1:] for r in tables["org_suggestions"]), key=repr)
        tables["fts"] = conn.execute("SELECT p.source_file FROM protocols_fts f JOIN protocols p ON p.rowid = f.rowid "
                                     "WHERE protocols_fts MATCH 'Protokoll' ORDER BY 1").fetchall()
        tables["rejects"] = sorted(conn.execute("SELECT file, line, reason, raw FROM rejects").fetchall(), key=repr)
        return tables
    finally:
        conn.close()


def _edit_protocol(source: Path) -> None:
    path = sorted((source / "protokolle").rglob("*.md"))[0]
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("- "))
    del lines[first]  # one participant fewer
    lines.insert(first, "- Erika Neumann (Neue Werkstatt Musterstadt)")  # an unknown person and organisation
    path.write_text("\n".join(lines) + "\nNachtrag: Die Gruppe trifft sich wieder im Herbst.\n", encoding="utf-8")


def _remove_protocol(source: Path) -> None:
    sorted((source / "protokolle").rglob("*.md"))[-1].unlink()


def _add_protocol(source: Path) -> None:
    path = sorted((source / "protokolle").rglob("*.md"))[0]
    copy = path.with_name("2019-01-15_protokoll.md")
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition("Datum:")
    copy.write_text(f"{head}Datum: 15.01.2019\n{rest.split(chr(10), 1)[1]}", encoding="utf-8")


def _edit_master_data(source: Path) -> None:
    attendance = source / "attendance.csv"
    lines = attendance.read_text(encoding="utf-8").splitlines()
    del lines[1:4]
    attendance.write_text("\n".join(lines) + "\n", encoding="utf-8")
    people = source / "people.csv"
    lines = people.read_text(encoding="utf-8").splitlines()
    rows = [line.split(",") for line in lines]
    other = next(r[2] for r in rows[2:] if r[2] and r[2] != rows[1][2])
    rows[1][2] = other  # someone moved to another organisation: their attendance counts for it now
    people.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")


CHANGES: dict[str, Callable[[Path], None]] = {
    "protocol edited": _edit_protocol, "protocol removed": _remove_protocol, "protocol added": _add_protocol,
    "master data edited": _edit_master_data,
}


# Every test starts from a writable copy of the demo and the database (with its snapshot) its first build left:
# conftest's `demo_copy`, built once per worker and copied, instead of the same first build in every test.


@pytest.mark.parametrize("change", list(CHANGES))
def test_incremental_rebuild_equals_a_full_build(demo_copy, tmp_path, monkeypatch, change):
    source, incremental = demo_copy
    full = tmp_path / "voll.db"
    CHANGES[change](source)
    patched = []
    monkeypatch.setattr("etl.build.load.patch_rows", lambda *a, _real=load.patch_rows: patched.append(1) or _real(*a))
    result = build(source, incremental)
    assert not result.unchanged and patched
    monkeypatch.undo()
    reference = build(source, full, force=True)
    assert content(incremental) == content(full)
    assert (result.totals, result.table_rows) == (reference.totals, reference.table_rows)


def test_unchanged_master_data_comes_from_the_snapshot(demo_copy, monkeypatch):
    source, db = demo_copy
    assert cache.cache_path(db).exists()
    _edit_protocol(source)

    def no_reading(*_args, **_kwargs):
        raise AssertionError("master data read although unchanged")

    monkeypatch.setattr("etl.build.pipeline.read_master_data", no_reading)
    build(source, db)


def test_a_damaged_snapshot_is_ignored(demo_copy, tmp_path):
    (source, db), full = demo_copy, tmp_path / "voll.db"
    path = cache.cache_path(db)
    path.write_bytes(path.read_bytes()[:200])
    _edit_protocol(source)
    build(source, db)
    build(source, full, force=True)
    assert content(db) == content(full)


def test_erasure_drops_the_snapshot_and_the_next_build_keeps_the_person_out(demo_copy, tmp_path):
    (source, db), full = demo_copy, tmp_path / "voll.db"
    name = sqlite3.connect(db).execute("SELECT name FROM people ORDER BY id LIMIT 1").fetchone()[0]
    forget(db, name, "2025-01-01")
    assert not cache.cache_path(db).exists()
    _edit_protocol(source)
    build(source, db)
    shutil.copy(db, full)  # keeps the exclusion list; force = full write
    build(source, full, force=True)
    assert content(db) == content(full)
    assert name.encode() not in cache.cache_path(db).read_bytes()


def test_a_database_with_another_schema_is_rewritten_in_full(demo_copy, tmp_path):
    (source, db), full = demo_copy, tmp_path / "voll.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE fremd (x)")
    conn.commit()
    conn.close()
    _edit_protocol(source)
    build(source, db)
    build(source, full, force=True)
    assert content(db) == content(full)
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'fremd'").fetchone() == (0,)
