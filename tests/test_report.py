"""`foitrack report` and the batch view: every figure pinned in every format.

The tracker below is eight requests to four authorities, written as a user would hand-edit them.
Every working-day figure is worked out by hand in the comments, on the UK-union calendar that
FOIA and the EIRs use: June 2023 has no bank holidays; Wed 12 July 2023 (Battle of the Boyne,
Northern Ireland), Mon 7 Aug 2023 (Summer bank holiday, Scotland) and Mon 28 Aug 2023 (Summer
bank holiday, England, Wales and NI) are not working days for any of these authorities.

Unless a test says otherwise the report is as at Fri 29 September 2023.
"""

from __future__ import annotations

import re
import csv
import datetime as dt
import io
import tomllib

import pytest

AS_OF = "2023-09-29"
WIDE = {"COLUMNS": "300"}

REQUESTS = {
    # Sent Thu 1 June; due Thu 29 June (20 working days; no bank holidays in June 2023).
    # First response Tue 20 June: working days 2, 5-9, 12-16, 19, 20 June = 13, on time.
    # A further response on 14 July changes the outcome (refused -> partial) and the exemptions
    # (s43 and s43(2) are one section, s43; s40(2) is s40), but not the timeliness.
    "hackney-prices": """
        # Jo's parking story
        authority = "London Borough of Hackney"
        subject = "Parking enforcement contract prices"
        sent = 2023-06-01
        tags = ["parking"]

        [[events]]
        type = "responded"
        date = 2023-06-20
        outcome = "refused"
        exemptions = ["s43(2)"]

        [[events]]
        type = "responded"
        date = 2023-07-14
        outcome = "partial"
        exemptions = ["s43", "section 43(2)", "s.40(2)"]
        note = "Released the contract with prices redacted"

        [[events]]
        type = "review-requested"
        date = 2023-07-17

        [[events]]
        type = "review-responded"
        date = 2023-08-10
        outcome = "partly-overturned"
    """,
    # Sent Mon 5 June; due Mon 3 July (19 working days 6-30 June, then 3 July).
    # Responded Thu 13 July: 19 (to 30 June) + 3, 4, 5, 6, 7, 10, 11 July (26) + 13 July = 27
    # (12 July skipped): late.
    "2023-06-05-hackney-cctv-contracts-k7m2": """
        authority = "London Borough of Hackney"
        subject = "CCTV contracts"
        sent = 2023-06-05
        batch = "cctv-round-1"
        tags = ["cctv"]

        [[events]]
        type = "responded"
        date = 2023-07-13
        outcome = "refused"
        exemptions = ["43"]

        [[events]]
        type = "complained"
        date = 2023-08-01
        ref = "IC-123456"

        [[events]]
        type = "decision"
        date = 2023-09-20
        ref = "IC-123456"
        outcome = "upheld"
    """,
    # Sent Mon 5 June, due Mon 3 July, never answered. 40 working days from 5 June: 20 is 3 July,
    # then 4-7 July (24), 10-11 (26), 13-14 (28), 17-21 (33), 24-28 (38), 31 July (39),
    # 1 Aug (40): very overdue as at 29 September. Working days late: 19 in July after the 3rd
    # (less the 12th), 21 in August (23 weekdays less the 7th and the 28th), 21 in September = 61.
    "2023-06-05-metropolitan-police-cctv-contracts-p9x4": """
        authority = "Metropolitan Police Service"
        subject = "CCTV contracts"
        sent = 2023-06-05
        batch = "cctv-round-1"
        tags = ["cctv", "police"]
    """,
    # The clock stopped on 5 July for clarification that never came: open, not overdue.
    "met-stops": """
        authority = "Metropolitan Police Service"
        subject = "Stop and search by ward"
        sent = 2023-07-03
        tags = ["police"]

        [[events]]
        type = "clarification-requested"
        date = 2023-07-05
        note = "Which wards?"
    """,
    # Sent Mon 5 June, due Mon 3 July; answered Fri 30 June: 19 working days, on time.
    "2023-06-05-transport-for-london-cctv-contracts-w3rt": """
        authority = "Transport for London"
        subject = "CCTV contracts"
        sent = 2023-06-05
        batch = "cctv-round-1"
        tags = ["cctv"]

        [[events]]
        type = "responded"
        date = 2023-06-30
        outcome = "not-held"
    """,
    # Sent Thu 1 June. Fees notice Thu 8 June, paid Tue 13 June: 8, 9, 12, 13 June (4 working
    # days) do not count, so due 24 working days after 1 June: 29 June (20), 30 June, 3, 4,
    # 5 July (24). Answered Wed 5 July, on time: 21 working days in June after the 1st, + 3, 4,
    # 5 July = 24, less the 4 paused = 20.
    "tfl-fares": """
        authority = "Transport for London"
        subject = "Fare evasion figures"
        sent = 2023-06-01

        [[events]]
        type = "fee-notice"
        date = 2023-06-08
        amount = 25.0

        [[events]]
        type = "fee-paid"
        date = 2023-06-13

        [[events]]
        type = "responded"
        date = 2023-07-05
        outcome = "granted"
    """,
    # EIR, received Tue 13 June: due 20 working days later, Tue 11 July (14-16 June 3, 19-23 8,
    # 26-30 13, 3-7 July 18, 10 and 11 July 20). Extended by 20 working days: 13, 14 July (2),
    # 17-21 (7), 24-28 (12), 31 (13), 1-4 Aug (17), 7 Aug skipped, 8, 9, 10 Aug (20): Thu 10 Aug.
    # Answered Thu 27 July, on time: 20 to 11 July, + 13, 14 (22), 17-21 (27), 24-27 July = 31.
    # "regulation 12(5)(e)" and a bare "12(4)(b)" are EIR exceptions, reg12(5)(e), reg12(4)(b).
    "ea-permits": """
        authority = "Environment Agency"
        subject = "Permit breaches at landfill sites"
        sent = 2023-06-12
        received = 2023-06-13
        regime = "eir"
        tags = ["environment"]

        [[events]]
        type = "extended"
        date = 2023-07-05
        days = 20
        reason = "complex and voluminous (EIR reg 7)"

        [[events]]
        type = "responded"
        date = 2023-07-27
        outcome = "refused"
        exemptions = ["regulation 12(5)(e)", "12(4)(b)"]
    """,
    "ea-sewage": """
        authority = "Environment Agency"
        subject = "Sewage spill inspections"
        sent = 2023-06-20
        regime = "eir"

        [[events]]
        type = "withdrawn"
        date = 2023-06-22
    """,
}

