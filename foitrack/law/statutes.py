"""The law foitrack rests on: the numbers and citations its deadlines use, and the same law in
the words its letters use (`Law`, `LAWS`).

Each number comes from the law as docs/deadlines.md sets it out, with its source;
the README's "How deadlines are worked out" explains them for users. Where a letter states one of
these facts (a citation, a number of working days) it takes it from here, so a letter never tells
an authority something different from what foitrack worked out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from foitrack.vocab import REGIMES, SCOTTISH_REGIMES

STATUTORY_DAYS = {"foia": 20, "eir": 20, "foisa": 20, "eisr": 20}
VERY_OVERDUE_DAYS = 40
EIR_MAX_DAYS = 40  # EIR and EISR reg 7(1)
SAR_MAX_MONTHS = 3  # art. 12(3): two further months, three in all
REVIEW_DAYS = {"foia": 20, "eir": 40, "foisa": 20, "eisr": 20, "sar": 20}
REVIEW_COMPLAINT_DAYS = 40  # ICO accepts a complaint after 40 working days without a review result
REVIEW_REQUEST_WINDOW_DAYS = 40  # FOIA (ICO), EIR reg 11(2), FOISA s.20(5): 40 working days
COMPLAINT_WINDOW = dt.timedelta(weeks=6)  # ICO: within six weeks of the final response (rule 5.4)
SCOTTISH_COMPLAINT_MONTHS = 6  # FOISA s.47(4): six months after the review result
FEE_LAPSE_MONTHS = 3  # FOIA s.9(2), FOISA s.9(4): three months *beginning with* the notice day
EIR_FEE_LAPSE_DAYS = 60  # EIR reg 8(5), EISR reg 8: 60 working days after the notification
SCHOOL_DAYS = 20  # SI 2004/3364 reg 3(2)(a): the 20th working day that is a school day ...
SCHOOL_OUTER_DAYS = 60  # ... or reg 3(2)(b), the 60th working day, whichever occurs first
FOISA_COVID_DAYS = 60  # Coronavirus (Scotland) Act 2020 sch. 6 pt. 2, 7 Apr to 26 May 2020
FOISA_POSTED_DAYS = 3  # FOISA s.74(2)(a): not received until the third day after posting
EIR_REGIMES = ("eir", "eisr")
SCOTTISH = tuple(regime for regime in REGIMES if regime in SCOTTISH_REGIMES)  # ("foisa", "eisr")
# Regimes whose s.10 limit the Time for Compliance Regulations (or FOISA s.10(4)) can change.
AUTHORITY_DAYS_REGIMES = ("foia", "foisa")

LAW = {
    "foia": "FOIA s.10(1)",
    "eir": "EIR reg 5(2)",
    "foisa": "FOISA s.10(1)",
    "eisr": "EISR reg 5(2)(a)",
    "sar": "UK GDPR art. 12(3)",
}
WORKING_DAYS_LAW = {
    "foia": "weekends, Christmas Day, Good Friday and every bank holiday in any part of the UK "
    "are not working days (FOIA s.10(6))",
    "eir": "weekends, Christmas Day, Good Friday and every bank holiday in any part of the UK "
    "are not working days (EIR reg 2(1), as FOIA s.10(6))",
    "foisa": "weekends, Christmas Day and Scottish bank holidays are not working days (FOISA s.73); "
    "holidays only in England, Wales or Northern Ireland are working days",
    "eisr": "weekends, Christmas Day and Scottish bank holidays are not working days (EISR, as "
    "FOISA s.73); holidays only in England, Wales or Northern Ireland are working days",
    "sar": "if that date is a weekend or public holiday the deadline moves to the next working day (ICO)",
}
CLARIFICATION_LAW = {
    "foia": "FOIA s.1(3), s.10(6)(b)",
    "eir": "EIR reg 9",
    "foisa": "FOISA s.1(3), s.10(1)(b)",
    "eisr": "EISR reg 9",
}
FEE_LAW = {"foia": "FOIA s.10(2)", "eir": "EIR reg 8(6)", "foisa": "FOISA s.10(2)", "eisr": "EISR reg 8"}
# How long a fee may go unpaid before the authority need not answer at all, and the law that says
# so. FOIA s.9(2) and FOISA s.9(4): "within the period of three months beginning with the day on
# which the fees notice is given"; EIR reg 8(5): "no later than 60 working days after the date on
# which it gave the notification" of an advance payment, and EISR reg 8 the same 60 working days.
FEE_LAPSE_LAW = {"foia": "FOIA s.9(2)", "eir": "EIR reg 8(5)", "foisa": "FOISA s.9(4)", "eisr": "EISR reg 8"}
# An EIR/EISR extension (reg 7(1)) must be notified within the first 20 working days: EIR reg 7(3).
EXTENSION_NOTICE_LAW = {"eir": "EIR reg 7(3)", "eisr": "EISR reg 7"}
# EIR/EISR reg 9(2): particulars of a request "formulated in too general a manner" must be asked
# for "as soon as possible and in any event no later than 20 working days after the date of
# receipt"; only then does reg 9(4) run the time from their arrival.
PARTICULARS_LAW = {"eir": ("EIR reg 9(2)", "reg 9(4)"), "eisr": ("EISR reg 9(2)", "reg 9(4)")}
REVIEW_LAW = {
    "foia": "s.45 Code of Practice",
    "eir": "EIR reg 11(4)",
    "foisa": "FOISA s.21(1)",
    "eisr": "EISR reg 16(4)",
    "sar": "no statutory review; foitrack allows 20 working days",
}

# ---------------------------------------------------------------------------------------------
# The law in force on the day: each rule foitrack applies, with the day it came into force and,
# for one since replaced, the last day it applied. A request is judged by the rules in force on
# the day it was received (`in_force`); docs/deadlines.md lists them with their sources.

LAW_STARTS = dt.date(2005, 1, 1)  # FOIA s.1, FOISA s.1, the EIR and the EISR all came into force
GDPR_APPLIES = dt.date(2018, 5, 25)  # GDPR art. 99(2); the UK GDPR kept art. 12(3) word for word
DUAA_SAR_TIME_LIMITS = dt.date(2026, 2, 5)  # DUAA 2025 s.76 (new UK GDPR art. 12A): SI 2026/82 reg 2(h)


@dataclass(frozen=True)
class Rule:
    """One rule of the law, as foitrack applies it, and when it applied. `settled` is False for
    a rule that rests on a regulator's guidance where the law itself said nothing."""

    key: str
    citation: str
    in_force: dt.date
    until: dt.date | None = None  # the last day it applied; None while it still does
    settled: bool = True
    source: str = ""

    def applies_on(self, day: dt.date) -> bool:
        return self.in_force <= day and (self.until is None or day <= self.until)

    @property
    def since(self) -> str:
        """'in force since 1 Jan 2005'; for a rule since replaced, the requests it governs:
        'for requests received 21 Oct 2020 to 4 Feb 2026'."""
        start = f"{self.in_force.day} {self.in_force:%b %Y}"
        if self.until is None:
            return f"in force since {start}"
        return f"for requests received {start} to {self.until.day} {self.until:%b %Y}"


