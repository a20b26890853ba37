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
from typing import Any

from etl.build.schema import (
    DERIVED,
    DERIVED_SCOPE_TABLE,
    LOAD_ORDER,
    SCHEMA_VERSION,
    TABLES,
    ExcludedPeopleRow,
    LoadRunsRow,
    RejectsRow,
    RunStatus,
    TableDigestsRow,
    derived_sql,
    ensure_indexes,
    ensure_schema,
)
from etl.build.validate import Finding, run_checks
from etl.extract.rows import Reject
from etl.parse.model import CachedParse


@dataclass
class RunInfo:
    """What the load_runs row of this build says."""

    started: str
    finished: str
    source: str
    status: RunStatus
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


def _previous_rows(target: Path, sql: str) -> list[sqlite3.Row]:
    """The rows of one statement on the current database, read-only; [] when there is none or it is unreadable
    (a first build, or a damaged file the build is about to replace)."""
    if not target.exists():
        return []
    try:
        conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        try:
            conn.row_factory = sqlite3.Row
            return conn.execute(sql).fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []


def previous_history(target: Path) -> list[dict]:
    """Earlier load_runs of the current database, so the history survives the rebuild."""
    return [dict(r) for r in _previous_rows(target, "SELECT * FROM load_runs ORDER BY id")]


def previous_excluded(target: Path) -> list[ExcludedPeopleRow]:
    """People erased on request in the current database: later builds must keep them out."""
    return [{"key_hash": r["key_hash"], "added": r["added"]}
            for r in _previous_rows(target, "SELECT key_hash, added FROM excluded_people")]


def previous_counts(target: Path, statements: dict[str, str]) -> dict[str, int]:
    """Counts of the current database ({} when there is none), one statement per table: what the guard compares.
    One connection for all statements (the guard asks for every table)."""
    if not target.exists():
        return {}
    try:
        conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        try:
            return {table: conn.execute(sql).fetchone()[0] for table, sql in statements.items()}
        finally:
            conn.close()
    except sqlite3.Error:
        return {}
    try:
        conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        try:
            return {table: conn.execute(sql).fetchone()[0] for table, sql in statements.items()}
        finally:
            conn.close()
    except sqlite3.Error:
        return {}


def previous_source_digests(target: Path) -> dict[str, tuple[str, int]]:
    """Path -> (sha256, rows rejected) of the source files the current database was built from."""
    if not target.exists():
        return {}
    try:
        conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        try:
            return {path: (sha, rejected) for path, sha, rejected
                    in conn.execute("SELECT path, sha256, rows_rejected FROM source_files")}
        finally:
            conn.close()
    except sqlite3.Error:
        return {}


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


def previous_parse_cache(target: Path) -> dict[str, CachedParse]:
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


# The rows to write by table: any mapping of column name to value (the build's typed rows, rows read back).
Tables = Mapping[str, Iterable[Mapping[str, object]]]


def write_database(target: Path, tables: Tables, rejects: list[Reject], run: RunInfo, history: list[dict],
                   excluded: list[ExcludedPeopleRow], incremental: bool = False) -> tuple[int, list[Finding]]:
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


def _write(target: Path, tables: Tables, rejects: list[Reject], run: RunInfo,
           history: list[dict], excluded: list[ExcludedPeopleRow], patch: bool) -> tuple[int, list[Finding]]:
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


def insert_rows(conn: sqlite3.Connection, table: str, rows: Iterable[Mapping[str, object]]) -> tuple[str, int]:
    """Insert dict rows with one prepared statement; keys that are not columns are ignored, missing ones are NULL.

    Plain `executemany` with tuples: sqlite-utils' `insert_all` spent most of a build's write time in
    per-row Python work (type detection, batching). Returns the table's digest and row count.
    """
    values = _tuples(table, rows)
    conn.executemany(INSERT_SQL[table], values)
    return table_digest(values), len(values)


def _tuples(table: str, rows: Iterable[Mapping[str, object]]) -> list[tuple]:
    columns = COLUMNS[table]
    return [tuple(map(row.get, columns)) for row in rows]


def table_digest(values: list[tuple]) -> str:
    """Digest of a table's rows in write order (marshal version 2 writes equal values as equal bytes)."""
    return hashlib.sha1(marshal.dumps(values, 2), usedforsecurity=False).hexdigest()


def _store_digests(conn: sqlite3.Connection, digests: dict[str, tuple[str, int]]) -> None:
    conn.execute("DELETE FROM table_digests")
    rows: list[TableDigestsRow] = [{"name": table, "digest": digest, "row_count": count}
                                   for table, (digest, count) in digests.items()]
    conn.executemany(INSERT_SQL["table_digests"], _tuples("table_digests", rows))


