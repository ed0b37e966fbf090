"""The per-authority report: what `foitrack report` counts, and its CSV, JSON and Markdown text.

Everything here is plain Python, testable without the command line; `foitrack.cli.report` only
parses options and draws the Rich table.

How each figure is counted (as at the tracker's --as-of date; events dated later are ignored,
as `deadlines.evaluate` ignores them, and requests sent after that date are left out). answered,
on_time, late, overdue, open and withdrawn are each an `Evaluation` property, the one
`list --status WORD` selects by (`foitrack.law.evaluation.has_status`), so a count and the list
behind it are the same requests:

- requests: the requests that pass the filters, grouped by `request.authority` (the directory's
  canonical name, which `foitrack new` stores).
- answered: the request has a response: a `responded` event, or an answer given at a review of
  the failure to respond (`store.model.is_response`). answered = on_time + late.
- on_time / late: the FIRST response came on or before / after the response deadline
  (statutory days, moved by clarification, fees and extensions). A second response is a further
  response: it never changes timeliness.
- overdue: no response yet, not withdrawn, and the response deadline has passed
  (`Evaluation.response_overdue`, the same test as `list --status overdue`): statuses overdue
  and very-overdue, and a request never answered whose internal review or complaint is under
  way (escalating does not make it any less late). A request whose clock is stopped
  (clarification or fee pending) is not overdue. An internal review that is late after a
  response is not counted here: the request itself was answered (`foitrack due` lists those).
- open: no response yet and not withdrawn (overdue requests are among them).
- withdrawn: withdrawn before any response. requests = answered + open + withdrawn.
- on_time_rate: on_time / (answered + overdue), i.e. of the requests that were answered or whose
  deadline has passed, the share answered in time; None when there are none.
- median_working_days: the median of the working days from receipt to the first response, not
  counting days the clock was stopped; None (never 0) when nothing was answered.
- outcomes: each answered request's LATEST outcome.
- exemptions: the sections cited in each request's latest response (the one whose outcome is
  counted), each section once per request: s43 and s43(2) are one section, s43; EIR exceptions
  keep their paragraph, reg12(5)(e). Each is keyed by its law (`store.model.exemption_key`) and
  never summed across laws: FOIA's and the EIR's bare (s35, reg12(5)(e)), the others named
  (FOISA s35, EISR reg10(5)(b), DPA s45 for a subject access request).
- reviews_requested / reviews_overturned: internal reviews asked for, and review results
  `overturned` or `partly-overturned` (of a review of a response).
- responded_at_review: reviews of a failure to respond at which the authority answered the
  request (FOISA s.21(4)(c)). Counted apart, never as overturned: there was no decision to
  overturn. That answer is the request's first response, so it counts as answered, and late.
- complaints / decisions: complaints to the Information Commissioner (or the Scottish
  Information Commissioner) and their decisions.

Rows are per authority by default; `by="kind"` or `by="nation"` adds the same figures up per kind
of authority (police forces, councils ...) or per nation, from the directory's entry for each
authority (or the tracker's own in foitrack.toml). Medians are of the group's requests, not of
its authorities' medians.

What readers see (Markdown, the CSV's headers, the HTML page) is in their words
(`foitrack.publish.words`, exemptions named by `foitrack.law.exemptions`); JSON keeps the keys.

One idea, though long: every figure the report shows, counted once for every format (table,
CSV, JSON, Markdown, and the HTML report's data), so that no two formats can disagree.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from foitrack.dates import long_date
from foitrack.law.evaluation import Evaluation
from foitrack.publish.export import spreadsheet_text
from foitrack.law.exemptions import exemption_name
from foitrack.publish.views import authority_fields
from foitrack.publish.words import (
    GROUP_HEADINGS,
    OUTCOME_WORDS,
    exemptions_sentence,
    kind_word,
    nation_word,
    outcome_word,
    outcomes_sentence,
    status_word,
)
from foitrack.store.model import ANSWERED_AT_REVIEW, OUTCOMES, Request, exemption_key, exemption_sort_key
from foitrack.vocab import KINDS, NATIONS

FORMATS = ("table", "csv", "json", "markdown", "html")
GROUPINGS = ("authority", "kind", "nation")
TOTAL_LABEL = "All authorities"
OVERTURNED = ("overturned", "partly-overturned")

HOW_TO_READ = (
    "On time: the first response came within the statutory deadline (as extended where the law "
    "allows); a later further response does not change that. Working days run from receipt and "
    "leave out days the clock was stopped for clarification or a fee. Outcomes are each request's "
    "latest response; each exemption section counts once per request (s43 and s43(2) are one). "
    "On-time rate: answered on time, out of the requests answered or past their deadline."
)


def median(values: list[int]) -> int | float | None:
    """The median, as an int when it is whole (12, not 12.0); None for no values."""
    if not values:
        return None
    middle = statistics.median(values)
    return int(middle) if float(middle).is_integer() else float(middle)


def rate(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def whole_percent(part: int, whole: int) -> int | None:
    """part/whole as a percentage rounded half up, in integers (no float surprises)."""
    return (200 * part + whole) // (2 * whole) if whole else None


section_sort_key = exemption_sort_key  # FOIA sections by number, the EIR's, FOISA's, EISR's, DPA's


@dataclass
class AuthorityRow:
    """The figures for one authority (or, with authority = TOTAL_LABEL, for all of them).

    In a report grouped by kind or nation, a row is one kind or nation: `authority` is then its
    label ("Police forces", "Scotland"), `group` says which, and `key` is its key ("police")."""

    authority: str
    group: str = "authority"
    key: str | None = None
    short_name: str | None = None
    kind: str | None = None
    nation: str | None = None
    names: set[str] = field(default_factory=set)  # the authorities counted in this row
    requests: int = 0
    answered: int = 0
    on_time: int = 0
    late: int = 0
    overdue: int = 0
    open: int = 0
    withdrawn: int = 0
    reviews_requested: int = 0
    reviews_overturned: int = 0
    responded_at_review: int = 0
    complaints: int = 0
    decisions: int = 0
    outcomes: Counter = field(default_factory=Counter)
    exemptions: Counter = field(default_factory=Counter)
    working_days: list[int] = field(default_factory=list)

    @property
    def median_working_days(self) -> int | float | None:
        return median(self.working_days)

    @property
    def on_time_rate(self) -> float | None:
        return rate(self.on_time, self.answered + self.overdue)

    @property
    def on_time_percent(self) -> int | None:
        """The on-time rate as a whole percentage, rounded half up (1 in 8 is 13%)."""
        return whole_percent(self.on_time, self.answered + self.overdue)

    @property
    def label(self) -> str:
        """What the row is called: the authority, the kind of authority, or the nation."""
        return self.authority

    @property
    def chart_label(self) -> str:
        """The row's name where space is tight: an authority's short name ("Met Police")."""
        return self.short_name or self.authority

    def add(self, request: Request, evaluation: Evaluation) -> None:
        # Each count is the Evaluation property `list --status WORD` selects by (has_status).
        self.requests += 1
        self.names.add(request.authority)
        if evaluation.answered:
            self.answered += 1
            if evaluation.answered_on_time:
                self.on_time += 1
            else:
                self.late += 1
            if evaluation.working_days_to_respond is not None:
                self.working_days.append(evaluation.working_days_to_respond)
            if evaluation.latest_outcome:
                self.outcomes[evaluation.latest_outcome] += 1
            self.exemptions.update({exemption_key(x, request.regime) for x in evaluation.exemptions})
        elif evaluation.unanswered:
            self.open += 1
            if evaluation.response_overdue:
                self.overdue += 1
        else:
            self.withdrawn += 1
        as_of = evaluation.as_of
        for event in request.events:  # counted, so in any order: those up to the as-of date
            if event.date > as_of:
                continue
            if event.type == "review-requested":
                self.reviews_requested += 1
            elif event.type == "review-responded" and event.outcome in OVERTURNED:
                self.reviews_overturned += 1
            elif event.type == "review-responded" and event.outcome in ANSWERED_AT_REVIEW:
                self.responded_at_review += 1
            elif event.type == "complained":
                self.complaints += 1
            elif event.type == "decision":
                self.decisions += 1

    def merge(self, other: AuthorityRow) -> None:
        for name in (
            "requests", "answered", "on_time", "late", "overdue", "open", "withdrawn",
            "reviews_requested", "reviews_overturned", "responded_at_review", "complaints", "decisions",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.names |= other.names
        self.outcomes.update(other.outcomes)
        self.exemptions.update(other.exemptions)
        self.working_days.extend(other.working_days)

    def outcome_counts(self) -> dict[str, int]:
        """Every outcome, in the contract's order, zeros included (stable keys for scripts)."""
        return {outcome: self.outcomes.get(outcome, 0) for outcome in OUTCOMES}

    def exemption_counts(self) -> dict[str, int]:
        """The sections cited, in section order."""
        return {key: self.exemptions[key] for key in sorted(self.exemptions, key=section_sort_key)}

    def heading_json(self) -> dict[str, Any]:
        """What the row is: an authority with its short name, kind and nation; or a kind or a
        nation with its label and how many authorities it counts."""
        if self.group == "authority":
            return {"authority": self.authority, "short_name": self.short_name, "kind": self.kind, "nation": self.nation}
        return {self.group: self.key, "label": self.authority, "authorities": len(self.names)}

    def to_json(self) -> dict[str, Any]:
        return {
            **self.heading_json(),
            "requests": self.requests,
            "answered": self.answered,
            "on_time": self.on_time,
            "late": self.late,
            "overdue": self.overdue,
            "open": self.open,
            "withdrawn": self.withdrawn,
            "on_time_rate": self.on_time_rate,
            "median_working_days": self.median_working_days,
            "outcomes": self.outcome_counts(),
            "exemptions": self.exemption_counts(),
            "reviews_requested": self.reviews_requested,
            "reviews_overturned": self.reviews_overturned,
            "responded_at_review": self.responded_at_review,
            "complaints": self.complaints,
            "decisions": self.decisions,
        }


