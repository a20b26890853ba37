"""Prüfen: what the last build could not decide alone, worst first, with the protocol text beside each item."""

import streamlit as st

from analysis import review
from ui import review_actions as actions
from ui.data import data
from ui.editing import editor_page
from ui.guard import names_hidden, page_start
from vocab.paths import CAPTURE_FILE

page_start()

LIMIT = 30

rights, db = editor_page("Prüfen")
if names_hidden():
    st.info("„Namen ausblenden“ ist an. Zum Prüfen werden Namen gebraucht – bitte den Schalter in der "
            "Seitenleiste ausschalten.")
    st.stop()

items = data(review.queue)
st.caption("Was der letzte Ladelauf nicht allein entscheiden konnte, das Wichtigste zuerst. Jede Entscheidung wird "
           "als Korrektur (korrekturen.csv) oder als Stammdaten-Zeile gespeichert, mit Ihrem Namen protokolliert, "
           "und die Datenbank wird neu gebaut – auch ein Neuaufbau von Grund auf behält sie.")
counts = {short: sum(1 for i in items if i.kind == kind) for kind, short in review.SHORT_LABELS.items()}
for column, (label, count) in zip(st.columns(len(counts)), counts.items(), strict=True):
    column.metric(label, count)
conflicts = data(review.capture_conflicts)
if not conflicts.empty:
    with st.expander(f"Erfasste Anwesenheit weicht ab ({len(conflicts)})", expanded=not items):
        st.caption("In der Sitzung erfasste Anwesenheit gilt; hier steht, was das Protokoll (oder attendance.csv) "
                   "anders sagt. Stimmt die Erfassung nicht, auf „Anwesenheit erfassen“ korrigieren.")
        st.dataframe(conflicts, hide_index=True, key="capture_conflicts")
if not items:
    st.success("Nichts zu prüfen: Alle Namen der Protokolle sind bekannt und alle Zeilen verstanden.")
    st.stop()
if len(items) > LIMIT:
    st.caption(f"Angezeigt werden die ersten {LIMIT} von {len(items)} Punkten.")

shown = items[:LIMIT]
# What the items show, read for all of them at once (one query each, however many items there are).
excerpts = data(review.contexts, tuple((i.source_file, i.line) for i in shown))
listed = data(review.participants_of, tuple(i.key for i in shown if i.kind == "protocol"))
for item in shown:
    with st.container(border=True):
        st.markdown(f"**{item.label}**")  # a constant label; names below are drawn as plain text
        left, right = st.columns([3, 2])
        with left:
            st.text(item.title)
            st.caption(item.detail)
            if item.similar:
                st.text("Ähnliche bekannte Namen: " + "; ".join(f"{s.name} ({s.score:.0f} %)" for s in item.similar))
            if item.kind in actions.MERGE_KIND:
                actions.entity_actions(item, rights, db)
            elif item.kind == "line":
                actions.line_actions(item, rights, db)
            elif item.kind == "protocol":
                actions.meeting_actions(item.key, rights, db, listed[item.key])
            else:
                actions.remove_file_action(item, rights, db)
        with right:
            where = item.source_file or ""
            st.caption(f"{where}" + (f", Zeile {item.line}" if item.line else ""))
            lines = excerpts[(item.source_file, item.line)]
            if lines:
                st.code("\n".join(f"{'→' if n == item.line else ' '} {n:>4}  {text}" for n, text in lines),
                        language=None, wrap_lines=True)
            elif item.source_file == CAPTURE_FILE:
                st.caption("In der Sitzung erfasst („Anwesenheit erfassen“): dazu gibt es keinen Protokolltext.")
            else:
                st.caption("Kein Protokolltext in der Datenbank (die Datei wurde nicht geladen).")
