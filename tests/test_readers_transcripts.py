"""Teams and Zoom transcripts (.vtt): the speakers are the participants, date and times from a NOTE or the file name,
read like an attendance report (no agenda expected); what was said is not read as minutes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.cli import main
from etl.core.errors import ProtocolError
from etl.extract.readers import ADVICE, SUFFIXES, read_document
from etl.extract.readers import transcript as transcript_reader
from etl.extract.safe_zip import MB
from etl.maintain.upload import PROTOCOL_FOLDER, check_upload
from tests.conftest import MASTER
from tests.fixtures.readers.hostile_office import cue_vtt
from tests.fixtures.readers.make_transcripts import TEAMS, TEAMS_WORD_NAME, ZOOM, teams_word

WARNING = "Transkript: Teilnehmende sind, wer gesprochen hat – wer nur zugehört hat, fehlt"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _parse(path: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    assert main(["parse", str(path), "--source", str(MASTER), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_teams_transcript_gives_its_speakers_as_present_with_note_date_and_times(tmp_path: Path) -> None:
    document = read_document(_write(tmp_path, "Besprechungstranskript.vtt", TEAMS), source="Besprechungstranskript.vtt")
    assert (document.kind, document.format, document.warnings) == ("attendance_report", "vtt", [WARNING])
    assert document.meta == {"tool": "teams", "title": "Fachgruppe Handwerk", "date": "2025-05-14", "start": "10:00",
                             "end": "11:00", "location": "Microsoft Teams (online)"}
    assert [(b.kind, b.text, b.line, b.header_rows) for b in document.blocks] == [
        ("heading", "Fachgruppe Handwerk", 1, 0),
        ("paragraph", "Datum: 14.05.2025", 1, 0),
        ("paragraph", "Beginn: 10:00 Uhr", 1, 0),
        ("paragraph", "Ende: 11:00 Uhr", 1, 0),
        ("paragraph", "Ort: Microsoft Teams (online)", 1, 0),
        ("heading", "Teilnehmende", 9, 0),
        ("table", "Name | Status\nBecker, Anna | anwesend\nJonas Weber | anwesend", 9, 1)]


def test_a_teams_transcript_is_parsed_as_an_online_meeting_of_its_speakers(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    parsed = _parse(_write(tmp_path, "Besprechungstranskript.vtt", TEAMS), capsys)
    assert {key: parsed[key] for key in ("group", "date", "start", "end", "location", "format", "agenda",
                                         "decisions", "warnings")} == {
        "group": "Fachgruppe Handwerk", "date": "2025-05-14", "start": "10:00", "end": "11:00",
        "location": "Microsoft Teams (online)", "format": "online", "agenda": [], "decisions": [],
        "warnings": [WARNING]}
    # Herr Krüger is only mentioned in what was said: not a participant, not excused
    assert [(p["name"], p["organisation"], p["status"], p["line"]) for p in parsed["participants"]] == [
        ("Anna Becker", None, "present", 9), ("Jonas Weber", None, "present", 13)]  # no organisation said:
    # the parse keeps what the file says; the build links a known person to the master data's organisation


def test_a_zoom_transcript_takes_names_before_the_colon_and_the_date_from_the_file_name(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "2025-05-14 AG Transfer.vtt", ZOOM)
    document = read_document(path, source=path.name)
    assert document.meta == {"tool": "zoom", "title": "AG Transfer", "date": "2025-05-14",
                             "location": "Zoom (online)"}
    parsed = _parse(path, capsys)
    assert (parsed["group"], parsed["date"], parsed["start"], parsed["decisions"]) == (
        "AG Transfer", "2025-05-14", None, [])
    assert [(p["name"], p["organisation"], p["status"], p["line"]) for p in parsed["participants"]] == [
        ("Anna Becker", None, "present", 5), ("Lena Schäfer", None, "present", 9)]


def test_a_transcript_without_speakers_is_refused_saying_what_to_use(tmp_path: Path) -> None:
    path = _write(tmp_path, "untertitel.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nGuten Morgen.\n")
    with pytest.raises(ProtocolError) as info:
        read_document(path, source=path.name)
    assert str(info.value) == ("untertitel.vtt: Transkript (.vtt) ohne Sprecherangaben – keine Teilnehmenden "
                               "erkennbar; bitte den Anwesenheitsbericht (CSV) aus Teams oder Zoom verwenden")


def test_subtitles_with_a_label_now_and_then_have_no_speakers(tmp_path: Path) -> None:
    path = _write(tmp_path, "untertitel.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHinweis: Aufzeichnung läuft\n\n"
                  "00:00:02.000 --> 00:00:04.000\nGuten Morgen.\n\n00:00:04.000 --> 00:00:06.000\nWir beginnen.\n")
    with pytest.raises(ProtocolError) as info:
        read_document(path, source=path.name)
    assert "ohne Sprecherangaben" in str(info.value)


def test_a_file_that_is_not_webvtt_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "notiz.vtt", "Anna Becker: Hallo\n")
    with pytest.raises(ProtocolError) as info:
        read_document(path, source=path.name)
    assert str(info.value) == ("notiz.vtt: keine WebVTT-Datei (.vtt): die erste Zeile ist nicht „WEBVTT“ – bitte das "
                               "Transkript aus Teams oder Zoom als .vtt herunterladen")
    assert check_upload("notiz.vtt", path.read_bytes(), 20 * MB).reason == (
        "Inhalt passt nicht zur Endung „.vtt“: die Datei beginnt nicht mit „WEBVTT“ (kein Transkript)")


def test_more_cues_than_a_meeting_has_are_refused_before_parsing(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import webvtt

    monkeypatch.setattr(webvtt, "from_string", lambda *a, **k: pytest.fail("parsed"))
    path = cue_vtt(tmp_path / "riesig.vtt", transcript_reader.MAX_CUES + 1)
    with pytest.raises(ProtocolError) as info:
        read_document(path, source=path.name)
    assert str(info.value) == ("riesig.vtt: Transkript (.vtt) hat 50001 Einträge (höchstens 50000) – kein Transkript "
                               "einer Sitzung")
    assert check_upload("riesig.vtt", path.read_bytes(), 20 * MB).reason == (
        "Transkript (.vtt) hat 50001 Einträge (höchstens 50000) – kein Transkript einer Sitzung")


def test_the_upload_takes_a_transcript_as_a_protocol() -> None:
    assert ".vtt" in SUFFIXES and ".vtt" not in ADVICE
    check = check_upload("Besprechungstranskript.vtt", TEAMS.encode(), 20 * MB)
    assert (check.accepted, check.reason, check.kind, check.target) == (
        True, "", "vtt", PROTOCOL_FOLDER / "Besprechungstranskript.vtt")


def test_a_teams_transcript_saved_as_word_is_read_as_its_speakers(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / TEAMS_WORD_NAME
    path.write_bytes(teams_word())
    document = read_document(path, source=path.name)
    assert (document.kind, document.format, document.warnings) == ("attendance_report", "docx", [WARNING])
    assert document.meta == {"tool": "teams", "title": "Fachgruppe Handwerk", "date": "2025-05-14", "start": "10:00",
                             "end": "10:59", "location": "Microsoft Teams (online)"}
    parsed = _parse(path, capsys)
    assert (parsed["group"], parsed["date"], parsed["start"], parsed["agenda"], parsed["warnings"]) == (
        "Fachgruppe Handwerk", "2025-05-14", "10:00", [], [WARNING])
    assert [(p["name"], p["organisation"], p["status"], p["line"]) for p in parsed["participants"]] == [
        ("Anna Becker", None, "present", 3), ("Jonas Weber", None, "present", 5)]


def test_a_word_protocol_with_times_after_words_stays_a_protocol(tmp_path: Path) -> None:
    import io

    import docx

    word = docx.Document()
    for text in ("Protokoll Fachgruppe Handwerk", "Beginn 10:00", "Ende 12:00", "Teilnehmende: Anna Becker (BAuA)"):
        word.add_paragraph(text)
    out = io.BytesIO()
    word.save(out)
    path = tmp_path / "protokoll.docx"
    path.write_bytes(out.getvalue())
    document = read_document(path, source=path.name)
    assert (document.kind, [b.text for b in document.blocks][:3]) == (
        "protocol", ["Protokoll Fachgruppe Handwerk", "Beginn 10:00", "Ende 12:00"])
