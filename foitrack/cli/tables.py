"""Tables written a line at a time, laid out to fit the terminal.

Rich builds a whole table before it prints a line, which at 10,000 requests takes seconds and
holds every cell as a renderable. The listings' tables are simple (text cells, a header, a rule
under it, a caption), so they are laid out here in two passes over plain strings and written
line by line:

- Fixed columns (ids, dates, statuses, counts) are never wrapped or cut: a status or an outcome
  cut short can change its meaning ("neither-conf..."). Flexible columns (authority, subject,
  outcomes) share what is left of the width, in proportion to what they hold, down to their
  minimum, and wrap there: at ", " between the parts of a list ("s31 ×1" is one part, never
  split), else at spaces.
- Columns are two spaces apart (one in a narrow terminal, `gap`); no line is padded at its end,
  so piped output has no trailing spaces.
- On a terminal, the header is bold and a cell may carry a style (a status's colour), as ANSI
  codes worked out once per style; piped, the text alone.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Iterable, Sequence

from rich.cells import cell_len as _rich_cell_len


def cell_len(text: str) -> int:
    """Columns the text takes on a terminal (ASCII at once; wide characters by rich)."""
    return len(text) if text.isascii() else _rich_cell_len(text)

#: A cell: its text, or (text, style), or (parts, style) where parts is a tuple of pieces of a
#: list, joined by ", " and wrapped only between them.
Cell = object


@dataclass
class Column:
    header: str  # may hold "\n" for a header of two lines
    justify: str = "left"  # or "right"
    flex: int = 0  # 0: fixed; otherwise this column's share when width is short
    min_width: int = 0

    @property
    def header_lines(self) -> list[str]:
        return self.header.split("\n")


class Styles:
    """ANSI codes for each style, worked out once (none when output is not a terminal)."""

    def __init__(self, console):
        self.console = console
        self.enabled = console.is_terminal and console.color_system is not None and not console.no_color
        self._codes: dict[str, tuple[str, str]] = {}

    def apply(self, text: str, style: str | None) -> str:
        if not style or not self.enabled or not text:
            return text
        codes = self._codes.get(style)
        if codes is None:
            from rich.style import Style

            rendered = Style.parse(style).render("\0", color_system=self.console.color_system)
            before, _, after = rendered.partition("\0")
            codes = self._codes[style] = (before, after)
        return f"{codes[0]}{text}{codes[1]}"


def _text(cell) -> tuple[str | tuple[str, ...], str | None]:
    if isinstance(cell, tuple):
        return cell[0], cell[1]
    return cell, None


def _plain(value: str | tuple[str, ...]) -> str:
    if type(value) is str:
        return value
    return ", ".join(value).replace(KEEP_TOGETHER, " ")


#: Joins what must stay on one line in a cell ("s31" and its count "×1"); shown as a space.
KEEP_TOGETHER = "\u00a0"


def _widest_part(value: str | tuple[str, ...]) -> int:
    """The narrowest a flexible cell can be without cutting a word (words joined by
    KEEP_TOGETHER are one), with room for the comma after a part of a list."""
    if isinstance(value, tuple):
        comma = 1 if len(value) > 1 else 0
        return max((_widest_part(part) + comma for part in value), default=0)
    return max((cell_len(word) for word in value.split(" ")), default=0)


def _wrap(value: str | tuple[str, ...], width: int) -> list[str]:
    if type(value) is str and cell_len(value) <= width:
        return [value]
    return [line.replace(KEEP_TOGETHER, " ") for line in _wrapped(value, width)]


def _wrapped(value: str | tuple[str, ...], width: int) -> list[str]:
    if isinstance(value, tuple):
        lines: list[str] = []
        for part in value:
            if lines and cell_len(lines[-1]) + 2 + cell_len(part) <= width:
                lines[-1] += ", " + part
            else:
                if lines:
                    lines[-1] += ","
                lines.extend(_wrapped(part, width - 1))  # a part too long for a line, at its spaces
        return lines or [""]
    if cell_len(value) <= width:
        return [value]
    if value.isascii():  # the common case, greedily at single spaces, faster than textwrap
        lines, line = [], ""
        for word in value.split(" "):
            if not line:
                line = word
            elif len(line) + 1 + len(word) <= width:
                line += " " + word
            else:
                lines.append(line)
                line = word
            while len(line) > width:  # a word longer than the column: cut it, as textwrap would
                lines.append(line[:width])
                line = line[width:]
        lines.append(line)
        return lines
    return textwrap.wrap(value, width, break_long_words=True, break_on_hyphens=False) or [""]


def _pad(text: str, width: int, justify: str, shown: str | None = None) -> str:
    """`shown` (the text with its style's codes, if any) padded to `width` by the text's own width."""
    space = " " * max(0, width - cell_len(text))
    shown = text if shown is None else shown
    return space + shown if justify == "right" else shown + space


def layout(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], width: int, gap: int) -> list[int]:
    """Each column's width: what its widest cell needs, flexible columns shrunk (never below
    their minimum, nor below their longest word) until the table fits `width`, a character at a
    time from the column where that wraps the fewest rows."""
    from bisect import bisect_right

    widths = [max(cell_len(line) for line in column.header_lines) for column in columns]
    floors = [column.min_width if column.flex else 0 for column in columns]
    flexible = [i for i, column in enumerate(columns) if column.flex]
    lengths: dict[int, list[int]] = {i: [] for i in flexible}
    for row in rows:
        for i, cell in enumerate(row):
            value = cell[0] if type(cell) is tuple else cell
            size = cell_len(_plain(value))
            if size > widths[i]:
                widths[i] = size
            if i in lengths:
                lengths[i].append(size)
                if size > floors[i]:  # a cell no wider than the floor has no wider word
                    floor = _widest_part(value)
                    if floor > floors[i]:
                        floors[i] = floor
    for i in flexible:
        floors[i] = min(floors[i], widths[i])
        lengths[i].sort()
    over = sum(widths) + gap * (len(columns) - 1) - width
    while over > 0:
        shrinkable = [i for i in flexible if widths[i] > floors[i]]
        if not shrinkable:
            break

        def cost(i: int) -> tuple:
            # Rows that would wrap with this column a character narrower, for its share.
            longer = len(lengths[i]) - bisect_right(lengths[i], widths[i] - 1)
            return (longer / columns[i].flex, -widths[i])

        chosen = min(shrinkable, key=cost)
        widths[chosen] -= 1
        over -= 1
    return widths


def wrapped_rows(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], widths: Sequence[int]) -> int:
    """How many rows take more than one line at these widths."""
    flexible = [i for i, column in enumerate(columns) if column.flex]
    return sum(
        1 for row in rows if any(cell_len(_plain(_text(row[i])[0])) > widths[i] for i in flexible)
    )


def render(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    *,
    width: int,
    styles: Styles,
    title: str | None = None,
    caption: str | None = None,
    gap: int = 2,
    sections: Iterable[int] = (),
    bold_rows: Iterable[int] = (),
) -> Iterable[str]:
    """The table's lines (without line ends): the title, the header, a rule, the rows and the
    caption. `sections`: indexes of rows after which a rule is drawn; `bold_rows`: rows shown
    bold on a terminal (a totals row)."""
    widths = layout(columns, rows, width, gap)
    total = sum(widths) + gap * (len(columns) - 1)
    spacer = " " * gap
    if title:
        yield from textwrap.wrap(title, max(width, 20)) or [""]
    header_height = max(len(column.header_lines) for column in columns)
    for line in range(header_height):
        cells = []
        for column, size in zip(columns, widths):
            lines = column.header_lines
            text = lines[line - (header_height - len(lines))] if line >= header_height - len(lines) else ""
            cells.append(_pad(text, size, column.justify, styles.apply(text, "bold")))
        yield spacer.join(cells).rstrip()
    rule = "\u2500" * total
    yield rule
    sections = set(sections)
    bold = set(bold_rows)
    layout_of = list(zip(range(len(columns)), widths, [column.flex for column in columns],
                         [column.justify == "right" for column in columns]))
    apply = styles.apply
    for index, row in enumerate(rows):
        cells: list[str] = []
        extra: list[tuple[int, list[str], str | None]] = []  # (column, its further lines, style)
        strong = index in bold
        for i, size, flex, right in layout_of:
            cell = row[i]
            if type(cell) is tuple:
                value, style = cell
            else:
                value, style = cell, None
            if strong:
                style = f"bold {style}" if style else "bold"
            if flex:
                lines = _wrap(value, size)
                text = lines[0]
                if len(lines) > 1:
                    extra.append((i, lines[1:], style))
            else:
                text = _plain(value)
            space = " " * (size - cell_len(text))
            shown = apply(text, style) if style and text else text
            cells.append(space + shown if right else shown + space)
        yield spacer.join(cells).rstrip()
        if extra:
            height = max(len(lines) for _, lines, _ in extra)
            for line in range(height):
                cells = [" " * size for size in widths]
                for i, lines, style in extra:
                    if line < len(lines):
                        text = lines[line]
                        space = " " * (widths[i] - cell_len(text))
                        shown = apply(text, style) if style and text else text
                        cells[i] = space + shown if layout_of[i][3] else shown + space
                yield spacer.join(cells).rstrip()
        if index in sections:
            yield rule
    if caption:
        yield from textwrap.wrap(caption, max(width, 20), break_on_hyphens=False)


def write(lines: Iterable[str], out) -> None:
    """Write lines to `out` a batch at a time (a 100,000-line table is never one string)."""
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= 2000:
            out.write("\n".join(batch) + "\n")
            batch.clear()
    if batch:
        out.write("\n".join(batch) + "\n")
