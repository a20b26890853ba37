"""PDF protocols -> blocks, from words with positions (pdfium; pdfplumber on pages with drawn lines), page by page.

Ruled tables are found from their drawn lines (`find_tables`, lines strategy) and taken out of the
running text; unruled tables are found from words that stand in the same columns over several lines.
The rest becomes lines: a larger or bold font makes a heading, a bullet or number a list item, and a
line that runs to the right margin continues in the next line (also across a page break). Every block
keeps its page and its line on that page (lines counted top to bottom, table rows included; on a page
set in two text columns, column by column: the left column, then the right one). Running
headers and footers (lines repeated at the top or bottom of most pages, page numbers, "Stand:" or
"Version 2 vom …" at a page edge) are dropped. A page without a text layer (a scan), or whose copier's OCR layer
is junk, is rendered and read like a photographed page (etl/extract/readers/image.py: cleaned, recognised by
tesseract word by word, laid out by position into lines and tables) when tesseract is installed; otherwise it
is refused with a message that says so.
"""

from __future__ import annotations

import io
import re
import statistics
import tempfile
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from etl.core.errors import ProtocolError
from etl.extract.child import tesseract_available
from etl.extract.document import Document
from etl.extract.limits import (
    MAX_OCR_MEGAPIXELS,
    MAX_OCR_PAGES,
    MAX_PAGE_SIDE_POINTS,
    MAX_PDF_PAGES,
    Deadline,
    refuse_pages,
)
from etl.extract.readers.encoding import wrong_content
from etl.extract.readers.image import is_list_title, prepare_page, readable, recognise
from etl.extract.readers.inline import clean
from etl.extract.readers.labels import is_field_line, looks_like_header
from etl.extract.readers.layout import SourceLine
from etl.extract.readers.plain import classify, structure
from etl.extract.readers.running import (
    EDGE,
    is_page_number,
    is_transmission_line,
    is_version_line,
    key,
    mentions_version,
)

_BOLD = ("bold", "black", "heavy", "semibold", "demi")
_BULLETS = "•·▪◦‣–—-*"


@dataclass
class _Line:
    """One visual line of a page: its words, split into segments where a wide gap separates columns."""

    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    bold: bool
    text: str
    segments: list[tuple[float, str]]  # (x0, text) of each column piece
    words: list[tuple[float, float, str]] = field(default_factory=list)  # (x0, x1, text), left to right
    first_word: float = 0.0  # width of the first word: would it have fitted on the line above?
    number: int = 0  # line on the page, counted top to bottom
    wrapped: bool = False  # the line is full: the writer's program broke it, the next line continues it
    edge: float = 0.0  # the right edge of its text column (two-column pages), 0: the page's text margin


@dataclass
class _Page:
    number: int
    width: float
    lines: list[_Line] = field(default_factory=list)
    tables: list[tuple[float, list[tuple[str, ...]], list[int], int]] = field(default_factory=list)
    # (top, rows, line number per row, header rows)
    scanned: bool = False  # read by OCR: table rows stand further apart, ruled lines come back as '|'


def read_pdf(path: Path, data: bytes, source: str) -> Document:
    """A .pdf file -> Document; OCR for scanned pages when available; ProtocolError (German) otherwise.

    Limits (etl.extract.limits) are checked from what pdfium reports before any page is read: the
    number of pages, the page size, and for OCR the number of scanned pages and their pixels.
    """
    if not data.startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        what = wrong_content(data) or "keine PDF-Datei"
        raise ProtocolError(f"keine gültige PDF-Datei: Inhalt ist {what}", source)
    document = Document(source=source, format="pdf")
    pages, scans = _pages(data, source)
    empty = [page.number for page in pages if not page.lines and not page.tables]
    recognised = _ocr(data, source, pages, empty, scans, document) if empty else {}
    document.blocks = structure(_with_recognised(_source_lines(pages, document.meta), recognised))
    if recognised and len(empty) == len(pages) and is_list_title(document.blocks):
        document.kind = "attendance_list"  # a scanned sign-in sheet, as its photo would be
    return document


_ENCRYPTED = "PDF ist verschlüsselt (Passwortschutz) – bitte ungeschützt exportieren"


def _open(data: bytes, source: str) -> Any:
    import pdfplumber

    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many types for broken files
        raise _error(exc, source) from None


