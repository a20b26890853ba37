"""Several tasks written into one line and joined by semicolons, as people note them at the end of a short
round: 'ToDo: Owner – work; Owner – work bis …', 'Owner: work; Owner: work', also in a bullet. Each piece is a
task of its own with its own owner and deadline; a line whose pieces do not each start with a participant stays
one sentence (all names and protocols fictional)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from etl.parse.file import parse_file

HEAD = textwrap.dedent("""\
    Protokoll Koordinierungsteam, Dienstag 4. März 2025, 9:00–10:00 Uhr

    Teilnehmende: Hedda Quandt, Ole Brämer, Sina Wohlrab

    Die Jahrestagung findet im November statt.

    """)


def tasks(tmp_path: Path, body: str) -> list[tuple[Any, ...]]:
    path = tmp_path / "kote.txt"
    path.write_text(HEAD + textwrap.dedent(body), encoding="utf-8")
    return [(t["text"], t["owners"], t["due"]) for t in parse_file(path)["action_items"]]


def test_todo_line_with_dashes_gives_one_task_per_owner(tmp_path: Path) -> None:
    body = "ToDo: Hedda – Stadthalle reservieren (sofort); Ole – Grußwort der Kammer anfragen bis 31.3.\n"
    assert tasks(tmp_path, body) == [
        ("Stadthalle reservieren (sofort)", ["Hedda Quandt"], None),
        ("Grußwort der Kammer anfragen", ["Ole Brämer"], "2025-03-31"),
    ]


def test_owner_colon_pieces_after_a_label(tmp_path: Path) -> None:
    body = "Aufgaben: Sina Wohlrab: Flyer drucken bis 1.7.; Ole Brämer: Raum buchen\n"
    assert tasks(tmp_path, body) == [
        ("Flyer drucken", ["Sina Wohlrab"], "2025-07-01"),
        ("Raum buchen", ["Ole Brämer"], None),
    ]


def test_joined_pieces_in_a_bullet(tmp_path: Path) -> None:
    body = "- Hedda – Programm versenden bis 15.4.; Sina – Namensschilder bestellen\n"
    assert tasks(tmp_path, body) == [
        ("Programm versenden", ["Hedda Quandt"], "2025-04-15"),
        ("Namensschilder bestellen", ["Sina Wohlrab"], None),
    ]


def test_pieces_without_owners_are_no_task_list(tmp_path: Path) -> None:
    body = "Raumfrage: noch offen; Catering: wird später besprochen.\n"
    assert tasks(tmp_path, body) == []