NO_OUTCOMES = {"granted": 0, "partial": 0, "refused": 0, "not-held": 0, "neither-confirm-nor-deny": 0}


# What the directory says of each authority: short name, kind, nation (report JSON has them).
DIRECTORY = {
    "Environment Agency": ("Environment Agency", "public-body", "England"),
    "London Borough of Hackney": ("Hackney", "council", "England"),
    "Metropolitan Police Service": ("Met Police", "police", "England"),
    "Transport for London": ("Transport for London", "transport", "England"),
}


def row(authority, **figures):
    short_name, kind, nation = DIRECTORY[authority]
    base = {
        "authority": authority, "short_name": short_name, "kind": kind, "nation": nation, "requests": 0, "answered": 0, "on_time": 0, "late": 0, "overdue": 0,
        "open": 0, "withdrawn": 0, "on_time_rate": None, "median_working_days": None,
        "outcomes": dict(NO_OUTCOMES), "exemptions": {}, "reviews_requested": 0,
        "reviews_overturned": 0, "responded_at_review": 0, "complaints": 0, "decisions": 0,
    }
    outcomes = figures.pop("outcomes", {})
    base.update(figures)
    base["outcomes"].update(outcomes)
    return base


EA = row(
    "Environment Agency", requests=2, answered=1, on_time=1, withdrawn=1, on_time_rate=1.0,
    median_working_days=31, outcomes={"refused": 1}, exemptions={"reg12(4)(b)": 1, "reg12(5)(e)": 1},
)
# Median of 13 and 27 is 20. Exemptions: s40 from the prices request's latest response; s43
# once from it (s43 and s43(2) together) and once from the CCTV request.
HACKNEY = row(
    "London Borough of Hackney", requests=2, answered=2, on_time=1, late=1, on_time_rate=0.5,
    median_working_days=20, outcomes={"partial": 1, "refused": 1}, exemptions={"s40": 1, "s43": 2},
    reviews_requested=1, reviews_overturned=1, complaints=1, decisions=1,
)
# No answers: the median is null, never 0; 0 on time out of 1 past its deadline.
MET = row("Metropolitan Police Service", requests=2, overdue=1, open=2, on_time_rate=0.0)
# Median of 19 and 20.
TFL = row(
    "Transport for London", requests=2, answered=2, on_time=2, on_time_rate=1.0,
    median_working_days=19.5, outcomes={"granted": 1, "not-held": 1},
)


@pytest.fixture
def full(tracker):
    for name, text in REQUESTS.items():
        tracker.write(name, text)
    return tracker


