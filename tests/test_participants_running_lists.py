"""People listed in running text as offices write it: a list hard-wrapped over lines that a PDF gives as
paragraphs of their own (a first name at a line's end, its surname on the next), people counted but not named
('sowie als Gäste vier Auszubildende'), a second sentence on the label's line ('… und Herr Ohm. Abgesagt hatten
…'), groups behind check marks, someone registered who did not come, and a title before a surname with a
particle ('Prof. van Dijk').

Every protocol here is written for these tests (fictional names and organisations).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fpdf import FPDF

from etl.extract.document import Block
from etl.extract.readers import read_document
from tests.fixtures.readers.make_pdfs import FONTS
from tests.test_participants_meaning import who
from tests.test_protocol_meaning import parse_blocks
from tests.test_protocol_parse import parse_protocol


def lines_as_paragraphs(*lines: str) -> dict[str, Any]:
    """A PDF's lines, each a paragraph of its own (the reader could not tell they wrap), under the usual head."""
    return parse_blocks(*(Block("paragraph", text, 3 + i) for i, text in enumerate(lines)))


def test_a_list_wrapped_over_paragraph_lines_keeps_names_whole() -> None:
    parsed = lines_as_paragraphs(
        "Es nahmen teil: Dr. Irma Castell, Ole Brandt (beide Handwerkskammer), Bernd",
        "Kraft und Sina Lohmeier (Tischler-Innung), Udo Pfeil (Berufsschule Talstadt), Jana",
        "Roth (Digitalagentur) sowie als Gäste vier Auszubildende der Tischlerei Kraft.",
        "Herr Vossberg war angemeldet, ist aber nicht gekommen.")
    assert who(parsed) == [
        ("Irma Castell", "Handwerkskammer", "present"), ("Ole Brandt", "Handwerkskammer", "present"),
        ("Bernd Kraft", "Tischler-Innung", "present"), ("Sina Lohmeier", "Tischler-Innung", "present"),
        ("Udo Pfeil", "Berufsschule Talstadt", "present"), ("Jana Roth", "Digitalagentur", "present"),
        ("Vossberg", None, "absent")]


def test_a_sentence_wrapped_mid_phrase_is_read_as_one() -> None:
    parsed = lines_as_paragraphs(
        "Teilnehmende: Anke Rühmann (Kammer), Till Borchers (Verband).",
        "Von der Digitalagentur war Frau Pietsch",
        "angemeldet, ist aber nicht gekommen.")
    assert who(parsed)[-1] == ("Pietsch", None, "absent")


def test_a_second_sentence_on_the_label_line_gives_its_own_status() -> None:
    parsed = parse_protocol(["Kurznotiz AK Fliese", "Datum: 12.02.2026", "",
                             "Dabei waren: Dr. Mara Lenz (Kammer), Eik Ostrowski (Verband) und Timo Yıldırım. "
                             "Abgesagt hatten Dr. Hagedorn und Frau Pohl.", "",
                             "Der Arbeitskreis vereinbart einen Termin im April."], "notiz.txt")
    assert who(parsed) == [("Mara Lenz", "Kammer", "present"), ("Eik Ostrowski", "Verband", "present"),
                           ("Timo Yıldırım", None, "present"), ("Hagedorn", None, "excused"),
                           ("Pohl", None, "excused")]


def test_groups_behind_check_marks_each_keep_their_people() -> None:
    parsed = parse_protocol(["Kurznotiz AK Fliese", "Datum: 12.02.2026", "",
                             "Anwesend ✓ Mara Lenz, Eik Ostrowski, Dr. Nele Awad (alle Kammer) "
                             "✓ Timo Yıldırım (Innung) ✓ Rita Sommer (Verband, in Vertretung von Dr. Pohl) "
                             "✓ Jan Kroll (Schule, neu)",
                             "Nicht teilgenommen: Prof. van Dijk (ohne Absage)", "",
                             "Der Arbeitskreis vereinbart einen Termin im April."], "notiz.txt")
    assert who(parsed) == [("Mara Lenz", "Kammer", "present"), ("Eik Ostrowski", "Kammer", "present"),
                           ("Nele Awad", "Kammer", "present"), ("Timo Yıldırım", "Innung", "present"),
                           ("Rita Sommer", "Verband", "present"), ("Jan Kroll", "Schule", "present"),
                           ("van Dijk", None, "absent"), ("Pohl", "Verband", "excused")]  # Pohl: stood in for


def test_a_pdf_line_broken_by_hand_mid_sentence_runs_on_into_the_next(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_page()
    pdf.set_font("DejaVu", "", 10)
    for text in ("Sommertreffen Werkstattnetz", "",
                 "Frau Ehlers und Prof. Dahm hatten abgesagt. Vom Landesverband war Herr Quast",
                 "angemeldet, ist aber nicht gekommen.", "",
                 "Der Betriebsrundgang beginnt um 17 Uhr in der Werkhalle, danach stellt die Schule ihr Projekt vor,"):
        pdf.cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "sommertreffen.pdf"
    pdf.output(str(path))
    texts = [block.text for block in read_document(path).blocks]
    assert "Frau Ehlers und Prof. Dahm hatten abgesagt. Vom Landesverband war Herr Quast\nangemeldet, ist aber " \
           "nicht gekommen." in texts


def test_two_labels_in_one_line_and_an_apology_sent_through_someone() -> None:
    parsed = parse_protocol(["Sitzung AK Fliese", "Datum: 12.02.2026", "",
                             "Anwesend: Mara Lenz (Kammer), Eik Ostrowski (Verband)",
                             "Entschuldigt: Dr. Nele Awad. Unentschuldigt: Timo Yıldırım.", "",
                             "TOP 1 Bericht",
                             "Frau Lenz berichtet. Herr Dr. Hagedorn lässt sich entschuldigen und grüßt schriftlich."],
                            "notiz.txt")
    assert who(parsed) == [("Mara Lenz", "Kammer", "present"), ("Eik Ostrowski", "Verband", "present"),
                           ("Nele Awad", None, "excused"), ("Timo Yıldırım", None, "absent"),
                           ("Hagedorn", None, "excused")]
