"""The Präsentation page through AppTest: five slides, ◀/▶ and the selector, names hidden by default, report."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import DEMO, ROOT
from tests.test_pseudonymised_outputs import found, shown
from tests.test_report import build_report_fixture

APP = str(ROOT / "app.py")
PAGE = "pages/praesentation.py"
SLIDES = ["Übersicht", "Beteiligung", "Partnernetz", "Projekte", "Regelcheck"]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_report_fixture(tmp_path_factory.mktemp("praesentation"))


def ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == []


def presentation(monkeypatch, db: Path, group: str | None = "fachgruppe-handwerk") -> AppTest:
    monkeypatch.setenv("NETZWERKRADAR_DB", str(db))
    monkeypatch.setenv("NETZWERKRADAR_AS_OF", "2024-12-31")
    at = AppTest.from_file(APP, default_timeout=60).run()
    if group:
        at.selectbox(key="filter_group").select(group).run()  # the presentation starts from the sidebar's choice
    at.switch_page(PAGE).run()
    ok(at)
    return at


def slide(at: AppTest) -> str:
    return at.title[0].value


def test_forward_through_every_slide_and_back(monkeypatch, db):
    at = presentation(monkeypatch, db)
    assert at.selectbox(key="presentation_group").value == "fachgruppe-handwerk"
    assert at.button(key="presentation_back").disabled
    seen = [slide(at)]
    for _ in SLIDES[1:]:
        at.button(key="presentation_next").click().run()
        ok(at)
        seen.append(slide(at))
    assert seen == [f"{name} – Fachgruppe Handwerk" for name in SLIDES]
    assert at.button(key="presentation_next").disabled  # the last slide: ▶ (and its key) do nothing
    back = [slide(at)]
    for _ in SLIDES[1:]:
        at.button(key="presentation_back").click().run()
        ok(at)
        back.append(slide(at))
    assert back == seen[::-1]
    assert at.segmented_control(key="presentation_slide").value == "Übersicht"


def test_each_slide_draws_its_figures(monkeypatch, db):
    at = presentation(monkeypatch, db)
    assert [m.label for m in at.metric] == ["Aktive Gruppen", "Beteiligte Organisationen", "Sitzungen", "Teilnahmen"]
    for name in SLIDES[1:4]:  # Beteiligung, Partnernetz, Projekte: one chart each
        at.segmented_control(key="presentation_slide").set_value(name).run()
        ok(at)
        assert slide(at).startswith(name) and len(at.get("plotly_chart")) == 1
    at.segmented_control(key="presentation_slide").set_value("Regelcheck").run()
    ok(at)
    text = " ".join(m.value for m in at.markdown)
    assert "§ 6.4" in text and "nicht erfüllt" in text and "Kein Bericht an die AG Transfer" in text


def test_names_are_hidden_by_default_and_the_report_is_offered(monkeypatch, db):
    at = presentation(monkeypatch, db)
    assert at.toggle(key="presentation_hide_names").value is True
    people = ["Anna Becker", "Jonas Weber", "Petra Sommer", "Karin Vogt", "Frau Sommer", "Herrn Weber"]
    for name in SLIDES:
        at.segmented_control(key="presentation_slide").set_value(name).run()
        ok(at)
        assert found(shown(at), people) == [], name
    assert [b.label for b in at.get("download_button") if b.key.startswith("presentation_report_")] == [
        "Word (.docx)", "PDF", "PowerPoint (.pptx)", "Markdown (.zip)"]
    assert at.selectbox(key="presentation_report_year").value == 2024


def test_all_groups_and_a_period_without_meetings(monkeypatch, db):
    at = presentation(monkeypatch, db, group=None)
    assert slide(at) == "Übersicht – alle Gruppen"
    at.selectbox(key="presentation_period").select("Jahr 2023").run()
    for name in SLIDES:
        at.segmented_control(key="presentation_slide").set_value(name).run()
        ok(at)
        assert slide(at).startswith(name)


def test_on_an_empty_database_the_page_explains(monkeypatch, empty_db):
    monkeypatch.setenv("NETZWERKRADAR_DB", str(empty_db))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert "Noch keine Daten geladen" in at.info[0].value


@pytest.mark.skipif(not DEMO.is_dir(), reason="data/demo fehlt")
def test_every_slide_on_the_demo_network(monkeypatch, demo_db):
    at = presentation(monkeypatch, demo_db, group=None)
    at.selectbox(key="presentation_period").select("Gesamter Zeitraum").run()
    for name in SLIDES:
        at.segmented_control(key="presentation_slide").set_value(name).run()
        ok(at)
        assert at.get("plotly_chart") or at.dataframe or at.markdown
