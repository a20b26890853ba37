"""Statuses as any mark or word, and people named in a table's remarks: a substitute ('vertreten durch …') takes
part for the row's organisation and makes the row's 'nein' an excused absence, as a reason ('krank') does; a
remark may name someone else with a status ('Fr. Ohm entschuldigt', 'abgesagt (Hr. Kern)'); a status letter in
parentheses after a name ('(a)', '(e)', '(G)') is no organisation, nor is a footnote mark part of a name; a
double name wrapped in a table cell ('Karl- Heinz') stays one name.

Every protocol here is written for these tests (fictional names and organisations).
"""

from __future__ import annotations

from typing import Any

from etl.extract.document import Block
from tests.test_protocol_meaning import parse_blocks
from tests.test_protocol_parse import parse_protocol


def who(parsed: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(p["name"], p["organisation_raw"], p["status"]) for p in parsed["participants"]]


def table(*rows: tuple[str, ...]) -> Block:
    return Block("table", "\n".join(" | ".join(r) for r in rows), 3, rows=tuple(rows), header_rows=1,
                 row_lines=tuple(3 + i for i in range(len(rows))))


def test_a_substitute_in_the_remarks_takes_part_and_the_reason_excuses() -> None:
    parsed = parse_blocks(table(
        ("Teilnehmende", "Organisation", "anwesend", "Vertretung / Bemerkung"),
        ("Jana Rieck", "Berufsschule Talstadt", "ja", "Sprecherin"),
        ("Udo Kranich", "Kreishandwerkerschaft Talstadt", "nein", "vertreten durch Lisa Ohm"),
        ("Mira Sadowski", "IHK Talstadt", "nein", "krank"),
        ("Olaf Brink", "Tischler-Innung", "nein", "")))
    assert who(parsed) == [
        ("Jana Rieck", "Berufsschule Talstadt", "present"),
        ("Udo Kranich", "Kreishandwerkerschaft Talstadt", "excused"),
        ("Lisa Ohm", "Kreishandwerkerschaft Talstadt", "present"),
        ("Mira Sadowski", "IHK Talstadt", "excused"), ("Olaf Brink", "Tischler-Innung", "absent")]


def test_a_remark_naming_someone_with_a_status_adds_that_person() -> None:
    parsed = parse_blocks(table(
        ("Einrichtung", "Teilnehmende", "Bemerkung"),
        ("Handwerkskammer Talstadt", "Ruhl, Jana; Brink, Olaf", "Fr. Sadowski entschuldigt"),
        ("Landesministerium", "–", "abgesagt (Hr. Kranich)"),
        ("Tischler-Innung", "Ohm, Lisa", "Fr. Ohm Protokoll"),
        ("Verband Talstadt", "Karl- Heinz Bredemeier", "")))
    assert who(parsed) == [
        ("Jana Ruhl", "Handwerkskammer Talstadt", "present"), ("Olaf Brink", "Handwerkskammer Talstadt", "present"),
        ("Sadowski", "Handwerkskammer Talstadt", "excused"), ("Kranich", "Landesministerium", "excused"),
        ("Lisa Ohm", "Tischler-Innung", "present"), ("Karl-Heinz Bredemeier", "Verband Talstadt", "present")]


def test_status_letters_in_parentheses_and_footnote_marks() -> None:
    parsed = parse_protocol([
        "Protokoll AK Gesundheit", "Datum: 15.03.2026", "",
        "Teilnehmerkreis: Dr. Lena Weiß (a), Tomas Rahn (a)¹, Uwe Brink (e), Dr. Kerem Aslan (G), Ines Vogt (u)",
        "a = anwesend, e = entschuldigt, G = Gast, u = unentschuldigt", "¹ zeitweise, ab TOP 2", "",
        "TOP 1 Schwerpunkt", "Die Fachgruppe legt den Schwerpunkt fest."], "notiz.txt")
    assert who(parsed) == [("Lena Weiß", None, "present"), ("Tomas Rahn", None, "present"),
                           ("Uwe Brink", None, "excused"), ("Kerem Aslan", None, "guest"),
                           ("Ines Vogt", None, "absent")]


def test_status_columns_headed_by_short_forms_or_by_all_their_values() -> None:
    letters = parse_blocks(table(("Name", "Organisation", "St.", "Bemerkung"), ("Ruhl, Jana", "Kammer", "a", ""),
                                 ("Brink, Olaf", "Innung", "e", ""), ("Sadowski, Mira", "Verband", "u", ""),
                                 ("Ohm, Lisa", "Ministerium", "G", "zu TOP 2")))
    assert who(letters) == [("Jana Ruhl", "Kammer", "present"), ("Olaf Brink", "Innung", "excused"),
                            ("Mira Sadowski", "Verband", "absent"), ("Lisa Ohm", "Ministerium", "guest")]
    short = parse_blocks(table(("Name", "Institution", "anw.", "entsch.", "unentsch."),
                               ("Ruhl, Jana", "Kammer", "x", "", ""), ("Brink, Olaf", "Innung", "", "x", ""),
                               ("Sadowski, Mira", "Verband", "", "", "x")))
    assert [p["status"] for p in short["participants"]] == ["present", "excused", "absent"]
    mixed = parse_blocks(table(("Teilnehmende", "Organisation", "vor Ort / online / entschuldigt"),
                               ("Jana Ruhl", "Kammer", "vor Ort"), ("Olaf Brink", "Innung", "online"),
                               ("Mira Sadowski", "Verband", "entschuldigt")))
    assert [p["status"] for p in mixed["participants"]] == ["present", "present", "excused"]
    unheaded = parse_blocks(table(("Name", "Institution", ""), ("Jana Ruhl", "Kammer", "Leitung"),
                                  ("Olaf Brink", "Innung", "entschuldigt"), ("Mira Sadowski", "Verband", "n. e.")))
    assert [(p["status"], p["note"]) for p in unheaded["participants"]] == [
        ("present", "Leitung"), ("excused", None), ("absent", None)]


def test_an_organisation_cell_is_kept_whole_and_remarks_in_parentheses_are_notes() -> None:
    parsed = parse_blocks(table(
        ("Name", "Organisation", "Bemerkung"),
        ("Vera Engel", "Engel Elektrotechnik, Bad Pyrmont", "Gast"),
        ("Tim Vogt", "Stadt Talstadt, Wirtschaftsförderung", ""),
        ("Dr. Hagen Kluge", "Ministerium (Nds. MW)", ""),
        ("Jana Ruhl", "Kammer, online", "")))
    assert who(parsed) == [("Vera Engel", "Engel Elektrotechnik, Bad Pyrmont", "guest"),
                           ("Tim Vogt", "Stadt Talstadt, Wirtschaftsförderung", "present"),
                           ("Hagen Kluge", "Ministerium (Nds. MW)", "present"), ("Jana Ruhl", "Kammer", "present")]
    text = parse_protocol(["Protokoll AK Digital", "Datum: 09.04.2026", "",
                           "Teilnehmende: Jean Morel (Kammer, per Video zugeschaltet von 10.00 bis 12.30), "
                           "Anja Rein (Verband, fernmündlich zugeschaltet), Ronja Lind (vorher AK Gesundheit)", "",
                           "TOP 1 Bericht", "Frau Rein berichtet."], "notiz.txt")
    assert who(text) == [("Jean Morel", "Kammer", "present"), ("Anja Rein", "Verband", "present"),
                         ("Ronja Lind", None, "present")]
