"""Decisions found from what a sentence or block means, however an office phrases it: a body electing,
appointing, granting or releasing; 'Entschieden wurde', 'Wir haben entschieden', 'Alle sind einverstanden';
a circulation vote closed; entries marked with kind letters ('(B)', '[I]') and a key; a list introduced by
'Folgende Beschlüsse wurden gefasst:'; a summary list that restates the decisions of the text (counted once);
a vote's closing sentence after its tally (counted once) — and what is none: an opinion poll, a reminder of an
earlier agreement, one person agreeing, a mere 'Kenntnisnahme' (all names and protocols fictional)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from etl.parse.file import parse_file

HEAD = textwrap.dedent("""\
    # Protokoll Fachgruppe Nachwuchs Oberlausitz

    Datum: 03.03.2026, 09:30–11:30 Uhr

    Teilnehmende:
    - Rieke Domaschk (HWK Dresden)
    - Arvid Lehnigk (Kreishandwerkerschaft Görlitz)
    - Svea Matuschek (Geschäftsstelle)

    ## TOP 1 Ausbildungsmesse

    Frau Domaschk berichtet über den Stand der Planung.

    """)


def decisions(tmp_path: Path, body: str) -> list[str]:
    path = tmp_path / "protokoll.md"
    path.write_text(HEAD + textwrap.dedent(body), encoding="utf-8")
    return [d["text"] for d in parse_file(path)["decisions"]]


@pytest.mark.parametrize("sentence", [
    # a body elects, appoints, grants, approves
    "Die Fachgruppe wählt Herrn Lehnigk zum stellvertretenden Sprecher.",
    "Der Lenkungskreis beruft Frau Domaschk in den Beirat.",
    "Die Fachgruppe bewilligt 800 Euro für den Messestand.",
    "Die Mitgliederversammlung genehmigt den Haushaltsplan 2026.",
    "Die Fachgruppe beauftragt die Geschäftsstelle, den Stand anzumelden.",
    # passive forms with the result's verb
    "Das Budget von 800 Euro wird freigegeben.",
    "Die Mittel für den Stand werden bewilligt.",
    "Der Entwurf des Leitfadens wird ohne Änderungen freigegeben.",
    "Der Termin wird auf den 12.05. festgelegt.",
    "Als Termin wird der 12.05. festgelegt.",
    "Der Beschluss wird einstimmig gefasst.",
    "Entschieden wurde, den Stand mit der Innung zu teilen.",
    # everyone agreeing, a vote's result first
    "Alle Anwesenden sind einverstanden.",
    "Mehrheitlich (5:2) spricht sich die Gruppe für Görlitz aus.",
    # a mail's 'we'
    "Wir haben entschieden, den Stand gemeinsam zu betreiben.",
    "Im Team haben wir vereinbart, die Flyer zweisprachig zu drucken.",
    # a circulation vote closed
    "Das Umlaufverfahren ist abgeschlossen; der Vorschlag ist angenommen.",
    "Ergebnis des Umlaufverfahrens: Zustimmung aller sieben Mitglieder.",
    # a form's ticked box, a statement after the discussion
    "[x] Beschluss  [ ] Information – Der Stand wird gemeinsam betrieben.",
    "Nach Diskussion: Die Flyer erscheinen zweisprachig.",
    # the body follows, joins, keeps to or forgoes something; a re-election; a resolution closed by circulation
    "Die Gruppe schließt sich dem Vorschlag von Frau Domaschk an.",
    "Frau Domaschk schlägt Görlitz vor; dem schließen sich alle an.",
    "Die Fachgruppe folgt dem Vorschlag von Frau Domaschk.",
    "Der Vorschlag von Frau Domaschk wird übernommen.",
    "Die Gruppe verzichtet auf einen eigenen Stand.",
    "Die Runde hält an der bisherigen Planung fest.",
    "Die Fachgruppe stimmt mit 6:1 für den Standort Görlitz.",
    "Frau Domaschk wird als Sprecherin wiedergewählt.",
    "Es wird einvernehmlich festgehalten, dass die Kammer die Kosten trägt.",
    "Der Beschlussvorschlag ging allen Mitgliedern per E-Mail zu. Bis zum 10.03. stimmten sechs Mitglieder zu, "
    "eines enthielt sich. Der Beschluss ist damit gefasst.",
    # a proposal and a line that no one objected
    "Frau Domaschk schlägt Görlitz vor. Keine Einwände.",
    "Frau Domaschk schlägt Görlitz vor. Es gibt keine Gegenstimmen.",
    # a motion the meeting turned down: a vote taken (the practice sets count it)
    "Der Antrag auf eine zweite Messe wird abgelehnt.",
    "Abstimmung über den Antrag auf eine zweite Messe: 2 Ja, 5 Nein. Der Antrag ist damit abgelehnt.",
    "Beschluss: Der Antrag auf eine zweite Messe wird abgelehnt.",
    "Der Arbeitskreis legt den Termin auf den 12.05. fest.",
    "Der Beirat stimmt dem Konzept zu.",
    "Über die Aufteilung des Standes wird Einvernehmen erzielt.",
    # a meeting recap or a memory protocol in the past tense
    "Es wurde entschieden, den Stand gemeinsam zu betreiben.",
    "Das Team entschied, die Flyer zweisprachig zu drucken.",
    "Rieke und Arvid vereinbarten, den Stand gemeinsam zu betreiben.",
    "Einig waren sich alle, dass die Flyer zweisprachig erscheinen sollen.",
    "Entscheidung -> gemeinsamer Stand mit der Innung",
    # an association's general meeting
    "Die Mitgliederversammlung erteilt dem Vorstand einstimmig Entlastung.",
    "Der Jahresabschluss 2025 wird festgestellt.",
    "Gewählt wurden: Rieke Domaschk (Vorsitz), Arvid Lehnigk (Kasse).",
    "Die Satzungsänderung wird mit der erforderlichen Zweidrittelmehrheit angenommen.",
])
def test_one_decision_by_meaning(tmp_path: Path, sentence: str) -> None:
    assert len(decisions(tmp_path, sentence + "\n")) == 1


@pytest.mark.parametrize("sentence", [
    "Ergebnis: Kenntnisnahme.",
    "Stimmungsbild: 5 für Görlitz, 2 für Bautzen.",
    "Ein Stimmungsbild ergibt eine Mehrheit für Görlitz.",
    "Wie in der letzten Sitzung vereinbart, übernimmt die Geschäftsstelle die Anmeldung.",
    "Gemäß Beschluss vom 12.01. betreibt die Fachgruppe den Stand gemeinsam.",
    "Herr Lehnigk stimmt dem Vorschlag grundsätzlich zu, möchte aber die Kosten kennen.",
    "Der Termin wird noch festgelegt.",
    "☐ Beschluss ☒ Information: Der Stand kostet 800 Euro.",
    "Die Gruppe beschließt, die Entscheidung über den Stand zu vertagen.",
    "Die Abstimmung über den Stand wird auf Mai verschoben.",
    "Der Vorstand hatte im Januar beschlossen, die Beiträge zu erhöhen.",
    "Herr Lehnigk lehnt den Vorschlag ab.",
    "Der Förderantrag wurde vom Ministerium abgelehnt.",
    "Darüber wird entschieden, sobald die Kosten feststehen.",
    "Die vereinbarten Termine stehen im Kalender.",
    "Die Vorsitzende stellt die ordnungsgemäße Einberufung sowie die Beschlussfähigkeit fest.",
    "Herr Lehnigk sagte zu, bis Ende April Angebote einzuholen.",
])
def test_no_decision(tmp_path: Path, sentence: str) -> None:
    assert decisions(tmp_path, sentence + "\n") == []


def test_a_decision_column_saying_none_holds_none(tmp_path: Path) -> None:
    body = """\
        | TOP | Thema | Beschluss |
        |---|---|---|
        | 1 | Messe | Gemeinsamer Stand mit der Innung |
        | 2 | Flyer | – |
        | 3 | Newsletter | keiner |
        """
    assert decisions(tmp_path, body) == ["Messe – Gemeinsamer Stand mit der Innung"]


def test_kind_letters_with_their_key_mark_the_decisions(tmp_path: Path) -> None:
    body = """\
        ## Ergebnisse

        - (B) Die Messe wird gemeinsam ausgerichtet.
        - (I) Die Kammer zieht im Mai um.
        - (B) Die Flyer werden zweisprachig gedruckt.
        - (A) Angebote einholen – Matuschek – 30.04.2026

        Legende: B = Beschluss, I = Information, A = Aufgabe
        """
    assert decisions(tmp_path, body) == ["Die Messe wird gemeinsam ausgerichtet.",
                                         "Die Flyer werden zweisprachig gedruckt."]


def test_a_letter_after_the_text_marks_it_too(tmp_path: Path) -> None:
    body = """\
        - Die Messe wird gemeinsam ausgerichtet. [B]
        - Die Kammer zieht im Mai um. [I]
        """
    assert decisions(tmp_path, body) == ["Die Messe wird gemeinsam ausgerichtet."]


def test_a_list_introduced_as_the_decisions_taken(tmp_path: Path) -> None:
    body = """\
        Folgende Beschlüsse wurden gefasst:

        - Die Messe wird gemeinsam ausgerichtet.
        - Die Flyer werden zweisprachig gedruckt.
        """
    assert len(decisions(tmp_path, body)) == 2


def test_a_summary_list_restating_the_decisions_counts_each_once(tmp_path: Path) -> None:
    body = """\
        Beschluss: Die Messe wird gemeinsam ausgerichtet.

        ## TOP 2 Flyer

        Es wird beschlossen, die Flyer zweisprachig zu drucken.

        ## Beschlüsse im Überblick

        1. Gemeinsame Messe
        2. Zweisprachige Flyer
        """
    assert decisions(tmp_path, body) == ["Die Messe wird gemeinsam ausgerichtet.",
                                         "Es wird beschlossen, die Flyer zweisprachig zu drucken."]


def test_a_summary_list_adds_what_the_text_did_not_decide(tmp_path: Path) -> None:
    body = """\
        Beschluss: Die Messe wird gemeinsam ausgerichtet.

        ## Übersicht der Beschlüsse

        - Gemeinsame Messe
        - Newsletter erscheint künftig vierteljährlich
        """
    assert decisions(tmp_path, body) == ["Die Messe wird gemeinsam ausgerichtet.",
                                         "Newsletter erscheint künftig vierteljährlich"]


def test_a_vote_and_its_closing_sentence_are_one_decision(tmp_path: Path) -> None:
    body = """\
        ## TOP 2 Flyer

        Beschlussvorschlag: Die Flyer werden zweisprachig gedruckt.
        Abstimmung: 7 Ja, 0 Nein, 0 Enthaltungen. Der Beschlussvorschlag ist damit angenommen.
        """
    assert len(decisions(tmp_path, body)) == 1


@pytest.mark.parametrize("intro", ["Folgendes wurde vereinbart:", "Die Runde beschließt:",
                                   "Wir haben in der Telko Folgendes vereinbart:"])
def test_a_sentence_introducing_a_list_of_decisions_counts_its_items(tmp_path: Path, intro: str) -> None:
    body = f"""\
        ## TOP 2 Flyer

        {intro}

        - Die Flyer erscheinen zweisprachig.
        - Der Newsletter erscheint vierteljährlich.

        ## TOP 3 Verschiedenes

        Frau Domaschk berichtet von der Kammerversammlung.
        """
    assert decisions(tmp_path, body) == ["Die Flyer erscheinen zweisprachig.",
                                         "Der Newsletter erscheint vierteljährlich."]


@pytest.mark.parametrize("sentence", [
    "Die Flyer erscheinen zweisprachig (einstimmig).",
    "Die Flyer erscheinen zweisprachig (7:0:1).",
    "Die Flyer erscheinen zweisprachig. → Beschluss",
])
def test_a_statement_closed_by_its_vote(tmp_path: Path, sentence: str) -> None:
    assert len(decisions(tmp_path, f"## TOP 2 Flyer\n\n{sentence}\n")) == 1


def test_a_closing_summary_sentence_counts_no_decision_again(tmp_path: Path) -> None:
    body = """\
        ## TOP 2 Flyer

        Es wird beschlossen, die Flyer zweisprachig zu drucken.

        ## TOP 3 Newsletter

        Es wird beschlossen, den Newsletter vierteljährlich zu versenden.

        Fazit: Zweisprachige Flyer und ein vierteljährlicher Newsletter wurden beschlossen.
        """
    assert decisions(tmp_path, body) == ["Es wird beschlossen, die Flyer zweisprachig zu drucken.",
                                         "Es wird beschlossen, den Newsletter vierteljährlich zu versenden."]


def test_two_decisions_on_like_matters_both_count(tmp_path: Path) -> None:
    body = """\
        ## TOP 2 Sitzungstermine

        Beschluss: Die Sitzungen im März und im Juni finden online statt.

        ## TOP 3 Herbst

        Beschluss: Die Sitzung im September findet in Görlitz statt.
        """
    assert len(decisions(tmp_path, body)) == 2


def test_a_stance_whose_decision_another_body_takes_is_none(tmp_path: Path) -> None:
    body = ("- Messe: Der AK spricht sich dafür aus, den Stand zu verkleinern. "
            "Eine Entscheidung trifft der Lenkungskreis.\n")
    assert decisions(tmp_path, body) == []


@pytest.mark.parametrize("sentence", [
    # a mail's or a note's 'we' agreeing, in the present and the past
    "Wir einigen uns darauf, den Stammtisch künftig in Bautzen abzuhalten.",
    "Nach kurzem Hin und Her verständigten wir uns auf den 12. Mai.",
    # a note closing its line with the verdict
    "Tag der offenen Tür am 9.5. in der Lehrwerkstatt, so vereinbart.",
    "Standgebühr teilen wir uns mit der Innung – so beschlossen 👍",
    "Sommerfest am 4.7. beim Bauhof, passt allen -> festgelegt",
    # a label with the day the decision was taken
    "Beschluss 03.03.: Die Messe wird gemeinsam mit der Innung bestritten.",
    "Beschluss vom 03.03.2026: Der Newsletter erscheint vierteljährlich.",
])
def test_one_decision_as_notes_and_mails_write_it(tmp_path: Path, sentence: str) -> None:
    assert len(decisions(tmp_path, sentence + "\n")) == 1


@pytest.mark.parametrize("sentence", [
    # announced for later or left to another body
    "Ob die Fachgruppe einen eigenen Stand bucht, soll der Vorstand entscheiden.",
    "Über die Standgröße wollen wir im April entscheiden.",
    "Messebudget: Beschluss erst in der Mitgliederversammlung.",
    "Über den Messestand wird in der nächsten Sitzung entschieden.",
    # sent back, decided by someone else, or said to need no decision
    "Der Antrag auf einen zweiten Stand wird zur Überarbeitung an die Geschäftsstelle zurückverwiesen.",
    "Der Stadtrat hat das Azubi-Ticket beschlossen; die Fachgruppe begrüßt das.",
    "Die Runde spricht sich für einen gemeinsamen Stand aus. Ein Beschluss ist nicht nötig.",
])
def test_no_decision_of_this_meeting(tmp_path: Path, sentence: str) -> None:
    assert decisions(tmp_path, sentence + "\n") == []


def test_a_decision_announced_as_a_power_of_someone_else_is_still_taken(tmp_path: Path) -> None:
    body = "Die Runde beschließt, dass die Geschäftsstelle über Ausgaben bis 300 Euro selbst entscheiden kann.\n"
    assert len(decisions(tmp_path, body)) == 1


def test_a_results_list_holds_no_postponed_or_returned_item(tmp_path: Path) -> None:
    body = """\
        ## Ergebnisse

        - Der Flyer wird nachgedruckt.
        - Standfrage: Entscheidung auf die Herbstsitzung verschoben.
        - Der Vorschlag einer Verlosung geht zur Prüfung an die Kammer zurück und wird dort zurückgestellt.
        """
    assert decisions(tmp_path, body) == ["Der Flyer wird nachgedruckt."]


@pytest.mark.parametrize(("label", "expected"), [
    # a further sentence that says by itself it was decided is a decision of its own
    ("Der Stammtisch findet monatlich statt. Für die Bewirtung werden 200 Euro bewilligt.", 2),
    ("Der Stammtisch findet monatlich statt. Der Antrag auf einen wöchentlichen Stammtisch wird abgelehnt.", 2),
    # one that continues or confirms the first adds none
    ("Der Stammtisch findet monatlich statt. Die Einladung übernimmt die Geschäftsstelle.", 1),
    ("Der Stammtisch findet monatlich statt. Abstimmung: 6 Ja, 1 Enthaltung.", 1),
])
def test_the_sentences_under_one_decision_label(tmp_path: Path, label: str, expected: int) -> None:
    assert len(decisions(tmp_path, f"## TOP 2 Stammtisch\n\nBeschluss:\n{label}\n")) == expected


def test_a_vote_column_makes_each_voted_row_a_decision(tmp_path: Path) -> None:
    body = """\
        ## Abstimmungen

        | Punkt | Vorlage | Abstimmung |
        |---|---|---|
        | 2 | Neuer Messestand | 7:0:1 |
        | 3 | Protokoll der Sitzung vom 12.01. | genehmigt |
        | 4 | Zweite Messe | abgelehnt (2 Ja, 6 Nein) |
        | 5 | Bericht der Kasse | zur Kenntnis genommen |
        """
    assert decisions(tmp_path, body) == ["Neuer Messestand – 7:0:1", "Zweite Messe – abgelehnt (2 Ja, 6 Nein)"]


def test_a_table_whose_header_row_the_reader_left_bare(tmp_path: Path) -> None:
    path = tmp_path / "versammlung.txt"
    path.write_text("Versammlung der Bäckerinnung Görlitz am 03.03.2026, 19:00 Uhr\n\n"
                    "TOP | Gegenstand | Ergebnis\n"
                    "3 | Entlastung des Vorstands | einstimmig\n"
                    "4 | Wahl Schriftführer: Jonas Pietsch | gewählt (12 Ja, 1 Enthaltung)\n"
                    "5 | Beitragsordnung | vertagt\n", encoding="utf-8")
    assert [d["text"] for d in parse_file(path)["decisions"]] == [
        "Entlastung des Vorstands – einstimmig", "Wahl Schriftführer: Jonas Pietsch – gewählt (12 Ja, 1 Enthaltung)"]


def test_a_pads_wiki_headings_open_its_decisions(tmp_path: Path) -> None:
    path = tmp_path / "pad.txt"
    path.write_text("Jour fixe Lernwerkstatt 03.03.2026, 9:00–10:00\n\n"
                    "== Stand ==\nDie Materialien sind fertig.\n\n"
                    "== Entscheidungen ==\n"
                    "* Wir bleiben bei der Lernplattform der Kammer.\n"
                    "* Exkursion nach Bautzen? → keine Entscheidung, erst Kosten klären\n\n"
                    "== Aufgaben ==\n* Arvid: Kosten klären bis 20.3.\n", encoding="utf-8")
    assert [d["text"] for d in parse_file(path)["decisions"]] == ["Wir bleiben bei der Lernplattform der Kammer."]


def test_an_emoji_before_the_heading_word(tmp_path: Path) -> None:
    body = """\
        ## ✅ Beschlüsse

        - Der Stammtisch zieht ins Innungshaus.

        ## 📌 Aufgaben

        - Svea: Raum reservieren bis 20.03.2026
        """
    assert decisions(tmp_path, body) == ["Der Stammtisch zieht ins Innungshaus."]


def test_decisions_recorded_in_the_entries_of_a_topic_list(tmp_path: Path) -> None:
    path = tmp_path / "teamtreffen.md"
    path.write_text("# Teamtreffen Lernwerkstatt\n\nDatum: 03.03.2026\n\n"
                    "Teilnehmende: Rieke Domaschk, Arvid Lehnigk\n\n"
                    "## Themen\n\n"
                    "1. Rückblick: Die Auftaktwoche lief gut, neun Betriebe machen mit.\n"
                    "2. Lernvideos: Herr Lehnigk zeigt den Entwurf. Die Runde gibt den Entwurf frei.\n"
                    "3. Logo: Die Auswahl wird in der nächsten Sitzung entschieden.\n"
                    "4. Verschiedenes\n", encoding="utf-8")
    assert [d["text"] for d in parse_file(path)["decisions"]] == ["Die Runde gibt den Entwurf frei."]


def test_a_decision_label_that_takes_up_the_agreement_before_it_is_the_same_decision(tmp_path: Path) -> None:
    body = """\
        ## TOP 2 Jahresplanung

        Die Fachgruppe verständigt sich auf zwei Schwerpunkte: Lärm und Hautschutz. Beschluss: Diese Schwerpunkte
        gehen als Jahresprogramm an den Vorstand.

        ## TOP 3 Stammtisch

        Die Runde beschließt einen neuen Flyer. Beschluss: Der Stammtisch zieht ins Innungshaus.
        """
    assert len(decisions(tmp_path, body)) == 3


@pytest.mark.parametrize("sentence", [
    # a body organising itself
    "Der Arbeitskreis gibt sich den Namen „AK Zuwanderung“ und trifft sich sechsmal im Jahr.",
    "Der Beirat konstituiert sich in seiner ersten Sitzung.",
    # everyone approving, in a note's words
    "Der Entwurf wurde von allen für gut befunden und geht so an die Druckerei.",
    "Herr Lehnigk regt eine Exkursion an -> alle dafür, Termin im 2. Quartal",
])
def test_one_decision_in_other_everyday_words(tmp_path: Path, sentence: str) -> None:
    assert len(decisions(tmp_path, sentence + "\n")) == 1


@pytest.mark.parametrize("sentence", [
    # a vote counted by hands, also one that failed
    "Abgestimmt: Der Newsletter erscheint monatlich (6 dafür, 1 dagegen).",
    "Abstimmung über den zweiten Stand: 3 dafür, 5 dagegen – abgelehnt.",
    "Der Antrag von Herrn Lehnigk auf ein höheres Budget findet keine Mehrheit (2 Ja, 5 Nein).",
    "Alle sind einverstanden, dass der Stand geteilt wird.",
])
def test_one_decision_by_a_vote_of_all(tmp_path: Path, sentence: str) -> None:
    assert len(decisions(tmp_path, sentence + "\n")) == 1


@pytest.mark.parametrize("sentence", [
    "Der Vorstand wird gebeten, bis Mai zu entscheiden.",
    "Ein Beschluss wird nicht gefasst.",
    "Das Budget wurde vom Landratsamt genehmigt.",
    "Der Antrag findet keine Mehrheit.",
])
def test_no_decision_asked_for_refused_or_taken_by_an_office(tmp_path: Path, sentence: str) -> None:
    assert decisions(tmp_path, sentence + "\n") == []


def test_a_result_label_after_a_decision_tells_what_came_of_it(tmp_path: Path) -> None:
    body = """\
        ## Ergebnisse

        1. Die Runde gibt sich eine Geschäftsordnung. Ergebnis: Die Geschäftsordnung geht an alle Mitglieder.
        2. Der Stammtisch zieht ins Innungshaus (einstimmig).
        """
    assert len(decisions(tmp_path, body)) == 2
