"""Attendance reports that meeting tools export (Microsoft Teams, Zoom, Webex, GoTo, Google Meet, BigBlueButton)
-> one `Document`.

Such a report lists who was in the meeting and when it ran; it has no agenda, no decisions, no tasks.
Recognised by its section titles and column headers, German or English:

- Teams (new): "1. Zusammenfassung / Summary" (Besprechungstitel, Startzeit, Endzeit …), "2. Teilnehmer
  / Participants" (Name, Erster Beitritt, Letztes Verlassen, …, E-Mail, Rolle), "3. Aktivitäten in der
  Besprechung / In-Meeting activities" (every join and leave: not read, the participants say it all);
  Teams (old): "Besprechungszusammenfassung / Meeting Summary" and join/leave events per person.
- Zoom: a header block (Meeting-ID, Thema/Topic, Startzeit/Start Time, Endzeit/End Time …) over
  "Name (ursprünglicher Name) / Name (Original Name)", Beitrittszeit/Join Time, …; one row per join.
- Webex: Meeting Name, Meeting Start Time, … and Name/Display name, Attendee Email, Join/Leave Time.
- GoTo: "Meeting Name", "Date", "Start Time", "End Time" rows (the day and the times apart) over Attendee Name,
  Email, Join Time, Leave Time; Google Meet: "Vor- und Nachname", "Beitrittszeit", "Verlassen um" (times only:
  the day comes from the file name); BigBlueButton's dashboard: "Name", "Beigetreten", "Verlassen".

Timestamps: "11.03.2025, 09:58:12", "3/11/25, 9:58:12 AM", "03/11/2025 09:58:12 AM", ISO.

The document: `kind` "attendance_report"; `meta` "tool" (teams, zoom, webex), "title", "date" (ISO),
"start", "end" (HH:MM), "location" (the tool); blocks: the title as a heading, "Datum: …", "Beginn: …",
"Ende: …", "Ort: Microsoft Teams (online)" as field
paragraphs on the line of the summary row they come from, a heading "Teilnehmende" and one table
"Name | E-Mail | Status" (header row first) with one row per person (the first row of a person who
joined several times) and "anwesend" for everyone: a report lists only who was there. Join and leave
times, durations and IDs are not carried over; they say nothing about who took part.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from etl.extract.document import Document
from etl.extract.readers.layout import SourceLine
from etl.extract.readers.plain import structure

Row = tuple[int, list[str]]

_TITLE_KEYS = {"besprechungstitel", "meeting title", "titel", "title", "thema", "topic", "meeting name",
               "meetingname", "besprechungsname", "name der besprechung", "meeting topic"}
_START_KEYS = {"startzeit", "start time", "meeting start time", "besprechungsbeginn", "beginn", "start",
               "startzeit der besprechung", "besprechungsstartzeit", "meeting-startzeit", "start date",
               "beginn der besprechung", "startzeit des meetings", "beginn des meetings", "sitzungsbeginn",
               "actual start time", "tatsächliche startzeit", "meeting-beginn", "konferenzbeginn", "start (cet)"}
_END_KEYS = {"endzeit", "end time", "meeting end time", "besprechungsende", "ende", "end",
             "endzeit der besprechung", "besprechungsendzeit", "meeting-endzeit", "ende der besprechung",
             "endzeit des meetings", "ende des meetings", "sitzungsende", "actual end time", "tatsächliche endzeit",
             "meeting-ende", "konferenzende", "end (cet)"}
# A summary row with the day alone, its times in rows of their own (GoTo: 'Date | 01/14/2025', 'Start Time | 10:00 AM').
_DATE_KEYS = {"date", "datum", "meeting date", "besprechungsdatum", "datum des meetings", "sitzungsdatum", "tag"}
_NAME_HEADERS = {"name", "vollständiger name", "full name", "name (original name)", "name (ursprünglicher name)",
                 "display name", "anzeigename", "teilnehmer", "participant", "attendee name", "teilnehmername",
                 "vor- und nachname", "name des teilnehmers", "participant name", "teilnehmende"}
_JOIN_HEADERS = {"erster beitritt", "first join", "beitrittszeit", "join time", "beitritt", "joined",
                 "first join time", "zeitpunkt des beitritts", "timestamp", "zeitstempel", "join", "beigetreten",
                 "beigetreten um", "betreten"}
_LEAVE_HEADERS = {"letztes verlassen", "last leave", "uhrzeit des verlassens", "leave time", "verlassen",
                  "zeitpunkt des verlassens", "last leave time", "leave", "verlassen um", "zeit des verlassens"}
_ACTION_HEADERS = {"user action", "benutzeraktion", "aktion"}
_EMAIL_HEADERS = {"e-mail", "email", "user email", "attendee email", "e-mail-adresse des benutzers",
                  "e-mail-adresse", "participant id (upn)", "teilnehmer-id (upn)"}
_PLACES = {"teams": "Microsoft Teams (online)", "zoom": "Zoom (online)",
           "webex": "Webex (online)"}
# Teams marks the account type after the name: no organisation, and "(Gast)" / "(Guest)" is a login without an
# account of the tenant, not the guest status of the meeting (everyone a report lists took part).
_ACCOUNT = re.compile(r"\s*\((?:extern|external|nicht überprüft|unverified|gast|guest)\)\s*$", re.IGNORECASE)
# Zoom appends the device to a name someone did not set: "Lukas Brandt (iPhone)".
_DEVICE = re.compile(r"\s*\((?:iPhone|iPad|Android|Galaxy[^)]*|Samsung[^)]*|Pixel[^)]*|Telefon|Phone|Handy|"
                     r"Mobil[^)]*|Zoom Rooms?|[+\d][\d\s/-]{5,})\)\s*$", re.IGNORECASE)
_SECTION = re.compile(r"^\s*(\d)\.\s*(.+?)\s*$")
_ACTIVITIES = re.compile(r"aktivitäten|activities", re.IGNORECASE)
_SUMMARY = re.compile(r"zusammenfassung|summary", re.IGNORECASE)
_TIMESTAMP = re.compile(
    r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{2,4}),?\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2})?"
    r"|(?P<us_m>\d{1,2})/(?P<us_d>\d{1,2})/(?P<us_y>\d{2,4}),?\s+(?P<us_H>\d{1,2}):(?P<us_M>\d{2})(?::\d{2})?"
    r"\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?"
    r"|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})[T ](?P<iH>\d{2}):(?P<iM>\d{2})")


@dataclass
class _Report:
    tool: str = ""
    title: tuple[int, str] | None = None
    start: tuple[int, dt.datetime] | None = None
    end: tuple[int, dt.datetime] | None = None
    day: tuple[int, dt.date] | None = None  # a 'Date' row of its own
    clock: dict[str, tuple[int, dt.time]] = field(default_factory=dict)  # 'Start Time | 10:00 AM' without a day
    header: tuple[int, list[str]] | None = None
    people: list[Row] = field(default_factory=list)


def parse_timestamp(text: str) -> dt.datetime | None:
    """A meeting tool's timestamp, German, US or ISO; None when there is none."""
    match = _TIMESTAMP.search(text)
    if not match:
        return None
    g = match.groupdict()
    try:
        if g["d"]:
            year = int(g["y"]) + (2000 if len(g["y"]) == 2 else 0)
            return dt.datetime(year, int(g["m"]), int(g["d"]), int(g["H"]), int(g["M"]))
        if g["us_m"]:
            year = int(g["us_y"]) + (2000 if len(g["us_y"]) == 2 else 0)
            hour = int(g["us_H"])
            ampm = (g["ampm"] or "").lower().replace(".", "")
            if ampm == "pm" and hour < 12:
                hour += 12
            elif ampm == "am" and hour == 12:
                hour = 0
            return dt.datetime(year, int(g["us_m"]), int(g["us_d"]), hour, int(g["us_M"]))
        return dt.datetime(int(g["iy"]), int(g["im"]), int(g["id"]), int(g["iH"]), int(g["iM"]))
    except ValueError:
        return None


