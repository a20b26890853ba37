"""The Partnernetz chart as a small custom component that keeps ONE plotly chart and updates it in place.

Streamlit (1.67) remounts a `st.plotly_chart` whenever its figure changes, so every step of the time slider made
plotly.js build the whole chart again. The component (ui/frontend/network_chart/index.html, plain HTML + JS, no
build) applies each new figure with `Plotly.react`, which changes only what differs. The figure is the same
`analysis.charts.network.network_figure` as before (labels, legend, tooltips, German separators), passed as its
plotly JSON: tests read it from the element's `json_args` (AppTest cannot render a component; see `figure_json`).

plotly.js is the `plotly.min.js` of the installed plotly package: the component's folder is served by Streamlit
only from one directory and follows no link out of it, so the HTML and a copy of plotly.min.js are put together
once in a folder of the temporary directory (named by their content), and the chart works offline.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import plotly
import streamlit as st
import streamlit.components.v1 as components

SOURCE = Path(__file__).parent / "frontend" / "network_chart" / "index.html"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
NAME = "netzwerkradar_network_chart"
# As the st.plotly_chart before: no logo, zoom with the wheel; the dots are clicked, not selected by box or lasso;
# nothing offers to upload the chart (plotly.js 3 has a „Share chart“ button that sends it to Plotly Cloud).
CONFIG = {"displaylogo": False, "scrollZoom": True, "locale": "de", "responsive": True,
          "modeBarButtonsToRemove": ["select2d", "lasso2d", "sendChartToCloud", "sendDataToCloud", "editInChartStudio"]}


def served_folder() -> Path:
    """The folder Streamlit serves the component from: index.html and plotly.min.js, assembled once per content."""
    html = SOURCE.read_bytes()
    digest = hashlib.sha256(html + plotly.__version__.encode()).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / f"netzwerkradar-network-chart-{digest}"
    if (folder / "index.html").is_file():
        return folder
    building = Path(tempfile.mkdtemp(prefix="netzwerkradar-network-chart-"))
    shutil.copyfile(PLOTLY_JS, building / "plotly.min.js")
    (building / "index.html").write_bytes(html)  # last: a folder with index.html is complete
    try:
        os.replace(building, folder)
    except OSError:  # another server process assembled it at the same time
        shutil.rmtree(building, ignore_errors=True)
    return folder


_component = components.declare_component(NAME, path=str(served_folder()))


def network_chart(figures: dict[str, str], period: str, key: str, slider: str | None = None) -> object | None:
    """Draw the figure of `period` (plotly JSON) in the kept chart; the org_id of a clicked dot (`customdata[5]`),
    once per click.

    `figures` may hold the neighbouring periods too, and `slider` names the page's time slider: the chart then
    follows a step of that slider in the browser at once, with the figure it already holds, while the page reruns
    for the tables and figures beside it (a step otherwise waits for the rerun: seconds on a busy server). The
    rerun's own figure wins where they differ (e.g. a highlighted path, which belongs to one period). Only what
    the chart does not hold yet is sent: the period's own figure always (a chart built anew, e.g. after the
    layout above it changed, holds nothing), a neighbour's only when it is new or changed since the last rerun;
    `labels` tells the chart which figures to keep."""
    sent_key = f"{key}_sent"
    sent = st.session_state.get(sent_key, {})
    fresh = {label: text for label, text in figures.items() if label == period or sent.get(label) != hash(text)}
    st.session_state[sent_key] = {label: hash(text) for label, text in figures.items()}
    value: Any = _component(figures=fresh, labels=list(figures), period=period, slider=slider, config=CONFIG,
                            key=key, default=None)
    if not isinstance(value, dict) or "id" not in value:
        return None
    handled = f"{key}_handled_click"
    if st.session_state.get(handled) == value.get("at"):
        return None  # the click was followed before; this rerun came from elsewhere
    st.session_state[handled] = value.get("at")
    return value["id"]


def chart_args(element: Any) -> dict:
    """The arguments an AppTest element of the chart carries (AppTest cannot render the component itself)."""
    return dict(json.loads(element.proto.json_args))


def figure_json(element: Any) -> dict:
    """The figure drawn for the chosen period (plotly JSON as a dict), from an AppTest element of the chart."""
    args = chart_args(element)
    return dict(json.loads(args["figures"][args["period"]]))
