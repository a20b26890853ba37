"""Uploads from the Daten page: check each file by its content, store the accepted ones, rebuild.

Files come from people's mailboxes, so nothing about them is trusted: not the name (it becomes a
path), not the suffix (it is checked against the content), not the declared ZIP sizes (checked
before anything unpacks) and not the XML inside office files (DTDs and entities are refused).
Streamlit-free: the page hands over names and bytes and draws the outcome.

Unsafe names are refused with a reason, never silently rewritten, so the stored file is exactly
the one the user named. The only change is Unicode NFC (macOS sends decomposed umlauts) and the
lower-case canonical name of master-data CSVs (`Organisations.CSV` -> `organisations.csv`),
because the build finds those case-insensitively and two spellings would shadow each other.
"""

from __future__ import annotations

import io
import json
import os
import re
import secrets
import shutil
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from etl.build.guard import FileRejects, GuardReport, TableChange
from etl.build.pipeline import BuildResult, Progress, build
from etl.core.errors import BuildError, ProtocolError
from etl.extract import limits
from etl.extract.readers import ADVICE, IMAGE_SUFFIXES
from etl.extract.readers import SUFFIXES as PROTOCOL_SUFFIXES
from etl.extract.readers.transcript import MAX_CUES
from etl.extract.rows import HEADER_ALIASES, SPECS, Reject
from etl.extract.safe_zip import MB, check_zip
from etl.extract.sources import MASTER_FILES, sniff_delimiter
from etl.maintain import maintenance, versions
from etl.maintain.correction_files import log_change
from vocab.paths import DEMO_SOURCE, UPLOAD_SOURCE

LIMIT_ENV = "NETZWERKRADAR_UPLOAD_LIMIT_MB"
ALLOW_DEMO_ENV = "NETZWERKRADAR_ALLOW_DEMO_UPLOAD"
DEFAULT_LIMIT_MB = 20
PROTOCOL_FOLDER = PurePosixPath("protokolle") / "uploads"
# Every type the protocol readers read (master data is .csv/.xlsx, both among them): one list, the readers'.
SUFFIXES = PROTOCOL_SUFFIXES
MAX_NAME_BYTES = 200

_WINDOWS_FORBIDDEN = set('<>:"|?*')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])$", re.IGNORECASE)
_ZIP_MAIN = {".docx": ("word/document.xml", "ein Word-Dokument (.docx)"),
             ".docm": ("word/document.xml", "ein Word-Dokument mit Makros (.docm)"),
             ".dotx": ("word/document.xml", "eine Word-Vorlage (.dotx)"),
             ".dotm": ("word/document.xml", "eine Word-Vorlage mit Makros (.dotm)"),
             ".xlsx": ("xl/workbook.xml", "eine Excel-Arbeitsmappe (.xlsx)"),
             ".xlsm": ("xl/workbook.xml", "eine Excel-Arbeitsmappe mit Makros (.xlsm)"),
             ".pptx": ("ppt/presentation.xml", "eine PowerPoint-Präsentation (.pptx)"),
             ".pptm": ("ppt/presentation.xml", "eine PowerPoint-Präsentation mit Makros (.pptm)"),
             ".odt": ("content.xml", "ein OpenDocument-Text (.odt)"),
             ".ott": ("content.xml", "eine OpenDocument-Textvorlage (.ott)"),
             ".odp": ("content.xml", "eine OpenDocument-Präsentation (.odp)"),
             ".numbers": ("Index/Document.iwa", "eine Apple-Numbers-Tabelle (.numbers)"),
             ".ods": ("content.xml", "eine OpenDocument-Tabelle (.ods)")}
_ODF_TYPES = {b"application/vnd.oasis.opendocument.text": ".odt",
              b"application/vnd.oasis.opendocument.text-template": ".odt",
              b"application/vnd.oasis.opendocument.spreadsheet": ".ods",
              b"application/vnd.oasis.opendocument.presentation": ".odp"}
