"""The protocol parser, feature by feature, on small inline protocols (all names fictional)."""

from __future__ import annotations

import textwrap
from typing import Any

import pytest

from etl.core.errors import ProtocolError
from etl.core.registry import Registry
from etl.extract.readers.plain import read_text_file
from etl.parse import parse_document
from etl.parse.header import classify_format
from etl.parse.summary import format_summary


def parse_protocol(lines: list[str], source: str, **kwargs: Any) -> dict[str, Any]:
    """Parse protocol text given as lines, read by the real Markdown/text reader."""
    fmt = "txt" if source.endswith((".txt", ".pdf")) else "md"
    return dict(parse_document(read_text_file("\n".join(lines).encode(), source, fmt), **kwargs))

HEAD = "# Sitzung der Fachgruppe Handwerk\n\nDatum: 04.05.2023\n\n"


def parse(text: str, head: bool = True, **kwargs: Any) -> dict[str, Any]:
    body = textwrap.dedent(text).strip("\n")
    return parse_protocol(((HEAD if head else "") + body).split("\n"), "test.md", **kwargs)


def line_warnings(parsed: dict[str, Any]) -> list[str]:
    """Warnings about single lines (document-level hints such as a missing agenda left out)."""
    return [w for w in parsed["warnings"] if w.startswith("Zeile")]


def people(parsed: dict[str, Any]) -> list[tuple[Any, ...]]:
    fields = ("name", "title", "organisation", "status", "note")
    return [tuple(p[f] for f in fields) for p in parsed["participants"]]


def orgs() -> Registry:
    registry = Registry("organisation")
    registry.add("Handwerkskammer Musterstadt", "HWK Musterstadt")
    registry.add("Zentralverband Beispielhandwerk", "ZVB")
    registry.add("Projektbüro Nord (PBN)")
    return registry


# --- head ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lines", "expected"), [
    (["Datum: Dienstag, 08. Juni 2021", "Uhrzeit: 12:30-14:00"], ("2021-06-08", "12:30", "14:00")),
    (["**Datum:** 08.06.2021", "**Zeit:** 10:00 – 11:30 Uhr"], ("2021-06-08", "10:00", "11:30")),
    (["22. März 2022", "Beginn: 9:30 Uhr", "Ende: 12 Uhr"], ("2022-03-22", "09:30", "12:00")),
    (["15.09.2021, 13:00 bis 15:30 Uhr"], ("2021-09-15", "13:00", "15:30")),
    (["Termin: 2023-01-17, von 10 bis 12 Uhr"], ("2023-01-17", "10:00", "12:00")),
    (["Sitzung am 3.5.23"], ("2023-05-03", None, None)),
    (["Datum und Uhrzeit: 1. Dezember 2022, 14.00 – 15.30 Uhr"], ("2022-12-01", "14:00", "15:30")),
])
def test_dates_and_times(lines: list[str], expected: tuple[Any, ...]) -> None:
    parsed = parse_protocol(["# Protokoll AG Transfer", "", *lines], "x.md")
    assert (parsed["date"], parsed["start"], parsed["end"]) == expected


@pytest.mark.parametrize("line", ["Beginn 10.00 Uhr, Ende 12.30 Uhr", "Beginn: 10:00 – Ende: 12:30",
                                  "Beginn: 10 Uhr; Ende: 12:30 Uhr"])
def test_start_and_end_named_in_one_line(line: str) -> None:
    parsed = parse_protocol(["# Sitzung", "Datum: 04.05.2023", line], "x.md")
    assert (parsed["start"], parsed["end"]) == ("10:00", "12:30")


def test_no_date_raises_protocol_error() -> None:
    with pytest.raises(ProtocolError, match="kein Datum gefunden") as info:
        parse_protocol(["# Sitzung der Fachgruppe Handwerk", "Teilnehmende: Anna Schmidt (ZVB)"], "x.md")
    assert info.value.source == "x.md"


def test_date_from_file_name_as_last_resort() -> None:
    lines = ["# Sitzung der Fachgruppe Handwerk", "Text ohne Datum."]
    parsed = parse_protocol(lines, "protokolle/2022-10-05.md")
    assert parsed["date"] == "2022-10-05"
    assert parsed["warnings"][0] == "Datum nur aus dem Dateinamen übernommen"


def test_a_due_date_further_down_is_not_the_meeting_date() -> None:
    with pytest.raises(ProtocolError, match="kein Datum"):
        parse("Teilnehmende: Anna Schmidt\n\nAufgaben\n- Protokoll bis 01.10.2021 verschicken", head=False)


