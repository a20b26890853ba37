"""The head facts of a protocol as outsiders write them: meeting mode, group short forms, times.

Each case is one everyday way of writing; the protocol around it is the smallest one the parser accepts.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest

from etl.core.registry import Registry
from etl.extract.document import Block, Document
from etl.extract.readers.plain import read_text_file
from etl.extract.readers.web import read_html
from etl.parse import parse_document
from etl.parse.file import parse_file
from etl.parse.groups import abbreviates
from etl.parse.header import classify_format, mode_of

PEOPLE = "\n\nAnwesend:\n- Anna Berg (ZVB)\n- Bernd Vogt (ZVB)\n\nTOP 1 Begrüßung\nFrau Berg begrüßt.\n"


def groups() -> Registry:
    registry = Registry("group")
    for name in ("Fachgruppe Handwerk", "Fachgruppe Fachkräftesicherung", "Fachgruppe Gesunde Arbeit",
                 "AG Transfer", "Koordinierungsteam", "Strategiekreis", "Regionales Netzwerk Weser-Ems",
                 "Regionales Netzwerk Oberfranken"):
        registry.add(name)
    return registry


def parse(head: str, source: str = "protokoll.txt") -> dict[str, Any]:
    document = read_text_file((head + PEOPLE).encode(), source, "txt")
    return dict(parse_document(document, groups=groups()))


# --- meeting mode ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("head", "expected"), [
    ("Telko KoTeam\nDatum: 14.01.2025", "online"),
    ("Protokoll Strategiekreis\nDatum: 05.03.2025\n\nDie Sitzung fand als Videokonferenz statt.", "online"),
    ("Protokoll AG Transfer\nDatum: 05.03.2025\nEinwahl über Teams", "online"),
    ("Ergebnisprotokoll RN Weser-Ems\nSitzung am 03.02.2025 in der Handwerkskammer Oldenburg", "in_person"),
    ("Protokoll AG Transfer\nDatum: 05.03.2025\nSitzung vor Ort in Kassel", "in_person"),
    ("Protokoll AG Transfer\nDatum: 05.03.2025\nTreffen im Sitzungssaal, Einwahl per Zoom möglich", "hybrid"),
    # a protocol that names no mode at all records a meeting in a room (one by video or phone names its tool)
    ("Protokoll AG Transfer\nDatum: 05.03.2025", "in_person"),
    ("Protokoll AG Transfer\nDatum: 05.03.2025\nSitzungsart: Videokonferenz", "online"),
    ("Protokoll AG Transfer\nDatum: 05.03.2025\nDie Besprechung fand per Telefon statt.", "online"),
    ("Protokoll AG Transfer\nDatum: 05.03.2025\nOrt: bei Fa. Müller GmbH, Hauptstr. 5, 30159 Hannover", "in_person"),
    ("Protokoll AG Transfer\nDatum: 05.03.2025\nOrt: HWK Hannover, Berliner Allee 17 + Zoom", "hybrid"),
    ("Protokoll AG Transfer\nDatum: 05.03.2025\nTeilnahme vor Ort und digital möglich", "hybrid"),
    ("Protokoll AG Transfer\nDatum: 05.03.2025\nOrt: Geschäftsstelle; Gäste per Videokonferenz zugeschaltet",
     "hybrid"),
    ("Protokoll AG Transfer\nDatum: 05.03.2025\nOrt: virtueller Raum", "online"),
    # a place line that names a building by its compound ('Handwerkshaus', 'Schulungszentrum …')
    ("Protokoll AG Transfer\nSitzung vom 5. März 2025, 10 – 12 Uhr\nKreishandwerkerschaft Lüneburg, Handwerkshaus, "
     "Lüneburg", "in_person"),
    ("Protokoll AG Transfer\nSitzung, 05.03.2025, 14:00 bis 16:30 Uhr\nInnung SHK Celle, Schulungszentrum Altencelle",
     "in_person"),
    # a place line that names the way in for those not in the room, or says 'hybrid' after the place
    ("Protokoll AG Transfer\n05.03.2025 | 10 bis 12 Uhr | Kreishaus Lüneburg, Saal 2 (hybrid)", "hybrid"),
    ("Protokoll AG Transfer\nMittwoch, 5. März 2025 · 10–12 Uhr · Kreishaus Lüneburg, Saal 2, mit Online-Zuschaltung",
     "hybrid"),
    # what someone will do about a room is no word on this meeting's mode
    ("Aktennotiz\n\nAm 18.03.25 fand eine Telefonkonferenz der AG Transfer statt. Frau Berg klärt den Raum im "
     "Ministerium für die nächste Sitzung.", "online"),
    ("Kurzprotokoll AG Transfer\n\nUnser Treffen gestern (Mi., 18. Juni 2025, 13 bis 15 Uhr, bei der Innung SHK "
     "Bremen) war gut besucht.", "in_person"),
    ("Teilnehmerliste AG Transfer\n05.03.2025, 9:00 – 12:00 Uhr\nBildungszentrum Nord, Seminarraum 2", "in_person"),
    # a 'Schalte', a digital meeting, a web conference; a sentence about meeting by video names no place
    ("Videoschalte AG Transfer\nDatum: 05.03.2025", "online"),
    ("Digitale Sitzung der AG Transfer\nDatum: 05.03.2025", "online"),
    ("Protokoll AG Transfer\nDatum: 05.03.2025\n\nDie Sitzung wurde als Web-Konferenz durchgeführt.", "online"),
    ("Protokoll AG Transfer\nDatum: 05.03.2025\n\nWir haben uns per Video getroffen.", "online"),
    ("Protokoll AG Transfer\nDatum: 05.03.2025\nOrt: Homeoffice / Teams", "online"),
    # the title says how the meeting was held; a room booked in a task below is another meeting's
    ("Telko AG Transfer am 12.11.25 (11:00-11:45)\n\nBernd: bitte Raum in Kassel für 3.12. bestätigen", "online"),
    # a visit is held on site, wherever it is written
    ("Betriebsbesuch der AG Transfer bei Metallbau Kern, Celle\nFreitag, 16. Mai 2025, 13:00 - 15:00 Uhr",
     "in_person"),
])
def test_format_from_the_head_title_and_first_sentences(head: str, expected: str | None) -> None:
    assert parse(head)["format"] == expected


@pytest.mark.parametrize(("place", "expected"), [
    ("Microsoft Teams-Besprechung", "online"),
    ("Microsoft Teams-Besprechung https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc", "online"),
    ("Zoom-Meeting, Meeting-ID: 812 3456 7890", "online"),
    ("Microsft Teams", "online"),
    ("Raum 2.14 und Teams", "hybrid"),
    ("Geschäftsstelle Kassel", "in_person"),
    # a room of a meeting tool named after the meeting ('Raum: …' in a BigBlueButton or Webex export)
    ("Netzwerk Fachkräftezentren – Online-Austausch", "online"),
    ("Videokonferenz der Fachgruppe", "online"),
    ("HWK Kassel und Online-Sitzung", "hybrid"),
    # a dial-in's numbers and a tool's product name are no place
    ("Einwahl 0800 123456, PIN 1234", "online"),
    ("Skype for Business", "online"),
    ("Google Meet", "online"),
    ("Zoom-Meeting beitreten https://us02web.zoom.us/j/81234567890", "online"),
])
def test_format_from_a_location_field(place: str, expected: str) -> None:
    assert classify_format(place, None) == expected


def test_mode_words_that_name_something_else_are_no_mode() -> None:
    assert mode_of("Die Online-Befragung der Betriebe läuft bis Mai.") is None
    assert mode_of("Zeitraum der Förderung: 2025 bis 2027") is None


def test_a_sentence_about_a_person_at_an_office_is_no_place() -> None:
    parsed = parse("Gesprächsnotiz Fachgruppe Handwerk (Telefonkonferenz)\nMo 3.11.2025, 14–15.30h\n\n"
                   "* Herr Vogt fragt bei der Geschäftsstelle nach, ob die Frist verlängert wird.")
    assert parsed["format"] == "online"


def test_a_folder_of_a_meeting_tool_is_no_place() -> None:
    assert mode_of("Ronja: Literaturliste in den Teams-Ordner legen") is None


def test_the_place_in_brackets_beside_the_times_of_the_sentence_that_dates_the_meeting() -> None:
    parsed = parse("Hallo zusammen,\n\nvielen Dank für das gute Treffen der AG Transfer am Dienstag, 7. Oktober 2025 "
                   "(9.30 bis 12 Uhr, Agentur für Arbeit Kassel). Hier die Zusammenfassung.")
    assert (parsed["date"], parsed["start"], parsed["end"], parsed["location"], parsed["format"]) == (
        "2025-10-07", "09:30", "12:00", "Agentur für Arbeit Kassel", "in_person")


@pytest.mark.parametrize("mark", ["(per Video zugeschaltet)", "(online)", "– fernmündlich zugeschaltet",
                                  "(remote)"])
def test_one_person_joining_from_afar_makes_a_meeting_in_a_room_hybrid(mark: str) -> None:
    text = ("Protokoll AG Transfer\nDatum: 05.03.2025\nOrt: Geschäftsstelle, Raum 2\n\nAnwesend:\n"
            f"- Anna Berg (ZVB)\n- Bernd Vogt (ZVB)\n- Clara Lind {mark}\n\nTOP 1 Begrüßung\nFrau Berg begrüßt.\n")
    parsed = dict(parse_document(read_text_file(text.encode(), "protokoll.txt", "txt"), groups=groups()))
    assert parsed["format"] == "hybrid"


@pytest.mark.parametrize("lists", [
    "Anwesend (vor Ort): Anna Berg, Bernd Vogt\nAnwesend (online): Clara Lind",
    "Anwesend:\n- Anna Berg (ZVB)\n- Bernd Vogt (ZVB)\n\nOnline zugeschaltet:\n- Clara Lind"])
def test_a_list_of_those_present_from_afar_beside_those_in_the_room_is_hybrid(lists: str) -> None:
    text = (f"Protokoll AG Transfer\nDatum: 05.03.2025\nOrt: HWK Kassel\n\n{lists}\n\n"
            "TOP 1 Begrüßung\nFrau Berg begrüßt.\n")
    parsed = dict(parse_document(read_text_file(text.encode(), "protokoll.txt", "txt"), groups=groups()))
    assert parsed["format"] == "hybrid"


def test_everyone_online_stays_online_and_an_online_organisation_is_no_mark() -> None:
    text = ("Protokoll AG Transfer\nDatum: 05.03.2025\nOrt: Geschäftsstelle, Raum 2\n\nAnwesend:\n"
            "- Anna Berg (Online-Redaktion GmbH)\n- Bernd Vogt (ZVB)\n\nTOP 1 Begrüßung\nFrau Berg begrüßt.\n")
    parsed = dict(parse_document(read_text_file(text.encode(), "protokoll.txt", "txt"), groups=groups()))
    assert parsed["format"] == "in_person"


# --- group ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("title", "expected"), [
    ("Protokoll FG FKS Jour fixe", "Fachgruppe Fachkräftesicherung"),
    ("Telko KoTeam", "Koordinierungsteam"),
    ("Protokoll Ko-Team", "Koordinierungsteam"),
    ("Protokoll der Sitzung des StraKr", "Strategiekreis"),
    # the kind spelt out another way, the name joined to its kind or run into the meeting word, another spelling
    ("Protokoll der Arbeitsgemeinschaft Transfer", "AG Transfer"),
    ("Protokoll Weser-Ems-Netzwerk", "Regionales Netzwerk Weser-Ems"),
    ("Protokoll der Strategiekreissitzung", "Strategiekreis"),
    ("Ergebnisse Koordinationsteam", "Koordinierungsteam"),
    ("Regionaltreffen Weser-Ems", "Regionales Netzwerk Weser-Ems"),
    ("Protokoll RN Ober-Franken", "Regionales Netzwerk Oberfranken"),
    ("Ergebnisprotokoll RN Weser-Ems", "Regionales Netzwerk Weser-Ems"),
    ("Ergebnisprotokoll RN OFR", "Regionales Netzwerk Oberfranken"),
    ("Fachgruppe Handwerk/Protokolle/2025-06-30", "Fachgruppe Handwerk"),
    ("Wiki › Fachgruppe Gesunde Arbeit › Protokolle", "Fachgruppe Gesunde Arbeit"),
    ("Protokoll RN Ofr.", "Regionales Netzwerk Oberfranken"),
    ("AG Trans Jour fixe", "AG Transfer"),
    ("Fachgruppe Fachkräfte – Protokoll", "Fachgruppe Fachkräftesicherung"),
    ("RN Weser-Ems Frühjahrstreffen", "Regionales Netzwerk Weser-Ems"),
    ("Protokoll der AG Transfer-Sitzung", "AG Transfer"),
])
def test_group_from_short_forms_and_wiki_paths(title: str, expected: str) -> None:
    parsed = parse(f"{title}\nDatum: 14.01.2025")
    assert (parsed["group"], parsed["group_known"]) == (expected, True)


def test_a_group_named_by_the_words_only_it_has_and_a_two_letter_short_form_the_registry_lists() -> None:
    registry = Registry("group")
    registry.add("Netzwerk Fachkräftezentren Handwerk")
    registry.add("Fachgruppe Handwerk")
    registry.add("Strategiekreis", "SK")
    for title, expected in (("Protokoll Netzwerk der Fachkräftezentren", "Netzwerk Fachkräftezentren Handwerk"),
                            ("Fachkräftezentren-Netzwerk: Protokoll", "Netzwerk Fachkräftezentren Handwerk"),
                            ("Protokoll Sitzung SK", "Strategiekreis")):
        document = read_text_file((f"{title}\nDatum: 05.03.2025" + PEOPLE).encode(), "p.txt", "txt")
        assert parse_document(document, groups=registry)["group"] == expected


def test_a_new_group_whose_name_starts_like_a_known_one_stays_new() -> None:
    parsed = parse("Fachgruppe Fachkräfte Nord\nDatum: 14.01.2025")
    assert (parsed["group"], parsed["group_known"]) == ("Fachgruppe Fachkräfte Nord", False)


def test_a_body_named_without_its_topic_is_the_one_known_body_of_that_kind() -> None:
    registry = groups()
    registry.add("Steuerkreis Digitalisierung")
    document = read_text_file(("Protokoll Steuerkreis\nDatum: 14.01.2025" + PEOPLE).encode(), "x.txt", "txt")
    parsed = parse_document(document, groups=registry)
    assert (parsed["group"], parsed["group_known"]) == ("Steuerkreis Digitalisierung", True)


def test_group_from_the_file_name_when_the_text_names_none() -> None:
    parsed = parse("Ergebnisprotokoll\nDatum: 14.01.2025", source="2025-01-14_fg-handwerk.txt")
    assert parsed["group"] == "Fachgruppe Handwerk"


@pytest.mark.parametrize(("name", "expected"), [("Notiz_FG_HW_Betriebsbesuch.txt", "Fachgruppe Handwerk"),
                                                ("Teilnehmerliste_FG_GA_Barcamp.txt", "Fachgruppe Gesunde Arbeit"),
                                                ("Notiz_FG_Besuch_Kassel.txt", None)])
def test_a_short_form_in_the_file_name_before_a_word_about_the_meeting(name: str, expected: str | None) -> None:
    """'FG HW Betriebsbesuch': after a short form the next word is the meeting; 'FG' alone names no group."""
    assert parse("Notiz\nDatum: 14.01.2025", source=name)["group"] == expected


def test_an_unknown_group_keeps_no_stray_word() -> None:
    document = read_text_file(("Protokoll FG FKS Jour fixe\nDatum: 14.01.2025" + PEOPLE).encode(), "x.txt", "txt")
    assert parse_document(document)["group"] == "Fachgruppe FKS"


@pytest.mark.parametrize(("word", "name", "expected"), [
    ("FKS", "Fachkräftesicherung", True), ("KoTeam", "Koordinierungsteam", True),
    ("StraKr", "Strategiekreis", True), ("GA", "Gesunde Arbeit", True),
    ("RKW", "Regionales Netzwerk Weser-Ems", False), ("ZDH", "Fachkräftesicherung", False),
])
def test_what_abbreviates_a_name(word: str, name: str, expected: bool) -> None:
    assert abbreviates(word, name) is expected


# --- start and end --------------------------------------------------------------------------------


def regional_groups() -> Registry:
    registry = Registry("group")
    for name in ("Fachgruppe Handwerk", "Regionalnetzwerk Altmark", "Regionalnetzwerk Vorpommern",
                 "Netzwerk Bildungszentren Holz", "Fachgruppe Bildungsarbeit"):
        registry.add(name)
    return registry


@pytest.mark.parametrize("title", [
    "REGIONALNETZWERK ALTMARK",
    "Regionales Netzwerk Altmark – Frühjahrssitzung",
    "Netzwerktreffen Altmark",
    "Ergebnisse RN Altmark",
    "Regionalnetzwerk Altmark/Sitzung 2025-04",
])
def test_a_regional_network_named_in_one_word_is_found_however_its_kind_is_written(title: str) -> None:
    document = read_text_file((f"{title}\nDatum: 14.01.2025" + PEOPLE).encode(), "protokoll.txt", "txt")
    parsed = dict(parse_document(document, groups=regional_groups()))
    assert (parsed["group"], parsed["group_known"]) == ("Regionalnetzwerk Altmark", True)


@pytest.mark.parametrize(("head", "source"), [
    ("Ergebnisse Netzwerktreffen BIZ\nDatum: 14.01.2025", "protokoll.txt"),
    ("Ergebnisse der Sitzung\nDatum: 14.01.2025", "BIZ-Netzwerk_2025-01-14_Ergebnisse.txt"),
])
def test_a_capital_short_form_of_a_networks_first_word_names_it_where_the_kind_stands_too(head: str,
                                                                                        source: str) -> None:
    document = read_text_file((head + PEOPLE).encode(), source, "txt")
    parsed = dict(parse_document(document, groups=regional_groups()))
    assert parsed["group"] == "Netzwerk Bildungszentren Holz"


def test_the_sentence_that_dates_the_meeting_under_a_bare_title_names_its_group() -> None:
    head = ("Niederschrift\n\nüber die Zusammenkunft des Regionalen Netzwerks Vorpommern am Mittwoch, 12. März 2025, "
            "von 14 bis 16 Uhr im Kreishaus Greifswald, kleiner Saal.")
    document = read_text_file((head + PEOPLE).encode(), "niederschrift.txt", "txt")
    parsed = dict(parse_document(document, groups=regional_groups()))
    assert (parsed["group"], parsed["date"], parsed["start"], parsed["end"]) == (
        "Regionalnetzwerk Vorpommern", "2025-03-12", "14:00", "16:00")


def test_a_head_table_that_goes_on_as_the_list_of_people_gives_both() -> None:
    head = "<table>" + "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in (
        ("Besprechungstag:", "03.02.2025", ""), ("Zeit:", "09:30 – 11:00 h", ""), ("Ort:", "Kreishaus, Saal 1", ""),
        ("Einrichtung", "Name", "Status"), ("ZVB", "Berg, Anna", "anwesend"), ("ZVB", "Vogt, Bernd", "anwesend"),
        ("Stadtwerke", "Lenz, Dr. Clara", "entschuldigt"))) + "</table>"
    html = f"<html><body><h1>Protokoll AG Transfer</h1>{head}<h2>TOP 1 Begrüßung</h2><p>Frau Berg begrüßt.</p>"
    document = read_html(html.encode(), "protokoll.html")
    parsed = dict(parse_document(document, groups=groups()))
    assert (parsed["date"], parsed["start"], parsed["end"], parsed["location"]) == (
        "2025-02-03", "09:30", "11:00", "Kreishaus, Saal 1")
    assert [(p["name"], p["status"]) for p in parsed["participants"]] == [
        ("Anna Berg", "present"), ("Bernd Vogt", "present"), ("Clara Lenz", "excused")]


@pytest.mark.parametrize(("line", "expected"), [
    ("Zeit: 13.00 - 15.30 Uhr", ("13:00", "15:30")),
    ("Di, 14.01.2025, 10:00 bis 11:30 Uhr", ("10:00", "11:30")),
    ("Zeit: 8:30 - 9:00", ("08:30", "09:00")),
    ("Sitzung von 9 bis 12 Uhr", ("09:00", "12:00")),
    ("Zeit: 9–12 Uhr", ("09:00", "12:00")),
    ("Beginn: 14 Uhr / Ende: 15:30 Uhr", ("14:00", "15:30")),
    ("Sitzungsbeginn: 10:15 Uhr\nSitzungsende: 12:00 Uhr", ("10:15", "12:00")),
    ("Dauer 10:00–11:30", ("10:00", "11:30")),
    ("Uhrzeit: 10:00 (Ende ca. 12:00)", ("10:00", "12:00")),
    ("Zeit: 10:00 s.t. bis 12:00", ("10:00", "12:00")),
    ("Termin: Do., 16.01.25, 15–16:30 Uhr", ("15:00", "16:30")),
    ("Uhrzeit: 15:00 – ca. 16:30 Uhr", ("15:00", "16:30")),
    ("Sitzungsbeginn 10.15 Uhr, Sitzungsende 12.00 Uhr", ("10:15", "12:00")),
    ("Eröffnung der Sitzung: 10:00 Uhr\nSchließung der Sitzung: 12:10 Uhr", ("10:00", "12:10")),
    ("Zeit: 10 bis 12", ("10:00", "12:00")),
    ("Zeit: 1:30 PM - 3:00 PM", ("13:30", "15:00")),
    ("Ort: Fachkräftebüro Nord, Hafenstr. 12 · 9:30 – 11 Uhr", ("09:30", "11:00")),
    ("Sitzung: | 14.01.2025 | 14:00–15:30 | online (Teams)", ("14:00", "15:30")),
    ("Uhrzeit: 14:00h - 16:00h", ("14:00", "16:00")),
    ("Raum 3.12, IHK Kassel", (None, None)),
    ("Meetingstartzeit: 14.01.2025 14:00\nMeetingendzeit: 14.01.2025 15:05", ("14:00", "15:05")),
    # the academic quarter and times in words
    ("Zeit: 14 Uhr c.t. bis halb fünf", ("14:15", "16:30")),
    ("Telefonkonferenz, 9 Uhr s.t. bis ca. viertel nach zehn", ("09:00", "10:15")),
    ("Zeit: viertel nach neun bis dreiviertel zwölf", ("09:15", "11:45")),
    ("Zeit: halb zehn bis zwölf", ("09:30", "12:00")),
    ("Zeit: von zehn Uhr bis zwölf Uhr", ("10:00", "12:00")),
    # whole hours without 'Uhr' under a time label, or after the date under a date label
    ("Zeit: vormittags 10–12", ("10:00", "12:00")),
    ("Sitzung: Mi., 14.01.2025, 10-12", ("10:00", "12:00")),
    # a whole hour without 'Uhr' under an end label
    ("Beginn: 9:30 Uhr, Ende: gegen 11", ("09:30", "11:00")),
    ("Beginn: 16 Uhr\nSchluss: ca. 18", ("16:00", "18:00")),
])
def test_start_and_end_in_everyday_forms(line: str, expected: tuple[str | None, str | None]) -> None:
    parsed = parse(f"Protokoll AG Transfer\nDatum: 14.01.2025\n{line}")
    assert (parsed["start"], parsed["end"]) == expected


@pytest.mark.parametrize("line", ["Datum: 05/03/2025", "Datum: 05-03-2025", "Datum: 2025/03/05",
                                  "Datum: Mi., 5.3.25", "Datum: Mittwoch, den 5. März 2025", "Datum: 5. Mrz. 2025",
                                  "Treffen am 5. März '25", "Datum: 5. März ’25"])
def test_the_date_in_everyday_forms(line: str) -> None:
    assert parse(f"Protokoll AG Transfer\n{line}")["date"] == "2025-03-05"


def test_a_us_export_time_keeps_its_month_first_date() -> None:
    from etl.parse.dates import find_dates

    assert find_dates("Start time: 3/11/2025, 9:58:12 AM") == []  # the export's own reader knows its order
    assert [day.isoformat() for day, _, _ in find_dates("Termin: 11/03/2025")] == ["2025-03-11"]


@pytest.mark.parametrize("closing", [
    "Schluss der Sitzung 19.40 Uhr.",
    "Die Sitzung endete um 19:40 Uhr.",
    "Frau Berg dankt allen; wir haben gegen 19.40 Uhr geschlossen.",
    "Die Vorsitzende schließt die Sitzung um 19.40 Uhr.",
    "Um 19:40 Uhr schloss Frau Berg die Sitzung.",
    "Frau Berg dankt allen und beendet das Treffen um 19:40 Uhr.",
    "Ende des Treffens: 19:40 Uhr",
    "\nSitzungsende: 19:40",
    "\nSchluss 19.40 Uhr",
])
def test_the_end_named_in_the_running_text_when_the_head_gives_only_the_start(closing: str) -> None:
    text = (f"Protokoll AG Transfer\nDatum: 14.01.2025, 18 Uhr{PEOPLE}\nTOP 2 Verschiedenes\n"
            f"Keine Wortmeldungen. {closing}\n")
    parsed = dict(parse_document(read_text_file(text.encode(), "protokoll.txt", "txt"), groups=groups()))
    assert (parsed["start"], parsed["end"]) == ("18:00", "19:40")


def test_a_closing_line_that_is_a_deadline_gives_no_end() -> None:
    text = (f"Protokoll AG Transfer\nDatum: 14.01.2025, 18 Uhr{PEOPLE}\nTOP 2 Umfrage\nDie Umfrage läuft.\n"
            "Ende: 15.03.\n")
    parsed = dict(parse_document(read_text_file(text.encode(), "protokoll.txt", "txt"), groups=groups()))
    assert (parsed["start"], parsed["end"]) == ("18:00", None)


def test_a_meeting_tools_list_with_join_and_leave_times_is_an_online_meeting() -> None:
    rows = (("Teilnehmer", "Beitrittszeit", "Verlassenszeit"), ("Anna Berg", "14.01.2025 09:58", "14.01.2025 11:02"),
            ("Bernd Vogt", "14.01.2025 10:01", "14.01.2025 11:00"))
    blocks = [Block("paragraph", "Meetingname: AG Transfer", 1),
              Block("paragraph", "Meetingstartzeit: 14.01.2025 10:00", 2),
              Block("paragraph", "Meetingendzeit: 14.01.2025 11:05", 3),
              Block("table", "\n".join(" | ".join(r) for r in rows), 5, rows=rows, header_rows=1)]
    document = Document("liste.csv", blocks, format="csv", kind="attendance_list")
    parsed = dict(parse_document(document, groups=groups()))
    assert (parsed["date"], parsed["start"], parsed["end"], parsed["format"]) == (
        "2025-01-14", "10:00", "11:05", "online")


def test_label_and_value_side_by_side_in_a_sheets_head_row() -> None:
    head = (("Netzwerktreffen AG Transfer", "", "23.09.2025", "Kassel, Saal Fulda"),
            ("Beginn", "10:00", "Ende", "15:00"))
    rows = (("Einrichtung", "Name", "anwesend?"), ("ZVB", "Anna Berg", "ja"), ("ZVB", "Bernd Vogt", "ja"))
    blocks = [Block("table", "\n".join(" | ".join(r) for r in head), 1, rows=head),
              Block("table", "\n".join(" | ".join(r) for r in rows), 4, rows=rows, header_rows=1)]
    document = Document("liste.xlsx", blocks, format="xlsx", kind="attendance_list")
    parsed = dict(parse_document(document, groups=groups()))
    assert (parsed["date"], parsed["start"], parsed["end"]) == ("2025-09-23", "10:00", "15:00")


def test_a_meeting_rooms_log_opened_and_closed_gives_start_and_end() -> None:
    rows = (("Nutzer", "Online-Zeit", "Beitritt", "Verlassen"), ("Anna Berg", "01:32:40", "09:00:05", "10:32:45"),
            ("Bernd Vogt", "01:30:00", "09:02:00", "10:32:00"))
    blocks = [Block("paragraph", "Raum: AG Transfer – Online-Austausch", 1),
              Block("paragraph", "Erstellt: 21.1.2025 09:00:05", 2),
              Block("paragraph", "Beendet: 21.1.2025 10:32:48", 3),
              Block("table", "\n".join(" | ".join(r) for r in rows), 5, rows=rows, header_rows=1)]
    document = Document("dashboard_2025-01-21.csv", blocks, format="csv", kind="attendance_list")
    parsed = dict(parse_document(document, groups=groups()))
    assert (parsed["date"], parsed["start"], parsed["end"], parsed["format"]) == (
        "2025-01-21", "09:00", "10:32", "online")


# --- e-mails: the forwarded or quoted protocol is the document -----------------------------------


def parse_mail(tmp_path: Path, text: str, *, encoding: str = "utf-8") -> dict[str, Any]:
    path = tmp_path / "mail.eml"
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return dict(parse_file(path, "mail.eml", groups=groups()))


def test_an_outlook_forward_gives_group_and_mode_from_the_forwarded_subject(tmp_path: Path) -> None:
    parsed = parse_mail(tmp_path, (
        "From: Clara Huber <huber@example.org>\nTo: verteiler@example.org\nSubject: WG: Ergebnisse\n"
        "Date: Mon, 20 Jan 2025 09:12:00 +0100\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=windows-1252\nContent-Transfer-Encoding: quoted-printable\n\n"
        "Zur Kenntnis.\n\n-----Urspr=FCngliche Nachricht-----\nVon: Anna Berg <berg@example.org>=20\n"
        "Gesendet: Freitag, 17. Januar 2025 15:02\nAn: Clara Huber <huber@example.org>\nBetreff: Telko KoTeam\n\n"
        "Telko am 14.01.2025, 8:30 - 9:00\n\nTeilnehmende: Anna Berg (ZVB), Bernd Vogt (ZVB)\n\n"
        "1. F=F6rderaufruf\nWir reichen ein.\n"))
    assert (parsed["group"], parsed["date"], parsed["start"], parsed["end"], parsed["format"]) == (
        "Koordinierungsteam", "2025-01-14", "08:30", "09:00", "online")


def test_an_html_only_mail_in_windows_1252_base64_is_read_and_its_cover_line_is_no_title(tmp_path: Path) -> None:
    html = ("<html><body><p>Liebe Kolleginnen,</p><p>anbei das Protokoll.</p><h2>Protokoll Strategiekreis</h2>"
            "<p>Datum: 03.02.2025<br>Zeit: 9.00 – 12.00 Uhr<br>Ort: Videokonferenz (Webex)</p>"
            "<p><b>Teilnehmende:</b></p><ul><li>Anna Berg (ZVB)</li><li>Bernd Vogt (ZVB)</li></ul>"
            "<h3>TOP 1 Strategie</h3><p>Der Strategiekreis beschließt einstimmig die Planung.</p></body></html>")
    body = base64.encodebytes(html.encode("windows-1252")).decode()
    parsed = parse_mail(tmp_path, (
        "From: Anna Berg <berg@example.org>\nTo: x@example.org\nSubject: Protokoll\n"
        "Date: Mon, 10 Feb 2025 09:00:00 +0100\nMIME-Version: 1.0\n"
        "Content-Type: text/html; charset=windows-1252\nContent-Transfer-Encoding: base64\n\n" + body))
    assert (parsed["title"], parsed["group"], parsed["date"], parsed["start"], parsed["end"], parsed["format"]) == (
        "Protokoll Strategiekreis", "Strategiekreis", "2025-02-03", "09:00", "12:00", "online")
    assert [p["name"] for p in parsed["participants"]] == ["Anna Berg", "Bernd Vogt"]


def test_an_attendance_reply_is_dated_by_the_meeting_its_subject_names(tmp_path: Path) -> None:
    parsed = parse_mail(tmp_path, (
        "From: Bernd Vogt <vogt@example.org>\nTo: Anna Berg <berg@example.org>\n"
        "Subject: AW: Einladung Fachgruppe Handwerk am 14.01.2025\nDate: Wed, 08 Jan 2025 11:00:00 +0100\n"
        "Content-Type: text/plain; charset=utf-8\n\nHallo Anna,\n\nich bin dabei.\n\nGruß Bernd\n"))
    assert (parsed["group"], parsed["date"]) == ("Fachgruppe Handwerk", "2025-01-14")
    assert [(p["name"], p["status"]) for p in parsed["participants"]] == [("Bernd Vogt", "present")]
    assert "Datum aus dem Betreff der E-Mail übernommen – bitte prüfen" in parsed["warnings"]


def test_a_reply_quoting_the_protocol_is_read_as_the_protocol_with_the_senders_correction(tmp_path: Path) -> None:
    parsed = parse_mail(tmp_path, (
        "From: Bernd Vogt <vogt@example.org>\nTo: Anna Berg <berg@example.org>\nSubject: AW: Protokoll AG Transfer\n"
        "Date: Wed, 22 Jan 2025 11:00:00 +0100\nContent-Type: text/plain; charset=utf-8\n\n"
        "Hallo Anna,\neine Korrektur: ich war entschuldigt, nicht anwesend.\nGruß Bernd\n\n"
        "Am 21.01.2025 um 16:00 schrieb Anna Berg <berg@example.org>:\n> Protokoll AG Transfer\n"
        "> Datum: 15.01.2025, 14-16 Uhr, Raum 2.14\n>\n"
        "> Anwesend: Anna Berg (ZVB), Bernd Vogt (ZVB), Clara Huber (ZVB)\n>\n"
        "> TOP 1 Bericht\n> Frau Berg berichtet.\n"))
    assert (parsed["group"], parsed["date"], parsed["start"], parsed["end"], parsed["format"]) == (
        "AG Transfer", "2025-01-15", "14:00", "16:00", "in_person")
    assert [(p["name"], p["status"]) for p in parsed["participants"]] == [
        ("Anna Berg", "present"), ("Bernd Vogt", "excused"), ("Clara Huber", "present")]


@pytest.mark.parametrize(("line", "place"), [
    ("Sitzung am Montag, 29. September 2025 | 09:30 bis 11:15 Uhr | RKW Kompetenzzentrum, Eschborn",
     "RKW Kompetenzzentrum, Eschborn"),
    ("am 29.09.2025, 9.30 bis 11.15 Uhr, Werkraum Nord e. V., Bremen", "Werkraum Nord e. V., Bremen"),
    ("Sitzung vom 29.09.2025, 09.30-11.15 Uhr, Bundesanstalt für Bauwesen, Kassel, Am Weinberg 1-25",
     "Bundesanstalt für Bauwesen, Kassel, Am Weinberg 1-25"),
])
def test_the_place_named_last_in_a_meeting_line_is_a_place(line: str, place: str) -> None:
    parsed = parse(f"Protokoll AG Transfer\n{line}")
    assert (parsed["location"], parsed["format"], parsed["start"], parsed["end"]) == (
        place, "in_person", "09:30", "11:15")


def test_a_mode_in_parentheses_after_the_time_is_the_place_not_the_title() -> None:
    parsed = parse("Koordinierungsteam\nErgebnisprotokoll der Videokonferenz vom 04.02.2025, 9:00 bis 10:30 Uhr "
                   "(Webex)")
    assert (parsed["location"], parsed["format"], parsed["start"]) == ("Webex", "online", "09:00")


def test_a_long_covering_letter_above_a_forwarded_protocol_does_not_hide_it(tmp_path: Path) -> None:
    letter = "\n".join(f"Hinweis {n}: bitte die Beiträge für den Jahresbericht bis Ende Februar schicken."
                       for n in range(8))
    parsed = parse_mail(tmp_path, (
        "From: Clara Huber <huber@example.org>\nTo: verteiler@example.org\nSubject: WG: Protokoll\n"
        "Date: Mon, 20 Jan 2025 09:12:00 +0100\nContent-Type: text/plain; charset=utf-8\n\n"
        f"Hallo zusammen,\n\n{letter}\n\nViele Grüße\nClara\n\n-------- Weitergeleitete Nachricht --------\n"
        "Betreff: Protokoll FG Handwerk\nDatum: Fri, 17 Jan 2025 15:02:00 +0100\nVon: Anna Berg <berg@example.org>\n\n"
        "Protokoll der Sitzung der Fachgruppe Handwerk\nDatum: 14.01.2025\nZeit: 10:00 bis 11:30 Uhr\n"
        "Ort: Telefonkonferenz\n\nAnwesend:\n- Anna Berg (ZVB)\n- Bernd Vogt (ZVB)\n\nTOP 1 Förderaufruf\n"
        "Beschluss: Die Fachgruppe reicht eine Skizze ein.\n"))
    assert (parsed["group"], parsed["date"], parsed["start"], parsed["end"], parsed["format"]) == (
        "Fachgruppe Handwerk", "2025-01-14", "10:00", "11:30", "online")
    assert [p["name"] for p in parsed["participants"]] == ["Anna Berg", "Bernd Vogt"]


@pytest.mark.parametrize(("words", "day"), [("gestern", "2025-01-14"), ("am Montag", "2025-01-13"),
                                            ("heute Vormittag", "2025-01-15")])
def test_a_narrative_mail_is_dated_by_its_words_and_its_sending_day(tmp_path: Path, words: str, day: str) -> None:
    parsed = parse_mail(tmp_path, (
        "From: Anna Berg <berg@example.org>\nTo: fg@example.org\nSubject: Kurzbericht Fachgruppe Handwerk\n"
        "Date: Wed, 15 Jan 2025 08:30:00 +0100\nContent-Type: text/plain; charset=utf-8\n\n"
        f"Liebe Kolleginnen und Kollegen,\n\n{words} haben wir uns von 10 bis 12 Uhr in der Geschäftsstelle "
        "getroffen. Dabei waren Bernd Vogt (ZVB) und Clara Huber (ZVB).\n\nViele Grüße\nAnna Berg\n"))
    assert (parsed["group"], parsed["date"], parsed["start"], parsed["end"], parsed["format"]) == (
        "Fachgruppe Handwerk", day, "10:00", "12:00", "in_person")


# --- round 6: the tools, rooms, stamps and spellings outsiders write ---------------------------------------


@pytest.mark.parametrize(("place", "expected"), [
    ("alfaview", "online"), ("GoTo Meeting", "online"), ("DFNconf", "online"), ("OpenTalk", "online"),
    ("Nextcloud Talk", "online"), ("Chatverlauf DFNconf", "online"),
    # a tool's own room, and whose licence it runs on, is no room of a building
    ("BigBlueButton (Raum des KDH)", "online"), ("BigBlueButton-Raum der HWK", "online"),
    ("Webex (Lizenz der Handwerkskammer)", "online"), ("Zoom (über die Geschäftsstelle)", "online"),
    ("Seminarraum 2, HWK Stade + alfaview", "hybrid"), ("Raum 2.14 und GoTo Meeting", "hybrid"),
])
def test_format_from_a_place_that_names_a_meeting_tool(place: str, expected: str) -> None:
    assert classify_format(place, None) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Frau Vogt war per Video zugeschaltet.", "hybrid"),
    ("Herr Kühn nahm telefonisch teil.", "hybrid"),
    ("Zwei Mitglieder waren online dabei.", "hybrid"),
    ("Künftig soll eine Zuschaltung per Video möglich sein.", "in_person"),  # a plan, not this meeting
])
def test_a_sentence_saying_someone_joined_from_afar_makes_a_meeting_in_a_room_hybrid(sentence: str,
                                                                                    expected: str) -> None:
    parsed = parse(f"Protokoll AG Transfer\nDatum: 05.03.2025\nOrt: HWK Kassel, Saal 2\n\n{sentence}")
    assert parsed["format"] == expected


def test_a_tool_export_whose_room_column_names_the_virtual_room_is_online() -> None:
    rows = (("Raum", "Vorname", "Nachname", "Betreten", "Verlassen"),
            ("AG Transfer", "Anna", "Berg", "14.01.2025 09:58", "14.01.2025 11:02"),
            ("AG Transfer", "Bernd", "Vogt", "14.01.2025 10:01", "14.01.2025 11:00"))
    blocks = [Block("table", "\n".join(" | ".join(r) for r in rows), 1, rows=rows, header_rows=1)]
    parsed = dict(parse_document(Document("alfaview_2025-01-14.csv", blocks, format="csv", kind="attendance_list"),
                                 groups=groups()))
    assert (parsed["group"], parsed["date"], parsed["format"]) == ("AG Transfer", "2025-01-14", "online")


@pytest.mark.parametrize(("head", "expected"), [
    ("Beginn: 14 Uhr c.t.\nEnde: 16 Uhr", ("14:15", "16:00")),
    ("Beginn: 9 Uhr\nEnde: halb zwölf", ("09:00", "11:30")),
    # a print, version or note-page stamp is when the document was made, not when the meeting ran
    ("Gedruckt am 06.03.2025 14:12", (None, None)),
    ("Stand: 14:22 Uhr", (None, None)),
    ("Mittwoch, 5. März 2025 09:58\nMi., 5.3.2025 | 10:00-11:30h | Teams", ("10:00", "11:30")),
])
def test_times_under_labels_in_words_and_beside_document_stamps(head: str, expected: tuple[str | None, str | None]
                                                               ) -> None:
    parsed = parse(f"Protokoll AG Transfer\nDatum: 05.03.2025\n{head}")
    assert (parsed["start"], parsed["end"]) == expected


@pytest.mark.parametrize(("title", "expected"), [
    # typos and inflections of a known name
    ("Protokoll Fachgrupe Handwerk", "Fachgruppe Handwerk"),
    ("Protokoll Koordinierunsteam", "Koordinierungsteam"),
    ("Protokoll Strategiekries", "Strategiekreis"),
    ("Sitzung des Regionalen Netzwerks Weser-Ems", "Regionales Netzwerk Weser-Ems"),
    # the meeting word run into the kind with its linking letter, hyphens for spaces
    ("Fachgruppensitzung Handwerk", "Fachgruppe Handwerk"),
    ("Koordinierungsteam-Jour-fixe", "Koordinierungsteam"),
])
def test_group_written_with_a_typo_an_inflection_or_in_a_compound(title: str, expected: str) -> None:
    parsed = parse(f"{title}\nDatum: 14.01.2025")
    assert (parsed["group"], parsed["group_known"]) == (expected, True)


@pytest.mark.parametrize("title", ["Protokoll Fachgruppe Gesunde Arbiet", "Protokoll Fachgruppe Handwerg"])
def test_a_typo_in_a_groups_own_words_is_left_to_pruefen(title: str) -> None:
    """One letter of a name's own words may name another group ('Netzwerk Ost' / 'Netzwerk West'): a person decides."""
    assert parse(f"{title}\nDatum: 14.01.2025")["group_known"] is False


