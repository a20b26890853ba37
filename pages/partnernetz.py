"""Partnernetz: the network through time (slider, play), clickable dots that open profiles, structure."""

import time

import pandas as pd
import streamlit as st

from analysis import network, network_time
from analysis.charts.network import COLOUR_MODES
from analysis.tables import plain_markdown
from ui.data import has_data
from ui.explore import (
    SLIDER_LABEL,
    advance,
    clickable_table,
    network_frame,
    network_frame_json,
    open_profile,
    palette,
    periods_for,
    shared,
    time_axis,
    time_slider,
)
from ui.explore import (
    brokers as cached_brokers,
)
from ui.format import german_number, german_table, period_caption, scope_stem
from ui.guard import page_start
from ui.network_chart import network_chart
from ui.widgets import download_buttons, empty_notice
from vocab.periods import span_label, today

f = page_start()

CAPS = [50, 100, 200, 400, 800, 1600]
PLAY_SECONDS = 1.5
DRAWN_AT = "network_drawn_at"

st.title("Partnernetz")
if not has_data():
    empty_notice()
    st.stop()

as_of = today().isoformat()
st.caption(period_caption(f) + " · Klicken Sie auf einen Punkt, um das Profil der Organisation zu öffnen.")

# --- settings ------------------------------------------------------------------------------------------
c1, c2, c3 = st.columns([2, 2, 2])
step = time_axis("network_step", c1)
mode = c2.radio("Verbindungen über", list(network.MODES), format_func=network.MODES.get, index=2, horizontal=True,
                key="network_mode")
colour_by = c3.selectbox("Farbe nach", list(COLOUR_MODES), format_func=COLOUR_MODES.__getitem__, index=1,
                         key="network_colour")
with st.expander("Gewichtung, Ego-Netz, Zahl der Verbindungen"):
    e1, e2, e3 = st.columns([2, 2, 1])
    weighting = e1.radio("Gewichtung gemeinsamer Sitzungen", list(network.WEIGHTINGS),
                         format_func=network.WEIGHTINGS.get, key="network_weighting",
                         help="Newman: jede Sitzung zählt 1/(n−1) bei n anwesenden Organisationen – eine Runde mit "
                              "60 Organisationen verbindet schwächer als eine Arbeitsgruppe mit 6.")
    cap = e3.select_slider("Höchstens Verbindungen", CAPS, value=network.DEFAULT_CAP, key="network_cap")

periods = periods_for(step, f.period, as_of)
timeline = shared(network_time.timeline, periods, mode, f.group_id, weighting)
names = {n: str(attrs["name"]) for g in timeline.graphs for n, attrs in g.nodes(data=True)}
ordered = dict(sorted(names.items(), key=lambda item: item[1].lower()))
ego = e2.selectbox("Organisation (Ego-Netz)", [None, *ordered], key="network_ego",
                   format_func=lambda org: "Gesamtes Netz" if org is None else ordered.get(org, org))
radius = e2.radio("Radius", [1, 2], horizontal=True, key="network_radius", disabled=ego is None,
                  help="1 = direkte Partner, 2 = auch deren Partner")



def time_course_exports() -> None:
    """GEXF and GIF of the network through time, offered beside the picture whatever the Zeitachse: with the
    sidebar's period the years of the data are exported (one frame per year), else the slider's steps."""
    steps = periods if len(periods) > 1 else periods_for("year", f.period, as_of)
    with st.popover("Zeitverlauf exportieren (Gephi, Animation)", icon=":material/movie:"):
        if len(steps) < 2:
            st.caption("Die Daten umfassen nur einen Zeitraum – es gibt keinen Zeitverlauf.")
            return
        def course() -> network_time.Timeline:
            # Computed only when a file is asked for: the years' timeline of a long period costs seconds, and a
            # popover's body runs on every rerun whether it is open or not.
            return timeline if steps is periods else shared(network_time.timeline, steps, mode, f.group_id,
                                                            weighting)

        unit = "Quartal" if step == "quarter" else "Jahr"
        st.caption(f"Ein Bild je {unit}: {steps[0].label} bis {steps[-1].label}.")
        stem = scope_stem("partnernetz-zeitverlauf", f)
        st.download_button("Dynamisches GEXF (Gephi-Zeitleiste)", lambda: network_time.dynamic_gexf(course()),
                           file_name=f"{stem}.gexf", mime="application/gexf+xml", key="network_gexf",
                           on_click="ignore")

        def gif() -> bytes:
            from analysis import downloads

            course_of_time = course()
            frames = [network_time.frame_view(course_of_time, i, cap=cap) for i in range(len(steps))]
            return downloads.network_gif(frames, title=f"Partnernetz – {f.group_name or 'alle Gruppen'}",
                                         colour_by=colour_by, group_colours=colours)

        st.download_button("Animation (GIF, 1280×720, für Folien)", gif, file_name=f"{stem}.gif", mime="image/gif",
                           key="network_gif", on_click="ignore")


