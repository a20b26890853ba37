"""Participants as outsiders write them: labelled lists that run on over indented lines, columns with the
surname first, surnames alone with a title or an organisation, several fields on one line, statuses from
labels and reasons (all names fictional; each test is a kind of writing, not one file)."""

from __future__ import annotations

from typing import Any

import pytest

from etl.core.registry import Registry
from tests.test_protocol_meaning import parse_blocks, table
from tests.test_protocol_parse import parse, parse_protocol


def who(parsed: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(p["name"], p["organisation_raw"], p["status"]) for p in parsed["participants"]]


def text_file(body: str) -> dict[str, Any]:
    """A plain text protocol (the text reader folds runs of spaces, as it does for every .txt)."""
    head = ["Protokoll Arbeitskreis Prävention", "Datum: 12.03.2025, 10:00 - 12:00 Uhr", ""]
    return parse_protocol(head + body.strip("\n").split("\n"), "test.txt")


def test_a_labelled_list_of_surnames_with_titles_runs_on_over_an_indented_line() -> None:
    parsed = text_file("""
Anwesende:   Jablonski (GS), Brenner (GS), Dr. Albrecht (BAuA),
             Dr. Brückner (ZDH), Prof. Zeller (INQA)
Entschuldigt: Frau Kaya (IGB)
Protokoll: K. Ebeling

TOP 1 Begrüßung
Herr Brenner begrüßt die Runde.
""")
    assert who(parsed) == [("Jablonski", "GS", "present"), ("Brenner", "GS", "present"),
                           ("Albrecht", "BAuA", "present"), ("Brückner", "ZDH", "present"),
                           ("Zeller", "INQA", "present"), ("Kaya", "IGB", "excused"),
                           ("K. Ebeling", None, "present")]


def test_one_person_a_line_surname_first_then_the_organisation() -> None:
    parsed = text_file("""
Teilnehmer:
von der Heyde, Prof. Dr.-Ing. Hans-Jürgen   IfAM
Dr. Brückner, Stefan   ZDH
Holzapfel, Rainer, Dipl.-Ing.   FHK Mitte
Schulte-Wienholt, Katharina   IfAM
Nguyen, Thi Huong\tBAuA
Kowalczyk, Paweł      Handwerkskammer Hannover

TOP 1 Bericht
Es wurde berichtet.
""")
    assert who(parsed) == [("Hans-Jürgen von der Heyde", "IfAM", "present"), ("Stefan Brückner", "ZDH", "present"),
                           ("Rainer Holzapfel", "FHK Mitte", "present"),
                           ("Katharina Schulte-Wienholt", "IfAM", "present"), ("Thi Huong Nguyen", "BAuA", "present"),
                           ("Paweł Kowalczyk", "Handwerkskammer Hannover", "present")]
    assert [p["title"] for p in parsed["participants"]][:3] == ["Prof. Dr.-Ing.", "Dr.", "Dipl.-Ing."]


def test_several_fields_on_one_line_give_the_people_after_wer() -> None:
    parsed = parse("""
        **Wann:** 14.05.2025, 09:00–10:30 · **Wo:** Teams · **Wer:** Anna Berg (ZDH), Tobias Kranz (itb), Selin Öztürk

        ## TOP 1 Stand
        Kurzer Bericht.
        """, head=False)
    assert who(parsed) == [("Anna Berg", "ZDH", "present"), ("Tobias Kranz", "itb", "present"),
                           ("Selin Öztürk", None, "present")]
    assert (parsed["date"], parsed["start"], parsed["location"]) == ("2025-05-14", "09:00", "Teams")


def test_wer_in_a_task_is_its_owner_not_a_participant() -> None:
    parsed = parse("""
        Teilnehmende: Anna Berg (ZDH)

        ## Aufgaben
        Wer: Anna Berg
        """)
    assert who(parsed) == [("Anna Berg", "ZDH", "present")]


def test_a_first_name_and_its_surname_on_two_lines_stay_one_person() -> None:
    parsed = text_file("""
Teilnehmende: Herr Dr. Michael Winter (LIV Nord) und Herr Kai-Uwe
Krüger (PSG).
""")
    assert who(parsed) == [("Michael Winter", "LIV Nord", "present"), ("Kai-Uwe Krüger", "PSG", "present")]


