"""What maintainers read on the Daten and Prüfen pages: master-data edits logged with old and new values, an
unchanged save that changes nothing, times in Berlin time (labelled), no „None“ cells and no raw ISO timestamps,
group kinds in German, a new person created with the organisation the protocol names, and „Kessler und Partner“
meeting „Kessler & Partner“."""

from __future__ import annotations

import re
import sqlite3

import pytest

from analysis import profile, review
from etl.build.pipeline import build
from etl.maintain import maintenance, master_data_editor, versions
from etl.maintain.correction_files import Correction, read_change_log
from tests.conftest import MASTER, assert_page_ok, copy_source, open_page, rows
from vocab.keys import name_key, org_key
from vocab.periods import local_time

PROTOCOL = "protokolle/2024-10-15.md"
TEXT = """## Protokoll Fachgruppe Handwerk

Datum: 15.10.2024

Teilnehmende:
- Tom Krüger (SHK-Innung Nordstadt)
- Eva Kessler (Kessler und Partner)
- Neu Mann (itb)
"""
ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")
BERLIN = re.compile(r"^\d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr$")


@pytest.fixture
def source(tmp_path):
    """The master-data fixture plus „Kessler & Partner“ and one protocol that writes it „Kessler und Partner“."""
    folder = copy_source(MASTER, tmp_path / "quelle")
    with (folder / "organisations.csv").open("a", encoding="utf-8") as out:
        out.write("Kessler & Partner;;Beratung;Bayern;;\n")
    (folder / "protokolle").mkdir()
    (folder / PROTOCOL).write_text(TEXT, encoding="utf-8")
    return folder


@pytest.fixture
def db(source, tmp_path):
    path = tmp_path / "netz.db"
    build(source, path)
    return path


def test_und_and_ampersand_spell_the_same_organisation(db):
    assert org_key("Kessler und Partner") == org_key("Kessler & Partner") == org_key("Kessler u. Partner") == (
        "kessler-partner")
    assert name_key("Kessler und Partner") == "kessler-und-partner"  # ids (name_key) do not move
    assert rows(db, "SELECT o.name FROM attendance a JOIN organisations o ON o.id = a.org_id "
                    "WHERE a.person_id = 'eva-kessler'") == [("Kessler & Partner",)]
    assert rows(db, "SELECT COUNT(*) FROM organisations WHERE origin = 'protokoll'") == [(0,)]


def test_a_new_person_from_a_protocol_carries_the_organisation_the_line_names(db):
    conn = sqlite3.connect(db)
    try:
        people = {item.key: item.organisation for item in review.created(conn, "person")}
    finally:
        conn.close()
    assert people == {"Eva Kessler": "Kessler & Partner", "Neu Mann": "Institut für Technik der Betriebsführung"}


def test_a_groups_kind_reads_in_german(db):
    conn = sqlite3.connect(db)
    try:
        found = profile.group_profile(conn, "fachgruppe-handwerk", "2024-12-31")
    finally:
        conn.close()
    assert found is not None
    assert found.facts.set_index("Angabe").loc["Art", "Wert"] == "Fachgruppe"


def test_an_edit_logs_old_and_new_values_and_an_unchanged_save_does_nothing(source, db):
    columns, before = master_data_editor.read_table(source, "organisations")
    assert maintenance.edit_table(source, db, "organisations.csv", columns, before, [dict(r) for r in before],
                                  "a@b.de") is None
    assert versions.versions(source) == [] and read_change_log(source) == []

    after = [dict(r) for r in before]
    after[2]["region"] = "Bayern"  # itb
    after.append({c: "" for c in columns} | {"name": "Neue Beratung GmbH", "type": "Beratung"})
    outcome = maintenance.edit_table(source, db, "organisations.csv", columns, before, after, "a@b.de")
    assert outcome is not None and outcome.result is not None
    [logged] = read_change_log(source)
    assert (logged["who"], logged["action"], logged["file"], logged["detail"]) == (
        "a@b.de", "Stammdaten bearbeitet: organisations.csv", "organisations.csv",
        "Zeile 3 (Institut für Technik der Betriebsführung): region „Baden-Württemberg“ → „Bayern“; "
        "neu: Neue Beratung GmbH, Beratung")
    assert [v.path for v in versions.versions(source)] == ["organisations.csv"]


def test_table_changes_name_deleted_renamed_and_emptied_cells():
    columns = ["name", "region"]
    before = [{"name": "A", "region": "Nord"}, {"name": "B", "region": "Süd"}, {"name": "C", "region": ""}]
    assert maintenance.table_changes(columns, before, [before[0], before[2]]) == ["gelöscht: B"]
    assert maintenance.table_changes(columns, before, [before[0], {"name": "Bee", "region": "Süd"}, before[2]]) == [
        "Zeile 2 (Bee): name „B“ → „Bee“"]
    assert maintenance.table_changes(columns, before, [{"name": "A", "region": ""}, before[1],
                                                       {"name": "C", "region": "Ost"}]) == [
        "Zeile 1 (A): region „Nord“ → (leer)", "Zeile 3 (C): region (leer) → „Ost“"]


