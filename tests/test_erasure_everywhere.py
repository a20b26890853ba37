"""Erasure reaches every copy the product keeps or offers: the database, the files the app wrote into the
source folder (corrections, change log, versions, the erasure list), the caches next to the database and
every download of the Daten page; names typed after an erasure are refused without being stored."""

from __future__ import annotations

import io
import sqlite3
import unicodedata
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from analysis import data_status, review
from analysis.tables import csv_bytes, xlsx_bytes
from etl.build.pipeline import build
from etl.cli import main
from etl.extract.sources import MAINTENANCE_FILES
from etl.maintain import maintenance, master_data_editor, versions
from etl.maintain.correction_files import CHANGE_LOG_FILE, CORRECTIONS_FILE, Correction, read_corrections
from etl.resolve.exclusions import ERASURE_LIST, refuse_if_erased
from tests.conftest import rows
from tests.test_forget import erasure_source

HANDWERK = "protokolle/fachgruppe-handwerk/2024-06-20_sitzung.md"
SPELLINGS = ("Jürgen Müller", "Juergen Mueller", "Müller, Jürgen", "Mueller, Juergen", "JÜRGEN MÜLLER",
             "jürgen müller", "juergen-mueller", "Jürgen  Müller")
OBRIEN = ("Sean O'Brien", "Sean O’Brien", "Sean OBrien", "O'Brien, Sean", "O’Brien, Sean", "sean-obrien",
          "sean-o-brien", "Seán O'Brien")


def spellings(*names: str) -> list[bytes]:
    """Every byte form the test looks for: as written, NFD, and each of the folded spellings."""
    found = []
    for name in names:
        for form in (name, unicodedata.normalize("NFD", name)):
            found += [form.encode("utf-8"), form.encode("utf-8").lower(), form.encode("utf-16-le")]
            try:
                found.append(form.encode("cp1252"))
            except UnicodeEncodeError:
                pass
    return found


def texts(data: bytes) -> list[bytes]:
    """The bytes of a file and, for a zip (xlsx), of every member: a name inside a workbook counts too."""
    out = [data]
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            out += [archive.read(member) for member in archive.namelist()]
    return out


def holds(data: bytes, names: tuple[str, ...] = SPELLINGS) -> list[str]:
    forms = spellings(*names)
    return sorted({form.decode("utf-8", "replace") for blob in texts(data) for form in forms
                   if form in blob or form in blob.lower()})


def written_by_the_product(source: Path) -> list[Path]:
    """Every file under the source folder the app wrote: maintenance files, versions, the erasure list."""
    found = [source / name for name in MAINTENANCE_FILES if (source / name).is_file()]
    found += [p for p in (source / versions.VERSIONS_DIR).rglob("*") if p.is_file()]
    found += [p for p in [source / ERASURE_LIST] if p.is_file()]
    return sorted(found)


