"""RTF protocols (WordPad, Word "Rich Text") -> blocks: paragraphs, umlauts, tables with multi-line cells."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.core.errors import ProtocolError
from etl.extract.readers import read_document

# As word processors write it: a space (or line break) ends every control word before text.
RTF = (r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Arial;}}"
       r"\pard\b\fs28 Protokoll der AG Transfer\b0\fs22\par "
       r"Datum: 18.06.2025\par "
       r"Ort: Gesch\'e4ftsstelle, Raum 2\par\par "
       r"Teilnehmende:\par "
       r"\trowd\cellx3000\cellx6000\cellx8000\intbl Name\cell Organisation\cell Status\cell\row"
       r"\trowd\cellx3000\cellx6000\cellx8000\intbl Dr. Wiebke S\u246?rensen\par (Vorsitz)\cell IHK\cell "
       r"anwesend\cell\row"
       r"\trowd\cellx3000\cellx6000\cellx8000\intbl Malte Brodersen\cell HWK\cell entschuldigt\cell\row"
       r"\pard\par Beschluss: Der Jahresbericht wird angenommen.\par}")


def test_rtf_paragraphs_and_table(tmp_path: Path) -> None:
    path = tmp_path / "protokoll.rtf"
    path.write_text(RTF, encoding="ascii")
    document = read_document(path, source="protokoll.rtf")
    assert document.format == "rtf"
    assert [(b.kind, b.text, b.line, b.header_rows) for b in document.blocks] == [
        ("heading", "Protokoll der AG Transfer", 1, 0),
        ("paragraph", "Datum: 18.06.2025", 2, 0),
        ("paragraph", "Ort: Geschäftsstelle, Raum 2", 3, 0),
        ("paragraph", "Teilnehmende:", 5, 0),
        ("table", "Name | Organisation | Status\nDr. Wiebke Sörensen / (Vorsitz) | IHK | anwesend\n"
                  "Malte Brodersen | HWK | entschuldigt", 6, 1),
        ("paragraph", "Beschluss: Der Jahresbericht wird angenommen.", 10, 0),
    ]
    assert document.blocks[4].rows[1] == ("Dr. Wiebke Sörensen\n(Vorsitz)", "IHK", "anwesend")


def test_text_with_rtf_suffix_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.rtf"
    path.write_text("Protokoll\nDatum: 01.02.2025\n", encoding="utf-8")
    with pytest.raises(ProtocolError) as info:
        read_document(path, source="p.rtf")
    assert str(info.value) == "p.rtf: keine gültige RTF-Datei: Inhalt ist kein RTF (beginnt nicht mit „{\\rtf“)"
