"""Which group met (from the title, a 'Gremium:' line or the folder) and which groups reported."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from etl.core.prefilter import guarded
from etl.core.registry import Registry
from vocab.keys import clean, name_key

_KIND = (r"(?:OM-)?(?:Fachgruppe|FG)|Arbeitsgruppe|Arbeitsgemeinschaft|AG|Arbeitskreis|AK"
         r"|Regional(?:es|en)?\s+Netzwerk(?:s|es)?|Regionalnetzwerk")
# A capitalised word of a group name; sentence starts and headings words never belong to one.
_TOKEN = (r"(?!(?:Die|Der|Das|Den|Dem|Ein|Eine|Es|Sie|Er|Wir|Herr|Frau|Protokoll|Sitzung|Bericht|TOP)\b)"
          r"[A-ZÄÖÜ][\w\-&/]*")
_NAME = rf"{_TOKEN}(?:\s+(?:(?:und|&|für|im|in)\s+)?{_TOKEN}){{0,5}}"
_GROUP = re.compile(rf"(?<![\w-])(?P<kind>{_KIND})\s+(?P<name>{_NAME})")
_STANDALONE = re.compile(r"(?<![\w-])(?P<base>Koordinierungsteam|Strategiekreis|Lenkungskreis|Steuerungskreis"
                         r"|Steuerkreis)(?:es|s)?(?![\w-])")
# German case endings a group name takes in the genitive or dative ('des Strategiekreises').
_CASE_ENDINGS = ("es", "s", "n")
_STOP = {"sitzung", "protokoll", "treffen", "austausch", "tagung", "termin", "besprechung", "jahresbericht",
         "bericht", "ergebnisprotokoll", "vom", "am", "online", "videokonferenz", "kick-off", "auftakt",
         "top", "berichtet", "berichten", "stellt", "hat", "ist", "wird", "sitzungsprotokoll", "protokolls",
         "jour", "jf", "telko", "regeltermin", "klausur", "workshop", "webkonferenz", "meeting",
         "runde", "austauschrunde", "arbeitstreffen", "arbeitssitzung", "kurzprotokoll", "notizen", "vermerk"}
_FOLDER_KINDS = ("fachgruppe", "fg", "om-fachgruppe", "om-fg", "ag", "arbeitsgruppe", "ak", "arbeitskreis",
                 "regionales-netzwerk", "regionalnetzwerk", "netzwerk", "koordinierungsteam",
                 "strategiekreis", "lenkungskreis", "steuerungskreis")
_LOWER_WORDS = {"und", "für", "fuer", "im", "in", "der", "des", "die", "das", "am", "zur", "zum", "von"}
_UPPER_WORDS = {"ag": "AG", "ak": "AK", "om": "OM", "fg": "Fachgruppe", "om-fg": "Fachgruppe"}


@dataclass(frozen=True)
class GroupHit:
    name: str  # registry display name if known, else the best raw name
    known: bool
    raw: str
    suggestion: str | None = None
    score: float | None = None


_MEETING_SUFFIX = re.compile(r"(?<=\w)-(Sitzung|Treffen|Protokoll|Besprechung|Termin|Runde|Tagung)\b")


def _canonical(kind: str, name: str) -> str:
    kind = re.sub(r"\s+", " ", kind)
    if kind.lower() == "arbeitsgemeinschaft":
        kind = "AG"  # 'Arbeitsgemeinschaft Transfer' is the 'AG Transfer'
    if kind.upper() in ("FG", "OM-FG") or kind.lower() in ("om-fachgruppe", "fachgruppe"):
        kind = "Fachgruppe"
    return f"{kind} {name}"


# A word that names the meeting, not the group: 'Frühjahrstreffen', 'Jahrestagung', 'Plenumssitzung'.
_MEETING_WORD = re.compile(r"(?i)(?:treffen|sitzung|tagung|runde|protokoll|konferenz|besprechung|termin|workshop"
                           r"|versammlung|plenum|notizen)$")


def _stop(word: str) -> bool:
    bare = word.lower().strip(".:,")
    return bare in _STOP or bool(_MEETING_WORD.search(bare))


def _trim(name: str) -> str:
    words: list[str] = []
    for word in name.split():
        if _stop(word) or re.match(r"\d", word):
            break
        words.append(word.strip(".,:;"))
    while words and words[-1].lower() in _LOWER_WORDS | {"&"}:
        words.pop()
    return " ".join(words)


def mentions(text: str) -> list[tuple[str, list[str], int, int]]:
    """Group names written in `text`: (canonical raw name, lookup phrases longest first, start, end)."""
    found = []
    for m in _GROUP.finditer(text):
        name = _trim(m.group("name"))
        if not name:
            continue
        words = name.split()
        phrases = [_canonical(m.group("kind"), " ".join(words[:k])) for k in range(len(words), 0, -1)]
        found.append((phrases[0], phrases, m.start(), m.end()))
    for m in _STANDALONE.finditer(text):
        found.append((m.group("base"), [m.group("base")], m.start(), m.end()))
    return sorted(found, key=lambda item: item[2])


def resolve_phrases(phrases: list[str], registry: Registry | None) -> tuple[str, bool]:
    """The registry's display name for the longest phrase it knows, else the longest phrase."""
    if registry is not None:
        for phrase in phrases:
            if eid := registry.lookup(phrase):
                return registry.names.get(eid, phrase), True
    return phrases[0], False


