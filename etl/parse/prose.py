"""Attendance written as sentences: 'Anwesend waren …', 'Frau X hatte sich entschuldigt',
'Als Gast nahm Herr Y teil', 'An der Sitzung nahmen A, B und C teil'.

Only the people named in such a sentence become participants; everyone else named in running text
stays a mention.
"""

from __future__ import annotations

import re

from etl.core.prefilter import guarded
from etl.core.registry import Registry
from etl.parse.entries import (
    Entry,
    Unreadable,
    lone_surname,
    parse_entry,
    share_orgs,
    share_pairs,
    split_entries,
    surname_list,
    without_writer,
)
from etl.parse.names import is_org_like
from etl.parse.roles import ABSENT, EXCUSED, GUEST, PRESENT
from vocab.titles import SALUTATION_PATTERN

_WHO = r"(?P<who>.+?)"
# 'an der Sitzung', 'an dem Gespräch', 'am Termin', 'beim Treffen', 'an diesem Austausch'
_AT = r"(?:an\s+(?:der|dem|den|diese[mnr])|am|beim|bei\s+(?:der|dem))"
# each cue guarded: those that open with '(?P<who>.+?)' try every split of the sentence, ~20 µs each
_CUES: tuple[tuple[re.Pattern[str], str], ...] = tuple((guarded(re.compile(p, re.IGNORECASE)), s) for p, s in (
    (rf"^als\s+(?:gast|gäste)\s+(?:nahmen|nahm|waren|war|ist|sind)\s+{_WHO}"
     r"(?:\s+(?:teil|anwesend|dabei|zugeschaltet))?$", GUEST),
    (rf"^{_WHO}\s+(?:war|waren|nahm|nahmen|ist|sind)\s+als\s+(?:gast|gäste)"
     r"\s*(?:teil|anwesend|dabei|zugeschaltet)?$", GUEST),
    # 'Frau Lange und Frau Demir nehmen als Gäste aus der FG Fachkräftesicherung teil'
    (rf"^{_WHO}\s+(?:nimmt|nehmen|nahm|nahmen)\s+als\s+(?:gast|gäste)\b(?:\s+[^.]{{0,80}}?)?\s+teil$", GUEST),
    (rf"^(?:(?:bei|in|an)\s+(?:der|dem|diese[mr])\s+\w+\s+)?(?:anwesend|zugegen|dabei|teilgenommen|mit\s+dabei)"
     rf"\s+(?:waren|sind|war|ist|haben)\s*:?\s*{_WHO}$", PRESENT),
    # 'Folgende Personen waren anwesend: …', 'Die Runde bestand aus …', 'A, B und C trafen sich in Lüneburg'
    (rf"^(?:folgende|diese)\s+(?:personen|teilnehmende|mitglieder|kolleg\w+|vertreter\w*)\s+(?:waren|sind|haben)"
     rf"\s+(?:anwesend|dabei|teilgenommen|da)\s*:?\s*{_WHO}$", PRESENT),
    (rf"^(?:die|der|das)\s+(?:runde|gruppe|teilnehmerkreis|sitzung|besprechung)\s+(?:bestand|besteht)\s+aus"
     rf"\s*:?\s*{_WHO}$", PRESENT),
    (rf"^{_WHO}\s+(?:trafen\s+sich|kamen\s+(?:in\s+\S+\s+)?zusammen|haben\s+sich\s+(?:\S+\s+){{0,3}}?getroffen)"
     r"(?:\s+(?:in|im|am|bei|zu|zum|zur)\s+[^,]{1,60})?$", PRESENT),
    (rf"^es\s+nahmen\s+teil\s*:?\s*{_WHO}$", PRESENT),
    # 'Von den Mitgliedern waren anwesend: …', 'Seitens der Kammer war anwesend: …'
    (rf"^(?:von|aus|seitens)\s+(?:den|der|dem|des)\s+[\w-]+\s+(?:waren|war|sind|ist)\s+(?:anwesend|dabei|zugegen|da)"
     rf"\s*:?\s*{_WHO}$", PRESENT),
    (rf"^(?:{_AT}\s+(?:\w+\s+){{0,3}}?)?(?:nahmen|nahm)\s+{_WHO}\s+teil$", PRESENT),
    (rf"^es\s+(?:waren|sind)\s+(?:anwesend|dabei)\s*:?\s*{_WHO}$", PRESENT),
    (rf"^{_WHO}\s+(?:nahm|nahmen)\s+(?:{_AT}\s+(?:\w+\s+){{0,3}}?)?teil$", PRESENT),
    (rf"^(?:gast|gäste)\s+(?:waren|war|sind|ist)\s*:?\s*{_WHO}$", GUEST),
    (rf"^zu\s+gast\s+(?:waren|war|sind|ist)\s*:?\s*{_WHO}$", GUEST),
    (rf"^als\s+(?:gast|gäste)\s+(?:begrüßt\s+wurden|begrüßt\s+wurde|begrüßen\s+wir|begrüßten\s+wir"
     r"|konnten\s+wir\s+begrüßen|durften\s+wir\s+begrüßen|war(?:en)?\s+(?:dabei|anwesend|eingeladen))"
     rf"\s*:?\s*{_WHO}$", GUEST),
    (rf"^(?:sowie|und|außerdem|zudem|ferner)\s+als\s+(?:gast|gäste)\s*:?\s*{_WHO}$", GUEST),
    (rf"^(?:wir\s+)?begrüßten\s+(?:wir\s+)?(?:als\s+(?:gast|gäste)|zu\s+gast)\s*:?\s*{_WHO}$", GUEST),
    (rf"^{_WHO}\s+(?:war|waren)\s+(?:als\s+(?:gast|gäste)\s+)?zu\s+gast$", GUEST),
    (rf"^(?:es\s+)?(?:fehlte|fehlten|fehlt|fehlen)\s+entschuldigt\s*:?\s*{_WHO}$", EXCUSED),
    (rf"^entschuldigt\s+(?:fehlte|fehlten|fehlt|fehlen)\s*:?\s*{_WHO}$", EXCUSED),
    (rf"^(?:teilgenommen|mitgewirkt)\s+(?:haben|hat)\s*:?\s*{_WHO}$", PRESENT),
    (rf"^(?:nicht\s+dabei|verhindert)\s+(?:waren|war|sind|ist)\s*:?\s*{_WHO}$", EXCUSED),
    (rf"^entschuldigt\s+(?:haben\s+sich|hatten\s+sich|hat\s+sich|hatte\s+sich|waren|war|sind|ist)\s*:?\s*{_WHO}$",
     EXCUSED),
    (rf"^{_WHO}\s+(?:hatte|hat|hatten|haben)\s+sich\s+(?:\w+\s+){{0,2}}?entschuldigt(?:\s+\w+){{0,2}}$", EXCUSED),
    (rf"^{_WHO}\s+(?:fehlte|fehlten|fehlt|fehlen|ist|sind|war|waren)\s+entschuldigt$", EXCUSED),
    (rf"^{_WHO}\s+(?:hat|hatte|haben|hatten)\s+(?:\w+\s+){{0,2}}?abgesagt$", EXCUSED),
    (rf"^{_WHO}\s+(?:hat|hatte|haben|hatten)\s+sich\s+(?:\w+\s+){{0,2}}?abgemeldet(?:\s*\([^()]*\))?$", EXCUSED),
    # 'Herr Ohm vom Ministerium kam ab halb drei dazu', 'Frau Kern stieß später hinzu': came late, but came
    (rf"^{_WHO}\s+(?:kam|kamen|stieß|stießen)\s+(?:[\w.:]+\s+){{0,5}}?(?:dazu|hinzu)$", PRESENT),
    # 'Herr Dr. Ohm lässt sich entschuldigen und grüßt schriftlich'
    (rf"^{_WHO}\s+(?:lässt|ließ|lassen|ließen)\s+sich\s+(?:\w+\s+){{0,2}}?entschuldigen(?:\s*[,;]?\s+(?:und|er|sie)\s.*)?$",
     EXCUSED),
    (rf"^abgesagt\s+(?:haben|hatten|hat|hatte)\s*:?\s*{_WHO}$", EXCUSED),
    (rf"^{_WHO}\s+(?:muss|müssen|musste|mussten)\s+(?:leider\s+)?(?:kurzfristig\s+)?absagen$", EXCUSED),
    (rf"^{_WHO}\s+(?:kann|können|konnte|konnten)\s+(?:leider\s+)?(?:\w+\s+){{0,2}}?nicht\s+"
     r"(?:teilnehmen|kommen|dabei\s+sein)$", EXCUSED),
    # 'Frau Ohm konnte leider nicht, sie lässt grüßen': the clause after the comma says no more of who came
    (rf"^{_WHO}\s+(?:kann|können|konnte|konnten)\s+leider\s+(?:\w+\s+){{0,2}}?nicht"
     r"(?:\s+(?:teilnehmen|kommen|dabei\s+sein))?(?:\s*[,;–-]\s+\S.*)?$", EXCUSED),
    (rf"^nicht\s+anwesend\s+(?:war|waren|ist|sind)\s*:?\s*{_WHO}$", ABSENT),
    (rf"^es\s+(?:fehlte|fehlten|fehlt|fehlen)(?:\s+unentschuldigt)?\s*:?\s*{_WHO}$", ABSENT),
    (rf"^{_WHO}\s+(?:fehlte|fehlten)(?:\s+unentschuldigt)?$", ABSENT),
    # 'Frau X war angemeldet, ist aber nicht gekommen', 'Vom Verband war Herr Y angemeldet, aber nicht erschienen'
    (rf"^{_WHO}\s+(?:war|waren|hatte\s+sich|hatten\s+sich)\s+(?:zwar\s+)?(?:an|zu)gemeldet\s*,?\s+"
     r"(?:(?:ist|sind|war|waren)\s+)?(?:aber|jedoch|dann\s+aber|doch)\s+nicht\s+(?:gekommen|erschienen|da)$", ABSENT),
    (rf"^(?:\w+\s+){{1,4}}?(?:war|waren)\s+{_WHO}\s+(?:zwar\s+)?(?:an|zu)gemeldet\s*,?\s+"
     r"(?:(?:ist|sind|war|waren)\s+)?(?:aber|jedoch|dann\s+aber|doch)\s+nicht\s+(?:gekommen|erschienen|da)$", ABSENT),
    (rf"^{_WHO}\s+(?:ist|sind|war|waren)\s+(?:leider\s+|unentschuldigt\s+)?nicht\s+(?:gekommen|erschienen)$", ABSENT),
))
# A word every attendance cue holds: a cheap test before the sixteen patterns.
_ANY_CUE = re.compile(r"(?i)teil|anwesend|zugegen|dabei|gast|gäste|entschuldig|abgesag|abgemeld|fehl|mitgewirkt"
                      r"|verhindert|dazu|hinzu"
                      r"|bestand\s+aus|trafen\s+sich|kamen|getroffen"
                      r"|absagen|nicht\s+kommen|leider\s+nicht|nicht\s+gekommen|nicht\s+erschienen")
