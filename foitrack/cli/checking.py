"""The command that checks every request file: check (and check --clean), with progress on a
terminal."""

from __future__ import annotations

import sys

import typer

from foitrack.cli.app import (
    app,
    emit_json,
    tracker_of,
)
from foitrack.errors import EXIT_PROBLEMS


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def _progress_line():
    """How far `check` has got, on one line of stderr rewritten in place, wiped at the end."""

    def progress(done: int, total: int) -> None:
        line = f"Checked {done:,} of {total:,} request files"
        sys.stderr.write(f"\r{line}" + ("\r" + " " * len(line) + "\r" if done == total else ""))
        sys.stderr.flush()

    return progress


@app.command()
def check(
    ctx: typer.Context,
    clean: bool = typer.Option(
        False, "--clean", help="First clear away what writes that were cut off left behind (see below)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Validate every request file; report every problem as PATH:LINE: message (exit 1 if any).

    It also finds what a write cut off by a crash, a kill or a full disk left behind: hidden
    .NAME.XXXXXXXX.tmp files beside a request file or foitrack.toml, and empty request files.
    --clean clears them away: a leftover copy, or an update or new request that never finished,
    is deleted (the file it was for is as it was before that command); an empty request file
    gets its content back from a leftover that holds it, or else is removed."""
    tracker = tracker_of(ctx)
    if clean:
        for leftover in tracker.clean():
            verb = {"restore": "put back", "empty": "removed empty file"}.get(leftover.kind, "deleted")
            shown = leftover.target if leftover.kind in ("restore", "empty") else leftover.path
            print(f"foitrack: {verb} {shown}{leftover.what if leftover.kind == 'restore' else ''}", file=sys.stderr)
    problems = tracker.check(progress=_progress_line() if stderr_is_terminal() else None)
    if as_json:
        emit_json({"problems": [problem.to_json() for problem in problems]})
    else:
        for problem in problems:
            typer.echo(str(problem))
        count = len(tracker.store.request_paths())
        if problems:
            files = len({problem.path for problem in problems})
            print(
                f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {files} "
                f"file{'s' if files != 1 else ''}.",
                file=sys.stderr,
            )
        else:
            typer.echo(
                "The request file is valid." if count == 1 else f"All {count} request files are valid."
            )
    if problems:
        raise typer.Exit(EXIT_PROBLEMS)

