"""`foitrack import FILE.csv` and `foitrack export`: spreadsheets in and out.

Each CSV below is written literally, as a newsroom's spreadsheet would export it. Row numbers are
the spreadsheet's: the header is row 1, so the first request is row 2.
"""

from __future__ import annotations

import csv
import io
import tomllib
from pathlib import Path

import pytest

SHEET = """\
Public Authority,Request Title,Date Sent,Ref,Date of Response,Outcome,Exemptions,Tags,Notes
London Borough of Hackney,Contacts with Fusus,01/06/2023,FOI-118,20/06/2023,Partially successful,"s43(2); section 40",fusus,Jo is following up
Merseyside Police,Drone flights,5 Jun 2023,,,Awaiting response,,"drones, police",
Hackny Council,Parking fines,02/06/2023,,,,,,
,Missing authority,02/06/2023,,,,,,
Cabinet Office,Ministerial diaries,31/02/2023,,,,,,
Home Office,Asylum hotels,01/06/2023,,21/06/2023,Sort of,,,
Acme Widgets Trust,Grants,06/06/2023,,,,,,
"""


def sheet(tmp_path: Path, text: str, name: str = "foi-log.csv", encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def request_files(tracker) -> list[Path]:
    return sorted(tracker.requests.glob("*.toml"))


def loaded(path: Path) -> dict:
    return tomllib.loads(path.read_text())


def test_bad_rows_are_reported_by_row_and_value_and_nothing_is_imported(tracker, tmp_path):
    result = tracker.run("import", sheet(tmp_path, SHEET))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("foitrack: row")]
    assert errors == [
        "foitrack: row 4, Public Authority: 'Hackny Council' is not an authority foitrack knows; did you "
        "mean 'London Borough of Hackney' or 'Conwy County Borough Council' or 'London Borough of Haringey'? "
        "(to log it as typed, add [authorities.\"Hackny Council\"] to foitrack.toml)",
        "foitrack: row 5, Public Authority: no authority: every request needs one",
        "foitrack: row 6, Date Sent: '31/02/2023' is not a date: there is no such day",
        "foitrack: row 7, Outcome: 'Sort of' is not an outcome foitrack knows: use granted, partial, "
        "refused, not held, NCND or withdrawn (or leave it empty while waiting)",
    ]
    assert result.stderr.strip().splitlines()[-1] == (
        "foitrack: error: 4 rows have problems, so nothing was imported: fix them in the spreadsheet, "
        "or pass --skip-bad to import the 3 good rows"
    )
    assert request_files(tracker) == []


def test_skip_bad_imports_the_good_rows_with_their_events(tracker, tmp_path):
    result = tracker.run("import", sheet(tmp_path, SHEET), "--skip-bad")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "Imported 3 requests from foi-log.csv; 4 bad rows skipped."
    assert "foitrack: skipped row 6, Date Sent: '31/02/2023' is not a date: there is no such day" in result.stderr
    assert "foitrack: note: row 8: 'Acme Widgets Trust' is not in foitrack's directory" in result.stderr
    files = {loaded(path)["authority"]: path for path in request_files(tracker)}
    assert sorted(files) == ["Acme Widgets Trust", "London Borough of Hackney", "Merseyside Police"]

    hackney = loaded(files["London Borough of Hackney"])
    assert hackney["subject"] == "Contacts with Fusus"
    assert str(hackney["sent"]) == "2023-06-01"  # 01/06/2023 read day-first
    assert hackney["tags"] == ["fusus"] and hackney["notes"] == "Jo is following up"
    acknowledged, responded = hackney["events"]
    assert acknowledged["type"] == "acknowledged" and acknowledged["ref"] == "FOI-118"
    assert str(acknowledged["date"]) == "2023-06-01"  # no acknowledgement date in the sheet
    assert responded == {
        "type": "responded",
        "date": responded["date"],
        "outcome": "partial",
        "exemptions": ["s43(2)", "s40"],
    }
    assert str(responded["date"]) == "2023-06-20"

    drones = loaded(files["Merseyside Police"])
    assert str(drones["sent"]) == "2023-06-05" and drones["tags"] == ["drones", "police"]
    assert "events" not in drones  # "Awaiting response" is no outcome yet

    shown = tracker.ok("show", files["London Borough of Hackney"].stem, "--json").json()
    assert shown["status"] == "answered" and shown["outcome"] == "partial"


