"""The single source of truth for the database: tables, keys, indexes, views, full-text index.

Everything is declared as constants and applied by the idempotent `ensure_schema`; one row TypedDict
per table follows the DDL (`ROW_TYPES`, checked against a built database by tests). Ids are
text keys derived from names and dates (see `vocab.keys.name_key`), so they stay stable
across builds and a URL or a bookmark to "fachgruppe-handwerk" keeps working.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Literal, NotRequired, TypedDict

from vocab.terms import (
    ATTENDANCE_STATUSES,
    ATTENDED,
    CELL_STATUSES,
    EVENT_KINDS,
    EXCUSED,
    GROUP_KINDS,
    MEETING_FORMATS,
    MEMBER_ROLES,
    MEMBERSHIP_PHASES,
    MENTION_TYPES,
    AttendanceStatus,
    CellStatus,
    EventKind,
    GroupKind,
    MeetingFormat,
    MemberRole,
    MembershipPhase,
    MentionType,
)

SCHEMA_VERSION = 2


def _in(values: Iterable[str]) -> str:
    """The SQL list of accepted values, built from the vocabulary's constants (never from data)."""
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


# Where a row of master data came from: the master-data files, a protocol, or the reference lists.
Origin = Literal["stammdaten", "protokoll", "referenz"]
ORIGINS: tuple[Origin, ...] = ("stammdaten", "protokoll", "referenz")
RunStatus = Literal["ok", "rejects", "failed"]
RUN_STATUSES: tuple[RunStatus, ...] = ("ok", "rejects", "failed")
# What became of a correction of korrekturen.csv (German: the Prüfen page shows it as stored).
CorrectionStatus = Literal["angewendet", "nicht anwendbar"]
CORRECTION_STATUSES: tuple[CorrectionStatus, ...] = ("angewendet", "nicht anwendbar")

