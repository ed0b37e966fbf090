"""Letter templates: where they are found, the placeholders they may use, and how they render.

Letters are rendered from `string.Template` files: the tracker's own `templates/NAME-REGIME.txt`
or `templates/NAME.txt` win over the ones shipped in `foitrack/mail/templates/`. A template's first
line may be `Subject: ...`; every placeholder (see `PLACEHOLDERS`; `foitrack.letters.facts` fills
them) works in every template. Pure apart from reading the template files.
"""

from __future__ import annotations

import re
import string
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from foitrack.errors import FoitrackError

TEMPLATE_DIR = "templates"  # in the tracker folder, for a user's own versions

PLACEHOLDERS: dict[str, str] = {
    "id": "the request's id in the tracker",
    "authority": "the authority's name",
    "subject": "the request's subject",
    "sent": "the date the request was sent, e.g. 1 June 2023",
    "received": "the date the authority received it (the sent date unless recorded)",
    "ref": "the authority's reference, from an acknowledged (else responded) event, or '(none given)'",
    "ref_suffix": "' [your ref REF]' when there is a reference, else nothing (for subject lines)",
    "due": "the date the response was due",
    "days_late": "working days late, as a number",
    "late": "working days late, in words: '14 working days'",
    "regime": "foia, eir, foisa, eisr or sar",
    "law": "the duty to respond, cited in full: 'section 10(1) of the Freedom of Information Act 2000'",
    "law_short": "the same, short: 'FOIA s.10(1)'",
    "act": "the Act or Regulations",
    "request_kind": "'Freedom of Information request', 'request for environmental information', 'subject access request'",
    "request_kind_cap": "the same with a capital letter",
    "duty_sentence": "a sentence saying what the law requires and by when",
    "due_sentence": "a sentence saying when the response was due (mentions extensions and clarification)",
    "previous_chasers": "' I chased it on 7 July 2023.' (with a leading space) or nothing",
    "chased_dates": "the dates of earlier chasers since the clock (re)started",
    "very_overdue_sentence": "a sentence (with a leading space) when the request is very overdue, else nothing",
    "escalation": "what follows a final chaser, completing 'I will ...'",
    "commissioner": "'the Information Commissioner' or 'the Scottish Information Commissioner'",
    "commissioner_short": "ICO or SIC",
    "commissioner_address": "the commissioner's postal address, then 'Email: ...' (SIC) or 'Online: <complaint form>' (ICO)",
    "commissioner_email": "the address the commissioner takes complaints at (the SIC's), or nothing (the ICO takes them by web form)",
    "complaint_how": "a sentence saying how the commissioner takes complaints (web form, email, post)",
    "reply_by": "the date a final chaser asks for a reply by: chase.every working days from today (5 if 0)",
    "summary": "an indented block: request, sent, your reference, due, working days late",
    "timeline": "a dated list of what has happened to the request",
    "today": "the letter's date (the --as-of date, else today)",
    "requester_name": "[requester] name",
    "requester_email": "[requester] email",
    "stage": "1, 2 or 3",
    "review_name": "what a review is called under the regime",
    "review_title": "the start of a review letter's subject line",
    "review_law_sentence": "how long the authority has to carry out the review",
    "complaint_law": "the provision a complaint is made under",
    "response_date": "the date of the latest response",
    "outcome": "the latest response in words: 'refused the request'",
    "exemptions": "the exemptions cited, e.g. 'section 43(2), section 40(2)'",
    "review_requested": "the date a review was asked for",
    "review_due": "the date the review's outcome was due",
    "review_outcome": "the review's outcome in words",
    "grounds": "review/complaint: why the response is disputed (letter --grounds, else a prompt to fill in)",
    "review_by": "the last day to ask for a review (40 working days)",
    "complaint_by": "the last day to complain to the commissioner, where one is set",
    "review_deadline_sentence": "review letters: a sentence about the time limit for asking",
    "complaint_deadline_sentence": "complaint letters: a sentence about the time limit for complaining",
    "complaint_grounds": "complaint letters: what the complaint is about",
    "count": "group letters: how many requests the letter covers",
    "requests_list": "group letters: a numbered list of the requests, each with its law, dates and lateness",
}



