"""Business rules of the master data: resolve names to ids and assemble the table rows.

Input is staged, typed records (one file each); output is a `Dataset` with the rows of every
table keyed by primary key, and the rejects. Pure: nothing here touches a file or database.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypedDict, TypeVar, overload

from etl.build.schema import (
    ActionItemsRow,
    AgendaItemsRow,
    AttendanceConflictsRow,
    AttendanceRow,
    ChangeLogRow,
    CorrectionsRow,
    DecisionsRow,
    ExcludedPeopleRow,
    GroupsRow,
    LoadRunsRow,
    MeetingsRow,
    MeetingStatsRow,
    MembershipsRow,
    MentionsRow,
    OrgAliasesRow,
    OrganisationsRow,
    OrgAttendanceRow,
    OrgSuggestionsRow,
    OutreachRow,
    PeopleRow,
    PersonAttendanceRow,
    PersonEmailsRow,
    ProjectEventsRow,
    ProjectPartnersRow,
    ProjectsRow,
    ProtocolsRow,
    RejectsRow,
    ReportsRow,
    SourceFilesRow,
    TableDigestsRow,
    TaskOwnersRow,
)
from etl.core.registry import Match, Registry
from etl.extract.cells import infer_format
from etl.extract.rows import Reject, Staged
from etl.resolve.exclusions import exclusion_hash
from vocab.keys import meeting_id, name_key, split_title
from vocab.terms import AG_TRANSFER, GroupKind

R = TypeVar("R", bound=Mapping[str, object])  # one table's row TypedDict


@dataclass
class FileCount:
    """Rows read, loaded and rejected from one source file."""

    read: int = 0
    loaded: int = 0
    rejected: int = 0


@dataclass
class Dataset:
    """Everything one build will write: rows per table keyed by primary key, and rejects."""

    # Rows by table and key. Stored untyped so that code handling every table alike (build, load, redaction)
    # can read any column by name; the writers use `rows(table)`, which types them by the table's TypedDict.
    tables: dict[str, dict[object, Any]] = field(default_factory=dict)
    rejects: list[Reject] = field(default_factory=list)
    counts: dict[str, FileCount] = field(default_factory=dict)
    organisations: Registry = field(default_factory=lambda: Registry("organisation"))
    people: Registry = field(default_factory=lambda: Registry("person"))
    groups: Registry = field(default_factory=lambda: Registry("group"))
    projects: Registry = field(default_factory=lambda: Registry("project"))
    excluded: set[str] = field(default_factory=set)  # hashed keys of people erased on request

    def is_excluded(self, person_key: str) -> bool:
        """True for a person erased on request (`python -m etl forget`): never loaded again."""
        return bool(self.excluded) and exclusion_hash(person_key) in self.excluded

    @overload
    def rows(self, table: Literal["load_runs"]) -> dict[object, LoadRunsRow]: ...
    @overload
    def rows(self, table: Literal["source_files"]) -> dict[object, SourceFilesRow]: ...
    @overload
    def rows(self, table: Literal["rejects"]) -> dict[object, RejectsRow]: ...
    @overload
    def rows(self, table: Literal["organisations"]) -> dict[object, OrganisationsRow]: ...
    @overload
    def rows(self, table: Literal["org_aliases"]) -> dict[object, OrgAliasesRow]: ...
    @overload
    def rows(self, table: Literal["org_suggestions"]) -> dict[object, OrgSuggestionsRow]: ...
    @overload
    def rows(self, table: Literal["people"]) -> dict[object, PeopleRow]: ...
    @overload
    def rows(self, table: Literal["groups"]) -> dict[object, GroupsRow]: ...
    @overload
    def rows(self, table: Literal["memberships"]) -> dict[object, MembershipsRow]: ...
    @overload
    def rows(self, table: Literal["meetings"]) -> dict[object, MeetingsRow]: ...
    @overload
    def rows(self, table: Literal["attendance"]) -> dict[object, AttendanceRow]: ...
    @overload
    def rows(self, table: Literal["projects"]) -> dict[object, ProjectsRow]: ...
    @overload
    def rows(self, table: Literal["project_partners"]) -> dict[object, ProjectPartnersRow]: ...
    @overload
    def rows(self, table: Literal["project_events"]) -> dict[object, ProjectEventsRow]: ...
    @overload
    def rows(self, table: Literal["reports"]) -> dict[object, ReportsRow]: ...
    @overload
    def rows(self, table: Literal["protocols"]) -> dict[object, ProtocolsRow]: ...
    @overload
    def rows(self, table: Literal["agenda_items"]) -> dict[object, AgendaItemsRow]: ...
    @overload
    def rows(self, table: Literal["decisions"]) -> dict[object, DecisionsRow]: ...
    @overload
    def rows(self, table: Literal["action_items"]) -> dict[object, ActionItemsRow]: ...
    @overload
    def rows(self, table: Literal["task_owners"]) -> dict[object, TaskOwnersRow]: ...
    @overload
    def rows(self, table: Literal["mentions"]) -> dict[object, MentionsRow]: ...
    @overload
    def rows(self, table: Literal["corrections"]) -> dict[object, CorrectionsRow]: ...
    @overload
    def rows(self, table: Literal["attendance_conflicts"]) -> dict[object, AttendanceConflictsRow]: ...
    @overload
    def rows(self, table: Literal["person_emails"]) -> dict[object, PersonEmailsRow]: ...
    @overload
    def rows(self, table: Literal["outreach"]) -> dict[object, OutreachRow]: ...
    @overload
    def rows(self, table: Literal["change_log"]) -> dict[object, ChangeLogRow]: ...
    @overload
    def rows(self, table: Literal["org_attendance"]) -> dict[object, OrgAttendanceRow]: ...
    @overload
    def rows(self, table: Literal["person_attendance"]) -> dict[object, PersonAttendanceRow]: ...
    @overload
    def rows(self, table: Literal["meeting_stats"]) -> dict[object, MeetingStatsRow]: ...
    @overload
    def rows(self, table: Literal["excluded_people"]) -> dict[object, ExcludedPeopleRow]: ...
    @overload
    def rows(self, table: Literal["table_digests"]) -> dict[object, TableDigestsRow]: ...
    def rows(self, table: str) -> dict[object, Any]:
        """The rows of one table by key, typed by the table's row TypedDict (etl.build.schema)."""
        return self.tables.setdefault(table, {})

    def count(self, file: str) -> FileCount:
        return self.counts.setdefault(file, FileCount())

    def reject(self, record: dict, reason: str) -> None:
        """Reject a whole source row."""
        self.rejects.append(Reject(record["_file"], record["_line"], reason, record["_raw"]))
        self.count(record["_file"]).rejected += 1

    def reject_fact(self, file: str, line: int | None, reason: str, raw: str | None) -> None:
        """Reject one fact inside a row or protocol (an alias, a participant line)."""
        self.rejects.append(Reject(file, line, reason, raw))

    def add(self, rows: dict[object, R], key: object, row: R, record: dict | None = None) -> bool:
        """Add a row to one table's rows (`self.rows(table)`) unless its key exists; a duplicate row is
        rejected naming the first one."""
        if key in rows:
            if record is not None:
                first = rows[key]
                where = f"{first.get('source_file')}, Zeile {first.get('source_line')}"
                self.reject(record, f"doppelter Eintrag (bereits in {where})")
            return False
        rows[key] = row
        if record is not None:
            self.count(record["_file"]).loaded += 1
        return True


