"""Participants read from what a block says, not from one template's layout: votes by circulation with dot
leaders, a meeting tool's participant panel pasted as text, groups of people separated by a middle dot, a
question as heading, labels in their everyday variants, a surname-first name inside a running list, the minute
taker by surname, and an organisation's short form resolved by the protocol's own words.

All protocols here are written for these tests (fictional names and organisations); each test is a kind of
writing, not one file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document as WordDocument

from etl.core.registry import KnownPeople, KnownPerson, Registry
from etl.extract.document import Block
from etl.parse.file import parse_file
from etl.parse.roles import ABSENT, EXCUSED, GUEST, PRESENT, role_of
from tests.test_protocol_meaning import parse_blocks
from tests.test_protocol_parse import parse_protocol


def who(parsed: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(p["name"], p["organisation_raw"], p["status"]) for p in parsed["participants"]]


def text_file(body: str, **kwargs: Any) -> dict[str, Any]:
    return parse_protocol(body.strip("\n").split("\n"), "notiz.txt", **kwargs)


def beirat(people: str) -> dict[str, Any]:
    """A short text protocol of the (fictional) Beirat Werkstattnetz: its head, the lines given, one topic."""
    return text_file(f"""
Protokoll Beirat Werkstattnetz
Datum: 24.03.2026

{people.strip(chr(10))}

TOP 1 Haushalt
Der Haushalt wird beschlossen.
""")


def test_votes_by_circulation_with_dot_leaders_give_who_voted_and_who_did_not_answer() -> None:
    parsed = text_file("""
Betreff: Schriftliches Verfahren Beirat Werkstattnetz
Von: Bettina Roloff (Geschäftsstelle)
Datum: 03.02.2026

Liebe Mitglieder des Beirats,

das Umlaufverfahren zum Jahresbudget 2026 ist abgeschlossen.

Abgestimmt haben:
  Dr. Henrike Olbrich (Kreishandwerkerschaft Uelzen) ...... Zustimmung
  Tobias Wendland (IHK Lüneburg) ........................... Ablehnung
  Prof. Dr.-Ing. Marek Sobczak (TH Stade) .................. Enthaltung
  Serap Yıldırım (Bäckerei Yıldırım) ....................... keine Rückmeldung

Damit ist das Budget angenommen.

Viele Grüße
Bettina Roloff
""")
    assert who(parsed) == [("Henrike Olbrich", "Kreishandwerkerschaft Uelzen", PRESENT),
                           ("Tobias Wendland", "IHK Lüneburg", PRESENT),
                           ("Marek Sobczak", "TH Stade", PRESENT),
                           ("Serap Yıldırım", "Bäckerei Yıldırım", ABSENT)]


def test_a_participant_panel_copied_from_a_meeting_tool_lists_its_people() -> None:
    parsed = text_file("""
Videokonferenz Beirat Werkstattnetz
Datum: 10.02.2026

Name\tBeitreten\tVerlassen\tDauer
Bettina Roloff\t13:58\t15:02\t64 min
Dr. Henrike Olbrich\t14:01\t15:00\t59 min
Tobias Wendland\t14:05\t14:40\t35 min
""")
    assert who(parsed) == [("Bettina Roloff", None, PRESENT), ("Henrike Olbrich", None, PRESENT),
                           ("Tobias Wendland", None, PRESENT)]


def test_groups_separated_by_a_middle_dot_share_the_organisation_named_after_them() -> None:
    parsed = text_file("""
Werkstattnetz Heide – Protokoll vom 12.03.2026
Anwesend: Lotte Brammer, Sven Oltmanns (Kreishandwerkerschaft) · Ilka Dierks (IHK) · Yusuf Demirel,
Anke Popp (Stadt Soltau, Gast)

TOP 1 Rückblick
Es wurde berichtet.
""")
    assert who(parsed) == [("Lotte Brammer", "Kreishandwerkerschaft", PRESENT),
                           ("Sven Oltmanns", "Kreishandwerkerschaft", PRESENT),
                           ("Ilka Dierks", "IHK", PRESENT),
                           ("Yusuf Demirel", "Stadt Soltau", PRESENT),  # the status stays the one of who says it
                           ("Anke Popp", "Stadt Soltau", GUEST)]


def test_a_question_as_heading_opens_a_running_sentence_of_people() -> None:
    parsed = parse_protocol("""# Rundbrief Werkstattnetz Heide

