"""Load: the ONLY module that writes the database.

A build is written into a temporary file next to the target and moved over it with
`os.replace` once it is complete, so a failed or killed build leaves the previous
database untouched and readers never see a half-written one.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import marshal
import os
import secrets
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from etl.extract.rows import Reject
from etl.schema import (
    DERIVED,
    DERIVED_SCOPE_TABLE,
    LOAD_ORDER,
    SCHEMA_VERSION,
    TABLES,
    derived_sql,
    ensure_indexes,
    ensure_schema,
)
from etl.validate import Finding, run_checks


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
    """Add a load run to an unchanged database: into a copy that replaces it, like a build.

    Writing in place would leave a hot journal when the process is killed mid-commit, and the
    app's read-only connections cannot roll that back: every page would fail until the next write.
    """
    remove_stale_temp_files(target)
    tmp = temp_path(target)
    try:
        with contextlib.closing(sqlite3.connect(f"file:{target}?mode=ro", uri=True)) as current, \
                contextlib.closing(sqlite3.connect(tmp)) as conn:
            current.backup(conn)
            with conn:
                run_id = _insert_run(conn, run)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _replace(tmp, target)
    return run_id


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


def write_database(target: Path, tables: Mapping[str, Iterable[dict]], rejects: list[Reject], run: RunInfo,
                   history: list[dict], excluded: list[dict], incremental: bool = False) -> tuple[int, list[Finding]]:
    """Write a complete database to a temp file, run the data checks, then replace `target`.

    `incremental`: the temp file starts as a copy of `target` and only rows that differ are deleted
    and inserted (a rebuild after one changed protocol touches hundreds of rows, not a hundred
    thousand). The result has the same rows as a full write; it is used only when `target` has
    exactly the current schema, and anything unexpected falls back to the full write.
    Returns the run id and the check findings (already stored as rejects).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(target)
    if incremental and _has_current_schema(target):
        try:
            return _write(target, tables, rejects, run, history, excluded, patch=True)
        except (sqlite3.Error, _NotPatchable):
            pass  # the temp copy is gone; a full write gives the real error, if there is one
    return _write(target, tables, rejects, run, history, excluded, patch=False)


class _NotPatchable(Exception):
    """The patched copy would differ from a full write (e.g. a foreign key a full write would refuse)."""


def _write(target: Path, tables: Mapping[str, Iterable[dict]], rejects: list[Reject], run: RunInfo,
           history: list[dict], excluded: list[dict], patch: bool) -> tuple[int, list[Finding]]:
    tmp = temp_path(target)
    try:
        if patch:
            _copy_database(target, tmp)
        conn = sqlite3.connect(tmp)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    try:
        conn.execute("PRAGMA journal_mode = OFF")  # temp file: atomicity comes from os.replace
        conn.execute("PRAGMA synchronous = OFF")
        if patch:
            conn.execute("PRAGMA secure_delete = ON")  # replaced rows leave no bytes behind in the copy
            conn.execute("PRAGMA foreign_keys = OFF")  # a changed parent row must not cascade into its children
        else:
            ensure_schema(conn, tables_only=True)  # indexes after the bulk insert: one sort each, not per row
        with conn:
            if patch:
                meetings = patch_rows(conn, {**tables, "excluded_people": excluded})
                conn.execute("DELETE FROM rejects")  # the table holds the rejects of the run that built the data
                run_id = _insert_run(conn, run)
                refresh_derived(conn, meetings)
            else:
                insert_rows(conn, "load_runs", history)
                run_id = _insert_run(conn, run)
                digests = {table: insert_rows(conn, table, tables.get(table, ())) for table in LOAD_ORDER}
                digests["excluded_people"] = insert_rows(conn, "excluded_people", excluded)
                _store_digests(conn, digests)
                ensure_indexes(conn)
                refresh_derived(conn)
            _insert_rejects(conn, run_id, rejects)
            findings = run_checks(conn)
            if patch and any(f.check == "relationships:foreign_keys" for f in findings):
                raise _NotPatchable  # a full write refuses such a row outright (foreign keys are on there)
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
    _replace(tmp, target)
    return run_id, findings


