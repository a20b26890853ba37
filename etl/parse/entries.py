"""One participant entry as people write it -> person, title, organisation, status and note.

Layouts met in real protocols: 'Name<TAB>Org', 'Name, Org', 'Name (Org)', 'Name – Org',
'Nachname, Vorname – Org', 'Org – Name', 'Org (Name)', 'A (X), B (Y) und C (Z)'. What cannot be
read as a person becomes an `Unreadable` with a German reason, never a participant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from etl.core.prefilter import guarded
from etl.core.registry import Registry
from etl.parse.names import (
    _PARTICLES,
    _SALUTATION_RE,
    _TRAILING_TITLE,
    PersonName,
    _is_name_token,
    is_org_like,
    person_name,
    protect_degrees,
    split_titles,
)
from etl.parse.roles import ABSENT, EXCUSED, GUEST, PRESENT
from vocab.keys import clean
from vocab.titles import SALUTATION_PATTERN, TITLE_ALONE_PATTERN


@dataclass
class Entry:
    name: str
    title: str | None
    organisation_raw: str | None
    status: str
    note: str | None
    line: int
    raw: str
    page: int | None = None
    shared_org: bool = False  # '(beide IGB)', 'alle von BAuA': the organisation of the people listed before too
    known: str | None = None  # the master data's full name of a person written by surname alone ('Frau Schmidt')


@dataclass
class Unreadable:
    line: int
    raw: str
    reason: str
    organisation_raw: str | None = None
    page: int | None = None
    status: str | None = None  # the status the block gave the line, for a known name found in it later


_ROLE = (r"\w*(?:leitung|leiter|leiterin|führer|führerin|führung|referent|referentin|referent\*in|"
         r"beauftragte|beauftragter|koordinator|koordinatorin|koordination|sprecher|sprecherin|vorsitz|vorsitzende|vorsitzender|"
         r"geschäftsführ\w*|vorstand|berater|beraterin|moderation|moderator|moderatorin|protokoll|"
         r"protokollant|protokollantin|protokollführerin|protokollführer|niederschrift|schriftführer|schriftführerin|vermerk|"
         r"kassier|kassiererin|kassierer|schatzmeister|schatzmeisterin|"
         # a meeting tool's roles in a participant panel pasted as text
         r"organisator|organisatorin|mitorganisator\w*|organizer|co-?organizer|host|co-?host|präsentator\w*|presenter)")
_NOTE = re.compile(
    r"^(?:(?:online|digital|virtuell|remote)(?:\s+(?:zugeschaltet|dabei|teilgenommen|anwesend))?|(?:per\s+(?:video|telefon|zoom|teams|webex)|telefonisch|fernmündlich)"
    r"(?:\s+zugeschaltet)?(?:\s+.*)?|zugeschaltet(?:\s+.*)?|(?:vorher|früher|ehemals|bisher|zuvor)\s+.+"
    r"|vor\s+ort|in\s+präsenz|präsenz|hybrid|(?:ab|bis|nur|zu|nach|vor)\s+.+|zeitweise|teilweise|zeitweilig"
    r"|später|verspätet|früher\s+weg|i\.\s?v\..*|in\s+vertretung.*|vertretung.*|vertritt.*|stellv(?:\.|ertret\w*).*"
    r"|top\s*\d.*|neu(?:\s+(?:im|in\s+der|dabei|als|seit)\b.*)?|extern|externe?r?|external|beratend|ohne\s+stimmrecht"
    r"|gastgeber\w*|(?:vortrag\w*|impuls\w*|input)(?:\s+.*)?|co-?moderation|schreibt\s+mit|führt\s+(?:das\s+)?protokoll"
    rf"|(?:\d\.\s?)?{_ROLE}(?:\s+.*)?)$",  # also '1. Vorsitzender', '2. Schriftführerin'
    re.IGNORECASE,
)
_STATUS_WORDS = {
    "gast": GUEST, "gäste": GUEST, "als gast": GUEST,
    "entschuldigt": EXCUSED, "entsch.": EXCUSED, "entsch": EXCUSED, "entschuldigt abwesend": EXCUSED,
    "e": EXCUSED, "abgesagt": EXCUSED,
    "abwesend": ABSENT, "fehlt": ABSENT, "nicht anwesend": ABSENT, "unentschuldigt": ABSENT, "nein": ABSENT,
    "anwesend": PRESENT, "x": PRESENT, "ja": PRESENT, "✓": PRESENT, "✔": PRESENT, "teilgenommen": PRESENT,
    "abgemeldet": EXCUSED, "verhindert": EXCUSED, "storniert": EXCUSED, "zurückgezogen": EXCUSED,
    "krank": EXCUSED, "urlaub": EXCUSED,
    "durchgestrichen": EXCUSED,  # struck from the list (readers/docx.py, html.py, inline.py): did not come
    "nicht erschienen": ABSENT, "gastteilnahme": GUEST, "als gäste": GUEST,
    # a reason given for not being there makes the absence excused ('Abwesend: Jan Ohm (Urlaub)')
    "termin": EXCUSED, "terminkollision": EXCUSED, "termingründe": EXCUSED, "anderer termin": EXCUSED,
    "paralleltermin": EXCUSED, "terminlich verhindert": EXCUSED, "beruflich verhindert": EXCUSED,
    "dienstlich verhindert": EXCUSED, "dienstreise": EXCUSED, "krankheit": EXCUSED, "erkrankt": EXCUSED,
    "krankheitsbedingt": EXCUSED, "elternzeit": EXCUSED, "mutterschutz": EXCUSED, "im urlaub": EXCUSED,
    "fortbildung": EXCUSED, "entschuldigt (urlaub)": EXCUSED, "entschuldigt (krank)": EXCUSED,
    "gast (extern)": GUEST, "unentsch.": ABSENT,
    # a vote by circulation (Umlaufverfahren): who voted took part, who did not answer did not
    "zustimmung": PRESENT, "zugestimmt": PRESENT, "ablehnung": PRESENT, "abgelehnt": PRESENT,
    "enthaltung": PRESENT, "enthalten": PRESENT, "keine rückmeldung": ABSENT, "nicht abgestimmt": ABSENT,
    "keine stimmabgabe": ABSENT, "keine antwort": ABSENT, "ohne rückmeldung": ABSENT,
    "ohne absage": ABSENT, "ohne entschuldigung": ABSENT, "unangemeldet": ABSENT,
    "n. e": ABSENT, "n.e": ABSENT, "n. erschienen": ABSENT, "nicht da": ABSENT, "nicht gekommen": ABSENT,
}
_TRAILING_NOTE = re.compile(
    r"(?:,\s*|\s+[–—-]\s+|\s+)(?P<note>(?:in\s+Vertretung\s+(?:für|von)|i\.\s?V\.(?:\s+(?:für|von))?|als\s+Vertretung\s+"
    r"(?:für|von)|vertritt|als\s+Gast)\b.*"
    # 'Tom Krause (ZVB), der Jonas Keller vertrat': a relative clause naming whom the person stood in for
    r"|(?:der|die)\s+(?:\S+\s+){1,4}(?:vertrat|vertritt|vertreten\s+hat)\b.*"
    # times and agenda items someone was there for: 'ab 11 Uhr', 'bis TOP 3', 'zeitweise'
    r"|(?:ab|bis|von|nur|erst)\s+(?:ca\.\s*)?(?:\d{1,2}(?:[:.]\d{2})?\s*(?:Uhr|h)\b|TOP\s*\d+).*"
    r"|(?:zeitweise|teilweise|zeitweilig|verspätet|später)(?:\s+\S+){0,3})$", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s+[–—-]\s+|\s*:\s+|\s*,\s*|\s+/\s+|\s*\|\s*|\s*\t\s*")
_EMAIL = re.compile(r"<?\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b>?")
_EMAIL = guarded(_EMAIL)  # run only where a word it needs occurs (etl/core/prefilter.py)
_PLACEHOLDER = re.compile(r"^(?:N\.\s?N\.?|NN|N\.N|XX+|\?+|…|\.\.\.)$", re.IGNORECASE)
# 'Anna Schmidt von der Handwerkskammer …': the preposition is not part of the organisation's name.
_ORG_PREFIX = re.compile(r"^(?:von\s+der|von\s+dem|vom|von|bei\s+der|beim|bei|für\s+die|für\s+den|für)\s+",
                         re.IGNORECASE)
# 'Für die HWK:', 'Seitens des ZVB', 'Vom Zentralverband': the words that introduce an organisation heading its people.
_HEAD_PREFIX = re.compile(r"(?i)^(?:(?:für|von|seitens|bei)\s+(?:(?:die|den|das|der|dem|des)\s+)?"
                          r"|vom\s+|beim\s+|fürs\s+)")


def heading_org(text: str, registry: Registry | None = None) -> str | None:
    """The organisation a line of its own names over its people ('HWK:', 'Für die HWK:', '**IHK Nordland**',
    'Seitens des ZVB'), without the words that introduce it; None when the line is no organisation ('Von der
    Heyde' is a person, 'Anwesend:' a label)."""
    value = (clean(text.strip().strip("*_#").strip().rstrip(":").strip().strip("*_")) or "")
    if not value or len(value) > 80 or "\n" in value or ":" in value or re.search(r"[^\W\d_]{4,}\.$", value):
        return None
    bare = _HEAD_PREFIX.sub("", value).strip()
    for candidate in dict.fromkeys((bare, value)):
        if candidate and (_known_org(candidate, registry) or is_org_like(candidate)) \
                and not starts_with_person(candidate, registry) \
                and not isinstance(parse_entry(candidate, 0, PRESENT, registry), Entry):  # 'SCHMIDT, Anna'
            return candidate
    return None


def _paren_free(text: str) -> str:
    return re.sub(r"\s*[(\[][^()\[\]]*[)\]]", "", text).strip()


_BRACKET = re.compile(r"[()\[\]]")


def _split_outside(text: str, sep: str) -> list[str]:
    """Split at `sep` characters (one character) that are not inside parentheses."""
    if "(" not in text and "[" not in text:
        return [p.strip() for p in text.split(sep) if p.strip()]  # nothing opens: every `sep` splits
    # the pieces between separators, joined again while a bracket opened before stays open (only the
    # brackets are visited, not every character)
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for piece in text.split(sep):
        current.append(piece)
        for ch in _BRACKET.findall(piece):
            depth = depth + 1 if ch in "([" else max(0, depth - 1)
        if depth == 0:
            parts.append(sep.join(current))
            current = []
    if current:
        parts.append(sep.join(current))
    return [p.strip() for p in parts if p.strip()]


def _known_org(text: str, registry: Registry | None) -> bool:
    return bool(registry and registry.lookup(text))


# Words that open an organisation's name after a person's without a separator; legal forms that end one.
_ORG_OPENER = re.compile(r"(?i)\w*(?:stelle|sekretariat|geschäftsführung|verwaltung|kanzlei|landratsamt|rathaus)$"
                         r"|(?:stadt|gemeinde|firma|fa\.)$")
_LEGAL_FORM = re.compile(r"(?i)(?:g?gmbh|mbh|e\.\s?v\.?|ag|kg|gbr|ug|ohg|eg)$")  # match: the form and nothing else


def org_opener(word: str) -> bool:
    """'Geschäftsstelle', 'Sekretariat', 'Stadt': a word that opens or is an organisation's name."""
    return _ORG_OPENER.match(word) is not None


def split_name_org(text: str, registry: Registry | None) -> tuple[PersonName, str] | None:
    """A name run into its organisation ('Lukas Brenner Geschäftsstelle', 'Anna Weber Handwerkskammer Trier',
    'Maria Lindner Zimmerei Lindner GmbH'): the trailing words are a known organisation, start with an
    organisation's word, or end in a legal form; the words before are a name."""
    if re.search(r"[()\[\],;|]|\s[–-]\s", text):
        return None  # parentheses, commas and dashes already separate name and organisation
    tokens = text.split()
    for cut in range(2, len(tokens)):
        head, tail = " ".join(tokens[:cut]), " ".join(tokens[cut:])
        first = tokens[cut]
        if not first[:1].isupper() or (candidate := person_name(head)) is None or is_org_like(head):
            continue  # 'ten Brink', 'al-Mansouri', 'von der …': the name goes on, or a prefix the caller reads
        if _known_org(tail, registry) or is_org_like(first) or _ORG_OPENER.match(first) \
                or (_LEGAL_FORM.match(tokens[-1]) and len(tokens) - cut >= 2):
            return candidate, tail
    return None


def starts_with_person(text: str, registry: Registry | None = None) -> bool:
    """The piece begins with a person's name ('Dr. Gabriele Walter (BAuA)', 'Andreas Ihm – itb'), maybe after
    their function ('OM Detlef Rohlfing')."""
    text = _FUNCTION_BEFORE.sub("", text.strip(), count=1)
    if "*" in text:
        text = _FOOTNOTE.sub("", text)  # 'Olufemi Adeyemi*': a footnote mark
    base = _paren_free(text)
    base = _TRAILING_NOTE.sub("", base)
    left = _SEPARATORS.split(base, maxsplit=1)[0]
    if _known_org(left, registry):
        return False
    if person_name(left) is not None and not is_org_like(left):
        return True
    if left == base and " " in left and _name_with_org_words(left, registry) is not None \
            and not is_org_like(left.split()[0]):
        return True  # 'Jonas Weber von der BAuA', 'Maria Lindner Zimmerei Lindner GmbH'
    return _surname_with_paren(text, registry)


_PAREN_AFTER = re.compile(r"^(?P<name>[^()\[\],;:]+?)\s*[(\[](?P<inside>[^()\[\]]+)[)\]]")


def _surname_with_paren(text: str, registry: Registry | None) -> bool:
    """'Jablonski (GS)', 'van der Ohm (itb)': a surname alone, made an entry by what follows it in
    parentheses (an organisation or a note), as lists of colleagues who know each other are written."""
    m = _PAREN_AFTER.match(text.strip())
    if m is None or any(ch.isdigit() for ch in m.group("inside")):
        return False  # 'Braun (bis 21.06.)' in a task line
    kind = classify_note(m.group("inside"))
    if kind is not None and kind[0] == "note":
        return False
    return _lone_surname(m.group("name").strip(), registry) and not is_org_like(m.group("name"))


_JOINERS = re.compile(r"\s+(?:und|sowie|u\.|&|\+)\s+|(?<=[)\]])\s+(?=\S)")


def _cut_joiners(text: str, registry: Registry | None) -> str:
    """'A (X) und Frau B (Y)' and 'A (X) B (Y)' -> 'A (X), Frau B (Y)': a new person starts after them."""
    out: list[str] = []
    last = 0
    for m in _JOINERS.finditer(text):
        before = text[:m.start()]
        if before.count("(") != before.count(")") or before.count("[") != before.count("]"):
            continue
        after = text[m.end():]
        if joiner_unnamed(m.group(0), after):
            out.append(text[last:m.start()])  # '… sowie als Gäste fünf Auszubildende': nobody by name
            last = len(text)
            break
        if (starts_with_person(after, registry) or starts_with_person(_next_piece(after), registry)) \
                and _may_split(text[last:m.start()], after, m):
            out.append(text[last:m.start()] + _shared_surname(text, text[last:m.start()], after, registry))
            out.append(", ")
            last = m.end()
    out.append(text[last:])
    return "".join(out)


def _shared_surname(text: str, before: str, after: str, registry: Registry | None) -> str:
    """' Yılmaz (Elektro Yılmaz)' for 'Deniz' in '…, Deniz und Emre Yılmaz (Elektro Yılmaz)': in a list of full
    names, a given name alone before 'und' shares the surname (and the organisation) of the full name after it
    (siblings, a couple); else ''."""
    alone = _split_outside(before, ",")[-1].strip() if before.strip() else ""
    following = _paren_free(_next_piece(after)).split()
    if not re.fullmatch(r"[A-ZÄÖÜ][a-zäöüßğışçé]+", alone) or len(following) != 2 \
            or not all(_is_name_token(w) for w in following) or _known_org(alone, registry) \
            or person_name(" ".join(following)) is None or is_org_like(" ".join(following)):
        return ""
    pieces = [p.strip() for p in re.split(r",|\s+(?:und|sowie)\s+", _paren_free(text))]
    full = [p for p in pieces if len(p.split()) >= 2 and person_name(p) is not None and p != " ".join(following)]
    if len(full) < 2:
        return ""
    shared = re.search(r"\s*[(\[][^()\[\]]*[)\]]\s*$", _next_piece(after))  # and the organisation they share
    return f" {following[1]}{shared.group(0).rstrip() if shared else ''}"


# People counted, not named, after a joiner ('sowie als Gäste fünf Auszubildende', 'und zwei Vertreter der IHK').
_UNNAMED = re.compile(r"(?i)^(?:als\s+gäste?\s+|außerdem\s+|weitere\s+)?(?:\d+|ein|eine|einer|zwei|drei|vier|fünf|sechs"
                      r"|sieben|acht|neun|zehn|zwölf|mehrere|einige|diverse|weitere)\s+[^\W\d_]")


def joiner_unnamed(joiner: str, after: str) -> bool:
    return bool(joiner.strip()) and _UNNAMED.match(after) is not None


_NEXT_JOINER = re.compile(r",|\s+(?:und|sowie|u\.|&|\+)\s+")


def _next_piece(text: str) -> str:
    """'Frau Popp (IHK)' of 'Frau Popp (IHK) sowie Frau Ohm': the text up to the next comma or joiner outside
    parentheses."""
    # the first joiner found at bracket depth 0 (a joiner holds no bracket, so a match found inside brackets
    # has no later start inside it that is outside; only the brackets before it are counted)
    depth, counted = 0, 0
    for m in _NEXT_JOINER.finditer(text):
        for ch in _BRACKET.findall(text, counted, m.start()):
            depth = depth + 1 if ch in "([" else max(0, depth - 1)
        counted = m.start()
        if depth == 0:
            return text[:m.start()]
    return text


_SALUTED = re.compile(rf"^(?:{SALUTATION_PATTERN}|Dr\.|Prof\.|Dipl\.-)")


def _may_split(before: str, after: str, joiner: re.Match[str]) -> bool:
    """'… Stiftung Arbeit und Gesundheit Rhein-Main' is one organisation; '… Anna Schmidt und Max Müller'
    are two people: after 'und' a new person starts only when the part before it is complete."""
    if _SALUTED.match(after) or not joiner.group(0).strip():
        return True  # 'und Frau …', or the space after ')'
    piece = _split_outside(before, ",")[-1] if before.strip() else ""
    if piece.rstrip().endswith((")", "]")):
        return True
    return not is_org_like(_paren_free(piece))


# Dot leaders between a name and its vote or status ('Anna Berg (ZVB) ........ Zustimmung'), as typed in letters.
_LEADERS = re.compile(r"\s*(?:\.{3,}|…{2,}|(?:\s?\.){4,}|_{3,})\s*(?=\S)")
# Groups of people on one line: 'A, B (ZVB) · C (HWK)', 'A (ZVB) • B (HWK)'.
_GROUP_SEP = re.compile(r"\s+[·•▪◦‣]\s+|(?<=[)\]])\s+/\s+")  # also 'Berg (ZVB) / Kern (HWK)'


def leaders(text: str) -> str:
    """'Anna Berg (ZVB) ....... Zustimmung' -> 'Anna Berg (ZVB) – Zustimmung'."""
    return _LEADERS.sub(" – ", text) if (".." in text or "…" in text or "___" in text) else text


# 'A, B (X) | C (Y)', 'A ✓ B (Y)', 'A, B (X) - C (Y)': a bar, a check mark, or a dash after a closing
# parenthesis separates groups when a person's name follows it ('Lars Petersen | IfAM' and
# 'Anna Berg (ZVB) – Zustimmung' stay one entry).
_PERSON_SEP = re.compile(r"\s+\|\s+|\s*[✓✔☑✅]\s+|(?<=[)\]])\s+[-–—]\s+")


def _until_separator(text: str) -> str:
    """The next group of a line ('Rüdiger Brand (SHK)' of 'Rüdiger Brand (SHK) ✓ Eva Ohm (itb) ✓ …')."""
    following = _PERSON_SEP.search(text)
    return text[:following.start()] if following else text


# The writer among the people of a list ('Ute, Ngozi, Mirjam (HWK) und ich', 'Rüdiger, ich, Bernd Ohm'): the
# first person names nobody, and the pieces around it are read as if it were not there.
_WRITER_PIECE = re.compile(r"(?i)(?:(?<=^)|(?<=,)|\s+(?:und|sowie|&|\+)(?=\s))\s*ich(?:\s+selbst)?(?:\s*\([^()]*\))?"
                           r"\s*(?=,|$|[.;])(?:,\s*)?")


def without_writer(body: str) -> tuple[str, bool]:
    """The list without its first-person piece, and whether the writer was among the people listed."""
    if "ich" not in body.lower():
        return body, False
    text = body.strip().rstrip(".").strip()
    # in the middle of a list it still separates: 'Rüdiger, ich, Bernd Ohm (HWK)' is no 'Bernd Ohm Rüdiger'
    text = re.sub(r"(?i)(?<=\S),\s*ich(?:\s+selbst)?(?:\s*\([^()]*\))?\s*,\s*(?=\S)", "; ", text)
    cut = re.sub(r",(?=\S)", ", ", _WRITER_PIECE.sub("", text).strip(" ,"))
    return (cut, True) if cut != body.strip().rstrip(".").strip() else (body, False)


def entry_groups(body: str) -> list[str]:
    """The groups of one line: ';', a middle dot, a check mark, a bar or a dash before a name separate them
    ('A, B (X) · C (Y)')."""
    body = _GROUP_SEP.sub("; ", leaders(body)).strip().lstrip("✓✔☑✅ ")
    if _PERSON_SEP.search(body):
        body = _PERSON_SEP.sub(lambda m: "; " if starts_with_person(_until_separator(m.string[m.end():]))
                               else m.group(0), body)
    return _split_outside(body, ";")


def split_entries(body: str, registry: Registry | None = None) -> list[str]:
    """One line or sentence -> the entries on it: ';' and a middle dot always separate, ',', 'und', 'sowie'
    where a new name starts (',' inside 'Name, Organisation' does not)."""
    entries: list[str] = []
    body = protect_degrees(_FOOTNOTE.sub("", body).strip().rstrip(".").strip())
    for part in entry_groups(body):
        pieces = _split_outside(_cut_joiners(part, registry), ",")
        group: list[str] = []
        for index, piece in enumerate(pieces):
            # 'Jonas Weber (BAuA), Zielińska, Ewa (Gast)': after a complete entry, a surname alone followed by
            # a first name opens the next person written surname first
            reversed_next = group and group[-1].rstrip().endswith((")", "]")) and index + 1 < len(pieces) \
                and _lone_surname(piece, registry) and _given_first(pieces[index + 1])
            if group and (reversed_next or starts_with_person(piece, registry)
                          or starts_with_person(_next_piece(piece), registry)) \
                    and not _remark(piece) \
                    and not (len(group) == 1 and _lone_surname(group[0], registry)
                             and not (_addressed(group[0]) and _addressed(piece))):
                entries.append(", ".join(group))
                group = []
            group.append(piece)
        if group:
            entries.append(", ".join(group))
    return entries


def _remark(piece: str) -> bool:
    """'Impuls zur Wärmepumpe', 'Input Arbeitsschutz' after a comma: a remark on the person before, no new person."""
    kind = classify_note(piece)
    return kind is not None and kind[0] == "note" and not _SALUTED.match(piece.strip())


def _addressed(piece: str) -> bool:
    """'Dr. Ohm', 'Frau Kaya': a title or a salutation before a name. When both sides of a comma carry one
    ('Dr. Ohm, Dr. Kern'), they are two people: a first name after the comma never carries its own."""
    return bool(_SALUTATION_RE.match(piece.strip()) or split_titles(piece.strip())[0])


def _given_first(piece: str) -> bool:
    """'Ewa (Pflegedienst, Gast)', 'Ngoc Anh': one to three given names, nothing else before a parenthesis."""
    words = _paren_free(piece).split()
    return 1 <= len(words) <= 3 and all(_is_name_token(w) for w in words) and not is_org_like(" ".join(words))


_OF_ORG = re.compile(r"^(?P<name>[^\W\d_][\w'’-]+)\s+(?P<of>von\s+der|von\s+den|von\s+dem|vom|von|aus\s+der|aus\s+dem"
                     r"|bei\s+der|beim)\s+(?P<org>\S.*)$")


def name_of_org(piece: str, registry: Registry | None = None) -> str:
    """'Bernd von der Kammer' -> 'Bernd (Kammer)': a name alone and the organisation it comes from, as a list of
    people by first name writes it; a surname with a particle ('Maria von der Heyden') is left alone."""
    m = _OF_ORG.match(piece.strip())
    if m is None or "(" in piece or not _is_name_token(m.group("name")):
        return piece
    org = m.group("org").strip()
    if is_org_like(org) or _known_org(org, registry) or re.fullmatch(r"[A-ZÄÖÜ][A-ZÄÖÜa-zäöü&-]*[A-ZÄÖÜ]", org):
        return f"{m.group('name')} ({org})"
    return piece


def surname_list(text: str, registry: Registry | None = None, *, listed: bool = False) -> list[str] | None:
    """'Müller, Schmidt, Yılmaz (alle HWK Hannover)', 'Braun und Vogt': surnames alone, listed. Read so when the
    pieces cannot be 'Surname, First name' pairs: an odd number of three or more, joined by 'und', sharing
    one organisation ('alle', 'beide'), or one before the last with its own parenthesis; None otherwise."""
    body = protect_degrees(text.strip().rstrip(".").strip())
    if ";" in body or not re.search(r",|\bund\b|\bsowie\b", body):
        return None
    pieces = [name_of_org(p, registry) for chunk in _split_outside(body, ",")
              for p in re.split(r"\s+(?:und|sowie)\s+", chunk) if p.strip()]
    bare = [_paren_free(p) for p in pieces]
    joined = bool(re.search(r"\s(?:und|sowie)\s", _paren_free(body)))
    # 'Ute, Ngozi, Mirjam (HWK) und Timo Ahlers': names alone, joined by 'und' to one person's full name (the
    # writer of a mail, put in for 'ich'); the list joins people, none of its pieces is a first half of a pair
    last = len(bare) - 1 if joined and len(bare) >= 3 and re.search(r"\s(?:und|sowie)\s+[^,]*$", body) \
        and person_name(bare[-1]) is not None and not is_org_like(bare[-1]) else len(bare)
    if len(pieces) < 2 or not all(_lone_surname(b, registry) and not is_org_like(b) for b in bare[:last]):
        return None
    shared = bool(re.search(r"\((?:alle|beide|jeweils)\b", pieces[-1], re.IGNORECASE))
    # 'Popp (Stadt), Harms': a surname with its own parenthesis is no first half of 'Surname, First name'
    closed = any(p.strip().endswith((")", "]")) for p in pieces[:-1])
    if len(pieces) % 2 == 1 and len(pieces) >= 3 or joined or shared or closed or listed:
        return [p.strip() for p in pieces]  # `listed`: the lines around list surnames alone ('HWK: Ohm, Kern, Rau')
    return None


def lone_surname(text: str, registry: Registry | None) -> bool:
    """A surname alone ('Ohm', 'de Vries'), not an organisation."""
    return _lone_surname(text, registry)


def _lone_surname(text: str, registry: Registry | None) -> bool:
    """'Tran' in 'Tran, Ngoc Anh (IAO)', 'de Vries' in 'de Vries, Maarten', 'Dr. Hartung' in 'Dr. Hartung, Clemens':
    a surname alone (maybe after a title), so the piece after the comma is its first name, not a new person."""
    title, bare = split_titles(text.strip())
    words = (bare if title and bare else text).split()
    if not words or len(words) > 3 or any(w.lower() not in _PARTICLES for w in words[:-1]) \
            or words[0].lower() in ("und", "y"):
        return False
    if _CAPS_SURNAME.fullmatch(words[-1]) and len(words) == 1:
        return not _known_org(text, registry)  # 'BERG' in 'BERG, Anna (ZDH)'
    return _is_name_token(words[-1]) and not is_org_like(text) and not _known_org(text, registry)


# Statuses said in a phrase rather than one word ('angemeldet, aber nicht erschienen', 'hat sich kurzfristig
# entschuldigt', 'terminlich verhindert', 'ohne Entschuldigung ferngeblieben', 'zugesagt und teilgenommen').
_STATUS_PHRASES = tuple((re.compile(pattern, re.IGNORECASE), status) for pattern, status in (
    (r"(?:zwar\s+)?(?:angemeldet|eingeladen|zugesagt)\s*,?\s*(?:aber|jedoch|doch)?\s*(?:leider\s+)?nicht\s+"
     r"(?:erschienen|gekommen|teilgenommen|anwesend|dabei|da)(?:\s+gewesen)?"
     r"|(?:leider\s+)?nicht\s+(?:erschienen|gekommen|teilgenommen|eingecheckt)|kein\s+check-?in|no[- ]?show"
     r"|(?:unentschuldigt|ohne\s+(?:entschuldigung|absage|abmeldung|rückmeldung))\s+"
     r"(?:gefehlt|ferngeblieben|abwesend|nicht\s+erschienen)|(?:unentschuldigt\s+)?ferngeblieben", ABSENT),
    (r"(?:hat\s+)?(?:sich\s+)?(?:vorab|vorher|kurzfristig|rechtzeitig|schriftlich|telefonisch|per\s+(?:e-?)?mail)\s+"
     r"(?:entschuldigt|abgesagt|abgemeldet)|(?:hat\s+)?(?:sich\s+)?(?:entschuldigt|abgesagt|abgemeldet)\s+"
     r"(?:wegen|aus)\s[^()]*|zugesagt\s*,?\s*(?:dann|aber|später)\s+abgesagt"
     r"|(?:terminlich|beruflich|dienstlich|krankheitsbedingt|kurzfristig|leider|privat)\s+verhindert", EXCUSED),
    (r"(?:zugesagt\s*(?:,|und)\s*)?(?:teilgenommen|erschienen|eingecheckt)", PRESENT),
    (r"(?:nimmt\s+)?(?:als\s+)?(?:externe[rn]?\s+)?(?:gast|gäste|gastteilnehmer\w*)(?:\s+teil|\s+(?:zu|für|bei|ab)\s+.+)?",
     GUEST),
))


def status_phrase(value: str) -> str | None:
    """The status a whole phrase says, or None."""
    return next((status for pattern, status in _STATUS_PHRASES if pattern.fullmatch(value)), None)


@lru_cache(maxsize=65536)
def classify_note(part: str) -> tuple[str, str] | None:
    """('status', 'guest') for 'Gast', ('note', 'ab 13:30') for notes, None for organisation text."""
    value = (clean(part) or "").strip(" .,;:")
    if not value:
        return None
    if status := _STATUS_WORDS.get(value.lower()) or status_phrase(value):
        return "status", status
    if _NOTE.match(value):
        return "note", value
    return None


def read_status(value: str) -> tuple[str | None, list[str]]:
    """A status cell -> (status, notes): 'entschuldigt', 'anwesend (online)', 'vor Ort', 'ja, ab TOP 3'."""
    status: str | None = None
    notes: list[str] = []
    for part in re.split(r"\s*[(),;/]\s*|\s+[–—-]\s+", value):
        part = part.strip()
        if not part:
            continue
        kind = classify_note(part)
        if kind and kind[0] == "status" and (status is None or (status in (ABSENT, PRESENT)
                                                                and kind[1] in (EXCUSED, GUEST))):
            status = kind[1]  # 'nein (entschuldigt)', 'ja (Gast)': the specific word says more than the mark
        elif kind:
            notes.append(kind[1])
        else:
            notes.append(part)
    return status, notes


def parse_entry(text: str, line: int, status: str, registry: Registry | None = None,
                default_org: str | None = None, page: int | None = None, *,
                surname: bool = False) -> Entry | Unreadable:
    """One entry ('Dr. Gabriele Walter (BauA, online)') -> Entry, or Unreadable with a reason."""
    result = _parse_entry(text, line, status, registry, default_org, surname)
    result.page = page
    if isinstance(result, Unreadable):
        result.status = status
    if "⁽" in result.raw:
        result.raw = result.raw.replace("⁽", "(").replace("⁾", ")")
    return result


_GLUED_STATUS = re.compile(r"^(?P<org>.*\S)\s+(?P<status>entschuldigt|abwesend|anwesend|abgesagt|Gast|online"
                           r"|vor\s+Ort|in\s+Präsenz|[xX✓✔])$", re.IGNORECASE)


_ROW_NUMBER = re.compile(r"^\d{1,3}[.)]?\s+(?=[A-ZÄÖÜ])")
_FOOTNOTE = re.compile(r"(?<=\S)[¹²³⁴⁵⁶⁷⁸⁹⁰]+|(?<=[)\]])\*{1,3}|(?<=\w)\*{1,3}(?=\s|$|[,;:|)])")
# One letter in parentheses after a name is a mark of its status (no organisation has a one-letter name).
_LETTER_MARKS = {"a": PRESENT, "x": PRESENT, "e": EXCUSED, "g": GUEST, "u": ABSENT, "f": ABSENT}
_BROKEN_HYPHEN = re.compile(r"(?<=[a-zäöüß])- (?=[A-ZÄÖÜ][a-zäöüß])")
# A full stop after a word of three letters or more that is no abbreviation ('Berg.' or '(HWK).', not 'Prof.').
_SENTENCE_END = re.compile(r"(?:(?<=[^\W\d_]{3})|(?<=[)\]]))(?<!Prof)(?<!Dipl)(?<!Mstr)(?<!Co)\.$")


def _parse_entry(text: str, line: int, status: str, registry: Registry | None,
                 default_org: str | None, surname: bool = False) -> Entry | Unreadable:
    original = _ROW_NUMBER.sub("", protect_degrees(leaders(clean(text) or "")))  # '3 Anna Schmidt ZVB': a numbered row
    original = _NO_VALUE.sub("", _NO_VALUE.sub("", original)).strip() or original  # "Hoang, Thi Mai – (ohne Angabe)"
    raw = clean(_EMAIL.sub(" ", original)) or ""  # e-mail addresses say nothing about name or organisation
    if "- " in raw:
        raw = _BROKEN_HYPHEN.sub("-", raw)  # 'Friedrich- Wilhelm': a double name wrapped in a table cell
    if raw.endswith(".") and (end := _SENTENCE_END.search(raw)):
        raw = raw[:end.start()]  # 'Entschuldigt: Dr. Klüver.': the full stop of the sentence, not an abbreviation
    if len(raw) > 300:
        return Unreadable(line, original[:300], "kein plausibler Personenname (Eintrag zu lang)")
    notes: list[str] = []
    if (fn := _FUNCTION_BEFORE.match(raw)) \
            and (person_name(after := _SEPARATORS.split(_paren_free(raw[fn.end():]), maxsplit=1)[0].strip())
                 or _lone_surname(after, registry)):  # 'Obermeister Haslinger': the function before a surname
        notes.append(fn.group("fn"))  # 'OM Hartmut Lübbers', 'Geschäftsführerin Kerstin Ahlers': a function first
        raw = raw[fn.end():]
    elif (fn := _FUNCTION_LABEL.match(raw)) \
            and person_name(_SEPARATORS.split(_paren_free(raw[fn.end():]), maxsplit=1)[0].strip()):
        notes.append(fn.group("fn"))
        raw = raw[fn.end():]
    orgs: list[str] = []
    entry_status = status
    raw = _FOOTNOTE.sub("", raw)  # 'Tobias Rahn (a)¹': the footnote mark is no part of the entry
    if (stand_in := _STAND_IN_TAIL.search(raw)) and raw[:stand_in.start()].count("(") == \
            raw[:stand_in.start()].count(")"):
        # 'Tom Krause (BAuA) – vertreten durch Eva Schulz (BAuA)': the other person's parentheses are theirs
        notes.append(clean(stand_in.group("tail")) or "")
        raw = raw[:stand_in.start()]
    for m in re.finditer(r"[(\[]([^()\[\]]*)[)\]]", raw):
        for part in _split_outside(m.group(1), ","):
            if part.strip().lower() in _LETTER_MARKS:
                status = _LETTER_MARKS[part.strip().lower()]  # '(a)', '(e)', '(G)': an attendance list's letters
                continue
            part = _function_then_org(part, notes, registry)
            kind = classify_note(part)
            fn = _FUNCTION_OF.match(part.strip())
            if fn and not fn.group("org") and _known_org(part.strip(), registry):
                fn = None  # '(LIM)': the master data's guild, not the function 'Landesinnungsmeister'
            if fn and (fn.group("org") or not kind):
                notes.append(fn.group("fn"))  # '(Obermeister, SHK-Innung)', '(Referentin im BMAS)'
                if fn.group("org"):
                    orgs.append(fn.group("org"))
            elif kind and kind[0] == "status":
                status = kind[1]
            elif kind:
                notes.append(kind[1])
            else:
                orgs.append(part)
    base = _paren_free(raw).strip(" ,;")
    if trailing := _TRAILING_NOTE.search(base):
        note = trailing.group("note").strip(" ,;")
        if note.lower().startswith("als gast"):
            status = GUEST
        else:
            notes.append(note)
        base = base[:trailing.start()].strip(" ,;")
    name = org = None
    pieces = _SEPARATORS.split(base, maxsplit=1)
    left = pieces[0].strip()
    right = pieces[1].strip() if len(pieces) > 1 else ""
    person = person_name(left) if not _known_org(left, registry) and not is_org_like(left) else None
    if right and (person is None or _surname_only(person)) and (reversed_name := _reversed(left, right, registry)):
        # 'Walter, Gabriele (BAuA)', 'Dr. Brückner, Stefan ZDH': surname first, as in exported address lists
        name, right = reversed_name
    elif not right and (split := split_name_org(left, registry)):
        name, right = split  # 'Kerstin Jablonski Geschäftsstelle', 'Anna Weber Handwerkskammer Trier'
    elif person:
        name = person
    elif right and (swapped := person_name(_SEPARATORS.split(right, maxsplit=1)[0])) and (
            is_org_like(left) or _known_org(left, registry)):
        # 'PSG – Katja Mikus': organisation first
        name = swapped
        rest = _SEPARATORS.split(right, maxsplit=1)
        right = left + (f", {rest[1]}" if len(rest) > 1 else "")
    elif not right and _lone_surname(left, registry) and (surname or orgs or notes or status != entry_status):
        name = PersonName(left, None, None)  # 'Jablonski (GS)', 'Brenner (krank)': a surname alone
    elif not right and (split := _name_with_org_words(left, registry)):
        name, right = split  # 'Jonas Weber von der BAuA', 'Anna Berg ZDH'
    elif not right and (split := _org_then_name_words(left, registry)):
        name, right = split  # 'ZDH Anna Berg': columns whose spacing the text lost

    if name is None and left and not right:
        # 'ZDH (Sabine Fuchs)': organisation first, the person in parentheses
        inside = [(i, person_name(part)) for i, part in enumerate(orgs)]
        found = [(i, p) for i, p in inside if p is not None and not is_org_like(orgs[i])]
        if found and (is_org_like(left) or _known_org(left, registry) or person_name(left) is None):
            index, name = found[0]
            orgs = [left] + [part for i, part in enumerate(orgs) if i != index]
    if name is None:
        org_hint = _org_part(left, right, orgs, default_org)
        if _PLACEHOLDER.match(left.strip()):
            return Unreadable(line, original, f"Platzhalter „{left.strip()}“ statt Name", org_hint)
        if not left and not right:
            return Unreadable(line, original, "leerer Eintrag", org_hint)
        if re.match(r"(?i)(?:vertreter|mitarbeit|kolleg|alle\b|weitere\b|team\b|mitglied)", left):
            return Unreadable(line, original, "keine namentlich genannte Person", org_hint)
        if is_org_like(left) or _known_org(left, registry):
            return Unreadable(line, original, f"nur Organisation „{left}“, keine Person erkennbar", left)
        return Unreadable(line, original, "kein plausibler Personenname", org_hint)
    title = name.title
    if right and (tail := _status_tail(right)) is not None:
        right, status = tail  # 'Anna Berg (IHK) – angemeldet, aber nicht erschienen': one phrase, commas and all
    for part in _split_outside(right, ",") if right else []:
        for sub in _peel_notes(part):
            sub = _function_then_org(sub, notes, registry)
            kind = classify_note(sub)
            if (fn := _FUNCTION_OF.match(sub.strip())) and fn.group("org") and org is None:
                notes.append(fn.group("fn"))  # 'Lea Brandt, Referentin im BMAS'
                org = fn.group("org")
            elif kind and kind[0] == "status":
                status = kind[1]
            elif _TITLE_ONLY.fullmatch(sub):
                title = " ".join(t for t in (title, sub) if t)  # 'Friedrich zu Eltz, MdB'
            elif kind or org is not None:
                notes.append(kind[1] if kind else sub)
            else:
                org = sub
    if org is None and orgs:
        org, orgs = orgs[0], orgs[1:]
    notes.extend(orgs)
    shared = False
    if org and (both := _SHARED.match(org)):
        org, shared = org[both.end():], True
    org = _ORG_PREFIX.sub("", org).strip(" ,;:") if org else default_org
    if org and default_org and org != default_org and _UNIT.match(org):
        notes.append(org)  # 'MW: Dr. Klüver (Ref. 23)': a unit of the house the line names, not another house
        org = default_org
    if org and (fn := _FUNCTION_OF.match(org)) and (fn.group("org") or not _known_org(org, registry)):
        # 'Obermeister der Bäcker-Innung Vogelsberg': the function is a note, the organisation follows it;
        # 'Obermeister', 'GF' alone name no organisation (unless the master data knows it: 'LIM' may be a guild)
        notes.append(fn.group("fn"))
        org = fn.group("org") or (default_org if default_org != org else None)
    if org and (glued := _GLUED_STATUS.match(org)) and not _known_org(org, registry):
        # a status word run into the organisation by a table extraction ('BAuA entschuldigt')
        kind = classify_note(glued.group("status"))
        if kind and kind[0] == "status":
            status = kind[1]
        elif kind:
            notes.append(kind[1])
        org = glued.group("org")
    return Entry(name.name, title, clean(org), status, "; ".join(notes) or None, line, original,
                 shared_org=shared and org is not None)


# A person's function in a chamber, guild, association or office, written before the name or as the
# organisation ('OM Hartmut Lübbers', 'Obermeister der Maler-Innung'); abbreviations only as written in capitals.
_FUNCTION_WORDS = (r"(?:(?i:stv\.|stellv\.|stellvertretende[rn]?)\s?)?"
                   r"(?:(?i:\w*meister(?:in)?|(?:haupt)?geschäftsführer(?:in)?"
                   r"|vorsitzende[rn]?|(?:vize)?präsident(?:in)?|vorstandsmitglied|beisitzer(?:in)?|schriftführer(?:in)?|kassier(?:in|er|erin)?"
                   r"|\w*wart(?:in)?|kassenprüfer(?:in)?|rechnungsprüfer(?:in)?|referent(?:in)?|referatsleiter(?:in)?"
                   r"|abteilungsleiter(?:in)?"
                   r"|ausbildungsberater(?:in)?|betriebsberater(?:in)?|schulleiter(?:in)?|ministerialr(?:at|ätin)"
                   r"|regierungsdirektor(?:in)?)|OM|GF|HGF|KHM|LIM|Vors\.)")
_FUNCTION_BEFORE = re.compile(rf"^(?P<fn>{_FUNCTION_WORDS})\s+(?=[A-ZÄÖÜ])")
# 'Kassenprüferin: Monika Rühl', 'Geschäftsführung: Jan Ohm (KH)': a function as the label of its holder
_FUNCTION_LABEL = re.compile(rf"^(?P<fn>{_FUNCTION_WORDS}|(?i:{_ROLE}))\s*:\s+(?=\S)")
_FUNCTION_OF = re.compile(rf"^(?P<fn>{_FUNCTION_WORDS})(?:\s+(?:der|des|im|in\s+der|beim|bei\s+der|vom|von\s+der)"
                          r"\s+(?P<org>\S.*))?$")
# 'Referentin IHK Nordland', 'Geschäftsführer ZVB': a function and then the organisation, without 'der'.
_FUNCTION_THEN = re.compile(rf"^(?P<fn>{_FUNCTION_WORDS}|(?i:{_ROLE}))\s+(?P<org>[A-ZÄÖÜ].*)$")


def _function_then_org(part: str, notes: list[str], registry: Registry | None) -> str:
    """The organisation of 'Referentin IHK Nordland' (its function goes to `notes`); other parts as they are."""
    m = _FUNCTION_THEN.match(part.strip())
    if m is None:
        return part
    org = m.group("org")
    # a house, not a department ('Geschäftsführerin Wirtschaftsförderung'): known, or named in more than one word
    if not _known_org(org, registry) and not re.fullmatch(r"[A-ZÄÖÜ]{2,}[\w-]*", org) \
            and (len(org.split()) < 2 or not is_org_like(org) or person_name(org)):
        return part
    notes.append(m.group("fn"))
    return org


# '(beide IGB)', 'alle von BAuA', 'jeweils HWK': one organisation for the people listed together.
_SHARED = re.compile(r"(?i)^(?:beide|alle(?:\s+drei|\s+vier)?|jeweils|ebenfalls)\b\s*(?:(?:von|vom|aus|bei|beim)\s+)?")
_TITLE_ONLY = re.compile(TITLE_ALONE_PATTERN)
_TITLE_AFTER_GIVEN = re.compile(r"\s(?:Prof\.\s?)?Dr\.(?:-Ing\.|\s?rer\.\s?nat\.|\s?med\.)?$|\sProf\.$")
# An organisation left empty on purpose: '(ohne Angabe)', '(k. A.)', a dash alone.
_NO_VALUE = re.compile(r"(?i)\s*[(\[]\s*(?:ohne\s+angabe|keine\s+angabe|k\.\s?a\.|n/?a|[-–—?]|unbekannt)\s*[)\]]"
                       r"|(?:\s*[,;–—-])+\s*$")


# A unit inside an organisation: 'Ref. 23', 'Referat Z 4', 'Abt. II', 'Stabsstelle Recht', 'Fachbereich 3'.
_UNIT = re.compile(r"(?i)(?:ref(?:erat)?|abt(?:eilung)?|dezernat|stabsstelle|fachbereich|fb|sachgebiet|sg"
                   r"|unterabteilung|referatsgruppe)\.?\s*\S.{0,40}")
_STAND_IN_TAIL = re.compile(r"(?:\s*[,;]\s*|\s+[–—-]\s+|\s+)(?P<tail>(?:vertreten\s+durch|(?:in|als)\s+vertretung\s+"
                            r"(?:für|von|durch)|i\.\s?v\.\s+(?:für|von)|vertretung\s+(?:für|durch))\s+\S.*)$",
                            re.IGNORECASE)
_DASH = re.compile(r"\s+[–—-]\s+|\s+/\s+|\s*:\s+")


def _status_tail(right: str) -> tuple[str, str] | None:
    """(what stays, status) when `right` ends in a status phrase that holds a comma, after a dash or on its own."""
    if "," not in right:
        return None
    cuts = [0, *(m.end() for m in _DASH.finditer(right))]
    for cut in cuts:
        tail = right[cut:].strip(" ,;")
        if "," in tail and (status := status_phrase((clean(tail) or "").strip(" .;:"))) is not None:
            return re.sub(r"\s*[–—/:-]\s*$", "", right[:cut].strip()), status
    return None


def _peel_notes(part: str) -> list[str]:
    """'Org – online' -> ['Org', 'online']; dashes inside an organisation's name stay."""
    cuts = list(_DASH.finditer(part))
    tail: list[str] = []
    head_end = len(part)
    for m in reversed(cuts):
        segment = part[m.end():head_end].strip(" ,;")
        if not classify_note(segment):
            break
        tail.insert(0, segment)
        head_end = m.start()
    head = part[:head_end].strip(" ,;")
    return [t for t in (head, *tail) if t]


def _name_with_org_words(text: str, registry: Registry | None) -> tuple[PersonName, str] | None:
    """'Jonas Weber von der BAuA' -> (Jonas Weber, 'BAuA'): a name followed, without a separator, by its
    organisation (after 'von', 'bei', 'aus' …, or looking like one)."""
    tokens = text.split()
    for cut in range(min(len(tokens) - 1, 9), 1, -1):  # a name with titles has at most ~9 words
        head, tail = " ".join(tokens[:cut]), " ".join(tokens[cut:])
        candidate = person_name(head)
        tail_org = _ORG_PREFIX.sub("", tail)
        if _LEGAL_FORM.match(tail_org.strip()):
            continue  # 'Brenner Sanitär GmbH' is a firm: a legal form alone is no organisation after a name
        if candidate and (is_org_like(tail_org) or _known_org(tail_org, registry) or _ORG_PREFIX.match(tail)):
            return candidate, tail_org
    return None


def _org_then_name_words(text: str, registry: Registry | None) -> tuple[PersonName, str] | None:
    """'Handwerkskammer Hannover Petra Vogt' -> (Petra Vogt, 'Handwerkskammer Hannover'): the organisation first
    and the name after it, the longest organisation that leaves a name of two to four words."""
    tokens = text.split()
    if not tokens or (tokens[0][:1].islower() and not _known_org(tokens[0], registry)):
        return None  # 'und Helga Strauß' goes on a list; 'itb Anna Berg' only when 'itb' is known
    for cut in range(len(tokens) - 2, 0, -1):
        head, tail = " ".join(tokens[:cut]), " ".join(tokens[cut:])
        before = tokens[cut - 1]
        if len(tokens) - cut > 4 or _TITLE_ONLY.fullmatch(before) or _SALUTATION_RE.match(f"{before} ") \
                or not (is_org_like(head) or _known_org(head, registry)):
            continue  # '… Dr. Jan Ohm': the title belongs to the name
        candidate = person_name(tail)
        if candidate is not None and not is_org_like(tail) and not _known_org(tail, registry):
            return candidate, head
    return None


# A surname in capitals before the comma of 'Surname, First name' ('BERG, Anna'): three letters or more, a vowel.
_CAPS_SURNAME = re.compile(r"(?=[A-ZÄÖÜ-]*[AEIOUYÄÖÜ])[A-ZÄÖÜ]{2,}[A-ZÄÖÜß]*(?:-[A-ZÄÖÜ]{2,})*")


def _surname_only(person: PersonName) -> bool:
    """'Dr. Brückner', 'Frau von Arnim': one surname (maybe with particles), no first name."""
    words = person.name.split()
    return all(w.lower() in _PARTICLES for w in words[:-1])


def _given_and_org(text: str, registry: Registry | None) -> tuple[str, str] | None:
    """'Katharina IfAM' -> ('Katharina', 'IfAM'), 'Thi Huong BAuA' -> ('Thi Huong', 'BAuA'): first names
    and then an organisation (columns whose spacing the text lost)."""
    words = text.split()
    for cut in range(min(3, len(words) - 1), 0, -1):
        given, rest = " ".join(words[:cut]), " ".join(words[cut:])
        if all(_is_name_token(w) for w in words[:cut]) and (is_org_like(rest) or _known_org(rest, registry)):
            return given, rest
    return None


def _reversed(left: str, right: str, registry: Registry | None = None) -> tuple[PersonName, str] | None:
    """'Walter' + 'Dr. Gabriele, BAuA' -> (Dr. Gabriele Walter, 'BAuA') when both sides are bare names;
    'Dr. Brückner' + 'Stefan ZDH', 'Holzapfel' + 'Rainer, Dipl.-Ing. FHK Mitte': surname first, the
    organisation after the first name."""
    parts = _split_outside(right, ",")
    left_title, left = split_titles(_SALUTATION_RE.sub("", left).strip())
    first_part = split_titles(_DASH.split(parts[0], maxsplit=1)[0])[1] if parts else ""
    if _CAPS_SURNAME.fullmatch(left) and len(first_part.split()) == 1 and not _known_org(left, registry):
        left = "-".join(p.capitalize() for p in left.split("-"))  # 'MÜLLER-LÜDENSCHEIDT, Anna' as exported
    words = left.split()
    if not words or any(w.lower() not in _PARTICLES for w in words[:-1]) or not parts or is_org_like(left) \
            or not _is_name_token(words[-1]):
        return None  # one surname, maybe with 'von', 'van', 'de'…
    dashed = _DASH.search(parts[0])
    if dashed:  # 'Becker, Anna – BAuA'
        parts = [parts[0][:dashed.start()], parts[0][dashed.end():], *parts[1:]]
    title, first = split_titles(parts[0])
    titles = [t for t in (left_title, title) if t]
    if trailing := _TRAILING_TITLE.search(first):  # 'Ewa, M.A.'
        titles.append(trailing.group(0).strip(" ,"))
        first = first[:trailing.start()].strip()
    if (after := _TITLE_AFTER_GIVEN.search(first)) and after.start() > 0:  # 'Georgiou, Nikolaos Dr.'
        titles.append(after.group(0).strip())
        first = first[:after.start()].strip()
    if len(first.split()) > 1 and (split := _given_and_org(first, registry)) and not dashed:
        first = split[0]
        parts = [parts[0], split[1], *parts[1:]]
    if not 1 <= len(first.split()) <= 3 or is_org_like(first) or not all(_is_name_token(w) for w in first.split()):
        return None
    rest: list[str] = []
    for part in parts[1:]:
        part_title, part_rest = split_titles(part)
        if part_title and (not part_rest or is_org_like(part_rest) or _known_org(part_rest, registry)):
            titles.append(part_title)  # 'Holzapfel, Rainer, Dipl.-Ing. FHK Mitte': a title after the first name
            part = part_rest
        if part:
            rest.append(part)
    if not dashed and any(len(p.split()) == 1 and not is_org_like(p) and not classify_note(p) for p in rest):
        return None  # 'Meier, Schulze, Braun' is a list of surnames, not one reversed name
    candidate = person_name(f"{first} {left}")
    if candidate is None:
        return None
    return PersonName(candidate.name, " ".join(titles) or candidate.title, None), ", ".join(rest)


def _org_part(left: str, right: str, orgs: list[str], default_org: str | None) -> str | None:
    if orgs:
        return orgs[0]
    if right and is_org_like(right):
        return right
    return default_org


# --- organisations shared by the people listed together ------------------------------------------


def group_org(found: list[Entry | Unreadable], default: str | None) -> None:
    """'Anna Berg, Max Kern (ZVB)' as one group of a line ('· Eva Ohm (HWK)') or of a list: the organisation
    after the last name is the organisation of them all, when none of the others names one."""
    if len(found) < 2 or not all(isinstance(e, Entry) for e in found):
        return
    last = found[-1]
    assert isinstance(last, Entry)
    if last.organisation_raw in (None, default) or "(" not in last.raw:
        return
    if all(isinstance(e, Entry) and e.organisation_raw in (None, default) for e in found[:-1]):
        for entry in found[:-1]:
            assert isinstance(entry, Entry)
            entry.organisation_raw = last.organisation_raw


def share_pairs(found: list[Entry | Unreadable], parts: list[str], text: str,
                default: str | None) -> list[Entry | Unreadable]:
    """'Josef Kern und Maria Ohm (ZVB)': two people joined by 'und' before one organisation in parentheses
    work there both."""
    for index in range(len(found) - 1):
        first, second = found[index], found[index + 1]
        if not (isinstance(first, Entry) and isinstance(second, Entry)) \
                or first.organisation_raw not in (None, default) \
                or second.organisation_raw in (None, default) or "(" not in parts[index + 1]:
            continue
        joined = re.search(re.escape(parts[index].strip()) + r"\s+(?:und|&|sowie)\s+" + re.escape(parts[index + 1][:8]),
                           text)
        if joined:
            first.organisation_raw = second.organisation_raw
    return found


def share_orgs(found: list[Entry | Unreadable], default: str | None = None) -> list[Entry | Unreadable]:
    """'Jonas Weber und Eva Braun (beide IGB)', 'A, B, alle von BAuA': the people listed just before take the
    organisation too (back to the first one that names its own)."""
    for index, entry in enumerate(found):
        if not isinstance(entry, Entry) or not entry.shared_org:
            continue
        for before in reversed(found[:index]):
            if not isinstance(before, Entry) or (before.organisation_raw not in (None, default)):
                break
            before.organisation_raw = entry.organisation_raw
    return found
