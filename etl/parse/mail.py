"""What an e-mail's own words say about the meeting of the protocol it carries or answers.

A reply may correct the quoted protocol ("Korrektur: ich war am 6.5. nicht dabei, hatte mich
entschuldigt", "Frau Rehm war entschuldigt, nicht anwesend"): the person it names keeps their place in
the list and takes the status the correction gives. A protocol lists people as "Dr. S. Brückner" while
the mail's sender is "Dr. Stefan Brückner": `same_person` lets initials stand for first names, so the
sender is found in the list instead of being added twice.
"""

from __future__ import annotations

import re
from typing import Any

from etl.core.prefilter import guarded
from etl.core.registry import Registry
from etl.parse.entries import Entry, parse_entry, without_writer
from etl.parse.roles import ABSENT, EXCUSED, GUEST, PRESENT, split_label
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


# 'Ergänzung: Frau Lenz (ZVB) war auch dabei.', 'Außerdem hatte sich Herr Ohm entschuldigt.'
_ADDED = re.compile(r"(?i)^(?:[\w ]{3,30}:\s*)?(?:(?:außerdem|zudem|auch)\s+(?:war|waren|hatte|hatten)\s+"
                    r"(?:sich\s+)?(?P<who1>.+?)\s+(?:auch\s+|noch\s+|mit\s+)?(?:dabei|anwesend|da|entschuldigt)"
                    r"|(?P<who2>.+?)\s+(?:war|waren|hatte|hatten)\s+(?:sich\s+)?(?:auch|doch|ebenfalls|außerdem|noch)?\s*"
                    r"(?:mit\s+)?(?:dabei|anwesend|da|entschuldigt))\s*[.!]?$")
_ADDRESSED = re.compile(r"^(?:Frau|Herr|Herrn|Dr\.|Prof\.)\s")


def apply_corrections(entries: list[Entry], sentences: list[str], sender: str | None,
                      registry: Registry | None = None) -> bool:
    """Change the status of listed people that a reply's correcting sentences name ('ich' is the sender), and
    add the people it says were there too ('Ergänzung: Frau Lenz war auch dabei'); True when any changed."""
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
        if not named and (m := _ADDED.match(sentence.strip())):
            who = (m.group("who1") or m.group("who2") or "").strip()
            status = correction_status(sentence, False)
            entry = parse_entry(who, 1, status or PRESENT, registry) if status else None
            if isinstance(entry, Entry) and (len(entry.name.split()) >= 2 or _ADDRESSED.match(who)):
                entry.note = "laut Korrektur per E-Mail"
                entries.append(entry)
                changed = True
            continue
        if len(named) != 1:
            continue
        status = correction_status(sentence, bool(sender and _FIRST_PERSON.search(sentence)))
        entry = named[0]
        if status and status != entry.status:
            entry.status = status
            entry.note = "; ".join(n for n in (entry.note, "laut Korrektur per E-Mail") if n)
            changed = True
    return changed


# A round mail tells who came in a sentence: 'Dabei waren Josef Huber und ich vom UVO, Fatma Aydın vom
# Landratsamt, erstmals auch Ewa Nowak, die als Gast reingeschaut hat. Frau Dr. Ruiz konnte leider nicht.'
_FROM_ORG = re.compile(r"(?<!Herr)(?<!Herrn)(?<!Frau)\s+(?:vom|von\s+der|von\s+dem|aus\s+dem|aus\s+der|von\s+den)\s+"
                       r"(?P<org>[A-ZÄÖÜ0-9][^,;()]*?)(?=\s*(?:[,;]|\s+(?:und|sowie)\s+(?:\w+\s+)?[A-ZÄÖÜ][\w-]+\s+[A-ZÄÖÜ]"
                       r"|\s+(?:und|sowie)\s+(?:Herrn?|Frau|Dr\.|Prof\.)\s|[.!]?$"
                       # 'Herr Ohm vom Ministerium kam später dazu': the verb ends the organisation
                       r"|\s+(?:kam|kamen|stieß|stießen|war|waren|hatte|hatten|hat|fehlte|fehlten|konnte|musste|nahm"
                       r"|nahmen)\b))")
_FILLER = re.compile(r"(?i)(?P<before>[,:]|\bund|\bsowie|\bwaren|\bwar)\s+(?:(?:erstmals|erstmalig|diesmal|auch"
                     r"|außerdem|zudem|wieder|ebenfalls|neu|noch|dankenswerterweise|natürlich|zum\s+ersten\s+mal|dazu)(?:\s+|\s*$))+")
