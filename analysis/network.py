"""The partner network: organisations linked by shared meetings and shared projects, and its metrics.

Everything here is deterministic (sorted node order, fixed seeds), so a view computed once can be
cached by the caller and two runs draw the same picture. Drawing lives in `analysis.network_html`.
"""

from __future__ import annotations

import math
import random
import sqlite3
import threading
from dataclasses import dataclass
from typing import Final, Literal

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd

from analysis.db import query
from analysis.projects import IN_GROUP, IN_PERIOD, PROJECT_SPANS
from vocab.formats import german_number
from vocab.periods import Period

Mode = Literal["meetings", "projects", "both"]
MODES: dict[str, str] = {"meetings": "Gemeinsame Sitzungen", "projects": "Gemeinsame Projekte",
                         "both": "Sitzungen und Projekte"}
Weighting = Literal["count", "newman"]
WEIGHTINGS: dict[str, str] = {"count": "Anzahl (jede gemeinsame Sitzung zählt 1)",
                              "newman": "Newman 1/(n−1) (große Runden zählen weniger)"}
# A meeting with more organisations present than this links nobody: 5,000 organisations in one plenary
# would make 12.5 million pairs (gigabytes, minutes) and say nothing about who works with whom.
LARGE_MEETING = 150
DEFAULT_CAP = 400
PHYSICS_LIMIT = 150  # above this many drawn nodes the browser would spend seconds on physics
SEED = 42
NO_TYPE = "ohne Typ"

METRIC_COLUMNS = ["org_id", "organisation", "type", "group", "region", "meetings", "projects", "degree",
                  "weighted_degree", "betweenness", "community", "isolate"]
NO_GROUP = "ohne Gruppe"
NO_REGION = "ohne Region"


def _params(period: Period, group_id: str | None) -> dict[str, object]:
    return {"start": period.start, "end": period.end, "group_id": group_id}


def meeting_links(conn: sqlite3.Connection, period: Period, group_id: str | None = None,
                  limit: int = LARGE_MEETING) -> pd.DataFrame:
    """Pairs of organisations present in the same meetings of the period: source, target, meetings, newman.

    An organisation counts once per meeting however many people it sent, and only when it attended
    (the build's attendance facts, `org_attendance.attended`); excused or absent ones make no link.
    `newman` sums 1/(n−1) over the shared meetings (n = organisations present), so a 6-organisation
    working group ties its members ten times more than a 60-organisation plenary. Meetings with more than
    `limit` organisations make no pairs (see `large_meetings`); the pairs are never built for them.
    """
    return query(conn, """
        WITH present AS MATERIALIZED (
            SELECT o.meeting_id, o.org_id FROM org_attendance o
            WHERE o.attended = 1 AND o.date BETWEEN :start AND :end
              AND (:group_id IS NULL OR o.group_id = :group_id)),
        sized AS MATERIALIZED (
            SELECT meeting_id, COUNT(*) AS n FROM present GROUP BY meeting_id HAVING n BETWEEN 2 AND :limit),
        linked AS MATERIALIZED (
            SELECT p.meeting_id, p.org_id, s.n FROM present p JOIN sized s ON s.meeting_id = p.meeting_id)
        SELECT a.org_id AS source, b.org_id AS target, COUNT(*) AS meetings, SUM(1.0 / (a.n - 1)) AS newman
        FROM linked a JOIN linked b ON a.meeting_id = b.meeting_id AND a.org_id < b.org_id
        GROUP BY 1, 2 ORDER BY 1, 2""", _params(period, group_id) | {"limit": limit})


def large_meetings(conn: sqlite3.Connection, period: Period, group_id: str | None = None,
                   limit: int = LARGE_MEETING) -> pd.DataFrame:
    """Meetings of the period with more than `limit` organisations present.

    Columns: meeting_id, date, group, title, organisations.
    """
    return query(conn, """
        SELECT m.id AS meeting_id, m.date, g.name AS "group", m.title, COUNT(*) AS organisations
        FROM org_attendance o JOIN meetings m ON m.id = o.meeting_id JOIN groups g ON g.id = m.group_id
        WHERE o.attended = 1 AND o.date BETWEEN :start AND :end
          AND (:group_id IS NULL OR o.group_id = :group_id)
        GROUP BY m.id HAVING COUNT(*) > :limit ORDER BY m.date, m.id""", _params(period, group_id) | {"limit": limit})


