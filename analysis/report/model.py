"""The Jahresbericht of one group as plain data, built once and rendered to DOCX, PDF, PPTX or Markdown.

Groups report to the AG Transfer once a year (Grundprinzipien 6.4). The model holds finished German
text, tables and PNG charts, so the renderers only lay them out and every format says the same.
Statuses and rules are judged at 31.12. of the year, as the Inaktive Partner and Regelcheck pages do.
"""

from __future__ import annotations

import functools
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

import pandas as pd
import plotly.graph_objects as go

from analysis import inactivity, meetings, network, participation, projects, rules
from analysis.charts import participation as participation_charts
from analysis.charts import projects as project_charts
from analysis.charts.network import spread_figure
from analysis.charts.palette import group_colours, group_order
from analysis.db import query
from analysis.downloads import ExportError, png_bytes
from analysis.pseudonymise import Pseudonyms, pseudonyms
from analysis.report import figures
from vocab.formats import german_number, german_percent
from vocab.periods import DATE_FORMAT, calendar_year, today
from vocab.periods import german_date as de
from vocab.terms import (
    ACTIVE,
    ACTIVITY_LABELS,
    FACT_LABELS,
    FADING,
    GROUP_KIND_LABELS,
    GUEST,
    INACTIVE,
    IS_MEMBER,
    LIFECYCLE_LABELS,
    LIGHT_LABELS,
    MEMBER_ROLES,
    ROLE_LABELS,
    heading,
)

log = logging.getLogger("netzwerkradar")

RATES_LIMIT = 25  # bars in the printed Beteiligungsquote chart
NETWORK_MM = 170.0


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table of finished strings; `lights` (green/yellow/red or None per row) colours the status column."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # relative column widths, empty = equal
    lights: tuple[str | None, ...] = ()
    light_column: int | None = None


@dataclass(frozen=True)
class Chart:
    """A chart as PNG with its title; `name` is a file-name stem for formats that keep images apart.

    `width`/`height` are the picture's pixels, `width_mm` the printed width it was laid out for
    (see `analysis.report.figures`): renderers place it at that width so its text keeps its size.
    """

    title: str
    name: str
    png: bytes
    width: int
    height: int
    width_mm: float = figures.PRINT_WIDTH_MM

    @property
    def height_mm(self) -> float:
        return self.width_mm * self.height / self.width


