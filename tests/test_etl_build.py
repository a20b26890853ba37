"""The master-data build: encodings, separators, aliases, rejects with lines, fatal errors, idempotence, xlsx."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from openpyxl import Workbook

from etl.build.pipeline import build
from etl.build.schema import LOAD_ORDER
from etl.cli import main
from etl.core.errors import BuildError
from tests.conftest import rows


def test_summary_counts_every_row_as_loaded_or_rejected(built):
    assert built.totals == {"read": 34, "loaded": 30, "rejected": 4}
    assert built.per_file["organisations.csv"] == {"read": 4, "loaded": 4, "rejected": 0}
    assert built.per_file["attendance.csv"] == {"read": 7, "loaded": 6, "rejected": 1}
    assert built.exit_code == 1


def test_rejected_rows_name_file_line_reason_and_raw_text(built):
    found = rows(built.db, "SELECT file, line, reason, raw FROM rejects ORDER BY file, line")
    assert found == [
        ("attendance.csv", 7, "Spalte „date“: kein gültiges Datum: '2024-13-01'",
         "Fachgruppe Handwerk,2024-13-01,Tom Krüger,,present"),
        ("memberships.csv", 5, "Organisation „Nirgendwo e.V.“ unbekannt",
         "Fachgruppe Handwerk,Nirgendwo e.V.,member,,"),
        ("people.csv", 6, "Organisation „Unbekannte Beratung GmbH“ unbekannt",
         "Klaus Ohnefirma,,Unbekannte Beratung GmbH,Berater"),
        ("project_events.csv", 4, "Spalte „kind“: unbekannter Wert 'besichtigung' (erlaubt: abschluss, antrag, "
         "bewilligung, start, transfer, vorstellung, zwischenbericht)",
         "Fachkräftezentren Handwerk,2024-10-01,besichtigung,,"),
        ("projects.csv", 3, "Datenprüfung order:projects.start<=end: Projektende liegt vor dem Projektstart",
         "gesund-im-betrieb"),
    ]


def test_names_short_names_aliases_case_and_umlauts_resolve_to_one_organisation(built):
    people = rows(built.db, "SELECT id, name, title, org_id FROM people ORDER BY id")
    assert people == [
        ("anna-becker", "Anna Becker", "Dr.", "handwerkskammer-musterstadt"),
        ("jonas-weber", "Jonas Weber", None, "bundesanstalt-fuer-arbeitsschutz-und-arbeitsmedizin"),
        ("lena-schaefer", "Lena Schäfer", "Prof. Dr.", "institut-fuer-technik-der-betriebsfuehrung"),
        ("tom-krueger", "Tom Krüger", None, "innung-sanitaer-heizung-klima-nordstadt"),
    ]
    aliases = rows(built.db, "SELECT alias, org_id FROM org_aliases WHERE org_id = 'handwerkskammer-musterstadt' "
                             "ORDER BY alias")
    assert aliases == [("HWK Musterstadt", "handwerkskammer-musterstadt"), ("HWK-M", "handwerkskammer-musterstadt"),
                       ("Kammer Musterstadt", "handwerkskammer-musterstadt")]


def test_attendance_by_person_or_organisation_and_german_status_words(built):
    found = rows(built.db, "SELECT meeting_id, person_id, org_id, status FROM attendance ORDER BY id")
    assert found == [
        ("ag-transfer-2024-11-05", "anna-becker", "handwerkskammer-musterstadt", "present"),
        ("fachgruppe-handwerk-2024-03-01", "anna-becker", "handwerkskammer-musterstadt", "present"),
        ("fachgruppe-handwerk-2024-03-01", "lena-schaefer", "institut-fuer-technik-der-betriebsfuehrung", "present"),
        ("fachgruppe-handwerk-2024-03-01", None, "bundesanstalt-fuer-arbeitsschutz-und-arbeitsmedizin", "excused"),
        ("fachgruppe-handwerk-2024-09-12", "anna-becker", "handwerkskammer-musterstadt", "present"),
        ("fachgruppe-handwerk-2024-09-12", "jonas-weber", "bundesanstalt-fuer-arbeitsschutz-und-arbeitsmedizin",
         "present"),
    ]


def test_meetings_get_stable_ids_iso_dates_and_format_from_place(built):
    found = rows(built.db, 'SELECT id, date, start, "end", format FROM meetings ORDER BY id')
    assert found == [
        ("ag-transfer-2024-11-05", "2024-11-05", None, None, "hybrid"),
        ("fachgruppe-handwerk-2024-03-01", "2024-03-01", "10:00", "12:00", "online"),
        ("fachgruppe-handwerk-2024-09-12", "2024-09-12", "13:00", "15:30", "in_person"),
    ]


def test_group_kind_inferred_and_project_events_linked_to_meetings(built):
    assert rows(built.db, "SELECT id, kind FROM groups ORDER BY id") == [
        ("ag-transfer", "gremium"), ("fachgruppe-alt", "fachgruppe"), ("fachgruppe-handwerk", "fachgruppe")]
    assert rows(built.db, "SELECT kind, meeting_id FROM project_events ORDER BY date") == [
        ("antrag", None), ("vorstellung", "fachgruppe-handwerk-2024-09-12")]
    assert rows(built.db, "SELECT group_id, year, recipient_id FROM reports") == [
        ("fachgruppe-handwerk", 2024, "ag-transfer")]


def _content(db: Path) -> dict[str, list[tuple]]:
    return {t: rows(db, f"SELECT * FROM {t} ORDER BY 1, 2") for t in LOAD_ORDER}


def test_building_twice_gives_identical_tables(master_source, tmp_path):
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    build(master_source, first)
    build(master_source, second)
    build(master_source, second)
    assert _content(first) == _content(second)
    assert rows(second, "SELECT COUNT(*) FROM load_runs") == [(2,)]


@pytest.mark.parametrize(("encoding", "bom", "sep"), [
    ("utf-8", False, ","), ("utf-8", True, ";"), ("cp1252", False, ";"), ("cp1252", False, "\t"),
])
def test_encodings_and_separators_are_detected(tmp_path, encoding, bom, sep):
    source = tmp_path / "quelle"
    source.mkdir()
    text = sep.join(["name", "short_name", "type"]) + "\r\n" + sep.join(["Fachverband Süd-Öl", "FSÖ", "Fachverband"])
    data = text.encode(encoding)
    (source / "organisations.csv").write_bytes(("\ufeff".encode() if bom else b"") + data)
    result = build(source, tmp_path / "x.db")
    assert result.exit_code == 0
    assert rows(result.db, "SELECT id, name, short_name FROM organisations") == [
        ("fachverband-sued-oel", "Fachverband Süd-Öl", "FSÖ")]


def test_quoted_multiline_cell_keeps_line_numbers_of_following_rows(tmp_path):
    source = tmp_path / "quelle"
    source.mkdir()
    (source / "organisations.csv").write_text('name,type\n"Stiftung\nZwei Zeilen",Stiftung\n,Beratung\n')
    result = build(source, tmp_path / "x.db")
    assert rows(result.db, "SELECT file, line, reason FROM rejects") == [
        ("organisations.csv", 4, "Pflichtfeld „name“ (Name) ist leer")]


def test_xlsx_workbook_with_one_sheet_per_file(tmp_path):
    source = tmp_path / "quelle"
    source.mkdir()
    wb = Workbook()
    orgs = wb.active
    orgs.title = "organisations"
    orgs.append(["name", "short_name", "type"])
    orgs.append(["Handwerkskammer Beispiel", "HWK B", "Handwerkskammer"])
    groups = wb.create_sheet("groups")
    groups.append(["name", "kind"])
    groups.append(["Fachgruppe Handwerk", "fachgruppe"])
    meetings = wb.create_sheet("attendance")
    meetings.append(["group", "date", "person", "organisation", "status"])
    from datetime import datetime
    meetings.append(["Fachgruppe Handwerk", datetime(2025, 2, 3), None, "hwk b", "present"])
    meetings.append(["Fachgruppe Handwerk", "kein Datum", None, "HWK B", "present"])
    wb.save(source / "netzwerk.xlsx")
    result = build(source, tmp_path / "x.db")
    assert rows(result.db, "SELECT meeting_id, org_id FROM attendance") == [
        ("fachgruppe-handwerk-2025-02-03", "handwerkskammer-beispiel")]
    assert rows(result.db, "SELECT file, line FROM rejects") == [("netzwerk.xlsx:attendance", 3)]


def test_missing_folder_is_fatal_with_german_message(tmp_path):
    with pytest.raises(BuildError, match="Quellordner .* nicht gefunden"):
        build(tmp_path / "fehlt", tmp_path / "x.db")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("breakage", ["broken_workbook", "no_organisations", "missing_column"])
def test_fatal_error_leaves_previous_database_untouched(master_source, tmp_path, breakage, capsys):
    db = tmp_path / "netz.db"
    build(master_source, db)
    before = _digest(db)
    if breakage == "broken_workbook":
        for csv in master_source.glob("*.csv"):
            csv.unlink()
        (master_source / "daten.xlsx").write_bytes(b"PK\x03\x04 kaputt")
        expected = "daten.xlsx"
    elif breakage == "no_organisations":
        (master_source / "organisations.csv").unlink()
        expected = "keine Organisationsliste"
    else:
        (master_source / "people.csv").write_text("vorname,organisation\nA,B\n")
        expected = "people.csv: Pflichtspalte fehlt: name"
    code = main(["build", "--source", str(master_source), "--db", str(db)])
    assert code == 2
    assert expected in capsys.readouterr().err
    assert _digest(db) == before
    assert not list(tmp_path.glob(".netz.db.building*"))


def test_cli_exit_codes_and_summary(master_source, tmp_path, capsys):
    assert main(["build", "--source", str(master_source), "--db", str(tmp_path / "a.db")]) == 1
    out = capsys.readouterr().out
    assert "Summe                       34        30          4" in out
    assert "attendance.csv, Zeile 7" in out
    clean = tmp_path / "sauber"
    clean.mkdir()
    (clean / "organisations.csv").write_text("name\nHandwerkskammer Beispiel\n")
    assert main(["build", "--source", str(clean), "--db", str(tmp_path / "b.db")]) == 0


def test_unchanged_sources_keep_the_database_and_record_the_run(master_source, tmp_path):
    db = tmp_path / "netz.db"
    first = build(master_source, db)
    content = _content(db)
    again = build(master_source, db)
    assert again.unchanged and again.exit_code == first.exit_code == 1
    assert again.totals == first.totals
    assert [(r.file, r.line) for r in again.rejects] == [(r.file, r.line) for r in first.rejects]
    assert rows(db, "SELECT id, status FROM load_runs") == [(1, "rejects"), (2, "rejects")]
    assert _content(db) == content  # only the new load_runs row was written
    assert rows(db, "SELECT file, line FROM rejects WHERE run_id = 1 ORDER BY file, line")[0] == ("attendance.csv", 7)


def test_a_changed_file_or_force_rebuilds(master_source, tmp_path):
    db = tmp_path / "netz.db"
    build(master_source, db)
    with (master_source / "reports.csv").open("a") as f:
        f.write("Fachgruppe Handwerk,2023,2023-11-02,AG Transfer\n")
    changed = build(master_source, db)
    assert not changed.unchanged
    assert rows(db, "SELECT year FROM reports ORDER BY year") == [(2023,), (2024,)]
    assert not build(master_source, db, force=True).unchanged


def test_source_files_record_hash_and_counts(built):
    found = rows(built.db, "SELECT path, kind, length(sha256), rows_read, rows_loaded, rows_rejected "
                           "FROM source_files WHERE path IN ('attendance.csv', 'groups.csv') ORDER BY path")
    assert found == [("attendance.csv", "stammdaten", 64, 7, 6, 1), ("groups.csv", "stammdaten", 64, 3, 3, 0)]
