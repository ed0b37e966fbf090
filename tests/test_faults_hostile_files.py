"""Files and input that are odd, wrong or hostile: CRLF line ends, a byte-order mark, values
nested hundreds deep, a line break in an address, a wrong entry in the parse cache, fees that are
not sums of money, control characters, dates that are not quite dates, spreadsheets that are
not quite CSV, formulas in exported cells, and a request body of megabytes."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import pytest

from foitrack.store.tomltext import edit_header
from processes import CAMDEN, HACKNEY, foitrack



def crlf(path: Path) -> bool:
    raw = path.read_bytes()
    return raw.count(b"\n") == raw.count(b"\r\n") > 0


# -- 1. CRLF files -----------------------------------------------------------------------------------


def test_a_multi_line_note_on_a_crlf_file_keeps_every_line_end_crlf(tracker):
    path = tracker.requests / "camden.toml"
    path.write_bytes(CAMDEN.lstrip().replace("\n", "\r\n").encode())
    tracker.ok("record", "camden", "note", "--text", "Rang them.\nThey will call back.", "--on", "2023-06-02")
    tracker.ok("record", "camden", "acknowledged", "--on", "2023-06-03")
    assert crlf(path)
    events = tomllib.loads(path.read_text())["events"]
    assert events[0]["text"] == "Rang them.\nThey will call back."
    assert [event["type"] for event in events] == ["note", "acknowledged"]


def test_a_crlf_file_without_a_final_line_end_stays_crlf(tracker):
    path = tracker.requests / "camden.toml"
    path.write_bytes(CAMDEN.strip().replace("\n", "\r\n").encode())
    tracker.ok("record", "camden", "acknowledged", "--on", "2023-06-02")
    tracker.ok("edit", "camden", "-t", "parking")
    assert crlf(path)
    data = tomllib.loads(path.read_text())
    assert data["tags"] == ["parking"] and [e["type"] for e in data["events"]] == ["acknowledged", "note"]


@pytest.mark.parametrize("value", ["\r\n", "a\r\nb", "line one\rline two"])
def test_a_carriage_return_in_an_edited_value_is_kept(value):
    out = edit_header(CAMDEN.lstrip(), {"subject": value, "batch": value})
    assert tomllib.loads(out)["subject"] == value and tomllib.loads(out)["batch"] == value


def mail_settings(port: int) -> str:
    return (
        f'[requester]\nname = "A. Reporter"\nemail = "reporter@example.org"\n\n'
        f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nstarttls = false\n'
    )


def test_chase_send_on_crlf_files_sends_once_however_often_it_runs(tracker, smtp_server):
    server = smtp_server()
    tracker.settings(mail_settings(server.port))
    path = tracker.requests / "camden.toml"
    path.write_bytes(CAMDEN.lstrip().replace("\n", "\r\n").encode())
    for _ in range(3):
        tracker.run("chase", "--send", today="2023-07-20")
    assert len(server.arrived) == 1
    assert crlf(path)
    assert [event["type"] for event in tomllib.loads(path.read_text())["events"]] == ["chased"]


def test_a_chaser_sent_but_not_recorded_for_a_full_disk_says_so_loudly(tracker, smtp_server):
    server = smtp_server()
    tracker.settings(mail_settings(server.port))
    sent = (dt.date.today() - dt.timedelta(days=70)).isoformat()
    # A comment of the user's makes the file larger than anything else the command writes
    # (the claim on the letter it takes before sending), so only the record cannot be written.
    path = tracker.write("camden", "# " + "notes " * 80 + "\n" + CAMDEN.replace("2023-06-01", sent))
    before = path.read_bytes()
    # A real process whose files may not grow: the mail goes, the record cannot be written.
    result = foitrack(tracker.root, "chase", "--send", max_file_size=len(before))
    assert len(server.arrived) == 1
    assert result.returncode == 1
    assert "sent but not recorded: camden: cannot write" in result.stderr and "File too large" in result.stderr
    assert "record it with 'foitrack chase camden --record'" in result.stderr
    assert "internal error" not in result.stderr
    assert path.read_bytes() == before


def test_a_full_disk_before_a_chaser_goes_sends_nothing_and_says_so(tracker, smtp_server):
    server = smtp_server()
    tracker.settings(mail_settings(server.port))
    sent = (dt.date.today() - dt.timedelta(days=70)).isoformat()
    path = tracker.write("camden", CAMDEN.replace("2023-06-01", sent))
    before = path.read_bytes()
    result = foitrack(tracker.root, "chase", "--send", max_file_size=100)  # room for .gitignore, not a claim
    assert server.arrived == []
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"foitrack: error: cannot write {tracker.root / '.foitrack' / 'claims'}/")
    assert "File too large" in line and line.endswith("nothing was sent")
    assert path.read_bytes() == before


# -- 11. a byte-order mark ---------------------------------------------------------------------------


def test_a_file_starting_with_a_byte_order_mark_is_read_and_appended_to_keeping_it(tracker):
    path = tracker.requests / "camden.toml"
    path.write_bytes("\ufeff".encode() + CAMDEN.lstrip().encode())
    assert "London Borough of Camden" in tracker.ok("list").stdout
    assert tracker.ok("check").stdout.strip() == "The request file is valid."
    tracker.ok("record", "camden", "acknowledged", "--on", "2023-06-02")
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode()) and raw.count("\ufeff".encode()) == 1
    assert tomllib.loads(raw.decode("utf-8-sig"))["events"][0]["type"] == "acknowledged"


# -- 6. values nested too deep to read --------------------------------------------------------------


@pytest.mark.parametrize("deep", ["[" * 3000 + "]" * 3000, "[" * 400 + "]" * 400, "{a = " * 500 + "1" + "}" * 500])
def test_a_deeply_nested_file_is_reported_and_skipped_like_any_broken_file(tracker, deep):
    tracker.write("camden", CAMDEN)
    path = tracker.requests / "deep.toml"
    path.write_text(HACKNEY.lstrip() + f"notes = {deep}\n")
    listed = tracker.run("list")
    assert listed.exit_code == 0 and "Camden" in listed.stdout
    assert f"foitrack: skipped {path}:4: values are nested more than 32 deep, too deep to read" in listed.stderr
    check = tracker.run("check")
    assert check.exit_code == 1 and f"{path}:4: values are nested more than 32 deep" in check.stdout
    recorded = tracker.run("record", "deep", "acknowledged")
    assert recorded.exit_code == 1 and "nested more than 32 deep" in recorded.stderr
    assert "internal error" not in listed.stderr + check.stderr + recorded.stderr


def test_nesting_a_user_might_write_is_kept(tracker):
    path = tracker.write("camden", CAMDEN + "[notes.contacts.press]\nname = \"Sam\"\nphones = [[1, 2], [3]]\n")
    tracker.ok("record", "camden", "acknowledged", "--on", "2023-06-02")
    assert tomllib.loads(path.read_text())["notes"]["contacts"]["press"]["phones"] == [[1, 2], [3]]


# -- 8. addresses -----------------------------------------------------------------------------------


def test_check_reports_an_address_with_a_line_break_and_chasing_carries_on(tracker):
    tracker.write("camden", CAMDEN.replace('"foi@camden.gov.uk"', '"foi@camden.gov.uk\\nBcc: all@example.org"'))
    tracker.write("hackney", HACKNEY + 'email = "foi@hackney.gov.uk"\n')
    check = tracker.run("check")
    assert check.exit_code == 1
    [line] = check.stdout.strip().splitlines()
    assert line.startswith(f"{tracker.requests / 'camden.toml'}:4: email ")
    assert "contains a control character (such as a line break)" in line
    assert "Camden" in tracker.ok("list").stdout  # its deadline still counts
    out = tracker.root / "out"
    chase = tracker.run("chase", "--out", str(out), as_of="2023-07-20")
    assert chase.exit_code == 1 and "camden" in chase.stderr
    assert [path.name for path in out.iterdir()] == [next(out.iterdir()).name] and "hackney" in next(out.iterdir()).name


def test_an_address_in_the_settings_is_checked_as_new_checks_one(tracker):
    tracker.write("camden", CAMDEN)
    tracker.settings('[authorities."London Borough of Hackney"]\nemail = "foi@hackney.gov.uk; press@hackney.gov.uk"\n')
    result = tracker.run("check")
    assert result.exit_code == 1
    assert "holds more than one address" in result.stdout


def test_import_refuses_a_row_whose_address_is_not_one(tracker, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        'authority,subject,sent,email\n'
        'Camden Council,Bins,01/06/2023,foi@camden.gov.uk\n'
        'Hackney Council,Rats,01/06/2023,"foi@hackney.gov.uk\nBcc: all@example.org"\n'
    )
    result = tracker.run("import", str(sheet))
    assert result.exit_code == 1
    assert "row 3, email" in result.stderr and "contains a control character" in result.stderr
    assert list(tracker.requests.glob("*.toml")) == []


# -- 9. a wrong entry in the parse cache ------------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    ["a date as text", "an unknown law", "a missing subject", "a number for a name", "an unknown event"],
)
def test_a_cache_entry_that_does_not_validate_is_discarded_and_the_file_read_again(tracker, damage):
    tracker.write("camden", CAMDEN + '\n[[events]]\ntype = "acknowledged"\ndate = 2023-06-02\n')
    expected = tracker.ok("list", "--json", as_of="2023-07-20").json()
    shards = list((tracker.root / ".foitrack" / "cache").glob("requests-*.json"))
    for shard in shards:
        data = json.loads(shard.read_text())
        for name, entry in data["entries"].items():
            entry[5] = False  # settled: trusted on its stat alone, as after a few seconds
            fields, date_keys, extra, extra_dates, fields_set = entry[6][0]
            event = entry[6][1][0][0]
            if damage == "a date as text":
                date_keys.remove("sent")
            elif damage == "an unknown law":
                fields["regime"] = "gdpr"
            elif damage == "a missing subject":
                del fields["subject"]
            elif damage == "a number for a name":
                fields["authority"] = 7
            else:
                event["type"] = "teleported"
        shard.write_text(json.dumps(data))
    result = tracker.run("list", "--json", as_of="2023-07-20")
    assert result.exit_code == 0, result.stderr
    assert result.json() == expected and result.stderr == ""
    # The entry was rewritten from the file, so the next run reads it from the cache again.
    assert tracker.ok("list", "--json", as_of="2023-07-20").json() == expected


# -- 11, 12. values that are not what they look like ------------------------------------------------


@pytest.mark.parametrize("amount", ["nan", "inf", "-50", "-inf"])
def test_a_fee_that_is_not_a_sum_of_money_is_a_problem_check_names(tracker, amount):
    path = tracker.write("camden", CAMDEN + f'\n[[events]]\ntype = "fee-notice"\ndate = 2023-06-05\namount = {amount}\n')
    check = tracker.run("check")
    assert check.exit_code == 1
    assert f"{path}:9: event 1 amount: {float(amount)!r} is not a sum of money" in check.stdout
    recorded = tracker.run("record", "camden", "fee-paid", "--on", "2023-06-06")
    assert recorded.exit_code == 1
    assert "is not a sum of money" in recorded.stderr and "[[events]]" not in recorded.stderr


def test_a_date_written_as_a_number_is_called_a_number(tracker):
    path = tracker.write("camden", CAMDEN.replace("sent = 2023-06-01", "sent = 20230601"))
    check = tracker.run("check")
    assert check.stdout.strip() == (
        f"{path}:3: sent: 20230601 is a number, not a date: write the date as 2023-06-01 (year-month-day, no quotes)"
    )
    assert "atetime" not in check.stdout


@pytest.mark.parametrize(
    "args, words",
    [
        (["--as-of", "", "due"], "--as-of: '' is not a date"),
        (["holidays", "--year", "0"], "--year: 0 is outside foitrack's calendar"),
        (["new", "-a", "Camden Council", "-s", "Fines", "--sent", "Sep 2023"], "--sent: 'Sep 2023' is not a whole date: give the day too"),
        (["new", "-a", "Camden Council", "-s", "Fines\x1b[2J"], "--subject: contains an escape character"),
        (["new", "-a", "Camden Council", "-s", "Fines\x00"], "--subject: contains a NUL character"),
        (["new", "-a", "Camden Council", "-s", "Fines", "-t", "a\nb"], "--tag: contains a line break"),
    ],
)
def test_input_that_is_not_what_it_looks_like_is_refused(tracker, args, words):
    tracker.write("camden", CAMDEN)
    result = tracker.run(*args)
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("foitrack: error: ") and words in line
    assert len(list(tracker.requests.glob("*.toml"))) == 1


def test_control_characters_in_a_file_are_refused_never_played_to_the_terminal(tracker):
    tracker.write("hackney", HACKNEY)
    path = tracker.write("camden", CAMDEN.replace('"Parking fines"', '"Parking\\u001b]0;pwned\\u0007 fines"'))
    listed = tracker.run("list")
    assert "\x1b" not in listed.stdout + listed.stderr and "\x07" not in listed.stdout + listed.stderr
    assert f"skipped {path}:2: subject: contains an escape character" in listed.stderr
    assert "Hackney" in listed.stdout


def test_authorities_written_inside_another_section_is_an_error_not_ignored(tracker):
    tracker.write("camden", CAMDEN)
    tracker.settings('[deadlines]\nreceipt_rule = "ico"\nauthorities = 5\n')
    result = tracker.run("list")
    assert result.exit_code == 1
    assert "'authorities' is inside [deadlines], where it does nothing" in result.stderr
    tracker.settings('[authorities]\nCamden = 5\n')
    result = tracker.run("list")
    assert result.exit_code == 1 and "each authority is a table" in result.stderr


# -- 11, 12. spreadsheets ------------------------------------------------------------------------------


def test_a_csv_with_an_unclosed_quote_names_the_row_instead_of_swallowing_the_rest(tracker, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "authority,subject,sent\n"
        "Camden Council,Bins,01/06/2023\n"
        'Hackney Council,"Rats,02/06/2023\n'
        "Islington Council,Cats,03/06/2023\n"
        "Barnet Council,Dogs,04/06/2023\n"
    )
    result = tracker.run("import", str(sheet))
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith('foitrack: error: row 3: a quote (") opened in this row is never closed')
    assert "no date sent" not in result.stderr
    assert list(tracker.requests.glob("*.toml")) == []


def test_a_utf16_csv_is_read(tracker, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes("authority\tsubject\tsent\nCamden Council\tBins\t01/06/2023\n".encode("utf-16"))
    result = tracker.run("import", str(sheet))
    assert result.exit_code == 0, result.stderr
    assert "the file is UTF-16 text" in result.stderr
    [path] = tracker.requests.glob("*.toml")
    assert tomllib.loads(path.read_text())["subject"] == "Bins"


def test_csv_export_never_writes_a_formula_and_import_reads_it_back(tracker, tmp_path):
    tracker.write("camden", CAMDEN.replace('"Parking fines"', '"=HYPERLINK(\\"http://evil.example\\",\\"x\\")"'))
    tracker.write("hackney", HACKNEY.replace('"Rats"', '"-2 rats +1 @home"'))
    exported = tracker.ok("export").stdout
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(exported)))
    assert {row["subject"] for row in rows} == {"'=HYPERLINK(\"http://evil.example\",\"x\")", "'-2 rats +1 @home"}
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())
    report = tracker.ok("report", "--format", "csv").stdout
    assert "\n=" not in report
    # Imported into another tracker, the subjects are as they were.
    sheet = tmp_path / "export.csv"
    sheet.write_text(exported)
    other = tracker.root.parent / "other"
    (other / "requests").mkdir(parents=True)
    from conftest import TrackerFolder

    imported = TrackerFolder(other)
    imported.ok("import", str(sheet))
    subjects = sorted(tomllib.loads(path.read_text())["subject"] for path in (other / "requests").glob("*.toml"))
    assert subjects == ["-2 rats +1 @home", '=HYPERLINK("http://evil.example","x")']


# -- 13. a request body of megabytes -------------------------------------------------------------------


def test_show_prints_a_five_megabyte_body_whole(tracker):
    words = ["alpha", "beta", "gamma", "delta", "epsilon"]
    paragraphs = [" ".join(words[(i + j) % 5] for j in range(60)) for i in range(17_000)]
    body = f"START {paragraphs[0]}\n" + "\n".join(paragraphs[1:]) + " END"
    assert len(body) > 5_000_000
    tracker.write("camden", CAMDEN + f"body = '''\n{body}'''\n")
    result = tracker.run("show", "camden")
    assert result.exit_code == 0, result.stderr
    shown = result.stdout.split("Request\n", 1)[1]
    assert shown.startswith("START alpha beta") and shown.rstrip().endswith("END")
    assert shown.split() == body.split()
    assert max(len(line) for line in shown.splitlines()) <= 200  # wrapped to the terminal


def test_the_work_show_does_grows_in_step_with_the_body_not_with_its_square(tracker):
    """Counted, not timed: the characters the string methods called while showing the request
    work through (a profile hook adds up the length of each string a method is called on).
    Doubling the body doubles it; rendering the body with rich made it four times as much."""
    import sys

    def work(size: int) -> int:
        words = ["alpha", "beta", "gamma", "delta", "epsilon"]
        lines = [" ".join(words[(i + j) % 5] for j in range(60)) for i in range(size // 360)]
        tracker.write("camden", CAMDEN + "body = '''\n" + "\n".join(lines) + "'''\n")
        total = 0

        def profile(frame, event, arg):
            nonlocal total
            if event == "c_call" and type(getattr(arg, "__self__", None)) is str:
                total += len(arg.__self__)

        sys.setprofile(profile)
        try:
            result = tracker.run("show", "camden")
        finally:
            sys.setprofile(None)
        assert result.exit_code == 0 and "gamma delta epsilon" in result.stdout
        return total

    small, large = work(200_000), work(400_000)
    assert large < 2.5 * small
