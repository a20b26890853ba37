"""Property tests: random meeting facts, rendered in shuffled layouts, come back exactly.

A protocol is generated from facts (date, times, people with organisation and status, tasks with owners
and due dates), written as Markdown or plain text in one of several layouts (participants as a table,
one per line, 'Nachname, Vorname – Org', organisation first, or one sentence wrapped at a random width;
tasks as a table, a checklist or sentences; heading styles; order of blocks), read by the real reader
and parsed. Whatever the layout, the facts must be the same.
"""

from __future__ import annotations

import os
import textwrap
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.core.registry import Registry
from etl.extract.readers.plain import read_text_file
from etl.parse import parse_document

SETTINGS = settings(max_examples=int(os.environ.get("PROTOKOLL_PROPERTY_EXAMPLES", "120")), deadline=None)
FIRST = ["Anna", "Jonas", "Helga", "Tobias", "Miriam", "Sönke", "Carla", "Hans-Peter", "Ida", "Kemal"]
LAST = ["Becker", "Kranz", "Strauß", "Seidel", "Oduya", "Harms", "Nowak", "von Arnim", "Wegner", "Öztürk"]
ORGS = ["BAuA", "ZDH", "itb", "Handwerkskammer Nordheide", "Institut für Arbeitsforschung"]
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember"]
TASKS = ["Einladung verschicken", "Liste prüfen", "Termin klären", "Bericht erstellen"]
VERBS = {"Einladung verschicken": ("verschickt", "die Einladung", ""),
         "Liste prüfen": ("prüft", "die Liste", ""), "Termin klären": ("klärt", "den Termin", ""),
         "Bericht erstellen": ("erstellt", "den Bericht", "")}


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    org: str
    status: str  # present or excused

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(frozen=True)
class Task:
    text: str
    owner: Person
    due: date


def registry() -> Registry:
    organisations = Registry("organisation")
    for org in ORGS:
        organisations.add(org)
    return organisations


@st.composite
def facts(draw: st.DrawFn) -> dict[str, Any]:
    day = draw(st.dates(min_value=date(2019, 1, 1), max_value=date(2026, 12, 31)))
    start = draw(st.integers(8, 15))
    length = draw(st.integers(1, 3))
    firsts = draw(st.lists(st.sampled_from(FIRST), min_size=2, max_size=5, unique=True))
    lasts = draw(st.lists(st.sampled_from(LAST), min_size=len(firsts), max_size=len(firsts), unique=True))
    people = [Person(f, lname, draw(st.sampled_from(ORGS)), "present") for f, lname in zip(firsts, lasts,
                                                                                        strict=True)]
    excused = draw(st.integers(0, min(2, len(people) - 1)))
    people = people[:len(people) - excused] + [Person(p.first, p.last, p.org, "excused")
                                                for p in people[len(people) - excused:]]
    present = [p for p in people if p.status == "present"]
    texts = draw(st.lists(st.sampled_from(TASKS), max_size=3, unique=True))
    tasks = [Task(t, draw(st.sampled_from(present)), day + timedelta(days=draw(st.integers(7, 90))))
             for t in texts]
    return {"date": day, "start": start, "end": start + length, "people": people, "tasks": tasks}


def _de(day: date) -> str:
    return f"{day:%d.%m.%Y}"


def _heading(word: str, style: int, markdown: bool) -> str:
    if markdown and style == 0:
        return f"## {word}\n"
    if markdown and style == 1:
        return f"**{word}:**\n"
    return f"{word}:\n"


def _participants(people: list[Person], layout: int, width: int, markdown: bool) -> str:
    if layout == 0 and markdown:
        rows = "\n".join(f"| {p.name} | {p.org} |" for p in people)
        return f"| Name | Organisation |\n|---|---|\n{rows}\n"
    if layout == 1:
        return "\n".join(f"- {p.name} ({p.org})" for p in people) + "\n"
    if layout == 2:
        return "\n".join(f"{p.last}, {p.first} – {p.org}" for p in people) + "\n"
    if layout == 3:
        by_org: dict[str, list[str]] = {}
        for p in people:
            by_org.setdefault(p.org, []).append(p.name)
        return "\n".join(f"- {org}: {', '.join(names)}" for org, names in by_org.items()) + "\n"
    items = [f"{p.name} ({p.org})" for p in people]
    sentence = ", ".join(items[:-1]) + f" und {items[-1]}." if len(items) > 1 else items[0] + "."
    return textwrap.fill(sentence, width=width) + "\n"


