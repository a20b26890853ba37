"""The decisions of the Prüfen page, drawn per review item; each becomes a correction or a master-data row.

„ist dasselbe wie …“ writes a merge into korrekturen.csv; „neu anlegen“ adds the entity to the master data
(organisations.csv, people.csv, groups.csv); „kein Teilnehmer / ignorieren“ writes an ignore. Meeting
corrections (status, missing participant, date, group) and „als geprüft markieren“ are corrections too.
Every write goes through `etl.maintain.maintenance` (versions kept, guarded build, change log).
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis import review
from analysis.tables import plain_markdown
from etl.maintain import maintenance, master_data_editor
from etl.maintain.correction_files import Correction
from etl.maintain.versions import now
from ui.access import Access
from ui.data import data
from ui.editing import prepared_source, remember
from vocab.terms import ATTENDANCE_LABELS, GROUP_KIND_LABELS, GROUP_KINDS

SAME, NEW, IGNORE = "ist dasselbe wie …", "neu anlegen", "kein Teilnehmer / ignorieren"
STATUS_LABELS = ATTENDANCE_LABELS  # one German word per status (vocab.terms)
MERGE_KIND = {"organisation": "merge_organisation", "group": "merge_group", "person": "merge_person"}
IGNORE_KIND = {"organisation": "ignore_organisation", "person": "ignore_person"}
PRESELECT = 85.0  # a suggestion this close is offered pre-selected; weaker ones only listed first
MASTER_FILE = {"organisation": "organisations", "group": "groups", "person": "people"}


def item_key(item: review.ReviewItem) -> str:
    """A short stable widget key per item (names may hold any character)."""
    return hashlib.sha1(f"{item.kind}|{item.key}".encode(), usedforsecurity=False).hexdigest()[:10]


def _correction(rights: Access, kind: str, target: str, new: str = "", old: str = "", reason: str = "") -> Correction:
    return Correction(now(), rights.who, kind, target, old, new, reason)


def _save(corrections: list[Correction], action: str, db: Path) -> None:
    with st.spinner("Die Korrektur wird gespeichert, die Datenbank wird neu gebaut …"):
        remember(maintenance.add_corrections(prepared_source(), db, corrections, action))
    st.rerun()


def entity_actions(item: review.ReviewItem, rights: Access, db: Path) -> None:
    """Merge, create or ignore an organisation, person or group that only protocols know."""
    key = item_key(item)
    choices = [SAME, NEW] + ([IGNORE] if item.kind in IGNORE_KIND else [])
    known = data(review.names, item.kind)
    suggested = [s.name for s in item.similar]
    options = suggested + [n for n in known if n not in suggested]
    with st.form(f"rv_form_{key}"):
        action = st.radio("Entscheidung", choices, key=f"rv_action_{key}", horizontal=True)
        close = bool(item.similar) and item.similar[0].score >= PRESELECT
        same = st.selectbox("ist dasselbe wie", options, key=f"rv_same_{key}", index=0 if close else None,
                            placeholder="bekannten Namen wählen", help="Vorschläge (ähnliche Namen) stehen oben.")
        extra = _create_fields(item, key)
        reason = st.text_input("Begründung (optional)", key=f"rv_reason_{key}")
        submitted = st.form_submit_button("Übernehmen", type="primary", key=f"rv_submit_{key}")
    if not submitted:
        return
    if action == SAME:
        if not same:
            st.error("Bitte einen bekannten Namen wählen.")
            return
        _save([_correction(rights, MERGE_KIND[item.kind], item.key, str(same), reason=reason)],
              f"Prüfen: „{item.key}“ ist dasselbe wie „{same}“", db)
    elif action == IGNORE:
        _save([_correction(rights, IGNORE_KIND[item.kind], item.key, reason=reason)],
              f"Prüfen: „{item.key}“ ignoriert", db)
    else:
        _create(item, extra, rights, db)


def _create_fields(item: review.ReviewItem, key: str) -> dict[str, str]:
    """Fields a new master-data row needs beyond the name (only used with „neu anlegen“)."""
    if item.kind == "organisation":
        return {"type": st.text_input("Art der Organisation (bei „neu anlegen“)", key=f"rv_type_{key}"),
                "short_name": st.text_input("Kurzname (optional)", key=f"rv_short_{key}")}
    if item.kind == "group":
        kind = st.selectbox("Art der Gruppe (bei „neu anlegen“)", GROUP_KINDS,
                            format_func=GROUP_KIND_LABELS.__getitem__, key=f"rv_kind_{key}")
        return {"kind": str(kind), "topic": st.text_input("Thema (optional)", key=f"rv_topic_{key}")}
    # The protocol line names the organisation ("Karl Brandt (Fachverband …)"): offered first and pre-selected.
    named = item.organisation
    organisations = data(review.names, "organisation")
    options = ([named] if named else []) + [o for o in organisations if o != named]
    org = st.selectbox("Organisation (bei „neu anlegen“)", options, key=f"rv_org_{key}",
                       index=0 if named else None, placeholder="Organisation wählen",
                       help="Vorgewählt ist die Organisation, die das Protokoll bei dieser Person nennt.")
    if named and named not in organisations:  # saving would be refused: the people table names known ones only
        st.caption(f"„{plain_markdown(named)}“ ist selbst nur aus Protokollen bekannt: Legen Sie die Organisation "
                   "zuerst an (oder ordnen Sie sie einer bekannten zu), dann die Person.")
    return {"organisation": str(org or ""), "role": st.text_input("Rolle (optional)", key=f"rv_role_{key}")}


def _create(item: review.ReviewItem, extra: dict[str, str], rights: Access, db: Path) -> None:
    """„neu anlegen“: the entity becomes a row of its master-data file (checked like an edit)."""
    source = prepared_source()
    name = MASTER_FILE[item.kind]
    columns, rows = master_data_editor.read_table(source, name)
    new_row = {c: "" for c in columns} | {"name": item.key} | extra
    edited = [*rows, new_row]
    blocking, _ = master_data_editor.new_problems(source, name, columns, rows, edited)
    if blocking:
        st.error("Nicht angelegt: " + "; ".join(p.reason for p in blocking))
        return
    file = master_data_editor.file_name(source, name)
    with st.spinner("Die Stammdaten werden ergänzt, die Datenbank wird neu gebaut …"):
        outcome = maintenance.edit_table(source, db, file, columns, rows, edited, rights.who,
                                         f"Prüfen: „{item.key}“ neu angelegt ({file})")
    if outcome is not None:
        remember(outcome)
    st.rerun()


def line_actions(item: review.ReviewItem, rights: Access, db: Path) -> None:
    """An unreadable participant line: it names a known person (added, line settled), or it is no participant."""
    key = item_key(item)
    source_file, line = item.key.split("|", 1)
    people = data(review.names, "person")
    with st.form(f"rv_form_{key}"):
        action = st.radio("Entscheidung", ["ist Teilnehmer:in …", IGNORE], key=f"rv_action_{key}", horizontal=True)
        person = st.selectbox("Person", people, key=f"rv_person_{key}", index=None, placeholder="Person wählen")
        status = st.selectbox("Status", list(STATUS_LABELS), format_func=STATUS_LABELS.__getitem__,
                              key=f"rv_status_{key}")
        submitted = st.form_submit_button("Übernehmen", type="primary", key=f"rv_submit_{key}")
    if not submitted:
        return
    settle = _correction(rights, "ignore_line", item.key, reason="Zeile geklärt")
    if action == IGNORE:
        _save([settle], f"Prüfen: {source_file}, Zeile {line} ist kein Teilnehmer", db)
    elif not person:
        st.error("Bitte die Person wählen, die in der Zeile gemeint ist.")
    else:
        _save([_correction(rights, "add_participant", source_file, str(person), old=str(status)), settle],
              f"Prüfen: {person} in {source_file} ergänzt", db)


def meeting_actions(source_file: str, rights: Access, db: Path, listed: pd.DataFrame | None = None) -> None:
    """Correct a loaded protocol's meeting: a participant's status, a missing participant, date, group; or
    mark it as checked. `listed`: its participants (`review.participants`), when the page read them already."""
    key = hashlib.sha1(source_file.encode(), usedforsecurity=False).hexdigest()[:10]
    if listed is None:
        listed = data(review.participants, source_file)
    people = data(review.names, "person")
    groups = data(review.names, "group")
    with st.form(f"rv_meeting_{key}"):
        st.caption("Sitzung korrigieren – nur ausgefüllte Felder werden übernommen.")
        left, right = st.columns(2)
        who = left.selectbox("Teilnehmer:in", listed["name"].tolist(), index=None, key=f"rv_m_who_{key}",
                             placeholder="Status ändern für …")
        status = right.selectbox("neuer Status", list(STATUS_LABELS), format_func=STATUS_LABELS.__getitem__,
                                 key=f"rv_m_status_{key}")
        missing = left.selectbox("fehlende:n Teilnehmer:in ergänzen", people, index=None, key=f"rv_m_add_{key}",
                                 placeholder="Person wählen")
        group = right.selectbox("richtige Gruppe", groups, index=None, key=f"rv_m_group_{key}",
                                placeholder="Gruppe wählen")
        when = left.date_input("richtiges Datum", value=None, key=f"rv_m_date_{key}", format="DD.MM.YYYY",
                               min_value=date(2000, 1, 1))
        checked = right.checkbox("als geprüft markieren", key=f"rv_m_checked_{key}")
        submitted = st.form_submit_button("Übernehmen", type="primary", key=f"rv_m_submit_{key}")
    if not submitted:
        return
    fixes = []
    if who:
        old = listed.set_index("name").loc[who, "status"]
        fixes.append(_correction(rights, "status", f"{source_file}|{who}", str(status), old=str(old)))
    if missing:
        fixes.append(_correction(rights, "add_participant", source_file, str(missing)))
    if group:
        fixes.append(_correction(rights, "group", source_file, str(group)))
    if when:
        fixes.append(_correction(rights, "date", source_file, when.isoformat()))
    if checked:
        fixes.append(_correction(rights, "checked", source_file))
    if not fixes:
        st.warning("Nichts ausgewählt – es wurde nichts geändert.")
        return
    _save(fixes, f"Prüfen: Sitzung {source_file} korrigiert", db)


def remove_file_action(item: review.ReviewItem, rights: Access, db: Path) -> None:
    key = item_key(item)
    st.caption("Ein Protokoll, das nicht gelesen werden kann, wird bei jedem Ladelauf abgelehnt. Korrigieren Sie "
               "die Datei (z. B. „Datum: TT.MM.JJJJ“ im Kopf) und laden Sie sie neu hoch – oder entfernen Sie sie.")
    if st.button("Datei entfernen", key=f"rv_remove_{key}",
                 help="Die Datei wird aus dem Quellordner genommen und als Version aufbewahrt (Rückgängig möglich)."):
        remember(maintenance.remove_source_file(prepared_source(), db, item.key, rights.who))
        st.rerun()
