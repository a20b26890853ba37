"""Apple Numbers attendance lists (.numbers) read like .xlsx: title and date rows, checkbox and x marks; limits
on the package before numbers-parser unpacks it; the upload takes a .numbers file as a protocol."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from etl.cli import main
from etl.core.errors import ProtocolError
from etl.extract.readers import ADVICE, SUFFIXES, apple_numbers, read_document
from etl.extract.safe_zip import MB
from etl.maintain.upload import PROTOCOL_FOLDER, check_upload
from tests.conftest import MASTER
from tests.fixtures.readers.make_numbers import numbers_bytes
from tests.fixtures.readers.make_office import attendance_xlsx


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "teilnehmerliste.numbers"
    path.write_bytes(data)
    return path


def _refused(path: Path) -> str:
    with pytest.raises(ProtocolError) as info:
        read_document(path, source=path.name)
    return str(info.value)


def test_a_numbers_attendance_list_reads_like_xlsx(tmp_path: Path) -> None:
    document = read_document(_write(tmp_path, numbers_bytes()), source="teilnehmerliste.numbers")
    assert (document.kind, document.format, document.warnings) == ("attendance_list", "numbers", [])
    assert [(b.kind, b.text, b.line, b.header_rows) for b in document.blocks] == [
        ("heading", "Teilnehmerliste AG Transfer", 1, 0),
        ("paragraph", "Datum: 12.05.2025", 2, 0),
        ("table", "Name | Organisation | anwesend | entschuldigt\nAnna Becker | HWK Musterstadt | x | \n"
                  "Tom Krüger | SHK-Innung Nordstadt |  | x", 4, 1)]


def test_a_numbers_list_is_parsed_with_a_checkbox_as_present(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(_write(tmp_path, numbers_bytes())), "--source", str(MASTER), "--json"]) == 0
    parsed = json.loads(capsys.readouterr().out)
    assert (parsed["group"], parsed["date"], parsed["warnings"]) == ("AG Transfer", "2025-05-12", [])
    assert [(p["name"], p["organisation"], p["status"], p["line"]) for p in parsed["participants"]] == [
        ("Anna Becker", "HWK Musterstadt", "present", 5), ("Tom Krüger", "SHK-Innung Nordstadt", "excused", 6)]


def test_numbers_is_read_and_pages_still_refused_with_advice() -> None:
    assert ".numbers" in SUFFIXES and ".numbers" not in ADVICE and ".pages" in ADVICE


def test_a_zip_without_numbers_data_is_refused_saying_what_to_do(tmp_path: Path) -> None:
    assert _refused(_write(tmp_path, attendance_xlsx())) == (
        "teilnehmerliste.numbers: keine gültige Apple-Numbers-Tabelle (.numbers): keine Numbers-Daten (Index/*.iwa) "
        "im Paket – bitte in Numbers als .xlsx oder CSV exportieren")


def test_more_table_data_than_a_list_has_is_refused_before_unpacking(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(apple_numbers, "MAX_IWA_BYTES", MB)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("Index/Document.iwa", b"\x00" * (2 * MB))
    message = _refused(_write(tmp_path, buffer.getvalue()))
    assert message == ("teilnehmerliste.numbers: Apple-Numbers-Tabelle (.numbers) enthält 2 MB Tabellendaten "
                       "(höchstens 1 MB) – keine Teilnehmerliste; bitte als .xlsx oder CSV exportieren")
    assert check_upload("liste.numbers", buffer.getvalue(), 20 * MB).reason == message.split(": ", 1)[1]


def test_broken_numbers_data_is_refused_with_a_german_message(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Index/Document.iwa", b"kein IWA")
    assert _refused(_write(tmp_path, buffer.getvalue())).startswith(
        "teilnehmerliste.numbers: Apple-Numbers-Tabelle (.numbers) nicht lesbar: ")


def test_the_upload_takes_a_numbers_list_and_refuses_another_package_under_its_name() -> None:
    check = check_upload("liste.numbers", numbers_bytes(), 20 * MB)
    assert (check.accepted, check.reason, check.kind, check.target) == (
        True, "", "numbers", PROTOCOL_FOLDER / "liste.numbers")
    assert check_upload("liste.numbers", attendance_xlsx(), 20 * MB).reason == (
        "Inhalt passt nicht zur Endung „.numbers“: die Datei ist eine Excel-Arbeitsmappe (.xlsx)")
