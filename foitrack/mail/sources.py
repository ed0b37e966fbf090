"""Where `foitrack inbox` reads mail from, other than IMAP: a Maildir folder, an mbox file, `.eml`
files, or a folder of them. Every source is only read; nothing is marked, moved or deleted (the
standard library's `mailbox`, which reads a Maildir without moving messages from new/ to cur/,
and an mbox without locking or rewriting it).

Each message comes as a `Raw`: its bytes, or why it could not be read (a file that vanished, a
mailbox removed while it was being read). A source that cannot be read at all is one `Raw` with
the reason, and the others carry on.
"""

from __future__ import annotations

import mailbox
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

MAX_MESSAGE_BYTES = 100 * 1024 * 1024  # a message larger than this is not read (say so)


@dataclass
class Raw:
    label: str  # where it came from, for messages to the user: 'INBOX uid 42', 'mail/x.eml'
    data: bytes | None = None
    error: str | None = None
    uid: int | None = None  # IMAP


def kind_of(path: Path) -> str | None:
    """'maildir', 'mbox', 'eml' or 'folder' (of .eml files); None when it is none of those."""
    if path.is_dir():
        if (path / "cur").is_dir() and (path / "new").is_dir():
            return "maildir"
        return "folder"
    if path.is_file():
        try:
            with path.open("rb") as handle:
                start = handle.read(5)
        except OSError:
            return None
        if start == b"From " or path.suffix.lower() in (".mbox", ".mbx"):
            return "mbox"
        return "eml"
    return None


def read_source(path: Path) -> Iterator[Raw]:
    """Every message in the source at `path`."""
    label = str(path)
    if not path.exists():
        yield Raw(label, error=f"{label} does not exist: give a Maildir folder, an mbox file, .eml files or a folder of them")
        return
    kind = kind_of(path)
    if kind == "maildir":
        yield from _maildir(path)
    elif kind == "mbox":
        yield from _mbox(path)
    elif kind == "folder":
        yield from _folder(path)
    elif kind == "eml":
        yield _file(path)
    else:
        yield Raw(label, error=f"{label} cannot be read as mail")


def _file(path: Path) -> Raw:
    try:
        size = path.stat().st_size
        if size > MAX_MESSAGE_BYTES:
            return Raw(str(path), error=f"{path} is {size // (1024 * 1024)} MB, too large to read as one message")
        return Raw(str(path), data=path.read_bytes())
    except FileNotFoundError:
        return Raw(str(path), error=f"{path} vanished before it could be read")
    except OSError as error:
        return Raw(str(path), error=f"{path} cannot be read ({error.strerror})")


def _folder(path: Path) -> Iterator[Raw]:
    try:
        files = sorted(p for p in path.rglob("*") if p.suffix.lower() == ".eml" and p.is_file() and not p.is_symlink())
    except OSError as error:
        yield Raw(str(path), error=f"{path} cannot be read ({error.strerror})")
        return
    if not files:
        yield Raw(str(path), error=f"{path} holds no .eml files (nor is it a Maildir, with cur/ and new/)")
        return
    for file in files:
        yield _file(file)


def _maildir(path: Path) -> Iterator[Raw]:
    try:
        box = mailbox.Maildir(str(path), factory=None, create=False)
        keys = sorted(box.iterkeys())
    except OSError as error:
        yield Raw(str(path), error=f"the Maildir {path} cannot be read ({error.strerror or error})")
        return
    for key in keys:
        label = f"{path} message {key}"
        try:
            yield Raw(label, data=box.get_bytes(key))
        except (KeyError, FileNotFoundError):
            yield Raw(label, error=f"{label} vanished while the Maildir was being read; it was not read")
        except OSError as error:
            yield Raw(label, error=f"{label} cannot be read ({error.strerror or error})")


def _mbox(path: Path) -> Iterator[Raw]:
    try:
        box = mailbox.mbox(str(path), factory=None, create=False)
        keys = list(box.iterkeys())
    except OSError as error:
        yield Raw(str(path), error=f"the mbox {path} cannot be read ({error.strerror or error})")
        return
    try:
        for key in keys:
            label = f"{path} message {key + 1}"
            try:
                yield Raw(label, data=box.get_bytes(key))
            except (KeyError, OSError, ValueError) as error:
                yield Raw(label, error=f"{label} cannot be read ({error}); the mbox may have changed while it was read")
    finally:
        box.close()