def network() -> Registry:
    registry = Registry("organisation")
    registry.add("Handwerkskammer Mittelrhein", "HWK Mittelrhein")
    registry.add("Industrie- und Handelskammer Köln", "IHK Köln")
    registry.add("Landesverband Südwest", "LV Südwest")
    registry.add("Kreishandwerkerschaft Rhein-Lahn")
    registry.add("Öztürk & Lange")
    registry.add("Stiftung Arbeit und Gesundheit")
    return registry


@pytest.mark.parametrize(("written", "known"), [
    ("HWK Mittelrhein-Lahn", "Handwerkskammer Mittelrhein"), ("IHK Köln", "Industrie- und Handelskammer Köln"),
    ("Industrie und Handelskammer Köln", "Industrie- und Handelskammer Köln"), ("LV SW", "Landesverband Südwest"),
    ("KH Rhein-Lahn", "Kreishandwerkerschaft Rhein-Lahn"), ("Öztürk & Lange Unternehmensberatung", "Öztürk & Lange"),
    ("Öztürk und Lange GmbH", "Öztürk & Lange"), ("Stiftung Arbeit", "Stiftung Arbeit und Gesundheit"),
])
def test_an_organisation_is_the_known_one_however_it_is_spelt(written: str, known: str) -> None:
    assert network().resolve(written).name == known


@pytest.mark.parametrize("written", ["HWK", "Handwerkskammer Koblenz", "Stiftung Familie", "Öztürk"])
def test_a_different_or_too_short_name_is_no_known_organisation(written: str) -> None:
    assert network().resolve(written).id is None


def test_entry_shapes_in_any_order_with_names_of_every_origin() -> None:
    parsed = parse("""
        ## Teilnehmende

        - Susanne Lange, ZDH
        - Tobias Kranz – itb
        - BAuA: Gabriele Walter, Jonas Weber
        - [[Markus Engel]]
        - Petra Vogt <p.vogt@hwk-hannover.de>
        - Lars Petersen | IfAM
        - K. Ebeling (HWK Hannover)
        - Frau Kaya
        - Yusuf El-Amrani (IGB)
        - Duc Anh Tran (BAuA)
        - Małgorzata Wiśniewska (ZDH)
        - Ayşe Güneş-Yıldırım, IGB
        - Friedrich zu Eltz, MdB
        - Dipl.-Ing. (FH) Birgit Sommer (itb)
        - Hr. Krause (GS)
        - Fr. Dr. Lindner (BAuA)

        ## TOP 1
        Text.
        """)
    assert who(parsed) == [
        ("Susanne Lange", "ZDH", "present"), ("Tobias Kranz", "itb", "present"), ("Gabriele Walter", "BAuA", "present"),
        ("Jonas Weber", "BAuA", "present"), ("Markus Engel", None, "present"), ("Petra Vogt", None, "present"),
        ("Lars Petersen", "IfAM", "present"), ("K. Ebeling", "HWK Hannover", "present"), ("Kaya", None, "present"),
        ("Yusuf El-Amrani", "IGB", "present"), ("Duc Anh Tran", "BAuA", "present"),
        ("Małgorzata Wiśniewska", "ZDH", "present"), ("Ayşe Güneş-Yıldırım", "IGB", "present"),
        ("Friedrich zu Eltz", None, "present"), ("Birgit Sommer", "itb", "present"), ("Krause", "GS", "present"),
        ("Lindner", "BAuA", "present")]
    assert parsed["participants"][13]["title"] == "MdB"


def test_statuses_from_labels_reasons_and_notes() -> None:
    parsed = text_file("""
Anwesend:
Anna Berg (ZDH)
Tobias Kranz (itb), zeitweise
Jonas Weber (BAuA) ab 11 Uhr
Petra Vogt (IGB) bis TOP 3

Gäste:
Dr. Markus Engel (Uni Kassel)

Lars Petersen (IfAM) (Gast)

Entschuldigt fehlten: Eva Braun (IGB), Max Müller (ZDH)
Abwesend: Jan Ohm (itb) (Urlaub), Sabine Fuchs (GS) (Termin)
Unentschuldigt: Karl Kurz (HWK Hannover)
Nicht da: Heike Horn (krank)
Verhindert: Uwe Ulrich

Protokoll: K. Ebeling

TOP 1 Begrüßung
Text.
""")
    assert [(p["name"], p["status"], p["note"]) for p in parsed["participants"]] == [
        ("Anna Berg", "present", None), ("Tobias Kranz", "present", "zeitweise"),
        ("Jonas Weber", "present", "ab 11 Uhr"), ("Petra Vogt", "present", "bis TOP 3"),
        ("Markus Engel", "guest", None), ("Lars Petersen", "guest", None), ("Eva Braun", "excused", None),
        ("Max Müller", "excused", None), ("Jan Ohm", "excused", None), ("Sabine Fuchs", "excused", None),
        ("Karl Kurz", "absent", None), ("Heike Horn", "excused", None), ("Uwe Ulrich", "excused", None),
        ("K. Ebeling", "present", "Protokoll")]


