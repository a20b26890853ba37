"""What every page shares: the cached read-only connection, cached analysis calls, the filters.

Not a page itself (app.py registers pages explicitly). Pages import `data`, `filters`, `empty_notice`.
"""

from __future__ import annotations

import functools
import importlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis import exports, overview, pseudonymise, report
from analysis.db import connect, database_path, is_built, today
from analysis.export import plain_markdown
from analysis.network import NetworkView
from analysis.period import Period, german_date

log = logging.getLogger("netzwerkradar")


@dataclass(frozen=True)
class Filters:
    """The sidebar's choices: a period, a group (None = all groups), and whether person names are hidden."""

    period: Period
    group_id: str | None
    group_name: str | None
    hide_names: bool = False


def db_version() -> tuple[str, int]:
    """(path, mtime) of the database: a rebuild replaces the file and so refreshes every cache."""
    path = database_path()
    return str(path), path.stat().st_mtime_ns if path.exists() else 0


@st.cache_resource(show_spinner=False, max_entries=4)
def _connection(path: str, version: int):
    return connect(path)


def connection():
    path, version = db_version()
    return _connection(path, version)


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_call(function: str, path: str, version: int, args: tuple, kwargs: tuple):
    module, _, name = function.rpartition(".")
    fn = getattr(importlib.import_module(module), name)
    return fn(_connection(path, version), *args, **dict(kwargs))


def data(fn, *args, **kwargs):
    """Call an analysis function `fn(conn, ...)` with caching keyed on the database and the arguments.

    Returned objects are shared between reruns: never mutate them, copy first.
    """
    path, version = db_version()
    return _cached_call(f"{fn.__module__}.{fn.__qualname__}", path, version, args, tuple(sorted(kwargs.items())))


def filters() -> Filters:
    """The current sidebar filters (set by app.py)."""
    found = st.session_state.get("filters")
    if found is None:
        as_of = today()
        found = Filters(Period(f"{as_of.year - 1}-{as_of:%m-%d}", as_of.isoformat(), "Letzte 12 Monate"), None, None)
    return found


def has_data() -> bool:
    """True when the database exists, is built and has at least one organisation or meeting."""
    if not database_path().exists():
        return False
    conn = connection()
    if not is_built(conn):
        return False
    return bool(conn.execute("SELECT (SELECT COUNT(*) FROM organisations) + (SELECT COUNT(*) FROM meetings)")
                .fetchone()[0])


def empty_notice() -> None:
    st.info("Noch keine Daten geladen. Legen Sie Stammdaten (CSV/XLSX) und Protokolle in den Quellordner "
            "und bauen Sie die Datenbank mit `python -m etl build` – oder laden Sie Dateien auf der Seite "
            "„Daten“ hoch.")


def period_caption(f: Filters) -> str:
    """'Zeitraum: … · Gruppe' as markdown for st.caption: the group name (data) is escaped."""
    scope = plain_markdown(f.group_name) if f.group_name else "alle Gruppen"
    return f"Zeitraum: {f.period.label} ({de(f.period.start)} – {de(f.period.end)}) · {scope}"


# --- Namen ausblenden ---------------------------------------------------------------------------
def names_hidden() -> bool:
    """True when the sidebar switch „Namen ausblenden“ is on."""
    return filters().hide_names


def hide(df: pd.DataFrame, persons: Sequence[str] = (), texts: Sequence[str] = (), ids: Sequence[str] = (),
         hidden: bool | None = None, surnames: bool = False) -> pd.DataFrame:
    """`df` as it is when names are shown, else a pseudonymised copy (the cached frame is never changed).

    persons: columns holding a person's name; texts: free text that may name people; ids: person ids.
    """
    if not (names_hidden() if hidden is None else hidden):
        return df
    return data(pseudonymise.pseudonyms).frame(df, persons=persons, texts=texts, ids=ids, surnames=surnames)


def hide_text(text: object, hidden: bool | None = None) -> object:
    """One free text with names replaced when names are hidden."""
    if not (names_hidden() if hidden is None else hidden):
        return text
    return data(pseudonymise.pseudonyms).text(text)


# --- downloads ----------------------------------------------------------------------------------
def file_stem(*parts: object) -> str:
    """A safe file name stem from a title and the filter scope, e.g. 'beteiligung_fachgruppe-handwerk_2024'."""
    return exports.file_stem(*parts)


def scope_stem(title: str, f: Filters) -> str:
    """File stem for a download on a page: title, group (or 'alle-gruppen') and period."""
    return exports.file_stem(title, f.group_name or "alle Gruppen", f.period.start, f.period.end)


def _button(label: str, make: Callable[[], bytes], file_name: str, mime: str, key: str) -> None:
    # Deferred: the file is built only when clicked, so a page with many charts stays fast.
    st.download_button(label, make, file_name=file_name, mime=mime, key=key, on_click="ignore",
                       width="stretch")


