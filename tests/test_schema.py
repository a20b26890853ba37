"""The schema contract: declared tables, keys, enforced foreign keys, views and full-text index."""

import sqlite3

import pytest

from etl.build.schema import INDEXES, TABLES, VIEWS, ensure_schema

REQUIRED = {"organisations", "org_aliases", "people", "groups", "memberships", "meetings", "attendance",
            "projects", "project_partners", "project_events", "reports", "rejects", "load_runs"}


@pytest.fixture
def conn():
    c = sqlite3.connect(":memory:")
    ensure_schema(c)
    yield c
    c.close()


def test_required_tables_are_declared_and_created(conn):
    created = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert REQUIRED <= set(TABLES)
    assert set(TABLES) <= created


def test_every_table_has_a_primary_key(conn):
    for table in TABLES:
        pk = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[5]]
        assert pk, table


def test_views_and_indexes_exist(conn):
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('view', 'index')")}
    assert set(VIEWS) <= names
    assert len([n for n in names if n.startswith("idx_")]) == len(INDEXES)


def test_ensure_schema_is_idempotent(conn):
    before = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    ensure_schema(conn)
    assert conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall() == before


def test_foreign_keys_are_enforced(conn):
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO people (id, name, org_id) VALUES ('p', 'P', 'no-such-org')")


def test_accepted_values_are_enforced(conn):
    conn.execute("INSERT INTO groups (id, name, kind) VALUES ('g', 'G', 'fachgruppe')")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO groups (id, name, kind) VALUES ('h', 'H', 'verein')")


def test_full_text_index_follows_protocols(conn):
    conn.execute("INSERT INTO groups (id, name, kind) VALUES ('g', 'G', 'fachgruppe')")
    conn.execute("INSERT INTO meetings (id, group_id, date) VALUES ('m', 'g', '2024-01-01')")
    conn.execute("INSERT INTO protocols (id, meeting_id, source_file, sha256, title, text, parsed_json) "
                 "VALUES ('p', 'm', 'a.md', 'x', 'Sitzung', 'Die Terminabfrage wird verschickt', '{}')")
    hits = conn.execute("SELECT rowid FROM protocols_fts WHERE protocols_fts MATCH 'terminabfrage'").fetchall()
    assert len(hits) == 1
    conn.execute("DELETE FROM protocols")
    left = conn.execute("SELECT COUNT(*) FROM protocols_fts WHERE protocols_fts MATCH 'terminabfrage'").fetchone()
    assert left == (0,)
