"""Figures of the Beteiligung page: attendance heatmap, rates per organisation, turnout over time."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from analysis.charts import empty_figure, layout, plotly_texts, wrap_label
from analysis.charts.palette import plotly_map
from vocab.formats import german_number
from vocab.periods import german_date as _de
from vocab.terms import EXCUSED, HEATMAP_LABELS, MISSING, PRESENT, UNRECORDED

# Cell values of the heatmap; colours chosen to stay apart for red-green colour blindness too.
# A meeting without any attendance record gets a fourth, grey value (only when there is one).
_CELL_VALUES = {HEATMAP_LABELS[MISSING]: 0, HEATMAP_LABELS[EXCUSED]: 1, HEATMAP_LABELS[PRESENT]: 2, "nicht erfasst": 3}
_CELL_COLOURS = ("#d7301f", "#fdbb84", "#2166ac", "#bdbdbd")
_CELL_WORDS = {HEATMAP_LABELS[UNRECORDED]: "nicht erfasst"}
SCREEN_LABEL = 20  # characters per line of a short name on screen


def _cell_value(cell: object) -> float | None:
    """The colour value of a heatmap cell's word; None (blank) where the organisation was no member."""
    if not isinstance(cell, str):
        return None
    return _CELL_VALUES.get(_CELL_WORDS.get(cell, cell))


def _labels(frame: pd.DataFrame, full_names: bool) -> pd.DataFrame:
    """Axis labels: the short name, or (for print) the full name broken over two lines; a name too long
    for two lines is replaced by the organisation's short name when it has one of 3+ characters."""
    if not full_names:  # screen: short names, a long one over two lines (a phone has no room for it)
        return frame.assign(label=[wrap_label(str(v), SCREEN_LABEL) for v in frame["label"]])

    def label(full: str, short: str) -> str:
        wrapped = wrap_label(full)
        if wrapped.endswith("…") and isinstance(short, str) and len(short) >= 3 and short != full:
            return wrap_label(short)
        return wrapped

    return frame.assign(label=[label(f, s) for f, s in zip(frame["organisation"], frame["label"], strict=True)])


def attendance_heatmap(cells: pd.DataFrame, full_names: bool = False) -> go.Figure:
    """Organisation × meeting grid (anwesend / entschuldigt / fehlt); blank where not yet a member.

    `full_names` labels the rows with the organisations' full names (wrapped) instead of short names.
    """
    if cells.empty:
        return empty_figure("Keine Sitzungen dieser Gruppe im gewählten Zeitraum")
    cells = _labels(plotly_texts(cells, "label", "organisation", "title"), full_names)
    meetings = cells[["meeting_id", "date", "title"]].drop_duplicates("meeting_id").sort_values("date")
    orgs = cells[["org_id", "label", "organisation"]].drop_duplicates("org_id")  # already in display order
    x_labels = [_de(d) for d in meetings["date"]]
    z = cells.pivot(index="org_id", columns="meeting_id", values="cell")
    z = z.reindex(index=orgs["org_id"], columns=meetings["meeting_id"])
    values = z.apply(lambda col: col.map(_cell_value)).to_numpy(dtype=float)
    titles = [t if isinstance(t, str) else "" for t in meetings["title"]]
    custom = [[[name, x_labels[j], titles[j], cell if isinstance(cell, str) else "kein Mitglied"]
               for j, cell in enumerate(row)] for name, row in zip(orgs["organisation"], z.to_numpy(), strict=True)]
    n = 4 if (values == _CELL_VALUES["nicht erfasst"]).any() else 3
    shown = dict(list(_CELL_VALUES.items())[:n])
    scale = [[pos, colour] for i, colour in enumerate(_CELL_COLOURS[:n]) for pos in (i / n, (i + 1) / n)]
    fig = go.Figure(go.Heatmap(
        z=values, x=x_labels, y=list(orgs["label"]), customdata=custom, zmin=-0.5, zmax=n - 0.5,
        colorscale=scale, xgap=2, ygap=2,
        showscale=False,
        hovertemplate="%{customdata[0]}<br>Sitzung am %{customdata[1]} %{customdata[2]}"
                      "<br>%{customdata[3]}<extra></extra>"))
    # The colour key as legend entries below the grid: a colour bar beside it took a third of a phone's
    # width, and below it plotly dropped its labels.
    for word, value in shown.items():
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=word, hoverinfo="skip",
                                 marker=dict(symbol="square", size=12, color=_CELL_COLOURS[value])))
    fig.update_xaxes(type="category", title="Sitzung")
    fig.update_yaxes(type="category", autorange="reversed", title="")
    fig = layout(fig)
    two_lines = any("<br>" in str(v) for v in orgs["label"])
    fig.update_layout(height=max(300, 110 + (36 if two_lines else 26) * len(orgs)))
    return fig


