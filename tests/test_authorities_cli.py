"""Authority names through the command line: aliases, typos, unknown bodies, tracker overrides."""

import tomllib
from pathlib import Path

import pytest


def test_new_stores_the_canonical_name_for_any_alias(tracker):
    created = tracker.ok(
        "new", "-a", "the Met", "-a", "LBTH", "-a", "RBKC", "-a", "Hackney Council",
        "-s", "Contacts with Fusus", "--sent", "2023-06-01", "--json",
    ).json()
    assert [row["authority"] for row in created] == [
        "Metropolitan Police Service",
        "London Borough of Tower Hamlets",
        "Royal Borough of Kensington and Chelsea",
        "London Borough of Hackney",
    ]
    for row in created:
        assert tomllib.loads(Path(row["path"]).read_text())["authority"] == row["authority"]


def test_a_close_miss_is_a_usage_error_with_suggestions_and_writes_nothing(tracker):
    result = tracker.run("new", "-a", "Merseyside Police", "-a", "Hackny", "-s", "Fusus")
    assert result.exit_code == 2
    assert "'Hackny'" in result.stderr and "London Borough of Hackney" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert list(tracker.requests.glob("*.toml")) == []


def test_an_unknown_body_is_logged_as_typed_with_a_note(tracker):
    result = tracker.run("new", "-a", "Friends of Nowhere Parish Widget Trust", "-s", "Fusus", "--json")
    assert result.exit_code == 0
    [row] = result.json()
    assert row["authority"] == "Friends of Nowhere Parish Widget Trust" and row["regime"] == "foia"
    assert "not in foitrack's directory" in result.stderr


def test_a_scottish_council_gets_foisa_and_scottish_working_days(tracker):
    [glasgow] = tracker.ok("new", "-a", "Glasgow", "-s", "Fusus", "--sent", "2024-03-15", "--json").json()
    [hackney] = tracker.ok("new", "-a", "Hackney", "-s", "Fusus", "--sent", "2024-03-15", "--json").json()
    assert glasgow["authority"] == "Glasgow City Council" and glasgow["regime"] == "foisa"
    # Received Fri 15 Mar 2024. FOISA (Scotland's holidays only): Mon 18 Mar is day 1, Good Friday
    # 29 Mar is skipped, Easter Monday 1 Apr is a working day in Scotland: day 20 is Mon 15 Apr.
    assert glasgow["due"] == "2024-04-15"
    # FOIA (any UK nation): also skips St Patrick's Day (Mon 18 Mar, NI) and Easter Monday: Wed 17 Apr.
    assert hackney["regime"] == "foia" and hackney["due"] == "2024-04-17"


def test_tracker_defined_authority_with_sixty_days(tracker):
    tracker.settings('''
        [authorities."St Mary's Primary School"]
        email = "office@st-marys.example.org"
        days = 60
    ''')
    [row] = tracker.ok("new", "-a", "St Mary's Primary School", "-s", "CCTV", "--sent", "2023-09-01", "--json").json()
    assert row["authority"] == "St Mary's Primary School"
    # A school (days = 60) has the 20th school day or the 60th working day, whichever comes first
    # (SI 2004/3364 reg 3). With no term dates foitrack presumes term time, as September is:
    # Sep 4-8 (1-5), 11-15 (6-10), 18-22 (11-15), 25-29 (16-20) -> due Fri 29 Sep 2023. The 60th
    # working day, the latest it can be (Sep has 20 weekdays after the 1st, Oct 22, Nov 22, no
    # bank holidays), is Fri 24 Nov 2023: very overdue after that.
    assert row["due"] == "2023-09-29"
    shown = tracker.ok("show", row["id"], "--json").json()
    assert shown["deadlines"]["days"] == 60
    assert shown["deadlines"]["very_overdue_after"] == "2023-11-24"


def test_tracker_alias_resolves_to_a_directory_body(tracker):
    tracker.settings('''
        [authorities."London Borough of Hackney"]
        email = "foi@hackney.example.org"
        aliases = ["LBH"]
    ''')
    [row] = tracker.ok("new", "-a", "LBH", "-s", "Fusus", "--json").json()
    assert row["authority"] == "London Borough of Hackney"


def test_list_filter_by_alias_matches_the_canonical_name(tracker):
    tracker.write("met", '''
        authority = "Metropolitan Police Service"
        subject = "Fusus"
        sent = 2023-06-01
    ''')
    tracker.write("city", '''
        authority = "City of London Police"
        subject = "Fusus"
        sent = 2023-06-01
    ''')
    rows = tracker.ok("list", "--authority", "the Met", "--json").json()
    assert [row["id"] for row in rows] == ["met"]


def test_authorities_search_best_match_first(tracker):
    rows = tracker.ok("authorities", "hackney", "--json").json()
    assert rows[0]["name"] == "London Borough of Hackney"
    assert set(rows[0]) >= {"name", "aliases", "kind", "nation", "regime"}
    police = tracker.ok("authorities", "Police Scotland", "--json").json()[0]
    assert police["name"] == "Police Scotland" and police["regime"] == "foisa" and police["nation"] == "Scotland"
    table = tracker.ok("authorities", "merseyside")
    assert "Merseyside Police" in table.stdout


