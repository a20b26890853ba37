"""The upload form of the Daten page: etl.upload checks, stores and rebuilds; this draws form and outcome.

Writing is the ETL's job; the page only draws, so the bridge to etl.upload lives here.
"""

from __future__ import annotations

import streamlit as st

from etl import upload
from ui.guard import names_hidden
from vocab.paths import database_path

HIDDEN = "(ausgeblendet: Namen ausblenden ist an)"


def upload_section() -> None:
    """Hochladen: the form, then the outcome of the last upload."""
    st.subheader("Dateien hochladen")
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
            st.session_state["upload_outcome"] = upload.process_uploads(
                target.source, database_path(), [(f.name, f.getvalue()) for f in files], replace_existing=replace,
                limit_bytes=limit * upload.MB, seed=target.seed)
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
