"""Anwesenheit erfassen, drawn: pick the meeting, tap a status per expected person, add guests, save.

Made for a tablet held in the meeting (768×1024): one row per person, the status as three large buttons
(a finger needs about 48 px), the save button full width. Taps happen inside a form, so nothing reruns until
„Speichern“. With „Namen ausblenden“ the screen shows pseudonyms; the file keeps the real names.
Writing goes through `etl.maintain.fieldwork` (versions, change log, guarded build).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis import capture, pseudonymise
from analysis.tables import plain_markdown
from etl.maintain import fieldwork
from ui.access import Access
from ui.data import data
from ui.editing import prepared_source, remember
from vocab.periods import german_date
from vocab.terms import ABSENT, ATTENDANCE_LABELS, EXCUSED, GUEST, PRESENT

TAP_STATUSES = (PRESENT, EXCUSED, ABSENT)
NEW_MEETING = "__neu__"
SAVED_KEY = "capture_saved_meeting"
TOUCH_CSS = """<style>
[data-testid="stButtonGroup"] button { min-height: 48px; min-width: 104px; font-size: 1rem; }
[data-testid="stFormSubmitButton"] button, [class*="st-key-capture_guest"] button {
  min-height: 52px; font-size: 1.05rem; }
</style>"""


@dataclass(frozen=True)
class Meeting:
    group_id: str
    group: str
    day: str

    @property
    def key(self) -> str:
        return f"{self.group_id}_{self.day}"


def touch_targets() -> None:
    """Finger-sized buttons on this page only."""
    st.html(TOUCH_CSS)


def choose_meeting(group_id: str, group: str, today: date) -> Meeting:
    """A planned or recent meeting of the group, or a new one (today by default)."""
    found = data(capture.meetings_to_capture, group_id, today)
    labels = {NEW_MEETING: f"Neue Sitzung (heute, {german_date(today.isoformat())}, oder anderes Datum)"}
    labels |= dict(zip(found["date"], found["label"], strict=True))
    default = next((d for d in found["date"] if d == today.isoformat()), NEW_MEETING)
    key = f"capture_meeting_{group_id}"
    saved = st.session_state.pop(SAVED_KEY, None)
    if saved and saved[0] == group_id and saved[1] in labels:  # the meeting just saved, now in the list
        st.session_state[key] = saved[1]
    choice = st.selectbox("Sitzung", list(labels), index=list(labels).index(default), format_func=labels.__getitem__,
                          key=key, placeholder="Sitzung wählen …")
    if choice == NEW_MEETING:
        day = st.date_input("Datum der Sitzung", value=today, format="DD.MM.YYYY", key=f"capture_day_{group_id}")
        return Meeting(group_id, group, (day if isinstance(day, date) else today).isoformat())
    return Meeting(group_id, group, str(choice))


def _guests_key(meeting: Meeting) -> str:
    return f"capture_guests_{meeting.key}"


def guests(meeting: Meeting, people: pd.DataFrame) -> list[dict[str, str]]:
    """The guests of this meeting in this session: those recorded for it before, then those added here."""
    key = _guests_key(meeting)
    if key not in st.session_state:
        recorded = people[people["reason"] == capture.GUEST_REASON]
        st.session_state[key] = [{"name": r["name"], "organisation": r["organisation"]}
                                 for r in recorded.to_dict("records")]
    return list(st.session_state[key])


def add_guest(meeting: Meeting, hide_names: bool) -> None:
    """Type a guest: suggestions from the known people; a new name needs its organisation."""
    known = data(capture.known_people)
    pseudo = data(pseudonymise.pseudonyms) if hide_names else None
    shown = {f"{pseudo.name(r['name']) if pseudo else r['name']} ({r['organisation'] or 'ohne Organisation'})": r
             for r in known.to_dict("records")}
    generation = st.session_state.get(f"capture_guest_gen_{meeting.key}", 0)  # a new number empties the fields
    with st.container(key="capture_add_guest"):
        left, right = st.columns(2)
        picked = left.selectbox("Gast (Name tippen)", list(shown), index=None, accept_new_options=True,
                                placeholder="Name eingeben – Bekannte werden vorgeschlagen …",
                                key=f"capture_guest_{meeting.key}_{generation}")
        organisations = data(capture.organisation_names)
        org = right.selectbox("Organisation (bei neuen Personen)", organisations, index=None,
                              accept_new_options=True, placeholder="Organisation wählen oder eingeben …",
                              key=f"capture_guest_org_{meeting.key}_{generation}")
        if st.button("Gast hinzufügen", key=f"capture_guest_add_{meeting.key}", width="stretch"):
            if not picked:
                st.error("Bitte einen Namen eingeben.")
                return
            if picked in shown:
                person = shown[picked]
                entry = {"name": person["name"], "organisation": person["organisation"]}
            elif not org:
                st.error("Für eine neue Person bitte die Organisation angeben.")
                return
            else:
                entry = {"name": str(picked).strip(), "organisation": str(org).strip()}
            listed = st.session_state.setdefault(_guests_key(meeting), [])
            if entry["name"] not in {g["name"] for g in listed}:
                listed.append(entry)
            st.session_state[f"capture_guest_gen_{meeting.key}"] = generation + 1
            st.rerun()


def guest_list(meeting: Meeting, listed_guests: list[dict[str, str]], hide_names: bool) -> None:
    """The guests typed for this meeting, each with a large „Entfernen“ button (before saving)."""
    if not listed_guests:
        return
    pseudo = data(pseudonymise.pseudonyms) if hide_names else None
    st.markdown("**Gäste**")
    for number, guest in enumerate(listed_guests):
        left, right = st.columns([3, 1], vertical_alignment="center")
        name = str(pseudo.name(guest["name"])) if pseudo else guest["name"]
        left.text(f"{name} · {guest['organisation'] or 'ohne Organisation'} · Gast")  # text: names never as Markdown
        if right.button("Entfernen", key=f"capture_guest_remove_{meeting.key}_{number}", width="stretch"):
            st.session_state[_guests_key(meeting)] = [g for g in listed_guests if g["name"] != guest["name"]]
            st.rerun()


def attendance_form(meeting: Meeting, people: pd.DataFrame, listed_guests: list[dict[str, str]],
                    rights: Access, db: Path, hide_names: bool) -> None:
    """One row per expected person with three large status buttons; guests below; one save button."""
    pseudo = data(pseudonymise.pseudonyms) if hide_names else None
    expected = people[people["reason"] != capture.GUEST_REASON]
    with st.form(f"capture_form_{meeting.key}", border=False):
        chosen: dict[str, str | None] = {}
        for row in expected.to_dict("records"):
            left, right = st.columns([2, 3], vertical_alignment="center")
            name = str(pseudo.name(row["name"])) if pseudo else row["name"]
            left.text(name)  # names as plain text, never through Markdown
            left.caption(_plain(row["org_short"]))
            status = row["status"] if row["status"] in TAP_STATUSES else None
            chosen[row["person_id"]] = right.segmented_control(
                f"Status {name}", TAP_STATUSES, default=status, format_func=ATTENDANCE_LABELS.__getitem__,
                key=f"capture_{meeting.key}_{row['person_id']}", label_visibility="collapsed")
        if listed_guests:
            st.caption(f"Dazu {len(listed_guests)} Gast/Gäste (oben aufgeführt), gespeichert mit Status „Gast“.")
        submitted = st.form_submit_button("Anwesenheit speichern", type="primary", width="stretch",
                                          key="capture_save")
    if not submitted:
        return
    rows = [fieldwork.Captured(r["name"], r["organisation"], str(chosen[r["person_id"]]))
            for r in expected.to_dict("records") if chosen.get(r["person_id"])]
    rows += [fieldwork.Captured(g["name"], g["organisation"], GUEST) for g in listed_guests]
    if not rows:
        st.warning("Noch niemand erfasst: bitte für mindestens eine Person einen Status antippen.")
        return
    try:
        with st.spinner("Die Anwesenheit wird gespeichert, die Datenbank wird neu gebaut …"):
            remember(fieldwork.save_meeting(prepared_source(), db, meeting.group, meeting.day, rows, rights.who))
    except fieldwork.ErasedPerson as exc:
        st.error(str(exc))
        return
    st.session_state[SAVED_KEY] = (meeting.group_id, meeting.day)
    st.rerun()


def _plain(text: object) -> str:
    return plain_markdown(text)