@pytest.mark.parametrize(("place", "expected"), [
    ("Videokonferenz via Zoom", "online"), ("Online (MS Teams)", "online"), ("Webex", "online"),
    ("Telefonkonferenz", "online"), ("Handwerkskammer Musterstadt, Raum 2.14", "in_person"),
    ("hybrid", "hybrid"), ("Geschäftsstelle Musterstadt und per Zoom", "hybrid"),
    ("Berlin, Präsenz und online", "hybrid"), (None, None),
])
def test_format_from_place(place: str | None, expected: str | None) -> None:
    assert classify_format(place, None) == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("Datum: 04.05.2023 (Webex)", "online"), ("Datum: 04.05.2023, Videokonferenz (Zoom)", "online"),
    ("Termin: 04.05.2023, Telefonkonferenz", "online"), ("Datum: 04.05.2023, hybrid", "hybrid"),
])
def test_format_named_beside_the_date(line: str, expected: str) -> None:
    assert parse_protocol(["# Sitzung", line], "x.md")["format"] == expected


def test_format_label_wins() -> None:
    assert classify_format("Handwerkskammer Musterstadt", "hybrid") == "hybrid"
    assert classify_format(None, "Präsenz") == "in_person"
    parsed = parse_protocol(["# Protokoll AG Transfer", "Datum: 01.02.2023", "Ort / Format: online"], "x.md")
    assert (parsed["location"], parsed["format"]) == ("online", "online")


def test_location_without_url_and_title_skips_generic_heading() -> None:
    parsed = parse_protocol(
        ["## Protokoll", "### Austausch Fachgruppe Handwerk", "Datum: 01.02.2023",
         "Ort: Zoom (https://zoom.example/j/123)"], "x.md")
    assert parsed["title"] == "Austausch Fachgruppe Handwerk"
    assert parsed["location"] == "Zoom"


# --- participants: layouts -------------------------------------------------------------------

ANNA = ("Anna Schmidt", None, "ZVB", "present", None)
MAX = ("Max Müller", "Dr.", "HWK Musterstadt", "present", None)


@pytest.mark.parametrize("block", [
    "Teilnehmende:\nAnna Schmidt\tZVB\nDr. Max Müller\tHWK Musterstadt",
    "Teilnehmende:\n\nAnna Schmidt, ZVB\nDr. Max Müller, HWK Musterstadt",
    "Teilnehmer:\nAnna Schmidt (ZVB)\nDr. Max Müller (HWK Musterstadt)",
    "Teilnehmer*innen:\nAnna Schmidt – ZVB\nDr. Max Müller - HWK Musterstadt",
    "Teilnehmer\\*innen: Anna Schmidt (ZVB), Dr. Max Müller (HWK Musterstadt)",
    "TeilnehmerInnen: Anna Schmidt (ZVB),\nDr. Max Müller (HWK Musterstadt)",
    "Teilnehmer/innen:\n- Anna Schmidt (ZVB)\n- Dr. Max Müller (HWK Musterstadt)",
    "Anwesend:\n* Anna Schmidt, ZVB\n• Dr. Max Müller, HWK Musterstadt",
    "Anwesende:\n1. Anna Schmidt (ZVB)\n2. Dr. Max Müller (HWK Musterstadt)",
    "## Teilnehmende\n\n| Name | Organisation |\n|---|---|\n| Anna Schmidt | ZVB |\n"
    "| Dr. Max Müller | HWK Musterstadt |",
    "Teilnehmende\nName\tOrganisation\nAnna Schmidt\tZVB\nDr. Max Müller\tHWK Musterstadt",
    "Teilnehmende:\nZVB: Anna Schmidt\nHWK Musterstadt: Dr. Max Müller",
    "Teilnehmende:\nAnna Schmidt (ZVB); Dr. Max Müller (HWK Musterstadt)",
    "**Teilnehmende:**\n- **Anna Schmidt** (ZVB)\n- *Dr. Max Müller* (HWK Musterstadt)",
    "Teilnehmende:\n| Vorname | Nachname | Titel | Institution |\n|--|--|--|--|\n| Anna | Schmidt | | ZVB |\n"
    "| Max | Müller | Dr. | HWK Musterstadt |",
])
def test_participant_layouts(block: str) -> None:
    assert people(parse(block)) == [ANNA, MAX]


def test_a_long_inline_list_after_a_blank_line() -> None:
    names = [f"{first} {last}" for first in ("Anna", "Eva", "Jan")
             for last in ("Ohm", "Roth", "Kühn", "Lang")]
    parsed = parse("## Anwesend\n\n" + ", ".join(f"Dr. {n} (Der Paritätische)" for n in names))
    assert [p["name"] for p in parsed["participants"]] == names
    assert {p["organisation"] for p in parsed["participants"]} == {"Der Paritätische"}


