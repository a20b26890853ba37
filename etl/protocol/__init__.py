"""Protocol parser: protocol files (.md, .txt, .docx, .pdf) -> one JSON-like dict per meeting.

`extract.read_lines` is the only part that touches files; everything else is pure.
"""

from etl.protocol.errors import ProtocolError

__all__ = ["ProtocolError"]
