"""Office documents saved as XML another way: Word 2003 XML, Excel 2003 XML, flat OpenDocument (.fodt/.fods) and
Word's "Strict Open XML" .docx.

Each is read by its suite's reader into the one document model; what the root element says decides, so a Word
2003 XML file saved as .doc and an Excel 2003 XML list saved as .xls are read too; other XML is refused in German.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from etl.core.errors import ProtocolError
from etl.extract.readers import read_document
from etl.parse.file import parse_file
from tests.fixtures.readers.make_office_xml import (
    flat_ods,
    flat_odt,
    spreadsheet_xml,
    word_paragraph,
    word_table,
    word_xml,
)

# a tracked change: 'Raum 1' deleted, 'Videokonferenz' inserted; a comment that is no content
ORT = ('<w:p><w:r><w:t>Ort: </w:t></w:r>'
       '<aml:annotation aml:id="1" w:type="Word.Deletion"><aml:content><w:r><w:delText>Raum 1</w:delText></w:r>'
       '</aml:content></aml:annotation><aml:annotation aml:id="2" w:type="Word.Insertion"><aml:content>'
       '<w:r><w:t>Videokonferenz</w:t></w:r></aml:content></aml:annotation>'
       '<aml:annotation aml:id="3" w:type="Word.Comment" aml:author="Petra Lang"><aml:content><w:p><w:r>'
       '<w:t>Bitte prüfen</w:t></w:r></w:p></aml:content></aml:annotation></w:p>')
WORD_BODY = (word_paragraph("Protokoll der Fachgruppe Handwerk", "berschrift1")
             + word_paragraph("Datum: 04.11.2025, 10:00 bis 12:00 Uhr") + ORT
             + word_paragraph("Teilnehmende", "berschrift1")
             + word_table([["Name", "Organisation", "Status"], ["Anna Beck", "HWK Kassel", "anwesend"],
                           ["Jonas Ried", "BAuA", "entschuldigt"]])
             + word_paragraph("Tagesordnung", "berschrift1")
             + word_paragraph("Begrüßung", numbered=True) + word_paragraph("Jahresbericht", numbered=True))


def test_word_2003_xml_reads_headings_tables_lists_and_tracked_changes(tmp_path: Path) -> None:
    path = tmp_path / "protokoll.xml"
    path.write_bytes(word_xml(WORD_BODY))
    document = read_document(path, source="protokoll.xml")
    assert document.format == "xml"
    assert [(b.kind, b.text, b.line) for b in document.blocks] == [
        ("heading", "Protokoll der Fachgruppe Handwerk", 1),
        ("paragraph", "Datum: 04.11.2025, 10:00 bis 12:00 Uhr", 2),
        ("paragraph", "Ort: Videokonferenz", 3),
        ("heading", "Teilnehmende", 4),
        ("table", "Name | Organisation | Status\nAnna Beck | HWK Kassel | anwesend\nJonas Ried | BAuA | entschuldigt",
         5),
        ("heading", "Tagesordnung", 8),
        ("list_item", "Begrüßung", 9),
        ("list_item", "Jahresbericht", 10),
    ]
    assert document.meta == {"header": "Handwerkskammer Musterstadt", "title": "Protokoll", "creator": "Vorlage",
                             "comments": "Petra Lang: Bitte prüfen"}


def test_word_2003_xml_saved_as_doc_is_parsed_as_a_protocol(tmp_path: Path) -> None:
    path = tmp_path / "Protokoll_FG_Handwerk.doc"
    path.write_bytes(word_xml(WORD_BODY))
    parsed = parse_file(path)
    assert (parsed["date"], parsed["start"], parsed["end"], parsed["format"]) == ("2025-11-04", "10:00", "12:00",
                                                                                  "online")
    assert [(p["name"], p["organisation"], p["status"]) for p in parsed["participants"]] == [
        ("Anna Beck", "HWK Kassel", "present"), ("Jonas Ried", "BAuA", "excused")]
    assert parsed["agenda"] == ["Begrüßung", "Jahresbericht"]


def test_excel_2003_xml_list_reads_visible_sheet_with_german_dates(tmp_path: Path) -> None:
    path = tmp_path / "Anwesenheit.xls"
    path.write_bytes(spreadsheet_xml([
        ["Anwesenheitsliste Fachgruppe Handwerk", ("DateTime", "2025-11-04T00:00:00.000")],
        ["Beginn", ("DateTime", "1899-12-31T10:00:00.000")],
        [],
        ["Name", "Organisation", "anwesend"],
        ["Anna Beck", "HWK Kassel", "x"],
        ["Jonas Ried", "BAuA", ("Number", "1.0")],
    ]))
    document = read_document(path, source="Anwesenheit.xls")
    assert (document.format, document.kind) == ("xls", "attendance_list")  # named as the file is
    texts = [b.text for b in document.blocks]
    assert "Anwesenheitsliste Fachgruppe Handwerk | 04.11.2025\nBeginn | 10:00" in texts
    assert "Name | Organisation | anwesend\nAnna Beck | HWK Kassel | x\nJonas Ried | BAuA | 1" in texts
    assert document.warnings == ["ausgeblendetes Blatt „Alt“ nicht gelesen"]


def test_flat_opendocument_text_and_spreadsheet(tmp_path: Path) -> None:
    text = tmp_path / "protokoll.fodt"
    text.write_bytes(flat_odt('<text:h text:outline-level="1">Protokoll AG Transfer</text:h>'
                              "<text:p>Datum: 04.11.2025</text:p><text:p>Ort: Geschäftsstelle, Raum 2</text:p>"))
    document = read_document(text)
    assert document.format == "fodt"
    assert [(b.kind, b.text) for b in document.blocks] == [
        ("heading", "Protokoll AG Transfer"), ("paragraph", "Datum: 04.11.2025"),
        ("paragraph", "Ort: Geschäftsstelle, Raum 2")]
    assert document.meta == {"header": "Innung Musterstadt", "title": "Protokoll"}
    sheet = tmp_path / "liste.fods"
    sheet.write_bytes(flat_ods([["Name", "Status"], ["Anna Beck", "x"]]))
    listed = read_document(sheet)
    assert (listed.format, listed.kind, [b.text for b in listed.blocks]) == (
        "fods", "attendance_list", ["Name | Status\nAnna Beck | x"])


@pytest.mark.parametrize(("name", "data", "message"), [
    ("daten.xml", b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>',
     "daten.xml: XML-Datei ist kein Office-Dokument (Wurzelelement „rss“) – gelesen werden Word- und Excel-2003-XML "
     "und OpenDocument (flach); bitte als .docx, .odt, .xlsx oder PDF speichern"),
    ("kaputt.fodt", b"<office:document", "kaputt.fodt: beschädigte XML-Datei (.fodt): "),
    ("zeichnung.fodt", b'<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
     b'office:mimetype="application/vnd.oasis.opendocument.graphics"/>',
     "zeichnung.fodt: OpenDocument-Datei der Art „application/vnd.oasis.opendocument.graphics“ wird nicht gelesen – "
     "bitte als .docx, .odt, .xlsx oder PDF speichern"),
    ("text.xml", b"Protokoll vom 04.11.2025",
     "text.xml: keine XML-Datei (.xml): Inhalt beginnt nicht mit „<“ – bitte als .docx, .odt, .xlsx oder PDF "
     "speichern"),
])
def test_other_xml_is_refused_in_german(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ProtocolError) as info:
        read_document(path, source=name)
    assert str(info.value).startswith(message)


def test_entities_are_not_expanded(tmp_path: Path) -> None:
    """A DTD that defines entities (billion laughs, external files) is never expanded."""
    path = tmp_path / "boese.fodt"
    path.write_bytes(b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                     + flat_odt("<text:p>Datum: 04.11.2025 &x;</text:p>").split(b"?>", 1)[1])
    document = read_document(path)
    assert "root:" not in "".join(b.text for b in document.blocks)


def test_a_strict_open_xml_docx_is_read_like_a_transitional_one(tmp_path: Path) -> None:
    """Word's 'Strict Open XML-Dokument' names the same elements in the purl.oclc.org namespaces."""
    word = docx.Document()
    word.add_heading("Protokoll AG Transfer", level=1)
    word.add_paragraph("Datum: 04.11.2025")
    table = word.add_table(rows=2, cols=2)
    for row, values in zip(table.rows, (("Name", "Status"), ("Anna Beck", "anwesend")), strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    word.save(buffer)
    strict = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(strict, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item).replace(
                b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                b"http://purl.oclc.org/ooxml/wordprocessingml/main").replace(
                b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                b"http://purl.oclc.org/ooxml/officeDocument/relationships"))
    path = tmp_path / "streng.docx"
    path.write_bytes(strict.getvalue())
    assert [(b.kind, b.text) for b in read_document(path).blocks] == [
        ("heading", "Protokoll AG Transfer"), ("paragraph", "Datum: 04.11.2025"),
        ("table", "Name | Status\nAnna Beck | anwesend")]


