"""The partner network as a self-contained pyvis page (vis-network inlined, works offline).

pyvis 0.3.2 puts ids, labels and titles into the page unescaped (and switches to raw-HTML tooltips
as soon as a title contains "href"), and its template loads Bootstrap from a CDN. So every string
from the data is HTML-escaped here, and the CDN tags are removed from the generated page.
"""

from __future__ import annotations

import html
import json
import math
import re

import networkx as nx
from pyvis.network import Network

from analysis.network import NetworkView

PALETTE: tuple[str, ...] = ("#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#eeca3b",
                            "#9d755d", "#ff9da6", "#bab0ac", "#17becf", "#8c6d31")
EDGE_COLOURS = {"meetings": "#9aa5b1", "projects": "#f58518", "both": "#8e6bbf"}
_CDN_TAG = re.compile(r"<(?:link|script)\b[^>]*\bhttps?://[^>]*>(?:\s*</script>)?", re.IGNORECASE)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.IGNORECASE)


_HREF = re.compile("href", re.IGNORECASE)
# vis-network draws labels on a canvas and shows string tooltips with innerText, so neither ever parses
# HTML; this decodes the escaped strings back to plain text in the browser, for "Kessler & Partner".
_PLAIN_TEXT = """<script type="text/javascript">
(function () {
  var box = document.createElement("textarea");
  function plain(text) { box.innerHTML = text || ""; return box.value; }
  nodes.update(nodes.get().map(function (n) { return {id: n.id, label: plain(n.label), title: plain(n.title)}; }));
  edges.update(edges.get().map(function (e) { return {id: e.id, title: plain(e.title)}; }));
})();
</script>
"""


def esc(value: object) -> str:
    """Text from the data, safe in HTML (pyvis writes it into the page as is).

    "href" is written as an entity too: pyvis switches to raw-HTML tooltips when a title contains it.
    """
    def entity(match: re.Match[str]) -> str:
        word = match.group(0)
        return f"{word[0]}&#{ord(word[1])};{word[2:]}"

    return _HREF.sub(entity, html.escape(str(value), quote=True))


def type_colours(types: list[str]) -> dict[str, str]:
    """One colour per organisation type, stable for a given set of types (sorted by name)."""
    return {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(sorted(set(types)))}


def node_size(meetings: int) -> float:
    """Dot size grows with the square root of meetings attended, so big players do not swamp the picture."""
    return round(8 + 3 * math.sqrt(max(meetings, 0)), 1)


def _node_title(attrs: dict, degree: int) -> str:
    return "\n".join([attrs["name"], f"Typ: {attrs['type']}", f"Sitzungen besucht: {attrs['meetings']}",
                      f"Projekte: {attrs['projects']}", f"Verbindungen: {degree}"])


def _edge_kind(data: dict) -> str:
    if data["meetings"] and data["projects"]:
        return "both"
    return "projects" if data["projects"] else "meetings"


def _edge_title(graph: nx.Graph, u: str, v: str, data: dict) -> str:
    lines = [f"{graph.nodes[u]['name']} – {graph.nodes[v]['name']}"]
    if data["meetings"]:
        lines.append(f"Gemeinsame Sitzungen: {data['meetings']}")
    if data["projects"]:
        lines.append(f"Gemeinsame Projekte: {data['projects']}")
    return "\n".join(lines)


def _legend(colours: dict[str, str], edge_kinds: set[str]) -> str:
    """A small legend inside the page (types and link kinds); every type name escaped."""
    items = [f'<span style="margin-right:14px;white-space:nowrap"><span style="display:inline-block;width:11px;'
             f'height:11px;border-radius:50%;background:{colour};margin-right:4px"></span>{esc(name)}</span>'
             for name, colour in colours.items()]
    labels = {"meetings": "gemeinsame Sitzungen", "projects": "gemeinsame Projekte", "both": "beides"}
    items += [f'<span style="margin-right:14px;white-space:nowrap"><span style="display:inline-block;width:18px;'
              f'height:3px;background:{EDGE_COLOURS[k]};vertical-align:middle;margin-right:4px"></span>'
              f'{labels[k]}</span>' for k in ("meetings", "projects", "both") if k in edge_kinds]
    return ('<div id="legend" style="font-family:Arial,sans-serif;font-size:13px;padding:4px 2px 6px">'
            + "".join(items) + "</div>")


def render(view: NetworkView, height: int = 620) -> str:
    """The network view as one HTML page: no CDN, no unescaped data, layout from `view.positions`."""
    graph = view.graph
    colours = type_colours([attrs["type"] for _, attrs in graph.nodes(data=True)])
    net = Network(height=f"{int(height)}px", width="100%", cdn_resources="in_line", bgcolor="#ffffff")
    for node, attrs in graph.nodes(data=True):
        x, y = view.positions.get(node, (0.0, 0.0))
        is_ego = node == view.ego
        net.add_node(esc(node), label=esc(attrs["label"]), title=esc(_node_title(attrs, graph.degree(node))),
                     color=colours[attrs["type"]], size=node_size(int(attrs["meetings"])), x=float(x), y=float(y),
                     borderWidth=4 if is_ego else 1, shape="dot")
    kinds: set[str] = set()
    for u, v, data in graph.edges(data=True):
        kind = _edge_kind(data)
        kinds.add(kind)
        net.add_edge(esc(u), esc(v), value=int(data["weight"]), title=esc(_edge_title(graph, u, v, data)),
                     color=EDGE_COLOURS[kind])
    options = {
        "nodes": {"font": {"size": 14}, "borderWidthSelected": 3},
        "edges": {"smooth": False, "scaling": {"min": 1, "max": 10}, "color": {"inherit": False}},
        "physics": {"enabled": bool(view.physics),
                    "stabilization": {"enabled": True, "iterations": 150},
                    "barnesHut": {"gravitationalConstant": -9000, "springLength": 180, "avoidOverlap": 0.2}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": True},
    }
    net.set_options(json.dumps(options))  # last: it replaces the whole options object
    page = net.generate_html()
    page = _CDN_TAG.sub("", page)
    page = _EMPTY_HEADING.sub("", page)
    page = page.replace("<body>", "<body>\n" + _legend(colours, kinds), 1)
    return page.replace("</body>", _PLAIN_TEXT + "</body>", 1)
