"""korrekturen.csv: applied by every build after parsing and resolving, survives `etl build --force`,
reports corrections that no longer apply, and never brings back a person erased on request."""

from __future__ import annotations

from datetime import date

import pytest

from etl.build.pipeline import build
from etl.cli import main
from etl.maintain import maintenance
from etl.maintain.correction_files import Correction, add_correction, read_corrections
from etl.maintain.erase import forget
from tests.conftest import MASTER, copy_source, rows

PROTOCOL = "protokolle/2024-10-15_handwerk.md"
TEXT = """## Protokoll Fachgruppe Handwerk

Datum: 15.10.2024

Ort: Online

Teilnehmende:
- Dr. Anna Becker (HWK Musterstadt)
- Tom Krüger (SHK-Innung Nordstadt)
- ??? 12:00 ???

## Tagesordnung
1. Begrüßung
"""


def fix(kind: str, target: str, new: str = "", old: str = "") -> Correction:
    return Correction("2024-12-01T10:00:00+00:00", "a@b.de", kind, target, old, new, "Test")


@pytest.fixture
def source(tmp_path):
    folder = copy_source(MASTER, tmp_path / "quelle")
    (folder / "protokolle").mkdir()
    (folder / PROTOCOL).write_text(TEXT, encoding="utf-8")
    return folder


ATTENDANCE = "SELECT person_id, status, note FROM attendance WHERE source_file = ? ORDER BY person_id"


def test_a_correction_survives_a_forced_rebuild_from_scratch(source, tmp_path):
    db = tmp_path / "netz.db"
    build(source, db)
    assert rows(db, ATTENDANCE, (PROTOCOL,)) == [("anna-becker", "present", None), ("tom-krueger", "present", None)]
    outcome = maintenance.add_corrections(source, db, [fix("status", f"{PROTOCOL}|Tom Krüger", "excused"),
                                                       fix("add_participant", PROTOCOL, "Jonas Weber")], "Prüfen")
    assert outcome.result is not None and outcome.refused is None
    expected = [("anna-becker", "present", None), ("jonas-weber", "present", "ergänzt (Korrektur)"),
                ("tom-krueger", "excused", None)]
    assert rows(db, ATTENDANCE, (PROTOCOL,)) == expected
    db.unlink()
    assert main(["build", "--source", str(source), "--db", str(db), "--force", "--quiet"]) == 1  # fixture rejects
    assert rows(db, ATTENDANCE, (PROTOCOL,)) == expected
    assert rows(db, "SELECT line, who, kind, target, new_value, status, note FROM corrections") == [
        (2, "a@b.de", "status", f"{PROTOCOL}|Tom Krüger", "excused", "angewendet", None),
        (3, "a@b.de", "add_participant", PROTOCOL, "Jonas Weber", "angewendet", None)]


def test_the_file_holds_when_who_kind_target_old_new_and_why(source, tmp_path):
    add_correction(source, fix("status", f"{PROTOCOL}|Tom Krüger", "excused", "present"))
    assert (source / "korrekturen.csv").read_text(encoding="utf-8") == (
        "when,who,kind,target,old,new,reason\n"
        f"2024-12-01T10:00:00+00:00,a@b.de,status,{PROTOCOL}|Tom Krüger,present,excused,Test\n")
    assert read_corrections(source)[0].line == 2


def test_corrections_that_no_longer_apply_are_reported_not_dropped(source, tmp_path):
    db = tmp_path / "netz.db"
    add_correction(source, fix("status", f"{PROTOCOL}|Tom Krüger", "excused"))
    add_correction(source, fix("ignore_line", f"{PROTOCOL}|10"))
    build(source, db)
    assert rows(db, "SELECT COUNT(*) FROM rejects WHERE file = ?", (PROTOCOL,)) == [(0,)]  # line 10 ignored
    (source / PROTOCOL).write_text(TEXT.replace("- Tom Krüger (SHK-Innung Nordstadt)\n", "")
                                   .replace("- ??? 12:00 ???\n", ""), encoding="utf-8")
    result = build(source, db)
    assert rows(db, "SELECT line, status, note FROM corrections") == [
        (2, "nicht anwendbar", "„Tom Krüger“ steht nicht (mehr) in der Teilnehmerliste"),
        (3, "nicht anwendbar", f"{PROTOCOL}, Zeile 10: dort steht keine abgelehnte Zeile (mehr)")]
    assert [w for w in result.warnings if w.startswith("korrekturen.csv")] == [
        f"korrekturen.csv, Zeile 2: Korrektur „Status korrigieren“ für „{PROTOCOL}|Tom Krüger“ greift nicht mehr – "
        "„Tom Krüger“ steht nicht (mehr) in der Teilnehmerliste",
        f"korrekturen.csv, Zeile 3: Korrektur „Zeile ignorieren“ für „{PROTOCOL}|10“ greift nicht mehr – "
        f"{PROTOCOL}, Zeile 10: dort steht keine abgelehnte Zeile (mehr)"]


def test_date_and_group_of_a_protocol_are_corrected_and_the_parse_stays_as_read(source, tmp_path):
    db = tmp_path / "netz.db"
    add_correction(source, fix("date", PROTOCOL, "2024-10-16", "2024-10-15"))
    add_correction(source, fix("group", PROTOCOL, "AG Transfer", "Fachgruppe Handwerk"))
    build(source, db)
    assert rows(db, "SELECT meeting_id, json_extract(parsed_json, '$.date') FROM protocols") == [
        ("ag-transfer-2024-10-16", "2024-10-15")]
    assert rows(db, "SELECT DISTINCT meeting_id FROM attendance WHERE source_file = ?", (PROTOCOL,)) == [
        ("ag-transfer-2024-10-16",)]


def test_the_erasure_list_wins_over_every_correction(source, tmp_path):
    db = tmp_path / "netz.db"
    build(source, db)
    forget(db, "Jonas Weber", date(2024, 12, 1).isoformat())
    add_correction(source, fix("add_participant", PROTOCOL, "Jonas Weber"))
    build(source, db, force=True)
    assert rows(db, "SELECT COUNT(*) FROM attendance WHERE person_id = 'jonas-weber'") == [(0,)]
    assert rows(db, "SELECT status, note FROM corrections") == [
        ("nicht anwendbar", "die Person wurde auf Antrag gelöscht und wird nicht wieder aufgenommen")]
