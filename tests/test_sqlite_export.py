"""`foitrack export --format sqlite PATH`: a database Datasette browses, opened with Datasette's own
Python API and queried as a reader would, full-text search included."""

from __future__ import annotations

import asyncio
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import TrackerFolder

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "fusus"
AS_OF = "2023-09-25"


@pytest.fixture
def seeds(tmp_path) -> TrackerFolder:
    shutil.copytree(SEEDS, tmp_path / "fusus")
    return TrackerFolder(tmp_path / "fusus")


def datasette(path: Path, *queries: str):
    """Each query's JSON, as Datasette serves it for the database at `path` with its metadata."""
    from datasette.app import Datasette

    async def ask():
        metadata = json.loads(path.with_name(f"{path.stem}.metadata.json").read_text(encoding="utf-8"))
        ds = Datasette([str(path)], metadata=metadata)
        await ds.invoke_startup()
        answers = []
        for query in queries:
            response = await ds.client.get(query)
            assert response.status_code == 200, (query, response.text[:500])
            answers.append(response.json() if ".json" in query else response.text)
        return answers

    return asyncio.run(ask())


def test_the_database_holds_requests_events_and_authorities_with_keys(seeds, tmp_path):
    path = tmp_path / "fusus.db"
    result = seeds.ok("export", "--format", "sqlite", str(path), as_of=AS_OF)
    assert result.stdout.splitlines() == [
        f"Wrote 8 requests, 25 events and 7 authorities to {path}.",
        f"Browse them with: datasette {path} --metadata {tmp_path / 'fusus.metadata.json'}",
    ]
    tables, requests, met, events, authorities = datasette(
        path,
        "/fusus.json",
        "/fusus/requests.json?_shape=array&_sort=id",
        "/fusus/requests/2023-05-15-metropolitan-police-contacts-with-fusus-b2qt.json?_shape=array",
        "/fusus/events.json?_shape=array&request_id=2023-05-15-hackney-contacts-with-fusus-5m26&_sort=position",
        "/fusus/authorities.json?_shape=array&_sort=name",
    )
    names = {table["name"]: table for table in tables["tables"]}
    assert {"requests", "events", "authorities", "exemptions"} <= set(names)
    assert names["requests"]["fts_table"] == "requests_fts" and names["events"]["fts_table"] == "events_fts"
    assert names["requests"]["foreign_keys"]["outgoing"] == [
        {"other_table": "authorities", "column": "authority", "other_column": "name"}
    ]
    assert {"other_table": "requests", "column": "request_id", "other_column": "id"} in names["events"]["foreign_keys"]["outgoing"]
    assert len(requests) == 8
    [met] = met
    assert (met["authority"], met["status"], met["status_label"], met["working_days_overdue"]) == (
        "Metropolitan Police Service", "review-overdue", "Internal review overdue", 11,
    )
    assert met["outcome_label"] == "Refused" and met["answered_on_time"] == 0
    assert json.loads(met["exemptions"]) == ["s24(1) National security", "s31(1)(a) Law enforcement", "s40(2) Personal information"]
    # Hackney's timeline, in the file's order, with the outcome and exemptions of each response.
    assert [(e["position"], e["type"], e["date"]) for e in events] == [
        (1, "acknowledged", "2023-05-17"),
        (2, "clarification-requested", "2023-05-24"),
        (3, "clarified", "2023-05-26"),
        (4, "responded", "2023-07-07"),
        (5, "review-requested", "2023-07-12"),
        (6, "review-responded", "2023-08-09"),
    ]
    assert events[3]["outcome"] == "partial" and json.loads(events[3]["exemptions"]) == ["s43(2)"]
    by_name = {a["name"]: a for a in authorities}
    assert (by_name["Metropolitan Police Service"]["short_name"], by_name["Metropolitan Police Service"]["kind"]) == ("Met Police", "police")
    assert by_name["London Borough of Merton"]["requests"] == 2
    assert by_name["London Borough of Hackney"]["nation"] == "England"


