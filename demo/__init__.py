"""Deterministic fictional source folder for Netzwerkradar: master-data CSVs plus protocols.

`write_demo` gives the app, the tests and the benchmarks one shared, reproducible network in
exactly the format real users hand in (see DESIGN.md, "Master data" and "Protocols"), including
the stories the dashboard exists to reveal. Same scale and seed, same bytes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import random
import re
import shutil
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from demo.model import AS_OF, Meeting, Org, Person, Project
from demo.render import to_docx, to_eml, to_markdown, to_odt, to_pdf, to_text
from demo.texts import compose, document_title, dotted
from demo.world import UNITS, Shape, World, build_world
from etl.extract.sources import PROTOCOL_SUFFIXES

__all__ = ["AS_OF", "PRESETS", "Preset", "demo_world", "story_facts", "write_demo"]

README_MARK = "# Demo-Daten Netzwerkradar"
CSV_FILES = (
    "organisations.csv",
    "people.csv",
    "groups.csv",
    "memberships.csv",
    "meetings.csv",
    "attendance.csv",
    "projects.csv",
    "project_partners.csv",
    "project_events.csv",
    "reports.csv",
)
SUFFIXES = ("md", "txt", "docx", "pdf", "odt", "eml")  # what demo.render writes
# The formats a build reads as protocols: the preset writes only those, so every protocol counts.
BUILD_READS = tuple(s for s in SUFFIXES if f".{s}" in PROTOCOL_SUFFIXES)


@dataclass(frozen=True)
class Preset:
    """A named network size: the scale (the hand-made unit plus `scale - 1` generated units) and the
    shape of the generated units."""

    scale: int
    shape: Shape
    about: str


PRESETS = {
    # The size of the real network: about 400 organisations in 15 groups with 10 years of meetings. The nine
    # hand-made groups (and their stories) plus one generated unit of nine times the usual organisations and six
    # large groups founded in 2015/2016 (25-60 member organisations each), so meetings have 15-40 participants
    # as in the real Fachgruppen; half of their meetings have a protocol, in every format the build reads, in turn.
    "netzwerk": Preset(
        scale=2,
        shape=Shape(
            orgs_per_type=9,
            fachgruppen=("healthy", "healthy", "fading", "noreport"),
            networks=("healthy", "fading"),
            seats=(25, 60),
            founded="2015-09-01",
            founded_until="2016-11-30",
            projects=(40, 50),
            protocol_share=0.5,
            formats=BUILD_READS,
        ),
        about="Größe des echten Netzwerks: rund 400 Organisationen, 15 Gruppen, 10 Jahre Sitzungen",
    ),
}
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def write_demo(out: Path, scale: int = 1, seed: int = 42, preset: str | None = None) -> dict[str, int]:
    """Write the demo source folder to `out`; returns rows per CSV and files per protocol suffix.

    `preset` (a key of PRESETS) replaces `scale` by a named size. `out` must be empty, missing, or an
    earlier demo folder (recognised by its README), which is replaced, so stale protocols of another
    seed never linger.
    """
    out = Path(out)
    _prepare(out)
    rng = random.Random(seed)
    scale, shape = (PRESETS[preset].scale, PRESETS[preset].shape) if preset else (scale, UNITS)
    world = build_world(scale, rng.getrandbits(64), shape)  # same first draw as demo_world()
    refs = random.Random(rng.getrandbits(64))
    counts: dict[str, int] = {}
    tables = _tables(world, refs)
    for name in CSV_FILES:
        header, rows = tables[name]
        counts[name] = _write_csv(out / name, header, rows)
    paths = _write_protocols(world, out, random.Random(rng.getrandbits(64)))
    for suffix in SUFFIXES:
        n = sum(p.suffix == f".{suffix}" for p in paths)
        if n or suffix in ("md", "txt", "docx", "pdf"):
            counts[f"protokolle/*.{suffix}"] = n
    (out / "README.md").write_text(_readme(world, scale, seed, counts, paths, preset), encoding="utf-8")
    counts["README.md"] = 1
    return counts


def demo_world(scale: int = 1, seed: int = 42, preset: str | None = None) -> World:
    """The in-memory world behind `write_demo(out, scale, seed, preset)`, for tests and benchmarks."""
    scale, shape = (PRESETS[preset].scale, PRESETS[preset].shape) if preset else (scale, UNITS)
    return build_world(scale, random.Random(seed).getrandbits(64), shape)


def _prepare(out: Path) -> None:
    if out.exists() and any(out.iterdir()):
        readme = out / "README.md"
        if not readme.exists() or not readme.read_text(encoding="utf-8").startswith(README_MARK):
            raise FileExistsError(
                f"{out} ist nicht leer und kein Demo-Ordner; bitte einen leeren Ordner angeben"
            )
        for name in (*CSV_FILES, "README.md"):
            (out / name).unlink(missing_ok=True)
        shutil.rmtree(out / "protokolle", ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> int:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return len(rows)


# --------------------------------------------------------------------------- tables


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _email(person: Person) -> str:
    """A work address under the reserved `.example` domain (RFC 2606), so the outreach mail draft has recipients;
    one in five people has none, as in a real office's list. Derived from the name, not the random stream, so the
    rest of the demo stays as it was."""
    if hashlib.sha256(person.name.encode()).digest()[0] % 5 == 0:
        return ""
    return f"{_ascii(f'{person.first}.{person.last}')}@{_ascii(person.org.short or person.org.name)}.example"


def _ascii(text: str) -> str:
    """'Jürgen Öz' -> 'jurgen-oz': an address part without umlauts, spaces or punctuation."""
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9.]+", "-", plain).strip("-.")


def _org_ref(org: Org, rng: random.Random) -> str:
    """An organisation as someone types it in Excel: usually the name, sometimes short or odd."""
    variants = [v for v in (org.short, *org.aliases, *org.spellings) if v]
    if variants and rng.random() < 0.2:
        return rng.choice(variants)
    return org.name


def _person_ref(person: Person, rng: random.Random) -> str:
    name = person.name
    if name.translate(_FOLD) != name and rng.random() < 0.3:
        return name.translate(_FOLD)
    return name


def _tables(world: World, rng: random.Random) -> dict[str, tuple[list[str], list[list[str]]]]:
    t: dict[str, tuple[list[str], list[list[str]]]] = {}
    t["organisations.csv"] = (
        ["name", "short_name", "type", "region", "aliases", "partner_since"],
        [
            [
                o.name,
                o.short,
                o.type,
                o.region,
                "|".join(o.aliases),
                dotted(o.partner_since) if o.partner_since else "",
            ]
            for o in world.orgs
        ],
    )
    t["people.csv"] = (
        ["name", "title", "organisation", "role", "email"],
        [[p.name, p.title, _org_ref(p.org, rng), p.role, _email(p)] for p in world.people],
    )
    t["groups.csv"] = (
        ["name", "kind", "topic", "founded", "dissolved", "parent"],
        [[g.name, g.kind, g.topic, _iso(g.founded), _iso(g.dissolved), g.parent] for g in world.groups],
    )
    t["memberships.csv"] = (
        ["group", "organisation", "role", "since", "until"],
        [
            [g.name, _org_ref(s.org, rng), s.role, _iso(s.since), _iso(s.until)]
            for g in world.groups
            for s in g.seats
            if s.listed
        ],
    )
    meetings, attendance = [], []
    for m in world.meetings:
        if m.protocol is None or m.protocol.in_csv:
            meetings.append([m.group.name, _iso(m.day), m.start, m.end, m.location, m.title])
        if m.protocol is None and not m.reserved:
            attendance.extend(_attendance_rows(m, rng))
    t["meetings.csv"] = (["group", "date", "start", "end", "location", "title"], meetings)
    t["attendance.csv"] = (["group", "date", "person", "organisation", "status"], attendance)
    t["projects.csv"] = (
        ["name", "programme", "lead", "status", "applied", "approved", "start", "end", "description"],
        [
            [
                p.name,
                p.programme,
                _org_ref(p.lead, rng),
                p.status,
                _iso(p.applied),
                _iso(p.approved),
                _iso(p.start),
                _iso(p.end),
                p.description,
            ]
            for p in world.projects
        ],
    )
    t["project_partners.csv"] = (
        ["project", "organisation", "role"],
        [[p.name, _org_ref(o, rng), role] for p in world.projects for o, role in p.partners],
    )
    t["project_events.csv"] = (
        ["project", "date", "kind", "group", "note"],
        [row for p in world.projects for row in _events(p)],
    )
    t["reports.csv"] = (
        ["group", "year", "submitted", "to"],
        [
            [g.name, str(y), dotted(s), "AG Transfer"]
            for g, y, s in sorted(world.reports, key=lambda r: (world.groups.index(r[0]), r[1]))
        ],
    )
    return t


def _attendance_rows(m: Meeting, rng: random.Random) -> list[list[str]]:
    rows, seen = [], []
    for a in m.attendance:
        if a.by_org or a.person is None:
            key = (id(a.org), a.status)
            if key in seen:
                continue
            seen.append(key)
            rows.append([m.group.name, _iso(m.day), "", _org_ref(a.org, rng), a.status])
        else:
            rows.append([m.group.name, _iso(m.day), _person_ref(a.person, rng), "", a.status])
    return rows


def _events(p: Project) -> list[list[str]]:
    events: list[tuple[date, str, str, str]] = [(p.applied, "antrag", "", "Antrag eingereicht")]
    if p.approved and p.approved <= AS_OF and not p.rejected:
        events.append((p.approved, "bewilligung", "", "Zuwendungsbescheid erhalten"))
    if p.start and p.start <= AS_OF:
        events.append((p.start, "start", "", "Projektstart"))
        if p.end:
            middle = p.start + (p.end - p.start) / 2
            if middle <= AS_OF:
                events.append((middle, "zwischenbericht", "", "Zwischenbericht eingereicht"))
    for meeting, note in p.presentations:
        events.append((meeting.day, "vorstellung", meeting.group.name, note))
    if p.end and p.end <= AS_OF:
        events.append((p.end, "abschluss", "", "Projektende, Schlussbericht in Arbeit"))
    if p.transfer:
        events.append(
            (p.transfer.day, "transfer", p.transfer.group.name, "Ergebnisse in der AG Transfer vorgestellt")
        )
    order = ("antrag", "bewilligung", "start", "vorstellung", "zwischenbericht", "abschluss", "transfer")
    events.sort(key=lambda e: (e[0], order.index(e[1])))
    return [[p.name, _iso(day), kind, group, note] for day, kind, group, note in events]


# --------------------------------------------------------------------------- protocols


def protocol_path(m: Meeting) -> Path:
    """Relative path of a meeting's protocol: protokolle/<group>/<ISO date>_<stem>.<suffix>."""
    assert m.protocol is not None
    return Path("protokolle") / m.group.folder / f"{_iso(m.day)}_{m.protocol.filename}.{m.protocol.suffix}"


