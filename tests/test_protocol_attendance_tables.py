"""Attendance tables read by what their headers and cells say, and the meeting named over or in them.

Each case is one everyday way offices fill in a list: ticks and crosses, 'ja'/'nein' under 'anwesend (ja/nein)',
'vor Ort' / 'online' columns left empty for someone who did not come, a guest named among the remarks, the head
written as a table with its labels on top, a head row with several cells, a registration export that repeats the
meeting in every row, and the dated lines under 'Teilnehmerliste' or 'Anwesenheitsliste' above the table.
Files are built here with the libraries offices' tools write (openpyxl, python-docx, fpdf2); all names fictional.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from docx import Document as WordDocument

from etl.core.registry import Registry
from etl.parse.file import parse_file

FONTS = "/usr/share/fonts/truetype/dejavu"


def groups() -> Registry:
    registry = Registry("group")
    for name in ("Fachgruppe Holzbau", "Arbeitskreis Ausbildung", "Regionales Netzwerk Mittelweser", "Lenkungskreis"):
        registry.add(name)
    return registry


def parse(path: Path) -> dict[str, Any]:
    return dict(parse_file(path, path.name, groups=groups()))


def people(parsed: dict[str, Any]) -> list[tuple[str, str | None, str]]:
    return [(p["name"], p["organisation_raw"], p["status"]) for p in parsed["participants"]]


def head(parsed: dict[str, Any]) -> tuple[Any, ...]:
    return parsed["date"], parsed["start"], parsed["end"], parsed["format"], parsed["group"]


def _sheet(path: Path, rows: list[list[Any]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


# --- marks ----------------------------------------------------------------------------------------------


def test_ticks_and_crosses_in_one_column_and_a_guest_marked_beside_the_tick(tmp_path: Path) -> None:
    path = _sheet(tmp_path / "anwesenheit_ak_ausbildung.xlsx", [
        ["Arbeitskreis Ausbildung – Anwesenheit"],
        [],
        ["Sitzung:", "03.06.2025", "9:00–10:30", "per Videokonferenz (Zoom)"],
        [],
        ["Name", "Organisation", "Anwesenheit"],
        ["Brandes, Wiebke", "Kreishandwerkerschaft Mittelweser", "✓"],
        ["Okafor, Chidi", "Bildungswerk Nord", "✗"],
        ["Lindqvist, Maja", "Bildungswerk Nord", "entsch."],
        ["Demirci, Levent", "Autohaus Demirci", "✓ (Gast)"],
    ])
    parsed = parse(path)
    assert head(parsed) == ("2025-06-03", "09:00", "10:30", "online", "Arbeitskreis Ausbildung")
    assert people(parsed) == [("Wiebke Brandes", "Kreishandwerkerschaft Mittelweser", "present"),
                              ("Chidi Okafor", "Bildungswerk Nord", "absent"),
                              ("Maja Lindqvist", "Bildungswerk Nord", "excused"),
                              ("Levent Demirci", "Autohaus Demirci", "guest")]


def test_crosses_alone_are_marks_of_presence(tmp_path: Path) -> None:
    path = _sheet(tmp_path / "liste_ak_ausbildung_2025-06-03.xlsx", [
        ["Name", "Organisation", "anwesend"],
        ["Wiebke Brandes", "Bildungswerk Nord", "✗"],
        ["Chidi Okafor", "Bildungswerk Nord", ""],
    ])
    assert people(parse(path)) == [("Wiebke Brandes", "Bildungswerk Nord", "present"),
                                   ("Chidi Okafor", "Bildungswerk Nord", "absent")]


def test_yes_and_no_under_a_column_that_says_how_to_fill_it_in(tmp_path: Path) -> None:
    path = _sheet(tmp_path / "teilnehmer_lenkungskreis.xlsx", [
        ["Lenkungskreis – Sitzung am 14.10.2025 im Rathaus Nienburg"],
        [],
        ["Lfd. Nr.", "Anrede", "Name", "Institution", "anwesend (ja/nein)"],
        [1, "Frau", "Roswitha Albers", "Stadt Nienburg", "ja"],
        [2, "Herr", "Dr. Tamás Kovács", "Hochschule Weserland", "nein"],
        [3, "Frau", "Ines Haverkamp", "Stadt Nienburg", "ja"],
    ])
    parsed = parse(path)
    assert head(parsed)[::3] == ("2025-10-14", "in_person")
    assert people(parsed) == [("Roswitha Albers", "Stadt Nienburg", "present"),
                              ("Tamás Kovács", "Hochschule Weserland", "absent"),
                              ("Ines Haverkamp", "Stadt Nienburg", "present")]


def test_empty_place_and_mode_columns_say_the_person_did_not_come(tmp_path: Path) -> None:
    path = _sheet(tmp_path / "anwesenheitsliste_fg_holzbau_2025-09-02.xlsx", [
        ["Anwesenheitsliste Fachgruppe Holzbau"],
        ["Sitzung am", "02.09.2025", "14:00-16:00 Uhr"],
        ["Ort", "Zimmerei Lüders, Werkhalle + Teams", ""],
        [],
        ["Titel", "Vorname", "Nachname", "Organisation", "vor Ort", "online", "entschuldigt"],
        ["Dr.", "Henrike", "Lüders", "Zimmerei Lüders", "x", "", ""],
        ["", "Bao", "Nguyen", "Holzbau Nguyen", "", "X", ""],
        ["", "Piet", "de Boer", "Tischlerinnung", "", "", "x"],
        ["", "Gernot", "Wallner", "Tischlerinnung", "", "", ""],
    ])
    parsed = parse(path)
    assert head(parsed) == ("2025-09-02", "14:00", "16:00", "hybrid", "Fachgruppe Holzbau")
    assert people(parsed) == [("Henrike Lüders", "Zimmerei Lüders", "present"),
                              ("Bao Nguyen", "Holzbau Nguyen", "present"),
                              ("Piet de Boer", "Tischlerinnung", "excused"),
                              ("Gernot Wallner", "Tischlerinnung", "absent")]


def test_a_guest_named_among_the_remarks(tmp_path: Path) -> None:
    path = _sheet(tmp_path / "protokoll_rn_mittelweser.xlsx", [
        ["Protokoll Regionales Netzwerk Mittelweser"],
        ["Datum: 20.11.2025"],
        [],
        ["Teilnehmende", "Organisation", "Bemerkung"],
        ["Roswitha Albers", "Stadt Nienburg", "Moderation"],
        ["Yusuf Arslan", "", "Impulsvortrag, Gast"],
    ])
    assert people(parse(path)) == [("Roswitha Albers", "Stadt Nienburg", "present"), ("Yusuf Arslan", None, "guest")]


# --- the meeting's head over or inside the list -------------------------------------------------------


def test_a_registration_export_names_the_meeting_in_every_row(tmp_path: Path) -> None:
    forum = "Jahrestagung 12.03.2026 – Forum B (Arbeitskreis Ausbildung), 10:30–12:00, Verden, Stadthalle"
    path = _sheet(tmp_path / "anmeldungen_forum_b.xlsx", [
        ["ID", "Anrede", "Vorname", "Nachname", "Organisation", "Veranstaltung", "Status"],
        [501, "Frau", "Wiebke", "Brandes", "Bildungswerk Nord", forum, "teilgenommen"],
        [502, "Herr", "Chidi", "Okafor", "Bildungswerk Nord", forum, "abgesagt"],
        [507, "Frau", "Maja", "Lindqvist", "Autohaus Demirci", forum, "teilgenommen"],
    ])
    parsed = parse(path)
    assert head(parsed) == ("2026-03-12", "10:30", "12:00", "in_person", "Arbeitskreis Ausbildung")
    assert [p["status"] for p in parsed["participants"]] == ["present", "excused", "present"]


def _docx_with_head_table(path: Path) -> Path:
    word = WordDocument()
    word.add_heading("Fachgruppe Holzbau", 1)
    word.add_heading("Protokoll", 2)
    table = word.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Datum", "Uhrzeit", "Ort"), strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("07.05.2025", "13:30 – 15:00 Uhr", "Webex"), strict=True):
        cell.text = text
    word.add_heading("Teilnehmende", 3)
    people_table = word.add_table(rows=3, cols=2)
    for row, cells in zip(people_table.rows, (("Organisation", "Teilnehmende"),
                                              ("Zimmerei Lüders", "Dr. Henrike Lüders, Ole Lüders"),
                                              ("Holzbau Nguyen", "Bao Nguyen (Gast)")), strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    word.add_heading("TOP 1 Auftragslage", 3)
    word.add_paragraph("Frau Dr. Lüders berichtet von der Auftragslage im Frühjahr.")
    word.save(path)
    return path


def test_a_head_written_as_a_table_with_its_labels_on_top(tmp_path: Path) -> None:
    parsed = parse(_docx_with_head_table(tmp_path / "protokoll.docx"))
    assert head(parsed) == ("2025-05-07", "13:30", "15:00", "online", "Fachgruppe Holzbau")
    assert parsed["location"] == "Webex"
    assert people(parsed) == [("Henrike Lüders", "Zimmerei Lüders", "present"),
                              ("Ole Lüders", "Zimmerei Lüders", "present"),
                              ("Bao Nguyen", "Holzbau Nguyen", "guest")]


def _sign_in_pdf(path: Path, title_line: str | None) -> Path:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", f"{FONTS}/DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", f"{FONTS}/DejaVuSans-Bold.ttf")
    pdf.add_page()
    if title_line:
        pdf.set_font("DejaVu", "B", 16)
        pdf.cell(0, 9, title_line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "B", 14)
    pdf.cell(0, 9, "Teilnehmerliste", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    for line in ("Praxistag „Holz im Quartier“ der Fachgruppe Holzbau", "Donnerstag, 16.10.2025, 9:00 – 15:30 Uhr",
                 "Zimmerei Lüders, Verden, Seminarraum 2"):
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    with pdf.table(col_widths=(12, 40, 40, 60, 28), headings_style=FontFace(emphasis="BOLD"), line_height=7,
                   text_align="LEFT") as table:
        for row in (("Nr.", "Name", "Vorname", "Organisation", "anwesend"),
                    ("1", "Lüders", "Henrike", "Zimmerei Lüders", "✓"),
                    ("2", "de Boer", "Piet", "Tischlerinnung", "✓"),
                    ("3", "Wallner", "Gernot", "Tischlerinnung", "")):
            cells = table.row()
            for text in row:
                cells.cell(text)
    pdf.output(str(path))
    return path


def test_the_dated_lines_under_a_list_title_below_a_project_title(tmp_path: Path) -> None:
    parsed = parse(_sign_in_pdf(tmp_path / "teilnehmerliste_praxistag.pdf", "Modellprojekt Holz im Quartier"))
    assert head(parsed) == ("2025-10-16", "09:00", "15:30", "in_person", "Fachgruppe Holzbau")
    assert people(parsed) == [("Henrike Lüders", "Zimmerei Lüders", "present"),
                              ("Piet de Boer", "Tischlerinnung", "present"),
                              ("Gernot Wallner", "Tischlerinnung", "absent")]


def test_a_list_title_on_a_line_of_its_own_over_the_meeting_line(tmp_path: Path) -> None:
    (tmp_path / "liste.md").write_text(
        "Anwesenheitsliste\n\nKlausur des Lenkungskreises am 5. Februar 2026, 13:00 Uhr, Rathaus Nienburg\n\n"
        "| Name | Institution | anwesend | entschuldigt |\n|---|---|---|---|\n"
        "| Roswitha Albers | Stadt Nienburg | X | |\n| Tamás Kovács | Hochschule Weserland | | X |\n"
        "| Ines Haverkamp | Stadt Nienburg | | |\n", encoding="utf-8")
    parsed = parse(tmp_path / "liste.md")
    assert head(parsed) == ("2026-02-05", "13:00", None, "in_person", "Lenkungskreis")
    assert people(parsed) == [("Roswitha Albers", "Stadt Nienburg", "present"),
                              ("Tamás Kovács", "Hochschule Weserland", "excused"),
                              ("Ines Haverkamp", "Stadt Nienburg", "absent")]


def test_the_group_named_in_a_line_under_the_list_title(tmp_path: Path) -> None:
    (tmp_path / "scan.txt").write_text(
        "Kreishandwerkerschaft Mittelweser\n\nAnwesenheitsliste\nRegionales Netzwerk Mittelweser - Wintertreffen\n"
        "Datum: 09.12.2025 Zeit: 17:00 - 19:00 Uhr\nOrt: Haus des Handwerks, Nienburg\n\n"
        "Nr. | Name | Organisation | Anwesend\n1 | Wiebke Brandes | Kreishandwerkerschaft Mittelweser | ja\n"
        "2 | Chidi Okafor | Bildungswerk Nord | nein\n", encoding="utf-8")
    parsed = parse(tmp_path / "scan.txt")
    assert head(parsed) == ("2025-12-09", "17:00", "19:00", "in_person", "Regionales Netzwerk Mittelweser")
    assert people(parsed) == [("Wiebke Brandes", "Kreishandwerkerschaft Mittelweser", "present"),
                              ("Chidi Okafor", "Bildungswerk Nord", "absent")]


def test_a_meeting_tools_summary_row_gives_start_and_end_and_a_device_is_no_organisation(tmp_path: Path) -> None:
    (tmp_path / "zoom_ak_ausbildung_03062025.csv").write_text(
        "Meeting-ID,Thema,Startzeit,Endzeit,E-Mail des Benutzers,Dauer (Minuten),Teilnehmer\n"
        "811 2222 3333,Arbeitskreis Ausbildung – Juni,03.06.2025 08:58:10,03.06.2025 10:31:40,brandes@bw.example,94,2\n"
        "\n"
        "Name (Originalname),E-Mail,Beitrittszeit,Austrittszeit,Dauer (Minuten),Gast\n"
        "Wiebke Brandes,brandes@bw.example,03.06.2025 08:58:10,03.06.2025 10:31:40,94,Nein\n"
        "Chidi Okafor (iPhone von Chidi),,03.06.2025 09:02:00,03.06.2025 10:30:00,88,Ja\n", encoding="utf-8")
    parsed = parse(tmp_path / "zoom_ak_ausbildung_03062025.csv")
    assert head(parsed) == ("2025-06-03", "08:58", "10:31", "online", "Arbeitskreis Ausbildung")
    assert people(parsed) == [("Wiebke Brandes", None, "present"), ("Chidi Okafor", None, "present")]


def test_wiki_user_mentions_in_a_key_value_table_are_people_without_an_organisation(tmp_path: Path) -> None:
    page = ("<html><body><h1>2025-06-03 Arbeitskreis Ausbildung Besprechungsnotizen</h1><table>"
            "<tr><th>Datum</th><td>03.06.2025</td></tr><tr><th>Teilnehmende</th><td>"
            "<a class='confluence-userlink'>@Wiebke Brandes</a> <a class='confluence-userlink'>@Chidi Okafor</a>"
            "</td></tr><tr><th>Entschuldigt</th><td><a class='confluence-userlink'>@Maja Lindqvist</a></td></tr>"
            "</table><h2>Notizen</h2><ul><li>Frau Brandes berichtet über die Ausbildungsmesse.</li></ul>"
            "</body></html>")
    (tmp_path / "notizen.html").write_text(page, encoding="utf-8")
    assert people(parse(tmp_path / "notizen.html")) == [("Wiebke Brandes", None, "present"),
                                                        ("Chidi Okafor", None, "present"),
                                                        ("Maja Lindqvist", None, "excused")]


def test_a_newsletter_in_two_columns_asks_who_was_there(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", f"{FONTS}/DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", f"{FONTS}/DejaVuSans-Bold.ttf")
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 15)
    pdf.cell(0, 9, "Regionales Netzwerk Mittelweser", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.cell(0, 7, "Wintertreffen · Di., 9. Dezember 2025 · 17:00 bis 19:00 Uhr · Rathaus Nienburg, Sitzungssaal",
             new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    with pdf.text_columns(ncols=2, gutter=10) as columns:
        for title, text in (("Wer war dabei?", "Wiebke Brandes (Bildungswerk Nord), Chidi Okafor (Autohaus Demirci) "
                             "und Roswitha Albers (Stadt Nienburg). Entschuldigt hatte sich Tamás Kovács."),
                            ("Ausbildungsmesse", "Frau Brandes berichtete von der Messe im Herbst. Herr Okafor "
                             "stellte die neuen Ausbildungsberufe im Kfz-Handwerk vor. " * 4),
                            ("Wie geht es weiter?", "Das Netzwerk beschließt, die Messe 2026 gemeinsam auszurichten.")):
            pdf.set_font("DejaVu", "B", 11)
            columns.write(title + "\n")
            pdf.set_font("DejaVu", "", 10)
            columns.write(text + "\n\n")
    pdf.output(str(tmp_path / "rundbrief.pdf"))
    parsed = parse(tmp_path / "rundbrief.pdf")
    assert head(parsed) == ("2025-12-09", "17:00", "19:00", "in_person", "Regionales Netzwerk Mittelweser")
    assert people(parsed) == [("Wiebke Brandes", "Bildungswerk Nord", "present"),
                              ("Chidi Okafor", "Autohaus Demirci", "present"),
                              ("Roswitha Albers", "Stadt Nienburg", "present"), ("Tamás Kovács", None, "excused")]


def test_a_list_kept_over_the_year_counts_the_column_of_this_meeting(tmp_path: Path) -> None:
    path = _sheet(tmp_path / "anwesenheit_fg_holzbau_2025.xlsx", [
        ["Fachgruppe Holzbau – Sitzung am 14.05.2025, 10:00–12:00 Uhr, Zimmerei Lüders"],
        [],
        ["Name", "Organisation", "12.03.", "14.05.", "10.09."],
        ["Henrike Lüders", "Zimmerei Lüders", "x", "x", ""],
        ["Bao Nguyen", "Holzbau Nguyen", "x", "e", ""],
        ["Piet de Boer", "Tischlerinnung", "", "", ""],
        ["Gernot Wallner", "Tischlerinnung", "", "x", ""],
    ])
    parsed = parse(path)
    assert head(parsed) == ("2025-05-14", "10:00", "12:00", "in_person", "Fachgruppe Holzbau")
    assert people(parsed) == [("Henrike Lüders", "Zimmerei Lüders", "present"),
                              ("Bao Nguyen", "Holzbau Nguyen", "excused"),
                              ("Piet de Boer", "Tischlerinnung", "absent"),
                              ("Gernot Wallner", "Tischlerinnung", "present")]


def test_an_empty_signature_on_a_sign_in_sheet_is_no_attendance(tmp_path: Path) -> None:
    word = WordDocument()
    word.add_heading("Teilnehmerliste", 1)
    word.add_paragraph("Arbeitskreis Ausbildung, 03.06.2025, 9:00 – 11:00 Uhr, Bildungswerk Nord, Seminarraum 1")
    table = word.add_table(rows=4, cols=3)
    for row, cells in zip(table.rows, (("Name", "Institution", "Unterschrift"),
                                       ("Wiebke Brandes", "Bildungswerk Nord", "W. Brandes"),
                                       ("Chidi Okafor", "Autohaus Demirci", ""),
                                       ("Maja Lindqvist", "Bildungswerk Nord", "gez. Lindqvist")), strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    word.save(tmp_path / "teilnehmerliste.docx")
    parsed = parse(tmp_path / "teilnehmerliste.docx")
    assert head(parsed) == ("2025-06-03", "09:00", "11:00", "in_person", "Arbeitskreis Ausbildung")
    assert people(parsed) == [("Wiebke Brandes", "Bildungswerk Nord", "present"),
                              ("Chidi Okafor", "Autohaus Demirci", "absent"),
                              ("Maja Lindqvist", "Bildungswerk Nord", "present")]


def test_a_wiki_pages_properties_as_a_definition_list_and_its_chrome_left_out(tmp_path: Path) -> None:
    page = ("<html><body><nav><ul><li><a href='/'>Start</a></li><li>Angemeldet als: Jana Meier</li></ul></nav>"
            "<div id='main-content'><h1>Arbeitskreis Ausbildung – Sitzung 03.06.2025</h1>"
            "<dl><dt>Datum</dt><dd>Dienstag, 3. Juni 2025</dd><dt>Zeit</dt><dd>9:00 – 11:00 Uhr</dd>"
            "<dt>Ort</dt><dd>Bildungswerk Nord, Raum 2</dd><dt>Teilnehmende</dt><dd><p>Wiebke Brandes "
            "(Bildungswerk Nord)</p><p>Chidi Okafor (Autohaus Demirci)</p></dd>"
            "<dt>Entschuldigt</dt><dd>Maja Lindqvist</dd></dl>"
            "<div class='confluence-information-macro'><p>Hinweis: Dieses Protokoll ist intern.</p></div>"
            "<h2>TOP 1 Ausbildungsmesse</h2><p>Frau Brandes berichtet.</p></div>"
            "<div id='comments-section'><h2>Kommentare</h2><p>Peter Paulsen: Danke für das Protokoll!</p></div>"
            "<footer>Zuletzt bearbeitet von Otto Brenner</footer></body></html>")
    (tmp_path / "seite.html").write_text(page, encoding="utf-8")
    parsed = parse(tmp_path / "seite.html")
    assert head(parsed) == ("2025-06-03", "09:00", "11:00", "in_person", "Arbeitskreis Ausbildung")
    assert people(parsed) == [("Wiebke Brandes", "Bildungswerk Nord", "present"),
                              ("Chidi Okafor", "Autohaus Demirci", "present"), ("Maja Lindqvist", None, "excused")]


def test_surname_first_with_the_titles_last_in_an_appendix_list(tmp_path: Path) -> None:
    word = WordDocument()
    word.add_heading("Arbeitskreis Ausbildung", 1)
    word.add_paragraph("Protokoll der Sitzung am Dienstag, 3. Juni 2025, 10:00–12:00 Uhr, online (Zoom)")
    word.add_paragraph("Die Liste der Teilnehmenden ist als Anlage beigefügt.")
    word.add_heading("1. Ausbildungsmesse", 2)
    word.add_paragraph("Frau Brandes berichtet von der Messe.")
    word.add_heading("Anlage: Teilnehmerliste", 2)
    table = word.add_table(rows=4, cols=4)
    rows = (("Nr.", "Name, Vorname", "Organisation", "Unterschrift / Teilnahme"),
            ("1", "Brandes, Wiebke", "Bildungswerk Nord", "anwesend"),
            ("2", "van Aken, Joost, Prof. Dr.-Ing.", "Hochschule Weserland", "anwesend"),
            ("3", "Lindqvist, Maja, Dr.", "Bildungswerk Nord", "entschuldigt"))
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    word.save(tmp_path / "protokoll.docx")
    parsed = parse(tmp_path / "protokoll.docx")
    assert head(parsed) == ("2025-06-03", "10:00", "12:00", "online", "Arbeitskreis Ausbildung")
    assert [(p["name"], p["title"], p["status"]) for p in parsed["participants"]] == [
        ("Wiebke Brandes", None, "present"), ("Joost van Aken", "Prof. Dr.-Ing.", "present"),
        ("Maja Lindqvist", "Dr.", "excused")]


def test_a_caption_row_inside_the_table_over_its_header(tmp_path: Path) -> None:
    word = WordDocument()
    word.add_heading("Protokoll Fachgruppe Holzbau", 1)
    word.add_paragraph("Datum: 14.05.2025, 10 – 12 Uhr, Zimmerei Lüders, Verden")
    table = word.add_table(rows=4, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "Teilnehmerliste"
    rows = (("Name", "Organisation", "anwesend"), ("Henrike Lüders", "Zimmerei Lüders", "x"),
            ("Bao Nguyen", "Holzbau Nguyen", ""))
    for row, cells in zip(table.rows[1:], rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    word.add_heading("TOP 1 Auftragslage", 2)
    word.add_paragraph("Frau Lüders berichtet.")
    word.save(tmp_path / "protokoll.docx")
    parsed = parse(tmp_path / "protokoll.docx")
    assert head(parsed) == ("2025-05-14", "10:00", "12:00", "in_person", "Fachgruppe Holzbau")
    assert people(parsed) == [("Henrike Lüders", "Zimmerei Lüders", "present"),
                              ("Bao Nguyen", "Holzbau Nguyen", "absent")]


def test_the_format_from_the_place_and_mode_columns_when_the_head_names_none(tmp_path: Path) -> None:
    rows: list[list[Any]] = [["Fachgruppe Holzbau – Anwesenheit 02.09.2025"], [],
                             ["Name", "Organisation", "vor Ort", "online"]]
    path = _sheet(tmp_path / "liste.xlsx", [*rows, ["Henrike Lüders", "Zimmerei Lüders", "x", ""],
                                            ["Bao Nguyen", "Holzbau Nguyen", "", "x"]])
    assert parse(path)["format"] == "hybrid"
    path = _sheet(tmp_path / "liste2.xlsx", [*rows, ["Henrike Lüders", "Zimmerei Lüders", "", "x"],
                                             ["Bao Nguyen", "Holzbau Nguyen", "", "x"], ["Piet de Boer", "", "", ""]])
    assert (parse(path)["format"], people(parse(path))[-1][2]) == ("online", "absent")


def _word_table(path: Path, head: list[str], rows: list[tuple[str, ...]]) -> Path:
    word = WordDocument()
    word.add_heading(head[0], 1)
    for line in head[1:]:
        word.add_paragraph(line)
    table = word.add_table(rows=len(rows), cols=len(rows[0]))
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    word.add_heading("TOP 1 Bericht", 2)
    word.add_paragraph("Frau Brandes berichtet.")
    word.save(path)
    return path


def test_a_column_that_names_two_statuses_is_read_by_its_words(tmp_path: Path) -> None:
    path = _word_table(tmp_path / "protokoll.docx", ["Protokoll Arbeitskreis Ausbildung", "Datum: 04.06.2025"], [
        ("Teilnehmende", "Institution", "anwesend/entschuldigt"), ("Wiebke Brandes", "Bildungswerk Nord", "anwesend"),
        ("Chidi Okafor", "Autohaus Demirci", "entschuldigt"), ("Tamás Kovács", "Hochschule Weserland", "abwesend"),
        ("Yusuf Arslan", "Autohaus Demirci", "+")])
    assert [(p["name"], p["status"], p["note"]) for p in parse(path)["participants"]] == [
        ("Wiebke Brandes", "present", None), ("Chidi Okafor", "excused", None), ("Tamás Kovács", "absent", None),
        ("Yusuf Arslan", "present", None)]


def test_people_written_into_the_column_of_their_status_in_an_organisation_row(tmp_path: Path) -> None:
    path = _word_table(tmp_path / "protokoll.docx", ["AK Ausbildung – Protokoll", "Datum: 04.06.2025"], [
        ("Institution", "Teilnehmende", "Entschuldigt"), ("Bildungswerk Nord", "Wiebke Brandes, Maja Lindqvist", ""),
        ("Autohaus Demirci", "", "Chidi Okafor"), ("Hochschule Weserland", "Tamás Kovács (ab TOP 2)", "")])
    assert people(parse(path)) == [("Wiebke Brandes", "Bildungswerk Nord", "present"),
                                   ("Maja Lindqvist", "Bildungswerk Nord", "present"),
                                   ("Chidi Okafor", "Autohaus Demirci", "excused"),
                                   ("Tamás Kovács", "Hochschule Weserland", "present")]


def test_a_sign_up_export_with_the_meetings_date_time_and_place_in_columns_of_their_own(tmp_path: Path) -> None:
    meeting = ["Forum Arbeitskreis Ausbildung", "03.06.2025", "09:30", "11:00", "Stadthalle Verden"]
    path = _sheet(tmp_path / "anmeldungen.xlsx", [
        ["Vorname", "Nachname", "Organisation", "Veranstaltung", "Datum", "Beginn", "Ende", "Ort", "Status"],
        ["Wiebke", "Brandes", "Bildungswerk Nord", *meeting, "teilgenommen"],
        ["Chidi", "Okafor", "Autohaus Demirci", *meeting, "abgesagt"],
        ["Maja", "Lindqvist", "Bildungswerk Nord", *meeting, "teilgenommen"]])
    parsed = parse(path)
    assert head(parsed) == ("2025-06-03", "09:30", "11:00", "in_person", "Arbeitskreis Ausbildung")
    assert people(parsed) == [("Wiebke Brandes", "Bildungswerk Nord", "present"),
                              ("Chidi Okafor", "Autohaus Demirci", "excused"),
                              ("Maja Lindqvist", "Bildungswerk Nord", "present")]
