"""Tasks written as notes with arrows, as people jot them down in a call or a short round: the owner before the
arrow and the work after it, the work before and the owner after, several joined by a semicolon, the deadline after
the arrow; owners by first name, with a function in front ('OM Lübbe') or by initials that keep a particle
('HvdL'), and a surname the master data knows although the list above lacks the person (all names fictional)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from etl.build.preview import parse_one
from etl.parse.file import parse_file

HEAD = textwrap.dedent("""\
    Telefonkonferenz Fachgruppe Betriebsnachfolge, 14.05.2025

    Dabei: Greta Wollenhaupt, Niklas Ebeling, Hanna van der Linde, Piet Lübbe, Svea Marhold

    Kurz besprochen: Stand der Umfrage, Termine im Herbst.

    """)


def parsed(tmp_path: Path, body: str) -> dict[str, Any]:
    path = tmp_path / "telko.txt"
    path.write_text(HEAD + textwrap.dedent(body), encoding="utf-8")
    return dict(parse_file(path))


def tasks(tmp_path: Path, body: str) -> list[tuple[Any, ...]]:
    return [(t["text"], t["owners"], t["due"]) for t in parsed(tmp_path, body)["action_items"]]


def test_the_owner_before_the_arrow_does_what_follows_it(tmp_path: Path) -> None:
    body = """\
        Aufgaben
        Greta -> Rückmeldungen der Innungen sammeln (bis 30.5.)
        Niklas + Svea -> Fragebogen kürzen
        Piet -> Folien rumschicken
        """
    assert tasks(tmp_path, body) == [
        ("Rückmeldungen der Innungen sammeln", ["Greta Wollenhaupt"], "2025-05-30"),
        ("Fragebogen kürzen", ["Niklas Ebeling", "Svea Marhold"], None),
        ("Folien rumschicken", ["Piet Lübbe"], None)]


def test_the_owner_after_the_arrow_and_two_tasks_joined_by_a_semicolon(tmp_path: Path) -> None:
    body = "Flyer an die Betriebe verteilen → Ebeling bis 13.06.; Pressenotiz → Marhold\n"
    assert tasks(tmp_path, body) == [("Flyer an die Betriebe verteilen", ["Niklas Ebeling"], "2025-06-13"),
                                     ("Pressenotiz", ["Svea Marhold"], None)]


def test_a_function_before_the_name_and_initials_with_a_particle(tmp_path: Path) -> None:
    body = """\
        Erledigen:
        - OM Lübbe, Frau Wollenhaupt: Betriebe für die Umfrage benennen -> Juni
        - HvdL: Raum für das Herbsttreffen anfragen -> bis 20.6.
        """
    assert tasks(tmp_path, body) == [
        ("Betriebe für die Umfrage benennen", ["Piet Lübbe", "Greta Wollenhaupt"], "2025-06-30"),
        ("Raum für das Herbsttreffen anfragen", ["Hanna van der Linde"], "2025-06-20")]


def test_an_arrow_in_a_sentence_that_names_no_owner_gives_no_task(tmp_path: Path) -> None:
    body = "Svea regt eine zweite Umfrage an -> alle dafür, wird Schwerpunkt im Herbst\n"
    assert tasks(tmp_path, body) == []


def test_a_surname_the_master_data_knows_owns_the_task_by_its_full_name(tmp_path: Path) -> None:
    source = tmp_path / "quelle"
    source.mkdir()
    (source / "organisations.csv").write_text("name,short_name,aliases\nKammer Nord,KN,\n", encoding="utf-8")
    (source / "people.csv").write_text("name,organisation\nJosefine Quast,KN\nNiklas Ebeling,KN\n", encoding="utf-8")
    path = tmp_path / "telko.txt"
    path.write_text(HEAD + "Aufgaben\nBroschüre an die Kammern schicken -> Quast bis 27.06.\n", encoding="utf-8")
    result, _ = parse_one(path, source)
    assert [(t["owners"], t["due"]) for t in result["action_items"]] == [(["Josefine Quast"], "2025-06-27")]


def test_the_work_before_the_arrow_is_the_last_clause_of_a_wrapped_item(tmp_path: Path) -> None:
    body = """\
        1. Herbstmesse: Termin am 08.10. bestätigt, Aufnahme in den Newsletter
           -> Marhold bis 16.6.
        """
    assert tasks(tmp_path, body) == [("Aufnahme in den Newsletter", ["Svea Marhold"], "2025-06-16")]
