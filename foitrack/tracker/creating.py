"""Making things: a new tracker (`init`), changes to foitrack.toml, and new requests (`new`), each
authority resolved through the directory, each address checked to say whose it is, and nothing
logged twice for the same day.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Callable, Iterable

from pydantic import ValidationError

from foitrack.errors import FoitrackError, UsageError
from foitrack.law.validation import calendar_problems
from foitrack.settings import DEFAULT_SETTINGS, SETTINGS_FILE, Settings
from foitrack.store.atomic import create_exclusive
from foitrack.store.folder import REQUESTS_DIR, slugify
from foitrack.store.model import Request, email_address, identity_key
from foitrack.store.parsing import is_request_name
from foitrack.tracker.core import DATED_NAME, AuthorityChoice, first_error

REQUESTS_README = """\
# requests/

One TOML file per Freedom of Information request, written by `foitrack new` and updated by
appending `[[events]]` (`foitrack record`, `foitrack respond`); `foitrack edit` changes only the
header lines it is asked to. The file name is the request's id.
Edit the files by hand if you like: comments and keys of your own are kept, and
`foitrack check` tells you if an edit broke anything.
"""


def split_named_address(value: str) -> tuple[str | None, str]:
    """'Camden=foi@camden.gov.uk' -> ('Camden', 'foi@camden.gov.uk'); a plain address -> (None, it).

    The text before the first '=' is a name unless it holds an '@': an '=' after the '@' belongs
    to the address."""
    text = value.strip()
    name, equals, address = text.partition("=")
    if not equals or "@" in name:
        return None, text
    return " ".join(name.split()), address.strip()


class Creating:
    """The creating operations of `Tracker` (see the module's docstring)."""

    def init(self) -> list[Path]:
        """Create the settings file and requests/ folder; never overwrite anything."""
        from foitrack.errors import os_error_text

        created: list[Path] = []
        if self.root.exists() and not self.root.is_dir():
            raise FoitrackError(f"{self.root} is a file, not a folder: give --dir a folder")
        requests_dir = self.root / REQUESTS_DIR
        if requests_dir.exists() and not requests_dir.is_dir():
            raise FoitrackError(
                f"{requests_dir} exists but is not a folder: move it aside, then run 'foitrack init' again"
            )
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            if not requests_dir.exists():
                requests_dir.mkdir()
                created.append(requests_dir)
        except OSError as error:
            raise FoitrackError(f"cannot create a tracker there: {os_error_text(error)}") from None
        readme = requests_dir / "README.md"
        if not readme.exists() and create_exclusive(readme, REQUESTS_README):
            created.append(readme)
        settings = self.root / SETTINGS_FILE
        if create_exclusive(settings, DEFAULT_SETTINGS):
            created.append(settings)
        from foitrack.teamwork.git import ATTRIBUTES_FILE, ATTRIBUTES_TEXT

        # How git merges two people's changes to a request (events from both sides kept); a
        # plain text file that does nothing until the folder is in git.
        attributes = self.root / ATTRIBUTES_FILE
        if not attributes.exists() and create_exclusive(attributes, ATTRIBUTES_TEXT):
            created.append(attributes)
        if created:
            self._changed([p for p in created if p.is_file()], "Start a foitrack tracker")
        return created

    def update_settings(self, edit: Callable[[str], str], message: str) -> bool:
        """Change foitrack.toml: `edit` is given its text ('' when there is none) and returns the
        new text, which must be valid settings. The one way foitrack rewrites its settings:
        under the tracker lock, atomically, then committed like any change (`_changed`), with
        the user's own uncommitted edits to the file committed on their own first. Edit the
        text, never re-serialise it, so comments and keys of the user's own survive. False when
        the text came back unchanged."""
        from foitrack.store.atomic import atomic_write

        path = self.root / SETTINGS_FILE
        with self.store.lock():
            try:
                before = path.read_text(encoding="utf-8") if path.exists() else ""
            except (OSError, UnicodeDecodeError) as error:
                raise FoitrackError(f"{path}: cannot read settings: {error}") from None
            after = edit(before)
            if after == before:
                return False
            from foitrack.directory import Directory

            # Refuse to write settings foitrack could not read back, as `check` reads them.
            Directory.load(Settings.parse(path, after).authorities)
            atomic_write(path, after)
            for cached in ("settings", "directory", "_bank_holiday_divisions"):  # read the new file
                self.__dict__.pop(cached, None)
            self._extra_cache.clear()
            self._authority_cache.clear()
            self._filter_cache.clear()
            self._changed([path], message)
        return True

    def new_requests(
        self,
        authorities: Iterable[str],
        *,
        subject: str,
        sent: dt.date,
        received: dt.date | None = None,
        regime: str | None = None,
        tags: Iterable[str] = (),
        body: str | None = None,
        via: str | None = None,
        emails: Iterable[str] = (),
        batch: str | None = None,
        allow_duplicate: bool = False,
        draft: bool = False,
    ) -> tuple[list[Request], list[str]]:
        """Log one request per authority; several authorities form one batch.

        With `draft`, the requests are drafts, to be sent by `foitrack send`: no sent date (`sent`
        is the day they were drafted), and their text is a template filled in for each authority
        ($authority, $requester_name ...: `mail.sending.fill_request_text`), so that each reads
        as written to that body.

        `emails` are the addresses the request went to: a plain address for a single authority,
        "NAME=ADDRESS" for any (the only form a batch takes, so no authority's chasers ever go
        to another's address). A request the tracker already holds (the same authority, subject
        and date sent) is refused unless `allow_duplicate`. Everything is checked before anything
        is written. Returns the new requests and any notes about how the authority names were read."""
        self.store.require()
        names = list(authorities)
        if not names:
            raise UsageError("name at least one authority with -a")
        if not subject or not subject.strip():
            raise UsageError("the subject cannot be empty (-s)")
        if draft and received is not None:
            raise UsageError("a draft has not been received yet: leave out --received")
        if received is not None and received < sent:
            raise UsageError(f"--received {received} is before --sent {sent}")
        for option, day in (("--sent", sent), ("--received", received)):
            if day is not None and day > self.today:
                raise UsageError(f"{option} {day:%d %b %Y} is in the future; log a request once it has been sent")
        tags = [tag.strip() for tag in tags]
        if any(not tag for tag in tags):
            raise UsageError("a tag cannot be empty (-t)")
        probe = Request(authority="-", subject="-", sent=sent, received=received, regime=regime or "foia")
        outside = calendar_problems(probe)
        if outside:
            (key,), message = outside[0]  # a header key: the probe has no events
            raise UsageError(f"--{key}: {message.split(' ', 1)[1] if message.startswith(key) else message}")
        choices = [self.resolve_authority(name) for name in names]
        seen: dict[str, str] = {}  # canonical name -> the name typed first for it
        for typed, choice in zip(names, choices):
            if choice.name in seen:
                first = seen[choice.name]
                same = "" if first.strip() == typed.strip() else f" ({first!r} and {typed!r} are the same authority)"
                raise UsageError(f"{choice.name!r} is named twice in this batch{same}; name it once")
            seen[choice.name] = typed
        addresses = self.addresses_for(choices, emails)
        if len(choices) > 1 and batch is None:
            batch = f"{sent.isoformat()}-{slugify(subject, 32)}"
        planned: list[Request] = []
        for choice in choices:
            text = body
            if draft and body is not None:
                from foitrack.mail.sending import fill_request_text

                text = fill_request_text(
                    body, authority=choice.name, regime=regime or choice.regime, subject=" ".join(subject.split()),
                    requester_name=self.settings.requester_name, requester_email=self.settings.requester_email,
                    settings_path=self.settings.path,
                )
            header: dict[str, Any] = {
                "authority": choice.name,
                "subject": " ".join(subject.split()),
                "sent": None if draft else sent,
                "drafted": sent if draft else None,
                "received": received,
                "regime": regime or choice.regime,
                "batch": batch,
                "tags": sorted(set(tags)),
                "via": via,
                "email": addresses.get(choice.name),
                "body": text,
            }
            try:
                planned.append(Request.model_validate({k: v for k, v in header.items() if v is not None}))
            except ValidationError as error:
                raise UsageError(first_error(error)) from None
        notes = [choice.note for choice in choices if choice.note]
        # Under the lock, so that two `new` commands run at once cannot both log the same request.
        with self.store.lock():
            logged: dict[int, Request] = {} if allow_duplicate else self._refuse_duplicates(planned)
            created = self._create_all([request for index, request in enumerate(planned) if index not in logged])
            if logged:
                # The same batch run again (after a run that was cut off, say): only what is missing
                # is logged, and what was already there is committed with it if it was not yet.
                ids = ", ".join(request.id for request in logged.values())
                notes.append(
                    f"{len(logged)} of the {len(planned)} requests of batch {batch} were already logged ({ids}): "
                    + (f"logged only the {len(created)} missing" if created else "nothing new to log")
                )
            if created:
                what = created[0].authority if len(created) == 1 else f"{len(created)} authorities"
                self._changed(
                    [request.path for request in created] + [request.path for request in logged.values()],
                    f"{'Draft' if draft else 'New'} FOI request to {what}: {created[0].subject}",
                )
        return created, notes

    def addresses_for(self, choices: list[AuthorityChoice], values: Iterable[str]) -> dict[str, str]:
        """Whose each `--email` is: canonical authority name -> address.

        With one authority a plain address is that authority's; with several, every address must
        say whose it is ("Camden=foi@camden.gov.uk", the name read as -a reads it) and name one of
        them, so that one authority's chasers never go to another. Each address is checked."""
        addresses: dict[str, str] = {}
        names = [choice.name for choice in choices]
        for value in values:
            owner, address = split_named_address(value)
            if owner is None:
                if len(choices) > 1:
                    example = f"{names[0]}=foi@example.org"
                    raise UsageError(
                        f"--email {value.strip()!r}: with several authorities, say whose address it is, "
                        f"e.g. --email {example!r} (one --email per authority); nothing was written"
                    )
                name = names[0]
            else:
                if not owner:
                    raise UsageError(f"--email {value.strip()!r}: name the authority before the '='")
                name = self.resolve_authority(owner).name
                if name not in names:
                    raise UsageError(
                        f"--email {value.strip()!r}: {name!r} is not "
                        + ("this request's authority" if len(names) == 1 else "one of this batch's authorities")
                        + f" ({', '.join(names)})"
                    )
            checked = email_address(address, "--email")
            if name in addresses and addresses[name] != checked:
                raise UsageError(f"--email: two addresses for {name!r} ({addresses[name]} and {checked}); give one")
            addresses[name] = checked
        return addresses

    def _refuse_duplicates(self, planned: list[Request], *, editing: str | None = None) -> dict[int, Request]:
        """Refuse requests the tracker already holds: the same authority (however it was typed
        then), subject and date sent. `editing`: the id of the request being edited into
        `planned[0]`, which is not a duplicate of itself. A batch run again is not refused: the
        members it already holds, in that same batch, are returned (index in `planned` -> the
        request held), for the caller to leave out."""
        held: dict[str, Request] = {}
        for request in self._sent_on({request.logged_on for request in planned}):
            if request.id == editing:
                continue
            known = self.authority(request.authority)
            authority = known.name if known is not None else request.authority
            held.setdefault(identity_key(authority, request.subject, request.logged_on), request)
        repeats = {
            index: held[key]
            for index, request in enumerate(planned)
            if (key := identity_key(request.authority, request.subject, request.logged_on)) in held
        }
        rerun = len(planned) > 1 and all(
            request.batch is not None and request.batch == planned[index].batch for index, request in repeats.items()
        )
        if repeats and not rerun:
            index, existing_request = next(iter(repeats.items()))
            request = planned[index]
            more = f" (and {len(repeats) - 1} more of this batch)" if len(repeats) > 1 else ""
            again = "keep both, pass --allow-duplicate" if editing else "log it again, pass --allow-duplicate"
            raise UsageError(
                f"{request.authority!r} already has this request: {existing_request.id} (subject "
                f"{request.subject!r}, {'drafted' if request.is_draft else 'sent'} {request.logged_on:%d %b %Y})"
                f"{more}; nothing was written. To {again}"
            )
        return repeats

    def _sent_on(self, days: set[dt.date]) -> list[Request]:
        """The requests sent (or, drafts, drafted) on any of `days`, read from their files, without
        reading the whole tracker: those whose file name starts with the day (as foitrack names
        them), those the listing cache knows were sent that day under another name (`Index.strays`),
        and any whose name holds no date. (A request renamed, or sent after being drafted, since
        the last listing is found once a listing has seen it.)"""
        from foitrack.store.index import Index

        isos = {day.isoformat() for day in days}
        strays = Index(self.store).strays()
        # The names that start with one of the days, or with no day at all, found in one pass
        # over the folder's listing (100,000 names in milliseconds).
        prefixes = {f"{iso}-" for iso in isos}
        days_or_none = "|".join(re.escape(prefix) for prefix in sorted(prefixes))
        listing = "\n".join(self.store.names())
        wanted = {
            name for name in re.findall(rf"^(?:{days_or_none}|(?!{DATED_NAME.pattern}))[^\n]*$", listing, re.M)
            if is_request_name(name) and (name[:11] in prefixes or name not in strays or strays[name] in isos)
        }
        wanted.update(name for name, logged_on in strays.items() if logged_on in isos)
        found = []
        for name in sorted(wanted):
            request = self.store.read(self.store.requests_dir / name).request
            if request is not None and request.logged_on in days:
                found.append(request)
        return found

    def create_requests(self, requests: list[Request], message: str) -> list[Request]:
        """Write several finished requests (header and events) as new files: one change, so one
        commit. Used by `import`; `new_requests` is the way to log requests a user types."""
        self.store.require()
        with self.store.lock():
            created = self._create_all(requests)
            if created:
                self._changed([request.path for request in created], message)
        return created

    def _create_all(self, requests: list[Request]) -> list[Request]:
        """Create each request's file (the caller holds the lock); if one cannot be written (a
        full disk), those already written are taken away again, so that nothing is half done."""
        created: list[Request] = []
        try:
            for request in requests:
                created.append(self.store.create(request))
        except FoitrackError as error:
            for request in created:
                request.path.unlink(missing_ok=True)
            raise FoitrackError(f"{error.message}; nothing was logged") from None
        return created
