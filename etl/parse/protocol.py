"""One protocol `Document` -> the `ParsedProtocol` of DESIGN.md. Pure: no files, no database.

Sections with a role (structure) give the head facts (header), the people (participants), the
agenda and the task and decision blocks; the running text between them gives task sentences,
decisions, mentions and group reports. Lines in participant and task blocks that could not be read
are named in `warnings`, and `confidence` is the share of those lines that were understood.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from email.utils import parseaddr

from etl.core.errors import ProtocolError
from etl.core.prefilter import guarded
from etl.core.registry import KnownPeople, KnownPerson, Match, Registry
from etl.extract.document import Block, Document
from etl.parse import actions as action_mod
from etl.parse import agenda as agenda_mod
from etl.parse import chat as chat_mod
from etl.parse import groups as group_mod
from etl.parse import kinds, prose, roles
from etl.parse import mail as mail_mod
from etl.parse import mentions as mention_mod
from etl.parse.dates import due_date
from etl.parse.entries import Entry, Unreadable, heading_org, is_function, parse_entry, starts_with_person
from etl.parse.header import FUTURE, Header, list_head, meeting_dates, mode_of, parse_header
from etl.parse.model import (
    ActionItem,
    Decision,
    MentionLine,
    OrgSuggestion,
    ParsedProtocol,
    Participant,
    Report,
    Unresolved,
)
from etl.parse.names import _PARTICLES, People, is_org_like
from etl.parse.participants import (
    Outcome,
    apply_footnotes,
    attendance_table,
    footnote_legend,
    from_lines,
    from_table,
    header_columns,
    is_footnote_legend,
    is_legend,
    is_meeting_tool_list,
    is_participant_table,
    legend_of,
    looks_like_people,
    nested_parent,
    one_name_list,
    org_head_line,
    org_over_people,
    runs_on,
    sentence_lines,
    substitutes,
)
from etl.parse.structure import HEAD, Belongs, Section, sections
from etl.parse.text import Span, TextLine, join, logical_lines
from vocab.keys import clean, name_key, org_key
from vocab.terms import MeetingFormat, attendance_status

_LETTER = re.compile(r"[^\W\d_]")
_STATUS_DE = {"present": "anwesend", "excused": "entschuldigt", "absent": "abwesend", "guest": "Gast"}
# Sections whose text is no running text of the meeting (people, agenda, head fields, distribution list).
_NOT_TEXT = (*roles.PARTICIPANT_ROLES, roles.AGENDA, roles.DISTRIBUTION, roles.OTHER, roles.WRITER, roles.CHAIR,
             *roles.HEADER_ROLES)
_SENTENCE_END = re.compile(r"[.?!]\s*$|[.?!]\s+[A-ZÄÖÜ]")
_GREETING = re.compile(r"^(?:liebe[rs]?|hallo|sehr\s+geehrte[rs]?|guten\s+(?:tag|morgen)|moin|hi)\b", re.I)


def parse_document(document: Document, *, groups: Registry | None = None, organisations: Registry | None = None,
                   projects: Registry | None = None, folder_hint: str | None = None,
                   people: KnownPeople | None = None) -> ParsedProtocol:
    """Parse one protocol; raises only ProtocolError (German message), e.g. when no date is found."""
    if not _has_letters(document, 10):
        raise ProtocolError("enthält keinen lesbaren Text", document.source)
    try:
        return _parse(document, groups, organisations, projects, folder_hint, people or KnownPeople())
    except ProtocolError:
        raise
    except RecursionError as exc:  # pragma: no cover - defensive, keeps the one-exception contract
        raise ProtocolError("Protokoll zu tief verschachtelt", document.source, internal=True) from exc
    except Exception as exc:  # noqa: BLE001 - a parser bug must still reach the caller as ProtocolError
        raise ProtocolError(f"interner Fehler beim Auswerten ({type(exc).__name__}: {exc})", document.source,
                            internal=True) from exc


def _has_letters(document: Document, needed: int) -> bool:
    count = 0
    for block in document.blocks:
        count += len(_LETTER.findall(block.text))
        if count >= needed:
            return True
    return False


# --- which blocks a labelled section keeps ---------------------------------------------------------


def _org_line(block: Block, registry: Registry | None) -> bool:
    """A line of its own that names only an organisation ('Handwerkskammer Südbaden'), as written over the
    list items of its people."""
    text = block.text.strip()
    if block.kind != "paragraph" or "\n" in text or not 1 < len(text) <= 80 or text.endswith("."):
        return False
    if ":" in text.rstrip(":"):
        return False  # 'Online: Anna Berg (HWK)', 'HWK: Berg': a label with its people, not an organisation alone
    if not text.endswith(":"):
        return is_org_like(text) or bool(registry and registry.lookup(text)) and not starts_with_person(text, registry)
    return roles.role_of(text.rstrip(":")) is None and heading_org(text, registry) is not None  # 'Für die HWK:'


def _belongs(registry: Registry | None) -> Belongs:
    def belongs(section: Section, block: Block) -> bool:
        role = section.role
        labelled = section.label_only
        if role in roles.PARTICIPANT_ROLES:
            if block.kind == "heading":  # asked only of a label's list: an organisation over its people
                return heading_org(block.text, registry) is not None
            if block.kind == "table":
                return is_participant_table(block, registry, in_section=True)
            if not section.inline and not section.blocks:
                return True  # the first block under 'Teilnehmende:' is what the label announces
            last = section.blocks[-1] if section.blocks else None
            if last is not None and last.kind == block.kind == "paragraph" and not last.text.rstrip().endswith(".") \
                    and block.line == (last.lines[-1] if last.lines else last.line) + 1:
                return True  # the sentence listing people goes on in the next line
            if last is not None and last.kind == block.kind == "list_item" and last.marker[:1] == block.marker[:1] \
                    and block.line - (last.lines[-1] if last.lines else last.line) <= 1:
                return True  # the next item of the same list
            if last is not None and last.kind == block.kind == "list_item" \
                    and block.line - (last.lines[-1] if last.lines else last.line) <= 1 \
                    and any(b.kind == "list_item" and b.level == block.level and b.marker[:1] == block.marker[:1]
                            for b in section.blocks):
                return True  # back at the outer level of a nested list ('• HWK' over '– Anna Berg', then '• ZVB')
            if last is not None and last.kind == "list_item" and _org_line(block, registry):
                return True  # the next organisation with its people as items under it
            if last is not None and block.kind == "list_item" and _org_line(last, registry) \
                    and any(b.kind == "list_item" for b in section.blocks):
                return True  # the first person under that organisation
            if last is not None and last.kind == "paragraph" and _org_line(block, registry) \
                    and any(_org_line(b, registry) for b in section.blocks):
                return True  # the next organisation over its people, each a line of its own (a plain-text mail)
            return looks_like_people(sentence_lines(logical_lines(block)), registry)
        if role == roles.AGENDA:
            if labelled and section.inline:
                return False
            if block.kind == "table":
                return not any(b.kind == "list_item" for b in section.blocks)
            if block.kind == "list_item":
                number = agenda_mod.marker_number(block)
                numbers = [n for b in section.blocks if b.kind == "list_item" and b.level == 0
                           and (n := agenda_mod.marker_number(b)) is not None]
                return not (number is not None and block.level == 0 and numbers and number <= numbers[-1])
            text = block.text.strip()
            if agenda_mod.continues_item(section.blocks, block):
                return True
            return (not any(b.kind in ("list_item", "table") for b in section.blocks) and len(text) <= 120
                    and "\n" not in text and not text.endswith((".", "!")))
        if role in (roles.TASKS, roles.DECISIONS):
            if not labelled:
                return True
            return not section.inline or block.kind in ("list_item", "table") and bool(section.blocks or
                                                                                          block.kind == "table")
        if role in (roles.DISTRIBUTION, roles.OTHER, roles.NEXT):
            if not labelled:
                return True
            return not section.inline and block.kind in ("list_item", "paragraph") and len(block.text) <= 300
        if labelled:  # header fields: an empty 'Ort:' takes the paragraph under it
            return not section.inline and not section.blocks and block.kind == "paragraph" \
                and len(block.text) <= 200
        return True

    return belongs


# --- participants -----------------------------------------------------------------------------------


def _participant_outcome(secs: list[Section], registry: Registry | None, meeting: date | None = None) -> Outcome:
    out = Outcome()
    for position, section in enumerate(secs):
        status = section.role if section.role in roles.PARTICIPANT_ROLES else None
        if status is not None:
            org: str | None = None
            blocks = list(section.blocks)[list_head(secs, position):]  # not the meeting's date and place over the table
            inline = list(section.inline)
            while inline and blocks and blocks[0].kind == "paragraph" and blocks[0].line == inline[-1].line + 1 \
                    and (following := logical_lines(blocks[0])) and runs_on(inline[-1].text, following[0].text):
                inline += following  # 'Teilnehmende: …, Konstantin' + 'Reuter (itb), …': one wrapped list, also
                blocks = blocks[1:]  # over several lines a PDF gives as paragraphs of their own
            below = _footnotes_after(secs, position)  # '✔ = anwesend, ✘ = entschuldigt' or '* entschuldigt' below
            legend = legend_of([section.title, *(line.text for line in inline), *(b.text for b in blocks), *below])
            footnotes = footnote_legend([*(b.text for b in blocks), *below])
            legend = {**legend, **footnotes}
            first_entry = len(out.entries)
            if inline:
                out.extend(from_lines(inline, status, registry, wrapped=section.opener == "label", legend=legend,
                                      one_name=one_name_list(out.entries)))
            pending: list[TextLine] = []
            wrapped = False  # the reader keeps lines in one block only when they wrap: then they are one text
            nesting: list[tuple[int, str, str]] = []  # (list level, 'org' or 'status', value) of parent items
            listed = blocks + [Block("heading", "", 0)]
            for index, block in enumerate(listed):
                if listed[index + 1 if index + 1 < len(listed) else index].kind == "list_item" \
                        and _org_line(block, registry):
                    if pending:  # 'FKZ Weserbergland' over '- Kai-Uwe Dreyer', '- Thu Ha Nguyen'
                        out.extend(from_lines(pending, status, registry, org, wrapped=wrapped, legend=legend,
                                          one_name=one_name_list(out.entries)))
                        pending, wrapped = [], False
                    org, nesting = heading_org(block.text, registry) or clean(block.text), []
                    out.understood += 1
                    out.total += 1
                    continue
                if block.kind == "paragraph" and (not pending or block.line == pending[-1].line + 1):
                    pending += logical_lines(block)  # adjacent lines: one text when they run on
                    wrapped = wrapped or "\n" in block.text
                    continue
                if pending:
                    out.extend(from_lines(pending, status, registry, org, wrapped=wrapped, legend=legend,
                                          one_name=one_name_list(out.entries)))
                    pending, wrapped = [], False
                if block.kind == "paragraph":
                    pending, wrapped = logical_lines(block), "\n" in block.text
                    continue
                if not block.text and block.line == 0:
                    break
                if block.kind == "table":
                    out.extend(from_table(block, status, registry, meeting, legend=legend))
                elif block.kind == "heading":
                    # '### PSG', '**Für die HWK**' inside 'Teilnehmende'
                    org = heading_org(block.text, registry) or block.text.strip().rstrip(":") or None
                    nesting = []
                elif block.kind == "list_item":
                    while nesting and nesting[-1][0] >= block.level:
                        nesting.pop()
                    after = listed[index + 1]
                    if after.kind == "list_item" and after.level > block.level \
                            and (parent := nested_parent(block.text, registry, _direct(listed, index))) is not None:
                        nesting.append((block.level, *parent))  # '- itb' with its people as sub-items
                        out.understood += 1
                        out.total += 1
                        continue
                    if after.kind == "list_item" and after.level == block.level \
                            and (named := org_over_people(block.text, after.text, registry)) is not None:
                        org, nesting = named, []  # '• HWK SWL' over '• Frau Dr. Wachtendorf' in one flat list
                        out.understood += 1
                        out.total += 1
                        continue
                    item_org = next((v for _, k, v in reversed(nesting) if k == "org"), org)
                    item_status = next((v for _, k, v in reversed(nesting) if k == "status"), status)
                    out.extend(from_lines(logical_lines(block), item_status, registry, item_org, legend=legend,
                                          item=True))
                else:
                    out.extend(from_lines(logical_lines(block), status, registry, org, legend=legend))
            apply_footnotes(out.entries[first_entry:], footnotes)
            continue
        if section.role in (roles.TASKS, roles.DECISIONS, roles.AGENDA, *roles.QUIET_ROLES):
            for block in section.blocks:
                if attendance_table(block):
                    out.extend(from_table(block, roles.PRESENT, registry, meeting))
            continue
        for block in section.blocks:
            if block.kind == "table" and is_participant_table(block, registry, in_section=False):
                out.extend(from_table(block, roles.PRESENT, registry, meeting))
    return out


def _footnotes_after(secs: list[Section], position: int) -> list[str]:
    """The legend lines right after a participant section ('*  entschuldigt', '¹ als Gast', '✔ = anwesend, ✘ =
    entschuldigt' under a table), which the structure reads as labels or paragraphs of their own."""
    found: list[str] = []
    for section in secs[position + 1:position + 4]:
        texts = [*([section.title] if section.opener == "label" else []), *(line.text for line in section.inline),
                 *(block.text for block in section.blocks)]
        notes = [text for text in texts if is_footnote_legend(text) or is_legend(text)]
        found += notes
        if len(notes) < len(texts):
            break
    return found


def _direct(blocks: list[Block], index: int) -> list[str]:
    """The texts of the sub-items right under the list item at `index` (up to the next item at its level)."""
    level = blocks[index].level
    found: list[str] = []
    for block in blocks[index + 1:]:
        if block.kind != "list_item" or block.level <= level:
            break
        if block.level == level + 1 or not found:
            found.append(block.text)
    return found


def _writers(header: Header, rows: list[Participant], registry: Registry | None, warnings: list[str],
             resolve: _OrgResolver) -> None:
    """'Protokoll: Name' makes the minute taker a participant; 'Moderation: Name' notes a listed one."""
    for role, lines, adds in (("Protokoll", header.writers, True), ("Moderation", header.chairs, True)):
        for line in lines:
            text = re.sub(r"(?i)^(?:erstellt\s+)?(?:von|durch)\s+", "", line.text).strip()
            if not text:
                continue
            for part in re.split(r"\s*(?:;|/|\bund\b|,\s*(?=(?:Herr|Frau|Dr\.|Prof\.)))\s*", text):
                entry = parse_entry(part, line.line, roles.PRESENT, registry, None, line.page)
                if not isinstance(entry, Entry):
                    continue
                people = People([r["name"] for r in rows])
                name = people.resolve(entry.name) or (people.resolve(part) if len(part.split()) <= 3 else None)
                row = next((r for r in rows if r["name"] == name), None) if name else None
                surname_only = [r for r in rows if len(entry.name.split()) >= 2 and " " not in r["name"]
                                and name_key(r["name"]) == name_key(entry.name.split()[-1])]
                if row is None and len(surname_only) == 1:
                    row = surname_only[0]  # 'Frau Romano' in the list, 'Protokoll: Giulia Romano' below it
                    row["name"] = entry.name
                if row is None and (full := _short_form_of(entry, [
                        Entry(r["name"], None, None, r["status"], None, r["line"], "") for r in rows])) is not None:
                    row = next(r for r in rows if r["name"] == full.name)  # 'Protokoll: J.-U. Kloppenburg'
                if row is not None:
                    if role.lower() not in (row["note"] or "").lower():
                        row["note"] = f"{row['note']}; {role}" if row["note"] else role
                elif adds and (len(entry.name.split()) >= 2 or entry.organisation_raw):
                    # 'Protokoll: Hofmann (GS)': a surname with its organisation is a person too
                    entry.note = "; ".join(n for n in (entry.note, role) if n)
                    rows.append(resolve.row(entry, warnings))


_INITIAL = re.compile(r"[^\W\d_]\.(?:-[^\W\d_]\.)?")


_ORG_WORDS = {"f.": "für", "u.": "und", "ges.": "Gesellschaft", "gen.": "Genossenschaft", "verb.": "Verband"}
_ORG_ABBREVIATION = re.compile(r"(?<!\w)(f\.|u\.|ges\.|gen\.|verb\.)(?=\s|$)", re.IGNORECASE)


class _OrgResolver:
    """Organisations as written -> registry names and ids, with suggestions for near misses."""

    def __init__(self, registry: Registry | None, text: str = "", known: KnownPeople | None = None) -> None:
        self.registry = registry
        self.suggestions: list[OrgSuggestion] = []
        self.text = text.lower()
        self.known = known or KnownPeople()

    def _by_context(self, raw: str, name: str) -> Match:
        """'HWK' or 'Metallbau P.' when the registry knows several or one organisation whose name goes on from
        it ('HWK Mittelrhein', 'HWK Südheide'): the one the person works for by the master data, else the only
        one, else the only one this protocol names elsewhere ('Handwerkskammer Mittelrhein-Lahn' in its head)."""
        registry = self.registry
        key = org_key(raw)
        if registry is None or len(key) < 2:
            return Match(None)
        initial = bool(re.search(r"(?:^|\s)[^\W\d_]\.$", raw.strip()))  # 'Metallbau P.'
        candidates = registry.ids_starting(key if initial else key + "-")
        if not candidates:
            return Match(None)
        person = self._person(name)
        if person is not None and person.organisation and (eid := registry.lookup(person.organisation)) in candidates:
            return Match(eid, registry.names.get(eid))
        if len(candidates) > 1:
            candidates = {eid for eid in candidates if any(
                spelling.lower() in self.text for known_key, spelling in registry.spellings.items()
                if registry.keys.get(known_key) == eid and len(spelling) > len(raw))}
        if len(candidates) == 1:
            eid = candidates.pop()
            return Match(eid, registry.names.get(eid))
        return Match(None)

    def _person(self, name: str) -> KnownPerson | None:
        """The known person a name means; a surname alone ('Trautvetter') when only one person has it."""
        if not self.known:
            return None
        if (person := self.known.resolve(name)) is not None:
            return person
        words = name.split()
        if len(words) > 1 and not all(_INITIAL.fullmatch(w) for w in words[:-1]):
            return None
        # a surname alone ('Trautvetter') or after initials ('L. Hartmann', 'K.-U. Dreyer'): the only one fitting
        initials = "".join(w[0] for w in words[:-1]).lower()
        same = [p for p in self.known.by_surname.get(name_key(words[-1]), [])
                if "".join(w[0] for w in p.name.split()[:-1]).lower().replace("-", "").startswith(initials[:1])]
        return same[0] if len(same) == 1 else None

    def row(self, entry: Entry, warnings: list[str]) -> Participant:
        organisation, org_id = entry.organisation_raw, None
        if self.registry is not None and entry.organisation_raw:
            match = self.registry.resolve(entry.organisation_raw)
            if not match.id and (found := self._by_context(entry.organisation_raw, entry.name)).id:
                match = found
            if not match.id and (full := _ORG_ABBREVIATION.sub(lambda m: _ORG_WORDS[m.group(1).lower()],
                                                               entry.organisation_raw)) != entry.organisation_raw:
                # 'Agentur f. Arbeit', 'Industrie- u. Handelskammer': the words offices cut short
                for found in (self.registry.resolve(full), self._by_context(full, entry.name)):
                    if found.id:
                        match = found
                        break
            if match.id:
                organisation, org_id = match.name or entry.organisation_raw, match.id
            else:
                hint = ""
                if match.suggestion_id:
                    self.suggestions.append({"raw": entry.organisation_raw, "suggestion": match.suggestion_name,
                                             "suggestion_id": match.suggestion_id, "score": match.score,
                                             "line": entry.line})
                    hint = f" (ähnlich: „{match.suggestion_name}“)"
                warnings.append(f"Zeile {entry.line}: Organisation „{entry.organisation_raw}“ "
                                f"unbekannt – wird neu angelegt{hint}")
        return {"name": entry.name, "title": entry.title, "organisation": organisation,
                "organisation_raw": entry.organisation_raw, "organisation_id": org_id,
                "status": attendance_status(entry.status),
                "note": entry.note, "line": entry.line, "page": entry.page, "known_name": entry.known}


def _short_form_of(entry: Entry, entries: list[Entry]) -> Entry | None:
    """The one fuller entry a surname alone or with initials stands for ('zu Dohna', 'J.-U. Kloppenburg' beside
    'Jens-Uwe Kloppenburg'): a protocol that names someone twice, once in full."""
    words = entry.name.split()
    given = [w for w in words[:-1] if w.lower() not in _PARTICLES]
    if not words or not all(_INITIAL.fullmatch(w) for w in given):
        return None
    initials = "".join(w[0] for w in given).lower()
    fuller = [e for e in entries if e is not entry and name_key(e.name.split()[-1]) == name_key(words[-1])
              and len([w for w in e.name.split()[:-1] if w.lower() not in _PARTICLES]) > 0
              and not all(_INITIAL.fullmatch(w) for w in e.name.split()[:-1] if w.lower() not in _PARTICLES)
              and "".join(w[0] for w in e.name.split()[:-1] if w.lower() not in _PARTICLES).lower().replace("-", "")
              .startswith(initials.replace("-", "")[:1])]
    return fuller[0] if len(fuller) == 1 else None


def _participants(out: Outcome, resolve: _OrgResolver, warnings: list[str]) -> list[Participant]:
    rows: list[Participant] = []
    seen: dict[str, Participant] = {}
    for entry in out.entries:  # 'Teilnehmende: Jonas Keller, …' and below it 'Herr Keller hatte sich entschuldigt'
        if entry.status != roles.PRESENT and (full := _short_form_of(entry, out.entries)) is not None \
                and full.status == roles.PRESENT and full.line < entry.line:
            full.status = entry.status
    for entry in out.entries:
        if (full := _short_form_of(entry, out.entries)) is not None:
            warnings.append(f"Zeile {entry.line}: {entry.name} ist {full.name} (Zeile {full.line}) – ignoriert")
            continue
        key = name_key(entry.name)
        if key in seen:
            first = seen[key]
            what = "doppelt aufgeführt" if first["status"] == entry.status else (
                f"schon als {_STATUS_DE[first['status']]} aufgeführt")
            warnings.append(f"Zeile {entry.line}: {entry.name} {what} (Zeile {first['line']}) – ignoriert")
            continue
        if len(entry.name.split()) == 1 and entry.known is None:
            warnings.append(f"Zeile {entry.line}: nur Nachname „{entry.name}“ – Vorname fehlt")
        row = resolve.row(entry, warnings)
        seen[key] = row
        rows.append(row)
    _same_short_form(rows, warnings, resolve.known)
    return rows


def _same_short_form(rows: list[Participant], warnings: list[str], known: KnownPeople) -> None:
    """One protocol means one organisation by one short form: 'HWK' of 'Frau Trautvetter und Herr Wójcik (beide
    HWK)' is the chamber the master data gives Trautvetter, for Wójcik too, whom the master data does not know
    (a name it knows in other organisations stays as written)."""
    resolved: dict[str, set[tuple[str | None, str | None]]] = {}
    for row in rows:
        if row["organisation_raw"] and row["organisation_id"] is not None:
            resolved.setdefault(org_key(row["organisation_raw"]), set()).add(
                (row["organisation"], row["organisation_id"]))
    fixed: set[str] = set()
    for row in rows:
        raw = row["organisation_raw"]
        if raw and row["organisation_id"] is None and len(found := resolved.get(org_key(raw), set())) == 1 \
                and known.resolve(row["name"]) is None and not known.by_surname.get(name_key(row["name"].split()[-1])):
            row["organisation"], row["organisation_id"] = next(iter(found))
            fixed.add(raw)
    if fixed:
        left = {row["organisation_raw"] for row in rows if row["organisation_id"] is None}
        warnings[:] = [w for w in warnings if not any(f"Organisation „{raw}“ unbekannt" in w
                                                      for raw in fixed - left)]


def _known_people(out: Outcome, known: KnownPeople) -> None:
    """The master data as evidence: a line of a participant block the parser could not read that names a
    known person ('SCHMIDT Anna, Zentralverband') gives that person; a name read elsewhere is written as
    the master data writes it ('SCHMIDT Anna' -> 'Anna Schmidt'), but a surname alone or with an initial
    ('Frau Schmidt', 'A. Schmidt') stays as the protocol writes it and names the known person apart (`known`),
    so the parse says what the protocol says and the build still links the right person. The organisation
    stays what the protocol says (none when it names none: the build links a known person to the master data's
    organisation). Unknown names stay as read (they go to Prüfen)."""
    _two_surnames(out, known)
    for entry in out.entries:
        person = known.resolve(entry.name)
        words = entry.name.split()
        if person is None and all(w.lower() in _PARTICLES for w in words[:-1]):
            person = known.resolve(f"Frau {words[-1]}")  # a surname alone ('Herr van der Ohm', 'Schmidt')
        if person is None:
            continue
        if any(len(w.rstrip(".")) > 1 and w.lower() not in _PARTICLES for w in words[:-1]):
            entry.name = person.name  # a given name is written: the master data's spelling and order
        elif name_key(entry.name) != name_key(person.name):
            entry.known = person.name
    still: list[Unreadable] = []
    read: set[int] = set()
    for bad in out.unreadable:
        hits = known.find(bad.raw)
        if not hits:
            still.append(bad)
            continue
        for person, start, end in hits:
            org = bad.organisation_raw  # the line's own organisation, not a piece of the name ('SCHMIDT, Anna')
            if org and name_key(org) in name_key(bad.raw[start:end]):
                org = None
            out.entries.append(Entry(person.name, None, org, bad.status or roles.PRESENT, None, bad.line, bad.raw,
                                     bad.page))
        read.add(bad.line)
    out.understood += len(read - {bad.line for bad in still})
    out.unreadable = still
    out.entries.sort(key=lambda e: e.line)


def _two_surnames(out: Outcome, known: KnownPeople) -> None:
    """'Dr. Lorenz-Ohlendorf, Quast' read as one person written surname first ('Quast Lorenz-Ohlendorf') is two
    people when the master data knows both words as surnames and nobody of the one called so by the other."""
    split: list[Entry] = []
    for entry in out.entries:
        words = entry.name.split()
        first, last = name_key(words[0]) if words else "", name_key(words[-1]) if words else ""
        if len(words) < 2 or known.resolve(entry.name) is not None or words[0].lower() in _PARTICLES \
                or not known.by_surname.get(first) or not (people := known.by_surname.get(last)) \
                or any(name_key(p.name.split()[0]) == first for p in people):
            split.append(entry)
            continue
        split.append(replace(entry, name=" ".join(words[1:])))  # the one written first, with its title
        split.append(replace(entry, name=words[0], title=None))
    out.entries[:] = split


# the words of one block only: 'Prof. Overbeck' ending one bullet and 'Ngozi schickt …' opening the next are no
# 'Overbeck Ngozi'
_ADDRESSED_FULL = (r"(?:Herrn?|Frau|Dr\.|Prof\.)[^\S\n]+(?:(?:Dr\.|Prof\.)[^\S\n]+)*"
                   r"(?P<given>[A-ZÄÖÜ][a-zäöüßéèáàçñ]+(?:-[A-ZÄÖÜ][a-zäöüßéèáà]+)?)[^\S\n]+")


def _fuller_names(out: Outcome, text: str, known: KnownPeople) -> None:
    """A participant listed by surname alone ('Entschuldigt: Herr Ohm') whom this protocol names in full
    elsewhere ('Frau Pfaff, die Herrn Jan Ohm vertrat'): the full name, when the text gives exactly one (after a
    salutation or a title, or as the master data writes a known person). Surnames shared by two listed people,
    and names the text gives only by surname, stay as written."""
    surnames = [name_key(e.name.split()[-1]) for e in out.entries]
    for entry in out.entries:
        words = entry.name.split()
        if not words or any(len(w.rstrip(".")) > 1 and w.lower() not in _PARTICLES for w in words[:-1]) \
                or any(w.endswith(".") for w in words) or surnames.count(name_key(words[-1])) > 1:
            continue  # a given name or an initial is written, or two listed people share the surname
        surname = entry.name
        written = re.finditer(_ADDRESSED_FULL + re.escape(surname) + r"\b", text)
        full = {f"{m.group('given')} {surname}" for m in written if not is_function(m.group("given"))}
        if known:
            full |= {person.name for person, _, _ in known.find(text)
                     if person.name.endswith(f" {surname}") and len(person.name) > len(surname) + 1}
        if len(full) == 1:
            entry.name = full.pop()
            entry.known = None


# 'A und B vertreten die BBS Hameln, C die KH Nord; D kommt von der HwK': who works where, told in a sentence.
_TELLS_ORG = re.compile(r"(?i)\b(?:vertritt|vertreten|vertrat|vertraten|kommt|kommen|kam|kamen)\s+"
                        r"(?:die|den|das|von\s+der|von\s+dem|vom|aus\s+der|aus\s+dem)\s")
_TOLD_CLAUSE = re.compile(r"^(?P<who>.+?)\s+(?:(?:vertritt|vertreten|vertrat|vertraten|kommt|kommen|kam|kamen)\s+)?"
                          r"(?:die|den|das|von\s+der|von\s+dem|vom|aus\s+der|aus\s+dem)\s+(?P<org>[A-ZÄÖÜ][^,;]*)$")


_STANCE = re.compile(r"(?:Auffassung|Ansicht|Meinung|Position|Haltung|Interessen|These|Linie|Sache|Belange|Anliegen"
                     r"|Forderung|Idee|Vorschläge?)\b")


def _organisations_told(out: Outcome, text: str) -> None:
    """The organisation of listed people who have none, from a sentence that tells it (see above); a verb left out
    in the following clauses ('…, C die KH Nord') still counts."""
    open_entries = [e for e in out.entries if not e.organisation_raw]
    if not open_entries or not _TELLS_ORG.search(text):
        return
    for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
        if not _TELLS_ORG.search(sentence):
            continue
        for clause in re.split(r"\s*[,;]\s*", sentence.rstrip(".!? ")):
            if (m := _TOLD_CLAUSE.match(clause.strip())) is None or _STANCE.match(m.group("org")) or not (
                    is_org_like(m.group("org")) or re.match(r"[A-ZÄÖÜ][A-Za-zÄÖÜ]*[A-ZÄÖÜ]\b", m.group("org"))):
                continue  # 'vertritt die Auffassung, …' names no organisation
            names = [n.strip() for n in re.split(r"\s+(?:und|sowie)\s+|\s*,\s*", m.group("who")) if n.strip()]
            for name in names:
                surname = name.split()[-1]
                for entry in open_entries:
                    if entry.name.split()[-1] == surname and not entry.organisation_raw:
                        entry.organisation_raw = m.group("org").strip()


# --- running text -----------------------------------------------------------------------------------


def _spans(secs: list[Section], header: Header, agenda_keys: set[str]) -> list[Span]:
    """Running text, list items, headings and table rows outside people, agenda and head fields."""
    spans: list[Span] = []
    for section in secs:
        role = section.role
        if role == roles.DATE and section.opener == "label" and section.inline and spans \
                and action_mod.owner_field(spans[-1].text):
            # 'verantwortlich: Haddad' + 'Termin: 30.04.2024' in the body: the task's deadline, not the meeting's date
            span = join(section.inline, "text", spans[-1].section)
            if span is not None:
                lead = f"{section.title.strip().rstrip(':')}: "
                shifted = [(0, span.starts[0][1])] + [(o + len(lead), n) for o, n in span.starts[1:]]
                spans.append(replace(span, text=lead + span.text, starts=shifted))
            continue
        if role in _NOT_TEXT and role != roles.NEXT:
            continue
        kind = role if role in (roles.TASKS, roles.DECISIONS, roles.NEXT) else None  # 'next': the next meeting
        if section.opener == "heading":
            spans.append(Span(section.title, "heading", kind, [(0, section.line)], section.page))
        elif section.opener in ("label", "row") and section.inline:
            span = join(section.inline, "item" if role == roles.TASKS else "text", kind)
            if span is not None:
                if role == roles.DECISIONS:
                    span.kind = "decision"
                if role == roles.TASKS and (owner := re.search(r"\(([^()]{2,60})\)\s*$", section.title or "")):
                    lead = f"{owner.group(1)}: "  # 'TODO (Haddad): …': the label's brackets name the owner
                    span.text = lead + span.text
                    span.starts = [(0, span.starts[0][1])] + [(o + len(lead), n) for o, n in span.starts[1:]]
                spans.append(span)
        for block in section.blocks:
            if role == HEAD and block.kind == "heading" or kind is not None and attendance_table(block):
                continue
            spans += _block_spans(block, kind, section, header)
    return spans


# An agenda entry that holds its minutes: 'Evaluationsdesign: Frau X stellt das Design vor. Das Team stimmt zu.'
_MINUTES_IN_ITEM = re.compile(r"^(?:[^:]{2,80}:\s+)?(?P<rest>\S.{28,})$", re.S)


def _with_agenda_minutes(spans: list[Span], secs: list[Section], header: Header) -> list[Span]:
    """The running text with the entries of a 'Themen' list that record what was said and decided, each in its
    place: a decision written there counts as anywhere else; a bare agenda ('TOP 4: Beschlussfassung Haushalt')
    adds nothing."""
    pending: list[Span] = []
    for section in secs:
        if section.role != roles.AGENDA:
            continue
        for block in section.blocks:
            text = " ".join(block.text.split())
            if block.kind in ("list_item", "paragraph") and (m := _MINUTES_IN_ITEM.match(text)) \
                    and re.search(r"[.!]\s+[A-ZÄÖÜ]|[.!]$", m.group("rest")):
                pending += _block_spans(block, None, section, header)
    if not pending:
        return spans

    def place(span: Span) -> tuple[int, int]:
        return span.page or 0, span.line

    pending.sort(key=place)
    merged: list[Span] = []
    for span in spans:
        while pending and place(pending[0]) < place(span):
            merged.append(pending.pop(0))
        merged.append(span)
    return merged + pending


def _block_spans(block: Block, kind: str | None, section: Section, header: Header) -> list[Span]:
    if block.kind == "heading":
        return [Span(block.text.replace("\n", " "), "heading", kind, [(0, block.line)], block.page)]
    if block.kind == "table":
        lines = block.row_lines or tuple(block.line + i for i in range(len(block.rows)))
        header_cells = block.header if block.header_rows else ()
        start = block.header_rows
        if not header_cells and block.rows and action_mod.task_columns(block.rows[0]) is not None:
            header_cells, start = block.rows[0], 1
        spans = []
        for i in range(start, len(block.rows)):
            row = block.rows[i]
            if not any(c.strip() for c in row):
                continue
            text = " | ".join(c for c in row if c.strip())
            spans.append(Span(text, "row", kind, [(0, lines[i] if i < len(lines) else block.line)], block.page,
                              cells=tuple(row), header=tuple(header_cells)))
        return spans
    text_lines = logical_lines(block)
    if section.role == HEAD and block.line == header.title_line:
        return []
    span = join(text_lines, "item" if block.kind == "list_item" else "text", kind, block.marker)
    return [span] if span is not None else []


def _pipe_rows(block: Block) -> list[tuple[str, ...]] | None:
    """The cells of a paragraph whose every line is 'a | b | c' (a table typed in a text file or an e-mail)."""
    if block.kind != "paragraph" or " | " not in block.text:
        return None
    rows = [tuple(c.strip() for c in line.split("|")) for line in block.text.split("\n") if line.strip()]
    if not rows or any(len(r) < 3 or len(r) != len(rows[0]) for r in rows):
        return None
    return rows


def _pipe_tables(document: Document) -> Document | None:
    """Paragraphs of pipe-separated lines become a table, a header line just above them its header row."""
    blocks: list[Block] = []
    changed = False
    for block in document.blocks:
        rows = _pipe_rows(block)
        if rows is None:
            blocks.append(block)
            continue
        lines = block.lines or tuple(block.line + i for i in range(len(rows)))
        previous = blocks[-1] if blocks else None
        if previous is not None and previous.kind == "table" and previous.row_lines and previous.rows \
                and len(previous.rows[0]) == len(rows[0]) and block.line == previous.row_lines[-1] + 1:
            rows, lines = [*previous.rows, *rows], (*previous.row_lines, *lines)  # the next line of a typed table,
            blocks[-1] = replace(previous, text="\n".join(" | ".join(r) for r in rows), rows=tuple(rows),  # read as a
                                 row_lines=tuple(lines))  # paragraph of its own
            continue
        head = _pipe_rows(previous) if previous is not None else None
        if previous is not None and head is not None and len(head) == 1 and len(head[0]) == len(rows[0]) \
                and block.line - (previous.lines[-1] if previous.lines else previous.line) <= 1:
            blocks.pop()
            rows, lines = head + rows, (previous.line, *lines)
        if len(rows) < 2:
            blocks.append(block)  # 'Datum: … | Zeit: … | Ort: …' is one line of head fields, not a table
            continue
        header = 1 if action_mod.task_columns(rows[0]) is not None or header_columns(rows[0]) is not None else 0
        blocks.append(Block("table", "\n".join(" | ".join(r) for r in rows), lines[0], block.page,
                            rows=tuple(rows), header_rows=header, row_lines=tuple(lines)))
        changed = True
    if not changed:
        return None
    return replace(document, blocks=blocks)  # keeps meta, format, warnings and kind


_HEAD_ROW_ROLES = (*roles.HEADER_ROLES, roles.WRITER, roles.CHAIR)


def _split_head_tables(document: Document) -> Document | None:
    """A table that opens with head rows ('Sitzungstag: | 18.06.2024', 'Ort: | …') and goes on, under a header row
    of its own ('Organisation | Name | a/e'), as the list of people is two tables: the head and the list."""
    blocks: list[Block] = []
    changed = False
    for block in document.blocks:
        rows = block.rows if block.kind == "table" else ()
        count = 0
        for row in rows:
            cells = [c for c in row if c.strip()]
            if len(cells) != 2 or roles.role_of(cells[0]) not in _HEAD_ROW_ROLES:
                break
            count += 1
        rest = rows[count:]
        if count < 2 or len(rest) < 3 or block.header_rows > count or header_columns(rest[0]) is None:
            blocks.append(block)
            continue
        lines = block.row_lines or tuple(block.line + i for i in range(len(rows)))
        for part, part_lines, header in ((rows[:count], lines[:count], 0), (rest, lines[count:], 1)):
            blocks.append(Block("table", "\n".join(" | ".join(r) for r in part), part_lines[0], block.page,
                                rows=tuple(part), header_rows=header, row_lines=tuple(part_lines)))
        changed = True
    if not changed:
        return None
    return replace(document, blocks=blocks)  # keeps meta, format, warnings and kind


def _mark_item_headings(document: Document, items: list[agenda_mod.AgendaItem]) -> Document | None:
    """A paragraph that repeats an agenda item is that item's heading, even without markup (PDF, text)."""
    keys = agenda_mod.item_keys(items)
    lines = {item.line for item in items}
    changed = False
    blocks: list[Block] = []
    for block in document.blocks:
        if block.kind in ("paragraph", "list_item") and block.line not in lines and "\n" not in block.text \
                and len(block.text) <= 200 and (name_key(block.text) in keys
                                                or name_key(agenda_mod._item_text(block.text)) in keys):
            blocks.append(replace(block, kind="heading", level=1, marker=""))
            changed = True
        else:
            blocks.append(block)
    if not changed:
        return None
    return replace(document, blocks=blocks)  # keeps meta, format, warnings and kind


def _agenda(secs: list[Section]) -> list[agenda_mod.AgendaItem]:
    for section in secs:
        if section.role == roles.AGENDA and (items := agenda_mod.from_section(section)):
            return items
    return agenda_mod.from_headings(secs)


def _meta_sections(document: Document) -> list[Section]:
    """Participant lists in YAML front matter ('teilnehmende: …'); e-mail headers never give people."""
    if document.format in ("eml", "msg"):
        return []
    result = []
    for key, value in document.meta.items():
        role = roles.meta_role(key)
        if role in roles.PARTICIPANT_ROLES and value.strip():
            lines = [TextLine(part.strip(), 1) for part in re.split(r"\n|;", value) if part.strip()]
            result.append(Section(role, key, 1, None, "label", inline=lines))
    return result


# --- the whole protocol --------------------------------------------------------------------------------


def _listed_as(entry: Entry, entries: list[Entry]) -> Entry | None:
    """The listed participant a sentence names by surname ('Frau Lange' for 'Susanne Lange'), when only one fits."""
    if len(entry.name.split()) > 1 and not all(w.lower() in _PARTICLES for w in entry.name.split()[:-1]):
        return None
    hits = [e for e in entries if e.name.split() and name_key(e.name.split()[-1]) == name_key(entry.name.split()[-1])]
    return hits[0] if len(hits) == 1 else None


def _unlabelled_people(secs: list[Section], registry: Registry | None, *, mail: bool = False) -> list[Section]:
    """A run of lines right after the head that each name a person with an organisation, title or salutation
    ('Anna Berg (ZVB)', 'Dr. Max Kern, IHK'), with no label over them: the participants, when nothing else lists
    them. Only up to the first topic; never a greeting, a signature or running text. In a mail only a run that a
    sentence ending in a colon announces ('… die Liste der Personen, die da waren:')."""
    if any(sec.role == roles.PRESENT for sec in secs):
        return []  # ('Entschuldigt: …' under an unlabelled list of who came does not say who came)
    headings = 0
    opening = True  # the mail's first lines, right under its greeting
    for sec in secs:
        if sec.role in (roles.AGENDA, roles.TASKS, roles.DECISIONS, *roles.QUIET_ROLES):
            break
        if sec.opener == "heading":
            headings += 1
            if headings > 1 or roles.top_heading(sec.title) is not None:
                break
        run: list[TextLine] = []
        announced = False
        previous = ""
        for block in sec.blocks:
            if block.kind == "heading" or roles.top_heading(block.text.strip()) is not None:
                break
            if block.kind not in ("paragraph", "list_item"):
                run, previous = [], block.text
                continue
            lines = logical_lines(block)
            if all(_person_line(line.text, registry, weak=bool(run)) for line in lines):
                if run and block.line > run[-1].line + 2:
                    run = []
                if not run:
                    # in a mail: announced by a sentence ending in a colon, or the list right under the greeting
                    announced = previous.rstrip().endswith(":") and not _NOT_ATTENDANCE.search(previous) or opening
                run += lines
            elif len(run) >= 2 and (announced or not mail):
                break
            else:
                run = []
            previous = block.text
            opening = False
        if len(run) >= 2 and (announced or not mail):
            # lines under the organisation each came for ('Für die HWK: Ohm, Kern') are rows, not one wrapped text
            opener = "row" if any(org_head_line(line.text, registry) for line in run) else "label"
            return [Section(roles.PRESENT, "", run[0].line, run[0].page, opener, inline=run)]
    return []


# A line announcing people who are not the meeting's ('Ansprechpartner für die Messe sind:', 'Verteiler:').
_NOT_ATTENDANCE = re.compile(r"(?i)ansprechpartner|ansprechperson|kontakt|zuständig|verantwortlich|verteiler|erreichbar"
                             r"|referent|eingeladen\s+(?:sind|werden)|einladen|anmeld|rückfragen|fragen\s+an")


def _person_line(text: str, registry: Registry | None, *, weak: bool = False) -> bool:
    """One line that is plainly people: readable entries only, each with an organisation, a title or a salutation
    (`weak`: inside a run already begun, a name alone will do)."""
    text = text.strip().lstrip("-•*·▪◦‣– ")
    if ":" in text and org_head_line(text, registry) and not re.search(r"\d", text):
        weak = True  # 'Für die Handwerkskammer: Ohm, Kern': surnames under the organisation they came for
    elif not text or len(text) > 200 or ":" in text or re.search(r"\d", text) or text.endswith(("?", "!")):
        return False  # 'Anna Berg (ZVB): Bericht bis 10.10.' is a task, 'Datum: …' a field
    found = from_lines([TextLine(text, 0)], roles.PRESENT, registry)
    return bool(found.entries) and not found.unreadable and found.understood == found.total and all(
        weak or e.organisation_raw or e.title or re.match(r"(?:Herr|Frau|Hr\.|Fr\.)\s", e.raw)
        for e in found.entries)


def _note_clause(clause: str, line: int, page: int | None, organisations: Registry | None, me: str | None,
                 by_one_name: bool) -> list[Entry]:
    """A note's clause read plainly, or as a mail tells it when that names everyone the plain reading does and
    more ('A und B waren da, C als Gastgeber, dazu D und ich': the plain rule stops after 'waren da')."""
    plain = prose.entries(clause, line, page, organisations, listed=by_one_name)
    if plain and len(_PEOPLE_SEPARATOR.split(clause)) <= len(plain):
        return plain  # no piece of the clause left over that could name someone more (most clauses: cheap)
    told = prose.entries(mail_mod.narrative(clause, me, labels=False), line, page, organisations, listed=by_one_name)
    if not plain or {name_key(e.name) for e in told} > {name_key(e.name) for e in plain}:
        return told
    return plain


_PEOPLE_SEPARATOR = re.compile(r",|;|\b(?:und|sowie|dazu)\b")


def _people_by_shape(secs: list[Section], registry: Registry | None) -> None:
    """A heading the role detector does not know ('Wer war da?', 'Runde') whose list reads as people
    ('ZVB: Anna Berg, Bernd Vogt', 'Anna Berg (ZVB)') lists the participants, when no other section does."""
    if any(sec.role in roles.PARTICIPANT_ROLES for sec in secs):
        return
    for sec in secs:
        if sec.opener != "heading" or sec.role is not None or len(sec.title) > 40 \
                or roles.top_heading(sec.title) is not None or not sec.blocks \
                or any(b.kind != "list_item" for b in sec.blocks) or len(sec.blocks) < 2:
            continue
        lines = [line for block in sec.blocks for line in logical_lines(block)]
        if looks_like_people(lines, registry):
            sec.role = roles.PRESENT
            return


# A sentence that announces the list below it: 'hier die Liste der Personen, die beim Barcamp da waren:',
# 'Folgende Kolleginnen und Kollegen haben teilgenommen:', 'Dabei waren diesmal:'.
_ANNOUNCES_PEOPLE = re.compile(
    r"(?i)\b(?:teilgenommen|teilnehmende[nr]?|teilnehmer(?:innen)?|teilnehmerliste|anwesend(?:en)?|anwesenheitsliste"
    r"|dabei\s+waren|da\s+waren|vor\s+ort\s+waren|erschienen|gekommen\s+sind|zugeschaltet\s+waren)\b")


def _people_after_intro(secs: list[Section], registry: Registry | None) -> list[Section]:
    """A paragraph ending in ':' that says who took part ('hier die Liste der Personen, die … da waren:'),
    followed by lines that read as people, opens the participant list when no label does (an e-mail writes
    such a sentence where a protocol writes 'Teilnehmende:')."""
    if any(sec.role == roles.PRESENT for sec in secs):
        return secs
    for index, sec in enumerate(secs):
        if sec.role in (roles.TASKS, roles.DECISIONS, roles.AGENDA):
            continue
        for at, block in enumerate(sec.blocks):
            text = block.text.strip()
            if block.kind != "paragraph" or not text.endswith(":") or len(text) > 400 \
                    or not _ANNOUNCES_PEOPLE.search(text) or roles.split_label(text) is not None:
                continue
            listed: list[Block] = []
            for following in sec.blocks[at + 1:]:  # the run of short lines right below, up to a gap or a label
                last = listed[-1] if listed else block
                if following.kind not in ("paragraph", "list_item") or len(following.text) > 300 \
                        or following.line - (last.lines[-1] if last.lines else last.line) > 2 \
                        or roles.split_label(following.text) is not None:
                    break
                listed.append(following)
            people = sum(1 for b in listed if looks_like_people(logical_lines(b), registry))
            if not listed or people * 3 < len(listed) * 2 or (len(listed) < 2 and "\n" not in listed[0].text):
                continue
            section = Section(roles.PRESENT, text, block.line, block.page, "label", blocks=listed,
                              parent_role=sec.role)
            rest = sec.blocks[at + 1 + len(listed):]
            after = [replace(sec, blocks=rest, line=rest[0].line, opener="continued")] if rest else []
            return [*secs[:index], replace(sec, blocks=sec.blocks[:at + 1]), section, *after, *secs[index + 1:]]
    return secs


_CIRCULATION = re.compile(r"(?i)umlauf(?:verfahren|beschluss|weg)|im\s+umlauf|schriftliche[snr]?\s+"
                          r"(?:abstimmung|verfahren|beschlussfassung)")
_CIRCULATION = guarded(_CIRCULATION)  # run only where a word it needs occurs (etl/core/prefilter.py)
_VOTES = re.compile(r"(?i)abstimmung|stimmabgabe|stimmen|rückmeldungen|votum|voten|abgestimmt|votiert")
_VOTE = re.compile(r"(?i)(?:[–—:,-]\s*|\(\s*|\.{3,}\s*|…+\s*|\s{2,}|\t)"
                   r"(?:zustimmung|zugestimmt|ablehnung|abgelehnt|enthaltung|enthalten"
                   r"|keine\s+rückmeldung|ohne\s+rückmeldung|nicht\s+abgestimmt|keine\s+stimmabgabe|keine\s+antwort)"
                   r"\s*\)?\.?$")


def _votes_by_circulation(secs: list[Section], document: Document) -> list[Section]:
    """A decision by circulation (Umlaufverfahren) has no attendance list: who voted took part, who did not
    answer did not; the lines under 'Ergebnis der Abstimmung:' ('Anna Berg (ZVB) – Zustimmung') list them."""
    if any(sec.role in roles.PARTICIPANT_ROLES for sec in secs) \
            or not any(_CIRCULATION.search(block.text) for block in document.blocks[:5]):
        return []
    for index, block in enumerate(document.blocks):
        if block.kind == "table" or len(block.text) > 60 or not _VOTES.search(block.text):
            continue
        lines: list[TextLine] = []
        for vote in document.blocks[index + 1:]:
            said = logical_lines(vote) if vote.kind in ("paragraph", "list_item") else []
            if not said or not all(_VOTE.search(line.text) for line in said):
                break  # each line one vote ('Anna Berg (ZVB) ........ Zustimmung'), also in one block
            lines += said
        if lines:
            return [Section(roles.PRESENT, block.text, block.line, block.page, "label", inline=lines)]
    return []


_CORRECTION = re.compile(r"(?i)\b(?:korrektur|berichtigung|richtigstellung|korrigieren|ergänzung)\b"
                         r"|\bich\s+war\s+(?:doch\s+|leider\s+)?(?:entschuldigt|verhindert|nicht\s+(?:da|dabei|anwesend))")


# Formats whose metadata are the document's properties (Word, OpenDocument, slides, PDF), not front matter typed
# in the text: their 'author' is whoever made the file or its template, not the meeting's minute taker.
_PROPERTY_FORMATS = ("docx", "doc", "odt", "ott", "pptx", "odp", "pdf", "rtf", "xlsx", "ods")


def _written_meta(document: Document) -> dict[str, str]:
    """The metadata the protocol's writer typed; a file property 'author' names no participant."""
    if document.format in _PROPERTY_FORMATS and "author" in document.meta:
        return {key: value for key, value in document.meta.items() if key != "author"}
    return document.meta


def _plain_text(document: Document) -> str:
    """The document's words in one string (tables cell by cell), to look a name up in."""
    return "\n".join(" | ".join(" | ".join(row) for row in block.rows) if block.kind == "table" else block.text
                     for block in document.blocks)


def _owner_organisation(owner: str, people: People, organisations: Registry) -> str:
    """An owner who is no participant but a known organisation ('Geschäftsstelle', an alias) by its registry name."""
    if owner in people.names:
        return owner
    if not (eid := organisations.lookup(owner)):
        return action_mod.collective_organisation(owner, organisations) or owner
    return organisations.names.get(eid) or owner


def _written_names(document: Document, known: KnownPeople | None, owners: set[str]) -> dict[str, str]:
    """Owner text -> full name, for the known people (master data) whose full name this protocol writes somewhere:
    an owner 'Frau Sedlmeier' is 'Sabine Sedlmeier' only when the protocol itself says 'Sabine Sedlmeier'. Without
    master data, a saluted owner ('Frau Hirmer') is the one full name with that surname the protocol writes (a list
    the parser could not read as participants: 'Doris Hirmer | DGB | anwesend')."""
    text = "\n".join(" | ".join(" | ".join(row) for row in block.rows) if block.kind == "table" else block.text
                     for block in document.blocks)
    names = {person.name for person, _, _ in known.find(text)} if known else set()
    result: dict[str, str] = {}
    for owner in owners:
        person = known.resolve(owner) if known else None
        if person is not None and person.name in names:
            result[owner] = person.name
        elif (bare := _SALUTED_SURNAME.fullmatch(owner)) is not None:
            surname = re.escape(bare.group("s"))
            written = re.compile(rf"\b(?P<g>[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?)\s+{surname}\b")
            full = {m.group(0) for m in written.finditer(text) if m.group("g") not in _NOT_GIVEN}
            if len(full) == 1:
                result[owner] = full.pop()
    return result


# 'Frau Hirmer', 'Herrn Dr. Vogt': an owner named by salutation and surname only.
_SALUTED_SURNAME = re.compile(r"(?:Frau|Herrn?|Fr\.|Hr\.)\s+(?:(?:Dr\.|Prof\.)\s*)*(?P<s>[A-ZÄÖÜ][\wäöüß-]+)")
# Words before a surname that are no given name: 'Frau Hirmer', 'Kollegin Hirmer', 'Obermeister Hirmer'.
_NOT_GIVEN = frozenset({"Frau", "Herr", "Herrn", "Kollegin", "Kollege", "Kollegen", "Obermeister", "Obermeisterin",
                        "Vorsitzende", "Vorsitzender", "Geschäftsführer", "Geschäftsführerin", "Liebe", "Lieber",
                        "Hallo", "Von", "Gez", "Grüße", "Gruß", "Dank", "Danke", "Bei", "Mit", "Und", "An", "Für"})


def _chat_people(outcome: Outcome, talk: chat_mod.Chat, writers: list[tuple[int, str, str]],
                 registry: Registry | None) -> None:
    """The people of a chat export: the writer of a list in it ('Da waren: Rüdiger, ich, …'), and, when no list
    says who came, everyone who wrote in the chat (present)."""
    said = [(line, author, status) for line, author, status in writers]
    if not any(e.status in (roles.PRESENT, roles.GUEST) for e in outcome.entries):
        said += [(line, author, roles.PRESENT) for line, author in sorted(talk.authors.items())]
    for line, author, status in said:
        entry = parse_entry(author, line, status, registry)
        if not isinstance(entry, Entry) or any(mail_mod.same_person(e.name, entry.name) for e in outcome.entries) \
                or _listed_as(entry, outcome.entries) is not None:
            continue
        outcome.entries.append(entry)
    outcome.entries.sort(key=lambda e: e.line)


def _reply_sender(outcome: Outcome, document: Document, registry: Registry | None) -> None:
    """A reply mail that answers an invitation ('ich bin dabei', 'muss leider absagen') names its sender as
    a participant, with that status; only the sender's own words count, never a quoted or forwarded text."""
    if document.format not in ("eml", "msg") or not (sender := parseaddr(document.meta.get("from", ""))[0]):
        return
    own = document.meta.get("cover_note") or " ".join(
        block.text for block in document.blocks[:3] if block.kind in ("paragraph", "list_item"))
    if len(own) > 600:
        return
    sender = sender.strip("\"' ")
    if document.meta.get("cover_note") and (_CORRECTION.search(own) or mail_mod.CORRECTION.search(own)) \
            and mail_mod.apply_corrections(outcome.entries, [s for s, _ in action_mod.sentences(own)], sender,
                                           registry):
        return  # 'Korrektur: ich war entschuldigt', 'Frau Rehm war entschuldigt' above the quoted protocol
    status = prose.reply_status(own) or mail_mod.response_status(document.meta.get("subject", ""), own,
                                                                 document.meta.get("response", ""))
    if status is None:
        return
    listed = {name_key(e.name) for e in outcome.entries}
    entry = parse_entry(sender, 1, status, registry)
    if isinstance(entry, Entry) and not any(mail_mod.same_person(e.name, entry.name) for e in outcome.entries):
        outcome.entries.insert(0, entry)
        listed.add(name_key(entry.name))
    if document.meta.get("cover_note"):  # 'Frau Eva Jäger muss leider absagen' above the quoted invitation
        for sentence, _ in action_mod.sentences(own):
            for other in prose.entries(sentence, 1, None, registry):
                if name_key(other.name) not in listed:
                    listed.add(name_key(other.name))
                    outcome.entries.append(other)


def _group_texts(document: Document, secs: list[Section], header: Header) -> list[str]:
    """Where else a protocol names its group: 'AW: Einladung AG Transfer', 'Betreff: Telko KoTeam' of a
    forwarded mail, 'Liebe Fachgruppe Handwerk,', the head's short lines ('Workshop … der Fachgruppe Handwerk'
    under 'Teilnehmerliste') and the first headings under a cover line."""
    title = header.title
    keys = ("subject", "forwarded_betreff", "forwarded_subject", "greeting", "header", "footer", "sheets")
    texts = [document.meta[key] for key in keys if document.meta.get(key)]
    texts += [line.text for line in header.head if line.text != title] + header.repeated
    texts += [block.text for block in document.blocks[:6]  # 'Anwesenheitsliste' over 'Regionales Netzwerk X - …'
              if block.kind == "paragraph" and len(block.text) <= 120 and "\n" not in block.text]
    for index, sec in enumerate(secs[:2]):  # the lines over an attendance table
        following = secs[index + 1].blocks if index + 1 < len(secs) else []
        texts += [block.text for block in (sec.blocks + following)[:list_head(secs, index)]]
    texts += [sec.title for sec in secs[:6] if sec.opener == "heading" and sec.title]
    # 'über das Treffen des Regionalen Netzwerks X am 5. Dezember 2024, …' under 'Niederschrift': the sentence
    # that dates the meeting names whose meeting it was
    texts += [block.text for block in document.blocks[:6] if block.kind == "paragraph" and len(block.text) <= 300
              and header.date is not None and header.date in meeting_dates(block.text)]
    if title is not None and not _GREETING.match(title):
        return texts
    # 'Liebe Ewa, hier kurz die Notizen vom Jour fixe AG Transfer am 02.12.2025.': the opening lines of notes
    return texts + [block.text for block in document.blocks[:4] if block.kind == "paragraph" and len(block.text) <= 200
                    and roles.split_label(block.text) is None]


_ONLINE_NOTE = re.compile(r"(?i)\b(?:online|digital|virtuell|per\s+video|zugeschaltet|telefonisch|per\s+telefon)\b")
_SITE_NOTE = re.compile(r"(?i)\b(?:vor\s+ort|in\s+präsenz|präsenz|persönlich)\b")


def _format_of_list(rows: list[Participant]) -> MeetingFormat | None:
    """The meeting's format from how its people took part, when the head names none: 'vor Ort' and 'online'
    both = hybrid; everyone present 'online' = online, everyone 'vor Ort' = in person."""
    present = [row for row in rows if row["status"] in (roles.PRESENT, roles.GUEST)]
    online = [row for row in present if _ONLINE_NOTE.search(row["note"] or "")]
    site = [row for row in present if _SITE_NOTE.search(row["note"] or "")]
    if online and site:
        return "hybrid"
    if present and len(online) == len(present):
        return "online"
    if present and len(site) == len(present):
        return "in_person"
    return None


# How a list marks one person who joined from afar: 'online', 'zugeschaltet', 'per Video', 'fernmündlich'.
_REMOTE = re.compile(r"(?i)(?<![\w-])(?:online|remote|virtuell|digital|zugeschaltet|fernmündlich|telefonisch"
                     r"|per\s+(?:video|telefon|zoom|teams|ms\s+teams|webex)|via\s+(?:zoom|teams|webex|video))(?![\w-])")


def _some_remote(entries: list[Entry]) -> bool:
    """Some of those present joined from afar and some did not: a meeting in a room with a dial-in (hybrid).
    Only what the line says beside the person's name and organisation counts ('Online-Redaktion GmbH' is no mark)."""
    present = [entry for entry in entries if entry.status in (roles.PRESENT, roles.GUEST)]
    remote = 0
    for entry in present:
        rest = entry.raw.replace(entry.name, " ")
        if entry.organisation_raw and entry.organisation_raw[:1].isupper():  # not 'per Video zugeschaltet'
            rest = rest.replace(entry.organisation_raw, " ")
        remote += bool(_REMOTE.search(entry.note or "") or _REMOTE.search(rest))
    return 0 < remote < len(present) and len(present) >= 2


# A sentence that says someone took part from afar: 'Frau Vogt war per Video zugeschaltet.', 'Herr Kühn nahm
# telefonisch teil', 'zwei Mitglieder waren online dabei'; not a plan ('soll künftig zugeschaltet werden').
_TOLD_REMOTE = re.compile(r"(?i)\b(?:zugeschaltet|dazugeschaltet|hinzugeschaltet|zugeschalten)\b(?!\s+werden)"
                          r"|\b(?:online|telefonisch|per\s+(?:video|telefon|zoom|teams|webex)|virtuell|remote|digital)"
                          r"\s+(?:teilgenommen|dabei\b|zugeschaltet|teil\b)"
                          r"|\bnahm(?:en)?\s+(?:\w+\s+){0,3}(?:online|telefonisch|per\s+(?:video|telefon|zoom|teams|webex)"
                          r"|virtuell|remote)\s+teil\b")
_TOLD_REMOTE = guarded(_TOLD_REMOTE)  # run only where a word it needs occurs (etl/core/prefilter.py)
_PLAN = re.compile(r"(?i)\b(?:soll(?:en|te|ten)?|wird|werden|möchte[n]?|kann|können|bitte|wünsch\w*|ermöglich\w*)\b")


def _told_remote(spans: list[Span]) -> bool:
    """A sentence of the text says someone joined from afar ('Frau Vogt war per Video zugeschaltet'): a meeting
    in a room with people joining from elsewhere is hybrid."""
    for span in spans:
        if span.kind not in ("text", "item") or not _TOLD_REMOTE.search(span.text):
            continue
        for sentence, _ in action_mod.sentences(span.text):
            if _TOLD_REMOTE.search(sentence) and not _PLAN.search(sentence) and not FUTURE.search(sentence):
                return True
    return False


def _remote_list(secs: list[Section]) -> bool:
    """'Anwesend (vor Ort): …' and 'Anwesend (online): …', or 'Zugeschaltet: …' beside 'Anwesend: …': a list of
    those present from afar beside a list of those in the room (hybrid)."""
    present = [sec for sec in secs if sec.role in (roles.PRESENT, roles.GUEST) and sec.opener in ("label", "heading")]
    remote = [sec for sec in present if _REMOTE.search(sec.title)]
    return bool(remote) and len(remote) < len(present)


# Columns only a video meeting tool writes: when each person joined and left the call ('Beitrittszeit',
# 'Verlassenszeit', 'Join Time', 'Online-Zeit'); a sign-in sheet's 'Check-in' or 'Unterschrift' is no such column.
_CALL_COLUMN = re.compile(r"(?i)^(?:erste[rs]?\s+|letzte[rs]?\s+)?(?:beitritt|verlassen|join|leave|online-?zeit"
                          r"|beigetreten|verlassen\s+um)")


def _format_of_export(document: Document) -> MeetingFormat | None:
    """online for a meeting tool's attendance export (join and leave columns) that names no place."""
    if document.kind not in kinds.WITHOUT_AGENDA:
        return None
    for block in document.blocks:
        if block.kind == "table" and block.rows and any(_CALL_COLUMN.match(cell.strip()) for cell in block.rows[0]):
            return "online"
    return None


def _present(rows: list[Participant]) -> bool:
    """Someone took part (present or as a guest): the file records a meeting that took place."""
    return any(row["status"] in (roles.PRESENT, roles.GUEST) for row in rows)


def _parse(document: Document, groups: Registry | None, organisations: Registry | None,
           projects: Registry | None, folder_hint: str | None, known: KnownPeople) -> ParsedProtocol:
    source = document.source
    document, declined = kinds.split_invitation(document)
    kinds.refuse_without_minutes(document)
    if (typed := _pipe_tables(document)) is not None:
        document = typed
    if (split := _split_head_tables(document)) is not None:
        document = split
    chat_writers: list[tuple[int, str, str]] = []
    if (talk := chat_mod.read(document)) is not None:
        document, chat_writers = chat_mod.as_text(document, talk)
    belongs = _belongs(organisations)
    secs = sections(document, belongs)
    items = _agenda(secs)
    if items and (marked := _mark_item_headings(document, items)) is not None:
        document = marked
        secs = sections(document, belongs)
    secs = _people_after_intro(secs, organisations)
    if document.format in ("eml", "msg"):
        mail_mod.in_lists(secs, document.meta)
    header = parse_header(secs, _written_meta(document), source, weak_meta_date=document.format in ("eml", "msg"))
    if document.format in ("eml", "msg") and document.meta.get("subject") and (
            header.title is None or _GREETING.match(header.title) or _SENTENCE_END.search(header.title)
            or header.title[:1].islower() or any(  # 'Kurz das Wichtigste:' leads in, it is no title
                block.line == header.title_line and block.text.rstrip().endswith(":") for block in document.blocks)):
        # a mail's first line that is a greeting or a sentence ('Könntest du …?') is no title: its subject is;
        # the head is read again so that the sentence's dates and times ('bis 20.03.') do not count as the title's
        subject = re.sub(r"^(?:(?:AW|WG|RE|FW|Fwd)\s*:\s*)+", "", document.meta["subject"], flags=re.I).strip()
        if header.title is not None and subject:
            header = parse_header(secs, {**document.meta, "title": subject}, source, weak_meta_date=True)
            if header.date is not None and header.date_line is None and header.date in meeting_dates(subject):
                header.warnings.append("Datum aus dem Betreff der E-Mail übernommen – bitte prüfen")
        header.title = subject
        header.title_line = None
    if (document.kind == "attendance_report" or any(is_meeting_tool_list(b) for b in document.blocks)) \
            and (header.format is None or header.format == "in_person" and mode_of(header.location or "") is None):
        # a Teams, Zoom, Webex or alfaview attendance report or list; its 'Raum' column names the virtual room
        # ('AG Transfer'), not a place: only a named room or address says people also met in one
        header.format = "online"
    # what the reader noticed (OCR, hidden sheets or slides, a protocol taken from an attachment) comes first:
    # Prüfen shows it next to what the parser found
    warnings = [*document.warnings, *header.warnings]

    _people_by_shape(secs, organisations)
    circulated = _votes_by_circulation(secs, document)
    votes = circulated or _unlabelled_people(
        secs, organisations, mail=document.format in ("eml", "msg"))
    outcome = _participant_outcome(_meta_sections(document) + votes + secs, organisations, header.date)
    substitutes(outcome.entries, organisations)
    spans = _spans(secs, header, set())
    listed = {name_key(e.name) for e in outcome.entries}
    me = mail_mod.writer(document.meta) if document.format in ("eml", "msg") else mail_mod.note_writer(
        [line.text for line in header.writers], [b.text for b in document.blocks[:6] if b.kind == "paragraph"])
    # a protocol that lists people by one name ('dabei: Florian, Marek, Ronja') names them so in its sentences
    # too ('Dennis hat abgesagt.')
    by_one_name = one_name_list(outcome.entries)
    for span in spans:
        if span.kind not in ("text", "item"):
            continue
        for sentence, offset in action_mod.sentences(span.text):
            if talk is not None:  # a chat message, as informal as a mail; 'ich' is its author
                author = talk.author_at(span.line_at(offset)) or me  # the mail's own words above a pasted chat
                told = [entry for clause in mail_mod.clauses(chat_mod.message(sentence))
                        for entry in prose.entries(mail_mod.narrative(clause, author), span.line_at(offset),
                                                   span.page, organisations, listed=by_one_name)]
            elif document.format in ("eml", "msg"):
                told = [entry for clause in mail_mod.clauses(sentence)
                        for entry in prose.entries(mail_mod.narrative(clause, me), span.line_at(offset), span.page,
                                                   organisations, listed=by_one_name)]
            else:  # 'Entschuldigt haben sich A und B; C fehlte unentschuldigt': each clause says its own status;
                # else a note tells who came as a mail does ('Frau Ohm vom Amt und ich waren da, dazu Herr Kern')
                told = [entry for clause in mail_mod.clauses(sentence)
                        for entry in _note_clause(clause, span.line_at(offset), span.page, organisations, me,
                                                  by_one_name)]
            if not told and span.kind == "text":  # '… (online) – Teilnehmende: A, B; entschuldigt: C'
                told = [entry for said in prose.embedded(sentence)
                        for entry in prose.entries(said, span.line_at(offset), span.page, organisations,
                                                   listed=True, surnames=True)]
            mail_mod.relative_clauses(sentence, told)
            for entry in told:
                if name_key(entry.name) in listed:
                    continue  # a sentence may repeat someone already listed
                if (same := _listed_as(entry, outcome.entries)) is not None:
                    if entry.status in (roles.GUEST, roles.EXCUSED, roles.ABSENT) and same.status == roles.PRESENT:
                        # 'Frau Lange nimmt als Gast teil', 'Herr Keller hatte sich entschuldigt' of a listed name
                        same.status = entry.status
                    continue
                listed.add(name_key(entry.name))
                outcome.entries.append(entry)
    for sec in secs:  # 'Treffen am 03.02.2026 | Teilnehmende: A, B | entschuldigt: C': a head field's line goes on
        if sec.role in roles.HEADER_ROLES and sec.opener == "label":
            for field in sec.inline:
                for entry in (e for said in prose.embedded(f"{sec.title}: {field.text}")
                              for e in prose.entries(said, field.line, field.page, organisations, listed=True,
                                                     surnames=True)):
                    if name_key(entry.name) not in listed and _listed_as(entry, outcome.entries) is None:
                        listed.add(name_key(entry.name))
                        outcome.entries.append(entry)
    if talk is not None:
        _chat_people(outcome, talk, chat_writers, organisations)
    kinds.invitation_people(outcome, document, declined, organisations)
    _reply_sender(outcome, document, organisations)
    if document.format in ("eml", "msg"):
        mail_mod.signature_organisation(outcome.entries, document.meta, organisations)
    if known:
        _known_people(outcome, known)
    _fuller_names(outcome, _plain_text(document), known)
    _organisations_told(outcome, "\n".join(b.text.replace("\n", " ") for b in document.blocks if b.kind != "table"))
    resolve = _OrgResolver(organisations, _plain_text(document), known)
    rows = _participants(outcome, resolve, warnings)
    _writers(header, rows, organisations, warnings, resolve)
    if header.format is None:
        header.format = _format_of_list(rows) or _format_of_export(document)
    # a reply's own lines above the quoted minutes tell too: 'ich war ab 10 Uhr per Telefon dazugeschaltet'
    reply_lines = [Span(document.meta["cover_note"], "text", None, [(0, 0)])] if document.meta.get("cover_note") else []
    if header.format in (None, "in_person") and (_some_remote(outcome.entries) or _remote_list(secs)) \
            or header.format == "in_person" and _told_remote(spans + reply_lines):
        header.format = "hybrid"  # 'Frau X (per Video zugeschaltet)' among people in the room
    if header.format is None and not circulated and (document.kind in ("protocol", "attendance_list") or (
            document.kind == "invitation" and kinds.reads_as_protocol(document))) and _present(rows):
        # A meeting held by video or phone names its tool or its dial-in; one that names neither met in a room
        # (how outsiders' protocols read: of those that name no mode, nearly all record meetings in a room).
        header.format = "in_person"
    if header.date is None:
        # a file without minutes says so more helpfully than 'no date' (an empty template, an invitation)
        kinds.refuse_other_genre(document, header.title, present=_present(rows))
        kinds.refuse_without_record(document, header.title, present=_present(rows), agenda=bool(items),
                                    recorded=bool(action_mod.decisions(spans)), listed=bool(rows))
        raise ProtocolError("kein Datum gefunden (erwartet z. B. „Datum: 08.06.2021“ im Kopf des Protokolls)",
                            source)
    unresolved: list[Unresolved] = []
    for bad in outcome.unreadable:
        unresolved.append({"line": bad.line, "raw": bad.raw, "reason": bad.reason,
                           "organisation": bad.organisation_raw})
        warnings.append(f"Zeile {bad.line}: Teilnehmerzeile nicht verstanden – {bad.reason}: „{bad.raw[:120]}“")
    people = People([p["name"] for p in rows])

    if not items and kinds.has_agenda(document):
        warnings.append("keine Tagesordnung gefunden")
    if (missing := kinds.missing_people_warning(document, rows)) is not None:
        warnings.append(missing)

    file_name = re.split(r"[\\/]", source)[-1]
    mail = document.format in ("eml", "msg")
    # a mail's subject and cover lines say more than the name its file was saved under
    group = group_mod.detect(header.title, header.group_label, folder_hint, groups,
                             file_name=None if mail else file_name)
    if group is None or not group.known:
        # an e-mail's subject, a forwarded mail's own subject, the greeting, the first headings
        texts = _group_texts(document, secs, header)
        if mail:
            texts += [block.text for block in document.blocks[:3] if block.kind == "paragraph"
                      and len(block.text) <= 300]
        for text in texts:
            if (hit := group_mod.detect(text, None, None, groups)) is not None and hit.known:
                group = hit
                break
    if mail and (group is None or not group.known) and (
            by_name := group_mod.detect(None, None, None, groups, file_name=file_name)) is not None:
        group = by_name
    if groups is not None and (group is None or not group.known):
        # 'protokolle/AK_Ausbildung/2025/…', 'Fachgruppe Digi/Sitzungen/…': a folder above the file names the group
        folders = re.split(r"[\\/]", source)[:-1]
        lowered = [folder.lower() for folder in folders]
        # only the folders under 'protokolle/' (where the build finds them), else the file's own folder
        folders = folders[len(lowered) - lowered[::-1].index("protokolle"):] if "protokolle" in lowered \
            else folders[-1:]
        for folder in reversed(folders):
            if (hit := group_mod.detect(re.sub(r"[_]+", " ", folder), None, None, groups)) is not None and hit.known:
                group = hit
                break
    if group is None:
        warnings.append("keine Gruppe erkannt (weder im Titel noch im Ordnernamen)")
    elif groups is not None and not group.known:
        hint = f" (ähnlich: „{group.suggestion}“)" if group.suggestion else ""
        warnings.append(f"Gruppe „{group.name}“ unbekannt – wird neu angelegt{hint}")

    decisions = action_mod.decisions(_with_agenda_minutes(spans, secs, header))
    decisions = list({d.text: d for d in sorted(decisions, key=lambda d: d.line)}.values())
    decisions.sort(key=lambda d: d.line)
    sender = parseaddr(document.meta.get("from", ""))[0].strip("\"' ") if document.format in ("eml", "msg") else ""
    # in a forwarded or quoted protocol 'ich' is the one who wrote it, not the one who forwards or answers
    inner = document.meta.get("forwarded_von") or document.meta.get("forwarded_from") or ""
    writer = (parseaddr(inner)[0].strip("\"' ") or sender) if inner else sender
    tasks = action_mod.actions(spans, people, header.date,
                               tuple(o for p in rows for o in (p["organisation"], p["organisation_raw"]) if o),
                               writer or None, document.meta.get("greeting"), known or None)
    if cover := document.meta.get("cover_note"):  # the replier's own task above the quoted protocol
        orgs = tuple(o for p in rows for o in (p["organisation"], p["organisation_raw"]) if o)
        tasks += action_mod.reply_actions(cover, tasks, people, header.date, orgs, sender or None, known or None)
    # a task sentence under 'Ergebnisse' ('Frau X koordiniert … bis …') is a task, not a decision
    sentence_tasks = {t.line for t in tasks if t.sentence and t.owners}
    decisions = [d for d in decisions if d.line not in sentence_tasks or d.labelled
                 or action_mod.explicit_decision(d.text)]
    strangers = {n for t in tasks if not t.owner_known for n in t.owners if n not in people.names}
    written = _written_names(document, known or None, strangers) if strangers else {}
    for task in tasks:
        if organisations is not None:  # 'Geschäftsstelle' as the master data's organisation, named as it names it
            task.owners = list(dict.fromkeys(_owner_organisation(n, people, organisations) for n in task.owners))
            task.owner = task.owners[0] if task.owners else None
        if written and not task.owner_known:  # 'Frau Sedlmeier', written in full elsewhere in this protocol
            task.owners = list(dict.fromkeys(written.get(n, n) for n in task.owners))
            task.owner = task.owners[0] if task.owners else None
        if task.owner and not task.owner_known:
            unknown = [n for n in task.owners if n not in people.names]
            warnings.append(f"Zeile {task.line}: Verantwortlich „{', '.join(unknown)}“ steht nicht in der "
                            "Teilnehmerliste")

    kinds.refuse_other_genre(document, header.title, present=_present(rows))
    kinds.refuse_without_record(document, header.title, present=_present(rows), agenda=bool(items),
                                recorded=any(_LETTER.search(text) for text in [d.text for d in decisions]
                                             + [t.text for t in tasks]), listed=bool(rows))
    task_lines = {t.line for t in tasks}
    task_total = task_understood = 0
    for span in spans:
        if span.section == roles.TASKS and span.kind in ("item", "row", "text"):
            done = any(line in task_lines for _, line in span.starts)
            if span.kind == "text" and not done and not due_date(span.text, header.date)[0]:
                continue  # prose under 'Weiteres Vorgehen' that names no task and no deadline
            task_total += 1
            if done:
                task_understood += 1
            else:
                warnings.append(f"Zeile {span.line}: Aufgabenzeile nicht verstanden: „{span.text[:120]}“")
    total = outcome.total + task_total + (0 if rows else 1)
    understood = outcome.understood + task_understood
    confidence = min(1.0, round(understood / total, 3)) if total else 1.0

    agenda_spans = [Span(item.text, "item", None, [(0, item.line)]) for item in items]
    found = mention_mod.find(agenda_spans + spans, people, organisations, projects)
    for raw, line in found.unknown_projects:
        warnings.append(f"Zeile {line}: Projekt „{raw}“ unbekannt – wird neu angelegt")

    reports: list[Report] = []
    own = name_key(group.name) if group else ""
    for span in spans:
        for name, offset in group_mod.reports(span.text, groups):
            if name_key(name) != own and all(r["group"] != name for r in reports):
                reports.append({"group": name, "line": span.line_at(offset)})

    decision_rows: list[Decision] = [{"text": d.text, "line": d.line, "page": d.page} for d in decisions]
    task_rows: list[ActionItem] = [{"text": t.text, "owner": t.owner, "owners": t.owners, "due": t.due,
                                    "line": t.line, "page": t.page, "sentence": t.sentence} for t in tasks]
    mention_lines: list[MentionLine] = sorted(found.lines, key=lambda m: m["line"])
    return {
        "source": source,
        "title": header.title,
        "group": group.name if group else None,
        "group_known": bool(group and group.known),
        "date": header.date.isoformat(),
        "start": header.start,
        "end": header.end,
        "location": header.location,
        "format": header.format,
        "participants": rows,
        "agenda": [item.text for item in items],
        "agenda_lines": [item.line for item in items],
        "decisions": decision_rows,
        "action_items": task_rows,
        "mentions": {"organisations": found.organisations, "projects": found.projects, "people": found.people},
        "mention_lines": mention_lines,
        "reports": reports,
        "unresolved": unresolved,
        "org_suggestions": resolve.suggestions,
        "warnings": warnings,
        "confidence": confidence,
    }
