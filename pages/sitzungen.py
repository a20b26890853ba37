"""Sitzungen: list and detail of meetings with the source of every fact, protocol search, open action items."""

import pandas as pd
import streamlit as st

from analysis import meetings, overview, participation, profile, search
from analysis.tables import plain_markdown
from ui.data import data, has_data
from ui.explore import clickable_table
from ui.format import de, entries, file_stem, filled, hide, hide_file, hide_text, period_caption, scope_stem
from ui.guard import filters, page_start
from ui.widgets import DATE_COLUMN, dated, download_buttons, empty_notice
from vocab.periods import presets, today
from vocab.terms import FORMAT_LABELS

f = page_start()

SOURCE = {"source_file": "Datei", "source_line": "Zeile"}
# Short columns stay narrow, so name and organisation fit beside them at 1024 px.
# Status 100 px: "small" cut „entschuldigt“ at 768 px.
NARROW = {"Status": st.column_config.TextColumn(width=100), "Zeile": st.column_config.NumberColumn(width="small"),
          "Datei": st.column_config.TextColumn(width="small")}


def label(row: dict) -> str:
    """'14.03.2024 · Fachgruppe Handwerk · Titel' (missing parts left out)."""
    return " · ".join(p for p in (de(row["date"]), row["group"], row["title"]) if isinstance(p, str) and p)


def open_hit() -> None:
    """Selecting a search hit opens that meeting below; a hit outside the filters widens them first
    (its year, or the whole time; its group), so the detail never shows a meeting outside the filters."""
    hit = st.session_state.get("search_hit")
    if not hit:
        return
    scope = data(meetings.meeting_scope, hit)
    if scope is not None:
        current = filters()
        group_id, day = scope
        if current.group_id not in (None, group_id):
            st.session_state["filter_group"] = group_id
        if not current.period.start <= day <= current.period.end:
            year = f"Jahr {day[:4]}"
            st.session_state["filter_period"] = year if year in period_labels() else "Gesamter Zeitraum"
    st.session_state["meeting_select"] = hit


def period_labels() -> list[str]:
    return [p.label for p in presets(today(), data(overview.first_year))]


def search_everywhere() -> None:
    st.session_state["search_everywhere"] = True


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
    # Without any attendance record the count is unknown: "keine Anwesenheit erfasst", not 0 and not "None".
    shown["participants"] = [str(int(n)) if known else "keine erfasst"
                             for n, known in zip(shown["participants"].fillna(0), shown["recorded"], strict=True)]
    shown = filled(shown.drop(columns=["meeting_id", "organisations", "excused", "recorded"]).rename(columns={
        "date": "Datum", "group": "Gruppe", "start": "Beginn", "end": "Ende", "title": "Titel", "format": "Format",
        "participants": "Teilnehmende", "protocol": "Protokoll"}), dates=["Datum"])
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
    orgs = data(profile.find_organisations, text[:200])
    if not orgs.empty:
        st.caption(f"{entries(len(orgs), 'Organisation passt', 'Organisationen passen')} zum Suchbegriff – "
                   "Klick auf eine Zeile öffnet das Profil:")
        clickable_table(orgs.drop(columns="org_id").rename(columns={
            "organisation": "Organisation", "short_name": "Kurzname", "type": "Typ"}), orgs["org_id"].tolist(),
            key="search_organisations", hide_index=True)
    result: search.SearchResult | None
    try:
        # Snippets may cut off a given name, so a surname standing alone is replaced here as well.
        result = data(search.search, text, None if everywhere else f.period, None if everywhere else f.group_id)
    except search.SearchError as problem:
        st.warning(str(problem))
        result = None
    if result is not None and search.fts_query(text) is None:
        st.info("Der Suchbegriff enthält kein Wort, nach dem gesucht werden kann.")
    elif result is not None:
        hits = hide(result.hits, texts=["title", "snippet"], surnames=True)
        if result.outside:
            note, offer = st.columns([3, 1], vertical_alignment="center")
            note.info(f"{entries(result.outside, 'weiterer Treffer', 'weitere Treffer')} außerhalb von Zeitraum "
                      "und Gruppe.")
            offer.button("Alle Treffer zeigen", key="search_show_all", on_click=search_everywhere,
                         icon=":material/search:")
        if hits.empty:
            st.info("Keine Treffer in den Protokollen" + (" im gewählten Zeitraum und in der gewählten Gruppe."
                                                         if result.outside else "."))
        else:
            st.caption(f"{entries(len(hits), 'Treffer', 'Treffer')}; »…« markiert die Fundstelle.")
            found = filled(dated(hits, "date").drop(columns="meeting_id").rename(columns={
                "date": "Datum", "group": "Gruppe", "title": "Sitzung", "snippet": "Fundstelle", **SOURCE}),
                dates=["Datum"])
            st.dataframe(found, hide_index=True, column_config={"Datum": DATE_COLUMN})
            # Not named after the search text: that may be a person's name.
            download_buttons(file_stem("suchtreffer", today().isoformat()), df=found, key="meetings_hits",
                             sheet="Suchtreffer")
            hit_labels = {r["meeting_id"]: label(r) for r in hits.to_dict("records")}
            st.selectbox("Treffer öffnen", [None, *hit_labels], key="search_hit", on_change=open_hit,
                         format_func=lambda m: "Sitzung wählen …" if m is None else hit_labels[m],
                         placeholder="Sitzung wählen …")

