"""Text extraction: a document's bytes to its title and searchable text.

``extract_text(data, content_type, file_name=...)`` reads, by Kendra's ContentType (or,
without one, the file name's extension, or else the bytes' signature):

============  ==================================================================
PLAIN_TEXT,   the text itself (UTF-8; a byte order mark selects UTF-16 or UTF-32;
MD, CSV,      invalid bytes are replaced, with a note). Kendra reads JSON files as
JSON          plain text (index-document-types.md).
HTML          markup removed, ``<script>``/``<style>`` dropped, entities decoded,
              ``<title>`` as the title.
XML, XSLT     markup removed, entities decoded.
MS_WORD       .docx (a zip of XML): paragraph text, the core properties' title.
PPT           .pptx: the slides' text in slide order, the core properties' title.
MS_EXCEL      .xlsx: each sheet's cells, a row a line, cells separated by tabs.
RTF           control words and hidden groups stripped, ``\\title`` as the title.
PDF           through ``pypdf`` when installed (``pip install "moto-kendra[pdf]"``):
              each page's text, the metadata's title.
============  ==================================================================

Legacy binary Office files (.doc, .ppt, .xls), PDFs without ``pypdf``, and anything
unreadable give no text and a ``note`` saying why (the caller indexes the title and
attributes only). Only the standard library is used, except ``pypdf`` for PDF.
"""

from __future__ import annotations

import codecs
import posixpath
from typing import NamedTuple

from .pdf import pdf_text
from .rtf import rtf_text

#: Kendra's ContentType values (botocore's model), each with how it is read.
CONTENT_TYPES = (
    "PDF",
    "HTML",
    "MS_WORD",
    "PLAIN_TEXT",
    "PPT",
    "RTF",
    "XML",
    "XSLT",
    "MS_EXCEL",
    "CSV",
    "JSON",
    "MD",
)

#: File name extensions (as S3 object keys have them) -> ContentType.
EXTENSIONS = {
    ".txt": "PLAIN_TEXT",
    ".text": "PLAIN_TEXT",
    ".md": "MD",
    ".markdown": "MD",
    ".csv": "CSV",
    ".json": "JSON",
    ".html": "HTML",
    ".htm": "HTML",
    ".xhtml": "HTML",
    ".xml": "XML",
    ".xsl": "XSLT",
    ".xslt": "XSLT",
    ".rtf": "RTF",
    ".pdf": "PDF",
    ".doc": "MS_WORD",
    ".docx": "MS_WORD",
    ".ppt": "PPT",
    ".pptx": "PPT",
    ".xls": "MS_EXCEL",
    ".xlsx": "MS_EXCEL",
}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class ExtractedText(NamedTuple):
    """What extraction found: a title (None if the format gave none), the text (empty
    when none could be read), and a note when text couldn't be (fully) extracted."""

    title: str | None
    text: str
    note: str | None = None


def content_type_for(file_name: str) -> str | None:
    """The ContentType a file name's extension means (None: unknown extension)."""
    return EXTENSIONS.get(posixpath.splitext(file_name.lower())[1])


def sniff(data: bytes) -> str:
    """The ContentType the bytes look like (PLAIN_TEXT when nothing else fits)."""
    head = data[:1024].lstrip().lower()
    if data.startswith(b"%PDF"):
        return "PDF"
    if data.startswith(b"{\\rtf"):
        return "RTF"
    if data.startswith(_ZIP):
        return "MS_WORD"  # the zip's contents decide; office.py tells them apart
    if data.startswith(_OLE):
        return "MS_WORD"
    if head.startswith((b"<!doctype html", b"<html")):
        return "HTML"
    if head.startswith(b"<?xml"):
        return "XML"
    return "PLAIN_TEXT"


def decode(data: bytes) -> tuple[str, str | None]:
    """Bytes as text: by byte order mark, else UTF-8; invalid bytes replaced (noted)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return (
            data.decode("utf-8", errors="replace"),
            "The document is not valid UTF-8; its invalid bytes were replaced.",
        )


def _office(data: bytes, content_type: str) -> ExtractedText:
    if data.startswith(_OLE):
        return ExtractedText(
            None,
            "",
            "Legacy binary Office documents (.doc, .ppt, .xls) are not read; only the "
            "title and attributes are indexed. Save it as .docx, .pptx or .xlsx.",
        )
    # Imported on first use: zipfile and xml.etree cost ~5 ms of every import otherwise.
    from .office import OfficeError, docx_text, pptx_text, xlsx_text

    try:
        title, text = {"MS_WORD": docx_text, "PPT": pptx_text, "MS_EXCEL": xlsx_text}[content_type](
            data
        )
    except OfficeError as error:
        return ExtractedText(None, "", f"The {content_type} document could not be read: {error}")
    return ExtractedText(title, text)


def extract_text(
    data: bytes, content_type: str | None = None, *, file_name: str | None = None
) -> ExtractedText:
    """The title and text of a document (see the module doc). ``content_type`` is
    Kendra's ContentType; without it, ``file_name``'s extension decides, else the
    bytes' signature."""
    kind = content_type or (content_type_for(file_name) if file_name else None) or sniff(data)
    if kind in ("MS_WORD", "PPT", "MS_EXCEL") and data.startswith(_ZIP) and not content_type:
        from .office import zip_kind

        kind = zip_kind(data) or kind
    if kind in ("MS_WORD", "PPT", "MS_EXCEL"):
        return _office(data, kind)
    if kind == "PDF":
        title, text, note = pdf_text(data)
        return ExtractedText(title, text, note)
    if kind == "RTF":
        text, note = decode(data)
        title, body = rtf_text(text)
        return ExtractedText(title, body, note)
    text, note = decode(data)
    if kind in ("HTML", "XML", "XSLT"):
        from .markup import html_text, xml_text  # html.parser, imported on first use
    if kind == "HTML":
        title, body = html_text(text)
        return ExtractedText(title, body, note)
    if kind in ("XML", "XSLT"):
        return ExtractedText(None, xml_text(text), note)
    if kind not in CONTENT_TYPES:
        note = f"Unknown content type {kind}; the document was read as plain text."
    return ExtractedText(None, text, note)
