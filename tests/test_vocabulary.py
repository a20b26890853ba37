"""The vocabulary is complete: status words, their German labels, group kinds and roles are written once, in vocab/.

Read from the source with `ast`: every string literal in analysis/, ui/, pages/ and app.py is checked,
including SQL text (a quoted 'present' inside a query) and the parts of f-strings. Code names statuses
through `vocab.terms` (PRESENT, ATTENDED, ATTENDANCE_LABELS, FACT_LABELS …) and passes them to SQL as
parameters, so a status or its label changes in one place.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from etl.build.schema import ACCEPTED_VALUES, TABLES
from vocab.terms import (
    ATTENDANCE_LABELS,
    ATTENDANCE_STATUSES,
    EVENT_KINDS,
    FORMAT_LABELS,
    GROUP_KINDS,
    HEATMAP_LABELS,
    MEETING_FORMATS,
    MEMBER_ROLES,
)

ROOT = Path(__file__).resolve().parents[1]
STATUS_WORDS = frozenset({*ATTENDANCE_STATUSES, *ATTENDANCE_LABELS.values(), *HEATMAP_LABELS.values(), "abwesend"})
# In SQL text also the group kinds and membership roles: they are passed as parameters from vocab.terms.
QUOTED = re.compile("'(" + "|".join(map(re.escape, sorted({*STATUS_WORDS, *GROUP_KINDS, *MEMBER_ROLES}))) + ")'")


def _sources() -> list[Path]:
    return [*(p for folder in ("analysis", "ui", "pages") for p in sorted((ROOT / folder).rglob("*.py"))),
            ROOT / "app.py"]


def _column_lists(tree: ast.AST) -> set[int]:
    """Ids of the string constants that name DataFrame columns: elements of a list or tuple of strings that
    is not only status words (["meetings", "attended", "excused"] names count columns, not statuses)."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.List, ast.Tuple)) and node.elts and all(
                isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
            values = [e.value for e in node.elts if isinstance(e, ast.Constant)]
            if not all(v in STATUS_WORDS for v in values):
                out |= {id(e) for e in node.elts}
    return out


def _status_literals(path: Path, root: Path = ROOT) -> list[str]:
    """'file:line' of every string literal in `path` that is a status word or quotes one (SQL)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    columns = _column_lists(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in columns:
            if node.value.strip() in STATUS_WORDS or QUOTED.search(node.value):
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_no_status_word_is_typed_outside_vocab():
    assert [hit for path in _sources() for hit in _status_literals(path)] == []


def test_the_check_finds_a_status_in_sql_and_as_a_label(tmp_path: Path):
    sample = tmp_path / "sample.py"
    sample.write_text('SQL = "SELECT 1 FROM attendance WHERE status = \'guest\'"\nLABEL = {"absent": "fehlt"}\n'
                      'OK = f"Anwesenheit je Gruppe {LABEL}"\nWORD = f"{SQL}" + " Gast "\n'
                      'COLUMNS = ["meetings", "attended", "excused"]\nSTATUSES = ("present", "guest")\n',
                      encoding="utf-8")
    assert sorted(_status_literals(sample, tmp_path)) == ["sample.py:1", "sample.py:2", "sample.py:2",
                                                          "sample.py:4", "sample.py:6", "sample.py:6"]


def test_the_schema_accepts_exactly_the_vocabulary():
    assert ACCEPTED_VALUES == {("groups", "kind"): GROUP_KINDS, ("memberships", "role"): MEMBER_ROLES,
                               ("attendance", "status"): ATTENDANCE_STATUSES, ("meetings", "format"): MEETING_FORMATS,
                               ("project_events", "kind"): EVENT_KINDS}
    checks = "CHECK (status IN ('present', 'excused', 'absent', 'guest'))"
    assert checks in " ".join(TABLES["attendance"].split())


def test_one_label_per_meeting_format_and_status():
    assert FORMAT_LABELS["in_person"] == "vor Ort"
    assert ATTENDANCE_LABELS["absent"] == HEATMAP_LABELS["missing"] == "fehlt"


# --- one German number format ------------------------------------------------------------------------------

def test_numbers_read_german_everywhere():
    from analysis.charts import layout
    from ui.format import german_number as page_number
    from vocab.formats import german_number, german_percent

    assert page_number is german_number  # one formatter: pages, charts, report and CLI
    assert [german_number(0.3593, decimals=4), german_number(1234567), german_number(-2, signed=True),
            german_number(3, signed=True), german_number(-0.0001, decimals=2)] == [
        "0,3593", "1.234.567", "-2", "+3", "0,00"]
    assert [german_percent(0.357), german_percent(None), german_percent(1)] == ["36 %", "–", "100 %"]
    import plotly.graph_objects as go

    assert layout(go.Figure()).layout.separators == ",."  # axis ticks and tooltips: 0,5 and 1.000


def test_a_table_of_numbers_keeps_sorting_by_value_but_reads_german():
    import pandas as pd

    from ui.format import german_table

    styled = german_table(pd.DataFrame({"Vermittlung": [0.35934, 1234.5], "Name": ["a", "b"]}), {"Vermittlung": 3})
    html = styled.to_html()
    assert ">0,359<" in html and ">1.234,500<" in html
    assert styled.data["Vermittlung"].tolist() == [0.35934, 1234.5]


def test_a_german_table_sends_streamlit_what_a_plain_styler_would():
    """german_table answers st.dataframe's call with only what Streamlit reads (ui.format): the
    cells Streamlit shows are those of pandas' full Styler, for text, gaps, whole and decimal numbers, truth values."""
    import pandas as pd
    import pyarrow as pa
    from streamlit.elements.lib.pandas_styler_utils import marshall_styler
    from streamlit.proto.ArrowData_pb2 import ArrowData

    from ui.format import german_table
    from vocab.formats import STYLER_FORMAT

    frame = pd.DataFrame({"Organisation": ["Bäckerei Ölmann", "Maurer-Innung", "Dach & Co"],
                          "Region": ["Bayern", None, "Hessen"], "Sitzungen": [3, 1234, 0],
                          "Gewichteter Grad": [36.0, float("nan"), 1234.5], "Vermittlung": [0.35934, 0.0, None],
                          "Anteil": [0.5, 1 / 3, 2.0], "Ohne Verbindung": [False, True, False]})
    decimals = {"Vermittlung": 3, "Gewichteter Grad": 2}

    def sent(styler) -> tuple[pd.DataFrame, str]:
        proto = ArrowData()
        marshall_styler(proto, styler, "t")
        return pa.ipc.open_stream(proto.styler.display_values).read_all().to_pandas(), proto.styler.styles

    plain = frame.style.format({c: f"{{:,.{p}f}}" for c, p in decimals.items()}, decimal=STYLER_FORMAT["decimal"],
                               thousands=STYLER_FORMAT["thousands"], na_rep="–")
    styled = german_table(frame, decimals)
    assert type(styled) is type(plain)  # Streamlit takes a Styler by its exact type
    assert "0,359" in styled.to_html()
    shown, styles = sent(styled)
    expected, expected_styles = sent(plain)
    assert shown.equals(expected) and styles == expected_styles == ""
    assert shown.loc[1].tolist() == ["Maurer-Innung", "–", "1.234", "–", "0,000", "0,333333", "True"]