Frühjahrstreffen am 19. März 2026 in Soltau

## Wer war dabei?

Jörg Hasselmann und Birte Kruse (Kreishandwerkerschaft Heide), Dr. Ana Lucía
Morales (Hochschule Buxtehude) und Kim Ngoc Tran als Gast. Entschuldigt hatten
sich Freya von Bülow und Piet Harms.

## Rückblick

Frau Kruse berichtet vom Ausbildungstag.
""".split("\n"), "rundbrief.md")
    assert who(parsed) == [("Jörg Hasselmann", "Kreishandwerkerschaft Heide", PRESENT),
                           ("Birte Kruse", "Kreishandwerkerschaft Heide", PRESENT),
                           ("Ana Lucía Morales", "Hochschule Buxtehude", PRESENT),
                           ("Kim Ngoc Tran", None, GUEST),
                           ("Freya von Bülow", None, EXCUSED), ("Piet Harms", None, EXCUSED)]


@pytest.mark.parametrize(("label", "role"), [
    ("Weitere Teilnehmende", PRESENT), ("Außerdem anwesend", PRESENT), ("TN vor Ort", PRESENT),
    ("Teilnehmende online", PRESENT), ("Online dabei", PRESENT), ("Zugeschaltet", PRESENT),
    ("Teilnehmer/-innen", PRESENT), ("TeilnehmerInnen", PRESENT), ("Sitzungsteilnehmende", PRESENT),
    ("Stimmberechtigte Mitglieder", PRESENT), ("Wer war da?", PRESENT), ("Wer nahm teil?", PRESENT),
    ("Zu Gast", GUEST), ("Fehlt", ABSENT), ("Fehlen", ABSENT), ("Krankgemeldet", EXCUSED),
])
def test_everyday_labels_of_people_name_their_status(label: str, role: str) -> None:
    assert role_of(label) == role


@pytest.mark.parametrize("label", ["Weitere Themen", "Online", "Vor Ort", "Ergebnisse online", "Mitglieder"])
def test_words_near_those_labels_name_no_people(label: str) -> None:
    assert role_of(label) not in (PRESENT, EXCUSED, ABSENT, GUEST)


def test_labels_in_their_variants_open_lists_of_people() -> None:
    parsed = beirat("""
TN vor Ort: Bettina Roloff (Geschäftsstelle), Tobias Wendland (IHK Lüneburg)
Zugeschaltet: Dr. Henrike Olbrich (Kreishandwerkerschaft Uelzen)
Fehlt: Serap Yıldırım (Bäckerei Yıldırım)
""")
    assert who(parsed) == [("Bettina Roloff", "Geschäftsstelle", PRESENT), ("Tobias Wendland", "IHK Lüneburg", PRESENT),
                           ("Henrike Olbrich", "Kreishandwerkerschaft Uelzen", PRESENT),
                           ("Serap Yıldırım", "Bäckerei Yıldırım", ABSENT)]


def test_a_name_written_surname_first_inside_a_running_list_stays_one_person() -> None:
    parsed = beirat("""
Anwesend: Tobias Wendland (IHK Lüneburg), Sobczak, Marek (TH Stade, Gast), Bettina Roloff (Geschäftsstelle)
""")
    assert who(parsed) == [("Tobias Wendland", "IHK Lüneburg", PRESENT), ("Marek Sobczak", "TH Stade", GUEST),
                           ("Bettina Roloff", "Geschäftsstelle", PRESENT)]


def test_the_minute_taker_by_surname_with_an_organisation_took_part() -> None:
    parsed = text_file("""
Protokoll Beirat Werkstattnetz
Datum: 24.03.2026
Anwesende:   Wendland (IHK), Olbrich (KH Uelzen)
Protokoll:   Roloff (GS)

1. Haushalt
   Der Haushalt wird vorgestellt.
""")
    assert who(parsed) == [("Wendland", "IHK", PRESENT), ("Olbrich", "KH Uelzen", PRESENT),
                           ("Roloff", "GS", PRESENT)]
    assert parsed["participants"][-1]["note"] == "Protokoll"


def network() -> Registry:
    registry = Registry("organisation")
    registry.add("Handwerkskammer Heide-Süd", "HWK Heide")
    registry.add("Handwerkskammer Elbe-Weser", "HWK Elbe")
    registry.add("Wirtschaftsförderung Lüneburger Land", "WiFö Lüneburg")
    registry.add("Zimmerei Kowalski", "Zimmerei Kowalski")
    return registry


def test_a_short_form_of_an_organisation_is_the_one_the_protocol_or_the_master_data_means() -> None:
    parsed = text_file("""
