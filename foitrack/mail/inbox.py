"""`foitrack inbox`: read the authorities' replies, say which request each belongs to and what
happened, record what is sure, and keep the documents.

For each message (oldest first): read it (`reading`), match it to a request (`matching`), read
its meaning (`meaning`), and decide an action:
- `recorded` / `would-record`: matched and understood; with `--apply` the event is recorded,
  carrying the message's Message-ID, and the message and its attachments are kept under
  `documents/ID/` and listed on the event (an authority's reference first given in a letter
  whose event cannot carry one, such as an extension, is recorded too, as an acknowledgement);
- `needs-decision`: matched but its meaning is unclear, or there is nothing to record (an
  automatic reply, a bounce, a WhatDoTheyKnow notification: the why says what to do), or it
  could belong to two requests, or it comes from an authority and names none of its requests:
  it is listed, with the candidates and the command that records it, and held until it is
  recorded or dismissed;
- `unmatched`: about no request in the tracker (listed once);
- `already-recorded`: an event on the request already carries its Message-ID (or, recorded by
  hand, is the same event on the same day, or the acknowledgement giving the same reference).
A message that was not read whole records nothing. Nothing from a message is ever run.

One idea, though long: the decision for each message (record, hold, or leave it) and the
recording that follows it, kept together so that nothing is ever recorded that was not decided
the same way `inbox` shows it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from foitrack.errors import FoitrackError, UsageError
from foitrack.law.explain import plural
from foitrack.mail.matching import Index, Match
from foitrack.mail.meaning import Context, Meaning, Source, read_meaning
from foitrack.mail.reading import Mail, MailError, message_key, read_mail
from foitrack.mail.sources import Raw, read_source
from foitrack.store.model import Event, Request

NOREPLY = ("noreply", "no-reply", "donotreply", "do-not-reply", "do_not_reply", "mailer-daemon", "postmaster", "bounce")

# `inbox --json`'s matched_by, as the command-line contract names the kinds of evidence.
_CONTRACT_MATCHED_BY = {
    "thread": "thread",
    "reference": "reference",
    "whatdotheyknow": "whatdotheyknow",
    "commissioner": "address",
    "address": "address",
}


@dataclass
class Item:
    """One message and what became of it."""

    label: str
    key: str | None = None
    mail: Mail | None = None
    match: Match | None = None
    meaning: Meaning | None = None
    action: str = "unmatched"
    why: list[str] = field(default_factory=list)
    error: str | None = None  # the message could not be read
    documents: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # about its documents
    event: Event | None = None  # what was (or would be) recorded
    also: list[Event] = field(default_factory=list)  # recorded after it: the reference it gives, as an acknowledgement

    @property
    def request(self) -> Request | None:
        return self.match.request if self.match else None

    def json(self) -> dict[str, Any]:
        from foitrack.dates import iso
        from foitrack.store.model import exemption_label

        mail, meaning, request = self.mail, self.meaning, self.request
        event = meaning.event if meaning else None
        return {
            "message_id": self.key,
            "date": mail.date.isoformat() if mail and mail.date else None,
            "from": mail.sender if mail else None,
            "subject": mail.subject if mail else None,
            "request": request.id if request else None,
            "authority": request.authority if request else None,
            # The contract's five values: a commissioner's letter, matched by who wrote it and
            # the authority and subject it names, is a match by address and subject; `evidence`
            # says which kind of evidence it was.
            "matched_by": _CONTRACT_MATCHED_BY.get(self.match.matched_by) if self.match else None,
            "evidence": self.match.matched_by if self.match else None,
            "candidates": [r.id for r in self.match.candidates] if self.match else [],
            "event": event,
            "outcome": meaning.outcome if meaning else None,
            "exemptions": [exemption_label(x, request.regime if request else None) for x in (meaning.exemptions if meaning else [])],
            "ref": meaning.ref if meaning else None,
            "amount": meaning.amount if meaning else None,
            "until": iso(meaning.until) if meaning else None,
            "days": meaning.days if meaning else None,
            "attachments": [a.name for a in mail.attachments] if mail else [],
            "documents": self.documents,
            "action": self.action,
            "why": self.why,
            "error": self.error,
            "source": self.label,
        }


@dataclass
class InboxReport:
    items: list[Item]
    faults: list[str]  # sources that could not be read, IMAP failures
    learnt: list[str] = field(default_factory=list)  # addresses learnt for authorities
    skipped: int = 0  # read on an earlier run
    applied: bool = False
    notes: list[str] = field(default_factory=list)  # broken request files passed over

    @property
    def failed(self) -> bool:
        return bool(self.faults) or any(item.error for item in self.items)

    def count(self, action: str) -> int:
        return sum(1 for item in self.items if item.action == action and not item.error)

    def summary(self) -> str:
        read = [item for item in self.items if not item.error]
        parts = []
        recorded = self.count("recorded") if self.applied else self.count("would-record")
        parts.append(f"{recorded} {'recorded' if self.applied else 'to record'}")
        for action, one, many in (
            ("needs-decision", "needs a decision", "need a decision"),
            ("unmatched", "about no request", "about no request"),
            ("already-recorded", "already recorded", "already recorded"),
        ):
            if self.count(action):
                parts.append(f"{self.count(action)} {one if self.count(action) == 1 else many}")
        unread = sum(1 for item in self.items if item.error) + len(self.faults)
        if unread:
            parts.append(f"{unread} could not be read")
        text = f"Read {plural(len(read), 'message')}: " + ", ".join(parts)
        if self.skipped:
            text += f"; {self.skipped} read before, left out (--all reads them again)"
        if not self.applied and self.count("would-record"):
            text += ". Run with --apply to record them"
        return text + "."


# ---------------------------------------------------------------------------------------------


def run(
    tracker,
    sources: list[Path],
    *,
    imap: bool = False,
    since: dt.date | None = None,
    apply: bool = False,
    everything: bool = False,
    dismiss: list[str] = (),
    decide: Callable[[Item], Meaning | None] | None = None,
    progress: Callable[[int | None], None] | None = None,
) -> InboxReport:
    """Read the sources (and `[imap]` with `imap`), and record what is sure with `apply`."""
    from foitrack.store.mailstate import MailState

    tracker.store.require()
    if not sources and not imap and not dismiss:
        raise UsageError("inbox needs something to read: a Maildir folder, an mbox file, .eml files, or --imap")
    imap_settings = None
    if imap:
        from foitrack.mail.imap import ImapSettings

        imap_settings = ImapSettings.of(tracker)
        password = imap_settings.password()
    state = MailState(tracker.store.state_dir, tracker.store._ensure_state_dir)
    for key in dismiss:
        _dismiss(state, key)
    if not sources and not imap:  # only dismissing
        with tracker.store.lock():
            state.save()
        return InboxReport([], [], applied=apply, notes=[f"dismissed {plural(len(dismiss), 'message')}"])
    requests, problems = tracker.load_all()
    index = Index(tracker, requests)
    report = InboxReport([], [], applied=apply, notes=[f"skipped {problem}" for problem in problems])
    raws: list[Raw] = []
    seen_keys: set[str] = set()

    def take(raw: Raw) -> None:
        if raw.error is not None:
            report.items.append(Item(raw.label, error=raw.error, action="unmatched"))
            return
        key = message_key(raw.data)
        if key in seen_keys:
            return
        seen_keys.add(key)
        status = state.status(key)
        if status in ("done", "unmatched", "dismissed") and not everything:
            report.skipped += 1
            return
        raws.append(raw)

    for path in sources:
        for raw in read_source(Path(path)):
            take(raw)
    imap_marks: list[tuple[str, int, int]] = []
    if imap_settings is not None:
        _read_imap(imap_settings, password, state, since, everything, take, report, imap_marks)
    for key in state.pending():  # matched before and not yet recorded: decided again now
        if key not in seen_keys:
            held = state.held(key)
            if held is not None:
                take(Raw(f"held {key}", data=held))
    items = []
    for raw in raws:
        item = _read(raw, since)
        if item is not None:
            items.append(item)
        if progress is not None:
            progress(None)
    items.sort(key=lambda item: (item.mail.date if item.mail and item.mail.date else dt.datetime.min.replace(tzinfo=dt.timezone.utc)))
    for item in items:
        if item.error is None:
            _decide(tracker, index, item)
            if apply and item.action == "needs-decision" and decide is not None and item.request is not None:
                chosen = decide(item)
                if chosen is not None:
                    item.meaning = chosen
                    event, problem = _event(tracker, item)
                    if problem:
                        item.why.append(problem)
                    else:
                        item.event, item.action = event, "would-record"
                        item.why.append("chosen by you")
            if apply and item.action == "would-record":
                updated = _apply(tracker, item)
                if updated is not None:
                    learnt = _learn_address(tracker, item)
                    if learnt:
                        report.learnt.append(learnt)
                    index.requests[updated.id] = updated  # the next message sees this event
                    for event in [item.event, *item.also]:
                        index.learn(updated, event)  # and its Message-ID and reference match
        report.items.append(item)
        _remember(state, item)
    for folder, uidvalidity, uid in imap_marks:
        state.set_seen_uid(folder, uidvalidity, uid)
    with tracker.store.lock():
        state.save()
    return report


def _dismiss(state, key: str) -> None:
    from foitrack.mail.smtp import normalise_msgid

    wanted = normalise_msgid(key) or key
    if state.status(wanted) is None:
        raise UsageError(f"--dismiss {key}: no message with that Message-ID has been read by foitrack inbox")
    state.mark(wanted, "dismissed")


def _read_imap(settings, password, state, since, everything, take, report, marks) -> None:
    """Fetch the folder's new messages (read-only); a failure is a fault and stops only IMAP."""
    from foitrack.mail.imap import ImapError, Mailbox

    folder = settings.folder
    remembered = f"{settings.account}/{folder}"
    since = since or settings.since
    try:
        with Mailbox(settings, password) as box:
            uidvalidity = box.examine(folder)
            seen = 0 if everything else state.seen_uid(remembered, uidvalidity)
            uids = [uid for uid in box.uids(since) if uid > seen]
            highest = seen
            for fetched in box.fetch(uids):
                take(Raw(f"{folder} uid {fetched.uid}", data=fetched.raw, uid=fetched.uid))
                highest = max(highest, fetched.uid)
            if uids:
                marks.append((remembered, uidvalidity, highest))
    except ImapError as error:
        report.faults.append(f"{error.message}; the messages not read from IMAP were not recorded, and will be read next time")


