"""Changes made in the app, as one guarded transaction: write source files (versions kept), rebuild, log.

Every change — an upload, a correction, an edited master-data table, an undo, a removed file — is
written as source files, then the database is rebuilt through the guard. A refused build leaves the
database as it was and the change pending: `cancel` puts the kept versions back, `confirm` builds
again accepting the loss. A fatal build error takes the change back at once. Each step is recorded
in the change log with who and when. Streamlit-free; serialised per database with a lock file
(Streamlit sessions are threads of one process).
"""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from etl.build.apply_corrections import problem
from etl.build.guard import GuardReport, LossRefused
from etl.build.pipeline import BuildResult, Progress, build
from etl.core.errors import BuildError
from etl.maintain import versions
from etl.maintain.correction_files import KINDS, Correction, add_correction, log_change
from etl.maintain.master_data_editor import render_csv
from etl.resolve.exclusions import ERASED_MESSAGE, erased_hashes, refuse_if_erased
from etl.resolve.scrub import erased_in_csv
from vocab.periods import local_time

NOTHING_STORED = "Es wurde nichts gespeichert."


@dataclass
class ChangeOutcome:
    """What one change did: the versions it kept, and the build (or why there is none)."""

    action: str
    who: str
    kept: list[versions.Version] = field(default_factory=list)
    result: BuildResult | None = None
    refused: GuardReport | None = None  # pending: cancel or confirm
    error: str | None = None  # taken back already
    cancelled: bool = False  # „Abbrechen“: the change was taken back, the database never replaced
    not_stored: bool = False  # refused before writing (`error` says why): nothing to take back

    @property
    def files(self) -> list[str]:
        return sorted({v.path for v in self.kept})


