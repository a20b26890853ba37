"""Presenting and printing: what a narrow screen, a projector or a file shows in full.

„Sitzung im Detail“ states date, time, format and group in one wrapping line (no metric cut to „25.11.…“);
Inaktive Partner puts the deciding columns first and lists contact persons one per row; slide 2 labels every
heatmap row; the network in files names every colour; Übersicht's figures follow the shared time slider; the
Partnernetz offers its time-course exports whatever the Zeitachse.
"""

from __future__ import annotations

import dataclasses

import plotly.graph_objects as go
import pytest

from analysis import network, overview
from analysis.charts import participation as participation_charts
from analysis.charts.network import LEGEND_ROWS, legend_rows, network_figure
from analysis.db import connect
from tests.conftest import ROOT, assert_page_ok, open_page
from tests.test_report import build_report_fixture
from ui.explore import STEP_KEY, TIME_KEY
from ui.network_chart import figure_json
from vocab.periods import Period, calendar_year, span_label


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_report_fixture(tmp_path_factory.mktemp("vorzeigen"))


def test_meeting_detail_states_its_facts_in_one_wrapping_line_and_a_table(monkeypatch, db):
    at = open_page(monkeypatch, db, "pages/sitzungen.py")
    assert [m.value for m in at.markdown if m.value.startswith("####")] == [
        r"#### 03\.12\.2024 · 14\:00 – 15\:30 Uhr · vor Ort · AG Transfer"]
    assert [m.label for m in at.metric] == []  # metrics cut dates and group names at 1024 px
    facts = next(t.value for t in at.dataframe if "Angabe" in t.value.columns)
    assert facts.to_dict("records")[:4] == [
        {"Angabe": "Datum", "Wert": "03.12.2024"}, {"Angabe": "Uhrzeit", "Wert": "14:00 – 15:30 Uhr"},
        {"Angabe": "Format", "Wert": "vor Ort"}, {"Angabe": "Gruppe", "Wert": "AG Transfer"}]


def test_inactive_partners_show_the_deciding_columns_first_and_contacts_one_per_row(monkeypatch, db):
    at = open_page(monkeypatch, db, "pages/inaktive-partner.py")
    listing, people = (t.value for t in at.dataframe)
    assert list(listing.columns) == [
        "Organisation", "Status", "Zuletzt anwesend", "In Folge gefehlt", "Quote (%)", "Quote davor (%)",
        "Ansprechpersonen", "Letzte Ansprache", "Wiedervorlage", "Kurzname", "Rolle", "Sitzungen", "Anwesend",
        "Entschuldigt", "Hinweis"]
    assert listing.set_index("Organisation")["Ansprechpersonen"].to_dict() == {
        "Innung Sanitär Heizung Klima Nordstadt": 0, "Handwerkskammer Musterstadt": 2,
        "Institut für Technik der Betriebsführung": 1, "Projektgesellschaft Handwerk": 1}
    assert people.to_dict("records") == [
        {"Organisation": "Handwerkskammer Musterstadt", "Name": "Anna Becker", "Funktion": "Beraterin",
         "Zuletzt anwesend": "10.10.2024"},
        {"Organisation": "Handwerkskammer Musterstadt", "Name": "Max Maurer", "Funktion": "Referent",
         "Zuletzt anwesend": "08.02.2024"},
        {"Organisation": "Institut für Technik der Betriebsführung", "Name": "Jonas Weber",
         "Funktion": "Wissenschaftlicher Mitarbeiter", "Zuletzt anwesend": "10.10.2024"},
        {"Organisation": "Projektgesellschaft Handwerk", "Name": "Petra Sommer", "Funktion": "Geschäftsführerin",
         "Zuletzt anwesend": "10.10.2024"}]


def test_contacts_are_pseudonymised_in_the_detail_view_when_names_are_hidden(monkeypatch, db):
    at = open_page(monkeypatch, db, "pages/inaktive-partner.py")
    at.toggle(key="hide_names").set_value(True).run()
    assert_page_ok(at)
    people = at.dataframe[1].value
    assert not {"Anna Becker", "Max Maurer", "Jonas Weber", "Petra Sommer"} & set(people["Name"])
    assert all(name.startswith("Person ") for name in people["Name"])


def test_a_slide_heatmap_labels_every_row_in_a_font_that_fits():
    orgs = [f"Organisation {i:02d}" for i in range(30)]
    fig = go.Figure(go.Heatmap(z=[[1, 2]] * 30, x=["01.01.2024", "01.02.2024"], y=orgs))
    fig = participation_charts.label_every_row(fig, height=440, font=17)
    assert list(fig.layout.yaxis.tickvals) == orgs == list(fig.layout.yaxis.ticktext)
    assert fig.layout.yaxis.tickfont.size == 9  # (440 − 130) px for 30 rows: 10 px a row
    few = participation_charts.label_every_row(go.Figure(go.Heatmap(z=[[1]] * 4, y=orgs[:4])), 440, 17)
    assert few.layout.yaxis.tickfont.size == 17


def test_the_network_in_a_file_names_every_group_colour_below_the_picture(db):
    conn = connect(db)
    try:
        view = network.network_view(conn, calendar_year(2024), "both", None)
    finally:
        conn.close()
    groups = {str(view.graph.nodes[n]["group"]) for n in view.graph if view.graph.degree(n) > 0}
    fig = network_figure(view, colour_by="group", full_legend=True, min_width=1400, height=1000)
    named = {t.name for t in fig.data if t.mode == "markers" and len(t.x) == 1 and t.x[0] is None}
    assert named == groups and len(groups) > 1
    # Measured from the figure's bottom edge and standing on it: inside the picture, not below it.
    assert (fig.layout.legend.yref, fig.layout.legend.y, fig.layout.legend.yanchor) == ("container", 0, "bottom")