# Text types whose reader also decodes UTF-16 (Teams exports its attendance report so).
_UTF16_READ = (".md", ".markdown", ".txt", ".csv", ".html", ".htm", ".xml")
# What the bytes of each type start as; every other type is text (UTF-8, Windows-1252 or UTF-16).
_CONTAINERS = {".pdf": "pdf", **dict.fromkeys(_ZIP_MAIN, "zip"), ".doc": "ole", ".dot": "ole", ".xls": "ole",
               ".msg": "ole", ".oft": "ole"}
# Suffixes of one package family (what `_zip_type` tells apart): a template or a file with macros is read as
# its family's document, the macros never run or read.
_FAMILY = {".docm": ".docx", ".dotx": ".docx", ".dotm": ".docx", ".xlsm": ".xlsx", ".pptm": ".pptx", ".ott": ".odt"}


@dataclass(frozen=True)
class UploadCheck:
    """The verdict on one uploaded file: accepted with a target path, or refused with a German reason."""

    name: str  # as uploaded
    accepted: bool
    reason: str = ""
    kind: str | None = None  # the suffix without its dot (csv, xlsx, docx, pdf, ics …), its content checked
    target: PurePosixPath | None = None  # relative to the source folder
    size: int = 0

    @property
    def message(self) -> str:
        """One German line naming file and reason, for lists of refused files."""
        return f"{self.name}: {self.reason}" if not self.accepted else f"{self.name}: angenommen ({self.target})"


@dataclass(frozen=True)
class UploadTarget:
    """Where uploads of this app go, and whether they are allowed at all (German explanation for the UI)."""

    source: Path
    allowed: bool
    explanation: str
    seed: Path | None = None  # copied to `source` on the first upload (the demo data), if `source` is missing


@dataclass
class UploadOutcome:
    """What one upload did: the verdict on every file, what was stored, and the build that followed."""

    checks: list[UploadCheck]
    stored: list[Path] = field(default_factory=list)
    result: BuildResult | None = None
    error: str | None = None  # German message of a fatal build error; the stored files were taken out again
    change: maintenance.ChangeOutcome | None = None  # versions kept; `.refused` when the guard held it back
    pending: PendingUpload | None = None  # held back by the guard: waits outside the source folder

    @property
    def refused(self) -> list[UploadCheck]:
        return [c for c in self.checks if not c.accepted]


# --- limits and target folder ---------------------------------------------------------------


def limit_mb() -> int:
    """The per-file limit in MB: NETZWERKRADAR_UPLOAD_LIMIT_MB when it is a positive number, else 20."""
    try:
        value = int(os.environ.get(LIMIT_ENV, "") or DEFAULT_LIMIT_MB)
    except ValueError:
        return DEFAULT_LIMIT_MB
    return value if value > 0 else DEFAULT_LIMIT_MB


def upload_target() -> UploadTarget:
    """Where the Daten page stores uploads; never the committed demo folder unless explicitly allowed.

    NETZWERKRADAR_SOURCE set: that folder (the app builds from it). Not set: a working copy of the
    demo under data/uploads/quelle/ (gitignored), created on the first upload; vocab.paths.source_path()
    prefers it from then on, so the app keeps building from it.
    """
    allow_demo = os.environ.get(ALLOW_DEMO_ENV) == "1"
    configured = os.environ.get("NETZWERKRADAR_SOURCE")
    if configured or allow_demo:
        source = Path(configured) if configured else DEMO_SOURCE
        if _same(source, DEMO_SOURCE) and not allow_demo:
            return UploadTarget(source, False, "Hochladen ist ausgeschaltet: Der Quellordner ist der mitgelieferte "
                                "Demo-Ordner, der zum Repository gehört. Setzen Sie NETZWERKRADAR_SOURCE auf einen "
                                f"eigenen Ordner (oder {ALLOW_DEMO_ENV}=1, um in den Demo-Ordner zu schreiben).")
        if not _writable(source):
            return UploadTarget(source, False, f"Hochladen ist nicht möglich: Der Quellordner {source} ist "
                                "schreibgeschützt.")
        return UploadTarget(source, True, f"Hochgeladene Dateien werden im Quellordner {source} gespeichert "
                            f"(Stammdaten im Ordner selbst, Protokolle unter {PROTOCOL_FOLDER}/); danach wird die "
                            "Datenbank neu gebaut.")
    if not _writable(UPLOAD_SOURCE):
        return UploadTarget(UPLOAD_SOURCE, False, f"Hochladen ist nicht möglich: {UPLOAD_SOURCE.parent} ist "
                            "schreibgeschützt.")
    return UploadTarget(UPLOAD_SOURCE, True, "Hochgeladene Dateien landen in einer Arbeitskopie der Demo-Daten "
                        "unter data/uploads/quelle/ (beim ersten Hochladen angelegt, nicht Teil des Repositorys); "
                        "die App baut ihre Datenbank ab dann aus dieser Kopie. Für eigene Daten setzen Sie "
                        "NETZWERKRADAR_SOURCE auf Ihren Quellordner; zum Zurücksetzen löschen Sie data/uploads/.",
                        seed=None if UPLOAD_SOURCE.is_dir() else DEMO_SOURCE)


