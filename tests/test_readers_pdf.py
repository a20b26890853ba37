"""PDF protocols -> blocks: page and line on every block, ruled and unruled tables, running headers gone, OCR."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.core.errors import ProtocolError
from etl.extract.readers import pdf as pdf_reader
from etl.extract.readers import read_document
from tests.fixtures.readers.make_pdfs import (
    SIGNED_LIST,
    newsletter_pdf,
    protocol_pdf,
    scanned_list_pdf,
    scanned_pdf,
    two_column_pdf,
)
from tests.readers_shape import shapes

BROKEN = Path(__file__).resolve().parent / "fixtures" / "protokolle" / "_fehlerhaft"


def B(kind, text, line, page, level=0, marker="", lines=(), rows=(), header_rows=0):  # noqa: N802
    return (kind, text, line, page, level, marker, lines, rows, header_rows)


@pytest.fixture(scope="module")
def protocol(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "protokoll.pdf"
    protocol_pdf(path)
    return path


def test_pdf_blocks_with_page_and_line(protocol: Path) -> None:
    document = read_document(protocol, source="protokoll.pdf")
    assert document.format == "pdf" and document.warnings == []
    # the running header is kept apart, as a Word file's page header; page numbers are dropped
    assert document.meta == {"header": "Netzwerk Arbeit · Fachgruppe Handwerk | Stand: 03.02.2024"}
    participants = (("Name", "Organisation", "Status"), ("Anna Becker", "BAuA", "anwesend"),
                    ("Peter Nowak", "itb", "entschuldigt"), ("Julia Seidel", "ZDH (online zugeschaltet)", ""))
    tasks = (("Wer", "Was", "Bis wann"), ("Anna Becker", "Liste der Ansprechpersonen in den Kammern abgleichen",
                                          "31.03.2024"), ("Peter Nowak", "Termin abstimmen", "offen"))
    assert shapes(document.blocks) == [
        # line 1 of each page is the running header ("… Stand: 03.02.2024"), the last the page number
        B("heading", "Protokoll der Fachgruppe Handwerk", 2, 1, level=1),
        B("paragraph", "Datum: 01.02.2024", 3, 1),
        B("paragraph", "Ort: Handwerkskammer Hannover", 4, 1),
        B("heading", "Teilnehmende", 5, 1, level=2),
        B("table", "\n".join(" | ".join(row) for row in participants), 6, 1, rows=participants, header_rows=1),
        B("paragraph", "Die Fachgruppe bespricht den Stand der gemeinsamen Arbeiten an der Plattform und "
                       "vereinbart,\ndass Frau Dr. Helga Strauß (BAuA) und Herr Tobias Kranz (itb) die Ergebnisse "
                       "bis zum Jahresende\ndokumentieren und in der nächsten Sitzung vorstellen.", 10, 1,
          lines=(10, 11, 12)),
        B("list_item", "Entwurf an alle Beteiligten verschicken, damit sie bis zur nächsten Sitzung Stellung "
                       "nehmen\nkönnen und die Rückmeldungen gesammelt werden", 13, 1, marker="•", lines=(13, 14)),
        B("list_item", "Termin finden", 15, 1, marker="•"),
        B("paragraph", "Über die Verstetigung der Fachkräftezentren berichtet Frau Fuchs. Drei Kammern wollen "
                       "die\nBeratung über das Projektende hinaus fortführen, zwei weitere prüfen das noch und "
                       "melden sich bis\nzum Frühjahr.", 16, 1, lines=(16, 17, 2)),
        B("heading", "Aufgaben", 3, 2, level=2),
        B("table", "\n".join(" | ".join(row) for row in tasks), 4, 2, rows=tasks, header_rows=1),
        B("paragraph", "Nächste Sitzung: 05.03.2024", 8, 2),
    ]
    over_the_break = document.blocks[8]
    assert over_the_break.pages == (1, 1, 2)
    assert over_the_break.page_at(over_the_break.joined.index("Frühjahr")) == 2
    assert document.blocks[4].row_lines == (6, 7, 8, 9)
    assert document.blocks[10].row_lines == (4, 5, 7)  # the second row starts under the wrapped cell


def test_owner_password_only_pdf_is_read(protocol: Path, tmp_path: Path) -> None:
    """Editing restrictions (owner password, empty user password) do not stop reading."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(protocol).pages:
        writer.add_page(page)
    writer.encrypt(user_password="", owner_password="nur-fuer-bearbeitung", algorithm="RC4-128")
    target = tmp_path / "geschuetzt.pdf"
    with open(target, "wb") as handle:
        writer.write(handle)
    assert shapes(read_document(target).blocks) == shapes(read_document(protocol).blocks)


