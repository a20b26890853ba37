"""Calendar entries that carry what happened: notes typed into an appointment after the meeting, in UTC or
with a time zone, as plain text or only as Outlook's HTML (all names fictional)."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.core.errors import ProtocolError
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