_DAY = dt.timedelta(days=1)
RULES: dict[str, tuple[Rule, ...]] = {
    # The time limit for a response, per regime.
    "time-limit:foia": (Rule("foia", "FOIA s.10(1)", LAW_STARTS, source="FOIA s.1 and s.10 in force 1 Jan 2005"),),
    "time-limit:eir": (Rule("eir", "EIR reg 5(2)", LAW_STARTS, source="SI 2004/3391 reg 1: in force 1 Jan 2005"),),
    "time-limit:foisa": (Rule("foisa", "FOISA s.10(1)", LAW_STARTS, source="FOISA s.1 and s.10 in force 1 Jan 2005"),),
    "time-limit:eisr": (Rule("eisr", "EISR reg 5(2)(a)", LAW_STARTS, source="SSI 2004/520 reg 1: in force 1 Jan 2005"),),
    "time-limit:sar": (
        Rule("sar-gdpr", "UK GDPR art. 12(3)", GDPR_APPLIES, DUAA_SAR_TIME_LIMITS - _DAY,
             source="GDPR art. 99(2) (25 May 2018); kept by the UK GDPR from 1 Jan 2021"),
        Rule("sar-12a", "UK GDPR art. 12(3) and 12A", DUAA_SAR_TIME_LIMITS,
             source="Data (Use and Access) Act 2025 s.76, in force 5 Feb 2026 (SI 2026/82 reg 2(h))"),
    ),
    # Schools: the Time for Compliance Regulations vary FOIA s.10(1) and (2) only.
    "schools": (
        Rule("schools", "SI 2004/3364 reg 3", LAW_STARTS,
             source="in force 1 Jan 2005 (reg 1); NI schools SI 2009/1369, academies SI 2010/2768"),
    ),
    # What a SAR clarification does to the clock. The UK GDPR said nothing until art. 12A: before
    # then foitrack follows the ICO's guidance of the day, and says the law was unsettled.
    "sar-clarification": (
        Rule("restart", "the ICO's right of access guidance as first published", GDPR_APPLIES, dt.date(2019, 12, 3), settled=False,
             source="ICO guide to the GDPR, right of access (2018): 'the period for responding to the "
             "request begins when you receive the additional information'"),
        Rule("runs-on", "the ICO's right of access guidance as amended in December 2019", dt.date(2019, 12, 4), dt.date(2020, 10, 20), settled=False,
             source="ICO right of access guidance as amended, and its draft detailed guidance (consultation "
             "from 4 Dec 2019): clarification 'does not affect the timescale for responding'"),
        Rule("pause", "the ICO's detailed right of access guidance of 21 Oct 2020", dt.date(2020, 10, 21),
             DUAA_SAR_TIME_LIMITS - _DAY, settled=False,
             source="ICO detailed right of access guidance, 21 Oct 2020: the clock stops while clarification is awaited"),
        Rule("pause", "UK GDPR art. 12A", DUAA_SAR_TIME_LIMITS,
             source="Data (Use and Access) Act 2025 s.76, in force 5 Feb 2026 (SI 2026/82 reg 2(h))"),
    ),
    # How the SAR month is counted: from the day after receipt (ICO until 14 Aug 2019), or from
    # the day of receipt (ICO from 15 Aug 2019, following the CJEU).
    "sar-counting": (
        Rule("day-after", "the ICO's guidance as first published", GDPR_APPLIES, dt.date(2019, 8, 14), settled=False,
             source="ICO guide to the GDPR until 15 Aug 2019: 'from the day after you receive the request'"),
        Rule("day-of-receipt", "the ICO's guidance as amended on 15 Aug 2019", dt.date(2019, 8, 15),
             DUAA_SAR_TIME_LIMITS - _DAY, settled=False,
             source="ICO guide to the GDPR from 15 Aug 2019: 'from the day you receive the request'"),
        # Art. 12A, like DPA 2018 s.54(2), gives "the period of one month beginning with the
        # relevant time". Read as statutes' "beginning with" periods usually are, the day of
        # receipt is the first day and the month ends the day before the corresponding date; the
        # ICO's method (the corresponding date) was written for art. 12(3)'s "within one month of
        # receipt". No court or guidance has yet said which governs, so both dates are shown.
        Rule("beginning-with", "UK GDPR art. 12A: one month beginning with the day of receipt",
             DUAA_SAR_TIME_LIMITS, settled=False,
             source="Data (Use and Access) Act 2025 s.76 (art. 12A), in force 5 Feb 2026; "
             "compare DPA 2018 s.54(2)"),
    ),
    # FOISA s.10(1) and s.21(1) read "sixtieth working day" for 7 Apr to 26 May 2020: the
    # Coronavirus (Scotland) Act 2020 sch. 6 pt. 2, until the Coronavirus (Scotland) (No. 2) Act
    # 2020 sch. 4 para 11 repealed it from 27 May 2020. It had immediate effect, even for requests
    # already received; the SIC judges a response given in those weeks by the 60 working days, and
    # a request still unanswered on 27 May by the 20. Keyed by the day of the response (or of the
    # evaluation), not of receipt. The Commissioner may also find no failure where a request made
    # by 30 Sep 2021 was late because of coronavirus and the delay was reasonable (sch. 6 para 6).
    "time-limit:foisa-covid": (
        Rule("foisa-covid", "FOISA s.10(1) as the Coronavirus (Scotland) Act 2020 sch. 6 pt. 2 modified it",
             dt.date(2020, 4, 7), dt.date(2020, 5, 26),
             source="itspublicknowledge.info, Covid-19 and FOI: emergency legislation; Coronavirus "
             "(Scotland) (No. 2) Act 2020 sch. 4 para 11"),
    ),
    "foisa-covid-defence": (
        Rule("foisa-covid-defence", "Coronavirus (Scotland) Act 2020 sch. 6 para 6", dt.date(2020, 4, 7),
             dt.date(2021, 9, 30), source="for requests made on or before 30 Sep 2021 (SIC)"),
    ),
    # FOISA s.74(2)(a): a posted request is presumed received on the third day after posting.
    "posted:foisa": (Rule("foisa-posted", "FOISA s.74(2)(a)", LAW_STARTS, source="FOISA s.74"),),
}