st.subheader("Sitzung im Detail")
options = listing["meeting_id"].tolist()
labels = {r["meeting_id"]: label(r) for r in listing.to_dict("records")}
if st.session_state.get("meeting_select") not in labels:  # outside the current filters: never shown
    st.session_state.pop("meeting_select", None)
if not options:
    st.info("Keine Sitzung zum Anzeigen.")
else:
    chosen = st.selectbox("Sitzung", options, format_func=lambda m: labels.get(m, m), key="meeting_select",
                          placeholder="Sitzung wählen …") or options[0]
    detail = data(meetings.meeting_detail, chosen, as_of)
    if detail is None:
        st.info("Diese Sitzung ist nicht (mehr) in der Datenbank.")
    else:
        h = {**detail.header, "title": hide_text(detail.header["title"]),
             "location": hide_text(detail.header["location"])}
        meeting_stem = file_stem("sitzung", h["date"], h["group"])
        # One wrapping line instead of four metrics: at 1024 px metrics cut the date and the group to "25.11.…".
        when = f"{h['start']} – {h['end']} Uhr" if h["start"] and h["end"] else str(h["start"] or "")
        head = [de(h["date"]), when, FORMAT_LABELS.get(str(h["format"] or ""), ""), str(h["group"] or "")]
        st.markdown("#### " + plain_markdown(" · ".join(p for p in head if p)))
        sources = (", ".join(str(hide_file(s)) for s in detail.protocols["source_file"])
                   if not detail.protocols.empty else "kein Protokoll")
        facts = pd.DataFrame({"Angabe": ["Datum", "Uhrzeit", "Format", "Gruppe", "Titel", "Ort", "Protokoll",
                                         "Sitzung erfasst in"],
                              "Wert": [de(h["date"]), when or "–", FORMAT_LABELS.get(str(h["format"] or ""), "–"),
                                       h["group"] or "–", h["title"] or "–", h["location"] or "–", sources,
                                       f"{hide_file(h['source_file']) or '–'}"
                                       + (f", Zeile {h['source_line']}" if h["source_line"] else "")]})
        st.dataframe(facts, hide_index=True, key="meeting_facts_table",
                     column_config={"Angabe": st.column_config.TextColumn(width="small")})
        download_buttons(meeting_stem, df=facts, key="meeting_facts")

        people = hide(detail.participants, persons=["name"], texts=["note"]).copy()  # also hides file names
        if people["note"].isna().all():
            people = people.drop(columns="note")
        columns = {"name": "Name", "organisation": "Organisation", "status": "Status", "note": "Hinweis", **SOURCE}
        if people.empty:  # no list at all: unknown, not "nobody came"
            st.markdown("**Anwesenheit**")
            st.info(f"Für diese Sitzung ist {participation.NOT_RECORDED} – weder aus einem Protokoll noch aus "
                    "einer Anwesenheitsliste.")
        else:
            present, excused = meetings.split_by_attendance(people)
            for title, rows, part in (("Anwesend", present, "anwesende"),
                                      ("Entschuldigt oder gefehlt", excused, "fehlend")):
                st.markdown(f"**{title} ({len(rows)})**")
                if rows.empty:
                    st.caption("Niemand erfasst.")
                else:
                    frame = filled(rows.drop(columns=["person_id", "org_id"]).rename(columns=columns))
                    # A click on a name opens the person's profile (its URL carries the opaque key, not the name);
                    # a row with only an organisation („–“) opens the organisation instead of doing nothing.
                    named = rows["person_id"].notna().tolist()
                    ids = [p if n else o for p, o, n in zip(rows["person_id"], rows["org_id"], named, strict=True)]
                    clickable_table(frame, ids, key=f"meeting_{part}_table", hide_index=True, column_config=NARROW,
                                    kinds=["person" if n else "organisation" for n in named])
                    st.caption("Klick auf eine Zeile öffnet das Profil der Person (ohne Namen: der Organisation).")
                    download_buttons(f"{meeting_stem}_{part}", df=frame, key=f"meeting_{part}")

        st.markdown("**Tagesordnung**")
        if detail.agenda.empty:
            st.caption("Keine Tagesordnung erfasst.")
        else:
            agenda = filled(hide(detail.agenda, texts=["text"]).rename(
                columns={"position": "Nr.", "text": "Punkt", **SOURCE}))
            st.dataframe(agenda, hide_index=True)
            download_buttons(f"{meeting_stem}_tagesordnung", df=agenda, key="meeting_agenda")
        st.markdown("**Beschlüsse**")
        if detail.decisions.empty:
            st.caption("Keine Beschlüsse erfasst.")
        else:
            decided = filled(hide(detail.decisions, texts=["text"]).rename(columns={"text": "Beschluss", **SOURCE}))
            st.dataframe(decided, hide_index=True)
            download_buttons(f"{meeting_stem}_beschluesse", df=decided, key="meeting_decisions")
        st.markdown("**Aufgaben**")
        if detail.action_items.empty:
            st.caption("Keine Aufgaben erfasst.")
        else:
            tasks = filled(dated(hide(detail.action_items, persons=["owner"], texts=["text"]), "due").rename(columns={
                "text": "Aufgabe", "owner": "Verantwortlich", "due": "Fällig", "state": "Stand", **SOURCE}),
                dates=["Fällig"])
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
        st.warning(f"{overdue} von {entries(len(todo), 'offenen Aufgabe', 'offenen Aufgaben')} "
                   f"{'ist' if overdue == 1 else 'sind'} überfällig.")
    open_items = filled(dated(todo, "date", "due").drop(columns="meeting_id").rename(columns={
        "date": "Sitzung", "group": "Gruppe", "text": "Aufgabe", "owner": "Verantwortlich", "due": "Fällig",
        "overdue": "Überfällig", "days_overdue": "Tage überfällig", **SOURCE}), dates=["Sitzung", "Fällig"])
    st.dataframe(open_items, hide_index=True, column_config={"Sitzung": DATE_COLUMN, "Fällig": DATE_COLUMN})
    download_buttons(file_stem("offene-aufgaben", f.group_name or "alle Gruppen", as_of), df=open_items,
                     key="meetings_open_items", sheet="Offene Aufgaben")
