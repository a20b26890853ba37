"""The Jahresbericht as PDF (fpdf2): DejaVu Sans when installed (all of Unicode that German needs),
otherwise the core font Helvetica with text folded to Latin-1; charts embedded as PNG."""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF, FontFace
from fpdf.enums import XPos, YPos

from analysis.report.model import Bullets, Chart, Paragraph, Report, Table

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


def _paragraph(pdf: _Document, text: str, size: float = 10, bold: bool = False, height: float = 5.2) -> None:
    pdf.set_font(pdf.base_font, "B" if bold else "", size)
    pdf.multi_cell(0, height, pdf.text_of(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)


def _table(pdf: _Document, table: Table) -> None:
    pdf.set_font(pdf.base_font, "", 8.5)
    weights = table.widths or tuple(1.0 for _ in table.columns)
    heading = FontFace(emphasis="BOLD", fill_color=HEADER_FILL)
    with pdf.table(col_widths=weights, line_height=4.6, headings_style=heading, text_align="LEFT",
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


def _chart(pdf: _Document, chart: Chart) -> None:
    width = pdf.epw
    height = width * chart.height / chart.width
    if height > pdf.eph - 12:  # a tall chart is shrunk to fit one page
        height = pdf.eph - 12
        width = height * chart.width / chart.height
    if pdf.get_y() + height + 8 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.image(io.BytesIO(chart.png), x=pdf.l_margin, w=width, h=height)
    pdf.set_font(pdf.base_font, "", 8.5)
    pdf.multi_cell(0, 5, pdf.text_of(f"Abbildung: {chart.title}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)


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
        if pdf.get_y() > pdf.page_break_trigger - 40:
            pdf.add_page()
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
    return bytes(pdf.output())
