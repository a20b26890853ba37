"""Is this a person's name? And which participant does 'Frau Walter' mean?

Protocols mix people, organisations and notes on one line; these heuristics decide which
part is the person so the rest can become organisation or note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from etl.core.prefilter import guarded
from vocab.keys import clean, name_key, split_title
from vocab.titles import SALUTATION_PATTERN, SALUTATIONS, TITLE_PREFIX_PATTERN, TITLE_SUFFIX_PATTERN

SALUTATION = SALUTATION_PATTERN
_SALUTATION_RE = re.compile(rf"^{SALUTATION}\s+")
# Titles beyond vocab.titles.TITLES that appear in protocols ('Dipl.-Betriebsw.', 'Dr. rer. nat.').
_EXTRA_TITLE = re.compile(TITLE_PREFIX_PATTERN)
# Titles written after the name ('Barbara Heinemann MdB', 'Ewa Kamińska M.A.').
_TRAILING_TITLE = re.compile(TITLE_SUFFIX_PATTERN)
_PARTICLES = {"von", "van", "vom", "zu", "zur", "de", "der", "den", "da", "di", "du", "la", "le", "ten",
              "ter", "y", "al", "el", "bin", "dos", "del", "und"}
_PARTICLE_PAIRS = {"von der", "von den", "von dem", "van der", "van den", "van de", "de la", "de los", "de las",
                   "de le", "von und", "und zu", "zu der", "de da", "de do", "de du", "della", "van ter", "von zu"}
_NAME_TOKEN = re.compile(r"^(?:[^\W\d_]\.(?:-[^\W\d_]\.)*|(?:Mc|Mac|O'|D'|d')?[^\W\d_][^\W\d_'’]*(?:['’-][^\W\d_]+)*)$")
# Arabic, Hebrew and Romance particles written onto the surname: 'al-Mansouri', 'el-Amrani', "d'Angelo".
_GLUED_PARTICLE = re.compile(r"^(?:al|el|ad|ed|as|ash|at|az|ar|an|ibn|ben|bin|abu|ould|d|l|dell)['’-](?=[^\W\d_])")
# Capitalised words that start sentences or label things, never a first name.
_NOT_NAMES = {
    "die", "der", "das", "ein", "eine", "es", "er", "sie", "wir", "ihr", "herr", "frau", "name", "vorname",
    "nachname", "organisation", "institution", "funktion", "protokoll", "agenda", "sitzung", "thema",
    "top", "termin", "datum", "ort", "zeit", "uhrzeit", "teilnehmende", "teilnehmer", "gast", "gäste",
    "alle", "weitere", "vertreter", "vertreterin", "vertreterinnen", "mitglieder", "partner", "moderation",
    "leitung", "begrüßung", "bericht", "aufgabe", "aufgaben", "verantwortlich", "status", "anwesend",
    "entschuldigt", "abwesend", "online", "präsenz", "nn", "n.n.", "ggf.", "bzw.", "und", "oder", "mit",
    "siehe", "anlage", "im", "in", "am", "zum", "zur", "für", "von", "bis", "ab", "kein", "keine", "nicht",
    "dann", "auch", "noch", "zudem", "außerdem", "hierzu", "dazu", "wie", "was", "wer", "wann", "welche",
    "gemeinsam", "bitte", "vielen", "dank", "frage", "fragen", "ziel", "ziele", "diskussion", "stand",
    # words of the headings that follow a list of people ('Wichtigste Punkte', 'Nächste Schritte')
    "wichtigste", "wichtige", "punkte", "nächste", "schritte", "offene", "ergebnisse", "ergebnis", "themen",
    "notizen", "zusammenfassung", "sonstiges", "verschiedenes", "beschlüsse", "beschluss", "tagesordnung",
    "hinweise", "kurzprotokoll", "anlagen", "verteiler", "termine", "infos", "kurzbericht", "rückblick",
}
_ORG_MARKERS = (
    "kammer", "verband", "verbände", "institut", "stiftung", "gesellschaft", "innung", "zentrum", "zentrale",
    "akademie", "agentur", "ministerium", "amt", "verein", "hochschule", "universität", "gmbh", "mbh", "e.v.",
    "netzwerk", "beratung", "forum", "initiative", "offensive", "anstalt", "behörde", "gruppe", "projekt",
    "dienst", "büro", "bank", "kasse", "genossenschaft", "schule", "consulting", "handwerk", "industrie",
    "wirtschaft", "mittelstand", "landkreis", "senat", "team", "kreis", "werk", "bund", "betrieb", "union",
)
# Endings of compound words that name firms and bodies ('Kreishandwerkerschaft', 'Zimmerei', 'Steuerkanzlei',
# 'Metallbau'); only in a longer word, so a surname such as 'Schaft' stays a name.
_COMPOUND_MARKERS = ("schaft", "erei", "kanzlei", "apotheke", "praxis", "fabrik", "werkstatt", "manufaktur",
                     "metallbau", "holzbau", "stahlbau", "hochbau", "tiefbau", "technik", "logistik", "förderung",
                     "ausschuss", "stelle", "sekretariat", "verwaltung", "geschäftsführung", "center")
# First words of public bodies named by their place ('Stadt Lüneburg'); 'Stadt' alone could end a surname.
_PUBLIC_BODIES = {"stadt", "landkreis", "gemeinde", "kreisstadt", "hansestadt", "samtgemeinde", "stadtverwaltung",
                  "kreisverwaltung", "bezirksamt", "landeshauptstadt", "ortsgemeinde", "verbandsgemeinde", "markt"}
_ORG_TOKENS = {"ag", "kg", "gbr", "ug", "se", "ohg", "e.v", "ev", "e.", "v.", "&", "für", "fuer"}


_DEGREE_PLACE = re.compile(r"(?<=\.)\s?\((FH|TU|Univ\.|BA|DH)\)")
_DEGREE_PLACE = guarded(_DEGREE_PLACE)  # run only where a word it needs occurs (etl/core/prefilter.py)


def protect_degrees(text: str) -> str:
    """'Dipl.-Ing. (FH) Birgit Sommer': the '(FH)' is part of the title, not an organisation in parentheses;
    written with superscript parentheses so the splitting at parentheses leaves it alone."""
    return _DEGREE_PLACE.sub(r" ⁽\1⁾", text) if "(" in text else text


def _degree_text(title: str | None) -> str | None:
    return title.replace("⁽", "(").replace("⁾", ")") if title else title


@dataclass(frozen=True)
class PersonName:
    name: str
    title: str | None
    salutation: str | None


def split_titles(text: str) -> tuple[str | None, str]:
    """Academic titles off the front of a name, using normalize.split_title plus rarer forms."""
    title, rest = split_title(text)
    titles = [title] if title else []
    while m := _EXTRA_TITLE.match(rest):
        if not m.group(0).strip():
            break
        titles.append(m.group(0).strip())
        rest = rest[m.end():].strip()
    return (" ".join(titles) or None), rest


@lru_cache(maxsize=65536)
def _is_name_token(token: str) -> bool:
    if not _NAME_TOKEN.match(token):
        return False
    if not token[0].isupper() and not ((m := _GLUED_PARTICLE.match(token)) and token[m.end()].isupper()):
        return False
    if token.lower() in _NOT_NAMES:
        return False
    return not _is_abbreviation(token) and not _has_marker(token)


def _is_abbreviation(token: str) -> bool:
    """'PSG', 'BAuA', 'ZDH': capitals inside a word (not after a hyphen as in 'Hans-Peter', not 'McLean')."""
    if token.startswith(("Mc", "Mac", "O'", "D'")):
        return False
    return any(ch.isupper() and i > 0 and token[i - 1] not in "-'’." for i, ch in enumerate(token))


def _has_marker(token: str) -> bool:
    """'Handwerkskammer', 'Fachverband', 'Stiftung-Mittelstand': a word part ends like an organisation."""
    return any(part.endswith(_ORG_MARKERS) or any(part.endswith(m) and len(part) > len(m) + 2
                                                  for m in _COMPOUND_MARKERS)
               for part in token.lower().strip(",.;:()").split("-") if part)


@lru_cache(maxsize=65536)
def person_name(text: str | None) -> PersonName | None:
    """'Dr. Gabriele Walter' -> PersonName('Gabriele Walter', 'Dr.', None); None if not a plausible name."""
    value = clean(text)
    if not value or len(value) > 80 or any(ch.isdigit() for ch in value):
        return None
    salutation = None
    if m := _SALUTATION_RE.match(value):
        salutation = m.group(0).strip()
        value = value[m.end():]
    title, value = split_titles(value)
    if trailing := _TRAILING_TITLE.search(value):
        title = " ".join(t for t in (title, trailing.group(0).strip(" ,")) if t)
        value = value[:trailing.start()]
    value = value.strip(" ,;:")
    tokens = value.split()
    if not 1 <= len(tokens) <= 5:
        return None
    if len(tokens) == 1 and not (salutation or title):
        return None  # 'Dr. Albrecht', 'Frau Kaya': a surname with a title or salutation is a person
    if tokens[0].lower() in _PARTICLES and not salutation and not title and not (
            tokens[0][:1].isupper() and len(tokens) >= 3 and tokens[1].lower() not in _PARTICLES):
        return None  # 'von Arnim' alone is no full name ('Dr. von Arnim' is); 'Van Minh Nguyen' is (a given name
        # like a particle)
    if tokens[-1].lower() in _PARTICLES:
        return None
    lowered = [t.lower() for t in tokens]
    if "und" in lowered and not any(a == "von" and b == "und" for a, b in zip(lowered, lowered[1:], strict=False)):
        return None  # 'Janßen und Oltmanns' are two people; only 'von und zu' holds an 'und'
    proper = 0
    for first, second in zip(tokens, tokens[1:], strict=False):
        if first.lower() in _PARTICLES and second.lower() in _PARTICLES \
                and f"{first.lower()} {second.lower()}" not in _PARTICLE_PAIRS:
            return None  # 'Kurz zu den Punkten' is a phrase; 'van der', 'de la', 'von und zu' are names
    for token in tokens:
        if token.lower() in _PARTICLES:
            continue
        if not _is_name_token(token):
            return None
        proper += 1
    if proper < (1 if salutation or title else 2):
        return None
    if all(len(token.rstrip(".")) == 1 for token in tokens if token.lower() not in _PARTICLES):
        return None  # 'A. B.' initials only
    return PersonName(value, _degree_text(title), salutation)


@lru_cache(maxsize=65536)
def is_org_like(text: str | None) -> bool:
    """Looks like an organisation rather than a person: abbreviations, 'Institut', 'GmbH', 'für' …"""
    value = clean(text)
    if not value:
        return False
    bare = _SALUTATION_RE.sub("", value)
    _, bare = split_titles(bare)
    bare = _TRAILING_TITLE.sub("", bare).strip()
    if bare and bare != value:  # 'RA Klaus Berger', 'Barbara Heinemann MdB': the title is no abbreviation
        value = bare
    tokens = value.split()
    lowered = [t.lower().strip(",.;:()") for t in tokens]
    if any(t in _ORG_TOKENS for t in lowered):
        return True
    if any(_has_marker(t) for t in tokens):
        return True
    if any(_is_abbreviation(token) for token in tokens):
        return True
    if len(tokens) >= 2 and lowered[0] in _PUBLIC_BODIES:
        return True  # 'Stadt Lüneburg', 'Landkreis Harburg', 'Gemeinde Seevetal': a public body and its place
    return len(tokens) == 1 and value[:1].islower()  # 'itb''


def surname(name: str) -> str:
    return name.split()[-1] if name.split() else name


_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


@lru_cache(maxsize=65536)
def _word_key(word: str) -> str:
    return name_key(word)


@lru_cache(maxsize=4096)
def _words_and_keys(text: str) -> tuple[tuple[tuple[int, int, str], ...], tuple[str, ...]]:
    """The words of `text` with their spans, and their name keys (a sentence is searched several times)."""
    # map() over the Match methods and the memoised key runs in C: no Python frame per word
    matches = list(_WORD.finditer(text))
    strings = list(map(re.Match.group, matches))
    words = tuple(zip(map(re.Match.start, matches), map(re.Match.end, matches), strings, strict=True))
    return words, tuple(map(_dotless_key, strings))


@lru_cache(maxsize=65536)
def _dotless_key(word: str) -> str:
    """The key of a word without its trailing dots ('Dr.' and 'Dr' meet)."""
    return _word_key(word.rstrip("."))


_SALUTATION_WORDS = set(SALUTATIONS)
_TITLE_WORDS = {"Dr.", "Prof."}


class People:
    """The participants of one meeting, found again in running text by full name or 'Frau Walter'."""

    def __init__(self, names: list[str]) -> None:
        self.names = list(dict.fromkeys(names))
        self.by_key = {name_key(n): n for n in self.names}
        self.by_surname: dict[str, list[str]] = {}
        for name in self.names:
            self.by_surname.setdefault(name_key(surname(name)), []).append(name)
        self._longest = max((len(n.split()) for n in self.names), default=0)
        self._first_keys = {_word_key(n.split()[0]) for n in self.names if n.split()}
        # a surname of several words ('Lo Russo', 'de Sousa Ferreira'): the last two or three words of a name
        tails: dict[str, list[str]] = {}
        for name in self.names:
            tokens = name.split()
            for size in (2, 3):
                if len(tokens) > size:
                    tails.setdefault(name_key(" ".join(tokens[-size:])), []).append(name)
        self._by_tail = {key: found[0] for key, found in tails.items() if len(set(found)) == 1}

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """Participants named in `text` as (name, start, end): full names and 'Herr/Frau [Dr.] Surname'."""
        if not self.names or not text:
            return []
        words, keys = _words_and_keys(text)
        found: list[tuple[str, int, int]] = []
        # Only a participant's first word or a salutation can open a hit: visit just those words (most
        # sentences have few), skipping the ones a hit before has covered.
        first_keys = self._first_keys
        starts = [i for i, key in enumerate(keys) if key in first_keys or words[i][2] in _SALUTATION_WORDS]
        covered = 0
        for i in starts:
            if i < covered:
                continue
            hit = None
            if keys[i] in first_keys:
                for size in range(min(self._longest, len(words) - i), 1, -1):
                    if name := self.by_key.get("-".join(keys[i:i + size])):
                        hit = (name, words[i][0], words[i + size - 1][1], size)
                        break
            if hit is None and words[i][2] in _SALUTATION_WORDS:
                j = i + 1
                while j < len(words) and (words[j][2] in _TITLE_WORDS or words[j][2].lower() in _PARTICLES):
                    j += 1  # 'Herr Dr. Kranz', 'Frau von Arnim'
                if j < len(words) and (name := self._by_surname(words[j][2])):
                    hit = (name, words[i][0], words[j][1], j - i + 1)
                elif self._by_tail and j < len(words):  # 'Frau Lo Russo', 'Herr de Sousa Ferreira'
                    for at, size in ((j, 3), (j, 2), (i + 1, 3), (i + 1, 2)):
                        if at + size <= len(words) and (name := self._by_tail.get("-".join(keys[at:at + size]))):
                            hit = (name, words[i][0], words[at + size - 1][1], at + size - i)
                            break
            if hit:
                found.append(hit[:3])
                covered = i + hit[3]
        return found

    def _by_surname(self, value: str) -> str | None:
        candidates = self.by_surname.get(name_key(value), [])
        if not candidates:  # 'Frau Nguyen' for 'Nguyen Thi Lan': the family name written first
            candidates = [n for n in self.names if len(n.split()) >= 3 and name_key(n.split()[0]) == name_key(value)]
        return candidates[0] if len(candidates) == 1 else None
    def resolve(self, raw: str | None) -> str | None:
        """A participant's full name for 'Kristina Mangold', 'Frau Mangold', 'K. Mangold' or 'Mangold'."""
        value = clean(raw)
        if not value:
            return None
        if hit := self.by_key.get(name_key(value)):
            return hit
        value = _SALUTATION_RE.sub("", value)
        _, value = split_titles(value)
        if hit := self.by_key.get(name_key(value)):
            return hit
        tokens = value.split()
        while len(tokens) > 1 and tokens[0].lower() in _PARTICLES:
            tokens = tokens[1:]  # 'von Arnim' is found by 'Arnim'
        if not tokens:
            return None
        if len(tokens) == 1:
            return self._by_surname(tokens[0])
        if hit := self._by_tail.get(name_key(value)) or self._by_tail.get(name_key(" ".join(tokens))):
            return hit  # 'Lo Russo', 'de Sousa Ferreira': a surname of several words
        if len(tokens) == 2 and re.fullmatch(r"[^\W\d_]\.", tokens[0]):
            candidates = [n for n in self.by_surname.get(name_key(tokens[1]), []) if n[:1] == tokens[0][:1]]
            return candidates[0] if len(candidates) == 1 else None
        return None
