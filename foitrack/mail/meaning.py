"""What an authority's email means for its request: an acknowledgement (and its reference), a
request for clarification, a fees notice (and the amount), an extension (the new date, and why),
a response (its outcome and the exemptions cited), an internal review's result, or the
commissioner writing. Pure: text in, a `Meaning` out, with the evidence for it.

It reads the authority's own words (the reply without the quoted request or the signature:
`reading.own_words`) and the text of its attachments, never the request quoted back. Each
finding says where it came from ("'section 43(2)' on page 2 of response.pdf"). A message whose
meaning is unclear (two readings, or a reading without the detail it needs, such as an extension
with no new date) is `sure = False`, for the user to decide: recording a wrong event is worse
than recording none.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterable

COMMISSIONER_DOMAINS = ("ico.org.uk", "itspublicknowledge.info", "foi.scot")

# Sections that are grounds for refusal, by law: the exemptions (FOIA Part II, ss.21-44; FOISA
# Part 2, ss.25-41), and the cost limit (s.12) and vexatious requests (s.14), which reports
# count alongside them. Other sections an authority cites (s.1 the duty, s.10 the time, s.16
# advice, s.17 refusal notices, s.45 the Code, s.50 complaints; FOISA s.20-21 reviews) are not.
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
_MONTH_RE = "|".join(list(_MONTHS) + [m[:3] for m in _MONTHS] + ["sept"])


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
        from foitrack.vocab import EVENT_OPTIONS

        allowed = EVENT_OPTIONS.get(self.event or "", frozenset())
        return {key: value for key, value in options.items() if value is not None and key in allowed}


@dataclass
class Source:
    """A piece of text to read, and how to say where a finding was: 'the email', 'page 2 of
    response.pdf'."""

    text: str
    where: str


def _sentences(text: str) -> list[str]:
    flat = re.sub(r"[ \t]*\n[ \t]*", " ", text)
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z(\"'])|\n{2,}", flat) if s.strip()]


# Sentences every reply may carry that say nothing about this one: the right to ask for a review
# or to complain, an offer to answer questions.
_BOILERPLATE = re.compile(
    r"(if you (?:have any (?:queries|questions|further questions)|require (?:any )?(?:further )?"
    r"(?:clarification|information|assistance)|need (?:any )?(?:further )?clarification|are (?:unhappy|dissatisfied|not satisfied))"
    r"|you (?:have the right|are entitled|can|may) (?:to )?(?:ask|request|apply) (?:for )?(?:an? )?(?:internal )?review"
    r"|(?:right|entitled) to (?:complain|apply) to the (?:scottish )?information commissioner"
    r"|please (?:quote|use) (?:the |this |our )?reference"
    r"|copyright|re-use|reuse of (?:the )?information|open government licen[cs]e)",
    re.I,
)


def _substance(text: str) -> str:
    return " ".join(sentence for sentence in _sentences(text) if not _BOILERPLATE.search(sentence))


def _any(patterns: Iterable[str], text: str) -> str | None:
    """The first phrase that matches, as found (for the why)."""
    for pattern in patterns:
        match = re.search(pattern, text, re.I)
        if match:
            return match.group(0)
    return None


