"""parse_document: structure out of each format, and one typed, text-free error per bad file.

Fixtures are generated here: PDFs are written by hand (a few objects and an xref table) so
the text layer, compression and damage are exactly what each test needs; pypdf encrypts
copies and adds blank pages; python-docx writes DOCX. tests/data/broken/ holds the same
kinds of damage as committed files (see its README).
"""

from __future__ import annotations

import codecs
import hashlib
import io
import zipfile
import zlib
from pathlib import Path

import pypdf
import pytest

from retrieval import parsers
from retrieval.parsers import (
    Block,
    CorruptFile,
    DecompressionBomb,
    EmptyFile,
    EncryptedPDF,
    FileTooLarge,
    IngestError,
    NeedsOCR,
    NotUTF8,
    UnsupportedType,
    parse_document,
    safe_filename,
)

SECRET = "Zebrafish quarterly salary"  # must never appear in an error message
BROKEN = Path(__file__).resolve().parents[2] / "data" / "broken"


# ---------------------------------------------------------------------------------- builders
def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def page_stream(lines: list[str]) -> bytes:
    """Helvetica text lines top-down; an empty string leaves a paragraph-sized gap."""
    ops, y = [], 760
    for line in lines:
        if line:
            ops.append(f"BT /F1 11 Tf 72 {y} Td ({_escape(line)}) Tj ET")
        y -= 14 if line else 20
    return "\n".join(ops).encode("cp1252")


def make_pdf(
    pages: list[list[str]],
    *,
    title: str | None = None,
    compress: bool = True,
    streams: list[bytes] | None = None,
    form: bytes | None = None,
) -> bytes:
    """A minimal valid PDF with a real text layer.

    `streams` replaces each page's encoded contents; `form` is a Flate-encoded form
    XObject that every page draws.
    """
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    }
    form_num = 4 + 2 * len(pages)
    xobject = f" /XObject << /X1 {form_num} 0 R >>" if form is not None else ""
    kids = []
    for i, lines in enumerate(pages):
        page_num, content_num = 4 + 2 * i, 5 + 2 * i
        kids.append(f"{page_num} 0 R")
        raw = streams[i] if streams is not None else None
        objects[content_num] = _contents(lines, compress, raw, draws_form=form is not None)
        objects[page_num] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 3 0 R >>{xobject} >> /Contents {content_num} 0 R >>"
        ).encode()
    if form is not None:
        head = "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Filter /FlateDecode"
        head += f" /Resources << /Font << /F1 3 0 R >> >> /Length {len(form)}"
        objects[form_num] = _stream(head, form)
    objects[2] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode()
    info = ""
    if title is not None:
        objects[len(objects) + 1] = f"<< /Title ({_escape(title)}) >>".encode("cp1252")
        info = f" /Info {len(objects)} 0 R"
    return _assemble(objects, info)


def _contents(lines: list[str], compress: bool, raw: bytes | None, *, draws_form: bool) -> bytes:
    """A page's content stream object: `raw` (Flate) bytes as given, else the drawn text."""
    if raw is not None:
        return _stream(f"/Length {len(raw)} /Filter /FlateDecode", raw)
    body = page_stream(lines) + (b"\nq /X1 Do Q" if draws_form else b"")
    if not compress:
        return _stream(f"/Length {len(body)}", body)
    body = zlib.compress(body)
    return _stream(f"/Length {len(body)} /Filter /FlateDecode", body)


def _stream(head: str, body: bytes) -> bytes:
    return f"<< {head} >>\nstream\n".encode() + body + b"\nendstream"


