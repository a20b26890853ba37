"""Property tests of the master-data loader: any input is loaded or rejected, never a crash.

For every input the build either stops with the project's own BuildError (fatal, German message)
or finishes, and then every row read is either loaded or in `rejects` (read = loaded + rejected).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.build.pipeline import build
from etl.core.errors import BuildError
from tests.conftest import rows

CELL = st.text(alphabet=st.sampled_from(list("abcÄöüß -.;,\"|\t0123456789:/()<>&$\\'") + ["\n", "\r", "€"]),
               max_size=14)
ROW = st.lists(CELL, min_size=0, max_size=7)
# 60 examples per test in `make test`; `make check` runs fewer (LOADER_FUZZ_EXAMPLES), as it does for the parser's.
SETTINGS = settings(max_examples=int(os.environ.get("LOADER_FUZZ_EXAMPLES", "60")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _csv(header: list[str], body: list[list[str]], sep: str) -> str:
    return "\n".join(sep.join(line) for line in [header, *body]) + "\n"


def _check(source: Path) -> None:
    with tempfile.TemporaryDirectory() as out:
        db = Path(out) / "x.db"
        try:
            result = build(source, db)
        except BuildError as exc:
            assert str(exc)  # a German message naming the path
            assert not db.exists()
            return
        for file, counts in result.per_file.items():
            assert counts["read"] == counts["loaded"] + counts["rejected"], file
        stored = rows(db, "SELECT COUNT(*) FROM rejects WHERE run_id = ? AND reason NOT LIKE 'Datenprüfung%'",
                      (result.run_id,))[0][0]
        row_rejects = sum(c["rejected"] for c in result.per_file.values())
        assert stored >= row_rejects  # fact-level rejects (aliases, parents) may come on top


@SETTINGS
@given(body=st.lists(ROW, max_size=6), sep=st.sampled_from([",", ";", "\t"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_any_organisations_csv_is_loaded_or_rejected(body, sep, encoding):
    text = _csv(["name", "short_name", "type", "aliases", "partner_since"], body, sep)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder)
        (source / "organisations.csv").write_bytes(text.encode(encoding, errors="replace"))
        _check(source)


@SETTINGS
@given(orgs=st.lists(ROW, max_size=4), attendance=st.lists(ROW, max_size=6), people=st.lists(ROW, max_size=4))
def test_references_between_files_are_loaded_or_rejected(orgs, attendance, people):
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder)
        (source / "organisations.csv").write_text(_csv(["name", "short_name"], [["HWK Test", "HT"], *orgs], ","))
        (source / "people.csv").write_text(_csv(["name", "title", "organisation"], people, ","))
        (source / "groups.csv").write_text("name,kind\nFachgruppe Test,fachgruppe\n")
        (source / "attendance.csv").write_text(
            _csv(["group", "date", "person", "organisation", "status"], attendance, ";"))
        _check(source)


@SETTINGS
@given(data=st.binary(max_size=400), name=st.sampled_from(["organisations.csv", "netzwerk.xlsx"]))
def test_arbitrary_bytes_never_crash_the_build(data, name):
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder)
        (source / name).write_bytes(data)
        if name.endswith(".xlsx"):
            (source / "organisations.csv").write_text("name\nHWK Test\n")
        _check(source)
