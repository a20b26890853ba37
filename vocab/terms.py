"""The words of the data model and the German labels users read for them.

Values are what the database stores (English, checked by the schema); labels are German. The ETL
maps what people write onto the values, the analyses and pages show the labels.
"""

from __future__ import annotations

from typing import Final, Literal

# --- attendance -----------------------------------------------------------------------------------
AttendanceStatus = Literal["present", "excused", "absent", "guest"]
PRESENT: Final = "present"
EXCUSED: Final = "excused"
ABSENT: Final = "absent"
GUEST: Final = "guest"
ATTENDANCE_STATUSES: tuple[AttendanceStatus, ...] = (PRESENT, EXCUSED, ABSENT, GUEST)
# "Counts as attended" (one definition for every page): present or guest. A guest was in the room: they
# met the others, can be called, and took part in that meeting, so turnout, "zuletzt anwesend", streaks,
# rates and the network's co-attendance all count them. The partner count of §6.3 is the one exception,
# named apart (PARTNER_STATUSES): a guest comes by invitation and is not one of the group's partners.
ATTENDED: tuple[AttendanceStatus, ...] = (PRESENT, GUEST)
# §6.3 "at least three partners": organisations attending as partners, i.e. present and not as guests.
PARTNER_STATUSES: tuple[AttendanceStatus, ...] = (PRESENT,)


def attendance_status(value: str) -> AttendanceStatus:
    """A status word read as the stored value, typed; anything else is a programming error (ValueError)."""
    for status in ATTENDANCE_STATUSES:
        if value == status:
            return status
    raise ValueError(f"unknown attendance status {value!r}")


# Order of precedence when an organisation sent several people: its best status counts for the meeting.
STATUS_RANK: dict[str, int] = {PRESENT: 1, GUEST: 2, EXCUSED: 3, ABSENT: 4}

# The status of one cell of the derived attendance facts (etl/derive/attendance.py): a recorded status,
# or MISSING (expected as a member, but no record at a meeting that has records), or UNRECORDED (the
# meeting has no attendance record at all: it counts for nobody), or NONE (not expected, not there).
CellStatus = Literal["present", "excused", "absent", "guest", "missing", "unrecorded", "none"]
MISSING: Final = "missing"
UNRECORDED: Final = "unrecorded"
NONE: Final = "none"
CELL_STATUSES: tuple[CellStatus, ...] = (PRESENT, EXCUSED, ABSENT, GUEST, MISSING, UNRECORDED, NONE)
# Cells that count for rates and streaks: a recorded status, or a member's missing record.
COUNTED: tuple[CellStatus, ...] = (PRESENT, EXCUSED, ABSENT, GUEST, MISSING)
# Whether the organisation was a member of the group at a meeting (membership list, or in a group
# without one: from its first appearance other than as a guest on). NULL: never a member there.
MembershipPhase = Literal["member", "not_yet", "left"]
IS_MEMBER: Final = "member"
NOT_YET: Final = "not_yet"
LEFT: Final = "left"
MEMBERSHIP_PHASES: tuple[MembershipPhase, ...] = (IS_MEMBER, NOT_YET, LEFT)

# German labels of one person's attendance (meeting detail, data editing, review).
ATTENDANCE_LABELS: dict[str, str] = {PRESENT: "anwesend", GUEST: "Gast", EXCUSED: "entschuldigt",
                                     ABSENT: "fehlt"}
NOT_RECORDED_LABEL: Final = "keine Anwesenheit erfasst"
# German cells of the participation heatmap and the profiles: a guest counts as there; "missing" =
# expected, no record; before and after a membership the organisation was no member.
HEATMAP_LABELS: dict[str, str] = {**ATTENDANCE_LABELS, GUEST: "anwesend", MISSING: "fehlt",
                                  UNRECORDED: NOT_RECORDED_LABEL}
PHASE_LABELS: dict[str, str] = {NOT_YET: "noch nicht Mitglied", LEFT: "nicht mehr Mitglied"}

