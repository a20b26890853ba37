"""The Daten page takes every protocol type the readers read, checks each by content with the readers'
limits, and tells a meeting tool's CSV (a protocol) from master data by what it holds, not its name."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path, PurePosixPath

import pytest
from openpyxl import Workbook

from etl.extract import readers
from etl.extract.readers import read_document
from etl.extract.safe_zip import MB
from etl.maintain import upload
from etl.maintain.upload import PROTOCOL_FOLDER, check_upload
from tests.fixtures.readers.hostile_files import element_docx, parts_eml
from tests.fixtures.readers.make_doc import doc_bytes
from tests.fixtures.readers.make_office_xml import flat_odt, word_paragraph, word_xml

LIMIT = 20 * MB
TEAMS = ("1. Zusammenfassung\n"
         "Besprechungstitel\tFachgruppe Handwerk\n"
         "Startzeit\t11.03.2025, 09:58:12\n"
         "Endzeit\t11.03.2025, 11:02:40\n"
         "\n"
         "2. Teilnehmer\n"
         "Name\tErster Beitritt\tLetztes Verlassen\tDauer der Besprechung\tE-Mail\tRolle\n"
         "Vogt, Marlene\t11.03.2025, 09:58:12\t11.03.2025, 11:02:40\t1 Std. 4 Min.\tm.vogt@hwk.example\tOrganisator\n")
ZOOM = ("Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n"
        "812 3456 7890,AG Transfer,03/11/2025 09:58:12 AM,03/11/2025 11:02:40 AM,host@example.org,65,1\n"
        "\n"
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
        "Lea Hoffmann,l.h@example.org,03/11/2025 09:58:12 AM,03/11/2025 11:02:40 AM,64,No\n")
LIST = "Teilnehmerliste AG Transfer;\nDatum;12.05.2025\n\nName;Organisation;Unterschrift\nAnna Berg;ZVB;x\n"
PROTOCOL = "Protokoll Fachgruppe Handwerk\n\nDatum: 12.05.2025\nTeilnehmende: Anna Berg (ZVB), Jan Ohm (itb)\n"


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _odf(kind: str, body: bytes) -> bytes:
    return _zip({"mimetype": f"application/vnd.oasis.opendocument.{kind}".encode(),
                 "content.xml": b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
                                b'office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
                                b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body>'
                                + body + b"</office:body></office:document-content>",
                 "META-INF/manifest.xml": b"<manifest/>"})


def _odt() -> bytes:
    lines = b"".join(f"<text:p>{line}</text:p>".encode() for line in PROTOCOL.splitlines())
    return _odf("text", b"<office:text>" + lines + b"</office:text>")


def _ods() -> bytes:
    rows = b"".join(b"<table:table-row>" + b"".join(f"<table:table-cell><text:p>{c}</text:p></table:table-cell>"
                                                    .encode() for c in line.split(";")) + b"</table:table-row>"
                    for line in LIST.splitlines())
    return _odf("spreadsheet", b'<office:spreadsheet><table:table table:name="Liste">' + rows
                + b"</table:table></office:spreadsheet>")


def _xlsx(sheets: dict[str, list[tuple[str, ...]]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


ICS = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Fachgruppe Handwerk\r\n"
       "DTSTART:20250916T080000Z\r\nDTEND:20250916T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
HTML = "<html><body><h1>Protokoll Fachgruppe Handwerk</h1><p>Datum: 12.05.2025</p></body></html>"
RTF = r"{\rtf1\ansi Protokoll Fachgruppe Handwerk\par Datum: 12.05.2025\par}"
EML = ("From: a@example.org\nTo: b@example.org\nSubject: Protokoll Fachgruppe Handwerk\nMIME-Version: 1.0\n"
       "Content-Type: text/plain; charset=utf-8\n\n" + PROTOCOL)
MHT = ("From: <Gespeichert von Word>\nSubject: Protokoll\nMIME-Version: 1.0\n"
       'Content-Type: multipart/related; boundary="x"\n\n--x\nContent-Type: text/html; charset="utf-8"\n\n'
       + HTML + "\n--x--\n")

ACCEPTED = [
    ("protokoll.html", HTML.encode(), "html"),
    ("protokoll.htm", HTML.encode("cp1252"), "htm"),
    ("protokoll.mht", MHT.encode(), "mht"),
    ("protokoll.rtf", RTF.encode(), "rtf"),
    ("einladung.ics", ICS.encode(), "ics"),
    ("protokoll.eml", EML.encode(), "eml"),
    ("protokoll.doc", doc_bytes([(PROTOCOL.replace("\n", "\r"), True)]), "doc"),
    ("protokoll.odt", _odt(), "odt"),
    ("liste.ods", _ods(), "ods"),
    ("notiz.txt", PROTOCOL.encode("utf-16"), "txt"),
    ("Besprechung.csv", b"\xff\xfe" + TEAMS.encode("utf-16-le"), "csv"),
    ("attendance.csv", ZOOM.encode(), "csv"),  # a Zoom report named like master data: content decides
    ("teilnehmerliste.csv", LIST.encode("cp1252"), "csv"),
    ("Teilnehmerliste.xlsx", _xlsx({"Liste": [("Teilnehmerliste AG Transfer",), ("Datum", "12.05.2025"), (),
                                              ("Name", "Organisation"), ("Anna Berg", "ZVB")]}), "xlsx"),
    # office documents saved as one XML file, and an OpenDocument template
    ("protokoll.xml", word_xml(word_paragraph("Protokoll Fachgruppe Handwerk") + word_paragraph("Datum: 12.05.2025")),
     "xml"),
    ("protokoll.fodt", flat_odt("<text:p>Protokoll Fachgruppe Handwerk</text:p><text:p>Datum: 12.05.2025</text:p>"),
     "fodt"),
    ("vorlage.ott", _odf("text-template", b"<office:text><text:p>Datum: 12.05.2025</text:p></office:text>"), "ott"),
    # what programs save under the old names: Word 2003 XML as .doc, a web application's HTML table as .xls
    ("alt.doc", word_xml(word_paragraph("Protokoll Fachgruppe Handwerk") + word_paragraph("Datum: 12.05.2025")),
     "doc"),
    ("wordpad.doc", RTF.encode(), "doc"),
    ("anmeldungen.xls", b"<html><body><table><tr><td>Name</td></tr><tr><td>Anna Berg</td></tr></table></body></html>",
     "xls"),
]


def test_the_upload_accepts_exactly_the_readers_types() -> None:
    assert upload.SUFFIXES is readers.SUFFIXES


@pytest.mark.parametrize(("name", "data", "kind"), ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_every_protocol_type_goes_to_the_protocol_folder_and_reads(name: str, data: bytes, kind: str,
                                                                   tmp_path: Path) -> None:
    check = check_upload(name, data, LIMIT)
    assert (check.accepted, check.reason, check.kind, check.target) == (True, "", kind, PROTOCOL_FOLDER / name)
    path = tmp_path / name
    path.write_bytes(data)
    assert read_document(path).blocks  # what the upload takes, the build reads


@pytest.mark.parametrize(("name", "data", "target"), [
    ("organisations.csv", b"name,short_name,type\nZentralverband,ZVB,Verband\n", "organisations.csv"),
    ("People.CSV", "Name;Organisation;Funktion\nAnna Berg;ZVB;Leitung\n".encode("cp1252"), "people.csv"),
    ("attendance.csv", b"group,date,person,status\nAG Transfer,2025-05-12,Anna Berg,anwesend\n", "attendance.csv"),
    ("stammdaten.xlsx", _xlsx({"organisations": [("name",), ("ZVB",)], "people": [("name",), ("Anna Berg",)]}),
     "stammdaten.xlsx"),
])
def test_master_data_is_known_by_its_header_and_stays_in_the_source_folder(name: str, data: bytes,
                                                                           target: str) -> None:
    check = check_upload(name, data, LIMIT)
    assert (check.accepted, check.reason, check.target) == (True, "", PurePosixPath(target))


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("organisationen.csv", b"name,short_name,type\nZentralverband,ZVB,Verband\n",
     "unbekannte Stammdatendatei: die Kopfzeile passt zu organisations.csv – CSV-Stammdaten müssen "
     "organisations.csv, people.csv, groups.csv, memberships.csv, meetings.csv, attendance.csv, projects.csv, "
     "project_partners.csv, project_events.csv, reports.csv heißen"),
    ("people.csv", "name,organisation\nAnna Berg,ZVB\n".encode("utf-16"),
     "Stammdaten in UTF-16 werden nicht gelesen – bitte als CSV (UTF-8) speichern"),
    ("protokoll.ppt", b"\xd0\xcf\x11\xe0", "PowerPoint-97–2003-Präsentation (.ppt) wird nicht gelesen – bitte in "
     "PowerPoint als .pptx oder PDF speichern"),
    ("protokoll.rtf", b"Protokoll als Text", "Inhalt passt nicht zur Endung „.rtf“: die Datei beginnt nicht mit "
     "„{\\rtf“ (keine RTF-Datei)"),
    ("einladung.ics", b"Termin am Montag", "Inhalt passt nicht zur Endung „.ics“: kein „BEGIN:VCALENDAR“ (keine "
     "Kalenderdatei)"),
    ("protokoll.odt", _ods(), "Inhalt passt nicht zur Endung „.odt“: die Datei ist eine OpenDocument-Tabelle (.ods)"),
    ("protokoll.doc", PROTOCOL.encode(), "Inhalt passt nicht zur Endung „.doc“: die Datei ist eine Textdatei"),
    ("seite.html", b"<html><body>" + b"<div></div>" * 450_000 + b"</body></html>",
     "Die Datei (.html) enthält 450.002 XML-Elemente (höchstens 400.000) – so viel Struktur hat kein Protokoll; "
     "bitte als PDF oder neu gespeichert hochladen"),
])
def test_refused_by_content_with_a_german_reason(name: str, data: bytes, reason: str) -> None:
    check = check_upload(name, data, LIMIT)
    assert (check.accepted, check.reason, check.target) == (False, reason, None)


def test_a_docx_with_a_million_xml_elements_is_refused_at_upload(tmp_path: Path) -> None:
    """The readers' element limit is counted from the bytes before any XML is parsed."""
    data = element_docx(tmp_path / "elemente.docx", 1_000_000).read_bytes()
    check = check_upload("elemente.docx", data, LIMIT)
    assert (check.accepted, check.reason) == (False, "Word-Dokument (.docx) enthält 1.000.003 XML-Elemente "
                                              "(höchstens 400.000) – so viel Struktur hat kein Protokoll; bitte als "
                                              "PDF oder neu gespeichert hochladen")


