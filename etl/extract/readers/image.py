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
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from etl.core.errors import ProtocolError
from etl.extract.child import TimedOut, run_guarded, tesseract_available
from etl.extract.document import Block, Document
from etl.extract.limits import MAX_OCR_MEGAPIXELS, MAX_OCR_PAGES, OCR_MAX_SECONDS, OCR_SECONDS_PER_PAGE
from etl.extract.readers.encoding import wrong_content
from etl.extract.readers.labels import is_field_line, looks_like_header
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
    unreadable: list[str] = []
    with tempfile.TemporaryDirectory(prefix="netzwerkradar-bild-") as folder:
        pages = _pages(data, source, suffix, Path(folder))
        lines = recognise(pages, source, warnings=unreadable)
    if not any(line.kind != "blank" for line in lines):
        raise ProtocolError(f"Bilddatei ({suffix}): die Texterkennung (OCR) fand keinen Text – bitte deutlicher "
                            "fotografieren oder scannen (gerade, hell, 300 dpi)", source)
    blocks = structure(lines)
    kind = "attendance_list" if is_list_title(blocks) else "protocol"
    document = Document(source=source, format=suffix[1:], blocks=blocks, kind=kind)
    document.warnings.append("Bild per Texterkennung (OCR) gelesen – bitte Namen prüfen" if len(pages) == 1 else
                             f"{len(pages)} Seiten per Texterkennung (OCR) gelesen – bitte Namen prüfen")
    document.warnings += unreadable
    return document


def is_list_title(blocks: list[Block]) -> bool:
    """The first block says the page is a sign-in or attendance list (no agenda expected)."""
    return bool(blocks) and bool(_LIST_TITLE.match(blocks[0].text))


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
    ink &= ~_ruled_lines(ink) & ~_specks(ink)
    return Image.fromarray(np.where(ink, 0, 255).astype(np.uint8)), ink, factor


# Ink is black with grey edges, spread over many levels; a shaded cell is one flat light grey. When one level above
# 128 holds more than this share of the darker class, that class holds a fill, and the threshold is sought again
# within it (a dark bar with white type is left dark: it is erased with the ruled lines).
_FILL_SHARE = 0.3


def _threshold(pixels: Any) -> int:
    """The grey level that splits ink (at or below it) from paper: Otsu's, and again within the darker class while
    that holds a flat fill (a shaded header row, every other row shaded)."""
    import numpy as np

    histogram = np.bincount(pixels.ravel(), minlength=256).astype(float)
    level = _otsu(histogram)
    for _ in range(3):
        dark = histogram[:level + 1]
        if level <= 128 or dark[128:].max() <= _FILL_SHARE * dark.sum():
            break
        level = _otsu(dark)
    return level