def _lookup_inflected(phrase: str, registry: Registry) -> str | None:
    """The id of `phrase`, or of it with a case ending stripped from its last word when that bare form is
    known ('Koordinierungsteams' -> 'Koordinierungsteam', 'Strategiekreises' -> 'Strategiekreis')."""
    if eid := registry.lookup(phrase):
        return eid
    for ending in _CASE_ENDINGS:
        if phrase.endswith(ending) and len(phrase.split()[-1]) > len(ending) + 3:
            if eid := registry.lookup(phrase[:-len(ending)]):
                return eid
    return None


def _registry_ngram(text: str, registry: Registry) -> str | None:
    """A known group named anywhere in `text` ('Austausch Fachgruppe Handwerk'), longest name first."""
    words = [w.strip(".,:;()„“\"'") for w in text.split()]
    words = [w for w in words if w]
    for size in range(min(len(words), 8), 0, -1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start:start + size])
            if size == 1 and len(phrase) < 3 and not (len(phrase) == 2 and phrase.isupper()):
                continue  # a two-letter capital short form the registry lists ('SK') is looked up
            if eid := _lookup_inflected(phrase, registry):
                return registry.names.get(eid, phrase)
    return None


def _registry_typo(text: str, registry: Registry) -> str | None:
    """A known group written with a typo or an inflection ('Arbeitkreis Ausbildung', 'Lenkungskries', 'des
    Arbeitskreises Ausbildung'): a run of the text's words within one or two edits of a known spelling of eight
    letters or more (two edits from 16), when exactly one group is that close.

    Only the kind words of a name may differ ('Fachgrupe', 'Regionalen Netzwerks'); its own words must stand as
    they are, because one letter there may name another group: 'Regionalnetzwerk Ost' is not 'Regionalnetzwerk
    West', and 'Fachgruppe Handwerg' goes to Prüfen with „ähnlich: Fachgruppe Handwerk“, where a person decides."""
    words = [w.strip(".,:;()„“\"'") for w in text.split()]
    words = [w for w in words if w]
    keys = [key for key in registry.keys if len(key) >= 8]
    found: dict[str, int] = {}
    for size in range(1, min(len(words), 6) + 1):
        for start in range(len(words) - size + 1):
            written = registry.key(" ".join(words[start:start + size]))
            if len(written) < 8:
                continue
            for key in keys:
                limit = 2 if len(key) >= 16 else 1
                if abs(len(key) - len(written)) > limit or key.count("-") + 1 != size \
                        or not _own_words_as_written(written, key):
                    continue
                distance = OSA.distance(written, key, score_cutoff=limit)
                if distance <= limit:
                    eid = registry.keys[key]
                    found[eid] = min(distance, found.get(eid, distance))
    if not found:
        return None
    best = min(found.values())
    fits = [eid for eid, distance in found.items() if distance == best]
    return registry.names.get(fits[0]) if len(fits) == 1 else None


def _own_words_as_written(written: str, key: str) -> bool:
    """Every word of the known name `key` that is not a kind word ('fachgruppe', 'netzwerk' …) stands in
    `written` letter for letter; a name of one word (a standing body: 'strategiekreis') has only kind."""
    pairs = list(zip(written.split("-"), key.split("-"), strict=False))
    return len(pairs) == 1 or all(w == k for w, k in pairs if not _KIND_WORDS.match(k))


