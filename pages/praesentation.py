"""Präsentation: full-width slides for a projector (1280×720) – Übersicht, Beteiligung, Partnernetz, Projekte,
Regelcheck – for one group and period, names hidden by default, ◀/▶ buttons (also the arrow keys)."""

from datetime import date

import plotly.graph_objects as go
import streamlit as st

from analysis import network, overview, participation, projects, rules
from analysis.charts import overview as overview_charts
from analysis.charts import participation as participation_charts
from analysis.charts import projects as project_charts
from analysis.charts.network import network_figure
from analysis.tables import plain_markdown as plain
from ui.data import data, has_data
from ui.explore import palette
from ui.format import LIGHT_MARKS, german_number, hide, scope_stem
from ui.guard import Filters, page_start
from ui.widgets import chart, download_buttons, empty_notice, report_downloads
from vocab.periods import DATE_FORMAT, presets, today
from vocab.terms import LIFECYCLE_LABELS, LIGHT_LABELS

sidebar = page_start()

SLIDES = ("Übersicht", "Beteiligung", "Partnernetz", "Projekte", "Regelcheck")
SLIDE_KEY = "presentation_slide"
CHART_FONT = 17
CHART_HEIGHT = 440  # leaves room for title and buttons at 1280×720

# Constant stylesheet (no data): sidebar and header hidden, full width, projector-sized type.
STYLE = """<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"] {
  display: none !important;
}
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0.8rem 2rem 1rem 2rem !important; }
[data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li { font-size: 1.35rem; }
[data-testid="stMainBlockContainer"] h1 { font-size: 2.4rem !important; padding: 0.2rem 0 0.4rem 0 !important; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * { font-size: 3.2rem !important; line-height: 1.1; }
[data-testid="stMetricLabel"] p { font-size: 1.3rem !important; }
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"],
[data-testid="stMetricLabel"] p { white-space: normal !important; overflow: visible !important; }
@media (max-width: 1000px) { [data-testid="stMetricLabel"] { min-height: 3.6rem; align-items: flex-start; } }
[data-testid="stCaptionContainer"] p { font-size: 1.15rem !important; }
[data-testid="stBaseButton-secondary"] p, [data-testid="stBaseButton-primary"] p { font-size: 1.2rem; }
</style>"""


def step(delta: int) -> None:
    """◀ / ▶: the previous or next slide (stops at the first and the last)."""
    current = st.session_state.get(SLIDE_KEY) or SLIDES[0]
    st.session_state[SLIDE_KEY] = SLIDES[min(max(SLIDES.index(current) + delta, 0), len(SLIDES) - 1)]


def big(fig: go.Figure, height: int = CHART_HEIGHT) -> go.Figure:
    """The figure with projector-sized fonts and a height that fits one slide (figures are built fresh here)."""
    fig.update_layout(font=dict(size=CHART_FONT), height=min(int(fig.layout.height or height), height),
                      hoverlabel=dict(font_size=CHART_FONT), margin=dict(l=20, r=20, t=20, b=20))
    fig.update_xaxes(automargin=True, title_standoff=12)
    fig.update_yaxes(automargin=True, title_standoff=12)
    return fig


st.html(STYLE)
if not has_data():
    empty_notice()
    st.stop()

# --- settings (the sidebar is hidden here, so the page has its own, starting from the sidebar's) ----------
as_of = today()
groups = data(overview.groups)
group_names: dict[str | None, str] = {None: "Alle Gruppen", **dict(zip(groups["id"], groups["name"], strict=True))}
periods = presets(as_of, data(overview.first_year))
labels = [p.label for p in periods]
# Navigation on top, the slide below it, the settings at the bottom (off the projected area); the settings
# widgets run first because the slide depends on them, and fill the containers created above them.
navigation = st.container()
body = st.container()
settings = st.expander("Einstellungen: Gruppe, Zeitraum, Namen · Jahresbericht · Präsentation beenden")
with settings:
    c1, c2, c3 = st.columns([3, 2, 2], vertical_alignment="bottom")
    ids = list(group_names)
    group_id = c1.selectbox("Gruppe", ids, format_func=group_names.__getitem__, key="presentation_group",
                            index=ids.index(sidebar.group_id) if sidebar.group_id in group_names else 0,
                            placeholder="Alle Gruppen")  # a cleared box means all groups, as in the sidebar
    period_label = c2.selectbox("Zeitraum", labels, key="presentation_period",
                                index=labels.index(sidebar.period.label) if sidebar.period.label in labels else 0,
                                placeholder=sidebar.period.label) or sidebar.period.label
    if period_label not in labels:
        period_label = labels[0]
    hidden = c3.toggle("Namen ausblenden", value=True, key="presentation_hide_names",
                       help="In der Präsentation standardmäßig an: Personen erscheinen als „Person A“, „Person B“ …")