@dataclass
class Filters:
    authority: str | None = None
    tag: str | None = None
    batch: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    kind: str | None = None  # as typed; the tracker reads it (`read_kind`)
    nation: str | None = None

    def describe(self) -> str:
        from foitrack.directory import read_kind, read_nation

        parts = []
        if self.authority:
            parts.append(f"authority {self.authority!r}")
        if self.kind:
            parts.append(kind_word(read_kind(self.kind) or self.kind).lower())
        if self.nation:
            parts.append(nation_word(read_nation(self.nation) or self.nation))
        if self.tag:
            parts.append(f"tag {self.tag!r}")
        if self.batch:
            parts.append(f"batch {self.batch!r}")
        if self.since and self.until:
            parts.append(f"sent {long_date(self.since)} to {long_date(self.until)}")
        elif self.since:
            parts.append(f"sent from {long_date(self.since)}")
        elif self.until:
            parts.append(f"sent up to {long_date(self.until)}")
        return "; ".join(parts)


@dataclass
class Report:
    as_of: dt.date
    filters: Filters
    rows: list[AuthorityRow]
    total: AuthorityRow
    batches: dict[str, list[tuple[Request, Evaluation]]]
    sent_later: int = 0  # requests left out because they were sent after the as-of date
    by: str = "authority"
    chosen: list[tuple[Request, Evaluation]] = field(default_factory=list)  # every request counted

    @property
    def empty(self) -> bool:
        return not self.rows

    @property
    def heading(self) -> str:
        """The first column's heading: 'Authority', 'Kind of authority' or 'Nation'."""
        return GROUP_HEADINGS[self.by]

    def scope(self) -> str:
        """'as at 25 September 2023 (tag 'fusus'), for 8 requests to 7 authorities'."""
        described = self.filters.describe()
        authorities = len(self.total.names)
        return (
            f"as at {long_date(self.as_of)}"
            + (f" ({described})" if described else "")
            + f", for {self.total.requests} request{'s' if self.total.requests != 1 else ''}"
            + f" to {authorities} authorit{'ies' if authorities != 1 else 'y'}"
        )


