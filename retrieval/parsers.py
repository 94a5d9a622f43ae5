"""Documents in, structured text out, with one typed error per way a file can be unusable.

Uploads are untrusted bytes, so every format gets the same treatment: the size is checked
before any parser runs, the declared type (extension) must agree with the content (magic
bytes), decompression is bounded (ZIP members, PDF streams, total extracted text) and a file
that is truncated, encrypted or image-only is refused with a message that names the file and
says what to do, never a half-ingested document. Messages never quote document text, so they
are safe to show to users and to log.

Decisions, each with a test:
- PDFs encrypted with an *empty* user password (owner-password "restrictions" only, common
  for bank statements and forms) open in every viewer without a prompt, so they are accepted.
  A PDF that needs a password, or uses a cipher this install cannot open, is `EncryptedPDF`.
- Text, Markdown and HTML must be UTF-8 (BOM optional). UTF-16/UTF-32 are accepted only with
  a byte-order mark (what Windows Notepad writes); anything else that does not decode, or that
  is over 10% NUL (binary, or UTF-16 without a BOM), is `NotUTF8`; a stray NUL is cleaned.
  An HTML `<meta charset>` is not honoured: a declared charset is no proof of the bytes.
- The extracted-text cap is `DecompressionBomb` for PDF/DOCX (their text expands from compressed
  streams) and `FileTooLarge` for the plain formats (their text is just the bytes).
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from hashlib import sha256
from itertools import pairwise
from pathlib import PurePosixPath
from typing import Any, Literal

Kind = Literal["pdf", "text", "markdown", "html", "docx"]

MAX_TEXT_CHARS = 20_000_000
ZIP_MAX_MEMBERS = 5_000
ZIP_MAX_TOTAL_BYTES = 256 * 2**20
ZIP_MAX_RATIO = 100  # deflated XML is ~5-20x; zero-filled bombs are ~1000x
ZIP_RATIO_MIN_BYTES = 2**20  # tiny members may compress extremely well
PDF_STREAM_CAP = 32 * 2**20
PDF_TOTAL_INFLATE_CAP = 256 * 2**20  # all content streams together: pypdf keeps them decoded
TITLE_MAX_CHARS = 300

EXTENSIONS: dict[str, Kind] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
CLAIMED = {"pdf": "PDF", "docx": "Word (DOCX)"}
SNIFFED = {"pdf": "a PDF", "zip": "a ZIP archive", "ole": "a legacy Office document (.doc/.xls)"}


# ---------------------------------------------------------------------------------- errors
class IngestError(Exception):
    """A file we refuse; `code` is stable for API clients, the message is user-safe."""

    code = "ingest_error"

    def __init__(self, filename: str, reason: str) -> None:
        self.filename = safe_filename(filename)
        self.message = f"{self.filename}: {reason}"
        super().__init__(self.message)


class EmptyFile(IngestError):
    code = "empty_file"


class UnsupportedType(IngestError):
    code = "unsupported_type"


class FileTooLarge(IngestError):
    code = "file_too_large"


class EncryptedPDF(IngestError):
    code = "encrypted_pdf"


class CorruptFile(IngestError):
    code = "corrupt_file"


class NeedsOCR(IngestError):
    code = "needs_ocr"


class DecompressionBomb(IngestError):
    code = "decompression_bomb"


class NotUTF8(IngestError):
    code = "not_utf8"


# ---------------------------------------------------------------------------------- model
@dataclass(frozen=True, slots=True)
class Block:
    kind: Literal["heading", "paragraph"]
    text: str
    level: int = 0


@dataclass(frozen=True, slots=True)
class Page:
    number: int
    blocks: list[Block]


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    title: str
    content_hash: str
    kind: Kind
    pages: list[Page]


# ---------------------------------------------------------------------------------- text
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b\ufeff\ud800-\udfff]")


def clean(text: str) -> str:
    """NFC, no control/invisible chars, single spaces: what embedding and BM25 should see."""
    return " ".join(unicodedata.normalize("NFC", _CONTROL.sub("", text)).split())


def safe_filename(filename: str) -> str:
    """The upload's base name, printable and short, so error messages and logs stay tame."""
    base = re.split(r"[/\\]", filename)[-1]
    name = clean(base) or "upload"
    return name if len(name) <= 120 else name[:119] + "…"


