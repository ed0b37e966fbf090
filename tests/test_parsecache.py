"""The parse cache behind Store.load_all: it must give exactly what parsing gives, and never stale data.

Every test writes literal request files, loads them once (which fills .foitrack/cache/), changes
something, and loads again.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time

import pytest

from foitrack.store import parsecache
from foitrack.store.folder import Store
from foitrack.tracker import Tracker

HACKNEY = """
# Sent from the newsroom account.
authority = "London Borough of Hackney"
subject = "Contacts with Fusus"
sent = 2023-06-01
regime = "foia"
batch = "fusus-round-1"
tags = ["fusus"]
desk = "investigations"   # a key of the user's own

[[events]]
type = "acknowledged"
date = 2023-06-02
ref = "FOI-2023-118"
"""

# Every kind of value a user might write: string dates, unknown keys (nested, dated), every event.
EVERYTHING = """
authority = "Royal Borough of Kensington and Chelsea"
subject = "Camera trial on housing estates"
sent = "1 March 2023"
received = 2023-03-02
regime = "eir"
tags = ["fusus", "housing"]
via = "email"
email = "foi@example.org"
body = '''
Please send the trial agreement.
And the "data protection impact assessment".'''
reviewed_on = 2023-09-01
contact = { name = "Press office", phone = "020 0000 0000", extension = 12 }
scores = [1, 2.5, true]

[[events]]
type = "clarification-requested"
date = 2023-03-06
seen_by = "Jo"

[[events]]
type = "clarified"
date = "08/03/2023"

[[events]]
type = "fee-notice"
date = 2023-03-10
amount = 25.5

[[events]]
type = "fee-paid"
date = 2023-03-13
amount = "£25.50"

[[events]]
type = "extended"
date = 2023-04-03
days = 20
reason = "complex"

[[events]]
type = "chased"
date = 2023-05-09
to = "foi@example.org"
stage = 1

[[events]]
type = "responded"
date = 2023-05-20
outcome = "partial"
exemptions = ["regulation 12(5)(e)", "reg 13(1)"]
ref = "RBKC-1"

[[events]]
type = "review-requested"
date = 2023-05-25

[[events]]
type = "review-responded"
date = 2023-06-30
outcome = "upheld"
exemptions = ["reg 12(5)(e)"]

[[events]]
type = "complained"
date = 2023-07-03
ref = "IC-1"

[[events]]
type = "decision"
date = 2023-09-01
outcome = "partly-upheld"

