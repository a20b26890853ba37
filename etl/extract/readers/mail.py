"""E-mail protocols (.eml, Outlook .msg) -> blocks: the body is the protocol, the envelope is metadata.

From/To/Cc/Subject/Date go to `meta`, never into blocks: recipients are not participants. The body
(text/plain preferred, else HTML) loses what is not protocol: quoted earlier mails ("> …",
"Am … schrieb …:", "-----Ursprüngliche Nachricht-----" and all below), the greeting line ("Hallo
zusammen,") and the signature (after "-- ", or from "Viele Grüße" near the end) — kept in `meta`
("greeting", "signature") so nothing is lost, but never read as names. When the body is only a cover
note and a protocol is attached (.docx/.pdf/.odt/.md/.txt), the attachment is read instead.
Line numbers count the lines of the body as decoded.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path, PurePath
from typing import Any

from etl.core.errors import ProtocolError
from etl.extract.document import Document
from etl.extract.limits import check_mime_parts, check_mime_tree, check_ole_entries
from etl.extract.readers.encoding import wrong_content
from etl.extract.readers.html import html_lines
from etl.extract.readers.layout import SourceLine
from etl.extract.readers.plain import structure, text_lines

# Every protocol format the readers know, a forwarded e-mail (.eml, .msg) and a calendar entry included, in the
# order one is preferred when a cover note comes with several (minutes before a list, a list before a calendar
# entry). Images are left out: the logo in every signature is one.
ATTACHMENT_SUFFIXES = (".docx", ".docm", ".doc", ".pdf", ".odt", ".rtf", ".md", ".markdown", ".txt", ".html", ".htm",
                       ".mht", ".mhtml", ".pptx", ".odp", ".eml", ".msg", ".csv", ".xlsx", ".xls", ".ods", ".ics")
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024

_GREETING = re.compile(
    r"^(?:hallo|hi|liebe|lieber|liebe\s+alle|sehr\s+geehrte[rn]?|guten\s+(?:tag|morgen|abend)|moin|servus|"
    r"grüß\s+gott|werte)\b.{0,80}$", re.IGNORECASE)
_CLOSING = re.compile(
    r"^(?:(?:viele|beste|liebe|herzliche|freundliche|schöne|sonnige)\s+grüße|"
    r"mit\s+(?:freundlichen|besten|herzlichen|kollegialen|vielen)\s+grüßen|(?:vg|lg|mfg|gruß|grüße|"
    r"best\s+regards|kind\s+regards|regards|cheers|danke\s+und\s+grüße)\b)[\s,.!]*(?:\S.{0,40})?$",
    re.IGNORECASE)
_QUOTE_HEAD = re.compile(
    r"^(?:am\s.{3,160}\sschrieb\s.{0,160}:|on\s.{3,160}\swrote:|"
    r"-{2,}\s*(?:ursprüngliche\s+nachricht|original\s+message|weitergeleitete\s+nachricht|"
    r"forwarded\s+message|nachricht\s+weitergeleitet)\s*-{2,}"
    # Apple Mail: 'Anfang der weitergeleiteten Nachricht:' / 'Begin forwarded message:'
    r"|(?:anfang\s+der\s+weitergeleiteten\s+nachricht|begin\s+forwarded\s+message)\s*:)$", re.IGNORECASE)
_OUTLOOK_HEAD = re.compile(r"^(?:von|from):\s", re.IGNORECASE)
_OUTLOOK_NEXT = re.compile(r"^(?:gesendet|sent|an|to|datum|date|betreff|subject):\s", re.IGNORECASE)
_SIGNATURE_DASHES = re.compile(r"^--\s*$")
_CLOSING_WINDOW = 12  # a closing formula counts only among the last lines of the body
# The legal footer offices append to every mail: confidentiality notice, register, tax id, privacy note.
_DISCLAIMER = re.compile(
    r"(?i)\b(?:vertrauliche\s+(?:und/oder\s+rechtlich\s+geschützte\s+)?informationen|nicht\s+der\s+(?:richtige|"
    r"beabsichtigte)\s+(?:adressat|empfänger)|irrtümlich\s+erhalten|unbefugte\s+weitergabe|registergericht"
    r"|amtsgericht\s+\S+\s*,?\s*hrb|ust-?id(?:nr)?\.?|steuernummer|sitz\s+der\s+gesellschaft|datenschutzhinweis"
    r"|pflichtangaben|this\s+e-?mail\s+(?:and\s+any\s+attachments\s+)?(?:is|may\s+contain)|confidential|"
    r"bitte\s+denken\s+sie\s+an\s+die\s+umwelt)")
_DISCLAIMER_WINDOW = 40


@dataclass
class Mail:
    """What both e-mail formats deliver: headers, bodies and attachments."""

    meta: dict[str, str]
    plain: str | None
    html: str | None
    attachments: list[tuple[str, bytes]] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)  # an appointment's 'Datum: …', 'Beginn: …', 'Ort: …'
    kind: str = "protocol"
    calendar: bytes | None = None  # the invitation an e-mail carries as its text/calendar part


def read_eml(data: bytes, source: str, read_attachment: Callable[[Path, str], Document]) -> Document:
    """An .eml file -> Document; ProtocolError (German) when it is not an e-mail."""
    if what := wrong_content(data):
        raise ProtocolError(f"keine E-Mail-Datei (.eml), sondern {what}", source)
    check_mime_parts(data, "E-Mail-Datei (.eml)", source)
    try:
        message = BytesParser(policy=policy.default).parsebytes(data)
    except Exception as exc:  # noqa: BLE001 - the email package raises many types for broken input
        raise ProtocolError(f"E-Mail-Datei (.eml) nicht lesbar: {type(exc).__name__}: {exc}", source) from None
    check_mime_tree(message, "E-Mail-Datei (.eml)", source)
    if not isinstance(message, EmailMessage) or not any(
            _header(message, name) for name in ("from", "to", "subject", "date", "message-id")):
        raise ProtocolError("keine E-Mail-Datei (.eml): keine Kopfzeilen (From, To, Subject, Date) gefunden",
                            source)
    return mail_document(_eml(message, source), source, "eml", read_attachment)


def _eml(message: EmailMessage, source: str) -> Mail:
    meta = {key: value for key in ("from", "to", "cc", "subject", "date") if (value := _header(message, key))}
    plain = html = None
    try:
        part = message.get_body(preferencelist=("plain",))
        plain = _text(part) if part is not None else None
        part = message.get_body(preferencelist=("html",))
        html = _text(part) if part is not None else None
    except (LookupError, UnicodeError, ValueError, AssertionError) as exc:
        raise ProtocolError(f"E-Mail-Text nicht lesbar ({type(exc).__name__}: {exc})", source) from None
    calendar = next((part.get_payload(decode=True) for part in message.walk()
                     if part.get_content_type() == "text/calendar"), None)
    attachments = []
    for attachment in message.iter_attachments():
        name = attachment.get_filename() or ""
        payload: bytes | None
        try:
            if attachment.get_content_type() == "message/rfc822":
                # a mail forwarded "as attachment": its own bytes, read as an .eml
                inner = attachment.get_payload()
                forwarded = inner[0] if isinstance(inner, list) and inner else None
                payload = forwarded.as_bytes() if isinstance(forwarded, EmailMessage) else None
                subject = forwarded.get("subject", "") if isinstance(forwarded, EmailMessage) else ""
                safe = re.sub(r"[^\w .-]", "_", str(subject))[:60]
                name = name or f"{safe or 'weitergeleitet'}.eml"
            else:
                decoded = attachment.get_payload(decode=True)
                payload = decoded if isinstance(decoded, bytes) else None
        except Exception:  # noqa: BLE001 - a broken attachment must not cost the body
            payload = None
        if isinstance(payload, bytes) and (attachment.get_content_type() == "application/ms-tnef"
                                           or name.lower() == "winmail.dat"):
            attachments += _tnef(payload)  # Exchange wraps an Outlook mail's attachments in winmail.dat
        elif name and isinstance(payload, bytes):
            attachments.append((name, payload))
    return Mail(meta, plain, html, attachments, calendar=calendar if isinstance(calendar, bytes) else None)


def _tnef(data: bytes) -> list[tuple[str, bytes]]:
    """The files inside a winmail.dat (TNEF); a broken one gives none (the mail's text is still read)."""
    from tnefparse import TNEF

    try:
        tnef = TNEF(data, do_checksum=False)
        return [(str(a.long_filename()), bytes(a.data)) for a in tnef.attachments
                if a.long_filename() and isinstance(a.data, bytes | bytearray)]
    except Exception:  # noqa: BLE001 - tnefparse raises ValueError, struct.error, IndexError for broken files
        return []


_LATIN = ("iso-8859-1", "iso-8859-15", "latin-1", "latin1", "windows-1252", "cp1252", "us-ascii", "ascii")


def _text(part: Any) -> str:
    """A text part's content, its charset checked against its bytes: a part without charset (or 'us-ascii')
    holding 8-bit bytes, and a part declared ISO-8859-1 whose bytes are UTF-8, are read as they were written
    (UTF-8 when the bytes are valid UTF-8, else Windows-1252), not as 'J��rgen' or 'JÃ¼rgen'."""
    declared = (part.get_content_charset() or "").lower()
    payload = part.get_payload(decode=True)
    if isinstance(payload, bytes) and declared in ("", *_LATIN) and any(byte > 0x7F for byte in payload):
        try:
            return payload.decode("utf-8")
        except UnicodeDecodeError:
            if declared in ("", "us-ascii", "ascii"):
                return payload.decode("cp1252", "replace")
    return str(part.get_content())


def _html_text(data: bytes) -> str:
    """An Outlook message's HTML body as bytes: UTF-8 when they are, else the charset its <meta> declares, else
    Windows-1252 (Outlook writes German mails in it)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared := re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]+)""", data[:4096], re.IGNORECASE):
        try:
            return data.decode(declared.group(1).decode("ascii"), "replace")
        except LookupError:
            pass
    return data.decode("cp1252", "replace")


