"""Meeting transcripts (.vtt: Microsoft Teams, Zoom, any WebVTT) -> an attendance report of the speakers.

Teams and Zoom write the transcript of a recorded meeting as WebVTT: Teams with voice tags
(`<v Becker, Anna>Guten Morgen.</v>`), Zoom with the name before the text (`Anna Becker: Guten Morgen`).
Who spoke was there, so the speakers are the participants ("anwesend"), each on the line of their
first cue; who only listened is not in a transcript, which the document's warning says. What was said
is not the minutes (a sentence with "Beschluss" in a discussion is no decision) and is not read.

The date comes from a NOTE block ("NOTE Datum: 14.05.2025", "Aufgezeichnet am …") or else from the file
name ("2025-05-14 Fachgruppe Handwerk.vtt"); the start time only from a NOTE (cue times count from the
recording's start, not the clock), the end then from the last cue. The title from a NOTE ("Besprechung:",
"Titel:", "Meeting:") or the file name. `kind` is "attendance_report", as for the tools' own reports:
no agenda is expected. Parsed with webvtt-py; the number of cues is bounded before it parses.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePath

from etl.core.errors import ProtocolError
from etl.extract.document import Document
from etl.extract.readers.inline import clean
from etl.extract.readers.labels import is_field_line
from etl.extract.readers.layout import SourceLine
from etl.extract.readers.plain import structure

# A three-hour meeting has about 3,000 cues.
MAX_CUES = 50_000
WARNING = "Transkript: Teilnehmende sind, wer gesprochen hat – wer nur zugehört hat, fehlt"
_TIMING = re.compile(r"^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{3})\s*-->")
_SPEAKER = re.compile(r"^([A-ZÄÖÜ][\w.'’-]*(?:,? [A-ZÄÖÜa-zäöü][\w.'’-]*){0,4}(?: \([^()]{1,30}\))?):\s+\S")
# Teams marks the account after the name; it is no organisation ("(Gast)" is kept: it may mean a guest).
_ACCOUNT = re.compile(r"\s*\((?:extern|external|nicht überprüft|unverified)\)\s*$", re.IGNORECASE)
_TEAMS_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f-]{27}/\d+-\d+$", re.IGNORECASE)
_DATE = re.compile(r"(?<!\d)(?:(\d{4})-(\d{2})-(\d{2})|(\d{1,2})\.(\d{1,2})\.(\d{4}))(?!\d)")
_TIME = re.compile(r"(?<![\d.])(\d{1,2}):(\d{2})(?::\d{2})?(?!\d)")
_MONTHS = ["jan", "feb", "mär", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez"]
_LONG_DATE = re.compile(r"(?<!\d)(\d{1,2})\.\s*(januar|februar|märz|april|mai|juni|juli|august|september|oktober"
                        r"|november|dezember)\s+(\d{4})", re.IGNORECASE)
_COMPACT = re.compile(r"(?<!\d)(20\d{2})(\d{2})(\d{2})(?:_\d{6})?(?!\d)")
_TRANSCRIPT_WORD = re.compile(r"\b(?:besprechungs|meeting\s*)?trans(?:k|c)ript\b", re.IGNORECASE)
_TITLE = re.compile(r"^(?:besprechung|titel|title|meeting|thema|topic|sitzung)\s*:\s*(.+)$", re.IGNORECASE)
# A cue of a Teams transcript saved as Word: the speaker, then the time into the recording.
_WORD_CUE = re.compile(r"^([^\d\s:][^\d:]{1,80}?)\s+((?:\d{1,2}:)?\d{1,2}:\d{2})$")
_PLACES = {"teams": "Microsoft Teams (online)", "zoom": "Zoom (online)"}


def read_vtt(data: bytes, source: str) -> Document:
    """A .vtt file's bytes -> Document (kind "attendance_report"); ProtocolError (German) otherwise."""
    text = _decode(data)
    if not text.lstrip("\ufeff \t\r\n").startswith("WEBVTT"):
        raise ProtocolError("keine WebVTT-Datei (.vtt): die erste Zeile ist nicht „WEBVTT“ – bitte das Transkript "
                            "aus Teams oder Zoom als .vtt herunterladen", source)
    if (cues := text.count("-->")) > MAX_CUES:
        raise ProtocolError(f"Transkript (.vtt) hat {cues} Einträge (höchstens {MAX_CUES}) – kein Transkript einer "
                            "Sitzung", source)
    import webvtt

    try:
        vtt = webvtt.from_string(text.lstrip("\ufeff"))
    except Exception as exc:  # noqa: BLE001 - webvtt-py raises its own and parser errors
        raise ProtocolError(f"Transkript (.vtt) nicht lesbar: {type(exc).__name__}: {exc}", source) from None
    lines = text.splitlines()
    timings = [(number, _seconds(match.group(1))) for number, line in enumerate(lines, start=1)
               if (match := _TIMING.match(line))]
    speakers: dict[str, tuple[str, int]] = {}
    tool = ""
    position = 0
    # "Name: text" names the speaker only in a file that labels its cues so (Zoom: every cue); in subtitles,
    # a cue "Hinweis: …" is no speaker
    labelled = [_speaker(caption.text) for caption in vtt.captions]
    by_label = sum(1 for name in labelled if name) * 2 >= len(labelled)
    for caption, label in zip(vtt.captions, labelled, strict=True):
        line, position = _line_of(_seconds(caption.start), timings, position)
        if caption.voice:
            name = caption.voice
            tool = tool or "teams"
        elif label and by_label:
            name = label
            tool = tool or "zoom"
        else:
            continue
        shown = _ACCOUNT.sub("", clean(name)).strip()
        if shown and " ".join(shown.lower().split()) not in speakers:
            speakers[" ".join(shown.lower().split())] = (shown, line + 1)
        if caption.identifier and _TEAMS_ID.match(caption.identifier.strip()):
            tool = "teams"
    if not speakers:
        raise ProtocolError("Transkript (.vtt) ohne Sprecherangaben – keine Teilnehmenden erkennbar; bitte den "
                            "Anwesenheitsbericht (CSV) aus Teams oder Zoom verwenden", source)
    notes = [clean(line) for comment in vtt.header_comments for line in comment.splitlines() if clean(line)]
    title = next((match.group(1).strip() for note in notes if (match := _TITLE.match(note))), "")
    date = _date(notes)
    start = _start(notes) if date is not None else None
    return _document(source, "vtt", tool or "webvtt", list(speakers.values()), title, date, start, _end(vtt))