def _error(exc: Exception, source: str) -> ProtocolError:
    """pdfminer's exception (pdfplumber wraps it in PdfminerException) -> German ProtocolError."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in str(inner).lower():
        return ProtocolError(_ENCRYPTED, source)
    return ProtocolError(f"PDF-Datei nicht lesbar: {type(inner).__name__}: {inner}", source)


# What OCR makes of a scanned table's ruled lines: a word of bars or brackets only, never content.
_RULE_NOISE = re.compile(r"^[|¦!\[\]{}_]+$")


def _pages(data: bytes, source: str) -> tuple[list[_Page], dict[int, float]]:
    """Every page as positioned lines and tables, plus the scanned pages (no text, an image) with the
    megapixels of their largest image.

    Text comes from pdfium (C, fast); only a page with drawn lines or boxes, where a ruled table may
    stand, goes through pdfplumber's table finder as well. Reading half the build's time went into
    pdfminer's character extraction on every page. A scan with a copier's OCR layer (invisible text over
    the page's image) is read from that layer as long as its words are words; a layer of junk counts as no
    text, so the page goes to the OCR.
    """
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except Exception as exc:  # noqa: BLE001 - pdfium reports broken and encrypted files alike
        if "password" in str(exc).lower():
            raise ProtocolError(_ENCRYPTED, source) from None
        raise _error(exc, source) from None
    plumber: Any = None
    try:
        count = len(document)
        if count > MAX_PDF_PAGES:
            raise refuse_pages(count, source)
        deadline = Deadline(source, "PDF-Datei")
        result: list[_Page] = []
        scans: dict[int, float] = {}
        for index in range(count):
            deadline.check()
            page = document[index]
            width, height = page.get_size()
            if max(width, height) > MAX_PAGE_SIDE_POINTS:
                raise ProtocolError(f"Seite {index + 1} ist {width / 72 * 2.54:.0f} × {height / 72 * 2.54:.0f} cm "
                                    "groß (größer, als PDF erlaubt) – bitte als gewöhnliche PDF (A4) speichern",
                                    source)
            paths, pixels, cover = _drawings(page)
            scanned = cover >= _SCAN_COVER and _hidden_text(page)
            if paths >= _TABLE_PATHS and not scanned:
                if plumber is None:
                    plumber = _open(data, source)
                read = _page(plumber.pages[index], index + 1)
                plumber.pages[index].close()
            else:
                words = _pdfium_words(page, height)
                if scanned:
                    words = [word for word in words if not _RULE_NOISE.match(word["text"])]
                    if not readable(word["text"] for word in words):
                        words = []
                read = _Page(index + 1, float(width), _group_lines(_column_order(words, float(width))),
                             scanned=scanned)
                _number(read)
            if not read.lines and not read.tables and pixels:
                scans[index + 1] = pixels / 1e6
            result.append(read)
            page.close()
        return result, scans
    except ProtocolError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfium/pdfminer raise many types for broken files
        raise _error(exc, source) from None
    finally:
        for closing in (plumber, document):
            try:
                if closing is not None:
                    closing.close()
            except Exception:  # noqa: BLE001, S110 - closing a broken file must not hide the real error
                pass


# A ruled table needs lines or boxes: a page with fewer drawn paths (a rule under the header) has none.
_TABLE_PATHS = 3
# A page is a scan when one image covers at least this share of it.
_SCAN_COVER = 0.5


def _drawings(page: Any) -> tuple[int, int, float]:
    """(drawn paths, pixels of the largest image, the largest share of the page one image covers) on a page, from
    pdfium's object list (nothing rendered)."""
    import ctypes

    import pypdfium2.raw as raw

    paths = 0
    largest = 0
    cover = 0.0
    page_width, page_height = page.get_size()
    area = max(1.0, float(page_width) * float(page_height))
    width, height = ctypes.c_uint(), ctypes.c_uint()
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE), max_depth=4):
        if obj.type == raw.FPDF_PAGEOBJ_PATH:
            paths += 1
        elif raw.FPDFImageObj_GetImagePixelSize(obj.raw, ctypes.byref(width), ctypes.byref(height)):
            largest = max(largest, width.value * height.value)
            left, bottom, right, top = obj.get_bounds()
            cover = max(cover, (right - left) * (top - bottom) / area)
    return paths, largest, cover


def _hidden_text(page: Any) -> bool:
    """The page's text is all invisible (render mode 3): an OCR layer laid over a scan, not typed text."""
    import pypdfium2.raw as raw

    found = False
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_TEXT,), max_depth=4):
        if raw.FPDFTextObj_GetTextRenderMode(obj.raw) != raw.FPDF_TEXTRENDERMODE_INVISIBLE:
            return False
        found = True
    return found


def _pdfium_words(page: Any, height: float) -> list[dict[str, Any]]:
    """Words with position, font and size, as pdfplumber's `extract_words` gives them, from pdfium's characters.

    A word ends at a space (also one pdfium inserts for a gap) or a gap wider than 3 pt; `top` is
    `bottom - size` as in pdfminer, so both sources give the same lines.
    """
    import ctypes

    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    handle = textpage.raw
    words: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    box = raw.FS_RECTF()
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    last_object: int | None = None
    font, size = "", 0.0
    try:
        for index in range(raw.FPDFText_CountChars(handle)):
            code = raw.FPDFText_GetUnicode(handle, index)
            char = chr(code) if 0 < code < 0x110000 else ""
            if not char or char.isspace() or char in "\x00\x02\ufffe":
                current = None
                continue
            text_object = ctypes.cast(raw.FPDFText_GetTextObject(handle, index), ctypes.c_void_p).value
            if text_object != last_object or last_object is None:
                last_object = text_object
                raw.FPDFText_GetFontInfo(handle, index, name, len(name), ctypes.byref(flags))
                font = name.value.decode("utf-8", "replace")
                size = float(raw.FPDFText_GetFontSize(handle, index))
            raw.FPDFText_GetLooseCharBox(handle, index, ctypes.byref(box))
            x0, x1, bottom = float(box.left), float(box.right), height - float(box.bottom)
            top = bottom - size
            if current is not None and (x0 - current["x1"] > 3.0 or x0 < current["x1"] - size
                                        or abs(bottom - current["bottom"]) > 3.0):
                current = None
            if current is None:
                current = {"text": char, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "fontname": font,
                           "size": size}
                words.append(current)
            else:
                current["text"] += char
                current["x1"] = max(current["x1"], x1)
                current["top"] = min(current["top"], top)
                current["bottom"] = max(current["bottom"], bottom)
    finally:
        textpage.close()
    return words


