"""Shared helper for the reader tests: a block as one comparable tuple."""

from __future__ import annotations

from typing import Any

from etl.extract.document import Block


def shape(block: Block) -> tuple[Any, ...]:
    """(kind, text, line, page, level, marker, lines, rows, header_rows) — everything a reader decides."""
    return (block.kind, block.text, block.line, block.page, block.level, block.marker, block.lines,
            block.rows, block.header_rows)


def shapes(blocks: list[Block]) -> list[tuple[Any, ...]]:
    return [shape(block) for block in blocks]
