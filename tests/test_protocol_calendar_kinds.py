"""Calendar entries that carry what happened: notes typed into an appointment after the meeting, in UTC or
with a time zone, as plain text or only as Outlook's HTML (all names fictional)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from etl.core.errors import ProtocolError
from etl.extract.readers import read_document
from etl.parse.file import parse_file

NOTES_UTC = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Test//Kalender//DE
METHOD:PUBLISH
BEGIN:VEVENT
ORGANIZER;CN="Kranich, Sabine":mailto:kranich@verband.example
ATTENDEE;CN="Brosowski, Till";PARTSTAT=ACCEPTED:mailto:brosowski@kammer.example
ATTENDEE;CN="Kühn, Wiebke";PARTSTAT=ACCEPTED:mailto:kuehn@institut.example
DESCRIPTION:Gesprächsnotizen (im Anschluss an die Sitzung ergänzt):\\n\\nDabei: S. Kra
 nich (Verband)\\, T. Brosowski (Kammer)\\nFrau Kühn fehlte.\\n\\n- Ei
 nigung: Der Workshop wird digital angeboten.\\n- Herr Brosowski schickt die Teilnehmerliste bis 14.03.
SUMMARY:Abstimmung Workshopreihe
DTSTART:20260305T130000Z
DTEND:20260305T140000Z
LOCATION:Microsoft Teams-Besprechung
STATUS:CONFIRMED
END:VEVENT
END:VCALENDAR
"""


def _parse(tmp_path: Path, text: str) -> dict:
    path = tmp_path / "termin.ics"
    path.write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    return dict(parse_file(path))


def test_notes_added_after_the_meeting_are_its_minutes(tmp_path: Path) -> None:
    parsed = _parse(tmp_path, NOTES_UTC)
    assert (parsed["date"], parsed["start"], parsed["end"], parsed["format"]) == (
        "2026-03-05", "14:00", "15:00", "online")
    assert [(p["name"], p["organisation_raw"], p["status"]) for p in parsed["participants"]] == [
        ("S. Kranich", "Verband", "present"), ("T. Brosowski", "Kammer", "present"), ("Kühn", None, "absent")]
    assert [(t["owners"], t["due"]) for t in parsed["action_items"]] == [(["T. Brosowski"], "2026-03-14")]
    assert len(parsed["decisions"]) == 1


def test_a_time_zone_id_gives_the_local_time(tmp_path: Path) -> None:
    text = NOTES_UTC.replace("DTSTART:20260305T130000Z", "DTSTART;TZID=Europe/Berlin:20260305T091500").replace(
        "DTEND:20260305T140000Z", "DTEND;TZID=Europe/Berlin:20260305T103000")
    assert (_parse(tmp_path, text)["start"], _parse(tmp_path, text)["end"]) == ("09:15", "10:30")


def test_an_invitation_that_only_plans_is_still_refused(tmp_path: Path) -> None:
    text = NOTES_UTC.replace(
        "Gesprächsnotizen (im Anschluss an die Sitzung ergänzt):", "Bitte um Zusage bis Freitag.").replace(
        "Nicht teilgenommen: Frau Kühn", "Themen: Workshopreihe")
    text = text.replace("- Ei\n nigung: Der Workshop wird digital angeboten.", "- Workshopreihe")
    with pytest.raises(ProtocolError, match="ohne Protokoll"):
        _parse(tmp_path, text)


GOOGLE_HTML = """BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
METHOD:PUBLISH
BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
DTSTART;TZID=W. Europe Standard Time:20260414T093000
DTEND;TZID=W. Europe Standard Time:20260414T110000
SUMMARY:Jour fixe AG Transfer
DESCRIPTION:<b>Protokoll</b><br>Anwesend: Mila Berger (ZVB)\\, Tom Kraus (HWK)<
 br>Entschuldigt: Eda Yilmaz<br><ul><li>Beschluss: Termin im Juni wird online
  stattfinden.</li><li>Frau Berger verschickt die Umfrage bis 30.04.</li></ul
 ><br>________________________________________________________________________
 ________<br>Microsoft Teams-Besprechung<br>Nehmen Sie von Ihrem Computer oder
  der mobilen App teil<br>Besprechungs-ID: 123 456 789<br>Kennung: abc123<br>
 Nur Audio<br>+49 69 1234 5678\\,\\,98765#   Deutschland\\, Frankfurt am Main<br
 >Telefonkonferenz-ID: 987 654 321#
LOCATION:Microsoft Teams-Besprechung
END:VEVENT
END:VCALENDAR
"""


