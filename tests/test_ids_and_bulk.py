"""Less typing (issue 18): ids people remember, and the same event on several requests at once.

A request is named by any unique part of its id, or of its authority's name or a name the
directory knows it by; file names decide first, without reading the tracker. `record` takes
several ids, or a whole batch, checks every request before writing any, and commits once."""

from __future__ import annotations

import subprocess
import tomllib

import pytest

from foitrack.store import parsecache, parsing

SCOTLAND = """
authority = "Police Scotland"
subject = "Stop and search"
sent = 2023-10-03
regime = "foisa"
batch = "stop-search-2023"
"""

GMP = """
authority = "Greater Manchester Police"
subject = "Drone flights"
sent = 2023-10-02
batch = "stop-search-2023"
"""

HACKNEY_ONE = """
authority = "London Borough of Hackney"
subject = "Parking fines"
sent = 2023-10-02
batch = "parking-2023"
"""

HACKNEY_TWO = """
authority = "London Borough of Hackney"
subject = "Street lighting"
sent = 2023-10-04
"""

CAMDEN = """
authority = "London Borough of Camden"
subject = "Parking fines"
sent = 2023-10-02
batch = "parking-2023"

[[events]]
type = "withdrawn"
date = 2023-10-10
"""


def events(path) -> list[dict]:
    return tomllib.loads(path.read_text()).get("events", [])


@pytest.fixture
def files(tracker):
    """Request files whose names do not hold their authority's name (as after a hand rename, or
    ids from another tool): only the authority in the file says whose they are."""
    return {
        "scotland": tracker.write("2023-10-03-stop-search-ab12", SCOTLAND),
        "gmp": tracker.write("2023-10-02-drones-cd34", GMP),
        "hackney1": tracker.write("2023-10-02-parking-ef56", HACKNEY_ONE),
        "hackney2": tracker.write("2023-10-04-lighting-gh78", HACKNEY_TWO),
        "camden": tracker.write("2023-10-02-parking-jk9m", CAMDEN),
    }


def test_an_authority_name_or_alias_selects_its_request(tracker, files):
    result = tracker.ok("record", "police scotland", "acknowledged", "--ref", "PS-1", as_of="2023-10-05")
    assert "2023-10-03-stop-search-ab12" in result.stdout
    assert events(files["scotland"]) == [{"type": "acknowledged", "date": tomllib.loads("d = 2023-10-05")["d"], "ref": "PS-1"}]
    # An alias the directory knows, and a fragment of the authority's name, in any case.
    assert tracker.ok("show", "GMP", "--json").json()["id"] == "2023-10-02-drones-cd34"
    assert tracker.ok("show", "manchester", "--json").json()["id"] == "2023-10-02-drones-cd34"
    assert tracker.ok("show", "CAMDEN", "--json").json()["id"] == "2023-10-02-parking-jk9m"
    # A piece of a name the directory knows it by ('Met Police', its short name and an alias).
    tracker.write("2023-10-06-facial-recognition-mn3p", 'authority = "Metropolitan Police Service"\nsubject = "Facial recognition"\nsent = 2023-10-06\n')
    assert tracker.ok("show", "met pol", "--json").json()["id"] == "2023-10-06-facial-recognition-mn3p"


def test_an_ambiguous_name_lists_each_candidate_with_id_authority_and_subject(tracker, files):
    before = {name: path.read_bytes() for name, path in files.items()}
    result = tracker.run("record", "hackney", "chased", as_of="2023-11-20")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("foitrack: error: 'hackney' could be any of 2 requests")
    assert any("2023-10-02-parking-ef56" in line and "London Borough of Hackney" in line and "Parking fines" in line for line in lines)
    assert any("2023-10-04-lighting-gh78" in line and "Street lighting" in line for line in lines)
    assert {name: path.read_bytes() for name, path in files.items()} == before
    # Ambiguous by file name too: every candidate, each with its authority.
    parking = tracker.run("show", "parking")
    assert parking.exit_code == 2
    assert "London Borough of Camden" in parking.stderr and "London Borough of Hackney" in parking.stderr


def test_an_unknown_fragment_and_a_path_are_refused(tracker, files):
    unknown = tracker.run("show", "kirklees")
    assert unknown.exit_code == 2
    assert "no request id contains 'kirklees', and no request is to an authority of that name" in unknown.stderr
    # A near miss of an authority the tracker has requests to says which.
    typo = tracker.run("show", "hackny")
    assert typo.exit_code == 2 and "did you mean 'London Borough of Hackney'?" in typo.stderr
    for outside in ("../foitrack", "requests/../../etc/passwd", ".hidden"):
        result = tracker.run("show", outside)
        assert result.exit_code == 2 and "not a request id" in result.stderr


def test_a_file_name_match_reads_no_other_file(tracker, files, monkeypatch):
    """At 100,000 requests, an id typed in full or in part must not cost loading them all."""
    parsed = []
    real = parsing.parse_request_text
    monkeypatch.setattr(parsing, "parse_request_text", lambda path, text, rid: parsed.append(path.name) or real(path, text, rid))
    tracker.ok("show", "ab12")
    tracker.ok("show", "stop search")  # words typed with spaces match the name's hyphens
    assert parsed == ["2023-10-03-stop-search-ab12.toml"] * 2


