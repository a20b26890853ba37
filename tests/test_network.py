"""The partner network on the `projekte` fixture (CSV files only), values worked out by hand.

Meetings in 2024 (organisations present; BAuA only excused on 20.06.):
  FG 08.02. HWK (two people), itb, PSG · FG 20.06. HWK, itb · FG 12.09. HWK, itb, PSG, XSS (guest)
  AG 07.05. PSG, BAuA, Stiftung · AG 05.11. BAuA, Stiftung
Projects overlapping 2024: Fachkräftezentren (HWK, itb, PSG), Digitale Betriebsberatung (PSG, Stiftung).
PSG is the only bridge between {HWK, itb, XSS} and {BAuA, Stiftung}; the SHK-Innung is a member
that never attends and has no project (the isolate). XSS is the organisation named like an HTML tag.
"""

from __future__ import annotations

import dataclasses
import json
import re

import networkx as nx
import pandas as pd
import pytest

from analysis import network, network_html, network_time
from analysis.db import connect
from tests.test_projects import build_fixture
from vocab.periods import Period

Y2024 = Period("2024-01-01", "2024-12-31", "Jahr 2024")
Y2022 = Period("2022-01-01", "2022-12-31", "Jahr 2022")
HWK, ITB = "handwerkskammer-musterstadt", "institut-fuer-technik-der-betriebsfuehrung"
PSG = "projektgesellschaft-handwerk"
BAUA, STIFTUNG = "bundesanstalt-fuer-arbeitsschutz-und-arbeitsmedizin", "stiftung-mittelstand"
INNUNG, XSS = "innung-sanitaer-heizung-klima-nordstadt", "img-src-x-onerror-alert-1"
XSS_NAME, XSS_TYPE = "<img src=x onerror=alert(1)>", "<script>alert(2)</script>"

MEETING_EDGES = {(BAUA, PSG): 1, (BAUA, STIFTUNG): 2, (HWK, XSS): 1, (HWK, ITB): 3, (HWK, PSG): 2,
                 (XSS, ITB): 1, (XSS, PSG): 1, (ITB, PSG): 2, (PSG, STIFTUNG): 1}
PROJECT_EDGES = {(HWK, ITB): 1, (HWK, PSG): 1, (ITB, PSG): 1, (PSG, STIFTUNG): 1}


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    connection = connect(build_fixture(tmp_path_factory.mktemp("netz"), protocols=False))
    yield connection
    connection.close()


def weights(graph: nx.Graph) -> dict[tuple[str, str], int]:
    return {tuple(sorted((u, v))): d["weight"] for u, v, d in graph.edges(data=True)}


def column(frame, name: str) -> dict[str, object]:
    return dict(zip(frame["org_id"], frame[name], strict=True))


def test_shared_meetings_link_organisations_present_together(conn):
    graph = network.build_graph(conn, Y2024, "meetings")
    assert weights(graph) == MEETING_EDGES
    assert sorted(graph) == sorted([HWK, ITB, PSG, XSS, BAUA, STIFTUNG, INNUNG])


def test_shared_projects_link_lead_and_partners(conn):
    graph = network.build_graph(conn, Y2024, "projects")
    assert weights(graph) == PROJECT_EDGES
    assert graph.edges[HWK, ITB] == {"meetings": 0, "projects": 1, "newman": 0.5, "weight": 1}


def test_both_adds_meetings_and_projects(conn):
    graph = network.build_graph(conn, Y2024, "both")
    expected = {pair: MEETING_EDGES.get(pair, 0) + PROJECT_EDGES.get(pair, 0)
                for pair in MEETING_EDGES.keys() | PROJECT_EDGES.keys()}
    assert weights(graph) == expected
    assert graph.edges[PSG, STIFTUNG] == {"meetings": 1, "projects": 1, "newman": 1.5, "weight": 2}


