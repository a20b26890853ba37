"""What reads like a task but reports or restates: a 'dass' clause after a verb of telling ('erläuterte, dass …
übernimmt'), an impersonal 'wird es nicht gehen', and a task told in the minutes and listed again under 'Aufgaben'
with a compound noun ('Jahresbericht-Entwurf'); a task sentence with any verb and a deadline is named by its
infinitive ('schreibt den Entwurf' -> 'Entwurf schreiben'). Names known only to the master data still own work
named in a sentence (all names and protocols fictional)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from etl.build.preview import parse_one
from etl.parse.file import parse_file

HEAD = textwrap.dedent("""\
    # Protokoll Fachgruppe Digitales Handwerk

    Datum: 24.09.2025

    Teilnehmende:
    - Vera Kloos (HWK)
    - Ruben Wetzlar (Innung)
    - Imke Sandvoß (IHK)

    ## TOP 1 Berichte

    """)


def tasks(tmp_path: Path, body: str) -> list[tuple[Any, ...]]:
    path = tmp_path / "protokoll.md"
    path.write_text(HEAD + textwrap.dedent(body), encoding="utf-8")
    return [(t["text"], t["owners"], t["due"]) for t in parse_file(path)["action_items"]]


def test_a_report_of_what_someone_said_is_no_task(tmp_path: Path) -> None:
    body = """\
        - Frau Kloos erläuterte, dass Herr Wetzlar in Elternzeit ist und sie die Koordination übernimmt.
        - Frau Sandvoß: Ohne Landesmittel wird es nicht gehen.
        """
    assert tasks(tmp_path, body) == []


def test_a_task_told_and_listed_again_is_one_task_named_by_its_infinitive(tmp_path: Path) -> None:
    body = """\
        Jahresbericht: Frau Kloos schreibt den Entwurf bis 31.10.

        ## Aufgaben

        - Kloos: Jahresbericht-Entwurf (31.10.2025)
        """
    assert tasks(tmp_path, body) == [("Jahresbericht-Entwurf", ["Vera Kloos"], "2025-10-31")]
    assert tasks(tmp_path, "Frau Kloos schreibt den Entwurf bis 31.10.\n") == [
        ("Entwurf schreiben", ["Vera Kloos"], "2025-10-31")]


def test_a_person_of_the_master_data_owns_the_work_named_in_a_sentence(tmp_path: Path) -> None:
    source = tmp_path / "quelle"
    source.mkdir()
    (source / "organisations.csv").write_text("name,short_name,aliases\nKammer Süd,KS,\n", encoding="utf-8")
    (source / "people.csv").write_text("name,organisation\nThu Ha Nguyen,KS\nOle Brix,KS\n", encoding="utf-8")
    path = tmp_path / "protokoll.md"
    path.write_text(HEAD + "Ole Brix und Thu Ha Nguyen werden einen Workshop für Beratende planen.\n",
                    encoding="utf-8")
    result, _ = parse_one(path, source)
    assert [(t["text"], t["owners"]) for t in result["action_items"]] == [
        ("Workshop für Beratende planen", ["Ole Brix", "Thu Ha Nguyen"])]
