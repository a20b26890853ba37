"""Master data in the app: edited rows are checked like the build checks them (German, per row), a membership is
ended with a date, saving writes the CSV with a version kept, and the whole master data round-trips through Excel."""

from __future__ import annotations

from etl.build.pipeline import build
from etl.maintain import maintenance, master_data_editor, versions
from tests.conftest import MASTER, copy_source, rows


def test_rows_the_build_would_reject_block_saving_and_old_problems_do_not(tmp_path):
    source = copy_source(MASTER, tmp_path / "quelle")
    columns, original = master_data_editor.read_table(source, "memberships")
    assert columns == ["group", "organisation", "role", "since", "until"]
    edited = [dict(r) for r in original] + [
        {"group": "Fachgruppe Handwerg", "organisation": "itb", "role": "member", "since": "2024-01-01", "until": ""},
        {"group": "Fachgruppe Handwerk", "organisation": "BAuA", "role": "member", "since": "01.13.2024",
         "until": ""}]
    blocking, inherited = master_data_editor.new_problems(source, "memberships", columns, original, edited)
    assert [p.message for p in blocking] == [
        "Zeile 5: Gruppe „Fachgruppe Handwerg“ unbekannt – meinten Sie „Fachgruppe Handwerk“ (95 %)?",
        "Zeile 6: Spalte „since“: kein gültiges Datum: '01.13.2024'"]
    assert [p.message for p in inherited] == ["Zeile 4: Organisation „Nirgendwo e.V.“ unbekannt"]


def test_ending_a_membership_saves_the_csv_keeps_a_version_and_rebuilds(tmp_path):
    source = copy_source(MASTER, tmp_path / "quelle")
    db = tmp_path / "netz.db"
    build(source, db)
    columns, original = master_data_editor.read_table(source, "memberships")
    edited = [dict(r) for r in original]
    edited[2]["until"] = "31.12.2024"  # BAuA leaves the Fachgruppe Handwerk
    assert master_data_editor.new_problems(source, "memberships", columns, original, edited)[0] == []
    outcome = maintenance.write_files(source, db, {"memberships.csv": master_data_editor.render_csv(columns, edited)},
                                      "a@b.de", "Stammdaten bearbeitet: memberships.csv")
    assert outcome.result is not None and outcome.refused is None
    assert rows(db, "SELECT org_id, since, until FROM memberships WHERE org_id LIKE 'bundesanstalt%'") == [
        ("bundesanstalt-fuer-arbeitsschutz-und-arbeitsmedizin", "2016-01-01", "2024-12-31")]
    assert (source / "memberships.csv").read_text(encoding="utf-8").splitlines()[3] == (
        "Fachgruppe Handwerk,BAuA,Mitglied,2016-01-01,31.12.2024")
    assert [v.path for v in versions.versions(source)] == ["memberships.csv"]


def test_the_whole_master_data_round_trips_through_one_workbook(tmp_path):
    source = copy_source(MASTER, tmp_path / "quelle")
    db = tmp_path / "netz.db"
    build(source, db)
    before = rows(db, "SELECT id, name, short_name, type FROM organisations ORDER BY id")
    files = master_data_editor.workbook_to_csv(master_data_editor.workbook_bytes(source))
    assert sorted(files) == sorted(f"{name}.csv" for name in master_data_editor.MASTER_FILES)
    outcome = maintenance.write_files(source, db, files, "a@b.de", "Arbeitsmappe übernommen")
    assert outcome.refused is None and outcome.result is not None
    assert rows(db, "SELECT id, name, short_name, type FROM organisations ORDER BY id") == before
    assert rows(db, "SELECT COUNT(*) FROM memberships") == [(3,)]
