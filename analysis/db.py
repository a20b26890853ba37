"""Read-only access to the built database. The read side never writes."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd


def connect(path: Path | str) -> sqlite3.Connection:
    """Open the database read-only; usable from Streamlit's worker threads."""
    uri = f"file:{Path(path).resolve()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA query_only = ON")
    return conn


def query(conn: sqlite3.Connection, sql: str, params: Sequence | dict = ()) -> pd.DataFrame:
    """Run a parameterised query and return a DataFrame (columns kept even when empty)."""
    cursor = conn.execute(sql, params)
    columns = [c[0] for c in cursor.description or ()]
    return pd.DataFrame([tuple(r) for r in cursor.fetchall()], columns=columns)


def scalar(conn: sqlite3.Connection, sql: str, params: Sequence | dict = ()) -> Any:
    """The first column of the first row (None when there is no row): an SQLite value, typed as Any."""
    row = conn.execute(sql, params).fetchone()
    return None if row is None else row[0]


def is_built(conn: sqlite3.Connection) -> bool:
    """True when the schema exists (a build has run), whatever the row counts."""
    return bool(scalar(conn, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'load_runs'"))
