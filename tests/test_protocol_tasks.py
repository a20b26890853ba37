"""Tasks as outsiders write them: owners by salutation, surname or first name resolve to the participant as
this protocol lists them (or stay a collective as written); notes, checkboxes, promises, requests in mails
and owners in closing brackets are tasks; reports are none (all names fictional)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from etl.core.registry import KnownPeople, KnownPerson
from etl.extract.readers.plain import read_text_file
from etl.parse import parse_document
from etl.parse.file import parse_file

ROSTER = textwrap.dedent("""\
    # Protokoll Fachgruppe Digitalisierung

    Datum: 12.03.2025, 10:00–12:00 Uhr, online

    Teilnehmende:
    - Lena Marquardt (BAuA)
    - Mehmet Yilmaz (HWK Hannover)
    - Lukas Brenner (ZDH)
    - Karim Haddad (itb)
    - Sabine Sedlmeier (RKW)

    ## TOP 1 Bericht

    """)


def tasks(tmp_path: Path, body: str, name: str = "protokoll.md", head: str = ROSTER) -> list[tuple[Any, ...]]:
    path = tmp_path / name
    path.write_text(head + textwrap.dedent(body), encoding="utf-8")
    return [(t["owners"], t["due"]) for t in parse_file(path)["action_items"]]


@pytest.mark.parametrize(("line", "expected"), [
    ("Frau Dr. Marquardt übernimmt die Gliederung des Berichts bis 4.4.", (["Lena Marquardt"], "2025-04-04")),
    ("Herr Brenner kümmert sich um den Raum.", (["Lukas Brenner"], None)),
    ("Mehmet: Kapitel 3 klären (bis 4.4.)", (["Mehmet Yilmaz"], "2025-04-04")),
    ("→ Karim fragen wegen der Termine", (["Karim Haddad"], None)),
    ("Frau Sedlmeier stellt Kontakt zur Innung her (bis 31.05.2025).", (["Sabine Sedlmeier"], "2025-05-31")),
    ("Die Förderanträge müssen bis Ende Juni vorliegen (Brenner).", (["Lukas Brenner"], "2025-06-30")),
    ("Sie wird zur nächsten Sitzung wieder eingeladen (Herr Haddad).", (["Karim Haddad"], None)),
    ("Frau Marquardt und Herr Yilmaz sagen zu, bis 15.04. den Entwurf abzustimmen.",
     (["Lena Marquardt", "Mehmet Yilmaz"], "2025-04-15")),
    ("Herr Haddad wird die Auswertung der Befragung vorstellen.", (["Karim Haddad"], None)),
    ("Herr Haddad wird gebeten, die Zahlen bis Ende April zu prüfen.", (["Karim Haddad"], "2025-04-30")),
    ("Die Geschäftsstelle prüft bis 28.02., ob der Raum frei ist.", (["Geschäftsstelle"], "2026-02-28")),
])
def test_an_owner_is_the_participant_as_listed_whatever_the_form(tmp_path: Path, line: str,
                                                               expected: tuple[Any, ...]) -> None:
    assert tasks(tmp_path, line + "\n") == [expected]


def test_one_task_per_line_without_bullets(tmp_path: Path) -> None:
    body = ("Mehmet: Kapitel 3 klären (bis 4.4.)\n"
            "→ Karim fragen wegen der Termine\n"
            "Herr Brenner kümmert sich um den Raum.\n")
    assert tasks(tmp_path, body) == [(["Mehmet Yilmaz"], "2025-04-04"), (["Karim Haddad"], None),
                                     (["Lukas Brenner"], None)]


@pytest.mark.parametrize("line", [
    "Herr Brenner: Die Zahlen sind gestiegen.",
    "Bericht aus der Region (Frau Marquardt)",
    "Frau Sedlmeier hat den Entwurf bis 01.03. verschickt (Herr Brenner).",
    "Die Geschäftsstelle verschickt das Protokoll.",
    "Die Leitung übernehmen weiterhin itb und PSG gemeinsam (einstimmig beschlossen).",
    "Herr Haddad wird zur nächsten Sitzung eingeladen.",
])
def test_reports_statements_and_agenda_lines_are_no_tasks(tmp_path: Path, line: str) -> None:
    assert tasks(tmp_path, line + "\n") == []


def test_task_shapes_checkboxes_labels_and_owner_lines(tmp_path: Path) -> None:
    body = textwrap.dedent("""\
        - [ ] Mehmet: Kapitel 4 klären (bis 4.4.)
        - [x] Frau Marquardt: Folien schicken

        ToDo Brenner: Raumbuchung prüfen, bis 31.03.

        TODO: Herr Haddad verschickt die Einladung bis 20.03.

        AP: Protokoll versenden (Sedlmeier)

        Aufgabe: Checkliste überarbeiten
        Verantwortlich: Frau Marquardt

        Maßnahme: Flyer drucken. V: Brenner, bis KW 16

        Wer: Karim Was: Umfrage auswerten Bis wann: Ende April

        Herr Yilmaz lädt zur nächsten Sitzung ein.

        ## Aufgaben

        | Wer | Was | Wann | Status |
        |---|---|---|---|
        | Mehmet | Budget klären | 15.4. | offen |
        | Geschäftsstelle | Newsletter | laufend | |
        | Alle | Rückmeldung geben | nächste Sitzung | |
        """)
    assert tasks(tmp_path, body) == [
        (["Mehmet Yilmaz"], "2025-04-04"), (["Lena Marquardt"], None), (["Lukas Brenner"], "2025-03-31"),
        (["Karim Haddad"], "2025-03-20"), (["Sabine Sedlmeier"], None), (["Lena Marquardt"], None),
        (["Lukas Brenner"], "2025-04-18"), (["Karim Haddad"], "2025-04-30"), (["Mehmet Yilmaz"], None),
        (["Mehmet Yilmaz"], "2025-04-15"), (["Geschäftsstelle"], None), (["Alle"], None)]


NOVEMBER = ROSTER.replace("12.03.2025", "12.11.2025")  # a Wednesday


@pytest.mark.parametrize(("deadline", "due"), [
    ("bis 4.4.", "2026-04-04"),  # the next such day after the meeting: next year
    ("bis 15.12.", "2025-12-15"),  # still this year
    ("bis 15.1.", "2026-01-15"),
    ("bis 4.4. 10 Uhr", "2026-04-04"),  # a time after the date is no two-digit year
    ("bis 15.4", "2026-04-15"),
    ("bis Ende Juli", "2026-07-31"),
    ("bis Mitte Mai", "2026-05-15"),
    ("bis KW 12", "2026-03-20"),  # the Friday of that ISO week
    ("bis Freitag", "2025-11-14"),
    ("bis nächste Woche", "2025-11-19"),
    ("bis Ende der Woche", "2025-11-14"),
    ("bis Monatsende", "2025-11-30"),
    ("zum 15.", "2025-11-15"),
    ("bis 30. Juni", "2026-06-30"),
    ("bis spätestens 3.3.", "2026-03-03"),
    ("bis zur nächsten Sitzung", None),
    ("laufend", None),
])
def test_deadlines_in_everyday_german(tmp_path: Path, deadline: str, due: str | None) -> None:
    assert tasks(tmp_path, f"Herr Haddad prüft {deadline} die Kosten (Herr Haddad).\n", head=NOVEMBER) == [
        (["Karim Haddad"], due)]


def decisions(tmp_path: Path, body: str) -> int:
    path = tmp_path / "protokoll.md"
    path.write_text(ROSTER + textwrap.dedent(body), encoding="utf-8")
    return len(parse_file(path)["decisions"])


@pytest.mark.parametrize("text", [
    "Beschluss: Der Newsletter erscheint vierteljährlich.",
    "Beschlossen: Die Sitzungen finden online statt.",
    "Die Fachgruppe beschließt, den Workshop im Herbst anzubieten.",
    "Die Satzungsänderung wird beschlossen.",
    "Der Antrag wird einstimmig angenommen.",
    "Einigung auf einen gemeinsamen Flyer.",
    "Konsens: Die Fachgruppe tritt dem Bündnis bei.",
    "Die Runde stimmt zu.",
    "Die Runde spricht sich für eine Verlängerung aus.",
    "Im Umlaufverfahren wurde über die Aufnahme abgestimmt. Der Antrag gilt als angenommen.",
    "Der Jahresbericht wird veröffentlicht.\n→ Beschlossen.",
    "Der Flyer wird neu gestaltet. → Beschlossen.",
    "Beschluss: Der Newsletter erscheint vierteljährlich.\n\n→ Beschlossen.",
    "Der Vorsitzende schlägt vor, den Beitrag zu erhöhen.\nAbstimmung: 7 ja, 0 nein, 1 Enthaltung",
    "Frau Marquardt schlägt vor, die Satzung zu ändern. Ergebnis: Zustimmung.",
    "**Beschluss:**\nDer Newsletter erscheint vierteljährlich.\n\nWeiteres wird besprochen.",
    "### Beschluss\n\nDer Newsletter erscheint vierteljährlich.",
    "Beschluss Nr. 3/2025: Der Newsletter erscheint vierteljährlich.",
    "Umlaufbeschluss: Die Mitglieder haben der Aufnahme zugestimmt (6 Ja, 0 Nein). Der Beschluss gilt als angenommen.",
])
def test_a_decision_however_phrased_counts_once(tmp_path: Path, text: str) -> None:
    assert decisions(tmp_path, text + "\n") == 1


@pytest.mark.parametrize("text", [
    "Die Beschlussvorlage wird vorbereitet.",
    "Das Thema wird zur Beschlussfassung in der nächsten Sitzung vorgelegt.",
    "Das Budget wird beraten.",
    "Der Punkt wird vertagt.",
    "Beschluss: keine",
    "## Beschlüsse\n\nKeine.",
])
def test_no_decision(tmp_path: Path, text: str) -> None:
    assert decisions(tmp_path, text + "\n") == 0


def test_every_filled_cell_of_a_beschluss_column_is_a_decision(tmp_path: Path) -> None:
    table = ("| TOP | Thema | Beschluss |\n|---|---|---|\n| 1 | Newsletter | Erscheint vierteljährlich |\n"
             "| 2 | Budget | – |\n| 3 | Workshop | Wird im Herbst angeboten |\n")
    assert decisions(tmp_path, table) == 2


def test_a_minutes_table_row_that_records_and_assigns_nothing_is_no_task(tmp_path: Path) -> None:
    table = ("| TOP | Thema und Ergebnis | Verantwortlich | Termin |\n|---|---|---|---|\n"
             "| 1 | Begrüßung: Die Runde nimmt den Bericht zur Kenntnis. | – | – |\n"
             "| 2 | Planung: Kurzer Bericht. Aufgabe: Raum für das Treffen reservieren. | Brenner | 15.4. |\n"
             "| 3 | Flyer neu drucken | – | – |\n")
    assert tasks(tmp_path, table) == [(["Lukas Brenner"], "2025-04-15"), ([], None)]


@pytest.mark.parametrize(("line", "expected"), [
    ("Die Fotos stellt Frau Sedlmeier bis zum 12.07.2025 in die Cloud.", (["Sabine Sedlmeier"], "2025-07-12")),
    ("Herr Haddad erinnert Frau Dr. Lüttge per Mail bis zum 30.05.2025.", (["Karim Haddad"], "2025-05-30")),
])
def test_object_first_or_any_verb_with_a_deadline(tmp_path: Path, line: str, expected: tuple[Any, ...]) -> None:
    assert tasks(tmp_path, line + "\n") == [expected]


MAIL = """\
From: Lena Marquardt <marquardt@example.org>
To: Karim Haddad <haddad@example.org>
Subject: Protokoll Fachgruppe Digitalisierung 12.03.2025
Date: Thu, 13 Mar 2025 09:12:00 +0100
Content-Type: text/plain; charset=utf-8

