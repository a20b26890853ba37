"""What every page shares: the cached read-only connection, cached analysis calls, the filters.

Not a page itself (app.py registers pages explicitly). Pages import `data`, `filters`, `empty_notice`.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass

import streamlit as st

from analysis.db import connect, database_path, is_built, today
from analysis.period import Period

log = logging.getLogger("netzwerkradar")


@dataclass(frozen=True)
class Filters:
    """The sidebar's choices: a period and a group (None = all groups)."""

    period: Period
    group_id: str | None
    group_name: str | None


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
    scope = f.group_name or "alle Gruppen"
    return f"Zeitraum: {f.period.label} ({_de(f.period.start)} – {_de(f.period.end)}) · {scope}"


def _de(iso: str) -> str:
    return f"{iso[8:10]}.{iso[5:7]}.{iso[0:4]}"