f = Filters(periods[labels.index(period_label)], group_id, group_names[group_id] if group_id else None, hidden)
scope = f.group_name or "alle Gruppen"

# --- navigation --------------------------------------------------------------------------------------------
if st.session_state.get(SLIDE_KEY) not in SLIDES:
    st.session_state[SLIDE_KEY] = SLIDES[0]
index = SLIDES.index(st.session_state[SLIDE_KEY])
# One row that wraps instead of fixed columns: at 768 px fixed columns cut the buttons („Wei…“) and hid a slide.
row = navigation.container(horizontal=True, vertical_alignment="center", horizontal_alignment="distribute")
row.button("◀ Zurück", key="presentation_back", on_click=step, args=(-1,), disabled=index == 0,
           shortcut="Left", help="Vorige Folie (Taste ←)")
row.segmented_control("Folie", SLIDES, key=SLIDE_KEY, required=True, label_visibility="collapsed")
row.button("Weiter ▶", key="presentation_next", on_click=step, args=(1,), disabled=index == len(SLIDES) - 1,
           shortcut="Right", type="primary", help="Nächste Folie (Taste →)")
slide = SLIDES[index]
caption = f"{f.period.label} ({f.period.start[8:10]}.{f.period.start[5:7]}.{f.period.start[:4]} – " \
          f"{f.period.end[8:10]}.{f.period.end[5:7]}.{f.period.end[:4]}) · Folie {index + 1} von {len(SLIDES)}"

