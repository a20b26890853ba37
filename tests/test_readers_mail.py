"""E-mail protocols (.eml, .msg) -> blocks: body only; envelope, greeting, signature and quotes never become blocks."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import docx
import pytest

from etl.core.errors import ProtocolError
from etl.extract.readers import read_document
from tests.readers_shape import shapes

PLAIN = """Hallo zusammen,

Protokoll der Sitzung der AG Transfer
am 28. November 2023, 10.00 bis 13.00 Uhr, online

Teilnehmende: Herr Prof. Dr. Michael Lorenz (RKW), Herr Björn Albrecht
(SHK-Innung Bremen) und Frau Gudrun Fuchs (ZDH).
Protokoll: Tobias Ebert

TOP 1: Begrüßung

Herr Lorenz begrüßt alle.

> Alte Nachricht mit Frau Quote (Zitat)

Viele Grüße
Jörg Böhm

-- \nGeschäftsstelle des Netzwerks
Telefon 0511 123 45-71

Am 01.12.2023 um 10:00 schrieb Katrin Vogt <katrin.vogt@example.org>:
> Teilnehmende: Frau Falsch (XYZ)
"""


def P(text, line, lines=()):  # noqa: N802
    return ("paragraph", text, line, None, 0, "", lines, (), 0)


def H(text, line, level, lines=()):  # noqa: N802
    return ("heading", text, line, None, level, "", lines, (), 0)


def _message(body: str, html: str | None = None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Jörg Böhm <joerg.boehm@example.org>"
    message["To"] = "Katrin Vogt <katrin.vogt@example.org>, Björn Albrecht <bjoern.albrecht@example.org>"
    message["Cc"] = "Ralf Scholz <ralf.scholz@example.org>"
    message["Subject"] = "Protokoll AG Transfer vom 28.11.2023"
    message["Date"] = format_datetime(datetime(2023, 12, 9, 13, 0, tzinfo=UTC))
    message.set_content(body)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message


def test_plain_body_without_envelope_greeting_signature_and_quotes(tmp_path: Path) -> None:
    path = tmp_path / "protokoll.eml"
    path.write_bytes(bytes(_message(PLAIN)))
    document = read_document(path, source="protokoll.eml")
    assert document.format == "eml" and document.warnings == []
    assert document.meta == {
        "from": "Jörg Böhm <joerg.boehm@example.org>",
        "to": "Katrin Vogt <katrin.vogt@example.org>, Björn Albrecht <bjoern.albrecht@example.org>",
        "cc": "Ralf Scholz <ralf.scholz@example.org>",
        "subject": "Protokoll AG Transfer vom 28.11.2023",
        "date": "Sat, 09 Dec 2023 13:00:00 +0000",
        "greeting": "Hallo zusammen,",
        "signature": "Viele Grüße\nJörg Böhm\nGeschäftsstelle des Netzwerks\nTelefon 0511 123 45-71",
    }
    assert shapes(document.blocks) == [
        H("Protokoll der Sitzung der AG Transfer\nam 28. November 2023, 10.00 bis 13.00 Uhr, online", 3, 1,
          lines=(3, 4)),
        P("Teilnehmende: Herr Prof. Dr. Michael Lorenz (RKW), Herr Björn Albrecht\n(SHK-Innung Bremen) und "
          "Frau Gudrun Fuchs (ZDH).", 6, (6, 7)),
        P("Protokoll: Tobias Ebert", 8),
        H("TOP 1: Begrüßung", 10, 2),
        P("Herr Lorenz begrüßt alle.", 12),
    ]


def test_html_body_with_table(tmp_path: Path) -> None:
    html = ("<html><body><p>Liebe Kolleginnen und Kollegen,</p><h2>Protokoll Fachgruppe Handwerk</h2>"
            "<p>Datum: 09.09.2025</p><table><tr><th>Name</th><th>Organisation</th></tr>"
            "<tr><td>Anna Becker</td><td>BAuA</td></tr><tr><td>Peter Nowak</td><td>itb</td></tr></table>"
            "<ol><li>Begrüßung</li><li>Bericht</li></ol>"
            "<blockquote type='cite'>Teilnehmende: Zitierte Person</blockquote>"
            "<p>Mit freundlichen Grüßen<br>Anna Becker</p></body></html>")
    message = EmailMessage()
    message["From"] = "anna.becker@example.org"
    message["Subject"] = "Protokoll"
    message.set_content(html, subtype="html")
    path = tmp_path / "html.eml"
    path.write_bytes(bytes(message))
    document = read_document(path)
    assert document.meta["greeting"] == "Liebe Kolleginnen und Kollegen,"
    assert document.meta["signature"] == "Mit freundlichen Grüßen\nAnna Becker"
    rows = (("Name", "Organisation"), ("Anna Becker", "BAuA"), ("Peter Nowak", "itb"))
    assert shapes(document.blocks) == [
        H("Protokoll Fachgruppe Handwerk", 2, 2),
        P("Datum: 09.09.2025", 3),
        ("table", "Name | Organisation\nAnna Becker | BAuA\nPeter Nowak | itb", 4, None, 0, "", (), rows, 1),
        ("list_item", "Begrüßung", 7, None, 0, "1.", (), (), 0),
        ("list_item", "Bericht", 8, None, 0, "2.", (), (), 0),
    ]


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.add_heading("Protokoll Koordinierungsteam", level=1)
    document.add_paragraph("Datum: 17.01.2023")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_cover_note_hands_over_to_the_attached_protocol(tmp_path: Path) -> None:
    message = _message("Hallo zusammen,\n\nanbei das Protokoll der letzten Sitzung.\n\nViele Grüße\nJörg\n")
    message.add_attachment(_docx_bytes(), maintype="application",
                           subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                           filename="Protokoll 2023-01-17.docx")
    message.add_attachment(b"Tagesordnung\n", maintype="text", subtype="plain", filename="agenda.txt")
    path = tmp_path / "begleit.eml"
    path.write_bytes(bytes(message))
    document = read_document(path, source="begleit.eml")
    assert shapes(document.blocks) == [H("Protokoll Koordinierungsteam", 1, 1), P("Datum: 17.01.2023", 2)]
    assert document.meta["attachment"] == "Protokoll 2023-01-17.docx"
    assert document.meta["subject"] == "Protokoll AG Transfer vom 28.11.2023"
    assert document.warnings == [
        "Protokoll aus dem Anhang „Protokoll 2023-01-17.docx“ gelesen – die E-Mail selbst ist nur ein Begleittext",
        "weiterer Anhang „agenda.txt“ nicht gelesen"]


def test_protocol_in_the_body_wins_over_an_attachment(tmp_path: Path) -> None:
    message = _message(PLAIN)
    message.add_attachment(_docx_bytes(), maintype="application", subtype="octet-stream", filename="alt.docx")
    path = tmp_path / "beides.eml"
    path.write_bytes(bytes(message))
    document = read_document(path)
    assert document.blocks[0].text.startswith("Protokoll der Sitzung der AG Transfer")
    assert document.warnings == ["Anhang „alt.docx“ nicht gelesen – die E-Mail enthält selbst das Protokoll"]


def test_broken_attachment_names_the_attachment(tmp_path: Path) -> None:
    message = _message("Hallo,\n\nanbei.\n")
    message.add_attachment(b"%PDF-1.4 kaputt", maintype="application", subtype="pdf", filename="p.pdf")
    path = tmp_path / "kaputt.eml"
    path.write_bytes(bytes(message))
    with pytest.raises(ProtocolError) as info:
        read_document(path, source="kaputt.eml")
    assert str(info.value).startswith("kaputt.eml: Anhang „p.pdf“: PDF-Datei nicht lesbar")


@pytest.mark.parametrize(("data", "message"), [
    (b"Das ist nur Text ohne Kopfzeilen.\n", "keine E-Mail-Datei (.eml): keine Kopfzeilen (From, To, Subject, "
                                             "Date) gefunden"),
    (b"%PDF-1.4\n", "keine E-Mail-Datei (.eml), sondern eine PDF-Datei"),
], ids=["no-headers", "pdf"])
def test_not_an_email(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "p.eml"
    path.write_bytes(data)
    with pytest.raises(ProtocolError) as info:
        read_document(path, source="p.eml")
    assert str(info.value) == f"p.eml: {message}"


# --- Outlook .msg -------------------------------------------------------------------------------------


class _FakeAttachment:
    def __init__(self, name: str, data: bytes) -> None:
        self.longFilename = name  # noqa: N815 - extract-msg's attribute names
        self.data = data


class _FakeMsg:
    """What extract_msg.openMsg returns, as far as the reader uses it."""

    def __init__(self, body: str, attachments: list[_FakeAttachment] | None = None) -> None:
        self.sender = "Jörg Böhm <joerg.boehm@example.org>"
        self.to = "Katrin Vogt <katrin.vogt@example.org>"
        self.cc = None
        self.subject = "Protokoll AG Transfer"
        self.date = datetime(2023, 12, 9, 13, 0, tzinfo=UTC)
        self.body = body
        self.htmlBody = None  # noqa: N815
        self.attachments = attachments or []
        self.closed = False

    def close(self) -> None:
        self.closed = True


def test_msg_body_and_headers(tmp_path: Path) -> None:
    """A real .msg (the corpus' CFB/MAPI writer) through extract-msg."""
    from tests.fixtures.corpus.generators.msg_writer import Recipient, write_msg

    path = tmp_path / "protokoll.msg"
    write_msg(path, subject="Protokoll AG Transfer", body=PLAIN.replace("\n", "\r\n"),
              sender=("Jörg Böhm", "joerg.boehm@example.org"),
              recipients=[Recipient("Katrin Vogt", "katrin.vogt@example.org", 1),
                          Recipient("Ralf Scholz", "ralf.scholz@example.org", 2)],
              sent=datetime(2023, 12, 9, 13, 0, tzinfo=UTC))
    document = read_document(path, source="protokoll.msg")
    assert document.format == "msg" and document.warnings == []
    assert document.meta == {
        "from": "Jörg Böhm <joerg.boehm@example.org>", "to": "Katrin Vogt <katrin.vogt@example.org>",
        "cc": "Ralf Scholz <ralf.scholz@example.org>", "subject": "Protokoll AG Transfer",
        "date": "2023-12-09 13:00:00+00:00", "greeting": "Hallo zusammen,",
        "signature": "Viele Grüße\nJörg Böhm\nGeschäftsstelle des Netzwerks\nTelefon 0511 123 45-71"}
    assert shapes(document.blocks) == shapes(read_document(_eml_with(PLAIN, tmp_path)).blocks)


def _eml_with(body: str, folder: Path) -> Path:
    path = folder / "gleich.eml"
    path.write_bytes(bytes(_message(body)))
    return path


def test_msg_attachment_is_read_when_the_body_is_a_cover_note(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Attachments through extract-msg's attachment objects (synthetic: the corpus writer has none)."""
    import extract_msg

    fake = _FakeMsg("Hallo zusammen,\r\n\r\nanbei das Protokoll.\r\n\r\nViele Grüße\r\nJörg\r\n",
                    [_FakeAttachment("Protokoll.docx", _docx_bytes())])
    monkeypatch.setattr(extract_msg, "openMsg", lambda data, **_: fake)
    path = tmp_path / "begleit.msg"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    document = read_document(path, source="begleit.msg")
    assert fake.closed
    assert shapes(document.blocks) == [H("Protokoll Koordinierungsteam", 1, 1), P("Datum: 17.01.2023", 2)]
    assert document.meta["date"] == "2023-12-09 13:00:00+00:00"
    assert document.warnings == ["Protokoll aus dem Anhang „Protokoll.docx“ gelesen – die E-Mail selbst ist nur "
                                 "ein Begleittext"]


def test_msg_that_is_not_an_outlook_file(tmp_path: Path) -> None:
    path = tmp_path / "p.msg"
    path.write_bytes(b"From: x\n\nText")
    with pytest.raises(ProtocolError) as info:
        read_document(path, source="p.msg")
    assert str(info.value) == "p.msg: keine gültige Outlook-Nachricht (.msg): Inhalt ist keine Outlook-Datei"


def test_broken_msg(tmp_path: Path) -> None:
    path = tmp_path / "p.msg"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    with pytest.raises(ProtocolError, match="p.msg: Outlook-Nachricht \\(.msg\\) nicht lesbar: "):
        read_document(path, source="p.msg")


FORWARDED = """Hallo Frau Gerlach,

wie gewünscht leite ich Ihnen das Protokoll weiter.

Beste Grüße
Dirk Vossberg

-------- Weitergeleitete Nachricht --------
Betreff: Protokoll FG Handwerk 24.01.2020
Datum: Mon, 27 Jan 2020 16:02:11 +0100
Von: Petra Hülsmann <huelsmann@example.org>

Protokoll Fachgruppe Handwerk

Datum: 24.01.2020
Teilnehmende: Petra Hülsmann (PSG), Dirk Vossberg (ZDH)

Viele Grüße
Petra Hülsmann
"""


def test_forwarded_protocol_under_a_cover_note(tmp_path: Path) -> None:
    path = tmp_path / "weitergeleitet.eml"
    path.write_bytes(bytes(_message(FORWARDED)))
    document = read_document(path)
    assert shapes(document.blocks) == [H("Protokoll Fachgruppe Handwerk", 13, 1), P("Datum: 24.01.2020", 15),
                                       P("Teilnehmende: Petra Hülsmann (PSG), Dirk Vossberg (ZDH)", 16)]
    assert {k: v for k, v in document.meta.items() if k.startswith(("forwarded", "cover", "signature"))} == {
        "forwarded_betreff": "Protokoll FG Handwerk 24.01.2020", "forwarded_datum": "Mon, 27 Jan 2020 16:02:11 +0100",
        "forwarded_von": "Petra Hülsmann <huelsmann@example.org>", "signature": "Viele Grüße\nPetra Hülsmann",
        "cover_note": "wie gewünscht leite ich Ihnen das Protokoll weiter."}
    assert document.warnings == ["Protokoll aus der weitergeleiteten Nachricht gelesen (ab Zeile 13); darüber "
                                 "steht nur ein Begleittext"]


def test_quoted_protocol_under_a_short_reply(tmp_path: Path) -> None:
    body = ("Danke, so passt es.\n\nAm 27.01.2020 um 16:02 schrieb Petra Hülsmann:\n"
            "> Protokoll Fachgruppe Handwerk\n>\n> Datum: 24.01.2020\n")
    path = tmp_path / "antwort.eml"
    path.write_bytes(bytes(_message(body)))
    document = read_document(path)
    assert shapes(document.blocks) == [H("Protokoll Fachgruppe Handwerk", 4, 1), P("Datum: 24.01.2020", 6)]


def test_reply_text_wins_over_the_quote_below(tmp_path: Path) -> None:
    body = ("Protokoll Koordinierungsteam\n\nDatum: 03.02.2020\nTeilnehmende: Anna Becker (BAuA)\n\n"
            "Am 27.01.2020 um 16:02 schrieb Petra Hülsmann:\n> Teilnehmende: Falsche Person (XYZ)\n")
    path = tmp_path / "antwort.eml"
    path.write_bytes(bytes(_message(body)))
    document = read_document(path)
    assert [b.text for b in document.blocks] == ["Protokoll Koordinierungsteam", "Datum: 03.02.2020",
                                                 "Teilnehmende: Anna Becker (BAuA)"]
    assert document.warnings == []


def test_protocol_forwarded_as_an_attached_mail(tmp_path: Path) -> None:
    """Outlook's "Als Anlage weiterleiten": the protocol is a whole e-mail (message/rfc822) inside the cover mail."""
    inner = ("From: Petra Nowak <p.nowak@example.org>\nTo: verteiler@example.org\n"
             "Subject: Protokoll AG Transfer 12.05.2025\nDate: Tue, 13 May 2025 09:00:00 +0200\n"
             "Content-Type: text/plain; charset=utf-8\n\n"
             "Protokoll der AG Transfer\nDatum: 12.05.2025, 10:00 bis 11:30 Uhr\n\nTeilnehmende:\n"
             "- Petra Nowak (RKW)\n- Arne Wiegand (itb)\n\nBeschluss: Der Bericht geht an den Strategiekreis.\n")
    outer = ("From: Arne Wiegand <a@example.org>\nTo: b@example.org\nSubject: WG: Protokoll AG Transfer 12.05.2025\n"
             'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="aa"\n\n--aa\n'
             "Content-Type: text/plain; charset=utf-8\n\nHallo zusammen,\nanbei das Protokoll zur Kenntnis.\n"
             "Viele Grüße\nArne\n\n--aa\nContent-Type: message/rfc822\nContent-Disposition: attachment\n\n"
             + inner + "\n--aa--\n")
    path = tmp_path / "weiter.eml"
    path.write_text(outer, encoding="utf-8")
    document = read_document(path, source="weiter.eml")
    assert document.meta["attachment"] == "Protokoll AG Transfer 12.05.2025.eml"
    assert [(b.kind, b.text, b.line) for b in document.blocks] == [
        ("heading", "Protokoll der AG Transfer", 1), ("paragraph", "Datum: 12.05.2025, 10:00 bis 11:30 Uhr", 2),
        ("paragraph", "Teilnehmende:", 4), ("list_item", "Petra Nowak (RKW)", 5),
        ("list_item", "Arne Wiegand (itb)", 6), ("paragraph", "Beschluss: Der Bericht geht an den Strategiekreis.", 8)]


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_a_header_written_in_8_bit_is_read_as_text(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "roh.eml"
    path.write_bytes(("From: Jörg Böhm <j@example.org>\nSubject: Werkstattgespräch am 11.03.\n"
                      "Content-Type: text/plain; charset=utf-8\n\nHallo, hier das Protokoll mit etwas Text.\n")
                     .encode(encoding))
    meta = read_document(path, source="roh.eml").meta
    assert (meta["from"], meta["subject"]) == ("Jörg Böhm <j@example.org>", "Werkstattgespräch am 11.03.")


def test_a_legal_footer_under_the_signature_is_no_protocol_but_a_topic_about_privacy_is(tmp_path: Path) -> None:
    body = ("Protokoll AG Transfer am 28.11.2023\n\nTeilnehmende: Anna Berg (ZVB)\n\n"
            "TOP 3: Datenschutzhinweise für die Website\nFrau Berg prüft die Pflichtangaben.\n\n"
            "Viele Grüße\nJörg Böhm\n\n"
            + "Diese E-Mail kann vertrauliche Informationen enthalten.\nRegistergericht: Amtsgericht Musterstadt\n"
            + "".join(f"Zeile {n} des Hinweises\n" for n in range(14)))
    path = tmp_path / "fuss.eml"
    path.write_bytes(bytes(_message(body)))
    document = read_document(path, source="fuss.eml")
    texts = [block.text for block in document.blocks]
    assert texts[-1] == "Frau Berg prüft die Pflichtangaben."
    assert "TOP 3: Datenschutzhinweise für die Website" in texts
    assert document.meta["signature"].startswith("Viele Grüße\nJörg Böhm\nDiese E-Mail")


@pytest.mark.parametrize("head", [
    "Anfang der weitergeleiteten Nachricht:",
    "Am Di., 3. März 2026 um 10:12 Uhr schrieb Katrin Vogt <\nkatrin.vogt@example.org>:",
])
def test_the_protocol_below_an_apple_forward_or_a_wrapped_attribution(tmp_path: Path, head: str) -> None:
    quoted = head.startswith("Am")
    protocol = "Protokoll AG Transfer am 03.03.2026\n\nTeilnehmende: Anna Berg (ZVB), Jan Ohm (HWK)\n"
    if quoted:
        protocol = "".join(f"> {line}\n" if line else ">\n" for line in protocol.split("\n")[:-1])
    body = f"Hallo Jan,\n\nzur Info.\n\nKatrin\n\n{head}\n\n{protocol}"
    path = tmp_path / "weiter.eml"
    path.write_bytes(bytes(_message(body)))
    document = read_document(path, source="weiter.eml")
    assert [block.text for block in document.blocks] == [
        "Protokoll AG Transfer am 03.03.2026", "Teilnehmende: Anna Berg (ZVB), Jan Ohm (HWK)"]
    assert document.meta["cover_note"] == "zur Info. Katrin"


def test_the_minutes_are_preferred_over_a_calendar_entry_attached_first(tmp_path: Path) -> None:
    message = _message("Hallo zusammen,\n\nanbei das Protokoll und der Termin.\n\nViele Grüße\nJörg\n")
    message.add_attachment(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Sitzung\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                           maintype="text", subtype="calendar", filename="Sitzung.ics")
    message.add_attachment(_docx_bytes(), maintype="application",
                           subtype="vnd.openxmlformats-officedocument.wordprocessingml.document", filename="P.docx")
    path = tmp_path / "begleit.eml"
    path.write_bytes(bytes(message))
    document = read_document(path, source="begleit.eml")
    assert document.meta["attachment"] == "P.docx"
    assert document.warnings[-1] == "weiterer Anhang „Sitzung.ics“ nicht gelesen"


def test_the_protocol_inside_an_exchange_winmail_dat_is_read(tmp_path: Path) -> None:
    from tests.fixtures.tnef_writer import winmail_dat

    message = _message("Hallo zusammen,\n\nanbei das Protokoll.\n\nViele Grüße\nJörg\n")
    message.add_attachment(winmail_dat([("image001.png", b"\x89PNG\r\n"), ("Protokoll KoTeam.docx", _docx_bytes())]),
                           maintype="application", subtype="ms-tnef", filename="winmail.dat")
    path = tmp_path / "exchange.eml"
    path.write_bytes(bytes(message))
    document = read_document(path, source="exchange.eml")
    assert document.meta["attachment"] == "Protokoll KoTeam.docx"
    assert shapes(document.blocks) == [H("Protokoll Koordinierungsteam", 1, 1), P("Datum: 17.01.2023", 2)]


def test_a_greeting_over_two_lines_is_no_protocol(tmp_path: Path) -> None:
    body = "Liebe Frau Vogt,\nlieber Herr Albrecht,\n\nhier das Protokoll.\n\nTeilnehmende: Anna Berg (ZVB)\n"
    path = tmp_path / "gruss.eml"
    path.write_bytes(bytes(_message(body)))
    document = read_document(path, source="gruss.eml")
    assert document.meta["greeting"] == "Liebe Frau Vogt,\nlieber Herr Albrecht,"
    assert [block.text for block in document.blocks] == ["hier das Protokoll.", "Teilnehmende: Anna Berg (ZVB)"]


def test_a_long_letter_without_minutes_hands_over_to_the_attachment_named_protocol(tmp_path: Path) -> None:
    letter = ("Liebe Kolleginnen und Kollegen,\n\n" + "vielen Dank für die gute Sitzung und die vielen Ideen. " * 4
              + "\n\nFür die nächste Runde bitte ich um Themenvorschläge bis Ende des Monats.\n\n"
              + "Die Geschäftsstelle sammelt alles und schickt eine Übersicht herum.\n\n"
              + "Außerdem erinnere ich an die Anmeldung zur Netzwerkkonferenz.\n\nViele Grüße\nJörg\n")
    message = _message(letter)
    message.add_attachment(b"Tagesordnung\n", maintype="text", subtype="plain", filename="agenda.txt")
    message.add_attachment(_docx_bytes(), maintype="application",
                           subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                           filename="Ergebnisprotokoll 2023-01-17.docx")
    path = tmp_path / "brief.eml"
    path.write_bytes(bytes(message))
    document = read_document(path, source="brief.eml")
    assert document.meta["attachment"] == "Ergebnisprotokoll 2023-01-17.docx"
    assert shapes(document.blocks) == [H("Protokoll Koordinierungsteam", 1, 1), P("Datum: 17.01.2023", 2)]


@pytest.mark.parametrize(("declared", "encoding"), [
    ("", "utf-8"), ("", "cp1252"), ('; charset="iso-8859-1"', "utf-8"), ('; charset="iso-8859-1"', "latin-1")])
def test_a_body_whose_charset_is_missing_or_wrong_is_read_as_written(tmp_path: Path, declared: str,
                                                                    encoding: str) -> None:
    text = ("From: A <a@example.org>\nSubject: Protokoll\nDate: Mon, 02 Mar 2026 09:00:00 +0100\n"
            f"Content-Type: text/plain{declared}\nContent-Transfer-Encoding: 8bit\n\n"
            "Protokoll der Sitzung am 02.03.2026\n\nTeilnehmende: Jürgen Müller (HWK), Björn Weiß (ZVB)\n")
    path = tmp_path / "zeichensatz.eml"
    path.write_bytes(text.encode(encoding))
    document = read_document(path, source="zeichensatz.eml")
    assert document.blocks[-1].text == "Teilnehmende: Jürgen Müller (HWK), Björn Weiß (ZVB)"


TWICE_FORWARDED = """From: Ole Brink <brink@gs.example>
To: Pia Lenz <lenz@gs.example>
Subject: WG: WG: Protokoll AG Transfer 03.03.2026
Date: Fri, 06 Mar 2026 09:00:00 +0100
Content-Type: text/plain; charset=utf-8

Hallo Pia,

zur Info.

Ole

-----Ursprüngliche Nachricht-----
Von: Katrin Vogt <vogt@gs.example>
Gesendet: Donnerstag, 5. März 2026 10:00
An: Ole Brink
Betreff: WG: Protokoll AG Transfer 03.03.2026

Hallo Ole,

kannst du das bitte an Pia weitergeben?

Katrin

-----Ursprüngliche Nachricht-----
Von: Anna Berg <berg@zvb.example>
Gesendet: Mittwoch, 4. März 2026 16:00
An: AG Transfer
Betreff: Protokoll AG Transfer 03.03.2026

Protokoll AG Transfer am 03.03.2026, 10-12 Uhr

Teilnehmende: Anna Berg (ZVB), Jan Ohm (HWK)
Entschuldigt: Eva Jäger

1. Herr Ohm verschickt die Umfrage bis 20.03.
"""


def test_a_protocol_forwarded_twice_is_read_below_both_cover_notes(tmp_path: Path) -> None:
    path = tmp_path / "ww.eml"
    path.write_text(TWICE_FORWARDED, encoding="utf-8")
    document = read_document(path, source="ww.eml")
    assert document.blocks[0].text == "Protokoll AG Transfer am 03.03.2026, 10-12 Uhr"
    assert (document.meta["forwarded_von"], document.meta["cover_note"]) == (
        "Anna Berg <berg@zvb.example>", "zur Info. Ole")
