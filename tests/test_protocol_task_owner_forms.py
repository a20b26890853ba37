"""Owners as minutes write them beside the work: the writer of a mail as 'ich selbst', people in the accusative
under 'Erledigung durch:', a known participant after the colon of a task named first ('Zahlen Wirtschaftsplan:
Quast, bis 13.06.' — the task text is shaped like a name, the participant is the owner), and a deadline in the
brackets closing a task sentence ('(April)') (all names and protocols fictional)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from etl.build.preview import parse_one
from etl.parse.file import parse_file

MAIL = """From: Henrike Stallbaum <stallbaum@kammer.example>
To: Fachgruppe Bau <fg-bau@kammer.example>
Subject: Kurzprotokoll Fachgruppe Bau 03.03.2026
Date: Wed, 04 Mar 2026 09:00:00 +0100
Content-Type: text/plain; charset=utf-8

Liebe Fachgruppe,

hier kurz das Protokoll unserer Sitzung vom 03.03.2026 (10-12 Uhr, Kammer).
Dabei: Henrike Stallbaum (HWK), Arne Pöhlmann (Innung), Sibel Karakaş (BBS)

Aufgaben:
→ Herr Pöhlmann: Betriebe für den Aktionstag ansprechen, bis 20.03.
→ ich selbst: Einladung zur Sommersitzung

