"""Every download survives any character a cell can hold (ESC, NUL, control characters, lone surrogates) and
never turns a cell into a formula; Excel files store dates as dates; the Daten page never dies on a cell."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from analysis.tables import csv_bytes, xlsx_bytes
from etl.build.pipeline import build
from etl.maintain import master_data_editor
from tests.conftest import ROOT, assert_page_ok

HOSTILE = ["\x1b[31mrot\x1b[0m", "a\x00b", "lone \ud800 surrogate", '=HYPERLINK("http://x.example","klick")',
           "+49 30 1234", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "Zeile\nZwei", "normal"]


def frame() -> pd.DataFrame:
    # object dtype: pandas' Arrow strings cannot even hold a lone surrogate, an object column (e.g. from JSON) can
    return pd.DataFrame({"Text": pd.Series(HOSTILE, dtype=object), "Zahl": range(len(HOSTILE))})


def test_csv_survives_every_character_and_no_cell_starts_a_formula():
    data = csv_bytes(frame())
    text = data.decode("utf-8-sig")
    cells = [row[0] for row in csv.reader(io.StringIO(text, newline=""), delimiter=";")][1:]
    assert cells == ["\ufffd[31mrot\ufffd[0m", "a\ufffdb", "lone \ufffd surrogate",
                     "'=HYPERLINK(\"http://x.example\",\"klick\")", "'+49 30 1234", "'-2+3", "'@SUM(A1:A9)",
                     "'\t=1+1", "'\n=1+1", "Zeile\nZwei", "normal"]


def test_xlsx_survives_every_character_and_stores_formulas_as_text():
    sheet = load_workbook(io.BytesIO(xlsx_bytes(frame()))).active
    cells = [sheet.cell(row=r, column=1) for r in range(2, len(HOSTILE) + 2)]
    assert [c.data_type for c in cells] == ["s"] * len(HOSTILE)
    assert [c.value for c in cells] == ["\ufffd[31mrot\ufffd[0m", "a\ufffdb", "lone \ufffd surrogate",
                                        '=HYPERLINK("http://x.example","klick")', "+49 30 1234", "-2+3",
                                        "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "Zeile\nZwei", "normal"]


def test_xlsx_stores_date_columns_as_real_dates():
    df = pd.DataFrame({"Datum": ["2024-06-20", "20.06.2023", None], "Beginn": ["07.12.2026 13:41", None, None],
                       "Notiz": ["2024-06-20", "kein Datum", None], "Zahl": [1, 2, 3]})
    sheet = load_workbook(io.BytesIO(xlsx_bytes(df))).active
    assert [sheet.cell(row=r, column=1).value for r in (2, 3, 4)] == [
        dt.datetime(2024, 6, 20), dt.datetime(2023, 6, 20), None]
    assert sheet.cell(row=2, column=1).number_format == "DD.MM.YYYY"
    assert sheet.cell(row=2, column=2).value == dt.datetime(2026, 12, 7, 13, 41)
    assert sheet.cell(row=2, column=2).number_format == "DD.MM.YYYY HH:MM"
    assert [sheet.cell(row=r, column=3).value for r in (2, 3)] == ["2024-06-20", "kein Datum"]  # mixed: text


def hostile_source(master_source):
    organisations = master_source / "organisations.csv"
    text = organisations.read_text(encoding="utf-8")
    lines = text.splitlines()
    lines[1] = lines[1].replace(";", ";\x1bESC ", 1)  # the short name of the first organisation
    lines.append('"=HYPERLINK(""http://x.example"",""klick"")";HX;Fachverband;Nord;;')
    organisations.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return master_source


def test_the_master_data_workbook_survives_control_characters_and_keeps_formulas_as_text(master_source):
    source = hostile_source(master_source)
    book = load_workbook(io.BytesIO(master_data_editor.workbook_bytes(source)))
    cells = [c for row in book["organisations"].iter_rows(min_row=2) for c in row if c.value]
    assert all(c.data_type != "f" for c in cells)
    assert '=HYPERLINK("http://x.example","klick")' in [c.value for c in cells]
    assert any(isinstance(c.value, str) and c.value.startswith("\ufffdESC ") for c in cells)


@pytest.mark.parametrize("hidden", [False, True])
def test_the_daten_page_runs_with_an_escape_character_in_one_organisation(master_source, tmp_path, monkeypatch,
                                                                          hidden):
    source = hostile_source(master_source)
    db = tmp_path / "netz.db"
    build(source, db)
    monkeypatch.setenv("NETZWERKRADAR_DB", str(db))
    monkeypatch.setenv("NETZWERKRADAR_SOURCE", str(source))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    if hidden:
        at.sidebar.toggle[0].set_value(True).run()
    at.switch_page("pages/daten.py").run()
    assert_page_ok(at)
    assert "Alle Stammdaten als Excel-Arbeitsmappe" in [b.label for b in at.get("download_button")]


def test_the_analysis_cli_table_and_csv_survive_control_characters():
    from analysis.cli import render

    data = [{"Organisation": "\x1b]0;gekapert\x07Firma", "Notiz": "=1+1"}]
    assert render(data, "table", ["Organisation", "Notiz"]) == (
        "Organisation        Notiz\n------------------  -----\n\ufffd]0;gekapert\ufffdFirma  =1+1\n")
    assert render(data, "csv", ["Organisation", "Notiz"]) == "Organisation,Notiz\n\ufffd]0;gekapert\ufffdFirma,'=1+1\n"
