"""The build: source folder -> one SQLite database. Orchestration only; each step is its own module.

scan the folder once and read and hash every file once (`extract.sources.scan_source`, `fingerprint.read_sources`;
an unchanged fingerprint keeps the database) -> master data read and staged (`extract.sources`, `extract.rows.stage`)
and assembled (`resolve.master_data.assemble`, or the snapshot in `cache`) -> corrections taught
(`apply_corrections`) -> protocols read, parsed and merged (`resolve.protocols.merge_protocols`) -> captured
attendance and outreach (`resolve.fieldwork`) -> corrections applied -> erasure (`resolve.redaction`) -> the
attendance facts pages read (`derive.attendance`) -> guard (`guard`, guarded builds) -> load and check (`load`).
Exit codes: 0 all loaded, 1 some rows rejected, 2 fatal.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from etl.build import cache
from etl.build.apply_corrections import Corrector, checked
from etl.build.fingerprint import fingerprint, read_sources
from etl.build.guard import COUNT_SQL, LossRefused, compare, count_rows
from etl.build.load import (
    RunInfo,
    last_run,
    previous_counts,
    previous_excluded,
    previous_history,
    previous_parse_cache,
    previous_source_digests,
    record_unchanged_run,
    recover,
    write_database,
)
from etl.build.lock import build_lock
from etl.build.schema import ChangeLogRow, CorrectionsRow, ExcludedPeopleRow, GroupsRow, SourceFilesRow
from etl.core.errors import BuildError
from etl.derive import attendance as derive_attendance
from etl.extract.rows import Reject, stage
from etl.extract.sources import (
    CAPTURE_FILE,
    MASTER_FILES,
    OUTREACH_FILE,
    Skipped,
    SourceFiles,
    read_app_file,
    read_master_data,
    scan_source,
)
from etl.maintain import versions
from etl.maintain.correction_files import CHANGE_LOG_FILE, CORRECTIONS_FILE, load_change_log, load_corrections
from etl.resolve.exclusions import find_names, read_erasure_list
from etl.resolve.fieldwork import add_outreach, merge_captured
from etl.resolve.master_data import Dataset, assemble, link_meetings
from etl.resolve.redaction import SKIP_TABLES, erase_rows, redact_free_text, text_columns

Progress = Callable[[str, int, int], None]


@dataclass
class BuildResult:
    """What a build did, for the CLI summary, the Daten page and the tests."""

    db: Path
    run_id: int
    status: str  # ok | rejects
    per_file: dict[str, dict[str, int]]
    table_rows: dict[str, int]
    rejects: list[Reject]
    duration_s: float
    warnings: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)  # files in the source folder a build does not read
    unchanged: bool = False  # nothing changed since the last build: the database was kept

    @property
    def exit_code(self) -> int:
        return 0 if self.status == "ok" else 1

    @property
    def totals(self) -> dict[str, int]:
        return {k: sum(c[k] for c in self.per_file.values()) for k in ("read", "loaded", "rejected")}


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def build(source: Path, db: Path, progress: Progress | None = None, force: bool = False, *,
          guarded: bool = False, accept_loss: bool = False) -> BuildResult:
    """Build `db` from the source folder; raises BuildError (nothing written) on fatal problems.

    When no source file, no exclusion and no ETL code changed since the last build, the database
    is kept as it is and only the run is recorded (unless `force`). `guarded`: refuse (LossRefused,
    nothing written) a build that loses too much of the current database, unless `accept_loss`.
    """
    with build_lock(Path(db)):  # one writer per database: a concurrent build or `forget` waits here
        return _build(Path(source), Path(db), progress, force, guarded, accept_loss)


def _build(source: Path, db: Path, progress: Progress | None, force: bool, guarded: bool,
           accept_loss: bool) -> BuildResult:
    started, t0 = _now(), time.perf_counter()
    refuse_foreign_file(db)
    recover(db)  # a killed writer's journal would hide the previous run and its exclusions
    excluded = _excluded(db, source)
    files = scan_source(source)  # the one scan: every later step reads from it
    digests, contents = read_sources(source, files)  # the one read and hash of every file
    current = fingerprint(digests, excluded, [(f.path, f.reason) for f in files.skipped])
    if not force and source.is_dir():
        unchanged = _unchanged(db, current, started, t0)
        if unchanged is not None:
            return unchanged
    dataset, master_key, master_snapshot = _master_data(source, db, files, contents, digests, excluded, force)
    warnings: list[str] = []
    corrections, bad_rows = checked(*load_corrections(source, contents.get(source / CORRECTIONS_FILE)))
    change_log, bad_log = load_change_log(source, contents.get(source / CHANGE_LOG_FILE))
    corrector = Corrector(corrections)
    _count_maintenance(dataset, CORRECTIONS_FILE, len(corrections), bad_rows)
    _count_maintenance(dataset, CHANGE_LOG_FILE, len(change_log), bad_log)
    dataset.rejects += [Reject(f"{folder}/meta.json", 1, f"Version beschädigt, wird nicht angeboten: {why}", None)
                        for folder, why in versions.damaged(source)]
    corrector.teach(dataset)
    protocols = files.protocols
    if protocols:
        from etl.resolve.protocols import merge_protocols

        hashes = {path: info["sha256"] for path, info in digests.items()}
        warnings += merge_protocols(dataset, protocols, source, hashes, progress, previous_parse_cache(db), corrector,
                                    contents)
    warnings += _app_files(source, dataset, contents)
    corrector.apply(dataset)
    warnings += corrector.stale_notes()
    dataset.tables["corrections"] = {r["line"]: _correction_row(r) for r in corrector.rows()}
    dataset.tables["change_log"] = {i: _change_log_row(i, e) for i, e in enumerate(change_log, start=1)}
    link_meetings(dataset)
    if dataset.excluded:
        _erase(dataset, frozenset(dataset.excluded))
        warnings = [redact_free_text(w, frozenset(dataset.excluded)) or "" for w in warnings]
    per_file = {f: {"read": c.read, "loaded": c.loaded, "rejected": c.rejected}
                for f, c in sorted(dataset.counts.items())}
    table_rows = {name: len(rows) for name, rows in dataset.tables.items()}
    derived = derive_attendance.derive({"meetings": dataset.rows("meetings"), "people": dataset.rows("people"),
                                        "memberships": dataset.rows("memberships"),
                                        "attendance": dataset.rows("attendance")})  # after erasure: loaded rows only
    dataset.tables["org_attendance"] = derived["org_attendance"]
    dataset.tables["person_attendance"] = derived["person_attendance"]
    if guarded and not accept_loss:
        known = previous_source_digests(db)
        changed = {path: known[path][1] if path in known else 0 for path, info in digests.items()
                   if known.get(path, ("", 0))[0] != info["sha256"]}
        report = compare(previous_counts(db, COUNT_SQL), count_rows(dataset.tables), per_file, changed, dataset.rejects)
        if report.refused:
            raise LossRefused(report)
    totals = {k: sum(c[k] for c in per_file.values()) for k in ("read", "loaded", "rejected")}
    duration = time.perf_counter() - t0
    run = RunInfo(started=started, finished=_now(), source=str(source), status="rejects" if dataset.rejects else "ok",
                  rows_read=totals["read"], rows_loaded=totals["loaded"], rows_rejected=totals["rejected"],
                  duration_s=round(duration, 3),
                  summary={"files": per_file, "tables": table_rows, "warnings": warnings[:200],
                           "skipped": [{"path": f.path, "reason": f.reason} for f in files.skipped],
                           "fingerprint": current})
    dataset.tables["source_files"] = {path: _source_file_row(path, info, per_file) for path, info in digests.items()}
    run_id, findings = write_database(db, _sorted_tables(dataset), dataset.rejects, run,
                                      previous_history(db), excluded, incremental=not force)
    if master_snapshot is not None:
        cache.save(db, master_key, master_snapshot)
    rejects = dataset.rejects + [Reject(f.file, f.line, f.reason, f.raw) for f in findings]
    return BuildResult(db=db, run_id=run_id, status="ok" if not rejects else "rejects", per_file=per_file,
                       table_rows=table_rows, rejects=rejects, duration_s=time.perf_counter() - t0,
                       warnings=warnings, skipped=files.skipped)


def _count_maintenance(dataset: Dataset, file: str, good: int, bad: list[Reject]) -> None:
    """Rows of a file the app writes: read, loaded (applied or not, they are kept) or rejected."""
    if good or bad:
        counts = dataset.count(file)
        counts.read += good + len(bad)
        counts.loaded += good
        counts.rejected += len(bad)
        dataset.rejects += bad


def _excluded(db: Path, source: Path) -> list[ExcludedPeopleRow]:
    """The erasure lists of the database and of the source folder, united: a new database built from an
    erased folder stays erased."""
    known = previous_excluded(db)
    have = {row["key_hash"] for row in known}
    known += [{"key_hash": h, "added": added} for h, added in sorted(read_erasure_list(source).items())
              if h not in have]
    return known


def _app_files(source: Path, dataset: Dataset, contents: dict[Path, bytes]) -> list[str]:
    """Attendance captured in meetings (it wins over the protocols just merged) and the outreach records."""
    warnings: list[str] = []
    if (captured := read_app_file(source, CAPTURE_FILE, contents.get(source / CAPTURE_FILE))) is not None:
        warnings += merge_captured(dataset, stage(captured))
    if (outreach := read_app_file(source, OUTREACH_FILE, contents.get(source / OUTREACH_FILE))) is not None:
        add_outreach(dataset, stage(outreach))
    return warnings


def _correction_row(row: dict) -> CorrectionsRow:
    return {"line": row["line"], "created": row["when"], "who": row["who"], "kind": row["kind"],
            "target": row["target"], "old_value": row["old"] or None, "new_value": row["new"] or None,
            "reason": row["reason"] or None, "status": row["status"], "note": row["note"]}


def _master_data(source: Path, db: Path, files: SourceFiles, contents: dict[Path, bytes], digests: dict[str, dict],
                 excluded: list[ExcludedPeopleRow], force: bool) -> tuple[Dataset, str, bytes | None]:
    """The assembled master data: from the last build's snapshot when no master-data file changed
    (unless `force`), else staged and resolved from the bytes already read; then also a new snapshot to save
    after the build."""
    key = cache.master_key(digests, excluded)
    if not force and (cached := cache.load(db, key)) is not None:
        return cached, key, None
    tables = read_master_data(source, files, contents)
    staged = {name: stage(table) for name, table in tables.items()}
    dataset = assemble(staged, {row["key_hash"] for row in excluded})
    if dataset.excluded and _names_erased_people(dataset):
        return dataset, key, None  # the snapshot would keep the name next to the database
    return dataset, key, cache.snapshot(dataset)


def _erase(dataset: Dataset, excluded: frozenset[str]) -> None:
    """Redact erased people from every row and reject before anything is stored (same pass as `forget`)."""
    rejects: list[dict] = [{"file": r.file, "line": r.line, "reason": r.reason, "raw": r.raw} for r in dataset.rejects]
    erase_rows({**{name: list(rows.values()) for name, rows in dataset.tables.items()}, "rejects": rejects}, excluded)
    dataset.rejects = [Reject(r["file"], r["line"], r["reason"], r["raw"]) for r in rejects]


def _names_erased_people(dataset: Dataset) -> bool:
    """True when the assembled master data still names an erased person in full (it must not be cached)."""
    excluded = frozenset(dataset.excluded)
    texts = [row[c] for table, rows in dataset.tables.items() if table not in SKIP_TABLES
             for row in rows.values() for c in text_columns(table, row)]
    texts += [v for r in dataset.rejects for v in (r.reason, r.raw) if v]
    return any(find_names(text, excluded) for text in texts)


def _change_log_row(number: int, entry: dict) -> ChangeLogRow:
    return {"id": number, "changed_at": entry["when"], "who": entry["who"], "action": entry["action"],
            "file": entry["file"] or None, "detail": entry["detail"] or None}


def _source_file_row(path: str, info: dict, per_file: dict[str, dict[str, int]]) -> SourceFilesRow:
    """One row of source_files; a workbook sums the counts of its sheets."""
    counts = [c for f, c in per_file.items() if f == path or f.startswith(f"{path}:")]
    modified = datetime.fromtimestamp(info["mtime"], UTC).replace(microsecond=0).isoformat()
    kind = "protokoll" if path.startswith("protokolle/") else "stammdaten" if path.endswith(
        (".xlsx", *(f"{name}.csv" for name in MASTER_FILES))) else "pflege"
    return {"path": path, "kind": kind, "sha256": info["sha256"], "size": info["size"], "modified": modified,
            "rows_read": sum(c["read"] for c in counts), "rows_loaded": sum(c["loaded"] for c in counts),
            "rows_rejected": sum(c["rejected"] for c in counts)}


def _unchanged(db: Path, current: str, started: str, t0: float) -> BuildResult | None:
    """The result of the last build, re-recorded, when its fingerprint equals the current one."""
    last = last_run(db)
    if not last or last["fingerprint"] != current:
        return None
    duration = time.perf_counter() - t0
    run_id = record_unchanged_run(db, RunInfo(
        started=started, finished=_now(), source=last["source"], status=last["status"], rows_read=last["rows_read"],
        rows_loaded=last["rows_loaded"], rows_rejected=last["rows_rejected"], duration_s=round(duration, 3),
        summary=dict(last["summary"], unchanged=True)))
    summary = last["summary"]
    return BuildResult(db=db, run_id=run_id, status=last["status"], per_file=summary.get("files", {}),
                       table_rows=summary.get("tables", {}), rejects=last["rejects"],
                       duration_s=time.perf_counter() - t0, warnings=summary.get("warnings", []),
                       skipped=[Skipped(f["path"], f["reason"]) for f in summary.get("skipped", [])], unchanged=True)


def _sorted_tables(dataset: Dataset) -> dict[str, list[dict]]:
    """Rows in key order, so two builds from the same sources write identical tables.

    Groups go parents first: their self-reference is checked per insert batch.
    """
    tables = {name: [rows[k] for k in sorted(rows, key=str)] for name, rows in dataset.tables.items()}
    groups = dataset.rows("groups")

    def depth(row: GroupsRow) -> int:
        seen, level = {row["id"]}, 0
        while row["parent_id"] and row["parent_id"] in groups and row["parent_id"] not in seen:
            row = groups[row["parent_id"]]
            seen.add(row["id"])
            level += 1
        return level

    tables["groups"] = sorted(tables.get("groups", []), key=lambda r: (depth(r), r["id"]))
    return tables


SQLITE_HEADER = b"SQLite format 3\x00"


def refuse_foreign_file(db: Path) -> None:
    """Never replace a file that is not a database (a typo in --db must not destroy a document)."""
    if db.is_dir():
        raise BuildError(f"{db} ist ein Ordner, keine Datenbankdatei.")
    if not db.exists():
        return
    try:
        with db.open("rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise BuildError(f"{db}: Datei nicht lesbar ({exc.strerror}).") from exc
    if head and head != SQLITE_HEADER:
        raise BuildError(f"{db} ist keine SQLite-Datenbank; die Datei wird nicht überschrieben. "
                         "Bitte mit --db eine neue oder eine bestehende Netzwerkradar-Datenbank angeben.")


def fail_message(exc: BuildError) -> str:
    return f"Fehler: {exc} Die bisherige Datenbank bleibt unverändert."