Hallo Karim,

anbei das Protokoll unserer Sitzung vom 12.03.2025 (10:00-12:00 Uhr, online).

Teilnehmende: Lena Marquardt (BAuA), Mehmet Yilmaz (HWK Hannover), Lukas Brenner (ZDH), Karim Haddad (itb)

Wir haben über den Jahresbericht gesprochen. Könntest du bitte bis Freitag die Zahlen für Kapitel 2 schicken?
Ich kümmere mich um die Raumbuchung für das nächste Treffen.
@Mehmet bitte die Folien bis 20.03. hochladen.
Bitte an alle: Rückmeldung zum Entwurf bis Ende März.

Wer macht was:
- Lukas: Einladung Praxistag
- Mehmet: Budgetplanung bis KW 14

Viele Grüße
Lena
"""


def test_tasks_in_a_mail_ich_is_the_sender_du_the_one_greeted(tmp_path: Path) -> None:
    assert tasks(tmp_path, "", name="protokoll.eml", head=MAIL) == [
        (["Karim Haddad"], "2025-03-14"), (["Lena Marquardt"], None), (["Mehmet Yilmaz"], "2025-03-20"),
        (["alle"], "2025-03-31"), (["Lukas Brenner"], None), (["Mehmet Yilmaz"], "2025-04-04")]


def test_names_alone_and_reports_under_aufgaben_are_no_tasks(tmp_path: Path) -> None:
    body = ("Frau Marquardt hat über den Stand der Befragung berichtet.\nHerr Brenner berichtet aus dem ZDH.\n\n"
            "## Aufgaben\n\n- Frau Sedlmeier, Herr Brenner\n- Mehmet Yilmaz\n"
            "- Herr Haddad hat die Liste bereits verschickt.\n- Frau Marquardt: Einladung versenden (bis 20.3.)\n")
    assert tasks(tmp_path, body) == [(["Lena Marquardt"], "2025-03-20")]


@pytest.mark.parametrize(("line", "expected"), [
    ("Frau Marquardt (BAuA): Einladung versenden bis 20.3.", (["Lena Marquardt"], "2025-03-20")),
    ("MY: Kapitel 5 gegenlesen", (["Mehmet Yilmaz"], None)),  # initials
    ("Raum buchen (Verantw.: LB)", (["Lukas Brenner"], None)),
    ("Es wird vereinbart, dass Frau Sedlmeier bis 30.4. die Liste der Betriebe aktualisiert.",
     (["Sabine Sedlmeier"], "2025-04-30")),
    ("Auftrag an Herrn Haddad: Förderrichtlinie prüfen", (["Karim Haddad"], None)),
    ("Die Einladung erfolgt durch Frau Marquardt bis Ende März.", (["Lena Marquardt"], "2025-03-31")),
    ("Die Federführung für den Flyer liegt bei Herrn Brenner.", (["Lukas Brenner"], None)),
    ("Zuständig für die Pressemitteilung ist Frau Sedlmeier.", (["Sabine Sedlmeier"], None)),
])
def test_owner_named_by_initials_label_or_after_the_task(tmp_path: Path, line: str,
                                                         expected: tuple[Any, ...]) -> None:
    assert tasks(tmp_path, line + "\n") == [expected]


def test_the_one_asked_owns_the_task_and_statements_with_dates_are_none(tmp_path: Path) -> None:
    body = ("Frau Marquardt stellt die Ergebnisse der Befragung bis 30.4. vor.\n\n"
            "Herr Haddad erklärt, dass bis 30.4. alle Anträge vorliegen müssen.\n\n"
            "Frau Marquardt bittet Herrn Brenner, bis 30.4. die Zahlen zu liefern.\n\n"
            "Die Fachgruppe bittet die Geschäftsstelle, bis Ende Mai einen Termin zu finden.\n\n"
            "Die nächste Sitzung findet am 15.5. statt.\n\n"
            "Frau Sedlmeier weist darauf hin, dass die Frist zum 30.4. endet.\n")
    assert tasks(tmp_path, body) == [(["Lukas Brenner"], "2025-04-30"), (["Geschäftsstelle"], "2025-05-31")]


def test_a_task_table_may_have_columns_of_its_own_next_to_the_owner(tmp_path: Path) -> None:
    body = ("| TOP | Thema | Diskussion | Verantw. | Termin |\n|---|---|---|---|---|\n"
            "| 1 | Newsletter | Erscheint vierteljährlich | LM | 30.4. |\n| 2 | Budget | offen | Brenner | |\n\n"
            "| Datum | Thema | Ort |\n|---|---|---|\n| 15.05.2025 | Praxistag | Hannover |\n")
    assert tasks(tmp_path, body) == [(["Lena Marquardt"], "2025-04-30"), (["Lukas Brenner"], None)]


def test_a_decision_titled_by_its_heading_counts_once(tmp_path: Path) -> None:
    body = ("### Beschluss: Newsletter\n\nBeschluss: Der Newsletter erscheint vierteljährlich.\n\n"
            "### Beschluss: Flyer\n\nDer Flyer wird neu gedruckt.\n\n"
            "### TOP 3\n\nBeschluss: Die Sitzungen finden online statt.\n")
    assert decisions(tmp_path, body) == 3


def test_next_steps_circulated_decisions_and_narrative_reports(tmp_path: Path) -> None:
    body = textwrap.dedent("""\
        Nächste Schritte:
        - Einladung verschicken → Lena
        - Raumbuchung: Lukas (bis 15.4.)
        - Kapitel 2 überarbeiten – Mehmet, Karim – Ende April
        - Förderantrag stellen (verantwortlich: Sabine, Frist 30.06.)

        Umlaufbeschluss: Die Mitglieder haben im Umlaufverfahren der Aufnahme des ZDH zugestimmt (6 Ja, 0 Nein). \
        Der Beschluss gilt damit als angenommen. Die Geschäftsstelle wird gebeten, den ZDH bis Ende April zu \
        informieren.

        Rückblick: Beim Praxistag im Mai kamen über 40 Betriebe. Für den Herbst plant Lukas Brenner eine \
        Fortsetzung; die Einladungen verschickt er bis Ende August.

        ### TOP 4 Verschiedenes: Lena weist auf die Tagung hin. Herr Brenner wird das mit der Geschäftsstelle klären.
        """)
    assert tasks(tmp_path, body) == [
        (["Lena Marquardt"], None), (["Lukas Brenner"], "2025-04-15"),
        (["Mehmet Yilmaz", "Karim Haddad"], "2025-04-30"),
        (["Sabine Sedlmeier"], "2025-06-30"), (["Geschäftsstelle"], "2025-04-30"), (["Lukas Brenner"], "2025-08-31"),
        (["Lukas Brenner"], None)]


@pytest.mark.parametrize("owner", ["Yilmaz (HWK)", "Hr. Yilmaz", "M. Yilmaz", "Mehmet Y.", "MY", "Mehmet"])
def test_an_owner_cell_in_any_everyday_form(tmp_path: Path, owner: str) -> None:
    table = f"| Aufgabe | Verantwortlich | Termin |\n|---|---|---|\n| Budget klären | {owner} | 15.4. |\n"
    assert tasks(tmp_path, table) == [(["Mehmet Yilmaz"], "2025-04-15")]


def test_master_data_names_an_owner_by_the_one_known_person_of_that_surname() -> None:
    text = ("# Protokoll Fachgruppe Digitalisierung\n\nDatum: 12.03.2025\n\nTeilnehmende: Lena Marquardt (BAuA)\n\n"
            "Sabine Sedlmeier vom RKW stellte das Projekt vor.\n\n"
            "Frau Sedlmeier verschickt bis 30.4. die Folien.\nHerr Brenner prüft bis 15.4. das Budget.\n")
    known = KnownPeople([KnownPerson("Sabine Sedlmeier", "RKW"), KnownPerson("Lukas Brenner", "ZDH")])
    parsed = parse_document(read_text_file(text.encode(), "protokoll.md", "md"), people=known)
    # 'Herr Brenner' is the one Brenner the master data knows: the task is his, by his full name
    assert [t["owners"] for t in parsed["action_items"]] == [["Sabine Sedlmeier"], ["Lukas Brenner"]]


def test_owner_first_or_last_between_dashes_and_pipes(tmp_path: Path) -> None:
    body = ("## Wer macht was\n\n- Karim – Zahlen für Kapitel 2 liefern\n"
            "- Frau Sedlmeier | Pressemitteilung | bis 30.4.\n"
            "- Lukas Brenner (ZDH) - Raum reservieren - KW 16\n- Budgetplanung → MY, LM (bis Ende Mai)\n")
    assert tasks(tmp_path, body) == [
        (["Karim Haddad"], None), (["Sabine Sedlmeier"], "2025-04-30"), (["Lukas Brenner"], "2025-04-18"),
        (["Mehmet Yilmaz", "Lena Marquardt"], "2025-05-31")]


def test_sie_and_er_continue_the_person_the_sentence_before_opened_with(tmp_path: Path) -> None:
    body = ("Frau Sedlmeier stellt das Projekt vor. Sie wird bis Ende Mai einen Bericht schreiben.\n\n"
            "Herr Brenner berichtet vom Praxistag. Er übernimmt die Auswertung der Feedbackbögen.\n\n"
            "Die Runde diskutiert den Flyer. Sie wird in der nächsten Sitzung fortgesetzt.\n")
    assert tasks(tmp_path, body) == [(["Sabine Sedlmeier"], "2025-05-31"), (["Lukas Brenner"], None)]
