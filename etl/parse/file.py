"""The parser's one edge: read a protocol file with the readers, then parse its blocks."""

from __future__ import annotations

from pathlib import Path

from etl.core.errors import ProtocolError
from etl.core.registry import KnownPeople, Registry
from etl.extract.readers import read_document
from etl.parse.model import ParsedProtocol
from etl.parse.protocol import parse_document


def parse_file(path: Path, source: str | None = None, *, groups: Registry | None = None,
               organisations: Registry | None = None, projects: Registry | None = None,
               folder_hint: str | None = None, people: KnownPeople | None = None) -> ParsedProtocol:
    """Read and parse one protocol file; the folder name serves as group hint. Raises ProtocolError."""
    path = Path(path)
    shown = source or str(path)
    try:
        document = read_document(path, shown)
    except ProtocolError as exc:
        raise ProtocolError(exc.message, shown, exc.line) from None
    hint = folder_hint if folder_hint is not None else path.parent.name
    return parse_document(document, groups=groups, organisations=organisations, projects=projects,
                          folder_hint=hint, people=people)
