"""Comparisons stories make: police forces against councils, Scotland against England. `--kind`
and `--nation` on list, report and export, `report --by kind|nation`, the authority's kind and
nation in CSV and JSON, short names, and a tracker's own authorities placed in foitrack.toml."""

from __future__ import annotations

import csv
import io

import pytest

from foitrack.directory import Directory, short_name_for

AS_OF = "2023-09-29"


def request(authority: str, sent: str = "2023-06-01", outcome: str | None = None, on: str = "2023-06-20") -> str:
    text = f'authority = "{authority}"\nsubject = "Facial recognition"\nsent = {sent}\n'
    if outcome:
        text += f'\n[[events]]\ntype = "responded"\ndate = {on}\noutcome = "{outcome}"\n'
    return text


@pytest.fixture
def mixed(tracker):
    """Two police forces (one Scottish), two councils (one Scottish), a department, and a body of
    the tracker's own, placed in foitrack.toml."""
    tracker.settings(
        """
        [authorities."Kirkwall Harbour Police"]
        kind = "police force"
        nation = "scotland"
        short_name = "Kirkwall Police"
        """
    )
    tracker.write("met", request("Metropolitan Police Service", outcome="refused"))
    tracker.write("psos", request("Police Scotland", outcome="granted", on="2023-07-20"))
    tracker.write("hackney", request("London Borough of Hackney", outcome="not-held"))
    tracker.write("glasgow", request("Glasgow City Council"))
    tracker.write("home", request("Home Office", outcome="partial"))
    tracker.write("kirkwall", request("Kirkwall Harbour Police", outcome="granted"))
    return tracker


def ids(rows):
    return sorted(row["authority"] for row in rows)


def test_list_selects_by_kind_and_nation(mixed):
    police = mixed.ok("list", "--kind", "police", "--json", as_of=AS_OF).json()
    assert ids(police) == ["Kirkwall Harbour Police", "Metropolitan Police Service", "Police Scotland"]
    scottish = mixed.ok("list", "--nation", "Scotland", "--json", as_of=AS_OF).json()
    assert ids(scottish) == ["Glasgow City Council", "Kirkwall Harbour Police", "Police Scotland"]
    both = mixed.ok("list", "--kind", "councils", "--nation", "scotland", "--json", as_of=AS_OF).json()
    assert ids(both) == ["Glasgow City Council"]
    uk = mixed.ok("list", "--nation", "UK-wide", "--json", as_of=AS_OF).json()
    assert ids(uk) == ["Home Office"]
    # Each row says what the directory (or foitrack.toml) says of its authority.
    [kirkwall] = [row for row in police if row["authority"] == "Kirkwall Harbour Police"]
    assert (kirkwall["kind"], kirkwall["nation"], kirkwall["short_name"]) == ("police", "Scotland", "Kirkwall Police")


def test_an_unknown_authority_is_other_and_of_no_nation(tracker):
    tracker.write("x", request("Barsetshire Drainage Board"))
    [row] = tracker.ok("list", "--kind", "other", "--json", as_of=AS_OF).json()
    assert (row["kind"], row["nation"], row["short_name"]) == ("other", None, "Barsetshire Drainage Board")
    assert tracker.ok("list", "--nation", "england", "--json", as_of=AS_OF).json() == []


@pytest.mark.parametrize("command", [["list"], ["report"], ["export"]])
def test_an_unknown_kind_or_nation_is_a_usage_error_listing_the_words(mixed, command):
    result = mixed.run(*command, "--kind", "cops")
    assert result.exit_code == 2
    assert result.stderr == (
        "foitrack: error: --kind: 'cops' is not one of police, council, combined-authority, "
        "regional-authority, department, devolved-government, parliament, regulator, nhs, transport, "
        "public-body, other\n"
    )
    result = mixed.run(*command, "--nation", "Atlantis")
    assert result.exit_code == 2
    assert result.stderr == "foitrack: error: --nation: 'Atlantis' is not one of England, Scotland, Wales, Northern Ireland, UK\n"


def test_report_by_kind_adds_up_each_kind(mixed):
    rows = mixed.ok("report", "--by", "kind", "--format", "json", as_of=AS_OF).json()
    assert [(r["kind"], r["label"], r["authorities"], r["requests"], r["answered"]) for r in rows] == [
        ("police", "Police forces", 3, 3, 3),
        ("council", "Councils", 2, 2, 1),
        ("department", "Government departments and agencies", 1, 1, 1),
    ]
    # Sent Thu 1 June 2023, due Thu 29 June: answered 20 June is on time, 20 July is late.
    police = rows[0]
    assert (police["on_time"], police["late"], police["outcomes"]["granted"], police["outcomes"]["refused"]) == (2, 1, 2, 1)
    markdown = mixed.ok("report", "--by", "kind", "--format", "markdown", as_of=AS_OF).stdout
    assert markdown.startswith("| Kind of authority | Requests |")
    assert "| Councils | 2 | 1 | 1 | 0 | 1 | 1 | 0 | 50% | 13 | 1 not held |" in markdown
    assert "for 6 requests to 6 authorities" in markdown