@dataclass(frozen=True)
class Template:
    name: str
    source: str  # a path, or "foitrack:templates/NAME.txt"
    subject: str | None
    body: str


@lru_cache(maxsize=None)
def _shipped_template(name: str) -> str:
    """A template shipped in foitrack/mail/templates/, read once per run: package files do not change."""
    from importlib import resources

    return (resources.files("foitrack.mail") / "templates" / f"{name}.txt").read_text(encoding="utf-8")


def _split_template(text: str) -> tuple[str | None, str]:
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    first, _, rest = text.partition("\n")
    if first.lower().startswith("subject:"):
        return first.split(":", 1)[1].strip(), rest.lstrip("\n")
    return None, text


def load_template(name: str, regime: str | None, tracker_root: Path | None) -> Template:
    """The tracker's `templates/NAME-REGIME.txt` or `templates/NAME.txt`, else the shipped one.
    A tracker template without a Subject line keeps the shipped subject."""
    shipped_subject, shipped_body = _split_template(_shipped_template(name))
    if tracker_root is not None:
        folder = Path(tracker_root) / TEMPLATE_DIR
        candidates = ([folder / f"{name}-{regime}.txt"] if regime else []) + [folder / f"{name}.txt"]
        for path in candidates:
            if path.is_file():
                try:
                    text = path.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as error:
                    raise FoitrackError(f"{path}: cannot read template: {error}") from None
                subject, body = _split_template(text)
                return Template(name, str(path), subject or shipped_subject, body)
    return Template(name, f"foitrack:templates/{name}.txt", shipped_subject, shipped_body)


def _substitute(text: str, values: dict[str, str], source: str, where: str) -> str:
    try:
        return string.Template(text).substitute(values)
    except KeyError as error:
        key = error.args[0]
        raise FoitrackError(
            f"{source}: unknown placeholder ${key} in the {where}; the placeholders are listed in "
            "docs/chasing.md (write $$ for a dollar sign)"
        ) from None
    except ValueError as error:
        match = re.search(r"line (\d+)", str(error))
        line = f":{match.group(1)}" if match else ""
        raise FoitrackError(
            f"{source}{line}: a '$' that starts no placeholder in the {where}; write $$ for a dollar sign"
        ) from None


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_KEEP_TOGETHER = re.compile(rf"\b\d{{1,2}} (?:{_MONTHS}) \d{{4}}\b|\b\d+ working days?\b")
_NBSP = "\u00a0"


def fill(text: str, indent: str = "") -> str:
    """Fill a paragraph to 72 columns without splitting a date or 'N working days'."""
    glued = _KEEP_TOGETHER.sub(lambda m: m.group(0).replace(" ", _NBSP), text)
    filled = textwrap.fill(
        glued, width=72, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
    )
    return filled.replace(_NBSP, " ")


def _reflow(body: str) -> str:
    """Re-wrap prose paragraphs that substitution made longer than a line; leave lists,
    indented blocks and short lines (addresses, signatures) exactly as written."""
    out = [reflow_paragraph(paragraph) for paragraph in re.split(r"\n[ \t]*\n", body.strip("\n"))]
    return "\n\n".join(out) + "\n"


def reflow_paragraph(paragraph: str) -> str:
    """A prose paragraph with a line longer than 76 characters, filled to 72; a list, an
    indented block or short lines as they are."""
    lines = paragraph.split("\n")
    structured = any(re.match(r"^(\s|[-*•]\s|\d+[.)]\s)", line) for line in lines)
    if not structured and any(len(line) > 76 for line in lines):
        return fill(" ".join(line.strip() for line in lines))
    return paragraph


def render(template: Template, values: dict[str, str]) -> tuple[str, str]:
    """The subject line (on one line) and the body, prose re-wrapped to 72 columns."""
    subject = _substitute(template.subject or "", values, template.source, "Subject line")
    subject = " ".join(subject.split())
    if not subject:
        raise FoitrackError(f"{template.source}: the Subject line is empty")
    body = _reflow(_substitute(template.body, values, template.source, "letter"))
    return subject, body
