"""The protocol's head: title, date, start/end, place and meeting format.

Read from labels ("Datum:", "Ort:"), key/value tables, YAML front matter, the title line
("… am 9. September 2025") and the lines under it ("(Videokonferenz über Webex, 10 bis 12 Uhr)").
A later "Nächste Sitzung", "Stand:" or "Version … vom" date, or a due date ("bis 15.10.2025"), is never the
meeting date. When the head names no date, weaker evidence follows in this order, each with a warning: a
day without year in the head ("am 16. Dezember") with the year from the file name or head, the file name
("…_20250916.pdf", "…_16122025.csv"), the date most rows of a list share (join times), an e-mail's sent date.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from email.utils import parsedate_to_datetime

from rapidfuzz import fuzz, process

from etl.core.prefilter import guarded
from etl.extract.cells import GERMAN_MONTHS
from etl.extract.document import Block
from etl.extract.readers.attendance import parse_timestamp
from etl.parse import roles
from etl.parse.actions import sentences
from etl.parse.dates import find_dates, plausible, single_time, time_range
from etl.parse.structure import HEAD, Section
from etl.parse.text import TextLine, logical_lines
from vocab.keys import clean, name_key
from vocab.terms import MEETING_TOOLS, MeetingFormat
from vocab.titles import SALUTATION_PATTERN

_GENERIC_TITLES = {"protokoll", "ergebnisprotokoll", "sitzungsprotokoll", "kurzprotokoll", "niederschrift",
                   "protokollnotiz", "entwurf", "vertraulich", "offensive-mittelstand", "om", "beschlussprotokoll",
                   "protokoll-entwurf", "ergebnisniederschrift", "gespraechsnotiz", "notizen", "vermerk",
                   "besprechungsprotokoll", "gespraechsprotokoll", "aktennotiz", "intern", "entwurf-protokoll"}
_URL = re.compile(r"\(?\s*(?:Link\s*:?\s*)?(?:https?://|www\.)\S+\s*\)?", re.I)
_URL = guarded(_URL)  # run only where a word it needs occurs (etl/core/prefilter.py)
_VIDEO = re.compile(rf"zoom|teams|webex|video|online|virtuell|\bdigital\b|skype|jitsi|gotomeeting|bigbluebutton"
                    rf"|google\s+meet|\bbbb\b|telefon|webinar|webkonferenz|remote|{MEETING_TOOLS}", re.I)
# 'Handwerkshaus', 'Innungshaus', 'Schulungszentrum Waldau': a building that hosts meetings
_BUILDING = r"\w+(?<!zu)(?<!daheim)haus|(?:schulungs|bildungs|berufsbildungs|tagungs|konferenz|seminar)zentrum"
_PLACE = re.compile(rf"\b(?:{_BUILDING}|raum|saal|geschäftsstelle|sitzungssaal|konferenzraum|haus|gebäude"
                    r"|straße|str\.|platz|handwerkskammer|kammer|rathaus|hotel|zentrum|büro|räume[n]?|vor\s+ort|präsenz"
                    r"|in\s+den\s+räumen|(?:seminar|besprechungs|tagungs|sitzungs|schulungs|gruppen|veranstaltungs"
                    r"|vortrags|multifunktions)(?:raum|saal|zimmer)|werkhalle|aula|foyer|landratsamt)\b", re.I)
# Words in a place that do not name a physical location ('Videokonferenz via Zoom', 'per MS Teams').
_FILLER = {"via", "per", "über", "ueber", "mit", "und", "sowie", "bzw", "oder", "ms", "microsoft", "meeting",
           "link", "konferenz", "call", "plattform", "sitzung", "im", "in", "der", "die", "das", "als",
           "format", "den", "ein", "eine", "web", "tool", "zugang", "einwahl", "daten", "siehe", "einladung",
           "an", "zur", "zum", "auf", "cisco", "google", "meet", "raum", "virtueller", "virtuellen", "kanal",
           "termin", "durchgeführt", "durchgefuehrt", "statt", "findet", "fand", "wird", "wurde", "dial",
           "app", "browser", "client", "id", "kenncode", "passwort", "meeting-id", "konferenzraum",
           "videokonferenz", "onlinesitzung", "online-sitzung", "videocall", "form", "durchführung",
           # the words of a sentence or label around the mode ('Die Besprechung fand per Telefon statt.')
           "sitzungsart", "art", "besprechung", "treffen", "sitzungsform", "modus", "stattgefunden",
           "abgehalten", "teilnahme", "möglich", "alle", "gäste", "teilnehmende", "dies", "diesmal", "heute",
           "ausschließlich", "komplett", "rein", "nur", "wieder", "erneut", "wie", "gewohnt", "üblich", "angesetzt",
           # a dial-in's numbers and a tool's product name ('Einwahl 0800 …, PIN 1234', 'Skype for Business')
           "pin", "code", "zugangscode", "konferenzkennung", "kennung", "nummer", "einwahlnummer", "tel", "telefon",
           "for", "business", "meetings", "workplace", "beitreten", "teilnehmen", "hier", "klicken",
           "outlook", "homeoffice", "home-office", "schalte", "videoschalte", "telefonschalte"}
_FILLER_LONG = sorted(w for w in _FILLER | {"zoom", "teams", "webex", "skype", "jitsi"} if len(w) >= 5)
# A date after these words dates the document or another meeting, not this one.
_NOT_MEETING = re.compile(r"\b(?:stand|version|fassung|erstellt|gedruckt|druckdatum|geändert|aktualisiert|"
                          r"nächste[snr]?|folgetermin|versand|verschickt|gesendet|freigegeben|genehmigt|"
                          r"eingereicht|frist|bis\s+(?:zum|spätestens))\b", re.I)


_GROUP_WORDS = re.compile(r"(?i)fachgruppe|arbeitsgruppe|arbeitskreis|netzwerk|\bAG\b|\bFG\b|kreis\b|team\b")
_MONTH_NAMES = "|".join(sorted((re.escape(m) for m in GERMAN_MONTHS), key=len, reverse=True))
_GREETING = re.compile(r"^(?:liebe[rs]?|hallo|sehr\s+geehrte[rs]?|guten\s+(?:tag|morgen)|moin|hi)\b", re.I)
_VERSION = re.compile(r"(?i)\b(?:version|fassung)\s+\d+(?:\.\d+)*\s+vom\b|\bstand\s*:")


@dataclass
class Header:
    title: str | None = None
    title_line: int | None = None
    date: date | None = None
    date_line: int | None = None
    start: str | None = None
    end: str | None = None
    location: str | None = None
    format: MeetingFormat | None = None
    group_label: str | None = None
    writers: list[TextLine] = field(default_factory=list)  # 'Protokoll: Name' values
    chairs: list[TextLine] = field(default_factory=list)  # 'Moderation: Name' values
    head: list[TextLine] = field(default_factory=list)  # the short opening lines the head facts were read from
    repeated: list[str] = field(default_factory=list)  # a list's cells that name the meeting in every row
    warnings: list[str] = field(default_factory=list)


def _value(section: Section) -> str:
    """A label section's value: its inline text, else the first paragraph under it ('Ort:' + next line)."""
    if section.inline:
        return " ".join(line.text for line in section.inline)
    for block in section.blocks[:1]:
        if block.kind in ("paragraph", "list_item"):
            return " ".join(line.text for line in logical_lines(block))
    return ""


def _head_lines(sections: list[Section]) -> list[TextLine]:
    """Short lines of the opening blocks: before the first section with a role other than a head field,
    including those under a title heading, until running text starts."""
    lines: list[TextLine] = []
    titled = False
    subtitle = False  # the heading right under the title ('Protokoll des Netzwerktreffens vom 24.6.2025')
    for section in sections:
        if section.opener == "label" and section.role in roles.PARTICIPANT_ROLES and not section.inline \
                and (count := list_head(sections, sections.index(section))):
            # 'Anwesenheitsliste' as a line of its own over 'Klausur … am 23. Januar 2025, 13:00 Uhr, Ort' and the
            # table: the dated lines before the table are the head
            lines += [line for block in _list_blocks(sections, section)[:count] for line in logical_lines(block)]
            break
        if section.opener in ("label", "row"):
            continue
        if section.role != HEAD:
            if section.opener == "heading" and section.role is None and roles.top_heading(section.title) is None \
                    and (not titled or subtitle) and len(section.title) <= 120:
                subtitle = not titled and not section.blocks
                titled = True
                lines.append(TextLine(section.title, section.line, section.page))
            elif section.opener == "heading" and section.role in roles.PARTICIPANT_ROLES:
                # 'Teilnehmerliste' over 'Workshop … der Fachgruppe Handwerk', 'Montag, 13.10.2025, 9:30 – 16:00
                # Uhr' and a place line, then the table: the short lines before the table are the head (also
                # under a title line: 'INQA-Projekt …' over 'Teilnehmerliste')
                count = list_head(sections, sections.index(section))
                lines += [line for block in _list_blocks(sections, section)[:count] for line in logical_lines(block)]
                break
            elif section.opener != "continued" or section.parent_role is not None:
                break
        for block in section.blocks:
            if block.kind == "table":
                continue
            if block.kind != "heading" and len(block.text) > 160:
                return lines
            found = logical_lines(block)
            if block.kind == "list_item" and block.marker[:1].isdigit() and found:
                # '22. März 2022' read as item 22: the marker belongs to the text here
                found[0] = TextLine(f"{block.marker} {found[0].text}", found[0].line, found[0].page)
            lines += found
            if len(lines) >= 12:
                return lines
    return lines