_FILLER = guarded(_FILLER)  # run only where a word it needs occurs (etl/core/prefilter.py)
_COULD_NOT = re.compile(r"(?i)^(?P<who>.+?)\s+(?:konnte|konnten|kann|können)\s+(?:(?:leider|diesmal|heute|dieses\s+mal"
                        r"|kurzfristig)\s+)*nicht(?:\s+kommen|\s+dabei\s+sein)?\s*(?:[,;(–-].*)?$")
_I = re.compile(r"\bich\b")
_WORKS_AT = re.compile(r"(?:\bim|\bbeim|\bbei\s+(?:der|dem)|\bin\s+der|\bvom|\bfür\s+(?:das|die|den))\s+"
                       r"(?P<org>[A-ZÄÖÜ][^,;]*?)\s+(?:aktiv|tätig|beschäftigt|engagiert|angestellt)\b")
_WE_TWO = re.compile(r"(?P<a>\b[A-ZÄÖÜ][\w-]+(?:\s+[A-ZÄÖÜ][\w-]+)+)\s+und\s+(?P<b>{sender})\s+\((?P<org>[^()]+)\)")


# How mails tell attendance in forms the attendance reader does not know, each with the canonical sentence it
# means ('Anwesend waren: …', 'Entschuldigt haben sich: …').
_PRESENT_SAID = "Anwesend waren: {who}"
_EXCUSED_SAID = "Entschuldigt haben sich: {who}"
_TOLD = tuple((re.compile(p, re.IGNORECASE), said) for p, said in (
    (r"^wir\s+waren\s+(?:zu\s+\w+|insgesamt\s+\w+(?:\s+personen)?|\w+\s+personen)\s*[:,–-]\s*(?P<who>.+)$",
     _PRESENT_SAID),
    (r"^(?P<who>.+?)\s+(?:war|waren)\s+(?:auch\s+|ebenfalls\s+|außerdem\s+|noch\s+|mit\s+)*(?:dabei|anwesend"
     r"|da|vor\s+ort|(?:(?:per|über|via)\s+(?:video|telefon|zoom|teams|webex)\s+|online\s+|telefonisch\s+|digital\s+)?"
     r"(?:zugeschaltet|dabei))$", _PRESENT_SAID),
    (r"^(?:leider\s+)?abgesagt\s+(?:hatten|haben|hat|hatte)\s+(?:sich\s+)?(?:leider\s+)?(?P<who>.+)$", _EXCUSED_SAID),
    (r"^(?P<who>.+?)\s+(?:fehlte|fehlten)\s+(?:leider\s+)?(?:krankheitsbedingt|urlaubsbedingt|terminbedingt"
     r"|entschuldigt|wegen\s+.+|aus\s+\w+\s+gründen)$", _EXCUSED_SAID),
    (r"^(?P<who>.+?)\s+(?:war|waren)\s+(?:leider\s+)?(?:verhindert|krank|erkrankt|im\s+urlaub|verreist"
     r"|entschuldigt)$", _EXCUSED_SAID),
))
# A label of people opening a sentence of running text, as the sentence the attendance reader knows
_LABEL_SAID = {PRESENT: _PRESENT_SAID, EXCUSED: _EXCUSED_SAID, GUEST: "Als Gäste waren dabei: {who}",
               ABSENT: "Nicht anwesend waren: {who}"}
_THERE_AND_MORE = re.compile(r"^(?P<who>[^,]+?)\s+(?:war|waren)\s+(?:auch\s+)?(?:da|dabei|anwesend|vor\s+ort)"
                             r"\s*,\s+(?:(?:außerdem|dazu|sowie|ferner|zudem|und)\s+)?(?P<more>[A-ZÄÖÜ].*)$")
_AS_ROLE = re.compile(r"\s+als\s+(?P<role>Gastgeber(?:in)?|Moderator(?:in)?|Referent(?:in)?|Protokollant(?:in)?"
                      r"|Sitzungsleitung|Vorsitzende[rn]?|Versammlungsleiter(?:in)?)(?=\s*(?:[,;]|\s+und\s|\s+sowie\s|$))")
_REMOTE_TOLD = re.compile(r"(?i)(?:(?:per|über|via)\s+(?:video|telefon|zoom|teams|webex)\s+|online\s+|telefonisch\s+"
                          r"|digital\s+)?zugeschaltet|(?:online|per\s+video)\s+dabei")
_BESIDE_ME = re.compile(r"(?i)\b(?:neben|außer)\s+mir\b")


