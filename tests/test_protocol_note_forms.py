"""Participants as notes and note apps write them: an Aktennotiz naming who took part in a sentence or
under 'Gesprächspartner:', and Obsidian Markdown with '[[Name]]' links, '@Name' mentions and a
'> [!note]' callout; a vote by circulation (Umlaufverfahren: who voted took part); a reply mail answering
an invitation ('ich bin dabei', 'muss leider absagen') (all names fictional)."""

from __future__ import annotations

from pathlib import Path

from etl.core.registry import Registry
from etl.extract.readers.inline import strip_inline
from etl.parse.file import parse_file


def _people(tmp_path: Path, name: str, text: str) -> list[tuple[str, str | None, str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [(p["name"], p["organisation_raw"], p["status"]) for p in parse_file(path)["participants"]]


def test_an_aktennotiz_names_who_took_part_in_a_sentence(tmp_path: Path) -> None:
    text = ("Aktennotiz Gespräch Transferprojekt\n\nDatum: 12.03.2025\n\n"
            "An dem Gespräch nahmen Frau Dr. Anna Beispiel (Handwerkskammer Musterstadt), Herr Jan Ohm (ZVB) "
            "und Eva Jäger teil.\n\nFrau Beispiel berichtet über den Stand.\n")
    assert _people(tmp_path, "notiz.txt", text) == [
        ("Anna Beispiel", "Handwerkskammer Musterstadt", "present"), ("Jan Ohm", "ZVB", "present"),
        ("Eva Jäger", None, "present")]


def test_beim_treffen_nahmen_teil(tmp_path: Path) -> None:
    text = "Vermerk\n\nDatum: 12.03.2025\n\nBeim Treffen nahmen Anna Berg und Jan Ohm teil.\n"
    assert _people(tmp_path, "vermerk.txt", text) == [("Anna Berg", None, "present"), ("Jan Ohm", None, "present")]


def test_gespraechspartner_label_lists_the_participants(tmp_path: Path) -> None:
    text = ("Gesprächsnotiz\n\nDatum: 12.03.2025\n"
            "Gesprächspartner: Herr Jan Ohm (ZVB), Frau Eva Jäger (Handwerkskammer Musterstadt)\n\n"
            "Inhalt: Herr Ohm berichtet.\n")
    assert _people(tmp_path, "notiz.txt", text) == [
        ("Jan Ohm", "ZVB", "present"), ("Eva Jäger", "Handwerkskammer Musterstadt", "present")]


def test_obsidian_links_mentions_and_callouts_are_plain_names() -> None:
    assert strip_inline("[[Personen/Anna Berg|Anna]] und [[Jan Ohm]] mit @Eva Jäger") \
        == "Anna Berg und Jan Ohm mit Eva Jäger"
    assert strip_inline("[!note]+ Teilnehmende") == "Teilnehmende"
    assert strip_inline("Mail an anna.berg@Example.org") == "Mail an anna.berg@Example.org"


def test_an_obsidian_note_lists_its_participants_in_a_callout(tmp_path: Path) -> None:
    text = ("# Treffen AG Transfer 12.03.2025\n\n> [!note] Teilnehmende\n"
            "> [[Anna Berg]], [[Jan Ohm|Jan]], @Eva Jäger\n\n"
            "## TOP 1\n[[Anna Berg]] begrüßt.\n")
    assert _people(tmp_path, "treffen.md", text) == [
        ("Anna Berg", None, "present"), ("Jan Ohm", None, "present"), ("Eva Jäger", None, "present")]


def test_a_vote_by_circulation_lists_who_voted_and_who_did_not_answer(tmp_path: Path) -> None:
    text = ("Umlaufverfahren der Fachgruppe Handwerk\nDatum: 12.03.2025\n\n"
            "Gegenstand: Zustimmung zur Jahresplanung 2025\n\nErgebnis der Abstimmung:\n"
            "- Anna Berg (ZVB): Zustimmung\n- Jan Ohm, RKW – Ablehnung\n- Eva Jäger (BAuA) – Enthaltung\n"
            "- Kai Brandt (IG Metall) – keine Rückmeldung\n\nDie Jahresplanung ist damit beschlossen.\n")
    assert _people(tmp_path, "umlauf.txt", text) == [
        ("Anna Berg", "ZVB", "present"), ("Jan Ohm", "RKW", "present"), ("Eva Jäger", "BAuA", "present"),
        ("Kai Brandt", "IG Metall", "absent")]


def test_votes_in_an_ordinary_protocol_are_no_attendance_list(tmp_path: Path) -> None:
    text = ("Sitzung der Fachgruppe Handwerk\nDatum: 12.03.2025\n\nTeilnehmende:\n- Anna Berg (ZVB)\n\n"
            "TOP 1 Jahresplanung\nAbstimmung:\nJan Ohm – Zustimmung\n")
    assert _people(tmp_path, "sitzung.txt", text) == [("Anna Berg", "ZVB", "present")]


REPLY = """From: "Ohm, Jan" <jan.ohm@example.org>
To: Anna Berg <anna.berg@example.org>
Subject: AW: Einladung AG Transfer
Date: Mon, 08 Dec 2025 17:40:00 +0100
Content-Type: text/plain; charset=utf-8

Hallo Anna,

ich bin dabei. Frau Eva Jäger muss leider absagen.

Gruß
Jan

Am 05.12.2025 um 09:12 schrieb Anna Berg:
> Liebe Mitglieder der AG Transfer,
>
> unser nächstes Treffen findet statt:
> Termin: Dienstag, 16. Dezember 2025, 10:00 bis 12:00 Uhr
"""


def test_a_reply_mail_names_its_sender_and_who_else_it_excuses(tmp_path: Path) -> None:
    assert _people(tmp_path, "antwort.eml", REPLY) == [("Jan Ohm", None, "present"), ("Eva Jäger", None, "excused")]


def test_a_reply_that_declines_excuses_its_sender(tmp_path: Path) -> None:
    text = REPLY.replace("ich bin dabei. Frau Eva Jäger muss leider absagen.",
                         "leider muss ich absagen, ich bin an dem Tag auf einer Messe.")
    assert _people(tmp_path, "antwort.eml", text) == [("Jan Ohm", None, "excused")]


def test_a_mail_that_only_sends_the_protocol_does_not_make_its_sender_a_participant(tmp_path: Path) -> None:
    text = REPLY.replace("ich bin dabei. Frau Eva Jäger muss leider absagen.", "anbei die Einladung zur Kenntnis.")
    assert _people(tmp_path, "antwort.eml", text) == []


def test_a_reply_mail_takes_its_group_from_the_subject(tmp_path: Path) -> None:
    groups = Registry("group")
    groups.add("AG Transfer", "Arbeitsgruppe Transfer")
    path = tmp_path / "antwort.eml"
    path.write_text(REPLY, encoding="utf-8")
    assert parse_file(path, groups=groups)["group"] == "AG Transfer"


def test_a_memory_protocol_in_the_first_person_tells_who_came(tmp_path: Path) -> None:
    text = ("Gedächtnisnotiz Treffen Regionalrunde Süd am 14.10.2025\n"
            "(notiert von Jara Okafor am Abend danach)\n\n"
            "Frau Brandt und Herr Lüders von der Kreishandwerkerschaft waren da, Herr Ahlers als Gastgeber, "
            "dazu Frau Dr. Meinke und ich. Herr Sievers vom Landkreis war per Telefon zugeschaltet. "
            "Malte aus dem Jugendzentrum hat sich vorher abgemeldet (Termin), deshalb fehlen seine Zahlen.\n\n"
            "Besprochen:\n- Die Ausbildungsbörse findet im März statt.\n")
    assert _people(tmp_path, "notiz.txt", text) == [
        ("Brandt", "Kreishandwerkerschaft", "present"), ("Lüders", "Kreishandwerkerschaft", "present"),
        ("Ahlers", None, "present"), ("Meinke", None, "present"), ("Jara Okafor", None, "present"),
        ("Sievers", "Landkreis", "present"), ("Malte", "Jugendzentrum", "excused")]
