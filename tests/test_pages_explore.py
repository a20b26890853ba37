"""Partnernetz through time, „Wer verbindet A und B?“, colour modes and the shared slider, through AppTest
on the `projekte` fixture with protocols."""

from __future__ import annotations

import pytest

from tests.conftest import assert_page_ok, open_page
from tests.test_projects import build_fixture
from ui.network_chart import chart_args, figure_json

NETWORK, PARTICIPATION, RULES = "pages/partnernetz.py", "pages/beteiligung.py", "pages/regelcheck.py"
HWK, STIFTUNG = "handwerkskammer-musterstadt", "stiftung-mittelstand"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_fixture(tmp_path_factory.mktemp("entdecken"), protocols=True)


def metric_values(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_years_slider_shows_each_year_with_its_figures_and_change(monkeypatch, db):
    at = open_page(monkeypatch, db, NETWORK)
    at.radio(key="network_step").set_value("year").run()
    assert_page_ok(at)
    slider = at.select_slider(key="network_time_slider")
    assert list(slider.options)[-3:] == ["2022", "2023", "2024"]
    assert slider.value == "2024"  # the latest period first
    assert "## 2024" in [m.value for m in at.markdown]
    assert metric_values(at)["Organisationen"] == "7"
    at.select_slider(key="network_time_slider").set_value("2023").run()
    assert_page_ok(at)
    assert "## 2023" in [m.value for m in at.markdown]
    assert metric_values(at)["Verbindungen"] == "4"
    # the same choice on the Beteiligung page: its heatmap follows the slider
    at.switch_page(PARTICIPATION).run()
    assert_page_ok(at)
    assert at.radio(key="participation_step").value == "year"
    assert at.select_slider(key="participation_time_slider").value == "2023"


def test_the_chart_gets_the_chosen_year_and_the_years_beside_it(monkeypatch, db):
    at = open_page(monkeypatch, db, NETWORK)
    at.radio(key="network_step").set_value("year").run()
    args = chart_args(at.get("component_instance")[0])
    assert (args["period"], list(args["figures"]), args["slider"]) == ("2024", ["2024", "2023"], "Zeitpunkt")
    assert args["labels"] == ["2024", "2023"]
    ahead = args["figures"]["2023"]
    at.select_slider(key="network_time_slider").set_value("2023").run()
    assert_page_ok(at)
    args = chart_args(at.get("component_instance")[0])
    assert (args["period"], args["labels"]) == ("2023", ["2023", "2022", "2024"])
    assert list(args["figures"]) == ["2023", "2022"]  # 2024 was sent before: the chart keeps it
    # the figure held ahead for 2023 is the one the step to 2023 draws; the year is written large in it
    assert args["figures"]["2023"] == ahead
    assert [a["text"] for a in figure_json(at.get("component_instance")[0])["layout"]["annotations"]] == ["2023"]


def test_who_connects_and_colour_modes(monkeypatch, db):
    at = open_page(monkeypatch, db, NETWORK)
    at.selectbox(key="filter_period").select("Jahr 2024").run()
    # „Wer verbindet A und B?“ draws its two choices only while open (a step of the slider need not send them)
    assert "network_path_from" not in at.session_state
    at.session_state["network_path_open"] = True
    at.run()
    at.selectbox(key="network_path_from").select(HWK).run()
    at.selectbox(key="network_path_to").select(STIFTUNG).run()
    assert_page_ok(at)
    assert "Handwerkskammer Musterstadt → Projektgesellschaft Handwerk → Stiftung Mittelstand" in [
        m.value for m in at.markdown]
    for mode in ("type", "community", "region", "group"):
        at.selectbox(key="network_colour").select(mode).run()
        assert_page_ok(at)
    at.radio(key="network_weighting").set_value("newman").run()
    assert_page_ok(at)
    brokers = next(df.value for df in at.dataframe if "erreicht" in df.value.columns)
    assert brokers["Organisation"].tolist()[0] == "Projektgesellschaft Handwerk"


def test_regelcheck_lists_the_counted_partners(monkeypatch, db):
    at = open_page(monkeypatch, db, RULES)
    assert not [df for df in at.dataframe if "Sitzungen anwesend" in df.value.columns]  # all groups: summary only
    at.selectbox(key="filter_group").select("fachgruppe-handwerk").run()
    assert_page_ok(at)
    tables = [df.value for df in at.dataframe if "Sitzungen anwesend" in df.value.columns]
    assert tables and "Handwerkskammer Musterstadt" in tables[0]["Organisation"].tolist()
