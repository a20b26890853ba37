"""Word templates and files with macros (.docm, .dotx, .dotm, .xlsm) and the old Word template (.dot) are read
as the documents they are: the same package (or binary) as .docx/.xlsx/.doc; macros are never run or read."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from etl.cli import main
from etl.core.errors import ProtocolError
from etl.extract.readers import ADVICE, SUFFIXES, read_document
from etl.extract.safe_zip import MB
from etl.maintain.upload import PROTOCOL_FOLDER, check_upload
from tests.conftest import MASTER
from tests.fixtures.readers.hostile_files import element_docx
from tests.fixtures.readers.make_doc import doc_bytes
from tests.fixtures.readers.make_office import as_variant, attendance_xlsx, protocol_docx


def _blocks(path: Path) -> list[tuple]:
    document = read_document(path, source=path.name)
    return [(document.kind, document.format)] + [(b.kind, b.text, b.line, b.header_rows) for b in document.blocks]


WORD_BLOCKS = [
    ("heading", "Protokoll Fachgruppe Handwerk", 1, 0),
    ("paragraph", "Datum: 14.05.2025", 2, 0),
    ("heading", "Teilnehmende", 3, 0),
    ("table", "Name | Organisation | anwesend\nAnna Becker | HWK Musterstadt | x\nJonas Weber | BAuA | x", 4, 1),
    ("heading", "TOP 1 Ausbildung", 7, 0),
    ("paragraph", "Beschluss: Die Fachgruppe richtet einen Ausbildungstag aus.", 8, 0),
]


@pytest.mark.parametrize("suffix", [".docm", ".dotx", ".dotm"])
def test_word_templates_and_macro_documents_read_like_docx(suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"protokoll{suffix}"
    path.write_bytes(as_variant(protocol_docx(), suffix))
    assert _blocks(path) == [("protocol", suffix[1:]), *WORD_BLOCKS]


def test_the_macros_of_a_docm_are_never_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "protokoll.docm"
    path.write_bytes(as_variant(protocol_docx(), ".docm"))
    with zipfile.ZipFile(path) as archive:
        assert "word/vbaProject.bin" in archive.namelist()
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self: zipfile.ZipFile, name: str | zipfile.ZipInfo, *args: object, **kwargs: object):  # noqa: ANN202
        opened.append(name if isinstance(name, str) else name.filename)
        return real_open(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    read_document(path, source=path.name)
    assert "word/document.xml" in opened and "word/vbaProject.bin" not in opened


def test_a_dotx_protocol_is_parsed_with_its_participants_and_decision(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "protokoll.dotx"
    path.write_bytes(as_variant(protocol_docx(), ".dotx"))
    assert main(["parse", str(path), "--source", str(MASTER), "--json"]) == 0
    parsed = json.loads(capsys.readouterr().out)
    assert (parsed["group"], parsed["date"], parsed["agenda"]) == ("Fachgruppe Handwerk", "2025-05-14", ["Ausbildung"])
    assert [(p["name"], p["organisation"], p["status"], p["line"]) for p in parsed["participants"]] == [
        ("Anna Becker", "HWK Musterstadt", "present", 5), ("Jonas Weber", "BAuA", "present", 6)]
    assert [d["text"] for d in parsed["decisions"]] == ["Die Fachgruppe richtet einen Ausbildungstag aus."]
    assert parsed["warnings"] == []


def test_an_xlsm_attendance_list_reads_like_xlsx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "teilnehmerliste.xlsm"
    path.write_bytes(as_variant(attendance_xlsx(), ".xlsm"))
    assert _blocks(path) == [
        ("attendance_list", "xlsm"),
        ("heading", "Teilnehmerliste AG Transfer", 1, 0),
        ("paragraph", "Datum: 12.05.2025", 2, 0),
        ("table", "Name | Organisation | anwesend\nAnna Becker | HWK Musterstadt | x\n"
                  "Tom Krüger | SHK-Innung Nordstadt | x", 4, 1)]
    assert main(["parse", str(path), "--source", str(MASTER), "--json"]) == 0
    parsed = json.loads(capsys.readouterr().out)
    assert (parsed["group"], parsed["date"]) == ("AG Transfer", "2025-05-12")
    assert [(p["name"], p["organisation"], p["status"]) for p in parsed["participants"]] == [
        ("Anna Becker", "HWK Musterstadt", "present"), ("Tom Krüger", "SHK-Innung Nordstadt", "present")]


def test_an_old_word_template_dot_reads_like_doc(tmp_path: Path) -> None:
    path = tmp_path / "protokoll.dot"
    path.write_bytes(doc_bytes([("Protokoll Fachgruppe Handwerk\rDatum: 14.05.2025\r", True)]))
    document = read_document(path, source=path.name)
    assert [(b.kind, b.text, b.line) for b in document.blocks] == [
        ("heading", "Protokoll Fachgruppe Handwerk", 1), ("paragraph", "Datum: 14.05.2025", 2)]


def test_the_types_are_read_not_refused() -> None:
    for suffix in (".docm", ".dotx", ".dotm", ".dot", ".xlsm"):
        assert suffix in SUFFIXES and suffix not in ADVICE


def test_a_docm_with_a_million_xml_elements_is_refused_before_parsing(tmp_path: Path) -> None:
    path = element_docx(tmp_path / "bombe.docm", 1_000_000)
    with pytest.raises(ProtocolError) as info:
        read_document(path, source=path.name)
    assert str(info.value).startswith("bombe.docm: Word-Datei (.docx) enthält 1.000.")
    assert check_upload("bombe.docm", path.read_bytes(), 20 * MB).reason.startswith(
        "Word-Dokument mit Makros (.docm) enthält 1.000.")


@pytest.mark.parametrize(("name", "data"), [
    ("protokoll.docm", as_variant(protocol_docx(), ".docm")),
    ("protokoll.dotx", as_variant(protocol_docx(), ".dotx")),
    ("protokoll.dotm", as_variant(protocol_docx(), ".dotm")),
    ("protokoll.dot", doc_bytes([("Protokoll Fachgruppe Handwerk\rDatum: 14.05.2025\r", True)])),
    ("teilnehmerliste.xlsm", as_variant(attendance_xlsx(), ".xlsm")),
])
def test_uploads_of_these_types_are_protocols(name: str, data: bytes) -> None:
    check = check_upload(name, data, 20 * MB)
    assert (check.accepted, check.reason, check.kind, check.target) == (True, "", name.rsplit(".", 1)[1],
                                                                        PROTOCOL_FOLDER / name)


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("protokoll.docm", as_variant(attendance_xlsx(), ".xlsm"),
     "Inhalt passt nicht zur Endung „.docm“: die Datei ist eine Excel-Arbeitsmappe (.xlsx)"),
    ("liste.xlsm", as_variant(protocol_docx(), ".docm"),
     "Inhalt passt nicht zur Endung „.xlsm“: die Datei ist ein Word-Dokument (.docx)"),
    ("protokoll.dot", protocol_docx(),
     "Inhalt passt nicht zur Endung „.dot“: die Datei ist ein Word-Dokument (.docx)"),
])
def test_an_upload_whose_content_is_another_family_is_refused(name: str, data: bytes, reason: str) -> None:
    check = check_upload(name, data, 20 * MB)
    assert (check.accepted, check.reason) == (False, reason)
