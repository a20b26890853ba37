"""The Übersicht's meetings-over-time chart: readable with hundreds of groups, by year over long periods,
zero for quiet years, one colour per group; KPI deltas only where the previous period has data."""

from __future__ import annotations

import shutil

import pandas as pd

from analysis import overview
from analysis.charts import palette as colors
from analysis.charts.overview import MAX_GROUPS, fold_small_groups, meetings_over_time
from analysis.db import connect
from etl.build.pipeline import build
from tests.conftest import FIXTURES
from vocab.periods import Period


def frame(groups: int) -> pd.DataFrame:
    rows = [{"period": f"2024-Q{q}", "group": f"Gruppe {g:03d}", "meetings": 1 + (g % 5), "attendance": 10 + g}
            for q in (1, 2) for g in range(groups)]
    return pd.DataFrame(rows)


def test_few_groups_are_drawn_as_they_are():
    df = frame(MAX_GROUPS)
    assert fold_small_groups(df) is df
    assert len(meetings_over_time(df).data) == MAX_GROUPS


def test_many_groups_keep_the_largest_and_sum_the_rest_per_period():
    df = frame(300)
    folded = fold_small_groups(df)
    assert folded["group"].nunique() == MAX_GROUPS
    assert f"Weitere Gruppen ({300 - MAX_GROUPS + 1})" in set(folded["group"])
    sums = ["meetings", "attendance"]
    assert folded.groupby("period")[sums].sum().equals(df.groupby("period")[sums].sum())
    assert len(meetings_over_time(df).data) == MAX_GROUPS


def test_quarters_are_in_time_order_and_ticks_are_whole_meetings():
    df = pd.DataFrame({"period": ["2024-Q4", "2024-Q1", "2024-Q2", "2024-Q4"], "group": ["B", "A", "A", "A"],
                       "meetings": [1, 2, 1, 1], "attendance": [3, 5, 2, 4]})
    fig = meetings_over_time(df)
    assert list(fig.layout.xaxis.categoryarray) == ["2024-Q1", "2024-Q2", "2024-Q4"]
    assert fig.layout.yaxis.dtick == 1


# --- reading over years ---------------------------------------------------------------------------


def test_long_periods_are_counted_by_year_and_short_ones_by_quarter():
    assert overview.frequency(Period("2015-01-01", "2024-12-31", "Gesamt")) == "year"
    assert overview.frequency(Period("2023-01-01", "2024-12-31", "24 Monate")) == "quarter"
    assert overview.buckets(Period("2021-05-01", "2024-02-10", "x"), "year") == ["2021", "2022", "2023", "2024"]
    assert overview.buckets(Period("2023-11-15", "2024-04-30", "x"), "quarter") == ["2023-Q4", "2024-Q1", "2024-Q2"]


def test_years_without_meetings_show_as_zero(tmp_path):
    source = tmp_path / "quelle"
    shutil.copytree(FIXTURES / "beteiligung", source)
    build(source, tmp_path / "netz.db")
    conn = connect(tmp_path / "netz.db")
    try:
        found = overview.meetings_over_time(conn, Period("2020-01-01", "2024-12-31", "Gesamt"), "fachgruppe-handwerk")
    finally:
        conn.close()
    assert found.to_dict("records") == [
        {"period": "2020", "group": "Fachgruppe Handwerk", "meetings": 0, "attendance": 0},
        {"period": "2021", "group": "Fachgruppe Handwerk", "meetings": 0, "attendance": 0},
        {"period": "2022", "group": "Fachgruppe Handwerk", "meetings": 0, "attendance": 0},
        {"period": "2023", "group": "Fachgruppe Handwerk", "meetings": 4, "attendance": 13},
        {"period": "2024", "group": "Fachgruppe Handwerk", "meetings": 4, "attendance": 9}]
    fig = meetings_over_time(found)
    assert list(fig.layout.xaxis.categoryarray) == ["2020", "2021", "2022", "2023", "2024"]
    assert fig.layout.xaxis.title.text == "Jahr"


def test_kpi_deltas_are_hidden_when_the_previous_period_has_no_data(tmp_path):
    build(FIXTURES / "beteiligung", tmp_path / "netz.db")
    conn = connect(tmp_path / "netz.db")
    try:
        first = overview.kpis(conn, Period("2022-01-01", "2022-12-31", "2022"))
        later = overview.kpis(conn, Period("2024-01-01", "2024-12-31", "2024"))
    finally:
        conn.close()
    assert [(k.label, k.value, k.previous, k.delta) for k in first] == [
        ("Aktive Gruppen", 1, None, None), ("Beteiligte Organisationen", 1, None, None),
        ("Sitzungen", 1, None, None), ("Teilnahmen", 1, None, None)]  # nothing before 2022: no deltas
    assert [(k.label, k.value, k.previous, k.delta) for k in later] == [
        ("Aktive Gruppen", 3, 2, 1), ("Beteiligte Organisationen", 5, 4, 1), ("Sitzungen", 7, 5, 2),
        ("Teilnahmen", 14, 16, -2)]


def test_each_group_keeps_its_colour_whatever_else_is_shown():
    every = colors.group_colours(["AG Transfer", "Fachgruppe Digital", "Fachgruppe Handwerk", "<b>Böse</b>"])
    alone = meetings_over_time(pd.DataFrame([{"period": "2024-Q1", "group": "Fachgruppe Handwerk", "meetings": 1,
                                              "attendance": 2}]), every)
    both = meetings_over_time(pd.DataFrame([
        {"period": "2024-Q1", "group": "<b>Böse</b>", "meetings": 1, "attendance": 2},
        {"period": "2024-Q1", "group": "Fachgruppe Handwerk", "meetings": 1, "attendance": 2}]), every)
    assert alone.data[0].marker.color == every["Fachgruppe Handwerk"] == "#54a24b"
    assert {t.name: t.marker.color for t in both.data} == {"&lt;b&gt;Böse&lt;/b&gt;": "#e45756",
                                                           "Fachgruppe Handwerk": "#54a24b"}
    assert colors.colour_of("Weitere Gruppen (12)", every) == colors.OTHER
