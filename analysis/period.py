"""The shared Zeitraum filter: named presets and the comparison period before it. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


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
    start = _shift_months(as_of, -months) + timedelta(days=1)
    return Period(start.isoformat(), as_of.isoformat(), f"Letzte {months} Monate")


def calendar_year(year: int) -> Period:
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
    options = [last_months(as_of, 12), last_months(as_of, 24)]
    first = first_year or as_of.year
    options += [calendar_year(y) for y in range(as_of.year, first - 1, -1)]
    options.append(Period(f"{min(first, as_of.year)}-01-01", as_of.isoformat(), "Gesamter Zeitraum"))
    return options


def german_date(iso: object, missing: str | None = "–") -> str | None:
    """An ISO date as users read it ('TT.MM.JJJJ'); missing or malformed values give `missing`."""
    if iso is None or (isinstance(iso, float) and iso != iso):
        return missing
    text = str(iso)
    return f"{text[8:10]}.{text[5:7]}.{text[0:4]}" if len(text) >= 10 and text[4] == "-" else missing
