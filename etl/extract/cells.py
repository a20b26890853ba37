"""Cell values as people write them -> one form: dates, times, lists, meeting formats.

Pure, shared by the master-data rows and the protocol parser. Name keys live in vocab.keys.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from vocab.keys import clean
from vocab.terms import MeetingFormat

GERMAN_MONTHS = {
    "januar": 1, "jan": 1, "jänner": 1, "februar": 2, "feb": 2, "märz": 3, "maerz": 3, "mrz": 3,
    "mär": 3, "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11, "dezember": 12, "dez": 12,
}

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DOTTED = re.compile(r"^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{2}|\d{4})$")


TWO_DIGIT_PIVOT = 30  # like Excel: '29' -> 2029, '30' -> 1930 ('31.12.99' is 1999, not 2099)
EARLIEST_YEAR = 1900
FUTURE_YEARS = 10  # a date more than ten years ahead is a typo, not a plan


def parse_date(text: object) -> str | None:
    """A date cell as ISO 'YYYY-MM-DD'; accepts YYYY-MM-DD, DD.MM.YYYY, DD.MM.YY and datetime values.

    Two-digit years follow Excel's pivot (00-29 -> 2000-2029, 30-99 -> 1930-1999). Returns None for
    empty input; raises ValueError (German) for text that is not a date or a date before 1900 or
    more than ten years after today, which no page could place on a time axis.
    """
    if text is None:
        return None
    if isinstance(text, date):  # datetime too (a date cell of a workbook)
        return _plausible(date(text.year, text.month, text.day), str(text))
    return _parse_date(str(text))


def _plausible(value: date, shown: str) -> str:
    latest = date.today().year + FUTURE_YEARS
    if not EARLIEST_YEAR <= value.year <= latest:
        raise ValueError(f"unplausibles Datum: {shown!r} (erlaubt: {EARLIEST_YEAR} bis {latest})")
    return value.isoformat()


@lru_cache(maxsize=1 << 14)  # a source folder has a few thousand distinct dates in tens of thousands of cells
def _parse_date(text: str) -> str | None:
    value = clean(text)
    if value is None:
        return None
    value = value.split(" ")[0] if re.match(r"^\d{4}-\d{2}-\d{2}[ T]\d", value) else value
    if m := _ISO.match(value):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _DOTTED.match(value):
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if len(m.group(3)) == 2:
            y += 2000 if y < TWO_DIGIT_PIVOT else 1900
    else:
        raise ValueError(f"kein gültiges Datum: {value!r} (erwartet JJJJ-MM-TT oder TT.MM.JJJJ)")
    try:
        parsed = date(y, mo, d)
    except ValueError as exc:
        raise ValueError(f"kein gültiges Datum: {value!r}") from exc
    return _plausible(parsed, value)


_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?:\s*Uhr)?$")


def parse_time(text: object) -> str | None:
    """A time cell as 'HH:MM'; accepts '9:30', '09.30', '14:00 Uhr'. Raises ValueError otherwise."""
    value = clean(text)
    if value is None:
        return None
    m = _TIME.match(value)
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise ValueError(f"keine gültige Uhrzeit: {value!r} (erwartet HH:MM)")
    return f"{int(m.group(1)):02d}:{m.group(2)}"


def split_list(text: object, sep: str = "|") -> list[str]:
    """Split a multi-value cell such as aliases 'HWK H|Kammer Hannover' into clean parts."""
    value = clean(text)
    if not value:
        return []
    return [part for part in (clean(p) for p in value.split(sep)) if part]


_ONLINE = re.compile(r"zoom|teams|webex|videokonferenz|video-konferenz|online|virtuell|big ?blue ?button|jitsi",
                     re.IGNORECASE)


def infer_format(location: str | None) -> MeetingFormat | None:
    """Meeting format from its place: online tools -> online, 'hybrid' -> hybrid, else in person."""
    value = clean(location)
    if not value:
        return None
    if re.search(r"hybrid", value, re.IGNORECASE):
        return "hybrid"
    if _ONLINE.search(value):
        physical = re.search(r"raum|saal|straße|strasse|haus|kammer|\bin\b", value, re.IGNORECASE)
        return "hybrid" if physical and re.search(r"\bund\b|\+|/", value) else "online"
    return "in_person"