def test_a_name_two_edits_from_two_groups_names_neither() -> None:
    parsed = parse("Protokoll Regionales Netzwerk Oberwald\nDatum: 14.01.2025")
    assert parsed["group_known"] is False


def test_a_versioned_file_name_gives_no_meeting_date() -> None:
    from etl.parse.header import file_name_date

    assert file_name_date("Protokoll_Stand_2025-03-01.docx") is None
    assert file_name_date("Teilnehmer_gedruckt_20250301.pdf") is None
    assert file_name_date("Protokoll_AG_2025-03-01.docx") is not None


@pytest.mark.parametrize(("head", "expected"), [
    ("Protokoll vom 16.01.2025 der Sitzung der AG Transfer am 14.01.2025", ("2025-01-14", None, None)),
    ("Niederschrift vom 20.01.2025 über das Treffen der AG Transfer vom Dienstag, 14. Januar 2025, 10–12 Uhr",
     ("2025-01-14", "10:00", "12:00")),
    # a fax line on top: its day and time are the transmission's
    ("06.02.2025 16:41 FAX 0261 12345 MWVLW S. 01\nErgebnisvermerk AG Transfer\nBesprechung am 14.01.2025 von 10:30 "
     "bis 12:00 Uhr", ("2025-01-14", "10:30", "12:00")),
])
def test_the_meetings_date_beside_the_minutes_own_date_and_a_fax_line(head: str,
                                                                      expected: tuple[str, str | None, str | None]
                                                                      ) -> None:
    parsed = parse(head)
    assert (parsed["date"], parsed["start"], parsed["end"]) == expected


