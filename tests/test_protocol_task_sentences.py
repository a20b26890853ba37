"""Tasks as offices write them in sentences, in minutes and in e-mails: the object first and the one who does it
after the verb ('Um den Termin kümmert sich Frau X', 'Die Umfrage übernehme ich gern'), the mail's 'ich' as its
sender also in a reply above the quoted protocol, an organisation speaking as 'wir (HWK)', several organisations
or an office ('Der Obermeister') as owner, deadlines said without 'bis' ('in 14 Tagen', 'Ende Februar', 'KW 9'),
and a run of notes 'Name: Aufgabe' where one note has no verb (all names and protocols fictional)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from etl.core.registry import KnownPeople, KnownPerson
from etl.parse.file import parse_file

HEAD = textwrap.dedent("""\
    Protokoll der Sitzung des Arbeitskreises Ausbildung am 03.02.2026

    Teilnehmende: Birte Hansen (HWK), Jonas Albrecht (IHK), Mirela Petrović (Stadt Kassel), Ole Lindqvist (BBS)

    TOP 1 Aktuelles
    """)

MAIL = """From: Ines Wollschläger <wollschlaeger@kammer.example>
To: AK Ausbildung <ak@kammer.example>
Subject: Notizen AK Ausbildung 10.03.2026
Date: Wed, 11 Mar 2026 09:00:00 +0100
Content-Type: text/plain; charset=utf-8

Hallo zusammen,

hier meine Notizen von gestern (10.03.2026, 14-16 Uhr, Kammer).
Dabei waren: Ines Wollschläger (HWK), Tarek Haddadi (IHK), Edda Rasmussen (BBS)

{body}

Viele Grüße
Ines Wollschläger
"""

REPLY = """From: Tarek Haddadi <haddadi@ihk.example>
To: AK Ausbildung <ak@kammer.example>
Subject: AW: Protokoll AK Ausbildung 10.03.2026
Date: Thu, 12 Mar 2026 08:10:00 +0100
Content-Type: text/plain; charset=utf-8

Liebe Frau Wollschläger,

danke für das Protokoll. {cover}

Gruß
Tarek Haddadi

-----Ursprüngliche Nachricht-----
Von: Ines Wollschläger <wollschlaeger@kammer.example>
Gesendet: Mittwoch, 11. März 2026 09:00
An: ak@kammer.example
Betreff: Protokoll AK Ausbildung 10.03.2026

