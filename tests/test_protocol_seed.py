"""The real protocol of 08.06.2021 (Fachgruppe Handwerk) must parse completely: the quality bar."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from etl.core.registry import Registry
from etl.parse.file import parse_file
from etl.parse.summary import format_summary


def _seeds() -> Path:
    """The shared seed folder: next to the checkout (/work/main) or two levels up (/work/wt/<name>)."""
    for parent in Path(__file__).resolve().parents:
        if (parent / "shared" / "seeds").is_dir():
            return parent / "shared" / "seeds"
    return Path(__file__).resolve().parents[2] / "shared" / "seeds"


SEEDS = _seeds()
SEED = SEEDS / "protokoll_2021-06-08_fachgruppe-handwerk.md"

pytestmark = pytest.mark.skipif(not SEED.exists(), reason=f"Seed-Protokoll fehlt ({SEED})")

BAUA = "Bundesanstalt für Arbeitsschutz und Arbeitsmedizin"
ITB = "Institut für Technik der Betriebsführung"
PSG = "Projektgesellschaft Handwerk"
MGV = "Stiftung Mittelstand – Gesellschaft – Verantwortung"


def _registries() -> dict[str, Registry]:
    organisations = Registry("organisation")
    organisations.add(BAUA, "BAuA")
    organisations.add(ITB, "itb")
    organisations.add(PSG, "PSG")
    organisations.add(MGV, "Stiftung MGV")
    groups = Registry("group")
    groups.add("Fachgruppe Handwerk")
    groups.add("AG Transfer")
    projects = Registry("project")
    projects.add("Fachkräftezentren Handwerk")
    return {"organisations": organisations, "groups": groups, "projects": projects}


@pytest.fixture(scope="module")
def parsed() -> dict[str, Any]:
    return parse_file(SEED, source="protokolle/fachgruppe-handwerk/2021-06-08.md", **_registries())


def test_header(parsed: dict[str, Any]) -> None:
    keys = ("title", "group", "group_known", "date", "start", "end", "location", "format")
    assert {k: parsed[k] for k in keys} == {
        "title": "Austausch Fachgruppe Handwerk", "group": "Fachgruppe Handwerk", "group_known": True,
        "date": "2021-06-08", "start": "12:30", "end": "14:00", "location": "Videokonferenz via Zoom",
        "format": "online"}


def test_all_six_participants_with_their_organisations(parsed: dict[str, Any]) -> None:
    def row(name: str, org: str, raw: str, org_id: str, line: int,
            title: str | None = None) -> dict[str, Any]:
        return {"name": name, "title": title, "organisation": org, "organisation_raw": raw,
                "organisation_id": org_id, "status": "present", "note": None, "line": line, "page": None,
                "known_name": None}

    assert parsed["participants"] == [
        row("Oleg Cernavin", MGV, "Stiftung-Mittelstand-Gesellschaft-Verantwortung",
            "stiftung-mittelstand-gesellschaft-verantwortung", 15),
        row("Gabriele Walter", BAUA, "BauA", "bundesanstalt-fuer-arbeitsschutz-und-arbeitsmedizin", 16,
            "Dr."),
        row("Andreas Ihm", ITB, "itb", "institut-fuer-technik-der-betriebsfuehrung", 17),
        row("Joachim Hoffmeyer", PSG, "PSG", "projektgesellschaft-handwerk", 18),
        row("Katja Mikus", PSG, "PSG", "projektgesellschaft-handwerk", 19),
        row("Kristina Mangold", PSG, "PSG", "projektgesellschaft-handwerk", 20),
    ]
    assert parsed["unresolved"] == []
    assert parsed["warnings"] == []
    assert parsed["confidence"] == 1.0


def test_people_only_mentioned_are_not_participants(parsed: dict[str, Any]) -> None:
    names = " ".join(p["name"] for p in parsed["participants"])
    assert "Blumenthal" not in names and "Sieker" not in names
    assert "Blumenthal" not in " ".join(parsed["mentions"]["people"])
    assert "Achim Sieker" not in parsed["mentions"]["people"]


def test_six_agenda_items_with_the_wrapped_fifth(parsed: dict[str, Any]) -> None:
    agenda = parsed["agenda"]
    assert len(agenda) == 6
    assert agenda[:4] == ["Begrüßung", "Fachgruppe Handwerk und OM", "Status Quo der Fachgruppe Handwerk",
                          "Vorstellung Weiterentwicklung Fachkräftezentren Handwerk"]
    assert agenda[4].startswith("Welche Ziele sollte die Fachgruppe Handwerk zukünftig verfolgen? "
                                "Wie kann man")
    assert agenda[4].endswith("Modellprojekte spielen? Internetauftritt FG Handwerk?")
    assert "Berater*innen" in agenda[4]
    assert agenda[5] == "Festlegung weiterer Schritte"
    assert parsed["agenda_lines"] == [24, 25, 26, 27, 28, 35]


def test_scheduling_task_belongs_to_kristina_mangold(parsed: dict[str, Any]) -> None:
    task = parsed["action_items"][0]
    assert {k: task[k] for k in ("text", "owner", "due", "line")} == {
        "text": "Terminabfrage verschicken", "owner": "Kristina Mangold", "due": None, "line": 100}
    assert [t["owner"] for t in parsed["action_items"]] == ["Kristina Mangold", "Oleg Cernavin"]
    assert parsed["decisions"] == []  # §6.5 'vom Strategiekreis beschlossen' is a quoted rule, not a decision


def test_mentions(parsed: dict[str, Any]) -> None:
    assert parsed["mentions"]["projects"] == ["Fachkräftezentren Handwerk"]
    assert parsed["mentions"]["organisations"] == [PSG, ITB]
    # 'Herr Hoffmeyer' is the participant Joachim Hoffmeyer
    assert parsed["mentions"]["people"][0] == "Joachim Hoffmeyer"
    assert {"type": "person", "name": "Joachim Hoffmeyer", "line": 39} in parsed["mention_lines"]
    assert set(parsed["mentions"]["people"]) == {p["name"] for p in parsed["participants"]}


def test_without_registries_the_project_is_found_by_its_quotes() -> None:
    parsed = parse_file(SEED, source="seed.md", folder_hint="fachgruppe-handwerk")
    assert parsed["mentions"]["projects"] == ["Fachkräftezentren Handwerk"]
    assert parsed["group"] == "Fachgruppe Handwerk" and not parsed["group_known"]
    assert [(p["name"], p["organisation"]) for p in parsed["participants"]][:2] == [
        ("Oleg Cernavin", "Stiftung-Mittelstand-Gesellschaft-Verantwortung"), ("Gabriele Walter", "BauA")]


def test_summary_is_readable_german(parsed: dict[str, Any]) -> None:
    text = format_summary(parsed)
    assert "Datum:     08.06.2021, 12:30–14:00 Uhr" in text
    assert "Teilnehmende (6):" in text
    assert "Terminabfrage verschicken — Kristina Mangold" in text