class SourceRef(TypedDict):
    """Where a row was read: the columns every table of source data ends with."""

    source_file: str | None
    source_line: int | None


def _src(record: dict) -> SourceRef:
    return {"source_file": record["_file"], "source_line": record["_line"]}


def _unknown(kind: str, raw: str, match: Match) -> str:
    text = f"{kind} „{raw}“ unbekannt"
    if match.suggestion_name:
        text += f" – meinten Sie „{match.suggestion_name}“ ({match.score:.0f} %)?"
    return text


def _resolve(ds: Dataset, registry: Registry, kind: str, raw: str | None, record: dict,
             problems: list[str]) -> str | None:
    if not raw:
        return None
    match = registry.resolve(raw)
    if match.id is None:
        problems.append(_unknown(kind, raw, match))
    return match.id


def assemble(staged: dict[str, Staged], excluded: set[str] | None = None) -> Dataset:
    """Resolve every master-data record into table rows; unresolved references become rejects."""
    ds = Dataset(excluded=set(excluded or ()))
    for table in staged.values():
        ds.count(table.path).read += table.read
        ds.count(table.path).rejected += len(table.rejects)
        ds.rejects.extend(table.rejects)
        ds.rejects.extend(table.notes)  # rows loaded after cleaning: listed, not counted as rejected

    def records(name: str) -> list[dict]:
        return staged[name].records if name in staged else []

    _organisations(ds, records("organisations"))
    _groups(ds, records("groups"))
    _people(ds, records("people"))
    _memberships(ds, records("memberships"))
    _meetings(ds, records("meetings"))
    _attendance(ds, records("attendance"))
    _projects(ds, records("projects"))
    _project_partners(ds, records("project_partners"))
    _project_events(ds, records("project_events"))
    _reports(ds, records("reports"))
    return ds


