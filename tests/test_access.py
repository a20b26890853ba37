"""Access: without [auth] the app runs open; with it, only logged-in users see data. The app reads read-only."""

from __future__ import annotations

import sqlite3

import pytest
from streamlit.testing.v1 import AppTest

from analysis.db import connect
from tests.conftest import ROOT

APP = str(ROOT / "app.py")
AUTH = {"auth": {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "test-geheimnis",
                 "client_id": "netzwerkradar", "client_secret": "x",
                 "server_metadata_url": "https://login.example.org/.well-known/openid-configuration"}}


def app(monkeypatch, db) -> AppTest:
    monkeypatch.setenv("NETZWERKRADAR_DB", str(db))
    monkeypatch.setenv("NETZWERKRADAR_AS_OF", "2024-12-31")
    return AppTest.from_file(APP, default_timeout=60)


def test_without_auth_the_app_runs_open(monkeypatch, built):
    at = app(monkeypatch, built.db).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Übersicht"]


def test_with_auth_a_logged_out_user_sees_only_the_login(monkeypatch, built):
    at = app(monkeypatch, built.db)
    at.secrets = AUTH
    at.user = {"is_logged_in": False}
    at.run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Anmelden"]
    assert not at.metric and "personenbezogene Daten" in at.markdown[0].value


def test_with_auth_a_logged_in_user_sees_the_dashboard(monkeypatch, built):
    at = app(monkeypatch, built.db)
    at.secrets = AUTH
    at.user = {"is_logged_in": True, "name": "Testperson", "email": "t@example.org"}
    at.run()
    assert not at.exception
    assert {m.label for m in at.metric} >= {"Sitzungen"}
    assert "Abmelden" in [b.label for b in at.button]


def test_the_apps_connection_is_read_only(built):
    conn = connect(built.db)
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("DELETE FROM organisations")
