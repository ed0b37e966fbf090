"""What an authority's email means for its request: an acknowledgement (and its reference), a
request for clarification (or the clarification received), a fees notice (and the amount) or the
fee received, an extension (the new date, and why), a response (its outcome and the exemptions
applied), a withdrawal, an internal review asked for or decided, or the commissioner writing.
Pure: text in, a `Meaning` out, with the evidence for it.

It reads as a careful FOI officer reads:
- the authority's own words (the reply without the quoted request, the signature or the
  disclaimers: `reading.own_words`) and the text of its attachments, never the request quoted
  back;
- the operative sentences: what the authority says it has decided ("we are withholding", "the
  council does not hold", "I can confirm the council holds"), not what it reports the requester
  asked or argued ("You asked for ..."), nor what might happen ("If ..."), nor the notices every
  reply carries (review rights, copyright, "this email may be disclosed under the Act");
- an exemption only where it is applied ("withheld under section 43(2)"), not where it is said
  not to apply ("section 38 is not engaged"), and a ground that covers another once ("s31(1)(a)"
  and then "the exemption at section 31" are one);
- a fees estimate above the cost limit is a refusal under s.12 (FOIA s.12, FOISA s.12, EIR
  reg 12(4)(b)), a fee for printing and postage a fees notice (FOIA s.9, FOISA s.9, EIR reg 8);
- machines are not people: an automatic receipt of a chaser, an out-of-office reply, a delivery
  failure and a WhatDoTheyKnow notification record nothing (each says what, if anything, to do).

Each finding says where it came from ("'section 43(2)' on page 2 of response.pdf"). A message
whose meaning is unclear (two readings, or a reading without the detail it needs, such as an
extension with no new date) is `sure = False`, for the user to decide: recording a wrong event is
worse than recording none.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterable

COMMISSIONER_DOMAINS = ("ico.org.uk", "itspublicknowledge.info", "foi.scot")
WDTK_DOMAIN = "whatdotheyknow.com"

# Sections that are grounds for refusal, by law: the exemptions (FOIA Part II, ss.21-44; FOISA
# Part 2, ss.25-41), and the cost limit (s.12) and vexatious requests (s.14), which reports
# count alongside them. Other sections an authority cites (s.1 the duty, s.10 the time, s.16
# advice, s.17 refusal notices, s.45 the Code, s.50 complaints; FOISA s.16 refusal notices,
# ss.20-21 reviews) are not.
_SECTIONS = {
    "foia": {12, 14, *range(21, 45)},
    "foisa": {12, 14, *range(25, 42)},
    "sar": set(),
}
# Exceptions in regulations: EIR reg 12(4), 12(5) and 13; EISR reg 10(4), 10(5) and 11.
_REGULATIONS = {"eir": {12, 13}, "eisr": {10, 11}}

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1
)}
# Welsh month names, for bilingual letters ("7 Mehefin 2023").
_WELSH_MONTHS = {
    "ionawr": 1, "chwefror": 2, "mawrth": 3, "ebrill": 4, "mai": 5, "mehefin": 6, "gorffennaf": 7,
    "awst": 8, "medi": 9, "hydref": 10, "tachwedd": 11, "rhagfyr": 12,
}
_MONTH_RE = "|".join(list(_MONTHS) + list(_WELSH_MONTHS) + ["sept"] + [m[:3] for m in _MONTHS])
_WEEKDAY_RE = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"


@dataclass
class Meaning:
    event: str | None  # an event type of the tracker's, or None
    outcome: str | None = None
    exemptions: list[str] = field(default_factory=list)
    ref: str | None = None
    amount: float | None = None
    until: dt.date | None = None
    days: int | None = None
    reason: str | None = None
    on: dt.date | None = None  # the day it happened, when the message says so (else its own day)
    why: list[str] = field(default_factory=list)
    sure: bool = False
    doubt: str | None = None  # why it is left for the user

    def options(self) -> dict:
        """The event's options, as `Tracker.build_event` takes them."""
        options = {
            "outcome": self.outcome,
            "exemptions": list(self.exemptions) or None,
            "ref": self.ref,
            "amount": self.amount,
            "until": self.until,
            "days": self.days,
            "reason": self.reason,
        }
        from foitrack.store.model import without_controls
        from foitrack.vocab import EVENT_OPTIONS

        # The words came from an email or a PDF: a form feed or an escape in them is dropped, not
        # a reason to refuse the event (the request file never keeps control characters).
        for key, one_line in (("ref", True), ("reason", False)):
            if isinstance(options[key], str):
                options[key] = without_controls(options[key], one_line=one_line) or None
        allowed = EVENT_OPTIONS.get(self.event or "", frozenset())
        return {key: value for key, value in options.items() if value is not None and key in allowed}


@dataclass
class Context:
    """What the request's file and the message's headers say, which the words alone do not."""

    regime: str = "foia"
    request_id: str = "ID"  # as a command names it
    day: dt.date | None = None  # the message's date
    replied_to: str | None = None  # what it answers by its thread: 'request', or an event type ('chased' ...)
    automatic: str | None = None  # why it was sent by a machine (reading.Mail.automatic)
    bounce: str | None = None  # a delivery failure: what was not delivered, and why
    open_clarification: bool = False  # clarification asked for and not yet given
    open_fee: bool = False  # a fees notice not yet paid
    open_review: bool = False  # an internal review asked for and not yet answered
    has_complaint: bool = False
    answered: bool = False


@dataclass
class Source:
    """A piece of text to read, and how to say where a finding was: 'the email', 'page 2 of
    response.pdf'."""

    text: str
    where: str


# -- sentences ---------------------------------------------------------------------------------

_LIST_ITEM = re.compile(r"^(?:[-*\u2022\u2013]\s+|\d{1,2}[.)]\s+|\(?[a-z]\)\s+|Q\d{1,2}\b)")


def _heading(line: str, following: str) -> bool:
    """A line that stands alone above the next ('Information withheld', 'DECISION'): short,
    unpunctuated, and the next line starts a sentence or a list."""
    return (
        len(line) <= 60
        and not re.search(r"[.,;:!?]$|\b(?:and|or|of|the|a|an|under|to|at|in|on|by|for|with|section|regulation|s\.?)$", line, re.I)
        and bool(re.match(r"[A-Z\u00c0-\u00de\"'\d(*\u2022-]", following))
    )


def _pieces(text: str) -> list[tuple[str, bool]]:
    """The text's sentences, each with whether it is a heading: paragraphs, list items and
    headings apart, lines within them joined (a citation broken over two lines, 'section\n43(2)',
    is one)."""
    out: list[tuple[str, bool]] = []
    for paragraph in re.split(r"\n[ \t]*\n", text):
        lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
        pieces: list[list[str]] = []
        headings: set[int] = set()
        for number, line in enumerate(lines):
            heading_before = number > 0 and len(pieces[-1]) == 1 and _heading(lines[number - 1], line)
            if heading_before:
                headings.add(len(pieces) - 1)
            if not pieces or _LIST_ITEM.match(line) or heading_before:
                pieces.append([line])
            else:
                pieces[-1].append(line)
        if len(lines) == 1 and len(lines[0]) <= 60 and not re.search(r"[.,;:!?]$", lines[0]):
            headings.add(0)  # a paragraph of one short line: a heading above the next paragraph
        for index, piece in enumerate(pieces):
            flat = " ".join(piece)
            if index in headings:
                out.append((flat, True))
                continue
            out += [(s.strip(), False) for s in re.split(r"(?<=[.!?])\s+(?=[A-Z(\"'\u2018\u201c\d])", flat) if s.strip()]
    return out


