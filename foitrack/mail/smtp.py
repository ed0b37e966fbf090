"""Letters as email: RFC 5322 messages, .eml files, and sending through the user's SMTP server.

Every command that sends mail opens an `Outbox` first: the one place that checks everything
sending needs (no `--as-of`: mail goes out now; `[smtp]`; the sender's address; the password)
before anything is drafted, written, sent or recorded. Sending reports one result per message and
never raises for a server's refusal: the caller records an event only for a message the server
accepted. Every message carries a `Date:` of the moment it is built, never the `--as-of` date, and
is checked to parse back without defects before it is written or sent.

One idea, though long: the one way foitrack's mail reaches an SMTP server, with every reply code
and broken connection turned into a result the caller can record (or not) honestly.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import socket
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime, formataddr, make_msgid
from pathlib import Path
from typing import Any, ClassVar, Iterable

from foitrack.errors import FoitrackError, UsageError

PASSWORD_ENV = "FOITRACK_SMTP_PASSWORD"

SMTP_EXAMPLE = (
    '[smtp] host = "smtp.example.org", port = 587, starttls = true, username = "you@example.org" '
    f"(and the password in {PASSWORD_ENV})"
)


def valid_address(address: str | None) -> bool:
    return bool(address) and recipient_problem(address) is None


def recipient_problem(address: str) -> str | None:
    """Why `address` cannot go in a To: header (None if it can): it must be one address that a
    strict parser reads without defects, e.g. foi@camden.gov.uk or "FOI Team" <foi@camden.gov.uk>."""
    message = EmailMessage()
    try:
        message["To"] = address
    except (ValueError, TypeError) as error:  # e.g. a line break in it
        return _short(error)
    header = message["To"]
    problems = [_short(defect) for defect in header.defects]
    addresses = getattr(header, "addresses", ())
    if not problems and len(addresses) != 1:
        problems.append("it must be exactly one address")
    if not problems and not (addresses[0].username and addresses[0].domain):
        problems.append("an address needs a name, @ and a domain")
    return "; ".join(problems) or None


@dataclass(frozen=True)
class ServerSettings:
    """A mail server as foitrack.toml describes it: `[smtp]` for sending, `[imap]` (the same keys
    and a few more, `foitrack.mail.imap`) for reading replies and keeping a copy of what was sent."""

    host: str
    port: int
    starttls: bool
    ssl: bool
    username: str | None
    timeout: float = 30.0
    cafile: str | None = None

    TABLE: ClassVar[str] = "smtp"
    PASSWORD_ENV: ClassVar[str] = PASSWORD_ENV
    PORTS: ClassVar[tuple[int, int, int]] = (465, 587, 25)  # implicit TLS, STARTTLS, plain
    MISSING: ClassVar[str] = f"--send needs an [smtp] section in {{path}}: add {SMTP_EXAMPLE}"
    NEEDED_BY: ClassVar[str] = "--send"

    @classmethod
    def server_fields(cls, section: dict[str, Any] | None, settings_path: Path) -> dict[str, Any]:
        """The keys every server section shares, checked. Missing or unusable settings are usage
        errors saying what to add."""
        table = f"[{cls.TABLE}]"
        if not section:
            raise UsageError(cls.MISSING.format(path=settings_path))
        if not isinstance(section, dict):
            raise UsageError(f"{settings_path}: {table} must be a table")
        host = section.get("host")
        if not isinstance(host, str) or not host.strip():
            raise UsageError(f"{settings_path}: {table} needs host = \"your.{cls.TABLE}.server\"")
        use_ssl = section.get("ssl", False)
        starttls = section.get("starttls", not use_ssl)
        for key, value in (("ssl", use_ssl), ("starttls", starttls)):
            if not isinstance(value, bool):
                raise UsageError(f"{settings_path}: {table} {key} must be true or false")
        implicit, explicit, plain = cls.PORTS
        if use_ssl and starttls:
            raise UsageError(
                f"{settings_path}: {table} set ssl = true (implicit TLS, usually port {implicit}) or "
                f"starttls = true (usually port {explicit}), not both"
            )
        port = section.get("port", implicit if use_ssl else explicit if starttls else plain)
        if not isinstance(port, int) or isinstance(port, bool) or not 0 < port < 65536:
            raise UsageError(f"{settings_path}: {table} port must be a number from 1 to 65535")
        username = section.get("username")
        if username is not None and (not isinstance(username, str) or not username):
            raise UsageError(f"{settings_path}: {table} username must be text")
        timeout = section.get("timeout", 30)
        if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or not 0 < timeout <= 3600:
            raise UsageError(f"{settings_path}: {table} timeout must be a number of seconds (up to 3600)")
        cafile = section.get("cafile")
        if cafile is not None:
            path = Path(str(cafile)).expanduser()
            if not path.is_absolute():
                path = settings_path.parent / path
            if not path.is_file():
                raise UsageError(f"{settings_path}: {table} cafile {path} does not exist")
            cafile = str(path)
            _check_cafile(settings_path, table, cafile)
        return dict(
            host=host.strip(), port=port, starttls=starttls, ssl=use_ssl, username=username,
            timeout=float(timeout), cafile=cafile,
        )

    @classmethod
    def from_section(cls, section: dict[str, Any] | None, settings_path: Path):
        return cls(**cls.server_fields(section, settings_path))

    @property
    def encrypted(self) -> bool:
        return self.ssl or self.starttls

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"

    def password(self) -> str | None:
        """The password from the environment; required when a username is set."""
        if self.username is None:
            return None
        password = os.environ.get(self.PASSWORD_ENV)
        if not password:
            raise UsageError(
                f"[{self.TABLE}] username is {self.username!r} but {self.PASSWORD_ENV} is not set: "
                f"export {self.PASSWORD_ENV}=... before {self.NEEDED_BY}"
            )
        if not self.encrypted and not is_loopback(self.host):
            raise UsageError(
                f"refusing to send your {self.TABLE.upper()} password unencrypted to {self.host}: set "
                f"starttls = true or ssl = true in [{self.TABLE}]"
            )
        return password

    def tls_context(self):
        """The TLS context for this server (None when it is not encrypted): the system's trust
        store, or `cafile`."""
        import ssl

        return ssl.create_default_context(cafile=self.cafile) if self.encrypted else None


@dataclass(frozen=True)
class SmtpSettings(ServerSettings):
    """`[smtp]`: where `chase --send`, `send` and `new --send` send from."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# ---------------------------------------------------------------------------------------------