def _paragraphs(text: str) -> list[Block]:
    """Blank lines separate paragraphs; lines inside one are joined."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n\n")
    return [Block("paragraph", p) for p in map(clean, re.split(r"\n[^\S\n]*\n", text)) if p]


# ---------------------------------------------------------------------------------- entry
def parse_document(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = 50 * 2**20,
    max_chars: int = MAX_TEXT_CHARS,
) -> ParsedDocument:
    """Parse an upload into pages of headings and paragraphs, or raise an `IngestError`."""
    name = safe_filename(filename)
    if len(data) > max_bytes:
        limit = f"{max_bytes / 2**20:g} MiB" if max_bytes >= 2**20 else f"{max_bytes:,}-byte"
        raise FileTooLarge(name, f"is larger than the {limit} upload limit")
    if not data:
        raise EmptyFile(name, "is empty (0 bytes)")
    kind = detect_kind(data, name)
    title, pages = _PARSERS[kind](data, name, max_chars)
    if not any(page.blocks for page in pages):
        raise EmptyFile(name, "contains no text")
    first_heading = next((b.text for p in pages for b in p.blocks if b.kind == "heading"), "")
    title = clean(title) or first_heading or clean(PurePosixPath(name).stem) or name
    if len(title) > TITLE_MAX_CHARS:
        title = title[: TITLE_MAX_CHARS - 1] + "…"
    return ParsedDocument(title, sha256(data).hexdigest(), kind, pages)


def _sniff(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    return None


def detect_kind(data: bytes, name: str) -> Kind:
    """The extension says what the user meant; the magic bytes must not contradict it."""
    ext = PurePosixPath(name.lower()).suffix
    claimed = EXTENSIONS.get(ext)
    if claimed is None:
        hint = " (legacy Word: save it as .docx)" if ext == ".doc" else ""
        raise UnsupportedType(
            name, f"has an unsupported type{hint}; upload PDF, DOCX, text, Markdown or HTML"
        )
    sniffed = _sniff(data)
    if claimed == "pdf" and b"%PDF-" in data[:1024]:  # the spec tolerates leading junk
        return claimed
    if (claimed == "docx" and sniffed == "zip") or (claimed not in ("pdf", "docx") and not sniffed):
        return claimed
    if sniffed is None:
        raise CorruptFile(name, f"is not a valid {CLAIMED[claimed]} file")
    raise UnsupportedType(name, f"content is {SNIFFED[sniffed]}, which does not match its name")


# ---------------------------------------------------------------------------------- plain
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_text(data: bytes, name: str, max_chars: int) -> str:
    """Strict decoding: silently replaced bytes would corrupt what retrieval finds."""
    encoding, body = next(
        ((enc, data[len(bom) :]) for bom, enc in _BOMS if data.startswith(bom)), ("utf-8", data)
    )
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise NotUTF8(
            name, f"is not valid {encoding.upper()} text (bad byte at offset {exc.start})"
        ) from None
    if text.count("\x00") * 10 > len(text):  # a stray NUL is cleaned away; this many is not text
        raise NotUTF8(name, "contains NUL bytes: binary, or UTF-16 without a byte-order mark")
    if len(text) > max_chars:
        raise FileTooLarge(name, f"has more than {max_chars:,} characters of text")
    return text


def _parse_text(data: bytes, name: str, max_chars: int) -> tuple[str, list[Page]]:
    return "", [Page(1, _paragraphs(decode_text(data, name, max_chars)))]


_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_ITEM = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+")


class _MarkdownReader:
    """A line scanner for the block structure that matters to retrieval (not a renderer)."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.para: list[str] = []
        self.fence = ""

    def flush(self) -> None:
        if text := clean(" ".join(self.para)):
            self.blocks.append(Block("paragraph", text))
        self.para = []

    def heading(self, text: str, level: int) -> None:
        self.para = []
        if text := clean(text):
            self.blocks.append(Block("heading", text, level))

    def feed(self, line: str) -> None:
        if self.fence:  # code stays text, but a `# comment` in it is no heading
            if line.strip().startswith(self.fence):
                self.fence = ""
                self.flush()
            else:
                self.para.append(line)
        elif m := _FENCE.match(line):
            self.flush()
            self.fence = m.group(1)
        elif not line.strip():
            self.flush()
        elif self.para and (m := _SETEXT.match(line)):
            self.heading(" ".join(self.para), 1 if m.group(1)[0] == "=" else 2)
        elif m := _ATX.match(line):
            self.flush()
            self.heading(m.group(2) or "", len(m.group(1)))
        elif _RULE.match(line):
            self.flush()
        elif m := _ITEM.match(line):  # each item is a paragraph; numbers may matter, bullets not
            self.flush()
            self.para.append(line[m.end() :] if line.lstrip()[0] in "-*+" else line)
        else:
            self.para.append(line)