def test_importing_the_same_file_twice_creates_nothing_new(tracker, tmp_path):
    path = sheet(tmp_path, SHEET)
    tracker.ok("import", path, "--skip-bad")
    before = {p: p.read_text() for p in request_files(tracker)}
    again = tracker.ok("import", path, "--skip-bad")
    assert {p: p.read_text() for p in request_files(tracker)} == before
    assert "row 2 is already in the tracker as " in again.stdout
    assert again.stdout.strip().splitlines()[-1] == (
        "Imported 0 requests from foi-log.csv; 3 already in the tracker; 4 bad rows skipped."
    )


def test_a_request_tidied_after_import_is_still_recognised(tracker, tmp_path):
    path = sheet(tmp_path, "Authority,Subject,Sent\nMerseyside Police,drone  flights,05/06/2023\n")
    tracker.ok("import", path)
    [created] = request_files(tracker)
    created.write_text(created.read_text().replace('"drone flights"', '"Police drone flights 2023"'))
    tracker.ok("import", path)
    assert request_files(tracker) == [created]


def test_a_request_logged_by_hand_is_not_imported_again(tracker, tmp_path):
    tracker.ok("new", "-a", "Merseyside Police", "-s", "Drone flights", "--sent", "2023-06-05")
    result = tracker.ok("import", sheet(tmp_path, "Organisation,Title,Date\nMerseyside Police,DRONE FLIGHTS,5/6/2023\n"))
    assert "row 2 is already in the tracker" in result.stdout
    assert len(request_files(tracker)) == 1


def test_dry_run_shows_what_would_be_created_and_writes_nothing(tracker, tmp_path):
    result = tracker.ok("import", sheet(tmp_path, SHEET), "--dry-run", "--skip-bad")
    assert result.stdout.splitlines()[:3] == [
        "would create (row 2): London Borough of Hackney: Contacts with Fusus (sent 01 Jun 2023, FOIA; "
        "acknowledged 01 Jun 2023 ref FOI-118; responded 20 Jun 2023 partial)",
        "would create (row 3): Merseyside Police: Drone flights (sent 05 Jun 2023, FOIA)",
        "would create (row 8): Acme Widgets Trust: Grants (sent 06 Jun 2023, FOIA)",
    ]
    assert result.stdout.strip().splitlines()[-1] == "Would import 3 requests from foi-log.csv; 4 bad rows skipped."
    assert request_files(tracker) == []
    assert not (tracker.root / ".foitrack").exists()
    # Without --skip-bad a dry run still reports the bad rows and exits 1.
    strict = tracker.run("import", sheet(tmp_path, SHEET), "--dry-run")
    assert strict.exit_code == 1 and request_files(tracker) == []


def test_json_output_of_an_import(tracker, tmp_path):
    report = tracker.ok("import", sheet(tmp_path, SHEET), "--skip-bad", "--json").json()
    assert report["imported"] is True and report["dry_run"] is False
    assert [row["row"] for row in report["created"]] == [2, 3, 8]
    assert all(Path(row["path"]).is_file() for row in report["created"])
    assert [(e["row"], e["column"], e["value"]) for e in report["errors"]] == [
        (4, "Public Authority", "Hackny Council"),
        (5, "Public Authority", None),
        (6, "Date Sent", "31/02/2023"),
        (7, "Outcome", "Sort of"),
    ]
    assert report["columns"]["authority"] == "Public Authority"
    assert report["ignored_columns"] == []


