"""Participants in documents (Word, RTF, ODT, saved web pages) written the ways offices write attendance.

Each test is a kind of writing as the readers hand it to the parser (blocks in memory, no file built): a table of
names with a status word and no header or label over it, organisation lines whose status stands between dashes,
one column of people per status, a wiki heading behind a pictogram, a line of people labelled by how they took
part. All names and organisations are fictional and written for these tests.
"""

from __future__ import annotations

from typing import Any

from etl.core.registry import Registry
from etl.extract.document import Block, Document
from etl.parse import parse_document
from etl.parse.roles import ABSENT, EXCUSED, GUEST, PRESENT


def houses() -> Registry:
    registry = Registry("organisation")
    registry.add("Tischler-Innung Oberland", "Tischler-Innung")
    registry.add("Stadtwerke Kaltenbach", "Stadtwerke")
    registry.add("Landratsamt Kaltenbach", "LRA")
    registry.add("Bäckerei Wendelin & Söhne", "Bäckerei Wendelin")
    return registry


def parse(*blocks: Block, fmt: str = "rtf") -> dict[str, Any]:
    head = [Block("paragraph", "Beirat Ausbildung – Notizen vom 12.03.2026, 15:00–16:30 Uhr", 1)]
    return dict(parse_document(Document(f"notizen.{fmt}", head + list(blocks), {}, fmt), organisations=houses()))


def who(parsed: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(p["name"], p["organisation_raw"], p["status"], p["note"]) for p in parsed["participants"]]


def table(rows: list[tuple[str, ...]], line: int = 2, header_rows: int = 0) -> Block:
    return Block("table", "\n".join(" | ".join(r) for r in rows), line, rows=tuple(rows), header_rows=header_rows,
                 row_lines=tuple(line + i for i in range(len(rows))))


def paragraphs(*texts: str, line: int = 3) -> list[Block]:
    return [Block("paragraph", text, line + i) for i, text in enumerate(texts)]


# --- a table of names with status words, no header, no label ------------------------------------------------


def test_a_table_without_header_whose_last_column_says_who_came_is_the_attendance() -> None:
    parsed = parse(table([("Sabine Wendler", "Tischler-Innung", "anwesend"),
                          ("Max Kröger", "Stadtwerke", "entschuldigt"),
                          ("Tomasz Zieliński", "Bäckerei Wendelin", "anwesend"),
                          ("Ole Brandt", "LRA", "Protokoll")]),
                   Block("paragraph", "Ergebnis: Der Ausbildungstag findet am 20.05.2026 statt.", 7))
    assert who(parsed) == [("Sabine Wendler", "Tischler-Innung", PRESENT, None),
                           ("Max Kröger", "Stadtwerke", EXCUSED, None),
                           ("Tomasz Zieliński", "Bäckerei Wendelin", PRESENT, None),
                           ("Ole Brandt", "LRA", PRESENT, "Protokoll")]


def test_a_table_without_header_of_who_does_what_by_when_names_no_participants() -> None:
    parsed = parse(Block("paragraph", "Anwesend: Sabine Wendler, Max Kröger", 2),
                   Block("heading", "Ausbildungstag", 3, level=2),
                   table([("Ida Kühn", "Einladung verschicken", "bis 30.03."),
                          ("Ole Brandt", "Raum buchen", "erledigt")], line=4))
    assert who(parsed) == [("Sabine Wendler", None, PRESENT, None), ("Max Kröger", None, PRESENT, None)]


# --- organisation lines, a status between dashes ------------------------------------------------------------


def test_organisation_lines_one_paragraph_each_with_an_organisation_excused_between_dashes() -> None:
    parsed = parse(Block("heading", "Teilnehmer", 2, level=3),
                   *paragraphs("Landratsamt Kaltenbach: Kühn (Vorsitz), Pfeiffer",
                               "Stadtwerke: – abgesagt –",
                               "Tischler-Innung: Obermeister Haslinger, Dr. Vogt (Niederschrift)",
                               "Bäckerei Wendelin: Frau Wendelin"), fmt="html")
    assert who(parsed) == [("Kühn", "Landratsamt Kaltenbach", PRESENT, "Vorsitz"),
                           ("Pfeiffer", "Landratsamt Kaltenbach", PRESENT, None),
                           ("Haslinger", "Tischler-Innung", PRESENT, "Obermeister"),
                           ("Vogt", "Tischler-Innung", PRESENT, "Niederschrift"),
                           ("Wendelin", "Bäckerei Wendelin", PRESENT, None)]


