"""Charts sized for print: the Jahresbericht's figures laid out at their size on an A4 page.

kaleido draws at the figure's pixel size, and a page shrinks or stretches the picture to its width;
a 1400 px wide chart on 16 cm of paper turns 14 px text into 5 pt. Here a figure is laid out in CSS
pixels at its printed width (96 px per inch), with text of at least `BASE_PX` (9 pt on paper), and
rendered at 300 dpi. Large heatmaps are split into several figures instead of being shrunk.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import plotly.graph_objects as go

PRINT_WIDTH_MM = 160.0  # A4 minus 2.5 cm margins left and right (the DOCX text width; PDF uses it too)
DPI = 300
CSS_DPI = 96
BASE_PX = 12  # 12 CSS px = 9 pt on paper
MIN_PT = 8.0
# At most this many organisations per printed heatmap (half a page, so a part shares its page with the
# chart before it instead of leaving that chart alone on a page), and meetings per part (the page's width).
HEATMAP_ORGS = 12
HEATMAP_MEETINGS = 24
FONT_FAMILY = "DejaVu Sans, Arial, sans-serif"


def css_px(mm: float) -> int:
    """Millimetres on paper as CSS pixels (what plotly lays out in)."""
    return round(mm / 25.4 * CSS_DPI)


def scale() -> float:
    """kaleido's scale factor from CSS pixels to printer pixels."""
    return DPI / CSS_DPI


def for_print(fig: go.Figure, height_mm: float, legend_below: bool = True) -> go.Figure:
    """The figure laid out for `PRINT_WIDTH_MM` × `height_mm` with every text at least `BASE_PX`."""
    fig.update_layout(
        title=None, width=css_px(PRINT_WIDTH_MM), height=css_px(height_mm),
        font=dict(family=FONT_FAMILY, size=BASE_PX))
    if legend_below:  # otherwise the figure keeps its own margins and legend
        fig.update_layout(margin=dict(l=6, r=6, t=6, b=6),
                          legend=dict(orientation="h", yref="container", y=0, yanchor="bottom", x=0,
                                      xanchor="left", font=dict(size=BASE_PX)))
    fig.update_xaxes(automargin=True, tickfont=dict(size=BASE_PX), title_font=dict(size=BASE_PX))
    fig.update_yaxes(automargin=True, tickfont=dict(size=BASE_PX), title_font=dict(size=BASE_PX))
    for trace in fig.data:
        textfont = getattr(trace, "textfont", None)
        if textfont is not None and textfont.size is not None and _smallest(textfont.size) < BASE_PX:
            trace.textfont.size = BASE_PX
        colorbar = getattr(trace, "colorbar", None)
        if colorbar is not None:
            trace.colorbar.tickfont = dict(size=BASE_PX)
    for annotation in fig.layout.annotations:
        if annotation.font.size is None or annotation.font.size < BASE_PX:
            annotation.font.size = BASE_PX
    return fig


def _smallest(size: object) -> float:
    if isinstance(size, list | tuple):
        return float(min(size)) if size else float(BASE_PX)
    return float(size)  # type: ignore[arg-type]


def font_sizes_pt(fig: go.Figure) -> list[float]:
    """Every text size the figure declares, in points on paper at its printed width.

    The figure is laid out at `css_px(PRINT_WIDTH_MM)` and printed at `PRINT_WIDTH_MM`, so one CSS
    pixel is 0.75 pt; a size the figure leaves open inherits `layout.font.size`.
    """
    base = float(fig.layout.font.size or 12)
    ratio = PRINT_WIDTH_MM / 25.4 * 72 / float(fig.layout.width or css_px(PRINT_WIDTH_MM))
    sizes = [base]
    for axis in [*fig.select_xaxes(), *fig.select_yaxes()]:
        sizes.append(float(axis.tickfont.size or base))
        sizes.append(float(axis.title.font.size or base))
    sizes.append(float(fig.layout.legend.font.size or base))
    for trace in fig.data:
        textfont = getattr(trace, "textfont", None)
        if textfont is not None and textfont.size is not None:
            sizes.append(_smallest(textfont.size))
        colorbar = getattr(trace, "colorbar", None)
        if colorbar is not None and colorbar.tickfont.size is not None:
            sizes.append(float(colorbar.tickfont.size))
    for annotation in fig.layout.annotations:
        sizes.append(float(annotation.font.size or base))
    return [round(size * ratio, 2) for size in sizes]


def heatmap_parts(cells: pd.DataFrame, orgs: int = HEATMAP_ORGS,
                  meetings: int = HEATMAP_MEETINGS) -> Iterator[pd.DataFrame]:
    """The heatmap cells split into blocks of at most `orgs` organisations × `meetings` meetings, of even size
    (22 organisations: 11 + 11, not 12 + 10), so no part is a stub.

    Organisations keep their display order (regulars first), meetings their date order.
    """
    org_ids = list(dict.fromkeys(cells["org_id"]))
    meeting_ids = list(cells.sort_values("date", kind="stable")["meeting_id"].drop_duplicates())
    org_step, meeting_step = _even(len(org_ids), orgs), _even(len(meeting_ids), meetings)
    for m in range(0, len(meeting_ids), meeting_step):
        some_meetings = set(meeting_ids[m:m + meeting_step])
        for o in range(0, len(org_ids), org_step):
            some_orgs = set(org_ids[o:o + org_step])
            yield cells[cells["org_id"].isin(some_orgs) & cells["meeting_id"].isin(some_meetings)]


def _even(count: int, most: int) -> int:
    """The size of each of the fewest even parts of `count` items with at most `most` in each."""
    parts = max(1, -(-count // most))
    return max(1, -(-count // parts))


def heatmap_height_mm(org_count: int) -> float:
    """Room for `org_count` rows of two-line names plus the rotated dates and the legend."""
    return (34 + 30 * org_count + 110) / CSS_DPI * 25.4
