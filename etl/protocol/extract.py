"""Protocol files -> text lines. The only module of the parser that touches files.

Every format ends up as a flat list of lines so that the pure parser (and the line
numbers in warnings and rejects) works the same for Markdown, text, Word and PDF.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

from etl.extract.safe_zip import check_zip
from etl.protocol.errors import ProtocolError

TEXT_SUFFIXES = (".md", ".markdown", ".txt")
SUFFIXES = (*TEXT_SUFFIXES, ".docx", ".pdf")

_NEWLINE = re.compile(r"\r\n|\r|\n")
# Control characters other than TAB never belong in a protocol line (they come from
# broken extractions or binary data); TAB is kept because it separates table cells.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Control characters (Unicode Cc) other than TAB, CR, LF, FF: their presence means binary data.
_BINARY = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_MAGIC = {b"%PDF": "eine PDF-Datei", b"PK\x03\x04": "ein ZIP-Archiv (z. B. Word .docx)",
          b"\xd0\xcf\x11\xe0": "eine alte Office-Datei (.doc)", b"{\\rtf": "eine RTF-Datei"}


def read_lines(path: Path) -> list[str]:
    """The text lines of a protocol file; raises ProtocolError (German) for anything unreadable."""
    path = Path(path)
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ProtocolError(f"Dateityp „{path.suffix or '(ohne Endung)'}“ wird nicht unterstützt "
                            f"(erlaubt: {', '.join(SUFFIXES)})", source)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ProtocolError("Datei nicht gefunden", source) from None
    except OSError as exc:
        raise ProtocolError(f"Datei kann nicht gelesen werden ({exc.strerror or exc})", source) from None
    if not data:
        raise ProtocolError("Datei ist leer", source)
    if suffix in TEXT_SUFFIXES:
        lines = _split(_decode_text(data, source))
    elif suffix == ".docx":
        lines = _docx_lines(path, data, source)
    else:
        lines = _pdf_lines(path, data, source)
    if not any(line.strip() for line in lines):
        raise ProtocolError("Datei enthält keinen Text", source)
    return lines


def _split(text: str) -> list[str]:
    lines = _NEWLINE.split(text)
    if lines and lines[-1] == "":
        lines.pop()  # a final newline ends the last line, it does not start a new one
    return [_CONTROL.sub("", line) for line in lines]


def _wrong_content(data: bytes) -> str | None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return what
    return None


def _decode_text(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 — detected, not configured."""
    if what := _wrong_content(data):
        raise ProtocolError(f"keine Textdatei, sondern {what} mit falscher Endung", source)
    text: str | None = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            text = None
    elif b"\x00" not in data:
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    if text is None:
        raise ProtocolError("keine Textdatei (Binärdaten oder unbekannte Zeichenkodierung)", source)
    controls = len(_BINARY.findall(text))
    if controls > max(2, len(text) // 100):
        raise ProtocolError("keine Textdatei (enthält Binärdaten)", source)
    return text.replace("\f", "\n")


# --- Word ---------------------------------------------------------------------------------


def _docx_lines(path: Path, data: bytes, source: str) -> list[str]:
    if not data.startswith(b"PK"):
        what = _wrong_content(data) or "keine Word-Datei (kein ZIP-Container)"
        raise ProtocolError(f"keine gültige Word-Datei (.docx): Inhalt ist {what}", source)
    try:
        check_zip(path, lambda message: ProtocolError(f"Word-Datei (.docx) abgelehnt: {message}", source))
        import docx  # local import: python-docx is slow to import and only needed here

        document = docx.Document(str(path))
        return _docx_blocks(document)
    except ProtocolError:
        raise
    except (zipfile.BadZipFile, KeyError) as exc:
        raise ProtocolError(f"beschädigte Word-Datei (.docx): {exc}", source) from None
    except Exception as exc:  # noqa: BLE001 - python-docx/lxml raise many types for broken files
        raise ProtocolError(f"Word-Datei (.docx) nicht lesbar: {type(exc).__name__}: {exc}", source) from None


def _docx_blocks(document: Any) -> list[str]:
    """Page header of page 1, then paragraphs and tables in document order (a table row becomes one
    TAB-joined line). The header often carries the title and date that the body leaves out."""
    formats = _numbering_formats(document)
    body = _container_lines(document, formats, {})
    first = {line.lstrip("# ").strip() for line in body[:5]}
    head = [line for line in _page_header(document, formats) if line.strip() and line.strip() not in first]
    return [_CONTROL.sub("", line).rstrip() for line in head + body]


def _page_header(document: Any, formats: dict[str, dict[int, str]]) -> list[str]:
    try:
        section = document.sections[0]
        header = section.first_page_header if section.different_first_page_header_footer else section.header
        if header.is_linked_to_previous:
            return []
        return _container_lines(header, formats, {})
    except Exception:  # noqa: BLE001 - a broken header must not cost the protocol
        return []


def _container_lines(container: Any, formats: dict[str, dict[int, str]],
                     counters: dict[tuple[str, int], int]) -> list[str]:
    from docx.table import Table

    lines: list[str] = []
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_rows(block))
            continue
        prefix = _paragraph_prefix(block, formats, counters)
        parts = block.text.split("\n")  # soft line breaks (Shift+Enter) are lines for the reader
        lines.append(prefix + parts[0])
        lines.extend(parts[1:])
    return lines


def _table_rows(table: Any) -> list[str]:
    rows: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:  # merged cells repeat; keep one
                continue
            previous = cell._tc
            cells.append(" ".join(cell.text.split()))
        rows.append("\t".join(cells))
    return rows


