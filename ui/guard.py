"""The page guard: login (when [auth] is configured) and the shared sidebar filters.

app.py runs `app_start` before the navigation runs a page; every page's first line is
`f = page_start()`. A page script can also run *without* app.py: on a fresh server, Streamlit
serves pages/<stem>.py as a legacy multipage page until some session has executed st.navigation.
`page_start` notices that, registers the real navigation and reruns through app.py, so no URL
ever shows data (or the legacy page list) before the login.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from analysis import overview
from analysis.tables import plain_markdown
from ui import navigation
from ui.data import data, has_data
from vocab.paths import source_path
from vocab.periods import Period, default_period, presets, today

FILTERS_KEY = "filters"


@dataclass(frozen=True)
class Filters:
    """The sidebar's choices: a period, a group (None = all groups), and whether person names are hidden."""

    period: Period
    group_id: str | None
    group_name: str | None
    hide_names: bool = False


def auth_configured() -> bool:
    """True when .streamlit/secrets.toml has an [auth] section (OIDC): then only logged-in users see data."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: the app runs open
        return False


def logged_in() -> bool:
    """True when nobody needs to log in ([auth] not configured) or the user has logged in."""
    return not auth_configured() or bool(getattr(st.user, "is_logged_in", False))


def login_gate() -> None:
    """With [auth] configured and nobody logged in: draw the login screen and stop the script run."""
    if logged_in():
        return
    st.title("Netzwerkradar")
    st.write("Dieses Dashboard enthält personenbezogene Daten. Bitte melden Sie sich an.")
    st.button("Anmelden", on_click=st.login, type="primary")
    st.stop()


def _account() -> None:
    if not auth_configured():
        return
    with st.sidebar:
        who = getattr(st.user, "name", None) or getattr(st.user, "email", "")
        st.caption(f"Angemeldet als {plain_markdown(who)}")  # the name comes from the login provider
        st.button("Abmelden", on_click=st.logout)


def source_is_demo() -> bool:
    """True for the bundled demo folder and for the upload working copy made from it (still fictional)."""
    readme = Path(source_path()) / "README.md"
    return readme.is_file() and readme.read_text(encoding="utf-8", errors="ignore").startswith("# Demo-Daten")


def sidebar_filters() -> Filters:
    """Zeitraum, Gruppe and „Namen ausblenden“, shared by every page through st.session_state['filters']."""
    as_of = today()
    groups = data(overview.groups) if has_data() else None
    first = data(overview.first_year) if has_data() else None
    options = presets(as_of, first)
    with st.sidebar:
        st.header("Filter")
        names: dict[str | None, str] = {None: "Alle Gruppen"}
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
        found = Filters(period, group_id, names[group_id] if group_id else None, hide_names)
        st.session_state[FILTERS_KEY] = found
        if source_is_demo():
            st.caption("Demo-Daten: Alle Personen und die meisten Organisationen sind frei erfunden.")
    return found


def app_start() -> st.Page:
    """app.py, before a page runs: navigation (menu hidden before login), login, account, sidebar filters."""
    page = navigation.navigation(visible=logged_in())
    login_gate()
    _account()
    return page


def filters() -> Filters:
    """The current sidebar filters (drawn by app.py); the default period before they were drawn."""
    found = st.session_state.get(FILTERS_KEY)
    return found if found is not None else Filters(default_period(today()), None, None)


def names_hidden() -> bool:
    """True when the sidebar switch „Namen ausblenden“ is on."""
    return filters().hide_names


def _without_app() -> bool:
    """True when this page runs as a legacy multipage page: no session has run app.py's st.navigation yet."""
    return bool(PagesManager.uses_pages_directory)


def page_start() -> Filters:
    """First line of every page: enforce the login, then return the sidebar filters.

    Run without app.py (legacy multipage page on a fresh server): register the real navigation
    (menu hidden) and rerun, so app.py decides what is shown; nothing of the page is drawn.
    """
    if _without_app():
        navigation.navigation(visible=False)
        st.rerun()
    login_gate()
    return filters()
