"""The guarded build: a broken upload never replaces a good database; cancel restores, confirm accepts; CLI exit 2."""

from __future__ import annotations

import pytest

from etl.build.guard import FileRejects, GuardReport, TableChange
from etl.cli import main
from etl.maintain import maintenance, versions
from etl.maintain.upload import confirm_pending, discard_pending, pending_folder, pending_uploads, process_uploads
from tests.conftest import rows

BROKEN_ORGANISATIONS = b"name;kurz;typ\nHandwerkskammer Hannover-Leine;HWK H-L;Handwerkskammer\n"
COUNTS = ("SELECT (SELECT COUNT(*) FROM organisations), (SELECT COUNT(*) FROM memberships), "
          "(SELECT COUNT(*) FROM projects)")


@pytest.fixture
def demo(demo_copy):
    """A writable copy of the demo network and its built database (43 organisations, 50 memberships, 15 projects)."""
    return demo_copy


def test_the_broken_header_upload_is_held_back_outside_the_source_and_the_database_stays(demo):
    source, db = demo
    before, old_file = db.read_bytes(), (source / "organisations.csv").read_bytes()
    outcome = process_uploads(source, db, [("organisations.csv", BROKEN_ORGANISATIONS)], replace_existing=True,
                              who="lokal")
    report = outcome.change.refused
    assert outcome.result is None and report is not None and report.refused
    assert db.read_bytes() == before  # not replaced
    assert rows(db, COUNTS) == [(43, 50, 15)]
    assert report.reasons() == [  # organisations a protocol created on its own ("neu angelegt") are not counted
        "Organisationen: 42 → 1 Zeilen (98 % weniger, erlaubt sind höchstens 10 %)",
        "Mitgliedschaften: 50 → 2 Zeilen (96 % weniger, erlaubt sind höchstens 10 %)",
        "Projekte: 15 → 1 Zeilen (93 % weniger, erlaubt sind höchstens 10 %)",
        "Projektpartner: 39 → 0 Zeilen (100 % weniger, erlaubt sind höchstens 10 %)",
        "Projektereignisse: 93 → 7 Zeilen (92 % weniger, erlaubt sind höchstens 10 %)",
    ]
    assert report.table_rows()[:2] == [
        {"Tabelle": "Organisationen", "vorher": 42, "nachher": 1, "Veränderung": -41, "zu viel verloren": True},
        {"Tabelle": "Personen", "vorher": 88, "nachher": 85, "Veränderung": -3, "zu viel verloren": False}]
    assert (report.first_rejects[0].file, report.first_rejects[0].line, report.first_rejects[0].reason) == (
        "people.csv", 2, "Organisation „Bundesanstalt für Arbeitsschutz und Arbeitsmedizin“ unbekannt")
    # The source folder is as before (no version of the refused file in it); the upload waits next to it.
    assert (source / "organisations.csv").read_bytes() == old_file
    assert versions.versions(source) == []
    assert outcome.stored == []
    pending = pending_uploads(source)  # what a reload of the Daten page reads
    assert [(p.who, p.files, p.report.reasons()) for p in pending] == [("lokal", ["organisations.csv"],
                                                                        report.reasons())]
    assert pending[0].report.table_rows() == report.table_rows()
    held = pending_folder(source) / pending[0].id / "dateien" / "organisations.csv"
    assert held.read_bytes() == BROKEN_ORGANISATIONS and not held.is_relative_to(source)
    # Meanwhile the nightly build is not blocked: nothing in the source changed.
    assert main(["build", "--source", str(source), "--db", str(db), "--quiet"]) == 0

    discard_pending(source, db, pending[0].id, "lokal")
    assert pending_uploads(source) == [] and not held.exists()
    assert (source / "organisations.csv").read_bytes() == old_file and rows(db, COUNTS) == [(43, 50, 15)]
    assert [(e["action"], e["file"]) for e in _log(source)] == [
        ("Hochgeladen: organisations.csv", "organisations.csv"),
        ("Hochgeladen: organisations.csv: zurückgehalten (zu viele Daten verloren)", "organisations.csv"),
        ("Hochgeladen: organisations.csv: wartet auf Entscheidung (außerhalb des Quellordners)", "organisations.csv"),
        ("Hochgeladen: organisations.csv: verworfen", "organisations.csv"),
    ]


