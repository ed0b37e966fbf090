"""Which sentences of an authority's reply say something about this request: a reply split into
sentences (headings, list items and the request restated kept apart), and of them the operative
ones, what the authority says it has decided, not what it reports the requester asked, what
might happen, or the notices every reply carries. Pure; `meaning` reads what is left.
"""

from __future__ import annotations

import re
from typing import Iterable

_LIST_ITEM = re.compile(r"^(?:[-*\u2022\u2013]\s+|\d{1,2}[.)]\s+|\(?[a-z]\)\s+|Q\d{1,2}\b)")


def _heading(line: str, following: str) -> bool:
    """A line that stands alone above the next ('Information withheld', 'DECISION'): short,
    unpunctuated, and the next line starts a sentence or a list."""
    return (
        len(line) <= 60
        and not re.search(r"[.,;:!?]$|\b(?:and|or|of|the|a|an|under|to|at|in|on|by|for|with|section|regulation|s\.?)$", line, re.I)
        and bool(re.match(r"[A-Z\u00c0-\u00de\"'\d(*\u2022-]", following))
    )


def _pieces(text: str) -> list[tuple[str, bool]]:
    """The text's sentences, each with whether it is a heading: paragraphs, list items and
    headings apart, lines within them joined (a citation broken over two lines, 'section\n43(2)',
    is one)."""
    out: list[tuple[str, bool]] = []
    for paragraph in re.split(r"\n[ \t]*\n", text):
        lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
        pieces: list[list[str]] = []
        headings: set[int] = set()
        for number, line in enumerate(lines):
            heading_before = number > 0 and len(pieces[-1]) == 1 and _heading(lines[number - 1], line)
            if heading_before:
                headings.add(len(pieces) - 1)
            if not pieces or _LIST_ITEM.match(line) or heading_before:
                pieces.append([line])
            else:
                pieces[-1].append(line)
        if len(lines) == 1 and len(lines[0]) <= 60 and not re.search(r"[.,;:!?]$", lines[0]):
            headings.add(0)  # a paragraph of one short line: a heading above the next paragraph
        for index, piece in enumerate(pieces):
            flat = " ".join(piece)
            if index in headings:
                out.append((flat, True))
                continue
            out += [(s.strip(), False) for s in re.split(r"(?<=[.!?])\s+(?=[A-Z(\"'\u2018\u201c\d])", flat) if s.strip()]
    return out


def split_sentences(text: str) -> list[str]:
    return [sentence for sentence, _ in _pieces(text)]


# A heading above the request as the authority restates it ("Request", "Your request"): what
# follows, up to the next heading ("Response", "Answer"), is the requester's words.
_REQUEST_HEADING = re.compile(
    r"^(?:your |the )?(?:original )?(?:request(?:s| details)?|information requested|questions?|what you asked(?: for)?|"
    r"you asked(?: for)?|details of (?:your )?request|cais)\s*:?$",
    re.I,
)


def statements(text: str, questions: bool = False) -> list[str]:
    """The authority's own statements in the text (see `_operative`), without the request it
    restates under a 'Request' heading."""
    out: list[str] = []
    restating = False
    for sentence, heading in _pieces(text):
        if heading:
            restating = bool(_REQUEST_HEADING.match(sentence))
            if restating:
                continue
        if not restating and _operative(sentence, questions):
            out.append(sentence)
    return out


# Sentences every reply may carry that say nothing about this one: the right to ask for a review
# or to complain, an offer to answer questions, re-use and copyright.
_BOILERPLATE = re.compile(
    r"(if you (?:have any (?:queries|questions|further questions)|require (?:any )?(?:further )?"
    r"(?:clarification|information|assistance)|need (?:any )?(?:further )?clarification|are (?:unhappy|dissatisfied|not satisfied|not content))"
    r"|you (?:have the right|are entitled|can|may) (?:to )?(?:ask|request|apply) (?:for )?(?:an? )?(?:internal )?review"
    r"|(?:right|entitled) to (?:complain|apply) to the (?:scottish )?information commissioner"
    r"|please (?:quote|use) (?:the |this |our )?reference"
    r"|copyright|re-use|reuse of (?:the )?information|open government licen[cs]e)",
    re.I,
)


# What the requester asked or argued, as the authority reports it; questions; what might happen.
_REPORTED = re.compile(
    r"^(?:you (?:also |have |had )?(?:asked|requested|said|wrote|argued|stated|suggested|contended|believe|consider|told us|sent)\b"
    r"|in your (?:request|e-?mail|letter|complaint|review request)\b"
    r"|(?:your|the) (?:original )?request (?:asked|was) for\b"
    r"|(?:your |original )?request\s*:)",
    re.I,
)


_CONDITIONAL = re.compile(r"^(?:if|should|where|unless|in the event|were we|had we)\b", re.I)


def _operative(sentence: str, questions: bool = False) -> bool:
    """Whether the sentence is the authority's own statement (with `questions`, or its own
    question or request: what a request for clarification is made of)."""
    from foitrack.mail.reading import DISCLAIMER

    if _BOILERPLATE.search(sentence) or DISCLAIMER.search(sentence) or _REPORTED.match(sentence):
        return False
    return questions or not (_CONDITIONAL.match(sentence) or sentence.rstrip().endswith("?"))


def substance_of(text: str, questions: bool = False) -> str:
    """The operative sentences of the text, one string."""
    return " ".join(statements(text, questions))


def find_phrase(patterns: Iterable[str], text: str) -> str | None:
    """The first phrase that matches, as found (for the why)."""
    for pattern in patterns:
        match = re.search(pattern, text, re.I)
        if match:
            return match.group(0)
    return None


_PENDING = re.compile(r"\b(?:once|when|until|after|if|upon|as soon as|before)\s+(?:\w+\s+){0,2}$", re.I)


def find_done(patterns: Iterable[str], text: str) -> str | None:
    """The first phrase that matches and says something happened, not that it will once
    something else has ('once we have received your payment we will ...')."""
    for pattern in patterns:
        for match in re.finditer(pattern, text, re.I):
            if not _PENDING.search(text[max(0, match.start() - 40) : match.start()]):
                return match.group(0)
    return None

