"""Protocols as offices send them by e-mail: quoted under a reply that corrects them, forwarded below
chatter, told as a story in a round mail, a list of who came in a reply (all names fictional)."""

from __future__ import annotations

from pathlib import Path

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