def _organisations(ds: Dataset, records: list[dict]) -> None:
    for rec in records:
        oid = name_key(rec["name"])
        known = ds.organisations.lookup(rec["name"])
        if known is not None and known != oid:
            other = ds.organisations.names[known]
            ds.reject(rec, f"Name „{rec['name']}“ ist bereits Kurzname/Alias von „{other}“")
            continue
        row: OrganisationsRow = {"id": oid, "name": rec["name"], "short_name": rec["short_name"],
                                 "type": rec["type"], "region": rec["region"], "partner_since": rec["partner_since"],
                                 "origin": "stammdaten", **_src(rec)}
        if not ds.add(ds.rows("organisations"), oid, row, rec):
            continue
        ds.organisations.add(rec["name"], entity_id=oid, origin="name")
        for alias in [rec["short_name"], *rec["aliases"]]:
            if not alias:
                continue
            owner = ds.organisations.lookup(alias)
            if owner not in (None, oid):
                ds.reject_fact(rec["_file"], rec["_line"],
                               f"Alias „{alias}“ gehört bereits zu „{ds.organisations.names[owner]}“ "
                               "und wird ignoriert", rec["_raw"])
                continue
            ds.organisations.teach(alias, oid, origin="alias")
    for key, oid in ds.organisations.keys.items():
        if key != oid:
            ds.rows("org_aliases")[key] = {"alias_key": key, "alias": ds.organisations.spellings.get(key, key),
                                           "org_id": oid, "origin": ds.organisations.origins.get(key)}


def group_kind(name: str) -> GroupKind:
    key = name_key(name)
    if key.startswith(("fachgruppe", "fg-", "om-fachgruppe")):
        return "fachgruppe"
    if "netzwerk" in key:
        return "netzwerk"
    return "gremium"


def _groups(ds: Dataset, records: list[dict]) -> None:
    for rec in records:
        gid = name_key(rec["name"])
        kind = rec["kind"] or group_kind(rec["name"])
        row: GroupsRow = {"id": gid, "name": rec["name"], "kind": kind, "topic": rec["topic"],
                          "founded": rec["founded"], "dissolved": rec["dissolved"], "parent_id": None,
                          "origin": "stammdaten", **_src(rec)}
        if ds.add(ds.rows("groups"), gid, row, rec):
            ds.groups.add(rec["name"], entity_id=gid)
    for rec in records:
        if not rec["parent"]:
            continue
        gid = name_key(rec["name"])
        parent = ds.groups.lookup(rec["parent"])
        if parent and parent != gid:
            ds.rows("groups")[gid]["parent_id"] = parent
        else:
            ds.reject_fact(rec["_file"], rec["_line"],
                           f"übergeordnete Gruppe „{rec['parent']}“ unbekannt – ohne Zuordnung geladen", rec["_raw"])
    _break_parent_cycles(ds, {name_key(rec["name"]): rec for rec in records})


def _break_parent_cycles(ds: Dataset, records: dict[str, dict]) -> None:
    """Groups whose parents lead back to themselves lose their parent, each with a reject naming the circle."""
    groups = ds.rows("groups")
    for start in sorted(str(g) for g in groups):
        path: list[str] = []
        current: str | None = start
        while current and current not in path:
            path.append(current)
            current = groups[current]["parent_id"] if current in groups else None
        if not current or current != start:
            continue  # no circle, or one that does not run through `start` (reported from its own members)
        circle = " → ".join(groups[g]["name"] for g in [*path, start])
        for gid in path:
            groups[gid]["parent_id"] = None
            rec = records.get(gid)
            if rec is not None:
                ds.reject_fact(rec["_file"], rec["_line"], f"übergeordnete Gruppen bilden einen Kreis ({circle}) – "
                               "Gruppe ohne übergeordnete Gruppe geladen", rec["_raw"])