def _sentences(text: str) -> list[str]:
    return [sentence for sentence, _ in _pieces(text)]


# A heading above the request as the authority restates it ("Request", "Your request"): what
# follows, up to the next heading ("Response", "Answer"), is the requester's words.
_REQUEST_HEADING = re.compile(
    r"^(?:your |the )?(?:original )?(?:request(?:s| details)?|information requested|questions?|what you asked(?: for)?|"
    r"you asked(?: for)?|details of (?:your )?request|cais)\s*:?$",
    re.I,
)


def _statements(text: str, questions: bool = False) -> list[str]:
    """The authority's own statements in the text (see `_operative`), without the request it
    restates under a 'Request' heading."""
    out: list[str] = []
    restating = False
    for sentence, heading in _pieces(text):
        if heading:
            restating = bool(_REQUEST_HEADING.match(sentence))
            if restating:
                continue
        if not restating and _operative(sentence, questions):
            out.append(sentence)
    return out


# Sentences every reply may carry that say nothing about this one: the right to ask for a review
# or to complain, an offer to answer questions, re-use and copyright.
_BOILERPLATE = re.compile(
    r"(if you (?:have any (?:queries|questions|further questions)|require (?:any )?(?:further )?"
    r"(?:clarification|information|assistance)|need (?:any )?(?:further )?clarification|are (?:unhappy|dissatisfied|not satisfied|not content))"
    r"|you (?:have the right|are entitled|can|may) (?:to )?(?:ask|request|apply) (?:for )?(?:an? )?(?:internal )?review"
    r"|(?:right|entitled) to (?:complain|apply) to the (?:scottish )?information commissioner"
    r"|please (?:quote|use) (?:the |this |our )?reference"
    r"|copyright|re-use|reuse of (?:the )?information|open government licen[cs]e)",
    re.I,
)
# What the requester asked or argued, as the authority reports it; questions; what might happen.
_REPORTED = re.compile(
    r"^(?:you (?:also |have |had )?(?:asked|requested|said|wrote|argued|stated|suggested|contended|believe|consider|told us|sent)\b"
    r"|in your (?:request|e-?mail|letter|complaint|review request)\b"
    r"|(?:your|the) (?:original )?request (?:asked|was) for\b"
    r"|(?:your |original )?request\s*:)",
    re.I,
)
_CONDITIONAL = re.compile(r"^(?:if|should|where|unless|in the event|were we|had we)\b", re.I)


def _operative(sentence: str, questions: bool = False) -> bool:
    """Whether the sentence is the authority's own statement (with `questions`, or its own
    question or request: what a request for clarification is made of)."""
    from foitrack.mail.reading import DISCLAIMER

    if _BOILERPLATE.search(sentence) or DISCLAIMER.search(sentence) or _REPORTED.match(sentence):
        return False
    return questions or not (_CONDITIONAL.match(sentence) or sentence.rstrip().endswith("?"))


def _substance(text: str, questions: bool = False) -> str:
    """The operative sentences of the text, one string."""
    return " ".join(_statements(text, questions))


def _any(patterns: Iterable[str], text: str) -> str | None:
    """The first phrase that matches, as found (for the why)."""
    for pattern in patterns:
        match = re.search(pattern, text, re.I)
        if match:
            return match.group(0)
    return None


_PENDING = re.compile(r"\b(?:once|when|until|after|if|upon|as soon as|before)\s+(?:\w+\s+){0,2}$", re.I)


def _done(patterns: Iterable[str], text: str) -> str | None:
    """The first phrase that matches and says something happened, not that it will once
    something else has ('once we have received your payment we will ...')."""
    for pattern in patterns:
        for match in re.finditer(pattern, text, re.I):
            if not _PENDING.search(text[max(0, match.start() - 40) : match.start()]):
                return match.group(0)
    return None


# -- what each kind of message says ---------------------------------------------------------