def rule_in_force(kind: str, day: dt.date) -> Rule | None:
    """The rule of `kind` in force on `day`, or None if none was yet (or any longer)."""
    for rule in RULES.get(kind, ()):
        if rule.applies_on(day):
            return rule
    return None


def first_rule(kind: str) -> Rule:
    return RULES[kind][0]


# ---------------------------------------------------------------------------------------------
# The same law, per regime, in the words the letters use (foitrack.mail.letters).
# The `duty` texts quote the statutes, so their numbers are written out as the statutes write them.


@dataclass(frozen=True)
class Law:
    regime: str
    request_kind: str  # what the request is called in a letter
    act: str
    citation: str  # the duty to respond in time, in full
    duty: str  # what that duty requires, completing "requires you to respond ..."
    commissioner: str
    commissioner_short: str
    review_name: str  # completes "I ask for ..."
    review_title: str  # a subject line's first words
    review_law: str  # the sentence that says how long the review may take
    complaint_law: str
    escalation: str  # completes "I will ..." in a final chaser
    very_overdue: str  # why a very overdue response is beyond what the law allows
    complaints: Commissioner  # where and how the commissioner takes a complaint under this law

    @property
    def short_citation(self) -> str:
        """The duty to respond, cited as deadlines cite it: 'FOIA s.10(1)'."""
        return LAW[self.regime]


