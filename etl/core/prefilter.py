"""A cheap, provably safe test in front of an expensive regular expression.

Python's `re` tries every branch of a long case-insensitive alternation at every position of the text
(`(?i)` literals get no prefix scan), so a decision or attendance pattern with forty branches costs ~100 µs
on a sentence of fifty characters, although most sentences hold none of its words. `guarded(pattern)`
reads the pattern's own parse tree and derives words one of which every match must contain (for each branch
a literal run it cannot match without); a text that holds none of them cannot match, and the pattern is not
run. Derived from the pattern itself, the test stays right when the pattern is edited: a branch without a
required word simply turns the test off. The guarded pattern answers exactly as the pattern does.

Case-insensitive words are compared in `fold`ed text: `str.lower()` after mapping 'İ', 'ı' and 'ſ', the
characters the `re` module treats as equal to 'i' and 's' that `lower()` alone does not turn into them.
Only characters of `SAFE` are used in such words; tests/test_prefilter.py checks over all of Unicode that
whatever `re` matches case-insensitively to one of them folds to the same character.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

# Characters a case-insensitive required word may consist of (folded); see the module docstring.
SAFE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789äöüß .,;:!?-–—/()[]{}<>=+*&%$§#'\"„“”@_|→⇒►▶•·")
_FOLD = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})

# One option of a requirement: (word, compared case-insensitively)
Word = tuple[str, bool]


@lru_cache(maxsize=1024)
def fold(text: str) -> str:
    """`text` lower-cased the way `re.IGNORECASE` compares the characters of SAFE (memoised: several guarded
    patterns test the same sentence)."""
    if "İ" in text or "ı" in text or "ſ" in text:
        text = text.translate(_FOLD)
    return text.lower()


def _strength(need: frozenset[Word]) -> tuple[int, int]:
    """A requirement is the better the longer its shortest word (and the fewer words it has)."""
    return min(len(word) for word, _ in need), -len(need)


def _leading(items: Any, flags: int) -> tuple[str, bool] | None:
    """The literal run a parsed sequence starts with, or None."""
    run: list[str] = []
    ci = bool(flags & re.IGNORECASE)
    for op, av in items:
        if op is not sre.LITERAL:
            break
        char = fold(chr(av)) if ci else chr(av)
        if ci and (len(char) != 1 or char not in SAFE):
            break
        run.append(char)
    return ("".join(run), ci) if run else None


def _required(items: Any, flags: int) -> frozenset[Word] | None:
    """The best set of words one of which every match of the parsed sequence `items` contains, or None."""
    candidates: list[frozenset[Word]] = []
    run: list[str] = []
    run_ci = False

    def close() -> None:
        if run:
            candidates.append(frozenset({("".join(run), run_ci)}))
            run.clear()

    for op, av in items:
        if op is sre.LITERAL:
            ci = bool(flags & re.IGNORECASE)
            char = fold(chr(av)) if ci else chr(av)
            if ci and (len(char) != 1 or char not in SAFE):
                close()
                continue
            if run and run_ci != ci:
                close()
            run.append(char)
            run_ci = ci
            continue
        before = ("".join(run), run_ci) if run else None
        close()
        need: frozenset[Word] | None = None
        if op is sre.SUBPATTERN:
            _group, add, remove, sub = av
            need = _required(sub, (flags | add) & ~remove)
        elif op is sre.ATOMIC_GROUP:
            need = _required(av, flags)
        elif op is sre.ASSERT:  # a positive lookahead or lookbehind: its text must be in the string too
            need = _required(av[1], flags)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, _high, sub = av
            need = _required(sub, flags) if low >= 1 else None
        elif op is sre.BRANCH:
            branches = [_required(sub, flags) for sub in av[1]]
            if all(branch is not None for branch in branches):
                need = frozenset().union(*(b for b in branches if b is not None))
            if before is not None:
                # re's parser writes 'nimmt|nehmen' as 'n(?:immt|ehmen)': the run before and each branch's
                # own first letters are one word
                leads = [_leading(sub, flags) for sub in av[1]]
                candidates.append(frozenset(
                    (before[0] + lead[0], before[1]) if lead is not None and lead[1] == before[1] else before
                    for lead in leads))
        if need:
            candidates.append(need)
    close()
    return max(candidates, key=_strength, default=None)


def required_words(pattern: re.Pattern[str]) -> frozenset[Word] | None:
    """Words (with their case-insensitivity) one of which every match of `pattern` contains; None when the
    pattern has a branch that needs no word."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    return _required(parsed, parsed.state.flags)


def _words_test(need: frozenset[Word]) -> Callable[[str], bool]:
    """A test whether `text` holds one of the words."""
    return _Scanner(need).holds


_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


def _top_branches(pattern: re.Pattern[str]) -> list[str] | None:
    """The source of each top-level branch of a pattern without groups ('a|b(?:c|d)' -> ['a', 'b(?:c|d)']), when
    each parses exactly as the pattern's own branch does; None otherwise."""
    if pattern.groups or pattern.flags & re.VERBOSE:
        return None
    source = pattern.pattern
    while m := _GLOBAL_FLAGS.match(source):
        source = source[m.end():]
    branches, start, depth, index = [], 0, 0, 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":  # a character class: '|' and parentheses inside are plain characters
            index += 1
            if source[index:index + 1] == "^":
                index += 1
            if source[index:index + 1] == "]":
                index += 1
            while index < len(source) and source[index] != "]":
                index += 2 if source[index] == "\\" else 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(source[start:index])
            start = index + 1
        index += 1
    branches.append(source[start:])
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    if len(branches) < 2 or len(parsed.data) != 1 or parsed.data[0][0] is not sre.BRANCH:
        return None
    own = parsed.data[0][1][1]
    flags = parsed.state.flags & ~re.UNICODE
    alone = [sre_parse.parse(branch, flags).data for branch in branches]
    if len(own) != len(alone) or any(repr(mine.data) != repr(theirs) for mine, theirs in zip(own, alone, strict=True)):
        return None
    return branches