ACKNOWLEDGED = [
    r"acknowledge (?:receipt|your (?:request|email|freedom of information))",
    r"(?:we|i) (?:have |can confirm (?:that )?(?:we have )?)?received your (?:request|email|freedom of information|foi|information request)",
    r"your (?:[\w-]+ ){0,4}(?:request|email|application)(?: for (?:[\w-]+ ){0,3}information)? (?:was|has been|is being) (?:received|logged|registered)",
    r"(?:we are|we will be|we shall be|we have started) (?:now )?(?:dealing with|handling|processing|considering|working on) your (?:request|email)",
    r"(?:thank you|thanks) for (?:your|the) (?:request|email)[^.]{0,80}\b(?:received|which we received)",
    r"(?:this is an )?automa(?:ted|tic) (?:response|reply|acknowledgement)",
    r"(?:has|have) been (?:logged|registered|passed to)",
    r"(?:logged|registered) (?:it |this |your (?:request|email) )?(?:as|under)\b",
    r"we (?:will|aim to|shall) (?:respond|reply|provide (?:you with )?a response)[^.]{0,60}(?:within|by|no later than)",
    r"(?:should|will) receive (?:a|our|the) (?:response|reply)[^.]{0,40}(?:within|by|no later than)",
    r"diolch am eich cais",  # Welsh: thank you for your request
]
CLARIFICATION = [
    r"(?:please|could you|can you|would you be able to|we would be grateful if you could|i would be grateful if you could)[^.?]{0,60}\b(?:clarify|specify|narrow|be more specific|confirm (?:which|what|whether|exactly))",
    r"(?:could|can|would) you (?:please )?(?:tell|let) (?:us|me) (?:know )?(?:whether|which|what|if|exactly|how)",
    r"(?:need|require|ask for|seek|request) (?:some |further |a )?clarification",
    r"clarification (?:of|on|about|regarding) (?:your|the|what)",
    r"section 1\s*\(\s*3\s*\)",
    r"regulation 9\s*\(\s*2\s*\)",
    r"(?:until|once) (?:we (?:have )?receive[d]?|we hear from you)[^.]{0,40}(?:clarification|your reply|this information)",
    r"once we (?:have )?(?:hear|heard) (?:back )?from you",
    r"before we can (?:begin|start|proceed|process|deal with|answer|respond)",
    r"(?:need|require) (?:some )?(?:further|more|additional) (?:information|details) (?:from you )?(?:to|in order to|before|so that|so we can)",
    r"(?:it would (?:help|assist) (?:us )?if you could|we would be grateful if you would)",
    r"(?:unable|not be able|not able) to (?:progress|proceed with|process|deal with|answer) (?:your|the|this) request (?:until|unless|without)",
    r"please (?:provide|give|send) (?:us )?(?:some )?(?:further|more|additional) (?:details|information) (?:of|about|on|regarding|as to)",
    r"(?:on hold|paused|stopped) until we (?:hear from you|receive)",
]
CLARIFIED = [
    r"(?:thank you|thanks) for (?:\w+ing )?(?:your |the )?(?:clarif\w+|confirm\w*|(?:further|additional) (?:information|details))",
    r"(?:received|have) your clarification",
    r"your clarification (?:reached|was received|has been received|arrived|of)",
    r"now that you have clarified",
]
FEE = [
    r"fees? notice",
    r"(?:will|would|must|need to) (?:charge|make a charge of|ask you to pay)[^.]{0,20}£\s?\d",
    r"£\s?\d[\d.,]*\s+(?:for|to cover) (?:the )?(?:photocopying|printing|postage|copying|disbursements)",
    r"(?:fee|charge|payment) of £\s?\d",
    r"total (?:fee|charge|cost|amount)",
    r"(?:pay|payment of|a cost of|charge of|charge you) £\s?\d[^.]{0,100}(?:before|prior to|in order|on receipt)",
    r"(?:on|upon|once we have|when we) receiv?e?(?:pt of)? (?:the |your )?(?:payment|fee)",
    r"section 9\b|regulation 8\b",
]
FEE_PAID = [
    r"(?:thank you for|we have received|we received|received) (?:your |the )?(?:payment|fee|cheque|remittance)\b",
    r"(?:payment|fee)(?: of £\s?[\d.,]+)? (?:has been |was )?(?:received|paid)\b",
]
EXTENDED = [
    r"\bextend(?:ed|ing)?\s+(?:the\s+)?(?:time|deadline|date|period|response|timescale)",
    r"\bextension\b(?!\s*(?:no\.?|number)?\s*\d)",
    r"(?:need|require) (?:more|further|additional|extra) time",
    r"additional time",
    r"(?:a )?further (?:\d+|twenty|ten) working days",
    r"(?:a )?further (?:two|2) months",
    r"section 10\s*\(\s*3\s*\)",
    r"regulation 7\s*\(\s*1\s*\)|regulation 7\b",
    r"article 12\s*\(\s*3\s*\)",
    r"complex and voluminous",
]
# Reasons for an extension, not extensions by themselves: "our public interest test is
# explained below" is in many responses.
_PUBLIC_INTEREST = r"public interest"
# What is attached is not the information when it is a letter, a form or the request itself.
_NOT_INFORMATION = (
    r"(?!(?:\s+[\w'/-]+){0,5}?\s+(?:response|reply|letter|decision|acknowledge?ment|receipt|outcome|notice|fees?|"
    r"invoice|leaflet|guidance|(?:application|request|payment) form)\b)"
    r"(?!\s+(?:a\s+)?copy\s+of\s+(?:your|my|the)\s+(?:original\s+)?(?:request|e-?mail|letter))"
)
RELEASE = [
    # "Please find attached the information": released. "Please find attached our response": a
    # letter, which says what was released (read with the attachment).
    rf"please (?:find|see) (?:the )?(?:attached|enclosed|below){_NOT_INFORMATION}",
    rf"(?:we|i) (?:have|am|are) (?:now )?(?:attached|enclosed|provided|released|disclosing|providing|releasing|supplying){_NOT_INFORMATION}",
    r"(?:is|are) (?:attached|enclosed)",
    r"attached (?:is|are|you will find)",
    r"(?:the |our )?(?:information|answers?|responses?|reply) (?:you (?:have )?requested|requested|to your (?:request|questions?))[^.]{0,60}(?:(?:is|are) (?:attached|enclosed|below|provided)|as follows)",
    r"\b(?:can|is able to|are able to) (?:confirm (?:that )?(?:it|we|the \w+) holds?|provide|disclose)",
    r"(?:is|are) (?:in|on|listed in|set out in|given in) the (?:attached|enclosed) (?:spreadsheet|document|file|table|list)",
    r"(?:answers?|responses?|information)(?: to (?:each|every|your) (?:part|question|point)s?)? (?:is|are) (?:set out|given|provided|shown) (?:below|above|in the)",
    r"(?:is|are|has been|have been) (?:provided|released|disclosed|supplied)(?: to you)?(?: in full)?(?: (?:above|below))",
    r"\binformation (?:released|disclosed|provided)\b",
    r"holds? (?:this|the|some of the) information and (?:it |they )?(?:is|are) (?:provided|attached|below|set out|given)",
    r"\bQ\d{1,2}\s*[.:)]",
    r"(?:in )?(?:answer|response) to (?:your )?(?:question|part|point) \d",
    r"\b(?:question|part|point) \d\s*[:.)-]",
    r"our response (?:is (?:attached|below|as follows)|to your request (?:is (?:attached|below)|follows))",
    r"(?:has|have) (?:now )?provided all (?:of )?the information",
    r"(?:is|are) answered (?:below|above|in (?:the )?(?:attached|table|enclosed))",
    r"\b(?:can|is able to|are able to) confirm (?:that )?(?:the |some )?(?:of the )?information (?:you (?:have )?requested |requested )?is held",
    r"(?:pleased|happy|able) to (?:provide|enclose|attach|supply|release|share)",
    r"\b(?:i|we) (?:now )?attach\b",
    r"you will find (?:the )?(?:information |answers? )?(?:attached|enclosed|below)",
]
WITHHELD = [
    r"withh(?:e|o)ld",
    r"redact",
    r"exempt(?:ion)? (?:from disclosure|appl(?:y|ies)|has been applied|under)",
    r"(?:is|are|being|considered|consider it|to be) exempt",
    r"refus(?:e|al|ing)",
    r"(?:will|can|cannot|can ?not|is not|are not) (?:be |being )?(?:disclosed|released|provided)",
    r"decided not to (?:release|disclose|provide|publish)",
    r"not (?:able|in a position) to (?:provide|disclose|release)",
    r"(?:not obliged|under no obligation) to (?:comply|provide|disclose)",
    r"will not (?:therefore )?be (?:providing|complying|disclosing)",
]
NOT_HELD = [
    r"(?:does|do|did) not hold",
    r"(?:is|are|was|were) not held",
    r"no (?:recorded )?information (?:is |was )?held",
    r"holds? no (?:recorded )?information",
    r"not held by",
    r"(?:have|hold) no (?:records?|information) (?:of|about|relating|relevant|falling)",
    r"(?:does|do|did) not have (?:any |the )?(?:recorded )?(?:information|records?|data)\b",
    r"there (?:is|are) no (?:recorded )?(?:information|records?)\b(?! (?:to|that) (?:suggest|show))",
]
NCND = [r"neither confirms? nor den(?:y|ies)", r"\bncnd\b", r"(?:will|can)(?:not| not) confirm or deny"]
# A refusal of the request as a whole, not of one part of it.
REFUSED_WHOLE = [
    r"refus(?:e|es|ed|ing|al)",
    r"withh(?:e|o)ld(?:ing)? (?:the|all|this|it|your)",
    r"(?:is|are) (?:being |therefore )?withheld",
    r"will not be (?:disclosed|provided|released)",
    r"exempt from disclosure",
    r"in (?:full|its entirety)",
    r"not obliged to comply",
    r"decided not to (?:release|disclose|provide)",
]
# Words that say a refusal covers part of the request (so it may be a partial response) ...
PARTS = [
    r"\b(?:question|part|point|item)s? \d", r"\bq\d{1,2}\b",
    r"\b(?:some|part|parts|one|elements?) of (?:the|your) (?:information|request|questions?)",
    r"\bthe (?:remaining|rest of the)\b",
]
# ... unless it says in so many words that the whole is refused.
WHOLE = [
    r"(?:withheld|exempt(?: from disclosure)?) in (?:full|its entirety)",
    r"all (?:of )?the (?:information|documents?) (?:you (?:have )?requested |requested )?(?:is|are|has been|have been|will be) withheld",
    r"refus\w* (?:your|the|this) (?:whole )?request", r"refusal notice", r"not obliged to comply",
]
# The cost limit, exceeded (FOIA s.12 and the Fees Regulations: £450, or £600 for central
# government; FOISA s.12: £600; EIR reg 12(4)(b) where the cost is manifestly unreasonable). A
# limit only mentioned ("we can answer within the appropriate limit") is not a refusal.
COST = [
    r"exceed(?:s|ed|ing)?\s+(?:the\s+|that\s+|this\s+|our\s+)?(?:appropriate |cost |prescribed |upper |£\s?\d+ )?(?:limit|amount)",
    r"(?:appropriate|cost|prescribed) (?:limit|amount)[^.]{0,80}\b(?:exceed|more than|over|above)",
    r"(?:exceeds?|more than|over|above|beyond) (?:the |that |this |our )?(?:appropriate|cost|prescribed|upper|£\s?\d+) ?(?:cost )?(?:limit|amount)",
    r"(?:more|longer) than (?:the )?(?:18|24) hours",
    r"would cost more than",
    r"excessive cost",
]
VEXATIOUS = [r"vexatious", r"manifestly unreasonable", r"repeated request", r"section 14\s*\(\s*2\s*\)"]
IN_FULL = [r"\bin full\b", r"all (?:of )?the information (?:you (?:have )?requested|requested)", r"full disclosure"]
WITHDRAWN = [
    r"\brequest\b[^.]{0,60}\b(?:has been|have been|is now|was|is being) (?:withdrawn|closed|treated as withdrawn)",
    r"(?:we|i) (?:have )?(?:now )?(?:withdrawn|closed) (?:your|the|this) (?:request|case)",
    r"treat(?:ed|ing)? (?:your|the|this) request as (?:withdrawn|closed|lapsed)",
    r"(?:case|request) (?:has been|is now|is) closed",
    r"\bwill now be (?:treated as )?(?:withdrawn|closed)",
    r"(?:is|are|been) (?:now )?(?:considered|deemed) (?:to be |to have been )?(?:withdrawn|closed|lapsed)",
]
REVIEW = [
    r"internal review",
    r"review of (?:our|the|your|its) (?:original |initial )?(?:response|decision|handling|request)",
    r"requirement for review",
    r"(?:i|we) have (?:now )?(?:reviewed|completed (?:the|a|our|your) review|carried out (?:a|the) review)",
    r"reviewing officer",
    r"outcome of (?:the|your) review",
]
# An authority confirming that it has a review request, before any result.
REVIEW_ASKED = [
    r"acknowledge (?:receipt of )?(?:your )?(?:e-?mail|letter|request|requirement|application|complaint)[^.]{0,80}\b(?:internal review|review of|to review|requirement for review|request for (?:a |an )?review)",
    r"(?:received|have) your (?:request for (?:an? )?(?:internal )?review|review request|requirement for review)",
    r"(?:will|aim to|shall) (?:complete|carry out|conduct|undertake) (?:the |your |an |all )?(?:internal )?reviews?",
    r"(?:review|reviews) will be (?:carried out|conducted|completed|undertaken)",
]
# Review outcomes. "Uphold your complaint" means the authority got it wrong; "uphold the decision"
# that it got it right: which one depends on the object of the verb, so the patterns say it.
REVIEW_PARTLY = [
    r"(?:partially|partly|in part) upheld",
    r"upheld in part",
    r"uphold(?:ing)? your (?:complaint|appeal|request for review) in part",
    r"(?:partially|partly) uphold",
    r"(?:some|part) of the (?:withheld )?information (?:can|will|should|is to) (?:now )?be (?:released|disclosed)",
    r"(?:now )?(?:release|disclose) (?:some|part) of",
    r"(?:original |initial )?(?:decision|response) (?:is|was|has been) (?:partly|partially|in part) overturned",
    r"substitut\w* (?:a )?different decision for (?:part|some)",
]
REVIEW_OVERTURNED = [
    r"\b(?:overturn(?:ed|s|ing)?|reversed?)\b",
    r"uphold your (?:complaint|appeal|request for review)",
    r"your (?:complaint|appeal) (?:is|has been) upheld",
    r"(?:original |initial )?(?:decision|response) (?:is|was|has been) not upheld",
    r"(?:should|will) (?:now )?be (?:released|disclosed) in full",
    r"(?:was|were) not (?:correctly|properly) (?:applied|withheld)",
    r"not entitled to (?:rely|withhold)",
    r"substitut\w* (?:a )?different decision\b(?! for (?:part|some))",
    r"(?:should|will|can) now be (?:released|disclosed|provided)(?! in part)",
]
REVIEW_UPHELD = [
    r"uphold(?:s|ing)? the (?:original|initial|council'?s|force'?s|board'?s|previous|earlier) (?:decision|response|position)",
    r"(?:original|initial|previous) (?:decision|response|position) (?:is|was|has been|should be|will be) (?:upheld|correct|maintained|confirmed)",
    r"(?:original|initial|previous) (?:decision|response) (?:stands|remains)",
    r"(?:do not|cannot|does not|will not) uphold your (?:complaint|appeal|request for review)",
    r"your (?:complaint|appeal) (?:is|has been) not upheld",
    r"(?:the )?decision (?:is|was|has been) upheld",
    r"satisfied that the (?:original |initial )?(?:decision|response|exemptions?) (?:was|were|is|are) (?:correct|properly applied|correctly applied|appropriate)",
    r"(?:was|were) (?:correctly|properly|appropriately) applied",
    r"(?:i|we) agree with the (?:original|initial|council'?s|force'?s|previous) (?:decision|response|handling)",
    r"maintain(?:s|ed|ing)? the (?:original|initial|previous|council'?s|force'?s) (?:decision|response|position)",
]
# Partly: some information released now, some still withheld.
_NOW_RELEASED = r"(?:is|are) now (?:being )?(?:released|disclosed|provided)|now (?:release|disclose|provide)"
_STILL_WITHHELD = r"(?:remain|remains|continue to be|still) (?:withheld|exempt)"
DECISION_NOTICE = [r"decision notice", r"commissioner'?s decision", r"decision (?:no\.?|number|\d{3})"]
DECISION_OUTCOMES = [
    ("partly-upheld", [r"(?:partly|partially) upheld", r"upheld in part", r"partly uphold", r"(?:partially|partly) (?:complied|failed|breached)", r"complied in part"]),
    ("not-upheld", [r"not upheld", r"(?:was|were) entitled to (?:rely|withhold|refuse)", r"(?:complied|dealt with the request) (?:with part 1|in accordance with)", r"\bcomplied with (?:part 1|the act|foisa|its duties)", r"(?:correctly|properly) (?:applied|relied on|cited)", r"does not require (?:the |it )[^.]{0,40}to take any steps"]),
    ("upheld", [r"(?:complaint|application|case) (?:is|has been) upheld", r"(?:was|were) not entitled", r"wrong to (?:withhold|refuse|rely)", r"failed to comply", r"breached (?:section|regulation)", r"did not comply"]),
    ("resolved-informally", [r"resolved informally", r"informal resolution"]),
    ("withdrawn", [r"(?:complaint|application|case) (?:is|has been) withdrawn"]),
]
COMPLAINT_RECEIVED = [
    r"(?:received|acknowledge|thank you for) your (?:complaint|application|concern)",
    r"(?:case|complaint) (?:has been )?(?:logged|registered|allocated|assigned)",
    r"case (?:reference|number|ref)",
]
OUT_OF_OFFICE = [
    r"out of (?:the )?office", r"on (?:annual |parental |maternity |paternity |sick |study )?leave\b",
    r"away from (?:the|my) (?:office|desk)", r"(?:i am|i'm) (?:currently )?away\b", r"(?:return|back) (?:to the office )?on \w+day",
    r"limited access to (?:my )?e-?mail", r"allan o'r swyddfa",  # Welsh: out of the office
]
# Without a header saying a machine sent it, only the writer's own absence.
OUT_OF_OFFICE_PERSON = [
    r"\b(?:i am|i'm|i will be|i shall be) (?:currently )?(?:out of (?:the )?office|on (?:\w+ )?leave|away from)",
    r"out of (?:the )?office (?:until|from|and)", r"on (?:annual )?leave until", r"away from (?:the|my) (?:office|desk)",
    r"allan o'r swyddfa",
]
WDTK_NOTICE = [
    r"new response to (?:the|your) (?:freedom of information|foi|environmental information) request",
    r"(?:annotated|added a (?:note|comment|annotation) to) your",
    r"(?:is|are) (?:delayed|(?:long )?overdue)",
    r"whatdotheyknow (?:team|volunteers)",
]


