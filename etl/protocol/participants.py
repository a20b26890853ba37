"""Participant blocks ('Teilnehmende:', 'Entschuldigt:', 'Gäste:') -> people with organisation and note.

Layouts met in real protocols: 'Name<TAB>Org' (Word tables), 'Name, Org', 'Name (Org)',
'Name – Org', 'A (X), B (Y), C (Z)', bullet lists, pipe tables, 'PSG: A, B'. What cannot
be read as a person becomes an `Unreadable` with a German reason, never a participant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.protocol.headings import ABSENT, EXCUSED, GUEST, PRESENT, is_heading, label, section_heading
from etl.protocol.markup import Line
from etl.protocol.names import PersonName, is_org_like, person_name, split_titles
from etl.resolve.registry import Registry
from vocab.keys import clean


@dataclass
class Entry:
    name: str
    title: str | None
    organisation_raw: str | None
    status: str
    note: str | None
    line: int
    raw: str


@dataclass
class Unreadable:
    line: int
    raw: str
    reason: str
    organisation_raw: str | None = None


_ROLE = (r"\w*(?:leitung|leiter|leiterin|führer|führerin|führung|referent|referentin|referent\*in|"
         r"beauftragte|beauftragter|koordinator|koordinatorin|koordination|sprecher|sprecherin|vorsitzende|vorsitzender|"
         r"geschäftsführ\w*|vorstand|berater|beraterin|moderation|moderator|moderatorin|protokoll|"
         r"protokollant|protokollantin|protokollführerin|protokollführer)")
_NOTE = re.compile(
    r"^(?:online|digital|virtuell|remote|per\s+(?:video|telefon|zoom|teams|webex)|telefonisch|zugeschaltet"
    r"|vor\s+ort|in\s+präsenz|präsenz|hybrid|(?:ab|bis|nur|zu|nach|vor)\s+.+|zeitweise|teilweise|zeitweilig"
    r"|später|verspätet|früher\s+weg|i\.\s?v\..*|in\s+vertretung.*|vertretung.*|vertritt.*|stellv(?:\.|ertret\w*).*"
    r"|top\s*\d.*|neu|beratend|ohne\s+stimmrecht|gastgeber\w*|vortrag\w*|impuls\w*|input|co-?moderation"
    rf"|{_ROLE}(?:\s+.*)?)$",
    re.IGNORECASE,
)
_STATUS_WORDS = {
    "gast": GUEST, "gäste": GUEST, "als gast": GUEST,
    "entschuldigt": EXCUSED, "entsch.": EXCUSED, "e": EXCUSED, "abgesagt": EXCUSED,
    "abwesend": ABSENT, "fehlt": ABSENT, "nicht anwesend": ABSENT, "unentschuldigt": ABSENT, "nein": ABSENT,
    "anwesend": PRESENT, "x": PRESENT, "ja": PRESENT, "✓": PRESENT, "✔": PRESENT, "teilgenommen": PRESENT,
}
_TRAILING_NOTE = re.compile(
    r"(?:,\s*|\s+)(?P<note>(?:in\s+Vertretung\s+(?:für|von)|i\.\s?V\.(?:\s+(?:für|von))?|als\s+Vertretung\s+"
    r"(?:für|von)|vertritt|als\s+Gast)\b.*)$", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s+[–—-]\s+|\s*:\s+|\s*,\s*|\s+/\s+|\s*\|\s*")
_EMAIL = re.compile(r"<?\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b>?")
_PLACEHOLDER = re.compile(r"^(?:N\.\s?N\.?|NN|N\.N|XX+|\?+|…|\.\.\.)$", re.IGNORECASE)
# 'Anna Schmidt von der Handwerkskammer …': the preposition is not part of the organisation's name.
_ORG_PREFIX = re.compile(r"^(?:von\s+der|von\s+dem|vom|von|bei\s+der|beim|bei|für\s+die|für\s+den|für)\s+",
                         re.IGNORECASE)
_COLUMN_WORDS = {
    "name": {"name", "namen", "teilnehmer", "teilnehmende", "teilnehmer*in", "teilnehmer*innen",
             "teilnehmerin", "person", "vor- und nachname", "name, vorname", "nachname, vorname",
             "vorname name",
             "vorname nachname", "titel, name", "titel name"},
    "first": {"vorname"},
    "last": {"nachname", "familienname"},
    "title": {"titel", "akad. titel", "anrede"},
    "org": {"organisation", "organization", "institution", "einrichtung", "unternehmen", "firma", "verband",
            "partner", "organisation/institution", "institution/organisation", "org", "org.",
            "partnerorganisation", "betrieb", "dienststelle", "organisation / institution"},
    "note": {"funktion", "rolle", "bemerkung", "bemerkungen", "anmerkung", "anmerkungen", "hinweis", "notiz",
             "position", "teilnahmeform", "form"},
    "status": {"status", "anwesenheit", "anwesend", "teilnahme"},
    "skip": {"nr", "nr.", "#", "lfd. nr.", "lfd.", "e-mail", "email", "mail", "telefon", "unterschrift"},
}


@dataclass
class _Context:
    """State while reading one block: table columns once a header row was seen, org sub-headings."""

    status: str
    registry: Registry | None
    columns: dict[str, int] | None = None
    reversed_names: bool = False
    current_org: str | None = None
    org_used: bool = False  # an org sub-heading ends at the blank line after its names
    entries: list[Entry] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)


def _paren_free(text: str) -> str:
    return re.sub(r"\s*[(\[][^()\[\]]*[)\]]", "", text).strip()


def _split_outside(text: str, sep: str) -> list[str]:
    """Split at `sep` characters that are not inside parentheses."""
    parts, depth, current = [], 0, []
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        if ch == sep and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def _known_org(text: str, registry: Registry | None) -> bool:
    return bool(registry and registry.lookup(text))


def starts_with_person(text: str, registry: Registry | None = None) -> bool:
    """The piece begins with a person's name ('Dr. Gabriele Walter (BAuA)', 'Andreas Ihm – itb')."""
    base = _paren_free(text)
    base = _TRAILING_NOTE.sub("", base)
    left = _SEPARATORS.split(base, maxsplit=1)[0]
    if _known_org(left, registry):
        return False
    return person_name(left) is not None and not is_org_like(left)