def test_scan_without_ocr_is_refused_with_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "scan.pdf"
    scanned_pdf(path)
    monkeypatch.setattr(pdf_reader, "ocr_available", lambda: False)
    with pytest.raises(ProtocolError) as info:
        read_document(path, source="scan.pdf")
    assert str(info.value) == ("scan.pdf: kein Textlayer (gescannte PDF?) – die Texterkennung (OCR: tesseract-ocr "
                               "mit tesseract-ocr-deu) ist nicht installiert; bitte Text-PDF oder Word-Datei verwenden")


@pytest.mark.slow
@pytest.mark.skipif(not pdf_reader.ocr_available(), reason="tesseract-ocr-deu nicht installiert")
def test_a_sideways_skewed_speckled_scan_of_a_signed_list_comes_back_as_table_rows(tmp_path: Path) -> None:
    """Turned upright and straightened before recognition, the ruled list reaches the parser as a table:
    its rules are not read as '|' words, its rows stand as far apart as the form leaves room to sign."""
    path = tmp_path / "liste.pdf"
    scanned_list_pdf(path)
    document = read_document(path, source="liste.pdf")
    tables = [block for block in document.blocks if block.kind == "table"]
    assert [row[:2] for row in tables[0].rows] == [row[:2] for row in SIGNED_LIST]
    assert [bool(row[2]) for row in tables[0].rows] == [bool(row[2]) for row in SIGNED_LIST]
    assert any("14.01.2025, 10:00 - 12:00 Uhr" in block.text for block in document.blocks)