def _parse_markdown(data: bytes, name: str, max_chars: int) -> tuple[str, list[Page]]:
    text = decode_text(data, name, max_chars).replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines[0].strip() == "---":  # YAML front matter is metadata, not prose
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), 0)
        lines = lines[end + 1 :]
    reader = _MarkdownReader()
    for line in lines:
        reader.feed(line)
    reader.flush()
    return "", [Page(1, reader.blocks)]


# ---------------------------------------------------------------------------------- html
_HTML_DROP = ["script", "style", "noscript", "template", "nav", "footer", "head"]
_HTML_DROP += ["svg", "math", "canvas", "iframe", "object", "embed", "button", "select"]
_HTML_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCK_TAGS = (
    "address article aside blockquote body caption dd details dialog div dl dt fieldset"
    " figcaption figure form header hgroup hr html legend li main ol p pre section summary"
    " table tbody tfoot thead tr ul"
)
_HTML_BLOCKS = frozenset(_BLOCK_TAGS.split())


def _parse_html(data: bytes, name: str, max_chars: int) -> tuple[str, list[Page]]:
    """Parsed with lxml through BeautifulSoup: markup is read as data, nothing runs."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(decode_text(data, name, max_chars), "lxml")
    title = soup.title.get_text(" ") if soup.title else ""
    for tag in soup.find_all(_HTML_DROP):
        if not tag.decomposed:
            tag.decompose()
    return title, [Page(1, _html_blocks(soup))]


def _html_blocks(root: Any) -> list[Block]:
    """Walks the tree with an explicit stack: deeply nested markup cannot exhaust recursion."""
    from bs4 import NavigableString, Tag

    blocks: list[Block] = []
    buffer: list[str] = []

    def flush() -> None:
        if text := clean("".join(buffer)).strip(" |"):
            blocks.append(Block("paragraph", text))
        buffer.clear()

    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            if node.name in ("td", "th"):
                buffer.append(" | ")
            elif node.name in _HTML_BLOCKS:
                flush()
        elif isinstance(node, NavigableString):
            if type(node) is NavigableString:  # comments, doctypes, CDATA are not prose
                buffer.append(str(node))
        elif isinstance(node, Tag) and not node.has_attr("hidden"):
            if node.name in _HTML_HEADINGS:
                flush()
                if text := clean(node.get_text(" ")):
                    blocks.append(Block("heading", text, _HTML_HEADINGS[node.name]))
                continue
            if node.name == "br":
                buffer.append(" ")
            elif node.name in _HTML_BLOCKS:
                flush()
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.contents))
    flush()
    return blocks


# ---------------------------------------------------------------------------------- docx
def check_zip(data: bytes, name: str) -> None:
    """Refuse bombs from the central directory alone, before anything is inflated.

    zipfile stops reading a member at its declared size (and then fails its CRC), so
    the declared sizes checked here bound what python-docx can inflate later.
    """
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise CorruptFile(name, "is damaged or truncated (not a readable ZIP archive)") from None
    total = sum(info.file_size for info in infos)
    extreme = any(
        info.file_size > ZIP_RATIO_MIN_BYTES
        and info.file_size > ZIP_MAX_RATIO * max(info.compress_size, 1)
        for info in infos
    )
    if len(infos) > ZIP_MAX_MEMBERS or total > ZIP_MAX_TOTAL_BYTES or extreme:
        raise DecompressionBomb(name, "expands to far more data than a document should")
    if "word/document.xml" not in {info.filename for info in infos}:
        raise UnsupportedType(name, "is a ZIP archive but not a Word document")


def _parse_docx(data: bytes, name: str, max_chars: int) -> tuple[str, list[Page]]:
    check_zip(data, name)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_docx_blocks(document))
        title = document.core_properties.title or ""
    except Exception as exc:  # any failure inside python-docx means we cannot trust the text
        raise CorruptFile(name, "is damaged and could not be read as a Word document") from exc
    if sum(len(b.text) for b in blocks) > max_chars:
        raise DecompressionBomb(name, f"expands to more than {max_chars:,} characters of text")
    return title, [Page(1, blocks)]


def _docx_blocks(document: Any) -> Iterator[Block]:
    """Body paragraphs and tables in order; Heading N / Title styles become headings."""
    from docx.table import Table

    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                cells = {id(cell._tc): cell.text for cell in row.cells}  # merged cells repeat
                if text := clean(" | ".join(t for t in cells.values() if t.strip())):
                    yield Block("paragraph", text)
            continue
        if not (text := clean(item.text)):
            continue
        style = (item.style.name or "").lower() if item.style is not None else ""
        m = re.fullmatch(r"heading ([1-9])", style)
        level = int(m.group(1)) if m else 1 if style == "title" else 0
        yield Block("heading", text, level) if level else Block("paragraph", text)


# ---------------------------------------------------------------------------------- pdf
def _parse_pdf(data: bytes, name: str, max_chars: int) -> tuple[str, list[Page]]:
    # pypdf quietly rebuilds what a cut-off download lost; the trailer marker says it is whole.
    if b"%%EOF" not in data.rstrip(b"\x00 \t\r\n\x0c")[-1024:]:
        raise CorruptFile(name, "is truncated or damaged (no end-of-file marker)")
    import pypdf
    from pypdf.errors import LimitReachedError

    # Tighter stream caps, and never the external jbig2dec binary: we read text, not images.
    cap = PDF_STREAM_CAP
    with pypdf.apply_configuration(
        jbig2dec_binary=None,
        zlib_maximum_output_length=cap,
        lzw_maximum_output_length=cap,
        run_length_maximum_output_length=cap,
        brotli_maximum_output_length=cap,
    ):
        try:
            reader = pypdf.PdfReader(io.BytesIO(data))
            _unlock(reader, name)
            pages = _pdf_pages(reader, name, max_chars)
            title = _pdf_title(reader)
        except IngestError:
            raise
        except LimitReachedError:
            raise DecompressionBomb(name, "expands beyond the safety limits for a PDF") from None
        except Exception as exc:  # any pypdf failure: refuse rather than half-ingest
            raise CorruptFile(name, "is damaged and could not be read as a PDF") from exc
    if not pages:
        raise EmptyFile(name, "has no pages")
    if not any(page.blocks for page in pages):
        raise NeedsOCR(name, "has no text layer (scanned?); run OCR on it, then upload again")
    return title, pages


def _unlock(reader: Any, name: str) -> None:
    from pypdf.errors import DependencyError

    if not reader.is_encrypted:
        return
    try:
        opened = reader.decrypt("")  # empty user password: opens without a prompt anywhere
    except (DependencyError, NotImplementedError):
        raise EncryptedPDF(
            name, "is encrypted with a method this server cannot open; save an unencrypted copy"
        ) from None
    if not opened:
        raise EncryptedPDF(name, "is password-protected; remove the password and upload again")


def _pdf_title(reader: Any) -> str:
    try:
        return str(reader.metadata.title or "") if reader.metadata else ""
    except Exception:  # a broken /Info dictionary only costs us the title
        return ""


def _pdf_pages(reader: Any, name: str, max_chars: int) -> list[Page]:
    pages: list[Page] = []
    chars = inflated = 0
    seen: set[int] = set()  # a form drawn on every page is inflated once (pypdf caches objects)
    for number, page in enumerate(reader.pages, start=1):
        for stream in _content_streams(page):
            if id(stream) not in seen:
                seen.add(id(stream))
                inflated += _check_flate(stream, name)
        if inflated > PDF_TOTAL_INFLATE_CAP:
            raise DecompressionBomb(name, "expands beyond the safety limit for a PDF")
        text = _page_text(page)
        chars += len(text)
        if chars > max_chars:
            raise DecompressionBomb(name, f"expands to more than {max_chars:,} characters")
        pages.append(Page(number, _paragraphs(text)))
    return pages


def _content_streams(page: Any) -> Iterator[Any]:
    """The page's contents and the form XObjects it draws: what text extraction inflates."""
    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else []
    for item in contents if isinstance(contents, list) else [contents]:
        yield item.get_object()
    resources = page.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    for ref in xobjects.get_object().values() if xobjects is not None else []:
        if (xobject := ref.get_object()).get("/Subtype") == "/Form":
            yield xobject