def test_a_malformed_authorities_table_is_one_clear_error(tracker):
    tracker.settings('''
        [authorities."St Mary's Primary School"]
        days = "sixty"
    ''')
    result = tracker.run("new", "-a", "St Mary's Primary School", "-s", "CCTV")
    assert result.exit_code == 1
    assert "foitrack.toml" in result.stderr and "days" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# -- issue 12: abbreviations never become phantom authorities under the wrong law ------------


def test_psos_is_police_scotland_so_naming_both_is_one_authority_twice(tracker):
    result = tracker.run("new", "-a", "PSoS", "-a", "Police Scotland", "-s", "Stop and search", "--sent", "03/10/2023")
    assert result.exit_code == 2
    assert "'Police Scotland' is named twice in this batch ('PSoS' and 'Police Scotland' are the same authority)" in result.stderr
    assert list(tracker.requests.glob("*.toml")) == []


def test_abbreviations_are_logged_under_the_authority_and_its_law(tracker):
    rows = tracker.ok(
        "new", "-a", "PSoS", "-a", "GMP", "-a", "H&F", "-a", "Leeds CC", "-a", "WYP", "-a", "Wigan MBC",
        "-s", "Stop and search", "--sent", "03/10/2023", "--json",
    )
    assert [(row["authority"], row["regime"]) for row in rows.json()] == [
        ("Police Scotland", "foisa"),
        ("Greater Manchester Police", "foia"),
        ("London Borough of Hammersmith & Fulham", "foia"),
        ("Leeds City Council", "foia"),
        ("West Yorkshire Police", "foia"),
        ("Wigan Metropolitan Borough Council", "foia"),
    ]
    assert "not in foitrack's directory" not in rows.stderr
    for row in rows.json():
        assert tomllib.loads(Path(row["path"]).read_text())["authority"] == row["authority"]


def test_an_ambiguous_abbreviation_is_refused_with_every_body_it_could_mean(tracker):
    result = tracker.run("new", "-a", "Camden", "-a", "WCC", "-s", "Parking", "--sent", "03/10/2023")
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("foitrack: error: 'WCC' could mean any of")
    for name in ("City of Westminster", "Warwickshire County Council", "Wiltshire Council",
                 "Worcestershire County Council"):
        assert name in line
    assert list(tracker.requests.glob("*.toml")) == []


@pytest.mark.parametrize("typed", ["XQZP", "Gotham CC", "WY Plice", "Q&Z"])
def test_an_unknown_abbreviation_is_refused_not_logged_as_typed(tracker, typed):
    result = tracker.run("new", "-a", typed, "-s", "Parking", "--sent", "03/10/2023")
    assert result.exit_code == 2, result.stdout
    [line] = result.stderr.strip().splitlines()
    assert f"{typed!r}" in line and "foitrack.toml" in line
    assert list(tracker.requests.glob("*.toml")) == []


def test_an_abbreviation_the_tracker_defines_is_logged(tracker):
    tracker.settings('''
        [authorities."XQZP"]
        regime = "foia"
    ''')
    [row] = tracker.ok("new", "-a", "XQZP", "-s", "Parking", "--sent", "03/10/2023", "--json").json()
    assert row["authority"] == "XQZP"


def test_authorities_search_reads_abbreviations(tracker):
    assert tracker.ok("authorities", "PSoS", "--json").json()[0]["name"] == "Police Scotland"
    assert tracker.ok("authorities", "Leeds CC", "--json").json()[0]["name"] == "Leeds City Council"
    names = [row["name"] for row in tracker.ok("authorities", "WCC", "--json").json()]
    assert {"City of Westminster", "Warwickshire County Council", "Wiltshire Council"} <= set(names)


def test_an_authority_filter_reads_abbreviations_and_finds_phantom_entries(tracker):
    tracker.write("gmp", '''
        authority = "Greater Manchester Police"
        subject = "Stop and search"
        sent = 2023-10-03
    ''')
    tracker.write("typed", '''
        authority = "GMP"
        subject = "Stop and search"
        sent = 2023-10-03
    ''')
    tracker.write("wyp", '''
        authority = "West Yorkshire Police"
        subject = "Stop and search"
        sent = 2023-10-03
    ''')
    rows = tracker.ok("list", "--authority", "GMP", "--json").json()
    assert sorted(row["id"] for row in rows) == ["gmp", "typed"]
    result = tracker.run("list", "--authority", "WCC")
    assert result.exit_code == 2 and "City of Westminster" in result.stderr


def test_import_reads_abbreviations_like_new(tracker, tmp_path):
    sheet = tmp_path / "log.csv"
    sheet.write_text(
        "Authority,Subject,Date sent\n"
        "PSoS,Stop and search,03/10/2023\n"
        "WCC,Parking,03/10/2023\n",
        encoding="utf-8",
    )
    result = tracker.run("import", str(sheet), "--skip-bad")
    assert result.exit_code == 0, result.stderr
    assert "'WCC' could mean any of" in result.stderr
    [path] = tracker.requests.glob("*.toml")
    data = tomllib.loads(path.read_text())
    assert (data["authority"], data["regime"]) == ("Police Scotland", "foisa")
