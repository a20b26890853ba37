"""One colour per group, the same on every page, chart, slide and report.

Colours are assigned over the *complete* list of groups (`overview.group_colours` reads it from the
database), in the order of their ids, so a group keeps its colour whatever subset a chart shows.
Figures take the map as an argument; a figure drawn without one colours its groups in the same way
over the names it has. More groups than colours repeat the palette; "Weitere Gruppen" is grey.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from analysis.charts import plotly_text

# Tableau 20 reordered so neighbours differ in hue first and in lightness second.
PALETTE: tuple[str, ...] = (
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
    "#bab0ac", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
    "#aec7e8", "#ffbb78")
OTHER = "#9e9e9e"
OTHER_PREFIX = "Weitere Gruppen"


def group_colours(names: Iterable[str]) -> dict[str, str]:
    """Group name -> colour, in the order given (pass every group of the database, ordered by id)."""
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(dict.fromkeys(names))}


def colour_of(name: str, colours: Mapping[str, str] | None, fallback: Iterable[str] = ()) -> str:
    """The colour of one group (name as in the data, unescaped), grey for the folded rest."""
    if name.startswith(OTHER_PREFIX):
        return OTHER
    if colours and name in colours:
        return colours[name]
    return group_colours(sorted(set(fallback) | {name}))[name]


def plotly_map(colours: Mapping[str, str] | None, names: Iterable[str]) -> dict[str, str]:
    """A colour map keyed by the plotly-escaped names (as the figures carry them)."""
    names = list(dict.fromkeys(names))
    return {plotly_text(n): colour_of(n, colours, names) for n in names}  # type: ignore[misc]
