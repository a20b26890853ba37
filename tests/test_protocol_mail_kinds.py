"""Protocols as offices send them by e-mail: quoted under a reply that corrects them, forwarded below
chatter, told as a story in a round mail, a list of who came in a reply (all names fictional)."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.parse.file import parse_file

CORRECTION_REPLY = """From: Dr. Tobias Quandt <quandt@kammer.example>
To: Marlene Fiedler <fiedler@gs.example>
Subject: AW: Protokoll Fachgruppe Handwerk 03.02.2026
Date: Thu, 05 Feb 2026 08:10:00 +0100
Content-Type: text/plain; charset=utf-8

Liebe Frau Fiedler,

vielen Dank. Kleine Korrektur: ich war am 3.2. gar nicht dabei, ich hatte mich vorher
entschuldigt. Und Frau Rehm war entschuldigt, nicht anwesend.

Viele Grüße
Tobias Quandt

> Von: Marlene Fiedler
> Gesendet: Mittwoch, 4. Februar 2026 14:00
> Betreff: Protokoll Fachgruppe Handwerk 03.02.2026
>
> Hallo zusammen,
>
> Protokoll Fachgruppe Handwerk, 03.02.2026, 14:00-15:30 Uhr, Zoom
> Anwesend: M. Fiedler (GS), Dr. T. Quandt (HWK), P. Rehm (ZVB), O. Brandl
>
> 1. Jahresplanung: der Praxistag findet am 12.05. statt.
> 2. O. Brandl verschickt die Einladung bis 20.02.
>
> Viele Grüße
> Marlene Fiedler
"""


def _parse(tmp_path: Path, name: str, text: str) -> dict:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return dict(parse_file(path))


def _people(parsed: dict) -> list[tuple[str, str | None, str]]:
    return [(p["name"], p["organisation_raw"], p["status"]) for p in parsed["participants"]]


def test_a_reply_corrects_the_protocol_it_quotes(tmp_path: Path) -> None:
    parsed = _parse(tmp_path, "korrektur.eml", CORRECTION_REPLY)
    assert (parsed["date"], parsed["start"], parsed["end"], parsed["format"]) == (
        "2026-02-03", "14:00", "15:30", "online")
    assert _people(parsed) == [("M. Fiedler", "GS", "present"), ("T. Quandt", "HWK", "excused"),
                               ("P. Rehm", "ZVB", "excused"), ("O. Brandl", None, "present")]
    assert [(t["owners"], t["due"]) for t in parsed["action_items"]] == [(["O. Brandl"], "2026-02-20")]


def test_a_reply_that_quotes_without_a_header_still_gives_the_protocol(tmp_path: Path) -> None:
    text = CORRECTION_REPLY.replace("> Von: Marlene Fiedler\n> Gesendet: Mittwoch, 4. Februar 2026 14:00\n"
                                    "> Betreff: Protokoll Fachgruppe Handwerk 03.02.2026\n>\n", "")
    parsed = _parse(tmp_path, "korrektur.eml", text)
    assert _people(parsed)[1:3] == [("T. Quandt", "HWK", "excused"), ("P. Rehm", "ZVB", "excused")]


def test_a_reply_without_correction_keeps_the_quoted_statuses(tmp_path: Path) -> None:
    text = CORRECTION_REPLY.replace(
        "vielen Dank. Kleine Korrektur: ich war am 3.2. gar nicht dabei, ich hatte mich vorher\n"
        "entschuldigt. Und Frau Rehm war entschuldigt, nicht anwesend.", "danke, passt so.")
    assert [s for _, _, s in _people(_parse(tmp_path, "antwort.eml", text))] == ["present"] * 4


LIST_REPLY = """From: Gesa Lindqvist <lindqvist@zentrum.example>
To: Arvid Kessler <kessler@kammer.example>
Subject: AW: Anwesenheit Werkstattgespräch AG Transfer
Date: Fri, 13 Mar 2026 09:30:00 +0100
Content-Type: text/plain; charset=utf-8

Hallo Herr Kessler,

anbei wie besprochen die Namen aller, die am Werkstattgespräch am 11.03.2026 (9-12 Uhr, Kammer Nord)
tatsächlich vor Ort waren:

