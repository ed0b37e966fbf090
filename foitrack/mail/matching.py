"""Which request an email is about, most certain evidence first:

1. thread: its In-Reply-To or References name a Message-ID foitrack sent (a request, a chaser,
   a review request) or read (an earlier reply recorded on a request);
2. reference: the authority's reference for a request (from an acknowledgement or a response)
   in the subject, the text or an attachment;
3. whatdotheyknow: the request's WhatDoTheyKnow address or page (its `whatdotheyknow` key), or a
   WhatDoTheyKnow notification naming the request's title and authority;
4. address: the sender's address, or its domain, is the request's (or its authority's), and the
   request's subject is in the message's subject.

A message the evidence ties to two requests, or that a weaker piece of evidence ties to another
request than a stronger one does, is never guessed: it is listed for the user. Attaching a reply
to the wrong request is worse than not matching it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from foitrack.mail.reading import Mail
from foitrack.mail.smtp import normalise_msgid
from foitrack.store.model import Request

# Mail services anyone can use: a shared domain says nothing about who sent the message.
PUBLIC_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com",
    "live.co.uk", "msn.com", "yahoo.com", "yahoo.co.uk", "icloud.com", "me.com", "aol.com",
    "btinternet.com", "protonmail.com", "proton.me", "gmx.com", "mail.com", "sky.com",
})
WDTK_DOMAIN = "whatdotheyknow.com"
_WDTK_URL = re.compile(r"whatdotheyknow\.com/(?:[a-z]{2}/)?request/([a-z0-9_\-]+)", re.I)
_WDTK_ADDRESS = re.compile(r"\b(request-\d+-[0-9a-f]+)@whatdotheyknow\.com", re.I)
_WDTK_TITLE = re.compile(r"request\s+['\"\u2018\u201c](.+?)['\"\u2019\u201d]\s+that you made to\s+(.+?)(?:\.\s|\.?$)", re.I | re.S)


def normal_subject(text: str) -> str:
    """Lower case, words only, without Re:/Fwd: and the like: 'RE: FW: CCTV contracts!' ->
    'cctv contracts'."""
    text = text.lower()
    while True:
        stripped = re.sub(r"^\s*(?:re|fw|fwd|aw|sv|tr|antw|automatic reply|auto(?:matic)?[- ]?reply|out of office|\[external\])\s*:\s*", "", text)
        stripped = re.sub(r"^\s*\[external\]\s*", "", stripped)
        if stripped == text:
            break
        text = stripped
    return " ".join(re.findall(r"[a-z0-9]+", text))


def wdtk_key(value: str) -> str | None:
    """A WhatDoTheyKnow request's page slug or request address, from either."""
    found = _WDTK_URL.search(value) or _WDTK_ADDRESS.search(value)
    return found.group(1).lower() if found else None


@dataclass
class Match:
    request: Request | None
    matched_by: str | None  # thread, reference, whatdotheyknow, address
    why: list[str] = field(default_factory=list)
    candidates: list[Request] = field(default_factory=list)  # when it could be several

    @property
    def ambiguous(self) -> bool:
        return self.request is None and len(self.candidates) > 1