def large_meeting_note(large: pd.DataFrame, limit: int = LARGE_MEETING) -> str | None:
    """The visible German note when large meetings were left out of the links (None when there were none)."""
    if large.empty:
        return None
    first = large.iloc[int(large["organisations"].to_numpy().argmax())]
    day = str(first["date"])
    size = _thousands(int(first["organisations"]))
    example = f"{day[8:10]}.{day[5:7]}.{day[:4]}, {first['group']}, {size} Organisationen"
    count = len(large)
    which = "Eine Sitzung" if count == 1 else f"{_thousands(count)} Sitzungen"
    verb = "hatte" if count == 1 else "hatten"
    return (f"{which} mit mehr als {_thousands(limit)} anwesenden Organisationen ({example}) {verb} so viele "
            "Teilnehmende, dass gemeinsame Anwesenheit nichts über Zusammenarbeit sagt: sie "
            + ("verbindet" if count == 1 else "verbinden") + " niemanden im Netz; die Teilnahme zählt weiter.")


# The columns `project_links` returns, in order (tests/test_analysis_columns.py holds it to this).
PROJECT_LINK_COLUMNS: Final = ("source", "target", "projects", "newman")


def project_links(conn: sqlite3.Connection, period: Period, group_id: str | None = None) -> pd.DataFrame:
    """Pairs of organisations in the same projects active in the period: source, target, projects, newman.

    `newman` sums 1/(k−1) over the shared projects (k = lead and partners of the project).
    """
    return query(conn, f"""
        WITH {PROJECT_SPANS},
        shown AS (SELECT p.id FROM projects p JOIN spans s ON s.project_id = p.id
                  WHERE {IN_PERIOD} AND {IN_GROUP}),
        members AS (
            SELECT id AS project_id, lead_org_id AS org_id FROM projects
             WHERE lead_org_id IS NOT NULL AND id IN (SELECT id FROM shown)
            UNION
            SELECT project_id, org_id FROM project_partners WHERE project_id IN (SELECT id FROM shown)),
        sized AS (SELECT project_id, COUNT(*) AS k FROM members GROUP BY project_id HAVING k BETWEEN 2 AND :limit),
        linked AS (SELECT m.project_id, m.org_id, s.k FROM members m JOIN sized s ON s.project_id = m.project_id)
        SELECT a.org_id AS source, b.org_id AS target, COUNT(*) AS projects, SUM(1.0 / (a.k - 1)) AS newman
        FROM linked a JOIN linked b ON a.project_id = b.project_id AND a.org_id < b.org_id
        GROUP BY 1, 2 ORDER BY 1, 2""", _params(period, group_id) | {"limit": LARGE_MEETING})


# The columns `organisations` returns, in order (tests/test_analysis_columns.py holds it to this).
ORGANISATION_COLUMNS: Final = ("org_id", "organisation", "label", "type", "region", "group", "meetings", "projects",
                               "member")


