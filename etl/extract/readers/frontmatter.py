"""YAML front matter of a Markdown protocol ("---" … "---") -> flat metadata, without a YAML library.

Protocols use it for simple fields (datum, gremium, ort, teilnehmende as a list); nested structures
are flattened to "a, b" strings. Keys become lower-case; quotes around values are removed.
"""

from __future__ import annotations

import re

_KEY = re.compile(r"^([A-Za-zÄÖÜäöüß][\wÄÖÜäöüß .-]{0,60}?)\s*:\s*(.*)$")
_ITEM = re.compile(r"^\s+-\s+(.*)$|^-\s+(.*)$")
MAX_LINES = 200


def split_front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    """(metadata, number of lines it used) when `lines` opens with front matter, else ({}, 0)."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    for end in range(1, min(len(lines), MAX_LINES)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return {}, 0
    body = lines[1:end]
    if not body or not any(_KEY.match(line) for line in body):
        return {}, 0  # a horizontal rule at the top, not front matter
    return _parse(body), end + 1


def _parse(body: list[str]) -> dict[str, str]:
    meta: dict[str, str] = {}
    current: str | None = None
    items: list[str] = []

    def flush() -> None:
        if current is not None and items:
            meta[current] = ", ".join(items)

    for line in body:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if (m := _ITEM.match(line)) and current is not None:
            items.append(_scalar(m.group(1) or m.group(2) or ""))
            continue
        if line[:1].isspace() and current is not None:
            value = _scalar(line)
            meta[current] = f"{meta[current]} {value}".strip() if meta.get(current) else value
            continue
        if m := _KEY.match(line):
            flush()
            current, items = m.group(1).strip().lower(), []
            value = m.group(2).strip()
            if value.startswith("[") and value.endswith("]"):
                meta[current] = ", ".join(_scalar(v) for v in value[1:-1].split(",") if v.strip())
            elif value not in ("|", ">", ""):
                meta[current] = _scalar(value)
    flush()
    return meta


def _scalar(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return value.strip()
