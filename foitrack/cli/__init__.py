"""The command line: parses options, calls the library, renders the result. No logic lives here.

Every command module registers itself on `app`. `main` is the console script. The top layer:
it may import anything in foitrack, and nothing in foitrack imports it.
"""

from __future__ import annotations

from foitrack.cli.app import app, main
# Imported in the order `foitrack --help` lists the commands.
from foitrack.cli import requests as _requests  # noqa: F401  (registers commands)
from foitrack.cli import listing as _listing  # noqa: F401
from foitrack.cli import recording as _recording  # noqa: F401
from foitrack.cli import checking as _checking  # noqa: F401
from foitrack.cli import deadlines as _deadlines  # noqa: F401
from foitrack.cli import authorities as _authorities  # noqa: F401
from foitrack.cli import report as _report  # noqa: F401
from foitrack.cli import teamwork as _teamwork  # noqa: F401
from foitrack.cli import chase as _chase  # noqa: F401
from foitrack.cli import mail as _mail  # noqa: F401

__all__ = ["app", "main"]
