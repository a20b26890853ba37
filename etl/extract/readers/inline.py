"""Inline markup -> plain text: the parser matches words, never `**`, links or escapes."""

from __future__ import annotations

import re
from functools import lru_cache

_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
# Escaped characters hide in private-use code points while emphasis markers are removed.
_HIDE = {"*": "\ue000", "_": "\ue001", "#": "\ue002", "|": "\ue003", "-": "\ue004", "+": "\ue005"}
_UNHIDE = str.maketrans({v: k for k, v in _HIDE.items()})
_IMAGE = re.compile(r"!\[([^\]]{0,200})\]\([^)]{0,500}\)")
_LINK = re.compile(r"\[([^\]]{0,300})\]\([^)]{0,500}\)")
# Note apps (Obsidian, Logseq): '[[Anna Berg]]', '[[Personen/Anna Berg|Anna]]', '@Anna Berg', '> [!note] Titel'
# A link's target names the note (the person's full name); its alias is how the text shortens it.
_WIKILINK = re.compile(r"\[\[([^\]|#]{0,300})(?:#[^\]|]{0,300})?(?:\|[^\]]{0,300})?\]\]")
_MENTION = re.compile(r"(?<![\w.@])@(?=[A-ZÄÖÜ])")
# '@Hanna Ertl @Ali Haddad': mentions one after another are a list; the '@' that parts them becomes a comma
# (a line of such mentions that ends in one goes on in the next line: 'Dabei: @A B @C D' / '@E F, …')
_MENTION_RUN = re.compile(r"(?<![\w.@])(@[A-ZÄÖÜ][\w'’-]*(?:\s+[A-ZÄÖÜ][\w'’-]*){0,2})\s+(?=@[A-ZÄÖÜ])")
_MENTION_LAST = re.compile(r",\s*@[A-ZÄÖÜ][\w'’-]*(?:\s+[A-ZÄÖÜ][\w'’-]*){0,2}\s*$")
_CALLOUT = re.compile(r"^\[![\w-]{1,30}\][+-]?\s*")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]{1,500})>")
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,10}(?:\s[^<>]{0,200})?/?>")
_STRUCK = re.compile(r"~~(?=\S)([^~\n]{1,80}?)(?<=\S)~~")
_STRONG = re.compile(r"\*\*|__|~~|`")
_EM_OPEN = re.compile(r"(?<![\w*])[*_](?=\S)")
_EM_CLOSE = re.compile(r"(?<=\S)[*_](?![\w*])")
# 'Olufemi Adeyemi*', 'Tim Vogt**' with no star opening an emphasis anywhere: a footnote mark, kept.
_STAR_OPEN = re.compile(r"(?<![\w*])\*{1,2}(?=[^\s*])")
_FOOTNOTE_STARS = re.compile(r"(?<=[\w.)])\*{1,3}(?=\s|$|[,;:|])")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
# Control characters other than TAB/LF never belong in protocol text (broken extractions, binary data).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b\ufeff]")


# A character without which no markup above can match: most lines have none and only need `clean`.
_MARKUP = re.compile(r"[\[@\\<*_~`]")


# Pure and memoised: a reader strips the same line several times (running headers, title, class, cells),
# and page headers and labels repeat across a build's files.
@lru_cache(maxsize=1 << 14)
def strip_inline(text: str) -> str:
    """Remove emphasis, links, tags and escapes from one piece of Markdown text; fold spaces."""
    if not _MARKUP.search(text):
        return clean(text)
    if text.count("@") > 1:
        text = _MENTION_RUN.sub(r"\1, ", text)
        if _MENTION_LAST.search(text):
            text = text.rstrip() + ","
    text = _CALLOUT.sub("", _MENTION.sub("", _WIKILINK.sub(lambda m: m.group(1).rsplit("/", 1)[-1], text)))
    text = _ESCAPED.sub(lambda m: _HIDE.get(m.group(1), m.group(1)), text)
    if "*" in text and not _STAR_OPEN.search(text):
        text = _FOOTNOTE_STARS.sub(lambda m: m.group(0).replace("*", _HIDE["*"]), text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    if "~~" in text:
        text = _STRUCK.sub(r"\1 (durchgestrichen)", text)  # '~~Anna Berg~~' struck from a list: did not come
    text = _STRONG.sub("", text)
    text = _EM_OPEN.sub("", text)
    text = _EM_CLOSE.sub("", text)
    text = text.translate(_UNHIDE)
    return clean(text)


@lru_cache(maxsize=1 << 14)
def clean(text: str) -> str:
    """Plain text as the parser wants it: no control characters, one space between words."""
    return _SPACES.sub(" ", CONTROL.sub("", text)).strip()