Treffen Werkstattnetz am 24.03.2026 in der Handwerkskammer Heide-Süd, Soltau
Anwesend: Lotte Brammer (HWK), Piet Harms (WiFö), Marta Nowak (Zimmerei K.), Ole Janssen (HWK)

TOP 1 Haushalt
Der Haushalt wird vorgestellt.
""", organisations=network(), people=KnownPeople([KnownPerson("Ole Janssen", "HWK Elbe")]))
    assert [(p["name"], p["organisation"]) for p in parsed["participants"]] == [
        ("Lotte Brammer", "Handwerkskammer Heide-Süd"),  # the protocol names this chamber in its head
        ("Piet Harms", "Wirtschaftsförderung Lüneburger Land"),  # the only one whose name goes on from 'WiFö'
        ("Marta Nowak", "Zimmerei Kowalski"),
        ("Ole Janssen", "Handwerkskammer Elbe-Weser")]  # the master data says where he works


def test_without_any_evidence_a_short_form_stays_as_written() -> None:
    parsed = text_file("""
Treffen Werkstattnetz am 24.03.2026
Anwesend: Lotte Brammer (HWK), Piet Harms (Stadt)

TOP 1 Haushalt
Der Haushalt wird vorgestellt.
""", organisations=network())
    assert [(p["name"], p["organisation"]) for p in parsed["participants"]] == [
        ("Lotte Brammer", "HWK"), ("Piet Harms", "Stadt")]


def test_people_named_together_in_an_attendance_sentence_share_their_organisation() -> None:
    parsed = text_file("""
Aktennotiz Werkstattnetz
Datum: 24.03.2026

Es nahmen teil: Frau Roloff und Herr Wendland (beide Geschäftsstelle), Herr Harms und Frau Popp (IHK) sowie
Frau Dr. Olbrich (KH Uelzen).

Besprochen wurde der Haushalt.
""")
    assert who(parsed) == [("Roloff", "Geschäftsstelle", PRESENT), ("Wendland", "Geschäftsstelle", PRESENT),
                           ("Harms", "IHK", PRESENT), ("Popp", "IHK", PRESENT), ("Olbrich", "KH Uelzen", PRESENT)]


def test_an_organisation_with_its_department_heads_the_people_after_its_colon() -> None:
    parsed = text_file("""
Protokoll Werkstattnetz
Datum: 24.03.2026
Teilnehmende:
Stadt Soltau, Wirtschaftsförderung: Herr Demirel, Frau Popp
Kreishandwerkerschaft Heide: Frau Brammer
Für das Protokoll: Anke Popp

TOP 1 Haushalt
Der Haushalt wird vorgestellt.
""")
    assert who(parsed) == [("Demirel", "Stadt Soltau, Wirtschaftsförderung", PRESENT),
                           ("Anke Popp", "Stadt Soltau, Wirtschaftsförderung", PRESENT),  # the minute taker in full
                           ("Brammer", "Kreishandwerkerschaft Heide", PRESENT)]


def test_the_author_of_a_word_file_is_no_participant(tmp_path: Path) -> None:
    doc = WordDocument()
    doc.core_properties.author = "Lindqvist, Maren"  # who made the template, years ago
    doc.add_heading("Protokoll Werkstattnetz", 1)
    doc.add_paragraph("Datum: 24.03.2026")
    doc.add_paragraph("Anwesend: Bettina Roloff (Geschäftsstelle), Tobias Wendland (IHK Lüneburg)")
    doc.add_heading("TOP 1 Haushalt", 2)
    doc.add_paragraph("Der Haushalt wird vorgestellt.")
    path = tmp_path / "Protokoll Werkstattnetz.docx"
    doc.save(str(path))
    parsed = dict(parse_file(path, path.name))
    assert who(parsed) == [("Bettina Roloff", "Geschäftsstelle", PRESENT), ("Tobias Wendland", "IHK Lüneburg", PRESENT)]


def test_marks_in_front_of_names_give_the_status_their_legend_names() -> None:
    parsed = beirat("""