ENEX = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE en-export SYSTEM "http://xml.evernote.com/pub/evernote-export4.dtd">'
        '<en-export export-date="20251105T080000Z" application="Evernote"><note><title>Protokoll AG Transfer</title>'
        '<content><![CDATA[<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE en-note SYSTEM '
        '"http://xml.evernote.com/pub/enml2.dtd"><en-note><div>Datum: 04.11.2025, 10:00 bis 12:00 Uhr</div>'
        '<div><b>Anwesend:</b> Anna Beck (HWK Kassel), Jonas Ried (BAuA)</div>'
        '<div><en-todo checked="true"/>Raum buchen</div><div><en-todo/>Einladung verschicken</div></en-note>]]>'
        "</content><created>20251104T120000Z</created></note></en-export>")


def test_an_evernote_note_is_read_as_a_page_and_a_notebook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notiz.enex"
    path.write_text(ENEX, encoding="utf-8")
    document = read_document(path)
    assert document.format == "enex" and document.meta["created"] == "20251104T120000Z"
    assert [b.text for b in document.blocks] == [
        "Protokoll AG Transfer", "Datum: 04.11.2025, 10:00 bis 12:00 Uhr",
        "Anwesend: Anna Beck (HWK Kassel), Jonas Ried (BAuA)", "☑ Raum buchen", "☐ Einladung verschicken"]
    path.write_text(ENEX.replace("</en-export>", "<note><title>Zweite</title><content/></note></en-export>"),
                    encoding="utf-8")
    with pytest.raises(ProtocolError) as info:
        read_document(path, source="notiz.enex")
    assert str(info.value) == ("notiz.enex: Evernote-Export (.enex) enthält 2 Notizen – eine Datei ist ein Protokoll: "
                               "bitte jede Notiz einzeln exportieren")
