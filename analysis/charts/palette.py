"""The one palette of Netzwerkradar: a colour per group, the same in every chart, slide, report and network.

Groups get their colour from their place in the list of all groups (Fachgruppen first, then by name,
the order `group_order` reads from the database), never from the groups a chart happens to show:
so "Fachgruppe Handwerk" has one colour on the Übersicht, in the Beteiligung, on the slides and in
the Partnernetz. Beyond the palette's length the colours repeat in the same order.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping

from analysis.charts import plotly_text
from vocab.terms import FACHGRUPPE

# Tableau 10 plus two, readable on white and on a projector; grey is kept for "ohne Gruppe" / "weitere".
PALETTE: tuple[str, ...] = ("#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#eeca3b",
                            "#9d755d", "#ff9da6", "#17becf", "#8c6d31", "#393b79")
OTHER = "#bab0ac"
OTHER_PREFIX = "Weitere Gruppen"  # the folded rest of a chart with many groups
FADED = "#d9d9d9"
PATH = "#d62728"


def group_order(conn: sqlite3.Connection) -> list[str]:
    """Every group's name in palette order: Fachgruppen first, then the others, each by name."""
    rows = conn.execute("SELECT name FROM groups ORDER BY kind != ?, name, id", (FACHGRUPPE,)).fetchall()
    return [str(name) for (name,) in rows]


def group_colours(names: Iterable[str]) -> dict[str, str]:
    """Group name -> colour for the groups in palette order (as `group_order` gives them)."""
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(dict.fromkeys(names))}


def colour_of(name: str, colours: Mapping[str, str] | None, fallback: Iterable[str] = ()) -> str:
    """The group's colour (name as in the data, unescaped); grey for the folded rest and for names outside
    `colours`. Without `colours` (a figure drawn on its own) the names in `fallback` are coloured in order."""
    if name.startswith(OTHER_PREFIX):
        return OTHER
    if colours is not None:
        return colours.get(name, OTHER)
    return group_colours(sorted(set(fallback) | {name}))[name]


def plotly_map(colours: Mapping[str, str] | None, names: Iterable[str]) -> dict[str, str]:
    """A colour map keyed by the plotly-escaped names (as the figures carry them)."""
    names = list(dict.fromkeys(names))
    return {plotly_text(n): colour_of(n, colours, names) for n in names}  # type: ignore[misc]


def category_colours(values: Iterable[str]) -> dict[str, str]:
    """A colour per value of another category (organisation type, region, community), stable by sorted value."""
    return {value: PALETTE[i % len(PALETTE)] for i, value in enumerate(sorted(set(values)))}
