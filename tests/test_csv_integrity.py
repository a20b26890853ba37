"""Master data is loaded correctly or rejected with file, line and reason, never changed without a word."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from etl.build.pipeline import build
from etl.core.errors import BuildError
from tests.conftest import rows

ORGS = "name,short_name\nHandwerkskammer Test,HWK Test\nInstitut Test,IT\n"


def source(tmp_path: Path, **files: str | bytes) -> Path:
    """A source folder with an organisations list and the given files (name without .csv -> text or bytes)."""
    folder = tmp_path / "quelle"
    folder.mkdir()
    files.setdefault("organisations", ORGS)
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / f"{name}.csv").write_bytes(data)
    return folder


def rejects(db: Path) -> list[tuple]:
    return rows(db, "SELECT file, line, reason, raw FROM rejects ORDER BY file, line")


def test_a_row_with_more_fields_than_the_header_is_rejected_with_its_raw_text(tmp_path):
    folder = source(tmp_path, people="name,organisation,role\nAnna Becker,HWK Test,Leitung, Marketing\n"
                                     "Tom Krüger,IT,Referent\n")
    db = tmp_path / "netz.db"
    result = build(folder, db)
    assert result.per_file["people.csv"] == {"read": 2, "loaded": 1, "rejected": 1}
    assert rejects(db) == [("people.csv", 2, "mehr Felder als Spalten in der Kopfzeile (überzählig: ' Marketing') – "
                            "vermutlich ein Trennzeichen im Text ohne Anführungszeichen",
                            "Anna Becker,HWK Test,Leitung, Marketing")]
    assert rows(db, "SELECT name, role FROM people") == [("Tom Krüger", "Referent")]


def test_german_header_names_are_mapped_to_the_contract_columns(tmp_path):
    folder = source(tmp_path, organisations="Name;Kurzname;Typ;Region\nHandwerkskammer Test;HWK Test;Kammer;Nord\n",
                    people="Name,Titel,Organisation,Rolle\nAnna Becker,Dr.,HWK Test,Beraterin\n",
                    groups="Name,Art,Thema,Gegründet\nFachgruppe Test,fachgruppe,Handwerk,01.02.2015\n",
                    meetings="Gruppe,Datum,Beginn,Ende,Ort,Titel\nFachgruppe Test,2024-03-01,10:00,12:00,Zoom,Start\n")
    db = tmp_path / "netz.db"
    assert build(folder, db).exit_code == 0
    assert rows(db, "SELECT id, name, short_name, type, region FROM organisations") == [
        ("handwerkskammer-test", "Handwerkskammer Test", "HWK Test", "Kammer", "Nord")]
    assert rows(db, "SELECT name, title, org_id, role FROM people") == [
        ("Anna Becker", "Dr.", "handwerkskammer-test", "Beraterin")]
    assert rows(db, "SELECT name, kind, topic, founded FROM groups") == [
        ("Fachgruppe Test", "fachgruppe", "Handwerk", "2015-02-01")]
    assert rows(db, "SELECT group_id, date, start, \"end\", location, title FROM meetings") == [
        ("fachgruppe-test", "2024-03-01", "10:00", "12:00", "Zoom", "Start")]


def test_a_doubled_header_rejects_the_file_with_a_german_message(tmp_path):
    folder = source(tmp_path, people="name,Name,organisation\nAnna Becker,Tom Krüger,HWK Test\n")
    with pytest.raises(BuildError) as error:
        build(folder, tmp_path / "netz.db")
    assert str(error.value) == ("people.csv: Spalte „name“ steht doppelt in der Kopfzeile („name“ und „name“) – "
                                "Datei nicht geladen, bitte eine der Spalten umbenennen.")
    assert not (tmp_path / "netz.db").exists()


def test_a_missing_required_column_under_a_german_name_is_named(tmp_path):
    folder = source(tmp_path, meetings="Gruppe,Ort\nFachgruppe Test,Zoom\n")
    with pytest.raises(BuildError) as error:
        build(folder, tmp_path / "netz.db")
    assert str(error.value) == "meetings.csv: Pflichtspalte fehlt: date (vorhanden: gruppe, ort)."


def test_a_file_mixing_utf8_and_windows_1252_rows_is_decoded_per_row(tmp_path):
    data = (b"name,organisation\n" + "Jürgen Müller,HWK Test\n".encode()
            + "Jörg Weiß,IT\n".encode("cp1252"))
    folder = source(tmp_path, people=data)
    db = tmp_path / "netz.db"
    assert build(folder, db).exit_code == 0
    assert rows(db, "SELECT name FROM people ORDER BY name") == [("Jörg Weiß",), ("Jürgen Müller",)]


def test_control_characters_are_removed_listed_and_never_stored(tmp_path, capsys):
    from etl.cli import main

    folder = source(tmp_path, people="name,organisation,role\nAnna\x00 Becker,HWK Test,Ref\x1b[31merentin\n")
    db = tmp_path / "netz.db"
    assert main(["build", "--source", str(folder), "--db", str(db)]) == 1
    assert rows(db, "SELECT name, role FROM people") == [("Anna Becker", "Ref[31merentin")]
    assert rejects(db) == [("people.csv", 2, "Steuerzeichen (z. B. NUL, Escape) aus Spalte „name“, „role“ entfernt, "
                            "Zeile geladen", "Anna\ufffd Becker,HWK Test,Ref\ufffd[31merentin")]
    assert "\x1b" not in capsys.readouterr().out


def test_the_cli_never_sends_control_characters_to_the_terminal():
    from etl.cli import printable

    assert printable("Gruppe\x1b[2J\x07 Ä\tB\rC") == "Gruppe\\x1b[2J\\x07 Ä\tB\\x0dC"


def _workbook(path: Path, hidden: bool = False) -> None:
    book = Workbook()
    orgs = book.active
    orgs.title = "organisations"
    orgs.append(["name", "short_name"])
    orgs.append(["Handwerkskammer Test", "=UPPER(\"hwk test\")"])
    orgs.append(["Institut Test", "IT"])
    people = book.create_sheet("people")
    people.append(["name", "organisation"])
    people.append(["Anna Becker", "IT"])
    if hidden:
        people.sheet_state = "hidden"
    book.save(path)


def test_a_formula_without_a_cached_value_rejects_its_row(tmp_path):
    folder = tmp_path / "quelle"
    folder.mkdir()
    _workbook(folder / "netzwerk.xlsx")
    db = tmp_path / "netz.db"
    build(folder, db)
    assert rejects(db) == [("netzwerk.xlsx:organisations", 2, "Formel ohne gespeicherten Wert in Spalte „short_name“ "
                            "(Arbeitsmappe in Excel öffnen, neu berechnen und speichern)",
                            "Handwerkskammer Test;=UPPER(\"hwk test\")")]
    assert rows(db, "SELECT name FROM organisations") == [("Institut Test",)]


def test_a_hidden_sheet_is_ignored_with_a_listed_reason(tmp_path):
    folder = tmp_path / "quelle"
    folder.mkdir()
    _workbook(folder / "netzwerk.xlsx", hidden=True)
    db = tmp_path / "netz.db"
    build(folder, db)
    assert ("netzwerk.xlsx:people", None, "Blatt ist ausgeblendet und wird nicht gelesen (in Excel einblenden, um es "
            "zu laden)", None) in rejects(db)
    assert rows(db, "SELECT COUNT(*) FROM people") == [(0,)]


def test_two_digit_years_follow_the_documented_pivot(tmp_path):
    folder = source(tmp_path, groups="name,founded,dissolved\nFachgruppe Alt,31.12.99,01.01.29\n"
                                     "Fachgruppe Neu,01.06.30,\n")
    db = tmp_path / "netz.db"
    build(folder, db)
    assert rows(db, "SELECT name, founded, dissolved FROM groups ORDER BY name") == [
        ("Fachgruppe Alt", "1999-12-31", "2029-01-01"), ("Fachgruppe Neu", "1930-06-01", None)]


def test_implausible_dates_are_rejected(tmp_path):
    late = date.today().year + 11
    folder = source(tmp_path, groups="name\nFachgruppe Test\n",
                    meetings=f"group,date\nFachgruppe Test,0001-01-01\nFachgruppe Test,01.01.{late}\n"
                             "Fachgruppe Test,1899-12-31\nFachgruppe Test,2024-05-01\n")
    db = tmp_path / "netz.db"
    build(folder, db)
    limit = f"(erlaubt: 1900 bis {late - 1})"
    assert rejects(db) == [
        ("meetings.csv", 2, f"Spalte „date“: unplausibles Datum: '0001-01-01' {limit}", "Fachgruppe Test,0001-01-01"),
        ("meetings.csv", 3, f"Spalte „date“: unplausibles Datum: '01.01.{late}' {limit}",
         f"Fachgruppe Test,01.01.{late}"),
        ("meetings.csv", 4, f"Spalte „date“: unplausibles Datum: '1899-12-31' {limit}", "Fachgruppe Test,1899-12-31")]
    assert rows(db, "SELECT date FROM meetings") == [("2024-05-01",)]


def test_a_cycle_of_group_parents_is_named_and_the_database_built(tmp_path):
    folder = source(tmp_path, groups="name,parent\nGruppe A,Gruppe B\nGruppe B,Gruppe C\nGruppe C,Gruppe A\n"
                                     "Gruppe D,Gruppe A\n")
    db = tmp_path / "netz.db"
    assert build(folder, db).exit_code == 1
    circle = "übergeordnete Gruppen bilden einen Kreis (Gruppe A → Gruppe B → Gruppe C → Gruppe A) – Gruppe ohne " \
             "übergeordnete Gruppe geladen"
    assert rejects(db) == [("groups.csv", 2, circle, "Gruppe A,Gruppe B"),
                           ("groups.csv", 3, circle, "Gruppe B,Gruppe C"),
                           ("groups.csv", 4, circle, "Gruppe C,Gruppe A")]
    assert rows(db, "SELECT id, parent_id FROM groups ORDER BY id") == [
        ("gruppe-a", None), ("gruppe-b", None), ("gruppe-c", None), ("gruppe-d", "gruppe-a")]
