"""Word (.docx) protocols -> blocks, read straight from the package's XML in one linear pass.

Paragraphs and tables come in document order (what python-docx's `iter_inner_content` yields),
including those inside content controls; heading styles (also localised: "Überschrift 2") and
outline levels give headings; automatic numbering (numPr, on the paragraph or its style) gives list
items with the number Word would show; page headers and footers go to `meta`, never into the body;
a merged cell is one cell; nested tables and text boxes become blocks of their own.

Why not python-docx objects: `paragraph.style` resolves the style by searching the styles part each
time, so 80,000 empty paragraphs cost minutes. Here styles and numbering are dictionaries built
once, and the body is walked once. The package is checked before anything is parsed (zip bomb
limits, at most 30 MB per XML part) and parsed without entity expansion or network access.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from etl.core.errors import ProtocolError
from etl.extract.document import Document
from etl.extract.limits import Deadline, check_xml_package
from etl.extract.readers.encoding import wrong_content
from etl.extract.readers.inline import clean
from etl.extract.readers.labels import is_field_line
from etl.extract.readers.layout import SourceLine
from etl.extract.readers.plain import classify, drop_running, structure
from etl.extract.readers.running import is_page_number
from etl.extract.safe_zip import DOCUMENT_LIMITS, check_zip

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_DC = "http://purl.org/dc/elements/1.1/"
_DCTERMS = "http://purl.org/dc/terms/"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_P, _TBL, _TR, _TC, _T, _TAB, _BR, _CR = (w(t) for t in ("p", "tbl", "tr", "tc", "t", "tab", "br", "cr"))
_SDT, _SDT_CONTENT, _CUSTOM_XML, _SMART_TAG = w("sdt"), w("sdtContent"), w("customXml"), w("smartTag")
_TXBX = w("txbxContent")
_VAL = w("val")
# Subtrees whose text is not the document's text: deleted/moved-away runs, field codes, the VML copy
# of a text box (mc:Fallback repeats mc:Choice), footnote references.
_SKIP = {w("del"), w("moveFrom"), w("instrText"), w("delText"), f"{{{_MC}}}Fallback", w("pPr"), w("rPr"),
         w("footnoteReference"), w("endnoteReference"), w("commentReference")}
_HEADING_STYLE = re.compile(r"^(?:heading|überschrift|titre|kop)\s*(\d)$", re.IGNORECASE)
_LIST_DEPTH = re.compile(r"^(?:list|liste|aufzählungszeichen|listennummer)\b.*?\s([2-9])$", re.IGNORECASE)
_TITLE_STYLE = {"title", "titel"}
_LIST_STYLE = re.compile(r"^(?:list paragraph|listenabsatz|list bullet|aufzählungszeichen|list number|"
                         r"listennummer|liste)", re.IGNORECASE)


@dataclass
class _Style:
    name: str = ""
    based_on: str = ""
    outline: int | None = None  # 0-based outline level from the style's pPr
    num: tuple[str, int] | None = None  # (numId, ilvl) from the style's pPr
    bold: bool = False


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class _Context:
    styles: dict[str, _Style]
    default_style: str
    numbering: dict[str, dict[int, _Level]]  # numId -> level -> format
    counters: dict[str, list[int]] = field(default_factory=dict)  # numId -> count per level
    line: int = 0
    lines: list[SourceLine] = field(default_factory=list)
    deferred: list[Any] = field(default_factory=list)  # nested tables, text boxes: read after their parent
    deadline: Deadline | None = None

    def next_line(self) -> int:
        self.line += 1
        return self.line


def read_docx(data: bytes, source: str) -> Document:
    """A .docx file's bytes -> Document; ProtocolError (German) for anything that is not a readable .docx."""
    if data.startswith(b"\xd0\xcf\x11\xe0") and "EncryptedPackage".encode("utf-16-le") in data[:1 << 20]:
        # Word saves a password-protected .docx as an OLE file holding the encrypted package
        raise ProtocolError("Word-Datei ist verschlüsselt (Kennwortschutz) – bitte ohne Kennwort speichern", source)
    if not data.startswith(b"PK"):
        what = wrong_content(data) or "keine Word-Datei (kein ZIP-Container)"
        raise ProtocolError(f"keine gültige Word-Datei (.docx): Inhalt ist {what}", source)
    check_zip(data, lambda message: ProtocolError(f"Word-Datei (.docx) abgelehnt: {message}", source),
              DOCUMENT_LIMITS)
    try:
        import io

        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_xml_package(archive, "Word-Datei (.docx)", source)
            return _read_package(archive, source)
    except ProtocolError:
        raise
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError) as exc:
        raise ProtocolError(f"beschädigte Word-Datei (.docx): {exc}", source) from None
    except Exception as exc:  # noqa: BLE001 - lxml raises many types for broken XML
        raise ProtocolError(f"beschädigte Word-Datei (.docx): {type(exc).__name__}: {exc}", source) from None


