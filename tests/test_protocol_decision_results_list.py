"""What a decisions or results section holds besides decisions: a state of things ('Bericht fehlt noch'),
the next date ('Nächste Sitzung: Frühjahr 2026') and a contact list that follows the decisions table on the
same sheet ('Name | E-Mail'). Only the decisions count (all names and protocols fictional)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from etl.parse.file import parse_file

HEAD = textwrap.dedent("""\
    # AG Transfer

    Sitzung vom 17. Oktober 2025, 10:00 bis 12:00 Uhr

    Teilnehmende: Inken Hollweg, Torsten Malchow, Runa Dierks

    """)


def decisions(tmp_path: Path, body: str) -> list[str]:
    path = tmp_path / "protokoll.md"
    path.write_text(HEAD + textwrap.dedent(body), encoding="utf-8")
    return [d["text"] for d in parse_file(path)["decisions"]]


def test_state_and_next_date_in_a_results_list_are_no_decisions(tmp_path: Path) -> None:
    body = """\
        ## Ergebnisse

        - FG Nachfolge: Bericht fehlt noch
        - Die AG beschließt, fehlende Berichte künftig dem Lenkungskreis zu melden.
        - Nächste Sitzung: Frühjahr 2026
        """
    assert decisions(tmp_path, body) == [
        "Die AG beschließt, fehlende Berichte künftig dem Lenkungskreis zu melden."]


def test_contact_table_after_the_decisions_is_no_decision(tmp_path: Path) -> None:
    body = """\
        ## Beschlüsse

        | Nr. | Beschluss |
        |---|---|
        | 1 | Der Praxistag wird auf 2026 verschoben. |

        | Name | E-Mail |
        |---|---|
        | Inken Hollweg | hollweg@example.org |
        | Torsten Malchow | malchow@example.org |
        """
    assert decisions(tmp_path, body) == ["Der Praxistag wird auf 2026 verschoben."]