def _write_protocols(world: World, out: Path, rng: random.Random) -> list[Path]:
    paths = []
    by_group: dict[int, list[Meeting]] = {}
    for m in world.meetings:
        by_group.setdefault(id(m.group), []).append(m)
    for m in world.meetings:
        if m.protocol is None:
            continue
        own = by_group[id(m.group)]
        i = own.index(m)
        prev_day = own[i - 1].day if i else None
        next_day = own[i + 1].day if i + 1 < len(own) else None
        pool = [p for s in m.group.seats for p in s.org.people]
        blocks = compose(m, prev_day, next_day, pool, random.Random(rng.getrandbits(64)))
        spec = m.protocol
        lead = next((s.org for s in m.group.seats if s.role == "lead"), None)
        author = f"Geschäftsstelle {lead.label}" if lead else "Geschäftsstelle"
        if spec.suffix == "md":
            data = to_markdown(blocks, spec.variant["spacing"])
        elif spec.suffix == "txt":
            data = to_text(blocks, spec.variant["spacing"])
        elif spec.suffix == "docx":
            data = to_docx(blocks, m.day, author)
        elif spec.suffix == "odt":
            data = to_odt(blocks, m.day, author)
        elif spec.suffix == "eml":
            data = to_eml(blocks, m.day, author, m.group.name, spec.variant["spacing"])
        else:
            data = to_pdf(blocks, m.day, document_title(blocks, m.day), author)
        rel = protocol_path(m)
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
        paths.append(rel)
    return paths


