"""The details a reply gives, each with where it was found: the exemptions applied (not those
said not to apply, and each ground once), the dates it names (English and Welsh month names,
with or without a year), the authority's reference and an amount of money. Pure.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from foitrack.mail.sentences import split_sentences, statements

# Sections that are grounds for refusal, by law: the exemptions (FOIA Part II, ss.21-44; FOISA
# Part 2, ss.25-41), and the cost limit (s.12) and vexatious requests (s.14), which reports
# count alongside them. Other sections an authority cites (s.1 the duty, s.10 the time, s.16
# advice, s.17 refusal notices, s.45 the Code, s.50 complaints; FOISA s.16 refusal notices,
# ss.20-21 reviews) are not.
_SECTIONS = {
    "foia": {12, 14, *range(21, 45)},
    "foisa": {12, 14, *range(25, 42)},
    "sar": set(),
}


# Exceptions in regulations: EIR reg 12(4), 12(5) and 13; EISR reg 10(4), 10(5) and 11.
_REGULATIONS = {"eir": {12, 13}, "eisr": {10, 11}}


_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1
)}


# Welsh month names, for bilingual letters ("7 Mehefin 2023").
_WELSH_MONTHS = {
    "ionawr": 1, "chwefror": 2, "mawrth": 3, "ebrill": 4, "mai": 5, "mehefin": 6, "gorffennaf": 7,
    "awst": 8, "medi": 9, "hydref": 10, "tachwedd": 11, "rhagfyr": 12,
}


_MONTH_RE = "|".join(list(_MONTHS) + list(_WELSH_MONTHS) + ["sept"] + [m[:3] for m in _MONTHS])


_WEEKDAY_RE = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"


@dataclass
class Source:
    """A piece of text to read, and how to say where a finding was: 'the email', 'page 2 of
    response.pdf'."""

    text: str
    where: str


# A sentence that says an exemption does not apply, or was only thought about.
_NOT_APPLIED = re.compile(
    r"(?:does|do|did|would|will|shall) not (?:apply|engage)"
    r"|(?:is|are|was|were) not (?:engaged|applicable|relevant|being (?:applied|relied))"
    r"|not (?:relied|rely|relying|applied|applying)"
    r"|no exemptions?"
    r"|(?:do|does|did) not (?:consider|believe|think) (?:that )?(?:it|this|they|these|the exemptions?|section \S+|s\.?\s?\d\S*) (?:is|are|was|were|to be) (?:engaged|applicable|relevant)"
    r"|no longer (?:rel|appl)"
    r"|(?:has|have) not been applied",
    re.I,
)


def find_exemptions(sources: list[Source], regime: str) -> tuple[list[str], list[str]]:
    """The exemptions applied (normalised, in the order first cited), and where each was seen:
    from operative sentences only, and never one a sentence says does not apply. A ground cited
    both ways ('section 31(1)(a)', later 'the exemption at section 31') is given once, as the
    more exact."""
    from foitrack.store.model import ExemptionError, normalise_exemption

    found: list[str] = []
    why: list[str] = []
    sections = _SECTIONS.get(regime, _SECTIONS["foia"])
    regulations = _REGULATIONS.get(regime, _REGULATIONS["eir"] if regime == "foia" else set())
    for source in sources:
        for sentence in statements(source.text):
            if _NOT_APPLIED.search(sentence):
                continue
            for cited, number, kind in _citations(sentence):
                if kind == "s" and number not in sections:
                    continue
                if kind == "reg" and (number not in regulations or (number in (10, 12) and "(" not in cited)):
                    continue
                try:
                    normal = normalise_exemption(cited if kind == "s" else "reg" + cited.split(" ", 1)[-1], regime if regime != "sar" else None)
                except ExemptionError:
                    continue
                if normal not in found:
                    found.append(normal)
                    why.append(f"'{cited}' {source.where}")
    kept = [(code, reason) for code, reason in zip(found, why) if not any(other.startswith(code + "(") for other in found)]
    return [code for code, _ in kept], [reason for _, reason in kept]


_BRACKETS = r"(?:\s*\(\s*[0-9a-z]{1,4}\s*\))*"


# A citation may be followed by what it is about, "(national security)", before the next one.
_ABOUT = r"(?:\s*\([a-z][^()]{4,40}\))?"


# The next item of a list: another number, or only brackets ("35(1)(a) and (b)").
_NEXT = rf"(?:\s*(?:,|and|&|or)\s*(?:(?:s|section|reg|regulation)\.?\s*)?(?:\d{{1,2}}[a-z]?{_BRACKETS}|(?:\s*\(\s*[0-9a-z]{{1,4}}\s*\))+){_ABOUT})*"


