"""Files -> text: read one .txt, .docx, .pdf or saved .html page, refuse what is not readable.

Pure Python, no Django import: batch workers (processes, Dask) import this module.

``read_document(path, max_bytes)`` returns a ``ReadText`` whose ``sha256`` identifies the
*content*, not the file: the hash is taken over a canonical form of the text (Unicode NFC,
``\\n`` line ends, trailing blanks of each line and blank lines at both ends dropped), so the
same text saved as .txt and as .docx, or copied under two names, is one source.

Every refusal is a ``ReadError`` (a ``ValueError``) whose message is one English line naming the
file: ``"<path>: <reason>"``.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

#: Default refusal size of one input file (overridable: ``--max-bytes``, CHIDAO_INGEST_MAX_BYTES).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

#: A .docx (a zip) may unpack to at most this many times ``max_bytes`` ...
ZIP_MAX_EXPANSION = 10
#: ... and, once it unpacks to more than ZIP_RATIO_FLOOR bytes, at most this ratio over its
#: compressed size (Word's XML compresses 5-20x; a zip bomb thousands of times).
ZIP_MAX_RATIO = 100
ZIP_RATIO_FLOOR = 1024 * 1024
ZIP_MAX_MEMBERS = 10_000

KINDS = {".txt": "txt", ".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html"}


class ReadError(ValueError):
    """A file that cannot be ingested; ``str(error)`` is ``"<path>: <reason>"`` on one line."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        reason = " ".join(str(reason).split()) or "unreadable"
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass(frozen=True)
class ReadText:
    """What was read from one file."""

    text: str
    title: str | None
    kind: str  # "txt", "docx", "pdf" or "html"
    sha256: str  # of the canonical text content, see ``content_hash``


_LINE_END = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_TRAILING_BLANKS = re.compile(r"[ \t\u00a0\u200b]+$", re.MULTILINE)


def canonical_text(text: str) -> str:
    """The form of ``text`` that ``content_hash`` hashes."""
    text = unicodedata.normalize("NFC", text)
    text = _LINE_END.sub("\n", text)
    text = _TRAILING_BLANKS.sub("", text)
    return text.strip("\n")


def content_hash(text: str) -> str:
    """Hex SHA-256 of the UTF-8 of ``canonical_text(text)``: the identity of a Source."""
    return hashlib.sha256(canonical_text(text).encode("utf-8", "surrogatepass")).hexdigest()


def kind_of(path: Path) -> str | None:
    return KINDS.get(path.suffix.lower())


