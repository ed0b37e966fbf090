"""One email as `foitrack inbox` reads it: who sent it, what it answers, the authority's own
words, and its attachments with their text.

Everything in a message is untrusted. Nothing in it is ever run or rendered: HTML is turned into
text (html2text), PDFs are read for their text only (pypdf), Word files for their paragraphs
(python-docx, which parses XML without resolving external entities), Outlook's winmail.dat is
unpacked (tnefparse) or kept as it is. A part that cannot be read is a `problem` on the message,
never an exception. The authority's own words are the reply without the quoted request (above or
below it), the earlier messages (mail-parser-reply), the signature and the disclaimers, so a
quoted "section 43" from the request, or "this email may be disclosed under the Act, section
40" from a footer, is never taken for the authority citing it. A reply forwarded by a colleague
is read as the authority's. What machines send is marked: automatic replies (RFC 3834),
mailings (List-Unsubscribe), and delivery failures (RFC 3464), with the returned message's
Message-ID.

One idea, though long: one message taken apart into what the rest of the inbox may trust, with
each kind of part (text, HTML, PDF, Word, winmail.dat, a forwarded or returned message) read
safely here and nowhere else.
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
class Bounce:
    """A delivery failure report (RFC 3464, or a mail server's plain-text one) returning one of
    the user's own messages: to whom, why, and the returned message's Message-ID and subject."""

    recipients: list[str]
    status: str | None  # '5.2.2'
    diagnostic: str | None  # the server's words: '552 5.2.2 Mailbox full'
    message_id: str | None  # of the message that was not delivered
    subject: str | None

    @property
    def permanent(self) -> bool:
        return not (self.status or "").startswith("4")

    def describe(self) -> str:
        to = ", ".join(self.recipients) or "its recipient"
        reason = self.diagnostic or (f"status {self.status}" if self.status else "no reason given")
        when = "was not delivered" if self.permanent else "is delayed (the server is still trying)"
        return f"your message to {to} {when}: {reason}"


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
    automatic: str | None = None  # what says a machine sent it ('Auto-Submitted: auto-replied')
    bulk: str | None = None  # what says it went to a list ('List-Unsubscribe'): not correspondence
    bounce: Bounce | None = None  # a delivery failure report about the user's own message

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
    _, reply_to = _address(_header(message, "Reply-To", problems))
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
    mail.automatic = _automatic(message, mail.subject)
    mail.bulk = _bulk(message)
    mail.bounce = _bounce(message, mail, problems)
    if mail.bounce is not None and mail.bounce.message_id:
        # The returned message is what the report is about: its thread is the report's.
        mail.parents = list(dict.fromkeys([mail.bounce.message_id, *mail.parents]))
    if mail.bounce is None:
        _unforward(mail)
    mail.own_words, mail.signature = own_words(mail.text if not mail.forwarded else mail.own_words)
    return mail


# -- machines: automatic replies, mailing lists, delivery failures -------------------------------

_AUTO_SUBJECT = re.compile(
    r"^\s*(?:automatic reply|auto[- ]?reply|auto[- ]?response|autoreply|out of (?:the )?office(?: reply)?|"
    r"absence notification|away from (?:the|my) office|ateb awtomatig)\s*:",
    re.I,
)


def _automatic(message: Message, subject: str) -> str | None:
    """Why the message was sent by a machine, not a person (RFC 3834's Auto-Submitted, the
    headers mail programs add to automatic replies, an 'Automatic reply:' subject), or None.
    An automatic acknowledgement of a request is still an acknowledgement; what it answers
    decides what it means (meaning.py)."""
    problems: list[str] = []
    submitted = _header(message, "Auto-Submitted", problems).strip().lower()
    if submitted and submitted != "no":
        return f"Auto-Submitted: {submitted.split(';')[0]}"
    for name in ("X-Autoreply", "X-Autorespond", "X-Auto-Reply"):
        if _header(message, name, problems).strip():
            return name
    if _header(message, "Precedence", problems).strip().lower() == "auto_reply":
        return "Precedence: auto_reply"
    if _AUTO_SUBJECT.match(subject):
        return f"its subject '{subject}'"
    return None


def _bulk(message: Message) -> str | None:
    """Why the message is a mailing (a newsletter, a campaign), not correspondence, or None."""
    problems: list[str] = []
    for name in ("List-Unsubscribe", "List-Id"):
        if _header(message, name, problems).strip():
            return name
    precedence = _header(message, "Precedence", problems).strip().lower()
    if precedence in ("bulk", "list", "junk"):
        return f"Precedence: {precedence}"
    return None


_BOUNCE_SENDER = re.compile(r"^(?:mailer-daemon|postmaster|mail-daemon|mailerdaemon|microsoftexchange[0-9a-f]*)@", re.I)
_BOUNCE_SUBJECT = re.compile(
    r"undeliver(?:ed|able)|delivery (?:status notification|has failed|failure|failed|incomplete|delayed)|"
    r"returned mail|mail delivery (?:failed|failure|subsystem)|failure notice|non[- ]?delivery",
    re.I,
)


def _bounce(message: Message, mail: Mail, problems: list[str]) -> Bounce | None:
    """A delivery failure report: RFC 3464's multipart/report (its message/delivery-status part,
    and the returned message or its headers), or a mail server's plain text from MAILER-DAEMON
    with the returned message's headers inline."""
    report = message.get_content_type() == "multipart/report" and (
        str(message.get_param("report-type") or "").lower() == "delivery-status"
    )
    from_daemon = bool(_BOUNCE_SENDER.match(mail.sender)) and bool(_BOUNCE_SUBJECT.search(mail.subject))
    if not report and not from_daemon:
        return None
    recipients: list[str] = []
    status = diagnostic = None
    returned: Message | None = None
    try:
        for part in message.walk():
            kind = part.get_content_type()
            if kind == "message/delivery-status":
                for block in part.get_payload() or []:
                    final = str(block.get("Final-Recipient", "") or block.get("Original-Recipient", ""))
                    if final:
                        recipients.append(final.rpartition(";")[2].strip().strip("<>").lower())
                    status = status or (str(block.get("Status", "")).strip() or None)
                    diagnostic = diagnostic or (" ".join(str(block.get("Diagnostic-Code", "")).split()) or None)
            elif kind == "message/rfc822" and returned is None:
                inner = part.get_payload()
                returned = inner[0] if isinstance(inner, list) and inner else None
            elif kind == "text/rfc822-headers" and returned is None:
                from email.parser import HeaderParser

                returned = HeaderParser(policy=email.policy.default).parsestr(_decode(part, problems))
    except Exception as error:  # a malformed report: what could be read of it is used
        problems.append(f"the delivery report cannot be read whole ({_short(error)})")
    message_id = subject = None
    if returned is not None:
        message_id = normalise_msgid(_header(returned, "Message-ID", problems))
        subject = " ".join(_header(returned, "Subject", problems).split()) or None
    if message_id is None:  # a plain-text report quoting the returned message's headers
        found = re.search(r"^\s*Message-ID:\s*(<[^<>\s]+@[^<>\s]+>)", mail.text, re.I | re.M)
        message_id = normalise_msgid(found.group(1)) if found else None
    if subject is None:
        found = re.search(r"^\s*Subject:\s*(.+)$", mail.text, re.I | re.M)
        subject = found.group(1).strip() if found else None
    if diagnostic and ";" in diagnostic.split(" ")[0]:
        diagnostic = diagnostic.split(";", 1)[1].strip()  # 'smtp; 552 ...' -> '552 ...'
    if not recipients:
        recipients = list(dict.fromkeys(a.lower() for a in re.findall(r"<([^<>\s]+@[^<>\s]+)>:", mail.text)))
    return Bounce(recipients, status, diagnostic, message_id, subject)


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
# Outlook's header block for the message below it ('From: ... Sent: ... To: ... Subject: ...'),
# perhaps under a rule of underscores: a reply's quoted message, or under Fw: the forwarded one.
_HEADER_BLOCK = re.compile(
    r"^[ \t>]*(?:_{10,}|-{10,})?[ \t]*\n?[ \t>*]*From:[ \t*]*\S.*\n(?:[ \t>*]*(?:Sent|Date|To|Cc|Subject|Importance):.*\n){2,}",
    re.I | re.M,
)


