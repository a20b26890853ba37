"""The parser reads what a block says, not where it stands: people nested under their organisation, several
names per cell, attendance marks and letters, titles and particles from every origin, decisions however
phrased, and header dates with two-digit years or typos (all names fictional)."""

from __future__ import annotations

from typing import Any

import pytest

from etl.core.registry import Registry
from etl.extract.document import Block, Document
from etl.parse import parse_document
from tests.test_protocol_parse import orgs, parse, people


def table(rows: list[tuple[str, ...]], line: int = 5) -> Block:
    text = "\n".join(" | ".join(r) for r in rows)
    return Block("table", text, line, rows=tuple(rows), header_rows=1,
                 row_lines=tuple(line + i for i in range(len(rows))))


def parse_blocks(*blocks: Block, meta: dict[str, str] | None = None, **kwargs: Any) -> dict[str, Any]:
    head = [Block("heading", "Sitzung der Fachgruppe Handwerk", 1, level=1),
            Block("paragraph", "Datum: 04.05.2023", 2)]
    return dict(parse_document(Document("test.md", head + list(blocks), meta or {}, "md"), **kwargs))


def test_people_nested_under_their_organisation_and_under_a_status() -> None:
    parsed = parse("""
        ## Teilnehmende

        - ZVB
          - Dr. Anna Schmidt
          - Herr Jan Ohm (entschuldigt)
        - Handwerkskammer Musterstadt
          - Frau Eva Braun
        - Gäste
          - Karim al-Mansouri (Projektbüro Nord)
        """, organisations=orgs())
    assert people(parsed) == [
        ("Anna Schmidt", "Dr.", "Zentralverband Beispielhandwerk", "present", None),
        ("Jan Ohm", None, "Zentralverband Beispielhandwerk", "excused", None),
        ("Eva Braun", None, "Handwerkskammer Musterstadt", "present", None),
        ("Karim al-Mansouri", None, "Projektbüro Nord (PBN)", "guest", None)]


def test_several_names_in_one_cell_of_an_organisation_row() -> None:
    parsed = parse_blocks(
        Block("heading", "Teilnehmende", 4, level=2),
        table([("Organisation", "Vertreter*innen", "Bemerkung"),
               ("ZVB", "Frau Anna Schmidt\nHerr Dr. Jan Ohm", ""),
               ("HWK Musterstadt", "Eva Braun; Tarık Şahin", "online"),
               ("PBN", "Nguyen Thi Lan / Luca Ferraro", "entschuldigt"),
               ("Werkraum", "Ole Brüning und Chiara Bianchi", "")]), organisations=orgs())
    assert [(p["name"], p["organisation_raw"], p["status"]) for p in parsed["participants"]] == [
        ("Anna Schmidt", "ZVB", "present"), ("Jan Ohm", "ZVB", "present"),
        ("Eva Braun", "HWK Musterstadt", "present"), ("Tarık Şahin", "HWK Musterstadt", "present"),
        ("Nguyen Thi Lan", "PBN", "excused"), ("Luca Ferraro", "PBN", "excused"),
        ("Ole Brüning", "Werkraum", "present"), ("Chiara Bianchi", "Werkraum", "present")]


def test_a_reversed_name_is_one_person_not_two() -> None:
    parsed = parse("""
        Anwesend:
        - Berg, Anna (ZVB)
        - Tran, Ngoc Anh (ZVB, online)
        - de Vries, Maarten (ZVB, entsch.)
        """)
    assert [(p["name"], p["status"]) for p in parsed["participants"]] == [
        ("Anna Berg", "present"), ("Ngoc Anh Tran", "present"), ("Maarten de Vries", "excused")]


@pytest.mark.parametrize(("mark", "status"), [
    ("✓", "present"), ("a", "present"), ("x", "present"), ("e", "excused"), ("entsch.", "excused"),
    ("G", "guest"), ("–", "absent"), ("fehlt", "absent"), ("online", "present")])
def test_an_attendance_column_reads_marks_letters_and_words(mark: str, status: str) -> None:
    parsed = parse_blocks(table([("Name", "Institution", "Teilnahme"), ("Anna Schmidt", "ZVB", mark)]))
    assert [(p["name"], p["status"]) for p in parsed["participants"]] == [("Anna Schmidt", status)]


