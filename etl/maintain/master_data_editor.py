"""Master data as tables to edit in the app: read a file's rows, check edited rows, write them back, Excel round trip.

Checking runs the build's own staging and resolving on the whole master data with the edited table in
place, so the app says exactly what the build would reject (German, per row), before anything is saved.
Streamlit-free; writing goes through `etl.maintain.maintenance` (versions kept, guarded build).
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from etl.core.errors import BuildError
from etl.extract.rows import SPECS, stage
from etl.extract.sources import MASTER_FILES, RawRow, read_csv_text, read_master_data, read_workbook
from etl.resolve.exclusions import erased_hashes
from etl.resolve.master_data import assemble
from etl.resolve.scrub import scrub_cells
from vocab.cells import storable

EDITABLE: tuple[str, ...] = ("organisations", "people", "groups", "memberships")
LABELS = {"organisations": "Organisationen", "people": "Personen", "groups": "Gruppen",
          "memberships": "Mitgliedschaften"}


@dataclass(frozen=True)
class RowProblem:
    """Why the build would reject one edited row: its row number in the editor (1 = first row) and the reason."""

    row: int
    reason: str

    @property
    def message(self) -> str:
        return f"Zeile {self.row}: {self.reason}"


def columns_of(name: str) -> list[str]:
    """The contract columns of a master-data file, in DESIGN.md order."""
    return list(SPECS[name])


def read_table(source: Path, name: str) -> tuple[list[str], list[dict[str, str]]]:
    """Columns (contract columns first, extra ones kept) and rows of one master-data table as text.

    What erasure allows only: a row about an erased person is left out, their name in other cells
    redacted (`etl.resolve.scrub`), so neither the editor nor the workbook download shows them.
    """
    try:
        tables = read_master_data(source)
    except BuildError:
        tables = {}
    table = tables.get(name)
    columns = columns_of(name)
    if table is None:
        return columns, []
    columns += [c for c in table.columns if c and c not in columns]
    rows = [[(row.values.get(c) or "") for c in columns] for row in table.rows]
    excluded = erased_hashes(source)
    if excluded:
        rows = [cells for cells in (scrub_cells(r, excluded)[0] for r in rows) if cells is not None]
    return columns, [dict(zip(columns, cells, strict=True)) for cells in rows]


def file_name(source: Path, name: str) -> str:
    """The file an edit of `name` writes: its CSV (a workbook sheet becomes a CSV, which takes precedence)."""
    for path in source.iterdir() if source.is_dir() else ():
        if path.is_file() and path.suffix.lower() == ".csv" and path.stem.lower() == name:
            return path.name
    return f"{name}.csv"


def render_csv(columns: list[str], rows: Sequence[Mapping[str, object]]) -> bytes:
    """Rows as a UTF-8 CSV (comma separated) with the header in `columns` order; empty cells stay empty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if _blank(row.get(c)) else str(row.get(c)).strip() for c in columns])
    return out.getvalue().encode("utf-8")


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or str(value).strip() in ("", "None", "nan")


def check_rows(source: Path, name: str, columns: list[str], rows: Sequence[Mapping[str, object]]) -> list[RowProblem]:
    """What the build would reject among the edited rows of `name`, with the rest of the master data as stored."""
    text = render_csv(columns, filled(rows)).decode("utf-8")
    try:
        tables = read_master_data(source)
    except BuildError:
        tables = {}
    shown = f"{name}.csv"
    tables[name] = read_csv_text(text, name, shown)
    try:
        staged = {n: stage(t) for n, t in tables.items()}
    except BuildError as exc:
        return [RowProblem(0, str(exc).removeprefix(f"{shown}: "))]
    dataset = assemble(staged)
    problems = [RowProblem(r.line - 1, r.reason) for r in dataset.rejects if r.file == shown and r.line]
    return sorted(set(problems), key=lambda p: (p.row, p.reason))


def workbook_bytes(source: Path) -> bytes:
    """All master data as one Excel workbook, one sheet per file (the format the build reads back), as
    erasure allows (`read_table`) and safe for any character a cell holds (`vocab.cells`)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    try:
        tables = read_master_data(source)
    except BuildError:
        tables = {}
    for name in MASTER_FILES:
        columns, rows = read_table(source, name) if name in tables else (columns_of(name), [])
        sheet = workbook.create_sheet(name)
        sheet.append(columns)
        for row in rows:
            # Any character a cell can hold, and a name starting with "=" stays a name, never a formula.
            sheet.append([storable(row[c]) if row.get(c) else None for c in columns])
            for cell in sheet[sheet.max_row]:
                if cell.data_type == "f":
                    cell.data_type = "s"
        for index, column in enumerate(columns, start=1):
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = max(12, min(40, len(column) + 10))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def workbook_to_csv(data: bytes) -> dict[str, bytes]:
    """The sheets of an uploaded master-data workbook as CSV files to write (file name -> content).

    Raises BuildError (German) when the workbook is unreadable or has no known sheet.
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stammdaten.xlsx"
        path.write_bytes(data)
        tables = read_workbook(path, Path(folder))
    if not tables:
        raise BuildError(f"Die Arbeitsmappe enthält kein Blatt mit einem bekannten Namen ({', '.join(MASTER_FILES)}).")
    return {f"{name}.csv": render_csv([c for c in table.columns if c], [_values(row) for row in table.rows])
            for name, table in tables.items()}


def _values(row: RawRow) -> dict[str, object]:
    return dict(row.values)



def filled(rows: Sequence[Mapping[str, object]]) -> list[Mapping[str, object]]:
    """The rows that hold anything (the editor's empty new rows are dropped)."""
    return [r for r in rows if not all(_blank(v) for v in r.values())]


def new_problems(source: Path, name: str, columns: list[str], original: Sequence[Mapping[str, object]],
                 edited: Sequence[Mapping[str, object]]) -> tuple[list[RowProblem], list[RowProblem]]:
    """(blocking, inherited) problems of the edited rows: a row the stored file already had with the same
    problem does not block saving (it was rejected before too); anything new does."""
    original, edited = filled(original), filled(edited)

    def content(row: Mapping[str, object]) -> tuple[str, ...]:
        return tuple("" if _blank(row.get(c)) else str(row.get(c)).strip() for c in columns)

    before = {(content(original[p.row - 1]), p.reason) for p in check_rows(source, name, columns, original)
              if 0 < p.row <= len(original)}
    blocking: list[RowProblem] = []
    inherited: list[RowProblem] = []
    for problem in check_rows(source, name, columns, edited):
        known = 0 < problem.row <= len(edited) and (content(edited[problem.row - 1]), problem.reason) in before
        (inherited if known else blocking).append(problem)
    return blocking, inherited
