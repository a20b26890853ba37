"""Markdown and plain-text protocols -> blocks.

Both are read by one classifier: people write Markdown-ish text files and text-ish Markdown. Lines
are numbered as an editor shows them (a form feed starts a new page but not a new line).
"""

from __future__ import annotations

import re
from dataclasses import replace

from etl.extract.document import Block, Document
from etl.extract.readers.encoding import decode_text
from etl.extract.readers.frontmatter import split_front_matter
from etl.extract.readers.inline import CONTROL, clean, strip_inline
from etl.extract.readers.labels import is_field_line, is_section_word
from etl.extract.readers.layout import SourceLine, assemble
from etl.extract.readers.running import (
    is_page_number,
    is_version_line,
    page_edges,
    repeated_page_headers,
    repeated_title,
    repeated_version_lines,
)

_NEWLINE = re.compile(r"\r\n|\r|\n")
_RULE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|(?:=\s*){3,})$")
_GRID = re.compile(r"^\s*\+(?:[-=]+\+)+\s*$")
_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")
_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_ATX = re.compile(r"^\s{0,3}(#{1,6})(?:\s+|$)")
# A wiki's or a pad's heading: '== Entscheidungen ==' (MediaWiki, DokuWiki, Etherpad notes).
_WIKI_HEADING = re.compile(r"^(={2,6})\s*(?P<text>[^=\s](?:.*[^=\s])?)\s*\1$")
_CLOSING_HASHES = re.compile(r"\s+#+\s*$")
_PIPE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")
# A footnote under a list of people that says what its stars mean ('*  entschuldigt', '** Gast'): kept as written.
_STAR_NOTE = re.compile(r"(?i)^\*{1,3}\s*[=:)]?\s*(?:als\s+)?(?:entschuldigt|unentschuldigt|abwesend|nicht\s+anwesend"
                        r"|gast|gäste|verhindert|abgesagt|fehlt|anwesend)\s*\.?$")
_BULLET_MARKS = "-*+•·▪◦‣–—"
_BULLET = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+•·▪◦‣–—])[ \t]+(?:\[(?P<check>[ xX✓])\][ \t]+)?")
_NUMBERED = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>\d{1,2}[.)]|[a-h]\)|\(\d{1,2}\)|\([a-h]\))"
                       r"(?:[ \t]+(?=\S)|(?=[A-ZÄÖÜ]))")
_WHOLE_BOLD = re.compile(r"^\s*(?:\*\*|__)(?P<inner>[^*_].{0,150}?)(?:\*\*|__)\s*:?\s*$")
_TOP = re.compile(r"^TOP\s*(?P<no>\d{1,2}[a-z]?)(?:\s*[:.)–—-]\s*|\s+|$)(?P<title>.*)$", re.IGNORECASE)
_SPACED_CELLS = re.compile(r"\S+(?: \S+)*")
_PIECE_BREAK = re.compile(r"  |[^\S ]")  # what separates two of those pieces: two spaces or other whitespace


def read_text_file(data: bytes, source: str, fmt: str) -> Document:
    """A .md/.txt file's bytes -> Document (front matter into `meta` for Markdown)."""
    decoded = decode_text(data, source)
    document = Document(source=source, format=fmt, warnings=list(decoded.warnings))
    document.blocks = text_blocks(decoded.text, document, markdown=fmt == "md")
    return document


def text_blocks(text: str, document: Document | None = None, *, markdown: bool = True,
                first_line: int = 1) -> list[Block]:
    """Blocks of a text (a file, or an e-mail body); front matter goes into `document.meta`."""
    return structure(text_lines(text, document, markdown=markdown, first_line=first_line))


