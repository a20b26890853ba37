"""The Jahresbericht as an editable 16:9 slide deck (python-pptx).

A title slide, then per section one slide with its text and table (long tables continue on further
slides, header repeated), and one slide per chart. Titles are real title placeholders and tables are
real PowerPoint tables, so a presenter can edit, shorten or restyle everything.
"""

from __future__ import annotations

import io
import math

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.presentation import Presentation as PptxPresentation
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from analysis.report.model import Block, Bullets, Chart, Paragraph, Report, Section, Table

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
TITLE_TOP, TITLE_HEIGHT = Inches(0.3), Inches(0.9)
BODY_TOP = Inches(1.3)
BODY_BOTTOM = HEIGHT - Inches(0.4)
TEXT_PT, TABLE_PT = 16, 11
LIGHT_FILLS = {"green": RGBColor(0xC7, 0xE9, 0xC0), "yellow": RGBColor(0xFF, 0xF2, 0xAE),
               "red": RGBColor(0xF4, 0xB6, 0xB6)}
HEADER_FILL = RGBColor(0x2F, 0x4B, 0x7C)
_TITLE_ONLY, _TITLE_SLIDE = 5, 0


def _place_title(slide: Slide, text: str) -> None:
    title = slide.shapes.title
    if title is None:  # every layout used here has a title placeholder
        raise ValueError("Folienlayout ohne Titel")
    title.left, title.top, title.width, title.height = MARGIN, TITLE_TOP, Emu(WIDTH - 2 * MARGIN), TITLE_HEIGHT
    title.text = text
    for paragraph in title.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(30)
            run.font.bold = True


def _slide(deck: PptxPresentation, title: str) -> Slide:
    slide = deck.slides.add_slide(deck.slide_layouts[_TITLE_ONLY])
    _place_title(slide, title)
    return slide


def _text_lines(blocks: list[Block]) -> list[tuple[str, bool, bool]]:
    """(text, bullet, bold) lines of the section's paragraphs and bullet lists."""
    lines: list[tuple[str, bool, bool]] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.append((block.text, False, block.bold))
        elif isinstance(block, Bullets):
            lines += [(item, True, False) for item in block.items]
    return lines


def _wrapped(text: str, width_in: float, points: float) -> int:
    """Estimated number of lines a text needs in a box of this width (average glyph ≈ 0.5 em)."""
    per_line = max(8, int(width_in * 72 / (points * 0.5)))
    return max(1, math.ceil(len(text) / per_line))


def _add_text(slide: Slide, lines: list[tuple[str, bool, bool]], top: int) -> int:
    """A text box with the lines; returns the y below it."""
    width = WIDTH - 2 * MARGIN
    width_in = width / 914400
    height_lines = sum(_wrapped(("• " if bullet else "") + text, width_in, TEXT_PT) for text, bullet, _ in lines)
    height = Emu(int(Pt(TEXT_PT * 1.35) * height_lines + Inches(0.2)))
    box = slide.shapes.add_textbox(MARGIN, Emu(top), Emu(width), height)
    frame = box.text_frame
    frame.word_wrap = True
    for index, (text, bullet, bold) in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = ("• " if bullet else "") + text
        run.font.size = Pt(TEXT_PT)
        run.font.bold = bold
    return top + height + Inches(0.15)


def _row_height(row: tuple[str, ...], widths_in: list[float]) -> int:
    lines = max(_wrapped(value, w - 0.15, TABLE_PT) for value, w in zip(row, widths_in, strict=True))
    return int(Pt(TABLE_PT * 1.25) * lines + Inches(0.1))


def _chunks(table: Table, widths_in: list[float], first_space: int, space: int) -> list[list[int]]:
    """Row indices per slide so every slide's table fits (the header row is repeated on each)."""
    header = _row_height(table.columns, widths_in)
    chunks: list[list[int]] = [[]]
    room = first_space - header
    for index, row in enumerate(table.rows):
        need = _row_height(row, widths_in)
        if chunks[-1] and need > room:
            chunks.append([])
            room = space - header
        chunks[-1].append(index)
        room -= need
    return chunks


