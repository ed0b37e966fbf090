"""One vocabulary (issue 18): respond, record and import read the same outcome words, from one
table in foitrack/vocab.py, and --help lists them."""

from __future__ import annotations

import tomllib

import pytest

from foitrack import vocab

HACKNEY = """
authority = "London Borough of Hackney"
subject = "Contacts with Fusus"
sent = 2023-06-01
"""

WORDS = [
    ("not held", "not-held"),
    ("Information not held", "not-held"),
    ("NCND", "neither-confirm-nor-deny"),
    ("ncnd", "neither-confirm-nor-deny"),
    ("part", "partial"),
    ("partly", "partial"),
    ("Partially successful", "partial"),
    ("refused in part", "partial"),
    ("full", "granted"),
    ("granted in full", "granted"),
    ("Released", "granted"),
    ("refused in full", "refused"),
    ("Refused (s43)", "refused"),
    ("rejected", "refused"),
    ("neither-confirm-nor-deny", "neither-confirm-nor-deny"),
    ("Granted", "granted"),
]


def latest_outcome(path) -> str:
    return tomllib.loads(path.read_text())["events"][-1]["outcome"]


@pytest.mark.parametrize("words, outcome", WORDS)
def test_respond_record_and_import_read_the_same_words(tracker, tmp_path, words, outcome):
    path = tracker.write("2023-06-01-hackney-ab12", HACKNEY)
    tracker.ok("respond", "ab12", "--outcome", words, "--on", "2023-06-20")
    assert latest_outcome(path) == outcome

    other = tracker.write("2023-06-02-hackney-cd34", HACKNEY.replace("2023-06-01", "2023-06-02"))
    tracker.ok("record", "cd34", "responded", "--outcome", words, "--on", "2023-06-20")
    assert latest_outcome(other) == outcome

    sheet = tmp_path / "log.csv"
    sheet.write_text(f'Authority,Subject,Sent,Responded,Outcome\nHome Office,Visas,01/06/2023,20/06/2023,"{words}"\n')
    tracker.ok("import", str(sheet))
    [imported] = [p for p in tracker.requests.glob("*.toml") if "home-office" in p.name]
    assert latest_outcome(imported) == outcome


def test_one_table_decides_for_all_three():
    for words, outcome in WORDS:
        assert vocab.read_outcome(words) == outcome
    from foitrack.teamwork.spreadsheet import read_outcome

    assert all(read_outcome(words) == outcome for words, outcome in WORDS)


def test_review_outcomes_have_their_words_too(tracker):
    path = tracker.write("2023-06-01-hackney-ab12", HACKNEY + """
[[events]]
type = "responded"
date = 2023-06-20
outcome = "refused"

[[events]]
type = "review-requested"
date = 2023-06-22
""")
    tracker.ok("record", "ab12", "review-responded", "--outcome", "partly overturned", "--on", "2023-07-10")
    assert latest_outcome(path) == "partly-overturned"


def test_words_that_name_no_outcome_are_refused_with_the_list(tracker):
    path = tracker.write("2023-06-01-hackney-ab12", HACKNEY)
    before = path.read_bytes()
    result = tracker.run("respond", "ab12", "--outcome", "sort of", "--on", "2023-06-20")
    assert result.exit_code == 2
    assert "'sort of' is not one of granted, partial, refused, not-held, neither-confirm-nor-deny" in result.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("command", ["respond", "record", "import"])
def test_help_lists_the_words(tracker, command):
    shown = " ".join(tracker.ok(command, "--help").stdout.split())
    for words in ("not held", "ncnd", "part", "partly", "full", "refused in full"):
        assert words in shown