def test_people_nested_under_their_organisation_or_sharing_one() -> None:
    parsed = parse("""
        **Teilnehmende**

        - ZDH
          - Anna Berg
          - Max Müller
        - Handwerkskammer Hannover: Petra Vogt, Karl Kurz
        - Jonas Weber und Eva Braun (beide IGB)
        - Tobias Kranz, Lars Petersen (beide itb)
        - Jan Ohm, Heike Horn, alle von BAuA

        ## TOP 1
        Text.
        """)
    assert who(parsed) == [
        ("Anna Berg", "ZDH", "present"), ("Max Müller", "ZDH", "present"),
        ("Petra Vogt", "Handwerkskammer Hannover", "present"), ("Karl Kurz", "Handwerkskammer Hannover", "present"),
        ("Jonas Weber", "IGB", "present"), ("Eva Braun", "IGB", "present"), ("Tobias Kranz", "itb", "present"),
        ("Lars Petersen", "itb", "present"), ("Jan Ohm", "BAuA", "present"), ("Heike Horn", "BAuA", "present")]


def test_participants_in_the_sentences_of_a_narrative_mail() -> None:
    parsed = parse_protocol("""Liebe Kolleginnen und Kollegen,

hier kurz das Protokoll unseres Treffens vom 11.11.2025.

Dabei waren Frau Anna Berg (ZDH), Herr Tobias Kranz und Frau Dr. Petra Vogt (HWK Hannover). Entschuldigt hatten \
sich Jonas Weber und Frau Kaya. Als Gast begrüßten wir Herrn Lars Petersen (IfAM).

Wir haben besprochen, dass Frau Berg den Bericht schreibt. Herr Max Müller wurde erwähnt.

Viele Grüße
Heike Horn""".split("\n"), "notiz.txt")
    # 'Herr Tobias Kranz und Frau Dr. Petra Vogt (HWK Hannover)': two people joined by 'und' before one
    # organisation work there both (tests/test_participants_meaning.py)
    assert who(parsed) == [("Anna Berg", "ZDH", "present"), ("Tobias Kranz", "HWK Hannover", "present"),
                           ("Petra Vogt", "HWK Hannover", "present"), ("Jonas Weber", None, "excused"),
                           ("Kaya", None, "excused"), ("Lars Petersen", "IfAM", "guest")]


def test_distribution_lists_devices_and_dial_ins_are_no_participants() -> None:
    parsed = text_file("""
Verteiler: Anna Berg, Tobias Kranz, Uwe Ulrich

Teilnehmende:
Anna Berg (ZDH)
Tobias Kranz (itb)
iPhone von Stefan
Tel. +49 30 1234567

TOP 1 Bericht
Liebe Frau Kaya, danke für die Unterlagen.
""")
    assert who(parsed) == [("Anna Berg", "ZDH", "present"), ("Tobias Kranz", "itb", "present")]


def test_a_meeting_tool_export_gives_the_organisation_only_from_the_display_name() -> None:
    rows = [("Vollständiger Name", "Beitrittszeit", "Verlassenszeit", "Dauer", "E-Mail-Adresse", "Rolle"),
            ("Anna Berg (ZDH)", "22.01.2026 10:00", "22.01.2026 11:00", "60 Min.", "anna.berg@zdh.de", "Organisator"),
            ("Tobias Kranz", "22.01.2026 10:01", "22.01.2026 11:00", "59 Min.", "t.kranz@itb.de", "Teilnehmer"),
            ("Jonas Weber (Extern)", "22.01.2026 10:02", "22.01.2026 11:00", "58 Min.", "", "Gast"),
            ("iPhone von Stefan", "22.01.2026 10:03", "22.01.2026 10:30", "27 Min.", "", "Gast")]
    parsed = parse_blocks(table(rows))
    assert who(parsed) == [("Anna Berg", "ZDH", "present"), ("Tobias Kranz", None, "present"),
                           ("Jonas Weber", None, "present")]