# --------------------------------------------------------------------------- README


def _present_days(world: World, group_name: str, org: Org) -> list[date]:
    return [
        m.day
        for m in world.meetings
        if m.group.name == group_name
        and not m.reserved
        and any(a.org is org and a.status == "present" for a in m.attendance)
    ]


def _status_days(world: World, group_name: str, org: Org, status: str) -> list[date]:
    return [
        m.day
        for m in world.meetings
        if m.group.name == group_name
        and not m.reserved
        and any(a.org is org and a.status == status for a in m.attendance)
    ]


@dataclass
class Fading:
    """One organisation that fades from the Fachgruppe Handwerk."""

    last_present: date | None
    per_year: dict[int, int]
    excused_2023_2024: int


@dataclass
class StoryFacts:
    """The numbers behind the five stories, computed from the data (README and tests use them)."""

    fading: dict[str, Fading]
    gesund_active: list[str]
    gesund_meetings_last_year: int
    fachkraefte_last_meeting: date
    digital_last_report: tuple[int, date]
    digital_meetings_last_year: int


def story_facts(world: World) -> StoryFacts:
    """Read the stories back out of the finished world, so the README cannot drift from the data."""
    year_ago = AS_OF - timedelta(days=365)
    hw = world.group_by_name["Fachgruppe Handwerk"]
    fading = {}
    for seat in hw.seats:
        if seat.org.fading:
            days = _present_days(world, hw.name, seat.org)
            excused = [d for d in _status_days(world, hw.name, seat.org, "excused") if d.year in (2023, 2024)]
            fading[seat.org.name] = Fading(
                max(days) if days else None, dict(Counter(day.year for day in days)), len(excused)
            )
    gesund = world.group_by_name["Fachgruppe Gesunde Arbeit"]
    active: list[str] = []
    for m in world.meetings_of(gesund):
        if m.day > year_ago:
            for a in m.attendance:
                if a.status in ("present", "guest") and a.org.name not in active:
                    active.append(a.org.name)
    fk = world.group_by_name["Fachgruppe Fachkräftesicherung"]
    digital = world.group_by_name["Fachgruppe Digitalisierung im Mittelstand"]
    return StoryFacts(
        fading=fading,
        gesund_active=active,
        gesund_meetings_last_year=sum(m.day > year_ago for m in world.meetings_of(gesund)),
        fachkraefte_last_meeting=world.meetings_of(fk)[-1].day,
        digital_last_report=max((y, s) for g, y, s in world.reports if g is digital),
        digital_meetings_last_year=sum(m.day > year_ago for m in world.meetings_of(digital)),
    )


