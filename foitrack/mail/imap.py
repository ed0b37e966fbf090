"""The user's IMAP mailbox: where `foitrack inbox --imap` reads authorities' replies, and where
`send` keeps a copy of each message it sent (`save_sent = true`).

`[imap]` takes the keys of `[smtp]` (host, port, ssl, starttls, username, cafile, timeout) plus
`folder` (what `inbox` reads, default INBOX), `since` (the earliest day to read), `save_sent` and
`sent_folder` (where copies of sent mail go; default: the folder the server marks \\Sent, else
"Sent"). The password comes from FOITRACK_IMAP_PASSWORD. An unencrypted connection is only ever
made to a loopback host.

Reading never changes the mailbox: the folder is selected read-only (EXAMINE) and messages are
fetched with BODY.PEEK[], so nothing is marked seen, moved or deleted. The client is imapclient.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Iterator

from foitrack.errors import FoitrackError, UsageError
from foitrack.mail.smtp import ServerSettings, is_loopback

IMAP_PASSWORD_ENV = "FOITRACK_IMAP_PASSWORD"
IMAP_EXAMPLE = (
    '[imap] host = "imap.example.org", port = 993, ssl = true, username = "you@example.org" '
    f"(and the password in {IMAP_PASSWORD_ENV})"
)


class ImapError(FoitrackError):
    """The IMAP server could not be reached, refused the login, or dropped the connection."""


@dataclass(frozen=True)
class ImapSettings(ServerSettings):
    folder: str = "INBOX"
    since: dt.date | None = None
    save_sent: bool = False
    sent_folder: str | None = None

    TABLE: ClassVar[str] = "imap"
    PASSWORD_ENV: ClassVar[str] = IMAP_PASSWORD_ENV
    PORTS: ClassVar[tuple[int, int, int]] = (993, 143, 143)
    MISSING: ClassVar[str] = f"reading mail over IMAP needs an [imap] section in {{path}}: add {IMAP_EXAMPLE}"
    NEEDED_BY: ClassVar[str] = "reading or saving mail over IMAP"

    @classmethod
    def from_section(cls, section: dict[str, Any] | None, settings_path: Path) -> ImapSettings:
        fields = cls.server_fields(section, settings_path)
        assert section is not None
        if not fields["ssl"] and not fields["starttls"] and not is_loopback(fields["host"]):
            raise UsageError(
                f"{settings_path}: [imap] refusing an unencrypted connection to {fields['host']}: set "
                "ssl = true (port 993) or starttls = true (port 143)"
            )
        folder = section.get("folder", "INBOX")
        if not isinstance(folder, str) or not folder.strip():
            raise UsageError(f"{settings_path}: [imap] folder must be the name of a folder, e.g. \"INBOX\"")
        since = section.get("since")
        if since is not None:
            from foitrack.dates import DateParseError, parse_date

            if isinstance(since, dt.datetime):
                since = since.date()
            elif isinstance(since, str):
                try:
                    since = parse_date(since)
                except DateParseError as error:
                    raise UsageError(f"{settings_path}: [imap] since: {error}") from None
            elif not isinstance(since, dt.date):
                raise UsageError(f"{settings_path}: [imap] since must be a date, e.g. since = 2023-05-01")
        save_sent = section.get("save_sent", False)
        if not isinstance(save_sent, bool):
            raise UsageError(f"{settings_path}: [imap] save_sent must be true or false")
        sent_folder = section.get("sent_folder")
        if sent_folder is not None and (not isinstance(sent_folder, str) or not sent_folder.strip()):
            raise UsageError(f"{settings_path}: [imap] sent_folder must be the name of a folder")
        return cls(**fields, folder=folder.strip(), since=since, save_sent=save_sent, sent_folder=sent_folder)

    @classmethod
    def of(cls, tracker) -> ImapSettings:
        settings = tracker.settings
        return cls.from_section(settings.data.get("imap"), settings.path)

    @property
    def account(self) -> str:
        """Who and where, for remembering what was read: 'you@imap.example.org:993'."""
        return f"{self.username or ''}@{self.host}:{self.port}"


@dataclass(frozen=True)
class Fetched:
    """One message read from the folder: its UID and its bytes, exactly as the server holds them."""

    uid: int
    raw: bytes


class Mailbox:
    """A logged-in IMAP connection. Use as a context manager; every failure is an ImapError
    with one line saying what went wrong."""

    def __init__(self, settings: ImapSettings, password: str | None):
        self.settings = settings
        self.password = password
        self.client = None

    def __enter__(self) -> Mailbox:
        self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _fail(self, what: str, error: BaseException) -> ImapError:
        text = " ".join(str(error).split()) or type(error).__name__
        return ImapError(f"the IMAP server {self.settings.where} {what} ({text})")

    def open(self) -> None:
        import socket
        import ssl

        from imapclient import IMAPClient
        from imapclient.exceptions import LoginError

        settings = self.settings
        context = settings.tls_context()
        try:
            client = IMAPClient(
                settings.host, port=settings.port, ssl=settings.ssl, ssl_context=context, timeout=settings.timeout
            )
        except (ConnectionRefusedError, socket.timeout, TimeoutError) as error:
            why = "timed out" if isinstance(error, (socket.timeout, TimeoutError)) else "connection refused"
            raise ImapError(f"cannot reach the IMAP server {settings.where} ({why})") from None
        except socket.gaierror:
            raise ImapError(f"cannot find the IMAP server {settings.host!r}; check [imap] host") from None
        except ssl.SSLError as error:
            raise ImapError(f"TLS with {settings.where} failed ({error.reason or error}); check [imap] ssl/port") from None
        except Exception as error:  # imaplib's errors for a server that is not speaking IMAP
            raise self._fail("could not be talked to", error) from None
        self.client = client
        try:
            if settings.starttls:
                client.starttls(ssl_context=context)
            if settings.username is not None:
                client.login(settings.username, self.password or "")
        except LoginError as error:
            self.close()
            raise ImapError(
                f"the IMAP server {settings.where} refused the login for {settings.username!r} "
                f"({' '.join(str(error).split())}); check [imap] username and {IMAP_PASSWORD_ENV}"
            ) from None
        except Exception as error:
            self.close()
            raise self._fail("failed before reading anything", error) from None

    def close(self) -> None:
        client, self.client = self.client, None
        if client is None:
            return
        try:
            client.logout()
        except Exception:  # already gone: nothing of the user's depends on a clean goodbye
            try:
                client.shutdown()
            except Exception:
                pass

    # -- reading: never changes the mailbox --------------------------------------------------

    def examine(self, folder: str) -> int:
        """Select `folder` read-only; its UIDVALIDITY."""
        try:
            info = self.client.select_folder(folder, readonly=True)
        except Exception as error:
            raise self._fail(f"would not open the folder {folder!r}", error) from None
        value = info.get(b"UIDVALIDITY")
        return int(value) if value is not None else 0

    def uids(self, since: dt.date | None = None) -> list[int]:
        criteria: list[Any] = ["SINCE", since] if since else ["ALL"]
        try:
            return sorted(int(uid) for uid in self.client.search(criteria))
        except Exception as error:
            raise self._fail("dropped the connection while listing messages", error) from None

    def fetch(self, uids: list[int], chunk: int = 50) -> Iterator[Fetched]:
        """The messages' bytes, `chunk` at a time, with BODY.PEEK[] (never sets \\Seen)."""
        for start in range(0, len(uids), chunk):
            part = uids[start : start + chunk]
            try:
                answer = self.client.fetch(part, ["BODY.PEEK[]"])
            except Exception as error:
                raise self._fail(
                    f"dropped the connection after {start} of {len(uids)} messages", error
                ) from None
            for uid in part:
                data = answer.get(uid) or {}
                raw = data.get(b"BODY[]")
                if isinstance(raw, bytes):
                    yield Fetched(uid, raw)

    def flags(self, uids: list[int]) -> dict[int, tuple]:
        try:
            answer = self.client.get_flags(uids)
        except Exception as error:
            raise self._fail("would not say the messages' flags", error) from None
        return {int(uid): tuple(flags) for uid, flags in answer.items()}

    # -- keeping a copy of what was sent ---------------------------------------------------

    def sent_folder(self) -> str:
        """The folder for sent mail: [imap] sent_folder, else the one the server marks \\Sent
        (RFC 6154), else one of the usual names; "Sent" if there is none yet."""
        if self.settings.sent_folder:
            return self.settings.sent_folder
        from imapclient.imapclient import SENT

        try:
            return self.client.find_special_folder(SENT) or "Sent"
        except Exception:
            return "Sent"

    def append(self, folder: str, raw: bytes, when: dt.datetime) -> None:
        from imapclient.imapclient import SEEN

        try:
            self.client.append(folder, raw, flags=(SEEN,), msg_time=when)
        except Exception as error:
            raise self._fail(f"would not take a copy into {folder!r}", error) from None


