"""What the kind of a file (`Document.kind`, set by the reader) changes in reading its facts.

- "protocol": everything as written.
- "attendance_report" (a Teams/Zoom/Webex export) and "attendance_list" (a spreadsheet of who came):
  such a file has no agenda by nature, so its missing agenda is no warning. Date, start, end and place
  come from the text the reader writes, else from `meta` (the header reads meta keys as head fields).
  Everyone in its table was there, unless a status or mark column says otherwise (the report reader
  writes "anwesend"; the table parser reads any status column).
- "invitation" (.ics): an invitation is written before the meeting. Its attendees table says who was
  invited and how each replied, not who came: "zugesagt" is an intention, not proof of presence, and
  "keine Antwort" says nothing. So a careful reader takes from an invitation
  * no one as present from the invitees table, the organiser or an invitation text ("Teilnehmerkreis:
    …", "Frau X stellt … vor" in the description plans the meeting, it does not record it);
  * an invitee who declined ("abgesagt") as excused: they told the organiser they would not come,
    which is what "entschuldigt" records; the note "Einladung abgesagt" says where it comes from;
  * the participants list of a protocol in the description as written (a minute taker sometimes sends
    the minutes as an updated invitation): the description reads as a protocol when a block starts with
    "Protokoll", "Ergebnisprotokoll", "Niederschrift" … or a list is labelled "Anwesend"/"Anwesende" —
    words nobody writes before a meeting; or informal notes ("Notizen:", "Kurznotiz", "Dabei: …") with
    results or to-dos and no request to reply. Such a list wins over a reply ("abgesagt" but listed present).
  An invitation without such a protocol gives the meeting (title, date, times, place, agenda) and the
  excused; its warning says that the invited are not counted as participants.
"""

from __future__ import annotations

import re
from dataclasses import replace

from etl.core.errors import ProtocolError
from etl.core.registry import Registry
from etl.extract.document import Block, Document
from etl.extract.readers.ics import ACCEPTED, DECLINED, INVITED_COLUMNS, INVITED_HEADING
from etl.parse import roles
from etl.parse.entries import Entry, parse_entry
from etl.parse.model import Participant
from etl.parse.participants import Outcome
from vocab.keys import name_key

WITHOUT_AGENDA = ("attendance_report", "attendance_list")
_PROTOCOL = re.compile(r"^\W*(?:[a-zäöüß]*protokoll|niederschrift|kurz\s+notiert|mitschrift"
                       r"|gesprächsnotiz|aktennotiz|anwesend[e]?\b|teilgenommen\s+haben|nicht\s+teilgenommen"
                       r"|nicht\s+(?:dabei|anwesend)\s+(?:waren|war)\b"
                       # 'Besprechungsnotizen (nach der Sitzung ergänzt):', 'im Anschluss an den Termin notiert'
                       r"|[^\n]{0,40}\b(?:nach|während|im\s+anschluss\s+an)\s+(?:der|dem|den|die)\s+(?:sitzung|besprechung"
                       r"|telko|videokonferenz|termin|treffen)\s+(?:ergänzt|notiert|nachgetragen|festgehalten)"
                       # 'Nachtrag nach der Sitzung (H. Ertl):', 'Notizen aus dem Termin:', 'Mitschrift aus der Telko:':
                       # a record named as such
                       r"|(?:\w+\s+){0,2}?(?:\w*notiz(?:en)?|nachtrag|ergänzung|stichpunkte|stichworte|mitschrift|ergebnisse"
                       r"|kurzbericht|vermerk)\s+(?:nach|aus|von|zu|während)\s+(?:der|dem|den|die)\s+(?:sitzung|besprechung"
                       r"|telko|videokonferenz|termin|treffen|meeting|runde)\b)",
                       re.IGNORECASE)
# What only minutes say: a decision or result recorded, something agreed in the past tense.
_RECORDED = re.compile(r"(?im)^\W*(?:beschluss|beschlüsse|beschlossen|ergebnis(?:se)?|vereinbart|vereinbarungen"
                       r"|festgehalten|festlegungen|to-?dos?)\s*:"
                       r"|\bwurden?\s+(?:\w+\s+){0,3}(?:beschlossen|vereinbart|festgelegt|verabschiedet)\b"
                       r"|\b(?:beschließt|beschließen|beschlossen)\s+(?:einstimmig|mehrheitlich)"
                       # 'Ansatz wie 2024 – so beschlossen.', '14.10. bestätigt (Beschluss).', 'einstimmig angenommen'
                       r"|\b(?:so|einstimmig|mehrheitlich)\s+(?:beschlossen|vereinbart|festgelegt|angenommen|verabschiedet)\b"
                       r"(?!\s+werden)|\((?:beschluss|beschlossen|einstimmig)\)")
