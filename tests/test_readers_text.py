"""Markdown and text protocols -> blocks: encodings, front matter, headings, lists, tables, wraps, page furniture."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.core.errors import ProtocolError
from etl.extract.readers import read_document
from tests.readers_shape import shapes

SEED = next((p / "shared" / "seeds" / "protokoll_2021-06-08_fachgruppe-handwerk.md"
             for p in Path(__file__).resolve().parents
             if (p / "shared" / "seeds" / "protokoll_2021-06-08_fachgruppe-handwerk.md").exists()),
            Path("/work/shared/seeds/protokoll_2021-06-08_fachgruppe-handwerk.md"))
BROKEN = Path(__file__).resolve().parent / "fixtures" / "protokolle" / "_fehlerhaft"


def _read(tmp_path: Path, name: str, data: bytes | str):
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return read_document(path, source=name)


def P(text, line, lines=()):  # noqa: N802 - short constructors keep the expected sequences readable
    return ("paragraph", text, line, None, 0, "", lines, (), 0)


def H(text, line, level):  # noqa: N802
    return ("heading", text, line, None, level, "", (), (), 0)


def L(text, line, marker, level=0, lines=()):  # noqa: N802
    return ("list_item", text, line, None, level, marker, lines, (), 0)


def T(rows, line, header_rows, row_lines=None):  # noqa: N802
    text = "\n".join(" | ".join(row) for row in rows)
    return ("table", text, line, None, 0, "", (), tuple(tuple(r) for r in rows), header_rows)


MARKDOWN = """---
titel: "Sitzung der AG Transfer"
datum: 2024-03-05
teilnehmende:
  - Anna Becker
  - Peter Nowak
---
Protokoll der AG Transfer
=========================

**Datum:** 05.03.2024
**Ort:** Videokonferenz

Teilnehmende: Frau Dr. Helga Strauß (BAuA), Herr Tobias Kranz (itb) und Frau
Julia Seidel (ZDH), außerdem Herr Carsten Wegner (DIHK) in Vertretung für Frau
Sabine Fuchs.
Protokoll: Tobias Kranz