def _read(raw: Raw, since: dt.date | None) -> Item | None:
    key = message_key(raw.data)
    try:
        mail = read_mail(raw.data)
    except MailError as error:
        return Item(raw.label, key=key, error=f"{raw.label}: {error.message}; not recorded")
    except Exception as error:  # a message hostile enough to break a parser: said, never fatal
        return Item(raw.label, key=key, error=f"{raw.label}: cannot be read ({type(error).__name__}); not recorded")
    if since is not None and mail.day is not None and mail.day < since:
        return None
    return Item(raw.label, key=mail.key, mail=mail)


def _decide(tracker, index: Index, item: Item) -> None:
    mail = item.mail
    match = index.match(mail)
    item.match = match
    item.why = list(match.why)
    request = match.request
    if request is None:
        item.action = "needs-decision" if match.candidates else "unmatched"
        if len(match.candidates) == 1:  # what it would mean for the one candidate, to decide on
            item.meaning = _meaning(mail, match.candidates[0], match, item)
            if item.meaning.event:
                item.why += item.meaning.why
        return
    if any(event.message_id == item.key for event in request.events) or request.message_id == item.key:
        item.action = "already-recorded"
        return
    meaning = _meaning(mail, request, match, item)
    item.meaning = meaning
    item.why += meaning.why
    if request.is_draft:
        item.action = "needs-decision"
        item.why.append(
            f"{request.id} is a draft, yet this is a reply to it: if you sent it, 'foitrack send {request.id} --record "
            "--on DATE', then record this"
        )
        return
    known = _recorded_already(request, meaning, item) if meaning.event else None
    if known:
        item.action = "already-recorded"
        item.why.append(known)
        return
    if meaning.event is None or not meaning.sure:
        item.action = "needs-decision"
        if meaning.doubt:
            item.why.append(meaning.doubt)
        return
    event, problem = _event(tracker, item)
    if problem:
        item.action = "needs-decision"
        item.why.append(problem)
        return
    item.event = event
    _reference_too(tracker, item)
    item.action = "would-record"


