"""What stands under a task list without being a task: the writer's signature after the place and date
('Videokonferenz (Zoom), 29.06.2023 gez. Name'), a saved wiki page's footer ('Zuletzt geändert: … · Name')
and a reader's comment ('Name: Danke für die Zusammenfassung!'). Each names a participant and often a date,
the way a task line does; the tasks above them stay (all names and protocols fictional)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from etl.parse.file import parse_file

HEAD = textwrap.dedent("""\
    # Protokoll AG Transfer, 24.06.2025, 14:00–15:30 Uhr

    Teilnehmende: Wiebke Sandhop, Jasper Ollenburg, Mareen Tietjen

    ## Aufgaben

    - Vorlage für den Jahresbericht verschicken – Jasper Ollenburg – 31.07.2025
    """)


def tasks(tmp_path: Path, footer: str) -> list[tuple[Any, ...]]:
    path = tmp_path / "protokoll.md"
    path.write_text(HEAD + "\n" + footer + "\n", encoding="utf-8")
    return [(t["text"], t["owners"], t["due"]) for t in parse_file(path)["action_items"]]


@pytest.mark.parametrize("footer", [
    "Videokonferenz (Zoom), 24.06.2025 gez. Wiebke Sandhop",
    "Zuletzt geändert: 25.06.2025 · Mareen Tietjen",
    "Letzte Änderung am 25.06.2025 durch Mareen Tietjen",
    "Mareen Tietjen: Danke für die schnelle Zusammenfassung!",
])
def test_footer_line_is_no_task(tmp_path: Path, footer: str) -> None:
    assert tasks(tmp_path, footer) == [
        ("Vorlage für den Jahresbericht verschicken", ["Jasper Ollenburg"], "2025-07-31"),
    ]
