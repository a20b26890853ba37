"""A file that records no meeting is refused with a German message, whatever date it carries; a real protocol
is never refused for what it lacks.

Refused: an invitation with only an agenda, an empty template (also one whose date is filled in), a cancelled
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
