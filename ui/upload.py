"""The upload form of the Daten page: etl.maintain.upload checks, stores and rebuilds; this draws form and outcome.

Writing is the ETL's job; the page only draws, so the bridge to etl.maintain.upload lives here.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from etl.maintain import upload
from ui.access import access
from ui.editing import first_rejects, loss_table, remember
from ui.format import entries, german_number, local_time
from ui.guard import names_hidden
from vocab.paths import database_path

HIDDEN = "(ausgeblendet: Namen ausblenden ist an)"
DECIDED_KEY = "pending_upload_decided"


def pending_section() -> None:
    """Uploads the guard held back, read from the pending folder (so they survive any reload): the uploader
    sees the loss and decides; other editors see only that one waits, and nothing they do is blocked."""
    if (decided := st.session_state.pop(DECIDED_KEY, None)) is not None:
        st.info(decided)
    rights = access()
    if not rights.can_edit:
        return
    found = upload.upload_target()
    for pending in upload.pending_uploads(found.source):
        if pending.who == rights.who:
            _own_pending(pending, found.source)
        else:
            st.caption(f"Ein hochgeladener Stand ({', '.join(pending.files)}, {local_time(pending.saved)}) wartet "
                       "auf die Entscheidung der Person, die ihn hochgeladen hat; er liegt außerhalb des "
                       "Quellordners und hält keine Änderung auf.")


def _own_pending(pending: upload.PendingUpload, source: Path) -> None:
    report = pending.report
    with st.container(border=True):
        st.error(f"Zurückgehalten: Ihr Upload vom {local_time(pending.saved)} ({', '.join(pending.files)}) würde zu "
                 "viele Daten verlieren. Er wartet außerhalb des Quellordners; Datenbank, Quellordner und "
                 "nächtlicher Ladelauf bleiben unverändert, bis Sie entscheiden. "
                 + " ".join(f"{r}." for r in report.reasons()))
        loss_table(pd.DataFrame(report.table_rows()), key=f"pending_tables_{pending.id}")
        if report.first_rejects:
            st.caption("Die ersten abgelehnten Einträge:")
            st.dataframe(first_rejects(report), hide_index=True, key=f"pending_rejects_{pending.id}")
        left, right = st.columns(2)
        if left.button("Verwerfen", key=f"pending_discard_{pending.id}", type="primary", width="stretch",
                       help="Die hochgeladenen Dateien werden gelöscht; es bleibt alles, wie es ist."):
            upload.discard_pending(source, database_path(), pending.id, pending.who)
            st.session_state[DECIDED_KEY] = f"Verworfen: {', '.join(pending.files)} wurde nicht übernommen."
            st.rerun()
        if right.button("Trotzdem übernehmen", key=f"pending_confirm_{pending.id}", width="stretch",
                        help="Die Dateien kommen in den Quellordner (die alten bleiben als Versionen) und die "
                             "Datenbank wird mit dem neuen Stand ersetzt."):
            with st.spinner("Die Datenbank wird mit dem hochgeladenen Stand neu gebaut …"):
                remember(upload.confirm_pending(source, database_path(), pending.id, pending.who))
            st.rerun()


def upload_section() -> None:
    """Hochladen: the form, then the outcome of the last upload."""
    st.subheader("Dateien hochladen")
    if not access().can_edit:
        st.caption("Hochladen dürfen nur Bearbeiter:innen (siehe „Daten ändern“).")
        return
    limit = min(upload.limit_mb(), int(st.get_option("server.maxUploadSize")))
    german_uploader(limit)  # also for the workbook uploader of Datenpflege on this page
    target = upload.upload_target()
    if not target.allowed:
        st.caption(target.explanation)
        return
    st.caption(f"Stammdaten (organisations.csv, people.csv, … oder eine .xlsx-Arbeitsmappe) und Protokolle "
               f"({', '.join(upload.SUFFIXES)}; auch Teilnahmeberichte aus Teams, Zoom, Webex und Teilnehmerlisten), "
               f"höchstens {limit} MB je Datei. Geprüft wird der Inhalt, nicht nur die Endung: eine CSV mit den "
               "Spalten der Stammdaten ist Stammdaten, ein Teilnahmebericht oder eine Liste ein Protokoll. "
               f"Protokolle kommen nach {upload.PROTOCOL_FOLDER}/; ihre Gruppe wird aus dem Titel erkannt. "
               "Eine Arbeitsmappe ergänzt nur Tabellen, für die es keine CSV-Datei gibt. "
               f"{target.explanation}")
    with st.form("upload", clear_on_submit=True):
        files = st.file_uploader("Dateien auswählen", accept_multiple_files=True, key="upload_files")
        replace = st.checkbox("vorhandene Dateien ersetzen", key="upload_replace")
        submitted = st.form_submit_button("Hochladen und Datenbank neu bauen", key="upload_submit")
    if submitted and not files:
        # The browser drops a file over the limit before it is sent: say so instead of doing nothing.
        st.warning(f"Keine Datei hochgeladen. Dateien über {limit} MB nimmt das Formular nicht an (der Browser "
                   "weist sie schon vor dem Senden ab); größere Dateien bitte teilen oder direkt in den "
                   "Quellordner legen und `python -m etl build` ausführen.")
    if submitted and files:
        with st.spinner("Dateien werden geprüft und gespeichert, die Datenbank wird neu gebaut …"):
            outcome = upload.process_uploads(
                target.source, database_path(), [(f.name, f.getvalue()) for f in files], replace_existing=replace,
                limit_bytes=limit * upload.MB, seed=target.seed, who=access().who)
            st.session_state["upload_outcome"] = outcome  # held back: drawn at the top from the pending folder
        st.rerun()  # draw the whole page again from the new database
    if (outcome := st.session_state.pop("upload_outcome", None)) is not None:
        show_upload_outcome(outcome)


def german_uploader(limit_mb: int) -> None:
    """Streamlit's file uploader has English texts ("Upload", "20MB per file") and no option to change them
    (st.file_uploader takes only label and help): a style rule takes them out of the page (display: none, so
    they are not in its text either) and shows German words in their place; the widget works as it is."""
    st.html(uploader_style(limit_mb))


def uploader_style(limit_mb: int) -> str:
    """The constant stylesheet of `german_uploader`; only the (integer) size limit is filled in."""
    return f"""<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] {{ display: none; }}
