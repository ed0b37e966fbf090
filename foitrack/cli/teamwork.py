"""Commands for working with others: sync, log, calendar, import, export."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import List, Optional

import typer

from foitrack.errors import UsageError

from foitrack.cli.app import (
    KIND_HELP,
    NATION_HELP,
    app,
    check_out_path,
    json_text,
    emit_json,
    emit_json_array,
    fmt_date,
    note,
    load_requests,
    parse_date_option,
    require_choice,
    tracker_of,
    warn,
    write_out as _write_out,
)
from foitrack.vocab import outcome_words_help


def _stdout(text: str) -> None:
    typer.echo(text, nl=False)


@app.command()
def sync(ctx: typer.Context) -> None:
    """Share your changes and get your colleagues': pull (rebasing your commits) then push."""
    from foitrack.teamwork.git import require_repo

    tracker = tracker_of(ctx)
    repo = require_repo(tracker)
    with tracker.store.lock():  # no foitrack command writes while the rebase moves files
        repo.set_up_merge_driver()  # a fresh clone's config has no driver until foitrack sets it
        result = repo.sync()
    where = f"{result.remote}/{result.branch}"
    if result.pulled:
        typer.echo(f"Pulled {len(result.pulled)} change{'s' if len(result.pulled) != 1 else ''} from {where}:")
        for subject in result.pulled[:20]:
            typer.echo(f"  {subject}")
        if len(result.pulled) > 20:
            typer.echo(f"  ... and {len(result.pulled) - 20} more")
    if result.pushed:
        typer.echo(f"Pushed {result.pushed} change{'s' if result.pushed != 1 else ''} to {where}.")
    if not result.pulled and not result.pushed:
        typer.echo(f"Up to date with {where}.")


@app.command("merge-driver", hidden=True)
def merge_driver(
    base: Path = typer.Argument(..., help="The common ancestor's version (git's %O)."),
    ours: Path = typer.Argument(..., help="This side's version, where the result goes (%A)."),
    theirs: Path = typer.Argument(..., help="The other side's version (%B)."),
    name: str = typer.Argument("", help="The file's path in the repository (%P)."),
) -> None:
    """git's merge driver for request files, which foitrack registers: both sides' events kept,
    header keys merged one by one; a key both sides changed is a conflict (exit 1)."""
    from foitrack.teamwork.merge import describe, merge_request

    try:
        texts = [path.read_bytes().decode("utf-8") for path in (base, ours, theirs)]
    except UnicodeDecodeError:  # not a request file foitrack can read: git's own merge, in place
        import subprocess

        raise typer.Exit(1 if subprocess.run(["git", "merge-file", str(ours), str(base), str(theirs)]).returncode else 0)
    merged = merge_request(*texts)
    with open(ours, "w", encoding="utf-8", newline="") as handle:
        handle.write(merged.text)
    for conflict in merged.conflicts:
        print(f"foitrack: {name}: both sides changed {describe(conflict)}", file=sys.stderr)
    for problem in merged.problems:
        print(f"foitrack: {name}: {problem}", file=sys.stderr)
    if not merged.clean:
        raise typer.Exit(1)


