"""Daten: load runs, row counts, rejects with file and line, freshness, entities created from protocols."""

import streamlit as st

from analysis import data_status
from analysis.db import database_path
from etl import upload
from pages.shared import data, download_buttons, empty_notice, has_data, hide, names_hidden
from ui import datenpflege
from ui.editing import access, remember, show_outcome

HIDDEN = "(ausgeblendet: Namen ausblenden ist an)"


def upload_section() -> None:
    """Hochladen: etl.upload checks, stores and rebuilds (writing is the ETL's job); this draws form and outcome."""
    st.subheader("Dateien hochladen")
    if not access().can_edit:
        st.caption("Hochladen dürfen nur Bearbeiter:innen (siehe „Daten ändern“).")
        return
    target = upload.upload_target()
    if not target.allowed:
        st.caption(target.explanation)
        return
    limit = min(upload.limit_mb(), int(st.get_option("server.maxUploadSize")))
    st.caption(f"Stammdaten (organisations.csv, people.csv, … oder eine .xlsx-Arbeitsmappe) und Protokolle "
               f"(.md, .txt, .docx, .pdf), höchstens {limit} MB je Datei. Geprüft wird der Inhalt, nicht nur die "
               f"Endung. Protokolle kommen nach {upload.PROTOCOL_FOLDER}/; ihre Gruppe wird aus dem Titel erkannt. "
               "Eine Arbeitsmappe ergänzt nur Tabellen, für die es keine CSV-Datei gibt. "
               f"{target.explanation}")
    with st.form("upload", clear_on_submit=True):
        files = st.file_uploader("Dateien auswählen", accept_multiple_files=True, key="upload_files")
        replace = st.checkbox("vorhandene Dateien ersetzen", key="upload_replace")
        submitted = st.form_submit_button("Hochladen und Datenbank neu bauen", key="upload_submit")
    if submitted and files:
        with st.spinner("Dateien werden geprüft und gespeichert, die Datenbank wird neu gebaut …"):
            outcome = upload.process_uploads(
                target.source, database_path(), [(f.name, f.getvalue()) for f in files], replace_existing=replace,
                limit_bytes=limit * upload.MB, seed=target.seed, who=access().who)
            st.session_state["upload_outcome"] = outcome
            if outcome.change is not None and outcome.change.refused is not None:
                remember(outcome.change)  # held back by the guard: drawn in red at the top with the choices
        st.rerun()  # draw the whole page again from the new database
    if (outcome := st.session_state.pop("upload_outcome", None)) is not None:
        show_upload_outcome(outcome)


def show_upload_outcome(outcome: upload.UploadOutcome) -> None:
    """Refused files with reasons, then the build summary. File names and reasons go into tables: plain text."""
    if outcome.refused:
        st.error(f"{len(outcome.refused)} Datei(en) nicht angenommen.")
        st.dataframe([{"Datei": c.name, "Grund": c.reason} for c in outcome.refused], hide_index=True)
    if outcome.error:
        st.error("Mit den hochgeladenen Dateien ließ sich die Datenbank nicht bauen. Die Dateien wurden wieder "
                 "entfernt (ersetzte Dateien wiederhergestellt); die bisherige Datenbank bleibt unverändert. Grund:")
        st.text(outcome.error)
    result = outcome.result
    if result is None:
        if outcome.change is not None and outcome.change.refused is not None:
            st.error("Die hochgeladenen Dateien wurden gespeichert, aber noch nicht übernommen – siehe oben.")
        return
    totals = result.totals
    if result.unchanged:
        st.info(f"{len(outcome.stored)} Datei(en) gespeichert; inhaltlich hat sich nichts geändert, die Datenbank "
                "bleibt, wie sie ist.")
    else:
        st.success(f"{len(outcome.stored)} Datei(en) gespeichert und Datenbank neu gebaut ({result.duration_s:.1f} s): "
                   f"{totals['read']} Einträge gelesen, {totals['loaded']} geladen, {totals['rejected']} abgelehnt.")
    uploaded = {c.target.as_posix() for c in outcome.checks if c.accepted and c.target}
    st.dataframe([{"Datei": f, "hochgeladen": f.split(":", 1)[0] in uploaded, "gelesen": c["read"],
                   "geladen": c["loaded"], "abgelehnt": c["rejected"]} for f, c in result.per_file.items()],
                 hide_index=True)
    if result.rejects:
        st.warning(f"{len(result.rejects)} Einträge dieses Ladelaufs wurden abgelehnt:")
        st.dataframe([{"Datei": r.file, "Zeile": r.line, "Grund": r.reason,
                       "Originaltext": HIDDEN if names_hidden() else r.raw} for r in result.rejects], hide_index=True)


st.title("Daten")
st.caption(f"Datenbank: `{database_path()}`")
rights = access()
show_outcome(database_path())
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

datenpflege.access_note(rights)
upload_section()
datenpflege.rejected_files_section(rights, database_path())
datenpflege.master_data_section(rights, database_path())
datenpflege.corrections_section()
datenpflege.versions_section(rights, database_path())
datenpflege.change_log_section()
