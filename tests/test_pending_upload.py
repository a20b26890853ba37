"""A held-back upload on the Daten page (AppTest): read from the pending folder after any reload, decided only
by the editor who uploaded it, „Verwerfen“ the primary button; another editor sees only that one waits."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from etl.maintain.upload import pending_uploads, process_uploads
from tests.conftest import ROOT, rows
from tests.test_build_guard import BROKEN_ORGANISATIONS
from ui.access import Access

LOCAL = "lokal (ohne Anmeldung)"  # who an editor is on localhost without [auth] (ui.access)


@pytest.fixture
def held_back(demo_copy, monkeypatch):
    """A built demo copy whose one-row organisations.csv upload the guard held back; the app pointed at it."""
    source, db = demo_copy
    outcome = process_uploads(source, db, [("organisations.csv", BROKEN_ORGANISATIONS)], replace_existing=True,
                              who=LOCAL)
    assert outcome.pending is not None
    monkeypatch.setenv("NETZWERKRADAR_DB", str(db))
    monkeypatch.setenv("NETZWERKRADAR_SOURCE", str(source))
    monkeypatch.setenv("NETZWERKRADAR_AS_OF", "2026-11-28")
    st.cache_data.clear()
    st.cache_resource.clear()
    yield source, db
    st.cache_data.clear()
    st.cache_resource.clear()


def daten(as_who: str | None, monkeypatch) -> AppTest:
    """A new session on the Daten page (a reload), as the given editor."""
    if as_who is not None:
        import ui.upload

        monkeypatch.setattr(ui.upload, "access", lambda: Access(True, as_who, ""))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("pages/daten.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_uploader_sees_the_held_back_upload_after_a_reload_and_discards_it(held_back, monkeypatch):
    source, db = held_back
    at = daten(None, monkeypatch)
    assert [e.value for e in at.error][0].startswith("Zurückgehalten: Ihr Upload vom ")
    assert "Organisationen: 42 → 1 Zeilen" in at.error[0].value
    pending = pending_uploads(source)[0]
    discard = at.button(key=f"pending_discard_{pending.id}")
    confirm = at.button(key=f"pending_confirm_{pending.id}")
    assert (discard.label, discard.proto.type, confirm.label, confirm.proto.type) == (
        "Verwerfen", "primary", "Trotzdem übernehmen", "secondary")
    discard.click().run()
    assert not at.exception and [e.value for e in at.error] == []
    assert [i.value for i in at.info][0] == "Verworfen: organisations.csv wurde nicht übernommen."
    assert pending_uploads(source) == [] and rows(db, "SELECT COUNT(*) FROM organisations") == [(43,)]


def test_the_uploader_confirms_and_the_database_takes_the_new_state(held_back, monkeypatch):
    source, db = held_back
    at = daten(None, monkeypatch)
    at.button(key=f"pending_confirm_{pending_uploads(source)[0].id}").click().run()
    assert not at.exception and [e.value for e in at.error] == []
    assert at.success[0].value.startswith("Hochgeladen: organisations.csv – gespeichert, Datenbank neu gebaut")
    assert pending_uploads(source) == [] and rows(db, "SELECT COUNT(*) FROM memberships") == [(2,)]


def test_another_editor_is_not_shown_the_loss_nor_the_choice(held_back, monkeypatch):
    source, _ = held_back
    at = daten("c@d.de", monkeypatch)
    assert at.error == []
    assert not [b for b in at.button if b.key and b.key.startswith("pending_")]
    assert any(c.value.startswith("Ein hochgeladener Stand (organisations.csv, ") and "hält keine Änderung auf" in
               c.value for c in at.main.caption)
    assert [p.who for p in pending_uploads(source)] == [LOCAL]