TABLES: dict[str, str] = {
    "load_runs": f"""
        id INTEGER PRIMARY KEY,
        started TEXT NOT NULL,
        finished TEXT,
        source TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN {_in(RUN_STATUSES)}),
        rows_read INTEGER NOT NULL DEFAULT 0,
        rows_loaded INTEGER NOT NULL DEFAULT 0,
        rows_rejected INTEGER NOT NULL DEFAULT 0,
        duration_s REAL,
        summary_json TEXT
    """,
    "source_files": """
        path TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        modified TEXT,
        rows_read INTEGER NOT NULL DEFAULT 0,
        rows_loaded INTEGER NOT NULL DEFAULT 0,
        rows_rejected INTEGER NOT NULL DEFAULT 0
    """,
    "rejects": """
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES load_runs(id),
        file TEXT NOT NULL,
        line INTEGER,
        reason TEXT NOT NULL,
        raw TEXT
    """,
    "organisations": f"""
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        short_name TEXT,
        type TEXT,
        region TEXT,
        partner_since TEXT,
        origin TEXT NOT NULL DEFAULT 'stammdaten' CHECK (origin IN {_in(ORIGINS)}),
        source_file TEXT,
        source_line INTEGER
    """,
    "org_aliases": """
        alias_key TEXT PRIMARY KEY,
        alias TEXT NOT NULL,
        org_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        origin TEXT
    """,
    "org_suggestions": """
        id INTEGER PRIMARY KEY,
        raw TEXT NOT NULL,
        org_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        suggestion TEXT NOT NULL,
        score REAL,
        file TEXT,
        line INTEGER
    """,
    "people": f"""
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        title TEXT,
        org_id TEXT REFERENCES organisations(id) ON DELETE SET NULL,
        role TEXT,
        origin TEXT NOT NULL DEFAULT 'stammdaten' CHECK (origin IN {_in(ORIGINS)}),
        source_file TEXT,
        source_line INTEGER
    """,
    "groups": f"""
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN {_in(GROUP_KINDS)}),
        topic TEXT,
        founded TEXT,
        dissolved TEXT,
        parent_id TEXT REFERENCES groups(id),
        origin TEXT NOT NULL DEFAULT 'stammdaten' CHECK (origin IN {_in(ORIGINS)}),
        source_file TEXT,
        source_line INTEGER
    """,
    "memberships": f"""
        group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
        org_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        role TEXT NOT NULL DEFAULT 'member' CHECK (role IN {_in(MEMBER_ROLES)}),
        since TEXT,
        until TEXT,
        source_file TEXT,
        source_line INTEGER,
        PRIMARY KEY (group_id, org_id)
    """,
    "meetings": f"""
        id TEXT PRIMARY KEY,
        group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        start TEXT,
        "end" TEXT,
        location TEXT,
        format TEXT CHECK (format IN {_in(MEETING_FORMATS)}),
        title TEXT,
        has_protocol INTEGER NOT NULL DEFAULT 0,
        source_file TEXT,
        source_line INTEGER
    """,
    "attendance": f"""
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        person_id TEXT REFERENCES people(id) ON DELETE CASCADE,
        org_id TEXT REFERENCES organisations(id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN {_in(ATTENDANCE_STATUSES)}),
        note TEXT,
        source_file TEXT,
        source_line INTEGER,
        CHECK (person_id IS NOT NULL OR org_id IS NOT NULL)
    """,
    "projects": f"""
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        programme TEXT,
        lead_org_id TEXT REFERENCES organisations(id) ON DELETE SET NULL,
        status TEXT,
        applied TEXT,
        approved TEXT,
        start TEXT,
        "end" TEXT,
        description TEXT,
        origin TEXT NOT NULL DEFAULT 'stammdaten' CHECK (origin IN {_in(ORIGINS)}),
        source_file TEXT,
        source_line INTEGER
    """,
    "project_partners": """
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        org_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        role TEXT,
        source_file TEXT,
        source_line INTEGER,
        PRIMARY KEY (project_id, org_id)
    """,
    "project_events": f"""
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN {_in(EVENT_KINDS)}),
        group_id TEXT REFERENCES groups(id) ON DELETE SET NULL,
        meeting_id TEXT REFERENCES meetings(id) ON DELETE SET NULL,
        note TEXT,
        source_file TEXT,
        source_line INTEGER
    """,
    "reports": """
        group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        submitted TEXT,
        recipient_id TEXT REFERENCES groups(id),
        evidence TEXT,
        source_file TEXT,
        source_line INTEGER,
        PRIMARY KEY (group_id, year)
    """,
    "protocols": """
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        source_file TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL,
        title TEXT,
        text TEXT NOT NULL,
        parsed_json TEXT NOT NULL,
        cache_key TEXT,
        confidence REAL,
        warnings_json TEXT
    """,
    "agenda_items": """
        meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        source_file TEXT,
        source_line INTEGER,
        PRIMARY KEY (meeting_id, position)
    """,
    "decisions": """
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        source_file TEXT,
        source_line INTEGER
    """,
    "action_items": """
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        owner_person_id TEXT REFERENCES people(id) ON DELETE SET NULL,
        owner_name TEXT,
        due TEXT,
        done INTEGER NOT NULL DEFAULT 0,
        source_file TEXT,
        source_line INTEGER
    """,
    # Every owner of a task ("Frau Seidel und Herr Kranz stimmen … ab"); action_items keeps the first.
    "task_owners": """
        action_item_id TEXT NOT NULL REFERENCES action_items(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        person_id TEXT REFERENCES people(id) ON DELETE SET NULL,
        name TEXT NOT NULL,
        source_file TEXT,
        source_line INTEGER,
        PRIMARY KEY (action_item_id, position)
    """,
    "mentions": f"""
        meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        entity_type TEXT NOT NULL CHECK (entity_type IN {_in(MENTION_TYPES)}),
        entity_id TEXT NOT NULL,
        name TEXT NOT NULL,
        source_file TEXT,
        source_line INTEGER,
        PRIMARY KEY (meeting_id, entity_type, entity_id)
    """,
    # korrekturen.csv as applied by the build: every correction with what became of it (never dropped).
    "corrections": f"""
        line INTEGER PRIMARY KEY,
        created TEXT,
        who TEXT,
        kind TEXT NOT NULL,
        target TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT,
        reason TEXT,
        status TEXT NOT NULL CHECK (status IN {_in(CORRECTION_STATUSES)}),
        note TEXT
    """,
    # erfasste_anwesenheit.csv against the protocol (or attendance.csv) of the same meeting: every person whose
    # status differs, or whom only one side lists. The capture wins (attendance holds its status); Prüfen lists these.
    "attendance_conflicts": f"""
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        captured_status TEXT CHECK (captured_status IN {_in(ATTENDANCE_STATUSES)}),
        other_status TEXT CHECK (other_status IN {_in(ATTENDANCE_STATUSES)}),
        other_file TEXT,
        other_line INTEGER,
        capture_line INTEGER
    """,
    # people.csv `email`: where the outreach mail draft goes (kept apart: only that draft reads it).
    "person_emails": """
        person_id TEXT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
        email TEXT NOT NULL,
        source_file TEXT,
        source_line INTEGER
    """,
    # ansprache.csv: contacts with (fading) partners recorded in the app, with the date to follow up.
    "outreach": """
        id INTEGER PRIMARY KEY,
        date TEXT NOT NULL,
        org_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        group_id TEXT REFERENCES groups(id) ON DELETE SET NULL,
        who TEXT,
        channel TEXT CHECK (channel IN ('Telefon', 'E-Mail', 'Treffen')),
        result TEXT,
        follow_up TEXT,
        note TEXT,
        recorded_by TEXT,
        source_file TEXT,
        source_line INTEGER
    """,
    # aenderungsprotokoll.csv: who changed what through the app, and when.
    "change_log": """
        id INTEGER PRIMARY KEY,
        changed_at TEXT NOT NULL,
        who TEXT NOT NULL,
        action TEXT NOT NULL,
        file TEXT,
        detail TEXT
    """,
    # Derived tables, refreshed by every build and every erasure (see DERIVED). The database is a
    # build artefact, so aggregates are materialised once instead of recomputed on every click.
    # The attendance facts of etl/derive/attendance.py: one row per meeting and organisation (person)
    # that was expected there or has a record; the running columns hold the facts up to that meeting.
    "org_attendance": f"""
        meeting_id TEXT NOT NULL,
        group_id TEXT NOT NULL,
        date TEXT NOT NULL,
        org_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN {_in(CELL_STATUSES)}),
        membership TEXT CHECK (membership IN {_in(MEMBERSHIP_PHASES)}),
        people_present INTEGER NOT NULL,
        attended INTEGER NOT NULL CHECK (attended IN (0, 1)),
        counted INTEGER NOT NULL CHECK (counted IN (0, 1)),
        last_attended TEXT,
        last_listed TEXT,
        missed_in_row INTEGER NOT NULL,
        PRIMARY KEY (meeting_id, org_id)
    """,
    "person_attendance": f"""
        meeting_id TEXT NOT NULL,
        group_id TEXT NOT NULL,
        date TEXT NOT NULL,
        person_id TEXT NOT NULL,
        org_id TEXT,
        status TEXT NOT NULL CHECK (status IN {_in(CELL_STATUSES)}),
        membership TEXT CHECK (membership IN {_in(MEMBERSHIP_PHASES)}),
        attended INTEGER NOT NULL CHECK (attended IN (0, 1)),
        counted INTEGER NOT NULL CHECK (counted IN (0, 1)),
        last_attended TEXT,
        last_listed TEXT,
        missed_in_row INTEGER NOT NULL,
        PRIMARY KEY (meeting_id, person_id)
    """,
    "meeting_stats": """
        meeting_id TEXT PRIMARY KEY,
        people_present INTEGER NOT NULL,
        orgs_present INTEGER NOT NULL,
        people_excused INTEGER NOT NULL
    """,
    # Only a hash of the erased person's key: the list must not itself keep the name.
    "excluded_people": """
        key_hash TEXT PRIMARY KEY,
        added TEXT NOT NULL
    """,
    # What each loaded table held when a build wrote it (digest of its rows, row count): an incremental
    # build compares only tables whose digest changed. Anything that changes rows in place (erasure)
    # must empty this table, or the next incremental build would trust stale digests.
    "table_digests": """
        name TEXT PRIMARY KEY,
        digest TEXT NOT NULL,
        row_count INTEGER NOT NULL
    """,
}

