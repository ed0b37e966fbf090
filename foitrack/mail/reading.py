"""One email as `foitrack inbox` reads it: who sent it, what it answers, the authority's own
words, and its attachments with their text.

Everything in a message is untrusted. Nothing in it is ever run or rendered: HTML is turned into
text (html2text), PDFs are read for their text only (pypdf), Word files for their paragraphs
(python-docx, which parses XML without resolving external entities), Outlook's winmail.dat is
unpacked (tnefparse) or kept as it is. A part that cannot be read is a `problem` on the message,
never an exception. The authority's own words are the reply without the quoted request below it
or the signature (mail-parser-reply), so a quoted "section 43" from the request is never taken
for the authority citing it.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import hashlib
import re
from dataclasses import dataclass, field
from email.message import EmailMessage, Message
from email.utils import getaddresses, parsedate_to_datetime

from foitrack.errors import FoitrackError
from foitrack.mail.smtp import normalise_msgid
from foitrack.store.documents import document_text, html_to_text


class MailError(FoitrackError):
    """A message that cannot be read at all."""


@dataclass
class Attachment:
    name: str  # as the message gives it (made safe only when it is saved)
    content_type: str
    data: bytes
    pages: list[str] = field(default_factory=list)  # its text, page by page (one page for non-PDFs)
    problem: str | None = None  # why its text could not be read

    @property
    def text(self) -> str:
        return "\n".join(self.pages)


@dataclass
class Mail:
    raw: bytes
    message_id: str | None
    date: dt.datetime | None
    sender: str  # the address, lower case ('' if none)
    sender_name: str
    reply_to: str | None
    subject: str
    parents: list[str]  # In-Reply-To and References, as <msgid>
    text: str  # the whole body as text
    own_words: str  # the reply alone: no quoted text, no signature
    signature: str
    attachments: list[Attachment] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    forwarded: bool = False  # the authority's message came forwarded: sender and words are its

    @property
    def key(self) -> str:
        """What the message is remembered by: its Message-ID, or a digest of its bytes."""
        return self.message_id or f"<sha256-{hashlib.sha256(self.raw).hexdigest()[:32]}@foitrack.invalid>"

    @property
    def sender_domain(self) -> str:
        return self.sender.rpartition("@")[2]

    @property
    def day(self) -> dt.date | None:
        return self.date.date() if self.date else None


def message_key(raw: bytes) -> str:
    """A message's key from its headers alone (cheap: for skipping what was read before)."""
    from email.parser import BytesHeaderParser

    try:
        headers = BytesHeaderParser(policy=email.policy.compat32).parsebytes(raw)
        found = normalise_msgid(str(headers.get("Message-ID", "") or ""))
    except Exception:  # a message too broken to have headers is keyed by its bytes
        found = None
    return found or f"<sha256-{hashlib.sha256(raw).hexdigest()[:32]}@foitrack.invalid>"


def read_mail(raw: bytes) -> Mail:
    """Parse one message. Raises MailError only for bytes that are not a message at all."""
    if not raw or not raw.strip():
        raise MailError("the message is empty")
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
    except Exception as error:  # the parser is meant never to raise, but bytes are bytes
        raise MailError(f"the message cannot be parsed ({_short(error)})") from None
    problems: list[str] = []
    if not message.keys():
        raise MailError("the message has no headers")
    subject = _header(message, "Subject", problems)
    sender_name, sender = _address(_header(message, "From", problems))
    reply_name, reply_to = _address(_header(message, "Reply-To", problems))
    parents = [m for m in (normalise_msgid(x) for x in _msgids(_header(message, "In-Reply-To", problems) + " " + _header(message, "References", problems))) if m]
    date = _date(_header(message, "Date", problems))
    text, attachments = _body(message, problems)
    mail = Mail(
        raw=raw,
        message_id=normalise_msgid(_header(message, "Message-ID", problems)),
        date=date,
        sender=sender,
        sender_name=sender_name,
        reply_to=reply_to or None,
        subject=" ".join(subject.split()),
        parents=list(dict.fromkeys(parents)),
        text=text,
        own_words="",
        signature="",
        attachments=attachments,
        problems=problems,
    )
    _unforward(mail)
    mail.own_words, mail.signature = own_words(mail.text if not mail.forwarded else mail.own_words)
    return mail


def _short(error: BaseException) -> str:
    return " ".join(str(error).split())[:200] or type(error).__name__


def _header(message: Message, name: str, problems: list[str]) -> str:
    try:
        value = message.get(name)
    except Exception as error:  # a header so broken the parser gives up on it
        problems.append(f"the {name} header cannot be read ({_short(error)})")
        return ""
    if value is None:
        return ""
    try:
        return str(value)
    except Exception as error:
        problems.append(f"the {name} header cannot be read ({_short(error)})")
        return ""


