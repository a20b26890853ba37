"""The master data is evidence: the people and organisations of the source folder help the parser, in
`python -m etl parse FILE --source DIR` and in a build (all names fictional)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from etl.build.pipeline import build
from etl.cli import main

ORGANISATIONS = "name,short_name\nZentralverband Beispielhandwerk,ZVB\nHandwerkskammer Musterstadt,HWK Musterstadt\n"
PEOPLE = "name,title,organisation,role\nAnna Schmidt,Dr.,ZVB,\nJan van der Ohm,,HWK Musterstadt,\n"
GROUPS = "name,kind\nFachgruppe Handwerk,fachgruppe\n"
PROTOCOL = """# Sitzung der Fachgruppe Handwerk

Datum: 04.05.2023

## Teilnehmende

- SCHMIDT, Anna
- Herr van der Ohm
- Eva Braun (ZVB)
- Frau Dr. Unbekannt-Neu (HWK Musterstadt)

## Aufgaben

- Frau Schmidt verschickt bis 31.05.2023 die Einladung.
"""


@pytest.fixture
def source(tmp_path: Path) -> Path:
    folder = tmp_path / "quelle"
    (folder / "protokolle").mkdir(parents=True)
    (folder / "organisations.csv").write_text(ORGANISATIONS, "utf-8")
    (folder / "people.csv").write_text(PEOPLE, "utf-8")
    (folder / "groups.csv").write_text(GROUPS, "utf-8")
    (folder / "protokolle" / "2023-05-04_fg-handwerk.md").write_text(PROTOCOL, "utf-8")
    return folder


def _cli_parse(source: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    assert main(["parse", str(source / "protokolle" / "2023-05-04_fg-handwerk.md"), "--source", str(source),
                 "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_known_people_are_found_in_odd_layouts_and_keep_the_organisation_the_protocol_gives(
        source: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The protocol's facts are what it says: 'no organisation given' for Schmidt and van der Ohm, and 'Herr van der
    Ohm' by surname alone, with the known person named apart (`known_name`); the build links them (below)."""
    parsed = _cli_parse(source, capsys)
    assert [(p["name"], p["known_name"], p["organisation"], p["status"]) for p in parsed["participants"]] == [
        ("Anna Schmidt", None, None, "present"), ("van der Ohm", "Jan van der Ohm", None, "present"),
        ("Eva Braun", None, "ZVB", "present"), ("Unbekannt-Neu", None, "HWK Musterstadt", "present")]
    assert not [w for w in parsed["warnings"] if "van der Ohm" in w]  # known: no "Vorname fehlt" for Prüfen
    assert [(t["owners"], t["due"]) for t in parsed["action_items"]] == [(["Anna Schmidt"], "2023-05-31")]


def test_an_unknown_name_is_still_read_and_named_for_review(source: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    (source / "people.csv").write_text("name,title,organisation,role\n", "utf-8")
    parsed = _cli_parse(source, capsys)
    assert [(p["name"], p["organisation"]) for p in parsed["participants"]] == [
        ("Anna Schmidt", None), ("van der Ohm", None), ("Eva Braun", "ZVB"), ("Unbekannt-Neu", "HWK Musterstadt")]
    assert [w for w in parsed["warnings"] if "SCHMIDT" in w or "Schmidt" in w] == []


def test_a_build_uses_the_people_of_the_master_data(source: Path, tmp_path: Path) -> None:
    build(source, tmp_path / "db.sqlite")
    with sqlite3.connect(tmp_path / "db.sqlite") as db:
        rows = db.execute("select p.name, o.short_name, a.status from attendance a join people p on p.id = a.person_id"
                          " left join organisations o on o.id = a.org_id order by a.source_line").fetchall()
    assert rows == [("Anna Schmidt", "ZVB", "present"), ("Jan van der Ohm", "HWK Musterstadt", "present"),
                    ("Eva Braun", "ZVB", "present"), ("Unbekannt-Neu", "HWK Musterstadt", "present")]