# 'Herr Esser fehlte krankheitsbedingt, Frau Haberkorn war verhindert': a comma before a new subject and its verb
_CLAUSE = re.compile(r"[,;]\s+(?=(?:(?:Frau|Herr|Dr\.|Prof\.)\s+)*[A-ZÄÖÜ][\w-]+(?:\s+[A-ZÄÖÜ][\w-]+)?"
                     r"(?:\s+\([^()]*\)|\s+(?:vom|von\s+der|von\s+dem|aus\s+dem|aus\s+der)\s+[A-ZÄÖÜ][\w-]+)?"
                     r"\s+(?:war|waren|fehlte|fehlten|hatte|hat|konnte|musste|ist|kam|kamen|stieß"
                     r"|stießen)\b)")


def clauses(sentence: str) -> list[str]:
    """The sentence, and its clauses when it joins several attendance statements with commas."""
    parts = _CLAUSE.split(sentence)
    return [sentence] if len(parts) == 1 else parts


def narrative(sentence: str, sender: str | None, *, labels: bool = True) -> str:
    """A mail's attendance sentence in the form the attendance reader knows: 'ich' and 'neben mir' are the
    sender, 'Anna Berg vom UVO' is 'Anna Berg (UVO)', fillers ('erstmals', 'auch') dropped, 'X konnte leider
    nicht', 'X fehlte krankheitsbedingt', 'X war verhindert' excuse X, 'X war auch dabei', 'Wir waren zu
    viert: …' list who came; `labels`: a label of people inside running text ('… geht. Dabei: A, B') lists them."""
    text = sentence
    if sender and _BESIDE_ME.search(text):  # 'Anwesend waren neben mir Frau Berg und Herr Ohm'
        text = _BESIDE_ME.sub(f"{sender},", text, count=1)
    text = _FILLER.sub(lambda m: f"{m.group('before')} ", text)
    text = re.sub(r"(?:,|\s+und|\s+sowie)\s*$", "", text.rstrip())  # the sentence goes on in the next paragraph
    if sender and (m := re.match(rf"^{re.escape(sender)},\s+(?:waren|war)\s+(?P<who>.+?)\s+(?:dabei|anwesend|da)"
                                 r"\s*\.?$", text)):
        text = f"{sender}, {m.group('who')} waren dabei"  # 'Neben mir waren A und B dabei'
    me = bool(sender and _I.search(text))
    if sender and me:
        text = _I.sub(sender, text)
    text = _FROM_ORG.sub(lambda m: f" ({m.group('org').strip()})", text)
    text = _AS_ROLE.sub(lambda m: f" ({m.group('role')})", text)  # 'Herr Ohm als Gastgeber, …': a note, no house
    if sender and me:  # 'Josef Huber und ich vom UVO': both from the UVO
        pair = re.compile(_WE_TWO.pattern.format(sender=re.escape(sender)))
        text = pair.sub(lambda m: f"{m.group('a')} ({m.group('org')}) und {m.group('b')} ({m.group('org')})", text)
    if (m := _COULD_NOT.match(text.rstrip(" ."))) is not None:
        text = f"{m.group('who')} konnte nicht teilnehmen"
    plain = re.sub(r"(?i)^(?:leider|außerdem|zudem|auch|ebenfalls)\s+(?=\S)", "", text.strip().rstrip(".!"))
    if labels and (label := split_label(plain)) is not None and label[0] in _LABEL_SAID and label[1] \
            and not re.match(r"(?i)(?:wer|beteiligte)\s*:", plain):  # 'Beteiligte:' of a task helps with it
        return _LABEL_SAID[label[0]].format(who=label[1])  # '… damit nichts verloren geht. Dabei: A, B, C.'
    if (m := _THERE_AND_MORE.match(plain)) is not None:  # 'A und B waren da, C als Gastgeber, dazu D und ich'
        return _PRESENT_SAID.format(who=f"{m.group('who')}, {m.group('more')}")
    for pattern, said in _TOLD:
        if (m := pattern.match(plain)) is not None:
            who = m.group("who")
            if (remote := _REMOTE_TOLD.search(plain[m.end("who"):])) and not re.search(r",|\s(?:und|sowie)\s", who):
                who = f"{who} ({remote.group(0)})"  # 'Frau Reimer von der IHK war per Video zugeschaltet': hybrid
            return said.format(who=who)
    return text


