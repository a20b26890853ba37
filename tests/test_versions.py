"""Versions of source files: every replaced or removed file is kept; „Rückgängig“ restores it and rebuilds;
a protocol rejected on every build can be removed; the build never reads the versions folder."""

from __future__ import annotations

import pytest

from etl.build.pipeline import build
from etl.maintain import maintenance, versions
from tests.conftest import MASTER, copy_source, rows
from vocab.periods import local_time

NEW_REPORTS = b"group,year,submitted,to\nFachgruppe Handwerk,2024,2024-11-20,AG Transfer\n"
UNDATED = "protokolle/ohne-datum.md"


@pytest.fixture
def source(tmp_path):
    return copy_source(MASTER, tmp_path / "quelle")


def test_undo_of_a_replaced_file_restores_it_and_the_database(source, tmp_path):
    db = tmp_path / "netz.db"
    build(source, db)
    old = (source / "reports.csv").read_bytes()
    assert rows(db, "SELECT year, submitted FROM reports") == [(2024, "2024-11-05")]
    changed = maintenance.write_files(source, db, {"reports.csv": NEW_REPORTS}, "a@b.de", "Bericht korrigiert")
    assert changed.result is not None
    assert rows(db, "SELECT year, submitted FROM reports") == [(2024, "2024-11-20")]
    [kept] = versions.versions(source, "reports.csv")
    assert (kept.path, kept.who, kept.reason, kept.existed, kept.size) == (
        "reports.csv", "a@b.de", "Bericht korrigiert", True, len(old))

    undone = maintenance.restore_version(source, db, kept.id, "b@c.de")
    assert (source / "reports.csv").read_bytes() == old
    assert undone.result is not None and rows(db, "SELECT year, submitted FROM reports") == [(2024, "2024-11-05")]
    newest = versions.versions(source, "reports.csv")[0]
    assert (newest.who, newest.reason, newest.size) == ("b@c.de", "Rückgängig", len(NEW_REPORTS))  # undo is undoable
    assert rows(db, "SELECT who, action FROM change_log ORDER BY id") == [
        ("a@b.de", "Bericht korrigiert"),
        ("b@c.de", f"Rückgängig: reports.csv vom {local_time(kept.saved)}")]  # Berlin time, as pages show it


def test_undo_of_an_added_file_removes_it(source, tmp_path):
    db = tmp_path / "netz.db"
    build(source, db)
    protocol = "protokolle/2024-10-15.md"
    text = ("## Protokoll Fachgruppe Handwerk\n\nDatum: 15.10.2024\n\n"
            "Teilnehmende:\n- Tom Krüger (SHK-Innung Nordstadt)\n")
    maintenance.write_files(source, db, {protocol: text.encode()}, "lokal", "Protokoll")
    assert rows(db, "SELECT COUNT(*) FROM protocols") == [(1,)]
    [kept] = versions.versions(source, protocol)
    assert not kept.existed
    undone = maintenance.restore_version(source, db, kept.id, "lokal")
    assert not (source / protocol).exists()
    assert undone.refused.reasons() == ["Sitzungen: 4 → 3 Zeilen (25 % weniger, erlaubt sind höchstens 10 %)",
                                        "Teilnahmen: 7 → 6 Zeilen (14 % weniger, erlaubt sind höchstens 10 %)",
                                        "Protokolle: 1 → 0 Zeilen (100 % weniger, erlaubt sind höchstens 10 %)"]
    assert rows(db, "SELECT COUNT(*) FROM protocols") == [(1,)]  # an undo that loses data is guarded too
    maintenance.confirm(source, db, undone, "lokal")
    assert rows(db, "SELECT COUNT(*) FROM protocols") == [(0,)]


def test_a_protocol_rejected_on_every_build_can_be_removed(source, tmp_path):
    db = tmp_path / "netz.db"
    (source / "protokolle").mkdir()
    (source / UNDATED).write_text("## Protokoll Fachgruppe Handwerk\n\nTeilnehmende:\n- Tom Krüger\n", encoding="utf-8")
    build(source, db)
    reject = "SELECT file, reason FROM rejects WHERE file LIKE 'protokolle/%'"
    assert rows(db, reject) == [(UNDATED, "Protokoll nicht geladen: kein Datum gefunden (erwartet z. B. „Datum: "
                                          "08.06.2021“ im Kopf des Protokolls)")]
    outcome = maintenance.remove_source_file(source, db, UNDATED, "lokal")
    assert outcome.result is not None and not (source / UNDATED).exists()
    assert rows(db, reject) == []
    assert [(v.path, v.reason, v.existed) for v in versions.versions(source)] == [(UNDATED, "entfernt", True)]
    (source / versions.VERSIONS_DIR / "x.csv").write_text("name\nNie gelesen\n")  # the build never reads versions
    build(source, db, force=True)
    assert rows(db, "SELECT COUNT(*) FROM organisations WHERE name = 'Nie gelesen'") == [(0,)]


def test_paths_outside_the_source_folder_are_refused(source):
    with pytest.raises(ValueError):
        versions.keep(source, "../anderswo.csv", "lokal", "x")
    with pytest.raises(ValueError):
        versions.keep(source, ".versionen/x", "lokal", "x")
