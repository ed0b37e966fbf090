"""The numbers and citations of UK information law that foitrack's deadlines rest on.

Each comes from ../shared/docs/uk-deadline-rules.md (rule numbers in the comments there); the
README's "How deadlines are worked out" explains them for users.
"""

from __future__ import annotations

import datetime as dt

STATUTORY_DAYS = {"foia": 20, "eir": 20, "foisa": 20, "eisr": 20}
VERY_OVERDUE_DAYS = 40
EIR_MAX_DAYS = 40  # EIR and EISR reg 7(1)
SAR_MAX_MONTHS = 3  # art. 12(3): two further months, three in all
REVIEW_DAYS = {"foia": 20, "eir": 40, "foisa": 20, "eisr": 20, "sar": 20}
REVIEW_COMPLAINT_DAYS = 40  # ICO accepts a complaint after 40 working days without a review result
REVIEW_REQUEST_WINDOW_DAYS = 40  # FOIA (ICO), EIR reg 11(2), FOISA s.20(5): 40 working days
COMPLAINT_WINDOW = dt.timedelta(weeks=6)  # ICO: within six weeks of the final response (rule 5.4)
SCOTTISH_COMPLAINT_MONTHS = 6  # FOISA s.47(4): six months after the review result
FEE_LAPSE_MONTHS = 3  # FOIA s.9(2), FOISA s.9(4)
EIR_REGIMES = ("eir", "eisr")
SCOTTISH = ("foisa", "eisr")
# Regimes whose s.10 limit the Time for Compliance Regulations (or FOISA s.10(4)) can change.
AUTHORITY_DAYS_REGIMES = ("foia", "foisa")

LAW = {
    "foia": "FOIA s.10(1)",
    "eir": "EIR reg 5(2)",
    "foisa": "FOISA s.10(1)",
    "eisr": "EISR reg 5(2)",
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
FEE_LAW = {"foia": "FOIA s.10(2)", "eir": "EIR reg 8", "foisa": "FOISA s.10(2)", "eisr": "EISR reg 8"}
REVIEW_LAW = {
    "foia": "s.45 Code of Practice",
    "eir": "EIR reg 11(4)",
    "foisa": "FOISA s.21(1)",
    "eisr": "EISR reg 16(4)",
    "sar": "no statutory review; foitrack allows 20 working days",
}