def test_an_email_with_fifty_thousand_parts_is_refused_at_upload(tmp_path: Path) -> None:
    check = check_upload("teile.eml", parts_eml(tmp_path / "teile.eml").read_bytes(), LIMIT)
    assert (check.accepted, check.reason) == (False, "Die Datei (.eml) enthält über 500 MIME-Teile – keine "
                                              "gewöhnliche Nachricht; bitte das Protokoll als Anhang einzeln "
                                              "speichern")


INVITATION = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n"
              "ATTENDEE;CN=Anna Becker;PARTSTAT=DECLINED:mailto:a.becker@example.org\r\n"
              "ATTENDEE;CN=Jonas Weber;PARTSTAT=ACCEPTED:mailto:j.weber@example.org\r\n"
              "SUMMARY:AG Transfer\r\nDTSTART:20250916T080000Z\r\nDTEND:20250916T100000Z\r\n"
              "LOCATION:Raum 2.14\r\nDESCRIPTION:Ergebnisprotokoll\\nBeschluss: Die AG legt den Bericht vor.\r\n"
              "END:VEVENT\r\nEND:VCALENDAR\r\n")


def test_an_uploaded_teams_report_and_invitation_become_meetings_with_what_each_proves(master_source: Path,
                                                                                       tmp_path: Path) -> None:
    from etl.build.pipeline import build
    from etl.maintain.upload import process_uploads
    from tests.conftest import rows

    db = tmp_path / "netz.db"
    build(master_source, db)
    outcome = process_uploads(master_source, db, [("Handwerk Teams.csv", b"\xff\xfe" + TEAMS.encode("utf-16-le")),
                                                  ("einladung.ics", INVITATION.encode())])
    assert outcome.error is None and [c.target for c in outcome.checks] == [
        PROTOCOL_FOLDER / "Handwerk Teams.csv", PROTOCOL_FOLDER / "einladung.ics"]
    assert rows(db, "SELECT g.name, m.date, m.start, m.\"end\", m.location, m.format FROM meetings m "
                    "JOIN groups g ON g.id = m.group_id WHERE m.source_file LIKE 'protokolle/uploads/%' "
                    "ORDER BY m.date") == [
        ("Fachgruppe Handwerk", "2025-03-11", "09:58", "11:02", "Microsoft Teams (online)", "online"),
        ("AG Transfer", "2025-09-16", "10:00", "12:00", "Raum 2.14", "in_person")]
    assert rows(db, "SELECT a.source_file, p.name, a.status, a.note FROM attendance a JOIN people p ON p.id = "
                    "a.person_id WHERE a.source_file LIKE 'protokolle/uploads/%' ORDER BY a.source_file") == [
        ("protokolle/uploads/Handwerk Teams.csv", "Marlene Vogt", "present", None),
        ("protokolle/uploads/einladung.ics", "Anna Becker", "excused", "Einladung abgesagt"),
        ("protokolle/uploads/einladung.ics", "Jonas Weber", "present", "Einladung zugesagt")]
