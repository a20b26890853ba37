"""Decisions however minutes phrase them — past tense ('einigte sich', 'Man war sich einig'), passive agreement
('Dem wird zugestimmt'), the body agreeing unanimously, a bare 'beschlossen' closing a result, a statement after
the discussion, a numbered 'Beschluss 2025/04:' and the 'Art' column of an Ergebnisprotokoll (B = Beschluss) —
and what is none: an opinion poll, a rejected or postponed motion, a reminder of an earlier decision, a signature
(all names and protocols fictional)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from etl.parse.file import parse_file

HEAD = textwrap.dedent("""\
    # Protokoll Regionalnetzwerk Altmark

    Datum: 09.09.2025, 10:00–12:00 Uhr

    Teilnehmende:
    - Wenke Dahlmann (HWK Magdeburg)
    - Falk Riedesel (Kreishandwerkerschaft)
    - Irma Lachnit (Geschäftsstelle)

    ## TOP 1 Beratung

    Frau Dahlmann stellt den Entwurf des Jahresprogramms vor.
    """)


def parsed(tmp_path: Path, body: str) -> dict:
    path = tmp_path / "protokoll.md"
    path.write_text(HEAD + textwrap.dedent(body), encoding="utf-8")
    return dict(parse_file(path))


@pytest.mark.parametrize("sentence", [
    "Die Runde einigte sich darauf, das Programm zu übernehmen.",
    "Man war sich einig, dass der Messestand geteilt wird.",
    "Herr Riedesel schlägt eine Online-Reihe vor. Dem wird zugestimmt, sofern die Kammer mitträgt.",
    "Herr Riedesel schlägt eine Online-Reihe vor. Dem stimmen alle zu.",
    "Das Netzwerk unterstützt den Antrag der Innung einstimmig.",
    "Sommerfest 2025: 80 Gäste; Wiederholung im nächsten Jahr beschlossen.",
    "Nach kurzer Aussprache: Das Netzwerk legt den Schwerpunkt 2026 auf die Nachfolge.",
    "Beschluss 2025/04: Der Jahresbeitrag bleibt unverändert.",
    "Die Mitglieder stimmen dem Vorschlag mit 7:1 Stimmen zu.",
    "Der Antrag wurde mit 6 Ja-Stimmen bei 1 Enthaltung angenommen.",
    "Die Runde kommt überein, die Messe gemeinsam zu planen.",
    "Die Versammlung erteilt dem Vorstand Entlastung (15 Ja, 0 Nein, 1 Enthaltung).",
    # a formal vote with its count is a resolution even when it rejects the motion
    "Nach Aussprache wird der Antrag mit 6 Ja- zu 9 Nein-Stimmen bei 1 Enthaltung abgelehnt.",
    "Der Vorschlag einer zweiten Messe wird mehrheitlich abgelehnt.",
])
def test_one_decision_however_phrased(tmp_path: Path, sentence: str) -> None:
    assert len(parsed(tmp_path, sentence + "\n")["decisions"]) == 1


@pytest.mark.parametrize("sentence", [
    "Meinungsbild: Die Mehrheit hält eine Online-Reihe für sinnvoll.",
    "Die Entscheidung über den Messestand wird auf die nächste Sitzung vertagt.",
    "Frau Lachnit erinnert daran, dass das Netzwerk im Frühjahr beschlossen hatte, online zu tagen.",
])
def test_no_decision(tmp_path: Path, sentence: str) -> None:
    assert parsed(tmp_path, sentence + "\n")["decisions"] == []


def test_the_kind_column_tells_decisions_from_tasks_and_information(tmp_path: Path) -> None:
    body = """\
        ## Ergebnisse

        | Nr. | Gegenstand | Art | Wer / bis wann |
        |---|---|---|---|
        | 1 | Jahresprogramm 2026 wird wie vorgelegt umgesetzt. | B | – |
        | 2 | Einladung zum Sommerfest verschicken | A | Lachnit / 30.09.2025 |
        | 3 | Die Kammer hat einen neuen Präsidenten. | I | – |

        Art: B = Beschluss, A = Auftrag, I = Information

        gez. Lachnit
        """
    result = parsed(tmp_path, body)
    assert [d["text"] for d in result["decisions"]] == ["Jahresprogramm 2026 wird wie vorgelegt umgesetzt. – B – –"]
    assert [(t["owners"], t["due"]) for t in result["action_items"]] == [(["Irma Lachnit"], "2025-09-30")]