def test_a_name_lookup_uses_the_parse_cache_not_the_files(tracker, files, monkeypatch):
    tracker.ok("list")  # fills the cache
    real_now = parsecache._now_ns()
    monkeypatch.setattr(parsecache, "_now_ns", lambda: real_now + 3600 * 10**9)
    tracker.ok("list")  # the files are old now: their entries settle
    parsed = []
    real = parsing.parse_request_text
    monkeypatch.setattr(parsing, "parse_request_text", lambda path, text, rid: parsed.append(path.name) or real(path, text, rid))
    assert tracker.ok("show", "police scotland", "--json").json()["authority"] == "Police Scotland"
    assert parsed == ["2023-10-03-stop-search-ab12.toml"]  # only the request shown


def test_a_name_lookup_sees_a_request_the_cache_has_not_met(tracker, files):
    tracker.ok("list")
    tracker.write("2023-10-05-bins-zz99", 'authority = "Kirklees Council"\nsubject = "Bins"\nsent = 2023-10-05\n')
    assert tracker.ok("show", "kirklees", "--json").json()["id"] == "2023-10-05-bins-zz99"


def test_record_takes_several_ids_and_commits_once(tracker, files):
    subprocess.run(["git", "init", "-q", str(tracker.root)], check=True)
    tracker.ok("record", "ab12", "cd34", "acknowledged", as_of="2023-10-06")
    assert [e["type"] for e in events(files["scotland"])] == ["acknowledged"]
    assert [e["type"] for e in events(files["gmp"])] == ["acknowledged"]
    log = subprocess.run(["git", "-C", str(tracker.root), "log", "--format=%s", "--name-only"], capture_output=True, text=True).stdout
    assert log.count("Acknowledged by") == 1  # one commit
    assert "Acknowledged by 2 authorities (batch stop-search-2023): 2 requests" in log
    assert "requests/2023-10-03-stop-search-ab12.toml" in log and "requests/2023-10-02-drones-cd34.toml" in log


def test_record_batch_acknowledges_the_whole_batch(tracker, files):
    result = tracker.ok("record", "--batch", "stop-search", "acknowledged", "--on", "06/10/2023", as_of="2023-10-09")
    assert "Recorded acknowledged on 2 requests in batch stop-search-2023." in result.stdout
    for name in ("scotland", "gmp"):
        assert [(e["type"], str(e["date"])) for e in events(files[name])] == [("acknowledged", "2023-10-06")]
    assert events(files["hackney1"]) == []


def test_record_checks_every_request_before_writing_any(tracker, files):
    before = {name: path.read_bytes() for name, path in files.items()}
    # Camden's request was withdrawn on 10 Oct: nothing can be chased after that.
    result = tracker.run("record", "--batch", "parking", "chased", "--on", "2023-11-01", as_of="2023-11-02")
    assert result.exit_code == 2
    assert "nothing was recorded: 1 of the 2 requests cannot take this" in result.stderr
    assert "2023-10-02-parking-jk9m (London Borough of Camden): cannot record this:" in result.stderr
    assert "withdrawn" in result.stderr
    assert {name: path.read_bytes() for name, path in files.items()} == before
    # --skip-bad records the others and says which was left out, and why.
    skipped = tracker.run("record", "--batch", "parking", "chased", "--on", "2023-11-01", "--skip-bad", as_of="2023-11-02")
    assert skipped.exit_code == 0, skipped.stderr
    assert "2023-10-02-parking-jk9m (London Borough of Camden): not recorded" in skipped.stderr
    assert [e["type"] for e in events(files["hackney1"])] == ["chased"]
    assert files["camden"].read_bytes() == before["camden"]


def test_record_many_json_is_an_array_of_the_requests(tracker, files):
    result = tracker.ok("record", "ab12", "cd34", "note", "--text", "Rang both", "--json", as_of="2023-10-06")
    assert [row["id"] for row in result.json()] == ["2023-10-03-stop-search-ab12", "2023-10-02-drones-cd34"]


@pytest.mark.parametrize(
    "args, needle",
    [
        (["acknowledged", "ab12"], "the event goes last: foitrack record ab12 acknowledged"),
        (["ab12"], "name the event after the request"),
        (["acknowledged"], "name the request to record acknowledged on"),
        (["--batch", "parking", "ab12", "chased"], "give IDs or --batch, not both"),
        (["--batch", "nosuch", "chased"], "no request is in a batch called 'nosuch'"),
        (["--batch", "2023", "chased"], "'2023' is part of 2 batch names: parking-2023, stop-search-2023"),
    ],
)
def test_record_says_how_to_name_requests_and_the_event(tracker, files, args, needle):
    result = tracker.run("record", *args, as_of="2023-11-02")
    assert result.exit_code == 2 and needle in result.stderr


def test_a_name_beats_a_piece_of_an_ids_random_tail(tracker):
    """'bbc' is in the random tail of '...-bbcq', but the user typing BBC means the BBC."""
    tracker.write("2021-12-16-maldon-empty-homes-bbcq", 'authority = "Maldon District Council"\nsubject = "Empty homes"\nsent = 2021-12-16\n')
    tracker.write("2023-09-06-broadcaster-cctv-p2nj", 'authority = "British Broadcasting Corporation"\nsubject = "CCTV"\nsent = 2023-09-06\n')
    assert tracker.ok("show", "BBC", "--json").json()["id"] == "2023-09-06-broadcaster-cctv-p2nj"
    # The whole tail, or a piece no authority goes by, still names the request.
    assert tracker.ok("show", "bbcq", "--json").json()["authority"] == "Maldon District Council"
    assert tracker.ok("show", "bcq", "--json").json()["authority"] == "Maldon District Council"
