"""Plain text as offices save it: Windows-1252 with CRLF, page breaks with running headers, BOM and tabs,
head fields set side by side, all-caps file extensions."""

from __future__ import annotations

from pathlib import Path

from etl.core.registry import Registry
from etl.extract.readers import read_document
from etl.parse.file import parse_file

PAGE_HEADER = "Netzwerk Mittelstand – Protokoll                                  Seite {}/2"
TEXT = (PAGE_HEADER.format(1) + "\n"
        "Protokoll der Sitzung der Fachgruppe Gesunde Arbeit\n"
        "Datum: 12.03.2025      Zeit: 10.00 - 12.30 Uhr      Ort: Geschäftsstelle Kassel\n\n"
        "Teilnehmende:\n"
        "Name                  Organisation\n"
        "Anna Berg             ZVB\n"
        "Bernd Vogt            itb\n\n"
        "TOP 1 Begrüßung\nFrau Berg begrüßt die Runde.\n"
        "{break}" + PAGE_HEADER.format(2) + "\n"
        "TOP 2 Förderaufruf\nBeschluss: Die Fachgruppe reicht eine Skizze ein.\n")


def groups() -> Registry:
    registry = Registry("group")
    registry.add("Fachgruppe Gesunde Arbeit")
    return registry


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    return path


def test_a_windows_text_with_page_breaks_loses_its_running_header_on_every_page(tmp_path: Path) -> None:
    path = write(tmp_path, "PROTOKOLL.TXT", TEXT.format(**{"break": "\f"}))
    texts = [block.text for block in read_document(path, "PROTOKOLL.TXT").blocks]
    assert not any("Seite" in text for text in texts)
    assert texts[0] == "Protokoll der Sitzung der Fachgruppe Gesunde Arbeit"


def test_a_running_header_repeated_without_page_breaks_is_dropped_too(tmp_path: Path) -> None:
    path = write(tmp_path, "protokoll.txt", TEXT.format(**{"break": ""}))
    parsed = dict(parse_file(path, "protokoll.txt", groups=groups()))
    assert (parsed["title"], parsed["group"]) == ("Protokoll der Sitzung der Fachgruppe Gesunde Arbeit",
                                                  "Fachgruppe Gesunde Arbeit")


def test_head_fields_side_by_side_are_read_one_by_one(tmp_path: Path) -> None:
    path = write(tmp_path, "protokoll.txt", TEXT.format(**{"break": "\f"}))
    parsed = dict(parse_file(path, "protokoll.txt", groups=groups()))
    assert (parsed["date"], parsed["start"], parsed["end"], parsed["location"], parsed["format"]) == (
        "2025-03-12", "10:00", "12:30", "Geschäftsstelle Kassel", "in_person")
    assert [(p["name"], p["organisation"]) for p in parsed["participants"]] == [("Anna Berg", "ZVB"),
                                                                                ("Bernd Vogt", "itb")]


def test_a_bom_and_tabs_keep_fields_and_columns(tmp_path: Path) -> None:
    path = tmp_path / "notiz.txt"
    path.write_bytes(("\ufeffProtokoll AG Transfer\nDatum:\t05.03.2025\nUhrzeit:\t14:00 - 15:30\nOrt:\tRaum 2.14\n\n"
                      "Anwesend:\n\tAnna Berg\tZVB\n\tBernd Vogt\titb\n\nTOP 1\tBericht\nFrau Berg berichtet.\n"
                      ).encode("utf-8"))
    parsed = dict(parse_file(path, "notiz.txt"))
    assert (parsed["title"], parsed["date"], parsed["start"], parsed["end"], parsed["location"]) == (
        "Protokoll AG Transfer", "2025-03-05", "14:00", "15:30", "Raum 2.14")
    assert [(p["name"], p["organisation"]) for p in parsed["participants"]] == [("Anna Berg", "ZVB"),
                                                                                ("Bernd Vogt", "itb")]
