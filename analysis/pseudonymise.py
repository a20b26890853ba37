"""Namen ausblenden: stable pseudonyms for people ("Person A", "Person B", … "Person AA") and name removal in text.

Presenters show figures to the people named in them, so with the switch on no person's name may
appear anywhere. The pseudonym of a person depends only on the `people` table (order of a hash of
the person id), so one person is the same "Person K" in every table, chart, download and report.
Organisations stay. Free text (agenda, decisions, action items, snippets, evidence) is searched for
full names (with or without academic title), "Herr/Frau [Titel] Nachname", "Nachname, Vorname" and
"A. Nachname"; only people of the table can be recognised, so unknown names in free text remain.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

import pandas as pd

from vocab.keys import person_key

UNKNOWN = "Person ?"  # a name that is not in the table, or a surname that several people share
PREFIX = "Person"

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_WORD = re.compile(r"\w+")
_PARTICLES = {"von", "van", "de", "der", "den", "zu", "zum", "zur", "vom", "ter", "ten", "da", "di", "del", "le"}
# Academic titles as written in protocols: "Prof. Dr.", "Dr. rer. nat.", "Dipl.-Ing.", "Dr.-Ing.", "M. A." …
_TITLE = (r"(?:Prof\.|Dr\.(?:-Ing\.)?|Dipl\.-[A-Za-zÄÖÜäöüß]+\.?|PD|Mag\.|(?:rer|phil|med|jur|nat|pol|oec|habil)\."
          r"|h\.\s?c\.|[MB]\.\s?(?:A|Sc|Eng)\.)")
_SALUTATION = r"(?:Herrn?|Frau)"
_SEP = r"[\s»«]+"  # names may be split by line breaks or by the search-hit markers
_EMPTY = {"", "-", "–", "n. n.", "n.n.", "nn"}


def _missing(value: object) -> bool:
    """None, NaN, NA or NaT: a gap in a table, not a name."""
    return value is None or (not isinstance(value, str) and bool(pd.isna(cast(Any, value))))


def label(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA' (bijective base 26, like spreadsheet columns)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _spellings(text: str) -> list[str]:
    """The text as written, with umlauts folded (Schäfer -> Schaefer) and stripped (Schafer)."""
    return list(dict.fromkeys([text, text.translate(_FOLD), _ascii(text)]))


def _keys(word: str) -> set[str]:
    return {s.casefold() for s in _spellings(word) if s}


@dataclass(frozen=True)
class _Person:
    id: str
    name: str
    pseudonym: str
    given: tuple[str, ...]
    surname: tuple[str, ...]


def _split(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Given names and surname (with particles such as 'von der') of a full name."""
    tokens = re.sub(rf"^(?:{_TITLE}\s*)+", "", name.strip()).split()
    if len(tokens) < 2:
        return (), tuple(tokens)
    start = len(tokens) - 1
    while start > 1 and tokens[start - 1].lower() in _PARTICLES:
        start -= 1
    return tuple(tokens[:start]), tuple(tokens[start:])


def _words(tokens: Sequence[str]) -> list[str]:
    """Regex alternatives for a token sequence in every spelling, tokens separated by space or markers."""
    return [_SEP.join(re.escape(t) for t in spelled.split()) for spelled in _spellings(" ".join(tokens))]


def _alt(options: Iterable[str]) -> str:
    return "(?:" + "|".join(sorted(set(options), key=lambda o: (-len(o), o))) + ")"


HIDDEN_FILE = "(Name ausgeblendet)"
URL_KEY_PREFIX = "p-"


def url_key(person_id: object) -> str:
    """The opaque key that stands for a person in URLs and links ("p-3f9a1c0b2e"): a person id is a slug of
    the name (sophie-wirth), which a projector must not show; the key is stable, so bookmarks keep working."""
    return URL_KEY_PREFIX + hashlib.sha256(f"netzwerkradar-person:{person_id}".encode()).hexdigest()[:10]