@pytest.mark.parametrize(("line", "expected"), [
    ("Anna Schmidt (ZVB, online)", ("Anna Schmidt", None, "ZVB", "present", "online")),
    ("Anna Schmidt (ZVB) (ab 13:30)", ("Anna Schmidt", None, "ZVB", "present", "ab 13:30")),
    ("Anna Schmidt, ZVB, bis TOP 3", ("Anna Schmidt", None, "ZVB", "present", "bis TOP 3")),
    ("Anna Schmidt (Protokoll)", ("Anna Schmidt", None, None, "present", "Protokoll")),
    ("Anna Schmidt – ZVB (Moderation)", ("Anna Schmidt", None, "ZVB", "present", "Moderation")),
    ("Prof. Dr.-Ing. Anna Schmidt, ZVB", ("Anna Schmidt", "Prof. Dr.-Ing.", "ZVB", "present", None)),
    ("Dipl.-Ing. Anna Schmidt, ZVB", ("Anna Schmidt", "Dipl.-Ing.", "ZVB", "present", None)),
    ("Anna Schmidt (Gast)", ("Anna Schmidt", None, None, "guest", None)),
    ("Anna Schmidt von der Handwerkskammer Musterstadt",
     ("Anna Schmidt", None, "Handwerkskammer Musterstadt", "present", None)),
    ("ZVB – Anna Schmidt", ANNA),
    ("Anna Schmidt ZVB", ANNA),
    ("Hans-Peter von der Heide (ZVB)", ("Hans-Peter von der Heide", None, "ZVB", "present", None)),
    ("Oleg Cernavin\tStiftung-Mittelstand-Gesellschaft-Verantwortung",
     ("Oleg Cernavin", None, "Stiftung-Mittelstand-Gesellschaft-Verantwortung", "present", None)),
    ("Anna Schmidt – Stiftung Werk – Zukunft – online",
     ("Anna Schmidt", None, "Stiftung Werk – Zukunft", "present", "online")),
    ("Schmidt, Dr. Anna (ZVB)", ("Anna Schmidt", "Dr.", "ZVB", "present", None)),
    ("Schmidt, Anna, ZVB", ANNA),
    ("Anna Schmidt <anna.schmidt@zvb.example>, ZVB", ANNA),
])
def test_participant_notes_titles_and_organisations(line: str, expected: tuple[Any, ...]) -> None:
    assert people(parse(f"Teilnehmende:\n{line}")) == [expected]


@pytest.mark.parametrize(("heading", "status"), [
    ("Entschuldigt:", "excused"), ("Es haben sich entschuldigt:", "excused"), ("Abwesend:", "absent"),
    ("Es fehlen:", "absent"), ("Gäste:", "guest"), ("Gast:", "guest"), ("Anwesend sind:", "present"),
])
def test_status_from_heading(heading: str, status: str) -> None:
    parsed = parse(f"Teilnehmende: Eva Braun (ZVB)\n{heading} Anna Schmidt (ZVB)")
    assert [(p["name"], p["status"]) for p in parsed["participants"]] == [("Eva Braun", "present"),
                                                                          ("Anna Schmidt", status)]


def test_roles_from_the_head_become_notes() -> None:
    parsed = parse("Moderation: Frau Schmidt\nProtokoll: Eva Braun (ZVB)\n\n"
                   "Teilnehmende: Anna Schmidt (ZVB), Eva Braun (ZVB, online)")
    assert [(p["name"], p["note"]) for p in parsed["participants"]] == [
        ("Anna Schmidt", "Moderation"), ("Eva Braun", "online; Protokoll")]


def test_surname_lists_are_not_reversed_names() -> None:
    """Three surnames cannot be 'Surname, First name' pairs: three people, each flagged for its missing first name."""
    parsed = parse("Teilnehmende:\nMeier, Schulze, Braun")
    assert [p["name"] for p in parsed["participants"]] == ["Meier", "Schulze", "Braun"]
    assert [w for w in parsed["warnings"] if "Vorname fehlt" in w] == [
        "Zeile 6: nur Nachname „Meier“ – Vorname fehlt", "Zeile 6: nur Nachname „Schulze“ – Vorname fehlt",
        "Zeile 6: nur Nachname „Braun“ – Vorname fehlt"]


def test_a_name_wrapped_between_first_name_and_surname_stays_whole() -> None:
    parsed = parse("""
        Teilnehmende: Anna Berg (ZVB), Konstantin
        Reuter (ZVB), Olaf Brettschneider
        (HWK Musterstadt) und Clara Sommer.
        """)
    assert people(parsed) == [("Anna Berg", None, "ZVB", "present", None),
                              ("Konstantin Reuter", None, "ZVB", "present", None),
                              ("Olaf Brettschneider", None, "HWK Musterstadt", "present", None),
                              ("Clara Sommer", None, None, "present", None)]
    assert line_warnings(parsed) == []


def test_surname_first_lines_are_not_joined_as_a_wrapped_name() -> None:
    parsed = parse("Teilnehmende:\n\nBerg, Anna\nVogt, Bernd")
    assert [p["name"] for p in parsed["participants"]] == ["Anna Berg", "Bernd Vogt"]