def from_word(document: Document) -> Document | None:
    """The attendance report of a transcript that Teams saved as Word (.docx), or None for any other document.

    Such a file is named and titled as a transcript ("…-Besprechungstranskript.docx", "Transcript") and
    holds, for every cue, a paragraph "Anna Becker   0:03" (name and time into the recording) followed
    by what was said. Both must hold, so a protocol with a line "Beginn 10:00" is never taken for one.
    """
    blocks = [block for block in document.blocks if block.kind in ("paragraph", "heading")]
    named = _TRANSCRIPT_WORD.search(PurePath(document.source).stem) or any(
        _TRANSCRIPT_WORD.search(block.text) for block in blocks[:3])
    heads = [(block, match) for block in blocks if (match := _WORD_CUE.match(block.text.strip()))]
    if not named or len(heads) < 2:
        return None
    speakers: dict[str, tuple[str, int]] = {}
    for block, match in heads:
        shown = _ACCOUNT.sub("", clean(match.group(1))).strip()
        if shown and " ".join(shown.lower().split()) not in speakers:
            speakers[" ".join(shown.lower().split())] = (shown, block.line)
    first = [block.text for block in blocks[:4] if not _WORD_CUE.match(block.text.strip())]
    dated = [text for text in first if _date([text]) is not None]
    titles = [_title_of(text) for text in first if text not in dated]
    title = next((text for text in titles if text != "Transkript"), "")
    date = _date(dated)
    start = _start(dated) if date is not None else None
    return _document(document.source, document.format, "teams", list(speakers.values()), title, date, start,
                     _seconds(heads[-1][1].group(2)))


