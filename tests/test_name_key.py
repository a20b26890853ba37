"""name_key: the one folding under which spellings of a name meet (ids of organisations, people, groups)."""

import pytest

from vocab.keys import name_key


@pytest.mark.parametrize(("text", "key"), [
    ("  Müller-Lüdenscheidt & Söhne GmbH ", "mueller-luedenscheidt-soehne-gmbh"),
    ("ÄRZTEKAMMER Straße", "aerztekammer-strasse"),
    ("B-A-u-A", "b-a-u-a"),
    ("BAuA", "baua"),
    ("Éva Núñez", "eva-nunez"),  # accents decompose and fall away
    ("Łukasz Øberg", "ukasz-berg"),  # letters without an ASCII base are dropped, as always
    ("Gemeinde\u00a0Nordheide (Süd)", "gemeinde-nordheide-sued"),
    ("---", ""),
    ("", ""),
    (None, ""),
])
def test_spellings_meet_at_one_key(text, key):
    assert name_key(text) == key
