"""Organisation and status of a participant read from what the list says, however it is written: an organisation
heading its people ('Für die HWK:', a bold line, a flat list of houses and people), a function before the house,
statuses said in a phrase, a legend's letter after the name, footnote marks, substitutes ('vertreten durch',
'in Vertretung für'), a status column whose header says nothing but whose values do, a registration export's
check-in, and names struck through (Markdown, Word, HTML).

All protocols here are written for these tests (fictional names and organisations); each test is a kind of
writing, not one file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document as WordDocument

from etl.core.registry import Registry
from etl.parse.file import parse_file
from tests.test_protocol_parse import parse_protocol


def registry() -> Registry:
    orgs = Registry("organisation")
    orgs.add("Handwerkskammer Talstadt", "HWK Talstadt", "HWK")
    orgs.add("Fachverband Holz und Form", "FHF")
    orgs.add("Industrie- und Handelskammer Bergland", "IHK Bergland", "IHK")
    orgs.add("Landesamt für Arbeitsschutz", "LAfA")
    orgs.add("Agentur für Arbeit Talstadt", "AfA Talstadt")
    return orgs


def who(parsed: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(p["name"], p["organisation"], p["status"]) for p in parsed["participants"]]


def sitzung(people: str, source: str = "notiz.md") -> dict[str, Any]:
    """A short protocol of the (fictional) Arbeitskreis Werkstatt with the lines given and one topic."""
    text = f"Protokoll Arbeitskreis Werkstatt\nDatum: 11.02.2026\n\n{people.strip(chr(10))}\n\n" \
           "TOP 1 Haushalt\nDer Haushalt wird beraten.\n"
    return parse_protocol(text.split("\n"), source, organisations=registry())


HWK, FHF, IHK, LAFA = ("Handwerkskammer Talstadt", "Fachverband Holz und Form",
                       "Industrie- und Handelskammer Bergland", "Landesamt für Arbeitsschutz")


@pytest.mark.parametrize("people", [
    "Anwesend:\nFür die HWK: Mira Olsen, Kai Brandt\nSeitens des FHF: Lotte Fink",
    "Anwesend:\n- Für die HWK:\n  - Mira Olsen\n  - Kai Brandt\n- Vom FHF:\n  - Lotte Fink",
    "Anwesend:\n\n**HWK Talstadt**\n- Mira Olsen\n- Kai Brandt\n\n**Fachverband Holz und Form**\n- Lotte Fink",
    "Anwesend:\n\nHWK:\n- Mira Olsen\n- Kai Brandt\n\nFHF:\n- Lotte Fink",
    "Anwesend:\n- Handwerkskammer Talstadt\n- Mira Olsen\n- Kai Brandt\n- FHF\n- Lotte Fink",
])
def test_an_organisation_heading_its_people_is_their_organisation_without_its_preposition(people: str) -> None:
    assert who(sitzung(people)) == [("Mira Olsen", HWK, "present"), ("Kai Brandt", HWK, "present"),
                                    ("Lotte Fink", FHF, "present")]


def test_a_function_written_before_the_house_leaves_the_house_as_organisation() -> None:
    parsed = sitzung("Anwesend:\n- Greta Holm (Referentin IHK Bergland)\n- Timo Vass (Geschäftsführer FHF)")
    assert [(p["name"], p["organisation"], p["note"]) for p in parsed["participants"]] == [
        ("Greta Holm", IHK, "Referentin"), ("Timo Vass", FHF, "Geschäftsführer")]


def test_statuses_said_in_a_phrase_with_commas() -> None:
    parsed = sitzung("""