Lindqvist, Gesa – Zentrum Nord
Kessler, Arvid – Kammer Nord
Borowski, Janek – Tischlerei Borowski
Ostermann, Frieda – Zentrum Nord

Angemeldet, aber nicht erschienen: Rautenberg, Ilka (Kammer Nord)

Viele Grüße
Gesa Lindqvist
"""


def test_a_sentence_ending_in_a_colon_announces_the_list_of_people(tmp_path: Path) -> None:
    parsed = _parse(tmp_path, "Liste_FG_Sonstwas.eml", LIST_REPLY)
    assert (parsed["date"], parsed["start"], parsed["end"]) == ("2026-03-11", "09:00", "12:00")
    assert parsed["title"] == "Anwesenheit Werkstattgespräch AG Transfer"
    assert _people(parsed) == [
        ("Gesa Lindqvist", "Zentrum Nord", "present"), ("Arvid Kessler", "Kammer Nord", "present"),
        ("Janek Borowski", "Tischlerei Borowski", "present"), ("Frieda Ostermann", "Zentrum Nord", "present"),
        ("Ilka Rautenberg", "Kammer Nord", "absent")]


def test_a_mail_takes_its_group_from_the_subject_before_the_file_name(tmp_path: Path) -> None:
    from etl.core.registry import Registry

    groups = Registry("group")
    groups.add("AG Transfer", "Arbeitsgruppe Transfer")
    groups.add("Fachgruppe Sonstwas", "FG Sonstwas")
    path = tmp_path / "Liste_FG_Sonstwas.eml"
    path.write_text(LIST_REPLY, encoding="utf-8")
    assert parse_file(path, groups=groups)["group"] == "AG Transfer"


def test_a_hybrid_meeting_lists_who_was_in_the_room_and_who_joined_online(tmp_path: Path) -> None:
    text = LIST_REPLY.replace(
        "anbei wie besprochen die Namen aller, die am Werkstattgespräch am 11.03.2026 (9-12 Uhr, Kammer Nord)"
        "\ntatsächlich vor Ort waren:\n\nLindqvist, Gesa – Zentrum Nord\nKessler, Arvid – Kammer Nord\n"
        "Borowski, Janek – Tischlerei Borowski\nOstermann, Frieda – Zentrum Nord\n",
        "Werkstattgespräch am 11.03.2026, 9-12 Uhr\n\nAnwesend vor Ort:\n  Gesa Lindqvist (Zentrum Nord)\n"
        "  Arvid Kessler (Kammer Nord)\nOnline zugeschaltet:\n  Janek Borowski (Tischlerei Borowski)\n")
    assert _people(_parse(tmp_path, "hybrid.eml", text)) == [
        ("Gesa Lindqvist", "Zentrum Nord", "present"), ("Arvid Kessler", "Kammer Nord", "present"),
        ("Janek Borowski", "Tischlerei Borowski", "present"), ("Ilka Rautenberg", "Kammer Nord", "absent")]


ROUND_MAIL = """From: Henrike Saalfeld <saalfeld@verband-sued.example>
To: netzwerk-sued@liste.example
Subject: Rückblick Netzwerktreffen Süd vom 04.03.2026
Date: Thu, 05 Mar 2026 11:00:00 +0100
Content-Type: text/plain; charset=utf-8

Liebe Partnerinnen und Partner,

danke für den guten Austausch gestern (04.03.2026, 10 bis 11:30 Uhr,
Videokonferenz)! Dabei waren Ruben Tiedke und ich vom Verband Süd, Mira
Olszewski von der Handwerkskammer Oberland, Konrad Esser (WFG) und
erstmals Lale Demirci, die sonst im Bildungswerk Lech aktiv ist und als
Gast reingeschaut hat. Frau Dr. Haberkorn konnte leider nicht, sie lässt
grüßen.

Ich schicke euch bis 20.03. die Unterlagen.

