"""Protocol search: word forms, spellings, abbreviations, hits outside the filter, limits.

Fixture: `tests/fixtures/projekte` with its protocols (14.03.2024 Fachgruppe Handwerk mentions the
"Fachkräftezentren Handwerk"; 03.12.2024 AG Transfer lists Karin Vogt of the BAuA) plus two protocols
written here: 15.05.2023 says "FKZ" and "Straße", 20.09.2022 says "Fachkräftezentrum" and
"Bundesanstalt für Arbeitsschutz und Arbeitsmedizin".
"""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from analysis import search
from analysis.db import connect
from etl.build.pipeline import build
from tests.conftest import FIXTURES
from vocab.periods import Period

FG_2024, AG_2024 = "fachgruppe-handwerk-2024-03-14", "ag-transfer-2024-12-03"
FG_2023, FG_2022 = "fachgruppe-handwerk-2023-05-15", "fachgruppe-handwerk-2022-09-20"
Y2024 = Period("2024-01-01", "2024-12-31", "2024")

PROTOCOLS = {
    "2023-05-15_fachgruppe-handwerk.md": """# Protokoll Fachgruppe Handwerk

Datum: 15.05.2023

Teilnehmende:

Jonas Weber	itb

## Bericht

Das FKZ Musterstadt stellt sich in der Hauptstraße 5 vor.
""",
    "2022-09-20_fachgruppe-handwerk.md": """# Protokoll Fachgruppe Handwerk

Datum: 20.09.2022

Teilnehmende:

Jonas Weber	itb

## Bericht

Ein Fachkräftezentrum wird beantragt; die Bundesanstalt für Arbeitsschutz und Arbeitsmedizin berät.
""",
}


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("suche")
    source = tmp / "projekte"
    shutil.copytree(FIXTURES / "projekte", source)
    for name, text in PROTOCOLS.items():
        (source / "protokolle" / name).write_text(text, encoding="utf-8")
    assert build(source, tmp / "netz.db").status == "ok"
    connection = connect(tmp / "netz.db")
    yield connection
    connection.close()


def found(conn, text, period=None, group=None) -> list[str]:
    return sorted(search.search(conn, text, period, group).hits["meeting_id"])


@pytest.mark.parametrize("text", ["Fachkräftezentren", "Fachkräftezentrum", "fachkraeftezentren",
                                  "FACHKRAEFTEZENTRUM", "FKZ", "fkz"])
def test_word_forms_spellings_and_the_abbreviation_find_every_fachkraeftezentrum(conn, text):
    assert found(conn, text) == [FG_2022, FG_2023, FG_2024]


def test_ss_and_sharp_s_find_each_other(conn):
    assert found(conn, "Hauptstrasse") == [FG_2023]
    assert found(conn, "Hauptstraße") == [FG_2023]


def test_an_organisations_short_name_finds_its_full_name(conn):
    assert found(conn, "BAuA") == [AG_2024, FG_2022]


def test_the_query_is_a_safe_fts_expression():
    assert search.fts_query("fachkraeftezentren") == '("fachkraeftezentr"* OR "fachkraftezentr"* OR "fkz")'
    assert search.fts_query("FKZ Handwerk", {"hwk": "Handwerkskammer"}) == \
        '("fkz"* OR "fachkraftezentr"*) AND "handwerk"*'
    assert search.fts_query("BAuA", {"baua": "Bundesanstalt für Arbeitsschutz und Arbeitsmedizin"}) == \
        '("baua"* OR "bundesanstalt fur arbeitsschutz und arbeitsmedizi"*)'
    assert search.fts_query('"Fachkräfte sichern"') == '"fachkrafte sichern"'


def test_hits_hidden_by_the_period_are_counted(conn):
    result = search.search(conn, "Fachkräftezentren", Y2024)
    assert result.hits["meeting_id"].tolist() == [FG_2024]
    assert result.outside == 2
    assert search.search(conn, "Fachkräftezentren", Y2024, "ag-transfer").outside == 3
    assert search.search(conn, "Fachkräftezentren").outside == 0  # no filter, nothing outside


def test_long_or_wordy_queries_are_refused_in_german(conn):
    with pytest.raises(search.SearchError, match=r"^Der Suchbegriff ist zu lang \(1000 Zeichen, höchstens 200\)\.$"):
        search.search(conn, "a" * 1000)
    with pytest.raises(search.SearchError, match=r"^Zu viele Suchwörter \(9, höchstens 8\)\.$"):
        search.search(conn, "eins zwei drei vier fünf sechs sieben acht neun")
    assert search.fts_query("a " * 90) is None  # one-letter words are not searched (each matched everything)
    assert found(conn, "Handwerk Handwerk Handwerk Handwerk Handwerk Handwerk Handwerk Handwerk Handwerk") == \
        found(conn, "Handwerk")  # repeated words count once


def test_a_runaway_statement_is_interrupted_with_a_german_message(conn):
    endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT COUNT(*) FROM c"
    with pytest.raises(search.SearchError, match="^Die Suche hat zu lange gedauert"):
        search._count(conn, endless, {}, 0.2)
    assert conn.execute("SELECT 1").fetchone()[0] == 1  # the connection stays usable, the handler is removed



def test_the_search_runs_on_its_own_connection_to_the_same_file(conn):
    own = search._own_connection(conn)
    try:
        assert own is not None and own is not conn
        assert own.execute("PRAGMA database_list").fetchone()[2] == conn.execute("PRAGMA database_list").fetchone()[2]
    finally:
        own.close()
    assert search._own_connection(sqlite3.connect(":memory:")) is None  # nothing to reopen: the given one is used
