"""A scanned PDF page is read like a photographed one (rendered, cleaned, recognised word by word, laid out by
position): its sign-in table keeps rows and columns, also on page 2; marks a pen put in an 'anwesend' column are
marks, not letters; a name nobody can read becomes no person; a copier's text layer is used when it holds words
and read again when it holds junk. Pages are drawn here (tests/fixtures/readers/make_scans.py), never copied from a
protocol set; the tests pin the facts read."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from etl.cli import main
from etl.extract.readers import image as image_reader
from etl.extract.readers import read_document
from tests.fixtures.readers.make_scans import MarkedRow, marked_list, scanned, scanned_pdf, typed_page

needs_ocr = pytest.mark.skipif(not image_reader.tesseract_available(), reason="tesseract-ocr-deu nicht installiert")


def _parse(path: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    assert main(["parse", str(path), "--json"]) in (0, 1)
    return json.loads(capsys.readouterr().out)


def _tsv(words: list[tuple[int, int, int, int, float, str]]) -> str:
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    return "\n".join([head, *(f"5\t1\t1\t1\t1\t{i}\t{x}\t{y}\t{w}\t{h}\t{c}\t{t}"
                              for i, (x, y, w, h, c, t) in enumerate(words))])


def _laid(words: list[tuple[int, int, int, int, float, str]], ink: np.ndarray | None = None) -> list:
    return image_reader._layout(image_reader._words(_tsv(words)), ink)


HEADER = [(100, 100, 100, 30, 95, "Name"), (600, 100, 240, 30, 95, "Organisation"), (1100, 100, 180, 30, 94,
                                                                                          "anwesend"),
          (1400, 100, 230, 30, 94, "entschuldigt")]


def _row(top: int, first: str, last: str, org: str, *extra: tuple[int, int, int, int, float, str]) -> list:
    return [(100, top, 130, 30, 93, first), (250, top, 170, 30, 92, last), (600, top, 200, 30, 94, org), *extra]


def test_pen_marks_in_attendance_columns_are_read_as_marks_by_their_ink() -> None:
    """A cross or a tick (whatever tesseract makes of it: 'X', 'v', '/', nothing) is 'x'; a flat stroke is '-' (not
    there); a letter written clearly ('e') or a word stays, for the parser to judge; an empty cell stays empty."""
    words = HEADER + _row(180, "Lea", "Schulte", "HWK", (1130, 168, 60, 50, 41, "X")) \
        + _row(260, "Ole", "Hansen", "IHK", (1125, 265, 70, 14, 30, "—")) \
        + _row(340, "Ida", "Brandt", "BAuA", (1110, 340, 30, 30, 96, "e")) \
        + _row(420, "Tom", "Weber", "ZDH") \
        + [(100, 500, 130, 30, 93, "Eva"), (250, 500, 170, 30, 92, "Jäger"),
           (600, 500, 500, 30, 94, "Kreishandwerkerschaft")]  # its last letters reach into the mark column
    page = Image.new("1", (1800, 600), 0)
    pen = ImageDraw.Draw(page)
    pen.line([(1130, 168), (1190, 215)], fill=1, width=4)  # a cross
    pen.line([(1130, 215), (1190, 170)], fill=1, width=4)
    pen.line([(1125, 272), (1195, 274)], fill=1, width=4)  # a dash
    pen.rectangle([1112, 345, 1135, 365], fill=1)  # the letter
    pen.line([(1420, 440), (1440, 465), (1480, 415)], fill=1, width=4)  # a tick under 'entschuldigt'
    pen.rectangle([600, 500, 1100, 530], fill=1)  # the organisation's letters
    ink = np.asarray(page, dtype=bool)
    assert _laid(words, ink) == [
        (("Name", "Organisation", "anwesend", "entschuldigt"), True), (("Lea Schulte", "HWK", "x", ""), False),
        (("Ole Hansen", "IHK", "-", ""), False), (("Ida Brandt", "BAuA", "e", ""), False),
        (("Tom Weber", "ZDH", "", "x"), False), (("Eva Jäger", "Kreishandwerkerschaft", "", ""), False)]


def test_abbreviated_mark_columns_make_the_header_of_a_table() -> None:
    """'anw.' and 'entsch.' are no column titles the text rules know; beside 'Name' and 'Organisation' they are."""
    words = [(100, 100, 100, 30, 95, "Name"), (600, 100, 240, 30, 95, "Organisation"),
             (1100, 100, 90, 30, 94, "anw."), (1400, 100, 130, 30, 94, "entsch."),
             *_row(180, "Lea", "Schulte", "HWK"), *_row(260, "Ole", "Hansen", "IHK")]
    page = Image.new("1", (1800, 400), 0)
    ImageDraw.Draw(page).line([(1420, 190), (1480, 240)], fill=1, width=4)
    ImageDraw.Draw(page).line([(1130, 262), (1190, 290)], fill=1, width=4)
    assert _laid(words, np.asarray(page, dtype=bool)) == [
        (("Name", "Organisation", "anw.", "entsch."), True), (("Lea Schulte", "HWK", "", "x"), False),
        (("Ole Hansen", "IHK", "x", ""), False)]


def test_a_word_written_in_a_signature_cell_is_kept_and_a_scribble_is_a_signature() -> None:
    words = [(100, 100, 100, 30, 95, "Name"), (600, 100, 240, 30, 95, "Betrieb"),
             (1100, 100, 220, 30, 94, "Unterschrift"),
             *_row(180, "Lea", "Schulte", "HWK", (1110, 180, 220, 30, 93, "entschuldigt")),
             *_row(260, "Ole", "Hansen", "IHK", (1120, 250, 90, 45, 22, "mwm"), (1230, 255, 60, 40, 35, "Nu"))]
    ink = np.zeros((400, 1600), dtype=bool)
    ink[182:208, 1110:1330:2] = True  # the typed word's letters
    ink[250:295, 1120:1300:3] = True  # the scribble
    assert _laid(words, ink)[1:] == [(("Lea Schulte", "HWK", "entschuldigt"), False),
                                     (("Ole Hansen", "IHK", "x"), False)]


def test_a_name_nobody_can_read_leaves_its_cell_empty() -> None:
    """tesseract's guesses at a handwritten name (a tall unsure 'EIN' at 30, 'Mnrw' at 55, a 'l1j~' at 20) become no
    person; printed words read with little certainty ('Ute Li' at 44 and 48, 'BAuA' at 27) stay."""
    words = HEADER[:2] + [(100, 180, 70, 60, 30, "EIN"), (200, 172, 150, 66, 55, "Mnrw"), (360, 180, 50, 30, 20,
                                                                                              "l1j~"),
                          (600, 180, 100, 30, 95, "HWK"),
                          (100, 260, 60, 30, 44, "Ute"), (180, 260, 30, 30, 48, "Li"), (600, 260, 100, 30, 27, "BAuA")]
    assert _laid(words) == [(("Name", "Organisation"), True), (("", "HWK"), False), (("Ute Li", "BAuA"), False)]


def test_a_line_of_handwriting_nobody_can_read_is_left_out_and_reported() -> None:
    """Under a typed list someone added a name by hand: tesseract's guesses ('EIN' tall at 30, 'l1j~' at 28) are no
    list item; the line is counted for the warning. A blurred printed line at 35 ('Gäste:') stays."""
    words = [(100, 100, 160, 30, 95, "Anwesend:"), (100, 160, 30, 30, 95, "-"), (140, 160, 120, 30, 92, "Lea"),
             (270, 160, 150, 30, 93, "Schulte"), (100, 220, 70, 60, 30, "EIN"), (200, 225, 50, 30, 28, "l1j~"),
             (100, 290, 120, 30, 35, "Gäste:")]
    unreadable: list[str] = []
    assert image_reader._layout(image_reader._words(_tsv(words)), None, unreadable) == [
        "Anwesend:", "- Lea Schulte", "", "Gäste:"]
    assert unreadable == ["EIN l1j~"]


def test_fields_set_side_by_side_on_a_form_are_one_line_each() -> None:
    words = [(100, 100, 260, 30, 95, "Arbeitskreis"), (375, 100, 220, 30, 95, "Ausbildung"),
             (800, 100, 110, 30, 95, "Datum:"), (925, 100, 180, 30, 95, "06.03.2024"),
             (1300, 100, 90, 30, 95, "Zeit:"), (1405, 100, 70, 30, 95, "9:00"), (1490, 100, 15, 30, 95, "-"),
             (1520, 100, 85, 30, 95, "11:00"), (1620, 100, 60, 30, 95, "Uhr")]
    assert [line.strip() for line in _laid(words)] == ["Arbeitskreis Ausbildung", "Datum: 06.03.2024",
                                                       "Zeit: 9:00 - 11:00 Uhr"]


def test_a_sentence_below_the_even_rows_of_a_table_is_no_row() -> None:
    rows = [_row(180 + 80 * i, first, last, org) for i, (first, last, org) in enumerate(
        [("Lea", "Schulte", "HWK"), ("Ole", "Hansen", "IHK"), ("Ida", "Brandt", "BAuA")])]
    words = HEADER[:2] + [w for row in rows for w in row] + [(100, 520, 220, 30, 95, "Protokoll"),
                                                             (335, 520, 120, 30, 95, "folgt.")]
    assert _laid(words)[-3:] == [(("Ida Brandt", "BAuA"), False), "", "Protokoll folgt."]


@pytest.mark.parametrize(("text", "readable"), [
    ("Protokoll des Treffens vom 12.09.2024, 14:00 bis 16:00 Uhr, Raum A1.12", True),
    ("Teilnehmende: Wiebke Janßen (HWK), Kai-Uwe Dreyer (FKZ), Dr. Ngozi Eze-Hartmann (BMAS)", True),
    ("TOP3 Verschiedenes: z.B. Anträge, GmbH & Co. KG, 2. Quartal", True),
    ("Tei1nehmer1iste Rcg1ona1es Nctzwcrk Wcscrbcrg1and 12.O9.2O24 l4:OO", False),
    ("DSd | : 1oßef eng] 4öqnH vnval. Jsanh eleld au ıdon una] b1ag V v4 bag euuy I yuayasıayun", False),
    ("~%$& ||| ]]i{ ¦¦ /\\/\\ ?! §$", False),
    ("Seite 1", False),  # too little text for a page
])
def test_a_text_layer_counts_as_read_only_when_it_holds_words(text: str, readable: bool) -> None:
    assert image_reader.readable(text.split()) is readable


def test_specks_go_and_full_stops_stay() -> None:
    ink = np.zeros((40, 60), dtype=bool)
    ink[5:7, 5:7] = True  # dust
    ink[20, 50] = True  # a single dot
    ink[10:13, 20:23] = True  # a full stop at 200 dpi
    ink[30:34, 10:50] = True  # a stroke of a letter
    assert [tuple(p) for p in np.argwhere(image_reader._specks(ink))] == [(5, 5), (5, 6), (6, 5), (6, 6), (20, 50)]


def _copier_pdf(words: str, image: bytes = b"\xff" * 16, size: tuple[int, int] = (4, 4), dct: bool = False) -> bytes:
    """A scanned page (a grey image over the whole A4 page) with a copier's OCR layer: invisible text (render mode
    3) laid over it, line by line. Written by hand, so building it costs nothing."""
    lines = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in words.split("\n")]
    text = " ".join(f"({line}) Tj 0 -24 Td" for line in lines)
    content = f"q 595 0 0 842 0 0 cm /Im1 Do Q BT /F1 11 Tf 3 Tr 60 780 Td {text} ET".encode("latin-1")
    width, height = size
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
               b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 4 0 R>>/XObject<</Im1 5 0 R>>>>"
               b"/Contents 6 0 R>>",
               b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>",
               f"<</Type/XObject/Subtype/Image/Width {width}/Height {height}/ColorSpace/DeviceGray/BitsPerComponent 8"
               f"{'/Filter/DCTDecode' if dct else ''}/Length {len(image)}>>stream\n".encode() + image + b"\nendstream",
               f"<</Length {len(content)}>>stream\n".encode() + content + b"\nendstream"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_a_copier_text_layer_of_words_is_read_without_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(image_reader, "run_guarded", lambda *a, **k: pytest.fail("OCR started"))
    path = tmp_path / "SCN_0815.pdf"
    path.write_bytes(_copier_pdf("Protokoll Arbeitskreis Ausbildung\nDatum: 04.02.2025\n"
                                 "Teilnehmende: Henrike Albrecht (HWK), Yusuf Demirci (IHK)"))
    document = read_document(path, source=path.name)
    assert (document.warnings, [b.text for b in document.blocks]) == ([], [
        "Protokoll Arbeitskreis Ausbildung", "Datum: 04.02.2025",
        "Teilnehmende: Henrike Albrecht (HWK), Yusuf Demirci (IHK)"])


def test_without_tesseract_a_scan_under_a_junk_layer_is_refused_saying_what_is_missing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from etl.core.errors import ProtocolError
    from etl.extract.readers import pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "ocr_available", lambda: False)
    path = tmp_path / "SCN_0816.pdf"
    path.write_bytes(_copier_pdf("Pr0t0k0ll Rcg1ona1cs Nctzwcrk\n~~ |i| 12.O9.2O24 l4:OO ]]\n"
                                 "Tc1lnchmcnde: W1cbkc J4nßcn"))
    with pytest.raises(ProtocolError) as info:
        read_document(path, source=path.name)
    assert str(info.value) == ("SCN_0816.pdf: kein Textlayer (gescannte PDF?) – die Texterkennung (OCR: tesseract-ocr "
                               "mit tesseract-ocr-deu) ist nicht installiert; bitte Text-PDF oder Word-Datei verwenden")


ROWS = [MarkedRow("Henrike Albrecht", "Tischlerei Albrecht", ("x", "")),
        MarkedRow("Yusuf Demirci", "IHK Kassel", ("tick", "")),
        MarkedRow("Marta Kowalska", "Stadt Fulda", ("", "x")),
        MarkedRow(None, "HWK Kassel", ("scribble", "")),
        MarkedRow("Bernd ter Horst", "Agentur für Arbeit", ("dash", "")),
        MarkedRow("Ilse Brömmel", "Kreis Hersfeld", ("scribble", ""))]


@pytest.mark.slow
@needs_ocr
def test_a_two_page_scan_gives_the_protocol_from_page_one_and_the_marked_list_from_page_two(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A copier scan, askew and dusty: the head and the task on page 1, who came on page 2, marked by hand (a cross,
    a tick, an initial's scribble, a dash for 'not there', a cross under 'entschuldigt'); the name nobody can read
    goes to Prüfen with its organisation, never as a person."""
    protocol = typed_page(["Protokoll Arbeitskreis Ausbildung", "", "Datum: 04.02.2025, 10:00 - 12:00 Uhr",
                           "Ort: HWK Kassel", "", "Anwesenheit: siehe Liste auf Seite 2", "",
                           "TOP 1 Ausbildungsmesse", "Die Messe findet im Mai statt.", "", "Aufgaben:",
                           "- Frau Kowalska lädt die Betriebe ein, bis 28.02.2025"])
    sheet = marked_list("Anwesenheitsliste Arbeitskreis Ausbildung", "04.02.2025", ROWS, seed=4)
    path = tmp_path / "Scan_20250205_0815.pdf"
    path.write_bytes(scanned_pdf([scanned(protocol, 0.8, 1, 3000), scanned(sheet, -1.2, 2, 3000)]))
    parsed = _parse(path, capsys)
    assert (parsed["date"], parsed["start"], parsed["end"]) == ("2025-02-04", "10:00", "12:00")
    assert [(p["name"], p["organisation"], p["status"]) for p in parsed["participants"]] == [
        ("Henrike Albrecht", "Tischlerei Albrecht", "present"), ("Yusuf Demirci", "IHK Kassel", "present"),
        ("Marta Kowalska", "Stadt Fulda", "excused"), ("Bernd ter Horst", "Agentur für Arbeit", "absent"),
        ("Ilse Brömmel", "Kreis Hersfeld", "present")]
    assert [(t["owners"], t["due"]) for t in parsed["action_items"]] == [(["Marta Kowalska"], "2025-02-28")]
    assert [u["organisation"] for u in parsed["unresolved"] if "keine Person" in u["reason"]] == ["HWK Kassel"]


