"""What each exemption is called: the headings the statutes give their exemptions and exceptions.

Reports for readers name a ground, not just its number: "s43 Commercial interests", "FOISA s35
Law enforcement", "reg12(5)(e) Commercial confidentiality". A reference is looked up by the key
reports count by (`foitrack.store.model.exemption_key`: the law is part of the key, so FOISA's
s35, law enforcement, is never taken for FOIA's s35, government policy).

Each entry gives the heading the legislation gives the provision (`heading`) and the few words
a chart or a table cell has room for (`short`). Sources, as published on legislation.gov.uk:

- FOIA: the Freedom of Information Act 2000, Part II "Exempt information", ss. 21-44 (s.25 is
  "Certificates under ss. 23 and 24: supplementary provisions", not an exemption), and the two
  refusals of Part I that reports meet as often as any exemption: s.12 (cost of compliance) and
  s.14 (vexatious or repeated requests).
- FOISA: the Freedom of Information (Scotland) Act 2002, Part 2 "Exempt information", ss. 25-41,
  and Part 1's s.12 (excessive cost of compliance) and s.14 (vexatious or repeated requests).
- EIR: the Environmental Information Regulations 2004, reg. 12 "Exceptions to the duty to
  disclose environmental information" (paragraphs (4)(a)-(e) and (5)(a)-(g); the provisions have
  no headings of their own, so `heading` quotes the paragraph) and reg. 13 "Personal data".
- EISR: the Environmental Information (Scotland) Regulations 2004, reg. 10 "Exceptions from duty
  to make environmental information available", paragraphs (4)(a)-(e) and (5)(a)-(g), in the
  EIR's words, and reg. 11 "Personal data".

A reference the table does not know (a DPA exemption, a section outside Part II) keeps its
number alone: `exemption_title` returns None and `exemption_name` the key.
"""

from __future__ import annotations

from dataclasses import dataclass

from foitrack.store.exemptions import exemption_key, exemption_label


@dataclass(frozen=True)
class Title:
    short: str  # a few words, for charts and table cells
    heading: str  # the legislation's heading (or, for a regulation's paragraph, its words)


def _t(short: str, heading: str | None = None) -> Title:
    return Title(short, heading or short)


# FOIA 2000: Part I ss.12 and 14, Part II ss.21-44. Keys as reports count them (s43, never s43(2)).
FOIA = {
    "s12": _t("Cost limit", "Exemption where cost of compliance exceeds appropriate limit"),
    "s14": _t("Vexatious or repeated requests"),
    "s21": _t("Accessible by other means", "Information accessible to applicant by other means"),
    "s22": _t("Future publication", "Information intended for future publication"),
    "s22a": _t("Research"),
    "s23": _t("Security bodies", "Information supplied by, or relating to, bodies dealing with security matters"),
    "s24": _t("National security"),
    "s26": _t("Defence"),
    "s27": _t("International relations"),
    "s28": _t("Relations within the UK", "Relations within the United Kingdom"),
    "s29": _t("The economy"),
    "s30": _t("Investigations and proceedings", "Investigations and proceedings conducted by public authorities"),
    "s31": _t("Law enforcement"),
    "s32": _t("Court records", "Court records, etc."),
    "s33": _t("Audit functions"),
    "s34": _t("Parliamentary privilege"),
    "s35": _t("Government policy", "Formulation of government policy, etc."),
    "s36": _t("Conduct of public affairs", "Prejudice to effective conduct of public affairs"),
    "s37": _t("Royal communications and honours", "Communications with Her Majesty, etc. and honours"),
    "s38": _t("Health and safety"),
    "s39": _t("Environmental information"),
    "s40": _t("Personal information"),
    "s41": _t("Provided in confidence", "Information provided in confidence"),
    "s42": _t("Legal professional privilege"),
    "s43": _t("Commercial interests"),
    "s44": _t("Prohibitions on disclosure"),
}

