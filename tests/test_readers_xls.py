"""Excel 97–2003 attendance lists (.xls) read like .xlsx: title and date lines, the marks table, hidden sheets
named; limits (size, rows, OLE entries) before xlrd parses a sheet; the upload takes an .xls as a protocol."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.cli import main
from etl.core.errors import ProtocolError
from etl.extract.readers import ADVICE, SUFFIXES, read_document
from etl.extract.readers import xls as xls_reader
from etl.extract.safe_zip import MB
from etl.maintain.upload import PROTOCOL_FOLDER, check_upload
from tests.conftest import MASTER
from tests.fixtures.readers.make_office import attendance_xlsx
from tests.fixtures.readers.make_xls import xls_bytes


def _write(tmp_path: Path, data: bytes, name: str = "teilnehmerliste.xls") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _refused(path: Path) -> str:
    with pytest.raises(ProtocolError) as info:
        read_document(path, source=path.name)
    return str(info.value)


def test_an_xls_attendance_list_reads_like_xlsx(tmp_path: Path) -> None:
    document = read_document(_write(tmp_path, xls_bytes()), source="teilnehmerliste.xls")
    assert (document.kind, document.format) == ("attendance_list", "xls")
    assert [(b.kind, b.text, b.line, b.header_rows) for b in document.blocks] == [
        ("heading", "Teilnehmerliste AG Transfer", 1, 0),
        ("paragraph", "Datum: 12.05.2025", 2, 0),
        ("table", "Name | Organisation | anwesend | entschuldigt\nAnna Becker | HWK Musterstadt | x | \n"
                  "Tom Krüger | SHK-Innung Nordstadt |  | x\nJonas Weber | BAuA | x | ", 4, 1)]
    assert document.warnings == ["ausgeblendetes Blatt „Vorlage“ nicht gelesen"]


def test_an_xls_list_is_parsed_with_present_and_excused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(_write(tmp_path, xls_bytes())), "--source", str(MASTER), "--json"]) == 0
    parsed = json.loads(capsys.readouterr().out)
    assert (parsed["group"], parsed["date"], parsed["warnings"]) == ("AG Transfer", "2025-05-12",
                                                                    ["ausgeblendetes Blatt „Vorlage“ nicht gelesen"])
    assert [(p["name"], p["organisation"], p["status"], p["line"]) for p in parsed["participants"]] == [
        ("Anna Becker", "HWK Musterstadt", "present", 5), ("Tom Krüger", "SHK-Innung Nordstadt", "excused", 6),
        ("Jonas Weber", "BAuA", "present", 7)]


def test_xls_is_read_not_refused() -> None:
    assert ".xls" in SUFFIXES and ".xls" not in ADVICE


def test_an_xlsx_saved_under_xls_is_refused_saying_what_it_is(tmp_path: Path) -> None:
    assert _refused(_write(tmp_path, attendance_xlsx())) == (
        "teilnehmerliste.xls: keine Excel-97–2003-Arbeitsmappe (.xls), sondern eine neuere Excel-Datei – bitte als "
        ".xlsx speichern (Endung ändern)")


def test_a_file_too_large_for_an_attendance_list_is_refused_before_parsing(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xls_reader, "MAX_XLS_BYTES", MB)
    monkeypatch.setattr(xls_reader, "check_ole_entries", lambda *a: pytest.fail("the OLE directory was read"))
    assert _refused(_write(tmp_path, xls_bytes() + b"\x00" * MB)) == (
        "teilnehmerliste.xls: Excel-97–2003-Arbeitsmappe (.xls) ist größer als 1 MB – keine Teilnehmerliste; bitte "
        "als .xlsx oder CSV speichern")


def test_more_rows_than_the_limit_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xls_reader, "MAX_CSV_ROWS", 5)
    assert _refused(_write(tmp_path, xls_bytes())) == (
        "teilnehmerliste.xls: Excel-Datei hat über 5 Zeilen – keine Teilnehmerliste")


def test_a_broken_xls_is_refused_with_a_german_message(tmp_path: Path) -> None:
    data = xls_bytes()
    message = _refused(_write(tmp_path, data[:1536]))
    assert message.startswith("teilnehmerliste.xls: Excel-97–2003-Arbeitsmappe (.xls) nicht lesbar: ")


def test_the_upload_takes_an_xls_and_refuses_an_xls_that_is_text() -> None:
    check = check_upload("liste.xls", xls_bytes(), 20 * MB)
    assert (check.accepted, check.reason, check.kind, check.target) == (True, "", "xls", PROTOCOL_FOLDER / "liste.xls")
    assert check_upload("liste.xls", b"Name;Organisation\n", 20 * MB).reason == (
        "Inhalt passt nicht zur Endung „.xls“: die Datei ist eine Textdatei")


def test_an_html_table_saved_as_xls_by_a_web_application_is_read_as_the_table(tmp_path: Path) -> None:
    """Registration portals export 'Excel' lists as an HTML table named .xls; Excel opens them, so do we."""
    path = tmp_path / "anmeldungen.xls"
    path.write_text("<html><head><meta charset='utf-8'></head><body><table><tr><th>Name</th><th>Organisation</th>"
                    "</tr><tr><td>Anna Beck</td><td>HWK Kassel</td></tr></table></body></html>", encoding="utf-8")
    document = read_document(path, source="anmeldungen.xls")
    assert [(b.kind, b.rows) for b in document.blocks] == [
        ("table", (("Name", "Organisation"), ("Anna Beck", "HWK Kassel")))]