def select(tracker, requests: Iterable[Request], filters: Filters) -> tuple[list[tuple[Request, Evaluation]], int]:
    """The requests that pass the filters, evaluated; and how many were sent after the as-of date."""
    chosen: list[tuple[Request, Evaluation]] = []
    sent_later = 0
    for request in tracker.matching(
        requests,
        authority=filters.authority,
        tag=filters.tag,
        batch=filters.batch,
        kind=filters.kind,
        nation=filters.nation,
    ):
        if request.is_draft:  # never sent: nothing to report about it
            continue
        if filters.since and request.sent < filters.since:
            continue
        if filters.until and request.sent > filters.until:
            continue
        if request.sent > tracker.as_of:
            sent_later += 1
            continue
        chosen.append((request, tracker.evaluate(request)))
    return chosen, sent_later


def _group_key(tracker, request: Request, by: str) -> Any:
    """The key of the row a request is counted in: its authority, kind or nation."""
    if by == "kind":
        return tracker.kind_of(request.authority)
    if by == "nation":
        return tracker.nation_of(request.authority)
    return request.authority


def _group_row(tracker, key: Any, by: str) -> AuthorityRow:
    """An empty row for a key (`_group_key`)."""
    if by == "kind":
        return AuthorityRow(kind_word(key), group=by, key=key)
    if by == "nation":
        return AuthorityRow(nation_word(key), group=by, key=key)
    fields = authority_fields(key, tracker.authority(key))
    return AuthorityRow(key, key=key, **fields)


