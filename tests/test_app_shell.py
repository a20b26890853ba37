"""The app shell through Streamlit's AppTest: navigation, shared filters, Übersicht and Daten pages."""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from etl.build.schema import ensure_schema
from tests.conftest import ROOT

APP = str(ROOT / "app.py")


def run_page(monkeypatch, db, page: str | None = None) -> AppTest:
    monkeypatch.setenv("NETZWERKRADAR_DB", str(db))
    monkeypatch.setenv("NETZWERKRADAR_AS_OF", "2024-12-31")
    at = AppTest.from_file(APP, default_timeout=60).run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_overview_shows_kpis_for_the_period_against_the_previous(monkeypatch, built):
    at = run_page(monkeypatch, built.db)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Aktive Gruppen": "2", "Beteiligte Organisationen": "3", "Sitzungen": "3", "Teilnahmen": "5"}
    assert [e.value for e in at.error] == []


def test_group_filter_narrows_every_figure(monkeypatch, built):
    at = run_page(monkeypatch, built.db)
    at.selectbox(key="filter_group").select("ag-transfer").run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Aktive Gruppen": "1", "Beteiligte Organisationen": "1", "Sitzungen": "1", "Teilnahmen": "1"}


def test_period_filter_offers_years_and_everything(monkeypatch, built):
    at = run_page(monkeypatch, built.db)
    options = at.selectbox(key="filter_period").options
    assert options[:3] == ["Letzte 12 Monate", "Letzte 24 Monate", "Jahr 2024"]
    assert options[-1] == "Gesamter Zeitraum"
    at.selectbox(key="filter_period").select("Gesamter Zeitraum").run()
    assert {m.label: m.value for m in at.metric}["Sitzungen"] == "3"


def test_data_page_lists_rejects_with_file_and_line(monkeypatch, built):
    at = run_page(monkeypatch, built.db, "pages/daten.py")
    rejects = at.dataframe[0].value
    assert list(rejects.columns) == ["Datei", "Zeile", "Grund", "Originaltext"]
    assert ("attendance.csv", 7) in set(zip(rejects["Datei"], rejects["Zeile"], strict=True))
    assert "5 Einträge konnten nicht geladen werden" in at.warning[0].value


def test_data_page_names_the_tables_in_german(monkeypatch, built):
    at = run_page(monkeypatch, built.db, "pages/daten.py")
    counts = next(df.value for df in at.dataframe if "Tabelle" in df.value.columns)
    rows = {r["in der Datenbank"]: (r["Tabelle"], r["Zeilen"]) for r in counts.to_dict("records")}
    assert rows["organisations"][0] == "Organisationen" and rows["task_owners"][0] == "Zuständige je Aufgabe"
    assert rows["rejects"] == ("Abgelehnte Zeilen", "5")


def test_data_page_shows_german_dates_and_local_time(monkeypatch, built):
    import re

    at = run_page(monkeypatch, built.db, "pages/daten.py")
    metrics = {m.label: m.value for m in at.metric}
    # The day fits the tile at 768 px; the time is in its help (the whole stamp was cut to „07.12.202…“).
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4}", metrics["Letzter Ladelauf"])
    assert re.fullmatch(r"um \d\d:\d\d Uhr Ortszeit \(Europe/Berlin\)", at.metric[0].proto.help)
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4}", metrics["Neueste Sitzung"])
    runs = next(df.value for df in at.dataframe if "Lauf" in df.value.columns)
    assert all(re.fullmatch(r"\d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr", v) for v in runs["Beginn"])
    assert "None" not in runs.astype(str).to_numpy().ravel().tolist()


def test_local_time_is_berlin_time_with_summer_time():
    from ui.format import entries, german_number, local_time

    assert local_time("2026-12-01T00:01:16+00:00") == "01.12.2026, 01:01 Uhr"
    assert local_time("2026-07-01T22:30:00+00:00") == "02.07.2026, 00:30 Uhr"  # CEST, next day
    assert local_time(None) == "–"
    assert (entries(1), entries(2), entries(1234)) == ("1 Eintrag", "2 Einträge", "1.234 Einträge")
    assert (german_number(-1234), german_number(5, signed=True), german_number(0.25, decimals=1)) == (
        "-1.234", "+5", "0,2")


@pytest.mark.parametrize("page", [None, "pages/daten.py"])
def test_pages_on_an_empty_database_explain_instead_of_failing(monkeypatch, tmp_path, page):
    db = tmp_path / "leer.db"
    conn = sqlite3.connect(db)
    ensure_schema(conn)
    conn.close()
    at = run_page(monkeypatch, db, page)
    assert "Noch keine Daten geladen" in at.info[0].value


ALL_PAGES = ["pages/uebersicht.py", "pages/beteiligung.py", "pages/inaktive-partner.py", "pages/regelcheck.py",
             "pages/projekte.py", "pages/partnernetz.py", "pages/sitzungen.py", "pages/daten.py",
             "pages/praesentation.py", "pages/sitzungsvorbereitung.py", "pages/anwesenheit.py"]
MISSING_WORDS = {"None", "nan", "NaN", "<NA>", "NaT"}


@pytest.mark.parametrize("page", ALL_PAGES)
def test_no_table_cell_reads_none_on_the_demo_network(monkeypatch, demo_db, page):
    monkeypatch.setenv("NETZWERKRADAR_DB", str(demo_db))
    monkeypatch.setenv("NETZWERKRADAR_AS_OF", "2026-11-28")
    for group in ("alle", "fachgruppe-handwerk"):
        # The filters come in with the link (?gruppe=…&zeitraum=…): one run of the page, not four of the app.
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params.update({"gruppe": group, "zeitraum": "Gesamter Zeitraum"})
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        assert at.selectbox(key="filter_period").value == "Gesamter Zeitraum"
        assert at.selectbox(key="filter_group").value == (None if group == "alle" else group)
        for table in at.dataframe:
            frame = getattr(table.value, "data", table.value)  # a Styler keeps its frame in .data
            # A date column's gap (NaT) is drawn as an empty cell by its DateColumn (ui.format.filled), so only
            # the other columns must never hold a missing value.
            cells = {str(v) for column in frame.columns for v in frame[column]
                     if not (pd.api.types.is_datetime64_any_dtype(frame[column]) and pd.isna(v))}
            assert not cells & MISSING_WORDS, (page, group, list(frame.columns))
