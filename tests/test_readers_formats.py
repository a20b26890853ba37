"""Which types are read, which are refused with what to do, and that the build scans all of them."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
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
    ("ausdruck.xps", "ausdruck.xps: XPS-Dokument (.xps, Windows-Druckausgabe) wird nicht gelesen – bitte als PDF "
                     "drucken oder speichern"),
    ("alt.sxw", "alt.sxw: StarOffice/OpenOffice-1.x-Text (.sxw) wird nicht gelesen – bitte in LibreOffice öffnen und "
                "als .odt oder .docx speichern"),
    ("liste.xlsb", "liste.xlsb: Excel-Binärarbeitsmappe (.xlsb) wird nicht gelesen – bitte in Excel als .xlsx oder "
                   "CSV speichern"),
    ("postfach.pst", "postfach.pst: Outlook-Datendatei (.pst) wird nicht gelesen – bitte die einzelne E-Mail mit dem "
                     "Protokoll als .msg oder .eml speichern (in Outlook: Datei → Speichern unter)"),
    ("Protokoll.gdoc", "Protokoll.gdoc: Google-Docs-Verknüpfung (.gdoc) enthält kein Dokument – bitte in Google Docs "
                       "über Datei → Herunterladen als .docx oder PDF speichern"),
    ("ablauf.odg", "ablauf.odg: OpenDocument-Zeichnung (.odg) wird nicht gelesen – bitte in LibreOffice Draw als PDF "
                   "exportieren"),
    ("Protokoll.wbk", "Protokoll.wbk: Word-Sicherungskopie (.wbk) wird nicht gelesen – bitte das Originaldokument "
                      "(.docx) ablegen"),
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


MAIL = (b"From: Anna Berg <anna.berg@example.org>\r\nTo: ag-transfer@example.org\r\nSubject: Protokoll AG Transfer\r\n"
        b"Date: Tue, 04 Nov 2025 15:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Protokoll AG Transfer\r\nDatum: 04.11.2025\r\n")


def test_an_apple_mail_message_is_read_as_the_mail_it_holds(tmp_path: Path) -> None:
    """.emlx: the message's length in bytes, the message, then Apple Mail's property list (not read)."""
    path = tmp_path / "nachricht.emlx"
    path.write_bytes(f"{len(MAIL)}\n".encode() + MAIL + b'<?xml version="1.0"?><plist><dict/></plist>')
    document = read_document(path)
    assert (document.format, document.meta["subject"]) == ("eml", "Protokoll AG Transfer")
    assert [b.text for b in document.blocks] == ["Protokoll AG Transfer", "Datum: 04.11.2025"]
    path.write_bytes(MAIL)
    with pytest.raises(ProtocolError) as info:
        read_document(path, source="nachricht.emlx")
    assert str(info.value) == ("nachricht.emlx: keine gültige Apple-Mail-Datei (.emlx): erste Zeile ist keine "
                               "Längenangabe – bitte die E-Mail in Apple Mail als .eml sichern (Ablage → Sichern "
                               "unter → Rohformat)")


def test_an_outlook_template_and_an_opendocument_template_are_read(tmp_path: Path) -> None:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    from tests.fixtures.corpus.generators.msg_writer import Recipient, write_msg

    oft = tmp_path / "vorlage.oft"
    write_msg(oft, subject="Protokoll AG Transfer", body="Protokoll AG Transfer\r\nDatum: 04.11.2025\r\n",
              sender=("Anna Berg", "anna.berg@example.org"),
              recipients=[Recipient("Jonas Ried", "jonas.ried@example.org", 1)],
              sent=datetime(2025, 11, 4, 14, 0, tzinfo=UTC))
    assert [b.text for b in read_document(oft).blocks] == ["Protokoll AG Transfer", "Datum: 04.11.2025"]
    template = OpenDocumentText()
    template.text.addElement(P(text="Protokoll AG Transfer"))
    ott = tmp_path / "vorlage.ott"
    saved = io.BytesIO()
    template.write(saved)
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(ott, "w") as target:
        for entry in source.infolist():  # a template names its own mimetype
            part = source.read(entry)
            if entry.filename == "mimetype":
                part = b"application/vnd.oasis.opendocument.text-template"
            target.writestr(entry, part)
    assert [b.text for b in read_document(ott).blocks] == ["Protokoll AG Transfer"]
