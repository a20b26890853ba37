"""Figures of the Übersicht page."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from analysis.charts import empty_figure, layout


def meetings_over_time(df: pd.DataFrame) -> go.Figure:
    """Stacked bars: meetings per quarter and group."""
    if df.empty:
        return empty_figure("Keine Sitzungen im gewählten Zeitraum")
    fig = px.bar(df, x="period", y="meetings", color="group",
                 labels={"period": "Quartal", "meetings": "Sitzungen", "group": "Gruppe"},
                 hover_data={"attendance": True})
    fig.update_traces(hovertemplate="%{x}<br>%{fullData.name}<br>Sitzungen: %{y}<extra></extra>")
    return layout(fig)
