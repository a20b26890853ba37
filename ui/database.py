"""First start: build the database from the configured source folder (the demo by default)."""

from __future__ import annotations

import streamlit as st

from analysis.tables import plain_markdown
from etl.build.pipeline import build
from etl.core.errors import BuildError
from ui.data import connection
from vocab.paths import database_path, source_path


def ensure_database() -> None:
    """Build the database when it does not exist yet, then open the shared read-only connection."""
    if not database_path().exists():
        with st.spinner("Die Datenbank wird aus den Quelldaten aufgebaut …"):
            try:
                build(source_path(), database_path())
            except BuildError as exc:
                st.error(f"Die Datenbank konnte nicht aufgebaut werden: {plain_markdown(exc)}")  # may quote file names
    if database_path().exists():
        connection()  # opened once, read-only, shared by all sessions
