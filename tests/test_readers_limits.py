"""Every reader refuses a hostile file before the expensive work: PDF pages and page size, OCR pages and
pixels, XML elements, MIME parts and depth, a read deadline; the OCR child dies with its parent.

The hostile files are built here, small: what they declare is what makes them expensive.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

from etl.core.errors import ProtocolError
from etl.extract import limits
from etl.extract.readers import image as image_reader
from etl.extract.readers import pdf as pdf_reader
from etl.extract.readers import read_document
from tests.fixtures.readers.hostile_files import (
    W_NS,
    blank_pdf,
    docx_bytes,
    element_docx,
    image_pdf,
    mail_bytes,
    parts_eml,
)
from tests.fixtures.readers.make_pdfs import scanned_pdf

ROOT = Path(__file__).resolve().parents[1]


def _refused(path: Path) -> tuple[str, float]:
    started = time.perf_counter()
    with pytest.raises(ProtocolError) as info:
        read_document(path, source=path.name)
    return str(info.value), time.perf_counter() - started


def test_a_pdf_of_2000_blank_pages_is_refused_by_its_page_count(tmp_path: Path) -> None:
    path = blank_pdf(tmp_path / "leer.pdf", 2000)
    assert path.stat().st_size < 300_000
    message, _ = _refused(path)
    assert message == ("leer.pdf: PDF hat 2000 Seiten (höchstens 300) – ein Protokoll ist kürzer; bitte nur das "
                       "Protokoll als eigene PDF speichern")


def test_blank_pages_are_not_sent_to_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """40 blank pages (within the page limit) hold nothing to recognise: refused at once, no OCR run."""
    monkeypatch.setattr(image_reader, "run_guarded", lambda *a, **k: pytest.fail("OCR started for blank pages"))
    message, _ = _refused(blank_pdf(tmp_path / "leer.pdf", 40))
    assert message == "leer.pdf: PDF enthält weder Text noch gescannte Seiten (alle Seiten leer)"


def test_a_page_larger_than_pdf_allows_is_refused(tmp_path: Path) -> None:
    message, _ = _refused(blank_pdf(tmp_path / "riesig.pdf", 1, size=20_000))
    assert message == ("riesig.pdf: Seite 1 ist 706 × 706 cm groß (größer, als PDF erlaubt) – bitte als gewöhnliche "
                       "PDF (A4) speichern")


def test_a_20000_pixel_scan_is_refused_before_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "ocr_available", lambda: True)
    monkeypatch.setattr(image_reader, "run_guarded", lambda *a, **k: pytest.fail("OCR started for a 400 MP page"))
    path = image_pdf(tmp_path / "scan.pdf", 1, 20_000)
    assert path.stat().st_size < 200_000
    message, seconds = _refused(path)
    assert message == ("scan.pdf: Seite 1: gescanntes Bild mit 400 Megapixeln (Texterkennung für höchstens 40) – "
                       "bitte mit 300 dpi neu scannen")
    assert seconds < 30  # not a timing assertion on speed: the old reader ran OCR for minutes


def test_more_scanned_pages_than_the_ocr_limit_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "ocr_available", lambda: True)
    monkeypatch.setattr(image_reader, "run_guarded", lambda *a, **k: pytest.fail("OCR started for 31 pages"))
    message, _ = _refused(image_pdf(tmp_path / "stapel.pdf", 31, 100))
    assert message == ("stapel.pdf: 31 gescannte Seiten ohne Textlayer (Texterkennung für höchstens 30 Seiten) – "
                       "bitte nur das Protokoll scannen oder als Text-PDF bzw. Word-Datei speichern")


def test_ocr_that_runs_too_long_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from etl.extract import child

    monkeypatch.setattr(pdf_reader, "ocr_available", lambda: True)
    monkeypatch.setattr(image_reader, "OCR_MAX_SECONDS", 1)
    monkeypatch.setattr(pdf_reader, "_RENDER_DPI", 50)  # a small page to prepare: the test is about the limit
    monkeypatch.setattr(image_reader, "run_guarded",
                        lambda command, timeout, **_: child.run_guarded(["sleep", "30"], timeout=timeout))
    scanned_pdf(tmp_path / "scan.pdf")  # a page with text: a blank one is never sent to OCR
    message, seconds = _refused(tmp_path / "scan.pdf")
    assert message == ("scan.pdf: Texterkennung (OCR) nach 1 s abgebrochen (Zeitlimit für 1 Seite(n)) – bitte als "
                       "Text-PDF oder Word-Datei speichern")
    assert seconds < 20


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie waiting for its reaper counts as ended
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def test_the_ocr_child_and_its_workers_end_when_the_parent_is_killed(tmp_path: Path) -> None:
    """The parent (a build) starts a guarded program that starts a worker of its own; killing the parent with
    SIGKILL (no clean-up code runs) ends both."""
    pids = tmp_path / "pids"
    parent = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from etl.extract.child import run_guarded
        run_guarded(["sh", "-c", "sleep 300 & echo $$ $! > {pids}; wait"], timeout=600)
    """)
    process = subprocess.Popen([sys.executable, "-c", parent])
    try:
        for _ in range(200):
            if pids.exists() and len(pids.read_text().split()) == 2:
                break
            time.sleep(0.05)
        shell, worker = (int(pid) for pid in pids.read_text().split())
        assert _alive(shell) and _alive(worker)
        process.send_signal(signal.SIGKILL)
        process.wait()
        for _ in range(100):
            if not _alive(shell) and not _alive(worker):
                break
            time.sleep(0.05)
        assert (_alive(shell), _alive(worker)) == (False, False)
    finally:
        process.kill()