def lines(text: str) -> str:
    """Output without trailing spaces, for comparing whole tables."""
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def table_rows(text: str) -> list[list[str]]:
    """The rows of the table `list` draws (wide enough not to wrap), as lists of cells: the lines
    between the rule under the header and the first blank line, split on runs of spaces, padded
    to the header's number of columns (an empty last cell leaves no text)."""
    lines = text.splitlines()
    rule = next(i for i, line in enumerate(lines) if line.strip().startswith("───"))
    columns = len(re.split(r"\s{2,}", lines[rule - 1].strip()))
    rows = []
    for line in lines[rule + 1 :]:
        if not line.strip() or line.startswith("id: "):  # a blank line or the caption ends it
            break
        cells = re.split(r"\s{2,}", line.strip())
        rows.append(cells + [""] * (columns - len(cells)))
    return rows


# -- JSON -----------------------------------------------------------------------------------------


def test_json_pins_every_figure_per_authority_in_name_order(full):
    assert full.ok("report", "--format", "json", as_of=AS_OF).json() == [EA, HACKNEY, MET, TFL]


def test_json_follows_the_as_of_date_and_ignores_later_events(full):
    # As at Mon 31 July: the review result (10 Aug), the complaint (1 Aug) and the decision
    # (20 Sep) have not happened; the Met request is overdue but not yet very overdue (that is
    # after 1 Aug) and still counts as overdue. Everything else is as at 29 September.
    data = full.ok("report", "--format", "json", as_of="2023-07-31").json()
    hackney = dict(HACKNEY, reviews_overturned=0, complaints=0, decisions=0)
    assert data == [EA, hackney, MET, TFL]
    assert full.ok("list", "--authority", "the Met", "--status", "overdue", "--json", as_of="2023-07-31").json()[0]["id"].endswith("p9x4")


def test_before_any_response_nothing_is_answered_and_later_requests_are_left_out(full):
    # As at Mon 19 June: only the six requests sent by then count (1 and 5 June to Hackney, 5 June
    # to the Met, 1 and 5 June to TfL, 12 June to the Environment Agency). None is answered, none
    # is past its deadline, so the on-time rate and the median are empty.
    result = full.ok("report", "--format", "json", as_of="2023-06-19")
    assert "2 requests sent after 19 Jun 2023 (the --as-of date) are not counted" in result.stderr
    data = result.json()
    assert [(r["authority"], r["requests"], r["open"]) for r in data] == [
        ("Environment Agency", 1, 1),
        ("London Borough of Hackney", 2, 2),
        ("Metropolitan Police Service", 1, 1),
        ("Transport for London", 2, 2),
    ]
    for figures in data:
        assert figures["answered"] == figures["overdue"] == figures["on_time"] == 0
        assert figures["on_time_rate"] is None and figures["median_working_days"] is None
        assert figures["outcomes"] == NO_OUTCOMES and figures["exemptions"] == {}


# -- CSV ------------------------------------------------------------------------------------------

CSV = """\
Authority,Short name,Kind of authority,Nation,Requests,Answered,Answered on time,Answered late,\
Overdue now,Still open,Withdrawn,On-time rate (%),Median working days to respond,Internal reviews,\
Reviews overturned,Answered at review,Complaints to the commissioner,Commissioner's decisions,\
Outcome: Granted,Outcome: Partly granted,Outcome: Refused,Outcome: Not held,\
Outcome: Neither confirm nor deny,Exemption: s40 Personal information,\
Exemption: s43 Commercial interests,Exemption: reg12(4)(b) Manifestly unreasonable,\
Exemption: reg12(5)(e) Commercial confidentiality
Environment Agency,Environment Agency,Other public body,England,2,1,1,0,0,0,1,100,31,0,0,0,0,0,0,0,1,0,0,0,0,1,1
London Borough of Hackney,Hackney,Council,England,2,2,1,1,0,0,0,50,20,1,1,0,1,1,0,1,1,0,0,1,2,0,0
Metropolitan Police Service,Met Police,Police force,England,2,0,0,0,1,2,0,0,,0,0,0,0,0,0,0,0,0,0,0,0,0,0
Transport for London,Transport for London,Transport body,England,2,2,2,0,0,0,0,100,19.5,0,0,0,0,0,1,0,0,1,0,0,0,0,0
"""


def test_csv_pins_every_figure_with_stable_columns(full):
    result = full.ok("report", "--format", "csv", as_of=AS_OF)
    assert result.stdout == CSV
    # A spreadsheet reads it as numbers: the columns sum to the totals of the table.
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sum(int(r["Requests"]) for r in rows) == 8
    assert sum(int(r["Exemption: s43 Commercial interests"]) for r in rows) == 2
    assert [r["Median working days to respond"] for r in rows] == ["31", "20", "", "19.5"]