def test_confirming_replaces_the_database_and_keeps_the_old_file_as_a_version(demo):
    source, db = demo
    outcome = process_uploads(source, db, [("organisations.csv", BROKEN_ORGANISATIONS)], replace_existing=True,
                              who="a@b.de")
    with pytest.raises(PermissionError):  # only the uploader decides
        confirm_pending(source, db, outcome.pending.id, "c@d.de")
    confirmed = confirm_pending(source, db, outcome.pending.id, "a@b.de")
    assert confirmed.result is not None and confirmed.error is None
    assert pending_uploads(source) == [] and (source / "organisations.csv").read_bytes() == BROKEN_ORGANISATIONS
    assert rows(db, "SELECT COUNT(*) FROM memberships") == [(2,)]
    kept = versions.versions(source, "organisations.csv")
    assert [(v.reason, v.who, v.existed) for v in kept] == [("Hochladen (trotzdem übernommen)", "a@b.de", True)]
    undone = maintenance.restore_version(source, db, kept[0].id, "a@b.de")
    assert undone.result is not None and undone.refused is None
    assert rows(db, COUNTS) == [(43, 50, 15)]


def test_another_editor_saves_a_harmless_change_while_an_upload_is_held_back(demo):
    source, db = demo
    outcome = process_uploads(source, db, [("organisations.csv", BROKEN_ORGANISATIONS)], replace_existing=True,
                              who="a@b.de")
    assert outcome.pending is not None
    reports = (source / "reports.csv").read_bytes()
    second = maintenance.write_files(source, db, {"reports.csv": reports.replace(b"\r\n", b"\n") + b"\n"},
                                     "c@d.de", "Stammdaten bearbeitet: reports")
    assert second.refused is None and second.error is None  # neither blocked nor shown the first one's loss
    assert rows(db, COUNTS) == [(43, 50, 15)]
    assert [p.who for p in pending_uploads(source)] == ["a@b.de"]  # still waiting for its uploader
    with pytest.raises(PermissionError):
        discard_pending(source, db, outcome.pending.id, "c@d.de")


def test_cli_build_refuses_with_exit_2_and_accepts_with_accept_loss(demo, capsys):
    source, db = demo
    (source / "organisations.csv").write_bytes(BROKEN_ORGANISATIONS)
    before = db.read_bytes()
    assert main(["build", "--source", str(source), "--db", str(db), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Abgebrochen: Der neue Ladelauf würde zu viele Daten verlieren; die bisherige Datenbank "
                          "bleibt unverändert.\n  - Organisationen: 42 → 1 Zeilen")
    assert "Tabelle                vorher  nachher\nOrganisationen             42        1\n" in err
    assert err.endswith("Wenn das so gewollt ist: erneut mit --accept-loss aufrufen.\n")
    assert db.read_bytes() == before
    assert main(["build", "--source", str(source), "--db", str(db), "--quiet", "--accept-loss"]) == 1
    assert rows(db, COUNTS) == [(63, 2, 1)]  # 62 organisations now only known from protocols


def test_an_uploaded_file_with_more_than_a_fifth_rejected_is_held_back(demo):
    source, db = demo
    original = (source / "reports.csv").read_bytes()
    bad = original + b"".join(f"Fachgruppe Unbekannt {n},2024,,\n".encode() for n in range(10))
    outcome = process_uploads(source, db, [("reports.csv", bad)], replace_existing=True)
    assert outcome.change.refused.reasons() == [
        "reports.csv: 10 von 46 Zeilen abgelehnt (22 %, erlaubt sind höchstens 20 %)"]


@pytest.mark.parametrize(("tables", "files", "refused"), [
    ([TableChange("people", 100, 90)], [], False),  # exactly 10 % is allowed
    ([TableChange("people", 100, 89)], [], True),
    ([TableChange("people", 0, 0)], [FileRejects("people.csv", 10, 2)], False),  # exactly 20 %
    ([], [FileRejects("people.csv", 10, 3)], True),
])
def test_thresholds(tables, files, refused):
    assert GuardReport(tables, files).refused is refused


def _log(source):
    from etl.maintain.correction_files import read_change_log

    return read_change_log(source)
