"""Sitzungen: list and detail of meetings with the source of every fact, protocol search, open action items."""

import pandas as pd
import streamlit as st

from analysis import meetings, profile
from analysis.tables import plain_markdown
from ui.data import data, has_data
from ui.explore import clickable_table
from ui.format import de, file_stem, hide, hide_text, period_caption, scope_stem
from ui.guard import page_start
from ui.widgets import DATE_COLUMN, dated, download_buttons, empty_notice
from vocab.periods import today
from vocab.terms import FORMAT_LABELS

f = page_start()

SOURCE = {"source_file": "Datei", "source_line": "Zeile"}


def label(row: dict) -> str:
    """'14.03.2024 · Fachgruppe Handwerk · Titel' (missing parts left out)."""
    return " · ".join(p for p in (de(row["date"]), row["group"], row["title"]) if isinstance(p, str) and p)


def open_hit() -> None:
    """Selecting a search hit opens that meeting in the detail below."""
    hit = st.session_state.get("search_hit")
    if hit:
        st.session_state["meeting_select"] = hit


st.title("Sitzungen")
if not has_data():
    empty_notice()
    st.stop()

as_of = today().isoformat()
st.caption(period_caption(f))

listing = hide(data(meetings.meeting_list, f.period, f.group_id), texts=["title"])
st.subheader("Sitzungen im Zeitraum")
if listing.empty:
    st.info("Im gewählten Zeitraum gibt es keine Sitzungen. Wählen Sie einen längeren Zeitraum oder eine "
            "andere Gruppe – die Suche und die offenen Aufgaben unten gelten trotzdem.")
else:
    shown = dated(listing, "date")
    shown["format"] = shown["format"].map(lambda v: FORMAT_LABELS.get(v, "–") if isinstance(v, str) else "–")
    shown = shown.drop(columns=["meeting_id", "organisations", "excused"]).rename(columns={
        "date": "Datum", "group": "Gruppe", "start": "Beginn", "end": "Ende", "title": "Titel", "format": "Format",
        "participants": "Teilnehmende", "protocol": "Protokoll"})
    st.dataframe(shown, hide_index=True,
                 column_config={"Datum": DATE_COLUMN, "Protokoll": st.column_config.CheckboxColumn()})
    download_buttons(scope_stem("sitzungen", f), df=shown, key="meetings_list", sheet="Sitzungen")

st.subheader("Volltextsuche in den Protokollen")
text = st.text_input("Suchbegriff", key="search_text", placeholder="z. B. Fachkräfte, „Antrag Koordinierungsteam“",
                     help="Alle Wörter müssen vorkommen; jedes Wort findet auch längere Wörter, die so "
                          "beginnen (Fachkräfte → Fachkräftesicherung). Wörter in Anführungszeichen werden "
                          "genau als Wortgruppe gesucht.")
everywhere = st.checkbox("In allen Protokollen suchen (Zeitraum und Gruppe ignorieren)", key="search_everywhere")
if text.strip():
    orgs = data(profile.find_organisations, text)
    if not orgs.empty:
        st.caption(f"{len(orgs)} Organisation(en) passen zum Suchbegriff – Klick auf eine Zeile öffnet ihr Profil:")
        clickable_table(orgs.drop(columns="org_id").rename(columns={
            "organisation": "Organisation", "short_name": "Kurzname", "type": "Typ"}), orgs["org_id"].tolist(),
            key="search_organisations", hide_index=True)
    if meetings.fts_query(text) is None:
        st.info("Der Suchbegriff enthält kein Wort, nach dem gesucht werden kann.")
    else:
        # Snippets may cut off a given name, so a surname standing alone is replaced here as well.
        hits = hide(data(meetings.search_protocols, text, None if everywhere else f.period,
                         None if everywhere else f.group_id), texts=["title", "snippet"], surnames=True)
        if hits.empty:
            st.info("Keine Treffer in den Protokollen.")
        else:
            st.caption(f"{len(hits)} Treffer; »…« markiert die Fundstelle.")
            found = dated(hits, "date").drop(columns="meeting_id").rename(columns={
                "date": "Datum", "group": "Gruppe", "title": "Sitzung", "snippet": "Fundstelle", **SOURCE})
            st.dataframe(found, hide_index=True, column_config={"Datum": DATE_COLUMN})
            # Not named after the search text: that may be a person's name.
            download_buttons(file_stem("suchtreffer", today().isoformat()), df=found, key="meetings_hits",
                             sheet="Suchtreffer")
            hit_labels = {r["meeting_id"]: label(r) for r in hits.to_dict("records")}
            st.selectbox("Treffer öffnen", [None, *hit_labels], key="search_hit", on_change=open_hit,
                         format_func=lambda m: "Sitzung wählen …" if m is None else hit_labels[m])

st.subheader("Sitzung im Detail")
options = listing["meeting_id"].tolist()
labels = {r["meeting_id"]: label(r) for r in listing.to_dict("records")}
selected = st.session_state.get("meeting_select")
if selected and selected not in labels:  # opened from a search hit outside the filter
    extra = hide_text(data(meetings.meeting_label, selected))
    if extra:
        options.insert(0, selected)
        labels[selected] = extra
