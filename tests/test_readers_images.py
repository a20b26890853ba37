"""A photographed or scanned sign-in sheet (.png, .jpg, .tif, .heic) is read by OCR: its table keeps its columns,
so the parser finds who signed; limits are checked on the image header before anything is recognised."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from PIL import Image

from etl.cli import main
from etl.core.errors import ProtocolError
from etl.extract.child import TimedOut
from etl.extract.readers import ADVICE, SUFFIXES, read_document
from etl.extract.readers import image as image_reader
from etl.extract.safe_zip import MB
from etl.maintain.upload import PROTOCOL_FOLDER, check_upload
from tests.conftest import MASTER
from tests.fixtures.readers.hostile_office import huge_png, many_page_tiff
from tests.fixtures.readers.make_images import image_bytes, rotated_jpeg, sign_in_sheet

needs_ocr = pytest.mark.skipif(not image_reader.tesseract_available(), reason="tesseract-ocr-deu nicht installiert")

SHEET = [
    ("heading", "Teilnehmerliste Fachgruppe Handwerk", 1, None, 0),
    ("paragraph", "Datum: 14.05.2025", 3, None, 0),
    ("table", "Name | Organisation | Unterschrift\nAnna Becker | HWK Musterstadt | x\nJonas Weber | BAuA | x", 5,
     None, 1),
]


def _read(path: Path) -> tuple[str, str, list[str], list[tuple]]:
    document = read_document(path, source=path.name)
    return (document.kind, document.format, document.warnings,
            [(b.kind, b.text, b.line, b.page, b.header_rows) for b in document.blocks])


@needs_ocr
def test_a_photographed_sign_in_sheet_is_parsed_with_who_signed(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "teilnehmerliste.png"
    path.write_bytes(image_bytes(".png"))
    assert _read(path) == ("attendance_list", "png", ["Bild per Texterkennung (OCR) gelesen – bitte Namen prüfen"],
                           SHEET)
    assert main(["parse", str(path), "--source", str(MASTER), "--json"]) == 0
    parsed = json.loads(capsys.readouterr().out)
    assert (parsed["group"], parsed["date"], parsed["warnings"]) == (
        "Fachgruppe Handwerk", "2025-05-14", ["Bild per Texterkennung (OCR) gelesen – bitte Namen prüfen"])
    assert [(p["name"], p["organisation"], p["status"], p["line"]) for p in parsed["participants"]] == [
        ("Anna Becker", "HWK Musterstadt", "present", 6), ("Jonas Weber", "BAuA", "present", 7)]


@pytest.mark.slow
@needs_ocr
@pytest.mark.parametrize("suffix", [".jpg", ".tif", ".heic"])
def test_jpeg_tiff_and_heic_read_alike(suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"teilnehmerliste{suffix}"
    path.write_bytes(image_bytes(suffix))
    assert _read(path)[3] == SHEET


@pytest.mark.slow
@needs_ocr
def test_a_phone_photo_is_turned_upright_by_its_exif_orientation(tmp_path: Path) -> None:
    path = tmp_path / "foto.jpg"
    path.write_bytes(rotated_jpeg())
    assert _read(path)[3] == SHEET


@pytest.mark.slow
@needs_ocr
def test_each_page_of_a_multipage_tiff_is_read_with_its_page(tmp_path: Path) -> None:
    path = tmp_path / "scan.tif"
    path.write_bytes(image_bytes(".tif", sign_in_sheet(), save_all=True, append_images=[sign_in_sheet()]))
    _, _, warnings, blocks = _read(path)
    assert warnings == ["2 Seiten per Texterkennung (OCR) gelesen – bitte Namen prüfen"]
    assert [(b[0], b[2], b[3]) for b in blocks] == [("heading", 1, 1), ("paragraph", 3, 1), ("table", 5, 1),
                                                    ("paragraph", 8, 2), ("paragraph", 10, 2), ("table", 12, 2)]


def test_without_tesseract_the_image_is_refused_saying_what_is_missing(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(image_reader, "tesseract_available", lambda: False)
    path = tmp_path / "foto.jpg"
    path.write_bytes(image_bytes(".jpg"))
    with pytest.raises(ProtocolError) as info:
        read_document(path, source="foto.jpg")
    assert str(info.value) == ("foto.jpg: Bilddatei (.jpg) kann nur per Texterkennung gelesen werden, und die ist "
                               "nicht installiert (tesseract-ocr mit tesseract-ocr-deu) – bitte das Protokoll als "
                               "Text-PDF oder Word-Datei speichern")


def _no_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(image_reader, "run_guarded", lambda *a, **k: pytest.fail("OCR started"))


def _refused(path: Path) -> tuple[str, float]:
    started = time.perf_counter()
    with pytest.raises(ProtocolError) as info:
        read_document(path, source=path.name)
    return str(info.value), time.perf_counter() - started


def test_an_image_of_too_many_megapixels_is_refused_from_its_header(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _no_ocr(monkeypatch)
    path = tmp_path / "riesig.png"
    path.write_bytes(image_bytes(".png", Image.new("1", (8000, 6000), 1)))
    assert path.stat().st_size < 100_000
    message, _ = _refused(path)
    assert message == ("riesig.png: Bild mit 48 Megapixeln zu groß für die Texterkennung (höchstens 40 Megapixel) – "
                       "bitte mit 300 dpi neu scannen oder kleiner speichern")
    assert check_upload("riesig.png", path.read_bytes(), 20 * MB).reason == message.split(": ", 1)[1]


def test_a_declared_decompression_bomb_is_refused_without_decoding(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    _no_ocr(monkeypatch)
    message, _ = _refused(huge_png(tmp_path / "bombe.png"))
    assert message == ("bombe.png: Bild mit 400 Megapixeln zu groß für die Texterkennung (höchstens 40 Megapixel) – "
                       "bitte mit 300 dpi neu scannen oder kleiner speichern")


def test_a_tiff_with_more_pages_than_the_ocr_limit_is_refused(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    _no_ocr(monkeypatch)
    message, _ = _refused(many_page_tiff(tmp_path / "stapel.tif"))
    assert message == ("stapel.tif: Bilddatei mit 31 Seiten (Texterkennung für höchstens 30 Seiten) – bitte nur das "
                       "Protokoll scannen")


def test_ocr_that_runs_too_long_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def hang(*args: object, **kwargs: object) -> None:
        raise TimedOut

    monkeypatch.setattr(image_reader, "tesseract_available", lambda: True)
    monkeypatch.setattr(image_reader, "run_guarded", hang)
    path = tmp_path / "foto.png"
    path.write_bytes(image_bytes(".png"))
    message, _ = _refused(path)
    assert message == ("foto.png: Texterkennung (OCR) nach 120 s abgebrochen (Zeitlimit für 1 Seite(n)) – bitte als "
                       "Text-PDF oder Word-Datei speichern")


@pytest.mark.parametrize(("name", "data", "message"), [
    ("foto.jpg", image_bytes(".png"), "keine gültige JPEG-Bilddatei (.jpg): Inhalt ist ein PNG-Bild"),
    ("scan.tif", b"%PDF-1.7\n", "keine gültige TIFF-Bilddatei (.tif): Inhalt ist eine PDF-Datei"),
    ("foto.heic", b"\x00\x00\x00\x18ftypheic" + b"\x00" * 20,
     "Bilddatei (.heic) ist beschädigt und nicht lesbar"),
])
def test_content_that_is_not_the_image_its_suffix_says_is_refused(name: str, data: bytes, message: str,
                                                                  tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    refused, _ = _refused(path)
    assert refused.startswith(f"{name}: {message}")
    assert check_upload(name, data, 20 * MB).reason.startswith(message)


@pytest.mark.parametrize("suffix", [".png", ".jpg", ".jpeg", ".tif", ".tiff", ".heic"])
def test_images_are_read_not_refused_and_the_upload_takes_them(suffix: str) -> None:
    assert suffix in SUFFIXES and suffix not in ADVICE
    name = f"teilnehmerliste{suffix}"
    check = check_upload(name, image_bytes(suffix), 20 * MB)
    assert (check.accepted, check.reason, check.kind, check.target) == (True, "", suffix[1:], PROTOCOL_FOLDER / name)

