"""The listing cache (foitrack.store.index) never changes an answer.

`list`, `due`, `report` and `export` read every request through the listing cache, which keeps
each file's row and its settled evaluation (foitrack.law.standing) between runs. A property test
runs random trackers through the cached path and the uncached one (FOITRACK_NO_CACHE=1: every
file parsed and evaluated in full) and compares every output, after editing a file twice in the
same second, after changing foitrack.toml, and under another bank-holiday table. The other tests
pin what the cache must do: be used, never for writes, survive damage, and follow the settings.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import textwrap
from pathlib import Path

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import TrackerFolder
from foitrack.store import index as index_module

AS_OF_DATES = ("2023-06-30", "2023-09-25", "2024-02-01")
COMMANDS = (
    ("list", "--json"),
    ("due", "--json", "--within", "10"),
    ("report", "--format", "json"),
    ("export", "--format", "json"),
)
AUTHORITIES = (
    ("London Borough of Hackney", "foia"),
    ("Police Scotland", "foisa"),
    ("Leeds Primary School", "foia"),  # a school, by its foitrack.toml entry below
    ("Metropolitan Police Service", "foia"),
    ("Scottish Environment Protection Agency", "eisr"),
    ("Met Office", "sar"),
)
# Events in an order the clock meets them in; each request takes a random run of them.
EVENTS = (
    ("acknowledged", 'ref = "A-1"'),
    ("clarification-requested", ""),
    ("clarified", ""),
    ("fee-notice", "amount = 25.0"),
    ("fee-paid", ""),
    ("extended", "days = 20"),
    ("chased", "stage = 1"),
    ("responded", 'outcome = "refused"\nexemptions = ["s40(2)"]'),
    ("review-requested", ""),
    ("review-responded", 'outcome = "upheld"'),
    ("complained", 'ref = "IC-1"'),
    ("decision", 'outcome = "upheld"'),
    ("withdrawn", ""),
)


def request_text(authority: str, regime: str, sent: dt.date, steps: list[tuple[int, int]], via: str) -> str:
    lines = [f'authority = "{authority}"', 'subject = "Contacts with Fusus"', f"sent = {sent}", f'regime = "{regime}"',
             f'via = "{via}"', 'tags = ["fusus"]']
    day = sent
    for kind, gap in steps:
        name, extra = EVENTS[kind]
        if regime == "eisr" and name == "responded":
            extra = 'outcome = "refused"\nexemptions = ["reg10(5)(b)"]'
        day = day + dt.timedelta(days=gap)
        lines += ["", "[[events]]", f'type = "{name}"', f"date = {day}"] + ([extra] if extra else [])
    return "\n".join(lines) + "\n"


SETTINGS = textwrap.dedent(
    """
    [deadlines]
    receipt_rule = "{rule}"

    [deadlines.non_working_days]
    {holidays}

    [school_terms."Leeds"]
    terms = ["4 Sep 2023 to 20 Oct 2023", "30 Oct 2023 to 19 Dec 2023"]

    [authorities."Leeds Primary School"]
    kind = "other"
    {school}

    [authorities."London Borough of Hackney"]
    {hackney}
    """
)


def settings_text(rule: str, extra_day: bool, school: bool, hackney_days: int | None) -> str:
    return SETTINGS.format(
        rule=rule,
        holidays='2023-07-03 = "Office closed"' if extra_day else "",
        school='school_terms = "Leeds"' if school else "days = 60",
        hackney="days = 30" if hackney_days else "",
    )


requests = st.lists(
    st.tuples(
        st.sampled_from(AUTHORITIES),
        st.dates(dt.date(2023, 1, 2), dt.date(2023, 12, 1)),
        st.lists(st.tuples(st.integers(0, len(EVENTS) - 1), st.integers(0, 30)), max_size=5).map(
            lambda steps: sorted(steps)  # in the clock's order, as a real history goes
        ),
        st.sampled_from(("email", "post")),
    ),
    min_size=1,
    max_size=6,
)
tracker_settings = st.tuples(st.sampled_from(("ico", "code")), st.booleans(), st.booleans(), st.booleans())


def outputs(tracker: TrackerFolder, as_of: str, *, cache: bool) -> dict:
    env = {"COLUMNS": "200"} if cache else {"COLUMNS": "200", "FOITRACK_NO_CACHE": "1"}
    seen = {}
    for command in COMMANDS:
        result = tracker.runner.invoke(
            __import__("foitrack.cli", fromlist=["app"]).app, ["--dir", str(tracker.root), "--as-of", as_of, *command], env=env
        )
        seen[command] = (result.exit_code, result.stdout, result.stderr)
    ids = sorted(path.stem for path in tracker.requests.glob("*.toml"))
    for request_id in ids[:2]:
        result = tracker.run("show", request_id, "--json", as_of=as_of, env=env)
        seen[("show", request_id)] = (result.exit_code, result.stdout, result.stderr)
    return seen


def same_either_way(tracker: TrackerFolder, as_of: str) -> None:
    cached_first = outputs(tracker, as_of, cache=True)  # fills (or brings up to date) the cache
    cached = outputs(tracker, as_of, cache=True)  # read from it
    uncached = outputs(tracker, as_of, cache=False)
    for key in uncached:
        assert cached_first[key] == uncached[key], key
        assert cached[key] == uncached[key], key


@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(requests=requests, setup=tracker_settings, as_of=st.sampled_from(AS_OF_DATES), edit=st.integers(0, 5))
def test_the_cache_never_changes_an_answer(tmp_path_factory, requests, setup, as_of, edit):
    tracker = TrackerFolder(tmp_path_factory.mktemp("tracker"))
    tracker.settings(settings_text(*setup))
    paths = []
    for number, (authority, sent, steps, via) in enumerate(requests):
        paths.append(tracker.write(f"r{number}", request_text(*authority, sent, steps, via)))
    same_either_way(tracker, as_of)

    # A file edited twice within the same second, to the same size and mtime: still seen.
    path = paths[edit % len(paths)]
    before = os.stat(path)
    text = path.read_text()
    path.write_text(text.replace('tags = ["fusus"]', 'tags = ["other"]'))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    same_either_way(tracker, as_of)

    # foitrack.toml changed: another receipt rule, non-working days, school terms and limits.
    rule, extra_day, school, hackney = setup
    tracker.settings(settings_text("code" if rule == "ico" else "ico", not extra_day, not school, not hackney))
    same_either_way(tracker, as_of)


def test_another_bank_holiday_table_is_another_answer(tracker, monkeypatch):
    """A new python-holidays release that adds a day: settled deadlines are worked out again."""
    from foitrack.tracker import listing as tracker_module
    from foitrack.law import workdays

    tracker.write("hackney", request_text("London Borough of Hackney", "foia", dt.date(2023, 6, 1), [], "email"))
    before = tracker.ok("list", "--json", as_of="2023-06-05").json()[0]["due"]
    assert before == "2023-06-29"
    real_build = workdays._build_bank_holiday_table

    def with_a_new_day():
        table = dict(real_build())
        table[dt.date(2023, 6, 12)] = {"A new bank holiday": frozenset(workdays.DIVISIONS)}
        return table

    monkeypatch.setattr(workdays, "_build_bank_holiday_table", with_a_new_day)
    monkeypatch.setattr(workdays, "_table_key", lambda: "a later release")
    monkeypatch.setattr(workdays, "table_store", None)
    monkeypatch.setattr(tracker_module, "_CODE_CONTEXT", None)
    workdays._bank_holiday_table.cache_clear()
    workdays._calendar.cache_clear()
    try:
        cached = tracker.ok("list", "--json", as_of="2023-06-05").json()
        uncached = tracker.run("list", "--json", as_of="2023-06-05", env={"FOITRACK_NO_CACHE": "1"}).json()
    finally:
        workdays._bank_holiday_table.cache_clear()
        workdays._calendar.cache_clear()
        tracker_module._CODE_CONTEXT = None
    assert cached == uncached
    assert cached[0]["due"] == "2023-06-30"  # a day later: the new holiday is skipped


HACKNEY = """
authority = "London Borough of Hackney"
subject = "Contacts with Fusus"
sent = 2023-06-01

