"""The required-word test in front of a costly pattern never changes its answer (etl/core/prefilter.py)."""

from __future__ import annotations

import re
import sys

import pytest

from etl.core.prefilter import SAFE, Guarded, _Scanner, fold, guarded, required_words


def test_whatever_re_matches_case_insensitively_to_a_safe_character_folds_to_it():
    """Over all of Unicode: a character `re.IGNORECASE` takes for one of SAFE folds to exactly that one."""
    any_safe = re.compile("(?i)[" + "".join(re.escape(c) for c in sorted(SAFE)) + "]")
    singles = {c: re.compile("(?i)" + re.escape(c)) for c in SAFE}
    assert all(fold(c) == c for c in SAFE)
    checked = 0
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if not any_safe.fullmatch(char):
            continue
        checked += 1
        for safe, single in singles.items():
            if single.fullmatch(char):
                assert fold(char) == safe, (hex(code), safe)
    assert checked > len(SAFE)  # 'İ', 'ı', 'ſ', the Kelvin sign and the capitals were among them


def test_a_pattern_literal_matches_what_its_folded_form_matches():
    """'(?i)İ' and '(?i)i' take the same characters, so a literal is compared in its folded form."""
    chars = ["İ", "K", "ẞ", "B", "Ä", "ſ"]
    near = re.compile("(?i)[" + "".join(re.escape(c) for c in [*chars, *map(fold, chars)]) + "]")
    candidates = [chr(code) for code in range(sys.maxunicode + 1) if near.fullmatch(chr(code))]
    for char in chars:
        pattern, folded = re.compile("(?i)" + re.escape(char)), re.compile("(?i)" + re.escape(fold(char)))
        assert [c for c in candidates if pattern.fullmatch(c)] == [c for c in candidates if folded.fullmatch(c)]


def test_every_branch_gives_a_word_or_the_test_is_off():
    assert required_words(re.compile(r"(?i)\bbeschlie(?:ß|ss)t\b|\bvereinbar(?:t|en)\b")) == {
        ("beschließ", True), ("beschliess", True), ("vereinbart", True), ("vereinbaren", True)}
    assert required_words(re.compile(r"Bericht\s+(?:aus|über)|(?=in\s+zwei\s+Wochen)")) == {
        ("Bericht", False), ("Wochen", False)}
    assert required_words(re.compile(r"(?i)beschlossen|\d+\s+Stimmen?|ja")) == {
        ("beschlossen", True), ("stimme", True), ("ja", True)}
    assert required_words(re.compile(r"(?i)beschlossen|(?:zu)?gestimmt?|\w+:")) == {
        ("beschlossen", True), ("gestimm", True), (":", True)}
    assert required_words(re.compile(r"(?i)beschlossen|\w+")) is None  # a branch without any word
    # re's parser factors 'nimmt|nehmen' into 'n(?:immt|ehmen)'; the words are whole again
    assert required_words(re.compile(r"(?i)\bdie\s+(?:nimmt|nehmen)\b")) == {("nimmt", True), ("nehmen", True)}
    assert required_words(re.compile(r"(?i)\bbeschlie(?:ß|ss|)t")) == {("beschlie", True)}  # equally long, fewer


_DECISION_LIKE = re.compile(r"(?i)\bbeschlie(?:ß|ss)(?:t|en)\b|\b(?:wird|wurde)\s+(?:[\wäöüß-]+\s+){0,4}?"
                            r"(?:angenommen|verabschiedet)\b|(?<!\bzu\s)\bvereinbar(?:en|t)\b|^Ergebnis\s*:")
TEXTS = ["Die Fachgruppe BESCHLIESST den Plan.", "Der Antrag wird einstimmig ANGENOMMEN.", "Ergebnis: offen",
         "Frau Berg berichtet.", "Es ist nicht zu vereinbaren.", "Es wird vereinbart, dass …", "",
         "Die Runde beſchließt", "Der Entwurf wurde verabſchiedet.", "ERGEBNİS: vertagt", "Vereinbart",
         "Der Plan wird am 3. Mai angenommen"]


@pytest.mark.parametrize("text", TEXTS)
def test_the_guarded_pattern_answers_as_the_pattern(text):
    fast = guarded(_DECISION_LIKE)
    assert bool(fast.search(text)) == bool(_DECISION_LIKE.search(text))
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in _DECISION_LIKE.finditer(text)]
    assert fast.sub("#", text) == _DECISION_LIKE.sub("#", text)
    assert fast.split(text) == _DECISION_LIKE.split(text)
    assert bool(fast.match(text)) == bool(_DECISION_LIKE.match(text))


def test_a_text_without_the_words_is_not_searched():
    fast = guarded(_DECISION_LIKE)
    assert not fast.could_match("Frau Berg berichtet über den Stand.")  # type: ignore[attr-defined]
    assert fast.could_match("Die Runde beſchließt")  # type: ignore[attr-defined]


def test_a_text_is_searched_only_with_the_branches_whose_words_it_holds():
    fast = Guarded(_DECISION_LIKE)
    assert fast._branches is not None and len(fast._branches) == 4
    assert fast._pick("Es wird vereinbart.").pattern == r"(?<!\bzu\s)\bvereinbar(?:en|t)\b"
    assert fast._pick("Ergebnis: Der Antrag wird angenommen").pattern == (
        r"\b(?:wird|wurde)\s+(?:[\wäöüß-]+\s+){0,4}?(?:angenommen|verabschiedet)\b|^Ergebnis\s*:")
    assert Guarded(re.compile(r"(?i)(beschlossen)|vereinbart"))._branches is None  # a group: never cut


@pytest.mark.parametrize("source", [r"(?i)a\|b|[|(]x|c", r"(?i)abc|abd", r"ab|cd|[^]|]e"])
def test_branches_are_cut_only_where_the_pattern_parses_the_same(source):
    fast = Guarded(re.compile(source))
    if fast._branches is not None:
        assert re.compile("|".join(fast._branches), fast.flags).pattern.count("|") == source.count("|")
        for text in ["a|b", "(x", "c", "abd", "ab", "]e", "|e", "xyz"]:
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in re.finditer(source, text)]


def test_the_scanner_finds_words_that_begin_or_overlap_a_longer_one():
    words = frozenset({("einig", True), ("einigung", True), ("gung", True), ("bericht", True), ("Bericht", False)})
    assert _Scanner(words).found("Die EINIGUNG steht, der Bericht folgt") == words
    assert _Scanner(words).found("einig, aber ohne bericht") == {("einig", True), ("bericht", True)}


def test_a_pattern_anchored_at_a_fixed_first_character_is_left_as_it_is():
    anchored = re.compile(r"(?i)^(?:als|zu)\s+gast\s+(?P<who>.+)$")
    assert guarded(anchored) is anchored  # rejected at the first character already
    assert isinstance(guarded(re.compile(r"(?i)^(?P<who>.+?)\s+nahm\s+teil$")), Guarded)
    assert isinstance(guarded(re.compile(r"(?im)^als\s+gast")), Guarded)  # '^' at every line: not cheap