def _same(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def _writable(folder: Path) -> bool:
    """True when `folder` (or, if missing, the nearest existing parent that would hold it) is writable."""
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    return probe.is_dir() and os.access(probe, os.W_OK | os.X_OK)


# --- checks ---------------------------------------------------------------------------------


def check_upload(name: str, data: bytes, limit_bytes: int) -> UploadCheck:
    """Accept or refuse one uploaded file by its name, size and content; pure, nothing is written."""
    size = len(data)

    def refuse(reason: str) -> UploadCheck:
        return UploadCheck(name, False, reason, size=size)

    if problem := name_problem(name):
        return refuse(problem)
    clean = unicodedata.normalize("NFC", name)
    suffix = PurePosixPath(clean).suffix.lower()
    if suffix in ADVICE:
        return refuse(ADVICE[suffix])
    if suffix not in SUFFIXES:
        return refuse(f"Dateityp „{suffix or '(ohne Endung)'}“ wird nicht angenommen (erlaubt: {', '.join(SUFFIXES)})")
    if not data:
        return refuse("Datei ist leer")
    if size > limit_bytes:
        return refuse(f"Datei ist zu groß ({_mb(size)} MB; erlaubt sind höchstens {_mb(limit_bytes)} MB je Datei)")
    if problem := content_problem(suffix, data):
        return refuse(problem)
    kind = suffix.lstrip(".")
    target = PROTOCOL_FOLDER / clean
    if kind == "csv":
        stem = PurePosixPath(clean).stem.lower()
        role = csv_role(stem, data, clean)
        if role == "master":
            if _content_kind(data) == "utf16":
                return refuse("Stammdaten in UTF-16 werden nicht gelesen – bitte als CSV (UTF-8) speichern")
            target = PurePosixPath(f"{stem}.csv")
        elif role != "protocol":
            return refuse(role)
    elif kind == "xlsx" and is_master_workbook(data):
        target = PurePosixPath(clean)
    return UploadCheck(name, True, kind=kind, target=target, size=size)


def name_problem(name: str) -> str | None:
    """Why a file name cannot become a file in the source folder, or None when it is a safe basename."""
    if not name or not name.strip():
        return "Dateiname fehlt"
    if "\x00" in name:
        return "Dateiname enthält ein NUL-Zeichen"
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in name):
        return "Dateiname enthält Steuerzeichen oder unsichtbare Zeichen"
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return "Dateiname ist ein absoluter Pfad – nur einfache Dateinamen ohne Ordner sind erlaubt"
    parts = re.split(r"[/\\]", name)
    if ".." in parts:
        return "Dateiname enthält „..“ (Verweis auf einen übergeordneten Ordner) – nicht erlaubt"
    if len(parts) > 1:
        return "Dateiname enthält einen Ordner („/“ oder „\\“) – nur einfache Dateinamen sind erlaubt"
    if name.startswith("~$"):
        return "temporäre Office-Sperrdatei (~$…) – bitte die eigentliche Datei hochladen"
    if name.startswith("."):
        return "versteckte Datei (Name beginnt mit einem Punkt) – nicht erlaubt"
    if found := sorted(_WINDOWS_FORBIDDEN & set(name)):
        return f"Dateiname enthält unzulässige Zeichen ({' '.join(found)})"
    if name[-1] in " .":
        return "Dateiname endet mit Leerzeichen oder Punkt"
    if _RESERVED.match(name.split(".", 1)[0].strip()):
        return "Dateiname ist ein reservierter Gerätename (CON, NUL, COM1 …)"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return f"Dateiname ist zu lang (höchstens {MAX_NAME_BYTES} Bytes)"
    return None


