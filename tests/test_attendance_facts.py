"""Attendance facts are built once (etl/derive/attendance.py) and every page reads the same ones.

Pinned here: the derived rows of a small hand-made network (status, membership, streak, last attended
and last listed); that the Inaktive Partner, the profiles, the Ansprache-Liste, the Beteiligung and the
Regelcheck agree on every group of the demo network and of a second generated one; and that the number
of SQL queries the Übersicht, the Regelcheck, the Inaktive Partner and the Beteiligung send does not grow
with the number of groups (2, 10 and 40).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from analysis import alerts, contacts, inactivity, overview, participation, profile, rules
from analysis.db import connect
from demo import write_demo
from etl.build.pipeline import build
from tests.conftest import rows
from vocab.periods import Period, last_months
from vocab.terms import PARTNER_STATUSES

AS_OF = date(2026, 6, 30)


def _write(folder: Path, name: str, lines: list[str]) -> None:
    (folder / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- the derived rows ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One Fachgruppe with a membership list: Alpha (member throughout), Beta (member from 2024-03-01),
    Gamma (a guest, no member); four meetings, the third known from the meetings list only."""
    source = tmp_path_factory.mktemp("fakten") / "quelle"
    source.mkdir()
    _write(source, "organisations", ["name,short_name", "Alpha GmbH,Alpha", "Beta e.V.,Beta", "Gamma AG,Gamma"])
    _write(source, "people", ["name,organisation", "Anna Alt,Alpha", "Bernd Bunt,Beta", "Gero Gast,Gamma"])
    _write(source, "groups", ["name,kind,founded", "Fachgruppe Test,fachgruppe,2020-01-01"])
    _write(source, "memberships", ["group,organisation,role,since,until", "Fachgruppe Test,Alpha,lead,2020-01-01,",
                                   "Fachgruppe Test,Beta,member,2024-03-01,"])
    _write(source, "meetings", ["group,date,title", "Fachgruppe Test,2024-01-10,Eins",
                                "Fachgruppe Test,2024-04-10,Zwei", "Fachgruppe Test,2024-07-10,Drei",
                                "Fachgruppe Test,2024-10-10,Vier"])
    _write(source, "attendance", ["group,date,person,organisation,status",
                                  "Fachgruppe Test,2024-01-10,Anna Alt,,present",
                                  "Fachgruppe Test,2024-01-10,Gero Gast,,guest",
                                  "Fachgruppe Test,2024-04-10,Anna Alt,,excused",
                                  "Fachgruppe Test,2024-04-10,Bernd Bunt,,present",
                                  "Fachgruppe Test,2024-10-10,Bernd Bunt,,absent"])
    db = source.parent / "netz.db"
    assert build(source, db).status == "ok"
    return db


def test_each_organisation_has_one_row_per_meeting_with_its_running_facts(small: Path):
    assert rows(small, """SELECT org_id, date, status, membership, attended, counted, last_attended, last_listed,
                                 missed_in_row FROM org_attendance ORDER BY org_id, date""") == [
        ("alpha-gmbh", "2024-01-10", "present", "member", 1, 1, "2024-01-10", "2024-01-10", 0),
        ("alpha-gmbh", "2024-04-10", "excused", "member", 0, 1, "2024-01-10", "2024-04-10", 1),
        # no record at all at this meeting: it counts for nobody
        ("alpha-gmbh", "2024-07-10", "unrecorded", "member", 0, 0, "2024-01-10", "2024-04-10", 1),
        ("alpha-gmbh", "2024-10-10", "missing", "member", 0, 1, "2024-01-10", "2024-04-10", 2),
        ("beta-e-v", "2024-01-10", "none", "not_yet", 0, 0, None, None, 0),
        ("beta-e-v", "2024-04-10", "present", "member", 1, 1, "2024-04-10", "2024-04-10", 0),
        ("beta-e-v", "2024-07-10", "unrecorded", "member", 0, 0, "2024-04-10", "2024-04-10", 0),
        ("beta-e-v", "2024-10-10", "absent", "member", 0, 1, "2024-04-10", "2024-10-10", 1),
        # a guest counts as attended, but is no member: no cell where it was not there
        ("gamma-ag", "2024-01-10", "guest", None, 1, 1, "2024-01-10", "2024-01-10", 0),
    ]


def test_a_person_is_expected_from_their_first_record_in_the_group_on(small: Path):
    assert rows(small, """SELECT person_id, date, status, last_attended, last_listed, missed_in_row
                          FROM person_attendance WHERE person_id = 'bernd-bunt' ORDER BY date""") == [
        ("bernd-bunt", "2024-04-10", "present", "2024-04-10", "2024-04-10", 0),
        ("bernd-bunt", "2024-07-10", "unrecorded", "2024-04-10", "2024-04-10", 0),
        ("bernd-bunt", "2024-10-10", "absent", "2024-04-10", "2024-10-10", 1),
    ]


