"""The app's two record files: attendance captured in a meeting and outreach to partners, written as source files.

`erfasste_anwesenheit.csv` holds one row per person and meeting (group, date, person, organisation, status,
captured_at, captured_by); saving a meeting again replaces that meeting's rows. `ansprache.csv` holds one row
per contact (date, organisation, group, who, channel, result, follow_up, note, recorded_by). Both are
UTF-8 CSV, written like korrekturen.csv (a version kept, change log, guarded build: `etl.maintain.maintenance`)
and read by every build (`etl.resolve.fieldwork`), so a rebuild from scratch gives the same database.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from etl.extract.sources import CAPTURE_FILE, OUTREACH_FILE, decode
from etl.maintain import maintenance, versions
from etl.resolve.exclusions import refuse_if_erased
from vocab.periods import german_date

CAPTURE_COLUMNS = ("group", "date", "person", "organisation", "status", "captured_at", "captured_by")
OUTREACH_COLUMNS = ("date", "organisation", "group", "who", "channel", "result", "follow_up", "note", "recorded_by")


@dataclass(frozen=True)
class Captured:
    """One person's status in a meeting as tapped in the app (status: present, excused, absent, guest)."""

    person: str
    organisation: str
    status: str


class ErasedPerson(ValueError):
    """A name of a person erased on request: never written into a source file again."""


def refuse_erased_names(source: Path, db: Path, names: Iterable[str]) -> None:
    """Raise ErasedPerson (German message) when a typed name is one of the people erased on request.

    The one call site for both files of the shared check every writer of the app uses
    (`etl.resolve.exclusions.refuse_if_erased`: every spelling `person_key` folds, also inside a longer text).
    """
    refused = refuse_if_erased(list(names), source, db)
    if refused:
        raise ErasedPerson(" ".join(refused))


def _read(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    text = decode(path.read_bytes(), path.name)
    first = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text), delimiter=";" if first.count(";") > first.count(",") else ",")
    return [{c: (record.get(c) or "").strip() for c in columns} for record in reader]


def _render(columns: tuple[str, ...], rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def read_captured(source: Path) -> list[dict[str, str]]:
    """Every row of erfasste_anwesenheit.csv as written (empty without the file)."""
    return _read(source / CAPTURE_FILE, CAPTURE_COLUMNS)


def read_outreach(source: Path) -> list[dict[str, str]]:
    return _read(source / OUTREACH_FILE, OUTREACH_COLUMNS)


def save_meeting(source: Path, db: Path, group: str, day: str, rows: list[Captured],
                 who: str) -> maintenance.ChangeOutcome:
    """Store one meeting's captured attendance (replacing what was captured for it before) and rebuild."""
    refuse_erased_names(source, db, [r.person for r in rows])
    stamp = versions.now()
    action = f"Anwesenheit erfasst: {group}, {day[8:10]}.{day[5:7]}.{day[:4]}"

    def write() -> list[versions.Version]:
        kept = [r for r in read_captured(source) if not (r["group"] == group and r["date"] == day)]
        new = [{"group": group, "date": day, "person": r.person, "organisation": r.organisation, "status": r.status,
                "captured_at": stamp, "captured_by": who} for r in rows]
        return [versions.replace_file(source, CAPTURE_FILE, _render(CAPTURE_COLUMNS, kept + new), who, action)]

    return maintenance.change(source, db, who, action, write,
                              detail=f"{len(rows)} Personen")


def add_outreach(source: Path, db: Path, row: dict[str, str], who: str) -> maintenance.ChangeOutcome:
    """Append one contact with a partner to ansprache.csv and rebuild."""
    refuse_erased_names(source, db, [row.get("who", ""), row.get("note", ""), row.get("result", "")])
    entry = {c: str(row.get(c) or "").strip() for c in OUTREACH_COLUMNS} | {"recorded_by": who}
    action = f"Ansprache erfasst: {entry['organisation']}"
    if entry["follow_up"] and entry["date"] and entry["follow_up"] < entry["date"]:  # both ISO dates
        follow_up, day = german_date(entry["follow_up"]), german_date(entry["date"])
        return maintenance.ChangeOutcome(action, who, not_stored=True, error=(
            f"Die Wiedervorlage ({follow_up}) liegt vor dem Kontakt ({day}); bitte ein späteres Datum wählen oder "
            f"das Feld leer lassen. {maintenance.NOTHING_STORED}"))

    def write() -> list[versions.Version]:
        rows = read_outreach(source) + [entry]
        return [versions.replace_file(source, OUTREACH_FILE, _render(OUTREACH_COLUMNS, rows), who,
                                      f"Ansprache: {entry['organisation']}")]

    return maintenance.change(source, db, who, action, write,
                              detail=f"{entry['date']}, {entry['channel']}")

