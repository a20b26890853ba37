"""Meeting-tool attendance reports (Teams, Zoom, Webex, GoTo, BigBlueButton CSV) -> participants table, date, start,
end; no agenda."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.extract.readers import read_document
from etl.extract.readers.attendance import parse_timestamp

TEAMS_DE = (
    "1. Zusammenfassung\n"
    "Besprechungstitel\tFachgruppe Handwerk – Jahresplanung\n"
    "Anwesende Teilnehmer\t3\n"
    "Startzeit\t11.03.2025, 09:58:12\n"
    "Endzeit\t11.03.2025, 11:02:40\n"
    "Besprechungsdauer\t1 Std. 4 Min. 28 Sek.\n"
    "\n"
    "2. Teilnehmer\n"
    "Name\tErster Beitritt\tLetztes Verlassen\tDauer der Besprechung\tE-Mail\tTeilnehmer-ID (UPN)\tRolle\n"
    "Vogt, Marlene\t11.03.2025, 09:58:12\t11.03.2025, 11:02:40\t1 Std. 4 Min.\tm.vogt@hwk.example\tm.vogt@hwk.example"
    "\tOrganisator\n"
    "Yusuf Demir (Gast)\t11.03.2025, 10:01:05\t11.03.2025, 10:55:00\t53 Min.\t\t\tTeilnehmer\n"
    "Ingrid Lauterbach (Extern)\t11.03.2025, 10:00:00\t11.03.2025, 11:00:00\t1 Std.\ti.l@itb.example\ti.l@itb.example"
    "\tTeilnehmer\n"
    "\n"
    "3. Aktivitäten in der Besprechung\n"
    "Name\tBeitrittszeit\tZeitpunkt des Verlassens\tDauer\tE-Mail\tRolle\n"
    "Vogt, Marlene\t11.03.2025, 09:58:12\t11.03.2025, 10:30:00\t32 Min.\tm.vogt@hwk.example\tOrganisator\n"
    "Vogt, Marlene\t11.03.2025, 10:31:00\t11.03.2025, 11:02:40\t31 Min.\tm.vogt@hwk.example\tOrganisator\n"
)
TEAMS_EN = (
    "1. Summary\n"
    "Meeting title\tAG Transfer\n"
    "Start time\t3/11/25, 9:58:12 AM\n"
    "End time\t3/11/25, 1:02:40 PM\n"
    "\n"
    "2. Participants\n"
    "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\n"
    "Marlene Vogt\t3/11/25, 9:58:12 AM\t3/11/25, 1:02:40 PM\t3h 4m\tm.vogt@hwk.example\tm.vogt@hwk.example\tOrganizer\n"
    "\n"
    "3. In-Meeting Activities\n"
    "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole\n"
    "Marlene Vogt\t3/11/25, 9:58:12 AM\t3/11/25, 1:02:40 PM\t3h 4m\tm.vogt@hwk.example\tOrganizer\n"
)


def _read(tmp_path: Path, name: str, data: bytes):  # noqa: ANN202
    path = tmp_path / name
    path.write_bytes(data)
    return read_document(path, source=name)


def _summary(document) -> list[tuple]:  # noqa: ANN001
    return [(b.kind, b.text, b.line, b.level, b.header_rows) for b in document.blocks]


def test_teams_report_in_german_utf16_with_tabs(tmp_path: Path) -> None:
    document = _read(tmp_path, "teams.csv", b"\xff\xfe" + TEAMS_DE.encode("utf-16-le"))
    assert (document.kind, document.format) == ("attendance_report", "csv")
    assert document.meta == {"tool": "teams", "title": "Fachgruppe Handwerk – Jahresplanung", "date": "2025-03-11",
                             "start": "09:58", "end": "11:02", "location": "Microsoft Teams (online)"}
    assert _summary(document) == [
        ("heading", "Fachgruppe Handwerk – Jahresplanung", 2, 1, 0),
        ("paragraph", "Datum: 11.03.2025", 4, 0, 0),
        ("paragraph", "Beginn: 09:58 Uhr", 4, 0, 0),
        ("paragraph", "Ende: 11:02 Uhr", 5, 0, 0),
        ("paragraph", "Ort: Microsoft Teams (online)", 4, 0, 0),
        ("heading", "Teilnehmende", 9, 2, 0),
        ("table", "Name | E-Mail | Status\nVogt, Marlene | m.vogt@hwk.example | anwesend\n"
                  "Yusuf Demir |  | anwesend\nIngrid Lauterbach | i.l@itb.example | anwesend", 9, 0, 1),
    ]
    assert document.blocks[-1].row_lines == (9, 10, 11, 12)


def test_teams_report_in_english_utf8_with_us_timestamps(tmp_path: Path) -> None:
    document = _read(tmp_path, "teams.csv", TEAMS_EN.encode("utf-8-sig"))
    assert document.meta == {"tool": "teams", "title": "AG Transfer", "date": "2025-03-11", "start": "09:58",
                             "end": "13:02", "location": "Microsoft Teams (online)"}
    assert document.blocks[-1].rows == (("Name", "E-Mail", "Status"),
                                        ("Marlene Vogt", "m.vogt@hwk.example", "anwesend"))


def test_teams_report_comma_separated(tmp_path: Path) -> None:
    text = TEAMS_EN.replace("\t", ",").replace("3/11/25, ", "3/11/25 ")
    document = _read(tmp_path, "teams.csv", text.encode())
    assert (document.meta["date"], document.meta["start"], document.meta["end"]) == ("2025-03-11", "09:58", "13:02")
    assert document.blocks[-1].rows[1] == ("Marlene Vogt", "m.vogt@hwk.example", "anwesend")


def test_old_teams_report_of_join_and_leave_events(tmp_path: Path) -> None:
    text = ("Besprechungszusammenfassung\nTeilnehmer insgesamt\t2\nBesprechungstitel\tStrategiekreis\n"
            "Besprechungsstartzeit\t02.10.2024, 14:00:03\nBesprechungsendzeit\t02.10.2024, 15:30:40\n\n"
            "Vollständiger Name\tBenutzeraktion\tZeitstempel\n"
            "Petra Nowak\tBeigetreten\t02.10.2024, 14:00:03\nPetra Nowak\tVerlassen\t02.10.2024, 15:30:40\n"
            "Arne Wiegand\tBeigetreten\t02.10.2024, 14:05:00\n")
    document = _read(tmp_path, "teams.csv", b"\xff\xfe" + text.encode("utf-16-le"))
    assert document.meta == {"tool": "teams", "title": "Strategiekreis", "date": "2024-10-02", "start": "14:00",
                             "end": "15:30", "location": "Microsoft Teams (online)"}
    assert document.blocks[-1].rows == (("Name", "Status"), ("Petra Nowak", "anwesend"), ("Arne Wiegand", "anwesend"))


@pytest.mark.parametrize("header", [
    ("Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants",
     "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest"),
    ("Meeting-ID,Thema,Startzeit,Endzeit,E-Mail-Adresse des Benutzers,Dauer (Minuten),Teilnehmer",
     "Name (ursprünglicher Name),E-Mail-Adresse des Benutzers,Beitrittszeit,Uhrzeit des Verlassens,Dauer (Minuten),"
     "Gast"),
], ids=["englisch", "deutsch"])
def test_zoom_participant_report(tmp_path: Path, header: tuple[str, str]) -> None:
    text = (f"{header[0]}\n812 3456 7890,Netzwerk Weser-Ems,03/11/2025 09:58:12 AM,03/11/2025 11:02:40 AM,"
            f"host@example.org,65,3\n\n{header[1]}\n"
            "Lea Hoffmann,l.h@example.org,03/11/2025 09:58:12 AM,03/11/2025 10:20:00 AM,22,No\n"
            "Lea Hoffmann,l.h@example.org,03/11/2025 10:25:00 AM,03/11/2025 11:02:40 AM,38,No\n"
            "Jan Ostermann (iPhone),,03/11/2025 10:00:00 AM,03/11/2025 11:00:00 AM,60,Yes\n"
            "Ida Berg (Ida B.),,03/11/2025 10:00:00 AM,03/11/2025 11:00:00 AM,60,Yes\n"
            "Ole Rieck (IHK Stade),,03/11/2025 10:00:00 AM,03/11/2025 11:00:00 AM,60,Yes\n")
    document = _read(tmp_path, "zoom.csv", text.encode())
    assert document.meta == {"tool": "zoom", "title": "Netzwerk Weser-Ems", "date": "2025-03-11", "start": "09:58",
                             "end": "11:02", "location": "Zoom (online)"}
    assert document.blocks[-1].rows == (("Name", "E-Mail", "Status"), ("Lea Hoffmann", "l.h@example.org", "anwesend"),
                                        ("Jan Ostermann", "", "anwesend"), ("Ida Berg", "", "anwesend"),
                                        ("Ole Rieck (IHK Stade)", "", "anwesend"))
    assert document.blocks[-1].row_lines == (4, 5, 7, 8, 9)


def test_webex_attendee_report(tmp_path: Path) -> None:
    text = ("Meeting Name,Meeting Start Time,Meeting End Time,Name,Attendee Email,Join Time,Leave Time,"
            "Attendance Duration\n"
            "Koordinierungsteam,2025-05-06 10:00:00,2025-05-06 11:15:00,Tilo Brenner,t.b@example.org,"
            "2025-05-06 10:01:00,2025-05-06 11:15:00,74 mins\n"
            "Koordinierungsteam,2025-05-06 10:00:00,2025-05-06 11:15:00,Sina Albrecht,s.a@example.org,"
            "2025-05-06 10:03:00,2025-05-06 11:10:00,67 mins\n")
    document = _read(tmp_path, "webex.csv", text.encode())
    assert document.kind == "attendance_report"
    assert (document.meta["title"], document.meta["date"], document.meta["start"], document.meta["end"]) == (
        "Koordinierungsteam", "2025-05-06", "10:00", "11:15")
    assert [row[0] for row in document.blocks[-1].body_rows] == ["Tilo Brenner", "Sina Albrecht"]


@pytest.mark.parametrize(("text", "expected"), [
    ("11.03.2025, 09:58:12", "2025-03-11 09:58"),
    ("3/11/25, 9:58:12 AM", "2025-03-11 09:58"),
    ("3/11/25, 12:05:00 AM", "2025-03-11 00:05"),
    ("03/11/2025 01:02:40 PM", "2025-03-11 13:02"),
    ("2025-03-11 09:58:12", "2025-03-11 09:58"),
    ("11.3.25 9:58", "2025-03-11 09:58"),
])
def test_timestamps_german_us_and_iso(text: str, expected: str) -> None:
    assert f"{parse_timestamp(text):%Y-%m-%d %H:%M}" == expected


def test_a_plain_list_with_email_column_is_no_report(tmp_path: Path) -> None:
    document = _read(tmp_path, "liste.csv", b"Name;E-Mail;Organisation\nLea Hoffmann;l.h@example.org;HWK\n")
    assert document.kind == "attendance_list"


def test_goto_attendee_report_with_the_day_and_the_times_in_rows_of_their_own(tmp_path: Path) -> None:
    text = ("Attendee Report\nMeeting Name,Regionales Netzwerk Weser-Ems\nDate,03/11/2025\nStart Time,9:30 AM CET\n"
            "End Time,11:15 AM CET\n\nAttendee Name,Email,Join Time,Leave Time,Time in Session (minutes)\n"
            "Lea Hoffmann,l.h@example.org,9:28 AM,11:15 AM,107\nJan Ostermann,,9:35 AM,11:10 AM,95\n")
    document = _read(tmp_path, "GoTo_Attendee_Report.csv", text.encode())
    assert (document.kind, document.meta["title"], document.meta["date"], document.meta["start"],
            document.meta["end"]) == ("attendance_report", "Regionales Netzwerk Weser-Ems", "2025-03-11", "09:30",
                                      "11:15")
    assert [row[0] for row in document.blocks[-1].body_rows] == ["Lea Hoffmann", "Jan Ostermann"]


@pytest.mark.parametrize(("text", "expected"), [
    # Teams' older German summary: 'Beginn der Besprechung' / 'Ende der Besprechung'
    ("Besprechungszusammenfassung\nBesprechungstitel\tStrategiekreis\nBeginn der Besprechung\t2.10.2024, 14:00:03\n"
     "Ende der Besprechung\t2.10.2024, 15:30:40\n\nVollständiger Name\tBenutzeraktion\tZeitstempel\n"
     "Petra Nowak\tBeigetreten\t2.10.2024, 14:00:03\nArne Wiegand\tBeigetreten\t2.10.2024, 14:05:00\n",
     ("2024-10-02", "14:00", "15:30")),
    # Webex in German, the meeting's times repeated in every row
    ("Meeting-Name;Startzeit des Meetings;Endzeit des Meetings;Name;E-Mail-Adresse;Beitrittszeit;Verlassen um\n"
     "Strategiekreis;02.10.2024 14:00;02.10.2024 15:30;Petra Nowak;p.n@example.org;02.10.2024 13:58;02.10.2024 15:30\n"
     "Strategiekreis;02.10.2024 14:00;02.10.2024 15:30;Arne Wiegand;;02.10.2024 14:05;02.10.2024 15:29\n",
     ("2024-10-02", "14:00", "15:30")),
    # a BigBlueButton dashboard: only who joined and left when; the day, not the times
    ("Name,Moderator,Sprechzeit,Beigetreten,Verlassen\nPetra Nowak,ja,00:12:00,2.10.2024 14:00,2.10.2024 15:30\n"
     "Arne Wiegand,nein,00:05:00,2.10.2024 14:04,2.10.2024 15:28\n", ("2024-10-02", None, None)),
], ids=["teams-alt", "webex-de", "bbb"])
def test_more_meeting_tool_exports(tmp_path: Path, text: str, expected: tuple[str, str | None, str | None]) -> None:
    document = _read(tmp_path, "bericht.csv", text.encode("utf-8"))
    assert document.kind == "attendance_report"
    assert (document.meta.get("date"), document.meta.get("start"), document.meta.get("end")) == expected
    assert [row[0] for row in document.blocks[-1].body_rows] == ["Petra Nowak", "Arne Wiegand"]
