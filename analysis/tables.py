"""Exports: JSON-safe records for the shell, CSV/XLSX bytes for download buttons, the Ansprache-Liste.

CSV for people is written the way German Excel opens it without an import dialog: `;` separated,
decimal comma, UTF-8 with BOM (so umlauts survive). Text from data never becomes a formula and never
breaks a file (`vocab.cells`): a CSV cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`,
XLSX text cells are always typed as text, control characters and lone surrogates become U+FFFD. XLSX
columns that hold only dates (ISO or German, with or without time) are stored as Excel dates.
"""

from __future__ import annotations

import datetime
import functools
import io
import math
import re
from collections.abc import Callable
from typing import Any

import pandas as pd

from analysis.contacts import contacts_text
from vocab.cells import inert, storable
from vocab.periods import german_date
from vocab.terms import ACTIVITY_ICONS, ACTIVITY_LABELS, FACT_LABELS, ROLE_LABELS, heading

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&])")


def plain_markdown(text: object) -> str:
    """Text from data for a markdown renderer, shown literally: no emphasis, links, emoji codes or formulas.

    `&` is escaped too, so a name written with an entity („Müller &amp; Söhne“) keeps it as written.
    """
    return _plain_markdown("" if text is None else str(text))


@functools.lru_cache(maxsize=4096)
def _plain_markdown(text: str) -> str:
    """Memoised: a page repeats the same titles and clauses hundreds of times (Regelcheck at 400 groups)."""
    return defuse_links(_MARKDOWN_SPECIAL.sub(lambda match: "\\" + match.group(1), text))


# Markdown renderers (GFM) turn bare URLs, www. addresses and e-mail addresses into links even when every
# special character is escaped; a zero-width space inside the pattern keeps them plain text.
_AUTOLINK = re.compile(r"(?i)\b(?:https?|ftp|mailto)(?=\\?:)|\bwww(?=\\?\.)|(?=@)")
ZWSP = "\u200b"


def defuse_links(text: str) -> str:
    """Bare URLs, www. and e-mail addresses kept from becoming links (a zero-width space inside each)."""
    return _AUTOLINK.sub(lambda match: match.group(0) + ZWSP, text)


def _plain(value: object) -> object:
    """A Python scalar for JSON: numpy scalars unwrapped, NaN/NA/NaT as None."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def records(df: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts (JSON-serialisable; missing values None)."""
    return [{key: _plain(value) for key, value in row.items()} for row in df.to_dict("records")]


def _text_columns(df: pd.DataFrame, convert: Callable[[str], str]) -> pd.DataFrame:
    """A copy of `df` with `convert` applied to every string cell (numbers, dates and gaps unchanged)."""
    out = df.copy()
    for index in range(df.shape[1]):  # by position: column names need not be unique
        column = df.iloc[:, index]
        if isinstance(column.dtype, pd.CategoricalDtype):
            column = column.astype(object)
        if column.dtype == object or pd.api.types.is_string_dtype(column):
            converted: Any = column.map(lambda v: convert(v) if isinstance(v, str) else v)
            out.isetitem(index, converted)
    return out


def inert_cell(text: str) -> str:
    """A CSV cell that a spreadsheet shows as text and any file can hold (see `vocab.cells`); a bare CR
    becomes a line feed, which pandas quotes (it does not quote a CR, and the row would break in two)."""
    return inert(storable(text)).replace("\r\n", "\n").replace("\r", "\n")


def csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV for German Excel: `;`, decimal comma, UTF-8 with BOM; text cells never start a formula."""
    return _text_columns(_texts_as_str(df), inert_cell).to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def _texts_as_str(df: pd.DataFrame) -> pd.DataFrame:
    """Arrow-backed string columns cannot hold a lone surrogate once cleaned either way: plain objects."""
    out = df.copy()
    for index in range(df.shape[1]):
        if pd.api.types.is_string_dtype(df.iloc[:, index]) and df.iloc[:, index].dtype != object:
            plain: Any = df.iloc[:, index].astype(object)
            out.isetitem(index, plain)
    return out


_DATES = ((re.compile(r"(\d{4})-(\d{2})-(\d{2})"), False), (re.compile(r"(\d{2})\.(\d{2})\.(\d{4})"), False),
          (re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?"), True),
          (re.compile(r"(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2})"), True))


def _date_value(text: str) -> tuple[datetime.datetime, bool] | None:
    """A date text (ISO or German, with or without time) as a naive datetime and whether it has a time."""
    for pattern, timed in _DATES:
        if match := pattern.fullmatch(text.strip()):
            parts = [int(g) for g in match.groups()]
            if parts[0] < 100:  # German order: day, month, year
                parts[0], parts[2] = parts[2], parts[0]
            try:
                return datetime.datetime(*parts), timed  # type: ignore[arg-type]
            except ValueError:
                return None
    return None


def _as_dates(column: pd.Series) -> tuple[list[datetime.datetime | None], str] | None:
    """A column of date texts (all with a time or all without; gaps allowed) as datetimes and its Excel
    format, else None: a column that mixes dates with other text stays text."""
    values: list[datetime.datetime | None] = []
    kinds = set()
    for value in column:
        if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
            values.append(None)
            continue
        found = _date_value(value) if isinstance(value, str) else None
        if found is None:
            return None
        values.append(found[0])
        kinds.add(found[1])
    if len(kinds) != 1:
        return None
    return values, "DD.MM.YYYY HH:MM" if kinds.pop() else "DD.MM.YYYY"


def xlsx_bytes(df: pd.DataFrame, sheet: str = "Tabelle") -> bytes:
    """One-sheet workbook with the frame, header row frozen and columns sized to their content."""
    buffer = io.BytesIO()
    df = _text_columns(_texts_as_str(df), storable)
    formats: dict[int, str] = {}
    for index in range(df.shape[1]):
        found = _as_dates(df.iloc[:, index])
        if found is not None:
            dates: Any = pd.Series(found[0], index=df.index, dtype=object)
            df.isetitem(index, dates)
            formats[index + 1] = found[1]
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        df.to_excel(writer, index=False, sheet_name=sheet[:31])
        ws = writer.sheets[sheet[:31]]
        ws.freeze_panes = "A2"
        for row in ws.iter_rows(min_row=2):  # text from data that starts with "=" is text, not a formula
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
                elif cell.column in formats and cell.value is not None:
                    cell.number_format = formats[cell.column]
        for index, column in enumerate(df.columns, start=1):
            width = len(str(column)) + 2 if index in formats else 0
            width = max(width, 12) if index in formats else max(
                [len(str(column))] + [len(str(v)) for v in df.iloc[:, index - 1].head(500)]) + 2
            ws.column_dimensions[ws.cell(row=1, column=index).column_letter].width = min(width, 60)
    return buffer.getvalue()


def _de(iso: object) -> str | None:
    return german_date(_plain(iso), None)


def _percent(rates: pd.Series) -> pd.Series:
    """Rates 0…1 as whole percent; missing rates stay empty (NaN), not the text 'None'."""
    return (pd.to_numeric(rates, errors="coerce").astype(float) * 100).round()


def outreach_list(df: pd.DataFrame, months: int = 12, icons: bool = False) -> pd.DataFrame:
    """The Ansprache-Liste: `inactivity.inactive_partners` with German columns and labels.

    `icons` prefixes the status with its traffic-light colour for the screen; files get plain words.
    """
    label = {k: f"{ACTIVITY_ICONS[k]} {v}" if icons else v for k, v in ACTIVITY_LABELS.items()}
    listed = pd.DataFrame({
        "Organisation": df["organisation"],
        "Kurzname": df["short_name"].astype(object).fillna(""),  # all-empty comes back as float NaN
        "Rolle": df["role"].map(ROLE_LABELS).fillna(""),
        "Status": df["status"].map(label),
        heading(FACT_LABELS["last_attended"]): [_de(v) or "" for v in df["last_attended"]],
        heading(FACT_LABELS["missed_in_row"]): df["missed_in_row"].astype(int),
        f"Sitzungen ({months} Mon.)": df["meetings_12m"].astype(int),
        f"Anwesend ({months} Mon.)": df["attended_12m"].astype(int),
        f"Entschuldigt ({months} Mon.)": df["excused_12m"].astype(int),
        f"Quote {months} Mon. (%)": _percent(df["rate_12m"]),
        f"Quote {months} Mon. davor (%)": _percent(df["rate_prev_12m"]),
        "Hinweis": df["reason"].fillna(""),
    })
    if "contacts" in df.columns:  # whom to call, right after the status
        listed.insert(list(listed.columns).index("Status") + 1, "Ansprechpersonen",
                      [contacts_text(c) for c in df["contacts"]])
    return listed
