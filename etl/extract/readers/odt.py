"""OpenDocument text (.odt) protocols -> blocks, from content.xml in one pass.

Headings (text:h with their outline level), paragraphs, lists (text:list, nested, numbered as the
list style says), tables (header rows from table:table-header-rows, spanned cells once) in document
order; sections and text boxes are read where they stand; page headers and footers (styles.xml) go to
`meta`. Line numbers count paragraphs, soft line breaks and table rows, like the Word reader.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from etl.core.errors import ProtocolError
from etl.extract.document import Document
from etl.extract.limits import Deadline, check_xml_package
from etl.extract.readers.encoding import wrong_content
from etl.extract.readers.inline import clean
from etl.extract.readers.layout import SourceLine
from etl.extract.readers.plain import classify, drop_running, structure
from etl.extract.readers.running import is_page_number
from etl.extract.safe_zip import DOCUMENT_LIMITS, check_zip

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
}


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


_H, _P, _LIST, _LIST_ITEM, _LIST_HEADER = _q("text:h"), _q("text:p"), _q("text:list"), _q("text:list-item"), \
    _q("text:list-header")
_TABLE, _ROW, _CELL, _COVERED = _q("table:table"), _q("table:table-row"), _q("table:table-cell"), \
    _q("table:covered-table-cell")
_HEADER_ROWS, _ROWS, _ROW_GROUP = _q("table:table-header-rows"), _q("table:table-rows"), _q("table:table-row-group")
_SECTION, _S, _TAB, _BREAK = _q("text:section"), _q("text:s"), _q("text:tab"), _q("text:line-break")
_FRAME, _TEXT_BOX = _q("draw:frame"), _q("draw:text-box")
# Not the document's text: footnotes, tracked deletions, annotations, index marks.
_SKIP = {_q("text:note"), _q("text:tracked-changes"), _q("office:annotation"), _q("text:bookmark-ref"),
         _q("text:soft-page-break")}


@dataclass
class _ListLevel:
    numbered: bool
    prefix: str = ""
    suffix: str = "."
    fmt: str = "1"
    bullet: str = "•"
    start: int = 1


@dataclass
class _Context:
    list_styles: dict[str, dict[int, _ListLevel]]
    bold_styles: set[str]
    heading_styles: dict[str, int]
    line: int = 0
    lines: list[SourceLine] = field(default_factory=list)
    deferred: list[Any] = field(default_factory=list)
    counters: dict[str, list[int]] = field(default_factory=dict)
    last_list: dict[tuple[str, int], str] = field(default_factory=dict)  # (list style, depth) -> counter key
    deadline: Deadline | None = None

    def next_line(self) -> int:
        self.line += 1
        return self.line


def read_odt(data: bytes, source: str) -> Document:
    """An .odt file's bytes -> Document; ProtocolError (German) for anything else."""
    if not data.startswith(b"PK"):
        what = wrong_content(data) or "keine OpenDocument-Datei (kein ZIP-Container)"
        raise ProtocolError(f"keine gültige OpenDocument-Textdatei (.odt): Inhalt ist {what}", source)
    check_zip(data, lambda message: ProtocolError(f"OpenDocument-Datei (.odt) abgelehnt: {message}", source),
              DOCUMENT_LIMITS)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_xml_package(archive, "OpenDocument-Datei (.odt)", source)
            return _read_package(archive, source)
    except ProtocolError:
        raise
    except Exception as exc:  # noqa: BLE001 - zipfile/lxml raise many types for broken files
        raise ProtocolError(f"beschädigte OpenDocument-Datei (.odt): {type(exc).__name__}: {exc}", source) \
            from None


def _xml(archive: zipfile.ZipFile, name: str) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True,
                             load_dtd=False)
    return etree.fromstring(archive.read(name), parser)