def person_record(name: str, title: str | None = None) -> tuple[str, str, str | None]:
    """(id, name, title) of a person, with an academic title written into the name split off."""
    split, bare = split_title(name)
    return name_key(bare), bare, title or split


def _people(ds: Dataset, records: list[dict]) -> None:
    for rec in records:
        pid, name, title = person_record(rec["name"], rec["title"])
        problems: list[str] = []
        org = _resolve(ds, ds.organisations, "Organisation", rec["organisation"], rec, problems)
        if problems:  # a rejected row stays a reject (redacted), as in the database `forget` erased
            ds.reject(rec, "; ".join(problems))
            continue
        if ds.is_excluded(pid):
            ds.count(rec["_file"]).read -= 1  # erased on request: neither loaded nor a reject
            continue
        row: PeopleRow = {"id": pid, "name": name, "title": title, "org_id": org, "role": rec["role"],
                          "origin": "stammdaten", **_src(rec)}
        if ds.add(ds.rows("people"), pid, row, rec):
            ds.people.add(name, entity_id=pid)
            _email(ds, pid, rec)


def _email(ds: Dataset, pid: str, rec: dict) -> None:
    """A contact person's address (people.csv `email`), used only for the outreach mail draft."""
    address = rec.get("email")
    if not address:
        return
    if not _EMAIL.fullmatch(address):
        ds.reject_fact(rec["_file"], rec["_line"], f"E-Mail-Adresse „{address}“ ungültig – Person ohne Adresse "
                       "geladen", rec["_raw"])
        return
    ds.rows("person_emails")[pid] = {"person_id": pid, "email": address, **_src(rec)}


_EMAIL = re.compile(r"[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[^@\s,;<>\"]+")


def _memberships(ds: Dataset, records: list[dict]) -> None:
    for rec in records:
        problems: list[str] = []
        gid = _resolve(ds, ds.groups, "Gruppe", rec["group"], rec, problems)
        oid = _resolve(ds, ds.organisations, "Organisation", rec["organisation"], rec, problems)
        if problems or gid is None or oid is None:  # required columns: None only with a problem
            ds.reject(rec, "; ".join(problems))
            continue
        row: MembershipsRow = {"group_id": gid, "org_id": oid, "role": rec["role"], "since": rec["since"],
                               "until": rec["until"], **_src(rec)}
        ds.add(ds.rows("memberships"), (gid, oid), row, rec)


def _meetings(ds: Dataset, records: list[dict]) -> None:
    for rec in records:
        problems: list[str] = []
        gid = _resolve(ds, ds.groups, "Gruppe", rec["group"], rec, problems)
        if problems or gid is None:  # the group is a required column: None only with a problem
            ds.reject(rec, "; ".join(problems))
            continue
        mid = meeting_id(gid, rec["date"])
        row: MeetingsRow = {"id": mid, "group_id": gid, "date": rec["date"], "start": rec["start"],
                            "end": rec["end"], "location": rec["location"], "format": infer_format(rec["location"]),
                            "title": rec["title"], "has_protocol": 0, **_src(rec)}
        ds.add(ds.rows("meetings"), mid, row, rec)


def ensure_meeting(ds: Dataset, group_id: str, date: str, source_file: str, line: int | None) -> str:
    """The id of a group's meeting on a day, creating the meeting when only attendance knows it."""
    mid = meeting_id(group_id, date)
    ds.rows("meetings").setdefault(mid, {
        "id": mid, "group_id": group_id, "date": date, "start": None, "end": None, "location": None,
        "format": None, "title": None, "has_protocol": 0, "source_file": source_file, "source_line": line})
    return mid