def test_mode_columns_say_present_and_an_excused_column_alone_leaves_the_others_present() -> None:
    parsed = parse_blocks(table([("Teilnehmer*in", "Organisation", "vor Ort", "online", "entschuldigt"),
                                 ("Anna Schmidt", "ZVB", "x", "", ""), ("Jan Ohm", "ZVB", "", "X", ""),
                                 ("Eva Braun", "ZVB", "", "", "x")]))
    assert [(p["name"], p["status"]) for p in parsed["participants"]] == [
        ("Anna Schmidt", "present"), ("Jan Ohm", "present"), ("Eva Braun", "excused")]
    parsed = parse_blocks(table([("Name", "Organisation", "entschuldigt"),
                                 ("Anna Schmidt", "ZVB", ""), ("Jan Ohm", "ZVB", "x")]))
    assert [(p["name"], p["status"]) for p in parsed["participants"]] == [
        ("Anna Schmidt", "present"), ("Jan Ohm", "excused")]


def test_a_meeting_tool_attendance_list_makes_everyone_listed_present() -> None:
    parsed = parse_blocks(table([
        ("Vollständiger Name", "Beitrittszeit", "Austrittszeit", "Dauer", "E-Mail", "Rolle"),
        ("Walter, Gabriele", "04.05.23, 08:58:12", "04.05.23, 10:31:40", "1 Std. 33 Min.", "g@x.example",
         "Organisator"),
        ("Oluwaseun Adeyemi", "04.05.23, 09:01:05", "04.05.23, 10:30:02", "1 Std. 28 Min.", "a@x.example",
         "Teilnehmer")]))
    assert [(p["name"], p["organisation"], p["status"]) for p in parsed["participants"]] == [
        ("Gabriele Walter", None, "present"), ("Oluwaseun Adeyemi", None, "present")]


@pytest.mark.parametrize(("written", "name", "title"), [
    ("Prof. Dr. Dr. h. c. Reinhard Schwarz", "Reinhard Schwarz", "Prof. Dr. Dr. h. c."),
    ("Dr. Barbara Heinemann MdB", "Barbara Heinemann", "Dr. MdB"),
    ("RA Klaus-Dieter Brenner", "Klaus-Dieter Brenner", "RA"),
    ("Ewa Kamińska M.A.", "Ewa Kamińska", "M.A."),
    ("Frau Dipl.-Ing. (FH) Birgit Sommer", "Birgit Sommer", "Dipl.-Ing. (FH)"),
    ("Herr Prof. Dr. rer. nat. Wolfgang Hübner", "Wolfgang Hübner", "Prof. Dr. rer. nat."),
    ("Herr Karim al-Mansouri", "Karim al-Mansouri", None),
    ("Lucía Fernández de Córdoba", "Lucía Fernández de Córdoba", None),
])
def test_names_with_titles_before_and_after_and_particles_of_every_origin(written: str, name: str,
                                                                          title: str | None) -> None:
    parsed = parse(f"Teilnehmende:\n{written}, ZVB\n")
    assert [(p["name"], p["title"], p["organisation"]) for p in parsed["participants"]] == [(name, title, "ZVB")]


@pytest.mark.parametrize(("sentence", "counted"), [
    ("Einstimmig angenommen wird der Vorschlag, den Leitfaden zu teilen.", True),
    ("Der Haushaltsentwurf wird mehrheitlich angenommen.", True),
    ("Festgehalten wird, dass die nächste Sitzung in Präsenz stattfindet.", True),
    ("Die FG empfiehlt dem Vorstand, die Laufzeit zu verlängern.", False),  # the Vorstand decides
    ("Votum der Fachgruppe: Das Projekt wird hervorgehoben.", True),
    ("Zustimmung aller Anwesenden zum Zeitplan.", True),
    ("Wir haben uns darauf verständigt, einen Partner aufzunehmen.", True),
    ("Darüber besteht Einvernehmen.", True),
    ("B2: Die Sitzungen finden online statt.", True),
    ("Herr Vogt wird einstimmig zum Sprecher gewählt.", True),
    ("Das Protokoll der letzten Sitzung wird ohne Änderungen angenommen.", False),
    ("Die Runde nimmt den Bericht zur Kenntnis.", False),
    ("Ein Antrag wird vom Strategiekreis beschlossen, wenn er vorliegt.", False),
])
def test_decisions_however_phrased(sentence: str, counted: bool) -> None:
    parsed = parse(f"Teilnehmende: Anna Schmidt (ZVB)\n\n{sentence}\n")
    assert len(parsed["decisions"]) == int(counted)


def test_a_results_section_counts_decisions_not_findings_or_tasks() -> None:
    parsed = parse("""
        Teilnehmende: Anna Schmidt (ZVB), Jan Ohm (ZVB)

        ## Ergebnisse

        - Der Fachtag findet im März statt. Einvernehmlich beschlossen.
        - Ergebnis: Aussprache ohne weitere Ergebnisse.
        - Frau Schmidt koordiniert das Programm bis Ende Januar.
        """)
    assert [d["text"] for d in parsed["decisions"]] == ["Der Fachtag findet im März statt. Einvernehmlich beschlossen."]
    assert [(t["owners"], t["due"]) for t in parsed["action_items"]] == [(["Anna Schmidt"], "2024-01-31")]