def text_lines(text: str, document: Document | None = None, *, markdown: bool = True,
               first_line: int = 1) -> list[SourceLine]:
    """The classified lines of a text, running headers and page numbers already dropped."""
    raw = _NEWLINE.split(text)
    if raw and raw[-1] == "":
        raw.pop()
    pages: list[int] = []
    page = 0
    lines: list[str] = []
    for line in raw:
        page += line.count("\f")
        pages.append(page)
        lines.append(CONTROL.sub("", line.replace("\f", "").replace("\ufeff", "").rstrip("\n")))
    start = 0
    if markdown:
        meta, start = split_front_matter(lines)
        if document is not None:
            document.meta.update(meta)
    drop = _running_lines(lines, pages, start)
    if document is not None:  # 'Stand: …' / 'Version … vom …' lines are furniture, but kept apart like a header
        kept: list[str] = []
        for i in sorted(drop):
            text = strip_inline(lines[i])
            if is_version_line(text) and text not in kept:
                kept.append(text)
        if kept and "header" not in document.meta:
            document.meta["header"] = "\n".join(kept)
    classified: list[SourceLine] = []
    fenced = False
    for index in range(start, len(lines)):
        raw_line = lines[index]
        number = index + first_line
        if _FENCE.match(raw_line):
            fenced = not fenced
            classified.append(SourceLine("", number, kind="blank"))
            continue
        if index in drop:
            continue
        if fenced:
            text_line = clean(raw_line)
            classified.append(SourceLine(text_line, number, kind="text" if text_line else "blank",
                                         width=len(raw_line)))
            continue
        classify(raw_line, number, classified, markdown=markdown)
    return classified


def structure(lines: list[SourceLine]) -> list[Block]:
    """Blocks from classified lines, after finding the lines that act as headings or table rows."""
    return assemble(_aligned_tables(_acting_headings(lines)))


def drop_running(lines: list[SourceLine]) -> list[SourceLine]:
    """Page numbers, repeated or edge 'Stand:' lines and repeated title lines removed (formats with paragraphs)."""
    texts = [sl.text if sl.kind in ("text", "heading") else "" for sl in lines]
    drop = {i for i, text in enumerate(texts) if text and is_page_number(text)}
    drop |= repeated_version_lines(texts)
    content = [i for i, text in enumerate(texts) if text]
    drop |= {i for i in content[:1] + content[-1:] if is_version_line(texts[i])}
    headings = [sl.kind == "heading" for sl in lines]
    title: list[int] = []
    for i in content[:3]:
        if headings[i] or not title:
            title.append(i)
        if lines[i].field or lines[i].kind != "heading":
            break
    drop |= repeated_title(texts, headings, [i for i in title if not lines[i].field])
    return [sl for i, sl in enumerate(lines) if i not in drop]


def _running_lines(lines: list[str], pages: list[int], start: int) -> set[int]:
    """Indices of page numbers, repeated 'Stand:'/'Version' lines, page-edge repeats and title repeats."""
    drop = {i for i in range(start, len(lines)) if is_page_number(lines[i])}
    drop |= {start + i for i in repeated_version_lines(lines[start:])}
    drop |= {start + i for i in repeated_page_headers(lines[start:])}
    content = [i for i in range(start, len(lines)) if lines[i].strip()]
    # 'Stand: …' / 'Version 2 vom …' as the first or last line: document furniture, not content
    drop |= {i for i in content[:1] + content[-1:] if is_version_line(strip_inline(lines[i]))}
    if pages and pages[-1] > 0:  # form feeds: real pages, judge their edges
        by_page: dict[int, list[int]] = {}
        for i in range(start, len(lines)):
            by_page.setdefault(pages[i], []).append(i)
        groups = list(by_page.values())
        for page, index in page_edges([[lines[i] for i in group] for group in groups]):
            drop.add(groups[page][index])
    # '#' opens every ATX heading, '**'/'__' every bold one: most lines skip both regexes
    texts = [strip_inline(_ATX.sub("", line) if "#" in line else line) if i >= start else ""
             for i, line in enumerate(lines)]
    headings = [bool(("#" in line and _ATX.match(line))
                     or (("**" in line or "__" in line) and _WHOLE_BOLD.match(line))) for line in lines]
    if start < len(lines) - 1:
        for i in range(start + 1, len(lines)):
            if _SETEXT.match(lines[i]) and lines[i - 1].strip():
                headings[i - 1] = True
    drop |= repeated_title(texts, headings, _title_lines(lines, headings, start))
    return drop


