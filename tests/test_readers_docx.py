"""Word protocols -> blocks: document order, styles, automatic numbering, merged and nested tables, headers apart."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml

from etl.core.errors import ProtocolError
from etl.extract.readers import read_document
from tests.readers_shape import shapes

BROKEN = Path(__file__).resolve().parent / "fixtures" / "protokolle" / "_fehlerhaft"
_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
       'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')


def P(text, line, lines=()):  # noqa: N802 - short constructors keep the expected sequences readable
    return ("paragraph", text, line, None, 0, "", lines, (), 0)


def H(text, line, level):  # noqa: N802
    return ("heading", text, line, None, level, "", (), (), 0)


def L(text, line, marker, level=0):  # noqa: N802
    return ("list_item", text, line, None, level, marker, (), (), 0)


def T(rows, line, header_rows):  # noqa: N802
    text = "\n".join(" | ".join(cell.replace("\n", " / ") for cell in row) for row in rows)
    return ("table", text, line, None, 0, "", (), tuple(tuple(r) for r in rows), header_rows)


def _protocol(path: Path) -> None:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Netzwerk Arbeit – Protokoll Koordinierungsteam\tStand: 20.01.2023"
    section.footer.paragraphs[0].text = "Seite 1 von 1"
    document.add_paragraph("Protokoll Koordinierungsteam", style="Title")
    document.add_paragraph("Datum: 17.01.2023")
    excused = document.add_paragraph("Entschuldigt:")
    excused.runs[0].add_break()
    excused.add_run("Svenja Holtkamp (HWK Musterstadt)")
    excused.runs[-1].add_break()
    excused.add_run("Rainer Voss (LIM)")
    document.add_heading("Teilnehmende", level=1)
    table = document.add_table(rows=4, cols=4)
    for row, values in zip(table.rows, [("Name", "Organisation", "anwesend", "entschuldigt"),
                                        ("Anna Becker", "BAuA", "x", ""), ("Peter Nowak", "itb", "", "x"),
                                        ("Julia Seidel", "ZDH", "", "")], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    for cell in table.rows[0].cells:
        cell.paragraphs[0].runs[0].bold = True
    merged = table.cell(3, 2).merge(table.cell(3, 3))  # gridSpan: python-docx repeats the cell
    merged.text = "online"
    tall = table.cell(1, 1).merge(table.cell(2, 1))  # vMerge over two rows
    tall.text = "BAuA"
    nested = table.cell(3, 1).add_table(rows=1, cols=2)
    nested.cell(0, 0).text = "Unterorganisation"
    nested.cell(0, 1).text = "Referat 3"
    document.add_heading("Tagesordnung", level=2)
    for item in ("Begrüßung", "Bericht"):
        document.add_paragraph(item, style="List Number")
    document.add_paragraph("Unterpunkt", style="List Number 2")
    document.add_paragraph("Verschiedenes", style="List Number")
    document.add_paragraph("Folien verschicken", style="List Bullet")
    document.add_paragraph("Eingerückter Hinweis ohne Nummer", style="List Paragraph")
    bold = document.add_paragraph()
    bold.add_run("Beschlüsse und Ergebnisse").bold = True
    document.add_paragraph("Der Leitfaden wird veröffentlicht.")
    localised = document.styles.add_style("Überschrift 3", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Nächste Schritte", style=localised)
    tracked = document.add_paragraph("Frau Becker ")
    tracked._p.append(parse_xml(f'<w:del {_NS} w:id="1" w:author="x"><w:r><w:delText>nicht </w:delText></w:r>'
                                '</w:del>'))
    tracked._p.append(parse_xml(f'<w:r {_NS}><w:rPr><w:vanish/></w:rPr><w:t>versteckt </w:t></w:r>'))
    tracked.add_run("verschickt die Einladung.")
    box = document.add_paragraph("Siehe Kasten.")
    box._p.append(parse_xml(
        f'<w:r {_NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
        '<w:p><w:r><w:t>Hinweis im Textfeld</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>'
        '<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Hinweis im Textfeld</w:t></w:r></w:p>'
        '</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>'))
    document.add_paragraph("Seite 1 von 1")
    document.save(path)


def test_docx_blocks_in_document_order(tmp_path: Path) -> None:
    path = tmp_path / "protokoll.docx"
    _protocol(path)
    document = read_document(path, source="protokoll.docx")
    assert document.format == "docx" and document.warnings == []
    assert document.meta["header"] == "Netzwerk Arbeit – Protokoll Koordinierungsteam | Stand: 20.01.2023"
    assert "footer" not in document.meta  # only a page number
    assert shapes(document.blocks) == [
        H("Protokoll Koordinierungsteam", 1, 1),
        P("Datum: 17.01.2023", 2),
        P("Entschuldigt:", 3),
        P("Svenja Holtkamp (HWK Musterstadt)", 4),
        P("Rainer Voss (LIM)", 5),
        H("Teilnehmende", 6, 1),
        T([("Name", "Organisation", "anwesend", "entschuldigt"), ("Anna Becker", "BAuA", "x", ""),
           ("Peter Nowak", "", "", "x"), ("Julia Seidel", "ZDH", "online", "")], 7, 1),
        T([("Unterorganisation", "Referat 3")], 11, 0),
        H("Tagesordnung", 12, 2),
        L("Begrüßung", 13, "1."), L("Bericht", 14, "2."), L("Unterpunkt", 15, "1.", level=1),
        L("Verschiedenes", 16, "3."), L("Folien verschicken", 17, "•"),
        L("Eingerückter Hinweis ohne Nummer", 18, ""),
        H("Beschlüsse und Ergebnisse", 19, 6),
        P("Der Leitfaden wird veröffentlicht.", 20),
        H("Nächste Schritte", 21, 3),
        P("Frau Becker verschickt die Einladung.", 22),
        P("Siehe Kasten.", 23),
        P("Hinweis im Textfeld", 24),
    ]
    participants = document.blocks[6]
    assert participants.row_lines == (7, 8, 9, 10)


def test_tblheader_rows_are_header_rows(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for row, values in zip(table.rows, [("Wer", "Was", "Bis wann"), ("Anna Becker", "Entwurf", "31.01.2024"),
                                        ("Peter Nowak", "Termin", "")], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {_NS}/>'))
    path = tmp_path / "aufgaben.docx"
    document.save(path)
    blocks = read_document(path).blocks
    assert shapes(blocks) == [T([("Wer", "Was", "Bis wann"), ("Anna Becker", "Entwurf", "31.01.2024"),
                                 ("Peter Nowak", "Termin", "")], 1, 1)]


def test_empty_paragraphs_count_as_lines(tmp_path: Path) -> None:
    """Empty paragraphs are lines but no blocks (speed for 80,000 of them: benchmarks/bench_readers.py)."""
    document = docx.Document()
    document.add_paragraph("Protokoll")
    last = document.element.body[-1]  # the section properties stay last
    for _ in range(2_000):
        last.addprevious(parse_xml(f"<w:p {_NS}/>"))
    document.add_paragraph("Datum: 01.02.2023")
    path = tmp_path / "leer.docx"
    document.save(path)
    blocks = read_document(path).blocks
    assert [(b.kind, b.text, b.line) for b in blocks] == [("heading", "Protokoll", 1),
                                                          ("paragraph", "Datum: 01.02.2023", 2_002)]


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_xml_beyond_the_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    body = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' + \
        b"<w:p/>" * (31 * 1024 * 1024 // 6) + b"</w:body></w:document>"
    path = tmp_path / "riesig.docx"
    path.write_bytes(_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": body}))
    with pytest.raises(ProtocolError) as info:
        read_document(path, source="riesig.docx")
    assert str(info.value) == ("riesig.docx: Word-Datei (.docx) abgelehnt: Eintrag „word/document.xml“ ergäbe "
                               "entpackt 31 MB (erlaubt: höchstens 30 MB) – zu groß zum Lesen")


def test_upload_check_refuses_the_same_xml_before_parsing() -> None:
    """The upload check (Daten page) holds a .docx to the same 30 MB per XML part as the reader."""
    from etl.maintain.upload import check_upload

    body = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' + \
        b"<w:p/>" * (31 * 1024 * 1024 // 6) + b"</w:body></w:document>"
    data = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": body})
    check = check_upload("riesig.docx", data, 200 * 1024 * 1024)
    assert (check.accepted, check.reason) == (False, "Eintrag „word/document.xml“ ergäbe entpackt 31 MB (erlaubt: "
                                                     "höchstens 30 MB) – zu groß zum Lesen")


def test_entities_are_not_expanded(tmp_path: Path) -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            b"<w:p><w:r><w:t>Protokoll &b;</w:t></w:r></w:p></w:body></w:document>")
    path = tmp_path / "entitaeten.docx"
    path.write_bytes(_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": bomb}))
    blocks = read_document(path).blocks
    assert "aaaaaaaaaa" not in " ".join(b.text for b in blocks)


@pytest.mark.parametrize(("name", "message"), [
    ("abgeschnitten.docx", "_fehlerhaft/abgeschnitten.docx: Word-Datei (.docx) abgelehnt: kein gültiges ZIP-Archiv"),
    ("pdf_als_docx.docx", "_fehlerhaft/pdf_als_docx.docx: keine gültige Word-Datei (.docx): Inhalt ist eine "
                          "PDF-Datei"),
])
def test_broken_docx(name: str, message: str) -> None:
    with pytest.raises(ProtocolError) as info:
        read_document(BROKEN / name, source=f"_fehlerhaft/{name}")
    assert str(info.value).startswith(message)


def test_zip_without_document_part(tmp_path: Path) -> None:
    path = tmp_path / "tabelle.docx"
    path.write_bytes(_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}))
    with pytest.raises(ProtocolError, match="tabelle.docx: keine gültige Word-Datei \\(.docx\\): der Hauptteil "
                                            "word/document.xml fehlt"):
        read_document(path, source="tabelle.docx")


def test_password_protected_docx(tmp_path: Path) -> None:
    """Word writes a protected .docx as an OLE compound file with an 'EncryptedPackage' stream."""
    path = tmp_path / "geschuetzt.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(ProtocolError) as info:
        read_document(path, source="geschuetzt.docx")
    assert str(info.value) == ("geschuetzt.docx: Word-Datei ist verschlüsselt (Kennwortschutz) – bitte ohne "
                               "Kennwort speichern")


def test_symbol_marks_in_an_attendance_table(tmp_path: Path) -> None:
    """Ticks inserted as Wingdings symbols (w:sym) are marks the parser can read, not empty cells."""
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for row, values in zip(table.rows, [("Name", "anwesend", "entschuldigt"), ("Anna Becker", "", ""),
                                        ("Peter Nowak", "", "")], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    for row, column, char in ((1, 1, "F0FC"), (2, 2, "F078")):
        run = table.cell(row, column).paragraphs[0].add_run()
        run._r.append(parse_xml(f'<w:sym {_NS} w:font="Wingdings" w:char="{char}"/>'))
    path = tmp_path / "haken.docx"
    document.save(path)
    [block] = read_document(path).blocks
    assert (block.rows, block.header_rows) == (
        (("Name", "anwesend", "entschuldigt"), ("Anna Becker", "✓", ""), ("Peter Nowak", "", "☒")), 1)


def test_tracked_changes_count_as_accepted_and_comments_are_kept_apart(tmp_path: Path) -> None:
    """Deleted text (w:del) never counts, inserted text (w:ins) does; comments go to meta, never into the body."""
    body = (f'<w:document {_NS}><w:body>'
            "<w:p><w:r><w:t>Teilnehmende: Lore Bachmann, </w:t></w:r>"
            '<w:del w:id="1" w:author="Sekretariat"><w:r><w:delText>Gunnar Ploog, </w:delText></w:r></w:del>'
            '<w:ins w:id="2" w:author="Sekretariat"><w:r><w:t>Mira Olsen, </w:t></w:r></w:ins>'
            '<w:r><w:t>Timo Gerdes</w:t></w:r><w:commentRangeStart w:id="0"/>'
            '<w:r><w:commentReference w:id="0"/></w:r></w:p>'
            '<w:p><w:moveFrom w:id="3" w:author="S"><w:r><w:t>Verschoben weg</w:t></w:r></w:moveFrom>'
            '<w:r><w:t>Datum: 02.06.2025</w:t></w:r></w:p>'
            "</w:body></w:document>").encode()
    comments = (f'<w:comments {_NS}><w:comment w:id="0" w:author="Lore Bachmann"><w:p><w:r>'
                "<w:t>Herr Ploog war doch entschuldigt.</w:t></w:r></w:p></w:comment></w:comments>").encode()
    rels = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'comments" Target="comments.xml"/></Relationships>')
    path = tmp_path / "aenderungen.docx"
    path.write_bytes(_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": body,
                           "word/_rels/document.xml.rels": rels, "word/comments.xml": comments}))
    document = read_document(path, source="aenderungen.docx")
    assert [b.text for b in document.blocks] == ["Teilnehmende: Lore Bachmann, Mira Olsen, Timo Gerdes",
                                                 "Datum: 02.06.2025"]
    assert document.meta == {"comments": "Lore Bachmann: Herr Ploog war doch entschuldigt."}
