"""Photographed or scanned pages (.jpg, .png, .tif, .heic) -> blocks, by OCR (tesseract, German).

Offices photograph the signed sign-in sheet with a phone or scan it to JPEG/TIFF. Each page (a TIFF
frame) is recognised by tesseract in a guarded child process (etl/extract/child.py: it ends with
the build) under the OCR time limit. Its words come back with their boxes (TSV), are grouped into
lines by position and laid out on a character grid, so the words of a table keep their columns and
the text reader's rules find the table (`Name  Organisation  Unterschrift` over aligned rows); a
scribbled signature is whatever tesseract makes of it, a filled cell.

Why not wrap the image as PDF for the PDF reader's OCR: the rows of a sign-in sheet stand far apart
(room to sign), and the PDF reader (rightly, for prose) does not take lines that far apart as one table.

Limits are checked from the image header before a pixel is decoded (Pillow reads sizes lazily):
frames (pages) and megapixels per frame, as for scanned PDF pages. A phone's EXIF rotation is applied.
"""

from __future__ import annotations

import io
import re
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from etl.core.errors import ProtocolError
from etl.extract.child import TimedOut, run_guarded, tesseract_available
from etl.extract.document import Document
from etl.extract.limits import MAX_OCR_MEGAPIXELS, MAX_OCR_PAGES, OCR_MAX_SECONDS, OCR_SECONDS_PER_PAGE
from etl.extract.readers.encoding import wrong_content
from etl.extract.readers.layout import SourceLine
from etl.extract.readers.plain import classify, structure
from etl.extract.readers.running import is_transmission_line

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
HEIF_SUFFIXES = (".heic", ".heif")
# The page every image is laid out on: 300 dpi, as a scanner would write it.
DPI = 300
# A page whose first block says it is a sign-in or attendance list (no agenda expected).
_LIST_TITLE = re.compile(r"^\W*(?:teilnehm\w*|teilnahme|anwesenheits|unterschriften|präsenz)[-\s]*liste",
                         re.IGNORECASE)
_NAMES = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".tif": "TIFF", ".tiff": "TIFF", ".heic": "HEIC",
          ".heif": "HEIF"}


def heif_available() -> bool:
    """True when pillow-heif (HEIC/HEIF, the iPhone's photo format) is installed."""
    try:
        import pillow_heif  # noqa: F401
    except ImportError:
        return False
    return True