def patch_rows(conn: sqlite3.Connection, tables: Tables) -> set[str] | None:
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


def rederive_attendance(conn: sqlite3.Connection) -> None:
    """Rewrite the attendance facts from the rows now in `conn` (after an erasure changed them in place)."""
    from etl.derive.attendance import ORG_TABLE, PERSON_TABLE, derive

    def read(table: str) -> dict[object, Any]:  # rows as stored, trusted to match the table's TypedDict
        return {row[-1]: dict(zip(COLUMNS[table], row, strict=False)) for row in conn.execute(SELECT_SQL[table])}

    derived = derive({"people": read("people"), "memberships": read("memberships"), "meetings": read("meetings"),
                      "attendance": read("attendance")})
    for table, rows in ((ORG_TABLE, derived["org_attendance"]), (PERSON_TABLE, derived["person_attendance"])):
        conn.execute(DERIVED_DELETE_ALL[table])
        insert_rows(conn, table, rows.values())


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
DERIVED_DELETE_ALL = {table: f"DELETE FROM {table}" for table in ("org_attendance", "person_attendance")}
# Built once from the declared schema, never from data.
COLUMNS = {table: _columns(table) for table in TABLES}
INSERT_SQL = {table: "INSERT INTO {} ({}) VALUES ({})".format(table, ", ".join(f'"{c}"' for c in cols),
                                                              ", ".join("?" * len(cols)))
              for table, cols in COLUMNS.items()}
COUNT_SQL = {table: f"SELECT COUNT(*) FROM {table}" for table in TABLES}
SELECT_SQL = {table: "SELECT {}, rowid FROM {}".format(", ".join(f'"{c}"' for c in cols), table)
              for table, cols in COLUMNS.items()}


def _insert_run(conn: sqlite3.Connection, run: RunInfo) -> int:
    """Insert the run's load_runs row (its id left to SQLite) and return that id."""
    row: LoadRunsRow = {"started": run.started, "finished": run.finished, "source": run.source, "status": run.status,
                        "rows_read": run.rows_read, "rows_loaded": run.rows_loaded, "rows_rejected": run.rows_rejected,
                        "duration_s": run.duration_s, "summary_json": json.dumps(run.summary, ensure_ascii=False)}
    cursor = conn.execute(INSERT_SQL["load_runs"], _tuples("load_runs", [row])[0])
    return int(cursor.lastrowid or 0)


def _insert_rejects(conn: sqlite3.Connection, run_id: int, rejects: list[Reject]) -> None:
    rows: list[RejectsRow] = [{"run_id": run_id, "file": r.file, "line": r.line, "reason": r.reason, "raw": r.raw}
                              for r in rejects]
    conn.executemany(INSERT_SQL["rejects"], _tuples("rejects", rows))


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


def replace_database(tmp: Path, target: Path) -> None:
    """Move a finished temp database (e.g. the erased copy) over `target`: fsync, then atomic replace."""
    _replace(tmp, target)


def erase_into_copy(target: Path, person_id: str, key_hashes: list[str],
                    added: str) -> tuple[Path, dict[str, int], frozenset[str]]:
    """Write an erased copy of `target` to a temp file next to it; returns it, changed rows per table and the
    exclusion hashes. The caller verifies the copy and moves it into place (`replace_database`).

    Rows of the person go; every text is redacted by the same pass a build runs (`etl.resolve.redaction`);
    counts, data checks, derived tables and the full-text index are recomputed; VACUUM leaves no
    freed page with old text in the copy.
    """
    from etl.resolve.redaction import erase_rows, redact_free_text

    tmp = temp_path(target)
    try:
        with contextlib.closing(sqlite3.connect(f"file:{target}?mode=ro", uri=True)) as current, \
                contextlib.closing(sqlite3.connect(tmp)) as copy:
            current.backup(copy)
        conn = sqlite3.connect(tmp)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    try:
        conn.execute("PRAGMA journal_mode = OFF")  # temp file: atomicity comes from os.replace
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA foreign_keys = ON")
        excluded = frozenset({k for (k,) in conn.execute("SELECT key_hash FROM excluded_people")} | set(key_hashes))
        with conn:
            changed = _remove_person(conn, person_id)
            for table, count in _redact_database(conn, excluded, erase_rows).items():
                changed[table] = changed.get(table, 0) + count
            for rowid, summary in conn.execute("SELECT id, summary_json FROM load_runs").fetchall():
                new = redact_free_text(summary, excluded)
                if new != summary:
                    conn.execute("UPDATE load_runs SET summary_json = ? WHERE id = ?", (new, rowid))
            conn.execute("UPDATE protocols SET cache_key = NULL")  # parsed before the erasure: never served again
            _rerun_checks(conn)
            rederive_attendance(conn)
            refresh_derived(conn)
            conn.executemany("INSERT OR IGNORE INTO excluded_people (key_hash, added) VALUES (?, ?)",
                             [(key_hash, added) for key_hash in key_hashes])
            conn.execute("DELETE FROM table_digests")  # rows changed in place: the next build compares all
        conn.execute("INSERT INTO protocols_fts(protocols_fts) VALUES ('rebuild')")
        conn.execute("INSERT INTO protocols_fts(protocols_fts) VALUES ('optimize')")
        conn.execute("ANALYZE")  # statistics of the erased rows, as a build leaves them
        conn.commit()
        conn.execute("VACUUM")
        conn.execute("PRAGMA journal_mode = DELETE")
    except BaseException:
        conn.close()
        tmp.unlink(missing_ok=True)
        raise
    conn.close()
    return tmp, {t: n for t, n in changed.items() if n}, excluded


