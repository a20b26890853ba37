"""Labels of people read from what they say: a participle alone ('Teilgenommen:'), a part of the body named with
the status ('Vorstand anwesend:', 'Anwesend vom Vorstand:'), a person's function as the label of the line
('Kassenprüfer: …', 'Geschäftsführung: …'), the chair and the minute taker of a Niederschrift, and a label
written as a sentence with its full stop ('Entschuldigt: Dr. Ohm.').

Every protocol here is written for these tests (fictional names and organisations).
"""

from __future__ import annotations

from typing import Any

import pytest

from etl.parse.roles import ABSENT, EXCUSED, PRESENT, WRITER, role_of
from tests.test_protocol_parse import parse_protocol


def who(parsed: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(p["name"], p["organisation_raw"], p["status"]) for p in parsed["participants"]]


def text_file(body: str) -> dict[str, Any]:
    return parse_protocol(body.strip("\n").split("\n"), "notiz.txt")


@pytest.mark.parametrize(("label", "role"), [
    ("Teilgenommen", PRESENT), ("Es haben teilgenommen", PRESENT), ("Nicht teilgenommen", ABSENT),
    ("Nicht teilgenommen haben", ABSENT), ("Vorstand anwesend", PRESENT), ("Vom Vorstand anwesend", PRESENT),
    ("Anwesend vom Vorstand", PRESENT), ("Entschuldigt vom Beirat", EXCUSED),
    ("Anwesend seitens der Geschäftsstelle", PRESENT), ("Niederschrift", WRITER), ("Schriftführerin", WRITER),
    ("Vorstand", None), ("Eingeladen", None),
])
def test_a_label_names_its_people_by_what_it_says(label: str, role: str | None) -> None:
    assert role_of(label) == role


def test_meeting_notes_with_a_participle_label_list_who_took_part() -> None:
    parsed = text_file("""
Austausch Werkstattnetz Ost
Dienstag, 10. März 2026, 14:00 – 15:00 Uhr, online

Eingeladen: Anna Kolbe; Piet Harms; Dragana Ilić; Sönke Lüders
Teilgenommen: Anna Kolbe, Dragana Ilić, Sönke Lüders
Nicht teilgenommen: Piet Harms (ohne Absage)

Notizen
Frau Kolbe berichtet aus dem Werkstattnetz. Herr Lüders übernimmt die Einladung zum nächsten Termin.
""")
    assert who(parsed) == [("Anna Kolbe", None, "present"), ("Dragana Ilić", None, "present"),
                           ("Sönke Lüders", None, "present"), ("Piet Harms", None, "absent")]


def test_a_niederschrift_head_of_functions_gives_each_holder_as_present() -> None:
    parsed = text_file("""
Glaser-Innung Talstadt – Niederschrift über die Innungsversammlung
Donnerstag, 5. März 2026, Beginn 18:30 Uhr, Ende 20:10 Uhr

Vorsitz: Obermeister Falk Rehberg
Vorstand anwesend: stv. Obermeister Ingo Paschke, Lehrlingswart Timo Brandl
Kassenprüferin: Sabine Wallner
Geschäftsführung: Jost Eilers (Kreishandwerkerschaft Talstadt)
Niederschrift: Carina Mölders (KH)
Entschuldigt: Vorstandsmitglied Uwe Kaspari

TOP 1 Bericht des Obermeisters
Obermeister Rehberg berichtet über das Jahr. Die Versammlung nimmt den Bericht zur Kenntnis.
""")
    assert sorted(who(parsed)) == sorted([
        ("Falk Rehberg", None, "present"), ("Ingo Paschke", None, "present"), ("Timo Brandl", None, "present"),
        ("Sabine Wallner", None, "present"), ("Jost Eilers", "Kreishandwerkerschaft Talstadt", "present"),
        ("Carina Mölders", "KH", "present"), ("Uwe Kaspari", None, "excused")])
    notes = {p["name"]: p["note"] for p in parsed["participants"]}
    assert notes["Sabine Wallner"] == "Kassenprüferin"
    assert notes["Jost Eilers"] == "Geschäftsführung"


def test_labels_written_as_sentences_keep_their_last_name() -> None:
    parsed = text_file("""
Kurznotiz Arbeitskreis Fliese
Datum: 12.02.2026

Anwesend: Frau Lenz, Dr. Ostrowski, Herr Yıldırım.
Entschuldigt: Dr. Hagedorn.
Protokoll: Mira Jansen.

Der Arbeitskreis vereinbart einen Termin im April.
""")
    assert who(parsed) == [("Lenz", None, "present"), ("Ostrowski", None, "present"),
                           ("Yıldırım", None, "present"), ("Hagedorn", None, "excused"),
                           ("Mira Jansen", None, "present")]
