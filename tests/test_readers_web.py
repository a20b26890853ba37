"""Web pages saved from wikis and intranets (.html, .mht) -> the page's content as blocks, without the wiki's chrome."""

from __future__ import annotations

from pathlib import Path

from etl.extract.readers import read_document

CONFLUENCE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Sitzung 04.02.2025 - Netzwerk - Confluence</title></head><body>
<div id="header"><nav class="aui-header"><ul><li>Bereiche</li><li>Personen</li></ul></nav></div>
<div class="aui-sidebar"><nav><ul><li>Seitenbaum</li><li>Protokolle 2024</li></ul></nav></div>
<ol id="breadcrumbs"><li>Netzwerk</li><li>Protokolle</li></ol>
<h1 id="title-text">Sitzung der Fachgruppe Handwerk am 04.02.2025</h1>
<div class="page-metadata">Erstellt von Ole Sander, zuletzt geändert am 05.02.2025</div>
<div id="main-content" class="wiki-content">
<p><strong>Datum:</strong> 04.02.2025, 10:00–12:00 Uhr</p>
<h2>Teilnehmende</h2>
<ul><li>Handwerkskammer Oldenburg<ul><li>Frieda Janssen</li><li>Ole Sander</li></ul></li>
<li>itb<ul><li>Dr. Kemal Aydın</li></ul></li></ul>
<h2>Ergebnisse</h2>
<table><tbody><tr><th>Thema</th><th>Ergebnis</th></tr>
<tr><td>Jahresbericht</td><td>wird im März vorgelegt</td></tr></tbody></table>
</div>
<div id="likes-and-labels-container">Gefällt mir · Stichwörter: protokoll</div>
<div id="comments-section">Kommentar von Frieda Janssen: Danke!</div>
<footer>Powered by Atlassian Confluence</footer></body></html>"""

MEDIAWIKI = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>Protokoll Koordinierungsteam – NetzWiki</title></head><body>
<div id="mw-navigation"><div id="mw-panel">Hauptseite Letzte Änderungen</div></div>
<div id="content"><h1 id="firstHeading">Protokoll Koordinierungsteam 2025-01</h1>
<div id="bodyContent"><div id="mw-content-text"><div class="mw-parser-output">
<div id="toc" class="toc"><ul><li>1 Anwesend</li><li>2 Beschlüsse</li></ul></div>
<h2><span class="mw-headline">Anwesend</span><span class="mw-editsection">[Bearbeiten]</span></h2>
<p>Jörg Menzel, Beate Kühn</p>
</div></div><div class="printfooter">Abgerufen von https://wiki.example/Protokoll</div>
<div id="catlinks">Kategorie: Protokolle</div></div></div></body></html>"""


def _blocks(document) -> list[tuple]:  # noqa: ANN001
    return [(b.kind, b.text, b.line, b.level) for b in document.blocks]


def test_confluence_page_without_its_chrome(tmp_path: Path) -> None:
    path = tmp_path / "sitzung.html"
    path.write_text(CONFLUENCE, encoding="utf-8")
    document = read_document(path, source="sitzung.html")
    assert (document.format, document.kind, document.meta) == (
        "html", "protocol", {"title": "Sitzung der Fachgruppe Handwerk am 04.02.2025"})
    assert _blocks(document) == [
        ("heading", "Sitzung der Fachgruppe Handwerk am 04.02.2025", 1, 1),
        ("paragraph", "Datum: 04.02.2025, 10:00–12:00 Uhr", 2, 0),
        ("heading", "Teilnehmende", 3, 2),
        ("list_item", "Handwerkskammer Oldenburg", 4, 0),
        ("list_item", "Frieda Janssen", 5, 1),
        ("list_item", "Ole Sander", 6, 1),
        ("list_item", "itb", 7, 0),
        ("list_item", "Dr. Kemal Aydın", 8, 1),
        ("heading", "Ergebnisse", 9, 2),
        ("table", "Thema | Ergebnis\nJahresbericht | wird im März vorgelegt", 10, 0),
    ]
    assert document.blocks[-1].header_rows == 1


def test_mediawiki_page_in_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "protokoll.htm"
    path.write_bytes(MEDIAWIKI.encode("cp1252"))
    document = read_document(path, source="protokoll.htm")
    assert _blocks(document) == [
        ("heading", "Protokoll Koordinierungsteam 2025-01", 1, 1),
        ("heading", "Anwesend", 2, 2),
        ("paragraph", "Jörg Menzel, Beate Kühn", 3, 0),
    ]


def test_page_saved_as_one_file_mht(tmp_path: Path) -> None:
    html = CONFLUENCE.replace("=", "=3D")
    mht = ("From: <Saved by Blink>\nSubject: Sitzung\nMIME-Version: 1.0\n"
           'Content-Type: multipart/related; type="text/html"; boundary="----grenze"\n\n'
           "------grenze\nContent-Type: text/html\nContent-Transfer-Encoding: quoted-printable\n"
           "Content-Location: https://wiki.example/sitzung\n\n" + html + "\n"
           "------grenze\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n"
           "------grenze--\n")
    path = tmp_path / "sitzung.mht"
    path.write_text(mht, encoding="utf-8")
    document = read_document(path, source="sitzung.mht")
    assert document.format == "mht"
    assert [b.text for b in document.blocks][:4] == ["Sitzung der Fachgruppe Handwerk am 04.02.2025",
                                                     "Datum: 04.02.2025, 10:00–12:00 Uhr", "Teilnehmende",
                                                     "Handwerkskammer Oldenburg"]


