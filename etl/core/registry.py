"""Entity resolution: map the names people write to one stable id.

A `Registry` holds, for one kind of entity, every spelling it has seen (name, short
name, aliases, "Full Name (ABBR)") under its `name_key`. Exact keys resolve; a close
spelling (rapidfuzz) is only ever a *suggestion*, never merged silently.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from vocab.keys import abbreviated_org_key, clean, expand_group_prefix, name_key, org_key
from vocab.titles import SALUTATIONS

_PAREN_ABBR = re.compile(r"^(?P<full>.+?)\s*\((?P<abbr>[^()]{1,40})\)$")

SUGGESTION_THRESHOLD = 88.0


@dataclass(frozen=True)
class Match:
    """Outcome of a lookup: an id when certain, else maybe a suggestion with its score."""

    id: str | None
    name: str | None = None
    suggestion_id: str | None = None
    suggestion_name: str | None = None
    score: float | None = None


@dataclass
class Registry:
    """All known spellings of one kind of entity, keyed by `name_key`."""

    kind: str
    names: dict[str, str] = field(default_factory=dict)  # id -> display name
    keys: dict[str, str] = field(default_factory=dict)  # spelling key -> id
    origins: dict[str, str] = field(default_factory=dict)  # spelling key -> where it was learnt
    spellings: dict[str, str] = field(default_factory=dict)  # spelling key -> text as first written
    # (number of keys, first words of every key, most words in a key): recomputed when a spelling is learnt
    _index: tuple[int, frozenset[str], int, frozenset[str]] = field(
        default=(-1, frozenset(), 0, frozenset()), repr=False, compare=False)
    _short: tuple[int, dict[str, str]] = field(default=(-1, {}), repr=False, compare=False)
    # (number of keys, the keys sorted) and the same for the abbreviated keys: prefix queries without a scan
    _sorted: tuple[int, list[str]] = field(default=(-1, []), repr=False, compare=False)
    _sorted_short: tuple[int, list[str]] = field(default=(-1, []), repr=False, compare=False)

    def first_words(self) -> tuple[frozenset[str], int]:
        """The first word of every known spelling (only there can a name start) and the most words a
        spelling has: what a search for known names in running text needs, kept until a spelling is learnt."""
        self._reindex()
        return self._index[1], self._index[2]

    def prefixes(self) -> frozenset[str]:
        """Every spelling's leading words ('handwerkskammer', 'handwerkskammer-hannover'): a search in
        running text extends a candidate only while it is still the start of a known spelling."""
        self._reindex()
        return self._index[3]

    def _reindex(self) -> None:
        if self._index[0] != len(self.keys):
            firsts = frozenset(key.split("-", 1)[0] for key in self.keys)
            longest = max((key.count("-") + 1 for key in self.keys), default=1)
            prefixes = frozenset("-".join(parts[:n]) for key in self.keys
                                 for parts in (key.split("-"),) for n in range(1, len(parts) + 1))
            self._index = (len(self.keys), firsts, longest, prefixes)

    def add(self, name: str, *spellings: str | None, entity_id: str | None = None, origin: str = "") -> str:
        """Register an entity under its name and further spellings; returns its id."""
        display = clean(name) or ""
        eid = entity_id or name_key(display)
        self.names.setdefault(eid, display)
        for spelling in (display, *spellings):
            self.teach(spelling, eid, origin)
        return eid

    def teach(self, spelling: str | None, entity_id: str, origin: str = "") -> None:
        """Learn one more spelling; 'Full Name (ABBR)' also teaches 'Full Name' and 'ABBR'."""
        spelling = clean(spelling)
        if not spelling:
            return
        variants = [spelling]
        if m := _PAREN_ABBR.match(spelling):
            variants += [m.group("full"), m.group("abbr")]
        for variant in variants:
            key = self._key(variant)
            if key and key not in self.keys:
                self.keys[key] = entity_id
                self.origins[key] = origin
                self.spellings[key] = variant

    def key(self, text: str) -> str:
        """The normalised form under which `text` is looked up (for callers that compare spellings)."""
        return self._key(text)

    def _key(self, text: str) -> str:
        if self.kind == "organisation":
            return org_key(text)  # "Kessler und Partner" meets "Kessler & Partner"
        key = name_key(text)
        if self.kind == "group":
            key = expand_group_prefix(key)
        return key

    def _by_tail(self, raw: str | None) -> str | None:
        """'HWK Mittelrhein-Lahn' for 'HWK Mittelrhein', 'Öztürk & Lange Unternehmensberatung' for 'Öztürk &
        Lange', 'Stiftung Arbeit' for 'Stiftung Arbeit und Gesundheit': one known organisation whose key and the
        written key differ only by trailing words, sharing at least two words."""
        short = self._short_keys()
        key = abbreviated_org_key(self._key(raw or ""))
        if eid := short.get(key):
            return eid  # 'IHK Köln' for 'Industrie- und Handelskammer Köln'
        words = key.split("-")
        if len(words) < 2:
            return None
        for n in range(len(words) - 1, 1, -1):  # the longest known name the written one starts with
            if eid := short.get("-".join(words[:n])):
                return eid
        if self._sorted_short[0] != len(self.keys):
            self._sorted_short = (len(self.keys), sorted(short))
        found = {short[known] for known in _starting(self._sorted_short[1], key + "-")}
        return found.pop() if len(found) == 1 else None

    def _short_keys(self) -> dict[str, str]:
        """Every known spelling's abbreviated key -> id (rebuilt when a spelling is learnt)."""
        if self._short[0] != len(self.keys):
            self._short = (len(self.keys), {abbreviated_org_key(k): eid for k, eid in self.keys.items()})
        return self._short[1]

    def ids_starting(self, prefix: str) -> set[str]:
        """The ids of every known spelling whose key starts with `prefix`."""
        if self._sorted[0] != len(self.keys):
            self._sorted = (len(self.keys), sorted(self.keys))
        return {self.keys[key] for key in _starting(self._sorted[1], prefix)}

    def lookup(self, raw: str | None) -> str | None:
        """The id of an exact (normalised) spelling, or None."""
        raw = clean(raw)
        if not raw:
            return None
        if eid := self.keys.get(self._key(raw)):
            return eid
        if m := _PAREN_ABBR.match(raw):
            return self.keys.get(self._key(m.group("abbr"))) or self.keys.get(self._key(m.group("full")))
        return None

    def resolve(self, raw: str | None) -> Match:
        """Exact lookup first, then (organisations) a known name written with a longer or shorter tail;
        otherwise the closest known spelling as a suggestion."""
        eid = self.lookup(raw) or (self._by_tail(raw) if self.kind == "organisation" else None)
        if eid:
            return Match(eid, self.names.get(eid))
        key = self._key(raw or "")
        if len(key) < 4 or not self.keys:
            return Match(None)
        best = process.extractOne(key, list(self.keys), scorer=fuzz.ratio, score_cutoff=SUGGESTION_THRESHOLD)
        if not best:
            return Match(None)
        sid = self.keys[best[0]]
        return Match(None, None, sid, self.names.get(sid), round(float(best[1]), 1))


