"""Shared look of every plotly figure. Feature modules in this package return figures; pages draw them.

Text from data is passed as data (never as a format template), and hover texts use `%{...}`
placeholders only, so names containing `$` or HTML are shown as they are.
"""

from __future__ import annotations

import plotly.graph_objects as go

FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=14)


def layout(fig: go.Figure, title: str | None = None) -> go.Figure:
    """Apply the common fonts, margins and hover style."""
    fig.update_layout(title=title, font=FONT, margin=dict(l=10, r=10, t=50 if title else 10, b=10),
                      legend_title_text="", hoverlabel=dict(namelength=-1))
    return fig


def empty_figure(message: str) -> go.Figure:
    """A blank figure that says why it is blank, instead of an error or an empty axis."""
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, font=dict(size=16), xref="paper", yref="paper", x=0.5, y=0.5)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return layout(fig)
