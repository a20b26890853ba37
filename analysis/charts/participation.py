"""Figures of the Beteiligung page: attendance heatmap, rates per organisation, turnout over time."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.charts import empty_figure, layout, plotly_text, plotly_texts
from analysis.charts.palette import colour_of
from vocab.periods import german_date as _de

# Cell values of the heatmap; colours chosen to stay apart for red-green colour blindness too.
_CELL_VALUES = {"fehlt": 0, "entschuldigt": 1, "anwesend": 2}
_CELL_COLOURS = ("#d7301f", "#fdbb84", "#2166ac")


def attendance_heatmap(cells: pd.DataFrame) -> go.Figure:
    """Organisation × meeting grid (anwesend / entschuldigt / fehlt); blank where not yet a member."""
    if cells.empty:
        return empty_figure("Keine Sitzungen dieser Gruppe im gewählten Zeitraum")
    cells = plotly_texts(cells, "label", "organisation", "title")
    meetings = cells[["meeting_id", "date", "title"]].drop_duplicates("meeting_id").sort_values("date")
    orgs = cells[["org_id", "label", "organisation"]].drop_duplicates("org_id")  # already in display order
    x_labels = [_de(d) for d in meetings["date"]]
    z = cells.pivot(index="org_id", columns="meeting_id", values="cell")
    z = z.reindex(index=orgs["org_id"], columns=meetings["meeting_id"])
    values = z.apply(lambda col: col.map(_CELL_VALUES)).to_numpy(dtype=float)
    titles = [t if isinstance(t, str) else "" for t in meetings["title"]]
    custom = [[[name, x_labels[j], titles[j], cell if isinstance(cell, str) else "kein Mitglied"]
               for j, cell in enumerate(row)] for name, row in zip(orgs["organisation"], z.to_numpy(), strict=True)]
    n = len(_CELL_COLOURS)
    scale = [[pos, colour] for i, colour in enumerate(_CELL_COLOURS) for pos in (i / n, (i + 1) / n)]
    fig = go.Figure(go.Heatmap(
        z=values, x=x_labels, y=list(orgs["label"]), customdata=custom, zmin=-0.5, zmax=2.5,
        colorscale=scale, xgap=2, ygap=2,
        colorbar=dict(tickvals=list(_CELL_VALUES.values()), ticktext=list(_CELL_VALUES), title=""),
        hovertemplate="%{customdata[0]}<br>Sitzung am %{customdata[1]} %{customdata[2]}"
                      "<br>%{customdata[3]}<extra></extra>"))
    fig.update_xaxes(type="category", title="Sitzung")
    fig.update_yaxes(type="category", autorange="reversed", title="")
    fig = layout(fig)
    fig.update_layout(height=max(300, 60 + 26 * len(orgs)))
    return fig


def org_rates(df: pd.DataFrame, limit: int = 30) -> go.Figure:
    """Horizontal bars: attendance rate per organisation (the `limit` with the most meetings)."""
    if df.empty:
        return empty_figure("Keine Sitzungen im gewählten Zeitraum")
    shown = df.sort_values(["meetings", "rate"], ascending=False).head(limit).sort_values("rate")
    shown = plotly_texts(shown, "organisation", "label")
    custom = shown[["organisation", "attended", "meetings", "excused", "org_id"]].to_numpy()  # org_id: a click
    fig = go.Figure(go.Bar(
        x=shown["rate"] * 100, y=shown["label"], orientation="h", customdata=custom, marker_color="#2166ac",
        hovertemplate="%{customdata[0]}<br>%{x:.0f} % – %{customdata[1]} von %{customdata[2]} Sitzungen"
                      "<br>entschuldigt: %{customdata[3]}<extra></extra>"))
    fig.update_xaxes(title="Beteiligungsquote (%)", range=[0, 100])
    fig.update_yaxes(type="category", title="")
    fig = layout(fig)
    fig.update_layout(height=max(300, 60 + 22 * len(shown)))
    return fig


def participants_over_time(df: pd.DataFrame, colours: dict[str, str] | None = None) -> go.Figure:
    """People present per meeting, one line per group (in its colour of all charts, when `colours` is given);
    for a single group also organisations and excused."""
    if df.empty:
        return empty_figure("Keine Sitzungen im gewählten Zeitraum")
    line_colours = {plotly_text(g): colour_of(str(g), colours) for g in df["group"].unique()} if colours else {}
    df = plotly_texts(df, "group")
    fig = go.Figure()
    hover = ("%{x|%d.%m.%Y} · %{customdata[0]}<br>Personen anwesend: %{y}<br>Organisationen: %{customdata[1]}"
             "<br>Personen entschuldigt: %{customdata[2]}<extra></extra>")
    groups = list(dict.fromkeys(df["group"]))
    for group in groups:
        part = df[df["group"] == group]
        fig.add_trace(go.Scatter(
            x=pd.to_datetime(part["date"]), y=part["people_present"], mode="lines+markers",
            name=group if len(groups) > 1 else "Personen anwesend", hovertemplate=hover,
            line=dict(color=line_colours.get(group)), marker=dict(color=line_colours.get(group)),
            customdata=part[["group", "orgs_present", "people_excused"]].to_numpy()))
    if len(groups) == 1:
        dates = pd.to_datetime(df["date"])
        fig.add_trace(go.Scatter(x=dates, y=df["orgs_present"], name="Organisationen anwesend",
                                 mode="lines+markers", line=dict(dash="dash"),
                                 hovertemplate="%{x|%d.%m.%Y}<br>Organisationen anwesend: %{y}<extra></extra>"))
        fig.add_trace(go.Bar(x=dates, y=df["people_excused"], name="Personen entschuldigt", marker_color="#fdbb84",
                             hovertemplate="%{x|%d.%m.%Y}<br>Personen entschuldigt: %{y}<extra></extra>"))
    fig.update_xaxes(title="Sitzungsdatum", tickformat="%m.%Y")
    fig.update_yaxes(title="Personen", rangemode="tozero")
    return layout(fig)