def _list_blocks(sections: list[Section], section: Section) -> list[Block]:
    """The blocks of an attendance list's section with those of the section that continues it."""
    return section.blocks + _continued(sections, sections.index(section))


def _continued(sections: list[Section], index: int) -> list[Block]:
    """The blocks of the section that continues `sections[index]`, also past head labels between them
    ('Anwesenheitsliste', 'Sitzung am 11.03.2025, 14–16 Uhr', 'Ort: Raum E.04', then the table)."""
    for other in sections[index + 1:index + 4]:
        if other.opener == "continued":
            return list(other.blocks)
        if other.opener != "label" or other.role not in roles.HEADER_ROLES:
            break
    return []


def list_head(sections: list[Section], index: int) -> int:
    """How many short paragraphs open an attendance list's section (`sections[index]`, with the section that
    continues it) before its table and name its meeting ('Workshop … der Fachgruppe Handwerk', 'Montag,
    13.10.2025, 9:30 – 16:00 Uhr', a place): 0 unless one is dated."""
    blocks = list(sections[index].blocks) + _continued(sections, index)
    count = 0
    for block in blocks[:4]:
        if block.kind != "paragraph" or len(block.text) > 160:
            break
        count += 1
    if count == len(blocks) or blocks[count].kind != "table" or not any(
            meeting_dates(block.text) for block in blocks[:count]):
        return 0  # else they may be people
    return count


def _is_generic(text: str) -> bool:
    key = name_key(text)
    return not key or key in _GENERIC_TITLES or bool(re.fullmatch(r"[\d-]+", key))


def _only_date(text: str) -> bool:
    rest = text
    for _, start, end in reversed(find_dates(text)):
        rest = rest[:start] + rest[end:]
    return bool(find_dates(text)) and not re.search(r"[A-Za-zÄÖÜäöüß]{4,}", re.sub(
        r"(?i)montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|uhr|bis|von|am|den|vom", "",
        rest))


def _title(sections: list[Section], meta: dict[str, str]) -> tuple[str | None, int | None]:
    for key in ("title", "titel"):
        if meta.get(key):
            return clean(meta[key]), None
    candidates: list[TextLine] = []
    for section in sections:
        if section.role == HEAD:
            for block in section.blocks:
                if block.kind == "heading":
                    candidates.append(TextLine(block.text.replace("\n", " ").strip(), block.line, block.page))
                elif block.kind == "paragraph" and not block.text.lstrip().startswith("("):
                    candidates.append(TextLine(block.joined.strip(), block.line, block.page))
        elif section.opener == "heading" and section.role is None and roles.top_heading(section.title) is None:
            candidates.append(TextLine(section.title, section.line, section.page))
            for index, block in enumerate(section.blocks):
                if block.kind == "heading":
                    candidates.append(TextLine(block.text.strip(), block.line, block.page))
                elif index == 0 and block.kind == "paragraph" and _is_generic(section.title) \
                        and "\n" not in block.text and len(block.text) <= 120 and not block.text.startswith("("):
                    # 'Aktennotiz' over 'Gespräch zur Transferstrategie der AG Transfer': the line says what
                    candidates.append(TextLine(block.text.strip(), block.line, block.page))
            if not _is_generic(section.title):
                break  # the first heading that says something is the title; later ones are topics
        elif section.opener in ("label", "row"):
            continue
        else:
            break
        if len(candidates) >= 4:
            break
    candidates = candidates[:4]
    if len(candidates) >= 2:
        first, second = (name_key(line.text) for line in candidates[:2])
        if second and first.startswith(second + "-") and not _is_generic(candidates[1].text):
            candidates = candidates[1:]  # 'Titel – 18.06.2024' is page 1's running header over 'Titel'
    if any(line.text[:1].isupper() for line in candidates):  # 'anbei das Protokoll.' is a cover line
        candidates = [line for line in candidates if not line.text[:1].islower()]
    for line in candidates:
        if not _is_generic(line.text) and not _only_date(line.text) and len(line.text) <= 200 \
                and not _VERSION.search(line.text):
            return line.text.rstrip(":").strip(), line.line
    for key in ("subject", "betreff", "header"):  # e-mail subject, Word page header
        if meta.get(key):
            return re.sub(r"^(?:(?:AW|WG|RE|FW|Fwd)\s*:\s*)+", "", clean(meta[key]) or "", flags=re.I), None
    if candidates:
        return candidates[0].text.rstrip(":").strip(), candidates[0].line
    return None, None


_NEXT_MEETING = re.compile(r"(?i)\bnächste[snr]?\b|\bfolgetermin|\bkünftig|\bgeplant\b|\bbis\s+(?:zum|spätestens)\b")


def _body_sentences(sections: list[Section]) -> list[tuple[str, int]]:
    """Sentences of the first running-text paragraphs ('Am 3. Juni 2021 traf sich die Fachgruppe …')."""
    found: list[tuple[str, int]] = []
    blocks = 0
    for section in sections:
        if section.role not in (HEAD, None) or section.opener in ("label", "row"):
            continue
        for block in section.blocks:
            if block.kind not in ("paragraph", "list_item"):
                continue
            blocks += 1
            for sentence, _ in sentences(block.joined):
                if not _NEXT_MEETING.search(sentence):
                    found.append((sentence, block.line))
            if blocks >= 4:
                return found
    return found


# A date right after 'bis', 'fällig' or 'Frist' is when something is due ('stellt … bis 15.10.2025 zusammen').
_DUE_BEFORE = re.compile(r"(?i)\b(?:bis|fällig|frist|deadline|spätestens)\b\W{0,3}(?:(?:zum|am|den)\s+)?$")


def _due(text: str) -> bool:
    """'Clemens bucht den Raum bis 15.12.2025': a task line, whose room is no meeting place."""
    return any(_DUE_BEFORE.search(text[max(0, start - 20):start]) for _, start, _ in find_dates(text))


# A date named as the meeting's ('der Sitzung am 14.01.2025', 'Treffen vom Dienstag, 14. Januar'): it wins over a
# date of the minutes themselves on the same line ('Protokoll vom 16.01.2025 der Sitzung am 14.01.2025').
_MEETING_DAY = re.compile(r"(?i)\b(?:sitzung|treffen|besprechung|tagung|telko|konferenz|versammlung|jour\s+fixe"
                          r"|termin)\w*\s+(?:\S+\s+){0,5}?(?:am|vom)\s+(?:\w+,?\s+)?(?:den\s+)?$")
_MINUTES_DAY = re.compile(r"(?i)\b(?:protokoll|niederschrift|vermerk|notiz|mitschrift)\s+(?:vom|am)\s+$")


def meeting_dates(text: str) -> list[date]:
    """The dates in `text` that are not a version, deadline or next-meeting date, in reading order (a date the
    line names as the meeting's before one it names as the minutes')."""
    found = [(value, start) for value, start, _ in find_dates(text)
             if not _NOT_MEETING.search(text[max(0, start - 40):start])
             and not _DUE_BEFORE.search(text[max(0, start - 20):start])]
    if len(found) > 1 and any(_MINUTES_DAY.search(text[max(0, start - 20):start]) for _, start in found):
        found.sort(key=lambda item: not _MEETING_DAY.search(text[max(0, item[1] - 60):item[1]]))
    return [value for value, _ in found]


def meeting_date(text: str) -> date | None:
    """The first date in `text` that is not a version, deadline or next-meeting date."""
    found = meeting_dates(text)
    return found[0] if found else None


