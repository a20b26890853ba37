"""Dates and times as people write them in running text ("Dienstag, 08. Juni 2021", "bis Ende Juni")."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

from etl.core.prefilter import guarded
from etl.extract.cells import EARLIEST_YEAR, FUTURE_YEARS, GERMAN_MONTHS, TWO_DIGIT_PIVOT

_MONTHS = "|".join(sorted((re.escape(m) for m in GERMAN_MONTHS), key=len, reverse=True))
_FULL_PATTERNS = (
    re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4}|\d{2})(?!\d)"),
    # '5. März 2025', and in notes '5. März '25'
    re.compile(rf"(?<![\d\w])(?P<d>\d{{1,2}})\.?\s*(?P<mn>{_MONTHS})\.?\s*(?:(?P<y>\d{{4}})|['’](?P<y2>\d{{2}}))(?!\d)",
               re.I),
    re.compile(r"(?<![\d.])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
    # '05/03/2025', '05-03-2025', '2025/03/05': day first as in Germany; a US export's '3/11/2025, 9:58 AM' is not
    re.compile(r"(?<![\d./-])(?P<d>\d{1,2})(?P<sep>[/-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d/-])"
               r"(?!,?\s*\d{1,2}:\d{2}(?::\d{2})?\s*[AaPp]\.?[Mm])"),
    re.compile(r"(?<![\d./])(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?![\d/])"),
)
_DIGIT = re.compile(r"\d")
_PARTIAL_PATTERNS = (
    re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.(?!\s?\d)"),
    re.compile(rf"(?<![\d\w])(?P<d>\d{{1,2}})\.?\s*(?P<mn>{_MONTHS})\b\.?(?!\s*\d)", re.I),
)
_PERIOD = re.compile(rf"(?:(?P<when>Ende|Mitte|Anfang)\s+)?(?P<mn>{_MONTHS})\b\.?(?:\s+(?P<y>\d{{4}}))?",
                     re.I)
_WEEK = re.compile(r"\bKW\s?(?P<w>\d{1,2})(?:\s*[/.]\s*(?P<y>\d{4}))?", re.I)
_YEAR_END = re.compile(r"(?:Ende\s+des\s+Jahres|Jahresende)(?:\s+(?P<y>\d{4}))?", re.I)
_WEEKDAY = re.compile(r"^(?:(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag"
                      r"|Mo|Di|Mi|Do|Fr|Sa|So)\.?,?\s+)?(?:den\s+)?", re.I)
# A meeting as a deadline's name: 'Sitzung', 'Treffen', 'Vorstandssitzung', 'Netzwerktag', 'Mitgliederversammlung'.
_MEETING = (r"[\wäöüß-]*?(?:[Ss]itzung|[Tt]reffen|[Tt]ermin|[Bb]esprechung|[Vv]ersammlung|[Rr]unde|[Tt]elko"
            r"|[Kk]onferenz|[Tt]ag)")
_DUE_CUE = re.compile(
    # 'bis zur nächsten Sitzung am 03.06.2025', 'bis zum nächsten Treffen (28.11.)', 'bis zur Sitzung am 4.3.',
    # 'bis zur nächsten Vorstandssitzung am 7. Mai', 'zum Netzwerktag am 23.9.': the meeting's date is the deadline
    rf"\b(?:(?:bis\s+)?(?:zur|zum)\s+(?:nächsten|kommenden)\s+{_MEETING}\s*(?:am\s+|\(\s*(?:am\s+)?)?(?=\d)"
    rf"|bis\s+(?:zur|zum)\s+{_MEETING}\s*(?:am\s+|\(\s*(?:am\s+)?)(?=\d)"
    # 'drei Wochen nach der Sitzung': counted from the meeting
    r"|(?=(?:zwei|drei|vier|sechs|acht|\d)\s+Wochen\s+nach\s+(?:der\s+|dem\s+)?(?:Sitzung|Treffen|Besprechung)\b)"
    r"|(?=(?:in|nach)\s+(?:zwei|drei|vier|sechs|acht|\d)\s+Wochen\b)"  # 'in zwei Wochen', 'nach vier Wochen'
    # 'in 14 Tagen', 'binnen einer Woche', 'innerhalb von zwei Wochen', 'Ende Februar', 'KW 17': said without 'bis'
    r"|(?=in\s+(?:\d{1,2}|zehn|vierzehn)\s+Tagen\b)|(?:binnen|innerhalb(?:\s+von)?)\s+(?=(?:\d{1,2}|einer|zwei|drei"
    r"|vier|sechs|acht|zehn|vierzehn)\s+(?:Tagen|Wochen?)\b)"
    rf"|(?=(?:Ende|Mitte|Anfang)\s+(?:{_MONTHS})\b)|(?<![\w-])(?=KW\s?\d)"
    r"|(?=Ende\s+(?:des|dieses|der|dieser|nächsten|kommenden)\s+(?:Monats|Woche|Quartals)\b|Monatsende\b"
    r"|Quartalsende\b|Ende\s+Q[1-4]\b|(?:nächste|kommende)\s+Woche\b|(?:noch\s+)?(?:diese|in\s+dieser)\s+Woche\b)"
    r"|bis\s+wann\s*\??|bis(?:\s+spätestens)?(?:\s+(?:zum|zur|am|Ende\s+der(?=\s+KW)|in\s+der))?|spätestens(?:\s+(?:zum|am|bis))?"
    r"|in\s+(?:der\s+)?(?=KW\s?\d)"
    r"|zum|Frist|Termin|fällig(?:\s+am)?|Deadline|(?-i:T)(?=\s*:))\b\s*:?\s*", re.I)

_T = r"(\d{1,2})(?:[:.](\d{2}))?"
_AMPM = r"(?:\s*([ap]\.?\s?m\.?)(?![a-z]))?"
# '10:00 s.t. bis 12:00', '15:00 – ca. 16:30 Uhr', '1:30 PM - 3:00 PM'
_RANGE = re.compile(rf"(?<![\d.:])(?:von\s+)?{_T}{_AMPM}\s*((?:Uhr|h)\b\s*)?(?:[sc]\.\s?t\.\s*)?(?:-|–|—|bis)\s*"
                    rf"(?:ca\.\s*|circa\s+|etwa\s+|gegen\s+)?{_T}{_AMPM}\s*(Uhr\b|h\b)?", re.I)
_RANGE = guarded(_RANGE)  # run only where a word it needs occurs (etl/core/prefilter.py)
# after a start, where the end is named: '10:00 (Ende ca. 12:00)', '…, Schluss gegen 12 Uhr'
_END_AFTER = re.compile(r"(?i)\b(?:ende|schluss|sitzungsende|bis)\b\s*:?\s*(?:ca\.\s*|circa\s+|etwa\s+|gegen\s+|um\s+)?"
                        r"(\d{1,2})(?:[:.](\d{2}))?(?!\d)\s*(uhr\b)?")
_SINGLE = re.compile(r"(?<![\d.:])(?:(\d{1,2})[:.](\d{2})(?!\d)\s*(?:Uhr\b)?|(\d{1,2})\s*Uhr\b)", re.I)


def _month(groups: dict[str, str | None]) -> int | None:
    if groups.get("m"):
        return int(groups["m"] or 0)
    name = (groups.get("mn") or "").lower().rstrip(".")
    return GERMAN_MONTHS.get(name)


def _valid(y: int, m: int | None, d: int) -> date | None:
    if y < 100:  # '01.02.99' is 1999: the same pivot as the master-data reader (00-29 -> 2000s)
        y += 2000 if y < TWO_DIGIT_PIVOT else 1900
    if not m or not 1900 <= y <= 2100:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[date, int, int]]:
    """Every complete date (with year) in `text` with its span, in reading order."""
    if not _DIGIT.search(text):
        return []  # each pattern needs a digit (most sentences have none)
    found: list[tuple[date, int, int]] = []
    taken: list[tuple[int, int]] = []
    for pattern in _FULL_PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            year = m.group("y") or m.groupdict().get("y2") or "0"
            value = _valid(int(year), _month(m.groupdict()), int(m.group("d")))
            if value:
                found.append((value, m.start(), m.end()))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda item: item[1])


def plausible(value: date, today: date | None = None) -> bool:
    """A date a meeting can have: the master-data reader's range (1900 to ten years ahead); '2099-01-01' is a typo."""
    latest = (today or date.today()).year + FUTURE_YEARS
    return EARLIEST_YEAR <= value.year <= latest