def test_plain_html_without_a_wiki_keeps_everything_but_navigation(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_text("<html><body><nav>Start | Impressum</nav><h1>Protokoll</h1><p>Datum: 01.04.2025</p>"
                    "<script>var x = 1;</script></body></html>", encoding="utf-8")
    assert _blocks(read_document(path)) == [("heading", "Protokoll", 1, 1), ("paragraph", "Datum: 01.04.2025", 2, 0)]


WORD_MHT = r"""MIME-Version: 1.0
Content-Type: multipart/related; boundary="----=_NextPart_01DA1234.56789ABC"

Dies ist ein Dokument im Webarchivformat.

------=_NextPart_01DA1234.56789ABC
Content-Location: file:///C:/Users/x/Protokoll.htm
Content-Transfer-Encoding: quoted-printable
Content-Type: text/html; charset="windows-1252"

<html xmlns:o=3D"urn:schemas-microsoft-com:office:office" xmlns:w=3D"urn:sc=
hemas-microsoft-com:office:word">
<head><meta http-equiv=3DContent-Type content=3D"text/html; charset=3Dwindo=
ws-1252"><title>Protokoll</title>
<style><!-- p.MsoNormal {margin:0cm;} --></style></head>
<body lang=3DDE><div class=3DWordSection1>
<p class=3DMsoTitle>Protokoll der Fachgruppe Handwerk</p>
<p class=3DMsoNormal>Datum: 12.03.2026, 10:00 &#8211; 12:00 Uhr<o:p></o:p><=
/p>
<p class=3DMsoNormal>Ort: Handwerkskammer, Raum 2<o:p></o:p></p>
<p class=3DMsoNormal><b>Teilnehmende:</b><o:p></o:p></p>
<p class=3DMsoListParagraphCxSpFirst style=3D'text-indent:-18.0pt;mso-list:=
l0 level1 lfo1'><![if !supportLists]><span style=3D'font-family:Symbol'><sp=
an style=3D'mso-list:Ignore'>=B7<span style=3D'font:7.0pt "Times New Roman"=
'>&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Greta Hallmann (H=
WK)<o:p></o:p></p>
<p class=3DMsoListParagraphCxSpLast style=3D'text-indent:-18.0pt;mso-list:l=
0 level1 lfo1'><![if !supportLists]><span style=3D'font-family:Symbol'><spa=
n style=3D'mso-list:Ignore'>=B7<span style=3D'font:7.0pt "Times New Roman"'=
>&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>J&uuml;rgen Sch&au=
ml;fer (ZVB)<o:p></o:p></p>
<p class=3DMsoNormal><b>Entschuldigt:</b> Ida Korn (IfAM)<o:p></o:p></p>
<p class=3DMsoNormal><b>TOP 1 Jahresplanung</b><o:p></o:p></p>
<p class=3DMsoNormal>Herr Sch=E4fer verschickt die Einladung bis 20.03.2026=
.<o:p></o:p></p>
</div></body></html>

------=_NextPart_01DA1234.56789ABC
Content-Location: file:///C:/Users/x/Protokoll-Dateien/filelist.xml
Content-Transfer-Encoding: quoted-printable
Content-Type: text/xml; charset="utf-8"

<xml xmlns:o=3D"urn:schemas-microsoft-com:office:office"><o:MainFile HRef=3D"../Protokoll.htm"/></xml>
------=_NextPart_01DA1234.56789ABC--
"""


def test_a_word_document_saved_as_one_file_web_page(tmp_path: Path) -> None:
    """Word's 'Webseite, eine Datei': quoted-printable windows-1252 HTML, list bullets as Symbol characters,
    the file's title property in <title> (its first heading is the title)."""
    path = tmp_path / "protokoll.mht"
    path.write_bytes(WORD_MHT.replace("\n", "\r\n").encode("ascii"))
    document = read_document(path, source="protokoll.mht")
    assert "title" not in document.meta
    assert [(b.kind, b.text) for b in document.blocks] == [
        ("heading", "Protokoll der Fachgruppe Handwerk"), ("paragraph", "Datum: 12.03.2026, 10:00 – 12:00 Uhr"),
        ("paragraph", "Ort: Handwerkskammer, Raum 2"), ("paragraph", "Teilnehmende:"),
        ("list_item", "Greta Hallmann (HWK)"), ("list_item", "Jürgen Schäfer (ZVB)"),
        ("paragraph", "Entschuldigt: Ida Korn (IfAM)"), ("heading", "TOP 1 Jahresplanung"),
        ("paragraph", "Herr Schäfer verschickt die Einladung bis 20.03.2026.")]
