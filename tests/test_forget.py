"""Right to erasure: `python -m etl forget` erases exactly one known person, in every spelling, everywhere,
for good (rebuilds give the same database), and writes like a build (lock, copy, atomic replace)."""

from __future__ import annotations

import hashlib
import json
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from analysis.db import connect
from etl.build.lock import build_lock
from etl.build.pipeline import build
from etl.cli import main
from etl.maintain.erase import forget, traces_in_database
from etl.resolve.exclusions import exclusion_hash
from tests.conftest import DEMO, MASTER, ROOT, rows
from tests.test_crash_safety import Reader

PEOPLE = """name,title,organisation,role
Jürgen Müller,Dr.,HWK Musterstadt,Berater
Anna Müller,,BAuA,Referentin
Peter Ihm,,ITB,Ingenieur
Sean O'Brien,,ITB,Referent
Julia Janke,,BAuA,Referentin
Julia Berg,,ITB,Referentin
"""
MEETINGS = """
Fachgruppe Handwerk,2024-06-20,10:00,12:00,Büro von Juergen Mueller,Sommerrunde bei Dr. Jürgen Müller
"""
HANDWERK = """# Sitzung der Fachgruppe Handwerk

**Datum:** 20.06.2024
**Ort:** Handwerkskammer Musterstadt

## Teilnehmer

- Juergen Mueller – HWK Musterstadt
- Peter Ihm (ITB)
- Julia Janke (BAuA)

## Tagesordnung

1. Bericht von Herr Mueller
2. Verschiedenes

## 1. Bericht

Herr Mueller berichtet. Wir danken ihm für die Vorbereitung. MÜLLER, JÜRGEN hatte die Zahlen
vorab geschickt; Peter Ihm ergänzt. Die Müller GmbH ist neuer Partner. Herr Ihm dankt.

**Beschluss:** Dr. Jürgen Müller stellt das Konzept im Herbst vor.

## Nächste Schritte

- Jürgen Müller: Bericht versenden (bis 15.07.)
- Julia Janke: Raum buchen (bis 01.07.)
"""
TRANSFER = """# Sitzung der AG Transfer

**Datum:** 05.11.2024
**Ort:** Online

## Teilnehmer

- Anna Müller (BAuA)
- Jürgen Müller (HWK Musterstadt)

## 1. Berichte

Frau Müller berichtet aus der BAuA. Herr Müller ergänzt. Julia schickt die Folien.
"""


def erasure_source(folder: Path) -> Path:
    """The small master-data fixture plus two Müllers, Peter Ihm, two Julias and protocols that name them."""
    shutil.copytree(MASTER, folder)
    with (folder / "people.csv").open("a", encoding="utf-8") as out:
        out.write(PEOPLE.split("\n", 1)[1])
    with (folder / "meetings.csv").open("a", encoding="utf-8") as out:
        out.write(MEETINGS.lstrip("\n"))
    (folder / "protokolle" / "fachgruppe-handwerk").mkdir(parents=True)
    (folder / "protokolle" / "ag-transfer").mkdir(parents=True)
    (folder / "protokolle" / "fachgruppe-handwerk" / "2024-06-20_sitzung.md").write_text(HANDWERK, encoding="utf-8")
    (folder / "protokolle" / "ag-transfer" / "2024-11-05_sitzung.md").write_text(TRANSFER, encoding="utf-8")
    return folder


@pytest.fixture
def erasure(tmp_path: Path) -> tuple[Path, Path]:
    source = erasure_source(tmp_path / "quelle")
    db = tmp_path / "netz.db"
    build(source, db)
    return source, db


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def protocol_text(db: Path, folder: str) -> str:
    return rows(db, "SELECT text FROM protocols WHERE id LIKE ?", (f"protokolle/{folder}/%",))[0][0]


