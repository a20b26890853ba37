"""The review queue („Prüfen“): what only protocols know, with similar known names, worst first; a merge makes the
misspelt name an alias of the known entity and its attendance moves there."""

from __future__ import annotations

import pytest

from analysis import review
from analysis.db import connect
from etl.build.pipeline import build
from etl.maintain import maintenance
from etl.maintain.correction_files import Correction
from tests.conftest import MASTER, copy_source, rows

PROTOCOL = "protokolle/2024-10-15_handwerg.md"
TEXT = """## Protokoll Fachgruppe Handwerg

Datum: 15.10.2024

Ort: Online

Teilnehmende:
- Dr. Anna Becker (HWK Musterstadt)
- Tom Krüger (SHK-Innung Nordstadt)
- Petra Neumann (Handwerkskammer Musterstat)
- ??? 12:00 ???
- Jonas Weber (BAuA)
- Prof. Dr. Lena Schäfer (itb)

## Tagesordnung
1. Begrüßung
"""


@pytest.fixture
def built(tmp_path):
    source = copy_source(MASTER, tmp_path / "quelle")
    (source / "protokolle").mkdir()
    (source / PROTOCOL).write_text(TEXT, encoding="utf-8")
    db = tmp_path / "netz.db"
    build(source, db)
    return source, db


def queue(db):
    conn = connect(db)
    try:
        return review.queue(conn)
    finally:
        conn.close()


def test_the_misspelt_group_is_the_worst_item_and_suggests_the_known_group(built):
    _, db = built
    items = queue(db)
    assert [(i.kind, i.key, i.detail, i.source_file, i.line) for i in items] == [
        ("group", "Fachgruppe Handwerg", "nur aus Protokollen bekannt, 1 Sitzung(en)", PROTOCOL, None),
        ("organisation", "Handwerkskammer Musterstat", "nur aus Protokollen bekannt, 1 Teilnahme(n)", PROTOCOL, 10),
        ("person", "Petra Neumann", "nur aus Protokollen bekannt, 1 Teilnahme(n)", PROTOCOL, 10),
        ("line", f"{PROTOCOL}|11", "Teilnehmerzeile nicht lesbar: kein plausibler Personenname", PROTOCOL, 11),
        ("protocol", PROTOCOL, "Sicherheit 83 %; Zeile 10: Organisation „Handwerkskammer Musterstat“ unbekannt – "
         "wird neu angelegt (ähnlich: „Handwerkskammer Musterstadt“); Zeile 11: Teilnehmerzeile nicht verstanden – "
         "kein plausibler Personenname: „??? 12:00 ???“; Gruppe „Fachgruppe Handwerg“ unbekannt – wird neu angelegt "
         "(ähnlich: „Fachgruppe Handwerk“)", PROTOCOL, 10),
    ]
    assert items[-1].title == "Fachgruppe Handwerg, 15.10.2024"  # the page shows German dates, never ISO
    assert items[0].similar[0] == review.Similar("Fachgruppe Handwerk", 94.7)
    assert items[1].similar == [review.Similar("Handwerkskammer Musterstadt", 98.1)]
    conn = connect(db)
    assert review.context(conn, PROTOCOL, 11, radius=2) == [
        (9, "Tom Krüger (SHK-Innung Nordstadt)"), (10, "Petra Neumann (Handwerkskammer Musterstat)"),
        (11, "??? 12:00 ???"), (12, "Jonas Weber (BAuA)"), (13, "Prof. Dr. Lena Schäfer (itb)")]
    conn.close()


def merge(kind: str, spelling: str, known: str) -> Correction:
    return Correction("2024-12-01T10:00:00+00:00", "a@b.de", kind, spelling, "", known, "Tippfehler")


def test_merging_the_group_leaves_one_group_and_moves_the_meeting(built):
    source, db = built
    outcome = maintenance.add_corrections(source, db, [merge("merge_group", "Fachgruppe Handwerg",
                                                             "Fachgruppe Handwerk")], "Prüfen")
    assert outcome.refused is None and outcome.result is not None
    assert rows(db, "SELECT id, origin FROM groups WHERE name LIKE 'Fachgruppe Hand%'") == [
        ("fachgruppe-handwerk", "stammdaten")]
    assert rows(db, "SELECT meeting_id FROM protocols") == [("fachgruppe-handwerk-2024-10-15",)]
    assert [i.kind for i in queue(db)] == ["organisation", "person", "line", "protocol"]