_SECTION_LIST = re.compile(
    rf"\b(?:sections?|ss?\.|sec\.?|s|adran(?:nau)?)\s*(\d{{1,2}}[a-z]?{_BRACKETS}{_ABOUT}{_NEXT})",
    re.I,
)


_REGULATION_LIST = re.compile(
    rf"\b(?:regulations?|regs?\.?|r\.|rheoliad(?:au)?)\s*(\d{{1,2}}{_BRACKETS}{_ABOUT}{_NEXT})",
    re.I,
)


def _citations(sentence: str) -> list[tuple[str, int, str]]:
    """('section 43(2)', 43, 's') and ('regulation 12(5)(e)', 12, 'reg') for each citation; an
    item of only brackets takes the number before it ('35(1)(a) and (b)' is 35(1)(a), 35(1)(b))."""
    out: list[tuple[str, int, str]] = []
    for pattern, kind, word in ((_SECTION_LIST, "s", "section"), (_REGULATION_LIST, "reg", "regulation")):
        for match in pattern.finditer(sentence):
            listed = re.sub(r"\([a-z][^()]{4,40}\)", " ", match.group(1), flags=re.I)  # the "(what it is)"s
            previous: tuple[int, list[str]] | None = None
            for item in re.finditer(r"(\d{1,2}[a-z]?)((?:\s*\(\s*[0-9a-z]{1,4}\s*\))*)|((?:\s*\(\s*[0-9a-z]{1,4}\s*\))+)", listed, re.I):
                if item.group(1):
                    head = item.group(1)
                    brackets = re.findall(r"\(\s*([0-9a-z]{1,4})\s*\)", item.group(2) or "", re.I)
                elif previous is not None and previous[1]:
                    head = previous[0]
                    added = re.findall(r"\(\s*([0-9a-z]{1,4})\s*\)", item.group(3), re.I)
                    brackets = previous[1][: max(0, len(previous[1]) - len(added))] + added
                else:
                    continue
                previous = (head, brackets)
                number = int(re.match(r"\d+", head).group(0))
                out.append((f"{word} {head}" + "".join(f"({b})" for b in brackets), number, kind))
    return out


def find_dates(text: str, after: dt.date | None = None, near: dt.date | None = None) -> list[tuple[dt.date, str]]:
    """Dates written in the text (day first: '14 August 2023', '14th Aug 2023', 'Wednesday 23rd
    August', '14/08/2023', '4/9/23', '2023-08-14'; 'August 14, 2023'), with the words before
    them; only those after `after` when given. A date without a year is in the year that puts
    it nearest `near` (the message's day), else it is left out."""
    return [(when, text[max(0, start - 60) : end]) for when, start, end in _dates(text, near) if after is None or when > after]


def leading_date(text: str, near: dt.date | None = None) -> dt.date | None:
    """The date the text starts with ('7 June 2023 about ...', 'Friday 7 July'), or None."""
    for when, start, _ in _dates(text, near):
        if not text[:start].strip(" ,\t\n").replace("the", "").strip():
            return when
    return None