def split_entries(body: str, registry: Registry | None = None) -> list[str]:
    """One line -> the entries on it: ';' always separates, ',' only where a new name starts."""
    entries: list[str] = []
    for part in _split_outside(body, ";"):
        pieces = _split_outside(part, ",")
        group: list[str] = []
        for piece in pieces:
            if group and starts_with_person(piece, registry):
                entries.append(", ".join(group))
                group = []
            group.append(piece)
        if group:
            entries.append(", ".join(group))
    return entries


def classify_note(part: str) -> tuple[str, str] | None:
    """('status', 'guest') for 'Gast', ('note', 'ab 13:30') for notes, None for organisation text."""
    value = (clean(part) or "").strip(" .,;:")
    if not value:
        return None
    if status := _STATUS_WORDS.get(value.lower()):
        return "status", status
    if _NOTE.match(value):
        return "note", value
    return None


def parse_entry(text: str, line: int, status: str, registry: Registry | None = None,
                default_org: str | None = None) -> Entry | Unreadable:
    """One entry ('Dr. Gabriele Walter (BauA, online)') -> Entry, or Unreadable with a reason."""
    original = clean(text) or ""
    raw = clean(_EMAIL.sub(" ", original)) or ""  # e-mail addresses say nothing about name or organisation
    if len(raw) > 300:
        return Unreadable(line, original[:300], "kein plausibler Personenname (Eintrag zu lang)")
    notes: list[str] = []
    orgs: list[str] = []
    for m in re.finditer(r"[(\[]([^()\[\]]*)[)\]]", raw):
        for part in _split_outside(m.group(1), ","):
            kind = classify_note(part)
            if kind and kind[0] == "status":
                status = kind[1]
            elif kind:
                notes.append(kind[1])
            else:
                orgs.append(part)
    base = _paren_free(raw).strip(" ,;")
    if m := _TRAILING_NOTE.search(base):
        note = m.group("note").strip(" ,;")
        if note.lower().startswith("als gast"):
            status = GUEST
        else:
            notes.append(note)
        base = base[:m.start()].strip(" ,;")
    name = org = None
    pieces = _SEPARATORS.split(base, maxsplit=1)
    left = pieces[0].strip()
    right = pieces[1].strip() if len(pieces) > 1 else ""
    person = person_name(left) if not _known_org(left, registry) and not is_org_like(left) else None
    if person:
        name = person
    elif right and (swapped := person_name(_SEPARATORS.split(right, maxsplit=1)[0])) and (
            is_org_like(left) or _known_org(left, registry)):
        # 'PSG – Katja Mikus': organisation first
        name = swapped
        rest = _SEPARATORS.split(right, maxsplit=1)
        right = left + (f", {rest[1]}" if len(rest) > 1 else "")
    elif right and (reversed_name := _reversed(left, right)):
        # 'Walter, Gabriele (BAuA)': surname first, as in exported address lists
        name, right = reversed_name
    elif not right:
        tokens = left.split()
        for cut in range(min(len(tokens) - 1, 9), 1, -1):  # a name with titles has at most ~9 words
            head, tail = " ".join(tokens[:cut]), " ".join(tokens[cut:])
            candidate = person_name(head)
            tail_org = _ORG_PREFIX.sub("", tail)
            if candidate and (is_org_like(tail_org) or _known_org(tail_org, registry)
                              or _ORG_PREFIX.match(tail)):
                name, right = candidate, tail_org
                break
    if name is None:
        org_hint = _org_part(left, right, orgs, default_org)
        if _PLACEHOLDER.match(left.strip()):
            return Unreadable(line, original, f"Platzhalter „{left.strip()}“ statt Name", org_hint)
        if not left and not right:
            return Unreadable(line, original, "leerer Eintrag", org_hint)
        if re.match(r"(?i)(?:vertreter|mitarbeit|kolleg|alle\b|weitere\b|team\b|mitglied)", left):
            return Unreadable(line, original, "keine namentlich genannte Person", org_hint)
        if is_org_like(left) or _known_org(left, registry):
            return Unreadable(line, original, f"nur Organisation „{left}“, keine Person erkennbar", left)
        return Unreadable(line, original, "kein plausibler Personenname", org_hint)
    for part in _split_outside(right, ",") if right else []:
        for sub in _peel_notes(part):
            kind = classify_note(sub)
            if kind and kind[0] == "status":
                status = kind[1]
            elif kind or org is not None:
                notes.append(kind[1] if kind else sub)
            else:
                org = sub
    if org is None and orgs:
        org, orgs = orgs[0], orgs[1:]
    notes.extend(orgs)
    org = _ORG_PREFIX.sub("", org).strip(" ,;:") if org else default_org
    return Entry(name.name, name.title, clean(org), status, "; ".join(notes) or None, line, original)


