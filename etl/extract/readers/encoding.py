"""Bytes of a text protocol -> str: UTF-8 (BOM or not), UTF-16 (with or without BOM), Windows-1252 or ISO-8859-15.

Detected from the bytes, never configured. Windows-1252 and ISO-8859-15 share the letters German
needs and differ where it shows: cp1252 uses 0x80–0x9F for „ “ – € …, ISO-8859-15 has control
characters there and puts € at 0xA4 (cp1252: ¤). A file that mixes UTF-8 lines with single-byte
lines (pasted from two editors) is decoded line by line, with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.core.errors import ProtocolError

# Control characters (Unicode Cc) other than TAB, CR, LF, FF: their presence means binary data.
_BINARY = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
MAGIC = {b"%PDF": "eine PDF-Datei", b"PK\x03\x04": "ein ZIP-Archiv (z. B. Word .docx)",
         b"\xd0\xcf\x11\xe0": "eine alte Office-Datei (.doc oder .msg)", b"{\\rtf": "eine RTF-Datei",
         b"\x89PNG": "ein PNG-Bild", b"\xff\xd8\xff": "ein JPEG-Bild", b"GIF8": "ein GIF-Bild"}
_C1 = re.compile(rb"[\x80-\x9f]")


@dataclass
class Decoded:
    text: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "cp1252", "iso-8859-15", "gemischt"
    warnings: list[str] = field(default_factory=list)


def wrong_content(data: bytes) -> str | None:
    """What the bytes really are when their magic number names another format."""
    for magic, what in MAGIC.items():
        if data.startswith(magic):
            return what
    return None


def decode_text(data: bytes, source: str) -> Decoded:
    """The text of a .md/.txt file; ProtocolError (German) for binary data."""
    if what := wrong_content(data):
        raise ProtocolError(f"keine Textdatei, sondern {what} mit falscher Endung", source)
    decoded: Decoded | None = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            decoded = Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            decoded = None
    elif (endian := utf16_without_bom(data)) is not None:
        try:
            decoded = Decoded(data.decode(endian), "utf-16")
        except UnicodeDecodeError:
            decoded = None
    elif b"\x00" not in data:
        decoded = _decode_8bit(data)
    if decoded is None:
        raise ProtocolError("keine Textdatei (Binärdaten oder unbekannte Zeichenkodierung)", source)
    controls = len(_BINARY.findall(decoded.text))
    if controls > max(2, len(decoded.text) // 100):
        raise ProtocolError("keine Textdatei (enthält Binärdaten)", source)
    return decoded


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for text saved as UTF-16 without a byte order mark (Windows 'Unicode' from some
    tools): German text is mostly Latin, so every other byte of the first characters is zero."""
    sample = data[:400]
    if len(data) < 4 or len(data) % 2:
        return None
    high_le, high_be = sample[1::2], sample[0::2]
    for endian, zeros, other in (("utf-16-le", high_le, high_be), ("utf-16-be", high_be, high_le)):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) <= 0.1 * len(other):
            return endian
    return None


def _decode_8bit(data: bytes) -> Decoded | None:
    try:
        encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    utf8_lines = [no for no, line in enumerate(lines, 1) if not line.isascii() and _is_utf8(line)]
    if utf8_lines:
        single = [no for no, line in enumerate(lines, 1) if not _is_utf8(line)]
        encoding = _single_byte(b"\n".join(lines[no - 1] for no in single))
        try:
            text = "\n".join(line.decode("utf-8") if _is_utf8(line) else line.decode(encoding) for line in lines)
        except UnicodeDecodeError:
            return None
        return Decoded(text.removeprefix("\ufeff"), "gemischt", [
            f"Datei mischt Zeichenkodierungen: {_lines(utf8_lines)} UTF-8, {_lines(single)} "
            f"{_LABEL[encoding]} – bitte prüfen und einheitlich als UTF-8 speichern"])
    encoding = _single_byte(data)
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError:  # bytes cp1252 leaves undefined (0x81, 0x8D, …): not a text file
        return None


_LABEL = {"cp1252": "Windows-1252", "iso-8859-15": "ISO-8859-15"}


def _single_byte(data: bytes) -> str:
    # cp1252 prints 0x80–0x9F (quotes, dashes, €); ISO-8859-15 has only controls there but € at 0xA4.
    if not _C1.search(data) and b"\xa4" in data:
        return "iso-8859-15"
    return "cp1252"


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _lines(numbers: list[int]) -> str:
    return f"Zeile {numbers[0]} ist" if len(numbers) == 1 else f"Zeilen {_ranges(numbers)} sind"


def _ranges(numbers: list[int]) -> str:
    """'3–5, 9' for [3, 4, 5, 9]; long lists are cut after ten ranges."""
    parts: list[str] = []
    start = previous = numbers[0]
    for number in [*numbers[1:], None]:
        if number is not None and number == previous + 1:
            previous = number
            continue
        parts.append(str(start) if start == previous else f"{start}–{previous}")
        if number is not None:
            start = previous = number
    return ", ".join(parts[:10]) + (" …" if len(parts) > 10 else "")
