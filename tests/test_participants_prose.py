"""Participants found from what a text says, in text-like files (notes, mails, chats): lists of first names
with the writer among them and a sentence after them, a first name with the organisation it comes from
('Bernd von der Kammer'), an Outlook sender written 'Surname, Given' as the 'ich' of a list, and notes typed
all in lower case.

All texts are written for these tests (fictional names of many origins); each test is a kind of writing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.core.registry import KnownPeople, KnownPerson
from etl.parse.file import parse_file
from etl.parse.mail import writer
from etl.parse.roles import ABSENT, EXCUSED, PRESENT
from tests.test_participants_meaning import text_file, who


def note(people: str, title: str = "Treffen Werkstattrunde") -> list[tuple[object, ...]]:
    return who(text_file(f"""
{title}
Datum: 16.06.2026

{people}

TOP 1 Sommerfest
Das Sommerfest wird beschlossen.
"""))


def test_a_first_name_list_with_the_writer_and_an_apology_after_it_in_the_same_line() -> None:
    assert note("Wir waren zu viert: Aylin, Jörg, Mehmet (Innung) und ich. Svenja hatte abgesagt.") == [
        ("Aylin", None, PRESENT), ("Jörg", None, PRESENT), ("Mehmet", "Innung", PRESENT),
        ("Svenja", None, EXCUSED)]


@pytest.mark.parametrize(("said", "org"), [
    ("Dragan von der Kammer", "Kammer"), ("Dragan vom ZDH", "ZDH"), ("Dragan aus der Stiftung", "Stiftung"),
])
def test_a_first_name_with_the_organisation_it_comes_from(said: str, org: str) -> None:
    assert note(f"Da waren: Ines, {said} und ich") == [("Ines", None, PRESENT), ("Dragan", org, PRESENT)]


def test_a_surname_with_a_particle_stays_one_name_in_a_list() -> None:
    assert note("Da waren: Ines Kolbe, Maria von der Heyden und ich") == [
        ("Ines Kolbe", None, PRESENT), ("Maria von der Heyden", None, PRESENT)]


@pytest.mark.parametrize(("sender", "name"), [
    ("Rehbein, Tobias <t.rehbein@example.org>", "Tobias Rehbein"),
    ("\"Nguyen, Thi Lan\" <lan@example.org>", "Thi Lan Nguyen"),
    ("Tobias Rehbein <t.rehbein@example.org>", "Tobias Rehbein"),
    ("t.rehbein@example.org", None),
])
def test_the_writer_of_a_mail_is_named_given_name_first(sender: str, name: str | None) -> None:
    assert writer({"from": sender}) == name


def test_the_sender_of_an_outlook_mail_is_the_ich_of_its_list(tmp_path: Path) -> None:
    path = tmp_path / "Treffen heute.eml"
    path.write_text("""From: "Okonkwo, Chidi" <c.okonkwo@example.org>
To: runde@example.org
Subject: Treffen heute
Date: Tue, 16 Jun 2026 21:04:00 +0200
Content-Type: text/plain; charset=utf-8

Moin,

kurz vom Treffen heute (19 bis 21 Uhr) im Vereinsheim:

Wir waren zu fünft: Hanne, Luca, Ayşe, Piotr vom Bauverband und ich. Greta hatte abgesagt.

Wir haben beschlossen, dass wir beim Stadtfest mitmachen.

Gruß
Chidi
""", "utf-8")
    parsed = dict(parse_file(path, path.name))
    assert who(parsed) == [("Hanne", None, PRESENT), ("Luca", None, PRESENT), ("Ayşe", None, PRESENT),
                           ("Piotr", "Bauverband", PRESENT), ("Chidi Okonkwo", None, PRESENT),
                           ("Greta", None, EXCUSED)]


def test_notes_typed_in_lower_case_list_their_people() -> None:
    assert note("**da:** prof. lindqvist (th), dr. öztürk (ihk), van der meulen, ich\n"
                "**fehlt:** ferreira-brandt (krank), nakamura (keine rückmeldung)",
                title="treffen werkstattrunde") == [
        ("Lindqvist", "th", PRESENT), ("Öztürk", "ihk", PRESENT), ("van der Meulen", None, PRESENT),
        ("Ferreira-Brandt", None, EXCUSED), ("Nakamura", None, ABSENT)]


def test_front_matter_and_a_lower_case_bullet_list_of_people() -> None:
    assert note("- anwesend: katsarou, weyrauch, el-amrani\n- entschuldigt: gruber") == [
        ("Katsarou", None, PRESENT), ("Weyrauch", None, PRESENT), ("El-Amrani", None, PRESENT),
        ("Gruber", None, EXCUSED)]


def test_a_lower_case_line_of_running_text_is_no_list_of_people() -> None:
    assert note("Anwesend: Ines Kolbe (IHK)\n\nwir haben lange über das fest geredet") == [
        ("Ines Kolbe", "IHK", PRESENT)]


def chat(tmp_path: Path, text: str, name: str = "Chat Werkstattrunde.txt") -> list[tuple[object, ...]]:
    path = tmp_path / name
    path.write_text(text.strip("\n") + "\n", "utf-8")
    return who(dict(parse_file(path, path.name)))


def test_the_authors_of_a_conference_chat_are_its_participants(tmp_path: Path) -> None:
    assert chat(tmp_path, """