Herzliche Grüße
Henrike Saalfeld
Verband Süd
"""


def test_a_round_mail_tells_who_came_in_sentences(tmp_path: Path) -> None:
    parsed = _parse(tmp_path, "rundmail.eml", ROUND_MAIL)
    assert (parsed["date"], parsed["start"], parsed["end"], parsed["format"]) == (
        "2026-03-04", "10:00", "11:30", "online")
    assert _people(parsed) == [
        ("Ruben Tiedke", "Verband Süd", "present"), ("Henrike Saalfeld", "Verband Süd", "present"),
        ("Mira Olszewski", "Handwerkskammer Oberland", "present"), ("Konrad Esser", "WFG", "present"),
        ("Lale Demirci", "Bildungswerk Lech", "guest"), ("Haberkorn", None, "excused")]
    assert [(t["owners"], t["due"]) for t in parsed["action_items"]] == [(["Henrike Saalfeld"], "2026-03-20")]


def test_a_forwarded_round_mail_makes_its_first_writer_the_one_who_says_ich(tmp_path: Path) -> None:
    forwarded = ("From: Ole Brink <brink@gs.example>\nTo: Pia Lenz <lenz@gs.example>\n"
                 "Subject: WG: Rückblick Netzwerktreffen Süd vom 04.03.2026\n"
                 "Date: Fri, 06 Mar 2026 09:00:00 +0100\nContent-Type: text/plain; charset=utf-8\n\n"
                 "Hallo Pia,\n\nzur Info.\n\nOle\n\n-----Ursprüngliche Nachricht-----\n"
                 "Von: Henrike Saalfeld <saalfeld@verband-sued.example>\nGesendet: Donnerstag, 5. März 2026 11:00\n"
                 "Betreff: Rückblick Netzwerktreffen Süd vom 04.03.2026\n\n" + ROUND_MAIL.split("\n\n", 1)[1])
    names = [name for name, _, _ in _people(_parse(tmp_path, "weiter.eml", forwarded))]
    assert "Henrike Saalfeld" in names and "Ole Brink" not in names and "Pia Lenz" not in names


TASK_MAIL = """From: Jens Albers <albers@kammer.example>
To: fg@liste.example
Subject: Kurzprotokoll Fachgruppe Handwerk 10.03.2026
Date: Wed, 11 Mar 2026 09:00:00 +0100
Content-Type: text/plain; charset=utf-8

Hallo zusammen,

kurz die Ergebnisse von gestern (10.03.2026, 14-15 Uhr, Zoom).
Teilnehmende: Jens Albers (HWK), Petra Sommer (ZVB), Nils Grote (IfAM)

- Der Praxistag wird auf den 5. Mai verschoben.
- Ich schicke euch bis Freitag die überarbeitete Agenda.
- Könntest du, Nils, bis zum 20.3. die Referentenliste ergänzen?
- @Petra: bitte die Raumbuchung klären.

Viele Grüße
Jens Albers
Handwerkskammer Nord
Tel. 0123 456789

