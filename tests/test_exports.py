"""Exports: offline chart HTML, standalone network HTML, CSV/XLSX, safe file names, PNG through kaleido + Chromium.

PNG tests run where a Chromium exists, are skipped (with the reason) elsewhere, and fail in CI
(CI=true) when the browser is missing, so the image export cannot silently stop working there.
"""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest

from analysis import cli, downloads, network
from analysis.charts import plotly_text
from analysis.charts.network import network_figure
from analysis.db import connect
from tests.test_projects import build_fixture
from vocab.periods import calendar_year

PNG = b"\x89PNG\r\n\x1a\n"
NO_BROWSER = ("Kein Chromium für den PNG-Export gefunden (Debian-Paket `chromium` installieren) / "
              "no Chromium browser found for PNG export")


def require_browser() -> None:
    """Skip without a browser – except in CI, where the PNG export must be tested."""
    if downloads.browser_path() is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI: {NO_BROWSER}")
        pytest.skip(NO_BROWSER)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_fixture(tmp_path_factory.mktemp("exporte"), protocols=True)


@pytest.fixture(scope="module")
def view(db):
    conn = connect(db)
    try:
        return network.network_view(conn, calendar_year(2024), "both", None)
    finally:
        conn.close()


def chart() -> go.Figure:
    fig = go.Figure(go.Bar(x=["Kessler & Partner", "<b>itb</b>"], y=[3, 1], name="Sitzungen"))
    fig.update_layout(title="Sitzungen je Organisation", height=400)
    return fig


def test_chart_html_opens_offline_with_plotly_inlined():
    page = downloads.figure_html(chart(), "Sitzungen <je> Organisation").decode("utf-8")
    assert "<title>Sitzungen &lt;je&gt; Organisation</title>" in page
    assert '<html lang="de">' in page
    assert not re.search(r"<script[^>]+src=[\"']https?://", page)  # no CDN
    assert len(page) > 1_000_000  # plotly.js itself is in the file
    assert json.dumps("Kessler & Partner")[1:-1] in page


def test_network_html_is_standalone_and_escapes_data(view):
    page = downloads.network_page(view, "Partnernetz <2024>").decode("utf-8")
    assert not re.search(r"<(?:script|link)[^>]+(?:src|href)=[\"']https?://", page)
    assert "vis-network" in page or "vis.Network" in page  # the library is inlined
    assert "<title>Partnernetz &lt;2024&gt;</title>" in page
    assert "<img src=x" not in page  # an organisation named like an HTML tag stays text
    assert "Handwerkskammer Musterstadt" in page


def test_network_figure_draws_every_linked_organisation_and_lists_none_without_links(view):
    fig = network_figure(view)
    names = {c[0] for trace in fig.data if trace.customdata is not None for c in trace.customdata}
    # as plotly text: "<img …>" as entities, so plotly draws it instead of reading a tag; the organisation
    # without any link (the Innung) is listed beside the picture, not drawn
    linked = {plotly_text(a["name"]) for n, a in view.graph.nodes(data=True) if view.graph.degree(n)}
    assert names == linked and plotly_text("Innung Sanitär Heizung Klima Nordstadt") not in names
    labelled = network_figure(view, max_labels=2)
    assert sum(1 for trace in labelled.data if trace.text for t in trace.text if t) == 2


def test_csv_and_xlsx_keep_umlauts_and_treat_formulas_as_text():
    frame = pd.DataFrame({"Organisation": ["Bäcker-Innung", "=HYPERLINK(\"http://x\")"], "Quote": [0.5, 1.0]})
    csv = downloads.table_csv(frame)
    assert csv.startswith("\ufeff".encode()) and "Bäcker-Innung;0,5".encode() in csv
    book = openpyxl.load_workbook(io.BytesIO(downloads.table_xlsx(frame, "Quoten")))
    sheet = book["Quoten"]
    assert [c.value for c in sheet["A"]] == ["Organisation", "Bäcker-Innung", "=HYPERLINK(\"http://x\")"]
    assert sheet["A3"].data_type == "s"  # text, not a formula Excel would run
    with zipfile.ZipFile(io.BytesIO(downloads.table_xlsx(frame))) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    assert b"B&#228;cker-Innung" in xml  # openpyxl writes non-ASCII as character references
    assert "Bäcker-Innung" in "".join(ElementTree.fromstring(xml).itertext())


@pytest.mark.parametrize(("parts", "stem"), [
    (("Beteiligung", "Fachgruppe Handwerk", 2024), "beteiligung_fachgruppe-handwerk_2024"),
    (("Größe/Maß: „x“", None, ""), "grosse-mass-x"),
    (("../../etc/passwd",), "etc-passwd"),
    ((), "export"),
])
def test_file_stems_are_safe(parts, stem):
    assert downloads.file_stem(*parts) == stem


def test_missing_browser_gives_the_german_hint(monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "kein-browser"))
    assert downloads.browser_path() is None and not downloads.png_available()
    with pytest.raises(downloads.BrowserMissing) as error:
        downloads.png_bytes(chart())
    assert "Debian-Paket `chromium`" in str(error.value)


def test_png_of_a_chart_and_of_the_network(view):
    require_browser()
    image = downloads.png_bytes(chart(), width=800)
    assert image.startswith(PNG)
    assert int.from_bytes(image[16:20], "big") == 1600  # width × scale 2
    network_image = downloads.network_png(view, title="Partnernetz 2024")
    assert network_image.startswith(PNG) and len(network_image) > 20_000


def test_cli_exports_the_network_as_html(db, tmp_path, capsys):
    out = tmp_path / "netz" / "partnernetz.html"
    code = cli.main(["network", "--db", str(db), "--group", "FG Handwerk", "--year", "2024", "--out", str(out),
                     "--format", "json"])
    assert code == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["file"] == str(out) and rows[0]["organisations"] >= 3
    assert out.read_bytes().startswith(b"<html") and b"Handwerkskammer Musterstadt" in out.read_bytes()


def test_cli_exports_the_network_as_png(db, tmp_path, capsys):
    require_browser()
    out = tmp_path / "partnernetz.png"
    assert cli.main(["network", "--db", str(db), "--out", str(out), "--year", "2024"]) == 0
    assert out.read_bytes().startswith(PNG)


def test_cli_animates_the_network_through_the_years_as_gif(db, tmp_path, capsys):
    """One 1280×720 frame per year with the year written large, for slides (kaleido + system Chromium)."""
    require_browser()
    from PIL import Image

    out = tmp_path / "partnernetz.gif"
    assert cli.main(["network", "--db", str(db), "--out", str(out), "--as-of", "2024-12-31", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["kind"] == "Partnernetz über 6 Zeiträume"  # 2019 … 2024
    with Image.open(out) as gif:
        assert (gif.format, gif.size, gif.n_frames) == ("GIF", (1280, 720), 6)


def test_cli_network_refuses_unknown_formats(db, tmp_path, capsys):
    assert cli.main(["network", "--db", str(db), "--out", str(tmp_path / "netz.svg")]) == 2
    assert "erlaubt sind .html, .png, .gexf und .gif" in capsys.readouterr().err