def organisations(conn: sqlite3.Connection, period: Period, group_id: str | None = None) -> pd.DataFrame:
    """Every organisation with its meetings attended and projects in the period, whether it is a member,
    its region and its main group (the group it attended most in the period, else its first membership).

    Member = a membership (of the group, or of any group) overlapping the period.
    """
    return query(conn, f"""
        WITH {PROJECT_SPANS},
        shown AS (SELECT p.id FROM projects p JOIN spans s ON s.project_id = p.id
                  WHERE {IN_PERIOD} AND {IN_GROUP}),
        involved AS (
            SELECT id AS project_id, lead_org_id AS org_id FROM projects WHERE id IN (SELECT id FROM shown)
            UNION SELECT project_id, org_id FROM project_partners WHERE project_id IN (SELECT id FROM shown)),
        per_group AS (
            SELECT org_id, group_id, COUNT(*) AS meetings FROM org_attendance
            WHERE attended = 1 AND date BETWEEN :start AND :end
              AND (:group_id IS NULL OR group_id = :group_id)
            GROUP BY org_id, group_id),
        attended AS (SELECT org_id, SUM(meetings) AS meetings FROM per_group GROUP BY org_id),
        main AS (
            SELECT org_id, group_id FROM (
                SELECT org_id, group_id,
                       ROW_NUMBER() OVER (PARTITION BY org_id ORDER BY meetings DESC, group_id) AS r
                FROM per_group) WHERE r = 1),
        member_of AS (
            SELECT org_id, MIN(group_id) AS group_id FROM memberships ms
            WHERE (:group_id IS NULL OR ms.group_id = :group_id)
              AND (ms.since IS NULL OR ms.since <= :end) AND (ms.until IS NULL OR ms.until >= :start)
            GROUP BY org_id)
        SELECT o.id AS org_id, o.name AS organisation, COALESCE(o.short_name, o.name) AS label,
               COALESCE(o.type, '{NO_TYPE}') AS type, COALESCE(o.region, '{NO_REGION}') AS region,
               COALESCE(g.name, '{NO_GROUP}') AS "group",
               COALESCE(a.meetings, 0) AS meetings,
               (SELECT COUNT(*) FROM involved i WHERE i.org_id = o.id) AS projects,
               mo.org_id IS NOT NULL AS member
        FROM organisations o LEFT JOIN attended a ON a.org_id = o.id
        LEFT JOIN main mn ON mn.org_id = o.id LEFT JOIN member_of mo ON mo.org_id = o.id
        LEFT JOIN groups g ON g.id = COALESCE(mn.group_id, mo.group_id)
        ORDER BY o.id""", _params(period, group_id))


def build_graph(conn: sqlite3.Connection, period: Period, mode: Mode = "both",
                group_id: str | None = None, weighting: Weighting = "count") -> nx.Graph:
    """The network of the period: linked organisations plus member organisations without links.

    Edges carry `meetings` and `projects` (counts), `newman` (the 1/(n−1) sums) and `weight`: the counts
    the mode includes, or their Newman sums. Nodes are added in id order so layouts and community numbers
    are reproducible. `graph.graph["large_meetings"]` holds the meetings left out of the links.
    """
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}")
    if weighting not in WEIGHTINGS:
        raise ValueError(f"unknown weighting {weighting!r}")
    counts: dict[tuple[str, str], dict[str, float]] = {}

    def add(frame: pd.DataFrame, kind: str) -> None:
        # Column by column, not to_dict("records"): a dict per row cost a quarter of the timeline at scale 50.
        for source, target, count, newman in zip(frame["source"].tolist(), frame["target"].tolist(),
                                                 frame[kind].tolist(), frame["newman"].tolist(), strict=True):
            entry = counts.setdefault((str(source), str(target)), {"meetings": 0, "projects": 0, "newman": 0.0})
            entry[kind] = int(count)
            entry["newman"] += float(newman)

    if mode in ("meetings", "both"):
        add(meeting_links(conn, period, group_id), "meetings")
    if mode in ("projects", "both"):
        add(project_links(conn, period, group_id), "projects")
    linked = {org for pair in counts for org in pair}
    graph = nx.Graph(large_meetings=large_meetings(conn, period, group_id) if mode != "projects" else None)
    for org in organisations(conn, period, group_id).to_dict("records"):
        if org["org_id"] in linked or org["member"]:
            graph.add_node(str(org["org_id"]), name=str(org["organisation"]), label=str(org["label"]),
                           type=str(org["type"]), region=str(org["region"]), group=str(org["group"]),
                           meetings=int(org["meetings"]), projects=int(org["projects"]), member=bool(org["member"]))
    edges = []
    for (source, target), c in sorted(counts.items()):
        newman = round(c["newman"], 6)
        weight = newman if weighting == "newman" else int(c["meetings"] + c["projects"])
        edges.append((source, target, {"meetings": int(c["meetings"]), "projects": int(c["projects"]),
                                       "newman": newman, "weight": weight}))
    graph.add_edges_from(edges)
    return graph


_IGRAPH_RNG = threading.Lock()  # igraph's random generator is global: one seeded call at a time