# A group's own part joined by a hyphen to its kind or the meeting ('Weser-Ems-Netzwerk', 'Handwerk-Fachgruppe').
_JOINED_KIND = re.compile(r"^(.+?)-(?:netzwerk|netzwerktreffen|fachgruppe|arbeitsgruppe|arbeitskreis|gruppe|kreis)$")
# A known body's name run into the meeting word ('Strategiekreissitzung', 'Koordinierungsteamtreffen').
_RUN_IN = re.compile(r"(?i)(?<=[a-zäöüß]{5})(sitzung|treffen|protokoll|besprechung|tagung|runde)(?![a-zäöüß])")
# Other spellings of the network's standing bodies.
_SPELLINGS = {"koordinationsteam": "Koordinierungsteam", "koordinierungs-team": "Koordinierungsteam",
              "strategie-kreis": "Strategiekreis", "strategierunde": "Strategiekreis"}
_KIND_WORDS = re.compile(r"(?i)^(?:fachgruppe|regionales|regionale|netzwerk|regionalnetzwerk|arbeitsgruppe"
                         r"|arbeitskreis|ag|ak|fg|om-fachgruppe)$")
# What stands in a text for a kind word of a name: 'Regionalnetzwerk' is written 'Netzwerk…', 'RN' or in full.
_KIND_SPELLINGS = {"regionalnetzwerk": ("netzwerk", "rn ", "regional"), "netzwerk": ("netzwerk", "rn ", "regional")}


def _by_distinct_part(text: str, registry: Registry) -> str | None:
    """'Netzwerktreffen Weser-Ems' for 'Regionales Netzwerk Weser-Ems': a known group whose own part (the
    words after its kind) stands in the text as words and whose kind word stands in it too, even inside a
    compound; only when exactly one group fits."""
    lowered = text.lower() + " "
    words = {w.strip(".,:;()„“\"'").lower() for w in re.split(r"[\s/]+", text)}  # 'Netzwerk X/Sitzung 2025-06'
    words |= {m.group(1) for w in words if (m := _JOINED_KIND.match(w))}  # 'weser-ems-netzwerk' names 'weser-ems'
    fits = []
    names = set(registry.names.values())
    counts: dict[str, int] = {}
    for name in names:
        for part in {p.lower() for p in name.split()}:
            counts[part] = counts.get(part, 0) + 1
    for name in names:
        parts = name.split()
        kinds = [p for p in parts if _KIND_WORDS.match(p)]
        own = [p for p in parts if not _KIND_WORDS.match(p) and p.lower() not in _LOWER_WORDS]
        if not kinds or not own:
            continue
        # every word of its own part, or those no other group shares ('Netzwerk der Fachkräftezentren' for
        # 'Netzwerk Fachkräftezentren Handwerk': 'Handwerk' names other groups too, so it may be left out)
        present = [p for p in own if p.lower() in words]
        distinct = [p for p in own if counts.get(p.lower(), 0) == 1]
        if (len(present) == len(own) or distinct and all(p in present for p in distinct)) and any(
                spelling in lowered for k in kinds if k.lower() not in ("regionales", "regionale")
                for spelling in _KIND_SPELLINGS.get(k.lower(), (k.lower(),))):
            fits.append(name)
    return fits[0] if len(fits) == 1 else None


def prettify_folder(hint: str) -> str | None:
    """'fachgruppe-handwerk' -> 'Fachgruppe Handwerk' when the folder name looks like a group."""
    key = name_key(hint)
    if not key.startswith(_FOLDER_KINDS) or key in ("ag", "fg", "netzwerk"):
        return None
    for prefix in ("om-fg-", "om-fachgruppe-", "fg-"):
        if key.startswith(prefix):
            key = "fachgruppe-" + key[len(prefix):]
    words = key.split("-")
    return " ".join(_UPPER_WORDS.get(w) or (w if w in _LOWER_WORDS else w.capitalize()) for w in words)


# Kind abbreviations written before a group's own part ('FG FKS', 'RN Weser-Ems') and the kind they stand for.
_KIND_ABBREVIATIONS = {"fg": ("fachgruppe",), "om-fg": ("fachgruppe",),
                       "rn": ("regionales netzwerk", "regionalnetzwerk", "netzwerk"),
                       "ag": ("ag", "arbeitsgruppe"), "ak": ("arbeitskreis", "ak"), "fachgruppe": ("fachgruppe",),
                       "arbeitsgruppe": ("ag", "arbeitsgruppe"), "arbeitsgemeinschaft": ("ag", "arbeitsgruppe"),
                       "arbeitskreis": ("arbeitskreis", "ak"),
                       "netzwerk": ("regionales netzwerk", "regionalnetzwerk", "netzwerk"),
                       "regionalnetzwerk": ("regionales netzwerk", "regionalnetzwerk")}
