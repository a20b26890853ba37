"""What a spreadsheet or CSV cell may hold: every download and export passes its text through here.

XML 1.0 (inside every .xlsx) forbids most control characters and lone surrogates (openpyxl raises
IllegalCharacterError, UTF-8 cannot encode a surrogate); a terminal or spreadsheet shown an ESC may act on
it. Such characters become U+FFFD. A cell starting with `=`, `+`, `-`, `@`, tab or CR would be a formula
in Excel or LibreOffice (CSV injection, OWASP): in CSV it gets a leading `'`; in .xlsx it is typed as text.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
_NOT_STORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def storable(text: str) -> str:
    """`text` with every character a workbook or a UTF-8 file cannot hold (or a terminal would act on)
    replaced by U+FFFD; tab, line feed and carriage return stay."""
    return _NOT_STORABLE.sub(REPLACEMENT, text)


def inert(text: str) -> str:
    """A CSV cell that a spreadsheet shows as text: a leading formula character gets a `'` in front."""
    return "'" + text if text.startswith(FORMULA_START) else text