def _meaning(mail: Mail, request: Request, match: Match, item: Item) -> Meaning:
    sources = []
    for attachment in mail.attachments:
        if attachment.problem and attachment.problem not in item.problems:
            item.problems.append(attachment.problem)
        for number, page in enumerate(attachment.pages, 1):
            if page.strip():
                where = f"on page {number} of {attachment.name}" if len(attachment.pages) > 1 else f"in {attachment.name}"
                sources.append(Source(page, where))
    return read_meaning(
        subject=mail.subject,
        words=mail.own_words,
        attachments=sources,
        sender_domain=mail.sender_domain,
        context=context_of(request, mail, match),
    )


def _recorded_already(request: Request, meaning: Meaning, item: Item) -> str | None:
    """Why the event the message means is on the request already (recorded by hand, or from
    another copy of the message), or None: the same event on the same day, or an acknowledgement
    giving a reference already recorded (or none, when one is recorded)."""
    day = meaning.on or (item.mail.day if item.mail else None)
    for event in request.events:
        if event.type != meaning.event:
            continue
        if event.date == day:
            return f"an event '{event.type}' on {event.date:%d %b %Y} is already recorded"
        if meaning.event == "acknowledged" and (meaning.ref is None or (event.ref or "").lower() == meaning.ref.lower()):
            shown = f" (ref {event.ref})" if event.ref else ""
            return f"the acknowledgement of {event.date:%d %b %Y}{shown} is already recorded"
    return None


