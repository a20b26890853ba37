"""Tasks and decisions read from what the text says, in the shapes people outside the project write them:
clauses joined by a semicolon, a topic before a dash, @mentions and drawn checkboxes, task tables that lost their
borders, results lists that mix decisions with reports and plans, decisions held back or taken by accepting an
offer, and an organisation as owner named by the master data (all names and protocols fictional)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from etl.build.preview import parse_one
from etl.parse.file import parse_file

HEAD = textwrap.dedent("""\
    # Protokoll Fachgruppe Arbeit im Wandel

    Datum: 12.03.2025, 10:00–12:00 Uhr, online

    Teilnehmende:
    - Lena Marquardt (BAuA)
    - Mehmet Yilmaz (HWK Hannover)
    - Lukas Brenner (Geschäftsstelle)
    - Karim Haddad (itb)
    - Sabine Sedlmeier (RKW)

    ## TOP 1 Bericht

    """)


def parsed(tmp_path: Path, body: str) -> dict[str, Any]:
    path = tmp_path / "protokoll.md"
    path.write_text(HEAD + textwrap.dedent(body), encoding="utf-8")
    return dict(parse_file(path))


def tasks(tmp_path: Path, body: str) -> list[tuple[Any, ...]]:
    return [(t["owners"], t["due"]) for t in parsed(tmp_path, body)["action_items"]]


def decisions(tmp_path: Path, body: str) -> int:
    return len(parsed(tmp_path, body)["decisions"])


def test_two_clauses_joined_by_a_semicolon_are_two_tasks(tmp_path: Path) -> None:
    body = "Herr Brenner bucht bis 30. Mai den Saal; Frau Marquardt verteilt danach die Einladungen.\n"
    assert tasks(tmp_path, body) == [(["Lukas Brenner"], "2025-05-30"), (["Lena Marquardt"], None)]


def test_the_person_after_a_topic_and_a_dash_is_the_subject(tmp_path: Path) -> None:
    body = "- Austausch mit der Innung – Frau Sedlmeier stellt den Kontakt her (bis 31.05.2025).\n"
    assert tasks(tmp_path, body) == [(["Sabine Sedlmeier"], "2025-05-31")]


def test_mentions_and_drawn_checkboxes_name_the_owner(tmp_path: Path) -> None:
    body = """\
        ## Aufgaben

        - [ ] Leitfaden gegenlesen (@Marquardt, @Yilmaz) – bis 09.05.2025
        - ☐ @Lukas Brenner Saal in Kassel reservieren – fällig am 19.09.2025
        - ☑ @Karim Haddad Raumbuchung bestätigen – erledigt
        """
    assert tasks(tmp_path, body) == [(["Lena Marquardt", "Mehmet Yilmaz"], "2025-05-09"),
                                     (["Lukas Brenner"], "2025-09-19"), (["Karim Haddad"], None)]


def test_a_task_table_that_lost_its_borders_keeps_task_owner_and_deadline(tmp_path: Path) -> None:
    body = """\
        ## Aufgaben

        Was Wer Bis

        Saal Kassel reservieren Brenner 15.07.2025

        Aufruf an alle Gruppen schicken Marquardt / Haddad Ende August

        Grußwort beim Ministerium anfragen Dr. Yilmaz —
        """
    assert tasks(tmp_path, body) == [(["Lukas Brenner"], "2025-07-15"),
                                     (["Lena Marquardt", "Karim Haddad"], "2025-08-31"), (["Mehmet Yilmaz"], None)]


def test_a_results_list_counts_decisions_not_reports_or_plans_with_a_task(tmp_path: Path) -> None:
    body = """\
        ## Ergebnisse

        - Die Fachgruppe gibt sich den Namen „Arbeit im Wandel“.
        - Sprecher sind Frau Marquardt und Herr Yilmaz (einstimmig gewählt).
        - Der Leitfaden wird in der nächsten Sitzung vorgestellt (Herr Haddad lädt die Autorin ein).
        - Frau Sedlmeier berichtet über die Umfrage in den Betrieben.
        """
    assert decisions(tmp_path, body) == 2


@pytest.mark.parametrize(("text", "count"), [
    ("Die Runde ist interessiert, entscheidet aber noch nicht.", 0),
    ("Über die Verlängerung wird heute nicht beschlossen.", 0),
    ("Der Antrag wird nicht angenommen.", 0),
    ("Die Fachgruppe nimmt das Angebot der Hochschule an.", 1),
    ("Die AG nimmt die Einladung nach Kassel an.", 1),
    ("Die Runde nimmt den Bericht zur Kenntnis.", 0),
])
def test_decisions_held_back_and_offers_accepted(tmp_path: Path, text: str, count: int) -> None:
    assert decisions(tmp_path, text + "\n") == count


def test_an_organisation_as_owner_is_named_by_its_short_name(tmp_path: Path) -> None:
    source = tmp_path / "quelle"
    source.mkdir()
    (source / "organisations.csv").write_text(
        "name,short_name,aliases\nNetzwerkgeschäftsstelle,NGS,Geschäftsstelle|Geschäftsstelle des Netzwerks\n",
        encoding="utf-8")
    path = tmp_path / "protokoll.md"
    path.write_text(HEAD + "## Aufgaben\n\n- Liste der Gruppen aktualisieren – Geschäftsstelle – bis 30.04.\n"
                    "- Alle Gruppen über den Termin informieren – Netzwerkgeschäftsstelle – bis 11.04.\n",
                    encoding="utf-8")
    result, _ = parse_one(path, source)
    assert [(t["owners"], t["due"]) for t in result["action_items"]] == [(["NGS"], "2025-04-30"),
                                                                         (["NGS"], "2025-04-11")]


def test_a_task_named_first_and_owners_by_salutation_after_the_colon_or_arrow(tmp_path: Path) -> None:
    body = """\
        ## Aufgaben

        - Gliederung Leitfaden: Frau Marquardt, Herr Yilmaz – bis 31. März
        - Umfrage Mitglieder – Frau Sedlmeier – bis 15. September
        - Layout Broschüre → Herr Haddad, Ende Juni
        - Praxisbeispiel aufbereiten (Brenner) – bis zur nächsten Sitzung
        - Räume buchen (Haddad, Ende Oktober)
        """
    assert tasks(tmp_path, body) == [(["Lena Marquardt", "Mehmet Yilmaz"], "2025-03-31"),
                                     (["Sabine Sedlmeier"], "2025-09-15"), (["Karim Haddad"], "2025-06-30"),
                                     (["Lukas Brenner"], None), (["Karim Haddad"], "2025-10-31")]


def test_a_topic_shaped_like_a_name_before_a_listed_participant_is_the_task(tmp_path: Path) -> None:
    body = """\
        ## Aufgaben

        - Übersicht Ansprechpersonen – Karim Haddad – bis 09.07.2025
        - Karim Haddad – Zahlen für Kapitel 2 liefern
        """
    assert [(t["text"], t["owners"], t["due"]) for t in parsed(tmp_path, body)["action_items"]] == [
        ("Übersicht Ansprechpersonen", ["Karim Haddad"], "2025-07-09"),
        ("Zahlen für Kapitel 2 liefern", ["Karim Haddad"], None)]


def test_a_task_told_in_the_minutes_and_listed_again_is_one_task_with_its_co_owner(tmp_path: Path) -> None:
    body = """\
        Herr Haddad erinnert an den Jahresbericht. Er übernimmt den Entwurf gemeinsam mit Frau Sedlmeier.

        ## Aufgaben

        - Entwurf Jahresbericht – Herr Haddad, Frau Sedlmeier – 15.12.2025
        """
    assert tasks(tmp_path, body) == [(["Karim Haddad", "Sabine Sedlmeier"], "2025-12-15")]
    alone = "Herr Haddad übernimmt den Entwurf gemeinsam mit Frau Sedlmeier.\n"
    assert [t["text"] for t in parsed(tmp_path, alone)["action_items"]] == ["Entwurf übernehmen"]
    assert tasks(tmp_path, alone) == [(["Karim Haddad", "Sabine Sedlmeier"], None)]


@pytest.mark.parametrize(("text", "count"), [
    ("## Ergebnisse\n\n- Der Leitfaden ist veröffentlicht; 300 Abrufe.\n- Die Reihe startet im Mai.\n", 1),
    ("## Ergebnisse\n\n- Rund 40 Betriebe nahmen am Aktionstag teil.\n- Frau Yilmaz hat ihre Mitarbeit zugesagt.\n", 0),
    ("Die Fachgruppe gibt den Leitfaden zur Veröffentlichung frei.", 1),
    ("Abgestimmt haben:\n\nLena Marquardt (BAuA) ........ Zustimmung\n\nKarim Haddad (itb) ........... Enthaltung\n\n"
     "Damit ist die Empfehlung angenommen.", 1),
])
def test_results_that_report_and_written_votes_count_only_the_decision(tmp_path: Path, text: str,
                                                                       count: int) -> None:
    assert decisions(tmp_path, text + "\n") == count


def test_work_agreed_under_a_label_and_groups_as_lower_case_subjects(tmp_path: Path) -> None:
    body = """\
        Vereinbart: Herr Haddad stellt das Projekt bei der Innungsversammlung vor. Frau Sedlmeier nimmt den Bericht
        bis 30.6. in den Newsletter auf.

        Aufgaben: Herr Brenner stellt Räume für 2026 (laufend).

        Frau Marquardt richtet den Bereich bis 30.6. ein; die Fachgruppen liefern ihre Materialien bis Ende September.

        ToDo Yilmaz: Website-Texte Fachgruppen aktualisieren, bis 31.03.
        """
    result = parsed(tmp_path, body)
    assert [(t["owners"], t["due"]) for t in result["action_items"]] == [
        (["Karim Haddad"], None), (["Sabine Sedlmeier"], "2025-06-30"), (["Lukas Brenner"], None),
        (["Lena Marquardt"], "2025-06-30"), (["Fachgruppen"], "2025-09-30"), (["Mehmet Yilmaz"], "2025-03-31")]
    assert len(result["decisions"]) == 1


@pytest.mark.parametrize("line", [
    "Frau Marquardt wird ab März Herrn Haddad im Koordinierungsteam vertreten.",
    "Frau Sedlmeier erinnert an den Auftrag, bis zum 30.06. einen Arbeitsplan vorzulegen; dieser liegt vor.",
])
def test_a_standing_role_and_a_reminder_of_an_old_deadline_are_no_tasks(tmp_path: Path, line: str) -> None:
    assert tasks(tmp_path, line + "\n") == []


def test_clauses_joined_by_a_comma_before_the_next_person_and_everyday_verbs(tmp_path: Path) -> None:
    body = ("Herr Haddad kümmert sich bis Ende September um die Referenten, Frau Sedlmeier reserviert den Saal.\n\n"
            "Frau Marquardt und Herr Yilmaz suchen einen Termin für den Fachtag.\n\n"
            "Herr Brenner reicht den Bericht bis 15.12. nach.\n\n"
            "Herr Yilmaz und Frau Marquardt erarbeiten ein Konzept bis zur nächsten Sitzung am 03.06.2025.\n")
    assert tasks(tmp_path, body) == [(["Karim Haddad"], "2025-09-30"), (["Sabine Sedlmeier"], None),
                                     (["Lena Marquardt", "Mehmet Yilmaz"], None), (["Lukas Brenner"], "2025-12-15"),
                                     (["Mehmet Yilmaz", "Lena Marquardt"], "2025-06-03")]


@pytest.mark.parametrize(("text", "count"), [
    ("Die Geschäftsordnung wird in der vorliegenden Fassung beschlossen (5 Ja, 0 Nein).", 1),
    ("Ein Antrag wird vom Strategiekreis beschlossen, wenn er vorliegt.", 0),
])
def test_a_passive_decision_with_words_before_its_participle(tmp_path: Path, text: str, count: int) -> None:
    assert decisions(tmp_path, text + "\n") == count


def test_a_list_item_closed_by_a_dash_and_a_participant_is_their_task(tmp_path: Path) -> None:
    body = ("- Projekt Lernlabor: Vorstellung in der AG Transfer am 09.12. – Herr Haddad.\n"
            "- Rückblick Fachtag: gut besucht – Frau Sedlmeier hat berichtet.\n")
    assert tasks(tmp_path, body) == [(["Karim Haddad"], "2025-12-09")]


def test_short_labels_a_trailing_owner_of_a_checkbox_and_a_deadline_in_weeks(tmp_path: Path) -> None:
    body = ("Flyer abstimmen. V: Marquardt, T: 15.04.\n\n"
            "- [ ] Präsentation hochladen Haddad\n\n"
            "Herr Brenner verschickt das Protokoll in zwei Wochen.\n")
    assert tasks(tmp_path, body) == [(["Lena Marquardt"], "2025-04-15"), (["Karim Haddad"], None),
                                     (["Lukas Brenner"], "2025-03-26")]


def test_the_owner_in_brackets_of_a_task_label(tmp_path: Path) -> None:
    assert tasks(tmp_path, "TODO (Haddad): Kontaktliste aktualisieren\n") == [(["Karim Haddad"], None)]


@pytest.mark.parametrize(("text", "count"), [
    ("✔ beschlossen: Die Sitzungen finden künftig hybrid statt.", 1),
    ("Nach kurzer Aussprache wird der Zeitplan bestätigt.", 1),
    ("Abstimmung über den Antrag: 4 dafür, 0 dagegen. Der Antrag ist damit angenommen.", 1),
    ("Wir sind uns einig, dass der Flyer neu gedruckt wird.", 1),
    ("Der Beschluss vom März wird aufgehoben.", 1),
    ("Das Protokoll der letzten Sitzung wird bestätigt.", 0),
    ("Die Entscheidung über den Haushalt wird vertagt.", 0),
])
def test_decisions_confirmed_lifted_or_agreed_and_a_ticked_decision_is_no_task(tmp_path: Path, text: str,
                                                                              count: int) -> None:
    result = parsed(tmp_path, text + "\n")
    assert (len(result["decisions"]), result["action_items"]) == (count, [])


@pytest.mark.parametrize(("line", "expected"), [
    ("Herr Haddad stellt die Ergebnisse in der nächsten Sitzung vor.", [(["Karim Haddad"], None)]),
    ("Herr Brenner berichtet beim nächsten Treffen über den Stand.", [(["Lukas Brenner"], None)]),
    ("Frau Sedlmeier berichtet in der nächsten Sitzung über die Umfrage.", [(["Sabine Sedlmeier"], None)]),
    ("Frau Sedlmeier berichtet über die Umfrage.", []),
    ("Herr Haddad stellt das Projekt vor.", []),
])
def test_a_report_promised_for_a_later_meeting_is_a_task(tmp_path: Path, line: str,
                                                         expected: list[tuple[Any, ...]]) -> None:
    assert tasks(tmp_path, line + "\n") == expected


def test_tasks_in_a_minutes_table_and_after_a_decision_label_and_an_agreement_stated_is_a_decision(
        tmp_path: Path) -> None:
    body = """\
        | TOP | Thema | Ergebnis |
        |---|---|---|
        | 1 | Fachtag | Der Fachtag findet im März statt (einstimmig beschlossen). |
        | 2 | Flyer | Frau Sedlmeier erstellt bis 30.11. einen Entwurf. |

        Ergebnis: Die Fachgruppe beschließt die Teilnahme am Fachtag. Herr Brenner bucht bis 31.10. die Bahn.

        ## Vereinbarungen

        - Frau Marquardt lädt bis 15.10. die Referenten ein.
        - Die Sitzungen finden künftig online statt.
        """
    result = parsed(tmp_path, body)
    assert [(t["owners"], t["due"]) for t in result["action_items"]] == [
        (["Sabine Sedlmeier"], "2025-11-30"), (["Lukas Brenner"], "2025-10-31"), (["Lena Marquardt"], "2025-10-15")]
    assert len(result["decisions"]) == 3  # the table's, the label's and the agreement under 'Vereinbarungen'


def test_a_heading_for_decisions_and_tasks_counts_the_stated_agreements_and_reads_the_tasks(tmp_path: Path) -> None:
    body = """\
        ## Beschlüsse und Aufgaben

        - Die Sitzungen finden künftig online statt.
        - Frau Sedlmeier erstellt bis 30.11. einen Entwurf.
        - Einladung verschicken – Brenner – 31.10.

        ## Aufgaben

        - Die Geschäftsstelle verschickt das Protokoll.
        """
    result = parsed(tmp_path, body)
    assert [(t["owners"], t["due"]) for t in result["action_items"]] == [
        (["Sabine Sedlmeier"], "2025-11-30"), (["Lukas Brenner"], "2025-10-31"), (["Geschäftsstelle"], None)]
    assert [d["text"] for d in result["decisions"]] == ["Die Sitzungen finden künftig online statt."]


@pytest.mark.parametrize(("line", "expected"), [
    ("Bis Ende Oktober soll die Geschäftsstelle einen Raum reservieren.", [(["Geschäftsstelle"], "2025-10-31")]),
    ("Bis 30.4. muss Herr Haddad die Zahlen prüfen.", [(["Karim Haddad"], "2025-04-30")]),
    ("Die Übersicht erstellt Herr Brenner.", [(["Lukas Brenner"], None)]),
    ("Frau Sedlmeier bringt zur nächsten Sitzung Beispiele mit.", [(["Sabine Sedlmeier"], None)]),
    ("Herr Haddad ruft die Innung an.", [(["Karim Haddad"], None)]),
])
def test_the_subject_after_the_verb_and_everyday_separable_verbs(tmp_path: Path, line: str,
                                                                 expected: list[tuple[Any, ...]]) -> None:
    assert tasks(tmp_path, line + "\n") == expected


@pytest.mark.parametrize(("text", "count"), [
    ("Der Vorschlag findet allgemeine Zustimmung.", 1),
    ("Der Vorschlag findet keine Zustimmung.", 0),
    ("Der Fachtag soll im März stattfinden – Zustimmung aller Anwesenden.", 1),
    # a vote taken is the meeting's decision even when it turns the motion down (as the practice sets count it)
    ("Abstimmung: 2 Ja, 6 Nein – der Antrag ist abgelehnt.", 1),
])
def test_approval_found_and_a_vote_that_failed(tmp_path: Path, text: str, count: int) -> None:
    assert decisions(tmp_path, text + "\n") == count


def test_a_time_range_after_a_dash_is_no_vote(tmp_path: Path) -> None:
    assert decisions(tmp_path, "Anbei die Ergebnisse der Telefonkonferenz (15:00 – 15:45 Uhr, Webex).\n") == 0