def test_degree_weighted_degree_and_participation(conn):
    table = network.metrics(network.build_graph(conn, Y2024, "meetings"))
    assert column(table, "degree") == {PSG: 5, HWK: 3, ITB: 3, XSS: 3, BAUA: 2, STIFTUNG: 2, INNUNG: 0}
    assert column(table, "weighted_degree") == {PSG: 7, HWK: 6, ITB: 6, XSS: 3, BAUA: 3, STIFTUNG: 3, INNUNG: 0}
    # an organisation counts once per meeting, though HWK sent two people on 08.02.
    assert column(table, "meetings") == {PSG: 3, HWK: 3, ITB: 3, XSS: 1, BAUA: 2, STIFTUNG: 2, INNUNG: 0}


def test_betweenness_finds_the_bridge(conn):
    # 3 x 2 pairs across the bridge, normalised by (n-1)(n-2)/2 = 15 pairs (7 nodes incl. the isolate)
    table = network.metrics(network.build_graph(conn, Y2024, "meetings"))
    assert table.iloc[0]["org_id"] == PSG
    assert column(table, "betweenness") == {PSG: 0.4, HWK: 0.0, ITB: 0.0, XSS: 0.0, BAUA: 0.0, STIFTUNG: 0.0,
                                            INNUNG: 0.0}
    # projects only: Stiftung reaches HWK and itb through PSG: 2 of 10 pairs (6 nodes)
    projects_only = network.metrics(network.build_graph(conn, Y2024, "projects"))
    assert column(projects_only, "betweenness")[PSG] == 0.2


def test_communities_split_at_the_bridge_and_isolates_have_none(conn):
    table = network.metrics(network.build_graph(conn, Y2024, "meetings"))
    groups: dict[object, set[str]] = {}
    for org, number in column(table, "community").items():
        groups.setdefault(None if pd.isna(number) else int(number), set()).add(org)
    assert groups == {1: {HWK, ITB, PSG, XSS}, 2: {BAUA, STIFTUNG}, None: {INNUNG}}


@pytest.mark.parametrize("mode, isolates", [("meetings", [INNUNG]), ("projects", [BAUA, INNUNG]),
                                            ("both", [INNUNG])])
def test_isolates_are_members_without_links(conn, mode, isolates):
    table = network.metrics(network.build_graph(conn, Y2024, mode))
    assert sorted(table.loc[table["isolate"], "org_id"]) == isolates


def test_the_time_window_shows_the_network_as_it_was(conn):
    graph = network.build_graph(conn, Y2022, "meetings")
    assert weights(graph) == {(BAUA, HWK): 1}
    # members in 2022 without a link; XSS (no member, not there in 2022) is not in the picture
    table = network.metrics(graph)
    assert sorted(table.loc[table["isolate"], "org_id"]) == sorted([ITB, PSG, INNUNG, STIFTUNG])
    assert XSS not in graph


def test_group_filter_keeps_the_groups_meetings_and_members(conn):
    graph = network.build_graph(conn, Y2024, "meetings", "fachgruppe-handwerk")
    assert weights(graph) == {(HWK, XSS): 1, (HWK, ITB): 3, (HWK, PSG): 2, (XSS, ITB): 1, (XSS, PSG): 1,
                              (ITB, PSG): 2}
    assert sorted(graph) == sorted([HWK, ITB, PSG, XSS, INNUNG])  # BAuA was only excused


@pytest.mark.parametrize("radius, nodes, edges", [
    (1, {BAUA, PSG, STIFTUNG}, 3),
    (2, {BAUA, PSG, STIFTUNG, HWK, ITB, XSS}, 9),
])
def test_ego_network_of_an_organisation(conn, radius, nodes, edges):
    view = network.network_view(conn, Y2024, "meetings", ego=BAUA, radius=radius)
    assert set(view.graph) == nodes and view.graph.number_of_edges() == edges
    assert view.ego == BAUA
    assert set(view.metrics["org_id"]) == nodes
    assert column(view.metrics, "betweenness")[PSG] == 0.4  # measured on the whole network