_DASH = re.compile(r"\s+[–—-]\s+|\s+/\s+|\s*:\s+")


def _peel_notes(part: str) -> list[str]:
    """'Org – online' -> ['Org', 'online']; dashes inside an organisation's name stay."""
    cuts = list(_DASH.finditer(part))
    tail: list[str] = []
    head_end = len(part)
    for m in reversed(cuts):
        segment = part[m.end():head_end].strip(" ,;")
        if not classify_note(segment):
            break
        tail.insert(0, segment)
        head_end = m.start()
    head = part[:head_end].strip(" ,;")
    return [t for t in (head, *tail) if t]


def _reversed(left: str, right: str) -> tuple[PersonName, str] | None:
    """'Walter' + 'Dr. Gabriele, BAuA' -> (Dr. Gabriele Walter, 'BAuA') when both sides are bare names."""
    parts = _split_outside(right, ",")
    if len(left.split()) != 1 or not parts or is_org_like(left):
        return None
    title, first = split_titles(parts[0])
    if not 1 <= len(first.split()) <= 2 or is_org_like(first):
        return None
    if any(len(p.split()) == 1 and not is_org_like(p) and not classify_note(p) for p in parts[1:]):
        return None  # 'Meier, Schulze, Braun' is a list of surnames, not one reversed name
    candidate = person_name(f"{first} {left}")
    if candidate is None:
        return None
    return PersonName(candidate.name, title or candidate.title, None), ", ".join(parts[1:])


