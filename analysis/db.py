"""Read-only access to the built database. The read side never writes."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = ROOT / "data" / "netzwerk.db"


def database_path() -> Path:
    """NETZWERKRADAR_DB when set, else data/netzwerk.db (same rule as the ETL)."""
    return Path(os.environ.get("NETZWERKRADAR_DB") or DEFAULT_DB)


def today() -> date:
    """'Today' for every analysis; NETZWERKRADAR_AS_OF fixes it for reproducible views and tests."""
    fixed = os.environ.get("NETZWERKRADAR_AS_OF")
    return date.fromisoformat(fixed) if fixed else date.today()


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


def scalar(conn: sqlite3.Connection, sql: str, params: Sequence | dict = ()) -> object:
    row = conn.execute(sql, params).fetchone()
    return None if row is None else row[0]


def is_built(conn: sqlite3.Connection) -> bool:
    """True when the schema exists (a build has run), whatever the row counts."""
    return bool(scalar(conn, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'load_runs'"))
