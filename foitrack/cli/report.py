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
    styled_status,
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
    requests, problems = tracker.load_all()
    report_problems(problems)
    result = build_report(tracker, requests, filters, by=grouping)
    if result.sent_later:
        count = result.sent_later
        note(
            f"{count} request{'s' if count != 1 else ''} sent after {fmt_date(result.as_of)} "
            f"(the --as-of date) {'are' if count != 1 else 'is'} not counted"
        )
    if chosen == "table":
        _print_table(result, any_requests=bool(requests))
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
TABLE_STYLE = {"show_edge": False, "collapse_padding": True, "pad_edge": False}


NARROW = 100  # below this many columns the table drops the bar (keeping the coloured percentage)
#               and puts one space between columns, so that every column still fits in 80


def rate_cell(percent: Optional[int], bar: bool = True) -> str:
    """A small bar (one block per full 20%) and the percentage: green at 90% and over
    (the ICO's benchmark for answering within 20 working days), yellow from 50%, red below."""
    if percent is None:
        return ""
    style = "green" if percent >= 90 else "yellow" if percent >= 50 else "red"
    if not bar:
        return f"[{style}]{percent}%[/]"
    filled = percent * RATE_BAR // 100  # a full bar only at 100%
    blocks = "█" * filled + "░" * (RATE_BAR - filled)
    return f"[{style}]{blocks} {percent}%[/]"


def _print_table(result, *, any_requests: bool) -> None:
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    from foitrack.dates import long_date
    from foitrack.publish.report import (
        HOW_TO_READ,
        count_cells,
        batch_line,
        batch_title,
        exemptions_text,
        number,
        outcomes_text,
    )
    from foitrack.cli.requests import short_id

    out = console()
    for lines in result.batches.values():
        table = Table(
            title=escape(batch_title(lines)),
            title_justify="left",
            header_style="bold",
            box=box.SIMPLE_HEAD,
            **TABLE_STYLE,
        )
        # Under 100 columns the due date and the working days go (show has them), so that the
        # authority, the point of this view, keeps room for its name.
        wide = out.width >= NARROW
        columns = [
            ("authority", "left"), ("status", "left"), ("due", "left"), ("answered", "left"),
            ("on time", "left"), ("outcome", "left"), ("working days", "right"), ("late", "right"),
            ("id", "left"),
        ]
        if not wide:
            columns = [c for c in columns if c[0] not in ("due", "working days")]
        for name, justify in columns:
            if name == "authority":
                table.add_column(name, min_width=16)
            else:
                table.add_column(name, justify=justify, no_wrap=True)
        for request, evaluation in lines:
            line = batch_line(request, evaluation)
            on_time = {True: "[green]yes[/]", False: "[red]no[/]", None: ""}[line["on_time"]]
            cells = {
                "authority": escape(line["authority"]),
                "status": styled_status(line["status"]),
                "due": short_date(line["due"]) if line["due"] else "",
                "answered": short_date(line["answered"]) if line["answered"] else "",
                "on time": on_time,
                "outcome": line["outcome"] or "",
                "working days": number(line["working_days"]),
                "late": str(line["working_days_overdue"] or ""),
                "id": short_id(line["id"]),
            }
            table.add_row(*(cells[name] for name, _ in columns))
        out.print(table)
        out.print()
    if result.empty:
        typer.echo("No requests." if not any_requests else "No requests match.")
        return
    scope = result.filters.describe()
    when = f"as at {long_date(result.as_of)}" + (f" ({escape(scope)})" if scope else "")
    last = len(result.rows) - 1

    narrow = out.width < NARROW
    timeliness = Table(
        title=f"Requests by {result.heading.lower()}, {when}",
        title_justify="left",
        header_style="bold",
        box=box.SIMPLE_HEAD,
        **TABLE_STYLE,
        **({"padding": 0} if narrow else {}),
    )
    timeliness.add_column(result.heading.lower(), min_width=12)
    for name in ("requests", "answered", "on\ntime", "late", "overdue", "open", "with-\ndrawn"):
        timeliness.add_column(name, justify="right", no_wrap=True)
    timeliness.add_column("on-time\nrate", justify="right", no_wrap=True)
    timeliness.add_column("median\ndays", justify="right", no_wrap=True)
    for index, row in enumerate([*result.rows, result.total]):
        timeliness.add_row(
            escape(row.authority),
            *count_cells(row),
            rate_cell(row.on_time_percent, bar=not narrow),
            number(row.median_working_days),
            end_section=index == last,
            style="bold" if row is result.total else None,
        )
    out.print(timeliness)
    out.print()

    outcomes = Table(
        title=f"Outcomes and grounds, {when}",
        title_justify="left",
        header_style="bold",
        box=box.SIMPLE_HEAD,
        caption=escape(HOW_TO_READ),
        caption_justify="left",
        **TABLE_STYLE,
        **({"padding": 0} if narrow else {}),
    )
    outcomes.add_column(result.heading.lower(), min_width=12)
    outcomes.add_column("outcomes", min_width=10)
    outcomes.add_column("exemptions", min_width=10)
    # Answers given at a review of a failure to respond get their own column when there are any:
    # they are never counted as overturned (there was no decision to overturn).
    at_review = result.total.responded_at_review > 0
    names = ("reviews", "overturned", *(("answered\nat review",) if at_review else ()), "complaints", "decisions")
    for name in names:
        outcomes.add_column(name, justify="right", no_wrap=True)
    for index, row in enumerate([*result.rows, result.total]):
        counts = [row.reviews_requested, row.reviews_overturned]
        if at_review:
            counts.append(row.responded_at_review)
        counts += [row.complaints, row.decisions]
        outcomes.add_row(
            escape(row.authority),
            escape(outcomes_text(row)),
            escape(exemptions_text(row)),
            *(str(n) for n in counts),
            end_section=index == last,
            style="bold" if row is result.total else None,
        )
    out.print(outcomes)