# -- Markdown -------------------------------------------------------------------------------------

MARKDOWN_HEAD = """\
| Authority | Requests | Answered | On time | Late | Overdue now | Still open | Withdrawn | On-time rate | Median working days | Outcomes | Exemptions cited | Internal reviews | Complaints to the commissioner |
| :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :--- | :--- | :--- | :--- |
"""

MARKDOWN = MARKDOWN_HEAD + """\
| Environment Agency | 2 | 1 | 1 | 0 | 0 | 0 | 1 | 100% | 31 | 1 refused | reg12(4)(b) Manifestly unreasonable ×1, reg12(5)(e) Commercial confidentiality ×1 | 0 | 0 |
| London Borough of Hackney | 2 | 2 | 1 | 1 | 0 | 0 | 0 | 50% | 20 | 1 partly granted, 1 refused | s40 Personal information ×1, s43 Commercial interests ×2 | 1 (1 overturned) | 1 (1 decided) |
| Metropolitan Police Service | 2 | 0 | 0 | 0 | 1 | 2 | 0 | 0% |  |  |  | 0 | 0 |
| Transport for London | 2 | 2 | 2 | 0 | 0 | 0 | 0 | 100% | 19.5 | 1 granted, 1 not held |  | 0 | 0 |
| **All authorities** | 8 | 5 | 4 | 1 | 1 | 2 | 1 | 67% | 20 | 1 granted, 1 partly granted, 2 refused, 1 not held | s40 Personal information ×1, s43 Commercial interests ×2, reg12(4)(b) Manifestly unreasonable ×1, reg12(5)(e) Commercial confidentiality ×1 | 1 (1 overturned) | 1 (1 decided) |

Figures as at 29 September 2023, for 8 requests to 4 authorities. On time: the first response \
came within the statutory deadline (as extended where the law allows); a later further response \
does not change that. Working days run from receipt and leave out days the clock was stopped for \
clarification or a fee. Outcomes are each request's latest response; each exemption section counts \
once per request (s43 and s43(2) are one). On-time rate: answered on time, out of the requests \
answered or past their deadline.
"""


def test_markdown_pins_every_figure_with_a_totals_row_and_a_note(full):
    # Totals: on time 4 of the 5 answered plus the 1 overdue = 4/6 = 67%; the median of all
    # five answers (13, 19, 20, 27, 31) is 20, not the median of the authorities' medians.
    assert full.ok("report", "--format", "markdown", as_of=AS_OF).stdout == MARKDOWN


# -- the Rich table -------------------------------------------------------------------------------


TABLE = """\
Requests by authority, as at 29 September 2023
                                                   on                       with-     on-time  median
authority                    requests  answered  time  late  overdue  open  drawn        rate    days
─────────────────────────────────────────────────────────────────────────────────────────────────────
Environment Agency                  2         1     1     0        0     0      1  █████ 100%      31
London Borough of Hackney           2         2     1     1        0     0      0   ██░░░ 50%      20
Metropolitan Police Service         2         0     0     0        1     2      0    ░░░░░ 0%
Transport for London                2         2     2     0        0     0      0  █████ 100%    19.5
─────────────────────────────────────────────────────────────────────────────────────────────────────
All authorities                     8         5     4     1        1     2      1   ███░░ 67%      20

Outcomes and grounds, as at 29 September 2023
authority                    outcomes                                     exemptions                                      reviews  overturned  complaints  decisions
────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
Environment Agency           1 refused                                    reg12(4)(b) ×1, reg12(5)(e) ×1                        0           0           0          0
London Borough of Hackney    1 partial, 1 refused                         s40 ×1, s43 ×2                                        1           1           1          1
Metropolitan Police Service                                                                                                     0           0           0          0
Transport for London         1 granted, 1 not-held                                                                              0           0           0          0
────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
All authorities              1 granted, 1 partial, 2 refused, 1 not-held  s40 ×1, s43 ×2, reg12(4)(b) ×1, reg12(5)(e) ×1        1           1           1          1
On time: the first response came within the statutory deadline (as extended where the law allows); a later further response does not change that. Working days run from receipt and leave out days the clock was stopped for clarification or a fee. Outcomes are each request's latest response; each
exemption section counts once per request (s43 and s43(2) are one). On-time rate: answered on time, out of the requests answered or past their deadline.
"""


def test_table_pins_every_figure_and_the_on_time_bar(full):
    # The same figures as the JSON. The Met's median is empty, not 0. The bar has one block per
    # full 20%: 67% is three blocks, 50% two.
    result = full.run("report", as_of=AS_OF, env=WIDE)
    assert result.exit_code == 0, result.stderr
    assert lines(result.stdout) == TABLE