_LEADING_KIND = re.compile(r"(?i)^(?:om-)?(?:fachgruppe|regionales\s+netzwerk|regionalnetzwerk|netzwerk|arbeitsgruppe"
                           r"|arbeitskreis|ag|ak|fg)\s+")
# A word that may abbreviate a group: 'KoTeam', 'Ko-Team', 'StraKr' (inner capitals or a hyphen), 'FKS'.
_ABBREVIATION = re.compile(r"[A-ZÄÖÜ][a-zäöüß]*(?:-?[A-ZÄÖÜ][a-zäöüß]*)+|[A-ZÄÖÜ]{3,5}")
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _chunks(word: str) -> list[str]:
    """'KoTeam' -> ['ko', 'team'], 'Ko-Team' -> ['ko', 'team'], 'FKS' -> ['f', 'k', 's']."""
    return [c.lower().translate(_FOLD) for c in re.findall(r"[A-ZÄÖÜ]?[a-zäöüß]+|[A-ZÄÖÜ]", word)]


def abbreviates(word: str, name: str) -> bool:
    """Whether `word` is a short form of `name`: each part of the word starts a word of a name of several
    words, in order ('RN OF' / 'Oberfranken' no, 'GA' / 'Gesunde Arbeit' yes), or, for a name of one
    (compound) word, the first part starts it and the others follow in order ('FKS' / 'Fachkräftesicherung',
    'KoTeam' / 'Koordinierungsteam', 'StraKr' / 'Strategiekreis')."""
    parts = _chunks(word)
    words = [w.translate(_FOLD) for w in re.split(r"[\s-]+", name.lower()) if w]
    if not parts or not words or "".join(parts) == "".join(words):
        return False
    if len(words) > 1:
        return len(parts) == len(words) and all(w.startswith(p) for p, w in zip(parts, words, strict=True))
    whole = words[0]
    if not whole.startswith(parts[0]) or len(whole) < 6:
        return False
    at = len(parts[0])
    for part in parts[1:]:
        at = whole.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True


def _letters_of(word: str, name: str) -> bool:
    """'Ofr' for 'Oberfranken', 'Digi' for 'Digitalisierung': a short word (3 to 5 letters) whose letters
    stand in the name in order, the first at its start; only after a kind ('RN Ofr.'), where little else fits."""
    letters = word.lower().translate(_FOLD).rstrip(".")
    whole = "".join(name.lower().translate(_FOLD).split())
    if not 3 <= len(letters) <= 5 or not letters.isalpha() or not whole.startswith(letters[0]):
        return False
    at = 1
    for letter in letters[1:]:
        at = whole.find(letter, at) + 1
        if at == 0:
            return False
    return True


# The kind of a standing body that leads its name: 'Steuerungsrunde …', 'Projektteam …', 'Lenkungskreis …',
# 'Beirat …' (a collective noun, capitalised, before the body's own words).
_BODY_KIND = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]*(?:kreis|runde|gruppe|team|rat|ausschuss|gremium|netzwerk|forum|konferenz"
                        r"|vorstand|zirkel|plenum|kommission|verbund|allianz|bündnis)$")


def _own_part(name: str, *, bodies: bool = True) -> str:
    """'Fachgruppe Fachkräftesicherung' -> 'Fachkräftesicherung', 'Steuerungsrunde Fachkräftezentrum Oberpfalz' ->
    'Fachkräftezentrum Oberpfalz' (`bodies`: also after a standing body's kind); a name without a kind stays whole."""
    own = _LEADING_KIND.sub("", name)
    words = name.split()
    if bodies and own == name and len(words) > 1 and _BODY_KIND.match(words[0]):
        return " ".join(words[1:])
    return own


def _related(word: str, own: str) -> bool:
    """Whether `word`, written right after a body's kind, belongs to its own part: a word of it, its start or a
    short form ('Steuerungsrunde FKZ' for 'Steuerungsrunde Fachkräftezentrum Oberpfalz')."""
    bare = word.lower().translate(_FOLD)
    words = [w.translate(_FOLD) for w in re.split(r"[\s.-]+", own.lower()) if w]
    return any(w.startswith(bare) and len(bare) >= 3 for w in words) or abbreviates(word, own) \
        or bool(words) and abbreviates(word, own.split()[0]) or _letters_of(word, own)


