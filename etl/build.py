"""The build: source folder -> one SQLite database. Orchestration only; each step is its own module.

extract (`sources`) -> stage (`staging`) -> resolve and assemble (`assemble`, `merge_protocols`)
-> load and check (`load`). Exit codes: 0 all loaded, 1 some rows rejected, 2 fatal.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from etl.assemble import Dataset, assemble, link_meetings
from etl.errors import BuildError
from etl.load import RunInfo, previous_excluded, previous_history, previous_parse_cache, write_database
from etl.sources import find_protocols, read_master_data
from etl.staging import Reject, stage

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

    @property
    def exit_code(self) -> int:
        return 0 if self.status == "ok" else 1

    @property
    def totals(self) -> dict[str, int]:
        return {k: sum(c[k] for c in self.per_file.values()) for k in ("read", "loaded", "rejected")}


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def build(source: Path, db: Path, progress: Progress | None = None) -> BuildResult:
    """Build `db` from the source folder; raises BuildError (nothing written) on fatal problems."""
    started, t0 = _now(), time.perf_counter()
    source, db = Path(source), Path(db)
    tables = read_master_data(source)
    staged = {name: stage(table) for name, table in tables.items()}
    excluded = previous_excluded(db)
    dataset = assemble(staged, {row["key_hash"] for row in excluded})
    warnings: list[str] = []
    protocols = find_protocols(source)
    if protocols:
        from etl.merge_protocols import merge_protocols

        warnings += merge_protocols(dataset, protocols, source, progress, previous_parse_cache(db))
    link_meetings(dataset)
    per_file = {f: {"read": c.read, "loaded": c.loaded, "rejected": c.rejected}
                for f, c in sorted(dataset.counts.items())}
    table_rows = {name: len(rows) for name, rows in dataset.tables.items()}
    totals = {k: sum(c[k] for c in per_file.values()) for k in ("read", "loaded", "rejected")}
    duration = time.perf_counter() - t0
    run = RunInfo(started=started, finished=_now(), source=str(source), status="rejects" if dataset.rejects else "ok",
                  rows_read=totals["read"], rows_loaded=totals["loaded"], rows_rejected=totals["rejected"],
                  duration_s=round(duration, 3),
                  summary={"files": per_file, "tables": table_rows, "warnings": len(warnings)})
    run_id, findings = write_database(db, _sorted_tables(dataset), dataset.rejects, run,
                                      previous_history(db), excluded)
    rejects = dataset.rejects + [Reject(f.file, f.line, f.reason, f.raw) for f in findings]
    return BuildResult(db=db, run_id=run_id, status="ok" if not rejects else "rejects", per_file=per_file,
                       table_rows=table_rows, rejects=rejects, duration_s=time.perf_counter() - t0,
                       warnings=warnings)


def _sorted_tables(dataset: Dataset) -> dict[str, list[dict]]:
    """Rows in key order, so two builds from the same sources write identical tables.

    Groups go parents first: their self-reference is checked per insert batch.
    """
    tables = {name: [rows[k] for k in sorted(rows, key=str)] for name, rows in dataset.tables.items()}
    groups = dataset.rows("groups")

    def depth(row: dict) -> int:
        seen, level = {row["id"]}, 0
        while row.get("parent_id") and row["parent_id"] in groups and row["parent_id"] not in seen:
            row = groups[row["parent_id"]]
            seen.add(row["id"])
            level += 1
        return level

    tables["groups"] = sorted(tables.get("groups", []), key=lambda r: (depth(r), r["id"]))
    return tables


def fail_message(exc: BuildError) -> str:
    return f"Fehler: {exc} Die bisherige Datenbank bleibt unverändert."
