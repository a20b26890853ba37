"""Office documents saved as one XML file -> blocks: Word 2003 XML, Excel 2003 XML, flat OpenDocument.

Offices still keep these: Word's and Excel's "XML-Dokument (*.xml)" / "XML-Kalkulationstabelle 2003"
(often named .xml, sometimes .doc or .xls because a template or web application wrote them so), and
LibreOffice's flat formats (.fodt, .fods, .fodp) that document systems and version control prefer.
Each is the package format of its suite without the ZIP, so each is read by that suite's reader:
- Word 2003 XML (WordprocessingML, namespace …/office/word/2003/wordml) is renamed into the .docx
  namespace and walked by the .docx reader; tracked deletions (aml:annotation Word.Deletion) are dropped,
  insertions kept, comments go to `meta["comments"]`, list numbering (w:listPr) becomes numPr;
- Excel 2003 XML (urn:schemas-microsoft-com:office:spreadsheet) gives rows like the other sheets;
- flat OpenDocument (office:document with office:mimetype) goes to the .odt/.ods/.odp reader;
- an Evernote export (.enex) of one note: its title and its ENML body (XHTML) go to the web page reader.
What the root says decides, not the extension; any other XML is refused with advice. Parsed with lxml
without entity expansion, DTD or network, after an element count bounds the work.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from etl.core.errors import ProtocolError
from etl.extract.document import Document
from etl.extract.limits import Deadline, check_xml_elements, count_xml_elements
from etl.extract.readers import docx
from etl.extract.readers.inline import clean
from etl.extract.readers.plain import drop_running, structure
from etl.extract.readers.running import is_page_number

FLAT_SUFFIXES = (".fodt", ".fods", ".fodp")
_WORD2003 = "http://schemas.microsoft.com/office/word/2003/wordml"
_WX = "http://schemas.microsoft.com/office/word/2003/auxHint"
_AML = "http://schemas.microsoft.com/aml/2001/core"
_O = "urn:schemas-microsoft-com:office:office"
_SS = "urn:schemas-microsoft-com:office:spreadsheet"
_X = "urn:schemas-microsoft-com:office:excel"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_MIMETYPES = {"application/vnd.oasis.opendocument.text": "fodt",
              "application/vnd.oasis.opendocument.spreadsheet": "fods",
              "application/vnd.oasis.opendocument.presentation": "fodp"}
_ADVICE = "bitte als .docx, .odt, .xlsx oder PDF speichern"
MAX_XML_BYTES = 50 * 1024 * 1024


def looks_like_office_xml(data: bytes) -> bool:
    """Whether bytes saved under another name (.doc, .xls) are one of the XML formats read here."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and any(mark in data[:8192] for mark in (
        _WORD2003.encode(), _SS.encode(), b"opendocument:xmlns:office"))


def read_office_xml(data: bytes, source: str, suffix: str) -> Document:
    """A Word/Excel 2003 XML or flat OpenDocument file -> Document; ProtocolError (German) for other XML."""
    root = _parse(data, source, suffix)
    tag = root.tag if isinstance(root.tag, str) else ""
    if tag == f"{{{_WORD2003}}}wordDocument":
        return _word(root, source)
    if tag == f"{{{_SS}}}Workbook":
        return _workbook(root, source)
    if tag == f"{{{_OFFICE}}}document":
        mimetype = root.get(f"{{{_OFFICE}}}mimetype", "")
        fmt = _MIMETYPES.get(mimetype)
        if fmt == "fodt":
            from etl.extract.readers.odt import _properties, from_roots

            document = from_roots(root, root, source)
            document.format = fmt
            meta = root.find(f"{{{_OFFICE}}}meta")
            if meta is not None:
                document.meta.update(_properties(meta))
            return document
        if fmt == "fods":
            from etl.extract.readers.sheet import ods_document

            return ods_document(root, source, fmt)
        if fmt == "fodp":
            from etl.extract.readers.slides import odp_document

            return odp_document(root, [root], source, fmt)
        raise ProtocolError(f"OpenDocument-Datei der Art „{mimetype or 'unbekannt'}“ wird nicht gelesen – "
                            f"{_ADVICE}", source)
    if tag == "en-export":
        return _evernote(root, source)
    name = tag.rsplit("}", 1)[-1] or "unbekannt"
    raise ProtocolError(f"XML-Datei ist kein Office-Dokument (Wurzelelement „{name}“) – gelesen werden Word- und "
                        f"Excel-2003-XML und OpenDocument (flach); {_ADVICE}", source)