def _read_package(archive: zipfile.ZipFile, source: str) -> Document:
    names = set(archive.namelist())
    if "content.xml" not in names:
        raise ProtocolError("keine gültige OpenDocument-Textdatei (.odt): content.xml fehlt", source)
    if "mimetype" in names:
        mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
        if mimetype and mimetype not in ("application/vnd.oasis.opendocument.text",
                                         "application/vnd.oasis.opendocument.text-template"):
            raise ProtocolError(f"keine OpenDocument-Textdatei (.odt), sondern „{mimetype}“", source)
    content = _xml(archive, "content.xml")
    styles_root = _xml(archive, "styles.xml") if "styles.xml" in names else None
    document = from_roots(content, styles_root, source)
    if "meta.xml" in names:
        document.meta.update(_properties(_xml(archive, "meta.xml")))
    return document


def from_roots(content: Any, styles_root: Any, source: str) -> Document:
    """The document of an office:text body (content.xml, or a flat .fodt whose one root holds styles too)."""
    roots = [root for root in (styles_root, content) if root is not None]
    context = _Context(_list_styles(roots), _bold_styles(roots), _heading_styles(roots),
                       deadline=Deadline(source, "OpenDocument-Datei"))
    body = content.find(f"{_q('office:body')}/{_q('office:text')}")
    if body is None:
        raise ProtocolError("keine OpenDocument-Textdatei (.odt): kein Textkörper (office:text)", source)
    _container(body, context)
    document = Document(source=source, format="odt")
    document.blocks = structure(drop_running(context.lines))
    if styles_root is not None:
        for kind, tags in (("header", ("style:header", "style:header-first")),
                           ("footer", ("style:footer", "style:footer-first"))):
            texts: list[str] = []
            for tag in tags:
                for part in styles_root.iter(_q(tag)):
                    part_context = _Context(context.list_styles, context.bold_styles, context.heading_styles)
                    _container(part, part_context)
                    for sl in part_context.lines:
                        text = " | ".join(c for c in sl.cells if c) if sl.kind == "row" else sl.text
                        if text and not is_page_number(text, at_edge=True) and text not in texts:
                            texts.append(text)
            if texts:
                document.meta[kind] = "\n".join(texts)
    return document


def _list_styles(roots: list[Any]) -> dict[str, dict[int, _ListLevel]]:
    result: dict[str, dict[int, _ListLevel]] = {}
    for root in roots:
        for style in root.iter(_q("text:list-style")):
            levels: dict[int, _ListLevel] = {}
            for node in style:
                level = _int(node.get(_q("text:level")), 1) - 1
                if node.tag == _q("text:list-level-style-number"):
                    levels[level] = _ListLevel(True, node.get(_q("style:num-prefix"), ""),
                                               node.get(_q("style:num-suffix"), ""),
                                               node.get(_q("style:num-format"), "1") or "",
                                               start=_int(node.get(_q("text:start-value")), 1))
                elif node.tag == _q("text:list-level-style-bullet"):
                    levels[level] = _ListLevel(False, bullet=node.get(_q("text:bullet-char"), "•") or "•")
            result[style.get(_q("style:name"), "")] = levels
    return result


def _bold_styles(roots: list[Any]) -> set[str]:
    bold: set[str] = set()
    for root in roots:
        for style in root.iter(_q("style:style")):
            props = style.find(_q("style:text-properties"))
            if props is not None and props.get(_q("fo:font-weight")) in ("bold", "700", "800", "900"):
                bold.add(style.get(_q("style:name"), ""))
    return bold


def _heading_styles(roots: list[Any]) -> dict[str, int]:
    """Paragraph styles that are headings by name or outline level (also via their parent style)."""
    parents: dict[str, str] = {}
    levels: dict[str, int] = {}
    for root in roots:
        for style in root.iter(_q("style:style")):
            name = style.get(_q("style:name"), "")
            parents[name] = style.get(_q("style:parent-style-name"), "")
            shown = (style.get(_q("style:display-name")) or name).replace("_20_", " ")
            outline = style.get(_q("style:default-outline-level"))
            if outline and outline.isdigit():
                levels[name] = int(outline)
            elif shown.lower().startswith(("heading ", "überschrift ")) and shown.split()[-1].isdigit():
                levels[name] = int(shown.split()[-1])
            elif shown.lower() in ("title", "titel"):
                levels[name] = 1
    resolved: dict[str, int] = {}
    for name in parents:
        seen, current = set(), name
        while current and current not in levels and current not in seen:
            seen.add(current)
            current = parents.get(current, "")
        if current in levels:
            resolved[name] = levels[current]
    return resolved


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _container(element: Any, context: _Context) -> None:
    for child in element:
        tag = child.tag
        if tag == _H:
            _paragraph(child, context, heading=max(1, _int(child.get(_q("text:outline-level")), 1)))
        elif tag == _P:
            _paragraph(child, context)
        elif tag == _LIST:
            _list(child, context, depth=0, style=child.get(_q("text:style-name"), ""))
        elif tag == _TABLE:
            _table(child, context)
        elif tag in (_SECTION, _q("text:index-body"), _q("text:table-of-content")):
            _container(child, context)
        _flush(context)


