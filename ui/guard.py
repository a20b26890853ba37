"""The page guard: login (when [auth] is configured) and the shared sidebar filters.

app.py runs `app_start` before the navigation runs a page; every page's first line is
`f = page_start()`. A page script can also run *without* app.py: on a fresh server, Streamlit
serves pages/<stem>.py as a legacy multipage page until some session has executed st.navigation.
`page_start` notices that and runs the app (`run_app`: navigation, login, filters, the page) in that same
script run, so no URL ever shows data before the login. Not a rerun: a rerun drops the widget events of
the run (a button click), which AppTest, whose every run starts as such a legacy run, would lose.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from analysis import overview
from analysis.tables import plain_markdown
from ui import navigation
from ui.access import access, auth_configured
from ui.data import data, has_data
from vocab.paths import source_path
from vocab.periods import Period, default_period, presets, today

FILTERS_KEY = "filters"
# Query parameters that carry the filters in every page's URL (links from alerts set them).
GROUP_PARAM, PERIOD_PARAM = "gruppe", "zeitraum"
ALL_GROUPS = "alle"
# „Namen ausblenden“ in the URL (`namen=aus`), so a reload (F5) or a shared link keeps names hidden.
NAMES_PARAM, NAMES_HIDDEN, NAMES_SHOWN = "namen", "aus", "an"
_IN_URL = "_filters_in_url"  # what this session last wrote to the URL
# The icon ships with the app: a Material icon as page icon made the browser fetch its font from the internet.
ICON = Path(__file__).resolve().parents[1] / "assets" / "netzwerkradar.png"
log = logging.getLogger("netzwerkradar")
NO_DIALOGS = '<style>[data-testid="stDialog"] { display: none !important; }</style>'


@dataclass(frozen=True)
class Filters:
    """The sidebar's choices: a period, a group (None = all groups), and whether person names are hidden."""

    period: Period
    group_id: str | None
    group_name: str | None
    hide_names: bool = False


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
        labels = [p.label for p in options]
        _from_url(names, labels)
        # A cleared box means "Alle Gruppen" (None) anyway; the placeholder says so instead of "Choose an option".
        group_id = st.selectbox("Gruppe", list(names), format_func=lambda g: names[g], key="filter_group",
                                placeholder="Alle Gruppen")
        chosen = st.selectbox("Zeitraum", labels, key="filter_period", placeholder=labels[0])
        period = options[labels.index(chosen)] if chosen in labels else options[0]
        hide_names = st.toggle("Namen ausblenden", key="hide_names",
                               help="Für Präsentationen: Personen erscheinen überall – in Tabellen, Diagrammen, "
                                    "Suchtreffern und Downloads – als „Person A“, „Person B“ …; "
                                    "Organisationen bleiben sichtbar.")
        found = Filters(period, group_id, names[group_id] if group_id else None, hide_names)
        st.session_state[FILTERS_KEY] = found
        _to_url(found)
        if source_is_demo():
            st.caption("Demo-Daten: Alle Personen und die meisten Organisationen sind frei erfunden.")
    return found


def _from_url(names: dict[str | None, str], labels: list[str]) -> None:
    """Take group and period from the URL when they came from outside (a link, a bookmark), not from us.

    Unknown values are ignored, so a stale bookmark falls back to the current choice.
    """
    wanted = _in_url()
    # st.switch_page (a click that opens a profile) drops the sidebar widgets' state: then the URL, which the
    # link filled from them (ui.explore.profile_params), is the truth again.
    lost = any(key not in st.session_state for key in ("filter_group", "filter_period", "hide_names"))
    if (wanted == st.session_state.get(_IN_URL) and not lost) or wanted == (None, None, None):
        return
    group, label, shown = wanted
    if group == ALL_GROUPS:
        st.session_state["filter_group"] = None
    elif group in names:
        st.session_state["filter_group"] = group
    if label in labels:
        st.session_state["filter_period"] = label
    if shown in (NAMES_HIDDEN, NAMES_SHOWN) or lost:
        st.session_state["hide_names"] = shown == NAMES_HIDDEN


def _in_url() -> tuple[str | None, str | None, str | None]:
    return st.query_params.get(GROUP_PARAM), st.query_params.get(PERIOD_PARAM), st.query_params.get(NAMES_PARAM)


def _to_url(found: Filters) -> None:
    """Write the current filters into the URL, so it can be shared and reloaded as it is.

    `namen=aus` only while names are hidden: a URL without it shows names (the default outside Präsentation).
    """
    link = filter_link(found.group_id, found.period, found.hide_names)
    written = (link[GROUP_PARAM], link[PERIOD_PARAM], link.get(NAMES_PARAM))
    if _in_url() != written:
        st.query_params[GROUP_PARAM], st.query_params[PERIOD_PARAM] = written[:2]
        if found.hide_names:
            st.query_params[NAMES_PARAM] = NAMES_HIDDEN
        elif NAMES_PARAM in st.query_params:
            del st.query_params[NAMES_PARAM]
    st.session_state[_IN_URL] = written


def filter_link(group_id: str | None, period: Period, hide_names: bool = False) -> dict[str, str]:
    """Query parameters of a link that opens a page on this group and period (and with names hidden)."""
    link = {GROUP_PARAM: group_id or ALL_GROUPS, PERIOD_PARAM: period.label}
    return link | {NAMES_PARAM: NAMES_HIDDEN} if hide_names else link


def current_link() -> dict[str, str]:
    """The query parameters that keep this session's sidebar choices in a link to another page."""
    f = filters()
    return filter_link(f.group_id, f.period, f.hide_names)


def _no_english_dialog() -> None:
    """Hide Streamlit's modal dialogs: the app opens none itself, and the one a fresh server shows for a
    deep link ("Page not found", in English, while the page then opens correctly) only confuses."""
    st.html(NO_DIALOGS)


def app_start() -> st.Page:
    """app.py, before a page runs: navigation (menu hidden before login), login, account, sidebar filters."""
    _no_english_dialog()  # before st.navigation: it sends "Page not found" for an unknown URL
    page = navigation.navigation(visible=logged_in(), editor=logged_in() and access().can_edit)
    login_gate()
    _account()
    return page


def run_app() -> None:
    """What app.py does: page config, navigation (menu hidden before login), login, account, filters, the page."""
    from ui.database import ensure_database  # builds on first start: the write side only when needed

    st.set_page_config(page_title="Netzwerkradar", page_icon=str(ICON), layout="wide")
    page = app_start()
    ensure_database()
    sidebar_filters()
    try:
        page.run()
    except Exception:  # the UI never shows a traceback
        log.exception("Seite %s fehlgeschlagen", page.title)
        st.error("Diese Seite konnte wegen eines internen Fehlers nicht vollständig angezeigt werden. "
                 "Bitte laden Sie die Seite neu; bleibt der Fehler, melden Sie ihn mit Uhrzeit dem Betreuer.")


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

    Run without app.py (legacy multipage page on a fresh server): run the app instead (`run_app`, which
    registers the real navigation, asks for the login and runs this page through it), then stop; nothing
    of this legacy run of the page is drawn.
    """
    if _without_app():
        run_app()
        st.stop()
    login_gate()
    return filters()
