"""`foitrack edit`: correcting a request's header after the fact (issue 12, item 2).

The file is edited surgically: only the lines of the keys that change are rewritten, and a note
event says what changed from what to what."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from foitrack.store.tomltext import REMOVE, edit_header

PSOS = '''
# Logged in a hurry from the train
authority = "PSoS"   # check the proper name
subject = "Stop and search"
sent = 2023-10-03
regime = "foia"
tags = ["police", "stop-search"]
my_own_key = { desk = "scotland", priority = 2 }
body = """
Dear FOI officer,
[1] Please give the number of searches.
[[events]] is not a table in here
"""

[[events]]
type = "acknowledged"
date = 2023-10-05
ref = "PS-FOI-23-0001"   # their reference
'''


def lines_changed(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines only in `before` and only in `after` (a plain diff of the two texts)."""
    import difflib

    gone, added = [], []
    for line in difflib.ndiff(before.splitlines(keepends=True), after.splitlines(keepends=True)):
        if line.startswith("- "):
            gone.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return gone, added


def test_correcting_psos_to_police_scotland_moves_it_to_foisa_and_changes_only_those_lines(tracker):
    path = tracker.write("2023-10-03-psos-stop-and-search-ab12", PSOS)
    before = path.read_text()
    result = tracker.ok("edit", "ab12", "--authority", "Police Scotland", as_of="2023-10-20")
    assert "authority from 'PSoS' to 'Police Scotland'" in result.stdout
    assert "law from FOIA to FOISA" in result.stdout
    # Received Tue 3 Oct 2023; 20 Scottish working days: Tue 31 Oct 2023.
    assert "Now awaiting-response under the Freedom of Information (Scotland) Act 2002, due 31 Oct 2023." in result.stdout

    after = path.read_text()
    gone, added = lines_changed(before, after)
    assert gone == ['authority = "PSoS"   # check the proper name\n', 'regime = "foia"\n']
    assert added[:2] == ['authority = "Police Scotland"   # check the proper name\n', 'regime = "foisa"\n']
    assert after.startswith(before.replace('"PSoS"', '"Police Scotland"').replace('"foia"', '"foisa"').rstrip("\n"))
    old, new = tomllib.loads(before), tomllib.loads(after)
    note = new["events"].pop()
    assert new == {**old, "authority": "Police Scotland", "regime": "foisa"}
    assert note["type"] == "note"
    assert note["text"] == "Edited: authority from 'PSoS' to 'Police Scotland'; law from FOIA to FOISA"

    shown = tracker.ok("show", "ab12", "--json", as_of="2023-10-20").json()
    assert (shown["authority"], shown["regime"], shown["due"]) == ("Police Scotland", "foisa", "2023-10-31")
    assert tracker.ok("check").exit_code == 0


def test_the_output_says_when_the_deadline_moves_with_the_law(tracker):
    tracker.write("hk", '''
        authority = "London Borough of Hackney"
        subject = "CCTV"
        sent = 2024-03-15
    ''')
    result = tracker.ok("edit", "hk", "-a", "Glasgow", as_of="2024-03-20")
    # FOIA skips Easter Monday (1 Apr) and St Patrick's Day: due Wed 17 Apr; FOISA: Mon 15 Apr.
    assert "law from FOIA to FOISA" in result.stdout
    assert "under the Freedom of Information (Scotland) Act 2002, due 15 Apr 2024 (was 17 Apr 2024)" in result.stdout
    assert tomllib.loads(tracker.requests.joinpath("hk.toml").read_text())["regime"] == "foisa"


@pytest.mark.parametrize(
    "regime, authority, expected",
    [
        ("eir", "Glasgow", "eisr"),  # environmental stays environmental across the border
        ("eisr", "Hackney", "eir"),
        ("sar", "Glasgow", "sar"),  # a subject access request is one wherever it goes
        ("foisa", "Hackney", "foia"),  # the old authority's default
    ],
)
def test_the_law_follows_the_authority(tracker, regime, authority, expected):
    old = "Glasgow City Council" if regime in ("eisr", "foisa") else "Leeds City Council"
    tracker.write("req", f'''
        authority = "{old}"
        subject = "Air quality"
        sent = 2023-10-03
        regime = "{regime}"
    ''')
    tracker.ok("edit", "req", "-a", authority)
    assert tomllib.loads(tracker.requests.joinpath("req.toml").read_text())["regime"] == expected


