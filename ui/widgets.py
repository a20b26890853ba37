"""Widgets pages share: the empty-data notice, the „Herunterladen“ menu, Jahresbericht downloads, date tables."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis import downloads, inactivity, overview, report
from analysis.db import connect
from analysis.network import NetworkView
from analysis.tables import plain_markdown
from ui.data import data, db_version
from vocab.periods import report_year

# No Plotly toolbar: on a phone it covered legends and names; downloads have their own menu.
PLOTLY_CONFIG = {"displayModeBar": False, "displaylogo": False, "locale": "de"}


def chart(fig: go.Figure, key: str | None = None, **options: Any) -> Any:
    """Draw a figure the same way on every page (toolbar off, German number format in hovers); returns
    Streamlit's selection event when `on_select` is given."""
    return st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG, **options)


def empty_notice() -> None:
    """What to do when no data is loaded yet."""
    st.info("Noch keine Daten geladen. Legen Sie Stammdaten (CSV/XLSX) und Protokolle in den Quellordner "
            "und bauen Sie die Datenbank mit `python -m etl build` – oder laden Sie Dateien auf der Seite "
            "„Daten“ hoch.")


# --- downloads ----------------------------------------------------------------------------------
def _button(label: str, make: Callable[[], bytes], file_name: str, mime: str, key: str) -> None:
    # Deferred: the file is built only when clicked, so a page with many charts stays fast.
    st.download_button(label, make, file_name=file_name, mime=mime, key=key, on_click="ignore",
                       width="stretch")


