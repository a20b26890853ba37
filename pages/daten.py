"""Daten: load runs, row counts, rejects with file and line, freshness, entities created from protocols."""

import streamlit as st

from analysis import data_status
from ui import datenpflege
from ui.access import access
from ui.data import data, has_data
from ui.editing import show_outcome
from ui.format import de, entries, filled, german_number, hide, local_time
from ui.guard import names_hidden, page_start
from ui.upload import HIDDEN, pending_section, upload_section
from ui.widgets import download_buttons, empty_notice
from vocab.paths import database_path
from vocab.terms import TABLE_LABELS

page_start()

st.title("Daten")
st.caption(f"Datenbank: `{database_path()}`")
rights = access()
show_outcome(database_path())
pending_section()
if not has_data():
    empty_notice()
    upload_section()
    st.stop()

fresh = data(data_status.freshness)
c1, c2, c3, c4 = st.columns(4)
# The day as the value, the time in the help: "07.12.2026, 16:56 Uhr" was cut to "07.12.202…" even at 1280 px.
built_day, _, built_time = local_time(fresh["last_build"]).partition(", ")
c1.metric("Letzter Ladelauf", built_day, help=f"um {built_time} Ortszeit (Europe/Berlin)" if built_time else None)
c2.metric("Neueste Sitzung", de(fresh["last_meeting"]))
c3.metric("Neuestes Protokoll", de(fresh["last_protocol"]))
c4.metric("Protokolle", german_number(int(fresh["protocols"] or 0)))

st.subheader("Abgelehnte Einträge des letzten Ladelaufs")
rejects = data(data_status.rejects)
if rejects.empty:
    st.success("Alle Zeilen wurden geladen – keine abgelehnten Einträge.")
else:
    st.warning(f"{entries(len(rejects))} {'konnte' if len(rejects) == 1 else 'konnten'} nicht geladen werden. "
               "Datei und Zeile zeigen, wo sie stehen.")
    if names_hidden():  # a rejected line may name someone the people table does not know
        rejects = hide(rejects.assign(raw=HIDDEN), texts=["reason"])
    rejected = filled(rejects.rename(columns={"file": "Datei", "line": "Zeile", "reason": "Grund",
                                              "raw": "Originaltext"}))
    st.dataframe(rejected, hide_index=True)
    download_buttons("abgelehnte-eintraege", df=rejected, key="data_rejects")

skipped = data(data_status.skipped_files)
if not skipped.empty:
    st.subheader("Nicht gelesene Dateien im Quellordner")
    st.caption("Versteckte Dateien, andere Formate, gleichnamige Dateien in anderer Schreibweise und Verknüpfungen "
               "nach außerhalb liest der Ladelauf nicht.")
    st.dataframe(hide(skipped, texts=["path"]).rename(columns={"path": "Datei", "reason": "Grund"}), hide_index=True)

st.subheader("Neu angelegt (nur aus Protokollen bekannt)")
created = data(data_status.created_from_protocols)
if created.empty:
    st.caption("Alle Organisationen, Personen und Gruppen der Protokolle sind in den Stammdaten bekannt.")
else:
    if names_hidden():
        people = created["kind"] == "Person"
        created = created.assign(name=created["name"].where(~people, hide(created, persons=["name"])["name"]),
                                 source_file=hide(created)["source_file"])
    created = filled(created.rename(columns={"kind": "Art", "name": "Name", "source_file": "Datei",
                                             "source_line": "Zeile", "suggestion": "Vorschlag (ähnlicher Name)"}))
    st.dataframe(created, hide_index=True)
    download_buttons("neu-angelegt", df=created, key="data_created")

left, right = st.columns(2)
with left:
    st.subheader("Zeilen je Tabelle")
    counts = data(data_status.table_counts)
    # German name first; the table's own name stays beside it for whoever opens the SQLite file.
    counts = counts.assign(Tabelle=[TABLE_LABELS.get(t, t) for t in counts["table_name"]],
                           Zeilen=[german_number(int(n)) for n in counts["row_count"]]).rename(
        columns={"table_name": "in der Datenbank"})[["Tabelle", "in der Datenbank", "Zeilen"]]
    st.dataframe(counts, hide_index=True)
    download_buttons("zeilen-je-tabelle", df=counts, key="data_counts")
with right:
    st.subheader("Ladeläufe")
    runs = data(data_status.load_runs)
    runs = runs.assign(started=runs["started"].map(local_time), finished=runs["finished"].map(local_time),
                       duration_s=[german_number(float(v), decimals=1) if v == v and v is not None else "–"
                                   for v in runs["duration_s"]])
    runs = filled(runs).rename(columns={
        "id": "Lauf", "started": "Beginn", "finished": "Ende", "source": "Quelle", "status": "Status",
        "rows_read": "gelesen", "rows_loaded": "geladen", "rows_rejected": "abgelehnt", "duration_s": "Dauer (s)"})
    st.caption("Zeiten in Ortszeit (Europe/Berlin).")
    st.dataframe(runs, hide_index=True)
    download_buttons("ladelaeufe", df=runs, key="data_runs")

datenpflege.access_note(rights)
datenpflege.rejected_files_section(rights, database_path())
datenpflege.master_data_section(rights, database_path())
datenpflege.corrections_section()
datenpflege.versions_section(rights, database_path())
datenpflege.change_log_section()
upload_section()
