"""Full-text search in the protocols that finds what people mean: word forms, spellings and abbreviations.

A user's words become an FTS5 MATCH expression (never raw syntax): each word is folded like the index
(case, diacritics: the index uses unicode61 with remove_diacritics), written-out umlauts and ß/ss are
tried both ways ("fachkraeftezentren" finds "Fachkräftezentren"), common German endings are cut so
"Fachkräftezentrum" finds "Fachkräftezentren", and known abbreviations expand both ways (FKZ ↔
Fachkräftezentrum; organisation aliases and short names from the database -> the full name).

The search is bounded: at most `MAX_CHARS` characters and `MAX_WORDS` words, and a query that runs
longer than `TIME_LIMIT_S` is interrupted. All users share one read connection, so one runaway query
would otherwise stall everybody.
"""

from __future__ import annotations

import re
import sqlite3
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd

from analysis.db import connect, query
from vocab.periods import Period

MAX_CHARS = 200
MAX_WORDS = 8
TIME_LIMIT_S = 2.0
MIN_STEM = 5
SNIPPET_START, SNIPPET_END = "»", "«"
T = TypeVar("T")
COLUMNS = ["meeting_id", "date", "group", "title", "snippet", "source_file"]

# Abbreviations used in the network's protocols -> the word they stand for (a prefix, matched as a word start).
ABBREVIATIONS: dict[str, str] = {
    "fkz": "Fachkräftezentrum",
    "fg": "Fachgruppe",
    "kt": "Koordinierungsteam",
    "sk": "Strategiekreis",
    "hwk": "Handwerkskammer",
    "kh": "Kreishandwerkerschaft",
    "inqa": "Initiative Neue Qualität der Arbeit",
}
# Longest first, so "-ern" is cut before "-n"; a stem keeps at least MIN_STEM letters.
_ENDINGS = ("ums", "ern", "en", "er", "es", "um", "e", "n", "s")
_TRANSLIT = (("ae", "a"), ("oe", "o"), ("ue", "u"))
_QUERY_PART = re.compile(r'"([^"]*)"?|(\w+)')
_WORD = re.compile(r"\w+")


class SearchError(ValueError):
    """The search text exceeds a limit or took too long; the message is German and meant for the user."""


def fold(word: str) -> str:
    """Lower case without diacritics, as the FTS index stores words ('Fachkräfte' -> 'fachkrafte')."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stem(word: str) -> str:
    """A folded word without its German ending, for prefix search ('fachkraftezentrum' -> 'fachkraftezentr')."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def spellings(word: str) -> list[str]:
    """The folded word and its other spellings: written-out umlauts undone, ß and ss swapped."""
    folded = fold(word)
    variants = [folded]
    plain = folded
    for written, letter in _TRANSLIT:
        plain = plain.replace(written, letter)
    variants.append(plain)
    for variant in list(variants):
        if "ss" in variant:
            variants.append(variant.replace("ss", "ß"))
        if "ß" in variant:
            variants.append(variant.replace("ß", "ss"))
    return list(dict.fromkeys(variants))


def _phrase(text: str, prefix: bool = True) -> str:
    """Words as an FTS5 phrase; with `prefix` the last word is stemmed and matched as a word start."""
    words = _WORD.findall(fold(text))
    if prefix and words:
        words[-1] = stem(words[-1])
    return '"' + " ".join(words) + '"' + ("*" if prefix else "")


def _alternatives(word: str, aliases: dict[str, str]) -> list[str]:
    """FTS5 terms any of which may stand for the user's word."""
    terms = [f'"{stem(s)}"*' for s in spellings(word)]
    folded = fold(word)
    for key in {folded, *spellings(word)}:
        if key in aliases:
            terms.append(_phrase(aliases[key]))
    stems = {stem(s) for s in spellings(word)}
    for abbreviation, meaning in ABBREVIATIONS.items():
        if " " not in meaning and stem(fold(meaning)) in stems:
            terms.append(f'"{abbreviation}"')
    return list(dict.fromkeys(terms))


def _words(text: str) -> list[tuple[str, bool]]:
    """(word or phrase, is_phrase) in order, duplicates and one-letter words dropped."""
    parts: list[tuple[str, bool]] = []
    for match in _QUERY_PART.finditer(text):
        phrase, word = match.groups()
        if phrase is not None:
            words = _WORD.findall(phrase)
            if words:
                parts.append((" ".join(words), True))
        elif word and len(word) >= 2:
            parts.append((word, False))
    return list(dict.fromkeys(parts))


def fts_query(text: str | None, aliases: dict[str, str] | None = None) -> str | None:
    """A user's search text as a safe FTS5 MATCH expression, or None when it has no searchable word.

    Every word becomes a group of quoted alternatives (see module doc); all groups are required. Words
    in quotes are searched as an exact phrase. Raises SearchError beyond `MAX_CHARS` or `MAX_WORDS`.
    """
    text = text or ""
    if len(text) > MAX_CHARS:
        raise SearchError(f"Der Suchbegriff ist zu lang ({len(text)} Zeichen, höchstens {MAX_CHARS}).")
    parts = _words(text)
    if len(parts) > MAX_WORDS:
        raise SearchError(f"Zu viele Suchwörter ({len(parts)}, höchstens {MAX_WORDS}).")
    known = {**{k: v for k, v in ABBREVIATIONS.items()}, **(aliases or {})}
    groups = []
    for value, is_phrase in parts:
        if is_phrase:
            groups.append(_phrase(value, prefix=False))
        else:
            terms = _alternatives(value, known)
            groups.append(terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")")
    return " AND ".join(groups) or None


