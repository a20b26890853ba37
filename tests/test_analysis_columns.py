"""Analysis results name their columns: each DataFrame a page, an export or the CLI reads has a constant
column list next to its function, and returns exactly those columns, in that order, with data and without."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date

import pandas as pd

from analysis import (
    capture,
    data_status,
    inactivity,
    meetings,
    network,
    outreach,
    overview,
    participation,
    projects,
    review,
    rules,
    search,
)
from vocab.periods import last_months

AS_OF = date(2024, 12, 31)
PERIOD = last_months(AS_OF, 24)
GROUP = "fachgruppe-handwerk"

Call = Callable[[sqlite3.Connection], pd.DataFrame]
CASES: dict[str, tuple[Call, tuple[str, ...]]] = {
    "participation.org_cells": (lambda c: participation.org_cells(c, PERIOD.start, PERIOD.end),
                                participation.ORG_CELLS_COLUMNS),
    "participation.heatmap_groups": (lambda c: participation.heatmap_groups(c, PERIOD),
                                     participation.HEATMAP_GROUPS_COLUMNS),
    "participation.org_rates": (lambda c: participation.org_rates(c, PERIOD), participation.ORG_RATES_COLUMNS),
    "participation.participants_per_meeting": (lambda c: participation.participants_per_meeting(c, PERIOD),
                                               participation.PER_MEETING_COLUMNS),
    "meetings.meeting_list": (lambda c: meetings.meeting_list(c, PERIOD), meetings.MEETING_LIST_COLUMNS),
    "meetings.open_action_items": (lambda c: meetings.open_action_items(c, AS_OF), meetings.OPEN_TASK_COLUMNS),
    "projects.projects": (lambda c: projects.projects(c, PERIOD), projects.PROJECT_COLUMNS),
    "projects.presentations": (lambda c: projects.presentations(c, PERIOD), projects.PRESENTATION_COLUMNS),
    "projects.counts": (lambda c: projects.counts(c, PERIOD), projects.COUNT_COLUMNS),
    "network.organisations": (lambda c: network.organisations(c, PERIOD), network.ORGANISATION_COLUMNS),
    "network.project_links": (lambda c: network.project_links(c, PERIOD), network.PROJECT_LINK_COLUMNS),
    "overview.groups": (overview.groups, overview.GROUP_COLUMNS),
    "outreach.last_contacts": (lambda c: outreach.last_contacts(c, AS_OF), tuple(outreach.LAST_COLUMNS)),
    "inactivity.inactive_partners": (lambda c: inactivity.inactive_partners(c, GROUP, AS_OF),
                                     tuple(inactivity.COLUMNS)),
    "inactivity.candidate_groups": (lambda c: inactivity.candidate_groups(c, AS_OF),
                                    inactivity.CANDIDATE_GROUP_COLUMNS),
    "rules.check_rules": (lambda c: rules.check_rules(c, AS_OF), tuple(rules.RESULT_COLUMNS)),
    "search.search": (lambda c: search.search(c, "Projekt").hits, tuple(search.COLUMNS)),
    "review.capture_conflicts": (review.capture_conflicts, review.CAPTURE_CONFLICT_COLUMNS),
    "review.corrections": (review.corrections, review.CORRECTION_COLUMNS),
    "review.change_log": (review.change_log, review.CHANGE_LOG_COLUMNS),
    "capture.known_people": (capture.known_people, capture.KNOWN_PEOPLE_COLUMNS),
    "data_status.load_runs": (data_status.load_runs, data_status.LOAD_RUN_COLUMNS),
    "data_status.rejects": (data_status.rejects, data_status.REJECT_COLUMNS),
    "data_status.table_counts": (data_status.table_counts, data_status.TABLE_COUNT_COLUMNS),
}


def _columns(db, name: str) -> tuple[list[str], int]:
    call, _ = CASES[name]
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        frame = call(conn)
    finally:
        conn.close()
    return list(frame.columns), len(frame)


def _wrong(db) -> dict[str, list[str]]:
    """The results whose columns differ from their constant, with the columns they have."""
    return {name: columns for name in CASES if (columns := _columns(db, name)[0]) != list(CASES[name][1])}


def test_every_result_has_the_columns_its_constant_names(demo_db):
    assert _wrong(demo_db) == {}


def test_an_empty_database_gives_the_same_columns(empty_db):
    assert _wrong(empty_db) == {}


def test_the_demo_fills_most_results(demo_db):
    """The column check above means something only on results that hold rows."""
    empty = sorted(name for name in CASES if _columns(demo_db, name)[1] == 0)
    assert empty == ["data_status.rejects", "outreach.last_contacts", "review.capture_conflicts",
                     "review.change_log", "review.corrections"]