Anwesenheit (x = anwesend, e = entschuldigt, g = Gast):
- x Bettina Roloff (Geschäftsstelle)
- e Dr. Henrike Olbrich (KH Uelzen)
- g Tobias Wendland, IHK Lüneburg
""")
    assert who(parsed) == [("Bettina Roloff", "Geschäftsstelle", PRESENT), ("Henrike Olbrich", "KH Uelzen", EXCUSED),
                           ("Tobias Wendland", "IHK Lüneburg", GUEST)]


def test_checkboxes_in_front_of_names_say_who_came() -> None:
    parsed = beirat("""
Teilnehmende:
[x] Bettina Roloff (Geschäftsstelle)
[ ] Dr. Henrike Olbrich (KH Uelzen)
[x] Tobias Wendland (IHK Lüneburg) (ab 11 Uhr)
""")
    assert who(parsed) == [("Bettina Roloff", "Geschäftsstelle", PRESENT), ("Henrike Olbrich", "KH Uelzen", ABSENT),
                           ("Tobias Wendland", "IHK Lüneburg", PRESENT)]


def test_status_letters_aligned_in_a_column_before_the_names() -> None:
    parsed = beirat("""
Teilnehmende (x = anwesend, e = entschuldigt, g = Gast):
x     Bettina Roloff (Geschäftsstelle)
e     Dr. Henrike Olbrich (KH Uelzen)
g     Tobias Wendland, IHK Lüneburg
x     Marek Sobczak
""")
    assert who(parsed) == [("Bettina Roloff", "Geschäftsstelle", PRESENT), ("Henrike Olbrich", "KH Uelzen", EXCUSED),
                           ("Tobias Wendland", "IHK Lüneburg", GUEST), ("Marek Sobczak", None, PRESENT)]


def test_people_as_bullets_under_a_firm_whose_name_could_be_a_persons() -> None:
    parsed = parse_protocol("""# Protokoll Beirat Werkstattnetz

Datum: 24.03.2026

## Teilnehmende

- Kreishandwerkerschaft Uelzen
  - Dr. Henrike Olbrich
  - Jens Albers (entschuldigt)
- Bäckerhaus Lindner
  - Ole Lindner
- Gäste
  - Marek Sobczak (TH Stade)

## TOP 1 Haushalt

Frau Olbrich stellt den Haushalt vor.
""".split("\n"), "beirat.md")
    assert who(parsed) == [("Henrike Olbrich", "Kreishandwerkerschaft Uelzen", PRESENT),
                           ("Jens Albers", "Kreishandwerkerschaft Uelzen", EXCUSED),
                           ("Ole Lindner", "Bäckerhaus Lindner", PRESENT), ("Marek Sobczak", "TH Stade", GUEST)]


def test_a_run_of_people_after_the_head_without_a_label_lists_the_participants() -> None:
    parsed = text_file("""
Protokoll Beirat Werkstattnetz
Datum: 24.03.2026, 10:00 – 12:00 Uhr

Bettina Roloff (Geschäftsstelle)
Dr. Henrike Olbrich (KH Uelzen)
H.-J. Wendland, IHK Lüneburg

TOP 1 Haushalt
Frau Roloff stellt den Haushalt vor. Herr Sobczak (TH Stade) wird erwähnt.

Viele Grüße
Bettina Roloff (Geschäftsstelle)
Anke Popp (IHK)
""")
    assert who(parsed) == [("Bettina Roloff", "Geschäftsstelle", PRESENT), ("Henrike Olbrich", "KH Uelzen", PRESENT),
                           ("H.-J. Wendland", "IHK Lüneburg", PRESENT)]


def test_lines_of_running_text_after_the_head_are_no_participants() -> None:
    parsed = beirat("""
Frau Roloff (Geschäftsstelle) begrüßt die Runde.
Herr Wendland (IHK) stellt den Haushalt vor.
""")
    assert who(parsed) == []


@pytest.mark.parametrize(("line", "name", "org"), [
    ("Hans Meyer, Zimmerei Meyer GmbH & Co. KG", "Hans Meyer", "Zimmerei Meyer GmbH & Co. KG"),
    ("Dimitrios Petrakis (Metallbau Petrakis)", "Dimitrios Petrakis", "Metallbau Petrakis"),
    ("Hans-Jürgen Schaft (IHK)", "Hans-Jürgen Schaft", "IHK"),  # a surname that ends like a body stays a name
    ("H.-J. von der Aue (IfAM)", "H.-J. von der Aue", "IfAM"),
])
def test_names_and_firms_as_people_write_them(line: str, name: str, org: str) -> None:
    parsed = beirat(f"""
