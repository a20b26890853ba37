"""The protocol's head: title, date, start/end, place and meeting format."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from etl.protocol.dates import find_dates, first_date, single_time, time_range
from etl.protocol.headings import label, section_heading, top_heading
from etl.protocol.markup import Line
from vocab.keys import clean, name_key

_GENERIC_TITLES = {"protokoll", "ergebnisprotokoll", "sitzungsprotokoll", "kurzprotokoll", "niederschrift",
                   "protokollnotiz", "entwurf", "vertraulich", "offensive-mittelstand", "om",
                   "protokoll-entwurf", "ergebnisniederschrift", "gespraechsnotiz", "notizen", "vermerk"}
_URL = re.compile(r"\(?\s*(?:Link\s*:?\s*)?(?:https?://|www\.)\S+\s*\)?", re.I)
_VIDEO = re.compile(r"zoom|teams|webex|video|online|virtuell|digital|skype|jitsi|gotomeeting|bigbluebutton"
                    r"|\bbbb\b|telefon|webinar|webkonferenz|remote", re.I)
# Words in a place that do not name a physical location ('Videokonferenz via Zoom', 'per MS Teams').
_FILLER = {"via", "per", "über", "ueber", "mit", "und", "sowie", "bzw", "oder", "ms", "microsoft", "meeting",
           "link", "konferenz", "call", "plattform", "sitzung", "im", "in", "der", "die", "das", "als",
           "format", "den", "ein", "eine", "web", "tool", "zugang", "einwahl", "daten", "siehe", "einladung",
           "an", "zur", "zum", "auf", "cisco", "google", "meet", "raum", "virtueller", "virtuellen", "kanal",
           "termin", "durchgeführt", "durchgefuehrt", "statt", "findet", "fand", "wird", "wurde", "dial",
           "app", "browser", "client", "id", "kenncode", "passwort", "meeting-id", "konferenzraum"}


@dataclass
class Header:
    title: str | None = None
    title_line: int | None = None
    date: date | None = None
    date_line: int | None = None
    start: str | None = None
    end: str | None = None
    location: str | None = None
    format: str | None = None
    group_label: str | None = None
    roles: dict[str, str] = field(default_factory=dict)  # 'Protokoll'/'Moderation' -> who, from the head
    labelled: set[int] = field(default_factory=set)  # indices of header label lines (not body text)
    warnings: list[str] = field(default_factory=list)


def _labels(lines: list[Line], limit: int, skip: set[int]) -> dict[str, tuple[str, int]]:
    """First value of each header label in the opening lines; an empty 'Ort:' takes the next line."""
    found: dict[str, tuple[str, int]] = {}
    for i, line in enumerate(lines[:limit]):
        if i in skip:
            continue
        hit = label(line)
        if not hit:
            continue
        kind, value = hit
        if not value:
            j = i + 1
            while j < len(lines) and lines[j].blank:
                j += 1
            follower = lines[j] if j < len(lines) else None
            if follower and not (label(follower) or section_heading(follower) or follower.level):
                value = follower.body
        found.setdefault(kind, (value, i))
    return found


def _is_generic(text: str) -> bool:
    key = name_key(text)
    return not key or key in _GENERIC_TITLES or bool(re.fullmatch(r"[\d-]+", key))


def _title(lines: list[Line], limit: int, skip: set[int]) -> tuple[str | None, int | None]:
    candidates: list[int] = []
    for i, line in enumerate(lines[:limit]):
        if line.blank or line.rule or i in skip or line.cells is not None:
            continue
        if label(line) or section_heading(line) or top_heading(line):
            continue
        candidates.append(i)
        if len(candidates) >= 6:
            break
    dated_only = [i for i in candidates if _only_date(lines[i].body)]
    if len(candidates) >= 2:
        first, second = (name_key(lines[i].body) for i in candidates[:2])
        if second and first.startswith(second + "-") and not _is_generic(lines[candidates[1]].body):
            candidates = candidates[1:]  # 'Titel – 18.06.2024' is page 1's running header over 'Titel'
    for i in candidates:
        if not _is_generic(lines[i].body) and i not in dated_only and len(lines[i].body) <= 200:
            return lines[i].body.rstrip(":").strip(), i
    if candidates:
        return lines[candidates[0]].body.rstrip(":").strip(), candidates[0]
    return None, None


def _only_date(text: str) -> bool:
    rest = text
    for _, start, end in reversed(find_dates(text)):
        rest = rest[:start] + rest[end:]
    return bool(find_dates(text)) and not re.search(r"[A-Za-zÄÖÜäöüß]{4,}", re.sub(
        r"(?i)montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|uhr|bis|von|am|den|vom", "", rest))


def classify_format(location: str | None, format_label: str | None) -> str | None:
    """online, hybrid, in_person or None, from an explicit 'Format:' or else from the place."""
    if format_label:
        value = format_label.lower()
        if "hybrid" in value:
            return "hybrid"
        if _VIDEO.search(value) and re.search(r"präsenz|vor\s+ort", value):
            return "hybrid"
        if _VIDEO.search(value):
            return "online"
        if re.search(r"präsenz|vor\s+ort|persönlich", value):
            return "in_person"
    if not location:
        return None
    value = location.lower()
    if "hybrid" in value:
        return "hybrid"
    if not _VIDEO.search(value):
        return "in_person"
    words = [w for w in re.split(r"[^a-zäöüß0-9]+", _URL.sub(" ", value)) if w]
    physical = [w for w in words if not _VIDEO.search(w) and w not in _FILLER and len(w) >= 3]
    return "hybrid" if physical or re.search(r"präsenz|vor\s+ort", value) else "online"


def parse_header(lines: list[Line], header_end: int, skip: set[int], source: str) -> Header:
    """Read the head; `header_end` is where the first list or section starts, `skip` holds noise lines."""
    header = Header()
    limit = max(header_end, min(len(lines), 60))
    found = _labels(lines, limit, skip)
    header.labelled = {i for _, i in found.values()}
    header.title, title_index = _title(lines, max(header_end, 1), skip | header.labelled)
    header.title_line = lines[title_index].no if title_index is not None else None
    if "group" in found:
        header.group_label = clean(found["group"][0])
    for kind, role in (("writer", "Protokoll"), ("chair", "Moderation")):
        if kind in found and found[kind][0]:
            header.roles[role] = found[kind][0]

    date_sources: list[tuple[str, int]] = [found[k] for k in ("date", "datetime") if k in found]
    if header.title and title_index is not None:
        date_sources.append((header.title, title_index))
    date_sources += [(lines[i].text, i) for i in range(min(header_end, len(lines)))
                     if i not in skip and not lines[i].blank]
    for text, i in date_sources:
        if value := first_date(text):
            header.date, header.date_line = value, lines[i].no
            if "date" in found and i != found["date"][1] and not first_date(found["date"][0]):
                header.warnings.append(f"Zeile {lines[found['date'][1]].no}: Datum „{found['date'][0]}“ "
                                       "nicht lesbar")
            break
    else:
        if value := first_date(source.replace("_", " ").replace("/", " ")):
            header.date = value
            header.warnings.append("Datum nur aus dem Dateinamen übernommen")

    for kind in ("time", "datetime", "date"):
        if kind in found:
            start, end = time_range(found[kind][0])
            if start:
                header.start, header.end = start, end
                break
    if "start" in found:
        header.start = single_time(found["start"][0]) or header.start
    if "end" in found:
        header.end = single_time(found["end"][0]) or header.end
    if header.start is None and header.date_line is not None:
        header.start, header.end = time_range(lines[header.date_line - 1].text)
    if header.start is None:
        for i in range(min(header_end, len(lines))):
            if i not in skip and "uhr" in lines[i].text.lower():
                header.start, header.end = time_range(lines[i].text)
                if header.start:
                    break
    if header.start and header.end and header.end <= header.start:
        header.warnings.append(f"Ende {header.end} liegt nicht nach Beginn {header.start}")

    place = found.get("location") or found.get("location_format")
    if place:
        header.location = clean(_URL.sub(" ", place[0]).strip(" ,;.")) or None
    fmt = found.get("format") or found.get("location_format")
    header.format = classify_format(header.location, fmt[0] if fmt else None)
    return header
