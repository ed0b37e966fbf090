"""`foitrack report --format html`: the report as one self-contained page for readers and editors.

The page is rendered from `templates/report.html.j2` by Jinja2 with autoescaping on, so every
name and subject a user typed reaches the page as text, never as markup. Its styles are inline
and its charts are SVG drawn offline (`foitrack.publish.charts`): the file opens anywhere, with
no network and no script, and a Content-Security-Policy forbids it loading anything at all.

It reads on a phone (390 px: the wide table becomes one card per authority, the charts fit the
column), on a laptop (each chart beside the table of its numbers) and on paper.
"""

from __future__ import annotations

from typing import Any

from foitrack import __version__
from foitrack.dates import long_date
from foitrack.publish import charts
from foitrack.publish.report import (
    BATCH_HEADER,
    HOW_TO_READ,
    MARKDOWN_HEADER,
    Report,
    batch_cells,
    batch_title,
    markdown_cells,
    percent,
)
DEFAULT_TITLE = "Freedom of Information requests: how the authorities answered"
FIGURES_TITLES = {
    "authority": "How each authority answered",
    "kind": "By kind of authority",
    "nation": "By nation",
}


def headline(report: Report) -> list[tuple[str, str]]:
    """The figures a reader takes in first: (number, what it counts)."""
    total = report.total
    figures = [
        (str(total.requests), "requests" if total.requests != 1 else "request"),
        (str(total.answered), "answered"),
        (str(total.on_time), "answered on time"),
        (str(total.late), "answered late"),
        (str(total.overdue), "overdue now, never answered"),
    ]
    if total.on_time_percent is not None:
        figures.append((percent(total.on_time_percent), "on time, of those answered or due"))
    if total.median_working_days is not None:
        figures.append((str(total.median_working_days), "median working days to respond"))
    return figures


def _row_label(report: Report, tracker):
    """The label a request's mark takes in the working-days chart: its row's, short."""
    labels = {row.key: row.chart_label for row in report.rows}
    key_of = {
        "authority": lambda request: request.authority,
        "kind": lambda request: tracker.kind_of(request.authority),
        "nation": lambda request: tracker.nation_of(request.authority),
    }[report.by]
    return lambda request: labels.get(key_of(request), request.authority)


# The report's columns (MARKDOWN_HEADER's), in two tables a laptop shows whole: how fast, then
# what came back and on what grounds.
TABLES = (
    ("timeliness", "Answered on time, late, or not at all", range(0, 10)),
    ("grounds", "Outcomes and grounds", (0, 10, 11, 12, 13)),
)


def figure_tables(report: Report) -> list[dict[str, Any]]:
    """The report's rows as the page's tables: each with its columns, which of them hold numbers,
    its rows and its totals row."""
    headings = [report.heading, *(name for name, _ in MARKDOWN_HEADER[1:])]
    rows = [markdown_cells(row) for row in report.rows]
    total = markdown_cells(report.total)
    return [
        {
            "id": name,
            "title": title,
            "columns": [headings[i] for i in columns],
            "numeric": [MARKDOWN_HEADER[i][1] == "---:" for i in columns],
            "rows": [[cells[i] for i in columns] for cells in rows],
            "total": [total[i] for i in columns],
        }
        for name, title, columns in TABLES
    ]


def build_charts(report: Report, tracker) -> list[charts.Chart]:
    return [
        charts.on_time_chart(report),
        charts.working_days_chart(report, _row_label(report, tracker)),
        charts.outcomes_chart(report),
        charts.exemptions_chart(report),
    ]


def to_html(report: Report, tracker, title: str | None = None) -> str:
    """The whole page, as text."""
    import jinja2
    from markupsafe import Markup

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("foitrack.publish", "templates"),
        autoescape=True,  # every value a user typed is text on the page, never markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    drawn = [] if report.empty else build_charts(report, tracker)
    for chart in drawn:
        chart.svg = Markup(chart.svg)  # SVG from Vega's renderer, which escapes the text it draws
    context: dict[str, Any] = {
        "title": title or DEFAULT_TITLE,
        "scope": report.scope(),
        "as_of": long_date(report.as_of),
        "headline": headline(report),
        "heading": report.heading,
        "figures_title": FIGURES_TITLES[report.by],
        "tables": figure_tables(report),
        "batches": [
            (batch_title(lines), [batch_cells(request, evaluation) for request, evaluation in lines])
            for lines in report.batches.values()
        ],
        "batch_columns": BATCH_HEADER,
        "charts": drawn,
        "how_to_read": HOW_TO_READ,
        "empty": report.empty,
        "version": __version__,
    }
    return environment.get_template("report.html.j2").render(context) + "\n"
