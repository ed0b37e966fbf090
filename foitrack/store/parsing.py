"""Reading one request file: its bytes to a validated `Request`, or to the problems found in it,
each with the line it is on."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from foitrack.errors import Problem
from foitrack.store import tomltext
from foitrack.store.model import Request


@dataclass
class LoadedFile:
    """One request file as read: its text, and either a request or the problems found in it."""

    path: Path
    text: str | None = None
    request: Request | None = None
    problems: list[Problem] = field(default_factory=list)


def is_request_name(name: str) -> bool:
    """Is a file of this name in requests/ a request file? (`.toml`, not hidden: editors' and
    atomic writes' temporary files start with a dot.) Callers also check it is a regular file."""
    return name.endswith(".toml") and not name.startswith(".")


def parse_request_text(path: Path, text: str, request_id: str) -> LoadedFile:
    """Parse and validate one file's text, turning every fault into a Problem with a line."""
    loaded = LoadedFile(path=path, text=text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, message = tomltext.syntax_error_line(error)
        loaded.problems.append(Problem(path, line, f"TOML syntax error: {message}"))
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
    return parse_request_text(path, text, request_id)


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