def _misspelt_filler(word: str) -> bool:
    """'Microsft Teams': a typo of a tool or filler word is no place either."""
    return len(word) >= 5 and process.extractOne(word, _FILLER_LONG, scorer=fuzz.ratio, score_cutoff=80) is not None


def classify_format(location: str | None, format_label: str | None) -> MeetingFormat | None:
    """online, hybrid, in_person or None, from an explicit 'Format:' or else from the place."""
    if format_label:
        value = format_label.lower()
        if "hybrid" in value:
            return "hybrid"
        if _VIDEO.search(value) and re.search(r"präsenz|vor\s+ort", value):
            return "hybrid"
        if _VIDEO.search(value) or _ONLINE.search(value):
            return "online"
        if re.search(r"präsenz|vor\s+ort|persönlich", value):
            return "in_person"
    if not location:
        return None
    value = location.lower()
    if "hybrid" in value:
        return "hybrid"
    if not _VIDEO.search(value) and not _ONLINE.search(value):
        return "in_person"
    bare = _URL.sub(" ", value)
    if _ONLINE_MEETING.search(bare) and not _PLACE.search(bare) and not re.search(r"\s(?:und|/|\+|sowie|&)\s", bare):
        return "online"  # 'Netzwerk Fachkräftezentren – Online-Austausch': the meeting's name says it was online
    bare = _TOOL_ROOM.sub(" ", bare)  # 'BigBlueButton (Raum des KDH)', 'Zoom-Raum der HWK': the tool's own room
    if _PLACE.search(re.sub(r"virtuelle[rnm]?\s+(?:besprechungs|konferenz|sitzungs)?raum|teams-raum|meeting-?raum"
                            r"|besprechungsraum\s+(?:in|bei|über)\s+(?:ms\s+)?teams", " ", bare)):
        return "hybrid"  # 'Raum 2.14 und Teams', 'Geschäftsstelle + Zoom'
    words = [w for w in re.split(r"[^a-zäöüß0-9]+", _ONLINE.sub(" ", bare)) if w]  # 'Teams-Besprechung' whole
    physical = [w for w in words if not _VIDEO.search(w) and not _ONLINE.search(w) and w not in _FILLER
                and len(w) >= 3 and not w.isdigit() and not _misspelt_filler(w)]
    return "hybrid" if physical or re.search(r"präsenz|vor\s+ort", value) else "online"


# A link into a meeting tool ('https://meet.jit.si/…', 'https://bbb.hwk-kassel.de/b/…', 'https://zoom.us/j/1').
_TOOL_LINK = re.compile(r"(?i)(?<=//)(?:[\w-]+\.)*(?:[\w-]*(?:zoom|teams|webex|jit\.?si|jitsi|meet|bbb|bigbluebutton"
                        r"|alfaview|goto|dfnconf|conf|senfcall|opentalk|talk|video|konferenz)[\w-]*)(?:\.[\w-]+)+")


# A meeting tool's own room, and whose licence it is: 'BigBlueButton (Raum des KDH)', 'Zoom-Raum der HWK',
# 'alfaview-Raum „AG Transfer“', 'Webex Meetingraum von Frau X'.
_TOOL_ROOM = re.compile(rf"(?i)(?:{MEETING_TOOLS}|video|online)[\s-]*\(?\s*(?:-?(?:konferenz|meeting|besprechungs"
                        r"|video)?raum|room|instanz|lizenz|account|zugang)\b(?:\s+(?:des|der|von|vom|bei)\s+[\w.-]+)?\)?"
                        rf"|(?:{MEETING_TOOLS})\s*\((?:des|der|von|vom|über)\s+[^)]{{1,40}}\)")
_TOOL_ROOM = guarded(_TOOL_ROOM)  # run only where a word it needs occurs (etl/core/prefilter.py)
# A chat log's or export's own words beside a tool in a place line ('Chatverlauf DFNconf'): no room either.
_FILLER |= {"chat", "chatverlauf", "chatprotokoll", "export", "aufzeichnung", "transkript", "lernplattform",
            "konferenzsystem", "dfn", "instanz", "lizenz", "account"}


# The meeting itself named as held online ('Online-Austausch', 'Videokonferenz', 'Telko'): the other words of
# such a place name the meeting, not a room.
_ONLINE_MEETING = re.compile(r"(?i)online-?(?:sitzung|meeting|treffen|austausch|termin|konferenz|besprechung|runde"
                             r"|call)|video-?konferenz|telefon-?konferenz|\btel[kc]o\b|web-?konferenz|web-?meeting"
                             r"|\btelefonat|video-?(?:call|meeting|schalte|sitzung|besprechung)|telefonschalte")
# Words that say a meeting was held without a room: 'Telko', 'Einwahl', 'Videokonferenz', a Teams meeting.
_ONLINE = re.compile(r"(?i)\btel[kc]o\b|web-?meeting|video-?meeting|telefon-?konferenz|videokonferenz|video-?call"
                     r"|web-?konferenz"
                     r"|\b(?:video|telefon|online|web)?-?schalte\b|\bdigitale[nmrs]?\s+(?:format|sitzung|treffen"
                     r"|besprechung|austausch|konferenz|veranstaltung|termin)"
                     r"|\bvideo\b|\beinwahl|\bzugeschaltet|online-?zuschaltung|\bonline\b|online-?(?:sitzung|meeting|treffen|austausch"
                     r"|termin|konferenz|besprechung|format)|\bvirtuell|\b(?:ms\s+|microsoft\s+)?teams(?:-\w+)?\b"
                     r"|\bzoom(?:-\w+)?\b|\bwebex\b|\bskype\b|\bjitsi\b|\bgotomeeting\b|bigbluebutton|\bgoogle\s+meet\b"
                     rf"|\bper\s+(?:telefon|video)|telefonisch|\btelefonat|{MEETING_TOOLS}"
                     # a meeting tool's own recap of the call: 'Besprechungszusammenfassung (von Copilot erstellt)'
                     r"|\bcopilot\b|\bki-?(?:generierte|zusammenfassung)|\blaut\s+transkript")
_ONLINE = guarded(_ONLINE)  # run only where a word it needs occurs (etl/core/prefilter.py)
# Words that say it was held in a room: a room, a house, an address, 'vor Ort', 'in Präsenz'.
_ROOM = re.compile(rf"(?i)\b(?:{_BUILDING}|raum|sitzungssaal|saal|konferenzraum|besprechungsraum|geschäftsstelle"
                   r"|vor\s+ort|in\s+präsenz|präsenz(?:sitzung|treffen|veranstaltung|termin)?|in\s+den\s+räumen|räumlichkeiten"
                   r"|betriebsbe(?:such|sichtigung)|werkstattbesuch|exkursion|besichtigung|vor-ort-(?:termin|besuch)"
                   r"|rathaus|gebäude|hotel|tagungshaus|tagungsort|hauptsitz|zentrale|(?:seminar|tagungs|sitzungs"
                   r"|schulungs|gruppen|veranstaltungs|vortrags|multifunktions)(?:raum|saal|zimmer)|werkhalle|aula)\b"
                   r"|\b[A-ZÄÖÜ][a-zäöüß]+(?:straße|str\.|weg|platz|allee|ring|damm|gasse)\s+\d"
                   r"|\b(?:in|bei)\s+(?:der|dem|den)\s+(?:räumen\s+(?:der|des)\s+)?(?:[a-zäöüß]+-)?(?:handwerkskammer|ihk|kammer"
                   r"|hwk|geschäftsstelle|firma|verwaltung|innung|kreishandwerkerschaft|agentur|akademie|hochschule"
                   r"|universität|stiftung|landratsamt|stadtverwaltung|bundesanstalt|bildungszentrum|beratungsstelle"
                   r"|fa\.)|\bfand\s+in\s+[A-ZÄÖÜ]|\btreffen\s+in\s+[A-ZÄÖÜ]")
_ROOM = guarded(_ROOM)  # run only where a word it needs occurs (etl/core/prefilter.py)
# Words that look like mode words but name something else ('Online-Befragung', 'Teams' of people).
_NOT_MODE = re.compile(r"(?i)online-?(?:befragung|umfrage|portal|plattform|shop|handel|angebot|kurs|tool|version"
                       r"|formular|anmeldung)|\b(?:der|die|des|unsere[rsn]?|ihre[rsn]?|beide[rn]?)\s+teams\b"
                       r"|\b(?:ms-?|microsoft-?)?teams-?(?:ordner|kanal|chat|gruppe|datei|ablage|bereich|space|team)\w*"
                       r"|raum\s+für|spielraum|zeitraum|freiraum|handlungsraum|\bvideo(?:s|clip|s)?\s+(?:zu|über|von)")
