"""The request file's vocabulary: regimes, events, outcomes, statuses.

Plain constants, and the small functions that read the words people use for outcomes, with no
imports: the command line builds its help and checks options from here without loading pydantic
(`foitrack.store.model` re-exports the constants).
"""

from __future__ import annotations

REGIMES: dict[str, str] = {
    "foia": "Freedom of Information Act 2000",
    "eir": "Environmental Information Regulations 2004",
    "foisa": "Freedom of Information (Scotland) Act 2002",
    "eisr": "Environmental Information (Scotland) Regulations 2004",
    "sar": "UK GDPR subject access request (art. 15, time limit art. 12(3))",
}
SCOTTISH_REGIMES = frozenset({"foisa", "eisr"})

OUTCOMES = ("granted", "partial", "refused", "not-held", "neither-confirm-nor-deny")
# An internal review of a response ends by confirming it, or by replacing all or part of it
# (FOISA s.21(4)(a)-(b)).
REVIEW_OUTCOMES = ("upheld", "overturned", "partly-overturned")
# A review of a failure to respond (asked for before any response) has nothing to uphold or
# overturn: the authority reaches a decision at review (FOISA s.21(4)(c)), i.e. it answers the
# request (`responded`, or the response's own outcome, which the report then counts), or it still
# does not (`no-response`).
ANSWERED_AT_REVIEW = ("responded", *OUTCOMES)
FAILURE_REVIEW_OUTCOMES = (*ANSWERED_AT_REVIEW, "no-response")
DECISION_OUTCOMES = ("upheld", "partly-upheld", "not-upheld", "resolved-informally", "withdrawn")

# The words people use for each outcome, in spreadsheets and on the command line: one table, read
# by `read_outcome` for `respond --outcome`, `record ... --outcome` and `import`'s outcome column
# alike. Each outcome's own name is read too, with spaces for hyphens ("not held").
OUTCOME_SYNONYMS: dict[str, tuple[str, ...]] = {
    "granted": (
        "full", "in full", "granted in full", "fully granted", "full disclosure", "disclosed in full",
        "released in full", "successful", "success", "released", "disclosed", "provided",
        "information provided", "information released",
    ),
    "partial": (
        "part", "partly", "partially", "part granted", "partly granted", "partially granted",
        "granted in part", "partial disclosure", "partly successful", "partially successful",
        "part disclosed", "partly disclosed", "partially disclosed", "partially released",
        "part refused", "partly refused", "partially refused", "refused in part", "withheld in part",
    ),
    "refused": (
        "refused in full", "fully refused", "withheld in full", "refusal", "rejected", "withheld",
        "denied", "declined", "exempt",
    ),
    "not-held": ("not held", "information not held", "nothing held", "no information held"),
    "neither-confirm-nor-deny": ("ncnd", "neither confirm nor deny", "neither confirmed nor denied"),
}
# An internal review's outcome, in the same way (a review of a failure to respond ends with the
# response's outcome, read by the table above, or "no-response").
REVIEW_OUTCOME_SYNONYMS: dict[str, tuple[str, ...]] = {
    "upheld": ("original decision upheld", "decision upheld", "maintained", "confirmed"),
    "overturned": ("overturned in full", "fully overturned", "reversed"),
    "partly-overturned": (
        "partly overturned", "partially overturned", "part overturned", "overturned in part",
    ),
    "no-response": ("no response", "still no response", "not answered"),
}


