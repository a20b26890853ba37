"""The build refuses what it must not touch and lists what it does not read: skipped files, empty or
unreadable inputs, a --db that is not a database, links out of the source folder, two builds at once."""

from __future__ import annotations

import threading
from pathlib import Path

from etl.build.pipeline import build
from etl.cli import main
from tests.conftest import MASTER, copy_source, rows


def test_files_a_build_does_not_read_are_listed_in_the_output_and_for_the_daten_page(tmp_path, capsys):
    from analysis import data_status
    from analysis.db import connect

    source = copy_source(MASTER, tmp_path / "quelle")
    (source / "People.csv").write_text("name\nGeheim Person\n", encoding="utf-8")
    (source / ".versteckt.csv").write_text("x\n", encoding="utf-8")
    (source / "notizen.txt").write_text("x\n", encoding="utf-8")
    (source / "kunden.csv").write_text("x\n", encoding="utf-8")
    (source / "protokolle").mkdir()
    (source / "protokolle" / "notizen.one").write_bytes(b"\xe4\x52\x5c\x7b")
    outside = tmp_path / "draussen.md"
    outside.write_text("# Sitzung der Fachgruppe Handwerk\n\n**Datum:** 01.02.2024\n", encoding="utf-8")
    (source / "protokolle" / "link.md").symlink_to(outside)
    (source / "fremd.csv").symlink_to(tmp_path / "draussen.md")
    db = tmp_path / "netz.db"
    assert main(["build", "--source", str(source), "--db", str(db)]) == 1
    out = capsys.readouterr().out
    listed = [
        ("", ".versteckt.csv", "versteckte Datei"),
        ("", "People.csv", "doppelt neben „people.csv“ (nur die klein geschriebene Datei wird gelesen)"),
        ("", "fremd.csv", "Verknüpfung auf ein Ziel außerhalb des Quellordners – nicht gefolgt"),
        ("", "kunden.csv", "unbekannter Dateiname (erwartet: organisations.csv, people.csv, groups.csv, "
                           "memberships.csv, meetings.csv, attendance.csv, projects.csv, project_partners.csv, "
                           "project_events.csv, reports.csv)"),
        ("", "notizen.txt", "keine Stammdatendatei (.csv, .xlsx) – Protokolle gehören nach „protokolle/“"),
        ("protokolle/", "link.md", "Verknüpfung auf ein Ziel außerhalb des Quellordners – nicht gefolgt"),
        ("protokolle/", "notizen.one", "OneNote-Seite (.one) wird nicht gelesen – bitte in OneNote als PDF oder Word "
                                       "(.docx) exportieren"),
    ]
    expected = "7 Dateien im Quellordner nicht gelesen:\n" + "".join(
        f"  {folder}{name}: {reason}\n" for folder, name, reason in listed)
    assert expected in out
    assert rows(db, "SELECT COUNT(*) FROM protocols") == [(0,)]  # the outside file was not read
    assert rows(db, "SELECT COUNT(*) FROM people WHERE name = 'Geheim Person'") == [(0,)]
    conn = connect(db)
    try:
        shown = data_status.skipped_files(conn)
    finally:
        conn.close()
    assert shown.values.tolist() == [[f"{folder}{name}", reason] for folder, name, reason in listed]


def test_an_empty_master_data_file_is_fatal(tmp_path, capsys):
    source = copy_source(MASTER, tmp_path / "quelle")
    (source / "organisations.csv").write_bytes(b"")
    db = tmp_path / "netz.db"
    assert main(["build", "--source", str(source), "--db", str(db)]) == 2
    assert capsys.readouterr().err == (
        "Fehler: organisations.csv: Datei ist leer (0 Byte) – vermutlich ein abgebrochener Export. Bitte die Datei "
        "neu exportieren oder entfernen. Die bisherige Datenbank bleibt unverändert.\n")
    assert not db.exists()


def test_a_db_argument_pointing_at_another_file_is_refused_and_the_file_kept(tmp_path, capsys):
    source = copy_source(MASTER, tmp_path / "quelle")
    letter = tmp_path / "brief.docx"
    letter.write_bytes(b"PK\x03\x04 ein wichtiges Dokument")
    assert main(["build", "--source", str(source), "--db", str(letter)]) == 2
    assert capsys.readouterr().err == (
        f"Fehler: {letter} ist keine SQLite-Datenbank; die Datei wird nicht überschrieben. Bitte mit --db eine neue "
        "oder eine bestehende Netzwerkradar-Datenbank angeben. Die bisherige Datenbank bleibt unverändert.\n")
    assert letter.read_bytes() == b"PK\x03\x04 ein wichtiges Dokument"
    assert main(["forget", "--db", str(letter), "Anna Becker"]) == 2
    assert letter.read_bytes() == b"PK\x03\x04 ein wichtiges Dokument"


def test_an_unreadable_source_file_exits_2_with_a_message(tmp_path, capsys, monkeypatch):
    source = copy_source(MASTER, tmp_path / "quelle")
    locked = source / "people.csv"
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == locked:  # tests run as root, which chmod cannot lock out
            raise PermissionError(13, "Keine Berechtigung", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    db = tmp_path / "netz.db"
    assert main(["build", "--source", str(source), "--db", str(db)]) == 2
    assert capsys.readouterr().err == ("Fehler: people.csv: Datei nicht lesbar (Keine Berechtigung). "
                                       "Die bisherige Datenbank bleibt unverändert.\n")
    assert not db.exists()


def test_two_builds_at_once_on_one_database_run_one_after_the_other(tmp_path):
    source = copy_source(MASTER, tmp_path / "quelle")
    db = tmp_path / "netz.db"
    build(source, db)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            build(source, db, force=True)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert rows(db, "SELECT id FROM load_runs ORDER BY id") == [(1,), (2,), (3,), (4,)]  # no run lost


def test_the_daten_page_shows_the_files_a_build_did_not_read(tmp_path, monkeypatch):
    from tests.conftest import open_page

    source = copy_source(MASTER, tmp_path / "quelle")
    (source / "notizen.txt").write_text("x\n", encoding="utf-8")
    db = tmp_path / "netz.db"
    build(source, db)
    at = open_page(monkeypatch, db, "pages/daten.py")
    assert [s.value for s in at.subheader][:2] == ["Abgelehnte Einträge des letzten Ladelaufs",
                                                   "Nicht gelesene Dateien im Quellordner"]
    assert at.dataframe[1].value.values.tolist() == [
        ["notizen.txt", "keine Stammdatendatei (.csv, .xlsx) – Protokolle gehören nach „protokolle/“"]]