def _header(message: EmailMessage, name: str) -> str:
    """A header as text, "=?utf-8?…?=" decoded; a malformed header gives its raw text, never an exception."""
    from email.header import decode_header, make_header

    raw = next((str(value) for key, value in message.raw_items() if key.lower() == name), "")
    if any("\udc80" <= ch <= "\udcff" for ch in raw):  # 8-bit header bytes (raw UTF-8 or Windows-1252)
        data = raw.encode("utf-8", "surrogateescape")
        try:
            raw = data.decode("utf-8")
        except UnicodeDecodeError:
            raw = data.decode("cp1252", "replace")
    try:
        text = str(make_header(decode_header(raw)))
    except Exception:  # noqa: BLE001 - broken encoded words: keep what was written
        text = raw
    return " ".join(text.split())


def read_msg(data: bytes, source: str, read_attachment: Callable[[Path, str], Document]) -> Document:
    """An Outlook .msg file -> Document (extract-msg); ProtocolError (German) for anything else."""
    if not data.startswith(b"\xd0\xcf\x11\xe0"):
        what = wrong_content(data) or "keine Outlook-Datei"
        raise ProtocolError(f"keine gültige Outlook-Nachricht (.msg): Inhalt ist {what}", source)
    check_ole_entries(data, "Outlook-Nachricht (.msg)", source)
    import extract_msg

    try:
        message: Any = extract_msg.openMsg(data, delayAttachments=False)
    except Exception as exc:  # noqa: BLE001 - extract-msg/olefile raise many types for broken files
        raise ProtocolError(f"Outlook-Nachricht (.msg) nicht lesbar: {type(exc).__name__}: {exc}", source) \
            from None
    try:
        meta = {}
        for key, attribute in (("from", "sender"), ("to", "to"), ("cc", "cc"), ("subject", "subject"),
                               ("date", "date")):
            if value := getattr(message, attribute, None):
                meta[key] = " ".join(str(value).split())
        plain = _property(message, "body") or None
        html_body = _property(message, "htmlBody")
        html = _html_text(html_body) if isinstance(html_body, bytes) else html_body
        if not plain and not html and isinstance(rtf := _property(message, "rtfBody"), bytes) and rtf.strip():
            # a message written in Outlook's own rich-text format: neither plain text nor HTML is stored
            from etl.extract.readers.rtf import rtf_text

            plain = rtf_text(rtf)
        fields, kind = _appointment(message)
        klass = str(_property(message, "classType") or "").lower()
        if klass.startswith("ipm.schedule.meeting.resp."):  # Outlook's answer to an invitation, saved as .msg
            meta["response"] = {"pos": "zugesagt", "neg": "abgesagt"}.get(klass.split(".")[4][:3], "vorläufig")
        attachments = []
        for attachment in getattr(message, "attachments", []):
            name = getattr(attachment, "longFilename", None) or getattr(attachment, "shortFilename", None) or ""
            payload = getattr(attachment, "data", None)
            if payload is not None and not isinstance(payload, bytes) and hasattr(payload, "exportBytes"):
                # a mail forwarded as attachment ('Als Anlage weiterleiten'): its own .msg bytes
                subject = re.sub(r"[^\w .-]", "_", str(getattr(payload, "subject", "") or ""))[:60]
                name = name or f"{subject or 'weitergeleitet'}.msg"
                payload = _exported(payload)
            if name and isinstance(payload, bytes):
                attachments.append((name, payload))
    except Exception as exc:  # noqa: BLE001 - properties are decoded lazily and may fail
        raise ProtocolError(f"Outlook-Nachricht (.msg) nicht lesbar: {type(exc).__name__}: {exc}", source) \
            from None
    finally:
        message.close()
    return mail_document(Mail(meta, plain, html, attachments, fields, kind), source, "msg", read_attachment)


