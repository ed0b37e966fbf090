"""A round-robin request as a journalist runs it: who is late, what escalating changes (nothing,
for lateness), and `list --status` selecting exactly what the report counts.

Nine requests in batch "rr", as at Mon 15 Jan 2024. Dates worked out by hand:
- Sent Mon 2 Oct 2023, FOIA or FOISA: 20 working days -> Mon 30 Oct 2023 (no bank holiday in
  October on either calendar). The 40th working day is Mon 27 Nov (very overdue after it).
- Late as at Mon 15 Jan 2024, from 30 Oct: Oct 31 (1), Nov 1-3 (4), 6-10 (9), 13-17 (14), 20-24
  (19), 27-29 (22), Thu 30 Nov off (St Andrew's Day: Scotland, so under the union rule FOIA's
  too), Dec 1 (23), 4-8 (28), 11-15 (33), 18-22 (38), 25 and 26 Dec off, 27-29 (41), 1 and 2 Jan
  off (2 Jan: Scotland, union rule), Jan 3-5 (44), 8-12 (49), 15 (50): 50 on both calendars.
- Fife's review of the failure to respond, asked for Mon 20 Nov (FOISA s.20, s.21(1): 20
  Scottish working days): Nov 21-24 (4), 27-29 (7), 30 off, Dec 1 (8), 4-8 (13), 11-15 (18),
  18-19 (20) -> Tue 19 Dec 2023, so overdue by 15 Jan.
- Hackney answered on time (Mon 23 Oct) and asked for a review Wed 1 Nov (s.45 Code, 20 working
  days): Nov 2-3 (2), 6-10 (7), 13-17 (12), 20-24 (17), 27-29 (20) -> Wed 29 Nov; late by 15 Jan:
  Dec 1 (1), 4-8 (6), 11-15 (11), 18-22 (16), 27-29 (19), Jan 3-5 (22), 8-12 (27), 15 (28).
"""

from __future__ import annotations

import csv
import io

import pytest

AS_OF = "2024-01-15"
WIDE = {"COLUMNS": "200"}


def head(authority: str, regime: str = "foia", sent: str = "2023-10-02") -> str:
    return f'authority = "{authority}"\nsubject = "Stop and search"\nsent = {sent}\nregime = "{regime}"\nbatch = "rr"\n'


def event(kind: str, on: str, **keys: str) -> str:
    extra = "".join(f'{key} = "{value}"\n' for key, value in keys.items())
    return f'\n[[events]]\ntype = "{kind}"\ndate = {on}\n{extra}'


ROUND_ROBIN = {
    # Never answered.
    "camden": head("London Borough of Camden"),
    # Never answered; the requester complained to the ICO on Fri 1 Dec.
    "met": head("Metropolitan Police Service") + event("complained", "2023-12-01", ref="IC-1"),
    # Never answered; a review of the failure to respond, itself overdue since 19 Dec.
    "fife": head("Fife Council", "foisa") + event("review-requested", "2023-11-20"),
    # Never answered; a review of the failure to respond asked for on Mon 8 Jan, not yet due.
    "glasgow": head("Glasgow City Council", "foisa") + event("review-requested", "2024-01-08"),
    # Answered on time, then an internal review that is overdue: owed, but not the response.
    "hackney": head("London Borough of Hackney")
    + event("responded", "2023-10-23", outcome="refused")
    + event("review-requested", "2023-11-01"),
    # Answered late (due 30 Oct).
    "barnet": head("London Borough of Barnet") + event("responded", "2023-11-03", outcome="granted"),
    "ealing": head("London Borough of Ealing") + event("withdrawn", "2023-10-10"),
    "lambeth": head("London Borough of Lambeth", sent="2024-01-08"),
    # The clock stopped for clarification: open, not overdue.
    "brent": head("London Borough of Brent") + event("clarification-requested", "2023-10-05"),
}


@pytest.fixture
def rr(tracker):
    for name, text in ROUND_ROBIN.items():
        tracker.write(name, text)
    return tracker


def by_id(rows) -> dict:
    return {row["id"]: row for row in rows}


# -- escalation keeps a never-answered request late ---------------------------------------------