# One TypedDict per table, in the order of TABLES: the rows resolve, derive and load build. A column
# added to TABLES must be added here too (tests/test_types.py compares both with a freshly built database).
# NOT NULL columns are plain types, nullable ones `| None`; CHECKed values are the vocabulary's Literals.

class LoadRunsRow(TypedDict):
    id: NotRequired[int]  # left out: SQLite assigns the next id
    started: str
    finished: str | None
    source: str
    status: RunStatus
    rows_read: int
    rows_loaded: int
    rows_rejected: int
    duration_s: float | None
    summary_json: str | None


class SourceFilesRow(TypedDict):
    path: str
    kind: str
    sha256: str
    size: int
    modified: str | None
    rows_read: int
    rows_loaded: int
    rows_rejected: int


class RejectsRow(TypedDict):
    id: NotRequired[int]  # left out: SQLite assigns the next id
    run_id: int
    file: str
    line: int | None
    reason: str
    raw: str | None


class OrganisationsRow(TypedDict):
    id: str
    name: str
    short_name: str | None
    type: str | None
    region: str | None
    partner_since: str | None
    origin: Origin
    source_file: str | None
    source_line: int | None


class OrgAliasesRow(TypedDict):
    alias_key: str
    alias: str
    org_id: str
    origin: str | None


