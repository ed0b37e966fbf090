"""Reading one request file: its bytes to a validated `Request`, or to the problems found in it,
each with the line it is on."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from foitrack.errors import Problem, os_error_reason
from foitrack.store import tomltext
from foitrack.store.model import Request

#: How deeply values may nest (arrays in arrays, tables in tables). A request's own keys are flat;
#: this leaves room for a user's notes and keeps every later step (validation, the parse cache,
#: appending an event) from running out of stack on a file built to be hostile.
MAX_DEPTH = 32


@dataclass
class LoadedFile:
    """One request file as read: its text, and either a request or the problems found in it."""

    path: Path
    text: str | None = None
    request: Request | None = None
    problems: list[Problem] = field(default_factory=list)


REQUESTS_DIR = "requests"  # the folder of request files, in the tracker folder


def is_request_name(name: str) -> bool:
    """Is a file of this name in requests/ a request file? (`.toml`, not hidden: editors' and
    atomic writes' temporary files start with a dot.) Callers also check it is a regular file."""
    return name.endswith(".toml") and not name.startswith(".")


def parse_request_text(path: Path, text: str, request_id: str) -> LoadedFile:
    """Parse and validate one file's text, turning every fault into a Problem with a line.

    A byte-order mark at the start (Windows editors write one) is read past, and kept."""
    loaded = LoadedFile(path=path, text=text)
    try:
        data = tomllib.loads(text.removeprefix(tomltext.BOM))
    except tomllib.TOMLDecodeError as error:
        line, message = tomltext.syntax_error_line(error)
        loaded.problems.append(Problem(path, line, f"TOML syntax error: {message}"))
        return loaded
    except RecursionError:
        data = None
    if data is None or _depth(data) > MAX_DEPTH:
        loaded.problems.append(
            Problem(path, _deep_line(text), f"values are nested more than {MAX_DEPTH} deep, too deep to read: flatten them")
        )
        return loaded
    try:
        loaded.request = Request.model_validate(data).bind(request_id, path)
    except ValidationError as error:
        for detail in error.errors():
            loc = tuple(detail.get("loc", ()))
            loaded.problems.append(Problem(path, tomltext.line_of(text, loc), _describe(detail)))
    return loaded


def parse_bytes(path: Path, raw: bytes, request_id: str) -> LoadedFile:
    """Decode a file's bytes as UTF-8 and parse them (a file that is not UTF-8 is a Problem)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return LoadedFile(path, problems=[Problem(path, line, "not UTF-8 text")])
    if not raw:
        return LoadedFile(path, text="", problems=[Problem(path, 1, EMPTY_FILE)])
    return parse_request_text(path, text, request_id)


EMPTY_FILE = (
    "the file is empty (0 bytes): a write that was cut off, or an emptied file; "
    "'foitrack check --clean' removes it, or restore it from a copy"
)


def unreadable(path: Path, error: OSError) -> LoadedFile:
    """The file could not be read at all (permissions, a disk error)."""
    return LoadedFile(path, problems=[Problem(path, 1, f"cannot read it: {os_error_reason(error)}", unreadable=True)])


def _depth(data: Any) -> int:
    """How deeply a parsed TOML value nests, without recursion."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            items = value.values()
        elif isinstance(value, list):
            items = value
        else:
            continue
        deepest = max(deepest, depth)
        if depth <= MAX_DEPTH:
            stack.extend((item, depth + 1) for item in items)
    return deepest


def _deep_line(text: str) -> int:
    """Roughly where nesting first gets too deep: brackets counted line by line (strings are not
    told apart; the line is a pointer, not a verdict)."""
    depth = 0
    for number, line in enumerate(text.split("\n"), 1):
        for char in line:
            if char in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    return number
            elif char in "]}":
                depth = max(0, depth - 1)
    return 1


def _describe(detail: dict[str, Any]) -> str:
    loc = [str(part) for part in detail.get("loc", ())]
    message = detail.get("msg", "invalid")
    message = re.sub(r"^(Value error|Assertion failed), ", "", message)
    if detail.get("type") == "missing":
        return f"missing required key '{loc[-1]}'" if loc else "missing required key"
    if detail.get("type") == "literal_error" and loc:
        return f"{_where(loc)}: {detail.get('input')!r} is not valid; {message.lower()}"
    return f"{_where(loc)}: {message}" if loc else message


def _where(loc: list[str]) -> str:
    if len(loc) >= 2 and loc[0] == "events" and loc[1].isdigit():
        rest = ".".join(loc[2:])
        name = f"event {int(loc[1]) + 1}"
        return f"{name} {rest}".strip()
    return ".".join(loc)