def test_merging_a_new_organisation_makes_it_an_alias_and_moves_its_attendance(built):
    source, db = built
    attendance = "SELECT person_id, org_id FROM attendance WHERE source_file = ? ORDER BY person_id"
    assert ("petra-neumann", "handwerkskammer-musterstat") in rows(db, attendance, (PROTOCOL,))
    maintenance.add_corrections(source, db, [merge("merge_organisation", "Handwerkskammer Musterstat",
                                                   "Handwerkskammer Musterstadt")], "Prüfen")
    assert rows(db, attendance, (PROTOCOL,)) == [
        ("anna-becker", "handwerkskammer-musterstadt"),
        ("jonas-weber", "bundesanstalt-fuer-arbeitsschutz-und-arbeitsmedizin"),
        ("lena-schaefer", "institut-fuer-technik-der-betriebsfuehrung"),
        ("petra-neumann", "handwerkskammer-musterstadt"),
        ("tom-krueger", "innung-sanitaer-heizung-klima-nordstadt")]
    assert rows(db, "SELECT COUNT(*) FROM organisations WHERE id = 'handwerkskammer-musterstat'") == [(0,)]
    assert rows(db, "SELECT alias, org_id, origin FROM org_aliases WHERE origin = 'korrektur'") == [
        ("Handwerkskammer Musterstat", "handwerkskammer-musterstadt", "korrektur")]
    assert rows(db, "SELECT org_id, people_present FROM org_attendance WHERE meeting_id = ? ORDER BY org_id",
                ("fachgruppe-handwerg-2024-10-15",)) == [
        ("bundesanstalt-fuer-arbeitsschutz-und-arbeitsmedizin", 1), ("handwerkskammer-musterstadt", 2),
        ("innung-sanitaer-heizung-klima-nordstadt", 1), ("institut-fuer-technik-der-betriebsfuehrung", 1)]


def test_ignoring_a_person_and_a_line_and_marking_the_protocol_checked_empties_the_queue(built):
    source, db = built
    fixes = [merge("merge_group", "Fachgruppe Handwerg", "Fachgruppe Handwerk"),
             merge("merge_organisation", "Handwerkskammer Musterstat", "Handwerkskammer Musterstadt"),
             Correction("2024-12-01T10:00:00+00:00", "a@b.de", "ignore_person", "Petra Neumann", "", "", "Gast"),
             Correction("2024-12-01T10:00:00+00:00", "a@b.de", "ignore_line", f"{PROTOCOL}|11", "", "", ""),
             Correction("2024-12-01T10:00:00+00:00", "a@b.de", "checked", PROTOCOL, "", "", "")]
    outcome = maintenance.add_corrections(source, db, fixes, "Prüfen")
    assert outcome.refused is None  # one attendance of 11 removed: under the guard's 10 %
    assert queue(db) == []
    assert rows(db, "SELECT COUNT(*) FROM people WHERE id = 'petra-neumann'") == [(0,)]
    assert rows(db, "SELECT status FROM corrections") == [("angewendet",)] * 5


def test_the_excerpts_and_participants_of_all_shown_items_are_read_at_once(built):
    """The Prüfen page reads every item's excerpt and a protocol's participants in one query each, however many
    items it shows; a file that was not loaded has no excerpt."""
    _, db = built
    conn = connect(db)
    sent: list[str] = []
    conn.set_trace_callback(sent.append)
    excerpts = review.contexts(conn, ((PROTOCOL, 11), (PROTOCOL, None), ("protokolle/fehlt.md", 3), (None, None)),
                               radius=1)
    listed = review.participants_of(conn, (PROTOCOL, "protokolle/fehlt.md"))
    conn.close()
    assert len(sent) == 2
    assert excerpts == {(PROTOCOL, 11): [(10, "Petra Neumann (Handwerkskammer Musterstat)"), (11, "??? 12:00 ???"),
                                         (12, "Jonas Weber (BAuA)")],
                        (PROTOCOL, None): [(1, "Protokoll Fachgruppe Handwerg"), (2, ""), (3, "Datum: 15.10.2024")],
                        ("protokolle/fehlt.md", 3): [], (None, None): []}
    assert listed[PROTOCOL].to_dict("records")[:2] == [
        {"name": "Anna Becker", "organisation": "Handwerkskammer Musterstadt", "status": "present"},
        {"name": "Jonas Weber", "organisation": "Bundesanstalt für Arbeitsschutz und Arbeitsmedizin",
         "status": "present"}]
    assert len(listed[PROTOCOL]) == 5 and listed["protokolle/fehlt.md"].empty
    assert list(listed["protokolle/fehlt.md"].columns) == ["name", "organisation", "status"]
