"""What a protocol file may demand of a reader, checked before the expensive work starts.

A hostile or broken file must be refused in a second, not read for minutes: a 244 KB PDF declares
2,000 pages, a 6 MB .docx holds 2 million XML elements, an e-mail 50,000 MIME parts. Every limit
is far above what a real protocol or attendance list needs (a long protocol has 20 pages and
30,000 XML elements); each refusal is German, names the limit and says what to do. The README
lists them ("Grenzen beim Lesen").

Counts are taken from what the file declares or from a byte scan (`<` for XML elements, boundary
lines for MIME parts), so nothing is parsed to find out that it is too big. Work that cannot be
judged up front (walking pages and paragraphs) runs under a `Deadline`.
"""

from __future__ import annotations

import time
import zipfile
from dataclasses import dataclass
from typing import Any

from etl.core.errors import ProtocolError

MAX_PDF_PAGES = 300
# The largest page PDF allows (200 inches); a poster or an A0 plan is well below.
MAX_PAGE_SIDE_POINTS = 14_400.0
MAX_OCR_PAGES = 30
# Pixels of the largest image on a page to be recognised: an A4 scan at 600 dpi has 35 million.
MAX_OCR_MEGAPIXELS = 40.0
OCR_SECONDS_PER_PAGE = 60  # generous: on a busy machine one page took 40 s
OCR_MAX_SECONDS = 600
# XML elements of all parts of a .docx/.odt/.xlsx/.ods together, or of one HTML page.
MAX_XML_ELEMENTS = 400_000
MAX_MIME_PARTS = 500
MAX_MIME_DEPTH = 10
MAX_CSV_ROWS = 50_000
# Streams and storages of an OLE file (.msg, .doc): an e-mail with 20 attachments has about 300.
MAX_OLE_ENTRIES = 10_000
# Wall-clock time for reading one file (OCR has its own limit above).
READ_SECONDS = 120.0


def refuse_pages(pages: int, source: str) -> ProtocolError:
    return ProtocolError(f"PDF hat {pages} Seiten (höchstens {MAX_PDF_PAGES}) – ein Protokoll ist kürzer; "
                         "bitte nur das Protokoll als eigene PDF speichern", source)


def count_xml_elements(data: bytes) -> int:
    """An upper bound of the elements in an XML text, from its bytes: every element opens with '<'."""
    return data.count(b"<") - data.count(b"</")


def check_xml_elements(count: int, what: str, source: str) -> None:
    if count > MAX_XML_ELEMENTS:
        raise ProtocolError(f"{what} enthält {count:,} XML-Elemente (höchstens {MAX_XML_ELEMENTS:,}) – so viel "
                            "Struktur hat kein Protokoll; bitte als PDF oder neu gespeichert hochladen"
                            .replace(",", "."), source)


@dataclass
class Deadline:
    """Wall-clock budget of one read; `check()` in every loop that walks pages, paragraphs or rows."""

    source: str
    what: str
    seconds: float | None = None  # None: READ_SECONDS
    started: float = 0.0

    def __post_init__(self) -> None:
        self.seconds = READ_SECONDS if self.seconds is None else self.seconds
        self.started = time.monotonic()

    def check(self) -> None:
        if self.seconds is not None and time.monotonic() - self.started > self.seconds:
            raise ProtocolError(f"Lesen der {self.what} nach {self.seconds:.0f} s abgebrochen (Zeitlimit) – bitte "
                                "die Datei prüfen oder als PDF bzw. DOCX neu speichern", self.source)


def check_xml_package(archive: zipfile.ZipFile, what: str, source: str) -> None:
    """Refuse an office package (.docx, .odt, .xlsx, .ods) whose XML parts together hold too many elements.

    Runs after `safe_zip.check_zip` bounded the unpacked size, so reading the parts here is cheap
    (a byte count, no parsing).
    """
    total = 0
    for entry in archive.infolist():
        if entry.filename.endswith((".xml", ".rels")):
            total += count_xml_elements(archive.read(entry))
            check_xml_elements(total, what, source)


def check_mime_parts(data: bytes, what: str, source: str) -> None:
    """Refuse a MIME file (.eml, .mht) with too many parts before the e-mail parser builds them: every
    part starts with a boundary line "--…", so the count of such lines bounds the parts."""
    lines = data.count(b"\n--") + data.startswith(b"--")
    if lines > MAX_MIME_PARTS * 2:
        raise ProtocolError(f"{what} enthält über {MAX_MIME_PARTS} MIME-Teile – keine gewöhnliche Nachricht; "
                            "bitte das Protokoll als Anhang einzeln speichern", source)


def check_mime_tree(message: Any, what: str, source: str) -> None:
    """Refuse a parsed MIME message nested deeper than MAX_MIME_DEPTH or with more than MAX_MIME_PARTS parts."""
    parts = 0
    stack = [(message, 1)]
    while stack:
        part, depth = stack.pop()
        parts += 1
        if depth > MAX_MIME_DEPTH or parts > MAX_MIME_PARTS:
            reason = (f"mehr als {MAX_MIME_DEPTH} Ebenen tief verschachtelt" if depth > MAX_MIME_DEPTH
                      else f"über {MAX_MIME_PARTS} MIME-Teile")
            raise ProtocolError(f"{what} ist {reason} – keine gewöhnliche Nachricht; bitte das Protokoll "
                                "als Anhang einzeln speichern", source)
        payload = part.get_payload() if part.is_multipart() else None
        if isinstance(payload, list):
            stack.extend((child, depth + 1) for child in payload)


def check_ole_entries(data: bytes, what: str, source: str) -> None:
    """Refuse an OLE file (.msg, .doc) whose directory lists more entries than a real one has, before a
    library builds an object per entry. The directory is read by olefile alone (no streams)."""
    import io

    import olefile

    class _Directory(olefile.OleFileIO):
        """Reads the header, the FAT and the directory's size; builds no entries (no tree, no recursion)."""

        entries = 0

        def loaddirectory(self, sect: int) -> None:
            self.entries = self._open(sect, force_FAT=True).size // 128

    try:
        ole = _Directory(io.BytesIO(data))
        count = ole.entries
        ole.close()
    except Exception:  # noqa: BLE001 - a broken file is refused by its reader with its own message
        return
    if count > MAX_OLE_ENTRIES:
        raise ProtocolError(f"{what} enthält {count} Einträge (höchstens {MAX_OLE_ENTRIES}) – keine gewöhnliche "
                            "Datei; bitte das Protokoll einzeln als PDF oder DOCX speichern", source)