def _column_order(words: list[dict[str, Any]], width: float) -> list[dict[str, Any]]:
    """Words of a page set in two text columns, moved so that the right column stands below the left one.

    A two-column page has a gutter near the middle that no body word crosses, and on both sides lines
    of running text that fill their column (a two-column table, "Name | Organisation", has short
    cells instead). Lines crossing the gutter (a title, a full-width paragraph) split the page into
    bands; in each band the right column's words are moved below the left column's and to its left
    edge, and everything further down moves down as well. All later steps then read the page
    column by column, and lines are counted in reading order.
    """
    if len(words) < 20:
        return words
    best = _gutter(words, int(width * 0.3), int(width * 0.7))
    if best is not None:
        gutter_left, gutter_right = best
        left = [w for w in words if w["x1"] <= gutter_left + 1]
        right = [w for w in words if w["x0"] >= gutter_right - 1]
        if len(left) >= 10 and len(right) >= 10:
            left_width = gutter_left - min(w["x0"] for w in left)
            right_width = max(w["x1"] for w in right) - gutter_right
            # text columns are about equally wide; a table's columns rarely are ("Wer | Was | Bis wann")
            if abs(left_width - right_width) <= 0.25 * max(left_width, right_width) \
                    and _fills_column(left, gutter_left) and _fills_column(right, max(w["x1"] for w in right)):
                return _stack_columns(words, gutter_left, gutter_right)
    return _sidebar(words, width) or words


