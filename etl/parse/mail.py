"""What an e-mail's own words say about the meeting of the protocol it carries or answers.

A reply may correct the quoted protocol ("Korrektur: ich war am 6.5. nicht dabei, hatte mich
entschuldigt", "Frau Rehm war entschuldigt, nicht anwesend"): the person it names keeps their place in
the list and takes the status the correction gives. A protocol lists people as "Dr. S. Brückner" while
the mail's sender is "Dr. Stefan Brückner": `same_person` lets initials stand for first names, so the
sender is found in the list instead of being added twice.
"""

from __future__ import annotations

import re

from etl.parse.entries import Entry
from etl.parse.roles import ABSENT, EXCUSED, GUEST, PRESENT
from vocab.keys import name_key

CORRECTION = re.compile(r"(?i)\b(?:korrektur|korrigier\w*|berichtigung|richtigstellung|ergänzung|änderung)\b"
                        r"|\bnicht\s+\w+\s*,\s*sondern\b|\b(?:bitte\s+)?(?:streichen|ändern|korrigieren)\b")
_STATUS = re.compile(r"(?i)\b(?P<no>nicht\s+(?:mehr\s+)?)?(?P<word>entschuldigt|verhindert|abgesagt|anwesend|dabei"
                     r"|da|teilgenommen|abwesend|gefehlt|als\s+gast)\b")
_WORD_STATUS = {"entschuldigt": EXCUSED, "verhindert": EXCUSED, "abgesagt": EXCUSED, "anwesend": PRESENT,
                "dabei": PRESENT, "da": PRESENT, "teilgenommen": PRESENT, "abwesend": ABSENT, "gefehlt": ABSENT,
                "als gast": GUEST}
_FIRST_PERSON = re.compile(r"(?i)\b(?:ich|mich)\b")
_TITLES = re.compile(r"(?i)^(?:(?:frau|herr|dr\.|prof\.|dipl\.-\w+\.?)\s+)+")


def _parts(name: str) -> list[str]:
    return [p for p in _TITLES.sub("", name.strip()).replace("-", " - ").split() if p != "-"]


def same_person(a: str, b: str) -> bool:
    """'Dr. Stefan Brückner' and 'S. Brückner' (or 'Brückner'): the same surname, first names that agree
    where both are written (an initial stands for any first name with that letter)."""
    if name_key(a) == name_key(b):
        return True
    pa, pb = _parts(a), _parts(b)
    if not pa or not pb or pa[-1].lower() != pb[-1].lower():
        return False
    first_a, first_b = pa[:-1], pb[:-1]
    if not first_a or not first_b:
        return True
    x, y = first_a[0].rstrip("."), first_b[0].rstrip(".")
    if len(x) == 1 or len(y) == 1:
        return x[:1].lower() == y[:1].lower()
    return x.lower() == y.lower()


def correction_status(sentence: str, first_person: bool) -> str | None:
    """The status a correcting sentence gives: its first status word that is not negated ('war entschuldigt,
    nicht anwesend' -> excused); only negated ones ('war nicht dabei') say the person was not there:
    excused when the writer says it of themselves (they knew), absent when said of someone else."""
    negated = None
    for m in _STATUS.finditer(sentence):
        status = _WORD_STATUS[" ".join(m.group("word").lower().split())]
        if not m.group("no"):
            return status
        if negated is None and status == PRESENT:
            negated = EXCUSED if first_person else ABSENT
    return negated


def _surname(name: str) -> str:
    parts = _parts(name)
    return parts[-1] if parts else ""


def apply_corrections(entries: list[Entry], sentences: list[str], sender: str | None) -> bool:
    """Change the status of listed people that a reply's correcting sentences name ('ich' is the sender);
    True when any was changed."""
    changed = False
    for sentence in sentences:
        if not _STATUS.search(sentence):
            continue
        named = []
        if sender and _FIRST_PERSON.search(sentence):
            named = [e for e in entries if same_person(e.name, sender)]
        if not named:
            named = [e for e in entries if len(_surname(e.name)) > 2
                     and re.search(rf"\b{re.escape(_surname(e.name))}\b", sentence)]
        if len(named) != 1:
            continue
        status = correction_status(sentence, bool(sender and _FIRST_PERSON.search(sentence)))
        entry = named[0]
        if status and status != entry.status:
            entry.status = status
            entry.note = "; ".join(n for n in (entry.note, "laut Korrektur per E-Mail") if n)
            changed = True
    return changed