def first_date(text: str) -> date | None:
    dates = find_dates(text)
    return dates[0][0] if dates else None


def _without_dates(text: str) -> str:
    for _, start, end in reversed(find_dates(text)):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _hhmm(hour: str, minute: str | None) -> str | None:
    h, mi = int(hour), int(minute or 0)
    if h > 23 or mi > 59:
        return None
    return f"{h:02d}:{mi:02d}"


# 'Beginn 10.00 Uhr, Ende 12.30 Uhr', 'Beginn: 10:00 – Ende: 12:30' (start and end named in one line).
_BEGIN_END = re.compile(r"(?i)\b(?:sitzungs|veranstaltungs|besprechungs)?beginn\w*\s*:?\s*(?:um\s+|ab\s+)?(\d{1,2})"
                        r"(?:[:.](\d{2}))?\s*(?:uhr)?[\s,;|/–—-]*(?:und\s+)?(?:(?:sitzungs|veranstaltungs|besprechungs)?"
                        r"ende\w*|schluss)\s*:?\s*(?:um\s+|gegen\s+|ca\.\s*)?(\d{1,2})(?:[:.](\d{2}))?")


_HOURS = {"eins": 1, "ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
          "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12}
_HOUR = rf"(?P<h>\d{{1,2}}|{'|'.join(_HOURS)})(?![\w:.]\d)"
# 'halb zwölf' = 11:30, 'viertel nach zehn' = 10:15, 'viertel vor zwölf' / 'dreiviertel zwölf' = 11:45
_SPOKEN = re.compile(rf"(?i)\b(?P<kind>halb|viertel\s+nach|viertel\s+vor|dreiviertel|drei\s+viertel)\s+{_HOUR}\b")
_SPOKEN = guarded(_SPOKEN)  # run only where a word it needs occurs (etl/core/prefilter.py)
_OFFSETS = {"halb": -30, "viertel nach": 15, "viertel vor": -15, "dreiviertel": -15, "drei viertel": -15}
# '10 Uhr c.t.' (cum tempore) starts at a quarter past; 's.t.' (sine tempore) on the hour
_CUM_TEMPORE = re.compile(r"(?i)(?<![\d.:])(\d{1,2})(?:[:.]00)?(\s*Uhr)?\s*c\.\s?t\.")
_CUM_TEMPORE = guarded(_CUM_TEMPORE)  # run only where a word it needs occurs (etl/core/prefilter.py)


_WORD_HOUR = re.compile(rf"(?i)\b({'|'.join(_HOURS)})\s+Uhr\b")
_TO_WORD_HOUR = re.compile(rf"(?i)(\d:\d\d(?:\s*Uhr)?\s*(?:-|–|bis)\s*(?:ca\.\s*|etwa\s+)?)({'|'.join(_HOURS)})\b")


def _spoken_times(text: str) -> str:
    """Times written in words or academic quarters as digits: 'ca. halb zwölf' -> 'ca. 11:30 Uhr',
    '10 Uhr c.t.' -> '10:15 Uhr'."""
    def spoken(m: re.Match[str]) -> str:
        word = m.group("h").lower()
        hour = _HOURS.get(word) or int(word)
        minutes = hour * 60 + _OFFSETS[re.sub(r"\s+", " ", m.group("kind").lower())]
        if minutes < 7 * 60:
            minutes += 12 * 60  # 'halb drei' of a meeting is in the afternoon
        return f"{minutes // 60 % 24}:{minutes % 60:02d} Uhr"

    text = _CUM_TEMPORE.sub(lambda m: f"{m.group(1)}:15{m.group(2) or ''}", text)
    text = _SPOKEN.sub(spoken, text)
    # 'zehn Uhr', and 'bis zwölf' right after a time ('halb zehn bis zwölf'): a whole hour in words
    text = _WORD_HOUR.sub(lambda m: f"{_HOURS[m.group(1).lower()]}:00 Uhr", text)
    return _TO_WORD_HOUR.sub(lambda m: f"{m.group(1)}{_HOURS[m.group(2).lower()]}:00", text)


def time_range(text: str) -> tuple[str | None, str | None]:
    """Start and end of '12:30-14:00', '10:00 – 11:30 Uhr', '13 bis 15 Uhr', 'Beginn 10 Uhr, Ende 12 Uhr',
    '10 Uhr c.t. bis ca. halb zwölf'; single times give a start."""
    text = _spoken_times(_without_dates(text))
    if m := _BEGIN_END.search(text):
        start, end = _hhmm(m.group(1), m.group(2)), _hhmm(m.group(3), m.group(4))
        if start and end:
            return start, end
    for m in _RANGE.finditer(text):
        h1, m1, ampm1, uhr1, h2, m2, ampm2, uhr2 = m.groups()
        if not (m1 or m2 or uhr1 or uhr2 or ampm1 or ampm2):
            continue  # "3-4" is a count, not a time
        start, end = _hhmm(_pm(h1, ampm1), m1), _hhmm(_pm(h2, ampm2 or ampm1), m2)
        if start and end:
            return start, end
    single = next((m for m in _SINGLE.finditer(text) if not _day_month(text, m)), None)
    if single:
        start = _hhmm(single.group(1), single.group(2)) if single.group(1) else _hhmm(single.group(3), None)
        if (after := _END_AFTER.search(text, single.end())) and (after.group(2) or after.group(3)):
            return start, _hhmm(after.group(1), after.group(2))
        return start, None
    return None, None


def _day_month(text: str, m: re.Match[str]) -> bool:
    """'(15.07.)', 'bis 20.03.': a day and month without year, not the time 15:07 ('um 10.00.' stays a time)."""
    if not m.group(2) or text[m.start(2) - 1] != "." or int(m.group(2)) > 12 or not text[m.end():].startswith("."):
        return False
    return not re.search(r"(?i)\b(?:um|ab|gegen|von|beginn|ende|zeit)\s*:?\s*$", text[:m.start()])


def _pm(hour: str, ampm: str | None) -> str:
    """'1' of '1:30 PM' is 13; '12:15 AM' is 0."""
    value = int(hour)
    marker = (ampm or "").lower().replace(".", "").replace(" ", "")
    if marker == "pm" and value < 12:
        value += 12
    elif marker == "am" and value == 12:
        value = 0
    return str(value)


def single_time(text: str) -> str | None:
    if re.fullmatch(r"\s*\d{1,2}\.\d{1,2}\.\s*", text):
        return None  # 'Ende: 15.03.' under a label is a day and month (a deadline), not 15:03
    m = _SINGLE.search(_spoken_times(_without_dates(text)))  # 'Beginn: 14 Uhr c.t.', 'Ende: halb zwölf'
    if not m:
        return None
    return _hhmm(m.group(1), m.group(2)) if m.group(1) else _hhmm(m.group(3), None)


_DAYS = {"montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5, "sonnabend": 5,
         "sonntag": 6}
# Deadlines relative to the meeting: 'Freitag', 'nächste Woche', 'Ende der Woche', 'Monatsende', 'Ende Q2'.
_RELATIVE = re.compile(
    r"(?:(?P<next>kommenden|nächsten|diesen|kommender|nächster|diesem|kommendem|nächstem)\s+)?"
    rf"(?P<day>(?:{'|'.join(_DAYS)})\b|(?:Mo|Di|Mi|Do|Fr)(?:\.|\b))(?!\s*,?\s*(?:den\s+)?\d)"
    # 'Mi nächste Woche', 'Freitag kommender Woche': that day in the week after the meeting's
    r"(?P<week_after>\s+(?:der\s+)?(?:nächste|kommende)[nr]?\s+Woche\b)?"
    r"|(?P<week_end>Ende\s+(?:der|dieser)\s+Woche|Wochenende|(?:noch\s+)?(?:diese|in\s+dieser)\s+Woche)\b"
    r"|(?P<next_week_end>Ende\s+(?:der\s+)?(?:nächsten|kommenden|nächster|kommender)\s+Woche)\b"
    r"|(?P<next_week>(?:die\s+)?(?:nächste|kommende)n?\s+Woche)\b"
    r"|(?P<month_end>Ende\s+(?:des|dieses)\s+Monats|Monatsende)\b"
    r"|(?P<quarter_end>Ende\s+(?:des|dieses)\s+Quartals|Quartalsende)\b"
    r"|(?P<after>zwei|drei|vier|sechs|acht|\d)\s+Wochen\s+nach\s+(?:der\s+|dem\s+)?(?:Sitzung|Treffen|Besprechung)\b"
    r"|(?P<next_month_end>Ende\s+(?:des\s+)?(?:nächsten|kommenden)\s+Monats)\b"
    r"|(?:Ende\s+(?:des\s+)?)?(?:Q(?P<q>[1-4])|(?P<qn>[1-4])\.\s*Quartals?)(?:\s+(?P<qy>\d{4}))?\b"
    r"|(?:(?:in|nach)\s+)?(?P<weeks>einer|zwei|drei|vier|sechs|acht|\d)\s+Wochen?\b"
    r"|(?:in\s+)?(?P<days>\d{1,2}|zehn|vierzehn)\s+Tagen\b"
    r"|(?P<tomorrow>morgen|übermorgen)\b"
    r"|(?P<feast>Ostern|Pfingsten|Weihnachten)\b", re.I)
_SHORT_DAYS = {"mo": 0, "di": 1, "mi": 2, "do": 3, "fr": 4}
_NUMBERS = {"einer": 1, "zehn": 10, "vierzehn": 14, "zwei": 2, "drei": 3, "vier": 4, "sechs": 6, "acht": 8}
# '15.4' without the closing dot, and a bare day 'zum 15.' (the next such day after the meeting).
_NO_DOT = re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})(?![\d.:,])(?!\s*(?:Uhr|h)\b)")
_DAY_ONLY = re.compile(r"(?P<d>\d{1,2})\.(?=\s*(?:$|[),;]|[a-zäöüß]|d\.\s?M))")  # not 'zum 3. Treffen'


