"""What a file's kind changes in its facts: meeting-tool reports and attendance lists have no agenda and
list who was there; an invitation (.ics) lists the invited, who are not participants."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.core.errors import ProtocolError
from etl.extract.document import Block, Document
from etl.parse.file import parse_file
from etl.parse.protocol import parse_document

ZOOM = ("Meeting-ID,Thema,Startzeit,Endzeit,E-Mail-Adresse des Benutzers,Dauer (Minuten),Teilnehmer\n"
        "812 3456 7890,AG Transfer,03/11/2025 09:58:12 AM,03/11/2025 11:02:40 AM,host@example.org,65,2\n"
        "\n"
        "Name (ursprünglicher Name),E-Mail-Adresse des Benutzers,Beitrittszeit,Uhrzeit des Verlassens,"
        "Dauer (Minuten),Gast\n"
        "Lea Hoffmann,l.h@example.org,03/11/2025 09:58:12 AM,03/11/2025 10:20:00 AM,22,No\n"
        "Lea Hoffmann,l.h@example.org,03/11/2025 10:25:00 AM,03/11/2025 11:02:40 AM,38,No\n"
        "Jan Ostermann (iPhone),,03/11/2025 10:00:00 AM,03/11/2025 11:00:00 AM,60,Yes\n")
TEAMS = ("1. Zusammenfassung\n"
         "Besprechungstitel\tFachgruppe Handwerk\n"
         "Startzeit\t11.03.2025, 09:58:12\n"
         "Endzeit\t11.03.2025, 11:02:40\n"
         "\n"
         "2. Teilnehmer\n"
         "Name\tErster Beitritt\tLetztes Verlassen\tDauer der Besprechung\tE-Mail\tRolle\n"
         "Vogt, Marlene\t11.03.2025, 09:58:12\t11.03.2025, 11:02:40\t1 Std. 4 Min.\tm.vogt@hwk.example\tOrganisator\n"
         "Ingrid Lauterbach (Extern)\t11.03.2025, 10:00:00\t11.03.2025, 11:00:00\t1 Std.\ti@itb.example\tTeilnehmer\n")


def _ics(description: str = "") -> str:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n"
            "BEGIN:VEVENT\r\n"
            "ORGANIZER;CN=Henrike Lorenz:mailto:h.lorenz@example.org\r\n"
            "ATTENDEE;CN=Bastian Roth;PARTSTAT=ACCEPTED:mailto:b.roth@example.org\r\n"
            "ATTENDEE;CN=\"Ay, Selin\";PARTSTAT=DECLINED:mailto:s.ay@example.org\r\n"
            "ATTENDEE;CN=Uwe Kern;PARTSTAT=TENTATIVE:mailto:u.kern@example.org\r\n"
            "ATTENDEE;PARTSTAT=DECLINED:mailto:info@kammer.example\r\n"
            "SUMMARY:Fachgruppe Digitalisierung\r\n"
            "DTSTART:20250916T080000Z\r\nDTEND:20250916T100000Z\r\n"
            "LOCATION:Raum 2.14\r\n"
            + (f"DESCRIPTION:{description}\r\n" if description else "")
            + "END:VEVENT\r\nEND:VCALENDAR\r\n")


def _people(parsed: dict) -> list[tuple]:
    return [(p["name"], p["status"], p["note"], p["line"]) for p in parsed["participants"]]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_zoom_report_gives_everyone_present_date_times_place_and_no_agenda_warning(tmp_path: Path) -> None:
    parsed = dict(parse_file(_write(tmp_path, "zoom.csv", ZOOM.encode()), "zoom.csv"))
    assert (parsed["title"], parsed["date"], parsed["start"], parsed["end"], parsed["location"], parsed["format"]) == (
        "AG Transfer", "2025-03-11", "09:58", "11:02", "Zoom (online)", "online")
    assert _people(parsed) == [("Lea Hoffmann", "present", None, 5), ("Jan Ostermann", "present", None, 7)]
    assert parsed["agenda"] == []
    assert (parsed["group"], parsed["warnings"]) == ("AG Transfer", [])


def test_a_teams_report_in_utf16_gives_its_participants_and_no_agenda_warning(tmp_path: Path) -> None:
    path = _write(tmp_path, "teams.csv", b"\xff\xfe" + TEAMS.encode("utf-16-le"))
    parsed = dict(parse_file(path, "teams.csv"))
    assert (parsed["date"], parsed["start"], parsed["end"], parsed["group"]) == (
        "2025-03-11", "09:58", "11:02", "Fachgruppe Handwerk")
    assert _people(parsed) == [("Marlene Vogt", "present", None, 8), ("Ingrid Lauterbach", "present", None, 9)]
    assert "keine Tagesordnung gefunden" not in parsed["warnings"]


def test_a_report_without_head_lines_takes_date_times_and_place_from_meta() -> None:
    table = Block("table", "Name | Status\nAnna Berg | anwesend", 3,
                  rows=(("Name", "Status"), ("Anna Berg", "anwesend")), header_rows=1, row_lines=(3, 4))
    document = Document("webex.csv", [table], {"tool": "webex", "date": "2025-02-04", "start": "14:00",
                                               "end": "15:30", "location": "Webex (online)"}, "csv",
                        kind="attendance_report")
    parsed = dict(parse_document(document))
    assert (parsed["date"], parsed["start"], parsed["end"], parsed["location"]) == (
        "2025-02-04", "14:00", "15:30", "Webex (online)")
    assert _people(parsed) == [("Anna Berg", "present", None, 4)]
    assert "keine Tagesordnung gefunden" not in parsed["warnings"]


def test_an_attendance_list_keeps_its_kind_when_typed_rows_become_a_table() -> None:
    """The parser rebuilds the document from pipe-typed lines; the kind (no agenda expected) must survive."""
    document = Document("liste.txt", [
        Block("heading", "Teilnehmerliste AG Transfer 12.05.2025", 1, level=1),
        Block("paragraph", "Name | Organisation | Status\nAnna Berg | ZVB | anwesend\nJan Ohm | itb | entschuldigt",
              3, lines=(3, 4, 5)),
    ], format="csv", kind="attendance_list")
    parsed = dict(parse_document(document))
    assert parsed["date"] == "2025-05-12"
    assert [(p["name"], p["organisation"], p["status"]) for p in parsed["participants"]] == [
        ("Anna Berg", "ZVB", "present"), ("Jan Ohm", "itb", "excused")]
    assert "keine Tagesordnung gefunden" not in parsed["warnings"]


def test_a_protocol_without_agenda_still_says_so() -> None:
    text = "Datum: 12.05.2025\nTeilnehmende: Anna Berg (ZVB), Jan Ohm (itb)"
    document = Document("notiz.md", [Block("paragraph", text, 1, lines=(1, 2))], format="md")
    assert "keine Tagesordnung gefunden" in parse_document(document)["warnings"]


@pytest.mark.parametrize("description", ["", "Tagesordnung:\\n1. Begrüßung\\n2. Bericht aus den Projekten",
                                         "Teilnehmerkreis: Bastian Roth (itb)\\, Uwe Kern (ZVB)\\n\\n"
                                         "Tagesordnung:\\n1. Protokoll der letzten Sitzung\\n2. Begrüßung"])
def test_an_invitation_without_minutes_is_refused_and_says_what_to_upload(tmp_path: Path, description: str) -> None:
    """An invitation plans a meeting; it says neither who came nor what was decided: no protocol."""
    path = _write(tmp_path, "einladung.ics", _ics(description).encode())
    with pytest.raises(ProtocolError, match=r"^einladung.ics: Kalendereinladung \(\.ics\) ohne Protokoll: .* "
                                            r"bitte das Protokoll der Sitzung hochladen"):
        parse_file(path, "einladung.ics")


@pytest.mark.parametrize("cancel", ["METHOD:CANCEL\r\n", "STATUS:CANCELLED\r\n"])
def test_a_cancelled_meeting_is_refused(tmp_path: Path, cancel: str) -> None:
    text = _ics("Ergebnisprotokoll\\n\\nAnwesend: Bastian Roth (itb)")
    text = text.replace("VERSION:2.0\r\n", "VERSION:2.0\r\n" + cancel) if cancel.startswith("METHOD") \
        else text.replace("SUMMARY:", cancel + "SUMMARY:")
    with pytest.raises(ProtocolError, match=r"^absage.ics: Kalenderdatei \(\.ics\) ist eine Terminabsage"):
        parse_file(_write(tmp_path, "absage.ics", text.encode()), "absage.ics")


def test_minutes_without_a_list_take_who_accepted_as_present_and_who_declined_as_excused(tmp_path: Path) -> None:
    description = "TOP 1 Förderaufruf\\nBeschluss: Die Fachgruppe reicht eine Skizze ein.\\nTOP 2 Termine"
    parsed = dict(parse_file(_write(tmp_path, "sitzung.ics", _ics(description).encode()), "sitzung.ics"))
    assert (parsed["date"], parsed["start"], parsed["end"], parsed["format"]) == (
        "2025-09-16", "10:00", "12:00", "in_person")
    assert _people(parsed) == [("Bastian Roth", "present", "Einladung zugesagt", 6),
                               ("Selin Ay", "excused", "Einladung abgesagt", 7)]


def test_a_protocol_in_the_invitation_description_gives_its_participants(tmp_path: Path) -> None:
    """Minutes sent as an updated invitation: their list counts, also for someone who had declined."""
    description = ("Ergebnisprotokoll\\n\\nAnwesend: Bastian Roth (itb)\\, Selin Ay (ZVB)\\n"
                   "Entschuldigt: Uwe Kern (ZVB)\\n\\nTOP 1 Begrüßung")
    parsed = dict(parse_file(_write(tmp_path, "protokoll.ics", _ics(description).encode()), "protokoll.ics"))
    assert [(p["name"], p["organisation"], p["status"]) for p in parsed["participants"]] == [
        ("Bastian Roth", "itb", "present"), ("Selin Ay", "ZVB", "present"), ("Uwe Kern", "ZVB", "excused")]
    assert not any(w.startswith("Einladung (.ics)") for w in parsed["warnings"])


def test_a_report_without_its_meeting_header_gives_the_day_but_no_times_and_is_online(tmp_path: Path) -> None:
    """The first join is not when the meeting began: without the report's start and end, both stay empty."""
    text = ("Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
            "Anna Berg,berg@zvb.example,12/16/2025 01:52:10 PM,12/16/2025 03:05:44 PM,74,No\n"
            "Jan Ohm,ohm@itb.example,12/16/2025 01:55:00 PM,12/16/2025 03:00:00 PM,65,Yes\n")
    parsed = dict(parse_file(_write(tmp_path, "teilnehmer.csv", text.encode()), "teilnehmer.csv"))
    assert (parsed["date"], parsed["start"], parsed["end"], parsed["format"]) == ("2025-12-16", None, None, "online")
    assert [(p["name"], p["status"]) for p in parsed["participants"]] == [("Anna Berg", "present"),
                                                                          ("Jan Ohm", "present")]


