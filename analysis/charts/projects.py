"""Figures of the Projekte page: lifecycle Gantt chart with presentation markers, counts by status."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from analysis.charts import empty_figure, layout, plotly_texts
from analysis.projects import MENTION, PHASES
from vocab.periods import Period, german_date

PATTERNS: dict[str, str] = {"Antrag": "/", "Bewilligung": ".", "Laufzeit": "", "Abschluss": "x", "Transfer": "+"}
MARKERS: dict[str, dict[str, object]] = {
    "Vorstellung": dict(symbol="diamond", size=13, color="#222222", line=dict(color="white", width=1)),
    MENTION: dict(symbol="circle-open", size=11, color="#222222", line=dict(width=2)),
}
MARKER_NAMES = {"Vorstellung": "Vorstellung in einer Sitzung", MENTION: "Erwähnung im Protokoll"}


def _de(iso: object) -> str:
    return german_date(iso, "") or ""


def gantt(phases: pd.DataFrame, markers: pd.DataFrame, period: Period | None = None) -> go.Figure:
    """Project lifecycles by phase (pattern) and programme (colour), with meeting markers on top."""
    if phases.empty and markers.empty:
        return empty_figure("Keine Projekte mit Daten im gewählten Zeitraum")
    phases = plotly_texts(phases, "project", "programme", "status")
    markers = plotly_texts(markers, "project", "group", "meeting_title", "note")
    order = list(dict.fromkeys([*phases["project"].tolist(), *markers["project"].tolist()]))
    if phases.empty:
        fig = go.Figure()
    else:
        frame = phases.copy()
        frame["start"], frame["end"] = pd.to_datetime(frame["start"]), pd.to_datetime(frame["end"])
        frame["von"] = phases["start"].map(_de)
        frame["bis"] = [("heute (läuft)" if is_open else _de(end))
                        for end, is_open in zip(phases["end"], phases["open"], strict=True)]
        fig = px.timeline(frame, x_start="start", x_end="end", y="project", color="programme",
                          pattern_shape="phase", pattern_shape_map=PATTERNS,
                          category_orders={"project": order, "phase": list(PHASES)},
                          custom_data=["phase", "von", "bis", "status", "programme"],
                          labels={"project": "Projekt", "programme": "Programm", "phase": "Phase"})
        fig.update_traces(hovertemplate="<b>%{y}</b><br>%{customdata[0]}: %{customdata[1]} – %{customdata[2]}"
                                        "<br>Programm: %{customdata[4]}<br>Status: %{customdata[3]}<extra></extra>")
        _legend_by_part(fig, frame)
    for kind, style in MARKERS.items():
        shown = markers[markers["kind"] == kind]
        if shown.empty:
            continue
        custom = list(zip(shown["group"].fillna("–"), shown["date"].map(_de),
                          shown["meeting_title"].fillna("").astype(str), shown["note"].fillna("").astype(str),
                          strict=True))
        fig.add_trace(go.Scatter(
            x=pd.to_datetime(shown["date"]), y=shown["project"], mode="markers", name=MARKER_NAMES[kind],
            marker=style, customdata=custom,
            hovertemplate=f"<b>%{{y}}</b><br>{kind}: %{{customdata[1]}}<br>Gruppe: %{{customdata[0]}}"
                          "<br>%{customdata[2]} %{customdata[3]}<extra></extra>"))
    if period is not None:
        fig.add_vrect(x0=period.start, x1=period.end, fillcolor="#4c78a8", opacity=0.08, line_width=0,
                      layer="below")
    fig.update_yaxes(categoryorder="array", categoryarray=order, autorange="reversed", title=None)
    fig.update_xaxes(type="date", title=None)
    fig.update_layout(height=max(360, 110 + 40 * len(order)), legend=dict(groupclick="toggleitem"))
    return layout(fig)


def _legend_by_part(fig: go.Figure, frame: pd.DataFrame) -> None:
    """One legend entry per programme (colour) and per phase (pattern) instead of every combination."""
    colours: dict[str, str] = {}
    for trace in fig.data:
        trace.showlegend = False
        colours.setdefault(str(trace.name).rsplit(", ", 1)[0], trace.marker.color)
    for programme, colour in colours.items():
        fig.add_trace(go.Bar(x=[None], y=[None], orientation="h", name=programme, marker=dict(color=colour),
                             legendgroup="programme", legendgrouptitle_text="Programm", hoverinfo="skip"))
    for phase in (p for p in PHASES if p in set(frame["phase"])):
        fig.add_trace(go.Bar(x=[None], y=[None], orientation="h", name=phase, legendgroup="phase",
                             legendgrouptitle_text="Phase", hoverinfo="skip",
                             marker=dict(color="#c8c8c8", pattern=dict(shape=PATTERNS[phase]))))


def counts(frame: pd.DataFrame) -> go.Figure:
    """Bars: projects per status, coloured by programme."""
    if frame.empty:
        return empty_figure("Keine Projekte im gewählten Zeitraum")
    frame = plotly_texts(frame, "status", "programme")
    fig = px.bar(frame, x="status", y="projects", color="programme", barmode="group",
                 labels={"status": "Status", "projects": "Projekte", "programme": "Programm"},
                 custom_data=["programme"])
    fig.update_traces(hovertemplate="Status: %{x}<br>Programm: %{customdata[0]}<br>Projekte: %{y}<extra></extra>")
    fig.update_yaxes(dtick=1)
    fig.update_layout(height=320)
    return layout(fig)
