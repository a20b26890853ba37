"""`python -m analysis …`: the dashboard's analyses from a shell, e.g. the list of fading partners.

A thin layer: each subcommand is a `Command` (arguments + a function returning rows) in `COMMANDS`,
so later subcommands (report, network export) are one more entry. Output keys are English (the
contract in issue 4); messages are German. Exit codes: 0 ok, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sqlite3
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from analysis import contacts, inactivity, rules
from analysis.db import connect, is_built
from analysis.tables import inert_cell, records
from vocab.cells import storable
from vocab.formats import german_number
from vocab.keys import group_key
from vocab.paths import database_path
from vocab.periods import default_period, span_label, today


class CliError(Exception):
    """A problem the user can fix (unknown group, missing database); printed in German, exit 2."""


# --- group names as people type them ----------------------------------------------------------
def find_group(conn: sqlite3.Connection, text: str) -> str | None:
    """Group id for a name, short spelling ('FG Handwerk') or id; a unique ending ('Handwerk') also works."""
    key = group_key(text)
    if not key:
        return None
    groups = [(r[0], group_key(r[1])) for r in conn.execute("SELECT id, name FROM groups ORDER BY id")]
    for gid, name in groups:
        if key in (gid, name):
            return gid
    endings = [gid for gid, name in groups if name.endswith("-" + key)]
    return endings[0] if len(endings) == 1 else None


def _group_id(conn: sqlite3.Connection, text: str) -> str:
    gid = find_group(conn, text)
    if gid is None:
        known = ", ".join(r[0] for r in conn.execute("SELECT name FROM groups ORDER BY name"))
        raise CliError(f"Gruppe „{text}“ nicht gefunden. Bekannte Gruppen: {known or '(keine)'}.")
    return gid


# --- subcommands ---------------------------------------------------------------------------------
Rows = list[dict]


@dataclass(frozen=True)
class Command:
    """One subcommand: its help, how it adds arguments, how it computes rows, its output formats."""

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[sqlite3.Connection, argparse.Namespace], Rows]
    columns: tuple[str, ...]
    formats: tuple[str, ...] = ("json", "csv", "table")
    output: Callable[[Rows, str], str] | None = None  # own rendering (several sections), instead of `render`


def _configure_inactive(parser: argparse.ArgumentParser) -> None:
    defaults = inactivity.InactivityRules()
    parser.add_argument("--group", required=True, help="Gruppe: Name, Kurzform (z. B. „FG Handwerk“) oder Id")
    parser.add_argument("--last-meetings", type=int, default=defaults.last_meetings,
                        help="inaktiv ab so vielen verpassten Sitzungen in Folge (Standard: %(default)s)")
    parser.add_argument("--months", type=int, default=defaults.months,
                        help="Zeitfenster in Monaten (Standard: %(default)s)")
    parser.add_argument("--fading-ratio", type=float, default=defaults.fading_ratio,
                        help="nachlassend, wenn die Quote auf diesen Anteil fällt (Standard: %(default)s)")
    parser.add_argument("--excused-weight", type=float, default=defaults.excused_weight,
                        help="Gewicht einer Entschuldigung als Teilnahme (Standard: %(default)s)")


INACTIVE_COLUMNS = ("organisation", "status", "last_attended", "missed_in_row", "rate_12m", "rate_prev_12m",
                    "excused_12m", "meetings_12m", "contacts")


def _run_inactive(conn: sqlite3.Connection, args: argparse.Namespace) -> Rows:
    try:
        thresholds = inactivity.InactivityRules(args.last_meetings, args.months, args.fading_ratio,
                                                args.excused_weight)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    group_id = _group_id(conn, args.group)
    df = contacts.with_contacts(conn, inactivity.inactive_partners(conn, group_id, args.as_of, thresholds),
                                group_id, args.as_of)
    # JSON gets each contact as an object; CSV and the table one readable line per organisation.
    people = [contacts.contacts_json(c) if args.format == "json" else contacts.contacts_text(c) for c in df["contacts"]]
    return [{**{key: _round(row[key]) for key in INACTIVE_COLUMNS[:-1]}, "contacts": found}
            for row, found in zip(records(df.drop(columns="contacts")), people, strict=True)]


def _configure_rules(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--group", help="nur diese Gruppe prüfen (Standard: alle Fachgruppen)")


RULES_COLUMNS = ("group", "rule", "ok", "light", "lifecycle", "evidence")


def _run_rules(conn: sqlite3.Connection, args: argparse.Namespace) -> Rows:
    group_id = _group_id(conn, args.group) if args.group else None
    df = rules.check_rules(conn, args.as_of, group_id)
    return [{key: row[key] for key in RULES_COLUMNS} for row in records(df)]


def _year(text: str) -> int:
    if not (text.isdigit() and 1900 <= int(text) <= 2999):
        raise argparse.ArgumentTypeError(f"ungültiges Jahr „{text}“ (erwartet JJJJ)")
    return int(text)


def _configure_report(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--group", required=True, help="Gruppe: Name, Kurzform (z. B. „FG Handwerk“) oder Id")
    parser.add_argument("--year", type=_year, required=True, help="Berichtsjahr JJJJ (Stichtag 31.12.)")
    parser.add_argument("--out", type=Path, required=True,
                        help="Zieldatei; die Endung wählt das Format: .docx, .pdf, .pptx oder .md")
    parser.add_argument("--pseudonymise", "--pseudonymisieren", action="store_true",
                        help="Personennamen durch Pseudonyme ersetzen („Person A“ …)")
    parser.add_argument("--no-charts", "--ohne-diagramme", action="store_true",
                        help="ohne Diagramme (schneller; ohne Browser fehlen sie ohnehin)")


FILE_COLUMNS = ("file", "kind")


def _run_report(conn: sqlite3.Connection, args: argparse.Namespace) -> Rows:
    from analysis import downloads, report

    try:
        report.format_of(args.out)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    group_id = _group_id(conn, args.group)
    try:
        model = report.build_report(conn, group_id, args.year, hide_names=args.pseudonymise,
                                    charts=not args.no_charts)
    finally:
        if not args.no_charts:
            downloads.stop_browser()
    for note in model.notes:
        print(f"Hinweis: {note}", file=sys.stderr)
    files = report.write(model, args.out)
    return [{"file": str(path), "kind": "Bericht" if i == 0 else "Abbildung"} for i, path in enumerate(files)]


def _configure_briefing(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--group", required=True, help="Gruppe: Name, Kurzform (z. B. „FG Handwerk“) oder Id")
    parser.add_argument("--meeting", type=_as_of, default=None,
                        help="Datum der Sitzung JJJJ-MM-TT (Standard: die nächste geplante ab dem Stichtag)")
    parser.add_argument("--out", type=Path, default=None,
                        help="Zieldatei (Standard: JSON auf die Standardausgabe, PDF/DOCX als "
                             "sitzungsvorbereitung_<gruppe>_<datum> im aktuellen Ordner)")
    parser.add_argument("--hide-names", "--namen-ausblenden", action="store_true",
                        help="Personennamen durch Pseudonyme ersetzen („Person A“ …)")


def _run_briefing(conn: sqlite3.Connection, args: argparse.Namespace) -> Rows:
    from analysis import briefing

    model = briefing.briefing(conn, _group_id(conn, args.group), args.as_of, args.meeting, args.hide_names)
    if args.format == "json" and args.out is None:
        return [model.to_json()]
    out = args.out or Path(briefing.file_name(model, args.format))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(briefing.render(model, args.format))
    return [{"file": str(out)}]


def _render_briefing(rows: Rows, fmt: str) -> str:
    if "file" in rows[0]:
        return f"Sitzungsvorbereitung geschrieben: {rows[0]['file']}\n"
    return json.dumps(rows[0], ensure_ascii=False, indent=2) + "\n"


def _configure_network(parser: argparse.ArgumentParser) -> None:
    from analysis.network import DEFAULT_CAP, MODES

    parser.add_argument("--group", help="nur die Sitzungen und Projekte dieser Gruppe (Standard: alle)")
    parser.add_argument("--out", type=Path, required=True,
                        help="Zieldatei: .html (interaktiv, offline lesbar), .png, .gexf (dynamisch, für Gephis "
                             "Zeitleiste) oder .gif (Animation über die Zeit, für Folien)")
    parser.add_argument("--step", choices=["year", "quarter"], default="year",
                        help="Zeitschritt für .gexf und .gif: Jahre oder Quartale (Standard: %(default)s)")
    parser.add_argument("--year", type=_year, help="Kalenderjahr (Standard: die zwölf Monate bis --as-of)")
    parser.add_argument("--mode", choices=list(MODES), default="both",
                        help="Verbindungen über Sitzungen, Projekte oder beides (Standard: %(default)s)")
    parser.add_argument("--cap", type=int, default=DEFAULT_CAP,
                        help="höchstens so viele (die stärksten) Verbindungen zeichnen (Standard: %(default)s)")


def _run_network(conn: sqlite3.Connection, args: argparse.Namespace) -> Rows:
    from analysis import downloads, network
    from vocab.periods import calendar_year

    suffix = args.out.suffix.lower()
    if suffix not in (".html", ".png", ".gexf", ".gif"):
        raise CliError(f"Unbekanntes Format „{suffix or args.out.name}“: erlaubt sind .html, .png, .gexf und .gif.")
    group_id = _group_id(conn, args.group) if args.group else None
    if suffix in (".gexf", ".gif"):
        return _network_over_time(conn, args, group_id, suffix)
    period = calendar_year(args.year) if args.year else default_period(args.as_of)
    view = network.network_view(conn, period, args.mode, group_id, cap=max(args.cap, 1))
    scope = args.group or "alle Gruppen"
    title = f"Partnernetz – {scope} – {span_label(period)}"  # the dates, e.g. "2026" or "01.12.2025–30.11.2026"
    if suffix == ".png":
        from analysis.charts.palette import group_colours, group_order

        try:
            data = downloads.network_png(view, title=title, group_colours=group_colours(group_order(conn)))
        except downloads.ExportError as exc:
            raise CliError(str(exc)) from None
        finally:
            downloads.stop_browser()
    else:
        data = downloads.network_page(view, title=title)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    for note in (view.note, view.large_note):
        if note:
            print(f"Hinweis: {note}", file=sys.stderr)
    return [{"file": str(args.out), "kind": "Partnernetz", "organisations": view.graph.number_of_nodes(),
             "links": view.shown_edges}]


def _network_over_time(conn: sqlite3.Connection, args: argparse.Namespace, group_id: str | None,
                       suffix: str) -> Rows:
    """The network per year or quarter: dynamic GEXF (Gephi timeline) or an animated GIF."""
    from analysis import downloads, network_time
    from analysis.charts.palette import group_colours, group_order

    span = network_time.data_span(conn, args.as_of)
    if span is None:
        raise CliError("Die Datenbank enthält keine Sitzungen und Projekte bis zum Stichtag.")
    first, last = span
    if args.year:
        first, last = f"{args.year}-01-01", min(f"{args.year}-12-31", last)
    periods = network_time.time_steps(first, last, args.step)
    timeline = network_time.timeline(conn, periods, args.mode, group_id)
    if suffix == ".gexf":
        data = network_time.dynamic_gexf(timeline)
    else:
        views = [network_time.frame_view(timeline, i, cap=max(args.cap, 1)) for i in range(len(periods))]
        try:
            data = downloads.network_gif(views, title=f"Partnernetz – {args.group or 'alle Gruppen'}",
                                       group_colours=group_colours(group_order(conn)))
        except downloads.ExportError as exc:
            raise CliError(str(exc)) from None
        finally:
            downloads.stop_browser()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    if timeline.large_note:
        print(f"Hinweis: {timeline.large_note}", file=sys.stderr)
    union = {n for g in timeline.graphs for n in g}
    links = {tuple(sorted(e)) for g in timeline.graphs for e in g.edges()}
    return [{"file": str(args.out), "kind": f"Partnernetz über {len(periods)} Zeiträume",
             "organisations": len(union), "links": len(links)}]


def _configure_profile(parser: argparse.ArgumentParser) -> None:
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--organisation", help="Organisation: Name, Kurzname, Alias oder Id")
    who.add_argument("--group", help="Gruppe: Name, Kurzform (z. B. „FG Handwerk“) oder Id")
    who.add_argument("--person", help="Person: Name oder Id")
    parser.add_argument("--hide-names", action="store_true", help="Personen als „Person A“, „Person B“ … zeigen")


def _run_profile(conn: sqlite3.Connection, args: argparse.Namespace) -> Rows:
    from analysis import profile

    if args.organisation:
        subject = profile.organisation_id(conn, args.organisation)
        if subject is None:
            raise CliError(f"Organisation „{args.organisation}“ nicht gefunden.")
        found = profile.organisation_profile(conn, subject, args.as_of, hide_names=args.hide_names)
    elif args.group:
        found = profile.group_profile(conn, _group_id(conn, args.group), args.as_of, hide_names=args.hide_names)
    else:
        row = conn.execute("SELECT id FROM people WHERE id = :v OR lower(name) = lower(:v) LIMIT 1",
                           {"v": args.person.strip()}).fetchone()
        if row is None:
            raise CliError(f"Person „{args.person}“ nicht gefunden.")
        found = profile.person_profile(conn, row[0], args.as_of, hide_names=args.hide_names)
    assert found is not None  # the id was just looked up
    return [profile.as_rows(found)]


PROFILE_SECTIONS = {"profile": "Profil", "facts": "Angaben", "groups": "Gruppen und Rollen",
                    "attendance": "Anwesenheit je Gruppe", "per_group": "Stand je Gruppe",
                    "contacts": "Ansprechpersonen",
                    "projects": "Projekte und Phasen", "partners": "Trifft am häufigsten", "protocols": "Protokolle"}


def _render_profile(rows: Rows, fmt: str) -> str:
    """JSON: one object with a list of rows per section. Table: one titled table per section, the
    attendance as a matrix (one row per group, one column per meeting)."""
    sections = rows[0]
    if fmt == "json":
        return json.dumps(sections, ensure_ascii=False, indent=2) + "\n"
    out = []
    for key, title in PROFILE_SECTIONS.items():
        found = sections[key]
        out.append(f"## {title}")
        if key == "attendance" and found:
            dates = list(dict.fromkeys(sorted(r["date"] for r in found)))
            matrix: dict[str, dict[str, str]] = {}
            for r in found:
                matrix.setdefault(r["row"], {})[r["date"]] = r["cell"]
            found = [{"Gruppe": name, **{d: cells.get(d, "") for d in dates}} for name, cells in matrix.items()]
        if not found:
            out.append("(keine)\n")
            continue
        out.append(render(found, "table", list(found[0])))
    return "\n".join(out)


COMMANDS: tuple[Command, ...] = (
    Command("inactive", "Mitgliedsorganisationen einer Gruppe mit Status aktiv/nachlassend/inaktiv",
            _configure_inactive, _run_inactive, INACTIVE_COLUMNS),
    Command("rules", "Regelcheck der Fachgruppen (Grundprinzipien 6.3, 6.4, 6.6)",
            _configure_rules, _run_rules, RULES_COLUMNS, formats=("json", "table")),
    Command("report", "Jahresbericht einer Gruppe als .docx, .pdf, .pptx oder .md",
            _configure_report, _run_report, FILE_COLUMNS, formats=("table", "json")),
    Command("network", "Partnernetz als interaktive HTML-Datei oder als PNG-Bild",
            _configure_network, _run_network, ("file", "kind", "organisations", "links"), formats=("table", "json")),
    Command("profile", "Profil einer Organisation, Gruppe oder Person: Rollen, Anwesenheit, Kontakte, Projekte",
            _configure_profile, _run_profile, (), formats=("table", "json"), output=_render_profile),
    Command("briefing", "Sitzungsvorbereitung einer Gruppe: Aufgaben, Beschlüsse, nachlassende Partner, Regeln, "
            "Projekte (JSON, PDF oder DOCX)", _configure_briefing, _run_briefing, (),
            formats=("json", "pdf", "docx"), output=_render_briefing),
)


# --- output -------------------------------------------------------------------------------------
def _round(value: object) -> object:
    return round(value, 3) if isinstance(value, float) else value


def _cell(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, float):
        return german_number(value, decimals=2)  # the table is read by people: German; json and csv stay data
    return storable(str(value))  # an ESC from the data must not drive the terminal


def render(rows: Rows, fmt: str, columns: Sequence[str]) -> str:
    """Rows as JSON (a list of objects), CSV with a header line, or an aligned plain-text table."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        # Text from the data that starts like a formula stays text in a spreadsheet, as in the web downloads.
        writer.writerows({k: inert_cell(v) if isinstance(v, str) else v for k, v in row.items()} for row in rows)
        return out.getvalue()
    table = [list(columns)] + [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(columns))]
    lines = ["  ".join(text.ljust(width) for text, width in zip(line, widths, strict=True)).rstrip()
             for line in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def _as_of(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ungültiges Datum „{text}“ (erwartet JJJJ-MM-TT)") from None


def parser() -> argparse.ArgumentParser:
    """The argument parser with one subparser per entry of COMMANDS."""
    main_parser = argparse.ArgumentParser(prog="python -m analysis",
                                          description="Netzwerkradar-Auswertungen auf der Kommandozeile.")
    sub = main_parser.add_subparsers(dest="command", required=True, metavar="BEFEHL")
    for command in COMMANDS:
        p = sub.add_parser(command.name, help=command.help, description=command.help)
        p.add_argument("--db", type=Path, default=None,
                       help="Datenbank (Standard: NETZWERKRADAR_DB oder data/netzwerk.db)")
        p.add_argument("--as-of", type=_as_of, default=None,
                       help="Stichtag JJJJ-MM-TT für reproduzierbare Ergebnisse (Standard: heute)")
        p.add_argument("--format", choices=command.formats, default=command.formats[0], help="Ausgabeformat")
        command.configure(p)
    return main_parser


def _open(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise CliError(f"Datenbank „{path}“ nicht gefunden. Bauen Sie sie mit `python -m etl build`.")
    try:
        conn = connect(path)
        built = is_built(conn)
    except sqlite3.DatabaseError as exc:
        raise CliError(f"„{path}“ ist keine lesbare Netzwerkradar-Datenbank ({exc}).") from None
    if not built:
        conn.close()
        raise CliError(f"„{path}“ ist keine Netzwerkradar-Datenbank (Schema fehlt).")
    return conn


def main(argv: Sequence[str] | None = None) -> int:
    """Parse, run one subcommand, print its rows to stdout; German errors on stderr with exit code 2."""
    args = parser().parse_args(argv)
    command = next(c for c in COMMANDS if c.name == args.command)
    args.as_of = args.as_of or today()
    try:
        conn = _open(args.db or database_path())
        try:
            rows = command.run(conn, args)
        finally:
            conn.close()
    except CliError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 2
    if command.output is not None:
        sys.stdout.write(command.output(rows, args.format))
    else:
        sys.stdout.write(render(rows, args.format, command.columns))
    return 0