@pytest.mark.parametrize(("written", "iso"), [("01.02.99", "1999-02-01"), ("04.03.25", "2025-03-04"),
                                             ("4.3.2025", "2025-03-04"), ("Di., 4. März 2025", "2025-03-04"),
                                             ("am Dienstag, den 04.03.2025", "2025-03-04")])
def test_header_dates_as_people_write_them_with_the_two_digit_pivot_of_the_master_data_reader(
        written: str, iso: str) -> None:
    document = Document("t.md", [Block("heading", "Protokoll Fachgruppe Handwerk", 1, level=1),
                                 Block("paragraph", f"Datum: {written}", 2),
                                 Block("paragraph", "Teilnehmende: Anna Schmidt (ZVB)", 3)], {}, "md")
    assert parse_document(document)["date"] == iso


def test_an_implausible_header_date_is_warned_and_passed_over_for_a_plausible_one() -> None:
    document = Document("t.md", [Block("heading", "Protokoll Fachgruppe Handwerk vom 12.03.2025", 1, level=1),
                                 Block("paragraph", "Datum: 2099-01-01", 2),
                                 Block("paragraph", "Teilnehmende: Anna Schmidt (ZVB)", 3)], {}, "md")
    parsed = dict(parse_document(document))
    assert parsed["date"] == "2025-03-12"
    assert "Zeile 2: Datum „01.01.2099“ ist unplausibel – nicht als Sitzungsdatum übernommen" in parsed["warnings"]


def test_an_implausible_date_alone_is_kept_with_a_warning() -> None:
    document = Document("t.md", [Block("heading", "Protokoll Fachgruppe Handwerk", 1, level=1),
                                 Block("paragraph", "Datum: 2099-01-01", 2),
                                 Block("paragraph", "Teilnehmende: Anna Schmidt (ZVB)", 3)], {}, "md")
    parsed = dict(parse_document(document))
    assert parsed["date"] == "2099-01-01"
    assert "kein plausibles Sitzungsdatum gefunden – unplausibles Datum übernommen, bitte prüfen" in parsed["warnings"]


def test_an_attendance_report_of_a_meeting_tool_gives_people_date_times_and_format() -> None:
    """What the readers make of a Teams/Zoom export: a participants table and meta title/date/start/end."""
    report = table([("Name", "Erste Teilnahme", "Letztes Verlassen", "Dauer in der Besprechung", "E-Mail",
                     "Teilnehmer-ID (UPN)", "Rolle", "Aufnahmezustimmung"),
                    ("Gabriele Walter", "04.03.25, 09:58:12", "04.03.25, 11:02:40", "1 Std. 4 Min.", "g@x.example",
                     "g@x.example", "Organisator", "Ja"),
                    ("Kowalski, Piotr", "04.03.25, 10:01:05", "04.03.25, 11:00:02", "59 Min.", "p@x.example",
                     "p@x.example", "Teilnehmer", "Ja")], line=1)
    document = Document("teams.csv", [report], {"title": "Fachgruppe Handwerk", "date": "2025-03-04",
                                               "start": "09:58", "end": "11:02"}, "csv")
    parsed = dict(parse_document(document))
    assert (parsed["title"], parsed["date"], parsed["start"], parsed["end"], parsed["format"], parsed["group"]) == (
        "Fachgruppe Handwerk", "2025-03-04", "09:58", "11:02", "online", "Fachgruppe Handwerk")
    assert [(p["name"], p["status"]) for p in parsed["participants"]] == [
        ("Gabriele Walter", "present"), ("Piotr Kowalski", "present")]
    assert parsed["agenda"] == []


def test_a_zoom_guest_column_is_the_tools_login_flag_and_everyone_listed_is_present() -> None:
    parsed = parse_blocks(table([("Name (ursprünglicher Name)", "E-Mail-Adresse des Benutzers", "Beitrittszeit",
                                  "Austrittszeit", "Dauer (Minuten)", "Gast"),
                                 ("Anna Schmidt", "a@x.example", "04.05.2023 09:58", "04.05.2023 11:00", "62", "Nein"),
                                 ("Jan Ohm", "", "04.05.2023 10:03", "04.05.2023 11:00", "57", "Ja")]))
    assert [(p["name"], p["status"]) for p in parsed["participants"]] == [
        ("Anna Schmidt", "present"), ("Jan Ohm", "present")]


ROSTER = "Teilnehmende: Anna Schmidt (ZVB), Jan van der Ohm (ZVB), Eva Braun (ZVB)\n\n"


