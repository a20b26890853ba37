"""Protocol files -> `Document`: one reader per format, one block model for all of them.

`read_document` is the only entry point; it checks what every format shares (the file exists, is
not empty, has a supported extension and content of that type) and raises `ProtocolError` with a
German message naming the file for anything it cannot read.

What `Block.line` counts, per format (so a user can find the place):
- .md/.txt: the line in the file as an editor shows it (a form feed starts a page, not a line);
- .docx/.docm/.dotx/.dotm/.odt/.ott/.doc/.dot: paragraphs (each soft line break one more) and table rows, in
  document order;
- .pdf: the visual line on `Block.page`, counted top to bottom, running headers and table rows
  included; a block over a page break has `Block.pages`;
- .eml/.emlx/.msg/.oft: the line of the decoded body (or of the attachment that was read instead);
- .html/.htm/.mht/.mhtml, .rtf: the line of the converted text (wiki chrome removed);
- .csv: the line in the file; .xlsx/.xlsm/.xls/.ods/.numbers: the row, counted over all visible sheets;
- .ics: the line of the property (SUMMARY, DTSTART, ATTENDEE …) in the file;
- .jpg/.png/.tif/.heic: the line of the recognised text (`Block.page`: the page of a multi-page TIFF);
- .pptx/.pptm/.odp: titles, paragraphs and table rows, counted over all slides (`Block.page`: the slide);
- .vtt: a speaker's row is the line of their first cue's text; title, date and times are line 1;
- .xml (Word 2003 XML), .fodt/.fodp: as .docx/.odt/.odp; .xml (Excel 2003 XML), .fods: the row, as the sheets;
  .enex (Evernote): the line of the note's converted text, as a web page.

`Document.kind` says what the file is: "protocol", "attendance_report" (Teams, Zoom, Webex export:
participants, date, start, end, no agenda; also a .vtt transcript: its speakers), "attendance_list"
(a spreadsheet, a photographed sign-in sheet), "invitation" (.ics: invited people with their reply, not
participants). Meta keys of reports and invitations: "tool",
"title", "date" (ISO), "start", "end" (HH:MM), "location", "organizer"; Word comments: "comments".

`Document.meta` keys: front matter keys (Markdown); "header"/"footer" (Word/ODT page header and
footer text), "title", "subject", "creator", "created" (document properties: "creator" is whoever made the
file, often of a template, never taken as the minute taker); "sheets" (a workbook's own sheet names, .xlsx/.ods);
for e-mails "from",
"to", "cc", "subject", "date", "greeting", "signature", "cover_note", "forwarded_<header>",
"attachment". None of these is content: recipients, greeting and signature are never participants.
"""

from __future__ import annotations

from pathlib import Path

from etl.core.errors import ProtocolError
from etl.extract.document import Document

TEXT_SUFFIXES = (".md", ".markdown", ".txt")
WEB_SUFFIXES = (".html", ".htm", ".mht", ".mhtml")
# Word's package family: documents and templates, with or without macros (macros are never run or read).
WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")
SHEET_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".xls", ".ods", ".numbers")
# Photographed or scanned pages (a signed sign-in sheet), read by OCR.
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".heic", ".heif")
SLIDE_SUFFIXES = (".pptx", ".pptm", ".odp")
# Office documents saved as one XML file: Word/Excel 2003 XML (.xml), flat OpenDocument, an Evernote note.
XML_SUFFIXES = (".xml", ".fodt", ".fods", ".fodp", ".enex")
SUFFIXES = (*TEXT_SUFFIXES, *WORD_SUFFIXES, ".doc", ".dot", ".pdf", ".odt", ".ott", ".rtf", ".eml", ".emlx", ".msg",
            ".oft", *WEB_SUFFIXES, *SHEET_SUFFIXES, ".ics", *IMAGE_SUFFIXES, *SLIDE_SUFFIXES, ".vtt", *XML_SUFFIXES)