class _Scanner:
    """Which of a set of words a text holds. One `in` per word, run by `filter` in C: for the sentences and
    lines a parser sees this beats one alternation of all the words, which `re` tries branch by branch."""

    def __init__(self, words: frozenset[Word]) -> None:
        self._exact = tuple(sorted(word for word, ci in words if not ci))
        self._folded = tuple(sorted(word for word, ci in words if ci))

    def found(self, text: str) -> set[Word]:
        result = {(word, False) for word in filter(text.__contains__, self._exact)}
        if self._folded:
            result.update((word, True) for word in filter(fold(text).__contains__, self._folded))
        return result

    def holds(self, text: str) -> bool:
        if any(map(text.__contains__, self._exact)):
            return True
        return bool(self._folded) and any(map(fold(text).__contains__, self._folded))


class Guarded:
    """A compiled pattern behind its required-word test; same methods and answers as `re.Pattern`.

    A pattern whose top level is an alternation of many branches (and that has no groups) is cut into them:
    a text is searched only with the branches whose words it holds, in their order. A branch left out cannot
    match anywhere in the text, so at every position the first branch that matches, and the match, stay the same.
    """

    __slots__ = ("regex", "pattern", "flags", "groups", "groupindex", "_test", "_branches", "_scanner",
                 "_branches_of", "_subsets")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.pattern = regex.pattern
        self.flags = regex.flags
        self.groups = regex.groups
        self.groupindex = regex.groupindex
        need = required_words(regex)
        self._test: Callable[[str], bool] = _words_test(need) if need else (lambda _text: True)
        self._branches = _top_branches(regex) if need else None
        self._scanner: _Scanner | None = None
        self._branches_of: dict[Word, frozenset[int]] = {}  # word -> the branches that need it
        self._subsets: dict[tuple[int, ...], re.Pattern[str]] = {}
        if self._branches is not None:
            parsed = sre_parse.parse(regex.pattern, regex.flags)
            needs = [_required(sub, parsed.state.flags) for sub in parsed.data[0][1][1]]
            if any(words is None for words in needs):  # cannot be: the whole pattern needs a word
                self._branches = None
            else:
                branches_of: dict[Word, set[int]] = {}
                for branch, words in enumerate(needs):
                    for word in words or ():
                        branches_of.setdefault(word, set()).add(branch)
                self._branches_of = {word: frozenset(b) for word, b in branches_of.items()}
                self._scanner = _Scanner(frozenset(branches_of))

    def _pick(self, text: str) -> re.Pattern[str] | None:
        """The pattern to run on `text`, or None when it cannot match."""
        if self._scanner is None or self._branches is None:
            return self.regex if self._test(text) else None
        present = self._scanner.found(text)
        if not present:
            return None
        chosen = tuple(sorted(frozenset().union(*(self._branches_of[word] for word in present))))
        if (regex := self._subsets.get(chosen)) is None:
            if len(self._subsets) > 512:  # bounded: a text picks few branches, and few different sets recur
                self._subsets.clear()
            regex = self._subsets[chosen] = re.compile("|".join(self._branches[b] for b in chosen), self.flags)
        return regex

    def could_match(self, text: str) -> bool:
        return self._pick(text) is not None

    def search(self, string: str, *args: int) -> re.Match[str] | None:
        return regex.search(string, *args) if (regex := self._pick(string)) else None

    def match(self, string: str, *args: int) -> re.Match[str] | None:
        return regex.match(string, *args) if (regex := self._pick(string)) else None

    def fullmatch(self, string: str, *args: int) -> re.Match[str] | None:
        return regex.fullmatch(string, *args) if (regex := self._pick(string)) else None

    def finditer(self, string: str, *args: int) -> Iterator[re.Match[str]]:
        return regex.finditer(string, *args) if (regex := self._pick(string)) else iter(())

    def findall(self, string: str, *args: int) -> list[Any]:
        return regex.findall(string, *args) if (regex := self._pick(string)) else []

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        return regex.sub(repl, string, count) if (regex := self._pick(string)) else string

    def subn(self, repl: Any, string: str, count: int = 0) -> tuple[str, int]:
        return regex.subn(repl, string, count) if (regex := self._pick(string)) else (string, 0)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return regex.split(string, maxsplit) if (regex := self._pick(string)) else [string]

    def __repr__(self) -> str:
        return f"guarded({self.regex!r})"


def _fixed_start(items: Any) -> bool:
    """The parsed sequence opens with a given character or class ('Beschluss', '[0-9]', '(?:als|zu) ')."""
    if not len(items):
        return False
    op, av = items[0]
    if op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN):
        return True
    if op is sre.SUBPATTERN:
        return _fixed_start(av[3])
    if op is sre.BRANCH:
        return all(_fixed_start(branch) for branch in av[1])
    return False


def _cheap(regex: re.Pattern[str]) -> bool:
    """'^' and a fixed first character: `re` rejects most texts at their first character, faster than any test."""
    if regex.flags & re.MULTILINE:
        return False
    items = sre_parse.parse(regex.pattern, regex.flags)
    return len(items) > 1 and items[0] == (sre.AT, sre.AT_BEGINNING) and _fixed_start(items[1:])


def guarded(regex: re.Pattern[str]) -> re.Pattern[str]:
    """`regex`, skipped on texts that hold none of the words every match needs (typed as the pattern it acts as).
    A pattern anchored at the start by a fixed character stays as it is: it is cheap already."""
    return regex if _cheap(regex) else Guarded(regex)  # type: ignore[return-value]