@pytest.mark.parametrize("heading", ["Wer war da?", "Runde", "Anwesenheit"])
def test_a_list_of_people_under_an_unknown_heading_is_the_participant_list(heading: str) -> None:
    parsed = parse(f"""
        ## {heading}

        - ZVB: Anna Berg, Bernd Vogt
        - Clara Sommer (HWK Musterstadt)

        ## TOP 1 Leitfaden

        Der Entwurf liegt vor.
        """)
    assert people(parsed) == [("Anna Berg", None, "ZVB", "present", None),
                              ("Bernd Vogt", None, "ZVB", "present", None),
                              ("Clara Sommer", None, "HWK Musterstadt", "present", None)]


def test_a_topic_list_under_an_unknown_heading_lists_no_people() -> None:
    parsed = parse("""
        ## Rückblick

        - Leitfaden veröffentlicht
        - Workshop im Herbst geplant
        """)
    assert parsed["participants"] == []


def test_status_column_in_a_table() -> None:
    parsed = parse("Teilnehmende\nName\tOrganisation\tStatus\nAnna Schmidt\tZVB\tentschuldigt\n"
                   "Eva Braun\tZVB\tanwesend\nJan Ohm\tZVB\tonline")
    assert [(p["name"], p["status"], p["note"]) for p in parsed["participants"]] == [
        ("Anna Schmidt", "excused", None), ("Eva Braun", "present", None), ("Jan Ohm", "present", "online")]


def test_block_ends_at_heading_and_prose_is_no_participant() -> None:
    parsed = parse("""
        Teilnehmende:

        Anna Schmidt (ZVB)

        Eva Braun (ZVB)

        Herr Hoffmann begrüßt die Teilnehmenden und erläutert die Tagesordnung.

        ### Agenda
        1. Begrüßung
        """)
    assert [p["name"] for p in parsed["participants"]] == ["Anna Schmidt", "Eva Braun"]
    assert parsed["unresolved"] == []
    assert parsed["agenda"] == ["Begrüßung"]


def test_unreadable_participant_lines_are_reported_not_guessed() -> None:
    parsed = parse("""
        Teilnehmende:
        - Anna Schmidt (ZVB)
        - ZVB
        - N. N. (HWK Musterstadt)
        - Vertreterinnen der Innung
        - siehe Anlage
        """)
    assert [p["name"] for p in parsed["participants"]] == ["Anna Schmidt"]
    assert [(u["line"], u["raw"], u["reason"]) for u in parsed["unresolved"]] == [
        (7, "ZVB", "nur Organisation „ZVB“, keine Person erkennbar"),
        (8, "N. N. (HWK Musterstadt)", "Platzhalter „N. N.“ statt Name"),
        (9, "Vertreterinnen der Innung", "keine namentlich genannte Person"),
        (10, "siehe Anlage", "kein plausibler Personenname"),
    ]
    assert parsed["unresolved"][1]["organisation"] == "HWK Musterstadt"


def test_duplicate_and_surname_only_participants_warn() -> None:
    parsed = parse("Teilnehmende:\nAnna Schmidt (ZVB)\nFrau Berger (ZVB)\nEntschuldigt:\nAnna Schmidt")
    assert [p["name"] for p in parsed["participants"]] == ["Anna Schmidt", "Berger"]
    assert line_warnings(parsed) == ["Zeile 7: nur Nachname „Berger“ – Vorname fehlt",
                                  "Zeile 9: Anna Schmidt schon als anwesend aufgeführt (Zeile 6) – ignoriert"]


def test_organisations_resolve_against_the_registry() -> None:
    parsed = parse("Teilnehmende:\nAnna Schmidt (zvb)\nEva Braun (PBN)\n"
                   "Jan Ohm (Handwerkskamer Musterstadt)\nIda Roth (Malerei Roth)", organisations=orgs())
    fields = ("organisation", "organisation_raw", "organisation_id")
    assert [tuple(p[f] for f in fields) for p in parsed["participants"]] == [
        ("Zentralverband Beispielhandwerk", "zvb", "zentralverband-beispielhandwerk"),
        ("Projektbüro Nord (PBN)", "PBN", "projektbuero-nord-pbn"),
        ("Handwerkskamer Musterstadt", "Handwerkskamer Musterstadt", None),
        ("Malerei Roth", "Malerei Roth", None)]
    assert line_warnings(parsed) == [
        "Zeile 8: Organisation „Handwerkskamer Musterstadt“ unbekannt – wird neu angelegt "
        "(ähnlich: „Handwerkskammer Musterstadt“)",
        "Zeile 9: Organisation „Malerei Roth“ unbekannt – wird neu angelegt"]
    assert parsed["org_suggestions"] == [{"raw": "Handwerkskamer Musterstadt",
                                          "suggestion": "Handwerkskammer Musterstadt",
                                          "suggestion_id": "handwerkskammer-musterstadt", "score": 98.1,
                                          "line": 8}]