[data-testid="stFileUploaderDropzone"] button span[data-has-shortcut]::after {{ content: "Dateien wählen"; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ display: none; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{
  content: "höchstens {int(limit_mb)} MB je Datei"; font-size: 0.875rem; }}
</style>"""


def show_upload_outcome(outcome: upload.UploadOutcome) -> None:
    """Refused files with reasons, then the build summary. File names and reasons go into tables: plain text."""
    if outcome.refused:
        st.error(f"{entries(len(outcome.refused), 'Datei', 'Dateien')} nicht angenommen.")
        st.dataframe([{"Datei": c.name, "Grund": c.reason} for c in outcome.refused], hide_index=True)
    if outcome.error:
        st.error("Mit den hochgeladenen Dateien ließ sich die Datenbank nicht bauen. Die Dateien wurden wieder "
                 "entfernt (ersetzte Dateien wiederhergestellt); die bisherige Datenbank bleibt unverändert. Grund:")
        st.text(outcome.error)
    result = outcome.result
    if result is None:
        if outcome.pending is not None:
            st.warning("Die hochgeladenen Dateien wurden zurückgehalten und noch nicht übernommen – siehe oben.")
        return
    totals = result.totals
    if result.unchanged:
        st.info(f"{entries(len(outcome.stored), 'Datei', 'Dateien')} gespeichert; inhaltlich hat sich nichts "
                "geändert, die Datenbank bleibt, wie sie ist.")
    else:
        st.success(f"{entries(len(outcome.stored), 'Datei', 'Dateien')} gespeichert und Datenbank neu gebaut "
                   f"({german_number(result.duration_s, decimals=1)} s): {entries(totals['read'])} gelesen, "
                   f"{german_number(totals['loaded'])} geladen, {german_number(totals['rejected'])} abgelehnt.")
    uploaded = {c.target.as_posix() for c in outcome.checks if c.accepted and c.target}
    st.dataframe([{"Datei": f, "hochgeladen": f.split(":", 1)[0] in uploaded, "gelesen": c["read"],
                   "geladen": c["loaded"], "abgelehnt": c["rejected"]} for f, c in result.per_file.items()],
                 hide_index=True)
    if result.rejects:
        verb = "wurde" if len(result.rejects) == 1 else "wurden"
        st.warning(f"{entries(len(result.rejects))} dieses Ladelaufs {verb} abgelehnt:")
        st.dataframe([{"Datei": r.file, "Zeile": r.line, "Grund": r.reason,
                       "Originaltext": HIDDEN if names_hidden() else r.raw} for r in result.rejects], hide_index=True)
