"""Protocol parser throughput: 1,000 generated Markdown protocols, read and parsed with registries.

Target (issue 22): at least 150 text protocols per second, read and parsed, on a 2-core machine; reading
(etl/extract) and parsing (etl/parse) are also timed apart, with the machine's load, since a shared machine
slows both. Run
`python benchmarks/bench_parse.py [--count N] [--seed S]`; the numbers are printed and written to
benchmarks/bench_parse_results.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from etl.core.registry import Registry  # noqa: E402
from etl.extract.readers import read_document  # noqa: E402
from etl.parse.file import parse_file  # noqa: E402
from etl.parse.protocol import parse_document  # noqa: E402

RESULTS = Path(__file__).resolve().with_name("bench_parse_results.json")
TARGET_PER_SECOND = 150.0
TARGET_SECONDS = 1000 / TARGET_PER_SECOND

FIRST = ["Anna", "Jan", "Eva", "Lena", "Tobias", "Miriam", "Jonas", "Svenja", "Rainer", "Nele", "Carla",
         "Björn", "Aylin", "Tarek", "Helga", "Marko", "Ida", "Hans-Peter", "Friederike", "Ole"]
LAST = ["Schmidt", "Ohm", "Braun", "Brandt", "Kessler", "Oduya", "Feldhaus", "Holtkamp", "Voss", "Jansen",
        "Nowak", "Eckhoff", "Demir", "Haddad", "Marquardt", "Kaiser", "Roth", "Wiegand", "von Arnim",
        "Seidel"]
TITLES = ["", "", "", "Dr. ", "Prof. Dr. ", "Dipl.-Ing. "]
ORG_WORDS = ["Handwerkskammer", "Innung", "Institut", "Stiftung", "Fachverband", "Zentrum", "Akademie",
             "Agentur"]
PLACES = ["Musterstadt", "Nordheide", "Ostsee", "Südtal", "Westmark", "Bergland", "Seestadt", "Flussau"]
TOPICS = ["Handwerk", "Digitalisierung", "Gesundheit im Betrieb", "Fachkräfte", "Nachhaltigkeit", "Bau",
          "Ausbildung", "Innovation"]
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember"]


def registries(rng: random.Random) -> tuple[dict[str, Registry], list[tuple[str, str]], list[str], list[str]]:
    """About 200 organisations, the groups and 50 projects, like a real source folder."""
    organisations = Registry("organisation")
    orgs: list[tuple[str, str]] = []
    for word in ORG_WORDS:
        for place in PLACES:
            for suffix in ("", " Nord", " Süd"):
                name = f"{word} {place}{suffix}"
                short = "".join(part[0] for part in name.split()).upper() + str(len(orgs))
                organisations.add(name, short)
                orgs.append((name, short))
    groups = Registry("group")
    group_names = [f"Fachgruppe {topic}" for topic in TOPICS] + ["AG Transfer", "Koordinierungsteam"]
    for name in group_names:
        groups.add(name)
    projects = Registry("project")
    project_names = [f"{adj} {noun}" for adj in ("Digitale", "Gesunde", "Starke", "Grüne", "Offene")
                     for noun in ("Werkstatt", "Betriebe", "Region", "Zukunft", "Lernorte", "Netze", "Wege",
                                  "Teams", "Räume", "Ideen")]
    for name in project_names:
        projects.add(name)
    rng.shuffle(orgs)
    regs = {"organisations": organisations, "groups": groups, "projects": projects}
    return regs, orgs, group_names, project_names


def protocol(rng: random.Random, orgs: list[tuple[str, str]], group_names: list[str],
             projects: list[str]) -> tuple[str, tuple[int, int]]:
    """One varied protocol (head, participants in one of several layouts, agenda, body, tasks) and
    what a correct parse finds: (present participants, agenda items)."""
    group = rng.choice(group_names)
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2019, 2025)
    date = rng.choice([f"{day:02d}.{month:02d}.{year}", f"{day}. {MONTHS[month - 1]} {year}",
                       f"Dienstag, {day:02d}. {MONTHS[month - 1]} {year}", f"{year}-{month:02d}-{day:02d}"])
    start = rng.randint(8, 15)
    time_text = rng.choice([f"{start}:00-{start + 2}:00", f"{start}:30 – {start + 1}:30 Uhr",
                            f"{start}:00 bis {start + 2}:30 Uhr"])
    place = rng.choice(["Videokonferenz via Zoom", "MS Teams",
                        f"Handwerkskammer {rng.choice(PLACES)}, Raum 1", "hybrid",
                        f"Geschäftsstelle {rng.choice(PLACES)} und per Webex"])
    title = rng.choice([f"## Austausch {group}", f"# Protokoll der Sitzung {group}", f"# Sitzung {group}"])
    out = [title, "",
           "### Protokoll", "", f"**Datum:** {date}", f"Uhrzeit: {time_text}", f"Ort: {place}", ""]
    people = []
    for _ in range(rng.randint(4, 15)):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if all(name != p[1] for p in people):
            org = rng.choice(orgs)
            people.append((rng.choice(TITLES), name, rng.choice(org)))
    layout = rng.randrange(5)
    out += [rng.choice(["Teilnehmende:", "Teilnehmer\\*innen:", "## Anwesend"]), ""]
    if layout == 0:
        out += [f"{t}{n}\t{o}" for t, n, o in people]
    elif layout == 1:
        out += [f"- {t}{n} ({o}){rng.choice(['', ' (online)', ' (ab 13:30)'])}" for t, n, o in people]
    elif layout == 2:
        out += ["| Name | Organisation |", "|---|---|"] + [f"| {t}{n} | {o} |" for t, n, o in people]
    elif layout == 3:
        out.append(", ".join(f"{t}{n} ({o})" for t, n, o in people))
    else:
        out += [f"{t}{n} – {o}" for t, n, o in people]
    out += ["", "Entschuldigt: Ida Roth (ZVB), Ole Seidel", "", "### Agenda", ""]
    topics = [f"Bericht zum Projekt {rng.choice(projects)}", "Begrüßung", "Verschiedenes",
              "Planung der nächsten Sitzung", f"Austausch mit der {rng.choice(group_names)}"]
    rng.shuffle(topics)
    for number, topic in enumerate(topics, start=1):
        out.append(f"{number}. {topic}")
        if rng.random() < 0.3:
            out.append("und weitere Fragen aus dem Kreis der Partner")
    out.append("")
    for number, topic in enumerate(topics, start=1):
        speaker = rng.choice(people)[1]
        other = rng.choice(people)[1].split()[-1]
        out += [f"### TOP {number} {topic}", "",
                f"{speaker} stellt den Stand vor. Herr {other} ergänzt die Ausführungen zum Projekt "
                f"„{rng.choice(projects)}“ und zur {rng.choice(orgs)[1]}.", "",
                f"Die Teilnehmenden diskutieren die Vorschläge. {rng.choice(orgs)[0]} unterstützt "
                "das Vorhaben.",
                ""]
        if rng.random() < 0.4:
            out += ["Beschluss: Die Gruppe trifft sich zweimal im Jahr.", ""]
    owner = rng.choice(people)[1]
    out += ["## Weiteres Vorgehen", "",
            f"{owner} verschickt bis zum {rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{year} "
            "das Protokoll.",
            f"Eine Terminabfrage wird von {rng.choice(people)[1]} verschickt.", "",
            "| Aufgabe | Verantwortlich | Termin |", "|---|---|---|",
            f"| Flyer erstellen | {rng.choice(people)[1]} | Ende Juni |", f"| Raum buchen | {owner} | |"]
    if rng.random() < 0.3:
        out += ["", f"## Austausch {group}", "", "### Protokoll"]  # page header pasted into the text
    return "\n".join(out) + "\n", (len(people), len(topics))


def _load() -> str | None:
    """The machine's load average (1, 5, 15 min) when the run starts and ends: the numbers mean little without it."""
    try:
        return " ".join(Path("/proc/loadavg").read_text("utf-8").split()[:3])
    except OSError:
        return None