# --- the period: everything a step of the time slider changes -----------------------------------------
colours = palette()


def chart_figures(index: int, path: tuple[str, ...]) -> dict[str, str]:
    """The chart's figure of the period (with the highlighted path) and those of the periods beside it: the
    chart shows a neighbour at once when the slider steps there, before the page's rerun arrives."""
    def frame_json(i: int, route: tuple[str, ...]) -> str:
        return network_frame_json(periods, mode, f.group_id, weighting, i, ego, radius, cap, route, colour_by, colours,
                                  show_period=len(periods) > 1)

    near = [i for i in (index - 1, index + 1) if 0 <= i < len(periods)]
    return {periods[index].label: frame_json(index, path)} | {periods[i].label: frame_json(i, ()) for i in near}


@st.fragment
def period_view() -> None:
    """The slider and everything drawn for its period. A fragment: a step of the slider reruns only this,
    not the sidebar, the settings or the table of all periods, and the browser redraws only this part."""
    # --- time -----------------------------------------------------------------------------------------------
    if len(periods) > 1:
        t1, t2 = st.columns([6, 1], vertical_alignment="bottom")
        with t1:
            index = time_slider(periods, "network_time_slider")
        playing = t2.toggle("▶ Abspielen", key="network_play",
                            help=f"Alle {PLAY_SECONDS:g} Sekunden ein Schritt weiter")
        if playing:
            @st.fragment(run_every=PLAY_SECONDS)
            def ticker() -> None:
                """Every PLAY_SECONDS one period further, then the whole page again (plot, figures, tables)."""
                if time.monotonic() - st.session_state.get(DRAWN_AT, 0.0) >= PLAY_SECONDS * 0.8:
                    advance(periods)
                    st.rerun(scope="app")

            # Noted before the fragment's first call (which runs with the page) and again when the page is drawn,
            # so only its timed reruns step on, each at least PLAY_SECONDS · 0.8 after the last drawing.
            st.session_state[DRAWN_AT] = time.monotonic()
            ticker()
    else:
        index = 0

    # --- who connects A and B -------------------------------------------------------------------------------
    graph = timeline.graphs[index]
    in_period = sorted((n for n in graph if graph.degree(n) > 0), key=lambda n: names[n].lower())
    path: tuple[str, ...] = ()
    # Drawn only while open: its two choices list every organisation of the period (1,430 at scale 50), which
    # every step of the slider would otherwise send again and the browser build again, open or not.
    connects = st.expander("Wer verbindet A und B?", key="network_path_open", on_change="rerun")
    if connects.open:
        with connects:
            p1, p2 = st.columns(2)
            source = p1.selectbox("Von", [None, *in_period], key="network_path_from",
                                  format_func=lambda n: "Organisation wählen …" if n is None else names[n])
            target = p2.selectbox("Nach", [None, *in_period], key="network_path_to",
                                  format_func=lambda n: "Organisation wählen …" if n is None else names[n])
            if source and target:
                paths = network.connecting_paths(graph, source, target)
                if not paths:
                    st.info("Die beiden sind im gewählten Zeitraum nicht über gemeinsame Sitzungen oder Projekte "
                            "verbunden.")
                else:
                    path = tuple(paths[0])
                    links = len(paths[0]) - 1
                    st.markdown(f"**Kürzester Weg: {links} Verbindung{'en' if links != 1 else ''}** "
                                f"({len(paths)} gleich kurze{' Wege' if len(paths) > 1 else 'r Weg'} gezeigt; der "
                                "erste ist im Netz rot hervorgehoben)")
                    for found in paths:
                        st.markdown(" → ".join(plain_markdown(names[n]) for n in found))

    view = network_frame(periods, mode, f.group_id, weighting, index, ego, radius, cap, path, colour_by, colours,
                         show_period=len(periods) > 1)[0]
    period = timeline.periods[index]

    # --- figures of the period ------------------------------------------------------------------------------
    row = timeline.figures.iloc[index]
    st.markdown(f"## {plain_markdown(period.label)}")
    tiles = st.columns(5)
    for column, key, places in zip(tiles, ["organisations", "links", "density", "components", "average_path"],
                                   [0, 0, 4, 0, 2], strict=True):
        value, change = row[key], row[f"change_{key}"]
        shown = "–" if pd.isna(value) else german_number(float(value), decimals=places)
        delta = None if pd.isna(change) or len(periods) == 1 else german_number(float(change), signed=True,
                                                                                 decimals=places)
        column.metric(network_time.FIGURE_LABELS[key], shown, delta=delta, delta_color="off" if key == "average_path"
                      else "normal", help="Veränderung gegenüber dem vorigen Zeitraum" if delta else None)

    if timeline.large_note:
        st.info(timeline.large_note)
    if view.graph.number_of_nodes() == 0:
        st.info("Im gewählten Zeitraum gibt es keine Verbindungen und keine Mitgliedsorganisationen. "
                "Wählen Sie einen anderen Zeitraum, eine andere Gruppe oder eine andere Art der Verbindung.")
        st.session_state[DRAWN_AT] = time.monotonic()
        return

    left, right = st.columns([3, 1])
    with left:
        if view.graph.number_of_edges() == 0:
            st.info("Im gewählten Zeitraum gibt es keine Verbindungen dieser Art – keine zwei Organisationen waren "
                    "gemeinsam in einer Sitzung oder einem Projekt.")
        else:
            if view.note:
                st.warning(f"{view.note} Mehr zeigt die Einstellung „Höchstens Verbindungen“.")
            # The figure comes with the view (ui.explore.network_frame): at 440 px, the chart column at 1024×768 with
            # the sidebar open, labels never overlap; every colour is named below the picture (up to
            # analysis.charts.network.PAGE_LEGEND_ROWS rows; in a network of hundreds of groups the largest).
            # One chart kept for the visit, each step applied in place and shown at once from the neighbouring
            # figures it holds (ui.network_chart: a st.plotly_chart is rebuilt whenever its figure changes).
            clicked = network_chart(chart_figures(index, path), period.label, key="network_chart",
                                    slider=SLIDER_LABEL if len(periods) > 1 else None)
            if clicked is not None:
                open_profile("organisation", clicked)
            what = {"meetings": "gemeinsam besuchter Sitzungen", "projects": "gemeinsamer Projekte",
                    "both": "gemeinsamer Sitzungen und Projekte"}[mode]
            st.caption(f"{view.graph.number_of_nodes()} Organisationen, {view.shown_edges} Verbindungen. "
                       f"Linienstärke = {'Newman-Gewicht' if weighting == 'newman' else 'Zahl'} {what}; "
                       f"Punktgröße = besuchte Sitzungen; Farbe = {COLOUR_MODES[colour_by]}. "
                       "Beschriftet sind die am stärksten verbundenen Organisationen, "
                       "soweit sich die Namen nicht überdecken – die übrigen zeigt der Mauszeiger. Blass: im Zeitraum "
                       "davor dabei, jetzt nicht mehr.")
    with right:
        isolated = sorted((n for n in view.graph if view.graph.degree(n) == 0),
                          key=lambda n: str(names.get(n, n)).lower())
        st.markdown(f"**Ohne Verbindung ({len(isolated)})**")
        if isolated:
            clickable_table(pd.DataFrame({"Organisation": [names.get(n, n) for n in isolated]}), isolated,
                            key="network_isolated", hide_index=True, height=min(560, 38 + 35 * len(isolated)))
        else:
            st.caption("Alle Organisationen des Zeitraums haben mindestens eine Verbindung.")

    if view.graph.number_of_edges():
        # A year or quarter of the slider is named as such; the sidebar's period by its dates ("2015–2026").
        shown_span = span_label(period) if step == "filter" else period.label
        title = f"Partnernetz – {f.group_name or 'alle Gruppen'} – {shown_span}"
        d1, d2 = st.columns([1, 2])
        with d1:
            download_buttons(scope_stem("partnernetz", f), network=view, key="network_graph", title=title,
                             network_colours={"colour_by": colour_by, "group_colours": colours})
        with d2:
            time_course_exports()

    # --- structure ------------------------------------------------------------------------------------------
    st.subheader("Kennzahlen je Organisation")
    st.caption("Klick auf eine Zeile öffnet das Profil. Grad = Zahl der Partner; gewichteter Grad = Summe der "
               "Verbindungsstärken; Vermittlung (Betweenness) = wie oft eine Organisation auf dem kürzesten Weg "
               "zwischen zwei anderen liegt; Gemeinschaft = Louvain-Cluster (fester Startwert). Berechnet für das "
               "ganze Netz des "
               "Zeitraums" + (", gezeigt für das Ego-Netz." if view.ego else "."))
    metrics = view.metrics
    table = metrics.drop(columns="org_id").rename(columns={
        "organisation": "Organisation", "type": "Typ", "group": "Gruppe", "region": "Region", "meetings": "Sitzungen",
        "projects": "Projekte", "degree": "Grad", "weighted_degree": "Gewichteter Grad", "betweenness": "Vermittlung",
        "community": "Gemeinschaft", "isolate": "Ohne Verbindung"})
    clickable_table(german_table(table, {"Vermittlung": 3, "Gewichteter Grad": 2}), metrics["org_id"].tolist(),
                    key="network_metrics_table", hide_index=True)
    download_buttons(scope_stem("partnernetz-kennzahlen", f), df=table, key="network_metrics", sheet="Kennzahlen")

    st.subheader("Vermittler zwischen Gruppen und Regionen")
    by = st.radio("Zwischen", ["group", "region"], format_func={"group": "Gruppen", "region": "Regionen"}.get,
                  horizontal=True, key="network_broker_by")
    brokers = cached_brokers(periods, mode, f.group_id, weighting, index, by)
    if brokers.empty:
        st.caption("Im Zeitraum verbindet niemand Organisationen verschiedener "
                   + ("Gruppen." if by == "group" else "Regionen."))
    else:
        st.caption("Anteil der kürzesten Wege zwischen Organisationen verschiedener "
                   + ("Hauptgruppen" if by == "group" else "Regionen")
                   + ", die über die Organisation laufen; „erreicht“ = wie viele verschiedene davon sie und ihre "
                   "Partner umfassen.")
        clickable_table(brokers.drop(columns="org_id").rename(columns={
            "organisation": "Organisation", "group": "Gruppe", "region": "Region", "reaches": "erreicht",
            "brokerage": "Vermittlung"}).pipe(german_table, {"Vermittlung": 4}), brokers["org_id"].tolist(),
            key="network_brokers", hide_index=True)
    st.session_state[DRAWN_AT] = time.monotonic()


period_view()

if len(periods) > 1:
    st.subheader("Netzkennzahlen je Zeitraum")
    figures = timeline.figures.rename(columns={"period": "Zeitraum", **network_time.FIGURE_LABELS}).drop(
        columns=["start", "end", *[c for c in timeline.figures.columns if c.startswith("change_")]])
    st.dataframe(german_table(figures, {network_time.FIGURE_LABELS["density"]: 4,
                                       network_time.FIGURE_LABELS["average_path"]: 2}), hide_index=True)
    download_buttons(scope_stem("partnernetz-zeitverlauf", f), df=figures, key="network_figures")