def test_a_misspelt_label_still_opens_its_list_and_a_near_word_does_not() -> None:
    parsed = text_file("""
Teilnehmnde:
Frau Anna Berg (ZDH)
Herr Tobias Kranz, itb

Entschudligt: Herr Jonas Weber (BAuA)

Anmerkung: Frau Kaya schickt die Folien.

TOP 1 Begrüssung
Text.
""")
    assert who(parsed) == [("Anna Berg", "ZDH", "present"), ("Tobias Kranz", "itb", "present"),
                           ("Jonas Weber", "BAuA", "excused")]


def test_a_name_with_its_organisation_on_the_line_below() -> None:
    parsed = text_file("""
Anwesend:

Dr. Bastian Leitner
Fraunhofer-Institut für Arbeitswirtschaft und Organisation

Miriam Oehlschläger
Kessler & Partner Mittelstandsberatung

TOP 1 Bericht
Text.
""")
    assert who(parsed) == [("Bastian Leitner", "Fraunhofer-Institut für Arbeitswirtschaft und Organisation", "present"),
                           ("Miriam Oehlschläger", "Kessler & Partner Mittelstandsberatung", "present")]


def test_an_attendance_cell_with_a_reason_says_more_than_its_mark() -> None:
    parsed = parse_blocks(table([("Nachname", "Vorname", "Institution", "Anwesenheit"),
                                 ("Vogt", "Dr. Jörg", "LIV Nord", "nein (entschuldigt)"),
                                 ("Lange", "Timo", "ZDH", "ja"), ("von Hagen", "Gudrun", "ZDH", "ja (Gast)"),
                                 ("Lorenz", "Lars", "LIV Nord", "nein")]))
    assert who(parsed) == [("Jörg Vogt", "LIV Nord", "excused"), ("Timo Lange", "ZDH", "present"),
                           ("Gudrun von Hagen", "ZDH", "guest"), ("Lars Lorenz", "LIV Nord", "absent")]


def test_titles_and_salutations_come_from_the_vocabulary_for_parser_keys_and_benchmark() -> None:
    from benchmarks.bench_accuracy import norm
    from etl.parse.names import person_name
    from vocab.keys import person_words
    from vocab.titles import SALUTATIONS, TITLES

    assert "Frau" in SALUTATIONS and "Dr.-Ing." in TITLES
    written = "Frau Prof. Dr.-Ing. Anna Berg M.A."
    found = person_name(written)
    assert found is not None and (found.name, found.title, found.salutation) == ("Anna Berg", "Prof. Dr.-Ing. M.A.",
                                                                                 "Frau")
    assert person_words("Herr Dr. Berg, Jan") == "Jan Berg"
    assert norm(written) == "anna berg"


def test_an_organisation_line_heads_the_names_below_it() -> None:
    parsed = text_file("""
Teilnehmende:
ZDH
    Anna Berg
    Max Müller
Handwerkskammer Hannover
    Petra Vogt
    Dr. Karl Kurz
IGB:
    Eva Braun

TOP 1 Bericht
Text.
""")
    assert who(parsed) == [("Anna Berg", "ZDH", "present"), ("Max Müller", "ZDH", "present"),
                           ("Petra Vogt", "Handwerkskammer Hannover", "present"),
                           ("Karl Kurz", "Handwerkskammer Hannover", "present"), ("Eva Braun", "IGB", "present")]


def test_surnames_listed_alone_when_they_cannot_be_surname_first_name_pairs() -> None:
    parsed = text_file("""
Anwesend: Müller, Schmidt, Yılmaz (alle HWK Hannover)
Entschuldigt: Braun und Vogt
Gäste: Berg, Anna (ZDH)

TOP 1
Text.
""")
    assert who(parsed) == [("Müller", "HWK Hannover", "present"), ("Schmidt", "HWK Hannover", "present"),
                           ("Yılmaz", "HWK Hannover", "present"), ("Braun", None, "excused"),
                           ("Vogt", None, "excused"), ("Anna Berg", "ZDH", "guest")]


