"""The partner network: organisations linked by shared meetings and shared projects, and its metrics.

Everything here is deterministic (sorted node order, fixed seeds), so a view computed once can be
cached by the caller and two runs draw the same picture. Drawing lives in `analysis.network_html`.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass
from typing import Literal, cast

import networkx as nx
import pandas as pd

from analysis.db import query
from analysis.projects import IN_GROUP, IN_PERIOD, PROJECT_SPANS
from vocab.periods import Period

Mode = Literal["meetings", "projects", "both"]
MODES: dict[str, str] = {"meetings": "Gemeinsame Sitzungen", "projects": "Gemeinsame Projekte",
                         "both": "Sitzungen und Projekte"}
DEFAULT_CAP = 400
PHYSICS_LIMIT = 150  # above this many drawn nodes the browser would spend seconds on physics
SEED = 42
NO_TYPE = "ohne Typ"
# networkx' spring_layout needs scipy from 500 nodes on; forceatlas2 needs numpy only.
_SPRING_LIMIT = 500
# Exact betweenness is O(n·m); above this many nodes it is estimated from a fixed sample of sources.
_BETWEENNESS_EXACT_LIMIT = 600
_BETWEENNESS_SAMPLE = 300

METRIC_COLUMNS = ["org_id", "organisation", "type", "meetings", "projects", "degree", "weighted_degree",
                  "betweenness", "community", "isolate"]


def _params(period: Period, group_id: str | None) -> dict[str, object]:
    return {"start": period.start, "end": period.end, "group_id": group_id}


def meeting_links(conn: sqlite3.Connection, period: Period, group_id: str | None = None) -> pd.DataFrame:
    """Pairs of organisations present in the same meetings of the period: source, target, meetings.

    An organisation counts once per meeting however many people it sent (v_org_attendance); excused
    or absent organisations were not there and make no link.
    """
    return query(conn, """
        WITH present AS MATERIALIZED (
            SELECT o.meeting_id, o.org_id FROM v_org_attendance o
            WHERE o.status IN ('present', 'guest') AND o.date BETWEEN :start AND :end
              AND (:group_id IS NULL OR o.group_id = :group_id))
        SELECT a.org_id AS source, b.org_id AS target, COUNT(*) AS meetings
        FROM present a JOIN present b ON a.meeting_id = b.meeting_id AND a.org_id < b.org_id
        GROUP BY 1, 2 ORDER BY 1, 2""", _params(period, group_id))


def project_links(conn: sqlite3.Connection, period: Period, group_id: str | None = None) -> pd.DataFrame:
    """Pairs of organisations in the same projects (lead or partner) active in the period: source, target, projects."""
    return query(conn, f"""
        WITH {PROJECT_SPANS},
        shown AS (SELECT p.id FROM projects p JOIN spans s ON s.project_id = p.id
                  WHERE {IN_PERIOD} AND {IN_GROUP}),
        members AS (
            SELECT id AS project_id, lead_org_id AS org_id FROM projects
             WHERE lead_org_id IS NOT NULL AND id IN (SELECT id FROM shown)
            UNION
            SELECT project_id, org_id FROM project_partners WHERE project_id IN (SELECT id FROM shown))
        SELECT a.org_id AS source, b.org_id AS target, COUNT(*) AS projects
        FROM members a JOIN members b ON a.project_id = b.project_id AND a.org_id < b.org_id
        GROUP BY 1, 2 ORDER BY 1, 2""", _params(period, group_id))


def organisations(conn: sqlite3.Connection, period: Period, group_id: str | None = None) -> pd.DataFrame:
    """Every organisation with its meetings attended and projects in the period, and whether it is a member.

    Member = a membership (of the group, or of any group) overlapping the period.
    """
    return query(conn, f"""
        WITH {PROJECT_SPANS},
        shown AS (SELECT p.id FROM projects p JOIN spans s ON s.project_id = p.id
                  WHERE {IN_PERIOD} AND {IN_GROUP}),
        involved AS (
            SELECT id AS project_id, lead_org_id AS org_id FROM projects WHERE id IN (SELECT id FROM shown)
            UNION SELECT project_id, org_id FROM project_partners WHERE project_id IN (SELECT id FROM shown)),
        attended AS (
            SELECT org_id, COUNT(*) AS meetings FROM v_org_attendance
            WHERE status IN ('present', 'guest') AND date BETWEEN :start AND :end
              AND (:group_id IS NULL OR group_id = :group_id)
            GROUP BY org_id)
        SELECT o.id AS org_id, o.name AS organisation, COALESCE(o.short_name, o.name) AS label,
               COALESCE(o.type, '{NO_TYPE}') AS type,
               COALESCE(a.meetings, 0) AS meetings,
               (SELECT COUNT(*) FROM involved i WHERE i.org_id = o.id) AS projects,
               EXISTS (SELECT 1 FROM memberships ms WHERE ms.org_id = o.id
                         AND (:group_id IS NULL OR ms.group_id = :group_id)
                         AND (ms.since IS NULL OR ms.since <= :end)
                         AND (ms.until IS NULL OR ms.until >= :start)) AS member
        FROM organisations o LEFT JOIN attended a ON a.org_id = o.id
        ORDER BY o.id""", _params(period, group_id))


def build_graph(conn: sqlite3.Connection, period: Period, mode: Mode = "both",
                group_id: str | None = None) -> nx.Graph:
    """The network of the period: linked organisations plus member organisations without links.

    Edges carry `meetings`, `projects` and `weight` (the sum of the counts the mode includes).
    Nodes are added in id order so layouts and community numbers are reproducible.
    """
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}")
    counts: dict[tuple[str, str], dict[str, int]] = {}
    if mode in ("meetings", "both"):
        for row in meeting_links(conn, period, group_id).itertuples(index=False):
            counts.setdefault((str(row.source), str(row.target)),
                              {"meetings": 0, "projects": 0})["meetings"] = int(cast(int, row.meetings))
    if mode in ("projects", "both"):
        for row in project_links(conn, period, group_id).itertuples(index=False):
            counts.setdefault((str(row.source), str(row.target)),
                              {"meetings": 0, "projects": 0})["projects"] = int(cast(int, row.projects))
    linked = {org for pair in counts for org in pair}
    graph = nx.Graph()
    for org in organisations(conn, period, group_id).to_dict("records"):
        if org["org_id"] in linked or org["member"]:
            graph.add_node(str(org["org_id"]), name=str(org["organisation"]), label=str(org["label"]),
                           type=str(org["type"]), meetings=int(org["meetings"]), projects=int(org["projects"]),
                           member=bool(org["member"]))
    for (source, target), c in sorted(counts.items()):
        graph.add_edge(source, target, meetings=c["meetings"], projects=c["projects"],
                       weight=c["meetings"] + c["projects"])
    return graph


def communities(graph: nx.Graph) -> dict[str, int]:
    """Louvain community number per linked node (1 = largest); isolated nodes get none."""
    linked = graph.subgraph([n for n in graph if graph.degree(n) > 0])
    if linked.number_of_edges() == 0:
        return {}
    found = nx.community.louvain_communities(linked, weight="weight", seed=SEED)
    ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    return {node: number for number, members in enumerate(ordered, start=1) for node in members}


def betweenness(graph: nx.Graph) -> dict[str, float]:
    """Normalised betweenness (hop counts, unweighted): how often an organisation lies between two others.

    Weights are strengths, not distances, so they are left out; large graphs use a fixed sample.
    """
    if graph.number_of_nodes() <= _BETWEENNESS_EXACT_LIMIT:
        return nx.betweenness_centrality(graph, normalized=True)
    return nx.betweenness_centrality(graph, k=_BETWEENNESS_SAMPLE, normalized=True, seed=SEED)


def metrics(graph: nx.Graph) -> pd.DataFrame:
    """One row per organisation: degree, weighted degree, betweenness, community, isolate; bridges first."""
    between = betweenness(graph)
    community = communities(graph)
    rows = [{"org_id": node, "organisation": attrs["name"], "type": attrs["type"], "meetings": attrs["meetings"],
             "projects": attrs["projects"], "degree": graph.degree(node),
             "weighted_degree": graph.degree(node, weight="weight"), "betweenness": round(between[node], 4),
             "community": community.get(node), "isolate": graph.degree(node) == 0}
            for node, attrs in graph.nodes(data=True)]
    frame = pd.DataFrame(rows, columns=METRIC_COLUMNS)
    frame["community"] = frame["community"].astype("Int64")
    return frame.sort_values(["betweenness", "weighted_degree", "organisation"], ascending=[False, False, True],
                             ignore_index=True)


def ego_network(graph: nx.Graph, org_id: str, radius: int = 1) -> nx.Graph:
    """The organisation, everyone within `radius` links, and the links among them."""
    if org_id not in graph:
        return nx.Graph()
    return nx.ego_graph(graph, org_id, radius=radius).copy()


def strongest(graph: nx.Graph, cap: int, keep: str | None = None) -> nx.Graph:
    """The graph with only its `cap` strongest links (ties by name), their organisations, and the isolated members.

    Organisations that lose all their links to the cap are left out of the drawing; `keep` (the ego) stays.
    """
    if graph.number_of_edges() <= cap:
        return graph.copy()
    ranked = sorted(graph.edges(data=True), key=lambda e: (-e[2]["weight"], min(e[0], e[1]), max(e[0], e[1])))
    kept = ranked[:max(cap, 0)]
    nodes = {n for u, v, _ in kept for n in (u, v)} | {n for n in graph if graph.degree(n) == 0}
    if keep in graph:
        nodes.add(keep)
    shown = nx.Graph()
    shown.add_nodes_from((n, graph.nodes[n]) for n in graph if n in nodes)
    shown.add_edges_from(sorted(((u, v, d) for u, v, d in kept), key=lambda e: (e[0], e[1])))
    return shown


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def cap_note(shown: int, total: int) -> str | None:
    """The visible German note when not every link is drawn."""
    if shown >= total:
        return None
    return f"Es werden die {_thousands(shown)} stärksten von {_thousands(total)} Verbindungen gezeigt."


_PX_PER_NODE = 80.0  # side of a component's box grows with the square root of its size
_GAP = 70.0


def _component_layout(graph: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """Positions of one connected component in a box of side ~80 px · sqrt(n), centred on 0."""
    n = graph.number_of_nodes()
    if n == 1:
        return {next(iter(graph)): (0.0, 0.0)}
    if n < _SPRING_LIMIT:
        raw = nx.spring_layout(graph, seed=seed, weight="weight")
    else:
        raw = nx.forceatlas2_layout(graph, seed=seed, weight="weight", max_iter=60)
    xs, ys = [float(p[0]) for p in raw.values()], [float(p[1]) for p in raw.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = _PX_PER_NODE * math.sqrt(n) / span
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {node: ((float(p[0]) - cx) * scale, (float(p[1]) - cy) * scale) for node, p in raw.items()}


def layout(graph: nx.Graph, seed: int = SEED) -> dict[str, tuple[float, float]]:
    """Node positions in canvas pixels, computed in Python so the browser need not simulate. Pure.

    Each connected component is laid out on its own (spring layout, fixed seed) and the components
    are packed in rows, largest first, with the isolated organisations in a grid below: one global
    spring layout would squeeze every small component into a dot at the rim.
    """
    if graph.number_of_nodes() == 0:
        return {}
    components = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    boxes = [_component_layout(graph.subgraph(c), seed) for c in components if len(c) > 1]
    singles = [c[0] for c in components if len(c) == 1]
    sides = [max(max(abs(x), abs(y)) for x, y in box.values()) * 2 + _GAP for box in boxes]
    row_width = max([*sides, math.sqrt(sum(side * side for side in sides)) * 1.3, _GAP * 8])
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for box, side in zip(boxes, sides, strict=True):
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (bx, by) in box.items():
            positions[node] = (x + side / 2 + bx, y + side / 2 + by)
        x, row_height = x + side, max(row_height, side)
    per_row = max(1, int(row_width // _GAP))
    top = y + row_height + (_GAP if boxes else 0.0)
    for i, node in enumerate(singles):
        positions[node] = (_GAP / 2 + (i % per_row) * _GAP, top + (i // per_row) * _GAP)
    width = max(px for px, _ in positions.values())
    height = max(py for _, py in positions.values())
    return {str(node): (round(px - width / 2, 1), round(py - height / 2, 1)) for node, (px, py) in positions.items()}


@dataclass(frozen=True)
class NetworkView:
    """What the Partnernetz page shows: the drawn graph with positions, the metrics, the cap note."""

    graph: nx.Graph  # the drawn graph (ego and cap applied)
    positions: dict[str, tuple[float, float]]
    metrics: pd.DataFrame  # of the whole network in the period, restricted to the ego network if one is chosen
    total_edges: int  # links of the (ego) network before the cap
    note: str | None
    physics: bool
    ego: str | None  # the chosen organisation, None when it is not in the network of the period

    @property
    def shown_edges(self) -> int:
        return self.graph.number_of_edges()


def network_view(conn: sqlite3.Connection, period: Period, mode: Mode = "both", group_id: str | None = None,
                 ego: str | None = None, radius: int = 1, cap: int = DEFAULT_CAP) -> NetworkView:
    """Build, restrict (ego, cap), measure and lay out the network; one cacheable call for the page."""
    full = build_graph(conn, period, mode, group_id)
    table = metrics(full)
    if ego is not None and ego in full:
        scope = ego_network(full, ego, radius)
        table = table[table["org_id"].isin(set(scope))].reset_index(drop=True)
    else:
        ego, scope = None, full
    drawn = strongest(scope, cap, keep=ego)
    return NetworkView(graph=drawn, positions=layout(drawn), metrics=table, total_edges=scope.number_of_edges(),
                       note=cap_note(drawn.number_of_edges(), scope.number_of_edges()),
                       physics=drawn.number_of_nodes() <= PHYSICS_LIMIT, ego=ego)


def organisation_options(conn: sqlite3.Connection, period: Period, mode: Mode = "both",
                         group_id: str | None = None) -> dict[str, str]:
    """org_id -> name of the organisations in the network of the period, by name, for the ego select box."""
    graph = build_graph(conn, period, mode, group_id)
    return dict(sorted(((n, graph.nodes[n]["name"]) for n in graph), key=lambda item: item[1].lower()))
