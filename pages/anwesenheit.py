"""Anwesenheit erfassen: in the meeting itself, on a laptop or a tablet; editors only."""

import streamlit as st

from analysis import capture
from analysis.tables import plain_markdown
from ui import capture as flow
from ui.data import data
from ui.editing import editor_page
from ui.guard import page_start
from ui.widgets import page_group
from vocab.periods import today

f = page_start()

rights, db = editor_page("Anwesenheit erfassen")
flow.touch_targets()

day = today()
group_id, group_name = page_group(f.group_id, day, "capture_group")
meeting = flow.choose_meeting(group_id, group_name, day)
people = data(capture.expected_people, group_id, meeting.day)
listed_guests = flow.guests(meeting, people)
tapped = int(people["status"].notna().sum())
expected = int((people["reason"] != capture.GUEST_REASON).sum())
st.caption(f"{plain_markdown(group_name)} · Sitzung am {meeting.day[8:10]}.{meeting.day[5:7]}.{meeting.day[:4]} · "
           f"{expected} Personen erwartet (Ansprechpersonen der Mitglieder und wer in den "
           f"letzten 12 Monaten da war), {tapped} mit Status. Ein Tipp setzt den Status; gespeichert wird erst mit "
           "„Anwesenheit speichern“.")
if f.hide_names:
    st.caption("Namen ausgeblendet: Auf dem Bildschirm stehen Pseudonyme, gespeichert werden die echten Namen.")
flow.add_guest(meeting, f.hide_names)
flow.guest_list(meeting, listed_guests, f.hide_names)
flow.attendance_form(meeting, people, listed_guests, rights, db, f.hide_names)
