"""`python -m etl parse FILE`: what one protocol yields, resolved against the master data of a source."""

from __future__ import annotations

from pathlib import Path

from etl.core.errors import BuildError, ProtocolError
from etl.extract.rows import stage
from etl.extract.sources import read_master_data
from etl.parse import ParsedProtocol
from etl.parse.file import parse_file
from etl.parse.summary import format_summary
from etl.resolve.master_data import Dataset, assemble
from etl.resolve.protocols import known_people


def registries_from(source: Path) -> Dataset:
    """Known groups, organisations and projects of a source folder (empty when it has none)."""
    try:
        tables = read_master_data(source)
    except BuildError:
        return Dataset()
    return assemble({name: stage(table) for name, table in tables.items()})


def parse_one(path: Path, source: Path) -> tuple[ParsedProtocol, str]:
    """Parse one protocol file; returns the JSON-shaped dict and its German summary."""
    if not path.is_file():
        raise BuildError(f"{path}: Datei nicht gefunden.")
    ds = registries_from(source)
    try:
        parsed = parse_file(path, path.as_posix(), groups=ds.groups, organisations=ds.organisations,
                            projects=ds.projects, folder_hint=path.parent.name, people=known_people(ds))
    except ProtocolError as exc:
        raise BuildError(str(exc)) from exc
    _short_names(parsed, ds)
    return parsed, format_summary(parsed)


def _short_names(parsed: ParsedProtocol, ds: Dataset) -> None:
    """Name resolved organisations as the network does in protocols: by short name where there is one."""
    organisations = ds.rows("organisations")
    for participant in parsed["participants"]:
        row = organisations.get(participant.get("organisation_id") or "")
        if row:
            participant["organisation"] = row["short_name"] or row["name"]
    short = {str(row["name"]): str(row["short_name"]) for row in organisations.values() if row.get("short_name")}
    for task in parsed["action_items"]:  # an organisation as owner, by the name the network uses
        task["owners"] = list(dict.fromkeys(short.get(owner, owner) for owner in task["owners"]))
        task["owner"] = task["owners"][0] if task["owners"] else None
