"""Attendance exports of meeting tools and registration forms whose column headers no word list holds: the
name column found from what its header says ('Name des Teilnehmers', 'Nutzer', 'Benutzername'), times and
counts of activity ('Verlassenszeit', 'Sprechzeit', 'Handmeldungen') skipped, the tool's role ('Moderator/
Zuschauer') a note; a room system and an anonymous guest are nobody.

The exports here are written for these tests (fictional people and tool wording).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from etl.parse.file import parse_file
from etl.parse.participants import NAME, NOTE, SKIP, header_columns


def who(parsed: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(p["name"], p["organisation_raw"], p["status"]) for p in parsed["participants"]]


@pytest.mark.parametrize(("header", "roles"), [
    (("Name des Teilnehmers", "E-Mail-Adresse", "Verlassenszeit"), [NAME, SKIP, SKIP]),
    (("Benutzername", "Moderator/Zuschauer", "Sprechzeit", "Wortmeldungen"), [NAME, NOTE, SKIP, SKIP]),
    (("Nutzer", "Rolle", "Online-Zeit"), [NAME, NOTE, SKIP]),
])
def test_invented_headers_are_read_by_what_they_say(header: tuple[str, ...], roles: list[str]) -> None:
    columns = header_columns(header)
    assert columns is not None
    assert [columns.roles[i][0] for i in range(len(header))] == roles


@pytest.mark.parametrize("header", [("Veranstaltungsname", "Datum"), ("Organisationsname", "Ort")])
def test_the_name_of_an_event_or_an_organisation_is_no_name_column(header: tuple[str, ...]) -> None:
    assert header_columns(header) is None


def test_a_video_tool_dashboard_export_gives_its_users(tmp_path: Path) -> None:
    path = tmp_path / "dashboard_werkstattnetz_2026-02-03.csv"
    path.write_text(
        "Raum,Werkstattnetz Ost – Online-Austausch\n"
        "Erstellt,3.2.2026 10:00:04\n"
        "Beendet,3.2.2026 11:15:30\n"
        "\n"
        "Nutzer,Moderator/Zuschauer,Online-Zeit,Sprechzeit,Wortmeldungen,Reaktionen,Beitritt,Verlassen\n"
        "Greta Voss (Werkstattnetz),Moderator,01:15:20,00:30:02,4,1,10:00:04,11:15:24\n"
        "Bartosz Nowicki,Zuschauer,01:10:00,00:05:10,1,0,10:05:00,11:15:00\n"
        "Gast 0815,Zuschauer,00:02:00,00:00:00,0,0,10:20:00,10:22:00\n"
        "Helene Brückner,Zuschauer,00:50:00,00:02:00,0,2,10:25:30,11:15:30\n",
        encoding="utf-8")
    parsed = dict(parse_file(path))
    assert parsed["date"] == "2026-02-03"
    assert who(parsed) == [("Greta Voss", "Werkstattnetz", "present"), ("Bartosz Nowicki", None, "present"),
                           ("Helene Brückner", None, "present")]


def test_a_semicolon_export_with_a_named_name_column_gives_each_participant(tmp_path: Path) -> None:
    path = tmp_path / "teilnehmerliste_ak_fliese.csv"
    path.write_text(
        "Meetingname;AK Fliese\n"
        "Meetingstartzeit;17.02.2026 09:00\n"
        "Meetingendzeit;17.02.2026 10:10\n"
        "\n"
        "Name des Teilnehmers;E-Mail-Adresse;Beitrittszeit;Verlassenszeit;Rolle\n"
        "Mira Jansen;jansen@example.org;17.02.2026 08:58;17.02.2026 10:10;Gastgeber\n"
        "Olav Petersen (IHK Nordwest);petersen@example.org;17.02.2026 09:01;17.02.2026 10:09;Teilnehmer\n"
        "Besprechungsraum 2.07 (Video-System);;17.02.2026 08:59;17.02.2026 10:10;Teilnehmer\n",
        encoding="cp1252")
    parsed = dict(parse_file(path))
    assert who(parsed) == [("Mira Jansen", None, "present"), ("Olav Petersen", "IHK Nordwest", "present")]
