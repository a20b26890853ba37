"""What a heading or a label ("Teilnehmende:", "**Ort:**", "3. Aufgaben") says its section holds.

Tolerant of wording, case, numbering, gender forms and a trailing colon; the same words serve
headings, label lines and the first cell of a key/value table row.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from etl.core.prefilter import guarded
from vocab.titles import SALUTATION_PATTERN

PRESENT, EXCUSED, ABSENT, GUEST = "present", "excused", "absent", "guest"
PARTICIPANT_ROLES = (PRESENT, EXCUSED, ABSENT, GUEST)
AGENDA, TASKS, DECISIONS = "agenda", "tasks", "decisions"
WRITER, CHAIR, DISTRIBUTION, NEXT, GROUP, OTHER = "writer", "chair", "distribution", "next", "group", "other"
DATE, TIME, START, END, LOCATION, FORMAT = "date", "time", "start", "end", "location", "format"
DATETIME, LOCATION_FORMAT = "datetime", "location_format"
HEADER_ROLES = (DATE, TIME, START, END, LOCATION, FORMAT, DATETIME, LOCATION_FORMAT, GROUP)
# Sections whose content is neither people nor tasks nor running text of the meeting.
QUIET_ROLES = (DISTRIBUTION, NEXT, OTHER)

_TASK_WORDS = (r"aufgaben(?:liste|übersicht|verteilung)?|to[\s-]?dos?|todo-?liste|offene\s+aufgaben"
               r"|vereinbarungen|verabredungen|nächste\s+schritte|weitere\s+schritte|weiteres\s+vorgehen"
               r"|arbeitsaufträge|aktionspunkte|maßnahmen(?:plan|liste)?|offene\s+punkte|action\s+items"
               r"|festlegung\s+(?:der\s+)?weiteren?\s+schritte|wer\s+macht\s+was(?:\s+bis\s+wann)?|arbeitspakete"
               r"|aufträge|offene\s+aufträge|erledigung(?:\s+durch)?|zu\s+erledigen|erledigungen"
               # a summary that restates the tasks: 'Zusammenfassung der Aufgaben', 'Aufgaben im Überblick'
               r"|(?:zusammenfassung|übersicht|überblick)\s+(?:der|über\s+die)\s+(?:aufgaben|to[\s-]?dos|vereinbarungen)"
               r"|(?:aufgaben|to[\s-]?dos|vereinbarungen)\s+(?:im\s+überblick|in\s+kürze|zusammengefasst)")
_DECISION_WORDS = (r"beschlüsse|beschlu(?:ss|ß)(?:fassung|lage)?|entscheidungen|ergebnisse|ergebnis|beschlossen"
                   r"|festlegungen|getroffene\s+entscheidungen")
_PERSONS = r"(?:personen|mitglieder|partner(?:innen)?|vertreter(?:innen|\*innen)?)"
_ROLES: dict[str, str] = {
    EXCUSED: r"entschuldigt(?:e|\s+(?:sind|waren|haben\s+sich|fehlen|fehlten))?|es\s+(?:haben|hat)\s+sich"
             r"\s+entschuldigt|entschuldigungen|abgesagt(?:\s+haben)?|absagen|es\s+fehl(?:en|t|ten)\s+entschuldigt"
             rf"|entschuldigte\s+{_PERSONS}|verhindert(?:\s+waren)?|entschuldigt\s+fehl(?:en|ten)|abmeldungen"
             r"|entschuldigt\s+haben\s+sich|es\s+entschuldigten\s+sich",
    ABSENT: r"abwesend(?:e|\s+(?:sind|waren))?|es\s+fehl(?:en|t|te|ten)(?:\s+unentschuldigt)?|nicht\s+anwesend"
            r"|nicht\s+da|gefehlt\s+haben|fehlten"
            r"|nicht\s+dabei|nicht\s+teilgenommen"
            r"|fehlend(?:e)?|unentschuldigt(?:\s+fehl(?:en|t|ten))?|ohne\s+entschuldigung"
            r"|(?:angemeldet\s*,?\s*(?:aber|jedoch|doch)\s+)?nicht\s+(?:erschienen|gekommen)",
    GUEST: r"gäste|gast|als\s+gäste?|als\s+gast|gastteilnehm(?:ende|er(?:[*/:_]?innen)?)|gäste?\s*/\s*gäste"
           r"|weitere\s+gäste"
           # 'Als Gast zu TOP 3:', 'Gäste zum Schwerpunkt:', 'Externe Teilnehmende:', 'Gastreferentin:'
           r"|(?:als\s+)?(?:gast|gäste)\s+(?:zu|zum|zur|für|bei)\s+[^:]{1,40}|(?:eingeladene|externe)\s+gäste"
           r"|externe(?:\s+(?:teilnehmende|teilnehmer(?:[*/:_]?innen|innen)?))?|gast(?:referent|redner)(?:in|innen)?",
    PRESENT: r"teilnehm(?:ende|er(?:[*/:_]?innen|innen)?|erinnen)(?:\s*(?:/|und|&)\s*gäste)?"
             r"|teilnehmerinnen\s+und\s+teilnehmer|teilnehmer\s+und\s+teilnehmerinnen|teilnehmende\s+personen"
             r"(?:\s+(?:der\s+sitzung|des\s+treffens|vor\s+ort|online))?"
             rf"|anwesend(?:e)?(?:\s+(?:sind|waren|{_PERSONS}))?|anwesenheit(?:sliste)?|teilnahme"
             r"|(?:es|an\s+der\s+sitzung)\s+nahmen\s+teil|es\s+nehmen\s+teil|teilnehmenden-?liste"
             r"|teilnehmer-?liste|teilnehmerkreis|sitzungsteilnehmer(?:[*/:_]?innen)?|dabei\s+waren|(?:mit\s+)?dabei"
             r"|teilgenommen\s+haben|anwesenheitsliste|liste\s+der\s+teilnehmenden"
             # an Aktennotiz or Gesprächsnotiz: 'Gesprächspartner: …', 'Gesprächsteilnehmende: …'
             r"|gesprächs(?:partner|teilnehmer)(?:[*/:_]?innen|innen)?|gesprächsteilnehmende"
             r"|(?:teilnehmende|beteiligte)\s+(?:am|des)\s+gesprächs?"
             # short labels of notes and chats ('Wer:', 'Runde:', 'TN:'), 'Es nahmen teil', 'Anwesend waren'
             r"|runde|tn|teiln\.|es\s+nahmen\s+teil|anwesend\s+waren|mit\s+dabei\s+waren"
             # a hybrid meeting's two lists: 'Anwesend vor Ort:' and 'Zugeschaltet:' / 'Online dabei:'
             r"|(?:anwesend|teilnehmende|dabei)\s+(?:vor\s+ort|im\s+raum|online|digital|per\s+video)"
             r"|(?:online|digital|virtuell|telefonisch|per\s+(?:video|telefon|zoom|teams|webex)\s+)?\s*"
             r"zugeschaltet(?:\s+waren)?|online\s+(?:dabei|teilgenommen)(?:\s+haben)?"
             r"|wer\s+war(?:en)?\s+(?:alles\s+)?(?:dabei|da|anwesend)\??",
    AGENDA: r"agenda|tagesordnung(?:spunkte)?|tops|themen(?:\s+der\s+sitzung)?|programm|ablauf",
    # 'Beschlüsse und Aufgaben', 'Ergebnisse / nächste Schritte': read as tasks, the decisions they state are counted
    TASKS: rf"(?:{_TASK_WORDS})(?:\s*(?:/|und|&|,)\s*(?:{_TASK_WORDS}|{_DECISION_WORDS}|zuständigkeiten|termine))?"
           rf"|(?:{_DECISION_WORDS})\s*(?:/|und|&|,)\s*(?:{_TASK_WORDS})",
    DECISIONS: rf"(?:{_DECISION_WORDS})(?:\s*(?:/|und|&|,)\s*(?:{_DECISION_WORDS}))?"
               # a list of the decisions, also one restating those of the text: 'Beschlüsse im Überblick'
               r"|(?:übersicht|zusammenfassung|liste)\s+(?:der|aller|über\s+die)\s+(?:gefassten\s+|getroffenen\s+)?"
               r"(?:beschlüsse|entscheidungen|festlegungen)"
               r"|(?:beschlüsse|entscheidungen|festlegungen)\s+(?:im\s+überblick|auf\s+einen\s+blick|in\s+kürze|zusammengefasst"
               r"|(?:der|dieser|aus\s+der)\s+sitzung|des\s+treffens)|beschlussübersicht|(?:gefasste|getroffene)\s+beschlüsse"
               r"|(?:es\s+wurden\s+)?folgende\s+(?:beschlüsse|entscheidungen)(?:\s+(?:wurden|werden))?"
               r"(?:\s+(?:gefasst|getroffen))?|(?:beschlossen|entschieden)\s+wurde",
    DISTRIBUTION: r"verteiler(?:kreis)?|e-?mail-?verteiler|zur\s+kenntnis|nachrichtlich|cc|an|kopie(?:\s+an)?",
    NEXT: r"nächste[rsn]?\s+(?:sitzung|treffen|termin|sitzungstermin|besprechung)(?:\s+am)?|folgetermin"
          r"|nächster\s+termin|ausblick",
    WRITER: r"protokoll(?:führung|führer(?:in)?|ant(?:in)?|\s+geführt\s+von|\s+erstellt\s+von)?"
            r"|niederschrift(?:\s+(?:geführt\s+von|erstellt\s+von))?|schriftführ(?:ung|er(?:in)?)"
            r"|protokollierung|verfasser(?:in)?|für\s+das\s+protokoll|protokoll\s*/\s*verfasser(?:in)?",
    CHAIR: r"moderation|leitung|sitzungsleitung|vorsitz|moderator(?:in)?|gesprächsleitung|gastgeber(?:in)?"
           r"|(?:versammlungs|sitzungs|gesprächs|tagungs)leit(?:er|erin|ung)",
    DATETIME: r"(?:datum|termin)\s*(?:/|und|&|,)\s*(?:uhr)?zeit|datum\s*(?:/|und|&|,)\s*ort\s*(?:/|und|&|,)\s*zeit",
    LOCATION_FORMAT: r"ort\s*(?:/|und|&|,)\s*format|format\s*(?:/|und|&|,)\s*ort|ort\s*(?:/|und|&|,)\s*art",
    DATE: r"datum|sitzungsdatum|termin|sitzungstermin|tag|(?:sitzungs|besprechungs|tagungs)tag|wann|sitzung\s+am"
          r"|besprechung\s+am|treffen\s+am",
    TIME: r"uhrzeit|zeit|sitzungszeit|dauer|zeitraum",
    # a meeting tool's export: 'Meetingstartzeit: 29.01.2025 14:00', 'Beendet: 21.1.2025 10:32:48'
    START: r"beginn|start|sitzungsbeginn|(?:sitzungs)?eröffnung(?:\s+der\s+sitzung)?"
           r"|(?:meeting|besprechungs|konferenz)?startzeit|(?:meeting|besprechungs)beginn",
    END: r"ende|schluss|sitzungsende|sitzungsschluss|schließung(?:\s+der\s+sitzung)?|ende\s+der\s+sitzung"
         r"|(?:meeting|besprechungs|konferenz)?endzeit|(?:meeting|besprechungs)ende|beendet",
    LOCATION: r"ort|sitzungsort|veranstaltungsort|tagungsort|location|raum|wo|sitzungsraum",
    FORMAT: r"format|sitzungsformat|veranstaltungsformat|durchführung|art\s+der\s+sitzung|form",
    GROUP: r"gremium|gruppe|fachgruppe|arbeitsgruppe|anlass|veranstaltung|sitzung|besprechung",
    OTHER: r"anlagen?|betreff|aktenzeichen|version|stand|erstellt(?:\s+am)?|freigegeben(?:\s+am)?"
           r"|dokument|status|seite|datei|gez\.?|genehmigt",
}
_ROLE = re.compile("|".join(f"(?P<{k}>{v})" for k, v in _ROLES.items()), re.IGNORECASE)
# Numbering in front of a heading: "3.", "3)", "III.", "A.", "TOP 3:", "§ 2".
_NUMBERING = re.compile(r"^(?:(?:TOP|Punkt)\s*\d{1,2}[a-z]?\s*[:.)–—-]?\s*|§\s*\d+\s*|\d{1,2}(?:\.\d{1,2})*[.)]?\s+"
                        r"|[IVX]{1,4}[.)]\s+|[A-H][.)]\s+)", re.IGNORECASE)
_TRAILER = re.compile(r"\s*(?:\([^()]{0,60}\)|\[[^\[\]]{0,60}\])\s*$")
_TRAILER = guarded(_TRAILER)  # run only where a word it needs occurs (etl/core/prefilter.py)
_TOP = re.compile(r"^(?:TOP|Tagesordnungspunkt)\s*(?P<no>\d{1,2}[a-z]?)(?:\s*[:.)–—-]\s*|\s+|$)(?P<title>.*)$",
                  re.IGNORECASE)
_LABEL = re.compile(r"^(?P<label>[^:]{1,100}?)\s*:(?:\s+(?P<rest>.*)|$)")
_MARK_LABEL = re.compile(r"^(?P<label>[^:✓✔☑✅]{1,30}?)\s*[✓✔☑✅]\s+(?P<rest>\S.*)$")

# A heading alone ("Protokoll", "Ort") without a value is a title word, not a label.
_VALUE_ONLY = (WRITER, CHAIR, DATE, TIME, START, END, LOCATION, FORMAT, DATETIME, LOCATION_FORMAT, GROUP, OTHER)


# Front-matter keys as people write them in English or German ('date:', 'attendees:').
_META_KEYS = {"date": DATE, "datum": DATE, "day": DATE, "time": TIME, "zeit": TIME, "uhrzeit": TIME,
              "start": START, "begin": START, "beginn": START, "end": END, "ende": END, "location": LOCATION,
              "place": LOCATION, "venue": LOCATION, "ort": LOCATION, "room": LOCATION, "format": FORMAT,
              "mode": FORMAT, "group": GROUP, "gremium": GROUP, "gruppe": GROUP, "committee": GROUP,
              "author": WRITER, "protokoll": WRITER, "minutes": WRITER, "writer": WRITER, "recorder": WRITER,
              "participants": PRESENT, "attendees": PRESENT, "present": PRESENT, "teilnehmende": PRESENT,
              "teilnehmer": PRESENT, "anwesend": PRESENT, "excused": EXCUSED, "apologies": EXCUSED,
              "entschuldigt": EXCUSED, "absent": ABSENT, "abwesend": ABSENT, "guests": GUEST, "gäste": GUEST,
              "gaeste": GUEST, "chair": CHAIR, "moderation": CHAIR, "leitung": CHAIR}


def meta_role(key: str) -> str | None:
    """The role of a front-matter key; e-mail headers (from, to, cc) have none."""
    return _META_KEYS.get(key.strip().lower()) or (role_of(key) if key.lower() not in ("to", "from", "cc", "an", "von")
                                                    else None)


def _normalise(text: str) -> str:
    # emphasis around or inside the symbol: '**👥 Anwesenheit**', '👥 **Anwesenheit**'
    text = _DECORATION.sub("", text.strip().strip("*_").strip()).strip("*_").strip()
    text = _NUMBERING.sub("", text, count=1)
    text = _TRAILER.sub("", text)
    return text.rstrip(" :.").strip()


# Symbols wiki and note tools put before a heading ('✅ Beschlüsse', '📌 Aufgaben', '👥 Anwesenheit').
# (pictographs only: an arrow or a tick before a word, '→ Beschlossen.', says what the line is)
_DECORATION = re.compile("^(?:[\U0001f000-\U0001faff\u2705\u2611\u270f\u2709\u23f0\u2728\u26a0\u2139\ufe0f\u200d]+"
                         "\\s*)+")


_STATUS_TRAILER = re.compile(r"\(\s*(entschuldigt|abwesend|gast|gäste|unentschuldigt)\s*\)\s*:?\s*$", re.I)


@lru_cache(maxsize=4096)  # pure; the same labels and headings are asked about in every protocol
def role_of(label: str) -> str | None:
    """The role a label names ('Teilnehmer*innen' -> present), or None; a status in parentheses names the
    status ('Nicht dabei (entschuldigt)' -> excused)."""
    if (said := _STATUS_TRAILER.search(label)) and _role(label[:said.start()]) in PARTICIPANT_ROLES:
        return _role(said.group(1))
    return _role(label)


def _role(label: str) -> str | None:
    text = _normalise(label)
    if len(text) > 60 and (lead := _LEADING_ROLE.match(text)) is not None and len(text) <= 100:
        return _role(lead.group("word"))  # 'Anwesend lt. Anwesenheitsliste 23 Mitglieder; namentlich vermerkt'
    if not text or len(text) > 60:
        return None
    m = _ROLE.fullmatch(text)
    if not m:
        return _misspelt(text.lower()) or _people_label(text)
    return next(k for k in _ROLES if m.group(k))


# Labels of people as written beyond the usual words: a question ('Wer war dabei?'), a gender form
# ('Teilnehmer/-innen'), a word before or after that says which part or how ('Weitere Teilnehmende',
# 'Außerdem anwesend', 'TN vor Ort', 'Teilnehmende online', 'Stimmberechtigte Mitglieder').
_PEOPLE_LABELS: dict[str, str] = {
    PRESENT: r"wer\s+(?:war|waren|ist|sind)\s+(?:alles\s+|heute\s+)?(?:dabei|da|anwesend|gekommen)"
             # notes and mails in everyday words: 'Da waren:', 'Waren da:', 'Da:', 'Wir waren zu fünft:'
             r"|da(?:\s+waren)?|waren\s+(?:alle\s+)?da|wir\s+waren(?:\s+(?:heute\s+|diesmal\s+)?zu\s+(?:zweit|dritt"
             r"|viert|fünft|sechst|siebt|acht|neunt|zehnt))?"
             r"|wer\s+(?:nahm|nimmt|hat)\s+teil(?:genommen)?|sitzungsteilnehmende|beteiligte|präsent|zugeschaltet"
             r"|(?:folgende|diese)\s+(?:personen|teilnehmende|mitglieder|kolleg\w+|vertreter\w*)\s+(?:waren|sind|haben)"
             r"\s+(?:anwesend|dabei|teilgenommen|da)|(?:bei|in|an)\s+der\s+(?:sitzung|besprechung|runde)\s+"
             r"(?:anwesend|dabei)(?:\s+waren)?"
             r"|(?:stimmberechtigte|anwesende|teilnehmende)\s+mitglieder|mitglieder\s+anwesend"
             # a participle alone or with its auxiliary ('Teilgenommen:', 'Es haben teilgenommen:')
             r"|(?:es\s+)?(?:haben|hatten)\s+teilgenommen|teilgenommen(?:\s+haben)?"
             # there for part of the meeting ('Zeitweise: Ina Ohm (bis 15 Uhr)')
             r"|(?:zeitweise|teilweise|zeitweilig)(?:\s+(?:anwesend|dabei|teilgenommen))?",
    GUEST: r"zu\s+gast|gäste\s+(?:waren|sind)|eingeladene\s+gäste|externe\s+gäste"
           r"|als\s+(?:gast|gäste)\s+(?:nahmen|nahm|nehmen|nimmt)\s+teil|als\s+(?:gast|gäste)\s+(?:waren|war)\s+(?:dabei|da)",
    ABSENT: r"(?:ohne\s+entschuldigung|unentschuldigt)\s+(?:fehl(?:t|te|ten|en)|abwesend|nicht\s+anwesend)"
            r"|fehl(?:t|te|en|ten)|nicht\s+erschienen|ohne\s+rückmeldung|nicht\s+gekommen"
            r"|(?:angemeldet|eingeladen|zugesagt)(?:\s*,)?\s+(?:aber|jedoch|doch)\s+nicht\s+(?:erschienen|gekommen"
            r"|da|dabei|teilgenommen)|nicht\s+teilgenommen\s+haben",
    EXCUSED: r"(?:haben\s+)?abgesagt|krank(?:gemeldet|meldungen)?|entschuldigt\s+(?:sind|waren)"
             # a reason before 'fehlte': 'Krankheitsbedingt fehlte:', 'Urlaubsbedingt fehlten:'
             r"|(?:krankheitsbedingt|urlaubsbedingt|terminbedingt|krank|entschuldigt)\s+fehl(?:t|te|ten|en)",
}
_PEOPLE_LABEL = re.compile("|".join(f"(?P<{k}>{v})" for k, v in _PEOPLE_LABELS.items()), re.IGNORECASE)
_BODY = (r"(?:vorstand|präsidium|beirat|gremium|ehrenamt|hauptamt|mitglieder|mitgliedsbetriebe|geschäftsstelle"
         r"|verwaltung|gesellenausschuss|ausschuss|lenkungskreis|fachgruppe|arbeitsgruppe)")
_QUALIFIER_BEFORE = re.compile(r"(?i)^(?:ebenfalls|außerdem|zusätzlich|weitere|sonstige|folgende|ferner|auch|online"
                               # how or when someone called off: 'Leider verhindert waren:', 'Kurzfristig abgesagt:'
                               r"|leider|kurzfristig|vorab|vorher|rechtzeitig|terminlich|dienstlich|beruflich"
                               r"|digital|virtuell|vor\s+ort|in\s+präsenz|per\s+(?:video|telefon)"
                               rf"|(?:vom|von\s+der|aus\s+dem|aus\s+der|seitens\s+(?:des|der))?\s*{_BODY})\s+")
_QUALIFIER_AFTER = re.compile(r"(?i)\s+(?:vor\s+ort|online|digital|virtuell|remote|in\s+präsenz|präsenz|hybrid"
                              r"|per\s+(?:video|telefon)|telefonisch|zugeschaltet|im\s+raum|waren|sind"
                              rf"|(?:vom|von\s+der|aus\s+dem|aus\s+der|seitens\s+(?:des|der)|des|der)\s+{_BODY})$")
_GENDER_LABEL = re.compile(r"(?i)(?<=er)(?:[*:/_]-?in(?:nen)?|\(in(?:nen)?\)|/-in(?:nen)?|innen)\b")


# A label word of people followed by a remark on the list ('Anwesend lt. Front-Matter, dazu online:').
_LEADING_ROLE = re.compile(rf"(?i)^(?P<word>anwesend|anwesende|teilnehmende|teilnehmer(?:innen)?|entschuldigt|abgesagt"
                           rf"|abwesend|gäste)(?:\s+{_PERSONS})?\s*(?:,|\(|(?:lt\.|laut|gem\.|gemäß|siehe|wie|dazu|außerdem|zusätzlich"
                           r"|sowie|ferner|ergänzend)\s)")


def _people_label(text: str) -> str | None:
    """The participant role of a label the word list does not hold, read from what it says (see above)."""
    if (lead := _LEADING_ROLE.match(text.strip())) is not None:
        return _role(lead.group("word"))
    value = _GENDER_LABEL.sub("", text.rstrip("?! ").strip())
    if m := _PEOPLE_LABEL.fullmatch(value):
        return next(k for k in _PEOPLE_LABELS if m.group(k))
    stripped = _QUALIFIER_AFTER.sub("", _QUALIFIER_BEFORE.sub("", value))
    if stripped != value and stripped:
        m2 = _ROLE.fullmatch(stripped)
        role = next(k for k in _ROLES if m2.group(k)) if m2 else _people_label(stripped)
        return role if role in PARTICIPANT_ROLES else None
    if value != text:
        m3 = _ROLE.fullmatch(value)
        role = next(k for k in _ROLES if m3.group(k)) if m3 else None
        return role if role in PARTICIPANT_ROLES else None
    return None


# The participant labels a typo most often hits ('Teilnehmnde:', 'Entschudligt:'), matched within two edits.
_LABEL_WORDS = {"teilnehmende": PRESENT, "teilnehmer": PRESENT, "anwesende": PRESENT, "anwesenheit": PRESENT,
                "anwesend": PRESENT, "entschuldigt": EXCUSED, "entschuldigte": EXCUSED, "abwesend": ABSENT,
                "abwesende": ABSENT, "unentschuldigt": ABSENT}


@lru_cache(maxsize=4096)
def _misspelt(word: str) -> str | None:
    """The participant role of a misspelt one-word label: the unique closest label word within two edits
    (one edit for short words), never a word that is a label of another role."""
    if " " in word or not 7 <= len(word) <= 16 or not word.isalpha():
        return None
    scored = sorted((Levenshtein.distance(word, known), known) for known in _LABEL_WORDS)
    best, known = scored[0]
    limit = 1 if len(word) < 10 else 2
    if best > limit or (len(scored) > 1 and scored[1][0] == best and _LABEL_WORDS[scored[1][1]] != _LABEL_WORDS[known]):
        return None
    return _LABEL_WORDS[known]


def heading_role(text: str) -> str | None:
    """The role of a heading; headings naming a header value ('Protokoll', 'Ort') are titles, not sections."""
    role = role_of(text)
    return None if role in _VALUE_ONLY else role


_TASK_FIELDS = re.compile(r"(?i)\b(?:was|bis\s+wann|aufgabe|frist)\s*:")


# Where a hybrid meeting's people sat, as a label of its own ('Vor Ort: A, B. Online: C'): a label of people only
# when what follows is a list of people (never 'Online: Zoom-Link folgt', 'Vor Ort: Rathaus, Saal 2').
_WHERE_LABEL = re.compile(r"(?i)(?:vor\s+ort|in\s+präsenz|präsenz|online|remote|digital|virtuell|telefonisch"
                          r"|am\s+telefon|im\s+raum|(?:per|in|über|via)\s+(?:video(?:konferenz)?|telefon|zoom|teams"
                          r"|webex|skype|jitsi|bbb|bigbluebutton))")
_NOT_PEOPLE = re.compile(r"(?i)https?:|www\.|@|\b(?:link|einwahl|meeting|besprechung|konferenz|raum|saal|zimmer"
                         r"|zoom|teams|webex|skype|jitsi|kennwort|passwort|code|id|uhr|folgt|siehe)\b")


def _people_list(rest: str) -> bool:
    """Whether a label's value is a list of people: names (or surnames) parted by commas, at least three of them,
    two with their house in parentheses or one that reads as a person's name, and nothing of a place, a link or a
    dial-in."""
    rest = re.split(r"[.;]\s+(?=[A-ZÄÖÜ][^:.]{0,30}:)", rest, maxsplit=1)[0]  # '… Reitmeier. In Teams: …'
    bare = re.sub(r"\([^()]*\)", "", rest).strip(" .")
    if not bare or _NOT_PEOPLE.search(bare) or re.search(r"\d", bare):
        return False
    parts = [p.strip() for p in re.split(r"\s*(?:[,;]|\bund\b|\bsowie\b|\+)\s*", bare) if p.strip()]
    if not parts or any(len(p.split()) > 5 or not re.match(r"[A-ZÄÖÜ]", p) for p in parts):
        return False
    with_house = len(re.findall(r"[A-ZÄÖÜ][\w-]+\s*\([^()\d]{1,40}\)", rest))  # 'Becker (AA), Demir (JC)'
    return len(parts) >= 3 or with_house >= 2 or any(_is_person(p) for p in parts)


def split_label(text: str) -> tuple[str, str] | None:
    """('present', 'A (X), B (Y)') for 'Teilnehmende: A (X), B (Y)'; None when the line has no known label."""
    m = _LABEL.match(text) if ":" in text else None  # a label ends in a colon: most lines stop here
    if not m:
        # 'Anwesend ✓ A (X) ✓ B (Y)': a check mark after a label of people stands for the colon
        if (mark := _MARK_LABEL.match(text)) and (role := role_of(mark.group("label"))) in PARTICIPANT_ROLES:
            return role, mark.group("rest").strip()
        return None
    # 'Wer: A, B' names the people of a note; as a table header 'Wer' names a task's owner (never here), and so
    # does 'Wer: Karim Was: Umfrage auswerten Bis wann: Ende April', a task written as a line of fields
    who = _normalise(m.group("label")).lower() == "wer"
    if who and _TASK_FIELDS.search(m.group("rest") or ""):
        return None
    role = PRESENT if who else role_of(m.group("label"))
    if role is None and _WHERE_LABEL.fullmatch(_normalise(m.group("label"))) and _people_list(m.group("rest") or ""):
        role = PRESENT
    if role is None:
        return None
    return role, (m.group("rest") or "").strip()


_VALUE_CHECK = {
    DATE: re.compile(r"\d{1,2}\.\s?(?:\d{1,2}\.|[A-ZÄÖÜ][a-zä]+)|\d{4}-\d{2}-\d{2}"),
    DATETIME: re.compile(r"\d{1,2}\.\s?(?:\d{1,2}\.|[A-ZÄÖÜ][a-zä]+)|\d{4}-\d{2}-\d{2}"),
    TIME: re.compile(r"\d{1,2}(?:[:.]\d{2})?\s*(?:uhr|-|–|bis)", re.I),
    START: re.compile(r"^\d{1,2}(?:[:.]\d{2})?\s*(?:uhr|h)?\b", re.I),
    END: re.compile(r"^\d{1,2}(?:[:.]\d{2})?\s*(?:uhr|h)?\b", re.I),
    LOCATION: re.compile(r"^\S"),
    FORMAT: re.compile(r"(?i)online|präsenz|hybrid|video|vor\s+ort|telefon"),
    WRITER: re.compile(rf"^(?:(?:{SALUTATION_PATTERN}|Dr\.|Prof\.)\s+)*[A-ZÄÖÜ][\w-]+\s+[A-ZÄÖÜ]"),
    CHAIR: re.compile(rf"^(?:(?:{SALUTATION_PATTERN}|Dr\.|Prof\.)\s+)*[A-ZÄÖÜ][\w-]+\s+[A-ZÄÖÜ]"),
}


def _is_person(text: str) -> bool:
    from etl.parse.names import is_org_like, person_name

    bare = re.sub(r"\([^()]*\)", "", text).strip(" ,")
    return person_name(bare) is not None and not is_org_like(bare)


def bare_label(text: str) -> tuple[str, str] | None:
    """('date', '02.12.2022') for 'Sitzungsdatum 02.12.2022': a head field written without a colon, as a
    table without rules comes out of a PDF. Only head fields, and only with a value of the right shape."""
    if len(text) > 120 or re.match(r"^[^:\d]{1,40}:", text):
        return None
    words = text.split()
    for size in (3, 2, 1):
        if len(words) <= size:
            continue
        role = role_of(" ".join(words[:size]))
        value = " ".join(words[size:])
        if role in _VALUE_CHECK and _VALUE_CHECK[role].search(value):
            if role in (WRITER, CHAIR) and not _is_person(value):
                continue  # 'Protokoll AG Transfer' is a title
            return role, value
    return None


def top_heading(text: str) -> tuple[str, str] | None:
    """('3', 'Bericht der Fachgruppe') for 'TOP 3: Bericht der Fachgruppe'."""
    m = _TOP.match(text.strip())
    return (m.group("no"), m.group("title").strip()) if m else None
