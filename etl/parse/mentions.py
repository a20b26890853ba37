"""Organisations, projects and participants named in the running text (not in the lists)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from etl.core.registry import Registry
from etl.parse.model import MentionLine
from etl.parse.names import People
from etl.parse.text import Span as Paragraph
from vocab.keys import clean, name_key
from vocab.terms import MentionType

_WORD = re.compile(r"[^\W_]+")
_QUOTED_PROJECT = re.compile(
    r"[Pp]rojekt(?:s|es|e|en)?\s+(?:[A-Z]{2,}\s+)?[„\"“»«‚](?P<name>[^„“”\"»«\n]{2,80}?)[“”\"«»‘]")
_MAX_TOKENS = 12


@dataclass
class Mentions:
    organisations: list[str] = field(default_factory=list)
    projects: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    lines: list[MentionLine] = field(default_factory=list)
    unknown_projects: list[tuple[str, int]] = field(default_factory=list)

    def add(self, kind: MentionType, name: str, line: int) -> None:
        bucket = {"organisation": self.organisations, "project": self.projects, "person": self.people}[kind]
        if name not in bucket:
            bucket.append(name)
        entry: MentionLine = {"type": kind, "name": name, "line": line}
        if entry not in self.lines:
            self.lines.append(entry)


@lru_cache(maxsize=65536)
def _word_key(word: str) -> str:
    return name_key(word)


@lru_cache(maxsize=4096)
def words_of(text: str) -> tuple[tuple[int, int, str], ...]:
    """Words with their spans and name keys, the unit registry names are matched in (the same sentence is
    searched for organisations, projects and people)."""
    matches = list(_WORD.finditer(text))  # map() over the Match methods: no Python frame per word
    return tuple(zip(map(re.Match.start, matches), map(re.Match.end, matches),
                     map(_word_key, map(re.Match.group, matches)), strict=True))


def registry_hits(words: tuple[tuple[int, int, str], ...], registry: Registry, max_tokens: int,
                  firsts: frozenset[str] | None = None) -> list[tuple[str, int, int]]:
    """Known names among `words` as whole words (longest first, no overlaps): (entity id, start, end)."""
    hits: list[tuple[str, int, int]] = []
    prefixes = registry.prefixes()
    keys = registry.keys
    covered = 0
    # Only a word that opens some known name can start a hit: visit just those (few in most sentences).
    for i in [i for i, word in enumerate(words) if word[2] in prefixes]:
        if i < covered:
            continue
        best: tuple[str, int] | None = None
        key = ""
        for size in range(1, min(max_tokens, len(words) - i) + 1):
            key = f"{key}-{words[i + size - 1][2]}" if key else words[i][2]
            if key not in prefixes:
                break
            if len(key) >= 2 and (eid := keys.get(key)):
                best = (eid, size)
        if best is not None:
            hits.append((best[0], words[i][0], words[i + best[1] - 1][1]))
            covered = i + best[1]
    return hits


def _max_tokens(registry: Registry) -> int:
    return min(_MAX_TOKENS, registry.first_words()[1])


def _first_words(registry: Registry) -> frozenset[str]:
    """First word of every known spelling: only there can a name start (saves most look-ups)."""
    return registry.first_words()[0]


def find(paragraphs: list[Paragraph], people: People, organisations: Registry | None,
         projects: Registry | None) -> Mentions:
    """Every mention with its line; names come from the registries (display names) or the text."""
    result = Mentions()
    org_tokens = _max_tokens(organisations) if organisations else 0
    project_tokens = _max_tokens(projects) if projects else 0
    org_firsts = _first_words(organisations) if organisations else frozenset()
    project_firsts = _first_words(projects) if projects else frozenset()
    for para in paragraphs:
        text = para.text
        words = words_of(text) if organisations is not None or projects is not None else ()
        if organisations is not None:
            for eid, start, _ in registry_hits(words, organisations, org_tokens, org_firsts):
                result.add("organisation", organisations.names.get(eid, eid), para.line_at(start))
        if projects is not None:
            for eid, start, _ in registry_hits(words, projects, project_tokens, project_firsts):
                result.add("project", projects.names.get(eid, eid), para.line_at(start))
        for m in _QUOTED_PROJECT.finditer(text):
            raw = clean(m.group("name").strip(" .,;:")) or ""
            if not raw:
                continue
            line = para.line_at(m.start("name"))
            known = projects.lookup(raw) if projects is not None else None
            name = (projects.names.get(known) or raw) if projects is not None and known else raw
            if projects is not None and not known and (raw, line) not in result.unknown_projects:
                result.unknown_projects.append((raw, line))
            result.add("project", name, line)
        for name, start, _ in people.find(text):
            result.add("person", name, para.line_at(start))
    return result
