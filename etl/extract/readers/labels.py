"""Words that give a protocol line its role before any parsing: field labels and table header words.

The reader needs them to find block boundaries: "Datum: …" on the line after a paragraph starts a
new block (it is a field, not a wrapped continuation), and a first table row made of these words is
the header row. Which field means what is the parser's business, not the reader's.
"""

from __future__ import annotations

import re

_FIELD_WORDS = (
    r"datum|sitzungsdatum|termin|sitzungstermin|uhrzeit|zeit|sitzungszeit|dauer|zeitraum|beginn|ende|"
    r"schluss|sitzungsbeginn|sitzungsende|ort|sitzungsort|tagungsort|veranstaltungsort|raum|format|"
    r"sitzungsformat|durchführung|teilnehmende|teilnehmer(?:[*/:_]?innen)?|teilnehmerinnen|anwesend(?:e)?|"
    r"anwesenheit|entschuldigt(?:e)?|abwesend(?:e)?|absagen|fehlend(?:e)?|gäste|gast|"
    r"protokoll(?:führung|führer(?:in)?|ant(?:in)?)?|verfasser(?:in)?|moderation|leitung|sitzungsleitung|"
    r"vorsitz|verteiler|anlagen?|betreff|aktenzeichen|gremium|fachgruppe|arbeitsgruppe|agenda|"
    r"tagesordnung|top\s*\d{1,2}[a-z]?|beschlüsse|beschluss|ergebnisse?|entscheidung(?:en)?|aufgaben?|"
    r"to-?dos?|vereinbarungen|nächste\s+schritte|nächste[sr]?\s+(?:sitzung|treffen|termin)|"
    r"verantwortlich(?:e)?|zuständig(?:keit)?|frist|stand|version|fassung|erstellt(?:\s+am)?|hinweis|"
    r"thema|themen|kontakt|von|an|cc|gesendet|datum\s*(?:/|und|,)\s*(?:uhr)?zeit|ort\s*(?:/|und|,)\s*format"
)
# "Datum:", "Teilnehmende (vor Ort):", "Ort / Format:" at the start of a line.
_FIELD = re.compile(rf"^(?:{_FIELD_WORDS})\s*(?:\([^()]{{0,40}}\))?\s*:", re.IGNORECASE)

_HEADER_WORDS = (
    r"nr\.?|lfd\.?\s*nr\.?|name|namen|vorname|nachname|name,?\s*vorname|vorname\s+name|person|"
    r"teilnehmer(?:[*/:_]?innen)?|teilnehmende|organisation|institution|einrichtung|unternehmen|firma|"
    r"verband|partner|funktion|rolle|e-?mail|kontakt|anwesend|entschuldigt|abwesend|gast|teilnahme|"
    r"status|bemerkung(?:en)?|anmerkung(?:en)?|notiz|wer|was|wann|bis\s+wann|bis|aufgabe|maßnahme|"
    r"verantwortlich(?:e)?|zuständig|termin|frist|datum|erledigt|top|thema|inhalt|ergebnis|beschluss|"
    r"unterschrift|x|ja|nein|vor\s+ort|online|präsenz|digital"
)
_HEADER_CELL = re.compile(rf"^(?:(?:{_HEADER_WORDS})(?:\s*(?:/|,|und|&|\(|-)\s*)?)+\)?\s*:?$", re.IGNORECASE)


_SECTION_WORDS = (
    r"teilnehmende|teilnehmer(?:[*/:_]?innen)?|teilnehmerliste|anwesend(?:e)?|anwesenheit|entschuldigt(?:e)?|"
    r"abwesend(?:e)?|gäste|agenda|tagesordnung|tops|beschlüsse|ergebnisse|aufgaben|to-?dos?|vereinbarungen|"
    r"nächste\s+schritte|weiteres\s+vorgehen|verschiedenes|sonstiges"
)
_SECTION = re.compile(rf"^(?:{_SECTION_WORDS})$", re.IGNORECASE)


def is_section_word(text: str) -> bool:
    """True for a line that is only a section name ("Tagesordnung", "Anwesend") — it acts as a heading."""
    return bool(_SECTION.match(text.strip()))


def is_field_line(text: str) -> bool:
    """True for a line that opens a protocol field ("Datum: …", "Teilnehmende:")."""
    return ":" in text and bool(_FIELD.match(text.strip()))  # every field ends in a colon


def looks_like_header(cells: tuple[str, ...] | list[str]) -> bool:
    """True when a table row consists of column titles (Name | Organisation | anwesend)."""
    filled = [cell for cell in cells if cell.strip()]
    return len(filled) >= max(1, len(cells) - 1) and all(_HEADER_CELL.match(cell.strip()) for cell in filled) \
        and not all(cell.strip().lower() in ("x", "ja", "nein") for cell in filled)
