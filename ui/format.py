"""Text as pages show it: German dates and numbers (vocab.formats), the period caption, file names, names
hidden on request."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler

from analysis import downloads, pseudonymise
from analysis.tables import plain_markdown
from ui.data import data
from ui.guard import Filters, names_hidden
from vocab.formats import STYLER_FORMAT
from vocab.formats import german_number as german_number
from vocab.periods import LOCAL_TIME_NOTE as LOCAL_TIME_NOTE
from vocab.periods import german_date
from vocab.periods import local_time as local_time
from vocab.terms import ACTIVE, FADING, INACTIVE


def de(iso: object) -> str:
    """An ISO date as 'TT.MM.JJJJ' for page texts ('–' when missing)."""
    return german_date(iso) or "–"


# Status marks that need no emoji font (Debian's Chromium showed 🔴🟡🟢 as empty boxes): Material icons in
# the app's own font, coloured, for Markdown and metric labels; coloured words in tables.
LIGHT_MARKS = {"green": ":green[:material/check_circle:]", "yellow": ":orange[:material/help:]",
               "red": ":red[:material/cancel:]"}
ACTIVITY_MARKS = {ACTIVE: ":green[:material/check_circle:]", FADING: ":orange[:material/trending_down:]",
                  INACTIVE: ":red[:material/cancel:]"}
WORD_COLOURS = {"erfüllt": "#1b7a2f", "prüfen": "#a15c00", "nicht erfüllt": "#b71c1c", "aktiv": "#1b7a2f",
                "nachlassend": "#a15c00", "inaktiv": "#b71c1c"}


def coloured(frame: pd.DataFrame, *columns: str) -> Styler:
    """The table with the status words in `columns` in their colour and bold (st.dataframe shows a Styler)."""
    def style(value: object) -> str:
        colour = WORD_COLOURS.get(str(value))
        return f"color: {colour}; font-weight: 600" if colour else ""

    return frame.style.map(style, subset=[c for c in columns if c in frame.columns])


def filled(frame: pd.DataFrame, dates: Sequence[str] = ()) -> pd.DataFrame:
    """A copy for display where no cell reads "None"/"nan": missing values become "–".

    Columns with a gap become text (numbers in German format); `dates` (datetime columns shown with
    DATE_COLUMN) are left alone, the table shows their gaps empty.
    """
    out = frame.copy()
    for column in out.columns:
        if column in dates or not out[column].isna().any():
            continue
        values = out[column]
        if pd.api.types.is_bool_dtype(values):
            continue
        if pd.api.types.is_numeric_dtype(values):
            out[column] = [("–" if pd.isna(v) else german_number(v, decimals=0 if float(v).is_integer() else 1))
                           for v in values]
        else:
            out[column] = values.astype(object).where(values.notna(), "–")
    return out


def _cells_for_streamlit(styler: Styler, formatted: set[str]) -> None:
    """Make `styler` cheap for st.dataframe to send: its `_translate` answers Streamlit's call with only what
    Streamlit reads.

    st.dataframe (streamlit.elements.lib.pandas_styler_utils.marshall_styler) calls `_translate(False, False)`
    and reads from it only the cells' ids and display values, "cellstyle" and "table_styles". pandas builds the
    whole HTML model there, every cell's classes and attributes: 0.14 s of CPU for the Partnernetz's table of
    1,430 organisations, on every step of its time slider (0.06 s this way). The values are formatted by the
    functions `format` set; text columns without gaps are left out (Streamlit starts from every cell as
    str(value), which is what they show). pandas' own renderers (to_html …, which pass more arguments) get the
    full model, and so does a table given styles (`map`, `apply` …) or hidden rows. Set on the instance, not in a
    subclass: Streamlit recognises a Styler by its exact type. tests/test_vocabulary.py compares what Streamlit
    sends with what it sends for a plain Styler.
    """
    state: Any = styler  # pandas' private state, which the stubs do not name
    full = state._translate
    frame: pd.DataFrame = state.data

    def translate(sparse_index: bool, sparse_cols: bool, *rest: object, **kwargs: object) -> dict:
        if (rest or kwargs or state._todo or state.table_styles or state.hidden_rows or state.hidden_columns
                or not frame.columns.is_unique):
            return dict(full(sparse_index, sparse_cols, *rest, **kwargs))
        shown = state._display_funcs
        rows: list[list[dict]] = [[] for _ in range(len(frame))]
        for c, column in enumerate(frame.columns):
            values = frame.iloc[:, c]
            if column not in formatted and pd.api.types.is_string_dtype(values) and not values.isna().any():
                continue
            for r, value in enumerate(values.tolist()):
                rows[r].append({"id": f"row{r}_col{c}", "display_value": shown[(r, c)](value)})
        return {"body": rows, "cellstyle": [], "table_styles": []}

    state._translate = translate


def german_table(frame: pd.DataFrame, decimals: dict[str, int]) -> Styler:
    """The table with the number columns in `decimals` shown in German format (still sorted as numbers)."""
    shown = {column: places for column, places in decimals.items() if column in frame.columns}
    styler = frame.style.format({c: f"{{:,.{places}f}}" for c, places in shown.items()},
                                decimal=STYLER_FORMAT["decimal"], thousands=STYLER_FORMAT["thousands"], na_rep="–")
    _cells_for_streamlit(styler, set(shown))
    return styler


def entries(count: int, one: str = "Eintrag", many: str = "Einträge") -> str:
    """'1 Eintrag' / '2 Einträge' (German number format)."""
    return f"{german_number(count)} {one if count == 1 else many}"


def period_caption(f: Filters) -> str:
    """'Zeitraum: … · Gruppe' as markdown for st.caption: the group name (data) is escaped."""
    scope = plain_markdown(f.group_name) if f.group_name else "alle Gruppen"
    return f"Zeitraum: {f.period.label} ({de(f.period.start)} – {de(f.period.end)}) · {scope}"


def file_stem(*parts: object) -> str:
    """A safe file name stem from a title and the filter scope, e.g. 'beteiligung_fachgruppe-handwerk_2024'."""
    return downloads.file_stem(*parts)


def scope_stem(title: str, f: Filters) -> str:
    """File stem for a download on a page: title, group (or 'alle-gruppen') and period."""
    return downloads.file_stem(title, f.group_name or "alle Gruppen", f.period.start, f.period.end)


def hide(df: pd.DataFrame, persons: Sequence[str] = (), texts: Sequence[str] = (), ids: Sequence[str] = (),
         hidden: bool | None = None, surnames: bool = False, files: Sequence[str] = ()) -> pd.DataFrame:
    """`df` as it is when names are shown, else a pseudonymised copy (the cached frame is never changed).

    persons: columns holding a person's name; texts: free text that may name people; ids: person ids.
    """
    if not (names_hidden() if hidden is None else hidden):
        return df
    # Source file names are checked always: a protocol file may be named after a person.
    return data(pseudonymise.pseudonyms).frame(df, persons=persons, texts=texts, ids=ids, surnames=surnames,
                                               files=(*files, "source_file", "file"))


def hide_file(path: object, hidden: bool | None = None) -> object:
    """One file path with a person's name in it hidden when names are hidden."""
    if not (names_hidden() if hidden is None else hidden):
        return path
    return data(pseudonymise.pseudonyms).file_name(path)


def hide_text(text: object, hidden: bool | None = None) -> object:
    """One free text with names replaced when names are hidden."""
    if not (names_hidden() if hidden is None else hidden):
        return text
    return data(pseudonymise.pseudonyms).text(text)


def protocol_key(source_file: object) -> str:
    """The opaque key that names a protocol in a URL (`protokoll=`): its file name may hold a person's name."""
    return "d-" + hashlib.sha256(f"netzwerkradar-protokoll:{source_file}".encode()).hexdigest()[:10]
