"""One person key: every part of the product (erasure, the build's exclusion list, pseudonyms) folds a
person's name the same way — apostrophes, dashes, case, umlaut spellings, titles and salutations."""

from __future__ import annotations

import pytest

from analysis.pseudonymise import Pseudonyms
from etl.cli import main
from tests.conftest import rows
from vocab.keys import person_key


@pytest.mark.parametrize("spelling", [
    "Sean O'Brien", "Sean O’Brien", "Sean OBrien", "Herr Sean O’Brien", "O'BRIEN, SEAN", "Dr. Sean O‘Brien",
    "Sean Oʼbrien", "sean o`brien"])
def test_every_spelling_of_an_apostrophe_name_meets_at_one_key(spelling):
    assert person_key(spelling) == "sean-obrien"


@pytest.mark.parametrize(("spelling", "key"), [
    ("Jürgen Müller-Lüdenscheid", "juergen-mueller-luedenscheid"),
    ("Jürgen Müller–Lüdenscheid", "juergen-mueller-luedenscheid"),  # en dash
    ("Juergen Mueller‐Luedenscheid", "juergen-mueller-luedenscheid"),  # Unicode hyphen
    ("Frau Prof. Dr. Lena Schäfer", "lena-schaefer"),
    ("Herrn Dipl.-Ing. Tom Krüger", "tom-krueger"),
    ("Schäfer, Lena", "lena-schaefer"),
    ("Ju\u0308rgen Mu\u0308ller", "juergen-mueller"),  # NFD
    ("Jürgen", "juergen"),
    ("", ""),
])
def test_titles_salutations_order_dashes_and_umlauts_fold(spelling, key):
    assert person_key(spelling) == key


def test_pseudonyms_use_the_same_key():
    names = Pseudonyms([("sean-o-brien", "Sean O'Brien", None), ("anna-mueller", "Anna Müller", None)])
    assert names.name("Sean O’Brien") == names.of_id("sean-o-brien")
    assert names.name("Herr Dr. Sean OBrien") == names.of_id("sean-o-brien")
    assert names.name("Müller, Anna") == names.of_id("anna-mueller")


def test_herr_o_brien_with_a_typographic_apostrophe_does_not_survive_forget(tmp_path):
    from etl.build.pipeline import build
    from tests.test_forget import erasure_source

    source = erasure_source(tmp_path / "quelle")
    (source / "protokolle" / "fachgruppe-handwerk" / "2024-09-12_sitzung.md").write_text(
        "# Sitzung der Fachgruppe Handwerk\n\n**Datum:** 12.09.2024\n\n## Teilnehmer\n\n- Sean O'Brien (ITB)\n"
        "- Peter Ihm (ITB)\n\n## 1. Bericht\n\nHerr O’Brien berichtet. Herr O'Brien dankt. Herr OBrien geht.\n",
        encoding="utf-8")
    db = tmp_path / "netz.db"
    build(source, db)
    assert main(["forget", "--db", str(db), "Herr Sean O’Brien"]) == 0
    text = rows(db, "SELECT text FROM protocols WHERE id LIKE '%2024-09-12%'")[0][0]
    assert "Brien" not in text
    assert "[entfernt] berichtet. [entfernt] dankt. [entfernt] geht." in text