@pytest.mark.parametrize(("head", "expected"), [
    ("Telefonat AG Transfer 14.01.2025", "online"),
    ("AG Transfer Videocall 14.01.2025", "online"),
    ("AG Transfer Webmeeting 14.01.2025", "online"),
    ("AG Transfer Telco 14.01.2025", "online"),
    # a place that is only a link into a meeting tool
    ("Protokoll AG Transfer\nDatum: 14.01.2025\nOrt: https://meet.jit.si/ag-transfer", "online"),
    ("Protokoll AG Transfer\nDatum: 14.01.2025\nOrt: https://bbb.hwk-kassel.de/b/ag-transfer", "online"),
    ("Protokoll AG Transfer\nDatum: 14.01.2025\nOrt: Innung SHK, Besprechungsraum\nEinwahllink: https://zoom.us/j/1",
     "hybrid"),
])
def test_format_from_a_call_named_in_the_title_or_a_meeting_link(head: str, expected: str) -> None:
    assert parse(head)["format"] == expected


def test_two_capitals_of_an_organisation_in_a_guest_line_name_no_group() -> None:
    parsed = parse("Protokoll Vorstandssitzung Bäcker-Innung\nDatum: 14.01.2025\nGäste: Herr Weyrauch (GA Celle)")
    assert parsed["group"] is None


