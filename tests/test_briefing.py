"""Sitzungsvorbereitung and Ansprache verfolgen on a small source built by the real ETL.

The fixture: the master-data fixture plus a planned meeting (10.12.2024), a protocol of 12.09.2024 with a
decision and two tasks, the SHK-Innung as a member that stopped coming, its contact person with an e-mail
address, and one recorded outreach whose Wiedervorlage (15.11.2024) is due on 01.12.2024.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pytest
from pypdf import PdfReader

from analysis import briefing, outreach
from analysis.alerts import alerts
from analysis.cli import main
from analysis.db import connect
from analysis.tables import plain_markdown
from etl.build.pipeline import build
from etl.maintain import fieldwork, maintenance
from etl.maintain.correction_files import Correction
from tests.conftest import MASTER, rows

AS_OF = "2024-12-01"
PROTOCOL = """# Protokoll Fachgruppe Handwerk

**Datum:** 12.09.2024

## Teilnehmende

- Dr. Anna Becker (HWK Musterstadt)
- Jonas Weber (BAuA)

## Ergebnisse

**Beschluss:** Der Jahresbericht geht im November an die AG Transfer.

## Nächste Schritte

- Anna Becker: Jahresbericht entwerfen (bis 01.11.2024)
- Jonas Weber: Termine für 2025 abfragen (bis 15.12.2024)
"""
PEOPLE = """name,title,organisation,role,email
Anna Becker,Dr.,HWK Musterstadt,Beraterin,anna.becker@hwk-musterstadt.example
Jonas Weber,,baua,Referent,keine-adresse
Prof. Dr. Lena Schäfer,,ITB,Institutsleitung,
Tom Krüger,,SHK-Innung Nordstadt,Obermeister,tom.krueger@shk-nordstadt.example
"""
OUTREACH = """date,organisation,group,who,channel,result,follow_up,note,recorded_by
2024-10-01,SHK-Innung Nordstadt,Fachgruppe Handwerk,Anna Becker,Telefon,Rückruf erbeten,2024-11-15,,lokal
2024-10-02,Nirgendwo GmbH,Fachgruppe Handwerk,Anna Becker,Telefon,,,,lokal
2024-10-03,BAuA,,Anna Becker,Brieftaube,,,,lokal
"""


@pytest.fixture
def source(tmp_path: Path) -> Path:
    src = tmp_path / "quelle"
    shutil.copytree(MASTER, src)
    (src / "people.csv").write_text(PEOPLE, encoding="utf-8")
    with (src / "meetings.csv").open("a", encoding="utf-8") as handle:
        handle.write("Fachgruppe Handwerk,2024-12-10,10:00,12:00,online,Wintersitzung\n")
    with (src / "memberships.csv").open("a", encoding="utf-8") as handle:
        handle.write("Fachgruppe Handwerk,SHK-Innung Nordstadt,member,2019-01-01,\n")
    with (src / "attendance.csv").open("a", encoding="utf-8") as handle:
        handle.write("Fachgruppe Handwerk,2023-11-01,Tom Krüger,,present\n")
    (src / "ansprache.csv").write_text(OUTREACH, encoding="utf-8")
    folder = src / "protokolle" / "fachgruppe-handwerk"
    folder.mkdir(parents=True)
    (folder / "2024-09-12.md").write_text(PROTOCOL, encoding="utf-8")
    return src


@pytest.fixture
def db(source: Path, tmp_path: Path) -> Path:
    build(source, tmp_path / "netz.db")
    return tmp_path / "netz.db"


def _briefing(db: Path, **kwargs) -> briefing.Briefing:
    conn = connect(db)
    try:
        return briefing.briefing(conn, "fachgruppe-handwerk", AS_OF, **kwargs)
    finally:
        conn.close()


def test_the_briefing_is_for_the_next_planned_meeting(db: Path):
    b = _briefing(db)
    assert (b.meeting_date, b.meeting_title, b.planned, b.previous_meeting) == (
        "2024-12-10", "Wintersitzung", True, "2024-09-12")
    assert [(t["owner"], t["text"], t["due"], t["overdue"]) for t in b.tasks] == [
        ("Anna Becker", "Jahresbericht entwerfen", "2024-11-01", True),
        ("Jonas Weber", "Termine für 2025 abfragen", "2024-12-15", False)]
    assert [(d["date"], d["text"]) for d in b.decisions] == [
        ("2024-09-12", "Der Jahresbericht geht im November an die AG Transfer.")]


def test_fading_partners_come_with_contact_person_and_last_outreach(db: Path):
    assert [(f["organisation"], f["status"], f["contacts"], f["last_attended"], f["last_outreach"], f["follow_up"],
             f["follow_up_due"]) for f in _briefing(db).fading] == [
        ("Innung Sanitär Heizung Klima Nordstadt", "fading", ["Tom Krüger"], "2023-11-01",
         "01.10.2024 Telefon (Anna Becker): Rückruf erbeten", "2024-11-15", True)]


def test_rules_say_what_is_due(db: Path):
    assert [(r["rule"], r["light"], r["due"]) for r in _briefing(db).rules] == [
        ("6.3", "yellow", "Partner gewinnen oder zurückholen: mindestens drei aktive Partner"),
        ("6.4", "green", None), ("6.6", "green", None)]
    later = briefing.briefing(connect(db), "fachgruppe-handwerk", "2025-12-01")
    assert [(r["rule"], r["due"]) for r in later.rules if r["due"]] == [
        ("6.3", "Partner gewinnen oder zurückholen: mindestens drei aktive Partner"),
        ("6.4", "Jahresbericht an die AG Transfer fällig"),
        ("6.6", "Sitzungen ansetzen: die Gruppe muss aktiv tagen")]


def test_projects_presented_in_the_group(db: Path):
    b = _briefing(db)
    assert (b.presented, b.waiting) == ([{"project": "Fachkräftezentren Handwerk", "date": "2024-09-12"}], [])


def test_names_hidden_leave_no_person_in_the_briefing(db: Path):
    b = _briefing(db, hide_names=True)
    text = json.dumps(b.to_json(), ensure_ascii=False) + "".join(
        p.extract_text() for p in PdfReader(__import__("io").BytesIO(briefing.render(b, "pdf"))).pages)
    for name in ("Anna Becker", "Jonas Weber", "Tom Krüger", "Becker", "Krüger"):
        assert name not in text
    assert b.tasks[0]["owner"].startswith("Person ")


def test_the_pdf_is_one_or_two_a4_pages_and_the_docx_opens(db: Path):
    b = _briefing(db)
    reader = PdfReader(__import__("io").BytesIO(briefing.render(b, "pdf")))
    assert 1 <= len(reader.pages) <= 2
    assert [round(float(v)) for v in reader.pages[0].mediabox.upper_right] == [595, 842]
    text = reader.pages[0].extract_text()
    assert "Sitzungsvorbereitung – Fachgruppe Handwerk" in text and "Sitzung am 10.12.2024 – Wintersitzung" in text
    from docx import Document

    document = Document(__import__("io").BytesIO(briefing.render(b, "docx")))
    assert [p.text for p in document.paragraphs if p.style.name.startswith("Heading")] == [
        "Offene Aufgaben", "Beschlüsse", "Partner, die nachlassen", "Regeln (Grundprinzipien § 6)", "Projekte"]


def test_the_command_line_writes_json_pdf_and_docx(db: Path, tmp_path: Path, capsys):
    assert main(["briefing", "--db", str(db), "--group", "FG Handwerk", "--as-of", AS_OF]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert (printed["meeting_date"], len(printed["tasks"])) == ("2024-12-10", 2)
    for fmt in ("pdf", "docx"):
        out = tmp_path / f"b.{fmt}"
        assert main(["briefing", "--db", str(db), "--group", "FG Handwerk", "--as-of", AS_OF, "--format", fmt,
                     "--out", str(out)]) == 0
        assert out.read_bytes()[:4] == (b"%PDF" if fmt == "pdf" else b"PK\x03\x04")
    assert main(["briefing", "--db", str(db), "--group", "Unbekannt"]) == 2
    assert "Gruppe „Unbekannt“ nicht gefunden" in capsys.readouterr().err


def test_outreach_rows_are_loaded_and_bad_ones_rejected_with_line(db: Path):
    assert rows(db, "SELECT date, org_id, group_id, who, channel, result, follow_up FROM outreach") == [
        ("2024-10-01", "innung-sanitaer-heizung-klima-nordstadt", "fachgruppe-handwerk", "Anna Becker", "Telefon",
         "Rückruf erbeten", "2024-11-15")]
    assert rows(db, "SELECT line, reason FROM rejects WHERE file = 'ansprache.csv' ORDER BY line") == [
        (3, "Organisation „Nirgendwo GmbH“ unbekannt"),
        (4, "Spalte „channel“: unbekannter Wert 'Brieftaube' (erlaubt: E-Mail, Telefon, Treffen)")]


def test_a_follow_up_is_due_until_a_later_contact_is_recorded(db: Path, source: Path):
    conn = connect(db)
    due = outreach.last_contacts(conn, AS_OF, "fachgruppe-handwerk")
    assert due[["org_id", "follow_up", "due"]].to_dict("records") == [
        {"org_id": "innung-sanitaer-heizung-klima-nordstadt", "follow_up": "2024-11-15", "due": True}]
    conn.close()
    outcome = fieldwork.add_outreach(source, db, {"date": "2024-11-20", "organisation": "SHK-Innung Nordstadt",
                                                  "group": "Fachgruppe Handwerk", "who": "Anna Becker",
                                                  "channel": "Treffen", "result": "kommt wieder"}, "lokal")
    assert outcome.error is None and outcome.refused is None
    conn = connect(db)
    assert outreach.last_contacts(conn, AS_OF, "fachgruppe-handwerk")[["last_contact", "due"]].to_dict("records") == [
        {"last_contact": "2024-11-20", "due": False}]
    assert outreach.organisation_outreach(conn, "innung-sanitaer-heizung-klima-nordstadt")["date"].tolist() == [
        "2024-11-20", "2024-10-01"]
    conn.close()


def test_a_follow_up_before_the_contact_is_refused_and_nothing_stored(db: Path, source: Path):
    before = (source / "ansprache.csv").read_bytes()
    outcome = fieldwork.add_outreach(source, db, {"date": "2024-11-20", "organisation": "SHK-Innung Nordstadt",
                                                  "group": "Fachgruppe Handwerk", "who": "Anna Becker",
                                                  "channel": "Telefon", "follow_up": "2024-11-01"}, "lokal")
    assert outcome.not_stored and outcome.error == (
        "Die Wiedervorlage (01.11.2024) liegt vor dem Kontakt (20.11.2024); bitte ein späteres Datum wählen oder "
        "das Feld leer lassen. Es wurde nichts gespeichert.")
    assert (source / "ansprache.csv").read_bytes() == before


def test_the_mail_draft_goes_to_the_contact_persons_known_addresses(db: Path):
    conn = connect(db)
    draft = outreach.mail_draft(conn, "fachgruppe-handwerk", "innung-sanitaer-heizung-klima-nordstadt", AS_OF,
                                ["Tom Krüger"])
    assert draft.to == ("tom.krueger@shk-nordstadt.example",)
    assert draft.subject == "Fachgruppe Handwerk: Wir würden uns freuen, Sie wiederzusehen"
    assert "Guten Tag Tom Krüger," in draft.body and "Zuletzt waren Sie am 01.11.2023 dabei." in draft.body
    assert draft.link.startswith("mailto:tom.krueger@shk-nordstadt.example?subject=Fachgruppe%20Handwerk")
    assert unquote(draft.link.split("body=")[1]) == draft.body
    hidden = outreach.mail_draft(conn, "fachgruppe-handwerk", "innung-sanitaer-heizung-klima-nordstadt", AS_OF)
    assert hidden.to == () and hidden.body.startswith("Guten Tag,")
    conn.close()


def test_an_invalid_address_is_rejected_and_the_person_kept(db: Path):
    assert rows(db, "SELECT person_id, email FROM person_emails ORDER BY person_id") == [
        ("anna-becker", "anna.becker@hwk-musterstadt.example"), ("tom-krueger", "tom.krueger@shk-nordstadt.example")]
    assert rows(db, "SELECT line, reason FROM rejects WHERE file = 'people.csv' AND reason LIKE 'E-Mail%'") == [
        (3, "E-Mail-Adresse „keine-adresse“ ungültig – Person ohne Adresse geladen")]
    assert rows(db, "SELECT name FROM people WHERE id = 'jonas-weber'") == [("Jonas Weber",)]


def test_a_task_set_to_done_by_an_editor_leaves_the_briefing(db: Path, source: Path):
    task = _briefing(db).tasks[0]
    outcome = maintenance.add_corrections(source, db, [Correction(
        "2024-12-01T10:00:00+00:00", "lokal", "task_status", task["id"], task["text"], "erledigt", "")],
        "Aufgabenstatus gesetzt (1)")
    assert outcome.error is None
    assert [t["text"] for t in _briefing(db).tasks] == ["Termine für 2025 abfragen"]
    assert rows(db, "SELECT done FROM action_items WHERE id = ?", (task["id"],)) == [(1,)]
    assert rows(db, "SELECT kind, status FROM corrections") == [("task_status", "angewendet")]
    maintenance.add_corrections(source, db, [Correction("2024-12-02T10:00:00+00:00", "lokal", "task_status",
                                                        task["id"], task["text"], "offen", "")], "wieder offen")
    assert len(_briefing(db).tasks) == 2
    stale = maintenance.add_corrections(source, db, [Correction("2024-12-02T10:00:00+00:00", "lokal", "task_status",
                                                                "gibt-es-nicht|a9", "Phantom", "erledigt", "")], "x")
    assert stale.result is not None and any("Aufgabe „Phantom“ steht in keinem geladenen Protokoll" in w
                                            for w in stale.result.warnings)


def test_an_unknown_group_is_a_german_error(db: Path):
    with pytest.raises(ValueError, match="Gruppe „nirgends“ ist nicht bekannt"):
        briefing.briefing(sqlite3.connect(db), "nirgends", AS_OF)


# --- the pages ---------------------------------------------------------------------------------------------


def _app(monkeypatch, db: Path, page: str, hide_names: bool = False, **params: str):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import APP, assert_page_ok

    monkeypatch.setenv("NETZWERKRADAR_DB", str(db))
    monkeypatch.setenv("NETZWERKRADAR_AS_OF", AS_OF)
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.sidebar.selectbox(key="filter_group").set_value("fachgruppe-handwerk").run()
    if hide_names:
        at.sidebar.toggle(key="hide_names").set_value(True).run()
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page).run()
    assert_page_ok(at)
    return at


def test_the_briefing_page_shows_every_section(monkeypatch, db: Path, source: Path):
    monkeypatch.setenv("NETZWERKRADAR_SOURCE", str(source))
    at = _app(monkeypatch, db, "pages/sitzungsvorbereitung.py")
    assert [h.value for h in at.header][:5] == ["Offene Aufgaben", "Beschlüsse", "Partner, die nachlassen",
                                               "Regeln (Grundprinzipien § 6)", "Projekte"]
    tasks = at.dataframe[0].value
    assert tasks[["Verantwortlich", "Aufgabe", "Stand"]].to_dict("records") == [
        {"Verantwortlich": "Anna Becker", "Aufgabe": "Jahresbericht entwerfen", "Stand": "überfällig"},
        {"Verantwortlich": "Jonas Weber", "Aufgabe": "Termine für 2025 abfragen", "Stand": "offen"}]
    assert [b.label for b in at.get("download_button")] == ["Als PDF (A4)", "Als Word (DOCX)", "Als JSON"]


def test_the_briefing_page_hides_names(monkeypatch, db: Path):
    at = _app(monkeypatch, db, "pages/sitzungsvorbereitung.py", hide_names=True)
    shown = " ".join(str(d.value.to_dict()) for d in at.dataframe)
    assert "Becker" not in shown and "Krüger" not in shown and "Person " in shown


def test_inactive_partners_show_the_last_contact_and_the_due_follow_up(monkeypatch, db: Path):
    at = _app(monkeypatch, db, "pages/inaktive-partner.py")
    assert [w.value for w in at.warning] == [
        plain_markdown("Wiedervorlage fällig: Innung Sanitär Heizung Klima Nordstadt (15.11.2024)")]
    listed = at.dataframe[0].value
    row = listed[listed["Organisation"] == "Innung Sanitär Heizung Klima Nordstadt"].iloc[0]
    assert (row["Letzte Ansprache"], row["Wiedervorlage"]) == (
        "01.10.2024 Telefon (Anna Becker): Rückruf erbeten", "fällig seit 15.11.2024")


def test_the_overview_links_the_due_follow_up_to_inactive_partners(monkeypatch, db: Path):
    conn = connect(db)
    assert [(a.kind, a.text, a.destination, a.group_id) for a in alerts(conn, date(2024, 12, 1))
            if a.kind == "follow_up"] == [
        ("follow_up", "Fachgruppe Handwerk: Wiedervorlage fällig für Innung Sanitär Heizung Klima Nordstadt "
                      "(seit 15.11.2024)", "inactive", "fachgruppe-handwerk")]
    assert [a.kind for a in alerts(conn, date(2024, 11, 14))].count("follow_up") == 0  # not yet due
    conn.close()
    at = _app(monkeypatch, db, "pages/uebersicht.py")
    assert plain_markdown("Fachgruppe Handwerk: Wiedervorlage fällig für Innung Sanitär Heizung Klima Nordstadt "
                          "(seit 15.11.2024)") in [w.value for w in at.warning]
    # One of a kind in the singular: „1 nachlassender Partner“, „1 überfällige Aufgabe“ (not „… Partner/Aufgaben“).
    shown = [w.value for w in at.warning]
    assert plain_markdown("Fachgruppe Handwerk: 1 nachlassender Partner (Innung Sanitär Heizung Klima "
                          "Nordstadt)") in shown
    assert shown[-1] == plain_markdown("1 überfällige Aufgabe aus Protokollen der letzten 180 Tage (fällig seit "
                                       "01.11.2024: „Jahresbericht entwerfen“)")
    # One link per alert: the inactive partner, the due follow-up (both to the group's Inaktive Partner), the tasks.
    assert [(p.proto.label, p.proto.page) for p in at.get("page_link")] == [
        ("Inaktive Partner", "inaktive-partner"), ("Inaktive Partner", "inaktive-partner"), ("Sitzungen", "sitzungen")]


def test_with_names_hidden_the_mail_draft_says_why_it_has_no_recipient(monkeypatch, db: Path):
    at = _app(monkeypatch, db, "pages/inaktive-partner.py", hide_names=True)
    at.selectbox(key="outreach_org_fachgruppe-handwerk").set_value("handwerkskammer-musterstadt").run()
    captions = [c.value for c in at.caption]
    assert ("Namen ausgeblendet: Der Entwurf öffnet ohne Empfänger und Namen – zum Einsetzen „Namen ausblenden“ in "
            "der Seitenleiste ausschalten.") in captions
    assert not any(c.startswith(("Keine E-Mail-Adresse bekannt", "An:")) for c in captions)  # known, only hidden


def test_the_profile_lists_the_outreach(monkeypatch, db: Path):
    at = _app(monkeypatch, db, "pages/profil.py", organisation="innung-sanitaer-heizung-klima-nordstadt")
    assert "Ansprache" in [s.value for s in at.subheader]
    history = next(d.value for d in at.dataframe if "Kanal" in d.value.columns)
    assert history.to_dict("records") == [{"Datum": "01.10.2024", "Gruppe": "Fachgruppe Handwerk",
                                           "Wer": "Anna Becker", "Kanal": "Telefon", "Ergebnis": "Rückruf erbeten",
                                           "Wiedervorlage": "15.11.2024", "Notiz": "–"}]


def test_erasure_reaches_outreach_and_addresses_and_a_rebuild_agrees(db: Path, source: Path, tmp_path: Path):
    from etl.maintain.erase import forget

    forget(db, "Anna Becker", AS_OF)
    assert rows(db, "SELECT who FROM outreach") == [("[entfernt]",)]
    assert rows(db, "SELECT person_id FROM person_emails") == [("tom-krueger",)]
    rebuilt = tmp_path / "neu.db"
    shutil.copy(db, rebuilt)
    build(source, rebuilt, force=True)
    for table in ("outreach", "person_emails", "attendance_conflicts"):
        assert rows(rebuilt, f"SELECT * FROM {table} ORDER BY 1") == rows(db, f"SELECT * FROM {table} ORDER BY 1")
    assert b"Anna Becker" not in rebuilt.read_bytes()


def test_an_old_task_without_due_date_is_left_out_as_in_the_jahresbericht(source: Path, tmp_path: Path):
    (source / "protokolle" / "fachgruppe-handwerk" / "2023-03-01.md").write_text(
        PROTOCOL.replace("12.09.2024", "01.03.2023").replace(" (bis 01.11.2024)", "")
        .replace("(bis 15.12.2024)", "(bis 30.06.2023)"), encoding="utf-8")
    db = tmp_path / "alt.db"
    build(source, db)
    b = briefing.briefing(connect(db), "fachgruppe-handwerk", AS_OF)
    assert [(t["meeting_date"], t["text"], t["due"]) for t in b.tasks] == [
        ("2024-09-12", "Jahresbericht entwerfen", "2024-11-01"),
        ("2023-03-01", "Termine für 2025 abfragen", "2023-06-30"),
        ("2024-09-12", "Termine für 2025 abfragen", "2024-12-15")]