@pytest.mark.parametrize(
    "header, row, expected",
    [
        # variants of the header names, in any case and spacing
        ("ORGANISATION,Subject,Date sent", "Home Office,Visas,01/06/2023", ("Home Office", "Visas")),
        ("Body,Request,Date", "Home Office,Visas,01/06/2023", ("Home Office", "Visas")),
        ("public body ,  TITLE,sent", "Home Office,Visas,01/06/2023", ("Home Office", "Visas")),
        # "Body" next to an authority column is the request's text; "Request" next to a title too
        ("Authority,Title,Sent,Body", "Home Office,Visas,01/06/2023,Please send", ("Home Office", "Visas")),
    ],
)
def test_header_variants(tracker, tmp_path, header, row, expected):
    tracker.ok("import", sheet(tmp_path, f"{header}\n{row}\n"))
    [path] = request_files(tracker)
    data = loaded(path)
    assert (data["authority"], data["subject"]) == expected
    assert str(data["sent"]) == "2023-06-01"
    if "Body" in header and header.startswith("Authority"):
        assert data["body"] == "Please send"


@pytest.mark.parametrize(
    "outcome, expected",
    [
        ("Granted", "granted"),
        ("successful", "granted"),
        ("Released", "granted"),
        ("Partially successful", "partial"),
        ("partial", "partial"),
        ("Refused", "refused"),
        ("Rejected", "refused"),
        ("refused - s43", "refused"),
        ("Not held", "not-held"),
        ("Information not held", "not-held"),
        ("NCND", "neither-confirm-nor-deny"),
        ("neither-confirm-nor-deny", "neither-confirm-nor-deny"),
    ],
)
def test_outcome_words_map_to_outcomes(tracker, tmp_path, outcome, expected):
    text = f"Authority,Subject,Sent,Responded,Outcome\nHome Office,Visas,01/06/2023,20/06/2023,{outcome}\n"
    tracker.ok("import", sheet(tmp_path, text))
    [path] = request_files(tracker)
    [event] = loaded(path)["events"]
    assert event["type"] == "responded" and event["outcome"] == expected


def test_withdrawn_semicolons_excel_encoding_and_scottish_defaults(tracker, tmp_path):
    # Excel on Windows: semicolons, Windows-1252 ('£' is byte 0xA3), a 'sep=' hint line.
    text = (
        "sep=;\n"
        "Authority;Subject;Date sent;Date of response;Status;Law\n"
        "Glasgow City Council;Fees (£);01/06/2023;;;\n"
        "Home Office;Visas;01/06/2023;09/06/2023;Withdrawn;FOI\n"
        "Environment Agency;Flood data;01/06/2023;;;EIR\n"
    )
    result = tracker.ok("import", sheet(tmp_path, text, encoding="cp1252"))
    assert "not UTF-8" in result.stderr
    data = {loaded(p)["authority"]: loaded(p) for p in request_files(tracker)}
    assert data["Glasgow City Council"]["subject"] == "Fees (£)"
    assert data["Glasgow City Council"]["regime"] == "foisa"  # a Scottish authority's default law
    assert data["Home Office"]["events"][0]["type"] == "withdrawn"
    assert data["Environment Agency"]["regime"] == "eir"


@pytest.mark.parametrize(
    "text, needle",
    [
        ("Authority,Subject,Sent,Outcome\nHome Office,Visas,01/06/2023,Refused\n", "row 2, Outcome: 'Refused' needs the date of the response"),
        ("Authority,Subject,Sent,Responded\nHome Office,Visas,01/06/2023,20/06/2023\n", "row 2, Responded: a response date with no outcome"),
        ("Authority,Subject,Sent,Responded,Outcome\nHome Office,Visas,01/06/2023,20/05/2023,refused\n", "row 2, Responded: '20/05/2023': 'responded' on 2023-05-20 is dated before the request was sent"),
        ("Authority,Subject,Sent,Law\nHome Office,Visas,01/06/2023,Data Protection Act\n", "row 2, Law: 'Data Protection Act' is not a law"),
        ("Authority,Subject,Sent\nHome Office,,01/06/2023\n", "row 2, Subject: no subject"),
        ("Authority,Subject,Sent\nHome Office,Visas,\n", "row 2, Sent: no date sent"),
        ("Authority,Subject,Sent\nHome Office,Visas,today\n", "row 2, Sent: 'today' is relative"),
        ("Authority,Subject,Sent,Responded,Outcome,Exemptions\nHome Office,Visas,01/06/2023,20/06/2023,refused,s999\n", "row 2, Exemptions: 's999' is not an exemption"),
    ],
)
def test_more_bad_rows(tracker, tmp_path, text, needle):
    result = tracker.run("import", sheet(tmp_path, text))
    assert result.exit_code == 1
    assert needle in result.stderr
    assert request_files(tracker) == []