@pytest.mark.slow
@needs_ocr
def test_a_scan_under_a_copier_layer_of_junk_is_read_again_by_ocr(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    page = scanned(typed_page(["Ergebnisprotokoll Regionalnetzwerk Eifel", "", "Datum: 12.11.2024",
                               "Beginn: 13:30 Uhr, Ende: 15:00 Uhr", "", "Anwesend:",
                               "- Hanna Brückner (HWK Trier)", "- Jonas Adeyemi (Kreisverwaltung Bitburg)"]),
                   -0.6, 3, 2000)
    buffer = io.BytesIO()
    page.save(buffer, "JPEG", quality=80)
    junk = "Ergcbn1sprot0k0ll Rcg1ona1nctzwcrk E1fc1\nDat~m: l2.ll.2O24 ]]\nBcg1nn: l3:3O ~hr, Endc: l5:OO\n" \
           "Anwcscnd: H4nn4 Br~ckncr |HWK Tr1cr|"
    path = tmp_path / "SCN_0817.pdf"
    path.write_bytes(_copier_pdf(junk, buffer.getvalue(), page.size, dct=True))
    parsed = _parse(path, capsys)
    assert (parsed["date"], parsed["start"], parsed["end"]) == ("2024-11-12", "13:30", "15:00")
    assert [(p["name"], p["organisation"]) for p in parsed["participants"]] == [
        ("Hanna Brückner", "HWK Trier"), ("Jonas Adeyemi", "Kreisverwaltung Bitburg")]
    assert parsed["warnings"][:1] == ["Seite 1: per Texterkennung (OCR) gelesen – bitte Namen prüfen"]