def _exported(message: Any) -> bytes | None:
    """An embedded Outlook message as .msg bytes; None when extract-msg cannot write it."""
    try:
        data = message.exportBytes(allowBadEmbed=True)
    except Exception:  # noqa: BLE001 - the embedded message may be broken; the outer mail is still read
        return None
    return data if isinstance(data, bytes) else None


def _appointment(message: Any) -> tuple[list[str], str]:
    """An Outlook calendar item saved as .msg (an appointment, a meeting request) is an invitation like an .ics:
    its start, end and place as head fields (Europe/Berlin), its notes as the text."""
    klass = str(_property(message, "classType") or "").lower()
    if not klass.startswith(("ipm.appointment", "ipm.schedule.meeting.request")):
        return [], "protocol"
    import datetime as dt
    from zoneinfo import ZoneInfo

    def local(value: Any) -> dt.datetime | None:
        if not isinstance(value, dt.datetime):
            return None
        return value.astimezone(ZoneInfo("Europe/Berlin")) if value.tzinfo else value

    start = local(_property(message, "appointmentStartWhole") or _property(message, "startDate"))
    end = local(_property(message, "appointmentEndWhole") or _property(message, "endDate"))
    fields = []
    if start is not None:
        fields += [f"Datum: {start:%d.%m.%Y}", f"Beginn: {start:%H:%M} Uhr"]
    if end is not None:
        fields.append(f"Ende: {end:%H:%M} Uhr")
    if location := " ".join(str(_property(message, "location") or "").split()):
        fields.append(f"Ort: {location}")
    return fields, "invitation"


