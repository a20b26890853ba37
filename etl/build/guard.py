"""The build guard: a new build must not silently throw away a good database.

Before a build replaces the database, its rows per table are compared with the current database,
and the files changed since the last build are checked for rejects. More than 10 % of a table's rows
lost, or more than 20 % of a changed file's rows rejected, refuses the build unless it is confirmed
(`--accept-loss` on the command line, "Trotzdem übernehmen" in the app). Pure: numbers in, verdict out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from etl.core.errors import BuildError
from etl.extract.rows import Reject

MAX_TABLE_LOSS = 0.10
MAX_FILE_REJECTED = 0.20
# The tables whose rows are the network's facts; derived and bookkeeping tables follow these.
GUARDED_TABLES: tuple[str, ...] = (
    "organisations", "people", "groups", "memberships", "meetings", "attendance", "projects",
    "project_partners", "project_events", "reports", "protocols",
)
# Entities a protocol created on its own ("neu angelegt") are not counted: merging one into a known entity
# is the point of a correction, not a loss.
ORIGIN_TABLES = ("organisations", "people", "groups")
COUNT_SQL = {table: f"SELECT COUNT(*) FROM {table}" + (" WHERE origin != 'protokoll'" if table in ORIGIN_TABLES else "")
             for table in GUARDED_TABLES}  # built from constant names only
TABLE_LABELS = {"organisations": "Organisationen", "people": "Personen", "groups": "Gruppen",
                "memberships": "Mitgliedschaften", "meetings": "Sitzungen", "attendance": "Teilnahmen",
                "projects": "Projekte", "project_partners": "Projektpartner", "project_events": "Projektereignisse",
                "reports": "Berichte", "protocols": "Protokolle"}


@dataclass(frozen=True)
class TableChange:
    table: str
    before: int
    after: int

    @property
    def lost_share(self) -> float:
        return (self.before - self.after) / self.before if self.before else 0.0

    @property
    def too_many_lost(self) -> bool:
        return self.lost_share > MAX_TABLE_LOSS


@dataclass(frozen=True)
class FileRejects:
    file: str
    read: int
    rejected: int

    @property
    def share(self) -> float:
        return self.rejected / self.read if self.read else 0.0

    @property
    def too_many_rejected(self) -> bool:
        return self.share > MAX_FILE_REJECTED


@dataclass
class GuardReport:
    """Before/after per table, the changed files' reject shares and the first rejects."""

    tables: list[TableChange]
    files: list[FileRejects]
    first_rejects: list[Reject] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return any(t.too_many_lost for t in self.tables) or any(f.too_many_rejected for f in self.files)

    def reasons(self) -> list[str]:
        """One German sentence per problem."""
        found = [f"{TABLE_LABELS.get(t.table, t.table)}: {t.before} → {t.after} Zeilen "
                 f"({_pct(t.lost_share)} weniger, erlaubt sind höchstens {_pct(MAX_TABLE_LOSS)})"
                 for t in self.tables if t.too_many_lost]
        found += [f"{f.file}: {f.rejected} von {f.read} Zeilen abgelehnt ({_pct(f.share)}, erlaubt sind "
                  f"höchstens {_pct(MAX_FILE_REJECTED)})" for f in self.files if f.too_many_rejected]
        return found

    def table_rows(self) -> list[dict[str, object]]:
        """The before/after table as shown to users."""
        return [{"Tabelle": TABLE_LABELS.get(t.table, t.table), "vorher": t.before, "nachher": t.after,
                 "Veränderung": t.after - t.before, "zu viel verloren": t.too_many_lost} for t in self.tables]

    def message(self) -> str:
        lines = ["Der neue Ladelauf würde zu viele Daten verlieren; die bisherige Datenbank bleibt unverändert."]
        lines += [f"  - {reason}" for reason in self.reasons()]
        lines.append(f"{'Tabelle':<20} {'vorher':>8} {'nachher':>8}")
        lines += [f"{TABLE_LABELS.get(t.table, t.table):<20} {t.before:>8} {t.after:>8}" for t in self.tables]
        if self.first_rejects:
            lines.append("Erste abgelehnte Einträge:")
            lines += [f"  {r.file}" + (f", Zeile {r.line}" if r.line else "") + f": {r.reason}"
                      for r in self.first_rejects[:10]]
        return "\n".join(lines)


class LossRefused(BuildError):
    """The build would lose too much; nothing was written. Carries the report for the CLI and the page."""

    def __init__(self, report: GuardReport):
        super().__init__(report.message())
        self.report = report


def _pct(share: float) -> str:
    return f"{share * 100:.0f} %"


def count_rows(tables: dict[str, dict[object, dict]]) -> dict[str, int]:
    """Rows per guarded table of a dataset about to be written, counted as COUNT_SQL counts them."""
    return {table: sum(1 for row in tables.get(table, {}).values()
                       if table not in ORIGIN_TABLES or row.get("origin") != "protokoll") for table in GUARDED_TABLES}


def compare(before: dict[str, int], after: dict[str, int], per_file: dict[str, dict[str, int]],
            changed_files: dict[str, int], rejects: list[Reject]) -> GuardReport:
    """The guard's verdict. No current database (`before` empty) means nothing to lose.

    `changed_files`: files changed since the current build -> how many of their rows it rejected; a file only
    counts when it now has more rejected rows than before (rows rejected all along are no new damage).
    """
    if not before:
        return GuardReport([], [])
    tables = [TableChange(t, before.get(t, 0), after.get(t, 0)) for t in GUARDED_TABLES]
    rejected: dict[str, int] = {}
    for f, c in per_file.items():
        path = f.split(":", 1)[0]
        rejected[path] = rejected.get(path, 0) + c["rejected"]
    files = [FileRejects(f, c["read"], c["rejected"]) for f, c in per_file.items()
             if f.split(":", 1)[0] in changed_files
             and rejected[f.split(":", 1)[0]] > changed_files[f.split(":", 1)[0]]]
    watched = [r for r in rejects if r.file.split(":", 1)[0] in changed_files]
    first = watched + [r for r in rejects if r not in watched]
    return GuardReport(tables, files, first[:20])
