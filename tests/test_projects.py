"""Project lifecycles on the `projekte` fixture, values worked out by hand from its CSV files.

Fixture projects: "Fachkräftezentren Handwerk" (2019–2025, lead HWK, partners itb and PSG),
"Gesund im Handwerk" (2021–2023 with final report and transfer, lead itb, partner BAuA) and
"Digitale Betriebsberatung" (applied 2024-10-01, nothing after, lead PSG, partner Stiftung).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis import projects
from analysis.charts import projects as project_charts
from analysis.db import connect
from etl.build.pipeline import build
from tests.conftest import FIXTURES
from vocab.periods import Period

SOURCE = FIXTURES / "projekte"
ALL = Period("2015-01-01", "2024-12-31", "Gesamter Zeitraum")
Y2024 = Period("2024-01-01", "2024-12-31", "Jahr 2024")
FKZ, GIH, DIGI = "fachkraeftezentren-handwerk", "gesund-im-handwerk", "digitale-betriebsberatung"


def build_fixture(tmp: Path, protocols: bool) -> Path:
    """The fixture built by the real ETL; without protocols the values depend on the CSV files only."""
    source = tmp / "projekte"
    shutil.copytree(SOURCE, source, ignore=None if protocols else shutil.ignore_patterns("protokolle"))
    db = tmp / "netz.db"
    build(source, db)
    return db


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    connection = connect(build_fixture(tmp_path_factory.mktemp("projekte"), protocols=False))
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def protocol_conn(tmp_path_factory):
    connection = connect(build_fixture(tmp_path_factory.mktemp("projekte_protokolle"), protocols=True))
    yield connection
    connection.close()


def phase_rows(frame, project_id: str) -> list[tuple]:
    part = frame[frame["project_id"] == project_id]
    return list(zip(part["phase"], part["start"], part["end"], part["open"], strict=True))


def test_every_milestone_gives_five_phases(conn):
    phases = projects.lifecycle(conn, ALL, as_of="2024-12-31")
    assert phase_rows(phases, GIH) == [
        ("Antrag", "2021-01-15", "2021-04-01", False),
        ("Bewilligung", "2021-04-01", "2021-05-01", False),
        ("Laufzeit", "2021-05-01", "2023-04-30", False),
        ("Abschluss", "2023-04-30", "2023-06-30", False),   # end -> final report (event abschluss)
        ("Transfer", "2023-06-30", "2023-11-15", False),    # final report -> transfer event
    ]
    assert phase_rows(phases, FKZ) == [
        ("Antrag", "2019-02-01", "2019-06-01", False),
        ("Bewilligung", "2019-06-01", "2019-09-01", False),
        ("Laufzeit", "2019-09-01", "2025-08-31", False),    # planned end after as_of stays as planned
    ]
    assert set(phases.loc[phases["project_id"] == GIH, "programme"]) == {"INQA"}


def test_a_pending_application_runs_until_as_of_and_is_open(conn):
    phases = projects.lifecycle(conn, Y2024, as_of="2024-12-31")
    assert phase_rows(phases, DIGI) == [("Antrag", "2024-10-01", "2024-12-31", True)]


@pytest.mark.parametrize("milestones, expected", [
    ({"applied": "2020-01-01", "start": "2020-03-01", "end": "2021-01-01"},
     [("Antrag", "2020-01-01", "2020-03-01", False), ("Laufzeit", "2020-03-01", "2021-01-01", False)]),
    ({"start": "2024-01-01"}, [("Laufzeit", "2024-01-01", "2024-06-30", True)]),
    ({"start": "2017-05-01", "end": "2016-04-30"}, []),  # end before start: a data error, no bar
    ({"end": "2020-01-01", "transfer": "2020-05-01"}, [("Transfer", "2020-01-01", "2020-05-01", False)]),
    ({}, []),
])
def test_phases_fall_back_to_the_next_known_milestone(milestones, expected):
    assert projects.phases_of(milestones, "2024-06-30") == expected


@pytest.mark.parametrize("milestones, expected", [
    ({"status": "abgelehnt", "applied": "2024-03-01", "span_end": "2024-03-01"},
     [("Antrag", "2024-03-01", "2024-03-31", False)]),  # no later date known: 30 days, closed
    ({"status": "Abgelehnt", "applied": "2024-03-01", "span_end": "2024-05-15"},
     [("Antrag", "2024-03-01", "2024-05-15", False)]),  # to the last recorded event
    ({"status": "rejected", "applied": "2024-03-01", "span_end": None},
     [("Antrag", "2024-03-01", "2024-03-31", False)]),
])
def test_a_rejected_application_is_drawn_as_ended_not_running(milestones, expected):
    assert projects.phases_of(milestones, "2024-12-31") == expected


def test_a_rejected_project_leaves_later_periods(tmp_path):
    source = tmp_path / "projekte"
    shutil.copytree(SOURCE, source, ignore=shutil.ignore_patterns("protokolle"))
    with (source / "projects.csv").open("a", encoding="utf-8") as handle:
        handle.write("Abgelehntes Vorhaben,INQA,HWK Musterstadt,abgelehnt,2023-03-01,,,,nicht bewilligt\n")
    build(source, tmp_path / "netz.db")
    conn = connect(tmp_path / "netz.db")
    try:
        in_2023 = projects.lifecycle(conn, Period("2023-01-01", "2023-12-31", "2023"), as_of="2024-12-31")
        in_2024 = projects.projects(conn, Period("2024-01-01", "2024-12-31", "2024"))
    finally:
        conn.close()
    assert phase_rows(in_2023, "abgelehntes-vorhaben") == [("Antrag", "2023-03-01", "2023-03-31", False)]
    assert "abgelehntes-vorhaben" not in set(in_2024["project_id"])


def test_presentation_markers_come_from_vorstellung_events_with_group_and_date(conn):
    markers = projects.presentations(conn, ALL)
    assert list(zip(markers["project_id"], markers["date"], markers["kind"], markers["group"],
                    markers["meeting_id"], strict=True)) == [
        (GIH, "2022-05-10", "Vorstellung", "Fachgruppe Handwerk", "fachgruppe-handwerk-2022-05-10"),
        (FKZ, "2024-05-07", "Vorstellung", "AG Transfer", "ag-transfer-2024-05-07"),
        (FKZ, "2024-09-12", "Vorstellung", "Fachgruppe Handwerk", "fachgruppe-handwerk-2024-09-12"),
    ]
    only_transfer = projects.presentations(conn, ALL, "ag-transfer")
    assert only_transfer["date"].tolist() == ["2024-05-07"]


def test_protocol_mentions_become_markers_once_per_meeting(protocol_conn):
    markers = projects.presentations(protocol_conn, ALL)
    gih = markers[markers["project_id"] == GIH]
    assert list(zip(gih["date"], gih["kind"], gih["group"], gih["source_file"], strict=True)) == [
        ("2022-05-10", "Vorstellung", "Fachgruppe Handwerk", "project_events.csv"),
        # only mentioned ("Ergebnisse ... gezeigt"): a mention marker with the protocol as source
        ("2024-03-14", "Erwähnung", "Fachgruppe Handwerk", "protokolle/2024-03-14_fachgruppe-handwerk.md"),
        # "stellt ... vor" in the protocol: the ETL records a Vorstellung; the mention is not repeated
        ("2024-12-03", "Vorstellung", "AG Transfer", "protokolle/2024-12-03_ag-transfer.md"),
    ]
    fkz = markers[markers["project_id"] == FKZ]
    assert fkz["date"].tolist() == ["2024-03-14", "2024-05-07", "2024-09-12"]
    assert set(fkz["kind"]) == {"Vorstellung"}


@pytest.mark.parametrize("period, group, expected", [
    (ALL, None, [FKZ, GIH, DIGI]),
    (Y2024, None, [FKZ, DIGI]),                # Gesund im Handwerk ended with its transfer in 2023
    # AG Transfer: FKZ presented there, GIH transferred there (and BAuA is a member), DIGI's partner Stiftung is one
    (ALL, "ag-transfer", [FKZ, GIH, DIGI]),
    (Y2024, "ag-transfer", [FKZ, DIGI]),
    (Period("2022-01-01", "2022-12-31", "Jahr 2022"), "fachgruppe-handwerk", [FKZ, GIH]),
    (ALL, "netzwerk-nord", []),                # its only member takes part in no project
    (Period("2010-01-01", "2012-12-31", "früh"), None, []),
])
def test_projects_follow_period_and_group(conn, period, group, expected):
    assert projects.projects(conn, period, group)["project_id"].tolist() == expected


def test_counts_by_programme_and_status(conn):
    counts = projects.counts(conn, ALL)
    assert counts.to_dict("records") == [
        {"programme": "Fachkräftezentren Handwerk", "status": "laufend", "projects": 1},
        {"programme": "INQA", "status": "abgeschlossen", "projects": 1},
        {"programme": "INQA", "status": "beantragt", "projects": 1},
    ]
    assert projects.counts(conn, Period("2010-01-01", "2010-12-31", "leer")).empty


def test_project_detail_lists_lead_first_then_partners_and_meetings(conn):
    detail = projects.project_detail(conn, FKZ)
    assert detail.info["lead"] == "Handwerkskammer Musterstadt"
    assert detail.partners.to_dict("records") == [
        {"organisation": "Handwerkskammer Musterstadt", "type": "Kammer", "role": "Federführung"},
        {"organisation": "Institut für Technik der Betriebsführung", "type": "Forschungsinstitut",
         "role": "Wissenschaftliche Begleitung"},
        {"organisation": "Projektgesellschaft Handwerk", "type": "Beratung", "role": "Partner"},
    ]
    assert list(zip(detail.meetings["date"], detail.meetings["group"], detail.meetings["meeting_title"],
                    strict=True)) == [("2024-05-07", "AG Transfer", "Transferrunde Mai"),
                                      ("2024-09-12", "Fachgruppe Handwerk", "Herbstsitzung")]
    assert projects.project_detail(conn, "gibt-es-nicht") is None


def test_gantt_has_a_bar_per_phase_and_a_marker_per_presentation(conn):
    fig = project_charts.gantt(projects.lifecycle(conn, ALL, as_of="2024-12-31"), projects.presentations(conn, ALL),
                               ALL)
    bars = [t for t in fig.data if t.type == "bar" and t.showlegend is False]
    assert sum(len(t.x) for t in bars) == 9  # 5 + 3 + 1 phases
    assert {t.name for t in bars} >= {"INQA, Transfer", "Fachkräftezentren Handwerk, Laufzeit"}
    # the legend names programmes (colour) and phases (pattern) once each, not every combination
    legend = [t.name for t in fig.data if t.type == "bar" and t.showlegend is not False]
    assert legend == ["Fachkräftezentren Handwerk", "INQA", "Antrag", "Bewilligung", "Laufzeit", "Abschluss",
                      "Transfer"]
    markers = [t for t in fig.data if t.type == "scatter"]
    assert [(t.name, len(t.x)) for t in markers] == [("Vorstellung in einer Sitzung", 3)]
    assert list(markers[0].y) == ["Gesund im Handwerk", "Fachkräftezentren Handwerk", "Fachkräftezentren Handwerk"]
    assert [c[0] for c in markers[0].customdata] == ["Fachgruppe Handwerk", "AG Transfer", "Fachgruppe Handwerk"]


def test_charts_explain_an_empty_selection(conn):
    empty = Period("2010-01-01", "2010-12-31", "leer")
    fig = project_charts.gantt(projects.lifecycle(conn, empty), projects.presentations(conn, empty), empty)
    assert "Keine Projekte" in fig.layout.annotations[0].text
    assert "Keine Projekte" in project_charts.counts(projects.counts(conn, empty)).layout.annotations[0].text