def daten_downloads(db: Path, source: Path) -> dict[str, bytes]:
    """Every download the Daten page offers, built through the functions the page uses."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        frames = {"abgelehnte-eintraege": data_status.rejects(conn),
                  "neu-angelegt": data_status.created_from_protocols(conn),
                  "zeilen-je-tabelle": data_status.table_counts(conn),
                  "ladelaeufe": data_status.load_runs(conn),
                  "korrekturen": review.corrections(conn),
                  "aenderungsprotokoll": review.change_log(conn)}
    finally:
        conn.close()
    out = {"stammdaten.xlsx": master_data_editor.workbook_bytes(source)}
    for name, frame in frames.items():
        out[f"{name}.csv"] = csv_bytes(frame)
        out[f"{name}.xlsx"] = xlsx_bytes(frame)
    return out


@pytest.fixture
def edited(tmp_path: Path) -> tuple[Path, Path]:
    """The erasure fixture after a day of work in the app: a correction and a master-data edit that name
    Jürgen Müller, so korrekturen.csv, the change log and two versions hold his name."""
    source = erasure_source(tmp_path / "quelle")
    db = tmp_path / "netz.db"
    build(source, db)
    outcome = maintenance.add_corrections(source, db, [Correction(
        "2025-01-02T10:00:00+00:00", "pflege@example.org", "status", f"{HANDWERK}|Juergen Mueller", "present",
        "excused", "Herr Müller hat abgesagt"), Correction(
        "2025-01-02T10:00:00+00:00", "pflege@example.org", "merge_person", "Sean O’Brien", "", "Sean O'Brien",
        "Schreibweise von Sean OBrien")], "Korrektur")
    assert outcome.error is None and outcome.result is not None
    people = (source / "people.csv").read_text(encoding="utf-8").replace(
        "Jürgen Müller,Dr.,HWK Musterstadt,Berater", "Jürgen Müller,Dr.,HWK Musterstadt,Geschäftsführer").replace(
        "Sean O'Brien,,ITB,Referent", "Sean O'Brien,,ITB,Projektleiter")
    outcome = maintenance.write_files(source, db, {"people.csv": people.encode()}, "pflege@example.org",
                                      "Stammdaten bearbeitet: people.csv (Jürgen Müller)")
    assert outcome.error is None and outcome.result is not None
    return source, db


def test_before_forget_the_name_is_in_every_copy_this_test_greps(edited):
    source, db = edited
    assert holds((source / CORRECTIONS_FILE).read_bytes()) and holds((source / CHANGE_LOG_FILE).read_bytes())
    assert any(holds(p.read_bytes()) for p in (source / versions.VERSIONS_DIR).rglob("*") if p.is_file())
    assert holds(daten_downloads(db, source)["stammdaten.xlsx"])


@pytest.mark.parametrize(("typed", "names"), [("Jürgen Müller", SPELLINGS), ("Herr O’BRIEN, Seán", OBRIEN)])
def test_forget_reaches_every_file_the_product_wrote_the_database_and_every_download(edited, capsys, typed, names):
    source, db = edited
    assert any(holds(p.read_bytes(), names) for p in written_by_the_product(source))
    assert main(["forget", "--db", str(db), "--source", str(source), typed]) == 0
    out = capsys.readouterr().out
    assert "Quellordner bereinigt:" in out
    assert f"{CORRECTIONS_FILE}: 1 Zeile entfernt" in out
    assert f"{CHANGE_LOG_FILE}: " in out and "Versionen: " in out
    leaks = {p.relative_to(source).as_posix(): holds(p.read_bytes(), names) for p in written_by_the_product(source)}
    assert {k: v for k, v in leaks.items() if v} == {}
    assert holds(db.read_bytes(), names) == []
    assert [p.name for p in db.parent.iterdir() if p.is_file() and holds(p.read_bytes(), names)] == []
    downloads = daten_downloads(db, source)
    assert {name: holds(data, names) for name, data in downloads.items() if holds(data, names)} == {}
    # Anna Müller, the other Müller, is still there, in the workbook as in the database.
    assert "Anna Müller" in pd.read_excel(io.BytesIO(daten_downloads(db, source)["stammdaten.xlsx"]),
                                          sheet_name="people")["name"].tolist()


def test_no_undo_brings_the_person_back(edited):
    source, db = edited
    assert main(["forget", "--db", str(db), "--source", str(source), "Jürgen Müller"]) == 0
    for version in versions.versions(source):
        if version.existed:
            data = (source / versions.VERSIONS_DIR / version.id / "inhalt").read_bytes()
            assert holds(data) == [], version.path


def test_a_correction_naming_the_erased_person_is_refused_and_not_stored(edited):
    source, db = edited
    assert main(["forget", "--db", str(db), "--source", str(source), "Jürgen Müller"]) == 0
    before = (source / CORRECTIONS_FILE).read_bytes(), (source / CHANGE_LOG_FILE).read_bytes()
    kept = len(versions.versions(source))
    outcome = maintenance.add_corrections(source, db, [Correction(
        "2025-02-01T10:00:00+00:00", "pflege@example.org", "add_participant", HANDWERK, "present",
        "Dr. MUELLER, JUERGEN", "")], "Korrektur")
    assert outcome.error == ("„Dr. MUELLER, JUERGEN“ wurde auf Antrag gelöscht (Recht auf Löschung) und wird nicht "
                             "wieder erfasst. Es wurde nichts gespeichert.")
    assert outcome.result is None and outcome.not_stored
    assert ((source / CORRECTIONS_FILE).read_bytes(), (source / CHANGE_LOG_FILE).read_bytes()) == before
    assert len(versions.versions(source)) == kept
    assert rows(db, "SELECT COUNT(*) FROM corrections WHERE target LIKE '%ller%' OR new_value LIKE '%ller%'") == [
        (0,)]


def test_a_master_data_edit_naming_the_erased_person_is_refused_and_not_stored(edited):
    source, db = edited
    assert main(["forget", "--db", str(db), "--source", str(source), "Jürgen Müller"]) == 0
    before = (source / "people.csv").read_bytes()
    columns, current = master_data_editor.read_table(source, "people")
    assert "Jürgen Müller" not in [r["name"] for r in current]  # the editor does not show him
    typed = current + [{"name": "Juergen Mueller", "title": "", "organisation": "ITB", "role": ""}]
    outcome = maintenance.write_files(source, db, {"people.csv": master_data_editor.render_csv(columns, typed)},
                                      "pflege@example.org", "Stammdaten bearbeitet: people.csv")
    assert outcome.error == ("people.csv, Zeile 12: „Juergen Mueller“ wurde auf Antrag gelöscht (Recht auf "
                             "Löschung) und wird nicht wieder erfasst. Es wurde nichts gespeichert.")
    assert (source / "people.csv").read_bytes() == before


def test_refuse_if_erased_knows_every_spelling_and_nothing_else(edited):
    source, db = edited
    assert refuse_if_erased(["Jürgen Müller"], source) == []
    assert main(["forget", "--db", str(db), "--source", str(source), "Jürgen Müller"]) == 0
    assert refuse_if_erased(["Anna Müller", "Jürgen", "Müller GmbH", "", "Herr Dr. Jürgen Müller",
                             "MUELLER, JUERGEN"], source) == [
        "„Herr Dr. Jürgen Müller“ wurde auf Antrag gelöscht (Recht auf Löschung) und wird nicht wieder erfasst.",
        "„MUELLER, JUERGEN“ wurde auf Antrag gelöscht (Recht auf Löschung) und wird nicht wieder erfasst."]


def test_a_new_database_built_from_the_erased_source_folder_stays_erased(edited, tmp_path):
    source, db = edited
    assert main(["forget", "--db", str(db), "--source", str(source), "Jürgen Müller"]) == 0
    fresh = tmp_path / "neu.db"
    build(source, fresh)
    assert rows(fresh, "SELECT COUNT(*) FROM people WHERE id = 'juergen-mueller'") == [(0,)]
    assert holds(fresh.read_bytes()) == []


def test_a_correction_written_into_the_file_by_hand_after_forget_leaves_no_trace(edited):
    source, db = edited
    assert main(["forget", "--db", str(db), "--source", str(source), "Jürgen Müller"]) == 0
    with (source / CORRECTIONS_FILE).open("a", encoding="utf-8") as out:
        out.write(f"2025-03-01,hand,status,{HANDWERK}|Jürgen Müller,,absent,Jürgen Müller fehlte\n")
    build(source, db)
    assert holds(db.read_bytes()) == []
    assert rows(db, "SELECT COUNT(*) FROM load_runs WHERE summary_json LIKE '%ller%' AND summary_json LIKE "
                    "'%Jürgen%'") == [(0,)]


def test_every_maintenance_file_is_rewritten_cell_by_cell(edited, monkeypatch):
    """A file another feature adds to MAINTENANCE_FILES is covered without further work."""
    import etl.extract.sources as sources

    source, db = edited
    monkeypatch.setattr(sources, "MAINTENANCE_FILES", (*sources.MAINTENANCE_FILES, "erfasste_anwesenheit.csv"))
    (source / "erfasste_anwesenheit.csv").write_text(
        "group,date,person,status,note\n"
        "Fachgruppe Handwerk,2025-01-10,Jürgen Müller,present,\n"
        "Fachgruppe Handwerk,2025-01-10,Anna Müller,present,kam mit Juergen Mueller\n", encoding="utf-8")
    assert main(["forget", "--db", str(db), "--source", str(source), "Jürgen Müller"]) == 0
    assert (source / "erfasste_anwesenheit.csv").read_text(encoding="utf-8") == (
        "group,date,person,status,note\n"
        "Fachgruppe Handwerk,2025-01-10,Anna Müller,present,kam mit [entfernt]\n")
    assert [c.target for c in read_corrections(source)] == ["Sean O’Brien"]  # only his row stays


def test_a_crash_log_next_to_the_database_is_redacted_too(edited):
    source, db = edited
    log = Path(f"{db}-fehler.log")
    log.write_text("Traceback …\nValueError: Zeile 'Jürgen Müller,Dr.,HWK'\n", encoding="utf-8")
    assert main(["forget", "--db", str(db), "--source", str(source), "Jürgen Müller"]) == 0
    assert log.read_text(encoding="utf-8") == "Traceback …\nValueError: Zeile '[entfernt],Dr.,HWK'\n"


def test_forget_checks_the_workbook_download_too(edited, monkeypatch, capsys):
    """The verification looks at what the Daten page builds from the source folder: were the workbook to
    ignore the erasure list, forget would say so and exit 1."""
    import etl.maintain.master_data_editor

    source, db = edited
    monkeypatch.setattr(etl.maintain.master_data_editor, "erased_hashes", lambda *args: frozenset())
    assert main(["forget", "--db", str(db), "--source", str(source), "Jürgen Müller"]) == 1
    assert capsys.readouterr().err == (
        "Warnung: Der Name steht noch in Download „Alle Stammdaten als Excel-Arbeitsmappe“.\n")


def test_an_uploaded_csv_naming_the_erased_person_is_refused_and_not_stored(edited):
    from etl.maintain.upload import process_uploads

    source, db = edited
    assert main(["forget", "--db", str(db), "--source", str(source), "Jürgen Müller"]) == 0
    before = (source / "people.csv").read_bytes()
    data = b"name,title,organisation,role\nAnna M\xc3\xbcller,,BAuA,Referentin\nJ\xc3\xbcrgen M\xc3\xbcller,,ITB,\n"
    outcome = process_uploads(source, db, [("people.csv", data)], replace_existing=True)
    assert outcome.error == ("people.csv, Zeile 3: „Jürgen Müller“ wurde auf Antrag gelöscht (Recht auf Löschung) "
                             "und wird nicht wieder erfasst. Es wurde nichts gespeichert.")
    assert (source / "people.csv").read_bytes() == before


def test_an_uploaded_workbook_naming_the_erased_person_is_refused(edited):
    from etl.maintain.upload import process_uploads

    source, db = edited
    assert main(["forget", "--db", str(db), "--source", str(source), "Jürgen Müller"]) == 0
    book = master_data_editor.workbook_bytes(source)
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(book))
    workbook["people"].append(["Dr. Jürgen Müller", None, "ITB", None])
    out = io.BytesIO()
    workbook.save(out)
    outcome = process_uploads(source, db, [("stammdaten.xlsx", out.getvalue())])
    assert outcome.error is not None and outcome.error.startswith(
        "stammdaten.xlsx:people, Zeile 12: „Dr. Jürgen Müller“ wurde auf Antrag gelöscht")
    assert not (source / "stammdaten.xlsx").exists()


def test_an_upload_held_back_by_the_guard_is_cleaned_too(edited):
    """A held-back upload waits outside the source folder; after forget no „Trotzdem übernehmen“ brings the
    person back: its CSV files are rewritten like the app's own files."""
    from etl.maintain.upload import pending_folder, pending_uploads, process_uploads

    source, db = edited
    people = (source / "people.csv").read_text(encoding="utf-8")
    lossy = "\n".join(people.splitlines()[:1] + [line for line in people.splitlines() if "Müller" in line]) + "\n"
    outcome = process_uploads(source, db, [("people.csv", lossy.encode())], replace_existing=True,
                              who="pflege@example.org")
    assert outcome.pending is not None and holds((pending_folder(source) / outcome.pending.id / "dateien" /
                                                  "people.csv").read_bytes())
    assert main(["forget", "--db", str(db), "--source", str(source), "Jürgen Müller"]) == 0
    waiting = [p for p in pending_folder(source).rglob("*") if p.is_file()]
    assert waiting and {p.name: holds(p.read_bytes()) for p in waiting if holds(p.read_bytes())} == {}
    assert [u.id for u in pending_uploads(source)] == [outcome.pending.id]  # the rest of the upload still waits
