"""Namen ausblenden: stable pseudonyms from the people table, names replaced in columns and free text."""

from __future__ import annotations

import ast
import random
from pathlib import Path

import pandas as pd
import pytest

from analysis import pseudonymise
from analysis.db import connect
from analysis.pseudonymise import UNKNOWN, Pseudonyms, label
from etl.build.pipeline import build
from tests.conftest import FIXTURES, ROOT

PEOPLE = [("anna-becker", "Anna Becker", "Dr."), ("lena-schaefer", "Lena Schäfer", "Prof. Dr."),
          ("jonas-weber", "Jonas Weber", None), ("doris-weber", "Doris Weber", "Dr."),
          ("carola-zander", "Carola Zander", "Dipl.-Kffr."), ("jan-van-der-berg", "Jan van der Berg", None),
          ("olaf-schwarz", "Olaf Schwarz", "Dipl.-Ing."), ("tom-krueger", "Tom Krüger", None)]


@pytest.fixture(scope="module")
def names() -> Pseudonyms:
    return Pseudonyms(PEOPLE)


def p(names: Pseudonyms, person_id: str) -> str:
    return names.of_id(person_id)


@pytest.mark.parametrize(("index", "expected"), [(0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (27, "AB"),
                                                 (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA")])
def test_labels_count_like_spreadsheet_columns(index, expected):
    assert label(index) == expected


def test_pseudonyms_are_unique_and_do_not_depend_on_row_order(names):
    shuffled = PEOPLE[:]
    random.Random(7).shuffle(shuffled)
    again = Pseudonyms(shuffled)
    assert {pid: again.of_id(pid) for pid, _, _ in PEOPLE} == {pid: names.of_id(pid) for pid, _, _ in PEOPLE}
    pseudonyms = [names.of_id(pid) for pid, _, _ in PEOPLE]
    assert len(set(pseudonyms)) == len(PEOPLE)
    assert sorted(pseudonyms) == sorted(f"Person {label(i)}" for i in range(len(PEOPLE)))


def test_a_new_person_keeps_the_others_recognisable_in_one_table_only(names):
    """Pseudonyms come from the whole table (hash order): stable for one database, in every view and export."""
    assert names.of_id("unknown-id") == UNKNOWN
    assert len(names) == len(PEOPLE)


@pytest.mark.parametrize(("text", "person", "expected"), [
    ("Anna Becker verschickt die Einladung", "anna-becker", "{} verschickt die Einladung"),
    ("Frau Dr. Zander meldet sich", "carola-zander", "{} meldet sich"),
    ("Frau Zander (BSFE) berichtet", "carola-zander", "{} (BSFE) berichtet"),
    ("Dr. Zander stellt vor", "carola-zander", "{} stellt vor"),
    ("Prof. Dr. Lena Schäfer (itb)", "lena-schaefer", "{} (itb)"),
    ("Dank an Lena Schaefer", "lena-schaefer", "Dank an {}"),
    ("Herrn Krüger danken", "tom-krueger", "{} danken"),
    ("Herr Krueger fragt", "tom-krueger", "{} fragt"),
    ("Becker, Anna; itb", "anna-becker", "{}; itb"),
    ("A. Becker schreibt", "anna-becker", "{} schreibt"),
    ("Gast: Dipl.-Ing. Olaf\nSchwarz (LV Metall)", "olaf-schwarz", "Gast: {} (LV Metall)"),
    ("Herr van der Berg fragt", "jan-van-der-berg", "{} fragt"),
    ("Frau Dr. Doris Weber", "doris-weber", "{}"),
    ("auf Anna Beckers Vorschlag", "anna-becker", "auf {} Vorschlag"),
    ("ANNA BECKER", "anna-becker", "{}"),
])
def test_names_in_free_text(names, text, person, expected):
    assert names.text(text) == expected.format(names.of_id(person))


@pytest.mark.parametrize("text", [
    "Transfer: Ergebnisse „Frauen führen Handwerk“",  # "Frau" only as a word of its own
    "HWK Musterstadt und Bäcker-Innung",  # organisations stay
    "Der Becker-Preis",  # a surname alone is an ordinary word outside search snippets
    "",
])
def test_text_without_people_stays(names, text):
    assert names.text(text) == text


def test_a_surname_several_people_share_is_not_guessed(names):
    assert names.text("Herr Weber fragt") == f"{UNKNOWN} fragt"
    assert names.text("Jonas Weber fragt") == f"{names.of_id('jonas-weber')} fragt"


def test_snippets_also_lose_surnames_standing_alone(names):
    snippet = "… »Becker« verschickt die Einladung, Zander fragt"
    assert names.text(snippet) == snippet
    hidden = names.text(snippet, surnames=True)
    assert hidden == f"… {names.of_id('anna-becker')} verschickt die Einladung, {names.of_id('carola-zander')} fragt"
    assert names.text("Anna »Becker« sagt") == f"{names.of_id('anna-becker')} sagt"  # no lone marker left


def test_person_columns_become_pseudonyms_and_unknown_names_are_hidden_too(names):
    assert names.name("Dr. Anna Becker") == names.of_id("anna-becker")
    assert names.name("Anna Becker, Tom Krüger") == f"{names.of_id('anna-becker')}, {names.of_id('tom-krueger')}"
    assert names.name("Erika Unbekannt") == UNKNOWN
    assert names.name("alle Teilnehmenden") == "alle Teilnehmenden"
    assert names.name(None) is None and names.name("–") == "–"


def test_frames_are_copied_not_changed(names):
    frame = pd.DataFrame({"person_id": ["anna-becker", None], "person": ["Anna Becker", "Tom Krüger"],
                          "text": ["Frau Dr. Zander fragt", None], "organisation": ["Anna Becker GmbH", "itb"]})
    before = frame.copy()
    out = names.frame(frame, persons=["person"], texts=["text"], ids=["person_id", "missing"])
    pd.testing.assert_frame_equal(frame, before)
    assert out.astype(object).where(out.notna(), None).to_dict("records") == [
        {"person_id": names.of_id("anna-becker"), "person": names.of_id("anna-becker"),
         "text": f"{names.of_id('carola-zander')} fragt", "organisation": "Anna Becker GmbH"},
        {"person_id": None, "person": names.of_id("tom-krueger"), "text": None, "organisation": "itb"}]


def test_pseudonyms_of_a_built_database_are_the_same_every_time(tmp_path: Path):
    db = tmp_path / "netz.db"
    assert build(FIXTURES / "beteiligung", db).status == "ok"
    conn = connect(db)
    try:
        first, second = pseudonymise.pseudonyms(conn), pseudonymise.pseudonyms(conn)
        ids = [r[0] for r in conn.execute("SELECT id FROM people")]
        assert [first.of_id(i) for i in ids] == [second.of_id(i) for i in ids]
        assert len({first.of_id(i) for i in ids}) == len(ids) == 7
        assert set(first.names) == {r[0] for r in conn.execute("SELECT name FROM people")}
    finally:
        conn.close()


def test_analysis_never_imports_etl():
    for path in sorted((ROOT / "analysis").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        modules += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        assert not [m for m in modules if m == "etl" or m.startswith("etl.")], path


@pytest.mark.parametrize("path, expected", [
    ("protokolle/2024-10-10_Anna_Becker.md", "protokolle/(Name ausgeblendet).md"),
    ("protokolle/fg/Protokoll-Schäfer.pdf", "protokolle/fg/(Name ausgeblendet).pdf"),
    ("Becker.docx", "(Name ausgeblendet).docx"),
    ("protokolle/2024-10-10_fachgruppe-handwerk.md", "protokolle/2024-10-10_fachgruppe-handwerk.md"),
    (None, None),
])
def test_file_names_with_a_persons_name_are_hidden(names, path, expected):
    assert names.file_name(path) == expected


def test_frames_hide_file_name_columns(names):
    frame = pd.DataFrame({"source_file": ["protokolle/Anna_Becker.md", "meetings.csv"], "line": [1, 2]})
    out = names.frame(frame, files=["source_file"])
    assert out["source_file"].tolist() == ["protokolle/(Name ausgeblendet).md", "meetings.csv"]