_WIDE = 100  # the plain-text layout judges wrapping up to this width; a mail client may wrap wider


def _wide_wrap(lines: list[SourceLine]) -> list[SourceLine]:
    """Lines a mail client wrapped wider than 100 columns ('… Bernd Lüttgens (AfU) und erstmals' / 'Ewa
    Zielińska, die …'): a text line that runs to within 25 columns of the body's widest line, ends in no
    sentence mark and is followed by text, goes on in the next line."""
    texts = [sl for sl in lines if sl.kind == "text"]
    width = max((sl.width for sl in texts), default=0)
    if width <= _WIDE or width > 400:
        return lines
    wide = [i for i, sl in enumerate(lines[:-1]) if sl.kind == "text" and sl.width >= width - 25
            and lines[i + 1].kind == "text" and not sl.field and not sl.text.rstrip().endswith((".", "!", "?", ":"))]
    if len([sl for sl in texts if sl.width >= width - 25]) < 2:
        return lines
    return [replace(sl, wrapped=True) if i in wide else sl for i, sl in enumerate(lines)]


def _property(message: Any, name: str) -> Any:
    """One body of an Outlook message; a body that extract-msg cannot derive (a rich-text body that is no
    encapsulated text or HTML) is None, so the next form is tried."""
    try:
        return getattr(message, name, None)
    except Exception:  # noqa: BLE001 - RTFDE and compressed-rtf raise many types for native rich text
        return None


