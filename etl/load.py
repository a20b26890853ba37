"""Load: the ONLY module that writes the database.

A build is written into a temporary file next to the target and moved over it with
`os.replace` once it is complete, so a failed or killed build leaves the previous
database untouched and readers never see a half-written one.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from etl.checks import Finding, run_checks
from etl.schema import DERIVED, LOAD_ORDER, SCHEMA_VERSION, TABLES, ensure_schema
from etl.staging import Reject


@dataclass
class RunInfo:
    """What the load_runs row of this build says."""

    started: str
    finished: str
    source: str
    status: str
    rows_read: int
    rows_loaded: int
    rows_rejected: int
    duration_s: float
    summary: dict


def _columns(table: str) -> list[str]:
    names = []
    for line in TABLES[table].strip().splitlines():
        first = line.strip().split(" ", 1)[0].strip('"')
        if first and first.upper() not in ("PRIMARY", "CHECK", "FOREIGN", "UNIQUE") and first[0].isalpha():
            names.append(first)
    return names


def previous_history(target: Path) -> list[dict]:
    """Earlier load_runs of the current database, so the history survives the rebuild."""
    if not target.exists():
        return []
    try:
        conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        try:
            conn.row_factory = sqlite3.Row
            return [dict(r) for r in conn.execute("SELECT * FROM load_runs ORDER BY id")]
        finally:
            conn.close()
    except sqlite3.Error:
        return []


def previous_excluded(target: Path) -> list[dict]:
    """People erased on request in the current database: later builds must keep them out."""
    if not target.exists():
        return []
    try:
        conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        try:
            return [{"key_hash": k, "added": a} for k, a in conn.execute("SELECT key_hash, added FROM excluded_people")]
        finally:
            conn.close()
    except sqlite3.Error:
        return []


def last_run(target: Path) -> dict | None:
    """The latest load run of a database with its fingerprint and rejects, or None."""
    if not target.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                return None
            row = conn.execute("SELECT id, source, status, rows_read, rows_loaded, rows_rejected, summary_json "
                               "FROM load_runs WHERE status IN ('ok', 'rejects') ORDER BY id DESC LIMIT 1").fetchone()
            if row is None:
                return None
            summary = json.loads(row[6] or "{}")
            first_run = summary.get("built_by_run", row[0])
            rejects = [Reject(*r) for r in conn.execute(
                "SELECT file, line, reason, raw FROM rejects WHERE run_id = ? ORDER BY id", (first_run,))]
        finally:
            conn.close()
    except (sqlite3.Error, ValueError):
        return None
    return {"source": row[1], "status": row[2], "rows_read": row[3], "rows_loaded": row[4], "rows_rejected": row[5],
            "summary": dict(summary, built_by_run=first_run), "fingerprint": summary.get("fingerprint"),
            "rejects": rejects}


def record_unchanged_run(target: Path, run: RunInfo) -> int:
    """Add a load run to an unchanged database in place: one small transaction, nothing else touched."""
    conn = sqlite3.connect(target)
    try:
        with conn:
            return _insert_run(conn, run)
    finally:
        conn.close()


def previous_parse_cache(target: Path) -> dict[str, dict]:
    """Parsed protocols of the current database by cache key: unchanged files are not parsed again."""
    if not target.exists():
        return {}
    try:
        conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        try:
            found = conn.execute("SELECT cache_key, text, parsed_json FROM protocols WHERE cache_key IS NOT NULL")
            return {key: {"text": text, "parsed": json.loads(parsed)} for key, text, parsed in found}
        finally:
            conn.close()
    except (sqlite3.Error, ValueError):
        return {}


def write_database(target: Path, tables: dict[str, Iterable[dict]], rejects: list[Reject], run: RunInfo,
                   history: list[dict], excluded: list[dict]) -> tuple[int, list[Finding]]:
    """Write a complete database to a temp file, run the data checks, then replace `target`.

    Returns the run id and the check findings (already stored as rejects).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.building-{os.getpid()}")
    for leftover in (tmp, Path(f"{tmp}-journal"), Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        leftover.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    try:
        conn.execute("PRAGMA journal_mode = OFF")  # temp file: atomicity comes from os.replace
        conn.execute("PRAGMA synchronous = OFF")
        ensure_schema(conn)
        db = Database(conn)
        with conn:
            for row in history:
                db["load_runs"].insert(row)
            run_id = _insert_run(conn, run)
            for table in LOAD_ORDER:
                rows = list(tables.get(table, ()))
                if rows:
                    columns = _columns(table)
                    db[table].insert_all(({c: r.get(c) for c in columns} for r in rows), batch_size=500)
            db["excluded_people"].insert_all(excluded)
            refresh_derived(conn)
            _insert_rejects(conn, run_id, rejects)
            findings = run_checks(conn)
            _insert_rejects(conn, run_id, [Reject(f.file, f.line, f.reason, f.raw) for f in findings])
            rejected = run.rows_rejected + len(findings)
            status = "ok" if not rejects and not findings else "rejects"
            summary = dict(run.summary, checks=len(findings))
            conn.execute("UPDATE load_runs SET status = ?, rows_rejected = ?, summary_json = ? WHERE id = ?",
                         (status, rejected, json.dumps(summary, ensure_ascii=False), run_id))
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("ANALYZE")
    except BaseException:
        conn.close()
        tmp.unlink(missing_ok=True)
        raise
    conn.close()
    with contextlib.suppress(OSError):
        os.chmod(tmp, 0o644)
    os.replace(tmp, target)
    for stale in (Path(f"{target}-wal"), Path(f"{target}-shm")):
        stale.unlink(missing_ok=True)  # belonged to the replaced file
    _fsync_dir(target.parent)
    return run_id, findings


def refresh_derived(conn: sqlite3.Connection) -> None:
    """Recompute the materialised aggregates from the loaded rows."""
    for table, insert in DERIVED:
        conn.execute(DERIVED_DELETE[table])
        conn.execute(insert)


DERIVED_DELETE = {table: f"DELETE FROM {table}" for table, _ in DERIVED}


def _insert_run(conn: sqlite3.Connection, run: RunInfo) -> int:
    cursor = conn.execute(
        "INSERT INTO load_runs (started, finished, source, status, rows_read, rows_loaded, rows_rejected, "
        "duration_s, summary_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (run.started, run.finished, run.source, run.status, run.rows_read, run.rows_loaded, run.rows_rejected,
         run.duration_s, json.dumps(run.summary, ensure_ascii=False)))
    return int(cursor.lastrowid or 0)


