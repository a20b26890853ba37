"""Zip-bomb check for .docx/.xlsx: judge a ZIP by its central directory before anything unpacks it.

openpyxl and python-docx inflate whatever a ZIP declares; a 40 KB file can declare gigabytes.
Python's zipfile never yields more than an entry's declared size, so checking the declared sizes
in the central directory (number of entries, total size, ratio per entry) bounds all later work
without decompressing a single byte. Shared by the build (etl.extract.sources, etl.extract.readers) and
the upload check (etl.maintain.upload), so a file copied straight into the source folder is held to the
same limits as an uploaded one.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024


class ZipRefused(ValueError):
    """A ZIP container refused before unpacking; the message is German and names no file."""


@dataclass(frozen=True)
class ZipLimits:
    """What an office document may declare. Real protocols and workbooks stay far below."""

    max_entries: int = 5_000
    max_total_bytes: int = 100 * MB
    max_ratio: float = 100.0
    # Entries smaller than this are never refused by ratio: they cannot inflate to much anyway
    # (the total limit still counts them), and tiny blank XML parts compress extremely well.
    ratio_floor_bytes: int = 1 * MB
    # Largest single entry (e.g. word/document.xml, a worksheet). Parsing XML costs far more than
    # storing it: 95 MB of document.xml in a 19 MB upload took 11 minutes. No protocol and no master
    # data sheet of a partner network comes near 30 MB of XML.
    max_entry_bytes: int | None = 30 * MB


LIMITS = ZipLimits()
DOCUMENT_LIMITS = LIMITS  # protocols (.docx, .odt) are held to the same limits as uploads and workbooks


def check_zip(source: Path | bytes, error: Callable[[str], Exception] = ZipRefused,
              limits: ZipLimits = LIMITS) -> list[zipfile.ZipInfo]:
    """The entries of a ZIP whose central directory is within `limits`; else raises `error(message)`.

    `error` lets each caller raise its own error type (BuildError, ProtocolError) with the German
    message. Nothing is decompressed here.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise error(f"kein gültiges ZIP-Archiv, Datei ist beschädigt ({exc})") from None
    if len(entries) > limits.max_entries:
        raise error(f"enthält {len(entries)} Einträge (höchstens {limits.max_entries} erlaubt) – "
                    "möglicherweise eine ZIP-Bombe")
    total = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise error(f"Eintrag „{entry.filename}“ ist verschlüsselt")
        total += entry.file_size
        if limits.max_entry_bytes is not None and entry.file_size > limits.max_entry_bytes:
            raise error(f"Eintrag „{entry.filename}“ ergäbe entpackt {entry.file_size / MB:.0f} MB (erlaubt: "
                        f"höchstens {limits.max_entry_bytes // MB} MB) – zu groß zum Lesen")
        if total > limits.max_total_bytes:
            raise error(f"ergäbe entpackt mehr als {limits.max_total_bytes // MB} MB (erlaubt: höchstens "
                        f"{limits.max_total_bytes // MB} MB) – möglicherweise eine ZIP-Bombe")
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > limits.ratio_floor_bytes and ratio > limits.max_ratio:
            raise error(f"Eintrag „{entry.filename}“ ist {ratio:.0f}-fach komprimiert (erlaubt: höchstens "
                        f"{limits.max_ratio:.0f}-fach) – möglicherweise eine ZIP-Bombe")
    return entries