def _gutter(words: list[dict[str, Any]], low: int, high: int) -> tuple[int, int] | None:
    """The widest vertical strip between `low` and `high` (at least 8 pt) that (almost) no word crosses."""
    crossing = [0] * (high - low + 1)  # words over each point of the strip
    for word in words:
        for x in range(max(int(word["x0"]), low), min(int(word["x1"]) + 1, high + 1)):
            crossing[x - low] += 1
    allowed = max(2, len(words) // 100)
    best: tuple[int, int] | None = None
    start: int | None = None
    for offset, count in enumerate([*crossing, allowed + 1]):  # the sentinel closes a gap at the end
        if count <= allowed:
            start = offset if start is None else start
        elif start is not None:
            if offset - start >= 8 and (best is None or offset - start > best[1] - best[0]):
                best = (low + start, low + offset)
            start = None
    return best


def _sidebar(words: list[dict[str, Any]], width: float) -> list[dict[str, Any]] | None:
    """A newsletter page: running text on the left and a narrow box on the right ('Dabei waren: …'), read
    one after the other (the box below the text) instead of line by line across both."""
    best = _gutter(words, int(width * 0.5), int(width * 0.85))
    if best is None:
        return None
    gutter_left, gutter_right = best
    left = [w for w in words if w["x1"] <= gutter_left + 1]
    right = [w for w in words if w["x0"] >= gutter_right - 1]
    if len(left) < 60 or len({round(w["bottom"]) for w in right}) < 3:
        return None
    left_width = gutter_left - min(w["x0"] for w in left)
    right_width = max(w["x1"] for w in right) - gutter_right
    if right_width > 0.6 * left_width or not _fills_column(left, gutter_left):
        return None
    # beside the box runs text that fills its column; beside a table's right columns stand its short cells
    top, bottom = min(w["top"] for w in right), max(w["bottom"] for w in right)
    beside = [w for w in left if w["bottom"] >= top and w["top"] <= bottom]
    if not beside or not _fills_column(beside, gutter_left) or len(beside) < len(right):
        return None
    # a table's cells on both sides share their rows; a box's lines keep their own spacing
    left_rows = {round(w["bottom"]) for w in left}
    right_rows = {round(w["bottom"]) for w in right}
    if sum(1 for row in right_rows if {row - 1, row, row + 1} & left_rows) > len(right_rows) // 3:
        return None
    return _stack_columns(words, gutter_left, gutter_right)


def _fills_column(words: list[dict[str, Any]], edge: float) -> bool:
    """Most lines of running text end near the column's right edge (at least half of them within 25 %)."""
    lines: dict[int, list[dict[str, Any]]] = {}
    for word in words:
        lines.setdefault(round(word["bottom"]), []).append(word)
    start = min(word["x0"] for word in words)
    span = max(edge - start, 1.0)
    full = sum(1 for line in lines.values() if max(w["x1"] for w in line) - start >= 0.75 * span)
    # running text has no wide gaps inside a line; a table's row has one between its cells
    gapped = sum(1 for line in lines.values() if _widest_gap(line) > 2.0 * float(line[0]["size"]))
    return len(lines) >= 4 and full >= max(2, len(lines) // 3) and gapped <= len(lines) // 5


def _widest_gap(line: list[dict[str, Any]]) -> float:
    ordered = sorted(line, key=lambda w: w["x0"])
    return max((b["x0"] - a["x1"] for a, b in zip(ordered, ordered[1:], strict=False)), default=0.0)


def _stack_columns(words: list[dict[str, Any]], gutter_left: float, gutter_right: float) -> list[dict[str, Any]]:
    rows: dict[int, list[dict[str, Any]]] = {}
    for word in words:
        rows.setdefault(round(word["bottom"]), []).append(word)
    result: list[dict[str, Any]] = []
    shift = 0.0
    band: list[dict[str, Any]] = []

    def close_band() -> None:
        nonlocal shift
        if not band:
            return
        left = [w for w in band if w["x0"] < gutter_right - 1]
        right = [w for w in band if w["x0"] >= gutter_right - 1]
        result.extend({**w, "top": w["top"] + shift, "bottom": w["bottom"] + shift, "edge": gutter_left}
                      for w in left)
        if right:
            band_top = min(w["top"] for w in band)
            left_bottom = max((w["bottom"] for w in left), default=band_top)
            size = max(float(w["size"]) for w in band)
            move_down = left_bottom - band_top + 1.5 * size
            move_left = min(w["x0"] for w in right) - min((w["x0"] for w in left), default=0.0)
            edge = max(w["x1"] for w in right) - move_left
            result.extend({**w, "x0": w["x0"] - move_left, "x1": w["x1"] - move_left,
                           "top": w["top"] + shift + move_down, "bottom": w["bottom"] + shift + move_down,
                           "edge": edge} for w in right)
            right_bottom = max(w["bottom"] for w in right) + move_down
            shift += max(0.0, right_bottom - max(w["bottom"] for w in band))
        band.clear()

    for bottom in sorted(rows):
        line = rows[bottom]
        if _spans(line, (gutter_left + gutter_right) / 2):
            close_band()
            result.extend({**w, "top": w["top"] + shift, "bottom": w["bottom"] + shift} for w in line)
        else:
            band.extend(line)
    close_band()
    return result


def _spans(line: list[dict[str, Any]], centre: float) -> bool:
    """A line runs over both columns when a word covers the gutter's centre, or only a word space separates
    its words left and right of it (a title whose word gap happens to fall on the gutter)."""
    if any(w["x0"] < centre < w["x1"] for w in line):
        return True
    left = [w["x1"] for w in line if w["x1"] <= centre]
    right = [w["x0"] for w in line if w["x0"] >= centre]
    return bool(left and right) and min(right) - max(left) < 1.5 * max(float(w["size"]) for w in line)


def _number(page: _Page) -> None:
    """Lines counted top to bottom (a page without tables)."""
    for number, line in enumerate(page.lines, start=1):
        line.number = number


def _page(page: Any, number: int) -> _Page:
    result = _Page(number, float(page.width))
    words = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False, use_text_flow=False)
    ruled = [table for table in page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
             if len(table.rows) >= 1 and max((len(row.cells) for row in table.rows), default=0) >= 2]
    areas = [table.bbox for table in ruled]

    def inside(word: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
        mid_x, mid_y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        return box[0] - 1 <= mid_x <= box[2] + 1 and box[1] - 1 <= mid_y <= box[3] + 1

    table_words: list[list[dict[str, Any]]] = [[] for _ in ruled]
    free: list[dict[str, Any]] = []
    for word in words:
        for index, box in enumerate(areas):
            if inside(word, box):
                table_words[index].append(word)
                break
        else:
            free.append(word)
    result.lines = _group_lines(free if ruled else _column_order(free, result.width))
    items: list[tuple[float, int, Any]] = [(line.top, 0, line) for line in result.lines]
    for table, own_words in zip(ruled, table_words, strict=True):
        rows = _ruled_rows(table, own_words)
        tops = [row.bbox[1] for row in table.rows]
        header = _ruled_header(rows, table.rows, own_words)
        for row_index, top in enumerate(tops):
            items.append((top, 1, (table, row_index)))
        result.tables.append((table.bbox[1], rows, [], header))
    # number lines and table rows together, top to bottom
    items.sort(key=lambda item: (item[0], item[1]))
    row_numbers: dict[int, list[int]] = {}
    for number_on_page, (_, kind, item) in enumerate(items, start=1):
        if kind == 0:
            item.number = number_on_page
        else:
            table, _row = item
            row_numbers.setdefault(id(table), []).append(number_on_page)
    for index, table in enumerate(ruled):
        top, rows, _, header = result.tables[index]
        result.tables[index] = (top, rows, row_numbers.get(id(table), []), header)
    return result


def _ruled_rows(table: Any, words: list[dict[str, Any]]) -> list[tuple[str, ...]]:
    """Cell texts of a ruled table from the words inside each cell (a merged cell counts once).

    A word too long for a narrow cell is broken without a hyphen ("entschuldi" / "gt"): when one word
    fills its line to the cell's right edge and the next line starts in lower case, they are one word.
    """
    rows: list[tuple[str, ...]] = []
    for row in table.rows:
        cells: list[str] = []
        for box in row.cells:
            if box is None:
                cells.append("")
                continue
            inside = [w for w in words if box[0] - 1 <= (w["x0"] + w["x1"]) / 2 <= box[2] + 1
                      and box[1] - 1 <= (w["top"] + w["bottom"]) / 2 <= box[3] + 1]
            pieces: list[str] = []
            previous: _Line | None = None
            lines = _group_lines(inside)
            padding = min((line.x0 for line in lines), default=box[0]) - box[0]
            for line in lines:
                # only a single word wider than the cell is broken inside: it fills its line alone
                broken = previous is not None and len(previous.words) == 1 \
                    and box[2] - padding - previous.x1 < 0.8 * previous.size \
                    and previous.text[-1:].isalpha() and line.text[:1].islower()
                if broken and pieces:
                    pieces[-1] += line.text
                else:
                    pieces.append(line.text)
                previous = line
            cells.append(_cell("\n".join(pieces)))
        rows.append(tuple(cells))
    return rows


def _cell(value: str | None) -> str:
    """A ruled table cell: None (covered by a merged cell) -> '', lines kept, words re-joined."""
    if not value:
        return ""
    lines = [clean(line) for line in value.split("\n")]
    joined: list[str] = []
    for line in lines:
        if joined and joined[-1].endswith("-") and line[:1].islower() and joined[-1][-2:-1].isalpha():
            joined[-1] = joined[-1][:-1] + line  # "Fach-" / "kräfte" wrapped inside a narrow cell
        elif joined and line and not _starts_entry(line) and not joined[-1].endswith((".", ":", ")")):
            joined[-1] = f"{joined[-1]} {line}"
        elif line:
            joined.append(line)
    return "\n".join(joined)


def _starts_entry(line: str) -> bool:
    return line[:1] in _BULLETS or line[:1].isdigit() or is_field_line(line)


def _ruled_header(rows: list[tuple[str, ...]], table_rows: list[Any], words: list[dict[str, Any]]) -> int:
    if len(rows) < 2:
        return 0
    first = table_rows[0].bbox
    in_first = [w for w in words if first[1] - 1 <= (w["top"] + w["bottom"]) / 2 <= first[3] + 1]
    second = table_rows[1].bbox
    in_second = [w for w in words if second[1] - 1 <= (w["top"] + w["bottom"]) / 2 <= second[3] + 1]
    if in_first and all(_is_bold(w["fontname"]) for w in in_first) and not all(
            _is_bold(w["fontname"]) for w in in_second):
        return 1
    return 1 if looks_like_header(rows[0]) else 0


def _is_bold(fontname: str) -> bool:
    name = fontname.lower()
    return any(mark in name for mark in _BOLD)


def _group_lines(words: list[dict[str, Any]]) -> list[_Line]:
    """Words -> visual lines (same baseline band), each split into column segments at wide gaps."""
    words = sorted(words, key=lambda w: ((w["top"] + w["bottom"]) / 2, w["x0"]))
    groups: list[list[dict[str, Any]]] = []
    for word in words:
        middle = (word["top"] + word["bottom"]) / 2
        if groups:
            last = groups[-1]
            last_middle = statistics.fmean((w["top"] + w["bottom"]) / 2 for w in last)
            if abs(middle - last_middle) <= max(2.0, 0.45 * float(word["size"])):
                last.append(word)
                continue
        groups.append([word])
    lines = []
    for group in groups:
        group.sort(key=lambda w: w["x0"])
        size = statistics.median(float(w["size"]) for w in group)
        segments: list[tuple[float, list[str]]] = []
        previous_x1 = None
        for word in group:
            if previous_x1 is None or word["x0"] - previous_x1 > 1.2 * size:
                segments.append((float(word["x0"]), [word["text"]]))
            else:
                segments[-1][1].append(word["text"])
            previous_x1 = float(word["x1"])
        pieces = [(x0, clean(" ".join(texts))) for x0, texts in segments]
        lines.append(_Line(
            top=min(float(w["top"]) for w in group), bottom=max(float(w["bottom"]) for w in group),
            x0=float(group[0]["x0"]), x1=float(group[-1]["x1"]), size=size,
            bold=all(_is_bold(w["fontname"]) for w in group),
            text=clean(" ".join(w["text"] for w in group)), segments=pieces,
            words=[(float(w["x0"]), float(w["x1"]), w["text"]) for w in group],
            first_word=float(group[0]["x1"]) - float(group[0]["x0"]),
            edge=max(float(w.get("edge", 0.0)) for w in group)))
    return lines


# --- from positioned lines to classified source lines ------------------------------------------------


def _source_lines(pages: list[_Page], meta: dict[str, str]) -> list[SourceLine]:
    dropped = _running(pages)
    _keep_running_text(pages, dropped, meta)
    for page in pages:
        page.lines = [line for line in page.lines if (page.number, line.number) not in dropped]
    for page in pages:
        _unruled_tables(page)
    all_lines = [line for page in pages for line in page.lines]
    body_size = _body_size(all_lines)
    left = min((line.x0 for line in all_lines), default=0.0)
    right = max((line.x1 for line in all_lines if line.size <= body_size * 1.05), default=0.0)
    _mark_wrapped(pages, right)
    heading_sizes = sorted({round(line.size, 1) for line in all_lines if line.size >= body_size * 1.15},
                           reverse=True)
    result: list[SourceLine] = []
    for page in pages:
        entries: list[tuple[float, Any]] = [(line.top, line) for line in page.lines]
        entries += [(table[0], table) for table in page.tables]
        entries.sort(key=lambda entry: entry[0])
        previous: _Line | None = None
        for _, entry in entries:
            if isinstance(entry, tuple):
                _, rows, numbers, header = entry
                result.append(SourceLine("", numbers[0] if numbers else 0, page.number, kind="blank"))
                for index, cells in enumerate(rows):
                    number = numbers[index] if index < len(numbers) else (numbers[-1] if numbers else 0)
                    result.append(SourceLine("\t".join(cells), number, page.number, kind="row", cells=cells,
                                             header=index < header))
                result.append(SourceLine("", numbers[-1] if numbers else 0, page.number, kind="blank"))
                previous = None
                continue
            line: _Line = entry
            if previous is not None and line.top - previous.bottom > 0.9 * max(line.size, previous.size):
                result.append(SourceLine("", line.number, page.number, kind="blank"))  # paragraph gap
            result.append(_classify(line, page.number, body_size, heading_sizes, left))
            previous = line
    return _join_title_lines(result)


def _keep_running_text(pages: list[_Page], dropped: set[tuple[int, int]], meta: dict[str, str]) -> None:
    """The running header and footer go to meta ("header", "footer") like a Word file's: never content,
    but a title or date printed only there is not lost. Page numbers are left out."""
    for kind, edge in (("header", lambda lines: lines[:EDGE]), ("footer", lambda lines: lines[-EDGE:])):
        texts: list[str] = []
        for page in pages:
            for line in edge(page.lines):
                if ((page.number, line.number) in dropped and not is_page_number(line.text, at_edge=True)
                        and not is_transmission_line(line.text)):
                    pieces = [text for _, text in line.segments if not is_page_number(text)] or [line.text]
                    text = " | ".join(pieces)
                    if text not in texts and not (kind == "footer" and text in meta.get("header", "").split("\n")):
                        texts.append(text)
        if texts:
            meta[kind] = "\n".join(texts)


def _mark_wrapped(pages: list[_Page], right: float) -> None:
    """A line is wrapped when the next line's first word would not have fitted after it (greedy line
    breaking, as every word processor does), measured against the text's right margin."""
    following: list[_Line] = [line for page in pages for line in page.lines]
    for line, nxt in zip(following, following[1:], strict=False):
        space = 0.3 * line.size
        gap = nxt.top - line.bottom
        same_block = gap <= 0.9 * max(line.size, nxt.size) or nxt.top < line.top  # next page: top restarts
        margin = line.edge or right
        line.wrapped = same_block and line.x1 + space + nxt.first_word > margin - 0.5 * line.size \
            and len(line.segments) == 1


def _body_size(lines: list[_Line]) -> float:
    weights: Counter[float] = Counter()
    for line in lines:
        weights[round(line.size, 1)] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 10.0


def _classify(line: _Line, page: int, body: float, heading_sizes: list[float], left: float) -> SourceLine:
    char = max(body * 0.5, 1.0)
    indent = max(0, round((line.x0 - left) / char))
    out: list[SourceLine] = []
    classify(line.text, line.number, out, markdown=False)
    sl = out[-1] if out else SourceLine(line.text, line.number, kind="text")
    spans = tuple((round((x0 - left) / char), text) for x0, text in line.segments) if len(line.segments) > 1 \
        else ()
    sl = replace(sl, page=page, indent=indent, width=round((line.x1 - left) / char), spans=spans,
                 body_indent=indent + (len(sl.marker) + 1 if sl.kind == "item" else 0), wrapped=line.wrapped)
    size = round(line.size, 1)
    short = len(line.text) <= 120 and not sl.field and sl.kind == "text"
    if short and size in heading_sizes:
        return replace(sl, kind="heading", level=min(heading_sizes.index(size) + 1, 5), spans=(),
                       hard_break=line.wrapped)
    numbered = sl.kind == "item" and sl.marker[:1].isdigit() and len(line.text) <= 80
    if (short or numbered) and line.bold and len(line.segments) == 1 and not line.text.endswith((".", ",")):
        # "3. Aufgaben" in bold is a numbered heading, not a list item
        return replace(sl, kind="heading", level=min(len(heading_sizes) + 1, 6), spans=(), text=line.text,
                       marker="")
    return sl


def _join_title_lines(lines: list[SourceLine]) -> list[SourceLine]:
    """Two heading lines of the same size directly under each other are one wrapped heading."""
    result = list(lines)
    for i in range(len(result) - 1):
        a, b = result[i], result[i + 1]
        if a.kind == b.kind == "heading" and a.level == b.level and a.page == b.page and b.line == a.line + 1:
            result[i] = replace(a, hard_break=True)
    return result


def _unruled_tables(page: _Page) -> None:
    """Tables without rules: a header row (column titles or bold) over aligned lines, or ≥3 lines with
    pieces in the same ≥2 columns. Their lines leave the running text and become one table entry.

    Words go to the column whose start they are at or after, so a narrow gap between two cells does not
    glue them. A cell that wraps leaves a line with an empty first column (top-aligned cells) or lines
    closer than one line height (vertically centred cells): both join the row they belong to.
    """
    lines = page.lines
    kept: list[_Line] = []
    i = 0
    while i < len(lines):
        found = _table_at(lines, i, page.scanned)
        if found is None:
            kept.append(lines[i])
            i += 1
            continue
        end, columns, header = found
        rows, numbers = _rows(lines[i:end], columns, header)
        page.tables.append((lines[i].top, rows, numbers, 1 if header else 0))
        i = end
    page.lines = kept


def _table_at(lines: list[_Line], start: int, scanned: bool = False) -> tuple[int, list[float], bool] | None:
    first = lines[start]
    if len(first.segments) < 2 or is_field_line(first.text):
        return None
    columns = [x0 for x0, _ in first.segments]
    texts = [text for _, text in first.segments]
    following = lines[start + 1] if start + 1 < len(lines) else None
    header = looks_like_header(texts) or (first.bold and following is not None and not following.bold)
    tolerance = 0.4 * first.size
    end = start + 1
    while end < len(lines):
        line, above = lines[end], lines[end - 1]
        # the rows of a scanned form stand far apart (room for a signature)
        if line.top - above.bottom > (2.0 if scanned else 1.0) * line.size or is_field_line(line.text) \
                or abs(line.size - first.size) > (0.3 * first.size if scanned else 0.6):
            break
        starts = [x0 for x0, _ in line.segments]
        if not all(any(abs(x0 - column) <= tolerance for column in columns) for x0 in starts):
            if header or len(line.segments) < 2:
                break
            merged = sorted({*columns, *starts})  # no header: columns are learned from the rows
            if len(merged) > len(columns) + 1:
                break
            columns = merged
        end += 1
    multi = sum(1 for line in lines[start:end] if len(line.segments) >= 2)
    if (header and end - start >= 2) or multi >= 3:
        return end, columns, header
    return None


def _rows(lines: list[_Line], columns: list[float], header: bool) -> tuple[list[tuple[str, ...]], list[int]]:
    """Visual lines -> table rows (cell texts, line number of each row's first line)."""
    size = statistics.median(line.size for line in lines)
    tops = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False)]
    centred = any(diff < 0.9 * size for diff in tops)
    tolerance = 0.4 * size
    rows: list[list[list[str]]] = []
    numbers: list[int] = []
    previous: _Line | None = None
    for line in lines:
        cells: list[list[str]] = [[] for _ in columns]
        for x0, _, text in line.words:
            column = max((c for c, start in enumerate(columns) if start <= x0 + tolerance), default=0)
            cells[column].append(text)
        parts = [" ".join(words) for words in cells]
        same_row = previous is not None and bool(rows) and not (header and len(rows) == 1) and (
            line.top - previous.top < 0.9 * size or (not centred and not parts[0]))
        if same_row:
            for column, part in enumerate(parts):
                if part:
                    rows[-1][column].append(part)
        else:
            rows.append([[part] if part else [] for part in parts])
            numbers.append(line.number)
        previous = line
    return [tuple(_cell("\n".join(cell)) for cell in row) for row in rows], numbers


