"""The Typer app, its global options and the error boundary that keeps tracebacks from users."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
import traceback
from pathlib import Path
from typing import Any, Optional

import typer

try:  # Typer 0.2x vendors Click as typer._click; older Typer depends on Click itself.
    from typer import _click as click
except ImportError:  # pragma: no cover
    import click
from typer.core import TyperGroup

try:
    # Help is Click's plain layout (rich_markup_mode=None below: Rich's help costs more to import
    # than the rest of `foitrack --help`). Click wraps it with textwrap, which by default breaks
    # words at hyphens: 'very-\noverdue', '--as-\nof'. Words here are statuses and options, to be
    # read and typed whole, so wrap only at spaces.
    from typer._click._textwrap import TextWrapper as _HelpWrapper

    _HelpWrapper.wordsep_re = _HelpWrapper.wordsep_simple_re  # what textwrap splits words by
except ImportError:  # pragma: no cover  (another Typer or Click: its own wrapping)
    pass

from foitrack import __version__
from foitrack.errors import EXIT_PROBLEMS, EXIT_USAGE, FoitrackError, UsageError
from foitrack.vocab import KINDS, NATIONS


class FoitrackGroup(TyperGroup):
    """Runs commands with click's standalone mode off, so that every error, ours or click's,
    becomes one line on stderr with the contract's exit code."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        stdout = sys.stdout
        sys.stdout = _Output(stdout)  # a failed write to it says "cannot write the output"
        try:
            self._main(args, prog_name, **extra)
        finally:
            sys.stdout = stdout

    def _main(self, args=None, prog_name=None, **extra):
        argv = list(args) if args is not None else sys.argv[1:]
        debug = "--debug" in argv
        _exit_floor[0] = 0
        try:
            _plain_metavars(self)
            _reflow_help(self)
            result = super().main(
                args=argv, prog_name=prog_name or "foitrack", standalone_mode=False, **extra
            )
        except getattr(click.exceptions, "NoArgsIsHelpError", ()) as error:
            typer.echo(error.ctx.get_help() if error.ctx else str(error))
            sys.exit(0)
        except click.exceptions.UsageError as error:
            hint = f"; see '{error.ctx.command_path} --help'" if error.ctx else ""
            message = _bad_parameter(error, argv) if isinstance(error, click.exceptions.BadParameter) else None
            _fail(f"{(message or error.format_message()).rstrip('.')}{hint}", EXIT_USAGE)
        except typer.Abort:
            _fail("aborted", EXIT_PROBLEMS)
        except click.exceptions.ClickException as error:
            _fail(error.format_message(), error.exit_code)
        except FoitrackError as error:
            if debug:
                traceback.print_exc()
            _fail(error.message, error.exit_code)
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except BrokenPipeError:
            _silence_stdout()
            sys.stderr.close()
            sys.exit(EXIT_PROBLEMS)
        except OSError as error:  # a full disk, a read-only folder: the computer's fault, not ours
            if debug:
                traceback.print_exc()
            _silence_stdout()
            _fail(_os_failure(error), EXIT_PROBLEMS)
        except RecursionError:
            if debug:
                traceback.print_exc()
            _fail("the input is nested too deeply to read; run 'foitrack check' to find the file", EXIT_PROBLEMS)
        except Exception as error:  # the last line of defence: no traceback for users
            if debug:
                traceback.print_exc()
            _fail(
                f"internal error: {type(error).__name__}: {error} (run with --debug for details, "
                "and please report it)",
                EXIT_PROBLEMS,
            )
        _flush_output()
        code = result if isinstance(result, int) else 0
        sys.exit(max(code, _exit_floor[0]))


# Typer reads option values through pydantic, whose complaints are about "Input"; say them as the
# command line would, about the option and the value typed.
_PYDANTIC_WORDS = (
    (re.compile(r"Input should be a valid integer.*"), "is not a whole number"),
    (re.compile(r"Input should be a valid number.*"), "is not a number"),
    (re.compile(r"Input should be greater than or equal to (\S+)"), r"must be at least \1"),
    (re.compile(r"Input should be less than or equal to (\S+)"), r"must be at most \1"),
    (re.compile(r"Input should be greater than (\S+)"), r"must be more than \1"),
    (re.compile(r"Input should be less than (\S+)"), r"must be less than \1"),
    (re.compile(r"Input should be"), "must be"),
)


