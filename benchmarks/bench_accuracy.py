"""How many facts of the protocol corpus the parser gets right (`python -m benchmarks.bench_accuracy [--by-file]`).

Every file under tests/fixtures/corpus/protokolle/ has a hand-set `<file>.truth.json`: what a
careful reader takes from the protocol. The parser's output (`python -m etl parse FILE --json`,
run through tests/fixtures/corpus/run_parser.py) is compared with it fact by fact:

- header: date, start, end, format and group are one fact each (null must be null);
- each participant of the truth: its name (matched after normalising case, umlauts, ß, titles
  and salutations; a short form such as "Frau Zimmer" also matches the full name the set's registry
  knows for exactly one person with that surname, `same_person`; `--strict-names` turns that off),
  its organisation (same organisation, however spelt, by the registries) and
  its status are three facts; organisation and status only count when the name was found;
- each task of the truth: its owners (the set of full names) and its due date are two facts;
  a task is found by the keyword in its truth (a word of the task text), else by its owners;
- the number of decisions is one fact;
- a file the truth calls unreadable has one fact: that the parser refused it.

Anything the parser adds that the truth does not have (a participant or task more) counts as
one wrong fact. **Facts right** = right facts / (facts in the truth + extra facts), in percent.
A file the parser refuses gets every one of its facts wrong. Precision and recall are given for
participants (name found) and tasks (task found). Results go to benchmarks/results/accuracy.json.
`--fresh SEED` scores newly generated protocols of every template instead (never seen by anyone):
a parser tuned to the corpus files rather than to protocol structure scores clearly lower there.
`--set NAME` scores another set with its own registries (with people), written by someone who never read the
parser: `practice` (tests/fixtures/practice/, once blind part 1, now open for study), `practice2` (written in round 4
for study) or the exams `blind2`,
`blind3` (opened only to score). Each set is reported on its own (benchmarks/results/accuracy_<set>.json),
never mixed in.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.fixtures.corpus.run_parser import (  # noqa: E402
    BLIND_SETS,
    CORPUS,
    OTHER_SETS,
    Outcome,
    corpus_files,
    corpus_of,
    load_truth,
    parse,
    registries,
)
from vocab.titles import TITLE_WORDS_PATTERN  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "accuracy.json"
HEADER_FACTS = ("date", "start", "end", "format", "group")
_TITLES = re.compile(TITLE_WORDS_PATTERN)
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def norm(text: str | None) -> str:
    """Comparable form of a name: lower case, umlauts spelt out, accents, titles and punctuation gone."""
    if not text:
        return ""
    value = text.lower().translate(_UMLAUTS)
    value = "".join(c for c in unicodedata.normalize("NFKD", value) if not unicodedata.combining(c))
    value = value.replace("ı", "i")
    value = re.sub(r"[^\w&]+", " ", value)
    value = _TITLES.sub(" ", value)
    return " ".join(value.split())


def _canon_table(entries: list[dict], short_key: str | None) -> dict[str, str]:
    table = {}
    for entry in entries:
        canonical = (entry.get(short_key) if short_key else None) or entry["name"]
        for spelling in (entry["name"], entry.get(short_key) if short_key else None, *entry["aliases"]):
            if spelling:
                table[norm(spelling)] = norm(canonical)
    return table


def _canon(corpus: Path, kind: str) -> dict[str, str]:
    entries = registries(corpus)[kind]
    return _canon_table(entries, "short_name" if kind == "organisations" else None)


def same_org(truth: str | None, parsed: str | None, corpus: Path = CORPUS) -> bool:
    """Same organisation however spelt, by the registries of the protocol's set."""
    canon = _canon(corpus, "organisations")
    a, b = norm(truth), norm(parsed)
    return canon.get(a, a) == canon.get(b, b)


@functools.cache
def _known_people(corpus: Path) -> tuple[str, ...]:
    return tuple(norm(person["name"]) for person in registries(corpus).get("people", []))


def same_person(truth: str | None, parsed: str | None, corpus: Path = CORPUS, strict: bool = False) -> bool:
    """Same person however written: the same name, or a short form ("Zimmer", "H. Zimmer") and the full name
    the set's registry knows for exactly one person with that surname ("Heike Zimmer"), either way round.

    The truth schema writes a name as the file gives it; a parser that identifies the person from the master
    data (as the issue asks) gives the full name. Both name the same person, as `same_org` accepts an
    organisation however spelt. `strict` keeps to the written form.
    """
    a, b = norm(truth), norm(parsed)
    if a == b:
        return bool(a)
    if strict or not a or not b:
        return False
    short, full = sorted((a, b), key=len)
    if full not in _known_people(corpus):
        return False
    words = short.split()
    initials = [w for w in words if len(w) == 1]
    surname = " ".join(w for w in words if len(w) > 1)
    if not surname or not full.endswith(" " + surname):
        return False
    given = full[: -len(surname)].split()
    if [w[0] for w in given[: len(initials)]] != initials:
        return False
    return sum(p.endswith(" " + surname) for p in _known_people(corpus)) == 1


