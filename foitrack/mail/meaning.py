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

from foitrack.mail.details import Source, date_of_act, find_amount, find_dates, find_exemptions, find_ref
from foitrack.mail.phrases import (
    ACKNOWLEDGED,
    CLARIFICATION,
    CLARIFIED,
    COMPLAINT_RECEIVED,
    COST,
    DECISION_NOTICE,
    DECISION_OUTCOMES,
    EXTENDED,
    FEE,
    FEE_PAID,
    IN_FULL,
    NCND,
    NOT_HELD,
    NOW_RELEASED,
    OUT_OF_OFFICE,
    OUT_OF_OFFICE_PERSON,
    PARTS,
    PUBLIC_INTEREST,
    REFUSED_WHOLE,
    RELEASE,
    REVIEW,
    REVIEW_ASKED,
    REVIEW_OVERTURNED,
    REVIEW_PARTLY,
    REVIEW_UPHELD,
    STILL_WITHHELD,
    VEXATIOUS,
    WDTK_NOTICE,
    WHOLE,
    WITHDRAWN,
    WITHHELD,
)
from foitrack.mail.sentences import find_done, find_phrase, split_sentences, substance_of

COMMISSIONER_DOMAINS = ("ico.org.uk", "itspublicknowledge.info", "foi.scot")
WDTK_DOMAIN = "whatdotheyknow.com"


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
    substance = substance_of(email_text)
    attached_substance = " ".join(substance_of(source.text) for source in attachments)
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
        notice = find_phrase(WDTK_NOTICE, substance)
        return Meaning(None, why=[f"a WhatDoTheyKnow notification{': ' + repr(notice) if notice else ''}"],
                       doubt="nothing to record from the notification: read the request's page on WhatDoTheyKnow "
                             "and record what the authority said there")
    out_of_office = find_phrase(OUT_OF_OFFICE if context.automatic else OUT_OF_OFFICE_PERSON, substance)
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

    withdrawn = find_done(WITHDRAWN, substance)
    if withdrawn and not _response_signals(everything):
        on, on_text = date_of_act(email_text, day)
        why = [f"'{withdrawn}' {email_where}"] + ([f"'{on_text}' {email_where}"] if on else [])
        doubt = None
        if context.open_fee:
            doubt = "closed while a fee is unpaid: foitrack already counts the request as lapsed once the time to pay runs out; record it only if you withdrew it"
        return Meaning("withdrawn", on=on, why=why, sure=doubt is None, doubt=doubt)

    review = find_phrase(REVIEW, everything)
    if review:
        decided = find_phrase(REVIEW_PARTLY + REVIEW_OVERTURNED + REVIEW_UPHELD, everything)
        asked = find_phrase(REVIEW_ASKED, substance)
        if asked and not decided and not re.search(r"(?:have|has) (?:now )?(?:completed|carried out|concluded|conducted|reviewed)", everything, re.I):
            return _review_asked(email_text, asked, context, email_where)
        if context.open_review or decided or re.search(r"outcome|result|conclu|decided", everything, re.I):
            meaning = _review(everything, review, sources, regime)
            if not context.open_review:
                meaning.sure = False
                meaning.doubt = "it reads as an internal review's result, but no review was asked for on this request"
            return meaning

    decision = _response_signals(everything)
    clarification = find_phrase(CLARIFICATION, substance_of(email_text, questions=True))
    final = set(decision) & {"withheld", "not-held", "ncnd", "cost", "vexatious"}
    fee = find_phrase(FEE, substance)
    if fee and find_amount(substance)[0] is not None and not final:
        clarification = None  # "let us know whether you wish to pay £12.40": a fees notice
    if clarification and "release" in decision and not re.search(r"clarif|1\s*\(\s*3\s*\)|9\s*\(\s*2\s*\)|before we can", clarification, re.I):
        clarification = None  # "could you let us know if you need another format": a response's offer
    if clarification and not final:
        # A question about the request, perhaps with a map attached: nothing was decided yet.
        return Meaning("clarification-requested", ref=find_ref(email_text)[0], why=[f"'{clarification}' {email_where}"], sure=True)
    extension = find_phrase(EXTENDED, substance) or _public_interest_extension(substance, day)
    if extension and not (set(decision) & {"release", "ncnd", "not-held", "cost", "vexatious"}):
        return _extension(substance, extension, day, regime, email_where, email_text)
    weak = set(decision) == {"withheld"} and not re.search(r"\bsection\s*\d|\bs\.?\s?\d|regulation\s*\d", everything, re.I)
    if decision and not (weak and find_phrase(ACKNOWLEDGED, substance)):
        # (An acknowledgement that says some information "may be exempt" decided nothing yet.)
        meaning = _response(everything, decision, sources, regime)
        meaning.ref = find_ref(email_text)[0]
        return meaning
    clarified = find_done(CLARIFIED, substance)
    if clarified:
        on, on_text = date_of_act(email_text, day)
        why = [f"'{clarified}' {email_where}"] + ([f"'{on_text}' {email_where}"] if on else [])
        doubt = None if context.open_clarification else "it thanks you for a clarification, but none was asked for on this request"
        return Meaning("clarified", on=on, why=why, sure=doubt is None, doubt=doubt)
    paid = find_done(FEE_PAID, substance)
    if paid:
        amount, amount_text = find_amount(substance)
        on, on_text = date_of_act(email_text, day)
        why = [f"'{paid}' {email_where}"] + [f"'{text}' {email_where}" for text in (amount_text, on_text) if text]
        doubt = None if context.open_fee else "it confirms a payment, but no fees notice is open on this request"
        return Meaning("fee-paid", amount=amount, on=on, why=why, sure=doubt is None, doubt=doubt)
    if fee:
        amount, amount_text = find_amount(substance)
        why = [f"'{fee}' {email_where}"] + ([f"'{amount_text}' {email_where}"] if amount_text else [])
        return Meaning("fee-notice", amount=amount, ref=find_ref(email_text)[0], why=why, sure=amount is not None,
                       doubt=None if amount is not None else "a fees notice, but no amount found")
    acknowledged = find_phrase(ACKNOWLEDGED, substance)
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
    for sentence in split_sentences(substance):
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
        found = find_phrase(patterns, text)
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
        parts = find_phrase(PARTS, text)
        if parts and not find_phrase(WHOLE, text):
            doubt = f"something is withheld, and it speaks of '{parts}': refused, or partial? decide"
        elif not find_phrase(REFUSED_WHOLE, text):
            doubt = "something is exempt, but it does not say the whole request is refused: refused or partial?"
    else:
        outcome = None
    if outcome == "partial" and "not-held" in signals and "withheld" not in signals and not exemptions:
        doubt = "some information was given and some is not held: partial, or granted? decide"
    if outcome in ("refused", "partial") and not exemptions and "not-held" not in signals:
        doubt = "a refusal without an exemption the text names: check which were cited"
    if outcome == "granted" and find_phrase(IN_FULL, text) is None and not re.search(r"attached|enclosed|below|above|as follows", text, re.I):
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
    if re.search(PUBLIC_INTEREST, text, re.I):
        reason = "to consider the public interest"
    elif re.search(r"complex|voluminous|volume", text, re.I):
        reason = "complex and voluminous"
    # The new date: the latest a sentence about the time gives ("the deadline was 2 August; we
    # now need until 30 August" is 30 August).
    found = [
        date
        for sentence in split_sentences(text)
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
    on, on_text = date_of_act(email_text, context.day)
    why = [f"'{phrase}' {where}: your review request is acknowledged"] + ([f"'{on_text}' {where}"] if on else [])
    if context.open_review:
        return Meaning(None, why=why, doubt="it acknowledges the review you asked for, which is recorded: nothing new to record")
    return Meaning("review-requested", on=on, why=why, sure=True)


def _review(text: str, phrase: str, sources: list[Source], regime: str) -> Meaning:
    why = [f"'{phrase}' (an internal review)"]
    released, withheld = re.search(NOW_RELEASED, text, re.I), re.search(STILL_WITHHELD, text, re.I)
    partly = find_phrase(REVIEW_PARTLY, text) or (f"{released.group(0)} ... {withheld.group(0)}" if released and withheld else None)
    for outcome, found in (
        ("partly-overturned", partly), ("overturned", find_phrase(REVIEW_OVERTURNED, text)), ("upheld", find_phrase(REVIEW_UPHELD, text)),
    ):
        if found:
            exemptions, exemption_why = find_exemptions(sources, regime) if outcome != "overturned" else ([], [])
            # "upheld" and "overturned" both found: "the decision is upheld, although one part is
            # overturned" is a partly-overturned review, or a misreading; leave it to the user.
            others = [o for o, p in (("overturned", REVIEW_OVERTURNED), ("upheld", REVIEW_UPHELD)) if o != outcome and find_phrase(p, text)]
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
    notice = find_phrase(DECISION_NOTICE, text)
    if notice:
        why = [f"from the commissioner: '{notice}'"]
        found = [(outcome, phrase) for outcome, patterns in DECISION_OUTCOMES if (phrase := find_phrase(patterns, text))]
        outcomes = [outcome for outcome, _ in found]
        if "upheld" in outcomes and "not-upheld" in outcomes and "partly-upheld" not in outcomes:
            # Entitled to withhold one thing, wrong to withhold another: partly upheld.
            found.insert(0, ("partly-upheld", " ... ".join(phrase for outcome, phrase in found if outcome in ("upheld", "not-upheld"))))
        if found:
            outcome, phrase = found[0]
            doubt = None if context.has_complaint else "a decision, but no complaint is recorded on this request"
            return Meaning("decision", outcome=outcome, ref=ref, why=why + [f"'{phrase}' ({outcome})"], sure=doubt is None, doubt=doubt)
        return Meaning("decision", ref=ref, why=why, doubt="a decision from the commissioner, but not its outcome")
    received = find_phrase(COMPLAINT_RECEIVED, text)
    if received and not context.has_complaint:
        on, on_text = date_of_act(text, context.day)
        why = [f"from the commissioner: '{received}'"] + [f"'{t}' {where}" for t in (ref_text if ref else None, on_text) if t]
        # The complaint is dated the day the commissioner received it, when the letter says so.
        return Meaning(
            "complained", ref=ref, on=on, why=why, sure=on is not None,
            doubt=None if on else "the commissioner acknowledges a complaint: record it on the day you made it",
        )
    return Meaning("note", why=["from the commissioner"], doubt="correspondence from the commissioner: read it and record what it says")

