"""Meetings on the `projekte` fixture including its two Markdown protocols, values worked out by hand.

Protocols: Fachgruppe Handwerk 14.03.2024 (three present, Stefan Brandt excused, three agenda items,
one decision, tasks due 01.04.2024 and 28.02.2025) and AG Transfer 03.12.2024 (three present, task due
15.12.2024). The other five meetings of 2024 come from meetings.csv without a protocol.
"""

from __future__ import annotations

import pytest

from analysis import meetings
from analysis.db import connect
from tests.test_projects import build_fixture
from vocab.periods import Period

Y2024 = Period("2024-01-01", "2024-12-31", "Jahr 2024")
FG_PROTOCOL = "protokolle/2024-03-14_fachgruppe-handwerk.md"
AG_PROTOCOL = "protokolle/2024-12-03_ag-transfer.md"
FG_MEETING, AG_MEETING = "fachgruppe-handwerk-2024-03-14", "ag-transfer-2024-12-03"


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    connection = connect(build_fixture(tmp_path_factory.mktemp("sitzungen"), protocols=True))
    yield connection
    connection.close()


def test_meeting_list_of_the_period_newest_first(conn):
    frame = meetings.meeting_list(conn, Y2024)
    assert list(zip(frame["date"], frame["group"], frame["format"], frame["participants"], frame["protocol"],
                    strict=True)) == [
        ("2024-12-03", "AG Transfer", "in_person", 3, True),
        ("2024-11-05", "AG Transfer", "online", 2, False),
        ("2024-09-12", "Fachgruppe Handwerk", "online", 4, False),      # three members and one guest
        ("2024-06-20", "Fachgruppe Handwerk", "in_person", 2, False),
        ("2024-05-07", "AG Transfer", "in_person", 3, False),
        ("2024-03-14", "Fachgruppe Handwerk", "online", 3, True),
        ("2024-02-08", "Fachgruppe Handwerk", "online", 4, False),      # four people from three organisations
    ]
    assert frame.loc[frame["date"] == "2024-02-08", "organisations"].item() == 3


def test_meeting_list_follows_the_group(conn):
    frame = meetings.meeting_list(conn, Y2024, "ag-transfer")
    assert frame["date"].tolist() == ["2024-12-03", "2024-11-05", "2024-05-07"]
    assert meetings.meeting_list(conn, Period("2000-01-01", "2000-12-31", "leer")).empty


def test_meeting_detail_cites_file_and_line_for_every_fact(conn):
    detail = meetings.meeting_detail(conn, FG_MEETING, "2024-12-31")
    header = detail.header
    assert (header["date"], header["start"], header["end"], header["location"], header["format"], header["group"]) \
        == ("2024-03-14", "10:00", "12:00", "Videokonferenz via Zoom", "online", "Fachgruppe Handwerk")
    assert detail.participants.to_dict("records") == [
        {"name": "Anna Becker", "organisation": "Handwerkskammer Musterstadt", "status": "present", "note": None,
         "source_file": FG_PROTOCOL, "source_line": 11, "person_id": "anna-becker",
         "org_id": "handwerkskammer-musterstadt"},
        {"name": "Jonas Weber", "organisation": "Institut für Technik der Betriebsführung", "status": "present",
         "note": None, "source_file": FG_PROTOCOL, "source_line": 12, "person_id": "jonas-weber",
         "org_id": "institut-fuer-technik-der-betriebsfuehrung"},
        {"name": "Petra Sommer", "organisation": "Projektgesellschaft Handwerk", "status": "present", "note": None,
         "source_file": FG_PROTOCOL, "source_line": 13, "person_id": "petra-sommer",
         "org_id": "projektgesellschaft-handwerk"},
        {"name": "Stefan Brandt", "organisation": "Stiftung Mittelstand", "status": "excused", "note": None,
         "source_file": FG_PROTOCOL, "source_line": 15, "person_id": "stefan-brandt",
         "org_id": "stiftung-mittelstand"},
    ]
    assert list(zip(detail.agenda["position"], detail.agenda["text"], detail.agenda["source_line"],
                    strict=True)) == [(1, "Begrüßung", 19), (2, "Bericht aus den Fachkräftezentren Handwerk", 20),
                                      (3, "Planung der Jahrestagung", 21)]
    assert detail.decisions.to_dict("records") == [
        {"text": "Die Jahrestagung findet am 12.09.2024 in Musterstadt statt.", "source_file": FG_PROTOCOL,
         "source_line": 35}]
    assert detail.protocols["source_file"].tolist() == [FG_PROTOCOL]


