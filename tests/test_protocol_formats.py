"""Protocol files in every format and layout, parsed whole and compared with golden JSON files.

Golden files sit next to each fixture (`<file>.expected.json`). After a deliberate parser
change, rewrite them with `PROTOKOLL_GOLDEN_UPDATE=1 pytest tests/test_protocol_formats.py`
and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from etl.core.errors import ProtocolError
from etl.core.registry import Registry
from etl.parse.file import parse_file

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "protokolle"
BROKEN = FIXTURES / "_fehlerhaft"
SUFFIXES = {".md", ".txt", ".docx", ".pdf"}
GOOD = sorted(p for p in FIXTURES.rglob("*") if p.suffix in SUFFIXES and BROKEN not in p.parents)


def registries() -> dict[str, Registry]:
    """The fictional master data the fixture protocols are resolved against."""
    data = json.loads((FIXTURES / "registries.json").read_text("utf-8"))
    result = {}
    for kind, key in (("organisation", "organisations"), ("group", "groups"), ("project", "projects")):
        registry = Registry(kind)
        for entry in data[key]:
            registry.add(entry["name"], *entry["spellings"])
        result[key] = registry
    return result


def _rel(path: Path) -> str:
    return path.relative_to(FIXTURES).as_posix()


def test_every_format_has_a_fixture() -> None:
    assert {p.suffix for p in GOOD} == SUFFIXES
    assert len(GOOD) >= 6


@pytest.mark.parametrize("path", GOOD, ids=_rel)
def test_golden(path: Path) -> None:
    parsed = parse_file(path, source=_rel(path), **registries())
    golden = path.with_name(path.name + ".expected.json")
    if os.environ.get("PROTOKOLL_GOLDEN_UPDATE"):
        golden.write_text(json.dumps(parsed, ensure_ascii=False, indent=2) + "\n", "utf-8")
    assert parsed == json.loads(golden.read_text("utf-8"))


def test_docx_page_header_counts_as_the_head(tmp_path: Path) -> None:
    """Word protocols often carry title and date only in the page header (Kopfzeile)."""
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Protokoll Koordinierungsteam – 17.01.2023"
    document.add_paragraph("Teilnehmende: Lena Brandt (HWK Musterstadt)")
    path = tmp_path / "kopfzeile.docx"
    document.save(path)
    parsed = parse_file(path, **registries())
    assert (parsed["date"], parsed["group"], parsed["participants"][0]["name"]) == (
        "2023-01-17", "Koordinierungsteam", "Lena Brandt")


# --- files that cannot be read: one German ProtocolError naming the file ------------------------

BROKEN_CASES = {
    "leer.md": "Datei ist leer",
    "nur_leerzeilen.txt": "enthält keinen Text",
    "binaer.txt": "keine Textdatei",
    "falsche_endung.rtf": "keine gültige RTF-Datei",
    "abgeschnitten.docx": "Word-Datei",
    "pdf_als_docx.docx": "keine gültige Word-Datei (.docx): Inhalt ist eine PDF-Datei",
    "gescannt.pdf": "kein Textlayer (gescannte PDF?)",
    "verschluesselt.pdf": "PDF ist verschlüsselt",
    "ohne_datum.md": "kein Datum gefunden",
}


@pytest.mark.parametrize("name", sorted(BROKEN_CASES))
def test_broken_files_raise_protocol_error(name: str) -> None:
    path = BROKEN / name
    with pytest.raises(ProtocolError) as info:
        parse_file(path, source=f"_fehlerhaft/{name}", **registries())
    assert BROKEN_CASES[name] in info.value.message
    assert info.value.source == f"_fehlerhaft/{name}"
    assert name in str(info.value)
    assert not info.value.internal


def test_every_broken_fixture_is_checked() -> None:
    assert {p.name for p in BROKEN.iterdir()} == set(BROKEN_CASES)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ProtocolError, match="Datei nicht gefunden"):
        parse_file(tmp_path / "fehlt.md")


def test_encrypted_pdf_without_user_password_is_read(tmp_path: Path) -> None:
    """Owner-password-only PDFs (editing restricted) open without a password and are read."""
    from pypdf import PdfReader, PdfWriter

    source = FIXTURES / "regionales-netzwerk-nordheide" / "2024-02-20_protokoll.pdf"
    writer = PdfWriter()
    for page in PdfReader(source).pages:
        writer.add_page(page)
    writer.encrypt(user_password="", owner_password="nur-fuer-bearbeitung", algorithm="RC4-128")
    target = tmp_path / "geschuetzt.pdf"
    with open(target, "wb") as handle:
        writer.write(handle)
    assert parse_file(target, source="x.pdf", **registries()) == parse_file(source, source="x.pdf", **registries())
