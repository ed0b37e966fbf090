"""A review of a failure to respond: the authority answers at review, or still does not.

FOISA s.20(1) lets a requester require a review when the authority has not responded; at review
the authority may "reach a decision, where the complaint is that no decision had been reached"
(s.21(4)(c)). There is nothing to uphold or overturn, so such a review ends `responded` (or with
the response's own outcome) or `no-response`; the answer given at review is the request's first
response, and a late one.

Fife Council (FOISA), sent Mon 2 Oct 2023: due Mon 30 Oct (20 Scottish working days, none off in
October). Review of the failure to respond asked for Mon 20 Nov: due Tue 19 Dec (Nov 21-24 (4),
27-29 (7), Thu 30 Nov St Andrew's Day off, Dec 1 (8), 4-8 (13), 11-15 (18), 18-19 (20)).
Answered at review Tue 12 Dec: working days from 2 Oct: Oct 3-31 (21), Nov less the 30th (42),
Dec 1 (43), 4-8 (48), 11-12 (50). Six months to apply to the Commissioner from the review's
notice (s.47(4)(a)): Wed 12 Jun 2024.
"""

from __future__ import annotations

AS_OF = "2024-01-15"

FIFE = """
authority = "Fife Council"
subject = "Stop and search"
sent = 2023-10-02
regime = "foisa"

[[events]]
type = "review-requested"
date = 2023-11-20
"""

ANSWERED_THEN_REVIEWED = """
authority = "Glasgow City Council"
subject = "Stop and search"
sent = 2023-10-02
regime = "foisa"

[[events]]
type = "responded"
date = 2023-10-20
outcome = "refused"

[[events]]
type = "review-requested"
date = 2023-10-23
"""


def test_an_answer_at_review_is_the_first_response_late_and_never_counted_overturned(tracker):
    tracker.write("fife", FIFE)
    done = tracker.ok("record", "fife", "review-responded", "--outcome", "responded", "--on", "2023-12-12")
    assert "Recorded review-responded (responded) on 12 Dec 2023 for fife: now answered." in done.stdout
    [figures] = tracker.ok("report", "--format", "json", as_of=AS_OF).json()
    assert {key: figures[key] for key in (
        "answered", "on_time", "late", "overdue", "open", "median_working_days",
        "reviews_requested", "reviews_overturned", "responded_at_review",
    )} == {
        "answered": 1, "on_time": 0, "late": 1, "overdue": 0, "open": 0, "median_working_days": 50,
        "reviews_requested": 1, "reviews_overturned": 0, "responded_at_review": 1,
    }
    shown = tracker.ok("show", "fife", "--json", as_of=AS_OF).json()
    assert shown["status"] == "answered" and shown["due"] is None
    assert (shown["first_response"], shown["responded_on_time"], shown["answered_at_review"]) == (
        "2023-12-12", False, True
    )
    assert shown["working_days_to_respond"] == 50
    # The review was had: next is the Commissioner, not another review.
    assert shown["deadlines"]["review_request_by"] is None
    assert shown["deadlines"]["complaint_by"] == "2024-06-12"
    assert [(d["kind"], d["date"]) for d in tracker.ok("calendar", "--json", as_of=AS_OF).json()] == [
        ("complaint", "2024-06-12")
    ]
    text = tracker.ok("show", "fife", as_of=AS_OF).stdout
    assert "First response 12 Dec 2023, at a review of the failure to respond: 30 working days late" in text
    table = tracker.ok("report", as_of=AS_OF).stdout
    assert "answered" in table and "at review" in table
    markdown = tracker.ok("report", "--format", "markdown", as_of=AS_OF).stdout
    assert "| 1 (0 overturned, 1 answered at review) |" in markdown


def test_the_response_given_at_review_counts_with_its_outcome(tracker):
    tracker.write("fife", FIFE)
    tracker.ok("record", "fife", "review-responded", "--outcome", "refused", "--on", "2023-12-12")
    [figures] = tracker.ok("report", "--format", "json", as_of=AS_OF).json()
    assert figures["outcomes"]["refused"] == 1 and figures["responded_at_review"] == 1
    assert figures["reviews_overturned"] == 0 and figures["late"] == 1
    [row] = tracker.ok("export", "--format", "json", as_of=AS_OF).json()
    assert (row["status"], row["first_response"], row["outcome"]) == ("answered", "2023-12-12", "refused")


def test_a_review_that_still_gave_no_response_leaves_the_request_overdue(tracker):
    tracker.write("fife", FIFE)
    tracker.ok("record", "fife", "review-responded", "--outcome", "no-response", "--on", "2023-12-12")
    [row] = tracker.ok("list", "--json", as_of=AS_OF).json()
    # Late from 30 Oct as at 15 Jan 2024: 50 working days (see test_lateness_and_escalation).
    assert (row["status"], row["due"], row["working_days_overdue"]) == ("very-overdue", "2023-10-30", 50)
    [figures] = tracker.ok("report", "--format", "json", as_of=AS_OF).json()
    assert (figures["answered"], figures["overdue"], figures["responded_at_review"]) == (0, 1, 0)
    assert figures["reviews_overturned"] == 0
    # Six months from the review's notice to apply to the Commissioner: the next step.
    assert [(d["kind"], d["date"]) for d in tracker.ok("calendar", "--json", as_of=AS_OF).json()] == [
        ("complaint", "2024-06-12")
    ]


def test_upheld_or_overturned_is_refused_for_a_review_of_a_failure_to_respond(tracker):
    path = tracker.write("fife", FIFE)
    before = path.read_bytes()
    for outcome in ("overturned", "upheld", "partly-overturned"):
        result = tracker.run("record", "fife", "review-responded", "--outcome", outcome, "--on", "2023-12-12")
        assert result.exit_code == 2, outcome
        assert result.stderr.startswith(f"foitrack: error: --outcome '{outcome}': the review asked for on 2023-11-20 ")
        assert "failure to respond" in result.stderr and "'responded'" in result.stderr
        assert "'no-response'" in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_responded_is_refused_for_a_review_of_a_response(tracker):
    tracker.write("glasgow", ANSWERED_THEN_REVIEWED)
    for outcome in ("responded", "no-response", "granted"):
        result = tracker.run("record", "glasgow", "review-responded", "--outcome", outcome, "--on", "2023-11-01")
        assert result.exit_code == 2, outcome
        assert "was of the response of 2023-10-20, so it ends upheld, overturned, partly-overturned" in result.stderr
    tracker.ok("record", "glasgow", "review-responded", "--outcome", "upheld", "--on", "2023-11-01")


def test_a_file_closing_a_failure_review_as_overturned_is_reported_at_its_line(tracker):
    path = tracker.write("fife", FIFE + '\n[[events]]\ntype = "review-responded"\ndate = 2023-12-12\noutcome = "overturned"\n')
    line = path.read_text().splitlines().index('outcome = "overturned"') + 1
    result = tracker.run("check")
    assert result.exit_code == 1
    assert f"{path}:{line}: event 2 outcome: the review asked for on 2023-11-20 was of a failure to respond" in result.stdout
    report = tracker.run("report", "--format", "json", as_of=AS_OF)
    assert report.exit_code == 0 and f"skipped {path}:{line}:" in report.stderr
    assert report.json() == []  # left out, not counted as an overturned review
