"""Files for download: charts as PNG (kaleido + system Chromium) and offline HTML, tables as CSV/XLSX, the network.

PNG needs a Chromium-family browser. Debian's package `chromium` is found through BROWSER_PATH
(set here to /usr/bin/chromium when unset); no browser is ever downloaded. One kaleido browser is
kept running after the first image (a cold start costs ~2 s, every further image ~0.2 s) and used
by one caller at a time, because kaleido's sync server is not safe for concurrent callers.
"""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import threading
import unicodedata
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from analysis import network_html
from analysis.charts.network import network_figure
from analysis.network import NetworkView
from analysis.tables import csv_bytes, xlsx_bytes

SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
_BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
BROWSER_HINT = ("Für PNG-Bilder wird ein Chromium-Browser benötigt, es wurde aber keiner gefunden. Installieren "
                "Sie das Debian-Paket `chromium` (`sudo apt install chromium`) oder setzen Sie die Umgebungsvariable "
                "BROWSER_PATH auf einen installierten Chrome/Chromium. HTML, CSV und Excel funktionieren auch ohne.")
MIME = {"png": "image/png", "html": "text/html", "csv": "text/csv",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}

_LOCK = threading.Lock()


class ExportError(RuntimeError):
    """A file could not be produced; the message is German and meant for the user."""


class BrowserMissing(ExportError):
    """No Chromium for PNG export; the message says what to install."""

    def __init__(self) -> None:
        super().__init__(BROWSER_HINT)


def browser_path() -> str | None:
    """The browser kaleido will use, or None. Sets BROWSER_PATH to the system Chromium when it is unset."""
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        return configured if Path(configured).is_file() and os.access(configured, os.X_OK) else None
    if SYSTEM_CHROMIUM.is_file():
        os.environ["BROWSER_PATH"] = str(SYSTEM_CHROMIUM)
        return str(SYSTEM_CHROMIUM)
    for name in _BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            os.environ["BROWSER_PATH"] = found
            return found
    return None


def png_available() -> bool:
    return browser_path() is not None


def _render_png(fig: go.Figure, width: int, height: int, scale: float) -> bytes:
    import kaleido  # imported late: only PNG export needs it

    opts = {"format": "png", "width": width, "height": height, "scale": scale}
    kaleido.start_sync_server(silence_warnings=True)
    try:
        return kaleido.calc_fig_sync(fig, opts=opts)
    except Exception:  # a crashed browser: start a fresh one and try once more
        kaleido.stop_sync_server(silence_warnings=True)
        kaleido.start_sync_server(silence_warnings=True)
        return kaleido.calc_fig_sync(fig, opts=opts)


def png_bytes(fig: go.Figure, width: int = 1200, height: int | None = None, scale: float = 2.0) -> bytes:
    """The figure as PNG. Raises BrowserMissing (German hint) without a browser, ExportError when rendering fails."""
    if browser_path() is None:
        raise BrowserMissing()
    height = int(height or fig.layout.height or 520)
    try:
        with _LOCK:
            data = _render_png(fig, int(width), height, scale)
    except Exception as exc:  # kaleido raises several types; the user gets one German message
        raise ExportError(f"Das PNG-Bild konnte nicht erzeugt werden ({type(exc).__name__}: {exc}). "
                          f"Browser: {os.environ.get('BROWSER_PATH')}") from exc
    if not isinstance(data, bytes | bytearray) or not bytes(data).startswith(b"\x89PNG"):
        raise ExportError("Das PNG-Bild konnte nicht erzeugt werden (keine Bilddaten).")
    return bytes(data)


def stop_browser() -> None:
    """End the kept browser (the CLI calls this before exiting; the app keeps it)."""
    import kaleido

    with _LOCK:
        kaleido.stop_sync_server(silence_warnings=True)


def figure_html(fig: go.Figure, title: str = "Netzwerkradar") -> bytes:
    """The interactive chart as one HTML file with plotly.js inlined, so it opens offline."""
    page = fig.to_html(include_plotlyjs=True, full_html=True, config={"displaylogo": False, "locale": "de"})
    return _titled(page, title).encode("utf-8")


def _titled(page: str, title: str) -> str:
    """Add an escaped <title> and lang="de" (plotly and pyvis write neither)."""
    page = page.replace("<html>", '<html lang="de">', 1)
    tag = f"<title>{html.escape(title)}</title>"
    if "<head>" in page:
        return page.replace("<head>", f"<head>\n<meta charset=\"utf-8\">\n{tag}", 1)
    return page


def network_page(view: NetworkView, title: str = "Partnernetz", height: int = 760) -> bytes:
    """The pyvis network as a standalone HTML file (vis-network inlined, no CDN), as on the page."""
    return _titled(network_html.render(view, height=height), title).encode("utf-8")


def network_png(view: NetworkView, title: str | None = None, width: int = 1400, height: int = 1000,
                colour_by: str = "group", group_colours: dict[str, str] | None = None) -> bytes:
    """The network as PNG: the same precomputed layout and colours as on the page, drawn with plotly and rendered
    by kaleido, with every colour named in the legend (a file has no hover)."""
    figure = network_figure(view, title=title, height=height, min_width=width, label_size=18,
                            colour_by=colour_by, group_colours=group_colours, full_legend=True)  # type: ignore[arg-type]
    return png_bytes(figure, width=width, height=height, scale=1.5)


def network_gif(views: list[NetworkView], title: str | None = None, width: int = 1280, height: int = 720,
                seconds_per_frame: float = 1.5, colour_by: str = "group",
                group_colours: dict[str, str] | None = None) -> bytes:
    """The network through time as an animated GIF for slides: one frame per period on the fixed layout,
    the period written large, rendered by kaleido (system Chromium) and joined with Pillow."""
    from PIL import Image

    frames = []
    for view in views:
        figure = network_figure(view, title=title, height=height, min_width=width, label_size=18,
                                colour_by=colour_by, group_colours=group_colours, show_period=True,  # type: ignore[arg-type]
                                full_legend=True)
        frames.append(Image.open(io.BytesIO(png_bytes(figure, width=width, height=height, scale=1.0))).convert("RGB"))
    if not frames:
        raise ExportError("Es gibt keinen Zeitraum, der animiert werden könnte.")
    out = io.BytesIO()
    palette = [frame.quantize(colors=255, method=Image.Quantize.MEDIANCUT) for frame in frames]
    palette[0].save(out, format="GIF", save_all=True, append_images=palette[1:], loop=0,
                    duration=int(seconds_per_frame * 1000), optimize=False)
    return out.getvalue()


def table_csv(df: pd.DataFrame) -> bytes:
    return csv_bytes(df)


def table_xlsx(df: pd.DataFrame, sheet: str = "Tabelle") -> bytes:
    return xlsx_bytes(df, sheet)


_UNSAFE = re.compile(r"[^a-z0-9]+")
_SHARP_S: dict[int, str] = {ord("ß"): "ss"}  # NFKD does not decompose ß


def file_stem(*parts: object) -> str:
    """'Beteiligung', 'Fachgruppe Handwerk', 2024 -> 'beteiligung_fachgruppe-handwerk_2024' (safe file name)."""
    out = []
    for part in parts:
        if part is None or part == "":
            continue
        text = unicodedata.normalize("NFKD", str(part).translate(_SHARP_S))
        text = text.encode("ascii", "ignore").decode("ascii").lower()
        slug = _UNSAFE.sub("-", text).strip("-")
        if slug:
            out.append(slug[:60])
    return "_".join(out) or "export"