> Protokoll AK Ausbildung, 10.03.2026, 14:00-16:00 Uhr, Kammer
>
> Teilnehmende: Ines Wollschläger (HWK), Tarek Haddadi (IHK), Edda Rasmussen (BBS)
>
> 1. Messe: Die Messe im Mai wird vorbereitet.
> 2. Berichte: Frau Rasmussen berichtet aus den Berufsschulen.
>
> Aufgaben: Haddadi: Standplan an alle bis 20.03.; Rasmussen: Schulen anschreiben bis 31.3.
"""


def tasks(parsed: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(t["text"], t["owners"], t["due"]) for t in parsed["action_items"]]


def minutes(tmp_path: Path, body: str) -> list[tuple[Any, ...]]:
    path = tmp_path / "protokoll.txt"
    path.write_text(HEAD + textwrap.dedent(body), encoding="utf-8")
    return tasks(dict(parse_file(path)))


def mail(tmp_path: Path, text: str) -> list[tuple[Any, ...]]:
    path = tmp_path / "notizen.eml"
    path.write_text(text, encoding="utf-8")
    return tasks(dict(parse_file(path)))


def test_the_one_who_does_it_after_the_verb(tmp_path: Path) -> None:
    assert minutes(tmp_path, """\
        Um einen Termin für das Sommerfest kümmert sich Frau Hansen bis Ende Juni.
        Die Einladung zur Ausbildungsbörse verschickt Frau Petrović bis 20.2.
        Frau Hansen regt an, Nachfolge aufzugreifen; den Kontakt zur Innung (Frau Dr. Wendt) nimmt Herr Albrecht auf.
        Das Merkblatt zur Hitze schickt deshalb Herr Lindqvist, der die Zahlen kennt.
        """) == [
        ("Um einen Termin für das Sommerfest kümmern", ["Birte Hansen"], "2026-06-30"),
        ("Einladung zur Ausbildungsbörse verschicken", ["Mirela Petrović"], "2026-02-20"),
        ("Kontakt zur Innung (Frau Dr. Wendt) aufnehmen", ["Jonas Albrecht"], None),
        ("Merkblatt zur Hitze schicken", ["Ole Lindqvist"], None)]


def test_deadlines_said_without_bis(tmp_path: Path) -> None:
    assert minutes(tmp_path, """\
        Herr Lindqvist schickt in 14 Tagen die Zahlen der Berufsschulen.
        Frau Hansen erstellt Ende Februar den Bericht.
        Herr Albrecht prüft binnen einer Woche die Raumfrage.
        → Mirela, KW 9: Pressetext zur Börse
        """) == [
        ("Zahlen der Berufsschulen schicken", ["Ole Lindqvist"], "2026-02-17"),
        ("Bericht erstellen", ["Birte Hansen"], "2026-02-28"),
        ("Raumfrage prüfen", ["Jonas Albrecht"], "2026-02-10"),
        ("Pressetext zur Börse", ["Mirela Petrović"], "2026-02-27")]


def test_organisations_and_offices_as_owners(tmp_path: Path) -> None:
    path = tmp_path / "protokoll.txt"
    path.write_text(HEAD + textwrap.dedent("""\
        Obermeister Lindqvist berichtet aus der Innung.
        Wir (HWK) übernehmen die Raumsuche für die Börse.
        IHK/BBS reichen bis 15.03.2026 eine gemeinsame Projektskizze ein.
        Die Geschäftsstelle lädt zur nächsten Sitzung ein.
        Die Geschäftsstelle verschickt das Protokoll.
        Der Obermeister wird beauftragt, bis zum 30. April ein Konzept für den Tag des Handwerks zu erarbeiten.
        """), encoding="utf-8")
    assert tasks(dict(parse_file(path))) == [
        ("Raumsuche für die Börse übernehmen", ["HWK"], None),
        ("gemeinsame Projektskizze einreichen", ["IHK", "BBS"], "2026-03-15"),
        ("zur nächsten Sitzung einladen", ["Geschäftsstelle"], None),
        ("Konzept für den Tag des Handwerks erarbeiten", ["Ole Lindqvist"], "2026-04-30")]


def test_a_run_of_notes_with_one_without_a_verb(tmp_path: Path) -> None:
    assert minutes(tmp_path, """\
        Jonas: Raum für die Börse bestätigen
        Birte + Mirela: Umfrage bis 28.2. auswerten
        Ole: Literaturliste in den gemeinsamen Ordner

        Frau Petrović: Die Zahlen sind gestiegen.
        """) == [
        ("Raum für die Börse bestätigen", ["Jonas Albrecht"], None),
        ("Umfrage auswerten", ["Birte Hansen", "Mirela Petrović"], "2026-02-28"),
        ("Literaturliste in den gemeinsamen Ordner", ["Ole Lindqvist"], None)]


def test_the_mail_writer_says_ich_also_after_the_object(tmp_path: Path) -> None:
    body = ("Die Umfrage unter den Betrieben übernehme ich gern zusammen mit Herrn Haddadi, bis Mitte April.\n"
            "Das Protokoll schicke ich bis Freitag rum.\n"
            "Gut, das kläre ich mit der Stadt.\n"
            "Herr Haddadi und ich bereiten bis Freitag die Messe vor.\n"
            "Anbei schicke ich euch die Präsentation.\n"
            "Die Folien habe ich schon verschickt.\n"
            "Danke an Edda für die Vorbereitung!\n"
            "Frau Rasmussen hat die Unterlagen bereits verteilt.")
    assert mail(tmp_path, MAIL.format(body=body)) == [
        ("Umfrage unter den Betrieben übernehmen", ["Ines Wollschläger", "Tarek Haddadi"], "2026-04-15"),
        ("Protokoll rumschicken", ["Ines Wollschläger"], "2026-03-13"),
        ("mit der Stadt klären", ["Ines Wollschläger"], None),
        ("Messe vorbereiten", ["Tarek Haddadi", "Ines Wollschläger"], "2026-03-13")]


def test_a_reply_above_the_quoted_protocol_adds_or_hands_over_a_task(tmp_path: Path) -> None:
    added = REPLY.format(cover="Eine Ergänzung: Den Kontakt zur Agentur nehme ich bis Ende März auf.")
    assert mail(tmp_path, added) == [
        ("Standplan an alle", ["Tarek Haddadi"], "2026-03-20"),
        ("Schulen anschreiben", ["Edda Rasmussen"], "2026-03-31"),
        ("Kontakt zur Agentur aufnehmen", ["Tarek Haddadi"], "2026-03-31")]
    handed = REPLY.format(cover="Eine Korrektur: Den Standplan schickt deshalb Frau Wollschläger, ich bin verreist.")
    assert mail(tmp_path, handed) == [
        ("Standplan an alle", ["Ines Wollschläger"], "2026-03-20"),
        ("Schulen anschreiben", ["Edda Rasmussen"], "2026-03-31")]


def test_initials_first_names_that_are_months_and_relative_deadlines(tmp_path: Path) -> None:
    path = tmp_path / "protokoll.txt"
    path.write_text(HEAD.replace("Ole Lindqvist", "Jan Lindqvist") + textwrap.dedent("""\
        Frau P. schickt die Liste der Betriebe bis 30.4. rum.
        Herr Lindqvist meldet sich Ende des Monats bei der Stadt.
        Frau Hansen klärt nächste Woche die Raumfrage.
        Jan: Newsletter-Text bis KW 8
        Mirela: Pressetext bis Mitte Februar
        V: Hansen T: 27.02.2026 Pressemitteilung entwerfen
        """), encoding="utf-8")
    assert tasks(dict(parse_file(path))) == [
        ("Liste der Betriebe rumschicken", ["Mirela Petrović"], "2026-04-30"),
        ("sich bei der Stadt melden", ["Jan Lindqvist"], "2026-02-28"),
        ("Raumfrage klären", ["Birte Hansen"], "2026-02-10"),
        ("Newsletter-Text", ["Jan Lindqvist"], "2026-02-20"),
        ("Pressetext", ["Mirela Petrović"], "2026-02-15"),
        ("Pressemitteilung entwerfen", ["Birte Hansen"], "2026-02-27")]


def test_a_task_restated_in_a_summary_counts_once(tmp_path: Path) -> None:
    assert minutes(tmp_path, """\
        Herr Albrecht kümmert sich bis Mitte März um die Zahlen der Kammern.
        Frau Hansen bucht den Raum für die Klausur.

        Zusammenfassung der Aufgaben
        - Herr Albrecht: Zahlen der Kammern bis Mitte März
        - Frau Hansen: Raum für die Klausur buchen
        """) == [
        ("Zahlen der Kammern", ["Jonas Albrecht"], "2026-03-15"),
        ("Raum für die Klausur buchen", ["Birte Hansen"], None)]


def test_a_note_line_opening_with_a_participant_and_a_task_verb_is_its_own_sentence(tmp_path: Path) -> None:
    assert minutes(tmp_path, """\
        Im Mai gibt es eine Baustellenbegehung, die Stadt stellt den Platz 👍
        Ole schickt bis Freitag die Fotos rum
        Die Unterlagen wurden bereits an
        Frau Hansen verschickt.
        """) == [("Fotos rumschicken", ["Ole Lindqvist"], "2026-02-06")]


def test_who_is_in_charge_of_what_and_promises(tmp_path: Path) -> None:
    assert minutes(tmp_path, """\
        Für die Einladung zur Börse ist Frau Petrović zuständig.
        Herr Albrecht ist für den Messestand verantwortlich (bis 20.3.).
        Frau Hansen ist bei der HWK für die Nachwuchswerbung zuständig.
        Herr Lindqvist sichert zu, den Bericht bis Ende Mai vorzulegen.
        """) == [
        ("Einladung zur Börse", ["Mirela Petrović"], None),
        ("Messestand", ["Jonas Albrecht"], "2026-03-20"),
        ("Bericht vorlegen", ["Ole Lindqvist"], "2026-05-31")]


def test_tasks_in_one_line_with_owners_in_brackets_also_broken_before_a_bracket(tmp_path: Path) -> None:
    assert minutes(tmp_path, """\
        To-do: Einladung Sommerfest (Petrović, bis 15.5.); Fotos der Börse für die Website
        (Lindqvist); Liste der Praktikumsbetriebe (Albrecht, bis Ende April).
        """) == [
        ("Einladung Sommerfest", ["Mirela Petrović"], "2026-05-15"),
        ("Fotos der Börse für die Website", ["Ole Lindqvist"], None),
        ("Liste der Praktikumsbetriebe", ["Jonas Albrecht"], "2026-04-30")]


def test_the_next_meeting_as_deadline_only_when_the_protocol_gives_its_day(tmp_path: Path) -> None:
    dated = minutes(tmp_path, """\
        Aufgaben
        - Steckbriefe der Lernorte – Hansen – Februar-Sitzung
        - Liste monatlich aktualisieren (Albrecht, ab März)
        - Frau Petrović lädt Herrn Wendt zur nächsten Sitzung ein.

        Nächste Sitzung: 24.02.2026 in Kassel
        """)
    assert dated == [
        ("Steckbriefe der Lernorte", ["Birte Hansen"], "2026-02-24"),
        ("Liste monatlich aktualisieren", ["Jonas Albrecht"], None),
        ("Herrn Wendt einladen", ["Mirela Petrović"], "2026-02-24")]
    vague = minutes(tmp_path, """\
        Frau Petrović lädt Herrn Wendt zur nächsten Sitzung ein.

        Die nächste Sitzung findet im März 2026 online statt.
        """)
    assert vague == [("Herrn Wendt zur nächsten Sitzung einladen", ["Mirela Petrović"], None)]


def test_a_timetable_names_who_presents_not_who_does_a_task(tmp_path: Path) -> None:
    assert minutes(tmp_path, """\
        Zeit | Punkt | Wer | Notizen
        14:00 | Berufsorientierung | Birte Hansen | Die Messe wird gut angenommen.
        14:30 | Praxisbericht | Ole Lindqvist | Drohnen im Dachdeckerhandwerk
        """) == []


def test_requests_in_a_mail_to_one_or_to_everyone(tmp_path: Path) -> None:
    body = ("Könnt ihr bis 20.3. eure Zahlen schicken?\n"
            "@Edda bitte bis Freitag den Raum klären\n"
            "Bitte alle bis Ende März die Kontaktdaten prüfen.")
    assert mail(tmp_path, MAIL.format(body=body)) == [
        ("Zahlen schicken", ["alle"], "2026-03-20"),
        ("Raum klären", ["Edda Rasmussen"], "2026-03-13"),
        ("Kontaktdaten prüfen", ["alle"], "2026-03-31")]


FORWARD = """From: Jana Kowalski <kowalski@stadt.example>
To: Amt <amt@stadt.example>
Subject: WG: Protokoll AK Ausbildung 10.03.2026
Date: Fri, 13 Mar 2026 08:00:00 +0100
Content-Type: text/plain; charset=utf-8