def _title_lines(lines: list[str], headings: list[bool], start: int) -> list[int]:
    """The opening title lines (up to three headings or short plain lines before the first field)."""
    title: list[int] = []
    for i in range(start, min(len(lines), start + 20)):
        line = lines[i].strip()
        if not line or _RULE.match(line) or _SETEXT.match(line):
            continue
        plain = strip_inline(_ATX.sub("", line))
        if is_field_line(plain) or "\t" in line or line.startswith("|") or _BULLET.match(line) \
                or (_NUMBERED.match(line) and not headings[i]):
            break
        if headings[i] or (not title and len(plain) <= 100):
            title.append(i)
            if len(title) == 3:
                break
            continue
        break
    return title


def classify(raw: str, number: int, out: list[SourceLine], *, markdown: bool) -> None:
    """Append the SourceLine for one raw line (a setext underline turns the line above into a heading)."""
    width = len(raw.expandtabs(4).rstrip())
    stripped = raw.strip()
    # Every structural pattern below starts with a fixed character after the indentation: testing that
    # first character skips their regexes for the ordinary lines of text.
    first = stripped[:1]
    if not stripped or (first == "<" and _COMMENT.match(raw)):
        out.append(SourceLine("", number, kind="blank"))
        return
    previous = out[-1] if out else None
    if previous is not None and previous.kind == "row" and _PIPE_RULE.match(stripped) and "|" in stripped:
        _mark_header_rows(out)
        return
    if first == "+" and _GRID.match(raw):
        # ASCII table border "+----+----+": invisible; right under the first row it marks the header
        if previous is not None and previous.kind == "row" and (len(out) < 2 or out[-2].kind != "row"):
            out[-1] = replace(previous, header=True)
        return
    if first in "=-" and _SETEXT.match(raw) and previous is not None and previous.kind == "text" \
            and not previous.field and previous.line == number - 1:
        run = 1  # a title framed by rules above and below: all its lines are one heading
        while run < 3 and len(out) > run and out[-run - 1].kind == "text" and out[-run - 1].line == number - run - 1:
            run += 1
        framed = len(out) > run and out[-run - 1].kind == "rule" and out[-run - 1].line == number - run - 1
        if framed:
            for k in range(len(out) - run, len(out)):
                out[k] = replace(out[k], kind="heading", level=1, hard_break=k < len(out) - 1)
            return
        out[-1] = replace(previous, kind="heading", level=1 if "=" in raw else 2)
        return
    if first == "=" and (wiki := _WIKI_HEADING.match(stripped)):
        out.append(SourceLine(strip_inline(wiki.group("text")), number, kind="heading", level=len(wiki.group(1))))
        return
    if first in "-*_=" and _RULE.match(raw):
        out.append(SourceLine("", number, kind="rule"))
        return
    line = _QUOTE.sub("", raw) if markdown and first == ">" else raw
    if "#" in line and (m := _ATX.match(line)):
        text = strip_inline(_CLOSING_HASHES.sub("", line[m.end():]))
        out.append(SourceLine(text, number, kind="heading" if text else "blank", level=len(m.group(1))))
        return
    hard_break = markdown and (raw.endswith("  ") or raw.endswith("\\"))
    if hard_break and raw.endswith("\\"):
        line = line[:-1]
    if cells := _cells(line):
        out.append(SourceLine("\t".join(cells), number, kind="row", cells=cells, width=width))
        return
    if first == "*" and _STAR_NOTE.match(stripped):
        out.append(SourceLine(stripped, number, kind="text", width=width))  # '*  entschuldigt': a footnote, no bullet
        return
    expanded = line.expandtabs(4)
    indent = len(expanded) - len(expanded.lstrip())
    lead = line.lstrip(" \t")[:1]  # a list marker's first character (digits: isdigit covers \d)
    if m := ((_NUMBERED.match(line) if lead.isdigit() or lead in "(abcdefgh" else None)
             or (_BULLET.match(line) if lead in _BULLET_MARKS else None)):
        marker = m.group("marker")
        if m.re is _BULLET and m.group("check"):
            marker = "[x]" if m.group("check") in "xX✓" else "[ ]"
        text = strip_inline(line[m.end():])
        if text:
            out.append(SourceLine(text, number, kind="item", marker=marker, indent=indent,
                                  body_indent=len(line[:m.end()].expandtabs(4)), width=width,
                                  hard_break=hard_break))
            return
    text = strip_inline(line)
    if ("**" in line or "__" in line) and _WHOLE_BOLD.match(line) and not is_field_line(text):
        out.append(SourceLine(text, number, kind="heading", level=6, width=width))
        return
    if ":" in text and (fields := _side_by_side_fields(line)):
        out += [SourceLine(part, number, kind="text", width=width, field=True) for part in fields]
        return
    out.append(SourceLine(text, number, kind="text", indent=indent, width=width, hard_break=hard_break,
                          field=is_field_line(text), spans=spaced_cells(line)))