def _parse(data: bytes, source: str, suffix: str) -> Any:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        raise ProtocolError(f"keine XML-Datei ({suffix}): Inhalt beginnt nicht mit „<“ – {_ADVICE}", source)
    if len(data) > MAX_XML_BYTES:
        raise ProtocolError(f"XML-Datei ist größer als {MAX_XML_BYTES // (1024 * 1024)} MB – {_ADVICE}", source)
    check_xml_elements(count_xml_elements(data), f"XML-Datei ({suffix})", source)
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True,
                             load_dtd=False, remove_pis=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ProtocolError(f"beschädigte XML-Datei ({suffix}): {exc} – {_ADVICE}", source) from None


# --- Word 2003 XML -------------------------------------------------------------------------------------


def _word(root: Any, source: str) -> Document:
    """WordprocessingML 2003 renamed into the .docx namespace, then read by the .docx reader's walk."""
    comments: list[str] = []
    _annotations(root, comments)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag.startswith(f"{{{_WORD2003}}}"):
            local = element.tag.split("}", 1)[1]
            element.tag = docx.w({"vmerge": "vMerge", "hmerge": "hMerge"}.get(local, local))
        for key in list(element.attrib):
            if key.startswith(f"{{{_WORD2003}}}"):
                value = element.attrib.pop(key)
                element.set(docx.w(key.split("}", 1)[1]), {"on": "true"}.get(value, value))
    for list_pr in list(root.iter(docx.w("listPr"))):  # list numbering: w:listPr(w:ilvl, w:ilfo) -> numPr
        list_pr.tag = docx.w("numPr")
        for child in list(list_pr):
            if child.tag == docx.w("ilfo"):
                child.tag = docx.w("numId")
            elif child.tag != docx.w("ilvl"):
                list_pr.remove(child)
    styles_root = root.find(docx.w("styles"))
    styles, default_style = docx._styles(styles_root) if styles_root is not None else ({}, "")  # noqa: SLF001
    numbering = _numbering(root.find(docx.w("lists")))
    body = root.find(docx.w("body"))
    if body is None:
        raise ProtocolError("beschädigte Word-2003-XML-Datei: kein Dokumentkörper (w:body)", source)
    _unwrap_sections(body)
    parts: dict[str, list[Any]] = {"header": [], "footer": []}
    for sect_pr in list(body.iter(docx.w("sectPr"))):
        for kind, tag in (("header", "hdr"), ("footer", "ftr")):
            parts[kind] += sect_pr.findall(docx.w(tag))
    context = docx._Context(styles, default_style, numbering, deadline=Deadline(source, "Word-XML-Datei"))  # noqa: SLF001
    docx._container(body, context)  # noqa: SLF001
    document = Document(source=source, format="xml")
    document.blocks = structure(drop_running(context.lines))
    for kind, elements in parts.items():
        texts: list[str] = []
        for element in elements:
            part_context = docx._Context(styles, default_style, numbering)  # noqa: SLF001
            docx._container(element, part_context)  # noqa: SLF001
            for line in part_context.lines:
                text = " | ".join(c for c in line.cells if c) if line.kind == "row" else line.text
                if text and not is_page_number(text, at_edge=True) and text not in texts:
                    texts.append(text)
        if texts:
            document.meta[kind] = "\n".join(texts)
    document.meta.update(_word_properties(root))
    if comments:
        document.meta["comments"] = "\n".join(comments)
    return document