def test_rows_get_the_checks_a_request_file_gets_so_import_never_writes_what_check_rejects(tracker, tmp_path):
    # 1999 is before foitrack's calendar (2000-2035): `check` would reject the file, so import
    # refuses the row, naming its row and value. 05/06/2040 is read day-first: 5 June 2040.
    text = (
        "Authority,Subject,Date sent\n"
        "Glasgow,CCTV,1999-01-01\n"
        "Leeds,Future,05/06/2040\n"
        "Merseyside Police,Drone flights,05/06/2023\n"
    )
    result = tracker.run("import", sheet(tmp_path, text))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("foitrack: row")]
    assert errors[0] == "foitrack: row 2, Date sent: sent 1999-01-01 is outside foitrack's calendar (2000\u20132035)"
    assert errors[1].startswith("foitrack: row 3, Date sent: '05/06/2040' (2040-06-05) is in the future")
    assert len(errors) == 2 and request_files(tracker) == []

    # With --skip-bad only the good row is written, and check finds nothing wrong.
    tracker.ok("import", sheet(tmp_path, text), "--skip-bad")
    [path] = request_files(tracker)
    assert loaded(path)["authority"] == "Merseyside Police"
    assert tracker.ok("check", "--json").json() == {"problems": []}


def test_dates_after_today_are_row_errors(tmp_path):
    import datetime as dt

    from foitrack.teamwork.spreadsheet import plan_import
    from foitrack.tracker import Tracker

    # Today is fixed at Sat 1 Jul 2023: a response on 3 July, or a request sent on 2 July,
    # has not happened yet. 30/06/2023 is yesterday and fine.
    folder = tmp_path / "t"
    (folder / "requests").mkdir(parents=True)
    foi = Tracker(folder, today=dt.date(2023, 7, 1), use_git=False)
    text = (
        "Authority,Subject,Sent,Responded,Outcome\n"
        "Home Office,Visas,01/06/2023,03/07/2023,refused\n"
        "Home Office,Passports,02/07/2023,,\n"
        "Home Office,Hotels,01/06/2023,30/06/2023,granted\n"
    )
    plan = plan_import(foi, text.encode(), "log.csv")
    assert [str(error) for error in plan.errors] == [
        "row 2, Responded: '03/07/2023' (2023-07-03) is in the future: today is 2023-07-01",
        "row 3, Sent: '02/07/2023' (2023-07-02) is in the future: today is 2023-07-01",
    ]
    assert [row.action for row in plan.rows] == ["error", "error", "create"]


@pytest.mark.parametrize(
    "text, code, needle",
    [
        ("Name,When\nHome Office,01/06/2023\n", 1, "no column for the authority or subject or sent"),
        ("", 1, "the file is empty"),
        ("Authority,Organisation,Subject,Sent\n", 1, "both look like the authority"),
    ],
)
def test_files_that_cannot_be_read(tracker, tmp_path, text, code, needle):
    result = tracker.run("import", sheet(tmp_path, text))
    assert result.exit_code == code
    assert needle in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_import_of_a_missing_file_is_a_usage_error(tracker, tmp_path):
    result = tracker.run("import", str(tmp_path / "nope.csv"))
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_repeated_rows_in_one_file_create_one_request(tracker, tmp_path):
    text = "Authority,Subject,Sent\nHome Office,Visas,01/06/2023\nHome Office,visas ,1 June 2023\n"
    result = tracker.ok("import", sheet(tmp_path, text))
    assert "row 3 repeats row 2; left out" in result.stdout
    assert len(request_files(tracker)) == 1


# ---------------------------------------------------------------------------------------------
# Export

HACKNEY = """
authority = "London Borough of Hackney"
subject = "Contacts with Fusus"
sent = 2023-06-01
tags = ["fusus", "police tech"]
batch = "fusus-round-1"

[[events]]
type = "acknowledged"
date = 2023-06-02
ref = "FOI-2023-118"

[[events]]
type = "responded"
date = 2023-06-20
outcome = "partial"
exemptions = ["s43(2)", "s40(2)"]
"""