Diese E-Mail kann vertrauliche Informationen enthalten. Wenn Sie nicht der richtige Adressat sind,
informieren Sie bitte sofort den Absender und vernichten Sie diese E-Mail. Das unerlaubte Kopieren
sowie die unbefugte Weitergabe dieser Mail sind nicht gestattet.
Handwerkskammer Nord, Körperschaft des öffentlichen Rechts
Präsident: Karl Beispiel, Hauptgeschäftsführerin: Dr. Erika Muster
Sitz: Musterstadt
Registergericht: Amtsgericht Musterstadt
USt-IdNr.: DE123456789
Datenschutzhinweise: https://www.hwk-nord.example/datenschutz
Folgen Sie uns auf LinkedIn
Besuchen Sie unsere Messe
Noch eine Zeile
Und noch eine Zeile
"""


def test_tasks_written_as_sentences_in_a_mail_and_no_legal_footer(tmp_path: Path) -> None:
    parsed = _parse(tmp_path, "kurzprotokoll.eml", TASK_MAIL)
    assert parsed["title"] == "Kurzprotokoll Fachgruppe Handwerk 10.03.2026"
    assert [name for name, _, _ in _people(parsed)] == ["Jens Albers", "Petra Sommer", "Nils Grote"]
    assert [(t["owners"], t["due"]) for t in parsed["action_items"]] == [
        (["Jens Albers"], "2026-03-13"), (["Nils Grote"], "2026-03-20"), (["Petra Sommer"], None)]


def _response(subject: str, body: str) -> str:
    return (f"From: Dr. Tamara Voss <voss@institut.example>\nTo: Jan Ohm <ohm@zvb.example>\nSubject: {subject}\n"
            "Date: Mon, 12 Jan 2026 08:00:00 +0100\nContent-Type: text/plain; charset=utf-8\n\n" + body)


def test_an_outlook_meeting_response_says_by_its_subject_who_comes(tmp_path: Path) -> None:
    accepted = _parse(tmp_path, "zusage.eml", _response("Zugesagt: Sitzung AG Transfer am 20.01.2026", ""))
    assert (accepted["date"], _people(accepted)) == ("2026-01-20", [("Tamara Voss", None, "present")])
    declined = _parse(tmp_path, "absage.eml", _response("Abgelehnt: Sitzung AG Transfer am 20.01.2026",
                                                        "Bin leider auf Dienstreise.\n"))
    assert _people(declined) == [("Tamara Voss", None, "excused")]
    tentative = _parse(tmp_path, "vorbehalt.eml", _response("Mit Vorbehalt angenommen: Sitzung AG Transfer am "
                                                            "20.01.2026", ""))
    assert _people(tentative) == []


def test_a_short_reply_that_says_zusage(tmp_path: Path) -> None:
    parsed = _parse(tmp_path, "aw.eml", _response("AW: Einladung AG Transfer am 20.01.2026",
                                                  "Hallo Herr Ohm,\n\nhiermit meine Zusage für den 20.01.\n\n"
                                                  "Viele Grüße\nTamara Voss\n"))
    assert _people(parsed) == [("Tamara Voss", None, "present")]


def test_an_outlook_message_in_rich_text_only_is_read(tmp_path: Path) -> None:
    import datetime as dt

    from tests.fixtures.corpus.generators.msg_writer import Recipient, write_msg

    rtf = (rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Calibri;}}\f0 Protokoll Fachgruppe Handwerk\par "
           rb"Datum: 03.02.2026, 14:00-15:30 Uhr\par Teilnehmende: Greta Hallmann (HWK), J\'fcrgen Sch\'e4fer (ZVB)"
           rb"\par\par TOP 1 Jahresplanung\par Herr Sch\'e4fer verschickt die Einladung bis 20.02.2026.\par}")
    path = tmp_path / "rtf.msg"
    write_msg(path, subject="Protokoll FG Handwerk", body=None, sender=("Greta Hallmann", "g@hwk.example"),
              recipients=[Recipient("Fachgruppe", "fg@liste.example", 1)],
              sent=dt.datetime(2026, 2, 4, 9, tzinfo=dt.UTC), rtf=rtf)
    parsed = dict(parse_file(path))
    assert (parsed["date"], parsed["start"], parsed["end"]) == ("2026-02-03", "14:00", "15:30")
    assert _people(parsed) == [("Greta Hallmann", "HWK", "present"), ("Jürgen Schäfer", "ZVB", "present")]
    assert [(t["owners"], t["due"]) for t in parsed["action_items"]] == [(["Jürgen Schäfer"], "2026-02-20")]


def test_a_day_and_month_in_the_subject_is_no_time(tmp_path: Path) -> None:
    text = ROUND_MAIL.replace("Subject: Rückblick Netzwerktreffen Süd vom 04.03.2026",
                              "Subject: Rückblick Netzwerktreffen Süd (04.03.)")
    parsed = _parse(tmp_path, "rundmail.eml", text)
    assert (parsed["date"], parsed["start"], parsed["end"]) == ("2026-03-04", "10:00", "11:30")


def test_a_correction_adds_who_was_missing_from_the_list(tmp_path: Path) -> None:
    text = CORRECTION_REPLY.replace(
        "vielen Dank. Kleine Korrektur: ich war am 3.2. gar nicht dabei, ich hatte mich vorher\n"
        "entschuldigt. Und Frau Rehm war entschuldigt, nicht anwesend.",
        "danke! Ergänzung: Frau Ilse Brandt (IfAM) war auch dabei.")
    assert _people(_parse(tmp_path, "ergaenzung.eml", text))[-1] == ("Ilse Brandt", "IfAM", "present")


def test_more_ways_a_mail_tells_who_came(tmp_path: Path) -> None:
    text = ROUND_MAIL.replace(
        "Dabei waren Ruben Tiedke und ich vom Verband Süd, Mira\nOlszewski von der Handwerkskammer Oberland, "
        "Konrad Esser (WFG) und\nerstmals Lale Demirci, die sonst im Bildungswerk Lech aktiv ist und als\n"
        "Gast reingeschaut hat. Frau Dr. Haberkorn konnte leider nicht, sie lässt\ngrüßen.",
        "Neben mir waren noch Ruben Tiedke (Verband Süd) und Mira Olszewski dabei.\n"
        "Herr Esser fehlte krankheitsbedingt, Frau Haberkorn war verhindert.\n"
        "Lale Demirci (Bildungswerk Lech) war auch dabei.")
    assert _people(_parse(tmp_path, "rundmail.eml", text)) == [
        ("Henrike Saalfeld", None, "present"), ("Ruben Tiedke", "Verband Süd", "present"),
        ("Mira Olszewski", None, "present"), ("Esser", None, "excused"), ("Haberkorn", None, "excused"),
        ("Lale Demirci", "Bildungswerk Lech", "present")]


OUTLOOK_REPLY = "\n".join(line[2:] if line.startswith("> ") else line.lstrip(">")
                          for line in CORRECTION_REPLY.split("\n")).replace(
    "Von: Marlene Fiedler", "-----Ursprüngliche Nachricht-----\nVon: Marlene Fiedler")
THUNDERBIRD_HTML = (
    "<html><body><p>Hallo Marlene,</p><p>Korrektur: Frau Rehm war entschuldigt, nicht anwesend.</p>"
    "<p>Viele Grüße<br>Tobias</p><div class='moz-cite-prefix'>Am 04.02.2026 um 14:00 schrieb Marlene Fiedler:</div>"
    "<blockquote type='cite'><p>Protokoll Fachgruppe Handwerk, 03.02.2026, 14:00-15:30 Uhr, Zoom</p>"
    "<p>Anwesend: M. Fiedler (GS), Dr. T. Quandt (HWK), P. Rehm (ZVB), O. Brandl</p>"
    "<ol><li>O. Brandl verschickt die Einladung bis 20.02.</li></ol></blockquote></body></html>")
OUTLOOK_HTML = (
    "<html><body><div class=WordSection1><p class=MsoNormal>Liebe Frau Fiedler,</p><p class=MsoNormal>Korrektur: "
    "Frau Rehm war entschuldigt, nicht anwesend.</p><p class=MsoNormal>Viele Grüße<br>Tobias Quandt</p>"
    "<div style='border:none;border-top:solid #E1E1E1 1.0pt'><p class=MsoNormal><b>Von:</b> Marlene Fiedler "
    "&lt;fiedler@gs.example&gt;<br><b>Gesendet:</b> Mittwoch, 4. Februar 2026 14:00<br><b>An:</b> Fachgruppe<br>"
    "<b>Betreff:</b> Protokoll Fachgruppe Handwerk 03.02.2026</p></div>"
    "<p class=MsoNormal>Protokoll Fachgruppe Handwerk, 03.02.2026, 14:00-15:30 Uhr, Zoom</p>"
    "<p class=MsoNormal>Anwesend: M. Fiedler (GS), Dr. T. Quandt (HWK), P. Rehm (ZVB), O. Brandl</p>"
    "<p class=MsoNormal>1. O. Brandl verschickt die Einladung bis 20.02.</p></div></body></html>")


def _html_mail(html: str) -> str:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "Dr. Tobias Quandt <quandt@kammer.example>"
    message["Subject"] = "AW: Protokoll Fachgruppe Handwerk 03.02.2026"
    message["Date"] = "Thu, 05 Feb 2026 08:10:00 +0100"
    message.set_content(html, subtype="html")
    return message.as_string()


@pytest.mark.parametrize("name", ["outlook", "thunderbird-html", "outlook-html"])
def test_the_protocol_quoted_below_a_reply_as_each_mail_program_quotes_it(tmp_path: Path, name: str) -> None:
    """Outlook quotes without '>' below 'Von: … Gesendet: …', Thunderbird and Apple Mail in a <blockquote>."""
    text = {"outlook": OUTLOOK_REPLY, "thunderbird-html": _html_mail(THUNDERBIRD_HTML),
            "outlook-html": _html_mail(OUTLOOK_HTML)}[name]
    parsed = _parse(tmp_path, "antwort.eml", text)
    assert (parsed["date"], parsed["start"], parsed["end"]) == ("2026-02-03", "14:00", "15:30")
    assert [(name, status) for name, _, status in _people(parsed)][2] == ("P. Rehm", "excused")
    assert [(t["owners"], t["due"]) for t in parsed["action_items"]] == [(["O. Brandl"], "2026-02-20")]


def test_a_mail_forwarded_as_attachment_in_outlook_gives_its_protocol(tmp_path: Path) -> None:
    import datetime as dt

    from tests.fixtures.corpus.generators.msg_writer import Recipient, write_msg

    inner = {"subject": "Rückblick Netzwerktreffen Süd vom 04.03.2026", "body": ROUND_MAIL.split("\n\n", 1)[1],
             "sender": ("Henrike Saalfeld", "saalfeld@verband-sued.example"), "recipients": [],
             "sent": dt.datetime(2026, 3, 5, 10, tzinfo=dt.UTC)}
    path = tmp_path / "weiter.msg"
    write_msg(path, subject="WG: Rückblick Netzwerktreffen Süd", body="Hallo Pia,\n\nzur Info.\n\nOle\n",
              sender=("Ole Brink", "brink@gs.example"), recipients=[Recipient("Pia Lenz", "lenz@gs.example", 1)],
              sent=dt.datetime(2026, 3, 6, 8, tzinfo=dt.UTC), attached=[inner])
    parsed = dict(parse_file(path))
    assert parsed["date"] == "2026-03-04"
    names = [name for name, _, _ in _people(parsed)]
    assert names[:2] == ["Ruben Tiedke", "Henrike Saalfeld"] and "Ole Brink" not in names


def test_a_round_mail_wrapped_wider_than_a_hundred_columns_keeps_its_sentences(tmp_path: Path) -> None:
    text = ROUND_MAIL.replace(
        "danke für den guten Austausch gestern (04.03.2026, 10 bis 11:30 Uhr,\nVideokonferenz)! Dabei waren Ruben "
        "Tiedke und ich vom Verband Süd, Mira\nOlszewski von der Handwerkskammer Oberland, Konrad Esser (WFG) und\n"
        "erstmals Lale Demirci, die sonst im Bildungswerk Lech aktiv ist und als\nGast reingeschaut hat. Frau Dr. "
        "Haberkorn konnte leider nicht, sie lässt\ngrüßen.",
        "danke für den guten Austausch gestern (04.03.2026, 10 bis 11:30 Uhr, Videokonferenz)! Dabei waren Ruben "
        "Tiedke und ich\nvom Verband Süd, Mira Olszewski von der Handwerkskammer Oberland, Konrad Esser (WFG) und "
        "erstmals\nLale Demirci, die sonst im Bildungswerk Lech aktiv ist und als Gast reingeschaut hat. Frau Dr. "
        "Haberkorn konnte\nleider nicht, sie lässt grüßen.\n\nKurz das Wichtigste:\nDer Termin im Mai steht.")
    assert "erstmals\nLale" in text
    parsed = _parse(tmp_path, "rundmail.eml", text)
    assert parsed["title"] == "Rückblick Netzwerktreffen Süd vom 04.03.2026"
    assert ("Lale Demirci", "Bildungswerk Lech", "guest") in _people(parsed)


def test_the_writer_listed_without_organisation_takes_it_from_the_signature(tmp_path: Path) -> None:
    from etl.core.registry import Registry

    organisations = Registry("organisation")
    organisations.add("Verband Süd", "Verband Süd e. V.")
    text = ROUND_MAIL.replace(
        "Dabei waren Ruben Tiedke und ich vom Verband Süd, Mira\nOlszewski",
        "Dabei waren Ruben Tiedke (WFG), ich und Mira\nOlszewski").replace(
        "Henrike Saalfeld\nVerband Süd\n", "Henrike Saalfeld\nReferentin | Verband Süd e. V.\nTel. 0821 1234\n")
    path = tmp_path / "rundmail.eml"
    path.write_text(text, encoding="utf-8")
    people = {p["name"]: p["organisation"] for p in parse_file(path, organisations=organisations)["participants"]}
    assert (people["Henrike Saalfeld"], people["Ruben Tiedke"]) == ("Verband Süd", "WFG")


@pytest.mark.parametrize(("body", "status"), [
    ("leider kann ich am 20.01. nicht teilnehmen, ich bin auf Dienstreise.", "excused"),
    ("ich bin an dem Tag leider verhindert.", "excused"),
    ("da bin ich gerne dabei!", "present"),
])
def test_a_reply_in_the_first_person_with_words_between(tmp_path: Path, body: str, status: str) -> None:
    parsed = _parse(tmp_path, "aw.eml", _response("AW: Einladung AG Transfer am 20.01.2026",
                                                  f"Hallo Herr Ohm,\n\n{body}\n\nViele Grüße\nTamara Voss\n"))
    assert _people(parsed) == [("Tamara Voss", None, status)]


@pytest.mark.parametrize(("message_class", "people"), [
    ("IPM.Schedule.Meeting.Resp.Pos", [("Tamara Voss", None, "present")]),
    ("IPM.Schedule.Meeting.Resp.Neg", [("Tamara Voss", None, "excused")]),
    ("IPM.Schedule.Meeting.Resp.Tent", []),
])
def test_an_outlook_meeting_response_saved_as_msg(tmp_path: Path, message_class: str,
                                                  people: list[tuple[str, None, str]]) -> None:
    import datetime as dt

    from tests.fixtures.corpus.generators.msg_writer import write_msg

    path = tmp_path / "antwort.msg"
    write_msg(path, subject="Sitzung AG Transfer am 20.01.2026", body="", sender=("Tamara Voss", "voss@i.example"),
              recipients=[], sent=dt.datetime(2026, 1, 12, 8, tzinfo=dt.UTC), message_class=message_class)
    parsed = dict(parse_file(path))
    assert (parsed["date"], _people(parsed)) == ("2026-01-20", people)


NOTE_WITH_ME = """From: Jana Roth <roth@zvb.example>
To: fg@liste.example
Subject: Notiz Telko Fachgruppe Handwerk 09.03.2026
Date: Tue, 10 Mar 2026 09:00:00 +0100
Content-Type: text/plain; charset=utf-8

