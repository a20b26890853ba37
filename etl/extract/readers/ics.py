"""Calendar invitations (.ics, iCalendar: Outlook, Thunderbird, Teams, Zoom) -> blocks, with `icalendar`.

An invitation says who was invited and how each replied, when and where the meeting is, and often
the agenda in its description; it does not say who came. So `Document.kind` is "invitation"; the
attendees form one table (Name, E-Mail, Rückmeldung: zugesagt / abgesagt / vorläufig / keine Antwort,
Rolle), the organiser is `meta["organizer"]`. `meta` also has "title", "date" (ISO), "start", "end"
(HH:MM, Europe/Berlin) and "location"; the blocks start with the title and "Datum/Beginn/Ende/Ort"
field lines, then the description as text. Each block's line is the line of the property it came
from in the file (continuation lines unfolded). One event is read: of several (a series with its
occurrences) the one with the longest description.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any

from etl.core.errors import ProtocolError
from etl.extract.document import Document
from etl.extract.readers.encoding import wrong_content
from etl.extract.readers.layout import SourceLine
from etl.extract.readers.plain import structure, text_lines

# The invitees' table as the parser finds it (etl.parse.kinds reads it as invited, not present).
INVITED_HEADING = "Eingeladen"
INVITED_COLUMNS = ("Name", "E-Mail", "Rückmeldung", "Rolle")
DECLINED = "abgesagt"
ACCEPTED = "zugesagt"
_REPLY = {"ACCEPTED": ACCEPTED, "DECLINED": DECLINED, "TENTATIVE": "vorläufig", "NEEDS-ACTION": "keine Antwort",
          "DELEGATED": "delegiert"}
_ROLE = {"CHAIR": "Leitung", "REQ-PARTICIPANT": "erforderlich", "OPT-PARTICIPANT": "optional",
         "NON-PARTICIPANT": "zur Information"}


# A description this long holds minutes or an agenda, not just a dial-in link.
_MINUTES_CHARS = 200


def _described(event: Any) -> int:
    return len(str(event.get("DESCRIPTION", "") or event.get("X-ALT-DESC", "") or ""))


def _one_meeting(events: list[Any], source: str) -> None:
    """Refuse a calendar export of several meetings (a group's year, a whole calendar): one file is one protocol.

    A series (one UID, its occurrences and changed occurrences) is one meeting; of several meetings, the file is
    read when exactly one of them carries minutes in its description."""
    meetings: dict[str, list[Any]] = {}
    for number, event in enumerate(events):
        meetings.setdefault(str(event.get("UID", "") or f"ohne-uid-{number}"), []).append(event)
    if len(meetings) < 2:
        return
    described = [uid for uid, group in meetings.items() if max(map(_described, group)) >= _MINUTES_CHARS]
    if len(described) == 1:
        return
    days = sorted({start.strftime("%d.%m.%Y") for group in meetings.values() for event in group
                   if (start := _time(event.get("DTSTART"))) is not None})
    shown = ", ".join(days[:5]) + (" …" if len(days) > 5 else "")
    raise ProtocolError(f"Kalenderdatei (.ics) enthält {len(meetings)} verschiedene Termine"
                        f"{f' ({shown})' if shown else ''} – eine Datei ist ein Protokoll: bitte jeden Termin "
                        "einzeln als .ics exportieren (z. B. in Outlook: Termin öffnen → Datei → Speichern unter)",
                        source)


def read_ics(data: bytes, source: str) -> Document:
    """An .ics file -> Document (kind "invitation"); ProtocolError (German) when it holds no event."""
    if b"BEGIN:VCALENDAR" not in data[:4096].upper():
        raise ProtocolError(f"keine Kalenderdatei (.ics): Inhalt ist {wrong_content(data) or 'kein iCalendar'}",
                            source)
    import icalendar

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:  # an older Outlook or a mail program writes the calendar in Windows-1252
        from etl.extract.readers.encoding import decode_text

        text = decode_text(data, source).text
    text = _quoted_printable(text)
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except Exception as exc:  # noqa: BLE001 - icalendar raises ValueError and others for broken files
        raise ProtocolError(f"Kalenderdatei (.ics) nicht lesbar: {exc}", source) from None
    events = list(calendar.walk("VEVENT"))
    _one_meeting(events, source)
    # a series exported with its occurrences: the minutes stand in the occurrence whose description is longest
    event = max(events, key=_described, default=None)
    if event is None:
        raise ProtocolError("Kalenderdatei (.ics) enthält keinen Termin (VEVENT) – bitte die Einladung als "
                            "Termin exportieren", source)
    method = str(calendar.get("METHOD", "") or "").upper()
    if method == "CANCEL" or str(event.get("STATUS", "") or "").upper() == "CANCELLED":
        raise ProtocolError("Kalenderdatei (.ics) ist eine Terminabsage (abgesagter Termin), kein Protokoll – "
                            "bitte das Protokoll einer stattgefundenen Sitzung hochladen", source)
    where = _property_lines(text, next(i for i, e in enumerate(events) if e is event))
    document = Document(source=source, format="ics", kind="invitation")
    lines: list[SourceLine] = []
    if title := str(event.get("SUMMARY", "") or "").strip():
        document.meta["title"] = title
        lines += [SourceLine(title, where("SUMMARY"), kind="heading", level=1), SourceLine("", 0, kind="blank")]
    start, end = _time(event.get("DTSTART")), _time(event.get("DTEND"))
    if start is not None:
        day = start.date() if isinstance(start, dt.datetime) else start
        document.meta["date"] = day.isoformat()
        lines.append(SourceLine(f"Datum: {start:%d.%m.%Y}", where("DTSTART"), field=True))
        if isinstance(start, dt.datetime):
            document.meta["start"] = f"{start:%H:%M}"
            lines.append(SourceLine(f"Beginn: {start:%H:%M} Uhr", where("DTSTART"), field=True))
    if isinstance(end, dt.datetime):
        document.meta["end"] = f"{end:%H:%M}"
        lines.append(SourceLine(f"Ende: {end:%H:%M} Uhr", where("DTEND"), field=True))
    if location := " ".join(str(event.get("LOCATION", "") or "").split()):
        document.meta["location"] = location
        lines.append(SourceLine(f"Ort: {location}", where("LOCATION"), field=True))
    if organizer := event.get("ORGANIZER"):
        document.meta["organizer"] = _person(organizer)[0]
    lines.append(SourceLine("", 0, kind="blank"))
    attendees = event.get("ATTENDEE") or []
    if not isinstance(attendees, list):
        attendees = [attendees]
    if attendees:
        first = where("ATTENDEE")
        header = INVITED_COLUMNS
        lines += [SourceLine(INVITED_HEADING, first, kind="heading", level=2), SourceLine("", first, kind="blank"),
                  SourceLine("\t".join(header), first, kind="row", cells=header, header=True)]
        for index, attendee in enumerate(attendees):
            name, mail = _person(attendee)
            params = getattr(attendee, "params", {})
            row = (name, mail, _REPLY.get(str(params.get("PARTSTAT", "NEEDS-ACTION")).upper(), "keine Antwort"),
                   _ROLE.get(str(params.get("ROLE", "REQ-PARTICIPANT")).upper(), ""))
            lines.append(SourceLine("\t".join(row), where("ATTENDEE", index), kind="row", cells=row))
        lines.append(SourceLine("", 0, kind="blank"))
    description = _without_join_block(str(event.get("DESCRIPTION", "") or "")).strip()
    if description and _HTML.search(description):
        # Google Calendar and some web tools keep the description as HTML ('<b>Protokoll</b><br>…')
        from etl.extract.readers.html import html_lines

        first = where("DESCRIPTION")
        lines += [replace(line, line=first) for line in html_lines(description)]
    elif description:
        lines += text_lines(description, markdown=False, first_line=where("DESCRIPTION"))
    elif alternative := str(event.get("X-ALT-DESC", "") or "").strip():
        # Outlook may keep the minutes only as HTML ('X-ALT-DESC;FMTTYPE=text/html'): its lines, on that line
        from etl.extract.readers.html import html_lines

        first = where("X-ALT-DESC")
        unescaped = re.sub(r"\\([\\,;nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), alternative)
        lines += [replace(line, line=first) for line in html_lines(_without_join_block(unescaped))]
    document.blocks = structure(lines)
    return document


# A property written as vCalendar 1.0 did: 'DESCRIPTION;ENCODING=QUOTED-PRINTABLE:Protokoll=0D=0AAnwesend: …'.
_QP_PROPERTY = re.compile(r"(?im)^([A-Z-]+(?:;[^:\r\n]*)?);ENCODING=QUOTED-PRINTABLE((?:;[^:\r\n]*)?)"
                          r":((?:[^\r\n]*=\r?\n)*[^\r\n]*)")


def _quoted_printable(text: str) -> str:
    """Quoted-printable property values decoded into iCalendar text escapes (Outlook's older exports)."""
    def decoded(m: re.Match[str]) -> str:
        import quopri

        raw = m.group(3).encode("latin-1", "replace")
        value = quopri.decodestring(raw).decode("utf-8", "replace") if b"=C3" in raw.upper() \
            else quopri.decodestring(raw).decode("cp1252", "replace")
        value = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
        value = value.replace("\r\n", "\\n").replace("\n", "\\n")
        return f"{m.group(1)}{m.group(2)}:{value}"

    return _QP_PROPERTY.sub(decoded, text) if "QUOTED-PRINTABLE" in text.upper() else text


_HTML = re.compile(r"(?i)<(?:br|p|div|b|strong|ul|ol|li|table|span|h[1-6])\b[^>]*>")
# The dial-in block a meeting tool appends to an invitation: a rule of underscores, then how to join.
_JOIN = re.compile(r"(?im)^(?:<[^>]+>|\s)*_{20,}.*?(?:microsoft\s+teams|zoom|webex|besprechungs-id|meeting-id"
                   r"|jetzt\s+an\s+der\s+besprechung|join\b)", re.DOTALL)


def _without_join_block(text: str) -> str:
    """The description without the Teams/Zoom/Webex joining instructions below their rule of underscores."""
    if _HTML.search(text):  # one element a line, so that the rule of underscores starts a line
        text = re.sub(r"(?i)<br\s*/?>|</p\s*>|</div\s*>", lambda m: m.group(0) + "\n", text)
    m = _JOIN.search(text)
    return text[:m.start()] if m and m.start() > 0 else (text if m is None else "")


def _person(value: Any) -> tuple[str, str]:
    """(name, e-mail) of an ORGANIZER/ATTENDEE: the CN parameter, else the address."""
    mail = re.sub(r"^mailto:", "", str(value), flags=re.IGNORECASE).strip()
    name = str(getattr(value, "params", {}).get("CN", "") or "").strip().strip('"')
    return name or mail, mail


def _time(prop: Any) -> dt.datetime | dt.date | None:
    """A DTSTART/DTEND value in German local time (a UTC or other zone time is converted)."""
    if prop is None:
        return None
    value = getattr(prop, "dt", None)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        from zoneinfo import ZoneInfo

        value = value.astimezone(ZoneInfo("Europe/Berlin"))
    return value if isinstance(value, (dt.datetime, dt.date)) else None


def _property_lines(text: str, event: int = 0) -> Any:
    """`where(name, n)`: the file line of the n-th property `name` of the `event`-th VEVENT (folded continuation
    lines joined); a time zone's or an alarm's properties (their DTSTART) are not the event's."""
    found: dict[str, list[int]] = {}
    depth = 0
    events = -1
    for number, line in enumerate(text.splitlines(), start=1):
        if line[:1] in (" ", "\t"):
            continue
        name = re.split(r"[;:]", line, maxsplit=1)[0].upper()
        if line.upper().startswith("BEGIN:VEVENT"):
            events += 1
        elif line.upper().startswith(("BEGIN:VTIMEZONE", "BEGIN:VALARM", "BEGIN:STANDARD", "BEGIN:DAYLIGHT")):
            depth += 1
        elif line.upper().startswith(("END:VTIMEZONE", "END:VALARM", "END:STANDARD", "END:DAYLIGHT")):
            depth -= 1
        elif depth == 0 and events in (-1, event):
            found.setdefault(name, []).append(number)

    def where(name: str, index: int = 0) -> int:
        numbers = found.get(name, [])
        return numbers[index] if index < len(numbers) else (numbers[-1] if numbers else 1)

    return where