_WIDE_GAP = re.compile(r"\s{3,}|\t+")


def _side_by_side_fields(line: str) -> list[str] | None:
    """'Datum: 12.03.2025     Zeit: 10 - 12 Uhr     Ort: Kassel': several head fields set side by side
    with wide gaps, one field each (else the place would be read as part of the time)."""
    parts = [strip_inline(part) for part in _WIDE_GAP.split(line.strip()) if part.strip()]
    if len(parts) < 2 or not all(":" in part and is_field_line(part) for part in parts):
        return None
    return parts


def _mark_header_rows(out: list[SourceLine]) -> None:
    """A Markdown separator row (|---|---|) makes the rows directly above it the header."""
    i = len(out) - 1
    while i >= 0 and out[i].kind == "row" and not out[i].header:
        i -= 1
    for j in range(i + 1, len(out)):
        out[j] = replace(out[j], header=True)


def _cells(line: str) -> tuple[str, ...] | None:
    """Cells of a TAB-separated row or a Markdown pipe-table row, else None."""
    stripped = line.strip()
    if "\t" in stripped:
        parts = stripped.split("\t")
    elif stripped.startswith("|") and stripped.count("|") >= 2:
        parts = _split_pipes(stripped[1:-1] if stripped.endswith("|") and not stripped.endswith("\\|")
                             else stripped[1:])
    else:
        return None
    cells = tuple(strip_inline(part) for part in parts)
    if sum(1 for cell in cells if cell) < 2 and "\t" in stripped:
        return None  # TABs used for indentation: an ordinary line
    return cells if any(cells) else None


def _split_pipes(text: str) -> list[str]:
    # An escaped pipe (\|) belongs to the cell.
    return [part.replace("\ue003", "\\|") for part in text.replace("\\|", "\ue003").split("|")]


def _acting_headings(lines: list[SourceLine]) -> list[SourceLine]:
    """Lines that act as headings: the title line, 'TOP 3: …', a lone '1. Begrüßung' over its text."""
    result = list(lines)
    content = [i for i, sl in enumerate(result) if sl.kind != "blank"]
    if content and result[content[0]].kind == "text" and not result[content[0]].field:
        _title(result, content[0])
    for position, i in enumerate(content):
        sl = result[i]
        before = result[i - 1] if i > 0 else None
        after = result[i + 1] if i + 1 < len(result) else None
        following = result[content[position + 1]] if position + 1 < len(content) else None
        if sl.kind == "text" and (m := _TOP.match(sl.text)):
            neighbours = (lines[content[position - 1]] if position > 0 else None, following)
            in_list = any(o is not None and o.kind == "text" and _TOP.match(o.text) for o in neighbours)
            if in_list:
                result[i] = replace(sl, kind="item", marker=f"TOP {m.group('no')}",
                                    text=m.group("title").lstrip(":.–—- ") or sl.text,
                                    body_indent=sl.indent + len(sl.text) - len(m.group("title")))
            else:
                result[i] = replace(sl, kind="heading", level=2)
        elif sl.kind == "item" and sl.marker[:1].isdigit() and sl.indent == 0 and len(sl.text) <= 60 \
                and not sl.text.endswith((".", ",", ";", ":")) and (before is None or before.kind == "blank") \
                and after is not None and after.kind == "blank" and following is not None \
                and following.kind == "text" and not following.field and not _previous_item(result, content,
                                                                                            position):
            result[i] = replace(sl, kind="heading", level=2, text=f"{sl.marker} {sl.text}")
        elif sl.kind == "text" and not sl.field and (_is_caps_heading(sl.text) or is_section_word(sl.text)) and (
                before is None or before.kind == "blank"):
            result[i] = replace(sl, kind="heading", level=2)
    return result