def _flush(context: _Context) -> None:
    while context.deferred:
        pending, context.deferred = context.deferred, []
        for inner in pending:
            context.lines.append(SourceLine("", context.line, kind="blank"))
            _container(inner, context) if inner.tag == _TEXT_BOX else _table(inner, context)


def _text(element: Any, context: _Context) -> tuple[str, bool]:
    """Text of a paragraph: spaces (text:s), tabs and line breaks as written; bold when all of it is."""
    parts: list[str] = []
    bold_chars = plain_chars = 0

    def walk(node: Any, bold: bool) -> None:
        nonlocal bold_chars, plain_chars
        if node.text:
            parts.append(node.text)
            if node.text.strip():
                if bold:
                    bold_chars += 1
                else:
                    plain_chars += 1
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                pass
            elif tag == _S:
                parts.append(" " * _int(child.get(_q("text:c")), 1))
            elif tag == _TAB:
                parts.append("\t")
            elif tag == _BREAK:
                parts.append("\n")
            elif tag == _FRAME:
                for box in child.iter(_TEXT_BOX):
                    context.deferred.append(box)
            else:
                walk(child, bold or child.get(_q("text:style-name"), "") in context.bold_styles)
            if child.tail:
                parts.append(child.tail)
                if child.tail.strip():
                    if bold:
                        bold_chars += 1
                    else:
                        plain_chars += 1

    style_bold = element.get(_q("text:style-name"), "") in context.bold_styles
    walk(element, style_bold)
    return "".join(parts), bold_chars > 0 and plain_chars == 0


def _paragraph(element: Any, context: _Context, heading: int = 0, marker: str | None = None, depth: int = 0) -> None:
    if context.deadline is not None:
        context.deadline.check()
    text, bold = _text(element, context)
    style = element.get(_q("text:style-name"), "")
    if not heading and style in context.heading_styles:
        heading = context.heading_styles[style]
    pieces = text.split("\n")
    for index, piece in enumerate(pieces):
        number = context.next_line()
        cleaned = clean(piece.replace("\t", " ")) if heading or marker is not None else piece
        if heading and index == 0 and cleaned:
            context.lines.append(SourceLine(cleaned, number, kind="heading", level=min(heading, 6)))
        elif marker is not None and index == 0 and cleaned:
            context.lines.append(SourceLine(cleaned, number, kind="item", marker=marker, indent=depth * 4,
                                            body_indent=depth * 4 + 4, width=len(cleaned)))
        else:
            before = len(context.lines)
            classify(piece, number, context.lines, markdown=False)
            added = context.lines[before:]
            if bold and len(pieces) == 1 and len(added) == 1 and added[0].kind == "text" and not added[0].field \
                    and len(added[0].text) <= 100:
                context.lines[-1] = SourceLine(added[0].text, number, kind="heading", level=6)
    if not pieces:
        context.next_line()
    context.lines.append(SourceLine("", context.line, kind="blank"))


