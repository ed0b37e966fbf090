"""Merging two people's changes to one request file: the git merge driver foitrack registers.

Two reporters adding events to the same request on different machines is the everyday case: a
line-by-line merge sees both append at the end of the file and calls it a conflict. A request
file is a header plus a list of `[[events]]`, and the merge follows that shape:

- Events are unioned: every event either side added is kept, once (an event both added the same
  way is one event). If one side edited or removed an earlier event and the other only added
  events, the edit stands and the additions follow it. If both sides edited earlier events, the
  events are merged line by line like any text, and may conflict.
- The header is merged key by key against the common ancestor: a key changed on one side takes
  that side's value; a key both changed to the same value is that value. A key both sides
  changed to different values is a conflict, reported by name with both values: foitrack never
  picks one for you. Header text that is not a key (a comment) is merged line by line.

Text is never re-serialised: each side's bytes are kept, and a header key taken from the other
side is rewritten in place by `tomltext.edit_header`. The result must parse to what the merge
intended, or it is a conflict. On a conflict the result holds git's conflict markers where the
sides disagree (in the header only, when the events merged cleanly), for a person to settle.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import tomllib
from dataclasses import dataclass, field
from typing import Any

from foitrack.store import tomltext

_MISSING = object()


@dataclass(frozen=True)
class FieldConflict:
    """A header key both sides changed, each its own way (`_MISSING`-free: None for taken out)."""

    key: str
    base: Any
    ours: Any
    theirs: Any


@dataclass
class Merged:
    text: str
    conflicts: list[FieldConflict] = field(default_factory=list)
    # Conflicts that are not one key's: events both sides edited, text that does not parse.
    problems: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts and not self.problems


def merge_request(base: str, ours: str, theirs: str, labels: tuple[str, str, str] = ("ours", "base", "theirs")) -> Merged:
    """Merge two versions of a request file (`ours`, `theirs`) made from `base`."""
    if ours == theirs or theirs == base:
        return Merged(ours)
    if ours == base:
        return Merged(theirs)
    try:
        b_head, b_events = _split(base)
        o_head, o_events = _split(ours)
        t_head, t_events = _split(theirs)
    except ValueError:  # a file foitrack cannot take apart (a table of the user's own, bad TOML)
        return _by_lines(base, ours, theirs, labels, "the file is not a header followed by [[events]]")
    newline = "\r\n" if ours.endswith("\r\n") else "\n"
    events = _merge_events(b_events, o_events, t_events)
    head = _merge_header(b_head, o_head, t_head, labels)
    if events is None:
        return _by_lines(base, ours, theirs, labels, "both sides edited the same earlier events", head.conflicts)
    text = head.text
    if events:
        text = text.rstrip("\r\n") + newline * 2 + (newline * 2).join(block.rstrip("\r\n") for block in events) + newline
    if not head.clean:
        return Merged(text, head.conflicts, head.problems)
    if _parses(text) is None:
        return _by_lines(base, ours, theirs, labels, "the merged file would not parse")
    return Merged(text)


# -- taking a file apart -------------------------------------------------------------------------


def _split(text: str) -> tuple[str, list[str]]:
    """The header's text and each `[[events]]` table's text (with what follows it up to the next
    table: comments, blank lines). Raises ValueError for any other table, or text that does not
    parse, which this merge does not take apart."""
    if _parses(text) is None:
        raise ValueError("does not parse")
    lines = tomltext._lines(text)
    _, first_table = tomltext._header_statements(lines)
    head = "".join(lines[:first_table])
    # The blank lines before the first event belong to neither side's change to the header.
    newline = "\r\n" if head.endswith("\r\n") else "\n"
    head = head.rstrip("\r\n") + newline if head.strip() else head
    blocks: list[list[str]] = []
    index = first_table
    while index < len(lines):
        stripped = lines[index].strip()
        if stripped.startswith("["):
            if stripped.replace(" ", "").replace("\t", "").split("#", 1)[0] != "[[events]]":
                raise ValueError(f"a table other than [[events]]: {stripped}")
            blocks.append([lines[index]])
            index += 1
            continue
        if not stripped or stripped.startswith("#"):
            blocks[-1].append(lines[index])
            index += 1
            continue
        end = index  # a statement, perhaps over several lines (a multi-line string)
        while _parses("".join(lines[index : end + 1])) is None:
            end += 1
            if end == len(lines):
                raise ValueError("a statement does not parse")
        blocks[-1].extend(lines[index : end + 1])
        index = end + 1
    return head, ["".join(block) for block in blocks]


def _parses(text: str) -> dict | None:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None


def _key(block: str) -> str:
    """What makes two event tables the same event: their text, whatever the trailing space."""
    return "\n".join(line.rstrip() for line in block.replace("\r\n", "\n").strip().split("\n"))


# -- events --------------------------------------------------------------------------------------


def _merge_events(base: list[str], ours: list[str], theirs: list[str]) -> list[str] | None:
    """Each side's events, the common ones once; None when both sides edited earlier events.

    When both sides only added events, the additions follow the earlier events in the order
    they happened (ties: ours first), so every clone writes the same file whoever syncs first."""
    base_keys = [_key(b) for b in base]
    ours_keep = [_key(b) for b in ours[: len(base)]] == base_keys
    theirs_keep = [_key(b) for b in theirs[: len(base)]] == base_keys
    if ours_keep and theirs_keep:
        added = _unique(ours[len(base) :] + theirs[len(base) :], ())
        return ours[: len(base)] + sorted(added, key=_date_of)
    if ours_keep:  # theirs edited earlier events: theirs as it is, then what ours added
        return theirs + _unique(ours[len(base) :], theirs)
    if theirs_keep:
        return ours + _unique(theirs[len(base) :], ours)
    return None


def _unique(blocks: list[str], already: list[str] | tuple) -> list[str]:
    seen = {_key(block) for block in already}
    kept = []
    for block in blocks:
        if _key(block) not in seen:
            kept.append(block)
            seen.add(_key(block))
    return kept


def _date_of(block: str) -> str:
    """An event table's date, for ordering ('' when it has none a sort can use)."""
    events = (_parses(block) or {}).get("events") or [{}]
    return str(events[0].get("date", ""))