| Name | Organisation | anwesend |
|------|--------------|:--------:|
| Anna Becker | BAuA | x |
| Peter **Nowak** | [itb](https://itb.example) | |

Name            Organisation     Status
Helga Strauß    BAuA             vor Ort
Tobias Kranz    itb              online

## TOP 1: Begrüßung

Die Teilnehmer\\*innen werden begrüßt. Die Sicherheits-
und Gesundheitsschutz-Fach-
kräfte sind zufrieden.

- [ ] Dr. Peter Nowak: Entwurf verschicken
- [x] Julia Seidel: Termin abstimmen
  mit allen Beteiligten
    - Unterpunkt eins
1. erstens
2. zweitens

Seite 2 von 3
- 2 -
"""


def test_markdown_every_block_kind(tmp_path: Path) -> None:
    document = _read(tmp_path, "p.md", MARKDOWN)
    assert document.meta == {"titel": "Sitzung der AG Transfer", "datum": "2024-03-05",
                             "teilnehmende": "Anna Becker, Peter Nowak"}
    assert document.format == "md" and document.warnings == []
    assert shapes(document.blocks) == [
        H("Protokoll der AG Transfer", 8, 1),
        P("Datum: 05.03.2024", 11),
        P("Ort: Videokonferenz", 12),
        P("Teilnehmende: Frau Dr. Helga Strauß (BAuA), Herr Tobias Kranz (itb) und Frau\n"
          "Julia Seidel (ZDH), außerdem Herr Carsten Wegner (DIHK) in Vertretung für Frau\n"
          "Sabine Fuchs.", 14, (14, 15, 16)),
        P("Protokoll: Tobias Kranz", 17),
        T([("Name", "Organisation", "anwesend"), ("Anna Becker", "BAuA", "x"), ("Peter Nowak", "itb", "")], 19, 1),
        T([("Name", "Organisation", "Status"), ("Helga Strauß", "BAuA", "vor Ort"),
           ("Tobias Kranz", "itb", "online")], 24, 1),
        H("TOP 1: Begrüßung", 28, 2),
        P("Die Teilnehmer*innen werden begrüßt. Die Sicherheits-\nund Gesundheitsschutz-Fach-\n"
          "kräfte sind zufrieden.", 30, (30, 31, 32)),
        L("Dr. Peter Nowak: Entwurf verschicken", 34, "[ ]"),
        L("Julia Seidel: Termin abstimmen\nmit allen Beteiligten", 35, "[x]", lines=(35, 36)),
        L("Unterpunkt eins", 37, "-", level=1),
        L("erstens", 38, "1."),
        L("zweitens", 39, "2."),
    ]
    tables = [b for b in document.blocks if b.kind == "table"]
    assert [t.row_lines for t in tables] == [(19, 21, 22), (24, 25, 26)]
    wrapped = document.blocks[3]
    assert wrapped.joined.startswith("Teilnehmende: Frau Dr. Helga Strauß (BAuA), Herr Tobias Kranz (itb) und "
                                     "Frau Julia Seidel (ZDH)")
    assert wrapped.line_at(wrapped.joined.index("Julia")) == 15
    assert wrapped.line_at(wrapped.joined.index("Sabine")) == 16
    assert document.blocks[8].joined == ("Die Teilnehmer*innen werden begrüßt. Die Sicherheits- und "
                                         "Gesundheitsschutz-Fachkräfte sind zufrieden.")


def test_seed_protocol_structure() -> None:
    if not SEED.exists():
        pytest.skip(f"Seed-Protokoll fehlt ({SEED})")
    blocks = read_document(SEED).blocks
    # the title once; its repetitions at the page breaks (lines 51/53 and 82/84) are running headers
    assert [(b.kind, b.line, b.level) for b in blocks if b.kind == "heading"] == [
        ("heading", 3, 2), ("heading", 5, 3), ("heading", 22, 3), ("heading", 37, 3), ("heading", 41, 3),
        ("heading", 47, 4), ("heading", 76, 3), ("heading", 90, 3), ("heading", 98, 3)]
    assert not [b for b in blocks if b.line in (51, 53, 82, 84)]
    assert [(b.kind, b.line) for b in blocks[2:6]] == [
        ("paragraph", 7), ("paragraph", 9), ("paragraph", 11), ("paragraph", 13)]
    participants = blocks[6]
    assert (participants.kind, participants.header_rows, participants.row_lines) == (
        "table", 0, (15, 16, 17, 18, 19, 20))
    assert [row[0] for row in participants.rows] == [
        "Oleg Cernavin", "Dr. Gabriele Walter", "Andreas Ihm", "Joachim Hoffmeyer", "Katja Mikus",
        "Kristina Mangold"]
    assert [len(row) for row in participants.rows] == [2] * 6
    agenda = [b for b in blocks if b.kind == "list_item" and b.line < 40]
    assert [(b.marker, b.line, b.lines) for b in agenda] == [
        ("1.", 24, ()), ("2.", 25, ()), ("3.", 26, ()), ("4.", 27, ()),
        ("5.", 28, (28, 29, 30, 31, 32, 33, 34)), ("6.", 35, ())]
    assert agenda[4].text.count("\n") == 6 and "\\" not in agenda[4].text and "Berater*innen" in agenda[4].text
    assert [b.marker for b in blocks if b.kind == "list_item" and b.line > 40] == ["-"] * 6
    assert "Teilnehmer*innen" in blocks[blocks.index(next(b for b in blocks if b.line == 39))].text


@pytest.mark.parametrize(("data", "encoding_hint"), [
    ("Protokoll\n\nÄrger über Öfen – 5 €\n".encode("utf-8-sig"), "utf-8-sig"),
    ("Protokoll\r\n\r\nÄrger über Öfen – 5 €\r\n".encode(), "utf-8"),
    ("Protokoll\n\nÄrger über Öfen – 5 €\n".encode("utf-16"), "utf-16"),
    ("Protokoll\r\n\r\nÄrger über Öfen – 5 €\r\n".encode("utf-16-le"), "utf-16"),  # saved without BOM
    ("Protokoll\n\nÄrger über Öfen – 5 €\n".encode("utf-16-be"), "utf-16"),
    ("Protokoll\r\n\r\nÄrger über Öfen – 5 €\r\n".encode("cp1252"), "cp1252"),
    ("Protokoll\n\nÄrger über Öfen - 5 €\n".encode("iso-8859-15"), "iso-8859-15"),
], ids=["utf8-bom", "utf8-crlf", "utf16", "utf16le-no-bom", "utf16be-no-bom", "cp1252", "iso-8859-15"])
def test_text_encodings(tmp_path: Path, data: bytes, encoding_hint: str) -> None:
    document = _read(tmp_path, "p.txt", data)
    dash = "-" if encoding_hint == "iso-8859-15" else "–"
    assert shapes(document.blocks) == [H("Protokoll", 1, 1), P(f"Ärger über Öfen {dash} 5 €", 3)]
    assert document.warnings == []


def test_mixed_encodings_are_read_per_line_with_a_warning(tmp_path: Path) -> None:
    data = "Protokoll\n\nJürgen Müller\n".encode() + "Jürgen Meier\nSabine Groß\n".encode("cp1252")
    document = _read(tmp_path, "p.txt", data)
    assert [b.text for b in document.blocks] == ["Protokoll", "Jürgen Müller", "Jürgen Meier", "Sabine Groß"]
    assert document.warnings == ["Datei mischt Zeichenkodierungen: Zeile 3 ist UTF-8, Zeilen 4–5 sind "
                                 "Windows-1252 – bitte prüfen und einheitlich als UTF-8 speichern"]


def test_text_page_furniture_is_removed(tmp_path: Path) -> None:
    """Form feeds separate pages; page numbers, 'Stand:' lines and repeated page headers go."""
    text = ("Protokoll Gremium X\nStand: 01.02.2023\n\nDatum: 12.01.2023\n\nText eins.\n\nSeite 1 von 2\n"
            "\fProtokoll Gremium X\nStand: 01.02.2023\n\nText zwei.\n\n- 2 -\n")
    document = _read(tmp_path, "p.txt", text)
    assert shapes(document.blocks) == [H("Protokoll Gremium X", 1, 1), P("Datum: 12.01.2023", 4),
                                       P("Text eins.", 6), P("Text zwei.", 12)]
    assert document.meta == {"header": "Stand: 01.02.2023"}


def test_plain_text_wrapped_at_72_columns(tmp_path: Path) -> None:
    """Wrapped sentences meet again; short lines (one name per line) stay apart; fields start blocks."""
    text = (
        "Sitzung der Fachgruppe Digitalisierung am 9. September 2025\n"
        "\n"
        "Teilnehmende: Frau Dr. Helga Strauß (BAuA), Herr Tobias Kranz (itb), Frau\n"
        "Julia Seidel (ZDH) und Herr Carsten Wegner (DIHK), der die Sitzung leitet.\n"
        "Entschuldigt:\n"
        "Anna Becker (BAuA)\n"
        "Peter Nowak (itb)\n"
        "\n"
        "Die Gruppe bespricht den Stand der Arbeiten an der gemeinsamen Plattform\n"
        "und vereinbart, die Ergebnisse bis zum Jahresende zu dokumentieren. Die\n"
        "Details folgen.\n"
        "Beschluss: Der Leitfaden wird veröffentlicht.\n"
        "\n"
        "1. Begrüßung\n"
        "\n"
        "Frau Strauß begrüßt alle.\n"
        "\n"
        "TOP 2 - Bericht\n"
        "\n"
        "NÄCHSTE SCHRITTE\n"
        "- Entwurf an alle Beteiligten verschicken, damit sie bis zur nächsten\n"
        "  Sitzung Stellung nehmen können\n"
        "- Termin finden\n")
    document = _read(tmp_path, "p.txt", text)
    assert shapes(document.blocks) == [
        H("Sitzung der Fachgruppe Digitalisierung am 9. September 2025", 1, 1),
        P("Teilnehmende: Frau Dr. Helga Strauß (BAuA), Herr Tobias Kranz (itb), Frau\n"
          "Julia Seidel (ZDH) und Herr Carsten Wegner (DIHK), der die Sitzung leitet.", 3, (3, 4)),
        P("Entschuldigt:", 5),
        P("Anna Becker (BAuA)", 6),
        P("Peter Nowak (itb)", 7),
        P("Die Gruppe bespricht den Stand der Arbeiten an der gemeinsamen Plattform\n"
          "und vereinbart, die Ergebnisse bis zum Jahresende zu dokumentieren. Die\n"
          "Details folgen.", 9, (9, 10, 11)),
        P("Beschluss: Der Leitfaden wird veröffentlicht.", 12),
        H("1. Begrüßung", 14, 2),
        P("Frau Strauß begrüßt alle.", 16),
        H("TOP 2 - Bericht", 18, 2),
        H("NÄCHSTE SCHRITTE", 20, 2),
        L("Entwurf an alle Beteiligten verschicken, damit sie bis zur nächsten\n"
          "Sitzung Stellung nehmen können", 21, "-", lines=(21, 22)),
        L("Termin finden", 23, "-"),
    ]


def test_tab_rows_and_top_lists(tmp_path: Path) -> None:
    text = ("Name\tOrganisation\tanwesend\tentschuldigt\nAnna Becker\tBAuA\tx\t\nPeter Nowak\titb\t\tx\n\n"
            "TOP 1 Begrüßung\nTOP 2 Bericht aus den Projekten\nTOP 3 Verschiedenes\n")
    document = _read(tmp_path, "p.txt", text)
    assert shapes(document.blocks) == [
        T([("Name", "Organisation", "anwesend", "entschuldigt"), ("Anna Becker", "BAuA", "x", ""),
           ("Peter Nowak", "itb", "", "x")], 1, 1),
        L("Begrüßung", 5, "TOP 1"), L("Bericht aus den Projekten", 6, "TOP 2"), L("Verschiedenes", 7, "TOP 3"),
    ]


def test_prose_with_double_spaces_is_not_a_table(tmp_path: Path) -> None:
    text = "Ein Satz.  Noch einer.\nZweite Zeile  mit Lücke.\nDritte Zeile.\n"
    document = _read(tmp_path, "p.md", text)
    assert [b.kind for b in document.blocks] == ["paragraph", "paragraph", "paragraph"]


BROKEN_CASES = {
    "leer.md": "Datei ist leer",
    "nur_leerzeilen.txt": "Datei enthält keinen Text",
    "binaer.txt": "keine Textdatei",
    "falsche_endung.rtf": "keine gültige RTF-Datei",
}


@pytest.mark.parametrize("name", sorted(BROKEN_CASES))
def test_unreadable_text_files(name: str) -> None:
    with pytest.raises(ProtocolError) as info:
        read_document(BROKEN / name, source=f"_fehlerhaft/{name}")
    assert BROKEN_CASES[name] in info.value.message
    assert str(info.value).startswith(f"_fehlerhaft/{name}: ")


@pytest.mark.parametrize(("data", "what"), [
    (b"%PDF-1.7\n...", "eine PDF-Datei"), (b"PK\x03\x04rest", "ein ZIP-Archiv"),
    (b"\x89PNG\r\n\x1a\n", "ein PNG-Bild")], ids=["pdf", "zip", "png"])
def test_wrong_content_behind_a_text_extension(tmp_path: Path, data: bytes, what: str) -> None:
    with pytest.raises(ProtocolError, match=f"p.md: keine Textdatei, sondern {what}"):
        _read(tmp_path, "p.md", data)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ProtocolError, match="fehlt.md: Datei nicht gefunden"):
        read_document(tmp_path / "fehlt.md", source="fehlt.md")


def test_ascii_grid_table_and_framed_title(tmp_path: Path) -> None:
    text = ("==========================================\n"
            " NIEDERSCHRIFT - Regionales Netzwerk Nord\n"
            " Arbeitstreffen Nr. 7\n"
            "==========================================\n"
            "\n"
            " +----------------+-------------+----------+\n"
            " | Name           | Organisation | Status  |\n"
            " +----------------+-------------+----------+\n"
            " | Anna Becker    | BAuA        | anwesend |\n"
            " | Peter Nowak    | itb         | entsch.  |\n"
            " +----------------+-------------+----------+\n")
    document = _read(tmp_path, "p.txt", text)
    assert shapes(document.blocks) == [
        ("heading", "NIEDERSCHRIFT - Regionales Netzwerk Nord\nArbeitstreffen Nr. 7", 2, None, 1, "", (2, 3), (), 0),
        T([("Name", "Organisation", "Status"), ("Anna Becker", "BAuA", "anwesend"), ("Peter Nowak", "itb", "entsch.")],
          7, 1),
    ]
    assert document.blocks[1].row_lines == (7, 9, 10)


def test_a_table_of_head_fields_is_read_as_fields(tmp_path: Path) -> None:
    """A layout table that only sets 'Datum: …' and 'Ort: …' side by side is no data table."""
    document = _read(tmp_path, "p.md", "| Datum: 07.02.2024 | Zeit: 10:30 Uhr | Ort: Berlin |\n")
    assert shapes(document.blocks) == [P("Datum: 07.02.2024", 1), P("Zeit: 10:30 Uhr", 1), P("Ort: Berlin", 1)]


def test_a_finished_sentence_at_a_wrapped_line_end_is_not_joined(tmp_path: Path) -> None:
    text = ("Die Fachgruppe lädt 2020 zwei Projekte aus dem Programm der Kammern ein. Frau\n"
            "Dr. Möllenkamp fragt bis zum 28. Februar 2020 bei allen Projekten nach.\n"
            "Herr Stallbaum organisiert die Räume für die Sitzung im Mai und lädt ein.\n")
    blocks = _read(tmp_path, "p.txt", text).blocks
    assert [(b.kind, b.line, b.lines) for b in blocks] == [("paragraph", 1, (1, 2)), ("paragraph", 3, ())]