def download_buttons(name: str, fig: go.Figure | None = None, df: pd.DataFrame | None = None,
                     network: NetworkView | None = None, key: str | None = None, sheet: str = "Tabelle",
                     title: str | None = None, network_colours: dict | None = None) -> None:
    """One „Herunterladen“ menu for a chart (PNG, HTML), a table (CSV, Excel) and/or the network (HTML, PNG).

    Pass what is shown (already pseudonymised when names are hidden), so downloads show the same;
    `network_colours` (colour_by, group_colours) colours the network's PNG as the page does.
    """
    key = key or name
    heading = title or name
    with st.popover("Herunterladen", icon=":material/download:"):
        if fig is not None or network is not None:
            if downloads.png_available():
                make = ((lambda: downloads.network_png(network, title=heading, **(network_colours or {})))
                        if network is not None
                        else (lambda: downloads.png_bytes(fig)))
                _button("Bild (PNG)", make, f"{name}.png", downloads.MIME["png"], f"dl_{key}_png")
            else:
                st.caption(downloads.BROWSER_HINT)
            make_html = ((lambda: downloads.network_page(network, title=heading)) if network is not None
                         else (lambda: downloads.figure_html(fig, heading)))
            _button("Interaktiv (HTML, offline)", make_html, f"{name}.html", downloads.MIME["html"], f"dl_{key}_html")
        if df is not None:
            _button("Tabelle (CSV)", lambda: downloads.table_csv(df), f"{name}.csv", downloads.MIME["csv"],
                    f"dl_{key}_csv")
            _button("Tabelle (Excel)", lambda: downloads.table_xlsx(df, sheet), f"{name}.xlsx", downloads.MIME["xlsx"],
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
        return report.build_report(conn, group_id, year, hide_names=hidden, charts=downloads.png_available())
    finally:
        conn.close()


def _report_file(group_id: str, year: int, hidden: bool, fmt: str) -> bytes:
    path, version = db_version()
    return report.render(_report_model(path, version, group_id, year, hidden), fmt)


REPORT_BUTTONS = {"docx": "Word (.docx)", "pdf": "PDF", "pptx": "PowerPoint (.pptx)", "zip": "Markdown (.zip)"}


def report_downloads(prefix: str, group_id: str | None, period_end: date, hidden: bool) -> None:
    """Group and year selectors and one download button per format of the Jahresbericht.

    The year offered first is the last complete one at the end of the period (vocab.periods.report_year).
    """
    year = report_year(period_end)
    groups = data(overview.groups)
    if groups.empty:
        st.info("Es gibt noch keine Gruppe, über die berichtet werden könnte.")
        return
    names = dict(zip(groups["id"], groups["name"], strict=True))
    first = data(overview.first_year) or year
    years = list(range(max(year, first), min(first, year) - 1, -1))
    left, right = st.columns([3, 1])
    ids = list(names)
    # The key names the page's group: when that changes, the selector starts again from it (never stale);
    # without one it starts on the first group that still exists.
    chosen = left.selectbox("Gruppe des Berichts", ids, index=start_index(groups, group_id),
                            format_func=names.__getitem__, key=f"{prefix}_report_group_{group_id or 'alle'}",
                            placeholder="Gruppe wählen …")
    if chosen is None:
        return
    chosen_year = right.selectbox("Berichtsjahr", years, index=years.index(year) if year in years else 0,
                                  key=f"{prefix}_report_year", placeholder="Jahr wählen …")
    if chosen_year is None:
        return
    st.caption(f"Jahresbericht {chosen_year} für „{plain_markdown(names[chosen])}“: Sitzungen mit Anwesenheit, "
               "Partner (aktiv, neu, nachlassend, inaktiv), vorgestellte Projekte, Beschlüsse, offene Aufgaben und "
               f"Regelcheck zum 31.12.{chosen_year}" + (" – Namen ausgeblendet." if hidden else ".")
               + ("" if downloads.png_available() else " Ohne Diagramme: " + downloads.BROWSER_HINT))
    stem = downloads.file_stem("jahresbericht", names[chosen], chosen_year)
    for column, (fmt, label) in zip(st.columns(len(REPORT_BUTTONS)), REPORT_BUTTONS.items(), strict=True):
        with column:
            _button(label, functools.partial(_report_file, chosen, int(chosen_year), hidden, fmt),
                    f"{stem}.{fmt}", report.MIME[fmt], f"{prefix}_report_{fmt}")


def start_index(groups: pd.DataFrame, sidebar_group: str | None) -> int:
    """Where a group selector over `groups` (id[, dissolved]) starts: the sidebar's group if listed, else the
    first group not dissolved (never a dissolved group just because it comes first)."""
    ids = groups["id"].tolist()
    if sidebar_group in ids:
        return ids.index(sidebar_group)
    gone = groups["dissolved"].notna().tolist() if "dissolved" in groups.columns else [False] * len(ids)
    alive = [i for i, dissolved in enumerate(gone) if not dissolved]
    return alive[0] if alive else 0


def group_select(label: str, groups: pd.DataFrame, key: str, sidebar_group: str | None, help: str | None = None) -> str:
    """An in-page group selector (when the sidebar shows all groups): starts on the sidebar's group if it is
    among `groups` (id, name[, dissolved]), else on the first group not dissolved, never on an empty box."""
    names = dict(zip(groups["id"], groups["name"], strict=True))
    ids = list(names)
    index = start_index(groups, sidebar_group)
    chosen = st.selectbox(label, ids, index=index, format_func=names.__getitem__, key=key,
                          help=help, placeholder="Gruppe wählen …")
    return chosen if chosen is not None else ids[index]


# --- Tables ---------------------------------------------------------------------------------------
DATE_COLUMN = st.column_config.DateColumn(format="DD.MM.YYYY")


def dated(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """A copy with ISO date columns as dates, so tables show and sort them as dates."""
    out = frame.copy()
    for column in columns:
        out[column] = pd.to_datetime(out[column], errors="coerce")
    return out


def page_group(sidebar_group: str | None, as_of: date, key: str) -> tuple[str, str]:
    """(id, name) of the group a page is about: the sidebar's, else chosen on the page among the groups with
    members or meetings at `as_of`; without any such group the page says so and stops."""
    groups = data(inactivity.candidate_groups, as_of)
    if groups.empty:
        st.info("Es gibt noch keine Gruppe mit Mitgliedern oder Sitzungen.")
        st.stop()
    names = dict(zip(groups["id"], groups["name"], strict=True))
    chosen = (sidebar_group if sidebar_group is not None and sidebar_group in names
              else group_select("Gruppe", groups, key, sidebar_group))
    return chosen, names[chosen]
