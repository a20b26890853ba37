"""Decisions and action items: from task sections/tables and from sentences like 'X verschickt bis …'."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

from etl.core.prefilter import guarded
from etl.core.registry import KnownPeople, Registry
from etl.extract.cells import GERMAN_MONTHS
from etl.parse import chat as chat_mod
from etl.parse.dates import date_at_start, due_date, first_date
from etl.parse.names import SALUTATION, People, is_org_like, person_name, surname
from etl.parse.roles import DECISIONS, NEXT, TASKS
from etl.parse.text import Span
from vocab.keys import clean, name_key

# finite verb -> (infinitive, separable particles that must close the clause, if any)
_ACTIVE: dict[str, tuple[str, tuple[str, ...]]] = {
    "verschickt": ("verschicken", ()), "versendet": ("versenden", ()), "sendet": ("senden", ()),
    "schickt": ("schicken", ()), "prüft": ("prüfen", ()), "klärt": ("klären", ()),
    "übernimmt": ("übernehmen", ()), "erstellt": ("erstellen", ()), "organisiert": ("organisieren", ()),
    "lädt": ("einladen", ("ein",)), "bereitet": ("vorbereiten", ("vor",)), "kümmert": ("sich kümmern", ()),
    "kontaktiert": ("kontaktieren", ()), "fragt": ("anfragen", ("an", "nach", "ab")),
    "recherchiert": ("recherchieren", ()), "koordiniert": ("koordinieren", ()), "sammelt": ("sammeln", ()),
    "überarbeitet": ("überarbeiten", ()), "entwirft": ("entwerfen", ()), "plant": ("planen", ()),
    "leitet": ("weiterleiten", ("weiter",)), "gibt": ("weitergeben", ("weiter", "Auftrag")),
    "verfasst": ("verfassen", ()), "aktualisiert": ("aktualisieren", ()), "richtet": ("einrichten", ("ein",)),
    "beantragt": ("beantragen", ()),
    "stimmt": ("abstimmen", ("ab",)), "nimmt": ("aufnehmen", ("auf",)), "holt": ("einholen", ("ein",)),
    "verteilt": ("verteilen", ()), "terminiert": ("terminieren", ()),
    "stellt": ("bereitstellen", ("zusammen", "bereit", "Verfügung", "ein", "her", "fertig", "sicher")),
    "erarbeitet": ("erarbeiten", ()), "sichtet": ("sichten", ()), "ermittelt": ("ermitteln", ()),
    "meldet": ("melden", ()), "setzt": ("aufsetzen", ("auf", "um")),
    "übermittelt": ("übermitteln", ()), "formuliert": ("formulieren", ()), "reicht": ("einreichen", ("ein", "nach")),
    "bucht": ("buchen", ()), "bringt": ("mitbringen", ("mit",)), "ruft": ("anrufen", ("an",)),
    "reserviert": ("reservieren", ()), "sucht": ("suchen", ()),
    # everyday verbs of mails and notes: 'besorgt die Getränke', 'macht den Flyer fertig', 'schreibt die Betriebe an'
    "besorgt": ("besorgen", ()), "bestellt": ("bestellen", ()), "druckt": ("drucken", ()),
    "gestaltet": ("gestalten", ()), "macht": ("fertigmachen", ("fertig",)), "hakt": ("nachhaken", ("nach",)),
    "schreibt": ("anschreiben", ("an",)), "legt": ("anlegen", ("an",)),
    "testet": ("testen", ()), "übersendet": ("übersenden", ()),
    "überprüft": ("überprüfen", ()), "erfragt": ("erfragen", ()),
}


def _plural(infinitive: str, particles: tuple[str, ...]) -> str:
    """'abstimmen' + ('ab',) -> 'stimmen': the plural finite form of a (separable) verb."""
    verb = infinitive.split()[-1]
    for particle in particles:
        if verb.startswith(particle.lower()):
            return verb[len(particle):]
    if verb == "bereitstellen":
        return "stellen"
    return verb


# plural finite verb ('Frau Seidel und Herr Kranz stimmen … ab') -> (infinitive, particles)
_PLURAL_ACTIVE: dict[str, tuple[str, tuple[str, ...]]] = {
    _plural(inf, particles): (inf, particles) for inf, particles in _ACTIVE.values()}
_PLURAL_ACTIVE.update({"übernehmen": ("übernehmen", ()), "prüfen": ("prüfen", ()), "klären": ("klären", ())})
_PARTICIPLES: dict[str, str] = {
    "verschickt": "verschicken", "versendet": "versenden", "versandt": "versenden", "geschickt": "schicken",
    "gesendet": "senden", "geprüft": "prüfen", "geklärt": "klären", "übernommen": "übernehmen",
    "erstellt": "erstellen", "organisiert": "organisieren", "vorbereitet": "vorbereiten",
    "eingeladen": "einladen", "kontaktiert": "kontaktieren",
    "angefragt": "anfragen", "recherchiert": "recherchieren", "koordiniert": "koordinieren",
    "gesammelt": "sammeln", "überarbeitet": "überarbeiten", "entworfen": "entwerfen", "geplant": "planen",
    "weitergeleitet": "weiterleiten", "weitergegeben": "weitergeben", "verfasst": "verfassen",
    "aktualisiert": "aktualisieren", "eingerichtet": "einrichten", "beantragt": "beantragen",
    "abgestimmt": "abstimmen", "verteilt": "verteilen", "zusammengestellt": "zusammenstellen",
    "zusammengefasst": "zusammenfassen", "bereitgestellt": "bereitstellen", "aufbereitet": "aufbereiten",
    "angelegt": "anlegen", "umgesetzt": "umsetzen", "erarbeitet": "erarbeiten", "durchgeführt": "durchführen",
    "geschrieben": "schreiben", "terminiert": "terminieren", "aufgesetzt": "aufsetzen",
    "eingeholt": "einholen", "bestellt": "bestellen", "gedruckt": "drucken", "besorgt": "besorgen",
    "gestaltet": "gestalten", "angeschrieben": "anschreiben", "gebucht": "buchen", "reserviert": "reservieren",
}
_MODAL = re.compile(r"^(?:wird|soll|sollte|will|möchte|muss|kann|werden|sollen|sollten|wollen|möchten|müssen"
                    r"|können)\b")
_LEAD_IN = re.compile(r"^(?:(?:Dann|Anschließend|Zudem|Außerdem|Hierzu|Dazu|Daher|Deshalb|Bis\s+dahin|Ebenso|"
                      r"Zunächst|Danach|Abschließend|Im\s+Anschluss)\s*,?\s+"
                      # 'Newsletter: Herr X schickt …', '→ Frau Y klärt …', 'AP: Herr Z aktualisiert …'
                      r"|(?:→|->|=>|⇒|►|▶)\s*|[A-ZÄÖÜ][\wäöüß.-]{0,30}(?:\s+[\wäöüß.-]{1,30}){0,2}"
                      r"(?:\s*\([^()]{1,30}\))?\s*:\s+)", re.I)  # 'Nächstes Treffen (online): Frau X lädt ein'

_CLAUSE_END = re.compile(r",\s+(?=(?:wenn|dass|da|weil|ob|sobald|damit|sodass|um|welche[rsn]?|die|der|das|"
                         r"was|wobei|wie|bevor|nachdem|so\s+dass)\b)|\s+(?:und|sowie|aber)\s+(?=[a-zäöü]+t\b)|;|\s+–\s+")
_FILLER = re.compile(r"^(?:(?:hierzu|dazu|zudem|noch|bitte|dann|anschließend|außerdem|ebenfalls|auch|gerne?|"
                     r"zeitnah|kurzfristig)\s+)+", re.I)
_TITLES_AT_END = re.compile(rf"(?:(?:{SALUTATION}|Dr\.|Prof\.|Dipl\.-[\wäöü]+\.)\s*)+$")
_MIDDLE_FILLER = re.compile(r"\b(?:hierzu|dazu|bitte|hierfür|dafür)\b", re.I)
_ARTICLE = re.compile(r"^(?:die|der|das|den|dem|eine|einen|ein|einer|eines)\s+", re.I)
_ABBREVIATIONS = {"dr", "prof", "hr", "fr", "bzw", "ggf", "ca", "nr", "z", "b", "u", "a", "v", "i", "d", "s",
                  "st", "evtl", "inkl", "ing", "dipl", "vgl", "usw", "etc", "bspw", "sog", "max", "min",
                  "mio", "lt", "gem", "stv", "stellv", "vors", "gez"}
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-ZÄÖÜ„\"])")
_DECISION_PREFIX = re.compile(r"^(?:(?:Beschlu(?:ss|ß)|Beschlüsse|Ergebnis|Entscheidung|Festlegung|Vereinbarung"
                              r"|Vereinbart|Votum|Beschlussfassung|Umlaufbeschluss|Beschlossen|Festgelegt|Entschieden|Abgestimmt"
                              # 'Einstimmig: Das Netzwerk unterstützt …': the vote's result as the label
                              r"|(?:Einstimmig|Einvernehmlich|Mehrheitlich)(?:\s+(?:beschlossen|angenommen))?)(?:\s*(?:Nr\.?\s*)?\d{1,4}"
                              r"(?:\s*/\s*\d{1,4})?[a-z]?)?"
                              # 'Beschluss 10.12.:', 'Beschluss vom 10.12.2024:' (the day it was taken)
                              r"(?:\s+(?:vom\s+)?\d{1,2}\.\s?\d{1,2}\.(?:\d{2,4})?)?|B\s?\d{1,2})\s*(?::|->|→|=>|⇒)\s*(?P<text>.+)$",
                              re.I)
_BODY = (r"(?:FG|Fachgruppe|AG(?:\s+Transfer)?|Arbeitsgruppe|Gruppe|Runde|Strategiekreis|Koordinierungsteam|Netzwerk"
         r"|Anwesenden|Teilnehmenden|Mitglieder|Gremium|Lenkungskreis|Steuerungskreis|Vorstand|Versammlung|Kreis|Team"
         r"|Beirat|Ausschuss|Präsidium|Kuratorium|Plenum|Innung|AK|Projektgruppe"
         r"|[\wÄÖÜäöüß]+-?(?:team|kreis|gruppe|runde|versammlung|ausschuss|rat|netzwerk))")
_DECISION = re.compile(
    r"\bbeschlie(?:ß|ss)(?:t|en)\b|\b(?:wird|wurde|werden|wurden)\s+(?:(?:einstimmig|einvernehmlich|mehrheitlich|"
    r"daher|deshalb|somit|außerdem|zudem|auch)\s+)?(?:beschlossen|vereinbart|festgelegt|entschieden)\b(?!\s*,\s*(?:wenn"
    r"|sobald|falls|nachdem|ob))|\bbeschlossen\s*:"
    r"|(?<!\bzu\s)\bvereinbar(?:en|t)\b(?!\s+(?:ist|sind|werden|wurde)\b)"
    r"|\bverständig(?:t|en)\s+sich\b|\beinig(?:t|en)\s+sich\b|\bentschei(?:det|den)\s+sich\b"
    # a recommendation to the body that decides is the group's resolution ('empfiehlt dem Strategiekreis, …')
    r"|\bempfiehlt\s+(?:dem|der)\s+(?:Strategiekreis|Koordinierungsteam|Lenkungskreis|Steuerungskreis|Steuerkreis"
    r"|Vorstand|Mitgliederversammlung|Beirat)\b"
    # a mail's or a note's 'we': 'Wir einigen uns darauf, …', 'wir verständigten uns auf …'
    r"|\b(?:einig|verständig)(?:en|ten)\s+(?:wir\s+)?uns\b|\bentschieden\s+(?:wir\s+)?uns\b|\bwir\s+entscheiden\s+uns\b"
    # 'Termin ist fix, so beschlossen.', '… – so vereinbart 👍'
    r"|\bso\s+(?:beschlossen|vereinbart|festgelegt|entschieden|abgestimmt)\b"
    # 'Beschluss: …' inside a sentence or row, '(Beschluss)', 'Beschlossen wurde …', '(einstimmig beschlossen)'
    r"|\bBeschlu(?:ss|ß)(?:\s+(?:Nr\.?\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?)?\s*:|\(Beschluss\)|^Beschlossen\b"
    # '… Programm steht, Entscheidung: Keynote übernimmt …', '☒ Beschluss Der AK richtet …' (a ticked form box)
    r"|(?:[,;]\s*|\s[–—]\s*)(?:Entscheidung|Festlegung|Festgelegt)\s*:\s*\S|[☒☑✓✔✗✘]\s*Beschluss\b"
    r"|\(\s*(?:\w+\s+)?beschlossen\s*\)"
    r"|\b(?:hat|haben|hatte|hatten)\s+(?:[\wäöüß-]+\s+){0,6}?beschlossen\b"
    r"|\b(?:einstimmig|einvernehmlich|mehrheitlich|ohne\s+Gegenstimmen?|bei\s+\w+\s+Enthaltungen?)\s+"
    r"(?:angenommen|beschlossen|zugestimmt|gewählt|verabschiedet|bestätigt|befürwortet|gebilligt|genehmigt)\b"
    r"|\b(?:wird|wurde|werden|wurden)\s+(?:[\wäöüß.:-]+\s+){0,8}?(?:angenommen|verabschiedet|gebilligt|genehmigt"
    r"|(?:wieder|neu)?gewählt|bestätigt|aufgehoben|freigegeben|bewilligt|entlastet)\b"
    r"|\b(?:wird|wurde|werden|wurden)\s+(?:[\wäöüß.-]+\s+){1,5}?beschlossen\b(?!\s*,\s*(?:wenn|sobald|falls|nachdem))"
    r"|\b(?:wird|wurde|werden|wurden)\s+(?:(?!noch\b|erst\b|später\b|zeitnah\b|nächste)[\wäöüß.-]+\s+){1,8}?"
    r"(?:festgelegt|vereinbart)\b(?!\s*,\s*(?:wenn|sobald|falls|nachdem))"
    # 'Entschieden wurde, …', 'Vereinbart wird, …'; 'Der Beschluss wird einstimmig gefasst'
    r"|^(?:Entschieden|Vereinbart|Festgelegt)\s+(?:wird|wurde|werden|wurden)\b"
    r"|\bBeschluss\s+(?:[\wäöüß-]+\s+){0,3}?(?:wird|wurde|ist)\s+(?:[\wäöüß-]+\s+){0,3}?gefasst\b"
    # 'Der Vorschlag von Frau X wird übernommen', 'dem schließen sich alle an', 'einvernehmlich festgehalten'
    r"|\b(?:Vorschlag|Antrag|Empfehlung|Anregung)\b[^.;]{0,60}?\b(?:wird|wurde|werden)\s+(?:[\wäöüß-]+\s+){0,3}?"
    r"übernommen\b|\b(?:schließt|schließen|schlossen)\s+sich\s+alle\b[^.;]{0,60}?\ban\b"
    r"|\b(?:einstimmig|einvernehmlich|einhellig)\s+festgehalten\b"
    r"|\b(?:Einvernehmen|Einigung|Konsens|Einigkeit)\s+(?:[\wäöüß-]+\s+){0,4}?(?:erzielt|hergestellt)\b"
    # 'Mehrheitlich (5:2) spricht sich die Gruppe für Görlitz aus'
    r"|^\W*(?:Einstimmig|Mehrheitlich|Einhellig|Einvernehmlich)\b[^.;]{0,40}?\b(?:spricht|sprechen|sprach|sprachen"
    r"|stimmt|stimmen|stimmte|stimmten|votiert|votieren|entscheidet|entscheiden|wählt|wählen)\b"
    # 'Wir haben entschieden, …', 'Im Team haben wir vereinbart, …'
    rf"|\b(?:wir|alle|{_BODY})\s+(?:haben|hat)\s+(?:[\wäöüß-]+\s+){{0,6}}?(?:entschieden|vereinbart|festgelegt)\b"
    r"|\b(?:haben|hat)\s+(?:wir|alle|man)\s+(?:[\wäöüß-]+\s+){0,6}?(?:entschieden|vereinbart|festgelegt|beschlossen)\b"
    # 'Der Vorschlag ist angenommen' (a vote by circulation closed)
    r"|\b(?:Antrag|Vorschlag|Beschlussvorschlag|Beschlussantrag|Beschlussvorlage)\s+(?:ist|sind)\s+"
    r"(?:[\wäöüß-]+\s+){0,3}?(?:angenommen|beschlossen|genehmigt)\b"
    r"|[\[(]\s*[xX✓✔]\s*[\])]\s*Beschluss\b"
    # a result closed by its vote: '… zweisprachig (einstimmig).', '… (7:0:1)', '… → Beschluss'
    r"|\(\s*(?:einstimmig|einvernehmlich|mehrheitlich|ohne\s+Gegenstimmen?)\b[^()]{0,30}\)"
    r"|\(\s*\d{1,2}\s*[:/]\s*\d{1,2}\s*[:/]\s*\d{1,2}\s*\)|(?:→|->|=>|⇒)\s*Beschluss\s*[.!]?$"
    r"|\b(?:einstimmige[nr]?|einvernehmliche[nr]?|mehrheitliche[nr]?)\s+Beschlu(?:ss|ß)\b"
    r"|^Festgehalten\s+(?:wird|wurde)\b|^Festgehalten\s*:"
    r"|\b(?:verständigt|geeinigt)\b|\b(?:besteht|herrscht)\s+(?:\w+\s+)?(?:Einvernehmen|Einigkeit|Konsens)\b"
    r"|\b(?:Einvernehmen|Einigkeit|Konsens)\s+(?:besteht|herrscht)\b"
    rf"|\b(?:die|der|das)\s+{_BODY}\b[^.;:]{{0,40}}?\b(?:empfiehlt|empfehlen|votiert|votieren|befürwortet|befürworten"
    r"|entscheidet|entscheiden|verabschiedet|verabschieden|billigt|billigen|(?:legt|legen)\s+(?:[^;:]{1,60}?\s)?fest"
    r"|spricht\s+sich|sprechen\s+sich|wählt|wählen|beruft|berufen|bestellt|bestellen|beauftragt|beauftragen"
    r"|bewilligt|bewilligen|genehmigt|genehmigen|bestätigt|bestätigen|verzichtet|verzichten"
    r"|(?:stimmt|stimmen|stimmte|stimmten)\s+(?:[\wäöüß:-]+\s+){0,4}?(?:für|gegen|dafür|dagegen)"
    r"|(?:folgt|folgen)\s+(?:dem|der|den)\s+(?:[\wäöüß-]+\s+)?(?:Vorschlag|Antrag|Empfehlung|Votum|Beschlussvorschlag)"
    r"|(?:schließt|schließen)\s+sich\s+(?:[\wäöüß-]+\s+){1,6}?an|(?:hält|halten)\s+an\s+[^.;]{1,60}?\bfest)\b"
    rf"|\bstimm(?:t|en|te|ten)\s+(?:(?:die|der|das)\s+{_BODY}\s+)?(?:\w+\s+){{0,3}}?(?:dem|der|den)\s+(?:\w+\s+){{0,2}}?"
    r"(?:Vorschlag|Antrag|Entwurf|Konzept|Vorgehen|Plan|Beschlussvorlage|Empfehlung|Änderung|Aufnahme|Verlängerung"
    r"|Auflösung|Zeitplan|Programm)\w*\s+(?:[^\s.;]+\s+){0,4}?zu\b"
    r"|^(?:Votum|Zustimmung|Einvernehmen|Konsens|Einverstanden|Einigung|Abstimmungsergebnis|Ergebnis\s+(?:der|des)\s+"
    r"(?:schriftlichen\s+)?(?:Abstimmung|Umlaufverfahrens|Umlaufs|Beschlussfassung))"
    r"\b"
    # 'Der Antrag gilt als angenommen' (a vote by circulation), 'Einigung auf …', 'Die Runde stimmt zu'
    r"|\bgilt\s+(?:damit\s+|somit\s+|als\s+)?(?:als\s+)?(?:angenommen|beschlossen|genehmigt)\b|\bEinigung\s+(?:auf|über)\b"
    rf"|\b(?:die|der|das|alle)\s+(?:{_BODY}\s+)?stimm(?:t|en|te|ten)\s+(?:\w+\s+){{0,8}}?zu\b"
    # 'Die AG nimmt das Angebot an', 'Die Fachgruppe gibt den Leitfaden frei': the body accepts or releases
    rf"|\b(?:die|der|das)\s+{_BODY}\s+(?:nimmt|nehmen)\s+(?:[\wäöüß-]+\s+){{1,6}}?an\s*(?:[.;,]|$)"
    rf"|\b(?:die|der|das)\s+{_BODY}\s+(?:gibt|geben)\s+(?:[\wäöüß„“\"-]+\s+){{1,6}}?frei\s*(?:[.;,]|$)"
    # a body organising itself: 'Der Arbeitskreis gibt sich eine Geschäftsordnung', 'Der Beirat konstituiert sich'
    rf"|\b(?:die|der|das)\s+{_BODY}\s+(?:gibt|geben)\s+sich\s+(?:eine[nr]?|den|die|das)\s|\bkonstituier(?:t|en)\s+sich\b"
    # everyone approving: 'wurde von allen für gut befunden', 'findet allseits Zustimmung'
    r"|\b(?:von\s+allen|allseits|einhellig)\s+(?:(?:als\s+)?(?:für\s+)?(?:gut|richtig|sinnvoll)\s+befunden|gutgeheißen)\b"
    # 'Der Lenkungskreis nimmt die VHS als Partner auf', '… löst die Fachgruppe nicht auf', '… richtet … ein'
    rf"|^\W*(?:die|der|das)\s+{_BODY}\s+(?:nimmt|nehmen|löst|lösen|richtet|richten|setzt|setzen)\s+"
    r"(?:[\wäöüß„“\"-]+\s+){1,8}?(?:auf|ein)\s*(?:[.;,]|$)"
    r"|\b(?:(?:damit|somit)\s+(?:ist|sind)|(?:ist|sind)\s+(?:[\wäöüß-]+\s+)?(?:damit|somit))\s+(?:[\wäöüß-]+\s+){0,4}?"
    r"(?:angenommen|beschlossen)\b"
    r"|\b(?:sind|waren)\s+(?:sich|uns)\s+(?:\w+\s+)?einig\b"
    r"|\bfinde[nt]\s+(?:die\s+)?(?:(?:allgemeine|breite|einhellige|volle|große|einstimmige)\s+)?Zustimmung\b"
    # past tense: 'Die Gruppe einigte sich darauf', 'Man war sich einig', 'beschloss', 'entschied sich'
    r"|\b(?:einigte|einigten|verständigte|verständigten|entschied|entschieden)\s+sich\b|\bbeschlo(?:ss|ß)\b"
    r"|\b(?:war|ist|waren|sind)\s+(?:man\s+)?sich\s+(?:\w+\s+)?einig\b|\bman\s+(?:war|ist)\s+sich\s+(?:\w+\s+)?einig\b"
    rf"|\b(?:wir|man|{_BODY})\s+vereinbarten?\b|\b{_BODY}\s+(?:entschied|beschloss)\b"
    # 'Anna und Ben vereinbarten, …' (not the participle 'die vereinbarten Termine'); 'Einig waren sich alle'
    r"|(?<!\bdie\s)(?<!\bden\s)(?<!\bder\s)(?<!\bdes\s)(?<!\bdem\s)\bvereinbarten\b|\beinig\s+(?:waren|sind)\s+sich\b"
    # an association's general meeting: the annual accounts adopted, the officers elected
    r"|\bJahresabschluss\b[^.;]{0,60}?\bfestgestellt\b|^(?:Gewählt|Wiedergewählt)\s+(?:wird|wurde|werden|wurden)\b"
    # 'Dem wird zugestimmt', 'Das wird einhellig befürwortet', 'Dem stimmen alle zu'
    r"|^\W*[A-ZÄÖÜ][\wäöüß-]*\s+(?:[\wäöüß„“\"-]+\s+){0,8}?(?:wird|wurde|werden|wurden)\s+(?:[\wäöüß-]+\s+){0,3}?"
    r"(?:zugestimmt|befürwortet)\b"
    r"|^(?:Dem|Dazu|Hierzu|Diesem|Dieser|Diesen)\b[^.;]{0,40}?\bstimm(?:t|en|te|ten)\s+(?:\w+\s+){0,4}?zu\b"
    # 'Die Fachgruppe unterstützt das Vorhaben einstimmig', '…; Wiederholung im November beschlossen.'
    rf"|\b(?:die|der|das)\s+{_BODY}\b[^.;:]{{0,80}}?\b(?:einstimmig|einvernehmlich|einhellig|mehrheitlich)\b"
    r"|(?:^|[;:]\s*)[^;:,.]{0,60}?(?<!\bnicht\s)(?<!\bnoch\s)\bbeschlossen\s*[.!]?$"
    r"|\bAbstimmung\s*:\s*(?:einstimmig|mehrheitlich)\b"
    r"|\b(?:kommt|kommen|kam|kamen)\s+(?:\w+\s+)?überein\b|\bübereingekommen\b"
    # a formal vote with its count, also one that rejects: '(15 Ja, 0 Nein)', 'mit 6 Ja- zu 9 Nein-Stimmen'
    r"|\b\d+\s*(?:Ja|Nein)(?:-?Stimmen|-)?\s*(?:,|zu|:|/)\s*\d+\s*(?:Ja|Nein)\b"
    r"|\b(?:erteilt|erteilen)\s+(?:\w+\s+){0,3}?Entlastung\b"
    # a show of hands counted: '(6 dafür, 1 dagegen)', '3 dafür, 5 dagegen – abgelehnt'
    r"|\b\d+\s*(?:dafür|Stimmen\s+dafür)\s*(?:,|zu|:|/|;)\s*\d+\s*(?:dagegen|Gegenstimmen?)\b"
    # all present agree: 'Alle sind einverstanden, dass …' (one person agreeing is no decision)
    r"|\b(?:alle|die\s+Anwesenden|die\s+Teilnehmenden|die\s+Mitglieder)(?:\s+(?:Anwesenden|Teilnehmenden|Mitglieder))?"
    r"\s+(?:sind|waren)\s+(?:damit\s+|sich\s+)?einverstanden\b"
    # 'Nach kurzer Aussprache: Die Fachgruppe legt den Schwerpunkt 2023 auf Kleinbetriebe.'
    rf"|\bnach\s+(?:(?:kurzer|längerer|eingehender|ausführlicher|kontroverser)\s+)?(?:Aussprache|Diskussion|Beratung)"
    rf"\s*(?:,\s*(?:die|der|das)\s+{_BODY}\b|:\s*\S)", re.I)
# run only on texts that hold a word every match needs (a long alternation is slow; etl/core/prefilter.py)
_DECISION = guarded(_DECISION)
# A word stem every decision pattern holds: a cheap test before the expensive one.
_DECISION_CUE = re.compile(r"(?i)\d\s*ja\b|\d\s*nein\b|entlastung|beschl|nimmt|nehmen|gibt|geben|vereinbar|verständig"
                           r"|geeinigt|einig|entschei|empf"
                           r"|angenommen|bestätig|aufgehob|verabschied|billig|genehmig|gewählt|festgehalten|einvernehm|konsens|einverstanden|votum|votier|zustimm"
                           r"|stimm|befürwort|sprech|spricht|legt|legen|ergebnis|festlegung|überein|lös|richte|setz|wähl|beruf|bestell"
                           r"|beauftrag|bewillig|freigegeben|entlast|entschied|gefasst|\[\s*x|aussprache|diskussion|beratung|einwä|einwe|gegenstimm|abgelehnt|festgestellt|einstimmig|einvernehmlich|mehrheitlich|\(\s*\d{1,2}\s*[:/]|gegenrede|widersp|verzicht|folg|übernommen|schließ|hält|halten|konstitu|befund|gutgeheiß|\bB\s?\d{1,2}\s*:|→|->|=>|⇒")
_DECISION_CUE = guarded(_DECISION_CUE)
# An 'Ergebnis' that records no decision: 'Aussprache ohne weitere Ergebnisse', 'nimmt … zur Kenntnis'.
_NO_DECISION = re.compile(r"\bzur\s+Kenntnis\b|\bohne\s+(?:weitere[ns]?\s+)?(?:Ergebnis|Beschluss|Entscheidung)"
                          r"|\bkein(?:e|en)?\s+(?:weitere[ns]?\s+)?(?:Beschluss|Beschlüsse|Ergebnis|Entscheidung|Einigung)"
                          r"|\bvertagt\b|^(?:entfällt|keine?[rsn]?|offen|–|-)\.?$|\bKenntnisnahme\b|^(?:zur\s+)?Information\b"
                          # an opinion poll, a decision postponed, a signature or a resubmission date
                          r"|\bMeinungsbild\b|\bStimmungsbild\b"
                          # a state of things or the next date in a results list: 'Bericht fehlt noch',
                          # 'Nächste Sitzung: Frühjahr 2024'
                          r"|\b(?:fehlt|fehlen|steht|stehen)\s+noch(?:\s+aus)?\s*[.!]?$"
                          r"|^Nächste[rs]?\s+(?:Sitzung|Termin|Treffen)\s*:"
                          r"|^(?:gez\.|f\.\s?d\.\s?R\.?|Wv\.|Wiedervorlage\b|Für\s+das\s+Protokoll\b)"
                          # approving the minutes or the agenda is a formality, not a decision of the meeting
                          r"|\b(?:Protokoll|Niederschrift|Tagesordnung|Sie|Es)\b[^.]{0,60}\b(?:angenommen|genehmigt"
                          r"|gebilligt|bestätigt)\b|\bohne\s+Änderungen\s+(?:angenommen|genehmigt)", re.I)
_NO_DECISION = guarded(_NO_DECISION)
_TASK_COLUMNS = {
    "text": {"aufgabe", "aufgaben", "was", "maßnahme", "maßnahmen", "massnahme", "thema", "to-do", "todo", "to do",
             "to-dos", "todos", "beschreibung", "tätigkeit", "aktion", "vereinbarung", "inhalt", "nächste schritte",
             "was?", "arbeitsauftrag", "auftrag", "aktivität", "schritt", "gegenstand", "action", "was ist zu tun",
             "aufgabe / maßnahme", "offener punkt", "punkt"},
    "owner": {"verantwortlich", "wer", "wer?", "zuständig", "verantw.", "verantw", "zust.", "v", "v.", "resp.",
              "zuständigkeit", "verantwortung", "owner",
              "verantwortliche", "verantwortliche*r", "verantwortliche/r", "durch", "name", "person", "personen",
              "federführung", "ansprechpartner", "ansprechperson", "verantwortlich(e)", "zuständige",
              "zuständige*r", "wer macht es", "umsetzung", "an", "an wen", "wer macht's", "wer macht es?"},
    "due": {"termin", "frist", "bis", "bis wann", "bis wann?", "wann", "wann?", "datum", "fällig", "deadline",
            "erledigung bis", "zieltermin", "fälligkeit", "fällig am", "fällig bis", "erledigen bis", "zeitpunkt",
            "bis zum", "zeitrahmen", "zeitplan", "enddatum", "erledigt bis", "t", "t."},
    # 'Art' with 'A = Auftrag, B = Beschluss, I = Information': what kind of entry the row is
    "kind": {"art", "typ", "kategorie", "art des eintrags", "a/b/i", "kennung", "eintrag"},
    "skip": {"nr", "nr.", "#", "status", "erledigt", "top", "bemerkung", "bemerkungen", "stand", "lfd. nr.",
             "anmerkung", "kommentar", "priorität", "prio", "ergebnis", "quelle", "notiz"},
}
_OWNER_LABEL = re.compile(r"\b(?:Verantwortlich(?:e|er)?|Verantw\.|Zuständig|Zust\.|Wer|Owner|(?-i:V))\s*:\s*"
                          r"(?P<who>[^;|()]+?)"
                          r"(?=\s*(?:[;|()–—]|-\s|\b(?:bis|Termin|Frist)\b|\b(?:Was|Wann|Aufgabe|Status)\s*:"
                          r"|,?\s*(?-i:T)\s*:|$))",
                          re.I)
_OWNER_LABEL = guarded(_OWNER_LABEL)  # run only where a word it needs occurs (etl/core/prefilter.py)
# The other labels of a 'Wer: … Was: … Bis wann: …' line, cut from the task's text.
_FIELD_LABELS = re.compile(r"(?i)\b(?:Was|Bis\s+wann|Wann|Aufgabe|Termin|Frist|Status)\s*:\s*")
# A line holding only the owner or the deadline of the task line above it ('Verantwortlich: Frau X').
_ONLY_OWNER = re.compile(r"(?i)^(?:Verantwortlich(?:e|er)?|Zuständig|Wer|(?-i:V))\s*:\s*(?P<who>[^:]{2,80})$")
_ONLY_DUE = re.compile(r"(?i)^(?:Termin|Frist|Bis\s+wann|Bis|Fällig(?:\s+am)?|Deadline|Erledigen\s+bis)\s*:\s*"
                       r"(?P<when>.{2,40})$")
_OWNER_FIRST = re.compile(r"^(?P<who>[^:]{2,60}?)\s*:\s+(?P<rest>\S.*)$")  # 'Kristina Berger: Einladung …'
_GENERIC_PERSON = re.compile(rf"(?:{SALUTATION}\s+(?:(?:Dr\.|Prof\.)\s*)*[A-ZÄÖÜ][\w-]+|[A-ZÄÖÜ][\w-]+\s+"
                             rf"(?:(?:von|van|de|zu)\s+)?[A-ZÄÖÜ][\w-]+)")


@dataclass
class Decision:
    text: str
    line: int
    page: int | None = None
    labelled: bool = False  # 'Beschluss: …', 'Vereinbart: …': a decision even when its text assigns a task


@dataclass
class Action:
    text: str
    owner: str | None
    due: str | None
    line: int
    sentence: str
    owners: list[str] = field(default_factory=list)
    owner_known: bool = True
    page: int | None = None


_TITLE_END = re.compile(r"(?:\bDipl\.-[\wäöü]+|\bJun\.-Prof|\bPriv\.-Doz"
                        r"|\b(?:rer|phil|med|jur|oec|nat|pol|habil|Ing|Kfm|Kffr|Päd|Psych|apl|Mag))\.$")


def sentences(text: str) -> list[tuple[str, int]]:
    """Sentences with their offset; no split after 'Dr.', 'z. B.', '15.06.'-style abbreviations."""
    return list(_sentences(text))


@lru_cache(maxsize=4096)
def _sentences(text: str) -> tuple[tuple[str, int], ...]:
    """Memoised: decisions, tasks, attendance and mentions split the same texts."""
    result: list[tuple[str, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        before = re.search(r"([\w]+)\.?$", text[start:m.start() + 1])
        word = before.group(1).lower() if before else ""
        chunk_end = text[max(start, m.start() - 30):m.start() + 1]
        ordinal = re.search(r"(?<![\d.])\d{1,2}\.$", chunk_end) is not None
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or ordinal or _TITLE_END.search(chunk_end):
            continue  # 'Dr.', 'z. B.', and ordinals: 'am 3. Juni', 'die 2. Sitzung'

        chunk = text[start:m.start() + 1].strip()
        if chunk:
            result.append((chunk, start))
        start = m.end()
    if text[start:].strip():
        result.append((text[start:].strip(), start))
    return tuple(result)


def decisions(paragraphs: list[Span]) -> list[Decision]:
    """'Beschluss: …' lines, sentences with 'beschließt', 'wird beschlossen', 'verständigt sich auf' …,
    every item of a 'Beschlüsse' section and every filled cell of a 'Beschluss' column. A bare confirmation
    ('→ Beschlossen.', 'Abstimmung: 7 ja, 0 nein', 'Ergebnis: Zustimmung') makes the sentence before it a
    decision, counted once with it."""
    found: list[Decision] = []
    decided = False  # the text just before was counted as a decision
    opened, texts = False, 0  # a 'Beschlüsse' section opened by a heading; its text paragraphs so far
    titled = 0  # the number of decisions found when a heading was the last one
    previous = ""
    mixed = False  # a task heading that also names decisions ('Beschlüsse und Aufgaben', 'Vereinbarungen')
    marked = kind_marks(paragraphs)
    in_decisions = False
    intro: tuple[Decision, str | None] | None = None  # 'Folgendes wurde vereinbart:' over the list it introduces
    before = 0  # the decisions found before the current 'Beschlüsse' section, which a summary there restates
    head_row: tuple[str, ...] | None = None  # a table's header row the reader did not mark as one
    for para in paragraphs:
        if para.section == DECISIONS and (para.kind == "heading" or not in_decisions):
            before = len(found)
        in_decisions = para.section == DECISIONS
        if intro is not None:
            if para.kind == "item" and para.section == intro[1]:
                if intro[0] in found:  # 'Die Runde beschließt:' over a list: each item is one decision
                    found.remove(intro[0])
                if not records_no_decision(para.text):
                    found.append(Decision(para.text, para.line, para.page))
                decided = True
                continue
            intro = None
        if para.kind == "heading":
            mixed = para.section == TASKS and bool(_MIXED_HEADING.search(para.text))
        elif mixed and para.section == TASKS and para.kind == "item" and _STATED.fullmatch(para.text.strip()) \
                and not re.search(r"\bbis\b", para.text) and not records_no_decision(para.text) \
                and not _PAST_REPORT.search(para.text):
            found.append(Decision(para.text, para.line, para.page))  # 'Die Sitzungen finden künftig online statt.'
            continue
        if para.section != DECISIONS or para.kind == "heading":
            opened, texts = para.kind == "heading" and para.section == DECISIONS, 0
        if titled and len(found) == titled and para.kind in ("text", "item", "decision") and (
                para.kind == "decision" or para.section == DECISIONS or explicit_decision(para.text)):
            found.pop()
        if para.kind != "heading":
            titled = 0
        if para.kind == "decision":  # a 'Beschluss:' label's own text
            texts += 1
            if not (_CONFIRMATION.match(para.text) and decided) and not records_no_decision(para.text):
                found += [Decision(text, para.line_at(at), para.page, labelled=True)
                          for text, at in _labelled_decisions(para.text)]
                decided = True
                if _TITLE.fullmatch(para.text.strip()):
                    titled = len(found)  # 'Beschluss: Newsletter' as a title: its text follows
            continue
        if para.kind == "heading" and para.section != DECISIONS:
            decided, previous = False, ""
            if m := _DECISION_PREFIX.match(para.text):
                found.append(Decision(m.group("text").strip(), para.line, para.page))
                decided = True
                titled = len(found)  # '### Beschluss: Newsletter' over the decision's own text: one decision
            elif (m := re.match(r"^[^:]{2,60}:\s*(?P<rest>\S.{40,})$", para.text)) and _DECISION_CUE.search(para.text):
                found += [Decision(s, para.line, para.page) for s, _ in sentences(m.group("rest"))
                          if _DECISION.search(s) and not _FORMALITY.search(s)]  # 'TOP 3 Flyer: … wird beschlossen.'
            continue
        if para.kind in ("text", "item", "decision") and _LEGEND.match(para.text):
            continue  # 'Art: B = Beschluss, A = Auftrag': the key to a table, no decision
        if (kind := entry_kind(para)) is not None:
            if kind == "decision":  # 'B' in the 'Art' column of an Ergebnisprotokoll
                found.append(Decision(_row_text(para), para.line, para.page, labelled=True))
            continue
        if marked and (mark := kind_mark(para)) is not None:
            if mark[0] == "decision":  # '(B) Die Messe wird gemeinsam ausgerichtet.'
                found.append(Decision(mark[1], para.line, para.page, labelled=True))
                decided = True
            continue
        if para.kind != "row":
            head_row = None
        elif not para.header and para.cells:
            if _decision_head(para.cells):
                head_row = para.cells  # 'TOP | Gegenstand | Ergebnis' as the first row of a table the reader left bare
                continue
            if head_row is not None and len(para.cells) != len(head_row):
                head_row = None
        header = para.header or (head_row if para.kind == "row" else None) or ()
        if para.kind == "row" and (column := _decision_column(header)) is not None:
            cells = para.cells or ()
            value = cells[column].strip() if column < len(cells) else ""
            if value and not records_no_decision(value) and not re.fullmatch(r"[-–—/.]*", value):
                found.append(Decision(_row_text(para), para.line, para.page))
            continue
        if para.kind == "row" and (column := _vote_column(header)) is not None:
            cells = para.cells or ()
            value = cells[column].strip() if column < len(cells) else ""
            # a result column holding a vote: 'angenommen', 'gewählt mit 21 Ja', 'abgelehnt (9:13:1)', 'einstimmig'
            if _VOTE_VALUE.search(value) and not _FORMALITY.search(_row_text(para)) and not records_no_decision(value) \
                    and not any(_FORMAL_SUBJECT.match(cell) for cell in cells):
                found.append(Decision(_row_text(para), para.line, para.page))
                continue
        if para.section == DECISIONS and para.kind == "row" and any(
                _CONTACT_HEADER.fullmatch(cell.strip(" :*")) for cell in para.header or ()):
            continue  # a contact list ('Name | E-Mail') after the decisions, on the sheet's next rows
        if para.section == DECISIONS and para.kind == "row" and para.header and task_columns(para.header) is not None:
            continue  # a task table after the decisions ('Aufgabe | Zuständig | Fällig | Status'): its rows are tasks
        if para.section == DECISIONS and para.kind in ("item", "row", "text") and para.text:
            # under 'Beschlüsse' every item, row or paragraph is one decision, unless it records none
            if _CONFIRMATION.match(para.text) and decided:
                continue
            if para.kind == "text":
                texts += 1
                if texts > 1 and not opened and not explicit_decision(para.text):
                    decided = False
                    continue  # 'Beschluss:' as a label covers the text under it, not every later paragraph
            if para.kind in ("item", "row") and not explicit_decision(para.text) and (
                    _REPORTED.match(para.text) or _ASIDE_TASK.search(para.text) or _PAST_REPORT.search(para.text)):
                decided = False
                continue  # a results list also holds reports ('Frau X berichtet …') and plans with their task
            if not records_no_decision(para.text) and not _taken_elsewhere(para.text):
                said = [(sentence, offset) for sentence, offset in sentences(para.text)
                        if explicit_decision(sentence)] if para.cells is None else []
                said = said[:1] + [(sentence, offset) for sentence, offset in said[1:] if not _takes_up(sentence)]
                if before and restates(_row_text(para), found[:before]):
                    continue  # 'Beschlüsse im Überblick' after the text: each was counted where it was taken
                if len(said) >= 2:  # '… beschließt, … Weiterhin wird einstimmig beschlossen, …': two decisions
                    found += [Decision(sentence, para.line_at(offset), para.page) for sentence, offset in said]
                elif para.cells is None:  # '… findet in Amberg statt. Dafür werden 3.000 € bewilligt.': two
                    found += [Decision(text, para.line_at(at), para.page)
                              for text, at in _labelled_decisions(para.text)]
                else:
                    found.append(Decision(_row_text(para), para.line, para.page))
                decided = True
            continue
        if m := _DECISION_PREFIX.match(para.text):
            text = m.group("text")
            if _CONFIRMATION.match(text) and decided:
                continue  # 'Beschluss: einstimmig angenommen' under the decision it confirms
            if not records_no_decision(text):
                found.append(Decision(clean(text) or "", para.line, para.page, _decisive(para.text)))
                decided = True
            continue
        if not _DECISION_CUE.search(para.text) or _BALLOT.search(para.text):
            decided, previous = False, para.text
            continue
        deferred = bool(_LEFT_TO_OTHERS.search(para.text))  # '… spricht sich dafür aus. Eine Entscheidung trifft …'
        here = len(found)  # the decisions found before this paragraph
        for sentence, offset in _units(para.text, para, 0):
            for unit, at in _confirmation_split(sentence, offset):
                if _REJECTED.search(unit):
                    if _MOTION_REJECTED.search(unit) and not decided and not _REMINDED.search(unit):
                        # 'Der Antrag wird mehrheitlich abgelehnt': the body voted, that is its decision
                        found.append(Decision(unit, para.line_at(at), para.page))
                        decided = True
                    elif not _MOTION_REJECTED.search(unit):
                        decided = False  # 'Die Förderung wurde abgelehnt': a report of someone else's answer
                elif _CONFIRMATION.match(unit):
                    if not decided:
                        found.append(Decision(f"{previous} {unit}".strip(), para.line_at(at), para.page))
                    decided = True
                elif (m := _DECISION_PREFIX.match(unit)) and not records_no_decision(m.group("text")):
                    if decided and len(found) > here and _takes_up(unit):
                        # '… verständigt sich auf drei Schwerpunkte. Beschluss: Diese werden …', '… gibt sich den
                        # Titel X. Ergebnis: Der Titel wird …': the same decision, taken up by the sentence after it
                        found[-1] = Decision(f"{found[-1].text} {unit}", found[-1].line, para.page, _decisive(unit))
                    else:
                        found.append(Decision(unit, para.line_at(at), para.page, _decisive(unit)))
                    decided = True
                elif decided and _RESTATED.match(unit):
                    pass  # '… 7 Ja, 0 Nein. Der Beschlussvorschlag ist damit angenommen.': the same decision
                elif _DECISION.search(unit) and not _FORMALITY.search(unit) and not _HELD_BACK.search(unit) \
                        and not _REMINDED.search(unit) and not _NO_DECISION_UNIT.search(unit) and not deferred \
                        and not _taken_elsewhere(unit):
                    found.append(Decision(unit, para.line_at(at), para.page))
                    decided = True
                else:
                    decided = False
                previous = unit
        if para.kind == "text" and found and found[-1].line >= para.line and found[-1].text.rstrip().endswith(":"):
            intro = (found[-1], para.section)
    unique: dict[str, Decision] = {}
    words: set[str] = set()  # the words of the decisions so far
    for decision in found:
        own = _stems(decision.text)
        if decision.text and decision.text not in unique and not (len(own) >= 2 and own <= words):
            unique[decision.text] = decision  # not a summary ('Fazit: Flyer und Newsletter wurden beschlossen')
        words |= own
    return list(unique.values())


def _labelled_decisions(text: str) -> list[tuple[str, int]]:
    """The decisions of one 'Beschluss:' label's text: the text, and after its first sentence each further one
    that says by itself that it was decided ('Der Gesundheitstag findet in Amberg statt. Das Budget von 3.000 €
    wird beschlossen.', '… Der Vorschlag eines zweitägigen Formats wird abgelehnt.'); a sentence that only
    continues or confirms the first ('Das Thema wird in der FG X mitbehandelt.', 'Abstimmung: 7 Ja.') adds none."""
    said = sentences(text)
    further = [(sentence, at) for sentence, at in said[1:]
               if (_MOTION_REJECTED.search(sentence) or _DECISION.search(sentence) and not _FORMALITY.search(sentence))
               and not _CONFIRMATION.match(sentence) and not _RESTATED.match(sentence)
               and not records_no_decision(sentence) and not _taken_elsewhere(sentence)]
    if not further:
        return [(text, 0)]
    first_end = said[1][1]
    return [(text[:first_end].strip(), 0), *further]


_CONTACT_HEADER = re.compile(r"(?i)e-?mail|e-?mail-?adresse|telefon|tel\.?|mobil|kontakt")
# A report in a results list: 'Frau X berichtet über …', 'Herr Y und Frau Z stellen … vor'.
_REPORT_VERBS = (r"(?:berichte[nt]|informier(?:en|t)|erläuter(?:n|t)|präsentier(?:en|t)|schilder(?:n|t)"
                 r"|referier(?:en|t))")
_WHO = rf"(?:(?:{SALUTATION}|Dr\.|Prof\.)\s+)*[A-ZÄÖÜ][\wäöüß-]+"
_REPORTED = re.compile(rf"^{_WHO}(?:\s+(?:und|sowie)\s+{_WHO})*\s+(?:\([^()]*\)\s+)?(?:(?:hat|haben|hatte|hatten)\s+)?"
                       rf"{_REPORT_VERBS}\b")
# A plan whose aside names who does the work: '… wird vorgestellt (Herr X lädt die Projektleitung ein)'.
_ASIDE_TASK = re.compile(rf"\(\s*(?:{SALUTATION})\s+(?:(?:Dr\.|Prof\.)\s*)*[A-ZÄÖÜ][\wäöüß-]+\s+"
                         rf"(?:{'|'.join(sorted(_ACTIVE))})\b[^()]*\)")

# What happened rather than what was decided: 'ist veröffentlicht', 'hat seine Teilnahme zugesagt', 'nahmen teil'.
_PAST_REPORT = re.compile(r"\b(?:hat|haben|hatte|hatten|ist|sind|war|waren)\s+(?:[^\s.;:]+\s+){0,6}?(?:(?:ab|an|auf|aus"
                          r"|bei|ein|mit|nach|vor|zu|zurück|zusammen|teil)?ge[a-zäöüß]{2,}(?:t|en)|[a-zäöüß]{2,}iert"
                          r"|veröffentlicht|erschienen|verschickt|versandt|beendet|erledigt|abgeschlossen|erfolgt)"
                          r"\s*(?:[.;,(]|$)|\b(?:nahm|nahmen|kam|kamen|gab|fand|fanden|lag|lagen)\b")
# A voter's line of a written vote: 'Anna Schmidt (ZVB) ........ Zustimmung'.
_BALLOT = re.compile(r"(?i)(?:\.{4,}|…{2,}|\t)\s*(?:Zustimmung|Ablehnung|Enthaltung|ja|nein|dafür|dagegen"
                     r"|keine\s+Rückmeldung)\b")
_BALLOT = guarded(_BALLOT)  # run only where a word it needs occurs (etl/core/prefilter.py)

_MIXED_HEADING = re.compile(r"(?i)beschl|ergebnis|vereinbar|festleg|entscheid")
# An agreement stated in a sentence of its own: 'Die Sitzungen finden künftig online statt.'
_STATED = re.compile(r"(?:Die|Der|Das|Es|Wir|Alle)\s+\S+(?:\s+\S+){2,}[.!]")


# Words that say nothing of a decision's content, left out when comparing a summary line with the decisions.
_FILLERS = frozenset("beschluss beschlüsse beschlossen beschließt einstimmig mehrheitlich wird werden wurde wurden "
                     "soll sollen dass diese dieser dieses einen einer eines haben hat sich wir alle fachgruppe gruppe "
                     "runde arbeitsgruppe anwesenden teilnehmenden mitglieder netzwerk team fazit zusammenfassung "
                     "ergebnis ergebnisse".split())


def _stems(text: str) -> set[str]:
    return {word[:5] for word in re.findall(r"[a-zäöüß0-9]{4,}", text.lower()) if word not in _FILLERS}


def restates(text: str, earlier: list[Decision]) -> bool:
    """The line of a results list names a decision already counted in the text above it: most of its words
    ('Zweisprachige Flyer') stand in one of them ('Die Flyer werden zweisprachig gedruckt')."""
    own = _stems(text)
    return bool(own) and any(len(own & _stems(d.text)) >= max(1, 0.6 * len(own)) for d in earlier)


def _decisive(text: str) -> bool:
    """The label says a decision was taken ('Beschluss:', 'Vereinbart:'), not only what came out ('Ergebnis:')."""
    return bool(re.match(r"(?i)\s*(?:Beschl|Vereinbar|Entscheidung|Festlegung|Umlaufbeschluss)", text))


# A line that only confirms the proposal before it: '→ Beschlossen.', 'Einstimmig angenommen.', 'Ergebnis: Zustimmung',
# 'Abstimmung: 7 ja, 0 nein, 1 Enthaltung', 'So beschlossen.'
_CONFIRMATION = re.compile(
    r"(?i)^(?:→|->|=>|⇒|►|▶)?\s*(?:(?:Ergebnis|Abstimmung(?:sergebnis)?|Votum|Beschluss)\s*:\s*)?"
    r"(?:(?:so\s+)?(?:(?:einstimmig|einvernehmlich|mehrheitlich|ohne\s+Gegenstimmen?)\s*,?\s*)*(?:beschlossen|angenommen"
    r"|zugestimmt|genehmigt|verabschiedet|befürwortet|festgelegt|vereinbart|entschieden)|Zustimmung(?:\s+aller\s+\w+)?|einstimmig|einverstanden"
    r"|(?:es\s+(?:gibt|gab)\s+|ohne\s+)?keine\s+(?:Einwände|Gegenstimmen?|Gegenrede|Widerspruch|Einwendungen)"
    r"|ohne\s+(?:Einwände|Gegenstimmen?|Gegenrede|Widerspruch)"
    # all present agree: 'Alle Anwesenden sind einverstanden' (one person agreeing is no decision)
    r"|(?:alle|die\s+Anwesenden|die\s+Teilnehmenden|die\s+Mitglieder)(?:\s+(?:Anwesenden|Teilnehmenden|Mitglieder"
    r"|Beteiligten))?\s+(?:sind|waren)\s+(?:damit\s+|hiermit\s+|dem\s+|ausdrücklich\s+)?einverstanden"
    r"|(?:\d+|alle)\s+(?:ja|dafür|Ja-Stimmen)\b(?:[^.]|(?<=\d)\.)*|(?:ja|dafür)\s*:?\s*\d+\b[^.]*|\d+\s*:\s*\d+(?:\s*:\s*\d+)?[^.]*)"
    r"\s*[.!]?$")


# A sentence that goes on about the decision just stated: 'Diese Schwerpunkte …', 'Dies gilt ab Mai.'
_ANAPHORA = re.compile(r"^(?:Diese[rsnm]?|Dies)\b")


def _takes_up(sentence: str) -> bool:
    """A labelled sentence after a decision that only takes it up: 'Beschluss: Diese Schwerpunkte werden …' or
    what came of it ('Ergebnis: Der Titel wird dem Koordinierungsteam mitgeteilt.')."""
    m = _DECISION_PREFIX.match(sentence)
    return m is not None and (_ANAPHORA.match(m.group("text")) is not None or not _decisive(sentence))


# The decision left to another body or a later date: the stance before it is no decision of this meeting;
# so is one that, the minutes say, needs no decision ('Ein Beschluss ist nicht nötig.').
_LEFT_TO_OTHERS = re.compile(r"(?i)\b(?:die|eine)\s+(?:endgültige\s+)?Entscheidung\s+(?:darüber\s+)?(?:trifft|treffen"
                       r"|liegt\s+bei|fällt\s+(?:im|in|bei|am|erst))\b"
                       r"|\bkein(?:e|en)?\s+(?:förmliche[nr]?\s+)?(?:Beschluss|Entscheidung|Abstimmung)\s+(?:ist\s+|war\s+)?"
                       r"(?:nötig|notwendig|erforderlich)\b|\b(?:ein|eine)\s+(?:förmliche[nr]?\s+)?(?:Beschluss|Entscheidung"
                       r"|Abstimmung)\s+(?:ist|war|sei)\s+(?:\w+\s+)?nicht\s+(?:nötig|notwendig|erforderlich)\b")

# A decision named but not taken in this meeting: announced for later or left to someone else ('Ob …, soll der
# Lenkungskreis entscheiden', 'Beschluss erst in der MV', 'wird in der nächsten Runde entschieden'), postponed,
# or a proposal sent back ('wird zur Prüfung an den DGB zurückgegeben').
_NOT_TAKEN = re.compile(
    r"(?i)\b(?:soll|sollen|sollte|sollten|muss|müssen|will|wollen|möchte|möchten|kann|können|wird|werden)\s+"
    r"(?:[\wäöüß.-]+\s+){0,8}?(?:entscheiden|beschließen|abstimmen|festlegen|befinden|verabschieden)\b"
    r"|\b(?:Beschluss|Beschlussfassung|Entscheidung|Abstimmung)\s+(?:(?:fällt|folgt|erfolgt)\s+)?(?:erst|später"
    r"|in\s+der\s+nächsten|bei\s+der\s+nächsten|im\s+nächsten)\b"
    r"|\b(?:in|bei|auf)\s+(?:der|dem)\s+nächsten\s+[\wäöüß-]+\s+(?:[\wäöüß-]+\s+){0,3}?(?:entschieden|beschlossen"
    r"|festgelegt|abgestimmt)\b|\b(?:Entscheidung|Beschlussfassung|Abstimmung|Beschluss)\b[^.;]{0,60}?\bverschoben\b"
    r"|\b(?:zurückgegeben|zurückverwiesen|zurückgestellt)\b|\bzur\s+(?:Prüfung|Überarbeitung|weiteren\s+Beratung)\s+an\b"
    # someone asked to decide: 'Der Vorstand wird gebeten, bis Mai zu entscheiden.'
    r"|\b(?:wird|werden|ist|sind)\s+(?:gebeten|aufgefordert)\b[^.;]{0,80}?\bzu\s+(?:entscheiden|beschließen|befinden)\b")
_NOT_TAKEN = guarded(_NOT_TAKEN)
# A decision another body took ('Der Kreistag hat das Wohnheim beschlossen', 'vom Ministerium bewilligt'): reported.
_OUTSIDE_BODY = re.compile(
    r"(?i)\b(?:Kreistag|Stadtrat|Gemeinderat|Marktgemeinderat|Bezirkstag|Landtag|Bundestag|Bundesrat|Kabinett"
    r"|Ministerium|Staatsministerium|Landesregierung|Bundesregierung|Staatsregierung|Kreisausschuss|Stadtverordneten"
    r"|Magistrat|Gesetzgeber|Aufsichtsrat|Verwaltungsrat)\w*\b[^.;]{0,80}?\b(?:beschlossen|entschieden|genehmigt"
    r"|bewilligt|verabschiedet|beschließt|entscheidet|beschloss|entschied|zugestimmt|freigegeben)\b"
    # a passive naming someone else as who decided: 'Das Budget wurde vom Landratsamt genehmigt.'
    rf"|\b(?:wurde|wurden|ist|sind|war|waren)\s+(?:[\wäöüß-]+\s+){{0,4}}?(?:vom|von\s+der|von\s+dem|durch\s+(?:den|die|das))\s+"
    rf"(?!(?:{_BODY})\b)[A-ZÄÖÜ][\wäöüß-]+(?:\s+[\wäöüß-]+){{0,3}}?\s+(?:genehmigt|bewilligt|beschlossen|entschieden"
    r"|freigegeben|verabschiedet)\b")
_OUTSIDE_BODY = guarded(_OUTSIDE_BODY)
def _taken_elsewhere(text: str) -> bool:
    """The text names a decision that is not this meeting's (see above) and says of no other one that it was taken:
    what remains without those words holds no decision ('Der Kreistag hat das Wohnheim beschlossen; das Netzwerk
    begrüßt das.'), unlike 'Die Runde beschließt, dass künftig der Vorstand entscheiden kann.'."""
    rest, hit = text, False
    for pattern in (_NOT_TAKEN, _OUTSIDE_BODY):
        if pattern.search(rest):
            rest, hit = pattern.sub(" ", rest), True
    return hit and not _DECISION.search(rest)


# A sentence that only closes the decision just counted: 'Der Antrag ist damit angenommen.', 'Damit ist es beschlossen.'
_RESTATED = re.compile(r"(?i)^(?:Der|Die|Das|Dieser|Diese|Dieses)\s+(?:Antrag|Vorschlag|Beschlussvorschlag"
                       r"|Beschlussantrag|Beschlussvorlage|Vorlage|Beschluss)\s+(?:ist|wird|wurde|gilt)\s+(?:[\wäöüß-]+\s+){0,3}?"
                       r"(?:angenommen|beschlossen|genehmigt|gefasst)\b[^.;]*[.!]?$"
                       r"|^(?:Damit|Somit)\s+(?:ist|sind|wurde|wird|gilt)\s+(?:[\wäöüß-]+\s+){0,4}?(?:angenommen|beschlossen)\b"
                       r"[^.;]*[.!]?$")


# A decision's title rather than its text: 'Newsletter', 'Budget 2026', 'Aufnahme neuer Partner'.
_TITLE = re.compile(r"[A-ZÄÖÜ0-9][\wÄÖÜäöüß&/-]*(?:\s+(?:[A-ZÄÖÜ0-9][\wÄÖÜäöüß&/-]*|und|für|der|die|das|des|zum|zur"
                    r"|im|in|von|neuer|neue|neuen)){0,4}")


def _confirmation_split(sentence: str, offset: int) -> list[tuple[str, int]]:
    """'Der Flyer wird neu gestaltet. → Beschlossen.': the arrow's confirmation is a unit of its own."""
    for m in re.finditer(r"\s(?=(?:→|->|=>|⇒)\s*\S)|\s[–—]\s+(?=[^\W\d_])", sentence):
        # '… → Beschlossen.', '… – Zustimmung aller Anwesenden.' (a dash before words, not '15:00 – 15:45 Uhr')
        if m.start() > 0 and _CONFIRMATION.match(sentence[m.end():].strip()):
            return [(sentence[:m.start()].strip(), offset), (sentence[m.end():].strip(), offset + m.end())]
    return [(sentence, offset)]


_DECISION_HEADER = re.compile(r"(?i)^(?:beschluss|beschlüsse|beschlossen|entscheidung|beschluss\s*/\s*ergebnis"
                              r"|ergebnis\s*/\s*beschluss|beschlussfassung)$")


def _decision_column(header: tuple[str, ...]) -> int | None:
    """The index of a table's 'Beschluss' column, if it has one."""
    return next((i for i, cell in enumerate(header) if _DECISION_HEADER.match(cell.strip(" :*"))), None)


# A column that records how a matter came out: its cells are decisions when they hold a vote's result.
_VOTE_HEADER = re.compile(r"(?i)^(?:ergebnis(?:se)?|abstimmung(?:sergebnis)?|votum|ergebnis\s*/\s*abstimmung"
                          r"|abstimmung\s*/\s*ergebnis|beschlusslage|entscheid(?:ung)?)$")
_VOTE_VALUE = re.compile(r"(?i)^\W*(?:einstimmig|einvernehmlich|mehrheitlich|angenommen|abgelehnt|beschlossen|gewählt"
                         r"|wiedergewählt|zugestimmt|genehmigt|bestätigt|entlastet|verabschiedet|bewilligt|ohne\s+Gegenstimme"
                         r"|Zustimmung|\d+\s*(?:Ja|Nein|dafür)\b|\d+\s*:\s*\d+(?:\s*:\s*\d+)?\s*(?:$|[(,;]|Stimmen))")


# The minutes or the agenda as the matter of a vote ('Protokoll der Sitzung vom 12.01.', 'Genehmigung der TO').
_FORMAL_SUBJECT = re.compile(r"(?i)^\W*(?:(?:Genehmigung|Annahme|Billigung|Feststellung)\s+(?:des|der)\s+)?"
                             r"(?:Protokolls?|Niederschrift|Tagesordnung|TO)\b")


def _vote_column(header: tuple[str, ...]) -> int | None:
    """The index of a table's result or vote column ('Ergebnis', 'Abstimmung'), if it has one."""
    return next((i for i, cell in enumerate(header) if _VOTE_HEADER.match(cell.strip(" :*"))), None)


def _decision_head(cells: tuple[str, ...]) -> bool:
    """A table's first row that names its columns, one of them the decision or the vote: short words, no
    numbers ('Nr. | Beschluss | Abstimmung', 'TOP | Gegenstand | Ergebnis')."""
    words = [cell.strip(" :*") for cell in cells]
    return len(words) >= 2 and all(0 < len(w) <= 30 and not re.search(r"\d", w) for w in words) and any(
        _DECISION_HEADER.match(w) or _VOTE_HEADER.match(w) for w in words)


_FORMALITY = re.compile(r"\b(?:Protokoll|Niederschrift|Tagesordnung|Sie|Es)\b[^.]{0,60}\b(?:angenommen|genehmigt"
                        r"|gebilligt|bestätigt)\b|\bohne\s+Änderungen\s+(?:angenommen|genehmigt)", re.I)


# A decision held back or refused: 'entscheidet aber noch nicht', 'wird nicht angenommen', 'findet keine Mehrheit'.
_HELD_BACK = re.compile(r"(?i)\b(?:beschließt|beschließen|entscheidet|entscheiden)\s+(?:sich\s+)?"
                        r"(?:(?:aber|jedoch|heute|noch|hierüber|darüber|dazu|vorerst|derzeit)\s+)*nicht\b"
                        r"|\b(?:wird|werden|wurde|wurden)\s+(?:[\wäöüß-]+\s+){0,3}?nicht\s+(?:beschlossen|entschieden"
                        r"|angenommen|verabschiedet|genehmigt|gebilligt|zugestimmt|gefasst|getroffen)\b"
                        # no majority, unless the vote is counted: '… findet keine Mehrheit (2 Ja, 5 Nein)' was voted
                        r"|\bkeine\s+(?:Mehrheit|Zustimmung)\b(?![^.;]{0,40}?\b\d+\s*(?:Ja|Nein|dafür|dagegen)\b)")
_HELD_BACK = guarded(_HELD_BACK)


# A sentence that only gathers opinions or postpones: 'Meinungsbild: …', 'wird auf die nächste Sitzung vertagt'.
_NO_DECISION_UNIT = re.compile(r"(?i)\bMeinungsbild\b|\bStimmungsbild\b|\bvertag(?:t|en)\b|\bzurückgestellt\b"
                               r"|\b(?:Entscheidung|Beschlussfassung|Abstimmung)\b[^.;]{0,60}?\bverschoben\b"
                               r"|\bohne\s+Beschluss\b|\bkeine\s+(?:Beschlüsse|Beschlussfassung|Entscheidung)\b"
                               # one person agreeing: 'Herr X stimmt dem Vorschlag grundsätzlich zu'
                               rf"|^\W*(?:{SALUTATION})\s+(?:(?:Dr\.|Prof\.)\s*)*[A-ZÄÖÜ][\wäöüß-]+\s+(?:stimmt|ist)\b")
_REJECTED = re.compile(r"(?i)\b(?:Antrag|Vorschlag|Beschlussvorschlag|Beschlussvorlage)\s+(?:ist|wird|wurde|gilt)\s+"
                       r"(?:damit\s+|somit\s+|mehrheitlich\s+|als\s+)*abgelehnt\b"
                       r"|\b(?:wird|wurde|werden|wurden|ist|sind)\s+(?:[\wäöüß-]+\s+){0,4}?abgelehnt\b")
_REJECTED = guarded(_REJECTED)
# A motion the meeting itself turned down: a vote taken, counted as a decision as minutes count them
# ('Der Antrag wird mehrheitlich abgelehnt'); not a refusal by someone outside ('vom Ministerium abgelehnt').
_MOTION_REJECTED = re.compile(r"(?i)\b(?:Antrag|Vorschlag|Beschlussvorschlag|Beschlussantrag|Beschlussvorlage"
                              r"|Änderungsantrag|Gegenantrag)\b(?:(?!\b(?:vom|von|durch)\b)[^.;]){0,80}?"
                              r"\b(?:wird|wurde|ist|gilt)\s+(?:(?!vom\b|von\b|durch\b)[\wäöüß:()-]+\s+){0,5}?abgelehnt\b")
_MOTION_REJECTED = guarded(_MOTION_REJECTED)


# A reminder of an earlier decision: 'Sie erinnert daran, dass die Fachgruppe im Frühjahr beschlossen hatte …'.
_REMINDED = re.compile(r"(?i)\berinner(?:t|n|te|ten)\s+(?:\w+\s+)?(?:daran|an)\b"
                       r"|\bbeschlossen\s+(?:hatte|hatten|war)\b"
                       r"|\b(?:hatte|hatten)\s+(?:[\wäöüß.-]+\s+){0,6}?(?:beschlossen|vereinbart|entschieden|festgelegt)\b"
                       # 'Wie in der letzten Sitzung vereinbart, …', 'gemäß Beschluss vom 12.01.'
                       # ('wie besprochen' alone too: the validation set counts it as a reminder, not this meeting's)
                       r"|\bwie\s+(?:(?:am|im|in|bei|auf|zuletzt|bereits|schon|damals|vorab|zuvor|vorher)\b"
                       r"[\wäöüß.\s]{0,40}?\s)?(?:beschlossen|vereinbart|festgelegt|besprochen|entschieden|abgestimmt)\b|\b(?:gemäß|laut|lt\.|entsprechend|auf\s+Grundlage)\s+(?:dem\s+|des\s+)?"
                       r"Beschluss(?:es)?\b")


def records_no_decision(text: str) -> bool:
    """'Aussprache ohne weitere Ergebnisse', 'nimmt … zur Kenntnis', 'Das Protokoll wird genehmigt',
    'entscheidet aber noch nicht'."""
    if _HELD_BACK.search(text) or _REMINDED.search(text) or _taken_elsewhere(text):
        return True
    if _REJECTED.search(text) and len(sentences(text)) <= 1 and not _MOTION_REJECTED.search(text):
        return True  # 'Der Antrag wird abgelehnt.' (a decision and a rejection in one text still hold the decision)
    return bool(_NO_DECISION.search(text)) and not (_DECISION.search(text) and not _FORMALITY.search(text))


def explicit_decision(text: str) -> bool:
    """The text says itself that it is a decision ('Beschluss:', 'beschließt', 'einstimmig angenommen',
    a proposal closed by '→ Beschlossen.' or 'Ergebnis: Zustimmung')."""
    if _HELD_BACK.search(text) and not _DECISION_PREFIX.match(text):
        return False
    if _DECISION_PREFIX.match(text) or _DECISION.search(text):
        return True
    said = sentences(text)
    return bool(said) and any(_CONFIRMATION.match(unit) for unit, _ in _confirmation_split(*said[-1]))


def _row_text(para: Span) -> str:
    if para.cells is None:
        return para.text
    return " – ".join(c for c in para.cells if c and not re.fullmatch(r"\d{1,3}[.)]?", c))


def _strip_spans(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    return text


def _tidy(text: str) -> str:
    text = re.sub(r"\(\s*[,;]?\s*\)", "", text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"\s{2,}", " ", text)
    text = text.strip(" ,;:–-|")
    text = re.sub(r"^\([^()]*\)\s*[-–—|]?\s*", "", text)  # '(ZDH) - Raum reservieren' once the owner is cut
    return text.strip(" ,;:–-|").rstrip(".").strip()


# Collectives a protocol names as owners, kept as written: 'alle', 'Geschäftsstelle', 'Fachgruppen'.
_COLLECTIVE = re.compile(
    r"(?i)^(?:(?:die|der|das|den|an|für)\s+)?(?P<c>alle(?:\s+(?:Mitglieder|Teilnehmenden|Teilnehmer(?:innen)?|Partner"
    r"(?:innen)?|Anwesenden|Beteiligten))?|Geschäftsstelle|Fachgruppen|Koordinierungsteam|Koordinierungsstelle"
    r"|Netzwerkbüro|Netzwerkkoordination|Projektteam|Projektleitung|Redaktionsteam|Redaktion|Orga-?Team|Vorstand"
    r"|Sprecher(?:in|innen)?(?:team)?|Gruppensprecher(?:in|innen)?|Moderation|Protokollführung|Mitglieder"
    r"|Steuerungsgruppe|Lenkungskreis|Sekretariat|Kerngruppe|AG-Leitung|FG-Leitung|Fachgruppenleitung)$")
_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])-\s+(?=[A-ZÄÖÜ])")
def collective_organisation(owner: str, organisations: Registry) -> str | None:
    """The one known organisation whose name ends in a collective owner ('Geschäftsstelle' -> 'Geschäftsstelle der
    Initiative …' / 'INQA-Geschäftsstelle'), so a task of the office is the organisation's; None when several fit."""
    if not _COLLECTIVE.match(owner) or " " in owner.strip():
        return None
    word = name_key(owner)
    if len(word) < 6:
        return None
    ids = {eid for key, eid in organisations.keys.items()
           if key.split("-")[0] == word or key.split("-")[-1].endswith(word)}
    return organisations.names.get(next(iter(ids))) if len(ids) == 1 else None


# An office that the minutes give a person: 'Vorsitz: Obermeister Ernst-August Wenzel', 'L. Sommerlad,
# Protokollführerin', 'Frau Kühn (Geschäftsführerin)'; a deputy ('stv. Obermeister') holds another office.
_OFFICES = (r"(?:Obermeister|Vorsitzende|Geschäftsführer|Protokollführer|Schriftführer|Lehrlingswart|Kassenwart"
            r"|Sprecher|Moderator|Koordinator|Leiter|Kreishandwerksmeister)(?:in|r)?")
_OFFICE_OWNER = re.compile(rf"(?:(?:[Dd]ie|[Dd]er|[Dd]as|[Dd]en|[Dd]em)\s+)?(?P<o>{_OFFICES})")
_OFFICE_WORD = guarded(re.compile(_OFFICES))  # run only where a word it needs occurs (etl/core/prefilter.py)
_OFFICE_BEFORE = re.compile(rf"(?<!stv\.\s)(?<!stellv\.\s)(?<![\w.-])(?P<o>{_OFFICES})\s+"
                            r"(?P<who>[A-ZÄÖÜ][^,;:()\n]{2,40})")
_OFFICE_AFTER = re.compile(rf"(?P<who>[A-ZÄÖÜ][^,;:()\n]{{2,40}}?)\s*(?:,\s*|\(\s*)(?P<o>{_OFFICES})\b")


def _office_key(word: str) -> str:
    """'Obermeisterin' / 'Obermeister' -> 'obermeister', 'Vorsitzender' -> 'vorsitzende'."""
    key = word.lower()
    return key[:-2] if key.endswith("erin") else key[:-1] if key.endswith("ender") else key


def _offices(paragraphs: list[Span], owners: _Owners) -> dict[str, str]:
    """The participant each office names, where only one does."""
    seen: dict[str, set[str]] = {}
    for para in paragraphs:
        for pattern in (_OFFICE_BEFORE, _OFFICE_AFTER):
            for m in pattern.finditer(para.text):
                hits = owners.find(m.group("who"))
                who = owners.person(m.group("who").strip()) or (hits[0][0] if hits and hits[0][1] == 0 else None)
                if who:
                    seen.setdefault(_office_key(m.group("o")), set()).add(who)
    return {key: next(iter(names)) for key, names in seen.items() if len(names) == 1}


# Initials as teams abbreviate each other: 'MY', 'KUD', 'HGtV' (a particle in lower case).
_INITIALS = re.compile(r"[A-ZÄÖÜ](?:[A-ZÄÖÜ]|[a-z]{1,2}(?=[A-ZÄÖÜ])){1,4}")
# A function written before a name: 'OM Lübbers' (Obermeister), 'GF Ahlers', 'KHM Brandt', 'Vors. Meier'.
_FUNCTION = re.compile(r"[A-ZÄÖÜ]{2,4}|Vors\.|stv\.|Stv\.|Obermeister(?:in)?|Geschäftsführer(?:in)?|Vorsitzende[r]?")
_NAME_WORD = re.compile(rf"(?:{SALUTATION}\s+)?(?:(?:Dr\.|Prof\.)\s*)*(?:(?:von|van|de|zu)\s+)?[A-ZÄÖÜ][\wäöüß-]+"
                        r"(?:\s+[A-ZÄÖÜ]\.(?!\w))?")


def _writer_as_written(sender: str) -> str | None:
    """'Vogt, Sandra' / 'Dr. Sandra Vogt' -> 'Sandra Vogt': the writer of a mail when no participant is they."""
    value = clean(sender) or ""
    if m := re.fullmatch(r"(?P<last>[^,]{2,40}),\s*(?P<first>[^,]{2,40})", value):
        value = f"{m.group('first')} {m.group('last')}"
    hit = person_name(value)
    return hit.name if hit and " " in hit.name else None


_SALUTED_INITIAL = re.compile(r"\b(?:Frau|Herrn?|Fr\.|Hr\.)\s+(?P<i>[A-ZÄÖÜ])\.(?![\w-])")


class _Owners:
    """Resolves owner text to the participants as this protocol lists them ('Frau Dr. Marquardt', 'Marquardt',
    'Mehmet' -> 'Lena Marquardt' / 'Mehmet Yilmaz'), to a collective or organisation as written ('alle',
    'Geschäftsstelle', 'ZDH'); anyone else is kept as written and marked unknown."""

    def __init__(self, people: People, orgs: tuple[str, ...] = (), sender: str | None = None,
                 addressee: str | None = None, ref: date | None = None, known: KnownPeople | None = None) -> None:
        self.people = people
        self.ref = ref
        self.known = known
        self.orgs = {name_key(o): o for o in orgs if o}
        firsts: dict[str, list[str]] = {}
        for name in people.names:
            tokens = name.split()
            if len(tokens) >= 2:
                firsts.setdefault(name_key(tokens[0]), []).append(name)
        self.by_first = {key: names[0] for key, names in firsts.items() if len(names) == 1}
        initials: dict[str, list[str]] = {}
        for name in people.names:
            words = [w for w in re.split(r"[\s-]+", name) if w[:1].isupper()]
            every = "".join(w[0] for w in re.split(r"[\s-]+", name) if w)  # 'HGtV' for Heinz-Georg ter Veen
            for key in {"".join(w[0] for w in words), words[0][0] + words[-1][0] if len(words) >= 2 else "",
                        every if every != every.upper() else ""}:
                if len(key) >= 2:
                    initials.setdefault(key.upper(), []).append(name)
        self.by_initials = {key: list(dict.fromkeys(names))[0] for key, names in initials.items()
                            if len(set(names)) == 1}
        self._seen: dict[str, str | None] = {}
        self.offices: dict[str, str] = {}  # 'obermeister' -> the participant this protocol names with that office
        self._first_names: set[str] | None = None
        # the words a name in running text can end with: a participant's surname, first name or initials
        self._words = {name_key(w) for n in people.names for w in n.split()} | set(self.by_initials)
        self.sender: str | None = None
        # 'Ich kümmere mich …' in the sender's mail: the writer, also when the minutes do not list them
        self.sender = (self.person(sender) or _writer_as_written(sender)) if sender else None
        self.addressee = self.person(addressee) if addressee else None  # 'Könntest du bitte …' to 'Hallo Karim,'

    def person(self, raw: str) -> str | None:
        """The participant meant by a full name, 'Frau Dr. Marquardt', a unique surname or a unique first name."""
        if raw not in self._seen:
            self._seen[raw] = self._person(raw)
        return self._seen[raw]

    def _person(self, raw: str) -> str | None:
        raw = _HYPHEN_BREAK.sub("-", raw)  # 'Hartmann- Öztürk': a name broken at its hyphen (a PDF line end)
        if hit := self.people.resolve(raw):
            return hit
        if self.sender and re.fullmatch(r"(?i)\s*(?:ich|ich\s+selbst|mich|mir|ich\s+selber)\s*", raw):
            return self.sender  # '→ ich selbst: Einladung zur Sommersitzung' in the writer's own mail
        value = re.sub(rf"^{SALUTATION}\s+", "", (clean(raw) or "").strip(" .:@"))
        value = re.sub(r"^(?:(?:Dr\.|Prof\.)\s*)+", "", value).strip()
        tokens = value.split()
        if len(tokens) == 1 and _INITIALS.fullmatch(tokens[0]) and name_key(tokens[0]) not in self.orgs:
            return self.by_initials.get(tokens[0].upper())  # 'MY' for Mehmet Yilmaz, as teams abbreviate each other
        if len(tokens) >= 2 and _FUNCTION.fullmatch(tokens[0]) and not self.other(tokens[0]):
            return self.person(" ".join(tokens[1:]))  # 'OM Lübbers', 'GF Ahlers': a function before the name
        if len(tokens) == 1:
            return self.people.resolve(tokens[0]) or self.by_first.get(name_key(tokens[0])) \
                or self._known(raw, tokens)
        if len(tokens) >= 2 and (hit := self._by_initials_and_surname(tokens)):
            return hit  # 'J.-B. Moreau' for the listed Jean-Baptiste Moreau, 'F.-W. zu Dohna'
        if len(tokens) == 2 and re.fullmatch(r"[^\W\d_]\.?", tokens[1]):  # 'Mehmet Y.'
            hit = self.by_first.get(name_key(tokens[0]))
            return hit if hit and surname(hit)[:1] == tokens[1][:1] else None
        if len(tokens) == 2 and tokens[0][:1].isupper() and not tokens[0].endswith(".") \
                and len(listed := self.people.by_surname.get(name_key(tokens[1]), [])) == 1 \
                and all(_FUNCTION.fullmatch(w) for w in listed[0].split()[:-1]):
            return listed[0]  # 'Rüdiger Pfannkuch' for the participant listed only as 'Obermeister Pfannkuch'
        return self._known(raw, tokens)

    def _by_initials_and_surname(self, tokens: list[str]) -> str | None:
        """The one participant whose surname is written out and whose given names are the initials before it."""
        given = [t for t in tokens[:-1]
                 if not re.fullmatch(r"(?:von|van|vom|zu|zum|der|den|de|ter|ten|la|le|da|di)", t)]
        if not given or not all(re.fullmatch(r"(?:[A-ZÄÖÜ]\.-?)+", t) for t in given):
            return None
        initials = "".join(re.findall(r"[A-ZÄÖÜ]", "".join(given)))
        last = name_key(tokens[-1])
        hits = [n for n in self.people.names if len(n.split()) >= 2 and name_key(n.split()[-1]) == last
                and "".join(w[0] for w in re.split(r"[\s-]+", " ".join(
                    w for w in n.split()[:-1] if w[:1].isupper())) if w).upper() == initials]
        return hits[0] if len(hits) == 1 else None

    def _known(self, raw: str, tokens: list[str]) -> str | None:
        """A person of the master data when no participant fits: 'Rüdiger Baumgärtner', 'Frau Baumgärtner' or
        'Baumgärtner' (the one known person with that surname)."""
        if not self.known or not tokens or not tokens[-1][:1].isupper():
            return None
        hit = self.known.resolve(raw) or (self.known.resolve(f"Frau {tokens[0]}") if len(tokens) == 1 else None)
        return hit.name if hit else None

    def first_name(self, word: str) -> bool:
        """Whether `word` is the first name of someone in the master data (who is not a participant here)."""
        if not self.known:
            return False
        if self._first_names is None:
            self._first_names = {name_key(p.name.split()[0]) for p in self.known.by_key.values()}
        return name_key(word) in self._first_names

    def other(self, raw: str) -> str | None:
        """A collective or organisation written as owner, as written ('alle', 'Geschäftsstelle', 'ZDH')."""
        value = (clean(raw) or "").strip(" .:")
        if m := _COLLECTIVE.match(value):
            return m.group("c")
        if hit := self.orgs.get(name_key(value)):
            return hit
        if (office := _OFFICE_OWNER.fullmatch(value)) and (person := self.offices.get(_office_key(office.group("o")))):
            return person  # 'Der Obermeister wird beauftragt, …' where the minutes name 'Obermeister E. Wenzel'
        if re.fullmatch(r"[A-ZÄÖÜ]{3,6}", value):  # 'FKZ' for the listed 'FKZ Weserbergland', when only one fits
            fits = {key: o for key, o in self.orgs.items() if key.split("-")[0] == name_key(value)}
            shortest = min(fits, key=len, default="")
            # one organisation, also when spelt in full and as the registry names it ('HWK Weserbergland(-Leine)')
            return fits[shortest] if fits and all(key.startswith(shortest) for key in fits) else None
        return None

    def resolve(self, raw: str) -> tuple[list[str], bool]:
        """(names, all known) for 'Kristina Mangold', 'Frau Mangold', 'Mangold/Mikus', 'Mehmet', 'alle', 'PSG'."""
        value = _HYPHEN_BREAK.sub("-", clean(raw) or "")
        inner = re.fullmatch(r"(?P<unit>[^()]+?)\s*\((?P<who>[^()]+)\)", value)
        if inner and (person := self.person(inner.group("who").strip())) and (
                self.other(inner.group("unit")) or re.match(rf"(?:{SALUTATION})\s", inner.group("who").strip())):
            # 'Geschäftsstelle (Frau Esser)', 'Sachgebiet 13 (Frau Maurer-Lehner)': the person in brackets does the work
            return [person], True
        if (bare := re.sub(r"\s*\([^()]*\)", "", value).strip()) and bare != value and self.is_owner(bare):
            value = bare  # 'Yilmaz (HWK)': the organisation in brackets only says where the owner works
        if not value:
            return [], True
        names: list[str] = []
        known = True
        for part in re.split(r"\s*(?:,|/|;|&|\+|\bund\b|\bsowie\b)\s*", value):
            part = part.strip(" .:@")
            if not part or (_just_date(part, self.ref) and not self.person(part)) or _NO_DUE_WORD.fullmatch(part):
                continue  # 'Esser / 06.02.2026', 'Dreyer / Ende Januar', 'Obermeier, umgehend': no owner
            if (team := _WITH_TEAM.match(part)) and (self.person(team.group("who")) or person_name(team.group("who"))):
                part = team.group("who")  # 'Herr Brunnhuber mit dem FKZ-Team': the named person owns the task
            if hit := self.person(part) or self.other(part):
                names.append(hit)
            else:
                names.append(part)
                known = False
        return list(dict.fromkeys(names)), known

    def is_owner(self, raw: str) -> bool:
        """Every part of `raw` is a participant, a collective, an organisation or at least shaped like a name."""
        value = clean(raw) or ""
        if not value or len(value) > 80:
            return False
        parts = [p.strip(" .:@") for p in re.split(r"\s*(?:,|/|;|&|\+|\bund\b)\s*", value) if p.strip(" .:@")]
        return bool(parts) and all(self.person(p) or self.other(p) or person_name(p) for p in parts)

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """Participants named in `text`: full names, 'Herr/Frau [Dr.] Surname', a unique surname or first name."""
        found = list(self.people.find(text))
        if self.known:  # a full name of the master data, also when the list above missed the person
            found += [(person.name, s, e) for person, s, e in self.known.find(text)
                      if not any(s < e2 and s2 < e for _, s2, e2 in found)]
        for m in _NAME_WORD.finditer(text):
            last = m.group(0).split()[-1]
            if (name_key(last) not in self._words and last not in self._words and not last.endswith(".")) \
                    or any(s < m.end() and m.start() < e for _, s, e in found):
                continue
            if hit := self.person(m.group(0)):
                found.append((hit, m.start(), m.end()))
        for m in _SALUTED_INITIAL.finditer(text):  # 'Frau K. schickt …': the one participant whose surname fits
            fits = {n for n in self.people.names if len(n.split()) >= 2 and surname(n)[:1] == m.group("i")}
            if len(fits) == 1 and not any(s < m.end() and m.start() < e for _, s, e in found):
                found.append((fits.pop(), m.start(), m.end()))
        return sorted(found, key=lambda item: item[1])


# A deadline said without a date where an owner stands: 'Obermeier, umgehend', 'Esser / laufend'.
_NO_DUE_WORD = re.compile(r"(?i)umgehend|sofort|asap|laufend|fortlaufend|zeitnah|kurzfristig|baldmöglichst"
                          r"|schnellstmöglich|dauerhaft|ständig|offen|tbd|n\.\s?n\.")
# 'Herr Brunnhuber mit dem FKZ-Team', 'Esser mit Unterstützung der Geschäftsstelle': the person, the help aside.
_WITH_TEAM = re.compile(r"(?P<who>\S.{1,40}?)\s+(?:mit|gemeinsam\s+mit|zusammen\s+mit|mit\s+Unterstützung)\s+"
                        r"(?:dem|der|den|des|seinem|seiner|ihrem|ihrer)\s+\S.*$")


# Words that give a task table's column its role inside a longer header.
_COLUMN_WORD = re.compile(r"(?P<due>\bbis\b|frist|termin|fällig|deadline|\bwann\b)|(?P<owner>verantw|zuständ|federf"
                          r"|\bwer\b)|(?P<text>aufgabe|maßnahme|to-?do|\bwas\b|beschreibung|gegenstand)")


_TIMETABLE = frozenset({"zeit", "uhrzeit", "dauer", "min", "min.", "minuten", "beginn", "start"})


def task_columns(cells: tuple[str, ...]) -> dict[str, list[int]] | None:
    """Column indices per role when `cells` is a task table's header ('Wer | Was | Bis wann'), else None. Other
    columns ('Diskussion', 'Beschluss') are allowed next to an owner column, never in the majority."""
    columns: dict[str, list[int]] = {}
    unknown = 0
    for i, cell in enumerate(cells):
        word = " ".join(cell.lower().split()).strip(" :?*")  # 'Wer?', 'Bis?', '**Frist**'
        if not word:
            continue
        parts = [word, *(p.strip() for p in re.split(r"\s*/\s*|\s+und\s+|\s*\(", word) if p.strip())]
        role = next((r for r, words in _TASK_COLUMNS.items() if any(p in words for p in parts)), None)
        if role is None and len(word) <= 30 and (m := _COLUMN_WORD.search(word)):
            role = m.lastgroup  # 'Erl. bis', 'Verantw. Person', 'Zu erledigen bis', 'Maßnahme / Aufgabe'
        if role is None:
            if len(word) > 30:
                return None
            unknown += 1  # 'Diskussion', 'Beschluss': a column of its own, read by others
            continue
        columns.setdefault(role, []).append(i)
    if unknown and ("owner" not in columns or unknown * 2 > len([c for c in cells if c.strip()])):
        return None
    if "due" not in columns and any(" ".join(c.lower().split()).strip(" :?*") in _TIMETABLE for c in cells):
        return None  # 'Zeit | Punkt | Wer | Notizen': a timetable, 'Wer' presents the item
    return columns if "text" in columns and ("owner" in columns or "due" in columns) else None


_TASK_LABEL = re.compile(r"^\s*(?:(?:Aufgabe|To-?Do|To\s+Do|Auftrag|Arbeitsauftrag|Maßnahme|AP|Action|Aktion)"
                         rf"(?:\s*\d{{1,3}}[a-z]?)?(?:\s*:\s*|\s+(?=(?:{SALUTATION}|Dr\.|Prof\.)\s))"
                         r"|(?:→|->|=>|⇒|►|▶)\s*)", re.I)


_GREETING = re.compile(r"^(?:Hallo|Hi|Moin|Servus|Guten\s+(?:Morgen|Tag)|Liebe[rs]?|Sehr\s+geehrte[rs]?)\s+"
                       r"(?P<who>[^,!:]{2,60}?)\s*[,!:]?$")


def actions(paragraphs: list[Span], people: People, ref: date | None, orgs: tuple[str, ...] = (),
            sender: str | None = None, greeting: str | None = None,
            known: KnownPeople | None = None) -> list[Action]:
    """Action items from task sections (lines, list items, checklists, table rows) and from task sentences.
    Owners are the participants as this protocol lists them, or the organisations and collectives it names;
    in a mail 'ich' is its sender and 'du' the one its greeting ('Hallo Karim,') addresses."""
    if greeting is None:
        greeting = next((p.text for p in paragraphs[:3] if _GREETING.match(p.text)), None)
    addressee = m.group("who") if greeting and (m := _GREETING.match(greeting.strip())) else None
    paragraphs, speakers = _chat_messages(_rejoined(_typed_rows(paragraphs)))
    if speakers:  # who wrote in a chat took part: 'Petra' in a message is the Petra Schießl who wrote in it
        people = People([*people.names, *(s for s in dict.fromkeys(speakers.values()) if person_name(s)
                                          and s not in people.names and not people.resolve(s)),
                         *([sender] if sender and person_name(sender) and not people.resolve(sender) else [])])
    owners = _Owners(people, orgs, sender, addressee, ref, known)
    writer = owners.sender
    found: list[Action] = []
    previous: Span | None = None
    if any(_OFFICE_WORD.search(p.text) for p in paragraphs):
        owners.offices = _offices(paragraphs, owners)
    blocks = _field_blocks(paragraphs, owners, ref)
    for index, para in enumerate(paragraphs):
        # in a chat 'ich' is the author of the message
        owners.sender = (owners.person(speakers[index]) or speakers[index]) if index in speakers else writer
        if index in blocks:
            if (block := blocks[index]) is not None:
                found.append(block)
            continue  # 'V: Esser – Erinnerung' + 'T: 30.09.2024': one task read from its field lines
        in_section = para.section == TASKS
        if para.kind in ("text", "item") and _LEGEND.match(para.text):
            continue  # 'RL = Ronja Lindqvist, MS = Miriam Stöckl', '✔ = anwesend, ✘ = entschuldigt': a key, no task
        if para.kind in ("text", "item", "heading") and _SHOUTED.search(para.text) \
                and not re.search(r"[a-zäöüß]", para.text):
            para = replace(para, text=_sentence_case(para.text, owners))  # 'FRAU X SCHICKT DIE LISTE BIS ENDE JULI'
        if _done(para, task_columns(para.header) if para.kind == "row" and para.header else None, ref):
            continue  # '~~Raum buchen~~', '… | Haddad | 15.02. | erledigt': withdrawn or done before, no open task
        para = _drawn_checkbox(para)
        if para.kind in ("text", "item") and (_SIGNATURE.match(para.text) or _PAGE_NOTE.match(para.text)):
            continue  # 'Kassel, 13.02.2025 gez. J.-U. Kloppenburg': the writer signs, no task
        if para.kind == "heading":
            # 'TOP 4 Verschiedenes: … Herr Brenner wird das klären.': a heading that carries its text
            if (m := re.match(r"^[^:]{2,60}:\s*(?P<rest>\S.*)$", para.text)) and (
                    in_section or len(m.group("rest")) > 40):
                found.extend(_from_sentences(m.group("rest"), para, owners, ref, offset=m.start("rest")))
            continue
        if para.kind == "row":
            columns = task_columns(para.header) if para.header else None
            if columns is not None or in_section:
                if action := _from_row(para, columns, owners, ref):
                    found.append(action)
            elif para.cells:  # a minutes table ('TOP | Thema | Ergebnis'): a cell may say who does what by when
                found.extend(a for cell in para.cells if len(cell) > 20
                             for a in _from_sentences(cell, para, owners, ref) if a.owners and a.owner_known)
            continue
        if para.kind == "decision":  # 'Beschluss: … Herr X meldet die Gruppe bis 31.10. an.'
            found.extend(a for a in _from_sentences(para.text, para, owners, ref) if a.owners and a.owner_known)
            continue
        if _MID_ARROW.search(para.text) and (arrowed := _arrowed(para, owners, ref)):
            found.extend(arrowed)  # 'Kerstin -> Frau X anfragen (bis 31.7.)', 'Flyer drucken -> Baumgärtner'
            previous = para
            continue
        if " | " in para.text and para.kind in ("text", "item") and (in_section or para.kind == "item") \
                and (barred := _barred_pieces(para, owners, ref)):
            found.extend(barred)  # 'Jana bucht die Referentin bis 20.3. | Karin + Nikolai Konzept bis Ende April'
            previous = para
            continue
        if (";" in para.text or ", " in para.text) and (listed := _owner_pieces(para, owners, ref)):
            found.extend(listed)  # 'ToDo: Ngozi – Stadthalle reservieren; Mirjam – Grußwort anfragen bis 31.3.'
            previous = para
            continue
        if para.kind == "item" and para.section == DECISIONS and not explicit_decision(para.text) \
                and (action := _from_structured(para, owners, ref)) is not None and action.owners \
                and action.owner_known:
            found.append(action)  # 'Festlegungen: a) Infoblatt an die Betriebe – Klüver / Rohlfing – Oktober'
            continue
        if para.kind == "item" and (in_section or para.marker.startswith("[")):
            several = _from_sentences(para.text, para, owners, ref, assigned=in_section) \
                if len(sentences(para.text)) >= 2 else []
            if len(several) >= 2 and all(t.owners for t in several):
                found.extend(several)  # '- Herr X und Frau Y teilen sich die Suche. Frau Z verschickt den Aufruf.'
            elif item := _from_item(para, owners, ref):
                found.append(item)
            continue
        if in_section and _HEADER_LINE.fullmatch(para.text.strip()):
            continue  # 'Wer Was Bis wann': a task table's header row that lost its cells
        if previous is not None and _attach(para, previous, found, owners, ref):
            previous = para
            continue  # 'Verantwortlich: Frau X' / 'Termin: 15.05.' under its task line
        previous = para
        if para.kind in ("text", "item") and (charged := _in_charge_label(para, owners, ref)):
            found.append(charged)  # 'Zuständig für den Antrag: Frau Ertl, Frist 28.02.2025.'
            continue
        if (_TASK_LABEL.match(para.text) or ((m := _OWNER_LABEL.search(para.text)) and (
                _FIELD_LABELS.search(para.text) or due_date(para.text, ref)[0] or owners.is_owner(m.group("who")))
                and m.group("who").strip())) \
                and (action := _from_structured(para, owners, ref)):
            text = _FIELD_LABELS.sub(" ", _TASK_LABEL.sub("", action.text, count=1))
            action.text = re.sub(r"[\s|;,–—-]+$", "", _tidy(text)) or action.text
            if len(said := [t for t, _ in sentences(action.text) if len(t.split()) >= 3]) >= 2:
                action.text = said[-1].rstrip(". ")  # 'X berichtet … . Das Amt wird … erheben. Zuständig: …'
            found.append(action)  # 'Aufgabe: X – verantwortlich: Y – bis Z', 'Wer: … Was: … Bis wann: …'
            continue
        # under 'Aufgaben' / 'Weiteres Vorgehen' any 'X <verb> …' is agreed work ('teilen sich die Suche')
        from_sentences = _from_sentences(para.text, para, owners, ref, assigned=in_section)
        if not from_sentences and in_section and (action := _from_structured(para, owners, ref)
                                                  or _from_plain_row(para, owners, ref)
                                                  or _from_loose_row(para, owners, ref)):
            from_sentences = [action]
        elif not from_sentences and para.kind == "item" and (action := _task_first(para, owners, ref)
                                                             or _owner_last(para, owners, ref)):
            from_sentences = [action]  # 'Skizze abstimmen: Mikus, Ihm (bis 21.11.)', '… am 09.12. – Herr X.'

        found.extend(from_sentences)
    owners.sender = writer
    _lead_in_due(paragraphs, found, ref)
    _noted_runs(paragraphs, found, owners, ref)
    found = [t for t in found if t.owners or not _DEFERRED.search(t.text)]
    if (when := _next_meeting(paragraphs, ref)) is not None:
        for task in found:  # 'Ideensammlung zur nächsten Telko' when the protocol names that Telko's date
            if task.due is None and (before := _WEEKS_BEFORE.search(task.sentence)):
                weeks = _WEEK_COUNTS.get(before.group("n").lower()) or int(before.group("n"))
                task.due = (date.fromisoformat(when) - timedelta(weeks=weeks)).isoformat()  # 'drei Wochen vorher'
                task.text = _tidy(task.text.replace(before.group(0), " ")) or task.text
            elif task.due is None and (_deadline_at_next(task.sentence) or _deadline_at_next(task.text)):
                task.due = when
                task.text = _tidy(_AT_NEXT.sub(" ", task.text)) or task.text
            elif (m := _MONTH_MEETING.search(task.sentence)) and GERMAN_MONTHS.get(
                    (m.group("a") or m.group("b")).lower()) == int(when[5:7]):
                task.due = when  # 'Steckbriefe … | Februar-Sitzung' when the next meeting is on 10.02.
    return _restated(found, paragraphs)


def _chat_messages(paragraphs: list[Span]) -> tuple[list[Span], dict[int, str]]:
    """A chat pasted into a mail or a note ('[14:22] Aylin Korkmaz: Ich übernehme die Flyer, bis Ende Oktober'),
    one message a paragraph without its stamp and author, and the author of each (by the paragraph's index)."""
    if not any(para.kind in ("text", "item") and ":" in para.text for para in paragraphs):
        return paragraphs, {}
    result: list[Span] = []
    speakers: dict[int, str] = {}
    for para in paragraphs:
        cuts = [at for at, _ in para.starts if para.kind in ("text", "item") and chat_mod.stamped(para.text[at:])]
        if not cuts:
            result.append(para)
            continue
        if cuts[0] > 0:
            result.append(replace(para, text=para.text[:cuts[0]].rstrip(),
                                  starts=[(o, n) for o, n in para.starts if o < cuts[0]]))
        for a, b in zip(cuts, [*cuts[1:], len(para.text)], strict=False):
            chunk = para.text[a:b].rstrip()
            author, said = chat_mod.stamped(chunk) or ("", chunk)
            shift = len(chunk) - len(said)
            speakers[len(result)] = author
            result.append(replace(para, text=said, starts=[(max(0, o - a - shift), n) for o, n in para.starts
                                                           if a <= o < b]))
    return result, speakers


# A line in capitals only: some offices type the whole protocol so ('FRAU X SCHICKT DIE LISTE BIS ENDE JULI.').
_SHOUTED = re.compile(r"[A-ZÄÖÜ]{3,}\s+[A-ZÄÖÜ]{3,}\s+[A-ZÄÖÜ]{3,}")
_CAPITALISED = frozenset({"frau", "herr", "herrn", "dr", "prof"})


def _sentence_case(text: str, owners: _Owners) -> str:
    """'FRAU FLEISCHMANN SCHICKT DIE CHECKLISTE BIS ENDE JULI.' -> 'Frau Fleischmann schickt die checkliste bis ende
    juli.': words in lower case, the participants' names, salutations and each sentence's first word capitalised,
    short abbreviations ('HWK') kept; every offset stays where it was."""
    names = {name_key(w): w for n in owners.people.names for w in n.split()}

    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        key = name_key(w)
        start = m.start() == 0 or re.search(r"[.!?:]\s*$|^\W*$", text[:m.start()]) is not None
        if key in names and len(names[key]) == len(w):
            return names[key]
        if len(w) <= 4 and w.lower() not in _COMMON_SHORT:
            return w  # 'HWK', 'DGB', 'IHK'
        lower = w.lower()
        if len(lower) != len(w):
            return w
        return lower[:1].upper() + lower[1:] if start or key in _CAPITALISED else lower

    return re.sub(r"[A-ZÄÖÜß]+", word, text)


# Short words that are German words, not abbreviations, when a protocol is typed in capitals.
_COMMON_SHORT = frozenset("an am auf aus bei bis das dem den der des die ein eine für im in ins ist mit nach nur "
                          "oder und um vom von vor zum zur zu es er sie wir ort neu noch ende mai juni juli "
                          "märz alle frau herr dr wird soll muss kann gibt legt hat sind war kw sich beim neue "
                          "ihre ihr ihm uns wie was wer wo ab ob so auch aber dann eine ende".split())


# A status cell 'erledigt' / 'done' / 'abgeschlossen'.
_DONE_WORD = r"(?:erledigt|done|abgeschlossen|abgehakt)"
# An entry struck through ('- [x] ~~Raum buchen~~ (erledigt)', the readers mark it '(durchgestrichen)'): withdrawn.
_DONE_MARK = re.compile(r"\(durchgestrichen\)\s*(?:\([^()]*\)\s*)?[.!]?\s*$")
_DONE_CELL = re.compile(rf"(?i)\s*(?:[✓✔☑]\s*)?{_DONE_WORD}(?:\s+(?:am\s+)?[\d.]+)?\s*[.!]?\s*")


# 'Hanna: Jahresbericht 2024 verschickt', 'Herr X: Raum gebucht.': a note that ends in the participle of done work.
_DONE_NOTE = re.compile(r"^\s*[^:]{2,40}:\s+(?P<what>\S.{1,80}?)\s+(?P<p>[a-zäöüß]{4,})\s*[.!]?\s*$")


def _done(para: Span, columns: dict[str, list[int]] | None, ref: date | None = None) -> bool:
    """An entry struck through, or a task row marked 'erledigt' whose deadline (or the meeting it came from) lies
    before this meeting: work of an earlier meeting, reported done."""
    if para.kind == "row":  # a tracker's row done before this meeting: '… | Haddad | 15.02.2026 | erledigt'
        if columns is None or not any(_DONE_CELL.fullmatch(c) for c in para.cells or ()) or ref is None:
            return False
        cells = para.cells or ()
        dues = [due_date(cells[i], ref, anywhere=True)[0] for i in columns.get("due", []) if i < len(cells)]
        return any(d is not None and d < ref.isoformat() for d in dues) or any(
            (value := first_date(c)) is not None and value < ref for c in cells if not _DONE_CELL.fullmatch(c))
    # a ticked box or '(erledigt)' alone may still be the work agreed at this meeting ('[x] Raum buchen (erledigt)')
    if (note := _DONE_NOTE.match(para.text)) and note.group("p") in _PARTICIPLES \
            and not _MODAL_ANYWHERE.search(note.group("what")):
        return True  # 'Hanna: Jahresbericht 2024 verschickt': a note of what was done, no task
    return bool(_DONE_MARK.search(para.text))


# The task inside the owner's label: 'Zuständig für den Antrag: Frau Ertl, Frist 28.02.', 'Verantwortlich für die
# Einladung: Herr Obermeier (bis 3.3.)'.
_IN_CHARGE_LABEL = re.compile(r"^\s*(?:Zuständig|Verantwortlich|Federführend|Federführung)(?:\s+(?:ist|sind))?\s+für\s+"
                              r"(?P<what>[^:]{3,80}?)\s*:\s*(?P<who>[^,;()]{2,60}?)\s*(?P<rest>(?:[,;(].*)?)$", re.I)


def _in_charge_label(para: Span, owners: _Owners, ref: date | None) -> Action | None:
    if not (m := _IN_CHARGE_LABEL.match(para.text)):
        return None
    names, known = owners.resolve(m.group("who"))
    if not names or not (known or all(person_name(n) for n in names)):
        return None
    what = _ARTICLE.sub("", m.group("what").strip())
    due = due_date(m.group("rest"), ref)[0] or due_date(m.group("rest"), ref, anywhere=True)[0]
    return Action(what, names[0], due, para.line, para.text, names, known, page=para.page)


# 'verschickt die Einladung drei Wochen vorher', '… zwei Wochen vor der nächsten Sitzung': counted back from the
# next meeting the protocol names.
_WEEKS_BEFORE = re.compile(r"(?i)\b(?P<n>eine|einer|zwei|drei|vier|sechs|\d)\s+Wochen?\s+(?:vorher|vorab|zuvor|vor\s+"
                           r"(?:der|dem)\s+(?:nächsten\s+)?(?:Sitzung|Treffen|Termin|Runde|Besprechung))\b")
_WEEK_COUNTS = {"eine": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4, "sechs": 6}


# 'Die Gruppe wird beim nächsten Treffen über die Veröffentlichung entscheiden': a deferred decision, no one's task.
_DEFERRED = re.compile(r"(?i)\b(?:nächste[nm]?|kommende[nm]?)\s+(?:Treffen|Sitzung|Runde|Termin)\b.*\b(?:entscheiden"
                       r"|beraten|besprechen|diskutieren|befassen|abstimmen|beschließen)\b")


_NAME_COLON = re.compile(r"^\s*(?:[-•*–]\s*)?(?P<who>[^:;,.()]{2,40}?)\s*:\s+(?P<rest>\S[^:]{2,100})$")


def _noted_runs(paragraphs: list[Span], found: list[Action], owners: _Owners, ref: date | None) -> None:
    """'Ronja: Literaturliste in den Teams-Ordner' between 'Marek: Raum bestätigen' and 'Anja: Umfrage auswerten':
    in a run of notes 'Name: task', a note without a verb is a task as well."""
    by_line = {t.line for t in found}

    def noted(para: Span) -> re.Match[str] | None:
        m = _NAME_COLON.match(para.text) if para.kind in ("text", "item") else None
        return m if m and owners.resolve(m.group("who"))[1] and owners.resolve(m.group("who"))[0] else None

    def task_note(index: int) -> bool:
        return 0 <= index < len(paragraphs) and paragraphs[index].line in by_line \
            and noted(paragraphs[index]) is not None

    for index, para in enumerate(paragraphs):
        if para.line in by_line or not (m := noted(para)) or _done(para, None) or _AUXILIARY.search(m.group("rest")) \
                or len(m.group("rest").split()) > 10 or not (task_note(index - 1) or task_note(index + 1)):
            continue
        names, _ = owners.resolve(m.group("who"))
        action = _make(m.group("rest"), "", [(n, True) for n in names], ref, para.text)
        action.line, action.page = para.line, para.page
        at = next((i for i, t in enumerate(found) if t.line > para.line), len(found))
        found.insert(at, action)


_CONTINUED_OWNER = re.compile(r"^\(\s*[^()]{2,60}\)\s*(?:[;,.]|$)")


def _rejoined(paragraphs: list[Span]) -> list[Span]:
    """'… ; Fotos vom Betriebsbesuch für die Website' + '(Rombach); Liste …': a line broken before the owner in
    brackets (a PDF or a narrow column) is one paragraph again."""
    result: list[Span] = []
    for para in paragraphs:
        last = result[-1] if result else None
        open_end = last is not None and not last.text.rstrip().endswith((".", "!", "?", ":", ")"))
        if last is not None and open_end and (
                (para.kind == last.kind == "text" and _CONTINUED_OWNER.match(para.text))
                # '… (Frau Dr. zu Solms) nimmt' + 'Frau Hoppenstedt auf. (bis …)' read as a heading: the item goes on
                or (para.kind == "heading" and last.kind in ("item", "text")
                    and re.search(r"[a-zäöüß]\.(?:\s*\([^()]*\))?$", para.text) and len(para.text.split()) <= 10)):
            shift = len(last.text) + 1
            result[-1] = replace(last, text=f"{last.text} {para.text}",
                                 starts=[*last.starts, *((s + shift, line) for s, line in para.starts)])
            continue
        result.append(para)
    return result


def reply_actions(cover: str, found: list[Action], people: People, ref: date | None, orgs: tuple[str, ...] = (),
                  sender: str | None = None, known: KnownPeople | None = None) -> list[Action]:
    """Tasks the writer of a reply adds above the quoted protocol ('Eine Ergänzung: Die Umfrage übernehme ich
    gern …'): only those of known people, and none the protocol already holds for the same owners. A reply that
    hands a listed task to someone else ('das Merkblatt schickt deshalb Frau von Hövel') changes its owners."""
    own = actions([Span(cover, "text", None, [(0, 1)])], people, ref, orgs, sender, None, known)

    def nouns(task: Action) -> set[str]:
        found_nouns = {w.lower() for w in re.findall(r"\b[A-ZÄÖÜ][\wäöüß-]{3,}", task.text)}
        return found_nouns | {p for w in found_nouns for p in w.split("-") if len(p) >= 4}

    added = []
    for task in own:
        if not task.owners:
            continue
        same = [o for o in found if nouns(task) & nouns(o)]
        if len(same) == 1 and set(same[0].owners) != set(task.owners) and (
                task.owner_known or all(re.match(rf"(?:{SALUTATION})\s", n) for n in task.owners)):
            same[0].owners = [re.sub(rf"^(?:{SALUTATION})\s+", "", n) for n in task.owners]  # 'Frau von Hövel'
            same[0].owner, same[0].owner_known = same[0].owners[0], task.owner_known
            same[0].due = task.due or same[0].due
        elif task.owner_known and not any(set(task.owners) == set(o.owners)
                                          and (nouns(task) & nouns(o) or task.due == o.due)
                     for o in found):
            added.append(task)
    return added


def _lead_in_due(paragraphs: list[Span], found: list[Action], ref: date | None) -> None:
    """'Bitte bis zum 26.09. erledigen:' over a list: its deadline holds for every item below without one."""
    by_line: dict[int, str] = {}
    due: str | None = None
    for para in paragraphs:
        if para.kind == "item" and due is not None:
            by_line.update((line, due) for _, line in para.starts)
            continue
        due = due_date(para.text, ref)[0] if para.kind in ("text", "heading") and len(para.text) <= 120 \
            and para.text.rstrip().endswith(":") and not any(t.line == para.line for t in found) else None
    for task in found:
        if task.due is None and task.line in by_line:
            task.due = by_line[task.line]


_MEETING_WORDS = (r"(?:Sitzung|Treffen|Termin|Telko|Runde|Besprechung|Telefonkonferenz|Videokonferenz|Zusammenkunft"
                  r"|Fachgruppensitzung|AG-Sitzung|FG-Sitzung|Gruppensitzung|Jour\s+fixe|Netzwerktreffen|Versammlung)")
# The next meeting with its date: 'Nächste Sitzung: 26.03.2025', 'nächste Telko: 9.9., gleiche Zeit'.
_NEXT_NAMED = re.compile(rf"(?i)\bnächste[rsn]?\s+{_MEETING_WORDS}\b|^\W*(?:\d{{1,2}}[.)]\s*)?(?:Termine?|Folgetermin"
                         r"|Ausblick)\s*:?\s*$")
_NEXT_NAMED = guarded(_NEXT_NAMED)  # run only where a word it needs occurs (etl/core/prefilter.py)
# A deadline set by the next meeting: 'zur nächsten Sitzung', 'bis zum nächsten Treffen', 'für die nächste Telko'.
_AT_NEXT = re.compile(rf"(?i)\s*,?\s*\b(?:bis\s+)?(?:zur|zum|für\s+die|für\s+das|fürs|in\s+der|im|beim|auf\s+der"
                      rf"|vor\s+der|bis\s+zur|bis\s+zum)\s+nächsten?\s+{_MEETING_WORDS}\b")
_AT_NEXT = guarded(_AT_NEXT)  # run only where a word it needs occurs (etl/core/prefilter.py)


# What is made for the next meeting rather than by it: 'die Terminabfrage für die nächste Sitzung verschicken'.
_FOR_MEETING = re.compile(r"(?i)(?:abfrage|termin|terminvorschläge|einladung|tagesordnung|agenda|raum|ort|doodle"
                          r"|umfrage|protokoll|vorbereitung|thema|themen)\s*$")


_MONTH_NAMES = "|".join(sorted((re.escape(m) for m in GERMAN_MONTHS if len(m) > 3), key=len, reverse=True))
# 'Februar-Sitzung', 'Sitzung im März': the meeting of that month, the next one when the protocol dates it then
_MONTH_MEETING = re.compile(rf"(?i)\b(?P<a>{_MONTH_NAMES})-?(?:sitzung|treffen|termin|runde)\b"
                            rf"|\b(?:Sitzung|Treffen|Termin|Runde)\s+im\s+(?P<b>{_MONTH_NAMES})\b")


def _deadline_at_next(text: str) -> bool:
    return any(not _FOR_MEETING.search(text[:m.start()]) for m in _AT_NEXT.finditer(text))


_DAY = re.compile(r"(?<!\d)\d{1,2}\.(?:\s?\d{1,2}\b|\s*[A-Za-zÄÖÜäöü])|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}")


def _next_meeting(paragraphs: list[Span], ref: date | None) -> str | None:
    """The date of the next meeting when the protocol names it ('Nächster Termin: 26.03.2025, 13 Uhr', or a date
    alone under the heading 'Termine'), a date after this meeting's."""
    if ref is None:
        return None
    named = False
    for para in paragraphs:
        if para.kind == "heading":
            named = bool(_NEXT_NAMED.search(para.text))
            if not named:
                continue
        elif not named and not _NEXT_NAMED.search(para.text) and para.section != NEXT:
            continue  # 'Nächste Sitzung: 10.02.2026 …' comes as its label's text alone
        text = para.text
        if m := _NEXT_NAMED.search(text):
            text = text[m.end():] if m.end() < len(text) else text
        value, span = due_date(text, ref, anywhere=True)
        if value and span and value > ref.isoformat() and _DAY.search(text[span[0]:span[1]]):
            return value  # a day, not 'im Januar 2024': a month alone is no meeting's date
        if para.kind != "heading":
            named = False
    return None


# A signature closing the minutes: 'Kassel, 13.02.2025 gez. J.-U. K.', 'gez. Ahlers', 'f.d.R. K.-U. Dreyer'.
_SIGNATURE = re.compile(r"^\s*(?:(?:gez\.|f\.\s?d\.\s?R\.?)\s|[A-ZÄÖÜ][\wäöüß.() -]{1,40},\s*(?:den\s+)?"
                        r"\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\s*(?:[,/]\s*)?(?:gez\.|[A-ZÄÖÜ]\.|$))")
# What a saved page or a thread adds under the minutes: 'Zuletzt geändert: 26.06.2024 · Name' (a wiki's footer),
# 'Name: Danke für die Zusammenfassung!' (a comment). It names a person and a date but is no task.
_PAGE_NOTE = re.compile(r"(?i)^\s*(?:(?:Zuletzt|Letztmals)\s+(?:geändert|bearbeitet|aktualisiert)|Letzte\s+Änderung"
                        r"|(?:Erstellt|Geändert|Bearbeitet)\s+(?:von|am|durch)\b"
                        r"|(?:[^:;.!?]{2,60}:\s*)?(?:Danke|Vielen\s+Dank|Herzlichen\s+Dank|Besten\s+Dank)\b[^.;?]{0,80}[!.]?\s*$)")
# Field lines of one task: 'V: Esser – Erinnerung an …' (Verantwortlich), 'T: 30.09.2024' (Termin), and the text.
_FIELD_OWNER = re.compile(r"^(?:(?-i:V)|Verantwortlich(?:e|er)?|Verantw\.|Wer|Zuständig)\s*:\s*(?P<rest>\S.*)$", re.I)
_FIELD_DUE = re.compile(r"^(?:(?-i:T)|Termin|Frist|Bis(?:\s+wann)?|Wann|Fällig(?:\s+am)?|Erledigen\s+bis)\s*:\s*"
                        r"(?P<rest>\S.*)$", re.I)


def owner_field(text: str) -> bool:
    """'verantwortlich: Haddad', 'V: Esser': a line that names a task's owner in a field of its own."""
    return bool(_FIELD_OWNER.match(text.strip()))


def _field_blocks(paragraphs: list[Span], owners: _Owners, ref: date | None) -> dict[int, Action | None]:
    """'V: <owner> [– task]' followed by 'T: <deadline> [task]' and, when neither names the work, the short line
    after them: one task per block, keyed by the index of its first paragraph (the others map to None)."""
    blocks: dict[int, Action | None] = {}
    for i, para in enumerate(paragraphs):
        if i in blocks or para.kind not in ("text", "item") or not (owner := _FIELD_OWNER.match(para.text)):
            continue
        if i > 0 and _TASK_LABEL.match(paragraphs[i - 1].text):
            continue  # 'Aufgabe: …' above: the owner and deadline lines complete that task (read by _attach)
        nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        when = _FIELD_DUE.match(nxt.text) if nxt is not None and nxt.kind in ("text", "item") else None
        if when is None:
            continue
        parts = re.split(r"\s+[–—-]\s+", owner.group("rest"), maxsplit=1)
        who, task = parts[0].strip(), parts[1].strip() if len(parts) > 1 else ""
        if not _strict_owner(who, owners) and not owners.is_owner(who):
            continue
        due, span = due_date(when.group("rest"), ref, anywhere=True)
        rest = _tidy(_strip_spans(when.group("rest"), [span] if span and span[0] == 0 else []))
        if rest and not due and re.fullmatch(r"(?i)laufend|offen|sofort|fortlaufend|k\.\s?a\.|–|-", rest):
            rest = ""
        used = [i, i + 1]
        if not task and not (rest and due):
            after = paragraphs[i + 2] if i + 2 < len(paragraphs) else None
            if after is not None and after.kind in ("text", "item") and len(after.text) <= 120 \
                    and not _FIELD_OWNER.match(after.text) and not _FIELD_DUE.match(after.text) \
                    and not _TASK_LABEL.match(after.text) and not _SIGNATURE.match(after.text):
                task = after.text
                used.append(i + 2)
        task = task or rest
        if not task:
            continue
        names, known = owners.resolve(who)
        blocks.update({index: None for index in used})
        blocks[i] = Action(_tidy(task), names[0] if names else None, due, para.line,
                           " / ".join(paragraphs[j].text for j in used), names, known, page=para.page)
    return blocks


def _typed_rows(paragraphs: list[Span]) -> list[Span]:
    """The lines under a typed header line as table rows with that header, so they read like any task table."""
    result: list[Span] = []
    header: tuple[str, ...] | None = None
    separator = ""
    for para in paragraphs:
        if para.kind in ("text", "item") and (m := _TYPED_HEADER.match(para.text.strip())):
            separator = m.group("sep")
            header = tuple(c.strip() for c in re.split(re.escape(separator.strip()) if separator.strip() else r"\s+",
                                                       para.text.strip()))
            if task_columns(header) is None:
                header = None
            else:
                continue
        if header is not None and para.kind in ("text", "item") and len(para.starts) == 1:
            cut = r"\s*" + re.escape(separator.strip()) + r"\s*" if separator.strip() not in ("-", "–", "—") \
                else r"\s+[-–—]\s+"
            cells = tuple(c.strip() for c in re.split(cut, para.text.strip()))
            if 2 <= len(cells) <= len(header):
                cells = cells + ("",) * (len(header) - len(cells))
                result.append(replace(para, kind="row", cells=cells, header=header))
                continue
        header = None
        result.append(para)
    return result


# A key to abbreviations: 'Kürzel: NE = Nadine Esser, WJ = Wiebke Janßen', 'Art: B = Beschluss, A = Auftrag'.
_LEGEND = re.compile(r"^\s*(?:[\wÄÖÜäöüß.]+\s*:\s*)?[^\s,;=]{1,5}\s*=\s*[^,;=]{2,40}"
                     r"(?:[,;]\s*[^\s,;=]{1,5}\s*=\s*[^,;=]{2,40})+\.?\s*$")
# An arrow between an owner and a task, in either order ('Kerstin -> Folien rumschicken', 'Pressetext -> Yılmaz').
_MID_ARROW = re.compile(r"\S\s*(?:→|->|=>|⇒|➔|➜)\s*\S")
_MID_ARROW = guarded(_MID_ARROW)  # run only where a word it needs occurs (etl/core/prefilter.py)
_ARROW = re.compile(r"\s*(?:→|->|=>|⇒|➔|➜)\s*")


def _arrowed(para: Span, owners: _Owners, ref: date | None) -> list[Action]:
    """Tasks written with arrows, one per line or joined by ';': 'Owner -> task (bis …)', 'task -> Owner bis …',
    'Owner: task -> April'. Every line with an arrow must read so, else the paragraph is left to the other readers."""
    bounds = [start for start, _ in para.starts] + [len(para.text)]
    if sum(bool(_MID_ARROW.search(para.text[a:b])) for a, b in zip(bounds, bounds[1:], strict=False)) <= 1:
        bounds = [0, len(para.text)]  # one arrow in a paragraph whose lines only wrap: read it whole
    found: list[Action] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        line = para.text[a:b]
        if not _MID_ARROW.search(line):
            if line.strip() and len(bounds) > 2:
                return []
            continue
        for piece in re.finditer(r"[^;]+", line) if ";" in line else [re.match(r".+", line, re.S)]:
            if piece is None or not piece.group(0).strip():
                continue
            action = _arrow_piece(piece.group(0).strip(), owners, ref)
            if action is None:
                return []
            action.line, action.page, action.sentence = para.line_at(a + piece.start()), para.page, line.strip()
            found.append(action)
    return found


# 'Ngozi – Stadthalle reservieren', 'Ute: Flyer drucken bis 1.7.': one owner and the work, in a line of several
_OWNER_PIECE = re.compile(r"^(?P<who>[^:;–—]{2,60}?)\s*(?::|\s[–—-])\s+(?P<task>\S.*)$")


def _owner_pieces(para: Span, owners: _Owners, ref: date | None) -> list[Action]:
    """Several tasks in one line, joined by ';', each 'Owner – task' or 'Owner: task' after an optional 'ToDo:'
    label. Every piece must start with a participant, collective or organisation, else the line is left to
    the other readers (a sentence that only holds a ';')."""
    label = _TASK_LABEL.match(para.text) or _LIST_LEAD.match(para.text)
    start = label.end() if label else 0
    due = due_date(label.group(0), ref)[0] if label else None  # 'Bis Freitag: Raum (Sandra), Einladung (Tobias)'
    for separator in (";", ","):
        pieces = _top_level_pieces(para.text[start:], separator)
        if len(pieces) < 2:
            continue
        # a list joined by commas only under a label or in a task section ('Anwesend: Sandra (HWK), …' is none)
        labelled = separator == ";" or bool(label) or para.section == TASKS
        found: list[Action] = []
        for at, piece in pieces:
            m = _OWNER_PIECE.match(piece)
            if m is None or not _strict_owner(m.group("who"), owners):
                if not labelled or (action := _bracketed_piece(piece.strip(" ."), owners, ref)
                        or _owner_then_bracket(piece.strip(" ."), owners, ref)) is None:
                    break
            elif (action := _arrow_piece(f"{m.group('who')} -> {m.group('task')}", owners, ref)) is None:
                break
            action.line = para.line_at(start + at)
            action.page, action.sentence = para.page, piece
            action.due = action.due or due
            found.append(action)
        else:
            return found
    return []


def _barred_pieces(para: Span, owners: _Owners, ref: date | None) -> list[Action]:
    """Several tasks in one note line, set apart by ' | ': each a task sentence ('Jana bucht die Referentin bis
    20.3.') or its owners and the work ('Karin + Nikolai Workshop-Konzept bis Ende April'); all pieces or none."""
    found: list[Action] = []
    at = 0
    for piece in para.text.split(" | "):
        start = para.text.find(piece, at)
        at = start + len(piece)
        action = next(iter(_from_sentences(piece, para, owners, ref, offset=start)), None) \
            or _owners_then_work(piece, owners, ref)
        if action is None or not action.owners:
            return []
        action.line, action.page = para.line_at(start), para.page
        found.append(action)
    return found if len(found) >= 2 else []


def _owners_then_work(piece: str, owners: _Owners, ref: date | None) -> Action | None:
    """'Karin + Nikolai Workshop-Konzept bis Ende April': participants, then the work without a verb."""
    hits = owners.find(piece)
    if not hits or hits[0][1] != 0:
        return None
    names, end = [hits[0][0]], hits[0][2]
    for name, s, e in hits[1:]:
        if not re.fullmatch(r"\s*(?:\+|&|,|und|sowie)\s*", piece[end:s]):
            break
        names.append(name)
        end = e
    rest = piece[end:].strip(" :,–-")
    due, span = due_date(rest, ref)
    work = _tidy(_strip_spans(rest, [span] if span else []))
    if not work or not re.match(r"[A-ZÄÖÜ0-9]", work):
        return None
    return Action(work, names[0], due, 0, piece, list(dict.fromkeys(names)), True)


# 'Aufgaben:' or 'Bis Freitag:' before a list of tasks in one line.
_LIST_LEAD = re.compile(r"(?i)^\s*(?:Aufgaben|To-?Dos?|Nächste\s+Schritte|Vereinbart|Bis\s+[^:]{2,30})\s*:\s*")


def _top_level_pieces(text: str, separator: str) -> list[tuple[int, str]]:
    """`text` cut at `separator` outside brackets: 'A (X, bis 3.4.), B (Y)' -> ['A (X, bis 3.4.)', 'B (Y)']."""
    pieces, depth, begin = [], 0, 0
    for i, char in enumerate(text + separator):
        depth += (char == "(") - (char == ")")
        if char == separator and depth == 0 and (separator == ";" or i == len(text) or text[i + 1:i + 2] == " "):
            if piece := text[begin:i].strip():
                pieces.append((begin + len(text[begin:i]) - len(text[begin:i].lstrip()), piece))
            begin = i + 1
    return pieces


def _owner_then_bracket(piece: str, owners: _Owners, ref: date | None) -> Action | None:
    """'Sandra (Raum)', 'ich (Protokoll)': the owner first, the task in brackets."""
    m = re.fullmatch(r"(?P<who>[^()]{2,40}?)\s*\((?P<task>[^()]{2,80})\)", piece)
    if m is None or not _strict_owner(m.group("who"), owners) or _just_date(m.group("task"), ref) \
            or owners.other(m.group("task")) or is_org_like(m.group("task")) \
            or _org_as_written(m.group("task")):
        return None  # 'Sandra (HWK)': where the owner works, no task
    names, known = owners.resolve(m.group("who"))
    return _make(m.group("task"), "", [(n, known) for n in names], ref, piece) if names else None


def _bracketed_piece(piece: str, owners: _Owners, ref: date | None) -> Action | None:
    """'Einladung Herbsttreffen (Moreau, bis 15.10.)': a task with its owners and deadline in closing brackets."""
    m = _CLOSING_OWNER.search(piece)
    if m is None or not piece[:m.start()].strip():
        return None
    who, due = [], None
    for part in (p.strip() for p in re.split(r"[,;]", m.group("who")) if p.strip()):
        if value := due_date(part, ref, anywhere=True)[0]:
            due = due or value
        elif _NO_DEADLINE.fullmatch(part):
            continue
        elif _strict_owner(part, owners):
            who.append(part)
        else:
            return None
    if not who:
        return None
    names, known = owners.resolve(", ".join(who))
    action = _make(piece[:m.start()], "", [(n, known) for n in names], ref, piece)
    action.due = due or action.due
    return action


def _strict_owner(raw: str, owners: _Owners) -> bool:
    """Every part is a participant, a collective or an organisation, or 'Frau/Herr X': no phrase shaped like a name."""
    value = re.sub(r"\s*\([^()]*\)", "", clean(raw) or "").strip(" .:@-–—•*")
    parts = [p.strip(" .:@") for p in re.split(r"\s*(?:,|/|;|&|\+|\bund\b)\s*", value) if p.strip(" .:@")]
    return bool(parts) and len(value) <= 80 and all(
        owners.person(p) or owners.other(p) or (re.match(rf"(?:{SALUTATION})\s", p) and person_name(p))
        for p in parts)


def _arrow_piece(text: str, owners: _Owners, ref: date | None) -> Action | None:
    m = _ARROW.search(text)
    if m is None or m.start() == 0:
        return None
    left, right = re.sub(r"^[^\w(@]+", "", text[:m.start()]).strip(), text[m.end():].strip()
    if not left or not right or _ARROW.search(right):
        return None
    if _strict_owner(left, owners):  # 'Martina + Lea -> Ideensammlung Wiedereinstieg, zur nächsten Telko'
        names, known = owners.resolve(re.sub(r"\s*\([^()]*\)", "", left))
        task, due_text = right, right
    elif (first := _OWNER_FIRST.match(left)) and _strict_owner(first.group("who"), owners):
        names, known = owners.resolve(first.group("who"))  # 'HGtV: Einladungen Frühjahrsempfang -> April'
        task, due_text = f"{first.group('rest')} {right}" if not _only_date(right, ref) else first.group("rest"), right
    elif _strict_owner(who := _who_part(right, ref), owners):
        names, known = owners.resolve(who)  # 'Verteilung der Broschüre -> Baumgärtner bis 31.10.'
        # '…: Gründung bestätigt, Aufnahme in die Liste -> L. Brenner': the work is the last clause before the arrow
        task, due_text = re.split(r"(?<=[.:;,])\s+(?=\S+\s+\S)", left)[-1], right
    else:
        return None
    due, span = due_date(due_text, ref)
    if due is None:
        due = due_date(due_text, ref, anywhere=True)[0] if _only_date(due_text, ref) else None
    if due is None and (tail := re.search(r"(?:,|\(|\s[–—-])\s*(?P<d>[^,()]{2,30}?)\)?\s*$", task)) \
            and _only_date(tail.group("d"), ref):
        due, span = due_date(tail.group("d"), ref, anywhere=True)[0], (tail.start(), len(task))
    if task is right and span:
        task = _strip_spans(task, [span])
    task = _tidy(re.sub(r"\(\s*(?:bis\s+)?\)", "", task))
    if not task or not names:
        return None
    return Action(task, names[0], due, 0, text, names, known)


def _restated(found: list[Action], paragraphs: list[Span]) -> list[Action]:
    """A task told in the minutes and listed again under 'Aufgaben' is one task: the list's entry stays."""
    listed_lines = {line for p in paragraphs if p.section == TASKS for _, line in p.starts}
    listed = [t for t in found if t.line in listed_lines]
    if not listed:
        return found

    def words(task: Action) -> set[str]:  # the nouns of the task, not its verb ('Entwurf', not 'klären')
        nouns = {w.lower() for w in re.findall(r"\b[A-ZÄÖÜ][\wäöüß-]{3,}", task.text)}
        nouns |= {part for w in nouns if "-" in w for part in w.split("-") if len(part) >= 4}  # 'Jahresbericht-Entwurf'
        return nouns - {w.lower() for name in task.owners for w in name.split()}

    return [t for t in found if t.line in listed_lines or not t.owners or not any(
        set(t.owners) & set(other.owners) and words(t) & words(other) for other in listed)]


# A checkbox drawn as a character ('☐ @Anna Schmidt Raum buchen', '☑ …'), as wikis and word processors export it.
_BOX = re.compile(r"^\s*(?P<box>[☐☑☒✓✔✗✘□■◻◼❑❒])\s*@?")


def _drawn_checkbox(para: Span) -> Span:
    """The span without its drawn box and a leading '@', marked as a checkbox item ('[ ]' or '[x]')."""
    if para.kind not in ("item", "text") or not (m := _BOX.match(para.text)) or explicit_decision(para.text[m.end():]):
        return para  # '✔ beschlossen: …' ticks a decision, it is no checkbox
    cut = m.end()
    return replace(para, text=para.text[cut:], kind="item", marker="[ ]" if m.group("box") in "☐□◻❑" else "[x]",
                   starts=[(max(0, start - cut), line) for start, line in para.starts])


def _attach(para: Span, previous: Span, found: list[Action], owners: _Owners, ref: date | None) -> bool:
    """A line that only names an owner or a deadline completes the task line just above it (or makes that line a
    task): 'Aufgabe: Checkliste überarbeiten' + 'Verantwortlich: Frau Marquardt' + 'Termin: 15.05.'."""
    if para.kind not in ("text", "item") or previous.kind not in ("text", "item") or para.cells is not None:
        return False
    owner = _ONLY_OWNER.match(para.text)
    when = _ONLY_DUE.match(para.text)
    if not owner and not (when and due_date(when.group("when"), ref, anywhere=True)[0]):
        return False
    if para.line - previous.starts[-1][1] > 1:
        return False
    task = found[-1] if found and found[-1].line >= previous.line else None
    if task is None and found and (_ONLY_OWNER.match(previous.text) or _ONLY_DUE.match(previous.text)) \
            and 0 <= para.line - found[-1].line <= 3:
        task = found[-1]  # 'Aufgabe: …' / 'zuständig: …' / 'Frist: …': the third line completes the same task
    if task is None:
        if len(previous.text) > 160 or _ONLY_DUE.match(previous.text) or _ONLY_OWNER.match(previous.text):
            return False
        due, span = due_date(previous.text, ref)
        text = _tidy(_TASK_LABEL.sub("", _strip_spans(previous.text, [span] if span else []), count=1))
        task = Action(text or previous.text, None, due, previous.line, previous.text, [], True, page=previous.page)
        found.append(task)
    if owner and not task.owners:
        task.owners, task.owner_known = owners.resolve(owner.group("who"))
        task.owner = task.owners[0] if task.owners else None
    if when and task.due is None:
        task.due = due_date(when.group("when"), ref, anywhere=True)[0]
    return True


_NUMBER_CELL = re.compile(r"\d{1,3}[.)]?|TOP\s*\d{1,2}[a-z]?", re.I)


def _from_row(para: Span, columns: dict[str, list[int]] | None, owners: _Owners,
              ref: date | None) -> Action | None:
    cells = [c.strip() for c in para.cells or ()]

    def cell(role: str) -> str:
        for i in (columns or {}).get(role, []):
            if i < len(cells) and cells[i]:
                return cells[i]
        return ""

    if columns is not None:
        if _ENTRY_KINDS.get(cell("kind").strip(" .:").lower(), "task") != "task":
            return None  # 'B' (Beschluss) or 'I' (Information) in the 'Art' column: no task
        text, owner_text, due_text = cell("text"), cell("owner"), cell("due")
        if len(columns.get("due", [])) > 1:  # 'Termin | Frist': the first column that holds a date
            due_text = next((cells[i] for i in columns["due"] if i < len(cells)
                             and due_date(cells[i], ref, anywhere=True)[0]), due_text)
    else:
        values = [c for c in cells if c and not _NUMBER_CELL.fullmatch(c)]
        if not values:
            return None
        for value in values:  # a bullet list read as a table: '• | Frau Pietrzak → Übergabe der Verteiler …'
            if _MID_ARROW.search(value) and ";" not in value and (arrowed := _arrow_piece(value, owners, ref)):
                arrowed.line, arrowed.page, arrowed.sentence = para.line, para.page, _row_text(para)
                return arrowed
        text, owner_text, due_text = "", "", ""
        rest: list[str] = []
        for value in values:
            if not due_text and due_date(value, ref, anywhere=True)[0] and len(value) <= 40:
                due_text = value
            elif not owner_text and _is_owner(value, owners):
                owner_text = value
            else:
                rest.append(value)
        text = max(rest, key=len) if rest else ""
    if not text:
        return None
    due = due_date(due_text, ref, anywhere=True)[0] if due_text else due_date(text, ref)[0]
    if due is None and owner_text:  # 'Wer / bis wann': 'Esser / 06.02.2026', 'Dreyer / Ende Januar'
        due = next((due_date(part, ref, anywhere=True)[0] for part in re.split(r"\s*(?:/|,|;|\s[–—-]\s)\s*", owner_text)
                    if _only_date(part, ref)), None)
    names, known = owners.resolve(owner_text if re.search(r"\w", owner_text) else "")
    if not names:
        inner = _from_sentences(text, para, owners, ref)
        if inner:
            names, known = inner[0].owners, inner[0].owner_known
    if not names and due is None and not _asks_for_work(text):
        return None  # 'Begrüßung: Die Runde nimmt den Bericht zur Kenntnis | – | –' records, it assigns nothing
    if m := re.search(r"\b(?:Aufgabe|To-?Do|AP|Maßnahme)\s*:\s*(?P<task>[^:]+)$", text, re.I):
        text = m.group("task")  # 'Thema und Ergebnis': the task is what follows 'Aufgabe:'
    return Action(_tidy(text), names[0] if names else None, due, para.line, _row_text(para), names, known,
                  page=para.page)


# The entry kinds of an 'Art' column as German minutes abbreviate them ('A = Auftrag, B = Beschluss, I = Info').
_ENTRY_KINDS = {"a": "task", "auftrag": "task", "aufgabe": "task", "t": "task", "todo": "task", "to-do": "task",
                "maßnahme": "task", "ap": "task", "b": "decision", "beschluss": "decision", "e": "decision",
                "entscheidung": "decision", "i": "info", "info": "info", "information": "info", "f": "info",
                "feststellung": "info", "hinweis": "info", "bericht": "info", "k": "info", "kenntnisnahme": "info"}


# The kind of an entry as a letter in brackets before or after its text: '(B) Die Messe …', '… zieht um. [I]'.
_KIND_MARK = re.compile(r"^[(\[](?P<k>[A-Z])[)\]]\s+(?P<a>\S.*)$|^(?P<b>\S.*?)\s+[(\[](?P<l>[A-Z])[)\]]\s*$")
# The key to such letters: 'Legende: B = Beschluss, I = Information, A = Aufgabe'.
_KIND_KEY = re.compile(r"\bB\s*(?:=|:|–|-)\s*Beschluss")


def kind_mark(para: Span) -> tuple[str, str] | None:
    """('decision' | 'task' | 'info', the entry's text) for an item marked with a kind letter, else None."""
    if para.kind not in ("item", "text") or not (m := _KIND_MARK.match(para.text.strip())):
        return None
    kind = _ENTRY_KINDS.get((m.group("k") or m.group("l")).lower())
    return (kind, (m.group("a") or m.group("b")).strip()) if kind else None


def kind_marks(paragraphs: list[Span]) -> bool:
    """The protocol marks its entries with kind letters: the letters are all kinds (no '(C)' of an enumeration),
    and a key explains them or the marks are not only 'A' (an enumeration '(A) … (B) …' would have no 'I')."""
    letters = {(m.group("k") or m.group("l")) for para in paragraphs if para.kind in ("item", "text")
               and (m := _KIND_MARK.match(para.text.strip()))}
    if not letters or any(letter.lower() not in _ENTRY_KINDS for letter in letters):
        return False
    return any(_KIND_KEY.search(para.text) for para in paragraphs) or "I" in letters or letters == {"B"}


def entry_kind(para: Span) -> str | None:
    """'task', 'decision' or 'info' for a row whose 'Art' column says what it records, else None."""
    if para.kind != "row" or not para.header or not para.cells:
        return None
    for i, head in enumerate(para.header):
        if " ".join(head.lower().split()).strip(" :?*") in _TASK_COLUMNS["kind"] and i < len(para.cells):
            return _ENTRY_KINDS.get(para.cells[i].strip(" .:").lower())
    return None


def _asks_for_work(text: str) -> bool:
    """A row or line without owner and deadline is a task only when it says what to do: 'Aufgabe: …', a modal or
    an infinitive at its end ('Raum buchen')."""
    if re.search(r"(?i)\b(?:Aufgabe|To-?Do|AP|Maßnahme|Arbeitsauftrag)\s*:", text) or _MODAL_ANYWHERE.search(text):
        return True
    last = re.sub(r"\s*\([^()]*\)\s*$", "", text).strip(" .;,!").split()
    return bool(last) and bool(_INFINITIVE.fullmatch(last[-1])) and last[-1] not in _NOT_TASK_INFINITIVES


_TASK_HEADER_WORDS = (r"(?:nr\.?|#|wer|was|bis\s+wann|wann|bis|verantwortlich(?:e)?|zuständig|aufgabe|maßnahme"
                      r"|termin|frist|status|erledigt|datum|thema|to-?do|fällig)")
_HEADER_LINE = re.compile(rf"(?i){_TASK_HEADER_WORDS}(?:\s*[|/]?\s*{_TASK_HEADER_WORDS})+\??")
_TASK_HEADER_WORDS_PATTERN = rf"{_TASK_HEADER_WORDS}\??"
# A task table typed as text: a header line 'Wer - Was - Wann' or 'Was | Wer | Bis' over lines cut the same way.
_TYPED_HEADER = re.compile(rf"(?i)^{_TASK_HEADER_WORDS_PATTERN}(?P<sep>\s+[-–—/]\s+|\s*[|;\t]\s*)"
                           rf"{_TASK_HEADER_WORDS_PATTERN}(?:(?P=sep){_TASK_HEADER_WORDS_PATTERN})*\s*$")
_TRAILING_DATE = re.compile(r"\s*[-–—,;|📅]?\s*(?:bis\s+)?(?P<date>\d{1,2}\.\s?\d{1,2}\.(?:\s?\d{2,4})?"
                            r"|\d{4}-\d{2}-\d{2}"
                            r"|\d{1,2}\.\s?(?:Jan|Feb|Mär|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez)[a-zä]*\.?\s?\d{4}"
                            r"|KW\s?\d{1,2}(?:[/.]\d{4})?)\s*$", re.I)


# A sentence that states (article, subject, finite verb …, full stop) rather than names a piece of work.
_STATEMENT = re.compile(r"(?:Die|Der|Das|Es|Wir|Alle)\s+\S+(?:\s+\S+){2,}[.!]")


def _from_plain_row(para: Span, owners: _Owners, ref: date | None) -> Action | None:
    """'Ute Busch Liste abgleichen 18.12.2022': a task row whose cells lost their borders — a participant
    at the start is the owner, a date at the end the due date."""
    hits = owners.people.find(para.text)
    if not hits or hits[0][1] != 0:
        return None
    names = [hits[0][0]]
    rest = para.text[hits[0][2]:]
    while (m := re.match(r"^\s*(?:,|/|und|&)?\s*", rest)) and (more := owners.people.find(rest[m.end():])) \
            and more[0][1] == 0:
        names.append(more[0][0])
        rest = rest[m.end() + more[0][2]:]
    due = None
    if m := _TRAILING_DATE.search(rest):
        due = due_date(m.group("date"), ref, anywhere=True)[0]
        rest = rest[:m.start()] if due else rest
    if due is None:  # '– Raum reservieren bis Ende April'
        due, span = due_date(rest, ref)
        rest = _strip_spans(rest, [span]) if span else rest
    text = _tidy(rest)
    if not text:
        return None
    return Action(text, names[0], due, para.line, para.text, list(dict.fromkeys(names)), True, page=para.page)


# What may stand in the deadline column of a row that lost its borders besides a date.
_NO_DEADLINE = re.compile(r"(?i)\s*[-–—/]*\s*(?:(?:offen|laufend|fortlaufend|sofort|asap|tbd|n\.\s?n\.|erledigt"
                          r"|(?:bis\s+)?(?:zur\s+)?nächsten?\s+Sitzung)\s*)?[-–—.]*\s*")


def _from_loose_row(para: Span, owners: _Owners, ref: date | None) -> Action | None:
    """'Saal reservieren Brenner 15.07.2025', 'Aufruf verschicken Marquardt / Haddad Ende August': a 'Was Wer Bis'
    row whose cells lost their borders — the participants closing the line (before its deadline) own the task."""
    hits = owners.find(para.text)
    if not hits:
        return None
    *_, (last, start, end) = hits
    tail = para.text[end:]
    due = due_date(tail, ref, anywhere=True)[0] if tail.strip() else None
    if due is None and not _NO_DEADLINE.fullmatch(tail):
        return None
    names = [last]
    for name, s, e in reversed(hits[:-1]):
        if not re.fullmatch(r"\s*(?:,|/|&|\+|und)\s*", para.text[e:start]):
            break
        names.insert(0, name)
        start = s
    text = _tidy(para.text[:start])
    if not text or len(text.split()) < 2 or re.search(r"(?i)\b(?:mit|an|bei|von|für|zu|zum|zur|durch)$", text):
        return None  # 'Termin abstimmen mit Frau X': the person is the task's object
    return Action(text, names[0], due, para.line, para.text, list(dict.fromkeys(names)), True, page=para.page)


def _from_item(para: Span, owners: _Owners, ref: date | None) -> Action | None:
    """A list item under 'Aufgaben' or a checkbox; names alone ('Frau Nowak, Herr Kowalczyk') or a report of
    what was done ('Herr X hat … verschickt') are none."""
    text = para.text.strip(" .;")
    parts = [p for p in re.split(r"\s*(?:,|/|;|&|\+|\bund\b|\bsowie\b)\s*", text) if p]
    if parts and all(owners.person(p) or person_name(p) for p in parts) and not due_date(text, ref)[0]:
        return None
    if not para.marker.startswith("[") and _PAST.search(text) and not _MODAL_ANYWHERE.search(text) \
            and not re.search(r"\bzu\s+\w+$|\w+zu\w+en$", text):
        return None  # a ticked checkbox stays a task, done or not
    action = _from_structured(para, owners, ref)
    if action:
        return action
    inner = _from_sentences(para.text, para, owners, ref, assigned=para.section == TASKS)
    if inner:
        return inner[0]
    if action := _from_plain_row(para, owners, ref) or _from_loose_row(para, owners, ref):
        return action  # 'Ute Busch Liste abgleichen', '[ ] Präsentation hochladen @Haddad'
    due, span = due_date(para.text, ref)
    if due is None and not para.marker.startswith("[") and _STATEMENT.match(para.text.strip()) \
            and not _asks_for_work(para.text):
        return None  # 'Die Sitzungen finden künftig online statt.': an agreement stated, no work assigned
    text = _tidy(_strip_spans(para.text, [span] if span else []))
    return Action(text or para.text, None, due, para.line, para.text, [], True, page=para.page)


def _from_structured(para: Span, owners: _Owners, ref: date | None) -> Action | None:
    """'Owner: task', 'task – Owner – bis 15.06.', 'task (Owner, bis 15.06.)', 'Verantwortlich: X'."""
    text = para.text
    spans: list[tuple[int, int]] = []
    names: list[str] = []
    known = True
    due, due_span = due_date(text, ref)
    if due_span:
        spans.append(due_span)
    if m := _OWNER_LABEL.search(text):
        who, stop = m.group("who"), m.end()
        if (inner := re.match(r"\s*\(([^()]{2,60})\)", text[stop:])) and owners.person(inner.group(1).strip()):
            who, stop = f"{who} ({inner.group(1)})", stop + inner.end()  # 'Zuständig: Sachgebiet 13 (Frau Maurer)'
        names, known = owners.resolve(who)
        spans.append((m.start(), stop))
    elif (m := re.search(r"\s*(?:→|->|=>|⇒)\s*(?P<who>[^→]{2,60})$", text)) and m.start() > 0 \
            and _is_owner(_who_part(m.group("who"), ref), owners):
        names, known = owners.resolve(_who_part(m.group("who"), ref))  # 'Einladung verschicken → Lena'
        if due is None:
            due = due_date(m.group("who"), ref, anywhere=True)[0]
        spans = [(m.start(), len(text))] + [sp for sp in spans if sp[1] <= m.start()]
    elif (m := _OWNER_FIRST.match(text)) and _is_owner(_who_part(m.group("who"), ref), owners) and not (
            _weak_owner(_who_part(m.group("who"), ref), owners) and (
                _SALUTED.search(m.group("rest")) or _strict_owner(_who_part(m.group("rest"), ref), owners))):
        names, known = owners.resolve(_who_part(m.group("who"), ref))
        if due is None or (due_span and due_span[0] >= m.start("rest")):
            due = due_date(m.group("who"), ref)[0] or due  # '→ Frau X bis 15.4.: …'
        spans = [(0, m.start("rest"))] + [sp for sp in spans if sp[0] >= m.start("rest")]
    elif (m := _TASK_FIRST.match(text)) and _is_owner(_who_part(m.group("who"), ref), owners) \
            and (due is not None or re.search(r"en$", m.group("task").strip())):
        names, known = owners.resolve(_who_part(m.group("who"), ref))  # 'Skizze abstimmen: Mikus, Ihm (bis …)'
        spans = [(m.start("colon"), len(text))]
    else:
        for m in reversed(list(re.finditer(r"\(([^()]*)\)", text))):
            tail = text[m.end():]
            if due_span and due_span[0] >= m.end() and not text[due_span[1]:].strip(" .;,"):
                tail = text[m.end():due_span[0]]  # '(Owner) – bis 15.06.': only the deadline follows
            if tail.strip(" .;,–—-") and not _NO_DEADLINE.fullmatch(tail):
                break  # only a closing '(Owner, bis …)' names the owner; inside prose it is an aside
            parts = [p.strip() for p in re.split(r"[,;]", m.group(1))]
            who = [p for p in parts if p and _is_owner(p, owners) and not _only_date(p, ref)]
            if who:
                names, known = owners.resolve(", ".join(who))
                spans.append((m.start(), m.end()))
                if due is None:
                    for part in parts:
                        if value := due_date(part, ref, anywhere=True)[0]:
                            due = value
                break
        if not names and (head := re.match(r"^(?P<who>[^–—|]{2,60}?)(?:\s+[–—-]\s+|\s*\|\s*)(?=\S)", text)) \
                and owners.is_owner(re.sub(r"\s*\([^()]*\)", "", head.group("who"))) \
                and not due_date(head.group("who"), ref, anywhere=True)[0] \
                and not (_weak_owner(head.group("who"), owners) and _stronger_after(text[head.end():], owners)):
            names, known = owners.resolve(head.group("who"))  # 'Karim – Zahlen für Kapitel 2 liefern'
            spans.append((0, head.end()))
        if not names or due is None:
            segments = list(re.finditer(r"\s+[–—-]\s+|\s*\|\s*", text))
            for m in reversed(segments):
                tail = text[m.end():]
                next_cut = re.search(r"\s+[–—-]\s+|\s*\|\s*", tail)
                segment = tail[:next_cut.start()] if next_cut else tail
                if (value := due_date(segment, ref, anywhere=True)[0]) and len(segment) <= 40:
                    due = due or value  # 'Kapitel 2 überarbeiten – Mehmet, Karim – Ende April': the date is no owner
                    if not (end := _END_DATE.search(segment)) or not _just_date(end.group("d"), ref) \
                            or _just_date(segment, ref):
                        spans.append((m.start(), m.end() + len(segment)))
                    else:
                        spans.append((m.end() + end.start(), m.end() + len(segment)))  # '… entwerfen 📅 2025-10-31'
                    continue
                if names:
                    break
                if _is_owner(segment, owners):
                    names, known = owners.resolve(segment)
                    spans.append((m.start(), m.end() + len(segment)))
                    break
    if not names:
        return None
    if due is None and (end := _END_DATE.search(text)) and _only_date(end.group("d"), ref):
        due = due_date(end.group("d"), ref, anywhere=True)[0]  # '… (Frau Esser) 📅 2025-09-30', '… (31.10.2025)'
        spans.append((end.start(), len(text)))
    task = _tidy(_strip_spans(text, spans))
    return Action(task or text, names[0], due, para.line, text, names, known, page=para.page)


# A date closing a task line after a calendar sign, a dash, a comma or in brackets.
_END_DATE = re.compile(r"(?:📅|🗓\ufe0f?|⏰|\s[–—-]|,|\()\s*(?P<d>[^–—,();]{3,25}?)\)?\s*$")


_TASK_FIRST = re.compile(r"^(?P<task>[^:()]{3,80}?)(?P<colon>\s*:\s+)(?P<who>[^:]{2,80})$")


def _task_first(para: Span, owners: _Owners, ref: date | None) -> Action | None:
    """'Task: Owner, Owner (bis date)' outside a task section: only with participants as owners and a due date."""
    m = _TASK_FIRST.match(para.text)
    if not m:
        return None
    who = _who_part(m.group("who"), ref)
    due = due_date(m.group("who"), ref)[0]
    parts = [p for p in re.split(r"\s*(?:,|/|;|&|\+|\bund\b)\s*", who) if p]
    if due is None or not parts or not all(owners.person(p) or owners.other(p) for p in parts):
        return None
    names, known = owners.resolve(who)
    return Action(_tidy(m.group("task")), names[0], due, para.line, para.text, names, known, page=para.page)


def _owner_last(para: Span, owners: _Owners, ref: date | None) -> Action | None:
    """'Projekt X: Vorstellung in der AG Transfer am 09.12. – Herr Aigner.' in any list: a participant after the last
    dash owns what the item says, its date is the deadline."""
    m = re.match(r"^(?P<task>.{6,}?)\s+[–—-]\s+(?P<who>[^–—]{2,60}?)\.?$", para.text.strip())
    if not m or _PAST.search(m.group("task")):
        return None
    parts = [p.strip() for p in re.split(r"\s*(?:,|/|&|\bund\b)\s*", m.group("who")) if p.strip()]
    if not parts or not all(owners.person(p) and (re.match(rf"(?:{SALUTATION}|Dr\.|Prof\.)\s", p)
                                                  or len(p.split()) >= 2) for p in parts):
        return None
    names, known = owners.resolve(m.group("who"))
    due = due_date(m.group("task"), ref)[0] or due_date(m.group("task"), ref, anywhere=True)[0]
    return Action(_tidy(m.group("task")), names[0], due, para.line, para.text, names, known, page=para.page)


def _who_part(text: str, ref: date | None) -> str:
    """The owners of '→ Frau X bis 15.4.' or 'Mikus, Ihm (bis 21.11.2025)': labels, arrows and the due date cut."""
    value = _TASK_LABEL.sub("", text.strip(), count=1)
    if (unit := re.fullmatch(r"(?P<unit>[^()]+?)\s*\((?P<who>[^()]+)\)", value)) and _COLLECTIVE.match(unit["unit"]):
        return unit["who"].strip()  # 'Geschäftsstelle (Frau Ossenbrügge)': the person in brackets does the work
    value = re.sub(r"\([^()]*\)", " ", value)
    _, span = due_date(value, ref)
    if span:
        value = value[:span[0]] + value[span[1]:]
    parts = re.split(r"(\s*,\s*|\s+[–—-]\s+)", value)
    while len(parts) >= 3 and len(parts[-1]) <= 30 and _only_date(parts[-1], ref):
        parts = parts[:-2]  # 'Herr Öztürk, Ende Juni', 'Frau Pham – KW 9': the deadline is no owner
    return "".join(parts).strip(" ,;:–-")


def _only_date(text: str, ref: date | None) -> bool:
    """'Ende Oktober' is a deadline, 'Jan Ohm' a name that starts like one."""
    value, span = due_date(text, ref, anywhere=True)
    return bool(value and span and not text[span[1]:].strip(" .,;"))


def _just_date(text: str, ref: date | None) -> bool:
    """Nothing but a deadline: '06.02.2026', 'Ende Januar', 'bis 31.3.' ('Esser bis 06.02.' is more)."""
    value, span = due_date(text, ref, anywhere=True)
    return bool(value and span and not text[:span[0]].strip(" ,;:(–—-📅") and not text[span[1]:].strip(" .,;)"))


def _weak_owner(raw: str, owners: _Owners) -> bool:
    """Owner text only shaped like a name ('Gliederung Leitfaden'): no participant, salutation or organisation."""
    parts = [p.strip(" .:@") for p in re.split(r"\s*(?:,|/|;|&|\+|\bund\b)\s*", raw) if p.strip(" .:@")]
    return not any(owners.person(p) or owners.other(p) or re.match(rf"(?:{SALUTATION}|Dr\.|Prof\.)\s", p)
                   for p in parts)


# A participant named by salutation or title: stronger evidence of the owner than a phrase shaped like a name.
_SALUTED = re.compile(rf"(?:^|[\s:(→–—-])(?:{SALUTATION}|Dr\.|Prof\.)\s+[A-ZÄÖÜ]")


def _stronger_after(rest: str, owners: _Owners) -> bool:
    """A participant later in the line, by salutation or as listed ('Übersicht Ansprechpersonen – Daniela Lorenz –
    bis 09.07.'): the phrase in front only looks like a name, the participant owns the task."""
    return bool(_SALUTED.search(rest)) or any(
        owners.person(part.strip(" .;,")) for part in re.split(r"\s+[–—-]\s+|\s*\|\s*", rest) if part.strip(" .;,"))


def _is_owner(text: str, owners: _Owners) -> bool:
    return owners.is_owner(text)


def _from_sentences(text: str, para: Span, owners: _Owners, ref: date | None,
                    offset: int = 0, assigned: bool = False) -> list[Action]:
    found: list[Action] = []
    opener = ""  # the last sentence not opening with 'Sie'/'Er': its first person is who they mean
    assigned = assigned or bool(_ASSIGNING.match(text))
    for sentence, start in _units(text, para, offset, owners):
        if len(clauses := _clause_actions(sentence, owners, ref)) >= 2:
            for clause_action, at in clauses:  # 'Herr X bucht den Saal; Frau Y verteilt die Einladungen.'
                clause_action.line, clause_action.page = para.line_at(offset + start + at), para.page
                found.append(clause_action)
            opener = sentence
            continue
        action = _sentence_action(sentence, owners, ref, assigned)
        if action is None and clauses:  # 'Frau X regt an, …; den Kontakt nimmt Herr Y auf.': one clause is a task
            action = clauses[0][0]
        pronoun = re.match(r"(?:Sie|Er)\s+(?=\S)", sentence)
        if action is None and pronoun and opener and not _CLOSING_OWNER.search(sentence.rstrip(".!? ")) \
                and (subject := _subject(opener, owners)):
            action = _sentence_action(f"{subject} {sentence[pronoun.end():]}", owners, ref)
            if action:
                action.sentence = sentence
        if not pronoun:
            opener = sentence
        if action:
            action.line = para.line_at(offset + start)
            action.page = para.page
            _co_owners(action, owners)
            if gapped := _gapped(action, owners):
                found.append(action)  # 'Sandra übernimmt den Raum und Tobias die Einladung': the verb said once
                action = gapped
            if not re.search(r"[A-ZÄÖÜ]", action.text) and (label := _LABEL.match(sentence)) \
                    and not owners.is_owner(label.group("label")):
                action.text = f"{label.group('label')}: {action.text}"  # 'Nächstes Treffen (online): einladen'
            found.append(action)
    return found


def _gapped(action: Action, owners: _Owners) -> Action | None:
    """'Raum, Tobias um die Einladung kümmern' (from 'Sandra kümmert sich um den Raum, Tobias um die Einladung'):
    a second owner with their own object and the verb left out; `action` keeps the first part."""
    words = action.text.split()
    if len(words) < 4 or not _INFINITIVE.fullmatch(words[-1]):
        return None
    for m in re.finditer(r"(?:,|\s+und)\s+", action.text):
        hits = owners.find(action.text[m.end():])
        if not hits or hits[0][1] != 0 or owners.find(action.text[:m.start()].split()[-1] if
                                                      action.text[:m.start()].split() else ""):
            continue  # not a name right after, or a list of names ('mit Tobias, Ines und Jan')
        rest = action.text[m.end() + hits[0][2]:].strip()
        if len(rest.split()) < 2 or re.match(r"[a-zäöüß]+(?:t|en)\b", rest.split()[0]) and rest.split()[0] in _ACTIVE:
            continue
        second = replace(action, text=_ARTICLE.sub("", rest), owner=hits[0][0], owners=[hits[0][0]], owner_known=True)
        action.text = _tidy(f"{action.text[:m.start()]} {words[-1]}")
        return second
    return None


# A topic before the colon that opens a task sentence: 'Nächstes Treffen Oktober (online): Kasprzak lädt ein'.
_LABEL = re.compile(r"(?P<label>[A-ZÄÖÜ][^:;.!?]{2,60}?)\s*:\s+\S")


def _co_owners(action: Action, owners: _Owners) -> None:
    """'Er übernimmt den Entwurf gemeinsam mit Frau Pham': whom the owner works with owns the task too."""
    m = re.search(r"\s*\b(?:gemeinsam|zusammen)\s+mit\s+", action.text)
    if not m:
        return
    who = action.text[m.end():]
    hits = owners.find(who)
    if not hits or hits[0][1] != 0:
        return
    names, rest = _coordinated(hits[0][0], True, who[hits[0][2]:], owners)
    action.owners = list(dict.fromkeys([*action.owners, *(n for n, _ in names)]))
    action.owner = action.owners[0]
    action.text = _tidy(f"{action.text[:m.start()]} {rest}")


# A paragraph whose label says that what follows is agreed work: 'Aufgaben: …', 'Vereinbart: …'.
_ASSIGNING = re.compile(r"(?i)^\s*(?:Aufgaben|To-?Dos?|Vereinbart|Vereinbarungen|Nächste\s+Schritte|Maßnahmen"
                        r"|Arbeitsaufträge|Verabredet|Absprachen)\s*:\s")


_NEXT_SUBJECT = re.compile(rf",\s+(?:{SALUTATION})\s+(?:(?:Dr\.|Prof\.)\s*)*[A-ZÄÖÜ][\wäöüß-]+\s+[a-zäöüß]")


# ', die Einladung verschickt Tobias': the next clause says its object first, then the verb and who does it.
_OBJECT_FIRST_NEXT = re.compile(r",\s+(?:die|der|das|den|dem)\s+[^,;]{2,50}?\s+(?P<v>[a-zäöüß]+t)\s+(?=[A-ZÄÖÜ])")


def _clause_actions(sentence: str, owners: _Owners, ref: date | None) -> list[tuple[Action, int]]:
    """The tasks of the clauses a semicolon (or a comma before the next person: '…, Frau Y reserviert den Saal')
    joins outside brackets, each with its offset in the sentence."""
    verb_first = [m.start() for m in _OBJECT_FIRST_NEXT.finditer(sentence) if m.group("v") in _ACTIVE]
    if ";" not in sentence and not _NEXT_SUBJECT.search(sentence) and not verb_first:
        return []
    cuts, depth = [0], 0
    for i, char in enumerate(sentence):
        depth += (char == "(") - (char == ")")
        if depth == 0 and (char == ";" or (char == "," and (_NEXT_SUBJECT.match(sentence, i) or i in verb_first))):
            cuts.append(i + 1)
    found = []
    for a, b in zip(cuts, [*cuts[1:], len(sentence) + 1], strict=False):
        clause = sentence[a:b - 1].strip()
        if len(clause.split()) >= 3 and (action := _sentence_action(clause, owners, ref)):
            found.append((action, a + len(sentence[a:b - 1]) - len(sentence[a:b - 1].lstrip())))
    return found


def _subject(sentence: str, owners: _Owners) -> str | None:
    """The participant a sentence opens with ('Frau Sedlmeier stellt … vor.'), if any."""
    hits = owners.find(sentence)
    lead = _LEAD_IN.match(sentence)
    return hits[0][0] if hits and hits[0][1] == (lead.end() if lead else 0) else None


# A line that starts an entry of its own although the paragraph runs on: '→ Karim fragen', '- [ ] …', 'Mehmet: …'.
_ENTRY_START = re.compile(r"(?:→|->|=>|⇒|►|▶|[-•*–]\s|\[[ xX]?\]|@\w|(?:TODO|To-?Do|AP|Aufgabe|Maßnahme)\b"
                          r"|[A-ZÄÖÜ][\wäöüß.-]{1,30}(?:\s+[\wäöüß.-]{1,30}){0,2}\s*:\s)")


def _units(text: str, para: Span, offset: int, owners: _Owners | None = None) -> list[tuple[str, int]]:
    """The sentences of `text`, also cut where a line of the paragraph starts an entry of its own
    (one task per line without bullets, the previous line ending in ')' or the next one opening with '→', a line
    of a chat or note that opens with a participant and a task verb after a line that could end a sentence)."""
    breaks = [s - offset for s, _ in para.starts if 0 < s - offset < len(text)]
    result: list[tuple[str, int]] = []
    for sentence, start in sentences(text):
        at = text.find(sentence, start)
        at = start if at < 0 else at
        cuts = [at]
        for b in breaks:
            if at < b < at + len(sentence) and (
                    _ENTRY_START.match(text, b) or (text[cuts[-1]:b].rstrip().endswith(")")
                                                    and text[b:b + 1].isupper())
                    or (owners is not None and _opens_task_line(text, b, cuts[-1], owners))):
                cuts.append(b)
        cuts.append(at + len(sentence))
        for a, b in zip(cuts, cuts[1:], strict=False):
            if chunk := text[a:b].strip():
                result.append((chunk, a))
    return result


# Words a wrapped line of running text ends with in the middle of a sentence ('… an' / 'Frau X verschickt').
_MID_SENTENCE_END = re.compile(r"(?i)(?:[,;:(–-]|\b(?:an|auf|der|die|das|den|dem|des|und|oder|mit|für|von|zu|zur|zum"
                               r"|bei|durch|über|ein|eine|einen|einem|einer|dass|sowie|wird|werden|wurde|wurden|ist"
                               r"|sind|hat|haben|sich|noch))\s*$")


def _opens_task_line(text: str, at: int, start: int, owners: _Owners) -> bool:
    """'… zur Verfügung 👍' / 'Bernd schickt bis Freitag die Folien rum': a new line opens with a participant and
    a task verb, and the line before it does not break off mid-sentence."""
    if not any(w in _ACTIVE for w in text[at:at + 80].split()[1:5]) or _MID_SENTENCE_END.search(text[start:at]):
        return False  # no task verb after a name of up to four words, or the line above breaks off
    hits = owners.find(text[at:at + 80])
    if not hits or hits[0][1] != 0:
        return False
    words = text[at + hits[0][2]:at + hits[0][2] + 40].split()
    return bool(words) and words[0] in _ACTIVE


def _people_in(sentence: str, owners: _Owners) -> list[tuple[str, int, int, bool]]:
    """Participants and other plausible persons named in the sentence: (name, start, end, known)."""
    found = [(name, s, e, True) for name, s, e in owners.find(sentence)]
    for m in _GENERIC_PERSON.finditer(sentence):
        if any(s <= m.start() < e for _, s, e, _ in found):
            continue
        candidate = person_name(m.group(0))
        if candidate and not is_org_like(m.group(0)):
            known = owners._known(m.group(0), m.group(0).split()[-1:])  # 'Frau Sommerlad' of the master data
            found.append((known or m.group(0), m.start(), m.end(), bool(known)))
    lead = _LEAD_IN.match(sentence)
    at = lead.end() if lead else 0
    if (first := _FIRST_NAME_SUBJECT.match(sentence, at)) and first.group("verb") in _ACTIVE \
            and not any(s <= first.start() < e for _, s, e, _ in found) and owners.first_name(first.group("name")):
        # 'Bernd schickt bis Freitag die Folien rum' in a chat whose list missed Bernd: a first name of the master data
        found.append((first.group("name"), first.start(), first.end("name"), False))
    if owners.known is not None:
        for pos in (at, *(m.end() for m in re.finditer(r",\s+", sentence))):
            if (first := _FIRST_NAME_SUBJECT.match(sentence, pos)) and first.group("verb") in _ACTIVE \
                    and not any(s <= first.start() < e for _, s, e, _ in found) \
                    and (full := owners._known(first.group("name"), [first.group("name")])):
                # 'Rappl bietet …, Tran meldet Bedarf bis 1.6.': the one person of the master data with that surname
                found.append((full, first.start(), first.end("name"), True))
    return sorted(found, key=lambda item: item[1])


_FIRST_NAME_SUBJECT = re.compile(r"(?P<name>[A-ZÄÖÜ][a-zäöüß]{2,15})\s+(?P<verb>[a-zäöüß]+t)\b")


# A collective or organisation as the subject: 'Die Geschäftsstelle prüft …', 'Alle schicken …', 'Der ZDH klärt …'.
_GROUP_SUBJECT = re.compile(r"^(?:(?:[Dd]ie|[Dd]er|[Dd]as)\s+)?"
                            r"(?P<s>[A-ZÄÖÜa][\wÄÖÜäöüß&-]+(?:\s+[A-ZÄÖÜ][\wÄÖÜäöüß-]+)?)(?=\s+[a-zäöüß])")
# Several of them: 'FKZ/HWK reichen … ein', 'Die Kammer und die Innung klären …'.
_GROUPS_SUBJECT = re.compile(r"^(?:(?:[Dd]ie|[Dd]er|[Dd]as)\s+)?(?P<s>[A-ZÄÖÜ][\wÄÖÜäöüß&-]+(?:\s*(?:/|,|&|und)\s*"
                             r"(?:(?:die|der|das)\s+)?[A-ZÄÖÜ][\wÄÖÜäöüß&-]+)+)(?=\s+[a-zäöüß])")
# Owners in brackets closing the sentence: '… vorliegen (Brenner).', '… eingeladen (Herr Reinhardt, bis 4.4.)'.
_CLOSING_OWNER = re.compile(r"\(\s*(?P<who>[^()]{2,80}?)\s*\)\s*$")
# 'Ich kümmere mich um …', 'ich schicke …', 'Ich werde … prüfen' in a mail: the sender's own task.
_I_DO = re.compile(r"^(?:(?:Ich|ich)\s+(?:kümmere\s+mich|übernehme|werde|schicke|verschicke|sende|prüfe|kläre|erstelle"
                   r"|bereite|lade|melde|frage|organisiere|kontaktiere|sammle|überarbeite|buche|reserviere|leite"
                   r"|stelle|gebe|informiere|setze|mache)\b)")

# 'leite ich Ihnen das Protokoll weiter', 'anbei schicke ich euch …': what the mail itself does, no task.
_ATTACHED = re.compile(r"\b(?:anbei|hiermit|beigefügt|im\s+Anhang|mit\s+dieser\s+Mail)\b")
_BY_THIS_MAIL = re.compile(r"\b(?:Ihnen|euch|Euch|dir|Dir|hiermit|anbei|beigefügt|im\s+Anhang|mit\s+dieser\s+Mail)\b")


def _first_person(plural: str) -> set[str]:
    """'verschicken' -> {'verschicke'}, 'sammeln' -> {'sammle', 'sammele'}, 'kümmern' -> {'kümmere'}."""
    if plural.endswith(("eln", "ern")):
        return {plural[:-1] + "e", plural[:-3] + plural[-2] + "e"}
    return {plural[:-1]}


# 'Die Umfrage übernehme ich gern', 'Das Protokoll schicke ich bis Freitag rum': the writer's own task, object first.
_FIRST_PERSON: dict[str, tuple[str, tuple[str, ...]]] = {
    form: (inf, particles) for plural, (inf, particles) in _PLURAL_ACTIVE.items() for form in _first_person(plural)}
_I_LATER = re.compile(rf"^(?P<obj>\S.{{2,100}}?)\s+(?P<verb>{'|'.join(sorted(_FIRST_PERSON, key=len, reverse=True))})"
                      r"\s+ich\b(?:\s+(?:mich|gerne?|dann|noch|selbst|selber|auch))*\s*(?P<rest>.*)$")


# '@Karim bitte …', 'Karim, kannst du …', 'Bitte an alle: …': a request to a named person or to everyone.
_ASK = re.compile(r"^(?:@(?P<at>[\wÄÖÜäöüß.-]+(?:\s+(?-i:[A-ZÄÖÜ][\wäöüß-]+))?)\s*[,:]?\s*"
                  r"|(?P<named>(?-i:[A-ZÄÖÜ][\wäöüß-]+(?:\s+[A-ZÄÖÜ][\wäöüß-]+)?))\s*[,:]?\s*(?=(?:bitte|kannst|könntest"
                  r"|würdest|magst|könnten|würden|können)\b)|Bitte\s+an\s+(?P<all>alle)\s*:\s*"
                  # 'Bitte alle bis Freitag …', 'Könnt ihr bis Freitag …' in a mail to the group: everyone's task
                  r"|Bitte\s+(?P<every>alle)\b\s*,?\s*|(?P<ihr>(?:Könnt|Könntet|Würdet|Mögt)\s+ihr)\b\s*(?:bitte\s+)?"
                  r"|(?P<you>(?:Kannst|Könntest|Würdest|Magst)\s+du"
                  r"(?:\s*,\s*(?P<voc>(?-i:[A-ZÄÖÜ][\wäöüß-]+))\s*,)?|Bitte\s+(?=\S.*\bdu\b)"
                  r"|(?:Könnten|Würden|Können)\s+Sie(?=\s+(?:\S+\s+)?bitte\b)))", re.I)
# A report of what was done: 'hat … verschickt', 'wurde … abgestimmt' ('haben … zu klären' is still a task).
_PAST = re.compile(r"\b(?:hat|hatte|hatten|haben|wurde|wurden|war|waren)\b.*\b[\wäöüß]+(?:t|en)$")


_TOPIC_DASH = re.compile(r"[^.;:!?()]{2,80}?\s[–—-]\s+")


def _sentence_action(sentence: str, owners: _Owners, ref: date | None, assigned: bool = False) -> Action | None:
    """'Kristina Mangold verschickt bis zum 01.10.2021 …', '… wird von Kristina Mangold verschickt.'"""
    body = sentence.rstrip("!? ")
    if not re.search(r"(?<![\d.])\d{1,2}\.\s?\d{1,2}\.$", body):
        body = body.rstrip(".!? ")
    words = set(body.replace(",", " ").split())
    # any deadline counts: 'bis 20.2.', and 'binnen einer Woche', 'in KW 30', 'Ende Februar', 'diese Woche noch'
    dated = due_date(body, ref)[0] is not None
    closing = _CLOSING_OWNER.search(body)
    if _TRIGGERS.isdisjoint(words) and not dated and not closing and not owners.sender and "@" not in body \
            and "bitte" not in body.lower() and ":" not in body and not _NOTE_PREFIX.match(body) \
            and not (owners.addressee and "du" in words) and not assigned:
        return None  # no task verb, modal, deadline or owner in brackets: no need to look for people
    if action := _asked(body, owners, ref, sentence):
        return action
    if (m := re.search(r"\b(?:bittet|bitten|beauftragt|beauftragen)\s+", body)) \
            and (asked := _asked_person(body[m.end():], owners)):
        # 'Die Fachgruppe bittet die Geschäftsstelle, bis Ende Mai … zu finden': the one asked owns the task
        return _zu_clause(re.sub(r"^\s*,?\s*", "", asked[1]), asked[0], ref, sentence)
    if (m := _ASKS_ALL.search(body)) and len(asked_words := _CLAUSE_END.split(m.group("rest"), maxsplit=1)[0].split()) \
            >= 2 and re.fullmatch(r"[a-zäöüß]{3,}(?:en|ern|eln)", asked_words[-1]) \
            and asked_words[-1] not in _NOT_TASK_INFINITIVES:
        # 'Herr X bittet darum, dass ihm alle bis Freitag ihre Kontaktdaten schicken': everyone's task
        return _make(re.sub(r"^(?:ihm|ihr|ihnen|uns|mir)\s+", "", " ".join(asked_words[:-1])), asked_words[-1],
                     [("alle", True)], ref, sentence)
    lead = _LEAD_IN.match(body)
    lead_end = lead.end() if lead else 0
    if owners.sender and _I_DO.match(body[lead_end:]) and not _ATTACHED.search(body):
        return _make(re.sub(r"^\S+\s+\S+\s+(?:mich\s+)?", "", body[lead_end:]), "", [(owners.sender, True)],
                     ref, sentence)
    if owners.sender and (m := re.match(r"(?:Ich|ich)\s+(?P<verb>\S+)\s+(?P<rest>\S.*)$", body[lead_end:])) \
            and m.group("verb") in _FIRST_PERSON and not (_BY_THIS_MAIL.search(body) and not due_date(body, ref)[0]):
        infinitive, particles = _FIRST_PERSON[m.group("verb")]  # 'Ich bestelle die Namensschilder.'
        if action := _build_active(m.group("rest"), infinitive.replace("sich ", ""), particles,
                                   [(owners.sender, True)], ref, sentence):
            return action
    if owners.sender and (m := _I_LATER.match(body[lead_end:])) and not _PAST.search(m.group("obj")) \
            and not (_BY_THIS_MAIL.search(body) and not due_date(body, ref)[0]):
        # 'Eine Ergänzung: Die Umfrage übernehme ich gern zusammen mit Herrn Adeyemi, bis Mitte November.'
        infinitive, particles = _FIRST_PERSON[m.group("verb")]
        if infinitive == "sich kümmern":
            infinitive = "kümmern"
        obj = _ARTICLE.sub("", _FILLER.sub("", m.group("obj").rsplit(", ", 1)[-1]))  # 'Danke, das kläre ich …'
        obj = re.sub(r"^(?:das|dies|darum|dafür|den|die)$", "", obj, flags=re.I)
        if action := _build_active(f"{obj} {m.group('rest')}", infinitive, particles, [(owners.sender, True)], ref,
                                   sentence):
            _co_owners(action, owners)
            return action
    if (note := _NOTE_PREFIX.match(body)) and re.match(r"[^:]{2,60}?\s*:\s+\S", body[note.end():]) \
            and (action := _noted(body, owners, ref, sentence)):
        return action  # 'ToDo Jablonski: Website-Texte aktualisieren': the label names the owner, not the object
    people = _people_in(body, owners)
    for name, start, end, known in people:
        before, after = body[:start], body[end:]
        # Subject first: 'Kristina Mangold verschickt …' / 'X und Y übernehmen …' / 'X wird … prüfen', also after a
        # topic and a dash: 'Zusammenarbeit mit der Innung – Frau X stellt Kontakt her'
        # or after a topic and a comma: 'Ort: Vorschlag Stadthalle, Yasemin fragt an – bis 20.2.'
        if start == lead_end or _TOPIC_DASH.fullmatch(before) or (start > lead_end and before.rstrip().endswith(",")):
            subject_names, after = _coordinated(name, known, after, owners)
            if action := _active(after, subject_names, owners, ref, sentence, assigned):
                topic = body[lead_end:start].strip(" ,")
                if topic and start > lead_end and not _TOPIC_DASH.fullmatch(before) \
                        and not re.search(r"[A-ZÄÖÜ]", action.text):
                    action.text = f"{topic}: {action.text}"  # 'Vorschlag Stadthalle: anfragen'
                return action
        # The organisation after the verb, its person in brackets: 'Die Bewerbung in den Schulen übernimmt die Agentur
        # für Arbeit (Herr Mansour) bis Ende September.'
        if (unit := _UNIT_BEFORE.search(before)) and unit.group("v") in _ACTIVE and after.lstrip().startswith(")") \
                and unit.start() > lead_end:
            infinitive, particles = _ACTIVE[unit.group("v")]
            obj = re.sub(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+", "", _LEAD_IN.sub("", before[lead_end:unit.start()]).strip())
            if action := _build_active(f"{obj} {after.lstrip()[1:].strip()}", infinitive.replace("sich ", ""),
                                       particles, [(name, known)], ref, sentence):
                return action
        # Verb first: 'Bis zum 01.10. verschickt Kristina Mangold das Protokoll.'
        words_before = re.split(r"(?<=[,;:])\s+", before)[-1].split()  # the clause the verb stands in
        while len(words_before) >= 3 and words_before[-1] in _BETWEEN_VERB_AND_SUBJECT:
            words_before.pop()  # 'Um den Termin kümmert sich Frau X', '… schickt deshalb Frau Y'
        if words_before and words_before[-1] in _ACTIVE \
                and len(re.sub(r"\([^()]*\)", "", " ".join(words_before)).split()) <= 8:
            infinitive, particles = _ACTIVE[words_before[-1]]
            rest = after
            if infinitive == "sich kümmern":
                infinitive, rest = "kümmern", re.sub(r"^\s*sich\b", "", after)
            head = re.split(r",\s", rest, maxsplit=1)[0]  # '… schickt Frau Y, die …' / '…, ich bin verreist'
            tail = re.sub(r"\([^()]*\)", " ", _without_due(head, ref)).strip(" .,;")  # '… auf. (bis …)'
            if len(words_before) >= 2 and (not tail or tail in particles):
                # 'Die Übersicht erstellt Herr X.', 'Die Einladung verschickt Frau Y bis 20.2.', 'Den Kontakt nimmt
                # Herr Z auf': the object first
                rest = f"{_LEAD_IN.sub('', ' '.join(words_before[:-1]))} {head.strip()}"
            if action := _build_active(rest, infinitive, particles, [(name, known)], ref, sentence):
                return action
        if 2 <= len(words_before) <= 6 and re.fullmatch(r"[a-zäöüß]{3,}t", words_before[-1]) \
                and words_before[-1] not in _REPORTS and due_date(sentence, ref)[0]:
            # 'Die Fotos stellt Frau Onken bis zum 12.07. in die Cloud.': object first, a deadline
            obj = _LEAD_IN.sub("", " ".join(words_before[:-1]))
            return _make(f"{obj} {_CLAUSE_END.split(after, maxsplit=1)[0]}", words_before[-1], [(name, known)],
                         ref, sentence)
        if (m := _IN_CHARGE_FIRST.match(before)) \
                and re.match(r"\s*(?:\([^()]*\)\s*)?(?:zuständig|verantwortlich|federführend)\b", after):
            return _make(m.group("what"), "", [(name, known)], ref, sentence)  # 'Für X ist Frau Y zuständig'
        core = _TITLES_AT_END.sub("", before)
        if action := _owner_after(core, after, [(name, known)], ref, sentence):
            return action
        # Passive: '… wird hierzu von Kristina Mangold verschickt.'
        if re.search(r"\b(?:von|durch)\s*$", core) and (pm := re.search(r"\b(?:wird|werden)\b", core)):
            clause = _participle_clause(after)
            if clause:
                subject = _FILLER.sub("", _ARTICLE.sub("", _LEAD_IN.sub("", core[:pm.start()]).strip()))
                middle = re.sub(r"\b(?:von|durch)\s*$", "", core[pm.end():]).strip()
                phrase = _MIDDLE_FILLER.sub(" ", f"{subject} {middle} {clause}")
                return _make(phrase, "", [(name, known)], ref, sentence)
    if action := _noted(body, owners, ref, sentence):
        return action
    if (m := _GROUP_SUBJECT.match(body, lead_end)) and (group := owners.other(m.group("s"))) \
            and not any(s == lead_end for _, s, _, _ in people) and not explicit_decision(body) \
            and (assigned or due_date(sentence, ref)[0] or _MODAL.match(body[m.end():].strip())
                 or _COMMIT.match(body[m.end():]) or _FUTURE.search(body)):
        # a group's routine ('Die Geschäftsstelle verschickt das Protokoll') is none; a deadline, a promise or the
        # meeting to come ('Die Geschäftsstelle lädt zur nächsten Sitzung ein') makes it one
        if action := _active(body[m.end():], [(group, True)], owners, ref, sentence):
            return action
    if (m := _GROUPS_SUBJECT.match(body, lead_end)) and not explicit_decision(body) \
            and all(groups := [owners.other(p) for p in re.split(r"\s*(?:/|,|&|\bund\b)\s*", m.group("s"))]) \
            and (assigned or due_date(sentence, ref)[0] or _MODAL.match(body[m.end():].strip())):
        # 'FKZ/HWK reichen bis 15.09. eine Projektskizze ein', 'Die Kammer und die Innung klären bis Mai …'
        if action := _active(body[m.end():], [(g, True) for g in dict.fromkeys(groups) if g], owners, ref,
                             sentence):
            return action
    if (m := _WE.match(body, lead_end)) and (group := owners.other(m.group("org")) or _org_as_written(m.group("org"))):
        # 'Wir (HWK) übernehmen die Einladung': the organisation in brackets speaks and owns the task
        if action := _active(body[m.end():], [(group, True)], owners, ref, sentence, True):
            return action
    if (m := _TIME_FIRST.match(body)) and not _TIME_FIRST.match(m.group("rest")):
        # 'Bis Ende Oktober soll die Geschäftsstelle einen Raum finden': the subject after the verb, said in order
        time = m.group("time")[:1].lower() + m.group("time")[1:]
        return _sentence_action(f"{m.group('subject')} {m.group('verb')} {time} {m.group('rest')}",
                                owners, ref, assigned)
    if closing:
        return _closing_owner(body, closing, owners, ref, sentence)
    return None


# '… übernimmt die Agentur für Arbeit (' before the person in brackets: the verb and the organisation they speak for.
_UNIT_BEFORE = re.compile(r"\s(?P<v>[a-zäöüß]+t)\s+(?:die|der|das|den)\s+[A-ZÄÖÜ][^(),;]{1,50}\(\s*$")


# 'bittet darum, dass ihm alle … schicken', 'bitten, dass alle Mitglieder … melden': a request to everyone.
_ASKS_ALL = re.compile(r"\b(?:bittet|bitten|bat|baten)\s*(?:darum\s*)?,?\s*dass\s+(?:(?:ihm|ihr|ihnen|uns|mir)\s+)?"
                       r"alle(?:\s+(?:Mitglieder|Teilnehmenden|Anwesenden|Beteiligten))?\s+(?P<rest>\S.*)$")
_ASKS_ALL = guarded(_ASKS_ALL)  # run only where a word it needs occurs (etl/core/prefilter.py)


# 'Wir (HWK) übernehmen …', 'wir (Geschäftsstelle) kümmern uns …': the organisation that speaks as 'wir'.
_WE = re.compile(r"(?:Wir|wir)\s*\(\s*(?P<org>[^()]{2,40}?)\s*\)\s*(?=[a-zäöüß])")


def _org_as_written(raw: str) -> str | None:
    """An organisation named by its abbreviation or an organisation-like name ('HWK', 'Stadt Kassel'), as written."""
    value = raw.strip()
    return value if re.fullmatch(r"[A-ZÄÖÜ][A-ZÄÖÜa-zäöü&-]{1,11}", value) and sum(c.isupper() for c in value) >= 2 \
        or is_org_like(value) else None


# Words between a verb and its subject named after it: 'kümmert sich Frau X', 'schickt deshalb Herr Y'.
_BETWEEN_VERB_AND_SUBJECT = frozenset({"sich", "deshalb", "daher", "dann", "nun", "jetzt", "stattdessen",
                                       "ebenfalls", "auch", "dafür", "hierfür", "noch", "bitte", "zunächst"})


def _without_due(text: str, ref: date | None) -> str:
    """`text` without its deadline phrase ('bis 20.2.')."""
    _, span = due_date(text, ref)
    return f"{text[:span[0]]} {text[span[1]:]}" if span else text


_TIME_FIRST = re.compile(rf"^(?P<time>(?:Bis|bis|Spätestens|Zum|Zeitnah|Kurzfristig)\b[^,;]{{0,40}}?)\s+"
                         r"(?P<verb>soll|sollen|wird|werden|muss|müssen|will|möchte|kann)\s+"
                         rf"(?P<subject>(?:[Dd]ie|[Dd]er|[Dd]as)\s+[A-ZÄÖÜ][\wäöüß-]+|(?:{SALUTATION})\s+(?:(?:Dr\.|Prof\.)\s*)*"
                         r"[A-ZÄÖÜ][\wäöüß-]+|[A-ZÄÖÜ][\wäöüß-]+\s+[A-ZÄÖÜ][\wäöüß-]+)\s+(?P<rest>\S.*)$")
_NOTE_PREFIX = re.compile(r"^(?:(?:→|->|=>|⇒|►|▶)\s*|\[[ xX]?\]\s*|(?:TODO|To-?Do|To\s+Do|AP|Aufgabe|Maßnahme|Auftrag"
                          r"|Action(?:\s+Item)?|Arbeitsauftrag)\b\s*:?\s*)", re.I)
_AUXILIARY = re.compile(r"\b(?:ist|sind|hat|haben|hatte|hatten|war|waren|wurde|wurden)\b")


def _noted(body: str, owners: _Owners, ref: date | None, sentence: str) -> Action | None:
    """A task written as a note: 'Mehmet: Kapitel 3 klären (bis 4.4.)', 'ToDo Jablonski: …, bis 31.03.',
    '→ Karim fragen wegen der Termine'. A speaker's statement ('Herr Meier: Die Zahlen sind gestiegen') is none."""
    prefix = _NOTE_PREFIX.match(body)
    start = prefix.end() if prefix else 0
    text = body[start:]
    names: list[str] = []
    rest = ""
    if m := re.match(r"(?P<who>[^:]{2,60}?)\s*:\s+(?P<rest>\S.*)$", text):
        who = re.sub(r"^\((?P<in>[^()]+)\)$", r"\g<in>", m.group("who").strip())  # 'TODO (Haddad): …'
        who = re.sub(r"\s*\([^()]*\)", "", who)  # 'Frau Marquardt (BAuA): …'
        who = re.sub(r"(?i)^(?:(?:Auftrag|Aufgabe|Aufgaben|Bitte|Arbeitsauftrag)\s+)?(?:an|für|von)\s+", "", who)
        parts = [p for p in re.split(r"\s*(?:,|/|;|&|\+|\bund\b)\s*", who) if p.strip(" .@")]
        if parts and all(owners.person(p) or owners.other(p) for p in parts):
            names, _ = owners.resolve(who)
            rest = m.group("rest")
            prefix = prefix or (re.match(r"\S+", text) if who != m.group("who").strip() else None)
    if not names and prefix and not prefix.group(0).startswith("["):
        hits = owners.find(text)
        if hits and hits[0][1] == 0 and text[hits[0][2]:hits[0][2] + 1] in (" ", ","):
            coordinated, rest = _coordinated(hits[0][0], True, text[hits[0][2]:], owners)
            names = [n for n, _ in coordinated]
    if not names or not rest.strip(" ,.:"):
        return None
    core = re.sub(r"\s*\([^()]*\)\s*$", "", rest).strip(" .,")
    core_last = core.split()[-1] if core.split() else ""
    if not prefix and (_AUXILIARY.search(core) or not (_INFINITIVE.fullmatch(core_last) or due_date(rest, ref)[0])
                       or core_last in _NOT_TASK_INFINITIVES):
        return None  # 'Frau X: Ohne Landesmittel wird es nicht gehen.' is what she said
    return _make(rest, "", [(n, True) for n in names], ref, sentence)


# The owner named after the task: 'Die Einladung erfolgt durch Frau X', 'Die Federführung liegt bei Herrn Y',
# 'Zuständig für die Pressemitteilung ist Frau Z'.
_OWNER_AFTER = re.compile(r"(?i)(?:^(?P<subject>.{3,100}?)\s+(?:erfolgt|erfolgen)\s+(?:\w+\s+){0,3}?durch"
                          r"|^(?P<lead>.{3,100}?)\s+(?:liegt|liegen)\s+(?:\w+\s+){0,2}?bei"
                          r"|^(?:Zuständig|Verantwortlich|Federführend)\s+(?:für\s+(?P<what>.{3,100}?)\s+)?(?:ist|sind|bleibt))\s*$")


# A verb that reports what someone said: its 'dass' clause tells a fact, it assigns no work.
_TOLD = re.compile(r"(?i)\b(?:erläutert|berichtet|erklärt|sagt|teilt|informiert|weist|meint|betont|schildert|ergänzt"
                   r"|merkt|bestätigt|erinnert|führt|erwähnt|stellt\s+fest|berichten|erläutern)(?:e|en|et|ete|eten)?\b"
                   r"[^.;]*\b(?:dass|wonach)\s*$")


def _owner_after(core: str, after: str, names: list[tuple[str, bool]], ref: date | None,
                 sentence: str) -> Action | None:
    """'… dass Frau X bis 30.4. die Liste aktualisiert', '… erfolgt durch Frau X', '… liegt bei Herrn Y'."""
    if re.search(r"(?i)\b(?:dass|wonach)\s*$", core):
        if _TOLD.search(core):
            return None  # 'Frau X erläuterte, dass Herr Y in Elternzeit ist und sie … übernimmt': a report
        clause = _CLAUSE_END.split(after, maxsplit=1)[0].strip()
        words = clause.split()
        if len(words) >= 2 and re.fullmatch(r"[a-zäöüß]{3,}(?:t|en)", words[-1]) and words[-1] not in _REPORTS:
            verb = words[-1]  # '… dass Herr X bis 15.5. die Einladung verschickt' -> 'Einladung verschicken'
            return _make(" ".join(words[:-1]), _ACTIVE[verb][0] if verb in _ACTIVE else _infinitive_of(verb), names,
                         ref, sentence)
        return None
    if m := _OWNER_AFTER.match(core.strip()):
        what = m.group("subject") or m.group("lead") or m.group("what") or ""
        what = _ARTICLE.sub("", _LEAD_IN.sub("", what).strip())
        if what:
            return _make(f"{what} {after.strip()}", "", names, ref, sentence)
    return None


def _asked(body: str, owners: _Owners, ref: date | None, sentence: str) -> Action | None:
    """'@Karim bitte bis Freitag …', 'Karim, kannst du …', 'Bitte an alle: …' -> a task of the one asked."""
    m = _ASK.match(body)
    if not m:
        return None
    every = m.group("all") or m.group("every") or m.group("ihr")
    who = every or m.group("at") or m.group("named") or ""
    if m.group("voc"):  # 'Könntest du, Nils, bis zum 20.3. …': the name between commas is the one asked
        name = owners.person(m.group("voc"))
    else:
        name = "alle" if every else owners.addressee if m.group("you") else owners.person(who)
    if not name:
        return None
    rest = re.sub(r"^(?:bitte|kannst\s+du|könntest\s+du|würdest\s+du|magst\s+du|(?:könnten|würden|können)\s+Sie)\s+"
                  r"(?:(?:du|Sie|bitte|uns|mir)\s+)*", "", body[m.end():], flags=re.I)
    rest = re.sub(r"\s*\b(?:du|Sie)\b\s*", " ", rest) if m.group("you") else rest
    rest = re.sub(r"\beure?[nmrs]?\s+", "", rest) if m.group("ihr") else rest  # 'eure Zahlen schicken'
    if every and not re.search(r"[a-zäöüß]{3,}(?:en|ern|eln)\b", rest) and not due_date(rest, ref)[0]:
        return None  # no work named: 'Bitte alle mal lesen' is; 'Bitte alle!' is not
    return _make(rest, "", [(name, True)], ref, sentence) if rest.strip() else None


def _closing_owner(body: str, m: re.Match[str], owners: _Owners, ref: date | None, sentence: str) -> Action | None:
    """'Die Anträge müssen bis Ende Juni vorliegen (Brenner).': the person in the closing brackets owns what the
    sentence asks for (a deadline, a modal or 'wird', or an infinitive at its end), never a report of the past."""
    parts = [p.strip() for p in re.split(r"[,;]", m.group("who"))]
    due = None
    who: list[str] = []
    for part in parts:
        if value := due_date(part, ref, anywhere=True)[0]:
            due = due or value
        elif re.fullmatch(r"(?i)(?:laufend|offen|fortlaufend|nächste\s+Sitzung)", part):
            continue
        elif owners.person(part) or _COLLECTIVE.match(part) or (
                re.match(rf"{SALUTATION}\s", part) and person_name(part)):
            who.append(part)
        else:
            return None
    rest = body[:m.start()].strip()
    if not who or not rest or (_PAST.search(rest) and not _MODAL_ANYWHERE.search(rest)
                               and not re.search(r"\bzu\s+\w+$|\w+zu\w+en$", rest)):
        return None
    last = rest.split()[-1].strip(",.") if rest.split() else ""
    if not (due or due_date(rest, ref)[0] or _MODAL_ANYWHERE.search(rest) or _INFINITIVE.fullmatch(last)
            or any(word in _ACTIVE for word in rest.split()[:4])):  # 'Ref. 23 prüft die Anmeldung (Dr. Klüver).'
        return None
    names, known = owners.resolve(", ".join(who))
    action = _make(_LEAD_IN.sub("", rest), "", [(n, known) for n in names], ref, sentence)
    if due:
        action.due = due
    return action


_MODAL_ANYWHERE = re.compile(r"\b(?:wird|werden|soll|sollen|sollte|sollten|muss|müssen|ist\s+zu|sind\s+zu)\b")
_INFINITIVE = re.compile(r"[a-zäöüß]{2,}(?:en|ern|eln)")
# Infinitives that close a modal clause without making it a task: 'wird … teilnehmen', 'soll … eingeladen werden'.
_NOT_TASK_INFINITIVES = {"werden", "worden", "sein", "haben", "teilnehmen", "kommen", "bleiben", "können", "müssen",
                         "sollen", "dürfen", "gelten", "stattfinden", "finden", "liegen", "geben", "entfallen",
                         "vertreten", "gehen", "klappen", "funktionieren", "reichen", "passen", "helfen"}
# 'sagt zu, …', 'erklärt sich bereit, …', 'wird gebeten, …': a commitment whose task is the zu-infinitive after it.
_COMMIT = re.compile(r"^\s*(?:(?:sagt|sagen|sagte|sagten|sichert|sichern|sicherte|sicherten)\s+zu"
                     r"|(?:erklärt|erklären|erklärte|erklärten)\s+sich\s+"
                     r"(?:\w+\s+)?bereit|(?:übernimmt|übernehmen)\s+es"
                     r"|(?:wird|werden|wurde|wurden)\s+(?:\w+\s+)?(?:gebeten|beauftragt)|(?:hat|haben)\s+(?:\w+\s+)?zugesagt"
                     r"|(?:ist|sind)\s+(?:\w+\s+)?bereit)\s*,\s*")
_ZU_PARTICLE = re.compile(r"^(ab|an|auf|aus|bei|ein|her|hin|mit|nach|vor|weg|weiter|zurück|zusammen|fest|bereit|dar|um"
                          r"|durch|wieder|vorbei|heraus|herum|rum|raus|hoch|bekannt|fertig|frei|klar|kennen|teil)zu"
                          r"([a-zäöüß]+)$")
# Finite verbs that report rather than assign, even next to a date.
_REPORTS = {"berichtet", "berichten", "erläutert", "erläutern", "begrüßt", "dankt", "bedankt", "weist", "verweist",
            "hat", "haben", "ist", "sind", "war", "waren", "hatte", "hatten", "wurde", "wurden", "schildert",
            "betont", "findet", "finden", "gibt", "geht", "liegt", "liegen", "läuft", "laufen", "beginnt", "endet",
            "erklärt", "erklären", "meint", "sagt", "sagen", "merkt", "regt", "fragt", "kündigt", "eröffnet",
            "schließt", "freut", "bittet", "bitten", "schlägt", "schlagen", "zeigt", "präsentiert",
            "gratuliert", "nennt", "hält", "sieht", "sehen", "empfiehlt", "spricht", "wünscht", "bestätigt"}
# Particles of separable verbs that close a clause: 'legt … vor', 'arbeitet … ein', 'nimmt … mit'.
_SEPARABLE = frozenset({"vor", "an", "ab", "auf", "aus", "ein", "mit", "nach", "fest", "dar", "zusammen", "weiter",
                        "zurück", "her", "bei", "durch", "um"})
# Particles that close a report rather than a task: 'stellt … vor', 'stellt … fest', 'legt … dar'.
_REPORT_PARTICLES = {"vor", "fest", "dar", "heraus", "zusammen", "hin", "an"}


_PARTICIPLE = re.compile(r"(?:ab|an|auf|aus|bei|ein|fest|her|hin|mit|nach|vor|weg|weiter|zurück|zusammen|vorbei|um"
                         r"|durch|wieder|bereit|frei|zu)?ge[a-zäöüß]{2,}(?:en|t)")
_GE_INFINITIVES = ("geben", "gehen", "genehmigen", "gestalten", "gewinnen", "gewährleisten", "gewähren", "gefährden")


def _participle(word: str) -> bool:
    """'angenommen', 'eingeladen': the passive's participle, whose subject receives rather than does the task."""
    return bool(_PARTICIPLE.fullmatch(word)) and not word.endswith(_GE_INFINITIVES)


def _zu_clause(rest: str, names: list[tuple[str, bool]], ref: date | None, sentence: str) -> Action | None:
    """'…, bis 15.02. den Kontakt zur Innung herzustellen' -> 'Kontakt zur Innung herstellen'."""
    clause = _CLAUSE_END.split(rest, maxsplit=1)[0].strip()
    words = clause.split()
    if len(words) < 2:
        return None
    last = words[-1].strip(",.")
    if words[-2] == "zu" and _INFINITIVE.fullmatch(last):
        return _make(" ".join(words[:-2]), last, names, ref, sentence)
    if m := _ZU_PARTICLE.match(last):
        return _make(" ".join(words[:-1]), m.group(1) + m.group(2), names, ref, sentence)
    return None


# Words one of which every task sentence holds: a task verb, a modal verb or the passive's 'wird'.
_TRIGGERS = frozenset({*_ACTIVE, *_PLURAL_ACTIVE, "wird", "werden", "soll", "sollte", "will", "möchte", "muss",
                       "kann", "sollen", "sollten", "wollen", "möchten", "müssen", "können", "sagt", "sagen", "sagte",
                       "sagten", "bereit", "gebeten", "zugesagt", "angeboten", "bietet", "bieten", "kümmern", "dass",
                       "erfolgt", "liegt", "Zuständig", "Verantwortlich", "Federführend", "bittet", "bitten",
                       "beauftragt", "beauftragen", "berichtet", "berichten", "präsentiert", "präsentieren",
                       "sichert", "sichern", "zuständig", "verantwortlich", "federführend"})


def _coordinated(name: str, known: bool, after: str, owners: _Owners) -> tuple[list[tuple[str, bool]], str]:
    """'Anna Schmidt, Jan Ohm und Max Müller übernehmen …' -> all names and the text after them."""
    names = [(name, known)]
    while m := re.match(r"^\s*(?:\([^()]*\))?\s*(?:und|sowie|,|&)\s+", after):
        if owners.sender and (me := re.match(r"ich\b", after[m.end():])):
            names.append((owners.sender, True))  # 'Tobias und ich bereiten … vor' in the writer's mail
            after = after[m.end() + me.end():]
            continue
        others = _people_in(after[m.end():], owners)
        if not others or others[0][1] != 0:
            break
        other, _, end, other_known = others[0]
        if other_known and m.group(0).strip() == "," and not any(k for _, k in names):
            names = []  # 'Vorschlag Stadthalle, Theo fragt an': a topic that only looks like a name, then the owner
        names.append((other, other_known))
        after = after[m.end() + end:]
    return names, after


def _active(after: str, names: list[tuple[str, bool]], owners: _Owners, ref: date | None,
            sentence: str, assigned: bool = False) -> Action | None:
    """The task of 'X <verb> …' after its subject: a task verb, a promise ('sagt zu, … zu prüfen'), a modal
    with an infinitive ('wird … vorstellen'), or any present-tense verb with a deadline ('stellt … her (bis …)')."""
    after = re.sub(r"^\s*\([^()]*\)", "", after)  # 'Andreas Ihm (itb) prüft …'
    words = after.split()
    if not words:
        return None
    if m := _COMMIT.match(after):
        return _zu_clause(after[m.end():], names, ref, sentence)
    verb = words[0].strip(",")
    rest = after.strip()[len(words[0]):]
    if verb in ("kümmert", "kümmern") and (m := re.match(r"^\s*(?:sich|uns)\s+", rest)):
        clause = _CLAUSE_END.split(rest[m.end():], maxsplit=1)[0]
        return _make(clause, "kümmern", names, ref, sentence)
    if verb in _ACTIVE:
        infinitive, particles = _ACTIVE[verb]
        if not particles and not rest.strip(" .!") and verb in _PARTICIPLES:
            return None  # '… an / Frau Hansen verschickt.': the end of a passive wrapped onto its own line
        if action := _build_active(rest, infinitive, particles, names, ref, sentence):
            return action
    elif verb in _PLURAL_ACTIVE and (len(names) > 1 or names[0][1]):  # one unknown 'name' + infinitive: a task row
        infinitive, particles = _PLURAL_ACTIVE[verb]
        if action := _build_active(rest, infinitive, particles, names, ref, sentence):
            return action
    if verb in ("ist", "sind", "bleibt", "bleiben") and (m := _IN_CHARGE.match(rest)):
        return _make(m.group("what"), "", names, ref, sentence)  # 'Frau X ist für die Einladung zuständig'
    if _MODAL.match(verb):
        clause = _CLAUSE_END.split(rest, maxsplit=1)[0]
        last = clause.split()[-1].strip(",.") if clause.split() else ""
        infinitives = {inf.split()[-1] for inf, _ in _ACTIVE.values()} | set(_PARTICIPLES.values())
        if last in infinitives or (_INFINITIVE.fullmatch(last) and last not in _NOT_TASK_INFINITIVES
                                   and not _participle(last)):
            return _make(clause[: clause.rfind(last)], last, names, ref, sentence)
        return None
    if verb in ("bittet", "bitten", "beauftragt", "beauftragen") and (asked := _asked_person(rest, owners)):
        # 'Frau X bittet Herrn Y, bis 30.4. die Zahlen zu liefern': the one asked owns the task
        who, tail = asked
        return _zu_clause(re.sub(r"^\s*,?\s*", "", tail), who, ref, sentence)
    if verb in _FUTURE_REPORTS and (on_day := _future_day(_CLAUSE_END.split(rest, maxsplit=1)[0], ref)) \
            and (clause := _CLAUSE_END.split(rest, maxsplit=1)[0].strip()).split()[-1].strip(",.") == "vor" \
            and verb.startswith("stell"):
        # 'Frau X und Herr Y stellen das Auftragsbuch am 12. März bei der Innung vor': a presentation to come
        action = _make(" ".join(clause.split()[:-1]), "vorstellen", names, ref, sentence)
        action.due = action.due or on_day
        return action
    if verb in _FUTURE_REPORTS and _FUTURE.search(_CLAUSE_END.split(rest, maxsplit=1)[0]):
        # 'Herr X stellt die Ergebnisse in der nächsten Sitzung vor': a report promised for later is a task
        clause = _CLAUSE_END.split(rest, maxsplit=1)[0].strip()
        words = clause.split()
        if verb.startswith("stell"):
            if not words or words[-1].strip(",.") != "vor":
                return None
            clause, infinitive = " ".join(words[:-1]), "vorstellen"
        else:
            infinitive = _FUTURE_REPORTS[verb]
        return _make(clause, infinitive, names, ref, sentence)
    if verb in ("erinnert", "erinnern") and re.match(r"\s*(?:an|daran)\b", rest):
        return None  # 'erinnert an den Auftrag, bis … vorzulegen': a reminder of an old deadline
    if re.fullmatch(r"[a-zäöüß]{3,}(?:t|en|rn|ln)", verb) and verb not in _REPORTS \
            and not verb.endswith(("te", "ten")) and (assigned or due_date(sentence, ref)[0]) \
            and (verb.endswith("t") or len(names) > 1 or names[0][1]):
        # ('Veranstaltungsort Kassel reservieren Jablonski': one unknown "name" and an infinitive is a task row)
        # a deadline, or a paragraph labelled 'Aufgaben:' / 'Vereinbart:', makes any present-tense verb a task
        clause = _CLAUSE_END.split(rest, maxsplit=1)[0]
        closing = re.sub(r"\s*\([^()]*\)\s*$", "", clause).split()
        particle = closing[-1].strip(".,") if closing else ""
        if particle in _REPORT_PARTICLES and not assigned and not (
                _firm_deadline(sentence, ref) and particle not in ("fest", "dar", "hin")
                and not (verb.startswith("stell") and particle == "vor")):
            return None  # 'stellt … bis 30.4. vor' reports; 'legt bis 15.06. einen Entwurf vor' is work with a deadline
        last = closing[-1].strip(".,") if closing else ""
        if last in _SEPARABLE and (cut := re.search(rf"\s+{last}\W*(?=\s*(?:\([^()]*\))?\s*$)", clause)):
            return _make(clause[:cut.start()], last + _infinitive_of(verb), names, ref, sentence)  # 'legt … vor'
        return _make(clause, _infinitive_of(verb), names, ref, sentence)
    if m := re.search(r"\s(?:und|sowie)\s+(?=[a-zäöüß]{3,}t\b)", rest):
        return _active(rest[m.end():], names, owners, ref, sentence)  # '… schlägt Termine vor und verschickt …'
    return None


# '… ist (weiterhin) für die Einladung zuständig': an assignment; '… ist bei der HWK für … zuständig' describes a post.
_IN_CHARGE = re.compile(r"\s*(?:(?:weiterhin|auch|ab\s+sofort|hierfür|dafür)\s+)?für\s+"
                        r"(?P<what>(?:die|den|das)\s+[^,;]{2,80}?)"
                        r"\s+(?:zuständig|verantwortlich|federführend)\b")
# 'Für die Einladung ist Frau X zuständig': the same, the task said first.
_IN_CHARGE_FIRST = re.compile(r"^(?:Für|für)\s+(?P<what>[^,;]{2,80}?)\s+(?:ist|sind|bleibt|bleiben)\s+$")


# Reports promised for a later meeting: 'berichtet in der nächsten Sitzung', 'stellt … beim nächsten Treffen vor'.
_FUTURE_REPORTS = {"stellt": "vorstellen", "stellen": "vorstellen", "berichtet": "berichten", "berichten": "berichten",
                   "präsentiert": "präsentieren", "präsentieren": "präsentieren"}
_FUTURE = re.compile(r"(?i)\b(?:in|bei|auf|zu|im|beim|zur|zum)\s+(?:der|dem|einer|einem)?\s*"
                     r"(?:nächsten|kommenden|folgenden)\s+(?:Sitzung|Treffen|Termin|Runde|Besprechung|Telko|Fachgruppensitzung)\b|\bkünftig\b")


def _firm_deadline(sentence: str, ref: date | None) -> bool:
    """A deadline set with 'bis' or 'spätestens' ('bis 15.06.', 'spätestens Ende Mai'), not a date in passing."""
    due, span = due_date(sentence, ref)
    return due is not None and span is not None and bool(re.match(r"(?i)bis\b|spätestens\b", sentence[span[0]:]))


# 'am 12. März', 'am 23.9.2025': the day a promised presentation takes place.
_ON_DAY = re.compile(r"(?i)\bam\s+(?=\d)")


def _future_day(clause: str, ref: date | None) -> str | None:
    """The day after the meeting (within the year to come) that 'am …' names in `clause`, else None."""
    if ref is None:
        return None
    for m in _ON_DAY.finditer(clause):
        value, _ = date_at_start(clause[m.end():m.end() + 30], ref)
        if value is not None and 0 < (value - ref).days <= 300:
            return value.isoformat()
    return None


def _infinitive_of(verb: str) -> str:
    """'schreibt' -> 'schreiben', 'liefert' -> 'liefern', 'meldet' -> 'melden' (a plural or infinitive stays)."""
    if not verb.endswith("t") or verb.endswith("en"):
        return verb
    stem = verb[:-1]
    return f"{stem}n" if stem.endswith(("e", "er", "el")) else f"{stem}en"


def _asked_person(rest: str, owners: _Owners) -> tuple[list[tuple[str, bool]], str] | None:
    """The person or group right after 'bittet' / 'beauftragt' and the text after them."""
    text = rest.lstrip()
    hits = owners.find(text)
    if hits and hits[0][1] == 0:
        return _coordinated(hits[0][0], True, text[hits[0][2]:], owners)
    if (m := re.match(r"(?i)(?:(?:die|den|der|das)\s+)?(?P<s>[\wÄÖÜäöüß&-]+(?:\s+[A-ZÄÖÜ][\wÄÖÜäöüß-]+)?)", text)) \
            and (group := owners.other(m.group("s"))):
        return [(group, True)], text[m.end():]
    return None


def _build_active(rest: str, infinitive: str, particles: tuple[str, ...], names: list[tuple[str, bool]],
                  ref: date | None, sentence: str) -> Action | None:
    clause = _CLAUSE_END.split(rest, maxsplit=1)[0].strip()
    clause = re.sub(r"\s*\([^()]*\)\s*$", "", clause)  # 'stellt Kontakt her (bis 31.01.)'
    if not particles and (m := re.search(r"\s(rum|herum|umher|raus|heraus)\b(?=\s*(?:,|$))", clause)):
        infinitive = f"{m.group(1)}{infinitive}"  # 'schickt … die Unterlagen rum' (spoken German in e-mails)
        clause = clause[:m.start()]
    if particles and (tail := re.search(r",\s*(?:am\s+besten\s+|möglichst\s+|spätestens\s+)?[^,]{2,40}$", clause)) \
            and due_date(tail.group(0), ref)[0] and clause[:tail.start()].split()[-1:] \
            and clause[:tail.start()].split()[-1] in particles:
        clause = clause[:tail.start()]  # 'fragt bei Herrn X an, am besten bis Ende November'
    if particles:
        words = clause.split()
        if not words or words[-1].strip(",.") not in particles:
            return None
        clause = " ".join(words[:-1])
        if infinitive == "bereitstellen":  # 'stellt … zusammen / bereit / zur Verfügung'
            particle = words[-1].strip(",.")
            infinitive = {"zusammen": "zusammenstellen", "Verfügung": "zur Verfügung stellen", "ein": "einstellen",
                          "her": "herstellen", "fertig": "fertigstellen", "sicher": "sicherstellen"}.get(particle,
                                                                                                       infinitive)
            if particle == "Verfügung":
                clause = re.sub(r"\s*zur\s*$", "", clause)
        elif infinitive == "weitergeben" and words[-1].strip(",.") == "Auftrag":  # 'gibt den Druck in Auftrag'
            infinitive, clause = "in Auftrag geben", re.sub(r"\s+in$", "", clause)
        elif infinitive in ("anfragen", "einreichen"):  # 'fragt … ab / nach', 'reicht … nach'
            infinitive = {("anfragen", "ab"): "abfragen", ("anfragen", "nach"): "nachfragen",
                          ("einreichen", "nach"): "nachreichen"}.get((infinitive, words[-1].strip(",.")), infinitive)
    return _make(clause, infinitive, names, ref, sentence)


def _participle_clause(after: str) -> str | None:
    """The rest of a passive clause with its participles as infinitives ('erstellt und verteilt' ->
    'erstellen und verteilen'), or None when the clause does not end in a known participle."""
    clause = re.split(r",\s+|;|\s+–\s+", after, maxsplit=1)[0]
    words = list(re.finditer(r"[\wäöüß]+", clause))
    while words and words[-1].group(0) in ("werden", "worden", "sein"):
        words.pop()
    if not words or words[-1].group(0) not in _PARTICIPLES:
        return None
    return re.sub(r"[\wäöüß]+", lambda m: _PARTICIPLES.get(m.group(0), m.group(0)), clause[:words[-1].end()])


def _make(obj: str, infinitive: str, names: list[tuple[str, bool]], ref: date | None,
          sentence: str) -> Action:
    due, span = due_date(obj, ref)
    if due is None:
        due = due_date(sentence, ref)[0]
    end = re.search(r"\((?P<d>[^()]{3,25})\)\s*[.!]?\s*$", sentence)
    if due is None and end and _just_date(end["d"], ref):
        due = due_date(end["d"], ref, anywhere=True)[0]  # 'Frau X lädt zur nächsten Sitzung ein (April)'
    if span is None and obj.rstrip().endswith(")") and (inner := re.search(r"\s*\((?P<d>[^()]{3,25})\)\s*$", obj)) \
            and _just_date(inner["d"], ref):
        obj = obj[:inner.start()]
    if span:
        obj = obj[:span[0]] + " " + obj[span[1]:]
    obj = _FILLER.sub("", _tidy(obj))
    obj = _ARTICLE.sub("", obj)
    text = _tidy(f"{obj} {infinitive}") if obj else infinitive
    owner_names = [n for n, _ in names]
    return Action(text, owner_names[0], due, 0, sentence, owner_names,
                  all(k for _, k in names))