Hallo zusammen,

kurze Notiz zur Telko gestern (09.03.2026, 9-10 Uhr).
Dabei: Anna Berg (HWK), Jan Ohm und ich (beide ZVB)
Entschuldigt: Eva Jäger

- Die Umfrage geht nächste Woche raus.

Viele Grüße
Jana Roth
"""


def test_in_a_mail_s_participant_list_ich_is_its_writer(tmp_path: Path) -> None:
    assert _people(_parse(tmp_path, "notiz.eml", NOTE_WITH_ME)) == [
        ("Anna Berg", "HWK", "present"), ("Jan Ohm", "ZVB", "present"), ("Jana Roth", "ZVB", "present"),
        ("Eva Jäger", None, "excused")]


def test_an_outlook_html_body_in_windows_1252_keeps_its_umlauts(tmp_path: Path) -> None:
    import datetime as dt

    from tests.fixtures.corpus.generators.msg_writer import write_msg

    html = ("<html><body><p>Protokoll der Sitzung am 02.03.2026</p><p>Teilnehmende: Jürgen Müller (HWK), "
            "Björn Weiß (ZVB)</p></body></html>").encode("cp1252")
    path = tmp_path / "html.msg"
    write_msg(path, subject="Protokoll", body=None, sender=("Jürgen Müller", "m@hwk.example"), recipients=[],
              sent=dt.datetime(2026, 3, 3, 8, tzinfo=dt.UTC), html=html)
    assert _people(dict(parse_file(path))) == [("Jürgen Müller", "HWK", "present"), ("Björn Weiß", "ZVB", "present")]


SPLIT_ROOM = """From: Wenke Brodersen <brodersen@zentrum-kueste.example>
To: ag-ausbildung@liste.example
Subject: Kurzprotokoll AG Ausbildung 17.02.2026
Date: Wed, 18 Feb 2026 08:30:00 +0100
Content-Type: text/plain; charset=utf-8