def mail_document(mail: Mail, source: str, fmt: str, read_attachment: Callable[[Path, str], Document]) -> Document:
    """Body -> blocks without quotes, greeting and signature; a cover note hands over to the forwarded or
    quoted protocol below it, or else to an attached protocol."""
    document = Document(source=source, format=fmt, meta=dict(mail.meta), kind=mail.kind)
    if mail.plain and mail.plain.strip():
        raw = mail.plain.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        lines = _body_lines(raw, document, lambda part, first: _wide_wrap(
            text_lines("\n".join(part), markdown=False, first_line=first)))
    elif mail.html and mail.html.strip():
        html = html_lines(_quotes_kept(mail.html))
        lines = _body_lines(html, document, None)
    else:
        lines = []
    if not any(sl.text.strip() for sl in lines) and (_RESPONSE_SUBJECT.match(mail.meta.get("subject", ""))
                                                     or mail.meta.get("response")):
        # Outlook's answer to an invitation ('Zugesagt: Sitzung AG Transfer am 14.01.') often has no text:
        # its subject says everything
        lines = [SourceLine(mail.meta["subject"], 1, kind="text")]
    protocols = sorted(((name, payload) for name, payload in mail.attachments
                        if PurePath(name).suffix.lower() in ATTACHMENT_SUFFIXES),
                       key=lambda item: ATTACHMENT_SUFFIXES.index(PurePath(item[0]).suffix.lower()))
    named = [item for item in protocols if _PROTOCOL_NAME.search(PurePath(item[0]).stem)]
    if protocols and (_cover_note(lines) or (named and not _protocol_like(lines))):
        # a short cover note, or a longer letter that holds no minutes above an attachment named as such
        protocols = named + [item for item in protocols if item not in named] if not _cover_note(lines) else protocols
        name, payload = protocols[0]
        attached = _read_attachment(name, payload, source, read_attachment)
        document.blocks = attached.blocks
        document.meta.update({k: v for k, v in attached.meta.items() if k not in document.meta})
        if attached.format in ("eml", "msg") and attached.meta.get("from"):
            document.meta["forwarded_from"] = attached.meta["from"]  # who says 'ich' in the forwarded mail
        document.meta["attachment"] = name
        document.warnings += attached.warnings
        document.warnings.append(f"Protokoll aus dem Anhang „{name}“ gelesen – die E-Mail selbst ist nur ein "
                                 "Begleittext")
        document.warnings += [f"weiterer Anhang „{other}“ nicht gelesen" for other, _ in protocols[1:]]
        return document
    if mail.calendar and re.search(rb"(?im)^METHOD:\s*(?:REQUEST|PUBLISH)\s*$", mail.calendar) \
            and not _protocol_like(lines):
        # an invitation sent by mail, no minutes in or attached to it (Outlook, Teams, Zoom: the text invites,
        # its calendar part is the meeting): read like an .ics, so that the invited are not taken as participants
        from etl.extract.readers.ics import read_ics

        invitation = read_ics(mail.calendar, source)
        invitation.format = fmt
        invitation.meta = {**mail.meta, **invitation.meta}
        return invitation
    if mail.fields:  # an appointment: its subject and time head the notes
        subject = mail.meta.get("subject", "")
        head = [SourceLine(subject, 1, kind="heading", level=1)] if subject else []
        head += [SourceLine(text, 1, field=True) for text in mail.fields]
        lines = [*head, SourceLine("", 1, kind="blank"), *lines]
    document.blocks = structure(lines)
    document.warnings += [f"Anhang „{name}“ nicht gelesen – die E-Mail enthält selbst das Protokoll"
                          for name, _ in protocols]
    return document


