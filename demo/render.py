"""Turn composed protocol blocks into .md, .txt, .docx, .pdf, .odt and .eml bytes, reproducibly.

Word and PDF files normally carry the time they were written; here every timestamp is derived
from the meeting date and the docx zip is rewritten with fixed entry dates, so that the demo
folder is byte-for-byte identical on every run.
"""

from __future__ import annotations

import io
import textwrap
import zipfile
from datetime import UTC, date, datetime

from docx import Document
from fpdf import FPDF

from demo.texts import Block

WRAP = 92


def _wrap_list(text: str, width: int = WRAP) -> list[str]:
    """Comma-separated participant lists broken across lines after a comma, as typed in emails."""
    lines: list[str] = []
    current = ""
    for item in text.split(", "):
        candidate = f"{current}, {item}" if current else item
        if current and len(candidate) + 1 > width:
            lines.append(current + ",")
            current = item
        else:
            current = candidate
    return [*lines, current]


def _wrap_text(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)


def _fixed_time(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 17, 30, 0, tzinfo=UTC)


# --------------------------------------------------------------------------- plain text


def to_markdown(blocks: list[Block], spacing: str = "blank") -> bytes:
    """Markdown as people export it from Word or write it in a wiki."""
    parts: list[tuple[str, str]] = []
    for block in blocks:
        kind = block[0]
        if kind == "title":
            parts.append((kind, f"## {block[1]}"))
        elif kind == "subtitle":
            parts.append((kind, f"### {block[1]}"))
        elif kind == "h1":
            parts.append((kind, f"### {block[1]}"))
        elif kind == "h2":
            parts.append((kind, f"#### {block[1]}"))
        elif kind == "ol":
            parts.append((kind, "\n".join(f"{i}. {item}" for i, item in enumerate(block[1], 1))))
        elif kind == "ul":
            parts.append((kind, "\n".join(f"- {item}" for item in block[1])))
        elif kind == "table":
            header, rows = block[1], block[2]
            lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
            lines += ["| " + " | ".join(row) + " |" for row in rows]
            parts.append((kind, "\n".join(lines)))
        elif kind == "wrapped":
            parts.append((kind, "\n".join(_wrap_list(block[1]))))
        else:
            parts.append((kind, block[1]))
    return _join(parts, spacing).encode("utf-8")


def to_text(blocks: list[Block], spacing: str = "blank") -> bytes:
    """Plain text minutes with underlined headings, as pasted into an email."""
    parts: list[tuple[str, str]] = []
    for block in blocks:
        kind = block[0]
        if kind == "title":
            parts.append((kind, f"{block[1]}\n{'=' * len(block[1])}"))
        elif kind == "h1":
            parts.append((kind, f"{block[1]}\n{'-' * len(block[1])}"))
        elif kind == "ol":
            parts.append((kind, "\n".join(f"{i}. {item}" for i, item in enumerate(block[1], 1))))
        elif kind == "ul":
            parts.append((kind, "\n".join(f"- {item}" for item in block[1])))
        elif kind == "table":
            parts.append((kind, "\n".join("\t".join(row) for row in [block[1], *block[2]])))
        elif kind == "wrapped":
            parts.append((kind, "\n".join(_wrap_list(block[1], 100))))
        elif kind == "p":
            parts.append((kind, "\n".join(_wrap_text(block[1], 100))))
        else:
            parts.append((kind, block[1]))
    return _join(parts, spacing).encode("utf-8")


def _join(parts: list[tuple[str, str]], spacing: str) -> str:
    """Consecutive participant lines stay together; header fields too in the 'tight' layout."""
    out = ""
    for i, (kind, text) in enumerate(parts):
        if i:
            prev = parts[i - 1][0]
            together = (
                (kind == prev == "line")
                or (spacing == "tight" and kind == prev == "field")
                or (prev == "label" and kind in ("line", "ul", "ol"))
            )
            out += "\n" if together else "\n\n"
        out += text
    return out + "\n"