def run(count: int, seed: int) -> dict[str, object]:
    rng = random.Random(seed)
    regs, orgs, group_names, projects = registries(rng)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "protokolle"
        folder.mkdir()
        paths, expected = [], []
        for number in range(count):
            path = folder / f"protokoll_{number:04d}.md"
            text, facts = protocol(rng, orgs, group_names, projects)
            path.write_text(text, "utf-8")
            paths.append(path)
            expected.append(facts)
        load = _load()
        started, cpu = time.perf_counter(), time.process_time()
        results = [parse_file(path, **regs) for path in paths]
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        started = time.perf_counter()
        documents = [read_document(path, str(path)) for path in paths]
        reading = time.perf_counter() - started
        started = time.perf_counter()
        for document in documents:
            parse_document(document, **regs)
        parsing = time.perf_counter() - started
    participants = sum(len(parsed["participants"]) for parsed in results)
    tasks = sum(len(parsed["action_items"]) for parsed in results)
    wrong = sum(1 for parsed, (present, agenda) in zip(results, expected, strict=True)
                if sum(p["status"] == "present" for p in parsed["participants"]) != present
                or len(parsed["agenda"]) != agenda)
    return {"protocols": count, "seconds": round(seconds, 3), "per_second": round(count / seconds, 1),
            "ms_per_protocol": round(1000 * seconds / count, 2), "participants": participants, "tasks": tasks,
            "misparsed": wrong,
            "cpu_ms_per_protocol": round(1000 * cpu / count, 2),
            "read_ms_per_protocol": round(1000 * reading / count, 2),
            "parse_ms_per_protocol": round(1000 * parsing / count, 2),
            "parse_only_per_second": round(count / parsing, 1),
            "target_per_second": TARGET_PER_SECOND,
            "target_seconds_per_1000": round(TARGET_SECONDS, 2),
            "within_target": seconds * 1000 / count <= TARGET_SECONDS,
            "load_before": load, "load_after": _load(),
            "python": platform.python_version(), "machine": platform.machine(), "seed": seed}


def main() -> None:
    parser = argparse.ArgumentParser(description="Durchsatz des Protokoll-Parsers messen")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--no-write", action="store_true", help="Ergebnis nicht in die JSON-Datei schreiben")
    args = parser.parse_args()
    result = run(args.count, args.seed)
    print(f"{result['protocols']} Protokolle in {result['seconds']} s – {result['per_second']} Protokolle/s, "
          f"{result['ms_per_protocol']} ms je Protokoll ({result['participants']} Teilnehmende, "
          f"{result['tasks']} Aufgaben, {result['misparsed']} falsch gelesen); Ziel ≥ {TARGET_PER_SECOND:.0f} "
          f"Protokolle/s: {'erreicht' if result['within_target'] else 'VERFEHLT'}\n"
          f"davon Lesen {result['read_ms_per_protocol']} ms, Auswerten {result['parse_ms_per_protocol']} ms je "
          f"Protokoll ({result['parse_only_per_second']} Protokolle/s nur Auswerten); Rechenzeit "
          f"{result['cpu_ms_per_protocol']} ms je Protokoll; Last vorher "
          f"{result['load_before']}, nachher {result['load_after']}")
    if not args.no_write:
        RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