def _by_kind_alone(text: str, registry: Registry) -> str | None:
    """'Lenkungskreis', 'Sitzung der Steuerungsrunde', 'Steuerungsrunde FKZ': the kind of a standing body the
    network has only one of (one known name starts with it) names that body, unless the word after it names
    another one ('Steuerungsrunde Digitalisierung'). The kinds that groups share (Fachgruppe, Arbeitskreis …)
    never name one alone."""
    names = sorted(set(registry.names.values()))
    firsts = Counter(n.split()[0].lower() for n in names)
    fits = []
    for name in names:
        words = name.split()
        if len(words) < 2 or not _BODY_KIND.match(words[0]) or _KIND_WORDS.match(words[0]) \
                or firsts[words[0].lower()] != 1:
            continue
        m = re.search(rf"(?i)(?<![\w-]){re.escape(words[0])}(?:es|s|n)?(?![\w])", text)
        if m is None:
            continue
        after = text[m.end():].split()[:1]
        word = after[0].strip(".,:;()„“\"'") if after else ""
        if word[:1].isupper() and not _stop(word) and not _related(word, _own_part(name)):
            continue
        fits.append(name)
    return fits[0] if len(fits) == 1 else None


def _by_own_part(text: str, registry: Registry) -> str | None:
    """'INQA Lernpfad – Ergebnisse Teamtreffen' for 'Projektteam INQA-Lernpfad': the own words of a known name
    (two words at least, after its kind) written without the kind, when no other group has those own words."""
    owners: dict[str, list[str]] = {}
    for name in sorted(set(registry.names.values())):
        own = _own_part(name)
        key = registry.key(own)
        if own != name and key.count("-") >= 1:
            owners.setdefault(key, []).append(name)
    written = f"-{registry.key(text)}-"
    fits = [names[0] for key, names in owners.items() if len(names) == 1 and f"-{key}-" in written
            and _standing_alone(text, _own_part(names[0]))]
    return fits[0] if len(fits) == 1 else None


def _standing_alone(text: str, own: str) -> bool:
    """Whether `own` stands in `text` as a name of its own, not as the end of a longer one ('Förderverein
    Netzwerkbüro Handwerk.Zukunft e.V.' names a club, not the 'Lenkungskreis Handwerk.Zukunft')."""
    pattern = r"[\s.\-]+".join(re.escape(word) for word in re.split(r"[\s.\-]+", own) if word)
    for m in re.finditer(rf"(?i)(?<![\w.-]){pattern}(?![\w-])", text):
        before = text[:m.start()].split()[-1:]
        after = text[m.end():].split()[:1]
        if before and before[0][:1].isupper() and not _stop(before[0]):
            continue
        if after and re.match(r"(?i)e\.\s?v\.|gmbh|eg\b|ag\b|verein|gbr\b", after[0]):
            continue
        return True
    return False


def _abbreviates_first_word(word: str, name: str, text: str) -> bool:
    """'FKZ' for 'Netzwerk Fachkräftezentren Handwerk' in 'Netzwerktreffen FKZ' or 'FKZ-Netzwerk': a capital short
    form of the first word of the name's own part, where the text also names the name's kind."""
    own = _own_part(name)
    kind = name[:len(name) - len(own)].strip().lower()
    return own != name and word.isupper() and bool(kind) and kind in text.lower() \
        and abbreviates(word, own.split()[0])


