"""The `report` command: per-authority figures as a Rich table, CSV, JSON or Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from foitrack.cli.app import (
    KIND_HELP,
    NATION_HELP,
    app,
    console,
    json_text,
    fmt_date,
    note,
    parse_date_option,
    report_problems,
    require_choice,
    short_date,
    STATUS_STYLES,
    tracker_of,
    write_out,
)
from foitrack.errors import UsageError

# foitrack.publish.report (and the deadline rules it needs) is imported inside the command, so that
# `foitrack --help` stays fast; tests check these lists match foitrack.publish.report's.
FORMATS = ("table", "csv", "json", "markdown", "html")
GROUPINGS = ("authority", "kind", "nation")


REPORT_HELP = "\n\n".join(
    [
        "Per-authority summary: who answered, on time or late, with what outcome and exemptions.",
        "For each authority: requests, answered on time or late, overdue now, still open, the "
        "median working days to respond, outcomes, exemptions cited, internal reviews and complaints.",
        "Figures are as at --as-of (default today). A second response is recorded as a further "
        "response; the report uses the latest outcome and the first response date for timeliness.",
        "Working days run from receipt to the first response, leaving out days the clock was stopped "
        "for clarification or a fee. Each exemption section counts once per request, from the latest "
        "response (s43 and s43(2) are one section), keyed by its law and never added across laws: "
        "s35 is FOIA's, FOISA s35 FOISA's (likewise reg12(5)(e) for the EIR, EISR reg10(5)(b), and "
        "DPA s45 for a subject access request). Overdue now: never answered and past the response "
        "deadline, escalated to a review or a complaint or not. Each count has a word for "
        "'foitrack list --status' that lists exactly those requests (answered, on-time, late, "
        "overdue, open, withdrawn). "
        "A review of a failure to respond at which the authority answered is counted as answered at "
        "review (never overturned); that answer is the request's first response, and late. "
        "Authorities are in name order; the table and Markdown end with a row for all authorities. "
        "--by kind or --by nation adds the figures up per kind of authority (police forces, "
        "councils ...) or per nation instead; --kind and --nation keep only those authorities.",
        "--format html writes one self-contained page for readers (--out FILE, or print it): the "
        "table, and charts of the on-time rate, the working days each request took against the "
        "statutory limit, the outcomes and the exemptions cited, each with the table of its numbers "
        "and a text alternative. It needs no network to open, and prints well. Markdown, HTML and "
        "the CSV's headers are in readers' words ('Not held', 's43 Commercial interests'); JSON "
        "keeps foitrack's keys for scripts.",
    ]
)


@app.command(help=REPORT_HELP)
def report(
    ctx: typer.Context,
    format_: str = typer.Option("table", "--format", "-f", help=f"How to print it: {', '.join(FORMATS)}."),
    authority: Optional[str] = typer.Option(None, "--authority", "-a", help="Only this authority (a name, an alias like 'the Met', or part of a name)."),
    tag: Optional[str] = typer.Option(None, "--tag", "-t", help="Only requests with this tag."),
    batch: Optional[str] = typer.Option(None, "--batch", "-b", help="Only this batch (any part of its name); also shows each authority's status in the batch."),
    since: Optional[str] = typer.Option(None, "--since", metavar="DATE", help="Only requests sent on or after DATE."),
    until: Optional[str] = typer.Option(None, "--until", metavar="DATE", help="Only requests sent on or before DATE."),
    kind: Optional[str] = typer.Option(None, "--kind", metavar="KIND", help=KIND_HELP),
    nation: Optional[str] = typer.Option(None, "--nation", metavar="NATION", help=NATION_HELP),
    by: str = typer.Option(
        "authority", "--by", metavar="authority|kind|nation",
        help="A row per authority (the default), per kind of authority, or per nation.",
    ),
    out: Optional[Path] = typer.Option(
        None, "--out", "-o", metavar="FILE", help="Write the report to FILE (replaced in one step) instead of printing it."
    ),
    title: Optional[str] = typer.Option(None, "--title", metavar="TEXT", help="The HTML page's title."),
) -> None:
    from foitrack.publish.report import Filters, build_report, to_csv, to_json, to_markdown

    tracker = tracker_of(ctx)
    chosen = require_choice(format_, FORMATS, "--format")
    grouping = require_choice(by, GROUPINGS, "--by")
    if title is not None and chosen != "html":
        raise UsageError("--title is for --format html")
    if out is not None and chosen == "table":
        raise UsageError("--out needs a --format to write: csv, json, markdown or html")
    filters = Filters(
        authority=authority,
        tag=tag,
        batch=batch,
        since=parse_date_option(ctx, since, "--since"),
        until=parse_date_option(ctx, until, "--until"),
        kind=kind,
        nation=nation,
    )
    if filters.since and filters.until and filters.until < filters.since:
        raise UsageError(f"--until {filters.until} is before --since {filters.since}")
    requests, problems = tracker.listing()
    report_problems(problems)
    result = build_report(tracker, requests, filters, by=grouping)
    if result.sent_later:
        count = result.sent_later
        note(
            f"{count} request{'s' if count != 1 else ''} sent after {fmt_date(result.as_of)} "
            f"(the --as-of date) {'are' if count != 1 else 'is'} not counted"
        )
    if chosen == "table":
        _print_table(tracker, result, any_requests=bool(requests))
        return
    if chosen == "json":
        text = json_text(to_json(result))
    elif chosen == "csv":
        text = to_csv(result)
    elif chosen == "markdown":
        text = to_markdown(result)
    else:
        from foitrack.publish.html import to_html

        text = to_html(result, tracker, title=title)
    if out is None:
        typer.echo(text, nl=False)
        return
    write_out(out, text)
    note(f"wrote the report to {out}")


RATE_BAR = 5


NARROW = 100  # below this many columns the table drops the bar (keeping the coloured percentage)
#               and puts one space between columns, so that every column still fits in 80


def rate_cell(percent: Optional[int], bar: bool = True) -> str:
    """The on-time rate's cell in Rich markup (see `_rate`)."""
    cell = _rate(percent, bar)
    return f"[{cell[1]}]{cell[0]}[/]" if cell else ""


