"""Crash safety: builds killed with SIGKILL at random moments leave the old or the new database, whole,
while a reader keeps querying without a single error; killed builds' temp files are cleaned up later."""

from __future__ import annotations

import hashlib
import os
import random
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
from etl.build.load import remove_stale_temp_files
from etl.build.pipeline import build
from tests.conftest import DEMO, ROOT

pytestmark = pytest.mark.slow

KILLS = 12
UNCHANGED_KILLS = 5
SEED = 6


def state(db: Path) -> tuple[str, str, int]:
    """(integrity_check, digest of meetings + attendance, number of load runs) of a database file."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        digest = hashlib.sha256()
        for sql in ("SELECT * FROM meetings ORDER BY id", "SELECT * FROM attendance ORDER BY id"):
            for row in conn.execute(sql):
                digest.update(repr(tuple(row)).encode())
        runs = conn.execute("SELECT COUNT(*) FROM load_runs").fetchone()[0]
    finally:
        conn.close()
    return integrity, digest.hexdigest(), runs


def put(src: Path, db: Path) -> None:
    """Install a database file atomically, so the reader never sees a half-copied one."""
    tmp = db.with_name("install.tmp")
    shutil.copyfile(src, tmp)
    os.replace(tmp, db)


def cli_build(source: Path, db: Path, force: bool = True) -> subprocess.Popen:
    command = [sys.executable, "-m", "etl", "build", "--quiet", "--source", str(source), "--db", str(db)]
    return subprocess.Popen(command + (["--force"] if force else []), cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class Reader(threading.Thread):
    """Queries the database like the app does, all the time: one cached connection plus fresh ones."""

    def __init__(self, db: Path) -> None:
        super().__init__(daemon=True)
        self.db, self.errors, self.queries = db, [], 0
        self.stop = threading.Event()

    def run(self) -> None:
        cached = connect(self.db)  # keeps reading the file it opened, even after os.replace: that is fine
        while not self.stop.is_set():
            for conn in (cached, connect(self.db)):
                try:
                    conn.execute("SELECT COUNT(*) FROM meetings").fetchone()
                    conn.execute("SELECT m.group_id, COUNT(*) FROM attendance a JOIN meetings m "
                                 "ON m.id = a.meeting_id GROUP BY m.group_id").fetchall()
                    conn.execute("SELECT MAX(id) FROM load_runs").fetchone()
                    self.queries += 1
                except sqlite3.Error as exc:
                    self.errors.append(repr(exc))
                finally:
                    if conn is not cached:
                        conn.close()
            time.sleep(0.001)  # leave CPU to the build being killed (two cores here)
        cached.close()


@pytest.fixture
def built_twice(tmp_path):
    """An old database of the demo, the source changed so a new build differs, and the new build's state."""
    source, db = tmp_path / "quelle", tmp_path / "netz.db"
    shutil.copytree(DEMO, source)
    build(source, db)
    old = tmp_path / "old.db"
    shutil.copyfile(db, old)
    with (source / "meetings.csv").open("a", encoding="utf-8") as f:
        f.write("Fachgruppe Handwerk,2026-12-01,10:00,12:00,Online,Zusatzsitzung\n")
    reference = tmp_path / "ref" / "netz.db"
    reference.parent.mkdir()
    shutil.copyfile(old, reference)
    durations = []
    for _ in range(2):  # the slower of two runs: the first may still warm caches
        shutil.copyfile(old, reference)
        started = time.perf_counter()
        assert cli_build(source, reference).wait() in (0, 1)
        durations.append(time.perf_counter() - started)
    return source, db, old, state(old), state(reference), max(durations)