@pytest.mark.parametrize("mail_head", [
    "Von: Anna Berg <berg@example.org>\nDatum: Fr., 17. Jan. 2025 um 15:02 Uhr\nBetreff: Protokoll AG Transfer",
    "-----Ursprüngliche Nachricht-----\nVon: Anna Berg\nGesendet: Freitag, 17. Januar 2025 15:02\nAn: Verteiler\n"
    "Betreff: Protokoll AG Transfer",
])
def test_a_mail_header_pasted_above_the_minutes_dates_the_mail_not_the_meeting(mail_head: str) -> None:
    parsed = parse(f"{mail_head}\n\nProtokoll AG Transfer\nSitzung am 14.01.2025")
    assert (parsed["date"], parsed["start"], parsed["end"]) == ("2025-01-14", None, None)


@pytest.mark.parametrize(("source", "expected"), [
    ("protokolle/AG_Transfer/2025/2025-01-14.txt", "AG Transfer"),
    ("protokolle/FG FKS/Sitzungen/2025-01-14.txt", "Fachgruppe Fachkräftesicherung"),
    ("protokolle/2025/2025-01-14.txt", None),
])
def test_a_folder_above_the_file_names_the_group_when_the_text_names_none(source: str, expected: str | None) -> None:
    assert parse("Protokoll\nDatum: 14.01.2025", source)["group"] == expected