def _address(value: str) -> tuple[str, str]:
    found = [(name, address) for name, address in getaddresses([value]) if "@" in address]
    if not found:
        return "", ""
    name, address = found[0]
    return " ".join(name.split()), address.strip().lower()


def _msgids(value: str) -> list[str]:
    return re.findall(r"<[^<>\s]+@[^<>\s]+>", value)


def _date(value: str) -> dt.datetime | None:
    if not value:
        return None
    try:
        stamp = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.timezone.utc)
    return stamp


def _loose_date(value: str) -> dt.datetime | None:
    """A date as a mail program writes it in a forwarded header ('Fri, 7 Jul 2023 at 15:02',
    '07 July 2023 15:02'), day first."""
    stamp = _date(value)
    if stamp is not None or not value.strip():
        return stamp
    from dateutil import parser

    try:
        stamp = parser.parse(value.replace(" at ", " "), dayfirst=True, fuzzy=True)
    except (ValueError, OverflowError):
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.timezone.utc)


# -- the body ------------------------------------------------------------------------------------


def _decode(part: Message, problems: list[str]) -> str:
    """A text part's content, whatever charset it claims (an unknown or wrong one is read as
    UTF-8, then Windows-1252, replacing what still does not fit)."""
    try:
        return part.get_content()
    except (LookupError, UnicodeError, AssertionError, ValueError, KeyError):
        pass
    payload = part.get_payload(decode=True) or b""
    for charset in ("utf-8", "cp1252"):
        try:
            return payload.decode(charset)
        except UnicodeDecodeError:
            continue
    problems.append(f"a {part.get_content_type()} part is not in the charset it claims; read it as best as possible")
    return payload.decode("utf-8", "replace")


def _body(message: Message, problems: list[str]) -> tuple[str, list[Attachment]]:
    plain: list[str] = []
    html: list[str] = []
    attachments: list[Attachment] = []
    try:
        parts = list(_leaves(message))
    except Exception as error:
        problems.append(f"the message's parts cannot be read ({_short(error)})")
        parts = [message]
    for part in parts:
        content_type = part.get_content_type()
        try:
            disposition = part.get_content_disposition()
            filename = part.get_filename()
        except Exception:
            disposition, filename = "attachment", None
        if content_type == "message/rfc822" or filename or disposition == "attachment":
            attachments.extend(_attachment(part, filename, content_type, problems))
            continue
        if content_type == "text/plain":
            plain.append(_decode(part, problems))
        elif content_type == "text/html":
            html.append(_decode(part, problems))
    if plain and any(p.strip() for p in plain):
        text = "\n\n".join(plain)
    elif html:
        text = "\n\n".join(html_to_text(h) for h in html)
    else:
        text = ""
    return text.replace("\r\n", "\n"), attachments


def _leaves(part: Message, depth: int = 0):
    """The message's parts that are not containers, in order; a message attached whole
    (message/rfc822) is one part, never opened here. Nesting is bounded (a hostile message can
    nest parts without end)."""
    if part.get_content_type() == "message/rfc822" or not part.is_multipart():
        yield part
        return
    if depth > 20:
        return
    for child in part.get_payload():
        yield from _leaves(child, depth + 1)


def _attachment(part: Message, filename: str | None, content_type: str, problems: list[str]) -> list[Attachment]:
    try:
        if content_type == "message/rfc822":
            inner = part.get_payload()
            data = (inner[0] if isinstance(inner, list) else inner).as_bytes() if inner else b""
        else:
            data = part.get_payload(decode=True) or b""
    except Exception as error:
        problems.append(f"the attachment {filename or content_type!r} cannot be decoded ({_short(error)})")
        return []
    name = filename or ("forwarded message.eml" if content_type == "message/rfc822" else f"attachment.{_extension(content_type)}")
    found = Attachment(name, content_type, data)
    if name.lower() == "winmail.dat" or content_type == "application/ms-tnef":
        return _winmail(found, problems)
    extract_text(found)
    return [found]


def _extension(content_type: str) -> str:
    return {
        "application/pdf": "pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
        "text/plain": "txt",
        "text/html": "html",
        "text/csv": "csv",
    }.get(content_type, "bin")


def _winmail(found: Attachment, problems: list[str]) -> list[Attachment]:
    """Outlook's winmail.dat (TNEF): the files inside it, or the file as it is with a problem."""
    try:
        from tnefparse import TNEF

        tnef = TNEF(found.data)
        inner = [
            Attachment(
                (attachment.long_filename() or "attachment").strip("\x00"),
                "application/octet-stream",
                bytes(attachment.data or b""),
            )
            for attachment in tnef.attachments
        ]
    except Exception as error:
        found.problem = (
            f"{found.name} is an Outlook winmail.dat that could not be unpacked ({_short(error)}); it is "
            "kept as it is: ask the authority to send the documents as ordinary attachments"
        )
        problems.append(found.problem)
        return [found]
    for attachment in inner:
        guessed = attachment.name.lower().rpartition(".")[2]
        attachment.content_type = {
            "pdf": "application/pdf",
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "txt": "text/plain",
        }.get(guessed, "application/octet-stream")
        extract_text(attachment)
    return inner or [found]