def _starting(ordered: list[str], prefix: str) -> list[str]:
    """The strings of a sorted list that start with `prefix`: they stand together from its place on."""
    found = []
    for index in range(bisect_left(ordered, prefix), len(ordered)):
        if not ordered[index].startswith(prefix):
            break
        found.append(ordered[index])
    return found


@dataclass(frozen=True)
class KnownPerson:
    """A person of the master data (people.csv) with the organisation the master data gives them."""

    name: str
    organisation: str | None = None


_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_SALUTATIONS = frozenset(name_key(s) for s in SALUTATIONS)  # as name keys: herrn, herr, frau, hr, fr


class KnownPeople:
    """The people of the source folder as evidence for the parser: a known name is found wherever it stands
    ('Anna Schmidt', 'SCHMIDT, Anna', 'Schmidt Anna', 'Frau Schmidt' when only one Schmidt is known)."""

    def __init__(self, people: list[KnownPerson] | None = None) -> None:
        self.by_key: dict[str, KnownPerson] = {}
        self.by_surname: dict[str, list[KnownPerson]] = {}
        self._starts: set[str] = set()
        self._longest = 0
        for person in people or []:
            words = [name_key(w) for w in person.name.split() if name_key(w)]
            if len(words) < 2:
                continue
            self.by_key.setdefault("-".join(words), person)
            self.by_key.setdefault("-".join([words[-1], *words[:-1]]), person)  # 'Schmidt Anna'
            self.by_surname.setdefault(words[-1], []).append(person)
            self._starts.update((words[0], words[-1]))
            self._longest = max(self._longest, len(words))

    def __bool__(self) -> bool:
        return bool(self.by_key)

    def fingerprint(self) -> list[tuple[str, str]]:
        return sorted({(p.name, p.organisation or "") for p in self.by_key.values()})

    def resolve(self, raw: str | None) -> KnownPerson | None:
        """The known person a written name means: full name in either order, or 'Frau Schmidt' (unique surname)."""
        words = [w for w in (name_key(m.group(0).rstrip(".")) for m in _WORD.finditer(raw or "")) if w]
        if not words:
            return None
        if hit := self.by_key.get("-".join(words)):
            return hit
        if len(words) == 2 and words[0] in _SALUTATIONS:
            candidates = self.by_surname.get(words[1], [])
            return candidates[0] if len(candidates) == 1 else None
        return None

    def find(self, text: str) -> list[tuple[KnownPerson, int, int]]:
        """Known people named in `text` as (person, start, end), by full name in either order."""
        if not self.by_key or not text:
            return []
        # the whole document is searched: map() over the Match methods and the memoised key runs in C, and only
        # the words that can open a known name are visited (skipping those a hit before has covered)
        matches = list(_WORD.finditer(text))
        keys = list(map(_dotless_key, map(re.Match.group, matches)))
        found: list[tuple[KnownPerson, int, int]] = []
        covered = 0
        for i in [i for i, key in enumerate(keys) if key in self._starts]:
            if i < covered:
                continue
            for size in range(min(self._longest, len(keys) - i), 1, -1):
                if person := self.by_key.get("-".join(keys[i:i + size])):
                    found.append((person, matches[i].start(), matches[i + size - 1].end()))
                    covered = i + size
                    break
        return found


@lru_cache(maxsize=1 << 16)
def _dotless_key(word: str) -> str:
    return name_key(word.rstrip("."))