Anwesend: {line}
""")
    assert who(parsed) == [(name, org, PRESENT)]


def test_surnames_alone_under_labels_and_a_panel_role_as_a_note() -> None:
    parsed = beirat("""
Runde: Bettina Roloff (Organisatorin), Albers (KH)
Abgesagt: Popp (Stadt), Harms
Nicht dabei: Yıldırım
Gäste: keine
""")
    assert who(parsed) == [("Bettina Roloff", None, PRESENT), ("Albers", "KH", PRESENT), ("Popp", "Stadt", EXCUSED),
                           ("Harms", None, EXCUSED), ("Yıldırım", None, ABSENT)]
    assert parsed["participants"][0]["note"] == "Organisatorin"
    assert not [w for w in parsed["warnings"] if "nicht verstanden" in w]


def test_a_narrative_note_names_who_came_in_its_own_words() -> None:
    parsed = text_file("""
Liebe Runde,

danke für das Treffen am 24.03.2026! Dabei waren Jens Albers und ich von der Geschäftsstelle,
Ilka Dierks vom Landratsamt Soltau, Marek Sobczak von der Stiftung Holz und Handwerk, Piet Harms (IHK) und erstmals

Frau Dr. van Dalen konnte leider nicht, sie lässt grüßen.

Viele Grüße
Bettina
""")
    assert who(parsed) == [("Jens Albers", "Geschäftsstelle", PRESENT), ("Ilka Dierks", "Landratsamt Soltau", PRESENT),
                           ("Marek Sobczak", "Stiftung Holz und Handwerk", PRESENT), ("Piet Harms", "IHK", PRESENT),
                           ("van Dalen", None, EXCUSED)]


def test_a_title_before_a_surname_written_first() -> None:
    parsed = beirat("""
Teilnehmende:
Dr. Olbrich, Henrike (KH Uelzen)
Prof. Dr. von der Aue, Hans (IfAM)
""")
    assert [(p["name"], p["title"], p["organisation_raw"]) for p in parsed["participants"]] == [
        ("Henrike Olbrich", "Dr.", "KH Uelzen"), ("Hans von der Aue", "Prof. Dr.", "IfAM")]


def test_a_sentence_in_a_topic_makes_listed_people_guests_without_adding_anyone() -> None:
    parsed = text_file("""
Protokoll Beirat Werkstattnetz
Datum: 24.03.2026
Teilnehmende: Bettina Roloff (Geschäftsstelle), Dr. Anke Popp (Stadt Soltau), Piet Harms (IHK)
Entschuldigt: Jens Albers (KH Uelzen)

1. Gemeinsames Thema Ausbildung: Frau Dr. Popp und Herr Harms nehmen als Gäste aus dem Arbeitskreis Schule teil.
   Es wird vereinbart, im Herbst einen Aktionstag anzubieten.
""")
    assert who(parsed) == [("Bettina Roloff", "Geschäftsstelle", PRESENT), ("Anke Popp", "Stadt Soltau", GUEST),
                           ("Piet Harms", "IHK", GUEST), ("Jens Albers", "KH Uelzen", EXCUSED)]


def test_a_title_after_the_first_name_in_a_surname_first_column() -> None:
    parsed = parse_protocol("""# Protokoll Beirat Werkstattnetz

Datum: 24.03.2026

## Anlage: Teilnehmerliste

| Nr. | Name, Vorname | Organisation | Teilnahme |
| --- | --- | --- | --- |
| 1 | von der Aue, Hans-Jörg, Prof. Dr.-Ing. | IfAM | anwesend |
| 2 | Roloff, Bettina | Geschäftsstelle | entschuldigt |
""".split("\n"), "beirat.md")
    assert [(p["name"], p["title"], p["organisation_raw"], p["status"]) for p in parsed["participants"]] == [
        ("Hans-Jörg von der Aue", "Prof. Dr.-Ing.", "IfAM", PRESENT),
        ("Bettina Roloff", None, "Geschäftsstelle", EXCUSED)]


MAIL = """From: Bettina Roloff <roloff@werkstattnetz.example>
To: Beirat <beirat@werkstattnetz.example>
Subject: Teilnehmende Werkstatttag
Date: Wed, 25 Mar 2026 09:00:00 +0100
Content-Type: text/plain; charset=utf-8