def _assemble(objects: dict[int, bytes], info: str) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += f"{num} 0 obj\n".encode() + objects[num] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for num in range(1, size):
        out += f"{offsets[num]:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {size} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def encrypted(pdf: bytes, user_password: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def blank_pdf(pages: int) -> bytes:
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(612, 792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(title: str = "") -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.add_heading("Quarterly report", level=1)
    document.add_paragraph("Revenue grew in every region.")
    document.add_heading("Scope", level=2)
    document.add_paragraph("Only   the\tEMEA offices.")
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate([["Region", "Revenue"], ["EMEA", "12"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("")
    document.add_paragraph("After the table.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def texts(doc: parsers.ParsedDocument) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for page in doc.pages for b in page.blocks]


# ---------------------------------------------------------------------------------- text
def test_parse_document_markdown_structure_headings_and_paragraphs() -> None:
    md = (
        "---\ntitle: ignored front matter\n---\n"
        "# Handbook\n\nIntro line one\nline two.\n\n"
        "Setext heading\n--------------\n\n"
        "- first item\n- second item\n1. Step one\n\n"
        "```bash\n# not a heading\necho hi\n```\n\n"
        "## Closing ##\n\n***\n\nLast words.\n"
    )
    doc = parse_document(md.encode(), "notes.md")
    assert doc.kind == "markdown"
    assert doc.title == "Handbook"
    assert texts(doc) == [
        ("heading", "Handbook"),
        ("paragraph", "Intro line one line two."),
        ("heading", "Setext heading"),
        ("paragraph", "first item"),
        ("paragraph", "second item"),
        ("paragraph", "1. Step one"),
        ("paragraph", "# not a heading echo hi"),
        ("heading", "Closing"),
        ("paragraph", "Last words."),
    ]
    assert [b.level for b in doc.pages[0].blocks if b.kind == "heading"] == [1, 2, 2]


def test_parse_document_text_blank_lines_split_paragraphs_title_is_stem() -> None:
    doc = parse_document(
        b"First para\r\nstill first.\r\n\r\n  \r\nSecond.\x0cThird.", "a/b/memo.txt"
    )
    assert doc.kind == "text"
    assert doc.title == "memo"
    assert [p.number for p in doc.pages] == [1]
    assert texts(doc) == [
        ("paragraph", "First para still first."),
        ("paragraph", "Second."),
        ("paragraph", "Third."),
    ]


def test_parse_document_text_normalises_nfc_controls_and_whitespace() -> None:
    raw = "Cafe\u0301\x00 \x07bar\t\t  baz\u00ad\u200b!\n\nnext\u00a0\u00a0para"
    doc = parse_document(raw.encode(), "n.txt")
    assert texts(doc) == [("paragraph", "Café bar baz!"), ("paragraph", "next para")]


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + "Grüße aus Köln".encode(),
        codecs.BOM_UTF16_LE + "Grüße aus Köln".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "Grüße aus Köln".encode("utf-16-be"),
        codecs.BOM_UTF32_LE + "Grüße aus Köln".encode("utf-32-le"),
    ],
)
def test_parse_document_text_with_bom_decodes(data: bytes) -> None:
    assert texts(parse_document(data, "g.txt")) == [("paragraph", "Grüße aus Köln")]


@pytest.mark.parametrize(
    "data",
    [
        f"{SECRET} Grüße".encode("latin-1"),
        f"{SECRET}".encode("utf-16-le"),  # no BOM: valid UTF-8 full of NULs
        b"\xff\xfe\x00",  # BOM, then an odd byte count
    ],
)
def test_parse_document_text_not_utf8_raises_not_utf8(data: bytes) -> None:
    with pytest.raises(NotUTF8) as caught:
        parse_document(data, "legacy.txt")
    assert "legacy.txt" in caught.value.message
    assert SECRET not in caught.value.message


def test_parse_document_html_keeps_content_drops_chrome() -> None:
    html = """<!doctype html><html><head><title>Travel policy</title>
    <style>p {color: red}</style><script>alert("x")</script></head><body>
    <nav><a href="/">Home</a> menu</nav>
    <h1>Travel</h1><!-- a comment -->
    <p>Book <b>economy</b> class.<br>Always.</p>
    <div>Loose <span>div</span> text<ul><li>Trains first</li><li>Then planes</li></ul></div>
    <h2>Claims</h2><table><tr><th>Item</th><th>Limit</th></tr><tr><td>Hotel</td><td>150</td></tr></table>
    <p hidden>invisible</p><noscript>enable js</noscript>
    <footer>© Company</footer></body></html>"""
    doc = parse_document(html.encode(), "policy.html")
    assert doc.kind == "html"
    assert doc.title == "Travel policy"
    assert texts(doc) == [
        ("heading", "Travel"),
        ("paragraph", "Book economy class. Always."),
        ("paragraph", "Loose div text"),
        ("paragraph", "Trains first"),
        ("paragraph", "Then planes"),
        ("heading", "Claims"),
        ("paragraph", "Item | Limit"),
        ("paragraph", "Hotel | 150"),
    ]


def test_parse_document_html_deep_nesting_no_recursion_error() -> None:
    html = "<div>" * 20_000 + "deep text" + "</div>" * 20_000
    doc = parse_document(f"<html><body>{html}<p>after</p></body></html>".encode(), "deep.htm")
    assert ("paragraph", "after") in texts(doc)


# ---------------------------------------------------------------------------------- docx
def test_parse_document_docx_headings_paragraphs_tables_in_order() -> None:
    doc = parse_document(make_docx(), "report.docx")
    assert doc.kind == "docx"
    assert doc.title == "Quarterly report"
    assert texts(doc) == [
        ("heading", "Quarterly report"),
        ("paragraph", "Revenue grew in every region."),
        ("heading", "Scope"),
        ("paragraph", "Only the EMEA offices."),
        ("paragraph", "Region | Revenue"),
        ("paragraph", "EMEA | 12"),
        ("paragraph", "After the table."),
    ]
    assert [b.level for b in doc.pages[0].blocks if b.kind == "heading"] == [1, 2]


def test_parse_document_docx_core_title_wins() -> None:
    assert parse_document(make_docx(title="Q3 2025"), "r.docx").title == "Q3 2025"


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def test_parse_document_docx_zero_filled_member_raises_decompression_bomb() -> None:
    bomb = _zip({"word/document.xml": b"<w:document/>", "word/media/x.bin": bytes(8 * 2**20)})
    assert len(bomb) < 64 * 1024
    with pytest.raises(DecompressionBomb):
        parse_document(bomb, "bomb.docx")


def test_parse_document_docx_total_size_over_cap_raises_decompression_bomb(monkeypatch) -> None:
    monkeypatch.setattr(parsers, "ZIP_MAX_TOTAL_BYTES", 1000)
    with pytest.raises(DecompressionBomb):
        parse_document(make_docx(), "big.docx")


def test_parse_document_docx_truncated_raises_corrupt_file() -> None:
    data = make_docx()
    with pytest.raises(CorruptFile):
        parse_document(data[: len(data) // 2], "cut.docx")


def test_parse_document_docx_broken_xml_raises_corrupt_file() -> None:
    with pytest.raises(CorruptFile):
        parse_document(_zip({"word/document.xml": b"<w:document"}), "broken.docx")


def test_parse_document_zip_without_word_document_raises_unsupported_type() -> None:
    with pytest.raises(UnsupportedType):
        parse_document(_zip({"xl/workbook.xml": b"<workbook/>"}), "sheet.docx")


# ---------------------------------------------------------------------------------- pdf
def test_parse_document_pdf_pages_paragraphs_and_metadata_title() -> None:
    pdf = make_pdf(
        [["First paragraph line one", "and line two.", "", "Second paragraph."], ["Page two."]],
        title="Annual Review",
    )
    doc = parse_document(pdf, "review.pdf")
    assert (doc.kind, doc.title) == ("pdf", "Annual Review")
    assert [p.number for p in doc.pages] == [1, 2]
    assert [b.text for b in doc.pages[0].blocks] == [
        "First paragraph line one and line two.",
        "Second paragraph.",
    ]
    assert doc.pages[1].blocks == [Block("paragraph", "Page two.")]


def test_parse_document_pdf_uncompressed_content_parsed() -> None:
    doc = parse_document(make_pdf([["Plain (stream)."]], compress=False), "plain.pdf")
    assert texts(doc) == [("paragraph", "Plain (stream).")]


def test_parse_document_pdf_blank_page_kept_empty_title_from_stem() -> None:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(make_pdf([["Text."]]))))
    writer.add_blank_page(612, 792)
    out = io.BytesIO()
    writer.write(out)
    doc = parse_document(out.getvalue(), "two pages.pdf")
    assert doc.title == "two pages"
    assert [len(p.blocks) for p in doc.pages] == [1, 0]


def test_parse_document_pdf_stream_without_checksum_accepted() -> None:
    stream = zlib.compress(page_stream(["Hello."]))[:-4]
    doc = parse_document(make_pdf([[]], streams=[stream]), "sloppy.pdf")
    assert texts(doc) == [("paragraph", "Hello.")]


def test_parse_document_pdf_needing_password_raises_encrypted_pdf() -> None:
    with pytest.raises(EncryptedPDF) as caught:
        parse_document(encrypted(make_pdf([[SECRET]]), "hunter2"), "locked.pdf")
    assert "password" in caught.value.message
    assert caught.value.code == "encrypted_pdf"


def test_parse_document_pdf_empty_user_password_accepted() -> None:
    doc = parse_document(encrypted(make_pdf([["Open to all."]]), ""), "restricted.pdf")
    assert texts(doc) == [("paragraph", "Open to all.")]


def test_parse_document_pdf_cipher_unavailable_raises_encrypted_pdf(monkeypatch) -> None:
    def no_aes(self, password):
        raise pypdf.errors.DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(pypdf.PdfReader, "decrypt", no_aes)
    with pytest.raises(EncryptedPDF):
        parse_document(encrypted(make_pdf([["x"]]), ""), "aes.pdf")


def test_parse_document_pdf_first_half_raises_corrupt_file() -> None:
    pdf = make_pdf([[SECRET] * 20] * 3)
    with pytest.raises(CorruptFile) as caught:
        parse_document(pdf[: len(pdf) // 2], "half.pdf")
    assert SECRET not in caught.value.message


def test_parse_document_pdf_cut_content_stream_raises_corrupt_file() -> None:
    cut = zlib.compress(page_stream([SECRET] * 30))[:-30]
    with pytest.raises(CorruptFile):
        parse_document(make_pdf([[]], streams=[cut]), "cut-stream.pdf")


@pytest.mark.parametrize(
    "stream",
    [b"\x00\x01 not deflate" * 8, zlib.compress(page_stream([SECRET]))[2:]],
    ids=["garbage", "no-zlib-header"],
)
def test_parse_document_pdf_undecodable_stream_raises_corrupt_file(stream: bytes) -> None:
    with pytest.raises(CorruptFile):
        parse_document(make_pdf([[]], streams=[stream]), "junk.pdf")


def test_parse_document_pdf_pages_without_text_raise_needs_ocr() -> None:
    with pytest.raises(NeedsOCR) as caught:
        parse_document(blank_pdf(3), "scan.pdf")
    assert "OCR" in caught.value.message


def test_parse_document_pdf_without_pages_raises_empty_file() -> None:
    with pytest.raises(EmptyFile):
        parse_document(blank_pdf(0), "nothing.pdf")


def test_parse_document_pdf_inflating_stream_raises_decompression_bomb() -> None:
    bomb = zlib.compress(b" " * (parsers.PDF_STREAM_CAP + 2**20), 9)
    assert len(bomb) < 64 * 1024
    with pytest.raises(DecompressionBomb):
        parse_document(make_pdf([[]], streams=[bomb]), "bomb.pdf")


def test_parse_document_pdf_many_inflating_pages_raise_decompression_bomb(monkeypatch) -> None:
    monkeypatch.setattr(parsers, "PDF_TOTAL_INFLATE_CAP", 2**20)
    each = zlib.compress(b" " * 300_000)  # under the per-stream cap; 4 pages are over the total
    with pytest.raises(DecompressionBomb):
        parse_document(make_pdf([[]] * 4, streams=[each] * 4), "many.pdf")


def test_parse_document_pdf_form_xobject_text_extracted() -> None:
    form = zlib.compress(page_stream(["Drawn by a form."]))
    doc = parse_document(make_pdf([["Page text."]], form=form), "form.pdf")
    assert " ".join(b.text for b in doc.pages[0].blocks) == "Page text. Drawn by a form."


def test_parse_document_pdf_cut_form_xobject_raises_corrupt_file() -> None:
    form = zlib.compress(page_stream([SECRET] * 30))[:-30]
    with pytest.raises(CorruptFile):
        parse_document(make_pdf([["Page text."]], form=form), "cut-form.pdf")


def test_parse_document_pdf_text_over_char_cap_raises_decompression_bomb() -> None:
    pdf = make_pdf([["a" * 80] * 10] * 3)
    with pytest.raises(DecompressionBomb):
        parse_document(pdf, "long.pdf", max_chars=1500)


# ---------------------------------------------------------------------------------- common
def test_parse_document_content_hash_is_sha256_of_bytes() -> None:
    data = b"# T\n\nbody"
    assert parse_document(data, "t.md").content_hash == hashlib.sha256(data).hexdigest()


def test_parse_document_over_max_bytes_raises_before_parsing() -> None:
    with pytest.raises(FileTooLarge) as caught:
        parse_document(b"%PDF-garbage that would be corrupt", "big.pdf", max_bytes=10)
    assert caught.value.code == "file_too_large"


def test_parse_document_text_over_char_cap_raises_file_too_large() -> None:
    with pytest.raises(FileTooLarge):
        parse_document(b"word " * 100, "long.txt", max_chars=50)


@pytest.mark.parametrize(
    ("data", "name"),
    [(b"", "empty.pdf"), (b"", "empty.txt"), (b" \n\t\r\n ", "blank.md"), (b"<p> </p>", "e.html")],
)
def test_parse_document_no_text_raises_empty_file(data: bytes, name: str) -> None:
    with pytest.raises(EmptyFile):
        parse_document(data, name)


@pytest.mark.parametrize(
    ("data", "name", "error"),
    [
        (b"text", "archive.rar", UnsupportedType),
        (b"text", "README", UnsupportedType),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old.doc", UnsupportedType),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old.docx", UnsupportedType),
        (make_pdf([["x"]]), "disguised.txt", UnsupportedType),
        (make_pdf([["x"]]), "disguised.docx", UnsupportedType),
        (b"PK\x03\x04 rest", "disguised.md", UnsupportedType),
        (b"just text", "fake.pdf", CorruptFile),
        (b"just text", "fake.docx", CorruptFile),
    ],
)
def test_parse_document_type_mismatch_raises_typed_error(data, name, error) -> None:
    with pytest.raises(error):
        parse_document(data, name)


def test_parse_document_pdf_header_after_junk_accepted() -> None:
    doc = parse_document(b"\r\n" + make_pdf([["Still fine."]]), "junk-first.pdf")
    assert texts(doc) == [("paragraph", "Still fine.")]


def test_ingest_error_codes_distinct_and_rooted_in_ingest_error() -> None:
    kinds = [EmptyFile, UnsupportedType, FileTooLarge, EncryptedPDF, CorruptFile, NeedsOCR]
    kinds += [DecompressionBomb, NotUTF8]
    assert all(issubclass(k, IngestError) for k in kinds)
    assert len({k.code for k in kinds}) == len(kinds)


def test_safe_filename_strips_path_and_control_chars() -> None:
    assert safe_filename("C:\\Users\\x\\..\\evil\x1b[31m.pdf") == "evil[31m.pdf"
    assert safe_filename("../../") == "upload"
    assert len(safe_filename("a" * 500 + ".pdf")) == 120


# ---------------------------------------------------------------------------------- committed
BROKEN_EXPECTED = {
    "truncated.pdf": CorruptFile,
    "cut-stream.pdf": CorruptFile,
    "password.pdf": EncryptedPDF,
    "scanned.pdf": NeedsOCR,
    "bomb.docx": DecompressionBomb,
    "truncated.docx": CorruptFile,
    "latin1.txt": NotUTF8,
    "utf16-no-bom.md": NotUTF8,
    "empty.txt": EmptyFile,
    "pdf-named.html": UnsupportedType,
}


@pytest.mark.parametrize("name", sorted(BROKEN_EXPECTED))
def test_parse_document_committed_broken_file_raises_expected_error(name: str) -> None:
    with pytest.raises(BROKEN_EXPECTED[name]) as caught:
        parse_document((BROKEN / name).read_bytes(), name)
    assert caught.value.message.startswith(f"{name}: ")
    assert SECRET not in caught.value.message


def test_broken_fixture_folder_fully_covered() -> None:
    assert {p.name for p in BROKEN.iterdir()} - {"README.md"} == set(BROKEN_EXPECTED)