def test_an_unknown_ego_shows_the_whole_network(conn):
    view = network.network_view(conn, Y2024, "meetings", ego="gibt-es-nicht")
    assert view.ego is None and view.graph.number_of_nodes() == 7


def test_the_cap_keeps_the_strongest_links_and_says_so(conn):
    view = network.network_view(conn, Y2024, "both", cap=3)
    assert weights(view.graph) == {(HWK, ITB): 4, (HWK, PSG): 3, (ITB, PSG): 3}
    assert set(view.graph) == {HWK, ITB, PSG, INNUNG}  # plus the isolated member
    assert view.note == "Es werden die 3 stärksten von 9 Verbindungen gezeigt."
    assert view.total_edges == 9 and view.shown_edges == 3
    assert len(view.metrics) == 7  # the metrics table still covers the whole network
    assert network.network_view(conn, Y2024, "both").note is None


def test_cap_note_uses_german_thousands():
    assert network.cap_note(400, 1234) == "Es werden die 400 stärksten von 1.234 Verbindungen gezeigt."
    assert network.cap_note(400, 400) is None


def test_layout_is_deterministic_and_physics_is_off_for_large_graphs(conn):
    graph = network.build_graph(conn, Y2024, "both")
    first, second = network.layout(graph), network.layout(graph.copy())
    assert first == second and set(first) == set(graph)
    assert network.network_view(conn, Y2024, "both").physics is True
    big = nx.relabel_nodes(nx.path_graph(network.PHYSICS_LIMIT + 1), str)
    assert len(network.layout(big)) == network.PHYSICS_LIMIT + 1


def test_layout_packs_components_apart_and_isolates_below():
    graph = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("d", "e")])
    graph.add_node("z")
    pos = network.layout(graph)

    def box(nodes: str) -> tuple[float, float, float, float]:
        xs, ys = [pos[n][0] for n in nodes], [pos[n][1] for n in nodes]
        return min(xs), max(xs), min(ys), max(ys)

    (ax0, ax1, ay0, ay1), (dx0, dx1, dy0, dy1) = box("abc"), box("de")
    assert ax1 < dx0 or dx1 < ax0 or ay1 < dy0 or dy1 < ay0  # the two components do not overlap
    assert pos["z"][1] > max(pos[n][1] for n in "abcde")  # the isolate sits below them


def test_layout_of_a_graph_beyond_spring_layouts_limit_needs_no_scipy():
    graph = nx.relabel_nodes(nx.cycle_graph(520), str)
    positions = network.layout(graph)
    assert len(positions) == 520 and network.layout(graph) == positions


def test_empty_period_gives_an_empty_view(conn):
    view = network.network_view(conn, Period("2000-01-01", "2000-12-31", "leer"), "both")
    assert view.graph.number_of_nodes() == 0 and view.metrics.empty and view.note is None
    assert "<html>" in network_html.render(view)


def test_html_escapes_every_name_and_loads_nothing_from_the_internet(conn):
    view = network.network_view(conn, Y2024, "both")
    page = network_html.render(view)
    assert XSS_NAME not in page and XSS_TYPE not in page
    assert "&lt;img src=x onerror=alert(1)&gt;".replace("&", "\\u0026") in page  # escaped, inside the node JSON
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page  # the legend
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert not re.search(r"cdnjs|jsdelivr|unpkg|bootstrap", page, re.IGNORECASE)
    assert "vis.Network(" in page and '"physics": {"enabled": true' in page
    assert "div.popup" not in page  # pyvis' raw-HTML tooltips stay off


def test_escaping_also_hides_href_from_pyvis():
    # pyvis switches every tooltip to raw HTML when one contains "href"; the entity keeps it plain text
    assert network_html.esc('Verein "href" & <b>') == "Verein &quot;h&#114;ef&quot; &amp; &lt;b&gt;"
    assert "href" not in network_html.esc("HREF href Href").lower()