[[events]]
type = "acknowledged"
date = 2023-06-02
"""


# Where things sit in the index file (foitrack.store.index): [format, fingerprint, entries];
# an entry [name, logged_on, authority, subject, detail]; a detail [size, mtime_ns, ctime_ns,
# ino, digest, racy, row, context, derived]; a row starts [name, authority, subject, ...].
DETAIL, RACY, DIGEST, ROW, SUBJECT = 4, 5, 4, 6, 2


def index_file(root: Path, name: str = "hackney.toml") -> Path:
    """The index file holding a request file's entry (one per month of file names)."""
    return root / ".foitrack" / "cache" / index_module.FOLDER / f"{index_module.shard_of(name)}.msgpack"


def doctor(root: Path, name: str, subject: str, digest: bytes | None = None, racy: bool = False) -> None:
    """Change what the index holds for a file (its stat left as it is), as a damaged or
    tampered cache would."""
    path = index_file(root, name)
    top = msgspec.msgpack.decode(path.read_bytes())
    for entry in top[2]:
        if entry[0] == name:
            entry[DETAIL][RACY] = racy
            entry[DETAIL][ROW][SUBJECT] = subject
            if digest is not None:
                entry[DETAIL][DIGEST] = digest
    path.write_bytes(msgspec.msgpack.encode(top))


def test_listings_use_the_cache_and_writes_never_do(tracker, monkeypatch):
    from foitrack.store import parsecache

    tracker.write("hackney", HACKNEY)
    tracker.ok("list")
    real_now = parsecache._now_ns()
    monkeypatch.setattr(parsecache, "_now_ns", lambda: real_now + 3600 * 10**9)  # the file is old now
    doctor(tracker.root, "hackney.toml", "DOCTORED")
    # list shows what the index holds, which proves it reads it and not the file...
    assert tracker.ok("list", "--json").json()[0]["subject"] == "DOCTORED"
    # ...but show and record read the file itself,
    assert tracker.ok("show", "hackney", "--json").json()["subject"] == "Contacts with Fusus"
    tracker.ok("record", "hackney", "note", "--text", "Called them", "--on", "2023-06-05")
    assert "DOCTORED" not in (tracker.requests / "hackney.toml").read_text()
    # and a file that changed is read again.
    assert tracker.ok("list", "--json").json()[0]["subject"] == "Contacts with Fusus"