MET = """
authority = "Metropolitan Police Service"
subject = "Contacts with Fusus"
sent = 2023-06-05
"""

EXPORT_COLUMNS = [
    "id", "authority", "kind", "nation", "subject", "sent", "received", "regime", "status", "due",
    "working_days_overdue", "first_response", "outcome", "exemptions", "tags", "batch", "ref", "path",
]


def test_export_csv_has_a_row_per_request_with_derived_columns(tracker):
    tracker.write("hackney", HACKNEY)
    tracker.write("met", MET)
    result = tracker.ok("export", as_of="2023-07-10")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == EXPORT_COLUMNS
    hackney, met = rows  # oldest sent first
    assert hackney["status"] == "answered" and hackney["due"] == ""
    assert hackney["first_response"] == "2023-06-20" and hackney["outcome"] == "partial"
    assert hackney["exemptions"] == "s43(2); s40(2)" and hackney["tags"] == "fusus; police tech"
    assert hackney["batch"] == "fusus-round-1" and hackney["ref"] == "FOI-2023-118"
    # Met: sent Mon 5 Jun 2023, due 20 working days later, Mon 3 Jul (no June bank holidays);
    # as at Mon 10 Jul it is 5 working days late: 4, 5, 6, 7 and 10 Jul.
    assert met["status"] == "overdue" and met["due"] == "2023-07-03"
    assert met["working_days_overdue"] == "5"
    assert met["outcome"] == "" and met["exemptions"] == ""


def test_export_json_to_a_file(tracker):
    tracker.write("hackney", HACKNEY)
    out = tracker.root / "requests.json"
    result = tracker.ok("export", "--format", "json", "--out", str(out), as_of="2023-07-10")
    assert result.stdout.strip() == f"Wrote 1 request to {out}."
    import json

    [row] = json.loads(out.read_text())
    assert list(row) == EXPORT_COLUMNS
    assert row["exemptions"] == ["s43(2)", "s40(2)"] and row["tags"] == ["fusus", "police tech"]
    assert row["working_days_overdue"] == 0 and row["due"] is None


def test_export_rejects_an_unknown_format(tracker):
    result = tracker.run("export", "--format", "xlsx")
    assert result.exit_code == 2 and "'xlsx' is not one of csv, json" in result.stderr


def test_an_export_imports_back_into_another_tracker(tracker, tmp_path):
    from tests.conftest import TrackerFolder

    tracker.write("hackney", HACKNEY)
    tracker.write("met", MET)
    exported = tmp_path / "export.csv"
    tracker.ok("export", "--out", str(exported), as_of="2023-07-10")
    # Importing into the same tracker recognises every request.
    again = tracker.ok("import", str(exported))
    assert again.stdout.count("already in the tracker as") == 2
    # Into a fresh tracker: the same requests, statuses, deadlines and outcomes.
    other = TrackerFolder(tmp_path / "other")
    other.ok("import", str(exported))
    compared = ("authority", "subject", "sent", "status", "due", "first_response", "outcome", "exemptions", "tags", "batch", "ref")

    def summary(folder):
        rows = folder.ok("export", "--format", "json", as_of="2023-07-10").json()
        return sorted(tuple(str(row[key]) for key in compared) for row in rows)

    assert summary(other) == summary(tracker)


def test_export_as_of_an_earlier_date_shows_the_exemptions_of_the_response_then(tracker):
    tracker.write("hackney", """
        authority = "London Borough of Hackney"
        subject = "Fusus"
        sent = 2023-06-01

        [[events]]
        type = "responded"
        date = 2023-06-20
        outcome = "refused"
        exemptions = ["s43(2)"]

        [[events]]
        type = "responded"
        date = 2023-08-01
        outcome = "partial"
        exemptions = ["s40(2)"]
    """)
    [then] = tracker.ok("export", "--format", "json", as_of="2023-07-01").json()
    assert then["outcome"] == "refused" and then["exemptions"] == ["s43(2)"]
    [now] = tracker.ok("export", "--format", "json").json()
    assert now["outcome"] == "partial" and now["exemptions"] == ["s40(2)"]
