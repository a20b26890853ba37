"""Projekte: lifecycles as a Gantt chart with presentation markers, counts, one project's partners and meetings."""

import pandas as pd
import streamlit as st

from analysis import projects
from analysis.charts import projects as project_charts
from analysis.db import today
from pages.shared import data, empty_notice, filters, has_data, period_caption

DATE = st.column_config.DateColumn(format="DD.MM.YYYY")


def dated(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """A copy with ISO date columns as dates, so tables show and sort them as dates."""
    out = frame.copy()
    for column in columns:
        out[column] = pd.to_datetime(out[column], errors="coerce")
    return out


def de(iso: object) -> str:
    text = "" if iso is None or pd.isna(iso) else str(iso)
    return f"{text[8:10]}.{text[5:7]}.{text[0:4]}" if len(text) >= 10 else "–"


st.title("Projekte")
if not has_data():
    empty_notice()
    st.stop()

f = filters()
st.caption(period_caption(f))
table = data(projects.projects, f.period, f.group_id)
if table.empty:
    scope = f" mit Bezug zur Gruppe „{f.group_name}“" if f.group_name else ""
    st.info(f"Im gewählten Zeitraum gibt es keine Projekte{scope}. Wählen Sie einen längeren Zeitraum "
            "oder eine andere Gruppe.")
    st.stop()

markers = data(projects.presentations, f.period, f.group_id)
c1, c2, c3 = st.columns(3)
c1.metric("Projekte im Zeitraum", len(table))
c2.metric("Programme", table["programme"].nunique())
c3.metric("Vorstellungen und Erwähnungen", len(markers))

st.subheader("Lebenszyklen")
phases = data(projects.lifecycle, f.period, f.group_id, today().isoformat())
st.plotly_chart(project_charts.gantt(phases, markers, f.period))
st.caption("Farbe = Förderprogramm, Muster = Phase (Antrag, Bewilligung, Laufzeit, Abschluss, Transfer). "
           "◆ Vorstellung in einer Sitzung, ○ Erwähnung im Protokoll. Blau hinterlegt: der gewählte Zeitraum. "
           "Laufende Phasen reichen bis heute.")

st.subheader("Projekte nach Status und Programm")
left, right = st.columns([3, 2])
counts = data(projects.counts, f.period, f.group_id)
left.plotly_chart(project_charts.counts(counts))
right.dataframe(counts.rename(columns={"programme": "Programm", "status": "Status", "projects": "Projekte"}),
                hide_index=True)

st.subheader("Projekt im Detail")
names = dict(zip(table["project_id"], table["project"], strict=True))
chosen = st.selectbox("Projekt", list(names), format_func=lambda pid: names.get(pid, pid), key="project_select")
detail = data(projects.project_detail, chosen) if chosen else None
if detail is None:
    st.info("Bitte wählen Sie ein Projekt.")
    st.stop()

info = detail.info
st.dataframe(pd.DataFrame([{
    "Programm": info["programme"] or "–", "Status": info["status"] or "–", "Federführung": info["lead"] or "–",
    "Beantragt": de(info["applied"]), "Bewilligt": de(info["approved"]),
    "Laufzeit": f"{de(info['start'])} – {de(info['end'])}",
    "Quelle": f"{info['source_file'] or '–'}, Zeile {info['source_line'] or '–'}"}]), hide_index=True)
if info["description"]:
    st.caption(info["description"])

st.markdown("**Partner**")
if detail.partners.empty:
    st.caption("Keine Partner erfasst.")
else:
    st.dataframe(detail.partners.rename(columns={"organisation": "Organisation", "type": "Typ", "role": "Rolle"}),
                 hide_index=True)

st.markdown("**Vorgestellt oder erwähnt in Sitzungen**")
if detail.meetings.empty:
    st.caption("Das Projekt wurde in keiner erfassten Sitzung vorgestellt oder erwähnt.")
else:
    st.dataframe(dated(detail.meetings, "date").rename(columns={
        "date": "Datum", "group": "Gruppe", "kind": "Art", "meeting_title": "Sitzung", "note": "Notiz",
        "source_file": "Datei", "source_line": "Zeile"}), hide_index=True, column_config={"Datum": DATE})

st.markdown("**Meilensteine**")
if detail.events.empty:
    st.caption("Keine Meilensteine erfasst.")
else:
    st.dataframe(dated(detail.events, "date").rename(columns={
        "date": "Datum", "kind": "Ereignis", "group": "Gruppe", "note": "Notiz", "source_file": "Datei",
        "source_line": "Zeile"}), hide_index=True, column_config={"Datum": DATE})