def content_problem(suffix: str, data: bytes) -> str | None:
    """Why the bytes are not what the suffix promises (or are unsafe or too big to read), or None.

    Cheap checks only (no page is rendered, no document built): the container, then the readers' own
    limits (etl.extract.limits) counted from the bytes, so a file the build would refuse after a long
    read is refused here at once.
    """
    if suffix in IMAGE_SUFFIXES:  # signature, pages and pixels from the header, no pixel decoded
        from etl.extract.readers.image import check_image

        try:
            check_image(data, "", suffix)
        except ProtocolError as exc:
            return exc.message
        return None
    found = _content_kind(data)
    expected = _CONTAINERS.get(suffix, "text")
    if suffix in (".doc", ".xls") and found == "text" and _saved_as_old_office(data):
        expected = "text"  # Word/Excel 2003 XML or a web application's HTML table named .doc/.xls: the readers read it
    if found != expected and not (found == "utf16" and suffix in _UTF16_READ):
        return f"Inhalt passt nicht zur Endung „{suffix}“: die Datei ist {_describe(found, data)}"
    if suffix == ".pdf":
        return _pdf_problem(data)
    if suffix in _ZIP_MAIN:
        return _office_problem(suffix, data)
    what = f"Die Datei ({suffix})"
    try:
        if expected == "ole":
            limits.check_ole_entries(data, what, "")
        elif suffix in (".eml", ".mht", ".mhtml"):
            limits.check_mime_parts(data, what, "")
        elif suffix in (".html", ".htm", ".xml", ".fodt", ".fods", ".fodp", ".enex"):
            limits.check_xml_elements(limits.count_xml_elements(data), what, "")
    except ProtocolError as exc:
        return exc.message
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if suffix == ".rtf" and not head.startswith(b"{\\rtf"):
        return "Inhalt passt nicht zur Endung „.rtf“: die Datei beginnt nicht mit „{\\rtf“ (keine RTF-Datei)"
    if suffix == ".ics" and b"BEGIN:VCALENDAR" not in head.upper():
        return "Inhalt passt nicht zur Endung „.ics“: kein „BEGIN:VCALENDAR“ (keine Kalenderdatei)"
    if suffix == ".vtt" and not head.startswith(b"WEBVTT"):
        return "Inhalt passt nicht zur Endung „.vtt“: die Datei beginnt nicht mit „WEBVTT“ (kein Transkript)"
    if suffix == ".vtt" and (cues := data.count(b"-->")) > MAX_CUES:
        return f"Transkript (.vtt) hat {cues} Einträge (höchstens {MAX_CUES}) – kein Transkript einer Sitzung"
    return None


def csv_role(stem: str, data: bytes, name: str) -> str:
    """"master", "protocol", or why the CSV is refused (German): decided by content, the name only breaks ties.

    Master data has a header line of known column names (rows.SPECS, German aliases included) in its
    first line; a meeting tool's attendance report (Teams, Zoom, Webex) has its own shape, recognised by
    the readers, and goes with the protocols even when named attendance.csv. Any other CSV under a
    master-data name is master data (the build names its missing columns); under another name it is an
    attendance list when the parser reads one from it (a date, people), else refused: stored as a
    protocol, it would only fail in the build.
    """
    from etl.extract.readers.sheet import read_csv_list
    from etl.parse.protocol import parse_document

    shapes = master_shapes(data)
    if stem in MASTER_FILES and shapes:
        return "master"
    known = ", ".join(f"{m}.csv" for m in MASTER_FILES)
    try:
        document = read_csv_list(data, name)
        problem: str | None = None
    except ProtocolError as exc:
        document, problem = None, exc.message
    report = document is not None and document.kind == "attendance_report"
    if stem in MASTER_FILES and not report:
        return "master"
    if report:
        return "protocol"
    if shapes:
        return (f"unbekannte Stammdatendatei: die Kopfzeile passt zu {shapes[0]}.csv – CSV-Stammdaten müssen "
                f"{known} heißen")
    if document is not None:
        try:
            if parse_document(document)["participants"]:
                return "protocol"
            problem = "keine Teilnehmenden gefunden"
        except ProtocolError as exc:
            problem = exc.message
    return (f"weder Stammdaten noch eine lesbare Teilnehmerliste ({problem}) – CSV-Stammdaten müssen {known} "
            "heißen")