def org_rates(df: pd.DataFrame, limit: int = 30, full_names: bool = False) -> go.Figure:
    """Horizontal bars: attendance rate per organisation (the `limit` with the most meetings)."""
    if df.empty:
        return empty_figure("Keine Sitzungen im gewählten Zeitraum")
    shown = df.sort_values(["meetings", "rate"], ascending=False).head(limit).sort_values("rate")
    shown = _labels(plotly_texts(shown, "organisation", "label"), full_names)
    custom = shown[["organisation", "attended", "meetings", "excused", "org_id"]].to_numpy()  # org_id: a click
    fig = go.Figure(go.Bar(
        x=shown["rate"] * 100, y=shown["label"], orientation="h", customdata=custom, marker_color="#2166ac",
        hovertemplate="%{customdata[0]}<br>%{x:.0f} % – %{customdata[1]} von %{customdata[2]} Sitzungen"
                      "<br>entschuldigt: %{customdata[3]}<extra></extra>"))
    fig.update_xaxes(title="Beteiligungsquote (%)", range=[0, 104], dtick=20)  # room for the 100 tick
    fig.update_yaxes(type="category", title="")
    fig = layout(fig)
    two_lines = any("<br>" in str(v) for v in shown["label"])
    fig.update_layout(height=max(300, 60 + (34 if two_lines else 22) * len(shown)))
    return fig


def turnout_by_period(df: pd.DataFrame, colours: Mapping[str, str] | None = None) -> go.Figure:
    """Long periods: people present per year (bars stacked by group, zero for years without a meeting).

    `df` as `overview.meetings_over_time` returns it (period, group, meetings, attendance).
    """
    if df.empty:
        return empty_figure("Keine Sitzungen im gewählten Zeitraum")
    colour_map = plotly_map(colours, df["group"])
    df = plotly_texts(df, "group")
    fig = go.Figure()
    for group in dict.fromkeys(df["group"]):
        part = df[df["group"] == group]
        mean = [german_number(a / m, decimals=1) if m else "–" for a, m in zip(part["attendance"], part["meetings"],
                                                                             strict=True)]
        fig.add_trace(go.Bar(x=part["period"], y=part["attendance"], name=group, marker_color=colour_map[group],
                             customdata=[(m, avg, group) for m, avg in zip(part["meetings"], mean, strict=True)],
                             hovertemplate="%{x} · %{customdata[2]}<br>Personen anwesend: %{y}<br>Sitzungen: "
                                           "%{customdata[0]}<br>im Mittel je Sitzung: %{customdata[1]}<extra></extra>"))
    fig.update_layout(barmode="stack")
    fig.update_xaxes(type="category", title="Jahr", categoryorder="category ascending")
    fig.update_yaxes(title="Personen anwesend (Summe)", rangemode="tozero")
    return layout(fig)


def participants_over_time(df: pd.DataFrame, colours: Mapping[str, str] | None = None) -> go.Figure:
    """People present per meeting, one line per group; for a single group also organisations and excused."""
    if df.empty:
        return empty_figure("Keine Sitzungen im gewählten Zeitraum")
    colour_map = plotly_map(colours, df["group"])
    df = plotly_texts(df, "group")
    if "recorded" in df.columns:  # no attendance record: a gap in the line, not a drop to zero
        unknown = ~df["recorded"].astype(bool)
        df = df.astype({c: "float" for c in ("people_present", "orgs_present", "people_excused")})
        df.loc[unknown, ["people_present", "orgs_present", "people_excused"]] = float("nan")
    fig = go.Figure()
    hover = ("%{x|%d.%m.%Y} · %{customdata[0]}<br>Personen anwesend: %{y}<br>Organisationen: %{customdata[1]}"
             "<br>Personen entschuldigt: %{customdata[2]}<extra></extra>")
    groups = list(dict.fromkeys(df["group"]))
    # One pass over the rows, not one filter per group: all groups means hundreds of lines at the real size.
    days = pd.to_datetime(df["date"]).to_numpy()
    present = df["people_present"].to_numpy()
    custom = df[["group", "orgs_present", "people_excused"]].to_numpy()
    rows = pd.Series(range(len(df))).groupby(df["group"].to_numpy(), sort=False).indices
    traces = []
    for group in groups:
        at = rows[group]
        traces.append(go.Scatter(
            x=days[at], y=present[at], mode="lines+markers",
            name=group if len(groups) > 1 else "Personen anwesend", hovertemplate=hover,
            line=dict(color=colour_map.get(group)), marker=dict(color=colour_map.get(group)),
            customdata=custom[at]))
    fig.add_traces(traces)
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


def label_every_row(fig: go.Figure, height: int, font: int) -> go.Figure:
    """The heatmap squeezed into `height` px with every organisation labelled (a slide has no room to grow).

    Plotly leaves out every other category label once they would overlap; here each row gets its tick and a
    font that fits the row's height (at most `font`, at least 9 px).
    """
    heatmaps = [t for t in fig.data if isinstance(t, go.Heatmap)]
    if not heatmaps:
        return fig
    labels = list(heatmaps[0].y)
    # Room for the rows: the height less the dates below (small, slanted), the axis title and the colour key.
    rows_px = max(height - 130, 100)
    size = max(9, min(font, int(rows_px / max(len(labels), 1) * 0.8)))
    one_line = [str(label).replace("<br>", " ") for label in labels]  # a wrapped label would overlap its neighbour
    fig.update_yaxes(tickmode="array", tickvals=labels, ticktext=one_line, tickfont=dict(size=size))
    fig.update_xaxes(tickfont=dict(size=max(10, font - 5)), tickangle=-60, title_font=dict(size=max(11, font - 3)))
    return fig
