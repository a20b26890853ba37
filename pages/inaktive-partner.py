"""Inaktive Partner: member organisations of a group with status, thresholds to adjust, Ansprache-Liste export."""

from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig

from analysis import contacts, inactivity, outreach, pseudonymise, tables
from ui import outreach as ansprache
from ui.access import access
from ui.data import data, has_data
from ui.editing import show_outcome
from ui.explore import clickable_table
from ui.format import ACTIVITY_MARKS, coloured
from ui.guard import page_start
from ui.widgets import empty_notice, group_select
from vocab.paths import database_path
from vocab.periods import DATE_FORMAT
from vocab.terms import ACTIVE, ACTIVITY_LABELS, FADING, INACTIVE

f = page_start()

st.title("Inaktive Partner")
show_outcome(database_path())
if not has_data():
    empty_notice()
    st.stop()

as_of = date.fromisoformat(f.period.end)
group_id, group_name = f.group_id, f.group_name
if group_id is None or group_name is None:
    groups = data(inactivity.candidate_groups, as_of)
    if groups.empty:
        st.info("Zum Stichtag gibt es keine Gruppe mit Mitgliedern oder Sitzungen.")
        st.stop()
    names = dict(zip(groups["id"], groups["name"], strict=True))
    group_id = group_select("Gruppe", groups, "inactive_group", f.group_id,
                            help="Links unter „Gruppe“ lässt sie sich für alle Seiten festlegen.")
    group_name = names[group_id]
st.caption(f"{tables.plain_markdown(group_name)} · Stichtag {as_of:{DATE_FORMAT}} "
           f"(Ende des Zeitraums „{f.period.label}“)")

defaults = inactivity.InactivityRules()
with st.expander("Schwellenwerte anpassen"):
    c1, c2 = st.columns(2)
    last_meetings = c1.number_input("Inaktiv ab … verpassten Sitzungen in Folge", min_value=1, max_value=24,
                                    value=defaults.last_meetings, key="inactive_last_meetings")
    months = c2.slider("Zeitfenster (Monate)", min_value=3, max_value=36, value=defaults.months,
                       key="inactive_months",
                       help="Inaktiv: keine Teilnahme in diesem Zeitraum. Nachlassend: Quote dieses Zeitraums "
                            "gegenüber dem gleich langen Zeitraum davor.")
    ratio = c1.slider("Nachlassend, wenn die Quote auf höchstens … % des Vorzeitraums fällt", min_value=10,
                      max_value=90, step=5, value=round(defaults.fading_ratio * 100), key="inactive_ratio")
    weight = c2.slider("Eine Entschuldigung zählt als … % einer Teilnahme", min_value=0, max_value=100, step=10,
                       value=round(defaults.excused_weight * 100), key="inactive_weight",
                       help="Wer sich entschuldigt, bleibt in Kontakt – das wiegt weniger als stilles Fehlen.")
thresholds = inactivity.InactivityRules(int(last_meetings), int(months), ratio / 100, weight / 100)

partners = data(inactivity.inactive_partners, group_id, as_of, thresholds)
if partners.empty:
    st.info(f"Für „{tables.plain_markdown(group_name)}“ sind zum Stichtag keine Mitgliedsorganisationen bekannt "
            "– weder aus einer Mitgliederliste noch aus Anwesenheiten.")
    st.stop()

counts = partners["status"].value_counts()
for column, status in zip(st.columns(3), (INACTIVE, FADING, ACTIVE), strict=True):
    column.metric(f"{ACTIVITY_MARKS[status]} {ACTIVITY_LABELS[status]}", int(counts.get(status, 0)))

# Contact persons of each organisation in this group (names pseudonymised when hidden).
found = data(contacts.group_contacts, group_id, as_of)
pseudo = data(pseudonymise.pseudonyms) if f.hide_names else None
partners = partners.assign(contacts=pd.Series([
    [replace(c, name=str(pseudo.name(c.name))) if pseudo else c for c in found.get(org, [])]
    for org in partners["org_id"]], index=partners.index, dtype=object))
