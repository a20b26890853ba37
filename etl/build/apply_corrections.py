"""Apply korrekturen.csv to a build: the named step between resolving and loading.

Three moments, each pure on the `Dataset` (or one parsed protocol):
1. `teach` after the master data is resolved: "ist dasselbe wie" makes a spelling an alias of the known
   entity, so every protocol that writes it resolves there (its attendance moves with it);
2. `override` right after a protocol is parsed: its date or group as corrected;
3. `apply` after all protocols are merged: a participant's status, a missing participant, a person
   or organisation that is not one, an unreadable line that is no participant.
Every correction ends as `angewendet` or `nicht anwendbar` with a German note: none is dropped silently.
People erased on request stay erased: a correction can never add them back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from etl.core.registry import Registry
from etl.extract.cells import parse_date
from etl.extract.rows import Reject
from etl.maintain.correction_files import CORRECTIONS_FILE, KINDS, Correction
from etl.parse.model import ParsedProtocol
from etl.resolve.master_data import Dataset, person_record
from vocab.keys import name_key
from vocab.terms import ATTENDANCE_STATUSES, PRESENT, TASK_STATUS_VALUES, attendance_status

STATUSES = ATTENDANCE_STATUSES
APPLIED, STALE = "angewendet", "nicht anwendbar"


@dataclass
class Corrector:
    """The corrections of one build and what became of each."""

    corrections: list[Correction]
    outcome: dict[int, tuple[str, str]] = field(default_factory=dict)  # index -> (status, note)

    def _done(self, index: int, note: str = "") -> None:
        self.outcome[index] = (APPLIED, note)

    def _stale(self, index: int, note: str) -> None:
        self.outcome[index] = (STALE, note)

    def _of(self, *kinds: str) -> list[tuple[int, Correction]]:
        return [(i, c) for i, c in enumerate(self.corrections) if c.kind in kinds]

    # 1 ---------------------------------------------------------------------------------------
    def teach(self, ds: Dataset) -> None:
        """Merges: the corrected spelling becomes an alias of the known entity before protocols are read."""
        for index, c in self._of("merge_organisation", "merge_group", "merge_person"):
            registry, label = {"merge_organisation": (ds.organisations, "Organisation"),
                               "merge_group": (ds.groups, "Gruppe"), "merge_person": (ds.people, "Person")}[c.kind]
            spelling, known_name = c.target, c.new
            if c.kind == "merge_person":
                spelling, known_name = person_record(c.target)[1], person_record(c.new)[1]
            known = registry.lookup(known_name)
            if known is None:
                self._stale(index, f"{label} „{c.new}“ ist nicht (mehr) bekannt")
                continue
            owner = registry.lookup(spelling)
            if owner == known:
                self._done(index, "Schreibweise ist bereits bekannt")
                continue
            if owner is not None:
                self._stale(index, f"„{c.target}“ ist inzwischen ein eigener Eintrag "
                                   f"(„{registry.names.get(owner, owner)}“) – bitte in den Stammdaten klären")
                continue
            registry.teach(spelling, known, origin="korrektur")
            if c.kind == "merge_organisation":
                key = name_key(spelling)
                ds.rows("org_aliases")[key] = {"alias_key": key, "alias": spelling, "org_id": known,
                                               "origin": "korrektur"}
            self._done(index)

    # 2 ---------------------------------------------------------------------------------------
    def override(self, parsed: ParsedProtocol, source: str, groups: Registry) -> ParsedProtocol:
        """A parsed protocol with its date and group as corrected (a copy; the cached one stays as read)."""
        corrected = parsed.copy()
        for index, c in self._of("date", "group"):
            if c.target != source:
                continue
            if c.kind == "date":
                value = parse_date(c.new)
                if value is None:
                    self._stale(index, f"„{c.new}“ ist kein gültiges Datum")
                    continue
                same, corrected["date"] = parsed["date"] == value, value
            else:
                gid = groups.lookup(c.new)
                if gid is None:
                    self._stale(index, f"Gruppe „{c.new}“ ist nicht bekannt")
                    continue
                name = groups.names.get(gid, c.new)
                same, corrected["group"] = parsed["group"] == name, name
            self._done(index, "steht inzwischen so im Protokoll" if same else "")
        return corrected

    # 3 ---------------------------------------------------------------------------------------
    def apply(self, ds: Dataset) -> None:
        """Fact corrections on the merged dataset; then every correction not yet decided is reported."""
        for index, c in enumerate(self.corrections):
            if index in self.outcome:
                continue
            handler = _HANDLERS.get(c.kind)
            if handler is None:
                if c.kind in ("date", "group"):
                    self._stale(index, f"Protokoll „{c.target}“ wurde nicht geladen oder gibt es nicht mehr")
                else:
                    self._stale(index, f"unbekannte Art „{c.kind}“ (erlaubt: {', '.join(KINDS)})")
                continue
            problem = handler(ds, c)
            if problem is None:
                self._done(index)
            elif problem.startswith("="):
                self._done(index, problem[1:])
            else:
                self._stale(index, problem)
        _drop_dangling_suggestions(ds)

    def rows(self) -> list[dict]:
        """Rows of the `corrections` table: every correction with what became of it."""
        out = []
        for index, c in enumerate(self.corrections):
            status, note = self.outcome.get(index, (STALE, "nicht ausgewertet"))
            out.append({"line": c.line or index + 2, **c.row(), "status": status, "note": note or None})
        return out

    def stale_notes(self) -> list[str]:
        """German build notices for corrections that no longer apply."""
        return [f"korrekturen.csv, Zeile {r['line']}: Korrektur „{KINDS.get(r['kind'], r['kind'])}“ "
                f"für „{r['target']}“ greift nicht mehr – {r['note']}" for r in self.rows() if r["status"] == STALE]


def problem(c: Correction, today: date | None = None) -> str | None:
    """Why a correction can never be applied, whatever the data (German), or None: an unknown kind, no
    target, a date that is none or lies in the future, an unknown status."""
    label = KINDS.get(c.kind)
    if label is None:
        return f"Korrektur „{c.kind}“: unbekannte Art (erlaubt: {', '.join(KINDS)})"
    if not c.target:
        return f"Korrektur „{label}“: Ziel fehlt"
    if c.kind == "date":
        try:
            value = parse_date(c.new)
        except ValueError as exc:
            return f"Korrektur „{label}“: „{c.new}“ ist kein gültiges Datum ({exc})"
        if value is None:
            return f"Korrektur „{label}“: neues Datum fehlt"
        if value > (today or date.today()).isoformat():
            return f"Korrektur „{label}“: „{c.new}“ liegt in der Zukunft – ein Protokoll beschreibt eine Sitzung, " \
                   "die stattgefunden hat"
    if c.kind == "status" and c.new not in STATUSES:
        return f"Korrektur „{label}“: unbekannter Status „{c.new}“ (erlaubt: {', '.join(STATUSES)})"
    return None


def checked(corrections: list[tuple[Correction, str]], bad: list[Reject]) -> tuple[list[Correction], list[Reject]]:
    """The corrections a build can apply, and every other row of korrekturen.csv as a reject (file, line,
    reason, the row as written): one bad row never stops a build."""
    good: list[Correction] = []
    rejects = list(bad)
    for c, raw in corrections:
        why = problem(c)
        if why is None:
            good.append(c)
        else:
            rejects.append(Reject(CORRECTIONS_FILE, c.line, why, raw))
    return good, sorted(rejects, key=lambda r: r.line or 0)


def _meeting_of(ds: Dataset, source: str) -> str | None:
    protocol = ds.rows("protocols").get(source)
    return protocol["meeting_id"] if protocol else None


def _split(target: str) -> tuple[str, str]:
    first, _, second = target.partition("|")
    return first.strip(), second.strip()


def _status(ds: Dataset, c: Correction) -> str | None:
    source, name = _split(c.target)
    mid = _meeting_of(ds, source)
    if mid is None:
        return f"Protokoll „{source}“ wurde nicht geladen oder gibt es nicht mehr"
    if c.new not in STATUSES:
        return f"unbekannter Status „{c.new}“ (erlaubt: {', '.join(STATUSES)})"
    pid = ds.people.lookup(person_record(name)[1])
    row = ds.rows("attendance").get(f"{mid}|{pid}") if pid else None
    if row is None:
        return f"„{name}“ steht nicht (mehr) in der Teilnehmerliste"
    row["status"] = attendance_status(c.new)
    return None


def _add_participant(ds: Dataset, c: Correction) -> str | None:
    mid = _meeting_of(ds, c.target)
    if mid is None:
        return f"Protokoll „{c.target}“ wurde nicht geladen oder gibt es nicht mehr"
    key, name, _ = person_record(c.new)
    if ds.is_excluded(key):
        return "die Person wurde auf Antrag gelöscht und wird nicht wieder aufgenommen"
    pid = ds.people.lookup(name)
    if pid is None or pid not in ds.rows("people"):
        return f"Person „{c.new}“ ist nicht bekannt"
    aid = f"{mid}|{pid}"
    if aid in ds.rows("attendance"):
        return "=steht inzwischen im Protokoll"
    status = attendance_status(c.old) if c.old and c.old in STATUSES else PRESENT
    ds.rows("attendance")[aid] = {"id": aid, "meeting_id": mid, "person_id": pid,
                                  "org_id": ds.rows("people")[pid]["org_id"], "status": status,
                                  "note": "ergänzt (Korrektur)", "source_file": c.target, "source_line": None}
    ds.count(c.target).read += 1
    ds.count(c.target).loaded += 1
    return None


def _ignore_person(ds: Dataset, c: Correction) -> str | None:
    pid = ds.people.lookup(person_record(c.target)[1])
    person = ds.rows("people").get(pid) if pid else None
    if person is None:
        return f"Person „{c.target}“ kommt nicht (mehr) vor"
    if person["origin"] == "stammdaten":
        return "die Person steht in den Stammdaten – dort ändern"
    attendance = ds.rows("attendance")
    for aid in [a for a, row in attendance.items() if row["person_id"] == pid]:
        _uncount(ds, attendance.pop(aid)["source_file"])
    for key in [k for k, row in ds.rows("mentions").items() if row["entity_type"] == "person"
                and row["entity_id"] == pid]:
        del ds.rows("mentions")[key]
    for row in ds.rows("action_items").values():
        if row["owner_person_id"] == pid:
            row["owner_person_id"] = None
    del ds.rows("people")[pid]
    return None


def _ignore_organisation(ds: Dataset, c: Correction) -> str | None:
    oid = ds.organisations.lookup(c.target)
    org = ds.rows("organisations").get(oid) if oid else None
    if org is None:
        return f"Organisation „{c.target}“ kommt nicht (mehr) vor"
    if org["origin"] == "stammdaten":
        return "die Organisation steht in den Stammdaten – dort ändern"
    attendance = ds.rows("attendance")
    for aid, row in list(attendance.items()):
        if row["org_id"] == oid:
            if row["person_id"]:
                row["org_id"] = None
            else:
                _uncount(ds, attendance.pop(aid)["source_file"])
    for person in ds.rows("people").values():
        if person["org_id"] == oid:
            person["org_id"] = None
    aliases, suggestions = ds.rows("org_aliases"), ds.rows("org_suggestions")
    for key in [k for k, alias in aliases.items() if alias["org_id"] == oid]:
        del aliases[key]
    for key in [k for k, suggestion in suggestions.items() if suggestion["org_id"] == oid]:
        del suggestions[key]
    for key in [k for k, row in ds.rows("mentions").items() if row["entity_type"] == "organisation"
                and row["entity_id"] == oid]:
        del ds.rows("mentions")[key]
    del ds.rows("organisations")[oid]
    return None


def _ignore_line(ds: Dataset, c: Correction) -> str | None:
    file, line = _split(c.target)
    kept = [r for r in ds.rejects if not (r.file == file and str(r.line) == line)]
    if len(kept) == len(ds.rejects):
        return f"{file}, Zeile {line}: dort steht keine abgelehnte Zeile (mehr)"
    for _ in range(len(ds.rejects) - len(kept)):
        counts = ds.count(file)
        counts.read -= 1
        counts.rejected -= 1
    ds.rejects[:] = kept
    return None


def _checked(ds: Dataset, c: Correction) -> str | None:
    """A protocol looked at and found right: nothing changes, the review queue no longer lists it."""
    if _meeting_of(ds, c.target) is None:
        return f"Protokoll „{c.target}“ wurde nicht geladen oder gibt es nicht mehr"
    return None


def _task_status(ds: Dataset, c: Correction) -> str | None:
    """A task set to offen or erledigt by an editor: the briefing and the registers follow (later ones win)."""
    task = ds.rows("action_items").get(c.target)
    if task is None:
        return f"Aufgabe „{c.old or c.target}“ steht in keinem geladenen Protokoll (mehr)"
    if c.new not in TASK_STATUS_VALUES:
        return f"unbekannter Aufgabenstatus „{c.new}“ (erlaubt: {', '.join(TASK_STATUS_VALUES)})"
    task["done"] = TASK_STATUS_VALUES[c.new]
    return None


def _uncount(ds: Dataset, source: str | None) -> None:
    """A removed attendance row was read and loaded; now it is neither (like an erased person)."""
    if source and source in ds.counts:
        ds.counts[source].read -= 1
        ds.counts[source].loaded -= 1


def _drop_dangling_suggestions(ds: Dataset) -> None:
    orgs = ds.rows("organisations")
    suggestions = ds.rows("org_suggestions")
    for key in [k for k, row in suggestions.items() if row["org_id"] not in orgs]:
        del suggestions[key]


_HANDLERS = {"status": _status, "add_participant": _add_participant, "ignore_person": _ignore_person,
             "ignore_organisation": _ignore_organisation, "ignore_line": _ignore_line, "checked": _checked,
             "task_status": _task_status}