def _row_order(tracker, by: str):
    """Authorities by name as a person reads it ("Hackney" for the London Borough of Hackney:
    `Tracker.reading_key`); kinds and nations in the directory's order, the unknown last."""
    if by == "authority":
        return lambda row: (tracker.reading_key(row.authority), row.authority)
    order = list(KINDS if by == "kind" else NATIONS)
    return lambda row: (order.index(row.key) if row.key in order else len(order), row.authority)


def build_report(
    tracker, requests: Iterable[Request], filters: Filters | None = None, by: str = "authority"
) -> Report:
    """Rows per authority in authority-name order (or per kind or nation of authority, `by`), a
    totals row, and (with a batch filter) the batch view: each matching batch's requests, one
    line per authority."""
    filters = filters or Filters()
    chosen, sent_later = select(tracker, requests, filters)
    rows: dict[Any, AuthorityRow] = {}
    for request, evaluation in chosen:
        key = _group_key(tracker, request, by)
        row = rows.get(key)
        if row is None:
            row = rows[key] = _group_row(tracker, key, by)
        row.add(request, evaluation)
    ordered = sorted(rows.values(), key=_row_order(tracker, by))
    total = AuthorityRow(TOTAL_LABEL, group=by)
    for row in ordered:
        total.merge(row)
    batches: dict[str, list[tuple[Request, Evaluation]]] = {}
    if filters.batch:
        for request, evaluation in chosen:
            batches.setdefault(request.batch, []).append((request, evaluation))
        batches = {
            name: sorted(lines, key=lambda line: (tracker.reading_key(line[0].authority), line[0].sent, line[0].id))
            for name, lines in sorted(batches.items())
        }
    return Report(tracker.as_of, filters, ordered, total, batches, sent_later, by, chosen)


# -- the batch view -------------------------------------------------------------------------------


def tally(lines: Iterable[tuple[Request, Evaluation]]) -> str:
    """'3 requests: 1 answered, 1 overdue, 1 awaiting a response' (parts with 0 left out)."""
    lines = list(lines)
    answered = sum(1 for _, e in lines if e.answered)
    unanswered = sum(1 for _, e in lines if e.unanswered)
    withdrawn = len(lines) - answered - unanswered
    overdue = sum(1 for _, e in lines if e.response_overdue)
    waiting = unanswered - overdue
    parts = [f"{answered} answered", f"{overdue} overdue"]
    if waiting:
        parts.append(f"{waiting} not yet due")
    if withdrawn:
        parts.append(f"{withdrawn} withdrawn")
    noun = "request" if len(lines) == 1 else "requests"
    return f"{len(lines)} {noun}: " + ", ".join(parts)