def test_minutes_kept_as_html_in_the_description_without_the_dial_in_block(tmp_path: Path) -> None:
    """Google Calendar writes the description as HTML; Outlook's time zone is named the Windows way; the
    Teams dial-in block under its rule of underscores is no protocol."""
    parsed = _parse(tmp_path, GOOGLE_HTML)
    assert (parsed["date"], parsed["start"], parsed["end"], parsed["format"]) == (
        "2026-04-14", "09:30", "11:00", "online")
    assert [(p["name"], p["organisation_raw"], p["status"]) for p in parsed["participants"]] == [
        ("Mila Berger", "ZVB", "present"), ("Tom Kraus", "HWK", "present"), ("Eda Yilmaz", None, "excused")]
    assert [(t["owners"], t["due"]) for t in parsed["action_items"]] == [(["Mila Berger"], "2026-04-30")]
    texts = [block.text for block in read_document(tmp_path / "termin.ics").blocks]
    assert texts[-2:] == ["Beschluss: Termin im Juni wird online stattfinden.",
                          "Frau Berger verschickt die Umfrage bis 30.04."]


def test_a_plain_description_loses_the_dial_in_block_too(tmp_path: Path) -> None:
    text = NOTES_UTC.replace(
        "bis 14.03.\nSUMMARY", "bis 14.03.\\n\\n________________________________________\\n"
        "Microsoft Teams-Besprechung\\nBesprechungs-ID: 123 456\\nNur Audio: +49 30 1234\\nSUMMARY")
    assert "Microsoft Teams-Besprechung" in text
    parsed = _parse(tmp_path, text)
    assert [p["name"] for p in parsed["participants"]] == ["S. Kranich", "T. Brosowski", "Kühn"]
    texts = [block.text for block in read_document(tmp_path / "termin.ics").blocks]
    assert texts[-1] == "Herr Brosowski schickt die Teilnehmerliste bis 14.03."


def _appointment(tmp_path: Path, body: str) -> Path:
    import datetime as dt

    from tests.fixtures.corpus.generators.msg_writer import write_msg

    path = tmp_path / "termin.msg"
    write_msg(path, subject="Jour fixe AG Transfer", body=body, sender=("Mila Berger", "berger@zvb.example"),
              recipients=[], sent=dt.datetime(2026, 4, 1, 8, tzinfo=dt.UTC), message_class="IPM.Appointment",
              start=dt.datetime(2026, 4, 14, 7, 30, tzinfo=dt.UTC), end=dt.datetime(2026, 4, 14, 9, tzinfo=dt.UTC))
    return path


def test_an_outlook_appointment_saved_as_msg_with_notes_is_a_protocol(tmp_path: Path) -> None:
    """The date and times stand only in the appointment (UTC in the file), the notes in its body."""
    parsed = dict(parse_file(_appointment(tmp_path, "Notizen nach der Sitzung ergänzt:\nAnwesend: Mila Berger (ZVB), "
                                                    "Tom Kraus (HWK)\nEntschuldigt: Eda Yilmaz\n\n"
                                                    "- Frau Berger verschickt die Umfrage bis 30.04.\n")))
    assert (parsed["title"], parsed["date"], parsed["start"], parsed["end"]) == (
        "Jour fixe AG Transfer", "2026-04-14", "09:30", "11:00")
    assert [(p["name"], p["status"]) for p in parsed["participants"]] == [
        ("Mila Berger", "present"), ("Tom Kraus", "present"), ("Eda Yilmaz", "excused")]