def test_a_narrow_terminal_keeps_every_column(full):
    # Below 100 columns the bar goes (the percentage keeps its colour) and columns sit one space
    # apart, so that 80 columns still show every figure.
    result = full.run("report", as_of=AS_OF, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    assert lines(result.stdout).startswith("""\
Requests by authority, as at 29 September 2023
                                       on                   with- on-time median
authority          requests answered time late overdue open drawn    rate   days
────────────────────────────────────────────────────────────────────────────────
Environment Agency        2        1    1    0       0    0     1    100%     31
Hackney                   2        2    1    1       0    0     0     50%     20
Met Police                2        0    0    0       1    2     0      0%
Transport for             2        2    2    0       0    0     0    100%   19.5
London
────────────────────────────────────────────────────────────────────────────────
All authorities           8        5    4    1       1    2     1     67%     20
""")
    assert all(len(line) <= 80 for line in result.stdout.splitlines())


def test_on_time_colours_follow_the_rate():
    from foitrack.cli.report import rate_cell

    assert rate_cell(None) == ""
    assert rate_cell(100) == "[green]█████ 100%[/]"
    assert rate_cell(99) == "[green]████░ 99%[/]"  # a full bar only at 100%
    assert rate_cell(90) == "[green]████░ 90%[/]"
    assert rate_cell(89) == "[yellow]████░ 89%[/]"
    assert rate_cell(50) == "[yellow]██░░░ 50%[/]"
    assert rate_cell(49) == "[red]██░░░ 49%[/]"
    assert rate_cell(19) == "[red]░░░░░ 19%[/]"
    assert rate_cell(67, bar=False) == "[yellow]67%[/]"
    assert rate_cell(0) == "[red]░░░░░ 0%[/]"


# -- filters --------------------------------------------------------------------------------------


def test_authority_filter_takes_an_alias(full):
    for query in ("the Met", "metropolitan"):
        assert full.ok("report", "-f", "json", "--authority", query, as_of=AS_OF).json() == [MET]
    markdown = full.ok("report", "-f", "markdown", "-a", "the Met", as_of=AS_OF).stdout
    assert "| **All authorities** | 2 | 0 | 0 | 0 | 1 | 2 | 0 | 0% |  |  |  | 0 | 0 |" in markdown
    assert "Figures as at 29 September 2023 (authority 'the Met'), for 2 requests to 1 authority." in markdown


def test_tag_filter(full):
    # Only the parking request: answered in 13 working days, on time; its latest response cites
    # s43 (with s43(2): once) and s40.
    data = full.ok("report", "-f", "json", "--tag", "PARKING", as_of=AS_OF).json()
    assert data == [
        row(
            "London Borough of Hackney", requests=1, answered=1, on_time=1, on_time_rate=1.0,
            median_working_days=13, outcomes={"partial": 1}, exemptions={"s40": 1, "s43": 1},
            reviews_requested=1, reviews_overturned=1,
        )
    ]


BATCH_HACKNEY = row(
    "London Borough of Hackney", requests=1, answered=1, late=1, on_time_rate=0.0,
    median_working_days=27, outcomes={"refused": 1}, exemptions={"s43": 1}, complaints=1, decisions=1,
)
BATCH_MET = row("Metropolitan Police Service", requests=1, overdue=1, open=1, on_time_rate=0.0)
BATCH_TFL = row(
    "Transport for London", requests=1, answered=1, on_time=1, on_time_rate=1.0,
    median_working_days=19, outcomes={"not-held": 1},
)


def test_batch_filter_in_json_csv_and_markdown(full):
    assert full.ok("report", "-f", "json", "--batch", "cctv", as_of=AS_OF).json() == [
        BATCH_HACKNEY, BATCH_MET, BATCH_TFL,
    ]
    # Only the sections cited in the batch get a column.
    assert full.ok("report", "-f", "csv", "-b", "cctv-round-1", as_of=AS_OF).stdout.splitlines()[1:] == [
        "London Borough of Hackney,Hackney,Council,England,1,1,0,1,0,0,0,0,27,0,0,0,1,1,0,0,1,0,0,1",
        "Metropolitan Police Service,Met Police,Police force,England,1,0,0,0,1,1,0,0,,0,0,0,0,0,0,0,0,0,0,0",
        "Transport for London,Transport for London,Transport body,England,1,1,1,0,0,0,0,100,19,0,0,0,0,0,0,0,0,1,0,0",
    ]
    # The batch view comes first: one line per authority with its status. Totals: 1 on time out
    # of 2 answered + 1 overdue = 33%; median of 27 and 19 = 23.
    assert full.ok("report", "-f", "markdown", "-b", "cctv", as_of=AS_OF).stdout == (
        "**Batch cctv-round-1**: 3 requests: 2 answered, 1 overdue.\n"
        "\n"
        "| Authority | Status | Answered on | On time | Outcome | Working days |\n"
        "| :--- | :--- | :--- | :--- | :--- | ---: |\n"
        "| London Borough of Hackney | Answered | 13 July 2023 | No | Refused | 27 |\n"
        "| Metropolitan Police Service | Very overdue |  |  |  |  |\n"
        "| Transport for London | Answered | 30 June 2023 | Yes | Not held | 19 |\n"
        "\n"
        + MARKDOWN_HEAD
        + "| London Borough of Hackney | 1 | 1 | 0 | 1 | 0 | 0 | 0 | 0% | 27 | 1 refused | s43 Commercial interests ×1 | 0 | 1 (1 decided) |\n"
        "| Metropolitan Police Service | 1 | 0 | 0 | 0 | 1 | 1 | 0 | 0% |  |  |  | 0 | 0 |\n"
        "| Transport for London | 1 | 1 | 1 | 0 | 0 | 0 | 0 | 100% | 19 | 1 not held |  | 0 | 0 |\n"
        "| **All authorities** | 3 | 2 | 1 | 1 | 1 | 1 | 0 | 33% | 23 | 1 refused, 1 not held | s43 Commercial interests ×1 | 0 | 1 (1 decided) |\n"
        "\n"
        "Figures as at 29 September 2023 (batch 'cctv'), for 3 requests to 3 authorities. "
        + MARKDOWN.split("for 8 requests to 4 authorities. ")[1]
    )


def test_batch_view_keeps_the_authority_in_an_80_column_terminal(full):
    result = full.run("report", "--batch", "cctv", as_of=AS_OF, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    batch = result.stdout.split("Requests by authority")[0]
    # Each authority whole, under the name it goes by, on one line.
    for name in ("Hackney", "Met Police", "Transport for London"):
        assert sum(1 for line in batch.splitlines() if line.startswith(name + " ")) == 1


def test_batch_view_in_the_table_shows_who_has_answered(full):
    result = full.run("report", "--batch", "cctv", as_of=AS_OF, env=WIDE)
    assert result.exit_code == 0, result.stderr
    # The Met: due Mon 3 July, 61 working days late (see its request above). Totals: 1 on time
    # of 2 answered + 1 overdue = 33% (one full 20% block); median of 27 and 19 = 23.
    assert lines(result.stdout).startswith("""\
Batch cctv-round-1: 3 requests: 2 answered, 1 overdue
authority                    status        due        answered   on time  outcome   working days  late  id
────────────────────────────────────────────────────────────────────────────────────────────────────────────
London Borough of Hackney    answered                 13 Jul 23  no       refused             27        k7m2
Metropolitan Police Service  very-overdue  03 Jul 23                                                61  p9x4
Transport for London         answered                 30 Jun 23  yes      not-held            19        w3rt

Requests by authority, as at 29 September 2023 (batch 'cctv')
                                                   on                       with-     on-time  median
authority                    requests  answered  time  late  overdue  open  drawn        rate    days
─────────────────────────────────────────────────────────────────────────────────────────────────────
London Borough of Hackney           1         1     0     1        0     0      0    ░░░░░ 0%      27
Metropolitan Police Service         1         0     0     0        1     1      0    ░░░░░ 0%
Transport for London                1         1     1     0        0     0      0  █████ 100%      19
─────────────────────────────────────────────────────────────────────────────────────────────────────
All authorities                     3         2     1     1        1     1      0   █░░░░ 33%      23

Outcomes and grounds, as at 29 September 2023 (batch 'cctv')
authority                    outcomes               exemptions  reviews  overturned  complaints  decisions
──────────────────────────────────────────────────────────────────────────────────────────────────────────
London Borough of Hackney    1 refused              s43 ×1            0           0           1          1
Metropolitan Police Service                                           0           0           0          0
Transport for London         1 not-held                               0           0           0          0
──────────────────────────────────────────────────────────────────────────────────────────────────────────
All authorities              1 refused, 1 not-held  s43 ×1            0           0           1          1
""")


def test_list_batch_names_the_batch_and_counts_answers(full):
    result = full.run("list", "--batch", "cctv", as_of=AS_OF, env=WIDE)
    assert result.exit_code == 0, result.stderr
    assert "Batch cctv-round-1: 3 requests: 2 answered, 1 overdue" in result.stdout
    # Soonest deadline first, as ever: the Met's (3 July, 61 working days late) leads.
    assert [(cells[0], cells[1], cells[4], cells[6]) for cells in table_rows(result.stdout)] == [
        ("p9x4", "Metropolitan Police Service", "very-overdue", "61"),
        ("k7m2", "London Borough of Hackney", "answered", ""),
        ("w3rt", "Transport for London", "answered", ""),
    ]
    # Without --batch the list has no title.
    assert "Batch" not in full.ok("list", as_of=AS_OF).stdout
    # As at Mon 3 July, the day all three are due, only TfL has answered and none is overdue.
    early = full.run("list", "-b", "cctv", as_of="2023-07-03", env=WIDE).stdout
    assert "Batch cctv-round-1: 3 requests: 1 answered, 0 overdue, 2 not yet due" in early


def test_since_and_until_are_inclusive_on_the_date_sent(full):
    # 5 to 12 June, both included: the three CCTV requests (5 June) and the EIR one (12 June);
    # not the requests of 1 June, 20 June or 3 July.
    data = full.ok("report", "-f", "json", "--since", "5 Jun 2023", "--until", "12/06/2023", as_of=AS_OF).json()
    assert data == [
        row(
            "Environment Agency", requests=1, answered=1, on_time=1, on_time_rate=1.0,
            median_working_days=31, outcomes={"refused": 1}, exemptions={"reg12(4)(b)": 1, "reg12(5)(e)": 1},
        ),
        BATCH_HACKNEY, BATCH_MET, BATCH_TFL,
    ]
    assert [r["authority"] for r in full.ok("report", "-f", "json", "--since", "2023-06-20", as_of=AS_OF).json()] == [
        "Environment Agency", "Metropolitan Police Service",
    ]
    assert [r["requests"] for r in full.ok("report", "-f", "json", "--until", "2023-06-01", as_of=AS_OF).json()] == [1, 1]
    markdown = full.ok("report", "-f", "markdown", "--since", "2023-06-05", "--until", "2023-06-12", as_of=AS_OF).stdout
    assert "(sent 5 June 2023 to 12 June 2023)" in markdown


def test_nothing_matching_gives_empty_output_in_every_format(full):
    args = ("report", "--tag", "nosuchtag")
    assert full.ok(*args, "-f", "json", as_of=AS_OF).json() == []
    header = full.ok(*args, "-f", "csv", as_of=AS_OF).stdout
    assert header.count("\n") == 1 and header.startswith("Authority,Short name,Kind of authority,Nation,Requests,")
    assert "exemption:" not in header
    assert full.ok(*args, "-f", "markdown", as_of=AS_OF).stdout == "No requests match, as at 29 September 2023.\n"
    assert full.ok(*args, as_of=AS_OF).stdout == "No requests match.\n"


# -- bad input and broken files ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--format", "xml"], "--format: 'xml' is not one of table, csv, json, markdown"),
        (["--since", "31/02/2023"], "--since: '31/02/2023'"),
        (["--until", "next week"], "--until: 'next week'"),
        (["--since", "2023-07-01", "--until", "2023-06-01"], "--until 2023-06-01 is before --since 2023-07-01"),
    ],
)
def test_bad_options_exit_2_with_one_line(full, args, needle):
    before = {path: path.read_bytes() for path in full.requests.glob("*.toml")}
    result = full.run("report", *args, as_of=AS_OF)
    assert result.exit_code == 2
    assert needle in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""
    assert {path: path.read_bytes() for path in full.requests.glob("*.toml")} == before


