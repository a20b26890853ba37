"""The Jahresbericht as a Word document (python-docx): headings, real tables, charts as pictures."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell

from analysis.report.model import Bullets, Chart, Paragraph, Report, Table

LIGHT_FILLS = {"green": "C7E9C0", "yellow": "FFF2AE", "red": "F4B6B6"}
_USABLE_WIDTH_CM = 16.0


def _shade(cell: _Cell, fill: str) -> None:
    """Background colour of a table cell (python-docx has no API for it)."""
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _table(document: DocxDocument, table: Table) -> None:
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    weights = table.widths or tuple(1.0 for _ in table.columns)
    total = sum(weights)
    for cell, title in zip(grid.rows[0].cells, table.columns, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(title)
        run.bold = True
        _shade(cell, "DDE4EE")
    for index, row in enumerate(table.rows):
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
        light = table.lights[index] if index < len(table.lights) else None
        if table.light_column is not None and light is not None and light in LIGHT_FILLS:
            _shade(cells[table.light_column], LIGHT_FILLS[light])
    for column, weight in zip(grid.columns, weights, strict=True):
        for cell in column.cells:
            cell.width = Cm(_USABLE_WIDTH_CM * weight / total)
    for row in grid.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    document.add_paragraph()


def render(report: Report) -> bytes:
    """The report as .docx bytes."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.left_margin = section.right_margin = Cm(2.5)
    document.core_properties.title = f"{report.title} – {report.group}"
    document.core_properties.author = "Netzwerkradar"
    document.core_properties.language = "de-DE"
    styles = document.styles
    styles["Normal"].font.name = "Arial"
    styles["Normal"].font.size = Pt(10.5)

    document.add_heading(f"{report.title} – {report.group}", level=0)
    sub = document.add_paragraph()
    sub.add_run(report.subtitle).bold = True
    document.add_paragraph(f"Erstellt am {report.created} mit Netzwerkradar.")
    for note in report.notes:
        run = document.add_paragraph().add_run(note)
        run.italic = True
        run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)

    for part in report.sections:
        document.add_heading(part.title, level=1)
        for block in part.blocks:
            if isinstance(block, Paragraph):
                paragraph = document.add_paragraph()
                paragraph.add_run(block.text).bold = block.bold
            elif isinstance(block, Bullets):
                for item in block.items:
                    document.add_paragraph(item, style="List Bullet")
            elif isinstance(block, Table):
                _table(document, block)
            elif isinstance(block, Chart):
                document.add_picture(io.BytesIO(block.png), width=Cm(_USABLE_WIDTH_CM))
                caption = document.add_paragraph()
                caption.add_run(f"Abbildung: {block.title}").italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