# Notes written after the meeting without the word 'Protokoll': a notes opener or who was there ('Notizen:',
# 'Kurznotiz', 'Dabei: …', 'Teilnehmende: …') together with results or to-dos, and no invitation's request.
_NOTES = re.compile(r"(?im)^\W*(?:(?:kurz|gesprächs|besprechungs|meeting|termin)?notiz(?:en)?\b|mitschrift"
                    r"|meeting\s+notes\b|(?:dabei|teilnehmende|teilnehmer(?:innen)?|anwesenheit|anwesend|attendees"
                    r"|participants|teilgenommen(?:\s+haben)?|vor\s+ort)(?:\s+waren)?\s*:)")
_RESULTS = re.compile(r"(?im)^\W*(?:ergebnis(?:se)?|to-?dos?|aufgaben|nächste\s+schritte|vereinbarungen"
                      r"|offene\s+punkte)\s*:?\s*$|^\W*(?:ergebnis(?:se)?|to-?dos?|aufgaben|vereinbarungen)\s*:"
                      r"|^\W*(?:einigung|verabredet|festgelegt|entschieden|entscheidung(?:en)?|absprachen?"
                      r"|action\s+items|follow-?up\s+tasks|next\s+steps)\s*:"
                      r"|\b(?:besprochen|abgestimmt|vereinbart|geklärt|erledigt|ist\s+raus|steht\s+fest)\b"
                      r"(?!\s+werden)")
# Who was there and what was done, told in the past ('Mila und Jonas waren dabei', 'Petra fehlte', 'Wir haben die
# Planung durchgesprochen'): a record, unless the text also asks for replies (then it plans).
_TOLD_PAST = re.compile(r"(?i)\b(?:waren|war)\s+(?:\w+\s+){0,2}(?:da|dabei|anwesend|vor\s+ort)\b(?!\s+sein)"
                        r"|\bnahm(?:en)?\s+(?:\w+\s+){0,3}teil\b|\bhaben\s+(?:\w+\s+){0,2}teilgenommen|\bfehlte[n]?\b"
                        r"|\bhaben\s+(?:\w+\s+){0,6}(?:besprochen|durchgesprochen|beschlossen|vereinbart|entschieden"
                        r"|festgelegt|abgestimmt|diskutiert)\b")
_INVITING = re.compile(r"(?i)\bbitte\s+um\s+(?:zu|ab)?sage|\bum\s+(?:kurze\s+)?(?:rückmeldung|anmeldung|zusage)"
                       r"|\b(?:lade|laden)\s+(?:\w+\s+){0,6}ein\b|\beinladung\b|\bherzlich\s+eingeladen"
                       # a reminder or save-the-date, a request to say whether one comes, a meeting tool's join block
                       r"|\bsave\s+the\s+date\b|\b(?:wir\s+)?erinnern\s+(?:\w+\s+){0,2}an\s+(?:unsere|die|das|den)\s+"
                       r"|\bbescheid,?\s+ob\s+sie\s+(?:teilnehmen|kommen)|\bmelden\s+sie\s+sich\s+(?:bitte\s+)?(?:bis|an)\b")
# A meeting tool's join block: sent before the meeting, but minutes typed into the appointment keep it below them.
_JOIN_BLOCK = re.compile(r"(?i)\bjetzt\s+an\s+der\s+besprechung\s+teilnehmen|\ban\s+(?:zoom-)?meeting\s+teilnehmen"
                         r"|\bjoin\s+(?:the\s+)?(?:microsoft\s+teams\s+|zoom\s+)?meeting\b|\bmeeting\s+beitreten\b")
_EARLIER = re.compile(r"letzt|vorig|vorherig|genehmig|vorangegangen", re.IGNORECASE)
NOT_PRESENT_NOTE = ("Einladung (.ics): Eingeladene und Zusagen gelten nicht als Teilnahme – keine Teilnehmerliste "
                    "in der Beschreibung gefunden")


def has_agenda(document: Document) -> bool:
    """Whether a file of this kind is expected to carry an agenda (a meeting tool's report never does)."""
    return document.kind not in WITHOUT_AGENDA