class OrgSuggestionsRow(TypedDict):
    id: NotRequired[int]  # left out: SQLite assigns the next id
    raw: str
    org_id: str
    suggestion: str
    score: float | None
    file: str | None
    line: int | None


class PeopleRow(TypedDict):
    id: str
    name: str
    title: str | None
    org_id: str | None
    role: str | None
    origin: Origin
    source_file: str | None
    source_line: int | None


class GroupsRow(TypedDict):
    id: str
    name: str
    kind: GroupKind
    topic: str | None
    founded: str | None
    dissolved: str | None
    parent_id: str | None
    origin: Origin
    source_file: str | None
    source_line: int | None


class MembershipsRow(TypedDict):
    group_id: str
    org_id: str
    role: MemberRole
    since: str | None
    until: str | None
    source_file: str | None
    source_line: int | None


class MeetingsRow(TypedDict):
    id: str
    group_id: str
    date: str
    start: str | None
    end: str | None
    location: str | None
    format: MeetingFormat | None
    title: str | None
    has_protocol: int
    source_file: str | None
    source_line: int | None


class AttendanceRow(TypedDict):
    id: str
    meeting_id: str
    person_id: str | None
    org_id: str | None
    status: AttendanceStatus
    note: str | None
    source_file: str | None
    source_line: int | None


class ProjectsRow(TypedDict):
    id: str
    name: str
    programme: str | None
    lead_org_id: str | None
    status: str | None
    applied: str | None
    approved: str | None
    start: str | None
    end: str | None
    description: str | None
    origin: Origin
    source_file: str | None
    source_line: int | None


class ProjectPartnersRow(TypedDict):
    project_id: str
    org_id: str
    role: str | None
    source_file: str | None
    source_line: int | None


class ProjectEventsRow(TypedDict):
    id: str
    project_id: str
    date: str
    kind: EventKind
    group_id: str | None
    meeting_id: str | None
    note: str | None
    source_file: str | None
    source_line: int | None


class ReportsRow(TypedDict):
    group_id: str
    year: int
    submitted: str | None
    recipient_id: str | None
    evidence: str | None
    source_file: str | None
    source_line: int | None


class ProtocolsRow(TypedDict):
    id: str
    meeting_id: str
    source_file: str
    sha256: str
    title: str | None
    text: str
    parsed_json: str
    cache_key: str | None
    confidence: float | None
    warnings_json: str | None


class AgendaItemsRow(TypedDict):
    meeting_id: str
    position: int
    text: str
    source_file: str | None
    source_line: int | None


class DecisionsRow(TypedDict):
    id: str
    meeting_id: str
    text: str
    source_file: str | None
    source_line: int | None


class ActionItemsRow(TypedDict):
    id: str
    meeting_id: str
    text: str
    owner_person_id: str | None
    owner_name: str | None
    due: str | None
    done: int
    source_file: str | None
    source_line: int | None


class TaskOwnersRow(TypedDict):
    action_item_id: str
    position: int
    person_id: str | None
    name: str
    source_file: str | None
    source_line: int | None


class MentionsRow(TypedDict):
    meeting_id: str
    entity_type: MentionType
    entity_id: str
    name: str
    source_file: str | None
    source_line: int | None


class CorrectionsRow(TypedDict):
    line: int
    created: str | None
    who: str | None
    kind: str
    target: str
    old_value: str | None
    new_value: str | None
    reason: str | None
    status: CorrectionStatus
    note: str | None


class AttendanceConflictsRow(TypedDict):
    id: str
    meeting_id: str
    person_id: str
    captured_status: AttendanceStatus | None
    other_status: AttendanceStatus | None
    other_file: str | None
    other_line: int | None
    capture_line: int | None


class PersonEmailsRow(TypedDict):
    person_id: str
    email: str
    source_file: str | None
    source_line: int | None