# -- the header ----------------------------------------------------------------------------------


def _merge_header(base: str, ours: str, theirs: str, labels: tuple[str, str, str]) -> Merged:
    if ours == theirs or theirs == base:
        return Merged(ours)
    if ours == base:
        return Merged(theirs)
    b, o, t = (_parses(text) or {} for text in (base, ours, theirs))
    wanted: dict[str, Any] = {}
    conflicts: list[FieldConflict] = []
    for key in dict.fromkeys([*o, *t, *b]):
        old, mine, other = b.get(key, _MISSING), o.get(key, _MISSING), t.get(key, _MISSING)
        if mine == other or other == old:
            value = mine
        elif mine == old:
            value = other
        else:
            conflicts.append(FieldConflict(key, *(None if v is _MISSING else v for v in (old, mine, other))))
            continue
        if value is not _MISSING:
            wanted[key] = value
    if conflicts:
        # The sides' lines with markers around what differs, for a person to settle.
        return Merged(_merge_file(base, ours, theirs, labels)[0], conflicts)
    # Lines first: comments and keys both sides edited, each side's bytes kept.
    text, clean = _merge_file(base, ours, theirs, labels)
    if clean and _parses(text) == wanted:
        return Merged(text)
    # Changes to adjacent lines (a line merge calls those a conflict): theirs' keys written into ours.
    changes = {key: t[key] if key in t else tomltext.REMOVE for key in dict.fromkeys([*t, *b]) if t.get(key, _MISSING) != b.get(key, _MISSING)}
    try:
        theirs_only_keys = tomltext.edit_header(base, changes) == theirs
        text = tomltext.edit_header(ours, changes)
    except ValueError:
        theirs_only_keys = False
    if theirs_only_keys and _parses(text) == wanted:
        return Merged(text)
    return Merged(_merge_file(base, ours, theirs, labels)[0], problems=["both sides changed the same lines of the header"])


# -- line by line, as git does -------------------------------------------------------------------


def _by_lines(
    base: str, ours: str, theirs: str, labels: tuple[str, str, str], why: str, conflicts: list[FieldConflict] = ()
) -> Merged:
    text, clean = _merge_file(base, ours, theirs, labels)
    if clean and _parses(text) is not None:
        return Merged(text, list(conflicts))
    return Merged(text, list(conflicts), [why])


def _merge_file(base: str, ours: str, theirs: str, labels: tuple[str, str, str]) -> tuple[str, bool]:
    """`git merge-file`: the line-by-line merge, with conflict markers; and whether it was clean."""
    with tempfile.TemporaryDirectory(prefix="foitrack-merge-") as folder:
        paths = []
        for name, text in (("ours", ours), ("base", base), ("theirs", theirs)):
            path = os.path.join(folder, name)
            with open(path, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            paths.append(path)
        result = subprocess.run(
            ["git", "merge-file", "-p", "-L", labels[0], "-L", labels[1], "-L", labels[2], *paths],
            capture_output=True,
        )
    if result.returncode < 0 or result.returncode > 127:
        raise RuntimeError(f"git merge-file failed: {result.stderr.decode('utf-8', 'replace').strip()}")
    return result.stdout.decode("utf-8", "surrogateescape"), result.returncode == 0


def describe(conflict: FieldConflict, ours_label: str = "ours", theirs_label: str = "theirs") -> str:
    """'subject: 'Drone flights (2023)' on origin, 'Drones' here'."""

    def shown(value: Any) -> str:
        return "taken out" if value is None else repr(value)

    return f"{conflict.key}: {shown(conflict.ours)} {ours_label}, {shown(conflict.theirs)} {theirs_label}"
