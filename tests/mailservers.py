"""Real mail servers on 127.0.0.1 for the tests: aiosmtpd for SMTP, a hand-written SMTP server
that misbehaves on purpose, and Dovecot for IMAP. Each is started by the test that needs it, on a
free port, and stopped after it; nothing ever listens beyond the loopback address.

Dovecot must be installed (`.ci/run` installs dovecot-imapd where it is missing); no test skips
itself when it is not.
"""

from __future__ import annotations

import email
import email.policy
import imaplib
import os
import shutil
import socket
import subprocess
import tempfile
import textwrap
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with socket.create_connection((LOOPBACK, port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"nothing is listening on {LOOPBACK}:{port}")
            time.sleep(0.05)


# -- SMTP: aiosmtpd ------------------------------------------------------------------------------


@dataclass
class Arrived:
    mail_from: str
    rcpt_tos: list[str]
    message: email.message.EmailMessage
    authenticated: bool
    raw: bytes = b""

    @property
    def body(self) -> str:
        return self.message.get_body(("plain",)).get_content().replace("\r\n", "\n")


@dataclass
class Handler:
    reject: set[str] = field(default_factory=set)
    arrived: list[Arrived] = field(default_factory=list)
    port: int = 0
    delay: float = 0.0  # seconds to take over each message: lets concurrent senders overlap

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.reject:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            import asyncio

            await asyncio.sleep(self.delay)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.arrived.append(
            Arrived(envelope.mail_from, list(envelope.rcpt_tos), message, bool(session.authenticated), envelope.content)
        )
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    """Start aiosmtpd on 127.0.0.1 with the given options; stopped after the test."""
    from aiosmtpd.controller import Controller

    started = []

    def start(**options):
        handler = Handler()
        port = free_port()
        controller = Controller(handler, hostname=LOOPBACK, port=port, **options)
        controller.start()
        started.append(controller)
        handler.port = port
        return handler

    yield start
    for controller in started:
        controller.stop()


def password_checker(expected: bytes):
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.password == expected
        return AuthResult(success=ok, handled=False)

    return authenticator


# -- SMTP that misbehaves ----------------------------------------------------------------------


class _ThreadedServer:
    """A TCP server on a free loopback port, a thread per connection; `_session` says what it does."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((LOOPBACK, 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            threading.Thread(target=self._talk, args=(conn,), daemon=True).start()

    def _talk(self, conn: socket.socket) -> None:
        conn.settimeout(10)
        reader = conn.makefile("rb")

        def say(line: str) -> None:
            conn.sendall(line.encode() + b"\r\n")

        try:
            self._session(reader, say)
        except OSError:
            return
        finally:
            try:
                reader.close()
                conn.close()
            except OSError:
                pass

    def _session(self, reader, say) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        self._stop.set()
        self.thread.join(5)
        self.sock.close()


class RudeSmtpServer(_ThreadedServer):
    """A plain SMTP server, written out by hand so that it can misbehave where a real one would
    not. `script` says what becomes of each message in turn (counting DATA commands across
    connections; every message after the script's end is accepted):
    - "ok": accepted (250);
    - "drop": the connection is closed when the client says DATA, before any of the message;
    - "hang-up": the message is taken whole (the data and its final '.'), then the connection
      is closed without a reply, so the client cannot know whether it was accepted;
    - "slow-ok": accepted after `delay` seconds.
    Whatever arrives whole is kept in `received`, so a test can count what was delivered."""

    def __init__(self, script: list[str] | tuple[str, ...] = (), delay: float = 0.0):
        self.script = list(script)
        self.delay = delay
        self.received: list[bytes] = []
        self.connections = 0
        super().__init__()

    def _session(self, reader, say) -> None:
        with self._lock:
            self.connections += 1
        say("220 rude.example ESMTP")
        while True:
            line = reader.readline()
            if not line:
                return
            verb = line.strip().split(b" ", 1)[0].upper()
            if verb in (b"EHLO", b"HELO"):
                say("250 rude.example")
            elif verb in (b"MAIL", b"RCPT", b"RSET", b"NOOP"):
                say("250 OK")
            elif verb == b"QUIT":
                say("221 Bye")
                return
            elif verb == b"DATA":
                with self._lock:
                    fate = self.script.pop(0) if self.script else "ok"
                if fate == "drop":
                    return
                say("354 End data with <CR><LF>.<CR><LF>")
                data = b""
                while True:
                    chunk = reader.readline()
                    if not chunk:
                        return
                    if chunk == b".\r\n":
                        break
                    data += chunk
                with self._lock:
                    self.received.append(data)
                if fate == "hang-up":
                    return  # the whole message taken, and not a word about it
                if fate == "slow-ok":
                    time.sleep(self.delay)
                say("250 OK queued")
            else:
                say("502 Not implemented")


@pytest.fixture
def rude_smtp_server():
    started: list[RudeSmtpServer] = []

    def start(script=(), **options) -> RudeSmtpServer:
        server = RudeSmtpServer(script, **options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


# -- IMAP: Dovecot ---------------------------------------------------------------------------


DOVECOT_CONF = """\
base_dir = {root}/run
state_dir = {root}/run/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {internal}
default_login_user = {login}
first_valid_uid = 1
mail_location = maildir:~/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {root}/passwd
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
"""


class Dovecot:
    """A throwaway Dovecot serving one user's Maildir over plain IMAP on 127.0.0.1."""

    user = "reporter@example.org"
    password = "imap-secret"

    def __init__(self):
        import pwd

        self.root = Path(tempfile.mkdtemp(prefix="foitrack-dovecot-"))
        os.chmod(self.root, 0o755)  # Dovecot's mail process runs as the mail user
        self.port = free_port()
        if os.geteuid() == 0:
            owner = pwd.getpwnam("dovecot")
            internal, login = "dovecot", "dovenull"
        else:
            owner = pwd.getpwuid(os.geteuid())
            internal = login = owner.pw_name
        self.home = self.root / "home"
        self.home.mkdir()
        os.chown(self.home, owner.pw_uid, owner.pw_gid)
        (self.root / "passwd").write_text(
            f"{self.user}:{{PLAIN}}{self.password}:{owner.pw_uid}:{owner.pw_gid}::{self.home}\n"
        )
        conf = self.root / "dovecot.conf"
        conf.write_text(DOVECOT_CONF.format(root=self.root, port=self.port, internal=internal, login=login))
        dovecot = shutil.which("dovecot") or "/usr/sbin/dovecot"
        self.process = subprocess.Popen(
            [dovecot, "-F", "-c", str(conf)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        try:
            wait_for_port(self.port)
        except RuntimeError:
            self.stop()
            raise

    def settings(self, **extra) -> str:
        """The [imap] section for this server."""
        lines = [
            "[imap]",
            f'host = "{LOOPBACK}"',
            f"port = {self.port}",
            "starttls = false",
            f'username = "{self.user}"',
        ]
        for key, value in extra.items():
            lines.append(f"{key} = {value}")
        return "\n".join(lines) + "\n"

    @property
    def env(self) -> dict[str, str]:
        return {"FOITRACK_IMAP_PASSWORD": self.password}

    def connect(self) -> imaplib.IMAP4:
        client = imaplib.IMAP4(LOOPBACK, self.port)
        client.login(self.user, self.password)
        return client

    def deliver(self, raw: bytes, folder: str = "INBOX", flags: str = "") -> None:
        """Put a message in a folder, as the mail system would."""
        client = self.connect()
        try:
            status, detail = client.append(folder, flags or None, None, raw)
            assert status == "OK", detail
        finally:
            client.logout()

    def messages(self, folder: str = "INBOX") -> list[tuple[bytes, bytes]]:
        """(flags, raw message) for every message in the folder, read without changing it."""
        client = self.connect()
        try:
            status, _ = client.select(folder, readonly=True)
            assert status == "OK"
            status, data = client.uid("SEARCH", None, "ALL")
            found = []
            for uid in data[0].split():
                status, parts = client.uid("FETCH", uid, "(FLAGS BODY.PEEK[])")
                head, raw = parts[0]
                found.append((head, raw))
            return found
        finally:
            client.logout()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def dovecot():
    server = Dovecot()
    yield server
    server.stop()


def settings_text(smtp_port: int | None = None, *, imap: str = "", extra: str = "") -> str:
    """A foitrack.toml for the mail tests: a requester, [smtp] on a local port, and more."""
    text = textwrap.dedent(
        """
        [requester]
        name = "A. Reporter"
        email = "reporter@example.org"
        """
    ).lstrip()
    if smtp_port is not None:
        text += f'\n[smtp]\nhost = "{LOOPBACK}"\nport = {smtp_port}\nstarttls = false\n'
    if imap:
        text += "\n" + imap
    if extra:
        text += "\n" + textwrap.dedent(extra).lstrip()
    return text


# -- IMAP that hangs up --------------------------------------------------------------------------


class DroppingImapServer(_ThreadedServer):
    """Just enough IMAP4rev1 for a client to log in, open a folder read-only and list its
    messages; then it hangs up when asked for the messages themselves (UID FETCH), as a server
    that crashes or a connection that drops mid-read would. Or, with `refuse_login`, it refuses
    every login."""

    def __init__(self, count: int = 3, refuse_login: bool = False):
        self.count = count
        self.refuse_login = refuse_login
        self.commands: list[str] = []
        super().__init__()

    def _session(self, reader, say) -> None:
        say("* OK [CAPABILITY IMAP4rev1] rude.example ready")
        while True:
            line = reader.readline()
            if not line:
                return
            tag, _, rest = line.decode().strip().partition(" ")
            verb = rest.split(" ", 1)[0].upper()
            argument = rest.split(" ", 2)[1].upper() if " " in rest else ""
            self.commands.append(rest.split(" ", 1)[0].upper() + (f" {argument}" if verb == "UID" else ""))
            if verb == "CAPABILITY":
                say("* CAPABILITY IMAP4rev1")
                say(f"{tag} OK CAPABILITY completed")
            elif verb == "LOGIN":
                if self.refuse_login:
                    say(f"{tag} NO [AUTHENTICATIONFAILED] Authentication failed.")
                else:
                    say(f"{tag} OK LOGIN completed")
            elif verb in ("EXAMINE", "SELECT"):
                say(f"* {self.count} EXISTS")
                say("* 0 RECENT")
                say("* OK [UIDVALIDITY 777] UIDs valid")
                say(f"* OK [UIDNEXT {self.count + 1}] next")
                say("* FLAGS (\\Seen \\Answered)")
                say(f"{tag} OK [READ-ONLY] EXAMINE completed")
            elif verb == "UID" and argument == "SEARCH":
                say("* SEARCH " + " ".join(str(n) for n in range(1, self.count + 1)))
                say(f"{tag} OK SEARCH completed")
            elif verb == "UID" and argument == "FETCH":
                return  # hang up, mid-read
            elif verb == "LOGOUT":
                say("* BYE")
                say(f"{tag} OK LOGOUT completed")
                return
            else:
                say(f"{tag} OK {verb} completed")


@pytest.fixture
def dropping_imap_server():
    started: list[DroppingImapServer] = []

    def start(**options) -> DroppingImapServer:
        server = DroppingImapServer(**options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