# -- exemptions --------------------------------------------------------------------------------

# A sentence that says an exemption does not apply, or was only thought about.
_NOT_APPLIED = re.compile(
    r"(?:does|do|did|would|will|shall) not (?:apply|engage)"
    r"|(?:is|are|was|were) not (?:engaged|applicable|relevant|being (?:applied|relied))"
    r"|not (?:relied|rely|relying|applied|applying)"
    r"|no exemptions?"
    r"|(?:do|does|did) not (?:consider|believe|think) (?:that )?(?:it|this|they|these|the exemptions?|section \S+|s\.?\s?\d\S*) (?:is|are|was|were|to be) (?:engaged|applicable|relevant)"
    r"|no longer (?:rel|appl)"
    r"|(?:has|have) not been applied",
    re.I,
)


def find_exemptions(sources: list[Source], regime: str) -> tuple[list[str], list[str]]:
    """The exemptions applied (normalised, in the order first cited), and where each was seen:
    from operative sentences only, and never one a sentence says does not apply. A ground cited
    both ways ('section 31(1)(a)', later 'the exemption at section 31') is given once, as the
    more exact."""
    from foitrack.store.model import ExemptionError, normalise_exemption

    found: list[str] = []
    why: list[str] = []
    sections = _SECTIONS.get(regime, _SECTIONS["foia"])
    regulations = _REGULATIONS.get(regime, _REGULATIONS["eir"] if regime == "foia" else set())
    for source in sources:
        for sentence in _statements(source.text):
            if _NOT_APPLIED.search(sentence):
                continue
            for cited, number, kind in _citations(sentence):
                if kind == "s" and number not in sections:
                    continue
                if kind == "reg" and (number not in regulations or (number in (10, 12) and "(" not in cited)):
                    continue
                try:
                    normal = normalise_exemption(cited if kind == "s" else "reg" + cited.split(" ", 1)[-1], regime if regime != "sar" else None)
                except ExemptionError:
                    continue
                if normal not in found:
                    found.append(normal)
                    why.append(f"'{cited}' {source.where}")
    kept = [(code, reason) for code, reason in zip(found, why) if not any(other.startswith(code + "(") for other in found)]
    return [code for code, _ in kept], [reason for _, reason in kept]