def _running(pages: list[_Page]) -> set[tuple[int, int]]:
    """(page, line number) of running headers/footers: page-edge repeats, page numbers, 'Stand:'/'Version'."""
    texts = [[line.text for line in page.lines] for page in pages]
    drop: set[tuple[int, int]] = set()
    tops: Counter[str] = Counter()
    bottoms: Counter[str] = Counter()
    for page_texts in texts:
        tops.update({key(text) for text in page_texts[:EDGE]})
        bottoms.update({key(text) for text in page_texts[-EDGE:]})
    needed = max(2, (len(pages) + 1) // 2)
    multi = len(pages) > 1
    body = _body_size([line for page in pages for line in page.lines])
    for page, page_texts in zip(pages, texts, strict=True):
        count = len(page_texts)
        furniture: set[tuple[int, int]] = set()
        repeated: set[tuple[int, int]] = set()
        for index, line in enumerate(page.lines):
            at_top, at_bottom = index < EDGE, index >= count - EDGE
            if not (at_top or at_bottom):
                continue
            where = (page.number, line.number)
            pieces = [text for _, text in line.segments] or [line.text]
            outermost = index in (0, count - 1)
            # "Seite 2 von 3" / "- 2 -" anywhere in an edge line; a bare "2" only as the outermost line alone
            if any(is_page_number(piece) for piece in pieces) or (
                    len(pieces) == 1 and outermost and is_page_number(line.text, at_edge=True)):
                furniture.add(where)
            elif any(is_version_line(piece) for piece in pieces) and (index == 0 or at_bottom):
                furniture.add(where)
            elif (index < 2 or index >= count - 2) and is_transmission_line(line.text):
                furniture.add(where)  # a fax's sending line: the day it was sent, not the meeting's
            elif outermost and line.size < body and mentions_version(line.text):
                furniture.add(where)  # "AG Transfer – Protokoll – Version 3 vom 02.02.2022" in small print
            elif multi and at_bottom and bottoms[key(line.text)] >= needed:
                repeated.add(where)
            elif multi and at_top and tops[key(line.text)] >= needed and (page.number > 1 or line.size < body):
                repeated.add(where)  # on page 1 only in small print: there a large repeated line is the title
        drop |= furniture
        if len(furniture | repeated) < count:  # pages that repeat as a whole are content, not furniture
            drop |= repeated
    return drop


# --- OCR --------------------------------------------------------------------------------------------


def ocr_available() -> bool:
    """True when tesseract with German language data is installed (scanned pages are read by the image reader's
    OCR: rendered, prepared, recognised word by word, laid out by position)."""
    return tesseract_available()


# Scanned pages are rendered at a scanner's resolution: tesseract reads letters best at 25-40 pixels high.
_RENDER_DPI = 300


def _ocr(data: bytes, source: str, pages: list[_Page], empty: list[int], scans: dict[int, float],
         document: Document) -> dict[int, list[SourceLine]]:
    """The lines of the scanned pages (no text, an image) by page number: each page rendered and read like a
    photographed page (etl/extract/readers/image.py: prepared, tesseract in a guarded child process, words laid
    out by position into lines and tables), within the OCR limits.

    A page without text and without an image is blank: there is nothing to recognise, it is skipped.
    """
    blank = [number for number in empty if number not in scans]
    if len(blank) == len(pages):
        raise ProtocolError("PDF enthält weder Text noch gescannte Seiten (alle Seiten leer)", source)
    document.warnings += [f"Seite {n}: leer (kein Text, kein Bild)" for n in blank if len(pages) > 1][:20]
    candidates = [number for number in empty if number in scans]
    if not candidates:
        return {}
    everything = len(candidates) + len(blank) == len(pages)
    if not ocr_available():
        if everything:
            raise ProtocolError("kein Textlayer (gescannte PDF?) – die Texterkennung (OCR: tesseract-ocr mit "
                                "tesseract-ocr-deu) ist nicht installiert; bitte Text-PDF oder Word-Datei "
                                "verwenden", source)
        document.warnings += [f"Seite {n}: kein Textlayer, nicht gelesen (Texterkennung nicht installiert)"
                              for n in candidates]
        return {}
    if len(candidates) > MAX_OCR_PAGES:
        raise ProtocolError(f"{len(candidates)} gescannte Seiten ohne Textlayer (Texterkennung für höchstens "
                            f"{MAX_OCR_PAGES} Seiten) – bitte nur das Protokoll scannen oder als Text-PDF "
                            "bzw. Word-Datei speichern", source)
    largest = max(candidates, key=lambda number: scans[number])
    if scans[largest] > MAX_OCR_MEGAPIXELS:
        raise ProtocolError(f"Seite {largest}: gescanntes Bild mit {scans[largest]:.0f} Megapixeln (Texterkennung "
                            f"für höchstens {MAX_OCR_MEGAPIXELS:.0f}) – bitte mit 300 dpi neu scannen", source)
    with tempfile.TemporaryDirectory(prefix="netzwerkradar-ocr-") as folder:
        prepared = _rendered(data, source, candidates, Path(folder))
        unreadable: list[str] = []
        lines = recognise(prepared, source, numbers=candidates, warnings=unreadable)
    by_page: dict[int, list[SourceLine]] = {}
    for line in lines:
        if line.page is not None:
            by_page.setdefault(line.page, []).append(line)
    found = {n: page_lines for n, page_lines in by_page.items() if any(line.kind != "blank" for line in page_lines)}
    still_empty = [n for n in candidates if n not in found]
    if everything and len(still_empty) == len(candidates):
        raise ProtocolError("kein Textlayer (gescannte PDF?) – auch die Texterkennung (OCR) fand keinen Text",
                            source)
    document.warnings += [f"Seite {n}: per Texterkennung (OCR) gelesen – bitte Namen prüfen"
                          for n in candidates if n not in still_empty]
    document.warnings += [f"Seite {n}: kein Text gefunden, auch nicht per Texterkennung" for n in still_empty]
    document.warnings += unreadable
    return found


def _rendered(data: bytes, source: str, numbers: list[int], folder: Path) -> list[Any]:
    """The scanned pages rendered in grey at 300 dpi (fewer when a large page would exceed the OCR megapixels) and
    prepared for OCR like a photographed page (turned as the PDF says, deskewed, ruled lines erased, binarised)."""
    import pypdfium2 as pdfium

    deadline = Deadline(source, "PDF-Datei")
    document = pdfium.PdfDocument(data)
    try:
        prepared = []
        for number in numbers:
            deadline.check()
            page = document[number - 1]
            width, height = page.get_size()
            dpi = min(float(_RENDER_DPI), 72 * (MAX_OCR_MEGAPIXELS * 1e6 / max(1.0, width * height)) ** 0.5)
            image = page.render(scale=dpi / 72, grayscale=True).to_pil()
            page.close()
            prepared.append(prepare_page(image, dpi, folder / f"seite-{number}.png"))
        return prepared
    finally:
        document.close()


def _with_recognised(lines: list[SourceLine], recognised: dict[int, list[SourceLine]]) -> list[SourceLine]:
    """The text pages' lines with the recognised pages' lines put in at their pages, a blank line around each."""
    if not recognised:
        return lines
    pending = sorted(recognised)
    out: list[SourceLine] = []

    def put(number: int) -> None:
        out.append(SourceLine("", 0, number, kind="blank"))
        out.extend(recognised[number])
        out.append(SourceLine("", 0, number, kind="blank"))

    for line in lines:
        while pending and line.page is not None and line.page > pending[0]:
            put(pending.pop(0))
        out.append(line)
    for number in pending:
        put(number)
    return out