# Types offices use that are not read, each with what to do instead (German, shown to the user).
ADVICE = {
    ".wps": "Works-Dokument (.wps) wird nicht gelesen – bitte als .docx, .odt oder PDF speichern",
    ".wpd": "WordPerfect-Dokument (.wpd) wird nicht gelesen – bitte als .docx, .odt oder PDF speichern",
    ".pages": "Apple-Pages-Dokument (.pages) wird nicht gelesen – bitte in Pages als Word (.docx) oder PDF "
              "exportieren",
    ".one": "OneNote-Seite (.one) wird nicht gelesen – bitte in OneNote als PDF oder Word (.docx) exportieren",
    ".onepkg": "OneNote-Notizbuch (.onepkg) wird nicht gelesen – bitte die Seite als PDF oder .docx exportieren",
    ".ppt": "PowerPoint-97–2003-Präsentation (.ppt) wird nicht gelesen – bitte in PowerPoint als .pptx oder PDF "
            "speichern",
    ".ppsx": "PowerPoint-Bildschirmpräsentation (.ppsx) wird nicht gelesen – bitte in PowerPoint als .pptx oder PDF "
             "speichern",
    ".key": "Keynote-Präsentation (.key) wird nicht gelesen – bitte in Keynote als PowerPoint (.pptx) oder PDF "
            "exportieren",
    ".vcs": "Kalenderdatei im alten vCalendar-Format (.vcs) – bitte den Termin als .ics exportieren",
    ".xps": "XPS-Dokument (.xps, Windows-Druckausgabe) wird nicht gelesen – bitte als PDF drucken oder speichern",
    ".oxps": "OpenXPS-Dokument (.oxps, Windows-Druckausgabe) wird nicht gelesen – bitte als PDF drucken oder "
             "speichern",
    ".sxw": "StarOffice/OpenOffice-1.x-Text (.sxw) wird nicht gelesen – bitte in LibreOffice öffnen und als .odt "
            "oder .docx speichern",
    ".xlsb": "Excel-Binärarbeitsmappe (.xlsb) wird nicht gelesen – bitte in Excel als .xlsx oder CSV speichern",
    ".wri": "Windows-Write-Dokument (.wri) wird nicht gelesen – bitte in WordPad oder Word öffnen und als .docx "
            "oder .rtf speichern",
    ".odg": "OpenDocument-Zeichnung (.odg) wird nicht gelesen – bitte in LibreOffice Draw als PDF exportieren",
    ".vsd": "Visio-Zeichnung (.vsd) wird nicht gelesen – bitte in Visio als PDF speichern",
    ".vsdx": "Visio-Zeichnung (.vsdx) wird nicht gelesen – bitte in Visio als PDF speichern",
    ".pub": "Publisher-Dokument (.pub) wird nicht gelesen – bitte in Publisher als PDF speichern",
    ".mpp": "Microsoft-Project-Datei (.mpp) wird nicht gelesen – bitte das Protokoll als .docx oder PDF ablegen",
    ".pst": "Outlook-Datendatei (.pst) wird nicht gelesen – bitte die einzelne E-Mail mit dem Protokoll als .msg "
            "oder .eml speichern (in Outlook: Datei → Speichern unter)",
    ".ost": "Outlook-Offlinedatei (.ost) wird nicht gelesen – bitte die einzelne E-Mail mit dem Protokoll als .msg "
            "oder .eml speichern (in Outlook: Datei → Speichern unter)",
    ".mbox": "E-Mail-Archiv (.mbox) wird nicht gelesen – bitte die einzelne E-Mail mit dem Protokoll als .eml "
             "speichern (in Thunderbird: Speichern unter → Datei)",
    ".vcf": "Kontaktkarte (.vcf) ist kein Protokoll – bitte Personen in der Personenliste der Stammdaten pflegen",
    ".url": "Internet-Verknüpfung (.url) enthält kein Dokument – bitte die Seite als PDF oder HTML speichern",
    ".webloc": "Internet-Verknüpfung (.webloc) enthält kein Dokument – bitte die Seite als PDF oder HTML speichern",
    ".lnk": "Windows-Verknüpfung (.lnk) enthält kein Dokument – bitte die Datei selbst ablegen",
    ".gdoc": "Google-Docs-Verknüpfung (.gdoc) enthält kein Dokument – bitte in Google Docs über Datei → "
             "Herunterladen als .docx oder PDF speichern",
    ".gsheet": "Google-Tabellen-Verknüpfung (.gsheet) enthält keine Tabelle – bitte in Google Tabellen über Datei → "
               "Herunterladen als .xlsx oder CSV speichern",
    ".epub": "E-Book (.epub) wird nicht gelesen – bitte das Protokoll als PDF oder .docx ablegen",
    ".djvu": "DjVu-Scan (.djvu) wird nicht gelesen – bitte als PDF speichern",
    ".wbk": "Word-Sicherungskopie (.wbk) wird nicht gelesen – bitte das Originaldokument (.docx) ablegen",
    ".asd": "automatische Word-Wiederherstellungsdatei (.asd) wird nicht gelesen – bitte in Word öffnen und als "
            ".docx speichern",
    ".tmp": "temporäre Datei (.tmp) wird nicht gelesen – bitte das fertige Dokument ablegen",
    ".lwp": "Lotus-Word-Pro-Dokument (.lwp) wird nicht gelesen – bitte als .docx, .odt oder PDF speichern",
    ".hwp": "Hangul-Dokument (.hwp) wird nicht gelesen – bitte als .docx oder PDF speichern",
    ".sxc": "StarOffice/OpenOffice-1.x-Tabelle (.sxc) wird nicht gelesen – bitte in LibreOffice öffnen und als .ods "
            "oder .xlsx speichern",
    ".sdw": "StarWriter-Dokument (.sdw) wird nicht gelesen – bitte in LibreOffice öffnen und als .odt oder .docx "
            "speichern",
    ".et": "WPS-Tabelle (.et) wird nicht gelesen – bitte in WPS Office als .xlsx oder CSV speichern",
    ".dps": "WPS-Präsentation (.dps) wird nicht gelesen – bitte in WPS Office als .pptx oder PDF speichern",
    ".zip": "ZIP-Archiv wird nicht gelesen – bitte die Protokolle entpacken und einzeln ablegen",
    ".7z": "Archiv (.7z) wird nicht gelesen – bitte die Protokolle entpacken und einzeln ablegen",
    ".rar": "Archiv (.rar) wird nicht gelesen – bitte die Protokolle entpacken und einzeln ablegen",
}
MAX_FILE_BYTES = 200 * 1024 * 1024