@pytest.mark.parametrize(("stamp", "expected"), [
    ("Dienstag, 14. Januar 2025\n09:47", (None, None)),  # a note page's own stamp under its title
    ("Dienstag, 14. Januar 2025 09:47", (None, None)),
    ("Dienstag, 14. Januar 2025\n10:00 Uhr", ("10:00", None)),  # a meeting's time on the quarter hour stays
])
def test_a_note_pages_time_stamp_is_no_start(stamp: str, expected: tuple[str | None, str | None]) -> None:
    parsed = parse(f"AG Transfer 14.01.\n{stamp}")
    assert (parsed["date"], parsed["start"], parsed["end"]) == ("2025-01-14", *expected)


# --- round 7: standing bodies, dates a mail or a letter gives, the mode a title or a reply tells -------------------


def bodies() -> Registry:
    registry = Registry("group")
    for name in ("Beirat Berufsorientierung Saar", "Projektteam Gute Lehre", "Arbeitskreis Junge Meister",
                 "Arbeitskreis Inklusion", "Fachgruppe Bau"):
        registry.add(name)
    return registry


def parse_bodies(head: str, source: str = "notiz.txt") -> dict[str, Any]:
    document = read_text_file((head + PEOPLE).encode(), source, "txt")
    return dict(parse_document(document, groups=bodies()))