def _org_part(left: str, right: str, orgs: list[str], default_org: str | None) -> str | None:
    if orgs:
        return orgs[0]
    if right and is_org_like(right):
        return right
    return default_org


def _header_columns(cells: list[str]) -> tuple[dict[str, int], bool] | None:
    """Column roles when the row is a table header ('Name | Organisation | Funktion'), else None."""
    columns: dict[str, int] = {}
    reversed_names = False
    for i, cell in enumerate(cells):
        word = cell.lower().strip(" :")
        if not word:
            continue
        parts = [word, *(p.strip() for p in word.split("/"))]  # 'Organisation/Einrichtung'
        role = next((r for r, words in _COLUMN_WORDS.items() if any(p in words for p in parts)), None)
        if role is None:
            return None
        if role not in columns:
            columns[role] = i
        if word in ("name, vorname", "nachname, vorname"):
            reversed_names = True
    if not ({"name", "first", "last"} & columns.keys()):
        return None
    return columns, reversed_names


def _cell(cells: list[str], columns: dict[str, int], role: str) -> str:
    i = columns.get(role)
    return cells[i].strip() if i is not None and i < len(cells) else ""


def _table_row(line: Line, ctx: _Context) -> None:
    cells = list(line.cells or ())
    if ctx.columns is None and (header := _header_columns(cells)):
        ctx.columns, ctx.reversed_names = header
        return
    if ctx.columns is not None:
        _mapped_row(line, cells, ctx)
        return
    values = [c for c in cells if c and not re.fullmatch(r"\d{1,3}[.)]?", c)]
    if not values:
        return
    person_at = next((i for i, c in enumerate(values) if starts_with_person(c, ctx.registry)), None)
    if person_at is None:
        entry = parse_entry(", ".join(values), line.no, ctx.status, ctx.registry, ctx.current_org)
        if isinstance(entry, Entry):
            ctx.entries.append(entry)
        else:
            raw = " | ".join(values)
            ctx.unreadable.append(Unreadable(line.no, raw, entry.reason, entry.organisation_raw))
        return
    before = values[:person_at]
    ordered = [values[person_at], *before, *values[person_at + 1:]]
    _add(parse_entry(", ".join(ordered), line.no, ctx.status, ctx.registry, ctx.current_org), ctx)