_RESPONSE_SUBJECT = re.compile(r"(?i)^\s*(?:zugesagt|angenommen|abgesagt|abgelehnt|accepted|declined"
                               r"|mit\s+vorbehalt\s+angenommen|vorläufig\s+angenommen|tentative)\s*:")
_FORWARD = re.compile(r"weitergeleitet|forward", re.IGNORECASE)
_FORWARD_SUBJECT = re.compile(r"^\s*(?:wg|fwd?|wtrlt|weiterleitung)\s*:", re.IGNORECASE)
_HEADER_LINE = re.compile(r"^(?:von|an|cc|datum|gesendet|betreff|from|to|date|sent|subject):\s*(.*)$", re.IGNORECASE)


def _body_lines(body: list[Any], document: Document,
                classify_text: Callable[[list[str], int], list[SourceLine]] | None) -> list[SourceLine]:
    """The body's protocol lines. Above a forward or quote marker stands what the sender wrote now; when
    that is only a cover note ("wie gewünscht leite ich das Protokoll weiter"), the forwarded or quoted
    message below is the protocol (its header block goes to meta, quote marks '>' are removed).

    `body` is raw text lines (plain bodies, classified by `classify_text`) or classified HTML lines.
    """
    texts = [_text_of(item) for item in body]
    cut = _quote_head(texts)

    def lines_of(start: int, stop: int, unquote: bool = False) -> list[SourceLine]:
        if classify_text is None:
            return list(body[start:stop])
        part = [_unquote(text) if unquote else text for text in texts[start:stop]]
        return classify_text(part, start + 1)

    if cut is None:
        return _trim(lines_of(0, len(body)), document.meta)
    cover: dict[str, str] = {}
    top = _trim(lines_of(0, cut), cover)
    forward = bool(_FORWARD.search(texts[cut])) or bool(_FORWARD_SUBJECT.match(document.meta.get("subject", "")))
    start, headers = _message_start(texts, cut)
    while (deeper := _quote_head(texts[start:])) is not None and deeper > 0:
        # forwarded twice ('WG: WG: …'): a cover note above a further forwarded message hands over to that one
        middle = _trim(lines_of(start, start + deeper), {})
        if not _cover_note(middle) or not any(sl.kind != "blank" for sl in middle):
            break
        cut = start + deeper
        start, headers = _message_start(texts, cut)
    quoted = sum(1 for text in texts[start:] if text.lstrip().startswith(">"))
    below = lines_of(start, len(texts), unquote=quoted > 0)
    # an Outlook reply quotes without '>' below 'Von: … Gesendet: …' or '-----Ursprüngliche Nachricht-----'
    if any(sl.kind != "blank" for sl in below) and (
            _cover_note(top) or (_protocol_like(below) and not _protocol_like(top))):
        inner: dict[str, str] = {}
        kept = _trim(below, inner)
        document.meta.update({f"forwarded_{k}": v for k, v in headers.items()})
        document.meta.update(inner)
        if cover_text := " ".join(sl.text for sl in top if sl.text):
            document.meta["cover_note"] = cover_text
        what = "weitergeleiteten" if forward else "zitierten"
        first_line = next((sl.line for sl in kept if sl.kind != "blank"), start + 1)
        document.warnings.append(f"Protokoll aus der {what} Nachricht gelesen (ab Zeile {first_line}); "
                                 "darüber steht nur ein Begleittext")
        return kept
    document.meta.update(cover)
    return top


