"""Name keys: the one folding under which spellings of a name meet, and the ids built from it.

"BauA", "BAuA" and "B-A-u-A" meet at the same key; organisations, people, groups and projects use
that key as their stable id, so the ETL (which writes ids) and the analyses (which look names up)
must fold the same way. Pure and memoised: a build calls these for every cell.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from vocab.titles import SALUTATIONS, TITLES

_UMLAUT_PAIRS = (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("Ä", "ae"), ("Ö", "oe"), ("Ü", "ue"))
_ALNUM_RUN = re.compile(r"[a-z0-9]+")
_SPACES = re.compile(r"\s+")

_TITLE_RE = re.compile(r"^((?:(?:{})\s*)+)".format("|".join(re.escape(t) for t in TITLES)))

# Abbreviations people use for group kinds in protocols, folder names and on the command line.
GROUP_PREFIXES = {"fg": "fachgruppe", "om-fachgruppe": "fachgruppe", "om-fg": "fachgruppe"}
_GROUP_PREFIX = re.compile(r"^(om-fachgruppe|om-fg|fg)-(?=.)")


def name_key(text: str | None) -> str:
    """Key under which spellings of one name meet: case, dashes, umlauts and spaces folded.

    Used as the stable id of organisations, people, groups and projects.
    """
    if not text:
        return ""
    return _name_key(str(text))


# A build calls name_key and clean for every cell and every lookup, mostly with the same few
# thousand names and dates: memoised, they stop being a third of the master-data time.
@lru_cache(maxsize=1 << 16)
def _name_key(text: str) -> str:
    text = _fold_umlauts(unicodedata.normalize("NFC", text).strip()).lower()
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join(_ALNUM_RUN.findall(text))  # the runs of letters and digits, one '-' between


def _fold_umlauts(text: str) -> str:
    """Umlauts and ß written out; chained `replace` is several times faster than `str.translate` with a
    dict, which looks every character up."""
    for umlaut, folded in _UMLAUT_PAIRS:
        if umlaut in text:
            text = text.replace(umlaut, folded)
    return text


# "Kessler und Partner", "Kessler u. Partner", "Kessler + Partner" and "Kessler & Partner" are one firm: the
# conjunction between two words of an organisation's name is folded away ('&' and '+' already are by name_key).
_CONJUNCTION = re.compile(r"-(?:und|u|and)-")


# The long forms German offices abbreviate in organisations' names ('Handwerkskammer Köln' is 'HWK Köln'),
# as parts of a spelling key (after the conjunctions are folded).
ORG_ABBREVIATIONS = {
    "industrie-handelskammer": "ihk", "handwerkskammer": "hwk", "kreishandwerkerschaft": "kh",
    "landesinnungsverband": "liv", "landesverband": "lv", "bundesverband": "bv", "fachverband": "fv",
    "arbeitsgemeinschaft": "arge", "berufsgenossenschaft": "bg", "suedwest": "sw", "nordwest": "nw",
}
_ABBREVIATE = re.compile(r"(?<![a-z0-9])(?:" + "|".join(sorted(map(re.escape, ORG_ABBREVIATIONS), key=len,
                                                                   reverse=True)) + r")(?![a-z0-9])")


def org_key(text: str | None) -> str:
    """The spelling key of an organisation's name: name_key with 'und'/'u.'/'and' between words folded like '&'.

    Only for matching spellings (entity resolution); ids stay `name_key`, so existing ids do not move.
    """
    key = name_key(text)
    while (folded := _CONJUNCTION.sub("-", key)) != key:  # "a-und-b-und-c": overlapping matches
        key = folded
    return key


def abbreviated_org_key(key: str) -> str:
    """An org_key with the usual long forms written short ('industrie-handelskammer-koeln' -> 'ihk-koeln'):
    a second, looser key, tried only when the exact spelling is not known."""
    return _ABBREVIATE.sub(lambda m: ORG_ABBREVIATIONS[m.group(0)], key)


def group_key(text: str | None) -> str:
    """name_key with the usual abbreviations of group kinds expanded ('FG Handwerk' -> 'fachgruppe-handwerk')."""
    return expand_group_prefix(name_key(text))


def expand_group_prefix(key: str) -> str:
    """A name key with a leading group-kind abbreviation written out ('fg-handwerk' -> 'fachgruppe-handwerk')."""
    return _GROUP_PREFIX.sub(lambda m: f"{GROUP_PREFIXES[m.group(1)]}-", key)


def clean(text: object) -> str | None:
    """Trimmed text with inner whitespace folded, or None for empty cells."""
    if text is None:
        return None
    return _clean(str(text))


@lru_cache(maxsize=1 << 16)
def _clean(text: str) -> str | None:
    return _SPACES.sub(" ", text).strip() or None


def split_title(name: str) -> tuple[str | None, str]:
    """Split a leading academic title off a person's name: 'Dr. Gabriele Walter' -> ('Dr.', 'Gabriele Walter')."""
    name = clean(name) or ""
    match = _TITLE_RE.match(name)
    if not match:
        return None, name
    title = clean(match.group(1))
    return title, name[match.end():].strip()