Teilnehmerliste:
Mira Olsen (HWK) – zugesagt, teilgenommen
Kai Brandt (FHF) – angemeldet, aber nicht erschienen
Lotte Fink (IHK) – ohne Entschuldigung ferngeblieben
Greta Holm (LAfA) – terminlich verhindert
Timo Vass (HWK) – online zugeschaltet
""")
    assert who(parsed) == [("Mira Olsen", HWK, "present"), ("Kai Brandt", FHF, "absent"),
                           ("Lotte Fink", IHK, "absent"), ("Greta Holm", LAFA, "excused"),
                           ("Timo Vass", HWK, "present")]
    assert parsed["participants"][-1]["note"] == "online zugeschaltet"


def test_a_legend_letter_after_the_name_gives_the_status() -> None:
    parsed = sitzung("""
Anwesenheit (a = anwesend, e = entschuldigt, u = unentschuldigt, G = Gast):
Mira Olsen, HWK – a
Kai Brandt, FHF – e
Lotte Fink, IHK: u
Greta Holm, LAfA – G
""")
    assert who(parsed) == [("Mira Olsen", HWK, "present"), ("Kai Brandt", FHF, "excused"),
                           ("Lotte Fink", IHK, "absent"), ("Greta Holm", LAFA, "guest")]


def test_star_footnotes_under_a_tab_separated_list_give_the_status_of_the_marked_names() -> None:
    parsed = sitzung("Teilnehmende:\nMira Olsen\tHWK\nKai Brandt*\tFHF\nLotte Fink**\tTischlerei Fink, Talstadt\n"
                     "Timo Vass\tIHK\n\n*  entschuldigt\n** Gast", source="notiz.txt")
    assert who(parsed) == [("Mira Olsen", HWK, "present"), ("Kai Brandt", FHF, "excused"),
                           ("Lotte Fink", "Tischlerei Fink, Talstadt", "guest"), ("Timo Vass", IHK, "present")]


def test_superscript_footnotes_under_a_bulleted_list() -> None:
    parsed = sitzung("Anwesend:\n- Mira Olsen (HWK)\n- Kai Brandt (FHF)¹\n- Lotte Fink, IHK²\n\n¹ entschuldigt\n"
                     "² als Gast")
    assert who(parsed) == [("Mira Olsen", HWK, "present"), ("Kai Brandt", FHF, "excused"),
                           ("Lotte Fink", IHK, "guest")]


@pytest.mark.parametrize(("people", "expected"), [
    ("Anwesend: Mira Olsen (HWK), Kai Brandt (FHF, vertreten durch Lotte Fink)",
     [("Mira Olsen", HWK, "present"), ("Kai Brandt", FHF, "excused"), ("Lotte Fink", FHF, "present")]),
    ("Anwesend: Mira Olsen (HWK), Lotte Fink (FHF, in Vertretung für Kai Brandt)",
     [("Mira Olsen", HWK, "present"), ("Lotte Fink", FHF, "present"), ("Kai Brandt", FHF, "excused")]),
    ("Anwesend: Mira Olsen (HWK), Lotte Fink (FHF), die Kai Brandt vertrat",
     [("Mira Olsen", HWK, "present"), ("Lotte Fink", FHF, "present"), ("Kai Brandt", FHF, "excused")]),
    # the one stood in for is listed already: no second entry, and the entry keeps its status
    ("Anwesend:\n- Lotte Fink (FHF) i. V. für Herrn Brandt\n\nEntschuldigt:\n- Kai Brandt (FHF)",
     [("Lotte Fink", FHF, "present"), ("Kai Brandt", FHF, "excused")]),
    ("| Name | Organisation | Status |\n|---|---|---|\n| Mira Olsen | HWK | anwesend |\n"
     "| Kai Brandt | FHF | vertreten durch Lotte Fink |",
     [("Mira Olsen", HWK, "present"), ("Kai Brandt", FHF, "excused"), ("Lotte Fink", FHF, "present")]),
])
def test_a_substitute_is_present_and_the_one_stood_in_for_excused(people: str, expected: list[tuple[Any, ...]]) -> None:
    assert who(sitzung(people)) == expected


@pytest.mark.parametrize(("header", "values", "expected"), [
    ("da?", ("ja", "nein", "e"), ("present", "absent", "excused")),
    ("Rückmeldung", ("zugesagt, teilgenommen", "abgesagt", "Gast"), ("present", "excused", "guest")),
])
def test_a_status_column_is_known_by_its_values_when_its_header_says_nothing(
        header: str, values: tuple[str, str, str], expected: tuple[str, str, str]) -> None:
    rows = "\n".join(f"| {name} | {org} | {value} |" for (name, org), value in
                     zip((("Mira Olsen", "HWK"), ("Kai Brandt", "FHF"), ("Lotte Fink", "IHK")), values, strict=True))
    parsed = sitzung(f"Teilnehmende:\n\n| Name | Haus | {header} |\n|---|---|---|\n{rows}")
    assert who(parsed) == [("Mira Olsen", HWK, expected[0]), ("Kai Brandt", FHF, expected[1]),
                           ("Lotte Fink", IHK, expected[2])]


def test_a_registration_export_gives_present_by_check_in_excused_by_cancellation_and_absent_without() -> None:
    parsed = sitzung("""
