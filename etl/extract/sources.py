"""Extract: sort the files of a source folder (`scan_source`, once per build) and read the master-data files
into raw rows with line numbers.

CSV may be `,`, `;` or tab separated, UTF-8 with or without BOM or Windows-1252: all of it is
detected, because the files come straight out of Excel on different machines. One `.xlsx`
workbook with a sheet per file name works as well.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from etl.core.errors import BuildError
from etl.extract.readers import ADVICE, SUFFIXES
from etl.extract.safe_zip import check_zip
from vocab.paths import CAPTURE_FILE, OUTREACH_FILE

MASTER_FILES: tuple[str, ...] = (
    "organisations", "people", "groups", "memberships", "meetings", "attendance",
    "projects", "project_partners", "project_events", "reports",
)
PROTOCOL_SUFFIXES = SUFFIXES  # every format the protocol readers read


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
    hidden: bool = False  # a hidden workbook sheet: not read, only reported


def decode(data: bytes, path: str) -> str:
    """Text of a file in UTF-8 (BOM or not) or Windows-1252, decided per line.

    Per line, because a file that was edited on two machines mixes both: decoding it as a whole in
    Windows-1252 would turn the UTF-8 lines' "Jürgen" into "JÃ¼rgen" without a word.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    lines = data.removeprefix(b"\xef\xbb\xbf").split(b"\n")
    decoded = []
    for number, line in enumerate(lines, start=1):
        try:
            decoded.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        try:
            decoded.append(line.decode("cp1252"))
        except UnicodeDecodeError as exc:
            raise BuildError(f"{path}, Zeile {number}: weder UTF-8 noch Windows-1252 (Byte {exc.start}).") from exc
    return "\n".join(decoded)


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


def read_workbook(path: Path, root: Path, data: bytes | None = None) -> dict[str, RawTable]:
    """Every known sheet of an .xlsx workbook as RawTables (row numbers as in Excel); `data`: its bytes, when
    the caller has read them already."""
    from openpyxl import load_workbook

    shown = path.relative_to(root).as_posix()
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise BuildError(f"{shown}: Datei nicht lesbar ({exc.strerror}).") from exc
    check_zip(data, lambda message: BuildError(f"{shown}: Arbeitsmappe abgelehnt: {message}."))  # before unpacking
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        # read again from the same bytes, to tell "empty" from "never calculated"
        formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise BuildError(f"{shown}: Arbeitsmappe ist beschädigt oder kein .xlsx ({exc}).") from exc
    except Exception as exc:  # openpyxl raises many types for broken workbooks
        raise BuildError(f"{shown}: Arbeitsmappe nicht lesbar ({type(exc).__name__}: {exc}).") from exc
    tables: dict[str, RawTable] = {}
    try:
        for sheet, formula_sheet in zip(workbook.worksheets, formulas.worksheets, strict=True):
            name = sheet.title.strip().lower()
            if name not in MASTER_FILES:
                continue
            if sheet.sheet_state != "visible":
                tables[name] = RawTable(name, f"{shown}:{sheet.title}", [], hidden=True)
                continue
            rows = sheet.iter_rows(values_only=True)
            formula_rows = formula_sheet.iter_rows(values_only=True)
            header = next(rows, None)
            next(formula_rows, None)
            if header is None:
                continue
            columns = [_header_key(str(col)) if col is not None else "" for col in header]
            table = RawTable(name, f"{shown}:{sheet.title}", columns)
            for number, (cells, written) in enumerate(zip(rows, formula_rows, strict=False), start=2):
                uncalculated = [columns[i] or f"Spalte {i + 1}" for i, (c, f) in enumerate(zip(cells, written,
                                                                                            strict=False))
                                if c is None and isinstance(f, str) and f.startswith("=") and i < len(columns)]
                if not uncalculated and not any(c is not None and str(c).strip() for c in cells):
                    continue
                values = {col: _cell(cells[i]) if i < len(cells) else None
                          for i, col in enumerate(columns) if col}
                if uncalculated:
                    values["__formula__"] = ", ".join(uncalculated)
                raw = ";".join("" if c is None else str(c) for c in (
                    f if c is None and isinstance(f, str) else c for c, f in zip(cells, written, strict=False)))
                table.rows.append(RawRow(number, values, raw))
            tables[name] = table
    finally:
        workbook.close()
        formulas.close()
    return tables