def test_full_text_search_finds_subjects_bodies_and_notes(seeds, tmp_path):
    path = tmp_path / "fusus.db"
    seeds.ok("export", "--format", "sqlite", str(path), as_of=AS_OF)
    in_bodies, in_subjects, in_notes, stemmed = datasette(
        path,
        "/fusus/requests.json?_shape=array&_search=memorandum",
        "/fusus/requests.json?_shape=array&_search=CCTV%20team",
        "/fusus/events.json?_shape=array&_search=presentation",
        "/fusus/events.json?_shape=array&_search=release",  # the porter stemmer finds 'released'
    )
    # Seven bodies ask for any memorandum of understanding; the narrowed follow-up does not.
    assert len(in_bodies) == 7 and "2023-08-21-merton-contacts-with-fusus-cctv-52uu" not in {r["id"] for r in in_bodies}
    assert [r["id"] for r in in_subjects] == ["2023-08-21-merton-contacts-with-fusus-cctv-52uu"]
    assert {e["request_id"] for e in in_notes} == {"2023-05-15-hackney-contacts-with-fusus-5m26"}
    assert {e["note"] for e in stemmed} >= {
        "Presentation released with prices blacked out", "Emails released; staff names and the firm's prices redacted",
    }


def test_datasette_shows_what_each_table_is_and_where_the_authority_data_comes_from(seeds, tmp_path):
    path = tmp_path / "fusus.db"
    seeds.ok("export", "--format", "sqlite", str(path), as_of=AS_OF)
    index, authorities, requests = datasette(path, "/", "/fusus/authorities", "/fusus/requests")
    assert "Freedom of Information requests" in index
    assert "CC BY 4.0" in authorities and "Open Government Licence v3.0" in authorities
    assert "mySociety" in authorities
    assert "One row per request" in requests
    assert "Working days from receipt to the first response" in requests  # a column's description


def test_exporting_again_replaces_the_database_in_one_step(seeds, tmp_path):
    path = tmp_path / "fusus.db"
    seeds.ok("export", "--format", "sqlite", str(path), as_of=AS_OF)
    reader = sqlite3.connect(path)  # a Datasette with the old file open
    assert reader.execute("select count(*) from requests").fetchone() == (8,)
    seeds.ok("export", "--format", "sqlite", str(path), "--kind", "police", as_of=AS_OF)
    assert reader.execute("select count(*) from requests").fetchone() == (8,)  # still the old file, whole
    reader.close()
    fresh = sqlite3.connect(path)
    assert fresh.execute("select count(*) from requests").fetchone() == (3,)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fusus", "fusus.db", "fusus.metadata.json"]


def test_an_export_never_replaces_a_file_that_is_not_a_database(seeds, tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("my notes", encoding="utf-8")
    result = seeds.run("export", "--format", "sqlite", str(notes))
    assert result.exit_code == 2
    assert result.stderr == f"foitrack: error: {notes} is not a SQLite database; give a new file name (an export replaces only a database)\n"
    assert notes.read_text(encoding="utf-8") == "my notes"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "sqlite"], "--format sqlite needs a file to write: foitrack export --format sqlite PATH"),
        (["--format", "sqlite", "{tmp}"], "is a folder: give a file name"),
        (["--format", "sqlite", "{tmp}/missing/f.db"], "the folder"),
        (["--format", "sqlite", "{tmp}/a.db", "--out", "{tmp}/b.db"], "give the file once"),
    ],
)
def test_sqlite_usage_errors(seeds, tmp_path, args, message):
    result = seeds.run("export", *(a.replace("{tmp}", str(tmp_path)) for a in args))
    assert result.exit_code == 2 and message in result.stderr and result.stderr.count("\n") == 1


def test_a_users_own_keys_in_events_are_kept(tracker, tmp_path):
    tracker.write(
        "own",
        """
        authority = "London Borough of Hackney"
        subject = "Parking"
        sent = 2023-06-01

        [[events]]
        type = "responded"
        date = 2023-06-20
        outcome = "refused"
        exemptions = ["s43(2)"]
        reporter = "Jo"
        """,
    )
    path = tmp_path / "own.db"
    tracker.ok("export", "--format", "sqlite", str(path), as_of="2023-09-29")
    [event] = datasette(path, "/own/events.json?_shape=array")[0]
    assert json.loads(event["extra"]) == {"reporter": "Jo"}
    [exemption] = datasette(path, "/own/exemptions.json?_shape=array")[0]
    assert exemption == {
        "request_id": exemption["request_id"], "exemption": "s43(2)", "section": "s43",
        "name": "s43(2) Commercial interests", "law": "FOIA",
    }


