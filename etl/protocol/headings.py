"""Which lines open a section (Teilnehmende, Agenda, Aufgaben …) or carry a header label (Datum:, Ort:)."""

from __future__ import annotations

import re

from etl.protocol.markup import Line

PRESENT, EXCUSED, ABSENT, GUEST = "present", "excused", "absent", "guest"
PARTICIPANT_KINDS = (PRESENT, EXCUSED, ABSENT, GUEST)
AGENDA, ACTIONS, DECISIONS = "agenda", "actions", "decisions"

_ACTION_WORDS = (r"aufgaben(?:liste|übersicht)?|to[\s-]?dos?|todo-?liste|vereinbarungen|verabredungen|"
                 r"nächste\s+schritte|weitere\s+schritte|weiteres\s+vorgehen|arbeitsaufträge|aktionspunkte|"
                 r"maßnahmen(?:plan)?|offene\s+punkte|festlegung\s+(?:der\s+)?weiteren?\s+schritte")
_SECTION = re.compile(
    r"^(?:TOP\s*\d{1,2}[a-z]?\s*[:.)–—-]?\s*)?(?:"
    r"(?P<excused>entschuldigt(?:e)?(?:\s+(?:sind|waren|haben\s+sich))?|es\s+(?:haben|hat)\s+sich\s+entschuldigt"
    r"|entschuldigungen|abgesagt(?:\s+haben)?|absagen|es\s+fehl(?:en|t|ten)\s+entschuldigt)"
    r"|(?P<absent>abwesend(?:e)?(?:\s+(?:sind|waren))?|es\s+fehl(?:en|t|ten)(?:\s+unentschuldigt)?"
    r"|nicht\s+anwesend|fehlend(?:e)?|unentschuldigt(?:\s+fehl(?:en|t|ten))?)"
    r"|(?P<guest>gäste|gast|als\s+gäste?|gastteilnehmende|gäste?\s*/\s*gäste)"
    r"|(?P<present>teilnehm(?:ende|er(?:[*/:_]?innen)?)(?:\s+(?:der\s+sitzung|des\s+treffens|vor\s+ort))?"
    r"|anwesend(?:e)?(?:\s+(?:sind|waren|partner(?:innen)?|personen|mitglieder))?|anwesenheit|anwesenheitsliste"
    r"|(?:es|an\s+der\s+sitzung)\s+nahmen\s+teil|es\s+nehmen\s+teil|teilnehmendenliste|teilnehmerliste)"
    r"|(?P<agenda>agenda|tagesordnung(?:spunkte)?|tops|themen\s+der\s+sitzung)"
    rf"|(?P<actions>(?:{_ACTION_WORDS})(?:\s*(?:/|und|&|,)\s*(?:{_ACTION_WORDS}|zuständigkeiten))?)"
    r"|(?P<decisions>beschlüsse|beschluss|beschlussfassung|entscheidungen|ergebnisse|ergebnis|"
    r"beschlüsse\s+und\s+ergebnisse|ergebnisse\s+und\s+beschlüsse)"
    r")\s*(?:\([^()]{0,60}\))?\s*(?::\s*(?P<rest>.*)|\.?)$",
    re.IGNORECASE,
)

_LABELS = {
    "datetime": r"(?:datum|termin)\s*(?:/|und|&|,)\s*(?:uhr)?zeit",
    "location_format": r"ort\s*(?:/|und|&|,)\s*format|format\s*(?:/|und|&|,)\s*ort",
    "date": r"datum|sitzungsdatum|termin|sitzungstermin|tag|wann|sitzung\s+am",
    "time": r"uhrzeit|zeit|sitzungszeit|dauer|zeitraum",
    "start": r"beginn|start|sitzungsbeginn",
    "end": r"ende|schluss|sitzungsende",
    "location": r"ort|sitzungsort|veranstaltungsort|tagungsort|location|raum|wo",
    "format": r"format|sitzungsformat|veranstaltungsformat|durchführung|art\s+der\s+sitzung",
    "writer": r"protokoll(?:führung|führer(?:in)?|ant(?:in)?)?|protokoll\s+erstellt\s+von|verfasser(?:in)?",
    "chair": r"moderation|leitung|sitzungsleitung|vorsitz|moderator(?:in)?",
    "group": r"gremium|gruppe|fachgruppe|arbeitsgruppe|anlass|veranstaltung",
    "other": r"verteiler|anlagen?|betreff|aktenzeichen|version|stand|erstellt(?:\s+am)?|nächste\s+sitzung",
}
_LABEL_ALTERNATIVES = "|".join(f"(?P<{k}>{v})" for k, v in _LABELS.items())
_LABEL = re.compile(rf"^(?:{_LABEL_ALTERNATIVES})\s*:\s*(?P<value>.*)$", re.IGNORECASE)
_TOP = re.compile(r"^TOP\s*(?P<no>\d{1,2}[a-z]?)(?:\s*[:.)–—-]\s*|\s+|$)(?P<title>.*)$", re.IGNORECASE)


def text_of(line: Line) -> str:
    """The line as one text; a two-cell table row 'Datum | 08.06.2021' reads as 'Datum: 08.06.2021'."""
    if line.cells is not None:
        cells = [c for c in line.cells if c]
        if len(cells) >= 2 and (_LABEL.match(cells[0].rstrip(":") + ":") or
                                _SECTION.match(cells[0].rstrip(":") + ":")):
            return f"{cells[0].rstrip(':')}: {' '.join(cells[1:])}"
        return line.text
    return line.body


def section_heading(line: Line) -> tuple[str, str] | None:
    """(kind, inline rest) when the line opens a known section, e.g. ('present', 'A (X), B (Y)')."""
    text = text_of(line)
    if not text or len(text) > 20000 or (line.cells is not None and ": " not in text):
        return None
    m = _SECTION.match(text)
    if not m:
        return None
    kind = next(k for k in (EXCUSED, ABSENT, GUEST, PRESENT, AGENDA, ACTIONS, DECISIONS) if m.group(k))
    return kind, (m.group("rest") or "").strip()


def label(line: Line) -> tuple[str, str] | None:
    """(label kind, value) for header lines such as 'Ort: Videokonferenz via Zoom'."""
    text = text_of(line)
    if not text or ":" not in text[:40]:
        return None
    m = _LABEL.match(text)
    if not m:
        return None
    kind = next(k for k in _LABELS if m.group(k))
    return kind, m.group("value").strip()


def top_heading(line: Line) -> tuple[str, str] | None:
    """('3', 'Bericht der Fachgruppe') for 'TOP 3: Bericht der Fachgruppe'."""
    if line.cells is not None:
        return None
    m = _TOP.match(line.body)
    return (m.group("no"), m.group("title").strip()) if m else None


def is_heading(line: Line) -> bool:
    """Ends a list block: Markdown/Word headings, known sections, header labels, 'TOP n'."""
    if line.blank or line.rule:
        return False
    return bool(line.level or section_heading(line) or label(line) or top_heading(line))