# --- agenda ----------------------------------------------------------------------------------


def test_agenda_items_wrap_and_repeated_page_headers_are_ignored() -> None:
    parsed = parse_protocol(textwrap.dedent("""
        ## Austausch Fachgruppe Handwerk

        ### Protokoll

        Datum: 08.06.2021

        ### Agenda

        1. Begrüßung
        2. Ziele der Fachgruppe?
        Wie geht es weiter?

        ## Austausch Fachgruppe Handwerk

        ### Protokoll

        3. Verschiedenes

        ### Begrüßung

        Text.

        ## Austausch Fachgruppe Handwerk
        """).split("\n"), "x.md")
    assert parsed["agenda"] == ["Begrüßung", "Ziele der Fachgruppe? Wie geht es weiter?", "Verschiedenes"]
    assert parsed["agenda_lines"] == [10, 11, 18]
    assert parsed["title"] == "Austausch Fachgruppe Handwerk"


def test_text_without_blank_lines_as_from_a_pdf() -> None:
    lines = ["Protokoll AG Transfer – 15.09.2021", "Protokoll AG Transfer", "Datum: 15.09.2021",
             "Tagesordnung", "1. Begrüßung", "2. Berichte aus den Fachgruppen", "Begrüßung",
             "Frau Brandt begrüßt alle.", "Berichte aus den Fachgruppen", "Bericht der Fachgruppe Handwerk",
             "Die Fachgruppe Handwerk berichtet.", "Bericht der FG Digitalisierung", "Text.",
             "Die Fachgruppe Bau berichtet über ihre Arbeit."]
    parsed = parse_protocol(lines, "x.pdf")
    assert parsed["title"] == "Protokoll AG Transfer"
    assert parsed["agenda"] == ["Begrüßung", "Berichte aus den Fachgruppen"]
    assert parsed["reports"] == [{"group": "Fachgruppe Handwerk", "line": 10},
                                 {"group": "Fachgruppe Digitalisierung", "line": 12},
                                 {"group": "Fachgruppe Bau", "line": 14}]


def test_setext_headings_end_lists() -> None:
    parsed = parse_protocol(["Protokoll Fachgruppe Handwerk", "=============================",
                             "Datum: 01.02.2023", "Teilnehmende:", "Anna Schmidt (ZVB)", "Begrüßung",
                             "---------", "Anna Schmidt begrüßt alle."], "x.txt")
    assert [p["name"] for p in parsed["participants"]] == ["Anna Schmidt"]
    assert parsed["unresolved"] == []
    assert parsed["title"] == "Protokoll Fachgruppe Handwerk"


@pytest.mark.parametrize(("text", "expected"), [
    ("Tagesordnung:\nTOP 1: Begrüßung\nTOP 2 – Bericht\nTOP 3 Verschiedenes",
     ["Begrüßung", "Bericht", "Verschiedenes"]),
    ("## TOP 1 Begrüßung\nText\n## TOP 2 Bericht\nText", ["Begrüßung", "Bericht"]),
    ("## 1. Begrüßung\nText\n\n## 2. Bericht\nText", ["Begrüßung", "Bericht"]),
    ("1. Begrüßung\nAlle sind da.\n\n2. Bericht\nEs gab viel.", ["Begrüßung", "Bericht"]),
    ("Agenda\nTOP\tThema\n1\tBegrüßung\n2\tBericht", ["Begrüßung", "Bericht"]),
    ("Tagesordnung: Begrüßung; Bericht", ["Begrüßung", "Bericht"]),
    ("Tagesordnung\n- Begrüßung\n- Bericht\n  - Unterpunkt", ["Begrüßung", "Bericht; Unterpunkt"]),
])
def test_agenda_forms(text: str, expected: list[str]) -> None:
    assert parse(text)["agenda"] == expected


# --- decisions and action items ---------------------------------------------------------------


def test_every_paragraph_under_beschluesse_is_a_decision() -> None:
    parsed = parse("Teilnehmende: Anna Schmidt (ZVB)\n\n## Beschlüsse\n\nDie nächste Sitzung ist im Mai.\n\n"
                   "- Der Flyer wird gedruckt.\n\n## Verschiedenes\n\nNichts.")
    assert [(d["text"], d["line"]) for d in parsed["decisions"]] == [
        ("Die nächste Sitzung ist im Mai.", 9), ("Der Flyer wird gedruckt.", 11)]


