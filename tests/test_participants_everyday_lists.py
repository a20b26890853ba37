"""Who came, as quick notes and short mails say it: 'Da waren:', 'Wir waren zu viert:', people by first name
alone, and the writer among them as 'ich'.

The first person names nobody in a list; in a mail it is the sender. A list that names people by one name
each (first name or surname) keeps each as its own person when it also names someone in full or with an
organisation. All texts are written for these tests (fictional names); each test is a kind of writing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.parse.entries import without_writer
from etl.parse.file import parse_file
from etl.parse.roles import ABSENT, PRESENT, role_of
from tests.test_participants_meaning import text_file, who


def note(people: str) -> list[tuple[object, ...]]:
    return who(text_file(f"""
Treffen Werkstattrunde
Datum: 16.06.2026

{people}

TOP 1 Sommerfest
Das Sommerfest wird beschlossen.
"""))


@pytest.mark.parametrize(("label", "role"), [
    ("Da waren", PRESENT), ("Waren da", PRESENT), ("Da", PRESENT), ("**da:**", PRESENT),
    ("Wir waren zu viert", PRESENT), ("Wir waren heute zu fünft", PRESENT), ("Wir waren", PRESENT),
    ("Nicht da", ABSENT), ("Dazu", None), ("Daten", None),
])
def test_everyday_labels_of_who_was_there(label: str, role: str | None) -> None:
    assert role_of(label) == role


def test_first_names_after_da_waren_are_people_and_the_writer_is_not_a_name() -> None:
    assert note("Da waren: Ilka, Piet, Meral (IHK) und ich") == [
        ("Ilka", None, PRESENT), ("Piet", None, PRESENT), ("Meral", "IHK", PRESENT)]


def test_the_writer_in_the_middle_of_a_list_leaves_the_others_as_they_are() -> None:
    assert note("Anwesend: Ilka Dierks (IHK), ich, Piet Harms (HWK)") == [
        ("Ilka Dierks", "IHK", PRESENT), ("Piet Harms", "HWK", PRESENT)]


def test_a_sentence_with_the_writer_at_its_end_lists_the_others() -> None:
    assert note("Anwesend waren Ilka Dierks, Piet Harms und ich.") == [
        ("Ilka Dierks", None, PRESENT), ("Piet Harms", None, PRESENT)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Ilka, Piet und ich", ("Ilka, Piet", True)),
    ("ich, Ilka Dierks", ("Ilka Dierks", True)),
    ("Ilka, ich, Piet", ("Ilka; Piet", True)),
    ("Piet Harms und ich (Protokoll).", ("Piet Harms", True)),
    ("Heinrich Ich, Ilka", ("Heinrich Ich, Ilka", False)),  # a name that happens to hold the word
    ("Friedrich Michel", ("Friedrich Michel", False)),
])
def test_the_first_person_piece_is_cut_from_a_list(text: str, expected: tuple[str, bool]) -> None:
    assert without_writer(text) == expected


def test_nouns_listed_in_a_sentence_are_no_people() -> None:
    assert note("An der Sitzung nahmen Vorstand, Geschäftsführung und Gäste teil.") == []


MAIL = """\
From: Jonas Wiebe <jonas.wiebe@example.org>
To: werkstattrunde@example.org
Subject: Notizen Werkstattrunde
Date: Tue, 16 Jun 2026 21:48:00 +0200
Content-Type: text/plain; charset=utf-8

Hallo zusammen,

kurz die Notizen vom Treffen heute (16.6.26, 9-10 Uhr, Geschäftsstelle):
Da waren: Ilka, Piet, Meral (IHK) und ich

- Sommerfest: Termin steht, Entscheidung: wir feiern am 10.7.

Viele Grüße
Jonas
"""


def test_a_mail_names_its_sender_for_ich_and_keeps_the_first_names_apart(tmp_path: Path) -> None:
    path = tmp_path / "Notizen Werkstattrunde.eml"
    path.write_text(MAIL, "utf-8")
    parsed = dict(parse_file(path, path.name))
    assert [(p["name"], p["organisation_raw"], p["status"]) for p in parsed["participants"]] == [
        ("Ilka", None, PRESENT), ("Piet", None, PRESENT), ("Meral", "IHK", PRESENT), ("Jonas Wiebe", None, PRESENT)]


def test_a_name_ending_one_bullet_and_a_first_name_opening_the_next_are_not_one_person() -> None:
    parsed = text_file("""
Treffen Werkstattrunde
Datum: 16.06.2026

Da waren: Ilka, Piet, Meral (IHK)

- Sommerfest: die Rede hält Prof. Harms
- Piet schickt bis 20.6. die Einladung
""")
    assert who(parsed) == [("Ilka", None, PRESENT), ("Piet", None, PRESENT), ("Meral", "IHK", PRESENT)]


def test_an_even_number_of_first_names_with_the_writer_are_people_not_surname_first_pairs() -> None:
    assert note("Wir waren zu fünft: Ilka, Piet, Meral, Jonas (HWK) und ich.") == [
        ("Ilka", None, PRESENT), ("Piet", None, PRESENT), ("Meral", None, PRESENT), ("Jonas", "HWK", PRESENT)]


def test_the_writer_between_a_first_name_and_a_full_name_keeps_them_two_people() -> None:
    assert note("Da waren: Ilka, ich, Piet Harms (HWK)") == [("Ilka", None, PRESENT), ("Piet Harms", "HWK", PRESENT)]