@contextlib.contextmanager
def lock(db: Path) -> Iterator[None]:
    """One writer per database at a time (uploads, corrections, edits, undo)."""
    db.parent.mkdir(parents=True, exist_ok=True)
    with open(db.with_name(f"{db.name}-upload.lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def change(source: Path, db: Path, who: str, action: str, write: Callable[[], list[versions.Version]],
           progress: Progress | None = None, detail: str = "") -> ChangeOutcome:
    """Run `write` (it keeps versions of what it replaces), then the guarded build, under the lock."""
    with lock(db):
        return run_locked(source, db, who, action, write, progress, detail)


def run_locked(source: Path, db: Path, who: str, action: str, write: Callable[[], list[versions.Version]],
               progress: Progress | None = None, detail: str = "") -> ChangeOutcome:
    """`change` for a caller that holds the lock already."""
    outcome = ChangeOutcome(action, who)
    outcome.kept = write()
    log_change(source, who, action, ", ".join(outcome.files), detail)
    try:
        outcome.result = build(source, db, progress, guarded=True)
    except LossRefused as exc:
        outcome.refused = exc.report
        log_change(source, who, f"{action}: zurückgehalten (zu viele Daten verloren)", ", ".join(outcome.files),
                   "; ".join(exc.report.reasons()))
    except BuildError as exc:
        _undo(source, outcome.kept, who)
        outcome.error = str(exc)
        log_change(source, who, f"{action}: zurückgenommen (Fehler beim Laden)", ", ".join(outcome.files), str(exc))
    except BaseException:
        _undo(source, outcome.kept, who)
        raise
    return outcome


def _undo(source: Path, kept: list[versions.Version], who: str) -> None:
    for version in reversed(kept):
        versions.restore(source, version.id, who, "Änderung zurückgenommen")


def confirm(source: Path, db: Path, outcome: ChangeOutcome, who: str) -> ChangeOutcome:
    """„Trotzdem übernehmen“: build again accepting the loss the guard reported."""
    with lock(db):
        log_change(source, who, f"{outcome.action}: trotzdem übernommen", ", ".join(outcome.files),
                   "; ".join(outcome.refused.reasons()) if outcome.refused else "")
        result = build(source, db, guarded=True, accept_loss=True)
    return ChangeOutcome(outcome.action, who, outcome.kept, result)


def cancel(source: Path, db: Path, outcome: ChangeOutcome, who: str) -> ChangeOutcome:
    """„Abbrechen“: put back what the change replaced; the database was never replaced, only the log is new."""
    with lock(db):
        _undo(source, outcome.kept, who)
        log_change(source, who, f"{outcome.action}: abgebrochen", ", ".join(outcome.files), "")
        return ChangeOutcome(outcome.action, who, [], _build_quietly(source, db), cancelled=True)


def _build_quietly(source: Path, db: Path) -> BuildResult | None:
    try:
        return build(source, db, guarded=True)
    except BuildError:
        return None


# --- the changes the app offers -----------------------------------------------------------------


def add_corrections(source: Path, db: Path, corrections: list[Correction], action: str) -> ChangeOutcome:
    """Append corrections to korrekturen.csv and rebuild; a correction the build would reject
    (`etl.build.apply_corrections.problem`) or one naming an erased person is refused before anything is written."""
    who = corrections[0].who if corrections else ""
    refused = [f"{why}." for c in corrections if (why := problem(c)) is not None]
    refused += refuse_if_erased([v for c in corrections for v in (c.target, c.old, c.new, c.reason)], source, db)
    if refused:
        return ChangeOutcome(action, who, error=" ".join([*dict.fromkeys(refused), NOTHING_STORED]), not_stored=True)

    def write() -> list[versions.Version]:
        kept = [add_correction(source, correction) for correction in corrections]
        return kept[:1]  # the state before the first correction is all an undo needs

    detail = "; ".join(f"{KINDS.get(c.kind, c.kind)}: {c.target}" + (f" → {c.new}" if c.new else "")
                       for c in corrections)
    return change(source, db, who, action, write, detail=detail)


def write_files(source: Path, db: Path, files: dict[str, bytes], who: str, action: str,
                progress: Progress | None = None, detail: str = "") -> ChangeOutcome:
    """Replace or add source files (relative path -> content) and rebuild; a CSV that names an erased
    person in any cell is refused before anything is written."""
    refused = erased_rows(source, db, files)
    if refused:
        return ChangeOutcome(action, who, error=" ".join([*refused[:5], NOTHING_STORED]), not_stored=True)

    def write() -> list[versions.Version]:
        return [versions.replace_file(source, path, data, who, action) for path, data in files.items()]

    return change(source, db, who, action, write, progress, detail)


def edit_table(source: Path, db: Path, file: str, columns: list[str], before: Sequence[Mapping[str, object]],
               after: Sequence[Mapping[str, object]], who: str, action: str = "") -> ChangeOutcome | None:
    """Save an edited master-data table with its changes (old -> new) in the change log; None when nothing changed.

    Saving an unchanged table makes no version, no log line and no build: the log lists what people changed.
    """
    changes = table_changes(columns, before, after)
    if not changes:
        return None
    return write_files(source, db, {file: render_csv(columns, after)}, who,
                       action or f"Stammdaten bearbeitet: {file}", detail="; ".join(changes))


def table_changes(columns: list[str], before: Sequence[Mapping[str, object]],
                  after: Sequence[Mapping[str, object]]) -> list[str]:
    """What an edit changed, row by row, as the change log shows it: old and new value of every changed cell.

    Rows are matched by position (the editor keeps the order; deleted rows leave it, new rows come last):
    'Zeile 2 (itb): region „Nord“ → „Süd“', 'neu: Zeile 5 (Kessler & Partner)', 'gelöscht: Zeile 3 (BAuA)'.
    A deleted row in the middle shifts the rows after it; they are matched by their first column then.
    """
    def cells(row: Mapping[str, object]) -> tuple[str, ...]:
        return tuple(_cell(row.get(c)) for c in columns)

    old = [cells(r) for r in before if any(cells(r))]
    new = [cells(r) for r in after if any(cells(r))]
    found: list[str] = []
    kept_old, kept_new = _match(old, new)
    for i, j in zip(kept_old, kept_new, strict=True):
        diffs = [f"{c} {_quoted(a)} → {_quoted(b)}" for c, a, b in zip(columns, old[i], new[j], strict=True) if a != b]
        if diffs:
            found.append(f"Zeile {j + 1} ({new[j][0] or old[i][0]}): " + ", ".join(diffs))
    found += [f"gelöscht: {old[i][0] or _joined(old[i])}" for i in range(len(old)) if i not in kept_old]
    found += [f"neu: {_joined(new[j])}" for j in range(len(new)) if j not in kept_new]
    return found


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def _quoted(value: str) -> str:
    return f"„{value}“" if value else "(leer)"


def _joined(row: tuple[str, ...]) -> str:
    return ", ".join(v for v in row if v)


def _match(old: list[tuple[str, ...]], new: list[tuple[str, ...]]) -> tuple[list[int], list[int]]:
    """Pairs (old index, new index) of rows that are the same row before and after, in order.

    Unchanged rows and rows with the same first cell (name, group) pair up in order; when as many rows are
    left on both sides, they pair up in order too (a renamed row); else a row left over was deleted or added.
    """
    pairs: list[tuple[int, int]] = []
    for kind in ("row", "first"):
        taken_old = {i for i, _ in pairs}
        taken_new = {j for _, j in pairs}
        free_old = [i for i in range(len(old)) if i not in taken_old]
        free_new = [j for j in range(len(new)) if j not in taken_new]
        a = [old[i] if kind == "row" else old[i][:1] for i in free_old]
        b = [new[j] if kind == "row" else new[j][:1] for j in free_new]
        for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
            pairs += [(free_old[block.a + k], free_new[block.b + k]) for k in range(block.size)]
    left_old = [i for i in range(len(old)) if i not in {i for i, _ in pairs}]
    left_new = [j for j in range(len(new)) if j not in {j for _, j in pairs}]
    if len(left_old) == len(left_new):
        pairs += zip(left_old, left_new, strict=True)
    pairs.sort()
    return [i for i, _ in pairs], [j for _, j in pairs]


def erased_rows(source: Path, db: Path, files: dict[str, bytes]) -> list[str]:
    """German refusals, with file and line, for cells of CSV files or workbook sheets that name a person
    erased on request."""
    from etl.maintain.master_data_editor import workbook_to_csv

    excluded = erased_hashes(source, db)
    if not excluded:
        return []
    tables: dict[str, bytes] = {}
    for path, data in files.items():
        if path.lower().endswith(".csv"):
            tables[path] = data
        elif path.lower().endswith(".xlsx"):
            with contextlib.suppress(BuildError):  # an unreadable workbook is the build's to reject
                tables |= {f"{path}:{name.removesuffix('.csv')}": sheet
                           for name, sheet in workbook_to_csv(data).items()}
    return [f"{path}, Zeile {line}: {ERASED_MESSAGE.format(cell)}" for path, data in tables.items()
            for line, cell in erased_in_csv(data, excluded)]


def remove_source_file(source: Path, db: Path, path: str, who: str) -> ChangeOutcome:
    """Remove a stored file from the source folder (a version is kept) and rebuild."""
    return change(source, db, who, f"Datei entfernt: {path}",
                  lambda: [versions.remove_file(source, path, who, "entfernt")])


def restore_version(source: Path, db: Path, version_id: str, who: str) -> ChangeOutcome:
    """„Rückgängig“: put a kept version back (the state it replaces is kept as a version too) and rebuild."""
    version = versions.get(source, version_id)
    return change(source, db, who, f"Rückgängig: {version.path} vom {local_time(version.saved)}",
                  lambda: [versions.restore(source, version_id, who)])