def _remove_person(conn: sqlite3.Connection, person_id: str) -> dict[str, int]:
    """Delete the person's rows, as a build that never loaded them would; source file counts follow."""
    gone = conn.execute("SELECT source_file FROM attendance WHERE person_id = ?", (person_id,)).fetchall()
    gone += conn.execute("SELECT source_file FROM people WHERE id = ? AND origin = 'stammdaten'",
                         (person_id,)).fetchall()
    files = {path for (path,) in conn.execute("SELECT path FROM source_files")}
    for (source,) in gone:
        path = source if source in files else (source or "").rsplit(":", 1)[0]  # "book.xlsx:people" -> the workbook
        conn.execute("UPDATE source_files SET rows_read = rows_read - 1, rows_loaded = rows_loaded - 1 "
                     "WHERE path = ?", (path,))
    changed = {}
    for table, sql in (
        ("attendance", "DELETE FROM attendance WHERE person_id = ?"),
        ("mentions", "DELETE FROM mentions WHERE entity_type = 'person' AND entity_id = ?"),
        ("action_items", "UPDATE action_items SET owner_person_id = NULL WHERE owner_person_id = ?"),
        ("task_owners", "UPDATE task_owners SET person_id = NULL WHERE person_id = ?"),
        ("people", "DELETE FROM people WHERE id = ?"),
    ):
        changed[table] = conn.execute(sql, (person_id,)).rowcount
    # An organisation only a protocol named, and only in this person's line, would not exist in a rebuild.
    changed["organisations"] = conn.execute(
        "DELETE FROM organisations WHERE origin = 'protokoll' AND id NOT IN "
        "(SELECT org_id FROM attendance WHERE org_id IS NOT NULL UNION SELECT org_id FROM people "
        "WHERE org_id IS NOT NULL UNION SELECT org_id FROM memberships UNION SELECT org_id FROM project_partners "
        "UNION SELECT lead_org_id FROM projects WHERE lead_org_id IS NOT NULL)").rowcount
    return changed


def _redact_database(conn: sqlite3.Connection, excluded: frozenset[str],
                     erase_rows: Callable[[dict[str, list[dict]], frozenset[str]], dict[str, int]]) -> dict[str, int]:
    """Run the build's redaction pass over the rows of every loaded table and write back what changed."""
    from etl.resolve.redaction import SKIP_TABLES

    tables: dict[str, list[dict]] = {}
    originals: dict[str, list[tuple]] = {}
    for table in (*LOAD_ORDER, "protocols", "rejects"):
        if table in SKIP_TABLES or table in tables:
            continue
        cursor = conn.execute(SELECT_SQL[table])
        columns = [*COLUMNS[table], "rowid"]
        fetched = cursor.fetchall()
        originals[table] = fetched
        tables[table] = [dict(zip(columns, row, strict=True)) for row in fetched]
    changed = erase_rows(tables, excluded)
    for table, rows in tables.items():
        columns = COLUMNS[table]
        for before, row in zip(originals[table], rows, strict=True):
            after = tuple(row[c] for c in columns)
            if after != before[:-1]:
                conn.execute(UPDATE_SQL[table], (*after, before[-1]))
    return changed


def _rerun_checks(conn: sqlite3.Connection) -> None:
    """The data-check findings of the erased data, as a rebuild would store them."""
    run = conn.execute("SELECT MAX(run_id) FROM rejects").fetchone()[0] or \
        conn.execute("SELECT MAX(id) FROM load_runs").fetchone()[0]
    conn.execute("DELETE FROM rejects WHERE reason LIKE 'Datenprüfung %'")
    _insert_rejects(conn, run, [Reject(f.file, f.line, f.reason, f.raw) for f in run_checks(conn)])


UPDATE_SQL = {table: "UPDATE {} SET {} WHERE rowid = ?".format(table, ", ".join(f'"{c}" = ?' for c in cols))
              for table, cols in COLUMNS.items()}
