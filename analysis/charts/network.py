"""The partner network as a plotly figure: for the PNG export, the slide deck and the yearly report.

Colours and dot sizes are those of the pyvis page. Large networks use the positions
`analysis.network.layout` computed; small ones (where the page lets the browser's physics spread the
dots) get a spring layout without weights here, because the weighted layout packs the regulars into
one clump that a static picture cannot untangle by dragging.
"""

from __future__ import annotations

import math

import networkx as nx
import plotly.graph_objects as go

from analysis.charts import empty_figure, layout, plotly_text
from analysis.network import PHYSICS_LIMIT, SEED, NetworkView
from analysis.network_html import EDGE_COLOURS, node_size, type_colours

EDGE_NAMES = {"meetings": "gemeinsame Sitzungen", "projects": "gemeinsame Projekte", "both": "beides"}


def _kind(data: dict) -> str:
    if data["meetings"] and data["projects"]:
        return "both"
    return "projects" if data["projects"] else "meetings"


def _even_out(points: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Spread a layout evenly over a disc, keeping each node's direction and its rank in distance.

    Groups whose members all meet each other form a tight ball in a spring layout, while a few
    project partners hang far outside; ranking the distances gives every organisation the same room.
    """
    cx = sum(x for x, _ in points.values()) / len(points)
    cy = sum(y for _, y in points.values()) / len(points)
    ranked = sorted(points, key=lambda n: (math.hypot(points[n][0] - cx, points[n][1] - cy), n))
    out = {}
    for rank, node in enumerate(ranked):
        angle = math.atan2(points[node][1] - cy, points[node][0] - cx)
        radius = math.sqrt((rank + 0.5) / len(ranked))
        out[node] = (radius * math.cos(angle), radius * math.sin(angle))
    return out


def _positions(view: NetworkView) -> dict[str, tuple[float, float]]:
    graph = view.graph
    if graph.number_of_nodes() > PHYSICS_LIMIT or graph.number_of_edges() == 0:
        return {node: view.positions.get(node, (0.0, 0.0)) for node in graph}
    linked = sorted(n for n in graph if graph.degree(n) > 0)
    sub = graph.subgraph(linked)
    raw = nx.spring_layout(sub, k=3.0 / math.sqrt(len(linked)), weight=None, seed=SEED, iterations=300)
    out = _even_out({str(n): (float(p[0]), float(p[1])) for n, p in raw.items()})
    singles = sorted(n for n in graph if graph.degree(n) == 0)
    for i, node in enumerate(singles):  # isolated members in a row below the network
        out[node] = (-1.0 + 2.0 * (i + 0.5) / len(singles), 1.35)
    return out


def network_figure(view: NetworkView, title: str | None = None, max_labels: int | None = None,
                   label_size: int = 12) -> go.Figure:
    """Organisations as dots (colour = type, size = meetings attended), links as lines (width = strength).

    `max_labels` names only the organisations with the most meetings (the rest on hover), so a large
    network stays readable on a projector; isolated members alternate their labels above and below.
    """
    graph = view.graph
    if graph.number_of_nodes() == 0:
        return empty_figure("Keine Organisationen im gewählten Zeitraum")
    positions = _positions(view)
    strongest = max((int(d["weight"]) for _, _, d in graph.edges(data=True)), default=1) or 1
    fig = go.Figure()
    buckets: dict[tuple[str, int], tuple[list, list]] = {}
    for u, v, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1])):
        width = 1 + round(5 * int(data["weight"]) / strongest)
        xs, ys = buckets.setdefault((_kind(data), width), ([], []))
        (x0, y0), (x1, y1) = positions[u], positions[v]
        xs += [x0, x1, None]
        ys += [y0, y1, None]
    shown_kinds: set[str] = set()
    for (kind, width), (xs, ys) in sorted(buckets.items()):
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color=EDGE_COLOURS[kind], width=width),
                                 hoverinfo="skip", name=EDGE_NAMES[kind], legendgroup=f"edge-{kind}",
                                 showlegend=kind not in shown_kinds, opacity=0.7))
        shown_kinds.add(kind)
    ranked = sorted(graph.nodes(data=True), key=lambda n: (-int(n[1]["meetings"]), -graph.degree(n[0]), n[0]))
    labelled = {n for n, _ in ranked[:max_labels]} if max_labels is not None else set(graph)
    singles = sorted(n for n in graph if graph.degree(n) == 0)
    below = {n for i, n in enumerate(singles) if i % 2}
    colours = type_colours([attrs["type"] for _, attrs in graph.nodes(data=True)])
    for kind, colour in colours.items():
        nodes = [(n, a) for n, a in graph.nodes(data=True) if a["type"] == kind]
        custom = [[plotly_text(a["name"]), plotly_text(a["type"]), int(a["meetings"]), int(a["projects"]),
                   graph.degree(n)] for n, a in nodes]
        fig.add_trace(go.Scatter(
            x=[positions[n][0] for n, _ in nodes], y=[positions[n][1] for n, _ in nodes],
            mode="markers+text", name=plotly_text(kind), customdata=custom,
            text=[plotly_text(str(a["label"])) if n in labelled else "" for n, a in nodes],
            textposition=["bottom center" if n in below else "top center" for n, _ in nodes],
            textfont=dict(size=label_size),
            marker=dict(size=[2 * node_size(int(a["meetings"])) for _, a in nodes], color=colour,
                        line=dict(color=["#222222" if n == view.ego else "#ffffff" for n, _ in nodes],
                                  width=[3 if n == view.ego else 1 for n, _ in nodes])),
            hovertemplate="%{customdata[0]}<br>Typ: %{customdata[1]}<br>Sitzungen besucht: %{customdata[2]}"
                          "<br>Projekte: %{customdata[3]}<br>Verbindungen: %{customdata[4]}<extra></extra>"))
    fig.update_xaxes(visible=False)
    # No fixed aspect ratio: the drawing fills the (wide) slide or page, which leaves room for the labels.
    fig.update_yaxes(visible=False, autorange="reversed")
    fig = layout(fig, title)
    fig.update_layout(plot_bgcolor="#ffffff", height=720, legend=dict(itemsizing="constant"))
    return fig