Moin zusammen,

AG Ausbildung, 17.02.2026, 9:30 bis 11 Uhr, Zentrum Küste und per Webex

Im Raum: Hauke Petersen (Kammer Nord), Fenja Carstens, Wenke Brodersen. Per Webex: Quist (IG Metall),
Ilyas (Berufsschule).
Online: Zugangsdaten wie immer im Wiki
Vor Ort: Seminarraum 2, Erdgeschoss

- Die Azubi-Messe findet wieder im Mai statt (Beschluss).

Gruß
Wenke Brodersen
"""


def test_a_hybrid_meeting_names_where_its_people_sat_as_labels_of_their_own(tmp_path: Path) -> None:
    parsed = _parse(tmp_path, "raum.eml", SPLIT_ROOM)
    assert parsed["format"] == "hybrid"
    # 'Online: Zugangsdaten …' and 'Vor Ort: Seminarraum 2' say where, not who
    assert _people(parsed) == [("Hauke Petersen", "Kammer Nord", "present"), ("Fenja Carstens", None, "present"),
                               ("Wenke Brodersen", None, "present"), ("Quist", "IG Metall", "present"),
                               ("Ilyas", "Berufsschule", "present")]


PHONE_NOTE = """From: Ferdinand Bauer <buero@elektro-bauer.example>
To: innung@liste.example
Subject: kurz zu gestern
Date: Thu, 05 Mar 2026 06:50:00 +0100
Content-Type: text/plain; charset=utf-8