# The one comparison key of a person's name (DESIGN.md "vocab"): erasure, the build's exclusion list, the
# refusal of erased names and the pseudonyms all fold a name through `person_key`, so a spelling that one
# part recognises no other part misses. Apostrophes are dropped, not turned into a word break: "O'Brien",
# "O’Brien" and "OBrien" are written for the same person far more often than two people differ only by one.
APOSTROPHES = "'’‘ʼ´`"
DASHES = "-‐‑‒–—―−"
_PERSON_FOLD = str.maketrans({**dict.fromkeys(APOSTROPHES, ""), **dict.fromkeys(DASHES, "-")})
_KEEP_APOSTROPHES = str.maketrans({**dict.fromkeys(APOSTROPHES, "'"), **dict.fromkeys(DASHES, "-")})
_SALUTATION_RE = re.compile(r"^(?:{})(?:\s+|$)".format("|".join(re.escape(s) for s in SALUTATIONS)), re.IGNORECASE)
_TITLES_RE = re.compile(r"^(?:(?:{})\s*)+".format("|".join(re.escape(t) for t in TITLES)))


def person_words(name: str, keep_apostrophes: bool = False) -> str:
    """A person's name without salutation and titles, "Nachname, Vorname" turned round, dashes and
    apostrophes folded: 'Herr Dr. O’Brien, Seán' -> 'Seán OBrien' ('Seán O'Brien' with `keep_apostrophes`)."""
    fold = _KEEP_APOSTROPHES if keep_apostrophes else _PERSON_FOLD
    text = unicodedata.normalize("NFC", str(name or "")).strip().translate(fold)
    text = _SALUTATION_RE.sub("", text, count=1).strip()
    text = _TITLES_RE.sub("", text, count=1).strip()
    if "," in text:
        last, _, first = text.partition(",")
        text = f"{first.strip()} {last.strip()}"
    return _SPACES.sub(" ", text).strip()


def person_key(name: str | None) -> str:
    """The comparison key of a person's name: titles, salutation, "Nachname, Vorname", case, umlaut
    spellings (ü/ue), ß/ss, NFD, typographic dashes and apostrophes folded ("Herr O’Brien" = "O'Brien")."""
    if not name:
        return ""
    return _person_key(str(name))


@lru_cache(maxsize=1 << 16)
def _person_key(name: str) -> str:
    return name_key(person_words(name))


def word_key(word: str) -> str:
    """`person_key` of one word of a name ("O’Brien" -> "obrien"), so windows of words meet whole names."""
    return name_key(unicodedata.normalize("NFC", word).translate(_PERSON_FOLD))


def meeting_id(group_id: str, date: str) -> str:
    """Stable meeting id: one meeting per group and day."""
    return f"{group_id}-{date}"