# run only on texts that hold a word every match needs (a long alternation is slow; etl/core/prefilter.py)
_ANY_CUE = guarded(_ANY_CUE)
_ADDRESSED = re.compile(rf"^(?:{SALUTATION_PATTERN}|Dr\.|Prof\.)\s")  # 'Frau Kaya': a surname is enough
_FILLERS = re.compile(r"(?i)^(?:(?:diesmal|außerdem|auch|zudem|ebenfalls|heute|erstmals|erstmalig|wieder|noch"
                      r"|insgesamt|zusätzlich|ferner|weiterhin)\s+)+(?=\S)")
# 'Frau Öztürk vom Jobcenter': a person and the organisation they came from, when that is plainly an organisation
_OF_KNOWN_ORG = re.compile(r"\s+(?:vom|von\s+der|von\s+dem|aus\s+dem|aus\s+der)\s+"
                           r"(?P<org>[A-ZÄÖÜ][\w&.-]*(?:\s+[A-ZÄÖÜ0-9][\w&.-]*){0,3})"
                           r"(?=\s*(?:,|;|$|\s+(?:und|sowie)\s+(?:Herrn?|Frau|Dr\.|Prof\.)\s))")
# Words that stand where a name would and name nobody ('Der Vorstand hatte abgesagt', 'Alle waren da').
_NOBODY = {"alle", "niemand", "keiner", "vorstand", "mitglieder", "gäste", "team", "wir", "ihr", "sie", "er"}
_RELATIVE = re.compile(r",\s*(?:der|die|welche[rs]?)\s+[^,]*$", re.IGNORECASE)


