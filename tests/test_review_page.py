"""The Prüfen page through AppTest: a "neu angelegt" organisation merged into the known one with one click; its
attendance moves, and Beteiligung and Inaktive Partner agree afterwards. The misspelt group is merged the same way."""

from __future__ import annotations

from analysis import review
from analysis.db import connect
from analysis.review import ReviewItem
from etl.build.pipeline import build
from tests.conftest import DEMO, assert_page_ok, copy_source, open_page, rows
from ui.review_actions import item_key

PROTOCOL = "protokolle/uploads/2024-11-20_protokoll.md"  # as the Daten page stores uploads
TEXT = """## Austausch {group}

Datum: 20.11.2024

Ort: Online

Teilnehmende:
- Prof. Dr. Martina Gebhardt (itb)
- Dr. Karl Brandt (Fachverband Elektro- und Informationstechnik Nort)

## Tagesordnung
1. Begrüßung
"""
FV = "Fachverband Elektro- und Informationstechnik Nord"
MISSPELT = "Fachverband Elektro- und Informationstechnik Nort"


def demo(tmp_path, monkeypatch, group: str):
    """The demo network plus one protocol of 20.11.2024 naming the group as `group`."""
    source = copy_source(DEMO, tmp_path / "quelle")
    (source / PROTOCOL).parent.mkdir()
    (source / PROTOCOL).write_text(TEXT.format(group=group), encoding="utf-8")
    db = tmp_path / "netz.db"
    build(source, db)
    monkeypatch.setenv("NETZWERKRADAR_SOURCE", str(source))
    return source, db


def protocols_to_check(db) -> int:
    """The protocol items of the review queue of `db`, counted the way the page's metric counts them."""
    conn = connect(db)
    try:
        return sum(1 for item in review.queue(conn) if item.kind == "protocol")
    finally:
        conn.close()


def decide(at, kind: str, name: str, same: str):
    key = item_key(ReviewItem(kind, name, name, "", None, None))
    assert at.selectbox(key=f"rv_same_{key}").value == same  # the most similar known name comes first
    assert at.radio(key=f"rv_action_{key}").value == "ist dasselbe wie …"
    at.button(key=f"rv_submit_{key}").click().run()
    assert_page_ok(at)
    return at


def inactive_row(monkeypatch, db, name: str) -> dict:
    at = open_page(monkeypatch, db, "pages/inaktive-partner.py")
    at.selectbox(key="inactive_group").set_value("fachgruppe-handwerk").run()
    table = at.dataframe[0].value.set_index("Organisation")
    return table.loc[name, ["Status", "Zuletzt anwesend", "Anwesend"]].to_dict()


def test_merging_a_new_organisation_moves_its_attendance_and_the_pages_agree(tmp_path, monkeypatch,
                                                                          navigation_registered):
    _, db = demo(tmp_path, monkeypatch, "Fachgruppe Handwerk")
    assert rows(db, "SELECT org_id FROM attendance WHERE person_id = 'karl-brandt'") == [
        ("fachverband-elektro-und-informationstechnik-nort",)]
    assert inactive_row(monkeypatch, db, FV) == {"Status": "inaktiv", "Zuletzt anwesend": "23.11.2022",
                                                 "Anwesend": 0}

    at = open_page(monkeypatch, db, "pages/pruefen.py")
    assert [m.label for m in at.metric] == ["nicht geladen", "Gruppen", "Organisationen", "Personen",
                                            "unklare Zeilen", "Protokolle"]
    # two new names of the one protocol; "Protokolle" counts the demo's protocols with warnings (as review.queue
    # lists them), which follows the parser and is not what this test is about
    assert [m.value for m in at.metric][:5] == ["0", "0", "2", "2", "0"]
    assert int(at.metric[5].value) == protocols_to_check(db)
    decide(at, "organisation", MISSPELT, FV)
    assert at.success[0].value.startswith(f"Prüfen: „{MISSPELT}“ ist dasselbe wie „{FV}“ – gespeichert, "
                                          "Datenbank neu gebaut")
    assert rows(db, "SELECT org_id FROM attendance WHERE person_id = 'karl-brandt'") == [
        ("fachverband-elektro-und-informationstechnik-nord",)]
    assert rows(db, "SELECT who, kind, target, new_value, status FROM corrections") == [
        ("lokal (ohne Anmeldung)", "merge_organisation", MISSPELT, FV, "angewendet")]

    assert inactive_row(monkeypatch, db, FV) == {"Status": "aktiv", "Zuletzt anwesend": "20.11.2024",
                                                 "Anwesend": 1}
    at = open_page(monkeypatch, db, "pages/beteiligung.py")
    people = next(d.value for d in at.dataframe if "person" in d.value.columns).set_index("person")
    assert people.loc["Karl Brandt", ["organisation", "meetings", "attended"]].to_dict() == {
        "organisation": "FEI Nord", "meetings": 1, "attended": 1}  # the known organisation, by its short name


def test_the_misspelt_group_is_merged_from_the_page(tmp_path, monkeypatch, navigation_registered):
    _, db = demo(tmp_path, monkeypatch, "Fachgruppe Handwerg")
    assert rows(db, "SELECT name, origin FROM groups WHERE name LIKE 'Fachgruppe Handw%' ORDER BY name") == [
        ("Fachgruppe Handwerg", "protokoll"), ("Fachgruppe Handwerk", "stammdaten")]
    at = open_page(monkeypatch, db, "pages/pruefen.py")
    decide(at, "group", "Fachgruppe Handwerg", "Fachgruppe Handwerk")
    assert rows(db, "SELECT name, origin FROM groups WHERE name LIKE 'Fachgruppe Handw%'") == [
        ("Fachgruppe Handwerk", "stammdaten")]
    assert rows(db, "SELECT meeting_id FROM protocols WHERE source_file = ?", (PROTOCOL,)) == [
        ("fachgruppe-handwerk-2024-11-20",)]
    # two new names of the one protocol; "Protokolle" counts the demo's protocols with warnings (as review.queue
    # lists them), which follows the parser and is not what this test is about
    assert [m.value for m in at.metric][:5] == ["0", "0", "2", "2", "0"]
    assert int(at.metric[5].value) == protocols_to_check(db)
