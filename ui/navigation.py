"""The app's pages: file, German title, icon and URL; where an alert's destination leads.

Each page file is named as its URL (pages/beteiligung.py serves /beteiligung): Streamlit also serves
every file in pages/ under its stem (legacy multipage app, before any session ran st.navigation), so a
first deep link to a German URL finds its page instead of Streamlit's English "Page not found" dialog.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import streamlit as st

from analysis.alerts import Destination


@dataclass(frozen=True)
class PageSpec:
    """One page: its script in pages/, the title in the menu, a Material icon and its URL path."""

    script: str
    title: str
    icon: str
    url_path: str
    editors_only: bool = False  # registered only for users who may change data (ui.access)

    @property
    def stem(self) -> str:
        """The file name without .py: the same as url_path (tests/test_architecture.py)."""
        return Path(self.script).stem


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/uebersicht.py", "Übersicht", ":material/dashboard:", "uebersicht"),
    PageSpec("pages/beteiligung.py", "Beteiligung", ":material/groups:", "beteiligung"),
    PageSpec("pages/inaktive-partner.py", "Inaktive Partner", ":material/person_off:", "inaktive-partner"),
    PageSpec("pages/regelcheck.py", "Regelcheck", ":material/rule:", "regelcheck"),
    PageSpec("pages/projekte.py", "Projekte", ":material/timeline:", "projekte"),
    PageSpec("pages/partnernetz.py", "Partnernetz", ":material/hub:", "partnernetz"),
    PageSpec("pages/profil.py", "Profil", ":material/badge:", "profil"),
    PageSpec("pages/sitzungen.py", "Sitzungen", ":material/event_note:", "sitzungen"),
    PageSpec("pages/daten.py", "Daten", ":material/database:", "daten"),
    PageSpec("pages/praesentation.py", "Präsentation", ":material/slideshow:", "praesentation"),
    PageSpec("pages/sitzungsvorbereitung.py", "Sitzungsvorbereitung", ":material/checklist:",
             "sitzungsvorbereitung"),
    PageSpec("pages/anwesenheit.py", "Anwesenheit erfassen", ":material/how_to_reg:", "anwesenheit",
             editors_only=True),
    PageSpec("pages/pruefen.py", "Prüfen", ":material/fact_check:", "pruefen", editors_only=True),
)
BY_SCRIPT = {p.script: p for p in PAGES}

# Which page explains an alert (analysis.alerts names the destination, not the page).
DESTINATIONS: dict[Destination, str] = {
    "inactive": "pages/inaktive-partner.py",
    "rules": "pages/regelcheck.py",
    "meetings": "pages/sitzungen.py",
}


def destination_page(destination: Destination) -> PageSpec:
    """The page an alert's destination opens."""
    return BY_SCRIPT[DESTINATIONS[destination]]


def _forward(target: st.Page) -> Callable[[], None]:
    def forward() -> None:
        st.switch_page(target)

    return forward


_URL_NAME = re.compile(r"[A-Za-z0-9_-]{1,80}")


def _unknown_url_name(known: set[str]) -> str | None:
    """The last path segment of the browser's URL when no page has it (a typo, an old bookmark), else None.

    Streamlit answers such a URL with an English "Page not found" dialog that no style can hide in time (it
    opens before the page's first element arrives); a hidden page under that name leads to the first page.
    """
    try:
        name = urlparse(st.context.url or "").path.rstrip("/").rpartition("/")[2]
    except Exception:  # no browser URL (AppTest, bare mode)
        return None
    return name if name not in known and _URL_NAME.fullmatch(name) else None


def navigation(visible: bool = True, editor: bool = False) -> st.Page:
    """Register every page the user may open and return the page to run.

    visible=False hides the menu (before login nobody sees which pages exist); pages for editors only
    (Prüfen) exist only for them. A page this user may not open still exists as a URL: it leads to the
    first page instead of "Page not found", which would tell a logged-out visitor that it exists; so
    does an unknown URL.
    """
    # .streamlit/config.toml sets client.showSidebarNavigation = false: a fresh server's legacy run (before any
    # session ran st.navigation) then hides its page list of file names instead of flashing it. st.navigation
    # obeys the same option, so the menu switches it on (scriptable, read when st.navigation runs).
    if visible and st.get_option("client.showSidebarNavigation") is False:
        st.set_option("client.showSidebarNavigation", True)
    specs = [p for p in PAGES if editor or not p.editors_only]
    pages = [st.Page(p.script, title=p.title, icon=p.icon, url_path=p.url_path, default=(i == 0))
             for i, p in enumerate(specs)]
    forwarders = [st.Page(_forward(pages[0]), title=spec.title, url_path=spec.url_path, visibility="hidden")
                  for spec in PAGES if spec not in specs]
    if (unknown := _unknown_url_name({p.url_path for p in PAGES})) is not None:
        forwarders.append(st.Page(_forward(pages[0]), title=pages[0].title, url_path=unknown, visibility="hidden"))
    # expanded=True: the whole menu, always. Collapsed (Streamlit's default once hidden pages pushed the count
    # past twelve) it showed ten pages and hid the last ones – Prüfen first – behind „View 1 more“.
    return st.navigation([*pages, *forwarders], position="sidebar" if visible else "hidden", expanded=True)