def test_the_ansprache_liste_tells_last_attended_from_last_listed(small: Path):
    conn = connect(small)
    try:
        found = contacts.group_contacts(conn, "fachgruppe-test", date(2024, 12, 31))
    finally:
        conn.close()
    assert found["beta-e-v"] == [contacts.Contact("Bernd Bunt", None, "2024-04-10", "2024-10-10")]
    assert found["beta-e-v"][0].text() == "Bernd Bunt (zuletzt anwesend 10.04.2024, zuletzt gelistet 10.10.2024)"


# --- every page tells the same facts ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def second_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second generated network (`python -m demo --seed 7`), built by the real ETL."""
    folder = tmp_path_factory.mktemp("zweites_netz")
    write_demo(folder / "quelle", scale=1, seed=7)
    db = folder / "netz.db"
    build(folder / "quelle", db)
    return db


def _disagreements(conn: sqlite3.Connection, as_of: date) -> list[str]:
    """Every fact the pages show twice about one organisation or person in one group, where they differ."""
    found: list[str] = []
    window = last_months(as_of, 12)
    groups = inactivity.candidate_groups(conn, as_of)
    judged = inactivity.inactive_partners_by_group(conn, groups["id"].tolist(), as_of)
    checks = rules.check_rules(conn, as_of)
    org_profiles: dict[str, dict[str, dict]] = {}
    person_profiles: dict[str, dict[str, dict]] = {}

    def per_group(cache: dict, kind: profile.Kind, subject: str) -> dict[str, dict]:
        if subject not in cache:
            found_profile = profile.profile(conn, kind, subject, as_of)
            assert found_profile is not None
            cache[subject] = {r["group_id"]: r for r in found_profile.per_group.to_dict("records")}
        return cache[subject]

    for group_id in groups["id"]:
        partners = judged[group_id]
        rates = participation.org_rates(conn, window, group_id).set_index("org_id")
        for row in partners.to_dict("records"):
            seen = per_group(org_profiles, "organisation", row["org_id"]).get(group_id, {})
            where = f"{group_id}/{row['org_id']}"
            if (seen.get("last_attended"), seen.get("missed_in_row", 0)) != (row["last_attended"],
                                                                          row["missed_in_row"]):
                found.append(f"{where}: Inaktive Partner {row['last_attended']}/{row['missed_in_row']}, "
                             f"Profil {seen.get('last_attended')}/{seen.get('missed_in_row')}")
            beteiligung = ((int(rates.at[row["org_id"], "attended"]), int(rates.at[row["org_id"], "meetings"]))
                           if row["org_id"] in rates.index else (0, 0))
            if beteiligung != (row["attended_12m"], row["meetings_12m"]):
                found.append(f"{where}: Beteiligung {beteiligung}, Inaktive Partner "
                             f"{(row['attended_12m'], row['meetings_12m'])}")
        people = contacts.group_contacts(conn, group_id, as_of, per_organisation=100)
        names = {name: pid for pid, name in conn.execute("SELECT id, name FROM people")}
        for listed in people.values():
            for contact in listed:
                if contact.last_listed is None:
                    continue  # known from the master data only
                seen = per_group(person_profiles, "person", names[contact.name]).get(group_id, {})
                if (seen.get("last_attended"), seen.get("last_listed")) != (contact.last_attended,
                                                                           contact.last_listed):
                    found.append(f"{group_id}/{contact.name}: Ansprache-Liste {contact.last_attended}/"
                                 f"{contact.last_listed}, Profil {seen.get('last_attended')}/{seen.get('last_listed')}")
        if group_id in set(checks["group_id"]):
            cells = participation.org_cells(conn, window.start, window.end, group_id)
            as_partner = cells[cells["status"].isin(PARTNER_STATUSES)].groupby("org_id").size().to_dict()
            in_rule = rules.partner_evidence(conn, group_id, as_of).set_index("org_id")["meetings"].to_dict()
            if {k: int(v) for k, v in in_rule.items()} != {k: int(v) for k, v in as_partner.items()}:
                found.append(f"{group_id}: Regelcheck 6.3 {in_rule}, Beteiligung {as_partner}")
    return found


@pytest.mark.parametrize("as_of", [date(2024, 12, 31), AS_OF])
def test_every_page_tells_the_same_facts_on_the_demo(demo_db: Path, as_of: date):
    conn = connect(demo_db)
    try:
        assert _disagreements(conn, as_of) == []
    finally:
        conn.close()


def test_every_page_tells_the_same_facts_on_a_second_network(second_db: Path):
    conn = connect(second_db)
    try:
        assert _disagreements(conn, AS_OF) == []
    finally:
        conn.close()


def test_klaus_mayer_was_excused_at_his_last_listing_not_there(demo_db: Path):
    """The case of issue 19: the Ansprache-Liste said 'zuletzt 25.03.2025' of a meeting he was excused from."""
    conn = connect(demo_db)
    try:
        found = contacts.group_contacts(conn, "fachgruppe-handwerk", AS_OF, per_organisation=100)
    finally:
        conn.close()
    mayer = next(c for listed in found.values() for c in listed if c.name == "Klaus Mayer")
    assert (mayer.last_attended, mayer.last_listed) == ("2022-11-23", "2025-03-25")


