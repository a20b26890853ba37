"""Beteiligung: attendance heatmap of one group, rates per organisation and person, turnout over time."""

import streamlit as st

from analysis import overview, participation
from analysis.charts import participation as charts
from analysis.tables import plain_markdown
from ui.data import cached_figure, data, has_data
from ui.explore import clicked_point, open_profile, palette, periods_for, time_axis, time_slider, time_step
from ui.format import de, filled, hide, period_caption, scope_stem
from ui.guard import page_start
from ui.widgets import chart, download_buttons, empty_notice, group_select
from vocab.periods import today
from vocab.terms import FACT_LABELS

f = page_start()
COUNT_LABELS = {key: FACT_LABELS[key] for key in ("meetings", "attended", "excused", "rate")}

st.title("Beteiligung")
if not has_data():
    empty_notice()
    st.stop()

st.caption(period_caption(f) + " · eine Organisation zählt je Sitzung einmal, egal wie viele Personen sie entsendet")

st.subheader("Anwesenheit je Sitzung")
heat_period = f.period
if time_axis("participation_step") != "filter":
    steps = periods_for(time_step(), f.period, today().isoformat())
    heat_period = steps[time_slider(steps, "participation_time_slider",
                                    "Zeitpunkt (derselbe Regler wie im Partnernetz)")]
    st.caption(f"Die Übersicht zeigt {plain_markdown(heat_period.label)} ({de(heat_period.start)} – "
               f"{de(heat_period.end)}); die Quoten darunter gelten für den Zeitraum links.")
group_id, group_name = f.group_id, f.group_name
if group_id is None:
    met = data(participation.heatmap_groups, heat_period)
    if met.empty:
        st.info("Im gewählten Zeitraum hat keine Gruppe getagt. Wählen Sie links einen längeren Zeitraum.")
    else:
        names = dict(zip(met["id"], met["name"], strict=True))
        group_id = group_select("Gruppe für die Übersicht", met, "participation_group", f.group_id,
                                help="Die Übersicht zeigt eine Gruppe; links unter „Gruppe“ gilt die Wahl "
                                     "für alle Seiten.")
        group_name = names[group_id]
if group_id is not None:
    cells = hide(data(participation.attendance_matrix, heat_period, group_id), texts=["title"])
    heatmap = charts.attendance_heatmap(cells)
    chart(heatmap, key="participation_heatmap")
    download_buttons(scope_stem("anwesenheit", f), fig=heatmap, key="participation_heatmap",
                     title=f"Anwesenheit je Sitzung – {group_name}",
                     df=cells[["date", "title", "organisation", "label", "cell"]].rename(columns={
                         "date": "Datum", "title": "Sitzung", "organisation": "Organisation", "label": "Kurzname",
                         "cell": "Anwesenheit"}))
    st.caption(f"{plain_markdown(group_name)}: „fehlt“ heißt Mitglied (oder früher dabei), aber ohne Eintrag "
               "im Protokoll; leere Felder: zu der Zeit noch kein oder kein Mitglied mehr.")

scope = plain_markdown(f.group_name or "alle Gruppen")
left, right = st.columns(2)
with left:
    st.subheader("Beteiligungsquote je Organisation")
    orgs = data(participation.org_rates, f.period, f.group_id)
    st.caption(f"Anteil der Sitzungen ({scope}), bei denen die Organisation anwesend war.")
    org_figure = charts.org_rates(orgs)
    clicked = clicked_point(chart(org_figure, key="participation_org_rates", on_select="rerun",
                                            selection_mode="points"), position=4)
    if clicked is not None:
        open_profile("organisation", clicked)
    st.caption("Klick auf einen Balken öffnet das Profil der Organisation.")
    download_buttons(scope_stem("beteiligungsquote-organisationen", f), fig=org_figure, key="participation_org_rates",
                     title="Beteiligungsquote je Organisation",
                     df=orgs.drop(columns="org_id").rename(columns={
                         "organisation": "Organisation", "label": "Kurzname", **COUNT_LABELS}))
with right:
    st.subheader("Beteiligungsquote je Person")
    people = data(participation.person_rates, f.period, f.group_id, f.hide_names)
    if f.hide_names:
        st.caption("Namen ausgeblendet (Schalter links): Personen erscheinen als Pseudonym.")
    if people.empty:
        st.caption("Keine Teilnahmen im gewählten Zeitraum.")
    else:
        # The rate beside the name: at the end it was out of sight (half a page wide at 1280 px, at 768 px too).
        table = people[["person", "rate", "organisation", "meetings", "attended", "excused"]].copy()
        table["rate"] = table["rate"] * 100
        st.dataframe(table, hide_index=True, column_config={
            "person": "Person", "organisation": "Organisation", **COUNT_LABELS,
            "rate": st.column_config.ProgressColumn("Quote", format="%.0f %%", min_value=0, max_value=100)})
        download_buttons(scope_stem("beteiligungsquote-personen", f), key="participation_people",
                         df=table.rename(columns={"person": "Person", "organisation": "Organisation",
                                                  **COUNT_LABELS, "rate": "Quote (%)"}))

colours = palette()
if overview.frequency(f.period) == "year":  # a long period: one bar per year, quiet years as zero
    st.subheader("Teilnehmende je Jahr")
    yearly = data(overview.meetings_over_time, f.period, f.group_id)
    turnout_figure = cached_figure(charts.turnout_by_period, yearly, colours)
    chart(turnout_figure, key="participation_turnout")
    download_buttons(scope_stem("teilnehmende-je-jahr", f), fig=turnout_figure, key="participation_turnout",
                     title="Teilnehmende je Jahr",
                     df=yearly.rename(columns={"period": "Jahr", "group": "Gruppe", "meetings": "Sitzungen",
                                               "attendance": "Personen anwesend"}))
else:
    st.subheader("Teilnehmende je Sitzung")
    turnout = hide(data(participation.participants_per_meeting, f.period, f.group_id), texts=["title"])
    turnout_figure = cached_figure(charts.participants_over_time, turnout, colours)
    chart(turnout_figure, key="participation_turnout")
    download_buttons(scope_stem("teilnehmende-je-sitzung", f), fig=turnout_figure, key="participation_turnout",
                     title="Teilnehmende je Sitzung",
                     df=filled(turnout.drop(columns=["meeting_id", "recorded"]).rename(columns={
                         "date": "Datum", "group": "Gruppe", "title": "Sitzung", "people_present": "Personen anwesend",
                         "orgs_present": "Organisationen anwesend", "people_excused": "Personen entschuldigt"})))