def attendance(sentence: str) -> tuple[str, str] | None:
    """(status, the people part) when the sentence says who attended, was excused, a guest or absent."""
    text = " ".join(sentence.split()).rstrip(".!").strip()  # a sentence wrapped over lines is one sentence
    if not text or len(text) > 1500 or not _ANY_CUE.search(text):
        return None
    for _ in range(3):
        for pattern, status in _CUES:
            if m := pattern.match(text):
                return status, m.group("who").strip(" ,:")
        # 'Kemal Yıldız hat sich entschuldigt, Krankheit im Betrieb': a reason after the statement, cut off
        head, comma, _tail = text.rpartition(",")
        if not comma or not _ANY_CUE.search(head):
            return None
        text = head.strip()
    return None


def entries(sentence: str, line: int, page: int | None, registry: Registry | None, *,
            listed: bool = False) -> list[Entry]:
    """The people of one attendance sentence, each with the status the sentence gives. `listed`: the sentence
    stands in a list of people ('Dabei: Rüdiger, Kemal. Franziska hatte abgesagt.'), where a name alone is a
    person too."""
    found = attendance(sentence)
    if found is None:
        return []
    status, who = found
    who = _FILLERS.sub("", who)  # 'Dabei waren außerdem Frau Svensson …', 'Mit dabei waren diesmal …'
    who = re.sub(r"^[Dd]ie\s+(?:Teilnehmenden|Teilnehmer\w*|Mitglieder|Gäste|Kolleg\w+|Vertreter\w*|Anwesenden)\s+"
                 r"(?=[A-ZÄÖÜ])", "", who)  # 'Die Teilnehmenden Anna Berg und Jan Ohm nahmen teil'
    # 'Der Obermeister Jens Harms nahm teil': the function stays a note of the person
    who = re.sub(r"^(?:[Dd]er|[Dd]ie|[Uu]nser|[Uu]nsere)\s+(?=[A-ZÄÖÜ]\w+\s+(?:(?:Herr|Frau|Dr\.|Prof\.)\s+)?"
                 r"[A-ZÄÖÜ])", "", who)
    if ":" in who and _ADDRESSED.match(who.rsplit(":", 1)[1].strip() + " "):
        who = who.rsplit(":", 1)[1].strip()  # 'Thema Pflege: Frau Lange und Frau Demir nehmen als Gäste teil'
    # 'Josef Kern und ich vom UVO': the writer is no name here; Kern is of the organisation they share
    who = re.sub(r"(?i)\s+(?:und|sowie)\s+ich(?=\s+(?:vom|von\s+der|von\s+den|aus\s+der|aus|bei\s+der|beim)\s)",
                 "", who)
    who = re.sub(r"\s+(?:und|sowie)(?:\s+[a-zäöüß][\w-]*)*\s*$", "", who)  # '…, Bernd Ohm (AfU) und erstmals'
    who = without_writer(who)[0]
    who = _OF_KNOWN_ORG.sub(lambda m: f" ({m.group('org')})" if is_org_like(m.group("org")) or (
        registry is not None and registry.lookup(m.group("org"))) else m.group(0), who)  # 'Frau Öztürk vom Jobcenter'
    # 'Ute, Ngozi, Mirjam (HWK) und Timo Ahlers': people by first name (or surname) alone, read as such when the
    # list also names someone in full or with an organisation (nouns listed, 'Vorstand und Gäste', do neither)
    alone = surname_list(who, registry)
    if alone and not any(len(p.split()) >= 2 or "(" in p for p in alone):
        alone = None
    parts = alone or split_entries(who, registry)
    read: list[Entry | Unreadable] = []
    notes: list[str | None] = []
    singles: list[bool] = []
    for part in parts:
        note = None
        if m := _RELATIVE.search(part):
            if "protokoll" in m.group(0).lower():
                note = "Protokoll"
            part = part[:m.start()]
        bare = re.sub(r"\([^()]*\)", "", part).strip()
        one = listed and lone_surname(bare, registry) and bare.lower() not in _NOBODY \
            and not re.match(r"(?:[Dd]er|[Dd]ie|[Dd]as|[Dd]en|[Dd]em|[Ee]ine?[mnrs]?|[Uu]nser\w*)\s", bare)
        singles.append(one)
        read.append(parse_entry(part, line, status, registry, None, page, surname=bool(alone) or one))
        notes.append(note)
    # 'Frau A und Herr B (beide GS)', 'Herr C und Frau D (ZDH)': the organisation of the people named together
    read = share_orgs(share_pairs(read, parts, who, None))
    result: list[Entry] = []
    for part, entry, note, single in zip(parts, read, notes, singles, strict=True):
        if isinstance(entry, Entry) and (len(entry.name.split()) >= 2 or _ADDRESSED.match(part.strip()) or alone
                                         or single or _of_house(entry, registry)):
            if note:
                entry.note = "; ".join(n for n in (entry.note, note) if n)
            result.append(entry)
    return result