def _unforward(mail: Mail) -> None:
    """A reply forwarded to the requester (by a colleague, or from another account): the message
    that matters is the forwarded one. Its sender, subject and words replace the carrier's; the
    carrier's Message-ID stays the key. Also a forwarded message attached whole."""
    subject_forward = re.match(r"^\s*(fwd?|fw)\s*:", mail.subject, re.I)
    match = _FORWARD.search(mail.text) or (_ORIGINAL.search(mail.text) if subject_forward else None)
    if match is None and subject_forward:
        block = _HEADER_BLOCK.search(mail.text)
        match = _At(block.start()) if block else None  # the fields are read from there on, below
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


class _At:
    """A place in a text, shaped like a regex match that is empty there."""

    def __init__(self, at: int):
        self.at = at

    def start(self) -> int:
        return self.at

    def end(self) -> int:
        return self.at


_QUOTE_HEAD = re.compile(
    r"^(?:On .{0,200}(?:wrote|écrit)\s*:?\s*$|-{2,}\s*Original Message\s*-{2,}|_{5,}|From:\s.*$)",
    re.M | re.I,
)
# The line that introduces a quotation: "On 5 June, Sam wrote:", "Sam Patel wrote:", in Welsh
# "ysgrifennodd".
_ATTRIBUTION = re.compile(r"^[^\n>]{0,200}\b(?:wrote|écrit|ysgrifennodd|schrieb)\s*:\s*$", re.I)
# A letter's closing: the signature starts there (in English, Welsh and Gaelic).
_CLOSING = re.compile(
    r"^[ \t]*(?:yours (?:sincerely|faithfully|truly)|(?:with )?(?:kind|best|warm|many) (?:regards|wishes|thanks)|"
    r"regards|best wishes|many thanks|with thanks|thanks again|respectfully|"
    r"yn gywir|yn ddiffuant|cofion(?: cynnes| gorau)?|le (?:deagh )?dh[uù]rachd|is mise)"
    r"[ \t]*[,.!]?(?:[ \t]+[A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*)?)?[ \t]*$",
    re.I | re.M,
)
# A rule across the page: what follows it is a new section (the English half of a bilingual
# letter, a footer).
_RULE = re.compile(r"^[ \t]*(?:[-_=*~]{15,}|\*{3,}.*)[ \t]*$", re.M)
_GREETING = re.compile(r"^[ \t]*(?:dear|annwyl|a charaid|a bhana-charaid)\b", re.I | re.M)
# The sentences a mail system or a legal department adds to every message, which say nothing
# about the request: confidentiality notices, "may be disclosed under the Freedom of
# Information Act", virus scanning.
DISCLAIMER = re.compile(
    r"(?:this (?:e-?mail|message|communication)|the information (?:in|contained in) this (?:e-?mail|message))"
    r"[^.]{0,120}\b(?:confidential|privileged|intended (?:solely |only )?for)"
    r"|intended (?:solely |only )?for the (?:use of the )?(?:addressee|(?:named |intended )?recipient|individual)"
    r"|if you (?:have received|receive|are not the intended recipient)[^.]{0,60}(?:in error|recipient)"
    r"|(?:correspondence|e-?mails?|messages?|communications?|information (?:you send|sent)|anything you send)"
    r"[^.]{0,80}\b(?:may|might|could|will) be (?:disclosed|disclosable|released|published|made public)"
    r"|(?:scanned|checked) for (?:viruses|malware)|virus[- ]free|consider the environment before printing"
    r"|(?:monitor(?:ed)?|record(?:ed)?) (?:for|in accordance with)[^.]{0,40}(?:lawful|legal|security|policy)",
    re.I,
)


