"""Web pages saved from wikis and intranets (.html/.htm, .mht/.mhtml) -> blocks.

A protocol kept in Confluence, MediaWiki or SharePoint and saved from the browser ("Seite speichern
unter", or "Webseite, eine Datei" as .mht) carries the wiki's chrome around it: navigation, page
tree, breadcrumbs, edit links, table of contents, comments, footer. lxml.html finds the page's
content container (`#main-content`, `#mw-content-text`, SharePoint's rich-text field, `<main>`,
`<article>`), drops the chrome inside it, and the e-mail reader's HTML converter (etl.extract.readers.html)
turns the rest into the usual lines: headings, paragraphs, nested lists, tables with header rows.
The page title (the wiki's `<h1>` outside the content, or `<title>` without " - Confluence") becomes
the first heading and `meta["title"]`.

Line numbers count the lines of text as the converter emits them. The number of elements is
checked from the bytes before lxml parses anything (etl.extract.limits).
"""

from __future__ import annotations

import re
from dataclasses import replace
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from etl.core.errors import ProtocolError
from etl.extract.document import Document
from etl.extract.limits import check_mime_parts, check_mime_tree, check_xml_elements, count_xml_elements
from etl.extract.readers.encoding import wrong_content
from etl.extract.readers.html import html_lines
from etl.extract.readers.layout import SourceLine
from etl.extract.readers.plain import structure

# Where the page's own content stands, most specific first.
_CONTENT = (
    "//*[@id='main-content']",  # Confluence
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' wiki-content ')]",
    "//*[@id='mw-content-text']",  # MediaWiki
    "//*[@id='bodyContent']",
    "//*[contains(@class, 'ms-rtestate-field')]",  # SharePoint rich text / wiki page
    "//*[@id='DeltaPlaceHolderMain']",
    "//*[@id='ctl00_PlaceHolderMain_WikiField']",
    "//main", "//article", "//*[@role='main']", "//*[@id='content']",
)
# Wiki chrome that may stand inside the content container too.
_CHROME = (
    "//nav", "//aside", "//*[@role='navigation']", "//*[@id='toc']", "//*[contains(@class, 'toc')]",
    "//*[contains(@class, 'mw-editsection')]", "//*[@id='catlinks']", "//*[contains(@class, 'printfooter')]",
    "//*[@id='breadcrumbs']", "//*[@id='likes-and-labels-container']", "//*[@id='comments-section']",
    "//*[contains(@class, 'page-metadata')]", "//*[@id='footer']", "//*[@id='mw-navigation']",
    "//*[@id='siteNotice']", "//*[@id='jump-to-nav']", "//*[@id='contentSub']", "//*[@id='suiteBarTop']",
    "//*[@id='s4-ribbonrow']", "//*[@id='sideNavBox']", "//footer",
)
_TITLE = ("//*[@id='firstHeading']", "//*[@id='title-text']", "//*[@id='pageTitle']")
_TITLE_SUFFIX = re.compile(r"\s+[-–—|]\s+(?:confluence|wiki(?:pedia)?|sharepoint|[^-–—|]{0,40}wiki)\s*$",
                           re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def read_html(data: bytes, source: str, fmt: str = "html") -> Document:
    """A saved web page -> Document; ProtocolError (German) for anything that is not HTML."""
    if data.startswith((b"PK", b"%PDF", b"\xd0\xcf\x11\xe0")) and (what := wrong_content(data)):
        raise ProtocolError(f"keine Webseite (.{fmt}), sondern {what}", source)
    check_xml_elements(count_xml_elements(data), f"Webseite (.{fmt})", source)
    return _document(_decode(data), source, fmt)


def read_mhtml(data: bytes, source: str) -> Document:
    """A web page saved as one file (.mht/.mhtml, MIME multipart/related): its HTML part."""
    check_mime_parts(data, "Webseite (.mht)", source)
    try:
        message = BytesParser(policy=policy.default).parsebytes(data)
    except Exception as exc:  # noqa: BLE001 - the email package raises many types for broken input
        raise ProtocolError(f"Webseite (.mht) nicht lesbar: {type(exc).__name__}: {exc}", source) from None
    check_mime_tree(message, "Webseite (.mht)", source)
    html = None
    if isinstance(message, EmailMessage):
        for part in message.walk():
            if part.get_content_type() == "text/html":
                payload = part.get_payload(decode=True)
                if not isinstance(payload, bytes):
                    continue
                # Browsers write the page's bytes without a charset parameter: judge them like a saved .html
                charset = part.get_content_charset()
                try:
                    html = payload.decode(charset, "replace") if charset else _decode(payload)
                except LookupError:
                    html = _decode(payload)
                break
    if html is None:
        raise ProtocolError("Webseite (.mht) enthält keinen HTML-Teil – bitte die Seite als PDF oder .html "
                            "speichern", source)
    check_xml_elements(html.count("<") - html.count("</"), "Webseite (.mht)", source)
    return _document(html, source, "mht")


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), "replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def _document(html: str, source: str, fmt: str) -> Document:
    import lxml.html
    from lxml import etree

    if not html.strip():
        raise ProtocolError("Datei ist leer", source)
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(
            encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, huge_tree=False))
    except (etree.ParserError, ValueError) as exc:
        raise ProtocolError(f"Webseite (.{fmt}) nicht lesbar: {exc}", source) from None
    document = Document(source=source, format=fmt)
    title = _title(root)
    # Word's 'save as web page' writes the file's title property (often a template's 'Protokoll') as <title>:
    # the document's own first heading says more
    word = "urn:schemas-microsoft-com:office:word" in html[:4096] or 'content="Microsoft Word' in html[:4096]
    if title and not (word and root.xpath("//h1|//h2|//*[contains(@class, 'MsoTitle')]")):
        document.meta["title"] = title
    content = next((found[0] for xpath in _CONTENT if (found := root.xpath(xpath))), None)
    heading_inside = content is not None and any(
        content in node.iterancestors() or node is content for xpath in _TITLE for node in root.xpath(xpath))
    for xpath in _CHROME:
        for node in (content if content is not None else root).xpath("." + xpath if content is not None
                                                                    else xpath):
            if node is not content and node.getparent() is not None:
                node.drop_tree()
    body = content if content is not None else root
    lines = html_lines(lxml.html.tostring(body, encoding="unicode"))
    if content is not None and title and not heading_inside and not any(
            sl.kind == "heading" and sl.text == title for sl in lines[:3]):
        # the wiki's page title stands outside the content: it is the protocol's first line
        lines = [SourceLine(title, 1, kind="heading", level=1), SourceLine("", 1, kind="blank"),
                 *(replace(sl, line=sl.line + 1) for sl in lines)]
    document.blocks = structure(lines)
    return document


def _title(root: object) -> str:
    for xpath in _TITLE:
        found = root.xpath(xpath)  # type: ignore[attr-defined]
        if found:
            text = " ".join(found[0].text_content().split())
            if text:
                return text
    found = root.xpath("//title")  # type: ignore[attr-defined]
    text = " ".join(found[0].text_content().split()) if found else ""
    return _TITLE_SUFFIX.sub("", text).strip()