Teilnehmende:

| Vorname | Nachname | Organisation | Anmeldestatus | Check-in |
|---|---|---|---|---|
| Mira | Olsen | HWK | bestätigt | 09:41 |
| Kai | Brandt | FHF | storniert | |
| Lotte | Fink | IHK | bestätigt | |
| Greta | Holm | Tischlerei Holm | bestätigt (Gast) | 10:02 |
""")
    assert who(parsed) == [("Mira Olsen", HWK, "present"), ("Kai Brandt", FHF, "excused"),
                           ("Lotte Fink", IHK, "absent"), ("Greta Holm", "Tischlerei Holm", "guest")]


def test_a_name_struck_through_in_markdown_did_not_come() -> None:
    parsed = sitzung("Anwesend: Mira Olsen (HWK), ~~Kai Brandt (FHF)~~, Lotte Fink (IHK)")
    assert who(parsed) == [("Mira Olsen", HWK, "present"), ("Kai Brandt", FHF, "excused"),
                           ("Lotte Fink", IHK, "present")]


def test_a_name_struck_through_in_a_word_table_did_not_come(tmp_path: Path) -> None:
    doc = WordDocument()
    doc.add_paragraph("Protokoll Arbeitskreis Werkstatt, 11.02.2026")
    doc.add_heading("Teilnehmende", level=2)
    table = doc.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Name", "Organisation"
    for name, org, struck in (("Mira Olsen", "HWK", False), ("Kai Brandt", "FHF", True)):
        cells = table.add_row().cells
        first, second = cells[0].paragraphs[0].add_run(name.split()[0] + " "), cells[0].paragraphs[0].add_run(
            name.split()[1])
        first.font.strike = second.font.strike = struck  # one name in two runs, both struck
        cells[1].text = org
    doc.add_heading("TOP 1 Haushalt", level=2)
    doc.add_paragraph("Der Haushalt wird beraten.")
    path = tmp_path / "werkstatt.docx"
    doc.save(str(path))
    parsed = dict(parse_file(path, path.name, organisations=registry()))
    assert who(parsed) == [("Mira Olsen", HWK, "present"), ("Kai Brandt", FHF, "excused")]


def test_a_name_struck_through_on_a_web_page_did_not_come(tmp_path: Path) -> None:
    path = tmp_path / "werkstatt.html"
    path.write_text("<html><body><h1>Protokoll Arbeitskreis Werkstatt</h1><p>Datum: 11.02.2026</p>"
                    "<p>Anwesend: Mira Olsen (HWK), <s>Kai Brandt (FHF)</s>, Lotte Fink (IHK)</p>"
                    "<h2>TOP 1 Haushalt</h2><p>Der Haushalt wird beraten.</p></body></html>", "utf-8")
    parsed = dict(parse_file(path, path.name, organisations=registry()))
    assert who(parsed) == [("Mira Olsen", HWK, "present"), ("Kai Brandt", FHF, "excused"),
                           ("Lotte Fink", IHK, "present")]


@pytest.mark.parametrize("label", ["Als Gast zu TOP 2:", "Gäste zum Schwerpunkt Holz:", "Externe Teilnehmende:",
                                   "Gastreferentin:"])
def test_guests_labelled_by_topic_or_as_external(label: str) -> None:
    parsed = sitzung(f"Anwesend: Mira Olsen (HWK), Kai Brandt (FHF)\n{label} Greta Holm, Tischlerei Holm")
    assert who(parsed) == [("Mira Olsen", HWK, "present"), ("Kai Brandt", FHF, "present"),
                           ("Greta Holm", "Tischlerei Holm", "guest")]


def test_a_sentence_below_the_list_gives_a_listed_person_their_status() -> None:
    parsed = sitzung("Teilnehmende: Mira Olsen (HWK), Kai Brandt (FHF), Lotte Fink (IHK)\n\n"
                     "Herr Brandt hatte sich vorab entschuldigt.")
    assert who(parsed) == [("Mira Olsen", HWK, "present"), ("Kai Brandt", FHF, "excused"),
                           ("Lotte Fink", IHK, "present")]


def test_an_excused_person_represented_by_someone_with_their_own_parentheses() -> None:
    parsed = sitzung("Anwesend: Mira Olsen (HWK)\nEntschuldigt: Kai Brandt (FHF) – vertreten durch Lotte Fink (FHF)")
    assert who(parsed) == [("Mira Olsen", HWK, "present"), ("Kai Brandt", FHF, "excused"),
                           ("Lotte Fink", FHF, "present")]


def test_a_unit_in_parentheses_under_its_house_keeps_the_house_as_organisation() -> None:
    parsed = sitzung("Teilnehmende:\nLAfA: Dr. Greta Holm (Ref. 23), Timo Vass (Abteilung II, Protokoll)\n"
                     "HWK: Mira Olsen")
    assert [(p["name"], p["organisation"], p["note"]) for p in parsed["participants"]] == [
        ("Greta Holm", LAFA, "Ref. 23"), ("Timo Vass", LAFA, "Protokoll; Abteilung II"), ("Mira Olsen", HWK, None)]


def test_an_organisation_with_words_cut_short_is_the_one_of_the_registry() -> None:
    parsed = sitzung("Anwesend: Mira Olsen (Agentur f. Arbeit), Kai Brandt (Industrie- u. Handelskammer Bergland)")
    assert who(parsed) == [("Mira Olsen", "Agentur für Arbeit Talstadt", "present"), ("Kai Brandt", IHK, "present")]


def test_a_tick_or_a_cross_after_each_name_says_who_came() -> None:
    parsed = sitzung("Teilnehmende:\n- Mira Olsen (HWK) ✓\n- Kai Brandt (FHF) ✗\n- Lotte Fink, IHK – ✔")
    assert who(parsed) == [("Mira Olsen", HWK, "present"), ("Kai Brandt", FHF, "absent"),
                           ("Lotte Fink", IHK, "present")]


@pytest.mark.parametrize(("label", "status"), [
    ("Ohne Entschuldigung fehlten:", "absent"), ("Kurzfristig abgesagt haben:", "excused"),
    ("Krankheitsbedingt fehlte:", "excused"), ("Leider verhindert waren:", "excused"),
    ("Angemeldet, aber nicht erschienen:", "absent"), ("Als Gäste nahmen teil:", "guest"), ("Es fehlte:", "absent"),
])
def test_status_labels_in_everyday_sentences_on_their_own_line_below_the_list(label: str, status: str) -> None:
    parsed = sitzung(f"Anwesend: Mira Olsen (HWK)\nOnline zugeschaltet: Kai Brandt (FHF)\n{label} Lotte Fink (IHK)")
    assert who(parsed) == [("Mira Olsen", HWK, "present"), ("Kai Brandt", FHF, "present"), ("Lotte Fink", IHK, status)]
