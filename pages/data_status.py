"""Daten: load runs, row counts, rejects with file and line, freshness, entities created from protocols."""

import streamlit as st

from analysis import data_status
from analysis.db import database_path
from pages.shared import data, empty_notice, has_data

st.title("Daten")
st.caption(f"Datenbank: `{database_path()}`")
if not has_data():
    empty_notice()
    st.stop()

fresh = data(data_status.freshness)
c1, c2, c3, c4 = st.columns(4)
c1.metric("Letzter Ladelauf", (fresh["last_build"] or "–")[:16].replace("T", " "))
c2.metric("Neueste Sitzung", fresh["last_meeting"] or "–")
c3.metric("Neuestes Protokoll", fresh["last_protocol"] or "–")
c4.metric("Protokolle", fresh["protocols"] or 0)

st.subheader("Abgelehnte Einträge des letzten Ladelaufs")
rejects = data(data_status.rejects)
if rejects.empty:
    st.success("Alle Zeilen wurden geladen – keine abgelehnten Einträge.")
else:
    st.warning(f"{len(rejects)} Einträge konnten nicht geladen werden. Datei und Zeile zeigen, wo sie stehen.")
    st.dataframe(rejects.rename(columns={"file": "Datei", "line": "Zeile", "reason": "Grund", "raw": "Originaltext"}),
                 hide_index=True)

st.subheader("Neu angelegt (nur aus Protokollen bekannt)")
created = data(data_status.created_from_protocols)
if created.empty:
    st.caption("Alle Organisationen, Personen und Gruppen der Protokolle sind in den Stammdaten bekannt.")
else:
    st.dataframe(created.rename(columns={"kind": "Art", "name": "Name", "source_file": "Datei",
                                         "source_line": "Zeile", "suggestion": "Vorschlag (ähnlicher Name)"}),
                 hide_index=True)

left, right = st.columns(2)
with left:
    st.subheader("Zeilen je Tabelle")
    st.dataframe(data(data_status.table_counts).rename(columns={"table_name": "Tabelle", "row_count": "Zeilen"}),
                 hide_index=True)
with right:
    st.subheader("Ladeläufe")
    st.dataframe(data(data_status.load_runs).rename(columns={
        "id": "Lauf", "started": "Beginn", "finished": "Ende", "source": "Quelle", "status": "Status",
        "rows_read": "gelesen", "rows_loaded": "geladen", "rows_rejected": "abgelehnt", "duration_s": "Dauer (s)"}),
        hide_index=True)