def test_an_outlook_appointment_without_notes_is_refused_like_an_invitation(tmp_path: Path) -> None:
    with pytest.raises(ProtocolError, match="ohne Protokoll"):
        parse_file(_appointment(tmp_path, "Agenda: Umfrage, Termine 2026\nBitte um Zusage.\n"))


def test_of_a_series_the_occurrence_with_the_minutes_is_read(tmp_path: Path) -> None:
    series = NOTES_UTC.replace("BEGIN:VEVENT", "BEGIN:VEVENT\nSUMMARY:Abstimmung Workshopreihe\n"
                               "DTSTART:20260226T130000Z\nDESCRIPTION:Bitte um Zusage.\nEND:VEVENT\nBEGIN:VEVENT", 1)
    assert series.count("BEGIN:VEVENT") == 2
    parsed = _parse(tmp_path, series)
    assert (parsed["date"], parsed["start"]) == ("2026-03-05", "14:00")
    assert [p["name"] for p in parsed["participants"]] == ["S. Kranich", "T. Brosowski", "Kühn"]
    assert parsed["participants"][0]["line"] == 16  # DESCRIPTION of the second event (line 14), its third line


def _invitation_mail(body: str, calendar: str = NOTES_UTC) -> str:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "Sabine Kranich <kranich@verband.example>"
    message["To"] = "Till Brosowski <brosowski@kammer.example>"
    message["Subject"] = "Abstimmung Workshopreihe"
    message["Date"] = "Mon, 02 Mar 2026 09:00:00 +0100"
    message.set_content(body)
    message.add_alternative(calendar.replace("METHOD:PUBLISH", "METHOD:REQUEST"), subtype="calendar",
                            params={"method": "REQUEST"})
    return message.as_string()


def test_an_invitation_sent_by_mail_is_read_like_an_ics(tmp_path: Path) -> None:
    """The text of an Outlook/Teams invitation mail only invites; its calendar part says when. The invited
    (To) are no participants; without minutes it is refused like an .ics."""
    path = tmp_path / "einladung.eml"
    path.write_text(_invitation_mail("Hallo zusammen,\n\nich lade herzlich ein.\n\nViele Grüße\nSabine\n"),
                    encoding="utf-8")
    document = read_document(path)
    assert (document.kind, document.format, document.meta["date"], document.meta["start"]) == (
        "invitation", "eml", "2026-03-05", "14:00")
    parsed = dict(parse_file(path))  # its description holds notes: they are read as minutes
    assert [p["name"] for p in parsed["participants"]] == ["S. Kranich", "T. Brosowski", "Kühn"]


def test_an_invitation_mail_without_minutes_is_refused(tmp_path: Path) -> None:
    before, after = NOTES_UTC.index("DESCRIPTION:"), NOTES_UTC.index("SUMMARY:")
    calendar = NOTES_UTC[:before] + "DESCRIPTION:Bitte um Zusage bis Freitag.\n" + NOTES_UTC[after:]
    path = tmp_path / "einladung.eml"
    path.write_text(_invitation_mail("Hallo zusammen,\n\nich lade herzlich ein.\n", calendar), encoding="utf-8")
    with pytest.raises(ProtocolError, match=r"Kalendereinladung \(\.eml\) ohne Protokoll"):
        parse_file(path)


def test_outlook_html_notes_in_x_alt_desc_lose_the_dial_in_block(tmp_path: Path) -> None:
    before, after = NOTES_UTC.index("DESCRIPTION:"), NOTES_UTC.index("SUMMARY:")
    html = ("X-ALT-DESC;FMTTYPE=text/html:<html><body><p>Protokoll</p><p>Anwesend: S. Kranich (Verband)\\, "
            "T. Brosowski (Kammer)</p><p>________________________________________</p><p>Microsoft Teams-Besprechung"
            "</p><p>Besprechungs-ID: 123 456</p></body></html>\n")
    parsed = _parse(tmp_path, NOTES_UTC[:before] + html + NOTES_UTC[after:])
    assert [p["name"] for p in parsed["participants"]] == ["S. Kranich", "T. Brosowski"]
    texts = [block.text for block in read_document(tmp_path / "termin.ics").blocks]
    assert texts[-1] == "Anwesend: S. Kranich (Verband), T. Brosowski (Kammer)"


