"""Decisions that minutes mark by a label or by the body that acts, not by the word 'beschließt':
the vote's result as the line's label ('Einstimmig: …', 'Festgelegt: …'), an 'Entscheidung:' after the
topic inside one bullet, a ticked 'Beschluss' box of a form, and the body taking a member in, dissolving
or setting up something ('Der Lenkungskreis nimmt … als Partner auf') — and what stays none: an open
question whose decision comes later, a body that only meets (all names and protocols fictional)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from etl.parse.file import parse_file

HEAD = textwrap.dedent("""\
    # Protokoll Lenkungskreis Uckermark

    Datum: 14.10.2025, 14:00–16:00 Uhr

    Teilnehmende:
    - Gesine Pahlke (HWK Frankfurt/Oder)
    - Bodo Wernicke (Kreishandwerkerschaft)
    - Ilka Sommerfeld (Geschäftsstelle)

    ## TOP 1 Partner und Gremien

    Frau Pahlke berichtet über zwei neue Anfragen.
    """)


def parsed(tmp_path: Path, body: str) -> dict:
    path = tmp_path / "protokoll.md"
    path.write_text(HEAD + textwrap.dedent(body), encoding="utf-8")
    return dict(parse_file(path))


@pytest.mark.parametrize("body", [
    "Einstimmig: Das Netzwerk unterstützt den Antrag der Bäcker-Innung.\n",
    "Festgelegt: Die Jahrestagung findet am 27.11. in der Stadthalle statt.\n",
    "- Jahrestagung: Programm steht, Entscheidung: Die Keynote hält Herr Wernicke.\n",
    "- Prüfungskurs: ☒ Beschluss Der Arbeitskreis richtet ab Herbst einen Vorbereitungskurs ein.\n",
    "Der Lenkungskreis nimmt die Volkshochschule Prenzlau als Partner auf.\n",
    "Der Lenkungskreis löst die Fachgruppe Gesundheit nicht auf; sie bleibt bis Ende 2026 bestehen.\n",
    "Der Vorstand setzt eine Arbeitsgruppe Nachfolge ein.\n",
])
def test_labelled_or_acted_decision(tmp_path: Path, body: str) -> None:
    assert len(parsed(tmp_path, body)["decisions"]) == 1


@pytest.mark.parametrize("body", [
    "Offen: Referentin für den Nachmittag – Entscheidung im April.\n",
    "Die Fachgruppe trifft sich wieder im Mai.\n",
    "Herr Wernicke setzt sich mit der Kammer in Verbindung.\n",
    "Die Geschäftsstelle richtet die Räume für die Tagung her.\n",
])
def test_no_decision(tmp_path: Path, body: str) -> None:
    assert parsed(tmp_path, body)["decisions"] == []
