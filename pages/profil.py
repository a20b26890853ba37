"""Profil: one organisation, group or person – roles, attendance per group, contacts, projects, protocols.

The URL names the subject (`?organisation=<id>`, `?gruppenprofil=<id>`, `?person=<key>`, ui.explore);
`&protokoll=<key>&zeile=<n>` opens a protocol's text at that line below the profile.
"""

from typing import NoReturn

import pandas as pd
import streamlit as st

from analysis import profile, pseudonymise
from analysis.tables import plain_markdown
from ui.data import data, has_data
from ui.explore import PARAMS, clickable_table, clicked_row, open_profile, subject_from_url, url_value
from ui.format import de, file_stem, filled, hide, hide_file, protocol_key
from ui.guard import filters, page_start
from ui.outreach import history as outreach_history
from ui.widgets import DATE_COLUMN, dated, download_buttons, empty_notice
from vocab.periods import german_date, today
from vocab.terms import FACT_LABELS, heading

f = page_start()

RECENT_MEETINGS = 24
LAST_ATTENDED = FACT_LABELS["last_attended"]
CELL_COLOURS = dict(zip(profile.CELLS, ("#a6d96a", "#fee08b", "#f46d43", "#bdbdbd", "#eeeeee", "#d9d9d9"), strict=True))


def colour(cell: object) -> str:
    shade = CELL_COLOURS.get(str(cell))
    return f"background-color: {shade}; color: #111111" if shade else ""


def choose() -> NoReturn:
    """No subject in the URL: pick an organisation, group or person."""
    st.info("Wählen Sie, wessen Profil Sie sehen möchten – oder klicken Sie auf einen Punkt im Partnernetz oder "
            "eine Zeile in einer Tabelle von Organisationen.")
    kinds = {"organisation": "Organisation", "group": "Gruppe", "person": "Person"}
    kind = st.radio("Profil von", list(kinds), format_func=kinds.get, horizontal=True, key="profile_kind")
    options = data(profile.subjects, kind, filters().hide_names)
    chosen = st.selectbox(kinds[kind], [None, *options], key="profile_pick",
                          format_func=lambda s: "bitte wählen …" if s is None else options[s])
    if chosen:
        open_profile(kind, chosen)
    st.stop()


st.title("Profil")
if not has_data():
    empty_notice()
    st.stop()

params = st.query_params
kind = next((k for k, p in PARAMS.items() if params.get(p)), None)
if kind is None:
    choose()
asked = str(params.get(PARAMS[kind]))
subject = subject_from_url(kind, asked)
hidden = filters().hide_names
as_of = today().isoformat()
found = data(profile.profile, kind, subject, as_of, hidden) if subject else None
if found is None:
    # A person's key says nothing to the reader (and a name must not appear): no value in the message.
    named = "" if kind == "person" else f" „{plain_markdown(asked)}“"
    st.warning(f"{profile.KINDS[kind]}{named} ist nicht (mehr) in der Datenbank.")
    choose()
if asked != url_value(kind, found.id):
    st.query_params[PARAMS[kind]] = url_value(kind, found.id)  # an old link's slug leaves the address bar

st.header(f"{profile.KINDS[found.kind]}: {plain_markdown(found.name)}")
# Table keys name the subject (a click on the next profile's table must not repeat this one's selection);
# keys become CSS classes in the page, so a person is named by the opaque key.
mark = f"{found.kind}_{url_value(found.kind, found.id)}"
stem = file_stem("profil", url_value(found.kind, found.id) if hidden and found.kind == "person" else found.name,
                 as_of)
last_label = heading(FACT_LABELS["last_attended_any" if found.kind != "group" else "last_meeting"])
protocol_count = len(found.protocols["source_file"].unique()) if not found.protocols.empty else 0
st.markdown(f"**{last_label}:** {german_date(found.last_attended)} · **Serie:** {found.streak or '–'} · "
            f"**Protokolle:** {protocol_count}")
st.dataframe(found.facts, hide_index=True)

titles = {"organisation": "Gruppen und Rollen", "group": "Mitgliedsorganisationen und Rollen",
          "person": "Gruppen, in denen die Person war"}
st.subheader(titles[found.kind])
if found.groups.empty:
    st.caption("Keine Mitgliedschaft erfasst.")
else:
    # An open end is common ("bis" still running): text, so the cell reads "–" rather than "None".
    groups = filled(dated(found.groups.assign(until=found.groups["until"].map(de)), "since").drop(
        columns="group_id"), dates=["since"]).rename(columns={
        "group": "Organisation" if found.kind == "group" else "Gruppe", "role": "Rolle", "since": "seit",
        "until": "bis"})
    clickable_table(groups, found.groups["group_id"].tolist(), key=f"profile_groups_{mark}",
                    kind="organisation" if found.kind == "group" else "group", hide_index=True,
                    column_config={"seit": DATE_COLUMN})

st.subheader("Anwesenheit " + ("je Organisation" if found.kind == "group" else "je Gruppe"))
matrix = found.attendance_matrix()
if matrix.empty:
    st.caption("Keine Sitzungen erfasst.")