def _words(text: str) -> str:
    """'Refused (s.43)' -> 'refused s 43'; 'not-held' -> 'not held': what outcome words match on."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text.casefold()).split())


def _outcome_table(kind: str) -> dict[str, str]:
    """Words (as `_words` gives them) -> outcome, for an event of `kind`."""
    tables: list[dict[str, tuple[str, ...]]]
    if kind == "responded":
        tables = [OUTCOME_SYNONYMS]
    elif kind == "review-responded":
        tables = [REVIEW_OUTCOME_SYNONYMS, OUTCOME_SYNONYMS, {"responded": ()}]
    elif kind == "decision":
        tables = [{outcome: () for outcome in DECISION_OUTCOMES}]
    else:
        return {}
    found: dict[str, str] = {}
    for table in tables:
        for outcome, words in table.items():
            for word in (outcome, *words):
                found.setdefault(_words(word), outcome)
    return found


def read_outcome(text: str, kind: str = "responded") -> str | None:
    """The outcome that words name, for an event of `kind` (responded, review-responded,
    decision): 'Partially successful' -> 'partial', 'NCND' -> 'neither-confirm-nor-deny',
    'not held' -> 'not-held'. Text that starts with an outcome's words and goes on ('Refused
    (s43)', 'granted in full') is read by the longest words it starts with, so 'refused in part'
    is partial, not refused. None when the text names no outcome."""
    table = _outcome_table(kind)
    words = _words(text)
    if words in table:
        return table[words]
    for phrase in sorted(table, key=len, reverse=True):
        if words.startswith(phrase + " "):
            return table[phrase]
    return None


def outcome_words_help() -> str:
    """The outcomes and the words read as each, for --help."""
    return "; ".join(
        f"{outcome}: {', '.join(words)}" for outcome, words in OUTCOME_SYNONYMS.items()
    )
VIA = ("email", "post", "web", "whatdotheyknow")
# A message the server took and then hung up on before saying so: it may have arrived or not.
DELIVERY = ("uncertain",)

EVENT_TYPES = (
    "acknowledged",
    "clarification-requested",
    "clarified",
    "fee-notice",
    "fee-paid",
    "extended",
    "chased",
    "responded",
    "review-requested",
    "review-responded",
    "complained",
    "decision",
    "withdrawn",
    "note",
)

# Which options each event takes on the command line (and in a file), beyond type and date.
EVENT_OPTIONS: dict[str, frozenset[str]] = {
    "acknowledged": frozenset({"ref", "note"}),
    "clarification-requested": frozenset({"note"}),
    "clarified": frozenset({"note"}),
    "fee-notice": frozenset({"amount", "note"}),
    "fee-paid": frozenset({"amount", "note"}),
    "extended": frozenset({"until", "days", "reason", "note"}),
    "chased": frozenset({"to", "stage", "note"}),
    "responded": frozenset({"outcome", "exemptions", "ref", "note"}),
    "review-requested": frozenset({"to", "note"}),
    "review-responded": frozenset({"outcome", "exemptions", "note"}),
    "complained": frozenset({"ref", "to", "note"}),
    "decision": frozenset({"ref", "outcome", "note"}),
    "withdrawn": frozenset({"reason", "note"}),
    "note": frozenset({"text"}),
}
# Options every event takes: the email it came in or went out as, and the files kept with it.
MAIL_EVENT_OPTIONS = frozenset({"message_id", "documents", "delivery"})

STATUSES = (
    "draft",
    "awaiting-response",
    "overdue",
    "very-overdue",
    "clarification-requested",
    "fee-requested",
    # The fee was not paid within the time the law allows (FOIA s.9(2) and FOISA s.9(4): three
    # months beginning with the day of the notice; EIR reg 8(5) and EISR reg 8: 60 working days),
    # or was paid only after that: the authority no longer has to answer, and no deadline runs.
    "fee-lapsed",
    "answered",
    "review-requested",
    "review-overdue",
    "complained",
    "withdrawn",
)

# `list --status` takes each status above, and these words, which name the report's counts: each
# selects exactly the requests the report counts under that heading, by the same test
# (`foitrack.law.evaluation.has_status`). Where a word is also a status, the report's meaning wins.
STATUS_GROUPS: dict[str, str] = {
    "answered": "a response has been recorded, including requests now under review or complaint",
    "on-time": "answered, the first response within the deadline",
    "late": "answered, the first response after the deadline",
    "overdue": (
        "never answered and past the response deadline: overdue and very-overdue, and requests "
        "never answered whose review or complaint is under way"
    ),
    "open": "no response yet and not withdrawn (overdue ones among them)",
    "withdrawn": "withdrawn before any response",
}
STATUS_FILTERS = STATUSES + tuple(word for word in STATUS_GROUPS if word not in STATUSES)

# The kinds of authority the directory (foitrack.directory) files bodies under, and what a reader
# calls them (a heading in a report grouped by kind: "Police forces"). A tracker's own authority
# may be any of these (`kind = "police"` in foitrack.toml); "other" is every body not filed under one.
KINDS: dict[str, str] = {
    "police": "Police forces",
    "council": "Councils",
    "combined-authority": "Combined authorities",
    "regional-authority": "Regional authorities",
    "department": "Government departments and agencies",
    "devolved-government": "Devolved governments",
    "parliament": "Parliaments and assemblies",
    "regulator": "Regulators",
    "nhs": "NHS bodies",
    "transport": "Transport bodies",
    "public-body": "Other public bodies",
    "other": "Other authorities",
}
# Where an authority works: one of the four nations, or "UK" for a body that works across them
# (a UK government department, the British Transport Police).
NATIONS: dict[str, str] = {
    "England": "England",
    "Scotland": "Scotland",
    "Wales": "Wales",
    "Northern Ireland": "Northern Ireland",
    "UK": "UK-wide",
}
