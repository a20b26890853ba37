"""Right to erasure: `python -m etl forget` removes a person everywhere and keeps them out of later builds."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from etl.build import build
from etl.cli import main
from tests.conftest import DEMO, rows

NAME = "Dr. Till Hesse"  # a demo person: master data, attendance rows, protocol participant, task owner


def _traces(db: Path) -> list[str]:
    """Where the person still shows up: full name in the file bytes, or the surname as a word in any text."""
    found = []
    for path in (db, Path(f"{db}-wal")):
        if path.exists() and b"Till Hesse" in path.read_bytes():
            found.append(path.name)
    text_columns = [("protocols", "text"), ("protocols", "parsed_json"), ("action_items", "text"),
                    ("action_items", "owner_name"), ("decisions", "text"), ("agenda_items", "text"),
                    ("rejects", "raw"), ("people", "name")]
    for table, column in text_columns:
        for (value,) in rows(db, f"SELECT {column} FROM {table}"):
            if value and re.search(r"(?<!\w)Hesse(?!\w)", value):
                found.append(f"{table}.{column}")
    return found


@pytest.fixture
def demo(tmp_path: Path) -> tuple[Path, Path]:
    source = tmp_path / "quelle"
    shutil.copytree(DEMO, source)
    db = tmp_path / "netz.db"
    build(source, db)
    return source, db


def test_forget_removes_the_person_from_every_table_and_the_file(demo, capsys):
    source, db = demo
    assert _traces(db)
    attendance_before = rows(db, "SELECT COUNT(*) FROM attendance")[0][0]
    mine = rows(db, "SELECT COUNT(*) FROM attendance WHERE person_id = 'till-hesse'")[0][0]
    assert mine > 0
    assert main(["forget", "--db", str(db), NAME]) == 0
    out = capsys.readouterr().out
    assert "Person „Till Hesse“ gelöscht" in out and "nicht mehr vor" in out
    assert _traces(db) == []
    assert rows(db, "SELECT COUNT(*) FROM people WHERE id = 'till-hesse'") == [(0,)]
    assert rows(db, "SELECT COUNT(*) FROM attendance")[0][0] == attendance_before - mine
    assert rows(db, "SELECT COUNT(*) FROM protocols_fts WHERE protocols_fts MATCH 'Hesse'") == [(0,)]
    assert rows(db, "SELECT COUNT(*) FROM org_attendance") == rows(
        db, "SELECT COUNT(*) FROM (SELECT DISTINCT meeting_id, COALESCE(a.org_id, p.org_id) FROM attendance a "
            "LEFT JOIN people p ON p.id = a.person_id)")
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]


def test_later_builds_keep_the_person_out_although_the_protocols_still_name_them(demo):
    source, db = demo
    main(["forget", "--db", str(db), NAME])
    assert any("Till Hesse" in p.read_text(errors="ignore") for p in source.rglob("*.md"))  # sources untouched
    result = build(source, db, force=True)
    assert not result.unchanged
    assert _traces(db) == []
    assert rows(db, "SELECT COUNT(*) FROM excluded_people") == [(1,)]
    assert b"till-hesse" not in db.read_bytes()  # the exclusion list stores a hash, not the key


def test_forget_an_unknown_person_still_blocks_future_builds(demo, capsys):
    _, db = demo
    assert main(["forget", "--db", str(db), "Niemand Unbekannt"]) == 0
    assert "nicht in der Datenbank" in capsys.readouterr().out
    assert rows(db, "SELECT COUNT(*) FROM excluded_people") == [(1,)]


def test_forget_needs_an_existing_database(tmp_path, capsys):
    assert main(["forget", "--db", str(tmp_path / "fehlt.db"), NAME]) == 2
    assert "Datenbank nicht gefunden" in capsys.readouterr().err