def master_shapes(data: bytes) -> list[str]:
    """The master files whose header the first line of `data` is: every column known, the required ones there."""
    text = decode_text(data)
    if text is None:
        return []
    import csv

    first = text.replace("\r\n", "\n").split("\n", 1)[0]
    header = [c.strip().lower() for c in next(csv.reader([first], delimiter=sniff_delimiter(first)), [])]
    header = [c for c in header if c]
    found = []
    for table in MASTER_FILES:
        spec, aliases = SPECS[table], HEADER_ALIASES.get(table, {})
        columns = {c if c in spec else aliases.get(c, c) for c in header}
        required = {c for c, (_, needed) in spec.items() if needed}
        if len(header) >= 2 and columns <= spec.keys() and required <= columns:
            found.append(table)
    return found


def is_master_workbook(data: bytes) -> bool:
    """An .xlsx with a sheet named like a master file (organisations, people …) is master data; any other
    workbook is an attendance list and goes with the protocols. Called after the content checks."""
    from defusedxml.ElementTree import fromstring

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = fromstring(archive.read("xl/workbook.xml"), forbid_dtd=True)
    names = {str(el.get("name", "")).strip().lower() for el in root.iter() if el.tag.endswith("}sheet")}
    return bool(names & set(MASTER_FILES))


def _saved_as_old_office(data: bytes) -> bool:
    """Text that programs save under .doc/.xls: Word or Excel 2003 XML, an HTML page or table, RTF."""
    from etl.extract.readers.office_xml import looks_like_office_xml

    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return looks_like_office_xml(data) or head.startswith((b"<html", b"<!doctype html", b"<table", b"{\\rtf"))


def _content_kind(data: bytes) -> str:
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf16"
    return "text" if decode_text(data) is not None else "binary"


def _describe(kind: str, data: bytes) -> str:
    if kind == "zip":
        found = _zip_type(data)
        return _ZIP_MAIN[found][1] if found else "ein ZIP-Archiv"
    return {"pdf": "eine PDF-Datei",
            "ole": "eine alte oder kennwortgeschützte Office-Datei (.doc/.xls) – bitte als .docx/.xlsx ohne "
                   "Kennwort speichern",
            "utf16": "eine Textdatei in UTF-16 – bitte als UTF-8 speichern",
            "text": "eine Textdatei",
            }.get(kind, "keine Textdatei (Binärdaten oder unbekannte Zeichenkodierung)")


