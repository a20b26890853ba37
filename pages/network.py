"""Partnernetz: organisations linked by shared meetings and projects, ego networks, network metrics."""

import streamlit as st

from analysis import network, network_html
from ui.data import data, has_data
from ui.format import entries, period_caption, scope_stem
from ui.guard import page_start
from ui.widgets import download_buttons, empty_notice

f = page_start()

CAPS = [50, 100, 200, 400, 800, 1600]

st.title("Partnernetz")
if not has_data():
    empty_notice()
    st.stop()

st.caption(period_caption(f) + " · Das Netz zeigt den gewählten Zeitraum, so wie es damals war.")

left, middle, right = st.columns([3, 3, 1])
mode = left.radio("Verbindungen über", list(network.MODES), format_func=network.MODES.get, index=2,
                  horizontal=True, key="network_mode")
names = data(network.organisation_options, f.period, mode, f.group_id)
ego = middle.selectbox("Organisation (Ego-Netz)", [None, *names],
                       format_func=lambda org: "Gesamtes Netz" if org is None else names.get(org, org),
                       key="network_ego", placeholder="Gesamtes Netz")
radius = right.radio("Radius", [1, 2], horizontal=True, key="network_radius", disabled=ego is None,
                     help="1 = direkte Partner, 2 = auch deren Partner")
cap = st.select_slider("Höchstens gezeigte Verbindungen (die stärksten)", CAPS, value=network.DEFAULT_CAP,
                       key="network_cap")

view = data(network.network_view, f.period, mode, f.group_id, ego, radius, cap)
if view.graph.number_of_nodes() == 0:
    st.info("Im gewählten Zeitraum gibt es keine Verbindungen und keine Mitgliedsorganisationen. "
            "Wählen Sie einen längeren Zeitraum, eine andere Gruppe oder eine andere Art der Verbindung.")
    st.stop()

if view.graph.number_of_edges() == 0:
    st.info("Im gewählten Zeitraum gibt es keine Verbindungen dieser Art – keine zwei Organisationen waren "
            "gemeinsam in einer Sitzung oder einem Projekt. Wählen Sie einen längeren Zeitraum oder eine andere "
            "Art der Verbindung.")
else:
    if view.note:
        st.warning(f"{view.note} Schieben Sie den Regler „Höchstens gezeigte Verbindungen“, um mehr zu sehen.")
    what = {"meetings": "gemeinsam besuchter Sitzungen", "projects": "gemeinsamer Projekte",
            "both": "gemeinsamer Sitzungen und Projekte"}[mode]
    st.caption(f"{view.graph.number_of_nodes()} Organisationen, {view.shown_edges} Verbindungen. "
               f"Linienstärke = Zahl {what}; Punktgröße = besuchte Sitzungen; Farbe = Organisationstyp. "
               + ("Die Anordnung ist vorberechnet (ohne Physik-Simulation)." if not view.physics else ""))
    st.iframe(network_html.render(view, height=620), height=680)
    download_buttons(scope_stem("partnernetz", f), network=view, key="network_graph",
                     title=f"Partnernetz – {f.group_name or 'alle Gruppen'} – {f.period.label}")

st.subheader("Kennzahlen")
st.caption("Grad = Zahl der Partner; gewichteter Grad = Summe der Verbindungsstärken; Vermittlung (Betweenness) = "
           "wie oft eine Organisation auf dem kürzesten Weg zwischen zwei anderen liegt – hohe Werte verbinden "
           "Gruppen; Gemeinschaft = Louvain-Cluster. Berechnet für das ganze Netz im Zeitraum"
           + (", gezeigt für das Ego-Netz." if view.ego else "."))
table = view.metrics.drop(columns="org_id").rename(columns={
    "organisation": "Organisation", "type": "Typ", "meetings": "Sitzungen", "projects": "Projekte",
    "degree": "Grad", "weighted_degree": "Gewichteter Grad", "betweenness": "Vermittlung",
    "community": "Gemeinschaft", "isolate": "Ohne Verbindung"})
st.dataframe(table, hide_index=True, column_config={
    "Vermittlung": st.column_config.NumberColumn(format="%.3f")})
download_buttons(scope_stem("partnernetz-kennzahlen", f), df=table, key="network_metrics", sheet="Kennzahlen")

isolates = view.metrics.loc[view.metrics["isolate"], ["organisation", "type"]]
if not isolates.empty:
    st.warning(f"{entries(len(isolates), 'Mitgliedsorganisation', 'Mitgliedsorganisationen')} ohne jede "
               "Verbindung im Zeitraum:")
    isolated = isolates.rename(columns={"organisation": "Organisation", "type": "Typ"})
    st.dataframe(isolated, hide_index=True)
    download_buttons(scope_stem("partnernetz-ohne-verbindung", f), df=isolated, key="network_isolates")