# --- slides ------------------------------------------------------------------------------------------------
with body:
    if slide == "Übersicht":
        st.title(f"Übersicht – {plain(scope)}")
        st.caption(caption)
        tiles = data(overview.kpis, f.period, f.group_id)
        for column, kpi in zip(st.columns(len(tiles)), tiles, strict=True):
            column.metric(kpi.label, german_number(kpi.value),
                          delta=None if kpi.delta is None else german_number(kpi.delta, signed=True),
                          help="Keine Daten in der Vorperiode: kein Vergleich." if kpi.previous is None
                          else f"Vorperiode: {german_number(kpi.previous)}")
        over_time = data(overview.meetings_over_time, f.period, f.group_id)
        figure = big(overview_charts.meetings_over_time(over_time, palette()), 380)
        chart(figure, theme=None, key="presentation_overview_chart")
        download_buttons(scope_stem("praesentation-sitzungen", f), fig=figure, df=over_time,
                         key="presentation_overview", title="Sitzungen im Zeitverlauf")

    elif slide == "Beteiligung":
        st.title(f"Beteiligung – {plain(scope)}")
        if f.group_id is not None:
            cells = hide(data(participation.attendance_matrix, f.period, f.group_id), texts=["title"], hidden=hidden)
            figure = participation_charts.label_every_row(big(participation_charts.attendance_heatmap(cells)),
                                                          CHART_HEIGHT, CHART_FONT)
            frame = cells[["date", "title", "organisation", "cell"]]
            st.caption(f"{caption} · Anwesenheit je Sitzung: die regelmäßigen Partner oben, die nachlassenden unten")
        else:
            frame = data(participation.org_rates, f.period, None)
            figure = big(participation_charts.org_rates(frame, limit=15))
            st.caption(f"{caption} · Beteiligungsquote der 15 Organisationen mit den meisten Sitzungen")
        chart(figure, theme=None, key="presentation_participation_chart")
        download_buttons(scope_stem("praesentation-beteiligung", f), fig=figure, df=frame,
                         key="presentation_participation", title=f"Beteiligung – {scope}")

    elif slide == "Partnernetz":
        st.title(f"Partnernetz – {plain(scope)}")
        view = data(network.network_view, f.period, "both", f.group_id)
        if view.graph.number_of_nodes() == 0:
            st.caption(caption)
            st.info("Im gewählten Zeitraum gibt es keine Verbindungen und keine Mitgliedsorganisationen.")
        else:
            st.caption(f"{caption} · {view.graph.number_of_nodes()} Organisationen, {view.shown_edges} Verbindungen "
                       "über gemeinsame Sitzungen und Projekte; Punktgröße = besuchte Sitzungen"
                       + (f" · {view.note}" if view.note else ""))
            # Same rules as the Partnernetz: labels in screen pixels that never overlap, the view fitted to the
            # largest component, organisations without links listed beside it; the width is the slide's at 1024 px.
            drawing, beside = st.columns([4, 1])
            figure = network_figure(view, max_labels=25, label_size=16, colour_by="group", group_colours=palette(),
                                    height=470, min_width=740)
            with drawing:
                chart(figure, theme=None, key="presentation_network_chart")
            isolated = sorted(str(a["label"]) for n, a in view.graph.nodes(data=True) if view.graph.degree(n) == 0)
            beside.markdown(f"**Ohne Verbindung ({len(isolated)})**")
            beside.caption("  \n".join(plain(name) for name in isolated) if isolated else "keine")
            download_buttons(scope_stem("praesentation-partnernetz", f), network=view, key="presentation_network",
                             title=f"Partnernetz – {scope} – {f.period.label}")

    elif slide == "Projekte":
        st.title(f"Projekte – {plain(scope)}")
        st.caption(caption)
        phases = data(projects.lifecycle, f.period, f.group_id, as_of.isoformat())
        markers = hide(data(projects.presentations, f.period, f.group_id), texts=["note", "meeting_title"],
                       hidden=hidden)
        if phases.empty and markers.empty:
            st.info("Im gewählten Zeitraum gibt es keine Projekte" + (f" mit Bezug zu „{plain(scope)}“." if f.group_id
                                                                      else "."))
        else:
            figure = big(project_charts.gantt(phases, markers, f.period))
            chart(figure, theme=None, key="presentation_projects_chart")
            download_buttons(scope_stem("praesentation-projekte", f), fig=figure, key="presentation_projects",
                             df=phases.drop(columns="project_id"), title=f"Projekte – {scope}")

    else:  # Regelcheck
        st.title(f"Regelcheck – {plain(scope)}")
        end = date.fromisoformat(f.period.end)
        checked = data(rules.checked_group, f.group_id)
        st.caption(f"Grundprinzipien §6 zum Stichtag {end:{DATE_FORMAT}}, geprüft werden die zwölf Monate davor · "
                   f"Folie {index + 1} von {len(SLIDES)}")
        results = hide(data(rules.check_rules, end, checked), texts=["evidence"], hidden=hidden)
        if results.empty:
            st.info("Zum Stichtag gibt es keine Fachgruppe, die zu prüfen wäre.")
        elif checked is None:
            if f.group_id:
                st.caption(f"„{plain(scope)}“ ist keine Fachgruppe; gezeigt werden alle Fachgruppen.")
            summary = rules.summary(results)
            st.dataframe(summary, hide_index=True, width="stretch", row_height=44)
            download_buttons(scope_stem("praesentation-regelcheck", f), df=summary, key="presentation_rules")
        else:
            stage = LIFECYCLE_LABELS[results.iloc[0]["lifecycle"]]
            st.markdown(f"**Status der Gruppe: {stage}**")
            for check in results.to_dict("records"):
                light = check["light"]
                st.markdown(f"### {LIGHT_MARKS[light]} § {check['rule']} {plain(check['title'])} – "
                            f"{LIGHT_LABELS[light]}")
                st.markdown(plain(check["evidence"]))
            download_buttons(scope_stem("praesentation-regelcheck", f), key="presentation_rules",
                             df=results.assign(light=results["light"].map(LIGHT_LABELS))
                             [["rule", "title", "light", "evidence"]].rename(columns={
                                 "rule": "§", "title": "Regel", "light": "Ergebnis", "evidence": "Nachweis"}))

with settings:
    st.markdown("**Jahresbericht an die AG Transfer**")
    report_downloads("presentation", f.group_id, date.fromisoformat(f.period.end), hidden)
    st.page_link("pages/uebersicht.py", label="Präsentation beenden (zurück zur Übersicht)", icon=":material/undo:")
