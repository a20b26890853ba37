"""Running page headers and footers: page numbers, "Stand: …", "Version 2 vom …", repeated title lines.

They are layout, not content: a repeated title must not open a section twice, a "Stand:" date must
never be read as the meeting date. Each function returns the indices to drop, the readers drop them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

_PAGE_NUMBER = re.compile(
    r"^[-–—]?\s*(?:(?:seite|page|s\.|blatt)\s*)?\d{1,4}(?:\s*(?:von|/|of|aus)\s*\d{1,4})?\s*[-–—]?$", re.I)
_PAGE_WORD = re.compile(r"^(?:seite|page|blatt)\s*\d{1,4}(?:\s*(?:von|/|of)\s*\d{1,4})?\b", re.I)
_VERSION = re.compile(r"^(?:stand|version|fassung|druckdatum|gedruckt\s+am)\b[\s:.]*\S", re.I)
_PAGE_WORD_ANYWHERE = re.compile(r"\b(?:seite|page|blatt)\s*\d{1,4}(?:\s*(?:von|/|of|aus)\s*\d{1,4})?\s*$", re.I)
_VERSION_FIRST = frozenset("sSvVfFdDgGſ")
_DIGIT = re.compile(r"\d")
EDGE = 3  # lines at the top and bottom of a page where running headers and footers live


def is_page_number(text: str, *, at_edge: bool = False) -> bool:
    """'Seite 2 von 3', '- 2 -', 'Seite 2' anywhere; a bare '2' or '2/3' only at a page edge."""
    if not _DIGIT.search(text):  # every form has a number: most lines are decided here
        return False
    text = " ".join(text.split())
    if not text:
        return False
    if _PAGE_WORD.match(text) and len(text) < 40 and _PAGE_NUMBER.match(text):
        return True
    if re.fullmatch(r"[-–—]\s*\d{1,4}\s*[-–—]", text):
        return True
    return at_edge and bool(_PAGE_NUMBER.match(text))


def is_version_line(text: str) -> bool:
    """'Stand: 12.03.2024', 'Version 2 vom 4. März 2024': document-version lines."""
    stripped = text.strip()
    # The first letter of the words above in any case ('ſ' is how re.I also folds 's'): most lines stop here.
    return stripped[:1] in _VERSION_FIRST and bool(_VERSION.match(stripped)) and len(text) < 80


# The line a fax machine or a scan-to-mail printer sets over (or under) every page: sender's number, the day and
# minute of sending, the page ('Telefax +49 2602 9911-0  06.02.2024 16:41  S. 1/2', '14/03/2025 09:12 FAX 0261 123
# P.001/002', 'Von: +49 … An: … 12.03.24 08:15 Seite 1'). It dates the sending, never the meeting.
_TRANSMISSION_WORD = re.compile(r"\b(?:tele)?fax\b|\b(?:von|an|from|to)\s*:?\s*\+?\d[\d /()-]{5,}|\+\d{2}[\d /()-]{6,}"
                                r"|\bp\.\s?\d{3}\b|\bs(?:eite)?\.?\s*\d{1,3}\s*(?:/|von)\s*\d{1,3}\b"
                                r"|\bnr\.?\s*\d{3,}\b|\b(?:gesendet|sent|empfangen|received)\b",
                                re.I)
_TRANSMISSION_DATE = re.compile(r"\b\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\b|\b\d{4}-\d{2}-\d{2}\b")
_TRANSMISSION_TIME = re.compile(r"\b[0-2]?\d[:.][0-5]\d\b")


def is_transmission_line(text: str) -> bool:
    """A fax or scanner transmission line: a date and a clock time together with fax words, a telephone
    number or a page count ('S. 1/2'), and not a sentence (no 'Uhr', short). The readers drop it at a page's edge."""
    if len(text) > 120 or not _TRANSMISSION_DATE.search(text) or re.search(r"\buhr\b", text, re.I):
        return False
    words = len(_TRANSMISSION_WORD.findall(text))
    return words >= 2 or (words == 1 and bool(_TRANSMISSION_TIME.search(_TRANSMISSION_DATE.sub(" ", text))))


_VERSION_MENTION = re.compile(r"\b(?:stand:?\s*\d|version\s+\d+(?:\.\d+)*\s+vom\b|fassung\s+vom\b)", re.I)


def mentions_version(text: str) -> bool:
    """'… – Version 3 vom 02.02.2022', '… Stand: 12.03.2024' anywhere in a line."""
    return bool(_VERSION_MENTION.search(text))


