"""The hostile names of tests/fixtures/feindlich, shared by the unit tests and the browser test.

Each would do something other than stand there if a renderer took it as markup: run a script that
changes `parent.document.title`, become a link, bold or red text, a formula (LaTeX or spreadsheet).
"""

from __future__ import annotations

from tests.conftest import FIXTURES

SOURCE = FIXTURES / "feindlich"

IMG = "<img src=x onerror=\"parent.document.title='XSS'\">"
SCRIPT = "</script><script>parent.document.title='XSS'</script>"
JS_LINK = "javascript:parent.document.title='XSS'"
MD_LINK = "[Klick](javascript:alert(1))"

ORGANISATIONS = {
    "img": IMG,
    "script": SCRIPT,
    "href": "Kanzlei href Müller",
    "latex": "$\\alpha$ Beratung",
    "formula": '=HYPERLINK("https://example.invalid","Kammer")',
    "entity": "Müller &amp; Söhne \"Die Beratung\" C:\\Daten\\ O'Neill",
    "link": MD_LINK,
    "bold": "**fett** Innung",
}
PEOPLE = {
    "img": f"Erika {IMG} Muster",
    "at": "@Max Mustermann",
    "plus": "+Paula Plus",
    "minus": "-Jana Minus",
    "colour": ":red[Rosa] Rot",
    "href": "Hans href Meier",
    "backslash": "Bernd \\ Backslash \"Zitat\" O'Brien",
}
GROUPS = {
    "img": f"Fachgruppe {IMG}",
    "price": "AG Preis $5 und $6",
    "markdown": "Fachgruppe **fett** und :red[rot]",
    "script": SCRIPT,
}
PROJECTS = {
    "link": MD_LINK,
    "js": JS_LINK,
    "price": "Preis $5 und $6",
    "formula": "=1+1 Projekt",
}
PROGRAMME = "<b>INQA</b> $\\alpha$"
ORG_TYPE = "<u>Typ</u> & Co"

# What a renderer would turn into markup, each as it must never appear unescaped in markdown.
FRAGMENTS = ("<img", "<script", "</script", "**fett**", ":red[", "](javascript:", "$5 und $6", "$\\alpha$",
             "&amp;", "<b>", "<u>")