def _xml(archive: zipfile.ZipFile, name: str) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True,
                             load_dtd=False)
    data = archive.read(name)
    root = etree.fromstring(data, parser)
    if _STRICT_W.encode() in data:
        to_transitional(root)
    return root


# Word's "Strict Open XML" (ISO 29500 strict) names the same elements in other namespaces.
_STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_STRICT = {_STRICT_W: W, "http://purl.oclc.org/ooxml/officeDocument/relationships": _R}


def to_transitional(root: Any) -> None:
    """Rename a Strict Open XML part's elements and attributes into the transitional namespaces read here."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        namespace, _, local = element.tag[1:].partition("}")
        if namespace in _STRICT:
            element.tag = f"{{{_STRICT[namespace]}}}{local}"
        for key in list(element.attrib):
            if key.startswith("{") and (space := key[1:].partition("}"))[0] in _STRICT:
                element.set(f"{{{_STRICT[space[0]]}}}{space[2]}", element.attrib.pop(key))


def _read_package(archive: zipfile.ZipFile, source: str) -> Document:
    names = set(archive.namelist())
    main = _main_part(archive, names)
    if main is None:
        raise ProtocolError("keine gültige Word-Datei (.docx): der Hauptteil word/document.xml fehlt", source)
    rels = _relationships(archive, names, main)
    styles_part = rels.get("styles")
    styles, default_style = _styles(_xml(archive, styles_part[0])) if styles_part else ({}, "")
    numbering_part = rels.get("numbering")
    numbering = _numbering(_xml(archive, numbering_part[0])) if numbering_part else {}
    context = _Context(styles, default_style, numbering, deadline=Deadline(source, "Word-Datei"))
    root = _xml(archive, main)
    body = root.find(w("body"))
    if body is None:
        raise ProtocolError("beschädigte Word-Datei (.docx): kein Dokumentkörper (w:body)", source)
    _container(body, context)
    document = Document(source=source, format="docx")
    document.blocks = structure(drop_running(context.lines))
    for kind in ("header", "footer"):
        texts = []
        for part in rels.get(kind, []):
            part_context = _Context(styles, default_style, numbering)
            _container(_xml(archive, part), part_context)
            for sl in part_context.lines:
                text = " | ".join(cell for cell in sl.cells if cell) if sl.kind == "row" else sl.text
                if text and not is_page_number(text, at_edge=True) and text not in texts:
                    texts.append(text)
        if texts:
            document.meta[kind] = "\n".join(texts)
    document.meta.update(_core_properties(archive, names))
    if comments := _comments(archive, rels):
        document.meta["comments"] = comments
    return document


def _comments(archive: zipfile.ZipFile, rels: dict[str, list[str]]) -> str:
    """Reviewers' comments ("Kommentare"), one per line as "Author: text": kept, but never content."""
    lines = []
    for part in rels.get("comments", []):
        for node in _xml(archive, part).iter(w("comment")):
            text = " ".join(t.text for t in node.iter(_T) if t.text and t.text.strip())
            if text := clean(text):
                author = node.get(w("author"), "")
                lines.append(f"{author}: {text}" if author else text)
    return "\n".join(lines)


def _main_part(archive: zipfile.ZipFile, names: set[str]) -> str | None:
    if "_rels/.rels" in names:
        for rel in _xml(archive, "_rels/.rels"):
            if rel.get("Type", "").endswith("/officeDocument"):
                target = rel.get("Target", "").lstrip("/")
                if target in names:
                    return target
    return "word/document.xml" if "word/document.xml" in names else None


