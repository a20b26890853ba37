"""Inaktive Partner and the Ansprache-Liste export on the fixture `tests/fixtures/beteiligung`.

Fachgruppe Handwerk meetings M1…M8 = 2023-02-01, 05-01, 08-01, 11-01, 2024-02-01, 05-01, 08-01, 11-01
(see test_participation.py for who came). As of 2024-12-31 the recent window is 2024 (M5–M8), the
window before is 2023 (M1–M4). Worked out by hand:
- SHK: 0/4 now, 1/4 before; missed M8 back to M2 = 7 in a row, nothing in 12 months -> inactive.
- itb: 1/4 now (M5), 4/4 before; missed M6–M8 = 3 in a row but came in the window -> not inactive;
  0.25 <= 0.5 × 1.0 -> fading.
- BAuA: 2/4 now with 2 excused, 4/4 before; weighted (2 + 0.5·2)/4 = 0.75 > 0.5 -> active;
  with excused_weight 0: 0.5 <= 0.5 -> fading.
- HWK: 4/4 and 4/4 -> active. Neue Beratung (member since 2024-06-01): 1/2 now, nothing before -> active.
- Stiftung Nirgendwo: membership ended 2023-06-30 -> not listed.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from analysis import inactivity, tables
from analysis.db import connect
from analysis.inactivity import InactivityRules, inactive_partners
from etl.build.pipeline import build
from tests.conftest import FIXTURES

HANDWERK = "fachgruppe-handwerk"
FIGURES = ["short_name", "status", "last_attended", "missed_in_row", "meetings_12m", "attended_12m", "excused_12m",
           "rate_12m", "meetings_prev_12m", "attended_prev_12m", "rate_prev_12m"]


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory):
    db: Path = tmp_path_factory.mktemp("inaktiv") / "netz.db"
    assert build(FIXTURES / "beteiligung", db).status == "ok"
    connection = connect(db)
    yield connection
    connection.close()


def table(df: pd.DataFrame) -> list[tuple]:
    return [tuple(None if pd.isna(v) else v for v in row) for row in df[FIGURES].itertuples(index=False)]


def test_statuses_with_the_default_rules(conn):
    df = inactive_partners(conn, HANDWERK, date(2024, 12, 31))
    assert table(df) == [
        ("SHK-Innung Nordstadt", "inactive", "2023-02-01", 7, 4, 0, 0, 0.0, 4, 1, 0.25),
        ("itb", "fading", "2024-02-01", 3, 4, 1, 0, 0.25, 4, 4, 1.0),
        ("BAuA", "active", "2024-11-01", 0, 4, 2, 2, 0.5, 4, 4, 1.0),
        ("HWK Musterstadt", "active", "2024-11-01", 0, 4, 4, 0, 1.0, 4, 4, 1.0),
        ("Neue Beratung", "active", "2024-11-01", 0, 2, 1, 0, 0.5, 0, 0, None),
    ]
    assert list(df["role"]) == ["member", "lead", "member", "lead", "member"]
    assert df.loc[0, "reason"] == "7 Sitzungen in Folge gefehlt, zuletzt am 01.02.2023"
    assert df.loc[1, "reason"] == "Quote 1/4 nach 4/4 im Vorjahreszeitraum"


def test_an_excused_absence_weighs_less_than_a_silent_one(conn):
    lenient = inactive_partners(conn, HANDWERK, date(2024, 12, 31))
    strict = inactive_partners(conn, HANDWERK, date(2024, 12, 31), InactivityRules(excused_weight=0.0))
    status = {r.short_name: r.status for r in lenient.itertuples()}
    strict_status = {r.short_name: r.status for r in strict.itertuples()}
    assert status["BAuA"] == "active"
    assert strict_status["BAuA"] == "fading"
    baua = strict[strict["short_name"] == "BAuA"].iloc[0]
    assert baua["reason"] == "Quote 2/4 nach 4/4 im Vorjahreszeitraum; 2× entschuldigt"


def test_thresholds_are_parameters(conn):
    # 8 meetings needed to be inactive: SHK missed only 7, so it is "just" fading (0 <= 0.5 × 0.25)
    df = inactive_partners(conn, HANDWERK, date(2024, 12, 31), InactivityRules(last_meetings=8))
    assert dict(zip(df["short_name"], df["status"], strict=True))["SHK-Innung Nordstadt"] == "fading"
    # fading only when the rate falls to 20 %: itb (25 % of before) stays active
    df = inactive_partners(conn, HANDWERK, date(2024, 12, 31), InactivityRules(fading_ratio=0.2))
    assert dict(zip(df["short_name"], df["status"], strict=True))["itb"] == "active"
    # a 24-month window: itb attended 5 of 8, and 0 of 0 before -> no comparison, active
    df = inactive_partners(conn, HANDWERK, date(2024, 12, 31), InactivityRules(months=24))
    itb = df[df["short_name"] == "itb"].iloc[0]
    assert (itb["meetings_12m"], itb["attended_12m"], itb["status"]) == (8, 5, "active")
    assert pd.isna(itb["rate_prev_12m"])


def test_as_of_fixes_the_result(conn):
    # As of 2024-06-30: recent = 2023-07-01…2024-06-30 (M3–M6), before = 2022-07-01…2023-06-30 (M1, M2).
    df = inactive_partners(conn, HANDWERK, date(2024, 6, 30))
    assert table(df) == [
        ("SHK-Innung Nordstadt", "inactive", "2023-02-01", 5, 4, 0, 0, 0.0, 2, 1, 0.5),
        ("BAuA", "active", "2024-02-01", 1, 4, 3, 1, 0.75, 2, 2, 1.0),
        ("itb", "active", "2024-02-01", 1, 4, 3, 0, 0.75, 2, 2, 1.0),
        ("HWK Musterstadt", "active", "2024-05-01", 0, 4, 4, 0, 1.0, 2, 2, 1.0),
        # member since 2024-06-01, no meeting since: nothing to judge
        ("Neue Beratung", "active", None, 0, 0, 0, 0, None, 0, 0, None),
    ]
    assert table(inactive_partners(conn, HANDWERK, date(2024, 6, 30))) == table(df)


def test_group_without_membership_list_takes_members_from_attendance(conn):
    df = inactive_partners(conn, "fachgruppe-digital", date(2024, 12, 31))
    # Gast Verlag only came as a guest and is no member; BAuA counts from its excused 2024-09-10
    assert table(df) == [
        ("BAuA", "active", None, 1, 1, 0, 1, 0.0, 0, 0, None),
        ("itb", "active", "2024-03-10", 1, 2, 1, 0, 0.5, 0, 0, None),
        ("HWK Musterstadt", "active", "2024-09-10", 0, 2, 2, 0, 1.0, 0, 0, None),
    ]


def test_group_without_members_gives_an_empty_table(conn):
    df = inactive_partners(conn, "fachgruppe-neu", date(2024, 12, 31))
    assert df.empty and list(df.columns) == inactivity.COLUMNS


def test_windows_are_calendar_months():
    recent, before = inactivity.windows(date(2024, 12, 31), 12)
    assert (recent.start, recent.end, before.start, before.end) == ("2024-01-01", "2024-12-31",
                                                                    "2023-01-01", "2023-12-31")
    recent, before = inactivity.windows(date(2024, 2, 29), 12)
    assert (recent.start, before.start, before.end) == ("2023-03-01", "2022-03-01", "2023-02-28")


def test_candidate_groups_skip_dissolved_and_empty_groups(conn):
    groups = inactivity.candidate_groups(conn, date(2024, 12, 31))
    assert list(groups["id"]) == ["fachgruppe-digital", HANDWERK, "fachgruppe-ruhend", "ag-transfer"]


def test_ansprache_liste_in_german_as_csv_and_xlsx(conn):
    df = inactive_partners(conn, HANDWERK, date(2024, 12, 31))
    outreach = tables.outreach_list(df)
    assert list(outreach.columns) == [
        "Organisation", "Kurzname", "Rolle", "Status", "Zuletzt anwesend", "In Folge gefehlt",
        "Sitzungen (12 Mon.)", "Anwesend (12 Mon.)", "Entschuldigt (12 Mon.)", "Quote 12 Mon. (%)",
        "Quote 12 Mon. davor (%)", "Hinweis"]
    first = outreach.iloc[0]
    assert (first["Organisation"], first["Rolle"], first["Status"], first["Zuletzt anwesend"]) == (
        "Innung Sanitär Heizung Klima Nordstadt", "Mitglied", "inaktiv", "01.02.2023")
    assert list(outreach["Quote 12 Mon. (%)"]) == [0, 25, 50, 100, 50]
    assert tables.outreach_list(df, icons=True).iloc[1]["Status"] == "🟡 nachlassend"

    raw = tables.csv_bytes(outreach)
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the umlauts
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Organisation;Kurzname;Rolle;Status;")
    assert "Innung Sanitär Heizung Klima Nordstadt;SHK-Innung Nordstadt;Mitglied;inaktiv;01.02.2023;7;" in text

    back = pd.read_excel(io.BytesIO(tables.xlsx_bytes(outreach, "Ansprache-Liste")), sheet_name="Ansprache-Liste")
    assert list(back.columns) == list(outreach.columns)
    assert back["Organisation"].tolist() == outreach["Organisation"].tolist()
    assert pd.isna(back.loc[4, "Quote 12 Mon. davor (%)"])  # no meetings before: empty, not 0


def test_records_are_json_safe():
    df = pd.DataFrame({"a": [1, 2], "b": [0.5, float("nan")], "c": ["x", None]})
    assert tables.records(df) == [{"a": 1, "b": 0.5, "c": "x"}, {"a": 2, "b": None, "c": None}]
    assert type(tables.records(df)[0]["a"]) is int



def test_names_from_data_are_shown_literally_in_markdown():
    assert tables.plain_markdown("Innung *Nord* [alt](x) $1$ :tada:") == (
        "Innung \\*Nord\\* \\[alt\\]\\(x\\) \\$1\\$ \\:tada\\:")
    assert tables.plain_markdown(None) == ""