_BRACKETS = r"(?:\s*\(\s*[0-9a-z]{1,4}\s*\))*"
# A citation may be followed by what it is about, "(national security)", before the next one.
_ABOUT = r"(?:\s*\([a-z][^()]{4,40}\))?"
# The next item of a list: another number, or only brackets ("35(1)(a) and (b)").
_NEXT = rf"(?:\s*(?:,|and|&|or)\s*(?:(?:s|section|reg|regulation)\.?\s*)?(?:\d{{1,2}}[a-z]?{_BRACKETS}|(?:\s*\(\s*[0-9a-z]{{1,4}}\s*\))+){_ABOUT})*"
_SECTION_LIST = re.compile(
    rf"\b(?:sections?|ss?\.|sec\.?|s|adran(?:nau)?)\s*(\d{{1,2}}[a-z]?{_BRACKETS}{_ABOUT}{_NEXT})",
    re.I,
)
_REGULATION_LIST = re.compile(
    rf"\b(?:regulations?|regs?\.?|r\.|rheoliad(?:au)?)\s*(\d{{1,2}}{_BRACKETS}{_ABOUT}{_NEXT})",
    re.I,
)


def _citations(sentence: str) -> list[tuple[str, int, str]]:
    """('section 43(2)', 43, 's') and ('regulation 12(5)(e)', 12, 'reg') for each citation; an
    item of only brackets takes the number before it ('35(1)(a) and (b)' is 35(1)(a), 35(1)(b))."""
    out: list[tuple[str, int, str]] = []
    for pattern, kind, word in ((_SECTION_LIST, "s", "section"), (_REGULATION_LIST, "reg", "regulation")):
        for match in pattern.finditer(sentence):
            listed = re.sub(r"\([a-z][^()]{4,40}\)", " ", match.group(1), flags=re.I)  # the "(what it is)"s
            previous: tuple[int, list[str]] | None = None
            for item in re.finditer(r"(\d{1,2}[a-z]?)((?:\s*\(\s*[0-9a-z]{1,4}\s*\))*)|((?:\s*\(\s*[0-9a-z]{1,4}\s*\))+)", listed, re.I):
                if item.group(1):
                    head = item.group(1)
                    brackets = re.findall(r"\(\s*([0-9a-z]{1,4})\s*\)", item.group(2) or "", re.I)
                elif previous is not None and previous[1]:
                    head = previous[0]
                    added = re.findall(r"\(\s*([0-9a-z]{1,4})\s*\)", item.group(3), re.I)
                    brackets = previous[1][: max(0, len(previous[1]) - len(added))] + added
                else:
                    continue
                previous = (head, brackets)
                number = int(re.match(r"\d+", head).group(0))
                out.append((f"{word} {head}" + "".join(f"({b})" for b in brackets), number, kind))
    return out


# -- dates, references, amounts ----------------------------------------------------------------


def find_dates(text: str, after: dt.date | None = None, near: dt.date | None = None) -> list[tuple[dt.date, str]]:
    """Dates written in the text (day first: '14 August 2023', '14th Aug 2023', 'Wednesday 23rd
    August', '14/08/2023', '4/9/23', '2023-08-14'; 'August 14, 2023'), with the words before
    them; only those after `after` when given. A date without a year is in the year that puts
    it nearest `near` (the message's day), else it is left out."""
    return [(when, text[max(0, start - 60) : end]) for when, start, end in _dates(text, near) if after is None or when > after]


def leading_date(text: str, near: dt.date | None = None) -> dt.date | None:
    """The date the text starts with ('7 June 2023 about ...', 'Friday 7 July'), or None."""
    for when, start, _ in _dates(text, near):
        if not text[:start].strip(" ,\t\n").replace("the", "").strip():
            return when
    return None


