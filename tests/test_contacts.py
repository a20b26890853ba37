"""Contact persons of a group's organisations on the `beteiligung` fixture (people.csv + attendance.csv).

Fachgruppe Handwerk at 31.12.2024: Anna Becker (HWK, Beraterin) last attended 01.11.2024, Max Mustermann (HWK,
Referent) 01.05.2024, Lena Schäfer (itb) 01.02.2024, Jonas Weber (BAuA) 01.11.2024, Tom Krüger (SHK-Innung)
attended 01.02.2023 and was listed absent 01.05.2023, Nora Neumann (Neue Beratung) 01.11.2024. Gerd Gast
attended another group only.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from analysis import contacts, inactivity, tables
from analysis.contacts import Contact
from analysis.db import connect
from etl.build.pipeline import build
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    path: Path = tmp_path_factory.mktemp("kontakte") / "netz.db"
    assert build(FIXTURES / "beteiligung", path).status == "ok"
    connection = connect(path)
    yield connection
    connection.close()


def test_contacts_come_from_the_groups_meetings_latest_first_with_role(conn):
    found = contacts.group_contacts(conn, "fachgruppe-handwerk", date(2024, 12, 31))
    assert found == {
        "bundesanstalt-fuer-arbeitsschutz-und-arbeitsmedizin": [
            Contact("Jonas Weber", "Referent", "2024-11-01", "2024-11-01")],
        "handwerkskammer-musterstadt": [Contact("Anna Becker", "Beraterin", "2024-11-01", "2024-11-01"),
                                        Contact("Max Mustermann", "Referent", "2024-05-01", "2024-05-01")],
        # listed absent at the last meeting: that is not his last attendance
        "innung-sanitaer-heizung-klima-nordstadt": [Contact("Tom Krüger", "Obermeister", "2023-02-01", "2023-05-01")],
        "institut-fuer-technik-der-betriebsfuehrung": [
            Contact("Lena Schäfer", "Institutsleitung", "2024-02-01", "2024-02-01")],
        "neue-beratung-gmbh": [Contact("Nora Neumann", "Beraterin", "2024-11-01", "2024-11-01")],
        "gast-verlag-kg": [Contact("Gerd Gast", "Redakteur", None)],  # from the master data only
    }


def test_as_of_before_a_meeting_ignores_it(conn):
    found = contacts.group_contacts(conn, "fachgruppe-handwerk", date(2024, 6, 30))
    assert found["handwerkskammer-musterstadt"] == [Contact("Anna Becker", "Beraterin", "2024-05-01", "2024-05-01"),
                                                    Contact("Max Mustermann", "Referent", "2024-05-01", "2024-05-01")]


def test_the_outreach_list_names_contacts_per_organisation(conn):
    as_of = date(2024, 12, 31)
    partners = contacts.with_contacts(conn, inactivity.inactive_partners(conn, "fachgruppe-handwerk", as_of),
                                      "fachgruppe-handwerk", as_of)
    listed = tables.outreach_list(partners)
    assert listed[["Organisation", "Ansprechpersonen"]].values.tolist() == [
        ["Innung Sanitär Heizung Klima Nordstadt",
         "Tom Krüger (Obermeister, zuletzt anwesend 01.02.2023, zuletzt gelistet 01.05.2023)"],
        ["Institut für Technik der Betriebsführung", "Lena Schäfer (Institutsleitung, zuletzt anwesend 01.02.2024)"],
        ["Bundesanstalt für Arbeitsschutz und Arbeitsmedizin", "Jonas Weber (Referent, zuletzt anwesend 01.11.2024)"],
        ["Handwerkskammer Musterstadt", "Anna Becker (Beraterin, zuletzt anwesend 01.11.2024); "
                                        "Max Mustermann (Referent, zuletzt anwesend 01.05.2024)"],
        ["Neue Beratung GmbH", "Nora Neumann (Beraterin, zuletzt anwesend 01.11.2024)"]]


def test_contact_text_without_role_or_date():
    assert Contact("Petra Sommer", None, None).text() == "Petra Sommer"
    assert contacts.contacts_text([]) == "–"
