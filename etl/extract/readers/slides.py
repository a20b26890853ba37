"""Presentations (.pptx, .odp) -> blocks: minutes kept on slides are read like any document.

Offices put the minutes on the last slide of the deck they met with ("Ergebnisse", "Protokoll",
"Nächste Schritte"), or run a whole meeting from an Impress/PowerPoint file. Each slide's title
becomes a heading, then its text boxes (bulleted placeholders as list items, with their level) and
tables, in the order the slide holds them; `Block.page` is the slide's number. Speaker notes go to
`meta["notes"]` ("Folie 3: …"); they are the presenter's reminders, not the minutes, unless they say who
attended ("Anwesend: …", "Entschuldigt: …"): then someone took the minutes in them, and they follow the
slides as a section "Notizen", one paragraph per label or sentence. A hidden slide is not read (a
warning names it).

.pptx is read with python-pptx, .odp from content.xml with lxml through the .odt reader's paragraph,
list and table code. The package is checked first (ZIP limits, XML elements), as for Word.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from typing import Any

from etl.core.errors import ProtocolError
from etl.extract.document import Document
from etl.extract.limits import Deadline, check_xml_package
from etl.extract.readers import odt
from etl.extract.readers.encoding import wrong_content
from etl.extract.readers.inline import clean
from etl.extract.readers.layout import SourceLine
from etl.extract.readers.plain import classify, structure
from etl.extract.safe_zip import DOCUMENT_LIMITS, check_zip

_PRESENTATION = "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"
_DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_ODP = "application/vnd.oasis.opendocument.presentation"
# Placeholders repeated on every slide (slide number, footer, date), like a Word page footer: not content.
_RUNNING = {13, 15, 16}


def _package(data: bytes, source: str, what: str) -> None:
    """The checks every office package gets before it is parsed: a ZIP, within the ZIP and XML limits."""
    if not data.startswith(b"PK"):
        raise ProtocolError(f"keine gültige {what}: Inhalt ist {wrong_content(data) or 'kein ZIP'}", source)
    check_zip(data, lambda message: ProtocolError(f"{what} abgelehnt: {message}", source), DOCUMENT_LIMITS)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        check_xml_package(archive, what, source)


def _on_slide(lines: list[SourceLine], start: int, slide: int) -> None:
    lines[start:] = [replace(line, page=slide) for line in lines[start:]]


# Notes that hold minutes: they say who attended, with a label ('Anwesend:', 'Teilnehmende:', 'Entschuldigt:').
_MINUTES = re.compile(r"(?i)\b(?:anwesend|teilnehm\w*|teilgenommen|entschuldigt|abgesagt|dabei\s+waren)\s*:")
# Where a note's run-on text starts a new label ('… (online). Entschuldigt: Dr. Ohm. Protokoll: …').
_NEXT_LABEL = re.compile(r"(?<=[.;:])\s+(?=[A-ZÄÖÜ][\w-]{2,}(?:\s[\w-]+){0,2}:\s)")
_SLIDE_PREFIX = re.compile(r"^Folie\s+\d+:\s*")


def _note_lines(notes: list[str], after: int) -> list[SourceLine]:
    """The speaker notes as a section of their own after the slides, when they are minutes (see above)."""
    if not any(_MINUTES.search(note) for note in notes):
        return []
    lines = [SourceLine("", after + 1, kind="blank"), SourceLine("Notizen", after + 2, kind="heading", level=1)]
    for note in notes:
        slide = int(note.split()[1].rstrip(":")) if note.startswith("Folie ") else None
        for piece in _NEXT_LABEL.split(_SLIDE_PREFIX.sub("", note)):
            if piece.strip():
                lines.append(SourceLine("", lines[-1].line + 1, slide, kind="blank"))
                lines.append(SourceLine(piece.strip(), lines[-1].line + 1, slide))
    return lines


def _document(lines: list[SourceLine], source: str, fmt: str, notes: list[str], hidden: list[int]) -> Document:
    document = Document(source=source, format=fmt)
    document.blocks = structure(lines + _note_lines(notes, max((line.line for line in lines), default=0)))
    if notes:
        document.meta["notes"] = "\n".join(notes)
    document.warnings += [f"Folie {number}: ausgeblendet, nicht gelesen" for number in hidden]
    return document


# --- PowerPoint (.pptx) -------------------------------------------------------------------------------


def read_pptx(data: bytes, source: str) -> Document:
    """A .pptx file's bytes -> Document; ProtocolError (German) for anything that is not a readable deck."""
    what = "PowerPoint-Datei (.pptx)"
    _package(data, source, what)
    import pptx

    try:
        deck = pptx.Presentation(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-pptx/lxml raise many types for broken files
        raise ProtocolError(f"beschädigte {what}: {type(exc).__name__}: {exc}", source) from None
    deadline = Deadline(source, what)
    lines: list[SourceLine] = []
    notes: list[str] = []
    hidden: list[int] = []
    number = 0
    try:
        for slide_number, slide in enumerate(deck.slides, start=1):
            deadline.check()
            if slide._element.get("show") == "0":  # noqa: SLF001 - python-pptx has no API for hidden slides
                hidden.append(slide_number)
                continue
            start = len(lines)
            title = slide.shapes.title
            if title is not None and (text := clean(title.text_frame.text.replace("\n", " ")
                                                    .replace("\x0b", " "))):
                number += 1
                lines.append(SourceLine(text, number, kind="heading", level=1))
            for shape in slide.shapes:
                if title is not None and shape.shape_id == title.shape_id:
                    continue
                number = _pptx_shape(shape, lines, number, deadline)
            lines.append(SourceLine("", number, kind="blank"))
            _on_slide(lines, start, slide_number)
            if slide.has_notes_slide and (text := slide.notes_slide.notes_text_frame.text.strip()):
                notes.append(f"Folie {slide_number}: {' '.join(text.split())}")
    except ProtocolError:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken part surfaces only when its shapes are walked
        raise ProtocolError(f"beschädigte {what}: {type(exc).__name__}: {exc}", source) from None
    document = _document(lines, source, "pptx", notes, hidden)
    for key, value in (("title", deck.core_properties.title), ("creator", deck.core_properties.author)):
        if value and value.strip():
            document.meta[key] = value.strip()
    return document


def _pptx_shape(shape: Any, lines: list[SourceLine], number: int, deadline: Deadline) -> int:
    """Lines of one shape (text frame, table, or a group's shapes); returns the last line number used."""
    deadline.check()
    from pptx.shapes.group import GroupShape

    if isinstance(shape, GroupShape):  # (shape_type raises for some shapes, e.g. freeform-like ones)
        for inner in shape.shapes:
            number = _pptx_shape(inner, lines, number, deadline)
        return number
    if getattr(shape, "has_table", False) and shape.has_table:
        for index, row in enumerate(shape.table.rows):
            number += 1
            cells = tuple(clean(cell.text.replace("\n", " ").replace("\x0b", " ")) for cell in row.cells)
            while cells and not cells[-1]:
                cells = cells[:-1]
            lines.append(SourceLine("\t".join(cells), number, kind="row", cells=cells, header=index == 0))
        lines.append(SourceLine("", number, kind="blank"))
        return number
    if not getattr(shape, "has_text_frame", False) or not shape.has_text_frame:
        return number
    if shape.is_placeholder and _placeholder(shape) in _RUNNING:
        return number
    bulleted = shape.is_placeholder and _placeholder(shape) in (2, 7)  # BODY, OBJECT: shown as bullets
    for paragraph in shape.text_frame.paragraphs:
        for piece in paragraph.text.replace("\x0b", "\n").split("\n"):
            number += 1
            text = clean(piece)
            if not text:
                lines.append(SourceLine("", number, kind="blank"))
            elif bulleted:
                lines.append(SourceLine(text, number, kind="item", marker="•", indent=paragraph.level * 4,
                                        body_indent=paragraph.level * 4 + 4, width=len(text)))
            else:
                classify(text, number, lines, markdown=False)
    lines.append(SourceLine("", number, kind="blank"))
    return number


def _placeholder(shape: Any) -> int:
    """The placeholder type (python-pptx's PP_PLACEHOLDER value), 0 when unknown."""
    try:
        return int(shape.placeholder_format.type)
    except (AttributeError, ValueError, TypeError):
        return 0


# --- Impress (.odp) ----------------------------------------------------------------------------------


def read_odp(data: bytes, source: str) -> Document:
    """An .odp file's bytes -> Document; ProtocolError (German) for anything that is not a readable presentation."""
    what = "OpenDocument-Präsentation (.odp)"
    _package(data, source, what)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "content.xml" not in names:
                raise ProtocolError(f"keine gültige {what}: content.xml fehlt", source)
            mimetype = archive.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
            if mimetype and mimetype != _ODP:
                raise ProtocolError(f"keine OpenDocument-Präsentation (.odp), sondern „{mimetype}“", source)
            content = odt._xml(archive, "content.xml")  # noqa: SLF001 - the .odt reader's safe parser
            roots = [content, *([odt._xml(archive, "styles.xml")] if "styles.xml" in names else [])]  # noqa: SLF001
    except ProtocolError:
        raise
    except Exception as exc:  # noqa: BLE001 - zipfile/lxml raise many types for broken files
        raise ProtocolError(f"beschädigte {what}: {type(exc).__name__}: {exc}", source) from None
    return odp_document(content, roots, source, "odp")


def odp_document(content: Any, roots: list[Any], source: str, fmt: str) -> Document:
    """The slides of an office:presentation (content.xml, or a flat .fodp) with their notes."""
    what = "OpenDocument-Präsentation"
    context = odt._Context(odt._list_styles(roots), odt._bold_styles(roots), odt._heading_styles(roots),  # noqa: SLF001
                           deadline=Deadline(source, what))
    notes: list[str] = []
    hidden: list[int] = []
    for slide_number, page in enumerate(content.iter(f"{{{_DRAW}}}page"), start=1):
        if (page.get(f"{{{_PRESENTATION}}}visibility") == "hidden"
                or _hidden_style(content, page.get(f"{{{_DRAW}}}style-name", ""))):
            hidden.append(slide_number)
            continue
        start = len(context.lines)
        _odp_shapes(page, context)
        context.lines.append(SourceLine("", context.line, kind="blank"))
        _on_slide(context.lines, start, slide_number)
        for note in page.iter(f"{{{_PRESENTATION}}}notes"):
            text = " ".join(" ".join("".join(p.itertext()).split()) for p in note.iter(odt._P))  # noqa: SLF001
            if text.strip():
                notes.append(f"Folie {slide_number}: {text.strip()}")
    return _document(context.lines, source, fmt, notes, hidden)


def _odp_shapes(element: Any, context: Any) -> None:
    """The frames of a slide in document order: a title frame as a heading, text boxes and tables as the
    .odt reader reads them, groups opened; the notes page is skipped (it is read apart)."""
    for child in element:
        tag = child.tag
        if tag == f"{{{_PRESENTATION}}}notes":
            continue
        if tag == f"{{{_DRAW}}}g":
            _odp_shapes(child, context)
            continue
        if tag != odt._FRAME:  # noqa: SLF001
            continue
        kind = child.get(f"{{{_PRESENTATION}}}class", "")
        for inner in child:
            if inner.tag == odt._TEXT_BOX and kind == "title":  # noqa: SLF001
                text = clean(" ".join(" ".join("".join(p.itertext()).split()) for p in inner.iter(odt._P)))  # noqa: SLF001
                if text:
                    context.lines.append(SourceLine(text, context.next_line(), kind="heading", level=1))
                    context.lines.append(SourceLine("", context.line, kind="blank"))
            elif inner.tag == odt._TEXT_BOX:  # noqa: SLF001
                odt._container(inner, context)  # noqa: SLF001
            elif inner.tag == odt._TABLE:  # noqa: SLF001
                odt._table(inner, context)  # noqa: SLF001
            odt._flush(context)  # noqa: SLF001


def _hidden_style(content: Any, name: str) -> bool:
    """Impress marks a hidden slide in its drawing-page style (presentation:visibility="hidden")."""
    if not name:
        return False
    for style in content.iter("{urn:oasis:names:tc:opendocument:xmlns:style:1.0}style"):
        if style.get("{urn:oasis:names:tc:opendocument:xmlns:style:1.0}name") == name:
            return any(props.get(f"{{{_PRESENTATION}}}visibility") == "hidden" for props in style)
    return False