@pytest.mark.parametrize("text", ["<p><em>Inhalt folgt.</em></p>", "<p>Diese Seite befindet sich im Aufbau.</p>"])
def test_a_placeholder_page_is_refused_not_read_as_an_empty_meeting(tmp_path: Path, text: str) -> None:
    page = ("<html><head><title>Fachgruppe Handwerk – Protokoll 14.01.2025</title></head><body>"
            f"<h1>Protokoll der Sitzung vom 14.01.2025</h1>{text}</body></html>")
    with pytest.raises(ProtocolError, match=r"^seite.html: Seite ohne Protokollinhalt \(Platzhalter „.+“\): keine "
                                            r"Teilnehmenden, .* bitte das fertige Protokoll hochladen"):
        parse_file(_write(tmp_path, "seite.html", page.encode()), "seite.html")


def test_a_protocol_that_promises_its_list_later_is_still_read() -> None:
    text = "Datum: 12.05.2025\\nTeilnehmerliste wird nachgereicht.\\n\\nBeschluss: Die AG legt den Bericht vor."
    document = Document("notiz.md", [Block("paragraph", text, 1, lines=(1, 2, 3))], format="md")
    assert parse_document(document)["date"] == "2025-05-12"


@pytest.mark.parametrize(("start", "end", "expected"), [
    ("DTSTART:20250116T080000Z", "DTEND:20250116T093000Z", ("2025-01-16", "09:00", "10:30")),  # winter: UTC+1
    ("DTSTART;TZID=W. Europe Standard Time:20250116T100000", "DTEND;TZID=W. Europe Standard Time:20250116T113000",
     ("2025-01-16", "10:00", "11:30")),
])
def test_calendar_times_are_german_local_times(tmp_path: Path, start: str, end: str, expected: tuple) -> None:
    text = _ics("Ergebnisprotokoll\\n\\nAnwesend: Bastian Roth (itb)").replace(
        "DTSTART:20250916T080000Z", start).replace("DTEND:20250916T100000Z", end)
    parsed = dict(parse_file(_write(tmp_path, "sitzung.ics", text.encode()), "sitzung.ics"))
    assert (parsed["date"], parsed["start"], parsed["end"]) == expected


def test_minutes_kept_only_as_html_in_the_calendar_entry_are_read(tmp_path: Path) -> None:
    html = ("X-ALT-DESC;FMTTYPE=text/html:<html><body><p>Ergebnisprotokoll</p><p>Anwesend: Bastian Roth (itb)\\, "
            "Uwe Kern (ZVB)</p><h3>TOP 1 Bericht</h3><p>Beschluss: Die AG legt den Bericht vor.</p></body></html>\r\n")
    text = _ics().replace("LOCATION:Raum 2.14\r\n", "LOCATION:Raum 2.14\r\n" + html)
    parsed = dict(parse_file(_write(tmp_path, "sitzung.ics", text.encode()), "sitzung.ics"))
    assert [(p["name"], p["status"]) for p in parsed["participants"]] == [
        ("Selin Ay", "excused"), ("Bastian Roth", "present"), ("Uwe Kern", "present")]  # by line in the file
    assert [d["text"] for d in parsed["decisions"]] == ["Die AG legt den Bericht vor."]