def relative_clauses(sentence: str, entries: list[Entry]) -> None:
    """'…, Ewa Nowak, die sonst im Pflegenetz Lippe aktiv ist und als Gast reingeschaut hat': what a relative
    clause after a name says of that person (a guest; the organisation where they work)."""
    for entry in entries:
        surname = _surname(entry.name)
        if not surname:
            continue
        m = re.search(rf"\b{re.escape(surname)}\s*,\s*(?:die|der)\s+(?P<clause>[^.;]*)", sentence)
        if m is None:
            continue
        clause = m.group("clause")
        if re.search(r"(?i)\bals\s+gast\b", clause):
            entry.status = GUEST
        if entry.organisation_raw is None and (org := _WORKS_AT.search(clause)):
            entry.organisation_raw = org.group("org").strip()


def writer(meta: dict[str, str]) -> str | None:
    """Who 'ich' is in a mail's protocol: the writer of a forwarded or quoted mail, else the sender (else the name
    the mail is signed with)."""
    from email.utils import parseaddr

    from etl.parse.names import is_org_like

    for key in ("forwarded_von", "forwarded_from", "from"):
        if meta.get(key) and (name := parseaddr(meta[key])[0].strip("\"' ") or meta[key].split("<")[0].strip()):
            if "@" in name or is_org_like(name) or name.lower() in ("info", "kontakt", "office", "team", "büro"):
                break  # 'Geschäftsstelle <info@…>': an office, the signature may name who wrote
            # Outlook writes 'Rehbein, Tobias': in a list of people that comma would split the writer in two
            surname, comma, given = name.partition(",")
            return f"{given.strip()} {surname.strip()}" if comma and given.strip() and " " not in surname.strip() \
                else name
    return _signed(meta.get("signature", ""))


# '(aufgeschrieben von Doris Hirmer, DGB, am Tag danach)', 'notiert von: Jan Ohm': who wrote a note in the first person
_WRITTEN_BY = re.compile(r"\b(?i:aufgeschrieben|notiert|mitgeschrieben|protokolliert|festgehalten|verfasst"
                         r"|zusammengefasst|erstellt|geschrieben)\s+(?:\w+\s+)?(?:von|durch)\s*:?\s+"
                         r"(?P<who>(?:(?:Frau|Herr|Dr\.|Prof\.)\s+)*[A-ZÄÖÜ][\w'’-]+(?:\s+[A-ZÄÖÜ][\w'’-]+){1,2})")


def note_writer(writers: list[str], texts: list[str]) -> str | None:
    """Who 'ich' is in a protocol that is no mail: the minute taker its head names ('Protokoll: Jan Ohm'), else the
    one the opening lines say wrote it ('aufgeschrieben von Doris Hirmer'); a full name, else None."""
    from etl.parse.names import is_org_like, person_name

    said = [m.group("who") for text in texts if (m := _WRITTEN_BY.search(text))]
    for text in [*writers, *said]:
        bare = re.split(r"\s*[,(;]", text.strip(), maxsplit=1)[0]
        found = person_name(bare) if bare else None
        if found is not None and len(found.name.split()) >= 2 and not is_org_like(bare):
            return found.name
    return None


def _signed(signature: str) -> str | None:
    """The name a mail is signed with ('Viele Grüße\nJana Wielgosz\nGeschäftsstelle'), when the sender's address
    names nobody ('info@…'): the first line after the closing words that is a full name."""
    from etl.parse.names import is_org_like, person_name

    for line in signature.split("\n")[:4]:
        text = re.sub(r"(?i)^(?:(?:viele|beste|liebe|herzliche|freundliche)\s+grüße|gruß|grüße|lg|vg|mfg|beste\s+grüße)"
                      r"\s*,?\s*", "", line.strip()).strip(" ,")
        found = person_name(text) if text else None
        if found is not None and len(found.name.split()) >= 2 and not is_org_like(text):
            return found.name
    return None


# Outlook's and Thunderbird's answer to an invitation: 'Zugesagt: Sitzung AG Transfer', 'Abgelehnt: …',
# 'Accepted: …'; a short reply that says 'Zusage' or 'Absage'.
_RESPONSE = re.compile(r"(?i)^\s*(?:(?P<yes>zugesagt|angenommen|accepted|zusage)|(?P<no>abgesagt|abgelehnt|declined"
                       r"|absage))\s*:")
_SAID = re.compile(r"(?i)\b(?:hiermit\s+)?(?:meine\s+)?(?:(?P<yes>zusage)|(?P<no>absage))\b")