def same_group(truth: str | None, parsed: str | None, corpus: Path = CORPUS) -> bool:
    canon = _canon(corpus, "groups")
    a, b = norm(truth), norm(parsed)
    b = re.sub(r"^fg ", "fachgruppe ", b)
    return canon.get(a, a) == canon.get(b, b)


@dataclass
class FileScore:
    """Right and total facts of one file, with what went wrong in words."""

    file: str
    template: str
    suffix: str
    right: int = 0
    total: int = 0
    kinds: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    participants: list[int] = field(default_factory=lambda: [0, 0, 0])  # found, in truth, in output
    tasks: list[int] = field(default_factory=lambda: [0, 0, 0])
    mistakes: list[str] = field(default_factory=list)
    refused: str | None = None

    def fact(self, kind: str, ok: bool, what: str) -> None:
        self.total += 1
        self.right += ok
        self.kinds[kind][0] += ok
        self.kinds[kind][1] += 1
        if not ok:
            self.mistakes.append(what)


def _owners(item: dict) -> list[str]:
    owners = item.get("owners")
    if owners is None:
        owners = [item["owner"]] if item.get("owner") else []
    return [o for o in owners if o]


def score_file(path: Path, strict: bool = False) -> FileScore:
    """Parse one corpus file (once per process) and score it against its truth."""
    return score_outcome(path.name, load_truth(path), parse(path), corpus_of(path), strict)


def score_outcome(name: str, truth: dict, outcome: Outcome, corpus: Path = CORPUS, strict: bool = False) -> FileScore:
    """Compare what the parser made of one file with its truth; pure (`corpus` names its registries)."""
    score = FileScore(name, truth["template"], Path(name).suffix.lower())
    if not truth.get("readable", True):
        score.fact("refusal", outcome.parsed is None and not outcome.internal, "nicht abgelehnt")
        return score
    parsed = outcome.parsed or {}
    if outcome.parsed is None:
        score.refused = outcome.error
    for key in HEADER_FACTS:
        want, got = truth.get(key), parsed.get(key)
        ok = same_group(want, got, corpus) if key == "group" and want and got else (want or None) == (got or None)
        score.fact(key, ok, f"{key}: erwartet {want!r}, erhalten {got!r}")
    _score_participants(score, truth["participants"], parsed.get("participants", []), corpus, strict)
    _score_tasks(score, truth["action_items"], parsed.get("action_items", []), corpus, strict)
    got_decisions = len(parsed.get("decisions", []))
    score.fact("decisions", got_decisions == truth["decisions"],
               f"Beschlüsse: erwartet {truth['decisions']}, erhalten {got_decisions}")
    if score.refused is not None:  # nothing was read, so not even an empty field counts as right
        score.right = 0
        for counts in score.kinds.values():
            counts[0] = 0
    return score


def _score_participants(score: FileScore, wanted: list[dict], got: list[dict], corpus: Path,
                        strict: bool = False) -> None:
    remaining = list(got)
    score.participants[1] += len(wanted)
    score.participants[2] += len(got)
    for person in sorted(wanted, key=lambda p: not any(norm(p["name"]) == norm(g.get("name")) for g in got)):
        key = norm(person["name"])
        hit = next((p for p in remaining if norm(p.get("name")) == key), None) or next(
            (p for p in remaining if same_person(person["name"], p.get("name"), corpus, strict)), None)
        score.fact("participant", hit is not None, f"Teilnehmer fehlt: {person['name']}")
        if hit is None:
            score.fact("organisation", False, f"  Organisation von {person['name']} (fehlt)")
            score.fact("status", False, f"  Status von {person['name']} (fehlt)")
            continue
        remaining.remove(hit)
        score.participants[0] += 1
        score.fact("organisation", same_org(person["organisation"], hit.get("organisation"), corpus),
                   f"Organisation von {person['name']}: erwartet {person['organisation']!r}, "
                   f"erhalten {hit.get('organisation')!r}")
        score.fact("status", person["status"] == hit.get("status"),
                   f"Status von {person['name']}: erwartet {person['status']}, erhalten {hit.get('status')}")
    for extra in remaining:
        score.fact("extra participant", False, f"Teilnehmer zu viel: {extra.get('name')!r}")


def _same_owners(wanted: list[str], got: list[str], corpus: Path, strict: bool) -> bool:
    """The same set of owners, each matched to one other by `same_person`."""
    rest = list(dict.fromkeys(norm(o) for o in got))
    for owner in dict.fromkeys(norm(o) for o in wanted):
        hit = next((g for g in rest if g == owner), None) or next(
            (g for g in rest if same_person(owner, g, corpus, strict)), None)
        if hit is None:
            return False
        rest.remove(hit)
    return not rest