def test_minutes_in_an_all_day_entry_without_place_or_tool_record_a_meeting_in_a_room(tmp_path: Path) -> None:
    text = (NOTES_UTC.replace("DTSTART:20260305T130000Z", "DTSTART;VALUE=DATE:20260305")
            .replace("DTEND:20260305T140000Z", "DTEND;VALUE=DATE:20260306")
            .replace("LOCATION:Microsoft Teams-Besprechung\n", "")
            .replace("Der Workshop wird digital angeboten", "Der Workshop wird angeboten"))
    parsed = _parse(tmp_path, text)
    assert (parsed["date"], parsed["start"], parsed["end"], parsed["format"]) == ("2026-03-05", None, None, "in_person")


@pytest.mark.parametrize("notes", [
    "Gedächtnisprotokoll\n\nDabei: Mila Berger (ZVB), Jonas Kurz (HWK)\n\nDie Jahresplanung ist abgestimmt.",
    "Kurz notiert: Mila Berger und Jonas Kurz waren dabei. Wir haben die Jahresplanung durchgesprochen.",
    "Notizen von Mila\nMila Berger, Jonas Kurz\nEntscheidung: Die Jahrestagung ist im Mai.",
])
def test_an_appointment_whose_notes_tell_the_meeting_in_the_past_is_a_protocol(tmp_path: Path, notes: str) -> None:
    """Read, not refused as an invitation (who of them the prose names is the participants' reader's concern)."""
    parsed = dict(parse_file(_appointment(tmp_path, notes)))
    assert (parsed["date"], parsed["start"], parsed["end"]) == ("2026-04-14", "09:30", "11:00")


def test_results_typed_into_an_entry_above_its_teams_join_block_are_minutes(tmp_path: Path) -> None:
    text = ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Test//Kalender//DE\nBEGIN:VEVENT\nSUMMARY:Jour fixe AG Transfer\n"
            "DTSTART:20260305T130000Z\nDTEND:20260305T140000Z\nLOCATION:Microsoft Teams-Besprechung\n"
            "DESCRIPTION:Ergebnisse:\\n- Der Workshop wird im Mai angeboten.\\n- Frau Kranich lädt ein.\\n\\n"
            "Microsoft Teams-Besprechung\\nJetzt an der Besprechung teilnehmen\\nBesprechungs-ID: 312 456 789\n"
            "END:VEVENT\nEND:VCALENDAR\n")
    parsed = _parse(tmp_path, text)
    assert (parsed["date"], parsed["start"], parsed["end"], parsed["format"]) == (
        "2026-03-05", "14:00", "15:00", "online")


_ENTRY = ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Test//Kalender//DE\nBEGIN:VEVENT\nSUMMARY:Jour fixe AG Transfer\n"
          "DTSTART:20260305T130000Z\nDTEND:20260305T140000Z\n{description}\nEND:VEVENT\nEND:VCALENDAR\n")


@pytest.mark.parametrize(("description", "encoding"), [
    ("DESCRIPTION:Notizen:\\nTeilnehmende: Jürgen Weiß (ZVB)\\, Anna Groß (HWK)\\nErgebnis: Die Tagung ist im Mai.",
     "utf-8"),
    # an older Outlook: Windows-1252 bytes, or the value quoted-printable as vCalendar 1.0 wrote it
    ("DESCRIPTION:Notizen:\\nTeilnehmende: Jürgen Weiß (ZVB)\\, Anna Groß (HWK)\\nErgebnis: Die Tagung ist im Mai.",
     "cp1252"),
    ("DESCRIPTION;ENCODING=QUOTED-PRINTABLE:Notizen:=0D=0ATeilnehmende: J=FCrgen Wei=DF (ZVB), Anna Gro=DF (HWK)=0D=0A"
     "Ergebnis: Die Tagung ist im Mai.", "ascii"),
], ids=["ergebnis", "cp1252", "quoted-printable"])
def test_notes_with_an_ergebnis_line_in_any_encoding_are_minutes(tmp_path: Path, description: str,
                                                                 encoding: str) -> None:
    path = tmp_path / "termin.ics"
    path.write_bytes(_ENTRY.format(description=description).replace("\n", "\r\n").encode(encoding))
    parsed = dict(parse_file(path))
    assert (parsed["date"], parsed["start"], [p["name"] for p in parsed["participants"]]) == (
        "2026-03-05", "14:00", ["Jürgen Weiß", "Anna Groß"])