_NOT_MODE = guarded(_NOT_MODE)  # run only where a word it needs occurs (etl/core/prefilter.py)


# A way in for those not in the room, beside a place: the meeting was hybrid.
_DIAL_IN = re.compile(r"(?i)\beinwahl|\bzugeschaltet|(?:online-?)?zuschaltung|\(hybrid\)|\bhybrid(?:e|es)?\s+(?:sitzung"
                      r"|treffen|format|veranstaltung)|\bdial-?in\b|\bper\s+(?:zoom|ms\s+teams|teams|webex|video"
                      r"|telefon)\b|\bonline\s+zugeschaltet|https?://\S*(?:zoom|teams|webex)")
_DIAL_IN = guarded(_DIAL_IN)  # run only where a word it needs occurs (etl/core/prefilter.py)
_PERSON = re.compile(rf"\b{SALUTATION_PATTERN}\s+[A-ZÄÖÜ]")
# Words that put a dial-in into later meetings ('Künftig soll eine Zuschaltung per Video möglich sein').
FUTURE = re.compile(r"(?i)\b(?:künftig|zukünftig|kü?nftighin|ab\s+(?:sofort|der\s+nächsten)|nächste[nmrs]?\s+(?:mal"
                    r"|sitzung|treffen|termin)|beim\s+nächsten|soll(?:en|te|ten)?\b[^.]*\bwerden)\b")


def mode_of(text: str) -> MeetingFormat | None:
    """online, in_person or hybrid from words anywhere in `text` (title, head, first sentences, an e-mail's
    subject): a room or address and a dial-in is hybrid, only a dial-in online, only a room in person."""
    bare = _NOT_MODE.sub(" ", _URL.sub(" Link ", text))
    if re.search(r"(?i)\bhybrid", bare):
        return "hybrid"
    online = bool(_ONLINE.search(bare))
    room = bool(_ROOM.search(re.sub(r"(?i)virtuelle[rnm]?\s+\w*raum|teams-raum|meeting-?raum", " ", bare)))
    if online and (room or re.search(r"(?i)[A-ZÄÖÜa-zäöü]{3,}\s+(?:und|/|\+|sowie)\s+(?:per\s+)?(?:online|zoom|webex"
                                     r"|teams|video)\b|\bonline\s+(?:und|/|\+|sowie)\s+(?:vor\s+ort|in\s+präsenz)",
                                     bare)):
        return "hybrid"  # 'Fraunhofer IAO Stuttgart und online'

    return "online" if online else "in_person" if room else None


_NO_PLACE = re.compile(r"(?i)^(?:sitzung|protokoll|treffen|top|tagesordnung|teilnehm|anwesend)"
                       rf"|\b{SALUTATION_PATTERN}\s")


# A time or time range in a meeting line: '13.00-15.30 Uhr', 'von 9 bis 12', '10 Uhr' (not 'Weg 1-25').
_CLOCK = re.compile(r"(?i)\b(?:von\s+)?\d{1,2}[:.]\d{2}\s*(?:uhr|h)?\s*(?:-|–|bis)\s*\d{1,2}(?:[:.]\d{2})?\s*(?:uhr|h)?"
                    r"|\b(?:von\s+)?\d{1,2}\s*(?:uhr)?\s*(?:-|–|bis)\s*\d{1,2}[:.]\d{2}\s*(?:uhr|h)?"
                    r"|\b(?:von\s+)?\d{1,2}\s*(?:-|–|bis)\s*\d{1,2}\s*(?:uhr|h)\b|\bvon\s+\d{1,2}\s+bis\s+\d{1,2}\b"
                    r"|\b\d{1,2}(?:[:.]\d{2})?\s*uhr")


def _place_in(text: str) -> str | None:
    """'Videokonferenz über Webex' out of '(Videokonferenz über Webex, 10 bis 12 Uhr)'."""
    inner = text.strip()
    if inner.startswith("(") and inner.endswith(")"):
        inner = inner[1:-1]
    after_when: list[str] = []  # the parts after the date or time ('… | 10:00 bis 12:00 Uhr | RKW, Eschborn')
    timed = False
    for part in re.split(r"\s*[,;|]\s*|\s+[–—-]\s+", inner):
        part = part.strip()
        rest = part
        for _, start, end in reversed(find_dates(rest)):
            rest = rest[:start] + rest[end:]
        rest = _CLOCK.sub("", rest).strip(" ,;")
        if rest.count("(") > rest.count(")"):  # 'Sitzung vom 10.12.2024 (online, Teams, …)': what the bracket says
            rest = rest.rsplit("(", 1)[1].strip(" ,;")
        if rest.count(")") > rest.count("("):  # '… (online über Teams). Kurz die Ergebnisse:'
            rest = rest.split(")", 1)[0].strip(" ,;")
        if rest != part:
            timed, after_when = True, []
        elif timed and rest:
            after_when.append(rest)
        if _PERSON.search(rest) or re.search(r"(?i)\b(?:wir|ich|uns|haben|habe)\b", rest):
            continue  # 'Herr X fragt bei der Geschäftsstelle nach' is a sentence of the minutes, not a place
        if _due(part):
            continue  # 'Clemens bucht den Raum bis 15.12.2025': a task, not a place
        if len(rest.split()) > 7 or rest[:1].islower() and not re.match(
                r"(?i)(?:online|hybrid|per|via|über|vor\s+ort|virtuell|im|in)\b", rest):
            continue  # 'dazu im Herbst ein Webinar anzubieten': the end of a sentence of the minutes
        probe = _NOT_MODE.sub(" ", rest)  # 'Literaturliste in den Teams-Ordner' names a folder, not a meeting
        if rest and (_VIDEO.search(probe) or _PLACE.search(probe) or rest.lower() in ("hybrid",)) and len(rest) <= 100:
            if re.search(r"(?i)^(?:am|den|vom)\b|protokoll\b|\bsitzung\s+der\b|\b(?:vom|am)$", rest):
                continue
            return rest
    place = ", ".join(after_when)
    if 0 < len(after_when) <= 3 and all(part[:1].isupper() for part in after_when) \
            and len(place.split()) <= 8 and not _NO_PLACE.search(place) and not re.search(r"[.!?:]$|\d{3,}", place):
        return place  # a meeting line 'date | time | place' names the place last, whatever words it uses
    return None


_PAIRED_ROLES = (roles.DATE, roles.TIME, roles.START, roles.END)
_BARE_HOURS = re.compile(r"(?i)[\s,;|·(]*(?:(?:mo|di|mi|do|fr|sa|so|montag|dienstag|mittwoch|donnerstag|freitag"
                         r"|samstag|sonntag)\.?[\s,;|·]*)?(?:(?:vormittags|nachmittags|abends|morgens|ca\.|circa|von)\s+)*"
                         r"(\d{1,2})\s*(?:-|–|—|bis)\s*(\d{1,2})\s*(?:uhr|h)?[\s)]*")


def _head_rows(sections: list[Section]) -> list[tuple[str, int]]:
    """The first two rows of a head table without a header row that stands above another table (a sheet's title
    rows over its list), as text; a list's own first row is no head."""
    for section in sections:
        if section.role != HEAD:
            continue
        if sum(block.kind == "table" for block in section.blocks) < 2:
            return []
        for block in section.blocks:
            if block.kind == "table" and block.header_rows == 0:
                lines = block.row_lines or tuple(block.line + i for i in range(len(block.rows)))
                return [(" | ".join(c for c in row if c.strip()), line)
                        for row, line in list(zip(block.rows, lines, strict=False))[:2]]
            if block.kind == "table":
                return []
    return []


def _paired_cells(sections: list[Section]) -> list[tuple[str, str, int]]:
    """Label and value side by side in the head rows of a sheet or table ('Beginn | 10:00 | Ende | 15:00'):
    a date or time label whose next cell is a value with a digit, in the first rows of the head's tables."""
    pairs: list[tuple[str, str, int]] = []
    for section in sections:
        if section.role != HEAD:
            continue
        for block in [b for b in section.blocks if b.kind == "table"][:2]:
            lines = block.row_lines or tuple(block.line + i for i in range(len(block.rows)))
            for row, line in list(zip(block.rows, lines, strict=False))[:4]:
                cells = [cell.strip() for cell in row if cell.strip()]
                for label, value in zip(cells, cells[1:], strict=False):
                    role = roles.role_of(label.rstrip(":"))
                    if role in _PAIRED_ROLES and re.search(r"\d", value) and roles.role_of(value) is None:
                        pairs.append((role, value, line))
    return pairs