def _by_abbreviation(text: str, registry: Registry) -> str | None:
    """The one known group a short form in `text` stands for: a kind abbreviation with the group's own part
    or its short form ('FG FKS', 'RN Weser-Ems', 'AG Trans'), or a short form alone ('KoTeam', 'StraKr')."""
    # 'FKZ-Netzwerk': a capital short form joined to a word by a hyphen stands alone ('Ko-Team' stays one word)
    words = [w.strip(".,:;()„“\"'") for w in re.split(r"[\s/|>›»]+|(?<=[A-ZÄÖÜ]{2})-(?=[A-ZÄÖÜ])", text)]
    words = [w for w in words if w]
    names = sorted(set(registry.names.values()))
    for index, word in enumerate(words[:-1]):
        kinds = _KIND_ABBREVIATIONS.get(word.lower())
        if not kinds:
            continue
        rest = words[index + 1]
        after = words[index + 2] if index + 2 < len(words) else ""
        whole = [name for name in names if name.lower().startswith(kinds) and " ".join(
            words[index + 1:index + 1 + len(_own_part(name).split())]).lower() == _own_part(name).lower()]
        if len(whole) == 1 and _own_part(whole[0]) != whole[0]:
            return whole[0]  # 'AK Ausländische Fachkräfte': the kind's short form and the own words in full
        if after[:1].isupper() and not _stop(after) and len(rest) >= 5 and not rest.isupper():
            # 'Fachgruppe Digital Health' is a group of its own, not 'Fachgruppe Digitalisierung'; after a short
            # form ('FG HW Besuch', 'FG Digi Barcamp') the next word is about the meeting
            continue
        fits = [name for name in names if name.lower().startswith(kinds)
                and (_own_part(name).lower().startswith(rest.lower()) and len(rest) >= 3
                     or abbreviates(rest, _own_part(name)) or _letters_of(rest, _own_part(name)))]
        if len(fits) == 1:
            return fits[0]
    for word in words:
        if not _ABBREVIATION.fullmatch(word) or registry.lookup(word) or word.lower() in _KIND_ABBREVIATIONS \
                or len(word) < 3:
            # 'FG' is the kind of a group, never the short form of one ('FG' is no 'Fachkräftesicherung'); two
            # capitals ('AA Montabaur') name too much to stand for a group the registry does not list them for
            continue
        # a short form alone stands for a group's own words after a shared kind ('FKS' for 'Fachgruppe
        # Fachkräftesicherung'), not for those of a standing body, which often name the network ('HWK' is no
        # 'Lenkungskreis Handwerk.Zukunft'); with the body's kind beside it, it does ('Steuerungsrunde FKZ')
        fits = [name for name in names if abbreviates(word, name)
                or (own := _own_part(name, bodies=False)) != name and abbreviates(word, own)
                or _abbreviates_first_word(word, name, text)]
        if len(fits) == 1:
            return fits[0]
    return None


def _breadcrumb(text: str) -> str:
    """A wiki path's parts as separate words: 'Fachgruppe Handwerk/Protokolle/2025-06-30' keeps its group
    part apart from 'Protokolle' (a '/' between two words of a name is left alone only without spaces)."""
    if text.count("/") >= 2 or re.search(r"\s[>›»]\s", text):
        return re.sub(r"\s*[/>›»]\s*", " / ", text)
    return text


def _respelt(text: str) -> str:
    """'Strategiekreissitzung' -> 'Strategiekreis sitzung', 'Koordinationsteam' -> 'Koordinierungsteam',
    'Süd-Baden' -> 'SüdBaden': a body's name run into the meeting word or spelt another way, for the registry lookup."""
    text = _RUN_IN.sub(r" \1", text)
    text = re.sub(r"(?<=[a-zäöüß])-(?=[A-ZÄÖÜ][a-zäöüß])", "", text)  # 'Nord-Hessen' -> 'NordHessen' ('nordhessen')
    return re.sub(r"[\w-]+", lambda m: _SPELLINGS.get(m.group(0).lower(), m.group(0)), text)


# The meeting word run into a group's kind with its linking letter: 'Steuerungsgruppensitzung Fachkräfte',
# 'Arbeitskreissitzung', 'Beiratssitzung'.
_LINKED_MEETING = re.compile(r"(?i)(?<=[a-zäöüß]{5})(?:n|s)?(?:sitzung|treffen|protokoll|besprechung|tagung|runde)"
                             r"(?![a-zäöüß])")


def _variants(text: str) -> list[str]:
    """Further ways to read a title for a known name: the meeting word cut from a compound with its linking letter
    ('Steuerungsgruppensitzung Fachkräfte' -> 'Steuerungsgruppe Fachkräfte'), hyphens as spaces ('KoTe-Jour-fixe')."""
    found = [_LINKED_MEETING.sub("", text), re.sub(r"(?<=\w)-(?=\w)", " ", text)]
    return [variant for variant in dict.fromkeys(found) if variant != text]


