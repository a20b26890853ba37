"""A protocol whose head names no date is not refused while other evidence dates it: a date without year in
the title, the file name, the join times an attendance list shares, and last the e-mail's sent date; each
fallback is warned about (all names fictional)."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.core.errors import ProtocolError
from etl.parse.file import parse_file
from etl.parse.header import file_name_date

BODY = """Teilnehmende:
- Anna Berg (Handwerkskammer Musterstadt)
- Jan Ohm (ZVB)

TOP 1 Begrüßung
Frau Berg begrüßt die Runde.
"""


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(("name", "expected"), [
    ("Teilnehmer_16122025.csv", "2025-12-16"),
    ("AG-Transfer_20250916.pdf", "2025-09-16"),
    ("2025-03-04_Protokoll.docx", "2025-03-04"),
    ("ProtokollAG08042025final.docx", "2025-04-08"),
    ("Protokoll_20.05.2025_Entwurf.odt", "2025-05-20"),
    ("2025_03_04 Sitzung.txt", "2025-03-04"),
])
def test_the_dates_file_names_carry(name: str, expected: str) -> None:
    value = file_name_date(f"protokolle/{name}")
    assert value is not None and value.isoformat() == expected


def test_a_file_name_without_a_date_gives_none() -> None:
    assert file_name_date("protokolle/hand-60_ag-transfer_v2.txt") is None
    assert file_name_date("protokolle/Protokoll_99999999.txt") is None


def test_a_text_without_date_takes_the_compact_date_of_its_file_name(tmp_path: Path) -> None:
    path = _write(tmp_path, "Protokoll_AG_Transfer_16122025.txt", "Protokoll AG Transfer\n\n" + BODY)
    parsed = parse_file(path)
    assert parsed["date"] == "2025-12-16"
    assert "Datum nur aus dem Dateinamen übernommen" in parsed["warnings"]
    assert [p["name"] for p in parsed["participants"]] == ["Anna Berg", "Jan Ohm"]


def test_a_title_date_without_year_takes_the_year_from_the_file_name(tmp_path: Path) -> None:
    path = _write(tmp_path, "AG_Transfer_2025.txt", "Sitzung der AG Transfer am 16. Dezember\n\n" + BODY)
    parsed = parse_file(path)
    assert parsed["date"] == "2025-12-16"
    assert "Sitzungsdatum ohne Jahr – Jahr ergänzt, bitte prüfen" in parsed["warnings"]


def test_a_title_date_without_year_takes_the_year_from_the_head(tmp_path: Path) -> None:
    path = _write(tmp_path, "notiz.txt", "Treffen Netzwerk 2024 am 3.7.\n\n" + BODY)
    assert parse_file(path)["date"] == "2024-07-03"


def test_an_attendance_export_without_header_is_dated_by_the_join_times_its_rows_share(tmp_path: Path) -> None:
    rows = ["Anna Berg;anna.berg@example.org;16.12.2025 09:58:12;16.12.2025 11:02:40;65",
            "Jan Ohm;jan.ohm@example.org;16.12.2025 10:01:05;16.12.2025 11:00:00;59",
            "Eva Jäger;eva.jaeger@example.org;16.12.2025 10:03:00;16.12.2025 10:45:00;42"]
    path = _write(tmp_path, "teilnehmer.csv", "\r\n".join(rows) + "\r\n", "cp1252")
    parsed = parse_file(path)
    assert parsed["date"] == "2025-12-16"
    assert any(w.startswith("Datum aus den Zeilen der Liste übernommen") for w in parsed["warnings"])


def test_us_join_times_in_a_table_date_the_meeting(tmp_path: Path) -> None:
    text = ("# Anwesenheit Fachgruppe Handwerk\n\n"
            "| Name | Beitritt | Verlassen |\n|---|---|---|\n"
            "| Anna Berg | 12/16/2025 9:58 AM | 12/16/2025 11:02 AM |\n"
            "| Jan Ohm | 12/16/2025 10:01 AM | 12/16/2025 11:00 AM |\n")
    assert parse_file(_write(tmp_path, "anwesenheit.md", text))["date"] == "2025-12-16"


def test_one_lone_date_in_the_body_is_no_shared_date(tmp_path: Path) -> None:
    path = _write(tmp_path, "notiz.txt", "Notiz\n\n" + BODY + "\nFrau Berg schickt die Liste bis zum 05.01.2026.\n")
    with pytest.raises(ProtocolError, match="kein Datum gefunden"):
        parse_file(path)


REPLY = """From: Jan Ohm <jan.ohm@example.org>
To: Anna Berg <anna.berg@example.org>
Subject: AW: Treffen AG Transfer
Date: Tue, 16 Dec 2025 10:02:00 +0100
Content-Type: text/plain; charset=utf-8