Reply = tuple[str, int, int | None, str]  # (name, line, page, reply) of an invitee


def split_invitation(document: Document) -> tuple[Document, list[Reply]]:
    """The invitation without its invitees table, and (name, line, page, reply) of each invitee who
    declined or accepted."""
    if document.kind != "invitation":
        return document, []
    declined: list[Reply] = []
    blocks: list[Block] = []
    for block in document.blocks:
        if block.kind == "table" and block.header == INVITED_COLUMNS:
            lines = block.row_lines or (block.line,) * len(block.rows)
            for row, line in zip(block.body_rows, lines[block.header_rows:], strict=False):
                if len(row) > 2 and row[2] in (DECLINED, ACCEPTED) and row[0].strip() and "@" not in row[0]:
                    declined.append((row[0].strip(), line, block.page, row[2]))
            if blocks and blocks[-1].kind == "heading" and blocks[-1].text == INVITED_HEADING:
                blocks.pop()
            continue
        blocks.append(block)
    return replace(document, blocks=blocks), declined


def reads_as_protocol(document: Document) -> bool:
    """An invitation's description that records the meeting ('Protokoll', 'Anwesend:', 'Beschluss: …',
    'wurde beschlossen'), not plans it; an agenda item about the last minutes ('Protokoll der letzten
    Sitzung', a list item) is no protocol."""
    if any(_PROTOCOL.match(block.text) and not _EARLIER.search(block.text.split("\n", 1)[0])
           for block in document.blocks if block.kind in ("heading", "paragraph")) or any(
            _RECORDED.search(block.text) for block in document.blocks if block.kind != "table"):
        return True
    text = "\n".join(block.text for block in document.blocks if block.kind != "table")
    return bool((_NOTES.search(text) and _RESULTS.search(text) or _TOLD_PAST.search(text))
                and not _INVITING.search(text))


def refuse_without_minutes(document: Document) -> None:
    """An invitation whose description records no meeting is no protocol: it is refused (German message)."""
    if document.kind == "invitation" and not reads_as_protocol(document):
        raise ProtocolError(f"Kalendereinladung (.{document.format}) ohne Protokoll: eine Einladung sagt nicht, wer "
                            "teilgenommen hat und was beschlossen wurde – bitte das Protokoll der Sitzung hochladen "
                            "(z. B. als Word-, PDF- oder Textdatei oder in der Terminbeschreibung)", document.source)


def invitation_people(outcome: Outcome, document: Document, declined: list[Reply],
                      registry: Registry | None) -> None:
    """An invitation's people (see the module docstring): a protocol's list as written, the declined excused;
    when the minutes in the description list no one, those who accepted count as present."""
    if document.kind != "invitation":
        return
    if not reads_as_protocol(document):
        outcome.entries, outcome.unreadable = [], []
        outcome.understood = outcome.total = 0
    listed = {name_key(entry.name) for entry in outcome.entries}
    no_list = not outcome.entries and reads_as_protocol(document)
    for name, line, page, reply in declined:
        if reply == ACCEPTED and not no_list:
            continue
        status, note = (roles.PRESENT, "Einladung zugesagt") if reply == ACCEPTED else (roles.EXCUSED,
                                                                                        "Einladung abgesagt")
        entry = parse_entry(name, line, status, registry, None, page)
        if isinstance(entry, Entry) and name_key(entry.name) not in listed:
            entry.note = "; ".join(n for n in (entry.note, note) if n)
            listed.add(name_key(entry.name))
            outcome.entries.append(entry)
            outcome.understood += 1
            outcome.total += 1
    outcome.entries.sort(key=lambda e: e.line)


def missing_people_warning(document: Document, rows: list[Participant]) -> str | None:
    """The warning when a file gives no participants (an invitation: also when it gives only the excused)."""
    if document.kind == "invitation":
        return None if any(r["status"] == roles.PRESENT for r in rows) else NOT_PRESENT_NOTE
    return None if rows else "keine Teilnehmerliste gefunden"