Viele Grüße
Henrike Stallbaum
"""

HEAD = textwrap.dedent("""\
    Niederschrift über das Treffen des Netzwerks Mittelweser am 05.12.2025

    Teilnehmende: Jorinde Quast, Malte Behrens, Ilka Sommerfeld

    1. Planung
    Für 2026 werden drei Treffen geplant.

    """)


def tasks_of(parsed: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(t["text"], t["owners"], t["due"]) for t in parsed["action_items"]]


def parsed_text(tmp_path: Path, body: str) -> dict[str, Any]:
    path = tmp_path / "niederschrift.txt"
    path.write_text(HEAD + textwrap.dedent(body), encoding="utf-8")
    return dict(parse_file(path))


def test_the_writer_of_a_mail_is_ich_selbst(tmp_path: Path) -> None:
    path = tmp_path / "kurzprotokoll.eml"
    path.write_text(MAIL, encoding="utf-8")
    assert tasks_of(dict(parse_file(path))) == [
        ("Betriebe für den Aktionstag ansprechen", ["Arne Pöhlmann"], "2026-03-20"),
        ("Einladung zur Sommersitzung", ["Henrike Stallbaum"], None)]


def test_people_in_the_accusative_under_erledigung_durch(tmp_path: Path) -> None:
    body = """\
        Erledigung durch:
        Herrn Behrens und Frau Quast – Antrag an die Kammer, Termin: 27.02.2026
        Frau Sommerfeld – Terminvorschläge 2026 an alle, Termin: 19.12.2025
        """
    assert tasks_of(parsed_text(tmp_path, body)) == [
        ("Antrag an die Kammer", ["Malte Behrens", "Jorinde Quast"], "2026-02-27"),
        ("Terminvorschläge 2026 an alle", ["Ilka Sommerfeld"], "2025-12-19")]


def test_a_participant_after_the_colon_owns_a_task_shaped_like_a_name(tmp_path: Path) -> None:
    body = """\
        Aufgaben
        - Zahlen Wirtschaftsplan: Quast, bis 13.01.
        """
    assert tasks_of(parsed_text(tmp_path, body)) == [("Zahlen Wirtschaftsplan", ["Jorinde Quast"], "2026-01-13")]


def test_a_month_in_the_closing_brackets_is_the_deadline(tmp_path: Path) -> None:
    body = "Frau Sommerfeld lädt zur nächsten Sitzung ein (April).\n"
    assert tasks_of(parsed_text(tmp_path, body)) == [("zur nächsten Sitzung einladen", ["Ilka Sommerfeld"],
                                                      "2026-04-30")]


def test_a_request_in_the_polite_form_and_a_body_given_the_work(tmp_path: Path) -> None:
    body = """\
        Herr Behrens, könnten Sie bitte bis 12.12. die Zahlen schicken?
        Die Geschäftsstelle wird beauftragt, bis Ende Januar einen Raum zu finden.
        Es wird vereinbart, dass Frau Quast bis 15.1. die Einladung verschickt.
        AP 2: Flyer drucken (verantw.: Frau Sommerfeld, Termin: 09.01.)
        """
    assert tasks_of(parsed_text(tmp_path, body)) == [
        ("Zahlen schicken", ["Malte Behrens"], "2025-12-12"),
        ("Raum finden", ["Geschäftsstelle"], "2026-01-31"),
        ("Einladung verschicken", ["Jorinde Quast"], "2026-01-15"),
        ("Flyer drucken", ["Ilka Sommerfeld"], "2026-01-09")]


def test_initials_before_a_surname_and_a_name_broken_at_its_hyphen(tmp_path: Path) -> None:
    path = tmp_path / "protokoll.txt"
    path.write_text("Protokoll Netzwerk Leine am 05.12.2025\n\nTeilnehmende: Jan-Bernd Oltrogge, Anna-Lena Kiefer-"
                    "Dorn, Carl-Friedrich zu Putlitz\n\nAufgaben\n- Positionspapier entwerfen – J.-B. Oltrogge, "
                    "Kiefer- Dorn – bis 30.01.2026\n- Grußwort anfragen – C.-F. zu Putlitz\n", encoding="utf-8")
    assert tasks_of(dict(parse_file(path))) == [
        ("Positionspapier entwerfen", ["Jan-Bernd Oltrogge", "Anna-Lena Kiefer-Dorn"], "2026-01-30"),
        ("Grußwort anfragen", ["Carl-Friedrich zu Putlitz"], None)]


def test_the_office_as_owner_is_the_one_known_organisation_named_after_it(tmp_path: Path) -> None:
    source = tmp_path / "quelle"
    source.mkdir()
    (source / "organisations.csv").write_text(
        "name,short_name,aliases\nGeschäftsstelle des Netzwerks Mittelweser,NMW-Geschäftsstelle,\n"
        "Handwerkskammer Mittelweser,HWK MW,\n", encoding="utf-8")
    path = tmp_path / "niederschrift.txt"
    path.write_text(HEAD + "Aufgaben\n- Homepage aktualisieren – Geschäftsstelle – 31.01.2026\n", encoding="utf-8")
    result, _ = parse_one(path, source)
    assert [(t["owners"], t["due"]) for t in result["action_items"]] == [(["NMW-Geschäftsstelle"], "2026-01-31")]


def test_surnames_of_several_words_and_what_else_stands_beside_the_owner(tmp_path: Path) -> None:
    path = tmp_path / "protokoll.txt"
    path.write_text("Protokoll Fachgruppe Friseure am 05.12.2025\n\nTeilnehmende: Rosaria Di Stefano (Innung), "
                    "João da Costa Pereira (IKK), Wiebke Grotjahn (HWK)\n\nTOP 1 Kampagne\n\n"
                    "Frau Di Stefano kümmert sich bis Ende Januar um eine Liste der Salons. Herr da Costa Pereira "
                    "stellt bis zum 16. Januar Material zusammen.\n\nAufgaben\n"
                    "- Plakate drucken – zuständig: Frau Grotjahn mit ihrem Team, bis 20.01.2026\n"
                    "- Rückmeldung an die Stadt – zuständig: Di Stefano, umgehend\n", encoding="utf-8")
    assert tasks_of(dict(parse_file(path))) == [
        ("um eine Liste der Salons kümmern", ["Rosaria Di Stefano"], "2026-01-31"),
        ("Material zusammenstellen", ["João da Costa Pereira"], "2026-01-16"),
        ("Plakate drucken", ["Wiebke Grotjahn"], "2026-01-20"),
        ("Rückmeldung an die Stadt", ["Rosaria Di Stefano"], None)]


def test_the_task_named_in_the_owner_label(tmp_path: Path) -> None:
    body = """\
        Zuständig für die Raumsuche: Frau Quast, Frist 16.01.2026.

        Verantwortlich für den Pressetext: Herr Behrens (bis Ende Januar)
        """
    assert tasks_of(parsed_text(tmp_path, body)) == [("Raumsuche", ["Jorinde Quast"], "2026-01-16"),
                                                     ("Pressetext", ["Malte Behrens"], "2026-01-31")]


def test_a_saluted_owner_is_the_full_name_the_protocol_writes_elsewhere(tmp_path: Path) -> None:
    path = tmp_path / "notizen.txt"
    path.write_text("Notizen Fachgruppe Gesundheit, 14.05.2025\n\nTOP 1 Aktionstag\n\nDie Vorlage von Wilma "
                    "Ostendorp (DGB) wird besprochen. Frau Ostendorp verschickt den Aufruf bis 30.5. "
                    "Frau Brakemeier prüft bis 6.6. die Kosten.\n", encoding="utf-8")
    parsed = parse_file(path)
    assert [p["name"] for p in parsed["participants"]] == []
    assert [(t["owners"], t["due"]) for t in parsed["action_items"]] == [
        (["Wilma Ostendorp"], "2025-05-30"), (["Frau Brakemeier"], "2025-06-06")]


def test_a_department_with_its_person_in_brackets_after_the_label(tmp_path: Path) -> None:
    body = """\
        Herr Behrens berichtet vom Treffen beim Bürgermeister. Die Stadt wird eine Umfrage bei den
        Betrieben durchführen. Zuständig: Amt 32 (Frau Sommerfeld), Termin: 30.01.2026.
        """
    assert tasks_of(parsed_text(tmp_path, body)) == [
        ("Die Stadt wird eine Umfrage bei den Betrieben durchführen", ["Ilka Sommerfeld"], "2026-01-30")]