def test_html_uses_the_precomputed_layout_without_physics_when_asked(conn):
    view = dataclasses.replace(network.network_view(conn, Y2024, "meetings"), physics=False)
    page = network_html.render(view)
    assert '"physics": {"enabled": false' in page
    x, y = view.positions[PSG]
    assert re.search(rf'"id": "{PSG}"[^}}]*"x": {x}, "y": {y}', page)


# --- Newman weighting, large meetings, communities, brokers, paths (issue 14, 15) ------------------------
def test_newman_weighting_counts_small_meetings_more(conn):
    graph = network.build_graph(conn, Y2024, "meetings", weighting="newman")
    # FG 08.02. (3 orgs: 1/2 each), FG 20.06. (2: 1), FG 12.09. (4: 1/3), AG 07.05. (3: 1/2), AG 05.11. (2: 1)
    assert weights(graph) == {(BAUA, PSG): 0.5, (BAUA, STIFTUNG): 1.5, (HWK, XSS): 0.333333, (HWK, ITB): 1.833333,
                              (HWK, PSG): 0.833333, (XSS, ITB): 0.333333, (XSS, PSG): 0.333333, (ITB, PSG): 0.833333,
                              (PSG, STIFTUNG): 0.5}
    assert graph.edges[HWK, ITB]["meetings"] == 3  # the raw count stays on the link


def test_a_meeting_above_the_limit_links_nobody_and_says_so(conn):
    links = network.meeting_links(conn, Y2024, limit=3)
    assert [(r["source"], r["target"], r["meetings"]) for r in links.to_dict("records")] == [
        (BAUA, PSG, 1), (BAUA, STIFTUNG, 2), (HWK, ITB, 2), (HWK, PSG, 1), (ITB, PSG, 1), (PSG, STIFTUNG, 1)]
    large = network.large_meetings(conn, Y2024, limit=3)
    assert large.to_dict("records") == [{"meeting_id": "fachgruppe-handwerk-2024-09-12", "date": "2024-09-12",
                                         "group": "Fachgruppe Handwerk", "title": "Herbstsitzung", "organisations": 4}]
    assert network.large_meeting_note(large, 3) == (
        "Eine Sitzung mit mehr als 3 anwesenden Organisationen (12.09.2024, Fachgruppe Handwerk, 4 Organisationen) "
        "hatte so viele Teilnehmende, dass gemeinsame Anwesenheit nichts über Zusammenarbeit sagt: sie verbindet "
        "niemanden im Netz; die Teilnahme zählt weiter.")
    assert network.large_meeting_note(network.large_meetings(conn, Y2024)) is None


def test_a_meeting_of_five_thousand_organisations_does_not_explode(tmp_path):
    """Issue 15: 5,000 organisations in one meeting made 12.5 M pairs; now the meeting makes none."""
    import sqlite3

    from etl.build.schema import ensure_schema

    db = tmp_path / "gross.db"
    raw = sqlite3.connect(db)
    ensure_schema(raw)
    raw.execute("INSERT INTO groups (id, name, kind) VALUES ('plenum', 'Plenum', 'netzwerk')")
    raw.execute("INSERT INTO meetings (id, group_id, date) VALUES ('plenum-2024', 'plenum', '2024-05-01')")
    raw.executemany("INSERT INTO organisations (id, name) VALUES (?, ?)",
                    [(f"org-{i:04d}", f"Organisation {i}") for i in range(5000)])
    raw.executemany("INSERT INTO org_attendance VALUES ('plenum-2024', 'plenum', '2024-05-01', ?, 'present', NULL, 1, "
                    "1, 1, '2024-05-01', '2024-05-01', 0)",
                    [(f"org-{i:04d}",) for i in range(5000)])
    raw.commit()
    raw.close()
    big = connect(db)
    graph = network.build_graph(big, Y2024, "meetings")
    assert graph.number_of_edges() == 0 and graph.number_of_nodes() == 0
    assert "5.000 Organisationen" in network.large_meeting_note(graph.graph["large_meetings"])
    big.close()