def _speaker(text: str) -> str:
    """The speaker of a cue written "Anna Becker: …" (two words at least, not a field label like "Hinweis:")."""
    match = _SPEAKER.match(text.strip())
    if match is None or is_field_line(text) or (len(match.group(1).split()) < 2 and "," not in match.group(1)):
        return ""
    return match.group(1)


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def _seconds(stamp: str) -> float:
    parts = stamp.replace(",", ".").split(":")
    return sum(float(part) * 60 ** index for index, part in enumerate(reversed(parts)))


def _line_of(start: float, timings: list[tuple[int, float]], position: int) -> tuple[int, int]:
    """The file line of the cue starting at `start` (its timing line), searching on from the last cue's."""
    for index in range(position, len(timings)):
        if abs(timings[index][1] - start) < 0.0005:
            return timings[index][0], index + 1
    return (timings[position][0] if position < len(timings) else 1), position


def _end(vtt: object) -> float:
    captions = getattr(vtt, "captions", [])
    return max((_seconds(c.end) for c in captions), default=0.0)


def _document(source: str, fmt: str, tool: str, speakers: list[tuple[str, int]], title: str, date: dt.date | None,
              start: dt.time | None, length: float) -> Document:
    """The attendance report of a transcript; title and date fall back to the file name, the end is the start
    plus the length of the recording (without a start there is no clock time to add it to)."""
    document = Document(source=source, format=fmt, kind="attendance_report")
    document.meta["tool"] = tool
    stem = PurePath(source).stem
    if date is None:
        date, start = _date([stem]), None
    title = title or _title_of(stem)
    document.meta["title"] = title
    lines = [SourceLine(title, 1, kind="heading", level=1), SourceLine("", 1, kind="blank")]
    if date is not None:
        document.meta["date"] = date.isoformat()
        lines += [SourceLine(f"Datum: {date:%d.%m.%Y}", 1, field=True), SourceLine("", 1, kind="blank")]
        if start is not None:
            begin = dt.datetime.combine(date, start)
            end = begin + dt.timedelta(seconds=round(length))
            document.meta["start"], document.meta["end"] = f"{begin:%H:%M}", f"{end:%H:%M}"
            lines += [SourceLine(f"Beginn: {begin:%H:%M} Uhr", 1, field=True), SourceLine("", 1, kind="blank"),
                      SourceLine(f"Ende: {end:%H:%M} Uhr", 1, field=True), SourceLine("", 1, kind="blank")]
    if place := _PLACES.get(tool):
        document.meta["location"] = place
        lines += [SourceLine(f"Ort: {place}", 1, field=True), SourceLine("", 1, kind="blank")]
    first = speakers[0][1]
    lines += [SourceLine("Teilnehmende", first, kind="heading", level=2), SourceLine("", first, kind="blank"),
              SourceLine("Name\tStatus", first, kind="row", cells=("Name", "Status"), header=True)]
    lines += [SourceLine(f"{name}\tanwesend", line, kind="row", cells=(name, "anwesend")) for name, line in speakers]
    document.blocks = structure(lines)
    document.warnings.append(WARNING)
    return document


def _title_of(stem: str) -> str:
    """A title from a file name: without dates, Teams' recording stamp and the word for transcript."""
    title = _TRANSCRIPT_WORD.sub(" ", _COMPACT.sub(" ", _DATE.sub(" ", stem.replace("_", " "))))
    return clean(title).strip(" -–") or "Transkript"


def _date(texts: list[str]) -> dt.date | None:
    for text in texts:
        if match := _LONG_DATE.search(text):
            return dt.date(int(match.group(3)), _MONTHS.index(match.group(2).lower()[:3]) + 1, int(match.group(1)))
        if match := _COMPACT.search(text):
            try:
                return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                pass
        for match in _DATE.finditer(text):
            year, month, day = (match.group(1), match.group(2), match.group(3)) if match.group(1) else \
                (match.group(6), match.group(5), match.group(4))
            try:
                return dt.date(int(year), int(month), int(day))
            except ValueError:
                continue
    return None


def _start(notes: list[str]) -> dt.time | None:
    for note in notes:
        for match in _TIME.finditer(note):
            hour, minute = int(match.group(1)), int(match.group(2))
            if hour < 24 and minute < 60:
                return dt.time(hour, minute)
    return None