def decode_text(data: bytes) -> str | None:
    """Text in UTF-8 (BOM or not) or Windows-1252, as the build reads it; None for binary data (NUL bytes)."""
    if b"\x00" in data:
        return None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _pdf_problem(data: bytes) -> str | None:
    """Encrypted or unreadable PDFs are refused; opening, page tree and first page are tried, not all text."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return "PDF ist verschlüsselt (Kennwortschutz) – bitte ohne Kennwort speichern und erneut hochladen"
        if len(reader.pages) == 0:
            return "PDF enthält keine Seiten"
        reader.pages[0].extract_text()
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types for broken files
        return f"PDF ist beschädigt und nicht lesbar ({type(exc).__name__}: {exc})"
    return None


def _office_problem(suffix: str, data: bytes) -> str | None:
    """Zip bomb check on the central directory, then the XML parts parsed with defusedxml (no DTDs)."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        entries = check_zip(data)
    except ValueError as exc:
        return str(exc)
    if (found := _zip_type(data)) != _FAMILY.get(suffix, suffix):
        return (f"Inhalt passt nicht zur Endung „{suffix}“: die Datei ist "
                f"{_ZIP_MAIN[found][1] if found else 'ein ZIP-Archiv'}")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:  # the readers' element limit, from a byte count: before any XML is parsed
            limits.check_xml_package(archive, _ZIP_MAIN[suffix][1].split(" ", 1)[1], "")
        except ProtocolError as exc:
            return exc.message
        for entry in entries:
            if not entry.filename.endswith((".xml", ".rels")):
                continue
            try:
                fromstring(archive.read(entry), forbid_dtd=True)
            except DefusedXmlException:
                return f"„{entry.filename}“ enthält eine DTD oder Entitäten (mögliche XML-Bombe) – nicht erlaubt"
            except ParseError as exc:
                return f"„{entry.filename}“ ist kein gültiges XML ({exc})"
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError) as exc:
                return f"„{entry.filename}“ lässt sich nicht entpacken ({exc})"
    if suffix == ".numbers":
        from etl.extract.readers.apple_numbers import check_iwa

        try:
            check_iwa(data, "")
        except ProtocolError as exc:
            return exc.message
    return None


