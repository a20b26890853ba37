"""OpenDocument protocols -> blocks: headings, nested numbered lists, header rows, spanned cells, footer apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from odf.opendocument import OpenDocumentText
from odf.style import (
    Footer,
    ListLevelProperties,
    MasterPage,
    PageLayout,
    Style,
    TextProperties,
)
from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import (
    H,
    LineBreak,
    List,
    ListItem,
    ListLevelStyleBullet,
    ListLevelStyleNumber,
    ListStyle,
    Note,
    NoteBody,
    NoteCitation,
    P,
    S,
    Section,
    Span,
)

from etl.core.errors import ProtocolError
from etl.extract.readers import read_document
from tests.readers_shape import shapes


def B(kind, text, line, level=0, marker="", rows=(), header_rows=0):  # noqa: N802
    return (kind, text, line, None, level, marker, (), rows, header_rows)


def _cell(text: str, **kwargs: object) -> TableCell:
    cell = TableCell(**kwargs)
    cell.addElement(P(text=text))
    return cell


def _protocol(path: Path) -> None:
    doc = OpenDocumentText()
    layout = PageLayout(name="A4")
    doc.automaticstyles.addElement(layout)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    footer = Footer()
    footer.addElement(P(text="Geschäftsstelle Netzwerk · Seite 1"))
    master.addElement(footer)
    doc.masterstyles.addElement(master)
    bold = Style(name="Fett", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(bold)
    numbered = ListStyle(name="Nummern")
    for level, (fmt, suffix) in enumerate((("1", "."), ("a", ")")), start=1):
        style = ListLevelStyleNumber(level=level, numformat=fmt, numsuffix=suffix)
        style.addElement(ListLevelProperties())
        numbered.addElement(style)
    doc.automaticstyles.addElement(numbered)
    bullets = ListStyle(name="Punkte")
    bullets.addElement(ListLevelStyleBullet(level=1, bulletchar="–"))
    doc.automaticstyles.addElement(bullets)

    doc.text.addElement(H(outlinelevel=1, text="Protokoll AG Transfer"))
    fields = P(text="Datum: 08.02.2021")
    fields.addElement(LineBreak())
    fields.addText("Ort: Telefonkonferenz")
    doc.text.addElement(fields)
    spaced = P(text="Zeit:")
    spaced.addElement(S(c=3))
    spaced.addText("13:00 Uhr")
    doc.text.addElement(spaced)
    doc.text.addElement(H(outlinelevel=2, text="Teilnehmende"))
    table = Table(name="Teilnehmende")
    table.addElement(TableColumn(numbercolumnsrepeated=3))
    head = TableHeaderRows()
    row = TableRow()
    for text in ("Name", "Organisation", "Teilnahme"):
        row.addElement(_cell(text))
    head.addElement(row)
    table.addElement(head)
    for values in (("Gerda Brinkmann", "RKW", "vor Ort"), ("Dr. Holger Pape", "BAuA", "online")):
        row = TableRow()
        for text in values:
            row.addElement(_cell(text))
        table.addElement(row)
    row = TableRow()
    row.addElement(_cell("Volker Tiedemann"))
    row.addElement(_cell("ZDH, entschuldigt", numbercolumnsspanned=2))
    row.addElement(CoveredTableCell())
    table.addElement(row)
    doc.text.addElement(table)
    doc.text.addElement(H(outlinelevel=2, text="Tagesordnung"))
    agenda = List(stylename="Nummern")
    for text, children in (("Begrüßung", ()), ("Berichte", ("aus den Fachgruppen", "aus den Regionen")),
                           ("Verschiedenes", ())):
        item = ListItem()
        item.addElement(P(text=text))
        if children:
            inner = List()
            for child in children:
                sub = ListItem()
                sub.addElement(P(text=child))
                inner.addElement(sub)
            item.addElement(inner)
        agenda.addElement(item)
    doc.text.addElement(agenda)
    section = Section(name="Ergebnisse")
    heading = P()
    heading.addElement(Span(stylename=bold, text="Beschlüsse"))
    section.addElement(heading)
    decision = P(text="Die AG beschließt den Leitfaden.")
    note = Note(noteclass="footnote", id="n1")
    note.addElement(NoteCitation(text="1"))
    body = NoteBody()
    body.addElement(P(text="Fußnote, kein Inhalt"))
    note.addElement(body)
    decision.addElement(note)
    section.addElement(decision)
    tasks = List(stylename="Punkte")
    for text in ("Frau Brinkmann: Vorlage erstellen", "Herr Dr. Pape: Schreiben verschicken"):
        item = ListItem()
        item.addElement(P(text=text))
        tasks.addElement(item)
    section.addElement(tasks)
    doc.text.addElement(section)
    doc.save(str(path))


def test_odt_blocks_in_document_order(tmp_path: Path) -> None:
    path = tmp_path / "protokoll.odt"
    _protocol(path)
    document = read_document(path, source="protokoll.odt")
    assert document.format == "odt" and document.warnings == []
    assert document.meta["footer"] == "Geschäftsstelle Netzwerk · Seite 1"
    participants = (("Name", "Organisation", "Teilnahme"), ("Gerda Brinkmann", "RKW", "vor Ort"),
                    ("Dr. Holger Pape", "BAuA", "online"), ("Volker Tiedemann", "ZDH, entschuldigt", ""))
    assert shapes(document.blocks) == [
        B("heading", "Protokoll AG Transfer", 1, level=1),
        B("paragraph", "Datum: 08.02.2021", 2),
        B("paragraph", "Ort: Telefonkonferenz", 3),
        B("paragraph", "Zeit: 13:00 Uhr", 4),
        B("heading", "Teilnehmende", 5, level=2),
        B("table", "\n".join(" | ".join(r) for r in participants), 6, rows=participants, header_rows=1),
        B("heading", "Tagesordnung", 10, level=2),
        B("list_item", "Begrüßung", 11, marker="1."),
        B("list_item", "Berichte", 12, marker="2."),
        B("list_item", "aus den Fachgruppen", 13, level=1, marker="a)"),
        B("list_item", "aus den Regionen", 14, level=1, marker="b)"),
        B("list_item", "Verschiedenes", 15, marker="3."),
        B("heading", "Beschlüsse", 16, level=6),
        B("paragraph", "Die AG beschließt den Leitfaden.", 17),
        B("list_item", "Frau Brinkmann: Vorlage erstellen", 18, marker="–"),
        B("list_item", "Herr Dr. Pape: Schreiben verschicken", 19, marker="–"),
    ]


def test_other_opendocument_types_are_refused(tmp_path: Path) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet

    path = tmp_path / "tabelle.odt"
    OpenDocumentSpreadsheet().save(str(path))
    with pytest.raises(ProtocolError, match="tabelle.odt: keine OpenDocument-Textdatei \\(.odt\\), sondern "
                                            "„application/vnd.oasis.opendocument.spreadsheet“"):
        read_document(path, source="tabelle.odt")


def test_pdf_with_odt_extension(tmp_path: Path) -> None:
    path = tmp_path / "p.odt"
    path.write_bytes(b"%PDF-1.4 ...")
    with pytest.raises(ProtocolError, match="p.odt: keine gültige OpenDocument-Textdatei \\(.odt\\): Inhalt ist "
                                            "eine PDF-Datei"):
        read_document(path, source="p.odt")
