"""UI helpers for exploring: open a profile from any table, chart or network dot; the shared time slider.

A profile has its own URL (`/profil?organisation=<id>`, `?gruppenprofil=<id>`, `?person=<key>`), so every click
that opens one is a `st.switch_page` with query parameters, and a link can be bookmarked. A person's id is a
slug of the name, so the URL carries an opaque key instead (analysis.pseudonymise.url_key), and the group
profile's parameter is not the sidebar's `gruppe` filter. Links keep the sidebar's group, period and
„Namen ausblenden“ (ui.guard.current_link). The time
slider's period lives in `st.session_state[TIME_KEY]` (and the `zeit` query parameter), so the
Partnernetz, the Beteiligung heatmap and the network figures show the same year or quarter.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any, Literal

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pandas.io.formats.style import Styler
from streamlit.delta_generator import DeltaGenerator

from analysis import network, network_time, pseudonymise
from analysis.charts.network import PAGE_LEGEND_ROWS, network_figure
from analysis.charts.palette import group_colours, group_order
from ui.data import _connection, data, db_version
from ui.guard import current_link
from vocab.periods import Period

PROFILE_PAGE = "pages/profil.py"
PARAMS = {"organisation": "organisation", "group": "gruppenprofil", "person": "person"}
TIME_KEY = "time_period"  # label of the chosen year/quarter, shared by the pages
STEP_KEY = "time_step"  # "filter" (the sidebar's period), "year" or "quarter"
TimeStep = Literal["filter"] | network_time.Step
TIME_PARAM = "zeit"
STEP_LABELS = {"filter": "Zeitraum der Seitenleiste", **network_time.STEPS}
SLIDER_LABEL = "Zeitpunkt"  # the time slider's label, by which the Partnernetz chart finds it in the browser


def url_value(kind: str, subject_id: object) -> str:
    """What the URL carries for a subject: the id, for a person the opaque key (never the name's slug)."""
    return pseudonymise.url_key(subject_id) if kind == "person" else str(subject_id)


def subject_from_url(kind: str, value: str) -> str | None:
    """The subject id a profile URL names: a person's key resolved (an old link's id is still taken)."""
    if kind != "person":
        return value
    names = data(pseudonymise.pseudonyms)
    return names.id_of_url_key(value) or (value if names.of_id(value) != pseudonymise.UNKNOWN else None)


def profile_params(kind: str, subject_id: object) -> dict[str, str]:
    """The query parameters of a profile link: the subject and the sidebar's group, period and names switch."""
    return {PARAMS[kind]: url_value(kind, subject_id)} | current_link()  # the subject first: it names the page


def open_profile(kind: str, subject_id: object) -> None:
    """Go to the profile page of an organisation, group or person (its URL names the subject)."""
    if subject_id is None or (isinstance(subject_id, float) and subject_id != subject_id):
        return
    st.switch_page(PROFILE_PAGE, query_params=profile_params(kind, subject_id))


def profile_url(kind: str, subject_id: str) -> str:
    """The relative URL of a profile, for link columns and links in texts."""
    from urllib.parse import urlencode

    return "profil?" + urlencode(profile_params(kind, subject_id))


def clicked_row(event: object) -> int | None:
    """The row of a table click: a selected row (checkbox column) or the row of a selected cell (a name)."""
    selection = getattr(event, "selection", None)
    rows = list(getattr(selection, "rows", None) or [])
    cells = list(getattr(selection, "cells", None) or [])
    if rows:
        return int(rows[0])
    return int(cells[0][0]) if cells else None


def clickable_table(frame: pd.DataFrame | Styler, ids: Sequence[object], key: str, kind: str = "organisation",
                    kinds: Sequence[str] | None = None, **kwargs: Any) -> None:
    """st.dataframe where clicking a row's cell (its name) or its checkbox opens that row's profile (ids[i]
    belongs to row i; `kinds[i]`, when given, says what it is: a meeting lists people and bare organisations)."""
    event = st.dataframe(frame, on_select="rerun", selection_mode=["single-row", "single-cell"], key=key, **kwargs)
    row = clicked_row(event)
    if row is not None:
        open_profile(kinds[row] if kinds else kind, list(ids)[row])


def clicked_point(event: object, position: int = 5) -> object | None:
    """The id carried in `customdata[position]` (or the last field) of the clicked plotly point, if any."""
    points = getattr(getattr(event, "selection", None), "points", None) or []
    for point in points:
        custom = point.get("customdata") if isinstance(point, dict) else None
        if isinstance(custom, list | tuple) and custom:
            return custom[position] if len(custom) > position else custom[-1]
    return None


@st.cache_resource(show_spinner=False, max_entries=4)  # timelines are large: a few at a time
def _shared_call(function: str, path: str, version: int, args: tuple[Any, ...], kwargs: tuple[Any, ...]) -> Any:
    module, _, name = function.rpartition(".")
    fn = getattr(importlib.import_module(module), name)
    return fn(_connection(path, version), *args, **dict(kwargs))


def shared(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Like `data`, but the result is kept as one object (not copied on every rerun): for the network
    timeline, whose graphs are large and never changed by the pages. Never mutate the result."""
    path, version = db_version()
    return _shared_call(f"{fn.__module__}.{fn.__qualname__}", path, version, args, tuple(sorted(kwargs.items())))


@st.cache_resource(show_spinner=False, max_entries=64)
def _brokers(path: str, version: int, periods: tuple, mode: str, group_id: str | None, weighting: str, index: int,
             by: str) -> pd.DataFrame:
    timeline = _shared_call(f"{network_time.timeline.__module__}.timeline", path, version,
                            (periods, mode, group_id, weighting), ())
    return network.brokers(timeline.graphs[index], by)  # type: ignore[arg-type]


def brokers(periods: tuple, mode: str, group_id: str | None, weighting: str, index: int, by: str) -> pd.DataFrame:
    """The brokers of one period of the (cached) timeline, computed once per period and kind."""
    path, version = db_version()
    return _brokers(path, version, tuple(periods), mode, group_id, weighting, index, by)


@st.cache_resource(show_spinner=False, max_entries=64)
def _network_frame(path: str, version: int, periods: tuple, mode: str, group_id: str | None, weighting: str,
                   index: int, ego: str | None, radius: int, cap: int, route: tuple[str, ...], colour_by: str,
                   colours: tuple[tuple[str, str], ...], show_period: bool) -> tuple[network.NetworkView, go.Figure]:
    timeline = _shared_call(f"{network_time.timeline.__module__}.timeline", path, version,
                            (periods, mode, group_id, weighting), ())
    view = network_time.frame_view(timeline, index, ego, radius, cap, route)
    figure = network_figure(view, colour_by=colour_by, group_colours=dict(colours),  # type: ignore[arg-type]
                            show_period=show_period, min_width=440, height=700, full_legend=True,
                            max_legend_rows=PAGE_LEGEND_ROWS)
    return view, figure


def network_frame(periods: Sequence[Period], mode: str, group_id: str | None, weighting: str, index: int,
                  ego: str | None, radius: int, cap: int, route: tuple[str, ...], colour_by: str,
                  colours: dict[str, str], show_period: bool) -> tuple[network.NetworkView, go.Figure]:
    """The Partnernetz's view of one period of the (cached) timeline and its figure, kept per period and
    setting: a step of the time slider back to a period shown before redraws without recomputing (min_width:
    the chart column at 1024×768 with the sidebar open; every colour named below the picture up to
    PAGE_LEGEND_ROWS rows, the rest on hover). Never mutate."""
    path, version = db_version()
    return _network_frame(path, version, tuple(periods), mode, group_id, weighting, index, ego, radius, cap,
                          tuple(route), colour_by, tuple(sorted(colours.items())), show_period)


@st.cache_resource(show_spinner=False, max_entries=64)
def _network_frame_json(path: str, version: int, *args: Any) -> str:
    return _network_frame(path, version, *args)[1].to_json()


def network_frame_json(periods: Sequence[Period], mode: str, group_id: str | None, weighting: str, index: int,
                       ego: str | None, radius: int, cap: int, route: tuple[str, ...], colour_by: str,
                       colours: dict[str, str], show_period: bool) -> str:
    """The figure of `network_frame` as plotly JSON, kept like it: what the page's chart component receives for a
    period (serialising a figure of hundreds of links anew on every rerun would cost more than drawing it)."""
    path, version = db_version()
    return _network_frame_json(path, version, tuple(periods), mode, group_id, weighting, index, ego, radius, cap,
                               tuple(route), colour_by, tuple(sorted(colours.items())), show_period)


def palette() -> dict[str, str]:
    """Group name -> colour, the same on every page (analysis.charts.palette)."""
    return group_colours(data(group_order))


# --- the shared time slider --------------------------------------------------------------------------
def time_step() -> TimeStep:
    """The chosen time step: 'filter' (sidebar period), 'year' or 'quarter'."""
    step = st.session_state.get(STEP_KEY)
    return step if step in STEP_LABELS else "filter"


def use_sidebar_period() -> None:
    """Back to the sidebar's period (the Zeitachse „Zeitraum der Seitenleiste“) on every page that shares it."""
    st.session_state[STEP_KEY] = "filter"


def periods_for(step: TimeStep, sidebar: Period, as_of: str) -> tuple[Period, ...]:
    """The slider's periods for the step (the sidebar period alone for 'filter')."""
    if step == "filter":
        return (sidebar,)
    span = data(network_time.data_span, as_of)
    if span is None:
        return (sidebar,)
    return network_time.time_steps(span[0], span[1], step)


def chosen_index(periods: Sequence[Period]) -> int:
    """The index of the period the slider (or the `zeit` query parameter) points at; the last by default."""
    labels = [p.label for p in periods]
    wanted = st.session_state.get(TIME_KEY) or st.query_params.get(TIME_PARAM)
    return labels.index(wanted) if wanted in labels else len(labels) - 1


def _copy_step(widget_key: str) -> None:
    st.session_state[STEP_KEY] = st.session_state.get(widget_key)


def time_axis(widget_key: str, container: DeltaGenerator | ModuleType = st) -> TimeStep:
    """The „Zeitachse“ radio (sidebar period, years, quarters), bound to the shared choice; returns the step."""
    st.session_state[widget_key] = time_step()
    container.radio("Zeitachse", list(STEP_LABELS), format_func=STEP_LABELS.get, horizontal=True, key=widget_key,
                    on_change=_copy_step, args=(widget_key,),
                    help="Jahre oder Quartale: ein Regler, den Partnernetz und Beteiligung teilen; im Partnernetz "
                         "mit Abspielen, die Punkte bleiben an ihrem Platz.")
    return time_step()


def _copy_slider(widget_key: str) -> None:
    st.session_state[TIME_KEY] = st.session_state.get(widget_key)


def time_slider(periods: Sequence[Period], widget_key: str, label: str = SLIDER_LABEL) -> int:
    """The select slider over the periods, bound to the shared choice; returns the chosen index."""
    labels = [p.label for p in periods]
    index = chosen_index(periods)
    st.session_state[widget_key] = labels[index]
    if len(labels) > 1:
        st.select_slider(label, labels, key=widget_key, on_change=_copy_slider, args=(widget_key,))
    st.session_state[TIME_KEY] = st.session_state.get(widget_key, labels[index])
    return labels.index(st.session_state[TIME_KEY])


def advance(periods: Sequence[Period]) -> None:
    """Play: the next period (after the last, the first again)."""
    labels = [p.label for p in periods]
    st.session_state[TIME_KEY] = labels[(chosen_index(periods) + 1) % len(labels)]
