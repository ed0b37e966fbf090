"""The words readers see: outcomes, statuses, kinds of authority and nations as an article would
write them, never foitrack's own labels ("Not held", not `not-held`).

Everything meant for readers (the HTML report, the Markdown tables, the report's CSV headers)
takes its words from here; JSON keeps the stable keys for scripts. Exemptions are named by
`foitrack.law.exemptions` ("s43 Commercial interests"), which knows the statutes.
"""

from __future__ import annotations

from foitrack.law.exemptions import exemption_name
from foitrack.vocab import KINDS, NATIONS, OUTCOMES

OUTCOME_WORDS: dict[str, str] = {
    "granted": "Granted",
    "partial": "Partly granted",
    "refused": "Refused",
    "not-held": "Not held",
    "neither-confirm-nor-deny": "Neither confirm nor deny",
}
assert tuple(OUTCOME_WORDS) == OUTCOMES

STATUS_WORDS: dict[str, str] = {
    "awaiting-response": "Awaiting a response",
    "overdue": "Overdue",
    "very-overdue": "Very overdue",
    "clarification-requested": "Asked to clarify",
    "fee-requested": "Fee asked for",
    "answered": "Answered",
    "review-requested": "Internal review asked for",
    "review-overdue": "Internal review overdue",
    "complained": "Complaint to the commissioner",
    "withdrawn": "Withdrawn",
}

# One authority's kind, where KINDS names a group of them ("Police force", not "Police forces").
KIND_ONE: dict[str, str] = {
    "police": "Police force",
    "council": "Council",
    "combined-authority": "Combined authority",
    "regional-authority": "Regional authority",
    "department": "Government department or agency",
    "devolved-government": "Devolved government",
    "parliament": "Parliament or assembly",
    "regulator": "Regulator",
    "nhs": "NHS body",
    "transport": "Transport body",
    "public-body": "Other public body",
    "other": "Other authority",
}
assert set(KIND_ONE) == set(KINDS)

UNKNOWN_NATION = "Nation not known"

# What a report grouped `--by` a column calls that column.
GROUP_HEADINGS = {"authority": "Authority", "kind": "Kind of authority", "nation": "Nation"}


def outcome_word(outcome: str | None) -> str:
    return OUTCOME_WORDS.get(outcome, outcome or "") if outcome else ""


def status_word(status: str | None) -> str:
    return STATUS_WORDS.get(status, (status or "").replace("-", " ").capitalize())


def kind_word(kind: str | None, one: bool = False) -> str:
    """'Police forces', 'Councils' ('Police force', 'Council' for one authority's); 'Other
    authorities' for a body of no known kind."""
    return (KIND_ONE if one else KINDS).get(kind or "other", kind or "")


def nation_word(nation: str | None) -> str:
    """'Scotland', 'UK-wide'; 'Nation not known' for a body the directory does not place."""
    return NATIONS.get(nation, nation) if nation else UNKNOWN_NATION


def outcomes_sentence(counts: dict[str, int]) -> str:
    """'1 granted, 3 partly granted, 1 not held' (outcomes in the contract's order, none at 0)."""
    return ", ".join(f"{n} {OUTCOME_WORDS[o].lower()}" for o, n in counts.items() if n)


def exemptions_sentence(counts: dict[str, int]) -> str:
    """'s40 Personal information ×1, s43 Commercial interests ×2'."""
    return ", ".join(f"{exemption_name(key)} ×{n}" for key, n in counts.items())
