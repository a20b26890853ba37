"""Attendance facts, built once per build: one row per group, meeting and organisation (or person).

Each row says what the analyses need about that cell, so none of them recounts:
- `status`: the recorded status (an organisation's best one, see `STATUS_RANK`), else `missing` (a
  member without a record at a meeting that has records), `unrecorded` (the meeting has no record at
  all) or `none` (not expected, not there);
- `attended`: 1 when the status counts as attended (`vocab.terms.ATTENDED`: present or guest);
- `membership`: member / not_yet / left (`vocab.terms.MembershipPhase`), NULL when never a member;
- `counted`: 1 when the cell counts for rates and streaks (`vocab.terms.COUNTED`);
- running over the group's meetings up to and including this one: `last_attended`, `last_listed`
  (any record) and `missed_in_row` (counted meetings without attendance since the last attended one).
So a fact "as of" a date is the row of the last meeting on or before it, and a window's counts are a
sum over its rows. Pure: rows in, rows out; the loader writes them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Final, TypedDict

from etl.build.schema import (
    AttendanceRow,
    MeetingsRow,
    MembershipsRow,
    OrgAttendanceRow,
    PeopleRow,
    PersonAttendanceRow,
)
from vocab.terms import (
    ATTENDED,
    COUNTED,
    GUEST,
    IS_MEMBER,
    LEFT,
    MISSING,
    NONE,
    NOT_YET,
    STATUS_RANK,
    UNRECORDED,
    AttendanceStatus,
    CellStatus,
    MembershipPhase,
)

ORG_TABLE: Final = "org_attendance"
PERSON_TABLE: Final = "person_attendance"


class Sources(TypedDict):
    """The loaded rows the facts are derived from, by key (as the build's dataset or a database holds them)."""

    meetings: Mapping[object, MeetingsRow]
    people: Mapping[object, PeopleRow]
    memberships: Mapping[object, MembershipsRow]
    attendance: Mapping[object, AttendanceRow]


class Derived(TypedDict):
    org_attendance: dict[object, OrgAttendanceRow]  # by (meeting_id, org_id)
    person_attendance: dict[object, PersonAttendanceRow]  # by (meeting_id, person_id)


def derive(tables: Sources) -> Derived:
    """The derived attendance tables (keyed by (meeting_id, org_id) / (meeting_id, person_id))."""
    meetings = sorted((m["group_id"], m["date"], m["id"]) for m in tables["meetings"].values())
    by_group: dict[str, list[tuple[str, str]]] = defaultdict(list)
    group_of: dict[str, str] = {}
    date_of: dict[str, str] = {}
    for group_id, day, meeting_id in meetings:
        by_group[group_id].append((day, meeting_id))
        group_of[meeting_id], date_of[meeting_id] = group_id, day
    person_org = {p["id"]: p["org_id"] for p in tables["people"].values()}
    org_records: dict[tuple[str, str], list[AttendanceStatus]] = defaultdict(list)  # (meeting, org) -> statuses
    person_records: dict[tuple[str, str], list[AttendanceStatus]] = defaultdict(list)
    person_record_org: dict[tuple[str, str], str | None] = {}
    recorded: set[str] = set()
    for a in tables["attendance"].values():
        meeting_id = a["meeting_id"]
        if meeting_id not in group_of:
            continue
        recorded.add(meeting_id)
        person_id = a["person_id"]
        org_id = a["org_id"] or (person_org.get(person_id) if person_id else None)
        if org_id:
            org_records[(meeting_id, org_id)].append(a["status"])
        if person_id:
            person_records[(meeting_id, person_id)].append(a["status"])
            person_record_org[(meeting_id, person_id)] = org_id
    return {ORG_TABLE: _org_rows(tables, by_group, group_of, recorded, org_records),
            PERSON_TABLE: _person_rows(by_group, group_of, date_of, recorded, person_records, person_record_org,
                                       person_org)}


def _best(statuses: list[AttendanceStatus]) -> AttendanceStatus:
    return min(statuses, key=lambda s: STATUS_RANK.get(s, len(STATUS_RANK) + 1))


def _org_rows(tables: Sources, by_group: Mapping[str, list[tuple[str, str]]],
              group_of: Mapping[str, str], recorded: set[str],
              records: Mapping[tuple[str, str], list[AttendanceStatus]]) -> dict[object, OrgAttendanceRow]:
    listed: dict[str, dict[str, MembershipsRow]] = defaultdict(dict)
    for ms in tables["memberships"].values():
        listed[ms["group_id"]][ms["org_id"]] = ms
    related: dict[str, set[str]] = defaultdict(set)
    for (meeting_id, org_id) in records:
        related[group_of[meeting_id]].add(org_id)
    out: dict[object, OrgAttendanceRow] = {}
    for group_id, meetings in by_group.items():
        members = listed.get(group_id, {})
        for org_id in sorted(related[group_id] | set(members)):
            first: str | None = None
            if not members:  # no membership list: a member from the first appearance other than as a guest on
                first = next((day for day, mid in meetings
                              if any(s != GUEST for s in records.get((mid, org_id), ()))), None)
            run = _Run()
            for day, meeting_id in meetings:
                statuses = records.get((meeting_id, org_id))
                phase: MembershipPhase | None = _phase(members.get(org_id), day) if members else (
                    None if first is None else IS_MEMBER if day >= first else NOT_YET)
                status: CellStatus
                if statuses:
                    status = _best(statuses)
                elif phase is None:
                    continue  # neither expected nor there: no cell
                elif phase != IS_MEMBER:
                    status = NONE
                else:
                    status = MISSING if meeting_id in recorded else UNRECORDED
                present = sum(s in ATTENDED for s in statuses or ())
                out[(meeting_id, org_id)] = {"meeting_id": meeting_id, "group_id": group_id, "date": day,
                                             "org_id": org_id, "status": status, "membership": phase,
                                             "people_present": present, **run.step(status, day)}
    return out


def _phase(membership: MembershipsRow | None, day: str) -> MembershipPhase | None:
    if membership is None:
        return None
    if membership["since"] and day < membership["since"]:
        return NOT_YET
    if membership["until"] and day > membership["until"]:
        return LEFT
    return IS_MEMBER


def _person_rows(by_group: Mapping[str, list[tuple[str, str]]], group_of: Mapping[str, str],
                 date_of: Mapping[str, str], recorded: set[str],
                 records: Mapping[tuple[str, str], list[AttendanceStatus]],
                 record_org: Mapping[tuple[str, str], str | None],
                 person_org: Mapping[str, str | None]) -> dict[object, PersonAttendanceRow]:
    """A person is expected at every meeting of a group from their first record there on."""
    first: dict[tuple[str, str], str] = {}
    for (meeting_id, person_id) in records:
        key = (group_of[meeting_id], person_id)
        day = date_of[meeting_id]
        if key not in first or day < first[key]:
            first[key] = day
    out: dict[object, PersonAttendanceRow] = {}
    for (group_id, person_id), since in sorted(first.items()):
        run = _Run()
        org_id = person_org.get(person_id)
        for day, meeting_id in by_group[group_id]:
            if day < since:
                continue
            statuses = records.get((meeting_id, person_id))
            status: CellStatus
            if statuses:
                status = _best(statuses)
                org_id = record_org.get((meeting_id, person_id)) or org_id
            else:
                status = MISSING if meeting_id in recorded else UNRECORDED
            out[(meeting_id, person_id)] = {"meeting_id": meeting_id, "group_id": group_id, "date": day,
                                            "person_id": person_id, "org_id": org_id, "status": status,
                                            "membership": IS_MEMBER, **run.step(status, day)}
    return out


class _Running(TypedDict):
    attended: int
    counted: int
    last_attended: str | None
    last_listed: str | None
    missed_in_row: int


class _Run:
    """The running facts of one organisation (or person) over one group's meetings, oldest first."""

    def __init__(self) -> None:
        self.last_attended: str | None = None
        self.last_listed: str | None = None
        self.missed = 0

    def step(self, status: CellStatus, day: str) -> _Running:
        attended = status in ATTENDED
        counted = status in COUNTED
        if attended:
            self.last_attended, self.missed = day, 0
        elif counted:
            self.missed += 1
        if counted and status != MISSING:
            self.last_listed = day
        return {"attended": int(attended), "counted": int(counted), "last_attended": self.last_attended,
                "last_listed": self.last_listed, "missed_in_row": self.missed}