def test_a_malformed_file_is_named_and_the_report_still_made(full):
    broken = full.write("broken", """
        authority = "City of London Police"
        subject = "CCTV contracts
        sent = 2023-06-05
    """)
    for fmt in ("json", "csv", "markdown", "table"):
        result = full.run("report", "--format", fmt, as_of=AS_OF, env=WIDE)
        assert result.exit_code == 0
        assert f"{broken}:2:" in result.stderr
        assert "City of London" not in result.stdout
    assert full.ok("report", "-f", "json", as_of=AS_OF).json() == [EA, HACKNEY, MET, TFL]


def test_help_says_how_a_second_response_counts(full):
    text = " ".join(full.run("report", "--help", env={"COLUMNS": "400"}).stdout.split())
    assert (
        "A second response is recorded as a further response; the report uses the latest outcome "
        "and the first response date for timeliness." in text
    )


# -- recording what the report counts ----------------------------------------------------------------


def test_responses_reviews_and_complaints_recorded_on_the_cli_are_counted(tracker):
    tracker.write("ea", """
        authority = "Environment Agency"
        subject = "Permit breaches"
        sent = 2023-06-01
        regime = "eir"
    """)
    for args in (
        ["respond", "ea", "-o", "refused", "-x", "12(5)(e)", "-x", "Regulation 12(4)(b)", "--on", "2023-06-20"],
        ["respond", "ea", "-o", "partial", "-x", "12(5)(e)", "-x", "reg 12(5)(e)", "--on", "2023-07-10"],
        ["record", "ea", "review-requested", "--on", "2023-07-11"],
        ["record", "ea", "review-responded", "--outcome", "overturned", "--on", "2023-08-01"],
        ["record", "ea", "complained", "--ref", "IC-9", "--on", "2023-08-02"],
    ):
        result = tracker.run(*args)
        assert result.exit_code == 0, result.stderr
    events = tomllib.loads((tracker.requests / "ea.toml").read_text())["events"]
    # Under the EIRs a bare 12(5)(e) is written as the regulation it is.
    assert events[0]["exemptions"] == ["reg12(5)(e)", "reg12(4)(b)"]
    # Sent Thu 1 June, first answered Tue 20 June: 13 working days (see hackney-prices), on time.
    # The latest response cites reg12(5)(e) twice: it counts once.
    assert tracker.ok("report", "-f", "json", as_of="2023-08-31").json() == [
        row(
            "Environment Agency", requests=1, answered=1, on_time=1, on_time_rate=1.0,
            median_working_days=13, outcomes={"partial": 1}, exemptions={"reg12(5)(e)": 1},
            reviews_requested=1, reviews_overturned=1, complaints=1,
        )
    ]