only_open = st.toggle("Nur nachlassende und inaktive Partner", key="inactive_only_open")
shown = partners[partners["status"] != ACTIVE] if only_open else partners
last_contacts = data(outreach.last_contacts, as_of, group_id)
listed = ansprache.with_outreach(tables.outreach_list(shown, thresholds.months), shown["org_id"].tolist(),
                                 last_contacts, pseudo)
ansprache.due_notice(listed)
# On screen the contacts are counted here and listed one per row below: as one long text they were cut even
# at 1440 px and pushed every other column out of sight at 1024 px. Files keep them in the list.
# What decides a call comes first (status, last attendance, rates); role and short name last.
screen = listed.assign(Ansprechpersonen=[len(c) for c in shown["contacts"]])
first = ["Organisation", "Status", "Zuletzt anwesend", "In Folge gefehlt",
         *[c for c in screen if str(c).startswith("Quote")], "Ansprechpersonen", ansprache.LAST, ansprache.FOLLOW_UP]
screen = screen[first + [c for c in screen.columns if c not in first]]
# Short headers on screen (the caption names the window); files keep the long ones.
window = f" ({thresholds.months} Mon.)"
screen.columns = [c.replace(window, "").replace(f" {thresholds.months} Mon.", "") for c in screen.columns]

NUMBERS = ("In Folge gefehlt", "Quote (%)", "Quote davor (%)", "Ansprechpersonen", "Sitzungen", "Anwesend",
           "Entschuldigt")


def text(width: int) -> ColumnConfig:
    return st.column_config.TextColumn(width=width)


def number(column: str) -> ColumnConfig:
    """A count or percentage, as wide as its header needs and no wider."""
    return st.column_config.NumberColumn(width=max(75, 8 * len(column)), format="%d")


clickable_table(ansprache.highlight_due(coloured(screen, "Status")), shown["org_id"].tolist(), key="inactive_table",
                hide_index=True,
                column_config={"Organisation": text(240), "Kurzname": text(100), "Rolle": text(80), "Status": text(95),
                               "Zuletzt anwesend": text(130), "Hinweis": st.column_config.TextColumn(width="large"),
                               **{c: number(c) for c in screen.columns if c not in first[:3] and c in NUMBERS}})
st.caption("Klick auf eine Zeile öffnet das Profil der Organisation.")
st.caption(f"Sitzungen, Anwesend, Entschuldigt und Quote: die letzten {thresholds.months} Monate bis zum Stichtag; "
           f"Quote davor: die {thresholds.months} Monate davor. "
           f"Quote = Anteil der Sitzungen der Gruppe, an denen die Organisation teilnahm (ab Beginn ihrer "
           f"Mitgliedschaft). Inaktiv: {thresholds.last_meetings} Sitzungen in Folge verpasst und keine Teilnahme in "
           f"{thresholds.months} Monaten. Nachlassend: Quote auf höchstens {ratio} % des Vorzeitraums gefallen, "
           f"eine Entschuldigung zählt dabei als {weight} % einer Teilnahme.")

st.subheader("Ansprechpersonen")
people = contacts.contact_rows(shown)
if people.empty:
    st.caption("Für diese Organisationen ist in der Gruppe keine Ansprechperson erfasst.")
else:
    st.dataframe(people, hide_index=True, key="inactive_contacts",
                 column_config={contacts.CONTACT_LAST_ATTENDED: st.column_config.TextColumn(width=120)})
outreach_rows = listed
stem = f"ansprache-liste_{group_id}_{as_of.isoformat()}"
c1, c2 = st.columns(2)
c1.download_button("Ansprache-Liste als CSV", tables.csv_bytes(outreach_rows), file_name=f"{stem}.csv",
                   mime="text/csv", key="inactive_csv")
c2.download_button("Ansprache-Liste als Excel", tables.xlsx_bytes(outreach_rows, "Ansprache-Liste"),
                   file_name=f"{stem}.xlsx", key="inactive_xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

ansprache.section(shown if not shown.empty else partners, group_id, group_name, as_of, access(), database_path(),
                  pseudo)