@app.command("log")
def log(
    ctx: typer.Context,
    request_id: str = typer.Argument(..., metavar="ID", help="The request's id, or any unique part of it."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """A request's history from git: who changed it, when, and what happened, newest first."""
    from foitrack.teamwork.git import require_repo

    tracker = tracker_of(ctx)
    repo = require_repo(tracker)
    tracker.store.require()
    path = tracker.resolve(request_id)
    entries = repo.history(path)
    if repo.uncommitted(path):
        note(f"{path.stem}: its file has changes not committed yet: they are not in this history")
    if as_json:
        emit_json([entry.to_json() for entry in entries])
        return
    if not entries:
        typer.echo(f"{path.stem} has no history in git yet.")
        return
    for entry in entries:
        typer.echo(f"{entry.date:%d %b %Y %H:%M}  {entry.commit[:8]}  {entry.author}  {entry.message}")


@app.command()
def calendar(
    ctx: typer.Context,
    out: Optional[Path] = typer.Option(None, "--out", "-o", metavar="FILE", help="Write the .ics file here (default: print it)."),
    as_json: bool = typer.Option(False, "--json", help="List the deadlines as JSON instead of iCalendar."),
) -> None:
    """Open deadlines as an iCalendar (.ics) file for calendar apps.

    One all-day event per request, its next deadline in the order the law sets: the response due, then the last day to ask for an internal review, the review's result due, and the last day to complain to the commissioner. Event UIDs stay the same across exports.
    """
    from foitrack.publish.ical import build_calendar, deadlines_for

    tracker = tracker_of(ctx)
    requests, problems = load_requests(tracker, rows=True)
    deadlines = [d for request in requests for d in deadlines_for(request, tracker.evaluate(request))]
    deadlines.sort(key=lambda d: (d.date, d.request.id))
    if as_json:
        emit_json([d.to_json() for d in deadlines])
        return
    data = build_calendar(deadlines, stamp=dt.datetime.now(dt.timezone.utc))
    if out is None:
        _stdout(data.decode("utf-8"))
        return
    _write_out(out, data)
    typer.echo(f"Wrote {len(deadlines)} deadline{'s' if len(deadlines) != 1 else ''} to {out}.")


@app.command(
    "import",
    epilog="An outcome column is read in the words respond and record read: " + outcome_words_help() + ".",
)
def import_csv(
    ctx: typer.Context,
    file: Path = typer.Argument(..., metavar="FILE.csv", help="A spreadsheet saved as CSV, with a header row."),
    subject: Optional[str] = typer.Option(None, "--subject", "-s", help="The subject of rows with none (a sheet with no subject column)."),
    sent: Optional[str] = typer.Option(None, "--sent", metavar="DATE", help="The date sent of rows with none (a sheet with no date column)."),
    batch: Optional[str] = typer.Option(None, "--batch", help="The batch of rows with none."),
    tag: List[str] = typer.Option([], "--tag", "-t", help="A tag for every imported request; repeatable."),
    accept_suggestions: bool = typer.Option(
        False, "--accept-suggestions", help="Read an authority name with a single near match in the directory as that authority (each is noted)."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", "-n", help="Show what would be created; write nothing."),
    skip_bad: bool = typer.Option(False, "--skip-bad", help="Import the good rows even if some rows have problems."),
    as_json: bool = typer.Option(False, "--json", help="Print what happened as JSON."),
) -> None:
    """Create requests from a spreadsheet saved as CSV.

    Nothing is imported unless every row is good (or --skip-bad); importing the same file again
    creates nothing new. --subject, --sent, --batch and --tag fill in what a sheet lacks (a
    "chased" column becomes chased events). Every cell is used or reported: a cell in a column
    foitrack does not read is named with its rows, never dropped silently.
    """
    from foitrack.errors import EXIT_PROBLEMS, UsageError
    from foitrack.teamwork.spreadsheet import Defaults, apply_import, plan_import, read_source

    tracker = tracker_of(ctx)
    tracker.store.require()
    if subject is not None and not subject.strip():
        raise UsageError("the subject cannot be empty (--subject)")
    if batch is not None and not batch.strip():
        raise UsageError("a batch name cannot be empty (--batch)")
    if any(not t.strip() for t in tag):
        raise UsageError("a tag cannot be empty (--tag)")
    sent_date = parse_date_option(ctx, sent, "--sent")
    if sent_date is not None and sent_date > tracker.today:
        raise UsageError(f"--sent {sent_date:%d %b %Y} is in the future; give the day the requests went")
    defaults = Defaults(
        subject=" ".join(subject.split()) if subject else None,
        sent=sent_date,
        batch=batch.strip() if batch else None,
        tags=tuple(t.strip() for t in tag),
    )
    plan = plan_import(tracker, read_source(file), str(file), defaults, accept_suggestions=accept_suggestions)
    for message in plan.notes:
        note(message)
    reported = {cell.column for cell in plan.unused}
    quiet = [name for name in plan.ignored if name not in reported]
    if quiet:
        note(f"ignored column{'s' if len(quiet) != 1 else ''} with nothing in the rows imported: {', '.join(quiet)}")
    for line in _unused_lines(plan.unused):
        note(f"not imported: {line}")
    for row in plan.rows:
        for message in row.notes:
            note(f"note: {message}")
    errors = plan.errors
    for error in errors:
        print(f"foitrack: {'skipped ' if skip_bad else ''}{error}", file=sys.stderr)
    blocked = bool(errors) and not skip_bad
    created = []
    if not dry_run and not blocked:
        created = apply_import(tracker, plan, skip_bad=skip_bad)
    to_create = plan.by_action("create")
    existing = plan.by_action("exists")
    repeats = plan.by_action("repeat")
    if as_json:
        listed = [] if blocked else [
            _row_json(row, created[index] if created else None) for index, row in enumerate(to_create)
        ]
        emit_json(
            {
                "dry_run": dry_run,
                "imported": not dry_run and not blocked,
                "columns": plan.columns,
                "ignored_columns": plan.ignored,
                "created": listed,  # in a dry run: what would be created (id and path null)
                "existing": [{"row": row.row, "id": row.existing} for row in existing],
                "repeated_rows": [{"row": row.row, "repeats": row.repeats} for row in repeats],
                "errors": [error.to_json() for error in errors],
                "unused": [cell.to_json() for cell in plan.unused],
                "notes": [message for row in plan.rows for message in row.notes],
            }
        )
    else:
        if dry_run:
            for row in to_create:
                typer.echo(f"would create (row {row.row}): {_describe(row.request)}")
        else:
            for request in created:
                typer.echo(f"{request.id}  {request.authority}  {request.subject}")
        for row in existing:
            typer.echo(f"row {row.row} is already in the tracker as {row.existing}")
        for row in repeats:
            typer.echo(f"row {row.row} repeats row {row.repeats}; left out")
    bad_rows = len({error.row for error in errors})
    if blocked:
        print(
            f"foitrack: error: {bad_rows} row{'s have' if bad_rows != 1 else ' has'} problems, so nothing was "
            f"imported: fix {'them' if bad_rows != 1 else 'it'} in the spreadsheet, or pass --skip-bad to "
            f"import the {len(to_create)} good row{'s' if len(to_create) != 1 else ''}",
            file=sys.stderr,
        )
        raise typer.Exit(EXIT_PROBLEMS)
    if not as_json:
        verb = "Would import" if dry_run else "Imported"
        count = len(to_create) if dry_run else len(created)
        parts = [f"{verb} {count} request{'s' if count != 1 else ''} from {file.name}"]
        if existing:
            parts.append(f"{len(existing)} already in the tracker")
        if bad_rows:
            parts.append(f"{bad_rows} bad row{'s' if bad_rows != 1 else ''} skipped")
        typer.echo("; ".join(parts) + ".")


def _unused_lines(unused) -> list[str]:
    """One line per column and reason: "'Journalist' in rows 2, 3 and 5 ('Jo', 'Sam', 'Jo'): ..."."""
    groups: dict[tuple[str, str], list] = {}
    for cell in unused:
        groups.setdefault((cell.column, cell.why), []).append(cell)
    lines = []
    for (column, why), cells in groups.items():
        if len(cells) == 1:
            lines.append(f"row {cells[0].row}, {column}: {cells[0].value!r}: {why}")
            continue
        rows = [str(cell.row) for cell in cells]
        listed = ", ".join(rows[:-1]) + " and " + rows[-1] if len(rows) <= 8 else ", ".join(rows[:8]) + f" and {len(rows) - 8} more"
        values = ", ".join(repr(cell.value) for cell in cells[:3]) + (" ..." if len(cells) > 3 else "")
        lines.append(f"{column!r} in rows {listed} ({values}): {why}")
    return lines


def _describe(request) -> str:
    parts = [f"{request.authority}: {request.subject} (sent {fmt_date(request.sent)}, {request.regime.upper()}"]
    for event in request.events:
        detail = event.outcome or (f"ref {event.ref}" if event.ref else "")
        parts.append(f"; {event.type} {fmt_date(event.date)}{' ' + detail if detail else ''}")
    return "".join(parts) + ")"


def _row_json(row, request) -> dict:
    shown = request or row.request
    return {
        "row": row.row,
        "id": request.id if request else None,
        "authority": shown.authority,
        "subject": shown.subject,
        "sent": shown.sent.isoformat() if shown.sent else None,
        "regime": shown.regime,
        "events": [event.type for event in shown.events],
        "path": str(request.path) if request else None,
    }


@app.command()
def export(
    ctx: typer.Context,
    path: Optional[Path] = typer.Argument(
        None, metavar="[PATH]", help="The file to write (the same as --out; needed for sqlite)."
    ),
    fmt: str = typer.Option("csv", "--format", "-f", help="csv, json, or sqlite (a database for Datasette)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", metavar="FILE", help="Write here (default: print it)."),
    kind: Optional[str] = typer.Option(None, "--kind", metavar="KIND", help=KIND_HELP),
    nation: Optional[str] = typer.Option(None, "--nation", metavar="NATION", help=NATION_HELP),
) -> None:
    """Every request, one row each, with its derived status, due date and outcome, and its
    authority's kind and nation.

    --format sqlite PATH writes a SQLite database (tables requests, events, authorities and
    exemptions, with keys between them and full-text search on subjects, bodies and notes) and,
    beside it, Datasette's metadata saying what each table holds: browse it with
    'datasette PATH --metadata STEM.metadata.json'. Exporting again replaces both in one step.
    """
    from foitrack.publish.export import FORMATS, export_row, render

    tracker = tracker_of(ctx)
    fmt = require_choice(fmt, FORMATS, "--format")
    if path is not None and out is not None and path != out:
        raise UsageError(f"give the file once: {path} or --out {out}")
    target = path or out
    requests, problems = load_requests(tracker, rows=fmt != "sqlite")  # the database holds every event's text
    chosen = sorted(tracker.matching(requests, kind=kind, nation=nation), key=lambda r: (r.logged_on, r.id))
    if fmt == "sqlite":
        _export_database(tracker, chosen, target)
    else:
        rows = (export_row(request, tracker.evaluate(request), tracker.authority(request.authority)) for request in chosen)
        if target is None:  # written as it goes: 100,000 rows are never one string
            if fmt == "csv":
                from foitrack.publish.export import csv_chunks

                for chunk in csv_chunks(rows):
                    sys.stdout.write(chunk)
            else:
                emit_json_array(rows)
            return
        _write_out(target, render(list(rows), fmt))
        typer.echo(f"Wrote {len(chosen)} request{'s' if len(chosen) != 1 else ''} to {target}.")
    if problems:
        warn(f"{len(problems)} problem(s) in request files kept some requests out: run foitrack check")


def _export_database(tracker, requests, target: Optional[Path]) -> None:
    from foitrack.publish.database import metadata_for, metadata_path, write_database

    if target is None:
        raise UsageError("--format sqlite needs a file to write: foitrack export --format sqlite PATH")
    check_out_path(target, "PATH")
    if target.exists() and not _is_sqlite(target):
        raise UsageError(f"{target} is not a SQLite database; give a new file name (an export replaces only a database)")
    try:
        counts = write_database(target, tracker, requests)
        metadata = metadata_path(target)
        _write_out(metadata, json_text(metadata_for(target, tracker.as_of)))
    except OSError as error:
        raise UsageError(f"cannot write {target}: {error.strerror or error}") from None
    typer.echo(
        f"Wrote {counts['requests']} request{'s' if counts['requests'] != 1 else ''}, "
        f"{counts['events']} event{'s' if counts['events'] != 1 else ''} and "
        f"{counts['authorities']} authorit{'ies' if counts['authorities'] != 1 else 'y'} to {target}."
    )
    typer.echo(f"Browse them with: datasette {target} --metadata {metadata}")


def _is_sqlite(path: Path) -> bool:
    """Does the file hold a SQLite database (or nothing yet)? An export never replaces anything else."""
    try:
        with path.open("rb") as handle:
            start = handle.read(16)
    except OSError:
        return False
    return start in (b"", b"SQLite format 3\x00")
