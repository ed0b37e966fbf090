"""Which request an email is about, most certain evidence first:

1. thread: its In-Reply-To or References name a Message-ID foitrack sent (a request, a chaser,
   a review request) or read (an earlier reply recorded on a request); a delivery failure, by the
   Message-ID of the message it returns;
2. reference: the authority's reference for a request (from an acknowledgement or a response)
   in the subject, the text or an attachment;
3. whatdotheyknow: the request's WhatDoTheyKnow address or page (its `whatdotheyknow` key), or a
   WhatDoTheyKnow notification naming the request's title and authority;
4. commissioner: a letter from the Information Commissioner or the Scottish Information
   Commissioner naming the request's authority and its subject;
5. address: the sender's address, or its domain, is the request's (or its authority's), and the
   message names the request: its subject in the message's subject or text, or the day it was
   sent (or one of its events happened) as the day of 'your request', 'your email', 'the fees
   notice'. Never a mailing (List-Unsubscribe), never a domain public bodies share (nhs.net).

A message the evidence ties to two requests, or that a weaker piece of evidence ties to another
request than a stronger one does, is never guessed: it is listed for the user. So is a message
from an authority that names none of its requests (two requests to one authority: only a
reference tells them apart). The one exception is a reply in one request's thread whose own
words give another request's reference: the authority answered in the wrong thread, and the
reference decides. Attaching a reply to the wrong request is worse than not matching it.
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
# Domains many public bodies share a mailbox service on (NHS mail): only the exact address says
# which body wrote.
SHARED_DOMAINS = frozenset({"nhs.net", "nhs.scot", "hscni.net"})
# Domains under which each subdomain is another body (gwynedd.llyw.cymru is not the Welsh
# Government's, leeds.ac.uk not Jisc's): a subdomain of one of them never counts as the body
# that writes from the domain itself.
PARENT_DOMAINS = frozenset({
    "gov.uk", "gov.scot", "gov.wales", "llyw.cymru", "police.uk", "nhs.uk", "ac.uk", "sch.uk",
    "org.uk", "parliament.uk", "mod.uk", "gov.je", "gov.gg", "gov.im",
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
    matched_by: str | None  # thread, reference, whatdotheyknow, commissioner, address
    why: list[str] = field(default_factory=list)
    candidates: list[Request] = field(default_factory=list)  # when it could be several
    replied_to: str | None = None  # what its thread answers: 'request', or the event's type ('chased' ...)

    @property
    def ambiguous(self) -> bool:
        return self.request is None and len(self.candidates) > 1


class Index:
    """The tracker's requests, arranged for matching many messages quickly."""

    def __init__(self, tracker, requests: list[Request]):
        self.tracker = tracker
        self.requests = {request.id: request for request in requests}
        self.by_msgid: dict[str, set[str]] = {}
        self.kinds: dict[str, str] = {}  # a Message-ID -> what it was: 'request', or an event's type
        self.refs: dict[str, set[str]] = {}
        self.wdtk: dict[str, set[str]] = {}
        self.addresses: dict[str, list[str]] = {}
        self.by_domain: dict[str, set[str]] = {}  # an address's domain -> the requests it is for
        self.own = (tracker.settings.requester_email or "").lower()
        self._names: dict[str, list[str]] = {}  # an authority's names as letters write them
        self._ref_pattern = None
        for request in requests:
            for event in request.events:
                self.learn(request, event)
            if request.message_id:
                self._thread(request.message_id, request.id, "request")
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
            self._thread(event.message_id, request.id, event.type)
        ref = (event.ref or "").strip()
        if len(ref) >= 4 and re.search(r"\d", ref) and request.id not in self.refs.get(ref.lower(), ()):
            self.refs.setdefault(ref.lower(), set()).add(request.id)
            self._ref_pattern = None

    def _thread(self, msgid: str, request_id: str, kind: str) -> None:
        key = normalise_msgid(msgid)
        if key:
            self.by_msgid.setdefault(key, set()).add(request_id)
            self.kinds.setdefault(key, kind)

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

    def references(self, mail: Mail) -> tuple[set[str], list[str], set[str]]:
        """The requests whose references the message names, why, and those of them named in its
        own words (the subject, what the sender wrote, the attachments), not only in the text it
        quotes."""
        if self.ref_pattern is None:
            return set(), [], set()
        ids: set[str] = set()
        own: set[str] = set()
        why = []
        places = [("the subject", mail.subject, True), ("the email", mail.own_words, True)]
        places += [(attachment.name, attachment.text, True) for attachment in mail.attachments if attachment.pages]
        places.append(("the quoted text", mail.text, False))
        for where, text, theirs in places:
            for found in self.ref_pattern.finditer(text or ""):
                hits = self.refs.get(found.group(1).lower(), set())
                if hits - ids:
                    why.append(f"reference '{found.group(1)}' in {where}")
                ids |= hits
                if theirs:
                    own |= hits
        return ids, why, own

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

    def _senders(self, mail: Mail) -> list[str]:
        return [a for a in (mail.sender, (mail.reply_to or "").lower()) if a]

    def from_authority(self, mail: Mail) -> dict[str, str]:
        """The requests whose authority the message comes from (its address, or its domain), each
        with how: 'the address of London Borough of Hackney'."""
        candidates: set[str] = set()
        for sender in self._senders(mail):  # the requests whose address is the sender's domain, or a parent of it
            labels = sender.rpartition("@")[2].split(".")
            for start in range(len(labels) - 1):
                candidates |= self.by_domain.get(".".join(labels[start:]), set())
        found: dict[str, str] = {}
        for request_id in sorted(candidates):
            for sender in self._senders(mail):
                how = _same_sender(sender, self.addresses[request_id])
                if how:
                    found[request_id] = f"{sender} ({how} of {self.requests[request_id].authority})"
                    break
        return found

    def by_address(self, mail: Mail) -> tuple[set[str], list[str]]:
        """From the authority's address, and about the request: its subject in the message's
        subject or text (the authority's summary of it, or the request quoted), or the day the
        request was sent (or one of its events happened) given as the day of 'your request',
        'your email', 'the fees notice'. A mailing (List-Unsubscribe) is never matched so."""
        if mail.bounce is not None:
            return self._returned(mail)
        if mail.bulk:
            return set(), []
        senders = self.from_authority(mail)
        subject = normal_subject(mail.subject)
        text = normal_subject(mail.text)
        ids: set[str] = set()
        why = []
        for request_id, sender in senders.items():
            request = self.requests[request_id]
            wanted = normal_subject(request.subject)
            if len(wanted) < 6:
                continue
            pattern = rf"(?<![a-z0-9]){re.escape(wanted)}(?![a-z0-9])"
            if re.search(pattern, subject):
                ids.add(request_id)
                why.append(f"from {sender} about '{request.subject}'")
            elif re.search(pattern, text):
                ids.add(request_id)
                why.append(f"from {sender}, naming '{request.subject}' in the email")
        if ids:
            return ids, why
        dated = self._by_date(mail, senders)
        for request_id, (day, words) in dated.items():
            ids.add(request_id)
            why.append(f"from {senders[request_id]}, about {words} ({day:%d %b %Y} is {self._day_of(request_id, day)})")
        return ids, why

    def _returned(self, mail: Mail) -> tuple[set[str], list[str]]:
        """A delivery failure without the returned message's Message-ID: the request whose
        address it could not be delivered to, and whose subject the returned message had."""
        subject = normal_subject(mail.bounce.subject or "")
        ids: set[str] = set()
        why = []
        for recipient in mail.bounce.recipients:
            for request_id in sorted(self.by_domain.get(recipient.rpartition("@")[2], set())):
                request = self.requests[request_id]
                wanted = normal_subject(request.subject)
                if recipient in self.addresses[request_id] and len(wanted) >= 6 and re.search(
                    rf"(?<![a-z0-9]){re.escape(wanted)}(?![a-z0-9])", subject
                ):
                    ids.add(request_id)
                    why.append(f"returned undelivered from {recipient}, about '{request.subject}'")
        return ids, why

    def _by_date(self, mail: Mail, senders: dict[str, str]) -> dict[str, tuple]:
        """The requests of the sender's authority that the message names by a day: 'your request
        of 7 June 2023', 'the fees notice issued to you on 27 June'."""
        if not senders:
            return {}
        from foitrack.mail.details import leading_date, through_date

        texts = [mail.own_words] + [attachment.text for attachment in mail.attachments if attachment.pages]
        found: dict[str, tuple] = {}
        for text in texts:
            for match in _COMMUNICATION_DATE.finditer(text or ""):
                day = leading_date(text[match.end() : match.end() + 40], near=mail.day)
                if day is None or (mail.day is not None and day > mail.day):
                    continue
                for request_id in senders:
                    if self._day_of(request_id, day):
                        words = " ".join((match.group(0) + text[match.end() : match.end() + 40]).split())
                        found.setdefault(request_id, (day, f"'{through_date(words)}'"))
        return found

    def _day_of(self, request_id: str, day) -> str | None:
        """What happened on the request that day: 'the day it was sent', 'the day of its fee-notice'."""
        request = self.requests[request_id]
        if request.sent == day:
            return "the day it was sent"
        for event in request.events:
            if event.date == day and event.type != "note":
                return f"the day of its {event.type}"
        return None

    def by_commissioner(self, mail: Mail) -> tuple[set[str], list[str]]:
        """A commissioner's letter names the authority complained about and the request's
        subject: 'your complaint about the London Borough of Hackney ... its CCTV contracts'."""
        flat = self._commissioner_text(mail)
        if flat is None:
            return set(), []
        ids: set[str] = set()
        why = []
        for request in self._commissioner_names(mail):
            wanted = normal_subject(request.subject)
            if len(wanted) >= 6 and re.search(rf"(?<![a-z0-9]){re.escape(wanted)}(?![a-z0-9])", flat):
                ids.add(request.id)
                why.append(f"the commissioner's letter names {request.authority} and '{request.subject}'")
        return ids, why

    def _commissioner_text(self, mail: Mail) -> str | None:
        """A commissioner's letter, normalised like subjects (None for anyone else's mail)."""
        from foitrack.mail.meaning import COMMISSIONER_DOMAINS

        domain = mail.sender_domain
        if not any(domain == d or domain.endswith("." + d) for d in COMMISSIONER_DOMAINS):
            return None
        return normal_subject("\n".join([mail.subject, mail.own_words, *(a.text for a in mail.attachments if a.pages)]))

    def _commissioner_names(self, mail: Mail) -> list[Request]:
        """The requests to the authorities a commissioner's letter names."""
        flat = self._commissioner_text(mail)
        if flat is None:
            return []
        named = {}
        for request in self.requests.values():
            if request.authority not in named:
                named[request.authority] = any(
                    re.search(rf"(?<![a-z0-9]){re.escape(name)}(?![a-z0-9])", flat) for name in self._names_of(request.authority)
                )
        return [request for request in self._named(self.requests) if named[request.authority]]

    def _names_of(self, authority: str) -> list[str]:
        """An authority's names as a letter may write them (normalised like subjects): its name,
        without 'London Borough of', its directory aliases and short name."""
        if authority not in self._names:
            self._names[authority] = self._names_in_full(authority)
        return self._names[authority]

    def _names_in_full(self, authority: str) -> list[str]:
        names = {normal_subject(authority)}
        known = self.tracker.directory.resolve(authority)
        if known.status == "exact":
            entry = known.authority
            for value in [entry.name, entry.short, *entry.aliases]:
                if value:
                    names.add(normal_subject(value))
        for name in list(names):
            stripped = re.sub(r"^(?:the |london borough of |royal borough of |city of )", "", name)
            stripped = re.sub(r" (?:council|city council|county council|borough council)$", "", stripped)
            if len(stripped) >= 4:
                names.add(stripped)
        return sorted((name for name in names if len(name) >= 4), key=len, reverse=True)

    # -- deciding ------------------------------------------------------------------------------

    def match(self, mail: Mail) -> Match:
        if self.own and mail.sender == self.own and not mail.forwarded:
            return Match(None, None, ["sent by you"])
        replied_to = self.kinds.get(mail.parents[0]) if mail.parents else None
        thread, thread_why = self.by_thread(mail)
        reference, reference_why, named = self.references(mail)
        wdtk, wdtk_why = self.by_whatdotheyknow(mail)
        commissioner, commissioner_why = (set(), []) if (thread or reference or wdtk) else self.by_commissioner(mail)
        address, address_why = (set(), []) if (thread or reference or wdtk or commissioner) else self.by_address(mail)
        if len(thread) == 1 and len(named) == 1 and not thread & reference and self._its_reference(mail, next(iter(named))):
            # A reply in one request's thread whose own reference (in its subject, or the one it
            # gives as its reference) is another request's, and which never names this one's:
            # the authority answered in the wrong thread. Only the reference tells the two
            # apart; it decides.
            [other] = named
            why = [w for w in reference_why if "quoted text" not in w]
            return Match(self.requests[other], "reference", why + [
                f"though it replies in the thread of {self.requests[next(iter(thread))].id} ({thread_why[0]})"
            ], replied_to=None)
        evidence = [
            ("thread", thread, thread_why),
            ("reference", reference, reference_why),
            ("whatdotheyknow", wdtk, wdtk_why),
            ("commissioner", commissioner, commissioner_why),
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
            return Match(self.requests[only], name, why, replied_to=replied_to)
        return self._possible(mail)

    def _its_reference(self, mail: Mail, request_id: str) -> bool:
        """Whether the message gives the request's reference as its own: in its subject, or as
        the reference its words state ('Re: FOI/2023/0718', 'Our ref: ...'), not in passing."""
        from foitrack.mail.details import find_ref

        text = f"{mail.subject}.\n\n{mail.own_words}"
        stated, words = find_ref(text)
        stated = (stated or "").lower()
        at = text.find(words or "\0")
        if at >= 0 and re.search(r"\b(?:other|another|separate|previous|earlier|also)\b", text[max(0, at - 60) : at + 60], re.I):
            stated = ""  # "your other request FOI/2023/0718 was answered last week": in passing
        subject = mail.subject.lower()
        return any(
            request_id in ids and (ref == stated or re.search(rf"(?<![a-z0-9]){re.escape(ref)}(?![a-z0-9])", subject))
            for ref, ids in self.refs.items()
        )

    def _possible(self, mail: Mail) -> Match:
        """Nothing names a request, but the message is FOI correspondence from an authority the
        tracker has requests to: those requests are the candidates, for the user to choose from
        (never chosen here)."""
        nothing = Match(None, None, ["no thread, reference, WhatDoTheyKnow link or known address and subject"])
        if mail.bulk or mail.bounce is not None:
            return nothing
        named = self._commissioner_names(mail)
        if named:
            return Match(None, None, [
                f"the commissioner's letter names {', '.join(sorted({r.authority for r in named}))}, but not which request"
            ], named)
        if not re.search(_CORRESPONDENCE, f"{mail.subject}\n{mail.own_words}", re.I):
            return nothing
        senders = self.from_authority(mail)
        if not senders:
            return nothing
        authorities = sorted({self.requests[request_id].authority for request_id in senders})
        return Match(None, None, [
            f"from {next(iter(senders.values()))}, but nothing in it names which of "
            f"{'its request' if len(senders) == 1 else 'its ' + str(len(senders)) + ' requests'} it is about"
            + ("" if len(authorities) == 1 else f" ({', '.join(authorities)})")
        ], self._named(senders))


# The words of correspondence about a request (not a newsletter from the same council).
_CORRESPONDENCE = (
    r"freedom of information|\bfoi\b|\bfoisa\b|\beir\b|environmental information|subject access|"
    r"information request|request for information|your request|internal review|rhyddid gwybodaeth"
)


# "your request of 7 June 2023", "the fees notice issued to you on 27 June", "your email dated ...":
# a day that names one of the requester's messages, or one of the authority's.
_COMMUNICATION_DATE = re.compile(
    r"\b(?:request|e-?mail|letter|notice|clarification|chaser|reminder|complaint|application|cais)\b"
    r"[^.\n]{0,60}?\b(?:of|dated|on|received on|sent on|issued (?:to you )?on|a dderbyniwyd ar|dyddiedig)\s+",
    re.I,
)


def _same_sender(sender: str, addresses: list[str]) -> str | None:
    """'the address' or 'the domain' when the sender is the request's address or writes from its
    domain (or a subdomain of it: info.hackney.gov.uk for hackney.gov.uk, never gov.uk for it);
    never for a public mail service's domain, nor a domain public bodies share (nhs.net), and a
    subdomain of a domain whose subdomains are other bodies (llyw.cymru) never counts."""
    if sender in addresses:
        return "the address"
    domain = sender.rpartition("@")[2]
    if not domain or domain in PUBLIC_DOMAINS or domain in SHARED_DOMAINS:
        return None
    for address in addresses:
        theirs = address.rpartition("@")[2]
        if theirs in PUBLIC_DOMAINS or theirs in SHARED_DOMAINS:
            continue
        if domain == theirs or (domain.endswith("." + theirs) and theirs not in PARENT_DOMAINS):
            return "the domain"
    return None