def to_igraph(graph: nx.Graph, nodes: list[str] | None = None) -> tuple[ig.Graph, list[str], list[float]]:
    """`nodes` (default: all) and the links among them in igraph (C), with the links' weights.

    Reads the links of `nodes` straight from `graph` (no networkx subgraph view: those are slow).
    """
    nodes = list(graph) if nodes is None else nodes
    index = {node: i for i, node in enumerate(nodes)}
    edges, weights = [], []
    for u, v, w in graph.edges(nodes, data="weight", default=1):
        if u in index and v in index:
            edges.append((index[u], index[v]))
            weights.append(float(w))
    return ig.Graph(n=len(nodes), edges=edges), nodes, weights


def communities(graph: nx.Graph) -> dict[str, int]:
    """Louvain community number per linked node (1 = largest); isolated nodes get none.

    igraph's multilevel (Louvain) algorithm in C with its generator seeded (SEED), weighted by `weight`:
    the same network always gives the same communities, a hundred times faster than networkx.
    """
    linked = [n for n in graph if graph.degree(n) > 0]
    if not linked:
        return {}
    g, nodes, weights = to_igraph(graph, linked)
    with _IGRAPH_RNG:
        ig.set_random_number_generator(random.Random(SEED))
        try:
            membership = g.community_multilevel(weights=weights).membership
        finally:
            ig.set_random_number_generator(random)
    found: dict[int, list[str]] = {}
    for node, number in zip(nodes, membership, strict=True):
        found.setdefault(number, []).append(node)
    ordered = sorted((sorted(c) for c in found.values()), key=lambda c: (-len(c), c[0]))
    return {node: number for number, members in enumerate(ordered, start=1) for node in members}


BETWEENNESS_EXACT_LIMIT = 1000  # above this many organisations betweenness is estimated from a fixed sample
BETWEENNESS_SAMPLE = 300


def betweenness(graph: nx.Graph) -> dict[str, float]:
    """Normalised betweenness (hop counts, unweighted): how often an organisation lies between two others.

    igraph in C. Exact up to BETWEENNESS_EXACT_LIMIT organisations; above, estimated from the shortest paths
    of a fixed sample (seed SEED) of BETWEENNESS_SAMPLE sources, scaled by n/k – the ranking of the brokers
    stays (the whole scale-50 network in a tenth of the time). Weights are strengths, not distances, so they
    are left out. Normalised like networkx: divided by (n−1)(n−2)/2.
    """
    n = graph.number_of_nodes()
    if n < 3:
        return dict.fromkeys(graph, 0.0)
    g, nodes, _ = to_igraph(graph)
    scale = 2.0 / ((n - 1) * (n - 2))
    if n <= BETWEENNESS_EXACT_LIMIT:
        values = g.betweenness(directed=False)
    else:
        sources = sorted(random.Random(SEED).sample(range(n), BETWEENNESS_SAMPLE))
        values = [v * n / BETWEENNESS_SAMPLE for v in g.betweenness(directed=False, sources=sources)]
    return {node: float(value) * scale for node, value in zip(nodes, values, strict=True)}


def brokerage(graph: nx.Graph, by: Literal["group", "region"] = "group") -> dict[str, float]:
    """Betweenness over the shortest paths between organisations of different groups (or regions) only.

    High values mark the brokers between groups: organisations through which the Handwerk people reach
    the research institutes. Normalised by the number of such pairs; 0 when all share one group. Above
    BETWEENNESS_EXACT_LIMIT organisations estimated from the same fixed sample of sources as `betweenness`.
    """
    g, nodes, _ = to_igraph(graph)
    values = [str(graph.nodes[n][by]) for n in nodes]
    n = len(nodes)
    # Above the exact limit, paths start from a fixed sample of sources (as in `betweenness`), scaled by n/k.
    sampled = n > BETWEENNESS_EXACT_LIMIT
    chosen = set(random.Random(SEED).sample(range(n), BETWEENNESS_SAMPLE)) if sampled else set(range(n))
    factor = n / BETWEENNESS_SAMPLE if sampled else 1.0
    members: dict[str, list[int]] = {}
    for i, value in enumerate(values):
        members.setdefault(value, []).append(i)
    # numpy for the sums and the targets: hundreds of groups at scale 50 made these Python loops cost more than
    # igraph's path counting (the same additions in the same order, so the same scores).
    kinds = np.array(values, dtype=object)
    totals = np.zeros(n)
    pairs = 0
    for kind, inside in sorted(members.items()):
        outside_count = n - len(inside)
        if not outside_count:
            continue
        pairs += len(inside) * outside_count
        sources = [i for i in inside if i in chosen]
        if not sources:
            continue
        outside = np.flatnonzero(kinds != kind).tolist()
        totals += np.asarray(g.betweenness(directed=False, sources=sources, targets=outside)) * factor
    # each unordered pair was counted from both of its kinds; a path's own endpoints are never counted
    pairs //= 2
    return {node: (total / 2 / pairs if pairs else 0.0) for node, total in zip(nodes, totals.tolist(), strict=True)}


