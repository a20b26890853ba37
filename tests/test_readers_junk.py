"""Any bytes under any protocol extension: a Document or one German ProtocolError naming the file, nothing else."""

from __future__ import annotations

import io
from email.message import EmailMessage
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.core.errors import ProtocolError
from etl.extract.readers import SUFFIXES, read_document
from tests.fixtures.readers.make_pdfs import protocol_pdf


def _outcome(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    try:
        document = read_document(path, source=path.name)
    except ProtocolError as exc:
        assert str(exc).startswith(f"{path.name}: ") and exc.message, exc
        assert not exc.internal
        return "refused"
    assert all(block.text.strip() or block.rows for block in document.blocks)
    return "read"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(min_size=1, max_size=600), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    _outcome(tmp_path / f"zufall{suffix}", data)


def _docx() -> bytes:
    document = docx.Document()
    document.add_heading("Protokoll", level=1)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Name", "Organisation"
    table.cell(1, 0).text, table.cell(1, 1).text = "Anna Becker", "BAuA"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _eml() -> bytes:
    message = EmailMessage()
    message["From"] = "a@example.org"
    message["Subject"] = "Protokoll"
    message.set_content("Hallo,\n\nDatum: 01.02.2024\nTeilnehmende: Anna Becker (BAuA)\n\nGruß\nAnna\n")
    return bytes(message)


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    pdf = tmp_path_factory.mktemp("junk") / "p.pdf"
    protocol_pdf(pdf)
    return {".docx": _docx(), ".pdf": pdf.read_bytes(), ".eml": _eml(),
            ".md": b"# Protokoll\n\n| Name | Org |\n|---|---|\n| Anna | BAuA |\n"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(suffix=st.sampled_from([".docx", ".pdf", ".eml", ".md"]), cut=st.floats(0.0, 1.0),
       flip=st.integers(0, 2**31), noise=st.binary(max_size=20))
def test_damaged_files(tmp_path: Path, samples: dict[str, bytes], suffix: str, cut: float, flip: int,
                       noise: bytes) -> None:
    """Truncated files and files with a few bytes overwritten are read or refused, never crash."""
    data = bytearray(samples[suffix][: max(1, int(len(samples[suffix]) * cut))])
    position = flip % len(data)
    data[position:position + len(noise)] = noise
    _outcome(tmp_path / f"beschaedigt{suffix}", bytes(data) or b"x")