def iter_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Each file named, and the files of each folder named (recursively, sorted by name).

    Hidden files and folders (a name starting with ".") inside a folder are skipped, and so
    are files of an extension no reader knows; a file named explicitly is always yielded (an
    unknown extension is then reported by ``read_document``). A path that does not exist is
    yielded too, so that it is reported as a failure rather than silently dropped.
    """
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                child = Path(root, name)
                if kind_of(child) is not None:
                    yield child


def read_document(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> ReadText:
    """The text of ``path``; ``ReadError`` when it cannot or must not be read."""
    path = Path(path)
    kind = kind_of(path)
    if kind is None:
        raise ReadError(
            path,
            f"unsupported file type {path.suffix or '(no extension)'!r}; "
            "expected .txt, .docx, .pdf, .html or .htm",
        )
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise ReadError(path, f"file is {size} bytes, over the limit of {max_bytes} bytes")
            data = handle.read(max_bytes + 1)
    except ReadError:
        raise
    except IsADirectoryError:
        raise ReadError(path, "is a folder, not a file") from None
    except FileNotFoundError:
        raise ReadError(path, "no such file") from None
    except OSError as exc:
        raise ReadError(path, f"cannot open: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # grew while being read
        raise ReadError(path, f"file is over the limit of {max_bytes} bytes")
    if not data.strip():
        raise ReadError(path, "empty file")

    reader = _READERS[kind]
    try:
        text, title = reader(path, data, max_bytes)
    except ReadError:
        raise
    except MemoryError:
        raise ReadError(path, "too large to read in memory") from None
    except Exception as exc:  # every library has its own exceptions for a broken file
        raise ReadError(path, f"cannot read {kind} file: {type(exc).__name__}: {exc}") from None
    if not text.strip():
        raise ReadError(path, "no text found")
    if len(text) > max_bytes * ZIP_MAX_EXPANSION:
        raise ReadError(path, f"extracted text of {len(text)} characters is too large")
    title = " ".join(title.split()) if title else None
    return ReadText(text=text, title=title or None, kind=kind, sha256=content_hash(text))


# --- one reader per format: (path, data, max_bytes) -> (text, title) -----------------------


def _read_txt(path: Path, data: bytes, max_bytes: int) -> tuple[str, str | None]:
    from chidao.extraction.textio import InputError, decode

    try:
        return decode(data, str(path)), None
    except InputError as exc:
        raise ReadError(path, exc.reason) from None


def _check_zip(path: Path, data: bytes, max_bytes: int) -> None:
    """Refuse a zip that is not one, or that would unpack to far more than it weighs."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ReadError(
            path, "not a valid .docx file (not a zip archive; corrupt or renamed?)"
        ) from None
    with archive:
        members = archive.infolist()
        if len(members) > ZIP_MAX_MEMBERS:
            raise ReadError(path, f"refused: .docx has {len(members)} parts (possible zip bomb)")
        unpacked = sum(m.file_size for m in members)
        packed = sum(m.compress_size for m in members) or 1
        limit = ZIP_MAX_EXPANSION * max_bytes
        if unpacked > limit:
            raise ReadError(
                path,
                f"refused: .docx unpacks to {unpacked} bytes, over {limit} "
                f"({ZIP_MAX_EXPANSION}x the limit; possible zip bomb)",
            )
        if unpacked > ZIP_RATIO_FLOOR and unpacked / packed > ZIP_MAX_RATIO:
            raise ReadError(
                path,
                f"refused: .docx unpacks {unpacked / packed:.0f} times its compressed size "
                f"(limit {ZIP_MAX_RATIO}; possible zip bomb)",
            )
        if "word/document.xml" not in archive.namelist():
            raise ReadError(path, "not a valid .docx file (no word/document.xml)")


def _read_docx(path: Path, data: bytes, max_bytes: int) -> tuple[str, str | None]:
    _check_zip(path, data, max_bytes)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []

    def table_lines(table: Table) -> None:
        for row in table.rows:
            cells: list[str] = []
            previous = None
            for cell in row.cells:
                if cell._tc is previous:  # a merged cell repeats itself
                    continue
                previous = cell._tc
                value = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
                cells.append(value)
                for inner in cell.tables:
                    table_lines(inner)
            if any(cells):
                lines.append("\t".join(cells))

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            table_lines(block)
    title = document.core_properties.title or None
    return "\n".join(lines), title


def _read_pdf(path: Path, data: bytes, max_bytes: int) -> tuple[str, str | None]:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # warnings about sloppy PDFs are noise
    if not data.lstrip()[:5].startswith(b"%PDF-"):
        raise ReadError(path, "not a valid PDF file (no %PDF header; corrupt or renamed?)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise ReadError(path, "PDF is encrypted with a password") from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except FileNotDecryptedError:
        raise ReadError(path, "PDF is encrypted with a password") from None
    except PdfReadError as exc:
        raise ReadError(path, f"not a valid PDF file ({exc})") from None
    text = "\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise ReadError(path, "PDF has no text layer (scanned?); run OCR on it first")
    title = None
    try:
        metadata = reader.metadata
        title = metadata.title if metadata else None
    except Exception:
        title = None
    return text, (str(title) if title else None)


def _read_html(path: Path, data: bytes, max_bytes: int) -> tuple[str, str | None]:
    import logging

    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    document = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_precision=True,
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise ReadError(path, "no main text found in the HTML page")
    return text, getattr(document, "title", None)


_READERS = {"txt": _read_txt, "docx": _read_docx, "pdf": _read_pdf, "html": _read_html}