# The labels of a mail's header pasted or forwarded into a text ('Von:', 'Gesendet:', 'An:', 'Betreff:').
_MAIL_LABEL = re.compile(r"(?i)^(?:von|from|an|to|cc|bcc|betreff|subject|gesendet|sent|antwort\s+an|reply-to)$")


def _mail_header_dates(sections: list[Section]) -> set[int]:
    """The 'Datum:' labels of a mail header pasted into the text ('Von: … / Datum: Fr., 17. Jan. 2025 um 15:02 /
    Betreff: …'): when the mail was sent, not when the group met (ids of their sections)."""
    found: set[int] = set()
    for index, section in enumerate(sections):
        if section.opener != "label" or section.role not in (roles.DATE, roles.DATETIME) \
                or not re.fullmatch(r"(?i)datum|date|gesendet(?:\s+am)?|sent", section.title.strip()):
            continue
        run = 0  # the mail header lines right before and after it, up to the first other line
        for side, last in ((sections[index - 1::-1] if index else [], True), (sections[index + 1:], False)):
            for other in side:
                if other.opener == "label" and _MAIL_LABEL.match(other.title.strip()):
                    run += 1
                    continue
                lines = [line for block in other.blocks for line in block.text.split("\n") if line.strip()]
                near = lines[-1:] if last else lines[:1]
                run += sum(1 for line in near if _MAIL_LABEL.match(line.split(":", 1)[0].strip()) and ":" in line)
                break
        if run >= 2:
            found.add(id(section))
    return found