def _annotations(root: Any, comments: list[str]) -> None:
    """Tracked changes and comments (aml:annotation): deletions and comments out of the text (comments kept
    apart as 'Author: text'), insertions and everything else unwrapped to their content."""
    for node in list(root.iter(f"{{{_AML}}}annotation")):
        parent = node.getparent()
        if parent is None:
            continue
        kind = node.get(f"{{{_WORD2003}}}type", "")
        if kind == "Word.Comment":
            text = clean(" ".join(t.text for t in node.iter(f"{{{_WORD2003}}}t") if t.text))
            if text:
                author = node.get(f"{{{_AML}}}author", "")
                comments.append(f"{author}: {text}" if author else text)
        keep: list[Any] = []
        if kind != "Word.Deletion" and kind != "Word.Comment":
            for content in node.findall(f"{{{_AML}}}content"):
                keep += list(content)
        index = parent.index(node)
        tail = node.tail
        parent.remove(node)
        for offset, child in enumerate(keep):
            parent.insert(index + offset, child)
        if tail and tail.strip():
            previous = parent[index - 1] if index > 0 else None
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail


def _unwrap_sections(body: Any) -> None:
    """wx:sect, wx:sub-section and wx:pBdrGroup only group paragraphs: their children take their place."""
    for tag in (f"{{{_WX}}}sect", f"{{{_WX}}}sub-section", f"{{{_WX}}}pBdrGroup"):
        while (node := next(body.iter(tag), None)) is not None:
            parent = node.getparent()
            index = parent.index(node)
            parent.remove(node)
            for offset, child in enumerate(list(node)):
                parent.insert(index + offset, child)


def _numbering(lists: Any) -> dict[str, dict[int, Any]]:
    """w:lists (w:listDef by w:listDefId, w:list by w:ilfo) as the .docx reader's numId -> level formats."""
    if lists is None:
        return {}
    definitions = {node.get(docx.w("listDefId"), ""): node for node in lists.findall(docx.w("listDef"))}
    result: dict[str, dict[int, Any]] = {}
    for entry in lists.findall(docx.w("list")):
        ref = entry.find(docx.w("ilst"))
        definition = definitions.get(ref.get(docx.w("val"), "") if ref is not None else "")
        if definition is None:
            continue
        levels = {}
        for lvl in definition.findall(docx.w("lvl")):
            level = copy.copy(lvl)
            fmt = level.find(docx.w("nfc"))  # 2003: numeric format code (0 decimal, 23 bullet …)
            if fmt is not None and level.find(docx.w("numFmt")) is None:
                code = fmt.get(docx.w("val"), "0")
                number_format = {"0": "decimal", "1": "upperRoman", "2": "lowerRoman", "3": "upperLetter",
                                 "4": "lowerLetter", "23": "bullet"}.get(code, "decimal")
                fmt.tag = docx.w("numFmt")
                fmt.set(docx.w("val"), number_format)
            levels[docx._int(lvl.get(docx.w("ilvl")), 0)] = docx._levels_one(level)  # noqa: SLF001
        result[entry.get(docx.w("ilfo"), "")] = levels
    return result


def _word_properties(root: Any) -> dict[str, str]:
    meta: dict[str, str] = {}
    props = root.find(f"{{{_O}}}DocumentProperties")
    if props is None:
        return meta
    for key, tag in (("title", "Title"), ("subject", "Subject"), ("creator", "Author"), ("created", "Created")):
        node = props.find(f"{{{_O}}}{tag}")
        if node is not None and node.text and node.text.strip():
            meta[key] = node.text.strip()
    return meta


# --- Excel 2003 XML ------------------------------------------------------------------------------------

_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})")