def test_a_spanning_attendance_header_with_its_columns_in_a_second_row() -> None:
    block = table([("Name", "Institution", "Teilnahme", "", ""), ("", "", "vor Ort", "online", "entschuldigt"),
                   ("Bernhard Wunderlich", "IBL", "x", "", ""), ("Dr. Florian Zeitler", "SBS", "", "x", ""),
                   ("Katja Rauscher", "ZDH", "", "", "x")])
    parsed = parse_blocks(block)
    assert who(parsed) == [("Bernhard Wunderlich", "IBL", "present"), ("Florian Zeitler", "SBS", "present"),
                           ("Katja Rauscher", "ZDH", "excused")]


def test_a_heading_after_the_list_of_people_is_nobody() -> None:
    parsed = text_file("""
Teilnehmer: Katja Mikus – PSG, Andreas Ihm – itb
Nicht dabei (entschuldigt): Dr. Gabriele Walter

Wichtigste Punkte
- Der Bericht ist fertig.
""")
    assert who(parsed) == [("Katja Mikus", "PSG", "present"), ("Andreas Ihm", "itb", "present"),
                           ("Gabriele Walter", None, "excused")]


def test_a_guest_added_in_a_trailing_sentence() -> None:
    parsed = text_file("""
Anwesend:

Miriam Oehlschläger
Kessler & Partner Mittelstandsberatung

sowie als Gast Nora Quast, Digitalagentur Lüneburg.

TOP 1 Bericht
Text.
""")
    assert who(parsed) == [("Miriam Oehlschläger", "Kessler & Partner Mittelstandsberatung", "present"),
                           ("Nora Quast", "Digitalagentur Lüneburg", "guest")]


def test_a_narrative_mail_names_people_with_salutations_and_an_organisation_after_von() -> None:
    parsed = parse_protocol("""Betreff: Kurzprotokoll AK Fachkräfte vom 03.02.2026

Liebe Frau Kaya, lieber Herr Brenner,

am 03.02.2026 trafen wir uns. Anwesend waren Frau Berg (ZDH), Herr Dr. Kranz (itb) sowie Jonas Weber von der \
BAuA. Frau Vogt (IGB) hatte sich entschuldigt. Herr Ulrich konnte leider nicht teilnehmen.

Frau Berg berichtete über den Stand. Herr Müller aus dem Ministerium wird informiert.

Mit freundlichen Grüßen

Dr. Heike Horn
Referentin
Zentralverband des Deutschen Handwerks
Tel. +49 30 123456""".split("\n"), "mail.txt")
    assert who(parsed) == [("Berg", "ZDH", "present"), ("Kranz", "itb", "present"), ("Jonas Weber", "BAuA", "present"),
                           ("Vogt", "IGB", "excused"), ("Ulrich", None, "excused")]


def test_an_organisation_column_first_whose_spacing_the_text_lost() -> None:
    parsed = text_file("""
Teilnehmende:
ZDH            Anna Berg
Handwerkskammer Hannover    Petra Vogt
Stiftung Arbeit und Gesundheit   Dr. Jan Ohm

TOP 1 Bericht
Text.
""")
    assert who(parsed) == [("Anna Berg", "ZDH", "present"), ("Petra Vogt", "Handwerkskammer Hannover", "present"),
                           ("Jan Ohm", "Stiftung Arbeit und Gesundheit", "present")]


def test_surnames_in_capitals_as_address_lists_export_them() -> None:
    parsed = text_file("""
Teilnehmende:
BERG, Anna (ZDH)
MÜLLER-LÜDENSCHEIDT, Max, IGB
IHK, Eva Braun
KRANZ, Dr. Tobias – itb

TOP 1
Text.
""")
    assert who(parsed) == [("Anna Berg", "ZDH", "present"), ("Max Müller-Lüdenscheidt", "IGB", "present"),
                           ("Eva Braun", "IHK", "present"), ("Tobias Kranz", "itb", "present")]


@pytest.mark.parametrize("sep", [" | ", " - ", " – "])
def test_groups_of_one_organisation_on_one_line_are_set_apart_by_a_bar_or_a_dash(sep: str) -> None:
    parsed = text_file(f"""
Anwesend: Petra Lindauer, Omar Haddad (beide IHK Fulda){sep}Greta Sauerbier (Bauinnung){sep}Jan Kowalski,
Mira Thalheim (LWK)
Entschuldigt: Bodo Rasch (Stadtwerke)

TOP 1 Bericht
Frau Lindauer berichtet.
""")
    assert who(parsed) == [("Petra Lindauer", "IHK Fulda", "present"), ("Omar Haddad", "IHK Fulda", "present"),
                           ("Greta Sauerbier", "Bauinnung", "present"), ("Jan Kowalski", "LWK", "present"),
                           ("Mira Thalheim", "LWK", "present"), ("Bodo Rasch", "Stadtwerke", "excused")]