Hallo zusammen,

hier wie besprochen die Personen, die beim Werkstatttag am 24.03.2026 in Soltau wirklich da waren:

Sobczak, Marek Dr. – TH Stade
Nguyen, Van Long – Elektro Nguyen
Dierks, Ilka – IHK Lüneburg
Tran, Bao Chau – (ohne Angabe)

Angemeldet, aber nicht erschienen: Albers, Jens (KH Uelzen)

Viele Grüße
Bettina Roloff
Geschäftsstelle Werkstattnetz
"""


def test_a_list_a_mail_announces_with_a_colon_gives_who_came(tmp_path: Path) -> None:
    path = tmp_path / "Teilnehmende Werkstatttag.eml"
    path.write_text(MAIL, "utf-8")
    parsed = dict(parse_file(path, path.name))
    assert [(p["name"], p["title"], p["organisation_raw"], p["status"]) for p in parsed["participants"]] == [
        ("Marek Sobczak", "Dr.", "TH Stade", PRESENT), ("Van Long Nguyen", None, "Elektro Nguyen", PRESENT),
        ("Ilka Dierks", None, "IHK Lüneburg", PRESENT), ("Bao Chau Tran", None, None, PRESENT),
        ("Jens Albers", None, "KH Uelzen", ABSENT)]


def test_people_in_a_mail_without_an_announcing_line_are_not_taken_as_a_list(tmp_path: Path) -> None:
    path = tmp_path / "Frage.eml"
    path.write_text(MAIL.replace("die beim Werkstatttag am 24.03.2026 in Soltau wirklich da waren:",
                                 "die am 24.03.2026 noch Rückfragen zur Abrechnung haben.")
                    .replace("Angemeldet, aber nicht erschienen: Albers, Jens (KH Uelzen)", ""), "utf-8")
    parsed = dict(parse_file(path, path.name))
    assert parsed["participants"] == []


@pytest.mark.parametrize(("line", "expected"), [
    ("Sobczak/THS, Dierks/IHK", [("Sobczak", "THS"), ("Dierks", "IHK")]),
    ("Ilka Dierks/IHK Lüneburg", [("Ilka Dierks", "IHK Lüneburg")]),
    ("Sobczak (THS) / Dierks (IHK)", [("Sobczak", "THS"), ("Dierks", "IHK")]),
    # the one stood in for is listed too, excused, from the same house (tests/test_participant_org_status.py)
    ("Ilka Dierks (IHK) – in Vertretung von Piet Harms", [("Ilka Dierks", "IHK"), ("Piet Harms", "IHK")]),
])
def test_a_name_and_its_organisation_joined_by_a_slash_or_followed_by_a_stand_in(
        line: str, expected: list[tuple[str, str]]) -> None:
    parsed = beirat(f"""
Anwesend: {line}
""")
    assert [(p["name"], p["organisation_raw"]) for p in parsed["participants"]] == expected


def test_people_on_one_item_of_a_list_share_the_organisation_after_the_last() -> None:
    parsed = parse_protocol("""# Protokoll Beirat Werkstattnetz

Datum: 24.03.2026

Teilnehmende:

- Prof. Dr.-Ing. H.-J. von der Aue, D. A. Tran (IfAM)
- K. Brammer (KH Uelzen)

## TOP 1 Haushalt

Der Haushalt wird beschlossen.
""".split("\n"), "beirat.md")
    assert who(parsed) == [("H.-J. von der Aue", "IfAM", PRESENT), ("D. A. Tran", "IfAM", PRESENT),
                           ("K. Brammer", "KH Uelzen", PRESENT)]


def test_task_lines_after_the_head_are_no_list_of_people() -> None:
    parsed = beirat("""
Bettina Roloff (Geschäftsstelle): Haushaltsplan bis 10.04.
Piet Harms (IHK): Einladung verschicken
""")
    assert who(parsed) == []


def test_beteiligte_inside_a_task_names_who_helps_not_who_attended() -> None:
    parsed = text_file("""
Protokoll Beirat Werkstattnetz
Datum: 24.03.2026
Anwesend: Bettina Roloff (Geschäftsstelle), Piet Harms (IHK)

Aufgaben:
- Konzept erstellen bis 30.04.2026
Beteiligte: Jens Albers (KH Uelzen)
""")
    assert who(parsed) == [("Bettina Roloff", "Geschäftsstelle", PRESENT), ("Piet Harms", "IHK", PRESENT)]
    assert role_of("Beteiligte") == PRESENT  # outside a task it lists people


def test_a_thing_under_a_label_of_people_is_no_surname() -> None:
    parsed = beirat("""
