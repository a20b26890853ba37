"""Beteiligung on the hand-made fixture `tests/fixtures/beteiligung`, built by the real ETL.

The fixture (as of 2024-12-31):
- Fachgruppe Handwerk has a membership list and meets four times a year, M1…M8 =
  2023-02-01, 05-01, 08-01, 11-01, 2024-02-01, 05-01, 08-01, 11-01.
  HWK attends all (and sends two people to 2024-05-01); itb attends M1–M5; BAuA M1–M5 and M8,
  excused M6 and M7; SHK only M1 (explicitly absent M2); Neue Beratung is a member since
  2024-06-01 and attends M8; Stiftung Nirgendwo was a member until 2023-06-30 and never came.
- Fachgruppe Digital has no membership list: 2024-03-10 HWK, itb present, Gast Verlag guest;
  2024-09-10 HWK present, BAuA excused.
- AG Transfer met on 2024-10-15 (HWK present).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import participation
from analysis.charts import participation as charts
from analysis.db import connect
from etl.build.pipeline import build
from tests.conftest import FIXTURES
from vocab.periods import Period

SOURCE = FIXTURES / "beteiligung"
YEAR_2024 = Period("2024-01-01", "2024-12-31", "Jahr 2024")
BOTH_YEARS = Period("2023-01-01", "2024-12-31", "2023–2024")
HANDWERK = "fachgruppe-handwerk"
DIGITAL = "fachgruppe-digital"


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory):
    db: Path = tmp_path_factory.mktemp("beteiligung") / "netz.db"
    assert build(SOURCE, db).status == "ok"
    connection = connect(db)
    yield connection
    connection.close()


def grid(df) -> dict[tuple[str, str], str]:
    return {(r["label"], r["date"]): r["cell"] for r in df.to_dict("records")}


def test_heatmap_of_a_group_with_a_membership_list(conn):
    cells = participation.attendance_matrix(conn, YEAR_2024, HANDWERK)
    m5, m6, m7, m8 = "2024-02-01", "2024-05-01", "2024-08-01", "2024-11-01"
    assert grid(cells) == {
        # HWK sent two people to M6 and still has one cell there
        ("HWK Musterstadt", m5): "anwesend", ("HWK Musterstadt", m6): "anwesend",
        ("HWK Musterstadt", m7): "anwesend", ("HWK Musterstadt", m8): "anwesend",
        ("BAuA", m5): "anwesend", ("BAuA", m6): "entschuldigt", ("BAuA", m7): "entschuldigt", ("BAuA", m8): "anwesend",
        ("itb", m5): "anwesend", ("itb", m6): "fehlt", ("itb", m7): "fehlt", ("itb", m8): "fehlt",
        # member since 2024-06-01: nothing expected at M5/M6, so no cell there
        ("Neue Beratung", m7): "fehlt", ("Neue Beratung", m8): "anwesend",
        ("SHK-Innung Nordstadt", m5): "fehlt", ("SHK-Innung Nordstadt", m6): "fehlt",
        ("SHK-Innung Nordstadt", m7): "fehlt", ("SHK-Innung Nordstadt", m8): "fehlt",
    }
    # regulars on top: attended 4, 2, 1, 1, 0 meetings
    assert list(cells["label"].drop_duplicates()) == ["HWK Musterstadt", "BAuA", "Neue Beratung", "itb",
                                                      "SHK-Innung Nordstadt"]


def test_heatmap_ends_with_the_membership_and_counts_explicit_absence_as_missing(conn):
    cells = grid(participation.attendance_matrix(conn, BOTH_YEARS, HANDWERK))
    # Nirgendwo was a member until 2023-06-30: expected (and missing) at M1 and M2 only
    assert {k: v for k, v in cells.items() if k[0] == "Nirgendwo"} == {
        ("Nirgendwo", "2023-02-01"): "fehlt", ("Nirgendwo", "2023-05-01"): "fehlt"}
    assert cells[("SHK-Innung Nordstadt", "2023-02-01")] == "anwesend"
    assert cells[("SHK-Innung Nordstadt", "2023-05-01")] == "fehlt"  # the row says absent


def test_heatmap_of_a_group_without_membership_list_uses_past_attendance(conn):
    cells = grid(participation.attendance_matrix(conn, YEAR_2024, DIGITAL))
    assert cells == {
        ("HWK Musterstadt", "2024-03-10"): "anwesend", ("HWK Musterstadt", "2024-09-10"): "anwesend",
        ("itb", "2024-03-10"): "anwesend", ("itb", "2024-09-10"): "fehlt",
        # the guest shows where it came, but is not expected later
        ("Gast Verlag", "2024-03-10"): "anwesend",
        # BAuA first appears (excused) on 2024-09-10: not blamed for the meeting before
        ("BAuA", "2024-09-10"): "entschuldigt",
    }


def test_org_rates_of_one_group(conn):
    rows = participation.org_rates(conn, YEAR_2024, HANDWERK)[["label", "meetings", "attended", "excused", "rate"]]
    assert [tuple(r) for r in rows.itertuples(index=False)] == [
        ("HWK Musterstadt", 4, 4, 0, 1.0),      # two people at M6 count once: 4 of 4, not 5
        ("BAuA", 4, 2, 2, 0.5),                 # excused twice: shown apart, not attended
        ("Neue Beratung", 2, 1, 0, 0.5),        # only M7, M8 since joining
        ("itb", 4, 1, 0, 0.25),
        ("SHK-Innung Nordstadt", 4, 0, 0, 0.0),
    ]


def test_org_rates_across_all_groups(conn):
    rows = participation.org_rates(conn, YEAR_2024)
    got = {r.label: (r.meetings, r.attended, r.excused) for r in rows.itertuples()}
    assert got == {
        "HWK Musterstadt": (7, 7, 0),       # Handwerk 4 + Digital 2 + AG Transfer 1
        "Gast Verlag": (1, 1, 0),           # its one guest visit
        "Neue Beratung": (2, 1, 0),
        "BAuA": (5, 2, 3),                  # Handwerk 2/4 (2 excused) + Digital 0/1 (excused)
        "itb": (6, 2, 0),                   # Handwerk 1/4 + Digital 1/2
        "SHK-Innung Nordstadt": (4, 0, 0),
    }


def test_person_rates_from_first_appearance(conn):
    rows = participation.person_rates(conn, YEAR_2024, HANDWERK)
    got = {r.person: (r.organisation, r.meetings, r.attended, r.excused) for r in rows.itertuples()}
    assert got == {
        "Anna Becker": ("HWK Musterstadt", 4, 4, 0),
        "Nora Neumann": ("Neue Beratung", 1, 1, 0),       # first came to M8
        "Jonas Weber": ("BAuA", 4, 2, 2),
        "Max Mustermann": ("HWK Musterstadt", 3, 1, 0),   # first came to M6: M6, M7, M8
        "Lena Schäfer": ("itb", 4, 1, 0),
        "Tom Krüger": ("SHK-Innung Nordstadt", 4, 0, 0),  # appeared in 2023, so expected all of 2024
    }
    assert list(rows["rate"].round(3)) == [1.0, 1.0, 0.5, 0.333, 0.25, 0.0]


def test_person_names_can_be_hidden(conn):
    rows = participation.person_rates(conn, YEAR_2024, HANDWERK, hide_names=True)
    # stable pseudonyms of analysis.pseudonymise ("Person A", …), one per person, ids hidden too
    assert all(re.fullmatch(r"Person [A-Z]+", p) for p in rows["person"]) and rows["person"].is_unique
    assert list(rows["person_id"]) == list(rows["person"])
    assert not {"Anna Becker", "anna-becker"} & (set(rows["person"]) | set(rows["person_id"]))


def test_participants_per_meeting_count_people_and_organisations(conn):
    rows = participation.participants_per_meeting(conn, YEAR_2024, HANDWERK)
    got = [(r.date, r.people_present, r.orgs_present, r.people_excused) for r in rows.itertuples()]
    assert got == [("2024-02-01", 3, 3, 0), ("2024-05-01", 2, 1, 1), ("2024-08-01", 1, 1, 1),
                   ("2024-11-01", 3, 3, 0)]


def test_heatmap_groups_list_fachgruppen_first(conn):
    groups = participation.heatmap_groups(conn, YEAR_2024)
    assert [tuple(r) for r in groups.itertuples(index=False)] == [
        (DIGITAL, "Fachgruppe Digital", "fachgruppe", 2, None),
        (HANDWERK, "Fachgruppe Handwerk", "fachgruppe", 4, None),
        ("ag-transfer", "AG Transfer", "gremium", 1, None)]  # none dissolved by the end of 2024
    older = participation.heatmap_groups(conn, Period("2022-01-01", "2024-12-31", "drei Jahre"))
    assert older.set_index("id")["dissolved"].to_dict()["fachgruppe-alt"] == "2022-12-31"  # met in 2022, dissolved


def test_charts_draw_the_grid_and_explain_empty_data(conn):
    fig = charts.attendance_heatmap(participation.attendance_matrix(conn, YEAR_2024, HANDWERK))
    heat = fig.data[0]
    assert list(heat.x) == ["01.02.2024", "01.05.2024", "01.08.2024", "01.11.2024"]
    assert list(heat.y)[0] == "HWK Musterstadt"
    assert heat.z[0].tolist() == [2, 2, 2, 2]
    assert heat.customdata[1][1][3] == "entschuldigt"  # BAuA at M6, shown on hover with the date
    assert heat.customdata[1][1][1] == "01.05.2024"
    empty = Period("2000-01-01", "2000-12-31", "leer")
    for fig in (charts.attendance_heatmap(participation.attendance_matrix(conn, empty, HANDWERK)),
                charts.org_rates(participation.org_rates(conn, empty)),
                charts.participants_over_time(participation.participants_per_meeting(conn, empty))):
        assert fig.layout.annotations[0].text.startswith("Keine Sitzungen")
    assert len(charts.org_rates(participation.org_rates(conn, YEAR_2024)).data[0].y) == 6
    # all groups: one line per group; one group: people, organisations, excused
    assert [t.name for t in charts.participants_over_time(participation.participants_per_meeting(conn, YEAR_2024))
            .data] == ["Fachgruppe Handwerk", "Fachgruppe Digital", "AG Transfer"]
    assert len(charts.participants_over_time(participation.participants_per_meeting(conn, YEAR_2024, HANDWERK))
               .data) == 3


# --- a meeting without any attendance record -------------------------------------------------------

@pytest.fixture(scope="module")
def unrecorded(tmp_path_factory: pytest.TempPathFactory):
    """The fixture plus a Fachgruppe Handwerk meeting on 2024-12-10 known from meetings.csv only."""
    import shutil

    source = tmp_path_factory.mktemp("ohne_liste") / "quelle"
    shutil.copytree(SOURCE, source)
    with (source / "meetings.csv").open("a", encoding="utf-8") as handle:
        handle.write("Fachgruppe Handwerk,2024-12-10,10:00,12:00,Videokonferenz via Zoom,Sitzung ohne Liste\n")
    assert build(source, source.parent / "netz.db").status == "ok"
    connection = connect(source.parent / "netz.db")
    yield connection
    connection.close()


def test_a_meeting_without_attendance_records_is_not_recorded_rather_than_all_absent(unrecorded, conn):
    cells = participation.attendance_matrix(unrecorded, YEAR_2024, HANDWERK)
    last = cells[cells["date"] == "2024-12-10"]
    assert sorted(zip(last["label"], last["cell"], strict=True)) == [
        ("BAuA", "keine Anwesenheit erfasst"), ("HWK Musterstadt", "keine Anwesenheit erfasst"),
        ("Neue Beratung", "keine Anwesenheit erfasst"), ("SHK-Innung Nordstadt", "keine Anwesenheit erfasst"),
        ("itb", "keine Anwesenheit erfasst")]
    # Rates are those without the meeting: it counts for nobody.
    assert participation.org_rates(unrecorded, YEAR_2024, HANDWERK).to_dict("records") == \
        participation.org_rates(conn, YEAR_2024, HANDWERK).to_dict("records")
    turnout = participation.participants_per_meeting(unrecorded, YEAR_2024, HANDWERK)
    assert turnout[["date", "people_present", "recorded"]].values.tolist()[-2:] == [
        ["2024-11-01", 3, True], ["2024-12-10", 0, False]]


def test_the_heatmap_shows_an_unrecorded_meeting_in_grey_with_its_own_legend_entry(unrecorded):
    fig = charts.attendance_heatmap(participation.attendance_matrix(unrecorded, YEAR_2024, HANDWERK))
    heat = fig.data[0]
    assert [t.name for t in fig.data[1:]] == ["fehlt", "entschuldigt", "anwesend", "nicht erfasst"]  # the key
    assert [t.marker.color for t in fig.data[1:]] == ["#d7301f", "#fdbb84", "#2166ac", "#bdbdbd"]
    assert [row[-1] for row in heat.z] == [3.0, 3.0, 3.0, 3.0, 3.0]
    assert heat.customdata[0][-1][3] == "keine Anwesenheit erfasst"


def test_an_unrecorded_meeting_is_missed_by_nobody(unrecorded, conn):
    from datetime import date

    from analysis import inactivity

    with_it = inactivity.inactive_partners(unrecorded, HANDWERK, date(2024, 12, 31))
    without = inactivity.inactive_partners(conn, HANDWERK, date(2024, 12, 31))
    assert with_it["missed_in_row"].tolist() == [7, 3, 0, 0, 0]  # SHK, itb, BAuA, HWK, Neue Beratung
    pd.testing.assert_frame_equal(with_it, without)


def test_long_periods_show_turnout_per_year_with_zero_years_and_group_colours(conn):
    from analysis import overview

    yearly = overview.meetings_over_time(conn, Period("2021-01-01", "2024-12-31", "lang"), HANDWERK)
    fig = charts.turnout_by_period(yearly, {"Fachgruppe Handwerk": "#123456"})
    bars = fig.data[0]
    assert (list(bars.x), list(bars.y)) == (["2021", "2022", "2023", "2024"], [0, 0, 13, 9])
    assert bars.marker.color == "#123456"
    assert [tuple(c) for c in bars.customdata] == [(0, "–", "Fachgruppe Handwerk"), (0, "–", "Fachgruppe Handwerk"),
                                                   (4, "3,2", "Fachgruppe Handwerk"), (4, "2,2", "Fachgruppe Handwerk")]
    assert fig.layout.xaxis.title.text == "Jahr"


def test_turnout_lines_take_the_group_colours(conn):
    turnout = participation.participants_per_meeting(conn, YEAR_2024)
    fig = charts.participants_over_time(turnout, {"Fachgruppe Handwerk": "#111111", "Fachgruppe Digital": "#222222",
                                                  "AG Transfer": "#333333"})
    assert {t.name: t.line.color for t in fig.data} == {"Fachgruppe Handwerk": "#111111",
                                                        "Fachgruppe Digital": "#222222", "AG Transfer": "#333333"}