APPOINTMENT_WITH_ADDENDUM = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Test//Kalender//DE
METHOD:PUBLISH
BEGIN:VEVENT
ORGANIZER;CN=Lotta Wendel:mailto:wendel@netzwerk.example
ATTENDEE;CN=Piet Harmsen;PARTSTAT=ACCEPTED:mailto:harmsen@kammer.example
ATTENDEE;CN=Nele Ortmann;PARTSTAT=ACCEPTED:mailto:ortmann@stadt.example
ATTENDEE;CN=Rasmus Beck;PARTSTAT=DECLINED:mailto:beck@verband.example
DESCRIPTION:Ergänzung aus dem Termin (L. Wendel):\\nVor Ort: Lotta Wendel\\, Piet Harmsen (
 Kammer)\\, Joost Visser\\nPer Video: Dörte Lamm (Stadt)\\, Ida Kühl (Verband).\\nAbgesagt:
  Rasmus Beck\\n- Herr Harmsen schickt die Liste bis 20.03.
SUMMARY:Arbeitsgruppe Fachkräfte
DTSTART;TZID=Europe/Berlin:20260310T140000
DTEND;TZID=Europe/Berlin:20260310T153000
LOCATION:Rathaus\\, Raum 4
END:VEVENT
END:VCALENDAR
"""


def test_an_addendum_after_the_meeting_makes_an_appointment_its_minutes(tmp_path: Path) -> None:
    parsed = _parse(tmp_path, APPOINTMENT_WITH_ADDENDUM)
    assert (parsed["date"], parsed["start"], parsed["format"]) == ("2026-03-10", "14:00", "hybrid")
    # Nele Ortmann accepted the invitation but is not in the list of who came
    assert [(p["name"], p["organisation_raw"], p["status"]) for p in parsed["participants"]] == [
        ("Lotta Wendel", None, "present"), ("Piet Harmsen", "Kammer", "present"), ("Joost Visser", None, "present"),
        ("Dörte Lamm", "Stadt", "present"), ("Ida Kühl", "Verband", "present"), ("Rasmus Beck", None, "excused")]


@pytest.mark.parametrize(("opener", "listed"), [
    ("Stichpunkte aus der Besprechung (T. Brosowski):", "Teilgenommen: S. Kranich (Verband)\\, T. Brosowski (Kammer)"),
    ("Nachtrag nach dem Termin:", "Dabei: S. Kranich (Verband)\\, T. Brosowski (Kammer)"),
])
def test_notes_typed_into_an_appointment_after_it_are_read_as_its_minutes(tmp_path: Path, opener: str,
                                                                          listed: str) -> None:
    """Whatever the notes are called and however those who came are labelled; a result 'so beschlossen'."""
    description = f"DESCRIPTION:{opener}\\n{listed}\\n- Workshop digital – so beschlossen.\n"
    text = re.sub(r"DESCRIPTION:.*?(?=SUMMARY:)", lambda _: description, NOTES_UTC, flags=re.S)
    parsed = _parse(tmp_path, text)
    assert (parsed["date"], len(parsed["decisions"])) == ("2026-03-05", 1)
    assert [p["name"] for p in parsed["participants"] if p["status"] == "present"] == ["S. Kranich", "T. Brosowski"]