def _tasks(tasks: list[Task], layout: int, markdown: bool) -> str:
    if layout == 0 and markdown:
        rows = "\n".join(f"| {t.owner.name} | {t.text} | {_de(t.due)} |" for t in tasks)
        return f"| Wer | Was | Bis wann |\n|---|---|---|\n{rows}\n"
    if layout == 1:
        return "\n".join(f"- [ ] {t.owner.name}: {t.text} (bis {_de(t.due)})" for t in tasks) + "\n"
    lines = []
    for t in tasks:
        verb, obj, _ = VERBS[t.text]
        lines.append(f"Frau {t.owner.last} {verb} bis zum {_de(t.due)} {obj}.")
    return "\n\n".join(lines) + "\n"


def render(f: dict[str, Any], markdown: bool, layout: int, task_layout: int, style: int, width: int,
           head: int, agenda_first: bool) -> str:
    day: date = f["date"]
    time = f"{f['start']}:00 – {f['end']}:00 Uhr" if head != 2 else f"von {f['start']} bis {f['end']} Uhr"
    if head == 0:
        top = f"# Sitzung der Fachgruppe Handwerk\n\nDatum: {_de(day)}\n\nUhrzeit: {time}\n\nOrt: Zoom\n\n"
    elif head == 1 and markdown:
        top = (f"---\ntitle: Fachgruppe Handwerk\ndate: {day.isoformat()}\ntime: {f['start']}:00-{f['end']}:00\n"
               f"---\n\n")
    else:
        top = (f"Protokoll der Fachgruppe Handwerk am {day.day}. {MONTHS[day.month - 1]} {day.year}\n"
               f"(Videokonferenz über Webex, {time})\n\n")
    present = [p for p in f["people"] if p.status == "present"]
    excused = [p for p in f["people"] if p.status == "excused"]
    people = _heading("Teilnehmende", style, markdown) + "\n" + _participants(present, layout, width, markdown)
    if excused:
        people += "\nEntschuldigt: " + ", ".join(f"{p.name} ({p.org})" for p in excused) + "\n"
    agenda = _heading("Tagesordnung", style, markdown) + "\n1. Begrüßung\n2. Verschiedenes\n"
    tasks = (_heading("Aufgaben", style, markdown) + "\n" + _tasks(f["tasks"], task_layout, markdown)
             if f["tasks"] else "")
    body = [agenda, people] if agenda_first else [people, agenda]
    return top + "\n".join(body) + "\n" + tasks + "\nDie nächste Sitzung findet am 01.01.2030 statt.\n"


@SETTINGS
@given(f=facts(), markdown=st.booleans(), layout=st.integers(0, 4), task_layout=st.integers(0, 2),
       style=st.integers(0, 2), width=st.integers(40, 100), head=st.integers(0, 2), agenda_first=st.booleans())
def test_facts_survive_any_layout(f: dict[str, Any], markdown: bool, layout: int, task_layout: int, style: int,
                                  width: int, head: int, agenda_first: bool) -> None:
    text = render(f, markdown, layout, task_layout, style, width, head, agenda_first)
    document = read_text_file(text.encode(), "p.md" if markdown else "p.txt", "md" if markdown else "txt")
    parsed = parse_document(document, organisations=registry())
    assert (parsed["date"], parsed["start"], parsed["end"]) == (
        f["date"].isoformat(), f"{f['start']:02d}:00", f"{f['end']:02d}:00"), text
    got = sorted((p["name"], p["organisation_raw"], p["status"]) for p in parsed["participants"])
    assert got == sorted((p.name, p.org, p.status) for p in f["people"]), text
    tasks = sorted((tuple(t["owners"]), t["due"]) for t in parsed["action_items"])
    assert tasks == sorted(((t.owner.name,), t.due.isoformat()) for t in f["tasks"]), text
    assert parsed["confidence"] == 1.0, (parsed["warnings"], text)
