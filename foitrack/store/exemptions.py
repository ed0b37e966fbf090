"""Exemption references as request files hold them, and the law each belongs to.

FOIA and FOISA cite sections ("s43(2)"); the EIRs cite regulations ("reg12(5)(e)"). Plain
functions of text, with no schema behind them, so that listings can label and count exemptions
without loading the request model (`foitrack.store.model` re-exports them).
"""

from __future__ import annotations

import re

from foitrack.vocab import SCOTTISH_REGIMES

# ---------------------------------------------------------------------------------------------
# Exemptions. FOIA and FOISA cite sections ("s43(2)"); the EIRs cite regulations ("reg12(5)(e)").
# A file stores the reference alone; its law follows from the request's regime (a section on a
# FOISA request is FOISA's). Wherever foitrack shows or counts one, it names the law, so that a
# FOISA section never shares a key with a FOIA one: FOIA's and the EIR's, the laws most requests
# are under, are written bare ("s35", "reg12(5)(e)"); the others carry their law's name
# ("FOISA s35", "EISR reg10(5)(b)", and "DPA s45" for a subject access request's).

_SECTION = re.compile(
    r"^(?:s|sec|sect|section)?\s*\.?\s*(\d{1,2}[a-z]?)\s*((?:\(\s*[0-9a-z]{1,4}\s*\))*)$", re.I
)
_REGULATION = re.compile(
    r"^(?:r|reg|regs|regulation)\s*\.?\s*(\d{1,2})\s*((?:\(\s*[0-9a-z]{1,4}\s*\))*)$", re.I
)
# The EIR's exceptions are regs 12 and 13; the EISR's, regs 10 and 11.
_BARE_REGULATION = re.compile(r"^(1[0-3])\s*((?:\(\s*[0-9a-z]{1,4}\s*\))+)$", re.I)
_LAW_PREFIX = re.compile(r"^(foisa|foia|eisrs?|eirs?|dpa(?:\s*2018)?)\b\s*", re.I)
# The laws exemptions belong to, in the order reports list them; the regime each is cited under.
EXEMPTION_LAWS = {"FOIA": "foia", "EIR": "eir", "FOISA": "foisa", "EISR": "eisr", "DPA": "sar"}
_BARE_LAWS = ("FOIA", "EIR")


class ExemptionError(ValueError):
    pass


def _brackets(parts: str) -> str:
    return "".join(f"({p.strip().lower()})" for p in re.findall(r"\(([^)]*)\)", parts))


def exemption_law(normalised: str, regime: str | None) -> str:
    """The law a normalised exemption cited on a request under `regime` belongs to."""
    regulation = normalised.startswith("reg")
    if regime in SCOTTISH_REGIMES:
        return "EISR" if regulation else "FOISA"
    if regime == "sar" and not regulation:
        return "DPA"  # a subject access request's exemptions are the Data Protection Act 2018's
    return "EIR" if regulation else "FOIA"


def exemption_label(normalised: str, regime: str | None) -> str:
    """How foitrack shows an exemption: 's35(1)(a)' under FOIA, 'FOISA s35(1)(a)' under FOISA."""
    law = exemption_law(normalised, regime)
    return normalised if law in _BARE_LAWS else f"{law} {normalised}"


def exemption_key(normalised: str, regime: str | None) -> str:
    """What reports count by: the section with its law ('FOISA s35' for FOISA s35(1)(a))."""
    return exemption_label(exemption_section(normalised), regime)


def exemption_sort_key(key: str) -> tuple:
    """s12 < s40 < reg12(4)(b) < FOISA s30 < EISR reg10(5)(b) < DPA s45: by law, then number."""
    law, _, reference = key.rpartition(" ")
    law = law or ("EIR" if reference.startswith("reg") else "FOIA")
    order = list(EXEMPTION_LAWS).index(law) if law in EXEMPTION_LAWS else len(EXEMPTION_LAWS)
    number = re.search(r"\d+", reference)
    return (order, int(number.group(0)) if number else 0, reference)


def normalise_exemption(text: str, regime: str | None = None) -> str:
    """'43', 's.43(2)', 'section 43(2)' -> 's43(2)'; 'regulation 12(5)(e)' -> 'reg12(5)(e)'.

    Under the EIRs a bare '12(5)(e)' is read as a regulation, since the EIRs have no sections.
    A reference may name its law, as foitrack shows it ('FOISA s35(1)(a)', 'EISR 10(5)(b)'): the
    law is checked against the request's regime, when it is given, and the reference stored alone.
    """
    value = " ".join(str(text).strip().split())
    if not value:
        raise ExemptionError("an exemption cannot be empty")
    prefix = _LAW_PREFIX.match(value)
    if prefix is None:
        return _normalise_reference(text, value, regime)
    law = re.sub(r"\s*2018$|S$", "", prefix.group(1).upper())
    reference = _normalise_reference(text, value[prefix.end():], EXEMPTION_LAWS[law])
    if exemption_law(reference, EXEMPTION_LAWS[law]) != law:
        kind = "regulations" if law in ("EIR", "EISR") else "sections"
        raise ExemptionError(f"{text!r} is not an exemption: {law} exemptions are {kind}")
    if regime is not None and exemption_law(reference, regime) != law:
        raise ExemptionError(
            f"{text!r} names {law}, but this request is under {regime.upper()}: if that is the law "
            f"the authority answered under, set the request's regime to {EXEMPTION_LAWS[law]}; "
            f"otherwise write the reference without {law}"
        )
    return reference


def _normalise_reference(text: str, value: str, regime: str | None) -> str:
    regulation = _REGULATION.match(value)
    if regulation:
        return f"reg{int(regulation.group(1))}{_brackets(regulation.group(2))}"
    if regime in {"eir", "eisr"}:
        bare = _BARE_REGULATION.match(value)
        if bare:
            return f"reg{int(bare.group(1))}{_brackets(bare.group(2))}"
    section = _SECTION.match(value)
    if section:
        number = section.group(1).lower()
        digits = int(re.match(r"\d+", number).group(0))
        if 1 <= digits <= 99:
            return f"s{number.lstrip('0')}{_brackets(section.group(2))}"
    raise ExemptionError(
        f"{text!r} is not an exemption: write a section like s43(2) or 'section 40', "
        "or an EIR exception like reg12(5)(e)"
    )


def exemption_section(normalised: str) -> str:
    """The part reports group by: 's43(2)' -> 's43'; 'reg12(5)(e)' -> 'reg12(5)(e)'.

    FOIA subsections are counted together (s43 and s43(2) are the same ground); EIR exceptions
    are distinct at the paragraph level (reg12(5)(e) commercial confidentiality is not
    reg12(4)(b) manifestly unreasonable), so they keep their full reference.
    """
    if normalised.startswith("s"):
        return re.match(r"s\d+[a-z]?", normalised).group(0)
    return normalised
