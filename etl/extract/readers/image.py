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
from pathlib import Path
from typing import Any

from etl.core.errors import ProtocolError
from etl.extract.child import TimedOut, run_guarded, tesseract_available
from etl.extract.document import Document
from etl.extract.limits import MAX_OCR_MEGAPIXELS, MAX_OCR_PAGES, OCR_MAX_SECONDS, OCR_SECONDS_PER_PAGE
from etl.extract.readers.encoding import wrong_content
from etl.extract.readers.layout import SourceLine
from etl.extract.readers.plain import classify, structure

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


def _pages(data: bytes, source: str, suffix: str, folder: Path) -> list[Path]:
    """The image's frames as PNG files with their resolution (300 dpi when the file gives none or too little)."""
    from PIL import ImageOps

    paths = []
    try:
        with _open(data, source, suffix) as image:
            for index in range(getattr(image, "n_frames", 1)):
                image.seek(index)
                dpi = image.info.get("dpi", (0, 0))[0] or 0
                page = ImageOps.exif_transpose(image)
                page = page.convert("L") if page.mode not in ("1", "L") else page
                paths.append(folder / f"seite-{index + 1}.png")
                page.save(paths[-1], "PNG", dpi=(dpi, dpi) if dpi >= 100 else (DPI, DPI))
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ProtocolError(f"Bilddatei ({suffix}) ist beschädigt und nicht lesbar ({exc})", source) from None
    return paths


def _recognise(pages: list[Path], source: str) -> list[SourceLine]:
    """tesseract on every page (guarded child, one time limit for all) -> classified lines, page by page."""
    timeout = min(OCR_MAX_SECONDS, 60 + OCR_SECONDS_PER_PAGE * len(pages))
    started = time.monotonic()
    lines: list[SourceLine] = []
    number = 0
    for page, path in enumerate(pages, start=1):
        left = timeout - (time.monotonic() - started)
        try:
            if left <= 0:
                raise TimedOut
            run = run_guarded(["tesseract", str(path), "stdout", "-l", "deu", "tsv"], timeout=left)
        except TimedOut:
            raise ProtocolError(f"Texterkennung (OCR) nach {timeout} s abgebrochen (Zeitlimit für {len(pages)} "
                                "Seite(n)) – bitte als Text-PDF oder Word-Datei speichern", source) from None
        if run.returncode != 0:
            message = (run.stderr or run.stdout).strip().splitlines()
            raise ProtocolError("die Texterkennung (OCR) ist fehlgeschlagen"
                                f"{': ' + message[-1] if message else ''}", source)
        if lines:
            lines.append(SourceLine("", number, kind="blank"))
        for text in _layout(_words(run.stdout)):
            number += 1
            before = len(lines)
            classify(text, number, lines, markdown=False)
            lines[before:] = [_on_page(line, page if len(pages) > 1 else None) for line in lines[before:]]
    return lines


def _on_page(line: SourceLine, page: int | None) -> SourceLine:
    from dataclasses import replace

    return replace(line, page=page) if page is not None else line


_Word = tuple[int, int, int, int, str]  # left, top, width, height, text


def _words(tsv: str) -> list[_Word]:
    """The recognised words of tesseract's TSV output (level 5 rows) with their boxes."""
    words = []
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) == 12 and fields[0] == "5" and fields[11].strip():
            left, top, width, height = (int(value) for value in fields[6:10])
            words.append((left, top, width, height, fields[11].strip()))
    return words


def _layout(words: list[_Word]) -> list[str]:
    """Words -> text lines on a character grid: a line is the words around one height, a wide gap keeps the
    column the word stands in, a gap of more than two line heights is a blank line."""
    if not words:
        return []
    height = statistics.median(word[3] for word in words)
    char = statistics.median(word[2] / len(word[4]) for word in words) or 1.0
    margin = min(word[0] for word in words)
    rows: list[list[_Word]] = []
    for box in sorted(words, key=lambda w: w[1] + w[3] / 2):
        middle = box[1] + box[3] / 2
        if rows and abs(middle - statistics.fmean(w[1] + w[3] / 2 for w in rows[-1])) <= 0.5 * height:
            rows[-1].append(box)
        else:
            rows.append([box])
    texts: list[str] = []
    bottom = None
    for row in rows:
        row.sort(key=lambda w: w[0])
        top = min(w[1] for w in row)
        if bottom is not None and top - bottom > 2 * height:
            texts.append("")
        bottom = max(w[1] + w[3] for w in row)
        text = ""
        end = None
        for left, _, width, _, word in row:
            if end is not None and left - end <= 1.5 * char:
                text += " " + word
            else:
                column = round((left - margin) / char)
                text += " " * max(column - len(text), 2 if text else 0) + word
            end = left + width
        texts.append(text.rstrip())
    return texts


def _too_many_pixels(pixels: int, source: str) -> ProtocolError:
    shown = f" mit {pixels / 1_000_000:.0f} Megapixeln" if pixels else ""
    return ProtocolError(f"Bild{shown} zu groß für die Texterkennung (höchstens {MAX_OCR_MEGAPIXELS:.0f} Megapixel) – "
                         "bitte mit 300 dpi neu scannen oder kleiner speichern", source)