def _relationships(archive: zipfile.ZipFile, names: set[str], main: str) -> dict[str, list[str]]:
    """Part kind ("styles", "numbering", "header", "footer") -> part names, from the main part's rels."""
    folder, base = posixpath.split(main)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    result: dict[str, list[str]] = {}
    if rels_name in names:
        for rel in _xml(archive, rels_name):
            if rel.get("TargetMode") == "External":
                continue
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
            if target in names:
                result.setdefault(kind, []).append(target)
    for kind, default in (("styles", "word/styles.xml"), ("numbering", "word/numbering.xml")):
        if kind not in result and default in names:
            result[kind] = [default]
    return result


def _styles(root: Any) -> tuple[dict[str, _Style], str]:
    styles: dict[str, _Style] = {}
    default = ""
    for node in root.iter(w("style")):
        style_id = node.get(w("styleId"), "")
        name = node.find(w("name"))
        based = node.find(w("basedOn"))
        style = _Style(name=(name.get(_VAL, "") if name is not None else style_id),
                       based_on=based.get(_VAL, "") if based is not None else "")
        ppr = node.find(w("pPr"))
        if ppr is not None:
            outline = ppr.find(w("outlineLvl"))
            if outline is not None and (outline.get(_VAL) or "").isdigit():
                style.outline = int(outline.get(_VAL))
            style.num = _num_pr(ppr.find(w("numPr")))
        rpr = node.find(w("rPr"))
        style.bold = rpr is not None and _on(rpr.find(w("b")))
        styles[style_id] = style
        if node.get(w("type")) == "paragraph" and node.get(w("default")) in ("1", "true"):
            default = style_id
    return styles, default


def _numbering(root: Any) -> dict[str, dict[int, _Level]]:
    abstract: dict[str, dict[int, _Level]] = {}
    for node in root.iter(w("abstractNum")):
        abstract[node.get(w("abstractNumId"), "")] = _levels(node)
    result: dict[str, dict[int, _Level]] = {}
    for num in root.iter(w("num")):
        ref = num.find(w("abstractNumId"))
        levels = dict(abstract.get(ref.get(_VAL, "") if ref is not None else "", {}))
        for override in num.iter(w("lvlOverride")):
            level = _int(override.get(w("ilvl")), 0)
            if (lvl := override.find(w("lvl"))) is not None:
                levels[level] = _levels_one(lvl)
            elif (start := override.find(w("startOverride"))) is not None:
                base = levels.get(level, _Level())
                levels[level] = _Level(base.fmt, base.text, _int(start.get(_VAL), 1))
        result[num.get(w("numId"), "")] = levels
    return result


def _levels(node: Any) -> dict[int, _Level]:
    return {_int(lvl.get(w("ilvl")), 0): _levels_one(lvl) for lvl in node.findall(w("lvl"))}


def _levels_one(lvl: Any) -> _Level:
    fmt, text, start = lvl.find(w("numFmt")), lvl.find(w("lvlText")), lvl.find(w("start"))
    return _Level(fmt.get(_VAL, "decimal") if fmt is not None else "decimal",
                  text.get(_VAL, "") if text is not None else "",
                  _int(start.get(_VAL) if start is not None else None, 1))


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _on(node: Any) -> bool:
    return node is not None and node.get(_VAL, "true") not in ("0", "false", "off", "none")


def _num_pr(num_pr: Any) -> tuple[str, int] | None:
    if num_pr is None:
        return None
    num_id, ilvl = num_pr.find(w("numId")), num_pr.find(w("ilvl"))
    return (num_id.get(_VAL, "") if num_id is not None else "", _int(ilvl.get(_VAL) if ilvl is not None else None, 0))


def _container(element: Any, context: _Context) -> None:
    """Paragraphs and tables of a body, cell, text box, header or content control, in document order.

    Text boxes and nested tables found inside a paragraph or table follow it as blocks of their own.
    """
    for child in _block_children(element):
        if child.tag == _P:
            _paragraph(child, context)
        else:
            _table(child, context)
        while context.deferred:
            pending, context.deferred = context.deferred, []
            for inner in pending:
                context.lines.append(SourceLine("", context.line, kind="blank"))
                _container(inner, context) if inner.tag == _TXBX else _table(inner, context)