def open_mailbox(tracker) -> Mailbox:
    """A connected mailbox for the tracker's [imap], its settings checked first."""
    settings = ImapSettings.of(tracker)
    return Mailbox(settings, settings.password())


class SentCopies:
    """Copies of sent mail appended to the IMAP Sent folder, when [imap] save_sent = true; one
    connection for the batch, opened at the first copy. A failure never undoes a send: it is
    said once, as a warning."""

    def __init__(self, tracker):
        self.tracker = tracker
        self.mailbox = None
        self.folder: str | None = None
        self.problem: str | None = None
        section = tracker.settings.data.get("imap")
        self.wanted = isinstance(section, dict) and section.get("save_sent") is True
        self.kept = 0

    def keep(self, message) -> None:
        if not self.wanted or self.problem:
            return
        try:
            if self.mailbox is None:
                self.mailbox = open_mailbox(self.tracker)
                self.mailbox.open()
                self.folder = self.mailbox.sent_folder()
            self.mailbox.append(self.folder, message.as_bytes(), dt.datetime.now().astimezone())
            self.kept += 1
        except (ImapError, UsageError) as error:
            self.problem = error.message

    def close(self) -> str | None:
        if self.mailbox is not None:
            self.mailbox.close()
        if self.problem:
            return (
                f"sent, but no copy could be kept in your Sent folder: {self.problem} (a copy of each "
                "message is in documents/ all the same)"
            )
        return None