servus,
bin auf der baustelle, drum kurz. treffen der innung am 04.03.2026

dabei: mareike, timo, olga (berufsschule), herr quandt von der kammer und ich
nicht da: brösel (urlaub)

- neue prüfungstermine stehen, gehen raus an alle

gruß
ferdinand bauer
"""


def test_a_list_typed_in_lower_case_names_people_and_the_writer(tmp_path: Path) -> None:
    parsed = _parse(tmp_path, "handy.eml", PHONE_NOTE)
    assert _people(parsed) == [("Mareike", None, "present"), ("Timo", None, "present"),
                               ("Olga", "berufsschule", "present"), ("Quandt", "Kammer", "present"),
                               ("Ferdinand Bauer", None, "present"), ("Brösel", None, "excused")]


CHAT_NOTES = """From: Merle Ahrens <ahrens@verbund.example>
To: lenkung@liste.example
Subject: Notizen Lenkungsrunde
Date: Tue, 10 Mar 2026 16:00:00 +0100
Content-Type: text/plain; charset=utf-8

Hallo,

die Notizen aus dem Chat der Lenkungsrunde (10.03.2026, 14-15:30 Uhr, Teams). Teilgenommen: @Jorin Falk @Svea Lund
@Merle Ahrens, Frau Okonkwo vom Landkreis stieß gegen halb drei hinzu. Herr Brandl hat abgesagt.

[14:05] Jorin Falk: Haushalt wie besprochen, dann so beschlossen
[14:20] Svea Lund: ich schicke die Zahlen bis Freitag

Merle
"""


def test_mentions_one_after_another_and_someone_who_came_later(tmp_path: Path) -> None:
    parsed = _parse(tmp_path, "chat.eml", CHAT_NOTES)
    assert _people(parsed) == [("Jorin Falk", None, "present"), ("Svea Lund", None, "present"),
                               ("Merle Ahrens", None, "present"), ("Okonkwo", "Landkreis", "present"),
                               ("Brandl", None, "excused")]