def _print_table(tracker, result, *, any_requests: bool) -> None:
    """The report as tables written a line at a time (foitrack.cli.tables): the batch view (with
    --batch), the figures per authority, and the outcomes and grounds. Authorities go by their
    short names unless there is room for the full ones."""
    import sys

    from foitrack.dates import long_date
    from foitrack.publish.report import HOW_TO_READ, batch_line, batch_title, count_cells, number
    from foitrack.cli.app import short_id
    from foitrack.cli.listing import name_authorities
    from foitrack.cli.tables import KEEP_TOGETHER, Column, Styles, render, write

    out = console()
    styles = Styles(out)
    width = out.width
    narrow = width < NARROW
    gap = 1 if narrow else 2
    for lines in result.batches.values():
        # Under 100 columns the due date and the working days go (show has them), so that the
        # authority, the point of this view, keeps room for its name.
        columns = [Column("authority", flex=1, min_width=10), Column("status")]
        if not narrow:
            columns.append(Column("due"))
        columns += [Column("answered"), Column("on time"), Column("outcome")]
        if not narrow:
            columns.append(Column("working days", justify="right"))
        columns += [Column("late", justify="right"), Column("id")]
        cells = []
        for request, evaluation in lines:
            line = batch_line(request, evaluation)
            on_time = {True: ("yes", "green"), False: ("no", "red"), None: ""}[line["on_time"]]
            row = [line["authority"], (line["status"], STATUS_STYLES.get(line["status"]))]
            if not narrow:
                row.append(short_date(line["due"]) if line["due"] else "")
            row += [short_date(line["answered"]) if line["answered"] else "", on_time, line["outcome"] or ""]
            if not narrow:
                row.append(number(line["working_days"]))
            row += [str(line["working_days_overdue"] or ""), short_id(line["id"])]
            cells.append(row)
        name_authorities(tracker, columns, cells, 0, width, gap)
        write(render(columns, cells, width=width, styles=styles, title=batch_title(lines), gap=gap), sys.stdout)
        typer.echo()
    if result.empty:
        typer.echo("No requests." if not any_requests else "No requests match.")
        return
    scope = result.filters.describe()
    when = f"as at {long_date(result.as_of)}" + (f" ({scope})" if scope else "")
    rows = [*result.rows, result.total]
    last = len(result.rows) - 1
    total = {len(rows) - 1}
    heading = result.heading.lower()

    def labels(column: int, cells: list) -> None:
        """Rows are authorities' full names; short names where full ones do not fit."""
        if result.by != "authority":
            return
        shorts = {row.authority: row.short_name or row.authority for row in result.rows}
        name_authorities(_Names(shorts), columns, cells, column, width, gap)

    columns = [Column(heading, flex=1, min_width=10)]
    columns += [Column(name, justify="right") for name in
                ("requests", "answered", "on\ntime", "late", "overdue", "open", "with-\ndrawn", "on-time\nrate", "median\ndays")]
    cells = []
    for row in rows:
        rate = row.on_time_percent
        cells.append([
            row.authority, *count_cells(row), _rate(rate, bar=not narrow), number(row.median_working_days),
        ])
    labels(0, cells)
    write(render(columns, cells, width=width, styles=styles, title=f"Requests by {heading}, {when}", gap=gap,
                 sections={last}, bold_rows=total), sys.stdout)
    typer.echo()

    # Answers given at a review of a failure to respond get their own column when there are any:
    # they are never counted as overturned (there was no decision to overturn).
    at_review = result.total.responded_at_review > 0
    names = ("reviews", "overturned", *(("answered\nat review",) if at_review else ()), "complaints", "decisions")
    if narrow:  # headers over two lines, so that the outcomes and exemptions keep their room
        names = tuple(_NARROW_HEADERS.get(name, name) for name in names)
    columns = [Column(heading, flex=1, min_width=10), Column("outcomes", flex=2, min_width=10),
               Column("exemptions", flex=2, min_width=10)]
    columns += [Column(name, justify="right") for name in names]
    cells = []
    for row in rows:
        counts = [row.reviews_requested, row.reviews_overturned]
        if at_review:
            counts.append(row.responded_at_review)
        counts += [row.complaints, row.decisions]
        outcomes = tuple(f"{n} {outcome}" for outcome, n in row.outcome_counts().items() if n)
        exemptions = tuple(f"{section}{KEEP_TOGETHER}\u00d7{n}" for section, n in row.exemption_counts().items())
        cells.append([row.authority, (outcomes, None), (exemptions, None), *(str(n) for n in counts)])
    labels(0, cells)
    write(render(columns, cells, width=width, styles=styles, title=f"Outcomes and grounds, {when}", gap=gap,
                 caption=HOW_TO_READ, sections={last}, bold_rows=total), sys.stdout)


_NARROW_HEADERS = {"reviews": "re-\nviews", "overturned": "over-\nturned", "complaints": "com-\nplaints", "decisions": "deci-\nsions",
                   "answered\nat review": "at\nreview"}


class _Names:
    """Short names from the report's own rows, as `name_authorities` asks a tracker for them."""

    def __init__(self, shorts: dict[str, str]):
        self.shorts = shorts

    def short_name(self, name: str) -> str:
        return self.shorts.get(name, name)


def _rate(percent: Optional[int], bar: bool):
    """The on-time rate's cell: a small bar (one block per full 20%) and the percentage, green at
    90% and over (the ICO's benchmark for answering within 20 working days), yellow from 50%,
    red below."""
    if percent is None:
        return ""
    style = "green" if percent >= 90 else "yellow" if percent >= 50 else "red"
    if not bar:
        return (f"{percent}%", style)
    filled = percent * RATE_BAR // 100  # a full bar only at 100%
    return ("\u2588" * filled + "\u2591" * (RATE_BAR - filled) + f" {percent}%", style)