def _bad_parameter(error, argv: list[str]) -> str | None:
    """'--within 'x' is not a whole number' for Typer's "Invalid value for '--within' / '-w':
    Input should be a valid integer, unable to parse string as an integer"; None for a message
    that is not pydantic's."""
    text = error.message or ""
    for pattern, words in _PYDANTIC_WORDS:
        if pattern.match(text):
            text = pattern.sub(words, text, count=1)
            break
    else:
        return None
    param = error.param
    if param is None or not param.opts:
        return f"{error.param_hint or 'a value'} {text}"
    name = max(param.opts, key=len)
    typed = None
    for index, word in enumerate(argv):
        for opt in param.opts:
            if word == opt and index + 1 < len(argv):
                typed = argv[index + 1]
            elif word.startswith(opt + "="):
                typed = word[len(opt) + 1:]
    return f"{name} {typed!r} {text}" if typed is not None else f"{name} {text}"


#: An exit code a command has earned without stopping (files it could not read): the least it ends with.
_exit_floor = [0]


def fail_at_end(code: int = EXIT_PROBLEMS) -> None:
    """Finish the command, then exit with at least `code` (what it showed is incomplete)."""
    _exit_floor[0] = max(_exit_floor[0], code)


class OutputError(OSError):
    """Standard output could not be written (a full disk, a full device)."""


