"""Calendar invitations (.ics) -> title, date, times, place, the invited with their reply, the agenda."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.core.errors import ProtocolError
from etl.extract.readers import read_document

ICS = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n"
       "METHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
       "ORGANIZER;CN=Henrike Lorenz:mailto:h.lorenz@example.org\r\n"
       "ATTENDEE;CN=Bastian Roth;PARTSTAT=ACCEPTED;ROLE=REQ-PARTICIPANT:mailto:b.roth@example.org\r\n"
       "ATTENDEE;CN=\"Ay, Selin\";PARTSTAT=DECLINED;ROLE=OPT-PARTICIPANT:mailto:s.ay@example.org\r\n"
       "ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:info@kammer.example\r\n"
       "SUMMARY:Fachgruppe Digitalisierung – 3. Sitzung\r\n"
       "DTSTART:20250916T080000Z\r\nDTEND:20250916T100000Z\r\n"
       "LOCATION:Microsoft Teams-Besprechung\r\n"
       "DESCRIPTION:Tagesordnung:\\n1. Begrüßung\\n2. Bericht aus den Projekten\\n3. Ver\r\n"
       " schiedenes\r\n"
       "END:VEVENT\r\nEND:VCALENDAR\r\n")


def test_invitation_with_attendees_and_agenda(tmp_path: Path) -> None:
    """Lines are the file's lines of SUMMARY, DTSTART … (the agenda: the description's line, then one per line)."""
    path = tmp_path / "einladung.ics"
    path.write_text(ICS, encoding="utf-8", newline="")
    document = read_document(path, source="einladung.ics")
    assert (document.kind, document.format) == ("invitation", "ics")
    assert document.meta == {"title": "Fachgruppe Digitalisierung – 3. Sitzung", "date": "2025-09-16",
                             "start": "10:00", "end": "12:00", "location": "Microsoft Teams-Besprechung",
                             "organizer": "Henrike Lorenz"}
    assert [(b.kind, b.text, b.line) for b in document.blocks] == [
        ("heading", "Fachgruppe Digitalisierung – 3. Sitzung", 10),
        ("paragraph", "Datum: 16.09.2025", 11),
        ("paragraph", "Beginn: 10:00 Uhr", 11),
        ("paragraph", "Ende: 12:00 Uhr", 12),
        ("paragraph", "Ort: Microsoft Teams-Besprechung", 13),
        ("heading", "Eingeladen", 7),
        ("table", "Name | E-Mail | Rückmeldung | Rolle\nBastian Roth | b.roth@example.org | zugesagt | erforderlich\n"
                  "Ay, Selin | s.ay@example.org | abgesagt | optional\n"
                  "info@kammer.example | info@kammer.example | keine Antwort | erforderlich", 7),
        ("paragraph", "Tagesordnung:", 14),
        ("list_item", "Begrüßung", 15),
        ("list_item", "Bericht aus den Projekten", 16),
        ("list_item", "Verschiedenes", 17),
    ]


def _event(uid: str, day: str, summary: str, description: str = "") -> str:
    return (f"BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:{summary}\r\nDTSTART:{day}T080000Z\r\n"
            f"DTEND:{day}T100000Z\r\n" + (f"DESCRIPTION:{description}\r\n" if description else "") + "END:VEVENT\r\n")


MINUTES = "Protokoll\\nAnwesend: Bastian Roth (HWK)\\nTOP 1 Begrüßung\\n" + "Bericht aus den Projekten. " * 8


def test_a_calendar_of_several_meetings_is_refused_with_what_to_do(tmp_path: Path) -> None:
    """One file is one protocol: an export of a group's year names its meetings and asks for one file each."""
    path = tmp_path / "kalender.ics"
    path.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + _event("a", "20250916", "FG Digitalisierung", MINUTES)
                    + _event("b", "20251118", "FG Digitalisierung", MINUTES) + _event("c", "20260120", "FG Digital")
                    + "END:VCALENDAR\r\n", encoding="utf-8", newline="")
    with pytest.raises(ProtocolError) as info:
        read_document(path, source="kalender.ics")
    assert str(info.value) == (
        "kalender.ics: Kalenderdatei (.ics) enthält 3 verschiedene Termine (16.09.2025, 18.11.2025, 20.01.2026) – "
        "eine Datei ist ein Protokoll: bitte jeden Termin einzeln als .ics exportieren (z. B. in Outlook: Termin "
        "öffnen → Datei → Speichern unter)")


def test_of_several_meetings_the_one_with_minutes_is_read(tmp_path: Path) -> None:
    path = tmp_path / "termine.ics"
    path.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + _event("a", "20250916", "FG Digitalisierung", MINUTES)
                    + _event("b", "20251118", "FG Digitalisierung – nächste Sitzung", "Einwahl: Teams")
                    + "END:VCALENDAR\r\n", encoding="utf-8", newline="")
    document = read_document(path, source="termine.ics")
    assert (document.meta["title"], document.meta["date"]) == ("FG Digitalisierung", "2025-09-16")


def test_an_outlook_vcalendar_file_with_quoted_printable_notes_is_read_like_an_ics(tmp_path: Path) -> None:
    from etl.parse.file import parse_file

    path = tmp_path / "termin.vcs"
    path.write_bytes(("BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\nVERSION:1.0\r\n"
                      "BEGIN:VEVENT\r\nDTSTART:20260305T130000Z\r\nDTEND:20260305T140000Z\r\n"
                      "LOCATION;ENCODING=QUOTED-PRINTABLE:HWK Kassel, Raum 3\r\n"
                      "DESCRIPTION;ENCODING=QUOTED-PRINTABLE:Protokoll=0D=0AAnwesend: J=FCrgen Wei=DF (ZVB), "
                      "Anna Gro=DF (HWK)=0D=0ABeschluss: Die Tagung ist im Mai.=0D=0A\r\n"
                      "SUMMARY;ENCODING=QUOTED-PRINTABLE:Jour fixe AG Transfer\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
                      ).encode("ascii"))
    parsed = dict(parse_file(path))
    assert (parsed["title"], parsed["date"], parsed["start"], parsed["end"], parsed["location"], parsed["format"]) == (
        "Jour fixe AG Transfer", "2026-03-05", "14:00", "15:00", "HWK Kassel, Raum 3", "in_person")
    assert [p["name"] for p in parsed["participants"]] == ["Jürgen Weiß", "Anna Groß"]