def _content(data: bytes) -> str | None:
    """The image type the bytes are, by their signature, or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "TIFF"
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"heim",
                                               b"heis"):
        return "HEIC"
    return None




def read_image(data: bytes, source: str, suffix: str) -> Document:
    """An image file -> Document by OCR; ProtocolError (German) for anything that cannot be recognised."""
    check_image(data, source, suffix)
    if not tesseract_available():
        raise ProtocolError(f"Bilddatei ({suffix}) kann nur per Texterkennung gelesen werden, und die ist nicht "
                            "installiert (tesseract-ocr mit tesseract-ocr-deu) – bitte das Protokoll als Text-PDF "
                            "oder Word-Datei speichern", source)
    with tempfile.TemporaryDirectory(prefix="netzwerkradar-bild-") as folder:
        pages = _pages(data, source, suffix, Path(folder))
        lines = _recognise(pages, source)
    if not any(line.kind != "blank" for line in lines):
        raise ProtocolError(f"Bilddatei ({suffix}): die Texterkennung (OCR) fand keinen Text – bitte deutlicher "
                            "fotografieren oder scannen (gerade, hell, 300 dpi)", source)
    blocks = structure(lines)
    kind = "attendance_list" if blocks and _LIST_TITLE.match(blocks[0].text) else "protocol"
    document = Document(source=source, format=suffix[1:], blocks=blocks, kind=kind)
    document.warnings.append("Bild per Texterkennung (OCR) gelesen – bitte Namen prüfen" if len(pages) == 1 else
                             f"{len(pages)} Seiten per Texterkennung (OCR) gelesen – bitte Namen prüfen")
    return document


def check_image(data: bytes, source: str, suffix: str) -> None:
    """Refuse an image that is not what its suffix says, or has too many pages or pixels for OCR: from the
    signature and the header only (no pixel decoded), so the upload can call it too."""
    name = _NAMES[suffix]
    found = _content(data)
    if found != name and not (found == "HEIC" and suffix in HEIF_SUFFIXES):
        what = f"ein {found}-Bild" if found else (wrong_content(data) or "kein Bild")
        raise ProtocolError(f"keine gültige {name}-Bilddatei ({suffix}): Inhalt ist {what}", source)
    with _open(data, source, suffix) as image:
        frames = getattr(image, "n_frames", 1)
        if frames > MAX_OCR_PAGES:
            raise ProtocolError(f"Bilddatei mit {frames} Seiten (Texterkennung für höchstens {MAX_OCR_PAGES} "
                                "Seiten) – bitte nur das Protokoll scannen", source)
        for index in range(frames):
            image.seek(index)
            width, height = image.size
            if width * height > MAX_OCR_MEGAPIXELS * 1_000_000:
                raise _too_many_pixels(width * height, source)


def _open(data: bytes, source: str, suffix: str) -> Any:
    """The image, opened lazily (Pillow reads the header, no pixels); pillow-heif for HEIC."""
    from PIL import Image, UnidentifiedImageError

    if suffix in HEIF_SUFFIXES:
        if not heif_available():
            raise ProtocolError(f"Bilddatei ({suffix}) wird nicht gelesen: das Lesen von HEIC-Fotos (pillow-heif) "
                                "ist nicht installiert – bitte das Foto als JPEG speichern oder als PDF scannen",
                                source)
        import pillow_heif

        pillow_heif.register_heif_opener()
    try:
        return Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        pixels = re.search(r"\((\d+) pixels\)", str(exc))
        raise _too_many_pixels(int(pixels.group(1)) if pixels else 0, source) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ProtocolError(f"Bilddatei ({suffix}) ist beschädigt und nicht lesbar ({exc})", source) from None


def _pages(data: bytes, source: str, suffix: str, folder: Path) -> list[_Page]:
    """The image's frames, prepared for OCR (see `_prepare`), as PNG files with their resolution."""
    from PIL import ImageOps

    pages = []
    try:
        with _open(data, source, suffix) as image:
            for index in range(getattr(image, "n_frames", 1)):
                image.seek(index)
                dpi = image.info.get("dpi", (0, 0))[0] or 0
                pages.append(prepare_page(ImageOps.exif_transpose(image), dpi, folder / f"seite-{index + 1}.png"))
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ProtocolError(f"Bilddatei ({suffix}) ist beschädigt und nicht lesbar ({exc})", source) from None
    return pages


def prepare_page(image: Any, dpi: float, path: Path) -> _Page:
    """One page image prepared for OCR (`_prepare`) and saved as PNG at `path` with its resolution (300 dpi when
    the file gives none or too little)."""
    prepared, ink, factor = _prepare(image)
    dpi = round((dpi if dpi >= 100 else DPI) * factor)
    prepared.save(path, "PNG", dpi=(dpi, dpi))
    return _Page(path, ink)


@dataclass(frozen=True)
class _Page:
    path: Path
    ink: Any  # numpy bool array: dark pixels of the prepared page, ruled lines removed


# A page narrower than this (pixels) is a small phone photo or a 100-dpi scan: enlarged before OCR, since
# tesseract reads letters best at 25-40 pixels high.
_SMALL_WIDTH = 1700
_TARGET_WIDTH = 2480
# Skew searched for (degrees each way) and its step: a photographed sheet stands a few degrees askew.
_MAX_SKEW, _SKEW_STEP = 4.0, 0.25


