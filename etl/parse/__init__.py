"""Protocol parser: one `etl.extract.document.Document` -> one `ParsedProtocol` (DESIGN.md's JSON contract).

Pure functions over blocks; the readers in `etl.extract.readers` are the only part that touches files.
"""

from etl.parse.model import ParsedProtocol
from etl.parse.protocol import parse_document

__all__ = ["ParsedProtocol", "parse_document"]
