"""Names hidden in URLs and links, and profiles that open from their URL, through AppTest on the `projekte`
fixture with protocols (Petra Sommer of PSG is the person; her id `petra-sommer` is a slug of her name)."""

from __future__ import annotations

import pytest

from analysis.pseudonymise import url_key
from tests.conftest import assert_page_ok, open_page
from tests.test_projects import build_fixture

PROFILE = "pages/profil.py"
PSG = "projektgesellschaft-handwerk"
PETRA = "petra-sommer"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_fixture(tmp_path_factory.mktemp("privat"), protocols=True)


def params(at) -> dict[str, str]:
    return {k: at.query_params[k][0] if isinstance(at.query_params[k], list) else at.query_params[k]
            for k in at.query_params}


def shown_text(at) -> str:
    """Everything the page wrote: headers, markdown, captions, warnings and every table cell."""
    parts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "warning", "info")
             for e in getattr(at, kind)]
    parts += [df.value.to_string() for df in at.dataframe]
    return "\n".join(str(p) for p in parts)


def test_a_person_url_carries_an_opaque_key_and_opens_the_profile(monkeypatch, db):
    key = url_key(PETRA)
    assert key.startswith("p-") and "sommer" not in key and key == url_key(PETRA)  # stable for bookmarks
    at = open_page(monkeypatch, db, PROFILE)
    at.query_params["person"] = key
    at.run()
    assert_page_ok(at)
    assert [h.value for h in at.main.header] == ["Person: Petra Sommer"]
    assert at.warning == []


def test_an_old_link_with_the_slug_opens_and_leaves_the_address_bar(monkeypatch, db):
    at = open_page(monkeypatch, db, PROFILE)
    at.query_params["person"] = PETRA
    at.run()
    assert_page_ok(at)
    assert [h.value for h in at.main.header] == ["Person: Petra Sommer"]
    assert params(at)["person"] == url_key(PETRA)


def test_names_hidden_person_profile_shows_no_name_anywhere(monkeypatch, db):
    at = open_page(monkeypatch, db, PROFILE)
    at.query_params["person"] = url_key(PETRA)
    at.query_params["namen"] = "aus"
    at.run()
    assert_page_ok(at)
    assert at.toggle(key="hide_names").value is True  # the switch came from the URL
    assert at.main.header[0].value.startswith("Person: Person ")
    assert "Sommer" not in shown_text(at) and "Petra" not in shown_text(at)
    assert not any("sommer" in v.lower() for v in params(at).values())
    assert params(at)["namen"] == "aus"


def test_the_picker_puts_the_key_not_the_name_into_the_url(monkeypatch, db):
    at = open_page(monkeypatch, db, PROFILE)
    at.toggle(key="hide_names").set_value(True).run()
    at.radio(key="profile_kind").set_value("person").run()
    box = at.selectbox(key="profile_pick")
    assert "Petra Sommer" not in box.options and any(o.startswith("Person ") for o in box.options)
    box.set_value(PETRA).run()
    assert_page_ok(at)
    assert at.main.header[0].value.startswith("Person: Person ")
    assert params(at)["person"] == url_key(PETRA)
    assert params(at)["namen"] == "aus"


def test_a_group_profile_does_not_collide_with_the_sidebar_group(monkeypatch, db):
    at = open_page(monkeypatch, db, PROFILE)
    assert at.warning == []  # opened with „Alle Gruppen“ (gruppe=alle): the chooser, no false warning
    assert params(at)["gruppe"] == "alle"
    at.query_params["gruppenprofil"] = "fachgruppe-handwerk"
    at.run()
    assert_page_ok(at)
    assert [h.value for h in at.main.header] == ["Gruppe: Fachgruppe Handwerk"]
    assert at.warning == [] and params(at)["gruppe"] == "alle"  # the sidebar filter stays „Alle Gruppen“


def test_profile_links_keep_the_sidebar_group_period_and_names_switch(monkeypatch, db):
    at = open_page(monkeypatch, db, PROFILE)
    at.selectbox(key="filter_group").set_value("fachgruppe-handwerk").run()
    at.selectbox(key="filter_period").set_value(at.selectbox(key="filter_period").options[1]).run()
    period = at.selectbox(key="filter_period").value
    at.toggle(key="hide_names").set_value(True).run()
    at.query_params["organisation"] = PSG
    at.run()
    assert_page_ok(at)
    # a click on the first partner's name (a cell, not the checkbox) opens that organisation's profile
    first = at.main.header[0].value
    click = {"selection": {"rows": [], "columns": [], "cells": [(0, "Organisation")]}}
    at.session_state[f"profile_partners_organisation_{PSG}"] = click
    at.run()
    assert_page_ok(at)
    assert at.main.header[0].value != first and at.main.header[0].value.startswith("Organisation: ")
    assert params(at)["gruppe"] == "fachgruppe-handwerk" and params(at)["zeitraum"] == period
    assert params(at)["namen"] == "aus" and params(at)["organisation"] != PSG


