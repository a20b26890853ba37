"""Regelcheck (Grundprinzipien 6.3, 6.4, 6.6) on the fixture `tests/fixtures/beteiligung`.

As of 2024-12-31 the window is 2024-01-01 … 2024-12-31. Worked out by hand:
- Handwerk: present in 2024: HWK, BAuA, Neue Beratung, itb = 4 >= 3; report 2024 submitted 2024-10-15
  to the AG Transfer; 4 meetings -> all green, aktiv.
- Digital: present HWK, itb = 2 (Gast Verlag was a guest, BAuA excused) -> 6.3 red; no report -> 6.4 red;
  2 meetings -> 6.6 green.
- Ruhend: last meeting 2023-06-01 -> ruhend, 6.3 and 6.6 red; report for 2024 without a date -> 6.4 yellow.
- Neu: founded 2024-10-01, no meeting -> gegründet; every rule not yet due -> yellow.
- Alt: dissolved 2022-12-31, before the window -> not checked.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from analysis import rules
from analysis.db import connect
from etl.build.pipeline import build
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("regeln") / "netz.db"
    assert build(FIXTURES / "beteiligung", path).status == "ok"
    return path


@pytest.fixture(scope="module")
def conn(db: Path):
    connection = connect(db)
    yield connection
    connection.close()


def lights(df) -> list[tuple]:
    return [(r.group, r.lifecycle, r.rule, r.ok, r.light) for r in df.itertuples()]


def evidence(df, group: str, rule: str) -> str:
    return df[(df["group"] == group) & (df["rule"] == rule)].iloc[0]["evidence"]


def test_every_fachgruppe_against_every_rule(conn):
    df = rules.check_rules(conn, date(2024, 12, 31))
    assert lights(df) == [
        ("Fachgruppe Digital", "active", "6.3", False, "red"),
        ("Fachgruppe Digital", "active", "6.4", False, "red"),
        ("Fachgruppe Digital", "active", "6.6", True, "green"),
        ("Fachgruppe Handwerk", "active", "6.3", True, "green"),
        ("Fachgruppe Handwerk", "active", "6.4", True, "green"),
        ("Fachgruppe Handwerk", "active", "6.6", True, "green"),
        ("Fachgruppe Neu", "founded", "6.3", False, "yellow"),
        ("Fachgruppe Neu", "founded", "6.4", False, "yellow"),
        ("Fachgruppe Neu", "founded", "6.6", False, "yellow"),
        ("Fachgruppe Ruhend", "dormant", "6.3", False, "red"),
        ("Fachgruppe Ruhend", "dormant", "6.4", True, "yellow"),
        ("Fachgruppe Ruhend", "dormant", "6.6", False, "red"),
    ]
    assert list(df.columns) == rules.RESULT_COLUMNS


def test_evidence_names_organisations_meetings_and_reports(conn):
    df = rules.check_rules(conn, date(2024, 12, 31))
    assert evidence(df, "Fachgruppe Digital", "6.3") == (
        "2 Organisationen seit 01.01.2024 anwesend: HWK Musterstadt (2×), itb (1×).")
    assert evidence(df, "Fachgruppe Handwerk", "6.3") == (
        "4 Organisationen seit 01.01.2024 anwesend: HWK Musterstadt (4×), BAuA (2×), Neue Beratung (1×), itb (1×).")
    assert evidence(df, "Fachgruppe Handwerk", "6.4") == (
        "Bericht 2024 am 15.10.2024 an die AG Transfer (Nachweis: reports.csv, Zeile 2).")
    assert evidence(df, "Fachgruppe Digital", "6.4") == "Kein Bericht an die AG Transfer seit 01.01.2024."
    assert evidence(df, "Fachgruppe Ruhend", "6.4").startswith("Bericht 2024 an die AG Transfer, ohne Datum")
    assert evidence(df, "Fachgruppe Handwerk", "6.6") == (
        "4 Sitzungen seit 01.01.2024: 01.02.2024, 01.05.2024, 01.08.2024, 01.11.2024.")
    assert evidence(df, "Fachgruppe Ruhend", "6.6") == "Keine Sitzung seit 01.01.2024. Letzte Sitzung am 01.06.2023."
    assert "Noch nicht fällig: Gruppe erst am 01.10.2024 gegründet." in evidence(df, "Fachgruppe Neu", "6.6")
    clauses = dict(zip(df["rule"], df["clause"], strict=False))
    assert "mindestens drei Partnern" in clauses["6.3"]
    assert "AG Transfer" in clauses["6.4"] and "aufgelöst" in clauses["6.6"]


def test_as_of_moves_the_window(conn):
    # As of 2023-06-30: window 2022-07-01 … 2023-06-30. Alt was dissolved inside it (checked, aufgelöst);
    # Neu is not founded yet; Ruhend met once with exactly three organisations -> yellow twice;
    # Handwerk's 2023 report came later (2023-10-20) -> red.
    df = rules.check_rules(conn, date(2023, 6, 30))
    assert sorted(set(df["group"])) == ["Fachgruppe Alt", "Fachgruppe Digital", "Fachgruppe Handwerk",
                                        "Fachgruppe Ruhend"]
    got = {(r.group, r.rule): (r.lifecycle, r.light) for r in df.itertuples()}
    assert got[("Fachgruppe Alt", "6.6")] == ("dissolved", "red")
    assert got[("Fachgruppe Ruhend", "6.3")] == ("active", "yellow")
    assert got[("Fachgruppe Ruhend", "6.6")] == ("active", "yellow")
    assert got[("Fachgruppe Handwerk", "6.4")] == ("active", "red")
    assert got[("Fachgruppe Digital", "6.6")] == ("founded", "red")
    # the later report for 2024 is not shown as the "last report" before 2023-06-30
    assert evidence(df, "Fachgruppe Ruhend", "6.4") == "Kein Bericht an die AG Transfer seit 01.07.2022."
    assert lights(rules.check_rules(conn, date(2023, 6, 30))) == lights(df)


def test_one_group_is_checked_whatever_its_kind(conn):
    df = rules.check_rules(conn, date(2024, 12, 31), "ag-transfer")
    assert set(df["group"]) == {"AG Transfer"}
    assert rules.check_rules(conn, date(2024, 12, 31), "fachgruppe-alt").empty  # dissolved before the window


def test_rules_are_data(conn):
    stricter = rules.Rule("6.3", "„mindestens fünf“", "Fünf Partner", rules.check_partners, threshold=5)
    df = rules.check_rules(conn, date(2024, 12, 31), "fachgruppe-handwerk", rules=(stricter,))
    assert lights(df) == [("Fachgruppe Handwerk", "active", "6.3", False, "red")]

    def listed(conn, group, as_of, rule):
        return rules.Verdict(True, "Auf der Homepage gelistet.")

    extra = rules.Rule("6.7", "„Liste aller OM-Fachgruppen auf der Homepage“", "Gelistet", listed, threshold=1)
    df = rules.check_rules(conn, date(2024, 12, 31), "fachgruppe-handwerk", rules=(*rules.RULES, extra))
    assert list(df["rule"]) == ["6.3", "6.4", "6.6", "6.7"]


def test_report_recorded_in_an_ag_transfer_protocol_counts(db: Path, tmp_path: Path):
    # The protocol merge writes such rows; simulate one in a copy of the built database.
    copy = tmp_path / "mit-protokoll.db"
    shutil.copy(db, copy)
    with sqlite3.connect(copy) as writer:
        writer.execute("INSERT INTO reports (group_id, year, submitted, recipient_id, evidence, source_file, "
                       "source_line) VALUES ('fachgruppe-digital', 2024, '2024-10-15', 'ag-transfer', "
                       "'Protokoll AG Transfer 15.10.2024, TOP 3', 'protokolle/2024-10-15_ag-transfer.md', 31)")
        # a report to another body does not satisfy 6.4
        writer.execute("INSERT INTO reports (group_id, year, submitted, recipient_id) "
                       "VALUES ('fachgruppe-neu', 2024, '2024-12-01', 'fachgruppe-handwerk')")
    writer.close()
    conn = connect(copy)
    try:
        df = rules.check_rules(conn, date(2024, 12, 31))
    finally:
        conn.close()
    assert evidence(df, "Fachgruppe Digital", "6.4") == (
        "Bericht 2024 am 15.10.2024 an die AG Transfer (Nachweis: Protokoll AG Transfer 15.10.2024, TOP 3).")
    neu = df[(df["group"] == "Fachgruppe Neu") & (df["rule"] == "6.4")].iloc[0]
    assert (neu["ok"], neu["light"]) == (False, "yellow")


def test_lifecycle_stages(conn):
    def stage(group_id: str, as_of: date) -> str:
        row = conn.execute("SELECT id, name, kind, founded, dissolved FROM groups WHERE id = ?", (group_id,)).fetchone()
        return rules.lifecycle(conn, rules.GroupInfo(*tuple(row)), as_of)

    assert stage("fachgruppe-handwerk", date(2024, 12, 31)) == "active"
    assert stage("fachgruppe-ruhend", date(2024, 12, 31)) == "dormant"
    assert stage("fachgruppe-neu", date(2024, 12, 31)) == "founded"
    assert stage("fachgruppe-alt", date(2023, 1, 1)) == "dissolved"
    assert stage("fachgruppe-alt", date(2022, 6, 1)) == "active"


def test_summary_has_one_row_per_group_with_lights(conn):
    GREEN, YELLOW, RED = "erfüllt", "prüfen", "nicht erfüllt"  # words, coloured by the page: no emoji font needed
    table = rules.summary(rules.check_rules(conn, date(2024, 12, 31)))
    assert list(table.columns) == ["Gruppe", "Status", "§ 6.3", "§ 6.4", "§ 6.6", "Verstöße"]
    assert [tuple(r) for r in table.itertuples(index=False)] == [
        ("Fachgruppe Digital", "aktiv", RED, RED, GREEN, 2),
        ("Fachgruppe Handwerk", "aktiv", GREEN, GREEN, GREEN, 0),
        ("Fachgruppe Neu", "gegründet", YELLOW, YELLOW, YELLOW, 0),
        ("Fachgruppe Ruhend", "ruhend", RED, YELLOW, RED, 2),
    ]
    assert list(rules.summary(rules.check_rules(conn, date(1990, 1, 1))).columns) == ["Gruppe", "Status"]


def test_the_partners_behind_6_3_as_rows_with_ids(conn):
    """The Regelcheck shows 6.3's organisations as a table whose rows open the profiles."""
    found = rules.partner_evidence(conn, "fachgruppe-digital", date(2024, 12, 31))
    assert [(r.name, r.meetings) for r in found.itertuples()] == [("HWK Musterstadt", 2), ("itb", 1)]
    assert found["org_id"].tolist() == ["handwerkskammer-musterstadt", "institut-fuer-technik-der-betriebsfuehrung"]
