"""Request files as text: rendering new ones, appending events, editing header lines, and
finding the line of a key.

Updates never re-serialise what a user wrote. An event is appended as a new `[[events]]` table at
the end of the file, and `foitrack edit` rewrites only the lines of the header keys it changes, so
comments, key order, unknown keys and spacing all survive byte for byte.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

import tomli_w

FILE_COMMENT = (
    "# A foitrack request. Edit it freely: foitrack appends [[events]], and 'foitrack edit' changes\n"
    "# only the header lines it is asked to. Status and deadlines are worked out from the events.\n"
)

BOM = "\ufeff"  # a byte-order mark: Windows editors start UTF-8 files with one

_SYNTAX_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_EVENTS_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*events[ \t]*\]\]", re.M)
_TABLE_HEADER = re.compile(r"^[ \t]*\[", re.M)


def _value(value: Any) -> str:
    """One TOML value as a person would write it: short lists inline, long text multi-line.

    Text holding a carriage return stays on one line, escaped: in a multi-line string a parser
    reads a line break written as CRLF as a plain newline, so the \\r would be lost."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    multiline = not (isinstance(value, str) and "\r" in value)
    line = tomli_w.dumps({"k": value}, multiline_strings=multiline)
    return line[len("k = ") :].rstrip("\n")


def newline_of(text: str) -> str:
    """The line ending a file is written with, as its first line ends ('\\r\\n' for a file
    saved on Windows or checked out with core.autocrlf); '\\n' for a file of one line."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


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
    # A file written with CRLF line ends keeps them, in a multi-line value too (a parser reads a
    # CRLF line break inside a multi-line string as "\n", as the value holds it).
    newline = newline_of(text)
    new_text = text.rstrip("\r\n") + newline * 2 + render_event(event).replace("\n", newline)
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


#: In `edit_header`'s changes: take the key out of the header.
REMOVE = object()

# The order a request's header keys are written in (`Request.header_toml_dict`); a key `edit_header`
# adds goes after the last one before it that the file has.
HEADER_ORDER = (
    "authority", "subject", "sent", "drafted", "received", "regime", "batch", "tags", "via", "email",
    "message_id", "delivery",
)
_KEY_PREFIX = re.compile(r"""^([ \t]*(?:"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[A-Za-z0-9_-]+)[ \t]*=[ \t]*)""")
_TRAILING = re.compile(r"^[ \t]*(#[^\n]*)?$")


def _lines(text: str) -> list[str]:
    """The text as lines that keep their endings, split only at newlines (TOML's line breaks;
    str.splitlines would also split at characters a string may hold)."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def _parses(text: str) -> dict[str, Any] | None:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None


def _header_statements(lines: list[str]) -> tuple[dict[str, tuple[int, int]], int]:
    """Where each top-level key's statement is: key -> (first line, last line), and the index
    of the line where the first table starts (len(lines) if none).

    A statement is the fewest lines from its first that parse on their own, so a multi-line
    string or array is one statement, and a line inside one that starts with '[' is never
    mistaken for a table."""
    found: dict[str, tuple[int, int]] = {}
    index = 0
    while index < len(lines):
        stripped = lines[index].strip()
        if not stripped or stripped.startswith("#"):
            index += 1
            continue
        if stripped.startswith("["):
            return found, index
        end = index
        while (parsed := _parses("".join(lines[index : end + 1]))) is None:
            end += 1
            if end == len(lines):
                raise ValueError(f"line {index + 1} does not parse")
        for key in parsed:
            found[key] = (index, end)
        index = end + 1
    return found, len(lines)


def _statement(prefix: str, value: Any, trailing: str, newline: str) -> str:
    return f"{prefix}{_value(value)}{trailing}{newline}"


def _replaced(lines: list[str], first: int, last: int, key: str, value: Any) -> str:
    """The statement on lines first..last with a new value, keeping how the key was written and
    any comment after the value."""
    head = "".join(lines[first:last])
    final = lines[last]
    newline = "\r\n" if final.endswith("\r\n") else "\n" if final.endswith("\n") else ""
    body = final[: len(final) - len(newline)]
    trailing = ""
    for cut in range(len(body) + 1):
        if _TRAILING.match(body[cut:]) and _parses(head + body[:cut]) is not None:
            trailing = body[cut:]
            break
    match = _KEY_PREFIX.match(lines[first])
    prefix = match.group(1) if match else tomli_w.dumps({key: 0})[: -len("0\n")]
    return _statement(prefix, value, trailing, newline)


def edit_header(text: str, changes: dict[str, Any]) -> str:
    """The file's text with header keys set to new values (or taken out, for REMOVE), every
    other byte as it was, verified to parse to exactly the old data with those keys changed.

    A key's statement is rewritten in place, keeping its spelling, indentation and any comment
    after its value; a key the header lacks is added after the last key that comes before it in
    HEADER_ORDER. Raises ValueError, leaving nothing changed, when the result would differ."""
    before = tomllib.loads(text)
    lines = _lines(text)
    found, tables = _header_statements(lines)
    newline = newline_of(text)
    replacements: dict[int, tuple[int, str]] = {}  # first line -> (last line, new text)
    inserts: dict[int, list[str]] = {}  # insert before this line
    for key, value in changes.items():
        if key in found:
            first, last = found[key]
            new = "" if value is REMOVE else _replaced(lines, first, last, key, value)
            replacements[first] = (last, new)
        elif value is not REMOVE:
            earlier = [found[k][1] for k in HEADER_ORDER[: HEADER_ORDER.index(key)] if k in found] if key in HEADER_ORDER else []
            at = max(earlier) + 1 if earlier else max((end for _, end in found.values()), default=-1) + 1
            rendered_key = tomli_w.dumps({key: 0})[: -len("0\n")]
            line = _statement(rendered_key, value, "", newline)
            if at > 0 and not lines[at - 1].endswith("\n"):
                line = newline + line
            inserts.setdefault(at, []).append(line)
    out: list[str] = []
    index = 0
    while index <= len(lines):
        out.extend(inserts.get(index, ()))
        if index == len(lines):
            break
        if index in replacements:
            last, new = replacements[index]
            out.append(new)
            index = last + 1
            continue
        out.append(lines[index])
        index += 1
    new_text = "".join(out)
    expected = dict(before)
    for key, value in changes.items():
        if value is REMOVE:
            expected.pop(key, None)
        else:
            expected[key] = tomllib.loads(dumps({key: value}))[key]
    if _parses(new_text) != expected:
        raise ValueError(
            "cannot change this file's header safely: write its keys as plain key = value lines "
            "before the first [[events]]"
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
