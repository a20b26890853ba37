"""The app's pages: file, German title, icon and URL; where an alert's destination leads.

Each page file is named as its URL (pages/beteiligung.py serves /beteiligung): Streamlit also serves
every file in pages/ under its stem (legacy multipage app, before any session ran st.navigation), so a
first deep link to a German URL finds its page instead of Streamlit's English "Page not found" dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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


def navigation(visible: bool = True, editor: bool = False) -> st.Page:
    """Register every page the user may open and return the page to run.

    visible=False hides the menu (before login nobody sees which pages exist); pages for editors only
    (Prüfen) exist only for them. A page this user may not open still exists as a URL: it leads to the
    first page instead of "Page not found", which would tell a logged-out visitor that it exists.
    """
    specs = [p for p in PAGES if editor or not p.editors_only]
    pages = [st.Page(p.script, title=p.title, icon=p.icon, url_path=p.url_path, default=(i == 0))
             for i, p in enumerate(specs)]
    forwarders = [st.Page(_forward(pages[0]), title=spec.title, url_path=spec.url_path, visibility="hidden")
                  for spec in PAGES if spec not in specs]
    # expanded=True: the whole menu, always. Collapsed (Streamlit's default once hidden pages pushed the count
    # past twelve) it showed ten pages and hid the last ones – Prüfen first – behind „View 1 more“.
    return st.navigation([*pages, *forwarders], position="sidebar" if visible else "hidden", expanded=True)