def _shown_name(name: str) -> str:
    """The name as the person set it: without the device Zoom appends, and without Zoom's original name in
    parentheses after a renamed participant ("Tamara Pfister (Tamara Pfister iPad)"); "Anna Becker (BAuA)"
    stays as written."""
    name = _ACCOUNT.sub("", _DEVICE.sub("", name))
    match = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", name)
    if match and {w.lower() for w in match.group(1).split()} & {w.lower().strip(",") for w in match.group(2).split()}:
        return match.group(1)
    return name


def normal(text: str) -> str:
    return " ".join(text.lower().split())


def _key(text: str) -> str:
    return normal(text.strip().rstrip(":"))


def read_report(rows: list[Row], source: str, fmt: str = "csv") -> Document | None:
    """The report's Document, or None when the rows are no meeting tool's report (an attendance list)."""
    report = _Report()
    section = ""
    index = 0
    while index < len(rows):
        number, cells = rows[index]
        filled = [cell for cell in cells if cell]
        index += 1
        if not filled:
            continue
        if len(filled) == 1 and (match := _SECTION.match(filled[0])):
            section = match.group(2)
            report.tool = report.tool or "teams"
            continue
        if len(filled) == 1 and _SUMMARY.search(filled[0]) and len(filled[0]) < 40:
            section = filled[0]
            continue
        keys = [_key(cell) for cell in cells]
        if _ACTIVITIES.search(section):
            continue  # every join and leave again: the participants section has them once
        if len(filled) == 2 and cells[0] and report.header is None:
            _summary(report, number, keys[0], filled[1])
            continue
        times = any(key in _JOIN_HEADERS | _LEAVE_HEADERS | _ACTION_HEADERS for key in keys)
        meeting = any(key in _TITLE_KEYS | _START_KEYS for key in keys)
        # Zoom's meeting row has a "Teilnehmer" (count) and an e-mail (the host's) column too
        if report.header is None and any(key in _NAME_HEADERS for key in keys) and (
                times or (not meeting and any(key in _EMAIL_HEADERS for key in keys))):
            report.header = (number, cells)
            continue
        if report.header is None and any(key in _TITLE_KEYS | _START_KEYS for key in keys) and index < len(rows):
            # Zoom/Webex: a header row over one row of meeting details
            values_number, values = rows[index]
            if values and not any(_key(value) in _NAME_HEADERS for value in values):
                for key, value in zip(keys, values, strict=False):
                    _summary(report, values_number, key, value)
                report.tool = report.tool or ("zoom" if "meeting id" in keys or "meeting-id" in keys
                                              else "webex")
                index += 1
                continue
        if report.header is not None:
            report.people.append((number, cells))
    if report.header is None or not report.people or not (report.start or report.tool or _has_times(report)):
        return None
    return _document(report, source, fmt)


