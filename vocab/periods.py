"""Time as users choose it: the Zeitraum presets, the comparison period, "today" and German dates.

"Letzte 12 Monate" is computed here once (`last_months`); the sidebar, the CLI and the analyses use it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import overload
from zoneinfo import ZoneInfo

from vocab.paths import AS_OF_ENV


def today() -> date:
    """'Today' for every analysis; NETZWERKRADAR_AS_OF fixes it for reproducible views and tests."""
    fixed = os.environ.get(AS_OF_ENV)
    return date.fromisoformat(fixed) if fixed else date.today()


@dataclass(frozen=True)
class Period:
    """A closed date range [start, end] in ISO strings, with its German label."""

    start: str
    end: str
    label: str

    def previous(self) -> Period:
        """The period of the same length directly before this one, for 'change against' figures."""
        start, end = date.fromisoformat(self.start), date.fromisoformat(self.end)
        length = end - start
        prev_end = start - timedelta(days=1)
        return Period((prev_end - length).isoformat(), prev_end.isoformat(), "Vorperiode")


def last_months(as_of: date, months: int) -> Period:
    """The `months` months up to and including `as_of` ('Letzte 12 Monate' on 30.11.2026: 01.12.2025 – 30.11.2026)."""
    start = _shift_months(as_of, -months) + timedelta(days=1)
    return Period(start.isoformat(), as_of.isoformat(), f"Letzte {months} Monate")


def calendar_year(year: int) -> Period:
    """One calendar year, 'Jahr 2025'."""
    return Period(f"{year}-01-01", f"{year}-12-31", f"Jahr {year}")


def _shift_months(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def presets(as_of: date, first_year: int | None) -> list[Period]:
    """The choices of the sidebar: last 12/24 months, each calendar year, everything."""
    options = [default_period(as_of), last_months(as_of, 24)]
    first = first_year or as_of.year
    options += [calendar_year(y) for y in range(as_of.year, first - 1, -1)]
    options.append(Period(f"{min(first, as_of.year)}-01-01", as_of.isoformat(), "Gesamter Zeitraum"))
    return options


def default_period(as_of: date) -> Period:
    """The Zeitraum every view starts with: the last 12 months."""
    return last_months(as_of, 12)


def report_year(period_end: date) -> int:
    """The last complete year at the end of a period: its own year if it ends on 31.12., else the one before."""
    return period_end.year if (period_end.month, period_end.day) == (12, 31) else period_end.year - 1


# The one German date format (strftime), for dates that are `date` objects rather than ISO text.
DATE_FORMAT = "%d.%m.%Y"


@overload
def german_date(iso: object, missing: str = "–") -> str: ...


@overload
def german_date(iso: object, missing: None) -> str | None: ...


def german_date(iso: object, missing: str | None = "–") -> str | None:
    """An ISO date as users read it ('TT.MM.JJJJ'); missing or malformed values give `missing`."""
    if iso is None or (isinstance(iso, float) and iso != iso):
        return missing
    text = str(iso)
    return f"{text[8:10]}.{text[5:7]}.{text[0:4]}" if len(text) >= 10 and text[4] == "-" else missing


def span_label(period: Period) -> str:
    """The dates a period covers, for titles of files that leave the app: '2015–2026' for whole years (the
    last one may run to today), '2026' for one year, else '01.12.2025–30.11.2026'."""
    start, end = period.start, period.end
    if start[5:] == "01-01" and (end[5:] == "12-31" or end[:4] > start[:4]):
        return start[:4] if start[:4] == end[:4] else f"{start[:4]}–{end[:4]}"
    return f"{german_date(start)}–{german_date(end)}"


LOCAL_ZONE = ZoneInfo("Europe/Berlin")
LOCAL_TIME_NOTE = "Ortszeit (Europe/Berlin)"


def local_time(iso: object, missing: str = "–") -> str:
    """A stored UTC timestamp as users read it: '01.12.2026, 01:01 Uhr' in Europe/Berlin; `missing` when absent.

    The one formatter of times for pages, the change log and CLI messages (timestamps are stored in UTC).
    """
    if not isinstance(iso, str) or not iso:
        return missing
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return missing
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LOCAL_ZONE).strftime("%d.%m.%Y, %H:%M Uhr")
