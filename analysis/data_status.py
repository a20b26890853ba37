"""Figures of the Daten page: load runs, row counts, rejects, freshness, entities created from protocols."""

from __future__ import annotations

import json
import sqlite3
from typing import Final, TypedDict

import pandas as pd

from analysis.db import is_built, query, scalar

# The columns `load_runs` returns, in order (tests/test_analysis_columns.py holds it to this).
LOAD_RUN_COLUMNS: Final = ("id", "started", "finished", "source", "status", "rows_read", "rows_loaded",
                           "rows_rejected", "duration_s")


def load_runs(conn: sqlite3.Connection, limit: int = 20) -> pd.DataFrame:
    return query(conn, """SELECT id, started, finished, source, status, rows_read, rows_loaded, rows_rejected,
                                 duration_s FROM load_runs ORDER BY id DESC LIMIT ?""", (limit,))


# The columns `table_counts` returns, in order (tests/test_analysis_columns.py holds it to this).
TABLE_COUNT_COLUMNS: Final = ("table_name", "row_count")


def table_counts(conn: sqlite3.Connection) -> pd.DataFrame:
    return query(conn, "SELECT table_name, row_count FROM v_table_counts")


def latest_run_id(conn: sqlite3.Connection) -> int | None:
    value = scalar(conn, "SELECT MAX(id) FROM load_runs")
    return int(value) if value is not None else None


# The columns `rejects` returns, in order (tests/test_analysis_columns.py holds it to this).
REJECT_COLUMNS: Final = ("file", "line", "reason", "raw")


def rejects(conn: sqlite3.Connection, run_id: int | None = None) -> pd.DataFrame:
    """Rejects of one run (default: the latest) with file, line, reason and raw text."""
    run_id = run_id if run_id is not None else latest_run_id(conn)
    return query(conn, "SELECT file, line, reason, raw FROM rejects WHERE run_id = ? ORDER BY file, line",
                 (run_id,))


class Freshness(TypedDict):
    """ISO timestamps/dates (None before the first build or meeting) and the number of protocols."""
    last_build: str | None
    last_meeting: str | None
    last_protocol: str | None
    protocols: int


def freshness(conn: sqlite3.Connection) -> Freshness:
    """When the data was built and how recent its newest meeting and protocol are."""
    return {
        "last_build": scalar(conn, "SELECT MAX(finished) FROM load_runs"),
        "last_meeting": scalar(conn, "SELECT MAX(date) FROM meetings"),
        "last_protocol": scalar(conn, "SELECT MAX(m.date) FROM protocols p JOIN meetings m ON m.id = p.meeting_id"),
        "protocols": scalar(conn, "SELECT COUNT(*) FROM protocols"),
    }


def created_from_protocols(conn: sqlite3.Connection) -> pd.DataFrame:
    """Organisations, people and groups that only protocols know ('neu angelegt'), with suggestions."""
    return query(conn, """
        SELECT 'Organisation' AS kind, o.name, o.source_file, o.source_line,
               (SELECT group_concat(s.suggestion || ' (' || CAST(s.score AS INTEGER) || ' %)', '; ')
                  FROM org_suggestions s WHERE s.org_id = o.id) AS suggestion
        FROM organisations o WHERE o.origin = 'protokoll'
        UNION ALL
        SELECT 'Gruppe', g.name, g.source_file, g.source_line, NULL FROM groups g WHERE g.origin = 'protokoll'
        UNION ALL
        SELECT 'Person', p.name, p.source_file, p.source_line, NULL FROM people p WHERE p.origin = 'protokoll'
        ORDER BY 1, 2""")


def skipped_files(conn: sqlite3.Connection) -> pd.DataFrame:
    """Files and folders in the source folder the latest build did not read (hidden, other formats,
    duplicates differing in case, links leading outside), with the reason."""
    summary = scalar(conn, "SELECT summary_json FROM load_runs ORDER BY id DESC LIMIT 1")
    try:
        skipped = json.loads(summary or "{}").get("skipped", [])
    except (ValueError, AttributeError):
        skipped = []
    return pd.DataFrame([{"path": s.get("path"), "reason": s.get("reason")} for s in skipped if isinstance(s, dict)],
                        columns=["path", "reason"])


def has_rows(conn: sqlite3.Connection) -> bool:
    """True when a build has run and loaded at least one organisation or meeting."""
    if not is_built(conn):
        return False
    return bool(scalar(conn, "SELECT (SELECT COUNT(*) FROM organisations) + (SELECT COUNT(*) FROM meetings)"))