Chatverlauf Videokonferenz Werkstattrunde – 14.10.2025

[18:02] Małgorzata Wiśniewska (Innung Sanitär): Guten Abend zusammen
[18:03] Tarek Haddad: Hallo, bin da
[18:03] Johanna Ebersbach IHK: Moin
[18:05] Tarek Haddad: Sven Oltmanns hat sich entschuldigt, Termin beim Kunden.
[18:40] Małgorzata Wiśniewska (Innung Sanitär): Beschlossen: wir machen mit. Danke euch!
""") == [("Małgorzata Wiśniewska", "Innung Sanitär", PRESENT), ("Tarek Haddad", None, PRESENT),
         ("Johanna Ebersbach", "IHK", PRESENT), ("Sven Oltmanns", None, EXCUSED)]


LISTED = ("Da waren: Eleni, ich, Oksana Kravets (HWK), Gero, Ida Sørensen (Bauverband), Luis (BV) und als Referent "
          "Herr Dr. Ekwueme vom Ministerium")


def test_a_messenger_export_with_a_list_in_a_message_gives_the_list_and_its_writer(tmp_path: Path) -> None:
    assert chat(tmp_path, f"""
[03.02.26, 19:01:10] Eleni Papadaki: Fangen gleich an
[03.02.26, 21:40:02] Jens Brodersen: Kurzes Protokoll für alle:
Werkstattabend 03.02.2026, 19-21 Uhr, Innungshaus
{LISTED}
Amira B. hat abgesagt
Wir machen im April weiter.
[03.02.26, 21:44:51] Eleni Papadaki: Danke Jens!
[04.02.26, 07:12:30] Gero Lüttjohann: 👍
""") == [("Eleni", None, PRESENT), ("Oksana Kravets", "HWK", PRESENT), ("Gero", None, PRESENT),
         ("Ida Sørensen", "Bauverband", PRESENT), ("Luis", "BV", PRESENT), ("Ekwueme", "Ministerium", "guest"),
         ("Jens Brodersen", None, PRESENT), ("Amira B", None, EXCUSED)]


def test_an_android_messenger_export_and_a_zoom_chat_name_their_authors(tmp_path: Path) -> None:
    assert chat(tmp_path, """
Werkstattrunde 21.01.2026
21.01.26, 17:58 - Rasmus Kjeldsen: Bin im Raum
21.01.26, 18:01 - Svetlana Orlova: Ich auch
21.01.26, 18:02 - Rasmus Kjeldsen: Dann los
21.01.26, 18:30 - Chiara Benedetti: Sorry, später dazu
""") == [("Rasmus Kjeldsen", None, PRESENT), ("Svetlana Orlova", None, PRESENT),
         ("Chiara Benedetti", None, PRESENT)]
    assert chat(tmp_path, """
Zoom-Chat Werkstattrunde 21.01.2026
17:58:01 Von Rasmus Kjeldsen an Alle: Hallo
18:01:13 Von Svetlana Orlova an Alle: Hallo zusammen
18:20:40 Von Rasmus Kjeldsen an Alle: Link zur Umfrage folgt
""", name="zoom chat.txt") == [("Rasmus Kjeldsen", None, PRESENT), ("Svetlana Orlova", None, PRESENT)]


def test_a_text_with_time_stamps_of_one_writer_only_is_no_chat(tmp_path: Path) -> None:
    assert chat(tmp_path, """
Protokoll Werkstattrunde
Datum: 21.01.2026
Anwesend: Rasmus Kjeldsen, Svetlana Orlova

