"""Sitzungsvorbereitung: the briefing for a group's next meeting, on screen and as PDF, DOCX and JSON."""

from datetime import date

import streamlit as st

from analysis import briefing
from analysis.tables import plain_markdown
from ui import briefing as draw
from ui.access import access
from ui.data import data, has_data
from ui.editing import show_outcome
from ui.guard import page_start
from ui.widgets import empty_notice, page_group
from vocab.paths import database_path
from vocab.periods import german_date, today

f = page_start()

st.title("Sitzungsvorbereitung")
db = database_path()
show_outcome(db)
if not has_data():
    empty_notice()
    st.stop()

as_of = today()
group_id, group_name = page_group(f.group_id, as_of, "briefing_group")
upcoming = data(briefing.next_meeting, group_id, as_of)
default = date.fromisoformat(upcoming[0]) if upcoming else as_of
chosen = st.date_input("Sitzung am", value=default, format="DD.MM.YYYY", key=f"briefing_day_{group_id}",
                       help="Vorgegeben ist die nächste Sitzung aus der Sitzungsliste (sonst heute).")
meeting = chosen if isinstance(chosen, date) else default
b = data(briefing.briefing, group_id, as_of, meeting, f.hide_names)

where = f"Sitzung am {german_date(b.meeting_date)}" + (f" – {b.meeting_title}" if b.meeting_title else "")
if not b.planned:
    where += " (kein Termin in der Sitzungsliste)"
previous = f" · vorige Sitzung {german_date(b.previous_meeting)}" if b.previous_meeting else ""
st.subheader(plain_markdown(f"{group_name}: {where}"))
st.caption(f"Stand {german_date(b.as_of)}{previous}. Aufgaben gelten als überfällig, wenn sie vor der Sitzung "
           "fällig waren; Partner und Regeln wie auf „Inaktive Partner“ und „Regelcheck“.")
draw.downloads(b)

st.header("Offene Aufgaben", divider="gray")
draw.tasks_table(b)
rights = access()
if rights.can_edit:
    with st.expander("Aufgabenstatus setzen (offen / erledigt)"):
        st.caption("Gespeichert als Korrektur (korrekturen.csv): Sitzungen, Jahresbericht und diese Seite zeigen "
                   "danach denselben Stand.")
        if f.hide_names:
            st.info("„Namen ausblenden“ ist an. Zum Setzen des Status bitte den Schalter in der Seitenleiste "
                    "ausschalten (die Liste nennt die Verantwortlichen).")
        else:
            draw.task_status_editor(data(briefing.tasks, group_id, b.meeting_date, True), rights, db)
st.header("Beschlüsse", divider="gray")
draw.decisions(b)
st.header("Partner, die nachlassen", divider="gray")
draw.fading(b)
st.header("Regeln (Grundprinzipien § 6)", divider="gray")
draw.rules(b)
st.header("Projekte", divider="gray")
draw.projects(b)