# --- one column of people per status ------------------------------------------------------------------------


def test_a_column_per_status_with_several_people_in_one_cell_is_no_head_field() -> None:
    parsed = parse(table([("Teilgenommen", "Abgesagt"),
                          ("Sabine Wendler, Tischler-Innung / Max Kröger, Stadtwerke / Ole Brandt (Protokoll)",
                           "Dr. Haslinger / Ida Kühn (LRA)")]), fmt="odt")
    assert who(parsed) == [("Sabine Wendler", "Tischler-Innung", PRESENT, None),
                           ("Max Kröger", "Stadtwerke", PRESENT, None),
                           ("Ole Brandt", None, PRESENT, "Protokoll"),
                           ("Haslinger", None, EXCUSED, None),
                           ("Ida Kühn", "LRA", EXCUSED, None)]


# --- a wiki page: pictograms before headings, a line labelled by how people took part -----------------------


def test_a_heading_behind_a_pictogram_and_a_line_of_people_who_joined_online() -> None:
    items = [Block("list_item", text, 3 + i, marker="•") for i, text in enumerate(
        ("Sabine Wendler", "Max Kröger (Gastgeber)"))]
    parsed = parse(Block("heading", "🙋 Teilnehmende", 2, level=2), *items,
                   Block("paragraph", "Per Video: Ida Kühn (LRA), Ole Brandt", 5),
                   Block("list_item", "Tomasz Zieliński – krank", 6, marker="•"),
                   Block("heading", "🗳️ Beschlüsse", 7, level=2),
                   Block("list_item", "Der Ausbildungstag wird verschoben.", 8, marker="•"), fmt="html")
    assert who(parsed) == [("Sabine Wendler", None, PRESENT, None),
                           ("Max Kröger", None, PRESENT, "Gastgeber"),
                           ("Ida Kühn", "LRA", PRESENT, "Per Video"),
                           ("Ole Brandt", None, PRESENT, "Per Video"),
                           ("Tomasz Zieliński", None, EXCUSED, None)]
    assert len(parsed["decisions"]) == 1


# --- the head written as sentences; a headcount that names some ---------------------------------------------


def test_a_paragraph_of_labelled_sentences_names_chair_writer_members_and_guest() -> None:
    parsed = parse(Block("paragraph", "Leitung: Obermeisterin Edith Lanz. Schriftführung: Bernd Rau (Stadtwerke). "
                         "Anwesend gem. Anwesenheitsliste 17 Mitglieder; namentlich genannt: Ida Kühn, Ole Brandt. "
                         "Als Gast: Dr. Tomasz Zieliński (LRA).", 2),
                   Block("paragraph", "TOP 1: Der Haushalt wird einstimmig beschlossen.", 3))
    assert sorted(who(parsed)) == [("Bernd Rau", "Stadtwerke", PRESENT, "Protokoll"),
                                   ("Edith Lanz", None, PRESENT, "Obermeisterin; Moderation"),
                                   ("Ida Kühn", None, PRESENT, None), ("Ole Brandt", None, PRESENT, None),
                                   ("Tomasz Zieliński", "LRA", GUEST, None)]


def test_a_headcount_of_members_present_that_names_some_of_them() -> None:
    parsed = parse(*paragraphs("Versammlungsleiterin: Ida Kühn (2. Vorsitzende)",
                               "Anwesende Mitglieder laut Liste: 11, darunter Ole Brandt, Sabine Wendler und "
                               "Max Kröger. Die Versammlung ist beschlussfähig.",
                               "Entschuldigt: Tomasz Zieliński", line=2), fmt="odt")
    assert sorted(who(parsed)) == [("Ida Kühn", None, PRESENT, "2. Vorsitzende; Moderation"),
                                   ("Max Kröger", None, PRESENT, None), ("Ole Brandt", None, PRESENT, None),
                                   ("Sabine Wendler", None, PRESENT, None), ("Tomasz Zieliński", None, EXCUSED, None)]