def test_the_page_legend_of_hundreds_of_groups_names_the_largest_and_leaves_the_picture_its_room(db):
    conn = connect(db)
    try:
        view = network.network_view(conn, calendar_year(2024), "both", None)
    finally:
        conn.close()
    # Every organisation in a group of its own, as in a network of hundreds of groups.
    graph = view.graph.copy()
    for number, node in enumerate(sorted(graph)):
        graph.nodes[node]["group"] = f"Fachgruppe Nummer {number:03d} mit langem Namen"
    many = dataclasses.replace(view, graph=graph)
    linked = [n for n in graph if graph.degree(n) > 0]
    assert legend_rows([str(graph.nodes[n]["group"]) for n in linked], 420) > 3
    fig = network_figure(many, colour_by="group", full_legend=True, max_legend_rows=3, min_width=440, height=700)
    named = [t.name for t in fig.data if t.mode == "markers" and len(t.x) == 1 and t.x[0] is None]
    assert 0 < len(named) < len(linked)
    assert fig.layout.margin.b == 24 * 3 + 16
    # A legend that fits keeps every group, as in a file.
    fits = network_figure(view, colour_by="group", full_legend=True, max_legend_rows=50, min_width=440, height=700)
    groups = {str(view.graph.nodes[n]["group"]) for n in view.graph if view.graph.degree(n) > 0}
    assert {t.name for t in fits.data if t.mode == "markers" and len(t.x) == 1 and t.x[0] is None} == groups
    assert fits.layout.margin.b >= 24 * LEGEND_ROWS + 16


def test_a_file_title_names_the_dates_of_the_period():
    assert span_label(Period("2015-01-01", "2026-11-28", "Gesamter Zeitraum")) == "2015–2026"
    assert span_label(calendar_year(2026)) == "2026"
    assert span_label(Period("2025-12-01", "2026-11-30", "Letzte 12 Monate")) == "01.12.2025–30.11.2026"


def test_overview_figures_follow_the_shared_time_slider(monkeypatch, db):
    at = open_page_with_alerts(monkeypatch, db, "pages/uebersicht.py")
    sidebar = [m.value for m in at.metric]
    at.session_state[STEP_KEY] = "year"
    at.session_state[TIME_KEY] = "2023"
    at.run()
    assert not at.exception
    conn = connect(db)
    try:
        expected = [str(k.value) for k in overview.kpis(conn, calendar_year(2023), None)]
    finally:
        conn.close()
    assert [m.value for m in at.metric] == expected != sidebar
    assert any(c.value.startswith("Kennzahlen für 2023 (01.01.2023 – 31.12.2023), wie im Zeitregler")
               for c in at.caption)
    at.button(key="overview_time_reset").click().run()
    assert [m.value for m in at.metric] == sidebar and at.session_state[STEP_KEY] == "filter"


def test_time_course_exports_are_offered_with_the_sidebar_period(monkeypatch, db):
    at = open_page(monkeypatch, db, "pages/partnernetz.py")
    assert at.radio(key="network_step").value == "filter"
    labels = [e.proto.label for e in at.get("download_button")]
    assert "Dynamisches GEXF (Gephi-Zeitleiste)" in labels and "Animation (GIF, 1280×720, für Folien)" in labels
    assert any(c.value.startswith("Ein Bild je Jahr: ") for c in at.caption)
    # The picture names every group colour in its legend (not two rows and the rest on hover).
    spec = figure_json(at.get("component_instance")[0])
    legend = {t["name"] for t in spec["data"] if t.get("mode") == "markers" and t.get("x") == [None]}
    conn = connect(db)
    try:
        view = network.network_view(conn, calendar_year(2024), "both", None)
    finally:
        conn.close()
    assert legend == {str(view.graph.nodes[n]["group"]) for n in view.graph if view.graph.degree(n) > 0}


def open_page_with_alerts(monkeypatch, db, page: str):
    """Like conftest.open_page, for Übersicht, whose alerts are error boxes by design."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("NETZWERKRADAR_DB", str(db))
    monkeypatch.setenv("NETZWERKRADAR_AS_OF", "2024-12-31")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page(page).run()
    assert not at.exception
    return at


def test_the_menu_is_registered_fully_expanded(monkeypatch, db):
    """Collapsed, Streamlit's menu shows ten pages once hidden pages push the count past twelve: the eleventh,
    Prüfen, sat behind „View 1 more“ (the hidden forwarders of the old file names did that)."""
    import streamlit as st

    calls: list[dict] = []
    original = st.navigation

    def navigation(pages, **kwargs):
        calls.append(kwargs)
        return original(pages, **kwargs)

    monkeypatch.setattr(st, "navigation", navigation)
    open_page(monkeypatch, db, "pages/daten.py")
    assert calls and all(c.get("expanded") is True for c in calls)


def test_the_command_line_network_png_is_titled_with_its_dates_and_group_colours(db, monkeypatch, tmp_path):
    from analysis import cli, downloads

    made: list[dict] = []
    monkeypatch.setattr(downloads, "network_png", lambda view, **kwargs: made.append(kwargs) or b"png")
    assert cli.main(["network", "--db", str(db), "--as-of", "2024-12-31", "--out", str(tmp_path / "netz.png")]) == 0
    [kwargs] = made
    assert kwargs["title"] == "Partnernetz – alle Gruppen – 2024"  # the last 12 months to 31.12. are that year
    assert set(kwargs["group_colours"]) >= {"Fachgruppe Handwerk", "AG Transfer"}
