"""How a deadline was worked out, in words: the explanation and notes `show` and `deadline` print.

The clock (`foitrack.law.clock`) records what it found as facts; this module has the words for
each kind of fact, and is imported only when something shows them. Nothing here changes a date:
every date in a sentence is one the clock computed.

One idea, though long: a sentence for each kind of fact the clock records, and the law has many
kinds; keeping them in one table means a new fact's words have one obvious place.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Protocol, Sequence

from foitrack.law.clock import Fact
from foitrack.law.statutes import (
    CLARIFICATION_LAW,
    EXTENSION_NOTICE_LAW,
    FEE_LAW,
    LAW,
    PARTICULARS_LAW,
    REVIEW_LAW,
    SCOTTISH,
    WORKING_DAYS_LAW,
    first_rule,
)
from foitrack.store.exemptions import exemption_label


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


def _law_in_force(fact: Fact, regime: str) -> str:
    """'FOIA s.10(1) (in force since 1 Jan 2005)': the law that set the limit on the day of receipt."""
    rule = fact.get("rule")
    if rule is None:
        return LAW[regime]
    return f"{rule.citation} ({rule.since})"


def _opened(fact: Fact, ev: Evaluation) -> str:
    regime = ev.regime
    law = _law_in_force(fact, regime)
    if regime == "sar":
        return (
            f"Received {fmt(ev.received)}, which counts as day 1; {law}: one month, to the "
            "corresponding date in the next month (the last day of a shorter month); "
            f"{WORKING_DAYS_LAW[regime]}."
        )
    day_zero = ", which is day 0" if fact["day_zero"] else ""
    if fact.get("school"):
        rule, school = fact.get("rule"), first_rule("schools")
        varied = f"{LAW[regime]} as {school.citation} varies it for schools"
        if rule is not None and rule.since == school.since:
            varied += f" (both {rule.since})"
        return (
            f"Received {fmt(ev.received)}{day_zero}; {varied}: the 20th working day after the date of "
            "receipt not counting days that are not school days, or the 60th working day, whichever "
            f"comes first; {WORKING_DAYS_LAW[regime]}."
        )
    return (
        f"Received {fmt(ev.received)}{day_zero}; {law}: {ev.days} working days "
        f"after the date of receipt; {WORKING_DAYS_LAW[regime]}."
    )


def _posted_presumed(fact: Fact, ev: Evaluation) -> str:
    return (
        f"Sent by post on {fmt(fact['sent'])}; {fact['rule'].citation} presumes a posted request is not "
        f"received until the third day after posting, {fmt(fact['presumed'])}, the date of receipt "
        "(record `received` in the file if it arrived later)."
    )


def _posted_rebutted(fact: Fact, ev: Evaluation) -> str:
    return (
        f"Sent by post on {fmt(fact['sent'])}; {fact['rule'].citation} presumes it received on "
        f"{fmt(fact['presumed'])}, but the authority acted on it on {fmt(fact['acted'])}, so it had it by then."
    )


def _school_limit(fact: Fact, ev: Evaluation) -> str:
    limit = fact["limit"]
    if limit.twentieth is None:
        first = "the school was not in session for 20 working days before the 60th"
    elif limit.terms is None:
        first = f"the 20th school day is {fmt(limit.twentieth)} if the school was in term throughout"
    else:
        first = f"the 20th school day, by the term dates \"{limit.terms}\", is {fmt(limit.twentieth)}"
    sentence = (
        f"Schools: {first}; the 60th working day is {fmt(limit.sixtieth)}; the earlier, "
        f"{fmt(limit.due)}, is the deadline"
    )
    if fact["extended"]:
        sentence += " before any extension"
    return sentence + "."


def _receipt_moved(fact: Fact, ev: Evaluation) -> str:
    return (
        f"{fact['what'].capitalize()} arrived on {fmt(fact['day'])}, not a working day; under the s.45 "
        f"Code of Practice reading (receipt_rule = \"code\") it counts as received on {fmt(fact['moved'])}."
    )


def _clarification_requested(fact: Fact, ev: Evaluation) -> str:
    if ev.regime == "sar" and fact.get("mode") == "pause":
        return (
            f"{fmt(fact['date'])}: the controller asked for clarification; the clock is paused "
            "until the answer arrives."
        )
    if ev.regime == "sar":
        return (
            f"{fmt(fact['date'])}: the controller asked for clarification; the clock stopped, and "
            "the month starts again from the day the answer arrives."
        )
    return (
        f"{fmt(fact['date'])}: the authority asked for clarification; the clock stopped, and "
        "restarts from the day the clarification is received."
    )


def _clarification_too_late(fact: Fact, ev: Evaluation) -> str:
    who = "controller" if ev.regime == "sar" else "authority"
    return (
        f"{fmt(fact['date'])}: the {who} asked for clarification after the deadline "
        f"({fmt(fact['due'])}); the clock did not stop."
    )


def _sar_clarification_no_effect(fact: Fact, ev: Evaluation) -> str:
    return (
        f"{fmt(fact['date'])}: the controller asked for clarification; under {fact['rule'].citation}, "
        "in force when the request was received, that did not affect the time limit."
    )


def _clarified_pause(fact: Fact, ev: Evaluation) -> str:
    rule = fact.get("rule")
    law = f"{rule.citation}, {rule.since}" if rule is not None else "UK GDPR art. 12A"
    if rule is not None and not rule.settled:
        law += "; see the note"
    return (
        f"{fmt(fact['date'])}: clarification given; the {plural(fact['paused'], 'day')} from "
        f"{fmt(fact['first'])} to {fmt(fact['date'])}, both included, do not count ({law}) "
        "and the clock resumes."
    )


def _sar_clarified_restart(fact: Fact, ev: Evaluation) -> str:
    return (
        f"{fmt(fact['date'])}: clarification given; the month starts again from this day "
        f"({fact['rule'].citation}, {fact['rule'].since})."
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


def _fee_paid_late(fact: Fact, ev: Evaluation) -> str:
    return (
        f"{fmt(fact['date'])}: fee paid, after the last day for paying it ({fmt(fact['last_day'])}); "
        "no deadline runs (see the note)."
    )


def _extension_too_late(fact: Fact, ev: Evaluation) -> str:
    who = "controller" if ev.regime == "sar" else "authority"
    return (
        f"{fmt(fact['date'])}: the {who} said it needed more time, after the deadline "
        f"({fmt(fact['due'])}) by which it had to say so; the deadline does not move."
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
    "posted-presumed": _posted_presumed,
    "posted-rebutted": _posted_rebutted,
    "receipt-moved": _receipt_moved,
    "clarification-requested": _clarification_requested,
    "clarification-too-late": _clarification_too_late,
    "sar-clarification-no-effect": _sar_clarification_no_effect,
    "clarified-pause": _clarified_pause,
    "sar-clarified-restart": _sar_clarified_restart,
    "clarified-restart": _clarified_restart,
    "fee-notice": _fee_notice,
    "fee-paid-restart": _fee_paid_restart,
    "fee-paid-pause": _fee_paid_pause,
    "fee-paid-late": _fee_paid_late,
    "extension-too-late": _extension_too_late,
    "school-limit": _school_limit,
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


def _before_in_force(fact: Fact, ev: Evaluation) -> str:
    rule = fact["rule"]
    then = " (the Data Protection Act 1998 s.7 applied then: 40 days)" if ev.regime == "sar" else ""
    return (
        f"Received {fmt(fact['received'])}, before {rule.citation} came into force on "
        f"{fmt(rule.in_force)}{then}; foitrack counts as if it had applied, but it did not."
    )


def _authority_days_not_for_regime(fact: Fact, ev: Evaluation) -> str:
    if fact.get("school"):
        return (
            "This authority is a school, but the schools' time limit (the 20th school day or the 60th "
            "working day, SI 2004/3364 reg 3, made under FOIA s.10(4)) does not change the "
            f"{ev.regime.upper()}: {fact['statutory']} working days apply."
        )
    return (
        f"This authority has {fact['days']} working days for FOI requests, but that limit "
        f"(set under FOIA s.10(4)) does not change the {ev.regime.upper()}: {fact['statutory']} working "
        "days apply."
    )


def _school_terms_unknown(fact: Fact, ev: Evaluation) -> str:
    limit = fact["limit"]
    return (
        "Schools (SI 2004/3364 reg 3; academies SI 2010/2768; Northern Ireland SI 2009/1369): the "
        "20th school day or the 60th working day, whichever comes first. foitrack has no term dates "
        f"for this school, so it presumes term time: due {fmt(limit.due)}, and overdue after that; "
        f"if the school was closed for holidays the deadline is later, but never after "
        f"{fmt(limit.sixtieth)} (the 60th working day). Give its term dates in foitrack.toml "
        "(school_terms) to count its school days."
    )


def _school_terms_partial(fact: Fact, ev: Evaluation) -> str:
    limit, terms = fact["limit"], fact["terms"]
    first, last = limit.presumed
    span = fmt(first) if first == last else f"{fmt(first)} to {fmt(last)}"
    return (
        f"The term dates \"{terms.name}\" run from {fmt(terms.first)} to {fmt(terms.last)}; foitrack "
        f"counted the working days {span}, outside them, as term time, the earliest the deadline can "
        "be. Add the school's other terms to foitrack.toml to count them exactly."
    )


def _archive_days(fact: Fact, ev: Evaluation) -> str:
    return (
        "Archives (SI 2004/3364 reg 4): 30 working days when a transferred public record "
        "needs consultation; otherwise 20."
    )


def _posted_no_presumption(fact: Fact, ev: Evaluation) -> str:
    law = {"foia": "FOIA", "eir": "The EIR", "eisr": "The EISR", "sar": "The UK GDPR"}[ev.regime]
    return (
        f"Sent by post on {fmt(fact['sent'])}. {law} has no rule presuming when a posted request "
        "arrives (only FOISA s.74(2) has one): the time runs from the day the authority actually "
        "received it, so foitrack counts from the day sent until you record `received` in the file."
    )


def _extension_before_deadline(fact: Fact, ev: Evaluation) -> str:
    return (
        f"The extension date {fmt(fact['until'])} is before the deadline already running "
        f"({fmt(fact['before'])}); the later date stands."
    )


def _eir_extension_late(fact: Fact, ev: Evaluation) -> str:
    return (
        f"{EXTENSION_NOTICE_LAW[ev.regime]}: the authority had to say it needed more time within "
        f"20 working days, by {fmt(fact['statutory'])}; it did so on {fmt(fact['date'])}, too late to "
        f"extend anything: the deadline stays {fmt(fact['statutory'])}."
    )


def _sar_extension_late(fact: Fact, ev: Evaluation) -> str:
    return (
        f"UK GDPR art. 12(3): the controller had to say it was extending within one month, "
        f"by {fmt(fact['statutory'])}; it did so on {fmt(fact['date'])}, too late to extend anything: "
        f"the deadline stays {fmt(fact['statutory'])}."
    )


def _eir_clarification_late(fact: Fact, ev: Evaluation) -> str:
    asked, restart = PARTICULARS_LAW[ev.regime]
    return (
        f"{asked}: the authority had to ask for particulars within 20 working days, by "
        f"{fmt(fact['due'])}; it asked on {fmt(fact['date'])}, too late for {restart} to run the time "
        f"again from the answer: the deadline stays {fmt(fact['due'])}."
    )


def _clarification_after_deadline(fact: Fact, ev: Evaluation) -> str:
    act = "FOISA" if ev.regime in SCOTTISH else "FOIA"
    return (
        f"The authority asked for clarification on {fmt(fact['date'])}, after its deadline "
        f"({fmt(fact['due'])}) had passed: it had already breached {act} s.10(1). The clarification "
        f"still restarts the time ({CLARIFICATION_LAW[ev.regime]}), but foitrack counts the "
        "response as late."
    )


def _sar_clarification_after_deadline(fact: Fact, ev: Evaluation) -> str:
    return (
        f"The controller asked for clarification on {fmt(fact['date'])}, after the deadline "
        f"({fmt(fact['due'])}) had passed: there was no time left to pause, so the deadline stays."
    )


def _sar_clarification_unsettled(fact: Fact, ev: Evaluation) -> str:
    rule = fact["rule"]
    readings = {
        "pause": "the clock paused while the clarification was awaited (the ICO's guidance from 21 Oct "
        "2020, and the law from 5 Feb 2026, UK GDPR art. 12A)",
        "runs-on": "the month ran on regardless, as the UK GDPR then said nothing about clarification",
    }
    return (
        "The law on clarifying a subject access request was unsettled when this one was received: "
        "the UK GDPR said nothing about it until the Data (Use and Access) Act 2025 s.76 (in force "
        f"5 Feb 2026). foitrack follows {rule.citation}, {rule.since}. If instead "
        f"{readings[fact['other_mode']]}, the response was due {fmt(fact['other_due'])}."
    )


def _sar_counting_unsettled(fact: Fact, ev: Evaluation) -> str:
    if fact["rule"].key == "beginning-with":
        return (
            "UK GDPR art. 12A (in force since 5 Feb 2026) gives one month \"beginning with\" the day "
            "of receipt. Read as statutes usually read those words, the month ends the day before the "
            f"corresponding date, and the response was due {fmt(fact['other_due'])}; the ICO's "
            "method, which foitrack uses, gives the corresponding date. The law is unsettled: answer "
            "by the earlier date to be safe."
        )
    return (
        "Until 15 Aug 2019 the ICO counted a subject access request's month from the day after "
        f"receipt; by that reading, the one in force when this request was received, it was due "
        f"{fmt(fact['other_due'])}. foitrack counts from the day of receipt, as the ICO has since "
        "(following the Court of Justice)."
    )


def _foisa_covid(fact: Fact, ev: Evaluation) -> str:
    rule = fact["rule"]
    window = "From 7 Apr to 26 May 2020 FOISA allowed 60 working days, not 20 (Coronavirus (Scotland) Act 2020 sch. 6 pt. 2)"
    if fact["applies"]:
        return (
            f"{window}: for this request, {fmt(fact['due'])}. That governs a response given, or a "
            "request judged, in those weeks; from 27 May 2020 the 20 working days applied again, "
            f"to requests already received too ({fmt(fact['statutory'])} for this one)."
        )
    return (
        f"{window}, which would have given {fmt(fact['due'])}; it had been repealed by the time this "
        f"request was answered or judged, so the 20 working days ({fmt(fact['statutory'])}) apply."
    )


def _foisa_covid_defence(fact: Fact, ev: Evaluation) -> str:
    return (
        "For a request made by 30 Sep 2021, the Scottish Information Commissioner may find that the "
        "authority did not fail to respond in time if the delay was due to coronavirus and reasonable "
        f"({fact['rule'].citation})."
    )


def _not_proclaimed(fact: Fact, ev: Evaluation) -> str:
    return (
        f"{fmt(fact['day'])} counts as a working day. Some calendars list it as a Scottish bank "
        "holiday, but it was never made one: the Banking and Financial Dealings Act 1971 moves a "
        "January holiday only off a Sunday, and the Scottish Government confirmed that no Royal "
        "Proclamation moved it off the Saturday."
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
    law = fact["law"]
    if ev.regime in ("eir", "eisr"):
        period = "within 60 working days of the notice"
    else:
        period = "within three months beginning with the day of the notice"
    paid = (
        f"It was paid on {fmt(fact['paid'])}, too late: "
        if fact["paid"] is not None
        else "It was not: "
    )
    return (
        f"{law}: the fee asked for on {fmt(fact['notice'])} had to be paid {period}, by "
        f"{fmt(fact['last_day'])}. {paid}the authority no longer has to answer, and no deadline runs. "
        "It may still answer; if it does, record the response."
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
    "before-in-force": _before_in_force,
    "sar-public-holidays": _sar_public_holidays,
    "authority-days-not-for-regime": _authority_days_not_for_regime,
    "school-terms-unknown": _school_terms_unknown,
    "school-terms-partial": _school_terms_partial,
    "archive-days": _archive_days,
    "posted-no-presumption": _posted_no_presumption,
    "extension-before-deadline": _extension_before_deadline,
    "eir-extension-late": _eir_extension_late,
    "sar-extension-late": _sar_extension_late,
    "eir-clarification-late": _eir_clarification_late,
    "clarification-after-deadline": _clarification_after_deadline,
    "sar-clarification-after-deadline": _sar_clarification_after_deadline,
    "sar-clarification-unsettled": _sar_clarification_unsettled,
    "sar-counting-unsettled": _sar_counting_unsettled,
    "not-proclaimed": _not_proclaimed,
    "foisa-covid": _foisa_covid,
    "foisa-covid-defence": _foisa_covid_defence,
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