def _copy_database(source: Path, copy: Path) -> None:
    """A consistent copy of `source`: the file itself while a read transaction keeps writers out (twice as
    fast as the backup API for a large file), or SQLite's backup when the content may sit in a WAL."""
    with contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as current:
        current.execute("BEGIN")
        current.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # takes the shared lock
        if current.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            shutil.copyfile(source, copy)
            return
        with contextlib.closing(sqlite3.connect(copy)) as conn:
            current.backup(conn)


def insert_rows(conn: sqlite3.Connection, table: str, rows: Iterable[dict]) -> tuple[str, int]:
    """Insert dict rows with one prepared statement; keys that are not columns are ignored, missing ones are NULL.

    Plain `executemany` with tuples: sqlite-utils' `insert_all` spent most of a build's write time in
    per-row Python work (type detection, batching). Returns the table's digest and row count.
    """
    values = _tuples(table, rows)
    conn.executemany(INSERT_SQL[table], values)
    return table_digest(values), len(values)


def _tuples(table: str, rows: Iterable[dict]) -> list[tuple]:
    columns = COLUMNS[table]
    return [tuple(map(row.get, columns)) for row in rows]


def table_digest(values: list[tuple]) -> str:
    """Digest of a table's rows in write order (marshal version 2 writes equal values as equal bytes)."""
    return hashlib.sha1(marshal.dumps(values, 2), usedforsecurity=False).hexdigest()


def _store_digests(conn: sqlite3.Connection, digests: dict[str, tuple[str, int]]) -> None:
    conn.execute("DELETE FROM table_digests")
    conn.executemany("INSERT INTO table_digests (name, digest, row_count) VALUES (?, ?, ?)",
                     [(table, digest, count) for table, (digest, count) in digests.items()])


def patch_rows(conn: sqlite3.Connection, tables: dict[str, Iterable[dict]]) -> set[str] | None:
    """Make every loaded table hold exactly `tables`' rows by deleting and inserting only what differs.

    Rows are compared as whole tuples, so a changed row is deleted and inserted again. Returns the
    meetings whose derived rows must be recomputed, or None when so much changed that all must be.
    """
    meetings: set[str] = set()
    people: set[str] = set()
    stored = {name: (digest, count) for name, digest, count in conn.execute("SELECT * FROM table_digests")}
    digests: dict[str, tuple[str, int]] = {}
    for table in PATCHED_TABLES:
        columns = COLUMNS[table]
        new = _tuples(table, tables.get(table, ()))
        digests[table] = (table_digest(new), len(new))
        if stored.get(table) == digests[table] and conn.execute(COUNT_SQL[table]).fetchone()[0] == len(new):
            continue  # the copy holds exactly these rows: reading them back would cost more than all else
        wanted = set(new)
        old = {row[:-1]: row[-1] for row in conn.execute(SELECT_SQL[table])}
        gone = [values for values in old if values not in wanted]
        added = [values for values in new if values not in old]
        if gone:
            conn.executemany(f"DELETE FROM {table} WHERE rowid = ?", [(old[values],) for values in gone])
        if added:
            conn.executemany(INSERT_SQL[table], added)
        if table in ("meetings", "attendance", "people"):
            column = columns.index("meeting_id" if table == "attendance" else "id")
            (people if table == "people" else meetings).update(values[column] for values in (*gone, *added))
    for person in people:
        meetings.update(m for (m,) in conn.execute(
            "SELECT DISTINCT meeting_id FROM attendance WHERE person_id = ?", (person,)))
    _store_digests(conn, digests)
    return meetings if len(meetings) <= PATCH_MEETINGS_MAX else None


PATCH_MEETINGS_MAX = 5000  # beyond this a full refresh of the derived tables is faster
PATCHED_TABLES = (*LOAD_ORDER, "excluded_people")


def refresh_derived(conn: sqlite3.Connection, meetings: Iterable[str] | None = None) -> None:
    """Recompute the materialised aggregates from the loaded rows: all, or only those of `meetings`."""
    if meetings is None:
        for table, _ in DERIVED:
            conn.execute(DERIVED_DELETE[table])
            conn.execute(derived_sql(table))
        return
    conn.execute(SCOPE_CREATE)
    conn.execute(SCOPE_CLEAR)
    conn.executemany(SCOPE_INSERT, [(m,) for m in meetings])
    for table, _ in DERIVED:
        conn.execute(DERIVED_DELETE_SCOPED[table])
        conn.execute(derived_sql(table, scoped=True))