class _Output:
    """Standard output, whose write errors (other than a closed pipe) are `OutputError`s, so that
    the error line can say it was the output that could not be written."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text):
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError(error.errno, error.strerror) from None

    def flush(self):
        try:
            return self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError(error.errno, error.strerror) from None

    def __getattr__(self, name):
        return getattr(self._stream, name)


def _os_failure(error: OSError) -> str:
    """One line for an OSError nothing nearer caught."""
    from foitrack.errors import os_error_reason, os_error_text

    if isinstance(error, OutputError):
        return f"cannot write the output: {os_error_reason(error)}"
    return os_error_text(error)


def _flush_output() -> None:
    """Write out what the command printed now, while a failure can still be reported (output to
    a full disk, or a pipe that closed), rather than as a traceback at exit."""
    from foitrack.errors import os_error_reason

    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(EXIT_PROBLEMS)
    except OSError as error:
        _silence_stdout()
        _fail(f"cannot write the output: {os_error_reason(error)}", EXIT_PROBLEMS)


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that what could not be written is not tried again
    (with a traceback) as Python exits."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (a test's runner): nothing to do
        pass


def _reflow_help(group) -> None:
    """Help paragraphs flow to the terminal's width. Typer's rich help keeps a docstring's line
    breaks, so text wrapped at 100 columns in the source showed ragged at 80: join the lines of
    each paragraph, but keep a line that starts a list item or an indented example."""
    for command in [group, *getattr(group, "commands", {}).values()]:
        if command.help and not getattr(command, "_foitrack_reflowed", False):
            command.help = reflow(command.help)
            command._foitrack_reflowed = True


def reflow(text: str) -> str:
    import inspect
    import re

    paragraphs = []
    for paragraph in inspect.cleandoc(text).split("\n\n"):
        if paragraph.startswith("\b"):  # Click's mark for a paragraph to keep as written
            paragraphs.append(paragraph)
            continue
        lines: list[str] = []
        for line in paragraph.splitlines():
            starts_item = re.match(r"\s|[-*\u2022] |\d+[.)] |\$ ", line)
            if lines and not starts_item:
                lines[-1] += " " + line.strip()
            else:
                lines.append(line.rstrip())
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def _plain_metavars(group) -> None:
    """Help shows TEXT, N, PATH, DATE for values and nothing for flags, rather than Typer's
    type names (<bool>, <list[str]>, <int range>), which mean little to a journalist."""
    commands = [group, *getattr(group, "commands", {}).values()]
    for command in commands:
        for param in command.params:
            if param.metavar is not None or getattr(param, "param_type_name", "") == "argument":
                continue
            if getattr(param, "is_flag", False):
                param.metavar = ""
                continue
            try:
                name = str(param.bare_type()).lower()
            except Exception:  # another Typer version: keep its own labels
                continue
            param.metavar = "N" if "int" in name else "PATH" if "path" in name else "TEXT"


def _fail(message: str, code: int) -> None:
    print(f"foitrack: error: {message}", file=sys.stderr)
    sys.exit(code)


app = typer.Typer(
    cls=FoitrackGroup,
    name="foitrack",
    help="Track UK Freedom of Information requests: statutory deadlines, chasers and reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"foitrack {__version__}")
        raise typer.Exit()


@app.callback()
def global_options(
    ctx: typer.Context,
    directory: Path = typer.Option(
        Path("."),
        "--dir",
        "-d",
        envvar="FOITRACK_DIR",
        help="The tracker folder (holding foitrack.toml and requests/).",
        show_default="current folder",
    ),
    as_of: Optional[str] = typer.Option(
        None,
        "--as-of",
        metavar="DATE",
        help="Work out every deadline and status as at DATE instead of today (commands that send mail refuse it).",
    ),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback when something fails."),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    from foitrack.dates import parse_option_date
    from foitrack.tracker import Tracker

    today = dt.date.today()
    as_of_date = parse_option_date(as_of, "--as-of", today=today) if as_of is not None else None
    if as_of_date is not None:
        from foitrack.law.workdays import FIRST_DAY, FIRST_YEAR, LAST_DAY, LAST_YEAR

        if not FIRST_DAY <= as_of_date <= LAST_DAY:
            raise UsageError(
                f"--as-of: {as_of_date} is outside foitrack's calendar ({FIRST_YEAR}\u2013{LAST_YEAR})"
            )
    tracker = Tracker(directory, today=today, as_of_date=as_of_date)
    _install_hooks(tracker)
    ctx.obj = tracker


def _install_hooks(tracker) -> None:
    """Extension point for layers that follow every change (git commits)."""
    for installer in _HOOK_INSTALLERS:
        installer(tracker)


_HOOK_INSTALLERS: list = []


def tracker_of(ctx: typer.Context):
    return ctx.find_root().obj


# The --kind and --nation filters of list, report and export.
KIND_HELP = (
    f"Only authorities of this kind: {', '.join(KINDS)} ('foitrack authorities' shows each "
    "authority's kind; set your own authorities' in foitrack.toml)."
)
NATION_HELP = f"Only authorities in this nation: {', '.join(NATIONS)} (UK: bodies that work across the UK)."


# -- rendering helpers shared by the command modules ---------------------------------------------


def json_text(data: Any) -> str:
    """The JSON every command prints: indented, UTF-8 as it is, dates as ISO strings."""
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


def emit_json(data: Any) -> None:
    typer.echo(json_text(data), nl=False)


def emit_json_array(items) -> None:
    """A JSON array written an element at a time (`items` may be a generator), in the very text
    `json_text` would give the whole list: listings of 100,000 requests never hold their output
    in memory. Each element is encoded by msgspec, formatted with json's indent, and indented
    once more for its place in the array."""
    import msgspec

    encode = msgspec.json.Encoder(enc_hook=str).encode
    format_ = msgspec.json.format
    out = sys.stdout
    chunk: list[str] = []
    first = True
    for item in items:
        try:
            text = format_(encode(item), indent=2).decode("utf-8")
        except (TypeError, ValueError, UnicodeError):  # what msgspec will not encode (a lone surrogate)
            text = json.dumps(item, indent=2, ensure_ascii=False, default=str)
        chunk.append(("[\n  " if first else ",\n  ") + text.replace("\n", "\n  "))
        first = False
        if len(chunk) >= 500:
            out.write("".join(chunk))
            chunk.clear()
    chunk.append("[]\n" if first else "\n]\n")
    out.write("".join(chunk))


def warn(message: str, request=None) -> None:
    """`foitrack: warning: ...` on stderr; about one request, it says which (see `about`)."""
    print(f"foitrack: warning: {_about_prefix(request)}{message}", file=sys.stderr)


def note(message: str, request=None) -> None:
    """`foitrack: ...` on stderr; about one request, it says which (see `about`)."""
    print(f"foitrack: {_about_prefix(request)}{message}", file=sys.stderr)


def about(request) -> str:
    """How a line on stderr names the request it is about: 'ID (Authority)'. A tracker of 25
    authorities' requests gives a warning per request; without its id none can be acted on."""
    return f"{request.id} ({request.authority})"


def _about_prefix(request) -> str:
    return f"{about(request)}: " if request is not None else ""


def report_problems(problems) -> None:
    """Broken files never stop a command: name each on stderr and carry on. A file that could
    not be read at all is an error: the command carries on, and exits 1 at the end, since what
    it showed is missing that request."""
    for problem in problems:
        if problem.unreadable:
            print(f"foitrack: error: {problem} (left out of what follows)", file=sys.stderr)
            fail_at_end()
        else:
            print(f"foitrack: skipped {problem}", file=sys.stderr)


