"""Tables that fit (issue 18): at 80 columns a request takes one line in the common case, short
names stand for long ones, nothing is cut short or split, piped output has no trailing spaces,
and ties go by name as a person reads it. Driven through the CLI with COLUMNS set."""

from __future__ import annotations

import re

import pytest

AS_OF = "2023-09-25"


def request(authority: str, subject: str = "Contacts with Fusus", sent: str = "2023-05-15", events: str = "") -> str:
    return f'authority = "{authority}"\nsubject = "{subject}"\nsent = {sent}\nbatch = "fusus"\n{events}'


RESPONDED = """
[[events]]
type = "responded"
date = 2023-06-09
outcome = "{outcome}"
{exemptions}
"""


def responded(outcome: str, *exemptions: str) -> str:
    cited = f"exemptions = {list(exemptions)!r}".replace("'", '"') if exemptions else ""
    return RESPONDED.format(outcome=outcome, exemptions=cited)


@pytest.fixture
def newsroom(tracker):
    """Requests to authorities with long names, most answered, some not."""
    tracker.write("2023-05-15-hackney-fusus-aaaa", request("London Borough of Hackney", events=responded("granted")))
    tracker.write("2023-05-15-met-fusus-bbbb", request("Metropolitan Police Service", events=responded(
        "refused", "s24(1)", "s31(1)(a)", "s40(2)", "s43(2)", "s38(1)", "s21")))
    tracker.write("2023-05-15-rbkc-fusus-cccc", request("Royal Borough of Kensington and Chelsea"))
    tracker.write("2023-05-15-towerhamlets-fusus-dddd", request("London Borough of Tower Hamlets"))
    tracker.write("2023-05-15-merseyside-fusus-eeee", request("Merseyside Police", events=responded(
        "neither-confirm-nor-deny", "s23(5)", "s24(2)")))
    tracker.write("2023-05-15-cheshire-fusus-ffff", request("Cheshire Constabulary", events=responded("partial", "s31(1)(a)")))
    return tracker


def run(tracker, width: int, *args: str) -> list[str]:
    result = tracker.run(*args, as_of=AS_OF, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


def assert_fits(lines: list[str], width: int) -> None:
    for line in lines:
        assert len(line) <= width, f"{len(line)} > {width}: {line!r}"
        assert line == line.rstrip(), f"trailing spaces: {line!r}"


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("command", [("list",), ("due",), ("report",), ("report", "--batch", "fusus")])
def test_every_table_fits_and_has_no_trailing_padding(newsroom, width, command):
    assert_fits(run(newsroom, width, *command), width)


def table_rows(lines: list[str]) -> list[str]:
    """The lines between a table's rule and its caption."""
    start = next(i for i, line in enumerate(lines) if set(line) == {"\u2500"})
    return [line for line in lines[start + 1:] if not line.startswith("id:")]


def test_at_80_columns_a_request_takes_one_line_under_its_short_name(newsroom):
    lines = run(newsroom, 80, "list")
    rows = table_rows(lines)
    assert len(rows) == 6  # one line each: nothing wrapped
    names = [row.split("  ")[1].strip() for row in rows]
    assert {"Hackney", "Met Police", "Tower Hamlets", "Cheshire Police"} <= set(names)
    assert not any("London Borough of" in row for row in rows)


def test_at_120_columns_full_names_are_shown_where_they_fit(newsroom):
    rows = table_rows(run(newsroom, 120, "list"))
    assert len(rows) == 6
    assert any("Metropolitan Police Service" in row for row in rows)
    assert any("sent" in line for line in run(newsroom, 120, "list")[:1])  # room for the date sent


def test_a_long_list_of_exemptions_wraps_between_items_never_inside_one(newsroom):
    lines = run(newsroom, 80, "report")
    text = "\n".join(lines)
    assert "s24 \u00d71" in text and "s43 \u00d71" in text
    for line in lines:
        assert not line.lstrip().startswith("\u00d7"), f"a count split from its section: {line!r}"
        assert not re.search(r"\bs\d+$", line), f"a section split from its count: {line!r}"


def test_an_outcome_is_never_cut_short(newsroom):
    for width in (80, 120):
        text = "\n".join(run(newsroom, width, "report", "--batch", "fusus"))
        assert "neither-confirm-nor-deny" in text
        assert "\u2026" not in text


def test_ties_go_by_name_as_a_person_reads_it(tracker):
    for stem, authority in [
        ("a1", "The Zoological Society of London"),
        ("a2", "Area 10 Health Board"),
        ("a3", "Metropolitan Police Service"),
        ("a4", "London Borough of Hackney"),
        ("a5", "area 2 health board"),
        ("a6", "Barnet"),
    ]:
        tracker.write(f"2023-05-15-{stem}-xxxx", request(authority, events=responded("granted")))
    rows = tracker.ok("list", "--json", as_of=AS_OF).json()
    assert [row["authority"] for row in rows] == [
        "area 2 health board",  # numbers in order, case ignored
        "Area 10 Health Board",
        "Barnet",
        "London Borough of Hackney",  # as Hackney
        "Metropolitan Police Service",  # as Met Police
        "The Zoological Society of London",  # "the" ignored
    ]
    report = tracker.ok("report", "--format", "json", as_of=AS_OF).json()
    assert [row["authority"] for row in report] == [row["authority"] for row in rows]


def test_due_dates_in_the_year_asked_about_leave_room_for_the_names(tracker):
    """At 80 columns the due column drops the year the table is as at ("13 Jun"), which gives
    the authority and subject the three columns that keep a round-robin on one line each, even
    with a review overdue (the widest status). A day in another year keeps its year."""
    review = (
        '\n[[events]]\ntype = "responded"\ndate = 2023-08-02\noutcome = "refused"\nexemptions = ["s24(1)"]\n'
        '\n[[events]]\ntype = "review-requested"\ndate = 2023-08-10\n'
    )
    tracker.write("2023-05-15-rbkc-fusus-aaaa", request("Royal Borough of Kensington and Chelsea"))
    tracker.write("2023-05-15-met-fusus-bbbb", request("Metropolitan Police Service", events=review))
    tracker.write("2023-05-15-city-fusus-cccc", request("City of London Police", events=responded("granted")))
    lines = run(tracker, 80, "list")
    assert_fits(lines, 80)
    rows = table_rows(lines)
    assert len(rows) == 3, "\n".join(rows)  # one line each
    assert any("Kensington and Chelsea" in row and "13 Jun " in row and "13 Jun 23" not in row for row in rows)
    assert any("City of London Police" in row for row in rows)
    assert any("review-overdue" in row for row in rows)

    tracker.write("2022-11-01-merton-fusus-dddd", request("London Borough of Merton", sent="2022-11-01"))
    rows = table_rows(run(tracker, 80, "list"))
    assert any("Merton" in row and "29 Nov 22" in row for row in rows)
    assert any("Met Police" in row and "08 Sep " in row and "08 Sep 23" not in row for row in rows)
