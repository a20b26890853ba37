"""Übersicht: KPI tiles for the period against the one before, alerts that link to their page, meetings over time."""

from datetime import date

import streamlit as st

from analysis import alerts, overview
from analysis.charts import overview as overview_charts
from analysis.tables import plain_markdown as plain
from ui.data import cached_figure, data, has_data
from ui.explore import periods_for, time_slider, time_step, use_sidebar_period
from ui.format import de, german_number, hide_text, period_caption, scope_stem
from ui.guard import filter_link, page_start
from ui.navigation import destination_page
from ui.widgets import chart, download_buttons, empty_notice
from vocab.periods import today

f = page_start()

st.title("Übersicht")
if not has_data():
    empty_notice()
    st.stop()

st.caption(period_caption(f))
# The figures follow the time slider of Partnernetz and Beteiligung once Jahre or Quartale are chosen there:
# whoever stepped to 2023 in the network expects 2023's figures here too. The slider is repeated here, so the
# period the tiles show is always in sight and can be moved or given back to the sidebar.
step = time_step()
shown = f.period
if step != "filter":
    steps = periods_for(step, f.period, today().isoformat())
    if len(steps) > 1:
        k1, k2 = st.columns([3, 2], vertical_alignment="bottom")
        with k1:
            shown = steps[time_slider(steps, "overview_time_slider", label="Kennzahlen für")]
        k2.button("Zeitraum der Seitenleiste", key="overview_time_reset", on_click=use_sidebar_period, width="stretch",
                  help="Die Kennzahlen wieder für den Zeitraum der Seitenleiste zeigen (auch im Partnernetz).")
        unit = "Quartal" if step == "quarter" else "Jahr"
        running = (f" – läuft noch, Daten bis {de(today().isoformat())}, der Vergleich mit dem ganzen {unit} davor "
                   "fällt daher niedriger aus") if shown.end > today().isoformat() else ""
        st.caption(f"Kennzahlen für {plain(shown.label)} ({de(shown.start)} – {de(shown.end)}{running}), wie im "
                   f"Zeitregler von Partnernetz und Beteiligung gewählt; Vergleich mit dem {unit} davor. Hinweise und "
                   "Zeitverlauf gelten für den Zeitraum der Seitenleiste.")
tiles = data(overview.kpis, shown, f.group_id)
for column, kpi in zip(st.columns(len(tiles)), tiles, strict=True):
    column.metric(kpi.label, german_number(kpi.value),
                  delta=None if kpi.delta is None else german_number(kpi.delta, signed=True),
                  help="Keine Daten in der Vorperiode: kein Vergleich." if kpi.previous is None
                  else f"Vorperiode: {german_number(kpi.previous)}")

st.subheader("Hinweise")
found = data(alerts.alerts, date.fromisoformat(f.period.end), f.group_id)
if not found:
    st.success("Keine inaktiven Partner, keine Regelverstöße, keine überfälligen Aufgaben.")
shown_alerts = found
if len(found) > alerts.SHOWN:  # hundreds of boxes are read by nobody (and each costs a message to the browser)
    st.caption(f"{len(found)} Hinweise: " + alerts.count_by_kind(found))
    if not st.toggle(f"Alle {len(found)} Hinweise zeigen (sonst die {alerts.SHOWN} dringendsten)",
                     key="overview_all_alerts"):
        shown_alerts = alerts.most_urgent(found, alerts.SHOWN)
for alert in shown_alerts:
    box = st.error if alert.severity == "error" else st.warning
    text_column, link_column = st.columns([3, 1], vertical_alignment="center")
    with text_column:
        box(plain(hide_text(alert.text)))  # an overdue task's text may name its owner
    with link_column:
        target = destination_page(alert.destination)
        # The link carries the alert's group and the period, so the page shows exactly what the alert says.
        st.page_link(target.script, label=target.title, icon=":material/arrow_forward:",
                     query_params=filter_link(alert.group_id, f.period, f.hide_names))

st.subheader("Sitzungen im Zeitverlauf")
over_time = data(overview.meetings_over_time, f.period, f.group_id)
figure = cached_figure(overview_charts.meetings_over_time, over_time, data(overview.group_colours))
chart(figure)
bucket = "Jahr" if overview.frequency(f.period) == "year" else "Quartal"
download_buttons(scope_stem("sitzungen-im-zeitverlauf", f), fig=figure, title="Sitzungen im Zeitverlauf",
                 df=over_time.rename(columns={"period": bucket, "group": "Gruppe", "meetings": "Sitzungen",
                                              "attendance": "Teilnahmen"}))