def _of_house(entry: Entry, registry: Registry | None) -> bool:
    """'Yasemin (Netzwerkbüro) hatte sich abgemeldet': a name alone with the house it comes from is a person."""
    org = entry.organisation_raw
    return bool(org) and org is not None and "(" in entry.raw and (
        is_org_like(org) or (registry is not None and registry.lookup(org) is not None))


# A reply to an invitation in the first person: 'ich bin dabei', 'ich komme gern', 'muss leider absagen'.
_NOT_COMING = r"(?:leider\s+)?(?:kurzfristig\s+)?(?:absagen|nicht\s+(?:teilnehmen|kommen|dabei\s+sein))"
_I_DECLINE = re.compile(rf"(?i)\bich\s+(?:muss|kann)\s+{_NOT_COMING}|\b(?:muss|kann)\s+ich\s+{_NOT_COMING}"
                        rf"|(?:^|[.!?]\s+)(?:leider\s+)?(?:muss|kann)\s+{_NOT_COMING}"
                        r"|\bich\s+bin\s+(?:leider\s+)?verhindert|\bmeine\s+teilnahme\s+absagen"
                        r"|\bsage\s+(?:ich\s+)?(?:leider\s+)?ab\b"
                        r"|\bich\s+war\s+(?:doch\s+|leider\s+)?(?:entschuldigt|verhindert|nicht\s+(?:da|dabei|anwesend))")
_I_DECLINE = guarded(_I_DECLINE)  # run only where a word it needs occurs (etl/core/prefilter.py)
_I_ATTEND = re.compile(r"(?i)\bich\s+(?:bin|wäre)\s+(?:gerne?\s+|auch\s+|sehr\s+gerne?\s+)*dabei"
                       r"|\bich\s+komme\b|\bich\s+nehme\s+(?:gerne?\s+)?teil|\bsage\s+(?:ich\s+)?(?:gerne?\s+)?zu\b"
                       r"|\bmeine\s+teilnahme\s+zu")


def reply_status(text: str) -> str | None:
    """The writer's own answer in a reply mail: excused for 'muss leider absagen', present for 'ich bin dabei'."""
    if _I_DECLINE.search(text):
        return EXCUSED
    if _I_ATTEND.search(text):
        return PRESENT
    return None
