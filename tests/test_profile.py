"""Profiles on the `projekte` fixture with protocols: whole rows of every section, the CLI, the page.

PSG (Projektgesellschaft Handwerk) is a member of the Fachgruppe Handwerk since 01.03.2018 and attends
the AG Transfer without being on its membership list; Petra Sommer is its only contact.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from analysis import profile
from analysis.cli import main
from analysis.db import connect
from tests.conftest import assert_page_ok, open_page
from tests.test_projects import build_fixture

PSG = "projektgesellschaft-handwerk"
AS_OF = "2024-12-31"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_fixture(tmp_path_factory.mktemp("profil"), protocols=True)


@pytest.fixture(scope="module")
def conn(db):
    connection = connect(db)
    yield connection
    connection.close()


def rows(frame) -> list[tuple]:
    return [tuple(None if v != v else v for v in r) for r in frame.astype(object).itertuples(index=False)]


def test_organisation_profile_whole_rows(conn):
    p = profile.organisation_profile(conn, PSG, AS_OF)
    assert (p.name, p.last_attended, p.streak) == ("Projektgesellschaft Handwerk", "2024-12-03",
                                                   "2 Sitzungen in Folge anwesend")
    assert rows(p.facts) == [("Kurzname", "PSG"), ("Typ", "Beratung"), ("Region", "Niedersachsen"),
                             ("Partner seit", "01.03.2018")]
    assert rows(p.groups) == [("fachgruppe-handwerk", "Fachgruppe Handwerk", "Mitglied", "2018-03-01", None)]
    assert [(r[0], r[3], r[5]) for r in rows(p.attendance)] == [
        ("Fachgruppe Handwerk", "2022-05-10", "fehlt"), ("Fachgruppe Handwerk", "2024-02-08", "anwesend"),
        ("Fachgruppe Handwerk", "2024-03-14", "anwesend"), ("Fachgruppe Handwerk", "2024-06-20", "fehlt"),
        ("Fachgruppe Handwerk", "2024-09-12", "anwesend"),
        ("AG Transfer", "2024-05-07", "anwesend"), ("AG Transfer", "2024-12-03", "anwesend")]
    assert rows(p.contacts) == [("petra-sommer", "Petra Sommer", "Geschäftsführerin", "Stammdaten", 5, "2024-12-03")]
    assert rows(p.projects) == [
        ("fachkraeftezentren-handwerk", "Fachkräftezentren Handwerk", "Partner", "laufend", "Antrag",
         "2019-02-01", "2019-06-01"),
        ("fachkraeftezentren-handwerk", "Fachkräftezentren Handwerk", "Partner", "laufend", "Bewilligung",
         "2019-06-01", "2019-09-01"),
        ("fachkraeftezentren-handwerk", "Fachkräftezentren Handwerk", "Partner", "laufend", "Laufzeit",
         "2019-09-01", "2025-08-31"),
        ("digitale-betriebsberatung", "Digitale Betriebsberatung", "Leitung", "beantragt", "Antrag", "2024-10-01",
         None)]
    assert rows(p.partners) == [
        ("handwerkskammer-musterstadt", "Handwerkskammer Musterstadt", 3),
        ("institut-fuer-technik-der-betriebsfuehrung", "Institut für Technik der Betriebsführung", 3),
        ("bundesanstalt-fuer-arbeitsschutz-und-arbeitsmedizin", "Bundesanstalt für Arbeitsschutz und Arbeitsmedizin",
         2),
        ("stiftung-mittelstand", "Stiftung Mittelstand", 2),
        ("img-src-x-onerror-alert-1", "<img src=x onerror=alert(1)>", 1)]
    assert [(r[1], r[4], r[5], r[6]) for r in rows(p.protocols)] == [
        ("2024-12-03", "protokolle/2024-12-03_ag-transfer.md", 13, "Teilnahme"),
        ("2024-03-14", "protokolle/2024-03-14_fachgruppe-handwerk.md", 13, "Teilnahme")]


def test_a_profile_without_a_date_is_of_the_fixed_today(conn, monkeypatch):
    """NETZWERKRADAR_AS_OF is 'today' for a profile too, as for every other view (not the machine's date)."""
    monkeypatch.setenv("NETZWERKRADAR_AS_OF", "2024-06-30")
    p = profile.organisation_profile(conn, PSG)
    assert (p.as_of, p.last_attended, p.streak) == ("2024-06-30", "2024-05-07", "1 Sitzung nicht anwesend")


def test_attendance_matrix_has_one_row_per_group_and_one_column_per_meeting(conn):
    matrix = profile.organisation_profile(conn, PSG, AS_OF).attendance_matrix()
    assert list(matrix.index) == ["Fachgruppe Handwerk", "AG Transfer"]
    assert list(matrix.columns) == ["10.05.2022", "08.02.2024", "14.03.2024", "07.05.2024", "20.06.2024",
                                    "12.09.2024", "03.12.2024"]
    assert matrix.loc["AG Transfer"].tolist() == ["", "", "", "anwesend", "", "", "anwesend"]


def test_the_protocol_opens_at_the_line(conn):
    text = profile.protocol_text(conn, "protokolle/2024-12-03_ag-transfer.md", 13)
    assert (text.label, text.line, text.lines[12]) == ("03.12.2024 · AG Transfer · Protokoll AG Transfer", 13,
                                                       (13, "Petra Sommer | PSG"))
    hidden = profile.protocol_text(conn, "protokolle/2024-12-03_ag-transfer.md", 13, hide_names=True)
    assert "Petra Sommer" not in " ".join(t for _, t in hidden.lines)


def test_names_hidden_give_pseudonyms(conn):
    p = profile.organisation_profile(conn, PSG, AS_OF, hide_names=True)
    assert p.contacts["name"].tolist() == p.contacts["person_id"].tolist()
    assert p.contacts["name"].iloc[0].startswith("Person ") and "Sommer" not in str(p.contacts.to_dict())


def test_group_and_person_profiles(conn):
    group = profile.group_profile(conn, "fachgruppe-handwerk", AS_OF)
    assert rows(group.groups)[0] == ("handwerkskammer-musterstadt", "Handwerkskammer Musterstadt", "Leitung",
                                     "2015-01-15", None)
    assert group.attendance_matrix().loc["Innung Sanitär Heizung Klima Nordstadt"].tolist()[-4:] == ["fehlt"] * 4
    person = profile.person_profile(conn, "petra-sommer", AS_OF)
    assert (person.name, person.streak) == ("Petra Sommer", "1 Sitzung anwesend")
    assert rows(person.facts) == [("Organisation", "Projektgesellschaft Handwerk"), ("Funktion", "Geschäftsführerin"),
                                  ("Bekannt aus", "Stammdaten")]


@pytest.mark.parametrize(("cells", "expected"), [
    (["anwesend", "fehlt", "anwesend", "anwesend"], "2 Sitzungen in Folge anwesend"),
    (["anwesend", "entschuldigt", "fehlt", "noch nicht Mitglied"], "2 Sitzungen in Folge nicht anwesend "
                                                                   "(davon 1 entschuldigt)"),
    (["noch nicht Mitglied"], None)])
def test_streak(cells, expected):
    assert profile.streak(cells) == expected


def test_cli_profile_json_and_unknown_name(db, capsys):
    assert main(["profile", "--db", str(db), "--organisation", "PSG", "--as-of", AS_OF, "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["profile"] == [{"kind": "organisation", "id": PSG, "name": "Projektgesellschaft Handwerk",
                                 "as_of": AS_OF, "last_attended": "2024-12-03",
                                 "streak": "2 Sitzungen in Folge anwesend"}]
    assert found["contacts"][0]["name"] == "Petra Sommer"
    assert main(["profile", "--db", str(db), "--organisation", "Gibt es nicht", "--as-of", AS_OF]) == 2
    assert "Organisation „Gibt es nicht“ nicht gefunden." in capsys.readouterr().err


def test_cli_profile_table_shows_the_attendance_matrix(db, capsys):
    assert main(["profile", "--db", str(db), "--organisation", PSG, "--as-of", AS_OF]) == 0
    out = capsys.readouterr().out
    assert "## Anwesenheit je Gruppe" in out
    assert any(line.startswith("AG Transfer") and line.split()[-1] == "anwesend" for line in out.splitlines())


def test_profile_page_from_its_url(monkeypatch, db):
    at = open_page(monkeypatch, db, "pages/profil.py")
    assert at.selectbox(key="profile_pick") is not None  # no subject yet: a chooser
    at.query_params["organisation"] = PSG
    at.run()
    assert_page_ok(at)
    assert "Organisation: Projektgesellschaft Handwerk" in [h.value for h in at.header]
    tables = [df.value for df in at.dataframe]
    assert any("Petra Sommer" in t.to_string() for t in tables)
    attendance = next(t for t in tables if "AG Transfer" in t.index)
    dates = [dt.datetime.strptime(c, "%d.%m.%Y") for c in attendance.columns]
    assert len(dates) > 1 and dates == sorted(dates, reverse=True)  # newest meeting first, no scrolling for it
    at.toggle(key="hide_names").set_value(True).run()
    assert_page_ok(at)
    assert not any("Petra Sommer" in df.value.to_string() for df in at.dataframe)
    at.query_params["protokoll"] = "protokolle/2024-12-03_ag-transfer.md"
    at.query_params["zeile"] = "13"
    at.run()
    assert_page_ok(at)
    assert "Protokoll: 03\\.12\\.2024 · AG Transfer · Protokoll AG Transfer" in [h.value for h in at.subheader]
    shown = next(df.value for df in at.dataframe if list(df.value.columns) == ["Zeile", "Text"])
    assert shown["Zeile"].iloc[0] == 10 and "Petra Sommer" not in shown.to_string()  # opened at 13, names hidden