def test_a_racy_entry_is_checked_against_the_bytes(tracker):
    tracker.write("hackney", HACKNEY)
    tracker.ok("list")
    top = msgspec.msgpack.decode(index_file(tracker.root).read_bytes())
    assert top[2][0][DETAIL][RACY] is True  # just written: trusted only once its digest agrees
    doctor(tracker.root, "hackney.toml", "DOCTORED", digest=b"0" * 16, racy=True)
    assert tracker.ok("list", "--json").json()[0]["subject"] == "Contacts with Fusus"


@pytest.mark.parametrize("damage", [b"", b"\x00\xff garbage", b"\x93\x01", "WRONG-SHAPE", "OTHER-CODE"])
def test_a_damaged_cache_is_ignored_and_rebuilt(tracker, damage):
    tracker.write("hackney", HACKNEY)
    expected = tracker.ok("list", "--json", as_of="2023-09-25").stdout
    path = index_file(tracker.root)
    if damage == "WRONG-SHAPE":  # right header, nonsense entries
        top = msgspec.msgpack.decode(path.read_bytes())
        top[2] = [["hackney.toml", "2023-06-01", "x", "y", {"not": "a detail"}]]
        path.write_bytes(msgspec.msgpack.encode(top))
    elif damage == "OTHER-CODE":  # written by another version of foitrack
        top = msgspec.msgpack.decode(path.read_bytes())
        top[1] = "another version"
        path.write_bytes(msgspec.msgpack.encode(top))
    else:
        path.write_bytes(damage)
    result = tracker.run("list", "--json", as_of="2023-09-25")
    assert (result.exit_code, result.stderr, result.stdout) == (0, "", expected)
    assert [entry[0] for entry in msgspec.msgpack.decode(path.read_bytes())[2]] == ["hackney.toml"]  # rewritten


def test_deleting_or_not_being_able_to_write_the_cache_is_no_error(tracker):
    tracker.write("hackney", HACKNEY)
    first = tracker.ok("list", "--json", as_of="2023-09-25").stdout
    shutil.rmtree(tracker.root / ".foitrack")
    assert tracker.ok("list", "--json", as_of="2023-09-25").stdout == first
    shutil.rmtree(tracker.root / ".foitrack")
    (tracker.root / ".foitrack").mkdir()
    (tracker.root / ".foitrack" / "cache").write_text("a file where the cache folder would go")
    result = tracker.run("list", "--json", as_of="2023-09-25")
    assert (result.exit_code, result.stderr, result.stdout) == (0, "", first)


def test_a_settings_change_is_followed_and_only_what_it_touches_is_worked_out_again(tracker, monkeypatch):
    from foitrack.tracker import Tracker

    tracker.write("hackney", HACKNEY)
    tracker.write("met", HACKNEY.replace("London Borough of Hackney", "Metropolitan Police Service"))
    assert [r["due"] for r in tracker.ok("list", "--json", as_of="2023-06-05").json()] == ["2023-06-29"] * 2
    worked_out = []
    real = Tracker._kept
    monkeypatch.setattr(Tracker, "_kept", lambda self, row: worked_out.append(row.name) or real(self, row))
    tracker.ok("list", "--json", as_of="2023-06-05")
    assert worked_out == []  # nothing changed: every settled evaluation came from the cache
    tracker.settings('[authorities."London Borough of Hackney"]\ndays = 30\n')
    rows = tracker.ok("list", "--json", as_of="2023-06-05").json()
    assert worked_out == ["hackney.toml"]  # only the authority whose limit changed
    # An authority's own 30 working days (rules 2.6-2.8) from Thu 1 June 2023, not counting
    # 12 July (a bank holiday in Northern Ireland, so not a UK working day): Fri 14 July.
    assert {r["id"]: r["due"] for r in rows} == {"hackney": "2023-07-14", "met": "2023-06-29"}


def test_sharing_equal_strings_and_dates_changes_nothing(tracker, monkeypatch):
    """Large listings share one object per authority, subject and date among their rows
    (`SHARE_FROM`): the answers are the same."""
    from foitrack.tracker import listing as tracker_module

    for number, (authority, _) in enumerate(AUTHORITIES):
        tracker.write(f"r{number}", request_text(authority, "foia", dt.date(2023, 3, 1 + number), [(0, 2), (7, 30), (8, 5)], "email"))
    unshared = outputs(tracker, "2023-09-25", cache=True)
    monkeypatch.setattr(tracker_module, "SHARE_FROM", 0)
    assert outputs(tracker, "2023-09-25", cache=True) == unshared == outputs(tracker, "2023-09-25", cache=False)