# What a page says that holds no minutes yet: 'Inhalt folgt', 'wird nachgereicht', 'im Aufbau', 'in Bearbeitung'.
_PLACEHOLDER = re.compile(r"(?i)\b(?:inhalt\s+folgt|(?:inhalt|text|protokoll)\s+(?:folgt|wird\s+nachgereicht)"
                          r"|folgt\s+(?:in\s+kürze|demnächst)|(?:befindet\s+sich\s+)?(?:noch\s+)?im\s+aufbau"
                          r"|(?:befindet\s+sich\s+)?noch\s+in\s+(?:bearbeitung|arbeit|abstimmung)"
                          r"|(?:protokoll|inhalt|text)\s+wird\s+(?:\w+\s+){0,6}(?:eingestellt|veröffentlicht|hochgeladen"
                          r"|nachgereicht|ergänzt)|noch\s+(?:nicht\s+verfügbar|kein\s+inhalt)|platzhalter|coming\s+soon"
                          r"|lorem\s+ipsum|hier\s+entsteht)")
# A form nobody filled in: dotted or underlined blanks, '[Name]', 'TT.MM.JJJJ'.
_BLANK = re.compile(r"(?i)…{2,}|\.{4,}|_{3,}|\[\s*(?:name|datum|ort|organisation|thema|text|titel)\s*]"
                    r"|<\s*(?:name|datum|ort|organisation|thema)\s*>|tt\.\s?mm\.\s?(?:jj){1,2}|xx\.xx\.xx")
# The head of a meeting that did not take place: 'Die Sitzung entfällt', 'ABGESAGT', 'fällt aus'.
_CANCELLED = re.compile(r"(?i)\b(?:abgesagt|absage|entfällt|entfallen|fällt\s+(?:\w+\s+){0,2}aus|ausgefallen"
                        r"|findet\s+nicht\s+statt|wird\s+(?:\w+\s+){0,3}verschoben|cancell?ed)\b")
# The head of an invitation: it announces an agenda and asks for a reply, nothing is recorded yet.
_INVITATION_HEAD = re.compile(r"(?i)\beinladung\b|\b(?:lade|laden)\s+(?:\w+\s+){0,6}ein\b|\bherzlich\s+eingeladen"
                              r"|\bvorläufige\s+tagesordnung|\btagesordnung\s+(?:für|zur|zum)\s+(?:die|das|den)?\s*"
                              r"(?:kommende|nächste|anstehende)")
_SHORT_TEXT = 200  # letters of running text: an invitation or a template has a few hundred at most


def _opening_text(document: Document, title: str | None, blocks: int = 4) -> str:
    """The title, an e-mail's subject and the first few blocks: where a file says what it is."""
    texts = [title or "", document.meta.get("subject", ""), document.meta.get("title", "")]
    texts += [block.text for block in document.blocks[:blocks] if block.kind != "table"]
    return "\n".join(t for t in texts if t)


# A message that calls the meeting off ('ABSAGE: Sitzung …', 'müssen wir die Sitzung am 28.05. absagen', 'Das
# Treffen am … entfällt') or asks when to meet ('Terminabfrage', 'Terminumfrage', 'Bitte tragen Sie sich in die
# Umfrage ein'): whatever people or to-dos it names, no meeting took place yet.
_CALLED_OFF = re.compile(r"(?i)^\W*(?:absage|abgesagt|entfällt)\b\W*(?:der\s+|des\s+|zur\s+|zum\s+)?(?:\w+)?"
                         r"(?:sitzung|treffen|termin|besprechung|telko|versammlung|jour\s+fixe)"
                         r"|\b(?:sitzung|treffen|termin|besprechung|telko|versammlung|jour\s+fixe)\w*\s+(?:\S+\s+){0,6}?(?:absagen|abgesagt|entfällt"
                         r"|entfallen|fällt\s+aus|ausfallen|findet\s+nicht\s+statt)\b")
_POLL = re.compile(r"(?i)\btermin(?:ab|um)frage\b|\bterminfindung\b|\bdoodle\b|\bnuudel\b"
                   r"|\bin\s+die\s+(?:termin)?umfrage\s+ein|\bzur\s+auswahl\s+stehen\b")


# A cancelled or polled meeting says so where the file says what it is: its title or subject, its first lines.
# Further down, 'Terminabfrage' is a task ('Herr X verschickt eine Terminabfrage') and 'die Sitzung im Mai
# entfällt' news about another meeting; refusing a protocol loses all its facts, so the evidence must be strong.
_NOT_THIS_MEETING = re.compile(r"(?i)nächst|kommend|folgend|weiter")