def own_words(text: str) -> tuple[str, str]:
    """(the reply without quoted text, earlier messages, disclaimers or signature; the
    signature). Quoted lines ('> ...') and the line introducing them are dropped wherever they
    are, so a reply written below the quotation is kept; mail-parser-reply cuts the earlier
    messages an Outlook header block or 'On ... wrote:' introduces; the signature runs from the
    letter's closing ('Yours sincerely', 'Kind regards', 'Yn gywir') to the next rule across the
    page, after which a new section (the other language of a bilingual letter) is read again."""
    if not text.strip():
        return "", ""
    text = _unquoted(text.replace("\r\n", "\n"))
    body = text
    try:
        from mailparser_reply.parser import EmailMessage as ReplyText

        # keep_hyphen_lists: "- item" lines are a list, not the start of a signature.
        replies = ReplyText(text=text, languages=["en"], keep_hyphen_lists=True).read().replies
        if replies:
            first = replies[0]
            body = first.content.replace(first.headers or "", "", 1) if first.headers else first.content
            for disclaimer in first.disclaimers:
                body = body.replace(disclaimer, "")
    except Exception:  # the parser on odd text: fall back to the cuts below
        body = text
    cut = _QUOTE_HEAD.search(body)
    if cut and body[: cut.start()].strip():
        body = body[: cut.start()]
    body, signature = _without_signatures(body)
    return _without_disclaimers(body).strip(), signature.strip()


def _unquoted(text: str) -> str:
    """The text without '>' lines, nor the line that introduces them."""
    lines = text.split("\n")
    kept: list[str] = []
    for number, line in enumerate(lines):
        if line.lstrip().startswith(">"):
            continue
        if _ATTRIBUTION.match(line):
            following = next((later for later in lines[number + 1 :] if later.strip()), "")
            if following.lstrip().startswith(">"):
                continue
        kept.append(line)
    return "\n".join(kept)


def _without_signatures(body: str) -> tuple[str, str]:
    """Each section's closing and what follows it up to the next rule across the page."""
    kept: list[str] = []
    signatures: list[str] = []
    at = 0
    while True:
        closing = _CLOSING.search(body, at)
        if closing is None:
            kept.append(body[at:])
            break
        kept.append(body[at : closing.start()])
        # It runs to a rule across the page, or a letter starting again (the other language).
        ends = [found.start() for found in (_RULE.search(body, closing.end()), _GREETING.search(body, closing.end())) if found]
        end = min(ends) if ends else len(body)
        signatures.append(body[closing.start() : end])
        at = end
    return "\n".join(part for part in kept if part.strip()), "\n".join(signatures)


def _without_disclaimers(body: str) -> str:
    """The paragraphs that are a mail system's disclaimer left out."""
    paragraphs = re.split(r"\n[ \t]*\n", body)
    return "\n\n".join(paragraph for paragraph in paragraphs if not DISCLAIMER.search(" ".join(paragraph.split())))