def test_a_request_never_answered_stays_late_after_a_complaint_or_a_review_in_every_view(rr):
    late = {"camden": "very-overdue", "met": "complained", "fife": "review-overdue", "glasgow": "review-requested"}
    listed = by_id(rr.ok("list", "--json", as_of=AS_OF).json())
    exported_json = by_id(rr.ok("export", "--format", "json", as_of=AS_OF).json())
    exported_csv = by_id(csv.DictReader(io.StringIO(rr.ok("export", as_of=AS_OF).stdout)))
    due = by_id(rr.ok("due", "--json", as_of=AS_OF).json())
    for name, status in late.items():
        for view, rows in (("list", listed), ("export", exported_json), ("due", due)):
            row = rows[name]
            assert (row["status"], row["due"], row["working_days_overdue"]) == (status, "2023-10-30", 50), (view, name)
        assert (exported_csv[name]["due"], exported_csv[name]["working_days_overdue"]) == ("2023-10-30", "50")
        shown = rr.ok("show", name, as_of=AS_OF).stdout
        assert "due 30 Oct 2023 (50 working days late)" in shown, name
    # Answered, the review overdue: that review's own date and lateness.
    assert (listed["hackney"]["due"], listed["hackney"]["working_days_overdue"]) == ("2023-11-29", 28)
    # Answered late, or withdrawn: nothing is owed.
    assert (listed["barnet"]["due"], listed["barnet"]["working_days_overdue"]) == (None, 0)
    assert (listed["ealing"]["due"], listed["ealing"]["working_days_overdue"]) == (None, 0)
    # `due` lists everything owed past its deadline, the complaint and the reviews included.
    owed_by_authorities = {name for name, row in due.items() if row["owed_by"] == "authority"}
    assert owed_by_authorities == {"camden", "met", "fife", "glasgow", "hackney"}


def test_the_batch_view_shows_how_late_an_escalated_request_is(rr):
    result = rr.run("report", "--batch", "rr", as_of=AS_OF, env=WIDE)
    assert result.exit_code == 0
    met = next(line for line in result.stdout.splitlines() if line.startswith("Metropolitan Police"))
    cells = met.split()
    assert "complained" in cells and "30 Oct 23" in met and cells[-2] == "50"
    assert "Batch rr: 9 requests: 2 answered, 4 overdue, 2 not yet due, 1 withdrawn" in result.stdout


def test_the_report_counts_an_escalated_request_overdue_and_the_due_title_agrees(rr):
    assert totals(rr)["overdue"] == 4
    title = rr.ok("due", as_of=AS_OF).stdout.splitlines()[0]
    assert "4 overdue, 1 review overdue, 0 due within 5 working days" in title


def totals(tracker) -> dict:
    """The report's counts over every authority (its JSON rows summed, as a script would)."""
    rows = tracker.ok("report", "--format", "json", as_of=AS_OF).json()
    keys = ("requests", "answered", "on_time", "late", "overdue", "open", "withdrawn")
    return {key: sum(row[key] for row in rows) for key in keys}


# -- list --status selects what the report counts --------------------------------------------------


def test_list_status_overdue_is_the_reports_overdue_now(rr):
    ids = {row["id"] for row in rr.ok("list", "--status", "overdue", "--json", as_of=AS_OF).json()}
    # Very overdue and escalated-but-never-answered requests are overdue; an internal review that
    # is late after a response, a stopped clock and a request not yet due are not.
    assert ids == {"camden", "met", "fife", "glasgow"}
    table = rr.ok("list", "--status", "overdue", as_of=AS_OF).stdout
    assert "very-overdue" in table and "Camden" in table


@pytest.mark.parametrize(
    "word, column, ids",
    [
        ("answered", "answered", {"hackney", "barnet"}),
        ("on-time", "on_time", {"hackney"}),
        ("late", "late", {"barnet"}),
        ("overdue", "overdue", {"camden", "met", "fife", "glasgow"}),
        ("open", "open", {"camden", "met", "fife", "glasgow", "lambeth", "brent"}),
        ("withdrawn", "withdrawn", {"ealing"}),
    ],
)
def test_every_count_of_the_report_is_a_status_word_selecting_those_requests(rr, word, column, ids):
    total = totals(rr)
    listed = {row["id"] for row in rr.ok("list", "--status", word, "--json", as_of=AS_OF).json()}
    assert listed == ids
    assert total[column] == len(ids)


def test_a_status_that_is_not_a_count_still_selects_that_status_exactly(rr):
    assert [r["id"] for r in rr.ok("list", "--status", "very-overdue", "--json", as_of=AS_OF).json()] == ["camden"]
    assert {r["id"] for r in rr.ok("list", "--status", "review-overdue", "--json", as_of=AS_OF).json()} == {
        "hackney", "fife"
    }


def test_list_help_says_what_each_status_word_covers(tracker):
    text = " ".join(tracker.ok("list", "--help").stdout.split())
    for word in ("answered:", "on-time:", "late:", "overdue:", "open:", "withdrawn:"):
        assert word in text
    assert "overdue: never answered and past the response deadline: overdue and very-overdue" in text


def test_the_documented_words_and_the_tests_behind_them_are_the_same_words():
    from foitrack.law.standing import _STATUS_GROUPS
    from foitrack.vocab import STATUS_FILTERS, STATUS_GROUPS, STATUSES

    assert list(_STATUS_GROUPS) == list(STATUS_GROUPS)
    assert set(STATUS_FILTERS) == set(STATUSES) | set(STATUS_GROUPS)
