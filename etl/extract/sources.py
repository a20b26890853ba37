"""Extract: read the master-data files of a source folder into raw rows with line numbers.

CSV may be `,`, `;` or tab separated, UTF-8 with or without BOM or Windows-1252: all of it is
detected, because the files come straight out of Excel on different machines. One `.xlsx`
workbook with a sheet per file name works as well.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from etl.errors import BuildError
from etl.extract.safe_zip import check_zip

MASTER_FILES: tuple[str, ...] = (
    "organisations", "people", "groups", "memberships", "meetings", "attendance",
    "projects", "project_partners", "project_events", "reports",
)
PROTOCOL_SUFFIXES = (".md", ".txt", ".docx", ".pdf")


@dataclass
class RawRow:
    """One data row as written, with the line (CSV) or row number (XLSX) it came from."""

    line: int
    values: dict[str, str | None]
    raw: str


@dataclass
class RawTable:
    """All rows of one master-data file or sheet."""

    name: str
    path: str  # as shown to users: relative to the source folder, with ":sheet" for workbooks
    columns: list[str]
    rows: list[RawRow] = field(default_factory=list)


def decode(data: bytes, path: str) -> str:
    """Text of a file in UTF-8 (BOM or not) or, failing that, Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise BuildError(f"{path}: Datei ist weder UTF-8 noch Windows-1252 (Byte {exc.start}).") from exc


def sniff_delimiter(header: str) -> str:
    """The separator of a CSV file, judged from its header line."""
    counts = {sep: header.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _header_key(name: str) -> str:
    return name.strip().lstrip("\ufeff").strip().lower()


def read_csv_text(text: str, name: str, path: str) -> RawTable:
    """Parse CSV text into a RawTable; line numbers are physical lines, the header is line 1."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text), delimiter=sniff_delimiter(first_line))
    lines = text.split("\n")
    try:
        header = next(reader)
    except StopIteration:
        return RawTable(name, path, [])
    except csv.Error as exc:
        raise BuildError(f"{path}: Kopfzeile nicht lesbar ({exc}).") from exc
    columns = [_header_key(col) for col in header]
    table = RawTable(name, path, columns)
    previous_end = reader.line_num
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise BuildError(f"{path}, Zeile {reader.line_num}: CSV nicht lesbar ({exc}).") from exc
        start, previous_end = previous_end + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        raw = "\n".join(lines[start - 1:reader.line_num])
        values = {col: (cells[i] if i < len(cells) else None) for i, col in enumerate(columns) if col}
        if len(cells) > len(columns):
            values["__extra__"] = "|".join(cells[len(columns):])
        table.rows.append(RawRow(start, values, raw))
    return table


def read_workbook(path: Path, root: Path) -> dict[str, RawTable]:
    """Every known sheet of an .xlsx workbook as RawTables (row numbers as in Excel)."""
    from openpyxl import load_workbook

    shown = path.relative_to(root).as_posix()
    check_zip(path, lambda message: BuildError(f"{shown}: Arbeitsmappe abgelehnt: {message}."))  # before unpacking
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise BuildError(f"{shown}: Arbeitsmappe ist beschädigt oder kein .xlsx ({exc}).") from exc
    except Exception as exc:  # openpyxl raises many types for broken workbooks
        raise BuildError(f"{shown}: Arbeitsmappe nicht lesbar ({type(exc).__name__}: {exc}).") from exc
    tables: dict[str, RawTable] = {}
    try:
        for sheet in workbook.worksheets:
            name = sheet.title.strip().lower()
            if name not in MASTER_FILES:
                continue
            rows = sheet.iter_rows(values_only=True)
            header = next(rows, None)
            if header is None:
                continue
            columns = [_header_key(str(col)) if col is not None else "" for col in header]
            table = RawTable(name, f"{shown}:{sheet.title}", columns)
            for number, cells in enumerate(rows, start=2):
                if not any(c is not None and str(c).strip() for c in cells):
                    continue
                values = {col: _cell(cells[i]) if i < len(cells) else None
                          for i, col in enumerate(columns) if col}
                raw = ";".join("" if c is None else str(c) for c in cells)
                table.rows.append(RawRow(number, values, raw))
            tables[name] = table
    finally:
        workbook.close()
    return tables


def _cell(value: object) -> str | None:
    if value is None:
        return None
    if hasattr(value, "year") and hasattr(value, "month"):
        return value.strftime("%Y-%m-%d")  # type: ignore[attr-defined]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def find_master_files(root: Path) -> dict[str, Path]:
    """Map each known master-data name to its CSV file in the source folder (case-insensitive)."""
    found: dict[str, Path] = {}
    for path in sorted(root.iterdir()):
        stem, suffix = path.stem.lower(), path.suffix.lower()
        if path.is_file() and suffix == ".csv" and stem in MASTER_FILES:
            found[stem] = path
    return found


def read_master_data(root: Path) -> dict[str, RawTable]:
    """All master-data tables of a source folder: CSV files, or one workbook if there is no CSV."""
    if not root.exists():
        raise BuildError(f"Quellordner {root} nicht gefunden.")
    if not root.is_dir():
        raise BuildError(f"{root} ist kein Ordner.")
    tables: dict[str, RawTable] = {}
    for name, path in find_master_files(root).items():
        shown = path.relative_to(root).as_posix()
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise BuildError(f"{shown}: Datei nicht lesbar ({exc.strerror}).") from exc
        tables[name] = read_csv_text(decode(data, shown), name, shown)
    workbooks = sorted(p for p in root.iterdir() if p.suffix.lower() == ".xlsx" and not p.name.startswith("~$"))
    for workbook in workbooks:
        for name, table in read_workbook(workbook, root).items():
            tables.setdefault(name, table)
    if "organisations" not in tables:
        raise BuildError(
            f"{root}: keine Organisationsliste gefunden (organisations.csv oder Blatt "
            "„organisations“ in einer .xlsx-Arbeitsmappe)."
        )
    return tables


def find_protocols(root: Path) -> list[Path]:
    """Every protocol file under `<root>/protokolle/`, at any depth, in a stable order."""
    folder = root / "protokolle"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in PROTOCOL_SUFFIXES
                  and not p.name.startswith((".", "~$")))
