"""A bad row in a file the app writes (korrekturen.csv, aenderungsprotokoll.csv, a version's meta.json) is
rejected with file, line and reason like any other row; a build never ends in a traceback; an unexpected
crash has its own exit code (3), which `make db` treats as failure; version ids and paths are checked."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from etl.build.pipeline import build
from etl.cli import main
from etl.maintain import maintenance, versions
from etl.maintain.correction_files import CHANGE_LOG_FILE, CORRECTIONS_FILE, Correction
from tests.conftest import MASTER, ROOT, rows

PROTOCOL = "protokolle/2024-10-15_ag-transfer.md"
TEXT = """# Sitzung der AG Transfer

**Datum:** 15.10.2024

## Teilnehmer

- Anna Becker (HWK Musterstadt)
- Tom Krüger (SHK-Innung Nordstadt)
"""
HEADER = "when,who,kind,target,old,new,reason\n"


@pytest.fixture
def source(tmp_path: Path) -> Path:
    folder = tmp_path / "quelle"
    shutil.copytree(MASTER, folder)
    (folder / "protokolle").mkdir(exist_ok=True)
    (folder / PROTOCOL).write_text(TEXT, encoding="utf-8")
    return folder


def maintenance_rejects(db: Path) -> list[tuple]:
    return rows(db, "SELECT file, line, reason, raw FROM rejects WHERE file NOT LIKE '%.csv' OR file IN (?, ?) "
                    "ORDER BY file, line", (CORRECTIONS_FILE, CHANGE_LOG_FILE))


@pytest.mark.parametrize(("value", "reason"), [
    ("31.02.2022", "„31.02.2022“ ist kein gültiges Datum"),
    ("2099-01-01", "„2099-01-01“ ist kein gültiges Datum (unplausibles Datum: '2099-01-01' (erlaubt: 1900 bis "),
    ("morgen", "„morgen“ ist kein gültiges Datum"),
    ("2030-01-01", "„2030-01-01“ liegt in der Zukunft"),
])
def test_a_bad_date_correction_is_one_rejected_row_not_a_crash(source, tmp_path, capsys, value, reason):
    line = f"2024-12-01T10:00:00+00:00,a@b.de,date,{PROTOCOL},,{value},Tippfehler"
    (source / CORRECTIONS_FILE).write_text(HEADER + line + "\n", encoding="utf-8")
    db = tmp_path / "netz.db"
    assert main(["build", "--source", str(source), "--db", str(db), "--quiet"]) == 1
    assert capsys.readouterr().err == ""
    found = [r for r in maintenance_rejects(db) if r[0] == CORRECTIONS_FILE]
    assert len(found) == 1
    file, number, why, raw = found[0]
    assert (file, number, raw) == (CORRECTIONS_FILE, 2, line)
    assert why.startswith(f"Korrektur „Datum korrigieren“: {reason}")
    assert rows(db, "SELECT date FROM meetings WHERE id = 'ag-transfer-2024-10-15'") == [("2024-10-15",)]
    assert rows(db, "SELECT COUNT(*) FROM corrections") == [(0,)]


def test_unknown_kinds_empty_targets_and_bad_statuses_are_rejected_with_their_line(source, tmp_path):
    (source / CORRECTIONS_FILE).write_text(
        HEADER
        + "2024-12-01,a@b.de,zaubern,x,,y,\n"
        + "2024-12-01,a@b.de,status,,,excused,\n"
        + f"2024-12-01,a@b.de,status,{PROTOCOL}|Tom Krüger,,krank,\n"
        + f"2024-12-01,a@b.de,status,{PROTOCOL}|Tom Krüger,,excused,\n", encoding="utf-8")
    db = tmp_path / "netz.db"
    result = build(source, db)
    assert [(r.line, r.reason) for r in result.rejects if r.file == CORRECTIONS_FILE] == [
        (2, "Korrektur „zaubern“: unbekannte Art (erlaubt: " + ", ".join(
            ["merge_organisation", "merge_group", "merge_person", "ignore_organisation", "ignore_person",
             "ignore_line", "status", "add_participant", "date", "group", "checked", "task_status"]) + ")"),
        (3, "Korrektur „Status korrigieren“: Ziel fehlt"),
        (4, "Korrektur „Status korrigieren“: unbekannter Status „krank“ (erlaubt: present, excused, absent, guest)")]
    assert rows(db, "SELECT line, status FROM corrections") == [(5, "angewendet")]
    assert result.per_file[CORRECTIONS_FILE] == {"read": 4, "loaded": 1, "rejected": 3}


def test_a_broken_change_log_is_rejected_line_by_line(source, tmp_path):
    (source / CHANGE_LOG_FILE).write_bytes(
        b"when,who,action,file,detail\n"
        b"2024-12-01T10:00:00+00:00,a@b.de,Korrektur,korrekturen.csv,ok\n"
        b"gestern,a@b.de,Korrektur,korrekturen.csv,\n"
        b"2024-12-02T10:00:00+00:00,a@b.de,,korrekturen.csv,\n"
        b"2024-12-03T10:00:00+00:00,a@b.de,Korrektur,korrekturen.csv,\x00\x1b[31m\n")
    db = tmp_path / "netz.db"
    result = build(source, db)
    assert [(r.line, r.reason) for r in result.rejects if r.file == CHANGE_LOG_FILE] == [
        (3, "Änderungsprotokoll: „gestern“ ist kein Zeitpunkt (erwartet JJJJ-MM-TTThh:mm:ss)"),
        (4, "Änderungsprotokoll: Aktion fehlt")]
    assert rows(db, "SELECT id, action FROM change_log ORDER BY id") == [(1, "Korrektur"), (2, "Korrektur")]


def test_a_correction_with_a_bad_date_typed_in_the_app_is_refused_before_it_is_stored(source, tmp_path):
    db = tmp_path / "netz.db"
    build(source, db)
    outcome = maintenance.add_corrections(source, db, [Correction(
        "2024-12-01T10:00:00+00:00", "a@b.de", "date", PROTOCOL, "2024-10-15", "31.02.2022", "")], "Datum")
    assert outcome.error == ("Korrektur „Datum korrigieren“: „31.02.2022“ ist kein gültiges Datum "
                             "(kein gültiges Datum: '31.02.2022'). Es wurde nichts gespeichert.")
    assert not (source / CORRECTIONS_FILE).exists()


def plant(source: Path, folder: str, meta: dict, content: bytes | None = b"geheim\n") -> Path:
    path = source / versions.VERSIONS_DIR / folder
    path.mkdir(parents=True)
    (path / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    if content is not None:
        (path / "inhalt").write_bytes(content)
    return path


GOOD = {"id": "20241201T100000000000-abcdef", "path": "people.csv", "saved": "2024-12-01T10:00:00+00:00",
        "who": "a@b.de", "reason": "Test", "existed": True, "size": 7}


@pytest.mark.parametrize("meta", [
    dict(GOOD, id="../../x"),
    dict(GOOD, path="../../x"),
    dict(GOOD, path="/etc/passwd"),
    dict(GOOD, path=".versionen/20241201T100000000000-abcdef/inhalt"),
    dict(GOOD, id="20241201T100000000000-abcdee"),  # not its folder's name
    dict(GOOD, existed="ja"),
])
def test_a_planted_version_is_listed_as_damaged_and_never_restored(source, tmp_path, meta):
    (tmp_path / "x").write_bytes(b"von draussen\n")
    plant(source, GOOD["id"], meta)
    before = (source / "people.csv").read_bytes()
    assert versions.versions(source) == []
    assert [folder for folder, _ in versions.damaged(source)] == [f".versionen/{GOOD['id']}"]
    for vid in (meta["id"], GOOD["id"]):
        with pytest.raises(KeyError):
            versions.restore(source, vid, "a@b.de")
    db = tmp_path / "netz.db"
    result = build(source, db)
    assert [(r.file, r.line) for r in result.rejects if r.file.startswith(".versionen")] == [
        (f".versionen/{GOOD['id']}/meta.json", 1)]
    assert (source / "people.csv").read_bytes() == before


def test_a_version_whose_content_is_a_link_outside_is_damaged(source, tmp_path):
    (tmp_path / "x").write_bytes(b"von draussen\n")
    folder = plant(source, GOOD["id"], GOOD, content=None)
    os.symlink(tmp_path / "x", folder / "inhalt")
    assert versions.versions(source) == []
    assert versions.damaged(source) == [(f".versionen/{GOOD['id']}",
                                         "gespeicherter Inhalt fehlt oder ist eine Verknüpfung")]


def test_a_good_planted_version_is_restored(source):
    plant(source, GOOD["id"], GOOD)
    versions.restore(source, GOOD["id"], "a@b.de")
    assert (source / "people.csv").read_bytes() == b"geheim\n"


def test_an_unexpected_crash_exits_3_with_one_german_line_and_the_traceback_in_a_log(source, tmp_path, capsys,
                                                                                    monkeypatch):
    import etl.cli

    def crash(*args, **kwargs):
        raise RuntimeError("kaputt: Jürgen Müller")

    monkeypatch.setattr(etl.cli, "build", crash)
    db = tmp_path / "netz.db"
    assert main(["build", "--source", str(source), "--db", str(db)]) == 3
    err = capsys.readouterr().err
    log = Path(f"{db}-fehler.log")
    assert err == (f"Interner Fehler (RuntimeError) – das ist ein Programmfehler, kein Fehler in den Daten. "
                   f"Die bisherige Datenbank bleibt unverändert. Einzelheiten: {log}\n")
    assert "Traceback" in log.read_text(encoding="utf-8") and "kaputt" in log.read_text(encoding="utf-8")


@pytest.mark.parametrize(("code", "fails"), [(0, False), (1, False), (2, True), (3, True)])
def test_make_db_fails_on_a_fatal_error_and_on_a_crash(tmp_path, code, fails):
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    python = venv / "bin" / "python"
    python.write_text(f"#!/bin/sh\nexit {code}\n")
    python.chmod(0o755)
    (venv / ".run-installed").touch()
    done = subprocess.run(["make", "-s", "db", f"DB={tmp_path / 'netz.db'}", f"VENV={venv}", f"BIN={venv / 'bin'}"],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert (done.returncode != 0) == fails, done.stderr


def test_a_corrections_file_linked_outside_the_source_folder_is_not_read(source, tmp_path):
    outside = tmp_path / "fremd.csv"
    outside.write_text(HEADER + f"2024-12-01,a@b.de,date,{PROTOCOL},,2024-10-16,\n", encoding="utf-8")
    os.symlink(outside, source / CORRECTIONS_FILE)
    db = tmp_path / "netz.db"
    result = build(source, db)
    assert [(r.file, r.line, r.reason) for r in result.rejects if r.file == CORRECTIONS_FILE] == [
        (CORRECTIONS_FILE, None, "Verknüpfung auf ein Ziel außerhalb des Quellordners – nicht gelesen")]
    assert rows(db, "SELECT COUNT(*) FROM meetings WHERE id = 'ag-transfer-2024-10-16'") == [(0,)]


def test_versions_are_never_written_through_a_linked_versions_folder(source, tmp_path):
    elsewhere = tmp_path / "anderswo"
    elsewhere.mkdir()
    os.symlink(elsewhere, source / versions.VERSIONS_DIR)
    with pytest.raises(ValueError, match="Verknüpfung"):
        versions.keep(source, "people.csv", "a@b.de", "Test")
    assert list(elsewhere.iterdir()) == []


def test_a_rejected_line_is_not_dropped_when_the_app_writes_the_file_again(source, tmp_path):
    from etl.maintain.correction_files import log_change

    (source / CHANGE_LOG_FILE).write_text("when,who,action,file,detail\n"
                                          "2024-12-01T10:00:00+00:00,a@b.de,Korrektur,x.csv,ok,zu viel\n",
                                          encoding="utf-8")
    assert [(r.line, r.reason) for r in build(source, tmp_path / "netz.db").rejects if r.file == CHANGE_LOG_FILE] == [
        (2, "mehr Spalten als die Kopfzeile (when, who, action, file, detail)")]
    log_change(source, "a@b.de", "Rückgängig", "people.csv", "")
    assert (source / CHANGE_LOG_FILE).read_text(encoding="utf-8").splitlines()[1] == (
        "2024-12-01T10:00:00+00:00,a@b.de,Korrektur,x.csv,ok")