class OutreachRow(TypedDict):
    id: NotRequired[int]  # left out: SQLite assigns the next id
    date: str
    org_id: str
    group_id: str | None
    who: str | None
    channel: str | None
    result: str | None
    follow_up: str | None
    note: str | None
    recorded_by: str | None
    source_file: str | None
    source_line: int | None


class ChangeLogRow(TypedDict):
    id: NotRequired[int]  # left out: SQLite assigns the next id
    changed_at: str
    who: str
    action: str
    file: str | None
    detail: str | None


class OrgAttendanceRow(TypedDict):
    meeting_id: str
    group_id: str
    date: str
    org_id: str
    status: CellStatus
    membership: MembershipPhase | None
    people_present: int
    attended: int
    counted: int
    last_attended: str | None
    last_listed: str | None
    missed_in_row: int


class PersonAttendanceRow(TypedDict):
    meeting_id: str
    group_id: str
    date: str
    person_id: str
    org_id: str | None
    status: CellStatus
    membership: MembershipPhase | None
    attended: int
    counted: int
    last_attended: str | None
    last_listed: str | None
    missed_in_row: int


class MeetingStatsRow(TypedDict):
    meeting_id: str
    people_present: int
    orgs_present: int
    people_excused: int


class ExcludedPeopleRow(TypedDict):
    key_hash: str
    added: str


class TableDigestsRow(TypedDict):
    name: str
    digest: str
    row_count: int


ROW_TYPES: dict[str, type] = {
    "load_runs": LoadRunsRow, "source_files": SourceFilesRow, "rejects": RejectsRow,
    "organisations": OrganisationsRow, "org_aliases": OrgAliasesRow, "org_suggestions": OrgSuggestionsRow,
    "people": PeopleRow, "groups": GroupsRow, "memberships": MembershipsRow, "meetings": MeetingsRow,
    "attendance": AttendanceRow, "projects": ProjectsRow, "project_partners": ProjectPartnersRow,
    "project_events": ProjectEventsRow, "reports": ReportsRow, "protocols": ProtocolsRow,
    "agenda_items": AgendaItemsRow, "decisions": DecisionsRow, "action_items": ActionItemsRow,
    "task_owners": TaskOwnersRow, "mentions": MentionsRow, "corrections": CorrectionsRow,
    "attendance_conflicts": AttendanceConflictsRow, "person_emails": PersonEmailsRow, "outreach": OutreachRow,
    "change_log": ChangeLogRow, "org_attendance": OrgAttendanceRow, "person_attendance": PersonAttendanceRow,
    "meeting_stats": MeetingStatsRow, "excluded_people": ExcludedPeopleRow, "table_digests": TableDigestsRow,
}



INDEXES: tuple[str, ...] = (
    "CREATE INDEX IF NOT EXISTS idx_people_org ON people(org_id)",
    "CREATE INDEX IF NOT EXISTS idx_memberships_org ON memberships(org_id)",
    "CREATE INDEX IF NOT EXISTS idx_meetings_group_date ON meetings(group_id, date)",
    "CREATE INDEX IF NOT EXISTS idx_meetings_date ON meetings(date)",
    "CREATE INDEX IF NOT EXISTS idx_attendance_meeting ON attendance(meeting_id)",
    "CREATE INDEX IF NOT EXISTS idx_attendance_org ON attendance(org_id, meeting_id)",
    "CREATE INDEX IF NOT EXISTS idx_attendance_person ON attendance(person_id)",
    "CREATE INDEX IF NOT EXISTS idx_project_partners_org ON project_partners(org_id)",
    "CREATE INDEX IF NOT EXISTS idx_project_events_project ON project_events(project_id, date)",
    "CREATE INDEX IF NOT EXISTS idx_project_events_meeting ON project_events(meeting_id)",
    "CREATE INDEX IF NOT EXISTS idx_action_items_meeting ON action_items(meeting_id)",
    "CREATE INDEX IF NOT EXISTS idx_task_owners_person ON task_owners(person_id)",
    "CREATE INDEX IF NOT EXISTS idx_decisions_meeting ON decisions(meeting_id)",
    "CREATE INDEX IF NOT EXISTS idx_mentions_entity ON mentions(entity_type, entity_id)",
    "CREATE INDEX IF NOT EXISTS idx_rejects_run ON rejects(run_id)",
    "CREATE INDEX IF NOT EXISTS idx_org_aliases_org ON org_aliases(org_id)",
    "CREATE INDEX IF NOT EXISTS idx_org_attendance_group ON org_attendance(group_id, date)",
    "CREATE INDEX IF NOT EXISTS idx_org_attendance_org ON org_attendance(org_id, date)",
    "CREATE INDEX IF NOT EXISTS idx_outreach_org ON outreach(org_id, date)",
    "CREATE INDEX IF NOT EXISTS idx_attendance_conflicts_meeting ON attendance_conflicts(meeting_id)",
    "CREATE INDEX IF NOT EXISTS idx_person_attendance_group ON person_attendance(group_id, date)",
    "CREATE INDEX IF NOT EXISTS idx_person_attendance_person ON person_attendance(person_id, date)",
)