def test_regime_overrides_the_authoritys_law(tracker):
    tracker.write("req", PSOS)
    tracker.ok("edit", "req", "-a", "Police Scotland", "--regime", "eisr")
    assert tomllib.loads(tracker.requests.joinpath("req.toml").read_text())["regime"] == "eisr"


def test_a_key_the_file_lacks_is_added_to_the_header(tracker):
    path = tracker.write("req", '''
        authority = "GMP"
        subject = "Stop and search"
        sent = 2023-10-03
        via = "email"

        [[events]]
        type = "acknowledged"
        date = 2023-10-04
    ''')
    tracker.ok("edit", "req", "-a", "GMP", "--email", "foi@gmp.police.uk")
    data = tomllib.loads(path.read_text())
    assert (data["authority"], data["email"]) == ("Greater Manchester Police", "foi@gmp.police.uk")
    assert "regime" not in data  # FOIA before and after: the law did not change
    assert path.read_text().startswith(
        'authority = "Greater Manchester Police"\nsubject = "Stop and search"\nsent = 2023-10-03\n'
        'via = "email"\nemail = "foi@gmp.police.uk"\n\n[[events]]\n'
    )


def test_tags_batch_email_and_subject(tracker):
    path = tracker.write("req", '''
        authority = "London Borough of Camden"
        subject = "Parking"
        sent = 2023-10-03
        batch = "parking-2023"
        tags = ["parking", "Fines"]
        email = "foi@barnet.gov.uk"  # wrong: Barnet's
    ''')
    result = tracker.ok(
        "edit", "req", "-s", "Parking  fines", "--tag", "camden", "--tag", "PARKING", "--untag", "fines",
        "--email", "London Borough of Camden=foi@camden.gov.uk", "--no-batch",
    )
    data = tomllib.loads(path.read_text())
    assert data["subject"] == "Parking fines"
    assert data["tags"] == ["parking", "camden"]
    assert data["email"] == "foi@camden.gov.uk"
    assert "batch" not in data
    assert 'email = "foi@camden.gov.uk"  # wrong: Barnet\'s\n' in path.read_text()
    assert "email from 'foi@barnet.gov.uk' to 'foi@camden.gov.uk'" in result.stdout
    tracker.ok("edit", "req", "--batch", "parking-2024", "--no-email")
    data = tomllib.loads(path.read_text())
    assert data["batch"] == "parking-2024" and "email" not in data
    assert [event["type"] for event in data["events"]] == ["note", "note"]


def test_dry_run_shows_the_change_and_writes_nothing(tracker):
    path = tracker.write("req", PSOS)
    before = path.read_bytes()
    result = tracker.ok("edit", "req", "-a", "Police Scotland", "--dry-run", as_of="2023-10-20")
    assert result.stdout.splitlines()[:3] == [
        "Would edit req:",
        "  authority from 'PSoS' to 'Police Scotland'",
        "  law from FOIA to FOISA",
    ]
    assert "nothing was written" in result.stdout
    assert path.read_bytes() == before


def test_edit_help_explains_the_options(tracker):
    text = tracker.ok("edit", "--help").stdout
    for option in ("--authority", "--subject", "--email", "--no-email", "--tag", "--untag", "--batch",
                   "--regime", "--dry-run"):
        assert option in text
    assert "AUTHORITY=" in tracker.ok("new", "--help").stdout


def test_changing_the_authority_warns_when_the_old_address_stays(tracker):
    tracker.write("req", '''
        authority = "London Borough of Camden"
        subject = "Parking"
        sent = 2023-10-03
        email = "foi@camden.gov.uk"
    ''')
    result = tracker.ok("edit", "req", "-a", "Barnet")
    assert "still goes to foi@camden.gov.uk" in result.stderr