def parse_header(sections: list[Section], meta: dict[str, str], source: str, *, weak_meta_date: bool) -> Header:
    """Everything the head says; `weak_meta_date` for e-mails, whose date is when they were sent."""
    header = Header()
    found: dict[str, tuple[str, int]] = {}
    timed: list[str] = []  # every date and time label's value ('Datum: …' and then 'Termin: Do., …, 15–16:30 Uhr')
    mailed = _mail_header_dates(sections)
    for section in sections:
        if section.role in roles.HEADER_ROLES and section.opener in ("label", "row") and id(section) not in mailed:
            value = _value(section)
            field_role = section.role
            if field_role == roles.GROUP and meeting_date(value) and not _GROUP_WORDS.search(value):
                field_role = roles.DATETIME  # 'Sitzung: 12.11.2025, 14:00–15:30, online (Teams)' names when, not who
            if value and field_role not in found:
                found[field_role] = (value, section.line)
            if value and field_role in (roles.TIME, roles.DATETIME, roles.DATE):
                timed.append(value)
        elif section.role == roles.WRITER and section.opener in ("label", "row"):
            header.writers += section.inline or [TextLine(_value(section), section.line, section.page)]
        elif section.role == roles.CHAIR and section.opener in ("label", "row"):
            header.chairs += section.inline or [TextLine(_value(section), section.line, section.page)]
    for key, value in meta.items():
        role = roles.meta_role(key)
        if role in roles.HEADER_ROLES and value and role not in found and not (role == roles.DATE and weak_meta_date):
            found[role] = (value, 0)
        elif role == roles.WRITER and value and not weak_meta_date:
            header.writers.append(TextLine(value, 1, None))
    for role, value, line in _paired_cells(sections):
        found.setdefault(role, (value, line))  # 'Beginn | 10:00 | Ende | 15:00' across a sheet's head row
    for role, value in repeated_columns(sections):
        if role is not None and role not in found:
            found[role] = (value, 0)  # 'Datum | Beginn | Ende | Ort' repeated in every row of a sign-up list
    header.title, header.title_line = _title(sections, meta)
    if header.title is None or _GREETING.match(header.title):
        subject = next((sec for sec in sections if sec.opener == "label" and sec.inline
                        and re.match(r"(?i)betreff\b", sec.title)), None)
        if subject is not None:  # a protocol written as a mail and saved as text: its 'Betreff:' line
            header.title = re.sub(r"^(?:(?:AW|WG|RE|FW|Fwd)\s*:\s*)+", "", subject.inline[0].text, flags=re.I).strip()
            header.title_line = subject.line
    head = header.head = _head_lines(sections)
    if roles.GROUP in found:
        header.group_label = clean(found[roles.GROUP][0])

    date_sources: list[tuple[str, int]] = [found[k] for k in (roles.DATE, roles.DATETIME) if k in found]
    if header.title and header.title_line is not None:
        date_sources.append((header.title, header.title_line))
    date_sources += [(line.text, line.line) for line in head]
    if header.title and header.title_line is None:  # a file's title property is often a stale template's
        date_sources.append((header.title, 0))
    if meta.get("header"):
        date_sources.append((meta["header"], 0))  # the page header of a Word file ('Protokoll … – 17.01.2023')
    if meta.get("sheets"):
        date_sources.append((meta["sheets"], 0))  # a workbook's own sheet names ('Sitzung 14.01.2025')
    doubtful: list[tuple[date, int]] = []  # dates no meeting can have ('2099-01-01'): warned, last resort

    # minutes a mail sends on the meeting's day or after it ('Telko 10.02.', 'heute', 'gestern'): an unlabelled date
    # after the sending day is a later event ('Gesundheitstag: Termin 17.06.2026 ist fix'); a reply to an invitation
    # names the coming meeting's day, so without such words a later date still counts
    sent = sent_date(meta["date"]) if weak_meta_date and meta.get("date") else None
    if sent is not None and _INVITED.search(" ".join(text for text, _ in _subjects(meta))):
        sent = None
    if sent is not None and not _year_less(_subjects(meta), [sent.year]) and _relative_day(" ".join(
            [line.text for line in head] + [text for text, _ in _body_sentences(sections)[:6]]), sent) is None:
        sent = None
    dated = {found[k][0] for k in (roles.DATE, roles.DATETIME) if k in found}

    def take(text: str, line: int) -> bool:
        for day in meeting_dates(text):
            if sent is not None and day > sent and text not in dated:
                continue  # 'Gesundheitstag: Termin 17.06.2026 ist fix' in minutes sent on 10.02.2026
            if plausible(day):
                header.date, header.date_line = day, line or None
                return True
            if any(day == seen for seen, _ in doubtful):
                continue
            where = f"Zeile {line}: " if line else ""
            header.warnings.append(f"{where}Datum „{day.strftime('%d.%m.%Y')}“ ist unplausibel – "
                                   "nicht als Sitzungsdatum übernommen")
            doubtful.append((day, line))
        return False

    # a letter's place and date line ('Neustadt a.d. Waldnaab, 09.11.2023') dates the writing: the other lines first
    date_sources.sort(key=lambda source: _letter_date(source[0]))
    for text, line in date_sources:
        if take(text, line):
            if roles.DATE in found and found[roles.DATE][1] != line and not meeting_date(found[roles.DATE][0]):
                header.warnings.append(f"Zeile {found[roles.DATE][1]}: Datum „{found[roles.DATE][0]}“ nicht lesbar")
            break
    else:
        for text, line in _body_sentences(sections):
            if take(text, line):
                # 'Am 14. Januar 2025 traf sich die Fachgruppe von 10:00 bis 12:30 Uhr …': its times too
                date_sources.append((text, line))
                break
    if header.date is None:
        for text in repeated_cells(sections):  # 'Netzwerkkonferenz 18.11.2025 – Forum 2, 13:30–15:00, Kassel'
            if take(text, 0):
                header.warnings.append("Datum aus der Spalte der Liste übernommen, die in jeder Zeile die Sitzung "
                                       "nennt – bitte prüfen")
                break
    if header.date is None:
        for text, line in _head_rows(sections):  # 'Netzwerktreffen … | | 23.09.2025 | Kassel' atop a sheet
            if take(text, line):
                break  # its times, if any, are read as the sheet's labels and summary row say
    if header.date is None:
        _fallback_date(header, sections, source, meta, date_sources, weak_meta_date)
    if header.date is None and doubtful:
        header.date, header.date_line = doubtful[0][0], doubtful[0][1] or None
        header.warnings.append("kein plausibles Sitzungsdatum gefunden – unplausibles Datum übernommen, bitte prüfen")

    time_sources = [found[k][0] for k in (roles.TIME, roles.DATETIME, roles.DATE) if k in found] + timed
    time_sources += [text for text, _ in date_sources if text]
    time_sources += [line.text for line in head]
    # 'Ort: X · 9–11 Uhr', 'Format: online (Teams), 14:00 – 15:30'
    time_sources += [found[k][0] for k in (roles.LOCATION, roles.LOCATION_FORMAT, roles.FORMAT) if k in found]
    repeated = repeated_cells(sections)
    header.repeated = [value for _, value in repeated_columns(sections)]
    time_sources += repeated
    labelled_times = {found[k][0] for k in (roles.TIME, roles.DATETIME, roles.DATE) if k in found} | set(timed)
    if header.date is not None:  # 'danke für das Treffen gestern (04.03.2026, 10 bis 11:30 Uhr)': the date's sentence
        time_sources += [text for text, _ in _body_sentences(sections) if header.date in meeting_dates(text)]
    timed_sources: list[tuple[str, str | None]] = []
    for text in time_sources:
        if _stamped(text) or (text not in labelled_times and _note_stamp(text)):
            continue  # 'Gedruckt am 10.03.2025 14:12', 'Stand: 14:22 Uhr': when the document was made, not met
        start, end = time_range(text)
        # a lone '3.12' is a time only under a time label or with 'Uhr' ('Raum 3.12, IHK Kassel' is a room)
        if start and (end or re.search(r"(?i)uhr|beginn|\d:\d\d", text)
                      or (text in labelled_times and re.search(r"\d\.\d\d", text))):
            timed_sources.append((start, end))
    # a line that gives start and end wins over a lone time in a line before it: 'Dienstag, 03. März 2026 10:02'
    # (a note page's stamp) over '3.3.2026 | 10:00-11:30h'; the first lone time otherwise
    if timed_sources:
        header.start, header.end = next(((s, e) for s, e in timed_sources if e), timed_sources[0])
    if header.start is None:
        # 'Zeit: 10 bis 12', 'Zeit: vormittags 10–12', 'Datum: 05.03.2025, 10-12': whole hours under a time label,
        # or after the date under a date label
        bare_values = [found[roles.TIME][0]] if roles.TIME in found else []
        bare_values += [_strip_dates(found[k][0]) for k in (roles.DATE, roles.DATETIME) if k in found
                        and meeting_date(found[k][0])]
        for value in bare_values:
            if (bare := _BARE_HOURS.fullmatch(value)) and 6 <= int(bare.group(1)) < int(bare.group(2)) <= 23:
                header.start, header.end = f"{int(bare.group(1)):02d}:00", f"{int(bare.group(2)):02d}:00"
                break
    if header.start is None and (times := _export_times(sections)) is not None:
        header.start, header.end = times  # a meeting tool's summary row: 'Startzeit | Endzeit'
    if roles.START in found:
        value = found[roles.START][0]
        header.start = single_time(value) or header.start
        # 'Beginn: 10:00 – Ende: 12:30' on one line: the start label's value names the end too.
        if roles.END not in found and (m := re.search(
                r"(?i)(?:\b|sitzungs)(?:ende\w*|schluss)\s*:?\s*(?:um\s+|gegen\s+)?(.+)", value)):
            header.end = single_time(m.group(1)) or _bare_hour(m.group(1)) or header.end
    if roles.END in found:
        header.end = single_time(found[roles.END][0]) or _bare_hour(found[roles.END][0]) or header.end
        if header.start is None and header.date is not None and (opened := _opened(sections, header.date)) \
                and (header.end is None or opened < header.end):
            header.start = opened  # not a document's 'Erstellt' after the meeting ended
    if header.start and header.end is None and (closed := _closing_time(sections)) and closed > header.start:
        header.end = closed  # 'Schluss der Sitzung 20.10 Uhr.' at the foot, 'gegen 11.45 Uhr geschlossen'
    if header.start and header.end and header.end <= header.start:
        header.warnings.append(f"Ende {header.end} liegt nicht nach Beginn {header.start}")

    place = found.get(roles.LOCATION) or found.get(roles.LOCATION_FORMAT)
    linked = entitled = False
    if place:
        place_text = _TIME_TAIL.sub("", _URL.sub(" ", place[0]))
        header.location = clean(place_text.strip(" ,;.·|")) or None
        if header.location is None and (link := _TOOL_LINK.search(place[0])):
            header.location = f"online ({link.group(0)})"  # 'Ort: https://meet.jit.si/…': only a meeting link
            linked = True
    else:
        # the head's lines, then the date and time labels' values ('Sitzung am Montag, … | 9:30 bis 11 Uhr | Ort')
        titled = [header.title] if header.title and find_dates(header.title) else []  # a title with its date line
        # last, the brackets with the times in the sentence that dates the meeting ('… am Dienstag, 7. Oktober
        # (9.30 bis 12 Uhr, Agentur für Arbeit Kassel).')
        told = [f"({inner})" for text, _ in _body_sentences(sections) if header.date in meeting_dates(text)
                for inner in re.findall(r"\(([^()]{3,120})\)", text) if _CLOCK.search(inner)]
        for text in [line.text for line in head if line.text != header.title] + timed + titled + repeated + told:
            if spot := _place_in(text):
                header.location = clean(_URL.sub(" ", spot).strip(" ,;.")) or None
                if header.location and header.location.startswith("(") and header.location.endswith(")"):
                    header.location = header.location[1:-1].strip() or None  # '… 9:00 bis 10:30 Uhr (Webex)'
                entitled = text in titled and text not in timed
                break
    fmt = found.get(roles.FORMAT) or found.get(roles.LOCATION_FORMAT)
    header.format = classify_format(header.location, fmt[0] if fmt else None)
    if entitled and not fmt and header.format == "hybrid" and header.location \
            and not re.search(r"(?i)hybrid", header.location):
        # 'Teilnehmerliste Jitsi-Konferenz AG Transfer, 14.01.2025': the title's other words name the meeting, not
        # a room; only a room or address in it makes the meeting hybrid
        header.format = mode_of(header.location) or header.format
    if linked and not fmt:
        header.format = "online"
    if not place and not fmt and header.format != "online" and mode_of(header.title or "") == "online" \
            and not (header.location and re.search(r"(?i)hybrid", header.location)):
        # 'Telefonkonferenz Vorstand …, 22.05.24': the title names the meeting as held by phone or video; a place
        # read from an unlabelled line below ('12.7. im Autohaus Tran') is where something else happens
        header.format = "online"
    if header.format == "in_person" and not fmt and any(
            _DIAL_IN.search(line.text) for line in head if not _PERSON.search(line.text)
            and not FUTURE.search(line.text)):
        header.format = "hybrid"  # 'Ort: Sitzungssaal' and a line 'Einwahl per Zoom möglich'
    if header.format is None:
        # the head's short lines, the date/time labels' values ('Datum: 04.05.2023 (Webex)'), the title,
        # then the first sentences ('Die Sitzung fand als Videokonferenz statt.') and an e-mail's subject
        labelled = [found[k][0] for k in (roles.DATE, roles.DATETIME, roles.TIME) if k in found] + repeated
        text = " ".join([line.text for line in head if not _PERSON.search(line.text) and not _due(line.text)]
                        + labelled + [header.title or ""])  # not 'Herr X fragt bei der Geschäftsstelle nach'

        titled_mode = mode_of(header.title or "")
        if titled_mode == "online" and not re.search(r"(?i)\bhybrid", text) or titled_mode == "hybrid":
            header.format = titled_mode  # 'Telko FG Digitalisierung': a room named in a task below is no venue
        elif titled_mode == "in_person" and not any(_DIAL_IN.search(line.text) and not FUTURE.search(line.text)
                                                    for line in head
                                                    if not _PERSON.search(line.text)):
            header.format = titled_mode
        header.format = header.format or mode_of(text) or mode_of(" ".join(
            [sentence for sentence, _ in _body_sentences(sections)[:6] if not _due(sentence)
             and not _PERSON.search(sentence)]
            + [meta.get(key, "") for key in ("subject", "forwarded_betreff", "forwarded_subject")]))
    return header


# The place before a letter's date: 'Neustadt a.d. Waldnaab,', 'Amberg, den'.
_LETTER_PLACE = re.compile(r"^\s*[A-ZÄÖÜ][\w.äöüß/-]*(?:\s+[\w.äöüß/-]+){0,4},\s*(?:den\s+)?$")


def _letter_date(text: str) -> bool:
    """'Neustadt a.d. Waldnaab, 09.11.2023', 'Amberg, den 9. November 2023': a line of only a place and a date, as
    a letter or a Vermerk is dated when it is written (the meeting's own date stands in its text)."""
    found = find_dates(text)
    return len(found) == 1 and not text[found[0][2]:].strip() and bool(_LETTER_PLACE.match(text[:found[0][1]]))


# A document's own time stamp at a line's start: 'Stand: 14:22', 'Gedruckt 10.03.2025 09:12', 'Erstellt am …'.
_STAMP = re.compile(r"(?i)^\W*(?:stand|gedruckt|druckdatum|erstellt|geändert|zuletzt\s+geändert|aktualisiert|gesendet"
                    r"|versendet|verschickt|exportiert|gespeichert|seite\s+\d+)\b")


