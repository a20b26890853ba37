"""Corrections and the change log as files in the source folder: what people fixed in the app, and who did what.

`korrekturen.csv` (when, who, kind, target, old, new, reason) is applied by every build (`etl.build.apply_corrections`),
so a rebuild from scratch gives the same database and the file can be reviewed like the rest.
`aenderungsprotokoll.csv` (when, who, action, file, detail) records every change made through the app;
the build loads it into `change_log`. Both are plain CSV, UTF-8, written atomically with a version kept.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from etl.extract.rows import Reject
from etl.maintain import versions

CORRECTIONS_FILE = "korrekturen.csv"
CHANGE_LOG_FILE = "aenderungsprotokoll.csv"
CORRECTION_COLUMNS = ("when", "who", "kind", "target", "old", "new", "reason")
CHANGE_LOG_COLUMNS = ("when", "who", "action", "file", "detail")

# kind -> German label. Targets: a name for merges and ignores, "<protocol file>" for meeting facts,
# "<protocol file>|<person name>" for a participant's status, "<file>|<line>" for an unreadable line,
# the task's id (action_items.id) for a task's status (new: offen | erledigt; old: the task's text, for people).
KINDS: dict[str, str] = {
    "merge_organisation": "Organisation ist dieselbe wie",
    "merge_group": "Gruppe ist dieselbe wie",
    "merge_person": "Person ist dieselbe wie",
    "ignore_organisation": "Organisation ignorieren",
    "ignore_person": "kein Teilnehmer",
    "ignore_line": "Zeile ignorieren",
    "status": "Status korrigieren",
    "add_participant": "Teilnehmer ergänzen",
    "date": "Datum korrigieren",
    "group": "Gruppe korrigieren",
    "checked": "als geprüft markiert",
    "task_status": "Aufgabenstatus setzen",
}


@dataclass(frozen=True)
class Correction:
    """One row of korrekturen.csv; `line` is its line in the file (for reports), 0 for a new one."""

    when: str
    who: str
    kind: str
    target: str
    old: str
    new: str
    reason: str
    line: int = 0

    def row(self) -> dict[str, str]:
        data = asdict(self)
        return {c: data[c] for c in CORRECTION_COLUMNS}


def _read(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    return [(line, values) for line, values, _ in _read_checked(path, columns)[0]]


def _read_checked(path: Path, columns: tuple[str, ...],
                  data: bytes | None = None) -> tuple[list[tuple[int, dict[str, str], str]], list[Reject]]:
    """(line, values, raw) of every row, and the lines that are no row (broken quoting, extra cells).

    `data`: the file's bytes as a build read them (from its scan, which never follows a link out of the folder).
    """
    if data is None:
        if not path.is_file():
            return [], []
        if path.is_symlink() and not path.resolve().is_relative_to(path.parent.resolve()):
            return [], [Reject(path.name, None, "Verknüpfung auf ein Ziel außerhalb des Quellordners – nicht gelesen",
                               None)]
        data = path.read_bytes()
    text = data.decode("utf-8-sig", errors="replace")
    lines = text.splitlines()
    reader = csv.DictReader(io.StringIO(text.replace("\x00", "\ufffd")), restkey="__extra__")
    found: list[tuple[int, dict[str, str], str]] = []
    bad: list[Reject] = []
    start = 2
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            bad.append(Reject(path.name, start, f"Zeile nicht lesbar ({exc})", _raw(lines, start, reader.line_num)))
            break  # the csv reader cannot resume after a broken quote
        raw = _raw(lines, start, reader.line_num)
        if record.get("__extra__"):  # kept when the app rewrites the file, never applied by a build
            bad.append(Reject(path.name, start, f"mehr Spalten als die Kopfzeile ({', '.join(columns)})", raw))
        found.append((start, {c: (record.get(c) or "").strip() for c in columns}, raw))
        start = reader.line_num + 1
    return found, bad


def _raw(lines: list[str], first: int, last: int) -> str:
    return "\n".join(lines[first - 1:max(first, last)])


def _render(columns: tuple[str, ...], rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def read_corrections(source: Path) -> list[Correction]:
    """Every correction in the file, in file order; rows of unknown kind are kept (reported by the build)."""
    return [Correction(**values, line=line) for line, values in _read(source / CORRECTIONS_FILE, CORRECTION_COLUMNS)]


def add_correction(source: Path, correction: Correction) -> versions.Version:
    """Append one correction; returns the version of the previous file that was kept."""
    rows = [c.row() for c in read_corrections(source)] + [correction.row()]
    return versions.replace_file(source, CORRECTIONS_FILE, _render(CORRECTION_COLUMNS, rows), correction.who,
                          f"Korrektur: {KINDS.get(correction.kind, correction.kind)}")


def read_change_log(source: Path) -> list[dict[str, str]]:
    return [values for _, values in _read(source / CHANGE_LOG_FILE, CHANGE_LOG_COLUMNS)]


def load_corrections(source: Path, data: bytes | None = None) -> tuple[list[tuple[Correction, str]], list[Reject]]:
    """Every readable row of korrekturen.csv with its text as written, and the lines that are none (`data`: the
    file's bytes, when the build has read them already)."""
    found, bad = _read_checked(source / CORRECTIONS_FILE, CORRECTION_COLUMNS, data)
    rejected = {r.line for r in bad}
    return [(Correction(**values, line=line), raw) for line, values, raw in found if line not in rejected], bad


def load_change_log(source: Path, data: bytes | None = None) -> tuple[list[dict[str, str]], list[Reject]]:
    """The change log's entries that can be loaded, and the rejected lines: no time or no action (`data` as in
    `load_corrections`)."""
    path = source / CHANGE_LOG_FILE
    found, bad = _read_checked(path, CHANGE_LOG_COLUMNS, data)
    rejected = {r.line for r in bad}
    entries = []
    for line, values, raw in found:
        if line in rejected:
            continue
        problem = None
        try:
            datetime.fromisoformat(values["when"])
        except ValueError:
            problem = f"„{values['when']}“ ist kein Zeitpunkt (erwartet JJJJ-MM-TTThh:mm:ss)"
        if problem is None and not values["action"]:
            problem = "Aktion fehlt"
        if problem:
            bad.append(Reject(CHANGE_LOG_FILE, line, f"Änderungsprotokoll: {problem}", raw))
        else:
            entries.append(values)
    return entries, sorted(bad, key=lambda r: r.line or 0)


def log_change(source: Path, who: str, action: str, file: str, detail: str) -> None:
    """Record one change made through the app: who, when, what, which file (no version: the log only grows)."""
    rows = read_change_log(source) + [{"when": versions.now(), "who": who, "action": action, "file": file,
                                       "detail": detail}]
    versions.write_bytes(source / CHANGE_LOG_FILE, _render(CHANGE_LOG_COLUMNS, rows))