@pytest.mark.parametrize(
    "args, needle",
    [
        (["-a", "WCC"], "'WCC' could mean any of"),
        (["-a", "Hackny"], "did you mean 'London Borough of Hackney'"),
        (["-a", "XQZP"], "looks like an abbreviation"),
        (["--email", "foi@camden"], "is not an email address"),
        (["--email", "Barnet=foi@barnet.gov.uk"], "is not this request's authority"),
        (["--email", "a@camden.gov.uk b@camden.gov.uk"], "one address per --email"),
        (["-s", "   "], "the subject cannot be empty"),
        (["--tag", " "], "a tag cannot be empty"),
        (["--untag", "nope"], "has no such tag"),
        (["--regime", "gdpr"], "is not one of"),
        (["--email", "foi@camden.gov.uk", "--no-email"], "not both"),
        ([], "nothing to change"),
    ],
)
def test_edit_refuses_what_new_refuses_and_leaves_the_file_alone(tracker, args, needle):
    path = tracker.write("req", PSOS)
    before = path.read_bytes()
    result = tracker.run("edit", "req", *args)
    assert result.exit_code == 2, result.stdout
    [line] = result.stderr.strip().splitlines()
    assert needle in line, line
    assert path.read_bytes() == before


def test_edit_refuses_a_broken_file_and_never_rewrites_it(tracker):
    path = tracker.write("req", 'authority = "PSoS"\nsubject = "Stop and search"\nsent = 2023-10-03\ntags = [\n')
    before = path.read_bytes()
    result = tracker.run("edit", "req", "-a", "Police Scotland")
    assert result.exit_code == 1
    assert "req.toml" in result.stderr and "foitrack check" in result.stderr
    assert path.read_bytes() == before


def test_nothing_to_change_writes_nothing(tracker):
    path = tracker.write("req", PSOS.replace('"PSoS"', '"Police Scotland"').replace('"foia"', '"foisa"'))
    before = path.read_bytes()
    result = tracker.ok("edit", "req", "-a", "PSoS")
    assert "Nothing to change" in result.stdout
    assert path.read_bytes() == before


def test_edit_keeps_crlf_line_ends(tracker):
    path = tracker.requests / "req.toml"
    path.write_bytes(b'authority = "PSoS"\r\nsubject = "Stop and search"\r\nsent = 2023-10-03\r\n')
    tracker.ok("edit", "req", "-a", "Police Scotland")
    raw = path.read_bytes()
    assert raw.startswith(b'authority = "Police Scotland"\r\nsubject = "Stop and search"\r\nsent = 2023-10-03\r\n')
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert tomllib.loads(raw.decode())["regime"] == "foisa"


def test_record_on_a_crlf_file_works_and_keeps_its_line_ends(tracker):
    path = tracker.requests / "req.toml"
    path.write_bytes(b'authority = "Police Scotland"\r\nsubject = "Stop and search"\r\nsent = 2023-10-03\r\n')
    tracker.ok("record", "req", "acknowledged", "--on", "2023-10-04")
    raw = path.read_bytes()
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert tomllib.loads(raw.decode())["events"][0]["type"] == "acknowledged"


def test_an_edit_and_records_run_at_once_lose_nothing(tracker):
    path = tracker.write("req", PSOS)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))

    def start(*args: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "foitrack", "--dir", str(tracker.root), *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
        )

    processes = [start("record", "req", "note", "--text", f"note {n}", "--on", "2023-10-06") for n in range(6)]
    processes.insert(3, start("edit", "req", "-a", "Police Scotland"))
    outputs = [process.communicate(timeout=120) for process in processes]
    assert all(process.returncode == 0 for process in processes), [err for _, err in outputs]
    data = tomllib.loads(path.read_text())
    assert data["authority"] == "Police Scotland" and data["regime"] == "foisa"
    texts = [event.get("text") for event in data["events"] if event["type"] == "note"]
    assert sorted(t for t in texts if t.startswith("note ")) == [f"note {n}" for n in range(6)]
    assert sum(t.startswith("Edited:") for t in texts) == 1
    assert 'my_own_key = { desk = "scotland", priority = 2 }' in path.read_text()