def _workbook(root: Any, source: str) -> Document:
    """Every visible worksheet's rows (ss:Index skips empty cells and rows), then a report or a list."""
    from etl.extract.limits import MAX_CSV_ROWS
    from etl.extract.readers.attendance import read_report
    from etl.extract.readers.sheet import Row, _list_document

    rows: list[Row] = []
    hidden: list[str] = []
    number = 0
    for sheet in root.iter(f"{{{_SS}}}Worksheet"):
        options = sheet.find(f"{{{_X}}}WorksheetOptions")
        if options is not None and options.find(f"{{{_X}}}Visible") is not None:
            hidden.append(sheet.get(f"{{{_SS}}}Name", ""))
            continue
        for table in sheet.findall(f"{{{_SS}}}Table"):
            for row in table.findall(f"{{{_SS}}}Row"):
                index = docx._int(row.get(f"{{{_SS}}}Index"), 0)  # noqa: SLF001
                if index > number + 1:
                    number = min(index - 1, number + 2)  # skipped empty rows: at most one blank line
                number += 1
                cells: list[str] = []
                for cell in row.findall(f"{{{_SS}}}Cell"):
                    column = docx._int(cell.get(f"{{{_SS}}}Index"), 0)  # noqa: SLF001
                    if 0 < column - 1 - len(cells) <= 64:
                        cells.extend([""] * (column - 1 - len(cells)))
                    data = cell.find(f"{{{_SS}}}Data")
                    cells.append(_cell_value(data))
                    span = docx._int(cell.get(f"{{{_SS}}}MergeAcross"), 0)  # noqa: SLF001
                    cells.extend([""] * min(max(span, 0), 64))
                rows.append((number, cells))
                if number > MAX_CSV_ROWS:
                    raise ProtocolError(f"Excel-XML-Datei hat über {MAX_CSV_ROWS} Zeilen – keine Teilnehmerliste",
                                        source)
        number += 1
        rows.append((number, []))
    document = read_report(rows, source, fmt="xml") or _list_document(rows, source, "xml")
    document.warnings += [f"ausgeblendetes Blatt „{title}“ nicht gelesen" for title in hidden if title]
    return document


def _cell_value(data: Any) -> str:
    """A cell's text; DateTime cells as Excel shows them in German ('12.05.2025', '10:00')."""
    if data is None:
        return ""
    text = "".join(data.itertext())
    if data.get(f"{{{_SS}}}Type") == "DateTime" and (m := _DATETIME.match(text)):
        year, month, day, hour, minute = m.groups()
        if (year, month, day) in (("1899", "12", "31"), ("1899", "12", "30")):
            return f"{hour}:{minute}"
        day_text = f"{day}.{month}.{year}"
        return day_text if (hour, minute) == ("00", "00") else f"{day_text} {hour}:{minute}"
    if data.get(f"{{{_SS}}}Type") == "Number" and re.fullmatch(r"-?\d+\.0+", text):
        return text.split(".", 1)[0]
    if data.get(f"{{{_SS}}}Type") == "Boolean":
        return "x" if text.strip() == "1" else ""
    return clean(text)


# --- Evernote export -----------------------------------------------------------------------------------


def _evernote(root: Any, source: str) -> Document:
    """One note of an .enex export as a web page: the title a heading, the ENML body as HTML, to-dos as boxes."""
    notes = root.findall("note")
    if len(notes) != 1:
        raise ProtocolError(f"Evernote-Export (.enex) enthält {len(notes)} Notizen – eine Datei ist ein Protokoll: "
                            "bitte jede Notiz einzeln exportieren", source)
    note = notes[0]
    title = clean(note.findtext("title") or "")
    body = note.findtext("content") or ""
    body = re.sub(r"(?is)<\?xml[^>]*\?>|<!DOCTYPE[^>]*>", "", body)
    body = re.sub(r"(?i)<en-todo\s+checked=\"true\"\s*/?>", "☑ ", body)
    body = re.sub(r"(?i)<en-todo[^>]*>", "☐ ", body)
    body = re.sub(r"(?i)<(/?)en-note\b[^>]*>", r"<\1div>", body)
    body = re.sub(r"(?i)<en-media[^>]*/?>", "", body)
    from html import escape

    from etl.extract.readers.web import read_html

    page = f"<html><head><meta charset='utf-8'><title>{escape(title)}</title></head><body>" \
           f"{f'<h1>{escape(title)}</h1>' if title else ''}{body}</body></html>"
    document = read_html(page.encode(), source, "enex")
    document.format = "enex"
    if created := note.findtext("created"):
        document.meta["created"] = created.strip()
    return document