def _check_flate(stream: Any, name: str) -> int:
    """Inflate a content stream to its end, bounded: pypdf would accept a cut-off one.

    The trailing checksum is not required (some producers omit it, pypdf copes); what
    matters is a zlib header and deflate data that reaches its final block.
    """
    filters = stream.get("/Filter")
    filters = filters.get_object() if filters is not None else None
    if filters is not None and not isinstance(filters, str):
        filters = filters[0] if len(filters) == 1 else None
    raw: bytes = getattr(stream, "_data", b"")
    if filters != "/FlateDecode" or not raw:  # other filters: pypdf's own caps apply
        return len(raw)
    if len(raw) < 2 or raw[0] & 0x0F != 8 or (raw[0] << 8 | raw[1]) % 31:
        raise CorruptFile(name, "has a damaged page (its content is not valid Flate data)")
    inflater, size, raw = zlib.decompressobj(-15), 0, raw[2:]
    try:
        while raw and not inflater.eof:
            size += len(inflater.decompress(raw, 2**20))
            raw = inflater.unconsumed_tail
            if size > PDF_STREAM_CAP:
                raise DecompressionBomb(name, "has a page that expands beyond the safety limit")
        inflater.flush()  # output still pending after the last input byte
    except zlib.error:
        raise CorruptFile(name, "has a damaged page (its content does not decompress)") from None
    if not inflater.eof:
        raise CorruptFile(name, "has a truncated page (its content stream is cut off)")
    return size


