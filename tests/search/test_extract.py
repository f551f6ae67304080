import io
import sys
import zipfile

from moto_kendra.search import extract
from moto_kendra.search.extract import CONTENT_TYPES, EXTENSIONS, content_type_for, sniff
from moto_kendra.search.extract.pdf import MISSING
from moto_kendra.spec.service import service_model

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
CORE = (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title></cp:coreProperties>'
)


def extract_text(*args, **kwargs):
    return extract.extract_text(*args, **kwargs)


def office(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = office(
    {
        "word/document.xml": f"<w:document {W}><w:body>"
        "<w:p><w:r><w:t>Holiday policy</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Staff get 25 days</w:t><w:tab/><w:t>a year.</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>In a table</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "</w:body></w:document>",
        "docProps/core.xml": CORE.format("HR  Handbook"),
    }
)
PPTX = office(
    {
        "ppt/presentation.xml": "<p/>",
        "ppt/slides/slide10.xml": f"<p:sld {A} xmlns:p='x'><a:p><a:r><a:t>Tenth slide</a:t></a:r></a:p></p:sld>",
        "ppt/slides/slide2.xml": f"<p:sld {A} xmlns:p='x'><a:p><a:r><a:t>Second</a:t></a:r><a:r><a:t> slide</a:t></a:r></a:p></p:sld>",
    }
)
XLSX = office(
    {
        "xl/workbook.xml": "<w/>",
        "xl/sharedStrings.xml": f"<sst {S}><si><t>Region</t></si><si><r><t>Sea</t></r><r><t>ttle</t></r></si></sst>",
        "xl/worksheets/sheet1.xml": f"<worksheet {S}><sheetData>"
        '<row><c t="s"><v>0</v></c><c><v>42</v></c></row>'
        '<row><c t="s"><v>1</v></c><c t="inlineStr"><is><t>inline</t></is></c></row>'
        "</sheetData></worksheet>",
    }
)


def pdf(text, title=None):
    """A minimal one-page PDF showing ``text``."""
    info = f"/Title ({title})" if title else ""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< {info} >>".encode(),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_plain_text_types_are_read_as_text():
    for content_type in ("PLAIN_TEXT", "MD", "CSV", "JSON"):
        found = extract_text('naïve, "text"\n'.encode(), content_type)
        assert found.text == 'naïve, "text"\n' and found.title is None and found.note is None
    assert extract_text(b"\xef\xbb\xbfbom").text == "bom"
    assert extract_text("utf16".encode("utf-16")).text == "utf16"
    bad = extract_text(b"caf\xe9", "PLAIN_TEXT")
    assert bad.text == "caf\ufffd" and "not valid UTF-8" in bad.note


def test_html_loses_markup_scripts_and_styles_and_keeps_its_title():
    page = (
        b"<!DOCTYPE html><html><head><title> Space &amp; Needle </title>"
        b"<style>p { color: red }</style><script>var secret = 1;</script></head>"
        b"<body><h1>Height</h1><p>605&nbsp;feet &eacute;t&#233;</p><noscript>x</noscript></body></html>"
    )
    found = extract_text(page, "HTML")
    assert found.title == "Space & Needle"
    assert found.text == "Height\n\n605\xa0feet été"
    assert extract_text(b"<p>no title</p>", "HTML").title is None


def test_xml_and_xslt_lose_markup():
    document = b'<?xml version="1.0"?><doc><a>One &amp; two</a><b><![CDATA[<raw>]]></b></doc>'
    assert extract_text(document, "XML").text == "One & two\n\n<raw>"
    assert "Hello" in extract_text(b"<xsl:template><p>Hello</p></xsl:template>", "XSLT").text


def test_office_open_xml_documents():
    word = extract_text(DOCX, "MS_WORD")
    assert word.title == "HR Handbook"
    assert word.text == "Holiday policy\nStaff get 25 days\ta year.\nIn a table"
    slides = extract_text(PPTX, "PPT")
    assert slides.text == "Second slide\n\nTenth slide" and slides.title is None
    sheet = extract_text(XLSX, "MS_EXCEL")
    assert sheet.text == "Region\t42\nSeattle\tinline"


def test_office_files_are_recognised_without_a_content_type():
    assert extract_text(PPTX).text.startswith("Second")
    assert extract_text(XLSX, file_name="book.xlsx").text.startswith("Region")


def test_unreadable_and_legacy_office_files_get_a_note():
    legacy = extract_text(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, file_name="old.doc")
    assert legacy.text == "" and "Legacy binary Office" in legacy.note
    broken = extract_text(b"not a zip", "MS_WORD")
    assert broken.text == "" and "could not be read" in broken.note
    malformed = extract_text(office({"word/document.xml": "<unclosed"}), "MS_WORD")
    assert "not well-formed XML" in malformed.note
    missing = extract_text(office({"other.xml": "<x/>"}), "MS_WORD")
    assert "no word/document.xml" in missing.note


def test_rtf():
    document = (
        rb"{\rtf1\ansi{\fonttbl{\f0 Arial;}}{\colortbl;\red0\green0\blue0;}"
        rb"{\info{\title Annual Report}{\author Ann}}{\*\generator Writer;}"
        rb"\f0 Hello \b bold\b0  world\par Caf\'e9 costs 3\u8364? \{braces\}\par}"
    )
    found = extract_text(document, "RTF")
    assert found.title == "Annual Report"
    assert found.text == "Hello bold world\nCafé costs 3€ {braces}"
    assert "Arial" not in found.text and "Ann" not in found.text and "Writer" not in found.text


def test_pdf_through_pypdf():
    found = extract_text(pdf("Hello Kendra", title="Guide"), "PDF")
    assert found.text == "Hello Kendra" and found.title == "Guide" and found.note is None
    assert extract_text(pdf("Hi"), file_name="a.PDF").text == "Hi"
    broken = extract_text(b"%PDF-1.4 nothing else", "PDF")
    assert broken.text == "" and broken.note.startswith("The PDF could not be read")


def test_pdf_without_pypdf_says_how_to_get_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pypdf", None)
    found = extract_text(pdf("Hello"), "PDF")
    assert found.text == "" and found.note == MISSING
    assert 'pip install "moto-kendra[pdf]"' in found.note


def test_content_types_by_extension_and_signature():
    assert content_type_for("docs/Guide.DOCX") == "MS_WORD"
    assert content_type_for("a/b.htm") == "HTML"
    assert content_type_for("notes.txt") == "PLAIN_TEXT"
    assert content_type_for("archive.tar.gz") is None
    assert sniff(b"%PDF-1.7") == "PDF"
    assert sniff(b"{\\rtf1") == "RTF"
    assert sniff(b"  <!DOCTYPE html>") == "HTML"
    assert sniff(b"<?xml version='1.0'?>") == "XML"
    assert sniff(b"plain") == "PLAIN_TEXT"
    assert extract_text(b"<html><title>T</title></html>").title == "T"


def test_every_content_type_of_the_model_is_read():
    assert set(CONTENT_TYPES) == set(service_model().shape_for("ContentType").enum)
    assert set(EXTENSIONS.values()) == set(CONTENT_TYPES)
    for content_type in CONTENT_TYPES:
        assert extract_text(b"", content_type).text == ""