ACKNOWLEDGED = [
    r"acknowledge (?:receipt|your (?:request|email|freedom of information))",
    r"(?:we|i) (?:have |can confirm (?:that )?(?:we have )?)?received your (?:request|email|freedom of information|foi|information request)",
    r"your (?:request|email)(?: for information| for environmental information)? (?:was|has been) (?:received|logged|registered)",
    r"(?:this is an )?automa(?:ted|tic) (?:response|reply|acknowledgement)",
    r"(?:has|have) been (?:logged|registered|passed to)",
    r"we (?:will|aim to|shall) (?:respond|reply|provide (?:you with )?a response)[^.]{0,60}(?:within|by|no later than)",
    r"(?:should|will) receive (?:a|our|the) (?:response|reply)[^.]{0,40}(?:within|by|no later than)",
]
CLARIFICATION = [
    r"(?:please|could you|can you|would you be able to|we would be grateful if you could|i would be grateful if you could)[^.?]{0,60}\b(?:clarify|specify|narrow|be more specific|confirm (?:which|what|whether|exactly))",
    r"(?:need|require|ask for|seek|request) (?:some |further |a )?clarification",
    r"clarification (?:of|on|about|regarding) (?:your|the|what)",
    r"section 1\s*\(\s*3\s*\)",
    r"regulation 9\s*\(\s*2\s*\)",
    r"(?:until|once) (?:we (?:have )?receive[d]?|we hear from you)[^.]{0,40}(?:clarification|your reply|this information)",
    r"please (?:provide|give|send) (?:us )?(?:some )?(?:further|more|additional) (?:details|information) (?:of|about|on|regarding|as to)",
    r"(?:on hold|paused|stopped) until we (?:hear from you|receive)",
]
FEE = [
    r"fees? notice",
    r"(?:fee|charge|payment) of £\s?\d",
    r"(?:pay|payment of|a cost of|charge of|charge you) £\s?\d[^.]{0,100}(?:before|prior to|in order|on receipt)",
    r"(?:on|upon|once we have) receipt of (?:the |your )?(?:payment|fee)",
    r"section 9\b|regulation 8\b",
]
EXTENDED = [
    r"\bextend(?:ed|ing)? (?:the )?(?:time|deadline|date|period|response)",
    r"\bextension\b",
    r"(?:need|require) (?:more|further|additional) time",
    r"additional time",
    r"further (?:\d+|twenty|20) working days",
    r"public interest test",
    r"consider(?:ing|ation of)? (?:the )?(?:balance of the )?public interest",
    r"section 10\s*\(\s*3\s*\)",
    r"regulation 7\b",
    r"complex and voluminous",
]
RELEASE = [
    # "Please find attached the information": released. "Please find attached our response": a
    # letter, which says what was released (read with the attachment).
    r"please (?:find|see) (?:the )?(?:attached|enclosed|below)(?!(?:\s+[\w'/-]+){0,5}?\s+(?:response|reply|letter|decision|acknowledge?ment|receipt|outcome|notice|fees?|invoice)\b)",
    r"(?:we|i) (?:have|am|are) (?:now )?(?:attached|enclosed|provided|released|disclosing|providing|releasing|supplying)",
    r"(?:is|are) (?:attached|enclosed)",
    r"attached (?:is|are|you will find)",
    r"(?:the |our )?(?:information|answers?|responses?|reply) (?:you (?:have )?requested|requested|to your (?:request|questions?))[^.]{0,60}(?:(?:is|are) (?:attached|enclosed|below|provided)|as follows)",
    r"\b(?:can|is able to|are able to) (?:confirm (?:that )?(?:it|we|the \w+) holds?|provide|disclose)",
    r"(?:is|are) (?:in|on) the (?:attached|enclosed) (?:spreadsheet|document|file|table)",
    r"\bQ\d{1,2}\s*[.:)]",
    r"(?:in )?(?:answer|response) to (?:your )?(?:question|part|point) \d",
    r"\b(?:question|part|point) \d\s*[:.)-]",
    r"our response (?:is (?:attached|below|as follows)|to your request (?:is (?:attached|below)|follows))",
]
WITHHELD = [
    r"withh(?:e|o)ld",
    r"redact",
    r"exempt(?:ion)? (?:from disclosure|appl(?:y|ies)|has been applied|under)",
    r"(?:is|are|being|considered|consider it|to be) exempt",
    r"refus(?:e|al|ing)",
    r"(?:will|can|cannot|can ?not|is not|are not) (?:be )?(?:disclosed|released|provided)",
    r"not (?:able|in a position) to (?:provide|disclose|release)",
]
NOT_HELD = [
    r"(?:does|do|did) not hold",
    r"(?:is|are|was|were) not held",
    r"no (?:recorded )?information (?:is |was )?held",
    r"holds? no (?:recorded )?information",
    r"not held by",
    r"(?:have|hold) no (?:records?|information) (?:of|about|relating|relevant|falling)",
]
NCND = [r"neither confirms? nor den(?:y|ies)", r"\bncnd\b"]
# A refusal of the request as a whole, not of one part of it.
REFUSED_WHOLE = [
    r"refus(?:e|es|ed|ing|al)",
    r"withh(?:e|o)ld(?:ing)? (?:the|all|this|it|your)",
    r"(?:is|are) (?:being )?withheld",
    r"will not be (?:disclosed|provided|released)",
    r"exempt from disclosure",
    r"in (?:full|its entirety)",
]
COST = [r"exceed(?:s|ed)? the (?:appropriate|cost) limit", r"appropriate limit", r"\bcost limit", r"would cost more than"]
VEXATIOUS = [r"vexatious", r"manifestly unreasonable", r"repeated request"]
IN_FULL = [r"\bin full\b", r"all (?:of )?the information (?:you (?:have )?requested|requested)", r"full disclosure"]
REVIEW = [
    r"internal review",
    r"review of (?:our|the|your|its) (?:original |initial )?(?:response|decision|handling|request)",
    r"requirement for review",
    r"(?:i|we) have (?:now )?(?:reviewed|completed (?:the|a|our|your) review|carried out (?:a|the) review)",
    r"reviewing officer",
    r"outcome of (?:the|your) review",
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
]
REVIEW_OVERTURNED = [
    r"\b(?:overturn(?:ed|s|ing)?|reversed?)\b",
    r"uphold your (?:complaint|appeal|request for review)",
    r"your (?:complaint|appeal) (?:is|has been) upheld",
    r"(?:original |initial )?(?:decision|response) (?:is|was|has been) not upheld",
    r"(?:should|will) (?:now )?be (?:released|disclosed) in full",
    r"(?:was|were) not (?:correctly|properly) (?:applied|withheld)",
    r"not entitled to (?:rely|withhold)",
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
]
DECISION_NOTICE = [r"decision notice", r"commissioner'?s decision", r"decision (?:no\.?|number|\d{3})"]
DECISION_OUTCOMES = [
    ("partly-upheld", [r"(?:partly|partially) upheld", r"upheld in part", r"partly uphold"]),
    ("not-upheld", [r"not upheld", r"(?:was|were) entitled to (?:rely|withhold|refuse)", r"(?:complied|dealt with the request) in accordance with"]),
    ("upheld", [r"(?:complaint|application|case) (?:is|has been) upheld", r"(?:was|were) not entitled", r"failed to comply", r"breached section", r"did not comply"]),
    ("resolved-informally", [r"resolved informally", r"informal resolution"]),
    ("withdrawn", [r"(?:complaint|application|case) (?:is|has been) withdrawn"]),
]
COMPLAINT_RECEIVED = [
    r"(?:received|acknowledge) your (?:complaint|application|concern)",
    r"(?:case|complaint) (?:has been )?(?:logged|registered|allocated|assigned)",
    r"case (?:reference|number|ref)",
]
OUT_OF_OFFICE = [r"out of (?:the )?office", r"on (?:annual )?leave until", r"away from (?:the|my) (?:office|desk)"]