[18:00] Rasmus Kjeldsen: Begrüßung
[18:10] Rasmus Kjeldsen: Bericht
[18:40] Rasmus Kjeldsen: Verabschiedung
""") == [("Rasmus Kjeldsen", None, PRESENT), ("Svetlana Orlova", None, PRESENT)]


def test_a_line_that_says_who_was_excused_under_a_list_keeps_its_own_status() -> None:
    assert note("Da waren: Ines Kolbe (IHK), Mehmet Aydın (HWK), Jörg Brandl\nSvenja Lund hat abgesagt") == [
        ("Ines Kolbe", "IHK", PRESENT), ("Mehmet Aydın", "HWK", PRESENT), ("Jörg Brandl", None, PRESENT),
        ("Svenja Lund", None, EXCUSED)]


def test_surnames_under_their_organisation_in_a_table_of_who_represented_whom() -> None:
    assert note("""Organisation | Vertreten durch | Funktion
Zimmerer-Innung Nordheide | Herr Brockmöller / Frau Adeyemi | Vorstand
Beratung Kowalczyk GmbH | Herr Kowalczyk | Inhaber""") == [
        ("Brockmöller", "Zimmerer-Innung Nordheide", PRESENT), ("Adeyemi", "Zimmerer-Innung Nordheide", PRESENT),
        ("Kowalczyk", "Beratung Kowalczyk GmbH", PRESENT)]


def test_two_known_surnames_after_an_organisation_are_two_people_not_one_written_surname_first() -> None:
    known = KnownPeople([KnownPerson("Henrike Vossberg-Lind", "Stiftung Werkraum"),
                         KnownPerson("Okan Demirel", "Stiftung Werkraum"), KnownPerson("Piet van Dijk", "IAW"),
                         KnownPerson("Sigrún Hallgrímsson", "IAW")])
    parsed = text_file("""
Ergebnisse Werkstattrunde
Datum: 16.06.2026

Teilnehmende
- Stiftung Werkraum: Dr. Vossberg-Lind, Demirel
- IAW: Dr. van Dijk, Hallgrímsson

TOP 1 Sommerfest
Das Sommerfest wird beschlossen.
""", people=known)
    assert who(parsed) == [("Vossberg-Lind", "Stiftung Werkraum", PRESENT), ("Demirel", "Stiftung Werkraum", PRESENT),
                           ("van Dijk", "IAW", PRESENT), ("Hallgrímsson", "IAW", PRESENT)]


def test_a_known_person_written_surname_first_stays_one_person() -> None:
    known = KnownPeople([KnownPerson("Okan Demirel", "Stiftung Werkraum"), KnownPerson("Lea Okan", "IAW")])
    parsed = text_file("""
Ergebnisse Werkstattrunde
Datum: 16.06.2026

Teilnehmende: Demirel, Okan (Stiftung Werkraum); Okan, Lea (IAW)
""", people=known)
    assert who(parsed) == [("Okan Demirel", "Stiftung Werkraum", PRESENT), ("Lea Okan", "IAW", PRESENT)]


def test_a_name_typed_in_lower_case_before_its_organisation_in_a_pad() -> None:
    assert note("Anwesend (bitte selbst eintragen):\n* Yusuf Karaca (IHK)\n* mette sørensen / BWK\n"
                "* liu wei, Stadtwerke") == [
        ("Yusuf Karaca", "IHK", PRESENT), ("Mette Sørensen", "BWK", PRESENT), ("Liu Wei", "Stadtwerke", PRESENT)]


def test_a_sentence_under_a_first_name_list_names_its_person_by_first_name_too() -> None:
    assert note("dabei: Ilka (HWK), Tomasz (IHK), Emre (BWK) + ich\nJolanda hat abgesagt.") == [
        ("Ilka", "HWK", PRESENT), ("Tomasz", "IHK", PRESENT), ("Emre", "BWK", PRESENT), ("Jolanda", None, EXCUSED)]


def test_running_text_after_a_first_name_list_names_an_apology_by_first_name() -> None:
    assert note("Da waren: Ilka (HWK), Tomasz (IHK) und ich\n\nSommerfest ist gesetzt.\n\nJolanda hat abgesagt. "
                "Emre kann leider nicht kommen.") == [
        ("Ilka", "HWK", PRESENT), ("Tomasz", "IHK", PRESENT), ("Jolanda", None, EXCUSED), ("Emre", None, EXCUSED)]


def test_a_one_word_subject_in_running_text_of_a_protocol_with_full_names_is_no_person() -> None:
    assert note("Anwesend: Ilka Brandt (HWK), Tomasz Nowak (IHK)\n\nDer Vorstand hat abgesagt. Messe fehlte.") == [
        ("Ilka Brandt", "HWK", PRESENT), ("Tomasz Nowak", "IHK", PRESENT)]


def mail(tmp_path: Path, body: str, sender: str = "Jana Wielgosz <j.wielgosz@example.org>") -> list[tuple[object, ...]]:
    path = tmp_path / "Bericht.eml"
    path.write_text(f"""From: {sender}
