"""Netzwerkradar: page config, navigation, login, the shared sidebar filters. Nothing else."""

import logging
from pathlib import Path

import streamlit as st

from ui import guard
from ui.database import ensure_database

# The icon ships with the app: a Material icon as page icon made the browser fetch its font from the internet.
ICON = Path(__file__).resolve().parent / "assets" / "netzwerkradar.png"
st.set_page_config(page_title="Netzwerkradar", page_icon=str(ICON), layout="wide")
log = logging.getLogger("netzwerkradar")

page = guard.app_start()  # navigation (menu hidden before login), login screen, account
ensure_database()
guard.sidebar_filters()
try:
    page.run()
except Exception:  # the UI never shows a traceback
    log.exception("Seite %s fehlgeschlagen", page.title)
    st.error("Diese Seite konnte wegen eines internen Fehlers nicht vollständig angezeigt werden. "
             "Bitte laden Sie die Seite neu; bleibt der Fehler, melden Sie ihn mit Uhrzeit dem Betreuer.")