def _stamped(text: str) -> bool:
    """A line whose times stamp the document or another meeting: it starts with a stamp word ('Stand:',
    'Gedruckt am'), or every date in it is a version, print or next-meeting date ('Nächste Sitzung: 7.5., 9 Uhr')."""
    return bool(_STAMP.match(text)) or bool(find_dates(text)) and not meeting_dates(text)


# A note page's own stamp under its title: the day and a bare clock time ('Dienstag, 14. Januar 2025', '09:47').
_BARE_CLOCK = re.compile(r"^\W*(?:(?:mo|di|mi|do|fr|sa|so)\w*\.?,?\s*)?[\d.\s]*(?:\w+\s+\d{4})?,?\s*"
                         r"(\d{1,2}):(\d{2})(?::\d{2})?\s*$", re.I)


def _note_stamp(text: str) -> bool:
    """'09:47' alone, 'Dienstag, 14. Januar 2025 09:47': a bare time off the quarter hours on a line of its own is
    when a note page was made (OneNote, Notizen-Apps), not a meeting's start ('10:00', '9:30' stay times)."""
    m = _BARE_CLOCK.match(_strip_dates(text) if find_dates(text) else text)
    return m is not None and int(m.group(2)) % 15 != 0


# A meeting room's log: 'Erstellt: 21.1.2025 09:00:05' beside 'Beendet: 21.1.2025 10:32:48' (BigBlueButton).
_OPENED = re.compile(r"(?i)^(?:erstellt|gestartet|begonnen|eröffnet|created|started)(?:\s+am)?\s*:?\s*$")


def _opened(sections: list[Section], day: date) -> str | None:
    """When a meeting tool opened the room whose close the head names: its 'Erstellt:' on the meeting's day."""
    for section in sections:
        if section.opener in ("label", "row") and _OPENED.match(section.title.strip()):
            value = _value(section)
            if day in meeting_dates(value) and re.search(r"\d:\d\d", value):
                return single_time(_strip_dates(value))
    return None


_BARE_HOUR = re.compile(r"(?i)\s*(?:ca\.\s*|circa\s+|etwa\s+|gegen\s+|um\s+)*(\d{1,2})\s*[.,;)]?\s*")


def _bare_hour(value: str) -> str | None:
    """'Ende: gegen 11', 'Schluss: ca. 17': a whole hour without 'Uhr' under an end label."""
    m = _BARE_HOUR.fullmatch(value)
    return f"{int(m.group(1)):02d}:00" if m and 6 <= int(m.group(1)) <= 23 else None


def _strip_dates(text: str) -> str:
    for _, start, end in reversed(find_dates(text)):
        text = text[:start] + text[end:]
    return text


_TIME = r"(?:um\s+|gegen\s+|ca\.\s*|circa\s+)*(\d{1,2})(?:[:.](\d{2}))?\s*(?:uhr|h)\b"
# How a protocol says when the meeting closed, in its text rather than its head.
_MEETING_NOUN = r"(?:sitzung|besprechung|versammlung|veranstaltung|treffen|termin|telefonkonferenz|videokonferenz)"
# a clock time with minutes or 'Uhr' ('12:30', '12.30 Uhr', '12 Uhr'), for a closing label at a line's start
_CLOCK_TIME = (r"(?:um\s+|gegen\s+|ca\.\s*|circa\s+)*(\d{1,2})(?:(?::|\.(?=\d\d\s*(?:uhr|h)\b))(\d{2})(?:\s*(?:uhr|h))?"
               r"|\s*(?:uhr|h))\b(?![.:]\d)")  # '12:30', '12.30 Uhr', '12 Uhr'; never the date '15.03.'

_CLOSING = re.compile(
    rf"(?i)\b(?:schluss|ende)\s+(?:der|des)\s+{_MEETING_NOUN}\w*\s*:?\s*{_TIME}"
    rf"|\b{_MEETING_NOUN}\w*\s+(?:endete|endet|schloss|schließt)\s+{_TIME}"
    rf"|\b{_TIME}\s+(?:geschlossen|beendet)\b"
    # 'Die Vorsitzende schließt die Sitzung um 11.50 Uhr.', 'Um 12:30 Uhr schloss Frau Berg die Sitzung.'
    rf"|\b(?:schließt|schloss|beendet|beendete)\s+(?:die|das|den)\s+{_MEETING_NOUN}\w*\s+{_TIME}"
    rf"|\bum\s+{_TIME}\s+(?:schloss|schließt|beendete|beendet)\s+(?:\S+\s+){{1,3}}?(?:die|das|den)\s+{_MEETING_NOUN}"
    # a closing line of its own at the foot: 'Sitzungsende: 12:30', 'Schluss: 12.30 Uhr', 'Ende 12:30 Uhr'
    rf"|^\s*(?:sitzungsende|sitzungsschluss|schluss|ende)\s*:?\s*{_CLOCK_TIME}")


def _closing_match(text: str) -> re.Match[str] | None:
    """The closing phrase in a paragraph: searched in the whole text, a closing label at the start of a line."""
    for line in text.split("\n"):
        if m := _CLOSING.search(line):
            return m
    return _CLOSING.search(text)


def _closing_time(sections: list[Section]) -> str | None:
    """The end a protocol's running text names: 'Schluss der Sitzung 20.10 Uhr.', 'Die Sitzung endete um 12 Uhr.',
    'Wir haben … gegen 11.45 Uhr geschlossen.'"""
    for section in sections:
        for block in section.blocks:
            if block.kind in ("paragraph", "list_item") and (m := _closing_match(block.joined)):
                hour, minute = next((h, mi) for h, mi in zip(m.groups()[::2], m.groups()[1::2], strict=True) if h)
                if int(hour) <= 23 and int(minute or 0) <= 59:
                    return f"{int(hour):02d}:{int(minute or 0):02d}"
    return None


# --- fallbacks when the head names no date (ordered, each weaker than the one before) ---------------------

_PARTIAL_DAY = re.compile(rf"(?<![\d\w.])(?P<d>\d{{1,2}})\.\s?(?:(?P<m>\d{{1,2}})\.|\s*(?P<mn>{_MONTH_NAMES})\b\.?)"
                          r"(?!\s?\d)", re.I)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# '20250916', '2025_09_16' and '16122025', '16-12-2025' in a file name (the dotted and ISO forms are found as text)
_NAME_YMD = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[-_. ]?(?P<m>[01]\d)[-_. ]?(?P<d>[0-3]\d)(?!\d)")
_NAME_DMY = re.compile(r"(?<!\d)(?P<d>[0-3]\d)[-_. ]?(?P<m>[01]\d)[-_. ]?(?P<y>(?:19|20)\d\d)(?!\d)")


def _checked(year: int, month: int, day: int) -> date | None:
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return value if plausible(value) else None


def file_name_date(source: str) -> date | None:
    """The date a file name carries: 'Protokoll_2025-03-04.docx', 'Teilnehmer_16122025.csv', 'AG_20250916.pdf'."""
    for name in (re.split(r"[\\/]", source)[-1], source):  # the file's own name, then its folders
        if (day := meeting_date(re.sub(r"[_\\/]", " ", name))) and plausible(day):
            return day
        for pattern in (_NAME_YMD, _NAME_DMY):
            for m in pattern.finditer(name):
                if re.search(r"(?i)(?:stand|gedruckt|druckdatum)[\s_-]*(?:vom[\s_-]*)?$",
                             name[max(0, m.start() - 20):m.start()]):
                    continue  # 'Verteiler_Stand_2025-03-01.xlsx', 'Liste_gedruckt_20250301.pdf': not the meeting's day
                if value := _checked(int(m.group("y")), int(m.group("m")), int(m.group("d"))):
                    return value
    return None


def _year_less(lines: list[tuple[str, int]], years: list[int]) -> tuple[date, int] | None:
    """'Sitzung am 16. Dezember' or 'Treffen 16.12.' in the title or head, its year from elsewhere."""
    if not years:
        return None
    for text, line in lines:
        for m in _PARTIAL_DAY.finditer(text):
            if _NOT_MEETING.search(text[max(0, m.start() - 40):m.start()]):
                continue
            month = int(m.group("m")) if m.group("m") else GERMAN_MONTHS.get(m.group("mn").lower().rstrip("."))
            if month and (value := _checked(years[0], month, int(m.group("d")))):
                return value, line
    return None