if not options:
    st.info("Keine Sitzung zum Anzeigen.")
else:
    chosen = st.selectbox("Sitzung", options, format_func=lambda m: labels.get(m, m), key="meeting_select")
    detail = data(meetings.meeting_detail, chosen, as_of)
    if detail is None:
        st.info("Diese Sitzung ist nicht (mehr) in der Datenbank.")
    else:
        h = {**detail.header, "title": hide_text(detail.header["title"]),
             "location": hide_text(detail.header["location"])}
        meeting_stem = file_stem("sitzung", h["date"], h["group"])
        c1, c2, c3, c4 = st.columns(4)
        c1.metric("Datum", de(h["date"]))
        c2.metric("Uhrzeit", f"{h['start']} – {h['end']}" if h["start"] and h["end"] else (h["start"] or "–"))
        c3.metric("Format", FORMAT_LABELS.get(h["format"] or "", "–"))
        c4.metric("Gruppe", plain_markdown(h["group"]))  # metric values are markdown
        sources = ", ".join(detail.protocols["source_file"]) if not detail.protocols.empty else "kein Protokoll"
        facts = pd.DataFrame({"Angabe": ["Titel", "Ort", "Protokoll", "Sitzung erfasst in"],
                              "Wert": [h["title"] or "–", h["location"] or "–", sources,
                                       f"{h['source_file'] or '–'}"
                                       + (f", Zeile {h['source_line']}" if h["source_line"] else "")]})
        st.dataframe(facts, hide_index=True)
        download_buttons(meeting_stem, df=facts, key="meeting_facts")

        people = hide(detail.participants, persons=["name"], texts=["note"]).copy()
        if people["note"].isna().all():
            people = people.drop(columns="note")
        columns = {"name": "Name", "organisation": "Organisation", "status": "Status", "note": "Hinweis", **SOURCE}
        present, excused = (part.rename(columns=columns) for part in meetings.split_by_attendance(people))
        for title, frame, part in (("Anwesend", present, "anwesend"), ("Entschuldigt / abwesend", excused, "fehlend")):
            st.markdown(f"**{title} ({len(frame)})**")
            if frame.empty:
                st.caption("Niemand erfasst.")
            else:
                st.dataframe(frame, hide_index=True)
                download_buttons(f"{meeting_stem}_{part}", df=frame, key=f"meeting_{part}")

        st.markdown("**Tagesordnung**")
        if detail.agenda.empty:
            st.caption("Keine Tagesordnung erfasst.")
        else:
            agenda = hide(detail.agenda, texts=["text"]).rename(columns={"position": "Nr.", "text": "Punkt", **SOURCE})
            st.dataframe(agenda, hide_index=True)
            download_buttons(f"{meeting_stem}_tagesordnung", df=agenda, key="meeting_agenda")
        st.markdown("**Beschlüsse**")
        if detail.decisions.empty:
            st.caption("Keine Beschlüsse erfasst.")
        else:
            decided = hide(detail.decisions, texts=["text"]).rename(columns={"text": "Beschluss", **SOURCE})
            st.dataframe(decided, hide_index=True)
            download_buttons(f"{meeting_stem}_beschluesse", df=decided, key="meeting_decisions")
        st.markdown("**Aufgaben**")
        if detail.action_items.empty:
            st.caption("Keine Aufgaben erfasst.")
        else:
            tasks = dated(hide(detail.action_items, persons=["owner"], texts=["text"]), "due").rename(columns={
                "text": "Aufgabe", "owner": "Verantwortlich", "due": "Fällig", "state": "Stand", **SOURCE})
            st.dataframe(tasks, hide_index=True, column_config={"Fällig": DATE_COLUMN})
            download_buttons(f"{meeting_stem}_aufgaben", df=tasks, key="meeting_tasks")

st.subheader("Offene Aufgaben aus allen Sitzungen")
todo = hide(data(meetings.open_action_items, as_of, f.group_id), persons=["owner"], texts=["text"])
if todo.empty:
    st.success("Keine offenen Aufgaben"
               + (f" in der Gruppe „{plain_markdown(f.group_name)}“." if f.group_name else "."))
else:
    overdue = int(todo["overdue"].sum())
    if overdue:
        st.warning(f"{overdue} von {len(todo)} offenen Aufgaben sind überfällig.")
    open_items = dated(todo, "date", "due").drop(columns="meeting_id").rename(columns={
        "date": "Sitzung", "group": "Gruppe", "text": "Aufgabe", "owner": "Verantwortlich", "due": "Fällig",
        "overdue": "Überfällig", "days_overdue": "Tage überfällig", **SOURCE})
    st.dataframe(open_items, hide_index=True, column_config={"Sitzung": DATE_COLUMN, "Fällig": DATE_COLUMN})
    download_buttons(file_stem("offene-aufgaben", f.group_name or "alle Gruppen", as_of), df=open_items,
                     key="meetings_open_items", sheet="Offene Aufgaben")