def context_of(request: Request, mail: Mail, match: Match) -> Context:
    """What the request's file and the message's headers tell the reading of its words."""
    fee_open = _open(request, "fee-notice", "fee-paid")
    return Context(
        regime=request.regime,
        request_id=request.id.rsplit("-", 1)[-1],
        day=mail.day,
        replied_to=match.replied_to,
        automatic=mail.automatic,
        bounce=mail.bounce.describe() if mail.bounce else None,
        open_clarification=_open(request, "clarification-requested", "clarified"),
        open_fee=fee_open,
        open_review=_open(request, "review-requested", "review-responded"),
        has_complaint=bool(request.events_of("complained")),
        answered=bool(request.events_of("responded")),
    )


def _open(request: Request, asked: str, answered: str) -> bool:
    open_ = False
    for event in request.events:
        if event.type == asked:
            open_ = True
        elif event.type == answered:
            open_ = False
    return open_


def _event(tracker, item: Item) -> tuple[Event | None, str | None]:
    """The event the message means, checked as `record` checks it; or why it cannot be."""
    request, meaning, mail = item.request, item.meaning, item.mail
    day = meaning.on or mail.day or tracker.today
    if day > tracker.today:
        day = tracker.today
    try:
        event = tracker.build_event(meaning.event, day, message_id=item.key, **meaning.options())
    except FoitrackError as error:
        return None, f"cannot be recorded as it reads: {error.message}"
    problem = _problem_with(request, [event])
    return (None, problem) if problem else (event, None)


