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


def _ring(points: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Points moved onto a circle (a slightly flattened one) in the order of their angle around the centre."""
    cx = sum(x for x, _ in points.values()) / len(points)
    cy = sum(y for _, y in points.values()) / len(points)
    ordered = sorted(points, key=lambda n: (math.atan2(points[n][1] - cy, points[n][0] - cx), n))
    step = 2 * math.pi / len(ordered)
    return {n: (math.cos(i * step), 0.8 * math.sin(i * step)) for i, n in enumerate(ordered)}


def _positions(view: NetworkView, spread: bool = False) -> dict[str, tuple[float, float]]:
    """Node positions; `spread` (print) puts the linked organisations on a ring in the order of their
    direction in the spring layout, so neighbours stay close and a dense core gets room for its names."""
    graph = view.graph
    if graph.number_of_nodes() > PHYSICS_LIMIT or graph.number_of_edges() == 0:
        return {node: view.positions.get(node, (0.0, 0.0)) for node in graph}
    linked = sorted(n for n in graph if graph.degree(n) > 0)
    sub = graph.subgraph(linked)
    raw = nx.spring_layout(sub, k=3.0 / math.sqrt(len(linked)), weight=None, seed=SEED, iterations=300)
    points = {str(n): (float(p[0]), float(p[1])) for n, p in raw.items()}
    out = _ring(points) if spread else _even_out(points)
    singles = sorted(n for n in graph if graph.degree(n) == 0)
    for i, node in enumerate(singles):  # isolated members in a row below the network
        out[node] = (-1.0 + 2.0 * (i + 0.5) / len(singles), 1.35)
    return out


# Where a label may sit around its dot, in order of preference.
_SPOTS = ("top center", "bottom center", "middle right", "middle left")
_CHAR_WIDTH = 0.62  # average glyph width in em of the sans-serif fonts kaleido finds (DejaVu is wide)


def _box(x: float, y: float, radius: float, spot: str, width: float, height: float) -> tuple[float, ...]:
    """The label's rectangle (x0, y0, x1, y1) in pixels (y downwards) for one spot around a dot."""
    if spot == "top center":
        return (x - width / 2, y - radius - height, x + width / 2, y - radius)
    if spot == "bottom center":
        return (x - width / 2, y + radius, x + width / 2, y + radius + height)
    if spot == "middle right":
        return (x + radius, y - height / 2, x + radius + width, y + height / 2)
    return (x - radius - width, y - height / 2, x - radius, y + height / 2)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(points: dict[str, tuple[float, float]], texts: dict[str, str], radii: dict[str, float],
                 order: list[str], size: float, canvas: tuple[float, float]) -> dict[str, tuple[str, tuple]]:
    """Spots for labels that overlap neither each other nor a dot nor the canvas edge, most important first.

    `points` are pixel positions (y downwards) in a canvas of `canvas` (width, height); a label that
    finds no free spot is left out (its name stays in the hover). Returns node -> (spot, box).
    """
    width, height = canvas
    dots = {n: (x - radii[n], y - radii[n], x + radii[n], y + radii[n]) for n, (x, y) in points.items()}
    placed: dict[str, tuple[str, tuple]] = {}
    for node in order:
        text = texts.get(node, "")
        if not text:
            continue
        x, y = points[node]
        box_w, box_h = _CHAR_WIDTH * size * len(text) + 2, 1.25 * size
        for spot in _SPOTS:
            box = _box(x, y, radii[node] + 1, spot, box_w, box_h)
            if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
                continue
            if any(_overlap(box, other) for _, other in placed.values()):
                continue
            if any(_overlap(box, dot) for n, dot in dots.items() if n != node):
                continue
            placed[node] = (spot, box)
            break
    return placed


def network_figure(view: NetworkView, title: str | None = None, max_labels: int | None = None,
                   label_size: int = 12, canvas: tuple[int, int] | None = None) -> go.Figure:
    """Organisations as dots (colour = type, size = meetings attended), links as lines (width = strength).

    `max_labels` names only the organisations with the most meetings (the rest on hover), so a large
    network stays readable on a projector; isolated members alternate their labels above and below.
    `canvas` (plot area width, height in pixels, for a figure of fixed size such as a printed page)
    places every label where it overlaps no other label and no dot, leaving out those that find no room.
    """
    graph = view.graph
    if graph.number_of_nodes() == 0:
        return empty_figure("Keine Organisationen im gewählten Zeitraum")
    positions = _positions(view, spread=canvas is not None)
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
    spots = {n: "bottom center" if n in below else "top center" for n in graph}
    if canvas is not None:
        labelled, spots, ranges = _fit_labels(graph, positions, [n for n, _ in ranked], labelled, label_size, canvas)
        fig.update_xaxes(range=ranges[0])
        fig.update_yaxes(range=ranges[1])
    colours = type_colours([attrs["type"] for _, attrs in graph.nodes(data=True)])
    for kind, colour in colours.items():
        nodes = [(n, a) for n, a in graph.nodes(data=True) if a["type"] == kind]
        custom = [[plotly_text(a["name"]), plotly_text(a["type"]), int(a["meetings"]), int(a["projects"]),
                   graph.degree(n)] for n, a in nodes]
        fig.add_trace(go.Scatter(
            x=[positions[n][0] for n, _ in nodes], y=[positions[n][1] for n, _ in nodes],
            mode="markers+text", name=plotly_text(kind), customdata=custom,
            text=[plotly_text(str(a["label"])) if n in labelled else "" for n, a in nodes],
            textposition=[spots[n] for n, _ in nodes],
            textfont=dict(size=label_size),
            marker=dict(size=[2 * node_size(int(a["meetings"])) for _, a in nodes], color=colour,
                        line=dict(color=["#222222" if n == view.ego else "#ffffff" for n, _ in nodes],
                                  width=[3 if n == view.ego else 1 for n, _ in nodes])),
            hovertemplate="%{customdata[0]}<br>Typ: %{customdata[1]}<br>Sitzungen besucht: %{customdata[2]}"
                          "<br>Projekte: %{customdata[3]}<br>Verbindungen: %{customdata[4]}<extra></extra>"))
    fig.update_xaxes(visible=False)
    # No fixed aspect ratio: the drawing fills the (wide) slide or page, which leaves room for the labels.
    if canvas is None:
        fig.update_yaxes(visible=False, autorange="reversed")
    else:
        fig.update_yaxes(visible=False)
    fig = layout(fig, title)
    fig.update_layout(plot_bgcolor="#ffffff", height=720, legend=dict(itemsizing="constant"))
    return fig


def _fit_labels(graph: nx.Graph, positions: dict[str, tuple[float, float]], ranked: list[str], wanted: set[str],
                size: int, canvas: tuple[int, int]) -> tuple[set[str], dict[str, str], tuple[list, list]]:
    """Labels that fit without overlap in a canvas of fixed pixel size, their spots and the axis ranges.

    The axes get fixed ranges (y reversed, as on screen) with a margin of a tenth, so data
    coordinates map to pixels exactly as plotly will draw them.
    """
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    pad_x = (max(xs) - min(xs) or 1.0) * 0.1
    pad_y = (max(ys) - min(ys) or 1.0) * 0.1
    x_range = [min(xs) - pad_x, max(xs) + pad_x]
    y_range = [max(ys) + pad_y, min(ys) - pad_y]  # reversed: larger y further down
    width, height = canvas

    def to_px(point: tuple[float, float]) -> tuple[float, float]:
        return ((point[0] - x_range[0]) / (x_range[1] - x_range[0]) * width,
                (point[1] - y_range[1]) / (y_range[0] - y_range[1]) * height)

    points = {n: to_px(positions[n]) for n in graph}
    radii = {n: float(node_size(int(graph.nodes[n]["meetings"]))) for n in graph}
    texts = {n: str(graph.nodes[n]["label"]) for n in wanted}
    placed = place_labels(points, texts, radii, ranked, size, canvas)
    spots = {n: placed[n][0] if n in placed else "top center" for n in graph}
    return set(placed), spots, (x_range, y_range)