def test_report_by_nation_and_filtered_by_kind(mixed):
    rows = mixed.ok("report", "--by", "nation", "--kind", "police", "--format", "json", as_of=AS_OF).json()
    assert [(r["nation"], r["label"], r["requests"]) for r in rows] == [("England", "England", 1), ("Scotland", "Scotland", 2)]
    table = mixed.ok("report", "--by", "nation", as_of=AS_OF).stdout
    assert "UK-wide" in table and "Scotland" in table
    text = mixed.ok("report", "--by", "nation", "--kind", "police", "--format", "markdown", as_of=AS_OF).stdout
    assert "Figures as at 29 September 2023 (police forces), for 3 requests to 3 authorities." in text


def test_report_csv_says_each_authoritys_kind_and_nation(mixed):
    rows = list(csv.DictReader(io.StringIO(mixed.ok("report", "--format", "csv", as_of=AS_OF).stdout)))
    placed = {row["Authority"]: (row["Short name"], row["Kind of authority"], row["Nation"]) for row in rows}
    assert placed["Metropolitan Police Service"] == ("Met Police", "Police force", "England")
    assert placed["Glasgow City Council"] == ("Glasgow", "Council", "Scotland")
    assert placed["Home Office"] == ("Home Office", "Government department or agency", "UK-wide")
    assert placed["Kirkwall Harbour Police"] == ("Kirkwall Police", "Police force", "Scotland")
    by_kind = list(csv.DictReader(io.StringIO(mixed.ok("report", "--by", "kind", "--format", "csv", as_of=AS_OF).stdout)))
    assert [(r["Kind of authority"], r["Authorities"], r["Requests"]) for r in by_kind] == [
        ("Police forces", "3", "3"), ("Councils", "2", "2"), ("Government departments and agencies", "1", "1"),
    ]


def test_export_filters_and_carries_kind_and_nation(mixed):
    rows = mixed.ok("export", "--format", "json", "--nation", "scotland", as_of=AS_OF).json()
    assert [(r["authority"], r["kind"], r["nation"]) for r in rows] == [
        ("Glasgow City Council", "council", "Scotland"),
        ("Kirkwall Harbour Police", "police", "Scotland"),
        ("Police Scotland", "police", "Scotland"),
    ]
    text = mixed.ok("export", "--kind", "department", as_of=AS_OF).stdout
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert (row["authority"], row["kind"], row["nation"]) == ("Home Office", "department", "UK")


@pytest.mark.parametrize(
    "setting, message",
    [
        ('kind = "cops"', "kind 'cops' is not one of: police, council,"),
        ('nation = "Atlantis"', "nation 'Atlantis' is not one of: 'England', 'Scotland',"),
        ('short_name = ""', "short_name must be a non-empty string"),
    ],
)
def test_foitrack_toml_refuses_a_kind_or_nation_no_filter_could_find(tracker, setting, message):
    tracker.settings(f'[authorities."Kirkwall Harbour Police"]\n{setting}\n')
    tracker.write("k", request("Kirkwall Harbour Police"))
    result = tracker.run("list", as_of=AS_OF)
    assert result.exit_code == 1
    assert result.stderr.startswith('foitrack: error: foitrack.toml: [authorities."Kirkwall Harbour Police"] ')
    assert message in result.stderr


def test_foitrack_toml_can_place_a_directory_body_elsewhere(tracker):
    # A tracker may file a body under another kind, and shorten its name its own way.
    tracker.settings('[authorities."Transport for London"]\nkind = "regional-authority"\nshort_name = "TfL"\n')
    tracker.write("tfl", request("Transport for London"))
    [row] = tracker.ok("list", "--kind", "regional-authority", "--json", as_of=AS_OF).json()
    assert (row["authority"], row["short_name"], row["nation"]) == ("Transport for London", "TfL", "England")


# -- short names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, short",
    [
        ("London Borough of Hackney", "Hackney"),
        ("Royal Borough of Kensington and Chelsea", "Kensington and Chelsea"),
        ("Metropolitan Police Service", "Met Police"),  # a hand-written exception
        ("Police Scotland", "Police Scotland"),
        ("Cheshire Constabulary", "Cheshire Police"),
        ("City of York Council", "York"),
        ("Leeds City Council", "Leeds"),
        ("City of Bradford Metropolitan District Council", "Bradford"),
        ("Borough Council of Kings Lynn and West Norfolk", "Kings Lynn and West Norfolk"),
        ("City of London Corporation", "City of London Corporation"),
        ("Police Service of Northern Ireland", "PSNI"),
        ("Department for Education", "DfE"),
        ("West Midlands Combined Authority", "West Midlands CA"),
        ("Department of Justice (Northern Ireland)", "Department of Justice (NI)"),
    ],
)
def test_the_directory_gives_each_authority_a_short_name(name, short):
    assert Directory.load().get(name).short_name == short


def test_no_two_authorities_share_a_short_name():
    shorts = [authority.short_name.casefold() for authority in Directory.load()]
    assert len(shorts) == len(set(shorts))


def test_short_names_by_rule():
    assert short_name_for("Wigan Metropolitan Borough Council", "council") == "Wigan"
    assert short_name_for("Barsetshire Constabulary", "police") == "Barsetshire Police"
    assert short_name_for("Barsetshire Council", "other") == "Barsetshire Council"  # only councils lose "Council"