def _problem_with(request: Request, events: list[Event]) -> str | None:
    """Why the request cannot take these events (checked as `record` checks one), or None."""
    from foitrack.law.validation import file_problems

    candidate = request.model_copy(deep=True)
    candidate.events.extend(events)
    try:
        candidate = Request.model_validate(candidate.model_dump()).bind(request.id, request.path)
    except Exception as error:  # pydantic's ValidationError, said briefly
        return f"cannot be recorded as it reads: {str(error).splitlines()[-1].strip()}"
    before = {message for _, message in file_problems(request)}
    new = [message for _, message in file_problems(candidate) if message not in before]
    return f"cannot be recorded as it reads: {new[0]}" if new else None


def _reference_too(tracker, item: Item) -> None:
    """The authority's reference, first given in a letter whose event cannot carry it (an
    extension, a request for clarification, a fees notice), on a request with none recorded: it
    is recorded as an acknowledgement of the same day, after the event, so that the authority's
    later mail is matched by it."""
    from foitrack.store.model import authority_ref
    from foitrack.vocab import EVENT_OPTIONS

    request, meaning, event = item.request, item.meaning, item.event
    if not meaning.ref or "ref" in EVENT_OPTIONS.get(event.type, ()) or authority_ref(request) or request.events_of("acknowledged"):
        return
    try:
        acknowledgement = tracker.build_event("acknowledged", event.date, ref=meaning.ref)
    except FoitrackError:
        return
    if _problem_with(request, [event, acknowledgement]) is None:
        item.also = [acknowledgement]
        item.why.append(f"its reference {meaning.ref} is recorded too, as an acknowledgement of the same day")


def _apply(tracker, item: Item) -> Request | None:
    """Keep the message and its attachments, and record the event with them; the request as
    recorded, or None (then the item says why)."""
    kept, paths, problems = keep_documents(tracker, item.request.id, item.mail)
    item.problems += problems
    item.documents = kept
    event = item.event.model_copy(update={"documents": kept})
    from foitrack.errors import AlreadyRecorded

    try:
        updated = tracker.record(item.request.id, event, documents=paths)
    except FoitrackError as error:
        for path in paths:  # kept for an event that was not recorded: not left behind
            path.unlink(missing_ok=True)
        if isinstance(error, AlreadyRecorded):  # another inbox run got there first
            item.action = "already-recorded"
        else:
            item.action = "needs-decision"
            item.why.append(f"not recorded: {error.message}")
        return None
    item.event = event
    item.action = "recorded"
    for extra in item.also:  # only once the message's own event is recorded, so never twice
        try:
            updated = tracker.record(item.request.id, extra)
        except FoitrackError as error:
            item.why.append(f"its reference was not recorded: {error.message}")
    return updated


def keep_documents(tracker, request_id: str, mail: Mail) -> tuple[list[str], list[Path], list[str]]:
    """The message as it came and each attachment, saved for the request (store.documents):
    their paths relative to the tracker, their paths, and what could not be kept."""
    from foitrack.store.documents import DocumentTooLarge, Documents

    limit = _limit(tracker)
    documents = Documents(tracker.root, limit=limit)
    day = (mail.day or tracker.today).isoformat()
    words = " ".join(mail.subject.replace("/", "-").replace("\\", "-").split()[:8]) or "message"
    raw = mail.raw if len(mail.raw) <= limit else _without_large_parts(mail.raw, limit)
    files = [(f"{day} {words}.eml", raw, "message")]
    files += [(attachment.name, attachment.data, "attachment") for attachment in mail.attachments]
    kept: list[str] = []
    paths: list[Path] = []
    problems: list[str] = []
    for name, data, fallback in files:
        try:
            saved = documents.save(request_id, name, data, fallback=fallback)
        except DocumentTooLarge as error:
            problems.append(error.message)
            continue
        except FoitrackError as error:
            problems.append(f"{name}: not kept ({error.message})")
            continue
        if saved.relative not in kept:
            kept.append(saved.relative)
            if not saved.existed:
                paths.append(saved.path)
    return kept, paths, problems