def _title(lines: list[SourceLine], i: int) -> None:
    """The first line is the title when it stands alone (or over a '(…)' line); a lower-case line
    right under it continues it."""
    first = lines[i]

    def ends_title(sl: SourceLine | None) -> bool:
        return sl is None or sl.kind in ("blank", "rule") or sl.field or (
            sl.kind == "text" and sl.text.startswith("(") and sl.text.endswith(")"))

    if len(first.text) > 100 or first.text.endswith((".", ",")) or first.text[:1].islower():
        return  # a title starts like one and is not a sentence
    after = lines[i + 1] if i + 1 < len(lines) else None
    if ends_title(after):
        lines[i] = replace(first, kind="heading", level=1)
    elif after is not None and after.kind == "text" and after.text[:1].islower() and len(after.text) <= 100 \
            and ends_title(lines[i + 2] if i + 2 < len(lines) else None):
        lines[i] = replace(first, kind="heading", level=1, hard_break=True)
        lines[i + 1] = replace(after, kind="heading", level=1)


def _previous_item(lines: list[SourceLine], content: list[int], position: int) -> bool:
    """True when the content line before is a numbered list item (then this is the list's next item)."""
    if position == 0:
        return False
    previous = lines[content[position - 1]]
    return previous.kind == "item" and previous.marker[:1].isdigit()


def _is_caps_heading(text: str) -> bool:
    """'TAGESORDNUNG UND BESCHLÜSSE': at least eight letters, all capitals (checked cheaply first)."""
    return len(text) <= 60 and text.isupper() and sum(c.isalpha() for c in text) >= 8


def _aligned_tables(lines: list[SourceLine]) -> list[SourceLine]:
    """Runs of ≥3 text lines whose words stand in the same ≥2 columns (space-aligned) become rows."""
    result = list(lines)
    i = 0
    while i < len(result):
        j = i
        while j < len(result) and result[j].kind == "text" and not result[j].field and result[j].spans:
            j += 1
        if j - i >= 3 and (rows := align_columns([result[k].spans for k in range(i, j)])) is not None:
            for k, cells in zip(range(i, j), rows, strict=True):
                result[k] = replace(result[k], kind="row", cells=cells)
        i = max(j, i + 1)
    return result


def spaced_cells(line: str) -> tuple[tuple[int, str], ...]:
    """(column, text) of the pieces of a line separated by runs of ≥2 spaces, when there are ≥2."""
    expanded = line.expandtabs(4)
    if not _PIECE_BREAK.search(expanded.strip()):
        return ()  # words only ever one space apart: one piece, the ordinary line of text
    pieces = tuple((m.start(), strip_inline(m.group())) for m in _SPACED_CELLS.finditer(expanded))
    return pieces if len(pieces) >= 2 else ()


def align_columns(lines: list[tuple[tuple[int, str], ...]], minimum: int | None = None
                  ) -> list[tuple[str, ...]] | None:
    """Cells per line when every piece starts in one of ≥2 shared columns (±2), each column mostly filled
    (in at least `minimum` lines; default: half of them, at least 2)."""
    clusters: list[list[int]] = []  # [first start, last start]
    for start in sorted(s for pieces in lines for s, _ in pieces):
        if clusters and start - clusters[-1][1] <= 2:
            clusters[-1][1] = start
        else:
            clusters.append([start, start])
    if len(clusters) < 2 or any(last - first > 3 for first, last in clusters):
        return None
    rows: list[tuple[str, ...]] = []
    for pieces in lines:
        cells = [""] * len(clusters)
        for start, text in pieces:
            column = next(k for k, (first, last) in enumerate(clusters) if first <= start <= last)
            if cells[column]:
                return None
            cells[column] = text
        rows.append(tuple(cells))
    needed = minimum if minimum is not None else max(2, (len(rows) + 1) // 2)
    if any(sum(1 for row in rows if row[k]) < needed for k in range(len(clusters))):
        return None
    return rows
