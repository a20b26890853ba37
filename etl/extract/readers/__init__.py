"""Protocol files -> `Document`: one reader per format, one block model for all of them.

`read_document` is the only entry point; it checks what every format shares (the file exists, is
not empty, has a supported extension and content of that type) and raises `ProtocolError` with a
German message naming the file for anything it cannot read.

What `Block.line` counts, per format (so a user can find the place):
- .md/.txt: the line in the file as an editor shows it (a form feed starts a page, not a line);
- .docx/.odt: paragraphs (each soft line break one more) and table rows, in document order;
- .pdf: the visual line on `Block.page`, counted top to bottom, running headers and table rows
  included; a block over a page break has `Block.pages`;
- .eml/.msg: the line of the decoded body (or of the attachment that was read instead).

`Document.meta` keys: front matter keys (Markdown); "header"/"footer" (Word/ODT page header and
footer text), "title", "subject", "author", "created" (document properties); for e-mails "from",
"to", "cc", "subject", "date", "greeting", "signature", "cover_note", "forwarded_<header>",
"attachment". None of these is content: recipients, greeting and signature are never participants.
"""

from __future__ import annotations

from pathlib import Path

from etl.extract.document import Document
from etl.parse.errors import ProtocolError

TEXT_SUFFIXES = (".md", ".markdown", ".txt")
SUFFIXES = (*TEXT_SUFFIXES, ".docx", ".pdf", ".odt", ".eml", ".msg")
MAX_FILE_BYTES = 200 * 1024 * 1024


def read_document(path: Path, source: str | None = None) -> Document:
    """The blocks and metadata of one protocol file; `source` is the name used in messages."""
    path = Path(path)
    source = source if source is not None else str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ProtocolError(f"Dateityp „{path.suffix or '(ohne Endung)'}“ wird nicht unterstützt "
                            f"(erlaubt: {', '.join(SUFFIXES)})", source)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ProtocolError(f"Datei ist zu groß ({size // (1024 * 1024)} MB, höchstens "
                                f"{MAX_FILE_BYTES // (1024 * 1024)} MB)", source)
        data = path.read_bytes()
    except FileNotFoundError:
        raise ProtocolError("Datei nicht gefunden", source) from None
    except IsADirectoryError:
        raise ProtocolError("ist ein Ordner, keine Datei", source) from None
    except OSError as exc:
        raise ProtocolError(f"Datei kann nicht gelesen werden ({exc.strerror or exc})", source) from None
    if not data:
        raise ProtocolError("Datei ist leer", source)
    document = _read(path, data, source, suffix)
    if not any(block.text.strip() for block in document.blocks):
        raise ProtocolError("Datei enthält keinen Text", source)
    return document


def _read(path: Path, data: bytes, source: str, suffix: str) -> Document:
    if suffix in TEXT_SUFFIXES:
        from etl.extract.readers.plain import read_text_file

        return read_text_file(data, source, "txt" if suffix == ".txt" else "md")
    if suffix == ".docx":
        from etl.extract.readers.docx import read_docx

        return read_docx(data, source)
    if suffix in (".eml", ".msg"):
        from etl.extract.readers.mail import read_eml, read_msg

        return (read_eml if suffix == ".eml" else read_msg)(data, source, read_document)
    if suffix == ".odt":
        from etl.extract.readers.odt import read_odt

        return read_odt(data, source)
    if suffix == ".pdf":
        from etl.extract.readers.pdf import read_pdf

        return read_pdf(path, data, source)
    raise ProtocolError(f"Dateityp „{path.suffix}“ wird nicht unterstützt", source)  # unreachable: SUFFIXES


__all__ = ["SUFFIXES", "ProtocolError", "read_document"]