@pytest.mark.parametrize("sentence", [
    "Die Fachgruppe beschließt, den Leitfaden zu veröffentlichen.",
    "Es wird beschlossen, den Leitfaden zu veröffentlichen.",
    "Die Veröffentlichung des Leitfadens wird einstimmig beschlossen.",
    "Beschluss: Der Leitfaden wird veröffentlicht.",
    "Die Fachgruppe empfiehlt dem Strategiekreis einstimmig, den Leitfaden zu veröffentlichen.",
])
def test_each_decision_form_counts_once(sentence: str) -> None:
    parsed = parse(f"## TOP 1 Leitfaden\n\n{sentence}")
    assert len(parsed["decisions"]) == 1


@pytest.mark.parametrize("sentence", [
    "Frau Sommer empfiehlt den Teilnehmenden, den Leitfaden zu lesen.",
    # the body that decides is another: its decision, not this meeting's (a vote on it, as above, is one)
    "Die Fachgruppe empfiehlt dem Strategiekreis, den Leitfaden zu veröffentlichen.",
])
def test_a_recommendation_to_someone_else_is_no_decision(sentence: str) -> None:
    parsed = parse(f"## TOP 1 Leitfaden\n\n{sentence}")
    assert parsed["decisions"] == []


def test_decisions() -> None:
    parsed = parse("""
        Teilnehmende: Anna Schmidt (ZVB)

        Beschluss: Die Fachgruppe trifft sich halbjährlich.
        Die Fachgruppe beschließt einstimmig, einen Flyer zu erstellen. Danach gab es Kaffee.
        Die Teilnehmenden verständigen sich auf ein gemeinsames Vorgehen.
        Es wird beschlossen, die Webseite zu überarbeiten.
        Ergebnis: Die Umfrage startet im Mai.
        Ein Antrag wird vom Strategiekreis beschlossen, wenn er vorliegt.
        """)
    assert [(d["text"], d["line"]) for d in parsed["decisions"]] == [
        ("Die Fachgruppe trifft sich halbjährlich.", 7),
        ("Die Fachgruppe beschließt einstimmig, einen Flyer zu erstellen.", 8),
        ("Die Teilnehmenden verständigen sich auf ein gemeinsames Vorgehen.", 9),
        ("Es wird beschlossen, die Webseite zu überarbeiten.", 10),
        ("Die Umfrage startet im Mai.", 11)]


ROSTER = "Teilnehmende:\nKristina Berger (ZVB)\nJan Ohm (ZVB)\nEva Braun (ZVB)\n\n"


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Kristina Berger verschickt bis zum 01.10.2023 das Protokoll.",
     ("Protokoll verschicken", "Kristina Berger", "2023-10-01")),
    ("Eine Terminabfrage wird hierzu von Kristina Berger verschickt.",
     ("Terminabfrage verschicken", "Kristina Berger", None)),
    ("Das Protokoll wird von Frau Berger bis 15.05. verschickt.",
     ("Protokoll verschicken", "Kristina Berger", "2023-05-15")),
    ("Herr Ohm prüft bis Ende Juni 2023 die Förderrichtlinie.",
     ("Förderrichtlinie prüfen", "Jan Ohm", "2023-06-30")),
    ("Jan Ohm klärt die Raumfrage mit der Kammer und sieht keine Probleme.",
     ("Raumfrage mit der Kammer klären", "Jan Ohm", None)),
    ("Eva Braun übernimmt die Moderation.", ("Moderation übernehmen", "Eva Braun", None)),
    ("Frau Braun lädt zur nächsten Sitzung ein.", ("zur nächsten Sitzung einladen", "Eva Braun", None)),
    ("Bis zum 01.09.2023 verschickt Jan Ohm die Einladung.",
     ("Einladung verschicken", "Jan Ohm", "2023-09-01")),
    ("Jan Ohm wird die Liste bis KW 25 aktualisieren.", ("Liste aktualisieren", "Jan Ohm", "2023-06-23")),
])
def test_action_sentences(sentence: str, expected: tuple[Any, ...]) -> None:
    parsed = parse(ROSTER + sentence)
    assert [(t["text"], t["owner"], t["due"]) for t in parsed["action_items"]] == [expected]
    assert parsed["action_items"][0]["line"] == 10


@pytest.mark.parametrize("sentence", [
    "Jan Ohm stellt das Projekt vor.", "Herr Ohm begrüßt die Teilnehmenden.",
    "Eva Braun erläutert den Stand.",
    "Jan Ohm gibt einen Überblick.", "Die Geschäftsstelle verschickt das Protokoll.",
])
def test_reports_of_the_meeting_are_no_tasks(sentence: str) -> None:
    assert parse(ROSTER + sentence)["action_items"] == []