def read_document(path: Path, source: str | None = None, data: bytes | None = None) -> Document:
    """The blocks and metadata of one protocol file; `source` is the name used in messages. `data`: the file's
    bytes when the caller has already read them (a build reads and hashes every file once), else read here."""
    path = Path(path)
    source = source if source is not None else str(path)
    suffix = path.suffix.lower()
    if suffix in ADVICE:
        raise ProtocolError(ADVICE[suffix], source)
    if suffix not in SUFFIXES:
        raise ProtocolError(f"Dateityp „{path.suffix or '(ohne Endung)'}“ wird nicht unterstützt "
                            f"(erlaubt: {', '.join(SUFFIXES)})", source)
    try:
        size = path.stat().st_size if data is None else len(data)
        if size > MAX_FILE_BYTES:
            raise ProtocolError(f"Datei ist zu groß ({size // (1024 * 1024)} MB, höchstens "
                                f"{MAX_FILE_BYTES // (1024 * 1024)} MB)", source)
        if data is None:
            data = path.read_bytes()
    except FileNotFoundError:
        raise ProtocolError("Datei nicht gefunden", source) from None
    except IsADirectoryError:
        raise ProtocolError("ist ein Ordner, keine Datei", source) from None
    except OSError as exc:
        raise ProtocolError(f"Datei kann nicht gelesen werden ({exc.strerror or exc})", source) from None
    if not data:
        raise ProtocolError("Datei ist leer", source)
    document = _read(path, data, source, suffix)
    if not any(block.text.strip() for block in document.blocks):
        raise ProtocolError("Datei enthält keinen Text", source)
    return document