def batch_title(lines: list[tuple[Request, Evaluation]]) -> str:
    """A title for the requests of one batch (or several batches matched by one --batch)."""
    names = sorted({request.batch for request, _ in lines if request.batch})
    if len(names) == 1:
        return f"Batch {names[0]}: {tally(lines)}"
    return f"{len(names)} batches ({', '.join(names)}): {tally(lines)}"


def batch_line(request: Request, evaluation: Evaluation) -> dict[str, Any]:
    """One authority's line in the batch view."""
    return {
        "id": request.id,
        "authority": request.authority,
        "status": evaluation.status,
        "due": evaluation.due,
        "answered": evaluation.first_response,
        "on_time": evaluation.responded_on_time,
        "outcome": evaluation.latest_outcome,
        "working_days": evaluation.working_days_to_respond,
        "working_days_overdue": evaluation.working_days_overdue,
    }


# -- text formats -------------------------------------------------------------------------------


def count_cells(row: AuthorityRow) -> list[str]:
    """The plain counts of a row, in column order, as every text format shows them."""
    return [str(n) for n in (row.requests, row.answered, row.on_time, row.late, row.overdue, row.open, row.withdrawn)]


def percent(value: int | None) -> str:
    return "" if value is None else f"{value}%"


def number(value: int | float | None) -> str:
    return "" if value is None else str(value)


def to_json(report: Report) -> list[dict[str, Any]]:
    """`report --format json`: an array of per-authority objects (no totals row, so the array
    keeps the contract's shape; a script can sum the rows)."""
    return [row.to_json() for row in report.rows]


# The report's CSV: a column per figure, headed in readers' words, with the JSON key each holds.
CSV_FIGURES = (
    ("requests", "Requests"),
    ("answered", "Answered"),
    ("on_time", "Answered on time"),
    ("late", "Answered late"),
    ("overdue", "Overdue now"),
    ("open", "Still open"),
    ("withdrawn", "Withdrawn"),
    ("on_time_percent", "On-time rate (%)"),
    ("median_working_days", "Median working days to respond"),
    ("reviews_requested", "Internal reviews"),
    ("reviews_overturned", "Reviews overturned"),
    ("responded_at_review", "Answered at review"),
    ("complaints", "Complaints to the commissioner"),
    ("decisions", "Commissioner's decisions"),
)


def csv_header(report: Report) -> list[str]:
    """The CSV's header row: what each row is, the figures, then a column per outcome
    ("Not held") and per exemption cited anywhere in the report ("s43 Commercial interests")."""
    if report.by == "authority":
        heading = ["Authority", "Short name", "Kind of authority", "Nation"]
    else:
        heading = [report.heading, "Authorities"]
    sections = sorted(report.total.exemptions, key=section_sort_key)
    return (
        heading
        + [title for _, title in CSV_FIGURES]
        + [f"Outcome: {OUTCOME_WORDS[outcome]}" for outcome in OUTCOMES]
        + [f"Exemption: {exemption_name(section)}" for section in sections]
    )


def csv_cells(report: Report, row: AuthorityRow) -> list[Any]:
    if report.by == "authority":
        heading = [row.authority, row.short_name or "", kind_word(row.kind, one=True), nation_word(row.nation)]
    else:
        heading = [row.authority, len(row.names)]
    figures = [number(getattr(row, key)) for key, _ in CSV_FIGURES]
    sections = sorted(report.total.exemptions, key=section_sort_key)
    return (
        heading
        + figures
        + [row.outcomes.get(outcome, 0) for outcome in OUTCOMES]
        + [row.exemptions.get(section, 0) for section in sections]
    )