def _cell(value: object) -> str | None:
    if value is None:
        return None
    if hasattr(value, "year") and hasattr(value, "month"):
        return value.strftime("%Y-%m-%d")  # type: ignore[attr-defined]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass(frozen=True)
class Skipped:
    """A file or folder in the source folder that a build does not read, and why (German)."""

    path: str
    reason: str


# Written by the app (etl.maintain.correction_files, etl.maintain.fieldwork), read by every build after resolving.
MAINTENANCE_FILES = ("korrekturen.csv", "aenderungsprotokoll.csv", CAPTURE_FILE, OUTREACH_FILE)


@dataclass
class SourceFiles:
    """What a build reads from a source folder, and what it leaves aside."""

    master: dict[str, Path] = field(default_factory=dict)  # master-data name -> CSV file
    workbooks: list[Path] = field(default_factory=list)
    protocols: list[Path] = field(default_factory=list)
    maintenance: list[Path] = field(default_factory=list)  # corrections and change log made in the app
    skipped: list[Skipped] = field(default_factory=list)

    def all(self) -> list[Path]:
        return sorted([*self.master.values(), *self.workbooks, *self.protocols, *self.maintenance])


def _outside(path: Path, root: Path) -> bool:
    """True for a symbolic link whose target lies outside the source folder (never followed)."""
    if not path.is_symlink():
        return False
    try:
        path.resolve(strict=True).relative_to(root.resolve())
    except (OSError, ValueError):
        return True
    return False


def scan_source(root: Path) -> SourceFiles:
    """Sort the entries of a source folder into master data, workbooks and protocols; list the rest as skipped."""
    found = SourceFiles()
    if not root.is_dir():
        return found
    for path in sorted(root.iterdir()):
        shown = path.relative_to(root).as_posix()
        stem, suffix = path.stem.lower(), path.suffix.lower()
        if reason := _not_read(path, root):
            found.skipped.append(Skipped(shown, reason))
        elif path.is_dir():
            if path.name == "protokolle" and not path.is_symlink():
                _scan_protocols(path, root, found)
            elif path.is_symlink():
                found.skipped.append(Skipped(shown, "verknüpfter Ordner wird nicht gelesen"))
            else:
                found.skipped.append(Skipped(shown, "Ordner wird nicht gelesen "
                                                    "(Protokolle gehören nach „protokolle/“)"))
        elif suffix == ".csv" and stem in MASTER_FILES:
            other = found.master.get(stem)
            if other is None or (other.name != f"{stem}.csv" and path.name == f"{stem}.csv"):
                if other is not None:
                    found.skipped.append(Skipped(other.name, f"doppelt neben „{path.name}“ (nur die klein "
                                                             "geschriebene Datei wird gelesen)"))
                found.master[stem] = path
            else:
                found.skipped.append(Skipped(shown, f"doppelt neben „{other.name}“ (nur die klein geschriebene "
                                                    "Datei wird gelesen)"))
        elif suffix == ".xlsx":
            found.workbooks.append(path)
        elif path.name in MAINTENANCE_FILES:
            found.maintenance.append(path)
        elif suffix == ".csv":
            found.skipped.append(Skipped(shown, "unbekannter Dateiname (erwartet: "
                                                f"{', '.join(f'{n}.csv' for n in MASTER_FILES)})"))
        else:
            found.skipped.append(Skipped(shown, "keine Stammdatendatei (.csv, .xlsx) – Protokolle gehören nach "
                                                "„protokolle/“"))
    found.protocols.sort()
    found.skipped.sort(key=lambda f: f.path)
    return found


