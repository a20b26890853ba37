"""Which types are read, which are refused with what to do, and that the build scans all of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.core.errors import ProtocolError
from etl.extract.readers import ADVICE, SUFFIXES, read_document
from etl.extract.sources import scan_source


@pytest.mark.parametrize(("name", "message"), [
    ("bericht.pages", "bericht.pages: Apple-Pages-Dokument (.pages) wird nicht gelesen – bitte in Pages als Word "
                      "(.docx) oder PDF exportieren"),
    ("notizen.one", "notizen.one: OneNote-Seite (.one) wird nicht gelesen – bitte in OneNote als PDF oder Word "
                    "(.docx) exportieren"),
    ("brief.wpd", "brief.wpd: WordPerfect-Dokument (.wpd) wird nicht gelesen – bitte als .docx, .odt oder PDF "
                  "speichern"),
    ("termin.vcs", "termin.vcs: Kalenderdatei im alten vCalendar-Format (.vcs) – bitte den Termin als .ics "
                   "exportieren"),
])
def test_office_types_not_read_are_refused_with_what_to_do(tmp_path: Path, name: str, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0 irgendetwas")
    with pytest.raises(ProtocolError) as info:
        read_document(path, source=name)
    assert str(info.value) == message


def test_an_unknown_type_is_refused_with_the_list_of_types(tmp_path: Path) -> None:
    path = tmp_path / "p.xyz"
    path.write_text("Protokoll", encoding="utf-8")
    with pytest.raises(ProtocolError) as info:
        read_document(path, source="p.xyz")
    assert str(info.value) == f"p.xyz: Dateityp „.xyz“ wird nicht unterstützt (erlaubt: {', '.join(SUFFIXES)})"


def test_the_build_reads_every_readable_type_and_lists_the_others_with_advice(tmp_path: Path) -> None:
    folder = tmp_path / "protokolle"
    folder.mkdir()
    names = [f"p{suffix}" for suffix in (*SUFFIXES, ".one", ".pages")] + ["notiz.xyz"]
    for name in names:
        (folder / name).write_text("x", encoding="utf-8")
    found = scan_source(tmp_path)
    assert sorted(path.name for path in found.protocols) == sorted(f"p{suffix}" for suffix in SUFFIXES)
    assert [(skipped.path, skipped.reason) for skipped in found.skipped] == [
        ("protokolle/notiz.xyz", f"kein Protokollformat (erwartet: {', '.join(SUFFIXES)})"),
        ("protokolle/p.one", ADVICE[".one"]), ("protokolle/p.pages", ADVICE[".pages"])]
    assert ".doc" in SUFFIXES and ".doc" not in ADVICE