@dataclass(frozen=True)
class Commissioner:
    """How a commissioner takes complaints, as the commissioner publishes it. A complaint letter
    is addressed to `postal` (and, where the commissioner takes complaints by email, to `email`);
    `how` tells the user how to send it. `email` is None where the commissioner publishes no
    address for complaints: foitrack then writes no To: rather than invent one."""

    postal: tuple[str, ...]  # the lines of the postal address, the office's name first
    online: str  # the page where the commissioner takes (or explains how to make) a complaint
    email: str | None
    how: str  # completes "<the commissioner> takes complaints ..."

    @property
    def address_block(self) -> str:
        """The lines a letter to the commissioner starts with: where it goes, and how."""
        reach = f"Email: {self.email}" if self.email else f"Online: {self.online}"
        return "\n".join([*self.postal, reach])


# The Information Commissioner takes FOIA and EIR complaints (FOIA s.50, applied to the EIRs by
# reg 18) through the online form at the address in `online`; documents that cannot be uploaded
# go by post to Wycliffe House (https://ico.org.uk/make-a-complaint/foi-and-eir-complaints/ and
# its form's confirmation page, .../official-information-complaint/thank-you/). The ICO publishes
# no email address for these complaints, so none is used. A SAR complaint (UK GDPR art. 77) goes
# through the data protection complaint form (https://ico.org.uk/make-a-complaint/data-protection-complaints/).
_ICO_POSTAL = (
    "Information Commissioner's Office",
    "Wycliffe House",
    "Water Lane",
    "Wilmslow",
    "Cheshire",
    "SK9 5AF",
)
ICO_FOI = Commissioner(
    postal=_ICO_POSTAL,
    online="https://ico.org.uk/make-a-complaint/foi-and-eir-complaints/",
    email=None,
    how=(
        "through its online complaint form at https://ico.org.uk/make-a-complaint/foi-and-eir-complaints/ "
        "(paste the letter in and attach your request and the correspondence), or by post to "
        + ", ".join(_ICO_POSTAL)
    ),
)
ICO_SAR = Commissioner(
    postal=_ICO_POSTAL,
    online="https://ico.org.uk/make-a-complaint/data-protection-complaints/",
    email=None,
    how=(
        "through its data protection complaint form at "
        "https://ico.org.uk/make-a-complaint/data-protection-complaints/ (paste the letter in and "
        "attach your request and the correspondence), or by post to " + ", ".join(_ICO_POSTAL)
    ),
)
# The Scottish Information Commissioner takes an application (appeal) under FOISA s.47(1), applied
# to the EISRs by reg 17, "in a format that can be kept for future use, for example, by email or
# post": its application form is recommended but not required. Email and postal addresses from
# the Commissioner's "Other ways to appeal" and "Appeal to the Commissioner" pages
# (https://www.itspublicknowledge.info/appeal).
_SIC_POSTAL = (
    "Office of the Scottish Information Commissioner",
    "Kinburn Castle",
    "Doubledykes Road",
    "St Andrews",
    "KY16 9DS",
)
SIC = Commissioner(
    postal=_SIC_POSTAL,
    online="https://www.itspublicknowledge.info/appeal",
    email="enquiries@itspublicknowledge.info",
    how=(
        "by email to enquiries@itspublicknowledge.info or by post to " + ", ".join(_SIC_POSTAL)
        + " (its application form, at https://www.itspublicknowledge.info/appeal, is recommended "
        "but not required)"
    ),
)