def test_documents_kept_with_a_request_are_a_table_with_their_text_searchable(seeds, tmp_path):
    # A reply read from the mailbox: the raw email and its attachment kept under documents/, and
    # the event that lists them, as `inbox --apply` writes them.
    request_id = "2023-05-15-hackney-contacts-with-fusus-5m26"
    folder = seeds.root / "documents" / request_id
    folder.mkdir(parents=True)
    (folder / "reply.eml").write_bytes(
        b"From: foi@hackney.gov.uk\r\nTo: reporter@example.org\r\nSubject: FOI response\r\n"
        b"Message-ID: <r1@hackney.gov.uk>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Please find our response attached. The contract values are withheld as commercially sensitive.\r\n"
    )
    (folder / "schedule.txt").write_text("Schedule of redactions: the Fusus tariff.\n", encoding="utf-8")
    path = seeds.root / "requests" / f"{request_id}.toml"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(
            '\n[[events]]\ntype = "note"\ndate = 2023-07-07\ntext = "The response as it came"\n'
            'message_id = "<r1@hackney.gov.uk>"\n'
            f'documents = ["documents/{request_id}/reply.eml", "documents/{request_id}/schedule.txt"]\n'
        )
    db = tmp_path / "fusus.db"
    seeds.ok("export", "--format", "sqlite", str(db), as_of=AS_OF)
    tables, rows, found, none = datasette(
        db,
        "/fusus.json",
        "/fusus/documents.json?_shape=array&_sort=path",
        "/fusus/documents.json?_shape=array&_search=commercially",
        "/fusus/documents.json?_shape=array&_search=unicorns",
    )
    names = {table["name"]: table for table in tables["tables"]}
    assert names["documents"]["fts_table"] == "documents_fts"
    assert {"other_table": "requests", "column": "request_id", "other_column": "id"} in names["documents"]["foreign_keys"]["outgoing"]
    assert [(r["name"], r["request_id"], r["event_type"], r["event_position"]) for r in rows] == [
        ("reply.eml", request_id, "note", 7),
        ("schedule.txt", request_id, "note", 7),
    ]
    assert rows[0]["text"].startswith("FOI response") and "commercially sensitive" in rows[0]["text"]
    assert rows[1]["bytes"] == len("Schedule of redactions: the Fusus tariff.\n")
    assert [r["name"] for r in found] == ["reply.eml"]
    assert none == []


def test_a_tracker_without_documents_still_has_the_documents_table(seeds, tmp_path):
    db = tmp_path / "fusus.db"
    seeds.ok("export", "--format", "sqlite", str(db), as_of=AS_OF)
    assert sqlite3.connect(db).execute("select count(*) from documents").fetchone() == (0,)


def test_a_tracker_without_events_or_requests_still_exports_every_table(tracker, tmp_path):
    db = tmp_path / "empty.db"
    tracker.ok("export", "--format", "sqlite", str(db))
    tables = {row[0] for row in sqlite3.connect(db).execute("select name from sqlite_master where type = 'table'")}
    assert {"authorities", "requests", "events", "exemptions", "documents"} <= tables
    tracker.write("hackney", 'authority = "London Borough of Hackney"\nsubject = "Rats"\nsent = 2023-06-01\n')
    result = tracker.ok("export", "--format", "sqlite", str(db), as_of="2023-06-02")
    assert result.stdout.startswith(f"Wrote 1 request, 0 events and 1 authority to {db}.")
    connection = sqlite3.connect(db)
    assert connection.execute("select count(*) from events").fetchone() == (0,)
    assert connection.execute("select id, status from requests").fetchall() == [
        ("hackney", "awaiting-response")
    ]