def content(db: Path) -> dict[str, list[tuple]]:
    """Every table a user or a page reads, without row numbering, run ids and the parse-cache key."""
    conn = sqlite3.connect(db)
    try:
        tables = [t for (t,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'protocols_fts%' AND name NOT IN "
            "('load_runs', 'table_digests', 'rejects', 'org_suggestions', 'protocols', 'excluded_people') "
            "AND name NOT LIKE 'sqlite_%'")]
        found = {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
        found["rejects"] = sorted(conn.execute("SELECT file, line, reason, raw FROM rejects").fetchall(), key=repr)
        found["org_suggestions"] = sorted(
            conn.execute("SELECT raw, org_id, suggestion, file, line FROM org_suggestions").fetchall(), key=repr)
        found["protocols"] = conn.execute("SELECT id, meeting_id, source_file, sha256, title, text, parsed_json "
                                          "FROM protocols ORDER BY id").fetchall()
        found["excluded_people"] = conn.execute("SELECT key_hash FROM excluded_people ORDER BY 1").fetchall()
        found["fts"] = conn.execute("SELECT rowid FROM protocols_fts WHERE protocols_fts MATCH 'Sitzung' "
                                    "ORDER BY 1").fetchall()
        return found
    finally:
        conn.close()


def test_a_first_name_alone_is_refused_with_the_candidates_and_nothing_changes(erasure, capsys):
    _, db = erasure
    before = digest(db)
    assert main(["forget", "--db", str(db), "Julia"]) == 2
    assert capsys.readouterr().err == (
        "Fehler: „Julia“ bezeichnet keine Person eindeutig. In Frage kommen: Julia Berg, Julia Janke. "
        "Bitte den vollständigen Namen angeben. Es wurde nichts geändert.\n")
    assert digest(db) == before
    assert main(["forget", "--db", str(db), "Müller"]) == 2
    assert "In Frage kommen: Anna Müller, Jürgen Müller." in capsys.readouterr().err
    assert digest(db) == before


def test_an_unknown_name_changes_nothing(erasure, capsys):
    _, db = erasure
    before = digest(db)
    assert main(["forget", "--db", str(db), "Niemand Unbekannt"]) == 1
    assert capsys.readouterr().err == (
        "Fehler: „Niemand Unbekannt“ ist keine bekannte Person in dieser Datenbank (weder in den Stammdaten noch "
        "in einem Protokoll). Es wurde nichts geändert.\n")
    assert digest(db) == before


def plain(markdown: str) -> str:
    """A Markdown protocol as the build stores its text: markup gone, every line at its source line."""
    return re.sub(r"(?m)^(?:#+ |- |\d+\. )", "", markdown).replace("**", "").rstrip("\n")


def test_forget_peter_ihm_leaves_the_pronoun_ihm_alone(erasure):
    _, db = erasure
    assert main(["forget", "--db", str(db), "Peter Ihm"]) == 0
    text = protocol_text(db, "fachgruppe-handwerk")
    assert "\n[entfernt] (ITB)\n" in text
    assert "Wir danken ihm für die Vorbereitung." in text
    assert "vorab geschickt; [entfernt] ergänzt. Die Müller GmbH ist neuer Partner. [entfernt] dankt.\n" in text
    assert rows(db, "SELECT id FROM people WHERE name LIKE '%Ihm%'") == []


def test_every_spelling_of_juergen_mueller_goes_and_the_other_mueller_stays(erasure, capsys):
    _, db = erasure
    assert main(["forget", "--db", str(db), "MÜLLER, JÜRGEN"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Person „Jürgen Müller“ gelöscht (")
    assert out.endswith(
        "Geprüft: Der volle Name kommt in keiner Schreibweise mehr vor (Groß/klein, ü/ue, ß/ss, Apostrophe, "
        "„Nachname, Vorname“) – in keiner Tabelle, nicht im Suchindex, nicht in der Datenbankdatei, in keiner "
        "Journal-, Temp- oder Cache-Datei daneben und in keiner Datei, die die App in den Quellordner geschrieben "
        "hat (Korrekturen, Änderungsprotokoll, Versionen). „Frau/Herr Nachname“ bleibt nur, wo eine weitere "
        "Person dieses Namens an der Sitzung beteiligt war. Die Stammdaten- und Protokolldateien selbst wurden "
        "nicht verändert; Downloads und der Stammdaten-Editor zeigen die Person nicht mehr.\n")
    assert protocol_text(db, "fachgruppe-handwerk") == plain(HANDWERK.replace(
        "- Juergen Mueller – HWK", "- [entfernt] – HWK").replace("Bericht von Herr Mueller", "Bericht von [entfernt]") \
        .replace("Herr Mueller berichtet", "[entfernt] berichtet").replace("MÜLLER, JÜRGEN hatte", "[entfernt] hatte") \
        .replace("**Beschluss:** Dr. Jürgen Müller", "**Beschluss:** [entfernt]") \
        .replace("- Jürgen Müller: Bericht", "- [entfernt]: Bericht"))
    # Two Müllers in that meeting: "Herr Müller" could be either, so only the full name goes.
    assert protocol_text(db, "ag-transfer") == plain(TRANSFER.replace(
        "- Jürgen Müller (HWK", "- [entfernt] (HWK"))
    assert rows(db, "SELECT title, location FROM meetings WHERE id = 'fachgruppe-handwerk-2024-06-20'") == [
        ("Sommerrunde bei [entfernt]", "Büro von [entfernt]")]
    assert rows(db, "SELECT id, text, owner_person_id, owner_name FROM action_items ORDER BY id") == [
        ("ag-transfer-2024-11-05|a1", "Folien schicken", None, "Julia"),  # two Julias: the name alone names nobody
        ("fachgruppe-handwerk-2024-06-20|a1", "Bericht versenden", None, "[entfernt]"),
        ("fachgruppe-handwerk-2024-06-20|a2", "Raum buchen", "julia-janke", "Julia Janke")]
    assert rows(db, "SELECT text FROM decisions WHERE meeting_id = 'fachgruppe-handwerk-2024-06-20'") == [
        ("[entfernt] stellt das Konzept im Herbst vor.",)]
    assert rows(db, "SELECT id, name, title, org_id, role, origin FROM people WHERE name LIKE '%ller'") == [
        ("anna-mueller", "Anna Müller", None, "bundesanstalt-fuer-arbeitsschutz-und-arbeitsmedizin", "Referentin",
         "stammdaten")]
    assert rows(db, "SELECT meeting_id, person_id FROM attendance WHERE meeting_id IN "
                    "('ag-transfer-2024-11-05', 'fachgruppe-handwerk-2024-06-20') ORDER BY 1, 2") == [
        ("ag-transfer-2024-11-05", "anna-becker"), ("ag-transfer-2024-11-05", "anna-mueller"),
        ("fachgruppe-handwerk-2024-06-20", "julia-janke"), ("fachgruppe-handwerk-2024-06-20", "peter-ihm")]
    participants = json.loads(rows(db, "SELECT parsed_json FROM protocols WHERE id LIKE '%ag-transfer%'")[0][0])
    assert [p["name"] for p in participants["participants"]] == ["Anna Müller"]
    assert rows(db, "SELECT COUNT(*) FROM protocols_fts WHERE protocols_fts MATCH '\"Jürgen Müller\"'") == [(0,)]
    assert rows(db, "SELECT COUNT(*) FROM protocols_fts WHERE protocols_fts MATCH 'GmbH'") == [(1,)]  # organisation
    data = db.read_bytes()
    for spelling in ("Jürgen Müller", "Juergen Mueller", "MÜLLER, JÜRGEN", "juergen-mueller", "Herr Mueller"):
        assert spelling.encode() not in data
    assert sorted(p.name for p in db.parent.iterdir()) == [
        "netz.db", "netz.db-upload.lock", "netz.db.lock", "quelle"]  # cache dropped


@pytest.mark.parametrize("force", [True, False])
def test_a_rebuild_from_unchanged_sources_gives_the_erased_database(erasure, tmp_path, force):
    source, db = erasure
    build(source, db)  # a second build: the parse cache is filled with the names
    assert main(["forget", "--db", str(db), "Jürgen Müller"]) == 0
    erased = content(db)
    rebuilt = tmp_path / "neu.db"
    shutil.copy(db, rebuilt)
    result = build(source, rebuilt, force=force)
    assert not result.unchanged
    assert content(rebuilt) == erased
    assert rows(rebuilt, "SELECT COUNT(*) FROM people WHERE name LIKE '%entfernt%'") == [(0,)]
    assert rows(rebuilt, "SELECT COUNT(*) FROM organisations WHERE name LIKE '%entfernt%'") == [(0,)]
    assert rows(rebuilt, "SELECT COUNT(*) FROM attendance WHERE person_id LIKE '%entfernt%' "
                         "OR person_id = 'juergen-mueller'") == [(0,)]
    build(source, rebuilt)  # and once more from its own (erased) parse cache
    assert content(rebuilt) == erased
    assert not any(b"Juergen Mueller" in p.read_bytes() for p in tmp_path.iterdir() if p.is_file())


def test_forget_needs_an_existing_database(tmp_path, capsys):
    assert main(["forget", "--db", str(tmp_path / "fehlt.db"), "Jürgen Müller"]) == 2
    assert capsys.readouterr().err == f"Fehler: {tmp_path / 'fehlt.db'}: Datenbank nicht gefunden.\n"
    assert list(tmp_path.iterdir()) == []


def test_the_demo_person_is_gone_from_every_table_the_index_and_the_file(demo_copy, capsys):
    _source, db = demo_copy  # the demo built once per worker, copied
    mine = rows(db, "SELECT COUNT(*) FROM attendance WHERE person_id = 'till-hesse'")[0][0]
    total = rows(db, "SELECT COUNT(*) FROM attendance")[0][0]
    assert mine > 0 and b"Till Hesse" in db.read_bytes()
    assert main(["forget", "--db", str(db), "Dr. Till Hesse"]) == 0
    assert capsys.readouterr().out.startswith("Person „Till Hesse“ gelöscht (")
    assert traces_in_database(db, frozenset({exclusion_hash("till-hesse")}), "Till Hesse") == []
    assert rows(db, "SELECT COUNT(*) FROM attendance")[0][0] == total - mine
    assert rows(db, "SELECT COUNT(*) FROM v_org_attendance") == rows(
        db, "SELECT COUNT(*) FROM (SELECT DISTINCT meeting_id, COALESCE(a.org_id, p.org_id) FROM attendance a "
            "LEFT JOIN people p ON p.id = a.person_id)")
    assert rows(db, "SELECT COUNT(*) FROM person_attendance WHERE person_id = 'till-hesse'") == [(0,)]
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert b"till-hesse" not in db.read_bytes()  # the exclusion list holds a hash, not the key


def _erase_in_thread(db: Path, name: str) -> threading.Thread:
    thread = threading.Thread(target=forget, args=(db, name, "2025-01-01"))
    thread.start()
    return thread


@pytest.mark.parametrize("build_first", [True, False])
def test_a_concurrent_build_cannot_bring_the_person_back_and_no_run_is_lost(erasure, build_first):
    source, db = erasure
    runs = rows(db, "SELECT COUNT(*) FROM load_runs")[0][0]
    with build_lock(db):  # both writers queue behind the test's lock and then run one after the other
        command = [sys.executable, "-m", "etl", "build", "--quiet", "--force", "--source", str(source), "--db", str(db)]
        if build_first:
            builder = subprocess.Popen(command, cwd=ROOT)
            eraser = _erase_in_thread(db, "Jürgen Müller")
        else:
            eraser = _erase_in_thread(db, "Jürgen Müller")
            builder = subprocess.Popen(command, cwd=ROOT)
    assert builder.wait(timeout=120) in (0, 1)
    eraser.join(timeout=120)
    assert rows(db, "SELECT COUNT(*) FROM load_runs") == [(runs + 1,)]
    assert rows(db, "SELECT COUNT(*) FROM people WHERE id = 'juergen-mueller'") == [(0,)]
    assert traces_in_database(db, frozenset({exclusion_hash("juergen-mueller")}), "Jürgen Müller") == []


FORGET_KILLS = 8


@pytest.mark.slow
def test_a_killed_forget_leaves_the_old_file_or_the_erased_one_and_readers_keep_working(tmp_path):
    source, db = tmp_path / "quelle", tmp_path / "netz.db"
    shutil.copytree(DEMO, source)
    build(source, db)
    old = tmp_path / "alt.db"
    shutil.copyfile(db, old)
    command = [sys.executable, "-m", "etl", "forget", "--db", str(db), "Till Hesse"]
    started = time.perf_counter()
    assert subprocess.run(command, cwd=ROOT, capture_output=True, check=False).returncode == 0
    duration = time.perf_counter() - started
    rng = random.Random(15)
    delays: list[float | None] = [0.0, *((i + rng.random()) / FORGET_KILLS * 1.3 * duration
                                         for i in range(FORGET_KILLS)), None]
    seen = []
    reader = Reader(db)  # queries like the app all the time: a forget never makes it wait or fail
    reader.start()
    for delay in delays:
        shutil.copyfile(old, tmp_path / "install.tmp")
        (tmp_path / "install.tmp").replace(db)
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if delay is None:
            process.wait(timeout=120)
        else:
            time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert not Path(f"{db}-journal").exists() and not Path(f"{db}-wal").exists()
        conn = connect(db)  # the app's read-only connection, opened fresh
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        present = conn.execute("SELECT COUNT(*) FROM people WHERE id = 'till-hesse'").fetchone()[0]
        conn.close()
        if present:
            assert digest(db) == digest(old), f"nach {delay} s: weder alt noch gelöscht"
            seen.append("alt")
        else:
            assert b"Till Hesse" not in db.read_bytes()
            seen.append("gelöscht")
    reader.stop.set()
    reader.join()
    assert reader.errors == [] and reader.queries > 10
    assert "alt" in seen and "gelöscht" in seen, seen
    build(source, db)
    assert list(tmp_path.glob(".netz.db.building-*")) == []  # the next build removed the killed copies


def test_forget_removes_the_temp_copies_killed_builds_left_behind(erasure):
    _, db = erasure
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    leftover = db.with_name(f".netz.db.building-{gone.pid}-0a1b2c3d")
    shutil.copyfile(db, leftover)  # a full copy, name included
    assert main(["forget", "--db", str(db), "Jürgen Müller"]) == 0
    assert not leftover.exists()


def test_full_names_are_found_in_any_spelling_and_nothing_else():
    from etl.resolve.exclusions import REDACTED, redact, variant_keys

    assert variant_keys("Seán O’Brien") == {"sean-o-brien", "sean-obrien"}  # name_key drops only the typographic one
    excluded = frozenset({exclusion_hash("juergen-mueller"), *map(exclusion_hash, variant_keys("Sean O'Brien"))})
    text = ("Jürgen Müller, JUERGEN MUELLER, Mueller, Juergen, Dr.-Ing. Jürgen  Müller, Ju\u0308rgen Mu\u0308ller, "
            "Seán O’Brien, Sean O'Brien; Jürgen Müller-Lüdenscheid, Jürgen, Müller, Herr Müller, Müller GmbH")
    assert redact(text, excluded) == (
        f"{REDACTED}, {REDACTED}, {REDACTED}, {REDACTED}, {REDACTED}, {REDACTED}, {REDACTED}; "
        "Jürgen Müller-Lüdenscheid, Jürgen, Müller, Herr Müller, Müller GmbH")
    assert redact("Herr Dr. Mueller und Frau Müller; Jürgen Müller", excluded, ["mueller"]) == (
        f"{REDACTED} und {REDACTED}; {REDACTED}")


def test_the_name_is_matched_in_any_spelling_of_apostrophe_accent_and_title(erasure, capsys):
    _, db = erasure
    assert main(["forget", "--db", str(db), "Prof. Seán O’BRIEN"]) == 0
    assert capsys.readouterr().out.startswith("Person „Sean O'Brien“ gelöscht (Personen: 1; ")
    assert rows(db, "SELECT COUNT(*) FROM people WHERE name LIKE '%Brien'") == [(0,)]