# --- an outline: the status as the parent item of its people ------------------------------------------------


def test_an_outline_with_each_status_as_the_parent_item_of_its_people() -> None:
    def item(text: str, line: int, level: int) -> Block:
        return Block("list_item", text, line, level=level, marker="-")
    parsed = parse(item("Teilnehmende", 2, 0), item("Sabine Wendler (Tischler-Innung)", 3, 1),
                   item("Ole Brandt – schreibt mit", 4, 1), item("Ida Kühn (neu im Team)", 5, 1),
                   item("Dr. Max Kröger (Stadtwerke) – Gast, Impuls zur Wärmepumpe", 6, 1),
                   item("Entschuldigt", 7, 0), item("Tomasz Zieliński (LRA) – Urlaub", 8, 1),
                   item("Bericht Ausbildungstag", 9, 0), item("Die Innung stellt drei Stände.", 10, 1), fmt="md")
    assert who(parsed) == [("Sabine Wendler", "Tischler-Innung", PRESENT, None),
                           ("Ole Brandt", None, PRESENT, "schreibt mit"),
                           ("Ida Kühn", None, PRESENT, "neu im Team"),
                           ("Max Kröger", "Stadtwerke", GUEST, "Impuls zur Wärmepumpe"),
                           ("Tomasz Zieliński", "LRA", EXCUSED, None)]


# --- tables of members and of who came for a house ----------------------------------------------------------


def test_a_member_table_whose_vertreten_durch_column_names_who_came_instead() -> None:
    parsed = parse(table([("Mitglied", "Haus", "dabei?", "Vertretung durch"),
                          ("Sabine Wendler", "Tischler-Innung", "ja", ""),
                          ("Max Kröger", "Stadtwerke", "nein", "Ida Kühn"),
                          ("Ole Brandt", "LRA", "nein", "")], header_rows=1), fmt="docx")
    assert who(parsed) == [("Sabine Wendler", "Tischler-Innung", PRESENT, None),
                           ("Max Kröger", "Stadtwerke", EXCUSED, "vertreten durch Ida Kühn"),
                           ("Ida Kühn", "Stadtwerke", PRESENT, None),
                           ("Ole Brandt", "LRA", ABSENT, None)]


def test_civil_service_ranks_before_surnames_in_a_cell_of_people_per_house() -> None:
    parsed = parse(table([("Behörde", "Vertreten durch"),
                          ("Landratsamt Kaltenbach", "Frau ORRin Kühn / Herr Brandt (Vermerk)"),
                          ("Staatliches Berufsschulzentrum", "Herr OStD Haslinger"),
                          ("Stadtwerke", "Herr StR Kröger")], header_rows=1), fmt="docx")
    assert who(parsed) == [("Kühn", "Landratsamt Kaltenbach", PRESENT, None),
                           ("Brandt", "Landratsamt Kaltenbach", PRESENT, "Vermerk"),
                           ("Haslinger", "Staatliches Berufsschulzentrum", PRESENT, None),
                           ("Kröger", "Stadtwerke", PRESENT, None)]
    assert [p["title"] for p in parsed["participants"]] == ["ORRin", None, "OStD", "StR"]


# --- a running sentence of full names -----------------------------------------------------------------------


def test_two_given_names_before_one_surname_are_two_people_of_one_family() -> None:
    parsed = parse(Block("paragraph", "Anwesend waren Sabine Wendler (Tischler-Innung), Jana und Piotr Nowak "
                         "(Bäckerei Wendelin) sowie Ole Brandt, der das Protokoll führte.", 2), fmt="pdf")
    assert who(parsed)[:3] == [("Sabine Wendler", "Tischler-Innung", PRESENT, None),
                               ("Jana Nowak", "Bäckerei Wendelin", PRESENT, None),
                               ("Piotr Nowak", "Bäckerei Wendelin", PRESENT, None)]
    assert [p["name"] for p in parsed["participants"]][3:] == ["Ole Brandt"]