def _has_times(report: _Report) -> bool:
    assert report.header is not None
    keys = [_key(cell) for cell in report.header[1]]
    return any(key in _JOIN_HEADERS | _LEAVE_HEADERS for key in keys)


_DAY = re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{2,4})"
                  r"|(?P<us_m>\d{1,2})/(?P<us_d>\d{1,2})/(?P<us_y>\d{2,4})|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})")
_CLOCK = re.compile(r"^\s*(?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2})?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{3,4})?\s*$")


def _day(text: str) -> dt.date | None:
    """A report's day alone: '14.01.2025', '01/14/2025' (a US tool writes the month first), '2025-01-14'."""
    if not (m := _DAY.search(text)):
        return None
    g = m.groupdict()
    try:
        if g["d"]:
            return dt.date(int(g["y"]) + (2000 if len(g["y"]) == 2 else 0), int(g["m"]), int(g["d"]))
        if g["us_m"]:
            return dt.date(int(g["us_y"]) + (2000 if len(g["us_y"]) == 2 else 0), int(g["us_m"]), int(g["us_d"]))
        return dt.date(int(g["iy"]), int(g["im"]), int(g["id"]))
    except ValueError:
        return None


def _clock(text: str) -> dt.time | None:
    """A time alone, '10:00 AM CET', '14:05'."""
    if not (m := _CLOCK.match(text)):
        return None
    hour, ampm = int(m.group("H")), (m.group("ampm") or "").lower().replace(".", "")
    hour += 12 if ampm == "pm" and hour < 12 else -12 if ampm == "am" and hour == 12 else 0
    return dt.time(hour, int(m.group("M"))) if hour < 24 and int(m.group("M")) < 60 else None


def _summary(report: _Report, number: int, key: str, value: str) -> None:
    if not value:
        return
    if key in _TITLE_KEYS and report.title is None:
        report.title = (number, value)
    elif key in _START_KEYS and report.start is None and (when := parse_timestamp(value)):
        report.start = (number, when)
    elif key in _END_KEYS and report.end is None and (when := parse_timestamp(value)):
        report.end = (number, when)
    elif key in _DATE_KEYS and report.day is None and (day := _day(value)):
        report.day = (number, day)
    elif (key in _START_KEYS or key in _END_KEYS) and (clock := _clock(value)):
        report.clock.setdefault("start" if key in _START_KEYS else "end", (number, clock))
    if key in ("meeting id", "meeting-id"):
        report.tool = report.tool or "zoom"


