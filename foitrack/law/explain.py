"""How a deadline was worked out, in words: the explanation and notes `show` and `deadline` print.

The clock (`foitrack.law.clock`) records what it found as facts; this module has the words for
each kind of fact, and is imported only when something shows them. Nothing here changes a date:
every date in a sentence is one the clock computed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Protocol, Sequence

from foitrack.law.clock import Fact
from foitrack.law.statutes import (
    CLARIFICATION_LAW,
    FEE_LAW,
    LAW,
    REVIEW_LAW,
    SCOTTISH,
    WORKING_DAYS_LAW,
)
from foitrack.store.model import exemption_label



class Evaluation(Protocol):
    """What the words are made from: the parts of `foitrack.law.evaluation.Evaluation` read here.
    (Named, not imported: the evaluation imports this module to build its words.)"""

    regime: str
    received: dt.date
    days: int
    receipt_rule: str
    steps: list[Fact]
    flags: list[Fact]
    extra_non_working: tuple[tuple[dt.date, str], ...]

    @property
    def calendar(self) -> Any: ...

    @property
    def skipped(self) -> Sequence[Any]: ...

    @property
    def notes(self) -> list[str]: ...


def fmt(day: dt.date) -> str:
    """'Tue 13 Jun 2023': how dates read in an explanation."""
    return f"{day:%a %d %b %Y}"


def plural(n: int, word: str) -> str:
    """'1 working day', '2 working days'."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def ordinal(n: int) -> str:
    """40 -> '40th', 41 -> '41st', 42 -> '42nd', 43 -> '43rd', 111 -> '111th'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def explanation(evaluation: Evaluation) -> list[str]:
    """The steps by which the response deadline was found, one sentence each."""
    return [_STEPS[fact.kind](fact, evaluation) for fact in evaluation.steps]


def notes(evaluation: Evaluation) -> list[str]:
    """Where the law caps, was breached or is unsettled, one sentence each."""
    said: list[str] = []
    for fact in evaluation.flags:
        if fact.kind == "proclaimed-days-skipped":
            said.extend(_proclaimed_days(evaluation))
        else:
            said.append(_NOTES[fact.kind](fact, evaluation))
    return said


def new_notes(before: Evaluation, after: Evaluation) -> list[str]:
    """The notes `after` has that `before` did not, in `after`'s order: what a just-recorded
    event changed that the user should hear about at once (FOISA has no extension; the law caps
    this one), rather than only in `show`. Evaluate both as at the same date."""
    seen = set(before.notes)
    return [note for note in after.notes if note not in seen]


def very_overdue_rule(basis: Fact | None, *, authority: bool = True) -> str:
    """How the date a request becomes very overdue was found: 'the 40th working day', 'the
    authority's 60th working day after the clarification', 'three months from receipt' ..."""
    if basis is None:
        return ""
    if basis.kind == "sar-three-months":
        rule = "three months from receipt"
        if basis["paused"]:
            rule += f", plus the {plural(basis['paused'], 'day')} paused for clarification"
        return rule
    whose = "the authority's " if authority and basis["authority"] else "the "
    rule = f"{whose}{ordinal(basis['n'])} working day"
    if basis["after_clarification"]:
        rule += " after the clarification"
    if basis["fee_pause"]:
        rule += ", not counting the fee pause"
    return rule


# ---------------------------------------------------------------------------------------------
# The steps


def _opened(fact: Fact, ev: Evaluation) -> str:
    regime = ev.regime
    if regime == "sar":
        return (
            f"Received {fmt(ev.received)}, which counts as day 1; {LAW[regime]}: one month, to the "
            "corresponding date in the next month (the last day of a shorter month); "
            f"{WORKING_DAYS_LAW[regime]}."
        )
    day_zero = ", which is day 0" if fact["day_zero"] else ""
    return (
        f"Received {fmt(ev.received)}{day_zero}; {LAW[regime]}: {ev.days} working days "
        f"after the date of receipt; {WORKING_DAYS_LAW[regime]}."
    )


def _receipt_moved(fact: Fact, ev: Evaluation) -> str:
    return (
        f"{fact['what'].capitalize()} arrived on {fmt(fact['day'])}, not a working day; under the s.45 "
        f"Code of Practice reading (receipt_rule = \"code\") it counts as received on {fmt(fact['moved'])}."
    )


def _clarification_requested(fact: Fact, ev: Evaluation) -> str:
    if ev.regime == "sar":
        return (
            f"{fmt(fact['date'])}: the controller asked for clarification; the clock is paused "
            "until the answer arrives."
        )
    return (
        f"{fmt(fact['date'])}: the authority asked for clarification; the clock stopped, and "
        "restarts from the day the clarification is received."
    )


def _clarified_pause(fact: Fact, ev: Evaluation) -> str:
    return (
        f"{fmt(fact['date'])}: clarification given; the {plural(fact['paused'], 'day')} from "
        f"{fmt(fact['first'])} to {fmt(fact['date'])}, both included, do not count (UK GDPR as "
        "amended by the Data (Use and Access) Act 2025) and the clock resumes."
    )


def _clarified_restart(fact: Fact, ev: Evaluation) -> str:
    return (
        f"{fmt(fact['date'])}: clarification received; it becomes the date of receipt "
        f"({CLARIFICATION_LAW[ev.regime]}) and a fresh {fact['days']} working days start."
    )


def _fee_notice(fact: Fact, ev: Evaluation) -> str:
    if ev.regime == "sar":
        return (
            f"{fmt(fact['date'])}: the controller asked for a fee; the month runs from the day "
            "the fee is received (ICO)."
        )
    return (
        f"{fmt(fact['date'])}: fees notice given; the clock stopped until the fee is paid "
        f"({FEE_LAW[ev.regime]})."
    )


def _fee_paid_restart(fact: Fact, ev: Evaluation) -> str:
    return f"{fmt(fact['date'])}: fee received; the month starts again from this day."


def _fee_paid_pause(fact: Fact, ev: Evaluation) -> str:
    return (
        f"{fmt(fact['date'])}: fee paid; the {plural(fact['disregarded'], 'working day')} from the "
        f"notice ({fmt(fact['first'])}) to the payment, both included, do not count "
        f"({FEE_LAW[ev.regime]})."
    )


def _extended_until(fact: Fact, ev: Evaluation) -> str:
    return f"{fmt(fact['date'])}: the authority extended the deadline to {fmt(fact['until'])}."


def _extended_days(fact: Fact, ev: Evaluation) -> str:
    return (
        f"{fmt(fact['date'])}: the authority extended the deadline by "
        f"{plural(fact['days'], 'working day')}."
    )


def _eir_extension_allowed(fact: Fact, ev: Evaluation) -> str:
    return f"{ev.regime.upper()} reg 7(1): complex and voluminous requests may take up to 40 working days."


def _stopped(fact: Fact, ev: Evaluation) -> str:
    what = "the clarification" if fact["pending"] == "clarification" else "the fee"
    return f"The clock is stopped until {what} is received."


def _sar_corresponding_date_moved(fact: Fact, ev: Evaluation) -> str:
    return (
        f"The corresponding date, {fmt(fact['nominal'])}, is not a working day, so the deadline moves "
        f"to {fmt(fact['due'])}."
    )


def _due(fact: Fact, ev: Evaluation) -> str:
    return f"Response due by {fmt(fact['due'])}."


def _answered_while_stopped(fact: Fact, ev: Evaluation) -> str:
    return (
        f"{fmt(fact['date'])}: answered while the clock was stopped for {fact['pending']} "
        f"(since {fmt(fact['since'])})."
    )


def _review_requested(fact: Fact, ev: Evaluation) -> str:
    return (
        f"{fmt(fact['date'])}: internal review requested; {REVIEW_LAW[ev.regime]}: "
        f"{fact['days']} working days, so the result is due by {fmt(fact['due'])}."
    )


def _no_calendar(fact: Fact, ev: Evaluation) -> str:
    return fact["message"]


_STEPS: dict[str, Callable[[Any, Any], str]] = {
    "opened": _opened,
    "receipt-moved": _receipt_moved,
    "clarification-requested": _clarification_requested,
    "clarified-pause": _clarified_pause,
    "clarified-restart": _clarified_restart,
    "fee-notice": _fee_notice,
    "fee-paid-restart": _fee_paid_restart,
    "fee-paid-pause": _fee_paid_pause,
    "extended-until": _extended_until,
    "extended-days": _extended_days,
    "eir-extension-allowed": _eir_extension_allowed,
    "stopped": _stopped,
    "sar-corresponding-date-moved": _sar_corresponding_date_moved,
    "due": _due,
    "answered-while-stopped": _answered_while_stopped,
    "review-requested": _review_requested,
    "no-calendar": _no_calendar,
}


# ---------------------------------------------------------------------------------------------
# The notes


def _sar_public_holidays(fact: Fact, ev: Evaluation) -> str:
    return "UK GDPR does not say whose public holidays count; foitrack skips the bank holidays of every UK nation."


def _authority_days_not_for_regime(fact: Fact, ev: Evaluation) -> str:
    return (
        f"This authority has {fact['days']} working days for FOI requests, but that limit "
        f"(set under FOIA s.10(4)) does not change the {ev.regime.upper()}: {fact['statutory']} working "
        "days apply."
    )


def _school_days_unknown(fact: Fact, ev: Evaluation) -> str:
    return (
        "Schools and academies (SI 2004/3364 reg 3, SI 2009/1369, SI 2010/2768): the 20th "
        "school day or the 60th working day, whichever comes first. foitrack does not know "
        "term dates, so it uses the 60th working day; in term time the deadline may be earlier."
    )


def _archive_days(fact: Fact, ev: Evaluation) -> str:
    return (
        "Archives (SI 2004/3364 reg 4): 30 working days when a transferred public record "
        "needs consultation; otherwise 20."
    )


def _foisa_posted(fact: Fact, ev: Evaluation) -> str:
    return (
        "FOISA s.74(2) presumes a posted request is received on the third day after posting "
        f"({fmt(fact['presumed'])}); foitrack counts from the day sent until you "
        "record `received` in the request file."
    )


def _eir_fee_unconfirmed(fact: Fact, ev: Evaluation) -> str:
    return (
        "foitrack pauses an EIR clock for a charge paid in advance as FOIA s.10(2) does; "
        "the sources behind foitrack did not confirm the EIR wording (reg 8)."
    )


def _extension_before_deadline(fact: Fact, ev: Evaluation) -> str:
    return (
        f"The extension date {fmt(fact['until'])} is before the deadline already running "
        f"({fmt(fact['before'])}); the later date stands."
    )


def _eir_extension_late(fact: Fact, ev: Evaluation) -> str:
    return (
        f"{ev.regime.upper()} reg 7(3): the authority had to say it needed more time within "
        f"20 working days, by {fmt(fact['statutory'])}; it did so on {fmt(fact['date'])}."
    )


def _sar_extension_late(fact: Fact, ev: Evaluation) -> str:
    return (
        f"UK GDPR art. 12(3): the controller had to say it was extending within one month, "
        f"by {fmt(fact['statutory'])}; it did so on {fmt(fact['date'])}."
    )


def _foia_extension_late(fact: Fact, ev: Evaluation) -> str:
    return (
        "FOIA s.10(3) and s.17(2): a notice saying more time is needed for the public interest "
        f"test was due by {fmt(fact['statutory'])}; the extension was recorded on {fmt(fact['date'])}."
    )


def _foisa_no_extension(fact: Fact, ev: Evaluation) -> str:
    by = "within 20 working days" if fact["by"] is None else f"by {fmt(fact['by'])}"
    return (
        "FOISA has no extension of time (there is no public interest extension in Scotland): "
        f"the authority still had to respond {by}."
    )


def _eir_extension_capped(fact: Fact, ev: Evaluation) -> str:
    return (
        f"{ev.regime.upper()} reg 7(1) allows 40 working days at most: the deadline is "
        f"{fmt(fact['limit'])}, not later."
    )


def _sar_extension_capped(fact: Fact, ev: Evaluation) -> str:
    paused = fact["paused"]
    plus = f", plus the {plural(paused, 'day')} paused for clarification" if paused else ""
    return (
        "UK GDPR art. 12(3) allows two further months at most (three months from "
        f"receipt{plus}): the deadline is {fmt(fact['limit'])}, not later."
    )


def _foia_extension_past_forty(fact: Fact, ev: Evaluation) -> str:
    return (
        f"The extension runs past {very_overdue_rule(fact['basis'], authority=False)} "
        f"({fmt(fact['forty'])}); the ICO expects a public interest extension to stop there, save "
        "in exceptional cases."
    )


def _fee_lapsed(fact: Fact, ev: Evaluation) -> str:
    section = "FOISA s.9(4)" if ev.regime in SCOTTISH else "FOIA s.9(2)"
    return (
        f"The fee was not paid within three months of the notice (by {fmt(fact['lapse'])}): the "
        f"authority no longer has to answer ({section})."
    )


def _receipt_unsettled(fact: Fact, ev: Evaluation) -> str:
    what = "The clarification" if fact["clarification"] else "The request"
    scottish = ev.regime in SCOTTISH
    if scottish:
        act, code = "the Act counts that day as day 0", "the reading some authorities take (as the FOIA s.45 Code does)"
    else:
        act, code = "the Act and the ICO count that day as day 0", "the s.45 Code of Practice (2018) reading"
    if ev.receipt_rule == "ico":
        used = "the Act's reading" if scottish else "the Act and the ICO's reading"
    else:
        used = "the Code of Practice reading, as this tracker is set to"
    return (
        f"{what} arrived on {fmt(fact['day'])}, not a working day, and the law is unsettled: "
        f"{act}, giving {fmt(fact['ico_due'])}; {code} counts from the next working day, giving "
        f"{fmt(fact['code_due'])}. foitrack uses {used}."
    )


def _foia_review_code(fact: Fact, ev: Evaluation) -> str:
    return (
        "A FOIA internal review is set by the s.45 Code of Practice, not the Act: 20 working "
        f"days, 40 in exceptional cases; with no result by {fmt(fact['forty'])} the ICO will take a "
        "complaint."
    )


def _exemptions_of_other_regime(fact: Fact, ev: Evaluation) -> str:
    environmental = fact["regime"] in ("eir", "eisr")
    other = "FOIA or FOISA" if environmental else "the EIRs"
    fix = 'regime = "foia" (or "foisa")' if environmental else 'regime = "eir" (or "eisr")'
    return (
        f"{', '.join(exemption_label(x, fact['regime']) for x in fact['cited'])} cited, but this request is "
        f"recorded under {fact['regime'].upper()}: if the "
        f"authority handled it under {other}, set {fix} in the request file."
    )


def _proclaimed_days(ev: Evaluation) -> list[str]:
    """A note for each day the deadline skips that was made a holiday by proclamation (rule 1.7),
    or that only this tracker adds: whether it counts is unsettled."""
    calendar = ev.calendar
    said = []
    for day in ev.skipped:
        if not calendar.proclaimed(day.date):
            continue
        if any(day.date == extra for extra, _ in ev.extra_non_working):
            message = (
                f"{fmt(day.date)}, {day.reason}, is a non-working day only because this tracker "
                "adds it (foitrack.toml); foitrack does not count it."
            )
        else:
            message = (
                f"{fmt(day.date)}, {day.reason}, was made a bank holiday by Royal Proclamation; "
                "foitrack does not count it. Whether it extends a request that was already running "
                "when the day was proclaimed is unsettled."
            )
        if day.date == dt.date(2022, 9, 19) and ev.regime in SCOTTISH:
            message += " The Scottish Information Commissioner said it was not a working day."
        said.append(message)
    return said


_NOTES: dict[str, Callable[[Any, Any], str]] = {
    "sar-public-holidays": _sar_public_holidays,
    "authority-days-not-for-regime": _authority_days_not_for_regime,
    "school-days-unknown": _school_days_unknown,
    "archive-days": _archive_days,
    "foisa-posted": _foisa_posted,
    "eir-fee-unconfirmed": _eir_fee_unconfirmed,
    "extension-before-deadline": _extension_before_deadline,
    "eir-extension-late": _eir_extension_late,
    "sar-extension-late": _sar_extension_late,
    "foia-extension-late": _foia_extension_late,
    "foisa-no-extension": _foisa_no_extension,
    "eir-extension-capped": _eir_extension_capped,
    "sar-extension-capped": _sar_extension_capped,
    "foia-extension-past-forty": _foia_extension_past_forty,
    "fee-lapsed": _fee_lapsed,
    "receipt-unsettled": _receipt_unsettled,
    "foia-review-code": _foia_review_code,
    "exemptions-of-other-regime": _exemptions_of_other_regime,
}
