"""The partner network as a plotly figure: the Partnernetz page (clickable), the slides, the report, the PNG/GIF.

Legible by construction: plotly draws text in screen pixels, so a label is `label_size` px (≥ 14) at
every zoom; only the organisations with the most links get a label, and only where the label's box
does not overlap one already placed (the rest show their name on hover). The placement assumes the
narrowest plot the figure will get (`min_width`), so a wider screen only adds room. The default view
is the box of the largest component (`view.focus`); organisations without any link are not drawn
(the page lists them beside the picture). Each dot carries its org_id last in `customdata`, which a
click on the page turns into the organisation's profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import networkx as nx
import numpy as np
import plotly.graph_objects as go

from analysis.charts import empty_figure, layout, plotly_text
from analysis.charts.palette import FADED, PALETTE, PATH, category_colours, colour_of
from analysis.network import NetworkView
from analysis.network_html import EDGE_COLOURS, node_size

ColourBy = Literal["type", "group", "community", "region"]
COLOUR_MODES: dict[ColourBy, str] = {"type": "Organisationstyp", "group": "Gruppe",
                                     "community": "Gemeinschaft (Louvain)", "region": "Region"}
EDGE_NAMES = {"meetings": "gemeinsame Sitzungen", "projects": "gemeinsame Projekte", "both": "beides"}
LABEL_SIZE = 14
LEGEND_ROWS = 2  # rows of the horizontal legend below the picture; categories that do not fit are on hover
LEGEND_HEIGHT = 24 * LEGEND_ROWS + 16
# The page's full legend takes at most this many rows: every group of a network the real one's size (15 groups,
# up to 13 rows at the narrowest plot); a network of hundreds of groups names the largest that fit, the rest on
# hover (all of them left the picture no room, and each legend entry is a trace the browser redraws per step).
PAGE_LEGEND_ROWS = 14
PERIOD_HEIGHT = 56  # top margin reserved for the period written large
CHAR_WIDTH = 0.6  # a label's width per character, in em (Source Sans / Arial average is about 0.5)
MARGIN = 10


@dataclass(frozen=True)
class Canvas:
    """The plot area in screen pixels and the layout box it shows (x0, y0, x1, y1; y grows downwards)."""

    width: float
    height: float
    box: tuple[float, float, float, float]

    def to_screen(self, x: float, y: float) -> tuple[float, float]:
        x0, y0, x1, y1 = self.box
        return ((x - x0) / ((x1 - x0) or 1.0) * self.width, (y - y0) / ((y1 - y0) or 1.0) * self.height)


def _kind(data: dict) -> str:
    if data["meetings"] and data["projects"]:
        return "both"
    return "projects" if data["projects"] else "meetings"


def view_box(view: NetworkView, nodes: list[str]) -> tuple[float, float, float, float]:
    """The layout box the figure opens on: the focus (largest component) or all drawn nodes, with room
    around it for dots and labels (10 % of the side, at least 60 layout pixels)."""
    if view.focus is not None:
        x0, y0, x1, y1 = view.focus
    else:
        xs = [view.positions[n][0] for n in nodes]
        ys = [view.positions[n][1] for n in nodes]
        x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    pad_x, pad_y = max((x1 - x0) * 0.1, 60.0), max((y1 - y0) * 0.1, 60.0)
    return (x0 - pad_x, y0 - pad_y * 1.5, x1 + pad_x, y1 + pad_y)


def place_labels(graph: nx.Graph, nodes: list[str], view: NetworkView, canvas: Canvas, max_labels: int,
                 label_size: int = LABEL_SIZE) -> dict[str, tuple[float, float, float, float]]:
    """Which nodes get a label, and each label's screen box: greedily by importance (path and ego first,
    then weighted degree, meetings, id), skipping a label that would overlap one placed or leave the plot."""
    strength = dict(graph.degree(nodes, weight="weight"))

    def rank(node: str) -> tuple:
        first = 0 if node in view.path or node == view.ego else 1
        return (first, -strength[node], -int(graph.nodes[node]["meetings"]), node)

    placed: dict[str, tuple[float, float, float, float]] = {}
    for node in sorted(nodes, key=rank):
        if len(placed) >= max_labels:
            break
        px, py = canvas.to_screen(*view.positions[node])
        radius = node_size(int(graph.nodes[node]["meetings"]))
        text = str(graph.nodes[node]["label"])
        width, height = CHAR_WIDTH * label_size * len(text), 1.3 * label_size
        box = (px - width / 2, py - radius - height, px + width / 2, py - radius)
        if box[0] < 0 or box[1] < 0 or box[2] > canvas.width or box[3] > canvas.height:
            continue
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed.values()):
            continue
        placed[node] = box
    return placed


def legend_fit(fixed: list[str], ranked: list[str], width: float, max_rows: int = LEGEND_ROWS,
               font: int = 14) -> set[str]:
    """The categories (largest first) that fit into `max_rows` rows of `width` px after the `fixed` entries."""
    return set(ranked[:legend_count(fixed, ranked, width, max_rows, font)])


def legend_rows(names: list[str], width: float, font: int = 14) -> int:
    """How many rows a horizontal legend of `names` takes in `width` px."""
    rows, used = 1, 0.0
    for name in names:
        need = 46 + CHAR_WIDTH * font * len(name)
        if used and used + need > width:
            rows, used = rows + 1, 0.0
        used += need
    return rows


def legend_count(fixed: list[str], ranked: list[str], width: float, max_rows: int, font: int = 14) -> int:
    """How many of `ranked` (in order) fit into `max_rows` legend rows after the `fixed` entries."""
    def entry(name: str) -> float:
        return 46 + CHAR_WIDTH * font * len(name)

    rows, used, named = 1, 0.0, set()
    for name in [*fixed, *ranked]:
        need = entry(name)
        if used and used + need > width:
            rows, used = rows + 1, 0.0
        if rows > max_rows:
            break
        used += need
        if name in ranked:
            named.add(name)
    return len(named)


def _categories(view: NetworkView, nodes: list[str], colour_by: ColourBy,
                group_colours: dict[str, str] | None) -> tuple[dict[str, str], dict[str, str]]:
    """(node -> category name, category -> colour) for the colour mode."""
    graph = view.graph
    if colour_by == "community":
        numbers = dict(zip(view.metrics["org_id"], view.metrics["community"], strict=True))
        category = {n: (f"Gemeinschaft {int(numbers[n])}" if n in numbers and numbers[n] == numbers[n]
                        and numbers[n] is not None else "ohne Gemeinschaft") for n in nodes}
        ordered = sorted(set(category.values()), key=lambda c: (len(c), c))
        return category, {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(ordered)}
    category = {n: str(graph.nodes[n][colour_by]) for n in nodes}
    if colour_by == "group" and group_colours is not None:
        return category, {c: colour_of(c, group_colours) for c in sorted(set(category.values()))}
    return category, category_colours(category.values())


def network_figure(view: NetworkView, title: str | None = None, max_labels: int | None = 30,
                   label_size: int = LABEL_SIZE, colour_by: ColourBy = "type",
                   group_colours: dict[str, str] | None = None, height: int = 620, min_width: int = 560,
                   show_period: bool = False, full_legend: bool = False,
                   max_legend_rows: int | None = None) -> go.Figure:
    """Organisations as dots (colour = `colour_by`, size = meetings attended), links as lines (width = strength).

    Labels: at most `max_labels` (None = as many as fit), never overlapping, `label_size` px on screen.
    Faded organisations (in the period before, not in this one) are pale and unlabelled; a „Wer verbindet
    A und B?“ path is drawn red on top. `show_period` writes `view.period_label` large in the corner.
    `full_legend` (files: PNG, GIF) names every colour below the picture, in as many rows as it takes, or
    at most `max_legend_rows` (the page: the largest categories that fit, the rest on hover); without it the
    legend keeps two rows and the rest show on hover.
    """
    graph = view.graph
    nodes = sorted(n for n in graph if graph.degree(n) > 0 and n in view.positions)
    if not nodes:
        return empty_figure("Keine Verbindungen im gewählten Zeitraum")
    box = view_box(view, nodes)
    top_margin = (50 if title else MARGIN) + (PERIOD_HEIGHT if show_period and view.period_label else 0)
    category, colours = _categories(view, nodes, colour_by, group_colours)
    sizes = {name: sum(1 for n in nodes if category[n] == name) for name in colours}
    ranked = sorted(sizes, key=lambda c: (-sizes[c], c))
    edge_kinds = {_kind(d) for _, _, d in graph.edges(data=True)}
    edge_names = [EDGE_NAMES[k] for k in sorted(edge_kinds)] if len(edge_kinds) > 1 else []
    rows = legend_rows([*edge_names, *ranked], min_width - 2 * MARGIN) if full_legend else LEGEND_ROWS
    if max_legend_rows is not None:
        rows = min(rows, max_legend_rows)
    legend_height = 24 * max(rows, LEGEND_ROWS) + 16
    canvas = Canvas(min_width - 2 * MARGIN, height - top_margin - legend_height, box)
    labelled = place_labels(graph, nodes, view, canvas, max_labels if max_labels is not None else len(nodes),
                            label_size)
    fig = go.Figure()
    strongest = max((float(d["weight"]) for _, _, d in graph.edges(data=True)), default=1.0) or 1.0
    buckets: dict[tuple[str, int], tuple[list, list]] = {}
    for u, v, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1])):
        width = 1 + round(5 * float(data["weight"]) / strongest)
        xs, ys = buckets.setdefault((_kind(data), width), ([], []))
        (x0, y0), (x1, y1) = view.positions[u], view.positions[v]
        xs += [x0, x1, np.nan]  # NaN breaks the line between two links
        ys += [y0, y1, np.nan]
    shown_kinds: set[str] = set()
    for (kind, width), (xs, ys) in sorted(buckets.items()):
        # numpy arrays: plotly validates them in one step instead of element by element (2,000 dots in 0.1 s)
        fig.add_trace(go.Scatter(x=np.array(xs), y=np.array(ys), mode="lines",
                                 line=dict(color=EDGE_COLOURS[kind], width=width),
                                 hoverinfo="skip", name=EDGE_NAMES[kind], legendgroup=f"edge-{kind}",
                                 showlegend=bool(edge_names) and kind not in shown_kinds, opacity=0.6))
        shown_kinds.add(kind)
    if len(view.path) > 1:
        xs, ys = [], []
        for u, v in zip(view.path, view.path[1:], strict=False):
            xs += [view.positions[u][0], view.positions[v][0], None]
            ys += [view.positions[u][1], view.positions[v][1], None]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color=PATH, width=6), hoverinfo="skip",
                                 name="Verbindungsweg"))
    faded = sorted((n, name) for n, name in view.faded if n in view.positions and n not in nodes)
    if faded:
        fig.add_trace(go.Scatter(
            x=[view.positions[n][0] for n, _ in faded], y=[view.positions[n][1] for n, _ in faded], mode="markers",
            name="nicht mehr dabei", marker=dict(size=10, color=FADED, line=dict(color="#bbbbbb", width=1)),
            customdata=[[plotly_text(name), n] for n, name in faded],
            hovertemplate="%{customdata[0]}<br>im Zeitraum nicht mehr dabei<extra></extra>"))
    named = legend_fit(edge_names, ranked, min_width - 2 * MARGIN, max_rows=max(rows, LEGEND_ROWS)) \
        if not full_legend or max_legend_rows is not None else set(ranked)
    emphasised = set(view.path) | ({view.ego} if view.ego else set())
    for name in sorted(named, key=lambda c: (-sizes[c], c)):  # legend entries only: one per named category
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=plotly_text(name), hoverinfo="skip",
                                 marker=dict(size=12, color=colours[name])))
    # All dots in one trace (a trace per group costs 2 ms each, and a network has hundreds of groups); numpy
    # arrays, so plotly validates each in one step instead of element by element.
    attrs = [graph.nodes[n] for n in nodes]
    custom = [[plotly_text(a["name"]), plotly_text(a["type"]), int(a["meetings"]), int(a["projects"]),
               graph.degree(n), n, plotly_text(a["group"]), plotly_text(a["region"])]
              for n, a in zip(nodes, attrs, strict=True)]
    fig.add_trace(go.Scatter(
        x=np.array([view.positions[n][0] for n in nodes]), y=np.array([view.positions[n][1] for n in nodes]),
        mode="markers", name="Organisationen", customdata=np.array(custom, dtype=object), showlegend=False,
        marker=dict(size=np.array([2 * node_size(int(a["meetings"])) for a in attrs]),
                    color=np.array([colours[category[n]] for n in nodes], dtype=object),
                    line=dict(color=np.array(["#111111" if n in emphasised else "#ffffff" for n in nodes],
                                             dtype=object),
                              width=np.array([3 if n in emphasised else 1 for n in nodes]))),
        hovertemplate="%{customdata[0]}<br>Typ: %{customdata[1]}<br>Gruppe: %{customdata[6]}"
                      "<br>Region: %{customdata[7]}<br>Sitzungen besucht: %{customdata[2]}"
                      "<br>Projekte: %{customdata[3]}<br>Verbindungen: %{customdata[4]}<extra></extra>"))
    # Labels last, in one trace, so no dot covers them; placed just above their dot.
    shown = sorted(labelled)
    fig.add_trace(go.Scatter(
        x=[view.positions[n][0] for n in shown], y=[view.positions[n][1] for n in shown], mode="text",
        text=[plotly_text(str(graph.nodes[n]["label"])) for n in shown], textposition="top center",
        textfont=dict(size=label_size, color="#111111"), hoverinfo="skip", showlegend=False, name="Beschriftung"))
    x0, y0, x1, y1 = box
    fig.update_xaxes(visible=False, range=[x0, x1])
    fig.update_yaxes(visible=False, range=[y1, y0])  # screen y grows downwards, like the layout's
    fig = layout(fig, title)
    fig.update_layout(plot_bgcolor="#ffffff", height=height,
                      # In the bottom margin: `layout` measures the legend from the figure's edge ("container"),
                      # where y=0 with its top anchored put it below the picture, out of sight.
                      legend=dict(itemsizing="constant", orientation="h", x=0, yref="container", y=0,
                                  yanchor="bottom"),
                      margin=dict(l=MARGIN, r=MARGIN, t=top_margin, b=legend_height), dragmode="pan",
                      clickmode="event+select", uirevision="partnernetz")
    if show_period and view.period_label:
        fig.add_annotation(text=plotly_text(view.period_label), xref="paper", yref="paper", x=0.0, y=1.0,
                           xanchor="left", yanchor="bottom", showarrow=False, font=dict(size=40, color="#333333"))
    return fig




def page_figure(view: NetworkView, colour_by: ColourBy, group_colours: dict[str, str] | None,
                show_period: bool) -> go.Figure:
    """The Partnernetz page's picture: placed for the chart column at 1024×768 with the sidebar open (440 px), 700 px
    tall, every colour named below it up to PAGE_LEGEND_ROWS rows (the largest groups first, the rest on hover)."""
    return network_figure(view, colour_by=colour_by, group_colours=group_colours, show_period=show_period,
                          min_width=440, height=700, full_legend=True, max_legend_rows=PAGE_LEGEND_ROWS)


def spread_figure(view: NetworkView, group_colours: dict[str, str] | None, width: int, height: int,
                  label_size: int = LABEL_SIZE) -> go.Figure:
    """The network for print with every organisation named: dots on two arcs facing each other, names outward.

    A printed page has no hover, and the force layout's dense middle leaves room for a third of the names. Here
    the organisations, ordered by group (so colours stay together) and name, sit on the right arc top to bottom
    and on the left arc bottom to top; each name stands beside its dot, away from the middle, where the links
    run as chords. Colour = group, named in a legend below; the dot size = meetings attended, as on screen.
    """
    graph = view.graph
    nodes = sorted((n for n in graph if graph.degree(n) > 0),
                   key=lambda n: (str(graph.nodes[n]["group"]).lower(), str(graph.nodes[n]["label"]).lower()))
    if not nodes:
        return empty_figure("Keine Verbindungen im gewählten Zeitraum")
    category, colours = _categories(view, nodes, "group", group_colours)
    ranked = sorted(colours, key=lambda c: (-sum(1 for n in nodes if category[n] == c), c))
    legend_height = 20 * legend_rows(ranked, width - 2 * MARGIN, label_size) + 12
    labels = {n: str(graph.nodes[n]["label"]) for n in nodes}
    plot_w, plot_h = width - 2 * MARGIN, height - 2 * MARGIN - legend_height
    right = nodes[: (len(nodes) + 1) // 2]
    left = nodes[(len(nodes) + 1) // 2:]

    def longest(members: list[str]) -> float:
        return max((CHAR_WIDTH * label_size * len(labels[n]) + 10 for n in members), default=0.0)

    # The arcs take what the names beside them leave; the middle moves towards the side with shorter names.
    rx = max((plot_w - longest(left) - longest(right)) / 2, plot_w * 0.12)
    centre = (longest(left) - longest(right)) / 2
    ry = plot_h / 2 - label_size
    positions: dict[str, tuple[float, float]] = {}
    for side, members, sign in ((right, right, 1.0), (left, left[::-1], -1.0)):
        for i, node in enumerate(members):
            share = (i + 0.5) / len(side)  # top to bottom
            angle = np.pi * (0.4 - 0.8 * share)  # from +72° to -72° on the arc
            positions[node] = (centre + sign * rx * np.cos(angle), ry * np.sin(angle))
    fig = go.Figure()
    strongest = max((float(d["weight"]) for _, _, d in graph.edges(data=True)), default=1.0) or 1.0
    for u, v, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1])):
        if u not in positions or v not in positions:
            continue
        (x0, y0), (x1, y1) = positions[u], positions[v]
        fig.add_trace(go.Scatter(x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False,
                                 line=dict(color=EDGE_COLOURS[_kind(data)],
                                           width=0.5 + 2.5 * float(data["weight"]) / strongest), opacity=0.5))
    for name in ranked:
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=plotly_text(name), hoverinfo="skip",
                                 marker=dict(size=10, color=colours[name])))
    dots = dict(size=[min(2 * node_size(int(graph.nodes[n]["meetings"])), 18) for n in nodes],
                color=[colours[category[n]] for n in nodes], line=dict(color="#ffffff", width=1))
    fig.add_trace(go.Scatter(x=[positions[n][0] for n in nodes], y=[positions[n][1] for n in nodes], mode="markers",
                             showlegend=False, hoverinfo="skip", marker=dots))
    for members, position in ((right, "middle right"), (left, "middle left")):
        fig.add_trace(go.Scatter(
            x=[positions[n][0] for n in members], y=[positions[n][1] for n in members], mode="text",
            text=[plotly_text(f" {labels[n]} ") for n in members], textposition=position, hoverinfo="skip",
            showlegend=False, textfont=dict(size=label_size, color="#111111")))
    fig.update_xaxes(visible=False, range=[-plot_w / 2, plot_w / 2])
    fig.update_yaxes(visible=False, range=[-plot_h / 2, plot_h / 2], scaleanchor=None)
    fig = layout(fig)
    fig.update_layout(plot_bgcolor="#ffffff", width=width, height=height, showlegend=True,
                      legend=dict(orientation="h", x=0, xanchor="left", yref="container", y=0, yanchor="bottom",
                                  itemsizing="constant", font=dict(size=label_size)),
                      margin=dict(l=MARGIN, r=MARGIN, t=MARGIN, b=legend_height + MARGIN))
    return fig
