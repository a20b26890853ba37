"""Text as pages show it: German dates, the period caption, file names, names hidden on request."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis import downloads, pseudonymise
from analysis.tables import plain_markdown
from ui.data import data
from ui.guard import Filters, names_hidden
from vocab.periods import german_date


def de(iso: object) -> str:
    """An ISO date as 'TT.MM.JJJJ' for page texts ('–' when missing)."""
    return german_date(iso) or "–"


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
         hidden: bool | None = None, surnames: bool = False) -> pd.DataFrame:
    """`df` as it is when names are shown, else a pseudonymised copy (the cached frame is never changed).

    persons: columns holding a person's name; texts: free text that may name people; ids: person ids.
    """
    if not (names_hidden() if hidden is None else hidden):
        return df
    return data(pseudonymise.pseudonyms).frame(df, persons=persons, texts=texts, ids=ids, surnames=surnames)


def hide_text(text: object, hidden: bool | None = None) -> object:
    """One free text with names replaced when names are hidden."""
    if not (names_hidden() if hidden is None else hidden):
        return text
    return data(pseudonymise.pseudonyms).text(text)