_FOIA = "the Freedom of Information Act 2000"
_EIR = "the Environmental Information Regulations 2004"
_FOISA = "the Freedom of Information (Scotland) Act 2002"
_EISR = "the Environmental Information (Scotland) Regulations 2004"

_MORE_THAN_VERY_OVERDUE = f"More than {VERY_OVERDUE_DAYS} working days have now passed since you received it"
_EIR_VERY_OVERDUE = (
    f"{_MORE_THAN_VERY_OVERDUE}: longer than even the extension the Regulations allow for complex "
    "and voluminous requests."
)

LAWS: dict[str, Law] = {
    "foia": Law(
        regime="foia",
        request_kind="Freedom of Information request",
        act=_FOIA,
        citation=f"section 10(1) of {_FOIA}",
        duty="promptly, and in any event not later than the twentieth working day following the date of receipt",
        commissioner="the Information Commissioner",
        commissioner_short="ICO",
        review_name="an internal review",
        review_title="Request for internal review",
        review_law=(
            "The Code of Practice issued under section 45 of the Act asks authorities to complete an "
            f"internal review within {REVIEW_DAYS['foia']} working days, and in no case later than "
            "40 working days."
        ),
        complaint_law=f"section 50 of {_FOIA}",
        escalation=(
            f"complain to the Information Commissioner under section 50 of {_FOIA} about your "
            "failure to respond"
        ),
        very_overdue=(
            f"{_MORE_THAN_VERY_OVERDUE}. The Information Commissioner's guidance is that even where "
            "more time is needed to consider the public interest, a response should not normally "
            f"take more than {VERY_OVERDUE_DAYS} working days in all."
        ),
        complaints=ICO_FOI,
    ),
    "eir": Law(
        regime="eir",
        request_kind="request for environmental information",
        act=_EIR,
        citation=f"regulation 5(2) of {_EIR}",
        duty="as soon as possible, and no later than 20 working days after the date of receipt of the request",
        commissioner="the Information Commissioner",
        commissioner_short="ICO",
        review_name="reconsideration under regulation 11 of the Regulations",
        review_title="Representations under regulation 11 (EIR)",
        review_law=(
            "Regulation 11 requires you to consider my representations and to tell me your decision "
            f"as soon as possible and no later than {REVIEW_DAYS['eir']} working days after you "
            "receive them."
        ),
        complaint_law=f"section 50 of {_FOIA}, as applied by regulation 18 of {_EIR}",
        escalation=(
            f"complain to the Information Commissioner under section 50 of {_FOIA}, as applied by "
            "regulation 18 of the Regulations, about your failure to respond"
        ),
        very_overdue=_EIR_VERY_OVERDUE,
        complaints=ICO_FOI,
    ),
    "foisa": Law(
        regime="foisa",
        request_kind="Freedom of Information request",
        act=_FOISA,
        citation=f"section 10(1) of {_FOISA}",
        duty="promptly, and in any event by not later than the twentieth working day after receipt of the request",
        commissioner="the Scottish Information Commissioner",
        commissioner_short="SIC",
        review_name="a review under section 20(1) of the Act",
        review_title="Requirement for review",
        review_law=(
            "Section 21(1) of the Act requires you to respond to this requirement for review "
            "promptly, and in any event by not later than the twentieth working day after you "
            "receive it."
        ),
        complaint_law=f"section 47(1) of {_FOISA}",
        escalation=(
            f"require you, under section 20(1) of {_FOISA}, to review your failure to respond, and, "
            "if that does not produce a response, apply to the Scottish Information Commissioner "
            "for a decision under section 47(1)"
        ),
        very_overdue=(
            f"{_MORE_THAN_VERY_OVERDUE}, and FOISA makes no provision for extending the time for a "
            "response."
        ),
        complaints=SIC,
    ),
    "eisr": Law(
        regime="eisr",
        request_kind="request for environmental information",
        act=_EISR,
        citation=f"regulation 5(2)(a) of {_EISR}",
        duty="as soon as possible, and in any event no later than 20 working days after the date of receipt of the request",
        commissioner="the Scottish Information Commissioner",
        commissioner_short="SIC",
        review_name="a review under regulation 16 of the Regulations",
        review_title="Requirement for review under regulation 16 (EISR)",
        review_law=(
            "Regulation 16 requires you to tell me the outcome of your review as soon as possible "
            f"and no later than {REVIEW_DAYS['eisr']} working days after you receive these "
            "representations."
        ),
        complaint_law=f"section 47(1) of {_FOISA}, as applied by regulation 17 of {_EISR}",
        escalation=(
            "require you, under regulation 16 of the Regulations, to review your failure to respond, "
            "and, if that does not produce a response, apply to the Scottish Information Commissioner "
            f"for a decision under section 47(1) of {_FOISA}, as applied by regulation 17"
        ),
        very_overdue=_EIR_VERY_OVERDUE,
        complaints=SIC,
    ),
    "sar": Law(
        regime="sar",
        request_kind="subject access request",
        act="the UK GDPR",
        citation="Article 12(3) of the UK GDPR",
        duty="without undue delay and in any event within one month of receipt of the request",
        commissioner="the Information Commissioner",
        commissioner_short="ICO",
        review_name="a review of how you have handled my request",
        review_title="Complaint about the handling of my subject access request",
        review_law="Please deal with this under your complaints procedure and tell me when I will have a reply.",
        complaint_law="Article 77 of the UK GDPR",
        escalation=(
            "complain to the Information Commissioner under Article 77 of the UK GDPR about your "
            "failure to respond"
        ),
        very_overdue="Even the longest extension Article 12(3) allows, two further months, has now run out.",
        complaints=ICO_SAR,
    ),
}
