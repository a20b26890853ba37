"""The partner network through time: one graph per year or quarter on one fixed layout, figures per period.

The layout is computed once for the union of all periods (the network of the whole span), so an
organisation keeps its place while the slider moves: it appears when it starts taking part, is drawn
pale for one period after it stopped, and then disappears. Everything a slider step needs is
precomputed here (graphs, metrics, figures), so a step only draws.
"""

from __future__ import annotations

import io
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Literal

import networkx as nx
import pandas as pd

from analysis import network
from analysis.network import DEFAULT_CAP, Mode, NetworkView, Weighting
from vocab.periods import Period

Step = Literal["year", "quarter"]
STEPS: dict[str, str] = {"year": "Jahre", "quarter": "Quartale"}
FIGURE_LABELS: dict[str, str] = {"organisations": "Organisationen", "links": "Verbindungen", "density": "Dichte",
                                 "components": "Teilnetze", "isolates": "ohne Verbindung",
                                 "average_path": "Mittlere Pfadlänge"}
FIGURE_COLUMNS = ["period", "start", "end", *FIGURE_LABELS]


def time_steps(first: str | date, last: str | date, step: Step = "year") -> tuple[Period, ...]:
    """The years ('2024') or quarters ('Q1 2024') from the one holding `first` to the one holding `last`."""
    start, end = date.fromisoformat(str(first)[:10]), date.fromisoformat(str(last)[:10])
    if step == "year":
        return tuple(Period(f"{y}-01-01", f"{y}-12-31", str(y)) for y in range(start.year, end.year + 1))
    ends = {1: "03-31", 2: "06-30", 3: "09-30", 4: "12-31"}
    out = []
    index, last_index = start.year * 4 + (start.month - 1) // 3, end.year * 4 + (end.month - 1) // 3
    for i in range(index, last_index + 1):
        year, quarter = divmod(i, 4)
        quarter += 1
        out.append(Period(f"{year}-{3 * quarter - 2:02d}-01", f"{year}-{ends[quarter]}", f"Q{quarter} {year}"))
    return tuple(out)


def data_span(conn: sqlite3.Connection, as_of: str | date) -> tuple[str, str] | None:
    """(first, last) date of the network's data: first meeting or project start, up to `as_of`; None if empty."""
    first = conn.execute("""SELECT MIN(d) FROM (SELECT MIN(date) AS d FROM meetings
                            UNION ALL SELECT MIN(COALESCE(start, approved, applied)) FROM projects)""").fetchone()[0]
    if not first or str(first) > str(as_of):
        return None
    return str(first)[:10], str(as_of)[:10]


def _largest_first(component: set[str]) -> tuple[int, str]:
    """Sort key: larger components first, ties by the smallest id."""
    return (-len(component), min(component))


def figures(graph: nx.Graph) -> dict[str, float | int | None]:
    """Organisations, links, density, components (with at least two organisations), isolates and the
    average path length (links between two organisations of the largest component, igraph in C)."""
    n = graph.number_of_nodes()
    components: list[set[str]] = [set(c) for c in nx.connected_components(graph)]
    components = [c for c in components if len(c) > 1]
    average = None
    if components:
        largest = sorted(components[min(range(len(components)), key=lambda i: _largest_first(components[i]))])
        g, _, _ = network.to_igraph(graph, largest)
        average = round(float(g.average_path_length(directed=False)), 2)
    return {"organisations": n, "links": graph.number_of_edges(), "density": round(nx.density(graph), 4) if n else 0.0,
            "components": len(components), "isolates": sum(1 for v in graph if graph.degree(v) == 0),
            "average_path": average}


@dataclass(frozen=True)
class Timeline:
    """Graphs, metrics and figures of every period on one layout (positions of the union of all periods)."""

    periods: tuple[Period, ...]
    graphs: tuple[nx.Graph, ...]
    metrics: tuple[pd.DataFrame, ...]
    positions: dict[str, tuple[float, float]]
    focus: network.Box | None
    figures: pd.DataFrame  # one row per period, FIGURE_COLUMNS plus change_<figure> against the period before
    large_note: str | None

    def index_of(self, label: str | None) -> int:
        """The position of the period labelled `label`; the last period when unknown."""
        labels = [p.label for p in self.periods]
        return labels.index(label) if label in labels else len(labels) - 1


def figures_table(periods: tuple[Period, ...], graphs: tuple[nx.Graph, ...]) -> pd.DataFrame:
    """Figures per period and their change against the previous period (None for the first)."""
    rows = [{"period": p.label, "start": p.start, "end": p.end, **figures(g)}
            for p, g in zip(periods, graphs, strict=True)]
    frame = pd.DataFrame(rows, columns=FIGURE_COLUMNS)
    for column in FIGURE_LABELS:
        values = frame[column].astype("Float64")
        change = (values - values.shift(1)).round(4)
        frame[f"change_{column}"] = change
    return frame