def extract_text(attachment: Attachment) -> None:
    """Fill in the attachment's text (PDF, Word, plain text, HTML); a problem if it cannot be read.
    An attached email is not read here: forwarded messages are unwrapped on their own."""
    if attachment.content_type == "message/rfc822" or attachment.name.lower().endswith(".eml"):
        return
    try:
        attachment.pages = document_text(attachment.name, attachment.data, attachment.content_type)
    except Exception as error:  # a broken or hostile file: its text is not read, the file is kept
        attachment.pages = []
        attachment.problem = f"the text of {attachment.name} cannot be read ({_short(error)})"


# -- the authority's own words -----------------------------------------------------------------

_FORWARD = re.compile(r"^[ \t>]*(?:-{2,}\s*Forwarded message\s*-{2,}|Begin forwarded message:)[ \t]*$", re.I | re.M)
# Outlook marks a forward the way it marks a reply: it is a forward only under a Fw: subject.
_ORIGINAL = re.compile(r"^[ \t>]*-{2,}\s*Original Message\s*-{2,}[ \t]*$", re.I | re.M)
_FORWARD_FIELD = re.compile(r"^[ \t>]*(From|Sent|Date|Subject|To|Cc)\s*:\s*(.*)$", re.I)


def _unforward(mail: Mail) -> None:
    """A reply forwarded to the requester (by a colleague, or from another account): the message
    that matters is the forwarded one. Its sender, subject and words replace the carrier's; the
    carrier's Message-ID stays the key. Also a forwarded message attached whole."""
    subject_forward = re.match(r"^\s*(fwd?|fw)\s*:", mail.subject, re.I)
    match = _FORWARD.search(mail.text) or (_ORIGINAL.search(mail.text) if subject_forward else None)
    if match and (subject_forward or not mail.text[: match.start()].strip() or len(mail.text[: match.start()]) < 400):
        lines = mail.text[match.end():].lstrip("\n").split("\n")
        fields: dict[str, str] = {}
        index = 0
        while index < len(lines):
            field_match = _FORWARD_FIELD.match(lines[index])
            if field_match:
                fields[field_match.group(1).lower()] = field_match.group(2).strip()
                index += 1
                continue
            if not lines[index].strip() and fields:
                index += 1
                break
            if fields:
                break
            index += 1
        if "from" in fields:
            name, address = _address(fields["from"])
            if address:
                mail.sender, mail.sender_name = address, name
                mail.reply_to = None
            if fields.get("subject"):
                mail.subject = " ".join(fields["subject"].split())
            when = _loose_date(fields.get("date") or fields.get("sent") or "")
            if when is not None:
                mail.date = when
            body = "\n".join(line[1:].lstrip() if line.startswith(">") else line for line in lines[index:])
            mail.own_words = body
            mail.forwarded = True
            return
    if subject_forward:
        inner = [a for a in mail.attachments if a.content_type == "message/rfc822"]
        if len(inner) == 1:
            try:
                forwarded = read_mail(inner[0].data)
            except MailError:
                return
            mail.sender, mail.sender_name, mail.reply_to = forwarded.sender, forwarded.sender_name, forwarded.reply_to
            mail.subject, mail.date = forwarded.subject or mail.subject, forwarded.date or mail.date
            mail.parents = list(dict.fromkeys(mail.parents + forwarded.parents))
            mail.own_words = forwarded.own_words
            mail.attachments = [a for a in mail.attachments if a is not inner[0]] + forwarded.attachments
            mail.forwarded = True


_QUOTE_HEAD = re.compile(
    r"^(?:On .{0,200}(?:wrote|écrit)\s*:?\s*$|-{2,}\s*Original Message\s*-{2,}|_{5,}|From:\s.*$)",
    re.M | re.I,
)


def own_words(text: str) -> tuple[str, str]:
    """(the reply without quoted text or signature, the signature), by mail-parser-reply; a
    quoted request that it misses ('> ...' lines, an Outlook header block) is cut here too."""
    if not text.strip():
        return "", ""
    body, signature = text, ""
    try:
        from mailparser_reply import EmailReplyParser

        replies = EmailReplyParser(languages=["en"]).read(text).replies
        if replies:
            body = replies[0].body or ""
            signature = replies[0].signatures or ""
            if not body.strip() and replies[0].content:
                body = replies[0].content
    except Exception:  # the parser on odd text: fall back to the cuts below
        body = text
    cut = _QUOTE_HEAD.search(body)
    if cut and body[: cut.start()].strip():
        body = body[: cut.start()]
    kept = [line for line in body.split("\n") if not line.lstrip().startswith(">")]
    return "\n".join(kept).strip(), signature.strip()