def _read(path: Path, data: bytes, source: str, suffix: str) -> Document:
    if suffix in TEXT_SUFFIXES:
        from etl.extract.readers.plain import read_text_file

        return read_text_file(data, source, "txt" if suffix == ".txt" else "md")
    if suffix in WORD_SUFFIXES:
        from etl.extract.readers.docx import read_docx
        from etl.extract.readers.transcript import from_word

        document = read_docx(data, source)
        document.format = suffix[1:]
        return from_word(document) or document
    if suffix in (".eml", ".emlx", ".msg", ".oft"):
        from etl.extract.readers.mail import read_eml, read_msg

        if suffix == ".emlx":  # Apple Mail: the message's length, the message, then a property list
            data = _emlx_message(data, source)
        # an Outlook template (.oft) is stored like a message
        return (read_eml if suffix in (".eml", ".emlx") else read_msg)(data, source, read_document)
    if suffix in (".odt", ".ott"):
        from etl.extract.readers.odt import read_odt

        return read_odt(data, source)
    if suffix == ".pdf":
        from etl.extract.readers.pdf import read_pdf

        return read_pdf(path, data, source)
    if suffix in (".html", ".htm"):
        from etl.extract.readers.web import read_html

        return read_html(data, source)
    if suffix in (".mht", ".mhtml"):
        from etl.extract.readers.web import read_mhtml

        return read_mhtml(data, source)
    if suffix in (".doc", ".dot"):
        from etl.extract.readers.doc import read_doc

        return read_doc(data, source)
    if suffix == ".rtf":
        from etl.extract.readers.rtf import read_rtf

        return read_rtf(data, source)
    if suffix in SHEET_SUFFIXES:
        from etl.extract.readers import sheet
        from etl.extract.readers.apple_numbers import read_numbers_list
        from etl.extract.readers.xls import read_xls_list

        reader = {".csv": sheet.read_csv_list, ".xlsx": sheet.read_xlsx_list, ".xlsm": sheet.read_xlsx_list,
                  ".xls": read_xls_list, ".ods": sheet.read_ods_list, ".numbers": read_numbers_list}[suffix]
        document = reader(data, source)
        document.format = suffix[1:]
        return document
    if suffix == ".ics":
        from etl.extract.readers.ics import read_ics

        return read_ics(data, source)
    if suffix in IMAGE_SUFFIXES:
        from etl.extract.readers.image import read_image

        return read_image(data, source, suffix)
    if suffix in SLIDE_SUFFIXES:
        from etl.extract.readers.slides import read_odp, read_pptx

        document = (read_odp if suffix == ".odp" else read_pptx)(data, source)
        document.format = suffix[1:]
        return document
    if suffix in XML_SUFFIXES:
        from etl.extract.readers.office_xml import read_office_xml

        return read_office_xml(data, source, suffix)
    if suffix == ".vtt":
        from etl.extract.readers.transcript import read_vtt

        return read_vtt(data, source)
    raise ProtocolError(f"Dateityp „{path.suffix}“ wird nicht unterstützt", source)  # unreachable: SUFFIXES


def _emlx_message(data: bytes, source: str) -> bytes:
    """The e-mail inside an Apple Mail .emlx file: its first line gives the message's length in bytes."""
    first, _, rest = data.partition(b"\n")
    if not first.strip().isdigit() or not rest:
        raise ProtocolError("keine gültige Apple-Mail-Datei (.emlx): erste Zeile ist keine Längenangabe – bitte die "
                            "E-Mail in Apple Mail als .eml sichern (Ablage → Sichern unter → Rohformat)", source)
    return rest[:int(first.strip())]


__all__ = ["ADVICE", "IMAGE_SUFFIXES", "SUFFIXES", "ProtocolError", "read_document"]
