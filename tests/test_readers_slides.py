"""Minutes kept on slides (.pptx, .odp): slide titles as headings, bullets with their level, tables, in slide order;
speaker notes apart in meta (and read as minutes when they say who attended); a hidden slide not read; the deck
parsed like any protocol."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.cli import main
from etl.core.errors import ProtocolError
from etl.extract.readers import ADVICE, SUFFIXES, read_document
from etl.extract.safe_zip import MB
from etl.maintain.upload import PROTOCOL_FOLDER, check_upload
from tests.conftest import MASTER
from tests.fixtures.readers.hostile_office import element_pptx
from tests.fixtures.readers.make_office import as_variant
from tests.fixtures.readers.make_slides import odp_deck, pptx_deck

DECKS = {".pptx": pptx_deck, ".pptm": lambda: as_variant(pptx_deck(), ".pptm"), ".odp": odp_deck}
BLOCKS = [
    ("heading", "Fachgruppe Handwerk", 1, 1, 1, ""),
    ("paragraph", "Sitzung am 14.05.2025", 2, 1, 0, ""),
    ("heading", "Tagesordnung", 3, 2, 1, ""),
    ("list_item", "TOP 1 Ausbildung", 4, 2, 0, "•"),
    ("list_item", "Ausbildungstag", 5, 2, 1, "•"),
    ("list_item", "TOP 2 Verschiedenes", 6, 2, 0, "•"),
    ("heading", "Protokoll", 7, 4, 1, ""),
    ("paragraph", "Datum: 14.05.2025", 8, 4, 0, ""),
    ("paragraph", "Teilnehmende:", 9, 4, 0, ""),
    ("table", "Name | Organisation\nAnna Becker | HWK Musterstadt\nJonas Weber | BAuA", 10, 4, 0, ""),
    ("paragraph", "Beschluss: Die Fachgruppe richtet einen Ausbildungstag aus.", 13, 4, 0, ""),
]


def _deck(tmp_path: Path, suffix: str) -> Path:
    path = tmp_path / f"sitzung{suffix}"
    path.write_bytes(DECKS[suffix]())
    return path


@pytest.mark.parametrize("suffix", [".pptx", ".pptm", ".odp"])
def test_a_deck_is_read_slide_by_slide_with_notes_apart(suffix: str, tmp_path: Path) -> None:
    document = read_document(_deck(tmp_path, suffix), source=f"sitzung{suffix}")
    assert (document.kind, document.format) == ("protocol", suffix[1:])
    assert [(b.kind, b.text, b.line, b.page, b.level, b.marker) for b in document.blocks] == BLOCKS
    assert document.blocks[9].header_rows == 1
    assert document.meta["notes"] == "Folie 2: Zeit im Blick behalten\nFolie 4: Frau Schäfer nach dem Termin fragen"
    assert document.warnings == ["Folie 3: ausgeblendet, nicht gelesen"]


@pytest.mark.parametrize("suffix", [".pptx", ".odp"])
def test_minutes_on_the_last_slide_are_parsed(suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(_deck(tmp_path, suffix)), "--source", str(MASTER), "--json"]) == 0
    parsed = json.loads(capsys.readouterr().out)
    assert (parsed["group"], parsed["date"], parsed["warnings"]) == ("Fachgruppe Handwerk", "2025-05-14",
                                                                    ["Folie 3: ausgeblendet, nicht gelesen"])
    assert parsed["agenda"] == ["Ausbildung; Ausbildungstag", "Verschiedenes"]
    assert [(p["name"], p["organisation"], p["status"], p["line"], p["page"]) for p in parsed["participants"]] == [
        ("Anna Becker", "HWK Musterstadt", "present", 11, 4), ("Jonas Weber", "BAuA", "present", 12, 4)]
    assert [(d["text"], d["page"]) for d in parsed["decisions"]] == [
        ("Die Fachgruppe richtet einen Ausbildungstag aus.", 4)]
    assert "Schäfer" not in json.dumps(parsed, ensure_ascii=False)  # the speaker notes are not the minutes


def test_speaker_notes_that_say_who_attended_are_the_minutes(tmp_path: Path) -> None:
    from pptx import Presentation

    deck = Presentation()
    first = deck.slides.add_slide(deck.slide_layouts[1])
    first.shapes.title.text = "Beirat Werkstattnetz 03.03.2026"
    first.placeholders[1].text_frame.text = "Sitzungsunterlage · Talstadt · 10:00–12:00"
    first.notes_slide.notes_text_frame.text = (
        "Notizen (M. Jansen): Anwesend: Dr. Ostrowski (Vorsitz), Frau Lenz, Herr Yıldırım (online). "
        "Entschuldigt: Dr. Hagedorn. Protokoll: Mira Jansen.")
    second = deck.slides.add_slide(deck.slide_layouts[1])
    second.shapes.title.text = "TOP 1 Haushalt"
    second.placeholders[1].text_frame.text = "Entwurf 2027"
    second.notes_slide.notes_text_frame.text = "Haushalt besprochen. Aufgabe: Lenz schickt den Entwurf bis 20.03.2026."
    path = tmp_path / "beirat.pptx"
    deck.save(str(path))
    document = read_document(path, source="beirat.pptx")
    assert [b.text for b in document.blocks[-6:]] == [
        "Notizen (M. Jansen):",
        "Anwesend: Dr. Ostrowski (Vorsitz), Frau Lenz, Herr Yıldırım (online).",
        "Entschuldigt: Dr. Hagedorn.", "Protokoll: Mira Jansen.", "Haushalt besprochen.",
        "Aufgabe: Lenz schickt den Entwurf bis 20.03.2026."]
    assert [b.page for b in document.blocks[-6:]] == [1, 1, 1, 1, 2, 2]
    from etl.parse.file import parse_file

    parsed = dict(parse_file(path))
    assert [(p["name"], p["status"]) for p in parsed["participants"]] == [
        ("Ostrowski", "present"), ("Lenz", "present"), ("Yıldırım", "present"), ("Hagedorn", "excused"),
        ("Mira Jansen", "present")]


def test_slide_numbers_footers_and_dates_repeated_on_slides_are_not_content(tmp_path: Path) -> None:
    from pptx import Presentation

    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "Protokoll"
    slide.placeholders[1].text = "Teilnehmende: Anna Becker (HWK Musterstadt)"
    layout_footer = next(ph for ph in deck.slide_layouts[1].placeholders if ph.placeholder_format.idx == 11)
    slide.shapes.clone_placeholder(layout_footer)
    slide.placeholders[11].text = "Netzwerk Arbeit · vertraulich"
    path = tmp_path / "folie.pptx"
    deck.save(path)
    document = read_document(path, source="folie.pptx")
    assert [(b.kind, b.text) for b in document.blocks] == [
        ("heading", "Protokoll"), ("list_item", "Teilnehmende: Anna Becker (HWK Musterstadt)")]


@pytest.mark.parametrize(("name", "message"), [
    ("alt.ppt", "alt.ppt: PowerPoint-97–2003-Präsentation (.ppt) wird nicht gelesen – bitte in PowerPoint als .pptx "
                "oder PDF speichern"),
    ("schau.ppsx", "schau.ppsx: PowerPoint-Bildschirmpräsentation (.ppsx) wird nicht gelesen – bitte in PowerPoint "
                   "als .pptx oder PDF speichern"),
    ("folien.key", "folien.key: Keynote-Präsentation (.key) wird nicht gelesen – bitte in Keynote als PowerPoint "
                   "(.pptx) oder PDF exportieren"),
])
def test_presentations_not_read_are_refused_with_advice(name: str, message: str, tmp_path: Path) -> None:
    assert {".pptx", ".pptm", ".odp"} <= set(SUFFIXES) and not {".pptx", ".pptm", ".odp"} & set(ADVICE)
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ProtocolError) as info:
        read_document(path, source=name)
    assert str(info.value) == message


def test_a_deck_with_a_million_xml_elements_is_refused_before_parsing(tmp_path: Path) -> None:
    path = element_pptx(tmp_path / "bombe.pptx")
    with pytest.raises(ProtocolError) as info:
        read_document(path, source="bombe.pptx")
    assert str(info.value).startswith("bombe.pptx: PowerPoint-Datei (.pptx) enthält 1.0")
    assert check_upload("bombe.pptx", path.read_bytes(), 20 * MB).reason.startswith(
        "PowerPoint-Präsentation (.pptx) enthält 1.0")


@pytest.mark.parametrize("suffix", [".pptx", ".pptm", ".odp"])
def test_the_upload_takes_a_deck_as_a_protocol(suffix: str) -> None:
    name = f"sitzung{suffix}"
    check = check_upload(name, DECKS[suffix](), 20 * MB)
    assert (check.accepted, check.reason, check.kind, check.target) == (True, "", suffix[1:], PROTOCOL_FOLDER / name)


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("sitzung.pptx", odp_deck(), "Inhalt passt nicht zur Endung „.pptx“: die Datei ist eine OpenDocument-Präsentation "
                                 "(.odp)"),
    ("sitzung.odp", pptx_deck(), "Inhalt passt nicht zur Endung „.odp“: die Datei ist eine PowerPoint-Präsentation "
                                 "(.pptx)"),
])
def test_an_upload_whose_content_is_the_other_deck_type_is_refused(name: str, data: bytes, reason: str) -> None:
    check = check_upload(name, data, 20 * MB)
    assert (check.accepted, check.reason) == (False, reason)


def test_text_in_drawn_shapes_and_groups_is_read_lines_are_not(tmp_path: Path) -> None:
    from pptx import Presentation
    from pptx.enum.shapes import MSO_CONNECTOR
    from pptx.util import Cm

    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = "Protokoll"
    slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Cm(1), Cm(1), Cm(5), Cm(5))
    builder = slide.shapes.build_freeform(Cm(1), Cm(1))
    builder.add_line_segments([(Cm(2), Cm(2)), (Cm(3), Cm(1))])
    builder.convert_to_shape().text_frame.text = "Anwesend: Anna Becker (HWK Musterstadt)"
    group = slide.shapes.add_group_shape()
    group.shapes.add_textbox(Cm(1), Cm(8), Cm(5), Cm(1)).text_frame.text = "Entschuldigt: Jonas Weber (BAuA)"
    path = tmp_path / "formen.pptx"
    deck.save(path)
    assert [(b.kind, b.text) for b in read_document(path, source="formen.pptx").blocks] == [
        ("heading", "Protokoll"), ("paragraph", "Anwesend: Anna Becker (HWK Musterstadt)"),
        ("paragraph", "Entschuldigt: Jonas Weber (BAuA)")]