# --------------------------------------------------------------------------- Word


def to_docx(blocks: list[Block], day: date, author: str) -> bytes:
    """A Word document with real headings, tab lines and tables; timestamps fixed to the meeting."""
    doc = Document()
    for block in blocks:
        kind = block[0]
        if kind == "title":
            doc.add_heading(block[1], level=1)
        elif kind in ("subtitle", "h1"):
            doc.add_heading(block[1], level=2)
        elif kind == "h2":
            doc.add_heading(block[1], level=3)
        elif kind == "label":
            doc.add_paragraph().add_run(block[1]).bold = True
        elif kind == "ol":
            for i, item in enumerate(block[1], 1):
                doc.add_paragraph(f"{i}. {item}")
        elif kind == "ul":
            for item in block[1]:
                doc.add_paragraph(item, style="List Bullet")
        elif kind == "table":
            header, rows = block[1], block[2]
            table = doc.add_table(rows=1 + len(rows), cols=len(header))
            table.style = "Table Grid"
            for r, values in enumerate([header, *rows]):
                for c, value in enumerate(values):
                    table.cell(r, c).text = value
                    if r == 0:
                        table.cell(r, c).paragraphs[0].runs[0].bold = True
        else:
            doc.add_paragraph(block[1])
    stamp = _fixed_time(day).replace(tzinfo=None)
    props = doc.core_properties
    props.author = author
    props.last_modified_by = author
    props.title = blocks[0][1]
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return _stable_zip(buffer.getvalue(), day)