def _not_read(path: Path, root: Path) -> str | None:
    """Why an entry is never read at all: hidden, an Office lock file, a link leading out, not a plain file."""
    if path.name.startswith("."):
        return "versteckte Datei" if not path.is_dir() else "versteckter Ordner"
    if path.name.startswith("~$"):
        return "Sperrdatei von Excel oder Word"
    if _outside(path, root):
        return "Verknüpfung auf ein Ziel außerhalb des Quellordners – nicht gefolgt"
    if not path.is_dir() and not path.is_file():
        return "keine gewöhnliche Datei"
    return None


def _scan_protocols(folder: Path, root: Path, found: SourceFiles) -> None:
    for path in sorted(folder.iterdir()):
        shown = path.relative_to(root).as_posix()
        if reason := _not_read(path, root):
            found.skipped.append(Skipped(shown, reason))
        elif path.is_dir():
            if path.is_symlink():
                found.skipped.append(Skipped(shown, "verknüpfter Ordner wird nicht gelesen"))
            else:
                _scan_protocols(path, root, found)
        elif path.suffix.lower() in PROTOCOL_SUFFIXES:
            found.protocols.append(path)
        elif path.suffix.lower() in ADVICE:  # an office type not read: say what to do instead
            found.skipped.append(Skipped(shown, ADVICE[path.suffix.lower()]))
        else:
            found.skipped.append(Skipped(shown, "kein Protokollformat (erwartet: "
                                                f"{', '.join(PROTOCOL_SUFFIXES)})"))


def read_master_data(root: Path, files: SourceFiles | None = None,
                     contents: Mapping[Path, bytes] | None = None) -> dict[str, RawTable]:
    """All master-data tables of a source folder: CSV files, or one workbook if there is no CSV.

    A build passes its one scan of the folder (`files`) and the bytes it read and hashed (`contents`), so no
    file is found or read twice; other callers leave both out.
    """
    if not root.exists():
        raise BuildError(f"Quellordner {root} nicht gefunden.")
    if not root.is_dir():
        raise BuildError(f"{root} ist kein Ordner.")
    tables: dict[str, RawTable] = {}
    files = files if files is not None else scan_source(root)
    contents = contents or {}
    for name, path in files.master.items():
        shown = path.relative_to(root).as_posix()
        try:
            data = contents[path] if path in contents else path.read_bytes()
        except OSError as exc:
            raise BuildError(f"{shown}: Datei nicht lesbar ({exc.strerror}).") from exc
        if not data:
            raise BuildError(f"{shown}: Datei ist leer (0 Byte) – vermutlich ein abgebrochener Export. "
                             "Bitte die Datei neu exportieren oder entfernen.")
        tables[name] = read_csv_text(decode(data, shown), name, shown)
    for workbook in files.workbooks:
        for name, table in read_workbook(workbook, root, contents.get(workbook)).items():
            if name not in tables or (tables[name].hidden and not table.hidden):
                tables[name] = table
    if "organisations" in tables and tables["organisations"].hidden:
        raise BuildError(f"{tables['organisations'].path}: das Blatt „organisations“ ist ausgeblendet; "
                         "bitte in Excel einblenden.")
    if "organisations" not in tables:
        raise BuildError(
            f"{root}: keine Organisationsliste gefunden (organisations.csv oder Blatt "
            "„organisations“ in einer .xlsx-Arbeitsmappe)."
        )
    return tables


def read_app_file(root: Path, file_name: str, data: bytes | None = None) -> RawTable | None:
    """One CSV file the app writes into the source folder (captured attendance, outreach) as raw rows.

    Read like master data (same decoding and separators), so a row typed by hand into it is checked the same
    way; None when the file does not exist. The table is named after the file stem (`etl.extract.rows.SPECS`).
    `data`: the file's bytes, when the build has read them already.
    """
    path = root / file_name
    if data is not None:
        return read_csv_text(decode(data, file_name), Path(file_name).stem, file_name)
    if not path.is_file():
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BuildError(f"{file_name}: Datei nicht lesbar ({exc.strerror}).") from exc
    return read_csv_text(decode(data, file_name), Path(file_name).stem, file_name)
