"""Import that helps (issue 18): defaults for what a sheet lacks, a single near match taken when
asked, chased dates as chased events, addresses checked, and every cell used or reported."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest


def sheet(tmp_path: Path, text: str) -> str:
    path = tmp_path / "log.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def imported(tracker) -> dict[str, dict]:
    """The request files, by authority."""
    return {
        data["authority"]: data
        for data in (tomllib.loads(p.read_text()) for p in tracker.requests.glob("*.toml"))
    }


def test_defaults_fill_a_sheet_without_subject_sent_batch_or_tags(tracker, tmp_path):
    text = "Authority,Tags\nLondon Borough of Hackney,cctv\nMerseyside Police,\n"
    refused = tracker.run("import", sheet(tmp_path, text))
    assert refused.exit_code == 1
    assert "give --subject and --sent for every row" in refused.stderr
    tracker.ok(
        "import", sheet(tmp_path, text), "--subject", "Drone flights", "--sent", "05/06/2023",
        "--batch", "drones-2023", "--tag", "police", "--tag", "drones",
    )
    files = imported(tracker)
    assert set(files) == {"London Borough of Hackney", "Merseyside Police"}
    for data in files.values():
        assert (data["subject"], str(data["sent"]), data["batch"]) == ("Drone flights", "2023-06-05", "drones-2023")
    assert files["London Borough of Hackney"]["tags"] == ["cctv", "drones", "police"]
    assert files["Merseyside Police"]["tags"] == ["drones", "police"]


def test_a_rows_own_values_win_over_the_defaults(tracker, tmp_path):
    text = "Authority,Subject,Sent,Batch\nLondon Borough of Hackney,Bins,01/06/2023,own\nMerseyside Police,,,\n"
    tracker.ok("import", sheet(tmp_path, text), "--subject", "Drone flights", "--sent", "05/06/2023", "--batch", "drones")
    files = imported(tracker)
    assert (files["London Borough of Hackney"]["subject"], str(files["London Borough of Hackney"]["sent"])) == ("Bins", "2023-06-01")
    assert files["London Borough of Hackney"]["batch"] == "own"
    assert (files["Merseyside Police"]["subject"], files["Merseyside Police"]["batch"]) == ("Drone flights", "drones")


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--sent", "31/02/2023"], "'31/02/2023'"),
        (["--sent", "01/01/2099"], "is in the future"),
        (["--subject", " "], "the subject cannot be empty"),
        (["--tag", ""], "a tag cannot be empty"),
    ],
)
def test_bad_defaults_are_usage_errors(tracker, tmp_path, args, needle):
    result = tracker.run("import", sheet(tmp_path, "Authority,Subject,Sent\nHome Office,Visas,01/06/2023\n"), *args)
    assert result.exit_code == 2 and needle in result.stderr
    assert list(tracker.requests.glob("*.toml")) == []


def test_accept_suggestions_takes_a_single_near_match_and_says_so(tracker, tmp_path):
    text = "Authority,Subject,Sent\nHackny,Bins,01/06/2023\nMerseyside Polce,Drones,01/06/2023\n"
    refused = tracker.run("import", sheet(tmp_path, text))
    assert refused.exit_code == 1 and "did you mean 'London Borough of Hackney'" in refused.stderr
    result = tracker.ok("import", sheet(tmp_path, text), "--accept-suggestions")
    assert "row 2: 'Hackny' read as 'London Borough of Hackney', its only near match (--accept-suggestions)" in result.stderr
    assert "row 3: 'Merseyside Polce' read as 'Merseyside Police'" in result.stderr
    assert set(imported(tracker)) == {"London Borough of Hackney", "Merseyside Police"}


def test_accept_suggestions_never_picks_among_several(tracker, tmp_path):
    text = "Authority,Subject,Sent\nHackny Council,Bins,01/06/2023\n"
    result = tracker.run("import", sheet(tmp_path, text), "--accept-suggestions")
    assert result.exit_code == 1
    assert "'Hackny Council' is not an authority foitrack knows; did you mean 'London Borough of Hackney' or" in result.stderr
    assert list(tracker.requests.glob("*.toml")) == []


def test_a_chased_column_becomes_chased_events(tracker, tmp_path):
    text = (
        "Authority,Subject,Sent,Date chased,Responded,Outcome\n"
        'Merseyside Police,Drones,01/06/2023,"03/07/2023; 10 Jul 2023",20/07/2023,part\n'
    )
    tracker.ok("import", sheet(tmp_path, text))
    events = imported(tracker)["Merseyside Police"]["events"]
    assert [(e["type"], str(e["date"])) for e in events] == [
        ("chased", "2023-07-03"), ("chased", "2023-07-10"), ("responded", "2023-07-20"),
    ]
    assert events[-1]["outcome"] == "partial"
    # The tracker reads them as chasers: the last one, and how many.
    shown = tracker.ok("show", "merseyside", "--json").json()
    assert [e["type"] for e in shown["events"]].count("chased") == 2


def test_a_bad_chased_date_is_the_rows_error(tracker, tmp_path):
    text = 'Authority,Subject,Sent,Chased\nMerseyside Police,Drones,01/06/2023,"03/07/2023; 31/06/2023"\n'
    result = tracker.run("import", sheet(tmp_path, text))
    assert result.exit_code == 1 and "row 2, Chased: '31/06/2023'" in result.stderr
    chased_first = 'Authority,Subject,Sent,Chased\nMerseyside Police,Drones,01/06/2023,20/05/2023\n'
    before = tracker.run("import", sheet(tmp_path, chased_first))
    assert before.exit_code == 1 and "row 2, Chased:" in before.stderr and "before" in before.stderr


def test_email_addresses_are_checked(tracker, tmp_path):
    text = "Authority,Subject,Sent,Email\nMerseyside Police,Drones,01/06/2023,foi at merseyside\n"
    result = tracker.run("import", sheet(tmp_path, text))
    assert result.exit_code == 1
    assert "row 2, Email: address 'foi at merseyside'" in result.stderr
    assert list(tracker.requests.glob("*.toml")) == []


def test_every_cell_is_used_or_reported(tracker, tmp_path):
    text = (
        "Authority,Subject,Sent,Status,Journalist,\n"
        "London Borough of Hackney,Bins,01/06/2023,Chased,Jo,\n"
        "Merseyside Police,Drones,01/06/2023,Awaiting response,Sam,see email of 3 June,spare\n"
    )
    result = tracker.ok("import", sheet(tmp_path, text), "--json")
    unused = {(cell["row"], cell["column"], cell["value"]) for cell in result.json()["unused"]}
    assert unused == {
        (2, "Status", "Chased"),  # happened, but when? foitrack records events with dates
        (2, "Journalist", "Jo"),
        (3, "Journalist", "Sam"),
        (3, "column F", "see email of 3 June"),  # a column with no header
        (3, "column G", "spare"),  # past the header's last column
    }
    # 'Awaiting response' is used: it says there is no response yet, as the file will.
    human = tracker.run("import", sheet(tmp_path, text.replace("Bins", "Parking").replace("Drones", "Lights")))
    assert "not imported: 'Journalist' in rows 2 and 3 ('Jo', 'Sam'): foitrack reads no column of that name" in human.stderr
    assert "not imported: row 2, Status: 'Chased': no date for it: once imported, record it with 'foitrack record ID chased --on DATE'" in human.stderr
    assert "not imported: row 3, column F: 'see email of 3 June': the column has no header" in human.stderr
    assert "not imported: row 3, column G: 'spare': past the last column the header names" in human.stderr


def test_help_shows_the_new_options(tracker):
    shown = " ".join(tracker.ok("import", "--help").stdout.split())
    for option in ("--subject", "--sent", "--batch", "--tag", "--accept-suggestions"):
        assert option in shown