@pytest.mark.parametrize(("head", "source", "expected"), [
    # the kind of a body the network has only one of, inflected or run into the meeting word
    ("Niederschrift über die Sitzung des Beirats\nDatum: 04.03.2025", "notiz.txt", "Beirat Berufsorientierung Saar"),
    ("Beiratssitzung am 04.03.2025", "notiz.txt", "Beirat Berufsorientierung Saar"),
    # the body's own words without its kind
    ("Gute Lehre – Ergebnisse Teamtreffen 04.03.2025", "notiz.txt", "Projektteam Gute Lehre"),
    # a kind's short form with the group's own words in full, though a capitalised word follows
    ("AK Junge Meister Frühjahr\nDatum: 04.03.2025", "notiz.txt", "Arbeitskreis Junge Meister"),
    # only the file name names the body
    ("Teilnehmende\nDatum: 04.03.2025", "Export_Beirat_04032025.txt", "Beirat Berufsorientierung Saar"),
])
def test_a_standing_body_named_by_its_kind_its_own_words_or_a_short_form(head: str, source: str,
                                                                        expected: str) -> None:
    parsed = parse_bodies(head, source)
    assert (parsed["group"], parsed["group_known"]) == (expected, True)


@pytest.mark.parametrize("head", ["Protokoll Beirat Digitalisierung\nDatum: 04.03.2025",
                                  "Arbeitskreis-Sitzung\nDatum: 04.03.2025",
                                  "Mitgliederversammlung des Fördervereins Gute Lehre e.V.\nDatum: 04.03.2025",
                                  "Vorstand Zentrum Gute Lehre\nDatum: 04.03.2025"])
