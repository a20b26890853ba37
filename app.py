"""Netzwerkradar: page config, navigation, the shared sidebar filters. Nothing else."""

import logging
from pathlib import Path

import streamlit as st

from analysis import overview
from analysis.db import database_path, today
from analysis.export import plain_markdown
from analysis.period import presets
from pages.shared import Filters, connection, data, has_data

st.set_page_config(page_title="Netzwerkradar", page_icon=":material/hub:", layout="wide")
log = logging.getLogger("netzwerkradar")


def auth_configured() -> bool:
    """True when .streamlit/secrets.toml has an [auth] section (OIDC): then only logged-in users see data."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: the app runs open
        return False


def require_login() -> None:
    """With [auth] configured, show a login screen and stop until the user has logged in."""
    if not auth_configured():
        return
    if not getattr(st.user, "is_logged_in", False):
        st.title("Netzwerkradar")
        st.write("Dieses Dashboard enthält personenbezogene Daten. Bitte melden Sie sich an.")
        st.button("Anmelden", on_click=st.login, type="primary")
        st.stop()
    with st.sidebar:
        who = getattr(st.user, "name", None) or getattr(st.user, "email", "")
        st.caption(f"Angemeldet als {plain_markdown(who)}")  # the name comes from the login provider
        st.button("Abmelden", on_click=st.logout)


def ensure_database() -> None:
    """First start: build the database from the configured source folder (the demo by default)."""
    if database_path().exists():
        return
    from etl.build import build
    from etl.errors import BuildError
    from etl.paths import source_path

    with st.spinner("Die Datenbank wird aus den Quelldaten aufgebaut …"):
        try:
            build(source_path(), database_path())
        except BuildError as exc:
            st.error(f"Die Datenbank konnte nicht aufgebaut werden: {plain_markdown(exc)}")  # may quote file names


def source_is_demo() -> bool:
    """True for the bundled demo folder and for the upload working copy made from it (still fictional)."""
    from etl.paths import source_path

    readme = Path(source_path()) / "README.md"
    return readme.is_file() and readme.read_text(encoding="utf-8", errors="ignore").startswith("# Demo-Daten")


def sidebar_filters() -> None:
    """Zeitraum and Gruppe, shared by every page through st.session_state['filters']."""
    as_of = today()
    groups = data(overview.groups) if has_data() else None
    first = data(overview.first_year) if has_data() else None
    options = presets(as_of, first)
    with st.sidebar:
        st.header("Filter")
        names = {None: "Alle Gruppen"}
        if groups is not None:
            names |= dict(zip(groups["id"], groups["name"], strict=True))
        group_id = st.selectbox("Gruppe", list(names), format_func=lambda g: names[g], key="filter_group")
        labels = [p.label for p in options]
        chosen = st.selectbox("Zeitraum", labels, key="filter_period")
        period = options[labels.index(chosen)]
        hide_names = st.toggle("Namen ausblenden", key="hide_names",
                               help="Für Präsentationen: Personen erscheinen überall – in Tabellen, Diagrammen, "
                                    "Suchtreffern und Downloads – als „Person A“, „Person B“ …; "
                                    "Organisationen bleiben sichtbar.")
        st.session_state["filters"] = Filters(period, group_id, names[group_id] if group_id else None, hide_names)
        if source_is_demo():
            st.caption("Demo-Daten: Alle Personen und die meisten Organisationen sind frei erfunden.")


require_login()
ensure_database()
if database_path().exists():
    connection()  # opened once, read-only, shared by all sessions
sidebar_filters()

# url_path differs from the file stem on purpose: with a pages/ folder present, Streamlit also
# registers every file there as a legacy page under its stem, and a rerun that matched such a
# page would run the page script without this file (no sidebar filters). Distinct paths avoid that.
PAGES = [
    st.Page("pages/overview.py", title="Übersicht", icon=":material/dashboard:", url_path="uebersicht", default=True),
    st.Page("pages/participation.py", title="Beteiligung", icon=":material/groups:", url_path="beteiligung"),
    st.Page("pages/inactive_partners.py", title="Inaktive Partner", icon=":material/person_off:",
            url_path="inaktive-partner"),
    st.Page("pages/rule_check.py", title="Regelcheck", icon=":material/rule:", url_path="regelcheck"),
    st.Page("pages/projects.py", title="Projekte", icon=":material/timeline:", url_path="projekte"),
    st.Page("pages/network.py", title="Partnernetz", icon=":material/hub:", url_path="partnernetz"),
    st.Page("pages/profile.py", title="Profil", icon=":material/badge:", url_path="profil"),
    st.Page("pages/meetings.py", title="Sitzungen", icon=":material/event_note:", url_path="sitzungen"),
    st.Page("pages/data_status.py", title="Daten", icon=":material/database:", url_path="daten"),
    st.Page("pages/presentation.py", title="Präsentation", icon=":material/slideshow:", url_path="praesentation"),
]
page = st.navigation(PAGES)
try:
    page.run()
except Exception:  # the UI never shows a traceback
    log.exception("Seite %s fehlgeschlagen", page.title)
    st.error("Diese Seite konnte wegen eines internen Fehlers nicht vollständig angezeigt werden. "
             "Bitte laden Sie die Seite neu; bleibt der Fehler, melden Sie ihn mit Uhrzeit dem Betreuer.")
