"""What editors record in the app, merged into a build: attendance captured in the meeting, and outreach.

Captured attendance (`erfasste_anwesenheit.csv`) is applied after the protocols: for every person it lists,
its status wins over a protocol or attendance.csv row of the same meeting, and each disagreement is kept
in `attendance_conflicts` for the Prüfen page. People only a protocol lists stay loaded (and are listed as
a disagreement too): the capture may have missed a late guest, and nothing is dropped without a decision.
Outreach (`ansprache.csv`) becomes the `outreach` table. Pure on the `Dataset`; rows of people erased
on request are skipped like everywhere else.
"""

from __future__ import annotations

from etl.build.schema import AttendanceConflictsRow, OutreachRow
from etl.extract.rows import Staged
from etl.resolve.master_data import Dataset, ensure_meeting, person_record
from etl.resolve.master_data import _resolve as resolve_name
from etl.resolve.protocols import _organisation as protocol_organisation
from vocab.terms import AttendanceStatus


def _count_staged(ds: Dataset, staged: Staged) -> None:
    ds.count(staged.path).read += staged.read
    ds.count(staged.path).rejected += len(staged.rejects)
    ds.rejects.extend(staged.rejects)
    ds.rejects.extend(staged.notes)


def _person(ds: Dataset, record: dict, oid: str | None) -> str:
    """The id of a known person, or of a guest typed in the meeting (new, origin 'protokoll', like a protocol's)."""
    pid, name, title = person_record(record["person"])
    known = ds.people.lookup(name)
    if known and known in ds.rows("people"):
        return known
    ds.rows("people")[pid] = {"id": pid, "name": name, "title": title, "org_id": oid, "role": None,
                              "origin": "protokoll", "source_file": record["_file"], "source_line": record["_line"]}
    ds.people.add(name, entity_id=pid, origin="protokoll")
    return pid


def merge_captured(ds: Dataset, staged: Staged) -> list[str]:
    """Apply captured attendance: it wins over every other row of the same meeting and person (see module doc).

    Returns German notices for organisations typed in the meeting that were not known (created like a protocol's).
    """
    warnings: list[str] = []
    _count_staged(ds, staged)
    attendance = ds.rows("attendance")
    conflicts = ds.rows("attendance_conflicts")
    captured: dict[str, set[str]] = {}  # meeting id -> attendance ids the capture set
    protocols: dict[str, str] = {}  # meeting id -> protocol file, built when first needed
    for rec in staged.records:
        problems: list[str] = []
        gid = resolve_name(ds, ds.groups, "Gruppe", rec["group"], rec, problems)
        pid_key = person_record(rec["person"])[0]
        if not pid_key:
            problems.append("Person ohne Namen")
        if problems or gid is None:
            ds.reject(rec, "; ".join(problems))
            continue
        if ds.is_excluded(pid_key):
            ds.count(rec["_file"]).read -= 1  # erased on request: neither loaded nor a reject
            continue
        oid = protocol_organisation(ds, rec["organisation"], rec["_file"], rec["_line"], warnings)
        pid = _person(ds, rec, oid)
        oid = oid or ds.rows("people")[pid]["org_id"]
        mid = ensure_meeting(ds, gid, rec["date"], rec["_file"], rec["_line"])
        aid = f"{mid}|{pid}"
        ids = captured.setdefault(mid, set())
        if aid in ids:
            first = attendance[aid]
            ds.reject(rec, f"Person ist für diese Sitzung bereits erfasst ({first['source_file']}, "
                           f"Zeile {first['source_line']})")
            continue
        before = attendance.get(aid)
        if before is not None and before["status"] != rec["status"]:
            conflicts[aid] = _conflict(aid, mid, pid, rec, before["status"], before["source_file"],
                                       before["source_line"])
        elif before is None and ds.rows("meetings")[mid]["has_protocol"]:  # the protocol does not list them
            protocols = protocols or {p["meeting_id"]: p["source_file"] for p in ds.rows("protocols").values()}
            conflicts[aid] = _conflict(aid, mid, pid, rec, None, protocols.get(mid), None)
        attendance[aid] = {"id": aid, "meeting_id": mid, "person_id": pid, "org_id": oid, "status": rec["status"],
                           "note": "in der Sitzung erfasst", "source_file": rec["_file"], "source_line": rec["_line"]}
        ids.add(aid)
        ds.count(rec["_file"]).loaded += 1
    for key, row in attendance.items():  # people another source lists for a captured meeting: kept, but listed
        meeting = str(row["meeting_id"])
        if meeting in captured and key not in captured[meeting] and row["person_id"]:
            conflicts[key] = _conflict(str(key), meeting, row["person_id"], None, row["status"], row["source_file"],
                                       row["source_line"])
    return warnings


def _conflict(aid: str, mid: str, pid: str, rec: dict | None, other_status: AttendanceStatus | None,
              other_file: str | None, other_line: int | None) -> AttendanceConflictsRow:
    """One disagreement: what the capture says (None: not captured) and what the other source says."""
    return {"id": aid, "meeting_id": mid, "person_id": pid, "captured_status": rec["status"] if rec else None,
            "other_status": other_status, "other_file": other_file, "other_line": other_line,
            "capture_line": rec["_line"] if rec else None}


def add_outreach(ds: Dataset, staged: Staged) -> None:
    """Outreach rows: organisation (required) and group resolved to ids; unknown names are rejected."""
    _count_staged(ds, staged)
    for rec in staged.records:
        problems: list[str] = []
        oid = resolve_name(ds, ds.organisations, "Organisation", rec["organisation"], rec, problems)
        gid = resolve_name(ds, ds.groups, "Gruppe", rec["group"], rec, problems)
        if problems or oid is None:
            ds.reject(rec, "; ".join(problems))
            continue
        row: OutreachRow = {"id": rec["_line"], "date": rec["date"], "org_id": oid, "group_id": gid,
                            "who": rec["who"], "channel": rec["channel"], "result": rec["result"],
                            "follow_up": rec["follow_up"], "note": rec["note"], "recorded_by": rec["recorded_by"],
                            "source_file": rec["_file"], "source_line": rec["_line"]}
        ds.add(ds.rows("outreach"), rec["_line"], row, rec)