_TIME_TAIL = re.compile(r"(?i)\s*[·|,;–—-]\s*(?:von\s+|ab\s+)?\d{1,2}(?:[:.]\d{2})?\s*(?:uhr\s*)?(?:(?:-|–|—|bis)\s*"
                        r"\d{1,2}(?:[:.]\d{2})?\s*(?:uhr|h)?)?\s*$")


_EXPORT_START = {"startzeit", "start time", "beginn", "start", "meeting start time", "besprechungsbeginn"}
_EXPORT_END = {"endzeit", "end time", "ende", "end", "meeting end time", "besprechungsende"}


def _export_times(sections: list[Section]) -> tuple[str, str | None] | None:
    """Start and end from the summary row a meeting tool writes over its participants ('Besprechungs-ID | Thema |
    Startzeit | Endzeit | …' over one row of timestamps)."""
    for section in sections:
        for block in section.blocks:
            rows = [r for r in block.rows if any(c.strip() for c in r)] if block.kind == "table" else []
            if len(rows) != 2:
                continue
            labels = [c.strip().lower().rstrip(":") for c in rows[0]]
            begin = next((i for i, c in enumerate(labels) if c in _EXPORT_START), None)
            finish = next((i for i, c in enumerate(labels) if c in _EXPORT_END), None)
            if begin is None or begin >= len(rows[1]) or not (start := parse_timestamp(rows[1][begin])):
                continue
            end = parse_timestamp(rows[1][finish]) if finish is not None and finish < len(rows[1]) else None
            return start.strftime("%H:%M"), end.strftime("%H:%M") if end else None
    return None


_COLUMN_FIELDS = (roles.DATE, roles.TIME, roles.START, roles.END, roles.LOCATION, roles.FORMAT, roles.DATETIME,
                  roles.GROUP, roles.LOCATION_FORMAT)


def repeated_columns(sections: list[Section]) -> list[tuple[str | None, str]]:
    """(head field, value) of the cells a list repeats in every row because they name the meeting (a registration
    export's 'Veranstaltung': 'Netzwerkkonferenz 18.11.2025 – Forum 2, 13:30–15:00, Kassel', or its 'Datum',
    'Beginn', 'Ort' columns): the same text in each of at least two rows, under a head field's label or with a
    date or a time in it."""
    found: list[tuple[str | None, str]] = []
    for section in sections:
        for block in section.blocks:
            if block.kind != "table" or len(block.rows) < 3:
                continue
            labels = block.header if block.header_rows else block.rows[0]
            body = block.rows[1:] if not block.header_rows else block.body_rows
            width = max(len(row) for row in body)
            for index in range(width):
                values = {row[index].strip() for row in body if index < len(row)}
                if len(values) != 1 or not (value := values.pop()) or len(value) > 200:
                    continue
                role = roles.role_of(labels[index]) if index < len(labels) and labels[index].strip() else None
                role = role if role in _COLUMN_FIELDS else None
                if (role or find_dates(value) or time_range(value)[0]) and (role, value) not in found:
                    found.append((role, value))
    return found


def repeated_cells(sections: list[Section]) -> list[str]:
    """The values of `repeated_columns` that name a date or a time."""
    return [value for _, value in repeated_columns(sections) if find_dates(value) or time_range(value)[0]]


def _row_texts(block: Block) -> list[str]:
    if block.kind == "table":
        return [" | ".join(row) for row in block.body_rows or block.rows]
    return block.text.splitlines()


def shared_date(sections: list[Section]) -> date | None:
    """The date most rows of the document share, at least two: the join times of an attendance table
    ('16.12.2025 09:58:12', '12/16/2025 9:58 AM') or the dated lines of a list."""
    counts: Counter[date] = Counter()
    for section in sections:
        for block in section.blocks:
            for text in _row_texts(block):
                found = {value for value in meeting_dates(text) if plausible(value)}
                if not found and (stamp := parse_timestamp(text)) and plausible(stamp.date()):
                    found = {stamp.date()}
                counts.update(found)
    if not counts:
        return None
    value, count = counts.most_common(1)[0]
    return value if count >= 2 else None


def sent_date(value: str) -> date | None:
    """An e-mail's 'Date:' header ('Tue, 16 Dec 2025 10:02:00 +0100' or ISO from Outlook)."""
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return meeting_date(value)


_WEEKDAYS = ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag")
_RELATIVE = re.compile(r"(?i)\b(?:(?P<rel>vorgestern|gestern|heute)|(?:am\s+(?:vergangenen\s+|letzten\s+)?|letzten\s+"
                       r"|vergangenen\s+)(?P<day>montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag))\b")


# A subject about a coming meeting: a reply to an invitation names the day ahead.
_INVITED = re.compile(r"(?i)einladung|\btermin\b|save\s+the\s+date|anmeldung|zusage|absage")


def _subjects(meta: dict[str, str]) -> list[tuple[str, int]]:
    """A mail's subjects, a forwarded one's first."""
    return [(meta[key], 0) for key in ("forwarded_betreff", "forwarded_subject", "subject") if meta.get(key)]


def _relative_day(text: str, sent: date) -> date | None:
    """The day a mail's words name relative to when it was sent: 'gestern', 'heute', '(am letzten) Montag'
    (the last such weekday before the sending day); None when the text names none."""
    from datetime import timedelta

    if not (m := _RELATIVE.search(text)):
        return None
    if m.group("rel"):
        return sent - timedelta(days={"heute": 0, "gestern": 1, "vorgestern": 2}[m.group("rel").lower()])
    back = (sent.weekday() - _WEEKDAYS.index(m.group("day").lower())) % 7 or 7
    return sent - timedelta(days=back)


def _fallback_date(header: Header, sections: list[Section], source: str, meta: dict[str, str],
                   head: list[tuple[str, int]], weak_meta_date: bool) -> None:
    """Evidence for the date when the head names none, strongest first; each is warned about."""
    named = file_name_date(source)
    sent = sent_date(meta["date"]) if weak_meta_date and meta.get("date") else None
    if weak_meta_date:  # 'AW: Einladung Fachgruppe Handwerk am 14.01.2025': the meeting the mail is about
        for key in ("forwarded_betreff", "forwarded_subject", "subject"):
            if meta.get(key) and (day := meeting_date(meta[key])) and plausible(day):
                header.date = day
                header.warnings.append("Datum aus dem Betreff der E-Mail übernommen – bitte prüfen")
                return
        if sent and (found := _year_less(_subjects(meta), [sent.year])):
            # the meeting before the mail ('Protokoll vom 18.12.' sent in January); an invitation's the one after it
            later = bool(_INVITED.search(" ".join(text for text, _ in _subjects(meta))))
            subject_day: date | None = found[0]
            if not later and found[0] > sent:
                subject_day = _checked(sent.year - 1, found[0].month, found[0].day)
            elif later and (sent - found[0]).days > 180:
                subject_day = _checked(sent.year + 1, found[0].month, found[0].day)
            if subject_day is not None:  # 'FG Gesundheit Telko 10.02.', 'AW: Protokoll vom 18.12.' sent in January
                header.date = subject_day
                header.warnings.append("Datum aus dem Betreff der E-Mail (ohne Jahr) und dem Sendedatum übernommen – "
                                       "bitte prüfen")
                return
        opening = [text for text, _ in head[:4]] + [text for text, _ in _body_sentences(sections)[:6]]
        if sent and (day := _relative_day(" ".join(opening), sent)):
            header.date = day  # 'gestern haben wir uns in der Geschäftsstelle getroffen'
            header.warnings.append("Datum aus „gestern/heute/am Montag“ und dem Sendedatum der E-Mail berechnet – "
                                   "bitte prüfen")
            return
    years = [int(y) for text, _ in head for y in _YEAR.findall(text)]
    years += [d.year for d in (named, sent) if d]
    years += [int(y) for y in _YEAR.findall(re.split(r"[\\/]", source)[-1])]  # 'AG_Transfer_2025.docx'
    if found := _year_less(head, years):
        header.date, header.date_line = found[0], found[1] or None
        header.warnings.append("Sitzungsdatum ohne Jahr – Jahr ergänzt, bitte prüfen")
    elif named:
        header.date = named
        header.warnings.append("Datum nur aus dem Dateinamen übernommen")
    elif shared := shared_date(sections):
        header.date = shared
        header.warnings.append("Datum aus den Zeilen der Liste übernommen (z. B. Beitrittszeiten), bitte prüfen")
    elif sent and plausible(sent):
        header.date = sent
        header.warnings.append("Datum nur aus dem Sendedatum der E-Mail übernommen – bitte prüfen")