# Messages.


class _LetterPolicy(EmailPolicy):
    """email.policy.default, except that a Subject with characters outside ASCII is folded by
    `email.header.Header`. The default folder (CPython before the fix for gh-144156) can put two
    RFC 2047 encoded words side by side with only the space between them, which a reader must
    drop: "Café — £ spent" comes back as "Café —£ spent". A subject carries the request's own
    words into the authority's inbox, so it must arrive exactly as written."""

    def _fold(self, name, value, refold_binary=False):
        if name.lower() == "subject" and not str(value).isascii():
            from email.header import Header

            width = self.max_line_length or 78
            folded = Header(str(value), "utf-8", maxlinelen=width, header_name=name).encode(linesep=self.linesep)
            return f"{name}: {folded}{self.linesep}"
        return super()._fold(name, value, refold_binary)


POLICY = _LetterPolicy()


def build_message(
    *,
    subject: str,
    body: str,
    to: str | None,
    from_name: str | None,
    from_email: str | None,
    request_ids: Iterable[str],
    now: dt.datetime | None = None,
    parents: Iterable[str] = (),
    references: Iterable[str] = (),
) -> EmailMessage:
    """An RFC 5322 message dated `now` (the current time unless given): a letter drafted as at an
    earlier date (`--as-of`) is still dated when it is written, as a mail program dates a draft.

    Threads (RFC 5322 s.3.6.4): `parents` are the Message-IDs of the requests the letter is about
    as they were sent (In-Reply-To); `references` the thread's other messages, oldest first (the
    letters sent since); References holds them all. So a chaser lands in the authority's case
    thread for the request.

    Raises MessageError if the message would not read back cleanly (an address that is not one)."""
    message = EmailMessage(policy=POLICY)
    if from_email:
        message["From"] = formataddr((from_name or "", from_email))
    if to:
        message["To"] = to
    message["Subject"] = subject
    stamp = now or dt.datetime.now().astimezone()
    message["Date"] = format_datetime(stamp if stamp.tzinfo else stamp.astimezone())
    domain = from_email.rsplit("@", 1)[-1] if from_email and "@" in from_email else "foitrack.invalid"
    message["Message-ID"] = make_msgid("foitrack", domain=domain)
    parent_ids = [msgid for msgid in dict.fromkeys(normalise_msgid(m) for m in parents) if msgid]
    thread = [m for m in dict.fromkeys([*parent_ids, *(normalise_msgid(m) for m in references)]) if m]
    if parent_ids:
        message["In-Reply-To"] = " ".join(parent_ids)
    if thread:
        message["References"] = " ".join(thread)
    message["X-Foitrack-Request"] = ", ".join(request_ids)
    message.set_content(body, charset="utf-8")
    defects = message_defects(message)
    if defects:
        raise MessageError(defects)
    return message