def test_task_sections_lists_and_tables() -> None:
    parsed = parse(ROSTER + textwrap.dedent("""
        ## To-dos

        - Kristina Berger: Einladung versenden (bis 15.11.)
        - Flyer drucken (Jan Ohm, bis Ende November)
        - Webseite prüfen – Frau Braun – bis KW 50
        - Raum buchen
        - Herr Ohm prüft die Kosten.

        ## Vereinbarungen

        | Aufgabe | Verantwortlich | Termin/Frist |
        |---|---|---|
        | Bericht schreiben | Braun | 30.11.2023 |
        | Kontakt zur Innung | Herr Ohm / Frau Berger | Mitte Dezember |
        | Umfrage | Geschäftsstelle | |
        """))
    assert [(t["text"], t["owner"], t["due"], t["line"]) for t in parsed["action_items"]] == [
        ("Einladung versenden", "Kristina Berger", "2023-11-15", 13),
        ("Flyer drucken", "Jan Ohm", "2023-11-30", 14),
        ("Webseite prüfen", "Eva Braun", "2023-12-15", 15),
        ("Raum buchen", None, None, 16),
        ("Kosten prüfen", "Jan Ohm", None, 17),
        ("Bericht schreiben", "Eva Braun", "2023-11-30", 23),
        ("Kontakt zur Innung", "Jan Ohm", "2023-12-15", 24),
        ("Umfrage", "Geschäftsstelle", None, 25)]
    assert parsed["action_items"][6]["owners"] == ["Jan Ohm", "Kristina Berger"]
    assert line_warnings(parsed) == []  # a collective ('Geschäftsstelle') owns tasks without being a participant


@pytest.mark.parametrize("line", [
    "Aufgabe: Checkliste überarbeiten – verantwortlich: Herr Vogt – bis 15.09.2023",
    "Aufgabe: Checkliste überarbeiten - Verantwortlich: Herr Vogt - bis 15.09.2023",
    "Aufgabe: Checkliste überarbeiten; zuständig: Herr Vogt; bis 15.09.2023",
    "Aufgabe: Checkliste überarbeiten | verantwortlich: Herr Vogt | bis 15.09.2023",
])
def test_labelled_task_line_gives_owner_by_full_name_and_due_date(line: str) -> None:
    parsed = parse(f"""
        Teilnehmende: Bernd Vogt (ZVB), Clara Sommer (ZVB)

        ## TOP 1 Leitfaden

        {line}
        """)
    assert [(a["text"], a["owners"], a["due"]) for a in parsed["action_items"]] == [
        ("Checkliste überarbeiten", ["Bernd Vogt"], "2023-09-15")]


def test_owner_outside_the_participant_list_is_kept_with_a_warning() -> None:
    parsed = parse(ROSTER + "Die Einladung wird von Frau Kowalski verschickt.")
    assert [(t["owner"], t["text"]) for t in parsed["action_items"]] == [
        ("Frau Kowalski", "Einladung verschicken")]
    assert line_warnings(parsed) == [
        "Zeile 10: Verantwortlich „Frau Kowalski“ steht nicht in der Teilnehmerliste"]


# --- mentions, reports, group ------------------------------------------------------------------


def test_mentions_with_lines() -> None:
    projects = Registry("project")
    projects.add("Fachkräftezentren Handwerk")
    parsed = parse(ROSTER + textwrap.dedent("""
        Herr Ohm berichtet über die Fachkräftezentren Handwerk und den ZVB.
        Frau Seidel und Kristina Berger stellen das Projekt „Lernwerkstatt 2030“ vor.
        Die HWK Musterstadt (HWK) und das Projektbüro Nord sind beteiligt.
        """), organisations=orgs(), projects=projects)
    assert parsed["mentions"] == {
        "organisations": ["Zentralverband Beispielhandwerk", "Handwerkskammer Musterstadt",
                          "Projektbüro Nord (PBN)"],
        "projects": ["Fachkräftezentren Handwerk", "Lernwerkstatt 2030"],
        "people": ["Jan Ohm", "Kristina Berger"]}
    assert {"type": "project", "name": "Lernwerkstatt 2030", "line": 12} in parsed["mention_lines"]
    assert "Zeile 12: Projekt „Lernwerkstatt 2030“ unbekannt – wird neu angelegt" in parsed["warnings"]


def test_reports_in_an_ag_transfer_protocol() -> None:
    groups = Registry("group")
    for name in ("AG Transfer", "Fachgruppe Handwerk", "Fachgruppe Digitalisierung",
                 "Fachgruppe Bau und Ausbau"):
        groups.add(name)
    parsed = parse_protocol(textwrap.dedent("""
        # Protokoll der Sitzung der AG Transfer
        Datum: 15.09.2021

        ## Bericht der Fachgruppe Handwerk
        Text.
        Die FG Digitalisierung berichtet über ihre Webinare.
        Frau Kühn berichtet aus der Fachgruppe Bau und Ausbau.
        Eine OM-Fachgruppe berichtet einmal jährlich.
        Die AG Transfer berichtet dem Strategiekreis.
        """).split("\n"), "x.md", groups=groups)
    assert parsed["group"] == "AG Transfer"
    assert parsed["reports"] == [{"group": "Fachgruppe Handwerk", "line": 5},
                                 {"group": "Fachgruppe Digitalisierung", "line": 7},
                                 {"group": "Fachgruppe Bau und Ausbau", "line": 8}]