[[events]]
type = "note"
date = 2023-09-02
text = "Follow up"
"""

# A datetime in an unknown key: JSON cannot hold it, so this file is parsed every time.
WITH_DATETIME = """
authority = "Merseyside Police"
subject = "Contacts with Fusus"
sent = 2023-06-01
called_at = 2023-06-03T10:15:00Z
"""

BROKEN = """
authority = "City of London Police"
subject = "Contacts with Fusus
sent = 2023-06-01
"""


def load(root, **options):
    return Store(root, **options).load_all()


def same(cached, parsed):
    """Field for field, including what pydantic remembers about which keys were written."""
    assert [r.id for r in cached] == [r.id for r in parsed]
    for a, b in zip(cached, parsed):
        assert a == b
        assert a.path == b.path and a.id == b.id
        assert a.model_dump() == b.model_dump()
        assert a.model_dump(exclude_unset=True) == b.model_dump(exclude_unset=True)
        assert a.model_extra == b.model_extra
        assert [type(v) for v in a.model_extra.values()] == [type(v) for v in b.model_extra.values()]
        for x, y in zip(a.events, b.events):
            assert x.model_dump(exclude_unset=True) == y.model_dump(exclude_unset=True)
            assert x.model_extra == y.model_extra


def cache_entries(root):
    entries = {}
    for path in sorted((root / ".foitrack" / "cache").glob("requests-*.json")):
        entries.update(json.loads(path.read_text())["entries"])
    return entries


def test_cached_load_equals_parsing_every_file(tracker):
    tracker.write("hackney", HACKNEY)
    tracker.write("rbkc", EVERYTHING)
    tracker.write("merseyside", WITH_DATETIME)
    tracker.write("broken", BROKEN)
    parsed, parsed_problems = load(tracker.root, use_cache=False)
    first, first_problems = load(tracker.root)  # fills the cache
    second, second_problems = load(tracker.root)  # served from it
    same(first, parsed)
    same(second, parsed)
    assert first_problems == second_problems == parsed_problems
    assert [p.path.name for p in second_problems] == ["broken.toml"]
    # The datetime file and the broken one are not cached; the other two are.
    assert sorted(cache_entries(tracker.root)) == ["hackney.toml", "rbkc.toml"]
    as_of = dt.date(2023, 9, 25)
    t = Tracker(tracker.root, as_of_date=as_of)
    for a, b in zip(second, parsed):
        assert t.evaluate(a) == t.evaluate(b)
    # The string dates and EIR references were normalised when validated, and stay so.
    rbkc = next(r for r in second if r.id == "rbkc")
    assert rbkc.sent == dt.date(2023, 3, 1) and rbkc.events[1].date == dt.date(2023, 3, 8)
    assert rbkc.events[6].exemptions == ["reg12(5)(e)", "reg13(1)"]
    assert rbkc.reviewed_on == dt.date(2023, 9, 1)
    assert rbkc.contact == {"name": "Press office", "phone": "020 0000 0000", "extension": 12}


def test_cache_lives_in_the_state_folder_never_in_requests(tracker):
    tracker.write("hackney", HACKNEY)
    before = sorted(p.name for p in tracker.requests.iterdir())
    load(tracker.root)
    assert sorted(p.name for p in tracker.requests.iterdir()) == before
    assert list((tracker.root / ".foitrack" / "cache").glob("requests-*.json"))
    # The state folder ignores itself, so the cache never reaches git.
    assert (tracker.root / ".foitrack" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_same_size_edit_in_the_same_second_is_seen(tracker):
    path = tracker.write("hackney", HACKNEY)
    before = os.stat(path)
    assert tracker.ok("list", "--json", as_of="2023-06-05").json()[0]["due"] == "2023-06-29"
    # Change the sent date by a day: same size; then put the old mtime back, to the nanosecond.
    path.write_text(path.read_text().replace("sent = 2023-06-01", "sent = 2023-06-02"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    # 20 working days from Fri 2 June 2023 (no June bank holidays): Fri 30 June.
    assert tracker.ok("list", "--json", as_of="2023-06-05").json()[0]["due"] == "2023-06-30"


def test_settled_entry_still_sees_an_edit_that_resets_mtime(tracker, monkeypatch):
    path = tracker.write("hackney", HACKNEY)
    before = os.stat(path)
    # Load "an hour later", so the entry is trusted on its stat alone (no digest check).
    real_now = time.time_ns()
    monkeypatch.setattr(parsecache, "_now_ns", lambda: real_now + 3600 * 10**9)
    load(tracker.root)
    assert cache_entries(tracker.root)["hackney.toml"][5] is False  # settled: not racy
    time.sleep(0.05)  # let the clock move on, as it has for any edit a person makes
    path.write_text(path.read_text().replace('subject = "Contacts with Fusus"', 'subject = "Contacts with FUSUS"'))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # mtime reset; ctime cannot be
    [request], _ = load(tracker.root)
    assert request.subject == "Contacts with FUSUS"


def test_racy_entries_settle_once_the_file_is_old(tracker, monkeypatch):
    tracker.write("hackney", HACKNEY)
    load(tracker.root)
    assert cache_entries(tracker.root)["hackney.toml"][5] is True  # just written: verify by digest
    real_now = time.time_ns()
    monkeypatch.setattr(parsecache, "_now_ns", lambda: real_now + 3600 * 10**9)
    [request], _ = load(tracker.root)
    assert request.subject == "Contacts with Fusus"
    assert cache_entries(tracker.root)["hackney.toml"][5] is False


def test_the_cache_is_used_but_never_for_writes(tracker):
    tracker.write("hackney", HACKNEY)
    load(tracker.root)
    # Doctor the cached entry (stat key unchanged): bulk reads show it, which proves they use it...
    cache = tracker.root / ".foitrack" / "cache"
    for shard in cache.glob("requests-*.json"):
        data = json.loads(shard.read_text())
        if "hackney.toml" in data["entries"]:
            entry = data["entries"]["hackney.toml"]
            entry[5] = False
            entry[6][0][0]["subject"] = "DOCTORED"
            shard.write_text(json.dumps(data))
    assert load(tracker.root)[0][0].subject == "DOCTORED"
    # ...but show and record read the file itself.
    assert tracker.ok("show", "hackney", "--json").json()["subject"] == "Contacts with Fusus"
    tracker.ok("record", "hackney", "note", "--text", "Called them", "--on", "2023-06-05")
    assert "DOCTORED" not in (tracker.requests / "hackney.toml").read_text()
    # The file changed, so the next bulk read parses it again.
    [request], _ = load(tracker.root)
    assert request.subject == "Contacts with Fusus"


def test_deleting_the_cache_is_safe(tracker):
    tracker.write("hackney", HACKNEY)
    first, _ = load(tracker.root)
    import shutil

    shutil.rmtree(tracker.root / ".foitrack" / "cache")
    same(load(tracker.root)[0], first)
    shutil.rmtree(tracker.root / ".foitrack")
    same(load(tracker.root)[0], first)
    assert cache_entries(tracker.root)  # rebuilt


@pytest.mark.parametrize(
    "damage",
    [
        b"\x00\xff garbage",
        b'{"format": 1, "fingerprint": "',  # truncated
        b"[1, 2, 3]",
        b'{"format": 999, "fingerprint": "x", "entries": {}}',
        "WRONG-SHAPE",
    ],
)
def test_a_corrupt_cache_is_ignored_and_rebuilt(tracker, damage):
    tracker.write("hackney", HACKNEY)
    tracker.write("rbkc", EVERYTHING)
    expected, _ = load(tracker.root, use_cache=False)
    load(tracker.root)
    for shard in (tracker.root / ".foitrack" / "cache").glob("requests-*.json"):
        if damage == "WRONG-SHAPE":  # right header and stat keys, nonsense data
            data = json.loads(shard.read_text())
            for entry in data["entries"].values():
                entry[5] = False
                entry[6] = [{"not": "a request"}, 7]
            shard.write_text(json.dumps(data))
        else:
            shard.write_bytes(damage)
    requests, problems = load(tracker.root)
    assert problems == []
    same(requests, expected)
    assert sorted(cache_entries(tracker.root)) == ["hackney.toml", "rbkc.toml"]  # rewritten


def test_unwritable_cache_is_no_error(tracker):
    tracker.write("hackney", HACKNEY)
    (tracker.root / ".foitrack").mkdir()
    (tracker.root / ".foitrack" / "cache").write_text("a file where the cache folder would go")
    result = tracker.run("list", "--json")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.json()[0]["subject"] == "Contacts with Fusus"


def test_files_added_and_deleted_are_seen(tracker):
    first = tracker.write("hackney", HACKNEY)
    load(tracker.root)
    tracker.write("rbkc", EVERYTHING)
    assert [r.id for r in load(tracker.root)[0]] == ["hackney", "rbkc"]
    first.unlink()
    assert [r.id for r in load(tracker.root)[0]] == ["rbkc"]
    assert sorted(cache_entries(tracker.root)) == ["rbkc.toml"]


def test_a_file_broken_after_caching_is_reported_not_served(tracker):
    path = tracker.write("hackney", HACKNEY)
    load(tracker.root)
    path.write_text(path.read_text() + "\n[[events]]\ntype = \"responded\"\ndate = 2023-06-20\n")
    requests, problems = load(tracker.root)
    assert requests == []
    # Lines 1-13 are HACKNEY; 14 is blank; the new [[events]] header, whose table lacks outcome, is 15.
    assert [(p.path.name, p.line) for p in problems] == [("hackney.toml", 15)]
    assert "outcome" in problems[0].message


def test_no_cache_when_asked(tracker, monkeypatch):
    tracker.write("hackney", HACKNEY)
    monkeypatch.setenv("FOITRACK_NO_CACHE", "1")
    [request], _ = load(tracker.root)
    assert request.subject == "Contacts with Fusus"
    assert not (tracker.root / ".foitrack" / "cache").exists()


def test_bank_holiday_table_kept_between_runs_is_the_one_built(tmp_path, monkeypatch):
    from foitrack.law import workdays as calendar

    builds = []
    real_build = calendar._build_bank_holiday_table

    def build():
        builds.append(1)
        return real_build()

    monkeypatch.setattr(calendar, "_build_bank_holiday_table", build)
    monkeypatch.setattr(calendar, "table_store", parsecache.DerivedStore(tmp_path / "cache"))
    saved = tmp_path / "cache" / "bank-holidays.json"
    calendar._bank_holiday_table.cache_clear()
    try:
        built = calendar._bank_holiday_table()
        assert builds == [1] and saved.exists()
        calendar._bank_holiday_table.cache_clear()
        assert calendar._bank_holiday_table() == built and builds == [1]  # read back, not rebuilt
        # Coronation bank holiday, 8 May 2023, observed in every nation.
        assert set(built[dt.date(2023, 5, 8)].values()) == {frozenset(calendar.DIVISIONS)}
        for damage in (b"not json", b'{"format": 1, "key": "another release", "data": []}',
                       b'{"format": 1, "key": "%s", "data": [["2023-13-45", {}]]}' % calendar._table_key().encode()):
            saved.write_bytes(damage)
            calendar._bank_holiday_table.cache_clear()
            assert calendar._bank_holiday_table() == built
        assert builds == [1, 1, 1, 1]
    finally:
        calendar._bank_holiday_table.cache_clear()


def test_same_files_are_read_with_or_without_the_cache(tracker):
    tracker.write("hackney", HACKNEY)
    tracker.write(".hidden", HACKNEY)  # editor and temp files are not requests
    (tracker.requests / "notes.txt").write_text("not a request")
    (tracker.requests / "folder.toml").mkdir()
    for _ in range(2):  # filling the cache, then reading from it
        assert [r.id for r in load(tracker.root)[0]] == ["hackney"]
    assert [r.id for r in load(tracker.root, use_cache=False)[0]] == ["hackney"]


def test_a_generated_tracker_reads_the_same_from_the_cache(tmp_path):
    """Every event type and option the bench generator writes survives the round trip."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "bench_generate", Path(__file__).resolve().parent.parent / "bench" / "generate.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(200, tmp_path / "t", seed=3)
    parsed, _ = load(tmp_path / "t", use_cache=False)
    load(tmp_path / "t")
    cached, _ = load(tmp_path / "t")
    assert len(cached) == 200
    same(cached, parsed)
    t = Tracker(tmp_path / "t", as_of_date=dt.date(2024, 6, 28))
    assert [t.evaluate(r) for r in cached] == [t.evaluate(r) for r in parsed]