def normalise_msgid(value: str | None) -> str | None:
    """'<abc@host>' however it was written (spaces, no brackets, a display comment around it),
    or None for a value with no Message-ID in it."""
    import re

    if not value:
        return None
    found = re.search(r"<([^<>\s]+@[^<>\s]+)>", value)
    if found:
        return f"<{found.group(1)}>"
    bare = value.strip()
    if bare and "@" in bare and not any(ch.isspace() or ch in "<>" for ch in bare):
        return f"<{bare}>"
    return None


class MessageError(FoitrackError):
    """A message that would not read back without defects; `defects` says what a parser found."""

    def __init__(self, defects: list[str]):
        super().__init__("the message would not parse cleanly: " + "; ".join(defects))
        self.defects = defects


def message_defects(message: EmailMessage) -> list[str]:
    """What a strict parser finds wrong in the message as foitrack writes and sends it: the
    message's own defects and every header's. Empty when it reads back cleanly."""
    import email
    import email.policy

    try:
        parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.strict)
    except Exception as error:  # policy.strict raises on the first message-level defect
        return [_short(error)]
    found = [_short(defect) for defect in parsed.defects]
    for name, value in parsed.items():
        found += [f"{name}: {_short(defect)}" for defect in getattr(value, "defects", ())]
    return found


def write_eml(message: EmailMessage, path: Path, *, unsent: bool = False) -> Path:
    """The message as an .eml file, byte for byte what would be sent (UTF-8, LF line ends).

    `unsent` marks a draft (a letter foitrack did not send) with `X-Unsent: 1`, the header Outlook
    (and mail programs that follow it) reads to open the file as a draft to edit and send, rather
    than as a message received ([MS-OXCMAIL], MSGFLAG_UNSENT); a copy of a letter foitrack sent
    carries no such header."""
    from foitrack.store.atomic import atomic_write

    text = message.as_bytes().decode("utf-8")
    atomic_write(path, ("X-Unsent: 1\n" if unsent else "") + text)
    return path


# ---------------------------------------------------------------------------------------------
# The outbox: everything sending needs, checked before anything is done.


def refuse_as_of(tracker, action: str = "--send") -> None:
    """Mail goes out now and says so: a letter worked out as at another day would tell an
    authority it is late by a count that is not today's, under a date that is not today's. Every
    command that sends refuses `--as-of` (other than today's date) before doing anything."""
    as_of = tracker.as_of_date
    if as_of is not None and as_of != tracker.today:
        raise UsageError(
            f"{action} cannot be used with --as-of {as_of:%d %b %Y}: mail is sent now, and dated and "
            f"counted as at today; nothing was sent or recorded. Leave out --as-of to send "
            f"(drafting as at a date, without {action}, is fine)"
        )


@dataclass(frozen=True)
class Outbox:
    """The settings sending needs, read and checked up front. `Outbox.open(tracker)` is the one
    way into sending: `chase --send` (and `due --chase --send`) go through it, and so must any
    later command that sends."""

    smtp: SmtpSettings
    password: str | None
    from_name: str | None
    from_email: str

    @classmethod
    def open(cls, tracker, action: str = "--send") -> Outbox:
        refuse_as_of(tracker, action)
        settings = tracker.settings
        smtp = SmtpSettings.from_section(settings.data.get("smtp"), settings.path)
        require_requester(settings.requester_email, settings.path)
        return cls(smtp, smtp.password(), settings.requester_name, settings.requester_email)

    def send(self, messages: list[EmailMessage]) -> list[SendResult]:
        return send_messages(self.smtp, self.password, messages)


# ---------------------------------------------------------------------------------------------
# Sending.


@dataclass
class SendResult:
    """What became of one message. `uncertain`: the server took the whole message and then hung
    up (or fell silent) before saying whether it accepted it, so it may have been delivered."""

    accepted: bool
    error: str | None = None
    uncertain: bool = False


def _describe_reply(code: Any, text: Any) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {' '.join(str(text).split())}".strip()


def _check_cafile(settings_path: Path, table: str, cafile: str) -> None:
    """Load the certificates now, so that a file that holds none stops the command before
    anything is drafted or sent, saying so, rather than failing inside the connection."""
    import ssl

    try:
        ssl.create_default_context(cafile=cafile)
    except ssl.SSLError as error:
        reason = (error.reason or str(error)).replace("_", " ").lower()
        raise UsageError(
            f"{settings_path}: {table} cafile {cafile} holds no certificate foitrack can use ({reason}): "
            "give a PEM file of the certificate authority your mail server's certificate comes from"
        ) from None
    except OSError as error:
        raise UsageError(f"{settings_path}: {table} cafile {cafile} cannot be read: {error.strerror}") from None


