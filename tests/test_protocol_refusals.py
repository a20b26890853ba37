"""A file that records no meeting is refused with a German message, whatever date it carries; a real protocol
is never refused for what it lacks.

Refused: an invitation with only an agenda (also a reminder or a meeting tool's join block), an empty template (also
one whose date is filled in), a newsletter, press release or report with nobody present, an address list, a cancelled
meeting, a wiki page still 'in Bearbeitung'. Read: short minutes that list people or record a decision, even
when their head says 'Tagesordnung' or an item mentions an invitation. The file's creator (a Word property,
often a template's) is nobody's attendance. Files are built with python-docx; all names are fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as WordDocument

from etl.core.errors import ProtocolError
from etl.parse.file import parse_file


def _docx(path: Path, paragraphs: list[tuple[str, str]], creator: str = "") -> Path:
    word = WordDocument()
    for style, text in paragraphs:
        if style.startswith("h"):
            word.add_heading(text, int(style[1:]))
        elif style == "li":
            word.add_paragraph(text, style="List Number")
        else:
            word.add_paragraph(text)
    word.core_properties.author = creator
    word.save(path)
    return path


def test_an_invitation_with_only_an_agenda_is_refused(tmp_path: Path) -> None:
    path = _docx(tmp_path / "einladung_fg_holzbau.docx", [
        ("h1", "Fachgruppe Holzbau"),
        ("p", "Einladung zur Herbstsitzung am 10.11.2025, 10:00 Uhr, Zimmerei Lüders, Verden"),
        ("p", "Tagesordnung"),
        ("li", "Begrüßung"), ("li", "Auftragslage im Holzbau"), ("li", "Praxistag 2026"), ("li", "Verschiedenes"),
        ("p", "Wir bitten um Anmeldung bis zum 1.11.2025."),
    ])
    with pytest.raises(ProtocolError, match=r"einladung_fg_holzbau\.docx: Einladung mit Tagesordnung, kein "
                                            r"Protokoll: niemand als anwesend aufgeführt"):
        parse_file(path, path.name)


def test_an_empty_template_is_refused_even_with_its_date_filled_in(tmp_path: Path) -> None:
    path = _docx(tmp_path / "vorlage.docx", [
        ("h1", "Protokoll der Sitzung vom 04.03.2026"),
        ("p", "Gruppe: ______________________"),
        ("p", "Teilnehmende: ……………………"),
        ("h2", "TOP 1 Begrüßung"), ("h2", "TOP 2 …"),
        ("h2", "Aufgaben"), ("p", "Was: ……… Wer: ……… Bis wann: ………"),
    ], creator="Meier, Jana")
    with pytest.raises(ProtocolError, match=r"vorlage\.docx: leere Protokollvorlage \(Lücke „.+“\)"):
        parse_file(path, path.name)


@pytest.mark.parametrize("line", ["Die Sitzung am 12.11.2025 entfällt leider.", "ABGESAGT: Sitzung am 12.11.2025",
                                  "Das Treffen am 12.11.2025 fällt wegen Krankheit aus."])
def test_a_cancelled_meeting_is_refused(tmp_path: Path, line: str) -> None:
    (tmp_path / "absage.txt").write_text(f"Fachgruppe Holzbau\n\n{line}\n\nEin neuer Termin wird über die "
                                         "Geschäftsstelle abgestimmt.\n\nViele Grüße\nJana Meier\n", encoding="utf-8")
    with pytest.raises(ProtocolError, match=r"absage\.txt: abgesagte Sitzung \(„.+“\) ohne Protokoll"):
        parse_file(tmp_path / "absage.txt", "absage.txt")


def test_a_mail_calling_a_meeting_off_is_refused_though_it_names_who_declined_and_what_comes_next(
        tmp_path: Path) -> None:
    mail = ("From: Jana Meier <meier@holzbau.example>\nTo: fg-holzbau@liste.example\n"
            "Subject: Sitzung Fachgruppe Holzbau am 12.11.2025\nDate: Mon, 03 Nov 2025 09:00:00 +0100\n"
            "Content-Type: text/plain; charset=utf-8\n\nLiebe Mitglieder,\n\nleider müssen wir die Sitzung am "
            "12.11.2025 (10 Uhr, Webex) absagen, weil mehrere Absagen vorliegen (Herr Lüders, Frau Nguyen).\n\n"
            "Frau Brandt schickt bis zum 20.11.2025 eine neue Terminumfrage.\n\nViele Grüße\nJana Meier\n")
    (tmp_path / "absage.eml").write_text(mail.replace("\n", "\r\n"), encoding="utf-8")
    with pytest.raises(ProtocolError, match=r"absage\.eml: abgesagte Sitzung \(„.+“\) ohne Protokoll"):
        parse_file(tmp_path / "absage.eml", "absage.eml")


def test_a_poll_for_the_next_meeting_date_is_refused(tmp_path: Path) -> None:
    mail = ("From: Jana Meier <meier@holzbau.example>\nTo: fg-holzbau@liste.example\n"
            "Subject: Terminumfrage Frühjahrssitzung Fachgruppe Holzbau\nDate: Mon, 03 Nov 2025 09:00:00 +0100\n"
            "Content-Type: text/plain; charset=utf-8\n\nHallo zusammen,\n\nfür die Frühjahrssitzung kommen "
            "in Frage:\n\nDo, 12.03.2026, 10:00-12:00\nDi, 17.03.2026, 14:00-16:00\n\nBitte tragen Sie sich bis "
            "Freitag in die Umfrage ein. Wie besprochen tagen wir wieder in Verden.\n\nViele Grüße\nJana Meier\n")
    (tmp_path / "umfrage.eml").write_text(mail.replace("\n", "\r\n"), encoding="utf-8")
    with pytest.raises(ProtocolError, match=r"umfrage\.eml: Terminabfrage \(„.+“\), kein Protokoll"):
        parse_file(tmp_path / "umfrage.eml", "umfrage.eml")


def test_minutes_that_list_who_declined_first_and_record_a_decision_are_read(tmp_path: Path) -> None:
    (tmp_path / "umlauf.txt").write_text("Umlauf der Fachgruppe Holzbau vom 03.03.2026\n\nAbgesagt: Frau Lüders\n\n"
                                         "Beschluss: Die Fachgruppe richtet den Praxistag 2026 in Verden aus.\n",
                                         encoding="utf-8")
    parsed = dict(parse_file(tmp_path / "umlauf.txt", "umlauf.txt"))
    assert (parsed["date"], len(parsed["decisions"])) == ("2026-03-03", 1)


def test_minutes_that_report_an_earlier_meeting_called_off_are_read(tmp_path: Path) -> None:
    (tmp_path / "protokoll.txt").write_text(
        "Fachgruppe Holzbau – Protokoll vom 10.11.2025\n\nAnwesend: Henrike Lüders (Zimmerei Lüders), Bao Nguyen "
        "(Holzbau Nguyen)\n\nTOP 1 Rückblick\nDie letzte Sitzung im September musste abgesagt werden.\n",
        encoding="utf-8")
    parsed = dict(parse_file(tmp_path / "protokoll.txt", "protokoll.txt"))
    assert [p["name"] for p in parsed["participants"]] == ["Henrike Lüders", "Bao Nguyen"]


def test_a_wiki_page_still_being_written_is_refused(tmp_path: Path) -> None:
    page = ("<html><body><nav><a href='/'>Start</a></nav><main><h1>Fachgruppe Holzbau – Protokoll 17.02.2026</h1>"
            "<div class='note'>Diese Seite befindet sich noch in Bearbeitung. Das Protokoll wird nach der Freigabe "
            "eingestellt.</div><h2>Teilnehmende</h2><p></p><h2>Beschlüsse</h2><p></p></main>"
            "<footer>Zuletzt bearbeitet von Jana Meier</footer></body></html>")
    (tmp_path / "seite.html").write_text(page, encoding="utf-8")
    with pytest.raises(ProtocolError, match=r"seite\.html: Seite ohne Protokollinhalt \(Platzhalter „.+“\)"):
        parse_file(tmp_path / "seite.html", "seite.html")


def test_short_minutes_are_read_whatever_their_head_says(tmp_path: Path) -> None:
    path = _docx(tmp_path / "protokoll.docx", [
        ("h1", "Fachgruppe Holzbau – Protokoll"),
        ("p", "Tagesordnung und Ergebnisse der Sitzung vom 10.11.2025"),
        ("p", "Anwesend: Henrike Lüders (Zimmerei Lüders), Bao Nguyen (Holzbau Nguyen)"),
        ("li", "Einladung zum Praxistag: Die Fachgruppe beschließt, den Praxistag im Mai auszurichten."),
    ], creator="Meier, Jana")
    parsed = dict(parse_file(path, path.name))
    assert parsed["date"] == "2025-11-10"
    assert [p["name"] for p in parsed["participants"]] == ["Henrike Lüders", "Bao Nguyen"]


def test_minutes_without_a_list_of_people_that_record_a_decision_are_read(tmp_path: Path) -> None:
    (tmp_path / "notiz.txt").write_text("Umlauf der Fachgruppe Holzbau vom 03.03.2026\n\nBeschluss: Die Fachgruppe "
                                        "richtet den Praxistag 2026 in Verden aus.\n", encoding="utf-8")
    parsed = dict(parse_file(tmp_path / "notiz.txt", "notiz.txt"))
    assert (parsed["date"], len(parsed["decisions"])) == ("2026-03-03", 1)


def test_the_creator_of_a_word_file_is_no_participant(tmp_path: Path) -> None:
    path = _docx(tmp_path / "protokoll.docx", [
        ("h1", "Fachgruppe Holzbau – Protokoll vom 10.11.2025"),
        ("p", "Anwesend: Henrike Lüders (Zimmerei Lüders)"),
        ("p", "Frau Lüders berichtet über die Auftragslage."),
    ], creator="Meier, Jana")
    parsed = dict(parse_file(path, path.name))
    assert [p["name"] for p in parsed["participants"]] == ["Henrike Lüders"]


@pytest.mark.parametrize("line", ["Frau Brandes verschickt bis Freitag eine Terminabfrage für die Herbstsitzung.",
                                  "Die nächste Sitzung am 12.05.2025 entfällt wegen der Messe."])
def test_minutes_whose_people_were_not_read_are_not_refused_for_a_poll_task_or_news_of_another_meeting(
        tmp_path: Path, line: str) -> None:
    # refusing loses every fact of a file: a poll or a cancellation must be what the file itself is
    path = _docx(tmp_path / "notiz_fg_holzbau.docx", [
        ("h1", "Fachgruppe Holzbau – Notiz vom 10.03.2025"),
        ("p", line),
        ("p", "Die Auftragslage wird besprochen; die Betriebe berichten von langen Lieferzeiten."),
    ])
    assert parse_file(path)["date"] == "2025-03-10"


# --- files that tell of meetings without recording one: newsletters, reports, reminders, address lists ---------


@pytest.mark.parametrize(("name", "text", "kind"), [
    ("Rundbrief_2-2026.txt", "Rundbrief 2/2026\nAusgabe vom 12.02.2026\n\nLiebe Partner,\nam 3. Februar traf sich "
     "die Fachgruppe Holzbau in Verden. Frau Ilka Möller (Zimmerei Lüders) stellte den Praxistag vor. Die Gruppe "
     "beschloss, ihn im Mai auszurichten.\n\nTermine\n- 05.05.2026 Praxistag, Verden\n", "Rundbrief"),
    ("PM_Holzbau.txt", "Pressemitteilung\n12.02.2026\n\nHolzbau-Betriebe rücken zusammen\n\nVerden. Die Fachgruppe "
     "Holzbau hat am Dienstag ihren Praxistag vorgestellt, sagte Ilka Möller.\n", "Pressemitteilung"),
    ("Taetigkeitsbericht_FG_Holzbau_2025.txt", "Tätigkeitsbericht 2025 der Fachgruppe Holzbau\nStand: 15.01.2026\n\n"
     "Die Fachgruppe traf sich 2025 dreimal (12.03., 10.09., 03.12.2025) und beschloss einen Leitfaden.\n",
     "Tätigkeitsbericht"),
])
def test_a_newsletter_press_release_or_report_with_nobody_present_is_refused(tmp_path: Path, name: str, text: str,
                                                                             kind: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProtocolError, match=rf"kein Protokoll, sondern „{kind}“: niemand als anwesend aufgeführt"):
        parse_file(path, path.name)


def test_a_newsletter_page_that_records_who_was_there_is_read(tmp_path: Path) -> None:
    path = tmp_path / "Newsletter_Holzbau_Maerz.txt"
    path.write_text("Newsletter März 2026\n\nFachgruppe Holzbau, Treffen am 03.03.2026 in Verden\n\nDabei waren: "
                    "Ilka Möller (Zimmerei Lüders), Jens Okafor (HWK Stade)\n\nDer Praxistag wird vorbereitet.\n",
                    encoding="utf-8")
    parsed = parse_file(path, path.name)
    assert (parsed["date"], [p["name"] for p in parsed["participants"]]) == (
        "2026-03-03", ["Ilka Möller", "Jens Okafor"])


@pytest.mark.parametrize("text", [
    "Erinnerung: Sitzung der Fachgruppe Holzbau am 14.05.2026\n\nLiebe Mitglieder,\nwir erinnern an unsere Sitzung "
    "am 14.05.2026 um 10 Uhr in Verden. Bitte geben Sie bis 07.05. Bescheid, ob Sie teilnehmen.\n\nTagesordnung:\n"
    "1. Begrüßung\n2. Praxistag\n",
    "Fachgruppe Holzbau\n\nDatum: 14.05.2026, 10:00–12:00\n\n________________\nMicrosoft Teams-Besprechung\n"
    "Jetzt an der Besprechung teilnehmen\nBesprechungs-ID: 312 456 789\nKennung: aB3cD4\n________________\n",
])
def test_a_reminder_or_a_meeting_tools_invitation_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "termin.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProtocolError, match="Einladung mit Tagesordnung, kein Protokoll"):
        parse_file(path, path.name)


def test_an_address_list_is_refused_though_it_lists_people(tmp_path: Path) -> None:
    path = tmp_path / "Verteiler_FG_Holzbau_Stand_2026-03-01.csv"
    path.write_text("Name;Organisation;E-Mail\nIlka Möller;Zimmerei Lüders;moeller@example.org\n"
                    "Jens Okafor;HWK Stade;okafor@example.org\n", encoding="utf-8")
    with pytest.raises(ProtocolError, match=r"Adress- oder Verteilerliste \(„Verteiler“\), kein Protokoll: sie nennt, "
                                            r"wer angeschrieben wird"):
        parse_file(path, path.name)


def _mail(subject: str, body: str) -> str:
    return (f"From: Jana Meier <meier@holzbau.example>\nTo: fg-holzbau@liste.example\nSubject: {subject}\n"
            f"Date: Mon, 03 Nov 2025 09:00:00 +0100\nContent-Type: text/plain; charset=utf-8\n\n{body}")


def test_a_mail_that_is_the_invitation_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "einladung.eml"
    path.write_text(_mail("Einladung: Herbstsitzung Fachgruppe Holzbau 20.11.2025", (
        "Liebe Mitglieder,\n\nzu unserer Herbstsitzung am Donnerstag, 20.11.2025, 14 bis 16 Uhr, Zimmerei Lüders, "
        "lade ich Sie herzlich ein.\n\nTagesordnung\n1. Begrüßung\n2. Praxistag 2026 – Bericht Ilka Möller\n"
        "3. Verschiedenes\n\nUm Rückmeldung bis 13.11. wird gebeten.\n\nViele Grüße\nJana Meier\n")).replace(
        "\n", "\r\n"), encoding="utf-8")
    with pytest.raises(ProtocolError, match=r"einladung\.eml: Einladung mit Tagesordnung, kein Protokoll"):
        parse_file(path, path.name)


def test_a_reply_to_an_invitation_and_minutes_sent_under_its_subject_are_read(tmp_path: Path) -> None:
    """Who answers an invitation says whether they come; minutes sent under the invitation's subject record."""
    reply = tmp_path / "antwort.eml"
    reply.write_text(_mail("AW: Einladung Herbstsitzung Fachgruppe Holzbau 20.11.2025", (
        "Hallo Frau Meier,\n\nich bin dabei, Herr Lüders ist leider verhindert.\n\nGruß\nIlka Möller\n")).replace(
        "\n", "\r\n"), encoding="utf-8")
    assert parse_file(reply, reply.name)["date"] == "2025-11-20"
    minutes = tmp_path / "protokoll.eml"
    minutes.write_text(_mail("Einladung Herbstsitzung Fachgruppe Holzbau 20.11.2025", (
        "Hallo zusammen,\n\nhier das Ergebnis unserer Sitzung:\nAnwesend: Ilka Möller (Zimmerei Lüders), Jens Okafor "
        "(HWK Stade)\n\nDer Praxistag findet am 12.03.2026 statt, so beschlossen.\n\nGruß\nJana Meier\n")).replace(
        "\n", "\r\n"), encoding="utf-8")
    parsed = parse_file(minutes, minutes.name)
    assert [p["name"] for p in parsed["participants"]] == ["Ilka Möller", "Jens Okafor"]