Zur Info.

Jana Kowalski

-------- Weitergeleitete Nachricht --------
Betreff: Protokoll AK Ausbildung 10.03.2026
Datum: Wed, 11 Mar 2026 09:00:00 +0100
Von: Ines Wollschläger <wollschlaeger@kammer.example>
An: Jana Kowalski <kowalski@stadt.example>

Protokoll AK Ausbildung, 10.03.2026, 14:00-16:00 Uhr, Kammer

Teilnehmende: Ines Wollschläger (HWK), Tarek Haddadi (IHK), Edda Rasmussen (BBS)

1. Messe: Herr Haddadi schickt den Standplan bis 20.03.
2. Raum: Ich kläre bis Ende März die Raumfrage mit der Stadt.
"""


def test_ich_is_who_wrote_the_forwarded_protocol_or_the_mail_also_when_unlisted(tmp_path: Path) -> None:
    assert mail(tmp_path, FORWARD) == [
        ("Standplan schicken", ["Tarek Haddadi"], "2026-03-20"),
        ("Raumfrage mit der Stadt", ["Ines Wollschläger"], "2026-03-31")]
    unlisted = MAIL.format(body="Die Einladung zur Messe verschicke ich bis Freitag.").replace(
        "Dabei waren: Ines Wollschläger (HWK), ", "Dabei waren: ")
    assert mail(tmp_path, unlisted) == [("Einladung zur Messe verschicken", ["Ines Wollschläger"], "2026-03-13")]


def test_an_item_that_wraps_before_its_subject_stays_one_task(tmp_path: Path) -> None:
    body = ("1. Messe: Die Standplanung ist abgeschlossen.\n"
            "2. Frau Rasmussen regt an, 2027 eine Berufsschulmesse zu planen;\n"
            "   den Kontakt zur Schulleitung (Herr Dr. Brandt) nimmt\n"
            "   Herr Haddadi auf. (bis nächste Sitzung)")
    assert mail(tmp_path, MAIL.format(body=body)) == [
        ("Kontakt zur Schulleitung (Herr Dr. Brandt) aufnehmen", ["Tarek Haddadi"], None)]


def test_the_verb_said_once_for_two_owners_and_lists_of_tasks_in_one_line(tmp_path: Path) -> None:
    assert minutes(tmp_path, """\
        Frau Hansen kümmert sich um den Raum, Herr Albrecht um die Getränke.
        Ole übernimmt die Moderation und Mirela die Begrüßung.
        Den Bus bucht Frau Petrović, die Plakate verschickt Herr Lindqvist.
        Frau Hansen klärt das bis Freitag mit Jonas und Mirela.
        Bis Freitag: Standplan (Hansen), Flyer (Albrecht)
        Aufgaben: Ole (Fotos), Mirela (Pressetext)
        Anwesend waren außerdem: Ole (BBS), Mirela (Stadt)
        """) == [
        ("um den Raum kümmern", ["Birte Hansen"], None),
        ("um die Getränke kümmern", ["Jonas Albrecht"], None),
        ("Moderation übernehmen", ["Ole Lindqvist"], None),
        ("Begrüßung übernehmen", ["Mirela Petrović"], None),
        ("Bus buchen", ["Mirela Petrović"], None),
        ("Plakate verschicken", ["Ole Lindqvist"], None),
        ("mit Jonas und Mirela klären", ["Birte Hansen"], "2026-02-06"),
        ("Standplan", ["Birte Hansen"], "2026-02-06"),
        ("Flyer", ["Jonas Albrecht"], "2026-02-06"),
        ("Fotos", ["Ole Lindqvist"], None),
        ("Pressetext", ["Mirela Petrović"], None)]


def test_a_first_name_of_the_master_data_owns_a_chat_task_when_the_list_missed_them(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_text(HEAD + textwrap.dedent("""\
        Kemal bringt bis Ende März zwei Azubis mit.
        Montag trifft sich die Runde erneut.
        """), encoding="utf-8")
    known = KnownPeople([KnownPerson("Kemal Arslan", "Innung"), KnownPerson("Birte Hansen", "HWK")])
    assert tasks(dict(parse_file(path, people=known))) == [("zwei Azubis mitbringen", ["Kemal"], "2026-03-31")]
    assert tasks(dict(parse_file(path))) == []


def test_everyday_task_verbs_of_mails_and_what_the_mail_itself_does(tmp_path: Path) -> None:
    body = ("Frau Rasmussen besorgt bis Freitag die Getränke.\n"
            "Herr Haddadi macht den Flyer bis 20.3. fertig.\n"
            "Ich bestelle die Namensschilder.\n"
            "Ich schicke euch anbei die Präsentation.\n"
            "Herr Haddadi schreibt, dass die Stadt zustimmt.")
    assert mail(tmp_path, MAIL.format(body=body)) == [
        ("Getränke besorgen", ["Edda Rasmussen"], "2026-03-13"),
        ("Flyer fertigmachen", ["Tarek Haddadi"], "2026-03-20"),
        ("Namensschilder bestellen", ["Ines Wollschläger"], None)]


def test_everyday_verbs_a_topic_before_the_owner_and_a_presentation_to_come(tmp_path: Path) -> None:
    assert minutes(tmp_path, """\
        Herr Lindqvist testet die Lernplattform mit zwei Klassen.

        Raumfrage: Vorschlag Bürgerhaus, Mirela fragt an – bis 13.2.

        Frau Hansen und Herr Albrecht stellen die Börse am 18. März im Kreistag vor.
        Frau Petrović stellt die Zahlen des Jobcenters vor.
        """) == [
        ("Lernplattform mit zwei Klassen testen", ["Ole Lindqvist"], None),
        ("Raumfrage: anfragen", ["Mirela Petrović"], "2026-02-13"),
        ("Börse am 18. März im Kreistag vorstellen", ["Birte Hansen", "Jonas Albrecht"], "2026-03-18")]


def test_under_a_task_heading_any_verb_assigns_work(tmp_path: Path) -> None:
    assert minutes(tmp_path, """\
        Frau Hansen und Herr Albrecht teilen sich die Suche nach Referenten.

        Weiteres Vorgehen

        Herr Lindqvist und Frau Petrović teilen sich die Suche nach Betrieben.

        - Frau Hansen und Herr Albrecht teilen sich die Moderation. Frau Petrović verschickt die Einladung bis 20.2.
        """) == [("sich die Suche nach Betrieben teilen", ["Ole Lindqvist", "Mirela Petrović"], None),
                 ("sich die Moderation teilen", ["Birte Hansen", "Jonas Albrecht"], None),
                 ("Einladung verschicken", ["Mirela Petrović"], "2026-02-20")]


def test_a_protocol_typed_in_capitals(tmp_path: Path) -> None:
    assert minutes(tmp_path, """\
        HERR ALBRECHT BERICHTET AUS DER IHK.
        FRAU PETROVIĆ VERSCHICKT DIE UMFRAGE BIS ENDE FEBRUAR AN ALLE BETRIEBE.
        """) == [("umfrage an alle betriebe verschicken", ["Mirela Petrović"], "2026-02-28")]


def test_work_of_an_earlier_meeting_reported_done_is_no_task(tmp_path: Path) -> None:
    assert minutes(tmp_path, """\
        Aufgaben
        - [ ] Herr Albrecht: Standplan abstimmen
        - [x] Frau Hansen: Raum für die Börse buchen
        - [x] Frau Petrović: Flyer an die Schulen (erledigt)
        - [x] ~~Frau Petrović: Plakate an die Schulen~~ (erledigt)

        | Nr. | Maßnahme | verantwortlich | fällig | Status |
        |---|---|---|---|---|
        | 7 | Presseartikel schreiben | Lindqvist | 20.02.2026 | offen |
        | 8 | Logo abstimmen | Hansen | 15.01.2026 | erledigt |
        | 9 | Dank an die Referenten | Albrecht | – | erledigt |
        """) == [("Standplan abstimmen", ["Jonas Albrecht"], None),  # a ticked box alone stays agreed work
                 ("Raum für die Börse buchen", ["Birte Hansen"], None),
                 ("Flyer an die Schulen (erledigt)", ["Mirela Petrović"], None),
                 ("Presseartikel schreiben", ["Ole Lindqvist"], "2026-02-20"),
                 ("Dank an die Referenten", ["Jonas Albrecht"], None)]  # done at this meeting: still its task


def test_a_surname_of_the_master_data_owns_a_task_when_the_list_missed_them(tmp_path: Path) -> None:
    path = tmp_path / "notiz.txt"
    path.write_text(HEAD + textwrap.dedent("""\
        Kasse: Rappl bietet einen Sprechtag an, Vukovic meldet den Bedarf bis 20.2.
        """), encoding="utf-8")
    known = KnownPeople([KnownPerson("Dragana Vukovic", "Innung"), KnownPerson("Birte Hansen", "HWK")])
    assert tasks(dict(parse_file(path, people=known))) == [("Bedarf melden", ["Dragana Vukovic"], "2026-02-20")]
    assert tasks(dict(parse_file(path))) == []


def test_a_request_that_everyone_does_something(tmp_path: Path) -> None:
    assert minutes(tmp_path, """\
        Frau Petrović bittet darum, dass ihr alle bis Freitag die Zahlen ihrer Betriebe schicken.
        Herr Albrecht bittet darum, dass alle pünktlich sein werden.
        """) == [("Zahlen ihrer Betriebe schicken", ["alle"], "2026-02-06")]


def test_the_organisation_after_the_verb_and_its_person_in_brackets(tmp_path: Path) -> None:
    assert minutes(tmp_path, """\
        3.1 Den Messestand organisiert die Stadt Kassel (Frau Petrović) bis Ende April.
        3.2 Den Bericht erläutert die IHK (Herr Albrecht).
        """) == [("Messestand organisieren", ["Mirela Petrović"], "2026-04-30")]


def test_several_tasks_in_one_note_line_set_apart_by_bars(tmp_path: Path) -> None:
    assert minutes(tmp_path, """\
        Aufgaben
        - Frau Hansen reserviert den Saal bis 20.2. | Jonas + Ole Plakatentwurf bis Ende Februar
        """) == [("Saal reservieren", ["Birte Hansen"], "2026-02-20"),
                 ("Plakatentwurf", ["Jonas Albrecht", "Ole Lindqvist"], "2026-02-28")]


def test_headings_decorated_with_symbols_and_a_note_of_work_done(tmp_path: Path) -> None:
    path = tmp_path / "wiki.md"
    path.write_text(textwrap.dedent("""\
        # Arbeitskreis Ausbildung 03.02.2026

        ## 👥 Anwesenheit
        - Birte Hansen
        - Jonas Albrecht

        ## ✅ Beschlüsse
        - Die Börse findet im Mai statt.

        ## 📌 Aufgaben
        - Birte: Hallenplan bis 20.02.
        - Jonas: Einladungen verschickt
        """), encoding="utf-8")
    parsed = dict(parse_file(path))
    assert [p["name"] for p in parsed["participants"]] == ["Birte Hansen", "Jonas Albrecht"]
    assert len(parsed["decisions"]) == 1
    assert tasks(parsed) == [("Hallenplan", ["Birte Hansen"], "2026-02-20")]


def test_a_meeting_chat_pasted_into_a_mail(tmp_path: Path) -> None:
    assert mail(tmp_path, MAIL.format(body=textwrap.dedent("""\
        Aus dem Chat:
        [10:05] Tarek Haddadi: Ich kläre die Standmiete mit der Messe, bis Ende März
        [10:12] Edda Rasmussen: @Ines bitte die Liste der Schulen bis 20.03. an mich
        [10:20] Ines Wollschläger: → Tarek: Fotos vom letzten Jahr raussuchen, KW 13
        [10:31] Edda Rasmussen: Die Aula ist schon gebucht.
        """))) == [("Standmiete mit der Messe", ["Tarek Haddadi"], "2026-03-31"),
                   ("Liste der Schulen an mich", ["Ines Wollschläger"], "2026-03-20"),
                   ("Fotos vom letzten Jahr raussuchen", ["Tarek Haddadi"], "2026-03-27")]
