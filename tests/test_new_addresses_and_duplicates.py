"""`new` with several authorities: whose address is whose, and a request the tracker already has
(issue 12, items 1 and 10)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

BATCH = ["new", "-a", "Camden", "-a", "Barnet", "-s", "Parking fines", "--sent", "03/10/2023"]


def files(tracker) -> dict[str, dict]:
    return {path.name: tomllib.loads(path.read_text()) for path in sorted(tracker.requests.glob("*.toml"))}


def test_a_plain_address_with_several_authorities_is_refused_and_nothing_is_written(tracker):
    result = tracker.run(*BATCH, "--email", "foi@camden.gov.uk")
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert "say whose address it is" in line and "=" in line
    assert files(tracker) == {}


def test_each_authority_gets_its_own_address(tracker):
    rows = tracker.ok(
        *BATCH, "--email", "Camden=foi@camden.gov.uk", "--email", "London Borough of Barnet=foi@barnet.gov.uk",
        "--json",
    ).json()
    emails = {row["authority"]: tomllib.loads(Path(row["path"]).read_text()).get("email") for row in rows}
    assert emails == {
        "London Borough of Camden": "foi@camden.gov.uk",
        "London Borough of Barnet": "foi@barnet.gov.uk",
    }


def test_an_authority_without_an_address_in_a_batch_gets_none(tracker):
    rows = tracker.ok(*BATCH, "--email", "Camden=foi@camden.gov.uk", "--json").json()
    emails = {row["authority"]: tomllib.loads(Path(row["path"]).read_text()).get("email") for row in rows}
    assert emails == {"London Borough of Camden": "foi@camden.gov.uk", "London Borough of Barnet": None}


def test_the_chaser_for_each_authority_goes_to_its_own_address(tracker, tmp_path):
    tracker.ok(*BATCH, "--email", "Camden=foi@camden.gov.uk", "--email", "Barnet=foi@barnet.gov.uk")
    drafts = tracker.ok("chase", "--json", as_of="2023-11-15").json()
    assert {row["authority"]: row["to"] for row in drafts} == {
        "London Borough of Camden": "foi@camden.gov.uk",
        "London Borough of Barnet": "foi@barnet.gov.uk",
    }


@pytest.mark.parametrize(
    "email, needle",
    [
        ("Brent=foi@brent.gov.uk", "'London Borough of Brent' is not one of this batch's authorities"),
        ("Hackny=foi@hackney.gov.uk", "did you mean 'London Borough of Hackney'"),
        ("=foi@camden.gov.uk", "name the authority before the '='"),
        ("Camden=foi@camden", "is not an email address"),
        ("Camden=foi@camden.gov.uk,foi@barnet.gov.uk", "one address per --email"),
        ("Camden=Camden FOI <foi@camden.gov.uk>", "contains a space"),
        ("Camden=foi@camden.gov.uk\x1b[2J", "control character"),
        ("Camden=foi camden@camden.gov.uk", "contains a space"),
        ("Camden=@camden.gov.uk", "is not an email address"),
    ],
)
def test_bad_addresses_are_refused_before_anything_is_written(tracker, email, needle):
    result = tracker.run(*BATCH, "--email", "Barnet=foi@barnet.gov.uk", "--email", email)
    assert result.exit_code == 2, result.stdout
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("foitrack: error: ") and needle in line, line
    assert files(tracker) == {}


def test_two_addresses_for_one_authority_are_refused(tracker):
    result = tracker.run(*BATCH, "--email", "Camden=foi@camden.gov.uk", "--email", "LB Camden=x@camden.gov.uk")
    assert result.exit_code == 2 and "two addresses for 'London Borough of Camden'" in result.stderr
    assert files(tracker) == {}


def test_one_authority_takes_a_plain_address_or_its_own_name(tracker):
    [one] = tracker.ok("new", "-a", "Camden", "-s", "A", "--email", "foi@camden.gov.uk", "--json").json()
    [two] = tracker.ok("new", "-a", "Camden", "-s", "B", "--email", "Camden=foi@camden.gov.uk", "--json").json()
    for row in (one, two):
        assert tomllib.loads(Path(row["path"]).read_text())["email"] == "foi@camden.gov.uk"
    wrong = tracker.run("new", "-a", "Camden", "-s", "C", "--email", "Barnet=foi@barnet.gov.uk")
    assert wrong.exit_code == 2 and "is not this request's authority" in wrong.stderr
    bad = tracker.run("new", "-a", "Camden", "-s", "D", "--email", "not an address")
    assert bad.exit_code == 2
    assert len(files(tracker)) == 2


# -- duplicates ----------------------------------------------------------------------------------


def test_an_exact_duplicate_is_refused_naming_the_request_it_repeats(tracker):
    tracker.write("2023-10-03-camden-parking-fines-ab12", '''
        authority = "London Borough of Camden"
        subject = "Parking  fines"
        sent = 2023-10-03
    ''')
    result = tracker.run("new", "-a", "Camden Council", "-s", "parking fines", "--sent", "3 Oct 2023")
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert "2023-10-03-camden-parking-fines-ab12" in line and "--allow-duplicate" in line
    assert len(files(tracker)) == 1


def test_a_batch_with_one_duplicate_writes_nothing(tracker):
    tracker.ok("new", "-a", "Barnet", "-s", "Parking fines", "--sent", "03/10/2023")
    result = tracker.run(*BATCH)
    assert result.exit_code == 2 and "London Borough of Barnet" in result.stderr
    assert [data["authority"] for data in files(tracker).values()] == ["London Borough of Barnet"]


def test_a_duplicate_of_a_request_logged_under_a_phantom_name_is_refused(tracker):
    tracker.write("typed", '''
        authority = "GMP"
        subject = "Stop and search"
        sent = 2023-10-03
    ''')
    result = tracker.run("new", "-a", "Greater Manchester Police", "-s", "Stop and search", "--sent", "03/10/2023")
    assert result.exit_code == 2 and "typed" in result.stderr


def test_allow_duplicate_logs_it_again(tracker):
    tracker.ok(*BATCH)
    rows = tracker.ok(*BATCH, "--allow-duplicate", "--json").json()
    assert len(rows) == 2 and len(files(tracker)) == 4


def test_another_subject_or_date_is_not_a_duplicate(tracker):
    tracker.ok(*BATCH)
    tracker.ok("new", "-a", "Camden", "-s", "Parking fines 2", "--sent", "03/10/2023")
    tracker.ok("new", "-a", "Camden", "-s", "Parking fines", "--sent", "04/10/2023")
    assert len(files(tracker)) == 4
