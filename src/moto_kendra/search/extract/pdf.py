"""Text of PDF documents through ``pypdf``, an optional extra
(``pip install "moto-kendra[pdf]"``), imported only when a PDF is read."""

from __future__ import annotations

import io
import logging

MISSING = (
    'PDF text extraction needs pypdf: pip install "moto-kendra[pdf]". Without it only '
    "the title and attributes are indexed."
)


def pdf_text(data: bytes) -> tuple[str | None, str, str | None]:
    """``(title, text, note)`` of a PDF: its pages' text and its metadata's title; with
    a note (and no text) when pypdf is missing or the file can't be read."""
    try:
        import pypdf
    except ImportError:
        return None, "", MISSING
    # pypdf logs its complaints about damaged files; the note says what matters.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        metadata = reader.metadata
        title = " ".join(str(metadata.title or "").split()) if metadata else ""
    except Exception as error:  # noqa: BLE001 - any failure of a third-party parser
        return None, "", f"The PDF could not be read: {type(error).__name__}: {error}"
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    note = None if text else "The PDF has no extractable text (scanned images are not read)."
    return title or None, text, note
