"""Übersicht: KPI tiles for the period against the one before, and meetings over time."""

import streamlit as st

from analysis import overview
from analysis.charts import overview as overview_charts
from pages.shared import data, empty_notice, filters, has_data, period_caption

st.title("Übersicht")
if not has_data():
    empty_notice()
    st.stop()

f = filters()
st.caption(period_caption(f))
tiles = data(overview.kpis, f.period, f.group_id)
for column, kpi in zip(st.columns(len(tiles)), tiles, strict=True):
    column.metric(kpi.label, f"{kpi.value:,}".replace(",", "."), delta=kpi.delta,
                  help=f"Vorperiode: {kpi.previous}")

st.subheader("Sitzungen im Zeitverlauf")
st.plotly_chart(overview_charts.meetings_over_time(data(overview.meetings_over_time, f.period, f.group_id)))
