"""Participant sections -> entries: lists and sentences of people, and tables read by column role.

A table column's role comes from its header (Name, Vorname, Organisation, Funktion, anwesend,
entschuldigt, Status …) or, without a header, from what its cells hold (person names, known
organisations, "x" marks, status words). Status comes from per-status mark columns, from a status
column's values, or from the section ("Entschuldigt:"). Every line read is counted as understood
or not, so the protocol's confidence is honest.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from etl.core.registry import Registry
from etl.extract.document import Block
from etl.parse import prose
from etl.parse.actions import sentences
from etl.parse.entries import (
    Entry,
    Unreadable,
    classify_note,
    entry_groups,
    group_org,
    heading_org,
    lone_surname,
    name_of_org,
    org_opener,
    parse_entry,
    read_status,
    share_orgs,
    share_pairs,
    split_entries,
    split_name_org,
    starts_with_person,
    surname_list,
    without_writer,
)
from etl.parse.mail import clauses
from etl.parse.names import is_org_like, person_name, split_titles
from etl.parse.roles import ABSENT, EXCUSED, GUEST, PARTICIPANT_ROLES, PRESENT, role_of, split_label
from etl.parse.text import TextLine, join
from vocab.keys import clean, name_key
from vocab.titles import SALUTATION_PATTERN


@dataclass
class Outcome:
    """What a participant block yielded, and how many of its lines were understood."""

    entries: list[Entry] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)
    understood: int = 0
    total: int = 0

    def extend(self, other: Outcome) -> None:
        self.entries += other.entries
        self.unreadable += other.unreadable
        self.understood += other.understood
        self.total += other.total


# --- text -------------------------------------------------------------------------------------

_ORG_HEAD = re.compile(r"^(?P<org>[^:()]{1,80}?)\s*:(?:\s+(?P<rest>.*)|$)")
# A line that ends open, its list going on in the next line; not a dash that closes a note set between dashes
# ('IHK: – entschuldigt –').
_CONTINUES = re.compile(r"^(?!.*(?:^|[\s:])[–—-]\s[^–—]{1,40}\s[–—-]\s*$).*(?:[,;(–—-]|\b(?:und|sowie|u\.|&))\s*$",
                        re.DOTALL)


def _head_name(text: str, registry: Registry | None) -> str | None:
    """The organisation of an 'Org:' head without the words that introduce it ('Für die HWK:' -> 'HWK')."""
    return heading_org(text, registry) or _org_named(text)


def _is_org_head(text: str, registry: Registry | None, rest: str = "") -> bool:
    """'PSG' or 'Handwerkskammer Trier' before a colon; also 'Stadt Trier, Wirtschaftsförderung' or
    'Kreishandwerkerschaft Heide' (words that could be a name) when what follows the colon are people by
    salutation ('Herr Kern, Frau Ohm')."""
    if not starts_with_person(text, registry) and (is_org_like(text) or bool(registry and registry.lookup(text))):
        return True
    return not re.match(rf"(?:{SALUTATION_PATTERN}|Dr\.|Prof\.)\s", text) and bool(rest) \
        and all(re.match(rf"(?:{SALUTATION_PATTERN})\s", part) for part in split_entries(rest, registry))


_FOR_ORG = re.compile(r"(?i)^(?:für\s+(?:die|den|das)|vom|von\s+der|von\s+den|seitens\s+(?:der|des))\s+\S")


def _org_named(text: str) -> str | None:
    """'Für die Handwerkskammer' -> 'Handwerkskammer': the organisation of an org head without its preposition."""
    value = clean(text)
    return _FOR_ORG_WORDS.sub("", value) if value else value


_FOR_ORG_WORDS = re.compile(r"(?i)^(?:für\s+(?:die|den|das)|vom|von\s+der|von\s+den|seitens\s+(?:der|des))\s+(?=\S)")


def org_head_line(text: str, registry: Registry | None) -> bool:
    """'Für die Handwerkskammer: Ohm, Kern', 'Vom Bauverband: Frau Okafor': people under the organisation they
    came for, the organisation said as such ('für die', 'vom', 'seitens der')."""
    m = _ORG_HEAD.match(text.strip().lstrip("-•*·▪◦‣– "))
    return m is not None and bool(m.group("rest")) and _FOR_ORG.match(m.group("org")) is not None \
        and _is_org_head(m.group("org"), registry, m.group("rest"))


# A line that ends in a first name whose surname starts the next line ('Herr Kai-Uwe', 'und Helga', '(X), Helga').
_OPEN_NAME = re.compile(rf"(?:\b{SALUTATION_PATTERN}\s+(?:(?:Dr\.|Prof\.)\s+)*|\bund\s+|\bsowie\s+"
                        r"|\)\s*,\s*)[A-ZÄÖÜ][\w-]*(?:\s+(?:von|van|vom|zu|zur|de|der|den|ten|ter|da|di|du|la|le))*$")
_SURNAME_START = re.compile(r"^(?:(?:von|van|vom|zu|zur|de|der|den|ten|ter|da|di|du|la|le)\s+)*[A-ZÄÖÜ][\w-]*"
                            r"(?:\s*[(,.]|\s+(?:und|sowie|u\.)\s)")
_LAST_PART_FIRST_NAME = re.compile(r",\s*[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?$")
_STARTS_WITH_SURNAME = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?(?:\s*[(,;]|\s+und\b|\s*$)")


def name_wrapped(previous: str, following: str) -> bool:
    """'…, Anna Berg (ZVB), Konstantin' + 'Reuter (itb), …': a hard wrap between first name and surname in a
    running list (an earlier entry of the line has two words, so 'Berg, Anna' lists stay apart); or
    '… und Herr Kai-Uwe' + 'Krüger (PSG).' after a salutation."""
    if _OPEN_NAME.search(previous.rstrip()) and _SURNAME_START.match(following.strip()):
        return True
    if not (_LAST_PART_FIRST_NAME.search(previous) and _STARTS_WITH_SURNAME.match(following)):
        return False
    earlier = re.sub(r"\([^()]*\)", "", previous).split(",")[:-1]
    return any(len(part.split()) >= 2 for part in earlier)


def nested_parent(text: str, registry: Registry | None, children: list[str] | None = None) -> tuple[str, str] | None:
    """What a list item with sub-items says of them: ('status', 'guest') for '- Gäste:', ('org', 'itb') for
    '- itb' or '- Handwerkskammer Hannover:' (an item that names no person); None for a person. An item that
    could be a name ('- Bäckerhaus Lind') heads its sub-items when they are all people and it has no salutation."""
    value = (clean(text) or "").rstrip(":").strip()
    if not value or len(value) > 100:
        return None
    if (role := role_of(value)) in PARTICIPANT_ROLES:
        return "status", role
    if (kind := classify_note(value)) and kind[0] == "status":
        return "status", kind[1]
    if prose.attendance(value):
        return None
    if starts_with_person(value, registry):
        people = [c for c in children or [] if isinstance(parse_entry(c, 0, PRESENT, registry), Entry)]
        if not children or len(people) < len(children) or re.search(r"[(,\[]", value) \
                or re.match(rf"(?:{SALUTATION_PATTERN}|Dr\.|Prof\.)\s", value):
            return None
    return "org", heading_org(value, registry) or value


def runs_on(previous: str, following: str) -> bool:
    """The list of people in `previous` goes on in the next line: it ends open ('…, Herr Kranz (itb) und'),
    inside parentheses, between a first name and its surname, or the next line starts in lower case."""
    return bool(_CONTINUES.search(previous) or following[:1].islower() or following[:1] in ")]"
                or previous.count("(") > previous.count(")") or name_wrapped(previous, following))


def sentence_lines(lines: list[TextLine]) -> list[TextLine]:
    """Lines of one paragraph joined where a list of people runs on ('…, Herr Kranz (itb) und' + 'Frau …')."""
    joined: list[TextLine] = []
    for line in lines:
        if joined and (_CONTINUES.search(joined[-1].text) or line.text[:1].islower() or line.text[:1] in ")]"
                       or joined[-1].text.count("(") > joined[-1].text.count(")")
                       or name_wrapped(joined[-1].text, line.text)):
            last = joined[-1]
            joined[-1] = TextLine(f"{last.text} {line.text}", last.line, last.page)
        else:
            joined.append(line)
    return joined


_ROW_NUMBER = re.compile(r"^\d{1,3}[.)]?\s+(?=\S)")


def _column_words(text: str) -> bool:
    words = text.replace("|", " ").split()
    return len(words) >= 2 and all(_column_role(w) not in (None, ("empty", None)) for w in words)


_ENDS_OPEN = re.compile(rf"(?:\b(?:{SALUTATION_PATTERN}|Dr\.|Prof\.|Dipl\.-[\wäöü]+\.))$")


def _runs_on(lines: list[TextLine]) -> bool:
    """The lines are one wrapped text (a sentence listing people), not one entry per line."""
    if len(lines) < 2:
        return False
    if lines[-1].text.rstrip().endswith(".") and not any(ln.text.rstrip().endswith((".", ")", ";"))
                                                          for ln in lines[:-1]):
        return True  # one sentence over several lines
    for line, following in zip(lines, lines[1:], strict=False):
        text = line.text.rstrip()
        if _CONTINUES.search(text) or _ENDS_OPEN.search(text) or following.text[:1].islower() \
                or text.count("(") > text.count(")") or following.text[:1] in ")]([" \
                or name_wrapped(text, following.text):
            return True
    return False


def _complete(line: TextLine, registry: Registry | None) -> bool:
    """Each entry of the line alone is a readable person: the line is an entry of a list, not a wrapped piece."""
    text = _ROW_NUMBER.sub("", line.text.strip().lstrip("-•*·▪◦‣– "))
    if _CONTINUES.search(text) or _ENDS_OPEN.search(text) or text.count("(") != text.count(")"):
        return False
    parts = split_entries(text, registry)
    return bool(parts) and all(isinstance(parse_entry(p, 0, PRESENT, registry), Entry) for p in parts)




# A phone dial-in or a device in a participant list ('Tel. +49 30 …', 'iPhone von Stefan'): nobody's name.
_DEVICE = re.compile(r"(?i)^(?:tel(?:efon)?\.?\s*:?\s*)?\+?\d[\d\s/().-]{5,}$|^(?:tel\.|telefon|anruf|einwahl)\b"
                     r"|^(?:\S+\s+)?(?:iphone|ipad|android|galaxy|samsung|pixel|handy|smartphone|telefon)\b"
                     r"|\b(?:iphone|ipad|galaxy)\s+von\b")


def _name_then_org(lines: list[TextLine], registry: Registry | None) -> list[TextLine]:
    """Lines of bare names and bare organisations: 'ZDH' + 'Anna Berg' + 'Max Müller' is an organisation heading
    its people (it becomes 'ZDH:'); 'Dr. Bastian Leitner' + 'Fraunhofer-Institut für …' (a name, its
    organisation on the line below, as on address blocks and cards) is one entry 'Name (Organisation)'."""
    if len(lines) < 2:
        return lines
    kinds = [_line_kind(line.text, registry) for line in lines]
    firm = [k for k in kinds if k != "other"]
    if firm and firm[0] == "org" and "person" in firm:
        return [TextLine(f"{line.text.strip()}:", line.line, line.page) if kind == "org" else line
                for line, kind in zip(lines, kinds, strict=True)]
    merged: list[TextLine] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if index + 1 < len(lines) and kinds[index] == "person" and kinds[index + 1] == "org" \
                and split_name_org(line.text, registry) is None \
                and split_name_org(lines[index + 1].text, registry) is None:  # 'Name Org' lines stay one each
            merged.append(TextLine(f"{line.text.strip()} ({lines[index + 1].text.strip()})", line.line, line.page))
            index += 2
            continue
        merged.append(line)
        index += 1
    return merged


def _line_kind(text: str, registry: Registry | None) -> str:
    """'person' for a bare name ('Dr. Karl Kurz'), 'org' for a bare organisation ('Handwerkskammer Hannover'),
    else 'other' (a line with separators or parentheses is read as an entry of its own)."""
    text = text.strip()
    if not text or re.search(r"[,;()|:<>\[\]]", text):
        return "other"
    if person_name(text) is not None and not is_org_like(text) and not (registry and registry.lookup(text)):
        return "person"
    if not starts_with_person(text, registry) and (is_org_like(text) or bool(registry and registry.lookup(text))):
        return "org"
    return "other"


def _name_split(lines: list[TextLine]) -> bool:
    """'… und Herr Kai-Uwe' + 'Krüger (PSG).': a line break between a first name and its surname."""
    return any(_OPEN_NAME.search(a.text.rstrip()) and _SURNAME_START.match(b.text.strip())
               for a, b in zip(lines, lines[1:], strict=False))


# A greeting or sign-off ('Liebe Ewa,', 'Viele Grüße, Clemens', 'Danke, Ewa!'): its first name is no participant.
_SALUTE = re.compile(r"(?i)^(?:liebe[rs]?|hallo|hi|moin|servus|danke|vielen\s+dank|besten\s+dank|(?:viele|liebe|beste"
                     r"|herzliche|freundliche|sonnige)\s+grüße|(?:mit\s+)?(?:freundlichen|besten|herzlichen)\s+grüßen"
                     r"|gruß|grüße|lg|vg|mfg|bis\s+bald|ciao|tschüss)\b[\s,!.]*(?:[A-ZÄÖÜ][\w-]*[\s,!.]*)?$")


# A legend of the marks in front of names ('x = anwesend, e = entschuldigt, g = Gast').
_LEGEND_WORD = (r"(?P<word>(?:ohne\s+rückmeldung\s+)?nicht\s+erschienen|(?:ohne|keine)\s+rückmeldung"
                r"|nicht\s+anwesend|anwesend|entschuldigt|unentschuldigt|abwesend|gast|gäste|teilgenommen"
                r"|verhindert|abgesagt|fehlt)\b")
_LEGEND_PAIR = re.compile(rf"(?<![\w\[])\[?(?P<mark>[^\s=,;:()\[\]]{{1,3}}|\s?)\]?\s*[=:]\s*{_LEGEND_WORD}",
                          re.IGNORECASE)
# A footnote that gives the status of the names marked with it ('*  entschuldigt', '** Gast', '¹ als Gast').
_FOOTNOTE_LEGEND = re.compile(rf"(?i)\s*(?P<mark>\*{{1,3}}|[¹²³⁴⁵⁶⁷⁸⁹])\s*[=:)]?\s*(?:als\s+)?{_LEGEND_WORD}\s*\.?\s*")
_FOOTNOTE_MARK = re.compile(r"(?<=[\w.)])(?P<mark>\*{1,3}|[¹²³⁴⁵⁶⁷⁸⁹])(?=\s|$|[,;:|])")
# A mark in front of a name ('x Anna Berg', '[e] Anna Berg', '☐ Anna Berg'): a checkbox of an attendance list.
_MARK_PREFIX = re.compile(r"^(?:\[\s*(?P<box>[^\]\s]{0,2})\s*\]|\((?P<paren>[xXeEaAgGuU✓✔])\)|(?P<sign>[☐☑☒✓✔✗✘+])"
                          r"|(?P<letter>[xeagu]|X))\s+(?=\S)")
# A legend's mark after the name instead ('Anna Berg (ZVB) – e', 'Anna Berg, ZVB: a', 'Anna Berg | G').
_MARK_SUFFIX = re.compile(r"(?:\s*[–—:|-]\s*|\s+)(?P<mark>[^\s()\[\]]{1,2})\s*$")
_TICK_SUFFIX = re.compile(r"\s+(?:[–—:|-]\s*)?(?P<mark>[✓✔☑✗✘☐])\s*$")
_MARK_DEFAULTS = {"x": PRESENT, "✓": PRESENT, "✔": PRESENT, "☑": PRESENT, "☒": PRESENT, "✗": PRESENT, "✘": PRESENT,
                  "+": PRESENT, "a": PRESENT, "e": EXCUSED, "g": GUEST, "u": ABSENT, "☐": ABSENT, "": ABSENT}


def legend_of(texts: list[str]) -> dict[str, str]:
    """The statuses a legend gives its marks: {'x': 'present', 'e': 'excused', 'g': 'guest'}."""
    found: dict[str, str] = {}
    footnotes: dict[str, str] = {}  # one footnote is a legend already: its mark is no letter of a word
    for text in texts:
        for line in text.split("\n") if "*" in text or re.search("[¹²³⁴⁵⁶⁷⁸⁹]", text) else ():
            if (note := _FOOTNOTE_LEGEND.fullmatch(line)) and (kind := classify_note(note.group("word"))):
                footnotes[note.group("mark")] = kind[1]  # '*  entschuldigt' under the list: a footnote legend
        if "=" not in text:
            continue
        for m in _LEGEND_PAIR.finditer(text):
            kind = classify_note(m.group("word"))
            if kind and kind[0] == "status":
                found[m.group("mark").strip().lower()] = kind[1]
    return {**found, **footnotes} if len(found) >= 2 else footnotes


def footnote_legend(texts: list[str]) -> dict[str, str]:
    """The statuses footnotes give their marks: {'*': 'excused', '**': 'guest'} for '*  entschuldigt', '** Gast'."""
    return {mark: status for mark, status in legend_of(texts).items() if _FOOTNOTE_LEGEND.fullmatch(mark + " x")
            or mark[:1] in "*¹²³⁴⁵⁶⁷⁸⁹"}


def is_footnote_legend(text: str) -> bool:
    """'*  entschuldigt', '² als Gast': a footnote saying what a mark after names means."""
    return bool(_FOOTNOTE_LEGEND.fullmatch(text))


def apply_footnotes(entries: list[Entry], legend: dict[str, str]) -> None:
    """'Olufemi Adeyemi*' in a list whose footnote says '*  entschuldigt': the status of the marked entries (in a
    table cell or a line of its own, where the mark stays in the entry's raw text)."""
    if not legend:
        return
    for entry in entries:
        marks = {m.group("mark") for m in _FOOTNOTE_MARK.finditer(entry.raw)}
        if len(marks) == 1 and (mark := marks.pop()) in legend and name_key(entry.name.split()[-1]) in \
                name_key(entry.raw.split(mark)[0]):
            entry.status = legend[mark]


def _marked(body: str, legend: dict[str, str] | None, registry: Registry | None) -> tuple[str, str | None]:
    """(the line without its mark, the status the mark gives) for 'x Anna Berg (ZVB)', else (line, None)."""
    m = _MARK_PREFIX.match(body)
    if legend and len(marked := _FOOTNOTE_MARK.findall(body)) == 1 and marked[0] in legend:
        rest = _FOOTNOTE_MARK.sub("", body)  # 'Olufemi Adeyemi*' under '*  entschuldigt'
        if starts_with_person(rest, registry) and len(split_entries(rest, registry)) == 1:
            return rest, legend[marked[0]]
    if m is None and (tick := _TICK_SUFFIX.search(body)) and starts_with_person(body[:tick.start()], registry) \
            and len(split_entries(body[:tick.start()], registry)) == 1:
        mark = tick.group("mark")  # 'Anna Berg (ZVB) ✓' / '… ✗': after a name a cross says no, unlike in a box
        return body[:tick.start()].rstrip(" –—:|-"), (legend or {}).get(mark, PRESENT if mark in "✓✔☑" else ABSENT)
    if m is None and legend and (after := _MARK_SUFFIX.search(body)) and after.group("mark").lower() in legend \
            and starts_with_person(body[:after.start()], registry) \
            and len(split_entries(body[:after.start()], registry)) == 1:
        return body[:after.start()], legend[after.group("mark").lower()]  # 'Anna Berg, ZVB – e' under a legend
    if m is None:
        return body, None
    rest = body[m.end():]
    if not starts_with_person(rest, registry):
        return body, None
    mark = (m.group("box") or m.group("paren") or m.group("sign") or m.group("letter") or "").lower()
    if legend and mark in legend:
        return rest, legend[mark]
    if m.group("letter") and not legend and mark not in ("x",):
        return body, None  # 'e Anna Berg' without a legend: no mark to trust
    return rest, _MARK_DEFAULTS.get(mark)


# 'Berg/ZVB', 'Anna Berg/HWK Trier': a name and its organisation's short form joined by a slash.
_NAME_SLASH_ORG = re.compile(r"(?<![/\w])([A-ZÄÖÜ][\w'’-]+)/([A-ZÄÖÜ][\w&.-]*(?:\s+[A-ZÄÖÜ][\w-]+)?)(?=\s*(?:[,;]|$))")


def _slashed(text: str) -> str:
    """'Berg/ZVB, Kern/HWK' -> 'Berg (ZVB), Kern (HWK)' when the part after each slash is an organisation."""
    if "/" not in text:
        return text
    text = _NAME_SLASH_ORG.sub(lambda m: f"{m.group(1)} ({m.group(2)})" if is_org_like(m.group(2))
                               and not is_org_like(m.group(1)) else m.group(0), text)
    # 'Grete Ohm / Piotr Kern / Ana Ribeiro (alle HWK)': people side by side, a slash between each two
    pieces = re.split(r"\s+/\s+", text)
    if len(pieces) > 1 and all(_full_person(re.sub(r"\([^()]*\)", "", piece).split(",")[-1].split(":")[-1])
                               for piece in pieces[:-1]) \
            and _full_person(re.sub(r"\([^()]*\)", "", pieces[-1]).split(",")[0]):
        return ", ".join(pieces)
    return text


def _full_person(text: str) -> bool:
    """A given name and a surname, or a surname after a salutation or a title ('Frau Ohm', 'Dr. Kern')."""
    found = person_name(text.strip())
    return found is not None and not is_org_like(text) and (
        len(found.name.split()) >= 2 or bool(found.salutation or found.title))


# The text of a footnote under a list ('¹ zeitweise, ab TOP 2'): no person.
_FOOTNOTE_TEXT = re.compile(r"^\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*\S")


# A wiki's user mention ('@Anna Berg' in Confluence, SharePoint, Teams notes): a person, '@' no part of the name.
_MENTION = re.compile(r"(?:^|(?<=\s))\s*@(?=[A-ZÄÖÜ][\w'-]+\s+[A-ZÄÖÜ])")


_LOWER_KEEP = {"von", "van", "vom", "zu", "zur", "de", "der", "den", "dem", "ten", "ter", "da", "di", "du", "la", "le",
               "und", "sowie", "ich", "u.", "bzw.", "mit", "ohne", "als", "aus", "beim", "bei"}


_LOWER_NAME = re.compile(r"^(?P<name>[a-zäöüßéèáàçñ][\w'’.-]*(?:\s+[a-zäöüßéèáàçñ][\w'’.-]*){1,3})"
                         r"(?=\s*(?:/|\(|,|[–—]|-\s))"
                         r"|^(?P<given>[a-zäöüßéèáàçñ][\w'’-]{2,})(?=\s*\([^()]*[A-ZÄÖÜ])")  # 'jens (IHK)'


def _capitalised(text: str) -> str:
    """'prof. overbeck (hs ww), krautwurst, ich': a note typed all in lower case, with its names capitalised as
    names are written ('Prof. Overbeck (hs ww), Krautwurst, ich'); what stands in parentheses stays as typed."""
    if not any(ch.isalpha() for ch in text):
        return text
    if any(ch.isupper() for ch in text):
        # 'ronja lindqvist / IfAB': a name typed in lower case before its organisation
        if m := _LOWER_NAME.match(text):
            part = "name" if m.group("name") else "given"
            return _capitalised(m.group(part)) + text[m.end(part):]
        return text
    out: list[str] = []
    depth = 0
    for piece in re.split(r"(\s+|[(),;:\[\]])", text):
        if piece in ("(", "["):
            depth += 1
        elif piece in (")", "]"):
            depth = max(0, depth - 1)
        elif depth == 0 and piece[:1].isalpha() and piece not in _LOWER_KEEP:
            piece = "-".join(part[:1].upper() + part[1:] for part in piece.split("-"))
        out.append(piece)
    return "".join(out)


def from_lines(lines: list[TextLine], status: str, registry: Registry | None,
               org: str | None = None, *, wrapped: bool = False, legend: dict[str, str] | None = None,
               marks: bool = True, item: bool = False, one_name: bool = False) -> Outcome:
    """Entries of text lines: one or many people per line, 'Org: A, B' lines, 'Org:' sub-headings,
    sentences wrapped over several lines, and attendance sentences ('Als Gast nahm … teil'); a mark in front
    of a name gives its status (by the `legend` when there is one). `item`: the lines are one item of a list,
    whose people share the organisation named after the last of them ('- A, B (ZVB)')."""
    legend = legend or legend_of([line.text for line in lines])
    for i, line in enumerate(lines[1:], 1):  # 'Leider verhindert waren: …' on a line of its own below the list
        if (labelled := _labelled(line.text.strip())) is not None:
            out = from_lines(lines[:i], status, registry, org, wrapped=wrapped, legend=legend, marks=marks, item=item)
            out.extend(from_lines([TextLine(labelled[1], line.line, line.page), *lines[i + 1:]], labelled[0],
                                  registry, org, wrapped=wrapped, legend=legend, marks=marks, item=item))
            return out
    lines = [TextLine(_capitalised(_HEADCOUNT.sub("", line.text)), line.line, line.page) for line in lines]
    lines = [TextLine(_MENTION.sub(", ", line.text).lstrip(", "), line.line, line.page)
             if _MENTION.search(line.text) else line for line in lines]  # '@Anna Berg @Jan Ohm' (wiki mentions)
    lines = [TextLine(_slashed(line.text), line.line, line.page) if "/" in line.text else line for line in lines]
    lines = [line for line in lines if not _DEVICE.match(line.text.strip().lstrip("-•*·▪◦‣– "))
             and not (legend and _is_legend(line.text)) and not _FOOTNOTE_TEXT.match(line.text)]
    if marks and any(_marked(line.text.strip().lstrip("-•*·▪◦‣– "), legend, registry)[1] for line in lines):
        return _marked_lines(lines, status, registry, org, legend)
    lines = _name_then_org(lines, registry)
    if len(lines) == 1:
        lines = [_without_remarks(lines[0], registry)]
    if (wrapped or _runs_on(lines)) and len(lines) > 1 and (
            not all(_complete(line, registry) for line in lines) or _name_split(lines)):
        return _from_text(lines, status, registry, org, one_name)
    if len(lines) == 1 and len(said_in := sentences(lines[0].text)) > 1 and any(
            prose.attendance(said) or _labelled(said) for said, _ in (said_in[1:] if wrapped else said_in[:1])):
        # 'Dabei waren: A, B und C. Abgesagt hatten D und E.'; under a heading 'Anwesenheit' a paragraph that opens
        # with such a sentence ('Von den Mitgliedern waren anwesend: A, B. Entschuldigt fehlte C.')
        return _from_text(lines, status, registry, org, one_name)
    out = Outcome()
    current_org = org
    listed = len(lines) > 1 and any(surname_list(_people_part(line.text), registry) is not None for line in lines)
    for index, line in enumerate(lines):
        body = _ROW_NUMBER.sub("", line.text.strip().lstrip("-•*·▪◦‣– ").strip())
        if not body or _column_words(body) or _SALUTE.match(body) or body.lower().strip(" .") in _NO_ONE \
                or body in ("-", "–", "—", "./.", "n/a", "k.A."):
            continue  # a table's header row that lost its cells ('Nr. Name Institution Status'); 'Viele Grüße, Ewa';
            # 'Gäste: keine'
        out.total += 1
        if said := [entry for clause in clauses(body)
                    for entry in prose.entries(clause, line.line, line.page, registry,
                                               listed=one_name or one_name_list(out.entries))]:
            out.entries += said
            out.understood += 1
            continue
        mode = None
        if (said_mode := _MODE_LABEL.match(body)) is not None and starts_with_person(body[said_mode.end():], registry):
            mode, body = said_mode.group("mode"), body[said_mode.end():]  # 'Online: Anna Berg (HWK)' in the list
        if index + 1 < len(lines) and (named := org_over_people(body, lines[index + 1].text, registry)):
            current_org = named  # 'Handwerkskammer Lüneburg' on a line of its own over 'Ohm, Kern'
            out.understood += 1
            continue
        if (m := _ORG_HEAD.match(body)) and _is_org_head(m.group("org"), registry, m.group("rest") or ""):
            rest = (m.group("rest") or "").strip()
            if not rest:
                current_org = _head_name(m.group("org"), registry)  # 'PSG:' heading the following lines
                out.understood += 1
                continue
            found = _entries(rest, line, status, registry, _head_name(m.group("org"), registry), listed=listed)
        else:
            found = _entries(body, line, status, registry, current_org, grouped=len(lines) > 1 or item, listed=listed)
        good = [e for e in found if isinstance(e, Entry)]
        for entry in good if mode else []:
            entry.note = "; ".join(n for n in (mode, entry.note) if n)
        out.entries += good
        out.unreadable += [e for e in found if isinstance(e, Unreadable)]
        if good and len(good) == len(found):
            out.understood += 1
    return out


def _without_remarks(line: TextLine, registry: Registry | None) -> TextLine:
    """'A, B und C. Die Versammlung ist beschlussfähig.': the list of people without the remark in the sentences
    after it that names nobody's attendance."""
    said = sentences(line.text)
    if len(said) < 2 or not looks_like_people([TextLine(said[0][0], line.line, line.page)], registry):
        return line
    rest = [sentence for sentence, _ in said[1:]]
    if any(prose.attendance(s) or _labelled(s) or not _is_prose(s, 0) for s in rest):
        return line
    return TextLine(said[0][0], line.line, line.page)


# A headcount before the people it names ('14, darunter A, B und C', '23 Mitglieder; namentlich vermerkt: A, B').
_HEADCOUNT = re.compile(r"(?i)^(?:(?:insgesamt|gesamt|ca\.|rund|etwa)\s+)?\d{1,4}(?:\s+(?:personen|mitglieder"
                        r"|teilnehmende|teilnehmer\w*|stimmberechtigte\w*|anwesende|vertreter\w*))?\s*[,;:]?\s*"
                        r"(?:darunter|davon(?:\s+namentlich)?|u\.\s?a\.|unter\s+anderem|namentlich(?:\s+(?:vermerkt"
                        r"|genannt|erfasst|aufgeführt))?)\s*:?\s+(?=\S)")


# How people on a line of a list of people took part, said as its label ('Online: Anna Berg (HWK)', 'Per Telefon: …').
_MODE_LABEL = re.compile(r"(?i)^(?P<mode>online|digital|virtuell|remote|vor\s+ort|in\s+präsenz|präsenz"
                         r"|per\s+(?:video|telefon|zoom|teams|webex)|telefonisch)\s*:\s+(?=\S)")


def org_over_people(text: str, following: str, registry: Registry | None) -> str | None:
    """The organisation a line or list item names on its own ('Handwerkskammer Lüneburg', '• HWK SWL') when the
    next one names people without an organisation of their own ('Ohm, Kern', '• Frau Dr. Wachtendorf'): the house
    those people came for, as nesting would say. None when the line is a person or no organisation."""
    if starts_with_person(text, registry) or (org := heading_org(text, registry)) is None:
        return None
    nxt = following.strip().lstrip("-•*·▪◦‣– ")
    if is_org_like(nxt) or (registry is not None and registry.lookup(nxt)):
        return None
    person = parse_entry(nxt, 0, PRESENT, registry)
    if (isinstance(person, Entry) and person.organisation_raw is None) \
            or lone_surname(nxt.split(",")[0].strip(), registry):
        return org
    return None


def is_legend(text: str) -> bool:
    """'x = anwesend, e = entschuldigt' (maybe after 'Legende:') on a line of its own."""
    return bool(legend_of([text])) and _is_legend(text)


def _is_legend(text: str) -> bool:
    """'x = anwesend, e = entschuldigt' on a line of its own (maybe after 'Legende:')."""
    if _FOOTNOTE_LEGEND.fullmatch(text):
        return True
    rest = _LEGEND_PAIR.sub("", text)
    return not re.sub(r"(?i)legende|erläuterung|[\s,;:()/|-]", "", rest)


def _marked_lines(lines: list[TextLine], status: str, registry: Registry | None, org: str | None,
                  legend: dict[str, str]) -> Outcome:
    """One person a line, each behind its mark ('x Anna Berg (ZVB)', '[e] Max Kern'), read line by line."""
    out = Outcome()
    for line in lines:
        body = line.text.strip().lstrip("-•*·▪◦‣– ").strip()
        rest, said = _marked(body, legend, registry)
        one = from_lines([TextLine(rest, line.line, line.page)], said or status, registry, org, marks=False)
        if said is not None:
            for entry in one.entries:
                if entry.status == (said or status) or entry.status == PRESENT:
                    entry.status = said
        out.extend(one)
    return out


def _labelled(sentence: str) -> tuple[str, str] | None:
    """(status, people) of a sentence that opens with a participant label ('Unentschuldigt: Paula Nowak.')."""
    found = split_label(sentence.strip())
    return found if found is not None and found[0] in PARTICIPANT_ROLES and found[1] else None


def _from_text(lines: list[TextLine], status: str, registry: Registry | None, org: str | None,
               one_name: bool = False) -> Outcome:
    """A wrapped text listing people, read sentence by sentence; each entry keeps the line it starts on."""
    out = Outcome()
    # a line that says on its own who was excused or came ('Marco S. hat abgesagt' under 'Da waren: …') is a
    # sentence of its own, also when the line before it ends without a full stop
    lines = [TextLine(f"{line.text}.", line.line, line.page)
             if index + 1 < len(lines) and not line.text.rstrip().endswith((".", "!", "?", ":", ";", ","))
             and not runs_on(line.text, (after := lines[index + 1].text))
             and (prose.attendance(after) is not None or _labelled(after) is not None) else line
             for index, line in enumerate(lines)]
    span = join(lines, "text", None)
    if span is None:
        return out
    for sentence, offset in sentences(span.text):
        out.total += 1
        line = span.line_at(offset)
        if said := [entry for clause in clauses(sentence)
                    for entry in prose.entries(clause, line, span.page, registry,
                                               listed=one_name or one_name_list(out.entries))]:
            out.entries += said
            out.understood += 1
            continue
        if (labelled := _labelled(sentence)) is not None:  # '… Unentschuldigt: Paula Nowak.' in the same line
            status, sentence = labelled
        body = sentence.strip()
        current_org = org
        if (m := _ORG_HEAD.match(body)) and _is_org_head(m.group("org"), registry) and m.group("rest"):
            body, current_org = m.group("rest"), _head_name(m.group("org"), registry)
        if without_writer(body)[1] or surname_list(body, registry) is not None:
            # 'Rüdiger, Natalia, Kemal und ich.': names alone in a list the writer is part of (as in one line)
            listed = _entries(body, TextLine(body, line, span.page), status, registry, current_org)
            out.entries += [e for e in listed if isinstance(e, Entry)]
            out.unreadable += [e for e in listed if isinstance(e, Unreadable)]
            out.understood += bool(listed) and all(isinstance(e, Entry) for e in listed)
            continue
        found: list[Entry | Unreadable] = []
        position = offset
        groups = entry_groups(body)
        for group in groups:
            parts = split_entries(group, registry)
            read: list[Entry | Unreadable] = []
            for part in parts:
                at = span.text.find(part[:12], position)
                position = at if at >= 0 else position
                read.append(parse_entry(part, span.line_at(position), status, registry, current_org, span.page))
            if len(groups) > 1:
                group_org(read, current_org)
            found += share_pairs(read, parts, group, current_org)
        found = share_orgs(found, current_org)
        good = [e for e in found if isinstance(e, Entry)]
        out.entries += good
        out.unreadable += [e for e in found if isinstance(e, Unreadable)]
        if good and len(good) == len(found):
            out.understood += 1
    return out


_ONE_WORD = re.compile(r"[^\W\d_][\w'’-]{2,}")
# A noun, not a surname ('Fehlt: Beschlussvorlage', 'Gäste: Presse'): endings of German abstract nouns and things.
_THING = re.compile(r"(?i)(?:\w{5,}ung|heit|keit|tion|ität|nisse?|vorlage|unterlagen?|material|bericht|presse"
                    r"|öffentlichkeit|publikum|protokoll|liste)$")
# Words that stand alone under a label of people without naming anyone.
_NO_ONE = {"niemand", "keiner", "keine", "alle", "sonstige", "vorstand", "mitglieder", "entfällt", "offen", "tbd",
           "siehe", "anlage", "liste"}


def _people_part(text: str) -> str:
    """What a line lists after its organisation ('Ohm, Kern' of 'HWK: Ohm, Kern')."""
    m = _ORG_HEAD.match(text.strip().lstrip("-•*·▪◦‣– "))
    return (m.group("rest") or "") if m else text


def _split_writer(text: str) -> list[str]:
    return [piece for piece in text.split("; ") if piece.strip()]


def _entries(text: str, line: TextLine, status: str, registry: Registry | None,
             org: str | None, *, grouped: bool = False, listed: bool = False,
             mine: bool = False) -> list[Entry | Unreadable]:
    """The people of one line; `grouped` when the line is one of a list that gives a line to each group; `listed`
    when the lines around it list surnames alone (then 'Dettmann, Pfaff' is two people, not 'Surname, Given')."""
    # 'Rüdiger, Natalia, Kemal, Bernd (HWK) und ich': a list the writer is part of lists people, never
    # 'Surname, First name' pairs; so does 'Müller, Schmidt, Yılmaz (alle HWK)'
    text, writer = without_writer(text)
    if writer and "; " in text:  # 'Ilka, ich, Piet Harms (HWK)': the pieces on either side of the writer, each read
        return [entry for piece in _split_writer(text) for entry in _entries(piece, line, status, registry, org,
                                                                            grouped=grouped, listed=listed,
                                                                            mine=True)]
    writer = writer or mine
    if (surnames := surname_list(text, registry, listed=listed or writer)) is not None:
        return share_orgs([parse_entry(part, line.line, status, registry, org, line.page, surname=True)
                           for part in surnames], org)
    if writer:
        return share_orgs([_listed_person(piece, line, status, registry, org) for piece in _pieces(text)], org)
    alone = re.sub(r"\s*\([^()]*\)\s*$", "", text.strip())  # 'Abgesagt: Trummer (krank)': a reason after it
    if _ONE_WORD.fullmatch(alone) and lone_surname(alone, registry) \
            and not org_opener(alone) and alone.lower() not in _NO_ONE \
            and not _THING.search(alone):
        return [parse_entry(text, line.line, status, registry, org, line.page, surname=True)]  # 'Nicht dabei: Ohm'
    groups = entry_groups(text)
    found: list[Entry | Unreadable] = []
    for group in groups:
        parts = split_entries(group, registry)
        read = [parse_entry(part, line.line, status, registry, org, line.page) for part in parts]
        if len(groups) > 1 or grouped:
            group_org(read, org)  # 'Anna Berg, Max Kern (ZVB) · Eva Ohm (HWK)': the group's organisation
        found += share_pairs(read, parts, group, org)
    return share_orgs(found, org)


def one_name_list(entries: list[Entry]) -> bool:
    """The list names people by one name ('Rüdiger, Natalia, Kemal'): its sentences do so too ('Franziska hatte
    abgesagt'); a list of full names does not make a noun alone ('Messe fehlte') a person."""
    return any(len(e.name.split()) == 1 and not re.match(r"(?:Herr|Frau|Dr\.|Prof\.)\s", e.raw) for e in entries)


def _pieces(text: str) -> list[str]:
    """The people of a list the writer is part of: every comma, 'und' and 'sowie' outside parentheses separates
    ('Kemal, Franziska Lindqvist (SHK)' are two people, no 'Surname, Given' pair)."""
    pieces: list[str] = []
    for group in entry_groups(text):
        depth, start = 0, 0
        for m in re.finditer(r"[()\[\]]|,|\s+(?:und|sowie)\s+", group):
            if m.group(0) in "([":
                depth += 1
            elif m.group(0) in ")]":
                depth = max(0, depth - 1)
            elif depth == 0:
                pieces.append(group[start:m.start()])
                start = m.end()
        pieces.append(group[start:])
    return [piece.strip() for piece in pieces if piece.strip()]


# 'als Referentin Frau von Hövel', 'als Gast Herr Ohm': a piece of a list that says in what role someone came
_AS_GUEST = re.compile(r"(?i)^als\s+(?:gast|gäste|(?:gast)?referent(?:in|en|innen)?|vortragende[rn]?|gastredner(?:in)?)"
                       r"\s+(?=\S)")


def _listed_person(piece: str, line: TextLine, status: str, registry: Registry | None,
                   org: str | None) -> Entry | Unreadable:
    """One person of such a list: a name alone ('Kemal') is a person here, a guest said so ('als Gast …')."""
    if m := _AS_GUEST.match(piece):
        piece, status = piece[m.end():], GUEST
    piece = name_of_org(piece, registry)
    alone = lone_surname(re.sub(r"\([^()]*\)", "", piece).strip(), registry)
    return parse_entry(piece, line.line, status, registry, org, line.page, surname=alone)


def looks_like_people(lines: list[TextLine], registry: Registry | None) -> bool:
    """Do these lines still list people (after a blank line under 'Teilnehmende:')?"""
    texts = [_MODE_LABEL.sub("", ln.text.lstrip("-•*·▪◦‣– ")) for ln in lines[:4]]
    if not texts:
        return False
    hits = 0
    for text in texts:
        if len(text) > 3000:
            return False
        if (m := _ORG_HEAD.match(text)) and _is_org_head(m.group("org"), registry):
            rest = (m.group("rest") or "").strip()
            named = [p for p in split_entries(rest, registry)[:4] if isinstance(parse_entry(p, 0, PRESENT, registry),
                                                                                Entry)]
            if not rest or (named and not _is_prose(rest, len(named))):
                hits += 1  # 'PSG:' or 'PSG: Anna Berg', not 'Votum der Fachgruppe: Das Projekt …' nor
                # 'Thema Pflege: Frau Lange und Frau Demir nehmen als Gäste teil. Es wird vereinbart, …'
            continue
        if prose.attendance(text):
            hits += 1
            continue
        parts = split_entries(text, registry)[:4]
        people = [p for p in parts if isinstance(parse_entry(p, 0, PRESENT, registry), Entry)]
        if people and len(people) * 2 >= len(parts) and not _is_prose(text, len(people)):
            hits += 1
    return hits * 2 > len(texts)


_FUNCTION_WORDS = {"für", "und", "der", "die", "das", "des", "dem", "den", "im", "in", "am", "an", "zur", "zum",
                   "von", "vom", "bei", "mit", "auf", "aus", "e.v.", "e.", "v.", "mbh", "ggmbh", "gmbh", "ab", "bis",
                   "online", "entschuldigt", "anwesend", "abwesend", "sowie", "u.", "top", "uhr", "i.v.", "vertretung",
                   "als", "gast", "nur", "zeitweise", "teilweise", "vor", "ort", "per", "video", "telefonisch",
                   "stellv.", "itb", "digital", "präsenz", "zugeschaltet", "später", "ca.", "h"}
_LOWER_WORD = re.compile(r"(?<![\w-])[a-zäöüß][\w.-]*")


def _is_prose(text: str, people: int) -> bool:
    """'Herr Hoffmann begrüßt die Teilnehmenden.' names a person but is a sentence, not a list: it has
    lower-case words that are neither function words nor notes."""
    bare = re.sub(r"\([^()]*\)", " ", text)
    words = [w for w in _LOWER_WORD.findall(bare) if w.lower().rstrip(",;:.") not in _FUNCTION_WORDS]
    if words and people <= 1 and text.rstrip().endswith(".") and "," not in bare:
        return True  # 'Frau Hartwig berichtet.', 'Broschüre: Druckfreigabe erteilt (Beschluss).': a short sentence
    return len(words) >= max(2, people)


# --- tables ------------------------------------------------------------------------------------

NAME, FIRST, LAST, TITLE, ORG, NOTE, STATUS, SKIP = "name", "first", "last", "title", "org", "note", "status", "skip"
DAY, SIGNATURE = "day", "signature"  # a meeting's date over its mark column; a sign-in sheet's signature column
SUBSTITUTE = "substitute"  # a remark column naming who came instead ('vertreten durch') beside the member's name
CHECKIN = "checkin"  # a registration export's check-in: a time (or mark) for who came, empty for who did not
_CHECKIN_WORD = re.compile(r"check[- ]?in(?:[- ]?(?:zeit|uhrzeit|time|status))?|eingecheckt(?:\s+um)?|einlass"
                           r"|ankunft(?:szeit)?|erschienen(?:\s+um)?|anwesenheit\s*\(check[- ]?in\)")
_DAY_HEADER = re.compile(r"(?:(?:mo|di|mi|do|fr|sa|so)\.?,?\s*)?(\d{1,2})\.\s?(\d{1,2})\.(?:\s?(\d{2}|\d{4}))?")
_HEADER_WORDS: dict[str, set[str]] = {
    NAME: {"name", "namen", "teilnehmer", "teilnehmende", "teilnehmer*in", "teilnehmer*innen", "teilnehmerin",
           "teilnehmer/in", "teilnehmer/innen", "teilnehmerinnen", "person", "personen", "vor- und nachname",
           "name, vorname", "nachname, vorname", "vorname name", "vorname nachname", "titel, name", "titel name",
           "name, titel", "vor- und zuname", "anwesende", "mitglied", "vertreter", "vertreter*in", "vertreterin",
           "ansprechpartner", "ansprechpartner*in", "teilnehmende person", "name (organisation)",
           # who came for an organisation: 'Organisation | Vertreten durch'
           "vertreten durch", "vertreten von", "vertreter/in", "delegierte", "entsandt", "vertretung durch",
           "vertretung", "in vertretung",
           "anwesend für die organisation",
           # attendance reports of Teams, Zoom, Webex
           "vollständiger name", "full name", "name (ursprünglicher name)", "name (original name)", "teilnehmername",
           "participant", "participant name", "display name", "anzeigename", "attendee", "teilnehmer name"},
    FIRST: {"vorname", "vornamen"},
    LAST: {"nachname", "familienname", "zuname"},
    TITLE: {"titel", "akad. titel", "akademischer titel", "grad"},
    ORG: {"organisation", "organization", "institution", "einrichtung", "unternehmen", "firma", "verband",
          "partner", "org", "org.", "partnerorganisation", "betrieb", "dienststelle", "behörde", "kammer",
          "arbeitgeber", "organisationseinheit", "institut", "träger", "partnerinstitution", "mitgliedsorganisation",
          "haus", "bereich"},
    NOTE: {"funktion", "rolle", "role", "bemerkung", "bemerkungen", "anmerkung", "anmerkungen", "hinweis", "hinweise",
           "notiz", "position", "kommentar", "aufgabe", "zeit", "zeitraum", "von-bis", "ab top"},
    STATUS: {"status", "anwesenheit", "teilnahme", "teilnahmeform", "form", "art der teilnahme", "teilnahmeart",
             "präsenz/online", "vor ort/online", "online/präsenz", "modus", "anwesenheitsstatus"},
    SIGNATURE: {"unterschrift", "unterschriften", "signatur", "handzeichen", "paraphe", "signature"},
    SKIP: {"nr", "nr.", "#", "lfd. nr.", "lfd.", "lfd. nr", "e-mail", "email", "mail", "telefon", "tel.",
           "kontakt", "e-mail-adresse", "anrede", "kürzel",
           "erste teilnahme", "first join", "first join time", "beitrittszeit", "beitritt", "join time",
           "letztes verlassen", "last leave", "last leave time", "austrittszeit", "austritt", "leave time",
           "dauer", "duration",
           "dauer (minuten)", "duration (minutes)", "in-meeting duration", "teilnahmedauer", "dauer im meeting",
           "user email", "benutzer-e-mail", "e-mail des benutzers", "teilnehmer-id", "participant id",
           "id", "uhrzeit", "zeitstempel", "timestamp", "aktivität", "dauer in der besprechung", "in-meeting-dauer",
           "teilnehmer-id (upn)", "participant id (upn)", "e-mail-adresse des benutzers", "attendee email",
           "email address", "aufnahmezustimmung", "recording consent", "beitritt um",
           "verlassen um", "joined", "left", "teilnahmezeit", "anmeldezeit", "abmeldezeit",
           # a meeting tool's participant panel copied as text ('Name  Beitreten  Verlassen  Dauer')
           "beitreten", "beigetreten", "beigetreten um", "verlassen", "zuletzt verlassen", "zeit im meeting",
           "join", "leave", "joined at", "left at", "anwesenheitsdauer", "gesamtdauer",
           # the meeting itself, repeated in every row of a sign-up export
           "datum", "beginn", "ende", "ort", "veranstaltung", "veranstaltungsort", "termin", "sitzung", "event",
           "raum", "anmeldedatum", "anmeldung", "angemeldet am", "registriert am", "anmelde-id"},
}
# Header words of a column that holds one status each, as marks ("x") or as names (side-by-side lists).
_STATUS_COLUMNS = {
    "anwesend": PRESENT, "anwesende": PRESENT, "teilgenommen": PRESENT, "ja": PRESENT, "dabei": PRESENT,
    "entschuldigt": EXCUSED, "entschuldigte": EXCUSED, "abgesagt": EXCUSED, "verhindert": EXCUSED,
    "abwesend": ABSENT, "abwesende": ABSENT, "nicht anwesend": ABSENT, "fehlt": ABSENT, "unentschuldigt": ABSENT,
    "gast": GUEST, "gäste": GUEST, "als gast": GUEST, "guest": GUEST,
}
# Status columns that say how someone took part: a '–' there is no absence.
_MODE_STATUS = {"teilnahmeform", "form", "art der teilnahme", "teilnahmeart", "präsenz/online", "vor ort/online",
                "online/präsenz", "modus"}
# Mark columns that say how someone took part, not whether.
_MODE_COLUMNS = {"online": "online", "vor ort": "vor Ort", "präsenz": "in Präsenz", "in präsenz": "in Präsenz",
                 "digital": "online", "virtuell": "online", "per video": "online", "telefonisch": "telefonisch"}
_MARK = re.compile(r"^(?:x|X|✓|✔|☑|☒|✗|✘|●|•|ja|Ja|JA|j|J|\+|1|yes)$")
_NO_MARK = re.compile(r"^(?:|-|–|—|nein|Nein|NEIN|n|N|0|☐|/|o)$")
_NUMBER = re.compile(r"^\d{1,3}[.)]?$")
# One letter or word in an attendance column: 'a' anwesend, 'e' entschuldigt, 'G' Gast, 'u' unentschuldigt.
_CELL_STATUS = {"a": PRESENT, "x": PRESENT, "+": PRESENT, "✓": PRESENT, "✔": PRESENT, "☒": PRESENT, "☑": PRESENT,
                "ja": PRESENT, "anw": PRESENT, "e": EXCUSED, "entsch": EXCUSED, "ent": EXCUSED, "g": GUEST,
                "gast": GUEST, "u": ABSENT, "f": ABSENT, "fehlt": ABSENT, "n": ABSENT, "nein": ABSENT, "abw": ABSENT}


_GENDER = re.compile(r"(?:[*:/_]in(?:nen)?|\(in(?:nen)?\)|/-?in(?:nen)?)(?=\s|$|[/,])")


def _header_word(cell: str) -> str:
    """A header cell as a lookup key: lower case, one space, gender forms ('Vertreter*innen') as the base word."""
    word = re.sub(r"\s+", " ", cell.lower().replace("\n", " ")).strip(" :*")
    return _GENDER.sub("", word) if "in" in word else word


@lru_cache(maxsize=4096)
def _column_role(cell: str) -> tuple[str, str | None] | None:
    """(kind, value) for one header cell: ('name', None), ('mark', 'excused'), ('mode', 'online')."""
    word = _header_word(cell)
    if not word:
        return ("empty", None)
    if _DAY_HEADER.fullmatch(word):
        return (DAY, word)  # '12.03.2025', '14.05.': one meeting of a list kept over the year
    if (bare := re.sub(r"\s*\((?:ja\s*/\s*nein|x|bitte\s+ankreuzen|ankreuzen|✓|j\s*/\s*n)\)$", "", word)) != word:
        word = bare  # 'anwesend (ja/nein)', 'Teilnahme (x)': a hint how to fill in the column
    if _CHECKIN_WORD.fullmatch(word):
        return (CHECKIN, None)
    if word in _STATUS_COLUMNS:
        return ("mark", _STATUS_COLUMNS[word])
    if word in _MODE_COLUMNS:
        return ("mode", _MODE_COLUMNS[word])
    candidates = [word, *(p.strip() for p in re.split(r"\s*[/,&]\s*|\s+und\s+|\s+\(", word) if p.strip())]
    for kind, words in _HEADER_WORDS.items():
        if word in words:
            return (kind, "mode" if kind == STATUS and word in _MODE_STATUS else None)
    for kind in (NAME, ORG, FIRST, LAST, STATUS, NOTE, TITLE, SKIP):
        if any(c in _HEADER_WORDS[kind] for c in candidates[1:]):
            return (kind, None)
    if len({_STATUS_COLUMNS[c] for c in candidates[1:] if c in _STATUS_COLUMNS}) >= 2 \
            or len([c for c in candidates[1:] if c in _STATUS_COLUMNS or c in _MODE_COLUMNS]) >= 2 \
            and any(c in _STATUS_COLUMNS for c in candidates[1:]):
        return (STATUS, None)  # 'anwesend/entschuldigt', 'vor Ort / online / entschuldigt': the cell says which
    if re.fullmatch(r"(?:teilnahme|anwesenheit)\b.*|.*status", word):
        return (STATUS, None)
    return _column_meaning(word)


# Header words a meeting tool or a registration form invents, read from what they say: whose name
# ('Name des Teilnehmers', 'Nutzer', 'Benutzername'), a time or a count of activity ('Verlassenszeit',
# 'Sprechzeit', 'Handmeldungen'), the role in the tool ('Moderator/Zuschauer').
_NAME_WORD = re.compile(r"(?:(?:vor-?\s*und\s+)?(?:voll|anzeige|benutzer|nutzer|teilnehmer|teilnehmenden|personen)?"
                        r"name[n]?(?:\s+(?:des|der|von)\s+(?:teilnehm\w*|nutzer\w*|benutzer\w*|person\w*|gast|gäste))?"
                        r"|(?:benutzer|nutzer|user|teilnehmer|teilnehmende|attendee)(?:\s*\(.*\))?)")
_NOT_PERSON_WORD = re.compile(r"organisation|firma|unternehmen|institution|einrichtung|veranstaltung|meeting|raum"
                              r"|datei|gruppe|sitzung|kurs|event|termin")
_SKIP_WORD = re.compile(r".*(?:zeit|time|dauer|duration|datum|date|minuten|sekunden|punkte|anzahl|count|nachrichten"
                        r"|reaktionen|meldungen|beiträge|e-?mail|telefon|adresse|kennung|id)")
_TOOL_ROLE_WORD = re.compile(r"(?:moderator|zuschauer|präsentator|gastgeber|host|organisator)\w*(?:\s*/\s*\w+)*"
                             r"|rolle|role")


def _column_meaning(word: str) -> tuple[str, str | None] | None:
    if _NAME_WORD.fullmatch(word) and not _NOT_PERSON_WORD.search(word):
        return (NAME, None)
    short = word.rstrip(".").strip()
    if re.fullmatch(r"st|stat|anw\.?\s*/\s*entsch|(?:[a-z]\s*/\s*){1,4}[a-z]", short) \
            and all(letter in _CELL_STATUS for letter in re.findall(r"\b[a-z]\b", short)):
        return (STATUS, None)  # 'St.', 'a/e', 'a/e/g': a column of status letters
    if len(short) >= 3 and word.endswith(".") and len(said := {status for key, status in _STATUS_COLUMNS.items()
                                                               if key.startswith(short)}) == 1:
        return ("mark", said.pop())  # 'anw.', 'entsch.', 'unentsch.': a status word cut short
    if _TOOL_ROLE_WORD.fullmatch(word):
        return (NOTE, None)
    if _SKIP_WORD.fullmatch(word):
        return (SKIP, None)
    return None


@dataclass
class Columns:
    """Column index per role of one participant table."""

    roles: dict[int, tuple[str, str | None]]
    reversed_names: bool = False

    def first(self, kind: str) -> int | None:
        return next((i for i, (k, _) in sorted(self.roles.items()) if k == kind), None)

    def all(self, kind: str) -> list[int]:
        return [i for i, (k, _) in sorted(self.roles.items()) if k == kind]


def header_columns(cells: tuple[str, ...]) -> Columns | None:
    """Column roles when `cells` is a participant table's header row, else None."""
    found: dict[int, tuple[str, str | None]] = {}
    reversed_names = False
    unknown = 0
    for i, cell in enumerate(cells):
        role = _column_role(cell)
        if role is None:
            unknown += 1  # 'Aufnahmezustimmung' in a meeting tool's export: a column the parser need not read
            continue
        if role[0] != "empty":
            found[i] = role
        elif i > 0:
            found[i] = (NOTE, None)  # a column without header beside the names: remarks ('Leitung', 'entschuldigt')
        if _header_word(cell) in ("name, vorname", "nachname, vorname"):
            reversed_names = True
    names = [i for i, (k, _) in sorted(found.items()) if k == NAME]
    for i in names[1:]:
        if re.match(r"vertret|vertretung|in vertretung|stellvertret", _header_word(cells[i])):
            found[i] = (NOTE, SUBSTITUTE)  # 'Mitglied | … | vertreten durch': who came instead of the member
    kinds = {k for k, _ in found.values()}
    if unknown and (not kinds & {NAME, FIRST, LAST} or unknown * 2 > len(found) or len(found) < 2):
        return None
    if kinds & {FIRST, LAST} and NAME in kinds:
        # 'Vorname | Name': the name column holds the surname
        found = {i: ((LAST, None) if k == NAME and LAST not in kinds else (k, v)) for i, (k, v) in found.items()}
        kinds = {k for k, _ in found.values()}
    if kinds & {DAY, SIGNATURE, CHECKIN}:
        kinds = kinds | {"mark"}  # a date or a signature column says who was there, as a mark column does
    if not kinds & {NAME, FIRST, LAST, "mark"} and not (kinds == {"mode"} and len(found) > 1):
        return None  # ('vor Ort | online' alone: a column of people per way of taking part)
    if kinds & {"mark", "mode"} and not kinds & {NAME, FIRST, LAST, ORG}:
        return Columns(found, reversed_names)  # side-by-side lists: 'Anwesend | Entschuldigt'
    if not kinds & {NAME, FIRST, LAST}:
        return None
    return Columns(found, reversed_names)


_TOOL_COLUMNS = re.compile(r"(?i)^(?:erste\s+teilnahme|first\s+join|beitritt|beitreten|beigetreten|join|betreten"
                           r"|raum\s+betreten|eingetreten|teilnahmedauer|verweildauer|anwesenheitsdauer"
                           r"|letztes\s+verlassen|zuletzt\s+verlassen|verlassen|last\s+leave"
                           r"|austritt|leave|dauer|duration|in-meeting|zeit\s+im\s+meeting)")


def is_meeting_tool_list(block: Block) -> bool:
    """A participant list exported by Teams, Zoom or Webex: its columns give join and leave times."""
    header = block.header if block.header_rows else (block.rows[0] if block.rows else ())
    return block.kind == "table" and sum(1 for c in header if _TOOL_COLUMNS.match(c.strip())) >= 2 \
        and header_columns(header) is not None


def _content_kind(values: list[str], registry: Registry | None) -> str | None:
    """A header-less column's role from its cells."""
    cells = [v for v in values if v.strip()]
    if not cells:
        return "empty"
    def share(test: Callable[[str], bool]) -> float:
        return sum(1 for c in cells if test(c)) / len(cells)
    letters = {c.strip().lower() for c in cells}
    if len(letters) >= 2 and all(v in _CELL_STATUS for v in letters) and letters - {"x", "ja", "✓", "✔", "☒", "☑"}:
        return STATUS  # 'x', 'e', 'g' in front of the names of aligned text: one status letter each
    if share(lambda c: _MARK.match(c.strip()) is not None) >= 0.5:
        return "mark"
    if share(lambda c: _NUMBER.match(c.strip()) is not None) >= 0.8:
        return SKIP
    if share(lambda c: "@" in c or re.fullmatch(r"[\d\s/+()-]{5,}", c) is not None) >= 0.5:
        return SKIP
    if share(lambda c: classify_note(c) is not None) >= 0.6:
        return STATUS
    if share(lambda c: (bool(registry and registry.lookup(c)) or is_org_like(c))
             and not (person_name(c.split("(")[0].split(",")[0].strip()) and ("(" in c or "," in c))) >= 0.5:
        return ORG  # not 'Anna Berg (KH Uelzen)' nor 'Anna Berg, IHK': a name with its organisation
    if share(lambda c: starts_with_person(c, registry)
             or isinstance(parse_entry(c, 0, PRESENT, registry), Entry)) >= 0.5:
        return NAME  # also 'Nguyen, Thi Huong': the surname first
    return None


def _columns_from_content(rows: tuple[tuple[str, ...], ...], registry: Registry | None) -> Columns | None:
    width = max((len(r) for r in rows), default=0)
    found: dict[int, tuple[str, str | None]] = {}
    for i in range(width):
        kind = _content_kind([r[i] if i < len(r) else "" for r in rows], registry)
        if kind == "mark":
            found[i] = ("mark", PRESENT)
        elif kind not in (None, "empty"):
            found[i] = (kind, None)
    if NAME not in {k for k, _ in found.values()}:
        return None
    return Columns(found)


def is_participant_table(block: Block, registry: Registry | None, *, in_section: bool) -> bool:
    """A table of people: its header names a name column, or (inside a participant section) its cells do."""
    rows = block.rows
    if not rows:
        return False
    if block.header_rows and header_columns(block.header) is not None:
        return True
    if header_columns(rows[0]) is not None or _captioned(rows) is not None:
        return True
    columns = _columns_from_content(rows, registry)
    return columns is not None and (in_section or _says_attendance(rows, columns))


def _says_attendance(rows: tuple[tuple[str, ...], ...], columns: Columns) -> bool:
    """A header-less table of names whose status column says, in words, who came ('Anna Berg | HWK | anwesend',
    '… | entschuldigt'): an attendance list wherever it stands, without a label over it."""
    said = [classify_note(_cell(row, i)) for i in columns.all(STATUS) for row in rows if _cell(row, i)]
    statuses = {kind[1] for kind in said if kind is not None and kind[0] == "status"}
    return len(rows) >= 2 and bool(statuses) and len([k for k in said if k and k[0] == "status"]) * 2 >= len(said)


def attendance_table(block: Block) -> bool:
    """A table whose header names the people and marks who came ('Teilnehmende | Institution | anwesend'):
    a list of attendance wherever it stands, also under 'Aufgaben' (a second sheet appended to the last
    section), never a table of tasks."""
    if block.kind != "table" or not block.rows:
        return False
    cells = block.header if block.header_rows else block.rows[0]
    columns = header_columns(cells)
    if columns is None:
        return False
    kinds = {role for role, _ in columns.roles.values()}
    return bool({NAME, LAST} & kinds) and bool({"mark", STATUS, CHECKIN} & kinds)


def _captioned(rows: tuple[tuple[str, ...], ...]) -> int | None:
    """The index of a participant header under a caption row inside the table ('Teilnehmerliste' across all
    columns over 'Name | Organisation | anwesend'), or None."""
    for index in range(1, min(3, len(rows))):
        if any(len([c for c in row if c.strip()]) > 1 for row in rows[:index]):
            return None
        if header_columns(rows[index]) is not None:
            return index
    return None


def _this_meeting(columns: Columns, rows: tuple[tuple[str, ...], ...], meeting: date | None) -> Columns:
    """A list kept over the year has a column per meeting ('12.03. | 14.05. | 10.09.'): the column of this meeting
    (its day and month; else the last one filled in) is its mark column, the others say nothing about it. A
    signature column filled in somewhere is a mark column: an empty signature is no attendance."""
    result = dict(columns.roles)
    days = columns.all(DAY)
    if days:
        chosen = None
        for i in days:
            m = _DAY_HEADER.fullmatch(columns.roles[i][1] or "")
            if m and meeting is not None and (int(m.group(1)), int(m.group(2))) == (meeting.day, meeting.month):
                chosen = i
        if chosen is None:
            chosen = next((i for i in reversed(days) if any(_cell(row, i) for row in rows)), None)
        for i in days:
            del result[i]
        if chosen is not None:
            result[chosen] = ("mark", PRESENT)
    for i in columns.all(SIGNATURE):
        del result[i]
        if any(_cell(row, i) and not _NO_MARK.match(_cell(row, i)) for row in rows):
            result[i] = ("mark", PRESENT)
    return Columns(result, columns.reversed_names)


def _status_by_values(columns: Columns, rows: tuple[tuple[str, ...], ...], registry: Registry | None) -> Columns:
    """A column whose header says nothing known ('da?', 'Rückmeldung', 'ok') holding status words or marks
    ('ja'/'nein'/'e', 'x', '✓'): the status column, by its values, when the table has none yet."""
    if columns.all(STATUS) or columns.all("mark") or columns.all("mode") or columns.all(CHECKIN) \
            or not columns.all(NAME) \
            and not columns.all(LAST):
        return columns
    width = max((len(r) for r in rows), default=0)
    for i in range(width):
        if i in columns.roles:
            continue
        kind = _content_kind([_cell(row, i) for row in rows], registry)
        if kind in (STATUS, "mark"):
            return Columns({**columns.roles, i: (STATUS, None) if kind == STATUS else ("mark", PRESENT)},
                           columns.reversed_names)
    return columns


def from_table(block: Block, status: str, registry: Registry | None, meeting: date | None = None, *,
               legend: dict[str, str] | None = None) -> Outcome:
    """Entries of one participant table; a header row may be known to the reader or recognised here.
    `meeting`: the meeting's date, to find its column in a list that has one per meeting; `legend`: what the
    marks of its status column mean ('✔ = anwesend, ✘ = entschuldigt' under the table)."""
    rows = block.rows
    lines = block.row_lines or tuple(block.line + i for i in range(len(rows)))
    start = 0
    columns = header_columns(block.header) if block.header_rows else None
    if columns is not None:
        start = block.header_rows
    elif rows and (columns := header_columns(rows[0])) is not None:
        start = 1
    elif (caption := _captioned(rows)) is not None and (columns := header_columns(rows[caption])) is not None:
        start = caption + 1
    else:
        start = block.header_rows
        columns = _columns_from_content(rows[start:], registry)
    if columns is not None and start < len(rows) and (sub := _sub_header(rows[start], columns)) is not None:
        columns, start = sub, start + 1  # 'Teilnahme' over 'vor Ort | online | entschuldigt'
    if columns is not None and (columns.all(DAY) or columns.all(SIGNATURE)):
        columns = _this_meeting(columns, rows[start:], meeting)
    if columns is not None and start > 0:
        columns = _status_by_values(columns, rows[start:], registry)
    out = Outcome()
    group_org: str | None = None
    crossed = _ticks_and_crosses(rows[start:])
    used_modes = columns is not None and any(_MARK.match(_cell(row, i)) for row in rows[start:]
                                             for i in columns.all("mode"))
    for i in range(start, len(rows)):
        written = tuple(c.strip() for c in rows[i])
        row = tuple(_CROSS.sub("nein", c) if crossed else c for c in written)
        if legend and columns is not None and columns.all(STATUS):  # '✘' under '✘ = entschuldigt'
            row = tuple(_LEGEND_SAYS[legend[w.lower()]] if j in columns.all(STATUS) and len(w) <= 3
                        and w.lower() in legend else c for j, (w, c) in enumerate(zip(written, row, strict=True)))
        line = TextLine(" | ".join(c for c in row if c), lines[i] if i < len(lines) else block.line, block.page)
        if not any(row) or all(_NO_MARK.match(c) or _NUMBER.match(c) for c in row):
            continue
        if columns is None:
            out.extend(from_lines([line], status, registry))
            continue
        if header_columns(row) is not None:  # a repeated header (table continued on the next page)
            continue
        if (divider := _group_row(row, columns, registry)) is not None:
            group_org = divider
            continue
        marks = columns.all("mark") + columns.all("mode")
        if marks and not columns.all(NAME) and not columns.all(FIRST) and not columns.all(LAST):
            out.extend(_side_by_side(row, line, columns, registry))
            continue
        out.extend(_mapped_row(row, line, columns, status, registry, group_org, used_modes=used_modes))
    for entry in out.entries:
        if entry.organisation_raw and _DEVICE.search(entry.organisation_raw):
            entry.organisation_raw = None  # 'Stefan Becker (iPhone von Stefan)': the device, not an organisation
    if is_meeting_tool_list(block):
        for entry in out.entries:  # the tool's 'Gast'/'Guest'/'Extern' flag is its login, not a status
            if entry.status == GUEST:
                entry.status = PRESENT
    return out


_LEGEND_SAYS = {PRESENT: "anwesend", EXCUSED: "entschuldigt", ABSENT: "abwesend", GUEST: "Gast"}
_TICK = re.compile(r"^[✓✔☑]")
_CROSS = re.compile(r"^[✗✘]$")


def _ticks_and_crosses(rows: tuple[tuple[str, ...], ...]) -> bool:
    """A list that marks with ticks and crosses ('✓' / '✗'): there a cross says 'no', elsewhere it is a mark."""
    cells = [c.strip() for row in rows for c in row]
    return any(_TICK.match(c) for c in cells) and any(_CROSS.match(c) for c in cells)


def _sub_header(row: tuple[str, ...], columns: Columns) -> Columns | None:
    """A second header row that names the columns under a spanning one ('Teilnahme' over 'vor Ort | online |
    entschuldigt'): only mark and mode words, none under the name column. The columns with it, else None."""
    named = {i: role for i, cell in enumerate(row) if cell.strip() and (role := _column_role(cell)) is not None}
    if len(named) < 2 or any(i in columns.all(NAME) for i in named) \
            or any(role[0] not in ("mark", "mode", "empty") for role in named.values()) \
            or len(named) != len([c for c in row if c.strip()]):
        return None
    roles = dict(columns.roles)
    for i, role in named.items():
        if role[0] != "empty":
            roles[i] = role
    for i, (kind, _) in list(roles.items()):
        if kind == STATUS and i not in named:
            del roles[i]  # the spanning 'Teilnahme' itself holds no cell values of its own any more
    return Columns(roles, columns.reversed_names)


def _group_row(row: tuple[str, ...], columns: Columns, registry: Registry | None) -> str | None:
    """'PSG' alone in the first column of a row: a divider naming the organisation of the rows below it
    (alone in the organisation column it is a row without a name)."""
    values = [c for c in row if c]
    if len(values) != 1 or columns.roles.get(row.index(values[0]), ("", None))[0] == ORG:
        return None
    if row.index(values[0]) in (0, columns.first(NAME)) and _is_org_head(values[0].rstrip(":"), registry):
        return values[0].rstrip(":").strip()
    return None


def _cell(row: tuple[str, ...], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def _mapped_row(row: tuple[str, ...], line: TextLine, columns: Columns, status: str,
                registry: Registry | None, group_org: str | None = None, *, used_modes: bool = False) -> Outcome:
    """One row of a participant table by its columns' roles. `used_modes`: the table's 'vor Ort' / 'online'
    columns are filled in somewhere, so a row with no mark at all says its person did not take part."""
    out = Outcome(total=1)
    name = _cell(row, columns.first(NAME))
    if columns.reversed_names and "," in name:
        # 'von der Heyde, Hans-Jürgen, Prof. Dr.-Ing.': surname, given name, then the titles
        last, *rest = [part.strip() for part in name.split(",")]
        titles = [part for part in rest if part and not split_titles(part)[1]]
        first = " ".join(part for part in rest if part and part not in titles)
        name = " ".join(part for part in (*titles, first, last) if part)
    if not name or (columns.first(FIRST) is not None and columns.first(LAST) is not None):
        last_title, last = split_titles(_cell(row, columns.first(LAST)))  # 'Ralf | Dr. Ziegler'
        name = " ".join(p for p in (last_title, _cell(row, columns.first(FIRST)), last or name) if p)
    elif columns.first(FIRST) is not None and name and _cell(row, columns.first(FIRST)):
        name = f"{_cell(row, columns.first(FIRST))} {name}"
    title = _cell(row, columns.first(TITLE))
    if title and title.lower() not in ("herr", "frau", "-", "–"):
        name = f"{title} {name}"
    org = " ".join(_cell(row, i) for i in columns.all(ORG) if _cell(row, i)) or group_org or ""
    notes: list[str] = []
    for i in columns.all(STATUS):
        value = _cell(row, i)
        if value and (said := _CELL_STATUS.get(value.strip(" .").lower())):
            status = said  # 'a', 'e', 'G', 'x' in an attendance column
        elif value and not _NO_MARK.match(value):
            said, more = read_status(value)
            status = said or status
            notes += more
        elif value and columns.roles[i][1] != "mode":
            status = ABSENT  # '–' in an attendance column (not in one that says how someone took part)
    note_status: str | None = None
    for i in columns.all(NOTE):
        value = _cell(row, i)
        if value and columns.roles[i][1] == SUBSTITUTE and not _SUBSTITUTE.search(value) \
                and classify_note(value) is None and starts_with_person(value, registry):
            value = f"vertreten durch {value}"  # the name under 'vertreten durch': that person came for the member
        kind = classify_note(value) if value else None
        if kind and kind[0] == "status":
            status = note_status = kind[1]
        elif value and not _NO_MARK.match(value):
            words = [k[1] for part in re.split(r"\s*[,;/]\s*", value)
                     if (k := classify_note(part)) and k[0] == "status"]
            if words and words[-1] in (GUEST, EXCUSED, ABSENT):
                status = words[-1]  # 'Praxisbeispiel, Gast': the status among the remarks
            notes.append(value)
    marked = [said for i in columns.all("mark") if (said := columns.roles[i][1]) and _MARK.match(_cell(row, i))]
    moded = any(_MARK.match(_cell(row, i)) for i in columns.all("mode"))
    if columns.all("mark"):
        # unmarked: absent when a column asks for presence; with only 'entschuldigt' or 'Gast' columns, or a
        # mark in 'online' / 'vor Ort', the person took part
        asks_presence = any(columns.roles[i][1] == PRESENT for i in columns.all("mark")) or used_modes
        status = marked[0] if marked else (status if columns.all(STATUS) or moded or not asks_presence
                                           else ABSENT)
        if not marked and any(_cell(row, i) and not _NO_MARK.match(_cell(row, i)) for i in columns.all("mark")):
            # 'anwesend: online' – a word instead of a mark
            for i in columns.all("mark"):
                value = _cell(row, i)
                if value and not _NO_MARK.match(value):
                    kind = classify_note(value)
                    letter = _CELL_STATUS.get(value.strip(" .").lower()) if columns.roles[i][1] == PRESENT else None
                    status = letter or (kind[1] if kind and kind[0] == "status" else (columns.roles[i][1] or status))
                    if kind and kind[0] == "note":
                        notes.append(kind[1])
                    break
    for i in columns.all(CHECKIN):  # registered, then checked in (a time), cancelled ('storniert') or not there
        value = _cell(row, i)
        kind = classify_note(value) if value else None
        if kind and kind[0] == "status":
            status = kind[1]
        elif value and not _NO_MARK.match(value):
            status = GUEST if status == GUEST else PRESENT
        elif status not in (EXCUSED, ABSENT):
            status = ABSENT
    for i in columns.all("mode"):
        if _MARK.match(_cell(row, i)):
            notes.append(columns.roles[i][1] or "")
            if not columns.all("mark") and not columns.all(STATUS):
                status = PRESENT
    if used_modes and not columns.all("mark") and not columns.all(STATUS) and not moded:
        status = ABSENT  # 'vor Ort' and 'online' both empty: not there
    listed = _names_in_marks(row, columns, registry)
    if not name and listed:
        found_listed: list[Entry | Unreadable] = [
            parse_entry(person + (f" ({org})" if org and "(" not in person else ""), line.line, said, registry, None,
                        line.page) for person, said in listed]
        out.entries += [e for e in found_listed if isinstance(e, Entry)]
        out.understood = int(all(isinstance(e, Entry) for e in found_listed))
        return out
    if not name:
        if any(_cell(row, i) for i in columns.all(ORG)):
            out.unreadable.append(Unreadable(line.line, line.text, f"nur Organisation „{org}“, keine Person erkennbar",
                                             clean(org), line.page))
        else:
            out.total = 0  # an empty or decorative row
        return out
    others = [(person, said) for value in notes for person, said in _named_in_note(value)]
    if status == ABSENT and (note_status == EXCUSED or any(said == PRESENT for _, said in others)):
        status = EXCUSED  # 'nein' with 'krank' or 'vertreten durch …' beside it: a reason, so excused
    found: list[Entry | Unreadable] = []
    for person in _names_in_cell(name, registry):
        if "(" in org and "(" not in person and not any(  # 'Ministerium (Nds. MW)': the cell is the organisation,
                classify_note(part) for inside in re.findall(r"\(([^()]*)\)", org)  # but '(Gast)' is a status
                for part in inside.split(",")):
            found.append(parse_entry(person, line.line, status, registry, clean(org), line.page))
            continue
        flat = re.sub(r"\s*\(\s*", ", ", org).replace(")", "")  # 'Geschäftsstelle (Gast)' -> 'Geschäftsstelle, Gast'
        text = person + (f" ({flat})" if org and "(" not in person else "")
        found.append(parse_entry(text, line.line, status, registry, None, line.page))

    whole = _whole_org(org)
    for entry in found:
        if isinstance(entry, Entry):
            if org and entry.organisation_raw is None:
                entry.organisation_raw = clean(org)
            elif whole and entry.organisation_raw == clean(org.split(",")[0]):
                entry.organisation_raw = whole  # 'Stadt Hameln, Wirtschaftsförderung' is one cell, one organisation
            entry.note = "; ".join(n for n in (entry.note, *notes) if n) or None
            entry.raw = line.text
            out.entries.append(entry)
        else:
            out.unreadable.append(Unreadable(line.line, line.text, entry.reason,
                                             entry.organisation_raw or clean(org), line.page))
    for person, said in others:  # the substitute, or someone the remark says was excused ('Fr. Ohm entschuldigt')
        other = parse_entry(person + (f" ({org})" if org and "(" not in person else ""), line.line, said, registry,
                            None, line.page)
        if isinstance(other, Entry):
            out.entries.append(other)
    out.understood = int(bool(found) and all(isinstance(e, Entry) for e in found))
    return out


def _whole_org(cell: str) -> str | None:
    """An organisation cell with a place or a department after a comma ('Kiefer Holzbau GmbH, Endingen'), kept
    whole; None when a part after the comma is a note or a status ('BAuA, online')."""
    parts = [p.strip() for p in cell.split(",")]
    if len(parts) < 2 or any(not p or classify_note(p) or not p[:1].isupper() for p in parts[1:]):
        return None
    return clean(cell)


# A remark that names another person: the substitute ('vertreten durch Lea Sommer', 'i. V. Herr Ohm'), or someone
# with a status ('Fr. Ohm entschuldigt', 'abgesagt (Fr. Ohm)').
_SUBSTITUTE = re.compile(r"(?i:vertreten\s+durch|vertretung(?:\s+durch)?:?|in\s+vertretung(?:\s+durch)?:?|i\.\s?v\.)"
                         r"\s+(?P<who>[^,;()]+)")
_STATUS_WORD = r"(?P<said>entschuldigt|abgesagt|verhindert|krank|abwesend|fehlt)"
_NOTE_PERSON = (rf"(?P<who>(?:{SALUTATION_PATTERN}|Dr\.|Prof\.)\s+(?:(?:Dr\.|Prof\.)\s+)?[A-ZÄÖÜ][\w'’-]+"
                r"(?:\s+[A-ZÄÖÜ][\w'’-]+)?)")
_PERSON_STATUS = re.compile(rf"{_NOTE_PERSON}\s+{_STATUS_WORD}\b|{_STATUS_WORD.replace('said', 'said2')}\s*[(:]\s*"
                            rf"{_NOTE_PERSON.replace('who', 'who2')}", re.IGNORECASE)


# 'in Vertretung für Jonas Keller', 'i. V. für Herrn Keller', 'vertritt Frau Ohm', 'der Jonas Keller vertrat': the
# person written before stands in for the one named here.
_STANDS_IN = re.compile(r"(?i:(?:in|als)\s+vertretung\s+(?:für|von)|i\.\s?v\.\s+(?:für|von)|vertretung\s+für|vertritt"
                        r"|stellvertretend\s+für)\s+(?P<who>[^,;()]+)|(?i:der|die)\s+(?P<who2>[^,;()]+?)\s+"
                        r"(?i:vertrat|vertritt|vertreten\s+hat)\b")


def substitutes(entries: list[Entry], registry: Registry | None) -> None:
    """Who stood in for whom, by the remarks of the list: 'Jonas Keller (ZVB, vertreten durch Tom Krause)' makes
    Jonas Keller excused and Tom Krause present; 'Tom Krause (ZVB, in Vertretung für Jonas Keller)' keeps Tom Krause
    present and makes Jonas Keller excused. A person the list does not name yet is added with the organisation of
    the one named with them (the substitute comes from the same house)."""
    def listed(name: str) -> Entry | None:
        """The entry of the same person: same surname, and the given names (or their initials) agree."""
        words = name.split()
        for entry in entries:
            theirs = entry.name.split()
            if not words or not theirs or name_key(words[-1]) != name_key(theirs[-1]):
                continue
            if len(words) == 1 or len(theirs) == 1 or name_key(words[0])[:1] == name_key(theirs[0])[:1]:
                return entry
        return None

    for entry in list(entries):
        for note in (entry.note or "").split(";"):
            note = note.strip()
            if (stood := _STANDS_IN.search(note)) is not None:
                who, said, own = (stood.group("who") or stood.group("who2")).strip(), EXCUSED, None
            elif (by := _SUBSTITUTE.match(note)) is not None:
                who, said, own = by.group("who").strip(), PRESENT, EXCUSED
            else:
                continue
            other = parse_entry(who, entry.line, said, registry, entry.organisation_raw, entry.page)
            if not isinstance(other, Entry) or name_key(other.name) == name_key(entry.name):
                continue
            if own is not None and entry.status == PRESENT:
                entry.status = own  # represented: not there, and said so
            if (same := listed(other.name)) is None:
                other.raw = entry.raw
                entries.append(other)
            elif said == EXCUSED and same.status == PRESENT and same.line == entry.line:
                same.status = EXCUSED


def _named_in_note(value: str) -> list[tuple[str, str]]:
    """(person, status) of the people a table's remark names besides the row's own person."""
    if (m := _SUBSTITUTE.search(value)) and person_name(m.group("who").strip()):
        return [(m.group("who").strip(), PRESENT)]
    found = []
    for m in _PERSON_STATUS.finditer(value):
        who, said = (m.group("who"), m.group("said")) if m.group("who") else (m.group("who2"), m.group("said2"))
        kind = classify_note(said.lower())
        if kind and kind[0] == "status" and person_name(who):
            found.append((who, kind[1]))
    return found


def _names_in_marks(row: tuple[str, ...], columns: Columns, registry: Registry | None) -> list[tuple[str, str]]:
    """(person, status) for names written into a status column instead of a mark ('Entschuldigt: Chidi Okafor'
    in a row of an organisation whose people are listed by status)."""
    found: list[tuple[str, str]] = []
    for i in columns.all("mark"):
        value = _cell(row, i)
        said = columns.roles[i][1]
        if not value or not said or _MARK.match(value) or _NO_MARK.match(value) \
                or value.strip(" .").lower() in _CELL_STATUS or classify_note(value):
            continue
        for person in _names_in_cell(value, registry):
            entry = parse_entry(person, 0, said, registry)
            if isinstance(entry, Entry) and len(entry.name.split()) >= 2:
                found.append((person, said))
    return found


_CELL_SPLIT = re.compile(rf"\s*(?:\n|;|\s/\s|/(?=\s*(?:{SALUTATION_PATTERN}|Dr\.|Prof\.)(?!\w)))\s*")


def _names_in_cell(cell: str, registry: Registry | None) -> list[str]:
    """'Frau A\\nHerr Dr. B', 'A; B', 'A / B', 'A und B', 'A, B': several people in one name cell;
    one person when the parts are not each a person ('Berg, Anna' stays one)."""
    if "\n" not in cell and not re.search(r"[;/,]|\bund\b|\bsowie\b|&", cell):
        return [cell]
    parts = [p for chunk in _CELL_SPLIT.split(cell) if chunk.strip() for p in split_entries(chunk, registry)]
    if len(parts) > 1 and all(isinstance(parse_entry(p, 0, PRESENT, registry), Entry) for p in parts):
        return parts
    joined = " ".join(cell.split())
    return [joined] if "\n" in cell else [cell]


def _side_by_side(row: tuple[str, ...], line: TextLine, columns: Columns, registry: Registry | None) -> Outcome:
    """'Anwesend | Organisation | Entschuldigt | Organisation': each status column lists people."""
    out = Outcome(total=1)
    ok = True
    indices = sorted(columns.roles)
    for i in sorted(columns.all("mark") + columns.all("mode")):
        value = _cell(row, i)
        if not value or _NO_MARK.match(value):
            continue
        after = next((j for j in indices if j > i), None)
        org = _cell(row, after) if after is not None and columns.roles[after][0] == ORG else None
        # 'vor Ort | online | entschuldigt': a column per way of taking part lists people who came
        mode = columns.roles[i][1] if columns.roles[i][0] == "mode" else None
        lines = [ln for ln in value.split("\n") if ln.strip()]
        # one person a line in the cell ('Anna Berg (ZVB)\nJan Ohm (HWK)'), unless a name wraps over two
        pieces = lines if len(lines) > 1 and all(starts_with_person(ln, registry) for ln in lines) else [value]
        chunks = [c for c in _CELL_SPLIT.split(value) if c.strip()]
        if len(chunks) > len(pieces) and all(starts_with_person(c, registry) for c in chunks):
            pieces = chunks  # 'Anna Berg, HWK / Jan Ohm, ZVB': a slash or a semicolon between the people of the cell
        for part in [p for piece in pieces for p in split_entries(piece, registry)]:
            entry = parse_entry(part, line.line, PRESENT if mode else columns.roles[i][1] or PRESENT, registry,
                                org or None, line.page)
            if isinstance(entry, Entry) and mode:
                entry.note = "; ".join(n for n in (mode, entry.note) if n)
            if isinstance(entry, Entry):
                out.entries.append(entry)
            else:
                out.unreadable.append(entry)
                ok = False
    if ok and out.entries:
        out.understood = 1
    elif not out.entries and not out.unreadable:
        out.total = 0
    return out
