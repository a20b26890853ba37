"""The pages Beteiligung, Inaktive Partner and Regelcheck through Streamlit's AppTest.

Fixture figures (as of 2024-12-31, sidebar default "Letzte 12 Monate" = 2024): see test_inactivity.py
and test_rules.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl.build.pipeline import build
from tests.conftest import DEMO, FIXTURES, rows
from tests.conftest import assert_page_ok as ok
from tests.conftest import open_page as run_page

PARTICIPATION, INACTIVE, RULES = "pages/beteiligung.py", "pages/inaktive-partner.py", "pages/regelcheck.py"
needs_demo = pytest.mark.skipif(not DEMO.is_dir(), reason="data/demo fehlt noch")


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("seiten") / "netz.db"
    assert build(FIXTURES / "beteiligung", db).status == "ok"
    return db


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_participation_page_draws_heatmap_rates_and_turnout(monkeypatch, fixture_db):
    at = run_page(monkeypatch, fixture_db, PARTICIPATION)
    assert at.title[0].value == "Beteiligung"
    picker = at.selectbox(key="participation_group")
    assert picker.options == ["Fachgruppe Digital", "Fachgruppe Handwerk", "AG Transfer"]
    assert picker.value == "fachgruppe-digital"  # the first Fachgruppe
    assert len(at.get("plotly_chart")) == 3
    people = at.dataframe[0].value
    # The rate right after the name: last, it was cut off in the half-width column.
    assert list(people.columns) == ["person", "rate", "organisation", "meetings", "attended", "excused"]
    assert "Anna Becker" in set(people["person"])

    picker.select("fachgruppe-handwerk").run()
    ok(at)
    assert "Fachgruppe Handwerk" in at.caption[1].value
    at.toggle(key="hide_names").set_value(True).run()  # the sidebar switch „Namen ausblenden“
    ok(at)
    hidden = at.dataframe[0].value["person"]
    assert len(set(hidden)) == 7 and all(name.startswith("Person ") for name in hidden)
    assert "Anna Becker" not in set(hidden)


def test_participation_follows_the_sidebar_group(monkeypatch, fixture_db):
    at = run_page(monkeypatch, fixture_db, PARTICIPATION)
    at.selectbox(key="filter_group").select("fachgruppe-handwerk").run()
    ok(at)
    assert not [s for s in at.selectbox if s.key == "participation_group"]  # the sidebar decides
    assert len(at.dataframe[0].value) == 6  # six people attended the Fachgruppe Handwerk
    at.selectbox(key="filter_period").select("Jahr 2022").run()  # no meeting of the group in 2022
    ok(at)


INACTIVE_MARK = ":red[:material/cancel:] inaktiv"
FADING_MARK = ":orange[:material/trending_down:] nachlassend"
ACTIVE_MARK = ":green[:material/check_circle:] aktiv"


def test_inactive_page_lists_statuses_and_reacts_to_thresholds(monkeypatch, fixture_db):
    at = run_page(monkeypatch, fixture_db, INACTIVE)
    assert at.title[0].value == "Inaktive Partner"
    at.selectbox(key="inactive_group").select("fachgruppe-handwerk").run()
    ok(at)
    # Status marks are Material icons in colour (no emoji font needed), the table has coloured words.
    assert metrics(at) == {INACTIVE_MARK: "1", FADING_MARK: "1", ACTIVE_MARK: "3"}
    table = at.dataframe[0].value
    assert list(table["Status"]) == ["inaktiv", "nachlassend", "aktiv", "aktiv", "aktiv"]
    assert list(table["Ansprechpersonen"]) == [1, 1, 1, 2, 1]  # counted here, listed one per row below
    assert at.dataframe[1].value.to_dict("records") == [
        {"Organisation": o, "Name": n, "Funktion": r, "Zuletzt anwesend": d} for o, n, r, d in (
            (table["Organisation"][0], "Tom Krüger", "Obermeister", "01.02.2023"),
            (table["Organisation"][1], "Lena Schäfer", "Institutsleitung", "01.02.2024"),
            (table["Organisation"][2], "Jonas Weber", "Referent", "01.11.2024"),
            (table["Organisation"][3], "Anna Becker", "Beraterin", "01.11.2024"),
            (table["Organisation"][3], "Max Mustermann", "Referent", "01.05.2024"),
            (table["Organisation"][4], "Nora Neumann", "Beraterin", "01.11.2024"))]
    assert [b.label for b in at.get("download_button")] == ["Ansprache-Liste als CSV", "Ansprache-Liste als Excel"]

    at.slider(key="inactive_weight").set_value(0).run()  # an excused absence now counts like a silent one
    ok(at)
    assert metrics(at) == {INACTIVE_MARK: "1", FADING_MARK: "2", ACTIVE_MARK: "2"}
    at.number_input(key="inactive_last_meetings").set_value(8).run()  # SHK missed only 7 in a row
    ok(at)
    assert metrics(at)[INACTIVE_MARK] == "0"
    at.slider(key="inactive_months").set_value(24).run()
    ok(at)
    assert any("die letzten 24 Monate bis zum Stichtag" in c.value for c in at.caption)
    at.toggle(key="inactive_only_open").set_value(True).run()
    ok(at)
    assert all("aktiv" != s.split()[-1] for s in at.dataframe[0].value["Status"])


def test_inactive_page_contacts_follow_names_off(monkeypatch, fixture_db):
    at = run_page(monkeypatch, fixture_db, INACTIVE)
    at.selectbox(key="inactive_group").select("fachgruppe-handwerk").run()
    at.toggle(key="hide_names").set_value(True).run()
    ok(at)
    contacts = at.dataframe[1].value  # the contact persons, one per row
    assert all(c.startswith("Person ") for c in contacts["Name"]), contacts
    assert not any(name in " ".join(contacts["Name"]) for name in ("Krüger", "Schäfer", "Weber", "Becker", "Neumann"))
    assert contacts[["Funktion", "Zuletzt anwesend"]].iloc[0].tolist() == ["Obermeister", "01.02.2023"]  # they stay


def test_inactive_page_explains_a_group_without_members(monkeypatch, fixture_db):
    at = run_page(monkeypatch, fixture_db, INACTIVE)
    at.selectbox(key="filter_group").select("fachgruppe-neu").run()
    ok(at)
    assert "keine Mitgliedsorganisationen" in at.info[0].value


def test_rule_check_page_shows_lights_clauses_and_evidence(monkeypatch, fixture_db):
    at = run_page(monkeypatch, fixture_db, RULES)
    assert at.title[0].value == "Regelcheck"
    summary = at.dataframe[0].value
    assert list(summary["Gruppe"]) == ["Fachgruppe Digital", "Fachgruppe Handwerk", "Fachgruppe Neu",
                                       "Fachgruppe Ruhend"]
    assert list(summary["§ 6.3"]) == ["nicht erfüllt", "erfüllt", "prüfen", "nicht erfüllt"]
    text = " ".join(m.value for m in at.markdown)
    assert "HWK Musterstadt \\(2×\\)" in text  # evidence, shown literally
    assert any("mindestens drei Partnern" in c.value for c in at.caption)

    at.selectbox(key="filter_period").select("Jahr 2023").run()  # Stichtag 31.12.2023
    ok(at)
    assert "Fachgruppe Neu" not in set(at.dataframe[0].value["Gruppe"])


def test_rule_check_page_details_the_groups_with_most_breaches_and_the_rest_on_request(monkeypatch, fixture_db):
    from analysis import rules

    monkeypatch.setattr(rules, "GROUPS_DETAILED", 2)  # the fixture's four groups stand for the hundreds of a large one
    at = run_page(monkeypatch, fixture_db, RULES)
    assert len(at.dataframe[0].value) == 4  # the summary keeps every group
    shown = [e.label for e in at.expander]
    assert shown == ["Fachgruppe Digital – aktiv – 2 Verstöße", "Fachgruppe Ruhend – ruhend – 2 Verstöße"]  # the two
    # groups with the most breaches, in the table's order
    at.toggle(key="rules_all_groups").set_value(True).run()
    ok(at)
    assert len(at.expander) == 4


def test_rule_check_page_on_a_single_group_and_on_a_body(monkeypatch, fixture_db):
    at = run_page(monkeypatch, fixture_db, RULES)
    at.selectbox(key="filter_group").select("fachgruppe-handwerk").run()
    ok(at)
    assert list(at.dataframe[0].value["Gruppe"]) == ["Fachgruppe Handwerk"]
    at.selectbox(key="filter_group").select("ag-transfer").run()
    ok(at)
    assert "keine" in at.info[0].value and len(at.dataframe[0].value) == 4


@pytest.mark.parametrize("page", [PARTICIPATION, INACTIVE, RULES])
def test_pages_on_an_empty_database_explain_instead_of_failing(monkeypatch, empty_db, page):
    at = run_page(monkeypatch, empty_db, page)
    assert "Noch keine Daten geladen" in at.info[0].value


@needs_demo
@pytest.mark.parametrize("page", [PARTICIPATION, INACTIVE, RULES])
def test_pages_on_the_demo_database(monkeypatch, demo_db, page):
    at = run_page(monkeypatch, demo_db, page)
    assert at.get("plotly_chart") or at.dataframe
    at.selectbox(key="filter_period").select("Gesamter Zeitraum").run()
    ok(at)
    busiest = rows(demo_db, """SELECT g.id FROM groups g JOIN meetings m ON m.group_id = g.id
                               WHERE g.kind = 'fachgruppe' GROUP BY g.id ORDER BY COUNT(*) DESC, g.id LIMIT 1""")
    at.selectbox(key="filter_group").select(busiest[0][0]).run()
    ok(at)
    assert at.get("plotly_chart") or at.dataframe
    dissolved = rows(demo_db, "SELECT id FROM groups WHERE dissolved IS NOT NULL ORDER BY id LIMIT 1")
    if dissolved:  # a dissolved group: the page explains rather than failing
        at.selectbox(key="filter_group").select(dissolved[0][0]).run()
        ok(at)
        assert at.get("plotly_chart") or at.dataframe or at.info