def test_action_items_are_overdue_against_as_of(conn):
    items = meetings.meeting_detail(conn, FG_MEETING, "2024-12-31").action_items
    assert list(zip(items["owner"], items["due"], items["state"], items["source_line"], strict=True)) == [
        ("Anna Becker", "2024-04-01", "überfällig", 39),
        ("Jonas Weber", "2025-02-28", "offen", 40),
    ]
    early = meetings.meeting_detail(conn, FG_MEETING, "2024-03-31").action_items
    assert early["state"].tolist() == ["offen", "offen"]


@pytest.mark.parametrize("done, due, as_of, state", [
    (1, "2020-01-01", "2024-12-31", "erledigt"),
    (0, "2024-12-30", "2024-12-31", "überfällig"),
    (0, "2024-12-31", "2024-12-31", "offen"),  # due today is not overdue yet
    (0, None, "2024-12-31", "offen"),
])
def test_action_state(done, due, as_of, state):
    assert meetings.action_state(done, due, as_of) == state


def test_unknown_meeting_has_no_detail(conn):
    assert meetings.meeting_detail(conn, "gibt-es-nicht", "2024-12-31") is None
    assert meetings.meeting_label(conn, "gibt-es-nicht") is None
    assert meetings.meeting_label(conn, AG_MEETING) == "03.12.2024 · AG Transfer · Protokoll AG Transfer"


def test_open_action_items_across_meetings_overdue_first(conn):
    items = meetings.open_action_items(conn, "2024-12-31")
    assert list(zip(items["meeting_id"], items["owner"], items["due"], items["overdue"], items["days_overdue"],
                    strict=True)) == [
        (FG_MEETING, "Anna Becker", "2024-04-01", True, 274),
        (AG_MEETING, "Stefan Brandt", "2024-12-15", True, 16),
        (FG_MEETING, "Jonas Weber", "2025-02-28", False, 0),
    ]
    assert meetings.open_action_items(conn, "2024-12-31", group_id="ag-transfer")["owner"].tolist() == [
        "Stefan Brandt"]
    # as of 30.06.2024 the December meeting has not happened yet
    mid_year = meetings.open_action_items(conn, "2024-06-30")
    assert list(zip(mid_year["owner"], mid_year["days_overdue"], strict=True)) == [("Anna Becker", 90),
                                                                                   ("Jonas Weber", 0)]


@pytest.mark.parametrize("text", ["Transferbroschüre", "transferbroschure", "TRANSFERBROSCH",
                                  '"Transferbroschüre wird"'])
def test_search_finds_a_word_with_or_without_umlauts(conn, text):
    hits = meetings.search_protocols(conn, text)
    assert hits["meeting_id"].tolist() == [AG_MEETING]
    assert hits["source_file"].tolist() == [AG_PROTOCOL]
    assert "»Transferbroschüre" in hits["snippet"].item()  # a phrase is marked as a whole


def test_a_word_also_finds_compounds_but_a_quoted_word_only_itself(conn):
    assert meetings.search_protocols(conn, "Jahrestag")["meeting_id"].tolist() == [FG_MEETING]  # Jahrestagung
    assert meetings.search_protocols(conn, '"Jahrestag"').empty


def test_search_follows_period_and_group(conn):
    assert sorted(meetings.search_protocols(conn, "Begrüßung")["meeting_id"]) == [AG_MEETING, FG_MEETING]
    assert meetings.search_protocols(conn, "Begrüßung", Y2024, "fachgruppe-handwerk")["meeting_id"].tolist() == [
        FG_MEETING]
    assert meetings.search_protocols(conn, "Begrüßung", Period("2023-01-01", "2023-12-31", "2023")).empty


@pytest.mark.parametrize("text", ['"', "*", "(", ")", 'a"b', "NEAR(", "AND", "OR NOT", '"Jahrestagung', "col:x",
                                  "^", "-", "'; DROP TABLE protocols; --", "", "   "])
def test_search_never_breaks_on_special_characters(conn, text):
    hits = meetings.search_protocols(conn, text)
    assert list(hits.columns) == ["meeting_id", "date", "group", "title", "snippet", "source_file"]


@pytest.mark.parametrize("text, expected", [
    ("Fachkräfte", '"fachkraft"*'),  # folded and without its ending: also Fachkraft, Fachkräftesicherung
    ('"Fachkräfte sichern" Handw*', '"fachkrafte sichern" AND "handw"*'),
    ('ab"cd', '"ab"* AND "cd"'),  # an unclosed quote starts a phrase
    ("x AND (y OR z", '"and"* AND "or"*'),  # operators become words; one-letter words are left out
    ("( * \"", None),
])
def test_fts_query_quotes_every_word(text, expected):
    assert meetings.fts_query(text) == expected