def _on_day(day: int) -> Callable[[int], int]:
    """A fixed day of the month, whatever the year."""
    return lambda _year: day


def _relative(text: str, ref: date | None) -> tuple[date | None, int]:
    """A deadline said relative to the meeting date `ref` ('bis Freitag', 'bis nächste Woche', 'bis Ende Q2')."""
    m = _RELATIVE.match(text)
    if not m or ref is None:
        return None, 0
    if m.group("day"):
        day = _DAYS[m.group("day").lower()] if len(m.group("day")) > 3 else _SHORT_DAYS[m.group("day")[:2].lower()]
        if m.group("week_after"):
            return ref + timedelta(days=7 - ref.weekday() + day), m.end()
        ahead = (day - ref.weekday()) % 7 or 7
        return ref + timedelta(days=ahead), m.end()
    if after := m.group("after"):
        return ref + timedelta(weeks=_NUMBERS.get(after.lower()) or int(after)), m.end()
    if m.group("quarter_end"):
        month = (ref.month - 1) // 3 * 3 + 3
        return date(ref.year, month, calendar.monthrange(ref.year, month)[1]), m.end()
    friday = ref + timedelta(days=4 - ref.weekday())
    if m.group("week_end"):
        return (friday if friday >= ref else friday + timedelta(days=7)), m.end()
    if m.group("next_week_end"):
        return friday + timedelta(days=7), m.end()
    if m.group("next_week"):
        return ref + timedelta(days=7), m.end()
    if m.group("month_end"):
        return date(ref.year, ref.month, calendar.monthrange(ref.year, ref.month)[1]), m.end()
    if m.group("next_month_end"):
        year, month = (ref.year + 1, 1) if ref.month == 12 else (ref.year, ref.month + 1)
        return date(year, month, calendar.monthrange(year, month)[1]), m.end()
    if quarter := m.group("q") or m.group("qn"):
        month = int(quarter) * 3
        year = int(m.group("qy")) if m.group("qy") else ref.year
        value = date(year, month, calendar.monthrange(year, month)[1])
        if value < ref and not m.group("qy"):
            value = date(year + 1, month, calendar.monthrange(year + 1, month)[1])
        return value, m.end()
    if feast := m.group("feast"):  # 'bis Ostern': the next such feast on or after the meeting
        for year in (ref.year, ref.year + 1):
            value = _feast(feast.lower(), year)
            if value >= ref:
                return value, m.end()
    if days := m.group("days"):
        return ref + timedelta(days=_NUMBERS.get(days.lower()) or int(days)), m.end()
    if weeks := m.group("weeks"):
        return ref + timedelta(weeks=_NUMBERS.get(weeks.lower()) or int(weeks)), m.end()
    return ref + timedelta(days=2 if m.group("tomorrow").lower() == "übermorgen" else 1), m.end()


