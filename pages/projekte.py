"""Projekte: lifecycles as a Gantt chart with presentation markers, counts, one project's partners and meetings."""

import pandas as pd
import streamlit as st

from analysis import projects
from analysis.charts import projects as project_charts
from analysis.tables import plain_markdown
from ui.data import data, has_data
from ui.format import de, file_stem, filled, hide, hide_file, hide_text, period_caption, scope_stem
from ui.guard import page_start
from ui.widgets import DATE_COLUMN, chart, dated, download_buttons, empty_notice
from vocab.periods import today

f = page_start()

st.title("Projekte")
if not has_data():
    empty_notice()
    st.stop()

st.caption(period_caption(f))
table = data(projects.projects, f.period, f.group_id)
if table.empty:
    scope = f" mit Bezug zur Gruppe „{plain_markdown(f.group_name)}“" if f.group_name else ""
    st.info(f"Im gewählten Zeitraum gibt es keine Projekte{scope}. Wählen Sie einen längeren Zeitraum "
            "oder eine andere Gruppe.")
    st.stop()

markers = hide(data(projects.presentations, f.period, f.group_id), texts=["note", "meeting_title"])
c1, c2, c3 = st.columns(3)
c1.metric("Projekte im Zeitraum", len(table))
c2.metric("Programme", table["programme"].nunique())
c3.metric("Vorstellungen und Erwähnungen", len(markers))

st.subheader("Lebenszyklen")
phases = data(projects.lifecycle, f.period, f.group_id, today().isoformat())
gantt = project_charts.gantt(phases, markers, f.period)
chart(gantt)
download_buttons(scope_stem("projekte-lebenszyklen", f), fig=gantt, key="projects_gantt", title="Lebenszyklen",
                 df=dated(phases.drop(columns=["project_id"]), "start", "end").rename(columns={
                     "project": "Projekt", "programme": "Programm", "status": "Status", "phase": "Phase",
                     "start": "Beginn", "end": "Ende", "open": "läuft"}))
st.caption("Farbe = Förderprogramm, Muster = Phase (Antrag, Bewilligung, Laufzeit, Abschluss, Transfer). "
           "◆ Vorstellung in einer Sitzung, ○ Erwähnung im Protokoll. Blau hinterlegt: der gewählte Zeitraum. "
           "Laufende Phasen reichen bis heute.")

st.subheader("Projekte nach Status und Programm")
left, right = st.columns([3, 2])
counts = data(projects.counts, f.period, f.group_id)
counts_figure = project_charts.counts(counts)
left.plotly_chart(counts_figure)
counts_table = counts.rename(columns={"programme": "Programm", "status": "Status", "projects": "Projekte"})
right.dataframe(counts_table, hide_index=True)
with right:
    download_buttons(scope_stem("projekte-nach-status", f), fig=counts_figure, df=counts_table,
                     key="projects_counts", title="Projekte nach Status und Programm")

st.subheader("Projekt im Detail")
names = dict(zip(table["project_id"], table["project"], strict=True))
chosen = st.selectbox("Projekt", list(names), format_func=lambda pid: names.get(pid, pid), key="project_select",
                      placeholder="Projekt wählen …")
detail = data(projects.project_detail, chosen) if chosen else None
if detail is None:
    st.info("Bitte wählen Sie ein Projekt.")
    st.stop()

info = detail.info
project_stem = file_stem("projekt", names.get(chosen, chosen))
facts = pd.DataFrame([{
    "Programm": info["programme"] or "–", "Status": info["status"] or "–", "Federführung": info["lead"] or "–",
    "Beantragt": de(info["applied"]), "Bewilligt": de(info["approved"]),
    "Laufzeit": f"{de(info['start'])} – {de(info['end'])}",
    "Quelle": f"{hide_file(info['source_file']) or '–'}, Zeile {info['source_line'] or '–'}"}])
st.dataframe(facts, hide_index=True)
download_buttons(project_stem, df=facts, key="project_facts")
if info["description"]:
    st.caption(plain_markdown(hide_text(info["description"])))

st.markdown("**Partner**")
if detail.partners.empty:
    st.caption("Keine Partner erfasst.")
else:
    partners = filled(detail.partners.rename(columns={"organisation": "Organisation", "type": "Typ",
                                                      "role": "Rolle"}))
    st.dataframe(partners, hide_index=True)
    download_buttons(f"{project_stem}_partner", df=partners, key="project_partners")

st.markdown("**Vorgestellt oder erwähnt in Sitzungen**")
if detail.meetings.empty:
    st.caption("Das Projekt wurde in keiner erfassten Sitzung vorgestellt oder erwähnt.")
else:
    appearances = filled(dated(hide(detail.meetings, texts=["meeting_title", "note"]), "date").rename(columns={
        "date": "Datum", "group": "Gruppe", "kind": "Art", "meeting_title": "Sitzung", "note": "Notiz",
        "source_file": "Datei", "source_line": "Zeile"}), dates=["Datum"])
    st.dataframe(appearances, hide_index=True, column_config={"Datum": DATE_COLUMN})
    download_buttons(f"{project_stem}_sitzungen", df=appearances, key="project_meetings")

st.markdown("**Meilensteine**")
if detail.events.empty:
    st.caption("Keine Meilensteine erfasst.")
else:
    events = filled(dated(hide(detail.events, texts=["note"]), "date").rename(columns={
        "date": "Datum", "kind": "Ereignis", "group": "Gruppe", "note": "Notiz", "source_file": "Datei",
        "source_line": "Zeile"}), dates=["Datum"])
    st.dataframe(events, hide_index=True, column_config={"Datum": DATE_COLUMN})
    download_buttons(f"{project_stem}_meilensteine", df=events, key="project_events")