Block = Paragraph | Bullets | Table | Chart


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Report:
    """One group's yearly report: title page data and sections in reading order."""

    title: str
    group: str
    year: int
    subtitle: str
    created: str
    pseudonymised: bool
    sections: tuple[Section, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def charts(self) -> tuple[Chart, ...]:
        return tuple(b for s in self.sections for b in s.blocks if isinstance(b, Chart))


def _missing(value: object) -> bool:
    """None, NaN, NA or NaT: a gap in a table."""
    return value is None or (not isinstance(value, str) and bool(pd.isna(cast(Any, value))))


def _s(value: object) -> str:
    if _missing(value):
        return "–"
    return str(value)


def _decimal(number: float) -> str:
    return german_number(number, decimals=1)


def _percent(rate: object) -> str:
    if _missing(rate):
        return "–"
    return german_percent(float(cast(float, rate)))


class _Names:
    """Pseudonymisation switched on or off, so the builders do not branch on it."""

    def __init__(self, pseudo: Pseudonyms | None) -> None:
        self.pseudo = pseudo

    def person(self, value: object) -> str:
        return _s(self.pseudo.name(value) if self.pseudo else value)

    def text(self, value: object) -> str:
        return _s(self.pseudo.text(value) if self.pseudo else value)


def _group(conn: sqlite3.Connection, group_id: str) -> dict[str, object]:
    row = conn.execute("SELECT id, name, kind, topic, founded, dissolved FROM groups WHERE id = ?",
                       (group_id,)).fetchone()
    if row is None:
        raise ValueError(f"Gruppe „{group_id}“ nicht gefunden.")
    return dict(zip(("id", "name", "kind", "topic", "founded", "dissolved"), tuple(row), strict=True))


def members(conn: sqlite3.Connection, group_id: str, year: int) -> pd.DataFrame:
    """Member organisations during the year: organisation, role, since, until, new (joined in the year).

    Groups without a membership list: organisations that attended in the year (not only as guests),
    new when their first attendance in the group falls in the year.
    """
    start, end = f"{year}-01-01", f"{year}-12-31"
    has_list = conn.execute("SELECT 1 FROM memberships WHERE group_id = ? LIMIT 1", (group_id,)).fetchone()
    if has_list:
        frame = query(conn, """
            SELECT o.name AS organisation, ms.role, ms.since, ms.until,
                   (ms.since IS NOT NULL AND ms.since BETWEEN :start AND :end) AS new
            FROM memberships ms JOIN organisations o ON o.id = ms.org_id
            WHERE ms.group_id = :g AND (ms.since IS NULL OR ms.since <= :end)
              AND (ms.until IS NULL OR ms.until >= :start)
            ORDER BY ms.role = :lead DESC, o.name""", {"g": group_id, "start": start, "end": end,
                                                        "lead": MEMBER_ROLES[0]})
    else:
        frame = query(conn, """
            WITH firsts AS (SELECT org_id, MIN(date) AS since FROM org_attendance
                            WHERE group_id = :g AND membership = :member GROUP BY org_id)
            SELECT o.name AS organisation, :member_role AS role, f.since, NULL AS until,
                   f.since BETWEEN :start AND :end AS new
            FROM firsts f JOIN organisations o ON o.id = f.org_id
            WHERE f.org_id IN (SELECT org_id FROM v_org_attendance WHERE group_id = :g AND status != :guest_status
                                 AND date BETWEEN :start AND :end)
            ORDER BY o.name""", {"g": group_id, "start": start, "end": end, "member": IS_MEMBER,
                                 "member_role": MEMBER_ROLES[1], "guest_status": GUEST})
    frame["new"] = frame["new"].astype(bool)
    return frame


def decisions(conn: sqlite3.Connection, group_id: str, year: int) -> pd.DataFrame:
    """Decisions recorded in the group's protocols of the year: date, text, source_file, source_line."""
    return query(conn, """
        SELECT m.date, d.text, d.source_file, d.source_line
        FROM decisions d JOIN meetings m ON m.id = d.meeting_id
        WHERE m.group_id = ? AND m.date BETWEEN ? AND ?
        ORDER BY m.date, COALESCE(d.source_line, 0), d.id""", (group_id, f"{year}-01-01", f"{year}-12-31"))


def report_tasks(conn: sqlite3.Connection, group_id: str, year: int) -> pd.DataFrame:
    """Open tasks the report lists: those from the year's meetings plus older ones overdue at 31.12.

    Not every open task since the first protocol: most old ones without a due date were simply never
    marked done. Columns as `meetings.open_action_items`.
    """
    todo = meetings.open_action_items(conn, date(year, 12, 31), group_id)
    keep = (todo["date"] >= f"{year}-01-01") | todo["overdue"]
    return todo[keep].reset_index(drop=True)


def _entries(count: int, one: str, many: str) -> str:
    """'1 offene Aufgabe' / '3 offene Aufgaben'."""
    return f"{count} {one if count == 1 else many}"


def _chart(render: Callable[[], go.Figure], title: str, name: str, height_mm: float,
           legend_below: bool = True) -> Chart:
    """One figure laid out for print (see `figures.for_print`) and rendered at 300 dpi."""
    fig = figures.for_print(render(), height_mm, legend_below)
    width, height = int(fig.layout.width), int(fig.layout.height)
    png = png_bytes(fig, width=width, height=height, scale=figures.scale())
    return Chart(title, name, png, round(width * figures.scale()), round(height * figures.scale()))


def build_report(conn: sqlite3.Connection, group_id: str, year: int, hide_names: bool = False,
                 charts: bool = True) -> Report:
    """Collect everything the Jahresbericht says about the group in `year` (names hidden on request).

    `charts=False` leaves the pictures out (fast; used by tests and when no browser is installed the
    report says so in a note instead of failing).
    """
    group = _group(conn, group_id)
    name = str(group["name"])
    period = calendar_year(year)
    as_of = date(year, 12, 31)
    names = _Names(pseudonyms(conn) if hide_names else None)
    notes: list[str] = []
    chart_factory = _ChartFactory(charts, notes)

    # --- the group, its lead and partners -----------------------------------------------------
    who = members(conn, group_id, year)
    leads = who.loc[who["role"] == "lead", "organisation"].tolist()
    intro: list[Block] = [Paragraph(f"{name} ({GROUP_KIND_LABELS.get(str(group['kind']), 'Gruppe')})"
                       + (f", Thema: {names.text(group['topic'])}" if group["topic"] else "") + "."),
             Paragraph(f"Leitung: {', '.join(leads) if leads else 'keine Leitung erfasst'}.")]
    if group["founded"]:
        intro.append(Paragraph(f"Gegründet am {de(group['founded'])}"
                               + (f", aufgelöst am {de(group['dissolved'])}." if group["dissolved"] else ".")))
    if who.empty:
        intro.append(Paragraph(f"Im Jahr {year} sind keine Partnerorganisationen erfasst."))
    else:
        intro.append(Paragraph(f"{_entries(len(who), 'Partnerorganisation', 'Partnerorganisationen')} im Jahr {year}:"))
        intro.append(Table(("Organisation", "Rolle", "Mitglied seit", "bis"),
                           tuple((str(r["organisation"]), ROLE_LABELS.get(str(r["role"]), "Mitglied"),
                                  de(r["since"]), de(r["until"])) for r in who.to_dict("records")),
                           widths=(5, 2, 2, 2)))
    sections = [Section("Die Gruppe", tuple(intro))]

    # --- meetings of the year with attendance --------------------------------------------------
    turnout = participation.participants_per_meeting(conn, period, group_id)
    blocks: list[Block] = []
    if turnout.empty:
        blocks.append(Paragraph(f"Im Jahr {year} hat die Gruppe nicht getagt."))
    else:
        known = turnout[turnout["recorded"]]
        unknown = len(turnout) - len(known)
        summary = f"{len(turnout)} Sitzung{'en' if len(turnout) != 1 else ''} im Jahr {year}"
        if not known.empty:
            summary += (f"; im Mittel {_decimal(known['orgs_present'].mean())} Organisationen und "
                        f"{_decimal(known['people_present'].mean())} Personen anwesend")
        if unknown:
            summary += f" ({unknown} davon ohne erfasste Anwesenheit)"
        blocks.append(Paragraph(summary + "."))
        blocks.append(Table(("Datum", "Sitzung", "Personen anwesend", "Organisationen anwesend",
                             "Personen entschuldigt"),
                            tuple((de(r["date"]), names.text(r["title"]),
                                   *((str(int(r["people_present"])), str(int(r["orgs_present"])),
                                      str(int(r["people_excused"]))) if r["recorded"]
                                     else (participation.NOT_RECORDED, "–", "–")))
                                  for r in turnout.to_dict("records")), widths=(2, 5, 2, 2, 2)))
        blocks += chart_factory.make(lambda: participation_charts.participants_over_time(
            turnout, group_colours(group_order(conn))), "Teilnehmende je Sitzung", "teilnehmende", height_mm=95)
        cells = participation.attendance_matrix(conn, period, group_id)
        parts = list(figures.heatmap_parts(cells))
        for number, part in enumerate(parts, start=1):
            suffix = f" (Teil {number} von {len(parts)})" if len(parts) > 1 else ""
            blocks += chart_factory.make(
                functools.partial(_print_heatmap, part),
                f"Anwesenheit der Organisationen je Sitzung{suffix}", "anwesenheit",
                height_mm=figures.heatmap_height_mm(part["org_id"].nunique()))
    sections.append(Section(f"Sitzungen {year}", tuple(blocks)))

    # --- partners active / new / fading / inactive ---------------------------------------------
    status = inactivity.inactive_partners(conn, group_id, as_of)
    new = set(who.loc[who["new"], "organisation"])
    blocks = []
    if status.empty:
        blocks.append(Paragraph("Zum 31.12. sind keine Mitgliedsorganisationen bekannt."))
    else:
        counts = status["status"].value_counts()
        blocks.append(Paragraph(
            f"Stand 31.12.{year}: {int(counts.get(ACTIVE, 0))} aktiv, {len(new)} neu, "
            f"{int(counts.get(FADING, 0))} nachlassend, {int(counts.get(INACTIVE, 0))} inaktiv."))
        by_status = [("Neu", sorted(new))] + [
            (ACTIVITY_LABELS[s].capitalize(),
             status.loc[status["status"] == s, "organisation"].tolist())
            for s in (ACTIVE, FADING, INACTIVE)]
        blocks.append(Bullets(tuple(f"{label}: {', '.join(orgs) if orgs else '–'}" for label, orgs in by_status)))
        blocks.append(Table(
            ("Organisation", "Status", heading(FACT_LABELS["last_attended"]), "Quote 12 Mon.", "Quote davor",
             "Hinweis"),
            tuple((str(r["organisation"]),
                   ACTIVITY_LABELS[r["status"]] + (" (neu)" if r["organisation"] in new else ""),
                   de(r["last_attended"]), _percent(r["rate_12m"]), _percent(r["rate_prev_12m"]),
                   _s(r["reason"]) if r["reason"] else "–") for r in status.to_dict("records")),
            widths=(5, 2, 2, 1.5, 1.5, 4)))
        orgs = participation.org_rates(conn, period, group_id)
        if not orgs.empty:
            bars = min(len(orgs), RATES_LIMIT)
            blocks += chart_factory.make(
                lambda: participation_charts.org_rates(orgs, limit=RATES_LIMIT, full_names=True),
                "Beteiligungsquote je Organisation" + (f" (die {bars} mit den meisten Sitzungen)"
                                                       if len(orgs) > RATES_LIMIT else ""),
                "beteiligungsquote", height_mm=(40 + 30 * bars + 60) / figures.CSS_DPI * 25.4)
    sections.append(Section("Partner: aktiv, neu, nachlassend, inaktiv", tuple(blocks)))

    # --- partner network -----------------------------------------------------------------------
    view = network.network_view(conn, period, "both", group_id)
    blocks = [Paragraph(f"{view.graph.number_of_nodes()} Organisationen, {view.shown_edges} Verbindungen "
                        f"über gemeinsame Sitzungen und Projekte im Jahr {year}."
                        + (f" {view.note}" if view.note else ""))]
    if view.graph.number_of_edges():
        blocks += chart_factory.make(lambda: _print_network(view, group_colours(group_order(conn))), "Partnernetz",
                                     "partnernetz", height_mm=NETWORK_MM, legend_below=False)
    sections.append(Section("Partnernetz", tuple(blocks)))

    # --- projects presented --------------------------------------------------------------------
    shown = projects.presentations(conn, period, group_id)
    shown = shown[(shown["date"] >= period.start) & (shown["date"] <= period.end)]
    blocks = []
    if shown.empty:
        blocks.append(Paragraph(f"Im Jahr {year} wurden in der Gruppe keine Projekte vorgestellt."))
    else:
        blocks.append(Table(("Datum", "Projekt", "Art", "Notiz"),
                            tuple((de(r["date"]), str(r["project"]), str(r["kind"]), names.text(r["note"]))
                                  for r in shown.to_dict("records")), widths=(2, 5, 2, 5)))
        phases = projects.lifecycle(conn, period, group_id, as_of.isoformat())
        markers = projects.presentations(conn, period, group_id)
        markers = markers[markers["project_id"].isin(set(shown["project_id"]))]
        phases = phases[phases["project_id"].isin(set(shown["project_id"]))]
        if names.pseudo is not None:
            markers = names.pseudo.frame(markers, texts=["note", "meeting_title"])
        blocks += chart_factory.make(lambda: project_charts.gantt(phases, markers, period),
                                     "Lebenszyklen der vorgestellten Projekte", "projekte",
                                     height_mm=(150 + 40 * phases["project_id"].nunique()) / figures.CSS_DPI * 25.4)
    sections.append(Section("Vorgestellte Projekte", tuple(blocks)))

    # --- decisions and open action items -------------------------------------------------------
    found = decisions(conn, group_id, year)
    sections.append(Section("Beschlüsse", (
        Table(("Datum", "Beschluss"), tuple((de(r["date"]), names.text(r["text"])) for r in found.to_dict("records")),
              widths=(2, 10)),) if not found.empty else (Paragraph(f"Keine Beschlüsse in den Protokollen {year}."),)))
    todo = report_tasks(conn, group_id, year)
    if todo.empty:
        blocks = [Paragraph(f"Keine offenen Aufgaben aus {year} und keine überfälligen zum 31.12.{year}.")]
    else:
        earlier = int((todo["date"] < period.start).sum())
        blocks = [Paragraph(f"{_entries(len(todo), 'offene Aufgabe', 'offene Aufgaben')} zum 31.12.{year}, davon "
                            f"{int(todo['overdue'].sum())} überfällig"
                            + (f" ({earlier} aus früheren Jahren, noch überfällig)" if earlier else "")
                            + " (Protokolle vermerken selten, wann eine Aufgabe erledigt wurde)."),
                  Table(("Sitzung", "Aufgabe", "Verantwortlich", "Fällig", "Stand"),
                        tuple((de(r["date"]), names.text(r["text"]), names.person(r["owner"]), de(r["due"]),
                               meetings.OVERDUE if r["overdue"] else meetings.OPEN)
                              for r in todo.to_dict("records")), widths=(2, 6, 3, 2, 2))]
    sections.append(Section("Offene Aufgaben", tuple(blocks)))

    # --- rule check ----------------------------------------------------------------------------
    checks = rules.check_rules(conn, as_of, group_id)
    if checks.empty:
        blocks = [Paragraph("Die Gruppe bestand im geprüften Zeitraum nicht; kein Regelcheck.")]
    else:
        stage = LIFECYCLE_LABELS[checks.iloc[0]["lifecycle"]]
        blocks = [Paragraph(f"Grundprinzipien §6, Stichtag 31.12.{year} (geprüft werden die zwölf Monate davor). "
                            f"Status der Gruppe: {stage}.")]
        records = checks.to_dict("records")
        blocks.append(Table(("§", "Regel", "Ergebnis", "Nachweis"),
                            tuple((str(r["rule"]), str(r["title"]), LIGHT_LABELS[r["light"]], names.text(r["evidence"]))
                                  for r in records), widths=(1, 4, 2, 8),
                            lights=tuple(str(r["light"]) for r in records), light_column=2))
        blocks.append(Bullets(tuple(f"§ {r['rule']}: {r['clause']}" for r in records)))
    sections.append(Section("Regelcheck (Grundprinzipien §6)", tuple(blocks)))

    if hide_names:
        notes.append("Personennamen sind durch Pseudonyme ersetzt („Person A“, „Person B“ …).")
    return Report(title=f"Jahresbericht {year}", group=name, year=year,
                  subtitle=f"{name} – Bericht an die AG Transfer (Grundprinzipien 6.4)",
                  created=today().strftime(DATE_FORMAT), pseudonymised=hide_names,
                  sections=tuple(sections), notes=tuple(notes))


def _print_heatmap(cells: pd.DataFrame) -> go.Figure:
    """One part of the attendance heatmap for print: full names, dates upright beneath."""
    fig = participation_charts.attendance_heatmap(cells, full_names=True)
    fig.update_xaxes(tickangle=-90, title=None)
    return fig


def _print_network(view: network.NetworkView, colours: dict[str, str]) -> go.Figure:
    """The partner network for a printed page: every organisation named at 9 pt (spread layout, names beside
    their dots, none overlapping), groups in their colours with a legend below."""
    width, height = figures.css_px(figures.PRINT_WIDTH_MM), figures.css_px(NETWORK_MM)
    return spread_figure(view, colours, width, height, label_size=figures.BASE_PX)


class _ChartFactory:
    """Renders charts to PNG unless switched off; a missing browser becomes one note instead of an error."""

    def __init__(self, enabled: bool, notes: list[str]) -> None:
        self.enabled = enabled
        self.notes = notes
        self.failed = False
        self.count = 0

    def make(self, render: Callable[[], go.Figure], title: str, name: str, height_mm: float,
             legend_below: bool = True) -> list[Block]:
        if not self.enabled or self.failed:
            return []
        try:
            chart = _chart(render, title, f"{self.count + 1:02d}-{name}", height_mm, legend_below)
        except ExportError as exc:
            log.warning("Diagramm %s nicht erzeugt: %s", name, exc)
            self.failed = True
            self.notes.append(f"Diagramme fehlen: {exc}")
            return []
        self.count += 1
        return [chart]