# --- the number of queries does not grow with the number of groups ---------------------------------------

def _network(folder: Path, groups: int) -> Path:
    """`groups` Fachgruppen, each with four member organisations and four meetings in 2025/2026."""
    folder.mkdir()
    orgs = [f"Org {g}-{i}" for g in range(groups) for i in range(4)]
    _write(folder, "organisations", ["name", *orgs])
    _write(folder, "groups", ["name,kind,founded", *(f"Fachgruppe {g},fachgruppe,2020-01-01" for g in range(groups))])
    _write(folder, "memberships", ["group,organisation,role", *(f"Fachgruppe {g},Org {g}-{i},member"
                                                               for g in range(groups) for i in range(4))])
    days = ["2025-09-01", "2025-12-01", "2026-03-01", "2026-06-01"]
    _write(folder, "meetings", ["group,date,title", *(f"Fachgruppe {g},{d},Sitzung" for g in range(groups)
                                                      for d in days)])
    statuses = ["present", "present", "excused", "absent"]
    _write(folder, "attendance", ["group,date,organisation,status", *(
        f"Fachgruppe {g},{d},Org {g}-{i},{statuses[(i + k) % 4] if i else 'absent'}"
        for g in range(groups) for k, d in enumerate(days) for i in range(4))])
    _write(folder, "reports", ["group,year,submitted,to", *(f"Fachgruppe {g},2025,2025-10-01,AG Transfer"
                                                          for g in range(0, groups, 2))])
    db = folder.parent / f"{folder.name}.db"
    build(folder, db)
    return db


def _queries(db: Path, page: Callable[[sqlite3.Connection], object]) -> int:
    conn = connect(db)
    sent: list[str] = []
    conn.set_trace_callback(sent.append)
    try:
        page(conn)
    finally:
        conn.close()
    return len(sent)


PERIOD = Period("2025-07-01", "2026-06-30", "12 Monate")
PAGES: dict[str, Callable[[sqlite3.Connection], object]] = {
    "Übersicht": lambda conn: (overview.kpis(conn, PERIOD), alerts.alerts(conn, AS_OF),
                               overview.meetings_over_time(conn, PERIOD)),
    "Regelcheck": lambda conn: rules.summary(rules.check_rules(conn, AS_OF)),
    "Inaktive Partner": lambda conn: inactivity.inactive_partners_by_group(
        conn, inactivity.candidate_groups(conn, AS_OF)["id"].tolist(), AS_OF),
    "Beteiligung": lambda conn: (participation.org_rates(conn, PERIOD), participation.person_rates(conn, PERIOD),
                                 participation.participants_per_meeting(conn, PERIOD)),
}


SIZES = (2, 10, 40)  # groups


@pytest.fixture(scope="module")
def networks(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """The generated network at each size of SIZES, built once for the module."""
    folder = tmp_path_factory.mktemp("groesse")
    return {n: _network(folder / f"netz{n}", n) for n in SIZES}


@pytest.mark.parametrize("page", list(PAGES))
def test_the_queries_a_page_sends_do_not_grow_with_the_groups(networks: dict[int, Path], page: str):
    counted = {n: _queries(db, PAGES[page]) for n, db in networks.items()}
    assert len(set(counted.values())) == 1, counted
    assert rows(networks[40], "SELECT COUNT(*) FROM groups WHERE kind = 'fachgruppe'") == [(40,)]


@pytest.mark.slow
@pytest.mark.parametrize("page", ["pages/uebersicht.py", "pages/regelcheck.py", "pages/inaktive-partner.py",
                                  "pages/beteiligung.py"])
def test_the_queries_a_rendered_page_sends_do_not_grow_with_the_groups(monkeypatch, networks: dict[int, Path],
                                                                      page: str):
    """The whole page as AppTest renders it, counted on the app's own connection (every query of every call)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    import ui.data
    from tests.conftest import APP

    def open_page(db: Path, target: str) -> None:  # alerts are error boxes here: only exceptions fail
        monkeypatch.setenv("NETZWERKRADAR_DB", str(db))
        monkeypatch.setenv("NETZWERKRADAR_AS_OF", AS_OF.isoformat())
        at = AppTest.from_file(APP, default_timeout=60).run()
        at.switch_page(target).run()
        assert not at.exception, [e.value for e in at.exception]

    sent: list[str] = []

    def traced(path: object) -> sqlite3.Connection:
        conn = connect(path)  # type: ignore[arg-type]
        conn.set_trace_callback(sent.append)
        return conn

    monkeypatch.setattr(ui.data, "connect", traced)
    counted = {}
    for groups, db in networks.items():
        st.cache_data.clear()
        st.cache_resource.clear()
        open_page(db, "pages/uebersicht.py")  # opens the app's connection (cached resource)
        st.cache_data.clear()  # every analysis call of the counted run is cold
        sent.clear()
        open_page(db, page)
        counted[groups] = len([q for q in sent if not q.startswith("PRAGMA")])
    assert len(set(counted.values())) == 1, counted
    assert counted[2] > 10  # the count is of the page's real work, not of a cache