def _list(element: Any, context: _Context, depth: int, style: str) -> None:
    """A text:list: each item's first paragraph gets the marker, nested lists go one level deeper."""
    style = element.get(_q("text:style-name"), "") or style
    levels = context.list_styles.get(style, {})
    spec = levels.get(depth, _ListLevel(False))
    xml_id = element.get("{http://www.w3.org/XML/1998/namespace}id")
    if element.get(_q("text:continue-list")):
        key = f"list:{element.get(_q('text:continue-list'))}"
    elif element.get(_q("text:continue-numbering")) == "true" and (style, depth) in context.last_list:
        key = context.last_list[(style, depth)]
    else:
        key = f"list:{xml_id}" if xml_id else f"element:{id(element)}"
    context.last_list[(style, depth)] = key
    counters = context.counters.setdefault(key, [])
    for item in element:
        if item.tag not in (_LIST_ITEM, _LIST_HEADER):
            continue
        start_value = item.get(_q("text:start-value"))
        if not counters:
            counters.append(spec.start - 1)
        if start_value:
            counters[0] = _int(start_value, 1) - 1
        first = item.tag == _LIST_ITEM
        if first:
            counters[0] += 1
        marker = _marker(spec, counters[0]) if first else ""
        for child in item:
            if child.tag in (_P, _H):
                _paragraph(child, context, marker=marker if first else None, depth=depth,
                           heading=_int(child.get(_q("text:outline-level")), 1) if child.tag == _H else 0)
                first = False
            elif child.tag == _LIST:
                _list(child, context, depth + 1, style)
            elif child.tag == _TABLE:
                _table(child, context)
            _flush(context)


def _marker(spec: _ListLevel, number: int) -> str:
    if not spec.numbered or not spec.fmt:
        return spec.bullet if spec.bullet in ("-", "–", "•", "·", "▪", "◦") else "•"
    if spec.fmt in ("a", "A"):
        value = chr(ord(spec.fmt) + (number - 1) % 26)
    elif spec.fmt in ("i", "I"):
        from etl.extract.readers.docx import _roman

        value = _roman(number)
        value = value.lower() if spec.fmt == "i" else value
    else:
        value = str(number)
    return f"{spec.prefix}{value}{spec.suffix}".strip() or f"{number}."


def _table(element: Any, context: _Context) -> None:
    rows: list[tuple[tuple[str, ...], bool, int]] = []

    def collect(node: Any, header: bool) -> None:
        for child in node:
            if child.tag == _ROW:
                rows.append((_row(child, context), header, context.next_line()))
            elif child.tag == _HEADER_ROWS:
                collect(child, True)
            elif child.tag in (_ROWS, _ROW_GROUP):
                collect(child, header)

    collect(element, False)
    if not rows:
        return
    header_count = 0
    while header_count < len(rows) - 1 and rows[header_count][1]:
        header_count += 1
    for index, (cells, _, line) in enumerate(rows):
        context.lines.append(SourceLine("\t".join(cells), line, kind="row", cells=cells, header=index < header_count))
    context.lines.append(SourceLine("", context.line, kind="blank"))


def _row(row: Any, context: _Context) -> tuple[str, ...]:
    cells: list[str] = []
    for cell in row:
        if cell.tag == _COVERED:
            cells.append("")  # covered by a spanned cell: its text stands in the spanning cell
            continue
        if cell.tag != _CELL:
            continue
        lines: list[str] = []
        for child in cell:
            if child.tag in (_P, _H):
                text, _ = _text(child, context)
                lines += [c for piece in text.split("\n") if (c := clean(piece.replace("\t", " ")))]
            elif child.tag == _LIST:
                lines += [c for p in child.iter(_P) if (c := clean(_text(p, context)[0].replace("\t", " ")))]
            elif child.tag == _TABLE:
                context.deferred.append(child)
        repeat = min(_int(cell.get(_q("table:number-columns-repeated")), 1), 64)
        cells.append("\n".join(lines))
        cells.extend([""] * (repeat - 1))
    while cells and not cells[-1]:
        cells.pop()
    return tuple(cells)


def _properties(root: Any) -> dict[str, str]:
    meta: dict[str, str] = {}
    for key, tag in (("title", "dc:title"), ("subject", "dc:subject"), ("creator", "dc:creator"),
                     ("created", "meta:creation-date")):
        node = root.find(f".//{_q(tag)}")
        if node is not None and node.text and node.text.strip():
            meta[key] = node.text.strip()
    return meta
