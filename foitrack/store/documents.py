"""The tracker's documents: copies of the mail foitrack sent, the replies it read and their
attachments, kept beside the requests under `documents/<request id>/` and committed with them.

Everything written here comes from outside (an authority's attachment names its own files), so
this is the one place that writes documents, and it is careful:
- a name is made safe: no folders, no path traversal, no control or odd characters, no hidden
  or reserved names, a bounded length, the extension kept;
- nothing is ever overwritten: a second file of the same name gets " (2)";
- the same content is kept once: a file whose bytes are already in the folder is not written
  again, and the existing one is named instead;
- a file larger than the limit is refused with a message saying so;
- every path is checked to stay inside the tracker's documents folder (never through a link);
- files are written atomically (a temporary file, then a rename), readable, never executable.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from foitrack.errors import FoitrackError
from foitrack.store.atomic import create_exclusive

DOCUMENTS_DIR = "documents"
# Text read from one document at most (a 500-page PDF does not need reading to the end to find
# which exemptions a decision letter cites).
MAX_TEXT = 200_000
MAX_PDF_PAGES = 60
MAX_NAME = 100  # characters, extension included
DEFAULT_LIMIT = 25 * 1024 * 1024  # bytes: larger than any decision letter, smaller than a disk

# Names Windows will not open whatever their extension: a tracker is cloned onto Windows too.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}
_UNSAFE = re.compile(r"[^\w.()+,\- ]+")


class DocumentTooLarge(FoitrackError):
    """A file over the size limit: not written."""


def safe_name(name: str | None, fallback: str = "attachment") -> str:
    """A file name that can be written anywhere: the last part of whatever path it claims, in
    NFC, without control, format or separator characters (a right-to-left override could show
    'cod.exe' as 'exe.doc'), without leading dots, at most MAX_NAME characters with its
    extension kept, and never a name Windows reserves. Empty or hopeless names become
    `fallback`."""
    text = unicodedata.normalize("NFC", str(name or ""))
    text = re.split(r"[/\\]", text)[-1]  # the last path component, whatever the separator
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] not in "CZ" or ch == " ")
    text = _UNSAFE.sub("_", text)
    text = re.sub(r"\s+", " ", text).strip(" ._")
    stem, dot, extension = text.rpartition(".")
    if not dot:
        stem, extension = text, ""
    extension = extension[:16]
    if not stem:
        stem, extension = (extension, "") if extension else (fallback, "")
    if stem.split(".")[0].lower() in _RESERVED:
        stem = f"_{stem}"
    room = MAX_NAME - (len(extension) + 1 if extension else 0)
    stem = stem[:room].rstrip(" ._") or fallback
    return f"{stem}.{extension}" if extension else stem


@dataclass(frozen=True)
class Saved:
    """A document kept: its path relative to the tracker (as events list it), and whether an
    identical file was already there."""

    relative: str
    path: Path
    existed: bool


class Documents:
    """`documents/` in a tracker folder."""

    def __init__(self, root: Path, limit: int = DEFAULT_LIMIT):
        self.root = Path(root)
        self.base = self.root / DOCUMENTS_DIR
        self.limit = limit

    def folder(self, request_id: str) -> Path:
        folder = self.base / safe_name(request_id, "request")
        self._inside(folder)
        return folder

    def files(self, request_id: str) -> list[Path]:
        """The documents kept for a request, oldest name first."""
        folder = self.base / safe_name(request_id, "request")
        if not folder.is_dir() or folder.is_symlink():
            return []
        return sorted(path for path in folder.iterdir() if path.is_file() and not path.name.startswith("."))

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def save(self, request_id: str, name: str | None, data: bytes, *, fallback: str = "attachment") -> Saved:
        """Keep `data` for the request under a safe version of `name`. The same bytes already in
        the folder are not written twice. Raises DocumentTooLarge past the limit, FoitrackError
        if the folder cannot be written."""
        if len(data) > self.limit:
            raise DocumentTooLarge(
                f"{safe_name(name, fallback)} is {_size(len(data))}, over the {_size(self.limit)} limit for "
                "a document; it was not saved (raise [inbox] max_attachment_mb in foitrack.toml to keep it)"
            )
        folder = self.folder(request_id)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise FoitrackError(f"cannot create {folder}: {error.strerror}") from None
        self._inside(folder)
        digest = hashlib.sha256(data).digest()
        for existing in self.files(request_id):
            if existing.stat().st_size == len(data) and _digest(existing) == digest:
                return Saved(self.relative(existing), existing, True)
        wanted = safe_name(name, fallback)
        stem, dot, extension = wanted.rpartition(".")
        if not dot:
            stem, extension = wanted, ""
        for number in range(1, 1000):
            candidate = wanted if number == 1 else f"{stem} ({number}){'.' + extension if extension else ''}"
            path = folder / candidate
            self._inside(path)
            try:
                created = create_exclusive(path, data)
            except OSError as error:
                raise FoitrackError(f"cannot write {path}: {error.strerror}") from None
            if created:
                return Saved(self.relative(path), path, False)
        raise FoitrackError(f"{folder} has 999 files called {wanted!r}; tidy it up")

    def _inside(self, path: Path) -> None:
        """Refuse a path that would land outside the tracker's documents folder (a link planted
        in the folder, say)."""
        base = os.path.realpath(self.base)
        real = os.path.realpath(path)
        if real != base and not real.startswith(base + os.sep):
            raise FoitrackError(f"{path} leads outside {self.base}; foitrack will not write there")
        if path.is_symlink():
            raise FoitrackError(f"{path} is a symbolic link; foitrack will not write through it")


def _digest(path: Path) -> bytes:
    hasher = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            hasher.update(block)
    return hasher.digest()


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    if count >= 1024:
        return f"{count / 1024:.0f} KB"
    return f"{count} bytes"


# -- what a document says ------------------------------------------------------------------------


def document_text(name: str, data: bytes, content_type: str = "") -> list[str]:
    """The text of a document, page by page: a PDF's pages (pypdf), a Word file's paragraphs and
    tables (python-docx, which resolves no external entities), plain text, HTML as text, or an
    email's text body. Empty for anything else (a spreadsheet, an image). Nothing in the file is
    ever run; a file that cannot be read raises, and the caller says so."""
    lowered = name.lower()
    kind = content_type.lower()
    if kind == "application/pdf" or lowered.endswith(".pdf"):
        return _pdf_pages(data)
    if lowered.endswith(".docx") or "wordprocessingml" in kind:
        return [_docx_text(data)]
    if kind == "text/plain" or lowered.endswith(".txt"):
        return [data[:MAX_TEXT].decode("utf-8", "replace")]
    if kind == "text/html" or lowered.endswith((".html", ".htm")):
        return [html_to_text(data[:MAX_TEXT].decode("utf-8", "replace"))]
    if kind == "message/rfc822" or lowered.endswith(".eml"):
        return [_email_text(data)]
    return []


def html_to_text(html: str) -> str:
    import html2text

    converter = html2text.HTML2Text()
    converter.ignore_images = True
    converter.ignore_emphasis = True
    converter.ignore_links = False
    converter.body_width = 0
    converter.unicode_snob = True
    try:
        text = converter.handle(html)
    except Exception:  # html2text on hostile markup: fall back to dropping the tags
        text = re.sub(r"<[^>]*>", " ", html)
    return text.replace("\u00a0", " ")


def _pdf_pages(data: bytes) -> list[str]:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about odd PDFs are not the user's
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        reader.decrypt("")
    pages: list[str] = []
    total = 0
    for page in reader.pages[:MAX_PDF_PAGES]:
        text = page.extract_text() or ""
        pages.append(text)
        total += len(text)
        if total > MAX_TEXT:
            break
    return pages


def _docx_text(data: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(data))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)[:MAX_TEXT]


def _email_text(data: bytes) -> str:
    """A kept email's subject and text body (its HTML as text when it has no plain part)."""
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.default)
    body = message.get_body(preferencelist=("plain", "html"))
    text = ""
    if body is not None:
        try:
            text = body.get_content()
        except (LookupError, UnicodeError, ValueError):
            text = (body.get_payload(decode=True) or b"").decode("utf-8", "replace")
        if body.get_content_type() == "text/html":
            text = html_to_text(text)
    subject = str(message.get("subject", "") or "")
    return f"{subject}\n\n{text}"[:MAX_TEXT]