def _stable_zip(data: bytes, day: date, stored: tuple[str, ...] = ()) -> bytes:
    """Rewrite a zip with fixed entry timestamps (python-docx and odfpy stamp entries with 'now');
    entries named in `stored` stay uncompressed (ODF wants its `mimetype` so)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(day.year, day.month, day.day, 12, 0, 0))
            fixed.compress_type = zipfile.ZIP_STORED if info.filename in stored else zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------- PDF


class _Minutes(FPDF):
    """A4 minutes with the document title repeated on every page and 'Seite X von Y' below."""

    running_title = ""

    def header(self) -> None:
        self.set_font("Helvetica", size=8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, self.running_title, new_x="LMARGIN", new_y="NEXT")
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(4)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 10, f"Seite {self.page_no()} von {{nb}}", align="C")


def to_pdf(blocks: list[Block], day: date, running_title: str, author: str) -> bytes:
    """A text PDF (core font Helvetica, Windows-1252 covers umlauts, dashes and German quotes)."""
    pdf = _Minutes(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.running_title = running_title
    pdf.set_creation_date(_fixed_time(day))
    pdf.set_author(author)
    pdf.set_title(blocks[0][1])
    pdf.set_creator("Netzwerkradar Demo")
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()

    def text(value: str, size: int = 11, style: str = "", gap: float = 1.5) -> None:
        pdf.set_font("Helvetica", style=style, size=size)
        pdf.multi_cell(0, 5.5, value, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    for block in blocks:
        kind = block[0]
        if kind == "title":
            text(block[1], 15, "B", 2)
        elif kind == "subtitle":
            text(block[1], 13, "B", 2)
        elif kind == "h1":
            pdf.ln(2)
            text(block[1], 12, "B")
        elif kind == "h2":
            text(block[1], 11, "B")
        elif kind == "label":
            text(block[1], 11, "B", 0.5)
        elif kind == "line":
            text(block[1], gap=0)
        elif kind == "ol":
            text("\n".join(f"{i}. {item}" for i, item in enumerate(block[1], 1)))
        elif kind == "ul":
            text("\n".join(f"- {item}" for item in block[1]))
        elif kind == "table":
            pdf.set_font("Helvetica", size=10)
            with pdf.table(text_align="LEFT", line_height=5.5) as table:
                for values in [block[1], *block[2]]:
                    row = table.row()
                    for value in values:
                        row.cell(value)
            pdf.ln(2)
        elif kind == "wrapped":
            text("\n".join(_wrap_list(block[1])))
        else:
            text(block[1])
    return bytes(pdf.output())


# --------------------------------------------------------------------------- OpenDocument and e-mail


def to_odt(blocks: list[Block], day: date, author: str) -> bytes:
    """An OpenDocument text (LibreOffice) with real headings, lists and tables; timestamps fixed."""
    from odf.element import Element

    # odfpy collects the namespaces every document of the process used in one class attribute and declares
    # them all: a fresh one per document keeps its bytes independent of what was written before.
    saved = Element.namespaces
    Element.namespaces = {}
    try:
        return _odt(blocks, day, author)
    finally:
        Element.namespaces = saved


def _odt(blocks: list[Block], day: date, author: str) -> bytes:
    from odf.dc import Creator, Date, Title
    from odf.meta import CreationDate, Generator
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, List, ListItem, P, Span

    doc = OpenDocumentText()
    stamp = _fixed_time(day).replace(tzinfo=None).isoformat()
    doc.meta.addElement(Generator(text="Netzwerkradar Demo"))  # instead of odfpy's version string
    doc.meta.addElement(Title(text=blocks[0][1]))
    doc.meta.addElement(Creator(text=author))
    doc.meta.addElement(CreationDate(text=stamp))
    doc.meta.addElement(Date(text=stamp))
    levels = {"title": 1, "subtitle": 2, "h1": 2, "h2": 3}
    tables = 0
    for block in blocks:
        kind = block[0]
        if kind in levels:
            doc.text.addElement(H(outlinelevel=levels[kind], text=block[1]))
        elif kind in ("ol", "ul"):
            items = List()
            for i, item in enumerate(block[1], 1):
                entry = ListItem()
                entry.addElement(P(text=f"{i}. {item}" if kind == "ol" else item))
                items.addElement(entry)
            doc.text.addElement(items)
        elif kind == "table":
            header, rows = block[1], block[2]
            tables += 1
            table = Table(name=f"Tabelle{tables}")
            table.addElement(TableColumn(numbercolumnsrepeated=len(header)))
            for values in [header, *rows]:
                row = TableRow()
                for value in values:
                    cell = TableCell(valuetype="string")
                    cell.addElement(P(text=value))
                    row.addElement(cell)
                table.addElement(row)
            doc.text.addElement(table)
        elif kind == "label":
            paragraph = P()
            paragraph.addElement(Span(text=block[1]))
            doc.text.addElement(paragraph)
        else:
            doc.text.addElement(P(text=block[1]))
    buffer = io.BytesIO()
    doc.write(buffer)
    return _stable_zip(buffer.getvalue(), day, stored=("mimetype",))


def to_eml(blocks: list[Block], day: date, author: str, group: str, spacing: str = "blank") -> bytes:
    """The minutes sent round as a plain-text e-mail (headers from the meeting, body as `to_text`)."""
    from email.message import EmailMessage
    from email.policy import SMTP
    from email.utils import format_datetime

    message = EmailMessage(policy=SMTP)
    message["From"] = f"{author} <geschaeftsstelle@netzwerk.example>"
    message["To"] = f"{group} <verteiler@netzwerk.example>"
    message["Subject"] = f"Protokoll: {blocks[0][1]}"
    message["Date"] = format_datetime(_fixed_time(day))
    message["Message-ID"] = f"<{day.isoformat()}.{abs(hash_text(group + blocks[0][1]))}@netzwerk.example>"
    message.set_content(to_text(blocks, spacing).decode("utf-8"), cte="quoted-printable")
    return message.as_bytes()


def hash_text(text: str) -> int:
    """A stable number for a text (Python's hash() is salted per process)."""
    import zlib

    return zlib.crc32(text.encode("utf-8"))
