"""Daten: load runs, row counts, rejects with file and line, freshness, entities created from protocols."""

import streamlit as st

from analysis import data_status
from ui.data import data, has_data
from ui.format import hide
from ui.guard import names_hidden, page_start
from ui.upload import HIDDEN, upload_section
from ui.widgets import download_buttons, empty_notice
from vocab.paths import database_path

page_start()

st.title("Daten")
st.caption(f"Datenbank: `{database_path()}`")
if not has_data():
    empty_notice()
    upload_section()
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
    if names_hidden():  # a rejected line may name someone the people table does not know
        rejects = hide(rejects.assign(raw=HIDDEN), texts=["reason"])
    rejected = rejects.rename(columns={"file": "Datei", "line": "Zeile", "reason": "Grund", "raw": "Originaltext"})
    st.dataframe(rejected, hide_index=True)
    download_buttons("abgelehnte-eintraege", df=rejected, key="data_rejects")

st.subheader("Neu angelegt (nur aus Protokollen bekannt)")
created = data(data_status.created_from_protocols)
if created.empty:
    st.caption("Alle Organisationen, Personen und Gruppen der Protokolle sind in den Stammdaten bekannt.")
else:
    if names_hidden():
        people = created["kind"] == "Person"
        created = created.assign(name=created["name"].where(~people, hide(created, persons=["name"])["name"]))
    created = created.rename(columns={"kind": "Art", "name": "Name", "source_file": "Datei",
                                      "source_line": "Zeile", "suggestion": "Vorschlag (ähnlicher Name)"})
    st.dataframe(created, hide_index=True)
    download_buttons("neu-angelegt", df=created, key="data_created")

left, right = st.columns(2)
with left:
    st.subheader("Zeilen je Tabelle")
    counts = data(data_status.table_counts).rename(columns={"table_name": "Tabelle", "row_count": "Zeilen"})
    st.dataframe(counts, hide_index=True)
    download_buttons("zeilen-je-tabelle", df=counts, key="data_counts")
with right:
    st.subheader("Ladeläufe")
    runs = data(data_status.load_runs).rename(columns={
        "id": "Lauf", "started": "Beginn", "finished": "Ende", "source": "Quelle", "status": "Status",
        "rows_read": "gelesen", "rows_loaded": "geladen", "rows_rejected": "abgelehnt", "duration_s": "Dauer (s)"})
    st.dataframe(runs, hide_index=True)
    download_buttons("ladelaeufe", df=runs, key="data_runs")

upload_section()