def _mapped_row(line: Line, cells: list[str], ctx: _Context) -> None:
    columns = ctx.columns or {}
    name = _cell(cells, columns, "name")
    if ctx.reversed_names and "," in name:
        last, _, first = name.partition(",")
        name = f"{first.strip()} {last.strip()}"
    if not name:
        name = " ".join(p for p in (_cell(cells, columns, "first"), _cell(cells, columns, "last")) if p)
    title = _cell(cells, columns, "title")
    if title and title.lower() not in ("herr", "frau"):
        name = f"{title} {name}"
    org, note, status_text = (_cell(cells, columns, r) for r in ("org", "note", "status"))
    if not any((name, org, note)):
        return
    status = ctx.status
    notes: list[str] = []
    for value in (status_text, note):
        kind = classify_note(value) if value else None
        if kind and kind[0] == "status":
            status = kind[1]
        elif value:
            notes.append(value)
    text = name + (f" ({org})" if org and "(" not in name else "")
    entry = parse_entry(text, line.no, status, ctx.registry, ctx.current_org)
    if isinstance(entry, Entry):
        if org and entry.organisation_raw is None:
            entry.organisation_raw = clean(org)
        entry.note = "; ".join(n for n in (entry.note, *notes) if n) or None
        ctx.entries.append(entry)
    else:
        raw = " | ".join(c for c in cells if c)
        ctx.unreadable.append(Unreadable(line.no, raw, entry.reason, entry.organisation_raw or clean(org)))


def _add(entry: Entry | Unreadable, ctx: _Context) -> None:
    if isinstance(entry, Entry):
        ctx.entries.append(entry)
        ctx.org_used = ctx.current_org is not None
    else:
        ctx.unreadable.append(entry)


_ORG_HEAD = re.compile(r"^(?P<org>[^:()]{1,80}?)\s*:(?:\s+(?P<rest>.*)|$)")


def _text_line(line: Line, ctx: _Context) -> None:
    body = line.body
    if (m := _ORG_HEAD.match(body)) and not starts_with_person(m.group("org"), ctx.registry) and (
            is_org_like(m.group("org")) or _known_org(m.group("org"), ctx.registry)):
        # 'PSG: Joachim Hoffmeyer, Katja Mikus' or 'PSG:' heading the following lines
        if not (m.group("rest") or "").strip():
            ctx.current_org = clean(m.group("org"))
            return
        for text in split_entries(m.group("rest"), ctx.registry):
            _add(parse_entry(text, line.no, ctx.status, ctx.registry, clean(m.group("org"))), ctx)
        return
    for text in split_entries(body, ctx.registry):
        _add(parse_entry(text, line.no, ctx.status, ctx.registry, ctx.current_org), ctx)


def looks_like_participant(line: Line, registry: Registry | None = None) -> bool:
    """After a blank line, does this line still belong to the participant list?"""
    if line.cells is not None:
        cells = [c for c in line.cells if c]
        return _header_columns(cells) is not None or any(starts_with_person(c, registry) for c in cells)
    if len(line.body) > 5000:
        return False
    return any(starts_with_person(text, registry) for text in split_entries(line.body, registry)[:3])


def block_end(lines: list[Line], start: int, noise: set[int], registry: Registry | None = None) -> int:
    """Index just after the participant block headed at `start`."""
    end = start + 1
    seen_blank = False
    i = start + 1
    while i < len(lines):
        line = lines[i]
        if i in noise or line.rule:
            i += 1
            continue
        if line.blank:
            seen_blank = True
            i += 1
            continue
        if is_heading(line) or (seen_blank and not looks_like_participant(line, registry)):
            break
        seen_blank = False
        end = i + 1
        i += 1
    return end


def parse_block(lines: list[Line], start: int, end: int, noise: set[int],
                registry: Registry | None = None) -> tuple[list[Entry], list[Unreadable]]:
    """All entries of the block lines[start:end]; lines[start] is the heading (maybe with inline names)."""
    heading = section_heading(lines[start])
    status = heading[0] if heading else PRESENT
    ctx = _Context(status, registry)
    if heading and heading[1]:
        inline = Line(lines[start].no, heading[1], heading[1], heading[1])
        _text_line(inline, ctx)
    for i in range(start + 1, end):
        line = lines[i]
        if i in noise or line.rule:
            continue
        if line.blank:
            if ctx.org_used:
                ctx.current_org, ctx.org_used = None, False
            continue
        if line.cells is not None:
            _table_row(line, ctx)
        elif label(line) is None:
            _text_line(line, ctx)
    return ctx.entries, ctx.unreadable