def _refuse_cancellation_or_poll(document: Document, title: str | None) -> None:
    """Refuse a file that calls a meeting off or polls for its date (nobody is recorded as present)."""
    for line in _opening_text(document, title, blocks=2).splitlines()[:6]:
        before = line[:(m.start() if (m := _CALLED_OFF.search(line)) else 0)]
        if m and not _EARLIER.search(before[-40:]) and not _NOT_THIS_MEETING.search(before[-40:]) \
                and ":" not in before:  # 'Entschuldigt: Frau X (Termin abgesagt)' is a status
            raise ProtocolError(f"abgesagte Sitzung („{m.group(0).strip()[:60]}“) ohne Protokoll: niemand als "
                                "anwesend aufgeführt – eine ausgefallene Sitzung wird nicht als Treffen gezählt",
                                document.source)
        if (m := _POLL.search(line)) and not _ACTION_VERB.search(line):
            raise ProtocolError(f"Terminabfrage („{m.group(0)}“), kein Protokoll: sie sucht einen Termin, niemand "
                                "als anwesend aufgeführt – bitte nach der Sitzung das Protokoll hochladen",
                                document.source)


# 'verschickt / versendet / startet eine Terminabfrage': a task about a poll, not the poll itself
_ACTION_VERB = re.compile(r"(?i)\b(?:verschick|versend|schick|start|erstell|mach|richte|kümmer)\w*")


# What a file calls itself when it is no minutes: a newsletter, a press release, a yearly or project report, a
# programme, a list of addresses. Such a file tells of meetings (dates, names, even a decision), records none.
_OTHER_GENRE = re.compile(r"(?i)(?<![^\W\d_])(?:newsletter|rundbrief|infobrief|info-brief|netzwerkbrief|mitgliederbrief"
                          r"|mitgliederinfo|mitteilungsblatt|pressemitteilung|presseinformation|pressemeldung"
                          r"|jahresbericht|tätigkeitsbericht|sachbericht|zwischenbericht|verwendungsnachweis|flyer"
                          r"|veranstaltungsprogramm|tagungsprogramm|save[\s_-]+the[\s_-]+date|terminübersicht"
                          r"|sitzungskalender|terminkalender)(?![^\W\d_])")
# A list of addresses: who is written to, not who came ('Verteiler_AG_Transfer.xlsx', 'Kontaktliste FG Handwerk').
_ADDRESS_LIST = re.compile(r"(?i)(?<![^\W\d_])(?:e-?mail-?)?(?:verteiler(?:liste)?|mailingliste|adressliste"
                           r"|kontaktliste|kontaktdaten|ansprechpartnerliste|adressen)(?![^\W\d_])")
# Words of minutes in a title: a protocol of such a meeting ('Protokoll Jahresbericht-Sitzung') stays a protocol.
_MINUTES_WORD = re.compile(r"(?i)protokoll|niederschrift|notiz|vermerk|mitschrift|ergebnisse|sitzung\s+(?:vom|am)")


def refuse_other_genre(document: Document, title: str | None, *, present: bool) -> None:
    """Refuse a file whose title or file name calls it a newsletter, press release, report or programme when
    nobody is recorded as present (it tells of meetings, it records none), or a sheet whose title or file name calls
    it an address list whatever it lists (everyone on it is written to, nobody is recorded as present). A mail is
    never refused for its subject (it may carry the minutes to the 'Verteiler'), nor a file for its properties (often
    a template's)."""
    if document.kind in ("invitation", "attendance_report") or document.format in ("eml", "msg"):
        return
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", re.split(r"[\\/]", document.source)[-1]).replace("_", " ")
    for text in (title or "", stem):
        if _MINUTES_WORD.search(text) or re.search(r"(?i)anwesen|teilnehm", text):
            continue
        if document.kind == "attendance_list" and (m := _ADDRESS_LIST.search(text)):
            raise ProtocolError(f"Adress- oder Verteilerliste („{m.group(0)}“), kein Protokoll: sie nennt, wer "
                                "angeschrieben wird, nicht wer teilgenommen hat – bitte die Anwesenheitsliste oder das "
                                "Protokoll der Sitzung hochladen", document.source)
        if not present and document.kind not in WITHOUT_AGENDA and (m := _OTHER_GENRE.search(text)):
            raise ProtocolError(f"kein Protokoll, sondern „{m.group(0)}“: niemand als anwesend aufgeführt – ein "
                                "Rundbrief, Bericht oder Programm zählt nicht als Sitzung; bitte das Protokoll der "
                                "Sitzung hochladen", document.source)