def load_requests(tracker, *, rows: bool = False):
    """The requests a listing command works on: broken files named on stderr, and requests sent
    after the --as-of date left out (with a note), since nothing about them existed yet. With
    `rows`, as the listing cache gives them (`Tracker.listing`: header and events, no text),
    for commands that show and count rather than write letters."""
    requests, problems, later = tracker.listing_as_at() if rows else tracker.load_as_at()
    report_problems(problems)
    if later:
        note(
            f"{later} request{'s' if later != 1 else ''} sent after {fmt_date(tracker.as_of)} "
            f"(the --as-of date) {'are' if later != 1 else 'is'} left out"
        )
    return requests, problems


def check_out_path(path: Path, option: str = "--out") -> None:
    """A usage error unless `path` can be a file we write: not a folder, in a folder that exists."""
    if path.is_dir():
        raise UsageError(f"{option} {path} is a folder: give a file name")
    if not path.parent.is_dir():
        raise UsageError(f"{option}: the folder {path.parent} does not exist")


def write_out(path: Path, data: bytes | str, option: str = "--out") -> None:
    """Write an output file atomically, so a calendar app or spreadsheet never reads half of it."""
    from foitrack.store.atomic import atomic_write

    text = data.decode("utf-8") if isinstance(data, bytes) else data
    check_out_path(path, option)
    try:
        atomic_write(path, text)
    except OSError as error:
        raise UsageError(f"{option}: cannot write {path}: {error.strerror}") from None


def console():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def parse_date_option(ctx: typer.Context, value: Optional[str], option: str) -> Optional[dt.date]:
    from foitrack.dates import parse_option_date

    if value is None:
        return None
    return parse_option_date(value, option, today=tracker_of(ctx).today)


def require_choice(value: Optional[str], choices, option: str) -> Optional[str]:
    if value is None:
        return None
    lowered = value.strip().lower()
    if lowered not in choices:
        raise UsageError(f"{option}: {value!r} is not one of {', '.join(choices)}")
    return lowered


STATUS_STYLES = {
    "awaiting-response": "",
    "overdue": "bold yellow",
    "very-overdue": "bold red",
    "clarification-requested": "cyan",
    "fee-requested": "cyan",
    "fee-lapsed": "dim",
    "answered": "green",
    "review-requested": "magenta",
    "review-overdue": "bold red",
    "complained": "magenta",
    "withdrawn": "dim",
}


def styled_status(status: str) -> str:
    style = STATUS_STYLES.get(status, "")
    return f"[{style}]{status}[/]" if style else status


def short_id(request_id: str) -> str:
    """The random tail of a generated id ('...-fusus-m8zu' -> 'm8zu'); other ids in full."""
    tail = request_id.rsplit("-", 1)[-1]
    return tail if len(tail) == 4 and tail != request_id else request_id


def short_date(day: Optional[dt.date], this_year: Optional[int] = None) -> str:
    """'01 Jun 23': fits a table column at 80 characters and stays unambiguous. Given the year
    the table is as at, a day in that year is just '01 Jun' (the three columns a subject needs
    to stay on one line at 80)."""
    if not day:
        return "-"
    return day.strftime("%d %b") if day.year == this_year else day.strftime("%d %b %y")


def fmt_date(day: Optional[dt.date]) -> str:
    return day.strftime("%d %b %Y") if day else "-"


def main() -> None:
    # COLUMNS is respected by rich; when piping, rich strips colour on its own.
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    for stream in (sys.stdout, sys.stderr):
        # A file or folder name that is not UTF-8 (Python holds its bytes as lone surrogates) is
        # shown escaped rather than stopping the command.
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    # foitrack's models are its own file format, not a service to observe: pydantic's plugins
    # (tracing and the like, found through every installed package's entry points, a scan that
    # costs more than reading a request) are not loaded, unless the environment says otherwise.
    # PYDANTIC_DISABLE_PLUGINS is pydantic's documented switch (pydantic.plugin._loader).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    import gc

    from foitrack.store import parsecache

    # One command per process, building hundreds of thousands of objects and almost no reference
    # cycles: collect rarely, and never re-walk the loaded requests (parsecache.collector_paused).
    # At 100,000 requests this takes list --json from ~10s to ~8s.
    gc.set_threshold(100_000, 50, 100)
    parsecache.freeze_after_load = True
    app()
