"""Property tests: whatever comes in, the parser returns a well-formed dict or raises ProtocolError."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.core.errors import ProtocolError
from etl.core.registry import Registry
from etl.extract.readers.plain import read_text_file
from etl.parse import parse_document
from etl.parse.file import parse_file


def parse_protocol(lines: list[str], source: str, **kwargs: Any) -> dict[str, Any]:
    """Lines as a Markdown file, read by the real reader and parsed."""
    return dict(parse_document(read_text_file("\n".join(lines).encode(), source, "md"), **kwargs))

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "protokolle"
# 200 examples keep the suite fast; PROTOKOLL_FUZZ_EXAMPLES=5000 hunts deeper.
SETTINGS = settings(max_examples=int(os.environ.get("PROTOKOLL_FUZZ_EXAMPLES", "200")), deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

KEYS = {"source", "title", "group", "group_known", "date", "start", "end", "location", "format",
        "participants", "agenda", "agenda_lines", "decisions", "action_items", "mentions", "mention_lines",
        "reports", "unresolved", "org_suggestions", "warnings", "confidence"}
STATUSES = {"present", "excused", "absent", "guest"}

# Pieces of real protocol lines, so that random combinations reach deep into the parser.
FRAGMENTS = [
    "Datum: 08.06.2021", "Dienstag, 08. Juni 2021", "15.09.2021, 13:00 bis 15:30 Uhr", "Uhrzeit: 12:30-14:00",
    "Ort: Videokonferenz via Zoom", "Ort: Raum 2 und Teams", "## Teilnehmende", "Teilnehmer\\*innen:",
    "Entschuldigt:", "Es fehlen:", "Gäste:", "Dr. Gabriele Walter\tBauA",
    "Anna Schmidt (HWK), Max Müller (itb)",
    "- Lena Brandt – PSG (online)", "| Name | Organisation |", "|---|---|", "| Eva Braun | ZVB |", "PSG:",
    "### Agenda", "Tagesordnung:", "1. Begrüßung", "2. Bericht", "TOP 3: Verschiedenes", "Aufgaben",
    "| Aufgabe | Verantwortlich | Termin |", "| Protokoll | Frau Schmidt | 15.06. |", "Beschluss: ja",
    "Anna Schmidt verschickt bis zum 01.10.2021 das Protokoll.",
    "Eine Abfrage wird von Max Müller verschickt.",
    "Herr Müller prüft bis Ende Juni 2023 den Antrag.", "Die Fachgruppe Handwerk berichtet.",
    "Projekt „Fachkräftezentren Handwerk“", "N.N. (IHK)", "", "   ", "**Datum:**", "* ", "- ", "1.", "(", ")",
    "„", "“", "–", ":", "\t", "|", "Herr", "Frau Blumenthal", "bis KW 53", "bis 31.02.", "99:99 Uhr",
]

line_strategy = st.one_of(
    st.text(max_size=80),
    st.sampled_from(FRAGMENTS),
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=4).map(" ".join),
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=3).map("\t".join),
)


def _registries() -> dict[str, Registry]:
    organisations = Registry("organisation")
    organisations.add("Bundesanstalt für Arbeitsschutz und Arbeitsmedizin", "BAuA")
    organisations.add("Projektgesellschaft Handwerk", "PSG")
    groups = Registry("group")
    groups.add("Fachgruppe Handwerk")
    projects = Registry("project")
    projects.add("Fachkräftezentren Handwerk")
    return {"organisations": organisations, "groups": groups, "projects": projects}


def _check_shape(parsed: dict[str, Any]) -> None:
    assert set(parsed) == KEYS
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", parsed["date"])
    for key in ("start", "end"):
        assert parsed[key] is None or re.fullmatch(r"\d{2}:\d{2}", parsed[key])
    assert parsed["format"] in (None, "online", "hybrid", "in_person")
    for person in parsed["participants"]:
        assert person["status"] in STATUSES
        assert isinstance(person["name"], str) and person["name"]
        assert isinstance(person["line"], int) and person["line"] >= 1
    assert all(isinstance(item, str) for item in parsed["agenda"])
    assert len(parsed["agenda_lines"]) == len(parsed["agenda"])
    for task in parsed["action_items"]:
        assert isinstance(task["text"], str) and isinstance(task["line"], int)
        assert task["due"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", task["due"])
    assert set(parsed["mentions"]) == {"organisations", "projects", "people"}
    assert all(isinstance(w, str) for w in parsed["warnings"])
    assert 0.0 <= parsed["confidence"] <= 1.0
    for task in parsed["action_items"]:
        assert task["owner"] == (task["owners"][0] if task["owners"] else None)
    for entry in parsed["unresolved"]:
        assert isinstance(entry["line"], int) and entry["reason"]


def _expect_dict_or_protocol_error(call: Any) -> None:
    try:
        parsed = call()
    except ProtocolError as exc:
        assert not exc.internal, f"Parserfehler statt Ablehnung: {exc}"
        assert exc.message
        return
    _check_shape(parsed)


@SETTINGS
@given(lines=st.lists(line_strategy, max_size=40), with_registries=st.booleans())
def test_arbitrary_lines(lines: list[str], with_registries: bool) -> None:
    registries = _registries() if with_registries else {}
    _expect_dict_or_protocol_error(lambda: parse_protocol(lines, "fuzz.md", folder_hint="fuzz", **registries))


@SETTINGS
@given(lines=st.lists(line_strategy, max_size=40))
def test_arbitrary_lines_after_a_valid_head(lines: list[str]) -> None:
    head = ["# Austausch Fachgruppe Handwerk", "Datum: 08.06.2021", "Teilnehmende:"]
    _expect_dict_or_protocol_error(lambda: parse_protocol(head + lines, "fuzz.md", **_registries()))


def _mutations() -> st.SearchStrategy[bytes]:
    suffixes = (".docx", ".pdf", ".md", ".txt", ".odt", ".eml")
    samples = [p.read_bytes() for p in sorted(FIXTURES.rglob("*")) if p.suffix in suffixes]

    @st.composite
    def mutate(draw: st.DrawFn) -> bytes:
        data = bytearray(draw(st.sampled_from(samples)))
        for _ in range(draw(st.integers(0, 8))):
            if not data:
                break
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(data[: draw(st.integers(0, len(data)))]) if draw(st.booleans()) else bytes(data)

    return mutate()


@pytest.mark.parametrize("suffix", [".md", ".txt", ".docx", ".pdf", ".odt", ".eml"])
@SETTINGS
@given(data=st.one_of(st.binary(max_size=2000), _mutations()))
def test_arbitrary_bytes_as_file(tmp_path: Path, suffix: str, data: bytes) -> None:
    path = tmp_path / f"protokoll{suffix}"
    path.write_bytes(data)
    _expect_dict_or_protocol_error(lambda: parse_file(path, **_registries()))