def _feast(name: str, year: int) -> date:
    """Easter Sunday (Gauss/Meeus), Whit Sunday or Christmas Eve of `year`: deadlines offices name by the feast."""
    if name == "weihnachten":
        return date(year, 12, 24)
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    easter = date(year, month, day + 1)
    return easter + timedelta(days=49) if name == "pfingsten" else easter


def date_at_start(text: str, ref: date | None) -> tuple[date | None, int]:
    """A (possibly partial) date expression at the start of `text` and its length.

    Partial dates ('15.05.', 'Ende Juni', 'KW 23') take the year that puts them on or after `ref`, the meeting
    date; relative ones ('Freitag', 'nächste Woche', 'Monatsende') count from it.
    """
    value, length = _relative(text, ref)
    if value:
        return value, length
    stripped = _WEEKDAY.sub("", text, count=1)
    offset = len(text) - len(stripped)
    for pattern in _FULL_PATTERNS:
        if m := pattern.match(stripped):
            if len(m.group("y")) == 2 and (re.match(r"\s", stripped[m.start("y") - 1])
                                           or re.match(r"\s*(?:Uhr\b|h\b|[:.]\d)", stripped[m.end():])):
                # 'bis 4.4. 10 Uhr': a time after the date, not the year 2010
                return _in_year(ref, _month(m.groupdict()), _on_day(int(m.group("d")))), offset + m.start("y") - 1
            year = m.group("y") or m.groupdict().get("y2") or "0"
            value = _valid(int(year), _month(m.groupdict()), int(m.group("d")))
            if value:
                return value, offset + m.end()
    for pattern in _PARTIAL_PATTERNS:
        if m := pattern.match(stripped):
            day = int(m.group("d"))

            def fixed(_year: int, day: int = day) -> int:
                return day

            return _in_year(ref, _month(m.groupdict()), fixed), offset + m.end()
    if m := _NO_DOT.match(stripped):
        return _in_year(ref, int(m.group("m")), _on_day(int(m.group("d")))), offset + m.end()
    if (m := _DAY_ONLY.match(stripped)) and ref is not None:
        for month_ahead in range(3):
            carry, month0 = divmod(ref.month - 1 + month_ahead, 12)
            candidate = _valid(ref.year + carry, month0 + 1, int(m.group("d")))
            if candidate and candidate >= ref:
                return candidate, offset + m.end()
        return None, 0
    if m := _YEAR_END.match(stripped):
        year = int(m.group("y")) if m.group("y") else (ref.year if ref else None)
        return (_valid(year, 12, 31) if year else None), offset + m.end()
    if m := _WEEK.match(stripped):
        value = _week_friday(int(m.group("w")), int(m.group("y")) if m.group("y") else None, ref)
        return value, offset + m.end()
    if m := _PERIOD.match(stripped):
        month = _month(m.groupdict()) or 1
        when = (m.group("when") or "Ende").lower()

        def day_of(year: int) -> int:
            return {"anfang": 1, "mitte": 15}.get(when, calendar.monthrange(year, month)[1])

        if m.group("y"):
            year = int(m.group("y"))
            return (_valid(year, month, day_of(year)) if 1900 <= year <= 2100 else None), offset + m.end()
        return _in_year(ref, month, day_of), offset + m.end()
    return None, 0