def _prepare(image: Any) -> tuple[Any, Any, float]:
    """The page as tesseract reads it best: grey, dither dots of a fax gone (median), small photos enlarged,
    turned straight (the angle whose row profile is sharpest), the ruled lines of a table erased (they break
    letters and rows apart). Returns the prepared page, its ink mask (to see a signature that is no word) and the
    enlargement factor."""
    import numpy as np
    from PIL import Image, ImageFilter

    bilevel = image.mode == "1"
    page = image.convert("L")
    if bilevel:
        page = page.filter(ImageFilter.MedianFilter(3))
    factor = 1.0
    if page.width < _SMALL_WIDTH:
        factor = min(3.0, _TARGET_WIDTH / page.width)
        page = page.resize((round(page.width * factor), round(page.height * factor)), Image.Resampling.LANCZOS)
    angle = _skew(page)
    if angle:
        page = page.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    pixels = np.asarray(page)
    ink = pixels <= _threshold(pixels)
    ink &= ~_ruled_lines(ink)
    return Image.fromarray(np.where(ink, 0, 255).astype(np.uint8)), ink, factor


def _threshold(pixels: Any) -> int:
    """Otsu's threshold of a grey page: the level that best splits ink (at or below it) from paper."""
    import numpy as np

    histogram = np.bincount(pixels.ravel(), minlength=256).astype(float)
    levels = np.arange(256)
    weight = np.cumsum(histogram)
    mean = np.cumsum(histogram * levels)
    total, total_mean = weight[-1], mean[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (total_mean * weight - mean * total) ** 2 / (weight * (total - weight))
    between = np.nan_to_num(between[:255], nan=-1.0)
    return int(np.argmax(between)) if between.max() > 0 else 127


def _skew(page: Any) -> float:
    """The angle (degrees) that turns the page's text lines level: the one whose row sums of ink vary most."""
    import numpy as np
    from PIL import Image

    small = page.resize((max(1, page.width // 3), max(1, page.height // 3)), Image.Resampling.BILINEAR)
    pixels = np.asarray(small)
    mask = Image.fromarray(((pixels <= _threshold(pixels)) * 255).astype(np.uint8))

    def sharpness(angle: float) -> float:
        rows = np.asarray(mask.rotate(angle, resample=Image.Resampling.NEAREST)).sum(axis=1, dtype=float)
        return float(np.square(np.diff(rows)).sum())

    # whole degrees first, then quarter degrees around the best: 15 turns instead of 33
    coarse = [float(a) for a in range(-int(_MAX_SKEW), int(_MAX_SKEW) + 1)]
    best = max(coarse, key=lambda a: (sharpness(a), -abs(a)))
    fine = [best + k * _SKEW_STEP for k in (-3, -2, -1, 1, 2, 3)]
    best = max([best, *fine], key=lambda a: (sharpness(a), -abs(a)))
    return best if abs(best) >= _SKEW_STEP else 0.0


def _runs(ink: Any, length: int) -> Any:
    """The ink pixels that belong to a horizontal run of at least `length` ink pixels."""
    import numpy as np

    rows, width = ink.shape
    if width < length:
        return np.zeros_like(ink)
    counts = np.zeros((rows, width + 1), dtype=np.int32)
    counts[:, 1:] = np.cumsum(ink, axis=1, dtype=np.int32)
    starts = np.zeros((rows, width), dtype=np.int32)
    starts[:, :width - length + 1] = (counts[:, length:] - counts[:, :-length]) == length  # a full run starts here
    covered = np.zeros((rows, width + 1), dtype=np.int32)
    covered[:, 1:] = np.cumsum(starts, axis=1, dtype=np.int32)
    position = np.arange(width)
    return (covered[:, position + 1] - covered[:, np.maximum(0, position - length + 1)]) > 0


def _ruled_lines(ink: Any) -> Any:
    """Ink of ruled lines: horizontal runs longer than 1/25 of the page width, vertical ones longer than 1/25 of
    its height (a letter is far shorter, a scribble is not straight). A line a photo shows a pixel or two off
    straight still counts (runs are sought in the ink thickened by two pixels across), and its soft edges go
    with it (three pixels around)."""
    height, width = ink.shape
    across = _grow(ink, 2, axis=0)
    lines = _runs(across, max(40, width // 25))
    across = _grow(ink, 2, axis=1)
    lines |= _runs(across.T, max(40, height // 25)).T
    return _grow(_grow(lines, 3, axis=0), 3, axis=1) & ink


def _grow(mask: Any, by: int, axis: int) -> Any:
    """`mask` widened by `by` pixels each way along `axis`."""
    grown = mask.copy()
    for shift in range(1, by + 1):
        if axis == 0:
            grown[shift:, :] |= mask[:-shift, :]
            grown[:-shift, :] |= mask[shift:, :]
        else:
            grown[:, shift:] |= mask[:, :-shift]
            grown[:, :-shift] |= mask[:, shift:]
    return grown


def _recognise(pages: list[_Page], source: str) -> list[SourceLine]:
    """tesseract on every page (guarded child, one time limit for all) -> classified lines, page by page."""
    timeout = min(OCR_MAX_SECONDS, 60 + OCR_SECONDS_PER_PAGE * len(pages))
    started = time.monotonic()
    lines: list[SourceLine] = []
    number = 0
    for page, prepared in enumerate(pages, start=1):

        def run(*options: str, path: Path = prepared.path) -> str:
            left = timeout - (time.monotonic() - started)
            try:
                if left <= 0:
                    raise TimedOut
                done = run_guarded(["tesseract", str(path), "stdout", *options], timeout=left)
            except TimedOut:
                raise ProtocolError(f"Texterkennung (OCR) nach {timeout} s abgebrochen (Zeitlimit für {len(pages)} "
                                    "Seite(n)) – bitte als Text-PDF oder Word-Datei speichern", source) from None
            if done.returncode != 0:
                message = (done.stderr or done.stdout).strip().splitlines()
                raise ProtocolError("die Texterkennung (OCR) ist fehlgeschlagen"
                                    f"{': ' + message[-1] if message else ''}", source)
            return done.stdout

        words = _words(run("-l", "deu", "--psm", PSM, "tsv"))
        if _doubtful(words):
            turned = _upright(prepared, run("--psm", "0", "-l", "osd"))
            if turned is not None:
                prepared = turned
                words = _words(run("-l", "deu", "--psm", PSM, "tsv", path=turned.path))
        if lines:
            lines.append(SourceLine("", number, kind="blank"))
        laid = _layout(words, prepared.ink)
        content = [i for i, item in enumerate(laid) if item]
        edges = set(content[:2] + content[-2:])
        for index, item in enumerate(laid):
            if index in edges and isinstance(item, str) and is_transmission_line(item):
                continue  # the fax's sending line dates the sending, not the meeting
            number += 1
            before = len(lines)
            if isinstance(item, str):
                classify(item, number, lines, markdown=False)
            else:
                cells, header = item
                lines.append(SourceLine("\t".join(cells), number, kind="row", cells=cells, header=header))
            lines[before:] = [_on_page(line, page if len(pages) > 1 else None) for line in lines[before:]]
    return lines


def _doubtful(words: list[_Word]) -> bool:
    """Too few sure words of three letters or more for a page of text: perhaps the page lies on its side or
    upside down (a scan saved sideways, a photo without an EXIF rotation)."""
    return sum(1 for word in words if word.conf >= 80 and sum(c.isalpha() for c in word.text) >= 3) < 5


def _upright(prepared: _Page, osd: str) -> _Page | None:
    """The page turned as tesseract's orientation detection says ('Rotate: 90' = turn 90° clockwise), or None
    when it stands upright or the detection found nothing."""
    import numpy as np
    from PIL import Image

    found = re.search(r"^Rotate:\s*(\d+)", osd, re.MULTILINE)
    if not found or int(found.group(1)) % 360 == 0:
        return None
    clockwise = int(found.group(1)) % 360
    with Image.open(prepared.path) as image:
        dpi = image.info.get("dpi", (DPI, DPI))
        turned = image.rotate(-clockwise, expand=True)
    path = prepared.path.with_name(prepared.path.stem + "-gedreht.png")
    turned.save(path, "PNG", dpi=dpi)
    return _Page(path, np.rot90(prepared.ink, k=-clockwise // 90))


def _on_page(line: SourceLine, page: int | None) -> SourceLine:
    from dataclasses import replace

    return replace(line, page=page) if page is not None else line


@dataclass(frozen=True)
class _Word:
    left: int
    top: int
    width: int
    height: int
    text: str
    conf: float

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def middle(self) -> float:
        return self.top + self.height / 2


# tesseract's page segmentation: 4 = one column of text of varying sizes, read line by line (chosen by measurement
# on generated sheets, protocols and faxes; see tests/fixtures/readers/make_scans.py).
PSM = "4"
# Words tesseract is less sure of than this are dropped when they are no more than a fragment (a scribble's
# strokes read as 'mm', 'am', '~', ',,'): real words of a clear page come back at 80-97.
_MIN_CONF = 50.0
_FRAGMENT = re.compile(r"^(?:\W*|\w{1,3}\W*|\W+\w{1,3}\W*)$")
_NOISE = re.compile(r"^[\W_]+$")
# A column header of a sign-in sheet whose cells hold a signature (read as ink, not as words).
_SIGNATURE_HEADER = re.compile(r"^(?:unterschrift(?:en)?|signatur|handzeichen|paraphe|signature|kürzel)\b", re.I)
# Share of a signature cell's pixels that must be ink for it to count as signed.
_SIGNED_INK = 0.004


def _words(tsv: str) -> list[_Word]:
    """The recognised words of tesseract's TSV output (level 5 rows) with their boxes, noise dropped: a word of
    no letter or digit that tesseract is unsure of, and an unsure fragment of one to three letters."""
    words = []
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) == 12 and fields[0] == "5" and fields[11].strip():
            left, top, width, height = (int(value) for value in fields[6:10])
            text, conf = fields[11].strip(), float(fields[10])
            if conf < _MIN_CONF and (_FRAGMENT.match(text) or _NOISE.match(text)):
                continue
            if conf < _MIN_CONF / 2:
                continue
            words.append(_Word(left, top, width, height, text, conf))
    return words


_Line = list[_Word]
_Laid = str | tuple[tuple[str, ...], bool]  # a text line, or a table row (cells, is the header)


def _layout(words: list[_Word], ink: Any = None) -> list[_Laid]:
    """Words -> lines in reading order; where lines stand in columns under a header line, table rows (cells), else
    text on a character grid (a wide gap keeps the column the word stands in); a gap of more than two line heights
    is a blank line."""
    if not words:
        return []
    height = statistics.median(word.height for word in words)
    char = statistics.median(word.width / len(word.text) for word in words) or 1.0
    margin = min(word.left for word in words)
    rows: list[_Line] = []
    for box in sorted(words, key=lambda w: w.middle):
        if rows and abs(box.middle - statistics.fmean(w.middle for w in rows[-1])) <= 0.5 * height:
            rows[-1].append(box)
        else:
            rows.append([box])
    for row in rows:
        row.sort(key=lambda w: w.left)
    tables = _tables(rows, char, height, ink)
    out: list[_Laid] = []
    bottom = None
    for index, row in enumerate(rows):
        top = min(w.top for w in row)
        if bottom is not None and top - bottom > 2 * height and not (index in tables and index - 1 in tables):
            out.append("")
        bottom = max(w.top + w.height for w in row)
        if index in tables:
            out.append(tables[index])
            continue
        text = ""
        end = None
        for word in row:
            if end is not None and word.left - end <= 1.5 * char:
                text += " " + word.text
            else:
                column = round((word.left - margin) / char)
                text += " " * max(column - len(text), 2 if text else 0) + word.text
            end = word.right
        out.append(text.rstrip())
    return out


def _segments(row: _Line, char: float) -> list[_Line]:
    """The words of a line in runs: a gap wider than two characters starts a new run (a new column)."""
    runs: list[_Line] = []
    for word in row:
        if runs and word.left - runs[-1][-1].right <= 2.2 * char:
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def _tables(rows: list[_Line], char: float, height: float, ink: Any) -> dict[int, tuple[tuple[str, ...], bool]]:
    """Table rows by line index: a line of two or more runs (the header) over lines whose runs start under its
    runs. A column whose header names a signature ('Unterschrift') holds ink, not words: its cell is 'x' where
    the cell has ink, empty where nobody signed."""
    found: dict[int, tuple[tuple[str, ...], bool]] = {}
    index = 0
    while index < len(rows):
        header = _segments(rows[index], char)
        if len(header) < 2 or index in found:
            index += 1
            continue
        lefts = [run[0].left for run in header]
        signature = {j for j, run in enumerate(header) if _SIGNATURE_HEADER.match(" ".join(w.text for w in run))}
        body: list[tuple[int, list[str]]] = []
        previous = rows[index]
        for k in range(index + 1, len(rows)):
            gap = min(w.top for w in rows[k]) - max(w.top + w.height for w in previous)
            cells = _cells(_segments(rows[k], char), lefts, char, signature)
            if cells is None or gap > 3.5 * height:
                break
            body.append((k, cells))
            previous = rows[k]
        if len(body) < 1 or sum(1 for _, cells in body if sum(1 for c in cells if c) >= 2) < max(1, len(body) // 2):
            index += 1
            continue
        if signature and ink is not None:
            _sign(rows, index, body, header, signature, ink, height)
        found[index] = (tuple(" ".join(w.text for w in run) for run in header), True)
        for k, cells in body:
            found[k] = (tuple(cells), False)
        index = body[-1][0] + 1
    return found


def _cells(runs: list[_Line], lefts: list[int], char: float, signature: set[int]) -> list[str] | None:
    """The runs of a line as the cells under the header's columns, or None when a run stands under no column
    start (a sentence running across the columns, not a row)."""
    cells = [""] * len(lefts)
    for run in runs:
        column = max((j for j, left in enumerate(lefts) if run[0].left >= left - 3 * char), default=None)
        if column is None:
            return None
        end = lefts[column + 1] if column + 1 < len(lefts) else None
        if end is not None and run[-1].right > end + 2 * char and column + 1 not in signature:
            return None
        if column in signature:
            continue  # what tesseract made of a signature; its ink decides
        cells[column] = (cells[column] + " " + " ".join(w.text for w in run)).strip()
    return cells


def _sign(rows: list[_Line], index: int, body: list[tuple[int, list[str]]], header: list[_Line],
          signature: set[int], ink: Any, height: float) -> None:
    """Fill each signature cell with 'x' when its area (between the column's start and the next one's, the row's
    middle ± half the row pitch) holds ink."""
    middles = [statistics.fmean(w.middle for w in rows[k]) for k, _ in [(index, None), *body]]
    pitch = statistics.median([b - a for a, b in zip(middles, middles[1:], strict=False)] or [2 * height])
    lefts = [run[0].left for run in header]
    for j in signature:
        left = lefts[j] - int(height)
        right = lefts[j + 1] - int(height) if j + 1 < len(lefts) else ink.shape[1]
        right = min(right, left + int(12 * pitch), ink.shape[1])
        for (k, cells), middle in zip(body, middles[1:], strict=True):
            top, bottom = max(0, int(middle - pitch / 2)), min(ink.shape[0], int(middle + pitch / 2))
            area = ink[top:bottom, max(0, left):right]
            cells[j] = "x" if area.size and area.mean() >= _SIGNED_INK else ""
            del k


def _too_many_pixels(pixels: int, source: str) -> ProtocolError:
    shown = f" mit {pixels / 1_000_000:.0f} Megapixeln" if pixels else ""
    return ProtocolError(f"Bild{shown} zu groß für die Texterkennung (höchstens {MAX_OCR_MEGAPIXELS:.0f} Megapixel) – "
                         "bitte mit 300 dpi neu scannen oder kleiner speichern", source)