def test_another_body_of_a_known_kind_or_a_kind_groups_share_names_no_known_group(head: str) -> None:
    """'Beirat Digitalisierung' is another Beirat; 'Arbeitskreis' alone fits two known groups; a club or a house
    whose name ends in a body's own words is not that body."""
    parsed = parse_bodies(head)
    assert parsed["group"] not in ("Beirat Berufsorientierung Saar", "Arbeitskreis Junge Meister",
                                   "Arbeitskreis Inklusion", "Projektteam Gute Lehre")


@pytest.mark.parametrize(("head", "expected"), [
    # the title names a call; a room in an item below is where something else happens
    ("Telefonkonferenz Vorstand, 22.05.2025, 18:30-19:15\n\n- Sommerfest: 12.7. im Gasthof Post, so festgelegt",
     "online"),
    ("Zusammenfassung der Besprechung (von Copilot erstellt)\nDatum: 22.05.2025", "online"),
    # the room told in a sentence, one person joining by video in another
    ("Gedächtnisnotiz Treffen am 22.05.2025\n\nWir waren diesmal in der Elektro-Innung in Hof. Herr Vogt war per "
     "Video zugeschaltet.", "hybrid"),
])
def test_the_mode_a_title_or_the_running_text_tells(head: str, expected: str) -> None:
    assert parse(head)["format"] == expected


