"""Tasks laid out in fields rather than sentences, as offices type them into plain text and Word: 'V:' and 'T:'
lines (Verantwortlich, Termin) with the work beside or below them, a typed header line 'Wer - Was - Wann' over lines
cut the same way, tasks listed under 'Festlegungen', a unit with its person in brackets and a date closing the line.
An offer, a signature and a legend of symbols are no tasks (all names and protocols fictional)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from etl.parse.file import parse_file

HEAD = textwrap.dedent("""\
    Protokoll Fachgruppe Holz und Bau
    Sitzung am 16.10.2025 in Verden

    Anwesend: Frauke Ossenbrügge, Lennart Wiebusch, Dörte Kamphues, Jasper Tiedemann

    1. Berichte
    Frau Kamphues berichtet über die Messe.
    """)


def tasks(tmp_path: Path, body: str) -> list[tuple[Any, ...]]:
    path = tmp_path / "protokoll.txt"
    path.write_text(HEAD + textwrap.dedent(body), encoding="utf-8")
    return [(t["text"], t["owners"], t["due"]) for t in parse_file(path)["action_items"]]


def test_owner_and_deadline_lines_make_one_task(tmp_path: Path) -> None:
    body = """\

        V: Wiebusch – Aussteller anschreiben
        T: 31.10.2025

        V: Ossenbrügge / Tiedemann
        T: Ende November
        Kostenplan für den Stand
        """
    assert tasks(tmp_path, body) == [("Aussteller anschreiben", ["Lennart Wiebusch"], "2025-10-31"),
                                     ("Kostenplan für den Stand", ["Frauke Ossenbrügge", "Jasper Tiedemann"],
                                      "2025-11-30")]


def test_task_owner_and_deadline_each_on_a_line_of_its_own(tmp_path: Path) -> None:
    body = """\

        Aufgabe: Aussteller anschreiben
        zuständig: L. Wiebusch
        Frist: 31.10.2025
        Aufgabe: Kostenplan für den Stand
        zuständig: Ossenbrügge, Tiedemann
        Frist: -
        """
    assert tasks(tmp_path, body) == [("Aussteller anschreiben", ["Lennart Wiebusch"], "2025-10-31"),
                                     ("Kostenplan für den Stand", ["Frauke Ossenbrügge", "Jasper Tiedemann"], None)]


def test_a_typed_header_line_gives_the_columns_of_the_lines_below(tmp_path: Path) -> None:
    body = """\

        Wer - Was - Wann
        Kamphues - Fotos der Messe hochladen - 24.10.
        Wiebusch / Tiedemann - Bericht für den Newsletter - k.A.
        """
    assert tasks(tmp_path, body) == [("Fotos der Messe hochladen", ["Dörte Kamphues"], "2025-10-24"),
                                     ("Bericht für den Newsletter", ["Lennart Wiebusch", "Jasper Tiedemann"], None)]


def test_tasks_listed_under_festlegungen_are_tasks(tmp_path: Path) -> None:
    body = """\

        Festlegungen:
        a) Messebericht an die Innungen – Kamphues – November
        b) Einladung Frühjahrstreffen – Ossenbrügge
        """
    assert tasks(tmp_path, body) == [("Messebericht an die Innungen", ["Dörte Kamphues"], "2025-11-30"),
                                     ("Einladung Frühjahrstreffen", ["Frauke Ossenbrügge"], None)]


def test_a_unit_with_its_person_in_brackets_and_a_closing_date(tmp_path: Path) -> None:
    body = """\

        Aufgaben
        - Geschäftsstelle (Frau Ossenbrügge): Teilnehmerliste versenden (07.11.2025)
        - Tiedemann — Holzbautag vorbereiten 📅 2026-02-20
        """
    assert tasks(tmp_path, body) == [("Teilnehmerliste versenden", ["Frauke Ossenbrügge"], "2025-11-07"),
                                     ("Holzbautag vorbereiten", ["Jasper Tiedemann"], "2026-02-20")]


def test_an_offer_a_signature_and_a_legend_are_no_tasks(tmp_path: Path) -> None:
    body = """\
        Herr Wiebusch bietet an, die Gruppe beim Holzbautag mit einem Stand zu unterstützen.
        ✔ = anwesend, ✘ = entschuldigt, – = ohne Rückmeldung

        Verden, 20.10.2025 gez. F. Ossenbrügge
        """
    assert tasks(tmp_path, body) == []


def test_a_termin_field_after_the_owner_field_is_the_deadline_not_the_meeting_date(tmp_path: Path) -> None:
    body = """\

        2. Werkstatttage
        Aufgabe: Schulen im Landkreis anschreiben.
        zuständig: Tiedemann       Termin: 14.11.2025

        3. Verschiedenes
        Aufgabe: Kostenschätzung für den Stand
        zuständig: Kamphues        Termin: 2 Wochen nach Sitzung
        """
    assert tasks(tmp_path, body) == [("Schulen im Landkreis anschreiben", ["Jasper Tiedemann"], "2025-11-14"),
                                     ("Kostenschätzung für den Stand", ["Dörte Kamphues"], "2025-10-30")]