To: runde@example.org
Cc: Petra Holm <holm@example.org>
Subject: Kurzbericht Netzwerktreffen Nord
Date: Tue, 16 Jun 2026 21:04:00 +0200
Content-Type: text/plain; charset=utf-8

{body.strip(chr(10))}
""", "utf-8")
    return who(dict(parse_file(path, path.name)))


def test_a_mail_tells_who_came_beside_its_writer_each_from_an_organisation(tmp_path: Path) -> None:
    assert mail(tmp_path, """
Hallo Sabine,

hier kurz mein Bericht vom Netzwerktreffen Nord am 16.06.2026 in Lüneburg. Anwesend waren neben mir Frau Öztürk \
(Jobcenter) und Herr Dr. Brandt von der HWK sowie Herr Nakamura-Lenz vom Bauverband. Es fehlten entschuldigt Frau \
Adeyemi und Herr Kowalski.

Wir haben beschlossen, die Messe gemeinsam zu besuchen.

Viele Grüße
Jana Wielgosz
""") == [("Jana Wielgosz", None, PRESENT), ("Öztürk", "Jobcenter", PRESENT), ("Brandt", "HWK", PRESENT),
         ("Nakamura-Lenz", "Bauverband", PRESENT), ("Adeyemi", None, EXCUSED), ("Kowalski", None, EXCUSED)]


def test_a_list_a_mail_announces_names_a_town_as_an_organisation(tmp_path: Path) -> None:
    assert mail(tmp_path, """
Hallo zusammen,

beim Jour fixe am 16.06. waren:
Ahmet Yılmaz, IHK
Birgit Sommerfeld, HWK
Chen Jing, Stadt Lüneburg
Rui Tavares, Landkreis Harburg

Ergebnisse:
- Sommerfest wird gemacht.

Gruß Jana
""") == [("Ahmet Yılmaz", "IHK", PRESENT), ("Birgit Sommerfeld", "HWK", PRESENT),
         ("Chen Jing", "Stadt Lüneburg", PRESENT), ("Rui Tavares", "Landkreis Harburg", PRESENT)]


def test_surnames_under_the_organisation_they_came_for_without_a_label() -> None:
    assert note("Für die Handwerkskammer: Ohm, Kern, Wiśniewski\nFür die IHK: Bergström\n"
                "Vom Bauverband: Frau Okafor, Herr Lindner") == [
        ("Ohm", "Handwerkskammer", PRESENT), ("Kern", "Handwerkskammer", PRESENT),
        ("Wiśniewski", "Handwerkskammer", PRESENT), ("Bergström", "IHK", PRESENT), ("Okafor", "Bauverband", PRESENT),
        ("Lindner", "Bauverband", PRESENT)]


def test_organisations_on_lines_of_their_own_over_the_surnames_of_their_people() -> None:
    assert note("Teilnehmende:\nHandwerkskammer\nOhm, Kern, Wiśniewski\nIHK Lüneburg\nBergström\nBauverband Nord\n"
                "Okafor") == [
        ("Ohm", "Handwerkskammer", PRESENT), ("Kern", "Handwerkskammer", PRESENT),
        ("Wiśniewski", "Handwerkskammer", PRESENT), ("Bergström", "IHK Lüneburg", PRESENT),
        ("Okafor", "Bauverband Nord", PRESENT)]


def test_people_side_by_side_with_slashes_share_the_organisation_after_the_last() -> None:
    assert note("Anwesend: Grete Ohm / Piotr Kern / Ana Ribeiro (alle HWK), Lars Bergström (IHK)\n"
                "Entschuldigt: Fatma Demir / Jonas Weber") == [
        ("Grete Ohm", "HWK", PRESENT), ("Piotr Kern", "HWK", PRESENT), ("Ana Ribeiro", "HWK", PRESENT),
        ("Lars Bergström", "IHK", PRESENT), ("Fatma Demir", None, EXCUSED), ("Jonas Weber", None, EXCUSED)]


def test_a_name_and_its_organisation_after_a_slash_stay_one_person() -> None:
    assert note("Anwesend: Grete Ohm / HWK, Piotr Kern / IHK") == [("Grete Ohm", "HWK", PRESENT),
                                                                   ("Piotr Kern", "IHK", PRESENT)]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Mit dabei waren diesmal Frau Öztürk (Jobcenter), Herr Dr. Brandt (HWK) und Ioana Popescu vom Bauverband.",
     [("Öztürk", "Jobcenter", PRESENT), ("Brandt", "HWK", PRESENT), ("Ioana Popescu", "Bauverband", PRESENT)]),
    ("Teilgenommen haben Frau Öztürk vom Jobcenter, Herr Brandt von der HWK und Frau Popescu.",
     [("Öztürk", "Jobcenter", PRESENT), ("Brandt", "HWK", PRESENT), ("Popescu", None, PRESENT)]),
    ("Folgende Personen waren anwesend: Grete Ohm (HWK), Piotr Kern (IHK), Ana Ribeiro (Stadt).",
     [("Grete Ohm", "HWK", PRESENT), ("Piotr Kern", "IHK", PRESENT), ("Ana Ribeiro", "Stadt", PRESENT)]),
    ("Bei der Sitzung anwesend waren Grete Ohm, Piotr Kern und Ana Ribeiro.",
     [("Grete Ohm", None, PRESENT), ("Piotr Kern", None, PRESENT), ("Ana Ribeiro", None, PRESENT)]),
    ("Dabei waren außerdem Frau Svensson und Herr Okonjo.", [("Svensson", None, PRESENT), ("Okonjo", None, PRESENT)]),
    ("Die Runde bestand aus Grete Ohm (HWK), Piotr Kern (IHK) und Ana Ribeiro (Stadt).",
     [("Grete Ohm", "HWK", PRESENT), ("Piotr Kern", "IHK", PRESENT), ("Ana Ribeiro", "Stadt", PRESENT)]),
    ("Frau Öztürk (Jobcenter), Herr Brandt (HWK) und Frau Popescu (Bauverband) trafen sich in Lüneburg.",
     [("Öztürk", "Jobcenter", PRESENT), ("Brandt", "HWK", PRESENT), ("Popescu", "Bauverband", PRESENT)]),
    ("Entschuldigt haben sich Frau Adeyemi und Herr Kowalski; Herr Nguyen fehlte unentschuldigt.",
     [("Adeyemi", None, EXCUSED), ("Kowalski", None, EXCUSED), ("Nguyen", None, ABSENT)]),
])
def test_who_came_told_in_one_sentence(sentence: str, expected: list[tuple[object, ...]]) -> None:
    assert note(sentence) == expected


def test_a_group_that_met_names_no_person() -> None:
    assert note("Anwesend: Grete Ohm (HWK)\n\nDie Fachgruppe traf sich in Lüneburg.") == [("Grete Ohm", "HWK", PRESENT)]


def test_a_list_right_under_a_mails_greeting_names_who_came_and_the_distribution_list_does_not(
        tmp_path: Path) -> None:
    assert mail(tmp_path, """