def _message_start(texts: list[str], cut: int) -> tuple[int, dict[str, str]]:
    """Where the quoted or forwarded message below the marker at `cut` starts, and its header fields
    ('Von', 'Gesendet', 'Betreff' …)."""
    start = cut + 1
    if not _unquote(texts[cut]).strip().endswith(":") and re.match(r"(?i)^(?:am|on)\s", _unquote(texts[cut]).strip()):
        start += 1  # the attribution line wrapped: 'Am 3. März 2025 um 10:12 schrieb Anna Berg <' / 'a@b.de>:'
    headers: dict[str, str] = {}
    while start < len(texts) and (not _unquote(texts[start]).strip() and not headers
                                  or _HEADER_LINE.match(_unquote(texts[start]).strip())
                                  or _QUOTE_HEAD.match(_unquote(texts[start]).strip())):
        if texts[start].strip():
            header = _HEADER_LINE.match(_unquote(texts[start]).strip())
            if header:
                headers[_unquote(texts[start]).split(":", 1)[0].strip().lower()] = header.group(1).strip()
        start += 1
    return start, headers


# An attachment whose name says it holds minutes or an attendance list.
_PROTOCOL_NAME = re.compile(r"(?i)protokoll|niederschrift|ergebnis|notiz|vermerk|teilnehmer|anwesenheit|minutes")
_BLOCKQUOTE = re.compile(r"(?i)<blockquote\b[^>]*>")


def _quotes_kept(html: str) -> str:
    """An HTML reply quotes the earlier mail in <blockquote> (Thunderbird, Apple Mail, Gmail), which the HTML
    converter drops as a page's quotation: here it is the quoted message, kept below a quote marker line."""
    if not _BLOCKQUOTE.search(html):
        return html
    tail = html[html.lower().rfind("</blockquote"):]
    if re.sub(r"(?:\s|&nbsp;)+", "", re.sub(r"<[^>]*>", "", tail.split(">", 1)[-1])):
        return html  # a quote with text after it (answered inline, signed below) stays a quote
    html = _BLOCKQUOTE.sub("<p>-----Ursprüngliche Nachricht-----</p><div>", html, count=1)
    return re.sub(r"(?i)</blockquote\s*>", "</div>", _BLOCKQUOTE.sub("<div>", html))


def _text_of(item: Any) -> str:
    if isinstance(item, SourceLine):
        return item.text if item.kind != "row" else " ".join(item.cells)
    return str(item)


def _unquote(text: str) -> str:
    return re.sub(r"^\s{0,3}(?:>\s?)+", "", text)


def _quote_head(texts: list[str]) -> int | None:
    """Index of the first line that opens a quoted or forwarded message, if any: a marker line, an Outlook
    header block ('Von: … Gesendet: …', also quoted as '> Von: …'), or the blank line above a run of '> '
    lines that goes on to the end (a reply that quotes the whole earlier mail without a marker)."""
    for i, text in enumerate(texts):
        stripped = _unquote(text).strip()
        in_quote = stripped != text.strip()
        if re.match(r"(?i)^(?:am|on)\s.*\s(?:schrieb|wrote)\b", stripped) and not stripped.endswith(":") \
                and i + 1 < len(texts) and _unquote(texts[i + 1]).strip().endswith(":"):
            stripped = f"{stripped} {_unquote(texts[i + 1]).strip()}"  # 'Am … schrieb Anna Berg <' / 'a@b.de>:'
        if _QUOTE_HEAD.match(stripped) or (_OUTLOOK_HEAD.match(stripped) and any(
                _OUTLOOK_NEXT.match(_unquote(t).strip()) for t in texts[i + 1:i + 4])):
            return i - 1 if in_quote and i > 0 and not texts[i - 1].strip() else i
    content = [i for i, text in enumerate(texts) if text.strip()]
    quoted = [i for i in content if texts[i].lstrip().startswith(">")]
    if len(quoted) >= 3 and quoted[0] > 0 and all(i in quoted for i in content if i > quoted[0]) \
            and not texts[quoted[0] - 1].strip():
        return quoted[0] - 1
    return None