# The facts derived per organisation (or person) and group, each with its one German label.
# last_attended: the last meeting of THIS group attended (present or guest);
# last_listed: the last meeting of this group with any record (also excused or absent);
# missed_in_row: counted meetings without attendance since the last attended one.
# last_attended_any: the last meeting attended in any group (a profile's headline), a different fact.
FACT_LABELS: dict[str, str] = {
    "last_attended": "zuletzt anwesend", "last_listed": "zuletzt gelistet",
    "last_attended_any": "zuletzt anwesend (alle Gruppen)", "last_meeting": "letzte Sitzung",
    "missed_in_row": "in Folge gefehlt", "meetings": "Sitzungen", "attended": "anwesend",
    "excused": "entschuldigt", "rate": "Quote", "partners": "als Partner anwesend"}


def heading(label: str) -> str:
    """A label as a column heading or at the start of a sentence: 'zuletzt anwesend' -> 'Zuletzt anwesend'."""
    return label[:1].upper() + label[1:]
# What people write in attendance cells -> the stored status.
ATTENDANCE_SPELLINGS: dict[str, str] = {
    "present": "present", "anwesend": "present", "teilgenommen": "present", "ja": "present",
    "excused": "excused", "entschuldigt": "excused",
    "absent": "absent", "abwesend": "absent", "fehlt": "absent", "nein": "absent",
    "guest": "guest", "gast": "guest"}

# --- outreach to fading partners (ansprache.csv) -------------------------------------------------
# Stored as written in the app (German words are the values): how a partner was contacted.
OUTREACH_CHANNELS: tuple[str, ...] = ("Telefon", "E-Mail", "Treffen")
OUTREACH_CHANNEL_SPELLINGS: dict[str, str] = {
    "telefon": "Telefon", "anruf": "Telefon", "phone": "Telefon", "e-mail": "E-Mail", "email": "E-Mail",
    "mail": "E-Mail", "treffen": "Treffen", "besuch": "Treffen", "meeting": "Treffen"}
# Task status set by editors (korrekturen.csv kind "task_status"): the word stored -> done flag.
TASK_STATUS_VALUES: dict[str, int] = {"offen": 0, "erledigt": 1}

# --- groups ---------------------------------------------------------------------------------------
GroupKind = Literal["fachgruppe", "gremium", "netzwerk"]
FACHGRUPPE: Final = "fachgruppe"
GROUP_KINDS: tuple[GroupKind, ...] = ("fachgruppe", "gremium", "netzwerk")
GROUP_KIND_LABELS: dict[str, str] = {"fachgruppe": "Fachgruppe", "gremium": "Gremium",
                                     "netzwerk": "Regionales Netzwerk"}
GROUP_KIND_SPELLINGS: dict[str, str] = {"fachgruppe": "fachgruppe", "gremium": "gremium", "netzwerk": "netzwerk",
                                        "regionales netzwerk": "netzwerk", "ag": "gremium"}
# The body the groups report to once a year (DESIGN.md §6), by name and by its id (the name key).
AG_TRANSFER: Final = "AG Transfer"
AG_TRANSFER_ID: Final = "ag-transfer"

MemberRole = Literal["lead", "member"]
MEMBER_ROLES: tuple[MemberRole, ...] = ("lead", "member")
ROLE_LABELS: dict[str, str] = {"lead": "Leitung", "member": "Mitglied"}
MEMBER_ROLE_SPELLINGS: dict[str, str] = {"lead": "lead", "leitung": "lead", "sprecher": "lead", "co-lead": "lead",
                                         "member": "member", "mitglied": "member"}

# --- meetings -------------------------------------------------------------------------------------
MeetingFormat = Literal["online", "in_person", "hybrid"]
# The kinds of alert on the Übersicht (analysis/alerts.py), named for a count: „259 Regelverstöße“.
ALERT_KIND_LABELS: dict[str, tuple[str, str]] = {
    "rule": ("Regelverstoß", "Regelverstöße"),
    "inactive": ("Gruppe mit inaktiven Partnern", "Gruppen mit inaktiven Partnern"),
    "fading": ("Gruppe mit nachlassenden Partnern", "Gruppen mit nachlassenden Partnern"),
    "follow_up": ("fällige Wiedervorlage", "fällige Wiedervorlagen"),
    "overdue": ("Hinweis auf überfällige Aufgaben", "Hinweise auf überfällige Aufgaben"),
}

