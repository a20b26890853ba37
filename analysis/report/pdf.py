"""The Jahresbericht as PDF (fpdf2): DejaVu Sans when installed (all of Unicode that German needs),
otherwise the core font Helvetica with text folded to Latin-1; charts embedded as PNG."""

from __future__ import annotations

import io
from pathlib import Path
from typing import cast

from fpdf import FPDF, FontFace
from fpdf.enums import XPos, YPos

from analysis.report.model import Bullets, Chart, Paragraph, Report, Section, Table

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
REGULAR, BOLD = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
LIGHT_FILLS = {"green": (199, 233, 192), "yellow": (255, 242, 174), "red": (244, 182, 182)}
HEADER_FILL = (221, 228, 238)
# Core fonts know Latin-1 only: typographic characters become their plain forms.
_LATIN1 = str.maketrans({"–": "-", "—": "-", "„": '"', "“": '"', "”": '"', "‚": "'", "‘": "'", "’": "'",
                         "…": "...", "•": "-", "→": "->", "§": "§", "\u00a0": " "})


class _Document(FPDF):
    def __init__(self, footer_text: str, unicode_font: bool) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.footer_text = footer_text
        self.base_font = "DejaVu" if unicode_font else "Helvetica"
        if unicode_font:
            self.add_font("DejaVu", "", str(REGULAR))
            self.add_font("DejaVu", "B", str(BOLD) if BOLD.is_file() else str(REGULAR))
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(20, 18, 20)

    def text_of(self, value: str) -> str:
        if self.base_font == "DejaVu":
            return value
        return value.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(self.base_font, "", 8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 6, self.text_of(f"{self.footer_text} · Seite {self.page_no()}/{{nb}}"), align="C")
        self.set_text_color(0, 0, 0)


TABLE_PT = 8.5
CELL_PADDING_MM = 1.0  # fpdf2's default cell padding, left and right


