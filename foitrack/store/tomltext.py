"""Request files as text: rendering new ones, appending events, and finding the line of a key.

Updates never re-serialise what a user wrote. An event is appended as a new `[[events]]` table at
the end of the file, so comments, key order, unknown keys and spacing all survive byte for byte.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

import tomli_w

FILE_COMMENT = (
    "# A foitrack request. Edit it freely: foitrack only ever appends [[events]] to this file.\n"
    "# Status and deadlines are worked out from the events, so they are not stored here.\n"
)

_SYNTAX_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_EVENTS_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*events[ \t]*\]\]", re.M)
_TABLE_HEADER = re.compile(r"^[ \t]*\[", re.M)


def _value(value: Any) -> str:
    """One TOML value as a person would write it: short lists inline, long text multi-line."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    line = tomli_w.dumps({"k": value}, multiline_strings=True)
    return line[len("k = ") :].rstrip("\n")


def dumps(data: dict[str, Any]) -> str:
    """Flat key = value lines (no nested tables: request headers and events are flat)."""
    lines = []
    for key, value in data.items():
        rendered_key = tomli_w.dumps({key: 0})[: -len(" = 0\n")]
        lines.append(f"{rendered_key} = {_value(value)}")
    return "\n".join(lines) + "\n"


def render_event(event: dict[str, Any]) -> str:
    return "[[events]]\n" + dumps(event)


def render_request(header: dict[str, Any], events: list[dict[str, Any]]) -> str:
    text = FILE_COMMENT + dumps(header)
    for event in events:
        text += "\n" + render_event(event)
    return text


def append_event(text: str, event: dict[str, Any]) -> str:
    """The file's text with one more event at the end, verified to parse to exactly that."""
    before = tomllib.loads(text)
    new_text = text.rstrip("\n") + "\n\n" + render_event(event)
    try:
        after = tomllib.loads(new_text)
    except tomllib.TOMLDecodeError:
        after = None
    expected = dict(before)
    expected["events"] = list(before.get("events", [])) + [tomllib.loads(dumps(event))]
    if after != expected:
        # Only a hand-written `events = [...]` inline array (or a trailing table that swallows
        # the new one) can get here; refusing keeps the user's file exactly as it was.
        raise ValueError(
            "cannot append an event to this file: write its events as [[events]] tables "
            "at the end of the file"
        )
    return new_text


def syntax_error_line(error: tomllib.TOMLDecodeError) -> tuple[int, str]:
    """tomllib puts the position in the message; split it into a line and a clean message."""
    message = str(error)
    match = _SYNTAX_LINE.search(message)
    line = int(match.group(1)) if match else 1
    return line, _SYNTAX_LINE.sub("", message).strip()


def line_of(text: str, loc: tuple[Any, ...]) -> int:
    """Best line number for a pydantic error location such as ('events', 2, 'date').

    TOML parsers do not report positions of values, so this scans the text: the n-th
    [[events]] header for an event, then the key inside that table.
    """
    lines = text.splitlines()
    start, end = 0, len(lines)
    keys = list(loc)
    if keys and keys[0] == "events" and len(keys) >= 2 and isinstance(keys[1], int):
        headers = [text.count("\n", 0, m.start()) for m in _EVENTS_HEADER.finditer(text)]
        if keys[1] < len(headers):
            start = headers[keys[1]]
            following = [h for h in headers if h > start]
            end = following[0] if following else end
            keys = keys[2:]
            if not keys:
                return start + 1
    else:
        # Top-level keys live before the first table header.
        first_table = _TABLE_HEADER.search(text)
        if first_table:
            end = text.count("\n", 0, first_table.start())
    for key in keys:
        if not isinstance(key, str):
            continue
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for number in range(start, end):
            if pattern.match(lines[number]):
                return number + 1
    return start + 1