def test_the_bracket_after_the_date_gives_mode_and_times() -> None:
    parsed = parse("Maßnahmenliste Projektteam\nSitzung vom 10.12.2024 (online, Zoom, 10:00–11:00) – entschuldigt: "
                   "Frau Kranz")
    assert (parsed["format"], parsed["start"], parsed["end"], parsed["location"]) == ("online", "10:00", "11:00",
                                                                                      "online")


def test_times_in_a_format_line() -> None:
    parsed = parse("Jour fixe AG Transfer\nDatum: 05.03.2025\nFormat: per Webex, 9:30 – 11:00")
    assert (parsed["format"], parsed["start"], parsed["end"]) == ("online", "09:30", "11:00")


def test_a_letters_place_and_date_line_dates_the_writing_not_the_meeting() -> None:
    parsed = parse("Stadtverwaltung Musterhausen\n                    Hof, den 09.11.2024\n\nAktenvermerk\n"
                   "über die Besprechung der AG Transfer am Freitag, 08.11.2024, Rathaus, Zimmer 12")
    assert parsed["date"] == "2024-11-08"


def test_an_attendance_sheets_head_past_its_place_line() -> None:
    text = ("Anwesenheitsliste\nArbeitskreis Inklusion\nTreffen am 11.03.2025, 9:00 - 12:30 Uhr\nOrt: Rathaus Hof, "
            "Raum 2\n\n| Name | Organisation | Unterschrift |\n|---|---|---|\n| Anna Berg | ZVB | x |\n"
            "| Bernd Vogt | ZVB | x |\n")
    parsed = dict(parse_document(read_text_file(text.encode(), "scan.md", "md"), groups=bodies()))
    assert (parsed["date"], parsed["start"], parsed["end"], parsed["group"]) == (
        "2025-03-11", "09:00", "12:30", "Arbeitskreis Inklusion")


@pytest.mark.parametrize(("subject", "sent", "day"), [
    # minutes sent the same day; the date in the text is a later event
    ("Telko AG Transfer 03.02.", "Mon, 03 Feb 2025 16:10:00 +0100", "2025-02-03"),
    # a subject's day without a year, sent in the next January
    ("Kurzprotokoll AG Transfer vom 18.12.", "Tue, 07 Jan 2025 09:00:00 +0100", "2024-12-18"),
])
def test_a_mail_is_dated_by_its_subject_and_sending_day_not_by_a_later_event(tmp_path: Path, subject: str,
                                                                           sent: str, day: str) -> None:
    parsed = parse_mail(tmp_path, (
        f"From: Anna Berg <berg@example.org>\nTo: ag@example.org\nSubject: {subject}\nDate: {sent}\n"
        "Content-Type: text/plain; charset=utf-8\n\nHallo zusammen,\n\nkurz die Ergebnisse:\n"
        "Anwesend: Anna Berg (ZVB), Bernd Vogt (ZVB)\n"
        "1) Messe: Termin 20.05.2025 steht, so beschlossen.\n2) Flyer: Bernd kümmert sich bis 28.2.\n\nAnna\n"))
    assert parsed["date"] == day


def test_a_reply_telling_the_sender_joined_by_phone_makes_the_meeting_hybrid(tmp_path: Path) -> None:
    parsed = parse_mail(tmp_path, (
        "From: Clara Huber <huber@example.org>\nTo: Anna Berg <berg@example.org>\n"
        "Subject: AW: Protokoll AG Transfer vom 14.01.\nDate: Thu, 16 Jan 2025 08:00:00 +0100\n"
        "Content-Type: text/plain; charset=utf-8\n\nHallo Anna,\n\ndanke! Eine Ergänzung: ich war nicht "
        "entschuldigt, sondern ab 11 Uhr per Telefon dazugeschaltet.\n\nGruß\nClara\n\n"
        "Am 15.01.2025 um 17:00 schrieb Anna Berg:\n> Protokoll AG Transfer\n"
        "> 14.01.2025, 10:00 - 12:00 Uhr, Rathaus Hof, Raum 2\n>\n> Anwesend: Anna Berg (ZVB), Bernd Vogt (ZVB)\n"
        "> Entschuldigt: Clara Huber (ZVB)\n>\n> TOP 1 Messe\n> Die AG beschließt, den Stand zu buchen.\n"))
    assert (parsed["date"], parsed["format"]) == ("2025-01-14", "hybrid")