def test_check_marks_between_the_names_of_a_line_set_the_groups_apart() -> None:
    parsed = text_file("""
Anwesend ✓ Petra Lindauer, Omar Haddad (beide IHK Fulda) ✓ Greta Sauerbier (Bauinnung) ✓ Jan Kowalski (LWK)
Entschuldigt: Bodo Rasch (Stadtwerke)

TOP 1 Bericht
Frau Lindauer berichtet.
""")
    assert who(parsed) == [("Petra Lindauer", "IHK Fulda", "present"), ("Omar Haddad", "IHK Fulda", "present"),
                           ("Greta Sauerbier", "Bauinnung", "present"), ("Jan Kowalski", "LWK", "present"),
                           ("Bodo Rasch", "Stadtwerke", "excused")]


def test_two_surnames_each_with_a_title_or_salutation_are_two_people_not_surname_and_first_name() -> None:
    parsed = text_file("""
Anwesend: Petra Lindauer (IHK Fulda)
Entschuldigt: Dr. Sauerbier, Dr. Haddad
Abwesend: Frau Thalheim, Herr Rasch

TOP 1 Bericht
Frau Lindauer berichtet.
""")
    assert who(parsed) == [("Petra Lindauer", "IHK Fulda", "present"), ("Sauerbier", None, "excused"),
                           ("Haddad", None, "excused"), ("Thalheim", None, "absent"), ("Rasch", None, "absent")]


def test_a_function_before_the_name_or_as_the_organisation_is_a_note_not_part_of_name_or_organisation() -> None:
    parsed = text_file("""
Anwesend:
LIM Gero Pfannkuch (Vorsitz)
Hauptgeschäftsführerin Ilka Sonnenberg, Kreishandwerkerschaft Rheingau
OM Malte Quade (Dachdecker)
stv. OM Derya Kaplan (Friseure)
Tomasz Wierzba (Obermeister, Tischler-Innung Eltville)
Edda Brüggemann, Referentin im Wirtschaftsministerium
Entschuldigt: OM Lutz Fahrenholz (Zimmerer), OM Vera Kühl (Bäcker)

TOP 1 Haushalt
Frau Sonnenberg berichtet.
""")
    assert who(parsed) == [("Gero Pfannkuch", None, "present"),
                           ("Ilka Sonnenberg", "Kreishandwerkerschaft Rheingau", "present"),
                           ("Malte Quade", "Dachdecker", "present"), ("Derya Kaplan", "Friseure", "present"),
                           ("Tomasz Wierzba", "Tischler-Innung Eltville", "present"),
                           ("Edda Brüggemann", "Wirtschaftsministerium", "present"),
                           ("Lutz Fahrenholz", "Zimmerer", "excused"), ("Vera Kühl", "Bäcker", "excused")]
    assert [p["note"] for p in parsed["participants"]][:3] == ["LIM; Vorsitz", "Hauptgeschäftsführerin", "OM"]


def test_organisations_on_lines_of_their_own_head_the_list_items_of_their_people() -> None:
    parsed = text_file("""
Teilnehmende nach Einrichtung:

Handwerkskammer Ostwestfalen
- Greta Sauerbier (Moderation)
- Omar Haddad
Bauinnung Lippe
- Jan Kowalski, Lehrlingswart
Stadtwerke Detmold GmbH
- Mira Thalheim

Entschuldigt: Bodo Rasch (IHK Lippe)

TOP 1 Bericht
Frau Sauerbier berichtet.
""")
    assert who(parsed) == [("Greta Sauerbier", "Handwerkskammer Ostwestfalen", "present"),
                           ("Omar Haddad", "Handwerkskammer Ostwestfalen", "present"),
                           ("Jan Kowalski", "Bauinnung Lippe", "present"),
                           ("Mira Thalheim", "Stadtwerke Detmold GmbH", "present"),
                           ("Bodo Rasch", "IHK Lippe", "excused")]