def _page_text(page: Any) -> str:
    """pypdf's text, with a blank line where vertical spacing shows a paragraph break.

    Plain extraction keeps reading order but joins all lines; the visitor sees each
    line's position. If the visitor's text disagrees with the extracted text, the
    extracted text wins and only its own blank lines separate paragraphs.
    """
    lines: list[tuple[str, float | None, float]] = [("", None, 0.0)]

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        for i, part in enumerate(text.split("\n")):
            if i:
                lines.append(("", None, 0.0))
            line, y, height = lines[-1]
            if part.strip() and y is None:
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                height = abs(size * tm[3] * cm[3]) or size
            lines[-1] = (line + part, y, height)

    extracted: str = page.extract_text(visitor_text=visit)
    if "".join(extracted.split()) != "".join("".join(line for line, _, _ in lines).split()):
        return extracted
    return "\n".join(_spaced_lines(lines))


def _spaced_lines(lines: list[tuple[str, float | None, float]]) -> Iterator[str]:
    placed = [(y, h) for _, y, h in lines if y is not None]
    steps = sorted(a[0] - b[0] for a, b in pairwise(placed) if a[0] > b[0])
    leading = steps[len(steps) // 4] if steps else 0.0  # most lines are plain line feeds
    previous: tuple[float, float] | None = None
    for text, y, height in lines:
        if y is not None:
            if previous is not None:
                step = previous[0] - y
                if step < -height or (leading and step > 1.4 * leading + 0.5):
                    yield ""  # a wide gap, or a jump back up (next column): new paragraph
            previous = (y, height)
        yield text


_PARSERS: dict[Kind, Callable[[bytes, str, int], tuple[str, list[Page]]]] = {
    "pdf": _parse_pdf,
    "docx": _parse_docx,
    "text": _parse_text,
    "markdown": _parse_markdown,
    "html": _parse_html,
}