def _add_table(slide: Slide, table: Table, rows: list[int], top: int) -> None:
    width = WIDTH - 2 * MARGIN
    weights = table.widths or tuple(1.0 for _ in table.columns)
    total = sum(weights)
    widths = [int(width * w / total) for w in weights]
    widths_in = [w / 914400 for w in widths]
    height = _row_height(table.columns, widths_in) + sum(_row_height(table.rows[i], widths_in) for i in rows)
    shape = slide.shapes.add_table(len(rows) + 1, len(table.columns), MARGIN, Emu(top), Emu(width), Emu(height))
    grid = shape.table
    for column, w in enumerate(widths):
        grid.columns[column].width = w
    for column, title in enumerate(table.columns):
        cell = grid.cell(0, column)
        cell.text = title
        cell.fill.solid()
        cell.fill.fore_color.rgb = HEADER_FILL
        for run in cell.text_frame.paragraphs[0].runs:
            run.font.size = Pt(TABLE_PT)
            run.font.bold = True
            run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    for r, index in enumerate(rows, start=1):
        light = table.lights[index] if index < len(table.lights) else None
        for column, value in enumerate(table.rows[index]):
            cell = grid.cell(r, column)
            cell.text = value
            for run in cell.text_frame.paragraphs[0].runs:
                run.font.size = Pt(TABLE_PT)
            if column == table.light_column and light in LIGHT_FILLS:
                cell.fill.solid()
                cell.fill.fore_color.rgb = LIGHT_FILLS[light]


def _section(deck: PptxPresentation, section: Section) -> None:
    blocks = list(section.blocks)
    lines = _text_lines(blocks)
    tables = [b for b in blocks if isinstance(b, Table)]
    slide = _slide(deck, section.title)
    top = _add_text(slide, lines, BODY_TOP) if lines else BODY_TOP
    for number, table in enumerate(tables):
        weights = table.widths or tuple(1.0 for _ in table.columns)
        widths_in = [(WIDTH - 2 * MARGIN) / 914400 * w / sum(weights) for w in weights]
        first_space = BODY_BOTTOM - top
        if first_space < Inches(1.2) or number:  # too little room left: the table gets its own slide
            slide = _slide(deck, f"{section.title} (Fortsetzung)")
            top = BODY_TOP
            first_space = BODY_BOTTOM - top
        for page, rows in enumerate(_chunks(table, widths_in, first_space, BODY_BOTTOM - BODY_TOP)):
            if page:
                slide = _slide(deck, f"{section.title} (Fortsetzung)")
                top = BODY_TOP
            _add_table(slide, table, rows, top)
    charts = [b for b in blocks if isinstance(b, Chart)]
    if charts and not tables and BODY_BOTTOM - top > Inches(3.5):  # short text: the chart fits below it
        _chart(slide, charts.pop(0), top)
    for chart in charts:
        title = section.title if chart.title == section.title else f"{section.title}: {chart.title}"
        _chart(_slide(deck, title), chart, BODY_TOP)


def _chart(slide: Slide, chart: Chart, top: int) -> None:
    room_w, room_h = WIDTH - 2 * MARGIN, BODY_BOTTOM - top
    scale = min(room_w / chart.width, room_h / chart.height)
    width, height = int(chart.width * scale), int(chart.height * scale)
    slide.shapes.add_picture(io.BytesIO(chart.png), Emu(int((WIDTH - width) / 2)), Emu(top), Emu(width), Emu(height))


def render(report: Report) -> bytes:
    """The report as .pptx bytes (16:9)."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    deck.core_properties.title = f"{report.title} – {report.group}"
    deck.core_properties.author = "Netzwerkradar"
    deck.core_properties.language = "de-DE"
    title = deck.slides.add_slide(deck.slide_layouts[_TITLE_SLIDE])
    heading, subtitle = title.shapes.title, title.placeholders[1]
    heading.left, heading.top, heading.width, heading.height = MARGIN, Inches(2.0), WIDTH - 2 * MARGIN, Inches(1.5)
    subtitle.left, subtitle.top, subtitle.width = MARGIN, Inches(3.7), WIDTH - 2 * MARGIN
    subtitle.height = Inches(2.5)
    heading.text = f"{report.title} – {report.group}"
    subtitle.text = "\n".join([report.subtitle, f"Erstellt am {report.created} mit Netzwerkradar", *report.notes])
    for paragraph in subtitle.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(18)
    for section in report.sections:
        _section(deck, section)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
