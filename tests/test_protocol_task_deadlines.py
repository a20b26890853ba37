"""Deadlines as minutes state them away from the task itself: the next meeting whose date the protocol names
('zur nächsten Sitzung' when 'Nächste Sitzung: 02.07.2025' stands below), a line over a list that sets one deadline
for all its items, the owner column that also holds the date ('Wer / bis wann'), and column headers with a question
mark or an abbreviation ('Bis?', 'Erl. bis'). What is made *for* the next meeting is no deadline (names fictional)."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from etl.parse.dates import due_date
from etl.parse.file import parse_file

HEAD = textwrap.dedent("""\
    # Protokoll Arbeitskreis Ausbildung

    Datum: 04.06.2025, 14:00–16:00 Uhr

    Teilnehmende:
    - Ole Brandtner (HWK Lüneburg)
    - Marit Jessen (BBS Celle)
    - Tamara Hölscher (Geschäftsstelle)
    - Bogdan Kral (IHK)

    ## TOP 1 Austausch

    """)


def tasks(tmp_path: Path, body: str) -> list[tuple[Any, ...]]:
    path = tmp_path / "protokoll.md"
    path.write_text(HEAD + textwrap.dedent(body), encoding="utf-8")
    return [(t["owners"], t["due"]) for t in parse_file(path)["action_items"]]


def test_the_next_meeting_named_below_is_the_deadline(tmp_path: Path) -> None:
    body = """\
        Frau Jessen bereitet zur nächsten Sitzung eine Übersicht der Praktikumsplätze vor.
        Herr Kral verschickt die Terminabfrage für die nächste Sitzung.

        ## Nächste Sitzung

        02.07.2025, 14 Uhr, BBS Celle
        """
    assert tasks(tmp_path, body) == [(["Marit Jessen"], "2025-07-02"), (["Bogdan Kral"], None)]


def test_without_a_named_date_the_next_meeting_gives_no_deadline(tmp_path: Path) -> None:
    body = "Frau Jessen bereitet zur nächsten Sitzung eine Übersicht der Praktikumsplätze vor.\n"
    assert tasks(tmp_path, body) == [(["Marit Jessen"], None)]


def test_a_line_over_a_list_sets_the_deadline_of_its_items(tmp_path: Path) -> None:
    body = """\
        Bitte bis zum 20.06. erledigen:

        - Herr Brandtner: Zahlen der Kammer zusammenstellen
        - Frau Hölscher: Raum für das Sommerfest anfragen, bis 27.06.
        """
    assert tasks(tmp_path, body) == [(["Ole Brandtner"], "2025-06-20"), (["Tamara Hölscher"], "2025-06-27")]


def test_owner_and_deadline_in_one_column(tmp_path: Path) -> None:
    body = """\
        ## Aufgaben

        | Gegenstand | Wer / bis wann |
        |---|---|
        | Praktikumsbörse bewerben | Brandtner / 30.06.2025 |
        | Liste der Ansprechpersonen | Jessen, Kral / Ende Juli |
        """
    assert tasks(tmp_path, body) == [(["Ole Brandtner"], "2025-06-30"),
                                     (["Marit Jessen", "Bogdan Kral"], "2025-07-31")]


def test_headers_with_a_question_mark_or_an_abbreviation(tmp_path: Path) -> None:
    body = """\
        | Was? | Wer? | Bis? |
        |---|---|---|
        | Flyer drucken lassen | Hölscher | 13.06. |

        | Maßnahme | Verantw. | Erl. bis |
        |---|---|---|
        | Betriebe anschreiben | Kral | Ende Juni |
        """
    assert tasks(tmp_path, body) == [(["Tamara Hölscher"], "2025-06-13"), (["Bogdan Kral"], "2025-06-30")]


def test_feasts_and_calendar_weeks(tmp_path: Path) -> None:
    body = """\
        Herr Kral und Frau Jessen bereiten bis Ostern die Praktikumsbörse vor.
        Frau Hölscher erstellt in KW 30 den Newsletter.
        """
    assert tasks(tmp_path, body) == [(["Bogdan Kral", "Marit Jessen"], "2026-04-05"),
                                     (["Tamara Hölscher"], "2025-07-25")]


@pytest.mark.parametrize(("phrase", "due"), [
    ("bis zur Sitzung am 4.9.", "2025-09-04"),                  # a named meeting with its date
    ("bis zum nächsten Treffen (28.11.)", "2025-11-28"),
    ("bis zur nächsten Vorstandssitzung am 7. Juli", "2025-07-07"),
    ("bis zum Aktionstag am 23.9.", "2025-09-23"),
    ("bis Mi nächste Woche", "2025-06-11"),                     # a weekday of the week after the meeting
    ("bis Freitag kommender Woche", "2025-06-13"),
    ("bis Do.", "2025-06-05"),
    ("noch diese Woche", "2025-06-06"),
    ("Termin: drei Wochen nach der Sitzung", "2025-06-25"),
    ("Rückmeldung nach vier Wochen", "2025-07-02"),
    ("bis Ende des Quartals", "2025-06-30"),
    ("Ende Q3", "2025-09-30"),
    ("bis Freitags", None),                                      # no day of its own
    ("bis zum 3. Treffen im Herbst", None),
])
def test_everyday_deadlines_counted_from_the_meeting(phrase: str, due: str | None) -> None:
    assert due_date(phrase, date(2025, 6, 4))[0] == due   # the meeting: Wednesday, 4 June 2025


def test_a_deadline_without_bis_makes_a_sentence_a_task(tmp_path: Path) -> None:
    body = """\
        Frau Jessen übersendet das Protokoll binnen einer Woche.
        Herr Kral gibt den Druck der Flyer in Auftrag, spätestens in KW 26.
        Frau Hölscher fragt bei der Stadt nach einem Raum an, am besten bis Ende Juli.
        Herr Brandtner legt bis 20.06. einen Entwurf der Satzung vor.
        Herr Brandtner stellt die Zahlen der Kammer vor.
        """
    assert tasks(tmp_path, body) == [(["Marit Jessen"], "2025-06-11"), (["Bogdan Kral"], "2025-06-27"),
                                     (["Tamara Hölscher"], "2025-07-31"), (["Ole Brandtner"], "2025-06-20")]


def test_weeks_before_the_next_meeting_count_back_from_its_date(tmp_path: Path) -> None:
    body = """\
        Frau Hölscher verschickt die Einladung drei Wochen vorher.
        Herr Kral schickt die Zahlen eine Woche vor der nächsten Sitzung.

        ## Termine

        Nächste Sitzung: 10. September 2025. Der Ort wird noch bekannt gegeben.
        """
    assert tasks(tmp_path, body) == [(["Tamara Hölscher"], "2025-08-20"), (["Bogdan Kral"], "2025-09-03")]