@pytest.mark.skipif(subprocess.run(["git", "--version"], capture_output=True).returncode != 0, reason="needs git")
def test_an_edit_is_one_git_commit_saying_what_changed(tracker, tmp_path, monkeypatch):
    empty = tmp_path / "empty.gitconfig"
    empty.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    identity = {"GIT_AUTHOR_NAME": "A. Reporter", "GIT_AUTHOR_EMAIL": "a@example.org",
                "GIT_COMMITTER_NAME": "A. Reporter", "GIT_COMMITTER_EMAIL": "a@example.org"}
    for name, value in identity.items():
        monkeypatch.setenv(name, value)
    subprocess.run(["git", "init", "--quiet", "-b", "main", str(tracker.root)], check=True)
    tracker.ok("init")
    path = tracker.write("req", PSOS)
    subprocess.run(["git", "-C", str(tracker.root), "add", "."], check=True)
    subprocess.run(["git", "-C", str(tracker.root), "commit", "--quiet", "-m", "by hand"], check=True)
    result = tracker.runner.invoke(
        __import__("foitrack.cli", fromlist=["app"]).app,
        ["--dir", str(tracker.root), "edit", "req", "-a", "Police Scotland"],
        env={"COLUMNS": "200", **identity},
    )
    assert result.exit_code == 0, result.stderr
    log = subprocess.run(
        ["git", "-C", str(tracker.root), "log", "-1", "--format=%s", "--name-only"],
        capture_output=True, text=True, check=True,
    ).stdout.split("\n")
    assert log[0] == "Edit request to Police Scotland: authority from 'PSoS' to 'Police Scotland'; law from FOIA to FOISA"
    assert [line for line in log[1:] if line] == ["requests/req.toml"]
    status = subprocess.run(["git", "-C", str(tracker.root), "status", "--porcelain"], capture_output=True, text=True)
    assert status.stdout == "" and path.exists()


# -- the header edit itself ------------------------------------------------------------------


def test_edit_header_keeps_quoted_keys_comments_and_multiline_values():
    text = textwrap.dedent('''\
        # top
        "authority" = 'PSoS' # literal string
        subject = """Stop
        and search"""
        sent = 2023-10-03
        tags = [
          "a",  # first
        ]

        [[events]]
        type = "note"
        date = 2023-10-04
        text = "x"
    ''')
    out = edit_header(text, {"authority": "Police Scotland", "tags": ["a", "b"], "subject": REMOVE})
    assert out.startswith('# top\n"authority" = "Police Scotland" # literal string\nsent = 2023-10-03\ntags = ["a", "b"]\n\n[[events]]\n')
    assert out.endswith(text[text.index("[[events]]"):])


def test_edit_header_refuses_what_it_cannot_edit_in_place():
    with pytest.raises(ValueError):
        # 'x' is a table further down: setting it in the header would define it twice
        edit_header('authority = "A"\nsubject = "B"\nsent = 2023-10-03\n[x]\ny = 1\n', {"x": "z"})


HEADER_VALUE = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@given(authority=HEADER_VALUE, subject=HEADER_VALUE, email=st.one_of(st.none(), HEADER_VALUE),
       tags=st.lists(HEADER_VALUE, max_size=3))
def test_edit_header_gives_exactly_the_old_data_with_the_new_values(authority, subject, email, tags):
    text = PSOS.lstrip("\n")
    changes = {"authority": authority, "subject": subject, "tags": tags, "email": REMOVE if email is None else email}
    out = edit_header(text, changes)
    expected = tomllib.loads(text)
    expected.update({k: v for k, v in changes.items() if v is not REMOVE})
    expected.pop("email", None) if email is None else None
    assert tomllib.loads(out) == expected
    assert out.endswith(text[text.index("[[events]]"):])
    assert out.startswith("# Logged in a hurry from the train\n")


def test_edit_refuses_to_make_a_request_the_twin_of_another_as_new_does(tracker):
    """new refuses to log the same request twice (authority, subject, date sent); an edit of the
    authority or subject may not make one request the same as another either."""
    camden = tracker.write("2023-10-03-camden-parking-ab12", 'authority = "London Borough of Camden"\nsubject = "Parking fines"\nsent = 2023-10-03\n')
    typo = tracker.write("2023-10-03-camdn-parking-cd34", 'authority = "Camdn"\nsubject = "Parking fines"\nsent = 2023-10-03\n')
    before = typo.read_bytes()
    result = tracker.run("edit", "cd34", "--authority", "Camden", as_of="2023-10-20")
    assert result.exit_code == 2
    assert "'London Borough of Camden' already has this request: 2023-10-03-camden-parking-ab12" in result.stderr
    assert "To keep both, pass --allow-duplicate" in result.stderr
    assert typo.read_bytes() == before
    tracker.ok("edit", "cd34", "--authority", "Camden", "--allow-duplicate", as_of="2023-10-20")
    assert tomllib.loads(typo.read_text())["authority"] == "London Borough of Camden"
    # Editing anything else about a request is no duplicate of itself.
    tracker.ok("edit", "ab12", "--subject", "Parking fines", "--tag", "parking", as_of="2023-10-20")
    assert tomllib.loads(camden.read_text())["tags"] == ["parking"]