def test_a_docx_with_too_many_xml_elements_is_refused_before_parsing(tmp_path: Path) -> None:
    """Within the ZIP limits (6 MB of XML, stored), but 1 million elements: took 49 s and 570 MB to read before."""
    message, seconds = _refused(element_docx(tmp_path / "elemente.docx", 1_000_000))
    assert message == ("elemente.docx: Word-Datei (.docx) enthält 1.000.003 XML-Elemente (höchstens 400.000) – so "
                       "viel Struktur hat kein Protokoll; bitte als PDF oder neu gespeichert hochladen")
    assert seconds < 30


def test_an_odt_with_too_many_xml_elements_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", b"<o:document-content xmlns:o='o' xmlns:t='t'><t:p/>"
                         + b"<t:span/>" * 500_000 + b"</o:document-content>")
    path = tmp_path / "elemente.odt"
    path.write_bytes(buffer.getvalue())
    message, _ = _refused(path)
    assert message.startswith("elemente.odt: OpenDocument-Datei (.odt) enthält 500.002 XML-Elemente")


def test_a_web_page_with_too_many_elements_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "seite.html"
    path.write_bytes(b"<html><body>" + b"<div></div>" * 450_000 + b"</body></html>")
    message, _ = _refused(path)
    assert message.startswith("seite.html: Webseite (.html) enthält 450.002 XML-Elemente (höchstens 400.000)")


def test_the_read_deadline_stops_a_long_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "READ_SECONDS", 0.0)
    body = f"<w:document {W_NS}><w:body>".encode() + b"<w:p><w:r><w:t>Protokoll</w:t></w:r></w:p>" * 10 + \
        b"</w:body></w:document>"
    path = tmp_path / "p.docx"
    path.write_bytes(docx_bytes(body))
    message, _ = _refused(path)
    assert message == ("p.docx: Lesen der Word-Datei nach 0 s abgebrochen (Zeitlimit) – bitte die Datei prüfen oder "
                       "als PDF bzw. DOCX neu speichern")


def test_an_email_with_50000_mime_parts_is_refused_before_parsing(tmp_path: Path) -> None:
    message, seconds = _refused(parts_eml(tmp_path / "teile.eml", 50_000))
    assert message == ("teile.eml: E-Mail-Datei (.eml) enthält über 500 MIME-Teile – keine gewöhnliche Nachricht; "
                       "bitte das Protokoll als Anhang einzeln speichern")
    assert seconds < 10


def test_an_email_nested_too_deep_is_refused(tmp_path: Path) -> None:
    body = "Protokoll der Sitzung\n"
    for depth in range(15):
        body = (f'Content-Type: multipart/mixed; boundary="b{depth}"\n\n--b{depth}\n{body}\n--b{depth}--\n')
    path = tmp_path / "tief.eml"
    path.write_bytes(mail_bytes(body))
    message, _ = _refused(path)
    assert message == ("tief.eml: E-Mail-Datei (.eml) ist mehr als 10 Ebenen tief verschachtelt – keine gewöhnliche "
                       "Nachricht; bitte das Protokoll als Anhang einzeln speichern")


def test_an_outlook_file_with_too_many_entries_is_refused_from_its_directory(tmp_path: Path) -> None:
    from tests.fixtures.corpus.generators.msg_writer import Node, compound_file

    streams = [Node(f"__substg1.0_{index:04X}001F", b"x" * 10) for index in range(12_000)]
    path = tmp_path / "viele.msg"
    path.write_bytes(compound_file(Node("Root Entry", children=streams)))
    message, _ = _refused(path)
    assert message == ("viele.msg: Outlook-Nachricht (.msg) enthält 12004 Einträge (höchstens 10000) – keine "
                       "gewöhnliche Datei; bitte das Protokoll einzeln als PDF oder DOCX speichern")