_PAGE_PART = re.compile(r"(?:seite|page|s\.|blatt)\s*\d{1,4}(?:\s*(?:von|/|of|aus)\s*\d{1,4})?"
                        r"|^[-–—|\s]*\d{1,3}(?:\s*/\s*\d{1,3})?[-–—|\s]+(?=\S)|(?<=\S)[-–—|\s]+\d{1,3}"
                        r"(?:\s*/\s*\d{1,3})?[-–—\s]*$",
                        re.IGNORECASE)


@lru_cache(maxsize=1 << 14)  # pure; the title search keys every line against every title line
def key(text: str) -> str:
    """Comparison key: case, spacing and page numbers do not matter ('… Seite 2' repeats '… Seite 3');
    other numbers do (two pages that open with different dates do not repeat each other)."""
    folded = " ".join(text.split()).lower()
    if not _DIGIT.search(folded):  # every page part has a number
        return folded.strip(" #*_|·-–—")
    return _PAGE_PART.sub(" ", folded).strip(" #*_|·-–—")


def repeated_version_lines(texts: Sequence[str]) -> set[int]:
    """Indices of 'Stand:'/'Version' lines that occur more than once (once per page)."""
    keys = {i: key(t) for i, t in enumerate(texts) if is_version_line(t)}
    counts = Counter(keys.values())
    return {i for i, k in keys.items() if counts[k] > 1}


def repeated_page_headers(texts: Sequence[str]) -> set[int]:
    """Indices of lines that name their page at the end ('Netzwerk Mittelstand – Protokoll   Seite 1/2')
    and repeat on other pages with another number: a running header or footer, also without form feeds."""
    keys = {i: key(t) for i, t in enumerate(texts)
            if len(t) < 160 and t.rstrip()[-1:].isdigit() and _PAGE_WORD_ANYWHERE.search(t.strip())}
    counts = Counter(keys.values())
    return {i for i, k in keys.items() if k and counts[k] > 1}


def repeated_title(texts: Sequence[str], is_heading: Sequence[bool], title: Sequence[int]) -> set[int]:
    """Later repetitions of the opening title lines (a page header pasted into the text).

    A repetition is a run of the title's lines in their order (blank lines between allowed); a run of
    one line counts only when it is the first title line and formatted as a heading.
    """
    if not title:
        return set()
    title_keys = [key(texts[i]) for i in title]
    drop: set[int] = set()
    i = title[-1] + 1
    while i < len(texts):
        k = key(texts[i])
        if not k or k not in title_keys:
            i += 1
            continue
        position = title_keys.index(k)
        run = [i]
        j = i + 1
        while position + 1 < len(title_keys) and j < len(texts):
            if not texts[j].strip() or is_version_line(texts[j]):
                j += 1
                continue
            if key(texts[j]) != title_keys[position + 1]:
                break
            position += 1
            run.append(j)
            j += 1
        if len(run) >= 2 or (k == title_keys[0] and is_heading[i]):
            drop.update(run)
            i = run[-1] + 1
        else:
            i += 1
    return drop


def page_edges(pages: Sequence[Sequence[str]]) -> set[tuple[int, int]]:
    """(page, index) of page numbers and of lines repeated at the top or bottom of most pages.

    Page 1's repeated top line is the document's title and stays, unless it names its page ('… Seite 1/2');
    later copies go.
    """
    tops: Counter[str] = Counter()
    bottoms: Counter[str] = Counter()
    edges: list[tuple[list[int], list[int]]] = []
    for page in pages:
        content = [i for i, text in enumerate(page) if text.strip()]
        top, bottom = content[:EDGE], content[-EDGE:]
        edges.append((top, bottom))
        tops.update({key(page[i]) for i in top})
        bottoms.update({key(page[i]) for i in bottom})
    needed = max(2, (len(pages) + 1) // 2)
    multi = len(pages) > 1
    headers = {k for k, n in tops.items() if n >= needed and k} if multi else set()
    footers = {k for k, n in bottoms.items() if n >= needed and k} if multi else set()
    drop: set[tuple[int, int]] = set()
    for number, page in enumerate(pages):
        top, bottom = edges[number]
        for i in set(top) | set(bottom):
            text = page[i]
            if is_page_number(text, at_edge=True) or (multi and is_version_line(text)):
                drop.add((number, i))
            elif i in bottom and key(text) in footers:
                drop.add((number, i))
            elif i in top and key(text) in headers and (number > 0 or _PAGE_WORD_ANYWHERE.search(text)):
                drop.add((number, i))  # page 1's copy too when it names its page ('… Seite 1/2')
    return drop