def _in_year(ref: date | None, month: int | None, day_of: Callable[[int], int]) -> date | None:
    """Complete a day and month with the protocol's year; dates already past roll to next year."""
    if ref is None or not month:
        return None
    for year in (ref.year, ref.year + 1):
        value = _valid(year, month, day_of(year))
        if value and value >= ref:
            return value
    return None


def _week_friday(week: int, year: int | None, ref: date | None) -> date | None:
    if year is None:
        if ref is None:
            return None
        year = ref.year if week >= ref.isocalendar()[1] else ref.year + 1
    try:
        return date.fromisocalendar(year, week, 5)
    except ValueError:
        return None


_SINCE = re.compile(r"(?i)\b(?:ab|seit|nach)\s+$")


def due_date(text: str, ref: date | None, *,
             anywhere: bool = False) -> tuple[str | None, tuple[int, int] | None]:
    """The ISO due date of a task phrase ('bis zum 01.10.2021', 'bis Ende Juni') and the span it used.

    `anywhere` is for a dedicated due column, where a bare date needs no 'bis' in front.
    """
    for m in _DUE_CUE.finditer(text):
        value, length = date_at_start(text[m.end():m.end() + 40], ref)
        if value:
            end = m.end() + length
            if "(" in m.group(0) and (close := re.match(r"\s*\)", text[end:])):
                end += close.end()  # 'bis zum nächsten Treffen (28.11.)': the bracket closes with the date
            return value.isoformat(), (m.start(), end)
    if anywhere:
        for start in [0, *[m.end() for m in re.finditer(r"\s+", text)]]:
            if _SINCE.search(text[:start]):
                continue  # 'ab November', 'seit März': when something starts, no deadline
            value, length = date_at_start(text[start:start + 40], ref)
            if value:
                return value.isoformat(), (start, start + length)
    return None, None