def refuse_without_record(document: Document, title: str | None, *, present: bool, agenda: bool,
                          recorded: bool, listed: bool = False) -> None:
    """A file that records no meeting is no protocol, whatever date it carries; it is refused (German message)
    instead of standing as an empty meeting. `present`: someone is listed as present; `agenda`: it has agenda
    items; `recorded`: it has decisions or tasks; `listed`: it names anyone with a status (also excused). The
    kinds, in the order checked:
    - a cancelled meeting ('Die Sitzung am 3.12. entfällt') with nobody present and nothing recorded;
    - an invitation ('Einladung', 'Tagesordnung', 'um Rückmeldung wird gebeten') with nobody present and
      nothing recorded, however long its agenda;
    - an empty template ('Datum: ……', '[Name]') or a placeholder page ('Inhalt folgt', 'in Bearbeitung'),
      without participants, agenda, decisions or tasks.
    A file whose people the parser could not read is not refused for that alone: its date and group still count."""
    if not present and document.kind not in WITHOUT_AGENDA:
        _refuse_cancellation_or_poll(document, title)
    body = [block.text for block in document.blocks if block.kind != "heading"]
    text = " ".join(body)
    letters = sum(len(_LETTERS.findall(part)) for part in body)
    if not present and not listed and document.format in ("eml", "msg") and letters < 10 * _SHORT_TEXT \
            and _sent_invitation(document, text) and not reads_as_protocol(document):
        # the mail that invites: what it asks of people ('bitte bringen Sie … mit') is planned, not recorded
        raise ProtocolError("Einladung mit Tagesordnung, kein Protokoll: niemand als anwesend aufgeführt, keine "
                            "Beschlüsse – bitte nach der Sitzung das Protokoll hochladen", document.source)
    if present or recorded or document.kind in WITHOUT_AGENDA:
        return
    opening = _opening_text(document, title)
    if (m := _CANCELLED.search(opening)) and not listed \
            and not _EARLIER.search(opening[max(0, m.start() - 40):m.start()]) \
            and not _NOT_THIS_MEETING.search(opening[max(0, m.start() - 40):m.start()]):
        raise ProtocolError(f"abgesagte Sitzung („{m.group(0)}“) ohne Protokoll: niemand als anwesend aufgeführt, "
                            "keine Beschlüsse oder Aufgaben – eine ausgefallene Sitzung wird nicht als Treffen "
                            "gezählt", document.source)
    if (_INVITATION_HEAD.search(opening) or _INVITING.search(text) or _JOIN_BLOCK.search(text)) \
            and letters < 10 * _SHORT_TEXT and not listed and not reads_as_protocol(document) \
            and document.format not in ("eml", "msg"):
        # (a mail about an invitation is a reply or a forward: who comes or not is read from it)
        raise ProtocolError("Einladung mit Tagesordnung, kein Protokoll: niemand als anwesend aufgeführt, keine "
                            "Beschlüsse oder Aufgaben – bitte nach der Sitzung das Protokoll hochladen",
                            document.source)
    if (m := _BLANK.search(" ".join(block.text for block in document.blocks))) and letters < 4 * _SHORT_TEXT:
        raise ProtocolError(f"leere Protokollvorlage (Lücke „{m.group(0)}“): keine Teilnehmenden, keine "
                            "Beschlüsse oder Aufgaben eingetragen – bitte das ausgefüllte Protokoll hochladen",
                            document.source)
    if agenda:
        return
    if len(text) < 300 and (m := _PLACEHOLDER.search(text)):
        raise ProtocolError(f"Seite ohne Protokollinhalt (Platzhalter „{m.group(0)}“): keine Teilnehmenden, "
                            "keine Tagesordnung, keine "
                            "Beschlüsse oder Aufgaben – bitte das fertige Protokoll hochladen, sobald es "
                            "geschrieben ist", document.source)


_LETTERS = re.compile(r"[^\W\d_]")
_REPLY_OR_FORWARD = re.compile(r"(?i)^\s*(?:re|aw|wg|fw|fwd|antw|weitergeleitet)\s*:")


def _sent_invitation(document: Document, text: str) -> bool:
    """A mail that is itself the invitation: its subject, not a reply or a forward, announces the meeting
    ('Einladung Fachgruppe … am 04.03.'), and its text invites and asks for a reply or gives a way in."""
    subject = document.meta.get("subject", "")
    return bool(subject) and not _REPLY_OR_FORWARD.match(subject) and not document.meta.get("cover_note") \
        and bool(_INVITATION_HEAD.search(subject)) and bool(_INVITING.search(text) or _JOIN_BLOCK.search(text))