class Pseudonyms:
    """The pseudonyms of one `people` table, and the functions that apply them. Picklable, never mutated."""

    def __init__(self, people: Iterable[tuple[str, str, str | None]]) -> None:
        rows = [(str(pid), str(name), title) for pid, name, title in people if name]
        ordered = sorted(rows, key=lambda r: (hashlib.sha256(r[0].encode("utf-8")).hexdigest(), r[0]))
        persons = []
        for index, (pid, name, _title) in enumerate(ordered):
            given, surname = _split(name)
            persons.append(_Person(pid, name, f"{PREFIX} {label(index)}", given, surname))
        self._people: tuple[_Person, ...] = tuple(persons)
        self._by_id = {p.id: p.pseudonym for p in persons}
        self._by_url_key = {url_key(p.id): p.id for p in persons}
        by_key: dict[str, str] = {}
        for p in persons:
            key = person_key(p.name)
            by_key[key] = UNKNOWN if key in by_key and by_key[key] != p.pseudonym else p.pseudonym
        self._by_name = by_key
        surnames: dict[str, list[int]] = {}
        for index, p in enumerate(persons):
            words = _WORD.findall(" ".join(p.surname))
            for key in _keys(words[-1]) if words else ():
                surnames.setdefault(key, []).append(index)
        self._by_surname = {k: tuple(v) for k, v in surnames.items()}
        shared: dict[str, set[str]] = {}
        for p in persons:
            shared.setdefault(person_key(" ".join(p.surname)), set()).add(p.id)
        self._ambiguous = frozenset(k for k, ids in shared.items() if len(ids) > 1)
        titles = {str(t).strip() for _, _, t in rows if t and str(t).strip()}
        self._titles = "(?:" + "|".join([_TITLE, *sorted(re.escape(t) for t in titles)]) + ")"

    def __len__(self) -> int:
        return len(self._people)

    @property
    def names(self) -> tuple[str, ...]:
        """Every real name of the table (for tests that search outputs for them)."""
        return tuple(p.name for p in self._people)

    def id_of_url_key(self, key: object) -> str | None:
        """The person id behind an opaque URL key (`url_key`); None for a key of nobody in the table."""
        return self._by_url_key.get(str(key))

    def of_id(self, person_id: object) -> str:
        """The pseudonym of a person id; UNKNOWN for an id not in the table."""
        return self._by_id.get(str(person_id), UNKNOWN)

    def name(self, value: object) -> object:
        """A value of a column that holds a person's name -> its pseudonym (missing values stay missing).

        A name not in the table becomes UNKNOWN; text starting in lower case ("alle Teilnehmenden") stays,
        because a name never does.
        """
        if _missing(value):
            return value
        text = str(value)
        if text.strip().casefold() in _EMPTY:
            return value
        found = self._by_name.get(person_key(text))
        if found:
            return found
        replaced = self.text(text)
        if replaced != text:
            return replaced
        return value if text.strip()[:1].islower() else UNKNOWN

    def text(self, value: object, surnames: bool = False) -> object:
        """Free text with every recognised person replaced by the pseudonym; organisations stay.

        `surnames` also replaces a known surname standing alone (case-sensitive) – for search snippets,
        which may cut off the given name; off elsewhere because surnames are often ordinary words.
        """
        if not isinstance(value, str) or not value:
            return value
        tokens: set[str] = set()
        for word in _WORD.findall(value):
            tokens |= _keys(word)
            if len(word) > 2 and word[-1] in "sS":
                tokens |= _keys(word[:-1])
        candidates = sorted({i for t in tokens for i in self._by_surname.get(t, ())})
        if not candidates:
            return value
        pattern, groups = self._pattern(tuple(candidates), surnames)
        return pattern.sub(lambda m: groups[m.lastgroup or ""], value)

    def file_name(self, value: object) -> object:
        """A file path as shown with names hidden: a file whose name contains a person's name
        ("2024-10-10_Petra_Sommer.md", "Protokoll-Sommer.pdf") becomes "<folder>/(Name ausgeblendet).<ext>".

        Separators (_ - .) count as spaces, and a known surname alone is enough: file names are short.
        """
        if not isinstance(value, str) or not value:
            return value
        folder, _, name = value.rpartition("/")
        stem, dot, ext = name.rpartition(".") if "." in name else (name, "", "")
        spaced = re.sub(r"[_\-.]+", " ", stem)
        if self.text(spaced, surnames=True) == spaced:
            return value
        hidden = f"{HIDDEN_FILE}{dot}{ext}"
        return f"{folder}/{hidden}" if folder else hidden

    def _pattern(self, candidates: tuple[int, ...], surnames: bool) -> tuple[re.Pattern[str], dict[str, str]]:
        titles = f"(?:{self._titles}\\s*)+"
        full_parts: list[str] = []
        short_parts: list[str] = []
        groups: dict[str, str] = {}
        ordered = sorted(candidates, key=lambda i: (-len(self._people[i].name), i))
        ambiguous: list[str] = []
        for i in ordered:
            p = self._people[i]
            sur = _alt(_words(p.surname))
            forms = []
            if p.given:
                full = _alt(_words(p.given + p.surname))
                forms.append(rf"(?:{_SALUTATION}\s+)?(?:{titles})?{full}s?")
                forms.append(rf"{sur},\s*{_alt(_words(p.given))}")
                initials = r"\s*".join(re.escape(g[0]) + r"\." for g in p.given if g[:1].isalpha())
                if initials:
                    forms.append(rf"{initials}\s*{sur}")
            groups[f"p{i}"] = p.pseudonym
            full_parts.append(f"(?P<p{i}>(?i:{'|'.join(forms)}))" if forms else "")
            short = [rf"(?i:{_SALUTATION}\s+(?:{titles})?){sur}s?", rf"(?i:{titles}){sur}s?"]
            if surnames:
                short.append(f"{sur}s?")
            if person_key(" ".join(p.surname)) in self._ambiguous:
                ambiguous.extend(short)
            else:
                groups[f"s{i}"] = p.pseudonym
                short_parts.append(f"(?P<s{i}>{'|'.join(short)})")
        if ambiguous:
            groups["amb"] = UNKNOWN
            short_parts.append(f"(?P<amb>{'|'.join(dict.fromkeys(ambiguous))})")
        body = "|".join(part for part in full_parts + short_parts if part)
        # A search-hit marker around a name goes with it, so no lone » or « is left behind.
        return _compile(rf"(?<!\w)»?(?:{body})«?(?!\w)"), groups

    def frame(self, df: pd.DataFrame, persons: Sequence[str] = (), texts: Sequence[str] = (),
              ids: Sequence[str] = (), surnames: bool = False, files: Sequence[str] = ()) -> pd.DataFrame:
        """A copy of `df` with person-name columns, free-text columns and person-id columns pseudonymised,
        and file names that contain a person's name hidden (`files`, see `file_name`).

        Columns that the frame does not have are skipped, so one call fits the variants of a table.
        """
        out = df.copy()
        for column in persons:
            if column in out.columns:
                out[column] = out[column].map(self.name)
        for column in texts:
            if column in out.columns:
                out[column] = out[column].map(lambda v: self.text(v, surnames))
        for column in ids:
            if column in out.columns:
                out[column] = [v if v is None or (not isinstance(v, str) and pd.isna(v)) else self.of_id(v)
                               for v in out[column]]
        for column in files:
            if column in out.columns:
                out[column] = pd.Series([self.file_name(v) for v in out[column]], index=out.index, dtype=object)
        return out


@lru_cache(maxsize=2048)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def pseudonyms(conn: sqlite3.Connection) -> Pseudonyms:
    """The pseudonyms of the database's people (one object per database; cache it, never mutate it)."""
    rows = conn.execute("SELECT id, name, title FROM people ORDER BY id").fetchall()
    return Pseudonyms((r[0], r[1], r[2]) for r in rows)
