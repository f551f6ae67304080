"""Text of Office Open XML documents (.docx, .pptx, .xlsx): zip files of XML, read with
``zipfile`` and ``xml.etree`` from the standard library."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ElementTree
import zipfile

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
#: A part larger than this (uncompressed) is not read: a guard against zip bombs.
MAX_PART_BYTES = 64 * 1024 * 1024


class OfficeError(Exception):
    """The document is not a readable Office Open XML file; the message says why."""


def _open(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError) as error:
        raise OfficeError("it is not an Office Open XML (zip) file.") from error


def _xml(archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise OfficeError(f"its part {name} is larger than {MAX_PART_BYTES} bytes.")
    try:
        return ElementTree.fromstring(archive.read(info))
    except (ElementTree.ParseError, zipfile.BadZipFile, OSError, RuntimeError) as error:
        raise OfficeError(f"its part {name} is not well-formed XML ({error}).") from error


def _title(archive: zipfile.ZipFile) -> str | None:
    core = _xml(archive, "docProps/core.xml")
    if core is None:
        return None
    element = core.find(_DC_TITLE)
    title = " ".join((element.text or "").split()) if element is not None else ""
    return title or None


def _numbered(archive: zipfile.ZipFile, pattern: str) -> list[str]:
    regex = re.compile(pattern)
    found = [(int(m.group(1)), name) for name in archive.namelist() if (m := regex.match(name))]
    return [name for _, name in sorted(found)]


def zip_kind(data: bytes) -> str | None:
    """The ContentType of an Office Open XML file, by its parts (None: not one)."""
    try:
        names = set(_open(data).namelist())
    except OfficeError:
        return None
    if "word/document.xml" in names:
        return "MS_WORD"
    if "ppt/presentation.xml" in names:
        return "PPT"
    if "xl/workbook.xml" in names:
        return "MS_EXCEL"
    return None


def _paragraphs(root: ElementTree.Element, paragraph: str, text: str) -> list[str]:
    lines = []
    for element in root.iter(paragraph):
        pieces = []
        for part in element.iter():
            if part.tag == text:
                pieces.append(part.text or "")
            elif part.tag in (_W + "tab",):
                pieces.append("\t")
            elif part.tag in (_W + "br", _W + "cr", _A + "br"):
                pieces.append("\n")
        lines.append("".join(pieces))
    return lines


def docx_text(data: bytes) -> tuple[str | None, str]:
    """``(title, text)`` of a .docx file: its paragraphs, a line each."""
    archive = _open(data)
    document = _xml(archive, "word/document.xml")
    if document is None:
        raise OfficeError("it has no word/document.xml part.")
    lines = _paragraphs(document, _W + "p", _W + "t")
    return _title(archive), "\n".join(lines).strip()


def pptx_text(data: bytes) -> tuple[str | None, str]:
    """``(title, text)`` of a .pptx file: each slide's paragraphs, slides in order."""
    archive = _open(data)
    slides = []
    for name in _numbered(archive, r"^ppt/slides/slide(\d+)\.xml$"):
        root = _xml(archive, name)
        if root is not None:
            slides.append("\n".join(_paragraphs(root, _A + "p", _A + "t")).strip())
    return _title(archive), "\n\n".join(s for s in slides if s)


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    root = _xml(archive, "xl/sharedStrings.xml")
    if root is None:
        return []
    return ["".join(t.text or "" for t in item.iter(_S + "t")) for item in root.iter(_S + "si")]


def _cell(cell: ElementTree.Element, shared: list[str]) -> str:
    kind = cell.get("t")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(_S + "t"))
    value = cell.find(_S + "v")
    raw = value.text if value is not None and value.text is not None else ""
    if kind == "s":
        try:
            return shared[int(raw)]
        except (ValueError, IndexError):
            return ""
    return raw


def xlsx_text(data: bytes) -> tuple[str | None, str]:
    """``(title, text)`` of a .xlsx file: each sheet's rows, cells separated by tabs."""
    archive = _open(data)
    shared = _shared_strings(archive)
    sheets = []
    for name in _numbered(archive, r"^xl/worksheets/sheet(\d+)\.xml$"):
        root = _xml(archive, name)
        if root is None:
            continue
        rows = []
        for row in root.iter(_S + "row"):
            cells = [_cell(cell, shared) for cell in row.iter(_S + "c")]
            if any(cells):
                rows.append("\t".join(cells).rstrip("\t"))
        sheets.append("\n".join(rows))
    return _title(archive), "\n\n".join(s for s in sheets if s)