def _numbering_formats(document: Any) -> dict[str, dict[int, str]]:
    """numId -> {level: numFmt} so Word's automatic list numbers can be written out as text."""
    from docx.oxml.ns import qn

    try:
        root = document.part.numbering_part.element
    except Exception:  # noqa: BLE001 - no numbering part: no automatic lists
        return {}
    abstract: dict[str, dict[int, str]] = {}
    for node in root.findall(qn("w:abstractNum")):
        levels: dict[int, str] = {}
        for lvl in node.findall(qn("w:lvl")):
            fmt = lvl.find(qn("w:numFmt"))
            value = fmt.get(qn("w:val")) if fmt is not None else "decimal"
            try:
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = value
            except ValueError:
                continue
        abstract[node.get(qn("w:abstractNumId"), "")] = levels
    result: dict[str, dict[int, str]] = {}
    for num in root.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if ref is not None:
            result[num.get(qn("w:numId"), "")] = abstract.get(ref.get(qn("w:val"), ""), {})
    return result


def _paragraph_prefix(paragraph: Any, formats: dict[str, dict[int, str]],
                      counters: dict[tuple[str, int], int]) -> str:
    """'# ' for headings, '1. ' / '- ' for Word list paragraphs whose numbers are not in the text."""
    from docx.oxml.ns import qn

    style_name = ""
    try:
        style_name = (paragraph.style.name or "") if paragraph.style is not None else ""
    except Exception:  # noqa: BLE001 - broken style references must not stop reading
        style_name = ""
    if m := re.match(r"(?:Heading|Überschrift)\s*(\d)", style_name):
        return "#" * min(int(m.group(1)), 6) + " "
    if style_name == "Title":
        return "# "
    ppr = paragraph._p.pPr
    num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
    if num_pr is None:
        if style_name.startswith("List Number"):
            key = (style_name, 0)
            counters[key] = counters.get(key, 0) + 1
            return f"{counters[key]}. "
        return "- " if style_name.startswith("List Bullet") else ""
    num_id_el, ilvl_el = num_pr.find(qn("w:numId")), num_pr.find(qn("w:ilvl"))
    num_id = num_id_el.get(qn("w:val"), "") if num_id_el is not None else ""
    try:
        level = int(ilvl_el.get(qn("w:val"), "0")) if ilvl_el is not None else 0
    except ValueError:
        level = 0
    if num_id == "0":  # numbering switched off explicitly
        return ""
    fmt = formats.get(num_id, {}).get(level, "decimal")
    if fmt in ("bullet", "none"):
        return "- "
    for key in [k for k in counters if k[0] == num_id and k[1] > level]:
        del counters[key]  # a new parent item restarts its sub-list
    counters[(num_id, level)] = counters.get((num_id, level), 0) + 1
    return "   " * level + f"{counters[(num_id, level)]}. "


# --- PDF ----------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"^(?:-\s*)?(?:(?:seite|page|s\.)\s*)?\d{1,4}(?:\s*(?:von|/|of)\s*\d{1,4})?"
                          r"(?:\s*-)?$", re.IGNORECASE)
_EDGE = 3  # lines at the top and bottom of a page where running headers and footers live


def _pdf_lines(path: Path, data: bytes, source: str) -> list[str]:
    if not data.startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        what = _wrong_content(data) or "keine PDF-Datei"
        raise ProtocolError(f"keine gültige PDF-Datei: Inhalt ist {what}", source)
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            try:
                unlocked = reader.decrypt("")  # owner-password-only PDFs open without a password
            except Exception:  # noqa: BLE001 - e.g. AES without the cryptography package
                unlocked = 0
            if not unlocked:
                raise ProtocolError("PDF ist verschlüsselt (Passwortschutz) – bitte ungeschützt exportieren",
                                    source)
        pages = [page.extract_text() or "" for page in reader.pages]
    except ProtocolError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types for broken files
        raise ProtocolError(f"PDF-Datei nicht lesbar: {type(exc).__name__}: {exc}", source) from None
    page_lines = [_split(text) for text in pages]
    if not any(line.strip() for lines in page_lines for line in lines):
        raise ProtocolError("kein Textlayer (gescannte PDF?) – bitte Text-PDF oder Word-Datei verwenden",
                            source)
    return _drop_running_lines(page_lines)


def _page_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def _drop_running_lines(pages: list[list[str]]) -> list[str]:
    """Remove page numbers and headers/footers that repeat at page edges (keeping page 1's header)."""
    pages = [[line.rstrip() for line in page] for page in pages]
    tops: Counter[str] = Counter()
    bottoms: Counter[str] = Counter()
    for page in pages:
        content = [line for line in page if line.strip()]
        tops.update({_page_key(line) for line in content[:_EDGE]})
        bottoms.update({_page_key(line) for line in content[-_EDGE:]})
    needed = max(2, (len(pages) + 1) // 2)
    headers = {key for key, count in tops.items() if count >= needed} if len(pages) > 1 else set()
    footers = {key for key, count in bottoms.items() if count >= needed} if len(pages) > 1 else set()
    result: list[str] = []
    for number, page in enumerate(pages):
        content_idx = [i for i, line in enumerate(page) if line.strip()]
        top, bottom = set(content_idx[:_EDGE]), set(content_idx[-_EDGE:])
        for i, line in enumerate(page):
            key = _page_key(line)
            at_edge = i in top or i in bottom
            if at_edge and _PAGE_NUMBER.match(line.strip()):
                continue
            if i in bottom and key in footers:
                continue
            if i in top and key in headers and number > 0:
                continue
            result.append(line)
    return result
