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
ATTENDANCE_STATUSES: tuple[AttendanceStatus, ...] = ("present", "excused", "absent", "guest")
# Statuses that mean "was there" (a guest of a group was there too).
ATTENDED: tuple[AttendanceStatus, ...] = ("present", "guest")
# German labels of one person's attendance (meeting detail).
ATTENDANCE_LABELS: dict[str, str] = {"present": "anwesend", "guest": "Gast", "excused": "entschuldigt",
                                     "absent": "fehlt"}
# German cells of the participation heatmap: a guest counts as there; "missing" = expected, no record.
HEATMAP_LABELS: dict[str, str] = {**ATTENDANCE_LABELS, "guest": "anwesend", "missing": "fehlt"}
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
MEETING_FORMATS: tuple[MeetingFormat, ...] = ("online", "in_person", "hybrid")
FORMAT_LABELS: dict[str, str] = {"online": "online", "in_person": "vor Ort", "hybrid": "hybrid"}

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