def _block_children(element: Any) -> Iterator[Any]:
    for child in element:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML, _SDT_CONTENT, _SMART_TAG):
            yield from _block_children(child.find(_SDT_CONTENT) if child.tag == _SDT else child)
        elif child.tag == f"{{{_MC}}}AlternateContent":
            choice = child.find(f"{{{_MC}}}Choice")
            if choice is not None:
                yield from _block_children(choice)


def _paragraph_text(p: Any, context: _Context) -> tuple[str, bool]:
    """The paragraph's text (soft breaks as newlines) and whether every run with text is bold."""
    parts: list[str] = []
    bold_runs = plain_runs = 0
    stack = [iter(p)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        tag = node.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _T:
            if node.text:
                parts.append(node.text)
            continue
        if tag == _TAB:
            parts.append("\t")
            continue
        if tag in (_BR, _CR):
            parts.append("\f" if node.get(w("type")) == "page" else "\n")
            continue
        if tag == w("noBreakHyphen"):
            parts.append("-")
            continue
        if tag == w("sym"):
            parts.append(_symbol(node.get(w("font"), ""), node.get(w("char"), "")))
            continue
        if tag == _TXBX:
            context.deferred.append(node)
            continue
        if tag == _TBL:  # a table inside a text box run: read after the paragraph
            context.deferred.append(node)
            continue
        if tag == w("r"):
            rpr = node.find(w("rPr"))
            if rpr is not None and _on(rpr.find(w("vanish"))):
                continue  # hidden text
            has_text = any(t.text and t.text.strip() for t in node.iter(_T))
            if has_text and rpr is not None and (_on(rpr.find(w("strike"))) or _on(rpr.find(w("dstrike")))):
                parts.append(_STRUCK_OPEN + "".join(t.text or "" for t in node.iter(_T)) + _STRUCK_CLOSE)
                plain_runs += 1
                continue
            if has_text:
                if rpr is not None and _on(rpr.find(w("b"))):
                    bold_runs += 1
                else:
                    plain_runs += 1
        stack.append(iter(node))
    text = "".join(parts)
    if _STRUCK_OPEN in text:
        text = struck_through(text)
    return text, bold_runs > 0 and plain_runs == 0


# Struck-through text (w:strike, w:dstrike) is formatting, not a deletion: in an attendance list it says that the
# person did not come. It stays, followed by the word that says so ('Anna Berg (durchgestrichen)').
_STRUCK_OPEN, _STRUCK_CLOSE = "\ue010", "\ue011"
_STRUCK = re.compile(f"{_STRUCK_OPEN}(.*?){_STRUCK_CLOSE}", re.DOTALL)
_STRUCK_JOIN = re.compile(f"{_STRUCK_CLOSE}(\\s*){_STRUCK_OPEN}")


def struck_through(text: str) -> str:
    """The marked struck-through runs of a paragraph as 'text (durchgestrichen)', adjacent runs joined."""
    text = _STRUCK_JOIN.sub(r"\1", text)
    return _STRUCK.sub(lambda m: f"{m.group(1).rstrip()} (durchgestrichen){m.group(1)[len(m.group(1).rstrip()):]}"
                       if m.group(1).strip() else m.group(1), text)


# Marks inserted as symbols (Insert > Symbol, Wingdings): ticks and crosses in attendance tables.
_WINGDINGS = {"FC": "✓", "FE": "☑", "FB": "✗", "FD": "☒", "78": "☒", "6F": "☐", "A8": "☐", "71": "☐"}


def _symbol(font: str, char: str) -> str:
    """A w:sym character as text: Wingdings ticks, crosses and boxes by meaning, other fonts as written."""
    code = char.upper().removeprefix("F0") if len(char) == 4 and char.upper().startswith("F0") else char.upper()
    if "wingdings" in font.lower():
        return _WINGDINGS.get(code, "")
    try:
        value = int(char, 16)
    except ValueError:
        return ""
    return chr(value) if 0x20 <= value < 0xF000 else ""


def _paragraph(p: Any, context: _Context) -> None:
    if context.deadline is not None:
        context.deadline.check()
    ppr = p.find(w("pPr"))
    style_id = ""
    num: tuple[str, int] | None = None
    outline: int | None = None
    if ppr is not None:
        style_node = ppr.find(w("pStyle"))
        style_id = style_node.get(_VAL, "") if style_node is not None else ""
        num = _num_pr(ppr.find(w("numPr")))
        outline_node = ppr.find(w("outlineLvl"))
        if outline_node is not None and (outline_node.get(_VAL) or "").isdigit():
            outline = int(outline_node.get(_VAL))
    style = _resolve_style(style_id or context.default_style, context)
    text, bold = _paragraph_text(p, context)
    bold = bold or style.bold
    level = _heading_level(style, outline)
    if num is None:
        num = style.num
    marker = ""
    if num is not None and num[0] not in ("", "0"):
        marker = _marker(num[0], num[1], context)
    pieces = text.replace("\f", "\n").split("\n")
    first = context.line + 1
    for index, piece in enumerate(pieces):
        number = context.next_line()
        if level and index == 0 and clean(piece):
            context.lines.append(SourceLine(clean(piece), number, kind="heading", level=level))
            continue
        if marker and index == 0 and clean(piece):
            depth = num[1] if num else 0
            if depth == 0 and (m := _LIST_DEPTH.search(style.name)):
                depth = int(m.group(1)) - 1  # "List Number 2" is the second level with its own numbering
            indent = depth * 4
            context.lines.append(SourceLine(clean(piece), number, kind="item", marker=marker, indent=indent,
                                            body_indent=indent + 4, width=len(piece)))
            continue
        if index == 0 and not marker and _LIST_STYLE.match(style.name) and clean(piece) \
                and not _has_typed_marker(piece):
            context.lines.append(SourceLine(clean(piece), number, kind="item", marker="", width=len(piece)))
            continue
        before = len(context.lines)
        classify(piece, number, context.lines, markdown=False)
        added = context.lines[before:]
        if bold and index == 0 and len(added) == 1 and added[0].kind == "text" and not added[0].field \
                and len(pieces) == 1 and len(added[0].text) <= 100 and not is_field_line(added[0].text):
            context.lines[-1] = SourceLine(added[0].text, number, kind="heading", level=6)
    if context.line == first - 1:
        context.next_line()
    # each Word paragraph is a block of its own: never continue it with the next paragraph
    context.lines.append(SourceLine("", context.line, kind="blank"))


def _has_typed_marker(text: str) -> bool:
    return bool(re.match(r"^\s*(?:[-*•–·▪]\s|\d{1,2}[.)]\s|[a-h]\)\s)", text))


def _resolve_style(style_id: str, context: _Context) -> _Style:
    """The style with outline level, numbering and bold inherited along basedOn (cycle-safe)."""
    style = context.styles.get(style_id)
    if style is None:
        return _Style()
    result = _Style(style.name, style.based_on, style.outline, style.num, style.bold)
    seen = {style_id}
    parent_id = style.based_on
    while parent_id and parent_id not in seen and parent_id in context.styles:
        seen.add(parent_id)
        parent = context.styles[parent_id]
        result.outline = result.outline if result.outline is not None else parent.outline
        result.num = result.num or parent.num
        result.bold = result.bold or parent.bold
        parent_id = parent.based_on
    context.styles[style_id] = _Style(result.name, "", result.outline, result.num, result.bold)  # memoise
    return result


def _heading_level(style: _Style, outline: int | None) -> int:
    if m := _HEADING_STYLE.match(style.name.strip()):
        return min(int(m.group(1)), 6)
    if style.name.strip().lower() in _TITLE_STYLE:
        return 1
    level = outline if outline is not None else style.outline
    if level is not None and level < 9:
        return min(level + 1, 6)
    return 0


def _marker(num_id: str, level: int, context: _Context) -> str:
    """The number or bullet Word shows for this paragraph ("1.", "2.1", "a)", "•")."""
    levels = context.numbering.get(num_id, {})
    spec = levels.get(level, _Level())
    if spec.fmt in ("bullet", "none"):
        text = spec.text.strip()
        return text if text in ("-", "–", "—", "•", "o", "▪", "·") else "•"
    counts = context.counters.setdefault(num_id, [])
    while len(counts) <= level:
        depth = len(counts)
        counts.append(levels.get(depth, _Level()).start - 1)
    counts[level] += 1
    for deeper in range(level + 1, len(counts)):  # a new parent item restarts its sub-lists
        counts[deeper] = levels.get(deeper, _Level()).start - 1
    text = spec.text or f"%{level + 1}."

    def value(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        spec_at = levels.get(index, _Level())
        count = counts[index] if index < len(counts) and counts[index] >= spec_at.start else spec_at.start
        return _format_number(count, spec_at.fmt)

    return re.sub(r"%(\d)", value, text).strip() or f"{counts[level]}."


def _format_number(number: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(number).lower()
    if fmt == "upperLetter":
        return _letters(number)
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(number)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(number)


def _letters(number: int) -> str:
    letter = chr(ord("A") + (max(number, 1) - 1) % 26)
    return letter * ((max(number, 1) - 1) // 26 + 1)


def _roman(number: int) -> str:
    result = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            result += numeral
            number -= value
    return result or "0"


def _table(tbl: Any, context: _Context) -> None:
    """One table block: a merged cell once (gridSpan, vMerge), header rows from tblHeader or bold."""
    rows: list[tuple[tuple[str, ...], bool, bool, int]] = []  # cells, marked header, all bold, line
    for tr in _rows(tbl):
        trpr = tr.find(w("trPr"))
        marked = trpr is not None and _on(trpr.find(w("tblHeader")))
        cells: list[str] = []
        bold_cells = filled = 0
        for tc in _cells(tr):
            tcpr = tc.find(w("tcPr"))
            span = 1
            merged_below = False
            if tcpr is not None:
                grid_span = tcpr.find(w("gridSpan"))
                span = max(1, _int(grid_span.get(_VAL) if grid_span is not None else None, 1))
                v_merge = tcpr.find(w("vMerge"))
                merged_below = v_merge is not None and v_merge.get(_VAL, "continue") == "continue"
            text, bold = _cell_text(tc, context)
            if merged_below:
                text = ""  # the cell above holds the merged cell's text
            if text:
                filled += 1
                bold_cells += bold
            cells.append(text)
            cells.extend([""] * (span - 1))
        rows.append((tuple(cells), marked, filled > 0 and bold_cells == filled, context.next_line()))
    if not rows:
        return
    header_count = 0
    while header_count < len(rows) - 1 and rows[header_count][1]:
        header_count += 1
    if header_count == 0 and len(rows) > 1 and rows[0][2] and not rows[1][2]:
        header_count = 1
    for index, (row_cells, _, _, line) in enumerate(rows):
        context.lines.append(SourceLine("\t".join(row_cells), line, kind="row", cells=row_cells,
                                        header=index < header_count))
    context.lines.append(SourceLine("", context.line, kind="blank"))


def _rows(tbl: Any) -> Iterator[Any]:
    for child in tbl:
        if child.tag == _TR:
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML):
            yield from _rows(child.find(_SDT_CONTENT) if child.tag == _SDT else child)


def _cells(tr: Any) -> Iterator[Any]:
    for child in tr:
        if child.tag == _TC:
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML):
            yield from _cells(child.find(_SDT_CONTENT) if child.tag == _SDT else child)


def _cell_text(tc: Any, context: _Context) -> tuple[str, bool]:
    """A cell's paragraphs as lines; a nested table is read as a table of its own after this one."""
    lines: list[str] = []
    bold_all = True
    for child in _block_children(tc):
        if child.tag == _TBL:
            context.deferred.append(child)
            continue
        text, bold = _paragraph_text(child, context)
        for piece in text.replace("\f", "\n").split("\n"):
            if cleaned := clean(piece.replace("\t", " ")):
                lines.append(cleaned)
                bold_all = bold_all and bold
    return "\n".join(lines), bool(lines) and bold_all


def _core_properties(archive: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    if "docProps/core.xml" not in names:
        return {}
    try:
        root = _xml(archive, "docProps/core.xml")
    except Exception:  # noqa: BLE001 - broken properties must not cost the protocol
        return {}
    meta = {}
    for key, tag in (("title", f"{{{_DC}}}title"), ("subject", f"{{{_DC}}}subject"),
                     ("creator", f"{{{_DC}}}creator"), ("created", f"{{{_DCTERMS}}}created")):
        node = root.find(tag)
        if node is not None and node.text and node.text.strip():
            meta[key] = node.text.strip()
    return meta
