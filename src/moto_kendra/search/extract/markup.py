"""Text of HTML and XML: markup removed, entities decoded, scripts and styles dropped."""

from __future__ import annotations

import re
from html.parser import HTMLParser

#: Elements whose content is not text a reader sees.
_HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "svg", "object"})
#: Elements that break lines.
_BLOCKS = frozenset(
    """address article aside blockquote br dd div dl dt fieldset figcaption figure footer
    form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul
    title""".split()
)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_LINES = re.compile(r"\n\s*\n+")


class _Stripper(HTMLParser):
    def __init__(self, html: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.parts: list[str] = []
        self.title: list[str] = []
        self.hidden = 0
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.html and tag == "title":
            self.in_title = True
        elif self.html and tag in _HIDDEN:
            self.hidden += 1
        if tag in _BLOCKS or not self.html:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS or not self.html:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.html and tag == "title":
            self.in_title = False
        elif self.html and tag in _HIDDEN and self.hidden:
            self.hidden -= 1
        if tag in _BLOCKS or not self.html:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.hidden:
            self.parts.append(data)

    def unknown_decl(self, data: str) -> None:
        if data.startswith("CDATA[") and not self.hidden:
            self.parts.append(data[len("CDATA[") :])


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _LINES.sub("\n\n", "\n".join(lines)).strip()


def _strip(text: str, html: bool) -> _Stripper:
    stripper = _Stripper(html)
    stripper.feed(text)
    stripper.close()
    return stripper


def html_text(text: str) -> tuple[str | None, str]:
    """``(title, text)`` of an HTML page; the title from ``<title>`` (None if absent
    or blank)."""
    stripper = _strip(text, html=True)
    title = " ".join("".join(stripper.title).split())
    return title or None, _tidy("".join(stripper.parts))


def xml_text(text: str) -> str:
    """The text content of an XML (or XSLT) document."""
    return _tidy("".join(_strip(text, html=False).parts))