# FOISA 2002: Part 1 ss.12 and 14, Part 2 ss.25-41.
FOISA = {
    "s12": _t("Excessive cost", "Excessive cost of compliance"),
    "s14": _t("Vexatious or repeated requests"),
    "s25": _t("Otherwise accessible", "Information otherwise accessible"),
    "s26": _t("Prohibitions on disclosure"),
    "s27": _t("Future publication", "Information intended for future publication"),
    "s28": _t("Relations within the UK", "Relations within the United Kingdom"),
    "s29": _t("Scottish Administration policy", "Formulation of Scottish Administration policy etc."),
    "s30": _t("Conduct of public affairs", "Prejudice to effective conduct of public affairs"),
    "s31": _t("National security and defence"),
    "s32": _t("International relations"),
    "s33": _t("Commercial interests and the economy"),
    "s34": _t(
        "Investigations",
        "Investigations by Scottish public authorities and proceedings arising out of such investigations",
    ),
    "s35": _t("Law enforcement"),
    "s36": _t("Confidentiality"),
    "s37": _t("Court records", "Court records, etc."),
    "s38": _t("Personal information"),
    "s39": _t("Health, safety and the environment"),
    "s40": _t("Audit functions"),
    "s41": _t("Royal communications and honours", "Communications with Her Majesty etc. and honours"),
}

# The EIR's reg 12(4) and 12(5) and the EISR's reg 10(4) and 10(5) are word for word the same
# list (Directive 2003/4/EC art. 4); only the regulation's number differs.
_ENVIRONMENTAL = {
    "(4)(a)": _t("Not held", "it does not hold that information when an applicant's request is received"),
    "(4)(b)": _t("Manifestly unreasonable", "the request for information is manifestly unreasonable"),
    "(4)(c)": _t("Too general", "the request for information is formulated in too general a manner"),
    "(4)(d)": _t(
        "Unfinished material",
        "the request relates to material which is still in the course of completion, to unfinished "
        "documents or to incomplete data",
    ),
    "(4)(e)": _t("Internal communications", "the request involves the disclosure of internal communications"),
    "(5)(a)": _t(
        "International relations, defence, security",
        "international relations, defence, national security or public safety",
    ),
    "(5)(b)": _t(
        "Course of justice",
        "the course of justice, the ability of a person to receive a fair trial or the ability of a "
        "public authority to conduct an inquiry of a criminal or disciplinary nature",
    ),
    "(5)(c)": _t("Intellectual property", "intellectual property rights"),
    "(5)(d)": _t(
        "Confidential proceedings",
        "the confidentiality of the proceedings of that or any other public authority where such "
        "confidentiality is provided by law",
    ),
    "(5)(e)": _t(
        "Commercial confidentiality",
        "the confidentiality of commercial or industrial information where such confidentiality is "
        "provided by law to protect a legitimate economic interest",
    ),
    "(5)(f)": _t(
        "Interests of the supplier",
        "the interests of the person who provided the information",
    ),
    "(5)(g)": _t("Protection of the environment", "the protection of the environment to which the information relates"),
}
EIR = {f"reg12{paragraph}": title for paragraph, title in _ENVIRONMENTAL.items()}
EIR["reg12(3)"] = _t("Personal data", "personal data, disclosed only in accordance with regulation 13")
EIR["reg13"] = _t("Personal data")
EISR = {f"reg10{paragraph}": title for paragraph, title in _ENVIRONMENTAL.items()}
EISR["reg10(3)"] = _t("Personal data", "personal data, made available only in accordance with regulation 11")
EISR["reg11"] = _t("Personal data")

TITLES: dict[str, Title] = {
    **FOIA,
    **EIR,
    **{f"FOISA {key}": title for key, title in FOISA.items()},
    **{f"EISR {key}": title for key, title in EISR.items()},
}


def exemption_title(key: str) -> Title | None:
    """The title of a report key ('s43', 'FOISA s35', 'reg12(5)(e)', 'EISR reg10(4)(a)').

    A reference finer than the table ('reg12(5)(e)(i)', 'reg13(1)') takes the title of the
    provision it is part of."""
    law, _, reference = key.rpartition(" ")
    prefix = f"{law} " if law else ""
    while reference:
        found = TITLES.get(prefix + reference)
        if found is not None:
            return found
        if not reference.endswith(")"):
            return None
        reference = reference[: reference.rindex("(")]
    return None


def exemption_name(key: str) -> str:
    """'s43 Commercial interests', 'FOISA s35 Law enforcement'; the key alone when unknown."""
    title = exemption_title(key)
    return f"{key} {title.short}" if title else key


def cited_name(normalised: str, regime: str | None) -> str:
    """An exemption as one request cites it, named: 's43(2)' on a FOIA request is
    's43(2) Commercial interests'; on a FOISA request 's35(1)(a)' is 'FOISA s35(1)(a) Law
    enforcement'."""
    title = exemption_title(exemption_key(normalised, regime))
    label = exemption_label(normalised, regime)
    return f"{label} {title.short}" if title else label