def brokers(graph: nx.Graph, by: Literal["group", "region"] = "group", top: int = 10) -> pd.DataFrame:
    """The organisations that connect most groups (or regions): org_id, organisation, its own group/region,
    how many different groups/regions its partners belong to, and the brokerage score; strongest first."""
    score = brokerage(graph, by)
    rows = [{"org_id": n, "organisation": graph.nodes[n]["name"], by: graph.nodes[n][by],
             "reaches": len({graph.nodes[m][by] for m in graph[n]} | {graph.nodes[n][by]}),
             "brokerage": round(score[n], 4)} for n in graph if score[n] > 0]
    frame = pd.DataFrame(rows, columns=["org_id", "organisation", by, "reaches", "brokerage"])
    return frame.sort_values(["brokerage", "organisation"], ascending=[False, True], ignore_index=True).head(top)


def connecting_paths(graph: nx.Graph, source: str, target: str, limit: int = 5) -> list[list[str]]:
    """„Wer verbindet A und B?“: up to `limit` shortest paths (fewest links) from A to B, in name order.

    Empty when either is missing or they are not connected; [[A]] when A is B.
    """
    if source not in graph or target not in graph or not nx.has_path(graph, source, target):
        return []
    paths = sorted(nx.all_shortest_paths(graph, source, target),
                   key=lambda path: [graph.nodes[n]["name"] for n in path])
    return paths[:limit]