def send_messages(settings: SmtpSettings, password: str | None, messages: list[EmailMessage]) -> list[SendResult]:
    """Send each message over one connection (`SmtpSession`). Never raises for the server's
    behaviour: a connection or login failure fails every message with the same reason; a refused
    recipient or message fails only that one; a connection lost part-way is re-opened once, and
    lost again fails that message and the rest."""
    if not messages:
        return []
    with SmtpSession(settings, password) as session:
        return [session.send(message) for message in messages]


class SmtpSession:
    """One connection to the SMTP server for a batch of messages, opened at the first message.

    A connection lost part-way is opened again once, and the message it was lost on sent again
    unless the server had already taken all of it (then it may have been delivered: that message
    is reported `uncertain`, never sent twice). After that one retry, a lost connection fails
    every message still to go. A server that cannot be reached, or refuses the login, fails every
    message with the same reason."""

    def __init__(self, settings: SmtpSettings, password: str | None, *, reconnects: int = 1):
        self.settings = settings
        self.password = password
        self.reconnects = reconnects
        self.client = None
        self.closed_for: str | None = None  # why nothing more can be sent

    def __enter__(self) -> SmtpSession:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _open(self) -> str | None:
        """Connect and log in; None, or why not."""
        context = self.settings.tls_context()
        client, reason = _connect(self.settings, context)
        if client is None:
            return reason
        reason = _log_in(client, self.settings, context, self.password)
        if reason is not None:
            _goodbye(client)
            return reason
        self.client = client
        return None

    def send(self, message: EmailMessage) -> SendResult:
        if self.closed_for is not None:
            return SendResult(False, self.closed_for)
        if self.client is None:
            reason = self._open()
            if reason is not None:
                self.closed_for = reason
                return SendResult(False, reason)
        result, connected = _send_one(self.client, self.settings, message)
        if connected:
            return result
        self._drop()
        if self.reconnects <= 0:
            self.closed_for = f"{result.error}; not sent"
            return result
        self.reconnects -= 1
        reason = self._open()
        if reason is not None:
            self.closed_for = f"{result.error}, and reconnecting failed: {reason}"
            return result if result.uncertain else SendResult(False, self.closed_for)
        if result.uncertain:
            return result  # it may have arrived: never sent twice
        retried, connected = _send_one(self.client, self.settings, message)
        if not connected:
            self._drop()
            self.closed_for = f"{retried.error} (again, after reconnecting once); not sent"
        return retried

    def _drop(self) -> None:
        if self.client is not None:
            try:
                self.client.close()
            except Exception:  # already gone
                pass
        self.client = None

    def close(self) -> None:
        if self.client is not None:
            _goodbye(self.client)
        self.client = None


def _goodbye(client) -> None:
    try:
        client.quit()
    except Exception:  # the messages' fate is already known; a failed goodbye changes nothing
        try:
            client.close()
        except Exception:
            pass


def _client_classes():
    """smtplib's clients, taught to note when the whole message has been handed to the server
    (the data and its final '.'): a connection lost after that may have delivered it."""
    global _CLIENTS
    if _CLIENTS is None:
        import smtplib

        class Tracking:
            handed_over = False
            _in_data = False

            def data(self, msg):
                self.handed_over = False
                self._in_data = True
                try:
                    return super().data(msg)
                finally:
                    self._in_data = False

            def send(self, s):
                super().send(s)
                if self._in_data and isinstance(s, bytes) and s.endswith(b"\r\n.\r\n"):
                    self.handed_over = True

        class SMTP(Tracking, smtplib.SMTP):
            pass

        class SMTP_SSL(Tracking, smtplib.SMTP_SSL):
            pass

        _CLIENTS = (SMTP, SMTP_SSL)
    return _CLIENTS


_CLIENTS = None


def _connect(settings: SmtpSettings, context) -> tuple[Any, str | None]:
    """An open connection, or None and why there is none."""
    import smtplib
    import ssl

    plain, implicit_tls = _client_classes()
    try:
        if settings.ssl:
            return implicit_tls(settings.host, settings.port, timeout=settings.timeout, context=context), None
        return plain(settings.host, settings.port, timeout=settings.timeout), None
    except (ConnectionRefusedError, socket.timeout, TimeoutError) as error:
        why = "timed out" if isinstance(error, (socket.timeout, TimeoutError)) else "connection refused"
        return None, f"cannot reach the SMTP server {settings.where} ({why}); nothing was sent"
    except socket.gaierror:
        return None, f"cannot find the SMTP server {settings.host!r}; check [smtp] host; nothing was sent"
    except ssl.SSLError as error:
        return None, f"TLS with {settings.where} failed ({error.reason or error}); check [smtp] ssl/port; nothing was sent"
    except (smtplib.SMTPException, OSError) as error:
        return None, f"cannot talk to the SMTP server {settings.where}: {_short(error)}; nothing was sent"


