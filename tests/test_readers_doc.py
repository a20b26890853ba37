"""Word 97–2003 protocols (.doc) -> paragraphs and tables from the piece table; RTF or HTML saved as .doc too."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.core.errors import ProtocolError
from etl.extract.readers import read_document
from tests.fixtures.readers.make_doc import doc_bytes, write_doc

# Word's marks: \r ends a paragraph, \x07 a table cell (and, after the last cell, the row), \x0b is a manual
# line break, \x13 code \x14 result \x15 a field.
TEXT = ("Protokoll der Fachgruppe Fachkräftesicherung\r"
        "Datum: \x13 DATE \\@ \"dd.MM.yyyy\" \x1408.07.2025\x15\r"
        "\r"
        "Teilnehmende\r"
        "Name\x07Organisation\x07Status\x07\x07"
        "Hannelore Voß\x07Agentur für Arbeit\x07anwesend\x07\x07"
        "Dr. Emre Şahin\rLeitung\x07\x07entschuldigt\x07\x07"
        "Beschluss: Die Gruppe trifft sich\x0bviermal im Jahr.\r")


def test_doc_paragraphs_fields_and_a_table(tmp_path: Path) -> None:
    """Two pieces, one stored as cp1252 and one as UTF-16 (Word mixes both once a character needs it)."""
    path = write_doc(tmp_path / "protokoll.doc", [(TEXT[:120], True), (TEXT[120:], False)])
    document = read_document(path, source="protokoll.doc")
    assert document.format == "doc"
    assert [(b.kind, b.text, b.line, b.header_rows) for b in document.blocks] == [
        ("heading", "Protokoll der Fachgruppe Fachkräftesicherung", 1, 0),
        ("paragraph", "Datum: 08.07.2025", 2, 0),
        ("heading", "Teilnehmende", 4, 0),
        ("table", "Name | Organisation | Status\nHannelore Voß | Agentur für Arbeit | anwesend\n"
                  "Dr. Emre Şahin / Leitung |  | entschuldigt", 5, 1),
        ("paragraph", "Beschluss: Die Gruppe trifft sich\nviermal im Jahr.", 8, 0),
    ]
    assert document.blocks[3].rows[2] == ("Dr. Emre Şahin\nLeitung", "", "entschuldigt")


def test_rtf_saved_as_doc_is_read_as_rtf(tmp_path: Path) -> None:
    path = tmp_path / "alt.doc"
    path.write_text(r"{\rtf1\ansi Protokoll\par Datum: 01.02.2025\par}", encoding="ascii")
    assert [b.text for b in read_document(path).blocks] == ["Protokoll", "Datum: 01.02.2025"]


def test_encrypted_doc_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "geheim.doc"
    path.write_bytes(doc_bytes([("Protokoll\r", True)], encrypted=True))
    with pytest.raises(ProtocolError) as info:
        read_document(path, source="geheim.doc")
    assert str(info.value) == ("geheim.doc: Word-Datei ist verschlüsselt (Kennwortschutz) – bitte ohne Kennwort "
                               "speichern")


def test_other_ole_file_as_doc_is_refused(tmp_path: Path) -> None:
    from tests.fixtures.corpus.generators.msg_writer import Node, compound_file

    path = tmp_path / "tabelle.doc"
    path.write_bytes(compound_file(Node("Root Entry", children=[Node("Workbook", b"\x09\x08" * 300)])))
    with pytest.raises(ProtocolError) as info:
        read_document(path, source="tabelle.doc")
    assert str(info.value) == ("tabelle.doc: keine Word-97–2003-Datei (.doc): der Teil „WordDocument“ fehlt – bitte "
                               "in Word als .docx oder als PDF speichern")


def test_a_broken_doc_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "kaputt.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0 abgeschnitten")
    with pytest.raises(ProtocolError) as info:
        read_document(path, source="kaputt.doc")
    assert str(info.value).startswith("kaputt.doc: beschädigte Word-97–2003-Datei (.doc): ")
    assert str(info.value).endswith(" – bitte in Word als .docx oder als PDF speichern")


def test_a_wiki_page_exported_to_word_as_mime_html_is_read(tmp_path: Path) -> None:
    """Confluence's 'Export → Word' writes the page as MIME HTML under .doc."""
    html = ("<html><body><h1>Besprechungsnotizen 2025-02-04</h1><p>Datum: 04.02.2025</p>"
            "<h2>Teilnehmer</h2><ul><li>Jörg Menzel</li><li>Beate Kühn</li></ul></body></html>")
    mime = ("Date: Tue, 4 Feb 2025 12:00:00 +0000 (UTC)\nMessage-ID: <1@wiki.example>\nSubject: Exported From "
            "Confluence\nMIME-Version: 1.0\nContent-Type: multipart/related;\n\tboundary=\"----=_Part_1\"\n\n"
            "------=_Part_1\nContent-Type: text/html; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n"
            "Content-Location: file:///C:/exported.html\n\n" + html.replace("=", "=3D") + "\n------=_Part_1--\n")
    path = tmp_path / "besprechung.doc"
    path.write_text(mime, encoding="utf-8")
    document = read_document(path, source="besprechung.doc")
    assert document.format == "doc"
    assert [b.text for b in document.blocks] == ["Besprechungsnotizen 2025-02-04", "Datum: 04.02.2025", "Teilnehmer",
                                                 "Jörg Menzel", "Beate Kühn"]