# Statements built once from constant names (never from values): the scope of a partial refresh.
SCOPE_CREATE = f"CREATE TABLE IF NOT EXISTS {DERIVED_SCOPE_TABLE} (meeting_id TEXT PRIMARY KEY)"
SCOPE_CLEAR = f"DELETE FROM {DERIVED_SCOPE_TABLE}"
SCOPE_INSERT = f"INSERT INTO {DERIVED_SCOPE_TABLE} (meeting_id) VALUES (?)"
DERIVED_DELETE_SCOPED = {
    table: f"DELETE FROM {table} WHERE meeting_id IN (SELECT meeting_id FROM {DERIVED_SCOPE_TABLE})"
    for table, _ in DERIVED}


@lru_cache(maxsize=1)
def _expected_schema() -> frozenset[tuple]:
    with contextlib.closing(sqlite3.connect(":memory:")) as conn:
        ensure_schema(conn)
        return frozenset(conn.execute(SCHEMA_SQL))


def _has_current_schema(target: Path) -> bool:
    """True when `target` has exactly the tables, indexes, views and triggers this code declares."""
    if not target.exists():
        return False
    try:
        with contextlib.closing(sqlite3.connect(f"file:{target}?mode=ro", uri=True)) as conn:
            if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                return False
            return frozenset(conn.execute(SCHEMA_SQL)) == _expected_schema()
    except sqlite3.Error:
        return False


SCHEMA_SQL = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%'"
DERIVED_DELETE = {table: f"DELETE FROM {table}" for table, _ in DERIVED}
# Built once from the declared schema, never from data.
COLUMNS = {table: _columns(table) for table in TABLES}
INSERT_SQL = {table: "INSERT INTO {} ({}) VALUES ({})".format(table, ", ".join(f'"{c}"' for c in cols),
                                                              ", ".join("?" * len(cols)))
              for table, cols in COLUMNS.items()}
COUNT_SQL = {table: f"SELECT COUNT(*) FROM {table}" for table in TABLES}
SELECT_SQL = {table: "SELECT {}, rowid FROM {}".format(", ".join(f'"{c}"' for c in cols), table)
              for table, cols in COLUMNS.items()}


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


def temp_path(target: Path) -> Path:
    """A temp file next to `target`, unique per call: two builds of one process (two app sessions) never share it."""
    return target.with_name(f".{target.name}.building-{os.getpid()}-{secrets.token_hex(4)}")


def remove_stale_temp_files(target: Path) -> None:
    """Delete the temp files of builds whose process is gone: each killed build would leave a full copy behind."""
    prefix = f".{target.name}.building-"
    for path in target.parent.glob(glob.escape(prefix) + "*"):
        pid = path.name[len(prefix):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, belongs to someone else
    return True


def recover(target: Path) -> None:
    """Roll back what a killed in-place writer (e.g. `forget`) left in `target`'s journal.

    A hot journal makes read-only connections fail ("attempt to write a readonly database"), and
    a new file moved under it would get the old pages "rolled back" into it by the next writer:
    silently mixed data. Opening read-write and reading once lets SQLite roll it back properly.
    """
    journal = Path(f"{target}-journal")
    if not journal.exists():
        return
    if not target.exists():
        journal.unlink(missing_ok=True)  # orphan: must never pair with the file that will be moved here
        return
    with contextlib.suppress(sqlite3.Error), contextlib.closing(sqlite3.connect(target)) as conn:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()


def _replace(tmp: Path, target: Path) -> None:
    """Move a finished temp database over `target`: on disk first, then atomically, never next to an old journal."""
    with contextlib.suppress(OSError):
        os.chmod(tmp, 0o644)
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)  # the rename must not reach the disk before the content does
    finally:
        os.close(fd)
    recover(target)
    os.replace(tmp, target)
    for stale in (Path(f"{target}-wal"), Path(f"{target}-shm")):
        stale.unlink(missing_ok=True)  # belonged to the replaced file
    _fsync_dir(target.parent)


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
            if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'table_digests'").fetchone():
                conn.execute("DELETE FROM table_digests")  # rows changed in place: the next build compares all
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