class Index:
    """The tracker's requests, arranged for matching many messages quickly."""

    def __init__(self, tracker, requests: list[Request]):
        self.tracker = tracker
        self.requests = {request.id: request for request in requests}
        self.by_msgid: dict[str, set[str]] = {}
        self.refs: dict[str, set[str]] = {}
        self.wdtk: dict[str, set[str]] = {}
        self.addresses: dict[str, list[str]] = {}
        self.by_domain: dict[str, set[str]] = {}  # an address's domain -> the requests it is for
        self.own = (tracker.settings.requester_email or "").lower()
        self._ref_pattern = None
        for request in requests:
            for event in request.events:
                self.learn(request, event)
            if request.message_id:
                self._thread(request.message_id, request.id)
            extra = (request.model_extra or {}).get("whatdotheyknow")
            for value in (extra, request.email):
                key = wdtk_key(str(value)) if value else None
                if key:
                    self.wdtk.setdefault(key, set()).add(request.id)
            self.addresses[request.id] = self._addresses_of(request)
            for address in self.addresses[request.id]:
                self.by_domain.setdefault(address.rpartition("@")[2], set()).add(request.id)

    def learn(self, request: Request, event) -> None:
        """Take in an event (one just recorded too): its Message-ID and reference now match."""
        if event.message_id:
            self._thread(event.message_id, request.id)
        ref = (event.ref or "").strip()
        if len(ref) >= 4 and re.search(r"\d", ref) and request.id not in self.refs.get(ref.lower(), ()):
            self.refs.setdefault(ref.lower(), set()).add(request.id)
            self._ref_pattern = None

    def _thread(self, msgid: str, request_id: str) -> None:
        key = normalise_msgid(msgid)
        if key:
            self.by_msgid.setdefault(key, set()).add(request_id)

    @property
    def ref_pattern(self):
        """One expression for every reference, longest first (built when first needed)."""
        if self._ref_pattern is None and self.refs:
            ordered = sorted(self.refs, key=len, reverse=True)
            self._ref_pattern = re.compile(
                r"(?<![a-z0-9])(" + "|".join(re.escape(ref) for ref in ordered) + r")(?![a-z0-9])", re.I
            )
        return self._ref_pattern

    def _addresses_of(self, request: Request) -> list[str]:
        found = []
        if request.email:
            found.append(request.email.strip().lower())
        known = self.tracker.authority(request.authority)
        if known is not None and known.email:
            found.append(known.email.strip().lower())
        return list(dict.fromkeys(found))

    def _named(self, ids) -> list[Request]:
        return [self.requests[i] for i in sorted(ids)]

    # -- the evidence, strongest first -----------------------------------------------------------

    def by_thread(self, mail: Mail) -> tuple[set[str], list[str]]:
        ids: set[str] = set()
        why = []
        for parent in mail.parents:
            hits = self.by_msgid.get(parent)
            if hits:
                ids |= hits
                header = "In-Reply-To" if parent in mail.parents[:1] else "References"
                why.append(f"{header} {parent}")
        return ids, why[:1]

    def by_reference(self, mail: Mail) -> tuple[set[str], list[str]]:
        if self.ref_pattern is None:
            return set(), []
        ids: set[str] = set()
        why = []
        places = [("the subject", mail.subject), ("the email", mail.text)]
        places += [(attachment.name, attachment.text) for attachment in mail.attachments if attachment.pages]
        for where, text in places:
            for found in self.ref_pattern.finditer(text or ""):
                hits = self.refs.get(found.group(1).lower(), set())
                if hits - ids:
                    why.append(f"reference '{found.group(1)}' in {where}")
                ids |= hits
        return ids, why

    def by_whatdotheyknow(self, mail: Mail) -> tuple[set[str], list[str]]:
        ids: set[str] = set()
        why = []
        text = f"{mail.subject}\n{mail.text}\n{mail.sender}\n{mail.reply_to or ''}"
        for pattern in (_WDTK_URL, _WDTK_ADDRESS):
            for found in pattern.finditer(text):
                hits = self.wdtk.get(found.group(1).lower(), set())
                if hits:
                    ids |= hits
                    why.append(f"WhatDoTheyKnow {found.group(0)}")
        if ids or not mail.sender.endswith(WDTK_DOMAIN):
            return ids, why
        # A WhatDoTheyKnow notification: "... the Freedom of Information request 'TITLE' that you
        # made to AUTHORITY." The title and the authority together name the request.
        notice = _WDTK_TITLE.search(" ".join(mail.text.split()))
        if notice is None:
            return ids, why
        title, authority = normal_subject(notice.group(1)), " ".join(notice.group(2).split()).rstrip(".")
        resolved = self._authority_name(authority)
        for request in self.requests.values():
            if normal_subject(request.subject) == title and request.authority in resolved:
                ids.add(request.id)
        if ids:
            why.append(f"WhatDoTheyKnow notification about '{notice.group(1)}' to {authority}")
        return ids, why

    def _authority_name(self, typed: str) -> set[str]:
        names = {typed}
        resolution = self.tracker.directory.resolve(typed)
        if resolution.status == "exact":
            names.add(resolution.authority.name)
        return names

    def by_address(self, mail: Mail) -> tuple[set[str], list[str]]:
        senders = [a for a in (mail.sender, (mail.reply_to or "").lower()) if a]
        subject = normal_subject(mail.subject)
        ids: set[str] = set()
        why = []
        candidates: set[str] = set()
        for sender in senders:  # the requests whose address is the sender's domain, or a parent of it
            labels = sender.rpartition("@")[2].split(".")
            for start in range(len(labels) - 1):
                candidates |= self.by_domain.get(".".join(labels[start:]), set())
        for request_id in sorted(candidates):
            addresses = self.addresses[request_id]
            request = self.requests[request_id]
            wanted = normal_subject(request.subject)
            if len(wanted) < 6 or not re.search(rf"(?<![a-z0-9]){re.escape(wanted)}(?![a-z0-9])", subject):
                continue
            for sender in senders:
                how = _same_sender(sender, addresses)
                if how:
                    ids.add(request_id)
                    why.append(f"from {sender} ({how} of {request.authority}) about '{request.subject}'")
                    break
        return ids, why

    # -- deciding ------------------------------------------------------------------------------

    def match(self, mail: Mail) -> Match:
        if self.own and mail.sender == self.own and not mail.forwarded:
            return Match(None, None, ["sent by you"])
        thread, thread_why = self.by_thread(mail)
        reference, reference_why = self.by_reference(mail)
        wdtk, wdtk_why = self.by_whatdotheyknow(mail)
        address, address_why = (set(), []) if (thread or reference or wdtk) else self.by_address(mail)
        evidence = [
            ("thread", thread, thread_why),
            ("reference", reference, reference_why),
            ("whatdotheyknow", wdtk, wdtk_why),
            ("address", address, address_why),
        ]
        for name, ids, why in evidence:
            if not ids:
                continue
            if len(ids) > 1:
                return Match(None, None, why + [f"could be any of {len(ids)} requests"], self._named(ids))
            [only] = ids
            # A weaker piece of evidence pointing at another request: say so, never choose.
            for other, other_ids, other_why in evidence:
                if other != name and other_ids and only not in other_ids:
                    both = self._named(ids | other_ids)
                    return Match(None, None, why + other_why + ["the evidence points at different requests"], both)
            return Match(self.requests[only], name, why)
        return Match(None, None, ["no thread, reference, WhatDoTheyKnow link or known address and subject"])


def _same_sender(sender: str, addresses: list[str]) -> str | None:
    """'the address' or 'the domain' when the sender is the request's address or writes from its
    domain (or a subdomain of it: info.hackney.gov.uk for hackney.gov.uk, never gov.uk for it);
    never for a public mail service's domain."""
    if sender in addresses:
        return "the address"
    domain = sender.rpartition("@")[2]
    if not domain or domain in PUBLIC_DOMAINS:
        return None
    for address in addresses:
        theirs = address.rpartition("@")[2]
        if theirs in PUBLIC_DOMAINS:
            continue
        if domain == theirs or domain.endswith("." + theirs):
            return "the domain"
    return None