def _dates(text: str, near: dt.date | None) -> list[tuple[dt.date, int, int]]:
    found: list[tuple[dt.date, int, int]] = []
    patterns = [
        (rf"\b{_WEEKDAY_RE}(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\.?(?:,?\s+(\d{{4}}))?\b", "dmy"),
        (rf"\b{_WEEKDAY_RE}({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", "mdy"),
        (r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b", "num"),
        (r"\b(\d{4})-(\d{2})-(\d{2})\b", "iso"),
    ]
    for pattern, form in patterns:
        for match in re.finditer(pattern, text, re.I):
            try:
                if form == "dmy":
                    day, month, year = int(match.group(1)), _month(match.group(2)), match.group(3)
                elif form == "mdy":
                    month, day, year = _month(match.group(1)), int(match.group(2)), match.group(3)
                elif form == "num":
                    day, month, year = int(match.group(1)), int(match.group(2)), match.group(3)
                    year = str(2000 + int(year)) if len(year) == 2 else year
                else:
                    year, month, day = match.group(1), int(match.group(2)), int(match.group(3))
                when = _dated(day, month, year, near)
            except (ValueError, KeyError, StopIteration):
                continue
            if when is not None:
                found.append((when, match.start(), match.end()))
    return sorted(found, key=lambda item: item[1])


def _dated(day: int, month: int, year: str | None, near: dt.date | None) -> dt.date | None:
    if year:
        return dt.date(int(year), month, day)
    if near is None:
        return None
    candidates = []
    for offset in (-1, 0, 1):
        try:
            candidates.append(dt.date(near.year + offset, month, day))
        except ValueError:
            continue
    return min(candidates, key=lambda when: abs((when - near).days)) if candidates else None


def _month(word: str) -> int:
    word = word.lower().rstrip(".")
    if word in _WELSH_MONTHS:
        return _WELSH_MONTHS[word]
    if word == "sept":
        word = "sep"
    return _MONTHS[next(name for name in _MONTHS if name.startswith(word))]


_REF = re.compile(
    # A label, then a separator: a hyphen only with a space before it ("FOI-113587" is a reference
    # whole, not the label "FOI" and "113587").
    r"(?<![\w/-])(?:(?:our |your |the |this |a )?(?:case |request )?(?:reference|ref\.?|case|ticket|request|foi|eir|foisa|sar|cyfeirnod)(?:\s*(?:number|no\.?|id|reference|ref\.?))?(?:\s*(?:is\b|:|#|=)|\s+-|\s)"
    r"|(?:logged|registered|recorded|filed) (?:it |this |your request )?(?:as|under)(?:\s+(?:the\s+)?(?:reference|ref\.?|case)(?:\s+(?:number|no\.?))?)?\s*(?:is|:)?)\s*"
    r"((?:[A-Z]{2,8}:\d[\d-]{2,20}(?![\w/])|(?:[A-Z]{2,8}[ -])?[A-Z0-9][A-Z0-9/\-_.]{2,30}[A-Z0-9]))"
    # ... or a reference that names itself: 'FOI-113587', 'EIR/23/30127', without a label.
    r"|(?<![\w/-])((?:FOI|EIR|FOISA|EISR|SAR)[-/][A-Z0-9][A-Z0-9/\-_.]{1,30}[0-9])(?![\w/])",
    re.I,
)


def find_ref(text: str) -> tuple[str | None, str | None]:
    """The authority's reference for the request ('FOI-2023-118', 'MP/FOI/2023/1145',
    'FOI 2023/0118', 'CRM:0012345', '1102/23'), and the words it was found in."""
    for match in _REF.finditer(text):
        ref = (match.group(1) or match.group(2)).strip(" .-/")
        if not re.search(r"\d", ref) or re.fullmatch(r"\d{1,3}", ref):
            continue
        if re.fullmatch(r"(?:19|20)\d\d", ref) or find_dates(ref):
            continue  # a year or a date, not a reference
        if re.fullmatch(r"\d{1,2}(?:\(\w+\))*", ref):
            continue
        return ref, match.group(0).strip()
    return None, None


_AMOUNT = re.compile(r"£\s?(\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)")


def find_amount(text: str) -> tuple[float | None, str | None]:
    """The fee asked for (or paid): the amount a sentence calls the total, else the largest in a
    sentence about a fee or payment; never a cost limit or an hourly rate."""
    best: tuple[float, str] | None = None
    for sentence in _sentences(text):
        if re.search(r"appropriate limit|cost limit|£\s?(?:450|600)\b.{0,30}limit", sentence, re.I):
            continue
        if not re.search(r"fee|charge|pay|cost|cheque|invoice|total|postage|printing|copying", sentence, re.I):
            continue
        for match in _AMOUNT.finditer(sentence):
            if re.match(r"\s*(?:an|per) hour", sentence[match.end():], re.I):
                continue
            value = float(match.group(1).replace(",", ""))
            if re.search(r"\btotal\b", sentence[max(0, match.start() - 40) : match.start()], re.I):
                return value, match.group(0)
            if best is None or value > best[0]:
                best = (value, match.group(0))
    return best if best else (None, None)


# When the requester did something the authority confirms ("your email of 3 July 2023", "your
# complaint, which we received on 8 September 2023", "your clarification reached us on 7 July").
_ACT_DATE = re.compile(
    r"(?:your (?:e-?mail|letter|request|complaint|application|payment|clarification|requirement)[^.]{0,80}?\b(?:of|dated|sent on|received on|on)"
    r"|(?:which|that) (?:we|the \w+) received on|reached us on|(?:was|were) received on)\s+",
    re.I,
)


def _date_of_act(text: str, day: dt.date | None) -> tuple[dt.date | None, str | None]:
    """The day the requester's act reached the authority, as the message says it, or None. It
    must be on or before the message's day, and within a few months of it."""
    for match in _ACT_DATE.finditer(text):
        when = leading_date(text[match.end() : match.end() + 40], near=day)
        if when is None:
            continue
        if day is not None and not (day - dt.timedelta(days=120) <= when <= day):
            continue
        return when, through_date(" ".join((match.group(0) + text[match.end() : match.end() + 40]).split()))
    return None, None


def through_date(words: str) -> str:
    """The words up to the end of the first date in them: 'your email of 3 July 2023'."""
    found = _dates(words, None) or _dates(words, dt.date(2000, 1, 1))
    return words[: found[0][2]] if found else words


# ---------------------------------------------------------------------------------------------


def read_meaning(
    *,
    subject: str,
    words: str,
    attachments: list[Source],
    sender_domain: str,
    context: Context | None = None,
    email_where: str = "in the email",
) -> Meaning:
    """What the message means for a request (see the module's docstring)."""
    context = context or Context()
    regime, day = context.regime, context.day
    email_text = f"{subject}.\n\n{words}"
    substance = _substance(email_text)
    attached_substance = " ".join(_substance(source.text) for source in attachments)
    everything = f"{substance} {attached_substance}"
    sources = [Source(words, email_where), *attachments]

    if context.bounce:
        what = _what_was_sent(context.replied_to)
        advice = {
            "request": f"the request never arrived, so no deadline runs: send it again to an address that works (foitrack send {context.request_id} --resend)",
            "chaser": "the chaser never arrived: send it again to an address that works",
        }.get(what, "send it again if it still matters")
        return Meaning(None, why=[f"a delivery failure: {context.bounce}"],
                       doubt=f"nothing to record about your {what}; {advice}")
    if sender_domain == WDTK_DOMAIN or sender_domain.endswith("." + WDTK_DOMAIN):
        notice = _any(WDTK_NOTICE, substance)
        return Meaning(None, why=[f"a WhatDoTheyKnow notification{': ' + repr(notice) if notice else ''}"],
                       doubt="nothing to record from the notification: read the request's page on WhatDoTheyKnow "
                             "and record what the authority said there")
    out_of_office = _any(OUT_OF_OFFICE if context.automatic else OUT_OF_OFFICE_PERSON, substance)
    if out_of_office and (context.automatic or len(words) < 800):
        return Meaning(None, why=[f"'{out_of_office}' {email_where}: an out-of-office reply"],
                       doubt="an automatic out-of-office reply: nothing to record")
    replied_to = context.replied_to
    if context.automatic and replied_to is None:
        # Without a thread, its subject says what it answers: "Automatic reply: Overdue ...".
        letter = re.search(r"\b(?:overdue|reminder|chaser|chasing)\b|\b(internal review|review request)\b|\b(complaint)\b", subject, re.I)
        if letter:
            replied_to = "chased" if not (letter.group(1) or letter.group(2)) else ("review-requested" if letter.group(1) else "complained")
    if context.automatic and replied_to not in (None, "request"):
        return Meaning(None, why=[f"sent automatically ({context.automatic}) in reply to your {_what_was_sent(replied_to)}"],
                       doubt=f"an automatic receipt of your {_what_was_sent(replied_to)}: nothing to record")

    if any(sender_domain == d or sender_domain.endswith("." + d) for d in COMMISSIONER_DOMAINS):
        return _commissioner(everything, substance, email_where, context, sources)

    withdrawn = _done(WITHDRAWN, substance)
    if withdrawn and not _response_signals(everything):
        on, on_text = _date_of_act(email_text, day)
        why = [f"'{withdrawn}' {email_where}"] + ([f"'{on_text}' {email_where}"] if on else [])
        doubt = None
        if context.open_fee:
            doubt = "closed while a fee is unpaid: foitrack already counts the request as lapsed once the time to pay runs out; record it only if you withdrew it"
        return Meaning("withdrawn", on=on, why=why, sure=doubt is None, doubt=doubt)

    review = _any(REVIEW, everything)
    if review:
        decided = _any(REVIEW_PARTLY + REVIEW_OVERTURNED + REVIEW_UPHELD, everything)
        asked = _any(REVIEW_ASKED, substance)
        if asked and not decided and not re.search(r"(?:have|has) (?:now )?(?:completed|carried out|concluded|conducted|reviewed)", everything, re.I):
            return _review_asked(email_text, asked, context, email_where)
        if context.open_review or decided or re.search(r"outcome|result|conclu|decided", everything, re.I):
            meaning = _review(everything, review, sources, regime)
            if not context.open_review:
                meaning.sure = False
                meaning.doubt = "it reads as an internal review's result, but no review was asked for on this request"
            return meaning

    decision = _response_signals(everything)
    clarification = _any(CLARIFICATION, _substance(email_text, questions=True))
    final = set(decision) & {"withheld", "not-held", "ncnd", "cost", "vexatious"}
    fee = _any(FEE, substance)
    if fee and find_amount(substance)[0] is not None and not final:
        clarification = None  # "let us know whether you wish to pay £12.40": a fees notice
    if clarification and "release" in decision and not re.search(r"clarif|1\s*\(\s*3\s*\)|9\s*\(\s*2\s*\)|before we can", clarification, re.I):
        clarification = None  # "could you let us know if you need another format": a response's offer
    if clarification and not final:
        # A question about the request, perhaps with a map attached: nothing was decided yet.
        return Meaning("clarification-requested", ref=find_ref(email_text)[0], why=[f"'{clarification}' {email_where}"], sure=True)
    extension = _any(EXTENDED, substance) or _public_interest_extension(substance, day)
    if extension and not (set(decision) & {"release", "ncnd", "not-held", "cost", "vexatious"}):
        return _extension(substance, extension, day, regime, email_where, email_text)
    weak = set(decision) == {"withheld"} and not re.search(r"\bsection\s*\d|\bs\.?\s?\d|regulation\s*\d", everything, re.I)
    if decision and not (weak and _any(ACKNOWLEDGED, substance)):
        # (An acknowledgement that says some information "may be exempt" decided nothing yet.)
        meaning = _response(everything, decision, sources, regime)
        meaning.ref = find_ref(email_text)[0]
        return meaning
    clarified = _done(CLARIFIED, substance)
    if clarified:
        on, on_text = _date_of_act(email_text, day)
        why = [f"'{clarified}' {email_where}"] + ([f"'{on_text}' {email_where}"] if on else [])
        doubt = None if context.open_clarification else "it thanks you for a clarification, but none was asked for on this request"
        return Meaning("clarified", on=on, why=why, sure=doubt is None, doubt=doubt)
    paid = _done(FEE_PAID, substance)
    if paid:
        amount, amount_text = find_amount(substance)
        on, on_text = _date_of_act(email_text, day)
        why = [f"'{paid}' {email_where}"] + [f"'{text}' {email_where}" for text in (amount_text, on_text) if text]
        doubt = None if context.open_fee else "it confirms a payment, but no fees notice is open on this request"
        return Meaning("fee-paid", amount=amount, on=on, why=why, sure=doubt is None, doubt=doubt)
    if fee:
        amount, amount_text = find_amount(substance)
        why = [f"'{fee}' {email_where}"] + ([f"'{amount_text}' {email_where}"] if amount_text else [])
        return Meaning("fee-notice", amount=amount, ref=find_ref(email_text)[0], why=why, sure=amount is not None,
                       doubt=None if amount is not None else "a fees notice, but no amount found")
    acknowledged = _any(ACKNOWLEDGED, substance)
    if acknowledged:
        ref, ref_text = find_ref(email_text)
        why = [f"'{acknowledged}' {email_where}"] + ([f"'{ref_text}' {email_where}"] if ref else [])
        return Meaning("acknowledged", ref=ref, why=why, sure=True)
    return Meaning(None, doubt="no acknowledgement, clarification, fee, extension, response or review result found")


def _public_interest_extension(substance: str, day: dt.date | None) -> str | None:
    """'We need to consider the public interest ... we will respond by 19 July 2023': more time
    to weigh the public interest, said without the word 'extend'."""
    if not re.search(r"(?:consider|considering|consideration of|assess\w*|weigh\w*) (?:the )?(?:balance of (?:the )?)?public interest", substance, re.I):
        return None
    for sentence in _sentences(substance):
        found = re.search(r"(?:will|expect to|aim to|hope to|intend to)\s+(?:\w+\s+){0,3}(?:respond|reply|send|provide|write)\b[^.]*", sentence, re.I)
        if found and find_dates(sentence, day, near=day):
            return found.group(0)
    return None


def _what_was_sent(kind: str | None) -> str:
    return {
        "request": "request", "chased": "chaser", "review-requested": "review request", "complained": "complaint",
        "clarified": "clarification", "fee-paid": "payment", "note": "message",
    }.get(kind or "", "message")


def _response_signals(text: str) -> dict[str, str]:
    signals = {}
    for name, patterns in (
        ("release", RELEASE), ("withheld", WITHHELD), ("not-held", NOT_HELD), ("ncnd", NCND),
        ("cost", COST), ("vexatious", VEXATIOUS),
    ):
        found = _any(patterns, text)
        if found:
            signals[name] = found
    return signals


_NOT_HELD_EXCEPTIONS = {"reg12(4)(a)", "reg10(4)(a)"}


def _response(text: str, signals: dict[str, str], sources: list[Source], regime: str) -> Meaning:
    exemptions, exemption_why = find_exemptions(sources, regime)
    why = [f"'{phrase}' ({name})" for name, phrase in signals.items()]
    doubt = None
    if "ncnd" in signals:
        outcome = "neither-confirm-nor-deny"
    elif "cost" in signals or "vexatious" in signals:
        outcome = "refused"
        ground = "s12" if "cost" in signals else "s14"
        if regime in ("eir", "eisr"):
            ground = "reg12(4)(b)" if regime == "eir" else "reg10(4)(b)"
        if not any(x == ground or x.startswith(ground + "(") for x in exemptions):
            exemptions = [ground, *exemptions]
            exemption_why.insert(0, f"'{signals.get('cost') or signals.get('vexatious')}' ({ground})")
    elif "release" in signals and ("withheld" in signals or "not-held" in signals):
        outcome = "partial"
    elif "release" in signals:
        outcome = "granted"
    elif "not-held" in signals and ("withheld" not in signals or (exemptions and set(exemptions) <= _NOT_HELD_EXCEPTIONS)):
        # (Under the EIR and the EISR "not held" is itself an exception, cited in a refusal
        # notice: EIR reg 12(4)(a), EISR reg 10(4)(a).)
        outcome = "not-held"
    elif "withheld" in signals:
        outcome = "refused"
        parts = _any(PARTS, text)
        if parts and not _any(WHOLE, text):
            doubt = f"something is withheld, and it speaks of '{parts}': refused, or partial? decide"
        elif not _any(REFUSED_WHOLE, text):
            doubt = "something is exempt, but it does not say the whole request is refused: refused or partial?"
    else:
        outcome = None
    if outcome == "partial" and "not-held" in signals and "withheld" not in signals and not exemptions:
        doubt = "some information was given and some is not held: partial, or granted? decide"
    if outcome in ("refused", "partial") and not exemptions and "not-held" not in signals:
        doubt = "a refusal without an exemption the text names: check which were cited"
    if outcome == "granted" and _any(IN_FULL, text) is None and not re.search(r"attached|enclosed|below|above|as follows", text, re.I):
        doubt = "it reads as a response, but what was given is not clear"
    if outcome is None:
        doubt = "a response, but its outcome is not clear"
    return Meaning(
        "responded", outcome=outcome, exemptions=exemptions, why=why + exemption_why,
        sure=doubt is None, doubt=doubt,
    )


def _extension(text: str, phrase: str, day: dt.date | None, regime: str, where: str, email_text: str) -> Meaning:
    why = [f"'{phrase}' {where}"]
    reason = None
    if re.search(_PUBLIC_INTEREST, text, re.I):
        reason = "to consider the public interest"
    elif re.search(r"complex|voluminous|volume", text, re.I):
        reason = "complex and voluminous"
    # The new date: the latest a sentence about the time gives ("the deadline was 2 August; we
    # now need until 30 August" is 30 August).
    found = [
        date
        for sentence in _sentences(text)
        if re.search(r"extend|extension|by|until|no later than|on or before|additional|further|public interest|respond|reply", sentence, re.I)
        for date in find_dates(sentence, day, near=day)
    ]
    until = None
    if found:
        until, context = max(found)
        why.append(f"'{context.strip()}' {where}")
    days = None
    if until is None:
        match = re.search(r"(?:further|additional|extra)\s+(\d{1,2}|twenty|ten)\s+working days", text, re.I)
        if match:
            days = {"twenty": 20, "ten": 10}.get(match.group(1).lower()) or int(match.group(1))
            why.append(f"'{match.group(0)}' {where}")
    ref, ref_text = find_ref(email_text)
    if ref:
        why.append(f"'{ref_text}' {where}")
    doubt = None if (until or days) else "an extension, but no new date or number of days found"
    if regime in ("foisa", "eisr") and reason == "to consider the public interest":
        doubt = "the authority speaks of more time to consider the public interest, which Scottish law does not allow: check what it said"
    return Meaning("extended", until=until, days=days, reason=reason, ref=ref, why=why, sure=doubt is None, doubt=doubt)


def _review_asked(email_text: str, phrase: str, context: Context, where: str) -> Meaning:
    on, on_text = _date_of_act(email_text, context.day)
    why = [f"'{phrase}' {where}: your review request is acknowledged"] + ([f"'{on_text}' {where}"] if on else [])
    if context.open_review:
        return Meaning(None, why=why, doubt="it acknowledges the review you asked for, which is recorded: nothing new to record")
    return Meaning("review-requested", on=on, why=why, sure=True)


def _review(text: str, phrase: str, sources: list[Source], regime: str) -> Meaning:
    why = [f"'{phrase}' (an internal review)"]
    released, withheld = re.search(_NOW_RELEASED, text, re.I), re.search(_STILL_WITHHELD, text, re.I)
    partly = _any(REVIEW_PARTLY, text) or (f"{released.group(0)} ... {withheld.group(0)}" if released and withheld else None)
    for outcome, found in (
        ("partly-overturned", partly), ("overturned", _any(REVIEW_OVERTURNED, text)), ("upheld", _any(REVIEW_UPHELD, text)),
    ):
        if found:
            exemptions, exemption_why = find_exemptions(sources, regime) if outcome != "overturned" else ([], [])
            # "upheld" and "overturned" both found: "the decision is upheld, although one part is
            # overturned" is a partly-overturned review, or a misreading; leave it to the user.
            others = [o for o, p in (("overturned", REVIEW_OVERTURNED), ("upheld", REVIEW_UPHELD)) if o != outcome and _any(p, text)]
            doubt = None
            if others and outcome != "partly-overturned":
                doubt = f"the review's result reads both {outcome} and {others[0]}: decide"
            return Meaning(
                "review-responded", outcome=outcome, exemptions=exemptions,
                why=why + [f"'{found}' ({outcome})"] + exemption_why, sure=doubt is None, doubt=doubt,
            )
    return Meaning("review-responded", why=why, doubt="an internal review's result, but not whether it upheld the decision")


def _commissioner(text: str, substance: str, where: str, context: Context, sources: list[Source]) -> Meaning:
    ref, ref_text = find_ref(text)
    notice = _any(DECISION_NOTICE, text)
    if notice:
        why = [f"from the commissioner: '{notice}'"]
        found = [(outcome, phrase) for outcome, patterns in DECISION_OUTCOMES if (phrase := _any(patterns, text))]
        outcomes = [outcome for outcome, _ in found]
        if "upheld" in outcomes and "not-upheld" in outcomes and "partly-upheld" not in outcomes:
            # Entitled to withhold one thing, wrong to withhold another: partly upheld.
            found.insert(0, ("partly-upheld", " ... ".join(phrase for outcome, phrase in found if outcome in ("upheld", "not-upheld"))))
        if found:
            outcome, phrase = found[0]
            doubt = None if context.has_complaint else "a decision, but no complaint is recorded on this request"
            return Meaning("decision", outcome=outcome, ref=ref, why=why + [f"'{phrase}' ({outcome})"], sure=doubt is None, doubt=doubt)
        return Meaning("decision", ref=ref, why=why, doubt="a decision from the commissioner, but not its outcome")
    received = _any(COMPLAINT_RECEIVED, text)
    if received and not context.has_complaint:
        on, on_text = _date_of_act(text, context.day)
        why = [f"from the commissioner: '{received}'"] + [f"'{t}' {where}" for t in (ref_text if ref else None, on_text) if t]
        # The complaint is dated the day the commissioner received it, when the letter says so.
        return Meaning(
            "complained", ref=ref, on=on, why=why, sure=on is not None,
            doubt=None if on else "the commissioner acknowledges a complaint: record it on the day you made it",
        )
    return Meaning("note", why=["from the commissioner"], doubt="correspondence from the commissioner: read it and record what it says")