Anwesend: Bettina Roloff (Geschäftsstelle)
Gäste: Presse
Fehlt: Beschlussvorlage
Entschuldigt: Hartung
""")
    assert who(parsed) == [("Bettina Roloff", "Geschäftsstelle", PRESENT), ("Hartung", None, EXCUSED)]


def test_a_short_organisation_after_a_surname_alone_is_the_one_of_the_only_person_with_that_surname() -> None:
    parsed = text_file("""
Treffen Werkstattnetz am 24.03.2026
Anwesend: Harms (HWK), Ole Janssen, Brammer (HWK)

TOP 1 Haushalt
Der Haushalt wird vorgestellt.
""", organisations=network(), people=KnownPeople([
        KnownPerson("Ole Janssen", "HWK Elbe"), KnownPerson("Jörn Harms", "HWK Heide"),
        KnownPerson("Lotte Brammer", "HWK Elbe"), KnownPerson("Uwe Brammer", "HWK Heide")]))
    assert [(p["name"], p["organisation_raw"], p["organisation"]) for p in parsed["participants"]] == [
        ("Harms", "HWK", "Handwerkskammer Heide-Süd"),  # the only Harms the master data knows
        ("Ole Janssen", None, None),  # nothing written: nothing is filled in
        ("Brammer", "HWK", "HWK")]  # two people called Brammer in two chambers: left as written


def test_an_attendance_table_under_the_tasks_is_read_as_people_not_as_tasks() -> None:
    """A workbook's second sheet (the attendance list) lands after the last section, here 'Aufgaben'."""
    def sheet(rows: list[tuple[str, ...]], line: int) -> Block:
        return Block("table", "\n".join(" | ".join(r) for r in rows), line, rows=tuple(rows),
                     row_lines=tuple(line + i for i in range(len(rows))))

    parsed = parse_blocks(
        Block("heading", "Aufgaben", 4, level=2),
        sheet([("Ablaufplan an alle schicken", "Quade", "30.05.2023")], 5),
        sheet([("Name", "Einrichtung", "anwesend", "entschuldigt"), ("Greta Sauerbier", "Bauinnung", "X", ""),
               ("Omar Haddad", "IHK Fulda", "", "X")], 7))
    assert who(parsed) == [("Greta Sauerbier", "Bauinnung", PRESENT), ("Omar Haddad", "IHK Fulda", EXCUSED)]
    assert [t["text"] for t in parsed["action_items"]] == ["Ablaufplan an alle schicken"]


def test_a_column_per_way_of_taking_part_lists_people_one_a_line_in_its_cell(tmp_path: Path) -> None:
    doc = WordDocument()
    doc.add_heading("Protokoll Werkstattnetz", 1)
    doc.add_paragraph("Datum: 24.03.2026")
    doc.add_heading("Anwesenheit", 2)
    grid = doc.add_table(rows=2, cols=3)
    for cell, text in zip(grid.rows[0].cells, ("vor Ort", "online", "entschuldigt"), strict=True):
        cell.text = text
    grid.rows[1].cells[0].text = "Bettina Roloff (Geschäftsstelle)\nTobias Wendland (IHK Lüneburg)"
    grid.rows[1].cells[1].text = "Marta Nowak (Zimmerei K.)\nDr. Ole Janssen (HWK Elbe)"
    grid.rows[1].cells[2].text = "Piet Harms (WiFö)"
    doc.add_heading("TOP 1 Haushalt", 2)
    doc.add_paragraph("Der Haushalt wird vorgestellt.")
    path = tmp_path / "Protokoll Werkstattnetz.docx"
    doc.save(str(path))
    parsed = dict(parse_file(path, path.name))
    assert [(p["name"], p["organisation_raw"], p["status"], p["note"]) for p in parsed["participants"]] == [
        ("Bettina Roloff", "Geschäftsstelle", PRESENT, "vor Ort"),
        ("Tobias Wendland", "IHK Lüneburg", PRESENT, "vor Ort"),
        ("Marta Nowak", "Zimmerei K.", PRESENT, "online"), ("Ole Janssen", "HWK Elbe", PRESENT, "online"),
        ("Piet Harms", "WiFö", EXCUSED, None)]