@pytest.mark.parametrize(("title", "hint", "expected"), [
    ("Austausch Fachgruppe Handwerk", None, ("Fachgruppe Handwerk", True)),
    ("Protokoll der Sitzung der AG Transfer", None, ("AG Transfer", True)),
    ("Protokoll FG Digitalisierung 22.03.2022", None, ("Fachgruppe Digitalisierung", True)),
    ("Protokoll vom 22.03.2022", "fachgruppe-handwerk", ("Fachgruppe Handwerk", True)),
    ("Protokoll vom 22.03.2022", "fg-digitalisierung", ("Fachgruppe Digitalisierung", True)),
    ("Protokoll der Fachgruppe Bauen und Wohnen", None, ("Fachgruppe Bauen und Wohnen", False)),
    ("Protokoll vom 22.03.2022", "ag-innovation", ("AG Innovation", False)),
    ("Protokoll vom 22.03.2022", "2022", (None, False)),
])
def test_group(title: str, hint: str | None, expected: tuple[Any, ...]) -> None:
    groups = Registry("group")
    for name in ("AG Transfer", "Fachgruppe Handwerk", "Fachgruppe Digitalisierung"):
        groups.add(name)
    parsed = parse_protocol([f"# {title}", "Datum: 22.03.2022"], "x.md", groups=groups, folder_hint=hint)
    assert (parsed["group"], parsed["group_known"]) == expected


@pytest.mark.parametrize(("title", "expected"), [
    ("Protokoll der Sitzung des Koordinierungsteams am 12.01.2024", "Koordinierungsteam"),
    ("Sitzung des Strategiekreises", "Strategiekreis"),
    ("Treffen der AG Transfer", "AG Transfer"),
    ("Protokoll FG Handwerk vom 12.01.2024", "Fachgruppe Handwerk"),
])
def test_group_in_genitive_or_under_an_alias_resolves_to_the_known_group(title: str, expected: str) -> None:
    groups = Registry("group")
    for name in ("Koordinierungsteam", "Strategiekreis", "AG Transfer"):
        groups.add(name)
    groups.add("Fachgruppe Handwerk", "FG Handwerk")
    parsed = parse_protocol([f"# {title}", "Datum: 12.01.2024"], "x.md", groups=groups)
    assert (parsed["group"], parsed["group_known"]) == (expected, True)


def test_group_in_genitive_without_registry_is_the_bare_name() -> None:
    parsed = parse_protocol(["# Sitzung des Lenkungskreises", "Datum: 12.01.2024"], "x.md")
    assert (parsed["group"], parsed["group_known"]) == ("Lenkungskreis", False)


def test_group_without_registry_uses_the_raw_name() -> None:
    parsed = parse_protocol(["# Protokoll FG Digitalisierung", "Datum: 22.03.2022"], "x.md")
    assert (parsed["group"], parsed["group_known"]) == ("Fachgruppe Digitalisierung", False)
    parsed = parse_protocol(["# Protokoll", "Datum: 22.03.2022"], "x.md", folder_hint="fachgruppe-handwerk")
    assert parsed["group"] == "Fachgruppe Handwerk"


# --- contract -------------------------------------------------------------------------------


@pytest.mark.parametrize("lines", [[], [""], ["   ", "\t"], ["%%%% 123 ###"], ["\x00\x01\x02"]])
def test_empty_or_garbage_lines(lines: list[str]) -> None:
    with pytest.raises(ProtocolError) as info:
        parse_protocol(lines, "x.md")
    assert not info.value.internal


def test_error_message_names_the_file_and_line() -> None:
    error = ProtocolError("kaputt", "protokolle/a.md", 12)
    assert str(error) == "protokolle/a.md, Zeile 12: kaputt"
    assert (error.source, error.line) == ("protokolle/a.md", 12)


def test_summary_lists_everything() -> None:
    parsed = parse(ROSTER + "Entschuldigt: Ida Roth (ZVB)\n\nTagesordnung\n1. Begrüßung\n\n"
                   "Beschluss: Alles bleibt.\nJan Ohm verschickt bis zum 01.10.2023 das Protokoll.")
    text = format_summary(parsed)
    for expected in ("Protokoll: Sitzung der Fachgruppe Handwerk", "Datum:     04.05.2023",
                     "Teilnehmende (3):",
                     "Entschuldigt (1):", "  1. Begrüßung", "  - Alles bleibt.  (Zeile 15)",
                     "Protokoll verschicken — Jan Ohm, bis 01.10.2023", "Hinweise (0):"):
        assert expected in text