def _paragraph(pdf: _Document, text: str, size: float = 10, bold: bool = False, height: float = 5.2,
               align: str = "L") -> None:
    """Left-aligned by default: justified German text with long compounds leaves holes (and a title must not)."""
    pdf.set_font(pdf.base_font, "B" if bold else "", size)
    lines = cast(list[str], pdf.multi_cell(0, height, pdf.text_of(text), dry_run=True, output="LINES"))
    if pdf.get_y() + height * len(lines) > pdf.page_break_trigger and len(lines) <= 6:
        pdf.add_page()  # a short paragraph is kept together instead of leaving its last line alone
    pdf.multi_cell(0, height, pdf.text_of(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align=align)
    pdf.ln(1.5)


def column_widths(pdf: _Document, table: Table) -> list[float]:
    """Column widths in mm over the page width: the table's weights, but never narrower than the longest
    word of the column's header (bold) or of a cell, so no word is broken in the middle.

    Columns that need more room take it from the others in proportion to their spare width.
    """
    weights = table.widths or tuple(1.0 for _ in table.columns)
    total = sum(weights)
    widths = [pdf.epw * w / total for w in weights]
    needed = []
    for index, title in enumerate(table.columns):
        pdf.set_font(pdf.base_font, "B", TABLE_PT)
        longest = max((pdf.get_string_width(pdf.text_of(w)) for w in title.split()), default=0.0)
        pdf.set_font(pdf.base_font, "", TABLE_PT)
        for row in table.rows:
            longest = max([longest, *(pdf.get_string_width(pdf.text_of(w)) for w in row[index].split())])
        needed.append(min(longest + 2 * CELL_PADDING_MM + 0.5, pdf.epw / 2))
    short = sum(max(0.0, n - w) for n, w in zip(needed, widths, strict=True))
    spare = [max(0.0, w - n) for n, w in zip(needed, widths, strict=True)]
    if short <= 0 or sum(spare) <= 0:
        return widths
    take = min(1.0, short / sum(spare))
    return [max(n, w) if n > w else w - s * take for n, w, s in zip(needed, widths, spare, strict=True)]


def _table(pdf: _Document, table: Table) -> None:
    widths = column_widths(pdf, table)
    pdf.set_font(pdf.base_font, "", TABLE_PT)
    heading = FontFace(emphasis="BOLD", fill_color=HEADER_FILL)
    with pdf.table(col_widths=widths, line_height=4.6, headings_style=heading, text_align="LEFT",
                   first_row_as_headings=True, repeat_headings=1) as grid:
        row = grid.row()
        for title in table.columns:
            row.cell(pdf.text_of(title))
        for index, values in enumerate(table.rows):
            row = grid.row()
            light = table.lights[index] if index < len(table.lights) else None
            for column, value in enumerate(values):
                if column == table.light_column and light in LIGHT_FILLS:
                    row.cell(pdf.text_of(value), style=FontFace(fill_color=LIGHT_FILLS[light]))
                else:
                    row.cell(pdf.text_of(value))
    pdf.ln(3)


def _chart_size(pdf: _Document, chart: Chart) -> tuple[float, float]:
    """Printed size in mm: the width the chart was laid out for (its text then has its planned size);
    only a chart taller than a page is shrunk (the report splits large heatmaps so that none is)."""
    width = min(chart.width_mm, pdf.epw)
    height = width * chart.height / chart.width
    if height > pdf.eph - 12:
        height = pdf.eph - 12
        width = height * chart.width / chart.height
    return width, height


def _chart(pdf: _Document, chart: Chart) -> None:
    width, height = _chart_size(pdf, chart)
    if pdf.get_y() + height + 8 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.image(io.BytesIO(chart.png), x=pdf.l_margin + (pdf.epw - width) / 2, w=width, h=height)
    pdf.set_font(pdf.base_font, "", 8.5)
    pdf.multi_cell(0, 5, pdf.text_of(f"Abbildung: {chart.title}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)


def _first_height(pdf: _Document, blocks: tuple) -> float:
    """Height (mm) of the first block after a heading, or of its first lines: what must share its page."""
    if not blocks:
        return 0.0
    first = blocks[0]
    if isinstance(first, Chart):
        return _chart_size(pdf, first)[1] + 8
    if isinstance(first, Table):
        return 20.0  # header and the first rows
    text = first.text if isinstance(first, Paragraph) else f"• {first.items[0]}"
    pdf.set_font(pdf.base_font, "B" if isinstance(first, Paragraph) and first.bold else "", 10)
    lines = cast(list[str], pdf.multi_cell(0, 5.2, pdf.text_of(text), dry_run=True, output="LINES"))
    height = 5.2 * min(len(lines), 3) + 1.5
    if len(blocks) > 1 and isinstance(first, Paragraph) and len(lines) <= 2 and not isinstance(blocks[1], Paragraph):
        height += _first_height(pdf, blocks[1:])  # a short lead-in belongs with its table or chart
    return height


def render(report: Report, unicode_font: bool | None = None) -> bytes:
    """The report as PDF bytes; `unicode_font=None` uses DejaVu Sans when the font file exists."""
    use_unicode = REGULAR.is_file() if unicode_font is None else unicode_font
    pdf = _Document(f"{report.title} – {report.group}", use_unicode)
    pdf.set_title(f"{report.title} – {report.group}")
    pdf.set_author("Netzwerkradar")
    pdf.set_lang("de-DE")
    pdf.add_page()
    _paragraph(pdf, f"{report.title} – {report.group}", size=20, bold=True, height=9)
    _paragraph(pdf, report.subtitle, size=12, bold=True, height=6)
    _paragraph(pdf, f"Erstellt am {report.created} mit Netzwerkradar.", size=9)
    for note in report.notes:
        _paragraph(pdf, note, size=9)
    for section in report.sections:
        # A section that fits on one page is never split: it starts on the next page instead, so no page
        # holds the last line or list of the section before it alone. A longer one starts where it is,
        # its heading kept with the start of what follows (a heading never ends a page alone).
        whole = _section_height(section, use_unicode)
        if whole is not None and pdf.get_y() + whole > pdf.page_break_trigger:
            pdf.add_page()
        elif pdf.get_y() + 12 + _first_height(pdf, section.blocks) > pdf.page_break_trigger:
            pdf.add_page()
        _section(pdf, section)
    return bytes(pdf.output())


def _section(pdf: _Document, section: Section) -> None:
    pdf.ln(2)
    _paragraph(pdf, section.title, size=14, bold=True, height=7)
    for block in section.blocks:
        if isinstance(block, Paragraph):
            _paragraph(pdf, block.text, bold=block.bold)
        elif isinstance(block, Bullets):
            for item in block.items:
                _paragraph(pdf, f"• {item}", height=5)
        elif isinstance(block, Table):
            _table(pdf, block)
        elif isinstance(block, Chart):
            _chart(pdf, block)


def _section_height(section: Section, unicode_font: bool) -> float | None:
    """The height (mm) of a section laid out at the top of an empty page; None when it needs more than a page.

    Measured by laying it out on a scratch document: tables and wrapped text have no cheaper exact height.
    """
    scratch = _Document("", unicode_font)
    scratch.add_page()
    top = scratch.get_y()
    _section(scratch, section)
    return scratch.get_y() - top if scratch.page_no() == 1 else None
