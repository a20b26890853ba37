"""Where changes go, and how a change's outcome is drawn: saved, taken back, or held back by the guard (red).

Writing is the ETL's job (`etl.maintain.maintenance`); this module only asks and draws.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from analysis.tables import plain_markdown
from etl.build.guard import GuardReport
from etl.maintain import maintenance, upload
from etl.maintain.maintenance import ChangeOutcome
from ui.access import Access, access
from ui.data import has_data
from ui.format import hide
from ui.widgets import empty_notice
from vocab.paths import database_path

OUTCOME_KEY = "change_outcome"


def target() -> upload.UploadTarget:
    """Where changes are written (the source folder; the demo is copied to a working copy first)."""
    return upload.upload_target()


def prepared_source() -> Path:
    """The source folder, created (from the demo seed) if it does not exist yet."""
    found = target()
    upload.ensure_source(found.source, found.seed)
    return found.source


def remember(outcome: ChangeOutcome) -> None:
    """Keep a change's outcome for the next run of the page (drawn by `show_outcome`)."""
    st.session_state[OUTCOME_KEY] = outcome


def show_outcome(db: Path) -> None:
    """The last change: saved, taken back, or held back by the guard (red, with Verwerfen / Trotzdem übernehmen)."""
    outcome: ChangeOutcome | None = st.session_state.get(OUTCOME_KEY)
    if outcome is None:
        return
    if outcome.refused is not None:
        show_refused(outcome, db)
        return
    st.session_state.pop(OUTCOME_KEY, None)
    if outcome.cancelled:
        st.info(f"Verworfen: {outcome.action} wurde zurückgenommen; die Datenbank ist unverändert.")
    elif outcome.error and outcome.not_stored:
        st.error("Nicht gespeichert:")
        st.text(outcome.error)
    elif outcome.error:
        st.error("Die Änderung wurde zurückgenommen: Mit ihr ließ sich die Datenbank nicht bauen. Grund:")
        st.text(outcome.error)
    elif outcome.result is not None:
        totals = outcome.result.totals
        st.success(f"{outcome.action} – gespeichert, Datenbank neu gebaut: {totals['read']} Einträge gelesen, "
                   f"{totals['loaded']} geladen, {totals['rejected']} abgelehnt.")
    else:
        st.info(f"{outcome.action}.")


def show_refused(outcome: ChangeOutcome, db: Path) -> None:
    report = outcome.refused
    assert report is not None
    st.error("Nicht übernommen: Der neue Ladelauf würde zu viele Daten verlieren. Die bisherige Datenbank bleibt, "
             "bis Sie entscheiden. " + " ".join(f"{r}." for r in report.reasons()))
    loss_table(pd.DataFrame(report.table_rows()), key="guard_tables")
    if report.first_rejects:
        st.caption("Die ersten abgelehnten Einträge:")
        st.dataframe(first_rejects(report), hide_index=True, key="guard_rejects")
    left, right = st.columns(2)
    who = access().who
    # The safe choice is the primary button.
    if left.button("Verwerfen", key="guard_cancel", type="primary", width="stretch",
                   help="Die Änderung wird zurückgenommen (ersetzte Dateien wiederhergestellt)."):
        source = target().source
        st.session_state[OUTCOME_KEY] = maintenance.cancel(source, db, outcome, who)
        st.rerun()
    if right.button("Trotzdem übernehmen", key="guard_confirm", width="stretch",
                    help="Die Datenbank wird mit dem neuen Stand ersetzt; die alten Dateien bleiben als Versionen."):
        source = target().source
        st.session_state[OUTCOME_KEY] = maintenance.confirm(source, db, outcome, who)
        st.rerun()


def first_rejects(report: GuardReport) -> pd.DataFrame:
    """The first ten rejects the guard reported (a reason may quote a person's name: hidden on request)."""
    frame = pd.DataFrame([{"Datei": r.file, "Zeile": r.line, "Grund": r.reason} for r in report.first_rejects[:10]],
                         columns=["Datei", "Zeile", "Grund"])
    return hide(frame, texts=["Grund"], files=["Datei"])


def loss_table(table: pd.DataFrame, key: str) -> None:
    """The guard's before/after table, the tables that lose too much in red."""
    st.dataframe(table.style.apply(_red_rows, axis=1), hide_index=True, key=key)


def _red_rows(row: pd.Series) -> list[str]:
    style = "background-color: #fde2e1; color: #8a1c12; font-weight: 600" if row["zu viel verloren"] else ""
    return [style] * len(row)


def editor_page(title: str) -> tuple[Access, Path]:
    """The head of a page for editors only (Prüfen, Anwesenheit erfassen): its title, readers stopped with
    the reason, the outcome of the last change, an empty database explained. Returns the rights and the db."""
    st.title(title)
    rights = access()
    if not rights.can_edit:
        st.warning(plain_markdown(rights.note))
        st.stop()
    db = database_path()
    show_outcome(db)
    if not has_data():
        empty_notice()
        st.stop()
    return rights, db
