"""Command line of the write side: a thin layer over the build (`etl.build`) and `etl.maintain.erase`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from etl.build.guard import LossRefused
from etl.build.pipeline import BuildResult, Progress, build, fail_message
from etl.core.errors import BuildError
from vocab.paths import database_path, source_path

_CONTROL = dict.fromkeys([*range(0x00, 0x09), 0x0b, 0x0c, 0x0d, *range(0x0e, 0x20), 0x7f, *range(0x80, 0xa0)])


def printable(text: object) -> str:
    """Text safe for a terminal: control characters (escape sequences, NUL, bell) shown as \\xNN, never sent."""
    value = str(text)
    return "".join(f"\\x{ord(c):02x}" if ord(c) in _CONTROL else c for c in value)


def _progress_bar() -> Progress:  # pragma: no cover - only on a terminal
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}

    def update(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = tqdm(total=total, desc=stage, unit="Datei", leave=False, file=sys.stderr)
        bar.n = done
        bar.refresh()
        if done >= total:
            bar.close()

    return update


def print_summary(result: BuildResult, out: TextIO | None = None) -> None:
    """The short German build summary: per file read / loaded / rejected, totals, time."""
    out = out or sys.stdout
    width = max([len(printable(f)) for f in result.per_file] + [5])
    print(f"{'Datei':<{width}}  {'gelesen':>8}  {'geladen':>8}  {'abgelehnt':>9}", file=out)
    for file, c in result.per_file.items():
        print(f"{printable(file):<{width}}  {c['read']:>8}  {c['loaded']:>8}  {c['rejected']:>9}", file=out)
    t = result.totals
    print(f"{'Summe':<{width}}  {t['read']:>8}  {t['loaded']:>8}  {t['rejected']:>9}", file=out)
    checks = len(result.rejects) - sum(1 for r in result.rejects if not r.reason.startswith("Datenprüfung"))
    print(f"Datenbank: {printable(result.db)}  ({result.duration_s:.1f} s, Lauf {result.run_id})", file=out)
    if result.unchanged:
        print("Keine Quelldatei hat sich seit dem letzten Ladelauf geändert: Datenbank unverändert übernommen "
              "(mit --force neu bauen).", file=out)
    if result.rejects:
        print(f"{len(result.rejects)} Einträge in der Tabelle rejects (davon {checks} aus Datenprüfungen). "
              "Die ersten:", file=out)
        for r in result.rejects[:10]:
            where = f"{r.file}, Zeile {r.line}" if r.line else r.file
            print(f"  {printable(where)}: {printable(r.reason)}", file=out)
    if result.skipped:
        print(f"{len(result.skipped)} Dateien im Quellordner nicht gelesen:", file=out)
        for skipped in result.skipped[:20]:
            print(f"  {printable(skipped.path)}: {printable(skipped.reason)}", file=out)
        if len(result.skipped) > 20:
            print(f"  … und {len(result.skipped) - 20} weitere (siehe Seite Daten).", file=out)
    for warning in result.warnings[:10]:
        print(f"Hinweis: {printable(warning)}", file=out)
    if len(result.warnings) > 10:
        print(f"… und {len(result.warnings) - 10} weitere Hinweise.", file=out)


def cmd_build(args: argparse.Namespace) -> int:
    progress = _progress_bar() if sys.stderr.isatty() and not args.quiet else None
    try:
        result = build(Path(args.source), Path(args.db), progress=progress, force=args.force, guarded=True,
                       accept_loss=args.accept_loss)
    except LossRefused as exc:
        print(f"Abgebrochen: {exc}\nWenn das so gewollt ist: erneut mit --accept-loss aufrufen.", file=sys.stderr)
        return 2
    except BuildError as exc:
        print(printable(fail_message(exc)), file=sys.stderr)
        return 2
    if not args.quiet:
        print_summary(result)
    return result.exit_code


def cmd_parse(args: argparse.Namespace) -> int:
    from etl.build.preview import parse_one

    try:
        parsed, text = parse_one(Path(args.file), Path(args.source))
    except BuildError as exc:
        print(f"Fehler: {printable(exc)}", file=sys.stderr)
        return 2
    print(json.dumps(parsed, ensure_ascii=False, indent=2) if args.json else printable(text))
    return 0


# What `forget` reports per table, in the words of the pages.
TABLE_LABELS = {"people": "Personen", "attendance": "Teilnahmen", "mentions": "Erwähnungen", "action_items": "Aufgaben",
                "protocols": "Protokolle", "agenda_items": "Tagesordnungspunkte", "decisions": "Beschlüsse",
                "meetings": "Sitzungen", "rejects": "abgelehnte Zeilen", "organisations": "Organisationen",
                "projects": "Projekte", "project_events": "Projektereignisse", "groups": "Gruppen"}


def cmd_forget(args: argparse.Namespace) -> int:
    from datetime import date

    from etl.maintain.erase import Ambiguous, NotFound, forget

    try:
        result = forget(Path(args.db), args.name, date.today().isoformat(),
                        Path(args.source) if args.source else None)
    except Ambiguous as exc:
        print(f"Fehler: {printable(str(exc))}", file=sys.stderr)
        return 2
    except NotFound as exc:
        print(f"Fehler: {printable(str(exc))}", file=sys.stderr)
        return 1
    except BuildError as exc:
        print(f"Fehler: {printable(str(exc))}", file=sys.stderr)
        return 2
    changed = ", ".join(f"{TABLE_LABELS.get(t, t)}: {n}" for t, n in sorted(result.changed.items()))
    print(f"Person „{printable(result.name)}“ gelöscht ({changed or 'keine weiteren Einträge'}; "
          f"{result.seconds:.1f} s).")
    print("Die Person steht jetzt auf der Sperrliste (nur ein Prüfwert ihres Namens, nicht der Name; in der "
          "Datenbank und im Quellordner): künftige Ladeläufe übernehmen sie nicht wieder, auch wenn Stammdaten oder "
          "Protokolle sie noch nennen, und die App nimmt ihren Namen nicht mehr an.")
    if result.source is None:
        print("Kein Quellordner gefunden (mit --source angeben): Korrekturen, Änderungsprotokoll und Versionen "
              "wurden nicht bereinigt.", file=sys.stderr)
    elif result.source_changes:
        print(f"Quellordner bereinigt: {printable(result.source)}")
        for line in result.source_changes:
            print(f"  {printable(line)}")
    else:
        print(f"Quellordner {printable(result.source)}: keine von der App geschriebene Datei nannte die Person.")
    if result.problems:
        print(f"Warnung: Der Name steht noch in {', '.join(map(printable, result.problems))}.", file=sys.stderr)
        return 1
    print("Geprüft: Der volle Name kommt in keiner Schreibweise mehr vor (Groß/klein, ü/ue, ß/ss, Apostrophe, "
          "„Nachname, Vorname“) – in keiner Tabelle, nicht im Suchindex, nicht in der Datenbankdatei, in keiner "
          "Journal-, Temp- oder Cache-Datei daneben und in keiner Datei, die die App in den Quellordner geschrieben "
          "hat (Korrekturen, Änderungsprotokoll, Versionen). „Frau/Herr Nachname“ bleibt nur, wo eine weitere "
          "Person dieses Namens an der Sitzung beteiligt war. Die Stammdaten- und Protokolldateien selbst wurden "
          "nicht verändert; Downloads und der Stammdaten-Editor zeigen die Person nicht mehr.")
    return 0 if result.source is not None else 1


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Netzwerkradar: Daten laden.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="Datenbank aus einem Quellordner bauen")
    p.add_argument("--source", default=str(source_path()),
                   help="Quellordner (Standard: NETZWERKRADAR_SOURCE, sonst data/uploads/quelle, sonst data/demo)")
    p.add_argument("--db", default=str(database_path()), help="Datenbankdatei (Standard: data/netzwerk.db)")
    p.add_argument("--quiet", action="store_true", help="keine Zusammenfassung ausgeben")
    p.add_argument("--force", action="store_true", help="neu bauen, auch wenn sich keine Quelldatei geändert hat")
    p.add_argument("--accept-loss", action="store_true",
                   help="auch übernehmen, wenn eine Tabelle mehr als 10 %% ihrer Zeilen verliert oder mehr als 20 %% "
                        "einer geänderten Datei abgelehnt werden")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("parse", help="ein Protokoll lesen und ausgeben, was es enthält")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="als JSON ausgeben")
    p.add_argument("--source", default=str(source_path()),
                   help="Quellordner mit den Stammdaten, gegen die Namen aufgelöst werden")
    p.set_defaults(func=cmd_parse)
    p = sub.add_parser("forget", help="eine Person vollständig löschen (Recht auf Löschung)")
    p.add_argument("name", help="Name der Person, z. B. \"Anna Becker\"")
    p.add_argument("--db", default=str(database_path()))
    p.add_argument("--source", default=None,
                   help="Quellordner, dessen von der App geschriebene Dateien bereinigt werden "
                        "(Standard: der Ordner des letzten Ladelaufs)")
    p.set_defaults(func=cmd_forget)
    return parser


# Exit codes: 0 everything loaded, 1 some rows rejected (the database was written), 2 fatal (a German message
# says why; nothing was changed), 3 an unexpected crash — a bug, never a data problem (traceback in a log file).
CRASHED = 3


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one German line, the traceback in a log
        return crashed(exc, Path(getattr(args, "db", None) or database_path()))


def crashed(exc: Exception, db: Path) -> int:
    """Report an unexpected crash: the traceback goes to `<db>-fehler.log` (next to the database, removed by
    `forget`), the user reads one German line."""
    import traceback
    from datetime import UTC, datetime

    log = Path(f"{db}-fehler.log")
    try:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"--- {datetime.now(UTC).isoformat(timespec='seconds')} python -m etl {' '.join(sys.argv[1:])}\n")
            out.write("".join(traceback.format_exception(exc)))
        where = f"Einzelheiten: {log}"
    except OSError:
        where = "Einzelheiten konnten nicht gespeichert werden."
    print(printable(f"Interner Fehler ({type(exc).__name__}) – das ist ein Programmfehler, kein Fehler in den Daten. "
                    f"Die bisherige Datenbank bleibt unverändert. {where}"), file=sys.stderr)
    return CRASHED
