"""The HTML report's charts: Vega-Lite specifications built with Altair, drawn to SVG offline.

Each chart comes with what a reader needs without seeing it: the table of its numbers, and a
text alternative that says what it shows. Charts are drawn by vl-convert (Vega's own renderer,
run in-process), so the page embeds plain SVG: no script, no network, nothing to load.

- `on_time_chart`: one bar per row of the report (authority, kind or nation) that has an
  on-time rate, its percentage beside it.
- `working_days_chart`: one mark per answered request, the working days its first response took,
  on a line per row; a rule at each statutory limit among them (20 working days).
- `outcomes_chart`: one bar per outcome given at least once.
- `exemptions_chart`: one bar per exemption cited, named ("s43 Commercial interests").

Every data mark is in a group whose class names it (Vega writes a named view's marks as
`<g class="mark-rect role-mark on_time_bar_marks">`): `on_time_bar`, `request_dot`, `limit_rule`,
`outcome_bar`, `exemption_bar`; so a test or a stylesheet finds exactly the bars and dots.

Altair and vl-convert are imported only when a chart is drawn (`foitrack report --format html`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from foitrack.law.exemptions import exemption_name, exemption_title
from foitrack.publish.words import OUTCOME_WORDS

# Readable on a phone (the SVG scales to the column) and beside a table on a laptop.
WIDTH = 220
STEP = 26  # pixels per row of a bar chart
# Row labels are right-aligned against the axis. Vega measures them with the fonts where the SVG
# is drawn; a reader's browser may draw them wider, so the axis keeps room to spare rather than
# let a long name run off the chart's left edge.
LABEL_LIMIT = 140
LABEL_ROOM = 175
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
# Colour-blind-safe (blue / orange, Okabe-Ito), and told apart by shape as well as colour.
ON_TIME, LATE = "#0072b2", "#d55e00"
BAR = "#0072b2"
INK, GRID = "#222222", "#dddddd"


@dataclass
class Chart:
    """A chart ready for the page: its SVG, a text alternative, and the table of its numbers."""

    id: str
    title: str
    alt: str  # what the chart shows, in a sentence or two, for readers who cannot see it
    columns: list[str]
    rows: list[list[Any]]
    svg: str = ""
    note: str = ""
    marks: int = 0  # how many data marks it draws: one per bar or per request
    numeric: list[bool] = field(default_factory=list)  # which columns hold numbers

    @property
    def empty(self) -> bool:
        return not self.rows


def _config(chart):
    return (
        chart.configure(font=FONT, background="white")
        .configure_axis(labelColor=INK, titleColor=INK, gridColor=GRID, labelFontSize=12, titleFontSize=12)
        .configure_axisY(labelLimit=LABEL_LIMIT)
        .configure_legend(labelColor=INK, titleColor=INK, labelFontSize=12, titleFontSize=12, orient="top")
        .configure_view(stroke=None)
    )


def _label_axis(labels: list[str], **options):
    """The row axis, with room for its longest label (as a browser may draw it) and no more."""
    import altair as alt

    longest = max((len(label) for label in labels), default=0)
    return alt.Axis(minExtent=min(LABEL_ROOM, 8 * longest + 12), **options)


def _svg(chart, description: str) -> str:
    import vl_convert

    spec = _config(chart.properties(description=description)).to_dict()
    svg = vl_convert.vegalite_to_svg(spec)
    # The page sizes the chart to its column (CSS); the viewBox keeps its proportions.
    return re.sub(r'^<svg ([^>]*?)width="[\d.]+" height="[\d.]+"', r'<svg \1', svg, count=1)


def _bars(data: list[dict[str, Any]], value: str, title: str, mark: str, *, domain=None, suffix: str = ""):
    """Horizontal bars, one per datum, in the data's order, with the value written at each end."""
    import altair as alt

    order = [d["label"] for d in data]
    y = alt.Y("label:N", sort=order, title=None, axis=_label_axis(order))
    scale = alt.Scale(domain=domain) if domain else alt.Undefined
    base = alt.Chart(alt.Data(values=data)).encode(y=y)
    bars = base.mark_bar(color=BAR).encode(
        x=alt.X(f"{value}:Q", title=title, scale=scale, axis=alt.Axis(tickMinStep=1, tickCount=5)),
        tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip(f"{value}:Q", title=title)],
    ).properties(name=mark)
    labels = base.mark_text(align="left", dx=4, color=INK, fontSize=12).encode(
        x=alt.X(f"{value}:Q"), text=alt.Text("text:N")
    ).properties(name=f"{mark}_value")
    for d in data:
        d["text"] = f"{d[value]}{suffix}"
    return alt.layer(bars, labels).properties(width=WIDTH, height=alt.Step(STEP))