def _without_large_parts(raw: bytes, limit: int) -> bytes:
    """The message with each attachment over the limit replaced by a line saying what it was,
    so that the copy kept as proof stays within the limit too."""
    import email
    import email.policy

    message = email.message_from_bytes(raw, policy=email.policy.default)
    for part in message.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True) or b""
        if len(payload) > limit // 2:
            name = part.get_filename() or part.get_content_type()
            part.set_content(f"[{name}, {len(payload)} bytes, was not kept: it is over foitrack's size limit]\n")
    return message.as_bytes()


def _limit(tracker) -> int:
    from foitrack.store.documents import DEFAULT_LIMIT

    section = tracker.settings.section("inbox")
    value = section.get("max_attachment_mb")
    if value is None:
        return DEFAULT_LIMIT
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value <= 2048:
        raise UsageError(f"{tracker.settings.path}: [inbox] max_attachment_mb must be a number of megabytes (up to 2048)")
    return int(value * 1024 * 1024)


def _remember(state, item: Item) -> None:
    if item.error is not None and item.key is None:
        return
    if item.error is not None:
        return  # not read whole: read again next time
    if item.action in ("recorded", "already-recorded"):
        state.mark(item.key, "done")
    elif item.action == "unmatched":
        state.mark(item.key, "unmatched")
    else:
        state.mark(item.key, "pending")
        state.hold(item.key, item.mail.raw)


def _learn_address(tracker, item: Item) -> str | None:
    """An address for an authority that had none, from its reply (Reply-To, else From), kept in
    foitrack.toml so that the next request or chaser goes there. Only from a reply matched by
    its thread or its reference, never from a no-reply address or a public mail service."""
    from foitrack.mail.matching import PUBLIC_DOMAINS
    from foitrack.mail.chasing import address_for
    from foitrack.settings import with_authority_email

    request, mail = item.request, item.mail
    if item.match.matched_by not in ("thread", "reference") or mail.forwarded:
        return None
    if address_for(tracker, request):
        return None
    address = mail.reply_to or mail.sender
    local, _, domain = address.partition("@")
    if not domain or domain in PUBLIC_DOMAINS or any(word in local.lower() for word in NOREPLY):
        return None
    name = request.authority
    try:
        changed = tracker.update_settings(
            lambda text: with_authority_email(text, name, address),
            f"Learn {name}'s address from its reply: {address}",
        )
    except FoitrackError:
        return None
    return f"{address} for {name} (from its reply; kept in foitrack.toml)" if changed else None


# ---------------------------------------------------------------------------------------------
# record ID EVENT --message MSGID


def message_for_record(tracker, request: Request, wanted: str) -> tuple[str, list[str], list[Path], list[str]]:
    """For `record ID EVENT --message MSGID` (or a path to an .eml file): the message's key, the
    documents kept from it, their paths and any problems. Raises UsageError if it is unknown."""
    from foitrack.mail.smtp import normalise_msgid
    from foitrack.store.mailstate import MailState

    path = Path(wanted).expanduser()
    raw = None
    if path.suffix.lower() == ".eml" and path.is_file():
        raw = path.read_bytes()
    else:
        key = normalise_msgid(wanted) or wanted
        state = MailState(tracker.store.state_dir)
        raw = state.held(key)
        if raw is None:
            raise UsageError(
                f"--message {wanted}: foitrack inbox has not read a message with that Message-ID (or it was "
                "recorded already); give its Message-ID as inbox shows it, or the path of the .eml file"
            )
    try:
        mail = read_mail(raw)
    except MailError as error:
        raise UsageError(f"--message {wanted}: {error.message}") from None
    if any(event.message_id == mail.key for event in request.events):
        raise UsageError(f"--message {wanted}: that message is already recorded on {request.id}")
    kept, paths, problems = keep_documents(tracker, request.id, mail)
    return mail.key, kept, paths, problems


def recorded_message(tracker, key: str) -> None:
    """After `record --message`: the message is done."""
    from foitrack.store.mailstate import MailState

    state = MailState(tracker.store.state_dir, tracker.store._ensure_state_dir)
    if state.status(key) is not None or state.held(key) is not None:
        state.mark(key, "done")
        with tracker.store.lock():
            state.save()