def _zip_type(data: bytes) -> str | None:
    """The office type of a ZIP by its parts (.docx, .xlsx, .pptx, .odt, .ods, .odp), or None."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").strip() if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError, RuntimeError):
        return None
    if "[Content_Types].xml" in names:
        return next((s for s in (".docx", ".xlsx", ".pptx") if _ZIP_MAIN[s][0] in names), None)
    if "Index/Document.iwa" in names:  # Apple's IWA package (Numbers; Pages and Keynote look alike)
        return ".numbers"
    return _ODF_TYPES.get(mimetype) if "content.xml" in names else None


def _mb(size: int) -> str:
    return f"{size / MB:.1f}".replace(".", ",").removesuffix(",0")


# --- storing and building -------------------------------------------------------------------


def store_uploads(source: Path, files: Iterable[tuple[UploadCheck, bytes]],
                  replace_existing: bool = False) -> list[Path]:
    """Write every accepted file to its target below `source`; returns the paths written.

    Each file is written to a hidden temp name and moved into place, so a build never reads half
    a file. An existing file is only replaced with `replace_existing`; else FileExistsError.
    """
    root = source.resolve()
    stored: list[Path] = []
    for check, data in files:
        if not check.accepted or check.target is None:
            continue
        path = source / check.target
        if not path.resolve().is_relative_to(root):
            raise ValueError(f"{check.name}: Ziel {check.target} liegt außerhalb des Quellordners")
        if path.exists() and not replace_existing:
            raise FileExistsError(f"{check.target}: Datei ist schon vorhanden")
        versions.write_bytes(path, data)  # atomic: hidden temp file, fsync, rename
        stored.append(path)
    return stored


def process_uploads(source: Path, db: Path, uploads: Sequence[tuple[str, bytes]], *, replace_existing: bool = False,
                    limit_bytes: int = DEFAULT_LIMIT_MB * MB, seed: Path | None = None,
                    progress: Progress | None = None, who: str = "") -> UploadOutcome:
    """Check, store and build: the whole upload of the Daten page in one call.

    Every file about to be replaced (or added) is kept as a version first. A fatal build error takes
    the upload back at once. A build that would lose too much (the guard) leaves the database as it was;
    the upload is moved out of the source folder into the pending folder next to it (`outcome.pending`)
    and the source is as before, so nightly builds, the Stammdaten editor and other editors' changes go on
    as if nothing was uploaded, until the uploader decides: `confirm_pending` or `discard_pending`.
    """
    checks = _unique([check_upload(name, data, limit_bytes) for name, data in uploads])
    outcome = UploadOutcome(checks)
    if not any(c.accepted for c in checks):
        return outcome
    with maintenance.lock(db):
        ensure_source(source, seed)
        checks = [_against_existing(source, c, replace_existing) for c in checks]
        outcome.checks = checks
        accepted = [(c, data) for c, (_, data) in zip(checks, uploads, strict=True) if c.accepted]
        if not accepted:
            return outcome
        erased = maintenance.erased_rows(source, db, {c.target.as_posix(): d for c, d in accepted})  # type: ignore[union-attr]
        if erased:  # a person erased on request is not uploaded back in: nothing is stored
            outcome.error = " ".join([*erased[:5], maintenance.NOTHING_STORED])
            return outcome

        def write() -> list[versions.Version]:
            kept = [versions.keep(source, c.target.as_posix(), who, "Hochladen")  # type: ignore[union-attr]
                    for c, _ in accepted]
            outcome.stored = store_uploads(source, accepted, replace_existing=True)
            return kept

        names = ", ".join(c.target.as_posix() for c, _ in accepted)  # type: ignore[union-attr]
        change = maintenance.run_locked(source, db, who, f"Hochgeladen: {names}", write, progress)
        if change.refused is not None:
            outcome.pending = _hold_back(source, accepted, change, who)
            outcome.stored = []
    outcome.change = change
    outcome.result = change.result
    if change.error is not None:
        outcome.stored, outcome.error = [], change.error
    return outcome


def _unique(checks: list[UploadCheck]) -> list[UploadCheck]:
    """A second file with the same target in one upload is refused: it would silently overwrite the first."""
    seen: set[str] = set()
    result = []
    for check in checks:
        key = str(check.target).lower() if check.target else None
        if key and key in seen:
            check = replace(check, accepted=False, reason="Datei mit diesem Namen ist in dieser Auswahl mehrfach "
                            "enthalten – nur die erste wird übernommen", target=None)
        elif key:
            seen.add(key)
        result.append(check)
    return result


def _against_existing(source: Path, check: UploadCheck, replace_existing: bool) -> UploadCheck:
    if not check.accepted or check.target is None or replace_existing or not (source / check.target).exists():
        return check
    return replace(check, accepted=False, reason=f"„{check.target}“ gibt es im Quellordner schon – zum Überschreiben "
                   "„vorhandene Dateien ersetzen“ ankreuzen", target=None)


def ensure_source(source: Path, seed: Path | None) -> None:
    """Create the source folder; with a seed (the demo), as a complete copy moved into place at once."""
    if source.is_dir():
        return
    if seed is None:
        source.mkdir(parents=True)
        return
    source.parent.mkdir(parents=True, exist_ok=True)
    tmp = source.with_name(f".{source.name}.copy-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        shutil.copytree(seed, tmp)
        tmp.rename(source)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise




# --- uploads held back by the guard -----------------------------------------------------------

PENDING_SUFFIX = ".zurueckgehalten"
_PENDING_META = "meta.json"
_PENDING_FILES = "dateien"


@dataclass(frozen=True)
class PendingUpload:
    """An upload the guard held back: its files wait in the pending folder until the uploader decides."""

    id: str
    who: str  # who uploaded it: only they may confirm or discard it
    saved: str  # ISO time (UTC)
    files: list[str]  # targets relative to the source folder
    report: GuardReport

    @property
    def action(self) -> str:
        return f"Hochgeladen: {', '.join(self.files)}"


def pending_folder(source: Path) -> Path:
    """Where held-back uploads wait: next to the source folder, never in it (builds never see them)."""
    return source.with_name(source.name + PENDING_SUFFIX)


def _hold_back(source: Path, accepted: Sequence[tuple[UploadCheck, bytes]], change: maintenance.ChangeOutcome,
               who: str) -> PendingUpload:
    """Move a refused upload out of the source folder (under the lock): its files into the pending folder,
    the source back to its state before the upload (the kept versions put back and removed)."""
    assert change.refused is not None
    pending = PendingUpload(f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(4)}", who,
                            versions.now(), [c.target.as_posix() for c, _ in accepted],  # type: ignore[union-attr]
                            change.refused)
    folder = pending_folder(source) / pending.id
    for check, data in accepted:
        versions.write_bytes(folder / _PENDING_FILES / check.target, data)  # type: ignore[operator]
    versions.write_bytes(folder / _PENDING_META, json.dumps(_as_json(pending), ensure_ascii=False,
                                                               indent=1).encode("utf-8"))
    for version in reversed(change.kept):
        versions.take_back(source, version)
    log_change(source, who, f"{pending.action}: wartet auf Entscheidung (außerhalb des Quellordners)",
               ", ".join(pending.files), "")
    return pending


def _as_json(pending: PendingUpload) -> dict:
    report = pending.report
    return {"id": pending.id, "who": pending.who, "saved": pending.saved, "files": pending.files,
            "tables": [[t.table, t.before, t.after] for t in report.tables],
            "changed_files": [[f.file, f.read, f.rejected] for f in report.files],
            "first_rejects": [[r.file, r.line, r.reason] for r in report.first_rejects[:10]]}


def _from_json(raw: dict) -> PendingUpload:
    report = GuardReport([TableChange(str(t), int(b), int(a)) for t, b, a in raw["tables"]],
                         [FileRejects(str(f), int(r), int(j)) for f, r, j in raw["changed_files"]],
                         [Reject(str(f), line, str(reason), None) for f, line, reason in raw["first_rejects"]])
    return PendingUpload(str(raw["id"]), str(raw["who"]), str(raw["saved"]), [str(f) for f in raw["files"]], report)


def pending_uploads(source: Path) -> list[PendingUpload]:
    """The uploads waiting for a decision, oldest first; damaged entries are skipped."""
    root = pending_folder(source)
    found = []
    for meta in sorted(root.glob(f"*/{_PENDING_META}")) if root.is_dir() else []:
        try:
            found.append(_from_json(json.loads(meta.read_text(encoding="utf-8"))))
        except (OSError, ValueError, TypeError, KeyError):
            continue
    return found


def _pending(source: Path, pending_id: str, who: str) -> PendingUpload:
    match = [p for p in pending_uploads(source) if p.id == pending_id]
    if not match:
        raise KeyError(f"Zurückgehaltener Upload {pending_id} nicht gefunden (schon entschieden?)")
    if match[0].who != who:
        raise PermissionError("Über einen zurückgehaltenen Upload entscheidet nur, wer ihn hochgeladen hat.")
    return match[0]


def discard_pending(source: Path, db: Path, pending_id: str, who: str) -> PendingUpload:
    """„Verwerfen“: the held-back files are deleted; the source folder and the database never had them."""
    with maintenance.lock(db):
        pending = _pending(source, pending_id, who)
        shutil.rmtree(pending_folder(source) / pending.id)
        log_change(source, who, f"{pending.action}: verworfen", ", ".join(pending.files), "")
    return pending


def confirm_pending(source: Path, db: Path, pending_id: str, who: str,
                    progress: Progress | None = None) -> maintenance.ChangeOutcome:
    """„Trotzdem übernehmen“: the held-back files go into the source folder (versions kept) and the database is
    built accepting the loss. A fatal build error takes them back; then they stay pending."""
    with maintenance.lock(db):
        pending = _pending(source, pending_id, who)
        folder = pending_folder(source) / pending.id
        outcome = maintenance.ChangeOutcome(pending.action, who)
        for path in pending.files:
            outcome.kept.append(versions.replace_file(source, path, (folder / _PENDING_FILES / path).read_bytes(),
                                                      who, "Hochladen (trotzdem übernommen)"))
        try:
            outcome.result = build(source, db, progress, guarded=True, accept_loss=True)
        except BuildError as exc:
            for version in reversed(outcome.kept):
                versions.take_back(source, version)
            outcome.kept, outcome.error = [], str(exc)
            log_change(source, who, f"{pending.action}: Übernahme fehlgeschlagen", ", ".join(pending.files), str(exc))
            return outcome
        shutil.rmtree(folder)
        log_change(source, who, f"{pending.action}: trotzdem übernommen", ", ".join(pending.files),
                   "; ".join(pending.report.reasons()))
    return outcome
