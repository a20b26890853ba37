"""Beteiligung: attendance heatmap of one group, rates per organisation and person, turnout over time."""

import streamlit as st

from analysis import participation
from analysis.charts import participation as charts
from analysis.export import plain_markdown
from pages.shared import data, empty_notice, filters, has_data, period_caption

st.title("Beteiligung")
if not has_data():
    empty_notice()
    st.stop()

f = filters()
st.caption(plain_markdown(period_caption(f))
           + " · eine Organisation zählt je Sitzung einmal, egal wie viele Personen sie entsendet")

st.subheader("Anwesenheit je Sitzung")
group_id, group_name = f.group_id, f.group_name
if group_id is None:
    met = data(participation.heatmap_groups, f.period)
    if met.empty:
        st.info("Im gewählten Zeitraum hat keine Gruppe getagt. Wählen Sie links einen längeren Zeitraum.")
    else:
        names = dict(zip(met["id"], met["name"], strict=True))
        group_id = st.selectbox("Gruppe für die Übersicht", list(names), format_func=names.get,
                                key="participation_group",
                                help="Die Übersicht zeigt eine Gruppe; links unter „Gruppe“ gilt die Wahl "
                                     "für alle Seiten.")
        group_name = names[group_id]
if group_id is not None:
    st.plotly_chart(charts.attendance_heatmap(data(participation.attendance_matrix, f.period, group_id)),
                    key="participation_heatmap")
    st.caption(f"{plain_markdown(group_name)}: „fehlt“ heißt Mitglied (oder früher dabei), aber ohne Eintrag "
               "im Protokoll; leere Felder: zu der Zeit noch kein oder kein Mitglied mehr.")

scope = plain_markdown(f.group_name or "alle Gruppen")
left, right = st.columns(2)
with left:
    st.subheader("Beteiligungsquote je Organisation")
    orgs = data(participation.org_rates, f.period, f.group_id)
    st.caption(f"Anteil der Sitzungen ({scope}), bei denen die Organisation anwesend war.")
    st.plotly_chart(charts.org_rates(orgs), key="participation_org_rates")
with right:
    st.subheader("Beteiligungsquote je Person")
    hide = st.toggle("Namen ausblenden", key="participation_hide_names",
                     help="Für Präsentationen: Personen werden durchnummeriert.")
    people = data(participation.person_rates, f.period, f.group_id, hide)
    if people.empty:
        st.caption("Keine Teilnahmen im gewählten Zeitraum.")
    else:
        table = people[["person", "organisation", "meetings", "attended", "excused", "rate"]].copy()
        table["rate"] = table["rate"] * 100
        st.dataframe(table, hide_index=True, column_config={
            "person": "Person", "organisation": "Organisation", "meetings": "Sitzungen", "attended": "anwesend",
            "excused": "entschuldigt",
            "rate": st.column_config.ProgressColumn("Quote", format="%.0f %%", min_value=0, max_value=100)})

st.subheader("Teilnehmende je Sitzung")
turnout = data(participation.participants_per_meeting, f.period, f.group_id)
st.plotly_chart(charts.participants_over_time(turnout), key="participation_turnout")