def to_csv(report: Report) -> str:
    """One row per authority (or kind, or nation), headed in readers' words. Every outcome has a
    column (zeros included); every exemption section cited anywhere in the report has one, in
    section order, named. No totals row, so a spreadsheet can sum the columns."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(csv_header(report))
    for row in report.rows:
        # No cell a spreadsheet would run as a formula: an authority's name is a user's text.
        writer.writerow([spreadsheet_text(cell) if isinstance(cell, str) else cell for cell in csv_cells(report, row)])
    return out.getvalue()


def exemptions_text(row: AuthorityRow) -> str:
    """'s40 ×1, s43 ×2'."""
    return ", ".join(f"{section} ×{n}" for section, n in row.exemption_counts().items())


def reviews_text(row: AuthorityRow) -> str:
    """'2 (1 overturned)', and answers given at a review of a failure to respond apart:
    '3 (1 overturned, 1 answered at review)'."""
    if not row.reviews_requested:
        return "0"
    parts = [f"{row.reviews_overturned} overturned"]
    if row.responded_at_review:
        parts.append(f"{row.responded_at_review} answered at review")
    return f"{row.reviews_requested} ({', '.join(parts)})"


def complaints_text(row: AuthorityRow) -> str:
    if not row.complaints:
        return "0"
    return f"{row.complaints} ({row.decisions} decided)"


MARKDOWN_HEADER = (
    ("Authority", ":---"),  # or 'Kind of authority', 'Nation': the report's heading
    ("Requests", "---:"),
    ("Answered", "---:"),
    ("On time", "---:"),
    ("Late", "---:"),
    ("Overdue now", "---:"),
    ("Still open", "---:"),
    ("Withdrawn", "---:"),
    ("On-time rate", "---:"),
    ("Median working days", "---:"),
    ("Outcomes", ":---"),
    ("Exemptions cited", ":---"),
    ("Internal reviews", ":---"),
    ("Complaints to the commissioner", ":---"),
)


def _md_cell(text: Any) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md_row(cells: Iterable[Any]) -> str:
    return "| " + " | ".join(_md_cell(cell) for cell in cells) + " |"


def markdown_cells(row: AuthorityRow, bold: bool = False) -> list[str]:
    """A row in readers' words: '3 partly granted', 's43 Commercial interests ×2'."""
    name = f"**{row.authority}**" if bold else row.authority
    return [
        name,
        *count_cells(row),
        percent(row.on_time_percent),
        number(row.median_working_days),
        outcomes_sentence(row.outcome_counts()),
        exemptions_sentence(row.exemption_counts()),
        reviews_text(row),
        complaints_text(row),
    ]


def on_time_word(on_time: bool | None) -> str:
    return {True: "Yes", False: "No", None: ""}[on_time]


BATCH_HEADER = ("Authority", "Status", "Answered on", "On time", "Outcome", "Working days")


def batch_cells(request: Request, evaluation: Evaluation) -> list[str]:
    """One authority's line of the batch view, in readers' words."""
    line = batch_line(request, evaluation)
    return [
        line["authority"],
        status_word(line["status"]),
        long_date(line["answered"]) if line["answered"] else "",
        on_time_word(line["on_time"]),
        outcome_word(line["outcome"]),
        number(line["working_days"]),
    ]


def to_markdown(report: Report) -> str:
    """A pipe table ready to paste into an article, a totals row, and a line on what it means."""
    lines: list[str] = []
    for name, batch in report.batches.items():
        lines.append(f"**Batch {_md_cell(name)}**: {tally(batch)}.")
        lines.append("")
        lines.append(_md_row(BATCH_HEADER))
        lines.append(_md_row([":---", ":---", ":---", ":---", ":---", "---:"]))
        for request, evaluation in batch:
            lines.append(_md_row(batch_cells(request, evaluation)))
        lines.append("")
    if report.empty:
        lines.append(f"No requests match, as at {long_date(report.as_of)}.")
        return "\n".join(lines) + "\n"
    lines.append(_md_row([report.heading, *(name for name, _ in MARKDOWN_HEADER[1:])]))
    lines.append(_md_row(align for _, align in MARKDOWN_HEADER))
    for row in report.rows:
        lines.append(_md_row(markdown_cells(row)))
    lines.append(_md_row(markdown_cells(report.total, bold=True)))
    lines.append("")
    lines.append(f"Figures {report.scope()}. {HOW_TO_READ}")
    return "\n".join(lines) + "\n"