def _log_in(client, settings: SmtpSettings, context, password: str | None) -> str | None:
    """Greet, start TLS and log in as the settings ask; None, or why nothing can be sent."""
    import smtplib
    import ssl

    try:
        client.ehlo_or_helo_if_needed()
        if settings.starttls:
            client.starttls(context=context)
            client.ehlo()
        if settings.username is not None:
            client.login(settings.username, password or "")
    except smtplib.SMTPAuthenticationError as error:
        return (
            f"the SMTP server {settings.where} refused the login for {settings.username!r} "
            f"({_describe_reply(error.smtp_code, error.smtp_error)}); check [smtp] username and "
            f"{PASSWORD_ENV}; nothing was sent"
        )
    except smtplib.SMTPNotSupportedError as error:
        return (
            f"the SMTP server {settings.where} does not support {_unsupported(error)}; "
            "check [smtp] starttls/ssl/username; nothing was sent"
        )
    except ssl.SSLError as error:
        return f"TLS with {settings.where} failed ({error.reason or error}); nothing was sent"
    except (smtplib.SMTPException, OSError) as error:
        return f"the SMTP server {settings.where} failed before sending: {_short(error)}; nothing was sent"
    return None


def _send_one(client, settings: SmtpSettings, message: EmailMessage) -> tuple[SendResult, bool]:
    """What became of one message, and whether the connection is still there for the next."""
    import smtplib

    try:
        refused = client.send_message(message)
    except smtplib.SMTPRecipientsRefused as error:
        return SendResult(False, f"the server refused the recipient {_recipients(error.recipients)}"), True
    except smtplib.SMTPSenderRefused as error:
        reply = _describe_reply(error.smtp_code, error.smtp_error)
        return SendResult(False, f"the server refused the sender {error.sender} ({reply})"), True
    except smtplib.SMTPDataError as error:
        reply = _describe_reply(error.smtp_code, error.smtp_error)
        return SendResult(False, f"the server rejected the message ({reply})"), True
    except smtplib.SMTPServerDisconnected as error:
        return _lost(client, settings, error), False
    except smtplib.SMTPNotSupportedError as error:  # e.g. an address that needs SMTPUTF8
        return SendResult(False, f"the server cannot take this message ({_short(error)})"), True
    except smtplib.SMTPResponseException as error:
        # Any other refusal with a reply code (e.g. 452 too many recipients): this message
        # failed, but the server is still talking, so the others may still go.
        reply = _describe_reply(error.smtp_code, error.smtp_error)
        return SendResult(False, f"the server did not accept the message ({reply})"), True
    except OSError as error:  # a socket error, or an SMTPException with no reply: the link is gone
        return _lost(client, settings, error), False
    if refused:  # some of several recipients refused: the message was not delivered to them all
        return SendResult(False, f"the server refused the recipient {_recipients(refused)}"), True
    return SendResult(True), True


def _lost(client, settings: SmtpSettings, error: BaseException) -> SendResult:
    """A connection lost while sending: before the server had the whole message, it was not
    sent; after, it may have been delivered (the server hung up before saying so)."""
    if getattr(client, "handed_over", False):
        return SendResult(
            False,
            f"{settings.where} hung up after taking the whole message, before saying whether it "
            f"accepted it ({_short(error)}): it may have been delivered",
            uncertain=True,
        )
    return SendResult(False, f"the connection to {settings.where} was lost ({_short(error)})")


def _recipients(refused: dict) -> str:
    """smtplib's {address: (code, text)} as 'a@b (550 No such mailbox); ...'."""
    return "; ".join(f"{address} ({_describe_reply(code, text)})" for address, (code, text) in refused.items())


def _short(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def _unsupported(error: BaseException) -> str:
    text = str(error).lower()
    if "starttls" in text:
        return "STARTTLS"
    if "auth" in text:
        return "login (AUTH)"
    return _short(error)


def require_requester(requester_email: str | None, settings_path: Path) -> None:
    if not valid_address(requester_email):
        raise UsageError(
            f"emails need your address as the sender: add [requester] name = \"...\" and "
            f"email = \"you@example.org\" to {settings_path}"
        )

