"""Sitzungsvorbereitung, drawn: the briefing's sections, its downloads, and the task status editors set.

A task's status (offen / erledigt) is stored as a correction in korrekturen.csv (kind `task_status`) and the
database is rebuilt, so the briefing, the Sitzungen page and the Jahresbericht all show the same state.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis import briefing, report
from analysis.briefing import Briefing
from etl.maintain import maintenance
from etl.maintain.correction_files import Correction
from etl.maintain.versions import now
from ui.access import Access
from ui.editing import prepared_source, remember
from ui.format import entries
from vocab.periods import german_date as de
from vocab.terms import LIGHT_LABELS

OPEN, DONE = "offen", "erledigt"


def downloads(b: Briefing) -> None:
    """PDF, Word and JSON of exactly what the page shows (names hidden as on the page)."""
    columns = st.columns(3)
    for column, fmt, label in zip(columns, ("pdf", "docx", "json"), ("PDF (A4)", "Word (DOCX)", "JSON"),
                                  strict=True):
        mime = report.MIME.get(fmt, "application/json")
        column.download_button(f"Als {label}", functools.partial(briefing.render, b, fmt),
                               file_name=briefing.file_name(b, fmt), mime=mime, key=f"briefing_{fmt}",
                               on_click="ignore", width="stretch", icon=":material/download:")


def tasks_table(b: Briefing) -> None:
    if not b.tasks:
        st.write("Keine offenen Aufgaben.")
        return
    overdue = sum(1 for t in b.tasks if t["overdue"])
    st.write(f"{len(b.tasks)} offene Aufgaben, davon {overdue} überfällig (fällig vor dem {de(b.meeting_date)}).")
    frame = pd.DataFrame([{"Verantwortlich": t["owner"], "Aufgabe": t["text"], "Fällig": de(t["due"]),
                           "Stand": "überfällig" if t["overdue"] else OPEN, "aus Sitzung": de(t["meeting_date"])}
                          for t in b.tasks])
    st.dataframe(frame.style.map(lambda v: "color: #b42318; font-weight: 600" if v == "überfällig" else "",
                                 subset=["Stand"]), hide_index=True, key="briefing_tasks")


def task_status_editor(all_tasks: list[dict], rights: Access, db: Path) -> None:
    """Editors tick tasks as erledigt (or untick them); „Status speichern“ writes one correction per change."""
    if not all_tasks:
        return
    frame = pd.DataFrame([{"erledigt": t["done"], "Aufgabe": t["text"], "Verantwortlich": t["owner"],
                           "Fällig": de(t["due"]), "aus Sitzung": de(t["meeting_date"])} for t in all_tasks])
    edited = st.data_editor(frame, hide_index=True, key="briefing_task_editor", disabled=list(frame.columns[1:]),
                            column_config={"erledigt": st.column_config.CheckboxColumn("erledigt", width="small")})
    changed = [(t, bool(done)) for t, done in zip(all_tasks, edited["erledigt"], strict=True)
               if bool(done) != t["done"]]
    if st.button(f"Status speichern ({entries(len(changed), 'Änderung', 'Änderungen')})", type="primary",
                 disabled=not changed,
                 key="briefing_task_save"):
        corrections = [Correction(now(), rights.who, "task_status", t["id"], t["text"], DONE if done else OPEN,
                                  "Sitzungsvorbereitung") for t, done in changed]
        with st.spinner("Der Aufgabenstatus wird gespeichert, die Datenbank wird neu gebaut …"):
            remember(maintenance.add_corrections(prepared_source(), db, corrections,
                                                 f"Aufgabenstatus gesetzt ({len(corrections)})"))
        st.rerun()


def decisions(b: Briefing) -> None:
    if not b.decisions:
        since = f"seit der letzten Sitzung am {de(b.previous_meeting)}" if b.previous_meeting else "bisher"
        st.write(f"Keine Beschlüsse {since} erfasst.")
        return
    st.dataframe(pd.DataFrame([{"Datum": de(d["date"]), "Beschluss": d["text"]} for d in b.decisions]),
                 hide_index=True, key="briefing_decisions")


def fading(b: Briefing) -> None:
    if not b.fading:
        st.write("Keine Partner lassen nach.")
        return
    frame = pd.DataFrame([{"Organisation": f["organisation"], "Status": f["status_label"],
                           "Ansprechperson": ", ".join(f["contacts"]) or "–", "Zuletzt da": de(f["last_attended"]),
                           "Letzte Ansprache": f["last_outreach"] or "–",
                           "Wiedervorlage": (f"fällig seit {de(f['follow_up'])}" if f["follow_up_due"]
                                             else de(f["follow_up"]) if f["follow_up"] else "–")}
                          for f in b.fading])
    st.dataframe(frame.style.map(lambda v: "background-color: #fde2e1; color: #8a1c12; font-weight: 600"
                                 if str(v).startswith("fällig") else "", subset=["Wiedervorlage"]),
                 hide_index=True, key="briefing_fading")


def rules(b: Briefing) -> None:
    if not b.rules:
        st.write(b.rules_note or "Keine Regeln zu prüfen.")
        return
    frame = pd.DataFrame([{"Regel": f"§ {r['rule']} {r['title']}", "Stand": r["light_label"], "Fällig": r["due"] or "–",
                           "Nachweis": r["evidence"]} for r in b.rules])
    colours = {LIGHT_LABELS["green"]: "#1a7f37", LIGHT_LABELS["yellow"]: "#9a6700", LIGHT_LABELS["red"]: "#b42318"}
    st.dataframe(frame.style.map(lambda v: f"color: {colours[v]}; font-weight: 600" if v in colours else "",
                                 subset=["Stand"]), hide_index=True, key="briefing_rules")


def projects(b: Briefing) -> None:
    if not (b.presented or b.waiting):
        st.write("Keine Projekte der Gruppe.")
        return
    if b.presented:
        st.markdown("**Vorgestellt in den letzten 12 Monaten**")
        st.dataframe(pd.DataFrame([{"Projekt": p["project"], "am": de(p["date"])} for p in b.presented]),
                     hide_index=True, key="briefing_presented")
    if b.waiting:
        st.markdown("**Noch nicht in der Gruppe vorgestellt**")
        st.dataframe(pd.DataFrame([{"Projekt": p["project"], "Federführung": p["lead"] or "–",
                                    "Status": p["status"]} for p in b.waiting]), hide_index=True,
                     key="briefing_waiting")
