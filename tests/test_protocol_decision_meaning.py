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