def test_local_time_is_berlin_time_in_summer_and_winter():
    assert local_time("2026-07-01T10:00:00+00:00") == "01.07.2026, 12:00 Uhr"
    assert local_time("2026-12-01T23:30:00+00:00") == "02.12.2026, 00:30 Uhr"
    assert local_time(None) == "–"


def test_daten_shows_berlin_times_and_no_none_cells(source, db, monkeypatch):
    columns, before = master_data_editor.read_table(source, "organisations")
    after = [dict(r) for r in before]
    after[0]["region"] = "Bremen"
    maintenance.edit_table(source, db, "organisations.csv", columns, before, after, "lokal")
    maintenance.add_corrections(source, db, [Correction("2024-11-02T09:15:00+00:00", "lokal", "checked", PROTOCOL,
                                                        "", "", "")], "Prüfen: geprüft")
    monkeypatch.setenv("NETZWERKRADAR_SOURCE", str(source))
    at = open_page(monkeypatch, db, "pages/daten.py")
    tables = {tuple(t.value.columns): t.value for t in at.dataframe}
    corrections = next(t for cols, t in tables.items() if "Ziel" in cols)
    kept = next(t for cols, t in tables.items() if "gesichert" in cols)
    log = next(t for cols, t in tables.items() if "Einzelheiten" in cols)
    assert corrections[["Wann", "Art", "alt", "neu", "Grund"]].to_dict("records") == [
        {"Wann": "02.11.2024, 10:15 Uhr", "Art": "als geprüft markiert", "alt": "–", "neu": "–", "Grund": "–"}]
    for frame in (corrections, kept, log):
        text = frame.astype(str).to_numpy().ravel().tolist()
        assert not [t for t in text if t in ("None", "nan", "NaN", "<NA>") or ISO.search(t)]
    assert all(BERLIN.match(t) for t in [*kept["gesichert"], *log["Wann"]])
    assert log["Einzelheiten"].tolist() == [f"als geprüft markiert: {PROTOCOL}",  # newest first, kinds in German
                                            "Zeile 1 (Handwerkskammer Musterstadt): region „Niedersachsen“ → „Bremen“"]
    at.selectbox(key="change_log_pick").set_value(1).run()
    assert "Zeile 1 (Handwerkskammer Musterstadt): region „Niedersachsen“ → „Bremen“" in [t.value for t in at.text]
    captions = [c.value for c in at.caption]
    assert captions.count("Zeiten in Ortszeit (Europe/Berlin).") == 3  # Ladeläufe, Korrekturen, Versionen
    assert_page_ok(at)


def test_pruefen_creates_a_person_with_the_organisation_the_protocol_names(source, db, monkeypatch,
                                                                          navigation_registered):
    from analysis.review import ReviewItem
    from ui.review_actions import NEW, item_key

    monkeypatch.setenv("NETZWERKRADAR_SOURCE", str(source))
    at = open_page(monkeypatch, db, "pages/pruefen.py")
    key = item_key(ReviewItem("person", "Neu Mann", "Neu Mann", "", None, None))
    assert at.selectbox(key=f"rv_org_{key}").value == "Institut für Technik der Betriebsführung"
    at.radio(key=f"rv_action_{key}").set_value(NEW)
    at.button(key=f"rv_submit_{key}").click().run()
    assert_page_ok(at)
    assert rows(db, "SELECT p.name, o.name FROM people p JOIN organisations o ON o.id = p.org_id "
                    "WHERE p.id = 'neu-mann'") == [("Neu Mann", "Institut für Technik der Betriebsführung")]
    [logged] = read_change_log(source)
    assert logged["action"] == "Prüfen: „Neu Mann“ neu angelegt (people.csv)"
    assert logged["detail"] == "neu: Neu Mann, Institut für Technik der Betriebsführung"


def test_saving_the_master_data_editor_unchanged_says_so_and_keeps_nothing(source, db, monkeypatch,
                                                                          navigation_registered):
    monkeypatch.setenv("NETZWERKRADAR_SOURCE", str(source))
    at = open_page(monkeypatch, db, "pages/daten.py")
    at.button(key="save_organisations").click().run()
    assert_page_ok(at)
    assert [i.value for i in at.info][-1] == "Keine Änderung – nichts gespeichert."
    assert versions.versions(source) == [] and read_change_log(source) == []