Hallo Anna,

ich bin beim Treffen der AG Transfer dabei und bringe die Zahlen mit.

Viele Grüße
Jan Ohm
"""


def test_a_reply_mail_without_any_other_date_is_dated_by_when_it_was_sent(tmp_path: Path) -> None:
    parsed = parse_file(_write(tmp_path, "antwort.eml", REPLY))
    assert parsed["date"] == "2025-12-16"
    assert "Datum nur aus dem Sendedatum der E-Mail übernommen – bitte prüfen" in parsed["warnings"]


def test_a_date_in_the_mail_body_wins_over_the_sent_date(tmp_path: Path) -> None:
    text = REPLY.replace("ich bin beim Treffen", "ich bin beim Treffen am 20.01.2026")
    parsed = parse_file(_write(tmp_path, "antwort.eml", text))
    assert parsed["date"] == "2026-01-20"
    assert not any("Sendedatum" in w for w in parsed["warnings"])


QUOTED_REPLY = """From: Jan Ohm <jan.ohm@example.org>
To: Anna Berg <anna.berg@example.org>
Subject: AW: Einladung AG Transfer
Date: Mon, 08 Dec 2025 17:40:00 +0100
Content-Type: text/plain; charset=utf-8

Hallo Anna,

ich bin dabei, Frau Jäger muss leider absagen. Zu TOP 2 bringe ich die Zahlen aus dem Projekt mit;
die Frage der Finanzierung sollten wir vorab mit der Geschäftsstelle klären, bevor wir entscheiden.

Gruß
Jan

Am 05.12.2025 um 09:12 schrieb Anna Berg:
> Liebe Mitglieder der AG Transfer,
>
> unser nächstes Treffen findet statt:
> Termin: Dienstag, 16. Dezember 2025, 10:00 bis 12:00 Uhr
> Ort: Geschäftsstelle, Raum 2
"""


def test_a_reply_is_dated_by_the_meeting_its_quoted_invitation_names(tmp_path: Path) -> None:
    parsed = parse_file(_write(tmp_path, "antwort.eml", QUOTED_REPLY))
    assert parsed["date"] == "2025-12-16"
    assert not any("Sendedatum" in w for w in parsed["warnings"])


def test_a_due_date_in_the_body_never_dates_the_meeting(tmp_path: Path) -> None:
    text = ("Fachgruppe Handwerk – Ergebnisprotokoll\n\n" + BODY
            + "Aufgabe: Frau Berg stellt die Materialien bis 15.10.2025 zusammen.\n")
    parsed = parse_file(_write(tmp_path, "fg-handwerk_20250916.txt", text))
    assert parsed["date"] == "2025-09-16"


def test_the_line_under_a_generic_heading_is_the_title(tmp_path: Path) -> None:
    text = "Aktennotiz\n\nGespräch zur Transferstrategie der AG Transfer\nDatum: 14.10.2025\n\n" + BODY
    parsed = parse_file(_write(tmp_path, "notiz.txt", text))
    assert (parsed["title"], parsed["group"]) == ("Gespräch zur Transferstrategie der AG Transfer", "AG Transfer")