def find_exemptions(sources: list[Source], regime: str) -> tuple[list[str], list[str]]:
    """The exemptions cited (normalised, in the order first cited), and where each was seen.
    A citation in a sentence saying it does not apply is left out."""
    from foitrack.store.model import ExemptionError, normalise_exemption

    found: list[str] = []
    why: list[str] = []
    sections = _SECTIONS.get(regime, _SECTIONS["foia"])
    regulations = _REGULATIONS.get(regime, _REGULATIONS["eir"] if regime == "foia" else set())
    for source in sources:
        for sentence in _sentences(source.text):
            if re.search(r"(?:does|do|did|would|will) not (?:apply|engage)|not (?:relied|rely|relying)|no exemptions?", sentence, re.I):
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
                    shown = cited if kind == "s" else cited
                    why.append(f"'{shown}' {source.where}")
    return found, why


_BRACKETS = r"(?:\s*\(\s*[0-9a-z]{1,4}\s*\))*"
# A citation may be followed by what it is about, "(national security)", before the next one.
_ABOUT = r"(?:\s*\([a-z][^()]{4,40}\))?"
_SECTION_LIST = re.compile(
    rf"\b(?:sections?|ss?\.|sec\.?|s)\s*(\d{{1,2}}[a-z]?{_BRACKETS}{_ABOUT}(?:\s*(?:,|and|&|or)\s*(?:s\.?\s*)?\d{{1,2}}[a-z]?{_BRACKETS}{_ABOUT})*)",
    re.I,
)
_REGULATION_LIST = re.compile(
    rf"\b(?:regulations?|regs?\.?|r\.)\s*(\d{{1,2}}{_BRACKETS}{_ABOUT}(?:\s*(?:,|and|&|or)\s*\d{{1,2}}{_BRACKETS}{_ABOUT})*)",
    re.I,
)


