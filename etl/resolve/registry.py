"""Entity resolution: map the names people write to one stable id.

A `Registry` holds, for one kind of entity, every spelling it has seen (name, short
name, aliases, "Full Name (ABBR)") under its `name_key`. Exact keys resolve; a close
spelling (rapidfuzz) is only ever a *suggestion*, never merged silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from vocab.keys import clean, expand_group_prefix, name_key, org_key

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

    def _key(self, text: str) -> str:
        if self.kind == "organisation":
            return org_key(text)  # "Kessler und Partner" meets "Kessler & Partner"
        key = name_key(text)
        if self.kind == "group":
            key = expand_group_prefix(key)
        return key

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
        """Exact lookup first; otherwise the closest known spelling as a suggestion."""
        eid = self.lookup(raw)
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