def _insert_rejects(conn: sqlite3.Connection, run_id: int, rejects: list[Reject]) -> None:
    conn.executemany("INSERT INTO rejects (run_id, file, line, reason, raw) VALUES (?, ?, ?, ?, ?)",
                     [(run_id, r.file, r.line, r.reason, r.raw) for r in rejects])


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# Text columns that may carry a person's name, redacted on erasure.
REDACT_COLUMNS: dict[str, tuple[str, ...]] = {
    "protocols": ("title", "text", "parsed_json"),
    "agenda_items": ("text",),
    "decisions": ("text",),
    "action_items": ("text", "owner_name"),
    "meetings": ("title",),
    "rejects": ("reason", "raw"),
    "org_suggestions": ("raw",),
    "load_runs": ("summary_json",),
}


def apply_erasure(target: Path, person_id: str | None, key_hash: str, added: str,
                  redact_text: Callable[[str | None], str | None]) -> dict[str, int]:
    """Remove a person from every table and text, record the exclusion, and leave no trace in the file.

    secure_delete zeroes freed pages, the FTS index is rebuilt from the redacted text, the WAL is
    checkpointed and truncated, and VACUUM rewrites the file. Returns changed rows per table.
    """
    conn = sqlite3.connect(target)
    changed: dict[str, int] = {}
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        with conn:
            if person_id:
                for table, sql in (
                    ("attendance", "DELETE FROM attendance WHERE person_id = ?"),
                    ("mentions", "DELETE FROM mentions WHERE entity_type = 'person' AND entity_id = ?"),
                    ("action_items", "UPDATE action_items SET owner_person_id = NULL WHERE owner_person_id = ?"),
                    ("people", "DELETE FROM people WHERE id = ?"),
                ):
                    changed[table] = conn.execute(sql, (person_id,)).rowcount
            for table, columns in REDACT_COLUMNS.items():
                changed[table] = changed.get(table, 0) + _redact_table(conn, table, columns, redact_text)
            refresh_derived(conn)
            conn.execute("INSERT OR IGNORE INTO excluded_people (key_hash, added) VALUES (?, ?)", (key_hash, added))
        conn.execute("INSERT INTO protocols_fts(protocols_fts) VALUES ('rebuild')")
        conn.execute("INSERT INTO protocols_fts(protocols_fts) VALUES ('optimize')")
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("VACUUM")
    finally:
        conn.close()
    return changed


def _redact_table(conn: sqlite3.Connection, table: str, columns: tuple[str, ...],
                  redact_text: Callable[[str | None], str | None]) -> int:
    changed = 0
    select = REDACT_SELECT[table]
    for rowid, *values in conn.execute(select).fetchall():
        new = [redact_text(v) for v in values]
        if new != values:
            conn.execute(REDACT_UPDATE[table], (*new, rowid))
            changed += 1
    return changed


# Built once from the constant column list above, never from user input.
REDACT_SELECT = {t: f"SELECT rowid, {', '.join(c)} FROM {t}" for t, c in REDACT_COLUMNS.items()}
REDACT_UPDATE = {t: f"UPDATE {t} SET {', '.join(f'{x} = ?' for x in c)} WHERE rowid = ?"
                 for t, c in REDACT_COLUMNS.items()}