MEETING_FORMATS: tuple[MeetingFormat, ...] = ("online", "in_person", "hybrid")
FORMAT_LABELS: dict[str, str] = {"online": "online", "in_person": "vor Ort", "hybrid": "hybrid"}
# The video and phone meeting tools German offices use, as written in a place line ('Ort: alfaview', 'GoTo
# Meeting', 'BBB', 'DFNconf'): naming one says people met through it (a regex fragment, case-insensitive use).
MEETING_TOOLS: Final = (r"\b(?:(?:ms\s+|microsoft\s+)?teams|zoom|webex|skype|jitsi(?:\s+meet)?|goto(?:\s?meeting"
                        r"|\s?webinar)?|go\s?to\s?(?:meeting|webinar)|bigbluebutton|big\s+blue\s+button|bbb"
                        r"|google\s+meet|alfaview|dfn-?conf|opentalk|nextcloud\s+talk|whereby|bluejeans|adobe\s+connect"
                        r"|edudip|vitero|clickmeeting|lifesize|starleaf|senfcall)\b")

# --- mentions in protocols ---------------------------------------------------------------------
MentionType = Literal["organisation", "project", "person"]
MENTION_TYPES: tuple[MentionType, ...] = ("organisation", "project", "person")

# --- projects -------------------------------------------------------------------------------------
EventKind = Literal["antrag", "bewilligung", "start", "vorstellung", "zwischenbericht", "abschluss", "transfer"]
EVENT_KINDS: tuple[EventKind, ...] = ("antrag", "bewilligung", "start", "vorstellung", "zwischenbericht",
                                      "abschluss", "transfer")
EVENT_LABELS: dict[str, str] = {
    "antrag": "Antrag", "bewilligung": "Bewilligung", "start": "Start", "vorstellung": "Vorstellung",
    "zwischenbericht": "Zwischenbericht", "abschluss": "Abschluss", "transfer": "Transfer",
}
EVENT_KIND_SPELLINGS: dict[str, str] = {k: k for k in EVENT_KINDS} | {
    "projektstart": "start", "präsentation": "vorstellung", "abschlussbericht": "abschluss"}

# --- partner activity (Inaktive Partner) ----------------------------------------------------------
ACTIVE: Final = "active"
FADING: Final = "fading"
INACTIVE: Final = "inactive"
ACTIVITY_LABELS: dict[str, str] = {ACTIVE: "aktiv", FADING: "nachlassend", INACTIVE: "inaktiv"}
ACTIVITY_ICONS: dict[str, str] = {ACTIVE: "🟢", FADING: "🟡", INACTIVE: "🔴"}

# --- group lifecycle and rule lights (Regelcheck) -------------------------------------------------
LIFECYCLE_LABELS: dict[str, str] = {"founded": "gegründet", "active": "aktiv", "dormant": "ruhend",
                                    "dissolved": "aufgelöst"}
LIGHTS: dict[str, str] = {"green": "🟢", "yellow": "🟡", "red": "🔴"}
# Words next to the colours: readable on a projector, in print and without colour vision.
LIGHT_LABELS: dict[str, str] = {"green": "erfüllt", "yellow": "prüfen", "red": "nicht erfüllt"}

# --- tables of the database, as Daten names them --------------------------------------------------
TABLE_LABELS: dict[str, str] = {
    "organisations": "Organisationen", "people": "Personen", "groups": "Gruppen", "memberships": "Mitgliedschaften",
    "meetings": "Sitzungen", "attendance": "Anwesenheiten", "projects": "Projekte",
    "project_partners": "Projektpartner", "project_events": "Projektereignisse", "reports": "Berichte",
    "protocols": "Protokolle", "action_items": "Aufgaben", "task_owners": "Zuständige je Aufgabe",
    "decisions": "Beschlüsse", "mentions": "Erwähnungen", "rejects": "Abgelehnte Zeilen",
}
