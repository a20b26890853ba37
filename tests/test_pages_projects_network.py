"""The Projekte, Partnernetz and Sitzungen pages through Streamlit's AppTest.

Each page must render on an empty database, on the `projekte` fixture (with protocols) and on the
demo network, and keep working after its main widgets change.
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import assert_page_ok as assert_ok
from tests.conftest import open_page as run_page
from tests.test_projects import build_fixture

PROJECTS, NETWORK, MEETINGS = "pages/projekte.py", "pages/partnernetz.py", "pages/sitzungen.py"


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory):
    return build_fixture(tmp_path_factory.mktemp("seiten"), protocols=True)


def table_with(at: AppTest, column: str):
    """The first table on the page that has this column."""
    return next(df.value for df in at.dataframe if column in df.value.columns)


def whole_period(at: AppTest) -> AppTest:
    at.selectbox(key="filter_period").select("Gesamter Zeitraum").run()
    assert_ok(at)
    return at


@pytest.mark.parametrize("page", [PROJECTS, NETWORK, MEETINGS])
def test_pages_explain_an_empty_database(monkeypatch, empty_db, page):
    at = run_page(monkeypatch, empty_db, page)
    assert "Noch keine Daten geladen" in at.info[0].value


def test_projects_page_shows_lifecycles_counts_and_a_projects_partners(monkeypatch, fixture_db):
    at = whole_period(run_page(monkeypatch, fixture_db, PROJECTS))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Projekte im Zeitraum"] == "3"
    assert len(at.get("plotly_chart")) == 2
    at.selectbox(key="project_select").select("gesund-im-handwerk").run()
    assert_ok(at)
    partners = table_with(at, "Rolle")
    assert partners["Organisation"].tolist() == ["Institut für Technik der Betriebsführung",
                                                 "Bundesanstalt für Arbeitsschutz und Arbeitsmedizin"]
    assert partners["Rolle"].tolist() == ["Federführung", "Partner"]
    shown = table_with(at, "Art")
    assert shown["Art"].tolist() == ["Vorstellung", "Erwähnung", "Vorstellung"]


def test_projects_page_follows_group_and_explains_an_empty_selection(monkeypatch, fixture_db):
    at = run_page(monkeypatch, fixture_db, PROJECTS)
    at.selectbox(key="filter_group").select("ag-transfer").run()
    assert_ok(at)
    # 2024: Gesund im Handwerk counts too, because the AG Transfer protocol of 03.12.2024 presents it
    assert {m.label: m.value for m in at.metric}["Projekte im Zeitraum"] == "3"
    at.selectbox(key="filter_group").select("netzwerk-nord").run()
    assert_ok(at)
    assert "keine Projekte" in at.info[0].value


def test_network_page_after_changing_mode_ego_radius_and_cap(monkeypatch, fixture_db):
    at = run_page(monkeypatch, fixture_db, NETWORK)
    metrics = table_with(at, "Vermittlung")
    assert metrics.iloc[0]["Organisation"] == "Projektgesellschaft Handwerk"  # the bridge comes first
    assert "<img src=x onerror=alert(1)>" in metrics["Organisation"].tolist()  # plain text in the table
    at.radio(key="network_mode").set_value("projects").run()
    assert_ok(at)
    at.selectbox(key="network_ego").select("bundesanstalt-fuer-arbeitsschutz-und-arbeitsmedizin").run()
    assert_ok(at)
    at.radio(key="network_radius").set_value(2).run()
    assert_ok(at)
    at.select_slider(key="network_cap").set_value(50).run()
    assert_ok(at)
    at.radio(key="network_mode").set_value("meetings").run()
    assert_ok(at)
    assert set(table_with(at, "Vermittlung")["Organisation"]) == {
        "Bundesanstalt für Arbeitsschutz und Arbeitsmedizin", "Projektgesellschaft Handwerk", "Stiftung Mittelstand",
        "Handwerkskammer Musterstadt", "Institut für Technik der Betriebsführung", "<img src=x onerror=alert(1)>"}


def test_network_page_names_isolated_members_and_explains_an_empty_period(monkeypatch, fixture_db):
    at = run_page(monkeypatch, fixture_db, NETWORK)
    assert "**Ohne Verbindung (1)**" in [m.value for m in at.markdown]
    isolated = next(df.value for df in at.dataframe if list(df.value.columns) == ["Organisation"])
    assert isolated["Organisation"].tolist() == ["Innung Sanitär Heizung Klima Nordstadt"]
    at.radio(key="network_mode").set_value("meetings").run()
    at.selectbox(key="filter_period").select("Jahr 2023").run()  # no meeting in 2023
    assert_ok(at)
    assert "keine Verbindungen" in at.info[0].value
    assert "**Ohne Verbindung (6)**" in [m.value for m in at.markdown]


def test_meetings_page_search_opens_the_hit_and_shows_overdue_tasks(monkeypatch, fixture_db):
    at = run_page(monkeypatch, fixture_db, MEETINGS)
    assert any("2 von 3 offenen Aufgaben sind überfällig" in w.value for w in at.warning)
    at.text_input(key="search_text").input("transferbroschure").run()
    assert_ok(at)
    at.selectbox(key="search_hit").select("ag-transfer-2024-12-03").run()
    assert_ok(at)
    assert at.selectbox(key="meeting_select").value == "ag-transfer-2024-12-03"
    facts = next(t.value for t in at.dataframe if "Angabe" in t.value.columns)  # the detail's facts table
    assert facts.set_index("Angabe").loc["Datum", "Wert"] == "03.12.2024"
    for text in ['"', "(*", 'NEAR("x', "AND"]:
        at.text_input(key="search_text").input(text).run()
        assert_ok(at)


def test_meetings_page_opens_a_hit_outside_the_filter_by_widening_the_filter(monkeypatch, fixture_db):
    at = run_page(monkeypatch, fixture_db, MEETINGS)
    at.selectbox(key="filter_group").select("fachgruppe-handwerk").run()
    at.checkbox(key="search_everywhere").check().run()
    at.text_input(key="search_text").input("Transferbroschüre").run()
    at.selectbox(key="search_hit").select("ag-transfer-2024-12-03").run()
    assert_ok(at)
    # The hit belongs to the AG Transfer: the sidebar now says so, and the detail shows it inside the filter.
    assert at.selectbox(key="filter_group").value == "ag-transfer"
    assert at.selectbox(key="meeting_select").value == "ag-transfer-2024-12-03"
    at.selectbox(key="filter_group").select("fachgruppe-handwerk").run()
    assert_ok(at)
    assert at.selectbox(key="meeting_select").value == "fachgruppe-handwerk-2024-09-12"  # newest; never outside
    at.selectbox(key="meeting_select").select("fachgruppe-handwerk-2024-03-14").run()
    tasks = table_with(at, "Stand")
    assert tasks["Stand"].tolist() == ["überfällig", "offen"]


def test_meetings_page_counts_hits_outside_the_filter_and_offers_them(monkeypatch, fixture_db):
    at = run_page(monkeypatch, fixture_db, MEETINGS)
    at.selectbox(key="filter_group").select("fachgruppe-handwerk").run()
    at.text_input(key="search_text").input("transferbroschuere").run()
    assert_ok(at)
    assert [i.value for i in at.info][:2] == [
        "1 weiterer Treffer außerhalb von Zeitraum und Gruppe.",
        "Keine Treffer in den Protokollen im gewählten Zeitraum und in der gewählten Gruppe."]
    at.button(key="search_show_all").click().run()
    assert_ok(at)
    assert at.checkbox(key="search_everywhere").value is True
    assert table_with(at, "Fundstelle")["Gruppe"].tolist() == ["AG Transfer"]


def test_meetings_page_refuses_an_overlong_search_in_german(monkeypatch, fixture_db):
    at = run_page(monkeypatch, fixture_db, MEETINGS)
    at.text_input(key="search_text").input("a" * 1000).run()
    assert not at.exception
    assert [w.value for w in at.warning if "Suchbegriff" in w.value] == [
        "Der Suchbegriff ist zu lang (1000 Zeichen, höchstens 200)."]


def test_a_meeting_without_attendance_records_says_so(monkeypatch, tmp_path):
    import shutil

    from etl.build.pipeline import build
    from tests.test_projects import SOURCE

    source = tmp_path / "quelle"
    shutil.copytree(SOURCE, source, ignore=shutil.ignore_patterns("protokolle"))
    with (source / "meetings.csv").open("a", encoding="utf-8") as handle:
        handle.write("Fachgruppe Handwerk,2024-11-20,10:00,11:00,Musterstadt,Ohne Liste\n")
    build(source, tmp_path / "netz.db")
    at = run_page(monkeypatch, tmp_path / "netz.db", MEETINGS)
    listing = table_with(at, "Teilnehmende")
    row = listing[listing["Titel"] == "Ohne Liste"].iloc[0]
    assert row["Teilnehmende"] == "keine erfasst"
    assert "None" not in listing.astype(str).to_numpy().ravel().tolist()
    at.selectbox(key="meeting_select").select("fachgruppe-handwerk-2024-11-20").run()
    assert_ok(at)
    assert any("keine Anwesenheit erfasst" in i.value for i in at.info)
    assert not any(m.value.startswith("**Anwesend (0)") for m in at.markdown)


DEMO_AS_OF = "2026-11-28"  # the demo's reference date (data/demo/README.md)


@pytest.mark.parametrize("page", [PROJECTS, NETWORK, MEETINGS])
def test_pages_render_the_demo_network_for_every_period_and_a_group(monkeypatch, demo_db, page):
    at = whole_period(run_page(monkeypatch, demo_db, page, DEMO_AS_OF))
    at.selectbox(key="filter_group").select("fachgruppe-handwerk").run()
    assert_ok(at)
    at.selectbox(key="filter_period").select("Letzte 24 Monate").run()
    assert_ok(at)


def test_demo_network_caps_links_with_a_note_and_shows_an_ego_network(monkeypatch, demo_db):
    at = whole_period(run_page(monkeypatch, demo_db, NETWORK, DEMO_AS_OF))
    at.select_slider(key="network_cap").set_value(100).run()
    assert_ok(at)
    assert any(re.match(r"Es werden die 100 stärksten von [\d.]+ Verbindungen gezeigt", w.value) for w in at.warning)
    at.selectbox(key="network_ego").select("institut-fuer-technik-der-betriebsfuehrung").run()
    at.radio(key="network_radius").set_value(2).run()
    assert_ok(at)


def test_demo_meetings_search_and_project_detail(monkeypatch, demo_db):
    at = whole_period(run_page(monkeypatch, demo_db, MEETINGS, DEMO_AS_OF))
    at.text_input(key="search_text").input("Fachkräfte").run()
    assert_ok(at)
    at.selectbox(key="search_hit").select_index(1).run()
    assert_ok(at)
    opened = at.selectbox(key="search_hit").value
    assert opened and at.selectbox(key="meeting_select").value == opened
    at = whole_period(run_page(monkeypatch, demo_db, PROJECTS, DEMO_AS_OF))
    for index in range(len(at.selectbox(key="project_select").options)):
        at.selectbox(key="project_select").select_index(index).run()
        assert_ok(at)