def detect(title: str | None, group_label: str | None, folder_hint: str | None,
           registry: Registry | None, *, file_name: str | None = None) -> GroupHit | None:
    """Title first, then a 'Gremium:' line, then the folder, then short forms and the file's name;
    registry-known names win over raw ones."""
    # 'AG Transfer-Sitzung': the meeting word joined to the group's name by a hyphen
    texts = [_MEETING_SUFFIX.sub(r" \1", _breadcrumb(t)) for t in (title, group_label) if t]
    if registry is not None:
        for text in texts:
            if name := _registry_ngram(text, registry) or _registry_ngram(_respelt(text), registry):
                return GroupHit(name, True, name)
        if folder_hint and (eid := registry.lookup(folder_hint)):
            return GroupHit(registry.names.get(eid, folder_hint), True, folder_hint)
        for text in [*texts, *(_respelt(t) for t in texts)]:
            if name := _by_distinct_part(text, registry) or _by_abbreviation(text, registry):
                return GroupHit(name, True, name)
        for text in texts:
            for variant in _variants(text):
                if name := _registry_ngram(variant, registry):
                    return GroupHit(name, True, name)
            for variant in [_respelt(text), *_variants(text)]:
                if name := _registry_typo(variant, registry):
                    return GroupHit(name, True, name)
        for text in texts:
            if name := _by_kind_alone(text, registry) or _by_kind_alone(_respelt(text), registry) \
                    or _by_own_part(text, registry):
                return GroupHit(name, True, name)
        if file_name:
            stem = re.sub(r"[_\s]+", " ", re.sub(r"\.[A-Za-z0-9]{1,5}$", "", file_name))
            spaced = re.sub(r"(?<=[a-zäöü])-(?=[a-zäöü])", " ", stem)
            for text in (stem, spaced):
                if name := _registry_ngram(text, registry) or _by_abbreviation(text, registry) \
                        or _by_kind_alone(text, registry) or _by_kind_alone(_respelt(text), registry) \
                        or _by_own_part(text, registry):
                    return GroupHit(name, True, name)
    raw: str | None = None
    for text in texts:
        if found := mentions(text):
            raw = found[0][0]
            break
    if raw is None and group_label:
        raw = clean(group_label)
    if raw is None and folder_hint:
        raw = prettify_folder(folder_hint)
    if raw is None:
        return None
    if registry is not None:
        match = registry.resolve(raw)
        if match.id:
            return GroupHit(match.name or raw, True, raw)
        longer = {name for name in registry.names.values() if name.lower().startswith(raw.lower() + " ")}
        if len(longer) == 1:  # 'Steuerkreis' where the network has one: 'Steuerkreis Digitalisierung'
            name = longer.pop()
            return GroupHit(name, True, raw)
        return GroupHit(raw, False, raw, match.suggestion_name, match.score)
    return GroupHit(raw, False, raw)


_REPORTED = rf"(?:{_KIND})\s+{_NAME}"
_REPORT = re.compile(
    rf"\b(?:(?:Jahres)?[Bb]ericht(?:e)?\s+(?:aus\s+)?(?:der|des|dem|vom|von\s+der|von\s+dem)\s+(?P<a>{_REPORTED})"
    rf"|(?:[Bb]ericht(?:e)?|Jahresbericht)\s*:\s*(?P<b>{_REPORTED})"
    rf"|(?P<c>{_REPORTED})\s+(?:berichte(?:t|n)|stellt\s+(?:ihren|seinen|den)\s+(?:Jahres)?[Bb]ericht)"
    rf"|berichte(?:t|n)\s+(?:\S+\s+){{0,3}}?(?:aus|über|für)\s+(?:der|die|dem|den|das)\s+(?P<d>{_REPORTED}))"
)
# run only on texts that hold a word every match needs (a long alternation is slow; etl/core/prefilter.py)
_REPORT = guarded(_REPORT)


def reports(text: str, registry: Registry | None) -> list[tuple[str, int]]:
    """Groups reported on in `text` with the offset of the mention: 'Bericht der Fachgruppe X',
    'Die Fachgruppe X berichtet …', 'Frau Y berichtet aus der Fachgruppe X'."""
    found: list[tuple[str, int]] = []
    for m in _REPORT.finditer(text):
        key = next(k for k in ("a", "b", "c", "d") if m.group(k))
        hits = mentions(m.group(key))
        if hits and hits[0][2] == 0:
            name, _ = resolve_phrases(hits[0][1], registry)
            if all(name != seen for seen, _ in found):
                found.append((name, m.start(key)))
    return found
