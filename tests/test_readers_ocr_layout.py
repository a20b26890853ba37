"""OCR keeps a page's layout: a photographed or faxed sign-in table comes back as rows and columns, a signature
column says who signed (ink, not what tesseract makes of a scribble), and a fax's transmission line never dates
the meeting. The pages are drawn here (tests/fixtures/readers/make_scans.py); the tests pin the facts read."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from etl.cli import main
from etl.extract.readers import image as image_reader
from etl.extract.readers.running import is_transmission_line
from tests.fixtures.readers.make_scans import Person, Sheet, faxed, image_bytes, photographed, sign_in_sheet, typed_page

needs_ocr = pytest.mark.skipif(not image_reader.tesseract_available(), reason="tesseract-ocr-deu nicht installiert")

PEOPLE = [Person("Dörte Vogelsang", "Zimmerei Vogelsang"), Person("Kemal Aydın", "IHK Koblenz"),
          Person("Ulrike von Saldern", "Stadt Neuwied", signed=False), Person("Piotr Nowicki", "Agentur für Arbeit")]


def _parse(path: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    assert main(["parse", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.slow
@needs_ocr
def test_a_photographed_sign_in_table_gives_who_signed_and_who_did_not(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    sheet = Sheet("Anwesenheitsliste Arbeitskreis Ausbildung", "Sitzung am 18.03.2025, 15:00 Uhr", PEOPLE,
                  org_header="Betrieb / Institution", seed=3)
    path = tmp_path / "IMG_4711.jpg"
    path.write_bytes(image_bytes(photographed(sign_in_sheet(sheet), angle=2.2, shrink=0.6), ".jpg"))
    parsed = _parse(path, capsys)
    assert parsed["date"] == "2025-03-18"
    assert [(p["name"], p["organisation"], p["status"]) for p in parsed["participants"]] == [
        ("Dörte Vogelsang", "Zimmerei Vogelsang", "present"), ("Kemal Aydın", "IHK Koblenz", "present"),
        ("Ulrike von Saldern", "Stadt Neuwied", "absent"), ("Piotr Nowicki", "Agentur für Arbeit", "present")]


@pytest.mark.slow
@needs_ocr
def test_a_faxed_unruled_sign_in_list_is_a_table_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = Sheet("Teilnehmerliste Fachgruppe Bau", "Treffen am 02.10.2024, 10:00 Uhr", PEOPLE, org_header="Firma",
                  sign_header="Handzeichen", ruled=False, seed=5)
    path = tmp_path / "fax.tif"
    path.write_bytes(image_bytes(faxed(sign_in_sheet(sheet)), ".tif"))
    parsed = _parse(path, capsys)
    assert (parsed["date"], parsed["start"]) == ("2024-10-02", "10:00")
    assert [(p["name"], p["status"]) for p in parsed["participants"]] == [
        ("Dörte Vogelsang", "present"), ("Kemal Aydın", "present"), ("Ulrike von Saldern", "absent"),
        ("Piotr Nowicki", "present")]


@pytest.mark.slow
@needs_ocr
def test_a_faxed_protocol_takes_its_date_and_time_from_the_text_not_from_the_fax_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = ["Ergebnisprotokoll Regionalnetzwerk Eifel", "", "Datum: 12.11.2024", "Beginn: 13:30 Uhr, Ende 15:00 Uhr",
             "", "Anwesend:", "- Hanna Brückner (HWK Trier)", "- Jonas Adeyemi (Kreisverwaltung Bitburg)", "",
             "TOP 1 Rückblick", "Der Bericht wird zur Kenntnis genommen."]
    path = tmp_path / "FAX_20241114_091207.tif"
    page = typed_page(lines, header="Telefax +49 651 207-455   14.11.2024 09:12   S. 1/1")
    path.write_bytes(image_bytes(faxed(page), ".tif"))
    parsed = _parse(path, capsys)
    assert (parsed["date"], parsed["start"], parsed["end"]) == ("2024-11-12", "13:30", "15:00")
    assert [(p["name"], p["organisation"]) for p in parsed["participants"]] == [
        ("Hanna Brückner", "HWK Trier"), ("Jonas Adeyemi", "Kreisverwaltung Bitburg")]


@pytest.mark.parametrize(("line", "chrome"), [
    ("Telefax  +49 2602 9911-0   06.02.2024 16:41   S. 1/2", True),
    ("14/03/2025 09:12 FAX 0261 123456 P.001/002", True),
    ("Von: +49 261 4711 An: 0261 999 12.03.24 08:15 Seite 1", True),
    ("05.05.2025 07:58  Nr. 4711  Seite 2/3", True),
    ("am Montag, 5. Februar 2024, 10.30 - 12.00 Uhr, MWVLW Mainz", False),
    ("Datum: 12.03.2024 Zeit 10:00-12:00", False),
    ("Das Fax an die Kammer geht bis 12.03.2024 raus.", False),
    ("Seite 2 von 3", False),
])
def test_a_fax_transmission_line_is_told_from_a_line_of_the_protocol(line: str, chrome: bool) -> None:
    assert is_transmission_line(line) is chrome


def _tsv(words: list[tuple[int, int, int, int, float, str]]) -> str:
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    return "\n".join([head, *(f"5\t1\t1\t1\t1\t{i}\t{x}\t{y}\t{w}\t{h}\t{c}\t{t}"
                              for i, (x, y, w, h, c, t) in enumerate(words))])


def test_word_boxes_under_a_header_become_rows_and_a_signature_cell_is_decided_by_its_ink() -> None:
    words = [(100, 100, 120, 30, 96, "Name"), (600, 100, 140, 30, 95, "Betrieb"), (1100, 100, 220, 30, 94,
                                                                                     "Unterschrift"),
             (100, 180, 120, 30, 93, "Lea"), (240, 180, 160, 30, 92, "Schulte"), (600, 180, 180, 30, 91, "Bäckerei"),
             (800, 180, 140, 30, 90, "Schulte"), (1120, 178, 60, 34, 31, "mm"), (1200, 180, 40, 30, 22, "~"),
             (100, 260, 120, 30, 93, "Ole"), (240, 260, 160, 30, 92, "Hansen"), (600, 260, 100, 30, 91, "HWK")]
    ink = np.zeros((400, 1600), dtype=bool)
    ink[170:215, 1110:1400:3] = True  # the first row's signature; the second row's cell stays empty
    laid = image_reader._layout(image_reader._words(_tsv(words)), ink)
    assert laid == [(("Name", "Betrieb", "Unterschrift"), True), (("Lea Schulte", "Bäckerei Schulte", "x"), False),
                    (("Ole Hansen", "HWK", ""), False)]


def test_an_unsure_fragment_is_dropped_and_a_clear_word_kept() -> None:
    words = [(100, 100, 200, 30, 95, "Protokoll"), (320, 100, 50, 30, 30, "am"), (400, 100, 40, 30, 12, "ﬂ~"),
             (460, 100, 90, 30, 88, "Mai"), (600, 100, 220, 30, 41, "Sitzungsraum")]
    assert [w.text for w in image_reader._words(_tsv(words))] == ["Protokoll", "Mai", "Sitzungsraum"]


def test_a_fax_line_over_a_pdf_page_is_furniture_not_the_meeting_date(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    pdf.cell(0, 6, "03.12.2024 17:45   FAX +49 6131 16-2290   Nr. 0815   S. 1/1", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=12)
    for line in ["Vermerk zur Besprechung Übergang Schule-Beruf", "", "am 28. November 2024, 14:00 bis 15:30 Uhr",
                 "", "Teilnehmende: Herr Okonkwo (Jobcenter Mainz), Frau Lüders (HWK Rheinhessen)", "",
                 "1. Stand der Kooperation", "Die Kooperation wird fortgesetzt."]:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "vermerk.pdf"
    pdf.output(str(path))
    parsed = _parse(path, capsys)
    assert (parsed["date"], parsed["start"], parsed["end"]) == ("2024-11-28", "14:00", "15:30")


@pytest.mark.slow
@needs_ocr
def test_a_sheet_scanned_sideways_without_a_rotation_tag_is_turned_upright(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    sheet = Sheet("Anwesenheitsliste Netzwerktreffen", "Treffen am 07.05.2025, 09:00 Uhr", PEOPLE, seed=8)
    path = tmp_path / "scan0001.png"
    path.write_bytes(image_bytes(sign_in_sheet(sheet).rotate(90, expand=True), ".png"))
    parsed = _parse(path, capsys)
    assert parsed["date"] == "2025-05-07"
    assert [(p["name"], p["status"]) for p in parsed["participants"]] == [
        ("Dörte Vogelsang", "present"), ("Kemal Aydın", "present"), ("Ulrike von Saldern", "absent"),
        ("Piotr Nowicki", "present")]
