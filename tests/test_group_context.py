"""Group context through AppTest on the demo network (today = 28.11.2026): links keep group and period,
the URL carries the filters, in-page selectors start sensibly, the report's group follows the page.

Demo facts used: the Übersicht raises "Fachgruppe Handwerk: 3 inaktive Partner" in the last 12 months;
"Fachgruppe Demografischer Wandel" (first Fachgruppe by name) was dissolved on 19.11.2019.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import APP, assert_page_ok

AS_OF = "2026-11-28"
INACTIVE_MARK = ":red[:material/cancel:] inaktiv"


def start(monkeypatch, db, **params: str) -> AppTest:
    monkeypatch.setenv("NETZWERKRADAR_DB", str(db))
    monkeypatch.setenv("NETZWERKRADAR_AS_OF", AS_OF)
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]  # (the Übersicht's alerts are error boxes)
    return at


def links(at: AppTest) -> list[tuple[str, str, str]]:
    return [(link.proto.label, link.proto.page, link.proto.query_string) for link in at.get("page_link")]


def test_alert_links_carry_their_group_and_the_period(monkeypatch, demo_db):
    at = start(monkeypatch, demo_db)
    found = links(at)
    assert found[0] == ("Inaktive Partner", "inaktive-partner", "gruppe=fachgruppe-handwerk&zeitraum=Letzte+12+Monate")
    assert found[1] == ("Inaktive Partner", "inaktive-partner", "gruppe=ag-transfer&zeitraum=Letzte+12+Monate")
    assert found[-1] == ("Sitzungen", "sitzungen", "gruppe=alle&zeitraum=Letzte+12+Monate")  # tasks of all groups


def test_a_page_opened_from_the_link_shows_what_the_alert_said(monkeypatch, demo_db):
    at = start(monkeypatch, demo_db, gruppe="fachgruppe-handwerk", zeitraum="Letzte 12 Monate")
    at.switch_page("pages/inaktive-partner.py").run()
    assert_page_ok(at)
    assert at.selectbox(key="filter_group").value == "fachgruppe-handwerk"
    assert {m.label: m.value for m in at.metric}[INACTIVE_MARK] == "3"


def test_the_url_follows_the_sidebar_and_a_stale_parameter_does_not_win(monkeypatch, demo_db):
    at = start(monkeypatch, demo_db, gruppe="ag-transfer", zeitraum="Jahr 2025")
    assert (at.selectbox(key="filter_group").value, at.selectbox(key="filter_period").value) == (
        "ag-transfer", "Jahr 2025")
    at.selectbox(key="filter_group").select("fachgruppe-handwerk").run()
    assert at.selectbox(key="filter_group").value == "fachgruppe-handwerk"
    assert {k: at.query_params[k] for k in ("gruppe", "zeitraum")} == {"gruppe": "fachgruppe-handwerk",
                                                                       "zeitraum": "Jahr 2025"}
    at.run()  # another rerun keeps the user's choice
    assert at.selectbox(key="filter_group").value == "fachgruppe-handwerk"


def test_unknown_values_in_the_url_are_ignored(monkeypatch, demo_db):
    at = start(monkeypatch, demo_db, gruppe="gibt-es-nicht", zeitraum="Jahr 1900")
    assert (at.selectbox(key="filter_group").value, at.selectbox(key="filter_period").value) == (
        None, "Letzte 12 Monate")


def test_a_cleared_group_box_reads_alle_gruppen_in_german(monkeypatch, demo_db):
    at = start(monkeypatch, demo_db)
    assert at.selectbox(key="filter_group").proto.placeholder == "Alle Gruppen"


def test_in_page_group_selector_does_not_start_on_a_dissolved_group(monkeypatch, demo_db):
    at = start(monkeypatch, demo_db)
    at.selectbox(key="filter_period").select("Gesamter Zeitraum").run()
    at.switch_page("pages/beteiligung.py").run()
    assert_page_ok(at)
    chooser = at.selectbox(key="participation_group")
    assert chooser.options[0] == "Fachgruppe Demografischer Wandel"  # listed (it met in the period) …
    assert chooser.value == "fachgruppe-digitalisierung-im-mittelstand"  # … but not chosen: dissolved in 2019


def test_the_report_group_follows_the_pages_group(monkeypatch, demo_db):
    at = start(monkeypatch, demo_db, gruppe="fachgruppe-handwerk")
    at.switch_page("pages/regelcheck.py").run()
    assert_page_ok(at)
    report = [s for s in at.selectbox if s.label == "Gruppe des Berichts"]
    assert report[0].value == "fachgruppe-handwerk"
    at.selectbox(key="filter_group").select("fachgruppe-gesunde-arbeit").run()
    report = [s for s in at.selectbox if s.label == "Gruppe des Berichts"]
    assert report[0].value == "fachgruppe-gesunde-arbeit"


def test_the_report_group_does_not_start_on_a_dissolved_group(monkeypatch, demo_db):
    at = start(monkeypatch, demo_db)  # Alle Gruppen
    at.switch_page("pages/regelcheck.py").run()
    report = [s for s in at.selectbox if s.label == "Gruppe des Berichts"][0]
    assert report.options[0] == "Fachgruppe Demografischer Wandel"  # dissolved 2019, first by name
    assert report.value == "fachgruppe-digitalisierung-im-mittelstand"