@pytest.mark.parametrize(("line", "owners", "due", "text"), [
    ("→ Frau Schmidt bis 15.5.: Gliederung überarbeiten", ["Anna Schmidt"], "2023-05-15", "Gliederung überarbeiten"),
    ("AP: Herr van der Ohm aktualisiert die Liste bis 31.05.2023.", ["Jan van der Ohm"], "2023-05-31",
     "Liste aktualisieren"),
    ("ToDo Frau Schmidt + Frau Braun: Steckbrief bis 10.06.2023", ["Anna Schmidt", "Eva Braun"], "2023-06-10",
     "Steckbrief"),
    ("Newsletter: Herr van der Ohm schickt bis Ende Mai den Entwurf rum.", ["Jan van der Ohm"], "2023-05-31",
     "Entwurf rumschicken"),
    ("- Skizze abstimmen: Schmidt, Braun (bis 21.06.2023)", ["Anna Schmidt", "Eva Braun"], "2023-06-21",
     "Skizze abstimmen"),
])
def test_tasks_as_offices_write_them_in_minutes_and_e_mails(line: str, owners: list[str], due: str,
                                                            text: str) -> None:
    parsed = parse(ROSTER + line + "\n")
    assert [(t["owners"], t["due"], t["text"]) for t in parsed["action_items"]] == [(owners, due, text)]


def test_a_task_table_typed_with_pipes_in_a_text_file() -> None:
    parsed = parse(ROSTER + "Wer | Was | Bis wann\nSchmidt / Braun | Jahresbericht entwerfen | 31.5.2023\n"
                   "van der Ohm | Betriebe gewinnen | laufend\n")
    assert [(t["owners"], t["due"], t["text"]) for t in parsed["action_items"]] == [
        (["Anna Schmidt", "Eva Braun"], "2023-05-31", "Jahresbericht entwerfen"),
        (["Jan van der Ohm"], None, "Betriebe gewinnen")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Als Gast war Herr Karim al-Mansouri von der Stiftung Nord dabei.",
     [("Karim al-Mansouri", "Stiftung Nord", "guest")]),
    ("Nicht dabei (entschuldigt): Dr. Gabriele Walter", [("Gabriele Walter", None, "excused")]),
    ("Entschuldigt haben sich Frau Katarzyna Nowak-Schulz (ZVB) und Herr Friedrich zu Hohenlohe (ZVB).",
     [("Katarzyna Nowak-Schulz", "ZVB", "excused"), ("Friedrich zu Hohenlohe", "ZVB", "excused")]),
])
def test_attendance_written_as_sentences_and_labels(text: str, expected: list[tuple[Any, ...]]) -> None:
    parsed = parse(text + "\n")
    assert [(p["name"], p["organisation"], p["status"]) for p in parsed["participants"]] == expected


def test_a_phrase_with_particles_is_no_name_and_a_family_name_first_is_found_by_salutation() -> None:
    parsed = parse("Teilnehmende: Nguyen Thi Lan (ZVB), Tobias Kranz (ZVB)\n\nKurz zu den Punkten:\n\n"
                   "Frau Nguyen verschickt bis 31.05.2023 das Protokoll.\n")
    assert [p["name"] for p in parsed["participants"]] == ["Nguyen Thi Lan", "Tobias Kranz"]
    assert [t["owners"] for t in parsed["action_items"]] == [["Nguyen Thi Lan"]]


@pytest.mark.parametrize(("title", "fmt"), [("Gesprächsnotiz (Telefonkonferenz)", "online"),
                                             ("Koordinierungsteam Telefonat", "online"),
                                             ("Online-Austausch der Fachgruppe", "online")])
def test_the_meeting_format_from_the_title(title: str, fmt: str) -> None:
    parsed = parse(f"# {title}\n\nDatum: 04.05.2023\n\nTeilnehmende: Anna Schmidt (ZVB)\n", head=False)
    assert parsed["format"] == fmt


def test_a_mail_saved_as_text_takes_its_subject_and_a_group_is_found_by_its_own_part() -> None:
    groups = Registry("group")
    groups.add("Regionales Netzwerk Weser-Ems")
    groups.add("Fachgruppe Handwerk")
    parsed = parse("Betreff: Kurzprotokoll Netzwerktreffen Weser-Ems vom 18. Juni 2025\n\nHallo zusammen,\n\n"
                   "Dabei waren: Anna Schmidt (ZVB) und Jan Ohm (ZVB).\n", head=False, groups=groups)
    assert (parsed["title"], parsed["group"], parsed["date"]) == (
        "Kurzprotokoll Netzwerktreffen Weser-Ems vom 18. Juni 2025", "Regionales Netzwerk Weser-Ems", "2025-06-18")