Hallo Sabine,

Grete Ohm (HWK)
Piotr Kern (IHK)
Ana Ribeiro (Stadt Lüneburg)

Ergebnis: Die Messe wird gemacht. Piotr kümmert sich um den Stand bis 20.03.

Verteiler: Sabine Holm (HWK), Karl Brink (IHK)

Gruß
Jana Wielgosz
""") == [("Grete Ohm", "HWK", PRESENT), ("Piotr Kern", "IHK", PRESENT), ("Ana Ribeiro", "Stadt Lüneburg", PRESENT)]


def test_people_named_further_down_a_mail_without_an_announcing_line_are_no_list(tmp_path: Path) -> None:
    assert mail(tmp_path, """
Hallo Sabine,

hier die Ergebnisse vom 05.03.2026: Die Messe wird gemacht.

Ansprechpartner für die Messe sind:

Grete Ohm (HWK)
Piotr Kern (IHK)

Gruß
Jana Wielgosz
""") == []


def test_the_ich_of_a_mail_from_an_office_address_is_the_name_it_is_signed_with(tmp_path: Path) -> None:
    assert mail(tmp_path, """
Hallo zusammen,

Da waren: Grete Ohm (HWK), Piotr Kern (IHK) und ich.

Die Messe wird gemacht.

Viele Grüße
Femke de Vries
Geschäftsstelle
""", sender="Geschäftsstelle <info@example.org>") == [
        ("Grete Ohm", "HWK", PRESENT), ("Piotr Kern", "IHK", PRESENT), ("Femke de Vries", None, PRESENT)]


@pytest.mark.parametrize(("signature", "name"), [
    ("Viele Grüße\nFemke de Vries\nGeschäftsstelle", "Femke de Vries"),
    ("Gruß, Femke de Vries", "Femke de Vries"), ("LG\nFemke", None), ("Geschäftsstelle Netzwerk Nord", None),
])
def test_the_name_a_signature_gives(signature: str, name: str | None) -> None:
    assert writer({"from": "info@example.org", "signature": signature}) == name