def _score_tasks(score: FileScore, wanted: list[dict], got: list[dict], corpus: Path = CORPUS,
                 strict: bool = False) -> None:
    remaining = list(got)
    score.tasks[1] += len(wanted)
    score.tasks[2] += len(got)
    for task in wanted:
        owners = {norm(o) for o in task["owners"]}
        keyword = norm(task.get("keyword"))
        candidates = [t for t in remaining if keyword and keyword in norm(t.get("text"))]
        if not candidates:
            candidates = [t for t in remaining if owners & {norm(o) for o in _owners(t)}]
        hit = max(candidates, key=lambda t: len(owners & {norm(o) for o in _owners(t)}), default=None)
        label = task.get("keyword") or ", ".join(task["owners"])
        if hit is None:
            score.fact("task owners", False, f"Aufgabe fehlt: {label}")
            score.fact("task due", False, f"  Frist von {label} (fehlt)")
            continue
        remaining.remove(hit)
        score.tasks[0] += 1
        got_owners = _owners(hit)
        score.fact("task owners", _same_owners(task["owners"], got_owners, corpus, strict),
                   f"Verantwortliche für {label}: erwartet {task['owners']}, erhalten {got_owners}")
        score.fact("task due", task["due"] == hit.get("due"),
                   f"Frist für {label}: erwartet {task['due']}, erhalten {hit.get('due')}")
    for extra in remaining:
        score.fact("extra task", False, f"Aufgabe zu viel: {str(extra.get('text'))[:60]!r}")


def _percent(right: int, total: int) -> float | None:
    return round(100 * right / total, 1) if total else None


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


def summarise(scores: list[FileScore]) -> dict:
    """Overall, per format, per template and per kind of fact."""
    def block(items: list[FileScore]) -> dict:
        right, total = sum(s.right for s in items), sum(s.total for s in items)
        found_p, truth_p, out_p = (sum(s.participants[i] for s in items) for i in range(3))
        found_t, truth_t, out_t = (sum(s.tasks[i] for s in items) for i in range(3))
        return {"files": len(items), "refused": sum(s.refused is not None for s in items),
                "facts_right": right, "facts": total, "percent": _percent(right, total),
                "participants_precision": _ratio(found_p, out_p), "participants_recall": _ratio(found_p, truth_p),
                "tasks_precision": _ratio(found_t, out_t), "tasks_recall": _ratio(found_t, truth_t)}

    by_format: dict[str, list[FileScore]] = defaultdict(list)
    by_template: dict[str, list[FileScore]] = defaultdict(list)
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for s in scores:
        by_format[s.suffix].append(s)
        by_template[s.template].append(s)
        for kind, (right, total) in s.kinds.items():
            kinds[kind][0] += right
            kinds[kind][1] += total
    return {
        "overall": block(scores),
        "per_format": {k: block(v) for k, v in sorted(by_format.items())},
        "per_template": {k: block(v) for k, v in sorted(by_template.items())},
        "per_fact": {k: {"right": r, "facts": t, "percent": _percent(r, t)} for k, (r, t) in sorted(kinds.items())},
        "per_file": {s.file: {"template": s.template, "facts_right": s.right, "facts": s.total,
                              "percent": _percent(s.right, s.total), "refused": s.refused,
                              "mistakes": s.mistakes} for s in scores},
    }


