"""The app's pages: file, German title, icon and URL; where an alert's destination leads.

url_path differs from the file stem on purpose (German URLs). Streamlit also serves every file in
pages/ under its stem (legacy multipage app), so each stem is registered as a hidden page that
forwards to the real one: a bookmarked /participation lands on /beteiligung, without a
"Page not found" message.
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
        return Path(self.script).stem


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/overview.py", "Übersicht", ":material/dashboard:", "uebersicht"),
    PageSpec("pages/participation.py", "Beteiligung", ":material/groups:", "beteiligung"),
    PageSpec("pages/inactive_partners.py", "Inaktive Partner", ":material/person_off:", "inaktive-partner"),
    PageSpec("pages/rule_check.py", "Regelcheck", ":material/rule:", "regelcheck"),
    PageSpec("pages/projects.py", "Projekte", ":material/timeline:", "projekte"),
    PageSpec("pages/network.py", "Partnernetz", ":material/hub:", "partnernetz"),
    PageSpec("pages/profile.py", "Profil", ":material/badge:", "profil"),
    PageSpec("pages/meetings.py", "Sitzungen", ":material/event_note:", "sitzungen"),
    PageSpec("pages/data_status.py", "Daten", ":material/database:", "daten"),
    PageSpec("pages/presentation.py", "Präsentation", ":material/slideshow:", "praesentation"),
    PageSpec("pages/review.py", "Prüfen", ":material/fact_check:", "pruefen", editors_only=True),
)
BY_SCRIPT = {p.script: p for p in PAGES}

# Which page explains an alert (analysis.alerts names the destination, not the page).
DESTINATIONS: dict[Destination, str] = {
    "inactive": "pages/inactive_partners.py",
    "rules": "pages/rule_check.py",
    "meetings": "pages/meetings.py",
}


def destination_page(destination: Destination) -> PageSpec:
    """The page an alert's destination opens."""
    return BY_SCRIPT[DESTINATIONS[destination]]


def _forward(target: st.Page) -> Callable[[], None]:
    def forward() -> None:
        st.switch_page(target)

    return forward


def navigation(visible: bool = True, editor: bool = False) -> st.Page:
    """Register every page (and a hidden forwarder per file stem) and return the page to run.

    visible=False hides the menu (before login nobody sees which pages exist); pages for editors only
    (Prüfen) exist only for them.
    """
    specs = [p for p in PAGES if editor or not p.editors_only]
    pages = [st.Page(p.script, title=p.title, icon=p.icon, url_path=p.url_path, default=(i == 0))
             for i, p in enumerate(specs)]
    forwarders = [st.Page(_forward(page), title=spec.title, url_path=spec.stem, visibility="hidden")
                  for spec, page in zip(specs, pages, strict=True)]
    # A page this user may not open (Prüfen for readers) still exists as a URL: it leads to the first page
    # instead of "Page not found", which would tell a logged-out visitor that it exists.
    forwarders += [st.Page(_forward(pages[0]), title=spec.title, url_path=path, visibility="hidden")
                   for spec in PAGES if spec not in specs for path in (spec.url_path, spec.stem)]
    return st.navigation([*pages, *forwarders], position="sidebar" if visible else "hidden")