# Views hold the aggregates pages need, so pages never aggregate whole tables in pandas.
VIEWS: dict[str, str] = {
    # One row per meeting and organisation with a record (its best status; cells without one are left out).
    "v_org_attendance": ("SELECT meeting_id, group_id, date, org_id, status, people_present FROM org_attendance "
                         f"WHERE status IN {_in(ATTENDANCE_STATUSES)}"),
    "v_meeting_stats": """
        SELECT m.id AS meeting_id, m.group_id, g.name AS group_name, g.kind AS group_kind,
               m.date, m.title, m.format, m.has_protocol,
               COALESCE(s.people_present, 0) AS people_present, COALESCE(s.orgs_present, 0) AS orgs_present,
               COALESCE(s.people_excused, 0) AS people_excused
        FROM meetings m JOIN groups g ON g.id = m.group_id LEFT JOIN meeting_stats s ON s.meeting_id = m.id
    """,
    "v_group_activity": """
        SELECT g.id AS group_id, g.name, g.kind, g.founded, g.dissolved,
               COUNT(m.id) AS meetings, MIN(m.date) AS first_meeting, MAX(m.date) AS last_meeting,
               (SELECT COUNT(*) FROM memberships ms WHERE ms.group_id = g.id AND ms.until IS NULL
                  AND (ms.since IS NULL OR ms.since <= date('now'))) AS current_members
        FROM groups g LEFT JOIN meetings m ON m.group_id = g.id
        GROUP BY g.id
    """,
    "v_table_counts": """
        SELECT 'organisations' AS table_name, COUNT(*) AS row_count FROM organisations
        UNION ALL SELECT 'people', COUNT(*) FROM people
        UNION ALL SELECT 'groups', COUNT(*) FROM groups
        UNION ALL SELECT 'memberships', COUNT(*) FROM memberships
        UNION ALL SELECT 'meetings', COUNT(*) FROM meetings
        UNION ALL SELECT 'attendance', COUNT(*) FROM attendance
        UNION ALL SELECT 'projects', COUNT(*) FROM projects
        UNION ALL SELECT 'project_partners', COUNT(*) FROM project_partners
        UNION ALL SELECT 'project_events', COUNT(*) FROM project_events
        UNION ALL SELECT 'reports', COUNT(*) FROM reports
        UNION ALL SELECT 'protocols', COUNT(*) FROM protocols
        UNION ALL SELECT 'action_items', COUNT(*) FROM action_items
        UNION ALL SELECT 'task_owners', COUNT(*) FROM task_owners
        UNION ALL SELECT 'decisions', COUNT(*) FROM decisions
        UNION ALL SELECT 'mentions', COUNT(*) FROM mentions
        UNION ALL SELECT 'rejects', COUNT(*) FROM rejects
    """,
}

# How the derived tables are computed from the loaded rows; run in this order after loading.
# Every derived row belongs to one meeting: `{scope}` is "1" for a full refresh, or narrows the
# refresh to the meetings an incremental build changed (see `derived_sql`).
DERIVED: tuple[tuple[str, str], ...] = (
    # Turnout per meeting; reads org_attendance, which the derive step wrote (etl/derive/attendance.py).
    ("meeting_stats", """
        INSERT INTO meeting_stats (meeting_id, people_present, orgs_present, people_excused)
        SELECT m.id,
               (SELECT COUNT(*) FROM attendance a WHERE a.meeting_id = m.id AND a.status IN """ + _in(ATTENDED) + """),
               (SELECT COUNT(*) FROM org_attendance o WHERE o.meeting_id = m.id AND o.attended = 1),
               (SELECT COUNT(*) FROM attendance a WHERE a.meeting_id = m.id AND a.status = '""" + EXCUSED + """')
        FROM meetings m WHERE {scope}"""),
)
# The meeting id column of each derived query, and the temp table holding the meetings to refresh.
DERIVED_MEETING: dict[str, str] = {"meeting_stats": "m.id"}
DERIVED_SCOPE_TABLE = "temp.derived_scope"