def on_time_chart(report) -> Chart:
    """The on-time rate of each row that has one: answered on time, out of the requests answered
    or past their deadline."""
    rows = [row for row in report.rows if row.on_time_percent is not None]
    what = report.heading.lower()
    chart = Chart(
        id="on-time",
        title=f"On-time rate by {what}",
        alt="",
        columns=[report.heading, "On time", "Answered or past the deadline", "On-time rate"],
        rows=[[row.label, row.on_time, row.answered + row.overdue, f"{row.on_time_percent}%"] for row in rows],
        numeric=[False, True, True, True],
        note="Of the requests answered or past their deadline, the share answered within it. "
        "Requests not yet due are not counted.",
        marks=len(rows),
    )
    if not rows:
        chart.alt = "No request has been answered or passed its deadline yet, so there is no on-time rate."
        return chart
    listed = "; ".join(f"{row.chart_label} {row.on_time_percent}%" for row in rows)
    chart.alt = f"Bar chart of the on-time rate by {what}, from 0 to 100%: {listed}."
    data = [{"label": row.chart_label, "rate": row.on_time_percent} for row in rows]
    chart.svg = _svg(_bars(data, "rate", "On-time rate (%)", "on_time_bar", domain=[0, 100], suffix="%"), chart.alt)
    return chart