def run(folder: Path | None = None, strict: bool = False) -> dict:
    """Score every file of the corpus (or of `folder`); `strict`: names only as written (see `same_person`)."""
    scores = [score_file(path, strict) for path in (corpus_files(folder) if folder else corpus_files())]
    result = summarise(scores)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    result["measured"] = {"at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                          "commit": commit.stdout.strip() or None, "files": len(scores)}
    return result


# What `make bench` asks of the blind part (issue 22); the own corpus keeps its test threshold.
BLIND_TARGET_PERCENT = 95.0


def run_sets(ctx: object = None) -> dict:
    """`make bench`: the own corpus and the blind part, scored separately (never mixed into one figure)."""
    data = {"corpus": run()["overall"]}
    for name in OTHER_SETS:
        if (_set_folder(name) / "protokolle").is_dir():
            data[name] = run(_set_folder(name) / "protokolle")["overall"]
    return data


def _set_folder(name: str) -> Path:
    return CORPUS.parent / name


def targets_sets(result: dict) -> list[tuple[str, str, bool | None]]:
    return [(f"{name} protocols ≥ {BLIND_TARGET_PERCENT:.0f} % of facts right", f"{b['percent']} %",
             b["percent"] is not None and b["percent"] >= BLIND_TARGET_PERCENT)
            for name, b in result["data"].items() if name in BLIND_SETS]


def markdown_sets(result: dict) -> list[str]:
    lines = ["## Protocol accuracy", "",
             "Facts right (`python -m benchmarks.bench_accuracy [--set practice|blind2|blind3]`). Each other set was "
             "written by someone who never read the parser; the blind parts are opened only to score, the practice "
             "set is open for study. Each is reported on its own.", "",
             "| set | files | refused | facts right | participants P / R | tasks P / R |", "|---|---|---|---|---|---|"]
    for name, b in result["data"].items():
        lines.append(f"| {name} | {b['files']} | {b['refused']} | {b['facts_right']}/{b['facts']} = {b['percent']} % "
                     f"| {b['participants_precision']} / {b['participants_recall']} "
                     f"| {b['tasks_precision']} / {b['tasks_recall']} |")
    return [*lines, ""]


def _row(label: str, b: dict) -> str:
    def f(x: float | None) -> str:
        return "   –  " if x is None else f"{x:6.2f}"
    pct = "   – " if b["percent"] is None else f"{b['percent']:5.1f}"
    return (f"{label:<24} {b['files']:>5} {b['refused']:>4} {b['facts_right']:>6}/{b['facts']:<6} {pct} %"
            f"  {f(b['participants_precision'])} {f(b['participants_recall'])}"
            f"  {f(b['tasks_precision'])} {f(b['tasks_recall'])}")


def totals_only(result: dict) -> dict:
    """A blind set's result as it may be kept in the repository: totals overall, per format and per kind of fact;
    no file and no template (their names would tell the parser's authors what the exam holds)."""
    return {key: value for key, value in result.items() if key not in ("per_file", "per_template")}


def render(result: dict, by_file: bool, templates: bool = True) -> str:
    """The scores as a table; without `templates` (the blind sets) only totals per format and per fact, so
    scoring an exam never shows its files' names or mistakes."""
    head = (f"{'':<24} {'Dat.':>5} {'abg.':>4} {'Fakten':>13} {'richtig':>8}  {'Teiln. P':>6} {'R':>6}"
            f"  {'Aufg. P':>6} {'R':>6}")
    lines = [head, _row("gesamt", result["overall"]), "", "nach Format"]
    lines += [_row(k, v) for k, v in result["per_format"].items()]
    if templates:
        lines += ["", "nach Vorlage"] + [_row(k, v) for k, v in result["per_template"].items()]
    lines += ["", "nach Art des Fakts"]
    lines += [f"  {k:<22} {v['right']:>5}/{v['facts']:<5} {v['percent']} %" for k, v in result["per_fact"].items()]
    if by_file and templates:
        lines += ["", "nach Datei"]
        for name, info in result["per_file"].items():
            lines.append(f"  {name:<48} {info['facts_right']:>4}/{info['facts']:<4} {info['percent']} %"
                         + (f"  ABGELEHNT: {info['refused']}" if info["refused"] else ""))
            lines += [f"      - {m}" for m in info["mistakes"] if not info["refused"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Genauigkeit des Protokoll-Parsers auf dem Korpus messen.")
    parser.add_argument("--by-file", action="store_true", help="jede Datei mit ihren falschen Fakten zeigen")
    parser.add_argument("--no-write", action="store_true", help="Ergebnis nicht nach benchmarks/results schreiben")
    parser.add_argument("--set", dest="other", choices=OTHER_SETS, metavar="TEIL",
                        help="einen anderen Teil messen (practice…practice4, blind2, blind3, blind6: von jemandem "
                             "geschrieben, der den Parser nie gelesen hat; bei blind* nur Summen); "
                             "schreibt benchmarks/results/accuracy_<TEIL>.json")
    parser.add_argument("--fresh", type=int, metavar="SEED",
                        help="statt des Korpus neue Protokolle aller Vorlagen mit diesem Startwert erzeugen und "
                             "messen (Prüfung auf Überanpassung; schreibt nichts)")
    parser.add_argument("--strict-names", action="store_true",
                        help="Namen nur so werten, wie die Datei sie schreibt (ohne Abgleich mit den Stammdaten)")
    args = parser.parse_args(argv)
    if args.fresh is not None:
        from tests.fixtures.corpus.build import generate_fresh

        with tempfile.TemporaryDirectory(prefix="korpus-frisch-") as folder:
            generate_fresh(Path(folder), args.fresh)
            print(render(run(Path(folder)), args.by_file))
        return 0
    result = run(_set_folder(args.other) / "protokolle" if args.other else None, args.strict_names)
    print(render(result, args.by_file, templates=args.other not in BLIND_SETS))
    if not args.no_write:
        target = RESULTS.with_name(f"accuracy_{args.other}.json") if args.other else RESULTS
        if args.other in BLIND_SETS:
            result = totals_only(result)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", "utf-8")
        print(f"\ngeschrieben: {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
