"""Cached read access for pages: one read-only connection per database file, cached analysis calls."""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from analysis import data_status
from analysis.db import connect
from vocab.paths import database_path

T = TypeVar("T")


def db_version() -> tuple[str, int]:
    """(path, mtime) of the database: a rebuild replaces the file and so refreshes every cache."""
    path = database_path()
    return str(path), path.stat().st_mtime_ns if path.exists() else 0


@st.cache_resource(show_spinner=False, max_entries=4)
def _connection(path: str, version: int) -> sqlite3.Connection:
    return connect(path)


def connection() -> sqlite3.Connection:
    """The shared read-only connection to the current database file."""
    path, version = db_version()
    return _connection(path, version)


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_call(function: str, path: str, version: int, args: tuple, kwargs: tuple) -> Any:
    module, _, name = function.rpartition(".")
    fn = getattr(importlib.import_module(module), name)
    return fn(_connection(path, version), *args, **dict(kwargs))


def data(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call an analysis function `fn(conn, ...)` with caching keyed on the database and the arguments.

    Returned objects are shared between reruns: never mutate them, copy first.
    """
    path, version = db_version()
    return _cached_call(f"{fn.__module__}.{fn.__qualname__}", path, version, args, tuple(sorted(kwargs.items())))


@st.cache_resource(show_spinner=False, max_entries=32)
def _figure(function: str, args: tuple, kwargs: tuple) -> Any:
    module, _, name = function.rpartition(".")
    return getattr(importlib.import_module(module), name)(*args, **dict(kwargs))


def cached_figure(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """A chart `fn(*args)` built once per distinct input (frames are hashed by content) and kept as one object:
    a chart with a trace per group costs a large share of every rerun when there are hundreds of groups.

    Never mutate the result (pages and downloads only read it)."""
    return _figure(f"{fn.__module__}.{fn.__qualname__}", args, tuple(sorted(kwargs.items())))


def has_data() -> bool:
    """True when the database exists, is built and has at least one organisation or meeting."""
    if not database_path().exists():
        return False
    return data_status.has_rows(connection())
