"""Who must not appear: an erased person's name in text, in any spelling, knowing only the hash of their
name key (the right to erasure, DESIGN.md).

Pure (apart from the source folder's small erasure list and `refuse_if_erased`) and shared by the build
(which redacts protocols and master data before storing them) and `forget` (which redacts a built
database): both run the same code on the same text, so a rebuild from unchanged sources gives exactly
the database that the erasure left.

A name is found as a window of 2-4 words whose key (`vocab.keys.person_key`, word by word) hashes to
an excluded key ("Jürgen Müller", "JUERGEN MUELLER", NFD, any apostrophe or dash), or as "Nachname,
Vorname". An academic title in front of it goes with it. "Herr/Frau [Titel] Nachname" is redacted only where the caller
says the surname is the erased person's alone (see `etl.resolve.redaction`). A bare first name or surname is
never touched: "ihm" stays "ihm" although Peter Ihm was erased.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from vocab.keys import APOSTROPHES, DASHES, name_key, person_key, person_words, word_key
from vocab.titles import SALUTATION_PATTERN, TITLES

REDACTED = "[entfernt]"
# The erasure list of a source folder: one hash of a name key and the day it was added per line, never a name.
# `forget` writes it; every build unites it with the database's list, so a new database built from the same
# folder stays erased, and every writer of the app refuses the names on it (`refuse_if_erased`).
ERASURE_LIST = ".loeschliste"
_HASH_LINE = re.compile(r"^([0-9a-f]{64})(?:\t(\d{4}-\d{2}-\d{2}))?$")

_MARK = r"\u0300-\u036f"  # combining marks: NFD text keeps them next to their letter
_JOIN = re.escape(APOSTROPHES + DASHES)
_TOKEN = re.compile(rf"[^\W\d_][\w{_MARK}]*(?:[{_JOIN}][^\W\d_][\w{_MARK}]*)*")
_GAP = re.compile(r"[ \t\u00a0]+(?:\n[ \t\u00a0]*)?|\n[ \t\u00a0]*")  # words of one name: same or next line
_COMMA_GAP = re.compile(r"\s*,[ \t\u00a0]*")
_TITLE_BEFORE = re.compile(r"(?:(?:{})[ \t\u00a0]*)+$".format("|".join(re.escape(t) for t in TITLES)))
_SALUTATION = re.compile(r"(?<![\w{m}]){s}[ \t\u00a0]+(?:(?:{t})[ \t\u00a0]*)*"
                         .format(m=_MARK, s=SALUTATION_PATTERN, t="|".join(re.escape(t) for t in TITLES)),
                         re.IGNORECASE)
MAX_WORDS = 4


def variant_keys(name: str) -> set[str]:
    """The keys the exclusion list keeps a hash of for one person: their `person_key` ("sean-obrien"), which
    every comparison uses, and the id the build gave them (`name_key` keeps a straight apostrophe as a word
    break: "sean-o-brien"), which the build checks people rows by."""
    return {k for k in (person_key(name), name_key(person_words(name, keep_apostrophes=True))) if k}


def exclusion_hash(person_key: str) -> str:
    """Hash of a person's normalised name key, as stored in `excluded_people` (never the clear name)."""
    return _hash(person_key)


@lru_cache(maxsize=1 << 16)
def _hash(key: str) -> str:
    return hashlib.sha256(f"netzwerkradar:{key}".encode()).hexdigest()


@dataclass(frozen=True)
class Found:
    """One full-name occurrence of an erased person: where, whose hash, and the surname as written."""

    start: int
    end: int
    key_hash: str
    surname: str


_SEPARATORS = frozenset(" ,\n\t\u00a0")


def find_names(text: str, excluded: frozenset[str]) -> list[Found]:
    """Every full-name occurrence of an excluded person in `text`, left to right, not overlapping."""
    if not excluded or not text or _SEPARATORS.isdisjoint(text):
        return []  # a name has at least two words
    return list(_find(text, excluded))


@lru_cache(maxsize=4096)  # the redaction pass asks twice per text: which surnames are named, then the spans
def _find(text: str, excluded: frozenset[str]) -> tuple[Found, ...]:
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    keys = [word_key(t[2]) for t in tokens]
    found: list[Found] = []
    i = 0
    while i < len(tokens):
        hit = _forward(text, tokens, keys, i, excluded) or _reversed(text, tokens, keys, i, excluded)
        if hit is None:
            i += 1
            continue
        end_index, item = hit
        found.append(item)
        i = end_index + 1
    return tuple(found)


def _joined(text: str, tokens: list[tuple[int, int, str]], first: int, last: int) -> bool:
    """True when tokens first..last are separated by whitespace only (one name, not a list)."""
    return all(_GAP.fullmatch(text, tokens[k][1], tokens[k + 1][0]) for k in range(first, last))


def _window_key(keys: list[str]) -> str:
    """`name_key` of the words together, from the words' own keys ('' when a word has none, e.g. not Latin)."""
    return "-".join(keys) if all(keys) else ""