@pytest.mark.parametrize(
    "args, needle",
    [
        (["respond", "ea", "-o", "won"], "outcome 'won' is not one of granted, partial, refused, not-held, neither-confirm-nor-deny"),
        (["respond", "ea", "-o", "refused", "-x", "s.forty"], "'s.forty' is not an exemption: write a section like s43(2)"),
        (["record", "ea", "review-responded", "--outcome", "won"], "'review-responded' outcome 'won' is not one of upheld, overturned, partly-overturned"),
        (["record", "ea", "decision", "--outcome", "won"], "decision outcome 'won' is not one of upheld, partly-upheld"),
    ],
)
def test_unknown_outcomes_and_malformed_exemptions_name_the_value_and_the_valid_ones(tracker, args, needle):
    path = tracker.write("ea", """
        authority = "Environment Agency"
        subject = "Permit breaches"
        sent = 2023-06-01
        regime = "eir"

        [[events]]
        type = "review-requested"
        date = 2023-06-02

        [[events]]
        type = "complained"
        date = 2023-06-03
    """)
    before = path.read_bytes()
    result = tracker.run(*args, "--on", "2023-06-10")
    assert result.exit_code == 2
    assert needle in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before


# -- the pure module ---------------------------------------------------------------------------------


def test_the_cli_offers_every_format_the_report_renders():
    from foitrack.publish import report
    from foitrack.cli import report as cli_report

    assert cli_report.FORMATS == report.FORMATS