def test_communities_with_the_fixed_seed(conn):
    assert network.communities(network.build_graph(conn, Y2024, "both")) == {
        HWK: 1, XSS: 1, ITB: 1, PSG: 1, BAUA: 2, STIFTUNG: 2}


def test_who_connects_a_and_b(conn):
    graph = network.build_graph(conn, Y2024, "meetings")
    assert network.connecting_paths(graph, HWK, STIFTUNG) == [[HWK, PSG, STIFTUNG]]
    assert network.connecting_paths(graph, BAUA, XSS) == [[BAUA, PSG, XSS]]
    assert network.connecting_paths(graph, HWK, INNUNG) == []  # the isolate is reached by nobody
    assert network.connecting_paths(graph, HWK, "unbekannt") == []


def test_brokers_between_groups(conn):
    table = network.brokers(network.build_graph(conn, Y2024, "both"), "group")
    assert table.to_dict("records") == [{"org_id": PSG, "organisation": "Projektgesellschaft Handwerk",
                                         "group": "Fachgruppe Handwerk", "reaches": 2, "brokerage": 0.3}]


# --- time ----------------------------------------------------------------------------------------------
def test_time_steps_are_years_or_quarters():
    assert [p.label for p in network_time.time_steps("2022-03-01", "2024-12-31")] == ["2022", "2023", "2024"]
    assert network_time.time_steps("2023-11-01", "2024-02-01", "quarter") == (
        Period("2023-10-01", "2023-12-31", "Q4 2023"), Period("2024-01-01", "2024-03-31", "Q1 2024"))


def test_timeline_figures_per_period_with_change(conn):
    timeline = network_time.timeline(conn, network_time.time_steps("2022-01-01", "2024-12-31"), "meetings")
    rows = timeline.figures[["period", "organisations", "links", "density", "components", "isolates",
                             "change_links"]].astype(object).to_dict("records")
    assert rows == [
        {"period": "2022", "organisations": 6, "links": 1, "density": 0.0667, "components": 1, "isolates": 4,
         "change_links": None},
        {"period": "2023", "organisations": 6, "links": 0, "density": 0.0, "components": 0, "isolates": 6,
         "change_links": -1.0},
        {"period": "2024", "organisations": 7, "links": 9, "density": 0.4286, "components": 1, "isolates": 1,
         "change_links": 9.0}]
    assert timeline.figures["average_path"].tolist()[::2] == [1.0, 1.4]
    # one layout for all periods: every period's view uses the same positions
    first, last = network_time.frame_view(timeline, 0), network_time.frame_view(timeline, 2)
    assert first.positions is last.positions and PSG in last.positions
    # 2023 had no link: the two linked in 2022 are drawn pale
    assert [n for n, _ in network_time.frame_view(timeline, 1).faded] == [BAUA, HWK]


def test_dynamic_gexf_has_spells_and_positions(conn):
    timeline = network_time.timeline(conn, network_time.time_steps("2022-01-01", "2024-12-31"), "meetings")
    gexf = network_time.dynamic_gexf(timeline).decode("utf-8")
    assert 'mode="dynamic"' in gexf and 'timeformat="date"' in gexf
    assert re.search(r'<node id="img-src-x-onerror-alert-1" label="&lt;img src=x onerror=alert\(1\)&gt;">\s*'
                     r'<spells>\s*<spell start="2024-01-01" end="2024-12-31" />', gexf)
    assert gexf.count("<viz:position") == 7


def test_cli_writes_the_dynamic_gexf(tmp_path, capsys):
    from analysis.cli import main

    db = build_fixture(tmp_path, protocols=False)
    out = tmp_path / "netz.gexf"
    assert main(["network", "--db", str(db), "--out", str(out), "--as-of", "2024-12-31", "--mode", "meetings",
                 "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)  # 2019 (first project) to 2024
    assert rows == [{"file": str(out), "kind": "Partnernetz über 6 Zeiträume", "organisations": 7, "links": 10}]
    text = out.read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text and "<spells>" in text