def _read_attachment(name: str, payload: bytes, source: str,
                     read_attachment: Callable[[Path, str], Document]) -> Document:
    if len(payload) > MAX_ATTACHMENT_BYTES:
        raise ProtocolError(f"Anhang „{name}“ ist zu groß ({len(payload) // (1024 * 1024)} MB)", source)
    safe = re.sub(r"[^\w.\- ]", "_", PurePath(name).name)[-100:] or "anhang"
    with tempfile.TemporaryDirectory(prefix="netzwerkradar-anhang-") as folder:
        path = Path(folder) / safe
        path.write_bytes(payload)
        try:
            return read_attachment(path, f"{source} › {name}")
        except ProtocolError as exc:
            raise ProtocolError(f"Anhang „{name}“: {exc.message}", source, exc.line) from None


def _trim(lines: list[SourceLine], meta: dict[str, str]) -> list[SourceLine]:
    """Drop '>' quote lines, greeting and signature (kept in meta), leaving the protocol."""
    texts = [_text_of(sl) for sl in lines]
    kept = [i for i in range(len(lines)) if not texts[i].lstrip().startswith(">")]
    content = [i for i in kept if texts[i].strip()]
    signature_start = next((i for i in content if _SIGNATURE_DASHES.match(texts[i])), None)
    # the legal footer under 'Viele Grüße' and a signature is never protocol (a topic 'Datenschutzhinweise'
    # above the closing formula is)
    disclaimer = next((i for i in content[-_DISCLAIMER_WINDOW:] if _DISCLAIMER.search(texts[i])
                       and (signature_start is None or i < signature_start)
                       and any(_CLOSING.match(texts[k].strip()) for k in
                               [k for k in content if k < i][-_CLOSING_WINDOW:])), None)
    if disclaimer is not None:
        signature_start = disclaimer
    before = [i for i in content if signature_start is None or i < signature_start]
    closing = next((i for i in before[-_CLOSING_WINDOW:]
                    if _CLOSING.match(texts[i].strip()) and lines[i].kind in ("text", "heading")), None)
    if closing is not None:
        signature_start = closing
    if signature_start is not None:
        signature = [texts[i].strip() for i in content if i >= signature_start and texts[i].strip() != "--"]
        if signature:
            meta["signature"] = "\n".join(signature)
        kept = [i for i in kept if i < signature_start]
    content = [i for i in kept if texts[i].strip()]
    greeting: list[str] = []
    for index in content[:3]:  # 'Liebe Frau Berg,' / 'lieber Herr Ohm,': a greeting may take two lines
        first = texts[index].strip()
        if not (_GREETING.match(first) and lines[index].kind == "text" and len(first) <= 80
                and (first.endswith((",", "!", ":")) or (not greeting and len(first.split()) <= 4))):
            break
        greeting.append(first)
        kept = [i for i in kept if i != index]
    if greeting:
        meta["greeting"] = "\n".join(greeting)
    return [lines[i] for i in kept]


_PROTOCOL_WORDS = re.compile(r"(?i)^\W*(?:(?:ergebnis|sitzungs|kurz)?protokoll|niederschrift|tagesordnung|top\s*\d"
                             r"|teilnehm|anwesend|entschuldigt|beschl(?:uss|üsse)|aufgaben)\b")


def _protocol_like(lines: list[SourceLine]) -> bool:
    """Whether lines read as minutes (a field, a heading, a table, 'TOP 1', 'Anwesend:') rather than a letter:
    a long covering letter above a forwarded protocol does not make the protocol its cover."""
    content = [sl for sl in lines if sl.kind != "blank"]
    return sum(1 for sl in content if sl.kind in ("row", "heading") or sl.field or _PROTOCOL_WORDS.match(sl.text)) >= 2


def _cover_note(lines: list[SourceLine]) -> bool:
    """True when what is left of the body is a few lines of prose, no fields, no table, no headings."""
    content = [sl for sl in lines if sl.kind != "blank"]
    if any(sl.kind in ("row", "heading") or sl.field for sl in content):
        return False
    return len(content) <= 6 and sum(len(sl.text) for sl in content) <= 600