def timeline(conn: sqlite3.Connection, periods: tuple[Period, ...], mode: Mode = "both",
             group_id: str | None = None, weighting: Weighting = "count") -> Timeline:
    """Every period's network, measured, on the layout of the union of all periods; one cacheable call."""
    if not periods:
        raise ValueError("no periods")
    span = Period(periods[0].start, periods[-1].end, "Gesamt")
    union = network.build_graph(conn, span, mode, group_id, weighting)
    positions = network.layout(union)
    # A period that is the whole span (the sidebar's period: one step) is the union itself; not built twice.
    graphs = tuple(union if (p.start, p.end) == (span.start, span.end)
                   else network.build_graph(conn, p, mode, group_id, weighting) for p in periods)
    large = union.graph.get("large_meetings")
    return Timeline(periods=tuple(periods), graphs=graphs, metrics=tuple(network.metrics(g) for g in graphs),
                    positions=positions, focus=network.focus_box(union, positions),
                    figures=figures_table(tuple(periods), graphs),
                    large_note=network.large_meeting_note(large) if large is not None else None)


def frame_view(tl: Timeline, index: int, ego: str | None = None, radius: int = 1, cap: int = DEFAULT_CAP,
               path: tuple[str, ...] = ()) -> NetworkView:
    """The view of one period on the fixed layout: its network, and pale the ones that took part just before."""
    full = tl.graphs[index]
    drawn, table, scope, ego = network.restrict(full, tl.metrics[index], ego, radius, cap)
    faded: list[tuple[str, str]] = []
    if index > 0 and ego is None:
        before = tl.graphs[index - 1]
        faded = sorted((n, str(before.nodes[n]["name"])) for n in before
                       if before.degree(n) > 0 and not (n in drawn and drawn.degree(n) > 0) and n in tl.positions)
    focus = tl.focus
    if ego is not None:
        focus = network.focus_box(drawn, tl.positions) or focus
    return NetworkView(graph=drawn, positions=tl.positions, metrics=table, total_edges=scope.number_of_edges(),
                       note=network.cap_note(drawn.number_of_edges(), scope.number_of_edges()), physics=False,
                       ego=ego, faded=tuple(faded), path=tuple(n for n in path if n in drawn), focus=focus,
                       period_label=tl.periods[index].label, large_note=tl.large_note)


def dynamic_gexf(tl: Timeline) -> bytes:
    """The network through time as dynamic GEXF 1.2: every organisation and link with its spells (start/end
    of the periods it took part in) and its weight per period, positions from the fixed layout (Gephi's
    timeline plays it)."""
    spells: dict[str, list[tuple[str, str]]] = {}
    edge_spells: dict[tuple[str, str], list[tuple[str, str]]] = {}
    edge_weights: dict[tuple[str, str], list[tuple[float, str, str]]] = {}
    attrs: dict[str, dict] = {}
    for period, graph in zip(tl.periods, tl.graphs, strict=True):
        for node, data in graph.nodes(data=True):
            spells.setdefault(node, []).append((period.start, period.end))
            attrs[node] = data
        for u, v, data in graph.edges(data=True):
            key = (min(u, v), max(u, v))
            edge_spells.setdefault(key, []).append((period.start, period.end))
            edge_weights.setdefault(key, []).append((float(data["weight"]), period.start, period.end))
    out = nx.Graph(mode="dynamic", timeformat="date")
    for node in sorted(spells):
        data = attrs[node]
        x, y = tl.positions.get(node, (0.0, 0.0))
        out.add_node(node, label=data["name"], type=data["type"], group=data["group"], region=data["region"],
                     spells=_merged(spells[node]), viz={"position": {"x": float(x), "y": float(-y), "z": 0.0}})
    for key in sorted(edge_spells):
        out.add_edge(*key, spells=_merged(edge_spells[key]), weight=edge_weights[key])
    buffer = io.BytesIO()
    nx.write_gexf(out, buffer, version="1.2draft")
    return buffer.getvalue()


def _merged(spans: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Adjacent periods joined into one spell (2023 and 2024 -> 2023-01-01 … 2024-12-31)."""
    out: list[tuple[str, str]] = []
    for start, end in sorted(spans):
        if out and date.fromisoformat(out[-1][1]).toordinal() + 1 >= date.fromisoformat(start).toordinal():
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