@pytest.mark.slow
@pytest.mark.skipif(not pdf_reader.ocr_available(), reason="tesseract-ocr-deu nicht installiert")
def test_scan_is_read_by_ocr(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    scanned_pdf(path)
    document = read_document(path, source="scan.pdf")
    assert document.warnings == ["Seite 1: per Texterkennung (OCR) gelesen – bitte Namen prüfen"]
    assert [(b.kind, b.text, b.page) for b in document.blocks] == [
        ("heading", "Protokoll Fachgruppe Handwerk", 1),
        ("paragraph", "Datum: 12.03.2024", 1),
        ("paragraph", "Teilnehmende: Anna Becker (BAuA)", 1),
    ]


@pytest.mark.parametrize(("name", "message"), [
    ("verschluesselt.pdf", "PDF ist verschlüsselt (Passwortschutz) – bitte ungeschützt exportieren"),
    ("gescannt.pdf", "kein Textlayer (gescannte PDF?)"),
])
def test_broken_pdfs(name: str, message: str) -> None:
    with pytest.raises(ProtocolError) as info:
        read_document(BROKEN / name, source=f"_fehlerhaft/{name}")
    assert str(info.value).startswith(f"_fehlerhaft/{name}: {message}")


@pytest.mark.parametrize(("data", "message"), [
    (b"PK\x03\x04 etwas", "keine gültige PDF-Datei: Inhalt ist ein ZIP-Archiv (z. B. Word .docx)"),
    (b"%PDF-1.7\n1 0 obj kaputt", "PDF-Datei nicht lesbar"),
], ids=["zip", "truncated"])
def test_not_a_pdf(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "p.pdf"
    path.write_bytes(data)
    with pytest.raises(ProtocolError) as info:
        read_document(path, source="p.pdf")
    assert str(info.value).startswith(f"p.pdf: {message}")


def test_small_repeated_header_is_dropped_on_page_one_too(tmp_path: Path) -> None:
    """'Strategiekreis · vertraulich' in 8 pt on every page is furniture, also above the title on page 1;
    a bold '3. Aufgaben' is a numbered heading."""
    from fpdf import FPDF

    from tests.fixtures.readers.make_pdfs import FONTS

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    for page, lines in enumerate((("Sitzung des Strategiekreises am 18. November 2020", "3. Aufgaben"),
                                  ("Nächste Sitzung: 19. Mai 2021",))):
        pdf.add_page()
        pdf.set_font("DejaVu", "", 8)
        pdf.text(15, 12, "Strategiekreis · vertraulich")
        y = 30
        for index, text in enumerate(lines):
            pdf.set_font("DejaVu", "B", 14 if page == 0 and index == 0 else (11 if page == 0 else 10))
            if page == 1:
                pdf.set_font("DejaVu", "", 10)
            pdf.text(15, y, text)
            y += 12
        pdf.set_font("DejaVu", "", 10)
        pdf.text(15, y, ("Frau Pahl bereitet die Aufnahme vor.", "Herr Hamdan lädt ein.")[page])
    path = tmp_path / "kopf.pdf"
    pdf.output(str(path))
    assert [(b.kind, b.text, b.page, b.line) for b in read_document(path).blocks] == [
        ("heading", "Sitzung des Strategiekreises am 18. November 2020", 1, 2),
        ("heading", "3. Aufgaben", 1, 3),
        ("paragraph", "Frau Pahl bereitet die Aufnahme vor.", 1, 4),
        ("paragraph", "Nächste Sitzung: 19. Mai 2021", 2, 2),
        ("paragraph", "Herr Hamdan lädt ein.", 2, 3),
    ]


def test_word_broken_in_a_narrow_ruled_cell_is_one_word(tmp_path: Path) -> None:
    from fpdf import FPDF

    from tests.fixtures.readers.make_pdfs import FONTS

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    pdf.set_font("DejaVu", "", 10)
    with pdf.table(col_widths=(45, 45, 16, 16), line_height=5, text_align="LEFT") as table:
        for values in (("Name", "Organisation", "anwesend", "entschuldigt"),
                       ("Anna Becker", "BAuA", "x", ""), ("Peter Nowak", "itb", "", "x")):
            row = table.row()
            for value in values:
                row.cell(value)
    path = tmp_path / "schmal.pdf"
    pdf.output(str(path))
    [block] = read_document(path).blocks
    assert (block.rows, block.header_rows) == (
        (("Name", "Organisation", "anwesend", "entschuldigt"), ("Anna Becker", "BAuA", "x", ""),
         ("Peter Nowak", "itb", "", "x")), 1)


def _text_then_scan(folder: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    text, scan = folder / "text.pdf", folder / "scan.pdf"
    protocol_pdf(text)
    scanned_pdf(scan)
    writer = PdfWriter()
    writer.add_page(PdfReader(text).pages[0])
    writer.add_page(PdfReader(scan).pages[0])
    mixed = folder / "gemischt.pdf"
    with open(mixed, "wb") as handle:
        writer.write(handle)
    return mixed


def test_scanned_page_in_a_text_pdf_without_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "ocr_available", lambda: False)
    document = read_document(_text_then_scan(tmp_path))
    assert document.warnings == ["Seite 2: kein Textlayer, nicht gelesen (Texterkennung nicht installiert)"]
    assert {b.page for b in document.blocks} == {1}


@pytest.mark.slow
@pytest.mark.skipif(not pdf_reader.ocr_available(), reason="tesseract-ocr-deu nicht installiert")
def test_scanned_page_in_a_text_pdf_is_ocred(tmp_path: Path) -> None:
    document = read_document(_text_then_scan(tmp_path))
    assert document.warnings == ["Seite 2: per Texterkennung (OCR) gelesen – bitte Namen prüfen"]
    assert [(b.text, b.page) for b in document.blocks if b.page == 2] == [
        ("Protokoll Fachgruppe Handwerk", 2), ("Datum: 12.03.2024", 2), ("Teilnehmende: Anna Becker (BAuA)", 2)]
    assert document.blocks[0].text == "Protokoll der Fachgruppe Handwerk"


def test_two_text_columns_are_read_column_by_column(tmp_path: Path) -> None:
    path = tmp_path / "zweispaltig.pdf"
    two_column_pdf(path)
    document = read_document(path, source="zweispaltig.pdf")
    assert [(b.kind, b.text, b.line) for b in document.blocks] == [
        ("heading", "Protokoll Regionales Netzwerk Lüneburg", 1),
        ("paragraph", "Datum: 14.05.2025, 14:00 bis 16:00 Uhr", 2),
        ("paragraph", "Teilnehmende:", 3),
        ("list_item", "Karla Behrens (IHK Lüneburg)", 4),
        ("list_item", "Piet Jansen (HWK)", 5),
        ("list_item", "Dr. Ute Kröger (Leuphana)", 6),
        ("paragraph", "Entschuldigt:", 7),
        ("list_item", "Nils Asmussen (AOK)", 8),
        ("list_item", "Begrüßung", 9),
        ("paragraph", "Frau Behrens begrüßt die Anwesenden und\nstellt die Tagesordnung vor, die ohne\n"
                      "Änderungen angenommen wird.", 10),
        ("list_item", "Berichte", 13),
        ("paragraph", "Herr Jansen berichtet über den Stand des\nProjekts und die nächsten Schritte im\n"
                      "Herbst dieses Jahres.", 14),
        ("list_item", "Beschlüsse", 17),
        ("paragraph", "Beschluss: Das Netzwerk beantragt Mittel\nfür eine Veranstaltung im Oktober.", 18),
        ("paragraph", "Aufgaben:", 20),
        ("list_item", "Frau Kröger lädt zur nächsten Sitzung ein.", 21),
    ]


def test_a_two_column_table_is_not_taken_for_text_columns(tmp_path: Path) -> None:
    """Short cells in two columns (names | organisations) stay a table, read across."""
    from fpdf import FPDF

    from tests.fixtures.readers.make_pdfs import FONTS

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.set_font("DejaVu", "", 10)
    pdf.add_page()
    pdf.cell(0, 6, "Teilnehmende", new_x="LMARGIN", new_y="NEXT")
    people = [("Karla Behrens", "IHK Lüneburg"), ("Piet Jansen", "Handwerkskammer"), ("Ute Kröger", "Leuphana"),
              ("Nils Asmussen", "AOK"), ("Frauke Meyer", "Agentur für Arbeit"), ("Jan Wolters", "DGB"),
              ("Lina Haase", "Landkreis"), ("Ole Petersen", "Wirtschaftsförderung")]
    for name, organisation in people:
        pdf.cell(100, 6, name)
        pdf.cell(0, 6, organisation, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "tabelle.pdf"
    pdf.output(str(path))
    table = [b for b in read_document(path).blocks if b.kind == "table"]
    assert [row for block in table for row in block.rows] == list(people)


def test_a_newsletter_page_reads_its_side_box_after_the_text(tmp_path: Path) -> None:
    """The box beside the report is read as a whole after it, not interleaved line by line with it."""
    path = tmp_path / "info.pdf"
    newsletter_pdf(path)
    texts = [block.text for block in read_document(path, source="info.pdf").blocks]
    assert texts[-4:] == ["Dabei waren", "Anna Berg (ZVB)\nBernd Vogt (itb)\nClara Huber (BAuA)", "Entschuldigt:",
                          "Eva Jäger (PSG)"]
    assert texts[3].startswith("Am 14. Januar 2025 traf sich die Fachgruppe Handwerk von 10:00 bis\n12:30 Uhr")


def test_a_newsletter_report_gives_date_times_place_and_the_box_s_people(tmp_path: Path) -> None:
    from etl.parse.file import parse_file

    path = tmp_path / "info.pdf"
    newsletter_pdf(path)
    parsed = dict(parse_file(path, "info.pdf"))
    assert (parsed["date"], parsed["start"], parsed["end"], parsed["format"]) == (
        "2025-01-14", "10:00", "12:30", "in_person")
    assert [(p["name"], p["status"]) for p in parsed["participants"]] == [
        ("Anna Berg", "present"), ("Bernd Vogt", "present"), ("Clara Huber", "present"), ("Eva Jäger", "excused")]
