"""The protocol itself as evidence for its people: a participant listed by surname whom the text names in full
elsewhere gets the full name; one short form ('HWK') means one organisation throughout a protocol, so the
master data of one holder resolves it for the others; surnames listed alone under organisations stay two people
when a line has two ('Agentur: Dettmann, Pfaff'); a firm written after a person ('Herr Ole Kraft, Kraft
Sanitär GmbH') is that person's organisation.

Every protocol here is written for these tests (fictional names and organisations).
"""

from __future__ import annotations

from typing import Any

from etl.core.registry import KnownPeople, KnownPerson, Registry
from tests.test_protocol_parse import parse_protocol


def who(parsed: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(p["name"], p["organisation"], p["status"]) for p in parsed["participants"]]


def text_file(body: str, **kwargs: Any) -> dict[str, Any]:
    return parse_protocol(body.strip("\n").split("\n"), "notiz.txt", **kwargs)


def chambers() -> Registry:
    registry = Registry("organisation")
    registry.add("Handwerkskammer Talstadt-Ost", "HWK Talstadt")
    registry.add("Handwerkskammer Bergland", "HWK Bergland")
    registry.add("Agentur für Arbeit Talstadt", "AA Talstadt")
    return registry


def test_a_surname_listed_alone_takes_the_full_name_the_text_gives() -> None:
    parsed = text_file("""
Kurzprotokoll Netzwerk Talstadt
Datum: 06.05.2026

Anwesend waren Frau Ina Pfaff von der Arbeitsagentur, die Herrn Rolf Dettmann vertrat, und Herr Kai Ohm.
Entschuldigt hatten sich Herr Dettmann und Frau Lind.

Herr Ohm berichtet über das Förderprogramm.
""")
    assert [(p["name"], p["status"]) for p in parsed["participants"]] == [
        ("Ina Pfaff", "present"), ("Kai Ohm", "present"), ("Rolf Dettmann", "excused"), ("Lind", "excused")]


def test_one_short_form_is_one_organisation_in_a_protocol() -> None:
    known = KnownPeople([KnownPerson("Sabine Traut", "HWK Talstadt")])
    parsed = text_file("""
Kurzprotokoll Netzwerk Talstadt
Datum: 06.05.2026

Teilnehmende: Sabine Traut, Marek Wolny (beide HWK), Ina Pfaff (AA Talstadt)

Herr Wolny berichtet über das Förderprogramm.
""", organisations=chambers(), people=known)
    assert who(parsed) == [("Sabine Traut", "Handwerkskammer Talstadt-Ost", "present"),
                           ("Marek Wolny", "Handwerkskammer Talstadt-Ost", "present"),
                           ("Ina Pfaff", "Agentur für Arbeit Talstadt", "present")]
    assert not [w for w in parsed["warnings"] if "„HWK“" in w]


def test_surnames_under_organisations_stay_people_two_to_a_line() -> None:
    parsed = text_file("""
Herbsttreffen Netzwerk Talstadt
Datum: 07.10.2026

Wer war da?
HWK: Traut, Wolny, Kranz
Agentur für Arbeit: Dettmann, Pfaff
Verband: Ohm
Gast: Herr Ole Kraft, Kraft Sanitär GmbH (Praxisbeispiel)

Ergebnisse
Die Liste der offenen Stellen wird monatlich aktualisiert.
""")
    assert [(p["name"], p["organisation_raw"], p["status"]) for p in parsed["participants"]] == [
        ("Traut", "HWK", "present"), ("Wolny", "HWK", "present"), ("Kranz", "HWK", "present"),
        ("Dettmann", "Agentur für Arbeit", "present"), ("Pfaff", "Agentur für Arbeit", "present"),
        ("Ohm", "Verband", "present"), ("Ole Kraft", "Kraft Sanitär GmbH", "guest")]


def test_initials_and_a_surname_find_the_known_person_behind_a_short_form() -> None:
    known = KnownPeople([KnownPerson("Lena Hartwig", "HWK Talstadt"), KnownPerson("Karl-Uwe Dreher", "HWK Bergland")])
    parsed = text_file("""
Protokoll FG Handwerk
Datum: 16.06.2026

Anwesend: L. Hartwig (HWK), K.-U. Dreher (HWK)

TOP 1 Bericht
Frau Hartwig berichtet über die Ausbildungsmesse.
""", organisations=chambers(), people=known)
    assert who(parsed) == [("L. Hartwig", "Handwerkskammer Talstadt-Ost", "present"),
                           ("K.-U. Dreher", "Handwerkskammer Bergland", "present")]


def test_a_sentence_that_tells_who_works_where_gives_listed_people_their_organisation() -> None:
    parsed = text_file("""
Gründungssitzung AK Ausbildung
Datum: 16.09.2026

Anwesend: Jana Ruhl, Olaf Brink, Mira Sadowski, Lisa Ohm, Udo Kern
Olaf Brink und Jana Ruhl vertreten die BBS Talstadt, Mira Sadowski die KH Nordwald; Ohm kommt von der HWK Talstadt.

TOP 1 Wahl
Herr Kern vertritt die Meinung der Kammer, dass die Sprecher zwei Jahre amtieren.
""")
    assert who(parsed) == [("Jana Ruhl", "BBS Talstadt", "present"), ("Olaf Brink", "BBS Talstadt", "present"),
                           ("Mira Sadowski", "KH Nordwald", "present"), ("Lisa Ohm", "HWK Talstadt", "present"),
                           ("Udo Kern", None, "present")]
