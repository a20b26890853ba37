"""Figures of the Übersicht page."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from analysis.charts import empty_figure, layout, plotly_texts
from analysis.charts.palette import plotly_map

MAX_GROUPS = 12  # colours in one legend; beyond that the smaller groups are stacked as one


def fold_small_groups(df: pd.DataFrame, limit: int = MAX_GROUPS) -> pd.DataFrame:
    """Keep the `limit - 1` groups with the most meetings and sum the others into „Weitere Gruppen (n)“.

    A national network has hundreds of groups: one coloured bar series each is unreadable, and
    plotly spent most of the Übersicht's time building hundreds of traces (0.5 s at demo scale 50).
    """
    totals = df.groupby("group")["meetings"].sum()
    if len(totals) <= limit:
        return df
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    kept = {name for name, _ in ranked[:limit - 1]}
    rest = df[~df["group"].isin(kept)]
    other = rest.groupby("period", as_index=False, sort=False)[["meetings", "attendance"]].sum()
    other.insert(1, "group", f"Weitere Gruppen ({len(totals) - len(kept)})")
    folded = pd.concat([df[df["group"].isin(kept)], other], ignore_index=True)
    return folded.sort_values("period", kind="stable", ignore_index=True)


def meetings_over_time(df: pd.DataFrame, colours: Mapping[str, str] | None = None) -> go.Figure:
    """Stacked bars: meetings per quarter or year and group (the largest groups; see `fold_small_groups`).

    `colours` (group name -> colour, see analysis.charts.palette) keeps each group's colour across pages.
    """
    if df.empty:
        return empty_figure("Keine Sitzungen im gewählten Zeitraum")
    folded = fold_small_groups(df)
    colour_map = plotly_map(colours, folded["group"])
    yearly = bool(len(df)) and "-Q" not in str(df["period"].iloc[0])
    df = plotly_texts(folded, "group")
    # Quarters in time order (plotly orders categories by first appearance across traces otherwise),
    # and whole-number ticks: there is no half meeting.
    fig = px.bar(df, x="period", y="meetings", color="group", color_discrete_map=colour_map,
                 labels={"period": "Jahr" if yearly else "Quartal", "meetings": "Sitzungen", "group": "Gruppe"},
                 hover_data={"attendance": True}, category_orders={"period": sorted(df["period"].unique())})
    fig.update_xaxes(type="category")
    fig.update_traces(hovertemplate="%{x}<br>%{fullData.name}<br>Sitzungen: %{y}<extra></extra>")
    tallest = df.groupby("period")["meetings"].sum().max()
    fig.update_yaxes(rangemode="tozero", dtick=1 if tallest <= 10 else None, tickformat="d")
    return layout(fig)
