"""`python -m analysis inactive|rules` on the fixture `tests/fixtures/beteiligung` (expected values: see
test_inactivity.py and test_rules.py)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import cli
from analysis.db import connect
from etl.build.pipeline import build
from tests.conftest import FIXTURES, ROOT
from vocab.keys import group_key


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "netz.db"
    assert build(FIXTURES / "beteiligung", path).status == "ok"
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_inactive_as_json(capsys, db):
    code, out, err = run(capsys, "inactive", "--db", str(db), "--group", "Fachgruppe Handwerk",
                         "--as-of", "2024-12-31")
    assert (code, err) == (0, "")
    assert json.loads(out) == [
        {"organisation": "Innung Sanitär Heizung Klima Nordstadt", "status": "inactive",
         "last_attended": "2023-02-01", "missed_in_row": 7, "rate_12m": 0.0, "rate_prev_12m": 0.25,
         "excused_12m": 0, "meetings_12m": 4,
         "contacts": [{"name": "Tom Krüger", "role": "Obermeister", "last_attended": "2023-02-01",
                       "last_listed": "2023-05-01"}]},
        {"organisation": "Institut für Technik der Betriebsführung", "status": "fading",
         "last_attended": "2024-02-01", "missed_in_row": 3, "rate_12m": 0.25, "rate_prev_12m": 1.0,
         "excused_12m": 0, "meetings_12m": 4,
         "contacts": [{"name": "Lena Schäfer", "role": "Institutsleitung", "last_attended": "2024-02-01",
                       "last_listed": "2024-02-01"}]},
        {"organisation": "Bundesanstalt für Arbeitsschutz und Arbeitsmedizin", "status": "active",
         "last_attended": "2024-11-01", "missed_in_row": 0, "rate_12m": 0.5, "rate_prev_12m": 1.0,
         "excused_12m": 2, "meetings_12m": 4,
         "contacts": [{"name": "Jonas Weber", "role": "Referent", "last_attended": "2024-11-01",
                       "last_listed": "2024-11-01"}]},
        {"organisation": "Handwerkskammer Musterstadt", "status": "active", "last_attended": "2024-11-01",
         "missed_in_row": 0, "rate_12m": 1.0, "rate_prev_12m": 1.0, "excused_12m": 0, "meetings_12m": 4,
         "contacts": [{"name": "Anna Becker", "role": "Beraterin", "last_attended": "2024-11-01",
                           "last_listed": "2024-11-01"},
                      {"name": "Max Mustermann", "role": "Referent", "last_attended": "2024-05-01",
                           "last_listed": "2024-05-01"}]},
        {"organisation": "Neue Beratung GmbH", "status": "active", "last_attended": "2024-11-01",
         "missed_in_row": 0, "rate_12m": 0.5, "rate_prev_12m": None, "excused_12m": 0, "meetings_12m": 2,
         "contacts": [{"name": "Nora Neumann", "role": "Beraterin", "last_attended": "2024-11-01",
                           "last_listed": "2024-11-01"}]},
    ]


def test_inactive_as_csv_and_table(capsys, db):
    code, out, _ = run(capsys, "inactive", "--db", str(db), "--group", "FG Handwerk", "--as-of", "2024-12-31",
                       "--format", "csv")
    assert code == 0
    assert out.splitlines()[0] == ("organisation,status,last_attended,missed_in_row,rate_12m,rate_prev_12m,"
                                   "excused_12m,meetings_12m,contacts")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["status"] for r in rows] == ["inactive", "fading", "active", "active", "active"]
    assert rows[4]["rate_prev_12m"] == ""
    assert rows[3]["contacts"] == ("Anna Becker (Beraterin, zuletzt anwesend 01.11.2024); "
                                   "Max Mustermann (Referent, zuletzt anwesend 01.05.2024)")

    code, out, _ = run(capsys, "inactive", "--db", str(db), "--group", "handwerk", "--as-of", "2024-12-31",
                       "--format", "table")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 7  # header, rule, five organisations
    assert lines[0].split() == ["organisation", "status", "last_attended", "missed_in_row", "rate_12m",
                                "rate_prev_12m", "excused_12m", "meetings_12m", "contacts"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[2].startswith("Innung Sanitär Heizung Klima Nordstadt") and "inactive" in lines[2]
    assert lines[6].split()[6:] == ["0,50", "–", "0", "2", "Nora", "Neumann", "(Beraterin,", "zuletzt", "anwesend",
                                       "01.11.2024)"]


def test_inactive_thresholds_from_the_shell(capsys, db):
    _, out, _ = run(capsys, "inactive", "--db", str(db), "--group", "fachgruppe-handwerk", "--as-of", "2024-12-31",
                    "--excused-weight", "0")
    assert {r["organisation"][:8]: r["status"] for r in json.loads(out)}["Bundesan"] == "fading"


def test_as_of_makes_results_reproducible(capsys, db):
    argv = ("inactive", "--db", str(db), "--group", "Fachgruppe Handwerk", "--as-of", "2024-06-30")
    first = run(capsys, *argv)
    assert first == run(capsys, *argv)
    statuses = {r["organisation"]: r["status"] for r in json.loads(first[1])}
    assert statuses["Institut für Technik der Betriebsführung"] == "active"  # fading only later in 2024


def test_rules_as_json_and_table(capsys, db):
    code, out, err = run(capsys, "rules", "--db", str(db), "--as-of", "2024-12-31")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert [(r["group"], r["rule"], r["ok"]) for r in rows[:3]] == [
        ("Fachgruppe Digital", "6.3", False), ("Fachgruppe Digital", "6.4", False),
        ("Fachgruppe Digital", "6.6", True)]
    assert set(rows[0]) == {"group", "rule", "ok", "light", "lifecycle", "evidence"}
    assert len(rows) == 12

    code, out, _ = run(capsys, "rules", "--db", str(db), "--group", "FG Digital", "--as-of", "2024-12-31",
                       "--format", "table")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 5
    assert lines[0].split() == ["group", "rule", "ok", "light", "lifecycle", "evidence"]
    assert lines[2].split()[:6] == ["Fachgruppe", "Digital", "6.3", "nein", "red", "active"]


def test_rules_has_no_csv(capsys, db):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["rules", "--db", str(db), "--format", "csv"])
    assert exit_info.value.code == 2


def test_unknown_group_and_missing_database_are_german_errors(capsys, db, tmp_path):
    code, out, err = run(capsys, "inactive", "--db", str(db), "--group", "Fachgruppe Gibtsnicht")
    assert (code, out) == (2, "")
    assert err.startswith("Fehler: Gruppe „Fachgruppe Gibtsnicht“ nicht gefunden. Bekannte Gruppen: AG Transfer,")

    code, out, err = run(capsys, "rules", "--db", str(tmp_path / "fehlt.db"))
    assert (code, out) == (2, "")
    assert "Datenbank" in err and "nicht gefunden" in err

    empty = tmp_path / "leer.db"
    sqlite3.connect(empty).close()
    code, _, err = run(capsys, "rules", "--db", str(empty))
    assert code == 2 and "keine Netzwerkradar-Datenbank" in err

    code, _, err = run(capsys, "inactive", "--db", str(db), "--group", "Handwerk", "--excused-weight", "2")
    assert code == 2 and "Gewicht einer Entschuldigung" in err

    with pytest.raises(SystemExit) as exit_info:
        cli.main(["rules", "--db", str(db), "--as-of", "31.12.2024"])
    assert exit_info.value.code == 2
    assert "ungültiges Datum" in capsys.readouterr().err


@pytest.mark.parametrize("text, expected", [
    ("Fachgruppe Handwerk", "fachgruppe-handwerk"),
    ("fachgruppe-handwerk", "fachgruppe-handwerk"),
    ("  FACHGRUPPE   handwerk ", "fachgruppe-handwerk"),
    ("FG Handwerk", "fachgruppe-handwerk"),
    ("OM-Fachgruppe Handwerk", "fachgruppe-handwerk"),
    ("Handwerk", "fachgruppe-handwerk"),
    ("AG Transfer", "ag-transfer"),
    ("Fachgruppe", None),    # ambiguous
    ("", None),
])
def test_find_group_by_name_short_spelling_or_id(db, text, expected):
    conn = connect(db)
    try:
        assert cli.find_group(conn, text) == expected
    finally:
        conn.close()


@pytest.mark.parametrize(("text", "key"), [("Fachgruppe Handwerk", "fachgruppe-handwerk"),
                                           ("AG Transfer – Süd", "ag-transfer-sued"),
                                           ("Straße & Bäder", "strasse-baeder"),
                                           ("FG IT (neu)", "fachgruppe-it-neu"), ("OM-FG Bau", "fachgruppe-bau"),
                                           (" --x-- ", "x"), ("FG", "fg")])
def test_group_key_folds_like_the_etl_ids(text, key):
    assert group_key(text) == key


def test_python_dash_m_analysis(db):
    done = subprocess.run([sys.executable, "-m", "analysis", "rules", "--db", str(db), "--group", "Handwerk",
                           "--as-of", "2024-12-31"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert [r["ok"] for r in json.loads(done.stdout)] == [True, True, True]


def test_csv_output_keeps_formulas_from_the_data_as_text(capsys, tmp_path):
    """An organisation named like a formula must not run when the CSV is opened in a spreadsheet."""
    source = tmp_path / "quelle"
    source.mkdir()
    for path in (FIXTURES / "beteiligung").glob("*.csv"):
        text = path.read_text(encoding="utf-8").replace("Neue Beratung GmbH", "=HYPERLINK(\"http://x\")")
        (source / path.name).write_text(text, encoding="utf-8")
    db = tmp_path / "netz.db"
    build(source, db)
    code, out, _ = run(capsys, "inactive", "--db", str(db), "--group", "FG Handwerk", "--as-of", "2024-12-31",
                       "--format", "csv")
    assert code == 0
    found = [row for row in csv.DictReader(io.StringIO(out)) if "HYPERLINK" in row["organisation"]]
    assert found == [{"organisation": "'=HYPERLINK(\"http://x\")", "status": "active",
                      "last_attended": "2024-11-01", "missed_in_row": "0", "rate_12m": "0.5", "rate_prev_12m": "",
                      "excused_12m": "0", "meetings_12m": "2",
                      "contacts": "Nora Neumann (Beraterin, zuletzt anwesend 01.11.2024)"}]
