"""Plotly figures. Each function takes a DataFrame and returns a figure; pages only draw them.

Text from data is passed as data (never as a format template), and `texttemplate`/hover use
`%{...}` placeholders only, so names containing `$` or HTML are shown as they are.
"""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=14)


def _layout(fig: go.Figure, title: str | None = None) -> go.Figure:
    fig.update_layout(title=title, font=FONT, margin=dict(l=10, r=10, t=50 if title else 10, b=10),
                      legend_title_text="", hoverlabel=dict(namelength=-1))
    return fig


def empty_figure(message: str) -> go.Figure:
    """A blank figure that says why it is blank, instead of an error or an empty axis."""
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, font=dict(size=16), xref="paper", yref="paper", x=0.5, y=0.5)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig)


def meetings_over_time(df: pd.DataFrame) -> go.Figure:
    """Stacked bars: meetings per quarter and group."""
    if df.empty:
        return empty_figure("Keine Sitzungen im gewählten Zeitraum")
    fig = px.bar(df, x="period", y="meetings", color="group",
                 labels={"period": "Quartal", "meetings": "Sitzungen", "group": "Gruppe"},
                 hover_data={"attendance": True})
    fig.update_traces(hovertemplate="%{x}<br>%{fullData.name}<br>Sitzungen: %{y}<extra></extra>")
    return _layout(fig)