def _dates(text: str, near: dt.date | None) -> list[tuple[dt.date, int, int]]:
    found: list[tuple[dt.date, int, int]] = []
    patterns = [
        (rf"\b{_WEEKDAY_RE}(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\.?(?:,?\s+(\d{{4}}))?\b", "dmy"),
        (rf"\b{_WEEKDAY_RE}({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", "mdy"),
        (r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b", "num"),
        (r"\b(\d{4})-(\d{2})-(\d{2})\b", "iso"),
    ]
    for pattern, form in patterns:
        for match in re.finditer(pattern, text, re.I):
            try:
                if form == "dmy":
                    day, month, year = int(match.group(1)), _month(match.group(2)), match.group(3)
                elif form == "mdy":
                    month, day, year = _month(match.group(1)), int(match.group(2)), match.group(3)
                elif form == "num":
                    day, month, year = int(match.group(1)), int(match.group(2)), match.group(3)
                    year = str(2000 + int(year)) if len(year) == 2 else year
                else:
                    year, month, day = match.group(1), int(match.group(2)), int(match.group(3))
                when = _dated(day, month, year, near)
            except (ValueError, KeyError, StopIteration):
                continue
            if when is not None:
                found.append((when, match.start(), match.end()))
    return sorted(found, key=lambda item: item[1])


def _dated(day: int, month: int, year: str | None, near: dt.date | None) -> dt.date | None:
    if year:
        return dt.date(int(year), month, day)
    if near is None:
        return None
    candidates = []
    for offset in (-1, 0, 1):
        try:
            candidates.append(dt.date(near.year + offset, month, day))
        except ValueError:
            continue
    return min(candidates, key=lambda when: abs((when - near).days)) if candidates else None


def _month(word: str) -> int:
    word = word.lower().rstrip(".")
    if word in _WELSH_MONTHS:
        return _WELSH_MONTHS[word]
    if word == "sept":
        word = "sep"
    return _MONTHS[next(name for name in _MONTHS if name.startswith(word))]


_REF = re.compile(
    # A label, then a separator: a hyphen only with a space before it ("FOI-113587" is a reference
    # whole, not the label "FOI" and "113587").
    r"(?<![\w/-])(?:(?:our |your |the |this |a )?(?:case |request )?(?:reference|ref\.?|case|ticket|request|foi|eir|foisa|sar|cyfeirnod)(?:\s*(?:number|no\.?|id|reference|ref\.?))?(?:\s*(?:is\b|:|#|=)|\s+-|\s)"
    r"|(?:logged|registered|recorded|filed) (?:it |this |your request )?(?:as|under)(?:\s+(?:the\s+)?(?:reference|ref\.?|case)(?:\s+(?:number|no\.?))?)?\s*(?:is|:)?)\s*"
    r"((?:[A-Z]{2,8}:\d[\d-]{2,20}(?![\w/])|(?:[A-Z]{2,8}[ -])?[A-Z0-9][A-Z0-9/\-_.]{2,30}[A-Z0-9]))"
    # ... or a reference that names itself: 'FOI-113587', 'EIR/23/30127', without a label.
    r"|(?<![\w/-])((?:FOI|EIR|FOISA|EISR|SAR)[-/][A-Z0-9][A-Z0-9/\-_.]{1,30}[0-9])(?![\w/])",
    re.I,
)


def find_ref(text: str) -> tuple[str | None, str | None]:
    """The authority's reference for the request ('FOI-2023-118', 'MP/FOI/2023/1145',
    'FOI 2023/0118', 'CRM:0012345', '1102/23'), and the words it was found in."""
    for match in _REF.finditer(text):
        ref = (match.group(1) or match.group(2)).strip(" .-/")
        if not re.search(r"\d", ref) or re.fullmatch(r"\d{1,3}", ref):
            continue
        if re.fullmatch(r"(?:19|20)\d\d", ref) or find_dates(ref):
            continue  # a year or a date, not a reference
        if re.fullmatch(r"\d{1,2}(?:\(\w+\))*", ref):
            continue
        return ref, match.group(0).strip()
    return None, None


_AMOUNT = re.compile(r"£\s?(\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)")


def find_amount(text: str) -> tuple[float | None, str | None]:
    """The fee asked for (or paid): the amount a sentence calls the total, else the largest in a
    sentence about a fee or payment; never a cost limit or an hourly rate."""
    best: tuple[float, str] | None = None
    for sentence in split_sentences(text):
        if re.search(r"appropriate limit|cost limit|£\s?(?:450|600)\b.{0,30}limit", sentence, re.I):
            continue
        if not re.search(r"fee|charge|pay|cost|cheque|invoice|total|postage|printing|copying", sentence, re.I):
            continue
        for match in _AMOUNT.finditer(sentence):
            if re.match(r"\s*(?:an|per) hour", sentence[match.end():], re.I):
                continue
            value = float(match.group(1).replace(",", ""))
            if re.search(r"\btotal\b", sentence[max(0, match.start() - 40) : match.start()], re.I):
                return value, match.group(0)
            if best is None or value > best[0]:
                best = (value, match.group(0))
    return best if best else (None, None)


# When the requester did something the authority confirms ("your email of 3 July 2023", "your
# complaint, which we received on 8 September 2023", "your clarification reached us on 7 July").
_ACT_DATE = re.compile(
    r"(?:your (?:e-?mail|letter|request|complaint|application|payment|clarification|requirement)[^.]{0,80}?\b(?:of|dated|sent on|received on|on)"
    r"|(?:which|that) (?:we|the \w+) received on|reached us on|(?:was|were) received on)\s+",
    re.I,
)


def date_of_act(text: str, day: dt.date | None) -> tuple[dt.date | None, str | None]:
    """The day the requester's act reached the authority, as the message says it, or None. It
    must be on or before the message's day, and within a few months of it."""
    for match in _ACT_DATE.finditer(text):
        when = leading_date(text[match.end() : match.end() + 40], near=day)
        if when is None:
            continue
        if day is not None and not (day - dt.timedelta(days=120) <= when <= day):
            continue
        return when, through_date(" ".join((match.group(0) + text[match.end() : match.end() + 40]).split()))
    return None, None


def through_date(words: str) -> str:
    """The words up to the end of the first date in them: 'your email of 3 July 2023'."""
    found = _dates(words, None) or _dates(words, dt.date(2000, 1, 1))
    return words[: found[0][2]] if found else words