def test_pure_helpers():
    from foitrack.publish.report import _md_row, median, section_sort_key, whole_percent

    # A pipe in a name would break the Markdown table: it is escaped.
    assert _md_row(["Bath | North East Somerset", "2"]) == "| Bath \\| North East Somerset | 2 |"

    assert median([]) is None and median([0]) == 0 and median([13, 27]) == 20 and median([19, 20]) == 19.5
    assert isinstance(median([13, 27]), int)
    assert whole_percent(1, 8) == 13 and whole_percent(1, 3) == 33 and whole_percent(2, 3) == 67
    assert whole_percent(0, 1) == 0 and whole_percent(0, 0) is None
    assert sorted(["reg12(5)(e)", "s43", "reg12(4)(b)", "s12", "s40", "s5"], key=section_sort_key) == [
        "s5", "s12", "s40", "s43", "reg12(4)(b)", "reg12(5)(e)",
    ]


def test_build_report_without_the_cli(tmp_path):
    from foitrack.publish.report import Filters, build_report, to_json
    from foitrack.tracker import Tracker
    from tests.conftest import TrackerFolder

    folder = TrackerFolder(tmp_path / "t")
    for name, text in REQUESTS.items():
        folder.write(name, text)
    tracker = Tracker(folder.root, today=dt.date(2023, 9, 29))
    requests, problems = tracker.load_all()
    assert problems == []
    report = build_report(tracker, requests, Filters(authority="the Met"))
    assert to_json(report) == [MET]
    assert report.total.requests == 2 and report.total.median_working_days is None
    assert report.batches == {}
