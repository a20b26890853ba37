"""Uploads on the Daten page: every refusal (name, size, content, zip and XML bombs, PDFs), acceptance of real
files, storing with replace-or-refuse, rollback on a fatal build, the build's own zip-bomb guard, the page flow."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
import streamlit as st
from docx import Document
from openpyxl import Workbook
from pypdf import PdfWriter
from streamlit.testing.v1 import AppTest

from etl.build.pipeline import build
from etl.core.errors import BuildError
from etl.extract.readers import SUFFIXES
from etl.extract.safe_zip import MB, check_zip
from etl.maintain import upload, versions
from etl.maintain.upload import check_upload, process_uploads, store_uploads, upload_target
from tests.conftest import DEMO, MASTER, ROOT, rows

LIMIT = 20 * MB
DEMO_PDF = sorted(DEMO.glob("protokolle/**/*.pdf"))[0]
DEMO_DOCX = sorted(DEMO.glob("protokolle/**/*.docx"))[0]
DEMO_MD = sorted(DEMO.glob("protokolle/**/*.md"))[0]
PROTOCOL = """## Protokoll Fachgruppe Handwerk

Datum: 15.10.2024

Ort: Online

Teilnehmende:
- Dr. Anna Becker (HWK Musterstadt)
- Tom Krüger (SHK-Innung Nordstadt)
""".encode()


# --- building hostile and real files -------------------------------------------------------


def docx_bytes(text: str = "Protokoll Fachgruppe Handwerk") -> bytes:
    document = Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "organisations"
    sheet.append(["name", "short_name"])
    sheet.append(["Handwerkskammer Beispiel", "HWK B"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """A copy of a ZIP with some entries replaced or added (deflated)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, (replace or {}).get(item.filename, src.read(item)))
        for name, content in (add or {}).items():
            dst.writestr(name, content)
    return out.getvalue()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>
<w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""


def ratio_bomb() -> bytes:
    """A docx with an entry that declares 30 MB of zeros deflated to about 30 KB (ratio ~1000:1)."""
    return rezip(docx_bytes(), add={"word/media/bomb.xml": b"\0" * (30 * MB)})


def size_bomb() -> bytes:
    """101 entries of 1 MB each (below the ratio floor one by one), 101 MB together."""
    return rezip(docx_bytes(), add={f"word/media/part{i}.bin": b"\0" * MB for i in range(101)})


def count_bomb() -> bytes:
    return rezip(docx_bytes(), add={f"customXml/item{i}.txt": b"x" for i in range(5001)})


def encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(DEMO_PDF.read_bytes()))
    writer.encrypt("geheim", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- refusals ------------------------------------------------------------------------------

# (file name, content or the function that writes it, reason). The bombs are written when their test runs, not
# when the module is imported: every worker imports every test module, only one runs these tests.
REFUSALS = [
    ("zu-gross.md", b"a" * (LIMIT + 1), "Datei ist zu groß (20 MB; erlaubt sind höchstens 20 MB je Datei)"),
    ("leer.pdf", b"", "Datei ist leer"),
    ("bericht.pdf", b"Das ist nur Text.\n", "Inhalt passt nicht zur Endung „.pdf“: die Datei ist eine Textdatei"),
    ("protokoll.docx", DEMO_PDF.read_bytes(), "Inhalt passt nicht zur Endung „.docx“: die Datei ist eine PDF-Datei"),
    ("protokoll.docx", xlsx_bytes(),
     "Inhalt passt nicht zur Endung „.docx“: die Datei ist eine Excel-Arbeitsmappe (.xlsx)"),
    ("stammdaten.xlsx", docx_bytes(),
     "Inhalt passt nicht zur Endung „.xlsx“: die Datei ist ein Word-Dokument (.docx)"),
    ("notiz.md", docx_bytes(), "Inhalt passt nicht zur Endung „.md“: die Datei ist ein Word-Dokument (.docx)"),
    ("organisations.csv", b"\x00\x01\x02name\x00", "Inhalt passt nicht zur Endung „.csv“: die Datei ist keine "
     "Textdatei (Binärdaten oder unbekannte Zeichenkodierung)"),
    ("alt.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "Inhalt passt nicht zur Endung „.docx“: die Datei "
     "ist eine alte oder kennwortgeschützte Office-Datei (.doc/.xls) – bitte als .docx/.xlsx ohne Kennwort speichern"),
    ("einladung.ics", "BEGIN:VCALENDAR".encode("utf-16"), "Inhalt passt nicht zur Endung „.ics“: die Datei ist eine "
     "Textdatei in UTF-16 – bitte als UTF-8 speichern"),
    ("bombe.docx", ratio_bomb, re.compile(r"Eintrag „word/media/bomb\.xml“ ist 10\d\d-fach komprimiert \(erlaubt: "
                                            r"höchstens 100-fach\) – möglicherweise eine ZIP-Bombe")),
    ("bombe.docx", size_bomb, "ergäbe entpackt mehr als 100 MB (erlaubt: höchstens 100 MB) – möglicherweise eine "
     "ZIP-Bombe"),
    ("bombe.docx", count_bomb, "enthält 5018 Einträge (höchstens 5000 erlaubt) – möglicherweise eine ZIP-Bombe"),
    ("lachen.docx", rezip(docx_bytes(), replace={"word/document.xml": BILLION_LAUGHS}),
     "„word/document.xml“ enthält eine DTD oder Entitäten (mögliche XML-Bombe) – nicht erlaubt"),
    ("lachen.xlsx", rezip(xlsx_bytes(), replace={"[Content_Types].xml": BILLION_LAUGHS}),
     "„[Content_Types].xml“ enthält eine DTD oder Entitäten (mögliche XML-Bombe) – nicht erlaubt"),
    ("kaputt.docx", rezip(docx_bytes(), replace={"word/document.xml": b"<a><b></a>"}),
     "„word/document.xml“ ist kein gültiges XML (mismatched tag: line 1, column 8)"),
    ("abgeschnitten.docx", docx_bytes()[:400],
     "kein gültiges ZIP-Archiv, Datei ist beschädigt (File is not a zip file)"),
    ("geheim.pdf", encrypted_pdf(),
     "PDF ist verschlüsselt (Kennwortschutz) – bitte ohne Kennwort speichern und erneut hochladen"),
    ("kaputt.pdf", DEMO_PDF.read_bytes()[:600],
     "PDF ist beschädigt und nicht lesbar (PdfStreamError: Stream has ended unexpectedly)"),
    ("../organisations.csv", b"name\nA\n",
     "Dateiname enthält „..“ (Verweis auf einen übergeordneten Ordner) – nicht erlaubt"),
    ("/etc/organisations.csv", b"name\nA\n",
     "Dateiname ist ein absoluter Pfad – nur einfache Dateinamen ohne Ordner sind erlaubt"),
    ("C:\\daten\\organisations.csv", b"name\nA\n",
     "Dateiname ist ein absoluter Pfad – nur einfache Dateinamen ohne Ordner sind erlaubt"),
    ("unter\\organisations.csv", b"name\nA\n",
     "Dateiname enthält einen Ordner („/“ oder „\\“) – nur einfache Dateinamen sind erlaubt"),
    ("organisations.csv\x00.pdf", b"name\nA\n", "Dateiname enthält ein NUL-Zeichen"),
    ("proto\x1bkoll.md", PROTOCOL, "Dateiname enthält Steuerzeichen oder unsichtbare Zeichen"),
    ("rechnung\u202efdp.md", PROTOCOL, "Dateiname enthält Steuerzeichen oder unsichtbare Zeichen"),
    (".versteckt.md", PROTOCOL, "versteckte Datei (Name beginnt mit einem Punkt) – nicht erlaubt"),
    ("~$protokoll.docx", docx_bytes(), "temporäre Office-Sperrdatei (~$…) – bitte die eigentliche Datei hochladen"),
    ("CON.md", PROTOCOL, "Dateiname ist ein reservierter Gerätename (CON, NUL, COM1 …)"),
    ("was?.md", PROTOCOL, "Dateiname enthält unzulässige Zeichen (?)"),
    ("protokoll.md.", PROTOCOL, "Dateiname endet mit Leerzeichen oder Punkt"),
    ("a" * 200 + ".md", PROTOCOL, "Dateiname ist zu lang (höchstens 200 Bytes)"),
    ("programm.exe", b"MZ\x90\x00", f"Dateityp „.exe“ wird nicht angenommen (erlaubt: {', '.join(SUFFIXES)})"),
    ("liste.csv", b"name\nA\n", "weder Stammdaten noch eine lesbare Teilnehmerliste (enthält keinen lesbaren Text) "
     "– CSV-Stammdaten müssen organisations.csv, people.csv, "
     "groups.csv, memberships.csv, meetings.csv, attendance.csv, projects.csv, project_partners.csv, "
     "project_events.csv, reports.csv heißen"),
]


@pytest.mark.parametrize(("name", "data", "reason"), REFUSALS, ids=[f"{i}-{r[0][:20]}" for i, r in enumerate(REFUSALS)])
def test_refused_with_a_german_reason(name, data, reason):
    check = check_upload(name, data() if callable(data) else data, LIMIT)
    if isinstance(reason, re.Pattern):  # the exact ratio depends on the zlib version
        assert reason.fullmatch(check.reason), check.reason
        reason = check.reason
    assert (check.accepted, check.reason, check.target) == (False, reason, None)
    assert check.message == f"{name}: {reason}"


def test_size_limit_counts_bytes_and_says_both_sizes():
    check = check_upload("gross.md", b"a" * (3 * MB + MB // 2), 3 * MB)
    assert check.reason == "Datei ist zu groß (3,5 MB; erlaubt sind höchstens 3 MB je Datei)"
    assert check_upload("genau.md", b"a" * (3 * MB), 3 * MB).accepted


# --- acceptance ----------------------------------------------------------------------------

ACCEPTED = [
    ("Organisations.CSV", (MASTER / "organisations.csv").read_bytes(), "csv", "organisations.csv"),
    ("people.csv", "name\nJürgen Groß\n".encode("cp1252"), "csv", "people.csv"),
    ("Stammdaten 2024.xlsx", xlsx_bytes(), "xlsx", "Stammdaten 2024.xlsx"),
    ("Protokoll Handwerk.docx", DEMO_DOCX.read_bytes(), "docx", "protokolle/uploads/Protokoll Handwerk.docx"),
    ("neu.docx", docx_bytes(), "docx", "protokolle/uploads/neu.docx"),
    ("2023-03-23 Protokoll.pdf", DEMO_PDF.read_bytes(), "pdf", "protokolle/uploads/2023-03-23 Protokoll.pdf"),
    ("sitzung.md", DEMO_MD.read_bytes(), "md", "protokolle/uploads/sitzung.md"),
    ("notiz.txt", "Protokoll – Größe".encode(), "txt", "protokolle/uploads/notiz.txt"),
    ("Prüfung.md", b"Protokoll", "md", "protokolle/uploads/Prüfung.md"),
]


@pytest.mark.parametrize(("name", "data", "kind", "target"), ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_real_files_are_accepted_with_their_target(name, data, kind, target):
    check = check_upload(name, data, LIMIT)
    assert (check.accepted, check.reason, check.kind, str(check.target)) == (True, "", kind, target)


def test_decomposed_umlauts_are_stored_composed():
    check = check_upload("Pru\u0308fung.md", b"Protokoll", LIMIT)
    assert str(check.target) == "protokolle/uploads/Pr\u00fcfung.md"


# --- the zip check the build uses ----------------------------------------------------------


def test_check_zip_raises_the_callers_error_type():
    with pytest.raises(BuildError, match="^x: .*ZIP-Bombe"):
        check_zip(ratio_bomb(), lambda message: BuildError(f"x: {message}"))
    assert {e.filename for e in check_zip(docx_bytes())} >= {"word/document.xml", "[Content_Types].xml"}


def test_build_refuses_a_zip_bomb_workbook_before_openpyxl_opens_it(master_source, tmp_path):
    db = tmp_path / "netz.db"
    build(master_source, db)
    bomb = rezip(xlsx_bytes(), add={"xl/worksheets/bomb.xml": b"\0" * (30 * MB)})
    (master_source / "bombe.xlsx").write_bytes(bomb)
    with pytest.raises(BuildError, match=r"^bombe\.xlsx: Arbeitsmappe abgelehnt: .*möglicherweise eine ZIP-Bombe\.$"):
        build(master_source, db)


def test_build_rejects_a_zip_bomb_protocol_and_loads_the_rest(master_source, tmp_path):
    folder = master_source / "protokolle"
    folder.mkdir()
    (folder / "bombe.docx").write_bytes(ratio_bomb())
    (folder / "gut.md").write_bytes(PROTOCOL)
    result = build(master_source, tmp_path / "netz.db")
    reasons = {r.file: r.reason for r in result.rejects if r.file.startswith("protokolle/")}
    assert reasons["protokolle/bombe.docx"].startswith("Protokoll nicht geladen: Word-Datei (.docx) abgelehnt: ")
    assert reasons["protokolle/bombe.docx"].endswith("möglicherweise eine ZIP-Bombe")
    assert result.per_file["protokolle/gut.md"]["loaded"] > 0


# --- storing, replacing, building ----------------------------------------------------------


def test_store_writes_to_target_and_never_overwrites_silently(tmp_path):
    check = check_upload("sitzung.md", PROTOCOL, LIMIT)
    [path] = store_uploads(tmp_path, [(check, PROTOCOL)])
    assert path == tmp_path / "protokolle" / "uploads" / "sitzung.md" and path.read_bytes() == PROTOCOL
    with pytest.raises(FileExistsError):
        store_uploads(tmp_path, [(check, b"anders")])
    store_uploads(tmp_path, [(check, b"anders")], replace_existing=True)
    assert path.read_bytes() == b"anders"
    assert sorted(p.name for p in path.parent.iterdir()) == ["sitzung.md"]  # no temp files left


def test_upload_stores_builds_and_reports_per_file(master_source, tmp_path):
    db = tmp_path / "netz.db"
    build(master_source, db)
    outcome = process_uploads(master_source, db, [("Sitzung Handwerk.md", PROTOCOL), ("../x.md", PROTOCOL)])
    assert [(c.name, c.accepted) for c in outcome.checks] == [("Sitzung Handwerk.md", True), ("../x.md", False)]
    assert outcome.stored == [master_source / "protokolle" / "uploads" / "Sitzung Handwerk.md"]
    assert outcome.error is None and not outcome.result.unchanged
    assert outcome.result.per_file["protokolle/uploads/Sitzung Handwerk.md"] == {"read": 2, "loaded": 2, "rejected": 0}
    assert rows(db, "SELECT date FROM meetings WHERE source_file = ?",
                ("protokolle/uploads/Sitzung Handwerk.md",)) == [("2024-10-15",)]


def test_existing_file_is_refused_unless_replace_is_ticked(master_source, tmp_path):
    db = tmp_path / "netz.db"
    build(master_source, db)
    original = (master_source / "reports.csv").read_bytes()
    new = original + b"Fachgruppe Handwerk,2023,2023-11-02,AG Transfer\n"
    refused = process_uploads(master_source, db, [("reports.csv", new)])
    assert [c.reason for c in refused.checks] == [
        "„reports.csv“ gibt es im Quellordner schon – zum Überschreiben „vorhandene Dateien ersetzen“ ankreuzen"]
    assert refused.result is None and (master_source / "reports.csv").read_bytes() == original
    replaced = process_uploads(master_source, db, [("reports.csv", new)], replace_existing=True)
    assert replaced.stored == [master_source / "reports.csv"] and replaced.result is not None
    assert rows(db, "SELECT year FROM reports ORDER BY year") == [(2023,), (2024,)]
    assert [p.name for p in master_source.glob(".*")] == [".versionen"]  # the replaced file is kept as a version
    assert [(v.path, v.reason, v.existed, v.size) for v in versions.versions(master_source)] == [
        ("reports.csv", "Hochladen", True, len(original))]


def test_same_name_twice_in_one_upload_keeps_the_first(master_source, tmp_path):
    outcome = process_uploads(master_source, tmp_path / "netz.db", [("a.md", PROTOCOL), ("A.md", b"zweites")])
    assert [c.reason for c in outcome.checks] == [
        "", "Datei mit diesem Namen ist in dieser Auswahl mehrfach enthalten – nur die erste wird übernommen"]


def test_fatal_build_error_takes_the_upload_back_and_keeps_the_database(master_source, tmp_path):
    db = tmp_path / "netz.db"
    build(master_source, db)
    before, people = db.read_bytes(), (master_source / "people.csv").read_bytes()
    outcome = process_uploads(master_source, db, [("people.csv", b"vorname,organisation\nA,B\n"), ("neu.md", PROTOCOL)],
                              replace_existing=True)
    assert outcome.error == "people.csv: Pflichtspalte fehlt: name (vorhanden: vorname, organisation)."
    assert outcome.result is None and outcome.stored == []
    assert (master_source / "people.csv").read_bytes() == people
    assert not (master_source / "protokolle" / "uploads" / "neu.md").exists()
    assert db.read_bytes() == before
    assert [p.name for p in master_source.glob(".*")] == [".versionen"]


def test_first_upload_copies_the_seed_into_the_working_copy(tmp_path):
    source, db = tmp_path / "uploads" / "quelle", tmp_path / "netz.db"
    outcome = process_uploads(source, db, [("neu.md", PROTOCOL)], seed=MASTER)
    assert (source / "organisations.csv").read_bytes() == (MASTER / "organisations.csv").read_bytes()
    assert (source / "protokolle" / "uploads" / "neu.md").exists() and outcome.result is not None
    assert sorted(p.name for p in source.parent.iterdir()) == ["quelle"]


def test_nothing_accepted_writes_nothing(tmp_path):
    source = tmp_path / "quelle"
    outcome = process_uploads(source, tmp_path / "netz.db", [("leer.md", b"")], seed=MASTER)
    assert outcome.result is None and not source.exists()


# --- where uploads go ----------------------------------------------------------------------


@pytest.fixture
def working_copy(monkeypatch, tmp_path):
    """The upload working copy moved to a temp folder, so tests never write into the repository."""
    folder = tmp_path / "uploads" / "quelle"
    monkeypatch.setattr(upload, "UPLOAD_SOURCE", folder)
    monkeypatch.setattr("vocab.paths.UPLOAD_SOURCE", folder)
    monkeypatch.delenv("NETZWERKRADAR_SOURCE", raising=False)
    monkeypatch.delenv(upload.ALLOW_DEMO_ENV, raising=False)
    return folder


def test_default_target_is_a_working_copy_seeded_from_the_demo(working_copy):
    from vocab.paths import DEMO_SOURCE, source_path

    target = upload_target()
    assert (target.source, target.allowed, target.seed) == (working_copy, True, DEMO_SOURCE)
    assert "data/uploads/quelle/" in target.explanation and source_path() == DEMO_SOURCE
    working_copy.mkdir(parents=True)
    assert upload_target().seed is None and source_path() == working_copy  # the app builds from it from now on


def test_the_committed_demo_folder_is_only_written_when_allowed(working_copy, monkeypatch):
    from vocab.paths import DEMO_SOURCE

    monkeypatch.setenv("NETZWERKRADAR_SOURCE", str(DEMO_SOURCE))
    target = upload_target()
    assert not target.allowed and target.explanation.startswith("Hochladen ist ausgeschaltet: Der Quellordner ist "
                                                                "der mitgelieferte Demo-Ordner")
    monkeypatch.setenv(upload.ALLOW_DEMO_ENV, "1")
    assert (upload_target().source, upload_target().allowed) == (DEMO_SOURCE, True)


def test_configured_source_is_the_target(working_copy, monkeypatch, tmp_path):
    monkeypatch.setenv("NETZWERKRADAR_SOURCE", str(tmp_path / "eigene"))
    target = upload_target()
    assert (target.source, target.allowed, target.seed) == (tmp_path / "eigene", True, None)


@pytest.mark.parametrize(("value", "expected"), [(None, 20), ("5", 5), ("0", 20), ("viel", 20)])
def test_limit_from_environment(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv(upload.LIMIT_ENV, raising=False)
    else:
        monkeypatch.setenv(upload.LIMIT_ENV, value)
    assert upload.limit_mb() == expected


def test_streamlit_upload_limit_matches_the_default():
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == upload.DEFAULT_LIMIT_MB


# --- the Daten page ------------------------------------------------------------------------


@pytest.fixture
def page(monkeypatch, master_source, tmp_path):
    """The Daten page through AppTest, on a built copy of the master fixture that uploads go to."""
    st.cache_data.clear()
    st.cache_resource.clear()
    db = tmp_path / "netz.db"
    build(master_source, db)
    monkeypatch.setenv("NETZWERKRADAR_DB", str(db))
    monkeypatch.setenv("NETZWERKRADAR_SOURCE", str(master_source))
    monkeypatch.setenv("NETZWERKRADAR_AS_OF", "2024-12-31")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("pages/daten.py").run()
    assert not at.exception, [e.value for e in at.exception]
    yield at
    st.cache_data.clear()
    st.cache_resource.clear()


def test_page_upload_stores_builds_and_shows_summary_and_refusals(page, master_source):
    assert any("höchstens 20 MB je Datei" in c.value for c in page.main.caption)
    page.file_uploader(key="upload_files").set_value([("Sitzung.md", PROTOCOL, "text/markdown"),
                                                      ("bericht.pdf", b"nur Text", "application/pdf")])
    page.button(key="upload_submit").click().run()
    assert not page.exception, [e.value for e in page.exception]
    assert (master_source / "protokolle" / "uploads" / "Sitzung.md").read_bytes() == PROTOCOL
    assert [e.value for e in page.error] == ["1 Datei nicht angenommen."]
    refused = page.dataframe[-3].value
    assert refused.to_dict("records") == [
        {"Datei": "bericht.pdf", "Grund": "Inhalt passt nicht zur Endung „.pdf“: die Datei ist eine Textdatei"}]
    assert page.success[-1].value.startswith("1 Datei gespeichert und Datenbank neu gebaut")
    summary = page.dataframe[-2].value.set_index("Datei")
    assert summary.loc["protokolle/uploads/Sitzung.md"].to_dict() == {
        "hochgeladen": True, "gelesen": 2, "geladen": 2, "abgelehnt": 0}
    assert not summary.loc["organisations.csv", "hochgeladen"]
    assert page.metric[3].value == "1"  # the page was drawn again from the new database: one protocol


def test_page_refuses_an_existing_file_unless_replace_is_ticked(page, master_source):
    page.file_uploader(key="upload_files").set_value(("reports.csv", b"group,year\nAG Transfer,2020\n", "text/csv"))
    page.button(key="upload_submit").click().run()
    assert page.dataframe[-1].value["Grund"].tolist() == [
        "„reports.csv“ gibt es im Quellordner schon – zum Überschreiben „vorhandene Dateien ersetzen“ ankreuzen"]
    page.file_uploader(key="upload_files").set_value(("reports.csv", b"group,year\nAG Transfer,2020\n", "text/csv"))
    page.checkbox(key="upload_replace").check()
    page.button(key="upload_submit").click().run()
    assert not page.error and (master_source / "reports.csv").read_bytes() == b"group,year\nAG Transfer,2020\n"


def test_page_without_writable_target_explains_instead_of_offering_uploads(page, monkeypatch):
    from vocab.paths import DEMO_SOURCE

    monkeypatch.setenv("NETZWERKRADAR_SOURCE", str(DEMO_SOURCE))
    page.run()
    assert not page.file_uploader
    assert page.main.caption[-1].value.startswith("Hochladen ist ausgeschaltet")


def test_a_submit_without_an_accepted_file_explains_the_size_limit(page):
    page.button(key="upload_submit").click().run()  # what is left when the browser dropped a 200 MB file
    assert not page.exception
    assert [w.value for w in page.warning if w.value.startswith("Keine Datei hochgeladen")] == [
        "Keine Datei hochgeladen. Dateien über 20 MB nimmt das Formular nicht an (der Browser weist sie schon vor "
        "dem Senden ab); größere Dateien bitte teilen oder direkt in den Quellordner legen und `python -m etl "
        "build` ausführen."]
