"""`foitrack authorities`: search the directory of UK public authorities."""

from __future__ import annotations

from typing import Optional

import typer

from foitrack.cli.app import app, console, emit_json, tracker_of, warn


@app.command()
def authorities(
    ctx: typer.Context,
    query: Optional[str] = typer.Argument(None, help="Part of a name or alias, e.g. 'hackney' or 'the Met'."),
    limit: int = typer.Option(20, "--limit", "-n", min=0, help="Show at most N matches (0: all)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Search the directory of UK public authorities by name or alias, best match first."""
    tracker = tracker_of(ctx)
    directory = tracker.directory
    for warning in directory.warnings:
        warn(warning)
    found = directory.search(query or "", limit=limit or None)
    if as_json:
        emit_json([authority.to_json() for authority in found])
        return
    if not found:
        typer.echo(f"No authority matches {query!r}; you can still log a request to it by name.")
        return
    from rich import box
    from rich.table import Table

    table = Table(header_style="bold", box=box.SIMPLE_HEAD, show_edge=False)
    table.add_column("name")
    table.add_column("kind")
    table.add_column("nation")
    table.add_column("law")
    table.add_column("also known as")
    for authority in found:
        aliases = ", ".join(authority.aliases[:4]) + (" ..." if len(authority.aliases) > 4 else "")
        table.add_row(authority.name, authority.kind, authority.nation or "", authority.regime.upper(), aliases)
    console().print(table)