# A reply in the first person with words between: 'leider kann ich am 14.01. nicht teilnehmen', 'ich bin an dem
# Tag verhindert', 'ich schaffe es leider nicht'; 'ich werde gerne teilnehmen', 'da bin ich dabei'.
_CANNOT = re.compile(r"(?i)\b(?:(?:kann|muss|werde)\s+ich|ich\s+(?:kann|werde))\s+(?:[\w.,-]+\s+){0,6}?nicht"
                     r"(?:\s+(?:teilnehmen|kommen|dabei\s+sein|da\s+sein|persönlich\s+kommen))?\s*(?:[.!,;]|$)"
                     r"|\b(?:ich\s+bin|bin\s+ich)\s+(?:[\w.,-]+\s+){0,6}?verhindert\b"
                     r"|\bich\s+schaffe\s+es\s+(?:[\w.,-]+\s+){0,4}?nicht\b")
_CANNOT = guarded(_CANNOT)  # run only where a word it needs occurs (etl/core/prefilter.py)
_CAN = re.compile(r"(?i)\b(?:ich\s+werde|werde\s+ich)\s+(?:gerne?\s+|auf\s+jeden\s+fall\s+)*teilnehmen\b"
                  r"|\b(?:da\s+)?bin\s+ich\s+(?:gerne?\s+|auch\s+|natürlich\s+)*dabei\b"
                  r"|\bich\s+komme\s+gerne?\b|\bnehme\s+ich\s+(?:gerne?\s+)?teil\b")


def response_status(subject: str, own: str, response: str = "") -> str | None:
    """Present or excused from a meeting response (its Outlook class, saved as `response`, or its subject
    'Zugesagt: …'), or from 'Zusage'/'Absage' in a short reply; a tentative answer says nothing."""
    if response:
        return {"zugesagt": PRESENT, "abgesagt": EXCUSED}.get(response)
    if re.match(r"(?i)\s*(?:mit\s+vorbehalt|vorläufig|tentative)", subject):
        return None
    if m := _RESPONSE.match(subject):
        return PRESENT if m.group("yes") else EXCUSED
    if len(own) <= 200 and (m := _SAID.search(own)):
        return PRESENT if m.group("yes") else EXCUSED
    if _CANNOT.search(own):
        return EXCUSED
    if _CAN.search(own):
        return PRESENT
    return None


def signature_organisation(entries: list[Entry], meta: dict[str, str], registry: Registry | None) -> None:
    """The writer listed without organisation of their own ('Dr. Anna-Lena Vössing, Sophie van der Linden (IGB)')
    takes it from their own signature, when a signature line names a known organisation ('Institut für … (IfAM)')."""
    name = writer(meta)
    signature = meta.get("signature", "")
    if registry is None or not name or not signature or meta.get("forwarded_from") or meta.get("forwarded_von"):
        return
    # an organisation the writer only shares with the person named next ('ich und Mira Olszewski von der X') is
    # a guess; the writer's own signature says better
    me = [e for e in entries if same_person(e.name, name)
          and (e.organisation_raw is None or e.organisation_raw not in e.raw)]
    if len(me) != 1:
        return
    for line in signature.split("\n")[1:8]:
        text = line.strip(" |·-–")
        for part in [text, *re.split(r"\s*[|,·–]\s*", text)]:
            if 2 <= len(part) <= 120 and registry.lookup(part):
                me[0].organisation_raw = part
                return


_ME = re.compile(r"\b(?:ich|mich)\b(?!\s*[:=])")
_LAST_ME = re.compile(r"(?:,|\s+und|\s+sowie)\s+ich(?=\s*(?:\.\s|\.?$))")


def in_lists(secs: list[Any], meta: dict[str, str]) -> None:
    """'Dabei: Anna Berg (HWK), Jan Ohm und ich (beide ZVB)': in a mail's participant list 'ich' is its writer."""
    from dataclasses import replace

    from etl.parse.roles import PARTICIPANT_ROLES

    name = writer(meta)
    if not name:
        return

    def me(text: str) -> str:
        # a list typed all in lower case ('deniz, luca und ich') is capitalised later as a whole: the name put in
        # for 'ich' must not be the one capital that makes it look written as names are written
        mine = name.lower() if not any(ch.isupper() for ch in text) else name
        if (last := _LAST_ME.search(text)) is not None and without_writer(text[:last.end()])[1]:
            # 'Deniz, Emre, Jonas (HS) und ich.': the writer the last of a list, which then names people one by one
            # (no 'Surname, Given' pairs); 'ich' stays to say so, the writer's name follows as a piece of its own
            return f"{text[:last.end()]}; {mine}{text[last.end():]}"
        return _ME.sub(mine, text)

    for sec in secs:
        if sec.role not in PARTICIPANT_ROLES:
            continue
        sec.inline = [replace(line, text=me(line.text)) for line in sec.inline]
        sec.blocks = [replace(block, text=me(block.text)) if block.kind in ("paragraph", "list_item")
                      else block for block in sec.blocks]