def aliases(conn: sqlite3.Connection) -> dict[str, str]:
    """Folded one-word aliases and short names of organisations -> the organisation's name."""
    rows = conn.execute("""
        SELECT a.alias, o.name FROM org_aliases a JOIN organisations o ON o.id = a.org_id
        UNION ALL SELECT short_name, name FROM organisations WHERE short_name IS NOT NULL""").fetchall()
    return {fold(alias): name for alias, name in rows if alias and len(_WORD.findall(alias)) == 1
            and fold(alias) != fold(name)}


@dataclass(frozen=True)
class SearchResult:
    """Hits inside the filter and how many more the same words find outside it (period or group)."""

    hits: pd.DataFrame
    outside: int


class _Deadline:
    """An SQLite progress handler that interrupts a statement running past the time limit."""

    def __init__(self, conn: sqlite3.Connection, seconds: float) -> None:
        self.conn, self.seconds, self.expired = conn, seconds, False

    def __enter__(self) -> _Deadline:
        self.end = time.monotonic() + self.seconds
        self.conn.set_progress_handler(self._check, 10_000)
        return self

    def _check(self) -> int:
        if time.monotonic() > self.end:
            self.expired = True
            return 1
        return 0

    def __exit__(self, *exc: object) -> None:
        self.conn.set_progress_handler(None, 0)


_SQL = f"""
    SELECT m.id AS meeting_id, m.date, g.name AS "group", COALESCE(m.title, p.title) AS title,
           snippet(protocols_fts, -1, '{SNIPPET_START}', '{SNIPPET_END}', ' … ', 16) AS snippet,
           p.source_file
    FROM protocols_fts JOIN protocols p ON p.rowid = protocols_fts.rowid
    JOIN meetings m ON m.id = p.meeting_id JOIN groups g ON g.id = m.group_id
    WHERE protocols_fts MATCH :match
      AND (:start IS NULL OR m.date BETWEEN :start AND :end)
      AND (:group_id IS NULL OR m.group_id = :group_id)
    ORDER BY bm25(protocols_fts), m.date DESC
    LIMIT :limit"""
_COUNT_SQL = """
    SELECT COUNT(*) FROM protocols_fts JOIN protocols p ON p.rowid = protocols_fts.rowid
    JOIN meetings m ON m.id = p.meeting_id WHERE protocols_fts MATCH :match"""


def _frame(conn: sqlite3.Connection, sql: str, params: dict, time_limit: float) -> pd.DataFrame:
    return _bounded(conn, time_limit, lambda: query(conn, sql, params))


def _count(conn: sqlite3.Connection, sql: str, params: dict, time_limit: float) -> int:
    return int(_bounded(conn, time_limit, lambda: conn.execute(sql, params).fetchone()[0]))


def _bounded(conn: sqlite3.Connection, time_limit: float, run: Callable[[], T]) -> T:
    """`run()` interrupted after `time_limit` seconds, as a German SearchError."""
    deadline = _Deadline(conn, time_limit)
    try:
        with deadline:
            return run()
    except sqlite3.OperationalError as exc:
        if deadline.expired or "interrupted" in str(exc):
            raise SearchError(f"Die Suche hat zu lange gedauert (mehr als {time_limit:g} Sekunden) und wurde "
                              "abgebrochen. Bitte genauere Suchwörter verwenden.") from exc
        raise


def search(conn: sqlite3.Connection, text: str | None, period: Period | None = None, group_id: str | None = None,
           limit: int = 50, time_limit: float = TIME_LIMIT_S) -> SearchResult:
    """Hits in the protocols, best first (columns `COLUMNS`, snippet with » «), and the count outside the filter.

    The search runs on a connection of its own to the same file, so even a slow one never holds the
    connection the other users' pages share (SQLite runs one statement per connection at a time).
    """
    match = fts_query(text, aliases(conn))
    if match is None:
        return SearchResult(pd.DataFrame(columns=COLUMNS), 0)
    own = _own_connection(conn)
    try:
        return _search(own or conn, match, period, group_id, limit, time_limit)
    finally:
        if own is not None:
            own.close()


def _own_connection(conn: sqlite3.Connection) -> sqlite3.Connection | None:
    """A fresh read-only connection to the file behind `conn` (None for an in-memory database)."""
    row = conn.execute("PRAGMA database_list").fetchone()
    path = row[2] if row else ""
    return connect(path) if path else None


def _search(conn: sqlite3.Connection, match: str, period: Period | None, group_id: str | None, limit: int,
            time_limit: float) -> SearchResult:
    params = {"match": match, "start": period.start if period else None, "end": period.end if period else None,
              "group_id": group_id, "limit": int(limit)}
    hits = _frame(conn, _SQL, params, time_limit)
    hits["snippet"] = hits["snippet"].map(clean_snippet)
    outside = 0
    if period is not None or group_id is not None:
        total = _count(conn, _COUNT_SQL, {"match": match}, time_limit)
        inside = len(hits) if len(hits) < limit else len(_frame(conn, _SQL, {**params, "limit": -1}, time_limit))
        outside = max(0, total - inside)
    return SearchResult(hits, outside)


_MARKUP = re.compile(r"(?m)^\s*(?:#{1,6}|[-*+]|\d{1,2}[.)])\s+|[*_`]{2,}")
_ESCAPE = re.compile(r"\\(?=[*_#])")
_SPACE = re.compile(r"\s+")


def clean_snippet(text: object) -> str:
    """A snippet on one line without Markdown markers, so the hit reads like a sentence."""
    return _SPACE.sub(" ", _MARKUP.sub(" ", _ESCAPE.sub("", str(text or "")))).strip()
