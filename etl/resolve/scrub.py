"""Erased people in the files the app writes (corrections, change log, captured attendance, outreach, kept
versions, the master-data editor and workbook): the same name key and the same redaction as the database.

A row is about a person when one of its cells (or one `|`-separated part of a cell: "protokoll.md|Name")
*is* their name under `vocab.keys.person_key`: such a row is dropped, because an attendance, a correction
or a person record means nothing without its person. Any other cell that names them in full is
redacted in place ("kam mit [entfernt]"), as the build redacts free text. Pure: bytes in, bytes out.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from etl.extract.sources import sniff_delimiter
from etl.resolve.exclusions import REDACTED as ERASED_ACTOR
from etl.resolve.exclusions import find_names, is_erased_name, names_erased, redact


@dataclass(frozen=True)
class Scrubbed:
    """A file's new content and what changed: rows dropped, cells redacted."""

    data: bytes
    dropped: int = 0
    redacted: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.dropped or self.redacted)


# Columns that name who did something (the editor, the caller), not whom the row is about: an erased person
# there is redacted, and the row (a contact with a partner, a correction) stays, as it does in the database.
ACTOR_COLUMNS = frozenset({"who", "recorded_by", "captured_by"})


def scrub_cells(cells: list[str], excluded: frozenset[str],
                actors: frozenset[int] = frozenset()) -> tuple[list[str] | None, int]:
    """One row: None when it is about an erased person, else the cells with full names redacted
    (and how many cells changed); cells at `actors` (indexes) are only redacted."""
    if any(is_erased_name(cell, excluded) for i, cell in enumerate(cells) if i not in actors):
        return None, 0
    out = [ERASED_ACTOR if i in actors and is_erased_name(cell, excluded) else redact(cell, excluded) or ""
           for i, cell in enumerate(cells)]
    return out, sum(1 for a, b in zip(cells, out, strict=True) if a != b)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    return sniff_delimiter(text.split("\n", 1)[0])


def csv_rows(data: bytes) -> tuple[list[list[str]], str, str]:
    """(rows incl. the header, delimiter, line end) of a CSV file as the app and Excel write it."""
    text = _decode(data)
    ending = "\r\n" if "\r\n" in text else "\n"
    delimiter = _delimiter(text)
    try:
        rows = list(csv.reader(io.StringIO(text.replace("\x00", "")), delimiter=delimiter))
    except csv.Error:
        rows = [line.split(delimiter) for line in text.splitlines()]
    return rows, delimiter, ending


def scrub_csv(data: bytes, excluded: frozenset[str]) -> Scrubbed:
    """A CSV file (header row first) without the rows about erased people and with their names redacted."""
    if not excluded or not data:
        return Scrubbed(data)
    rows, delimiter, ending = csv_rows(data)
    kept: list[list[str]] = rows[:1]
    actors = frozenset(i for i, name in enumerate(rows[0] if rows else []) if name.strip().lower() in ACTOR_COLUMNS)
    dropped = redacted = 0
    for row in rows[1:]:
        cells, changed = scrub_cells(row, excluded, actors)
        if cells is None:
            dropped += 1
            continue
        redacted += changed
        kept.append(cells)
    if not dropped and not redacted:
        return Scrubbed(data)
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=ending).writerows(kept)
    return Scrubbed(out.getvalue().encode("utf-8"), dropped, redacted)


def scrub_text(data: bytes, excluded: frozenset[str]) -> Scrubbed:
    """A text file (Markdown, plain text) with every full name of an erased person redacted."""
    if not excluded or not data:
        return Scrubbed(data)
    text = _decode(data)
    new = redact(text, excluded) or ""
    if new == text:
        return Scrubbed(data)
    return Scrubbed(new.encode("utf-8"), 0, len(find_names(text, excluded)))


def erased_in_csv(data: bytes, excluded: frozenset[str]) -> list[tuple[int, str]]:
    """(line, cell) of every data cell of a CSV file that names an erased person: what a writer must
    refuse to store (line as an editor counts it, header = 1)."""
    if not excluded or not data:
        return []
    text = _decode(data).replace("\x00", "")
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text))
    found = []
    start = 1
    try:
        for index, row in enumerate(reader):
            if index:
                found += [(start, cell) for cell in row if names_erased(cell, excluded)]
            start = reader.line_num + 1
    except csv.Error:
        pass  # the build reports a broken file itself
    return found


TEXT_SUFFIXES = (".md", ".markdown", ".txt")


def scrub_file(path: str, data: bytes, excluded: frozenset[str]) -> Scrubbed:
    """A file's content without erased people, by its kind: CSV cell by cell, text by redaction; other
    formats unchanged (the caller decides whether it can keep them)."""
    suffix = path.lower().rsplit(".", 1)[-1] if "." in path else ""
    if suffix == "csv":
        return scrub_csv(data, excluded)
    if f".{suffix}" in TEXT_SUFFIXES:
        return scrub_text(data, excluded)
    return Scrubbed(data)
