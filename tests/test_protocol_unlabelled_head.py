"""Head facts and refusals as outsiders write them: a meeting date without a 'Datum:' label (in a second
heading, in a free line over an attendance table), informal notes in a calendar file, a name followed by its
organisation without a separator, a first name from a greeting.

Each case is one kind of writing, built here as the file an office would send (Word, PDF, text, .ics).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document as WordDocument

from etl.core.errors import ProtocolError
from etl.core.registry import Registry
from etl.parse.file import parse_file


def groups() -> Registry:
    registry = Registry("group")
    for name in ("Fachgruppe Handwerk", "AG Transfer", "Regionales Netzwerk Nordheide"):
        registry.add(name)
    return registry


def parse(path: Path) -> dict[str, Any]:
    return dict(parse_file(path, path.name, groups=groups()))


def people(parsed: dict[str, Any]) -> list[tuple[str, str | None, str]]:
    return [(p["name"], p["organisation_raw"], p["status"]) for p in parsed["participants"]]


# --- 1. the meeting's date without a label ------------------------------------------------------------


def test_date_in_a_second_heading_under_the_groups_name(tmp_path: Path) -> None:
    doc = WordDocument()
    doc.add_heading("Regionales Netzwerk Nordheide", 1)
    doc.add_heading("Protokoll des Netzwerktreffens vom 24.6.2025", 2)
    doc.add_paragraph("Ort: Rathaus Buchholz")
    doc.add_heading("Teilnehmende", 3)
    doc.add_paragraph("Anna Weber (Handwerkskammer Lüneburg)", style="List Bullet")
    doc.add_paragraph("Jonas Klein (Stadt Buchholz)", style="List Bullet")
    doc.add_heading("TOP 1 Begrüßung", 3)
    doc.add_paragraph("Frau Weber begrüßt alle. Herr Klein erstellt die Liste bis 15.7.2025.")
    doc.sections[0].footer.paragraphs[0].text = "Stand: 30.06.2025"
    doc.core_properties.title = "Protokoll Netzwerktreffen 2.7.2024"  # a stale template's property
    doc.save(tmp_path / "protokoll.docx")
    parsed = parse(tmp_path / "protokoll.docx")
    assert (parsed["date"], parsed["group"], parsed["location"]) == (
        "2025-06-24", "Regionales Netzwerk Nordheide", "Rathaus Buchholz")
    assert people(parsed) == [("Anna Weber", "Handwerkskammer Lüneburg", "present"),
                              ("Jonas Klein", "Stadt Buchholz", "present")]


@pytest.mark.parametrize(("second", "expected"), [
    ("Sitzung am 3. März 2025", "2025-03-03"),
    ("Treffen vom 12.03.25", "2025-03-12"),
    ("Protokoll des Netzwerktreffens vom 24.6.2025", "2025-06-24"),
])
def test_date_in_a_second_markdown_heading(tmp_path: Path, second: str, expected: str) -> None:
    (tmp_path / "notiz.md").write_text(
        f"# Fachgruppe Handwerk\n\n## {second}\n\nTeilnehmende:\n\n- Anna Weber (Handwerkskammer Trier)\n"
        "- Lukas Brenner (Geschäftsstelle)\n\n## TOP 1 Bericht\n\nFrau Weber prüft die Zahlen bis 24.3.2025.\n",
        encoding="utf-8")
    parsed = parse(tmp_path / "notiz.md")
    assert (parsed["date"], parsed["group"]) == (expected, "Fachgruppe Handwerk")


def test_date_and_times_in_a_free_line_over_an_attendance_table(tmp_path: Path) -> None:
    doc = WordDocument()
    doc.add_heading("Teilnehmerliste", 1)
    doc.add_paragraph("Workshop „Digitalisierung im Betrieb“ der Fachgruppe Handwerk")
    doc.add_paragraph("Montag, 13.10.2025, 9:30 – 16:00 Uhr")
    doc.add_paragraph("Handwerkskammer Trier, Loebstraße 18")
    table = doc.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ("Name", "Vorname", "Organisation", "Anwesend"), strict=True):
        cell.text = text
    for row in (("Weber", "Anna", "Handwerkskammer Trier", "x"), ("Brenner", "Lukas", "Geschäftsstelle", "x"),
                ("Jablonski", "Kerstin", "Stadt Trier", "")):
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    doc.save(tmp_path / "teilnehmerliste.docx")
    parsed = parse(tmp_path / "teilnehmerliste.docx")
    assert (parsed["date"], parsed["start"], parsed["end"], parsed["location"], parsed["group"]) == (
        "2025-10-13", "09:30", "16:00", "Handwerkskammer Trier", "Fachgruppe Handwerk")
    assert people(parsed) == [("Anna Weber", "Handwerkskammer Trier", "present"),
                              ("Lukas Brenner", "Geschäftsstelle", "present"),
                              ("Kerstin Jablonski", "Stadt Trier", "absent")]
    assert not [w for w in parsed["warnings"] if "nicht verstanden" in w]


def test_no_meeting_date_from_a_print_date_a_footer_or_a_task(tmp_path: Path) -> None:
    doc = WordDocument()
    doc.add_heading("Fachgruppe Handwerk", 1)
    doc.add_heading("Protokoll", 2)
    doc.add_paragraph("Gedruckt am 30.6.2025")
    doc.add_heading("Teilnehmende", 3)
    doc.add_paragraph("Anna Weber (Handwerkskammer Lüneburg)", style="List Bullet")
    doc.add_heading("TOP 1 Begrüßung", 3)
    doc.add_paragraph("Herr Klein erstellt die Liste bis 24.6.2025.")
    doc.sections[0].footer.paragraphs[0].text = "Stand: 01.07.2025"
    doc.save(tmp_path / "protokoll.docx")
    with pytest.raises(ProtocolError, match="kein Datum gefunden"):
        parse(tmp_path / "protokoll.docx")


# --- 2. informal notes in a calendar file -------------------------------------------------------------


def calendar(description: str, status: str = "") -> str:
    """An Outlook-style event at 14:00 Berlin written in UTC, with two invitees who accepted."""
    text = description.replace("\n", "\\n").replace(",", "\\,")
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//DE\r\nBEGIN:VEVENT\r\nUID:1@example.org\r\n"
            "DTSTAMP:20251202T160000Z\r\nDTSTART:20251202T130000Z\r\nDTEND:20251202T143000Z\r\n"
            f"SUMMARY:Jour fixe AG Transfer\r\nLOCATION:Teams\r\n{status}"
            "ORGANIZER;CN=Ewa Nowak:mailto:ewa@example.org\r\n"
            "ATTENDEE;CN=Clemens Hart;PARTSTAT=ACCEPTED:mailto:c@example.org\r\n"
            "ATTENDEE;CN=Paula Ried;PARTSTAT=ACCEPTED:mailto:p@example.org\r\n"
            f"DESCRIPTION:{text}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


def parse_calendar(tmp_path: Path, description: str, status: str = "") -> dict[str, Any]:
    (tmp_path / "termin.ics").write_text(calendar(description, status), encoding="utf-8")
    return parse(tmp_path / "termin.ics")


@pytest.mark.parametrize(("description", "expected"), [
    ("Kurznotiz\n\nTeilnehmende: Ewa Nowak, Clemens Hart\n\nErgebnisse:\n- Homepage-Texte abgestimmt\n"
     "- Clemens schickt die Liste bis Freitag", ["Ewa Nowak", "Clemens Hart"]),
    ("- dabei: Ewa Nowak, Clemens Hart\n- Budget 2026 besprochen: bleibt bei 5.000 €\n"
     "- Ewa klärt die Raumfrage bis 10.12.2025", ["Ewa Nowak", "Clemens Hart"]),
    ("Notizen:\nDabei: Ewa Nowak, Clemens Hart, Jonas Klein\n- Förderantrag ist raus\nTo-dos:\n"
     "- Clemens: Raum buchen bis 15.12.2025", ["Ewa Nowak", "Clemens Hart", "Jonas Klein"]),
])
def test_notes_in_a_calendar_event_are_minutes(tmp_path: Path, description: str, expected: list[str]) -> None:
    parsed = parse_calendar(tmp_path, description)
    assert (parsed["date"], parsed["start"], parsed["end"], parsed["group"]) == (
        "2025-12-02", "14:00", "15:30", "AG Transfer")
    # who was there comes from the notes: Paula Ried accepted the invitation but is not listed
    assert [(p["name"], p["status"]) for p in parsed["participants"]] == [(name, "present") for name in expected]


def test_notes_tasks_come_with_owner_and_due_date(tmp_path: Path) -> None:
    parsed = parse_calendar(tmp_path, "Notizen:\nDabei: Ewa Nowak, Clemens Hart\n- Förderantrag ist raus\n"
                                      "To-dos:\n- Clemens: Raum buchen bis 15.12.2025")
    assert [(t["text"], t["owners"], t["due"]) for t in parsed["action_items"]] == [
        ("Raum buchen", ["Clemens Hart"], "2025-12-15")]


def test_an_invitation_stays_refused(tmp_path: Path) -> None:
    with pytest.raises(ProtocolError, match=r"Kalendereinladung \(.ics\) ohne Protokoll"):
        parse_calendar(tmp_path, "Liebe Kolleginnen und Kollegen,\nhiermit lade ich zum Jour fixe ein.\n"
                                 "Tagesordnung:\n1. Begrüßung\n2. Förderantrag\nTeilnehmende: Mitglieder der AG "
                                 "Transfer\nDie Ergebnisse des Workshops sollen besprochen werden.\n"
                                 "Bitte um Zusage bis 28.11.2025.\nViele Grüße\nEwa")


def test_a_cancelled_event_stays_refused(tmp_path: Path) -> None:
    with pytest.raises(ProtocolError, match="Terminabsage"):
        parse_calendar(tmp_path, "Notizen:\nDabei: Ewa Nowak\n- Förderantrag besprochen", "STATUS:CANCELLED\r\n")


# --- 3. a name followed by its organisation without a separator --------------------------------------

RUN_TOGETHER = ["Kerstin Jablonski Geschäftsstelle", "Lukas Brenner Geschäftsstelle",
                "Anna Weber Handwerkskammer Trier", "Maria Lindner Zimmerei Lindner GmbH",
                "Hans Peter Müller Stadt Trier", "Sebastian ten Brink",
                "Jonas Klein"]
RUN_TOGETHER_READ = [("Kerstin Jablonski", "Geschäftsstelle", "present"),
                     ("Lukas Brenner", "Geschäftsstelle", "present"),
                     ("Anna Weber", "Handwerkskammer Trier", "present"),
                     ("Maria Lindner", "Zimmerei Lindner GmbH", "present"),
                     ("Hans Peter Müller", "Stadt Trier", "present"),
                     ("Sebastian ten Brink", None, "present"),
                     ("Jonas Klein", None, "present")]


def test_name_and_organisation_without_separator_in_plain_text(tmp_path: Path) -> None:
    lines = "\n".join(RUN_TOGETHER)
    (tmp_path / "protokoll.txt").write_text(
        f"Protokoll Fachgruppe Handwerk\nDatum: 12.05.2025\n\nTeilnehmende:\n{lines}\n\nTOP 1 Bericht\n"
        "Frau Weber berichtet.\n", encoding="utf-8")
    assert people(parse(tmp_path / "protokoll.txt")) == RUN_TOGETHER_READ


def test_name_and_organisation_without_separator_in_a_pdf(tmp_path: Path) -> None:
    from fpdf import FPDF

    fonts = "/usr/share/fonts/truetype/dejavu"
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", f"{fonts}/DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", f"{fonts}/DejaVuSans-Bold.ttf")
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 14)
    pdf.cell(0, 8, "Regionales Netzwerk Nordheide", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(0, 8, "Protokoll des Netzwerktreffens vom 24.6.2025", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.cell(0, 6, "Teilnehmende:", new_x="LMARGIN", new_y="NEXT")
    for line in RUN_TOGETHER:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "B", 11)
    pdf.cell(0, 7, "TOP 1 Begrüßung", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(0, 6, "Frau Weber begrüßt alle. Herr Klein erstellt die Liste bis 15.7.2025.")
    pdf.output(str(tmp_path / "protokoll.pdf"))
    parsed = parse(tmp_path / "protokoll.pdf")
    assert (parsed["date"], parsed["group"]) == ("2025-06-24", "Regionales Netzwerk Nordheide")
    assert people(parsed) == RUN_TOGETHER_READ


def test_a_known_organisation_after_a_name(tmp_path: Path) -> None:
    organisations = Registry("organisation")
    organisations.add("Zentralverband Beispiel", "ZVB", "Nordlicht Partner")
    (tmp_path / "protokoll.txt").write_text(
        "Protokoll AG Transfer\nDatum: 12.05.2025\n\nAnwesend:\nAnna Berg Nordlicht Partner\nBernd Vogt ZVB\n\n"
        "TOP 1 Bericht\nFrau Berg berichtet.\n", encoding="utf-8")
    parsed = dict(parse_file(tmp_path / "protokoll.txt", "protokoll.txt", groups=groups(),
                             organisations=organisations))
    assert [(p["name"], p["organisation"]) for p in parsed["participants"]] == [
        ("Anna Berg", "Zentralverband Beispiel"), ("Bernd Vogt", "Zentralverband Beispiel")]


# --- 4. a first name from a greeting or sign-off ------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Jour fixe AG Transfer – 02.12.2025\n\nTeilnehmende:\nClemens Hart (HWK Trier)\nPaula Ried (Geschäftsstelle)\n"
    "Viele Grüße, Clemens\n\nErgebnisse:\n- Förderantrag ist raus\n",
    "Jour fixe AG Transfer – 02.12.2025\nLiebe Ewa,\nTeilnehmende: Clemens Hart (HWK Trier), Paula Ried "
    "(Geschäftsstelle)\nDanke, Ewa!\nErgebnisse:\n- Förderantrag ist raus\nViele Grüße\nClemens\n",
])
def test_no_participant_from_a_greeting_or_sign_off(tmp_path: Path, text: str) -> None:
    (tmp_path / "notiz.txt").write_text(text, encoding="utf-8")
    parsed = parse(tmp_path / "notiz.txt")
    assert people(parsed) == [("Clemens Hart", "HWK Trier", "present"), ("Paula Ried", "Geschäftsstelle", "present")]


def test_no_participant_from_the_greeting_of_calendar_notes(tmp_path: Path) -> None:
    parsed = parse_calendar(tmp_path, "Liebe Ewa,\nhier meine Notizen:\nDabei: Clemens Hart, Paula Ried\n"
                                      "- Förderantrag besprochen\n- Clemens bucht den Raum bis 15.12.2025\n"
                                      "Danke, Ewa!\nViele Grüße, Clemens")
    assert [p["name"] for p in parsed["participants"]] == ["Clemens Hart", "Paula Ried"]
    assert parsed["location"] == "Teams"  # the event's place, not the room of a task


def test_the_room_of_a_task_is_no_meeting_place(tmp_path: Path) -> None:
    (tmp_path / "notiz.txt").write_text(
        "Jour fixe AG Transfer am 02.12.2025\n\nDabei: Clemens Hart (HWK Trier), Paula Ried (Geschäftsstelle)\n\n"
        "- Förderantrag ist raus\n- Clemens bucht den Raum bis 15.12.2025\n", encoding="utf-8")
    parsed = parse(tmp_path / "notiz.txt")
    # no place, and no tool either: a meeting that names no mode is taken as one in a room
    assert (parsed["date"], parsed["location"], parsed["format"]) == ("2025-12-02", None, "in_person")


ATTENDANCE_HEAD = ["Workshop „Digitalisierung im Betrieb“ der Fachgruppe Handwerk",
                   "Montag, 13.10.2025, 9:30 – 16:00 Uhr", "Handwerkskammer Trier, Loebstraße 18"]
ATTENDANCE_ROWS = [("Name", "Vorname", "Organisation", "Anwesend"), ("Weber", "Anna", "Handwerkskammer Trier", "x"),
                   ("Brenner", "Lukas", "Geschäftsstelle", "x"), ("Jablonski", "Kerstin", "Stadt Trier", "")]


def _attendance_md(path: Path) -> None:
    rows = ["| " + " | ".join(row) + " |" for row in ATTENDANCE_ROWS]
    rows.insert(1, "|---|---|---|---|")
    path.write_text("Teilnehmerliste\n\n" + "\n\n".join(ATTENDANCE_HEAD) + "\n\n" + "\n".join(rows) + "\n",
                    encoding="utf-8")


def _attendance_pdf(path: Path) -> None:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    fonts = "/usr/share/fonts/truetype/dejavu"
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", f"{fonts}/DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", f"{fonts}/DejaVuSans-Bold.ttf")
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.cell(0, 9, "Teilnehmerliste", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    for line in ATTENDANCE_HEAD:
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    with pdf.table(col_widths=(40, 40, 70, 30), headings_style=FontFace(emphasis="BOLD"), line_height=7,
                   text_align="LEFT") as table:
        for row in ATTENDANCE_ROWS:
            cells = table.row()
            for text in row:
                cells.cell(text)
    pdf.output(str(path))


@pytest.mark.parametrize(("name", "write"), [("liste.md", _attendance_md), ("liste.pdf", _attendance_pdf)])
def test_attendance_list_head_in_text_and_pdf(tmp_path: Path, name: str, write: Any) -> None:
    write(tmp_path / name)
    parsed = parse(tmp_path / name)
    assert (parsed["date"], parsed["start"], parsed["end"], parsed["location"], parsed["group"]) == (
        "2025-10-13", "09:30", "16:00", "Handwerkskammer Trier", "Fachgruppe Handwerk")
    assert people(parsed) == [("Anna Weber", "Handwerkskammer Trier", "present"),
                              ("Lukas Brenner", "Geschäftsstelle", "present"),
                              ("Kerstin Jablonski", "Stadt Trier", "absent")]
    assert not [w for w in parsed["warnings"] if "nicht verstanden" in w]


def test_a_mails_body_dates_the_meeting_not_its_sent_date(tmp_path: Path) -> None:
    (tmp_path / "notizen.eml").write_text(
        "From: Clemens Hart <c@example.org>\nTo: Ewa Nowak <e@example.org>\nSubject: Notizen Jour fixe AG Transfer\n"
        "Date: Fri, 05 Dec 2025 16:00:00 +0100\nContent-Type: text/plain; charset=utf-8\n\nLiebe Ewa,\n\n"
        "Jour fixe AG Transfer\nTreffen vom 2.12.2025, 14:00 - 15:30 Uhr\n\nDabei: Clemens Hart, Paula Ried, "
        "Jonas Klein\nErgebnisse:\n- Förderantrag ist raus\n- Jonas bucht den Raum bis 15.12.2025\n\n"
        "Viele Grüße,\nClemens\n", encoding="utf-8")
    parsed = parse(tmp_path / "notizen.eml")
    assert (parsed["date"], parsed["start"], parsed["end"], parsed["group"]) == (
        "2025-12-02", "14:00", "15:30", "AG Transfer")
    assert [p["name"] for p in parsed["participants"]] == ["Clemens Hart", "Paula Ried", "Jonas Klein"]


def test_notes_opening_with_a_greeting_name_their_group_in_the_first_line(tmp_path: Path) -> None:
    (tmp_path / "notiz.txt").write_text(
        "Liebe Ewa,\n\nhier kurz die Notizen vom Jour fixe AG Transfer am 02.12.2025.\n\n"
        "Dabei: Clemens Hart (HWK Trier), Paula Ried (Geschäftsstelle)\n\n- Förderantrag ist raus\n\n"
        "Danke, Ewa!\n\nViele Grüße, Clemens\n", encoding="utf-8")
    parsed = parse(tmp_path / "notiz.txt")
    assert (parsed["date"], parsed["group"]) == ("2025-12-02", "AG Transfer")
    assert people(parsed) == [("Clemens Hart", "HWK Trier", "present"), ("Paula Ried", "Geschäftsstelle", "present")]


def test_date_and_times_in_the_line_under_the_title_of_a_text_file(tmp_path: Path) -> None:
    (tmp_path / "protokoll.txt").write_text(
        "Regionales Netzwerk Nordheide\nProtokoll des Netzwerktreffens vom 24.6.2025 (13:00–15:00 Uhr)\n\n"
        "Anwesend: Anna Weber (HWK), Lukas Brenner (Geschäftsstelle)\n\nTOP 1 Bericht\nText.\n", encoding="utf-8")
    handwerk = groups()
    handwerk.add("Fachgruppe Handwerk", "HWK")  # an organisation's short name in the list names no group
    parsed = dict(parse_file(tmp_path / "protokoll.txt", "protokoll.txt", groups=handwerk))
    assert (parsed["date"], parsed["start"], parsed["end"], parsed["group"]) == (
        "2025-06-24", "13:00", "15:00", "Regionales Netzwerk Nordheide")
