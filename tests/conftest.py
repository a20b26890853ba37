"""Shared test helpers: fixture paths, building fixture sources with the real ETL, reading tables."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from etl.build import BuildResult, build

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
MASTER = FIXTURES / "stammdaten"
SEEDS = ROOT.parent / "shared" / "seeds"


def rows(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """All rows of a query against a built database, as plain tuples."""
    conn = sqlite3.connect(db)
    try:
        return [tuple(r) for r in conn.execute(sql, params).fetchall()]
    finally:
        conn.close()


def copy_source(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    return dest


@pytest.fixture
def master_source(tmp_path: Path) -> Path:
    """A writable copy of the small master-data fixture."""
    return copy_source(MASTER, tmp_path / "quelle")


@pytest.fixture
def built(master_source: Path, tmp_path: Path) -> BuildResult:
    """The master-data fixture built by the real ETL into a fresh database."""
    return build(master_source, tmp_path / "netz.db")