def working_days_chart(report, tracker_authority) -> Chart:
    """One mark per answered request: the working days to its first response, on its row's line,
    coloured and shaped by whether it came in time; a rule at each statutory limit.

    `tracker_authority(name)` gives a request's row label where the report is by authority."""
    import altair as alt

    points = []
    limits: set[int] = set()
    for request, evaluation in report.chosen:
        if not evaluation.answered or evaluation.working_days_to_respond is None:
            continue
        points.append(
            {
                "label": tracker_authority(request),
                "days": evaluation.working_days_to_respond,
                "timely": "On time" if evaluation.answered_on_time else "Late",
                "subject": request.subject,
                "id": request.id,
            }
        )
        if evaluation.regime != "sar" and evaluation.days:
            limits.add(evaluation.days)
    points.sort(key=lambda p: (p["label"].casefold(), p["days"], p["id"]))
    what = report.heading.lower()
    chart = Chart(
        id="working-days",
        title="Working days to the first response",
        alt="",
        columns=[report.heading, "Request", "Working days", "In time"],
        rows=[[p["label"], p["subject"], p["days"], "Yes" if p["timely"] == "On time" else "No"] for p in points],
        numeric=[False, False, True, False],
        note="One mark per request answered, from the day it was received, leaving out days the clock "
        "was stopped for clarification or a fee. The line is the statutory limit"
        + (" (" + ", ".join(f"{n} working days" for n in sorted(limits)) + ")." if limits else "."),
        marks=len(points),
    )
    if not points:
        chart.alt = "No request has been answered yet."
        return chart
    late = sum(1 for p in points if p["timely"] == "Late")
    limit_words = " and ".join(f"{n} working days" for n in sorted(limits))
    chart.alt = (
        f"Dot plot of the working days each of {len(points)} answered requests took to get a first "
        f"response, by {what}"
        + (f", against the statutory limit of {limit_words}" if limits else "")
        + f": {len(points) - late} on time, {late} late. "
        + "; ".join(f"{p['label']} {p['days']}" for p in points)
        + "."
    )
    order = sorted({p["label"] for p in points}, key=str.casefold)
    top = max([p["days"] for p in points] + list(limits))
    y = alt.Y("label:N", sort=order, title=None, axis=_label_axis(order, grid=True))
    x_scale = alt.Scale(domain=[0, top + max(2, top // 10)], nice=False)
    dots = (
        alt.Chart(alt.Data(values=points))
        .mark_point(filled=True, size=90, opacity=0.85)
        .encode(
            x=alt.X("days:Q", title="Working days to the first response", scale=x_scale, axis=alt.Axis(tickCount=5)),
            y=y,
            color=alt.Color("timely:N", title=None, scale=alt.Scale(domain=["On time", "Late"], range=[ON_TIME, LATE])),
            shape=alt.Shape("timely:N", title=None, scale=alt.Scale(domain=["On time", "Late"], range=["circle", "triangle-up"])),
            tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip("subject:N", title="Request"),
                     alt.Tooltip("days:Q", title="Working days")],
        )
        .properties(name="request_dot")
    )
    layers = [dots]
    if limits:
        rule_data = [{"limit": n, "text": f"{n}-day limit"} for n in sorted(limits)]
        rules = alt.Chart(alt.Data(values=rule_data)).encode(x=alt.X("limit:Q"))
        layers.append(rules.mark_rule(color=INK, strokeDash=[4, 3], strokeWidth=1.5).properties(name="limit_rule"))
        layers.append(
            rules.mark_text(align="left", dx=4, dy=-4, baseline="bottom", color=INK, fontSize=11)
            .encode(text="text:N", y=alt.value(0))
            .properties(name="limit_label")
        )
    chart.svg = _svg(alt.layer(*layers).properties(width=WIDTH, height=alt.Step(STEP)), chart.alt)
    return chart


def outcomes_chart(report) -> Chart:
    """One bar per outcome given at least once: each answered request's latest outcome."""
    counts = [(outcome, n) for outcome, n in report.total.outcome_counts().items() if n]
    answered = sum(n for _, n in counts)
    chart = Chart(
        id="outcomes",
        title="Outcomes",
        alt="",
        columns=["Outcome", "Requests", "Share of those answered"],
        rows=[[OUTCOME_WORDS[o], n, f"{round(100 * n / answered)}%"] for o, n in counts],
        numeric=[False, True, True],
        note="Each answered request's latest response.",
        marks=len(counts),
    )
    named = [(OUTCOME_WORDS[o], n) for o, n in counts]
    return _counted(chart, named, f"Bar chart of the outcomes of {answered} answered requests",
                    "No request has been answered yet.", "Requests", "outcome_bar")


def exemptions_chart(report) -> Chart:
    """One bar per exemption cited (each once per request), named with its law, most cited first."""
    counts = sorted(report.total.exemption_counts().items(), key=lambda item: -item[1])
    chart = Chart(
        id="exemptions",
        title="Exemptions cited",
        alt="",
        columns=["Exemption", "The law's heading", "Requests"],
        rows=[[exemption_name(key), _heading(key), n] for key, n in counts],
        numeric=[False, False, True],
        note="The grounds given with each request's latest response, each once per request "
        "(s43 and s43(2) are one). FOISA's and the EISR's are named as such: they are not the "
        "same provisions as FOIA's and the EIR's.",
        marks=len(counts),
    )
    named = [(exemption_name(key), n) for key, n in counts]
    return _counted(chart, named, "Bar chart of the exemptions cited, by the number of requests citing each",
                    "No exemption was cited.", "Requests citing it", "exemption_bar")


def _counted(chart: Chart, named: list[tuple[str, int]], what: str, none: str, axis: str, mark: str) -> Chart:
    """A bar per (name, count), described as `what: name n; ...`, or `none` when there are none."""
    if not named:
        chart.alt = none
        return chart
    chart.alt = f"{what}: " + "; ".join(f"{name} {n}" for name, n in named) + "."
    data = [{"label": name, "requests": n} for name, n in named]
    chart.svg = _svg(_bars(data, "requests", axis, mark), chart.alt)
    return chart


def _heading(key: str) -> str:
    title = exemption_title(key)
    return title.heading if title else ""
