"""Shared look of every plotly figure. Feature modules in this package return figures; pages draw them.

Text from data is passed as data (never as a format template), and hover texts use `%{...}`
placeholders only. plotly still reads tags (`<b>`, `<a href>`, `<br>`) and entities (`&amp;`) in every
text it draws, and `$…$` as LaTeX wherever MathJax is loaded (kaleido's PNG export): so every string
from data goes through `plotly_text` first, which makes it show as written.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from vocab.formats import PLOTLY_SEPARATORS

FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=14)


def plotly_text(value: object) -> object:
    """A string from data as plotly text that shows literally: tags and `&` as entities, `$` as `&#36;`.

    plotly decodes the entities only after it has looked for tags and LaTeX, so none of them is markup.
    Anything that is not a string (numbers, None) is returned unchanged.
    """
    if not isinstance(value, str):
        return value
    return html.escape(value, quote=False).replace("$", "&#36;")


def plotly_texts(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """A copy of `frame` with the text `columns` made literal for plotly (see `plotly_text`)."""
    return frame.assign(**{c: frame[c].map(plotly_text) for c in columns if c in frame.columns})


def wrap_label(text: str, width: int = 28, lines: int = 2) -> str:
    """A (plotly-escaped) name broken at spaces into at most `lines` lines of about `width` characters.

    Long organisation names stay readable in narrow print figures instead of being cut; only a name
    longer than `lines` lines is shortened, at a word boundary, with "…" (never to a stub of letters).
    """
    words = str(text).split()
    out: list[str] = []
    current = ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        out.append(current)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1].rstrip(" ,-–") + " …"
    return "<br>".join(out)


def layout(fig: go.Figure, title: str | None = None) -> go.Figure:
    """Apply the common fonts, margins and hover style; the title may come from data and is made literal."""
    # The legend goes below the chart: at the side it took half a phone's width from the names and bars.
    fig.update_layout(title=plotly_text(title), font=FONT, margin=dict(l=10, r=10, t=50 if title else 10, b=10),
                      legend=dict(title_text="", orientation="h", yref="container", y=0, yanchor="bottom", x=0,
                                  xanchor="left"),
                      hoverlabel=dict(namelength=-1), separators=PLOTLY_SEPARATORS)
    return fig


def empty_figure(message: str) -> go.Figure:
    """A blank figure that says why it is blank, instead of an error or an empty axis."""
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, font=dict(size=16), xref="paper", yref="paper", x=0.5, y=0.5)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return layout(fig)
