"""Command line of the write side: a thin layer over `etl.build`, the parser preview and `etl.erase`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from etl.build import BuildResult, Progress, build, fail_message
from etl.errors import BuildError
from vocab.paths import database_path, source_path


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
    width = max([len(f) for f in result.per_file] + [5])
    print(f"{'Datei':<{width}}  {'gelesen':>8}  {'geladen':>8}  {'abgelehnt':>9}", file=out)
    for file, c in result.per_file.items():
        print(f"{file:<{width}}  {c['read']:>8}  {c['loaded']:>8}  {c['rejected']:>9}", file=out)
    t = result.totals
    print(f"{'Summe':<{width}}  {t['read']:>8}  {t['loaded']:>8}  {t['rejected']:>9}", file=out)
    checks = len(result.rejects) - sum(1 for r in result.rejects if not r.reason.startswith("Datenprüfung"))
    print(f"Datenbank: {result.db}  ({result.duration_s:.1f} s, Lauf {result.run_id})", file=out)
    if result.unchanged:
        print("Keine Quelldatei hat sich seit dem letzten Ladelauf geändert: Datenbank unverändert übernommen "
              "(mit --force neu bauen).", file=out)
    if result.rejects:
        print(f"{len(result.rejects)} Einträge in der Tabelle rejects (davon {checks} aus Datenprüfungen). "
              "Die ersten:", file=out)
        for r in result.rejects[:10]:
            where = f"{r.file}, Zeile {r.line}" if r.line else r.file
            print(f"  {where}: {r.reason}", file=out)
    for warning in result.warnings[:10]:
        print(f"Hinweis: {warning}", file=out)
    if len(result.warnings) > 10:
        print(f"… und {len(result.warnings) - 10} weitere Hinweise.", file=out)


def cmd_build(args: argparse.Namespace) -> int:
    progress = _progress_bar() if sys.stderr.isatty() and not args.quiet else None
    try:
        result = build(Path(args.source), Path(args.db), progress=progress, force=args.force)
    except BuildError as exc:
        print(fail_message(exc), file=sys.stderr)
        return 2
    if not args.quiet:
        print_summary(result)
    return result.exit_code


def cmd_parse(args: argparse.Namespace) -> int:
    from etl.preview import parse_one

    try:
        parsed, text = parse_one(Path(args.file), Path(args.source))
    except BuildError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(parsed, ensure_ascii=False, indent=2) if args.json else text)
    return 0


def cmd_forget(args: argparse.Namespace) -> int:
    from datetime import date

    from etl.erase import forget

    try:
        result = forget(Path(args.db), args.name, date.today().isoformat())
    except BuildError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 2
    if result.found:
        changed = ", ".join(f"{t}: {n}" for t, n in result.changed.items() if n)
        print(f"Person „{result.name}“ gelöscht ({changed or 'keine weiteren Einträge'}).")
    else:
        print(f"Person „{result.name}“ ist nicht in der Datenbank; sie wird trotzdem für künftige "
              "Ladeläufe gesperrt.")
    print("Die Person steht jetzt auf der Sperrliste: künftige Ladeläufe übernehmen sie nicht wieder, "
          "auch wenn die Protokolldateien sie noch nennen. Die Quelldateien selbst wurden nicht verändert.")
    if result.traces:
        print(f"Warnung: Der Name steht noch in {', '.join(result.traces)}.", file=sys.stderr)
        return 1
    print("Geprüft: Der Name kommt in der Datenbankdatei nicht mehr vor.")
    return 0


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Netzwerkradar: Daten laden.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="Datenbank aus einem Quellordner bauen")
    p.add_argument("--source", default=str(source_path()),
                   help="Quellordner (Standard: NETZWERKRADAR_SOURCE, sonst data/uploads/quelle, sonst data/demo)")
    p.add_argument("--db", default=str(database_path()), help="Datenbankdatei (Standard: data/netzwerk.db)")
    p.add_argument("--quiet", action="store_true", help="keine Zusammenfassung ausgeben")
    p.add_argument("--force", action="store_true", help="neu bauen, auch wenn sich keine Quelldatei geändert hat")
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
    p.set_defaults(func=cmd_forget)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    return int(args.func(args))
