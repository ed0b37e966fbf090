"""What you owe (issue 18): `due` also lists what is waiting on the user, each with its date: a
clarification or a fee the authority asked for, and the last day to ask for an internal review or
to complain, when it falls within the horizon. In --json, each row says who owes it."""

from __future__ import annotations

import pytest

CLARIFY = """
authority = "London Borough of Hackney"
subject = "Parking fines"
sent = 2023-06-01

[[events]]
type = "clarification-requested"
date = 2023-06-08
"""

FEE = """
authority = "London Borough of Camden"
subject = "CCTV contracts"
sent = 2023-06-01

[[events]]
type = "fee-notice"
date = 2023-06-12
amount = 450
"""

# Partly refused on Mon 3 July: the 40 working days for asking for a review end on Thu 31 August
# 2023 (12 July, 7 August and 28 August are bank holidays in one UK nation or another, so not
# working days under FOIA).
PARTIAL = """
authority = "London Borough of Merton"
subject = "Drone flights"
sent = 2023-06-01

[[events]]
type = "responded"
date = 2023-07-03
outcome = "partial"
exemptions = ["s40(2)"]
"""

# Granted in full: nothing to ask a review of.
GRANTED = PARTIAL.replace("Merton", "Barnet").replace('"partial"', '"granted"').replace('exemptions = ["s40(2)"]\n', "")

# The review upheld the refusal on 1 August: six weeks to complain to the ICO, to 12 September.
REVIEWED = """
authority = "Metropolitan Police Service"
subject = "Facial recognition"
sent = 2023-05-02

[[events]]
type = "responded"
date = 2023-05-30
outcome = "refused"

[[events]]
type = "review-requested"
date = 2023-06-01

[[events]]
type = "review-responded"
date = 2023-08-01
outcome = "upheld"
"""

# Overdue since 30 June: the authority owes this one.
OVERDUE = """
authority = "Merseyside Police"
subject = "Stop and search"
sent = 2023-06-01
"""


@pytest.fixture
def owed(tracker):
    for name, text in {
        "clarify": CLARIFY, "fee": FEE, "partial": PARTIAL, "granted": GRANTED,
        "reviewed": REVIEWED, "overdue": OVERDUE,
    }.items():
        tracker.write(name, text)
    return tracker


def test_due_lists_what_is_waiting_on_you_in_a_section_of_its_own(owed):
    result = owed.ok("due", "--within", "15", as_of="2023-08-25")
    text = result.stdout
    head, _, mine = text.partition("Waiting on you:")
    assert "overdue" in head and "Merseyside Police" in head
    assert "Hackney" not in head and "Camden" not in head  # stopped clocks are not the authority's
    assert mine.splitlines()[0].strip() == "1 clarification, 1 fee to pay, 1 review window closing, 1 complaint window closing"
    rows = {line.split()[0]: line for line in mine.splitlines() if line.split() and line.split()[0] in ("clarify", "fee", "partial", "reviewed", "granted")}
    assert "send the clarification asked for" in rows["clarify"] and "asked 08 Jun" in rows["clarify"]
    # The last day of the three months beginning with the day of the fees notice (FOIA s.9(2)):
    # unpaid after that, the request lapses.
    assert "pay the £450.00 fee" in rows["fee"] and "11 Sep" in rows["fee"]
    assert "ask for an internal review" in rows["partial"] and "31 Aug" in rows["partial"]
    assert "complain to the ICO" in rows["reviewed"] and "12 Sep" in rows["reviewed"]
    assert "granted" not in rows


def test_windows_beyond_the_horizon_or_already_closed_are_left_out(owed):
    # Two working days from Fri 25 August reach Wed 30 August: the review window (31 August) and
    # the complaint window (12 September) are beyond; a clarification or fee is always listed.
    soon = owed.ok("due", "--json", "--within", "2", as_of="2023-08-25").json()
    assert sorted(row["action"] for row in soon if row["owed_by"] == "you") == ["clarify", "pay-fee"]
    three = owed.ok("due", "--json", "--within", "3", as_of="2023-08-25").json()
    assert "ask-for-review" in [row["action"] for row in three]
    later = owed.ok("due", "--json", "--within", "15", as_of="2023-09-01").json()
    assert "ask-for-review" not in [row["action"] for row in later]  # closed on 31 August


def test_due_json_types_every_row_and_keeps_the_contract_keys(owed):
    rows = owed.ok("due", "--json", "--within", "15", as_of="2023-08-25").json()
    contract = {"id", "authority", "subject", "sent", "regime", "status", "due", "working_days_overdue", "path"}
    assert all(contract <= set(row) for row in rows)
    assert len({frozenset(row) for row in rows}) == 1  # every row has the same keys
    by_id = {row["id"]: row for row in rows}
    assert (by_id["overdue"]["owed_by"], by_id["overdue"]["action"]) == ("authority", "respond")
    assert by_id["overdue"]["due"] == "2023-06-29"
    assert (by_id["clarify"]["owed_by"], by_id["clarify"]["action"]) == ("you", "clarify")
    assert (by_id["clarify"]["due"], by_id["clarify"]["since"]) == (None, "2023-06-08")
    assert (by_id["fee"]["action"], by_id["fee"]["due"], by_id["fee"]["since"], by_id["fee"]["amount"]) == (
        "pay-fee", "2023-09-11", "2023-06-12", 450
    )
    assert (by_id["partial"]["action"], by_id["partial"]["due"]) == ("ask-for-review", "2023-08-31")
    assert (by_id["reviewed"]["action"], by_id["reviewed"]["due"]) == ("complain", "2023-09-12")
    # Authorities' rows first, as before; then the user's, soonest first.
    assert [row["owed_by"] for row in rows] == ["authority"] + ["you"] * 4


def test_mine_shows_only_what_is_waiting_on_you(owed):
    mine = owed.ok("due", "--mine", "--json", "--within", "15", as_of="2023-08-25").json()
    assert {row["owed_by"] for row in mine} == {"you"} and len(mine) == 4
    table = owed.ok("due", "--mine", "--within", "15", as_of="2023-08-25").stdout
    assert "Merseyside" not in table and "Waiting on you" in table


def test_mine_with_nothing_owed_says_so(tracker):
    tracker.write("overdue", OVERDUE)
    result = tracker.ok("due", "--mine", as_of="2023-08-25")
    assert "Nothing is waiting on you" in result.stdout


def test_a_scottish_complaint_window_is_the_commissioners(tracker):
    glasgow = REVIEWED.replace("Metropolitan Police Service", "Glasgow City Council")
    tracker.write("glasgow", glasgow.replace('sent = 2023-05-02\n', 'sent = 2023-05-02\nregime = "foisa"\n'))
    # FOISA s.47(4)(b): six months from the review's outcome of 1 August, to 1 February 2024.
    rows = tracker.ok("due", "--json", "--within", "150", as_of="2023-08-25").json()
    assert [(row["action"], row["due"]) for row in rows] == [("complain", "2024-02-01")]
    shown = tracker.ok("due", "--within", "150", as_of="2023-08-25").stdout
    assert "apply to the Scottish Information Commissioner" in shown


def test_an_internal_review_the_authority_owes_is_typed_review(tracker):
    tracker.write("reviewed", REVIEWED.split("[[events]]\ntype = \"review-responded\"")[0])
    [row] = tracker.ok("due", "--json", as_of="2023-07-20").json()
    # Asked for on 1 June: 20 working days, due 29 June; overdue now.
    assert (row["owed_by"], row["action"], row["status"], row["due"]) == ("authority", "review", "review-overdue", "2023-06-29")