def test_the_names_switch_survives_a_reload_through_the_url(monkeypatch, db):
    at = open_page(monkeypatch, db, PROFILE)
    at.toggle(key="hide_names").set_value(True).run()
    assert params(at)["namen"] == "aus"
    reloaded = open_page(monkeypatch, db, PROFILE)  # a new session: F5 or a shared link
    for name, value in params(at).items():
        reloaded.query_params[name] = value
    reloaded.run()
    assert reloaded.toggle(key="hide_names").value is True
    at.toggle(key="hide_names").set_value(False).run()
    assert "namen" not in params(at)


def test_a_protocol_opens_by_key_without_its_file_name_in_the_url(monkeypatch, db):
    from ui.format import protocol_key

    at = open_page(monkeypatch, db, PROFILE)
    at.query_params["organisation"] = PSG
    at.query_params["protokoll"] = protocol_key("protokolle/2024-12-03_ag-transfer.md")
    at.query_params["zeile"] = "13"
    at.run()
    assert_page_ok(at)
    assert "Protokoll: 03\\.12\\.2024 · AG Transfer · Protokoll AG Transfer" in [h.value for h in at.subheader]


def test_a_click_on_another_page_keeps_group_and_hidden_names_on_the_profile(monkeypatch, db):
    """st.switch_page drops the sidebar widgets' state; the link's URL brings group and switch back."""
    at = open_page(monkeypatch, db, "pages/inaktive-partner.py")
    at.selectbox(key="filter_group").set_value("fachgruppe-handwerk").run()
    at.toggle(key="hide_names").set_value(True).run()
    at.session_state["inactive_table"] = {"selection": {"rows": [], "columns": [], "cells": [(0, "Organisation")]}}
    at.run()
    assert_page_ok(at)
    assert at.main.header[0].value.startswith("Organisation: ")
    assert at.selectbox(key="filter_group").value == "fachgruppe-handwerk"
    assert at.toggle(key="hide_names").value is True  # names stay hidden on the profile
    assert params(at)["gruppe"] == "fachgruppe-handwerk" and params(at)["namen"] == "aus"
    assert "Sommer" not in shown_text(at)


def test_a_click_on_a_name_in_a_meeting_opens_the_person_with_an_opaque_key(monkeypatch, db):
    at = open_page(monkeypatch, db, "pages/sitzungen.py")
    at.toggle(key="hide_names").set_value(True).run()
    at.selectbox(key="filter_period").set_value(at.selectbox(key="filter_period").options[-1]).run()
    meeting = next(m for m in at.selectbox(key="meeting_select").options
                   if "Sommer" not in str(m))  # any meeting; its first present person is clicked
    at.selectbox(key="meeting_select").set_value(meeting).run()
    first = at.dataframe(key="meeting_anwesende_table").value.iloc[0]["Name"]
    assert "Petra Sommer" not in shown_text(at) and "Anna Becker" not in shown_text(at)
    at.session_state["meeting_anwesende_table"] = {"selection": {"rows": [], "columns": [], "cells": [(0, "Name")]}}
    at.run()
    assert_page_ok(at)
    assert at.main.header[0].value == f"Person: {first}"  # the pseudonym, as on the meeting page
    assert params(at)["person"].startswith("p-") and params(at)["namen"] == "aus"


def test_a_click_on_a_participant_without_a_name_opens_the_organisation(monkeypatch, demo_db):
    """A line of attendance.csv that names only the organisation is listed as „–“: its row opens that organisation
    (before, the click only ticked the row)."""
    at = open_page(monkeypatch, demo_db, "pages/sitzungen.py", as_of="2026-11-28")
    at.selectbox(key="filter_group").set_value("fachgruppe-handwerk").run()
    assert str(at.selectbox(key="meeting_select").value) == "fachgruppe-handwerk-2026-11-25"
    present = at.dataframe(key="meeting_anwesende_table").value
    row = present.index.get_loc(present[present["Name"] == "–"].index[0])
    assert present.iloc[row]["Organisation"] == "Stiftung Mittelstand – Gesellschaft – Verantwortung"
    assert "Klick auf eine Zeile öffnet das Profil der Person (ohne Namen: der Organisation)." in [
        c.value for c in at.caption]
    at.session_state["meeting_anwesende_table"] = {"selection": {"rows": [], "columns": [], "cells": [(row, "Name")]}}
    at.run()
    assert_page_ok(at)
    assert at.main.header[0].value == "Organisation: Stiftung Mittelstand – Gesellschaft – Verantwortung"
