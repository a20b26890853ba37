"""Netzwerkradar: page config, navigation, login, the shared sidebar filters. Nothing else."""

import logging

import streamlit as st

from ui import guard
from ui.database import ensure_database

st.set_page_config(page_title="Netzwerkradar", page_icon=":material/hub:", layout="wide")
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