def _citations(sentence: str) -> list[tuple[str, int, str]]:
    """('section 43(2)', 43, 's') and ('regulation 12(5)(e)', 12, 'reg') for each citation."""
    out: list[tuple[str, int, str]] = []
    for pattern, kind, word in ((_SECTION_LIST, "s", "section"), (_REGULATION_LIST, "reg", "regulation")):
        for match in pattern.finditer(sentence):
            listed = re.sub(r"\([a-z][^()]{4,40}\)", " ", match.group(1), flags=re.I)  # the "(what it is)"s
            for item in re.finditer(rf"(\d{{1,2}})([a-z]?){_BRACKETS}", listed, re.I):
                number = int(item.group(1))
                text = re.sub(r"\s+", "", item.group(0))
                out.append((f"{word} {text}", number, kind))
    return out


def find_dates(text: str, after: dt.date | None = None) -> list[tuple[dt.date, str]]:
    """Dates written in the text (day first: '14 August 2023', '14th Aug 2023', '14/08/2023'),
    with the words around them; only those after `after` when given."""
    found: list[tuple[dt.date, str]] = []
    patterns = [
        (rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\.?,?\s+(\d{{4}})\b", "dmy"),
        (rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", "mdy"),
        (r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b", "num"),
    ]
    for pattern, form in patterns:
        for match in re.finditer(pattern, text, re.I):
            try:
                if form == "dmy":
                    day, month, year = int(match.group(1)), _MONTHS[_month(match.group(2))], int(match.group(3))
                elif form == "mdy":
                    month, day, year = _MONTHS[_month(match.group(1))], int(match.group(2)), int(match.group(3))
                else:
                    day, month, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
                when = dt.date(year, month, day)
            except (ValueError, KeyError):
                continue
            if after is None or when > after:
                start = max(0, match.start() - 60)
                found.append((when, text[start : match.end()]))
    return found


def _month(word: str) -> str:
    word = word.lower().rstrip(".")
    if word == "sept":
        word = "sep"
    return next(name for name in _MONTHS if name.startswith(word))


_REF = re.compile(
    r"(?<![\w/-])(?:(?:our |your |the |this |a )?(?:reference|ref\.?|case|ticket|request|foi|eir)\s*(?:number|no\.?|id|reference|ref\.?)?\s*(?:is|:|-|#|=)?"
    r"|(?:logged|registered|recorded|filed) (?:as|under)(?:\s+(?:the\s+)?(?:reference|ref\.?|case)(?:\s+(?:number|no\.?))?)?\s*(?:is|:)?)\s*"
    r"((?:[A-Z]{2,8}[ -])?[A-Z0-9][A-Z0-9/\-_.]{2,30}[A-Z0-9])",
    re.I,
)


def find_ref(text: str) -> tuple[str | None, str | None]:
    """The authority's reference for the request ('FOI-2023-118', 'MP/FOI/2023/1145',
    'FOI 2023/0118'), and the words it was found in."""
    for match in _REF.finditer(text):
        ref = match.group(1).strip(" .-/")
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
    """The fee asked for: an amount in a sentence about a fee or payment, not a cost limit."""
    for sentence in _sentences(text):
        if re.search(r"appropriate limit|cost limit|£\s?(?:450|600)\b.{0,30}limit", sentence, re.I):
            continue
        if not re.search(r"fee|charge|pay|cost|cheque|invoice", sentence, re.I):
            continue
        match = _AMOUNT.search(sentence)
        if match:
            return float(match.group(1).replace(",", "")), match.group(0)
    return None, None


# ---------------------------------------------------------------------------------------------


def read_meaning(
    *,
    subject: str,
    words: str,
    attachments: list[Source],
    sender_domain: str,
    regime: str,
    day: dt.date | None,
    has_open_review: bool = False,
    has_complaint: bool = False,
    answered: bool = False,
    email_where: str = "in the email",
) -> Meaning:
    """What the message means for a request under `regime` (see the module's docstring)."""
    email_text = f"{subject}.\n\n{words}"
    substance = _substance(email_text)
    attached_substance = " ".join(_substance(source.text) for source in attachments)
    everything = f"{substance} {attached_substance}"
    sources = [Source(words, email_where), *attachments]

    if _any(OUT_OF_OFFICE, substance) and len(words) < 800:
        return Meaning(None, why=[f"'{_any(OUT_OF_OFFICE, substance)}' {email_where}: an out-of-office reply"],
                       doubt="an automatic out-of-office reply: nothing to record")

    if any(sender_domain == d or sender_domain.endswith("." + d) for d in COMMISSIONER_DOMAINS):
        return _commissioner(everything, substance, email_where, has_complaint, sources, regime)

    review = _any(REVIEW, everything)
    if review and (has_open_review or re.search(r"outcome|result|conclu|decided|upheld|overturn", everything, re.I)):
        meaning = _review(everything, review, sources, regime, email_where)
        if not has_open_review:
            meaning.sure = False
            meaning.doubt = "it reads as an internal review's result, but no review was asked for on this request"
        return meaning

    decision = _response_signals(everything)
    clarification = _any(CLARIFICATION, substance)
    if clarification and not set(decision) & {"withheld", "not-held", "ncnd", "cost", "vexatious"}:
        # A question about the request, perhaps with a map attached: nothing was decided yet.
        return Meaning("clarification-requested", why=[f"'{clarification}' {email_where}"], sure=True)
    extension = _any(EXTENDED, substance)
    if extension and not decision.get("release") and not decision.get("ncnd") and not decision.get("not-held"):
        return _extension(substance, extension, day, regime, email_where)
    weak = set(decision) == {"withheld"} and not re.search(r"\bsection\s*\d|\bs\.?\s?\d|regulation\s*\d", everything, re.I)
    if decision and not (weak and _any(ACKNOWLEDGED, substance)):
        # (An acknowledgement that says some information "may be exempt" decided nothing yet.)
        return _response(everything, decision, sources, regime, email_where)
    fee = _any(FEE, substance)
    if fee and not _any(COST, substance):
        amount, amount_text = find_amount(substance)
        why = [f"'{fee}' {email_where}"] + ([f"'{amount_text}' {email_where}"] if amount_text else [])
        return Meaning("fee-notice", amount=amount, why=why, sure=True)
    acknowledged = _any(ACKNOWLEDGED, substance)
    if acknowledged:
        ref, ref_text = find_ref(email_text)
        why = [f"'{acknowledged}' {email_where}"] + ([f"'{ref_text}' {email_where}"] if ref else [])
        return Meaning("acknowledged", ref=ref, why=why, sure=True)
    return Meaning(None, doubt="no acknowledgement, clarification, fee, extension, response or review result found")


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


def _response(text: str, signals: dict[str, str], sources: list[Source], regime: str, where: str) -> Meaning:
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
    elif "not-held" in signals and "withheld" not in signals:
        outcome = "not-held"
    elif "withheld" in signals:
        outcome = "refused"
        if not _any(REFUSED_WHOLE, text):
            doubt = "something is exempt, but it does not say the whole request is refused: refused or partial?"
    else:
        outcome = None
    if outcome == "partial" and "not-held" in signals and "withheld" not in signals and not exemptions:
        doubt = "some information was given and some is not held: partial, or granted? decide"
    if outcome in ("refused", "partial") and not exemptions and "not-held" not in signals:
        doubt = "a refusal without an exemption the text names: check which were cited"
    if outcome == "granted" and _any(IN_FULL, text) is None and not re.search(r"attached|enclosed|below|as follows", text, re.I):
        doubt = "it reads as a response, but what was given is not clear"
    if outcome is None:
        doubt = "a response, but its outcome is not clear"
    return Meaning(
        "responded", outcome=outcome, exemptions=exemptions, why=why + exemption_why,
        sure=doubt is None, doubt=doubt,
    )


def _extension(text: str, phrase: str, day: dt.date | None, regime: str, where: str) -> Meaning:
    why = [f"'{phrase}' {where}"]
    reason = None
    if re.search(r"public interest", text, re.I):
        reason = "to consider the public interest"
    elif re.search(r"complex|voluminous|volume", text, re.I):
        reason = "complex and voluminous"
    until = None
    for sentence in _sentences(text):
        if not re.search(r"extend|extension|by|until|no later than|on or before|additional|further|public interest", sentence, re.I):
            continue
        dates = find_dates(sentence, day)
        if dates:
            until, context = max(dates)
            why.append(f"'{context.strip()}' {where}")
            break
    days = None
    if until is None:
        match = re.search(r"(?:further|additional|extra)\s+(\d{1,2}|twenty)\s+working days", text, re.I)
        if match:
            days = 20 if match.group(1).lower() == "twenty" else int(match.group(1))
            why.append(f"'{match.group(0)}' {where}")
    doubt = None if (until or days) else "an extension, but no new date or number of days found"
    if regime in ("foisa", "eisr") and reason == "to consider the public interest":
        doubt = "the authority speaks of extending the time, which FOISA does not allow: check what it said"
    return Meaning("extended", until=until, days=days, reason=reason, why=why, sure=doubt is None, doubt=doubt)


def _review(text: str, phrase: str, sources: list[Source], regime: str, where: str) -> Meaning:
    why = [f"'{phrase}' (an internal review)"]
    for outcome, patterns in (("partly-overturned", REVIEW_PARTLY), ("overturned", REVIEW_OVERTURNED), ("upheld", REVIEW_UPHELD)):
        found = _any(patterns, text)
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


def _commissioner(text: str, substance: str, where: str, has_complaint: bool, sources: list[Source], regime: str) -> Meaning:
    ref, ref_text = find_ref(text)
    notice = _any(DECISION_NOTICE, text)
    if notice:
        why = [f"from the commissioner: '{notice}'"]
        for outcome, patterns in DECISION_OUTCOMES:
            found = _any(patterns, text)
            if found:
                doubt = None if has_complaint else "a decision, but no complaint is recorded on this request"
                return Meaning("decision", outcome=outcome, ref=ref, why=why + [f"'{found}' ({outcome})"], sure=doubt is None, doubt=doubt)
        return Meaning("decision", ref=ref, why=why, doubt="a decision from the commissioner, but not its outcome")
    received = _any(COMPLAINT_RECEIVED, text)
    if received and not has_complaint:
        why = [f"from the commissioner: '{received}'"] + ([f"'{ref_text}' {where}"] if ref else [])
        return Meaning(
            "complained", ref=ref, why=why,
            doubt="the commissioner acknowledges a complaint: record it on the day you made it",
        )
    return Meaning("note", why=["from the commissioner"], doubt="correspondence from the commissioner: read it and record what it says")
