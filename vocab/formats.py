"""German number formats: decimal comma, thousands point. One formatter for pages, charts, reports and CLI.

Dates are formatted by `vocab.periods.german_date`; numbers here. Plotly formats axis ticks and hover
values itself, so every figure sets `PLOTLY_SEPARATORS` in its layout; tables hand `STYLER_FORMAT`
to a pandas Styler, so a sortable number column still reads "0,359".
"""

from __future__ import annotations

from typing import Final

# Plotly's layout.separators: decimal separator first, then the thousands separator.
PLOTLY_SEPARATORS: Final = ",."
# pandas Styler.format keywords for German numbers in st.dataframe.
STYLER_FORMAT: Final[dict[str, str]] = {"decimal": ",", "thousands": "."}


def german_number(value: float, signed: bool = False, decimals: int = 0) -> str:
    """1234 -> '1.234', 0.3593 -> '0,3593' (decimals=4); signed adds '+' to positive numbers (deltas)."""
    text = f"{abs(value):,.{decimals}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    sign = "-" if value < 0 and text.strip("0,.") else ("+" if signed and value > 0 else "")
    return sign + text


def german_percent(share: float | None, decimals: int = 0, missing: str = "–") -> str:
    """0.357 -> '36 %' (a share of 1 as percent, with the German narrow space before the sign)."""
    if share is None or share != share:  # None or NaN
        return missing
    return f"{german_number(float(share) * 100, decimals=decimals)} %"