else:
    st.caption("Eine Zeile je " + ("Organisation" if found.kind == "group" else "Gruppe") + ", eine Spalte je "
               "Sitzung, die neueste zuerst: " + ", ".join(profile.CELLS)
               + " (leer: kein Mitglied dieser Gruppe und nicht da).")
    shown = matrix.rename_axis(index=None, columns=None)
    if len(shown.columns) > RECENT_MEETINGS and not st.toggle(
            f"Alle {len(shown.columns)} Sitzungen zeigen (sonst die letzten {RECENT_MEETINGS})", key="profile_all"):
        shown = shown[shown.columns[-RECENT_MEETINGS:]]
        shown = shown[(shown != "").any(axis=1)]
    shown = shown[shown.columns[::-1]]  # newest first: the last meetings are what one looks for, without scrolling
    st.dataframe(shown.style.map(colour), width="stretch")
    download_buttons(f"{stem}_anwesenheit", df=shown.reset_index(names="Zeile"), key="profile_attendance")

if found.kind != "person":
    st.subheader("Ansprechpersonen" if found.kind == "organisation" else "Teilnehmende Personen")
    if found.contacts.empty:
        st.caption("Keine Personen bekannt.")
    else:
        if hidden:
            st.caption("Namen ausgeblendet (Schalter links): Personen erscheinen als Pseudonym.")
        contacts = dated(found.contacts, "last_attended").drop(columns="person_id").rename(columns={
            "name": "Name", "role": "Funktion", "source": "Quelle", "meetings": "Sitzungen anwesend",
            "last_attended": LAST_ATTENDED})
        # Person URLs carry an opaque key, so a click opens the profile with names hidden too.
        clickable_table(contacts, found.contacts["person_id"].tolist(), key=f"profile_contacts_{mark}",
                        kind="person", hide_index=True, column_config={LAST_ATTENDED: DATE_COLUMN})

if found.kind == "organisation":
    st.subheader("Ansprache")
    if not outreach_history(found.id, data(pseudonymise.pseudonyms) if hidden else None, "profile_outreach",
                            with_group=True):
        st.caption("Noch kein Kontakt erfasst (Inaktive Partner → Ansprache).")

st.subheader("Projekte und Phasen")
if found.projects.empty:
    st.caption("Keine Projekte erfasst.")
else:
    phases = filled(dated(found.projects.assign(end=found.projects["end"].map(de)), "start").drop(
        columns="project_id"), dates=["start"]).rename(columns={
        "project": "Projekt", "role": "Rolle", "status": "Status", "phase": "Phase", "start": "von", "end": "bis"})
    st.dataframe(phases, hide_index=True, column_config={"von": DATE_COLUMN})

st.subheader({"organisation": "Trifft am häufigsten", "group": "Am häufigsten anwesend",
              "person": "Trifft am häufigsten"}[found.kind])
if found.partners.empty:
    st.caption("Keine gemeinsamen Sitzungen erfasst.")
else:
    clickable_table(found.partners.drop(columns="org_id").rename(columns={
        "organisation": "Organisation", "meetings": "gemeinsame Sitzungen" if found.kind != "group" else "Sitzungen"}),
        found.partners["org_id"].tolist(), key=f"profile_partners_{mark}", hide_index=True)

st.subheader("Protokolle")
if found.protocols.empty:
    st.caption("In keinem Protokoll erwähnt.")
else:
    st.caption("Klick auf eine Zeile öffnet das Protokoll an dieser Stelle.")
    protocols = found.protocols.reset_index(drop=True)
    listing = dated(hide(protocols, hidden=hidden), "date").drop(columns="meeting_id").rename(columns={
        "date": "Datum", "group": "Gruppe", "title": "Sitzung", "source_file": "Datei", "line": "Zeile", "how": "Art"})
    event = st.dataframe(listing, hide_index=True, on_select="rerun", selection_mode=["single-row", "single-cell"],
                         key="profile_protocols", column_config={"Datum": DATE_COLUMN})
    if (row := clicked_row(event)) is not None:
        picked = protocols.iloc[row]
        # The URL names the protocol by a key: its file name may hold a person's name.
        st.query_params["protokoll"] = protocol_key(picked["source_file"])
        st.query_params["zeile"] = str(int(picked["line"]) if pd.notna(picked["line"]) else 1)

files = found.protocols["source_file"].dropna().unique().tolist() if not found.protocols.empty else []
chosen_file = next((f for f in files if params.get("protokoll") in (protocol_key(f), f)), None)
if params.get("protokoll") and chosen_file is None:
    st.warning("Dieses Protokoll ist nicht (mehr) in der Datenbank.")
if chosen_file:
    try:
        at_line = int(params.get("zeile") or 1)
    except ValueError:
        at_line = 1
    text = data(profile.protocol_text, str(chosen_file), at_line, hidden)
    if text is None:
        st.warning("Dieses Protokoll ist nicht (mehr) in der Datenbank.")
    else:
        st.subheader(f"Protokoll: {plain_markdown(text.label)}")
        st.caption(f"{plain_markdown(str(hide_file(text.source_file, hidden)))}, ab Zeile {text.line} (hervorgehoben)")
        first = max(0, text.line - 4)
        lines = pd.DataFrame(text.lines[first:], columns=["Zeile", "Text"])
        st.dataframe(lines.style.apply(lambda r: ["background-color: #fff3b0" if r["Zeile"] == text.line else ""
                                                  for _ in r], axis=1),
                     hide_index=True, width="stretch", height=420, key="profile_protocol_text")
        with st.expander("Ganzer Text"):
            st.text("\n".join(t for _, t in text.lines))