def _document(report: _Report, source: str, fmt: str) -> Document:
    assert report.header is not None
    header_line, header = report.header
    keys = [_key(cell) for cell in header]
    name_column = next(i for i, key in enumerate(keys) if key in _NAME_HEADERS)
    join_column = next((i for i, key in enumerate(keys) if key in _JOIN_HEADERS), None)
    leave_column = next((i for i, key in enumerate(keys) if key in _LEAVE_HEADERS), None)
    action_column = next((i for i, key in enumerate(keys) if key in _ACTION_HEADERS), None)
    if action_column is not None:
        report.tool = report.tool or "teams"
    kept: list[Row] = []
    seen: set[str] = set()
    joins: list[dt.datetime] = []
    leaves: list[dt.datetime] = []
    for number, cells in report.people:
        cells = cells + [""] * (len(header) - len(cells))
        name = cells[name_column] if name_column < len(cells) else ""
        for column, bucket in ((join_column, joins), (leave_column, leaves)):
            if column is not None and (when := parse_timestamp(cells[column])):
                (leaves if action_column is not None and re.search(r"verlassen|left", cells[action_column],
                                                                   re.IGNORECASE) else bucket).append(when)
        if not name or normal(name) in seen:
            continue
        seen.add(normal(name))
        kept.append((number, cells))
    if kept:  # Webex repeats the meeting's name and times in every person's row
        first_number, first = kept[0]
        for key, value in zip(keys, first, strict=False):
            _summary(report, first_number, key, value)
    if report.day is not None:  # GoTo: 'Date | 01/14/2025' over 'Start Time | 10:00 AM', 'End Time | 12:00 PM'
        line, day_only = report.day
        for which, (number, clock) in report.clock.items():
            if which == "start" and report.start is None:
                report.start = (number, dt.datetime.combine(day_only, clock))
            elif which == "end" and report.end is None:
                report.end = (number, dt.datetime.combine(day_only, clock))
    # Without the report's own meeting header the first join is not when the meeting began (the host may
    # have opened it earlier, the first join may be someone late): the day is known, the times are not.
    day = report.start[1] if report.start else (dt.datetime.combine(report.day[1], dt.time()) if report.day
                                                 else min(joins or leaves, default=None))
    start = report.start[1] if report.start else None
    end = report.end[1] if report.end else None
    document = Document(source=source, format=fmt, kind="attendance_report")
    if report.tool:
        document.meta["tool"] = report.tool
    lines: list[SourceLine] = []
    first_line = kept[0][0] if kept else header_line
    if report.title:
        document.meta["title"] = report.title[1]
        lines += [SourceLine(report.title[1], report.title[0], kind="heading", level=1),
                  SourceLine("", report.title[0], kind="blank")]
    start_line = report.start[0] if report.start else first_line
    end_line = report.end[0] if report.end else first_line
    if day is not None:
        document.meta["date"] = day.date().isoformat()
        lines += [SourceLine(f"Datum: {day:%d.%m.%Y}", start_line, field=True),
                  SourceLine("", start_line, kind="blank")]
    if start is not None:
        document.meta["start"] = start.strftime("%H:%M")
        lines += [SourceLine(f"Beginn: {start:%H:%M} Uhr", start_line, field=True),
                  SourceLine("", start_line, kind="blank")]
    if end is not None:
        document.meta["end"] = end.strftime("%H:%M")
        lines += [SourceLine(f"Ende: {end:%H:%M} Uhr", end_line, field=True), SourceLine("", end_line, kind="blank")]
    if place := _PLACES.get(report.tool):
        # the report exists because the meeting ran in the tool: that is where it took place
        document.meta["location"] = place
        lines += [SourceLine(f"Ort: {place}", start_line, field=True), SourceLine("", start_line, kind="blank")]
    # The table in the words protocols use: the tool's own columns (join times, durations, IDs) say
    # nothing about who took part that "anwesend" does not.
    email_column = next((i for i, key in enumerate(keys) if key in _EMAIL_HEADERS), None)
    table_header = ("Name", "E-Mail", "Status") if email_column is not None else ("Name", "Status")
    lines += [SourceLine("Teilnehmende", header_line, kind="heading", level=2),
              SourceLine("", header_line, kind="blank"),
              SourceLine("\t".join(table_header), header_line, kind="row", cells=table_header, header=True)]
    for number, cells in kept:
        mail = (cells[email_column],) if email_column is not None else ()
        row = (_shown_name(cells[name_column]), *mail, "anwesend")
        lines.append(SourceLine("\t".join(row), number, kind="row", cells=row))
    lines.append(SourceLine("", kept[-1][0] if kept else header_line, kind="blank"))
    document.blocks = structure(lines)
    return document