def test_killed_builds_leave_the_old_or_the_new_database_and_readers_see_no_errors(built_twice):
    source, db, old, old_state, new_state, duration = built_twice
    assert old_state[0] == new_state[0] == "ok"
    assert old_state[1] != new_state[1] and new_state[2] == old_state[2] + 1
    rng = random.Random(SEED)
    # one random delay in each slice of 0 .. 1.5 x build time: Python still starting, mid-build, during
    # the write and the replace, and after a finished build
    delays: list[float | None] = [(i + rng.random()) / KILLS * 1.5 * duration for i in range(KILLS)]
    # Anchors so both outcomes occur even on a loaded machine, where random delays may all land early
    # or late: killed at once (the old database) and killed only after finishing (the new one).
    delays = [0.0, *delays, None]
    reader = Reader(db)
    reader.start()
    seen = []
    try:
        for delay in delays:
            put(old, db)
            process = cli_build(source, db)
            if delay is None:
                process.wait(timeout=300)
            else:
                time.sleep(delay)
            process.send_signal(signal.SIGKILL)
            process.wait()
            found = state(db)
            assert found in (old_state, new_state), f"nach {delay} s: {found}"
            assert not Path(f"{db}-journal").exists() and not Path(f"{db}-wal").exists()
            seen.append("old" if found == old_state else "new")
    finally:
        reader.stop.set()
        reader.join()
    assert reader.errors == []
    assert reader.queries > 20
    assert "old" in seen and "new" in seen, seen
    build(source, db, force=True)
    assert list(db.parent.glob(".netz.db.building-*")) == []  # the next build removed the killed builds' files


def test_killed_unchanged_runs_never_leave_a_journal_that_stops_readers(built_twice):
    source, db, old, _, new_state, duration = built_twice
    put(old, db)
    build(source, db)  # the changed source once, so the runs below take the unchanged fast path
    rng = random.Random(SEED + 1)
    reader = Reader(db)
    reader.start()
    try:
        for i in range(UNCHANGED_KILLS):
            process = cli_build(source, db, force=False)
            time.sleep((i + rng.random()) / UNCHANGED_KILLS * 1.2 * duration)
            process.send_signal(signal.SIGKILL)
            process.wait()
            integrity, digest, _ = state(db)
            assert (integrity, digest) == new_state[:2]
            assert not Path(f"{db}-journal").exists()
    finally:
        reader.stop.set()
        reader.join()
    assert reader.errors == []


def test_a_killed_in_place_writer_is_rolled_back_before_the_next_build(built_twice):
    """A hot journal next to a replaced file would be 'rolled back' into the new database: mixed data."""
    source, db, old, old_state, new_state, _ = built_twice
    put(old, db)
    writer = ("import os, signal, sqlite3, sys\n"
              "conn = sqlite3.connect(sys.argv[1]); conn.execute('PRAGMA cache_size = 5')\n"
              "conn.execute('BEGIN'); conn.execute(\"UPDATE attendance SET status = 'absent'\")\n"
              "os.kill(os.getpid(), signal.SIGKILL)\n")
    subprocess.run([sys.executable, "-c", writer, str(db)], check=False)
    assert Path(f"{db}-journal").stat().st_size > 0
    with pytest.raises(sqlite3.OperationalError):  # why it matters for the app: read-only readers fail
        connect(db).execute("SELECT COUNT(*) FROM attendance").fetchone()
    build(source, db, force=True)
    assert not Path(f"{db}-journal").exists()
    assert state(db) == new_state  # history of the old database kept: its run count + 1
    conn = sqlite3.connect(db)  # a read-write opener finds no journal to apply
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert state(db) == new_state


def test_only_temp_files_of_dead_processes_are_removed(tmp_path):
    db = tmp_path / "netz.db"
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    dead = tmp_path / f".netz.db.building-{gone.pid}-0a1b2c3d"
    dead_journal = tmp_path / f".netz.db.building-{gone.pid}-0a1b2c3d-journal"
    alive = tmp_path / f".netz.db.building-{os.getpid()}-4e5f6a7b"
    other = tmp_path / ".andere.db.building-1-0a1b2c3d"
    for path in (dead, dead_journal, alive, other):
        path.write_bytes(b"x")
    remove_stale_temp_files(db)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, other.name])