def download_buttons(name: str, fig: go.Figure | None = None, df: pd.DataFrame | None = None,
                     network: NetworkView | None = None, key: str | None = None, sheet: str = "Tabelle",
                     title: str | None = None) -> None:
    """One „Herunterladen“ menu for a chart (PNG, HTML), a table (CSV, Excel) and/or the network (HTML, PNG).

    Pass what is shown (already pseudonymised when names are hidden), so downloads show the same.
    """
    key = key or name
    heading = title or name
    with st.popover("Herunterladen", icon=":material/download:"):
        if fig is not None or network is not None:
            if exports.png_available():
                make = ((lambda: exports.network_png(network, title=heading)) if network is not None
                        else (lambda: exports.png_bytes(fig)))
                _button("Bild (PNG)", make, f"{name}.png", exports.MIME["png"], f"dl_{key}_png")
            else:
                st.caption(exports.BROWSER_HINT)
            make_html = ((lambda: exports.network_page(network, title=heading)) if network is not None
                         else (lambda: exports.figure_html(fig, heading)))
            _button("Interaktiv (HTML, offline)", make_html, f"{name}.html", exports.MIME["html"], f"dl_{key}_html")
        if df is not None:
            _button("Tabelle (CSV)", lambda: exports.table_csv(df), f"{name}.csv", exports.MIME["csv"],
                    f"dl_{key}_csv")
            _button("Tabelle (Excel)", lambda: exports.table_xlsx(df, sheet), f"{name}.xlsx", exports.MIME["xlsx"],
                    f"dl_{key}_xlsx")


# --- Jahresbericht ------------------------------------------------------------------------------
@functools.lru_cache(maxsize=8)
def _report_model(path: str, version: int, group_id: str, year: int, hidden: bool) -> report.Report:
    """The report model, built once per database version and choice (charts take a few seconds).

    Runs inside a deferred download (another thread, no Streamlit context), so it opens its own
    read-only connection and uses a plain LRU cache instead of st.cache_data.
    """
    conn = connect(path)
    try:
        return report.build_report(conn, group_id, year, hide_names=hidden, charts=exports.png_available())
    finally:
        conn.close()


def _report_file(group_id: str, year: int, hidden: bool, fmt: str) -> bytes:
    path, version = db_version()
    return report.render(_report_model(path, version, group_id, year, hidden), fmt)


REPORT_BUTTONS = {"docx": "Word (.docx)", "pdf": "PDF", "pptx": "PowerPoint (.pptx)", "zip": "Markdown (.zip)"}


def report_downloads(prefix: str, group_id: str | None, period_end: date, hidden: bool) -> None:
    """Group and year selectors and one download button per format of the Jahresbericht.

    The year offered first is the last complete one: the period's year if it ends on 31.12., else the year before.
    """
    year = period_end.year if (period_end.month, period_end.day) == (12, 31) else period_end.year - 1
    groups = data(overview.groups)
    if groups.empty:
        st.info("Es gibt noch keine Gruppe, über die berichtet werden könnte.")
        return
    names = dict(zip(groups["id"], groups["name"], strict=True))
    first = data(overview.first_year) or year
    years = list(range(max(year, first), min(first, year) - 1, -1))
    left, right = st.columns([3, 1])
    ids = list(names)
    chosen = left.selectbox("Gruppe des Berichts", ids, index=ids.index(group_id) if group_id in names else 0,
                            format_func=names.get, key=f"{prefix}_report_group")
    chosen_year = right.selectbox("Berichtsjahr", years, index=years.index(year) if year in years else 0,
                                  key=f"{prefix}_report_year")
    st.caption(f"Jahresbericht {chosen_year} für „{plain_markdown(names[chosen])}“: Sitzungen mit Anwesenheit, "
               "Partner (aktiv, neu, nachlassend, inaktiv), vorgestellte Projekte, Beschlüsse, offene Aufgaben und "
               f"Regelcheck zum 31.12.{chosen_year}" + (" – Namen ausgeblendet." if hidden else ".")
               + ("" if exports.png_available() else " Ohne Diagramme: " + exports.BROWSER_HINT))
    stem = exports.file_stem("jahresbericht", names[chosen], chosen_year)
    for column, (fmt, label) in zip(st.columns(len(REPORT_BUTTONS)), REPORT_BUTTONS.items(), strict=True):
        with column:
            _button(label, functools.partial(_report_file, chosen, int(chosen_year), hidden, fmt),
                    f"{stem}.{fmt}", report.MIME[fmt], f"{prefix}_report_{fmt}")


# --- Tables ---------------------------------------------------------------------------------------
DATE_COLUMN = st.column_config.DateColumn(format="DD.MM.YYYY")


def dated(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """A copy with ISO date columns as dates, so tables show and sort them as dates."""
    out = frame.copy()
    for column in columns:
        out[column] = pd.to_datetime(out[column], errors="coerce")
    return out


def de(iso: object) -> str:
    """An ISO date as 'TT.MM.JJJJ' for page texts ('–' when missing)."""
    return german_date(iso) or "–"