def _forward(text: str, tokens: list, keys: list[str], i: int, excluded: frozenset[str]) -> tuple[int, Found] | None:
    """'[Titel] Vorname [Zweitname] Nachname' starting at token i (longest window first)."""
    for size in range(min(MAX_WORDS, len(tokens) - i), 1, -1):
        last = i + size - 1
        key = _window_key(keys[i:last + 1])
        if key and _hash(key) in excluded and _joined(text, tokens, i, last):
            start = tokens[i][0]
            if title := _TITLE_BEFORE.search(text, max(0, start - 40), start):
                start = title.start()
            return last, Found(start, tokens[last][1], _hash(key), tokens[last][2])
    return None


def _reversed(text: str, tokens: list, keys: list[str], i: int, excluded: frozenset[str]) -> tuple[int, Found] | None:
    """'Nachname, Vorname [Zweitname]' starting at token i."""
    if i + 1 >= len(tokens) or not _COMMA_GAP.fullmatch(text, tokens[i][1], tokens[i + 1][0]):
        return None
    for size in range(min(MAX_WORDS - 1, len(tokens) - i - 1), 0, -1):
        last = i + size
        if not _joined(text, tokens, i + 1, last):
            continue
        key = _window_key([*keys[i + 1:last + 1], keys[i]])
        if key and _hash(key) in excluded:
            return last, Found(tokens[i][0], tokens[last][1], _hash(key), tokens[i][2])
    return None


def redact(text: str | None, excluded: frozenset[str], surnames: Iterable[str] = ()) -> str | None:
    """`text` with every full-name form of an excluded person replaced by the marker, and
    "Herr/Frau [Titel] <surname>" for the given surname keys (the caller decided they refer to them)."""
    if not text or not excluded:
        return text
    spans = [(f.start, f.end) for f in find_names(text, excluded)]
    wanted = set(surnames)
    if wanted:
        for m in _SALUTATION.finditer(text):
            word = _TOKEN.match(text, m.end())
            if word and word_key(word.group()) in wanted:
                spans.append((m.start(), word.end()))
    if not spans:
        return text
    out, position = [], 0
    for start, end in sorted(spans):
        if start < position:
            start = position
        if start >= end:
            continue
        out += [text[position:start], REDACTED]
        position = end
    out.append(text[position:])
    return "".join(out)


def person_tokens(name: str) -> list[str]:
    """The words of a person's name without titles or salutation: 'Herr Dr. Jürgen Müller' -> [Jürgen, Müller];
    'Müller, Jürgen' -> [Jürgen, Müller] (apostrophes and dashes folded as `vocab.keys.person_key` does)."""
    return [m.group() for m in _TOKEN.finditer(person_words(name))]


def read_erasure_list(source: Path) -> dict[str, str]:
    """Hash -> day added, from the source folder's erasure list (lines that are not a hash are ignored)."""
    path = Path(source) / ERASURE_LIST
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    found: dict[str, str] = {}
    for line in text.splitlines():
        if match := _HASH_LINE.match(line.strip()):
            found.setdefault(match.group(1), match.group(2) or "")
    return found


def add_to_erasure_list(source: Path, hashes: Iterable[str], added: str) -> None:
    """Add hashes to the source folder's erasure list (atomic: temp file, fsync, rename)."""
    current = read_erasure_list(source)
    for key_hash in hashes:
        current.setdefault(key_hash, added)
    path = Path(source) / ERASURE_LIST
    tmp = path.with_name(f"{path.name}.write-{os.getpid()}-{secrets.token_hex(4)}")
    with open(tmp, "x", encoding="utf-8") as out:
        out.write("".join(f"{h}\t{d}\n" for h, d in sorted(current.items())))
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)


def erased_hashes(source: Path | None, db: Path | None = None) -> frozenset[str]:
    """Every erased person's hash known to the source folder's list and, when given, to the database."""
    found = set(read_erasure_list(source)) if source is not None else set()
    if db is not None and Path(db).is_file():
        with contextlib.suppress(sqlite3.Error), contextlib.closing(
                sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
            found |= {k for (k,) in conn.execute("SELECT key_hash FROM excluded_people")}
    return frozenset(found)


ERASED_MESSAGE = "„{}“ wurde auf Antrag gelöscht (Recht auf Löschung) und wird nicht wieder erfasst."


def refuse_if_erased(names: Iterable[str | None], source: Path, db: Path | None = None) -> list[str]:
    """German refusals for the typed texts that name an erased person (empty: all may be stored).

    Every writer of the app calls this before storing names a user typed (corrections, master-data
    edits, captured attendance, outreach): a name matches in every spelling `person_key` folds, as a
    whole cell, as one `|`-separated part of it, or written in full inside a longer text.
    """
    excluded = erased_hashes(source, db)
    if not excluded:
        return []
    return [ERASED_MESSAGE.format(text) for text in names if text and names_erased(text, excluded)]


def is_erased_name(text: str | None, excluded: frozenset[str]) -> bool:
    """True when `text` (or one `|`-separated part of it) is the full name of an erased person."""
    if not text or not excluded:
        return False
    return any(exclusion_hash(key) in excluded for part in text.split("|") for key in variant_keys(part))


def names_erased(text: str | None, excluded: frozenset[str]) -> bool:
    """True when `text` is, or names in full anywhere, an erased person."""
    return is_erased_name(text, excluded) or bool(text and find_names(text, excluded))