def _readme(
    world: World, scale: int, seed: int, counts: dict[str, int], paths: list[Path], preset: str | None = None
) -> str:
    facts = story_facts(world)
    size = f"Voreinstellung {preset}" if preset else f"Skalierung {scale}"
    option = f"--preset {preset}" if preset else f"--scale {scale}"
    lines = [
        README_MARK,
        "",
        f"Fiktives Partnernetzwerk für Netzwerkradar ({size}, Seed {seed}, Stichtag "
        f"{dotted(AS_OF)}). Erzeugt mit `python -m demo {option} --seed {seed} --out <Ordner>` "
        "(Funktion `demo.write_demo`); bei gleichem Seed entstehen byte-gleiche Dateien. Bitte nicht von "
        "Hand ändern, sondern neu erzeugen.",
        "",
        "Alle Personen, Texte und fast alle Organisationen sind erfunden. Damit das echte Protokoll aus "
        "`seeds/` gegen diese Daten aufgelöst werden kann, gibt es die BAuA, das itb, die PSG (hier mit "
        "erfundener Langform) und die Stiftung MGV. Für den 08.06.2021 enthält `meetings.csv` nur den Termin "
        "der Fachgruppe Handwerk ohne Anwesenheit: Das echte Protokoll ergänzt ihn.",
        "",
        "## Inhalt",
        "",
        "| Datei | Zeilen/Dateien |",
        "|---|---|",
    ]
    lines += [f"| {name} | {n} |" for name, n in counts.items() if name != "README.md"]
    lines += [
        "",
        "Protokolle liegen unter `protokolle/<gruppe>/<Datum>_….<endung>`. Ein Protokoll ersetzt die "
        "Anwesenheitsliste seiner Sitzung; steht die Sitzung auch in `meetings.csv`, ergänzt das Protokoll "
        "diesen Eintrag. Verweise zwischen den Dateien erfolgen über Namen, teils mit Kurznamen, Aliassen "
        "oder abweichender Schreibweise (z. B. „BauA“, „Baecker-Innung Suedniedersachsen“). Die Spalten "
        "`partner_since` und `submitted` nutzen das Format TT.MM.JJJJ, alle anderen JJJJ-MM-TT.",
        "",
        "## Geschichten in den Daten",
        "",
    ]
    lines.append("1. **Partner, die wegbleiben (Fachgruppe Handwerk).**")
    for name, info in facts.fading.items():
        years = ", ".join(f"{y}: {n}" for y, n in sorted(info.per_year.items()))
        last = dotted(info.last_present) if info.last_present else "nie"
        extra = f"; 2023–2024 {info.excused_2023_2024}-mal entschuldigt" if info.excused_2023_2024 > 2 else ""
        lines.append(
            f"   - {name}: zuletzt anwesend am {last}{extra} (Sitzungen mit Anwesenheit je Jahr: {years})."
        )
    gesund = world.group_by_name["Fachgruppe Gesunde Arbeit"]
    left = [f"{s.org.name} (bis {dotted(s.until)})" for s in gesund.seats if s.until]
    lines += [
        "2. **Zu wenige Partner (Fachgruppe Gesunde Arbeit, Grundprinzip 6.3).** In den letzten "
        f"zwölf Monaten vor dem Stichtag ({facts.gesund_meetings_last_year} Sitzungen) nahmen nur "
        f"{' und '.join(facts.gesund_active)} teil. Ausgeschieden: {', '.join(left)}.",
        f"3. **Eine Fachgruppe tagt nicht mehr (Fachgruppe Fachkräftesicherung, 6.6).** Letzte Sitzung am "
        f"{dotted(facts.fachkraefte_last_meeting)}, also mehr als zwölf Monate vor dem Stichtag; "
        "das Protokoll dieser Sitzung vermerkt, dass kein Folgetermin vereinbart wurde.",
    ]
    year, submitted = facts.digital_last_report
    lines.append(
        "4. **Fehlender Jahresbericht (Fachgruppe Digitalisierung im Mittelstand, 6.4).** Letzter "
        f"Bericht an die AG Transfer für {year}, eingereicht am {dotted(submitted)}; trotzdem "
        f"{facts.digital_meetings_last_year} Sitzungen in den letzten zwölf Monaten. Das Protokoll der AG "
        "Transfer aus dem Frühjahr 2026 vermerkt den fehlenden Bericht."
    )
    by_meeting = {id(m): p for m, p in zip([m for m in world.meetings if m.protocol], paths, strict=True)}
    lines.append(
        "5. **Projekte in den Gruppen.** Vorstellungen (`project_events.csv`, Art `vorstellung`); die "
        "Protokolle dieser Sitzungen enthalten den Satz: Das Projekt „…“ wird vorgestellt."
    )
    base = [p for p in world.projects if p.presentations][:16]
    for project in base:
        for meeting, _note in project.presentations:
            where = (
                f" – Protokoll `{by_meeting[id(meeting)].as_posix()}`" if id(meeting) in by_meeting else ""
            )
            lines.append(f"   - „{project.name}“: {meeting.group.name}, {dotted(meeting.day)}{where}")
    ag_paths = [p for m, p in zip([m for m in world.meetings if m.protocol], paths, strict=True) if m.reports]
    lines += [
        "",
        "Berichte der Fachgruppen an die AG Transfer (`reports.csv`) stehen auch in den Protokollen der "
        "AG Transfer, jeweils unter „Bericht der Fachgruppe …“: "
        + ", ".join(f"`{p.as_posix()}`" for p in ag_paths[:4])
        + ".",
        "",
        "Weitere Details: Die Fachgruppe Demografischer Wandel wurde am 19.11.2019 vom Strategiekreis "
        "aufgelöst. Ein Protokoll des Regionalen Netzwerks Hannover nennt einen Gast der Autohaus Tiedtke "
        "GmbH, die nicht in `organisations.csv` steht und beim Import neu angelegt wird.",
    ]
    if preset:
        lines += [
            "",
            f"Voreinstellung {preset}: {PRESETS[preset].about}. Zu den neun Gruppen oben kommen "
            f"{len(world.groups) - 9} erzeugte Gruppen mit je 25–60 Organisationen (gegründet 2015/2016); "
            f"insgesamt {len(world.orgs)} Organisationen, {len(world.groups)} Gruppen, {len(world.meetings)} "
            f"Sitzungen von {world.meetings[0].day.year} bis {world.meetings[-1].day.year}; etwa die Hälfte der "
            "Sitzungen der erzeugten Gruppen hat ein Protokoll, abwechselnd in jedem Format, das der Import "
            f"liest ({', '.join('.' + s for s in PRESETS[preset].shape.formats)}).",
        ]
    if scale > 1:
        profiles = Counter(g.profile for g in world.groups[9:])
        lines += [
            "",
            f"Zusätzlich erzeugte Gruppen ({size}): "
            + ", ".join(f"{k}: {v}" for k, v in sorted(profiles.items()))
            + ".",
        ]
    return "\n".join(lines) + "\n"