def _otsu(histogram: Any) -> int:
    """Otsu's threshold of a histogram (levels 0 … len-1)."""
    import numpy as np

    levels = np.arange(len(histogram))
    weight = np.cumsum(histogram)
    mean = np.cumsum(histogram * levels)
    total, total_mean = weight[-1], mean[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (total_mean * weight - mean * total) ** 2 / (weight * (total - weight))
    between = np.nan_to_num(between[:-1], nan=-1.0)
    return int(np.argmax(between)) if len(between) and between.max() > 0 else len(histogram) // 2


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
    candidates = np.flatnonzero(np.count_nonzero(ink, axis=1) >= length)  # rows that can hold such a run
    if len(candidates) < rows:
        found = np.zeros_like(ink)
        if len(candidates):
            found[candidates] = _runs(ink[candidates], length)
        return found
    counts = np.zeros((rows, width + 1), dtype=np.int32)
    counts[:, 1:] = np.cumsum(ink, axis=1, dtype=np.int32)
    starts = np.zeros((rows, width), dtype=np.int32)
    starts[:, :width - length + 1] = (counts[:, length:] - counts[:, :-length]) == length  # a full run starts here
    covered = np.zeros((rows, width + 1), dtype=np.int32)
    covered[:, 1:] = np.cumsum(starts, axis=1, dtype=np.int32)
    # a pixel is on a run when a run starts within `length` before it (slices, not an index array: 5x faster)
    before = np.zeros((rows, width), dtype=np.int32)
    before[:, length - 1:] = covered[:, :width - length + 1]
    return covered[:, 1:] > before


def _ruled_lines(ink: Any) -> Any:
    """Ink of ruled lines: horizontal runs longer than 1/25 of the page width, vertical ones longer than 1/25 of
    its height (a letter is far shorter, a scribble is not straight). A line a photo shows a pixel or two off
    straight still counts (runs are sought in the ink thickened by two pixels across), and its soft edges go
    with it (three pixels around)."""
    import numpy as np

    height, width = ink.shape
    across = _grow(ink, 2, axis=0)
    lines = _runs(across, max(40, width // 25))
    across = _grow(ink, 2, axis=1)
    lines |= _runs(np.ascontiguousarray(across.T), max(40, height // 25)).T
    return _grow(_grow(lines, 3, axis=0), 3, axis=1) & ink


# A speck (scanner dust, a copier's toner dot) holds at most this many ink pixels in any 5 × 5 window; a full stop at
# 200 dpi already has 9, a letter's stroke far more.
_SPECK_PIXELS = 5


def _specks(ink: Any) -> Any:
    """Ink of specks: dots too small to be a letter or a full stop, standing alone (tesseract reads them as 'u', '0',
    ',', '.' between the cells of a row). A pixel stays when a pixel within two of it has more than
    `_SPECK_PIXELS` ink pixels in its 5 × 5 window."""
    import numpy as np

    rows, width = ink.shape
    summed = np.zeros((rows + 1, width + 1), dtype=np.int32)
    summed[1:, 1:] = np.cumsum(np.cumsum(ink, axis=0, dtype=np.int32), axis=1, dtype=np.int32)
    padded = np.pad(summed, ((2, 3), (2, 3)), mode="edge")
    window = padded[5:, 5:] - padded[:-5, 5:] - padded[5:, :-5] + padded[:-5, :-5]
    core = window[:rows, :width] > _SPECK_PIXELS
    return ink & ~_grow(_grow(core, 2, axis=0), 2, axis=1)


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


# tesseract on one thread: its OpenMP threads wait for each other on a busy machine (one page of a sign-in list, load
# 12 on two cores: 7-10 s wall with the default threads, 2.6 s with one, and less than half the CPU).
_ONE_THREAD = {"OMP_THREAD_LIMIT": "1"}


def recognise(pages: list[_Page], source: str, numbers: list[int] | None = None,
              warnings: list[str] | None = None) -> list[SourceLine]:
    """tesseract on every page (guarded child, one time limit for all) -> classified lines, page by page.

    An image file's lines are counted through all its frames (a page number only when there are several);
    `numbers`, a PDF's page numbers of the scanned pages, gives every line its page and counts lines per page.
    Lines of handwriting tesseract could not read are left out with a warning per page in `warnings`.
    """
    timeout = min(OCR_MAX_SECONDS, 60 + OCR_SECONDS_PER_PAGE * len(pages))
    started = time.monotonic()
    lines: list[SourceLine] = []
    number = 0
    for position, prepared in enumerate(pages):
        page: int | None = numbers[position] if numbers else (position + 1 if len(pages) > 1 else None)
        if numbers:
            number = 0

        def run(*options: str, path: Path = prepared.path, required: bool = True) -> str:
            left = timeout - (time.monotonic() - started)
            try:
                if left <= 0:
                    raise TimedOut
                done = run_guarded(["tesseract", str(path), "stdout", *options], timeout=left, env=_ONE_THREAD)
            except TimedOut:
                raise ProtocolError(f"Texterkennung (OCR) nach {timeout} s abgebrochen (Zeitlimit für {len(pages)} "
                                    "Seite(n)) – bitte als Text-PDF oder Word-Datei speichern", source) from None
            if done.returncode != 0:
                if not required:
                    return ""
                message = (done.stderr or done.stdout).strip().splitlines()
                raise ProtocolError("die Texterkennung (OCR) ist fehlgeschlagen"
                                    f"{': ' + message[-1] if message else ''}", source)
            return done.stdout

        # a page with no ink left once rules and specks are gone holds nothing to read (a form of bars, a blank)
        words = _words(run("-l", "deu", "--psm", PSM, "tsv")) if prepared.ink.any() else []
        if prepared.ink.any() and _doubtful(words):
            # too few characters for the orientation detection is no failure: the page stays as it is
            turned = _upright(prepared, run("--psm", "0", "-l", "osd", required=False))
            if turned is not None:
                prepared = turned
                words = _words(run("-l", "deu", "--psm", PSM, "tsv", path=turned.path))
        if lines:
            lines.append(SourceLine("", number, kind="blank"))
        unreadable: list[str] = []
        laid = _layout(words, prepared.ink, unreadable)
        if unreadable and warnings is not None:
            where = f"Seite {page}: " if page is not None else ""
            warnings.append(f"{where}{len(unreadable)} Zeile(n) Handschrift nicht lesbar, ausgelassen – bitte im "
                            "Original prüfen")
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
            lines[before:] = [_on_page(line, page) for line in lines[before:]]
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
# A word of no letter or digit that tesseract is less sure of than this is a speck or a stroke ('~', ',,', '|'); a
# fragment of one to three letters is dropped only below half of it (a short name, 'Ute', 'Li', 'von', often comes
# back at 40-60, a scribble's 'mm' at 10-30). A signature column is read as ink, whatever its words.
_MIN_CONF = 50.0
_FRAGMENT = re.compile(r"^(?:\W*|\w{1,3}\W*|\W+\w{1,3}\W*)$")
# What OCR makes of a list's bullet dot ('«', '°', '·', a lone 'e' or 'o') before a capital: read as the bullet.
_BULLET = re.compile(r"^(\s*)(?:[«»°·©®■▪●]|[eo](?=\s+[A-ZÄÖÜ]))\s+(?=[A-ZÄÖÜ])")
_NOISE = re.compile(r"^[\W_]+$")
# A column header of a sign-in sheet whose cells hold a signature (read as ink, not as words).
_SIGNATURE_HEADER = re.compile(r"^(?:unterschrift(?:en)?|signatur|handzeichen|paraphe|signature|kürzel)\b", re.I)
# A column header that asks for a mark (a cross, a tick, a letter): read as ink, as a signature is.
_MARK_HEADER = re.compile(r"^(?:anwesend|anw\.|abwesend|entschuldigt|entsch\.|gast|teilnahme|teilgenommen|präsenz|"
                          r"vor\s*ort|online|digital|dabei|da|ja|nein|x|zugesagt|abgesagt|"
                          r"\d{1,2}\.\s?\d{1,2}\.(?:\d{2,4})?)(?:\s*\(?(?:ja\s*/\s*nein|x)\)?)?\s*:?$", re.I)
# Share of a signature cell's pixels that must be ink for it to count as signed.
_SIGNED_INK = 0.004


def _words(tsv: str) -> list[_Word]:
    """The recognised words of tesseract's TSV output (level 5 rows) with their boxes, noise dropped: a word of
    no letter or digit that tesseract is unsure of, and a very unsure fragment of one to three letters."""
    words = []
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) == 12 and fields[0] == "5" and fields[11].strip():
            left, top, width, height = (int(value) for value in fields[6:10])
            text, conf = fields[11].strip(), float(fields[10])
            if (conf < _MIN_CONF and _NOISE.match(text)) or (conf < _MIN_CONF / 2 and _FRAGMENT.match(text)):
                continue
            words.append(_Word(left, top, width, height, text, conf))
    return words


_Line = list[_Word]
_Laid = str | tuple[tuple[str, ...], bool]  # a text line, or a table row (cells, is the header)


def _layout(words: list[_Word], ink: Any = None, unreadable: list[str] | None = None) -> list[_Laid]:
    """Words -> lines in reading order; where lines stand in columns under a header line, table rows (cells), else
    text on a character grid (a wide gap keeps the column the word stands in); a gap of more than two line heights
    is a blank line. A text line of nothing but guesses at handwriting is a blank line too (its text goes to
    `unreadable`, for a warning), never a name in a list."""
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
        if all(w.conf < _GUESS and _scrawled(w, height) for w in row):
            out.append("")
            if unreadable is not None:
                unreadable.append(" ".join(w.text for w in row))
            continue
        for part in _fields_apart(row, char):
            text = ""
            end = None
            for word in part:
                if end is not None and word.left - end <= 1.5 * char:
                    text += " " + word.text
                else:
                    column = round((word.left - margin) / char)
                    text += " " * max(column - len(text), 2 if text else 0) + word.text
                end = word.right
            out.append(_BULLET.sub(r"\1• ", text.rstrip()))
    return out


def _fields_apart(row: _Line, char: float) -> list[_Line]:
    """A form's line of fields side by side ('Arbeitskreis Ausbildung   Datum: 06.03.2024   Zeit: 9:00 - 11:00
    Uhr') as one line per field: split before each run after a wide gap that opens a field."""
    parts: list[_Line] = []
    for run in _segments(row, char):
        if parts and is_field_line(" ".join(w.text for w in run)):
            parts.append(list(run))
        elif parts:
            parts[-1].extend(run)
        else:
            parts.append(list(run))
    return parts


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
    """Table rows by line index: a line of two or more runs that names columns (the header: 'Name | Organisation |
    anwesend', or any with a signature column) over lines whose runs start under its runs. A column whose header
    names a signature ('Unterschrift') holds ink, not words: its cell is 'x' where the cell has ink, empty where
    nobody signed."""
    found: dict[int, tuple[tuple[str, ...], bool]] = {}
    index = 0
    while index < len(rows):
        header = _segments(rows[index], char)
        if len(header) < 2 or index in found:
            index += 1
            continue
        lefts = [run[0].left for run in header]
        titles = [" ".join(w.text for w in run) for run in header]
        signature = {j for j, title in enumerate(titles) if _SIGNATURE_HEADER.match(title)}
        marks = {j for j, title in enumerate(titles) if _MARK_HEADER.match(title)} if ink is not None else set()
        inked = signature | marks
        named = [title for j, title in enumerate(titles) if j not in marks]  # 'anw.', 'entsch.', '12.03.' aside
        if not signature and not looks_like_header(titles) and not (marks and named and looks_like_header(named)):
            index += 1  # 'Datum:  14.05.2025' over 'Ort:  Koblenz' is a form, not a table: left to the text rules
            continue
        body: list[tuple[int, list[str]]] = []
        gaps: list[float] = []
        previous = rows[index]
        for k in range(index + 1, len(rows)):
            gap = min(w.top for w in rows[k]) - max(w.top + w.height for w in previous)
            cells = _cells(_segments(rows[k], char), lefts, char, inked, height)
            if cells is None or gap > 3.5 * height:
                break
            if len(gaps) >= 2 and sum(1 for c in cells if c) < 2 and gap > 1.5 * statistics.median(gaps) + height / 2:
                break  # a line of text further below the table's even rows ('Protokoll folgt per E-Mail.')
            gaps.append(gap)
            body.append((k, cells))
            previous = rows[k]
        if inked and body and ink is not None:
            _sign(rows, index, body, header, signature, marks, ink, height)
        if len(body) < 1 or sum(1 for _, cells in body if sum(1 for c in cells if c) >= 2) < max(1, len(body) // 2):
            index += 1
            continue
        found[index] = (tuple(titles), True)
        for k, cells in body:
            found[k] = (tuple(cells), False)
        index = body[-1][0] + 1
    return found


def _cells(runs: list[_Line], lefts: list[int], char: float, inked: set[int], height: float) -> list[str] | None:
    """The runs of a line as the cells under the header's columns, or None when a run stands under no column
    start (a sentence running across the columns, not a row). A scribble in a signature or mark column (`inked`,
    decided by its ink later) may run on into the next column; a cell of nothing but unsure words (an illegible
    handwritten name) is left empty, so it never becomes a person."""
    cells = [""] * len(lefts)
    unsure = [0] * len(lefts)
    counted = [0] * len(lefts)
    for run in runs:
        column = max((j for j, left in enumerate(lefts) if run[0].left >= left - 3 * char), default=None)
        if column is None:
            return None
        end = lefts[column + 1] if column + 1 < len(lefts) else None
        if end is not None and run[-1].right > end + 2 * char and column + 1 not in inked and column not in inked:
            return None
        cells[column] = (cells[column] + " " + " ".join(w.text for w in run)).strip()
        counted[column] += len(run)
        unsure[column] += sum(1 for w in run if _scrawled(w, height))
    return ["" if j not in inked and counted[j] and unsure[j] == counted[j] else cell for j, cell in enumerate(cells)]


# tesseract's certainty below which a word that is no plausible word is a guess, and below which a word much taller
# than the type around it is a pen's stroke (printed words, even 'BAuA' or 'PSG' read at 27 or 34, are neither).
_GUESS, _STROKE = 40.0, 60.0


def _scrawled(word: _Word, height: float) -> bool:
    """What tesseract made of handwriting it could not read: an unsure word as tall as a pen's loops, or a guess that
    is no word ('Mnrw~', 'l1j')."""
    if word.conf < _STROKE and word.height > 1.5 * height:
        return True
    return word.conf < _GUESS and readable_share([word.text])[0] < 1.0


def _sign(rows: list[_Line], index: int, body: list[tuple[int, list[str]]], header: list[_Line],
          signature: set[int], marks: set[int], ink: Any, height: float) -> None:
    """Fill each signature or mark cell with 'x' when its area (between the column's start and the next one's, the
    row's middle ± half the row pitch) holds ink: a signature, a pen's cross, tick or scribble, whatever tesseract
    made of it. Words read with certainty ('entschuldigt', 'krank', 'i. V. Berg'; in a mark column also one letter,
    'e', 'a', 'G') are kept for the parser to judge; a flat stroke in a mark column is a dash ('-': not there)."""
    middles = [statistics.fmean(w.middle for w in rows[k]) for k, _ in [(index, None), *body]]
    pitch = statistics.median([b - a for a, b in zip(middles, middles[1:], strict=False)] or [2 * height])
    lefts = [run[0].left for run in header]
    for j in signature | marks:
        left = lefts[j] - int(height)
        right = lefts[j + 1] - int(height) if j + 1 < len(lefts) else ink.shape[1]
        right = min(right, left + int(12 * pitch), ink.shape[1])
        for (k, cells), middle in zip(body, middles[1:], strict=True):
            written = [w for w in rows[k] if left <= w.left < right]
            if _sure_words(written, 1 if j in marks else 3):
                cells[j] = " ".join(w.text for w in written)
                continue
            top, bottom = max(0, int(middle - pitch / 2)), min(ink.shape[0], int(middle + pitch / 2))
            area = ink[top:bottom, max(0, left):right].copy()
            for word in rows[k]:
                if word.left < left and word.right > left:  # a long organisation running up to the column's edge
                    area[max(0, word.top - top):max(0, word.top + word.height - top), :word.right - left] = False
            cells[j] = "x" if area.size and area.mean() >= _SIGNED_INK else ""
            if cells[j] and j in marks and _flat(area, height):
                cells[j] = "-"


# How sure tesseract must be of every word in a signature cell to take them as written words, not a scribble (a
# scribble's letters come back at 10-60).
_SURE = 85.0


def _sure_words(words: list[_Word], letters: int) -> bool:
    """Words read with certainty, plausible as words, with at least `letters` letters."""
    return (sum(c.isalpha() for w in words for c in w.text) >= letters and all(w.conf >= _SURE for w in words)
            and readable_share(w.text for w in words)[0] == 1.0)


def _flat(area: Any, height: float) -> bool:
    """The ink of a cell is one flat stroke (a dash: lower than a third of a letter's height, wider than high)."""
    import numpy as np

    rows = np.flatnonzero(area.any(axis=1))
    columns = np.flatnonzero(area.any(axis=0))
    tall, wide = rows[-1] - rows[0] + 1, columns[-1] - columns[0] + 1
    return bool(tall < height / 3 and wide > 2 * tall)


# A word as a recognised page holds it: letters (with a hyphen, an apostrophe or an abbreviation's dot inside), a
# number, date or time, or a short code of letters and digits ('A1.12', 'TOP3'); junk mixes letters, digits and
# signs ('Tei1nehmer', 'W%ss', '|]i').
_WORDLIKE = re.compile(r"^(?:[^\W\d_]+(?:[-'’.&/][^\W\d_]+)*\.?|[\d.,:/–-]+(?:h|Uhr)?|[^\W\d_]{1,4}[\d.]{1,5}|"
                       r"\d{1,4}[^\W\d_]{1,3})$")
_VOWELS = frozenset("aeiouyäöüáàâéèêíìîóòôúùûAEIOUYÄÖÜÁÀÂÉÈÊÍÌÎÓÒÔÚÙÛ")
_EDGE_SIGNS = ".,;:!?()[]{}\"'„“”‚‘’«»*•·–—-/"
# Share of a text's letters and digits that must stand in plausible words for the text to count as read, and the
# fewest letters and digits a scanned page's text layer must hold.
READABLE_SHARE = 0.75
_LAYER_MIN_CHARACTERS = 20


def readable_share(texts: Iterable[str]) -> tuple[float, int]:
    """The share of the characters of `texts` (words) that stand in plausible words, and their number: a word of
    letters needs a vowel unless it is a short abbreviation in capitals ('HWK', 'BMAS')."""
    good = total = 0
    for text in texts:
        core = text.strip(_EDGE_SIGNS)
        if not core:
            continue
        total += len(core)
        if _WORDLIKE.match(core) and (not core[0].isalpha() or any(c in _VOWELS for c in core)
                                      or (core.isupper() and len(core) <= 6)):
            good += len(core)
    return (good / total if total else 0.0), total


def readable(texts: Iterable[str]) -> bool:
    """A page's text layer holds words worth reading: enough characters, most of them in plausible words (a copier's
    OCR layer of junk is read again by our own OCR)."""
    share, total = readable_share(texts)
    return total >= _LAYER_MIN_CHARACTERS and share >= READABLE_SHARE


def _too_many_pixels(pixels: int, source: str) -> ProtocolError:
    shown = f" mit {pixels / 1_000_000:.0f} Megapixeln" if pixels else ""
    return ProtocolError(f"Bild{shown} zu groß für die Texterkennung (höchstens {MAX_OCR_MEGAPIXELS:.0f} Megapixel) – "
                         "bitte mit 300 dpi neu scannen oder kleiner speichern", source)