def metrics(graph: nx.Graph) -> pd.DataFrame:
    """One row per organisation: degree, weighted degree, betweenness, community, isolate; bridges first."""
    between = betweenness(graph)
    community = communities(graph)
    # Both degree views once: asking networkx per node builds a view each time (0.6 s for 1,500 organisations).
    degree, weighted = dict(graph.degree()), dict(graph.degree(weight="weight"))
    rows = [{"org_id": node, "organisation": attrs["name"], "type": attrs["type"], "group": attrs["group"],
             "region": attrs["region"], "meetings": attrs["meetings"],
             "projects": attrs["projects"], "degree": degree[node],
             "weighted_degree": weighted[node], "betweenness": round(between[node], 4),
             "community": community.get(node), "isolate": degree[node] == 0}
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
        return graph  # shared, never changed: views only read it
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
    return german_number(number)


def cap_note(shown: int, total: int) -> str | None:
    """The visible German note when not every link is drawn."""
    if shown >= total:
        return None
    return f"Es werden die {_thousands(shown)} stärksten von {_thousands(total)} Verbindungen gezeigt."


_PX_PER_NODE = 80.0  # side of a component's box grows with the square root of its size
_GAP = 70.0


def _component_layout(graph: nx.Graph, component: list[str], seed: int) -> dict[str, tuple[float, float]]:
    """Positions of one connected component in a box of side ~80 px · sqrt(n), centred on 0.

    Fruchterman–Reingold in igraph (C; 2,000 nodes in about 0.1 s) with its generator seeded for this
    call, so the same graph always gets the same picture.
    """
    n = len(component)
    if n == 1:
        return {component[0]: (0.0, 0.0)}
    g, nodes, weights = to_igraph(graph, component)
    top = max(weights, default=1.0) or 1.0
    with _IGRAPH_RNG:
        ig.set_random_number_generator(random.Random(seed))
        try:
            coords = g.layout_fruchterman_reingold(weights=[w / top for w in weights],
                                                   niter=500 if n <= 500 else 150).coords
        finally:
            ig.set_random_number_generator(random)
    raw = dict(zip(nodes, coords, strict=True))
    xs, ys = [float(p[0]) for p in raw.values()], [float(p[1]) for p in raw.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = _PX_PER_NODE * math.sqrt(n) / span
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {node: ((float(p[0]) - cx) * scale, (float(p[1]) - cy) * scale) for node, p in raw.items()}


def layout(graph: nx.Graph, seed: int = SEED) -> dict[str, tuple[float, float]]:
    """Node positions in canvas pixels, computed in Python so the browser need not simulate. Pure.

    Each connected component is laid out on its own (force-directed, fixed seed) and the components
    are packed in rows, largest first, with the isolated organisations in a grid below: one global
    spring layout would squeeze every small component into a dot at the rim.
    """
    if graph.number_of_nodes() == 0:
        return {}
    components = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    boxes = [_component_layout(graph, c, seed) for c in components if len(c) > 1]
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


Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in layout pixels


@dataclass(frozen=True)
class NetworkView:
    """What the Partnernetz page shows: the drawn graph with positions, the metrics, the notes.

    `faded` nodes took part in the previous period but not in this one (drawn pale, for the time slider);
    `path` is a „Wer verbindet A und B?“ answer to highlight; `focus` is the box the default view fits
    (the largest component), `period_label` the period written large on the picture.
    """

    graph: nx.Graph  # the drawn graph (ego and cap applied)
    positions: dict[str, tuple[float, float]]
    metrics: pd.DataFrame  # of the whole network in the period, restricted to the ego network if one is chosen
    total_edges: int  # links of the (ego) network before the cap
    note: str | None
    physics: bool
    ego: str | None  # the chosen organisation, None when it is not in the network of the period
    faded: tuple[tuple[str, str], ...] = ()  # (org_id, name) of the organisations drawn pale
    path: tuple[str, ...] = ()
    focus: Box | None = None
    period_label: str | None = None
    large_note: str | None = None  # large meetings left out of the links

    @property
    def shown_edges(self) -> int:
        return self.graph.number_of_edges()


def focus_box(graph: nx.Graph, positions: dict[str, tuple[float, float]]) -> Box | None:
    """The box around the largest connected component (ties: the one with the smallest id); None without links."""
    linked = [c for c in nx.connected_components(graph) if len(c) > 1]
    if not linked:
        return None
    largest = min(linked, key=lambda c: (-len(c), min(c)))
    xs = [positions[n][0] for n in largest if n in positions]
    ys = [positions[n][1] for n in largest if n in positions]
    return (min(xs), min(ys), max(xs), max(ys))


def restrict(full: nx.Graph, table: pd.DataFrame, ego: str | None, radius: int,
             cap: int) -> tuple[nx.Graph, pd.DataFrame, nx.Graph, str | None]:
    """(drawn graph, metrics, graph before the cap, ego or None): the ego network if asked, then the cap."""
    if ego is not None and ego in full:
        scope = ego_network(full, ego, radius)
        table = table[table["org_id"].isin(set(scope))].reset_index(drop=True)
    else:
        ego, scope = None, full
    return strongest(scope, cap, keep=ego), table, scope, ego


def network_view(conn: sqlite3.Connection, period: Period, mode: Mode = "both", group_id: str | None = None,
                 ego: str | None = None, radius: int = 1, cap: int = DEFAULT_CAP,
                 weighting: Weighting = "count") -> NetworkView:
    """Build, restrict (ego, cap), measure and lay out the network; one cacheable call for the page."""
    full = build_graph(conn, period, mode, group_id, weighting)
    drawn, table, scope, ego = restrict(full, metrics(full), ego, radius, cap)
    positions = layout(drawn)
    large = full.graph.get("large_meetings")
    return NetworkView(graph=drawn, positions=positions, metrics=table, total_edges=scope.number_of_edges(),
                       note=cap_note(drawn.number_of_edges(), scope.number_of_edges()),
                       physics=drawn.number_of_nodes() <= PHYSICS_LIMIT, ego=ego,
                       focus=focus_box(drawn, positions), period_label=period.label,
                       large_note=large_meeting_note(large) if large is not None else None)


def organisation_options(conn: sqlite3.Connection, period: Period, mode: Mode = "both",
                         group_id: str | None = None) -> dict[str, str]:
    """org_id -> name of the organisations in the network of the period, by name, for the ego select box."""
    graph = build_graph(conn, period, mode, group_id)
    return dict(sorted(((n, graph.nodes[n]["name"]) for n in graph), key=lambda item: item[1].lower()))