def _attendance(ds: Dataset, records: list[dict]) -> None:
    for rec in records:
        problems: list[str] = []
        gid = _resolve(ds, ds.groups, "Gruppe", rec["group"], rec, problems)
        oid = _resolve(ds, ds.organisations, "Organisation", rec["organisation"], rec, problems)
        pid = None
        if rec["person"]:
            pid, name, title = person_record(rec["person"])
            if ds.is_excluded(pid) and not problems:
                ds.count(rec["_file"]).read -= 1  # erased on request: neither loaded nor a reject
                continue
            known = ds.people.resolve(name)
            if known.id:
                pid = known.id
            elif known.suggestion_id:
                problems.append(_unknown("Person", rec["person"], known))
            elif not problems:
                # A person who attended but is missing from people.csv is still a real attendee.
                ds.rows("people")[pid] = {"id": pid, "name": name, "title": title, "org_id": oid, "role": None,
                                          "origin": "referenz", **_src(rec)}
                ds.people.add(name, entity_id=pid)
        if problems or gid is None:  # the group is a required column: None only with a problem
            ds.reject(rec, "; ".join(problems))
            continue
        if pid and not oid:
            oid = ds.rows("people")[pid]["org_id"]
        mid = ensure_meeting(ds, gid, rec["date"], rec["_file"], rec["_line"])
        aid = f"{mid}|{pid or f'org:{oid}'}"
        row: AttendanceRow = {"id": aid, "meeting_id": mid, "person_id": pid, "org_id": oid,
                              "status": rec["status"], "note": None, **_src(rec)}
        ds.add(ds.rows("attendance"), aid, row, rec)


def _projects(ds: Dataset, records: list[dict]) -> None:
    for rec in records:
        problems: list[str] = []
        lead = _resolve(ds, ds.organisations, "Organisation", rec["lead"], rec, problems)
        if problems:
            ds.reject(rec, "; ".join(problems))
            continue
        pid = name_key(rec["name"])
        row: ProjectsRow = {"id": pid, "name": rec["name"], "programme": rec["programme"], "lead_org_id": lead,
                            "status": rec["status"], "applied": rec["applied"], "approved": rec["approved"],
                            "start": rec["start"], "end": rec["end"], "description": rec["description"],
                            "origin": "stammdaten", **_src(rec)}
        if ds.add(ds.rows("projects"), pid, row, rec):
            ds.projects.add(rec["name"], entity_id=pid)


def _project_partners(ds: Dataset, records: list[dict]) -> None:
    for rec in records:
        problems: list[str] = []
        pid = _resolve(ds, ds.projects, "Projekt", rec["project"], rec, problems)
        oid = _resolve(ds, ds.organisations, "Organisation", rec["organisation"], rec, problems)
        if problems or pid is None or oid is None:  # required columns: None only with a problem
            ds.reject(rec, "; ".join(problems))
            continue
        row: ProjectPartnersRow = {"project_id": pid, "org_id": oid, "role": rec["role"], **_src(rec)}
        ds.add(ds.rows("project_partners"), (pid, oid), row, rec)


def _project_events(ds: Dataset, records: list[dict]) -> None:
    for rec in records:
        problems: list[str] = []
        pid = _resolve(ds, ds.projects, "Projekt", rec["project"], rec, problems)
        gid = _resolve(ds, ds.groups, "Gruppe", rec["group"], rec, problems)
        if problems or pid is None:  # the project is a required column: None only with a problem
            ds.reject(rec, "; ".join(problems))
            continue
        eid = f"{pid}|{rec['date']}|{rec['kind']}"
        row: ProjectEventsRow = {"id": eid, "project_id": pid, "date": rec["date"], "kind": rec["kind"],
                                 "group_id": gid, "meeting_id": None, "note": rec["note"], **_src(rec)}
        ds.add(ds.rows("project_events"), eid, row, rec)


def _reports(ds: Dataset, records: list[dict]) -> None:
    for rec in records:
        problems: list[str] = []
        gid = _resolve(ds, ds.groups, "Gruppe", rec["group"], rec, problems)
        recipient = _resolve(ds, ds.groups, "Empfänger", rec["to"] or AG_TRANSFER, rec, []) \
            if (rec["to"] or ds.groups.lookup(AG_TRANSFER)) else None
        if rec["to"] and recipient is None:
            problems.append(f"Empfänger „{rec['to']}“ unbekannt")
        if problems or gid is None:  # the group is a required column: None only with a problem
            ds.reject(rec, "; ".join(problems))
            continue
        row: ReportsRow = {"group_id": gid, "year": rec["year"], "submitted": rec["submitted"],
                           "recipient_id": recipient, "evidence": f"{rec['_file']}, Zeile {rec['_line']}",
                           **_src(rec)}
        ds.add(ds.rows("reports"), (gid, rec["year"]), row, rec)


def link_meetings(ds: Dataset) -> None:
    """Attach project events to the meeting of their group on their date, where there is one."""
    meetings = ds.rows("meetings")
    for event in ds.rows("project_events").values():
        if event["group_id"]:
            mid = meeting_id(event["group_id"], event["date"])
            event["meeting_id"] = mid if mid in meetings else None
