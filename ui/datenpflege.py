"""The Daten page's maintenance sections: master data editor and Excel round trip, corrections, versions with
„Rückgängig“, stored files rejected on every build, and the change log. Readers see; editors change.

Every change goes to `etl.maintain.maintenance` (source files, versions, guarded build); nothing here writes itself.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from analysis import review
from analysis.tables import plain_markdown
from etl.core.errors import BuildError
from etl.maintain import maintenance, master_data_editor, upload, versions
from etl.maintain.correction_files import KINDS
from ui.access import Access
from ui.data import data
from ui.editing import prepared_source, remember, target
from ui.format import LOCAL_TIME_NOTE, filled, german_number, local_time
from vocab.terms import ATTENDANCE_LABELS

STATUS_LABELS = ATTENDANCE_LABELS  # one German word per status (vocab.terms)


def access_note(rights: Access) -> None:
    st.subheader("Daten ändern")
    (st.info if rights.can_edit else st.caption)(plain_markdown(rights.note))  # holds an e-mail address


def master_data_section(rights: Access, db: Path) -> None:
    """Organisations, people, groups and memberships in a table editor; the whole master data as one workbook."""
    st.subheader("Stammdaten bearbeiten")
    found = target()
    if not found.allowed:
        st.caption(found.explanation)
        return
    source = found.source if found.source.is_dir() else (found.seed or found.source)
    # Deferred: the workbook is built when clicked, not on every run of the page (seconds at the real size).
    st.download_button("Alle Stammdaten als Excel-Arbeitsmappe", lambda: master_data_editor.workbook_bytes(source),
                       file_name="stammdaten.xlsx", icon=":material/download:", key="masterdata_xlsx",
                       on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    if not rights.can_edit:
        return
    name = st.selectbox("Tabelle", master_data_editor.EDITABLE, format_func=master_data_editor.LABELS.__getitem__,
                        key="masterdata_table")
    columns, rows = master_data_editor.read_table(source, name)
    st.caption("Zeilen ändern, unten anfügen oder markieren und löschen. Eine Mitgliedschaft beenden Sie, indem "
               "Sie bei „until“ das Datum eintragen (JJJJ-MM-TT oder TT.MM.JJJJ). Vor dem Speichern wird geprüft, "
               "was der Ladelauf ablehnen würde; die bisherige Datei bleibt als Version erhalten.")
    frame = pd.DataFrame(rows, columns=columns, dtype="object")
    edited = st.data_editor(frame, num_rows="dynamic", hide_index=True, width="stretch", key=f"editor_{name}",
                            column_config=_column_config(name))
    if st.button("Prüfen und speichern", key=f"save_{name}", type="primary"):
        records = [{str(c): _text(v) for c, v in r.items()} for r in edited.to_dict("records")]
        blocking, inherited = master_data_editor.new_problems(source, name, columns, rows, records)
        if blocking:
            st.error(f"Nicht gespeichert: {len(blocking)} Zeile(n) würden beim Laden abgelehnt.")
            st.dataframe([{"Zeile": p.row or None, "Problem": p.reason} for p in blocking], hide_index=True,
                         key=f"problems_{name}")
            return
        if inherited:
            st.warning(f"{len(inherited)} Zeile(n) wurden schon bisher abgelehnt und bleiben es: "
                       + "; ".join(p.message for p in inherited))
        with st.spinner("Gespeichert wird, die Datenbank wird neu gebaut …"):
            outcome = maintenance.edit_table(prepared_source(), db,
                                             master_data_editor.file_name(prepared_source(), name),
                                             columns, rows, records, rights.who)
        if outcome is None:
            st.info("Keine Änderung – nichts gespeichert.")
            return
        remember(outcome)
        st.rerun()
    with st.form("masterdata_upload", clear_on_submit=True):
        workbook = st.file_uploader("Bearbeitete Arbeitsmappe hochladen (.xlsx)", type=["xlsx"],
                                    key="masterdata_workbook")
        if st.form_submit_button("Arbeitsmappe übernehmen", key="masterdata_workbook_submit") and workbook:
            _take_workbook(workbook.getvalue(), rights, db)


def _take_workbook(data_bytes: bytes, rights: Access, db: Path) -> None:
    check = upload.check_upload("stammdaten.xlsx", data_bytes, upload.limit_mb() * upload.MB)
    if not check.accepted:  # zip bombs, XML entities, wrong content: the same checks as every upload
        st.error(f"Arbeitsmappe nicht übernommen: {check.reason}")
        return
    try:
        files = master_data_editor.workbook_to_csv(data_bytes)
    except BuildError as exc:
        st.error(f"Arbeitsmappe nicht übernommen: {exc}")
        return
    with st.spinner("Die Blätter werden als Stammdaten gespeichert, die Datenbank wird neu gebaut …"):
        remember(maintenance.write_files(prepared_source(), db, files, rights.who,
                                         f"Arbeitsmappe übernommen ({', '.join(files)})"))
    st.rerun()


def _column_config(name: str) -> dict:
    text = st.column_config.TextColumn
    config: dict = {"name": text("name", required=True)}
    if name == "memberships":
        config = {"group": text("group", required=True), "organisation": text("organisation", required=True),
                  "role": st.column_config.SelectboxColumn("role", options=["lead", "member"]),
                  "since": text("since", help="Beginn, JJJJ-MM-TT"),
                  "until": text("until", help="Ende der Mitgliedschaft, JJJJ-MM-TT (leer: läuft)")}
    if name == "groups":
        config["kind"] = st.column_config.SelectboxColumn("kind", options=["fachgruppe", "gremium", "netzwerk"])
    if name == "organisations":
        config["aliases"] = text("aliases", help="weitere Schreibweisen, getrennt durch |")
    return config


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def corrections_section() -> None:
    st.subheader("Korrekturen")
    found = data(review.corrections)
    if found.empty:
        st.caption("Noch keine Korrekturen. Korrekturen entstehen auf der Seite „Prüfen“ und stehen in "
                   "korrekturen.csv im Quellordner; jeder Ladelauf wendet sie neu an.")
        return
    stale = found[found["status"] == "nicht anwendbar"]
    if not stale.empty:
        st.warning(f"{len(stale)} Korrektur(en) greifen nicht mehr (das Protokoll oder die Stammdaten haben sich "
                   "geändert). Sie bleiben in korrekturen.csv, bis sie dort entfernt werden:")
    shown = found.assign(kind=found["kind"].map(lambda k: KINDS.get(k, k)), created=found["created"].map(local_time))
    shown = filled(shown.rename(columns={"line": "Zeile", "created": "Wann", "who": "Wer", "kind": "Art",
                                         "target": "Ziel", "old_value": "alt", "new_value": "neu", "reason": "Grund",
                                         "status": "Stand", "note": "Hinweis"}))
    st.caption(f"Zeiten in {LOCAL_TIME_NOTE}.")
    st.dataframe(shown, hide_index=True, key="corrections_table")


def rejected_files_section(rights: Access, db: Path) -> None:
    """Stored files that every build rejects: shown, and removable by editors (a version is kept)."""
    failed = data(review.failed_protocols)
    if not failed:
        return
    st.subheader("Dateien, die bei jedem Ladelauf abgelehnt werden")
    st.dataframe([{"Datei": i.source_file, "Grund": i.detail} for i in failed], hide_index=True, key="failed_files")
    if not rights.can_edit:
        return
    chosen = st.selectbox("Datei", [i.source_file for i in failed], key="failed_file_choice")
    if st.button("Datei entfernen", key="failed_file_remove",
                 help="Die Datei wird aus dem Quellordner genommen und als Version aufbewahrt (Rückgängig möglich)."):
        remember(maintenance.remove_source_file(prepared_source(), db, str(chosen), rights.who))
        st.rerun()


def versions_section(rights: Access, db: Path) -> None:
    st.subheader("Versionen (ersetzte und entfernte Dateien)")
    source = target().source
    kept = versions.versions(source) if source.is_dir() else []
    if not kept:
        st.caption("Noch keine Versionen: Jede Datei, die die App ersetzt oder entfernt, wird vorher hier aufbewahrt.")
        return
    st.caption(f"Zeiten in {LOCAL_TIME_NOTE}.")
    st.dataframe(filled(pd.DataFrame([{"Datei": v.path, "gesichert": local_time(v.saved), "von": v.who,
                                       "Anlass": v.reason, "Inhalt": f"{german_number(v.size)} Bytes" if v.existed
                                       else "(gab es noch nicht)"} for v in kept[:50]])),
                 hide_index=True, key="versions_table")
    if not rights.can_edit:
        return
    labels = {v.id: f"{v.path} – gesichert {local_time(v.saved)} ({v.reason})" for v in kept[:50]}
    chosen = st.selectbox("Version", list(labels), format_func=labels.__getitem__, key="version_choice")
    if st.button("Rückgängig", key="version_restore", icon=":material/undo:",
                 help="Diese Version wird wiederhergestellt; der jetzige Stand bleibt ebenfalls als Version."):
        remember(maintenance.restore_version(prepared_source(), db, str(chosen), rights.who))
        st.rerun()


def change_log_section() -> None:
    st.subheader("Änderungsprotokoll")
    log = data(review.change_log)
    if log.empty:
        st.caption("Noch keine Änderungen über die App.")
        return
    log = filled(log.assign(changed_at=log["changed_at"].map(local_time)))
    st.caption(f"Zeiten in {LOCAL_TIME_NOTE}. „Einzelheiten“ nennt bei Stammdaten den alten und den neuen Wert.")
    st.dataframe(log.rename(columns={"changed_at": "Wann", "who": "Wer", "action": "Was", "file": "Datei",
                                     "detail": "Einzelheiten"}), hide_index=True, key="change_log_table",
                 column_config={"Einzelheiten": st.column_config.TextColumn(width="large")})
    # The table cuts long details; one change at a time shows them whole, a line per changed value.
    with st.expander("Einzelheiten einer Änderung ganz lesen"):
        records = log.to_dict("records")
        chosen = st.selectbox("Änderung", range(len(records)), key="change_log_pick",
                              format_func=lambda i: f"{records[i]['changed_at']} · {records[i]['action']}")
        if chosen is not None:
            st.text("\n".join(str(records[chosen]["detail"]).split("; ")))
