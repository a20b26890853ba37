"""Who may change data: with [auth] only editors listed in the secrets; without it only while bound to localhost.
A reader sees no Prüfen, no editor, no upload and no undo, and the Daten page says why."""

from __future__ import annotations

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from analysis.tables import plain_markdown
from etl.build.pipeline import build
from tests.conftest import APP, MASTER, assert_page_ok, copy_source
from tests.test_access import AUTH

EDITORS = {"netzwerkradar": {"editors": ["Chefin@Example.org"]}}
EDIT_WIDGETS = ("Prüfen und speichern", "Rückgängig", "Hochladen und Datenbank neu bauen", "Arbeitsmappe übernehmen")


@pytest.fixture
def source(tmp_path, monkeypatch):
    folder = copy_source(MASTER, tmp_path / "quelle")
    db = tmp_path / "netz.db"
    build(folder, db)
    monkeypatch.setenv("NETZWERKRADAR_DB", str(db))
    monkeypatch.setenv("NETZWERKRADAR_SOURCE", str(folder))
    monkeypatch.setenv("NETZWERKRADAR_AS_OF", "2024-12-31")
    return folder


def daten(user: dict | None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if user is not None:
        at.secrets = {**AUTH, **EDITORS}
        at.user = user
    at.run()
    at.switch_page("pages/daten.py").run()
    assert_page_ok(at)
    return at


def labels(at: AppTest) -> set[str]:
    return {b.label for b in at.button} | {b.label for b in at.get("form_submit_button")}


def files(folder) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_a_logged_in_reader_cannot_change_anything(source):
    before = files(source)
    at = daten({"is_logged_in": True, "name": "Leser", "email": "leser@example.org"})
    assert not (labels(at) & set(EDIT_WIDGETS))
    assert not at.file_uploader and not at.get("arrow_data_editor")
    assert any(c.value.startswith(plain_markdown("Sie können die Daten lesen. Ändern dürfen nur die in den "
                                                 "Einstellungen")) for c in at.caption)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/pruefen.py")  # Prüfen is not registered for readers
    assert files(source) == before


def test_an_editor_from_the_secrets_may_change(source):
    at = daten({"is_logged_in": True, "name": "Chefin", "email": "chefin@example.org"})
    assert labels(at) >= {"Prüfen und speichern", "Hochladen und Datenbank neu bauen", "Arbeitsmappe übernehmen"}
    assert at.info[0].value.startswith(plain_markdown("Angemeldet als chefin@example.org: Sie dürfen Daten ändern"))
    at.switch_page("pages/pruefen.py").run()
    assert_page_ok(at) and not at.warning


def test_without_auth_editing_is_on_only_while_bound_to_localhost(source):
    at = daten(None)
    assert at.info[0].value.startswith(plain_markdown("Ohne Anmeldung ([auth] ist nicht eingerichtet) ist Ändern nur "
                                                      "eingeschaltet, weil die App nur auf diesem Rechner erreichbar"))
    assert "Prüfen und speichern" in labels(at)
    config.set_option("server.address", "0.0.0.0")
    try:
        at = daten(None)
        assert not (labels(at) & set(EDIT_WIDGETS)) and not at.file_uploader
        assert any(c.value.startswith(plain_markdown("Ändern ist ausgeschaltet: Die App ist im Netz erreichbar "
                                                     "(server.address = 0.0.0.0)")) for c in at.caption)
    finally:
        config.set_option("server.address", None)