def derived_sql(table: str, scoped: bool = False) -> str:
    """The INSERT of one derived table, for all meetings or only those listed in DERIVED_SCOPE_TABLE."""
    insert = dict(DERIVED)[table]
    scope = f"{DERIVED_MEETING[table]} IN (SELECT meeting_id FROM {DERIVED_SCOPE_TABLE})" if scoped else "1"
    return insert.replace("{scope}", scope)

# External-content FTS5 over protocol text: the text lives once, in `protocols`.
FTS: tuple[str, ...] = (
    """CREATE VIRTUAL TABLE IF NOT EXISTS protocols_fts USING fts5(
           title, text, content='protocols', content_rowid='rowid',
           tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS protocols_ai AFTER INSERT ON protocols BEGIN
           INSERT INTO protocols_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
       END""",
    """CREATE TRIGGER IF NOT EXISTS protocols_ad AFTER DELETE ON protocols BEGIN
           INSERT INTO protocols_fts(protocols_fts, rowid, title, text)
           VALUES ('delete', old.rowid, old.title, old.text);
       END""",
    """CREATE TRIGGER IF NOT EXISTS protocols_au AFTER UPDATE ON protocols BEGIN
           INSERT INTO protocols_fts(protocols_fts, rowid, title, text)
           VALUES ('delete', old.rowid, old.title, old.text);
           INSERT INTO protocols_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
       END""",
)

# Tables in the order they are filled, parents before children (foreign keys are enforced).
LOAD_ORDER: tuple[str, ...] = (
    "organisations", "org_aliases", "people", "groups", "memberships", "meetings", "attendance",
    "projects", "project_partners", "project_events", "reports", "protocols", "agenda_items",
    "decisions", "action_items", "task_owners", "mentions", "org_suggestions", "source_files", "corrections",
    "change_log", "attendance_conflicts", "outreach", "person_emails", "org_attendance", "person_attendance",
)

ACCEPTED_VALUES: dict[tuple[str, str], tuple[str, ...]] = {
    ("groups", "kind"): GROUP_KINDS,
    ("memberships", "role"): MEMBER_ROLES,
    ("attendance", "status"): ATTENDANCE_STATUSES,
    ("meetings", "format"): MEETING_FORMATS,
    ("project_events", "kind"): EVENT_KINDS,
}


def table_sql(name: str) -> str:
    """CREATE TABLE statement of one declared table."""
    return f"CREATE TABLE IF NOT EXISTS {name} ({TABLES[name]})"


def table_statements() -> list[str]:
    """Tables (with their keys and constraints) and views: all a bulk load needs before its first insert."""
    statements = [table_sql(name) for name in TABLES]
    statements += [f"CREATE VIEW IF NOT EXISTS {name} AS {body}" for name, body in VIEWS.items()]
    return statements


def index_statements() -> list[str]:
    """Secondary indexes, the full-text index and its triggers, and the schema version.

    Separate so a bulk load can create them after inserting: one sort per index is several times
    faster than updating every index row by row (the FTS index is then filled with 'rebuild').
    """
    return [*INDEXES, *FTS, f"PRAGMA user_version = {SCHEMA_VERSION}"]


def schema_statements() -> list[str]:
    """Every DDL statement of the schema, in the order it must run. Built from the constants above."""
    return table_statements() + index_statements()


def ensure_schema(conn: sqlite3.Connection, *, tables_only: bool = False) -> None:
    """Create every table, index, view and the full-text index that is missing. Idempotent.

    `tables_only` leaves out `index_statements()`; the caller must run `ensure_indexes` afterwards.
    """
    conn.execute("PRAGMA foreign_keys = ON")
    for statement in table_statements() if tables_only else schema_statements():
        conn.execute(statement)


def ensure_indexes(conn: sqlite3.Connection) -> None:
    """Create the indexes and the full-text index after a bulk load, and index the loaded protocols."""
    for statement in index_statements():
        conn.execute(statement)
    conn.execute("INSERT INTO protocols_fts(protocols_fts) VALUES ('rebuild')")
