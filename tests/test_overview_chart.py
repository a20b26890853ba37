"""The Übersicht's meetings-over-time chart stays readable (and fast) with hundreds of groups."""

from __future__ import annotations

import pandas as pd

from analysis.charts.overview import MAX_GROUPS, fold_small_groups, meetings_over_time


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
